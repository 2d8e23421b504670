"""Direct quotations and who said them; and the sources an article cites."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import ahocorasick

from .lexicon import Lexicon
from .tokens import Word, sentences, word_automaton, words_before, words_in

__all__ = ["Attribution", "Quote", "Speaker", "find_attributions", "find_quotes"]

# Double quotes, curly, low-high („...“), guillemets (« », ‹ ›) and corner brackets (「 」, 『 』);
# none spans a line break. (The parser makes most of them straight; text from elsewhere may not.)
_QUOTE = re.compile(
    r'"([^"\n]{1,2000})"|\u300c([^\u300d\n]{1,2000})\u300d|\u300e([^\u300f\n]{1,2000})\u300f'
    r"|\u2039([^\u203a\n]{1,2000})\u203a|\u00ab([^\u00bb\n]{1,2000})\u00bb"
    r"|\u201e([^\u201c\u201d\n]{1,2000})[\u201c\u201d]|\u201c([^\u201d\n]{1,2000})\u201d"
)
_MIN_QUOTE_WORDS = 2
# Quote marks right after these words hold a name or a label, not anybody's words: a group
# called "Citizens for Reform", the so-called "peace plan".
_LABEL_BEFORE = re.compile(
    r"(?<![\w-])(?:so-called|called|dubbed|named|titled|entitled|nicknamed|known as|the)[ \t]*$",
    re.IGNORECASE,
)
# What may stand between a quotation and its verb: "...," he said / "...," the minister said /
# He said: "..." / The minister told reporters: "..."
_PRONOUN = frozenset({"he", "she"})
_FOLLOWING = frozenset({"saying", "adding"})
_CUE_WORDS = 4
# A pronoun or a role names the person of the last mention this close before the quotation.
_REACH_BACK = 1500


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation and its speaker (a person or organisation named in the text)."""

    text: str
    speaker: str | None
    start: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """A source the article cites and the words that cite it."""

    source: str
    cue: str


def _verbs(text: str, lex: Lexicon) -> list[Word]:
    """Speech verbs as whole words, found in one automaton pass over the lower-cased text."""
    lowered = text.lower()
    found = []
    for end_index, verb in _verb_automaton(lex.speech_verbs).iter(lowered):
        start, end = end_index - len(verb) + 1, end_index + 1
        if (start == 0 or not lowered[start - 1].isalnum()) and (
            end == len(lowered) or not lowered[end].isalnum()
        ):
            found.append(Word(text[start:end], start, end))
    return found


@functools.cache
def _verb_automaton(verbs: frozenset[str]) -> ahocorasick.Automaton:
    return word_automaton(verbs)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person or organisation mention that can be a quotation's speaker."""

    start: int
    end: int
    name: str
    role: str | None = None  # a person's role ("Foreign Minister"), for "the minister said"
    person: bool = True


def find_quotes(text: str, lex: Lexicon, speakers: list[Speaker]) -> list[Quote]:
    """Quotations and their speakers: named with a speech verb in the same sentence, or named
    before it and referred to by a pronoun or their role ("he said", "the minister said").
    A quotation whose speaker is not named stays out: never a guess."""
    quotes: list[Quote] = []
    spans = sentences(text)
    quotations = _quotations(text)
    # A name or a verb inside quoted words is what was said, not who said it.
    inside = [(start, end) for _, start, end in quotations]
    verbs = [v for v in _verbs(text, lex) if not _within(v.start, v.end, inside)]
    ordered = sorted(
        (s for s in speakers if not _within(s.start, s.end, inside)), key=lambda s: s.start
    )
    for content, start, end in quotations:
        if len(content.split()) < _MIN_QUOTE_WORDS:
            continue  # a single quoted word is emphasis, not a quotation
        # "described this as the \"worst case scenario\"" characterises; "the \"peace plan\""
        # names.
        if _LABEL_BEFORE.search(text, max(0, start - 12), start) and not text.endswith(
            "as the ", 0, start
        ):
            continue
        s_start = next((a for a, b in spans if a <= start < b), 0)
        s_end = next((b for a, b in spans if a < end <= b), len(text))
        if not text[end:s_end].strip():
            # '"...going to do it?" Holmes testified.': a quotation that ends on its own stop
            # has its attribution in the next sentence.
            s_end = next((b for a, b in spans if a >= s_end), s_end)
        speaker = (
            _statement(text, end, s_start, ordered, spans)
            or _speaker_before(text, start, s_start, verbs, ordered, lex, spans)
            or _speaker_after(text, (start, end), s_end, verbs, ordered, lex, spans)
            or _according_to(text, start, s_start, ordered)
            or _after_colon(text, start, s_start, ordered)
            # A second quotation in the sentence: "...", and would "..." (same speaker).
            or next(
                (q.speaker for q in reversed(quotes) if s_start <= q.start < s_end and q.speaker),
                None,
            )
            or _goes_on(text, start, s_start, s_end, verbs, ordered, quotes)
            or _next_paragraph(text, start, end, verbs, ordered, quotes)
        )
        if speaker is not None:
            quotes.append(Quote(content, speaker, start))
    return quotes


