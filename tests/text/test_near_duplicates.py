"""NearDuplicateIndex gives the answers of rapidfuzz's exact extractOne scan."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

import monitor.text.near_duplicates as near_duplicates
from monitor.text.near_duplicates import NearDuplicateIndex, _tokens, gram_size

EN = "coffee roast blend winter cherry beans order shop delivery cafe opening weekend menu the and for new".split()
RU = "кофе обжарка бленд зима вишня зерно заказ магазин доставка кофейня открытие выходные меню и в на".split()


def scan(stored: list[tuple[object, str]], text: str, similarity: float, min_length: int = 1):
    """The reference: extractOne over the stored texts in order of addition, as find_repeats does."""
    if len(text) < min_length:
        return None
    match = process.extractOne(text, [t for _, t in stored], scorer=fuzz.ratio, score_cutoff=similarity * 100)
    return None if match is None else (stored[match[2]][0], match[1] / 100)


def sentence(rng: random.Random, vocabulary: list[str], words: int) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def edited(rng: random.Random, text: str, edits: int) -> str:
    """text with `edits` random characters inserted, deleted or replaced."""
    chars = list(text)
    alphabet = sorted(set(text)) or ["a"]
    for _ in range(edits):
        i = rng.randrange(len(chars) + 1)
        kind = rng.randrange(3)
        if kind == 0 or not chars:
            chars.insert(i, rng.choice(alphabet))
        elif kind == 1 and i < len(chars):
            del chars[i]
        elif i < len(chars):
            chars[i] = rng.choice(alphabet)
    return "".join(chars)


def corpus(rng: random.Random, count: int, vocabulary: list[str]) -> list[str]:
    """Short and long sentences, many of them edited copies of earlier ones (ties and near-threshold scores)."""
    texts: list[str] = []
    for _ in range(count):
        if texts and rng.random() < 0.5:
            source = rng.choice(texts)
            texts.append(edited(rng, source, rng.randrange(0, max(2, len(source) // 6))))
        else:
            texts.append(sentence(rng, vocabulary, rng.choice((1, 2, 3, 6, 12, 20))))
    return texts


def test_overlap_bound_holds_for_every_pair() -> None:
    """The lemma behind the filter: q-gram multiset overlap >= (2q - 1) LCS - (q - 1)(la + lb + 1)."""
    rng = random.Random(1)
    texts = corpus(rng, 300, EN)
    for _ in range(3000):
        a, b = rng.choice(texts), rng.choice(texts)
        b = edited(rng, b, rng.randrange(6)) if rng.random() < 0.5 else b
        m = LCSseq.similarity(a, b)
        for q in (2, 3, 4, 5):
            overlap = len(set(_tokens(a, q)) & set(_tokens(b, q)))
            assert overlap >= (2 * q - 1) * m - (q - 1) * (len(a) + len(b) + 1), (a, b, q)


@pytest.mark.parametrize("similarity", [0.6, 0.8, 0.85, 0.9, 0.95])
@pytest.mark.parametrize("vocabulary", [EN, RU], ids=["en", "ru"])
def test_agrees_with_the_exact_scan(similarity: float, vocabulary: list[str]) -> None:
    """Thousands of look-ups of random posts and near copies against the exact scan over the same texts."""
    rng = random.Random(int(similarity * 100))
    texts = corpus(rng, 400, vocabulary)
    index = NearDuplicateIndex(similarity, index_from=0)
    stored = []
    for key, text in enumerate(texts[:300]):
        index.add(key, text)
        stored.append((key, text))
    queries = texts[300:] + [edited(rng, rng.choice(texts), rng.randrange(8)) for _ in range(600)]
    matches = 0
    for query in queries:
        expected = scan(stored, query, similarity)
        assert index.best(query) == expected, query
        matches += expected is not None
    assert matches > 100  # the test exercises matches, not only misses


@pytest.mark.parametrize("similarity", [0.7, 0.9])
def test_sliding_window_with_compaction(monkeypatch: pytest.MonkeyPatch, similarity: float) -> None:
    """Posts look up the window and join it while the oldest leave, as in find_repeats; compaction keeps answers."""
    monkeypatch.setattr(near_duplicates, "_COMPACT_MIN_DEAD", 16)
    rng = random.Random(5)
    texts = corpus(rng, 1500, EN + RU)
    index = NearDuplicateIndex(similarity, min_length=5, index_from=0)
    window: list[tuple[int, str]] = []
    for key, text in enumerate(texts):
        while len(window) > rng.randrange(20, 60):
            index.remove(window.pop(0)[0])
        assert index.best(text) == scan(window, text, similarity, min_length=5)
        index.add(key, text)
        window.append((key, text))
        assert len(index) == len(window)
    assert len(index._texts) < 200  # dead slots were compacted away


def test_exact_duplicates_earliest_first() -> None:
    index = NearDuplicateIndex(0.9, index_from=0)
    text = "new winter blend in the shop from monday"
    index.add("a", text)
    index.add("b", "something else entirely, nothing alike")
    index.add("c", text)
    assert index.best(text) == ("a", 1.0)
    index.remove("a")
    assert index.best(text) == ("c", 1.0)


def test_remove_makes_a_post_unfindable() -> None:
    index = NearDuplicateIndex(0.9, index_from=0)
    index.add(1, "our cherry espresso is back this weekend at every cafe")
    near = "our cherry espresso is back this weekend at every café"
    assert index.best(near)[0] == 1
    index.remove(1)
    assert index.best(near) is None
    assert 1 not in index and len(index) == 0
    with pytest.raises(KeyError):
        index.remove(1)


def test_adding_a_key_again_replaces_and_moves_it() -> None:
    index = NearDuplicateIndex(0.9, index_from=0)
    index.add("x", "first text of the post")
    index.add("x", "second text of the post")
    assert index.best("first text of the post") is None
    assert index.best("second text of the post") == ("x", 1.0)


def test_ties_go_to_the_earliest_added() -> None:
    index = NearDuplicateIndex(0.8, index_from=0)
    index.add("first", "abcdefghij klmnopqrst X")
    index.add("second", "abcdefghij klmnopqrst Y")
    query = "abcdefghij klmnopqrst Z"
    assert fuzz.ratio(query, "abcdefghij klmnopqrst X") == fuzz.ratio(query, "abcdefghij klmnopqrst Y")
    assert index.best(query)[0] == "first"
    index.add("first", "abcdefghij klmnopqrst X")  # re-added: now the newer one
    assert index.best(query)[0] == "second"


def test_short_texts_match_the_scan() -> None:
    """Texts shorter than a gram, or too short for the count filter to prune, go through the exact scan."""
    rng = random.Random(3)
    alphabet = "abc"
    for similarity in (0.5, 0.66, 0.8, 0.9):
        index = NearDuplicateIndex(similarity, index_from=0)
        stored = []
        for key in range(200):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 7)))
            index.add(key, text)
            stored.append((key, text))
        for _ in range(300):
            query = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 8)))
            assert index.best(query) == scan(stored, query, similarity)


def test_min_length_and_russian() -> None:
    index = NearDuplicateIndex(0.9, min_length=20, index_from=0)
    index.add("ru", "новый зимний бленд уже в кофейнях скидка 15 на все напитки")
    assert index.best("новый зимний бленд уже в кофейнях скидка 20 на все напитки")[0] == "ru"
    assert index.best("новый зимний бленд уже в кофейнях, скидка 20 на все напитки".replace(",", "")[:10]) is None
    index.add("short", "кофе")
    assert index.best("кофе") is None  # shorter than min_length: not looked up, as in repeated_update


def test_empty_index_and_gram_sizes() -> None:
    index = NearDuplicateIndex(0.9, index_from=0)
    assert index.best("anything at all") is None
    index.add(1, "anything at all")
    index.remove(1)
    assert index.best("anything at all") is None
    assert gram_size(0.9) == 3 and gram_size(0.5) == 0
    with pytest.raises(ValueError):
        NearDuplicateIndex(0)


def test_postings_start_at_index_from() -> None:
    """Below index_from texts look-ups scan; reaching it indexes every living text, with the same answers."""
    rng = random.Random(9)
    texts = corpus(rng, 300, EN)
    index = NearDuplicateIndex(0.9, index_from=100)
    stored: list[tuple[int, str]] = []
    for key, text in enumerate(texts):
        if key % 7 == 3:
            index.remove(stored.pop(0)[0])
        assert index._indexed == (key > 116)  # 100 living once key 116 is in: 117 added, 17 removed
        assert index.best(text) == scan(stored, text, 0.9)
        index.add(key, text)
        stored.append((key, text))
