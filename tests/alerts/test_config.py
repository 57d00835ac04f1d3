"""Routes, alert options and rule names in the config: bad input is an error naming the key and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.catalog_messages import used_messages
from alerts.catalogs import catalog_path, languages
from alerts.i18n import Texts, translations
from monitor.config_errors import ConfigError
from monitor.settings import load_settings

ACCOUNT = '[[accounts]]\nname = "brand"\nplatform = "x"\nhandle = "brand"\n'


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[rules.tone]\ndisable = ["insults"]\n', "[rules.tone] disable[0]: 'insults' is not a rule of 'tone'; did you mean 'insult'?"),
        ('[[routes]]\nname = "pr"\nrules = ["profanityy"]\n', "routes[0].rules: 'profanityy' is not a rule; did you mean 'profanity'?"),
        ('[[routes]]\nname = "pr"\nmistakes = ["tones"]\n', "'tones' is not a mistake; did you mean 'tone'?"),
        ('[[routes]]\nname = "pr"\naccounts = ["brnd"]\n', "routes[0].accounts: 'brnd' is not an account here; did you mean 'brand'?"),
        ('[[routes]]\nname = "pr"\nseverities = ["urgent"]\n', "routes[0].severities[0]: Input should be 'critical', 'warning' or 'info'"),
        ('[[routes]]\nname = "pr"\nto = ["pr@brand.example"]\napprise = ["json://127.0.0.1/x"]\n', "split it in two routes"),
        ('[[routes]]\nname = "pr"\nquiet_hours = "10pm-8am"\n', '"22:00-08:00"'),
        ('[[routes]]\nname = "pr"\ntimezone = "Moscow"\n', "IANA time zone"),
        ('[[routes]]\nname = "pr"\n[[routes]]\nname = "pr"\n', "used twice"),
        ('[[routes]]\nname = "default"\n', "not default or admin"),
        ('[[routes]]\nname = "pr"\napprise = ["telegram"]\n', "is not an Apprise URL"),
        ('[[routes]]\nname = "pr"\napprise_env = "tgram://123:abc/456"\n', "name of an environment variable"),
        ('[[routes]]\nname = "pr"\nlanguage = "de"\n', "'de' is not a language the alerts have a catalog for"),
        ('[[routes]]\nname = "pr"\nmax_findings_per_email = 0\n', "max_findings_per_email"),
        ('[[silences]]\nrule = "insult"\nmistake = "spam"\nuntil = 2026-12-31T00:00:00Z\n', "'insult' is not a rule of 'spam'"),
        ('[email]\nadmin = ["ops"]\n', "is not an email address"),
    ],
    ids=["disable-typo", "route-rule", "route-mistake", "route-account", "route-severity", "two-channels", "quiet-format",
         "route-zone", "route-twice", "route-reserved", "apprise-not-url", "apprise-env-is-secret", "route-language",
         "route-max", "silence-rule-of-mistake", "admin-address"],
)
def test_bad_alert_config_is_a_config_error(tmp_path: Path, text: str, says: str) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(ACCOUNT + text if not text.startswith("[[routes]]") and not text.startswith("[[silences]]") else ACCOUNT + "\n" + text,
                      encoding="utf-8")

    with pytest.raises(ConfigError) as caught:
        load_settings(config)

    assert says in str(caught.value) and str(config) in str(caught.value)
    assert "tgram://123:abc/456" not in str(caught.value)  # a URL pasted where an env var belongs is not echoed


def test_routes_and_alert_options_load(tmp_path: Path) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(ACCOUNT + 'language = "ru"\n[email]\nrepeat_interval = "12h"\nmax_findings_per_email = 20\n'
                      'send_resolved = true\nquiet_hours = "22:00-08:00"\n[[routes]]\nname = "pr"\nseverities = ["critical"]\n'
                      'to = ["pr@brand.example"]\ncontinue = true\n', encoding="utf-8")

    settings = load_settings(config)

    assert settings.accounts[0].language == "ru" and settings.email.max_findings_per_email == 20
    assert settings.routes[0].continue_ is True and settings.routes[0].channel == "email"


def test_every_message_has_a_translation_in_every_catalog() -> None:
    """Adding a language is one catalog; a message the code uses and a catalog lacks fails here."""
    used = used_messages()
    assert set(languages()) >= {"en", "ru"} and len(used) > 40
    for language in languages():
        catalog = translations(language)
        for msgid, plural in used.items():
            if language == "en":
                continue
            key = (msgid, 0) if plural else msgid
            assert catalog._catalog.get(key), f"{catalog_path(language)}: no translation of {msgid!r}"


@pytest.mark.parametrize(("count", "expected"), [(1, "1 новое замечание"), (2, "2 новых замечания"), (5, "5 новых замечаний"),
                                                 (11, "11 новых замечаний"), (21, "21 новое замечание"), (22, "22 новых замечания")])
def test_russian_has_three_plural_forms(count: int, expected: str) -> None:
    assert Texts("ru").ngettext("%(num)d new finding", "%(num)d new findings", count) == expected


def test_a_broken_catalog_is_an_error_naming_the_file(tmp_path: Path) -> None:
    from alerts.i18n import CatalogError, compile_catalog

    broken = tmp_path / "de" / "LC_MESSAGES" / "messages.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid "new"\nthis is not po\n', encoding="utf-8")

    with pytest.raises(CatalogError) as caught:
        compile_catalog(broken, "de")

    assert str(broken) in str(caught.value) and "fix the .po file" in str(caught.value)
