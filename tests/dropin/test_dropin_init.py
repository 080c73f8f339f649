"""``genrec-rasa init``: merges into Rasa's starter bot, idempotent, dry-run, conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from dropin_support import snapshot

from actions.dropin import bundle, domain_merge, init, yamltext
from actions.dropin.cli import main
from actions.dropin.init import load_domain


def test_init_adds_the_assistant_and_keeps_every_line_of_the_shop(starter: Path) -> None:
    before = snapshot(starter)
    assert main(["init", str(starter)]) == 0
    after = snapshot(starter)
    for name, data in before.items():
        rest = iter(after[name].decode().splitlines())
        assert all(line in rest for line in data.decode().splitlines()), name
    domain = load_domain(starter)
    ours = bundle.domain()
    assert {"request_recommendation", "ask_faq", "greet", "mood_great"} <= set(domain["intents"])
    assert set(ours["actions"]) <= set(domain["actions"])
    assert set(ours["slots"]) <= set(domain["slots"])
    assert domain["responses"]["utter_greet"] == [{"text": "Hey! How are you?"}]
    assert (starter / "data/genrec/nlu/shopping.yml").is_file()
    config = yamltext.load((starter / "config.yml").read_text())
    assert "RulePolicy" in {p["name"] for p in config["policies"]}
    assert "ResponseSelector" in {c["name"] for c in config["pipeline"]}
    endpoints = yamltext.load((starter / "endpoints.yml").read_text())
    assert endpoints["action_endpoint"]["url"].endswith("/webhook")
    credentials = yamltext.load((starter / "credentials.yml").read_text())
    socketio = credentials["genrec_rasa.socketio_channel.SocketIOInput"]
    assert "rest" in credentials and socketio["session_persistence"] is True
    assert "socketio" not in credentials


def test_the_shops_own_intents_keep_their_answers(starter: Path) -> None:
    assert main(["init", str(starter)]) == 0
    nlu = "".join(p.read_text() for p in (starter / "data/genrec/nlu").glob("*.yml"))
    assert "- intent: greet\n" not in nlu and "- intent: thank\n" in nlu
    rules = yamltext.load((starter / "data/genrec/rules/chitchat.yml").read_text())["rules"]
    assert [r["steps"][0]["intent"] for r in rules] == ["get_started", "thank"]
    support = yamltext.load((starter / "data/genrec/rules/support.yml").read_text())["rules"]
    assert any(r["steps"][0].get("action") == "action_genrec_fallback_reply" for r in support)


def test_a_second_run_changes_no_file(starter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(starter)]) == 0
    merged = snapshot(starter)
    capsys.readouterr()
    assert main(["init", str(starter)]) == 0
    assert snapshot(starter) == merged
    assert "nothing to change" in capsys.readouterr().out
    assert init.plan(starter).changes == []


def test_dry_run_prints_the_changes_and_writes_nothing(
    starter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(starter)
    assert main(["init", str(starter), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would add to domain.yml: intents +" in out
    assert "would create data/genrec/rules/shopping.yml" in out
    assert "would add to credentials.yml: genrec_rasa.socketio_channel.SocketIOInput" in out
    assert snapshot(starter) == before


def test_a_slot_of_another_type_stops_with_a_message(
    starter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    domain = starter / "domain.yml"
    domain.write_text(
        domain.read_text() + "\nslots:\n  category:\n    type: bool\n    mappings: []\n"
    )
    before = snapshot(starter)
    assert main(["init", str(starter)]) == 2
    err = capsys.readouterr().err
    assert "slot `category`" in err and "'bool'" in err and "nothing changed" in err
    assert snapshot(starter) == before


def test_a_domain_folder_gets_a_file_of_its_own(starter: Path) -> None:
    (starter / "domain").mkdir()
    (starter / "domain.yml").rename(starter / "domain" / "starter.yml")
    kept = (starter / "domain" / "starter.yml").read_bytes()
    assert main(["init", str(starter)]) == 0
    assert (starter / "domain" / "starter.yml").read_bytes() == kept
    added = yamltext.load((starter / "domain" / "genrec.yml").read_text())
    assert "greet" not in added["intents"] and "request_recommendation" in added["intents"]
    assert init.plan(starter).changes == []


def test_not_a_rasa_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path)]) == 2
    assert "is this a Rasa project?" in capsys.readouterr().err


def test_named_items_the_shop_has_are_not_added_twice(starter: Path) -> None:
    ours = yamltext.load((bundle.bot_dir() / "data/rules/shopping.yml").read_text())["rules"][0]
    (starter / "data/shop_rules.yml").write_text(
        f'version: "3.1"\nrules:\n- rule: {ours["rule"]}\n  steps:\n  - intent: greet\n'
        "  - action: utter_greet\n"
    )
    assert main(["init", str(starter)]) == 0
    added = yamltext.load((starter / "data/genrec/rules/shopping.yml").read_text())["rules"]
    assert ours["rule"] not in {rule["rule"] for rule in added}
    assert added, "the other rules of the file are still added"


def test_the_demo_bot_already_holds_everything() -> None:
    assert init.plan(bundle.bot_dir()).changes == []


STARTER_ACTIONS = """from typing import Any, Dict, List, Text

