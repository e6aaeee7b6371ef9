"""Demo plans, as written in the seed strategies.

Seed 000: The Clatterbridge Cancer Centre's Patient & Public Involvement & Engagement Strategy,
its 7 pledges, its action plan (objective, action required, date due, responsibility, progress)
and the digital sub-plan 6-1 to 6-8. Seed 004: Nottingham CityCare's four aims with their actions
and measures. Seed 001: The Clatterbridge Cancer Centre's four promises (2022-2025).

Text is kept as written, typing slips included. The ward and directorate codes an action covers
are the demo organisation's (services/feedback_api/demo.py); the seed names roles, not codes.
"""

from __future__ import annotations

from sqlmodel import Session, select

from services.actions_api.jobs.models import Job
from services.actions_api.plans.models import (
    Action,
    ActionStatus,
    Commitment,
    Measure,
    MeasureKind,
    Strategy,
)
from services.actions_api.plans.service import apply_dates
from services.actions_api.yswd import demo as yswd_demo
from services.common.clock import Clock
from services.common.jobs import enqueue

SEED_000 = "Patient & Public Involvement & Engagement Strategy"
SEED_004 = "Patient Experience & Engagement Strategy 2024-2027"
SEED_001 = "Patient Experience, Engagement, Inclusion and Involvement Commitment 2022-2025"

# number, title (the action plan's objective), the pledge as written in the strategy
PLEDGES = [
    (
        1,
        "Membership and Council",
        "Improve the utilisation of our members and widen the responsibilities of our Patient "
        "Council",
    ),
    (
        2,
        "Shadowing/Signage",
        "Introduce In your shoes' project in line with the implementation of The Patient & "
        "Family Centered Care project. Improve signage Trust wide",
    ),
    (
        3,
        "'You said we did'",
        "To pro-actively share 'You Said We Did' using feedback from Complaints/Pals/FFT/ "
        "in-house surveys and external surveys. We will be responsive.",
    ),
    (4, "Mental Health", "We will incorporate Mental Health awareness in everything we do"),
    (5, "Caring", "We will deliver personalised care"),
    (
        6,
        "Digital Transformation",
        "We will transform cancer care using world-class digital technology by digitally "
        "empowering them to actively manage their health and care. We will enable information "
        "sharing through the digitally connected systems across Cheshire and Merseyside. We "
        "will establish a Digital Patient Participation Group (DPPG)",
    ),
    (
        7,
        "Research",
        "We will increase the number of patients taking part in research studies. We will "
        "increase CCC's reputation nationally in Trials and Research. We will ensure patient "
        "access to research wherever they are",
    ),
]

ALL_DIRECTORATES = ["HAEM", "ACUTE", "RADIO", "CHEMO"]

