"""The urgency rules as a reviewer meets them: which comments come to the top as urgent."""

from __future__ import annotations

import pytest

from services.feedback_api.analysis.criticality import critical_concepts, is_critical


@pytest.mark.parametrize(
    "text",
    [
        "Nobody told us about the discharge until the transport arrived.",
        "I had a fall last year and nobody explained why the clinic was moved.",
        "The nurse explained the risk of falls and nobody rushed me.",
        "I fell asleep in the waiting room and no one called my name for an hour.",
        "A man was shouting abuse at the receptionist and security dealt with him calmly.",
        "Staff had to deal with an abusive patient who was swearing at everyone.",
        "The play team helped my son practise with his knife and fork.",
        "The machine gun questions at triage felt a bit much.",
        "The receptionist took my phone number and called me back.",
        "I am in danger of losing my job if my appointment is moved again.",
        "I feel very neglected by this service, my appointment was cancelled twice.",
        "The crisis team stopped me from ending my life and I will always be grateful.",
        "I was tied up on the phone for an hour trying to book.",
        "I was very dehydrated when I arrived after being sick all night.",
        "We know Mum is safe here, away from harm and abuse.",
        "I was worried Dad would be neglected on a busy ward, but it was the opposite.",
    ],
)
def test_complaints_idioms_and_put_to_rest_worries_are_not_urgent(text):
    assert critical_concepts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Nobody believed her when she said she was being abused.",
        "The staff did nothing when he was hit by another patient.",
        "She had a fall on the ward and nobody told the family.",
        "Dad fell out of bed and the staff did not x-ray him.",
        "Mum became badly dehydrated because nobody helped her drink.",
        "The patient in the next bed shouted abuse at my mother and grabbed her arm.",
        "I was worried he was being neglected at home and nobody listened.",
        "They tied him to the chair with a sheet.",
    ],
)
def test_negations_do_not_hide_what_others_failed_to_do(text):
    assert is_critical(text)


@pytest.mark.parametrize(
    "text",
    [
        "My dad says he is tired of life and keeps asking what the point is.",
        "She told me she has nothing left to live for since the baby died.",
        "My son says he doesn't want to live and the GP just gave him leaflets.",
        "He has been giving his belongings away to friends all week.",
        "I found my daughter had been googling ways to kill herself.",
        "She was found with a ligature in her room on the ward.",
        "He texted me saying tonight would be his last night.",
        "Sometimes I hope I don't wake up in the morning.",
        "I told the crisis team I couldn't keep myself safe and they said ring back tomorrow.",
        "She stepped out in front of a bus on purpose.",
        "I am planning to end it all after Christmas.",
        "My son punches the wall until his hands bleed.",
        "I found razor blades hidden under her mattress.",
        "My daughter swallowed batteries and A&E sent her home.",
    ],
)
def test_suicide_and_self_harm_said_without_the_words_are_urgent(text):
    assert {"suicide", "self-harm"} & set(critical_concepts(text))


@pytest.mark.parametrize(
    "text",
    [
        "I lost the will to live waiting on hold for an hour.",
        "I didn't want to carry on with the physio exercises.",
        "They said this would be my last appointment, which was a relief.",
        "The anti-ligature fittings on the ward look very clinical.",
        "I wanted to end things with my old GP practice and move here.",
        "Hitting the wall with exhaustion after a night shift, the staff were still lovely.",
        "The nurse asked about thoughts of harming myself, which I appreciated.",
        "They saved my husband's life after his heart attack.",
    ],
)
def test_sayings_that_borrow_words_of_despair_are_not_urgent(text):
    assert not is_critical(text)


@pytest.mark.parametrize(
    "text",
    [
        "The carer gripped Mum's arm so hard it left bruises.",
        "The care assistant screamed in my nan's face when she asked for the toilet.",
        "They took his walking frame away so he couldn't get up.",
        "Her nephew got her to sign over her bungalow to him.",
        "Her husband won't let her see her family or go out alone.",
        "The doctor made me undress for an ear infection and there was no chaperone.",
        "He tried to choke me in front of the children.",
        "My ex said he would make me disappear.",
        "Dad came back from the home with a broken wrist and nobody could say what happened.",
    ],
)
def test_abuse_by_staff_family_or_others_is_urgent_however_it_is_put(text):
    assert "abuse" in critical_concepts(text) or "threat" in critical_concepts(text)


@pytest.mark.parametrize(
    "text",
    [
        "My 13 year old is messaging a grown man she met online.",
        "My son is being made to carry drugs in exchange for trainers.",
        "The kids next door are left outside in the cold until late every night.",
        "I am scared of what he will do when I get home.",
        "A patient with dementia slipped out of the ward and was found miles away.",
    ],
)
def test_children_and_vulnerable_adults_at_risk_are_urgent(text):
    assert "safeguarding" in critical_concepts(text)


