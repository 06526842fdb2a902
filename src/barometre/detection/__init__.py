"""Detection: pure functions from a page to services, signals and a proposed level."""