# reference, pledge, objective, action required, date due, responsibility, progress, wards,
# directorates
ACTIONS_000: list[tuple[str, int, str | None, str, str, str, str | None, list, list]] = [
    (
        "P1",
        1,
        "Pledge 1: Membership and Council",
        "Strategy to be shared with Pt Exp, Ctte (Nov 18). PEM to meet with Corp Gov mgr to "
        "establish how we achieve improved engagement from members and council. Action plan to "
        "be developed to achieve pledge.",
        "April 19",
        "PEM/ Corporate Gov Mgr/ Governors",
        "Meeting 27/11 with Govs\nSubstantive Corp Mgr not yet in post",
        [],
        [],
    ),
    (
        "P2a",
        2,
        "Pledge : Shadowing/Signage",
        "Pilot shadowing to take place within IGC ( CDU pathway), outcomes shared with Trust via "
        "Directorate Quality and Safety Cttees to then be rolled out to all departments.",
        "March 19",
        "Quality lead Nurse/ Matrons",
        "ICD to look at planned admissions through Sulby ward and emergency admissions via CDU",
        ["CDU-L", "CDU-W"],
        [],
    ),
    (
        "P2b",
        2,
        "Pledge : Shadowing/Signage",
        "Clear Concise signage across all wards and depts. Trustwide",
        "March 19",
        "Matrons/Propcare",
        "Meeting Jan 2019",
        [],
        ALL_DIRECTORATES,
    ),
    (
        "P3",
        3,
        "Pledge 3: 'You said we did'",
        "Discussions to be held with Comms and IT on how we can utilise TV's and electronic "
        "boards around the Trust and share via website. Action plan to be developed.",
        "April 2019",
        "PEM./ Comms/IT",
        None,
        [],
        [],
    ),
    (
        "P4",
        4,
        "Pledge 4: Mental Health",
        "Linda Morris and Debbie de Jonge to be signed off as Mental Health First Aid trainers."
        "Deliver Mental Health First Aid Courses across the Trust .Training plan to be "
        "developed.\nMental Health awareness to be promoted across Trust",
        "Jan 2019",
        "Additional needs co-ordinator/ E&D lead",
        "Staff members trained in mental health first aid and dementia awareness training",
        [],
        [],
    ),
    (
        "P5",
        5,
        "Pledge 5: Caring",
        "Introduction of a Patient Flow team at CCC-Wirral focus on safe discharge.\nMDT daily "
        "board round to focus on reasons for delays in discharge process and supporting "
        "patients to return home or to alternative level of care as timely as possible.\n"
        "Implementation of a weekly Multi-discharge Event (MDE) year.\nWe aim to implement a 24 "
        "hour post discharge phone call for patients that have required input from the patient "
        "flow team",
        "Dec 18\nJan 19\nApril 19",
        "Matrons",
        None,
        [],
        ["ACUTE"],
    ),
    (
        "P6",
        6,
        "Pledge 6: Digital Transformation",
        "Action plan – see Appendix 1",
        "2020",
        "Business Change Manager/SRO/ AD IM&T",
        None,
        [],
        [],
    ),
    (
        "P7",
        7,
        "Pledge 7: Research",
        "To begin engagement process Q4 2018/19\nMeetings and fora to begin Q1 2019/20\n"
        "Ongoing meetings and panels through 2019/20",
        "2020",
        "Head of Research",
        None,
        [],
        [],
    ),
]

# People the plan names (staff see them; public pages redact them).
PEOPLE_000 = {"P4": ["Linda Morris", "Debbie de Jonge"]}

# Appendix 1: Pledge Six - Digital. reference, objective, action, lead, deadline
DIGITAL_000 = [
    (
        "6-1",
        "Improve the number of patients who feel involved in decisions about their care and "
        "treatment",
        "Create and expand the membership of the Digital Patient Participation Group (DPPG) to "
        "demonstrate future developments and tools to enhance experience, encourage co-design "
        "and empower our patients",
        "Business Change Manger",
        "Q4 2018/19",
    ),
    (
        "6-2",
        "Effective Communication of future digital changes",
        "“You said, we did/are doing” and develop a wide range of communications material via a "
        "wider range of communication channels\nDevelop different methodologies for patient "
        "experience feedback (web, online surveys, touchscreens, DPPG, telephone interviews, "
        "face to face interviews, observational research, patient stories, compliments and "
        "complaints)",
        "Business Change Manger",
        "2018 - 2020",
    ),
    (
        "6-3",
        "Develop and share real people stories",
        "As part of the GDE programme, we will produce case studies for wider sharing and "
        "learning cascaded at Trust Board, Committees and Forums ?include as part of staff "
        "induction?",
        "Business Change Manger",
        "2018 - 2021",
    ),
    (
        "6-4",
        "There is a systematic and consistent approach to analysing patient feedback including "
        "triangulation",
        "Conducting interactive survey’s, acting on feedback and monitoring improvement\n“You "
        "said, we did/are doing” and develop a wide range of communications material via a "
        "wider range of communication channels",
        "Business Change Manger",
        "2018 - 2021",
    ),
    (
        "6-5",
        "Promoting the patient experience standard at the Digital Board",
        "Identify through patient forums, patient representative(s) to join Digital Board",
        "SRO/Associate Director IM&T",
        "2019-2020",
    ),
    (
        "6-6",
        "Promote Patient Engagement across Digit@ll Cheshire & Merseyside",
        "CCC Associate Director of IM&T leading on Patient Engagement for Digit@ll strategy "
        "across Cheshire and Merseyside",
        "Associate Director IM&T",
        "2018 - 2020",
    ),
    (
        "6-7",
        "To improve the health and wellbeing of our patients, making it easier for them to "
        "manage their condition, connect with our services and access help and guidance from "
        "wherever they are",
        "As part of the GDE programme and transforming cancer care, we will launch an online "
        "patient portal, develop useful mobile apps, introduce kiosks and a Telehealth service, "
        "better digital signage, education and entertainment services whilst in hospital and "
        "introduce QR codes to improve safety by ensuring clinicians can access oncology "
        "protocols",
        "Associate Director IM&T",
        "Quarterly",
    ),
    (
        "6-8",
        "Up to date patient experience data relating to digital themes is available for people "
        "to access",
        "Website updated to provide patient survey summaries and resulting service improvements"
        "\nAll survey leads to produce action plans and follow up reports involving staff in "
        "their area by agreed deadlines\nResults posters to be developed and displayed in areas "
        "where surveys have taken place to inform patients and carers",
        "Business Change Manger",
        "Quarterly review",
    ),
]

