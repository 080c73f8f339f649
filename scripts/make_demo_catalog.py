"""Generate the demo catalog (``recommender/data/demo/catalog.{jsonl,csv}``) deterministically.

Usage: ``python scripts/make_demo_catalog.py [--out-dir DIR] [--check]``

Brands are real, product lines resemble real ones, but prices and specifications are
illustrative demo data, not facts about the real products. Each category has its own
seeded RNG (prices inside each model's range, a few items out of stock), so editing one
category never changes another. ``--check`` regenerates into memory and fails if the
committed files differ.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from recommender.data.catalog import Product  # noqa: E402
from recommender.data.loaders import dump_csv, dump_jsonl, load_catalog  # noqa: E402

SEED = "genrec-demo-v1"
OUT_DIR = REPO / "recommender" / "data" / "demo"
BASE_URL = "https://shop.example.com"
OUT_OF_STOCK_RATE = 0.05


@dataclass(frozen=True)
class Model:
    """One product line; each variant (colour, size, configuration) becomes a product."""

    brand: str
    name: str
    price: tuple[float, float]
    attrs: dict[str, str]
    note: str
    variants: tuple[dict[str, str], ...]
    tags: tuple[str, ...] = ()


@dataclass
class Draft:
    """A product before it gets its id, url and stock state."""

    brand: str
    title: str
    price: float
    description: str
    attributes: dict[str, str]
    tags: list[str] = field(default_factory=list)


def m(
    brand: str,
    name: str,
    price: float | tuple[float, float],
    note: str,
    *,
    colors: str = "",
    variants: tuple[dict[str, str], ...] = (),
    tags: str = "",
    **attrs: str,
) -> Model:
    """Compact model definition: ``colors`` and ``tags`` are ``|``-separated."""
    low_high = price if isinstance(price, tuple) else (price, price)
    if not variants:
        variants = tuple({"color": c} for c in colors.split("|")) if colors else ({},)
    elif colors:
        variants = tuple({"color": colors.split("|")[0], **v} for v in variants)
    return Model(
        brand, name, low_high, attrs, note, variants, tuple(t for t in tags.split("|") if t)
    )


def pick_price(rng: random.Random, low: float, high: float) -> float:
    """A shelf price in ``[low, high]`` with the cents of ``low`` (x.99, x.95, x.00)."""
    if low >= high:
        return low
    cents = round(low - math.floor(low), 2)
    dollars = int(rng.uniform(low, high))
    if dollars >= 100:
        dollars = dollars // 10 * 10 + 9
    elif dollars >= 20:
        dollars = dollars // 5 * 5 + 4
    price = round(dollars + cents, 2)
    return price if low <= price <= high else low


def yes(flag: str) -> bool:
    return flag == "yes"


# --------------------------------------------------------------------------- headphones

# fmt: off
HEADPHONES = [
    m("ShopBasics", "Everyday Wired Earbuds", (7.99, 9.99), "Tangle-resistant flat cable with an inline mic for calls; three ear-tip sizes included.", colors="Black|White", type="in-ear", wireless="no", noise_cancelling="no", tags="budget|calls"),
    m("ShopBasics", "Wireless Sport Earbuds", (19.99, 24.99), "Sweat-resistant IPX5 buds with ear hooks that stay put on runs and in the gym.", colors="Black|Blue", type="in-ear", wireless="yes", noise_cancelling="no", battery_hours="6", tags="gym|running|workout|sport"),
    m("ShopBasics", "Kids Volume-Limited Headphones", (14.99, 19.99), "Volume capped at 85 dB to protect young ears, with a bendable headband for school and car trips.", colors="Blue|Pink", type="on-ear", wireless="no", noise_cancelling="no", tags="kids|school|children"),
    m("Panasonic", "ErgoFit Wired Earbuds", (9.99, 12.99), "Lightweight everyday earbuds for phones, laptops and in-flight entertainment.", colors="Black|White|Pink", type="in-ear", wireless="no", noise_cancelling="no", tags="budget"),
    m("Skullcandy", "Dime 3 True Wireless Earbuds", (19.99, 29.99), "Pocket-size case with a lanyard and built-in Tile finding, made for everyday listening on a budget.", colors="Black|Grey", type="in-ear", wireless="yes", noise_cancelling="no", battery_hours="8", tags="budget|everyday"),
    m("Skullcandy", "Hesh Evo Wireless Headphones", (49.99, 59.99), "Rapid charge gives four hours of play from ten minutes on the cable; folds flat for a backpack.", colors="Black|Blue", type="over-ear", wireless="yes", noise_cancelling="no", battery_hours="36"),
    m("JBL", "Tune 520BT Wireless On-Ear Headphones", (39.99, 49.99), "JBL Pure Bass sound and multipoint pairing to switch between phone and laptop.", colors="Black|Blue|White", type="on-ear", wireless="yes", noise_cancelling="no", battery_hours="57", tags="everyday|commute"),
    m("JBL", "Live 770NC Wireless Noise Cancelling Headphones", (149.99, 179.99), "Adaptive noise cancelling with Smart Ambient so you can hear announcements on the train.", colors="Black|Sand", type="over-ear", wireless="yes", noise_cancelling="yes", battery_hours="50", tags="commute|travel"),
    m("JBL", "Endurance Peak 3 Sport Earbuds", (79.99, 99.99), "Powerhook design and IP68 dust and water resistance for trail runs, swims in the rain and gym sessions.", colors="Black|Blue", type="in-ear", wireless="yes", noise_cancelling="no", battery_hours="10", tags="gym|running|workout|sport|waterproof"),
    m("Soundcore", "Life Q30 Hybrid Noise Cancelling Headphones", (69.99, 79.99), "Three noise cancelling modes for airplane, indoor and outdoor use at a friendly price.", colors="Black|Blue", type="over-ear", wireless="yes", noise_cancelling="yes", battery_hours="40", tags="travel|flights|value"),
    m("Soundcore", "Liberty 4 NC Earbuds", (79.99, 99.99), "Adaptive noise cancelling that adjusts to your ear canal and surroundings, plus wireless charging.", colors="Black|White", type="in-ear", wireless="yes", noise_cancelling="yes", battery_hours="10", tags="commute|value"),
    m("Sony", "WH-CH520 Wireless On-Ear Headphones", (39.99, 59.99), "Light on-ear fit with a customizable EQ in the Sony app and clear hands-free calls.", colors="Black|Blue|Beige", type="on-ear", wireless="yes", noise_cancelling="no", battery_hours="50", tags="everyday|calls"),
    m("Sony", "WH-1000XM5 Wireless Noise Cancelling Headphones", (349.99, 399.99), "Eight microphones tune out engines and open-plan offices; soft-fit leather and 3-minute quick charge for 3 hours.", colors="Black|Silver|Midnight Blue", type="over-ear", wireless="yes", noise_cancelling="yes", battery_hours="30", tags="travel|flights|office|commute|premium"),
    m("Sony", "WF-1000XM5 Noise Cancelling Earbuds", (279.99, 299.99), "Small, light buds with strong noise cancelling and hi-res LDAC wireless audio.", colors="Black|Silver", type="in-ear", wireless="yes", noise_cancelling="yes", battery_hours="8", tags="travel|commute|premium"),
    m("Sony", "MDR-7506 Studio Monitor Headphones", (89.99, 99.99), "Closed-back monitors used in studios for decades, with a coiled cable and 1/4-inch adapter.", colors="Black", type="over-ear", wireless="no", noise_cancelling="no", tags="studio|recording|mixing|podcast"),
    m("Bose", "QuietComfort Ultra Headphones", (379.99, 429.99), "World-class noise cancelling with immersive spatial audio and plush cushions for long flights.", colors="Black|White Smoke", type="over-ear", wireless="yes", noise_cancelling="yes", battery_hours="24", tags="travel|flights|office|premium"),
    m("Bose", "QuietComfort Ultra Earbuds", (249.99, 299.99), "CustomTune sound calibrates to each ear; stability bands keep them secure on a commute.", colors="Black|White", type="in-ear", wireless="yes", noise_cancelling="yes", battery_hours="6", tags="commute|travel|premium"),
    m("Apple", "AirPods (3rd generation)", (149.99, 169.99), "Open fit without ear tips, spatial audio and automatic switching between iPhone, iPad and Mac.", colors="White", type="in-ear", wireless="yes", noise_cancelling="no", battery_hours="6", tags="iphone|airpods"),
    m("Apple", "AirPods Pro (2nd generation)", (229.99, 249.99), "Active noise cancelling, Transparency mode and a MagSafe case with a built-in speaker for Find My.", colors="White", type="in-ear", wireless="yes", noise_cancelling="yes", battery_hours="6", tags="iphone|airpods|commute"),
    m("Apple", "AirPods Max", (499.99, 549.99), "Aluminum cups, knit-mesh canopy and computational audio for iPhone and Mac users who want the best.", colors="Space Grey|Silver|Sky Blue", type="over-ear", wireless="yes", noise_cancelling="yes", battery_hours="20", tags="iphone|premium|travel"),
    m("Beats", "Studio Pro Wireless Headphones", (299.99, 349.99), "Lossless audio over USB-C and one-touch pairing with both iPhone and Android.", colors="Black|Navy|Sandstone", type="over-ear", wireless="yes", noise_cancelling="yes", battery_hours="40", tags="travel|bass"),
    m("Beats", "Solo 4 Wireless On-Ear Headphones", (179.99, 199.99), "Ergonomic on-ear cushions and a foldable frame for listening on the go all day.", colors="Black|Cloud Pink", type="on-ear", wireless="yes", noise_cancelling="no", battery_hours="50", tags="everyday|bass"),
    m("Sennheiser", "Momentum 4 Wireless Headphones", (299.99, 379.99), "Audiophile-grade sound with a 60-hour battery, enough for a week of commuting.", colors="Black|White", type="over-ear", wireless="yes", noise_cancelling="yes", battery_hours="60", tags="audiophile|travel|premium"),
    m("Sennheiser", "HD 560S Open-Back Headphones", (179.99, 199.99), "Open-back design with a wide, natural soundstage for critical listening at home.", colors="Black", type="over-ear", wireless="no", noise_cancelling="no", tags="audiophile|home|studio"),
    m("Audio-Technica", "ATH-M50x Professional Monitor Headphones", (139.99, 169.99), "Accurate studio sound, swiveling ear cups and three detachable cables for DJ and recording work.", colors="Black|White", type="over-ear", wireless="no", noise_cancelling="no", tags="studio|dj|recording|mixing"),
    m("Jabra", "Elite 4 Active Earbuds", (79.99, 119.99), "Secure-fit wings, IP57 sweat protection and noise cancelling for workouts.", colors="Black|Navy", type="in-ear", wireless="yes", noise_cancelling="yes", battery_hours="7", tags="gym|running|workout|sport"),
    m("Bang & Olufsen", "Beoplay H95 Wireless Headphones", (799.99, 899.99), "Lambskin cushions, an aluminum dial for volume and noise cancelling, and a 38-hour battery.", colors="Black", type="over-ear", wireless="yes", noise_cancelling="yes", battery_hours="38", tags="luxury|premium|travel"),
]
# fmt: on


def headphones(model: Model, v: dict[str, str]) -> Draft:
    a = {**model.attrs, **v}
    kind = {"in-ear": "earbuds", "on-ear": "on-ear headphones", "over-ear": "over-ear headphones"}
    what = kind[a["type"]]
    extras: list[str] = []
    if yes(a["wireless"]):
        lead = "True wireless " if a["type"] == "in-ear" else "Wireless "
    else:
        lead = "Wired "
        extras.append("a 3.5 mm cable")
    if yes(a["noise_cancelling"]):
        extras.append("active noise cancelling")
    if "battery_hours" in a:
        extras.append(f"up to {a['battery_hours']} hours of battery life")
    first = lead + what + (" with " + " and ".join(extras) if extras else "") + "."
    tags = ["audio", "music"]
    tags += ["earbuds", "earphones"] if a["type"] == "in-ear" else ["headset"]
    if yes(a["wireless"]):
        tags.append("bluetooth")
    else:
        tags.append("wired")
    if yes(a["noise_cancelling"]):
        tags += ["noise cancelling", "anc"]
    title = f"{model.brand} {model.name}" + (f", {a['color']}" if len(model.variants) > 1 else "")
    return Draft(model.brand, title, 0.0, f"{first[0].upper()}{first[1:]} {model.note}", a, tags)


# --------------------------------------------------------------------------- laptops


def cfg(ram: str, storage: str, price: float) -> dict[str, str]:
    return {"ram": f"{ram} GB", "storage": storage, "price": f"{price:.2f}"}


# fmt: off
LAPTOPS = [
    m("Lenovo", "IdeaPad Slim 3 Chromebook", 0, "Fanless and silent with a 13-hour battery, ideal for homework, browsing and Google Docs.", variants=(cfg("4", "64 GB eMMC", 189.99),), screen_size="14", cpu="MediaTek Kompanio 520", gpu="integrated", os="ChromeOS", colors="Abyss Blue", tags="chromebook|student|school|kids|browsing|budget"),
    m("Acer", "Chromebook 314", 0, "Boots in seconds and updates itself; a light, durable laptop for school and web apps.", variants=(cfg("4", "64 GB eMMC", 219.99), cfg("8", "128 GB eMMC", 279.99)), screen_size="14", cpu="Intel Celeron N4500", gpu="integrated", os="ChromeOS", colors="Silver", tags="chromebook|student|school|browsing|budget"),
    m("HP", "Laptop 14 Student Edition", 0, "A basic Windows laptop for email, video calls and office documents, with a numeric-friendly keyboard.", variants=(cfg("4", "64 GB eMMC", 229.99),), screen_size="14", cpu="Intel Celeron N4500", gpu="integrated", os="Windows 11 Home in S mode", colors="Snowflake White", tags="student|school|budget|office"),
    m("Kova", "Book 14 Everyday Laptop", 0, "Our own-brand laptop: full HD screen, backlit keyboard and a 1-year shop warranty.", variants=(cfg("8", "256 GB SSD", 299.99),), screen_size="14", cpu="Intel Processor N200", gpu="integrated", os="Windows 11 Home", colors="Grey", tags="budget|student|everyday|value"),
    m("HP", "Chromebook x360 14", 0, "Flips into a tablet with a touchscreen for notes and streaming; USB-C charging on both sides.", variants=(cfg("8", "128 GB SSD", 399.99),), screen_size="14", cpu="Intel Core i3", gpu="integrated", os="ChromeOS", colors="Silver", tags="chromebook|2-in-1|touchscreen|student"),
    m("Acer", "Aspire 3", 0, "Full HD IPS display and Wi-Fi 6 in a budget 15.6-inch laptop for home and study.", variants=(cfg("8", "256 GB SSD", 349.99), cfg("16", "512 GB SSD", 449.99)), screen_size="15.6", cpu="AMD Ryzen 5 7520U", gpu="integrated", os="Windows 11 Home", colors="Silver", tags="student|home|budget|everyday"),
    m("Dell", "Inspiron 15", 0, "A dependable family laptop with a 120 Hz display, full keyboard with number pad and webcam shutter.", variants=(cfg("8", "512 GB SSD", 499.99), cfg("16", "1 TB SSD", 649.99)), screen_size="15.6", cpu="Intel Core i5-1335U", gpu="integrated", os="Windows 11 Home", colors="Platinum Silver", tags="home|family|office|everyday"),
    m("ASUS", "Vivobook 16", 0, "A large 16-inch screen for spreadsheets and side-by-side windows at an affordable price.", variants=(cfg("8", "512 GB SSD", 529.99), cfg("16", "512 GB SSD", 599.99)), screen_size="16", cpu="Intel Core i5-1335U", gpu="integrated", os="Windows 11 Home", colors="Quiet Blue", tags="office|student|big screen"),
    m("HP", "Pavilion 15", 0, "Bang & Olufsen tuned speakers and a fast-charging battery for work and movies.", variants=(cfg("8", "512 GB SSD", 549.99), cfg("16", "512 GB SSD", 649.99)), screen_size="15.6", cpu="Intel Core i5-1335U", gpu="integrated", os="Windows 11 Home", colors="Natural Silver", tags="home|office|everyday"),
    m("Samsung", "Galaxy Book4", 0, "Thin metal body that pairs with Galaxy phones for Quick Share and phone-camera webcam.", variants=(cfg("8", "512 GB SSD", 649.99),), screen_size="15.6", cpu="Intel Core 5 120U", gpu="integrated", os="Windows 11 Home", colors="Gray", tags="office|android|everyday"),
    m("Lenovo", "IdeaPad Slim 5", 0, "A 14-inch WUXGA OLED option, 1080p webcam and all-day battery in a 1.4 kg aluminum chassis.", variants=(cfg("16", "512 GB SSD", 649.99), cfg("16", "1 TB SSD", 749.99)), screen_size="14", cpu="AMD Ryzen 7 8845HS", gpu="integrated", os="Windows 11 Home", colors="Cloud Grey", tags="student|work|lightweight|value"),
    m("Microsoft", "Surface Laptop Go 3", 0, "A compact 12.4-inch touchscreen laptop with a fingerprint power button, easy to carry around campus.", variants=(cfg("8", "256 GB SSD", 699.99),), screen_size="12.4", cpu="Intel Core i5-1235U", gpu="integrated", os="Windows 11 Home", colors="Sage", tags="student|lightweight|touchscreen|portable"),
    m("Acer", "Nitro V 15 Gaming Laptop", 0, "An entry gaming laptop with a 144 Hz screen for esports titles at high frame rates.", variants=(cfg("8", "512 GB SSD", 749.99), cfg("16", "512 GB SSD", 849.99)), screen_size="15.6", cpu="Intel Core i5-13420H", gpu="NVIDIA GeForce RTX 4050", os="Windows 11 Home", colors="Obsidian Black", tags="gaming|esports|budget gaming"),
    m("Acer", "Swift Go 14", 0, "An OLED ultrabook with AI-ready processor and a 1440p webcam for hybrid work.", variants=(cfg("16", "512 GB SSD", 799.99),), screen_size="14", cpu="Intel Core Ultra 5 125H", gpu="integrated", os="Windows 11 Home", colors="Pure Silver", tags="ultrabook|work|travel|lightweight"),
    m("Lenovo", "ThinkPad E14", 0, "Business laptop with the TrackPoint, spill-resistant keyboard and MIL-STD durability testing.", variants=(cfg("16", "512 GB SSD", 849.99),), screen_size="14", cpu="Intel Core i5-1335U", gpu="integrated", os="Windows 11 Pro", colors="Graphite Black", tags="business|work|office|durable"),
    m("Apple", "MacBook Air 13-inch (M2)", 0, "Silent fanless design, up to 18 hours of battery and a Liquid Retina display for study and everyday work.", variants=(cfg("8", "256 GB SSD", 999.00), cfg("16", "512 GB SSD", 1199.00)), screen_size="13.6", cpu="Apple M2", gpu="integrated", os="macOS", colors="Midnight", tags="macbook|mac|student|lightweight|travel"),
    m("Microsoft", "Surface Laptop 7", 0, "A Copilot+ PC with a 13.8-inch touchscreen and very long battery life on an Arm processor.", variants=(cfg("16", "256 GB SSD", 999.99), cfg("16", "512 GB SSD", 1199.99)), screen_size="13.8", cpu="Snapdragon X Plus", gpu="integrated", os="Windows 11 Home", colors="Platinum", tags="work|touchscreen|lightweight|battery life"),
    m("MSI", "Katana 15 Gaming Laptop", 0, "RTX 4060 graphics and a 144 Hz display for AAA games at 1080p, with a red-backlit keyboard.", variants=(cfg("16", "1 TB SSD", 1099.99),), screen_size="15.6", cpu="Intel Core i7-13620H", gpu="NVIDIA GeForce RTX 4060", os="Windows 11 Home", colors="Black", tags="gaming|esports"),
    m("ASUS", "Zenbook 14 OLED", 0, "A vivid 3K OLED screen and 1.2 kg weight for creators who work on the road.", variants=(cfg("16", "1 TB SSD", 1099.99),), screen_size="14", cpu="Intel Core Ultra 7 155H", gpu="integrated", os="Windows 11 Home", colors="Ponder Blue", tags="ultrabook|oled|creative|travel|lightweight"),
    m("Dell", "XPS 13", 0, "A premium 13-inch ultrabook with an edge-to-edge keyboard and a machined aluminum body.", variants=(cfg("16", "512 GB SSD", 1199.99), cfg("32", "1 TB SSD", 1499.99)), screen_size="13.4", cpu="Intel Core Ultra 7 155H", gpu="integrated", os="Windows 11 Home", colors="Platinum", tags="ultrabook|premium|business|travel"),
    m("HP", "EliteBook 840", 0, "Enterprise security features, a privacy screen option and a 5 MP webcam for video meetings.", variants=(cfg("16", "512 GB SSD", 1299.99),), screen_size="14", cpu="Intel Core i7-1355U", gpu="integrated", os="Windows 11 Pro", colors="Silver", tags="business|work|office|security"),
    m("Apple", "MacBook Air 15-inch (M3)", 0, "A bigger 15.3-inch screen in a thin fanless laptop with six speakers for movies and multitasking.", variants=(cfg("8", "256 GB SSD", 1299.00), cfg("16", "512 GB SSD", 1699.00)), screen_size="15.3", cpu="Apple M3", gpu="integrated", os="macOS", colors="Starlight", tags="macbook|mac|big screen|lightweight"),
    m("ASUS", "ROG Strix G16 Gaming Laptop", 0, "A 165 Hz QHD-class panel, RGB light bar and strong cooling for long gaming sessions.", variants=(cfg("16", "1 TB SSD", 1399.99), cfg("32", "1 TB SSD", 1599.99)), screen_size="16", cpu="Intel Core i7-13650HX", gpu="NVIDIA GeForce RTX 4060", os="Windows 11 Home", colors="Eclipse Gray", tags="gaming|esports|streaming"),
    m("HP", "Spectre x360 14", 0, "A 2-in-1 convertible with a 2.8K OLED touchscreen and included pen for sketching and notes.", variants=(cfg("16", "1 TB SSD", 1449.99),), screen_size="14", cpu="Intel Core Ultra 7 155H", gpu="integrated", os="Windows 11 Home", colors="Nightfall Black", tags="2-in-1|touchscreen|oled|premium|creative"),
    m("LG", "gram 17", 0, "A 17-inch laptop that weighs only 1.35 kg, for people who want a big screen they can carry.", variants=(cfg("16", "1 TB SSD", 1499.99),), screen_size="17", cpu="Intel Core i7-1360P", gpu="integrated", os="Windows 11 Home", colors="Obsidian Black", tags="big screen|lightweight|work"),
    m("Lenovo", "ThinkPad X1 Carbon Gen 12", 0, "A 1.09 kg carbon-fiber business flagship with a great keyboard and 4G/5G options.", variants=(cfg("16", "512 GB SSD", 1649.99), cfg("32", "1 TB SSD", 2049.99)), screen_size="14", cpu="Intel Core Ultra 7 155U", gpu="integrated", os="Windows 11 Pro", colors="Black", tags="business|premium|travel|lightweight"),
    m("Lenovo", "Legion Pro 5 Gaming Laptop", 0, "RTX 4070 graphics, a 240 Hz screen and a full-size keyboard for competitive gaming.", variants=(cfg("32", "1 TB SSD", 1749.99),), screen_size="16", cpu="AMD Ryzen 7 7745HX", gpu="NVIDIA GeForce RTX 4070", os="Windows 11 Home", colors="Onyx Grey", tags="gaming|esports|streaming"),
    m("Apple", "MacBook Pro 14-inch (M3 Pro)", 0, "A Liquid Retina XDR display and pro-level performance for photo and video editing on battery.", variants=(cfg("18", "512 GB SSD", 1999.00), cfg("36", "1 TB SSD", 2899.00)), screen_size="14.2", cpu="Apple M3 Pro", gpu="integrated", os="macOS", colors="Space Black", tags="macbook|mac|video editing|creative|pro"),
    m("Dell", "XPS 16", 0, "RTX 4060 graphics with a 16.3-inch OLED option for creators who also game.", variants=(cfg("32", "1 TB SSD", 2299.99),), screen_size="16.3", cpu="Intel Core Ultra 9 185H", gpu="NVIDIA GeForce RTX 4060", os="Windows 11 Home", colors="Graphite", tags="creative|video editing|premium|gaming"),
    m("Razer", "Blade 16 Gaming Laptop", 0, "RTX 4080 graphics and a dual-mode mini-LED display in a CNC aluminum unibody.", variants=(cfg("32", "1 TB SSD", 3299.99),), screen_size="16", cpu="Intel Core i9-13950HX", gpu="NVIDIA GeForce RTX 4080", os="Windows 11 Home", colors="Black", tags="gaming|premium|streaming|creative"),
    m("Apple", "MacBook Pro 16-inch (M3 Max)", 0, "Apple's most powerful laptop for 3D, machine learning and 8K video work, with up to 22 hours of battery.", variants=(cfg("48", "1 TB SSD", 3499.00),), screen_size="16.2", cpu="Apple M3 Max", gpu="integrated", os="macOS", colors="Space Black", tags="macbook|mac|video editing|pro|3d"),
]
# fmt: on


def laptops(model: Model, v: dict[str, str]) -> Draft:
    a = {k: val for k, val in {**model.attrs, **v}.items() if k != "price"}
    a["screen_size"] = f"{model.attrs['screen_size']} in"
    name = f"{model.brand} {model.name}"
    if "inch" not in name and "Laptop" not in name:
        name += f" {model.attrs['screen_size']}-inch"
        if "Chromebook" not in name:
            name += " Laptop"
    title = f"{name}, {a['cpu']}, {a['ram']} RAM, {a['storage']}"
    first = (
        f"{model.attrs['screen_size']}-inch {a['os']} laptop with {a['cpu']}, "
        f"{a['ram']} of memory and a {a['storage']}"
    )
    if a["gpu"] != "integrated":
        first += f", plus {a['gpu']} graphics"
    tags = ["laptop", "notebook", "computer"]
    return Draft(model.brand, title, float(v["price"]), f"{first}. {model.note}", a, tags)


# --------------------------------------------------------------------------- smartphones


def gb(*sizes_prices: tuple[str, float]) -> tuple[dict[str, str], ...]:
    return tuple({"storage": s, "price": f"{p:.2f}"} for s, p in sizes_prices)


# fmt: off
SMARTPHONES = [
    m("Kova", "Easy 4G Senior Phone", 0, "Large buttons, a loud speaker and an SOS key for emergencies; simple menus for first-time users.", variants=gb(("32 GB", 89.99)), screen_size="5.5", os="Android", network="4G", camera="13 MP", battery="3000 mAh", colors="Black", tags="seniors|elderly|simple|budget"),
    m("TCL", "40 SE", 0, "A 90 Hz 6.75-inch screen and stereo speakers at a very low price.", variants=gb(("128 GB", 139.99)), screen_size="6.75", os="Android", network="4G", camera="50 MP", battery="5010 mAh", colors="Dark Grey", tags="budget|cheap|kids"),
    m("Motorola", "moto g play", 0, "Two-day battery and a headphone jack in a durable, water-repellent design.", variants=gb(("64 GB", 149.99)), screen_size="6.5", os="Android", network="4G", camera="50 MP", battery="5000 mAh", colors="Sapphire Blue", tags="budget|cheap|battery life"),
    m("Nokia", "G42 5G", 0, "Repairable design with a replaceable screen and battery, and three years of security updates.", variants=gb(("128 GB", 189.99)), screen_size="6.56", os="Android", network="5G", camera="50 MP", battery="5000 mAh", colors="So Purple", tags="budget|repairable|5g"),
    m("Samsung", "Galaxy A15 5G", 0, "A Super AMOLED screen and four OS upgrades make this a long-lasting budget Galaxy.", variants=gb(("128 GB", 199.99)), screen_size="6.5", os="Android", network="5G", camera="50 MP", battery="5000 mAh", colors="Blue Black", tags="budget|5g|galaxy"),
    m("Motorola", "moto g 5G", 0, "Smooth 120 Hz display and a 5000 mAh battery with 5G for under 200 dollars.", variants=gb(("128 GB", 199.99)), screen_size="6.6", os="Android", network="5G", camera="50 MP", battery="5000 mAh", colors="Ink Blue", tags="budget|5g|value"),
    m("Xiaomi", "Redmi Note 13", 0, "A 108 MP main camera and a bright AMOLED screen for photos and streaming on a budget.", variants=gb(("128 GB", 199.99), ("256 GB", 249.99)), screen_size="6.67", os="Android", network="4G", camera="108 MP", battery="5000 mAh", colors="Midnight Black", tags="budget|camera|value"),
    m("OnePlus", "Nord N30 5G", 0, "Fast 50 W charging gets you to a full day in about half an hour.", variants=gb(("128 GB", 299.99)), screen_size="6.72", os="Android", network="5G", camera="108 MP", battery="5000 mAh", colors="Chromatic Gray", tags="fast charging|5g|value"),
    m("Nothing", "Phone (2a)", 0, "A transparent back with Glyph lights for notifications and clean, ad-free software.", variants=gb(("128 GB", 349.99), ("256 GB", 399.99)), screen_size="6.7", os="Android", network="5G", camera="50 MP", battery="5000 mAh", colors="White", tags="design|5g|value"),
    m("Samsung", "Galaxy A35 5G", 0, "IP67 water resistance and optical image stabilization in a mid-range Galaxy.", variants=gb(("128 GB", 399.99)), screen_size="6.6", os="Android", network="5G", camera="50 MP", battery="5000 mAh", colors="Awesome Navy", tags="5g|galaxy|waterproof"),
    m("Motorola", "moto g stylus 5G", 0, "A built-in stylus for notes and sketches, plus 256 GB of storage.", variants=gb(("256 GB", 399.99)), screen_size="6.7", os="Android", network="5G", camera="50 MP", battery="5000 mAh", colors="Caramel Latte", tags="stylus|notes|5g"),
    m("Apple", "iPhone SE (3rd generation)", 0, "Touch ID and a compact 4.7-inch design with the A15 Bionic chip, the most affordable iPhone.", variants=gb(("64 GB", 429.00), ("128 GB", 479.00)), screen_size="4.7", os="iOS", network="5G", camera="12 MP", battery="2018 mAh", colors="Midnight", tags="iphone|compact|small phone"),
    m("Sony", "Xperia 10 V", 0, "A light 159 g phone with a headphone jack, microSD slot and a 21:9 screen for movies.", variants=gb(("128 GB", 449.99)), screen_size="6.1", os="Android", network="5G", camera="48 MP", battery="5000 mAh", colors="Lavender", tags="lightweight|headphone jack"),
    m("Google", "Pixel 8a", 0, "Google's AI photo tools like Magic Eraser and seven years of updates at a mid-range price.", variants=gb(("128 GB", 499.00), ("256 GB", 559.00)), screen_size="6.1", os="Android", network="5G", camera="64 MP", battery="4492 mAh", colors="Bay", tags="pixel|camera|ai|value"),
    m("Motorola", "edge", 0, "A curved pOLED display and 68 W TurboPower charging in a vegan-leather finish.", variants=gb(("256 GB", 549.99)), screen_size="6.6", os="Android", network="5G", camera="50 MP", battery="5000 mAh", colors="Peacock Pink", tags="fast charging|design"),
    m("Samsung", "Galaxy S23 FE", 0, "Flagship-style triple camera with 3x optical zoom at a lower price.", variants=gb(("128 GB", 599.99)), screen_size="6.4", os="Android", network="5G", camera="50 MP", battery="4500 mAh", colors="Mint", tags="galaxy|camera|zoom"),
    m("Fairphone", "5", 0, "Modular and repairable with a screwdriver, with long software support and fair materials.", variants=gb(("256 GB", 699.00)), screen_size="6.46", os="Android", network="5G", camera="50 MP", battery="4200 mAh", colors="Sky Blue", tags="repairable|sustainable|eco"),
    m("Google", "Pixel 8", 0, "Best Take and Audio Magic Eraser, a 120 Hz Actua display and seven years of updates.", variants=gb(("128 GB", 699.00), ("256 GB", 759.00)), screen_size="6.2", os="Android", network="5G", camera="50 MP", battery="4575 mAh", colors="Hazel", tags="pixel|camera|ai"),
    m("Apple", "iPhone 14", 0, "Crash Detection, Emergency SOS via satellite and a reliable dual camera system.", variants=gb(("128 GB", 699.00)), screen_size="6.1", os="iOS", network="5G", camera="12 MP", battery="3279 mAh", colors="Blue", tags="iphone"),
    m("Motorola", "razr", 0, "A flip phone that folds to pocket size, with a 3.6-inch outer screen for quick replies.", variants=gb(("128 GB", 699.99)), screen_size="6.9", os="Android", network="5G", camera="64 MP", battery="4200 mAh", colors="Spring Green", tags="foldable|flip phone|compact"),
    m("Samsung", "Galaxy S24", 0, "Galaxy AI live translation for calls and a compact 6.2-inch flagship body.", variants=gb(("128 GB", 799.99), ("256 GB", 859.99)), screen_size="6.2", os="Android", network="5G", camera="50 MP", battery="4000 mAh", colors="Onyx Black", tags="galaxy|flagship|ai|compact"),
    m("Apple", "iPhone 15", 0, "Dynamic Island, USB-C charging and a 48 MP main camera for detailed photos.", variants=gb(("128 GB", 799.00), ("256 GB", 899.00), ("512 GB", 1099.00)), screen_size="6.1", os="iOS", network="5G", camera="48 MP", battery="3349 mAh", colors="Pink", tags="iphone|camera"),
    m("OnePlus", "12", 0, "Hasselblad-tuned cameras, 80 W charging and a very bright 120 Hz display.", variants=gb(("256 GB", 799.99), ("512 GB", 899.99)), screen_size="6.82", os="Android", network="5G", camera="50 MP", battery="5400 mAh", colors="Flowy Emerald", tags="flagship|fast charging|camera"),
    m("Xiaomi", "14", 0, "Leica optics in a compact flagship with 90 W charging.", variants=gb(("256 GB", 899.99)), screen_size="6.36", os="Android", network="5G", camera="50 MP", battery="4610 mAh", colors="Jade Green", tags="flagship|camera|compact"),
    m("Google", "Pixel 8 Pro", 0, "A 5x telephoto camera, Pro controls and a built-in thermometer sensor.", variants=gb(("128 GB", 999.00), ("256 GB", 1059.00)), screen_size="6.7", os="Android", network="5G", camera="50 MP", battery="5050 mAh", colors="Obsidian", tags="pixel|camera|zoom|flagship"),
    m("Apple", "iPhone 15 Pro", 0, "A titanium design, the Action button and a 3x telephoto camera with ProRes video.", variants=gb(("128 GB", 999.00), ("256 GB", 1099.00)), screen_size="6.1", os="iOS", network="5G", camera="48 MP", battery="3274 mAh", colors="Natural Titanium", tags="iphone|pro|camera|flagship"),
    m("Samsung", "Galaxy Z Flip5", 0, "A large Flex Window on the cover for selfies and widgets without opening the phone.", variants=gb(("256 GB", 999.99)), screen_size="6.7", os="Android", network="5G", camera="12 MP", battery="3700 mAh", colors="Mint", tags="foldable|flip phone|galaxy"),
    m("Apple", "iPhone 15 Pro Max", 0, "A 5x tetraprism zoom camera and the longest battery life of any iPhone.", variants=gb(("256 GB", 1199.00), ("512 GB", 1399.00), ("1 TB", 1599.00)), screen_size="6.7", os="iOS", network="5G", camera="48 MP", battery="4422 mAh", colors="Blue Titanium", tags="iphone|pro|camera|zoom|flagship|big screen"),
    m("Samsung", "Galaxy S24 Ultra", 0, "A built-in S Pen, 200 MP camera with 100x Space Zoom and a titanium frame.", variants=gb(("256 GB", 1299.99), ("512 GB", 1419.99)), screen_size="6.8", os="Android", network="5G", camera="200 MP", battery="5000 mAh", colors="Titanium Gray", tags="galaxy|stylus|camera|zoom|flagship|big screen"),
    m("Google", "Pixel Fold", 0, "Unfolds into a 7.6-inch tablet for reading, split-screen apps and video calls.", variants=gb(("256 GB", 1799.00)), screen_size="7.6", os="Android", network="5G", camera="48 MP", battery="4821 mAh", colors="Porcelain", tags="foldable|tablet|pixel|premium"),
    m("Samsung", "Galaxy Z Fold5", 0, "A phone that opens into a 7.6-inch screen for multitasking with three apps at once.", variants=gb(("256 GB", 1799.99)), screen_size="7.6", os="Android", network="5G", camera="50 MP", battery="4400 mAh", colors="Icy Blue", tags="foldable|galaxy|premium|multitasking"),
]
# fmt: on


def smartphones(model: Model, v: dict[str, str]) -> Draft:
    a = {k: val for k, val in {**model.attrs, **v}.items() if k != "price"}
    a["screen_size"] = f"{model.attrs['screen_size']} in"
    title = f"{model.brand} {model.name} {a['storage']}, {a['color']}, Unlocked"
    first = (
        f"Unlocked {a['network']} {a['os']} smartphone with a {model.attrs['screen_size']}-inch "
        f"display, {a['camera']} main camera and {a['battery']} battery"
    )
    tags = ["phone", "mobile", "cell phone", "unlocked"]
    return Draft(model.brand, title, float(v["price"]), f"{first}. {model.note}", a, tags)


# --------------------------------------------------------------------------- running shoes

SIZES = {"men": "US 7-14", "women": "US 5-11", "unisex": "US 5-13"}


def g(*pairs: str) -> tuple[dict[str, str], ...]:
    """Gender variants: ``"men:Black/White"``."""
    out = []
    for pair in pairs:
        gender, color = pair.split(":")
        out.append({"gender": gender, "color": color, "size_range": SIZES[gender]})
    return tuple(out)


def shoe(surface: str, cushioning: str, support: str, drop: str, waterproof: str = "no") -> dict:
    return {
        "surface": surface,
        "cushioning": cushioning,
        "support": support,
        "drop_mm": drop,
        "waterproof": waterproof,
    }


# fmt: off
RUNNING_SHOES = [
    m("Stride", "Everyday Runner", (29.99, 34.99), "Our own-brand trainer with a breathable mesh upper for jogging, gym classes and walking.", variants=g("men:Black", "women:Grey/Pink"), tags="budget|walking|gym|beginner", **shoe("road", "light", "neutral", "8")),
    m("Stride", "Trail Runner", (39.99, 44.99), "Lugged rubber outsole and toe bumper for park paths and light trails on a budget.", variants=g("men:Olive", "women:Teal"), tags="budget|hiking|beginner", **shoe("trail", "light", "neutral", "8")),
    m("Adidas", "Duramo SL", (59.99, 69.99), "Lightstrike foam keeps this everyday trainer light for 5K runs and gym sessions.", variants=g("men:Core Black", "women:Cloud White"), tags="gym|everyday|beginner", **shoe("road", "light", "neutral", "10")),
    m("Nike", "Revolution 7", (49.99, 69.99), "Soft foam and a simple, durable design for new runners logging their first miles.", variants=g("men:Black/White", "women:White/Pink"), tags="beginner|gym|walking|everyday", **shoe("road", "light", "neutral", "10")),
    m("Asics", "Gel-Contend 8", (54.99, 64.99), "Rearfoot GEL cushioning softens impact on pavement for easy runs and walks.", variants=g("men:Black/Carrier Grey", "women:White/Pure Silver"), tags="beginner|walking|everyday", **shoe("road", "medium", "neutral", "10")),
    m("Asics", "Gel-Venture 9", (64.99, 69.99), "A reversed lug outsole grips dirt and gravel on weekend trail runs.", variants=g("men:Black/Graphite", "women:Birch/Teal"), tags="hiking|beginner", **shoe("trail", "medium", "neutral", "10")),
    m("Under Armour", "Charged Assert 10", (64.99, 74.99), "Charged Cushioning midsole with a leather overlay for support on daily runs.", variants=g("men:Black", "women:Pink"), tags="gym|everyday", **shoe("road", "medium", "neutral", "10")),
    m("New Balance", "520v8", (64.99, 74.99), "A comfortable, no-fuss daily trainer that also works for gym and errands.", variants=g("men:Navy", "women:Violet"), tags="everyday|walking|gym", **shoe("road", "light", "neutral", "8")),
    m("Nike", "Pegasus 41", (129.99, 139.99), "A versatile daily trainer with ReactX foam and Air Zoom units for tempo runs and long miles.", variants=g("men:Black/White", "women:Pure Platinum"), tags="daily trainer|marathon|versatile", **shoe("road", "medium", "neutral", "10")),
    m("Brooks", "Ghost 16", (139.99, 139.99), "Smooth heel-to-toe transitions and soft DNA Loft cushioning that runners trust for every day.", variants=g("men:Black/Grey", "women:White/Peacoat"), tags="daily trainer|comfortable|marathon", **shoe("road", "medium", "neutral", "12")),
    m("Brooks", "Adrenaline GTS 24", (139.99, 139.99), "GuideRails support keeps overpronating knees in line without feeling stiff.", variants=g("men:Blue/Orange", "women:Black/Pink"), tags="overpronation|flat feet|support", **shoe("road", "medium", "stability", "12")),
    m("Brooks", "Cascadia 17", (139.99, 139.99), "A rock plate and Trailtack rubber for rugged, technical mountain trails.", variants=g("men:Peacoat/Yellow"), tags="mountain|hiking|ultra", **shoe("trail", "medium", "neutral", "8")),
    m("Adidas", "Terrex Agravic Flow", (129.99, 139.99), "Continental rubber outsole for grip on wet rock and muddy descents.", variants=g("men:Grey/Green"), tags="mountain|mud|hiking", **shoe("trail", "medium", "neutral", "6")),
    m("Saucony", "Peregrine 14", (139.99, 139.99), "Aggressive 5 mm lugs and a flexible rock plate for fast runs on loose terrain.", variants=g("women:Mauve/Umber"), tags="mountain|mud", **shoe("trail", "light", "neutral", "4")),
    m("Salomon", "Speedcross 6", (139.99, 144.99), "Deep chevron lugs bite into soft mud and snow, with a Quicklace for quick fit changes.", variants=g("men:Black/Phantom", "women:Blue/Pink"), tags="mud|mountain|winter", **shoe("trail", "medium", "neutral", "10")),
    m("Hoka", "Clifton 9", (144.99, 144.99), "Plush yet light cushioning that makes long easy runs and all-day standing comfortable.", variants=g("men:Black/White", "women:Cerise/Cloudless"), tags="comfortable|walking|nurses|daily trainer", **shoe("road", "max", "neutral", "5")),
    m("Hoka", "Speedgoat 6", (154.99, 154.99), "Vibram Megagrip outsole and a cushioned ride for ultramarathons and mountain races.", variants=g("men:Black/Stardust", "women:Sky/Aqua"), tags="ultra|mountain|hiking", **shoe("trail", "max", "neutral", "4")),
    m("Nike", "Vomero 17", (159.99, 159.99), "Extra-soft ZoomX and Cushlon foams for recovery runs and marathon training.", variants=g("men:Anthracite", "women:Sail/Coconut Milk"), tags="marathon|recovery|comfortable", **shoe("road", "max", "neutral", "10")),
    m("Asics", "Gel-Nimbus 26", (159.99, 159.99), "PureGEL and FF Blast+ Eco foam give a soft, quiet landing on long road runs.", variants=g("men:Black/Graphite Grey", "women:Cream/Ocean"), tags="marathon|comfortable|long run", **shoe("road", "max", "neutral", "8")),
    m("Salomon", "XA Pro 3D v9 GTX", (159.99, 164.99), "A GORE-TEX membrane keeps feet dry for hiking and running in rain and slush.", variants=g("men:Black/Magnet"), tags="hiking|rain|winter|gore-tex", **shoe("trail", "medium", "stability", "10", "yes")),
    m("Asics", "Gel-Kayano 31", (164.99, 164.99), "4D Guidance System support for overpronators running long distances.", variants=g("men:Black/Black", "women:White/Pink Rave"), tags="overpronation|flat feet|support|marathon", **shoe("road", "max", "stability", "10")),
    m("Hoka", "Bondi 8", (164.99, 164.99), "Hoka's most cushioned road shoe, popular with walkers and people on their feet all day.", variants=g("men:Black/Black", "women:White/Blue Glass"), tags="comfortable|walking|nurses|recovery", **shoe("road", "max", "neutral", "4")),
    m("Hoka", "Challenger 7 GTX", (164.99, 164.99), "Road-to-trail hybrid with a waterproof GORE-TEX upper for wet commutes and trails.", variants=g("men:Black/Outer Orbit"), tags="rain|hybrid|gore-tex", **shoe("trail", "max", "neutral", "5", "yes")),
    m("New Balance", "Fresh Foam X 1080v13", (164.99, 164.99), "Generous Fresh Foam X and a wide toe box, available for runners with wider feet.", variants=g("men:Black/White", "women:Pink/Grey"), tags="wide feet|comfortable|marathon", **shoe("road", "max", "neutral", "6")),
    m("On", "Cloudmonster", (169.99, 169.99), "Oversized CloudTec pods give a bouncy, rolling ride for long runs.", variants=g("men:All Black", "women:Frost/Surf"), tags="long run|comfortable", **shoe("road", "max", "neutral", "6")),
    m("Saucony", "Endorphin Speed 4", (169.99, 169.99), "A nylon plate and PWRRUN PB foam for tempo days and race-pace workouts.", variants=g("unisex:White/Vizi Gold"), tags="tempo|racing|marathon|fast", **shoe("road", "medium", "neutral", "8")),
    m("Adidas", "Ultraboost Light", (179.99, 189.99), "Light Boost foam with a sock-like Primeknit upper for runs and all-day wear.", variants=g("men:Core Black", "women:Cloud White/Lucid Pink"), tags="comfortable|lifestyle|walking", **shoe("road", "max", "neutral", "10")),
    m("Adidas", "Adizero Adios Pro 3", (249.99, 249.99), "Carbon-infused EnergyRods and Lightstrike Pro foam built for marathon racing.", variants=g("unisex:Solar Red"), tags="racing|marathon|carbon plate|fast", **shoe("road", "max", "neutral", "6.5")),
    m("Nike", "Alphafly 3", (284.99, 284.99), "A full-length carbon plate and Air Zoom pods for chasing personal bests in races.", variants=g("unisex:Volt/Black"), tags="racing|marathon|carbon plate|fast|premium", **shoe("road", "max", "neutral", "8")),
]
# fmt: on


def running_shoes(model: Model, v: dict[str, str]) -> Draft:
    a = {**model.attrs, **v}
    who = {"men": "Men's", "women": "Women's", "unisex": "Unisex"}[a["gender"]]
    where = "Trail" if a["surface"] == "trail" else "Road"
    title = f"{model.brand} {model.name} {who} {where} Running Shoes, {a['color']}"
    soft = {"light": "Lightly cushioned", "medium": "Cushioned", "max": "Max-cushioned"}
    first = (
        f"{soft[a['cushioning']]} {a['support']} {a['surface']} running shoe with a "
        f"{a['drop_mm']} mm heel-to-toe drop"
    )
    if yes(a["waterproof"]):
        first += " and a waterproof upper"
    tags = ["running", "sneakers", "trainers", "jogging"]
    tags.append("trail running" if a["surface"] == "trail" else "road running")
    return Draft(model.brand, title, 0.0, f"{first}. {model.note}", a, tags)


# --------------------------------------------------------------------------- coffee machines


def brew(kind: str, capacity: str, frother: str = "no", grinder: str = "no", **more: str) -> dict:
    return {"type": kind, "capacity": capacity, "milk_frother": frother, "grinder": grinder} | more


# fmt: off
COFFEE = [
    m("Kova", "4-Cup Compact Coffee Maker", (19.99, 19.99), "A small drip brewer with a reusable filter for dorms, offices and one-person kitchens.", colors="White|Black", tags="budget|small|dorm|office", **brew("drip", "4 cups")),
    m("Hamilton Beach", "Scoop Single-Serve Coffee Maker", (24.99, 29.99), "Brews one mug or a travel tumbler of ground coffee in under three minutes, no pods needed.", colors="Black", tags="single serve|budget|travel mug", **brew("single-serve", "14 oz")),
    m("Mr. Coffee", "Simple Brew 5-Cup Coffee Maker", (24.99, 24.99), "A no-frills drip machine with a pause-and-serve feature for small households.", colors="Black", tags="budget|simple|small", **brew("drip", "5 cups")),
    m("Kova", "Cold Brew Coffee Pitcher", (24.99, 24.99), "Steep coarse grounds overnight in the fridge for smooth, low-acid iced coffee.", colors="Clear", tags="iced coffee|cold brew|summer|budget", **brew("cold brew", "1.5 L")),
    m("Bialetti", "Moka Express 3-Cup Stovetop Espresso Maker", (29.99, 29.99), "The classic Italian aluminum moka pot for rich coffee on gas or electric stoves.", colors="Silver", tags="stovetop|italian|camping|budget", **brew("moka pot", "3 cups")),
    m("Bialetti", "Moka Express 6-Cup Stovetop Espresso Maker", (39.99, 39.99), "The iconic eight-sided moka pot in a size that serves two to three people.", colors="Silver", tags="stovetop|italian|camping", **brew("moka pot", "6 cups")),
    m("Bodum", "Chambord French Press 8-Cup", (34.99, 39.99), "A borosilicate glass carafe and stainless plunger for full-bodied coffee without paper filters.", colors="Chrome|Copper", tags="french press|manual|budget", **brew("french press", "1 L")),
    m("Mr. Coffee", "12-Cup Programmable Coffee Maker", (39.99, 44.99), "Set it the night before and wake up to a full pot, with a 2-hour auto shut-off.", colors="Black|Stainless", tags="family|programmable|budget", **brew("drip", "12 cups", programmable="yes")),
    m("Krups", "Simply Brew 10-Cup Coffee Maker", (49.99, 59.99), "A compact stainless drip maker with a keep-warm plate and drip-stop.", colors="Stainless", tags="family|compact", **brew("drip", "10 cups")),
    m("Keurig", "K-Mini Single-Serve Coffee Maker", (79.99, 89.99), "Under 5 inches wide, it fits small counters and brews any K-Cup pod in minutes.", colors="Black|Studio Gray|Oasis", tags="k-cup|single serve|small|dorm", **brew("pod", "12 oz")),
    m("Hamilton Beach", "FlexBrew Trio Coffee Maker", (89.99, 99.99), "Brews a full 12-cup pot of grounds or a single cup from a pod, for mixed households.", colors="Black", tags="k-cup|family|versatile", **brew("drip", "12 cups", programmable="yes")),
    m("Nespresso", "Vertuo Pop Coffee and Espresso Machine", (99.00, 129.00), "Reads the barcode on each capsule to brew espresso or a full mug with crema at one touch.", colors="Black|Coconut White|Mango Yellow", tags="capsule|espresso|small", **brew("pod", "560 ml")),
    m("De'Longhi", "Stilosa Manual Espresso Machine", (99.95, 119.95), "A 15-bar pump and manual steam wand for lattes and cappuccinos at home on a budget.", colors="Black", tags="latte|cappuccino|beginner|value", **brew("espresso", "1 L", "yes", pressure="15 bar")),
    m("Ninja", "Specialty Coffee Maker with Fold-Away Frother", (149.99, 169.99), "Brews cups, travel mugs and carafes, plus a concentrated brew for lattes and iced coffee.", colors="Black", tags="iced coffee|latte|versatile", **brew("drip", "10 cups", "yes", programmable="yes")),
    m("Nespresso", "Essenza Mini Espresso Machine", (169.00, 179.00), "A tiny 19-bar capsule machine that heats up in 25 seconds for espresso and lungo.", colors="Black|Red", tags="capsule|espresso|small|compact", **brew("pod", "600 ml", pressure="19 bar")),
    m("Keurig", "K-Supreme Plus Smart Coffee Maker", (169.99, 199.99), "MultiStream brewing and app control to schedule your morning cup from the phone.", colors="Black Stainless", tags="k-cup|smart|single serve", **brew("pod", "78 oz", programmable="yes")),
    m("OXO", "Brew 8-Cup Coffee Maker", (199.99, 199.99), "SCA-certified brewing with a rainmaker showerhead for evenly extracted pour-over-style coffee.", colors="Stainless", tags="pour over|specialty coffee|quality", **brew("drip", "8 cups", programmable="yes")),
    m("De'Longhi", "Dedica Arte Espresso Machine", (279.95, 299.95), "A slim 6-inch body with a professional steam wand for latte art.", colors="Metal|Black", tags="latte art|slim|espresso", **brew("espresso", "1.1 L", "yes", pressure="15 bar")),
    m("Breville", "Precision Brewer Thermal", (299.95, 329.95), "Adjustable temperature, bloom time and a cold brew mode in a thermal carafe machine.", colors="Brushed Stainless Steel", tags="specialty coffee|cold brew|pour over", **brew("drip", "12 cups", programmable="yes")),
    m("Nespresso", "Lattissima One Espresso Machine", (399.00, 399.00), "One-touch cappuccino and latte macchiato with fresh milk heated in a dishwasher-safe jug.", colors="Silky White", tags="capsule|latte|cappuccino|one touch", **brew("pod", "1 L", "yes", pressure="19 bar")),
    m("Gaggia", "Classic Evo Pro Espresso Machine", (449.00, 449.00), "A commercial-style 58 mm portafilter and steel body for enthusiasts learning espresso.", colors="Steel", tags="enthusiast|manual|italian", **brew("espresso", "2.1 L", "yes", pressure="15 bar")),
    m("Breville", "Bambino Plus Espresso Machine", (499.95, 499.95), "Ready in three seconds with automatic milk texturing for hands-free flat whites.", colors="Brushed Stainless Steel|Black Truffle", tags="latte|flat white|compact|automatic milk", **brew("espresso", "1.9 L", "yes", pressure="15 bar")),
    m("De'Longhi", "Magnifica Evo Fully Automatic Espresso Machine", (699.95, 799.95), "Grinds fresh beans for each cup with seven one-touch recipes including cappuccino.", colors="Black", tags="bean to cup|automatic|cappuccino|one touch", **brew("super-automatic", "1.8 L", "yes", "yes", pressure="15 bar")),
    m("Breville", "Barista Express Espresso Machine", (699.95, 749.95), "A built-in conical burr grinder takes you from beans to espresso in under a minute.", colors="Brushed Stainless Steel|Black Truffle", tags="bean to cup|enthusiast|latte", **brew("espresso", "2 L", "yes", "yes", pressure="15 bar")),
    m("Philips", "3200 Series Fully Automatic Espresso Machine with LatteGo", (749.99, 799.99), "The two-part LatteGo milk system rinses clean in 15 seconds after each drink.", colors="Black", tags="bean to cup|automatic|easy clean|cappuccino", **brew("super-automatic", "1.8 L", "yes", "yes", pressure="15 bar")),
    m("Jura", "E8 Fully Automatic Coffee Machine", (1999.00, 1999.00), "Seventeen specialties at the touch of a button with Swiss pulse extraction for short coffees.", colors="Piano Black", tags="bean to cup|automatic|premium|swiss", **brew("super-automatic", "1.9 L", "yes", "yes", pressure="15 bar")),
    m("De'Longhi", "Eletta Explore Fully Automatic Espresso Machine", (1799.95, 1899.95), "Hot and cold milk drinks plus Cold Extraction cold brew from fresh beans.", colors="Titanium", tags="bean to cup|cold brew|iced coffee|premium", **brew("super-automatic", "1.8 L", "yes", "yes", pressure="19 bar")),
    m("Breville", "Oracle Touch Espresso Machine", (2499.95, 2499.95), "Automatic grinding, tamping and milk texturing on a touchscreen, with dual boilers.", colors="Brushed Stainless Steel", tags="bean to cup|premium|dual boiler|latte art", **brew("espresso", "2.5 L", "yes", "yes", pressure="15 bar")),
]
# fmt: on


def coffee_machines(model: Model, v: dict[str, str]) -> Draft:
    a = {**model.attrs, **v}
    a.setdefault("programmable", "no")
    kind = {
        "drip": "Drip coffee maker",
        "single-serve": "Single-serve coffee maker",
        "pod": "Capsule coffee machine",
        "espresso": "Espresso machine",
        "super-automatic": "Bean-to-cup espresso machine",
        "moka pot": "Stovetop moka pot",
        "french press": "French press",
        "cold brew": "Cold brew maker",
    }[a["type"]]
    first = f"{kind} ({a['capacity']})"
    features = []
    if "pressure" in a:
        features.append(f"a {a['pressure']} pump")
    if yes(a["grinder"]):
        features.append("a built-in grinder")
    if yes(a["milk_frother"]):
        features.append("a milk frother")
    if features:
        first += " with " + ", ".join(features[:-1]) + (" and " if len(features) > 1 else "")
        first += features[-1]
    title = f"{model.brand} {model.name}" + (f", {a['color']}" if len(model.variants) > 1 else "")
    tags = ["coffee", "coffee maker", "kitchen"]
    if a["type"] in ("espresso", "super-automatic"):
        tags.append("espresso machine")
    return Draft(model.brand, title, 0.0, f"{first}. {model.note}", a, tags)


# --------------------------------------------------------------------------- backpacks


def bag(capacity: str, use: str, laptop: str, water: str, material: str) -> dict:
    return {
        "capacity": f"{capacity} L",
        "use": use,
        "laptop_sleeve": f"{laptop} in" if laptop != "no" else "no",
        "water_resistant": water,
        "material": material,
    }


# fmt: off
BACKPACKS = [
    m("Trailhead", "Basics 20L Daypack", (14.99, 19.99), "Our own-brand lightweight daypack with two side bottle pockets for school runs and day trips.", colors="Black|Blue|Red", tags="budget|school|day trip", **bag("20", "everyday", "no", "no", "polyester")),
    m("Trailhead", "Kids' School Backpack 12L", (17.99, 17.99), "Sized for ages 4 to 8 with a reflective strip and a name tag inside.", colors="Pink|Blue", tags="kids|children|school|budget", **bag("12", "school", "no", "no", "polyester")),
    m("Trailhead", "Packable 18L Travel Daypack", (22.99, 22.99), "Folds into its own pocket so it takes no space in a suitcase; unfold it for city sightseeing.", colors="Black|Teal", tags="packable|travel|budget|sightseeing", **bag("18", "travel", "no", "yes", "ripstop nylon")),
    m("Trailhead", "Laptop Commuter 25L", (34.99, 34.99), "A padded laptop sleeve, USB charging pass-through and a luggage strap at a low price.", colors="Grey", tags="commute|work|budget|laptop bag", **bag("25", "laptop", "15.6", "yes", "polyester")),
    m("JanSport", "SuperBreak One", (34.99, 39.99), "The classic school backpack: one big compartment, a front pocket and a lifetime warranty.", colors="Black|Navy|Red", tags="school|student|classic", **bag("26", "school", "no", "no", "recycled polyester")),
    m("Nike", "Brasilia 9.5 Training Backpack", (44.99, 44.99), "A ventilated shoe compartment keeps sweaty gear apart from clothes on gym days.", colors="Black|Pink", tags="gym|sports|training", **bag("24", "gym", "no", "yes", "polyester")),
    m("Under Armour", "Hustle 5.0 Backpack", (54.99, 54.99), "UA Storm water-repellent finish and a padded laptop sleeve for school and sports.", colors="Black|Grey", tags="school|gym|student|laptop bag", **bag("29", "laptop", "15", "yes", "polyester")),
    m("Herschel", "Classic XL Backpack", (54.99, 64.99), "Clean everyday style with a padded 15-inch laptop sleeve and a front pocket with key clip.", colors="Black|Navy|Ivy Green", tags="everyday|school|style", **bag("30", "everyday", "15", "no", "recycled polyester")),
    m("JanSport", "Right Pack", (64.99, 64.99), "Suede leather bottom and a 15-inch laptop sleeve in a backpack built to last years.", colors="Black|Navy", tags="school|college|durable", **bag("31", "everyday", "15", "no", "cordura nylon")),
    m("The North Face", "Jester Backpack", (74.99, 74.99), "A stand-up design and FlexVent suspension for carrying books comfortably across campus.", colors="Black|Pink", tags="school|college|student", **bag("27", "school", "15", "no", "recycled polyester")),
    m("Osprey", "Daylite Plus", (74.95, 74.95), "A versatile 20-liter daypack with a hydration sleeve and mesh side pockets.", colors="Black|Blue", tags="day trip|hiking|everyday", **bag("20", "daypack", "no", "no", "recycled nylon")),
    m("Fjällräven", "Kånken Classic", (89.99, 99.99), "The iconic Swedish rectangle bag in durable Vinylon F with a removable seat pad.", colors="Ochre|Navy|Frost Green", tags="everyday|style|classic|school", **bag("16", "everyday", "no", "yes", "vinylon f")),
    m("The North Face", "Borealis Backpack", (99.00, 109.00), "FlexVent shoulder straps and a bungee on the front for a jacket on city and trail days.", colors="Black|Grey", tags="everyday|hiking|commute|college", **bag("28", "everyday", "15", "no", "recycled nylon")),
    m("Samsonite", "Tectonic Lifestyle Sweetwater Backpack", (99.99, 119.99), "A crush-proof sunglasses pocket and organizer panel for work commutes.", colors="Black", tags="work|commute|business|laptop bag", **bag("28", "laptop", "15.6", "yes", "polyester")),
    m("Herschel", "Little America Backpack", (109.99, 109.99), "A mountaineering-style flap with magnetic straps and a fleece-lined laptop sleeve.", colors="Black|Navy", tags="everyday|style|travel", **bag("25", "everyday", "15", "no", "recycled polyester")),
    m("Patagonia", "Refugio Day Pack 26L", (119.00, 119.00), "Made from recycled fabric with a padded 16-inch laptop sleeve and a stretch-mesh water bottle pocket.", colors="Black|Tidepool Blue", tags="commute|sustainable|everyday|work", **bag("26", "laptop", "16", "yes", "recycled polyester")),
    m("Patagonia", "Black Hole Pack 25L", (149.00, 149.00), "Weather-resistant recycled ripstop with a TPU-film laminate for commutes in the rain.", colors="Black", tags="rain|commute|travel|sustainable", **bag("25", "everyday", "15", "yes", "recycled ripstop polyester")),
    m("Osprey", "Talon 22", (149.95, 149.95), "A ventilated AirScape back panel and hipbelt pockets for fast day hikes.", colors="Black|Blue", tags="hiking|day hike|outdoor|trail", **bag("22", "hiking", "no", "no", "recycled nylon")),
    m("Deuter", "Futura 27", (149.99, 149.99), "An Aircomfort mesh back keeps you cool on long summer hikes, with an integrated rain cover.", colors="Graphite", tags="hiking|outdoor|rain cover|summer", **bag("27", "hiking", "no", "yes", "recycled polyamide")),
    m("Osprey", "Farpoint 40 Travel Backpack", (184.95, 184.95), "A carry-on sized travel pack that opens like a suitcase, with a stowaway harness.", colors="Black|Tunnel Vision Grey", tags="travel|carry-on|one bag|backpacking", **bag("40", "travel", "16", "no", "recycled polyester")),
    m("Deuter", "Aircontact Core 50+10", (219.99, 219.99), "An adjustable back system and extendable lid for multi-day hut-to-hut treks.", colors="Black", tags="trekking|backpacking|multi-day|outdoor", **bag("60", "trekking", "no", "yes", "recycled polyamide")),
    m("Peak Design", "Everyday Backpack 20L", (279.95, 279.95), "FlexFold dividers protect camera gear and a 16-inch laptop, with side access on both flanks.", colors="Black|Ash", tags="camera bag|photography|work|premium", **bag("20", "camera", "16", "yes", "recycled nylon canvas")),
    m("Peak Design", "Travel Backpack 45L", (299.95, 299.95), "Expands from 30 to 45 liters and opens fully for packing cubes on week-long trips.", colors="Black", tags="travel|carry-on|one bag|premium", **bag("45", "travel", "16", "yes", "recycled nylon canvas")),
    m("Osprey", "Atmos AG 65", (339.95, 339.95), "The Anti-Gravity suspended mesh back carries heavy loads comfortably on multi-day backpacking trips.", colors="Black|Mythical Green", tags="backpacking|camping|multi-day|outdoor|premium", **bag("65", "backpacking", "no", "no", "recycled nylon")),
]
# fmt: on


def backpacks(model: Model, v: dict[str, str]) -> Draft:
    a = {**model.attrs, **v}
    liters = a["capacity"].split()[0]
    water = "water-resistant " if yes(a["water_resistant"]) else ""
    first = f"{liters}-liter {a['use']} backpack in {water}{a['material']}"
    if a["laptop_sleeve"] != "no":
        first += f" with a padded sleeve for laptops up to {a['laptop_sleeve'][:-3]} inches"
    title = f"{model.brand} {model.name}" + (f", {a['color']}" if len(model.variants) > 1 else "")
    tags = ["backpack", "bag", "rucksack"]
    return Draft(model.brand, title, 0.0, f"{first}. {model.note}", a, tags)


# --------------------------------------------------------------------------- smartwatches


def watch(
    kind: str, compat: str, gps: str, size: str, battery: str, water: str, cellular: str = "no"
) -> dict:
    return {
        "type": kind,
        "compatibility": compat,
        "gps": gps,
        "case_size": f"{size} mm",
        "battery_life": battery,
        "water_resistance": water,
        "cellular": cellular,
    }


# fmt: off
SMARTWATCHES = [
    m("Kova", "Fit Band", (24.99, 29.99), "Our own-brand band tracks steps, sleep and heart rate and shows phone notifications.", colors="Black|Pink", tags="budget|cheap|step counter|sleep tracking", **watch("fitness tracker", "iPhone and Android", "no", "36", "10 days", "IP68")),
    m("Kova", "Kids Smartwatch", (39.99, 39.99), "A camera, games and a step counter for children, with parental controls and no internet access.", colors="Blue|Pink", tags="kids|children|games|gift", **watch("kids watch", "standalone", "no", "38", "3 days", "IP67")),
    m("Xiaomi", "Smart Band 8", (49.99, 49.99), "Over 150 workout modes and a bright AMOLED display on a light, inexpensive band.", colors="Black", tags="budget|step counter|sleep tracking", **watch("fitness tracker", "iPhone and Android", "no", "42", "16 days", "5 ATM")),
    m("Amazfit", "Bip 5", (89.99, 89.99), "A big 1.91-inch screen, built-in GPS and Bluetooth calls at a budget price.", colors="Black|Pastel Pink", tags="budget|calls|value", **watch("smartwatch", "iPhone and Android", "yes", "46", "10 days", "IP68")),
    m("Fitbit", "Inspire 3", (99.95, 99.95), "A slim tracker with Daily Readiness and sleep stages, comfortable to wear at night.", colors="Midnight Zen", tags="sleep tracking|step counter|slim", **watch("fitness tracker", "iPhone and Android", "no", "39", "10 days", "5 ATM")),
    m("Fitbit", "Charge 6", (159.95, 159.95), "Built-in GPS, Google Maps and Wallet on your wrist, plus heart rate to gym equipment.", colors="Obsidian|Porcelain", tags="fitness|gym|running", **watch("fitness tracker", "iPhone and Android", "yes", "38", "7 days", "5 ATM")),
    m("Fitbit", "Versa 4", (199.95, 199.95), "Over 40 exercise modes and automatic workout detection in a light square watch.", colors="Black|Pink Sand", tags="fitness|gym|sleep tracking", **watch("smartwatch", "iPhone and Android", "yes", "40", "6 days", "5 ATM")),
    m("Amazfit", "GTR 4", (199.99, 199.99), "Dual-band GPS and a classic round design with two weeks of battery.", colors="Superspeed Black", tags="battery life|classic|value", **watch("smartwatch", "iPhone and Android", "yes", "46", "14 days", "5 ATM")),
    m("Garmin", "Forerunner 55", (199.99, 199.99), "An easy GPS running watch with suggested daily workouts and race-time predictions.", colors="Black|Aqua", tags="running|gps watch|beginner|marathon", **watch("GPS running watch", "iPhone and Android", "yes", "42", "14 days", "5 ATM")),
    m("Coros", "Pace 3", (229.00, 229.00), "An ultralight 30 g running watch with dual-frequency GPS and 24 days of battery.", colors="Black|White", tags="running|triathlon|lightweight|battery life", **watch("GPS running watch", "iPhone and Android", "yes", "42", "24 days", "5 ATM")),
    m("Apple", "Watch SE", (249.00, 249.00), "Crash Detection, fall detection and activity rings at the lowest Apple Watch price.", colors="Midnight|Starlight", tags="iphone|apple watch|fitness|kids", **watch("smartwatch", "iPhone", "yes", "40", "18 hours", "50 m")),
    m("Samsung", "Galaxy Watch6", (299.99, 329.99), "Body composition measurement and sleep coaching on a bright Super AMOLED screen.", colors="Graphite|Gold", tags="android|galaxy|sleep tracking|health", **watch("smartwatch", "Android", "yes", "40", "40 hours", "5 ATM")),
    m("Garmin", "vivoactive 5", (299.99, 299.99), "An AMOLED GPS smartwatch with wheelchair mode and sports apps for everyday fitness.", colors="Black", tags="fitness|gps watch|health", **watch("smartwatch", "iPhone and Android", "yes", "42", "11 days", "5 ATM")),
    m("Polar", "Pacer Pro", (299.95, 299.95), "A barometric altimeter and running power from the wrist for structured training.", colors="Carbon Grey", tags="running|training|gps watch", **watch("GPS running watch", "iPhone and Android", "yes", "45", "7 days", "5 ATM")),
    m("Google", "Pixel Watch 2", (349.99, 349.99), "Fitbit health tracking and Google Assistant with a domed glass design.", colors="Matte Black|Polished Silver", tags="android|pixel|fitbit|health", **watch("smartwatch", "Android", "yes", "41", "24 hours", "5 ATM")),
    m("Withings", "ScanWatch 2", (349.95, 349.95), "A hybrid analog watch with ECG, temperature tracking and 30 days of battery.", colors="Black|White", tags="hybrid|health|ecg|classic", **watch("hybrid smartwatch", "iPhone and Android", "no", "42", "30 days", "10 ATM")),
    m("Garmin", "Instinct 2 Solar", (349.99, 399.99), "A rugged, military-tested outdoor watch whose solar charging can run it indefinitely.", colors="Graphite", tags="outdoor|hiking|rugged|battery life|solar", **watch("outdoor GPS watch", "iPhone and Android", "yes", "45", "unlimited with solar", "10 ATM")),
    m("Apple", "Watch Series 9", (399.00, 429.00), "The double-tap gesture, a brighter display and ECG and blood oxygen apps.", colors="Midnight|Starlight|Pink", tags="iphone|apple watch|health|fitness", **watch("smartwatch", "iPhone", "yes", "41", "18 hours", "50 m")),
    m("Samsung", "Galaxy Watch6 Classic", (429.99, 429.99), "A rotating bezel for navigating apps, with sleep coaching and body composition.", colors="Black|Silver", tags="android|galaxy|classic|health", **watch("smartwatch", "Android", "yes", "47", "40 hours", "5 ATM")),
    m("Garmin", "Forerunner 265", (449.99, 449.99), "An AMOLED running watch with training readiness and HRV status for race preparation.", colors="Black|Aqua", tags="running|marathon|triathlon|gps watch", **watch("GPS running watch", "iPhone and Android", "yes", "46", "13 days", "5 ATM")),
    m("Garmin", "Venu 3", (449.99, 449.99), "Sleep coaching, nap detection and a built-in speaker for calls from your wrist.", colors="Slate|Ivory", tags="health|fitness|sleep tracking|calls", **watch("smartwatch", "iPhone and Android", "yes", "45", "14 days", "5 ATM")),
    m("Apple", "Watch Series 9 GPS + Cellular", (529.00, 529.00), "Call, text and stream music without your iPhone nearby on runs and errands.", colors="Silver", tags="iphone|apple watch|lte|cellular", **watch("smartwatch", "iPhone", "yes", "45", "18 hours", "50 m", "yes")),
    m("Garmin", "Forerunner 965", (599.99, 599.99), "Full-color maps, an AMOLED display and advanced training metrics for triathletes.", colors="Black", tags="triathlon|marathon|maps|premium", **watch("GPS running watch", "iPhone and Android", "yes", "47", "23 days", "5 ATM")),
    m("Apple", "Watch Ultra 2", (799.00, 799.00), "A 49 mm titanium case, precision dual-frequency GPS and a dive computer app for adventures.", colors="Titanium", tags="iphone|apple watch|diving|outdoor|premium", **watch("outdoor smartwatch", "iPhone", "yes", "49", "36 hours", "100 m", "yes")),
    m("Garmin", "Fenix 7 Pro Solar", (799.99, 799.99), "A built-in flashlight, topographic maps and solar charging for multi-week expeditions.", colors="Slate Gray", tags="outdoor|hiking|maps|solar|premium", **watch("outdoor GPS watch", "iPhone and Android", "yes", "47", "22 days", "10 ATM")),
]
# fmt: on


def smartwatches(model: Model, v: dict[str, str]) -> Draft:
    a = {**model.attrs, **v}
    gps = "built-in GPS" if yes(a["gps"]) else "connected GPS from your phone"
    if a["compatibility"] == "standalone":
        gps = "no phone needed"
    first = (
        f"{a['type'][0].upper()}{a['type'][1:]} with {gps}, heart-rate tracking and up to "
        f"{a['battery_life']} of battery life"
    )
    if a["compatibility"] != "standalone":
        first += f"; works with {a['compatibility']}"
    title = f"{model.brand} {model.name}, {a['case_size']}, {a['color']}"
    tags = ["watch", "wearable", "fitness tracker" if "tracker" in a["type"] else "smart watch"]
    return Draft(model.brand, title, 0.0, f"{first}. {model.note}", a, tags)


# --------------------------------------------------------------------------- cameras


def cam(kind: str, sensor: str, mp: str, video: str, lens: str, waterproof: str = "no") -> dict:
    return {
        "type": kind,
        "sensor": sensor,
        "megapixels": f"{mp} MP",
        "video": video,
        "lens": lens,
        "waterproof": waterproof,
    }


# fmt: off
CAMERAS = [
    m("Kova", "Kids Digital Camera", (29.99, 34.99), "A drop-proof silicone shell, big buttons and a 32 GB card for young photographers.", colors="Blue|Pink", tags="kids|children|gift|budget", **cam("compact", "1/3-inch", "8", "1080p", "fixed")),
    m("Kodak", "Printomatic Instant Print Camera", (49.99, 49.99), "Prints sticky-backed 2x3-inch photos in seconds, no ink required.", colors="Yellow|Grey", tags="instant|party|kids|gift|budget", **cam("instant", "1/4-inch", "5", "none", "fixed")),
    m("Kova", "4K Action Cam", (59.99, 69.99), "Comes with a 30 m waterproof case and mounts for helmets and bikes.", colors="Black", tags="action camera|budget|bike|snorkeling", **cam("action", "1/2.8-inch", "20", "4K 30p", "fixed wide-angle", "yes")),
    m("Fujifilm", "Instax Mini 12 Instant Camera", (79.95, 79.95), "Automatic exposure and a close-up mode for credit-card size prints at parties.", colors="Clay White|Blossom Pink|Pastel Blue", tags="instant|party|gift|polaroid", **cam("instant", "instax mini film", "n/a", "none", "fixed 60 mm")),
    m("Kodak", "PIXPRO FZ55 Digital Camera", (99.99, 119.99), "A pocket camera with 5x optical zoom, simpler than a phone for grandparents and kids.", colors="Black|Red|Blue", tags="point and shoot|budget|zoom|simple", **cam("compact", "1/2.3-inch", "16", "1080p", "5x zoom 28-140 mm")),
    m("Fujifilm", "Instax Wide 300 Instant Camera", (119.95, 129.95), "Twice the print size of Instax Mini for group shots and landscapes.", colors="Black", tags="instant|party|group photos", **cam("instant", "instax wide film", "n/a", "none", "fixed 95 mm")),
    m("Polaroid", "Now+ Gen 2 Instant Camera", (149.99, 149.99), "Classic Polaroid prints with app control and five lens filters for creative shots.", colors="Black|White", tags="instant|polaroid|retro|gift", **cam("instant", "i-type film", "n/a", "none", "autofocus 2-lens")),
    m("Nikon", "Coolpix W150 Waterproof Camera", (199.95, 199.95), "Waterproof to 10 m and shockproof, made for beach holidays and pool days with kids.", colors="Blue|White", tags="underwater|beach|kids|vacation", **cam("compact", "1/3.1-inch", "13", "1080p", "3x zoom", "yes")),
    m("DJI", "Osmo Action 4", (299.00, 299.00), "A larger 1/1.3-inch sensor for clean low-light footage on dawn rides and dives.", colors="Black", tags="action camera|diving|cycling|vlogging", **cam("action", "1/1.3-inch", "10", "4K 120p", "fixed wide-angle", "yes")),
    m("GoPro", "HERO11 Black", (299.99, 299.99), "HyperSmooth 5.0 stabilization and front screen for skiing, surfing and mountain biking.", colors="Black", tags="action camera|skiing|surfing|mountain bike", **cam("action", "1/1.9-inch", "27", "5.3K 60p", "fixed wide-angle", "yes")),
    m("GoPro", "HERO12 Black", (349.99, 399.99), "HDR video, longer battery life and a Max Lens Mod option for ultra-wide POV shots.", colors="Black", tags="action camera|skiing|surfing|travel", **cam("action", "1/1.9-inch", "27", "5.3K 60p", "fixed wide-angle", "yes")),
    m("Insta360", "X3 360 Action Camera", (399.99, 399.99), "Shoot everything around you and choose the frame later; the invisible selfie stick disappears.", colors="Black", tags="360|action camera|vlogging|travel", **cam("360", "dual 1/2-inch", "72", "5.7K 360", "dual fisheye", "yes")),
    m("Canon", "EOS Rebel T7 DSLR Camera", (479.99, 479.99), "A beginner-friendly DSLR with a guided menu and an optical viewfinder.", colors="Black", tags="beginner|dslr|photography class", **cam("dslr", "APS-C", "24.1", "1080p", "18-55 mm kit")),
    m("Panasonic", "Lumix G7 Mirrorless Camera", (497.99, 497.99), "4K Photo mode pulls 8 MP stills from video to capture fast moments.", colors="Black", tags="beginner|4k|video", **cam("mirrorless", "Micro Four Thirds", "16", "4K 30p", "14-42 mm kit")),
    m("DJI", "Osmo Pocket 3", (519.00, 519.00), "A 1-inch sensor on a 3-axis gimbal for smooth handheld vlogs and travel clips.", colors="Black", tags="vlogging|gimbal|travel|content creator", **cam("gimbal", "1-inch", "9.4", "4K 120p", "fixed 20 mm")),
    m("Canon", "EOS R50 Mirrorless Camera", (679.99, 699.99), "Subject-detecting autofocus and a vari-angle screen make it an easy first interchangeable-lens camera.", colors="Black|White", tags="beginner|vlogging|travel|content creator", **cam("mirrorless", "APS-C", "24.2", "4K 30p", "18-45 mm kit")),
    m("Canon", "PowerShot G7 X Mark III", (749.99, 749.99), "A vlogger favorite with a flip-up screen, mic input and live streaming to YouTube.", colors="Black|Silver", tags="vlogging|compact|youtube|travel", **cam("compact", "1-inch", "20.1", "4K 30p", "4.2x zoom 24-100 mm")),
    m("Sony", "ZV-E10 Mirrorless Vlog Camera", (749.99, 749.99), "Product Showcase mode and a directional mic built for creators filming themselves.", colors="Black|White", tags="vlogging|content creator|youtube", **cam("mirrorless", "APS-C", "24.2", "4K 30p", "16-50 mm kit")),
    m("Nikon", "Z50 Mirrorless Camera", (859.95, 859.95), "A deep grip and weather-sealed body for travel photography with a compact kit lens.", colors="Black", tags="travel|beginner|photography", **cam("mirrorless", "APS-C", "20.9", "4K 30p", "16-50 mm kit")),
    m("Sony", "ZV-1 II Vlog Camera", (899.99, 899.99), "An ultra-wide 18-50 mm zoom for selfie vlogs, with background defocus at a button press.", colors="Black|White", tags="vlogging|compact|youtube|content creator", **cam("compact", "1-inch", "20.1", "4K 30p", "18-50 mm zoom")),
    m("Nikon", "D7500 DSLR Camera (Body Only)", (899.95, 999.95), "Fast 8 fps shooting and a weather-sealed body for sports and wildlife with long lenses.", colors="Black", tags="dslr|sports|wildlife|enthusiast", **cam("dslr", "APS-C", "20.9", "4K 30p", "body only")),
    m("Sony", "Alpha a6400 Mirrorless Camera", (999.99, 999.99), "Real-time eye AF tracks people and pets for sharp action and portrait shots.", colors="Black", tags="portraits|pets|travel|enthusiast", **cam("mirrorless", "APS-C", "24.2", "4K 30p", "16-50 mm kit")),
    m("OM System", "OM-5 Mirrorless Camera", (1199.99, 1199.99), "Weather-sealed and light for hiking, with in-body stabilization for handheld night shots.", colors="Black|Silver", tags="hiking|travel|weather sealed|outdoor", **cam("mirrorless", "Micro Four Thirds", "20.4", "4K 30p", "12-45 mm kit")),
    m("Fujifilm", "X100VI Compact Camera", (1599.00, 1599.00), "A fixed 23 mm lens, film simulations and a hybrid viewfinder for street photography.", colors="Silver", tags="street photography|premium|retro|travel", **cam("compact", "APS-C", "40.2", "6.2K 30p", "fixed 23 mm f/2")),
    m("Fujifilm", "X-T5 Mirrorless Camera (Body Only)", (1699.00, 1699.00), "Classic dials and a 40 MP sensor for landscape and street photographers.", colors="Black|Silver", tags="landscape|retro|enthusiast|photography", **cam("mirrorless", "APS-C", "40.2", "6.2K 30p", "body only")),
    m("Panasonic", "Lumix S5 II Mirrorless Camera (Body Only)", (1997.99, 1997.99), "Phase-hybrid autofocus and unlimited 4K recording for filmmakers and wedding videographers.", colors="Black", tags="video|filmmaking|wedding|full frame", **cam("mirrorless", "full-frame", "24.2", "6K 30p", "body only")),
    m("Nikon", "Z f Mirrorless Camera (Body Only)", (1999.95, 1999.95), "A retro full-frame camera with modern subject detection and a dedicated monochrome mode.", colors="Black", tags="retro|full frame|street photography|premium", **cam("mirrorless", "full-frame", "24.5", "4K 60p", "body only")),
    m("Canon", "EOS R6 Mark II Mirrorless Camera (Body Only)", (2499.00, 2499.00), "Up to 40 fps and excellent low-light autofocus for weddings, events and sports.", colors="Black", tags="full frame|wedding|sports|professional", **cam("mirrorless", "full-frame", "24.2", "4K 60p", "body only")),
    m("Sony", "Alpha 7 IV Mirrorless Camera (Body Only)", (2499.99, 2499.99), "A 33 MP hybrid camera for professional photo and video with great battery life.", colors="Black", tags="full frame|hybrid|professional|wedding", **cam("mirrorless", "full-frame", "33", "4K 60p", "body only")),
    m("Canon", "EOS R6 Mark II with RF 24-105 mm Lens", (3099.00, 3099.00), "A complete full-frame kit with a versatile stabilized zoom for travel and events.", colors="Black", tags="full frame|kit|travel|professional", **cam("mirrorless", "full-frame", "24.2", "4K 60p", "24-105 mm kit")),
    m("Nikon", "Z8 Mirrorless Camera (Body Only)", (3999.95, 3999.95), "A stacked 45.7 MP sensor, 8K video and no mechanical shutter for pro wildlife and sports.", colors="Black", tags="professional|wildlife|sports|8k|premium", **cam("mirrorless", "full-frame", "45.7", "8K 60p", "body only")),
]
# fmt: on


def cameras(model: Model, v: dict[str, str]) -> Draft:
    a = {**model.attrs, **v}
    kinds = {
        "mirrorless": "Mirrorless camera",
        "dslr": "DSLR camera",
        "compact": "Compact camera",
        "action": "Action camera",
        "instant": "Instant camera",
        "360": "360-degree camera",
        "gimbal": "Gimbal camera",
    }
    if a["type"] == "instant":
        first = f"Instant camera that prints on {a['sensor']}"
    else:
        first = f"{kinds[a['type']]} with a {a['megapixels']} {a['sensor']} sensor"
        if a["video"] != "none":
            first += f" and {a['video']} video"
    if yes(a["waterproof"]):
        first += ", waterproof"
    if a["lens"].endswith("kit"):
        first += f"; includes the {a['lens'][:-4]} kit lens"
    title = f"{model.brand} {model.name}" + (f", {a['color']}" if len(model.variants) > 1 else "")
    tags = ["camera", "photography", "photo"]
    if a["type"] in ("mirrorless", "dslr"):
        tags.append("interchangeable lens")
    return Draft(model.brand, title, 0.0, f"{first}. {model.note}", a, tags)


# --------------------------------------------------------------------------- assembly

CATEGORIES: list[tuple[str, str, list[Model], Callable[[Model, dict[str, str]], Draft]]] = [
    ("headphones", "hp", HEADPHONES, headphones),
    ("laptops", "lt", LAPTOPS, laptops),
    ("smartphones", "sp", SMARTPHONES, smartphones),
    ("running-shoes", "rs", RUNNING_SHOES, running_shoes),
    ("coffee-machines", "cf", COFFEE, coffee_machines),
    ("backpacks", "bp", BACKPACKS, backpacks),
    ("smartwatches", "sw", SMARTWATCHES, smartwatches),
    ("cameras", "ca", CAMERAS, cameras),
]


def build() -> Iterator[Product]:
    """Every demo product, category by category, in a stable order with stable ids."""
    for category, prefix, models, describe in CATEGORIES:
        rng = random.Random(f"{SEED}:{category}")
        number = 0
        for model in models:
            price = pick_price(rng, *model.price)
            for variant in model.variants:
                number += 1
                pid = f"{prefix}-{number:04d}"
                draft = describe(model, variant)
                tags = [*model.tags, *draft.tags]
                in_stock = rng.random() >= OUT_OF_STOCK_RATE
                yield Product(
                    id=pid,
                    title=draft.title,
                    brand=draft.brand,
                    category=category,
                    price=draft.price or price,
                    currency="USD",
                    description=draft.description,
                    attributes={k: str(val) for k, val in draft.attributes.items()},
                    url=f"{BASE_URL}/p/{pid}",
                    image=f"{BASE_URL}/img/{pid}.jpg",
                    tags=tuple(dict.fromkeys(t.lower() for t in tags)),
                    in_stock=in_stock,
                )


def write(out_dir: Path) -> tuple[Path, Path]:
    products = list(build())
    jsonl, csv_path = out_dir / "catalog.jsonl", out_dir / "catalog.csv"
    dump_jsonl(products, jsonl)
    dump_csv(products, csv_path)
    # The files must load back through the strict loaders, identically.
    for path in (jsonl, csv_path):
        loaded = list(load_catalog(path))
        if loaded != products:
            raise SystemExit(f"{path} does not round-trip through the loader")
    return jsonl, csv_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument("--check", action="store_true", help="fail if committed files differ")
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = write(Path(tmp))
            for new in fresh:
                old = args.out_dir / new.name
                if not old.exists() or old.read_bytes() != new.read_bytes():
                    print(
                        f"{old} is out of date; run scripts/make_demo_catalog.py", file=sys.stderr
                    )
                    return 1
        print("demo catalog is up to date")
        return 0
    jsonl, csv_path = write(args.out_dir)
    catalog = load_catalog(jsonl)
    counts = {c: sum(p.category == c for p in catalog) for c in catalog.categories}
    print(f"wrote {len(catalog)} products to {jsonl} and {csv_path}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
