"""Time phrases resolved against the publication date, per the spec's time conventions."""

from __future__ import annotations

from datetime import date

import pytest

from supplyline.extract.timex import TimeMatch, find_times

P = date(2025, 7, 3)  # a Thursday


def one(text: str, published: date | None = P, future: bool = False) -> TimeMatch:
    found = find_times(text, published, future=future)
    assert len(found) == 1, found
    t = found[0]
    assert text[t.start:t.end] == t.text
    return t


def span(t: TimeMatch) -> tuple[date | None, date | None]:
    return t.begin, t.until


def test_last_month_is_the_calendar_month_before_publication() -> None:
    t = one("The troops arrived last month.")
    assert t.text == "last month"
    assert span(t) == (date(2025, 6, 1), date(2025, 6, 30))


def test_month_of_the_previous_year() -> None:
    t = one("Troops were sent in October of the previous year.")
    assert t.text == "in October of the previous year"
    assert span(t) == (date(2024, 10, 1), date(2024, 10, 31))


def test_two_months_of_this_year_are_one_interval() -> None:
    t = one("Shipments arrived in January and February of this year.")
    assert span(t) == (date(2025, 1, 1), date(2025, 2, 28))


def test_coming_months_is_open_ended_from_publication() -> None:
    t = one("More jets will be sent in the coming months.")
    assert t.text == "in the coming months"
    assert span(t) == (P, None)
    assert t.open_future


@pytest.mark.parametrize(
    ("weekday", "day"),
    [
        ("Monday", date(2025, 6, 30)),  # earlier in P's week
        ("Thursday", date(2025, 7, 3)),  # P itself
        ("Friday", date(2025, 6, 27)),  # would fall after P: the week before
    ],
)
def test_weekday_is_in_the_publication_week_or_before(weekday: str, day: date) -> None:
    t = one(f"Missiles were fired on {weekday}.")
    assert t.text == f"on {weekday}"
    assert span(t) == (day, day)


def test_month_without_year_in_the_past_is_the_last_one() -> None:
    t = one("Troops were sent in September.", future=False)
    assert span(t) == (date(2024, 9, 1), date(2024, 9, 30))


def test_month_without_year_in_the_future_is_the_next_one() -> None:
    t = one("Exercises will be held in September.", future=True)
    assert span(t) == (date(2025, 9, 1), date(2025, 9, 30))


def test_late_last_year_is_the_end_of_the_previous_year() -> None:
    t = one("The first units arrived late last year.")
    assert t.text == "late last year"
    assert t.begin is not None and t.begin.year == 2024 and t.begin.month >= 9
    assert t.until == date(2024, 12, 31)


def test_quarter_of_a_year() -> None:
    t = one("Deliveries are due in the first quarter of 2025.")
    assert span(t) == (date(2025, 1, 1), date(2025, 3, 31))


def test_since_runs_until_publication() -> None:
    t = one("Drones have been shipped since August of last year.")
    assert t.text == "since August of last year"
    assert span(t) == (date(2024, 8, 1), P)


def test_since_an_event_runs_from_its_time_until_publication() -> None:
    t = one("Belarus has sent no shells to Russia since the border crisis began in May 2024.")
    assert (t.text, t.begin, t.until) == ("since the border crisis began in May 2024",
                                          date(2024, 5, 1), P)
    assert t.event is not None and t.event.text == "in May 2024"  # the event's own time
    # without a publication date the span stays open
    (t,) = find_times("Since Serbia's talks with Beijing collapsed in May 2024, no drones came.",
                      None)
    assert (t.begin, t.until) == (date(2024, 5, 1), None)
    # "since then" dates nothing itself; another time phrase between ends the event
    assert [t.text for t in find_times("Since then it has sent 30 trucks in May.", P)] == \
        ["in May"]
    times = find_times("Minsk has sent 12 launchers since March 2023 and will send four more by "
                       "the end of the year.", P)
    assert [t.text for t in times] == ["since March 2023", "by the end of the year"]


