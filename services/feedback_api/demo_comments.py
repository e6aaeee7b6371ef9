"""The invented words of the demo: comments for every channel Heard collects, on the topics the
seed strategies care about (being kept informed, waiting, discharge, food, staff attitude,
signage, parking, noise, digital services), so that the same themes turn up across FFT, PALS,
complaints, surveys and the other channels.

Nothing here was said by a patient. The few comments that carry personal data use made-up names
and numbers from ranges kept for fiction and testing: Ofcom's drama numbers (07700 900xxx), the
example.org and example.com domains, and NHS numbers from the 999 test range (with a valid check
digit, so the redaction treats them as real ones). Themes, sentiment and urgency are never set
here: the analyser gives them, as it does for real feedback.

Comments for a ward are grouped by the ward's FFT setting: "in" for the inpatient wards, "out"
for the day units, radiotherapy and outpatients, "any" for both.
"""

from __future__ import annotations

from dataclasses import dataclass

Pool = dict[str, list[str]]

FFT_POSITIVE: Pool = {
    "any": [
        "The nurses were kind and caring from the moment I arrived.",
        "Staff explained everything about my treatment and answered all my questions.",
        "Treated with dignity and respect throughout. Thank you all.",
        "I felt listened to and involved in every decision about my care.",
        "Everyone was friendly and nothing was too much trouble.",
        "The doctor took time to explain my scan results and what happens next.",
        "Excellent care from start to finish, I could not fault it.",
        "Staff were cheerful and reassuring even though they were so busy.",
    ],
    "in": [
        "Clean ward, lovely food and the staff always had time for a chat.",
        "The night staff checked on me regularly and made sure I was comfortable.",
        "My pain was controlled well and the nurses came quickly when I needed them.",
        "My wife was made welcome and included in every conversation about my care.",
        "The ward was spotless and the meals were hot and tasty.",
    ],
    "out": [
        "The radiographers put me at ease every single day of my treatment.",
        "Appointments ran on time and the reception team were very welcoming.",
        "The volunteers on the chemo unit made the long days much easier.",
        "Seen on time every day and the team always remembered my name.",
        "The chemotherapy nurses were gentle and explained each drug before giving it.",
    ],
}
FFT_NEGATIVE: Pool = {
    "any": [
        "I had to repeat my history to four different people.",
        "The receptionist was rude and made me feel like a nuisance.",
        "Signs to the department are confusing and I got lost twice.",
        "The phone line is always engaged and nobody rings back.",
        "Some staff were abrupt and did not introduce themselves.",
    ],
    "in": [
        "The ward was noisy at night and I could not sleep.",
        "Call bell took a long time to be answered at night.",
        "Food was cold by the time it reached me.",
        "Waited all day to go home because my medicines were not ready.",
        "There are not enough nurses at night, they were run off their feet.",
        "The toilets on the ward were not cleaned often enough.",
        "No vegetarian choice on the menu most days.",
    ],
    "out": [
        "Waited over three hours for my chemotherapy with no explanation.",
        "Parking is impossible and very expensive for patients coming every day.",
        "My appointment letter arrived after the appointment date.",
        "Treatment started an hour late every day this week.",
        "The waiting area was crowded and there were not enough chairs.",
    ],
}
FFT_MIXED: Pool = {
    "any": [
        "Lovely staff, but the phone line was always engaged when I rang.",
        "Good care overall but nobody seemed to know when I would be seen.",
    ],
    "in": [
        "Treatment was excellent, discharge took all day though.",
        "Nurses were great but the food was bland and often cold.",
    ],
    "out": [
        "Care was good but the waiting area was cramped and too warm.",
        "Friendly radiographers, but the car park is a nightmare.",
    ],
}
# The two follow-up questions some FFT surveys ask.
GOOD_ANSWERS = [
    "Kind, patient nurses.",
    "Being kept informed about my treatment plan.",
    "The volunteers and the tea trolley.",
    "Quick scans and friendly radiographers.",
    "Clean and calm environment.",
]
BETTER_ANSWERS = [
    "Shorter waits on the day unit.",
    "Cheaper parking for patients having daily treatment.",
    "Clearer letters about appointments.",
    "Quieter wards at night.",
    "Better signs from the main entrance.",
    "Hotter food and more choice.",
]

# Complaints, concerns and PALS enquiries, each with the KO41a subjects its case is recorded
# against: (comment, subjects).
Raised = dict[str, list[tuple[str, list[str]]]]

