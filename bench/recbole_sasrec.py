"""RecBole 1.2.1 SASRec on a split made by ``recommender.evaluation``, under a time budget.

Runs in the benchmark venv (``.venv-bench``, see bench/requirements-recbole.txt), started by
``python -m recommender evaluate`` as a subprocess:

    .venv-bench/bin/python bench/recbole_sasrec.py --split split.json --budget-s 600 \
        --seed 0 --out result.json

The model is RecBole's own ``SASRec`` class built from RecBole's ``Config`` and dataset (its
default hyper-parameters: 2 layers, 2 heads, hidden 64, inner 256, dropout 0.5; CE loss;
``MAX_ITEM_LIST_LENGTH`` 50), trained as RecBole's trainer does (Adam, lr 1e-3, batch 2048, one
sample per training prefix, early stopping after 10 evaluations without a better validation
NDCG@10). The loop is ours so that the split, the wall-clock budget, the history masking and
the metrics are exactly those of every other model: the scores of ``full_sort_predict`` are
masked and ranked with ``recommender/evaluation/metrics.py`` (loaded by path: this venv does
not install the recommender package).

Writes ``{"recall@10", "ndcg@10", "mrr@10", "train_s", ...}`` as JSON to ``--out`` (and stdout).
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

logger = logging.getLogger("recbole_sasrec")
METRICS_PATH = Path(__file__).resolve().parents[1] / "recommender" / "evaluation" / "metrics.py"


def load_metrics():
    """The project's metrics module, by file path (no package import)."""
    spec = importlib.util.spec_from_file_location("genrec_metrics", METRICS_PATH)
    assert spec is not None and spec.loader is not None, f"cannot load {METRICS_PATH}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_atomic_file(split: dict, directory: Path, name: str) -> None:
    """All interactions of the split as a RecBole atomic ``.inter`` file (order = time)."""
    lines = ["user_id:token\titem_id:token\ttimestamp:float"]
    t = 0
    for u, user in enumerate(split["users"]):
        seq = list(user["train"])
        if user["test"] >= 0:
            seq += [user["valid"], user["test"]]
        for item in seq:
            lines.append(f"{u}\t{item}\t{t}")
            t += 1
    # items nobody interacted with in this split still get an id (full ranking over all items)
    seen = {int(line.split("\t")[1]) for line in lines[1:]}
    for item in range(split["n_items"]):
        if item not in seen:
            logger.warning("item %d has no interaction; RecBole will not know it", item)
    (directory / name).mkdir(parents=True, exist_ok=True)
    (directory / name / f"{name}.inter").write_text("\n".join(lines) + "\n")


