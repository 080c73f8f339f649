"""Catalog file formats: round trips, normalization, error messages and hostile input."""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from recommender.config import REPO_DIR
from recommender.data.catalog import Product
from recommender.data.loaders import (
    MAX_LINE_BYTES,
    detect_format,
    dump_csv,
    dump_jsonl,
    iter_products,
    load_catalog,
    product_from_record,
)
from recommender.errors import CatalogError

DEMO = REPO_DIR / "recommender" / "data" / "demo" / "catalog.jsonl"
G_NS = "http://base.google.com/ns/1.0"

GOOD = {
    "id": "hp-1",
    "title": "Sony Earbuds",
    "brand": "Sony",
    "category": "headphones",
    "price": 59.99,
}


@pytest.fixture(scope="module")
def sample() -> list[Product]:
    """A slice of the demo catalog: every category, odd characters (Fjällräven, De'Longhi)."""
    products = list(load_catalog(DEMO))
    picked = products[::9]
    picked += [p for p in products if p.brand in ("Fjällräven", "De'Longhi", "Bang & Olufsen")]
    return list({p.id: p for p in picked}.values())


def write_jsonl(path: Path, *records: object) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def gmc_tsv(products: list[Product], path: Path) -> Path:
    header = ["id", "title", "description", "link", "image_link", "price", "brand"]
    header += ["product_type", "availability", "color", "google_product_category"]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        for p in products:
            category = f"Shop > {p.category.replace('-', ' ').title()}"
            stock = "in stock" if p.in_stock else "out of stock"
            money = f"{p.price:.2f} {p.currency}"
            color = p.attributes.get("color", "")
            row = [p.id, p.title, p.description, p.url, p.image, money, p.brand, category, stock]
            writer.writerow([*row, color, "222"])
    return path


def gmc_xml(products: list[Product], path: Path) -> Path:
    items = []
    for p in products:
        fields = {
            "g:id": p.id,
            "g:price": f"{p.price:.2f} {p.currency}",
            "g:brand": p.brand,
            "g:product_type": f"Shop > {p.category}",
            "g:availability": "in_stock" if p.in_stock else "out_of_stock",
            "g:image_link": p.image,
            "g:color": p.attributes.get("color", ""),
        }
        body = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in fields.items())
        items.append(
            f"<item><title>{escape(p.title)}</title><link>{escape(p.url)}</link>"
            f"<description>{escape(p.description)}</description>{body}"
            "<g:shipping><g:country>US</g:country><g:price>4.99 USD</g:price></g:shipping>"
            "</item>"
        )
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="{G_NS}">'
        f"<channel><title>Shop feed</title><link>https://shop.example.com</link>\n"
        + "\n".join(items)
        + "\n</channel></rss>\n",
        encoding="utf-8",
    )
    return path


def gmc_view(p: Product) -> tuple:
    """What a Merchant Center feed can carry (no tags; only the GMC attributes)."""
    color = {"color": p.attributes["color"]} if "color" in p.attributes else {}
    fields = (p.id, p.title, p.brand, p.category, p.price, p.currency, p.description, p.url)
    return (*fields, p.image, p.in_stock, color)


# --------------------------------------------------------------------------- round trips


def test_jsonl_round_trip(tmp_path: Path, sample: list[Product]) -> None:
    out = tmp_path / "out.jsonl"
    assert dump_jsonl(sample, out) == len(sample)
    assert list(load_catalog(out)) == sample


def test_csv_round_trip(tmp_path: Path, sample: list[Product]) -> None:
    out = tmp_path / "out.csv"
    assert dump_csv(sample, out) == len(sample)
    assert list(load_catalog(out)) == sample


def test_gmc_tsv_round_trip(tmp_path: Path, sample: list[Product]) -> None:
    loaded = list(load_catalog(gmc_tsv(sample, tmp_path / "feed.tsv")))
    assert [gmc_view(p) for p in loaded] == [gmc_view(p) for p in sample]


