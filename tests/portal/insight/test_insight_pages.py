"""The insight dashboards and the labels section of a feedback record, in the portal."""

import datetime as dt
import uuid

from services.common.roles import Role
from services.feedback_api.feedback.models import Feedback
from tests.support.pages import check_page, error_summary, sign_in, text
from tests.support.suppression import GROUP_OF_3, add_people, possible_values
from tests.support.themes import label, post_spike, staff_member


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


def cells(row) -> list[str]:
    return [c.get_text(" ", strip=True) for c in row.select("td")]


def test_the_fft_dashboard_shows_a_chart_with_a_table_and_suppression_marks(
    portal, feedback_session
) -> None:
    add_fft(feedback_session, "RT-W", {1: 3}, dt.date(2019, 6, 1))
    add_fft(feedback_session, "PBT", {1: 6, 2: 4}, dt.date(2019, 6, 1))
    add_fft(feedback_session, "CDU-W", {1: 12, 4: 8}, dt.date(2019, 6, 1))
    sign_in(portal, "board")
    response = portal.get("/insight/fft", params={"start": "2019-05", "end": "2019-07"})
    assert response.status_code == 200
    page = check_page(response.text)
    assert page.h1.get_text(strip=True) == "Friends and Family Test by ward and month"
    svg = page.select_one("figure svg[role=img]")
    assert "FFT percentage positive and negative" in svg.find("title").get_text()
    assert svg["aria-labelledby"].split()[0] == svg.find("title")["id"]
    assert "May 2019 to July 2019" in svg.find("desc").get_text()
    assert "June 2019" in svg.get_text()  # the chart's axis names months as people do
    trust = page.select("table")[0]
    assert trust.caption.get_text(strip=True).startswith("The Clatterbridge Cancer Centre")
    months = {r.th.get_text(strip=True): cells(r) for r in trust.select("tbody tr")}
    assert list(months) == ["May 2019", "June 2019", "July 2019"]
    assert months["June 2019"][:3] == ["33", "21", "4"] and months["June 2019"][-2:] == [
        "76%",
        "24%",
    ]
    assert months["May 2019"][0] == "0" and months["May 2019"][-1] == "–"
    assert "Insight" in text(page.select_one("header"))


def test_the_ward_table_is_a_ward_by_month_matrix_without_empty_wards(
    portal, feedback_session
) -> None:
    add_fft(feedback_session, "RT-W", {1: 3}, dt.date(2019, 6, 1))
    add_fft(feedback_session, "PBT", {1: 6, 2: 4}, dt.date(2019, 6, 1))
    add_fft(feedback_session, "CDU-W", {1: 12, 4: 8}, dt.date(2019, 6, 1))
    add_fft(feedback_session, "CDU-W", {1: 1}, dt.date(2019, 7, 1))
    sign_in(portal, "board")
    page = check_page(
        portal.get("/insight/fft", params={"start": "2019-05", "end": "2019-07"}).text
    )
    matrix = page.select_one("table.heard-matrix")
    headers = [th.get_text(strip=True) for th in matrix.select("thead th")]
    assert headers == ["Ward or service", "May 2019", "June 2019", "July 2019"]
    rows = {r.th.get_text(strip=True): cells(r) for r in matrix.select("tbody tr")}
    # One row per ward that had responses, not one per ward and month.
    assert list(rows) == [
        "Radiotherapy - Wirral",
        "Proton Beam Therapy",
        "Chemotherapy Day Unit - Wirral",
    ]
    assert rows["Radiotherapy - Wirral"] == ["– No responses", "* 3 responses", "– No responses"]
    assert rows["Proton Beam Therapy"][1] == "100% 10 responses"  # secondary: % stays
    assert rows["Chemotherapy Day Unit - Wirral"][1:] == ["60% 20 responses", "* 1 response"]
    quiet = text(page.select_one("#by-ward").find_next("p").find_next("p"))
    assert quiet.startswith("Not listed, because they had no responses in this period")
    assert "Ward 4 (Haemato-oncology)" in quiet and "Proton Beam Therapy" not in quiet
    star = matrix.select_one("tbody tr abbr")
    assert star.get_text() == "*" and "fewer than 5" in star["title"]

    # Each ward leads to its own months, with the counts NHS England publishes, marked.
    link = matrix.select_one("a:-soup-contains('Proton Beam Therapy')")["href"]
    detail = check_page(portal.get(link).text)
    table = detail.select("table")[0]
    assert table.caption.get_text(strip=True).startswith("Proton Beam Therapy")
    june = next(r for r in table.select("tbody tr") if r.th.get_text(strip=True) == "June 2019")
    assert cells(june)[0] == "10"
    assert cells(june)[1:7] == ["*"] * 6 and cells(june)[7] == "100%"
    assert "cannot be worked out" in june.select_one("abbr")["title"]
    small = check_page(portal.get(link.replace("ward_code=PBT", "ward_code=RT-W")).text).select(
        "table"
    )[0]
    june = next(r for r in small.select("tbody tr") if r.th.get_text(strip=True) == "June 2019")
    assert cells(june) == ["3", *["*"] * 8]
    assert "fewer than 5 responses" in june.select_one("abbr")["title"]


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
            beside = figure.find_next_sibling()
            assert beside.name == "table" or beside.select_one("table"), path


