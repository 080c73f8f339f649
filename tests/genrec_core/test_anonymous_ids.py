"""Anonymous session ids and the shared token checks of ``genrec_core.page_token``
(the token round trip and forgeries: tests/recommender/test_page_token.py)."""

from __future__ import annotations

import pytest

from genrec_core.page_token import (
    SESSION_ID,
    InvalidTokenError,
    is_anonymous_id,
    mint,
    new_anonymous_id,
    new_session_id,
    verify,
)

SECRET = b"page-secret"


def test_anonymous_ids_are_random_signed_and_fit_a_session_id() -> None:
    ids = {new_anonymous_id(SECRET) for _ in range(50)}
    assert len(ids) == 50
    assert all(SESSION_ID.match(i) and is_anonymous_id(SECRET, i) for i in ids)


@pytest.mark.parametrize(
    "candidate",
    [
        new_session_id(),  # a shop page's session id
        "anon-" + "0" * 20 + "-" + "0" * 24,
        new_anonymous_id(b"another-secret"),
        new_anonymous_id(SECRET)[:-1] + "x",
        new_anonymous_id(SECRET).upper(),
        "",
        None,
        42,
    ],
)
def test_only_ids_handed_out_under_the_secret_are_anonymous_ids(candidate: object) -> None:
    assert not is_anonymous_id(SECRET, candidate)


def test_without_a_secret_nothing_is_signed_or_accepted() -> None:
    plain = new_anonymous_id(b"")
    assert len(plain) == 32 and not is_anonymous_id(b"", plain)
    with pytest.raises(InvalidTokenError, match="no secret"):
        verify(b"", mint(SECRET, new_session_id(), ttl_s=60).token)


def test_a_token_that_is_not_text_is_refused() -> None:
    with pytest.raises(InvalidTokenError):
        verify(SECRET, 42)  # type: ignore[arg-type]
