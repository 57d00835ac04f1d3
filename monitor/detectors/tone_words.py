"""What the insult and the competitor rules of tone both read: insults, "we", quotation marks, titles and compounds."""

from __future__ import annotations

import re

from monitor.text.lexicons import en, ru
from monitor.text.words import Token, WordList

INSULTS = WordList(en.INSULTS + ru.INSULT_ROOTS, lemmas=ru.INSULT_LEMMAS)
FIRST_PERSON = WordList(en.FIRST_PERSON + ru.FIRST_PERSON)
QUOTES = "«\"“„'‘‹"
QUOTED = re.compile(r"«[^«»\n]{1,200}»|“[^“”\n]{1,200}”|„[^„“”\n]{1,200}[“”]|\"[^\"\n]{1,200}\"|‹[^‹›\n]{1,200}›")


def titled(sentence: str, token: Token, index: int) -> bool:
    """A title or a name rather than name-calling: «Идиот» in quotes, "the film Idiot" capitalised mid-sentence."""
    # A quote right before the word, or an opening one a space before; not the apostrophe of "Starbucks' burnt beans".
    if sentence[token.start - 1 : token.start] in tuple(QUOTES) or sentence[: token.start].rstrip()[-1:] in ("«", "“", "„", "‹"):
        return True
    return index > 0 and token.text[:1].isupper() and not token.text.isupper()


def compound(sentence: str, token: Token) -> str | None:
    """Where a word stands in a hyphenated one: "modifier" before the hyphen ("idiot-proof", «клоун-шоу»),
    "head" after it («эксперт-дебил»), None when it stands alone."""
    after, before = sentence[token.end : token.end + 2], sentence[max(token.start - 2, 0) : token.start]
    if len(after) == 2 and after[0] in "-‐" and after[1].isalpha():
        return "modifier"
    if len(before) == 2 and before[1] in "-‐" and before[0].isalpha():
        return "head"
    return None
