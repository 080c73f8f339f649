"""``python -m recommender import-catalog``: summary, normalized output, clean failures."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from recommender.api import cli, cmd_catalog
from recommender.config import REPO_DIR, load_config
from recommender.data.loaders import load_catalog

DEMO = REPO_DIR / "recommender" / "data" / "demo" / "catalog.jsonl"


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cmd_catalog.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(list(argv))


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cmd_catalog.run(parse(*argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_parser_defaults() -> None:
    args = parse("import-catalog", "shop.csv")
    assert args.func is cmd_catalog.run
    assert args.file == Path("shop.csv")
    assert args.output == REPO_DIR / "var" / "catalog.jsonl"
    assert args.fmt is None and args.check is False


def test_imports_demo_and_writes_normalized_jsonl(tmp_path: Path) -> None:
    out_file = tmp_path / "var" / "catalog.jsonl"
    code, out, err = run("import-catalog", str(DEMO.with_suffix(".csv")), "--output", str(out_file))
    assert (code, err) == (0, "")
    demo = load_catalog(DEMO)
    assert f"products:   {len(demo)}" in out
    assert f"categories: {len(demo.categories)}" in out
    for category in demo.categories:
        count = sum(p.category == category for p in demo)
        assert any(line.split()[:2] == [category, str(count)] for line in out.splitlines())
    cheapest = min(p.price for p in demo)
    assert f"price:      {cheapest:,.2f} USD - " in out
    assert f"brands:     {len(demo.brands)}: " in out
    assert f"GENREC_CATALOG__PATH={out_file.resolve()}" in out
    assert list(load_catalog(out_file)) == list(demo)
    first = json.loads(out_file.read_text(encoding="utf-8").splitlines()[0])
    assert first["id"] == next(iter(demo)).id


def test_output_is_what_the_service_loads(tmp_path: Path) -> None:
    out_file = tmp_path / "catalog.jsonl"
    assert run("import-catalog", str(DEMO), "-o", str(out_file))[0] == 0
    config = load_config(env={"GENREC_CATALOG__PATH": str(out_file)})
    assert len(load_catalog(config.catalog.path)) == len(load_catalog(DEMO))


def test_bad_file_exits_2_with_row_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "shop.csv"
    bad.write_text("id,title,brand,category,price\na,T,B,c,1\nb,T,B,c,abc\n")
    out_file = tmp_path / "out.jsonl"
    code, out, err = run("import-catalog", str(bad), "--output", str(out_file))
    assert code == 2
    assert out == ""
    assert err == (
        f"error: {bad}: row 2, field 'price': expected a non-negative number, got 'abc' (line 3)\n"
    )
    assert not out_file.exists()


def test_check_writes_nothing(tmp_path: Path) -> None:
    out_file = tmp_path / "out.jsonl"
    code, out, _ = run("import-catalog", str(DEMO), "--check", "--output", str(out_file))
    assert code == 0 and "is valid" in out
    assert not out_file.exists()


def test_format_flag_overrides_the_extension(tmp_path: Path) -> None:
    feed = tmp_path / "feed.dat"
    feed.write_text("id\ttitle\tprice\tbrand\tproduct_type\nA\tKettle\t9.99 USD\tKova\tKitchen\n")
    code, out, err = run("import-catalog", str(feed), "--format", "gmc-tsv", "--check")
    assert (code, err) == (0, "")
    assert "(gmc-tsv) is valid" in out
    code, _, err = run("import-catalog", str(feed), "--check")
    assert code == 2 and "unsupported file type '.dat'" in err


def test_unwritable_output_exits_1(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, _, err = run("import-catalog", str(DEMO), "--output", str(blocker / "x.jsonl"))
    assert code == 1 and err.startswith("error: cannot write ")


def test_registered_in_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("recommender.api.cmd_catalog",))
    out_file = tmp_path / "c.jsonl"
    assert cli.main(["import-catalog", str(DEMO), "--output", str(out_file)]) == 0
    assert out_file.exists()
    assert "recommender.api.cmd_catalog" in cli.COMMAND_MODULES


@pytest.mark.slow  # `python -m recommender` also imports the serve command and its models
def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "shop.jsonl"
    bad.write_bytes(b'{"id": "a"}\n\xff\xfe garbage\n')
    proc = subprocess.run(
        [sys.executable, "-m", "recommender", "import-catalog", str(bad), "--check"],
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"error: {bad}: row 1, field 'title': required field is missing")
