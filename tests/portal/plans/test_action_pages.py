"""The matron's action pages: her actions sorted by due date, progress updates in place (plain
form and HTMX), the permission page for another directorate's action, and the senior leaders'
escalation list."""

import uuid

import pytest
from sqlmodel import select

from services.common.roles import Role
from services.portal.accounts.models import User
from tests.support.pages import check_page, csrf, error_summary, sign_in, text

PEM = Role.patient_experience_manager


@pytest.fixture
def plan(actions_api, mint):
    pem = mint("actions", PEM, sub="pem-pages")
    marker = uuid.uuid4().hex[:8]
    sid = actions_api.post(
        "/v1/strategies", json={"title": f"Ward plan {marker}"}, headers=pem
    ).json()["id"]

    def add(reference, **fields):
        body = {
            "reference": reference,
            "title": f"{reference} {marker}",
            "due": "2019/20",
            **fields,
        }
        response = actions_api.post(f"/v1/strategies/{sid}/actions", json=body, headers=pem)
        assert response.status_code == 201, response.text
        return response.json()

    return marker, add


def test_a_matron_sees_her_actions_due_first_first_and_updates_one_without_javascript(
    portal, plan
) -> None:
    marker, add = plan
    later = add("H2", directorates=["HAEM"], due="2030 - 2031")
    sooner = add("H1", directorates=["HAEM"], due="Q1 2019/20")
    add("R1", directorates=["RADIO"])
    sign_in(portal, "matron@demo.heard.example")

    page = check_page(portal.get("/staff/actions", params={"q": marker}).text)
    assert page.h1.get_text(strip=True) == "Your actions"
    rows = [text(r) for r in page.select("#results tbody tr")]
    assert [r.split(":")[0].strip() for r in rows] == ["H1", "H2"]  # R1 is another directorate's
    assert "Overdue" in rows[0]

    path = f"/staff/actions/{sooner['id']}"
    response = portal.post(
        f"{path}/progress",
        data={
            "csrf_token": csrf(portal, path),
            "note": f"Boards ordered {marker}",
            "status": "at_risk",
            "percent_complete": "30",
        },
    )
    assert response.status_code == 303
    detail = check_page(portal.get(response.headers["location"]).text)
    assert "Your update has been saved" in text(detail)
    assert f"Boards ordered {marker}" in text(detail)
    assert "At risk" in text(detail) and "30% complete" in text(detail)
    assert later["id"]


