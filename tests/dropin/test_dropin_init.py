"""``genrec-rasa init``: merges into Rasa's starter bot, idempotent, dry-run, conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from dropin_support import snapshot

from actions.dropin import bundle, init, yamltext
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
    assert "rest" in credentials and credentials["socketio"]["session_persistence"] is True


def test_the_shops_own_intents_keep_their_answers(starter: Path) -> None:
    assert main(["init", str(starter)]) == 0
    nlu = "".join(p.read_text() for p in (starter / "data/genrec/nlu").glob("*.yml"))
    assert "- intent: greet\n" not in nlu and "- intent: thank\n" in nlu
    rules = yamltext.load((starter / "data/genrec/rules/chitchat.yml").read_text())["rules"]
    assert [r["steps"][0]["intent"] for r in rules] == ["get_started", "thank"]
    support = yamltext.load((starter / "data/genrec/rules/support.yml").read_text())["rules"]
    assert any(r["steps"][0].get("action") == "action_fallback_reply" for r in support)


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
    assert "would add to credentials.yml: socketio" in out
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
