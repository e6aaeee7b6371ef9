"""The insight dashboards and the labels section of a feedback record, in the portal."""

import datetime as dt
import uuid

from services.common.roles import Role
from services.feedback_api.feedback.models import Feedback
from services.portal.demo import DEMO_PASSWORD
from tests.support.pages import check_page, error_summary, text


def sign_in(portal, who: str) -> None:
    page = check_page(portal.get("/sign-in").text)
    token = page.select_one("input[name=csrf_token]")["value"]
    response = portal.post(
        "/sign-in",
        data={
            "csrf_token": token,
            "email": f"{who}@demo.heard.example",
            "password": DEMO_PASSWORD,
            "next": "/insight",
        },
    )
    assert response.status_code == 303


def add_fft(session, ward: str, answers: dict[int, int], month: dt.date) -> None:
    at = dt.datetime(month.year, month.month, 12, tzinfo=dt.UTC)
    for answer, n in answers.items():
        session.add_all(
            Feedback(
                channel="fft",
                fft_answer=answer,
                ward_code=ward,
                site_code="REN01",
                received_at=at,
                comment="The staff were kind" if answer < 3 else "Waited hours, nobody came",
                created_by="test",
            )
            for _ in range(n)
        )
    session.flush()


def test_the_fft_dashboard_shows_a_chart_with_a_table_and_suppression_marks(
    portal, feedback_session
) -> None:
    add_fft(feedback_session, "RT-W", {1: 3}, dt.date(2019, 6, 1))
    add_fft(feedback_session, "PBT", {1: 6, 2: 4}, dt.date(2019, 6, 1))
    add_fft(feedback_session, "CDU-W", {1: 12, 4: 8}, dt.date(2019, 6, 1))
    sign_in(portal, "board")
    response = portal.get("/insight/fft", params={"start": "2019-06", "end": "2019-06"})
    assert response.status_code == 200
    page = check_page(response.text)
    assert page.h1.get_text(strip=True) == "Friends and Family Test by ward and month"
    svg = page.select_one("figure svg")
    assert svg["role"] == "img"
    title = svg.find("title").get_text()
    assert "FFT percentage positive and negative" in title
    assert svg["aria-labelledby"].split()[0] == svg.find("title")["id"]
    assert svg.find("desc").get_text()
    tables = page.select("table")
    assert tables and tables[0].caption
    rows = {r.th.get_text(strip=True): r for r in page.select("table")[1].select("tbody tr")}
    small = [c.get_text(strip=True) for c in rows["Radiotherapy - Wirral"].select("td")]
    assert small[:2] == ["2019-06", "3"] and small[2:8] == ["*"] * 6
    second = [c.get_text(strip=True) for c in rows["Proton Beam Therapy"].select("td")]
    assert second[2:8] == ["*"] * 6 and second[8] == "100%"  # counts hidden, percentage kept
    large = [c.get_text(strip=True) for c in rows["Chemotherapy Day Unit - Wirral"].select("td")]
    assert large[2] == "12" and large[8] == "60%" and large[9] == "40%"
    assert "Insight" in text(page.select_one("header"))


def test_every_insight_page_passes_the_page_checks(portal) -> None:
    sign_in(portal, "pem")
    for path in (
        "/insight",
        "/insight/fft",
        "/insight/themes",
        "/insight/sentiment",
        "/insight/hotspots",
        "/insight/equality",
    ):
        response = portal.get(path)
        assert response.status_code == 200, path
        page = check_page(response.text)
        for figure in page.select("figure.heard-chart"):
            svg = figure.select_one("svg[role=img]")
            assert svg.find("title").get_text(strip=True)
            assert figure.find_next_sibling("table") is not None


def test_the_sentiment_chart_has_an_accessible_name_and_a_table(portal, feedback_session) -> None:
    add_fft(feedback_session, "PBT", {1: 3, 5: 2}, dt.date(2019, 8, 1))
    sign_in(portal, "pem")
    page = check_page(
        portal.get("/insight/sentiment", params={"start": "2019-07", "end": "2019-09"}).text
    )
    svg = page.select_one("figure svg[role=img]")
    assert svg.find("title").get_text() == "Comments by sentiment per month"
    months = [r.th.get_text(strip=True) for r in page.select("table tbody tr")]
    assert months == ["2019-07", "2019-08", "2019-09"]
    august = [c.get_text(strip=True) for c in page.select("table tbody tr")[1].select("td")]
    assert august[-1] == "5"