# Pledge 3 ("Responsive"): Always Events, defined and tested with patients.
ALWAYS_EVENTS_000 = [
    "We will test and redesign our Trust always events to understand what matters to our patients",
    "We will work with our patients to develop a vision for our Trust Always Events",
    "We will assess the impact of Always Events on the improvement of the quality of care for "
    "our patients",
]

AIMS_004 = [
    (
        1,
        "We will engage with people from diverse communities and use the feedback to make "
        "improvements.",
        [
            "CityCare will work to ensure that we work collaboratively with service user/carer "
            "volunteers, staff and local organisations on service changes, and we listen to the "
            "views and feedback from the diverse communities we serve as part of these "
            "processes.",
            "We will continue to increase patient and carer input into Quality Visits.",
            "We will develop a programme of listening activities - drop-in sessions, focus "
            "groups and roadshows in partnership with our local stakeholders.",
            "We will clearly explain what has been done as a result of the feedback we receive; "
            "how the information is used and changes made as a result.",
        ],
        [
            "Examples of changes to the service as a result of patient and public feedback will "
            "be shared at the Community Engagement Assurance Committee and communicated further "
            "at board level, with staff, and the public.",
            "Evidence of Patient/Service User Representatives involved in Quality Visits.",
            "Evidence of any changes that are made as a result of service user input on Quality "
            "Visits.",
            "Routine, scheduled review of care group activities with an appreciative inquiry "
            "approach on what went well and what could have been improved.",
            "Routine, scheduled stakeholder review of the Patient Experience and Engagement "
            "Strategy, learning what we are doing well, what we could do better, what is having "
            "the best outcomes.",
            "Achievement of agreed patient experience and engagement action plans each year.",
            "Analysis of service user survey results and actions undertaken to address/improve.",
        ],
    ),
    (
        2,
        "We will improve the accessibility of services and information for patients with "
        "diverse needs.",
        [
            "We will harness the use of information technology in existing and new ways to "
            "support how we collect and use feedback and how we communicate with our patients, "
            "families and carers.",
            "Reviewing patient information leaflets across the organisation and ensure these "
            "are up to date, available in accessible formats and in different languages, "
            "recognising the impact that digital poverty has on access to information on "
            "services.",
            "Utilising the Hello my name is... campaign for more compassionate care based on the "
            "importance of introductions to make a human connection and build trust.",
            "Improving information for patients with sensory impairments, ensuring that "
            "information is accessible.",
        ],
        [
            "Improvement in the national survey questions regarding conflicting or "
            "contradictory information will be measured across the annual and bi-annual "
            "national surveys.",
            "Reduced number of complaints about communication.",
        ],
    ),
    (
        3,
        "We will expand our diverse and representative pool of patient representatives and "
        "volunteers.",
        [
            "We will improve communication and engagement with our members through the "
            "Community Engagement Assurance Group and the wider public in liaison with the "
            "network of community groups involved Nottingham Council for Voluntary Services and "
            "Nottingham City Council.",
            "We will enable volunteers to have an effective voice, collaborate with us in the "
            "work we do and play a key and valued role in the organisation.",
            "We will provide training, clear roles and support to enable volunteers to have a "
            "real impact on the organisation and to develop and take up opportunities.",
            "We want to ensure that patients and their families or carers are recognised as "
            "equal partners in their care, giving them a say in the design and delivery of our "
            "services and our organisation.",
            "There needs to be greater clarity on role and support for patients who are involved "
            "in our work and clearer routes of progression to ensure that pool of patient "
            "representatives and volunteers is constantly being refreshed.",
        ],
        [
            "Patient stories and patient representative involvement at Board and senior "
            "management committees and groups.",
            "Annual reports on the effectiveness of patient and public engagement initiatives.",
            "Increase in trained volunteers undertaking quality visit roles.",
            "Increase in engagement with users of children's services.",
            "Development of bank of experts by experience.",
            "Increased number and range of opportunities for Volunteering.",
        ],
    ),
    (
        4,
        "We will develop a systematic approach to analysing reports from engagement "
        "activities, formal complaints, concerns and routinely collected service user "
        "experience data.",
        [
            "We will listen to our patients, service users and carers in a variety of ways that "
            "enables their feedback and views to be heard. We will use the information we "
            "receive intelligently and with understanding, so we respond honestly and make "
            "changes that improve people’s health and wellbeing.",
            "We will develop a coherent approach to map experience and feedback across "
            "CityCare, giving a system level view back to care groups.",
            "We will adopt a targeted approach to identify and address areas of priority.",
            "We will improve our response rate to complaints.",
        ],
        [
            "Patient satisfaction survey results and comments",
            "Friends and Family feedback results",
            "CQC report",
            "Learning and action taken from complaints and concerns will be shared throughout "
            "the organisation and with the public.",
            "Publishing quarterly feedback for patients, families and carers across CityCare, "
            "highlighting what changes we have made in response to concerns.",
            "‘You Said, We Did’ displayed on noticeboards across hospital and community sites, "
            "the CityCare webpage and internal newsletters.",
            "Numbers of unresolved and overdue complaints.",
            "Number of complaints about staff attitude and behaviour.",
            "Positivity of surveys.",
            "Routine, scheduled review of care group activities with an appreciative inquiry "
            "approach on what went well and what could have been improved.",
            "Review of qualitative and quantitative feedback about patient experience and "
            "engagement.",
            "Routine, scheduled stakeholder review of the Patient Experience and Engagement "
            "Strategy, learning what we are doing well, what we could do better, what is having "
            "the best outcomes.",
        ],
    ),
]
# Measures that are counts where fewer is better.
FEWER_IS_BETTER = ("Reduced number of complaints", "Numbers of unresolved", "Number of complaints")

