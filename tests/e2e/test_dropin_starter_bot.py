"""The assistant dropped into a bot nobody here wrote: Rasa's own starter (``rasa init``).

``genrec-rasa init`` merges the shopping assistant into it; ``rasa data validate``, ``rasa
train`` and the starter's own test stories pass; then the starter's action server (its
``actions`` package importing ``genrec_actions``), Rasa and the recommender run for real, and
over REST the starter still greets as it did while products and FAQ answers come from the
assistant.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.stack import PY_REC, RASA, REPO, Process, StackConfig, wait_healthy
from tests.e2e.conftest import RASA_PY, TEST_PORTS, Conversation, products, texts

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

# Ports apart from the session's demo stack and the own-catalog stack (+50).
PORTS = {name: port + 2000 for name, port in TEST_PORTS.items()}


def run(cmd: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    """A command's result; its output in the assertion message when it fails."""
    done = subprocess.run(
        cmd,
        cwd=cwd,
        env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"),
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    assert done.returncode == 0, f"{' '.join(cmd)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Rasa's starter bot with the assistant merged in, trained as ``models/genrec.tar.gz``."""
    bot = tmp_path_factory.mktemp("starter")
    run([str(RASA), "init", "--no-prompt", "--init-dir", str(bot)], REPO, 300)
    before = (bot / "domain.yml").read_text(encoding="utf-8").splitlines()
    # Registering the actions: the one line a shop adds to its own actions package.
    with (bot / "actions" / "actions.py").open("a", encoding="utf-8") as out:
        out.write("\nimport genrec_actions  # noqa: F401,E402\n")
    merge = [str(RASA_PY), "-m", "actions.dropin.cli", "init", str(bot)]
    run(merge, REPO, 60)
    assert "nothing to change" in run(merge, REPO, 60).stdout
    after = iter((bot / "domain.yml").read_text(encoding="utf-8").splitlines())
    assert all(line in after for line in before), "a line of the starter's domain changed"
    run([str(RASA), "data", "validate"], bot, 300)
    run([str(RASA), "train", "--fixed-model-name", "genrec"], bot, 480)
    return bot


def test_the_starters_own_test_stories_still_pass(starter: Path) -> None:
    model = starter / "models" / "genrec.tar.gz"
    cmd = [str(RASA), "test", "core", "--stories", "tests", "--model", str(model)]
    run([*cmd, "--fail-on-prediction-errors", "--out", str(starter / "results")], starter, 300)


def port(number: int) -> tuple[str, str]:
    return ("--port", str(number))


@pytest.fixture(scope="module")
def starter_stack(starter: Path) -> Iterator[StackConfig]:
    """The recommender, the starter's action server and Rasa with the merged model."""
    package = starter / "site"  # stands for `pip install ./actions`: genrec_actions importable
    package.mkdir()
    (package / "genrec_actions").symlink_to(REPO / "actions", target_is_directory=True)
    cfg = StackConfig(**PORTS, state_dir=starter / "state", rasa_token=uuid.uuid4().hex)
    endpoints = starter / "endpoints.test.yml"
    endpoints.write_text(f"action_endpoint:\n  url: {cfg.actions_url}/webhook\n", encoding="utf-8")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONUNBUFFERED="1")
    logs = cfg.log_dir
    processes = [
        Process(
            "recommender",
            [
                str(PY_REC),
                "-m",
                "recommender",
                "serve",
                *("--host", cfg.host),
                *port(cfg.recommender_port),
            ],
            REPO,
            f"{cfg.recommender_url}/health",
            dict(
                env,
                GENREC_SERVER__SERVICE_TOKEN=cfg.service_token,
                GENREC_SERVER__ADMIN_TOKEN=cfg.admin_token,
                GENREC_WEB__SESSION_SECRET=secrets.token_urlsafe(32),
                GENREC_STORE__URL=str(starter / "recommender.db"),
            ),
            logs / "recommender.log",
        ),
        Process(
            "actions",
            [str(RASA), "run", "actions", "--actions", "actions", *port(cfg.actions_port)],
            starter,
            f"{cfg.actions_url}/health",
            dict(
                env,
                PYTHONPATH=str(package),
                RECOMMENDER_URL=cfg.recommender_url,
                RECOMMENDER_TOKEN=cfg.service_token,
                SANIC_HOST=cfg.host,
                HANDOFF_SPOOL=str(starter / "handoff_spool.jsonl"),
            ),
            logs / "actions.log",
        ),
        Process(
            "rasa",
            [
                *(str(RASA), "run", "--enable-api", "--interface", cfg.host, *port(cfg.rasa_port)),
                *(f"--auth-token={cfg.rasa_token}", "--credentials", "credentials.yml"),
                *(
                    "--model",
                    str(starter / "models" / "genrec.tar.gz"),
                    "--endpoints",
                    str(endpoints),
                ),
            ],
            starter,
            f"{cfg.rasa_url}/",
            env,
            logs / "rasa.log",
        ),
    ]
    try:
        for proc in processes:
            proc.start()
        wait_healthy(processes, 420)
        yield cfg
    finally:
        for proc in reversed(processes):
            proc.stop()


def test_the_starter_still_answers_its_own_intents(starter_stack: StackConfig) -> None:
    chat = Conversation(starter_stack, f"dropin-{uuid.uuid4().hex[:12]}")
    assert texts(chat.say("hello")) == "Hey! How are you?"
    assert texts(chat.say("are you a bot?")) == "I am a bot, powered by Rasa."


def test_products_and_faq_come_from_the_assistant(starter_stack: StackConfig) -> None:
    chat = Conversation(starter_stack, f"dropin-{uuid.uuid4().hex[:12]}")
    found = products(chat.say("I need wireless headphones under 100 dollars"))
    assert found, "no products in the reply"
    assert all(p["price"] <= 100 for p in found)
    answer = texts(chat.say("what is your return policy?")).lower()
    assert "return" in answer and "days" in answer, answer
