"""Leave-one-out split by time: per user, last item is test, the one before validation.

Every interaction is implicit feedback (ratings are ignored). Items are indexed ``0..n_items-1``
over the whole file, so every model ranks the same full item set.

Ties in time are broken by file order (a stable sort), so the split is deterministic.
Users with fewer than 3 interactions cannot give a train, a validation and a test item: all
their interactions go to training and they are not evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from recommender.evaluation.data import Interactions

PROTOCOL = (
    "leave-one-out by time (last item test, previous validation, rest train; users with < 3 "
    "interactions train only); implicit feedback; full ranking over all items; items in the "
    "user's history before the target (train for validation, train+validation for test) are "
    "not ranked; ties count against the target; Recall/NDCG/MRR@10"
)


@dataclass(frozen=True)
class Split:
    """A leave-one-out split with items and users as integer indices.

    Attributes:
        item_ids: raw item id of each item index.
        user_ids: raw user id of each user index.
        train: per user, the training items in time order (int64 arrays).
        valid: per user, the validation item, or -1 when the user is not evaluated.
        test: per user, the test item, or -1 when the user is not evaluated.
    """

    item_ids: list[str]
    user_ids: list[str]
    train: list[np.ndarray]
    valid: np.ndarray
    test: np.ndarray

    @property
    def n_items(self) -> int:
        return len(self.item_ids)

    @property
    def n_users(self) -> int:
        return len(self.user_ids)

    def evaluated_users(self, stage: str = "test") -> np.ndarray:
        """Indices of the users with a target at ``stage`` (``valid`` or ``test``)."""
        if stage not in ("valid", "test"):
            raise ValueError(f"stage must be 'valid' or 'test', got {stage!r}")
        return np.flatnonzero((self.valid if stage == "valid" else self.test) >= 0)

    def histories(self, stage: str) -> list[np.ndarray]:
        """Input history of each evaluated user: train for ``valid``, train+valid for ``test``."""
        users = self.evaluated_users(stage)
        if stage == "valid":
            return [self.train[u] for u in users]
        if stage == "test":
            return [np.append(self.train[u], self.valid[u]) for u in users]
        raise ValueError(f"stage must be 'valid' or 'test', got {stage!r}")

    def targets(self, stage: str) -> np.ndarray:
        """Target item of each evaluated user at ``stage``."""
        users = self.evaluated_users(stage)
        if stage == "valid":
            return self.valid[users]
        if stage == "test":
            return self.test[users]
        raise ValueError(f"stage must be 'valid' or 'test', got {stage!r}")

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-able form, handed to external benchmark processes."""
        return {
            "n_items": self.n_items,
            "item_ids": self.item_ids,
            "users": [
                {"train": s.tolist(), "valid": int(v), "test": int(t)}
                for s, v, t in zip(self.train, self.valid, self.test, strict=True)
            ],
        }


def _user_sequences(data: Interactions) -> tuple[list[str], list[str], list[np.ndarray]]:
    """Item ids, user ids and each user's item indices in time order (ties: file order)."""
    item_ids = sorted(set(data.items.tolist()))
    item_index = {item: i for i, item in enumerate(item_ids)}
    user_ids = sorted(set(data.users.tolist()))
    user_index = {user: i for i, user in enumerate(user_ids)}
    users = np.array([user_index[u] for u in data.users], dtype=np.int64)
    items = np.array([item_index[i] for i in data.items], dtype=np.int64)
    order = np.lexsort((np.arange(len(users)), data.timestamps, users))
    users, items = users[order], items[order]
    bounds = np.searchsorted(users, np.arange(len(user_ids) + 1))
    seqs = [items[bounds[u] : bounds[u + 1]].copy() for u in range(len(user_ids))]
    return item_ids, user_ids, seqs


def leave_one_out(data: Interactions) -> Split:
    """Split ``data`` per user by time: last -> test, second last -> validation, rest -> train."""
    item_ids, user_ids, seqs = _user_sequences(data)
    train: list[np.ndarray] = []
    valid = np.full(len(user_ids), -1, dtype=np.int64)
    test = np.full(len(user_ids), -1, dtype=np.int64)
    for u, seq in enumerate(seqs):
        if len(seq) < 3:
            train.append(seq)
            continue
        train.append(seq[:-2])
        valid[u], test[u] = seq[-2], seq[-1]
    return Split(item_ids=item_ids, user_ids=user_ids, train=train, valid=valid, test=test)


def last_item_validation(data: Interactions) -> Split:
    """For training a model to serve: per user the last item validates, the rest trains.

    There is no test item; users with a single interaction only train.
    """
    item_ids, user_ids, seqs = _user_sequences(data)
    train: list[np.ndarray] = []
    valid = np.full(len(user_ids), -1, dtype=np.int64)
    for u, seq in enumerate(seqs):
        if len(seq) < 2:
            train.append(seq)
            continue
        train.append(seq[:-1])
        valid[u] = seq[-1]
    test = np.full(len(user_ids), -1, dtype=np.int64)
    return Split(item_ids=item_ids, user_ids=user_ids, train=train, valid=valid, test=test)
