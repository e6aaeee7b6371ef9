"""Demo data for feedback_api: the organisation of seed 000 (The Clatterbridge Cancer Centre
NHS Foundation Trust) and a few hundred invented pieces of feedback, marked as demo.

The wards, sites and codes below are illustrative; a trust loads its own through the admin API.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlmodel import Session, select

from services.common.clock import Clock
from services.feedback_api.feedback.models import Channel, CollectionMode, Feedback
from services.feedback_api.organisation.models import Directorate, Organisation, Site, Ward

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


def load_feedback(session: Session, clock: Clock, count: int = 400, seed: int = 2019) -> int:
    """Invented FFT feedback over the six months before today; none if demo feedback exists."""
    exists = session.exec(select(Feedback).where(Feedback.is_demo)).first()
    if exists is not None:
        return 0
    rng = random.Random(seed)
    now = clock.now()
    wards = [(w[0], w[2]) for w in WARDS]
    for _ in range(count):
        answer = rng.choices(range(1, 7), weights=ANSWER_WEIGHTS)[0]
        ward_code, site_code = rng.choice(wards)
        received = now - dt.timedelta(minutes=rng.randint(10, 60 * 24 * 182))
        session.add(
            Feedback(
                channel=Channel.fft.value,
                fft_answer=answer,
                comment=_comment_for(answer, rng),
                ward_code=ward_code,
                site_code=site_code,
                collection_mode=rng.choice(MODES).value,
                submitted_via="import",
                received_at=received,
                created_at=received,
                created_by="demo",
                is_demo=True,
            )
        )
    session.commit()
    return count
