"""The analytics chart: searches per day (bars) and the share of them without results (line), as a PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_chart(days: list[dict[str, Any]], path: Path, title: str = "Haitao Search: searches per day") -> Path:
    """Draw `reports.daily` rows into `path` (PNG)."""
    import matplotlib

    matplotlib.use("Agg")  # no display: files only
    from matplotlib import pyplot as plt
    from matplotlib.ticker import PercentFormatter

    labels = [d["day"][5:] for d in days]  # MM-DD
    fig, searches_axis = plt.subplots(figsize=(max(6.0, 0.35 * len(days) + 2), 4), dpi=100)
    try:
        searches_axis.bar(labels, [d["searches"] for d in days], color="#4c78a8", label="searches")
        searches_axis.set_ylabel("searches")
        searches_axis.set_title(title)
        share_axis = searches_axis.twinx()
        share_axis.plot(labels, [d["no_result_share"] for d in days], color="#e45756", marker="o", label="no results")
        share_axis.set_ylabel("share without results")
        share_axis.set_ylim(0, 1)
        share_axis.yaxis.set_major_formatter(PercentFormatter(1.0))
        searches_axis.tick_params(axis="x", labelrotation=60, labelsize=8)
        handles = searches_axis.get_legend_handles_labels()[0] + share_axis.get_legend_handles_labels()[0]
        searches_axis.legend(handles, ["searches", "share without results"], loc="upper left", fontsize=8)
        fig.tight_layout()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
    return path
