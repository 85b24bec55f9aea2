"""`haitao analytics`: the search analytics reports in the terminal, and a PNG chart of searches per day."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from indexer.commands.common import DataDir, err, settings_for


def analytics_command(
    data_dir: DataDir = None,
    days: Annotated[float, typer.Option("--days", min=0.01, max=3650, help="The last this many days.")] = 7,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="Queries listed per report.")] = 20,
    chart: Annotated[
        Path,
        typer.Option("--chart", help="Where to write the chart of searches per day (PNG).", metavar="FILE.png"),
    ] = Path("analytics.png"),
    no_chart: Annotated[bool, typer.Option("--no-chart", help="Print the reports only.")] = False,
) -> None:
    """Print the most frequent queries, those that found nothing and click-through per query, and chart searches
    and the share without results per day."""
    from search.analytics import reports
    from search.analytics.store import FILE_NAME, AnalyticsStore

    settings = settings_for(data_dir)
    if not (settings.data_dir / FILE_NAME).exists():
        err.print(f"No analytics in {settings.data_dir} yet: they are kept while `haitao serve` answers searches.")
        raise typer.Exit(1)
    store = AnalyticsStore(settings.data_dir, settings.analytics_retention_days, settings.analytics_max_rows)
    window = reports.Window.last(days)
    out = Console()
    out.print(f"Search analytics, {window.describe()} ({store.counts()['searches']} searches kept)")
    _table(out, "Top queries", reports.top_queries(store, window, limit), ["query", "count", "no_results"])
    _table(out, "Queries without results", reports.no_results(store, window, limit), ["query", "count", "last_seen"])
    _table(
        out,
        "Click-through",
        reports.click_through(store, window, limit),
        ["query", "searches", "clicks", "ctr", "mean_click_position", "add_to_cart", "purchases"],
    )
    if not no_chart:
        from search.analytics.chart import write_chart

        path = write_chart(reports.daily(store, window), chart)
        out.print(f"Chart of searches per day: {path}")


def _table(out: Console, title: str, rows: list[dict], columns: list[str]) -> None:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, justify="left" if column in ("query", "last_seen") else "right")
    for row in rows:
        table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
    if not rows:
        table.add_row("(none)", *([""] * (len(columns) - 1)))
    out.print(table)