def test_gmc_txt_is_sniffed_as_tsv_or_xml(tmp_path: Path, sample: list[Product]) -> None:
    tsv = gmc_tsv(sample, tmp_path / "feed.txt")
    assert detect_format(tsv) == "gmc-tsv"
    xml = gmc_xml(sample, tmp_path / "feed2.txt")
    assert detect_format(xml) == "gmc-xml"
    assert [p.id for p in load_catalog(xml)] == [p.id for p in sample]


def test_gmc_xml_round_trip(tmp_path: Path, sample: list[Product]) -> None:
    loaded = list(load_catalog(gmc_xml(sample, tmp_path / "feed.xml")))
    assert [gmc_view(p) for p in loaded] == [gmc_view(p) for p in sample]


def test_gmc_header_variants_and_category_path(tmp_path: Path) -> None:
    feed = tmp_path / "feed.tsv"
    feed.write_text(
        "g:id\tTitle\tg:price\tbrand\tgoogle_product_category\timage link\n"
        "A1\t Blue  Kettle \t29.5 usd\tKova\tHome & Garden > Kitchen > Coffee Makers\t"
        "https://x.example/a.jpg\n",
        encoding="utf-8",
    )
    (p,) = load_catalog(feed)
    assert (p.id, p.title, p.price, p.currency, p.category, p.image, p.in_stock) == (
        "A1",
        "Blue Kettle",
        29.5,
        "USD",
        "coffee-makers",
        "https://x.example/a.jpg",
        True,
    )


def test_windows_line_endings_and_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(
        b"id,title,brand,category,price,description\r\n"
        b'a,T,B,c,1,"First line.\r\nSecond line."\r\n'
        b"b,T,B,c,2,plain\r\n"
    )
    a, b = load_catalog(path)
    assert a.description == "First line.\nSecond line."
    assert (b.id, b.description) == ("b", "plain")
    path.write_bytes(path.read_bytes().replace(b"b,T,B,c,2", b"b,T,B,c,two"))
    assert str(error_of(path)).startswith("row 2, field 'price'")
    assert str(error_of(path)).endswith("(line 4)")  # the quoted cell spans lines 2-3


def test_csv_with_json_attributes_column(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "id,title,brand,category,price,attributes,attr_size,tags,in_stock\n"
        'x1,Shoe,Nike,Running Shoes,99,"{""color"": ""Red"", ""wide"": true}",10,"road, gym",no\n',
        encoding="utf-8",
    )
    (p,) = load_catalog(path)
    assert p.attributes == {"color": "Red", "wide": "yes", "size": "10"}
    assert p.category == "running-shoes"
    assert p.tags == ("road", "gym")
    assert p.in_stock is False


def test_normalization(tmp_path: Path) -> None:
    record = {
        "id": "  sku-1 ",
        "title": " Wireless\tEarbuds  Pro ",
        "brand": " Sony ",
        "category": " Running_Shoes ",
        "price": "19.995",
        "currency": "usd",
        "description": "  Line one.\nLine two.  ",
        "attributes": {"Battery Hours": 30, "Wireless": True, "weight": 1.0, "gone": None},
        "tags": ["Gym", " gym", "Noise  Cancelling"],
        "in_stock": "No",
    }
    p = product_from_record(record, 1)
    assert (p.id, p.title, p.brand, p.category) == (
        "sku-1",
        "Wireless Earbuds Pro",
        "Sony",
        "running-shoes",
    )
    assert p.price == 20.0 and p.currency == "USD"
    assert p.description == "Line one.\nLine two."
    assert p.attributes == {"battery_hours": "30", "wireless": "yes", "weight": "1"}
    assert p.tags == ("gym", "noise cancelling")
    assert p.in_stock is False


