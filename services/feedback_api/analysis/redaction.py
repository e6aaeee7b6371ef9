"""Finding and redacting personal data in free-text comments before anything is shown publicly.

Each detector returns spans; overlapping spans are resolved in favour of the longer one (then the
more specific kind), and the text is rebuilt with a placeholder per span. We favour recall: a
missed NHS number on a public page costs far more than a redacted drug name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import nhs_number
import phonenumbers

from .namelists import everyday_words, given_names, places, surnames

PLACEHOLDERS = {
    "name": "[NAME]",
    "nhs_number": "[NHS NUMBER]",
    "phone": "[PHONE]",
    "email": "[EMAIL]",
    "postcode": "[POSTCODE]",
    "date_of_birth": "[DATE OF BIRTH]",
    "address": "[ADDRESS]",
}
KINDS = tuple(PLACEHOLDERS)
# When two spans of equal length overlap, the earlier kind here wins.
_PRIORITY = ("email", "nhs_number", "date_of_birth", "phone", "postcode", "address", "name")


@dataclass(frozen=True, slots=True)
class Span:
    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Redaction:
    text: str
    spans: tuple[Span, ...]


# --- identifiers with a fixed shape ---------------------------------------------------------

_EMAIL = re.compile(r"\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_TEN_DIGITS = re.compile(r"(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")
# UK numbers: 0 or +44 (optionally "(0)") then 9-10 more digits in groups.
_UK_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d\s\-)]{7,13}\d(?!\d)")
_POSTCODE = re.compile(
    r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_DATE_OF_BIRTH = re.compile(
    rf"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?)"
    rf"\s*(?:is|was|:|-|=)?\s*(?:on\s+)?(?:the\s+)?(?P<date>{_DATE})",
    re.IGNORECASE,
)
_STREET_TYPES = (
    r"(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Cres|Court|Ct|"
    r"Place|Pl|Terrace|Gardens|Gdns|Grove|Gr|Hill|Park|Row|Square|Sq|View|Walk|Mews|Rise|"
    r"Green|Parade|Villas|Vale|Boulevard|Wynd|Chase|Gate|Bank)"
)
_ADDRESS = re.compile(
    rf"\b(?:(?:Flat|Apartment|Apt|Unit)\s+\d+[A-Za-z]?,?\s+)?\d{{1,4}}[A-Za-z]?,?\s+"
    rf"(?:[A-Z][A-Za-z'’\-]+\s+){{1,3}}{_STREET_TYPES}\b",
)


def _emails(text: str) -> Iterator[Span]:
    for m in _EMAIL.finditer(text):
        yield Span("email", m.start(), m.end())


def _nhs_numbers(text: str) -> Iterator[Span]:
    for m in _TEN_DIGITS.finditer(text):
        if nhs_number.is_valid(re.sub(r"\D", "", m.group())):
            yield Span("nhs_number", m.start(), m.end())


def _phones(text: str) -> Iterator[Span]:
    # POSSIBLE leniency also finds the fictional Ofcom ranges; requiring a trunk 0 or a "+"
    # keeps reference numbers and bare 10-digit strings out.
    for m in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        if m.raw_string.lstrip("(").startswith(("0", "+")):
            yield Span("phone", m.start, m.end)
    for m in _UK_PHONE.finditer(text):
        # The pattern is greedy: "07700 900123 9am" takes the 9 too. Drop trailing groups of
        # digits until the number has the length of a UK number, so none of it is left behind.
        raw = m.group()
        gaps = [gap.start() for gap in re.finditer(r"[\s\-]+", raw)]
        ends = [len(raw), *reversed(gaps)]
        for end in ends:
            candidate = raw[:end].rstrip(" -")
            digits = re.sub(r"\D", "", candidate)
            national = digits[2:] if digits.startswith("44") else digits[1:]
            if 9 <= len(national) <= 10:
                start = m.start() + (1 if raw.startswith("(") and ")" not in candidate else 0)
                yield Span("phone", start, m.start() + len(candidate))
                break
            if len(national) < 9:
                break


def _postcodes(text: str) -> Iterator[Span]:
    for m in _POSTCODE.finditer(text):
        # A lower-case lookalike inside ordinary words ("m1 1ae" is fine, "be2 3rd" is rare);
        # require the outward code to carry a digit and the whole to be mostly upper or mixed.
        yield Span("postcode", m.start(), m.end())


def _dates_of_birth(text: str) -> Iterator[Span]:
    for m in _DATE_OF_BIRTH.finditer(text):
        yield Span("date_of_birth", m.start("date"), m.end("date"))


def _addresses(text: str) -> Iterator[Span]:
    for m in _ADDRESS.finditer(text):
        yield Span("address", m.start(), m.end())


# --- people's names -------------------------------------------------------------------------

_TITLES = (
    r"(?:Dr|Doctor|Nurse|Sister|Matron|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sr|Staff\s+Nurse|"
    r"Nurse\s+Practitioner|Midwife|Consultant|Surgeon|Paramedic|Physio|Auntie|Uncle)"
)
_ROLES = (
    r"(?:nurse|doctor|dr|consultant|sister|matron|midwife|physio|physiotherapist|paramedic|"
    r"surgeon|receptionist|hca|carer|porter|therapist|student|registrar|sonographer|"
    r"radiographer|pharmacist|cleaner|driver|health\s+visitor|support\s+worker|key\s*worker|"
    r"social\s+worker|psychiatrist|psychologist|anaesthetist|gp|manager|volunteer)"
)
_CAP_WORD = r"[A-Z][a-z]*['’]?[A-Z]?[a-z]+(?:-[A-Z][a-z]+)?"
_TITLE_NAME = re.compile(rf"\b{_TITLES}\.?\s+(?P<name>{_CAP_WORD}(?:\s+{_CAP_WORD})?)")
_ROLE_NAME = re.compile(rf"(?i:\b{_ROLES})\s+(?P<name>{_CAP_WORD}(?:\s+{_CAP_WORD})?)")
_INTRODUCED = re.compile(
    rf"(?i:\b(?:my\s+name\s+is|name\s+is|i\s+am|i'm|called|named|known\s+as|ask\s+for|"
    rf"thanks\s+to|thank\s+you\s+to|thank\s+you|shout\s*out\s+to|especially))\s+"
    rf"(?P<name>{_CAP_WORD}(?:\s+{_CAP_WORD})?)"
)
# Capitalised words after which a name-shaped word is a place, ward or building, not a person.
_NOT_PERSON_AFTER = re.compile(
    r"\s+(?:Ward|Unit|Suite|House|Centre|Center|Hospital|Clinic|Road|Street|Lane|Avenue|"
    r"Drive|Close|Court|Building|Wing|Block|Surgery|Practice|Trust|Team|Service|Lodge|Hall)\b"
)
# Words before a name-shaped word that make it part of a place or a shop.
_NOT_PERSON_BEFORE = re.compile(
    r"(?:\b(?:Queen|King|Prince|Princess|St|Saint)|Marks\s+(?:and|&))\s+$"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words and roles: never a name, even straight after a title.
_FUNCTION_WORDS = _words(
    """the a an and or but i it he she they we you my our your his her their this that there
    was were is are be been has have had very really so all everyone staff team ward unit on in
    at of for to from with nurse nurses doctor doctors sister matron thank thanks please also
    just not no yes mum dad mam nan nana grandad husband wife son daughter brother friend
    partner baby lovely great good nice kind excellent amazing brilliant fantastic wonderful
    practitioner specialist manager consultant registrar practice reception paramedics
    ambulance hospital"""
)
# Capitalised words that are never names unless a title says so.
_NEVER_NAMES = _FUNCTION_WORDS | _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december a&e ae icu hdu gp nhs covid
    christmas easter"""
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)?")


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _plain_name_tokens(name: str, stop: frozenset[str]) -> list[tuple[int, int]]:
    """Offsets of the words of a pattern-captured name that are not in `stop`."""
    return [
        (m.start(), m.end())
        for m in _WORD.finditer(name)
        if m.group().lower().strip("'’") not in stop
    ]


