"""What keeps the dashboard to the people it was started for.

The dashboard has no accounts and no passwords: it trusts whoever can reach it. So:

- it answers only requests whose ``Host`` header names it (this machine's names, the address
  it listens on, the ``--allowed-host`` names): a web page elsewhere that rebinds its own
  domain name to 127.0.0.1 (DNS rebinding) gets 400, not the API (Starlette's
  ``TrustedHostMiddleware``, as Django's ``ALLOWED_HOSTS``);
- every response, the error pages and a 500 too, carries a Content Security Policy that
  forbids scripts, ``nosniff`` and ``no-referrer``: the middleware is wrapped around the whole
  application, outside the layer that turns an exception into a 500;
- a NUL character in an id or a query parameter is refused before any store sees it (404 in
  an id, which no id holds; 422 in a parameter), the same for SQLite and PostgreSQL;
- ``path_segment`` escapes an id for a link (``?``, ``#``, ``/`` and ``..`` included).

To open it to others, put it behind a reverse proxy that asks for a password (README).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCAL_HOSTS = ("127.0.0.1", "localhost")
EVERY_ADDRESS = frozenset({"0.0.0.0", "::", ""})
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def allowed_hosts(host: str, extra: Iterable[str] = ()) -> list[str]:
    """The ``Host`` names to answer: this machine's, the address listened on (unless it is
    every address, which names nothing), then ``extra`` (``*.example.org`` allowed)."""
    names = [*LOCAL_HOSTS, *([] if host in EVERY_ADDRESS else [host]), *extra]
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


class SecureDashboard(FastAPI):
    """FastAPI with the host check and the security headers around everything it serves."""

    def __init__(self, *, allowed_hosts: Sequence[str] = LOCAL_HOSTS, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.allowed_hosts = list(allowed_hosts)

    def build_middleware_stack(self) -> ASGIApp:
        inner = super().build_middleware_stack()  # errors, user middleware, routes
        return SecurityHeaders(TrustedHostMiddleware(inner, allowed_hosts=self.allowed_hosts,
                                                     www_redirect=False))


class SecurityHeaders:
    """ASGI middleware: ``SECURITY_HEADERS`` on every HTTP response that passes through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_secured)


def refuse_nul(request: Request) -> None:
    """A dependency of every route: NUL in a path parameter is 404, in a query 422."""
    if any("\x00" in value for value in request.path_params.values()):
        raise HTTPException(404, "Not found: no id holds a NUL character.")
    bad = sorted({k for k, v in request.query_params.multi_items() if "\x00" in k + v})
    if bad:
        raise RequestValidationError([
            {"loc": ("query", name.replace("\x00", "\\x00")), "type": "value_error",
             "msg": "contains a NUL character"} for name in bad])


def path_segment(value: object) -> str:
    """``value`` as one segment of a URL path: every reserved character escaped."""
    return quote(str(value), safe="")
