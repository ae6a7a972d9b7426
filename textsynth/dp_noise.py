"""Noise for differential privacy, drawn from the operating system's CSPRNG (``secrets`` / ``os.urandom``).

Every DP mechanism in textsynth (the label histogram of a DP fine-tune, DP-SGD's sampling and noise
generators, and any later mechanism such as Private Evolution) takes its randomness from here. DP noise must
never come from a reproducible seed: anyone who can regenerate the noise (e.g. from a seed derived from a
published fingerprint) can subtract it and recover the exact statistic. So DP outputs are not reproducible by
design, and nothing here accepts a seed.

Floating-point caveat: the samplers below turn 53 random bits into a double and apply the inverse CDF.
Mironov (CCS 2012) showed that the textbook floating-point Laplace mechanism leaks through the set of doubles
it can output (which depends on the true value); :func:`laplace_histogram` therefore rounds each noisy count to
a power-of-two grid no finer than the noise scale (the rounding step of Mironov's snapping mechanism), which
removes the low-order bits the attack reads. This is a mitigation, not a proof: the epsilon reported is that of
the ideal real-valued mechanism. The inverse-CDF tails are cut at about 36.7 scales (probability 2**-53).
"""
from __future__ import annotations

import math
import secrets
from typing import Mapping, Sequence

_BITS = 53  # the precision of a double's significand


def secure_uniform() -> float:
    """A uniform double in the open interval (0, 1) from 53 CSPRNG bits (never 0 or 1)."""
    return (secrets.randbits(_BITS) + 0.5) / 2.0**_BITS


def secure_seed(bits: int = 64) -> int:
    """A fresh seed from the CSPRNG, for generators (e.g. torch's) that must be seeded but not from config."""
    return secrets.randbits(bits)


def laplace(scale: float) -> float:
    """One draw of Laplace(0, scale) by the inverse CDF on a CSPRNG uniform."""
    if not scale > 0:
        raise ValueError("laplace: scale must be positive")
    u = secure_uniform() - 0.5  # in (-0.5, 0.5); |u| < 0.5 so the log argument stays positive
    return -scale * math.copysign(1.0, u) * math.log1p(-2.0 * abs(u))


def gaussian(sigma: float) -> float:
    """One draw of N(0, sigma^2) by Box-Muller on two CSPRNG uniforms."""
    if not sigma > 0:
        raise ValueError("gaussian: sigma must be positive")
    u1, u2 = secure_uniform(), secure_uniform()
    return sigma * math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def snap_grid(scale: float) -> float:
    """The smallest power of two >= ``scale``: the grid noisy values are rounded to."""
    return 2.0 ** math.ceil(math.log2(scale))


def laplace_histogram(counts: Mapping[str, float], keys: Sequence[str], epsilon: float,
                      sensitivity: float = 1.0) -> dict[str, float]:
    """The Laplace mechanism on a histogram: each key's count + Laplace(sensitivity/epsilon), clipped at 0.

    ``sensitivity`` is the L1 sensitivity of the whole histogram (1 for add/remove of one record that adds
    one to a single bin). Keys absent from ``counts`` count 0; the key set itself must be public.
    """
    if not epsilon > 0:
        raise ValueError("laplace_histogram: epsilon must be positive")
    scale = sensitivity / epsilon
    grid = snap_grid(scale)
    return {k: max(0.0, round((float(counts.get(k, 0)) + laplace(scale)) / grid) * grid) for k in keys}


SEED_INDEPENDENT_FILTERS = ("quality",)  # output filters that never look at the seeds


def guarantee_text(dp: Mapping[str, object]) -> str:
    """One sentence stating a DP guarantee recorded by a DP path (for the dataset card and the report)."""
    eps, delta = float(dp["epsilon"]), dp.get("delta", "n/a")  # type: ignore[arg-type]
    if dp.get("method") != "private_evolution":
        text = (f"DP-SGD, epsilon = {eps:.2f}, delta = {delta}: it bounds what the fine-tuned model's weights reveal "
                "about any one seed record (add/remove one record).")
    else:
        text = (f"Private Evolution (Aug-PE), epsilon = {eps:.2f}, delta = {delta}: {dp['iterations']} iterations "
                f"of the Gaussian mechanism (noise multiplier {dp['noise_multiplier']:.2f}, "
                f"{dp['accountant']}) on the seeds' nearest-neighbour votes"
                + (" (cast among every label's candidates, each in its seed's label column)"
                   if dp.get("cross_label_votes") else "") + "; it covers each seed record's text and "
                "label (add/remove one record). The seeds never entered a prompt: the model saw only the template's "
                "public examples and DP-selected synthetic texts."
                + (" A label classifier fitted to the noisy votes then chose, among every iteration's candidates, "
                   "those whose label it ranks first (post-processing: no further privacy cost)."
                   if dp.get("vote_label_filter") else ""))
    gate_filters: Sequence[str] = dp.get("gate_filters", ())  # type: ignore[assignment]
    seed_filters = [f for f in gate_filters if f not in SEED_INDEPENDENT_FILTERS]
    if seed_filters:
        text += (f" The output gate then chose among the candidates with filters that compare them with the seeds "
                 f"({', '.join(seed_filters)}); that choice is outside the accounting (filter.filters: [quality] "
                 "keeps the guarantee exact).")
    return text
