"""Each text is analysed once: stored analyses are reused, and redone when the text or the checks' settings change."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from monitor.settings import load_settings
from monitor.store.analysis import ItemAnalysis
from tests.detectors.helpers import ACCOUNT, Brand, ago, make_brand, tweet, write_config

PHONE_POST = "Call our manager Olga on +7 916 123-45-67 for the order"


def analyses(brand: Brand) -> dict[int, ItemAnalysis]:
    """The stored analyses by item id."""
    with brand.sessions() as session:
        return {row.item_id: row for row in session.scalars(select(ItemAnalysis))}


def personal_data(brand: Brand) -> list[str]:
    return [f.key for f in brand.run() if f.rule == "personal_data"]


def test_a_sweep_stores_each_own_texts_analysis_and_the_next_reuses_it(tmp_path: Path) -> None:
    brand = make_brand(tmp_path)
    brand.save(tweet("1101", ago(days=2), PHONE_POST), tweet("1102", ago(days=1), "Winter menu is out"))

    assert personal_data(brand) == ["1101"]
    stored = analyses(brand)
    assert len(stored) == 2
    phone = next(row for row in stored.values() if "personal_data" in row.result and row.result["personal_data"])
    assert "+7 916" not in phone.result["excerpt"]  # the stored excerpt is masked, as evidence shows it

    assert personal_data(brand) == ["1101"]
    assert {i: r.text_hash for i, r in analyses(brand).items()} == {i: r.text_hash for i, r in stored.items()}


def test_an_edited_text_is_analysed_again(tmp_path: Path) -> None:
    brand = make_brand(tmp_path)
    brand.save(tweet("1101", ago(days=2), PHONE_POST))
    assert personal_data(brand) == ["1101"]

    brand.save(tweet("1101", ago(days=2), "Call our shop for the order"))

    assert personal_data(brand) == []


def test_changed_settings_redo_the_analysis(tmp_path: Path) -> None:
    brand = make_brand(tmp_path)
    brand.save(tweet("1101", ago(days=2), PHONE_POST))
    assert personal_data(brand) == ["1101"]

    allowed = load_settings(write_config(tmp_path, global_rules='[rules.oversharing]\nallow = ["+7 916 123-45-67"]\n'))
    brand = Brand(brand.sessions, allowed.account(ACCOUNT))

    assert personal_data(brand) == []
    assert len(analyses(brand)) == 1  # replaced, not added beside the old one
