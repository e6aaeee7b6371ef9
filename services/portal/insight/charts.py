"""Charts drawn on the server with Altair and rendered to SVG by vl-convert (no JavaScript).

Every chart is an image with an accessible name and description (``role="img"``, ``<title>``
and ``<desc>`` referenced by ``aria-labelledby``); the page shows the same figures in a table
beside it, which is what screen reader users and printouts rely on.
"""

from __future__ import annotations

import re
from html import escape

import altair as alt
import vl_convert as vlc
from markupsafe import Markup

FONT = "Arial, sans-serif"
NHS_BLUE, NHS_DARK_GREY, NHS_RED, NHS_GREEN, NHS_GREY = (
    "#005eb8",
    "#425563",
    "#d5281b",
    "#007f3b",
    "#768692",
)
SENTIMENT_COLOURS = {"positive": NHS_GREEN, "neutral": NHS_GREY, "negative": NHS_RED}

_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")


def _config(chart: alt.Chart, *, title: str, description: str, width: int) -> dict:
    return (
        chart.properties(title=title, description=description, width=width)
        .configure(font=FONT)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelLimit=260)
        .configure_legend(labelFontSize=12, titleFontSize=12, orient="bottom")
        .configure_title(fontSize=14, anchor="start")
        .configure_view(stroke=None)
        .to_dict()
    )


def to_svg(spec: dict, *, chart_id: str, title: str, description: str) -> Markup:
    """The chart as inline SVG with an accessible name and description."""
    svg = vlc.vegalite_to_svg(spec)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"

    def opening(match: re.Match) -> str:
        attributes = re.sub(r'\s(role|aria-[a-z]+)="[^"]*"', "", match.group(1))
        # Scale with the page (the viewBox keeps the proportions), so it reflows on small screens.
        attributes = re.sub(r'\s(width|height)="[^"]*"', "", attributes) + ' width="100%"'
        return (
            f'<svg{attributes} id="{escape(chart_id)}" role="img" '
            f'aria-labelledby="{title_id} {desc_id}" focusable="false">'
            f'<title id="{title_id}">{escape(title)}</title>'
            f'<desc id="{desc_id}">{escape(description)}</desc>'
        )

    svg = _SVG_OPEN.sub(opening, svg, count=1)
    # Inner marks carry Vega's own ARIA roles; inside an image they would be noise.
    head, _, body = svg.partition("</desc>")
    body = re.sub(r'\s(role|aria-roledescription|aria-label)="[^"]*"', "", body)
    return Markup(head + "</desc>" + body)  # noqa: S704 (built from escaped parts and vl-convert)


def _categories(category: str, order: list[str] | None, width: int) -> alt.X:
    """The category axis: in the order given (every category kept, even one without data), with
    labels level when they fit and slanted when there are many, such as twelve months."""
    if order is None:
        return alt.X(f"{category}:O", title=None)
    longest = max((len(label) for label in order), default=0)
    fits = width / max(len(order), 1) >= longest * 7 + 8  # about 7 pixels a character
    return alt.X(
        f"{category}:O",
        title=None,
        sort=order,
        scale=alt.Scale(domain=order),
        axis=alt.Axis(labelAngle=0) if fits else alt.Axis(labelAngle=-45, labelAlign="right"),
    )


def stacked_bars(
    rows: list[dict],
    *,
    chart_id: str,
    title: str,
    description: str,
    category: str,
    value: str,
    stack: str,
    value_title: str,
    horizontal: bool = False,
    colours: dict[str, str] | None = None,
    order: list[str] | None = None,
    width: int = 560,
) -> Markup:
    colour = alt.Color(f"{stack}:N", title=None)
    if colours:
        colour = alt.Color(
            f"{stack}:N",
            title=None,
            scale=alt.Scale(domain=list(colours), range=list(colours.values())),
        )
    category_channel = _categories(category, order, width)
    value_channel = alt.Y(f"sum({value}):Q", title=value_title)
    if horizontal:
        category_channel = alt.Y(f"{category}:N", title=None, sort="-x")
        value_channel = alt.X(f"sum({value}):Q", title=value_title)
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(category_channel, value_channel, color=colour)
    )
    spec = _config(chart, title=title, description=description, width=width)
    return to_svg(spec, chart_id=chart_id, title=title, description=description)


def bars(
    rows: list[dict],
    *,
    chart_id: str,
    title: str,
    description: str,
    category: str,
    value: str,
    value_title: str,
    rule: float | None = None,
    rule_label: str = "",
    order: list[str] | None = None,
    width: int = 420,
) -> Markup:
    base = alt.Chart(alt.Data(values=rows))
    x = alt.X(f"{category}:O", title=None, sort=None)
    if order is not None:
        x = _categories(category, order, width)
    chart = base.mark_bar(color=NHS_BLUE).encode(
        x=x,
        y=alt.Y(f"{value}:Q", title=value_title),
    )
    if rule is not None:
        line = (
            alt.Chart(alt.Data(values=[{"limit": rule, "label": rule_label}]))
            .mark_rule(color=NHS_RED, strokeDash=[6, 3], strokeWidth=2)
            .encode(y="limit:Q")
        )
        chart = alt.layer(chart, line)
    spec = _config(chart, title=title, description=description, width=width)
    return to_svg(spec, chart_id=chart_id, title=title, description=description)


def grouped_bars(
    rows: list[dict],
    *,
    chart_id: str,
    title: str,
    description: str,
    category: str,
    value: str,
    group: str,
    value_title: str,
    percent: bool = False,
    colours: dict[str, str] | None = None,
    order: list[str] | None = None,
    width: int = 560,
) -> Markup:
    """Bars side by side per category (e.g. positive and negative per month)."""
    colour = alt.Color(f"{group}:N", title=None)
    if colours:
        colour = alt.Color(
            f"{group}:N",
            title=None,
            scale=alt.Scale(domain=list(colours), range=list(colours.values())),
        )
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=_categories(category, order, width),
            xOffset=alt.XOffset(f"{group}:N"),
            y=alt.Y(
                f"{value}:Q",
                title=value_title,
                axis=alt.Axis(format=".0%") if percent else alt.Axis(),
                scale=alt.Scale(domain=[0, 1]) if percent else alt.Scale(zero=True),
            ),
            color=colour,
        )
    )
    spec = _config(chart, title=title, description=description, width=width)
    return to_svg(spec, chart_id=chart_id, title=title, description=description)
