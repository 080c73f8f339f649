"""Interaction files and the leave-one-out split."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from recommender.evaluation.data import InteractionFileError, Interactions, load_interactions
from recommender.evaluation.protocol import last_item_validation, leave_one_out


def _data(rows: list[tuple[str, str, float]]) -> Interactions:
    return Interactions.from_records([(u, i, t, None) for u, i, t in rows])


def test_csv_and_jsonl_load_the_same(tmp_path: Path) -> None:
    csv_file = tmp_path / "a.csv"
    csv_file.write_text("user,item,timestamp,rating\nu1,i1,10,5\nu1,i2,11,\nu2,i1,3,4\n")
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(
        '{"user": "u1", "item": "i1", "timestamp": 10, "rating": 5}\n'
        '{"user": "u1", "item": "i2", "timestamp": 11}\n\n'
        '{"user": "u2", "item": "i1", "timestamp": 3, "rating": 4}\n'
    )
    a, b = load_interactions(csv_file), load_interactions(jsonl)
    assert a.users.tolist() == b.users.tolist() == ["u1", "u1", "u2"]
    assert a.items.tolist() == b.items.tolist() == ["i1", "i2", "i1"]
    assert a.timestamps.tolist() == b.timestamps.tolist() == [10.0, 11.0, 3.0]
    assert a.ratings is not None and np.isnan(a.ratings[1]) and a.ratings[0] == 5.0


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("bad.csv", "user,item\nu,i\n", "timestamp"),
        ("bad.csv", "user,item,timestamp\nu,i,10\nu,i,soon\n", "row 2"),
        ("bad.csv", "user,item,timestamp\nu,,10\n", "item"),
        ("bad.jsonl", '{"user": "u", "item": "i", "timestamp": 1}\n{oops\n', "row 2"),
        ("bad.jsonl", '{"user": "u", "timestamp": 1}\n', "item"),
        ("bad.jsonl", '{"user": "u", "item": "i", "timestamp": 1, "rating": "x"}\n', "rating"),
        ("empty.csv", "user,item,timestamp\n", "no interactions"),
    ],
)
def test_bad_files_name_row_and_field(tmp_path: Path, name: str, content: str, needle: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InteractionFileError, match=needle):
        load_interactions(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InteractionFileError, match="no such file"):
        load_interactions(tmp_path / "nope.csv")


def test_leave_one_out_by_time_with_stable_ties() -> None:
    # u1's rows are out of time order in the file; "c" and "d" share a timestamp
    data = _data(
        [
            ("u1", "c", 3),
            ("u1", "a", 1),
            ("u1", "d", 3),
            ("u1", "b", 2),
            ("u1", "e", 4),
            ("u2", "a", 5),
            ("u2", "b", 6),  # only 2 interactions: train only, not evaluated
            ("u3", "e", 1),
            ("u3", "a", 2),
            ("u3", "b", 3),
        ]
    )
    split = leave_one_out(data)
    ids = split.item_ids
    assert ids == ["a", "b", "c", "d", "e"]
    as_ids = [[ids[i] for i in s] for s in split.train]
    assert as_ids == [["a", "b", "c"], ["a", "b"], ["e"]]
    assert [ids[i] for i in split.valid[[0, 2]]] == ["d", "a"]
    assert [ids[i] for i in split.test[[0, 2]]] == ["e", "b"]
    assert split.valid[1] == -1 and split.test[1] == -1
    assert split.evaluated_users().tolist() == [0, 2]
    # validation input = train; test input = train + validation item
    assert [h.tolist() for h in split.histories("valid")] == [[0, 1, 2], [4]]
    assert [h.tolist() for h in split.histories("test")] == [[0, 1, 2, 3], [4, 0]]
    assert split.targets("test").tolist() == [4, 1]


def test_last_item_validation_keeps_all_but_last_for_training() -> None:
    split = last_item_validation(_data([("u", "a", 1), ("u", "b", 2), ("v", "a", 1)]))
    assert [s.tolist() for s in split.train] == [[0], [0]]
    assert split.valid.tolist() == [1, -1]
    assert split.evaluated_users("valid").tolist() == [0]
    assert split.evaluated_users("test").tolist() == []
