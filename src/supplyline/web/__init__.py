"""The dashboard: ``create_app(db)`` is the FastAPI application, ``serve`` runs it.

    supplyline serve --port 8000        # then open http://127.0.0.1:8000/
"""

from __future__ import annotations

from pathlib import Path

from supplyline.web.app import create_app

__all__ = ["create_app", "serve"]


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, *,
          log_level: str = "info") -> None:
    """Serve the dashboard until interrupted (uvicorn, one process)."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level=log_level)
