#!/usr/bin/env python3
"""Build fixture queries and graded relevance judgments for the demo catalog.

Writes (next to this file):
  queries.tsv     qid <TAB> Chinese shopper query
  queries_en.tsv  qid <TAB> English query a US shopper would type for the same need
  qrels.tsv       TREC format: "qid 0 product_id grade"

Judgments are derived by explicit, readable per-query rules over the structured
facts that build_catalog.py keeps for every product (type, brand, target, stage,
model, size ...).  Each rule is an ordered list of (predicate, grade): the first
predicate that matches a product gives its grade; products matching none are
left unjudged (= not relevant).  Grades:
  3  exactly what was asked (right type, brand, model, stage)
  2  right type, different brand/variant the shopper would still accept
  1  related (same family, or an accessory for the product)
  0  notable near-miss that is NOT relevant (judged on purpose)
Price words in a query ("500元以下") are ignored: grades are product relevance only.

Usage:  python data/demo/build_qrels.py            (after build_catalog.py)
        python data/demo/build_qrels.py --show z018  (print judged products of a query)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_catalog import build  # noqa: E402


# ---------------------------------------------------------------------------
# Tiny predicate DSL:  T("a","b") & B("Apple") | ~F("anc", True)
# ---------------------------------------------------------------------------
class P:
    def __init__(self, fn):
        self.fn = fn

    def __call__(self, f):
        return bool(self.fn(f))

    def __and__(self, o):
        return P(lambda f: self(f) and o(f))

    def __or__(self, o):
        return P(lambda f: self(f) or o(f))

    def __invert__(self):
        return P(lambda f: not self(f))


def T(*types):  # product type
    return P(lambda f: f["type"] in types)


def B(*brands):  # brand
    return P(lambda f: f["brand"] in brands)


def FOR(*targets):  # men / women / kids / baby / adult / unisex / dog / cat
    return P(lambda f: f.get("target") in targets)


def F(key, *values):  # fact equals one of values
    return P(lambda f: f.get(key) in values)


def MODEL(*models):  # phone compatibility, case-insensitive
    ms = {m.lower() for m in models}
    return P(lambda f: str(f.get("model", "")).lower() in ms)


def RANGE(key, lo, hi):  # lo <= fact <= hi
    return P(lambda f: f.get(key) is not None and lo <= float(f[key]) <= hi)


ANY = P(lambda f: True)

# Reusable product families
EARBUDS = T("bluetooth_earbuds", "neckband_earphones")
HEADBAND = T("over_ear_headphones", "on_ear_headphones")
WIRELESS_HEADBAND = HEADBAND & F("wireless", True)
WIRELESS_AUDIO = EARBUDS | WIRELESS_HEADBAND
WIRED_AUDIO = T("wired_earphones") | (HEADBAND & F("wireless", False))
ANC = F("anc", True)
INSULATED_DRINK = T("water_bottle", "tumbler", "travel_mug") & F("insulated", True)
PLAIN_BOTTLE = T("water_bottle") & F("insulated", False)
FORMULA = T("infant_formula")
ADULTISH = FOR("adult", "women", "men", "unisex")
RUNNING = T("running_shoes")
SHOES = T("running_shoes", "sneakers", "walking_shoes")
HANDBAG = T("handbag")
CARRY = T("handbag", "backpack")

QUERIES: list[tuple[str, str, str, list]] = []


def Q(qid, zh, en, rules):
    QUERIES.append((qid, zh, en, rules))


# ---------------------------------------------------------------------------
# Queries and their rules
# ---------------------------------------------------------------------------
# --- Electronics: audio -----------------------------------------------------
Q(
    "z001",
    "蓝牙耳机",
    "bluetooth earbuds",
    [(EARBUDS, 3), (WIRELESS_HEADBAND, 2), (WIRED_AUDIO, 1), (T("bluetooth_speaker", "earbuds_case"), 0)],
)
Q(
    "z002",
    "无线降噪耳机",
    "wireless noise cancelling headphones",
    [(WIRELESS_AUDIO & ANC, 3), (WIRELESS_AUDIO, 1), (WIRED_AUDIO | T("bluetooth_speaker"), 0)],
)
Q(
    "z003",
    "藍牙耳機",
    "bluetooth earbuds",
    [(EARBUDS, 3), (WIRELESS_HEADBAND, 2), (WIRED_AUDIO, 1), (T("bluetooth_speaker", "earbuds_case"), 0)],
)
Q(
    "z004",
    "AirPods Pro",
    "airpods pro",
    [
        (EARBUDS & F("line", "airpods pro"), 3),
        (B("Apple") & (EARBUDS | HEADBAND), 1),
        (T("earbuds_case") & F("compat", "airpods pro"), 1),
        (EARBUDS & ANC, 1),
        (T("wired_earphones") & B("Apple"), 0),
    ],
)
Q(
    "z005",
    "100美元以内 耳机",
    "headphones under $100",
    [(WIRELESS_AUDIO, 3), (WIRED_AUDIO, 2), (T("bluetooth_speaker"), 0)],
)
Q(
    "z006",
    "有线耳机",
    "wired earbuds",
    [(T("wired_earphones"), 3), (WIRED_AUDIO, 2), (EARBUDS, 1), (T("bluetooth_speaker"), 0)],
)
Q(
    "z007",
    "头戴式耳机",
    "over ear headphones",
    [(HEADBAND, 3), (EARBUDS | T("wired_earphones"), 1), (T("bluetooth_speaker"), 0)],
)
Q("z008", "蓝牙音箱", "bluetooth speaker", [(T("bluetooth_speaker"), 3), (EARBUDS | HEADBAND, 0)])
Q(
    "z009",
    "运动 蓝牙耳机",
    "wireless sport earbuds for running",
    [(EARBUDS & F("sport", True), 3), (EARBUDS, 2), (WIRELESS_HEADBAND, 1)],
)
Q(
    "z010",
    "索尼 降噪耳机",
    "sony noise cancelling headphones",
    [
        (B("Sony") & WIRELESS_AUDIO & ANC, 3),
        (WIRELESS_AUDIO & ANC, 2),
        (B("Sony") & (EARBUDS | HEADBAND | WIRED_AUDIO), 1),
        (B("Sony") & T("bluetooth_speaker"), 0),
    ],
)
Q(
    "z011",
    "Bose 耳机",
    "bose headphones",
    [(B("Bose") & (EARBUDS | HEADBAND), 3), (B("Bose") & T("bluetooth_speaker"), 1), (WIRELESS_AUDIO & ANC, 1)],
)
Q(
    "z012",
    "苹果 蓝牙耳机",
    "apple wireless earbuds",
    [
        (B("Apple") & EARBUDS, 3),
        (B("Apple") & WIRELESS_HEADBAND, 2),
        (B("Beats") & EARBUDS, 2),
        (EARBUDS, 1),
        (B("Apple") & T("wired_earphones"), 1),
        (T("earbuds_case"), 1),
    ],
)
Q(
    "z013",
    "Type-C 耳机",
    "usb c wired earbuds",
    [(T("wired_earphones") & F("connector", "usb-c"), 3), (WIRED_AUDIO, 1), (EARBUDS, 1)],
)
# --- Electronics: mobile accessories -----------------------------------------
Q("z014", "充电宝", "portable charger power bank", [(T("power_bank"), 3), (T("wall_charger", "wireless_charger"), 1)])
Q(
    "z015",
    "移动电源 20000mAh",
    "20000mah power bank",
    [
        (T("power_bank") & RANGE("mah", 20000, 99999), 3),
        (T("power_bank") & RANGE("mah", 10000, 19999), 2),
        (T("power_bank"), 1),
    ],
)
Q(
    "z016",
    "安克 充电宝",
    "anker power bank",
    [
        (B("Anker") & T("power_bank"), 3),
        (T("power_bank"), 2),
        (B("Anker") & T("wall_charger", "charging_cable", "wireless_charger"), 1),
    ],
)
Q(
    "z017",
    "磁吸 无线充电宝",
    "magnetic wireless power bank",
    [(T("power_bank") & F("magnetic", True), 3), (T("power_bank"), 1), (T("wireless_charger"), 1)],
)
Q("z018", "手机壳", "phone case", [(T("phone_case"), 3), (T("screen_protector"), 1), (T("earbuds_case"), 0)])
Q(
    "z019",
    "iPhone 15 手机壳",
    "iphone 15 case",
    [
        (T("phone_case") & MODEL("iphone 15"), 3),
        (T("screen_protector") & MODEL("iphone 15"), 1),
        (
            T("phone_case")
            & MODEL("iphone 15 plus", "iphone 15 pro", "iphone 15 pro max", "iphone 14", "iphone 14 pro"),
            0,
        ),
    ],
)
Q(
    "z020",
    "iPhone 15 Pro 手机壳",
    "iphone 15 pro case",
    [
        (T("phone_case") & MODEL("iphone 15 pro"), 3),
        (T("screen_protector") & MODEL("iphone 15 pro"), 1),
        (T("phone_case") & MODEL("iphone 15", "iphone 15 plus", "iphone 15 pro max", "iphone 14 pro"), 0),
    ],
)
Q(
    "z021",
    "三星 S24 手机壳",
    "samsung galaxy s24 case",
    [
        (T("phone_case") & MODEL("galaxy s24"), 3),
        (T("screen_protector") & MODEL("galaxy s24"), 1),
        (T("phone_case") & MODEL("galaxy s24+", "galaxy s24 ultra", "galaxy s23", "galaxy s23 ultra"), 0),
    ],
)
Q(
    "z022",
    "Type-C 数据线",
    "usb c cable",
    [
        (T("charging_cable") & F("ends", "usb-c to usb-c", "usb-a to usb-c"), 3),
        (T("charging_cable") & F("ends", "usb-c to lightning"), 1),
        (T("charging_cable"), 0),
    ],
)
Q(
    "z023",
    "快充 充电器",
    "usb c fast charger",
    [(T("wall_charger"), 3), (T("wireless_charger"), 2), (T("power_bank", "charging_cable"), 1)],
)
# --- Electronics: devices -----------------------------------------------------
Q(
    "z024",
    "Kindle 电子书阅读器",
    "kindle e-reader",
    [(T("ereader") & F("line", "kindle"), 3), (T("ereader"), 2), (T("tablet"), 1)],
)
Q("z025", "平板电脑", "tablet", [(T("tablet"), 3), (T("ereader"), 1)])
Q("z026", "iPad", "ipad", [(T("tablet") & B("Apple"), 3), (T("tablet"), 1), (T("ereader"), 0)])
Q("z027", "智能手表", "smartwatch", [(T("smartwatch"), 3), (T("fitness_tracker"), 2)])
Q(
    "z028",
    "苹果手表",
    "apple watch",
    [(T("smartwatch") & F("line", "apple watch"), 3), (T("smartwatch", "fitness_tracker"), 1)],
)
Q(
    "z029",
    "三星 手表",
    "samsung galaxy watch",
    [(T("smartwatch") & B("Samsung"), 3), (T("smartwatch"), 1), (T("fitness_tracker"), 1)],
)
# --- Vitamins & supplements ------------------------------------------------------
Q("z030", "鱼油", "fish oil", [(T("fish_oil") & ADULTISH, 3), (T("fish_oil"), 2), (T("krill_oil"), 2)])
Q("z031", "儿童 鱼油", "kids fish oil dha", [(T("fish_oil") & FOR("kids"), 3), (T("fish_oil", "krill_oil"), 1)])
Q(
    "z032",
    "維他命",
    "vitamins",
    [(T("multivitamin") & ADULTISH, 3), (T("multivitamin"), 2), (T("vitamin_c", "vitamin_d"), 2), (T("biotin"), 1)],
)
Q("z033", "維他命C", "vitamin c", [(T("vitamin_c"), 3), (T("multivitamin") & ADULTISH, 1)])
Q(
    "z034",
    "维生素D3",
    "vitamin d3",
    [(T("vitamin_d") & ADULTISH, 3), (T("vitamin_d"), 2), (T("calcium"), 1), (T("multivitamin") & ADULTISH, 1)],
)
Q(
    "z035",
    "复合维生素 女",
    "women's multivitamin",
    [
        (T("multivitamin") & FOR("women"), 3),
        (T("multivitamin") & FOR("adult"), 2),
        (T("multivitamin") & FOR("men", "kids"), 0),
    ],
)
Q(
    "z036",
    "儿童 维生素 软糖",
    "kids gummy vitamins",
    [
        (T("multivitamin") & FOR("kids") & F("form", "gummy"), 3),
        (T("multivitamin") & FOR("kids"), 2),
        (FOR("kids") & F("form", "gummy"), 1),
        (T("multivitamin") & F("form", "gummy"), 1),
    ],
)
Q("z037", "胶原蛋白", "collagen peptides", [(T("collagen"), 3), (T("biotin"), 1)])
Q("z038", "益生菌", "probiotics", [(T("probiotic") & ADULTISH, 3), (T("probiotic"), 2)])
Q("z039", "褪黑素", "melatonin", [(T("melatonin") & ADULTISH, 3), (T("melatonin"), 2)])
Q("z040", "氨糖 维骨力", "glucosamine chondroitin", [(T("glucosamine"), 3)])
# --- Baby ---------------------------------------------------------------------------
Q("z041", "婴儿奶粉 1段", "infant formula stage 1", [(FORMULA & F("stage", 1), 3), (FORMULA, 0)])
Q("z042", "雅培 奶粉", "similac formula", [(FORMULA & B("Similac"), 3), (FORMULA, 1)])
Q(
    "z043",
    "雅培 奶粉 1段",
    "similac infant formula stage 1",
    [(FORMULA & B("Similac") & F("stage", 1), 3), (FORMULA & F("stage", 1), 2), (FORMULA & B("Similac"), 0)],
)
Q(
    "z044",
    "美赞臣 奶粉 3段",
    "enfamil toddler formula stage 3",
    [(FORMULA & B("Enfamil") & F("stage", 3), 3), (FORMULA & F("stage", 3), 2), (FORMULA & B("Enfamil"), 0)],
)
# Wyeth is not carried: comparable formulas are judged acceptable substitutes (2).
Q("z045", "惠氏 奶粉", "wyeth formula", [(FORMULA, 2)])
Q("z046", "二段 奶粉", "stage 2 follow-on formula", [(FORMULA & F("stage", 2), 3), (FORMULA, 0)])
Q("z047", "纸尿裤 4号", "size 4 diapers", [(T("diapers") & F("size", "4"), 3), (T("diapers", "training_pants"), 0)])
Q(
    "z048",
    "帮宝适 纸尿裤",
    "pampers diapers",
    [
        (T("diapers") & B("Pampers"), 3),
        (T("training_pants") & B("Pampers"), 2),
        (T("diapers"), 1),
        (T("baby_wipes") & B("Pampers"), 1),
    ],
)
Q("z049", "婴儿湿巾", "baby wipes", [(T("baby_wipes"), 3)])
Q("z050", "奶瓶", "baby bottles", [(T("baby_bottle"), 3), (T("bottle_nipple", "sippy_cup"), 1)])
Q(
    "z051",
    "宝宝 润肤露",
    "baby lotion",
    [(T("baby_lotion"), 3), (T("baby_ointment", "diaper_cream"), 1), (T("body_lotion"), 0)],
)
# --- Skincare & cosmetics -------------------------------------------------------------
Q(
    "z052",
    "防晒霜",
    "sunscreen",
    [(T("sunscreen") & ~FOR("baby"), 3), (T("sunscreen"), 2), (T("face_cream") & RANGE("spf", 1, 100), 1)],
)
Q(
    "z053",
    "防晒 SPF50",
    "sunscreen spf 50",
    [(T("sunscreen") & RANGE("spf", 50, 100), 3), (T("sunscreen"), 2), (T("face_cream") & RANGE("spf", 1, 100), 1)],
)
Q(
    "z054",
    "面霜",
    "face moisturizer cream",
    [
        (T("face_cream") & F("form", "cream") & F("area", "face"), 3),
        (T("face_cream"), 2),
        (T("eye_cream", "serum"), 1),
        (T("body_lotion", "baby_lotion"), 0),
    ],
)
Q(
    "z055",
    "男士 面霜",
    "men's face moisturizer",
    [(T("face_cream") & FOR("men"), 3), (T("face_cream") & FOR("unisex"), 2), (T("face_cream"), 1)],
)
Q(
    "z056",
    "科颜氏 面霜",
    "kiehl's face cream",
    [(T("face_cream") & B("Kiehl's"), 3), (T("face_cream"), 2), (B("Kiehl's"), 1)],
)
Q("z057", "眼霜", "eye cream", [(T("eye_cream"), 3), (T("face_cream", "serum"), 0)])
Q(
    "z058",
    "雅诗兰黛 眼霜",
    "estee lauder eye cream",
    [(T("eye_cream") & B("Estée Lauder"), 3), (T("eye_cream"), 2), (B("Estée Lauder") & T("serum", "face_cream"), 1)],
)
Q("z059", "精华液", "face serum", [(T("serum"), 3), (T("face_cream", "eye_cream"), 1)])
Q(
    "z060",
    "雅诗兰黛 小棕瓶",
    "estee lauder advanced night repair serum",
    [
        (T("serum") & F("line", "advanced night repair"), 3),
        (F("line", "advanced night repair"), 1),
        (T("serum") & B("Lancôme"), 1),
        (B("Estée Lauder"), 0),
    ],
)
Q("z061", "洗面奶", "face wash cleanser", [(T("cleanser"), 3), (T("baby_wash"), 0)])
Q("z062", "口红", "lipstick", [(T("lipstick"), 3), (T("lip_gloss", "lip_balm"), 1)])
Q(
    "z063",
    "MAC 口红 Ruby Woo",
    "mac ruby woo lipstick",
    [
        (T("lipstick") & B("MAC") & F("shade", "Ruby Woo"), 3),
        (T("lipstick") & B("MAC") & F("shade_family", "red"), 2),
        (T("lipstick") & B("MAC"), 1),
        (T("lipstick") & F("shade_family", "red"), 1),
        (B("MAC"), 0),
    ],
)
Q(
    "z064",
    "雅诗兰黛 粉底液",
    "estee lauder double wear foundation",
    [(T("foundation") & B("Estée Lauder"), 3), (T("foundation"), 2)],
)
# --- Bags --------------------------------------------------------------------------------
Q(
    "z065",
    "双肩包",
    "backpack",
    [
        (T("backpack"), 3),
        (T("hiking_backpack") & RANGE("capacity_l", 0, 30), 2),
        (T("hiking_backpack"), 1),
        (T("diaper_bag"), 1),
    ],
)
Q("z066", "蔻驰 包", "coach bag", [(B("Coach") & CARRY, 3), (B("Coach") & T("wallet"), 2), (HANDBAG, 1)])
Q(
    "z067",
    "蔻驰 男士 双肩包",
    "coach men's backpack",
    [
        (B("Coach") & T("backpack") & FOR("men"), 3),
        (B("Coach") & T("backpack"), 2),
        (T("backpack") & FOR("men"), 2),
        (T("backpack"), 1),
        (B("Coach") & FOR("men"), 1),
    ],
)
Q(
    "z068",
    "mk 托特包",
    "michael kors tote bag",
    [(B("Michael Kors") & F("bag_type", "tote"), 3), (F("bag_type", "tote"), 2), (B("Michael Kors") & HANDBAG, 1)],
)
Q(
    "z069",
    "斜挎包",
    "crossbody bag",
    [(F("bag_type", "crossbody"), 3), (HANDBAG & F("convertible", True), 2), (F("bag_type", "shoulder"), 1)],
)
Q(
    "z070",
    "凯特丝蓓 斜挎包",
    "kate spade crossbody",
    [
        (B("Kate Spade New York") & F("bag_type", "crossbody"), 3),
        (B("Kate Spade New York") & F("convertible", True), 2),
        (F("bag_type", "crossbody"), 2),
        (B("Kate Spade New York"), 1),
    ],
)
Q(
    "z071",
    "女士 钱包",
    "women's wallet",
    [(T("wallet") & FOR("women") & F("bag_type", "wallet"), 3), (T("wallet") & FOR("women"), 2), (T("wallet"), 0)],
)
# --- Shoes & apparel ---------------------------------------------------------------------
Q(
    "z072",
    "跑步鞋 男",
    "men's running shoes",
    [(RUNNING & FOR("men", "unisex"), 3), (RUNNING, 0), (SHOES & FOR("men", "unisex"), 1)],
)
Q(
    "z073",
    "女生 跑步鞋",
    "women's running shoes",
    [(RUNNING & FOR("women", "unisex"), 3), (RUNNING, 0), (SHOES & FOR("women", "unisex"), 1)],
)
Q("z074", "耐克 跑鞋", "nike running shoes", [(RUNNING & B("Nike"), 3), (RUNNING, 2), (SHOES & B("Nike"), 1)])
Q("z075", "阿迪达斯 运动鞋", "adidas sneakers", [(SHOES & B("adidas"), 3), (SHOES, 1)])
Q("z076", "新百伦", "new balance", [(B("New Balance"), 3)])
Q(
    "z077",
    "北面 冲锋衣",
    "north face rain jacket",
    [
        (T("rain_jacket") & B("The North Face"), 3),
        (T("rain_jacket"), 2),
        (T("softshell_jacket") & B("The North Face"), 2),
        (B("The North Face") & T("down_jacket", "fleece_jacket"), 1),
    ],
)
Q(
    "z078",
    "女款 冲锋衣",
    "women's waterproof rain jacket",
    [
        (T("rain_jacket") & FOR("women"), 3),
        (T("rain_jacket"), 0),
        (T("softshell_jacket", "fleece_jacket", "down_jacket") & FOR("women"), 1),
    ],
)
Q("z079", "羽绒服", "down jacket", [(T("down_jacket"), 3), (T("rain_jacket", "fleece_jacket", "softshell_jacket"), 1)])
Q("z080", "卫衣", "hoodie", [(T("hoodie"), 3), (T("fleece_jacket"), 1)])
Q("z081", "牛仔裤 男", "men's jeans", [(T("jeans") & FOR("men"), 3), (T("jeans"), 0)])
Q("z082", "UGG 雪地靴", "ugg boots", [(T("boots") & B("UGG"), 3), (T("slippers") & B("UGG"), 2), (T("boots"), 1)])
Q("z083", "速干 运动 T恤", "athletic t-shirt", [(T("t_shirt"), 3), (T("hoodie"), 0)])
# --- Kitchen & drinkware -------------------------------------------------------------------
Q(
    "z084",
    "保温杯",
    "insulated water bottle",
    [(INSULATED_DRINK, 3), (T("food_jar"), 1), (PLAIN_BOTTLE, 1), (T("coffee_mug", "cooler"), 0)],
)
Q(
    "z085",
    "保溫杯",
    "insulated tumbler",
    [(INSULATED_DRINK, 3), (T("food_jar"), 1), (PLAIN_BOTTLE, 1), (T("coffee_mug", "cooler"), 0)],
)
Q(
    "z086",
    "500元以下 保温杯",
    "insulated water bottle under $70",
    [(INSULATED_DRINK, 3), (T("food_jar"), 1), (PLAIN_BOTTLE, 1), (T("coffee_mug", "cooler"), 0)],
)
Q(
    "z087",
    "500ml 保温杯",
    "16 oz insulated water bottle",
    [
        (INSULATED_DRINK & RANGE("ml", 444, 621), 3),
        (INSULATED_DRINK, 2),
        (T("food_jar") | PLAIN_BOTTLE, 1),
        (T("coffee_mug"), 0),
    ],
)
Q(
    "z088",
    "保溫瓶",
    "vacuum insulated bottle",
    [
        (T("water_bottle") & F("insulated", True), 3),
        (INSULATED_DRINK, 2),
        (T("food_jar") | PLAIN_BOTTLE, 1),
        (T("coffee_mug"), 0),
    ],
)
Q(
    "z089",
    "斯坦利 保温杯",
    "stanley tumbler",
    [(INSULATED_DRINK & B("Stanley"), 3), (INSULATED_DRINK, 2), (B("Stanley"), 1)],
)
Q(
    "z090",
    "YETI 保温杯",
    "yeti tumbler",
    [(INSULATED_DRINK & B("YETI"), 3), (T("cooler") & B("YETI"), 0), (INSULATED_DRINK, 2)],
)
Q(
    "z091",
    "吸管杯 保温 大容量",
    "insulated tumbler with straw",
    [
        (INSULATED_DRINK & F("lid", "straw") & ~FOR("kids") & RANGE("oz", 24, 64), 3),
        (INSULATED_DRINK & F("lid", "straw") & ~FOR("kids"), 2),
        (INSULATED_DRINK, 1),
    ],
)
Q(
    "z092",
    "保温 咖啡杯",
    "insulated coffee travel mug",
    [
        (T("travel_mug"), 3),
        (T("tumbler") & F("insulated", True), 2),
        (T("water_bottle") & F("insulated", True) & ~FOR("kids"), 1),
        (T("coffee_mug"), 1),
    ],
)
Q(
    "z093",
    "儿童 水杯",
    "kids water bottle",
    [(T("water_bottle") & FOR("kids"), 3), (T("sippy_cup"), 1), (T("water_bottle"), 1)],
)
Q("z094", "空气炸锅", "air fryer", [(T("air_fryer"), 3), (T("pressure_cooker"), 0)])
Q("z095", "破壁机", "high speed blender", [(T("blender") & ~F("personal", True), 3), (T("blender"), 2)])
Q(
    "z096",
    "咖啡机",
    "coffee maker",
    [
        (T("coffee_maker") & ~F("style", "manual"), 3),
        (T("coffee_maker"), 2),
        (T("coffee_pods"), 1),
        (T("coffee_mug", "travel_mug"), 0),
    ],
)
Q("z097", "厨师刀", "chef knife", [(T("chef_knife"), 3), (T("knife_set"), 2)])
Q("z098", "铸铁锅", "cast iron skillet", [(F("material", "cast iron"), 3), (T("skillet", "cookware_set"), 1)])
# --- Outdoor ---------------------------------------------------------------------------------
Q("z099", "帐篷", "camping tent", [(T("tent"), 3), (T("sleeping_bag", "sleeping_pad"), 0)])
Q("z100", "4人 帐篷", "4 person tent", [(T("tent") & F("p", 4), 3), (T("tent") & F("p", 3, 5, 6), 2), (T("tent"), 1)])
Q("z101", "睡袋", "sleeping bag", [(T("sleeping_bag"), 3), (T("sleeping_pad"), 1)])
Q("z102", "儿童 睡袋", "kids sleeping bag", [(T("sleeping_bag") & FOR("kids"), 3), (T("sleeping_bag"), 1)])
Q(
    "z103",
    "登山包",
    "hiking backpack",
    [
        # casual daypacks are "related"; leather fashion backpacks (Coach, MK ...) are not judged
        (T("hiking_backpack"), 3),
        (T("backpack") & B("The North Face", "JanSport", "Herschel", "Fjällräven"), 1),
    ],
)
Q("z104", "登山杖", "trekking poles", [(T("trekking_poles"), 3)])
Q("z105", "头灯", "headlamp", [(T("headlamp"), 3), (T("lantern"), 1)])
Q(
    "z106",
    "卡式炉",
    "portable butane stove",
    [(T("camping_stove") & F("fuel", "butane"), 3), (T("camping_stove"), 2), (T("fuel_canister"), 1)],
)
Q("z107", "露营 炉具", "camping stove", [(T("camping_stove"), 3), (T("fuel_canister"), 1)])
Q("z108", "露營椅", "camping chair", [(T("camp_chair"), 3)])
Q("z109", "保温箱 冰桶", "cooler", [(T("cooler"), 3), (INSULATED_DRINK & B("YETI"), 0)])
# --- Toys ----------------------------------------------------------------------------------------
Q("z110", "乐高", "lego", [(B("LEGO"), 3), (T("building_set"), 1)])
Q("z111", "乐高 星球大战", "lego star wars", [(B("LEGO") & F("theme", "star wars"), 3), (B("LEGO"), 1)])
Q(
    "z112",
    "芭比娃娃",
    "barbie doll",
    [(T("doll") & B("Barbie"), 3), (T("doll_playset") & B("Barbie"), 2), (T("doll"), 1)],
)
Q("z113", "风火轮", "hot wheels", [(B("Hot Wheels"), 3), (T("toy_car"), 2)])
Q(
    "z114",
    "拼图 1000片",
    "1000 piece puzzle",
    [(T("puzzle") & F("pieces", 1000), 3), (T("puzzle") & FOR("adult"), 2), (T("puzzle"), 1)],
)
Q("z115", "毛绒玩具", "stuffed animal plush", [(T("plush"), 3), (T("dog_toy") & F("plush", True), 0)])
Q("z116", "儿童 科学实验 玩具", "stem science kit for kids", [(T("stem_kit"), 3)])
Q("z117", "Nerf 软弹枪", "nerf blaster", [(T("blaster"), 3), (T("blaster_darts"), 1)])
# --- Pet supplies -------------------------------------------------------------------------------
Q("z118", "猫粮", "cat food", [(T("cat_food"), 3), (T("cat_treats"), 1), (T("dog_food"), 0)])
Q("z119", "狗粮", "dog food", [(T("dog_food"), 3), (T("dog_treats"), 1), (T("cat_food"), 0)])
Q(
    "z120",
    "幼猫 猫粮",
    "kitten food",
    [(T("cat_food") & F("life", "kitten"), 3), (T("cat_food"), 1), (T("dog_food") & F("life", "puppy"), 0)],
)
Q(
    "z121",
    "幼犬 狗粮",
    "puppy food",
    [(T("dog_food") & F("life", "puppy"), 3), (T("dog_food"), 1), (T("cat_food") & F("life", "kitten"), 0)],
)
Q("z122", "猫砂", "cat litter", [(T("cat_litter"), 3)])
Q(
    "z123",
    "狗狗 沐浴露",
    "dog shampoo",
    [(T("pet_shampoo") & FOR("dog"), 3), (T("pet_shampoo"), 1), (T("baby_wash"), 0)],
)
Q("z124", "狗 牵引绳", "dog leash", [(T("leash"), 3), (T("dog_harness"), 2), (T("cat_harness"), 0)])
Q("z125", "狗 胸背带", "dog harness", [(T("dog_harness"), 3), (T("leash"), 1), (T("cat_harness"), 0)])
Q(
    "z126",
    "狗 磨牙 玩具",
    "dog chew toy",
    [(T("dog_toy") & F("chew", True), 3), (T("dog_toy"), 2), (T("dog_treats"), 1), (T("cat_toy"), 0)],
)
Q("z127", "猫 玩具", "cat toys", [(T("cat_toy"), 3), (T("dog_toy"), 0)])


# ---------------------------------------------------------------------------
def judge(results):
    qrels = []
    for qid, _zh, _en, rules in QUERIES:
        for _p, f in results:
            for pred, grade in rules:
                if pred(f):
                    if grade is not None:
                        qrels.append((qid, f["id"], grade))
                    break
    return qrels


def main():
    results = build()
    by_id = {p["id"]: p for p, _ in results}
    qids = [q[0] for q in QUERIES]
    assert len(set(qids)) == len(qids), "duplicate qid"
    qrels = judge(results)
    order = {q: i for i, q in enumerate(qids)}
    qrels.sort(key=lambda r: (order[r[0]], -r[2], r[1]))

    if "--show" in sys.argv:
        want = sys.argv[sys.argv.index("--show") + 1 :]
        for qid in want:
            zh = next(q[1] for q in QUERIES if q[0] == qid)
            print(f"== {qid} {zh}")
            for q, pid, g in qrels:
                if q == qid:
                    print(f"  {g}  {pid:9s} {by_id[pid]['title'][:110]}")
        return

    with (HERE / "queries.tsv").open("w", encoding="utf-8") as fh:
        for qid, zh, _en, _ in QUERIES:
            fh.write(f"{qid}\t{zh}\n")
    with (HERE / "queries_en.tsv").open("w", encoding="utf-8") as fh:
        for qid, _zh, en, _ in QUERIES:
            fh.write(f"{qid}\t{en}\n")
    with (HERE / "qrels.tsv").open("w", encoding="utf-8") as fh:
        for qid, pid, g in qrels:
            fh.write(f"{qid} 0 {pid} {g}\n")

    per_q = {q: Counter() for q in qids}
    for q, _, g in qrels:
        per_q[q][g] += 1
    print(f"{len(QUERIES)} queries, {len(qrels)} judged pairs")
    print("per grade:", {g: sum(c[g] for c in per_q.values()) for g in (3, 2, 1, 0)})
    print("qid   g3  g2  g1  g0  query")
    bad = []
    for qid, zh, _en, _ in QUERIES:
        c = per_q[qid]
        print(f"{qid} {c[3]:4d}{c[2]:4d}{c[1]:4d}{c[0]:4d}  {zh}")
        if c[3] + c[2] == 0:
            bad.append(qid)
    assert not bad, f"queries without any grade>=2 judgment: {bad}"


if __name__ == "__main__":
    main()
