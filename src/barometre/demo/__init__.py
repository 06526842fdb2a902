"""The demonstration: quickstart on bundled, clearly labelled demonstration data."""
