import pytest

from search.analysis.units import normalize_units, unit_renderings


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("500毫升 保温杯", "500ml 保温杯"),
        ("500ml保温杯", "500ml 保温杯"),
        ("27寸显示器", "27inch 显示器"),
        ("2斤 狗粮", "1kg 狗粮"),  # 1 斤 = 500 g
        ("128g u盘", "128gb u盘"),  # a storage size in g means GB
        ("500g 咖啡豆", "500g 咖啡豆"),  # not a storage size: grams
        ("40 oz tumbler", "40oz tumbler"),
        ("20000毫安 充电宝", "20000mah 充电宝"),
        ("10000毫安时移动电源", "10000mah 移动电源"),  # the longest unit word is read whole
        ("1.5升 水壶", "1.5l 水壶"),
        ("3公斤 猫砂", "3kg 猫砂"),
        ("2 in 1 laptop", "2 in 1 laptop"),  # "in" is never read as inches
        ("sm-g998 手机", "sm-g998 手机"),  # model numbers are left alone
        ("gtx1080", "gtx1080"),
    ],
)
def test_number_and_unit_phrases_become_canonical_tokens(text, normalized):
    assert normalize_units(text) == normalized


def test_renderings_include_us_units():
    assert unit_renderings("500ml") == [("500ml", 1.0), ("500 ml", 1.0), ("17 oz", 0.7)]
    assert ("2.2 lb", 0.7) in unit_renderings("1kg")
    assert ("27 inch", 1.0) in unit_renderings("27inch")
    assert unit_renderings("iphone") == []
