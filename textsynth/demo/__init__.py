"""Demo data: the bundled demo seeds (``reviews.jsonl``) and loaders for the public corpora `make data` unpacks."""
