"""Error types. Messages name where the problem is (file, line, field), never the raw values."""
from __future__ import annotations


class TextsynthError(Exception):
    """Base class for every error textsynth raises on purpose."""

    exit_code = 1


class InputError(TextsynthError):
    """A bad input record or file: carries file, line and field so the user can find it."""

    exit_code = 2

    def __init__(self, message: str, file: str | None = None, line: int | None = None, field: str | None = None):
        self.file, self.line, self.field, self.reason = file, line, field, message
        where = ":".join(str(p) for p in (file, line, field) if p is not None)
        super().__init__(f"{where}: {message}" if where else message)


class ConfigError(TextsynthError):
    """An invalid configuration value: ``key: reason`` (e.g. ``run.yaml:generate.n: must be >= 1, got 0``).

    ``key`` is the dotted key (prefixed with the file when read from one); plain messages work too.
    """

    exit_code = 2

    def __init__(self, message: str, key: str | None = None):
        self.key, self.reason = key, message
        super().__init__(f"{key}: {message}" if key else message)


class StaleShardsError(ConfigError):
    """Resumable output on disk was written under another configuration."""


class ModelError(TextsynthError):
    """A model that cannot be found, loaded or run."""


class ExportError(TextsynthError):
    """Export or upload failed; nothing was left half-written."""


class OutputError(TextsynthError):
    """An output path textsynth will not write: a directory it did not make, or a file that is an input."""

    exit_code = 2


class GenerationCapError(TextsynthError):
    """The gate hit its attempt cap before reaching the target count."""


class MissingDependencyError(TextsynthError, ImportError):
    """An optional dependency is missing; the message names the pip command that installs it."""

    def __init__(self, package: str, extra: str | None = None):
        hint = f"pip install 'textsynth-corpora[{extra}]'" if extra else f"pip install {package}"
        super().__init__(f"{package} is required for this feature: {hint}")


class BusyError(TextsynthError):
    """A directory is owned by another running textsynth process (names the directory and its pid)."""
