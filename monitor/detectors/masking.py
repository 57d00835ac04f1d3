"""Personal data, credentials and obscene words hidden in every excerpt and summary a finding shows."""

from __future__ import annotations

from monitor.detectors import Detected
from monitor.detectors.oversharing import find_personal_data, mask_found, maybe_personal
from monitor.settings import RulesSettings
from monitor.text.obscenity import mask_obscene
from monitor.text.secrets import find_secrets, maybe_secret


def mask_sensitive(text: str, rules: RulesSettings) -> str:
    """The text with phones, e-mails, ids, addresses, passwords and keys masked and obscene words shown as x***."""
    pieces: list = []
    if maybe_personal(text):
        pieces += find_personal_data(text, rules.oversharing)
    if maybe_secret(text):  # a key word or a token's prefix: a few texts in a hundred
        pieces += find_secrets(text)
    if pieces:
        text = mask_found(text, pieces)
    return mask_obscene(text)


def mask_finding(found: Detected, rules: RulesSettings, summaries: bool = True) -> None:
    """Mask a finding's evidence excerpts (and summaries, unless built only from masked parts) in place."""
    for evidence in found.evidence:
        # Evidence from Context.evidence() comes masked already (its excerpt is part of the item's stored analysis).
        if not evidence.pop("masked", False) and isinstance(evidence.get("excerpt"), str):
            evidence["excerpt"] = mask_sensitive(evidence["excerpt"], rules)
    if summaries:
        found.summary = {language: mask_sensitive(text, rules) for language, text in found.summary.items()}
