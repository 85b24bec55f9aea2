"""Runtime synonyms: their validation, the data-directory file and the `haitao synonyms` TSV round trip."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from indexer.cli import app
from search.analysis.query import default_analysis
from search.merchandising.synonyms import Synonym, SynonymIndex, SynonymStore


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"synonyms": ["only-one"]}, "synonyms"),
        ({"synonyms": []}, "synonyms"),
        ({"root": "  ", "synonyms": ["x"]}, "root"),
        ({"synonyms": ["a", 3]}, "synonyms[1]"),
        ({"synonyms": ["a", "b"], "colour": "red"}, "colour"),
        ({"root": "x", "synonyms": ["one two three four five"]}, "synonyms[0]"),
    ],
)
def test_a_bad_synonym_is_refused_naming_the_field(raw, field):
    with pytest.raises(ValueError, match=rf"^{field.replace('[', '.').replace(']', '.')}:"):
        Synonym.parse("s1", raw)


def test_a_chinese_root_works_as_a_glossary_entry_without_splitting_known_words():
    analyzer = default_analysis().query_analyzer
    index = SynonymIndex.of(
        {
            "nick": Synonym.parse("nick", {"root": "大鳥", "synonyms": ["bose"]}),
            "bt": Synonym.parse("bt", {"root": "藍芽", "synonyms": ["bluetooth"]}),
        }
    )
    words = analyzer.analyze("大鸟耳机", synonyms=index)
    assert [c.term for c in words.concepts] == ["大鸟", "耳机"] and words.concepts[0].best == "bose"
    assert words.synonyms == ["synonyms:nick"]
    alone = analyzer.analyze("藍芽", synonyms=index)  # Traditional, normalised like the root
    assert alone.concepts[0].best == "bluetooth" and alone.synonyms == ["synonyms:bt"]
    whole = analyzer.analyze("蓝牙耳机", synonyms=index)  # a glossary compound stays one concept
    assert [c.term for c in whole.concepts] == ["蓝牙耳机"] and whole.synonyms == []


def test_import_and_export_round_trip_through_the_data_directory(tmp_path):
    tsv = tmp_path / "in.tsv"
    tsv.write_text("# comment\nnick\t大鳥\tbose\nshoes\t\tsneakers\ttrainers\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["synonyms", "import", str(tsv), "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    items = SynonymStore(tmp_path / "d").documents.items()
    assert items["nick"].root == "大鸟" and items["shoes"].synonyms == ("sneakers", "trainers")
    out = tmp_path / "out.tsv"
    assert runner.invoke(app, ["synonyms", "export", str(out), "--data-dir", str(tmp_path / "d")]).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[1:] == ["nick\t大鸟\tbose", "shoes\t\tsneakers\ttrainers"]


def test_a_bad_line_imports_nothing(tmp_path):
    tsv = tmp_path / "in.tsv"
    tsv.write_text("good\t\ta\tb\nbad\t\tonly\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["synonyms", "import", str(tsv), "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 1 and "in.tsv:2" in result.output and "synonyms" in result.output
    assert SynonymStore(tmp_path / "d").documents.items() == {}
