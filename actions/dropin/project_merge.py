"""What the shop's ``config.yml``, ``endpoints.yml`` and ``credentials.yml`` lack."""

from __future__ import annotations

from typing import Any, Dict

from . import bundle

ACTION_URL = "http://localhost:5055/webhook"
# Components the assistant's data needs, added at the end of a pipeline that lacks them.
NEEDED_COMPONENTS = ("EntitySynonymMapper", "ResponseSelector", "FallbackClassifier")
NEEDED_POLICIES = ("MemoizationPolicy", "RulePolicy", "TEDPolicy")
#: The socket.io channel init adds: Rasa's, with sessions bound to the shop page's signed
#: tokens and empty messages dropped (``genrec_rasa/socketio_channel.py``, installed with
#: ``genrec-actions``), as in the demo bot's credentials.yml.
SOCKETIO_CLASS = "genrec_rasa.socketio_channel.SocketIOInput"
SOCKETIO = {
    "user_message_evt": "user_uttered",
    "bot_message_evt": "bot_uttered",
    "session_persistence": True,
}

Additions = Dict[str, Any]


def component_name(entry: Any) -> str:
    """``DIETClassifier`` for ``{name: DIETClassifier}`` or a dotted class path."""
    name = str(entry.get("name", "")) if isinstance(entry, dict) else str(entry)
    return name.rsplit(".", 1)[-1]


def _missing(user: list[Any] | None, ours: list[Any], needed: tuple[str, ...]) -> list[Any]:
    if not user:
        return list(ours)  # none of the shop's own: the assistant's whole list
    have = {component_name(entry) for entry in user}
    return [e for e in ours if component_name(e) in needed and component_name(e) not in have]


def config_additions(user: dict[str, Any]) -> tuple[Additions, list[str]]:
    """Pipeline components and policies to add, and notes on what is kept as it is."""
    ours = bundle.config()
    notes: list[str] = []
    pipeline = user.get("pipeline")
    if pipeline and "RegexFeaturizer" not in {component_name(e) for e in pipeline}:
        notes.append(
            "config.yml: no RegexFeaturizer, so the assistant's regexes in data/genrec are not used"
        )
    policies = user.get("policies") or []
    for entry in policies:
        if component_name(entry) == "RulePolicy" and not entry.get("core_fallback_action_name"):
            notes.append(
                "config.yml: set `core_fallback_action_name: action_genrec_fallback_reply` on your"
                " RulePolicy for the assistant's answer when the dialogue is unsure"
            )
    additions = {
        "pipeline": _missing(pipeline, ours["pipeline"], NEEDED_COMPONENTS),
        "policies": _missing(policies, ours["policies"], NEEDED_POLICIES),
    }
    return additions, notes


def endpoints_additions(user: dict[str, Any]) -> Additions:
    """The action endpoint, when the shop has none."""
    if user.get("action_endpoint"):
        return {}
    return {"action_endpoint": {"url": ACTION_URL}}


def has_socketio(user: dict[str, Any]) -> bool:
    """Whether a socket.io channel (Rasa's or a subclass named ``...SocketIOInput``) is set."""
    return any(key == "socketio" or str(key).endswith("SocketIOInput") for key in user)


def has_rest(user: dict[str, Any]) -> bool:
    """Whether a REST channel (Rasa's or a subclass named ``...RestInput``) is set."""
    return any(key == "rest" or str(key).endswith("RestInput") for key in user)


def credentials_additions(user: dict[str, Any]) -> Additions:
    """The REST channel (Rasa's) and the socket.io channel (``SOCKETIO_CLASS``), when missing."""
    result: Additions = {}
    if not has_rest(user):
        result["rest"] = None
    if not has_socketio(user):
        result[SOCKETIO_CLASS] = dict(SOCKETIO)
    return result


def credentials_notes(user: dict[str, Any]) -> list[str]:
    """A note when the shop's socket.io channel is Rasa's own (kept as it is)."""
    if "socketio" in user:
        return [
            f"credentials.yml: kept your `socketio` channel; `{SOCKETIO_CLASS}` (same keys)"
            " also binds a chat to the shop page's signed session and drops empty messages"
        ]
    return []
