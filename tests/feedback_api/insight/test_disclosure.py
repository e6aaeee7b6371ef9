"""Secondary suppression of the equality breakdowns: no hidden count can be worked out."""

from collections import Counter

from services.feedback_api.insight import disclosure, equality
from tests.support.suppression import possible_values

SEX = ["1", "2", "9", "Z"]
ROWS = [*SEX, equality.NOT_ASKED]


def protected(given: dict, total: int, complaints: int = 0, characteristic="sex", codes=SEX):
    table = equality.breakdown_table(characteristic, codes, Counter(given), total, complaints)
    return disclosure.protect(table)


def column(table, name=equality.GAVE, rows=ROWS) -> list[str]:
    return [table.published(row, name) for row in rows]


def test_hiding_the_next_smallest_is_not_enough_when_the_pair_adds_up_to_6() -> None:
    # Male 1, Intersex 5, Female 20, not asked 10: hiding only the 5 leaves 1 + 5 = 6, and a
    # count of 5 or more next to one of 1 to 4 can only be 5 and 1. A third count goes too.
    table = protected({("1", False): 1, ("9", False): 5, ("2", False): 20}, 36)
    assert column(table) == ["fewer than 5", "20", "hidden", "0", "hidden"]
    assert possible_values(36, column(table), 0) == {1, 2, 3, 4}


def test_a_lone_small_count_hides_exactly_one_more() -> None:
    table = protected({("1", False): 3, ("2", False): 40, ("9", False): 12}, 61)
    assert column(table) == ["fewer than 5", "40", "12", "0", "hidden"]  # not asked: 6


def test_two_small_counts_protect_each_other_unless_the_total_gives_them_away() -> None:
    both = protected({("1", False): 3, ("2", False): 7}, 12)  # 3 and 2 not asked: 5, or 1 + 4
    assert column(both) == ["fewer than 5", "7", "0", "0", "fewer than 5"]
    given_away = protected({("1", False): 4, ("2", False): 7}, 15)  # 4 and 4: 8 is only 4 + 4
    assert column(given_away) == ["fewer than 5", "hidden", "0", "0", "fewer than 5"]


def test_a_column_of_only_small_counts_that_give_themselves_away_is_hidden_in_full() -> None:
    # Four people, one in each row: the total "fewer than 5" and four counts of "fewer than 5"
    # could only be 1 each, so the column is hidden, zeros included.
    table = protected({("1", False): 1, ("2", False): 1, ("9", False): 1, ("Z", False): 1}, 4)
    assert column(table) == ["hidden"] * 5
    three = protected({("1", False): 1, ("2", False): 1, ("9", False): 1}, 3)
    assert column(three) == ["fewer than 5"] * 3 + ["0", "0"]


def test_complaints_are_protected_in_their_own_column() -> None:
    given = {("2", False): 30, ("2", True): 9, ("1", True): 2, ("9", False): 6}
    table = protected(given, 47, complaints=11)
    assert column(table) == ["fewer than 5", "39", "hidden", "0", "0"]
    assert column(table, equality.COMPLAINED) == ["fewer than 5", "hidden", "0", "0", "0"]


def test_a_single_condition_named_cannot_be_worked_out_from_the_disability_total() -> None:
    # 30 said no disability, 3 named hearing only, 7 were not asked (40 in all): the people
    # naming a condition are exactly the hearing count, so "not asked" has to be hidden.
    codes = ["02", "05", "NN", "ZZ"]
    given = {("02", False): 3, ("NN", False): 30, (equality.ANSWERED, False): 33}
    table = protected(given, 40, characteristic="disability", codes=codes)
    rows = [*codes, equality.NOT_ASKED]
    assert column(table, rows=rows) == ["fewer than 5", "0", "30", "0", "hidden"]


def test_conditions_named_together_are_not_hidden_for_nothing() -> None:
    codes = ["02", "05", "NN", "ZZ"]
    given = {
        ("02", False): 10,
        ("05", False): 10,
        ("NN", False): 20,
        (equality.ANSWERED, False): 30,
    }
    table = protected(given, 36, characteristic="disability", codes=codes)
    assert column(table, rows=[*codes, equality.NOT_ASKED]) == ["10", "10", "20", "0", "6"]


def test_counts_that_do_not_add_up_are_not_shown_at_all() -> None:
    # More "not asked" complaints than "not asked" people: written around the API's checks.
    table = disclosure.Table(totals={equality.GAVE: 10, equality.COMPLAINED: 9})
    for row, gave, complained in (("a", 2, 0), ("b", 8, 9)):
        table.add(row, equality.GAVE, gave)
        table.add(row, equality.COMPLAINED, complained)
        table.at_most.append(({(row, equality.COMPLAINED): 1, (row, equality.GAVE): -1}, 0))
    table.adds_up(equality.GAVE, {("a", equality.GAVE): 1, ("b", equality.GAVE): 1})
    table.adds_up(
        equality.COMPLAINED, {("a", equality.COMPLAINED): 1, ("b", equality.COMPLAINED): 1}
    )
    disclosure.protect(table)
    assert {c.published() for c in table.cells.values()} == {"hidden"}
