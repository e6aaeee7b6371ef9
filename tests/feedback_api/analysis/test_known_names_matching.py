"""Known people's names (the staff directory, names administrators add) in comments: whole
names and titled names always, a distinctive part on its own, everyday words left alone."""

import pytest

from services.feedback_api.analysis.redaction import compile_known_names, redact

DIRECTORY = compile_known_names(
    [
        "Amara Okonjo",
        "Will Hope",
        "Comfort Mensah",
        "Zoë Ellis-Pain",
        "Mary Jane Adeyemi",
        "Florence Nightingale",
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The whole name, in any case, possessive too.
        ("amara okonjo held my hand", "[NAME] held my hand"),
        ("Amara Okonjo's team were great", "[NAME]'s team were great"),
        ("Mary Adeyemi explained it", "[NAME] explained it"),
        # A distinctive part on its own, written with a capital.
        ("Okonjo was rude to my dad.", "[NAME] was rude to my dad."),
        ("We asked Adeyemi twice.", "We asked [NAME] twice."),
        # Any part after a title or role, lower case included when it is not an everyday word.
        ("dr okonjo saw me", "dr [NAME] saw me"),
        ("Sister Hope was gentle", "Sister [NAME] was gentle"),
        # Accents and curly apostrophes as patients type them.
        ("Zoe Ellis-Pain was brilliant", "[NAME] was brilliant"),
        ("Florence Nightingale’s ward", "[NAME]’s ward"),
    ],
)
def test_known_names_are_redacted(text: str, expected: str) -> None:
    assert redact(text, DIRECTORY).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "I hope Will gets better soon.",
        "There is hope. My sister will visit tomorrow.",
        "Pain relief was slow and the pain got worse.",
        "The comfort of the bed was poor. Comfort matters.",
        "Nightingale Ward was clean.",
        "Hope you are all well.",
    ],
)
def test_everyday_words_in_staff_names_leave_ordinary_text_alone(text: str) -> None:
    assert redact(text, DIRECTORY).text == text


def test_an_everyday_word_name_is_taken_when_the_comment_describes_the_person() -> None:
    assert redact("Comfort was lovely with my mum.", DIRECTORY).text == (
        "[NAME] was lovely with my mum."
    )


def test_plain_names_and_compiled_lists_give_the_same_result() -> None:
    text = "Okonjo and Dr Hope were kind; I hope to see them."
    names = ["Amara Okonjo", "Will Hope"]
    assert redact(text, names).text == redact(text, compile_known_names(names)).text
    assert redact(text, names).text == "[NAME] and Dr [NAME] were kind; I hope to see them."


def letters(number: int) -> str:
    return f"{number:05d}".translate(str.maketrans("0123456789", "abcdefghij"))


def test_a_directory_of_twenty_thousand_names_compiles_into_one_matcher() -> None:
    directory = compile_known_names(f"Ama Zu{letters(i)}" for i in range(20_000))
    assert directory.count == 20_000
    assert redact(f"Zu{letters(12345)} was lovely", directory).text == "[NAME] was lovely"
    assert redact(f"ama zu{letters(19999)} helped", directory).text == "[NAME] helped"