PROMISES_001 = [
    (1, "We will listen, hear, learn and act"),
    (
        2,
        "We will communicate clearly in ways you can understand and demonstrate that hearing is "
        "happening",
    ),
    (
        3,
        "We will act upon your feedback, involvement and engagement, demonstrating that what "
        "matters to you matters to us",
    ),
    (
        4,
        "We will give patients a leading voice and support each other to develop innovative "
        "ways to obtain feedback, involve and engage with you",
    ),
]
PROMISE_ACTIONS_001 = [
    ("C1", 1, "Collecting your feedback", "We will continue to collect your feedback in "
     "different ways to suit your needs."),
    ("C2", 1, "Reporting your feedback", "We will work with patient and carer representatives "
     "to streamline our committees, in line with feedback we receive."),
    ("C3", 3, "Acting on your feedback", "We will publish regular reports and action plans. We "
     "will use ‘You said, we heard’ displays on the department TV screens and noticeboards to "
     "keep you informed of local issues."),
    ("C4", 4, "Personalising your feedback", "We will provide individually tailored support "
     "for everyone who has concerns."),
]  # fmt: skip


def _strategy(session: Session, title: str, **fields) -> Strategy | None:
    if session.exec(select(Strategy).where(Strategy.title == title)).first() is not None:
        return None
    strategy = Strategy(title=title, **fields)
    session.add(strategy)
    session.flush()
    return strategy


def _action(strategy: Strategy, commitment: Commitment | None, clock: Clock, **fields) -> Action:
    due, start = fields.pop("due", None), fields.pop("start", None)
    progress = fields.get("progress_text")
    now = clock.now()
    action = Action(
        strategy_id=strategy.id,
        commitment_id=commitment.id if commitment else None,
        status=(ActionStatus.on_track if progress else ActionStatus.not_started).value,
        created_at=now,
        updated_at=now,
        **fields,
    )
    apply_dates(action, start=start, due=due)
    return action


