"""Signed page tokens: round trip, and every way a token can be wrong."""

from __future__ import annotations

import pytest

from recommender.errors import UnauthorizedError
from recommender.web.page_token import mint, new_session_id, verify

SECRET = b"page-secret"


def test_a_minted_token_names_its_session_until_it_expires() -> None:
    sid = new_session_id()
    minted = mint(SECRET, sid, ttl_s=60, now=1000)
    assert minted.expires == 1060
    assert verify(SECRET, minted.token, now=1059).session_id == sid
    with pytest.raises(UnauthorizedError, match="expired"):
        verify(SECRET, minted.token, now=1061)


def test_session_ids_are_random_and_fit_the_page() -> None:
    ids = {new_session_id() for _ in range(50)}
    assert len(ids) == 50 and all(len(i) == 32 and i.isalnum() for i in ids)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t.replace(t.split(".")[1], "a" * 32),  # another session, same signature
        lambda t: ".".join([*t.split(".")[:2], "9999999999", t.split(".")[3]]),  # longer life
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # signature changed
        lambda t: "v2" + t[2:],
        lambda t: t.rsplit(".", 1)[0],  # no signature
        lambda t: "",
        lambda t: t + "." * 300,
    ],
)
def test_forged_tokens_are_refused(tamper) -> None:  # type: ignore[no-untyped-def]
    token = mint(SECRET, new_session_id(), ttl_s=600).token
    with pytest.raises(UnauthorizedError):
        verify(SECRET, tamper(token))


def test_a_token_of_another_secret_is_refused() -> None:
    token = mint(b"other-secret", new_session_id(), ttl_s=600).token
    with pytest.raises(UnauthorizedError, match="signature"):
        verify(SECRET, token)
