"""The pipeline's driver and its engines (see ``driver`` for the whole story).

``run`` and ``extract_corpus`` read the inputs, hand the documents to an engine that cleans
and extracts them with ``work.process`` (``LocalEngine``: this process or a local pool;
``DaskEngine``: a Dask cluster), and take the results back in input order; ``run`` writes
them to the store.
"""

from supplyline.pipeline.cluster import ClusterError, DaskEngine
from supplyline.pipeline.driver import (
    Engine,
    Interrupted,
    RunSummary,
    Step,
    extract_corpus,
    is_current,
    run,
)
from supplyline.pipeline.local import LocalEngine

__all__ = ["ClusterError", "DaskEngine", "Engine", "Interrupted", "LocalEngine", "RunSummary",
           "Step", "extract_corpus", "is_current", "run"]