COMPLAINTS: Raised = {
    "any": [
        (
            "The nurse in charge was dismissive and rude when I asked why my father's pain "
            "relief was late. I do not expect to be spoken to like that.",
            ["values_behaviours", "patient_care"],
        ),
        (
            "Staff talked over my wife as if she was not there and never asked what she wanted.",
            ["values_behaviours", "privacy_dignity"],
        ),
        (
            "We were told my dad would have a scan on Monday, then Wednesday, then the following "
            "week. The plan changed every day and nobody could say why.",
            ["communications", "appointments"],
        ),
        (
            "I was discharged without the results of my blood test and had to ring three times "
            "the next week to be told them.",
            ["communications", "admissions_discharges"],
        ),
    ],
    "in": [
        (
            "I am complaining about my husband's discharge. He was told at 9am he could go home, "
            "then waited until 7pm for his medication and transport, sitting in a chair with no "
            "lunch.",
            ["admissions_discharges", "waiting_times"],
        ),
        (
            "My mother was on the ward for ten days and the food was inedible. It arrived cold, "
            "nobody helped her to eat, and her trays were taken away untouched.",
            ["patient_care", "facilities"],
        ),
        (
            "The bay was filthy. Bins were overflowing and the bathroom floor was wet for a whole "
            "day.",
            ["facilities"],
        ),
    ],
    "out": [
        (
            "I waited four hours past my appointment time for chemotherapy with no explanation. "
            "When I asked at reception I was told to sit down and wait like everyone else.",
            ["waiting_times", "values_behaviours"],
        ),
        (
            "My radiotherapy appointments were moved three times by text message with no reason "
            "given, and I had to rearrange my lift each time.",
            ["appointments", "communications"],
        ),
        (
            "I was charged for parking every day of a six week course of radiotherapy even "
            "though I was told patients on daily treatment park for free.",
            ["facilities"],
        ),
    ],
}
CONCERNS: Raised = {
    "any": [
        (
            "I am worried my appointment has been lost, I have heard nothing for six weeks.",
            ["appointments"],
        ),
        (
            "Raising a concern about how long it takes for anyone to answer the phone.",
            ["communications"],
        ),
    ],
    "in": [
        (
            "Concerned that my mum is not drinking enough on the ward and nobody is writing it "
            "down.",
            ["patient_care"],
        ),
        (
            "My dad is being sent home tomorrow and we do not know what support he will have.",
            ["admissions_discharges", "communications"],
        ),
        (
            "The menu does not suit my diet after surgery and I am struggling to eat.",
            ["patient_care"],
        ),
    ],
    "out": [
        (
            "The hot water in the relatives' room has been broken for a fortnight.",
            ["facilities"],
        ),
    ],
}
PALS: Raised = {
    "any": [
        (
            "Could someone tell me when my scan results will be ready? I was told a week and it "
            "has been three.",
            ["communications"],
        ),
        ("Asking for a copy of the leaflet about side effects in large print.", ["communications"]),
        (
            "Wanted to pass on thanks to the team for their kindness to my father.",
            ["values_behaviours"],
        ),
    ],
    "in": [
        ("I have rung the ward five times today and nobody answers the phone.", ["communications"]),
        (
            "My husband is due home tomorrow and we have not been told what equipment he needs.",
            ["admissions_discharges"],
        ),
        (
            "Asking who to speak to about food for my mother who has a soft diet.",
            ["patient_care"],
        ),
    ],
    "out": [
        (
            "I need help rearranging my radiotherapy around my daughter's wedding.",
            ["appointments"],
        ),
        (
            "Caller asking for directions to the Proton Beam Therapy centre and where to park.",
            ["facilities"],
        ),
        ("Help with a parking refund for a patient on daily treatment.", ["facilities"]),
        (
            "Please can someone explain why my chemotherapy has been delayed again?",
            ["waiting_times", "communications"],
        ),
    ],
}

