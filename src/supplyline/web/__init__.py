"""The dashboard: ``create_app(db)`` is the FastAPI application, ``serve`` runs it.

    supplyline serve --port 8000        # then open http://127.0.0.1:8000/
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from supplyline.web import security
from supplyline.web.app import create_app

__all__ = ["create_app", "serve"]


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, *,
          allowed_hosts: Iterable[str] = (), log_level: str = "info") -> None:
    """Serve the dashboard until interrupted (uvicorn, one process), answering requests for
    this machine's names, ``host`` and ``allowed_hosts``."""
    import uvicorn

    app = create_app(db, allowed_hosts=security.allowed_hosts(host, allowed_hosts))
    uvicorn.run(app, host=host, port=port, log_level=log_level)
