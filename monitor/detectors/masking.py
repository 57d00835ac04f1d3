"""Personal data and obscene words hidden in every excerpt and summary a finding shows."""

from __future__ import annotations

from monitor.detectors import Detected
from monitor.detectors.oversharing import find_personal_data, mask_personal_data
from monitor.detectors.tone import mask_obscene
from monitor.settings import RulesSettings


def mask_sensitive(text: str, rules: RulesSettings) -> str:
    """The text with phones, e-mails, card and document numbers masked and obscene words shown as x***."""
    return mask_obscene(mask_personal_data(text, find_personal_data(text, rules.oversharing)))


def mask_finding(found: Detected, rules: RulesSettings) -> None:
    """Mask a finding's evidence excerpts and summaries in place, whichever rule reported it."""
    for evidence in found.evidence:
        if isinstance(evidence.get("excerpt"), str):
            evidence["excerpt"] = mask_sensitive(evidence["excerpt"], rules)
    found.summary = {language: mask_sensitive(text, rules) for language, text in found.summary.items()}