def test_exercise_name_is_not_a_year() -> None:
    assert find_times("Belarus hosted the Zapad 2025 drills.", P) == []
    (t,) = find_times("The Zapad 2025 drills will be held in September.", P, future=True)
    assert t.text == "in September"


def test_a_bare_year_is_a_year() -> None:
    assert span(one("Production rose in 2024.")) == (date(2024, 1, 1), date(2024, 12, 31))


@pytest.mark.parametrize("text", ["The last three frigates are due by 2027.",
                                  "Chile will have all the jets by the end of 2027."])
def test_by_a_year_still_to_come_runs_from_publication_to_its_end(text: str) -> None:
    assert span(one(text)) == (P, date(2027, 12, 31))


def test_by_a_year_already_past_is_that_year() -> None:
    assert span(one("All 40 tanks had arrived by 2023.")) == (date(2023, 1, 1),
                                                             date(2023, 12, 31))


@pytest.mark.parametrize(
    "text",
    ["The troops arrived last month.", "Troops were sent in October of the previous year.",
     "Missiles were fired on Monday.", "More jets will be sent in the coming months.",
     "Troops were sent in September."],
)
def test_without_publication_date_relative_phrases_stay_unresolved(text: str) -> None:
    assert span(one(text, published=None)) == (None, None)


def test_without_publication_date_absolute_phrases_still_resolve() -> None:
    t = one("Deliveries are due in the first quarter of 2025.", published=None)
    assert span(t) == (date(2025, 1, 1), date(2025, 3, 31))


@pytest.mark.parametrize(("text", "published"), [
    ("in April 0", P), ("on March 0, 2024", None), ("0 April", P),
    ("last month", date(1, 1, 1)), ("last year", date(1, 1, 1)), ("last week", date(1, 1, 1)),
    ("last winter", date(1, 1, 1)), ("in the past two years", date(1, 1, 1)),
    ("next year", date(9999, 12, 31)), ("next month", date(9999, 12, 31)),
    ("next Monday", date(9999, 12, 31)), ("late next year", date(9999, 12, 31)),
    ("in the first quarter of next year", date(9999, 12, 31)),
])
def test_a_date_that_cannot_exist_is_no_time(text: str, published: date | None) -> None:
    for future in (False, True):
        assert find_times(f"Tanks were sent {text}.", published, future=future) == []


def test_a_date_that_cannot_exist_leaves_the_other_phrases() -> None:
    found = find_times("Tanks came on April 0 and more in May 2024.", P)
    assert [(t.text, t.begin) for t in found] == [("in May 2024", date(2024, 5, 1))]


@pytest.mark.parametrize(("text", "expected"), [
    ("The launchers are to arrive by early 2026.", (date(2026, 1, 1), date(2026, 3, 31))),
    ("The convoy crossed the border in late March 2023.",
     (date(2023, 3, 22), date(2023, 3, 31))),
])
def test_a_part_of_a_stated_year_needs_no_publication_date(
        text: str, expected: tuple[date, date]) -> None:
    assert span(one(text, published=None)) == expected


def test_a_part_of_a_relative_year_stays_open_without_a_publication_date() -> None:
    assert span(one("The plant opened late last year.", published=None)) == (None, None)


def test_a_number_after_a_name_is_a_model_not_a_year() -> None:
    found = find_times("Greece will hand over Mirage 2000 jets to Kyiv in 2026.", P)
    assert [t.text for t in found] == ["in 2026"]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("the convoy was ambushed last October", date(2024, 10, 1), date(2024, 10, 31)),
    ("the drills are due next January", date(2026, 1, 1), date(2026, 1, 31)),
    ("they arrived this May", date(2025, 5, 1), date(2025, 5, 31)),
    ("the strikes of last July", date(2024, 7, 1), date(2024, 7, 31)),  # P's own month
])
def test_last_this_or_next_month_is_the_nearest_such_month(text: str, start: date,
                                                           end: date) -> None:
    t = one(text)
    assert (t.begin, t.until) == (start, end)