def pad_right(seqs: list[list[int]], length: int) -> torch.Tensor:
    out = torch.zeros((len(seqs), length), dtype=torch.long)
    for r, s in enumerate(seqs):
        out[r, : len(s)] = torch.tensor(s, dtype=torch.long)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", required=True, help="split JSON written by the evaluator")
    parser.add_argument("--out", required=True, help="where to write the result JSON")
    parser.add_argument("--budget-s", type=float, default=600.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-len", type=int, default=50)
    parser.add_argument("--batch-size", type=int, default=2048)
    parser.add_argument("--stopping-step", type=int, default=10)
    parser.add_argument("--max-epochs", type=int, default=300)
    parser.add_argument("--threads", type=int, default=1, help="torch threads")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s recbole-sasrec: %(message)s")

    from recbole.config import Config
    from recbole.data import create_dataset
    from recbole.data.interaction import Interaction
    from recbole.utils import get_model, init_seed

    metrics = load_metrics()
    split = json.loads(Path(args.split).read_text())
    n_items = split["n_items"]
    with tempfile.TemporaryDirectory() as tmp:
        write_atomic_file(split, Path(tmp), "genrec")
        config = Config(
            model="SASRec",
            dataset="genrec",
            config_dict={
                "data_path": tmp,
                "checkpoint_dir": tmp,
                "load_col": {"inter": ["user_id", "item_id", "timestamp"]},
                "MAX_ITEM_LIST_LENGTH": args.max_len,
                "loss_type": "CE",
                "train_neg_sample_args": None,
                "seed": args.seed,
                "reproducibility": True,
                "use_gpu": False,
                "device": "cpu",
                "show_progress": False,
                "train_batch_size": args.batch_size,
            },
        )
        init_seed(args.seed, reproducibility=True)
        dataset = create_dataset(config)
        token2id = dataset.field2token_id["item_id"]
    # our item index -> RecBole internal id (0 is RecBole's padding)
    rid = np.array([token2id.get(str(i), 0) for i in range(n_items)], dtype=np.int64)
    assert (rid > 0).all(), "every item must be known to RecBole"
    model_cls = get_model("SASRec")
    init_seed(args.seed, reproducibility=True)
    model = model_cls(config, dataset)
    optimizer = torch.optim.Adam(model.parameters(), lr=config["learning_rate"])
    max_len = config["MAX_ITEM_LIST_LENGTH"]

    # training prefixes: (last <= max_len items before position t) -> item at t
    seqs, lens, targets = [], [], []
    for user in split["users"]:
        s = [int(rid[i]) for i in user["train"]]
        for t in range(1, len(s)):
            prefix = s[max(0, t - max_len) : t]
            seqs.append(prefix)
            lens.append(len(prefix))
            targets.append(s[t])
    train_seq = pad_right(seqs, max_len)
    train_len = torch.tensor(lens, dtype=torch.long)
    train_target = torch.tensor(targets, dtype=torch.long)
    logger.info("%d training prefixes, %d items", len(targets), n_items)

    evaluated = [u for u in split["users"] if u["test"] >= 0]
    valid_hist = [np.array(u["train"], dtype=np.int64) for u in evaluated]
    valid_tgt = np.array([u["valid"] for u in evaluated], dtype=np.int64)
    test_hist = [np.array([*u["train"], u["valid"]], dtype=np.int64) for u in evaluated]
    test_tgt = np.array([u["test"] for u in evaluated], dtype=np.int64)

    def score(histories):
        """Scores [B, n_items] in our item order, from RecBole's full_sort_predict."""
        seqs_b = [[int(rid[i]) for i in h[-max_len:]] for h in histories]
        inter = Interaction(
            {
                "item_id_list": pad_right(seqs_b, max_len),
                "item_length": torch.tensor([max(len(s), 1) for s in seqs_b], dtype=torch.long),
            }
        )
        with torch.no_grad():
            full = model.full_sort_predict(inter).numpy()  # [B, RecBole n_items incl. pad]
        return full[:, rid]

    def evaluate(histories, tgt):
        model.eval()
        ranks = metrics.rank_targets(score, histories, tgt, batch_size=1024)
        return metrics.metrics_from_ranks(ranks)

    gen = torch.Generator().manual_seed(args.seed)
    best, best_epoch, best_state, time_to_best = -1.0, -1, None, 0.0
    history, stopped = [], "max_epochs"
    start = time.monotonic()
    for epoch in range(args.max_epochs):
        model.train()
        order = torch.randperm(len(train_target), generator=gen)
        total, out_of_time = 0.0, False
        for b in range(0, len(order), args.batch_size):
            idx = order[b : b + args.batch_size]
            inter = Interaction(
                {
                    "item_id_list": train_seq[idx],
                    "item_length": train_len[idx],
                    "item_id": train_target[idx],
                }
            )
            optimizer.zero_grad()
            loss = model.calculate_loss(inter)
            loss.backward()
            optimizer.step()
            total += float(loss.detach())
            if time.monotonic() - start >= args.budget_s:
                out_of_time = True  # validate the partial epoch, then stop
                break
        valid = evaluate(valid_hist, valid_tgt)["ndcg@10"]
        elapsed = time.monotonic() - start
        history.append({"epoch": epoch, "loss": total, "valid": valid, "elapsed_s": elapsed})
        if valid > best:
            best, best_epoch, time_to_best = valid, epoch, elapsed
            best_state = copy.deepcopy(model.state_dict())
        logger.info("epoch %d loss %.2f valid ndcg@10 %.4f (%.0fs)", epoch, total, valid, elapsed)
        if out_of_time or elapsed >= args.budget_s:
            stopped = "budget"
            break
        if epoch - best_epoch >= args.stopping_step:
            stopped = "patience"
            break
    assert best_state is not None, "no epoch ran"
    model.load_state_dict(best_state)
    result = evaluate(test_hist, test_tgt)
    result.update(
        {
            "train_s": round(time_to_best, 2),
            "valid_ndcg@10": best,
            "best_epoch": best_epoch,
            "epochs": len(history),
            "stopped": stopped,
            "elapsed_s": round(time.monotonic() - start, 2),
            "history": history,
        }
    )
    text = json.dumps(result)
    Path(args.out).write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
