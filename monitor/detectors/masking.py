"""Personal data and obscene words hidden in every excerpt and summary a finding shows."""

from __future__ import annotations

import re

from monitor.detectors import Detected
from monitor.detectors.oversharing import find_personal_data, mask_personal_data
from monitor.detectors.tone import mask_obscene
from monitor.settings import RulesSettings


# Personal data needs an e-mail's @ (or a spelled-out one) or at least 7 digits; most texts have neither.
_MAYBE_PERSONAL = re.compile(r"[\w.+-]@[\w-]+\.\w|\s@\s|собака|[\[({]\s*at\s*[\])}]|(?:\d\D{0,3}){7}", re.IGNORECASE)


def mask_sensitive(text: str, rules: RulesSettings) -> str:
    """The text with phones, e-mails, card and document numbers masked and obscene words shown as x***."""
    if _MAYBE_PERSONAL.search(text):
        text = mask_personal_data(text, find_personal_data(text, rules.oversharing))
    return mask_obscene(text)


def mask_finding(found: Detected, rules: RulesSettings, summaries: bool = True) -> None:
    """Mask a finding's evidence excerpts (and summaries, unless built only from masked parts) in place."""
    for evidence in found.evidence:
        # Evidence from Context.evidence() comes masked already (its excerpt is part of the item's stored analysis).
        if not evidence.pop("masked", False) and isinstance(evidence.get("excerpt"), str):
            evidence["excerpt"] = mask_sensitive(evidence["excerpt"], rules)
    if summaries:
        found.summary = {language: mask_sensitive(text, rules) for language, text in found.summary.items()}