COMPLIMENTS: Pool = {
    "any": [
        "Please pass on my thanks to the nurses, who always explained what they were doing.",
        "Thank you to the volunteers who walked me to the department when I got lost.",
        "The whole team treated my son with respect and let him make his own choices.",
        "Your staff kept me informed at every step. I never felt left in the dark.",
    ],
    "in": [
        "A card to the ward: thank you for looking after Dad so well in his last days. You were "
        "all so kind to us.",
        "The discharge was so well organised, everything was ready and the nurse rang me the "
        "next day.",
        "I wanted to say how good the food has been on the ward this time, hot and plenty of "
        "choice.",
    ],
    "out": [
        "Thank you to the radiotherapy team for making every visit feel calm and friendly.",
        "Thank you to the chemo nurses, you made a hard few months so much easier.",
    ],
}
# The trust's own survey: the answer to "Is there anything else you would like to tell us?"
INHOUSE_SURVEY: Pool = {
    "any": [
        "The information before my first treatment was clear and I knew what to expect.",
        "Staff always introduced themselves and explained what they were doing.",
        "It was hard to find the unit from the car park, the signs are poor.",
        "I was kept informed at every stage and felt involved in my care.",
        "Nobody told me the clinic had moved to another floor.",
        "Lovely staff who made a frightening time much easier.",
    ],
    "in": [
        "Meals were better than I expected, but the portions were small.",
        "Discharge was slow, I waited hours for my medicines.",
        "The ward was too hot and noisy at night.",
    ],
    "out": [
        "It would help to be told how long the wait will be when clinics are running late.",
        "Parking costs add up when you come every day for weeks.",
    ],
}
# National Cancer Patient Experience Survey free text, imported once a year for each site.
NATIONAL_SURVEY = [
    "The specialist nurse was brilliant and always rang back the same day.",
    "I was given my diagnosis in a corridor with no privacy.",
    "Waiting times between tests and results were far too long and very stressful.",
    "I did not know who to contact out of hours when I felt unwell.",
    "Every member of staff treated me with kindness and respect.",
    "Being discharged felt rushed, I was not told what to look out for at home.",
    "The hospital food was poor and there was little choice for my diet.",
    "Communication between the hospital and my GP was poor, my GP did not know my plan.",
    "Excellent care, clear explanations, and my family were included throughout.",
    "Parking was difficult and expensive every visit.",
    "I felt the staff were too busy to talk to me about my worries.",
    "Very good information about my treatment and side effects.",
]
PATIENT_STORIES: Pool = {
    "any": [],
    "in": [
        "My story: after my operation I was sent home on a Friday evening. Nobody told me who to "
        "call and I spent the weekend worrying about my wound.",
        "My story: my husband has dementia and the ward let me stay with him. The staff "
        "included me in his care and it made him calmer.",
    ],
    "out": [
        "My story: the first day of chemotherapy I was terrified. The nurse sat with me, "
        "explained every step and made me a cup of tea. That made all the difference.",
        "My story: coming every day for radiotherapy from Wales was exhausting, and the cost of "
        "parking added up. The transport team helped in the end.",
    ],
}
# Matrons' rounds and managers' walkabouts: staff write down what patients told them.
WALKABOUT: Pool = {
    "any": [
        "Walkabout: signage to the unit from the main entrance confusing, two visitors lost.",
        "Walkabout: relatives said they were not told about the change to visiting times.",
    ],
    "in": [
        "Matron's round: two patients in bay 2 said the night noise from the nurses' station "
        "keeps them awake.",
        "Matron's round: patients praised the new menu and said meals arrive hot.",
        "Walkabout: patients waiting for discharge medicines since the morning.",
        "Matron's round: patients said staff are kind but clearly short staffed at weekends.",
    ],
    "out": [
        "Walkabout: patients in the waiting area said clinics are running an hour late with no "
        "updates.",
    ],
}
SOCIAL_MEDIA = [
    "Huge thanks to the team at Clatterbridge, you have been amazing throughout my treatment.",
    "Three hours in the waiting room today and not a word from anyone about the delay.",
    "Why is parking so expensive for cancer patients? Every single day of treatment.",
    "The staff on the ward were so kind to my nan. Thank you all.",
    "Tried to ring the unit all morning, nobody picked up.",
    "Lovely calm building and the volunteers are wonderful.",
]
QUALITY_VISITS: Pool = {
    "any": [
        "Governor quality visit: patients felt well informed and involved in decisions.",
        "Quality visit: patients unsure who the nurse in charge was and when the doctors would "
        "come.",
    ],
    "in": [
        "Quality visit: patients reported long waits for pharmacy before going home.",
        "Quality visit: the ward was clean and calm, patients spoke highly of the nurses.",
    ],
    "out": [],
}
FOCUS_GROUPS = [
    "Focus group of carers: carers want to be told about discharge plans earlier so they can get "
    "ready at home.",
    "Focus group: patients said letters are hard to read and ask for easy read versions.",
    "Teenage and young adult focus group: the unit needs better wifi and more to do in the "
    "evenings.",
]
# The Digital Patient Participation Group of pledge six.
DPPG = [
    "DPPG: members found the patient portal hard to log in to and asked for simpler steps.",
    "DPPG: video appointments work well for follow ups but need a phone number if the link fails.",
    "DPPG: text reminders for appointments are welcome, the wording should say which site.",
    "DPPG: the wifi in the day unit keeps dropping, which matters on long treatment days.",
]
CLINICAL_AUDIT: Pool = {
    "any": [],
    "in": [
        "Nutrition audit, patient comments: several patients said meals arrive cold and help "
        "with eating is not always offered.",
        "Discharge audit, patient comments: most patients did not know their expected discharge "
        "date.",
        "Pain audit, patient comments: patients said pain was checked regularly and relief came "
        "quickly.",
    ],
    "out": [],
}
PERFECT_WARD: Pool = {
    "any": [],
    "in": [
        "Perfect Ward patient interview: the patient said staff are kind and call bells are "
        "answered quickly.",
        "Perfect Ward patient interview: the patient said the ward is noisy at night.",
        "Perfect Ward patient interview: the patient did not know the plan for going home.",
        "Perfect Ward patient interview: the patient said the food choice is good.",
    ],
    "out": [],
}

