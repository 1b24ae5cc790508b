"""Use cases: the only layer that combines the domain with adapters."""
