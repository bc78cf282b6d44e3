"""Every exception supplyline raises on purpose, in one place.

Catch ``SupplylineError`` for any of them; each message is one line a person can act on.
The classes that replaced built-in exceptions keep them as a second base (``VocabularyError``
is still a ``ValueError``), so code written against those goes on working::

    SupplylineError                  the root
    ├── ConfigurationError           a file or setting given to supplyline cannot be used:
    │   │                            nothing would work, so the run stops before it starts
    │   ├── VocabularyError          vocab/*.yaml or a $SUPPLYLINE_VOCAB file (path:line:column)
    │   ├── SettingsError            resolution, credibility or alert-rules settings
    │   │                            ($SUPPLYLINE_RESOLVE, $SUPPLYLINE_CREDIBILITY, --rules)
    │   ├── PresentationError        report/presentation.yaml
    │   ├── ModelError               the spaCy pipeline is not installed
    │   └── StaleModelError          the learned pass's weights do not fit this code's
    │                                features (``make model`` trains them again)
    ├── StoreError                   the database cannot be opened, migrated or used
    ├── ClusterError                 the Dask cluster cannot be used
    ├── ExportError                  an export that cannot be written as asked
    ├── UnknownName                  an actor or recipient nobody knows (``.suggestions``
    │                                lists the known names that are close)
    ├── PipelineError                the extractor's passes are wired wrongly: a bug in
    │   │                            supplyline or in a pass of yours, not bad input
    │   ├── PassOrderError           a pass reads what no earlier pass sets (also ValueError)
    │   └── PassContractError        a pass set a field it does not declare (also
    │                                AssertionError)
    └── InputError                   one input cannot be read: the readers turn it into an
        │                            ``IngestError`` line of the run's summary, the batch goes on
        ├── Rejected                 not an article we can read (binary, too big, HTTP error...)
        ├── DamagedArchive           a WARC archive that cannot be read further
        └── DamagedStream            compressed data damaged or cut short (also an OSError)

Outside the tree: ``pipeline.Interrupted`` is a ``KeyboardInterrupt`` carrying what was stored
before Ctrl-C (an ``Exception`` would be swallowed by ``except Exception``), so is
``engines.deadline.DocumentTimeout`` (a ``BaseException`` raised wherever a document's
extraction stands when its time is up), and ``ingest.IngestError`` is a record of a failed
input, not an exception.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "ClusterError",
    "ConfigurationError",
    "DamagedArchive",
    "DamagedStream",
    "ExportError",
    "InputError",
    "ModelError",
    "PassContractError",
    "PassOrderError",
    "PipelineError",
    "PresentationError",
    "Rejected",
    "SettingsError",
    "StaleModelError",
    "StoreError",
    "SupplylineError",
    "UnknownName",
    "VocabularyError",
]


class SupplylineError(Exception):
    """The root of supplyline's exceptions."""


class ConfigurationError(SupplylineError):
    """A file or setting given to supplyline cannot be used; raised once, before any work."""


class VocabularyError(ConfigurationError, ValueError):
    """A vocabulary file is missing or malformed; the message names the file and line."""


class SettingsError(ConfigurationError, ValueError):
    """A settings or rules file that cannot be read; the message is one line."""


class PresentationError(ConfigurationError, ValueError):
    """presentation.yaml is malformed."""


class ModelError(ConfigurationError, RuntimeError):
    """The configured spaCy pipeline is not installed."""


class StaleModelError(ConfigurationError, RuntimeError):
    """The weights were trained on another feature set than this code computes."""


class StoreError(SupplylineError):
    """The database cannot be used: not a SQLite file, a server that cannot be reached or
    went away, or a schema written by a newer supplyline."""


class ClusterError(SupplylineError, RuntimeError):
    """The Dask cluster cannot be used (the scheduler is unreachable)."""


class ExportError(SupplylineError, ValueError):
    """An export that cannot be written as asked (a missing library, a binary on stdout)."""


class UnknownName(SupplylineError, ValueError):
    """A name asked for (an actor, a recipient) that neither the vocabulary nor the database
    knows; ``suggestions`` are the known names closest to it."""

    def __init__(self, name: str, role: str = "name", suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.role = role
        self.suggestions = tuple(suggestions)
        hint = (f"; did you mean {self.hint}?" if self.suggestions
                else "; no known name is close")
        super().__init__(f"unknown {role} {name!r}{hint}")

    @property
    def hint(self) -> str:
        """The suggestions as words: "'North Korea' or 'South Korea'"."""
        return _either(self.suggestions) if self.suggestions else ""

    def __reduce__(self) -> tuple[type[UnknownName], tuple[str, str, tuple[str, ...]]]:
        return (type(self), (self.name, self.role, self.suggestions))


class PipelineError(SupplylineError):
    """The extractor's passes are wired wrongly (checked when the pipeline is built)."""


class PassOrderError(PipelineError, ValueError):
    """A pass reads what no earlier pass sets, or names a field that does not exist."""


class PassContractError(PipelineError, AssertionError):
    """A pass changed a field it does not declare in ``sets``."""


class InputError(SupplylineError):
    """An input that cannot be read; the batch goes on without it."""


class Rejected(InputError):
    """Raised inside the readers for bad input; turned into an IngestError at the boundary."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DamagedArchive(InputError):
    """An archive that cannot be read further; the message says where and why."""


class DamagedStream(InputError, OSError):
    """Compressed data that cannot be read on: damaged, or cut short."""


def _either(names: Sequence[str]) -> str:
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