# The demo's hotspot: on Ward 4, patients and families not kept informed, heard through FFT,
# PALS, concerns and complaints at once (listed with the channels mixed). (channel, comment)
NOT_KEPT_INFORMED = [
    ("fft", "Not kept informed about my dad's care, we had to chase for every update."),
    (
        "pals",
        "Family not kept informed about the plan for their mother since Monday, asking for an "
        "update.",
    ),
    ("fft", "I was not kept informed about when my operation would be."),
    (
        "concern",
        "We have not been kept informed about my father's care and nobody returns our calls.",
    ),
    ("fft", "We were not kept informed when his discharge was delayed."),
    (
        "complaint",
        "Nobody told us my wife had been moved to another bed overnight. We are not kept "
        "informed about her care and always the last to know.",
    ),
    ("fft", "I was not kept informed about the results of my tests."),
    (
        "pals",
        "Please keep families better informed, we were told nothing about Dad's care for days.",
    ),
    ("fft", "Very poor communication on the ward, I was not kept informed about my own treatment."),
    (
        "concern",
        "The family are not being kept informed and get different answers from each nurse.",
    ),
    ("fft", "Frustrating that we were not kept informed about delays to my husband's treatment."),
    ("fft", "Still waiting to be told the results of my scan, nobody has kept me informed."),
]


@dataclass(frozen=True)
class Placed:
    """A comment given on a set day: days before today, channel, ward, FFT answer (FFT only) and
    the KO41a subjects of the case it opens (complaints, concerns and PALS)."""

    days_ago: int
    channel: str
    ward_code: str
    comment: str
    fft_answer: int | None = None
    subjects: tuple[str, ...] = ()


# Comments that need urgent attention, written with care.
URGENT = [
    Placed(
        1,
        "fft",
        "CDU-W",
        "Since my diagnosis I have felt that my family would be better off without me and I have "
        "thought about ending my life. I have not told anyone.",
        fft_answer=5,
    ),
    Placed(
        3,
        "pals",
        "RT-L",
        "I am worried about my neighbour who is having treatment with you. Her son takes her "
        "money and she is frightened of him, and she has bruises she will not explain.",
        subjects=("other",),
    ),
    Placed(
        5,
        "concern",
        "L5",
        "My dad was left in a soaking wet bed all night and nobody answered his buzzer. He fell "
        "trying to get to the toilet and hit his head.",
        subjects=("patient_care", "staff_numbers"),
    ),
]

# Comments with invented personal data: staff see placeholders, the PALS officer the words as
# written.
PERSONAL = [
    Placed(
        2,
        "pals",
        "RT-L",
        "Please ring me back on 07700 900461 about moving my radiotherapy, my NHS number is "
        "999 000 0042.",
        subjects=("appointments",),
    ),
    Placed(
        4,
        "fft",
        "RT-L",
        "Nurse Bronwen Ellery was wonderful every single day, please thank her from me.",
        fft_answer=1,
    ),
    Placed(
        6,
        "complaint",
        "RT-L",
        "My appointment letter went to my old address. I now live at 14 Harbour View, Liverpool "
        "L3 4AQ, email sam.demo@example.org.",
        subjects=("trust_administration", "appointments"),
    ),
    Placed(
        9,
        "fft",
        "L4",
        "Dr Alasdair Penhallow explained everything clearly. You can reach me on "
        "demo.patient@example.com if you want to hear more.",
        fft_answer=2,
    ),
    Placed(
        12,
        "inhouse_survey",
        "CDU-L",
        "Sister Marguerite Oyelaran made my first chemo much less frightening. Call me on "
        "07700 900118 if you need a patient to talk to new patients.",
    ),
    Placed(
        15,
        "pals",
        "L3",
        "My mum's NHS number is 999 876 5439 and she was born on 12/03/1941. She needs her "
        "hearing aid sent on to her, please call 07700 900733.",
        subjects=("patient_care",),
    ),
]


def case_subjects(comment: str) -> list[str]:
    """The KO41a subjects for the case opened from a demo complaint, concern or PALS comment."""
    for pool in (COMPLAINTS, CONCERNS, PALS):
        for entries in pool.values():
            for text, subjects in entries:
                if text == comment:
                    return subjects
    for placed in URGENT + PERSONAL:
        if placed.comment == comment and placed.subjects:
            return list(placed.subjects)
    return ["communications"]  # the hotspot's comments: not kept informed
