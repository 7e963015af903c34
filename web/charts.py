"""Charts drawn on the server as SVG with pygal: they need no script and no network, print with
the page, and carry Bangla labels and digits. Each chart is shown next to a table with the same
figures, for screen readers and for anyone who wants the numbers.

pygal is kept up (3.1, 2026), renders plain SVG in Python, and with `js=[]` links nothing from a
CDN; a JavaScript library would need vendoring and would draw nothing without scripts.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

import pygal
from markupsafe import Markup
from pygal.style import Style

from web.i18n import localized_digits

FONT = "'Noto Sans Bengali', 'Noto Sans', sans-serif"
STYLE = Style(
    font_family=FONT,
    label_font_family=FONT,
    major_label_font_family=FONT,
    legend_font_family=FONT,
    title_font_family=FONT,
    value_font_family=FONT,
    background="transparent",
    plot_background="transparent",
    colors=("#2d5fa8", "#006a4e", "#b3261e", "#8a6d00", "#6b4fa0"),  # received, in time, late
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=12,
)


def _config(title: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": title,
        "style": STYLE,
        "js": [],  # nothing fetched from anywhere
        "disable_xml_declaration": True,
        "width": 760,
        "height": 360,
        "legend_at_bottom": True,
        "print_values": False,
        "value_formatter": localized_digits,
        "margin": 12,
        **extra,
    }


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S)
_CHART_ID = re.compile(r"#chart-[0-9a-f-]+")


def _ticks(values: list[int]) -> list[int]:
    """Whole numbers on the value axis: these are counts of cases."""
    top = max([*values, 1])
    step = max(1, math.ceil(top / 5))
    return list(range(0, top + step, step))


def _svg(chart: Any, label: str) -> Markup:
    # pygal writes its settings into an inline script for its tooltips; the page allows no
    # inline script and needs no tooltips, so it goes.
    # Its stylesheet goes too: the page's policy allows no inline style, so the same rules are
    # served from this site as a stylesheet of their own (`chart_css`).
    svg = _STYLE.sub("", _SCRIPT.sub("", chart.render(is_unicode=True)))
    # The table beside it carries the figures; the picture gets a name and nothing more.
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(label)}" ', 1)
    return Markup(svg)  # noqa: S704 - pygal escapes every label it writes


def bars(title: str, labels: list[str], series: list[tuple[str, list[int]]]) -> Markup:
    ticks = _ticks([v for _name, values in series for v in values])
    chart = pygal.Bar(**_config(title, x_label_rotation=0, y_labels=ticks))
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    return _svg(chart, title)


def horizontal(title: str, labels: list[str], name: str, values: list[int]) -> Markup:
    chart = pygal.HorizontalBar(**_config(title, show_legend=False, y_labels=_ticks(values)))
    chart.x_labels = labels
    chart.add(name, values)
    return _svg(chart, title)


@cache
def chart_css() -> str:
    """pygal's rules for the charts' look, scoped to every chart instead of one chart's id."""
    rules = []
    for kind in (pygal.Bar, pygal.HorizontalBar):
        chart = kind(**_config("", value_formatter=str))
        for n in range(len(STYLE.colors)):  # one series per colour, so every colour's rule
            chart.add(str(n), [1])
        for sheet in _STYLE.findall(chart.render(is_unicode=True)):
            rules.append(_CHART_ID.sub(".pygal-chart", sheet).replace("&gt;", ">"))
    return "\n".join(rules)
