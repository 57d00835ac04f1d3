"""Synthetic English/Russian brand posts for the benchmarks (deterministic for a seed)."""

from __future__ import annotations

import random

EN = ("coffee roast blend winter spring cherry chocolate cardamom cupping barista beans farm ethiopia colombia "
      "morning espresso latte filter grinder brew kettle order shop delivery cafe opening weekend tasting menu").split()
RU = ("кофе обжарка бленд зима весна вишня шоколад кардамон дегустация бариста зерно ферма эфиопия колумбия "
      "утро эспрессо латте фильтр кофемолка заварка чайник заказ магазин доставка кофейня открытие выходные меню").split()


def post(rng: random.Random, words: int = 18) -> str:
    """One post of random words, English or Russian, sometimes with a link."""
    vocabulary = EN if rng.random() < 0.5 else RU
    text = " ".join(rng.choice(vocabulary) for _ in range(words)).capitalize()
    if rng.random() < 0.3:
        text += f" https://shop.northwind.example/p/{rng.randrange(10_000)}?utm_source=x"
    return text


def near_copy(rng: random.Random, text: str) -> str:
    """The same post with small edits: case, punctuation, one word swapped, an emoji."""
    words = text.split()
    index = rng.randrange(len(words))
    words[index] = words[index].upper() + "!"
    return " ".join(words) + " ☕"
