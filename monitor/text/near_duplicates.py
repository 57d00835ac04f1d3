"""Near-duplicate look-up of normalised posts: rapidfuzz's exact-scan answer through a lossless q-gram index."""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Hashable
from math import ceil, log
from operator import methodcaller

import numpy as np
from rapidfuzz import fuzz, process

# Float slack for the filters only, so that rounding never drops a pair rapidfuzz would accept;
# the answer itself is always rapidfuzz's own score against the same cutoff.
_SLACK = 1e-9
_COMPACT_MIN_DEAD = 1024
# Postings are split into bands of lengths within a factor of 1.2, so a look-up reads only the
# 3 or 4 bands the length filter allows rather than every stored post's grams.
_LOG_BAND = log(1.2)
# Share of the slack (need - 1) spent on not reading the most frequent grams: more skipped means
# fewer postings read but a weaker count filter, so more candidates to verify (0.75: measured best).
_SKIP = 0.75


def _new_postings() -> array:
    return array("i")


def _band(length: int) -> int:
    """The length band of a text: lengths within a factor of 1.2 share one."""
    return int(log(length) / _LOG_BAND) if length > 0 else -1


def gram_size(similarity: float) -> int:
    """The gram length q for a threshold, 0 when no q >= 2 leaves the count filter any power."""
    # T(L) / la tends to (2q - 1) t - 2 (q - 1), the share of its grams a query must share with a match:
    # take the longest (rarest) grams for which that share stays near a half (q = 3 at t = 0.9).
    for q in (5, 4, 3, 2):
        if (2 * q - 1) * similarity - 2 * (q - 1) >= 0.45:
            return q
    return 2 if 3 * similarity - 2 >= 0.15 else 0


def _tokens(text: str, q: int) -> list[str]:
    """The text's distinct q-grams, plus gram\\0k for its k-th repeat, so that multiset overlap is set overlap."""
    counts = Counter([text[i : i + q] for i in range(len(text) - q + 1)])
    tokens = list(counts)
    if len(tokens) < len(text) - q + 1:
        tokens += [f"{gram}\0{k}" for gram, count in counts.items() if count > 1 for k in range(1, count)]
    return tokens


