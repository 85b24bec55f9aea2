"""`haitao synonyms import|export|list FILE.tsv`: the runtime synonyms of a data directory as a TSV file.

A line is `id<TAB>root<TAB>synonym<TAB>synonym...` (root empty for a multi-way synonym); `#` starts a comment. An
import checks every line first (and changes nothing if one is bad), then adds or replaces the entries by id
(`--replace`: the file becomes the whole set). A running server applies the change to its next search."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from indexer.commands.common import DataDir, err, settings_for

synonyms_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Runtime synonyms (applied to the next search, no restart): import, export, list.",
)

TsvFile = Annotated[Path, typer.Argument(metavar="FILE.tsv", help="id<TAB>root<TAB>synonym<TAB>... a line.")]


def _store(data_dir: Path | None):
    from search.merchandising.synonyms import SynonymStore

    return SynonymStore(settings_for(data_dir).data_dir)


@synonyms_app.command("import")
def import_synonyms(
    file: TsvFile,
    data_dir: DataDir = None,
    replace: Annotated[bool, typer.Option("--replace", help="Remove the synonyms the file does not hold.")] = False,
) -> None:
    """Add or replace the synonyms of FILE.tsv."""
    from search.merchandising.synonyms import read_tsv

    try:
        lines = file.read_text(encoding="utf-8-sig").splitlines()
        found = read_tsv(lines, source=file.name)
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"Cannot read {file}: {exc}")
        raise typer.Exit(1) from None
    except ValueError as exc:
        err.print(f"Nothing imported: {exc}")
        raise typer.Exit(1) from None
    store = _store(data_dir)
    store.documents.put_many(found, replace_all=replace)
    kept = len(store.documents.items())
    typer.echo(f"imported {len(found)} synonyms from {file.name}; {kept} in {store.documents.path.parent}")


@synonyms_app.command("export")
def export_synonyms(file: TsvFile, data_dir: DataDir = None) -> None:
    """Write every synonym to FILE.tsv (`-` for standard output)."""
    from search.merchandising.synonyms import write_tsv

    items = _store(data_dir).documents.items()
    text = write_tsv(items)
    if str(file) == "-":
        typer.echo(text, nl=False)
        return
    file.write_text(text, encoding="utf-8")
    typer.echo(f"exported {len(items)} synonyms to {file}")


@synonyms_app.command("list")
def list_synonyms(data_dir: DataDir = None) -> None:
    """Print every synonym."""
    for synonym_id, synonym in sorted(_store(data_dir).documents.items().items()):
        arrow = f"{synonym.root} → " if synonym.root else "⇄ "
        typer.echo(f"{synonym_id}\t{arrow}{', '.join(synonym.synonyms)}")