@pytest.mark.parametrize(
    ("raw", "expected"), [(0, 0.0), ("0.005", 0.01), (129, 129.0), (9.999, 10.0), ("12.344", 12.34)]
)
def test_price_rounds_to_cents(raw: object, expected: float) -> None:
    assert product_from_record({**GOOD, "price": raw}, 1).price == expected


def test_non_ascii_category_keeps_letters() -> None:
    assert product_from_record({**GOOD, "category": "Café Machines"}, 1).category == "cafe-machines"
    assert product_from_record({**GOOD, "category": "Наушники"}, 1).category == "наушники"


def test_blank_lines_and_bom_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode() + b"\n\n  \r\n")
    assert [p.id for p in load_catalog(path)] == ["hp-1"]


def test_iter_products_streams(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", GOOD, {**GOOD, "id": "hp-2", "price": "abc"})
    products = iter_products(path)
    assert next(products).id == "hp-1"  # the first record arrives before the bad one is read
    with pytest.raises(CatalogError, match="row 2"):
        next(products)


# --------------------------------------------------------------------------- errors name row and field


def error_of(path: Path) -> CatalogError:
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    return info.value


@pytest.mark.parametrize(
    ("change", "row", "field", "message"),
    [
        (
            {"price": "abc"},
            2,
            "price",
            "row 2, field 'price': expected a non-negative number, got 'abc'",
        ),
        ({"price": -5}, 2, "price", "row 2, field 'price': expected a non-negative number, got -5"),
        ({"price": True}, 2, "price", "expected a non-negative number, got True"),
        ({"price": None}, 2, "price", "row 2, field 'price': required field is missing"),
        ({"price": 1e12}, 2, "price", "expected a price below"),
        ({"brand": None}, 2, "brand", "row 2, field 'brand': required field is missing"),
        ({"title": "   "}, 2, "title", "row 2, field 'title': required, but empty"),
        ({"title": ["a"]}, 2, "title", "expected text, got a list"),
        ({"category": "!!!"}, 2, "category", "no letters or digits"),
        (
            {"currency": "dollars"},
            2,
            "currency",
            "expected a 3-letter ISO 4217 code like 'USD', got 'dollars'",
        ),
        ({"currency": "$"}, 2, "currency", "got '$'"),
        ({"url": "javascript:alert(1)"}, 2, "url", "expected an http:// or https:// URL"),
        ({"image": "ftp://x/y.jpg"}, 2, "image", "expected an http:// or https:// URL"),
        (
            {"attributes": ["red"]},
            2,
            "attributes",
            "expected an object of name -> value, got a list",
        ),
        ({"attributes": {"color": {"a": 1}}}, 2, "attributes.color", "got an object"),
        ({"attributes": {"bad key!": "x"}}, 2, "attributes", "must be letters, digits and '_'"),
        ({"tags": "a|b,c"}, 2, "tags", "must not contain ',' or '|'"),
        ({"tags": [1]}, 2, "tags", "expected a list of text, found a number"),
        ({"in_stock": "maybe"}, 2, "in_stock", "expected true or false, got 'maybe'"),
        ({"colour": "red"}, 2, "colour", "unknown field; expected one of id, title"),
        ({"id": "a\x07b"}, 2, "id", "contains control characters"),
        ({"id": "x" * 200}, 2, "id", "longer than 128 characters"),
    ],
)
def test_jsonl_errors_name_row_and_field(
    tmp_path: Path, change: dict, row: int, field: str, message: str
) -> None:
    bad = {**GOOD, "id": "hp-2", **change}
    if change.get("price", 0) is None or change.get("brand", 0) is None:
        bad = {k: v for k, v in bad.items() if v is not None}
    exc = error_of(write_jsonl(tmp_path / "c.jsonl", GOOD, bad))
    assert (exc.row, exc.field) == (row, field)
    assert message in str(exc)


def test_duplicate_id_names_both_rows(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", GOOD, {**GOOD, "id": "hp-2"}, {**GOOD, "price": 1})
    exc = error_of(path)
    assert (exc.row, exc.field) == (3, "id")
    assert str(exc) == "row 3, field 'id': duplicate id 'hp-1', first used in row 1"


def test_mixed_currencies_are_refused(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", GOOD, {**GOOD, "id": "b", "currency": "EUR"})
    exc = error_of(path)
    assert (exc.row, exc.field) == (2, "currency")
    assert "'EUR' differs from 'USD' used since row 1" in str(exc)


def test_jsonl_line_is_named_when_it_differs_from_the_row(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(GOOD) + "\n\n\n" + json.dumps({**GOOD, "price": "x"}) + "\n")
    assert str(error_of(path)).endswith("got 'x' (line 4)")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "a",', "row 2: invalid JSON at column"),
        ("[1, 2, 3]", "row 2: expected a JSON object {...}, got a list"),
        ('"just text"', "row 2: expected a JSON object {...}, got text"),
        ("42", "got a number"),
        ("null", "got null"),
        ('{"id": "a", "id": "b"}', "row 2, field 'id': given twice"),
        ('{"price": NaN}', "row 2: invalid JSON"),
        ("[" * 100_000 + "]" * 100_000, "row 2: invalid JSON"),
        ('{"price": ' + "9" * 5000 + "}", "row 2: invalid JSON"),
    ],
)
def test_bad_json_lines(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + line + "\n", encoding="utf-8")
    assert message in str(error_of(path))


def test_csv_error_names_row_field_and_line(tmp_path: Path) -> None:
    rows = [["id", "title", "brand", "category", "price"]]
    rows += [[f"id{i}", "T", "B", "c", "1.00"] for i in range(1, 17)]
    rows += [["id17", "T", "B", "c", "abc"]]
    path = tmp_path / "c.csv"
    with path.open("w", newline="") as out:
        csv.writer(out).writerows(rows)
    exc = error_of(path)
    assert (exc.row, exc.field) == (17, "price")
    assert str(exc) == "row 17, field 'price': expected a non-negative number, got 'abc' (line 18)"


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("id,title,brand,category\nx,T,B,c\n", "price", "required column is missing"),
        ("id,title,brand,category,price,colour\n", "colour", "use 'attr_colour' for an attribute"),
        ("id,title,brand,category,price,price\n", "price", "column appears twice"),
        (
            "id,title,brand,category,price\nx,T,B,c\n",
            None,
            "row 1: expected 5 cells as in the header, got 4 (line 2)",
        ),
        ('id,title,brand,category,price\nx,"T,B,c,1\n', None, "row 1: malformed line"),
        (
            'id,title,brand,category,price,attributes\nx,T,B,c,1,"{oops"\n',
            "attributes",
            'expected a JSON object like {"color": "black"}',
        ),
        (
            'id,title,brand,category,price,attributes,attr_color\nx,T,B,c,1,"{""color"":1}",red\n',
            "attributes.color",
            "given twice",
        ),
        (
            "id,title,brand,category,price\n,T,B,c,1\n",
            "id",
            "row 1, field 'id': required, but empty (line 2)",
        ),
    ],
)
def test_csv_errors(tmp_path: Path, text: str, field: str | None, message: str) -> None:
    path = tmp_path / "c.csv"
    path.write_text(text, encoding="utf-8")
    exc = error_of(path)
    assert exc.field == field
    assert message in str(exc)


