"""What someone trying the demo sees: themes across sources, the hotspot of the last complete
month (and of this month so far) with the comments behind it, personal data redacted for ward
staff and not for PALS, a realistic equality breakdown, and urgent comments first."""

import datetime as dt

from sqlmodel import select

from services.common.clock import Clock
from services.feedback_api import demo, demo_comments
from services.feedback_api.cases.demo import load_demo_cases
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.labels import service as labels
from tests.support.pages import check_page, sign_in, text

KEPT_INFORMED = "Being kept informed, clarity & consistency of information"


def page_at(portal, path: str, **params):
    response = portal.get(path, params=params)
    assert response.status_code == 200, response.text
    return check_page(response.text)


def test_the_demo_shows_sources_a_hotspot_redaction_equality_and_urgent_comments(
    portal, feedback_session
) -> None:
    clock = Clock()  # the services' own clock in these tests: today's date
    demo.load_feedback(feedback_session, clock)
    load_demo_cases(feedback_session, clock)
    labels.reanalyse(feedback_session)
    today = clock.today()
    last_month = today.replace(day=1) - dt.timedelta(days=1)

    sign_in(portal, "pem")
    themes = page_at(portal, "/insight/themes")
    sources: dict[str, set[str]] = {}
    for row in themes.select("table tbody tr"):
        if row.th is not None and row.td is not None:
            sources.setdefault(row.th.get_text(strip=True), set()).add(row.td.get_text(strip=True))
    everywhere = {theme for theme, groups in sources.items() if len(groups) >= 4}
    assert len(everywhere) >= 3, sources
    assert {
        "Friends and Family Test",
        "Complaint",
        "PALS enquiry",
        "National survey",
    } <= set().union(*sources.values())

    # The last complete month by default, and this month so far when it is chosen.
    for params, heading in (
        ({}, f"Hotspots in {last_month:%B %Y}"),
        ({"month": f"{today:%Y-%m}"}, f"Hotspots in {today:%B %Y} so far"),
    ):
        hotspots = page_at(portal, "/insight/hotspots", **params)
        assert hotspots.h1.get_text(strip=True) == heading
        headings = [h.get_text(strip=True) for h in hotspots.select("h2")]
        assert f"{KEPT_INFORMED}: Ward 4 (Haemato-oncology)" in headings
        assert "not kept informed" in text(hotspots.select_one("main"))
    shown = text(page_at(portal, "/insight/hotspots").select_one("main"))
    assert f"Showing {last_month:%B %Y}, the last complete month" in shown
    assert "c-chart" in shown and "PALS enquiry" in shown

    equality = text(page_at(portal, "/insight/equality").select_one("main"))
    assert "fewer than 5" in equality

    urgent = text(page_at(portal, "/staff/feedback", critical="true").select_one("#results"))
    for placed in demo_comments.URGENT:
        assert placed.comment[:60] in urgent

    placed = demo_comments.PERSONAL[0]
    record = feedback_session.exec(select(Feedback).where(Feedback.comment == placed.comment)).one()
    sign_in(portal, "staff", signed_out_first=True)  # ward staff for Radiotherapy - Liverpool
    seen = text(page_at(portal, f"/staff/feedback/{record.id}").select_one("main"))
    assert "[PHONE]" in seen and "[NHS NUMBER]" in seen
    assert "07700 900461" not in seen and "999 000 0042" not in seen
    assert "invented demo feedback" in seen
    sign_in(portal, "pals", signed_out_first=True)
    seen = text(page_at(portal, f"/staff/feedback/{record.id}").select_one("main"))
    assert "07700 900461" in seen and "999 000 0042" in seen
