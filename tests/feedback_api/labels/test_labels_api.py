"""Every new comment is labelled; staff correct labels; corrections survive re-analysis."""

import csv
import io
import uuid

from sqlalchemy import update
from sqlmodel import select

from services.common.roles import Role
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.jobs.models import Job
from services.feedback_api.labels import events, service
from services.feedback_api.labels.models import FeedbackLabel, Theme

PEM = Role.patient_experience_manager
LETTERS = str.maketrans("0123456789", "ghijklmnop")


def submit(feedback_api, mint, comment: str, **overrides) -> str:
    body = {"channel": "fft", "fft_answer": 5, "ward_code": "L4", "comment": comment, **overrides}
    response = feedback_api.post("/v1/feedback", json=body, headers=mint())
    assert response.status_code == 201, response.text
    return response.json()["id"]


def labels(feedback_api, mint, feedback_id: str, *roles: Role) -> dict:
    response = feedback_api.get(
        f"/v1/labels/feedback/{feedback_id}", headers=mint("feedback", *(roles or (PEM,)))
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_a_new_comment_is_labelled_in_the_request_by_the_model(feedback_api, mint) -> None:
    feedback_id = submit(
        feedback_api, mint, f"Waited six hours in a dirty corridor, nobody came {uuid.uuid4()}"
    )
    body = labels(feedback_api, mint, feedback_id)
    assert body["analysed"] is True
    assert body["sentiment"] == {
        "value": "negative",
        "source": "model",
        "set_by": None,
        "set_by_name": None,
        "set_at": None,
    }
    assert body["model_version"] and body["framework_version"] == "v7"
    assert "Timeliness of care" in [t["name"] for t in body["themes"]]
    assert all(t["source"] == "model" for t in body["themes"])


def test_the_framework_is_v7_with_its_33_themes(feedback_api, mint) -> None:
    response = feedback_api.get("/v1/labels/framework", headers=mint("feedback", Role.staff))
    body = response.json()
    assert body["name"] == "v7"
    assert len(body["themes"]) == 33
    parking = next(t for t in body["themes"] if t["name"] == "Parking")
    assert parking["category"] and parking["description"]


def test_an_administrator_adds_a_theme_in_a_new_framework_version(feedback_api, mint) -> None:
    admin = mint("feedback", Role.administrator)
    name = f"Chaplaincy {uuid.uuid4().hex[:6]}"
    created = feedback_api.post(
        "/v1/labels/framework/themes",
        json={"category": "Spiritual care", "name": name, "description": "Chaplains, faith"},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    assert created.json()["name"] == "v7.1" and len(created.json()["themes"]) == 34
    versions = feedback_api.get("/v1/labels/framework/versions", headers=admin).json()
    assert [(v["name"], v["created_by_name"]) for v in versions] == [
        ("v7", None),
        ("v7.1", created.json()["created_by_name"]),
    ]
    assert created.json()["created_by_name"] == "Test User"  # the name in the caller's token
    current = feedback_api.get("/v1/labels/framework", headers=admin).json()
    assert current["name"] == "v7.1" and name in [t["name"] for t in current["themes"]]
    again = feedback_api.post(
        "/v1/labels/framework/themes",
        json={"category": "Spiritual care", "name": name.upper()},
        headers=admin,
    )
    assert again.status_code == 409
    # Staff can now file a comment under the new theme.
    feedback_id = submit(feedback_api, mint, f"The chaplain sat with my mum {uuid.uuid4()}")
    patched = feedback_api.patch(
        f"/v1/labels/feedback/{feedback_id}",
        json={"add_themes": [name]},
        headers=mint("feedback", PEM),
    )
    assert name in [t["name"] for t in patched.json()["themes"]]


def test_a_new_theme_queues_reanalysis_that_moves_labels_to_the_new_version(
    feedback_api, feedback_session, mint
) -> None:
    feedback_id = submit(feedback_api, mint, f"Cold food, long wait {uuid.uuid4()}")
    assert labels(feedback_api, mint, feedback_id)["framework_version"] == "v7"
    created = feedback_api.post(
        "/v1/labels/framework/themes",
        json={"category": "Spiritual care", "name": f"Chaplaincy {uuid.uuid4().hex[:6]}"},
        headers=mint("feedback", Role.administrator),
    )
    assert created.status_code == 201, created.text
    queued = feedback_session.exec(select(Job).where(Job.kind == events.REANALYSE)).all()
    assert [job.payload for job in queued] == [{"everything": False}]
    service.reanalyse(feedback_session, commit_every_chunk=False)
    assert labels(feedback_api, mint, feedback_id)["framework_version"] == "v7.1"


def test_only_an_administrator_changes_the_framework_and_bad_input_is_named(
    feedback_api, mint
) -> None:
    body = {"category": "X", "name": "Y"}
    refused = feedback_api.post(
        "/v1/labels/framework/themes", json=body, headers=mint("feedback", PEM)
    )
    assert refused.status_code == 403
    bad = feedback_api.post(
        "/v1/labels/framework/themes",
        json={"category": "", "name": "x" * 121},
        headers=mint("feedback", Role.administrator),
    )
    assert bad.status_code == 422
    fields = {e["field"] for e in bad.json()["errors"]}
    assert {"category", "name"} <= fields


def test_a_correction_is_kept_with_who_and_when_and_wins(feedback_api, mint) -> None:
    feedback_id = submit(feedback_api, mint, f"The food was cold and late {uuid.uuid4()}")
    before = labels(feedback_api, mint, feedback_id)
    model_themes = [t["name"] for t in before["themes"]]
    assert model_themes, "the model should find a theme in this comment"
    response = feedback_api.patch(
        f"/v1/labels/feedback/{feedback_id}",
        json={
            "add_themes": ["Parking"],
            "remove_themes": [model_themes[0]],
            "sentiment": "neutral",
            "critical": True,
        },
        headers=mint("feedback", PEM, sub="pem-1"),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    names = [t["name"] for t in body["themes"]]
    assert "Parking" in names and model_themes[0] not in names
    assert body["removed_themes"][0]["name"] == model_themes[0]
    assert body["sentiment"]["value"] == "neutral" and body["sentiment"]["source"] == "person"
    assert body["sentiment"]["set_by"] == "portal:pem-1" and body["sentiment"]["set_at"]
    corrector = body["corrections"][0]["corrected_by_name"]
    assert corrector and body["sentiment"]["set_by_name"] == corrector
    assert body["critical"]["set_by_name"] == corrector
    assert [t["set_by_name"] for t in body["themes"] if t["name"] == "Parking"] == [corrector]
    assert body["critical"]["value"] is True
    history = {(c["field"], c["action"], c["value"]) for c in body["corrections"]}
    assert ("theme", "add", "Parking") in history
    assert ("sentiment", "set", "neutral") in history
    assert all(c["corrected_by"] == "portal:pem-1" for c in body["corrections"])


def test_a_staff_correction_survives_reanalysis(feedback_api, feedback_session, mint) -> None:
    feedback_id = submit(feedback_api, mint, f"Rude receptionist, awful wait {uuid.uuid4()}")
    model_themes = [t["name"] for t in labels(feedback_api, mint, feedback_id)["themes"]]
    feedback_api.patch(
        f"/v1/labels/feedback/{feedback_id}",
        json={"sentiment": "positive", "add_themes": ["Parking"], "remove_themes": model_themes},
        headers=mint("feedback", PEM),
    )
    # As after a model change: every label was made by an older model.
    feedback_session.execute(update(FeedbackLabel).values(model_version="an-older-model"))
    service.reanalyse(feedback_session, commit_every_chunk=False)
    after = labels(feedback_api, mint, feedback_id)
    assert after["model_version"] != "an-older-model"
    assert after["sentiment"]["value"] == "positive" and after["sentiment"]["source"] == "person"
    assert [t["name"] for t in after["themes"]] == ["Parking"]
    assert sorted(t["name"] for t in after["removed_themes"]) == sorted(model_themes)
    label = feedback_session.get(FeedbackLabel, uuid.UUID(feedback_id))
    assert label.model_sentiment == "negative"  # what the model said is still kept


def test_corrections_export_in_the_classify_columns(feedback_api, mint) -> None:
    # A marker of letters only: redaction leaves it alone (a uuid's digits may look like a phone).
    comment = f"Lovely nurses,\nbut parking was impossible {uuid.uuid4().hex.translate(LETTERS)}"
    feedback_id = submit(feedback_api, mint, comment)
    feedback_api.patch(
        f"/v1/labels/feedback/{feedback_id}",
        json={"add_themes": ["Parking"], "sentiment": "neutral"},
        headers=mint("feedback", PEM),
    )
    response = feedback_api.get("/v1/labels/corrections.csv", headers=mint("feedback", PEM))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ["comment", "themes", "sentiment", "critical"]
    row = next(r for r in rows if r["comment"] == comment)
    assert "Parking" in row["themes"].split(";")
    assert row["sentiment"] == "neutral" and row["critical"] in ("true", "false")
    staff = feedback_api.get("/v1/labels/corrections.csv", headers=mint("feedback", Role.staff))
    assert staff.status_code == 403


def test_the_corrections_export_holds_the_analysed_text_redacted(feedback_api, mint) -> None:
    marker = uuid.uuid4().hex.translate(LETTERS)
    response = feedback_api.post(
        "/v1/feedback",
        json={
            "channel": "inhouse_survey",
            "ward_code": "L4",
            "comment": f"Ring me on 07700 900123 {marker}",
            "answers": [
                {
                    "question_key": "what_could_be_better",
                    "question_text": "What could we do better?",
                    "answer_text": "My name is Jane Doherty and parking cost a fortune",
                }
            ],
        },
        headers=mint(),
    )
    assert response.status_code == 201, response.text
    feedback_api.patch(
        f"/v1/labels/feedback/{response.json()['id']}",
        json={"add_themes": ["Parking"]},
        headers=mint("feedback", PEM),
    )
    exported = feedback_api.get("/v1/labels/corrections.csv", headers=mint("feedback", PEM))
    row = next(r for r in csv.DictReader(io.StringIO(exported.text)) if str(marker) in r["comment"])
    # The labels are about the comment and the answer together, so both are exported, and the
    # file leaves Heard for retraining, so personal data is taken out.
    assert row["comment"] == (
        f"Ring me on [PHONE] {marker}\n\nMy name is [NAME] and parking cost a fortune"
    )
    assert "07700" not in exported.text and "Doherty" not in exported.text


def test_unknown_themes_and_sentiments_are_refused_and_change_nothing(feedback_api, mint) -> None:
    feedback_id = submit(feedback_api, mint, f"Fine {uuid.uuid4()}")
    before = labels(feedback_api, mint, feedback_id)
    for body, field in (
        ({"add_themes": ["Not a theme"], "sentiment": "positive"}, "add_themes"),
        ({"sentiment": "furious"}, "sentiment"),
    ):
        response = feedback_api.patch(
            f"/v1/labels/feedback/{feedback_id}", json=body, headers=mint("feedback", PEM)
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == field
    assert labels(feedback_api, mint, feedback_id) == before


def test_staff_may_read_but_not_correct_and_scope_applies(feedback_api, mint) -> None:
    feedback_id = submit(feedback_api, mint, f"Okay {uuid.uuid4()}", ward_code="L4")
    path = f"/v1/labels/feedback/{feedback_id}"
    assert feedback_api.get(path, headers=mint("feedback", Role.staff, wards=("L4",))).is_success
    outside = feedback_api.get(path, headers=mint("feedback", Role.staff, wards=("RT-L",)))
    assert outside.status_code == 404
    refused = feedback_api.patch(
        path, json={"sentiment": "positive"}, headers=mint("feedback", Role.staff, wards=("L4",))
    )
    assert refused.status_code == 403


def test_label_summaries_for_the_inbox(feedback_api, mint) -> None:
    urgent = submit(feedback_api, mint, f"He said he wants to kill himself tonight {uuid.uuid4()}")
    calm = submit(feedback_api, mint, f"Lovely staff {uuid.uuid4()}", fft_answer=1)
    response = feedback_api.get(
        "/v1/labels", params={"ids": [urgent, calm]}, headers=mint("feedback", PEM)
    )
    by_id = {row["feedback_id"]: row for row in response.json()["data"]}
    assert by_id[urgent]["critical"] is True
    assert by_id[calm]["critical"] is False and by_id[calm]["sentiment"] == "positive"


def test_a_large_batch_is_analysed_by_the_worker_not_in_the_request(feedback_session) -> None:
    marker = uuid.uuid4().hex
    rows = [
        Feedback(channel="fft", fft_answer=2, comment=f"Good care {marker} {i}", created_by="t")
        for i in range(events.INLINE_LIMIT + 1)
    ]
    feedback_session.add_all(rows)
    feedback_session.flush()
    ids = {r.id for r in rows}
    assert not feedback_session.exec(
        select(FeedbackLabel).where(FeedbackLabel.feedback_id.in_(ids))
    ).all()
    jobs = feedback_session.exec(select(Job).where(Job.kind == events.ANALYSE_FEEDBACK)).all()
    job = next(j for j in jobs if str(rows[0].id) in j.payload["feedback_ids"])
    events.handle_analyse(feedback_session, job.payload)
    labelled = feedback_session.exec(
        select(FeedbackLabel).where(FeedbackLabel.feedback_id.in_(ids))
    ).all()
    assert len(labelled) == len(rows)


def test_reanalysis_is_queued_by_an_administrator(feedback_api, mint) -> None:
    response = feedback_api.post(
        "/v1/labels/reanalyse", headers=mint("feedback", Role.administrator)
    )
    assert response.status_code == 202
    assert (
        feedback_api.post("/v1/labels/reanalyse", headers=mint("feedback", Role.staff)).status_code
        == 403
    )


def test_the_framework_loader_is_idempotent(feedback_session) -> None:
    from services.feedback_api.labels import framework

    assert framework.seed_default(feedback_session) is False
    assert len(feedback_session.exec(select(Theme)).all()) >= 33


def test_free_text_answers_are_analysed_with_the_record(feedback_api, mint) -> None:
    response = feedback_api.post(
        "/v1/feedback",
        json={
            "channel": "inhouse_survey",
            "ward_code": "L4",
            "answers": [
                {
                    "question_key": "what_could_be_better",
                    "question_text": "What could we do better?",
                    "answer_text": f"The car park was full, parking cost a lot {uuid.uuid4()}",
                }
            ],
        },
        headers=mint(),
    )
    assert response.status_code == 201, response.text
    body = labels(feedback_api, mint, response.json()["id"])
    assert body["analysed"] is True
    assert "Parking" in [t["name"] for t in body["themes"]]


def test_a_worker_starting_with_a_new_model_queues_reanalysis_once(
    feedback_api, feedback_session, mint
) -> None:
    submit(feedback_api, mint, f"Waited hours for a bed {uuid.uuid4()}")
    feedback_session.execute(update(FeedbackLabel).values(model_version="an-older-model"))
    assert events.queue_reanalysis_if_stale(feedback_session) is True
    # A second worker starting at the same time, or a restart, does not queue it again.
    assert events.queue_reanalysis_if_stale(feedback_session) is False
    queued = feedback_session.exec(select(Job).where(Job.kind == events.REANALYSE)).all()
    assert len(queued) == 1 and queued[0].payload == {"everything": False}
    service.reanalyse(feedback_session, commit_every_chunk=False)
    stale = feedback_session.exec(
        select(FeedbackLabel).where(FeedbackLabel.model_version == "an-older-model")
    ).all()
    assert stale == []


def test_a_worker_starting_with_labels_up_to_date_queues_nothing(
    feedback_api, feedback_session, mint
) -> None:
    submit(feedback_api, mint, f"Lovely staff {uuid.uuid4()}")
    service.reanalyse(feedback_session, commit_every_chunk=False)
    assert events.queue_reanalysis_if_stale(feedback_session) is False
    assert feedback_session.exec(select(Job).where(Job.kind == events.REANALYSE)).all() == []