def _according_to(text: str, at: int, s_start: int, speakers: list[Speaker]) -> str | None:
    """'According to Rezaei, "..."': the source named right after "according to"."""
    cues = [m.end() for m in _ACCORDING.finditer(text, s_start, at)]
    if not cues:
        return None
    cue = cues[-1]
    named = [s for s in speakers if cue <= s.start and s.end <= at]
    return named[0].name if named else None


def _after_colon(text: str, at: int, s_start: int, speakers: list[Speaker]) -> str | None:
    """'Her deputy, Tomas Vik, was blunt: "..."': a quotation that opens right after a colon
    is the words of the person the sentence is about, the first one it names."""
    s_start = max(s_start, text.rfind("\n", 0, at) + 1)  # within its paragraph
    colon = text.rfind(":", s_start, at)
    if colon < 0 or text[colon + 1 : at].strip():
        return None
    named = [s for s in speakers if s.person and s_start <= s.start and s.end <= colon]
    return named[0].name if named else None


def _goes_on(  # noqa: PLR0917  # the sentence, its verbs and what came before
    text: str,
    at: int,
    s_start: int,
    s_end: int,
    verbs: list[Word],
    speakers: list[Speaker],
    quotes: list[Quote],
) -> str | None:
    """'"We are ready," Rezaei said. "But we need guarantees."': a quotation that is a
    sentence on its own, in the paragraph of an attributed quotation, goes on with its
    speaker; a name or a speech verb in its sentence, or a new paragraph, ends that."""
    if not quotes or quotes[-1].speaker is None:
        return None
    last = quotes[-1]
    if "\n" in text[last.start : at]:
        return None
    if any(s_start <= v.start < s_end for v in verbs):
        return None
    if any(s_start <= s.start < s_end for s in speakers):
        return None
    return last.speaker


# '"...," the statement read' / 'The statement, obtained by Variety, claimed that "..."'.
_STATEMENT_AFTER = re.compile(
    r"[,.!?]?[\"\u201d]?,? the statement "
    r"(?:read|said|says|added|continued|concluded|claimed|stated)\b"
)
_STATEMENT_OPENS = re.compile(r"[\"\u201c\u201e]?The statement\b")
_STATEMENT = re.compile(r"\bstatement\b")
_STATEMENT_REACH = 3000


def _statement(
    text: str,
    end: int,
    s_start: int,
    speakers: list[Speaker],
    spans: list[tuple[int, int]],
) -> str | None:
    """A quotation from a statement, cited as "the statement", is the words of whoever the
    article said issued it: the name before "statement" in the last sentence that has one
    ("Big Machine Records issued a statement"; "The company ... in a statement" names nobody,
    so the search goes on; "a statement to Rolling Stone" names the outlet after the word,
    which is not the issuer)."""
    if not (_STATEMENT_AFTER.match(text, end) or _STATEMENT_OPENS.match(text, s_start)):
        return None
    for a, b in reversed(spans):
        if b > s_start or b < s_start - _STATEMENT_REACH:
            continue
        for m in _STATEMENT.finditer(text, a, b):
            named = [s for s in speakers if a <= s.start and s.end <= m.start()]
            if named:
                return _subject(text, named, m.start()).name
    return None


