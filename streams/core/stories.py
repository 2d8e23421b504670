"""Story clusters: near-duplicate articles under different keys share a ``story_id``.

SimHash (Charikar, 2002) over word 3-shingles gives each article a 64-bit signature whose
Hamming distance to another tracks how much of the text they share. The signature is split
into four 16-bit bands: two signatures within 3 bits of each other agree on at least one band
(pigeonhole), so a look-up of four band keys finds every candidate, and the exact distance
decides. Pure: the band index is passed in (a Faust table in the worker, a dict in tests).
"""

from __future__ import annotations

import re
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

__all__ = [
    "BANDS",
    "MAX_ENTRIES_PER_BAND",
    "BandIndex",
    "DictStoryIndex",
    "Entry",
    "StoryDecision",
    "StoryIndex",
    "assign_story",
    "band_keys",
    "simhash",
]

BANDS = 4
_BAND_BITS = 64 // BANDS
#: Entries kept per band key, newest last: a bound on table values and look-up cost.
MAX_ENTRIES_PER_BAND = 32
_WORD = re.compile(r"\w+")
_NAMESPACE = uuid.UUID("0b7e8f3a-5d2c-4f61-9a0e-7c4d2b1a9e55")
# Odd 64-bit multipliers (from the golden ratio and common hash finalisers).
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xC2B2AE3D27D4EB4F)
_M3 = np.uint64(0x165667B19E3779F9)

Entry = tuple[str, str, int, str]  # article key, story id, signature, publish time (UTC)


def simhash(text: str) -> int:
    """64-bit SimHash of ``text`` over case-folded word 3-shingles (single words if shorter).

    Each word is hashed once (CRC-32, spread to 64 bits); a shingle's hash mixes its three
    words' hashes with odd multipliers. numpy does the mixing and the bit votes, so a 3 KB
    article costs about 0.1 ms. Stable across processes: nothing depends on Python's hash().
    """
    words = _WORD.findall(text.casefold())
    if not words:
        return 0
    h = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    h = (h * _M1) ^ (h >> np.uint64(13))
    shingles = (h[:-2] * _M1) ^ (h[1:-1] * _M2) ^ (h[2:] * _M3) if len(h) >= 3 else h
    shingles ^= shingles >> np.uint64(29)
    shingles *= _M2
    shingles ^= shingles >> np.uint64(32)
    bits = np.unpackbits(shingles.view(np.uint8).reshape(-1, 8), axis=1)
    votes = bits.sum(axis=0, dtype=np.int64) * 2 - len(shingles)
    return int.from_bytes(np.packbits(votes > 0).tobytes(), "big")


def band_keys(signature: int) -> list[str]:
    """The four band keys under which a signature is filed and looked up."""
    mask = (1 << _BAND_BITS) - 1
    return [f"{i}:{(signature >> (i * _BAND_BITS)) & mask:04x}" for i in range(BANDS)]


class StoryIndex(Protocol):
    """Band key -> entries (article key, story id, signature, publish time)."""

    def get(self, band: str) -> Sequence[Entry]:
        """Entries filed under ``band`` (empty when none)."""
        ...

    def file(self, entry: Entry, horizon: str | None) -> None:
        """File ``entry`` under its signature's bands, in place of the article's earlier
        entry; entries published before ``horizon`` may go."""
        ...


class BandIndex:
    """Entries by band key, in memory: each band keeps its newest ``MAX_ENTRIES_PER_BAND``.

    The whole index for tests and ``newswire process``; in the worker, the look-up side of a
    table that stores one record per article (the bands are rebuilt from it on recovery).
    """

    def __init__(self) -> None:
        self.bands: dict[str, tuple[Entry, ...]] = {}

    def get(self, band: str) -> Sequence[Entry]:
        # Filing replaces a band's tuple, never changes it: callers may keep what they got.
        return self.bands.get(band, ())

    def file(self, entry: Entry, horizon: str | None) -> None:
        key = entry[0]
        for band in band_keys(entry[2]):
            entries = self.bands.get(band, ())
            if any(e[0] == key or (horizon is not None and e[3] < horizon) for e in entries):
                entries = tuple(
                    e for e in entries if e[0] != key and (horizon is None or e[3] >= horizon)
                )
            self.bands[band] = (*entries[-(MAX_ENTRIES_PER_BAND - 1) :], entry)

    def forget(self, entry: Entry) -> None:
        """Take an expired article's entry out of its bands."""
        for band in band_keys(entry[2]):
            entries = tuple(e for e in self.bands.get(band, ()) if e[0] != entry[0])
            if entries:
                self.bands[band] = entries
            else:
                self.bands.pop(band, None)


#: The in-process index is the band index itself.
DictStoryIndex = BandIndex


@dataclass(frozen=True, slots=True)
class StoryDecision:
    """The story an article belongs to, the other articles close to it, and whether it
    joined a story that other articles had started."""

    story_id: str
    similar_to: list[tuple[str, int]]  # (article key, Hamming distance), closest first
    joined: bool


def assign_story(
    index: StoryIndex,
    article_key: str,
    signature: int,
    *,
    max_distance: int,
    published: str = "",
    horizon: str | None = None,
) -> StoryDecision:
    """Find the article's story (the closest other article's, or its own new one) and file it.

    ``published`` is the article's publish time (UTC); entries published before ``horizon`` have
    expired: they match nothing and are dropped when their band is written again.
    """
    near: dict[str, tuple[int, str]] = {}
    own_story: str | None = None
    # An entry close to this signature is filed under several of its bands: look at it once.
    # (By identity: the index files one tuple under every band, and keeps it while we look.)
    checked: set[int] = set()
    for band in band_keys(signature):
        for entry in index.get(band):
            if id(entry) in checked:
                continue
            checked.add(id(entry))
            key, story, other, filed_at = entry
            if horizon is not None and filed_at < horizon:
                continue
            if key == article_key:
                own_story = story  # a new revision stays in its story
                continue
            distance = (signature ^ other).bit_count()
            if distance <= max_distance and (key not in near or distance < near[key][0]):
                near[key] = (distance, story)
    similar = sorted(((k, d) for k, (d, _) in near.items()), key=lambda kd: (kd[1], kd[0]))
    if own_story is not None:
        story_id, joined = own_story, False
    elif similar:
        story_id, joined = near[similar[0][0]][1], True
    else:
        story_id = str(uuid.uuid5(_NAMESPACE, article_key))
        joined = False
    index.file((article_key, story_id, signature, published), horizon)
    return StoryDecision(story_id, similar, joined)
