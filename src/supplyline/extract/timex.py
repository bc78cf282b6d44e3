"""Time phrases and their ISO intervals, resolved against the publication date.

Hand-written on purpose: dateparser resolves single dates but misses the interval phrases
that news uses ("January and February of this year", "in the coming months", "late last
year", "the first quarter of 2025"), and the spec's conventions (a month without a year is
the nearest one the tense allows; open-ended future phrases have no end) are not its rules.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11),
           "winter": (12, 2)}
ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
           "4th": 4}
UNIT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3,
              "a few": 3, "a": 1}

_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|" \
       r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_YEAR = r"(?:19|20)\d\d"
_REL_YEAR = r"(?:this|last|next|the previous|the following|the past|the same) year"
_PART = r"(?:early|mid|late|the end of|the beginning of|the start of|the middle of|end of|" \
        r"beginning of|start of|mid-)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMW = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|a)"
_UNIT = r"(?:days?|weeks?|months?|years?)"


@dataclass(frozen=True)
class TimeMatch:
    text: str
    start: int
    end: int
    begin: date | None
    until: date | None
    open_future: bool = False
    # "since the war began in April 2023": the dated event's own time phrase ("in April
    # 2023"), for a claim that is that event ("since it bought 36 jets in 2016")
    event: TimeMatch | None = None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _year_of_month(month: int, pub: date, future: bool) -> int:
    if future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _rel_year(phrase: str, pub: date) -> int:
    p = phrase.lower()
    if "last" in p or "previous" in p or "past" in p:
        return pub.year - 1
    if "next" in p or "following" in p:
        return pub.year + 1
    return pub.year


def _part(part: str | None, start: date, end: date) -> tuple[date, date]:
    """Narrow an interval to its early / middle / late third ('early August' = 1-10)."""
    if not part:
        return start, end
    p = part.lower().strip()
    days = (end - start).days + 1
    third = max(days // 3, 1)
    if p.startswith(("early", "the beginning", "beginning", "the start", "start")):
        return start, start + timedelta(days=third - 1)
    if p.startswith(("mid", "the middle")):
        return start + timedelta(days=third), end - timedelta(days=third)
    return end - timedelta(days=third - 1), end  # late, the end of


def _units(n: int, unit: str) -> relativedelta:
    u = unit.lower().rstrip("s")
    return {"day": relativedelta(days=n), "week": relativedelta(weeks=n),
            "month": relativedelta(months=n), "year": relativedelta(years=n)}[u]


def _num(word: str) -> int:
    w = word.lower()
    return int(w) if w.isdigit() else UNIT_WORDS.get(w, 1)


def _rule(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range_my", _rule(rf"\b(?:from|between)\s+(?P<m1>{_MON})\s+(?P<y1>{_YEAR})\s+(?:to|and|until)"
                       rf"\s+(?P<m2>{_MON})\s+(?P<y2>{_YEAR})\b")),
    ("range_years", _rule(rf"\b(?:from|between)\s+(?P<y1>{_YEAR})\s+(?:to|and|until|through)"
                          rf"\s+(?P<y2>{_YEAR})\b")),
    ("years_and", _rule(rf"\b(?:in\s+|during\s+)?(?P<y1>{_YEAR})\s+and\s+(?P<y2>{_YEAR})\b")),
    ("range_dates", _rule(rf"\bbetween\s+(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>{_YEAR})"
                          rf"\s+and\s+(?P<m2>{_MON})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>{_YEAR})\b")),
    ("months_pair", _rule(rf"\b(?:in\s+)?(?P<m1>{_MON})\s+(?:and|or|to|through)\s+(?P<m2>{_MON})"
                          rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR}|{_REL_YEAR}))?\b")),
    ("quarter", _rule(rf"\b(?:in\s+|by\s+)?the\s+(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
                      rf"\s+(?P<kind>quarter|half)\s+of\s+(?P<y>{_YEAR}|{_REL_YEAR})\b")),
    ("date", _rule(rf"\b(?:on\s+)?(?:{_WD},?\s+)?(?P<m>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                   rf"(?:,?\s+(?P<y>{_YEAR}))?\b")),
    ("date_dmy", _rule(rf"\b(?:on\s+)?(?P<d>\d{{1,2}})\s+(?P<m>{_MON})(?:\s+(?P<y>{_YEAR}))?\b")),
    ("part_month", _rule(rf"\b(?:in\s+|by\s+)?(?P<part>{_PART})\s*(?P<m>{_MON})"
                         rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR}|{_REL_YEAR}))?\b")),
    ("month_year", _rule(rf"\b(?:in\s+|by\s+|as of\s+|since\s+|until\s+)?(?P<m>{_MON})\s+(?:of\s+)?"
                         rf"(?P<y>{_YEAR}|{_REL_YEAR})\b")),
    ("part_year", _rule(rf"\b(?:in\s+|by\s+)?(?P<part>{_PART})\s*(?P<y>{_YEAR}|last year|this year|"
                        rf"next year)\b")),
    ("season", _rule(r"\b(?:in\s+|by\s+|during\s+)?(?:(?P<rel>last|this|next|the)\s+)?"
                     r"(?P<s>spring|summer|fall|autumn|winter)(?:\s+of\s+(?P<y>(?:19|20)\d\d))?\b")),
    ("rel_month", _rule(r"\b(?:(?:in|by|since|until|during)\s+)?(?P<rel>last|this|next)\s+(?P<m>"
                        r"January|February|March|April|May|June|July|August|September|"
                        r"October|November|December)\b(?!\s+\d)")),
    ("month", _rule(r"\b(?:in|by|for|as of|since|until|from|during|as early as)\s+(?P<m>"
                    r"January|February|March|April|May|June|July|August|September|October|"
                    r"November|December)\b(?!\s+\d)")),
    ("weekday", _rule(rf"\b(?:on\s+|last\s+|this\s+|next\s+)?(?P<wd>{_WD})\b")),
    ("past_span", _rule(rf"\b(?:in|over|during|for)\s+the\s+(?:past|last)\s+(?:(?P<n>{_NUMW})\s+)?"
                        rf"(?P<u>{_UNIT})(?:\s+and\s+a\s+half)?\b")),
    ("rel_unit", _rule(r"\b(?:earlier\s+|later\s+)?(?P<rel>last|this|next|the previous|"
                       r"the past|the following|the same|earlier this|later this)\s+"
                       r"(?P<u>week|month|year)\b")),
    ("before_end", _rule(r"\b(?:before|by)\s+the\s+end\s+of\s+(?:the|this)\s+"
                         r"(?P<u>year|month)\b")),
    ("future_open", _rule(rf"\b(?:in|within|over|during)\s+(?:the\s+)?(?:coming|next|following)"
                          rf"\s+(?:{_NUMW}\s+)?(?:days|weeks|months|years)(?:\s+(?:and|or)\s+"
                          rf"(?:days|weeks|months|years))?\b|\bwithin\s+(?:{_NUMW}\s+)?"
                          rf"(?:days|weeks|months|years)\b|\bin\s+the\s+(?:near\s+)?future\b|"
                          rf"\b(?:very\s+)?soon\b|\bshortly\b|\bimminently\b")),
    ("recent", _rule(r"\bin\s+recent\s+(?P<u>days|weeks|months)\b")),
    ("ago", _rule(rf"\b(?:about\s+|some\s+|nearly\s+)?(?P<n>{_NUMW})\s+(?P<u>{_UNIT})\s+ago\b")),
    ("decade", _rule(r"\b(?:in\s+|during\s+|since\s+)?the\s+(?P<d>(?:19|20)\d0)'?s\b")),
    ("year_pair", _rule(rf"\b(?:in\s+|during\s+)?(?P<y1>{_YEAR})[-–/]"
                        rf"(?P<y2>(?:{_YEAR})|\d\d)\b(?![-/]\d)")),
    ("year", _rule(rf"\b(?:in\s+|by\s+|since\s+|during\s+|as of\s+|for\s+|from\s+)?"
                   rf"(?:the\s+end\s+of\s+)?"
                   rf"(?P<y>{_YEAR})\b(?![-/]\d)")),
]


def _resolve(kind: str, m: re.Match[str], pub: date | None, future: bool
             ) -> tuple[date | None, date | None, bool]:
    g = m.groupdict()
    if pub is None and kind not in ("range_my", "range_years", "range_dates", "year", "month_year",
                                    "quarter", "date", "date_dmy", "part_month", "part_year",
                                    "decade", "year_pair", "years_and"):
        return None, None, kind == "future_open"

    def year(y: str | None, month: int) -> int | None:
        if y and re.fullmatch(_YEAR, y):
            return int(y)
        if y:
            return _rel_year(y, pub) if pub else None
        return _year_of_month(month, pub, future) if pub else None

    if kind == "range_my":
        return (date(int(g["y1"]), MONTHS[g["m1"].lower().rstrip(".")], 1),
                _month_end(int(g["y2"]), MONTHS[g["m2"].lower().rstrip(".")]), False)
    if kind == "range_years":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 < y1:
            return None, None, False
        return date(y1, 1, 1), date(y2, 12, 31), False
    if kind == "range_dates":
        return (date(int(g["y1"]), MONTHS[g["m1"].lower().rstrip(".")], int(g["d1"])),
                date(int(g["y2"]), MONTHS[g["m2"].lower().rstrip(".")], int(g["d2"])), False)
    if kind == "months_pair":
        m1, m2 = MONTHS[g["m1"].lower().rstrip(".")], MONTHS[g["m2"].lower().rstrip(".")]
        y = year(g.get("y"), m1)
        if y is None:
            return None, None, False
        return date(y, m1, 1), _month_end(y if m2 >= m1 else y + 1, m2), False
    if kind == "quarter":
        y = int(g["y"]) if re.fullmatch(_YEAR, g["y"]) else (
            _rel_year(g["y"], pub) if pub else None)
        if y is None:
            return None, None, False
        n = ORDINAL[g["q"].lower()]
        size = 3 if g["kind"].lower() == "quarter" else 6
        first = (n - 1) * size + 1
        return date(y, first, 1), _month_end(y, first + size - 1), False
    if kind in ("date", "date_dmy"):
        mo = MONTHS[g["m"].lower().rstrip(".")]
        day = int(g["d"])
        y = int(g["y"]) if g.get("y") else (_year_of_month(mo, pub, future) if pub else None)
        if y is None or day > calendar.monthrange(y, mo)[1]:
            return None, None, False
        return date(y, mo, day), date(y, mo, day), False
    if kind == "part_month":
        mo = MONTHS[g["m"].lower().rstrip(".")]
        y = year(g.get("y"), mo)
        if y is None:
            return None, None, False
        b, e = _part(g["part"], date(y, mo, 1), _month_end(y, mo))
        return b, e, False
    if kind == "month_year":
        mo = MONTHS[g["m"].lower().rstrip(".")]
        y = year(g["y"], mo)
        return (date(y, mo, 1), _month_end(y, mo), False) if y else (None, None, False)
    if kind == "decade":  # "the 1990s"
        first = int(g["d"])
        return date(first, 1, 1), date(first + 9, 12, 31), False
    if kind in ("year_pair", "years_and"):  # "in 2022-23", "in 2016 and 2017": both years
        y1 = int(g["y1"])
        y2 = int(g["y2"]) if len(g["y2"]) == 4 else y1 // 100 * 100 + int(g["y2"])
        return (date(y1, 1, 1), date(y2, 12, 31), False) if y1 < y2 <= y1 + 5 \
            else (None, None, False)
    if kind == "year":
        y = int(g["y"])
        text = m.group(0).lower()
        if text.startswith("since") and pub:
            return date(y, 1, 1), pub, False
        if text.startswith("from") and (pub is None or pub.year <= y):
            return date(y, 1, 1), None, False  # "to be delivered from 2026": open-ended
        if text.startswith("by") and pub and pub <= date(y, 12, 31):
            # "due by 2026", "by the end of 2026": from the report until the year's end
            return pub, date(y, 12, 31), False
        return date(y, 1, 1), date(y, 12, 31), False
    if kind == "part_year":  # "early 2024" needs no publication date, "late last year" does
        py = int(g["y"]) if re.fullmatch(_YEAR, g["y"]) else (
            _rel_year(g["y"], pub) if pub else None)
        if py is None:
            return None, None, False
        y = py
        start, end = date(y, 1, 1), date(y, 12, 31)
        part = g["part"].lower()
        if part.startswith(("early", "the beginning", "beginning", "the start", "start")):
            return start, date(y, 3, 31), False
        if part.startswith(("mid", "the middle")):
            return date(y, 4, 1), date(y, 9, 30), False
        if part.startswith(("the end", "end")) and m.group(0).lower().startswith("by") \
                and pub and pub <= end:
            return pub, end, False  # "by the end of 2026": as "by 2026"
        return date(y, 10, 1), end, False
    if pub is None:  # the kinds below all resolve against the publication date
        return None, None, kind == "future_open"
    if kind == "season":
        first, last = SEASONS[g["s"].lower()]
        rel = (g.get("rel") or "").lower()
        if g.get("y"):
            y = int(g["y"])
        elif rel == "last":
            y = pub.year - 1
        elif rel == "next":
            y = pub.year + 1
        elif rel == "this":
            y = pub.year
        else:
            y = _year_of_month(first, pub, future)
        end_year = y + 1 if last < first else y
        return date(y, first, 1), _month_end(end_year, last), False
    if kind == "rel_month":  # "last July": the July before the report's month
        mo, rel = MONTHS[g["m"].lower()], g["rel"].lower()
        y = pub.year - (mo >= pub.month) if rel == "last" else \
            pub.year + (mo <= pub.month) if rel == "next" else pub.year
        return date(y, mo, 1), _month_end(y, mo), False
    if kind == "month":
        mo = MONTHS[g["m"].lower()]
        y = _year_of_month(mo, pub, future or m.group(0).lower().startswith("as early"))
        open_end = m.group(0).lower().startswith("as early as")
        return date(y, mo, 1), None if open_end else _month_end(y, mo), False
    if kind == "weekday":
        wd = WEEKDAYS[g["wd"].lower()]
        text = m.group(0).lower()
        delta = (pub.weekday() - wd) % 7
        if text.startswith("next"):
            d = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
        elif text.startswith("last") and delta == 0:
            d = pub - timedelta(days=7)
        else:
            d = pub - timedelta(days=delta)
        return d, d, False
    if kind == "rel_unit":
        rel, unit = g["rel"].lower(), g["u"].lower()
        step = -1 if any(w in rel for w in ("last", "previous", "past")) else \
            (1 if any(w in rel for w in ("next", "following")) else 0)
        if unit == "year":
            y = pub.year + step
            return date(y, 1, 1), date(y, 12, 31), False
        if unit == "month":
            month_start = date(pub.year, pub.month, 1) + relativedelta(months=step)
            return month_start, _month_end(month_start.year, month_start.month), False
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6), False
    if kind == "future_open":
        return pub, None, True
    if kind == "before_end":
        end = date(pub.year, 12, 31) if g["u"].lower() == "year" else \
            _month_end(pub.year, pub.month)
        return pub, end, False
    if kind == "past_span":
        n = _num(g["n"]) if g.get("n") else 1
        span = _units(n, g["u"])
        if "and a half" in m.group(0).lower():
            span += relativedelta(months=6) if "year" in g["u"] else relativedelta(days=15)
        return pub - span, pub, False
    if kind == "recent":
        return pub - _units(3, g["u"]), pub, False
    if kind == "ago":  # "two years ago": that year; "three months ago": that month
        then = pub - _units(_num(g["n"]), g["u"])
        unit = g["u"].lower().rstrip("s")
        if unit == "year":
            return date(then.year, 1, 1), date(then.year, 12, 31), False
        if unit == "month":
            return date(then.year, then.month, 1), _month_end(then.year, then.month), False
        if unit == "week":
            monday = then - timedelta(days=then.weekday())
            return monday, monday + timedelta(days=6), False
        return then, then, False
    return None, None, False


def find_times(text: str, published: date | None, future: bool = False) -> list[TimeMatch]:
    """Every time phrase in ``text``, longest first where they overlap, in text order."""
    found: list[TimeMatch] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            # a bare weekday counts only after "on" or a reporting verb ("said Monday")
            if kind == "weekday" and not re.match(r"(?:on|last|this|next)\s", m.group(0), re.I) \
                    and not re.search(r"\b(?:on|said|says|announced|reported)\s*$", text[:s]) \
                    and not re.match(r"\s*[,.]", text[e:e + 2]):
                continue
            if kind == "year" and re.search(r"(?:Zapad|[A-Za-z]-)\s*$", text[:s]):
                continue  # "Zapad 2025" names an exercise
            if kind == "year" and m.group(0)[:1].isdigit() and \
                    re.search(r"[^\s.!?:;\"“(]\s+[A-Z][\w-]*\s+$", text[max(0, s - 60):s]):
                continue  # "Mirage 2000 fighters": a bare number after a name is a model
            try:
                begin, until, open_future = _resolve(kind, m, published, future)
            except (ValueError, OverflowError):  # "April 0"; "next year" published 9999-12-31
                taken.append((s, e))  # a date that cannot be: no time, nor a shorter reading
                continue
            if kind == "years_and" and begin is None:
                continue  # "in 2014 and 2022": years too far apart are two times, read alone
            phrase = m.group(0).strip()
            since = re.search(r"\bsince\s+(?:the\s+)?$", text[:s], re.IGNORECASE)
            if (since or phrase.lower().startswith("since")) and begin and published \
                    and begin <= published:
                until = published  # "since August": from then until the report
                if since:
                    s = since.start()
                    phrase = text[s:e].strip()
            found.append(TimeMatch(phrase, s, e, begin, until, open_future))
            taken.append((s, e))
    found.sort(key=lambda t: t.start)
    found = _between_events(text, found)
    return [_since_event(text, t, found[k - 1].end if k else 0, published)
            for k, t in enumerate(found)]


# "between the Hamas attack of October 2023 and May this year": a few words of an event
# after "between", then two time phrases joined by "and"
_BETWEEN_EVENT = re.compile(r"\bbetween\s+(?:[^\s,;:.!?()“”\"]+\s+){0,8}$", re.IGNORECASE)


def _between_events(text: str, found: list[TimeMatch]) -> list[TimeMatch]:
    """Two time phrases joined by "and" after a "between" that an event's words follow are
    one span, from the first's start to the second's end."""
    out: list[TimeMatch] = []
    k = 0
    while k < len(found):
        t = found[k]
        nxt = found[k + 1] if k + 1 < len(found) else None
        m = _BETWEEN_EVENT.search(text, max(out[-1].end if out else 0, t.start - 120), t.start)
        if nxt is not None and m is not None and t.begin is not None and \
                nxt.until is not None and t.begin <= nxt.until and \
                re.fullmatch(r"\s+and\s+", text[t.end:nxt.start]):
            out.append(TimeMatch(text[m.start():nxt.end], m.start(), nxt.end, t.begin,
                                 nxt.until))
            k += 2
            continue
        out.append(t)
        k += 1
    return out


# "since the war began in April 2023", "since Russia's invasion of its neighbour in February
# 2022": a few words of an event, with no break, between "since" and its time phrase
_SINCE_EVENT = re.compile(r"\bsince\s+(?!then\b)(?:[^\s,;:.!?()“”\"]+\s+){1,8}$", re.IGNORECASE)


def _since_event(text: str, t: TimeMatch, after: int, published: date | None) -> TimeMatch:
    """``t``, or the span from a "since" before it whose event ``t`` dates (no other time
    phrase between): from that time until the report (open without a publication date)."""
    if t.begin is None or t.text.lower().startswith("since") or \
            published is not None and t.begin > published:
        return t
    m = _SINCE_EVENT.search(text, max(after, t.start - 120), t.start)
    if m is None:
        return t
    return TimeMatch(text[m.start():t.end].strip(), m.start(), t.end, t.begin, published,
                     t.open_future, event=t)
