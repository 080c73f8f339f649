"""The JWT the console shows Rasa's HTTP API (``rasa run --jwt-secret S --jwt-method HS256``).

Rasa reads it from ``Authorization: Bearer <jwt>``: a header, unlike ``--auth-token``'s
``?token=`` query argument, stays out of access logs and proxies' URLs. The payload names a
``user`` with ``role: admin`` (Rasa's condition for every conversation) and expires after a few
minutes; a new one is signed for each call.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

__all__ = ["TTL_S", "bearer_header", "decode", "sign"]

TTL_S = 300
_HEADER = {"alg": "HS256", "typ": "JWT"}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _json(value: Any) -> str:
    return _b64(json.dumps(value, separators=(",", ":"), sort_keys=True).encode())


def sign(secret: str, username: str = "genrec-console", now: float | None = None) -> str:
    """An HS256 JWT for Rasa's API: ``{"user": {"username", "role": "admin"}, "iat", "exp"}``."""
    assert secret, "a JWT needs a secret"
    issued = int(time.time() if now is None else now)
    payload = {
        "user": {"username": username, "role": "admin"},
        "iat": issued,
        "exp": issued + TTL_S,
    }
    signing_input = f"{_json(_HEADER)}.{_json(payload)}"
    mac = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(mac)}"


def decode(secret: str, token: str, now: float | None = None) -> dict[str, Any]:
    """The payload of a JWT :func:`sign` made (for tests and checks).

    Raises:
        ValueError: malformed, another algorithm, a bad signature, or expired.
    """
    parts = token.split(".")
    if len(parts) != 3:
        raise ValueError("not a JWT")
    if json.loads(_unb64(parts[0])) != _HEADER:
        raise ValueError("not an HS256 JWT")
    mac = hmac.new(secret.encode(), f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(_b64(mac), parts[2]):
        raise ValueError("JWT signature does not match")
    payload: dict[str, Any] = json.loads(_unb64(parts[1]))
    if payload.get("exp", 0) < (time.time() if now is None else now):
        raise ValueError("JWT expired")
    return payload


def bearer_header(secret: str) -> dict[str, str]:
    """``{"Authorization": "Bearer <jwt>"}``, or no header when no secret is configured."""
    return {"Authorization": f"Bearer {sign(secret)}"} if secret else {}
