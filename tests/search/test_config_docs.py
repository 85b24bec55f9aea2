"""docs/configuration.md's settings table is the Settings class, rendered: a setting added, removed or changed
without `make docs` fails here."""

from __future__ import annotations

from pydantic import Field

from search import config_docs
from search.config import Settings


def test_the_configuration_reference_is_current():
    document = config_docs.DOC.read_text(encoding="utf-8")
    problems = config_docs.drift(document)
    assert not problems, "docs/configuration.md is out of date: run `make docs`\n" + "\n".join(problems)


def test_every_setting_has_its_row_with_variable_type_and_default():
    document = config_docs.DOC.read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"| `HAITAO_{name.upper()}` | `{name}` |" in document, name
    assert "| `HAITAO_PORT` | `port` | integer (≥ 1, ≤ 65,535) | `8000` | Port the API listens on. |" in document
    assert "| `HAITAO_ADMIN_API_KEY` | `admin_api_key` | secret, optional | unset |" in document
    assert "| `HAITAO_BACKEND` | `backend` | `embedded` \\| `opensearch` | `embedded` |" in document


class _MoreSettings(Settings):
    shiny_new_option: int = Field(3, ge=1, description="A setting added without rerunning the generator.")


def test_a_new_setting_is_drift_until_the_table_is_regenerated():
    document = config_docs.DOC.read_text(encoding="utf-8")
    problems = config_docs.drift(document, _MoreSettings)
    assert any("HAITAO_SHINY_NEW_OPTION" in line for line in problems)
    regenerated = config_docs.render(document, _MoreSettings)
    assert "| `HAITAO_SHINY_NEW_OPTION` | `shiny_new_option` | integer (≥ 1) | `3` |" in regenerated
    assert config_docs.drift(regenerated, _MoreSettings) == []
    assert regenerated.split(config_docs.END)[1] == document.split(config_docs.END)[1]  # the prose kept


def test_check_mode_fails_on_a_stale_document(tmp_path, capsys):
    stale = tmp_path / "configuration.md"
    current = config_docs.DOC.read_text(encoding="utf-8")
    stale.write_text(current.replace("| `HAITAO_PORT` |", "| `HAITAO_OLD_PORT` |"), encoding="utf-8")
    assert config_docs.main(["--check", "--doc", str(stale)]) == 1
    assert "run `make docs`" in capsys.readouterr().err
    assert config_docs.main(["--doc", str(stale)]) == 0  # rewrites it
    assert config_docs.main(["--check", "--doc", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == current
