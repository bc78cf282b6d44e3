"""Engines: where documents are cleaned and extracted, for the driver (``pipeline``).

Every engine runs the same function, ``work.process``, and gives the results back in input
order; only the driver writes them to the store.

- ``LocalEngine(jobs)``: in this process, or a pool of ``jobs`` worker processes (forked
  with the pipeline loaded on Linux, else spawned).
- ``DaskEngine(scheduler=None, workers=1)``: batches on a Dask cluster, a local one or the
  one at ``scheduler`` (``distributed`` is imported only when it starts).
"""

from supplyline.engines.cluster import ClusterError, DaskEngine
from supplyline.engines.local import LocalEngine

__all__ = ["ClusterError", "DaskEngine", "LocalEngine"]