def _pattern_names(text: str) -> Iterator[Span]:
    for pattern in (_TITLE_NAME, _ROLE_NAME, _INTRODUCED):
        for m in pattern.finditer(text):
            name_start = m.start("name")
            if _NOT_PERSON_AFTER.match(text, m.end("name")):
                continue
            # A title makes even "May" or "Faith" a name; other contexts need more care.
            stop = _FUNCTION_WORDS if pattern is _TITLE_NAME else _NEVER_NAMES
            tokens = _plain_name_tokens(m.group("name"), stop)
            # keep the leading run of name words: "Nurse Amy The" -> "Amy"
            if not tokens or tokens[0][0] != 0:
                continue
            end = tokens[0][1]
            # After a title the next capitalised word is almost always the surname; elsewhere
            # only when the shipped lists know it.
            second = m.group("name")[tokens[1][0] : tokens[1][1]] if len(tokens) > 1 else ""
            if second and (pattern is _TITLE_NAME or _looks_like_name_part(second)):
                end = tokens[1][1]
            yield Span("name", name_start, name_start + end)


# "Will was brilliant": an everyday-word name described the way people describe staff.
_DESCRIBED = re.compile(
    r"\s+(?:was|is)\s+(?:so\s+|very\s+|really\s+|absolutely\s+|just\s+)?"
    r"(?:lovely|brilliant|kind|amazing|fantastic|great|wonderful|helpful|rude|caring|excellent|"
    r"fab|fabulous|superb|friendly|attentive|patient|professional|an\s+angel|a\s+star|"
    r"dismissive|unhelpful|outstanding|supportive|gentle|funny|polite)\b",
    re.IGNORECASE,
)


