"""The REST channel of credentials.yml: Rasa's own, with an optional signed-sender check."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rasa.core.run import create_http_input_channels
from sanic.exceptions import SanicException

from genrec_core.page_token import mint
from genrec_rasa.rest_channel import RestInput, unstored_turn_response
from genrec_rasa.store_outage import begin_turn, note_failure

CREDENTIALS = Path(__file__).resolve().parents[2] / "rasa_project" / "credentials.yml"
SECRET = "page-secret"
ALICE = "alice-session-0001"


@dataclass
class Posted:
    """What the channel reads of a ``POST /webhooks/rest/webhook``: its JSON and headers."""

    json: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def _posted(body: dict[str, Any], token: str | None = None) -> Any:
    return Posted(body, {"X-Page-Token": token} if token is not None else {})


def _token(session_id: str = ALICE, secret: str = SECRET, ttl_s: float = 600) -> str:
    return mint(secret.encode(), session_id, ttl_s).token


async def test_by_default_the_sender_is_the_callers_choice() -> None:
    channel = RestInput(session_secret=SECRET)
    assert await channel._extract_sender(_posted({"sender": ALICE, "message": "hi"})) == ALICE
    assert channel._extract_input_channel(_posted({"input_channel": "x"})) == "x"


async def test_a_signed_sender_with_its_token_is_its_session() -> None:
    channel = RestInput(signed_sender=True, session_secret=SECRET)
    request = _posted({"sender": ALICE, "message": "hi", "input_channel": "socketio"}, _token())
    assert await channel._extract_sender(request) == ALICE
    assert channel._extract_input_channel(request) == "rest"  # never another channel's
    assert await channel._extract_sender(_posted({"message": "hi"}, _token())) == ALICE


@pytest.mark.parametrize(
    ("token", "status"),
    [
        (None, 401),
        ("", 401),
        (_token(secret="another-secret"), 401),
        (_token(ttl_s=-10), 401),
        (_token()[:-3] + "AAA", 401),
        (_token("mallory-session-01"), 403),  # a valid token of another session
    ],
)
async def test_a_sender_without_its_token_is_refused(token: str | None, status: int) -> None:
    channel = RestInput(signed_sender=True, session_secret=SECRET)
    with pytest.raises(SanicException) as refused:
        await channel._extract_sender(_posted({"sender": ALICE, "message": "hi"}, token))
    assert refused.value.status_code == status


async def test_without_the_secret_every_signed_request_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GENREC_WEB__SESSION_SECRET", raising=False)
    channel = RestInput.from_credentials({"signed_sender": True})
    assert channel.signed_sender is True and channel.session_secret == b""
    with pytest.raises(SanicException):
        await channel._extract_sender(_posted({"sender": ALICE}, _token()))


def test_credentials_yml_uses_this_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FACEBOOK_VERIFY", "FACEBOOK_SECRET", "FACEBOOK_PAGE_ACCESS_TOKEN"):
        monkeypatch.setenv(name, "x")
    channels = create_http_input_channels(None, str(CREDENTIALS))
    [rest] = [c for c in channels if isinstance(c, RestInput)]
    assert rest.name() == "rest" and rest.signed_sender is False


async def test_a_turn_the_store_did_not_keep_is_answered_503() -> None:
    begin_turn()
    assert unstored_turn_response("POST") is None  # nothing failed
    note_failure(OSError("connection refused"))
    refused = unstored_turn_response("POST")
    assert refused is not None and refused.status == 503
    assert refused.headers["Retry-After"] == "5"
    assert b"send the message again" in refused.body
    assert unstored_turn_response("GET") is None  # the channel's health route
    begin_turn()  # the next request starts clean
    assert unstored_turn_response("POST") is None


def test_the_channel_checks_every_turn_it_answers() -> None:
    async def on_new_message(message: Any) -> None:
        return None

    bp = RestInput().blueprint(on_new_message)
    kinds = sorted(m.attach_to for m in bp._future_middleware)
    assert kinds == ["request", "response"]
