"""Amounts of money and percentages in a text, marked once so that the figure patterns stay small.

mark_amounts() returns the folded text with every amount replaced, character for character, by MONEY_MARK or
PERCENT_MARK: offsets do not move, and the patterns of monitor/text/figures.py name an amount with MONEY or PERCENT
instead of repeating the number, currency and multiplier shapes in each of them.
"""

from __future__ import annotations

import re

# A number as people write it: 1 900, 1,900, 14,2, 3.10, 480.
_NUM = r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?!\d)|\d+)(?:[.,]\d+)?"
_MULT = (
    r"(?:k|к|кк|m|mn|mln|bn|million|billion|thousand|grand|тыс\.?|тысяч\w*|тыщ\w*|косар\w*|млн\.?|миллион\w*|лям\w*"
    r"|млрд\.?|миллиард\w*)(?![^\W\d_])"
)
_CUR = (
    r"(?:₽|\$|€|£|руб(?:\.|лей|ля|ль)?|р\.?(?=[\s/,.;:!?)]|$)|rub|rur|usd|eur|долл\w*|dollars?|евро|euros?|bucks"
    r"|cents?|центов|цента|коп\.?|копеек)(?![^\W\d_])"
)
# Money: a currency sign or word, or a multiplier (41M, 480k, 1,2 млн), before or after the number.
_MONEY = re.compile(rf"[$€£₽]\s?{_NUM}(?:\s?{_MULT})?|{_NUM}\s?(?:{_MULT}(?:\s?{_CUR})?|{_CUR})")
# "100% arabica" is a composition, not a business figure.
_PERCENT = re.compile(
    rf"{_NUM}\+?\s?(?:%|percent\b|per cent\b|процент\w*|п\.\s?п\.)"
    r"(?!\s*(?:arabica|арабик|robusta|робуст|natural|натурал|organic|органи|cotton|хлоп|cocoa|какао|recycl|переработ))"
)
_MULTIPLIED = re.compile(rf"\d\s?{_MULT}")
_TIMES = re.compile(r"\d\s?раз|(?<![^\W\d_])x\s?\d|\d\s?x\b")

MONEY_MARK, PERCENT_MARK = "\x01", "\x02"
# For the patterns: one amount of money, one percentage, either.
MONEY, PERCENT, FIGURE = r"\x01+", r"\x02+", r"[\x01\x02]+"


def mark_amounts(folded: str) -> str:
    """folded with every percentage and amount of money replaced by its mark (same length)."""
    chars = list(folded.replace(MONEY_MARK, " ").replace(PERCENT_MARK, " "))
    for pattern, mark in ((_PERCENT, PERCENT_MARK), (_MONEY, MONEY_MARK)):
        for m in pattern.finditer(folded):
            if all(c not in (MONEY_MARK, PERCENT_MARK) for c in chars[m.start() : m.end()]):
                chars[m.start() : m.end()] = mark * (m.end() - m.start())
    return "".join(chars)


def is_big(fragment: str) -> bool:
    """A percentage, a multiple, or an amount a company turns over (41M, 1,2 млн, 180 000 ₽), not a price (890 ₽)."""
    if _PERCENT.search(fragment) or _MULTIPLIED.search(fragment) or _TIMES.search(fragment):
        return True
    for money in _MONEY.finditer(fragment):
        whole = re.split(r"[.,](?=\d{1,2}(?!\d))", money[0])[0]
        if int("".join(re.findall(r"\d", whole)) or 0) >= 10_000:
            return True
    return False
