"""Demo data for feedback_api: the organisation of seed 000 (The Clatterbridge Cancer Centre
NHS Foundation Trust) and a few hundred invented pieces of feedback, marked as demo.

The wards, sites and codes below are illustrative; a trust loads its own through the admin API.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlmodel import Session, select

from services.common.clock import Clock
from services.feedback_api.feedback.models import (
    WHAT_COULD_BE_BETTER,
    WHAT_WAS_GOOD,
    Channel,
    CollectionMode,
    Feedback,
    FeedbackAnswer,
    RespondentType,
)
from services.feedback_api.feedback.service import redacted
from services.feedback_api.organisation.models import (
    Directorate,
    Organisation,
    Site,
    Ward,
    WardEligibleCount,
)
from services.feedback_api.respondents.codes import (
    ETHNICITY,
    AgeBand,
    Disability,
    Ethnicity2021,
    GenderIdentity,
    Religion,
    Sex,
    SexualOrientation,
)
from services.feedback_api.respondents.models import (
    EqualityMonitoring,
    FeedbackAccessibleNeed,
    RespondentContact,
)

ORGANISATION = ("REN", "The Clatterbridge Cancer Centre NHS Foundation Trust")
SITES = [
    ("REN20", "Clatterbridge Cancer Centre - Liverpool"),
    ("REN01", "Clatterbridge Cancer Centre - Wirral"),
    ("REN03", "Clatterbridge Cancer Centre - Aintree"),
]
DIRECTORATES = [
    ("HAEM", "Haemato-oncology"),
    ("ACUTE", "Acute care"),
    ("RADIO", "Radiation services"),
    ("CHEMO", "Chemotherapy services"),
]
# code, name, site, directorate, first specialty, second specialty, FFT setting
WARDS = [
    ("L3", "Ward 3 (Haemato-oncology)", "REN20", "HAEM", "303", None, "inpatient"),
    ("L4", "Ward 4 (Haemato-oncology)", "REN20", "HAEM", "303", None, "inpatient"),
    ("L5", "Ward 5 (Acute oncology)", "REN20", "ACUTE", "370", "800", "inpatient"),
    ("TYA", "Teenage and Young Adult Unit", "REN20", "HAEM", "303", "370", "inpatient"),
    ("CDU-L", "Chemotherapy Day Unit - Liverpool", "REN20", "CHEMO", "370", None, "outpatient"),
    ("RT-L", "Radiotherapy - Liverpool", "REN20", "RADIO", "800", None, "outpatient"),
    ("RT-W", "Radiotherapy - Wirral", "REN01", "RADIO", "800", None, "outpatient"),
    ("PBT", "Proton Beam Therapy", "REN01", "RADIO", "800", None, "outpatient"),
    ("CDU-W", "Chemotherapy Day Unit - Wirral", "REN01", "CHEMO", "370", None, "outpatient"),
    ("OPD-A", "Outpatients - Aintree", "REN03", "ACUTE", "370", None, "outpatient"),
]

POSITIVE = [
    "The nurses were kind and caring from the moment I arrived.",
    "Staff explained everything about my treatment and answered all my questions.",
    "Treated with dignity and respect throughout. Thank you all.",
    "The radiographers put me at ease every single day of my treatment.",
    "Clean ward, lovely food and the staff always had time for a chat.",
    "Appointments ran on time and the reception team were very welcoming.",
    "I felt listened to and involved in every decision about my care.",
    "The volunteers on the chemo unit made the long days much easier.",
]
NEGATIVE = [
    "Waited over three hours for my chemotherapy with no explanation.",
    "Parking is impossible and very expensive for patients coming every day.",
    "Nobody told us what was happening when my dad was moved wards.",
    "The ward was noisy at night and I could not sleep.",
    "My appointment letter arrived after the appointment date.",
    "Call bell took a long time to be answered at night.",
    "Food was cold by the time it reached me.",
    "I had to repeat my history to four different people.",
]
MIXED = [
    "Care was good but the waiting area was cramped and too warm.",
    "Lovely staff, but the phone line was always engaged when I rang.",
    "Treatment was excellent, discharge took all day though.",
]
# FFT answer weights (Very good .. Don't know), roughly the national inpatient picture.
ANSWER_WEIGHTS = [62, 24, 5, 4, 3, 2]
MODES = [CollectionMode.sms, CollectionMode.kiosk, CollectionMode.qr_code, CollectionMode.online]


def load_organisation(session: Session) -> bool:
    """Create the demo organisation unless one exists. True when it was created."""
    if session.exec(select(Organisation)).first() is not None:
        return False
    session.add(Organisation(ods_code=ORGANISATION[0], name=ORGANISATION[1]))
    for code, name in SITES:
        session.add(Site(code=code, name=name, organisation_code=ORGANISATION[0]))
    for code, name in DIRECTORATES:
        session.add(Directorate(code=code, name=name))
    session.flush()
    for code, name, site, directorate, spec1, spec2, setting in WARDS:
        session.add(
            Ward(
                code=code,
                name=name,
                site_code=site,
                directorate_code=directorate,
                first_specialty=spec1,
                second_specialty=spec2,
                fft_setting=setting,
            )
        )
    session.commit()
    return True


def _comment_for(answer: int, rng: random.Random) -> str | None:
    if rng.random() < 0.25:
        return None
    if answer <= 2:
        return rng.choice(POSITIVE)
    if answer in (4, 5):
        return rng.choice(NEGATIVE)
    return rng.choice(MIXED)


GOOD_ANSWERS = [
    "Kind, patient nurses.",
    "Being kept informed about my treatment plan.",
    "The volunteers and the tea trolley.",
    "Quick scans and friendly radiographers.",
]
BETTER_ANSWERS = [
    "Shorter waits on the day unit.",
    "Cheaper parking for patients having daily treatment.",
    "Clearer letters about appointments.",
    "Quieter wards at night.",
]
RESPONDENT_WEIGHTS = {
    RespondentType.patient: 70,
    RespondentType.carer: 10,
    RespondentType.family: 14,
    RespondentType.public: 3,
    RespondentType.staff_on_behalf: 3,
}
# Invented people (the 07700 900xxx and example.org ranges are reserved for fiction).
DEMO_CONTACTS = [
    ("Demo Person One", "demo.one@example.org", "+447700900001", "email"),
    ("Demo Person Two", None, "+447700900002", "phone"),
    ("Demo Person Three", "demo.three@example.org", None, "email"),
    ("Demo Person Four", None, "+447700900004", "sms"),
    ("Demo Person Five", None, None, "letter"),
]


def _equality(rng: random.Random) -> EqualityMonitoring:
    """Invented answers: about one in ten questions not asked, one in twelve declined."""

    def answer(choices: list, declined):
        roll = rng.random()
        if roll < 0.1:
            return None
        if roll < 0.18:
            return declined
        return rng.choice(choices)

    def code(value) -> str | None:
        return value.value if value is not None else None

    ethnicity = answer(
        [e for e in Ethnicity2021 if e is not Ethnicity2021.prefer_not_to_say]
        + [Ethnicity2021.white_british] * 12,
        Ethnicity2021.prefer_not_to_say,
    )
    disability = answer(
        [[Disability.none]] * 4 + [[Disability.mobility], [Disability.sight, Disability.hearing]],
        [Disability.prefer_not_to_say],
    )
    orientations = [SexualOrientation.heterosexual] * 8 + list(SexualOrientation)[1:4]
    religions = [Religion.christian] * 5 + [Religion.none] * 4 + list(Religion)[:11]
    return EqualityMonitoring(
        ethnicity_2021=code(ethnicity),
        ethnic_category=ETHNICITY[ethnicity][1] if ethnicity else None,
        age_band=code(answer(list(AgeBand)[3:10], AgeBand.prefer_not_to_say)),
        sex=code(answer([Sex.male, Sex.female], Sex.prefer_not_to_say)),
        gender_identity=code(
            answer([GenderIdentity.male, GenderIdentity.female], GenderIdentity.prefer_not_to_say)
        ),
        sexual_orientation=code(answer(orientations, SexualOrientation.prefer_not_to_say)),
        disability=[d.value for d in disability] if disability else None,
        religion=code(answer(religions, Religion.prefer_not_to_say)),
    )


def load_eligible_counts(session: Session, clock: Clock, seed: int = 2019) -> int:
    """Invented monthly FFT eligible counts for the last 12 months, where none exist."""
    if session.exec(select(WardEligibleCount)).first() is not None:
        return 0
    rng = random.Random(seed)
    month = clock.today().replace(day=1)
    rows = 0
    for _ in range(12):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        for code, _name, _site, _dir, _s1, _s2, setting in WARDS:
            base = 140 if setting == "inpatient" else 900
            session.add(
                WardEligibleCount(
                    ward_code=code,
                    month=month,
                    eligible=base + rng.randint(-base // 5, base // 5),
                    updated_at=clock.now(),
                    updated_by="demo",
                )
            )
            rows += 1
    session.commit()
    return rows


def load_feedback(session: Session, clock: Clock, count: int = 400, seed: int = 2019) -> int:
    """Invented FFT feedback over the six months before today; none if demo feedback exists.

    Each record has a respondent type; some have "what was good" / "what could be better"
    answers, about 40% equality monitoring, and a few invented respondents asked to be contacted.
    """
    load_eligible_counts(session, clock)
    exists = session.exec(select(Feedback).where(Feedback.is_demo)).first()
    if exists is not None:
        return 0
    rng = random.Random(seed)
    now = clock.now()
    wards = {w[0]: (w[2], w[6]) for w in WARDS}
    contacts = list(DEMO_CONTACTS)
    for _ in range(count):
        answer = rng.choices(range(1, 7), weights=ANSWER_WEIGHTS)[0]
        ward_code = rng.choice(list(wards))
        site_code, setting = wards[ward_code]
        received = now - dt.timedelta(minutes=rng.randint(10, 60 * 24 * 182))
        comment = _comment_for(answer, rng)
        feedback = Feedback(
            channel=Channel.fft.value,
            fft_answer=answer,
            comment=comment,
            comment_redacted=redacted(comment),
            ward_code=ward_code,
            site_code=site_code,
            fft_setting=setting,
            collection_mode=rng.choice(MODES).value,
            submitted_via="import",
            received_at=received,
            created_at=received,
            created_by="demo",
            is_demo=True,
            respondent_type=rng.choices(
                list(RESPONDENT_WEIGHTS), weights=list(RESPONDENT_WEIGHTS.values())
            )[0].value,
        )
        if rng.random() < 0.3:
            feedback.answers = [
                FeedbackAnswer(
                    position=0,
                    question_key=WHAT_WAS_GOOD,
                    question_text="What was good about your experience?",
                    answer_text=(good := rng.choice(GOOD_ANSWERS)),
                    answer_text_redacted=good,
                ),
                FeedbackAnswer(
                    position=1,
                    question_key=WHAT_COULD_BE_BETTER,
                    question_text="Is there anything we could have done better?",
                    answer_text=(better := rng.choice(BETTER_ANSWERS)),
                    answer_text_redacted=better,
                ),
            ]
        if rng.random() < 0.4:
            feedback.equality = _equality(rng)
        if contacts and answer >= 4:
            name, email, phone, method = contacts.pop()
            feedback.contact = RespondentContact(
                name=name,
                email=email,
                phone=phone,
                address="1 Demo Street, Liverpool" if method == "letter" else None,
                postcode="L1 0AA" if method == "letter" else None,
                preferred_method=method,
                consent_at=received,
                created_at=received,
            )
            feedback.contactable = True
            if method == "letter":
                feedback.accessible_needs = [FeedbackAccessibleNeed(need_code="large_print")]
        session.add(feedback)
    session.commit()
    return count
