"""Demo data for feedback_api: the organisation of seed 000 (The Clatterbridge Cancer Centre
NHS Foundation Trust) and a year of invented feedback from every channel, marked as demo.

The wards, sites and codes below are illustrative; a trust loads its own through the admin API.
The feedback does not depend on the day it is loaded: each calendar month from twelve months ago
to last month gets the same records (from random generators seeded by its distance from this
month), and this month the records of its days so far, so figures by month, the hotspot and the
comments behind it stay put. Only the few urgent comments and those with personal data are set a
number of days before today. The words are in ``demo_comments``; their themes, sentiment and
urgency come from the analyser, as for real feedback.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass

from sqlmodel import Session, select

from services.common.clock import Clock
from services.feedback_api import demo_comments as words
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
# Each ward's site and FFT setting.
WARD_PLACES = {code: (site, setting) for code, _, site, *_, setting in WARDS}

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
        + [Ethnicity2021.white_british] * 40,
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


# How much feedback a full month brings. FFT: responses per ward (varying by a few either way).
FFT_PER_WARD = {"inpatient": 7, "outpatient": 10}
FFT_COMMENTED = 0.75
MONTHLY = {
    Channel.complaint: 3,
    Channel.concern: 2,
    Channel.pals: 4,
    Channel.compliment: 3,
    Channel.inhouse_survey: 6,
    Channel.social_media: 3,
    Channel.walkabout: 2,
    Channel.perfect_ward: 2,
    Channel.patient_story: 1,
}
# Channels heard from less often than monthly: one record every N months.
EVERY_N_MONTHS = {
    Channel.quality_visit: 2,
    Channel.dppg: 2,
    Channel.clinical_audit: 3,
    Channel.focus_group: 4,
}
# The national survey's free text arrives once a year, imported two months ago, for each site.
NATIONAL_SURVEY_MONTHS_AGO = 2
NATIONAL_SURVEY_PER_SITE = 12
# The hotspot: negative comments about not being kept informed on Ward 4, last month (the latest
# complete month) and carrying on this month, far above its usual none or one a month.
HOTSPOT_WARD = "L4"
HOTSPOT_COMMENTS = {1: 10, 0: 7}
MONTHS = 12  # full months before this one

POOLS = {
    Channel.complaint: words.COMPLAINTS,
    Channel.concern: words.CONCERNS,
    Channel.pals: words.PALS,
    Channel.compliment: words.COMPLIMENTS,
    Channel.inhouse_survey: words.INHOUSE_SURVEY,
    Channel.walkabout: words.WALKABOUT,
    Channel.perfect_ward: words.PERFECT_WARD,
    Channel.patient_story: words.PATIENT_STORIES,
    Channel.quality_visit: words.QUALITY_VISITS,
    Channel.clinical_audit: words.CLINICAL_AUDIT,
}
# Channels heard about the organisation or a site rather than a ward.
SITE_POOLS = {
    Channel.social_media: words.SOCIAL_MEDIA,
    Channel.dppg: words.DPPG,
    Channel.focus_group: words.FOCUS_GROUPS,
    Channel.national_survey: words.NATIONAL_SURVEY,
}
# How each channel's feedback reaches the trust, and who records it.
CHANNEL_MODES = {
    Channel.complaint: [CollectionMode.online, CollectionMode.telephone, CollectionMode.other],
    Channel.concern: [CollectionMode.telephone, CollectionMode.in_person, CollectionMode.online],
    Channel.pals: [CollectionMode.telephone, CollectionMode.in_person, CollectionMode.online],
    Channel.compliment: [CollectionMode.other, CollectionMode.online],
    Channel.inhouse_survey: [CollectionMode.paper_discharge, CollectionMode.online],
    Channel.national_survey: [CollectionMode.paper_home, CollectionMode.online],
    Channel.social_media: [CollectionMode.online],
}
IMPORTED = {Channel.fft, Channel.national_survey, Channel.inhouse_survey}
# Share of records with equality monitoring answers, by channel (none for staff-made records).
EQUALITY_SHARE = {
    Channel.fft: 0.4,
    Channel.complaint: 0.5,
    Channel.concern: 0.5,
    Channel.pals: 0.5,
    Channel.compliment: 0.2,
    Channel.inhouse_survey: 0.5,
    Channel.national_survey: 0.85,
}
# Records that staff write down about what several patients said: no single respondent.
STAFF_RECORDED = {
    Channel.walkabout,
    Channel.perfect_ward,
    Channel.quality_visit,
    Channel.clinical_audit,
    Channel.focus_group,
    Channel.dppg,
}
SETTING_KEY = {"inpatient": "in", "outpatient": "out"}


@dataclass
class Item:
    """One invented record before it becomes a Feedback row."""

    received_at: dt.datetime
    channel: Channel
    comment: str | None
    ward_code: str | None = None
    site_code: str | None = None
    fft_answer: int | None = None
    # Seeds the record's other details (follow-up answers, equality, respondent), so that they
    # stay the same whatever else is loaded.
    key: str = ""


def _add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


class _Month:
    """The days of one calendar month that demo feedback may fall on: all of a past month, and
    this month up to yesterday (on the 1st, the first minutes of today)."""

    def __init__(self, months_ago: int, today: dt.date) -> None:
        self.first = _add_months(today.replace(day=1), -months_ago)
        if months_ago:
            self.days = calendar.monthrange(self.first.year, self.first.month)[1]
            self.share = 1.0
        else:
            self.days = today.day - 1
            self.share = self.days / calendar.monthrange(today.year, today.month)[1]

    def scaled(self, n: int) -> int:
        return round(n * self.share)

    def when(self, rng: random.Random) -> dt.datetime:
        if self.days == 0:
            start = dt.datetime.combine(self.first, dt.time(), tzinfo=dt.UTC)
            return start + dt.timedelta(seconds=rng.randrange(60, 600))
        return _daytime(self.first + dt.timedelta(days=rng.randrange(self.days)), rng)


def _daytime(day: dt.date, rng: random.Random) -> dt.datetime:
    """A time between 8am and 8pm on ``day``."""
    seconds = rng.randrange(8 * 3600, 20 * 3600)
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)


def _ward_text(pool: dict, setting: str, rng: random.Random):
    """A comment from ``pool`` that fits a ward of this setting; None if the pool has none."""
    choices = pool["any"] + pool[SETTING_KEY[setting]]
    return rng.choice(choices) if choices else None


def _fft_comment(answer: int, setting: str, rng: random.Random) -> str | None:
    if rng.random() > FFT_COMMENTED:
        return None
    if answer <= 2:
        return _ward_text(words.FFT_POSITIVE, setting, rng)
    if answer in (4, 5):
        return _ward_text(words.FFT_NEGATIVE, setting, rng)
    return _ward_text(words.FFT_MIXED, setting, rng)


def _month_items(months_ago: int, today: dt.date, seed: int) -> list[Item]:
    """The invented records of one month: the same for that month whatever today's date (this
    month's grow with its days). Each part has its own random generator, so one part's size
    never shifts another's records."""

    def generator(part: str) -> random.Random:
        return random.Random(f"{seed}:{months_ago}:{part}")

    month = _Month(months_ago, today)
    parts: dict[str, list[Item]] = {}
    rng = generator("fft")
    fft = parts["fft"] = []
    for code, (site, setting) in WARD_PLACES.items():
        base = FFT_PER_WARD[setting]
        for _ in range(month.scaled(base + rng.randint(-3, 3))):
            answer = rng.choices(range(1, 7), weights=ANSWER_WEIGHTS)[0]
            comment = _fft_comment(answer, setting, rng)
            fft.append(Item(month.when(rng), Channel.fft, comment, code, site, answer))
    rng = generator("other")
    other = parts["other"] = []
    index = MONTHS - months_ago
    counts = dict(MONTHLY)
    counts.update({c: 1 for c, every in EVERY_N_MONTHS.items() if index % every == 0})
    for channel, n in counts.items():
        for _ in range(month.scaled(n)):
            if channel in POOLS:
                code = rng.choice(list(WARD_PLACES))
                site, setting = WARD_PLACES[code]
                text = _ward_text(POOLS[channel], setting, rng)
                if text is None:  # this channel is not heard on this kind of ward
                    continue
                text = text[0] if isinstance(text, tuple) else text
                other.append(Item(month.when(rng), channel, text, code, site))
            else:
                site = rng.choice(SITES)[0]
                text = rng.choice(SITE_POOLS[channel])
                other.append(Item(month.when(rng), channel, text, None, site))
    if months_ago == NATIONAL_SURVEY_MONTHS_AGO:
        rng = generator("national")
        survey = parts["national"] = []
        for site, _name in SITES:
            for text in rng.sample(words.NATIONAL_SURVEY, NATIONAL_SURVEY_PER_SITE):
                survey.append(Item(month.when(rng), Channel.national_survey, text, None, site))
    rng = generator("hotspot")
    hotspot = parts["hotspot"] = []
    site = WARD_PLACES[HOTSPOT_WARD][0]
    spike = words.NOT_KEPT_INFORMED
    for n in range(HOTSPOT_COMMENTS.get(months_ago, 0)):
        # Each month starts at a different comment, so the two months read differently.
        channel, text = spike[(n + 5 * months_ago) % len(spike)]
        answer = rng.choice([4, 5]) if channel == Channel.fft else None
        hotspot.append(Item(month.when(rng), Channel(channel), text, HOTSPOT_WARD, site, answer))
    for part, items in parts.items():
        for n, item in enumerate(items):
            item.key = f"{seed}:{months_ago}:{part}:{n}"
    return [item for items in parts.values() for item in items]


