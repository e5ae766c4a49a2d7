"""Security headers on every answer of the portal.

- ``X-Content-Type-Options: nosniff`` — a browser never guesses a type (an uploaded file
  served back stays what its Content-Type says);
- ``X-Frame-Options: DENY`` and CSP ``frame-ancestors 'none'`` — no other site frames the
  portal (clickjacking);
- a ``Content-Security-Policy`` the portal's own pages work under: no inline script or
  style, resources from the portal only, no plugins, no ``<base>``. It sets no
  ``form-action``: a payment starts with a form whose answer redirects to the hosted page
  the platform names per transaction (and sign-out to the identity provider's
  end-session endpoint from its discovery), and Chromium applies ``form-action`` to those
  redirects too;
- ``Referrer-Policy: same-origin`` — the payment return's query never leaks to another site;
- ``Strict-Transport-Security`` when the portal is served over https.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request
from fastapi.responses import Response

from portal.settings import PortalSettings

Middleware = Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]


def content_security_policy() -> str:
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


def security_headers(settings: PortalSettings) -> dict[str, str]:
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Content-Security-Policy": content_security_policy(),
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }
    if settings.public_url.startswith("https://"):
        headers["Strict-Transport-Security"] = "max-age=31536000"
    return headers


def security_headers_middleware(settings: PortalSettings) -> Middleware:
    headers = security_headers(settings)

    async def middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response

    return middleware