@pytest.mark.parametrize(
    ("cells", "field", "message"),
    [
        (
            {"price": "$129"},
            "price",
            "expected '<amount> <currency>' like '129.00 USD', got '$129'",
        ),
        ({"price": "129.00"}, "price", "expected '<amount> <currency>'"),
        ({"price": "1,299.00 USD"}, "price", "expected '<amount> <currency>'"),
        ({"availability": "soon"}, "availability", "expected in stock, out of stock, preorder"),
        ({"product_type": "", "google_product_category": "2271"}, "product_type", "numeric ids"),
        ({"brand": ""}, "brand", "required field is missing"),
        ({"link": "notaurl"}, "url", "expected an http:// or https:// URL"),
    ],
)
def test_gmc_tsv_errors(tmp_path: Path, cells: dict, field: str, message: str) -> None:
    good = {
        "id": "a",
        "title": "T",
        "price": "1.00 USD",
        "brand": "B",
        "product_type": "X > Y",
        "google_product_category": "",
        "availability": "in stock",
        "link": "",
    }
    bad = {**good, "id": "b", **cells}
    path = tmp_path / "feed.tsv"
    path.write_text(
        "\t".join(good) + "\n" + "\t".join(good.values()) + "\n" + "\t".join(bad.values()) + "\n"
    )
    exc = error_of(path)
    assert (exc.row, exc.field) == (2, field)
    assert message in str(exc)
    assert str(exc).endswith("(line 3)")


