"""Analysis on demand (`haitao search`): jieba's dictionary and CC-CEDICT read word by word from their prepared
SQLite file answer exactly as the loaded dictionaries do."""

from __future__ import annotations

import jieba
import pytest

from search.analysis.cedict import default_cedict
from search.analysis.dictionaries import prepared_dictionaries
from search.analysis.query import CHINESE_STOPWORDS, default_analysis
from search.analysis.segment import Segmenter

QUERIES = [
    "蓝牙耳机",
    "500元以下 保温杯",
    "藍牙耳機",
    "lanya erji",
    "lyej",
    "iphone 15 手机壳",
    "婴儿奶粉 1段",
    "wireless headphnes",
    "投影幕布",
    "蓝呀耳机",
    "baowenbei",
]


@pytest.fixture(scope="module")
def on_demand():
    return default_analysis(on_demand=True)


def test_on_demand_analysis_answers_as_the_loaded_one(analysis, on_demand):
    assert on_demand.segmenter.frequencies is not analysis.segmenter.frequencies  # read from the file
    words = {"wireless": 40, "headphones": 30, "earbuds": 12, "bottle": 9, "vacuum": 5, "flask": 4}
    titles = ["索尼 无线降噪耳机", "膳魔师 保温杯 不锈钢"]
    for loaded, stored in [
        (analysis.lexicons.base(), on_demand.lexicons.base()),
        (analysis.lexicons.build(words, titles, 50), on_demand.lexicons.build(words, titles, 50)),
    ]:
        for q in QUERIES:
            expected = analysis.query_analyzer.analyze(q, None, loaded).explain()
            assert on_demand.query_analyzer.analyze(q, None, stored).explain() == expected, q


def test_lookups_equal_the_loaded_dictionaries(analysis, on_demand):
    cedict, stored = default_cedict(), on_demand.lexicons.cedict
    for word in ["蓝牙", "耳机", "保温杯", "不是词", "支架"]:
        assert stored.senses(word) == cedict.senses(word) and stored.reading(word) == cedict.reading(word)
        assert on_demand.segmenter.frequency(word) == analysis.segmenter.frequency(word)
    assert stored.longest == cedict.longest and on_demand.segmenter.total == analysis.segmenter.total


def test_a_prepared_file_is_read_without_loading_jieba(tmp_path, analysis, monkeypatch):
    path = tmp_path / "dictionaries.sqlite"
    segmenter = analysis.segmenter
    prepared_dictionaries(path, lambda: (segmenter.frequencies, segmenter.total, default_cedict()))
    assert path.is_file()

    def not_again(*_args, **_kwargs):
        raise AssertionError("loaded whole")

    monkeypatch.setattr(jieba.Tokenizer, "initialize", not_again)
    stored = prepared_dictionaries(path, not_again)
    reader = Segmenter(analysis.glossary.terms(), CHINESE_STOPWORDS, (stored.frequencies, stored.total))
    for q in ["蓝牙耳机 降噪", "婴儿奶粉1段", "膳魔师保温杯"]:
        assert reader.query_tokens(q) == segmenter.query_tokens(q)


def test_a_damaged_file_is_made_again(tmp_path, analysis):
    path = tmp_path / "dictionaries.sqlite"
    path.write_bytes(b"not a database" * 100)
    segmenter = analysis.segmenter
    stored = prepared_dictionaries(path, lambda: (segmenter.frequencies, segmenter.total, default_cedict()))
    assert stored is not None and stored.cedict.senses("耳机") == default_cedict().senses("耳机")
