"""The console's JWT for Rasa's HTTP API, and that the Rasa client sends it as a header."""

from __future__ import annotations

from typing import Any

import pytest

from console import rasa_jwt
from console.errors import UpstreamError
from console.rasa import RasaClient

SECRET = "rasa-jwt-secret"


def test_a_signed_jwt_names_an_admin_and_expires() -> None:
    token = rasa_jwt.sign(SECRET, now=1000)
    payload = rasa_jwt.decode(SECRET, token, now=1000 + rasa_jwt.TTL_S)
    assert payload == {
        "user": {"username": "genrec-console", "role": "admin"},
        "iat": 1000,
        "exp": 1000 + rasa_jwt.TTL_S,
    }
    with pytest.raises(ValueError, match="expired"):
        rasa_jwt.decode(SECRET, token, now=1001 + rasa_jwt.TTL_S)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: t.rsplit(".", 1)[0],
        lambda t: rasa_jwt.sign("another-secret"),
    ],
)
def test_a_forged_jwt_is_refused(tamper: Any) -> None:
    with pytest.raises(ValueError):
        rasa_jwt.decode(SECRET, tamper(rasa_jwt.sign(SECRET)))


def test_the_header_is_a_bearer_jwt_and_absent_without_a_secret() -> None:
    assert rasa_jwt.bearer_header("") == {}
    [(name, value)] = rasa_jwt.bearer_header(SECRET).items()
    assert name == "Authorization" and value.startswith("Bearer ey")


async def test_the_rasa_client_sends_the_jwt_in_the_header_only(rasa: Any) -> None:
    client = RasaClient(rasa.url, SECRET)
    try:
        await client.send("user-1", "hello", agent="anna")
        assert await client.domain()
        assert [m["role"] for m in await client.messages_since("user-1", 0)] == ["agent"]
    finally:
        await client.close()
    [(_, _, query)] = rasa.appended
    assert "token" not in query
    assert len(rasa.jwt_payloads) == 3
    assert all(p["user"]["role"] == "admin" for p in rasa.jwt_payloads)


async def test_a_client_without_the_secret_is_refused_by_rasa(rasa: Any) -> None:
    client = RasaClient(rasa.url, "")
    try:
        with pytest.raises(UpstreamError, match="HTTP 401"):
            await client.send("user-1", "hello", agent="anna")
    finally:
        await client.close()
