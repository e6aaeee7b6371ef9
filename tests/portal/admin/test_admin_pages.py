"""Administrators' pages: API keys, webhooks and CSV imports, through the real feedback_api."""

import uuid

from tests.support.pages import check_page, csrf, error_summary, sign_in, text


def test_an_administrator_creates_a_key_sees_it_once_and_revokes_it(portal, feedback_api):
    sign_in(portal, "admin")
    home = check_page(portal.get("/admin").text)
    assert "Admin" in [a.get_text(strip=True) for a in home.select("header nav a")]
    name = f"SMS vendor {uuid.uuid4().hex[:8]}"
    token = csrf(portal, "/admin/api-keys/new")
    created = portal.post(
        "/admin/api-keys",
        data={"csrf_token": token, "name": name, "channels": ["fft", "compliment"]},
    )
    assert created.status_code == 200
    assert created.headers["cache-control"] == "no-store"
    page = check_page(created.text)
    key = page.select_one("#api-key").get_text(strip=True)
    assert key.startswith("hk_") and "Copy the key now" in text(page)

    sent = feedback_api.post(
        "/v1/feedback",
        json={"channel": "fft", "fft_answer": 1, "ward_code": "L4"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert sent.status_code == 201

    listing = check_page(portal.get("/admin/api-keys").text)
    row = next(r for r in listing.select("tbody tr") if name in text(r))
    assert key not in listing.decode() and "Never" not in text(row)
    assert "Friends and Family Test, Compliment" in text(row) or "Compliment, Friends" in text(row)
    revoke = portal.post(row.select_one("form")["action"], data={"csrf_token": token})
    assert revoke.status_code == 303
    after = check_page(portal.get(revoke.headers["location"]).text)
    assert "has been revoked" in text(after)
    assert "Revoked" in text(next(r for r in after.select("tbody tr") if name in text(r)))
    refused = feedback_api.post(
        "/v1/feedback",
        json={"channel": "fft", "fft_answer": 1},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert refused.status_code == 401


def test_a_key_form_with_nothing_filled_in_names_both_fields(portal):
    sign_in(portal, "admin")
    token = csrf(portal, "/admin/api-keys/new")
    response = portal.post("/admin/api-keys", data={"csrf_token": token, "name": ""})
    assert response.status_code == 422
    page = check_page(response.text)
    assert error_summary(page) == [
        "Enter a name for the key, such as the vendor or system that will use it",
        "Select the channels this key may send",
    ]
    assert page.title.get_text().startswith("Error:")


def test_a_webhook_is_added_with_its_secret_shown_once_then_deleted(portal):
    sign_in(portal, "admin")
    token = csrf(portal, "/admin/webhooks/new")
    url = f"https://receiver.example/{uuid.uuid4().hex}"
    created = portal.post(
        "/admin/webhooks",
        data={
            "csrf_token": token,
            "name": "Dashboard",
            "url": url,
            "events": ["feedback.received"],
        },
    )
    assert created.status_code == 200
    secret = check_page(created.text).select_one("#webhook-secret").get_text(strip=True)
    assert secret.startswith("whsec_")
    listing = check_page(portal.get("/admin/webhooks").text)
    row = next(r for r in listing.select("tbody tr") if url in text(r))
    assert secret not in listing.decode() and "Feedback received" in text(row)
    deleted = portal.post(row.select_one("form")["action"], data={"csrf_token": token})
    assert deleted.status_code == 303
    assert url not in portal.get("/admin/webhooks").text


def test_a_webhook_address_that_is_not_a_url_is_shown_back(portal):
    sign_in(portal, "admin")
    token = csrf(portal, "/admin/webhooks/new")
    response = portal.post(
        "/admin/webhooks",
        data={"csrf_token": token, "name": "x", "url": "nowhere", "events": ["feedback.received"]},
    )
    assert response.status_code == 422
    page = check_page(response.text)
    assert len(error_summary(page)) == 1
    assert page.select_one("#url")["value"] == "nowhere"


def test_an_upload_shows_the_rejected_lines_and_a_second_upload_adds_nothing(portal):
    sign_in(portal, "admin")
    marker = uuid.uuid4().hex
    content = (
        "Response ID,Response Date,Ward Code,FFT Answer,Comment\n"
        f"A-{marker},2026-11-01,L4,Good,Fine {marker}\n"
        f"B-{marker},2026-11-01,L4,Brilliant,Odd {marker}\n"
    ).encode()

    def upload():
        page = check_page(portal.get("/admin/imports/new").text)
        hidden = {i["name"]: i["value"] for i in page.select("form input[type=hidden]")}
        return portal.post(
            "/admin/imports",
            data={**hidden, "default_mode": "sms"},
            files={"file": ("vendor.csv", content, "text/csv")},
        )

    first = upload()
    assert first.status_code == 303
    result = check_page(portal.get(first.headers["location"]).text)
    assert result.h1.get_text(strip=True) == "Import of vendor.csv"
    rows = [text(r) for r in result.select("tbody tr")]
    assert len(rows) == 1 and rows[0].startswith("3 ") and "'Brilliant'" in rows[0]
    second = check_page(portal.get(upload().headers["location"]).text)
    summary = text(second.select_one(".nhsuk-summary-list"))
    assert "Stored 0" in summary and "Already imported 1" in summary
    listing = text(check_page(portal.get("/admin/imports").text))
    assert "vendor.csv" in listing


def test_an_upload_without_a_file_is_an_error_on_the_file_field(portal):
    sign_in(portal, "admin")
    page = check_page(portal.get("/admin/imports/new").text)
    hidden = {i["name"]: i["value"] for i in page.select("form input[type=hidden]")}
    response = portal.post("/admin/imports", data=hidden, files={"file": ("", b"", "text/csv")})
    assert response.status_code == 422
    assert error_summary(check_page(response.text)) == ["Select a CSV file"]


def test_only_administrators_see_the_admin_pages(portal):
    sign_in(portal, "pem")
    for path in ("/admin", "/admin/api-keys", "/admin/webhooks/new", "/admin/imports"):
        assert portal.get(path).status_code == 403, path
    page = check_page(portal.get("/staff/feedback").text)
    assert "Admin" not in [a.get_text(strip=True) for a in page.select("header nav a")]
