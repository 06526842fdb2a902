"""Shared plumbing: data folder, command base class, errors."""