def test_htmx_gets_only_the_progress_panel(portal, plan) -> None:
    _, add = plan
    action = add("H3", directorates=["HAEM"])
    sign_in(portal, "matron@demo.heard.example")
    path = f"/staff/actions/{action['id']}"
    response = portal.post(
        f"{path}/progress",
        data={"csrf_token": csrf(portal, path), "note": "Done in place"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="progress-panel">')
    assert "Done in place" in response.text and "<html" not in response.text


def test_bad_answers_are_named_and_kept(portal, plan) -> None:
    _, add = plan
    action = add("H4", directorates=["HAEM"])
    sign_in(portal, "matron@demo.heard.example")
    path = f"/staff/actions/{action['id']}"
    response = portal.post(
        f"{path}/progress",
        data={"csrf_token": csrf(portal, path), "note": "Half way", "percent_complete": "150"},
    )
    assert response.status_code == 422
    page = check_page(response.text)
    assert error_summary(page) == ["Enter percent complete as a whole number from 0 to 100"]
    assert page.select_one("#note").get_text() == "Half way"


def test_a_matron_gets_the_permission_page_for_another_directorates_action(portal, plan) -> None:
    _, add = plan
    action = add("R2", directorates=["RADIO"])
    sign_in(portal, "matron@demo.heard.example")
    path = f"/staff/actions/{action['id']}"
    page = check_page(portal.get(path).text)
    assert page.select_one("form[action$='/progress']") is None
    token = csrf(portal, "/staff/you-said-we-did")
    response = portal.post(f"{path}/progress", data={"csrf_token": token, "note": "x"})
    assert response.status_code == 403
    assert "You do not have permission" in text(check_page(response.text))


def test_the_action_lead_may_update_it_wherever_it_is(portal, portal_session, plan) -> None:
    _, add = plan
    helen = portal_session.exec(select(User).where(User.email == "matron@demo.heard.example")).one()
    action = add("R3", directorates=["RADIO"], lead_user_id=str(helen.id), lead_name=helen.name)
    sign_in(portal, "matron@demo.heard.example")
    path = f"/staff/actions/{action['id']}"
    response = portal.post(
        f"{path}/progress", data={"csrf_token": csrf(portal, path), "note": "Mine"}
    )
    assert response.status_code == 303


def test_a_manager_sees_every_plan_with_filters_and_the_escalation_list(portal, plan) -> None:
    marker, add = plan
    add("H5", directorates=["HAEM"], due="Q4 2018/19")
    add("R5", directorates=["RADIO"], due="2030")
    sign_in(portal, "pem@demo.heard.example")
    page = check_page(portal.get("/staff/actions", params={"q": marker}).text)
    assert page.h1.get_text(strip=True) == "Action plans"
    assert {"H5", "R5"} <= {text(r).split(":")[0].strip() for r in page.select("#results tbody tr")}
    filtered = check_page(portal.get("/staff/actions", params={"q": marker, "overdue": "yes"}).text)
    assert [text(r).split(":")[0].strip() for r in filtered.select("#results tbody tr")] == ["H5"]
    escalations = check_page(portal.get("/staff/actions/escalations").text)
    assert f"H5 {marker}" in text(escalations)


def test_a_matron_may_not_open_the_escalation_list(portal) -> None:
    sign_in(portal, "matron@demo.heard.example")
    assert portal.get("/staff/actions/escalations").status_code == 403


def test_the_pages_say_so_when_actions_api_is_down(portal, apps) -> None:
    from services.portal.clients import ActionsApiClient

    app = apps["portal"]
    down = ActionsApiClient("http://127.0.0.1:9", app.state.token_issuer, retries=0)
    sign_in(portal, "matron@demo.heard.example")
    real = app.state.actions_client
    app.state.actions_client = down
    try:
        response = portal.get("/staff/actions")
        public = portal.get("/you-said-we-did")
        noticeboard = portal.get("/noticeboard", params={"ward": "L4"})
    finally:
        app.state.actions_client = real
    assert response.status_code == 503
    assert "not available at the moment" in text(check_page(response.text))
    assert public.status_code == 503
    # The ward TV keeps refreshing until actions_api is back.
    assert noticeboard.status_code == 503
    assert check_page(noticeboard.text).select_one("meta[http-equiv=refresh]")


def test_a_matron_attaches_evidence_and_anyone_on_staff_can_download_it(portal, plan) -> None:
    _, add = plan
    action = add("H6", directorates=["HAEM"])
    sign_in(portal, "matron@demo.heard.example")
    path = f"/staff/actions/{action['id']}"
    pdf = b"%PDF-1.4\n% signage order\n"
    response = portal.post(
        f"{path}/progress",
        data={"csrf_token": csrf(portal, path), "note": "Order attached"},
        files={"file": ("order.pdf", pdf, "application/pdf")},
    )
    assert response.status_code == 303, response.text
    page = check_page(portal.get(path).text)
    link = page.select_one("a[download]")
    assert link.get_text(strip=True) == "order.pdf"
    download = portal.get(link["href"])
    assert download.content == pdf and download.headers["content-type"] == "application/pdf"

    refused = portal.post(
        f"{path}/progress",
        data={"csrf_token": csrf(portal, path), "note": "Not a PDF"},
        files={"file": ("order.pdf", b"MZ\x90\x00 an executable", "application/pdf")},
    )
    assert refused.status_code == 422
    assert "PDF, PNG, JPEG" in " ".join(error_summary(check_page(refused.text)))


def test_a_manager_downloads_a_plan_and_loads_it_back_with_rejected_rows_listed(
    portal, actions_api, mint
) -> None:
    pem = mint("actions", PEM, sub="pem-sheet-pages")
    title = f"Sheet plan {uuid.uuid4().hex[:6]}"
    sid = actions_api.post("/v1/strategies", json={"title": title}, headers=pem).json()["id"]
    actions_api.post(
        f"/v1/strategies/{sid}/actions",
        json={"reference": "S1", "title": "Signs", "due": "March 19"},
        headers=pem,
    )
    sign_in(portal, "pem@demo.heard.example")
    page = check_page(portal.get("/staff/actions/plans").text)
    csv_link = page.select_one(f"a[href='/staff/actions/plans/{sid}/export?format=csv']")
    exported = portal.get(csv_link["href"])
    assert exported.status_code == 200 and b"S1" in exported.content

    token = page.select_one("input[name=csrf_token]")["value"]
    good = exported.content.replace(b"Signs", b"Clear signs on every ward")
    response = portal.post(
        f"/staff/actions/plans/{sid}/import",
        data={"csrf_token": token},
        files={"file": ("plan.csv", good, "text/csv")},
    )
    assert response.status_code == 303
    bad = exported.content.replace(b"March 19", b"next spring")
    response = portal.post(
        f"/staff/actions/plans/{sid}/import",
        data={"csrf_token": token},
        files={"file": ("plan.csv", bad, "text/csv")},
    )
    assert response.status_code == 422
    page = check_page(response.text)
    assert error_summary(page) == ["1 row was rejected: nothing was imported"]
    assert "next spring" in text(page.select_one("table"))
    assert text(page.select_one("table tbody tr")).startswith("2 ")


def test_a_matron_may_update_an_action_on_a_ward_in_her_directorate(portal, plan) -> None:
    _, add = plan
    action = add("W4", wards=["L4"])  # Ward 4 is in Haemato-oncology, Helen Price's directorate
    sign_in(portal, "matron@demo.heard.example")
    path = f"/staff/actions/{action['id']}"
    assert check_page(portal.get(path).text).select_one("form[action$='/progress']") is not None


def test_htmx_filtering_gets_only_the_results(portal, plan) -> None:
    marker, add = plan
    add("H7", directorates=["HAEM"])
    sign_in(portal, "matron@demo.heard.example")
    response = portal.get("/staff/actions", params={"q": marker}, headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<div id="results">')
    assert "H7" in response.text and "<html" not in response.text


def test_board_readers_compare_two_quarters(portal, plan, actions_session) -> None:
    import datetime as dt

    from services.actions_api.plans import service
    from services.common.clock import Clock

    marker, add = plan
    action = add("Q1", directorates=["HAEM"])
    # Far-future quarter ends, so no other test's snapshots are the latest two.
    service.take_snapshot(actions_session, dt.date(2099, 6, 30), Clock(dt.date(2099, 7, 1)), 30)
    from sqlmodel import select

    from services.actions_api.plans.models import Action

    mine = select(Action).where(Action.reference == "Q1", Action.title == f"Q1 {marker}")
    row = actions_session.exec(mine).one()
    row.status, row.percent_complete = "complete", 100
    actions_session.add(row)
    actions_session.flush()
    service.take_snapshot(actions_session, dt.date(2099, 9, 30), Clock(dt.date(2099, 10, 1)), 30)

    sign_in(portal, "board@demo.heard.example")
    page = check_page(portal.get("/staff/actions/quarters").text)
    assert "Q1 2099/00 to Q2 2099/00" in text(page)
    change = next(r for r in page.select("table tbody tr") if f"Q1 {marker}" in text(r))
    assert "Not started, 0%" in text(change) and "Complete, 100%" in text(change)
    assert action["id"]


def test_seed_plans_measures_and_always_events_are_shown(portal, actions_session) -> None:
    import datetime as dt

    from services.actions_api.plans import demo
    from services.common.clock import Clock

    strategy = demo.load_seed_000(actions_session, Clock(dt.date(2019, 6, 30)))
    if strategy is None:  # already loaded in this database
        from sqlmodel import select

        from services.actions_api.plans.models import Strategy

        strategy = actions_session.exec(
            select(Strategy).where(Strategy.title == demo.SEED_000)
        ).one()
    actions_session.flush()
    sign_in(portal, "matron@demo.heard.example")
    page = check_page(portal.get(f"/staff/actions/plans/{strategy.id}/measures").text)
    content = text(page)
    assert "Always Events" in content
    assert (
        "We will work with our patients to develop a vision for our Trust Always Events" in content
    )
    assert "Pledge 3, defined with patients" in content
