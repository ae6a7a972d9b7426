"""scrubbing stage."""