def test_gmc_tsv_header_needs_a_category_column(tmp_path: Path) -> None:
    path = tmp_path / "feed.tsv"
    path.write_text("id\ttitle\tprice\tbrand\na\tT\t1.00 USD\tB\n")
    assert error_of(path).field == "product_type"


def test_gmc_xml_error_names_row_field_and_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        f'<rss xmlns:g="{G_NS}"><channel>\n'
        "<item><g:id>a</g:id><title>T</title><g:price>1.00 USD</g:price><g:brand>B</g:brand>"
        "<g:product_type>X</g:product_type></item>\n"
        "<item><g:id>b</g:id><title>T</title><g:price>cheap</g:price><g:brand>B</g:brand>"
        "<g:product_type>X</g:product_type></item>\n"
        "</channel></rss>"
    )
    exc = error_of(path)
    assert (exc.row, exc.field) == (2, "price")
    assert str(exc).endswith("got 'cheap' (line 3)")


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.csv", "empty.tsv", "empty.xml"])
def test_empty_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("" if not name.endswith(".xml") else "<rss><channel/></rss>")
    assert "holds no products" in str(error_of(path))


def test_header_only_csv_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,title,brand,category,price\n\n")
    assert "holds no products" in str(error_of(path))


def test_unsupported_extension_and_missing_file(tmp_path: Path) -> None:
    assert "unsupported file type '.json'" in str(error_of(tmp_path / "c.json"))
    assert "cannot read" in str(error_of(tmp_path / "missing.jsonl"))
    with pytest.raises(CatalogError, match="unknown catalog format"):
        list(iter_products(DEMO, "yaml"))


# --------------------------------------------------------------------------- hostile input


def test_ten_megabyte_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    big = {**GOOD, "description": "x" * (10 * 1024 * 1024)}
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps(big) + "\n")
    exc = error_of(path)
    assert exc.row == 2
    assert f"line is longer than {MAX_LINE_BYTES} bytes" in str(exc)