@pytest.mark.parametrize(
    "text",
    [
        "The nurse grabbed my hand when I cried and stayed with me.",
        "They took my glasses away to clean them, which was thoughtful.",
        "They won't let me out of hospital until my bloods are better.",
        "The nurse asked me to undress and gave me a gown, very professional.",
        "The children's ward had lovely play staff and the kids were never left unattended.",
        "I was scared of what the scan would show but the results were fine.",
        "I came home with a bruise from the cannula.",
    ],
)
def test_ordinary_care_that_sounds_like_abuse_is_not_urgent(text):
    assert not is_critical(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mum hasn't been washed for four days and her hair is matted.",
        "Grandad has had the same pad on since yesterday morning and his skin is breaking down.",
        "He wasn't given his antibiotics for two days and got sepsis.",
        "My husband has Parkinson's and they missed his medication twice.",
        "He has a huge sore on his bottom that nobody has dressed.",
        "My dad was left on the floor after falling and staff stepped over him.",
        "Nobody took my grandmother to the toilet so she had to wet the bed.",
        "My son's feeding tube was blocked for a day and nobody fixed it.",
        "Mum has lost a lot of weight because nobody helps her eat.",
    ],
)
def test_neglect_in_everyday_words_is_urgent(text):
    assert "neglect" in critical_concepts(text)


@pytest.mark.parametrize(
    "text",
    [
        "The nurse gave my mum penicillin even though we told them she is allergic.",
        "They removed the wrong tooth.",
        "Dad was given his insulin twice in one morning and had a hypo.",
        "My baby went limp and blue and the nurse said she was fine.",
        "She was slurring her words and the doctor said she was just drunk.",
        "Our baby had a purple rash and 111 told us to give Calpol and wait.",
        "He was having chest pains and nobody came for an hour.",
        "My grandad died on the floor waiting for an ambulance.",
        "The paramedics refused to take my wife to hospital and she died that night.",
        "My husband's cancer was missed for two years even though he kept going back.",
        "They discharged her with a temperature and she was back in intensive care the next day.",
    ],
)
def test_errors_and_deterioration_left_unanswered_are_urgent(text):
    assert is_critical(text)


@pytest.mark.parametrize(
    "text",
    [
        "My father keeps asking the nurses to help him die.",
        "My son said he'd rather be dead than go back to that unit.",
        "Our son told his teacher he thinks about dying every day.",
        "My mum says life isn't worth living since Dad died.",
        "I saw a nurse kick a patient who was lying on the floor.",
        "My husband hurts me when he drinks.",
        "The home gives Mum sleeping tablets every afternoon so she doesn't bother them.",
        "The baby in the flat above screams for hours and nobody takes him out.",
    ],
)
def test_wordings_no_single_phrase_covers_are_urgent(text):
    assert is_critical(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mum wanted to die at home and the team made it happen.",
        "The waiting room was so hot I thought I would die.",
        "I nearly died of embarrassment when my name was called out.",
        "My dad was dying and the hospice made his last days so peaceful.",
        "No one washed my mum's hair for days but otherwise care was good.",
        "I was given an alternative because I'm allergic to penicillin.",
        "The receptionist sent me to the wrong side of the building.",
        "He was having chest pains so they took him straight in and did an ECG.",
        "My son had a fall at school and the fracture clinic was excellent.",
        "Leaflets about self-harm support were in the waiting room.",
        "The pharmacist warned me about the risk of overdose with paracetamol.",
        "No one ever made me feel unsafe.",
        "The leaflet on domestic abuse in the toilets is a good idea.",
        "Counselling helped me deal with the abuse I suffered as a child.",
        "I used to self-harm but the support group helped me stop years ago.",
    ],
)
def test_care_and_sayings_that_mention_death_harm_or_abuse_are_not_urgent(text):
    assert not is_critical(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mum was sent home from hospital with a broken hip they hadn't noticed.",
        "My friend was left bleeding in the waiting room for six hours after a miscarriage.",
        "The midwife said it was normal and he ended up in NICU.",
        "My son's appendix burst while they kept telling us it was constipation.",
        "My dad collapsed in the car park and the staff said it wasn't their job to go out.",
        "They didnt give Mum any water overnight and her lips were cracked.",
        "My husband with MS was left in his chair all night.",
        "I'm going to do something stupid if someone doesn't help me soon.",
        "I took a load of my mum's tablets last week and no one has followed it up.",
        "The night nurse told my dad to shut up and pinned his arms down.",
        "My nephew is 11 and is often out until 2am with no adult knowing where he is.",
    ],
)
def test_a_serious_state_with_a_failure_of_care_is_urgent_in_plain_words(text):
    assert is_critical(text)


@pytest.mark.parametrize(
    "text",
    [
        "They kept my son in overnight after his head injury to be safe.",
        "I forgot my dressing pack but the nurse found one, and the ulcer is healing.",
        "She was monitored closely after her allergic reaction and recovered well.",
        "My nan with dementia was well looked after and never wandered off.",
        "Jackie's support has helped me beat my addiction.",
        "The chest pain clinic were quick and it turned out to be muscular.",
    ],
)
def test_illness_handled_well_is_not_urgent(text):
    assert not is_critical(text)


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("A male nurse kept coming into my room at night to watch me sleep.", True),
        ("The nurse came into my room at night to check on me, very reassuring.", False),
        ("He keeps burning himself with a hot spoon and the team closed his case.", True),
        ("I burnt myself on the kettle at home and the minor injuries unit was great.", False),
        ("My sister's husband doesn't let her have her own money or a phone.", True),
        ("The district nurse stopped coming and Mum's leg wound went black.", True),
    ],
)
def test_repetition_and_control_make_the_difference(text, urgent):
    assert is_critical(text) is urgent
