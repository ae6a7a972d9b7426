"""Evaluation stage: fidelity, utility (train on synthetic, test on real) and privacy of a synthetic corpus.

``evaluate.evaluate`` runs all three and returns a ``report.Report`` (metrics.json + self-contained report.html).
"""
