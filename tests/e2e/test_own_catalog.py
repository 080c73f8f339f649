"""A shop's own catalog end to end: the README's recipe with a small kitchen catalog (CSV).

``import-catalog`` normalizes the file; the step ``make run`` takes before it starts the stack
(the demo users' histories, which name none of these products) succeeds and says what it left
out; the whole stack then serves the new catalog: Rasa, the actions and the recommender answer
a shopper with kettles and mugs from it, and with nothing from the demo catalog.
"""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.rasa_model import ensure_model
from scripts.stack import PY_REC, REPO, StackConfig, running_stack, seed_demo_events
from tests.e2e.conftest import TEST_PORTS, Conversation, products, texts

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

KITCHEN_CSV = """\
id,title,brand,category,price,currency,description,tags,attr_capacity,attr_material,attr_type
kt-01,Brightwell 1.7 L Electric Kettle,Brightwell,Kettles,24.99,USD,Boils a full jug in four minutes.,tea|hot water,1.7 L,plastic,electric
kt-02,Cosmo Glass Electric Kettle 1.7 L,Cosmo,Kettles,39.99,USD,Borosilicate glass with a blue LED.,tea|glass kettle,1.7 L,glass,electric
kt-03,Hearth Stovetop Whistling Kettle 2.5 L,Hearth,Kettles,34.50,USD,Stainless steel kettle that whistles.,stovetop|camping,2.5 L,stainless steel,stovetop
kt-04,Ember Gooseneck Pour-Over Kettle,Ember,Kettles,69.00,USD,Variable temperature for pour-over coffee.,coffee|pour over,0.9 L,stainless steel,electric
mg-01,Oakmere Stoneware Mug 350 ml,Oakmere,Mugs,12.00,USD,Hand-glazed stoneware mug.,coffee|tea|gift,350 ml,stoneware,
mg-02,Trailmug Insulated Travel Mug 470 ml,Trailmug,Mugs,22.95,USD,Keeps coffee hot for six hours.,travel|commute|coffee,470 ml,stainless steel,
mg-03,Porcelain Espresso Cups Set of 4,Oakmere,Mugs,18.00,USD,Small porcelain cups for espresso.,espresso|set,90 ml,porcelain,
tp-01,Kyoto Cast Iron Teapot 0.8 L,Kyoto,Teapots,45.00,USD,Cast iron teapot with an infuser.,tea|loose leaf,0.8 L,cast iron,
"""
# Ports apart from the session's demo stack and every other test stack (all may run in one
# test session; a block of 1000 each, so no port of one equals another's).
PORTS = {name: port + 1000 for name, port in TEST_PORTS.items()}


def recommender(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PY_REC), "-m", "recommender", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture(scope="module")
def kitchen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The recommender's environment after the README's import of ``kitchen.csv``."""
    state = tmp_path_factory.mktemp("kitchen")
    (state / "kitchen.csv").write_text(KITCHEN_CSV, encoding="utf-8")
    env = dict(
        os.environ,
        GENREC_CATALOG__PATH=str(state / "catalog.jsonl"),
        GENREC_STORE__URL=str(state / "recommender.db"),
    )
    done = recommender(
        "import-catalog",
        str(state / "kitchen.csv"),
        "--output",
        env["GENREC_CATALOG__PATH"],
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote 8 products" in done.stdout
    return env


def test_the_steps_before_the_stack_accept_a_catalog_without_the_demo_products(
    kitchen: dict[str, str],
) -> None:
    summary = seed_demo_events(kitchen)
    assert summary == "no events to import; 37 skipped (product not in the catalog)"
    assert seed_demo_events(kitchen) == summary  # every make run does it again
    # Without --skip-unknown the demo histories are refused, as before.
    assert recommender("import-events", env=kitchen).returncode == 2


@pytest.fixture(scope="module")
def kitchen_stack(kitchen: dict[str, str]) -> Iterator[StackConfig]:
    state = Path(kitchen["GENREC_STORE__URL"]).parent
    seed_demo_events(kitchen)
    cfg = StackConfig(
        **PORTS,
        state_dir=state,
        rasa_token=uuid.uuid4().hex,
        extra_env=tuple(
            (name, kitchen[name]) for name in ("GENREC_CATALOG__PATH", "GENREC_STORE__URL")
        ),
    )
    with running_stack(cfg, ensure_model(quiet=True), timeout_s=420):
        yield cfg


def test_the_stack_recommends_from_the_shops_own_catalog(kitchen_stack: StackConfig) -> None:
    chat = Conversation(kitchen_stack, f"e2e-kitchen-{uuid.uuid4().hex[:8]}")
    assert texts(chat.say("hi")).strip()
    turn = chat.say("I'm looking for an electric kettle")
    shown = products(turn)
    assert shown, turn
    assert {p["id"] for p in shown} <= {f"kt-0{i}" for i in range(1, 5)}, shown
    assert "Kettle" in texts(turn)


def test_the_shop_page_lists_the_shops_catalog(kitchen_stack: StackConfig) -> None:
    url = f"{kitchen_stack.recommender_url}/products?limit=50"
    with urllib.request.urlopen(url, timeout=30) as resp:
        listing = json.loads(resp.read())
    assert listing["total"] == 8
    assert {p["category"] for p in listing["products"]} == {"kettles", "mugs", "teapots"}