def _looks_like_name_part(word: str) -> bool:
    low = word.lower()
    plain_given, ambiguous_given = given_names()
    plain_sur, ambiguous_sur = surnames()
    return low in plain_given or low in plain_sur or low in ambiguous_sur or low in ambiguous_given


def _listed_names(text: str) -> Iterator[Span]:
    """Capitalised given names from the shipped list, with a following surname if there is one."""
    plain_given, ambiguous_given = given_names()
    plain_sur, ambiguous_sur = surnames()
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        word = m.group()
        low = word.lower().strip("'’")
        if low.endswith(("'s", "’s")):
            low = low[:-2]
        if not _is_cap(word) or low in _NEVER_NAMES:
            continue
        if low not in (plain_given | ambiguous_given) and not _hyphenated_name(low, plain_given):
            continue
        if _NOT_PERSON_BEFORE.search(text, 0, m.start()) or _is_place(text, words, i):
            continue
        in_brackets = text[m.start() - 1 : m.start()] == "(" and text[m.end() : m.end() + 1] == ")"
        if word.isupper() and len(word) > 1 and low in ambiguous_given:
            continue
        following = words[i + 1] if i + 1 < len(words) else None
        has_surname = (
            following is not None
            and _is_cap(following.group())
            and text[m.end() : following.start()] == " "
            and _is_surname(following.group().lower(), plain_sur | ambiguous_sur | plain_given)
            and following.group().lower() not in _NEVER_NAMES
        )
        described = _DESCRIBED.match(text, m.end()) or in_brackets
        if low in ambiguous_given and not has_surname and not described:
            continue  # "Will", "Grace", "May" need a name context: handled by the patterns
        if _NOT_PERSON_AFTER.match(text, m.end()):
            continue
        end = following.end() if has_surname else m.end()
        if _NOT_PERSON_AFTER.match(text, end):
            continue
        if end == m.end() and word.endswith(("'s", "’s")):
            end -= 2
        yield Span("name", m.start(), end)


# Words before a single-word place: "lives in Shirley", "moved to Stanley" (not "thanks to").
_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:in|at|from|near|around|outside|towards|via|(?:went|go|going|gone|drove|driving|"
    r"travel\w*|moved|move|moving|trip|journey|transferred|sent|back|way|bus|train|ambulance)"
    r"\s+to))\s+$"
    r"|\b(?i:from)\s+(?:[A-Z][\w'’-]*\s+){1,3}to\s+$"
)


