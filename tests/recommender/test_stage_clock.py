"""Process CPU per stage of a turn, as the turn log records it (``stage_cpu_ms``)."""

from __future__ import annotations

import json
import logging

import pytest

from recommender.pipeline.stage_clock import StageClock


def test_laps_charge_the_time_since_the_previous_lap() -> None:
    ticks = iter([1.0, 1.002, 1.0025, 1.0105])
    clock = StageClock(lambda: next(ticks))
    clock.lap("understand")
    clock.lap("retrieve")
    clock.lap("understand")  # a stage named twice adds up
    assert clock.rounded() == {"understand": 10.0, "retrieve": 0.5}


def test_the_turn_log_records_the_stages(  # type: ignore[no-untyped-def]
    caplog: pytest.LogCaptureFixture, test_config, catalog, encoder, nlp
) -> None:
    from recommender.api.schemas import parse_recommend_request
    from recommender.pipeline.service import RecommenderService

    service = RecommenderService(test_config, catalog, encoder, nlp=nlp)
    request = parse_recommend_request(
        {"user_id": "u1", "message": "wireless headphones under 100"}, service.config
    )
    with caplog.at_level(logging.INFO, logger="recommender.pipeline.service"):
        service.recommend(request)
    line = next(r.getMessage() for r in caplog.records if r.getMessage().startswith("recommend "))
    stages = json.loads(line.split(" ", 1)[1])["stage_cpu_ms"]
    assert {"understand", "retrieve", "rank", "reply", "question"} <= set(stages)
    assert all(ms >= 0 for ms in stages.values())