def _within(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _next_paragraph(  # noqa: PLR0917  # the quotation, the verbs and what came before
    text: str,
    start: int,
    end: int,
    verbs: list[Word],
    speakers: list[Speaker],
    quotes: list[Quote],
) -> str | None:
    """A paragraph that is a quotation and nothing else goes on with the speaker of the
    paragraph before it: the speaker of its last quotation, else the subject of its first
    speech verb ("Erekat said it was only the latest move." then a quoted paragraph), as
    wire copy writes a quotation that runs on."""
    if (start and text[start - 1] != "\n") or text[end:].split("\n", 1)[0].strip(" .,"):
        return None
    p_start = text.rfind("\n", 0, max(0, start - 1)) + 1
    if p_start >= start - 1:
        return None
    last = quotes[-1] if quotes else None
    if last is not None and p_start <= last.start < start:
        return last.speaker
    verb = next((v for v in verbs if p_start <= v.start < start), None)
    if verb is None:
        return None
    before = [s for s in speakers if p_start <= s.start and s.end <= verb.start]
    return _subject(text, before, verb.start).name if before else None


def _quotations(text: str) -> list[tuple[str, int, int]]:
    """(content, start, end) of each quotation. A quotation over several paragraphs follows
    the press convention: each paragraph opens with a quote mark and only the last closes."""
    found: list[tuple[str, int, int]] = []
    pieces: list[str] = []  # an open quotation, paragraph by paragraph
    opened = 0
    at = 0
    for line in text.split("\n"):
        line_end = at + len(line)
        scan_from = 0
        if pieces and line.startswith('"'):
            close = line.find('"', 1)
            if close < 0:
                pieces.append(line[1:].strip())
                at = line_end + 1
                continue
            pieces.append(line[1:close].strip())
            found.append((" ".join(pieces).strip(" ,."), opened, at + close + 1))
            pieces, scan_from = [], close + 1
        elif pieces:
            found.append((" ".join(pieces).strip(" ,."), opened, at - 1))
            pieces = []
        last = scan_from
        for m in _QUOTE.finditer(line, scan_from):
            content = next(g for g in m.groups() if g is not None)
            found.append((content.strip(" ,."), at + m.start(), at + m.end()))
            last = m.end()
        rest = line.find('"', last)
        if rest >= 0 and line.count('"', rest) == 1 and len(line) - rest > 1:
            pieces, opened = [line[rest + 1 :].strip()], at + rest
        at = line_end + 1
    if pieces:
        found.append((" ".join(pieces).strip(" ,."), opened, len(text)))
    return found


def _speaker_before(  # noqa: PLR0917  # the sentence, its verbs and the speakers
    text: str,
    at: int,
    s_start: int,
    verbs: list[Word],
    speakers: list[Speaker],
    lex: Lexicon,
    spans: list[tuple[int, int]],
) -> str | None:
    verb = next((v for v in reversed(verbs) if s_start <= v.start < at), None)
    if verb is None:
        return None
    before = [s for s in speakers if s_start <= s.start and s.end <= verb.start]
    # A participle speaks for the name right before it ("Foreign Minister Ayman Safadi warning
    # of \"...\""), not for a name further back ("an attempt to oust Maduro, urging the
    # military to \"...\"" is the opposition's); "saying" and "adding" follow a "said".
    lowered = verb.text.lower()
    if (
        lowered.endswith("ing")
        and lowered not in _FOLLOWING
        and (not before or text[before[-1].end : verb.start].strip())
    ):
        return None
    if before:
        # "..., in which he said": the pronoun speaks, not the name before it.
        pronoun = next(
            (w for w in words_before(text, verb.start, 2) if w.text.lower() in _PRONOUN), None
        )
        if pronoun is not None and pronoun.start > before[-1].end:
            return _referred(text, [pronoun.text.lower()], pronoun.start, speakers, lex, spans)
        # "During the call, he asked ..., called Omar a \"terrorist\" and said, \"...\"": a
        # pronoun that opens the clause before any name is its subject.
        if (lead := _PRONOUN_WORD.search(text, s_start, before[0].start)) is not None:
            return _referred(text, [lead.group().lower()], lead.start(), speakers, lex, spans)
        return _subject(text, before, verb.start).name
    # "He said:" / "The minister told reporters:" right before the quotation.
    cue = [w.text.lower() for w in words_before(text, verb.start, _CUE_WORDS)]
    return _referred(text, cue, s_start, speakers, lex, spans)


def _subject(text: str, before: list[Speaker], verb: int) -> Speaker:
    """Of the names before a speech verb, the last; but the first where it opens an
    apposition the others stand in ("Sean Robertson, a spokesperson for the operation against
    Islamic State in Syria, told VOA", "Mayer, Disney's chairman, said")."""
    first, last = before[0], before[-1]
    if last is not first and text.startswith(",", first.end) and "," in text[last.end : verb]:
        return first
    return last


def _speaker_after(  # noqa: PLR0917  # as above
    text: str,
    quote: tuple[int, int],
    s_end: int,
    verbs: list[Word],
    speakers: list[Speaker],
    lex: Lexicon,
    spans: list[tuple[int, int]],
) -> str | None:
    opened, at = quote
    # '"...", Pompeo said' or '"...", said Pompeo': speaker and verb right after the quote.
    window_end = min(s_end, at + 80)
    verb = next((v for v in verbs if at <= v.start < window_end), None)
    if verb is None:
        # '"...," Steve Clarke, deputy associate administrator for exploration in NASA's
        # Science Mission Directorate, said': a person right after the quotation, then an
        # apposition, then the verb.
        first = next((s for s in speakers if at <= s.start), None)
        if (
            first is not None
            and first.person
            and not text[at : first.start].strip(" ,\u2014-")
            and text.startswith(",", first.end)
            and any(first.end < v.start < min(s_end, first.end + 160) for v in verbs)
        ):
            return first.name
        return None
    # Between the quotation and the verb, the first person ("UN spokesman Stephane Dujarric
    # said", "Mayer, Disney's chairman, said"), else the body nearest the verb ("a WeWork
    # spokesperson said"); after the verb the same, the first person ("said White House
    # Press Secretary Stephanie Grisham"), else the first body.
    near = [s for s in speakers if at <= s.start and s.end <= verb.start]
    if near:
        return next((s.name for s in near if s.person), near[-1].name)
    near = [s for s in speakers if verb.end <= s.start < window_end]
    if near:
        return _first_named(text, near)
    # '"...," he said' / '"...," the minister said' / '"...," said the minister'.
    cue = [w.text.lower() for w in words_before(text, verb.start, _CUE_WORDS) if w.start >= at]
    if cue[-1:] == ["it"]:
        return _referred(text, cue, opened, speakers, lex, spans)  # '"...," it added'
    cue += [w.text.lower() for w in words_in(text, verb.end, min(len(text), verb.end + 40))][:3]
    if cue[-1:] == ["it"]:
        cue.pop()  # '"...," said the actor. "It makes...': the next sentence's word
    # Who was named before the quotation opened: a name inside it is not its speaker.
    return _referred(text, cue, opened, speakers, lex, spans)


def _first_named(text: str, near: list[Speaker]) -> str:
    """Of the names after a speech verb, the first person of the phrase that opens there (up
    to a comma, "when", "in"...), else its first body."""
    first = near[0]
    phrase = [first]
    for s in near[1:]:
        gap = text[phrase[-1].end : s.start]
        if gap.strip(" ") and not gap.strip(" ")[:1].isupper():
            break  # a lower-case word or punctuation: the phrase ended
        phrase.append(s)
    return next((s.name for s in phrase if s.person), first.name)


def _pronoun_subject(text: str, earlier: list[Speaker], spans: list[tuple[int, int]]) -> str:
    """The first person named in the last sentence that names one, skipping sentences whose
    subject is itself a pronoun, one before any name ("Carlineo faces ten years. He was
    arrested after a call to Omar's office. During the call he said \"...\"" is Carlineo's,
    not Omar's)."""
    i = len(earlier) - 1
    first_pick: str | None = None
    while i >= 0:
        opens = next((a for a, b in spans if a <= earlier[i].start < b), earlier[i].start)
        named = [s for s in earlier if opens <= s.start <= earlier[i].start]
        first_pick = first_pick or named[0].name
        # A sentence whose subject is a pronoun before any name: "During the call, he ...".
        if not _PRONOUN_WORD.search(text, opens, named[0].start):
            return named[0].name
        i = earlier.index(named[0]) - 1
    return first_pick or earlier[-1].name


def _referred(  # noqa: PLR0917  # the cue, where it stands and what came before
    text: str,
    cue: list[str],
    before: int,
    speakers: list[Speaker],
    lex: Lexicon,
    spans: list[tuple[int, int]],
) -> str | None:
    """The named person a pronoun or a role in ``cue`` refers to: for a pronoun, the first
    person named in the last sentence before the quotation that names one (its subject, as
    a reader takes it: "Suter, who joked about Parise's sticks, saw it. '...,' he said" is
    Suter's); for a role, the last person with that role; None when there is none."""
    if cue[-1:] == ["it"] and not _PRONOUN & set(cue):
        # '"...," it added', 'It said:': the body named last before the quotation.
        bodies = [
            s for s in speakers
            if not s.person and before - _REACH_BACK <= s.start and s.end <= before
        ]  # fmt: skip
        return bodies[-1].name if bodies else None
    earlier = [
        s for s in speakers if s.person and before - _REACH_BACK <= s.start and s.end <= before
    ]
    if not earlier:
        return None
    # "he said", "the 56-year-old said": the person last named.
    if _PRONOUN & set(cue) or any(w.endswith("-year-old") for w in cue):
        return _pronoun_subject(text, earlier, spans)
    # "the minister", "the foreign minister": a role after "the" is someone named before;
    # "a spokesman for the union" is not.
    roles = [
        w for j, w in enumerate(cue) if w in lex.role_heads and "the" in cue[max(0, j - 2) : j]
    ]
    for s in reversed(earlier if roles else []):
        if s.role and s.role.lower().split()[-1] == roles[-1]:
            return s.name
    # "said the actor" where no one was named with that role: the person the text is about,
    # as for a pronoun, when the role is no office someone else may hold ("the minister").
    if roles and roles[-1] in _OCCUPATIONS:
        return _pronoun_subject(text, earlier, spans)
    return None


# Roles that describe the person a story is about rather than an office: "said the actor".
_OCCUPATIONS = frozenset(
    {
        "actor",
        "actress",
        "singer",
        "musician",
        "artist",
        "author",
        "writer",
        "novelist",
        "poet",
        "filmmaker",
        "photographer",
        "chef",
        "designer",
        "composer",
        "star",
    }
)

_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
_PRONOUN_WORD = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
# Searched within one sentence, not by lower-casing the article for every quotation.
_ACCORDING = re.compile(r"\baccording to ", re.IGNORECASE)


def find_attributions(
    text: str,
    lex: Lexicon,
    sources: list[tuple[int, int, str]],
) -> list[Attribution]:
    """'<source> reported' and 'according to <source>' citations."""
    found: list[Attribution] = []
    seen: set[tuple[str, str]] = set()
    for start, end, name in sources:
        cues = []
        after = _NEXT_WORD.match(text, end)
        if after is not None and after.group(1).lower() in lex.report_verbs:
            cues.append(after.group(1).lower())
        back = [w.text.lower() for w in words_before(text, start, 3)]
        if "according" in back and "to" in back:
            cues.append("according to")
        for cue in cues:
            if (name, cue) not in seen:
                seen.add((name, cue))
                found.append(Attribution(name, cue))
    return found