@pytest.mark.parametrize("text", ["Israel sold drones to Azerbaijan between 2016 and 2020.",
                                  "Israel sold drones to Azerbaijan from 2016 to 2020."])
def test_a_range_of_years_is_one_interval(text: str) -> None:
    t = one(text, published=None)
    assert span(t) == (date(2016, 1, 1), date(2020, 12, 31))


@pytest.mark.parametrize(("text", "begin", "until"), [
    ("Russia sent troops to Mali two years ago.", date(2023, 1, 1), date(2023, 12, 31)),
    ("The drones came three months ago.", date(2025, 4, 1), date(2025, 4, 30)),
    ("The shells arrived a week ago.", date(2025, 6, 23), date(2025, 6, 29)),
    ("The radar left some 10 days ago.", date(2025, 6, 23), date(2025, 6, 23)),
])
def test_a_span_ago_is_that_year_month_week_or_day(text: str, begin: date, until: date) -> None:
    [t] = find_times(text, P)
    assert (t.begin, t.until) == (begin, until)


@pytest.mark.parametrize(("text", "begin", "until"), [
    ("Soviet tanks went to Iraq in the 1980s.", date(1980, 1, 1), date(1989, 12, 31)),
    ("The deliveries of 2022-23 were larger.", date(2022, 1, 1), date(2023, 12, 31)),
    ("Budgets for 2019-2021 paid for them.", date(2019, 1, 1), date(2021, 12, 31)),
])
def test_a_decade_and_a_pair_of_years_are_one_interval(text: str, begin: date,
                                                       until: date) -> None:
    [t] = find_times(text, None)
    assert (t.begin, t.until) == (begin, until)


def test_within_years_is_open_ended_from_publication() -> None:
    [t] = find_times("Japan will export six destroyers within five years.", P, future=True)
    assert (t.begin, t.until, t.open_future) == (P, None, True)


def test_between_an_event_of_a_month_and_another_month_is_one_interval() -> None:
    t = one("Italy sold arms to Egypt between the start of the war in March 2022 and May "
            "this year.")
    assert span(t) == (date(2022, 3, 1), date(2025, 5, 31))


def test_two_years_joined_by_and_are_one_interval() -> None:
    t = one("The yard built three corvettes for Oman in 2019 and 2021.")
    assert span(t) == (date(2019, 1, 1), date(2021, 12, 31))


def test_two_years_far_apart_joined_by_and_are_two_times() -> None:
    found = find_times("The tanks went to Syria in 2014 and 2022.", P)
    assert [(t.begin, t.until) for t in found] == [
        (date(2014, 1, 1), date(2014, 12, 31)), (date(2022, 1, 1), date(2022, 12, 31))]


def test_from_a_year_to_come_is_open_ended() -> None:
    t = one("The frigates are to be handed over from 2027, the navy said.")
    assert span(t) == (date(2027, 1, 1), None)


def test_from_a_past_year_is_that_year() -> None:
    t = one("The loans date from 2019.")
    assert span(t) == (date(2019, 1, 1), date(2019, 12, 31))


def _when_of(text: str, head: str) -> object:
    from supplyline import extract
    claims = [c for c in extract(text, published="2025-03-18")
              if c.item and c.item.split()[-1].startswith(head)]
    assert claims
    return claims[0].when


def test_a_founding_participle_does_not_date_the_main_clause() -> None:
    text = "Founded in 2009, the unit smuggles rockets from Iran to Hezbollah, officials said."
    assert _when_of(text, "rocket") is None


def test_a_time_of_the_first_clause_does_not_date_a_conjoined_clause_with_its_own_subject() -> None:
    text = "Egypt bought 30 Rafale jets from France in 2021, and Russia now supplies Egypt " \
           "with spare parts."
    assert _when_of(text, "part") is None


def test_an_open_future_phrase_does_not_date_what_was_already_delivered() -> None:
    text = "A Czech official confirmed that Prague has delivered six howitzers to Ukraine, " \
           "with more expected in the coming weeks."
    assert _when_of(text, "howitzer") is None