# The bound. Let m = LCS(a, b), so fuzz.ratio = 100 * 2m / L with L = la + lb. Fix one LCS alignment:
# a q-gram of a survives into b unless it covers one of the la - m unmatched characters of a (at most
# q grams each) or straddles one of the at most lb - m gaps where b has extra characters (at most
# q - 1 grams each). So the multisets of q-grams of a and b share at least
#     (la - q + 1) - q (la - m) - (q - 1)(lb - m) = (2q - 1) m - (q - 1)(L + 1)
# grams, and ratio >= t means m >= ceil(t L / 2), hence at least
#     T(L) = (2q - 1) ceil(t L / 2) - (q - 1)(L + 1)
# (the count filter); and m <= min(la, lb) gives 2 min(la, lb) >= t L (the length filter).
# A stored text failing either cannot score >= t, so skipping it never changes the answer.
class NearDuplicateIndex:
    """Normalised texts by key; best() returns what extractOne(text, texts, scorer=fuzz.ratio, score_cutoff) would."""

    def __init__(self, similarity: float, min_length: int = 1, *, q: int | None = None, index_from: int = 500) -> None:
        """similarity in (0, 1]; texts shorter than min_length are stored but never looked up, as in repeated_update."""
        if not 0 < similarity <= 1:
            raise ValueError(f"similarity must be in (0, 1], not {similarity}")
        self.similarity = similarity
        self.min_length = min_length
        self.cutoff = similarity * 100  # exactly what find_repeats passes to extractOne
        self.q = gram_size(similarity) if q is None else q
        self.index_from = index_from  # below this many texts no postings are kept: a scan of a few hundred is faster
        self._reset()

    def _reset(self) -> None:
        self._keys: list[Hashable] = []  # by slot, in the order of add(); slots only grow until compaction
        self._texts: list[str | None] = []  # None once removed (rapidfuzz skips None choices)
        self._lengths = array("i")
        self._alive = bytearray()
        self._slot: dict[Hashable, int] = {}
        self._exact: dict[str, list[int]] = {}
        self._bands: dict[int, defaultdict[str, array]] = {}  # length band -> q-gram token -> slots
        self._dead = 0
        self._indexed = False

    def __len__(self) -> int:
        return len(self._slot)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._slot

    def add(self, key: Hashable, text: str) -> None:
        """Store a normalised text under key; a key added again moves to the end, as a newer post."""
        if key in self._slot:
            self.remove(key)
        slot = len(self._texts)
        self._keys.append(key)
        self._texts.append(text)
        self._lengths.append(len(text))
        self._alive.append(1)
        self._slot[key] = slot
        self._exact.setdefault(text, []).append(slot)
        if self._indexed:
            self._insert(slot, text)
        elif self.q and len(self._slot) >= self.index_from:
            self._indexed = True
            for old, stored in enumerate(self._texts):
                if stored is not None:
                    self._insert(old, stored)

    def _insert(self, slot: int, text: str) -> None:
        """Add the text's grams to the postings of its length band."""
        band = _band(len(text))
        postings = self._bands.get(band)
        if postings is None:
            postings = self._bands[band] = defaultdict(_new_postings)
        deque(map(methodcaller("append", slot), map(postings.__getitem__, _tokens(text, self.q))), maxlen=0)

    def remove(self, key: Hashable) -> None:
        """Forget the text stored under key (KeyError if there is none)."""
        slot = self._slot.pop(key)
        text = self._texts[slot]
        same = self._exact[text]
        same.remove(slot)
        if not same:
            del self._exact[text]
        self._texts[slot] = None
        self._alive[slot] = 0
        self._dead += 1
        # Postings keep dead slots (masked at look-up) until they outnumber the living.
        if self._dead >= _COMPACT_MIN_DEAD and self._dead > len(self._slot):
            self._compact()

    def _compact(self) -> None:
        """Rebuild without dead slots, keeping the order of addition."""
        living = [(key, self._texts[slot]) for key, slot in sorted(self._slot.items(), key=lambda item: item[1])]
        self._reset()
        for key, text in living:
            self.add(key, text)

    def best(self, text: str) -> tuple[Hashable, float] | None:
        """(key, score 0..1) of the best stored match at or above the similarity, the earliest on ties; else None."""
        if len(text) < self.min_length or not self._slot:
            return None
        same = self._exact.get(text)
        if same:
            return self._keys[same[0]], 1.0
        slots = self._candidates(text) if self._indexed else None
        if slots is None:  # few texts, or too short a text for the filter to prune: the exact scan
            match = process.extractOne(text, self._texts, scorer=fuzz.ratio, score_cutoff=self.cutoff)
            return None if match is None else (self._keys[match[2]], match[1] / 100)
        if not len(slots):
            return None
        texts = self._texts
        match = process.extractOne(text, [texts[s] for s in slots.tolist()], scorer=fuzz.ratio, score_cutoff=self.cutoff)
        return None if match is None else (self._keys[int(slots[match[2]])], match[1] / 100)

    def _candidates(self, text: str) -> np.ndarray | None:
        """Living slots, ascending, that pass the length and count filters; None when the filter cannot prune."""
        q, t = self.q, self.similarity - _SLACK
        la = len(text)
        lb_low, lb_high = ceil(la * t / (2 - t)), int(la * (2 - t) / t)
        need = min((2 * q - 1) * ceil(t * (la + lb) / 2) - (q - 1) * (la + lb + 1) for lb in range(lb_low, lb_high + 1))
        if need <= 0:
            return None
        tokens = _tokens(text, q)
        # Each query token adds at most 1 to a post's overlap, so leaving out `skip` tokens that the post's
        # band holds lowers it by at most skip; left out are the band's most frequent (any choice is lossless).
        skip = int((need - 1) * _SKIP)
        pieces: list[array] = []
        for band in range(_band(lb_low), _band(lb_high) + 1):
            postings = self._bands.get(band)
            if postings is not None:
                present = sorted(filter(None, map(postings.get, tokens)), key=len)
                pieces += present[: len(present) - skip]
        if not pieces:
            return np.empty(0, dtype=np.intp)
        hits = np.bincount(np.frombuffer(b"".join(pieces), dtype=np.intc), minlength=len(self._texts))
        slots = np.flatnonzero(hits >= need - skip)
        if not len(slots):
            return slots
        lengths = np.frombuffer(self._lengths, dtype=np.intc)[slots]
        total = la + lengths
        keep = np.frombuffer(self._alive, dtype=np.uint8)[slots].astype(bool)
        keep &= 2 * np.minimum(lengths, la) >= t * total
        keep &= hits[slots] + skip >= (2 * q - 1) * np.ceil(t * total / 2) - (q - 1) * (total + 1)
        return slots[keep]
