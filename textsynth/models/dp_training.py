"""Differential privacy for fine-tuning: DP-SGD through opacus, and the Laplace-noised label shares.

The label shares released for generation-time sampling are paid from a small fixed part of the budget
(``LABEL_EPSILON_SHARE``); the two parts compose sequentially.
"""
from __future__ import annotations

import logging
from collections import Counter
from typing import Any, Sequence

from ..config import FinetuneConfig
from ..errors import MissingDependencyError

log = logging.getLogger(__name__)


LABEL_EPSILON_SHARE = 0.05  # part of the DP budget spent on the released label histogram


def label_distribution(labels: Sequence[str], label_set: Sequence[str]) -> dict[str, float]:
    counts = Counter(labels)
    total = sum(counts[x] for x in label_set) or 1
    return {x: counts[x] / total for x in label_set}


def noisy_label_distribution(labels: Sequence[str], label_set: Sequence[str], epsilon: float
                             ) -> tuple[dict[str, float], dict[str, float]]:
    """(shares, noisy counts): a Laplace histogram (L1 sensitivity 1 under add/remove of one record) with noise
    from the OS CSPRNG (:mod:`textsynth.dp_noise`), clipped at 0, and its renormalised shares.

    Not reproducible by design: a seeded noise source could be regenerated and subtracted.
    """
    from ..dp_noise import laplace_histogram

    noisy = laplace_histogram(Counter(labels), label_set, epsilon)
    total = sum(noisy.values())
    if total <= 0:
        return {x: 1.0 / len(label_set) for x in label_set}, noisy
    return {x: v / total for x, v in noisy.items()}, noisy


def _disable_dropout(model: Any) -> None:
    import torch

    for m in model.modules():
        if isinstance(m, torch.nn.Dropout):
            m.p = 0.0
    cfg = getattr(model, "config", None)
    for attr in ("attention_dropout", "hidden_dropout", "dropout", "resid_pdrop", "embd_pdrop", "attn_pdrop"):
        if cfg is not None and isinstance(getattr(cfg, attr, None), float):
            setattr(cfg, attr, 0.0)


class _DPModule:
    """The opacus GradSampleModule plus its Poisson data loader."""

    def __init__(self, gsm: Any, dp_loader: Any):
        self.gsm, self.dp_loader = gsm, dp_loader

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.gsm(*args, **kwargs)

    def parameters(self):
        return self.gsm.parameters()


def _dp_batches(loader: Any):
    for batch in loader:
        (idx,) = batch
        yield idx.tolist()


def _make_private(model: Any, optimizer: Any, n: int, config: FinetuneConfig, device: str):
    """Wrap model/optimizer with opacus for (epsilon_train, delta) over ``epochs`` of Poisson batches.

    The Poisson sampler and the Gaussian noise never use ``config.seed`` (which seeds the global RNGs and so
    would make the noise regenerable): with ``dp_secure_mode`` both come from opacus' CSPRNG (torchcsprng);
    otherwise from torch generators seeded from the OS CSPRNG, which are unpredictable from anything published
    but not cryptographically secure (torch's generators are Mersenne Twister / Philox).
    """
    try:
        from opacus import PrivacyEngine
    except ImportError:
        raise MissingDependencyError("opacus") from None
    import warnings

    import torch
    from torch.utils.data import DataLoader, TensorDataset

    from ..dp_noise import secure_seed

    eps_total = float(config.dp_epsilon)  # type: ignore[arg-type]
    eps_labels = LABEL_EPSILON_SHARE * eps_total
    eps_train = eps_total - eps_labels
    if config.dp_secure_mode:
        try:
            import torchcsprng  # noqa: F401
        except ImportError:
            raise MissingDependencyError("torchcsprng") from None  # opacus' secure_mode needs it
        engine = PrivacyEngine(accountant="prv", secure_mode=True)
        gen, noise_gen, source = None, None, "torchcsprng (/dev/urandom), opacus secure_mode"
    else:
        with warnings.catch_warnings():  # opacus' "Secure RNG turned off" warning; the README explains it
            warnings.filterwarnings("ignore", message="Secure RNG turned off")
            engine = PrivacyEngine(accountant="prv")
        gen = torch.Generator().manual_seed(secure_seed())
        noise_gen = torch.Generator(device=device).manual_seed(secure_seed())
        source = "torch generators seeded from os.urandom (not a CSPRNG; dp_secure_mode for torchcsprng)"
    loader = DataLoader(TensorDataset(torch.arange(n)), batch_size=min(config.batch_size, n), generator=gen)
    gsm, dp_optimizer, dp_loader = engine.make_private_with_epsilon(
        module=model, optimizer=optimizer, data_loader=loader, target_epsilon=eps_train,
        target_delta=config.dp_delta, epochs=config.epochs, max_grad_norm=config.max_grad_norm,
        poisson_sampling=True, grad_sample_mode="hooks", noise_generator=noise_gen,
    )
    info = {"noise_multiplier": float(dp_optimizer.noise_multiplier), "sample_rate": 1 / len(loader),
            "steps_per_epoch": len(dp_loader), "accountant": "prv", "epsilon_train_target": eps_train,
            "epsilon_labels": eps_labels,
            "noise_source": {"labels": "Laplace, OS CSPRNG (secrets)", "dp_sgd": source}}
    return _DPModule(gsm, dp_loader), dp_optimizer, engine, info
