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
