"""The prod-test's checks and figures: lost turns, lost or duplicated events, the plot."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from scripts.prod_report import (
    Fault,
    answered_turns,
    buckets,
    check,
    latency_svg,
    markdown,
    replace_section,
    summary,
)


def user(turn: str) -> str:
    return json.dumps({"event": "user", "text": "hi", "metadata": {"load_turn": turn}})


def turn(tid: str, t: float, ok: bool = True, latency: float = 0.5) -> dict[str, object]:
    return {
        "what": "turn",
        "id": tid,
        "t": t,
        "latency": latency,
        "status": 200 if ok else 502,
        "ok": ok,
    }


def event(eid: str, t: float, ok: bool = True) -> dict[str, object]:
    return {
        "what": "event",
        "id": eid,
        "t": t,
        "latency": 0.1,
        "status": 200 if ok else 503,
        "ok": ok,
    }


def test_a_turn_counts_as_answered_only_with_a_bot_event_after_its_user_event() -> None:
    rows = [
        ("a", "user", user("a-t1")),
        ("b", "user", user("b-t1")),
        ("a", "bot", "{}"),
        ("b", "user", user("b-t2")),  # b-t1 never got its reply stored
        ("b", "bot", "{}"),
        ("c", "bot", "{}"),  # a greeting with no user turn before it
    ]
    assert answered_turns(rows) == {"a-t1", "b-t2"}


def test_check_finds_lost_turns_lost_and_duplicated_events() -> None:
    records = [
        turn("a-t1", 0),
        turn("a-t2", 1),
        turn("a-t3", 2, ok=False),  # a 502 is an error, not a lost turn
        event("e1", 0, ok=False),
        event("e1", 1),  # resent with the same id: one row expected
        event("e2", 2),
        event("e3", 3, ok=False),  # never accepted: given up, not lost
    ]
    result = check(records, {"a-t1"}, {"e1": 2}, ["rasa2"])
    assert result.turns_acked == 2
    assert result.turns_lost == ["a-t2"]
    assert result.events_acked == 2
    assert result.events_lost == ["e2"]
    assert result.events_duplicated == ["e1"]
    assert result.events_given_up == 1
    assert not result.passed
    clean = check(records, {"a-t1", "a-t2"}, {"e1": 1, "e2": 1}, [])
    assert clean.passed


def test_a_run_without_accepted_turns_does_not_pass() -> None:
    assert not check([turn("a-t1", 0, ok=False)], set(), {}, []).passed


def test_figures_split_the_run_at_the_faults() -> None:
    records = [
        turn(f"t{i}", float(i), ok=i != 12, latency=2.0 if 10 <= i < 15 else 0.5) for i in range(30)
    ]
    faults = [Fault("kill -9 rasa2", 10.0, 14.5)]
    result = summary(records, faults, 0.0, 30.0)
    assert result["all"]["turns"] == 30
    assert result["faults"]["kill -9 rasa2"]["errors"] == 1
    assert result["faults"]["kill -9 rasa2"]["p50"] == 2.0
    assert result["calm"]["errors"] == 0 and result["calm"]["p95"] == 0.5
    series = buckets(records, 0.0, width_s=10.0)
    assert [s["rate"] for s in series] == [1.0, 1.0, 1.0]
    assert series[1]["errors"] == 1


def test_the_plot_is_valid_svg_with_each_fault_named() -> None:
    records = [turn(f"t{i}", float(i)) for i in range(60)]
    faults = [Fault("kill -9 rasa2", 5.0, 20.0), Fault("PostgreSQL restart", 40.0, 44.0)]
    svg = latency_svg(buckets(records, 0.0), faults, 0.0, "test <run>")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    texts = [el.text for el in root.iter() if el.tag.endswith("text")]
    assert "kill -9 rasa2" in texts and "PostgreSQL restart" in texts
    assert "test <run>" in texts


def test_the_section_replaces_only_its_own() -> None:
    records = [turn("a-t1", 0.0), event("e1", 0.0)]
    checks = check(records, {"a-t1"}, {"e1": 1}, [])
    meta = {
        "command": "make prod-test",
        "when": "today",
        "machine": "m",
        "shape": "s",
        "plot": "img/p.svg",
    }
    section = markdown(summary(records, [], 0.0, 10.0), checks, [], meta)
    assert "**PASS**" in section
    doc = "# Benchmarks\n\n## Turn latency\n\nold\n"
    once = replace_section(doc, section)
    assert "## Turn latency\n\nold" in once and once.count("## Scale-out under faults") == 1
    twice = replace_section(once + "\n## Later\n\nkept\n", section.replace("PASS", "PASS again"))
    assert twice.count("## Scale-out under faults") == 1
    assert "PASS again" in twice and "## Later\n\nkept" in twice and "## Turn latency" in twice
