"""Evaluation stage: fidelity, utility (train on synthetic, test on real) and privacy of a synthetic corpus.

``report.evaluate`` runs all three and returns a ``Report`` (metrics.json + self-contained report.html).
"""