def _placed_items(today: dt.date, seed: int) -> list[Item]:
    """The urgent comments and those with personal data, on set days before today."""
    items = []
    for n, placed in enumerate(words.URGENT + words.PERSONAL):
        rng = random.Random(f"{seed}:placed:{n}")
        items.append(
            Item(
                _daytime(today - dt.timedelta(days=placed.days_ago), rng),
                Channel(placed.channel),
                placed.comment,
                placed.ward_code,
                WARD_PLACES[placed.ward_code][0],
                placed.fft_answer,
                key=f"{seed}:placed:{n}",
            )
        )
    return items


def _respondent_type(rng: random.Random) -> str:
    kinds = list(RESPONDENT_WEIGHTS)
    return rng.choices(kinds, weights=list(RESPONDENT_WEIGHTS.values()))[0].value


def demo_items(today: dt.date, seed: int = 2019) -> list[Item]:
    """Every invented record for a demo loaded on ``today``, oldest first."""
    items = [i for k in range(MONTHS, -1, -1) for i in _month_items(k, today, seed)]
    items += _placed_items(today, seed)
    items.sort(key=lambda i: i.received_at)
    return items


def load_feedback(session: Session, clock: Clock, seed: int = 2019) -> int:
    """A year of invented feedback from every channel, up to yesterday; none if demo feedback
    exists. Returns how many records were loaded.

    FFT responses come with answers to the follow-up questions on some, and the other channels
    in their usual numbers; about 40% of respondents answered the equality questions, and a few
    invented respondents asked to be contacted. Complaints, concerns and PALS enquiries become
    cases when ``cases.demo.load_demo_cases`` runs next.
    """
    load_eligible_counts(session, clock)
    exists = session.exec(select(Feedback).where(Feedback.is_demo)).first()
    if exists is not None:
        return 0
    contacts = list(DEMO_CONTACTS)
    redactions: dict[str, str | None] = {}
    items = demo_items(clock.today(), seed)
    recent = clock.today() - dt.timedelta(days=60)
    for item in items:
        rng = random.Random(item.key)
        comment = item.comment
        if comment not in redactions:
            redactions[comment] = redacted(comment)
        fft = item.channel is Channel.fft
        staff_made = item.channel in STAFF_RECORDED
        modes = MODES if fft else CHANNEL_MODES.get(item.channel, [CollectionMode.in_person])
        feedback = Feedback(
            channel=item.channel.value,
            fft_answer=item.fft_answer,
            comment=comment,
            comment_redacted=redactions[comment],
            ward_code=item.ward_code,
            site_code=item.site_code,
            fft_setting=WARD_PLACES[item.ward_code][1] if fft else None,
            collection_mode=rng.choice(modes).value,
            submitted_via="import" if item.channel in IMPORTED else "staff",
            received_at=item.received_at,
            created_at=item.received_at,
            created_by="demo",
            is_demo=True,
            respondent_type=None if staff_made else _respondent_type(rng),
        )
        if fft and rng.random() < 0.3:
            feedback.answers = [
                FeedbackAnswer(
                    position=0,
                    question_key=WHAT_WAS_GOOD,
                    question_text="What was good about your experience?",
                    answer_text=(good := rng.choice(words.GOOD_ANSWERS)),
                    answer_text_redacted=good,
                ),
                FeedbackAnswer(
                    position=1,
                    question_key=WHAT_COULD_BE_BETTER,
                    question_text="Is there anything we could have done better?",
                    answer_text=(better := rng.choice(words.BETTER_ANSWERS)),
                    answer_text_redacted=better,
                ),
            ]
        if rng.random() < EQUALITY_SHARE.get(item.channel, 0):
            feedback.equality = _equality(rng)
        negative = fft and (item.fft_answer or 0) >= 4
        if contacts and negative and item.received_at.date() >= recent:
            name, email, phone, method = contacts.pop()
            feedback.contact = RespondentContact(
                name=name,
                email=email,
                phone=phone,
                address="1 Demo Street, Liverpool" if method == "letter" else None,
                postcode="L1 0AA" if method == "letter" else None,
                preferred_method=method,
                consent_at=item.received_at,
                created_at=item.received_at,
            )
            feedback.contactable = True
            if method == "letter":
                feedback.accessible_needs = [FeedbackAccessibleNeed(need_code="large_print")]
        session.add(feedback)
    session.commit()
    return len(items)
