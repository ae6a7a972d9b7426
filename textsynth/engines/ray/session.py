"""Ray sessions, actor options and the helpers both Ray stages share."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ...config import RayConfig, RayStageConfig
from ...errors import MissingDependencyError, TextsynthError
from ...keys import ENV_VAR

def import_ray() -> Any:
    """``ray`` (with Ray Data), or an ImportError naming the pip command."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise MissingDependencyError("ray[data]", extra="ray") from None
    return ray


@contextmanager
def ray_session(config: RayConfig) -> Iterator[Any]:
    """Connect to ``config.address`` (``auto``: the cluster ``ray start --head`` started) or start a local
    cluster; a session already open in this process is reused. Shuts down only what it started."""
    ray = import_ray()
    if ray.is_initialized():
        yield ray
        return
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
    if config.address:
        kwargs["address"] = config.address
    elif config.num_cpus is not None:
        kwargs["num_cpus"] = config.num_cpus
    ray.init(**kwargs)
    try:
        yield ray
    finally:
        ray.shutdown()


def actor_options(stage: RayStageConfig, max_restarts: int, cluster_gpus: float = 0.0,
                  wants_gpu: bool = False) -> dict[str, Any]:
    """Ray options of a stage's actors: its CPUs and GPUs (``num_gpus`` unset: 1 for a stage that wants a GPU
    when the cluster has one, else 0), restarted up to ``max_restarts`` times with their tasks retried."""
    gpus = stage.num_gpus if stage.num_gpus is not None else (1.0 if wants_gpu and cluster_gpus >= 1 else 0.0)
    return {"num_cpus": stage.num_cpus, "num_gpus": gpus, "max_restarts": max_restarts,
            "max_task_retries": max_restarts}


def check_fits(ray: Any, stages: dict[str, tuple[RayStageConfig, dict[str, Any]]]) -> None:
    """Fail at once, naming the settings, when the actors of the stages that run together ask for more CPUs or
    GPUs than the cluster has (Ray would wait for them forever)."""
    from ...errors import ConfigError

    have = ray.cluster_resources()
    for resource, option in (("CPU", "num_cpus"), ("GPU", "num_gpus")):
        wanted = sum(stage.actors * opts[option] for stage, opts in stages.values())
        if wanted > float(have.get(resource, 0)) + 1e-9:
            parts = " + ".join(f"ray.{name}: {stage.actors} x {opts[option]:g}" for name, (stage, opts)
                               in stages.items())
            raise ConfigError(f"the actors ask for {wanted:g} {resource}s ({parts}) but the cluster has "
                              f"{float(have.get(resource, 0)):g}; lower the actors or their {option}")


def _use_key(key_value: str) -> None:
    """Make the driver's secret key this worker's (hashes and fakes must match the driver's)."""
    os.environ[ENV_VAR] = key_value


def _unwrap(exc: BaseException) -> BaseException:
    """The textsynth error inside a Ray error (its message names file:line:field), else the Ray error."""
    seen = exc
    for _ in range(8):
        cause = getattr(seen, "cause", None) or seen.__cause__
        if cause is None:
            break
        if isinstance(cause, TextsynthError):
            # Ray Data appends retry advice to the message; textsynth's own says what to fix.
            if cause.args and isinstance(cause.args[0], str):
                cause.args = (cause.args[0].split("\nFailed to ", 1)[0], *cause.args[1:])
            return cause
        seen = cause
    return exc
