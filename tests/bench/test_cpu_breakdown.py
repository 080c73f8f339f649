"""The CPU-per-turn benchmark's bookkeeping (no stack started)."""

from __future__ import annotations

from pathlib import Path

from bench.cpu_breakdown import (
    MARK_BEGIN,
    MARK_END,
    CpuMeter,
    Tally,
    load_mix,
    mix_weights,
    parse_stat,
    per_turn,
    render,
    schedule,
    session_ticks,
    turns_per_core,
    write_section,
)

# /proc/PID/stat of a process whose name has a space and a parenthesis in it
STAT = "4242 (python (x) y) S 1 4242 4242 0 -1 4194560 1 0 0 0 150 30 7 3 20 0 5 0 1 2 3"


def test_the_mix_is_the_locustfiles() -> None:
    mix = load_mix()
    assert len(mix) == 4
    assert mix[0][1] == ("rec", "I'm looking for wireless headphones under 150 dollars")
    assert {kind for conv in mix for kind, _ in conv} == {"rec", "faq", "chat"}
    weights = mix_weights(mix)
    assert abs(sum(weights.values()) - 1) < 1e-9 and weights["rec"] > weights["faq"]


def test_schedule_keeps_one_sender_per_shopper() -> None:
    mix = load_mix()
    turns = schedule(mix, shoppers=2, rounds=1)
    assert len(turns) == 2 * sum(len(c) for c in mix)
    assert len({s for s, _, _ in turns}) == 2


def test_stat_line_gives_session_and_all_cpu_ticks() -> None:
    assert parse_stat(STAT) == (4242, 150 + 30 + 7 + 3)


def test_session_ticks_sum_every_process_of_the_session(tmp_path: Path) -> None:
    for pid, session, ticks in ((10, 10, 5), (11, 10, 7), (12, 99, 100)):
        (tmp_path / str(pid)).mkdir()
        line = f"{pid} (p) S 1 {session} {session} 0 -1 0 0 0 0 0 {ticks} 0 0 0 20"
        (tmp_path / str(pid) / "stat").write_text(line)
    (tmp_path / "self").mkdir()
    assert session_ticks([10, 99], tmp_path) == {10: 12, 99: 100}
    assert CpuMeter({"rasa": 10}, tmp_path).read()["rasa"] > 0


def _result(rec_ms: float) -> dict:
    tally = Tally()
    zero = {"rasa": 0.0, "actions": 0.0, "recommender": 0.0, "console": 0.0}
    tally.add("rec", zero, {**zero, "rasa": 60.0, "recommender": rec_ms}, turn=1)
    tally.add("event", zero, {**zero, "recommender": 4.0}, turn=1)
    tally.add("faq", zero, {**zero, "rasa": 50.0, "recommender": 20.0}, turn=2)
    tally.add("chat", zero, {**zero, "rasa": 40.0}, turn=3)
    return {
        "per_request_ms": tally.per_request(),
        "requests": tally.n,
        "by_turn": tally.rows,
        "nlu_parse_ms": {"rec": 15.0, "faq": 15.0, "chat": 15.0},
        "idle_ms_per_s": {"rasa": 0.0},
        "recommender_stage_ms": {"reply": rec_ms - 20},
        "commit": "abc",
        "label": "x",
        "time": "now",
        "turns": 3,
        "shoppers": 1,
        "rounds": 1,
        "loadavg": (1.0, 1.0, 1.0),
        "machine": "test",
    }


def test_a_mix_turn_counts_the_event_with_its_recommendation_turn() -> None:
    weights = {"rec": 0.5, "faq": 0.25, "chat": 0.25}
    mix = per_turn(_result(100.0), weights)
    assert mix["recommender"] == 0.5 * (100 + 4) + 0.25 * 20
    assert mix["rasa"] == 0.5 * 60 + 0.25 * 50 + 0.25 * 40
    assert turns_per_core(250.0) == 4.0


def test_render_before_after_and_replace_the_section(tmp_path: Path) -> None:
    weights = {"rec": 0.5, "faq": 0.25, "chat": 0.25}
    text = render(_result(50.0), _result(100.0), weights)
    assert text.startswith(MARK_BEGIN) and text.endswith(MARK_END)
    assert "| after / before |" in text and "turns/s per core" in text
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text("# Benchmarks\n\n## Other\n\nkept\n")
    write_section(doc, text)
    write_section(doc, text.replace("| after |", "| later |"))
    body = doc.read_text()
    assert body.count(MARK_BEGIN) == 1 and "| later |" in body and "kept" in body