def test_a_bad_filter_is_explained_and_the_answer_kept(portal) -> None:
    sign_in(portal, "pem")
    response = portal.get("/insight/fft", params={"start": "2019-13", "end": "2019-01"})
    assert response.status_code == 422
    page = check_page(response.text)
    assert error_summary(page) == ["Enter a month as year and month, for example 2026-04"]
    assert page.select_one("input#start")["value"] == "2019-13"
    assert page.title.get_text().startswith("Error: ")


def test_insight_is_not_for_patient_representatives(portal) -> None:
    sign_in(portal, "rep")
    assert portal.get("/insight/fft").status_code == 403


def test_staff_correct_labels_on_the_feedback_page_without_javascript(
    portal, feedback_api, mint
) -> None:
    comment = f"The food was cold and the ward was dirty {uuid.uuid4()}"
    created = feedback_api.post(
        "/v1/feedback",
        json={"channel": "fft", "fft_answer": 5, "ward_code": "L4", "comment": comment},
        headers=mint(),
    )
    feedback_id = created.json()["id"]
    sign_in(portal, "pem")
    page = check_page(portal.get(f"/staff/feedback/{feedback_id}").text)
    section = page.select_one("#labels")
    assert "Themes and sentiment" in text(section)
    assert "Negative" in text(section)
    form = section.select_one("form")
    assert form["action"] == f"/staff/feedback/{feedback_id}/labels"
    checked = [i["value"] for i in form.select("input[name=themes][checked]")]
    data = {
        "csrf_token": form.select_one("input[name=csrf_token]")["value"],
        "themes": [*checked, "Parking"],
        "sentiment": "neutral",
        "critical": "true",
    }
    response = portal.post(form["action"], data=data)
    assert response.status_code == 303
    after = check_page(portal.get(response.headers["location"]).text)
    section = after.select_one("#labels")
    assert "Your correction has been saved" in text(section)
    assert "Parking" in text(section) and "Neutral or mixed" in text(section)
    # Each corrected value names the person who set it, never an internal account id.
    assert "Parking (set by Priya Shah," in text(section)
    assert "Neutral or mixed (set by Priya Shah," in text(section)
    assert "Critical: needs urgent attention (set by Priya Shah," in text(section)
    assert "portal:" not in text(section)


def test_htmx_gets_only_the_labels_section(portal, feedback_api, mint) -> None:
    created = feedback_api.post(
        "/v1/feedback",
        json={"channel": "fft", "fft_answer": 1, "ward_code": "L4", "comment": "Kind nurses"},
        headers=mint(),
    )
    sign_in(portal, "pem")
    response = portal.get(
        f"/staff/feedback/{created.json()['id']}/labels", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith("<section") and "<html" not in response.text


def test_ward_staff_see_labels_but_cannot_correct_them(portal, feedback_api, mint) -> None:
    created = feedback_api.post(
        "/v1/feedback",
        json={"channel": "fft", "fft_answer": 1, "ward_code": "RT-L", "comment": "Lovely team"},
        headers=mint(),
    )
    sign_in(portal, "staff")
    page = check_page(portal.get(f"/staff/feedback/{created.json()['id']}").text)
    assert "Themes and sentiment" in text(page.select_one("#labels"))
    assert page.select_one("#labels form") is None


def test_a_manager_downloads_the_corrections_for_retraining_redacted(portal, feedback_api, mint):
    marker = uuid.uuid4().hex.translate(str.maketrans("0123456789", "ghijklmnop"))
    created = feedback_api.post(
        "/v1/feedback",
        json={
            "channel": "fft",
            "fft_answer": 5,
            "ward_code": "L4",
            "comment": f"Ring me on 07700 900123 about the parking {marker}",
        },
        headers=mint(),
    )
    feedback_api.patch(
        f"/v1/labels/feedback/{created.json()['id']}",
        json={"add_themes": ["Parking"]},
        headers=mint("feedback", Role.patient_experience_manager),
    )
    sign_in(portal, "pem")
    home = check_page(portal.get("/insight").text)
    link = home.select_one("a[href='/insight/corrections.csv']")
    assert link is not None and "Download the corrections" in link.get_text()
    response = portal.get(link["href"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.text.splitlines()[0] == "comment,themes,sentiment,critical"
    assert f"Ring me on [PHONE] about the parking {marker}" in response.text
    assert "07700" not in response.text


def test_only_the_patient_experience_manager_downloads_corrections(portal) -> None:
    sign_in(portal, "board")
    assert "corrections.csv" not in portal.get("/insight").text
    assert portal.get("/insight/corrections.csv").status_code == 403
