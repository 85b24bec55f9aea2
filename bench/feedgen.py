"""A generated catalog feed for the indexing benchmark: realistic, varied, deterministic, every text unique.

.venv/bin/python bench/feedgen.py OUT.jsonl N
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

BRANDS = [
    "Anker", "Sony", "Bose", "Apple", "Samsung", "Logitech", "JBL", "Stanley", "Yeti", "Hydro Flask", "Contigo",
    "Osprey", "Coleman", "Petzl", "Nike", "Adidas", "New Balance", "Under Armour", "Columbia", "Patagonia",
    "KitchenAid", "Cuisinart", "Ninja", "Instant Pot", "OXO", "Lodge", "Dyson", "Shark", "iRobot", "Philips",
    "Braun", "Oral-B", "Neutrogena", "CeraVe", "Olay", "Similac", "Enfamil", "Pampers", "Huggies", "Graco",
    "LEGO", "Hasbro", "Mattel", "Nintendo", "Razer", "Corsair", "SanDisk", "Kingston", "Belkin", "Spigen",
]  # fmt: skip
PRODUCTS = [
    ("Electronics > Audio > Headphones", ["Wireless Earbuds", "Over-Ear Headphones", "Noise Cancelling Headphones", "Sports Earphones"]),
    ("Electronics > Audio > Speakers", ["Bluetooth Speaker", "Portable Speaker", "Smart Speaker", "Soundbar"]),
    ("Electronics > Power > Chargers", ["Portable Charger", "Power Bank", "USB-C Wall Charger", "Wireless Charging Pad"]),
    ("Electronics > Accessories > Cases", ["Phone Case", "Tablet Cover", "Laptop Sleeve", "Screen Protector"]),
    ("Electronics > Storage", ["USB Flash Drive", "microSD Card", "Portable SSD", "External Hard Drive"]),
    ("Home & Kitchen > Drinkware", ["Insulated Water Bottle", "Travel Mug", "Tumbler with Straw", "Vacuum Flask"]),
    ("Home & Kitchen > Appliances", ["Air Fryer", "Stand Mixer", "Blender", "Pressure Cooker", "Coffee Maker"]),
    ("Home & Kitchen > Cookware", ["Cast Iron Skillet", "Nonstick Frying Pan", "Dutch Oven", "Saucepan Set"]),
    ("Home & Garden > Cleaning", ["Cordless Vacuum", "Robot Vacuum", "Steam Mop", "Handheld Vacuum"]),
    ("Sports & Outdoors > Camping", ["Hiking Backpack", "Camping Tent", "Sleeping Bag", "Headlamp", "Camp Stove"]),
    ("Clothing > Shoes", ["Running Shoes", "Trail Running Shoes", "Basketball Shoes", "Walking Sneakers"]),
    ("Clothing > Outerwear", ["Rain Jacket", "Down Jacket", "Fleece Jacket", "Softshell Vest"]),
    ("Beauty > Skin Care", ["Facial Moisturizer", "Hydrating Cleanser", "Sunscreen SPF 50", "Night Cream"]),
    ("Health > Oral Care", ["Electric Toothbrush", "Water Flosser", "Replacement Brush Heads"]),
    ("Baby > Feeding", ["Infant Formula Stage 1", "Toddler Formula", "Baby Bottles", "Bottle Warmer"]),
    ("Baby > Diapers", ["Diapers Size 3", "Baby Wipes", "Overnight Diapers", "Training Pants"]),
    ("Toys & Games", ["Building Set", "Board Game", "Action Figure", "Puzzle 1000 Pieces", "Remote Control Car"]),
    ("Electronics > Computer Accessories", ["Wireless Mouse", "Mechanical Keyboard", "Gaming Headset", "Webcam 1080p"]),
]  # fmt: skip
ADJECTIVES = [
    "Ultra-Light", "Waterproof", "Premium", "Compact", "Heavy Duty", "Ergonomic", "Quiet", "Fast Charging",
    "Stainless Steel", "Leak-Proof", "BPA-Free", "Foldable", "Rechargeable", "Professional", "Classic", "Pro",
]  # fmt: skip
COLORS = ["Black", "White", "Navy Blue", "Red", "Sage Green", "Gray", "Rose Gold", "Silver", "Pink", "Charcoal"]
EXTRAS = ["2-Pack", "Gift Edition", "2025 Model", "Large", "Small", "Medium", "Value Pack", "with Carrying Case"]
AVAILABILITY = ["in_stock"] * 8 + ["out_of_stock", "preorder"]


def products(n: int, seed: int = 7) -> Iterator[dict]:
    rng = random.Random(seed)
    for i in range(n):
        category, nouns = rng.choice(PRODUCTS)
        brand = rng.choice(BRANDS)
        model = f"{rng.choice('ABCDEFGHKMPRSTVX')}{rng.randint(10, 9999)}"
        title = f"{brand} {rng.choice(ADJECTIVES)} {rng.choice(nouns)} {model}, {rng.choice(COLORS)}"
        if rng.random() < 0.5:
            title += f", {rng.choice(EXTRAS)}"
        yield {
            "id": f"sku-{i:07d}",
            "title": title,
            "description": f"{title}. {rng.choice(ADJECTIVES)} design, {rng.randint(1, 5)}-year warranty.",
            "brand": brand,
            "category": category,
            "price": f"{rng.randint(5, 900)}.{rng.randint(0, 99):02d} USD",
            "availability": rng.choice(AVAILABILITY),
            "link": f"https://shop.example.com/p/{i}",
        }


def write_feed(path: Path, n: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for product in products(n, seed):
            f.write(json.dumps(product) + "\n")
    return path


if __name__ == "__main__":
    write_feed(Path(sys.argv[1]), int(sys.argv[2]))