def _is_place(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Is the capitalised word at `i` the start of a UK place name rather than a person?"""
    single, multi = places()
    # "Whitley Bay", "Milton Keynes": a run of capitalised words that is a known place.
    for length in (4, 3, 2):
        run = words[i : i + length]
        if len(run) == length and all(_is_cap(w.group()) for w in run):
            joined = text[run[0].start() : run[-1].end()]
            if re.sub(r"\s+", " ", joined).lower() in multi:
                return True
    word = words[i].group().lower()
    return word in single and bool(_PLACE_BEFORE.search(text, 0, words[i].start()))


def _lowercase_names(text: str) -> Iterator[Span]:
    """Names typed in lower case, taken only in a clear name context and only when the word is a
    given name that patients never use as an ordinary word ("nurse sarah", "sarah was lovely")."""
    plain_given, _ = given_names()
    plain_sur, _ = surnames()
    for m in _LOWER_CONTEXT.finditer(text):
        name, title = m.group("name"), m.group("title").lower().rstrip(".")
        low = name.lower()
        surname_title = title in {"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "doctor"}
        if low in _NEVER_NAMES or not (low in plain_given or (surname_title and low in plain_sur)):
            continue
        end = m.end("name")
        following = m.group("sur")
        if following and following.lower() not in _NEVER_NAMES and following.lower() in plain_sur:
            end = m.end("sur")
        yield Span("name", m.start("name"), end)
    for m in _LOWER_DESCRIBED.finditer(text):
        low = m.group("name")
        if low in plain_given and low not in _NEVER_NAMES:
            yield Span("name", m.start("name"), m.end("name"))


_LOWER_CONTEXT = re.compile(
    rf"(?P<title>(?i:\b(?:{_TITLES}|{_ROLES}|my\s+name\s+is|name\s+is|called|named|"
    rf"known\s+as|thanks?\s+(?:you\s+)?to|thank\s+you|shout\s*out\s+to|especially)))\.?\s+"
    # A lookahead, so "thank you to nurse emma" still tries "nurse emma".
    r"(?=(?P<name>[a-z][a-z'’]+)\b(?:\s+(?P<sur>[a-z][a-z'’\-]+)\b)?)"
)
_LOWER_DESCRIBED = re.compile(
    r"(?:^|[.!?,;]\s*|\band\s+)(?P<name>[a-z][a-z]+)"
    r"(?:\s+(?:on|in|at|from)\s+(?:the\s+)?[a-z&]+(?:\s+[a-z]+)?)?" + _DESCRIBED.pattern,
    re.IGNORECASE,
)


def _is_surname(low: str, listed: frozenset[str]) -> bool:
    """A listed surname, also double-barrelled ("Rhys-Evans") or with an Irish or Norman-French
    prefix ("O'Neill", "D'Souza") whose rest is listed."""
    low = low.replace("’", "'")
    if low in listed:
        return True
    parts = low.split("-")
    if len(parts) > 1 and all(_is_surname(part, listed) for part in parts):
        return True
    return low[:2] in ("o'", "d'") and (low[2:] in listed or low.replace("'", "") in listed)


def _hyphenated_name(low: str, given: frozenset[str]) -> bool:
    parts = low.split("-")
    return len(parts) > 1 and all(part in given for part in parts)


# Names Heard knows are people's (the staff directory, names an administrator added, action
# leads). A list of thousands is matched with one pass over the comment's words and a set or
# dict probe per word, so the cost hardly grows with the list; the list is compiled once and
# reused until it changes.
#
# What is taken, for a known name such as "Hope Okafor":
# - the whole name, in any case ("hope okafor", "Hope Okafor's");
# - any part after a title or role ("Dr Okafor", "nurse okafor", "Sister Hope");
# - a part on its own, written with a capital ("Okafor was kind"), unless the part is also an
#   everyday word ("Hope", "Will", "Pain", "Ward"): those only with a title, the whole name or
#   a description ("Hope was lovely"), so a staff member called Will Hope does not turn "I hope
#   Will gets better" into nonsense.
# A part after a title is taken in lower case only when it is not an everyday word ("my sister
# will visit" stays as written).

_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_TITLE_BEFORE = re.compile(rf"(?i:\b(?:{_TITLES}|{_ROLES}))\.?\s+$")
_LEADING_TITLE = re.compile(rf"^(?i:{_TITLES})\.?\s+")
_SEPARATOR = re.compile(r"[ \t]+")


def _fold(word: str) -> str:
    """A word as names are compared: case, accents ("Zoë" is "zoe") and apostrophes ignored."""
    folded = word.casefold().replace("’", "'")
    if folded.isascii():
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def _everyday(part: str) -> bool:
    _, ambiguous_given = given_names()
    _, ambiguous_sur = surnames()
    return (
        part in _NEVER_NAMES
        or part in ambiguous_given
        or part in ambiguous_sur
        or part in everyday_words()
        or any(piece in _NEVER_NAMES or piece in everyday_words() for piece in part.split("-"))
    )


@dataclass(frozen=True, slots=True)
class KnownNames:
    """A list of known people's names compiled for matching (see ``compile_known_names``)."""

    # first word -> the whole names starting with it, as word tuples, longest first
    whole: dict[str, tuple[tuple[str, ...], ...]]
    titled: frozenset[str]  # parts taken after a title or role
    alone: frozenset[str]  # parts taken on their own when capitalised
    everyday: frozenset[str]  # parts that are everyday words: a title needs a capital
    count: int  # how many names were compiled

    def __bool__(self) -> bool:
        return self.count > 0

    def mentioned_in(self, text: str | None) -> bool:
        """Whether any word of `text` is a part of one of these names, in any case: a quick
        test before redacting a stored text again."""
        return bool(text) and any(
            _fold(m.group()).removesuffix("'s") in self.titled for m in _NAME_TOKEN.finditer(text)
        )


NO_KNOWN_NAMES = KnownNames({}, frozenset(), frozenset(), frozenset(), 0)


def name_words(name: str) -> list[str]:
    """The folded words of a person's name, without a leading title ("Dr Amy Hope" -> amy, hope)."""
    name = _LEADING_TITLE.sub("", name.strip())
    return [_fold(m.group()) for m in _NAME_TOKEN.finditer(name)]


def compile_known_names(names: Iterable[str]) -> KnownNames:
    """Compile names for ``redact``: done once per list, not per comment."""
    whole: dict[str, set[tuple[str, ...]]] = {}
    titled: set[str] = set()
    alone: set[str] = set()
    everyday: set[str] = set()
    count = 0
    for name in names:
        words = name_words(name)
        if not words:
            continue
        count += 1
        if len(words) > 1:
            whole.setdefault(words[0], set()).add(tuple(words))
            if len(words) > 2:  # "Mary Jane Okafor" is also "Mary Okafor"
                whole[words[0]].add((words[0], words[-1]))
        for word in words:
            parts = [word, *word.split("-")] if "-" in word else [word]
            for part in parts:
                if len(part) < 2:
                    continue
                titled.add(part)
                if _everyday(part):
                    everyday.add(part)
                elif len(part) >= 3:
                    alone.add(part)
    return KnownNames(
        whole={first: tuple(sorted(seqs, key=len, reverse=True)) for first, seqs in whole.items()},
        titled=frozenset(titled),
        alone=frozenset(alone),
        everyday=frozenset(everyday),
        count=count,
    )


@lru_cache(maxsize=64)
def _compiled(names: frozenset[str]) -> KnownNames:
    return compile_known_names(names)


def _as_known_names(known: KnownNames | Iterable[str | KnownNames]) -> tuple[KnownNames, ...]:
    """What ``redact`` was given as compiled lists: compiled ones as they are, plain names
    compiled (and cached, since callers such as actions_api send the same list each time)."""
    if isinstance(known, KnownNames):
        return (known,) if known else ()
    compiled: list[KnownNames] = []
    plain: set[str] = set()
    for item in known:
        if isinstance(item, KnownNames):
            if item:
                compiled.append(item)
        elif item and item.strip():
            plain.add(item.strip())
    if plain:
        compiled.append(_compiled(frozenset(plain)))
    return tuple(compiled)


def _known_names(text: str, lists: tuple[KnownNames, ...]) -> Iterator[Span]:
    """Known people's names in `text` (see the rules above)."""
    tokens = list(_NAME_TOKEN.finditer(text))
    folded = [_fold(t.group()) for t in tokens]
    for known in lists:
        skip_to = 0
        for i, token in enumerate(tokens):
            if i < skip_to:
                continue
            word = folded[i]
            base = word[:-2] if word.endswith("'s") else word
            end = token.end() - (len(word) - len(base))
            found = False
            for sequence in known.whole.get(word, ()):
                last = i + len(sequence) - 1
                if last >= len(tokens):
                    continue
                if all(
                    _same_word(folded[i + k], sequence[k], last_word=i + k == last)
                    and (
                        k == 0
                        or _SEPARATOR.fullmatch(
                            text, tokens[i + k - 1].end(), tokens[i + k].start()
                        )
                    )
                    for k in range(len(sequence))
                ):
                    tail = folded[last]
                    stop = tokens[last].end() - (2 if tail != sequence[-1] else 0)
                    yield Span("name", token.start(), stop)
                    skip_to = last + 1
                    found = True
                    break
            if found:
                continue
            capital = token.group()[:1].isupper()
            if (
                base in known.titled
                and (capital or base not in known.everyday)
                and _TITLE_BEFORE.search(text, max(0, token.start() - 40), token.start())
            ):
                yield Span("name", token.start(), end)
                continue
            if not capital or _NOT_PERSON_AFTER.match(text, end):
                continue
            # An everyday-word part on its own only when described as staff are ("Comfort was
            # lovely"), as the shipped lists' everyday-word given names are.
            if base in known.alone or (base in known.everyday and _DESCRIBED.match(text, end)):
                yield Span("name", token.start(), end)


def _same_word(seen: str, expected: str, *, last_word: bool) -> bool:
    return seen == expected or (last_word and seen == expected + "'s")


# --- putting it together --------------------------------------------------------------------


def find_spans(text: str, known_names: KnownNames | Iterable[str | KnownNames] = ()) -> list[Span]:
    """All personal-data spans in `text`, non-overlapping, in order."""
    lists = _as_known_names(known_names)
    candidates = [
        *_emails(text),
        *_nhs_numbers(text),
        *_dates_of_birth(text),
        *_phones(text),
        *_postcodes(text),
        *_addresses(text),
        *_pattern_names(text),
        *_listed_names(text),
        *_lowercase_names(text),
        *(_known_names(text, lists) if lists else ()),
    ]
    # Digits already claimed by an NHS number are not also a phone number.
    candidates.sort(key=lambda s: (-(s.end - s.start), _PRIORITY.index(s.kind), s.start))
    chosen: list[Span] = []
    for span in candidates:
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return _merge_adjacent_names(sorted(chosen, key=lambda s: s.start), text)


def _merge_adjacent_names(spans: list[Span], text: str) -> list[Span]:
    """ "Dr [NAME] [NAME]" reads worse than "Dr [NAME]": join names separated by one space."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if last and last.kind == span.kind == "name" and text[last.end : span.start] in {" ", "-"}:
            merged[-1] = Span("name", last.start, span.end)
        else:
            merged.append(span)
    return merged


def redact(text: str, known_names: KnownNames | Iterable[str | KnownNames] = ()) -> Redaction:
    """Replace personal data in `text` with placeholders such as [NAME] and [NHS NUMBER].

    `known_names` are names the caller knows to be people (staff directory, organisation data),
    as plain names or lists compiled with ``compile_known_names``: they are redacted whatever
    the shipped lists say, as the rules above ``_known_names`` describe.
    """
    text = text or ""
    spans = find_spans(text, known_names)
    pieces: list[str] = []
    cursor = 0
    for span in spans:
        pieces.append(text[cursor : span.start])
        pieces.append(PLACEHOLDERS[span.kind])
        cursor = span.end
    pieces.append(text[cursor:])
    return Redaction("".join(pieces), tuple(spans))