def test_ten_megabyte_line_without_newline_in_csv(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(b"id,title,brand,category,price\nx,T,B,c," + b"9" * (10 * 1024 * 1024))
    assert "longer than" in str(error_of(path))


def test_long_description_under_the_line_limit_is_refused_by_field_limit(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", {**GOOD, "description": "y" * 20_000})
    exc = error_of(path)
    assert (exc.row, exc.field) == (1, "description")


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".tsv", ".xml", ".txt"])
def test_binary_garbage(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"garbage{suffix}"
    path.write_bytes(random.Random(7).randbytes(64 * 1024))
    assert isinstance(error_of(path), CatalogError)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_nul_bytes_and_bad_utf8(tmp_path: Path, suffix: str) -> None:
    header = b"id,title,brand,category,price\n" if suffix == ".csv" else b""
    row = b'{"id": "a\x00"}\n' if suffix == ".jsonl" else b"a,T\x00,B,c,1\n"
    path = tmp_path / f"nul{suffix}"
    path.write_bytes(header + row)
    assert "NUL byte" in str(error_of(path))
    path.write_bytes(header + b"caf\xe9,T,B,c,1\n")
    assert "not UTF-8" in str(error_of(path))


def test_compressed_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(gzip.compress(json.dumps(GOOD).encode()))
    assert "gzip-compressed" in str(error_of(path))


def test_csv_field_over_the_csv_limit(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,title,brand,category,price,description\nx,T,B,c,1," + "z" * 200_000 + "\n")
    exc = error_of(path)
    assert exc.row == 1 and "malformed line" in str(exc)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss><channel><item><g:id xmlns:g="http://base.google.com/ns/1.0">&lol3;</g:id></item></channel></rss>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&xxe;</title></item></channel></rss>
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BILLION_LAUGHS, "DOCTYPE/DTD declarations are refused"),
        (EXTERNAL_ENTITY, "DOCTYPE/DTD declarations are refused"),
        ("<rss><channel><item><title>&nope;</title></item></channel></rss>", "invalid XML"),
        ("<rss><channel><item><title>T</item></channel></rss>", "invalid XML at line 1"),
        ("<rss><channel>", "invalid XML"),
    ],
)
def test_hostile_or_broken_xml(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(text)
    assert message in str(error_of(path))


def test_oversized_xml_field(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        "<rss><channel><item><title>T</title><description>"
        + "d" * (MAX_LINE_BYTES + 10)
        + "</description></item></channel></rss>"
    )
    exc = error_of(path)
    assert (exc.row, exc.field) == (1, "description")


def test_dump_jsonl_is_atomic_and_creates_folders(tmp_path: Path, sample: list[Product]) -> None:
    out = tmp_path / "a" / "b" / "catalog.jsonl"
    out.parent.mkdir(parents=True)
    out.write_text("old\n")

    def exploding() -> object:
        yield sample[0]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        dump_jsonl(exploding(), out)  # type: ignore[arg-type]
    assert out.read_text() == "old\n"  # the previous file survives a failed write
    assert list(out.parent.iterdir()) == [out]  # and no temporary file is left behind
    dump_jsonl(sample, tmp_path / "new" / "dir" / "c.jsonl")
    assert len(load_catalog(tmp_path / "new" / "dir" / "c.jsonl")) == len(sample)


def test_atom_entries_and_link_href(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        f'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:g="{G_NS}">'
        '<entry><g:id>a</g:id><title>Mug</title><link href="https://shop.example.com/p/a"/>'
        "<g:price>5.00 EUR</g:price><g:brand>Kova</g:brand>"
        "<g:google_product_category>Home &amp; Garden &gt; Mugs</g:google_product_category>"
        "<g:availability>preorder</g:availability></entry></feed>"
    )
    (p,) = load_catalog(path)
    assert (p.url, p.category, p.currency, p.in_stock) == (
        "https://shop.example.com/p/a",
        "mugs",
        "EUR",
        False,
    )


def test_examples_in_the_docs_load(tmp_path: Path) -> None:
    doc = (REPO_DIR / "docs" / "CATALOG.md").read_text(encoding="utf-8")
    suffixes = {"json": ".jsonl", "csv": ".csv", "xml": ".xml", "": ".tsv"}
    loaded = 0
    for number, (lang, body) in enumerate(re.findall(r"```(\w*)\n(.*?)```", doc, re.S)):
        if lang not in suffixes or (lang == "" and not body.startswith("id\t")):
            continue
        if lang == "json":
            body = body.replace('"description": "', '"description": "x').replace(" ...", "")
        path = tmp_path / f"example{number}{suffixes[lang]}"
        path.write_text(body, encoding="utf-8")
        assert len(load_catalog(path)) >= 1, body
        loaded += 1
    assert loaded == 4