def test_the_equality_page_hides_a_group_of_3_so_subtraction_cannot_reveal_it(
    portal, feedback_session
) -> None:
    add_people(feedback_session, dt.datetime(2015, 7, 10, tzinfo=dt.UTC), GROUP_OF_3, age=None)
    sign_in(portal, "board")
    response = portal.get("/insight/equality", params={"start": "2015-07-01", "end": "2015-07-31"})
    assert response.status_code == 200
    page = check_page(response.text)
    intro = text(page.select_one("main p"))
    assert intro.startswith("From 1 July 2015 to 31 July 2015: 41 pieces of feedback")
    assert "of which 17 were complaints" in intro
    assert "cannot be worked out by subtracting" in text(page.select_one("main"))
    heading = page.find("h2", string="Sex")
    table = heading.find_next("table")
    rows = [(r.th.get_text(strip=True), cells(r)) for r in table.select("tbody tr")]
    assert dict(rows)["Male"] == ["fewer than 5", "fewer than 5"]
    assert dict(rows)["Prefer not to say"] == ["0", "0"]
    male = [label for label, _ in rows].index("Male")
    for index, total in ((0, 41), (1, 17)):
        published = [values[index] for _, values in rows]
        assert "hidden" in published
        assert len(possible_values(total, published, male)) > 1
    # The chart draws only the numbers the table shows.
    chart = heading.find_next("figure").select_one("svg")
    assert "Female" in chart.get_text() and "Male" not in chart.get_text().replace("Female", "")
    assert "Not asked" not in chart.get_text()


def test_the_sentiment_chart_has_an_accessible_name_and_a_table(portal, feedback_session) -> None:
    add_fft(feedback_session, "PBT", {1: 3, 5: 2}, dt.date(2019, 8, 1))
    sign_in(portal, "pem")
    page = check_page(
        portal.get("/insight/sentiment", params={"start": "2019-07", "end": "2019-09"}).text
    )
    svg = page.select_one("figure svg[role=img]")
    assert svg.find("title").get_text() == "Comments by sentiment per month"
    months = [r.th.get_text(strip=True) for r in page.select("table tbody tr")]
    assert months == ["July 2019", "August 2019", "September 2019"]
    assert "July 2019 to September 2019" in svg.find("desc").get_text()
    assert "August 2019" in svg.get_text()
    august = [c.get_text(strip=True) for c in page.select("table tbody tr")[1].select("td")]
    assert august[-1] == "5"


def test_the_hotspots_page_names_its_month_and_rule_and_hides_staff_names_from_the_board(
    portal, feedback_api, feedback_session, mint
) -> None:
    family = staff_member(feedback_api, mint)
    quiet = [
        Feedback(
            channel="fft",
            ward_code="L4",
            site_code="REN01",
            received_at=dt.datetime(2016, n, 10, tzinfo=dt.UTC),
            comment="Parking was fine",
            created_by="test",
        )
        for n in (1, 2, 3)
    ]
    feedback_session.add_all(quiet)
    feedback_session.flush()
    label(feedback_session, quiet, sentiment="positive")
    post_spike(
        feedback_api,
        feedback_session,
        mint,
        month=dt.date(2016, 4, 1),
        comment=f"Could not park anywhere, and {family} just shrugged",
    )

    sign_in(portal, "board")
    page = check_page(portal.get("/insight/hotspots", params={"month": "2016-04"}).text)
    assert page.h1.get_text(strip=True) == "Hotspots in April 2016"
    main = text(page.select_one("main"))
    assert "Showing April 2016 (1 to 30 April 2016)" in main
    assert "How a hotspot is decided" in main and "upper control limit of a c-chart" in main
    assert "Parking: Ward 4 (Haemato-oncology)" in [h.get_text(strip=True) for h in page("h2")]
    assert "[NAME] just shrugged" in main and family.lower() not in main.lower()
    assert "replaced with placeholders like [NAME]" in main

    sign_in(portal, "pals", signed_out_first=True)
    main = text(check_page(portal.get("/insight/hotspots?month=2016-04").text).select_one("main"))
    assert f"{family} just shrugged" in main and "[NAME]" not in main


def test_a_month_not_yet_started_is_refused_with_a_message(portal) -> None:
    sign_in(portal, "board")
    response = portal.get("/insight/hotspots", params={"month": "2999-01"})
    assert response.status_code == 422
    page = check_page(response.text)
    assert error_summary(page) == [
        "The month has not started yet: choose this month or an earlier one."
    ]
    assert page.select_one("input#month")["value"] == "2999-01"


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