def load_seed_000(session: Session, clock: Clock) -> Strategy | None:
    strategy = _strategy(
        session,
        SEED_000,
        organisation="The Clatterbridge Cancer Centre NHS Foundation Trust",
        summary=(
            "The Strategy consists of 7 key pledges. Operational oversight of the delivery of "
            "the strategy will be The Quality and Safety Sub- Committee which will have a focus "
            "on patient experience and through the Governors' Patient Experience Committee."
        ),
        source="seed 000",
    )
    if strategy is None:
        return None
    pledges = {}
    for number, title, text in PLEDGES:
        pledges[number] = Commitment(
            strategy_id=strategy.id, kind="pledge", number=number, title=title, text=text
        )
        session.add(pledges[number])
    session.flush()
    for ref, pledge, objective, title, due, role, progress, wards, dirs in ACTIONS_000:
        session.add(
            _action(
                strategy,
                pledges[pledge],
                clock,
                reference=ref,
                objective=objective,
                title=title,
                due=due,
                lead_role=role,
                progress_text=progress,
                people=PEOPLE_000.get(ref, []),
                wards=wards,
                directorates=dirs,
            )
        )
    for ref, objective, title, lead, deadline in DIGITAL_000:
        session.add(
            _action(
                strategy,
                pledges[6],
                clock,
                reference=ref,
                objective=objective,
                title=title,
                due=deadline,
                lead_role=lead,
            )
        )
    for title in ALWAYS_EVENTS_000:
        session.add(
            Measure(
                strategy_id=strategy.id,
                commitment_id=pledges[3].id,
                kind=MeasureKind.always_event.value,
                title=title,
                defined_with_patients=True,
            )
        )
    session.flush()
    return strategy


def load_seed_004(session: Session, clock: Clock) -> Strategy | None:
    strategy = _strategy(
        session,
        SEED_004,
        organisation="Nottingham CityCare Partnership",
        period="2024-2027",
        source="seed 004",
    )
    if strategy is None:
        return None
    for number, text, actions, measures in AIMS_004:
        aim = Commitment(strategy_id=strategy.id, kind="aim", number=number, title=text, text=text)
        session.add(aim)
        session.flush()
        for index, action in enumerate(actions, start=1):
            session.add(
                _action(
                    strategy,
                    aim,
                    clock,
                    reference=f"A{number}.{index}",
                    title=action,
                    lead_role="Patient & Public Experience Lead",
                    due="2024 - 2027",
                )
            )
        for measure in measures:
            session.add(
                Measure(
                    strategy_id=strategy.id,
                    commitment_id=aim.id,
                    title=measure,
                    higher_is_better=not measure.startswith(FEWER_IS_BETTER),
                    source=(
                        {"figure": "fft_positive"}
                        if measure.startswith("Friends and Family")
                        else None
                    ),
                )
            )
    session.flush()
    return strategy


def load_seed_001(session: Session, clock: Clock) -> Strategy | None:
    strategy = _strategy(
        session,
        SEED_001,
        organisation="The Clatterbridge Cancer Centre NHS Foundation Trust",
        period="2022-2025",
        source="seed 001",
    )
    if strategy is None:
        return None
    promises = {}
    for number, text in PROMISES_001:
        promises[number] = Commitment(
            strategy_id=strategy.id, kind="promise", number=number, title=text, text=text
        )
        session.add(promises[number])
    session.flush()
    for ref, promise, objective, title in PROMISE_ACTIONS_001:
        session.add(
            _action(
                strategy,
                promises[promise],
                clock,
                reference=ref,
                objective=objective,
                title=title,
                due="2022 - 2025",
                lead_role="Patient Experience & Inclusion Group",
            )
        )
    session.flush()
    return strategy


def load(session: Session, clock: Clock) -> list[str]:
    """Load the seed strategies that are not there yet; returns the titles loaded. Their public
    text is redacted by the worker (through feedback_api) before any public page shows it."""
    loaded = [
        f"the plan {s.title}"
        for s in (
            load_seed_000(session, clock),
            load_seed_004(session, clock),
            load_seed_001(session, clock),
        )
        if s is not None
    ]
    if loaded:
        enqueue(session, Job, "redact_public_text", {})
    if yswd_demo.load(session, clock):
        loaded.append('three demo "You said, we did" entries awaiting approval')
    session.commit()
    return loaded
