"""What a user of the analysis notices: redaction, classification, the CLI and the model files."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from services.feedback_api.analysis import load_analyser, load_framework, redact
from services.feedback_api.analysis.fixtures_scoring import criticality_scores, redaction_scores
from services.feedback_api.analysis.model import DEFAULT_MODEL_DIR

REPO = Path(__file__).resolve().parents[3]


def test_comment_with_nhs_number_phone_email_and_name_comes_back_redacted():
    text = (
        "My NHS number is 943 476 5919, ring me on 07700 900123 or email jo@example.com. "
        "Nurse Sarah was lovely."
    )
    result = redact(text)
    assert result.text == (
        "My NHS number is [NHS NUMBER], ring me on [PHONE] or email [EMAIL]. "
        "Nurse [NAME] was lovely."
    )
    assert [s.kind for s in result.spans] == ["nhs_number", "phone", "email", "name"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ring 07700 900123 9am to 5pm", "Ring [PHONE] 9am to 5pm"),
        ("I called 0151 556 5000 2 times", "I called [PHONE] 2 times"),
        ("Call +44 7700 900123 3 days a week", "Call [PHONE] 3 days a week"),
    ],
)
def test_a_phone_number_followed_by_a_number_is_redacted_whole(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ask for Ffion Rhys-Evans.", "Ask for [NAME]."),
        ("Sarah Smith-Jones was kind", "[NAME] was kind"),
        ("My nurse Mary O'Neill rang me", "My nurse [NAME] rang me"),
        ("Anita D'Souza explained it", "[NAME] explained it"),
    ],
)
def test_double_barrelled_and_prefixed_surnames_are_redacted_with_the_given_name(text, expected):
    assert redact(text).text == expected


def test_ten_digits_with_a_wrong_check_digit_are_not_an_nhs_number():
    result = redact("My reference is 943 476 5918 on the letter.")
    assert "nhs_number" not in {s.kind for s in result.spans}
    assert "943 476 5918" in result.text


def test_known_staff_names_are_redacted_and_common_words_are_left_alone():
    result = redact("Thanks to Precious and the team; I hope Will gets better.", ["Precious Okoro"])
    assert result.text == "Thanks to [NAME] and the team; I hope Will gets better."


def test_ward_names_drugs_and_months_are_not_redacted():
    text = "Rowan Ward and Ward 5 in A&E gave paracetamol on Monday in May."
    assert redact(text).text == text


def test_obvious_comments_are_classified_as_a_reader_would():
    kind, waited = load_analyser().analyse(
        ["The nurses were kind and caring", "Waited 6 hours in A&E, nobody told us anything"]
    )
    assert kind.sentiment == "positive"
    assert "Staff manner & personal attributes" in kind.themes
    assert waited.sentiment == "negative"
    assert kind.model_version == load_analyser().model_version


def test_blank_comments_get_no_themes_and_neutral_sentiment():
    (blank,) = load_analyser().analyse(["   \n"])
    assert (blank.themes, blank.sentiment, blank.critical) == ((), "neutral", False)


def test_themes_are_framework_names():
    names = {t.name for t in load_framework()}
    assert set(load_analyser().theme_names) <= names
    assert len(load_framework()) == 33


def test_model_folder_holds_no_pickles_and_loads():
    files = {p.suffix for p in DEFAULT_MODEL_DIR.iterdir()}
    assert not files & {".pkl", ".pickle", ".joblib"}
    assert files <= {".json", ".npz"}
    assert load_analyser(DEFAULT_MODEL_DIR).model_version.startswith("heard-text-")


def test_classify_cli_keeps_order_and_row_count(tmp_path):
    comments = ["The food was cold", "", "Line one\nline two: staff were rude", "  ", "Thank you"]
    source = tmp_path / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "comment"])
        writer.writerows([[i, c] for i, c in enumerate(comments)])
    target = tmp_path / "out.csv"
    subprocess.run(
        [sys.executable, "-m", "services.feedback_api.analysis", "classify", source, target],
        cwd=REPO,
        check=True,
    )
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["comment"] for r in rows] == comments
    assert [r["id"] for r in rows] == [str(i) for i in range(len(comments))]
    assert {r["sentiment"] for r in rows} <= {"positive", "neutral", "negative"}
    assert {r["critical"] for r in rows} <= {"true", "false"}
    assert rows[1]["themes"] == "" and rows[1]["sentiment"] == "neutral"


def _classify(*paths) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "services.feedback_api.analysis", "classify", *map(str, paths)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"text\nhello\n", "no 'comment' column (the header row has: text)"),
        (b"", "the file is empty"),
        (b"\xff\xfecomment\n", "not UTF-8 text"),
        (b"id,comment\n1,fine\n2,too,many\n", "line 3: more cells than the header"),
    ],
)
def test_classify_cli_explains_bad_input_in_one_line(tmp_path, content, message):
    source = tmp_path / "in.csv"
    if content is not None:
        source.write_bytes(content)
    result = _classify(source, tmp_path / "out.csv")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.csv").exists()


def test_classify_cli_says_when_it_cannot_write_the_output(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("comment\nThe food was cold\n", encoding="utf-8")
    result = _classify(source, tmp_path / "no-such-folder" / "out.csv")
    assert result.returncode == 2
    assert "cannot be written" in result.stderr and "Traceback" not in result.stderr


def test_training_without_the_data_says_so_and_fails(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "services.feedback_api.analysis", "train", "--data", tmp_path],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "labelled data not found" in result.stderr


def test_criticality_recall_on_the_fixture():
    recall, _ = criticality_scores()
    assert recall >= 0.95


@pytest.mark.parametrize(
    "text",
    ["I never felt unsafe", "I was killing time", "dying for a cup of tea", "The wait was torture"],
)
def test_figures_of_speech_and_negations_are_not_urgent(text):
    assert not load_analyser().analyse([text])[0].critical


def test_a_suicide_disclosure_is_urgent():
    assert load_analyser().analyse(["Since discharge I want to end my life"])[0].critical


def test_redaction_recall_on_the_fixture():
    scores = redaction_scores()
    for kind in ("nhs_number", "phone", "email", "postcode"):
        assert scores[kind][0] >= 0.99, kind
    assert scores["name"][0] >= 0.85


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sarah was lovely", "[NAME] was lovely"),
        ("thank you to nurse emma and the team", "thank you to nurse [NAME] and the team"),
        ("everything was lovely, the nurse said so", "everything was lovely, the nurse said so"),
    ],
)
def test_lower_case_names_are_redacted_only_in_a_name_context(text, expected):
    assert redact(text).text == expected


def test_place_names_that_are_also_peoples_names_are_kept():
    text = "We moved from Whitley Bay to Shirley, and Stanley on reception was lovely."
    assert redact(text).text == (
        "We moved from Whitley Bay to Shirley, and [NAME] on reception was lovely."
    )


def test_the_committed_analyser_finds_urgent_comments_nobody_tuned_it_on():
    """criticality-holdout-3.csv was written apart from the rules and never trained on."""
    from services.feedback_api.analysis.fixtures_scoring import CRITICALITY_HOLDOUT_3

    with_model, _ = criticality_scores(CRITICALITY_HOLDOUT_3, load_analyser().critical_flags)
    rules_only, _ = criticality_scores(CRITICALITY_HOLDOUT_3)
    assert with_model >= 0.95
    assert with_model >= rules_only


def test_everyday_complaints_and_praise_are_not_urgent():
    comments = [
        "The car park was full and the machines did not take cards.",
        "Lovely staff, clean ward, thank you for looking after my dad.",
        "I waited an hour past my appointment time.",
        "The food was cold and the tea was weak.",
        "My appointment letter arrived after the appointment date.",
        "Reception staff were rude and unhelpful on the phone.",
        # Plain complaints about being kept informed, told the way urgent stories are told.
        "Nobody told us what was happening when my dad was moved wards.",
        "Nobody told us what was happening when my dad was moved wards.\n\n"
        "Shorter waits on the day unit.",
        "The volunteers on the chemo unit made the long days much easier.\n\n"
        "Quieter wards at night.",
        "Staff talked over my wife as if she was not there and never asked what she wanted.",
        "Tried to ring the unit all morning, nobody picked up.",
        "My story: my husband has dementia and the ward let me stay with him. The staff included "
        "me in his care and it made him calmer.",
        "I was discharged without the results of my blood test and had to ring three times the "
        "next week to be told them.",
    ]
    results = load_analyser().analyse(comments)
    flagged = [c for c, r in zip(comments, results, strict=True) if r.critical]
    assert flagged == []


@pytest.mark.parametrize("text", ["N/A", "n/a.", "-", "?", "No comment", "Did not answer"])
def test_an_answer_that_says_nothing_is_neutral(text):
    assert load_analyser().analyse([text])[0].sentiment == "neutral"


def test_a_comment_that_starts_with_a_non_answer_is_still_read():
    result = load_analyser().analyse(["N/A - the reception staff were rude to my mother"])[0]
    assert result.sentiment == "negative"