from rasa_sdk import Action

# class ActionHelloWorld(Action):
#
#     def name(self) -> Text:
#         return "action_genrec_greet"


class ActionGreet(Action):
    def name(self) -> Text:  # the shop's own greeting
        \"\"\"Greets by name.\"\"\"
        return "action_genrec_greet"
"""


def test_an_action_of_the_shops_own_code_with_our_name_stops_the_merge(
    starter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (starter / "actions").mkdir()
    (starter / "actions" / "actions.py").write_text(STARTER_ACTIONS)
    before = snapshot(starter)
    assert main(["init", str(starter)]) == 2
    err = capsys.readouterr().err
    assert "nothing changed" in err and "`action_genrec_greet` (actions/actions.py)" in err
    assert "rename yours" in err
    assert snapshot(starter) == before
    assert main(["init", str(starter), "--dry-run"]) == 2
    assert snapshot(starter) == before


def test_commented_out_actions_and_other_names_are_no_conflict(starter: Path) -> None:
    (starter / "actions").mkdir()
    commented = STARTER_ACTIONS.split("class ActionGreet")[0]
    own = 'class ActionHello(Action):\n    def name(self) -> Text:\n        return "action_hello"\n'
    (starter / "actions" / "actions.py").write_text(commented + own)
    assert domain_merge.shop_action_names(starter) == {"action_hello": Path("actions/actions.py")}
    assert main(["init", str(starter)]) == 0


def test_a_form_of_the_same_name_stops_unless_it_is_ours() -> None:
    ours = {"forms": {"shop_form": {"required_slots": ["category"]}}}
    with pytest.raises(init.MergeConflict, match="form `shop_form`"):
        domain_merge.additions({"forms": {"shop_form": {"required_slots": ["email"]}}}, ours)
    same = domain_merge.additions(dict(ours), ours)
    assert "forms" not in same.items
    assert domain_merge.additions({}, ours).items["forms"] == ours["forms"]


def test_an_intent_of_ours_the_shop_has_is_named_in_a_note(
    starter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nlu = starter / "data" / "nlu.yml"
    nlu.write_text(nlu.read_text() + "\n- intent: inform\n  examples: |\n    - my email is a@b.c\n")
    domain = starter / "domain.yml"
    domain.write_text(domain.read_text().replace("intents:\n", "intents:\n  - inform\n", 1))
    assert main(["init", str(starter)]) == 0
    out = capsys.readouterr().out
    assert "note: intent `inform`: your bot has its own" in out
    assert "intent `greet`" not in out  # shared with the starter bot by design
    added = "".join(p.read_text() for p in (starter / "data/genrec/nlu").glob("*.yml"))
    assert "- intent: inform\n" not in added


def test_a_file_of_ours_the_shop_edited_is_kept(
    starter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(starter)]) == 0
    edited = starter / "data/genrec/nlu/shopping.yml"
    edited.write_text(edited.read_text() + "# tuned by the shop\n")
    kept = snapshot(starter)
    capsys.readouterr()
    assert main(["init", str(starter)]) == 0
    assert snapshot(starter) == kept
    assert "data/genrec/nlu/shopping.yml: kept yours" in capsys.readouterr().out


def test_rasas_own_socketio_channel_is_kept_with_a_note(
    starter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    credentials = starter / "credentials.yml"
    credentials.write_text(credentials.read_text() + "\nsocketio:\n  session_persistence: true\n")
    assert main(["init", str(starter)]) == 0
    out = capsys.readouterr().out
    assert "kept your `socketio` channel" in out
    merged = yamltext.load(credentials.read_text())
    assert merged["socketio"] == {"session_persistence": True}
    assert "genrec_rasa.socketio_channel.SocketIOInput" not in merged
