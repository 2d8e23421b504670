"""The article's text from any news page's HTML, with selectolax (the Lexbor parser).

The main content is found by scoring, not by site: paragraphs score by their length and commas
and pass the score to their parent and grandparent; the best-scoring block (less its share of
link text) is the article, with the siblings that score near it. Inside it, link lists, share
bars and other link-heavy blocks are dropped. Block elements become lines, so the result reads
like the plain-text layout the parser already knows, and the same rules (dateline, stamps,
end markers) apply to it. Each step visits each element a bounded number of times: linear in
the page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import ahocorasick
from selectolax.lexbor import LexborHTMLParser, LexborNode

from streams.core.errors import TooComplex
from streams.core.html_meta import PageMeta, node_text, read_meta

__all__ = ["HtmlPage", "html_to_page"]

_BLOCKS = (
    "p, div, br, h1, h2, h3, h4, h5, h6, li, tr, section, article, header, blockquote, "
    "dd, dt, pre, table, main"
)
_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "section",
     "article", "header", "blockquote", "dd", "dt", "dl", "pre", "main", "form", "figure"}
)  # fmt: skip
# Their text is never article text.
_SKIPPED = [
    "script", "style", "noscript", "nav", "footer", "aside", "button", "select", "template",
    "svg", "iframe", "textarea", "input", "figure", "figcaption", "label", "dialog", "menu",
]  # fmt: skip
# Class and id words of page furniture. "<" and ">" mark where a word must start or end at a
# word boundary ("ad" in "ad-slot", not in "header"). Matched with one automaton over the
# lower-cased names: an alternation regex took a third of a page's extraction time.
_FURNITURE_WORDS = (
    "comment", "disqus", "share", "sharing", "social", "related", "popular", "mostread",
    "most-read", "trending", "promo", "newsletter", "subscri", "cookie", "consent", "gdpr",
    "banner", "sidebar", "breadcrumb", "advert", "<ad>", "<ads>", "sponsor", "outbrain",
    "taboola", "recommend", "footer", "masthead", "<menu", "navbar", "<nav>", "skip", "signup",
    "sign-up", "login", "paywall", "rating", "toolbar", "caption", "credit", "authorbio",
    "author-bio", "pagination", "<pager>", "hidden", "modal", "popup", "morestories",
    "more-stories", "readmore", "read-more", "readnext", "read-next", "upnext", "up-next",
    "tags>", "byline", "datelineshare", "dateline-share", "print",
)  # fmt: skip
_CONTENT_WORDS = ("article", "body", "content", "entry", "main", "post", "story", "text", "blog",
                  "news")  # fmt: skip
_STORY_MARKS = "h1, article, [itemprop=articleBody]"
_COMMAS = re.compile(r"[,\u060c\u3001\uff0c]")
_SCORED = frozenset({"p", "pre", "td", "blockquote"})
_MIN_PARAGRAPH = 25
_MIN_ARTICLE = 200  # characters: a block with less is not the whole article
_CANDIDATES_CHECKED = 10
# HTML parsing costs grow with the square of nesting depth (8,000 levels: 50 ms; 300,000: minutes).
# Article pages nest a few dozen elements deep; far deeper can only be deliberate, so the page
# is refused before parsing.
MAX_NESTING = 10_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]{0,15})")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr", "p", "li", "option", "td", "tr", "th", "dt", "dd"}
)  # fmt: skip
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014:\u00bb\u00b7-]\s+")
_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")  # kana, CJK
_SITE_WORDS = 4  # a title part this short is a site's or section's name


@dataclass(slots=True)
class _Budget:
    """Characters of text one step may read. Nested blocks share their text with every
    ancestor, so reading each block's text is quadratic in the nesting depth (9,000 nested
    ``<div>`` took 100 s); a step that has read a few times the page moves on without the
    rest of its checks, and every page stays linear."""

    left: int

    def spend(self, chars: int) -> bool:
        self.left -= chars
        return self.left > 0


def _budget(html: str) -> _Budget:
    return _Budget(4 * len(html) + 100_000)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What an HTML page yields: the headline, the content's text lines, and its metadata."""

    text: str
    title: str | None
    meta: PageMeta

    @property
    def canonical_url(self) -> str | None:
        return self.meta.canonical_url

    @property
    def language(self) -> str | None:
        return _lang(self.meta.language)


def html_to_page(html: str, url: str | None = None) -> HtmlPage:
    """Extract the headline, the article's text and the page's metadata.

    Raises :class:`TooComplex` for a page nested too deeply to parse in bounded time.
    """
    _check_nesting(html)
    tree = LexborHTMLParser(html)
    meta = read_meta(tree, url)
    tree.strip_tags(_SKIPPED)
    body = tree.body
    if body is None:
        return HtmlPage("", _clean_title(meta.title, None), meta)
    _drop_furniture(body)
    headline = _headline(body, meta.title)
    title = headline_text = node_text(headline) if headline is not None else None
    title = _clean_title(meta.title, title)
    content = _content(body, _budget(html))
    lines = _render(content, _budget(html))
    if headline_text:
        # The headline is the first line; what the content showed before it is chrome.
        for i, line in enumerate(lines[:12]):
            if " ".join(line.split()) == headline_text:
                lines = lines[i + 1 :]
                break
    text = "\n".join([title or "", *lines])
    return HtmlPage(text, title, meta)


def _drop_furniture(body: LexborNode) -> None:
    doomed = []
    verdicts: dict[str, bool] = {}  # pages repeat a few class names many times
    holds_story = _ancestors(body.css(_STORY_MARKS))
    for node in body.traverse():
        if node.tag in ("body", "html", "main", "article"):
            continue
        attrs = node.attributes
        if "hidden" in attrs or attrs.get("aria-hidden") == "true":
            doomed.append(node)
            continue
        style = attrs.get("style") or ""
        if "display:none" in style.replace(" ", ""):
            doomed.append(node)
            continue
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''} {attrs.get('role') or ''}"
        if not names.strip():
            continue
        furniture = verdicts.get(names)
        if furniture is None:
            furniture = _is_furniture(names)
            verdicts[names] = furniture
        # "container penci_sidebar" may hold the whole article: keep what holds the story.
        if furniture and node.mem_id not in holds_story:
            doomed.append(node)
    for node in reversed(doomed):  # innermost first: nothing is removed twice
        node.decompose()


def _word_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in _FURNITURE_WORDS:
        bare = word.strip("<>")
        automaton.add_word(bare, (len(bare), word.startswith("<"), word.endswith(">")))
    automaton.make_automaton()
    return automaton


_FURNITURE = _word_automaton()


def _names_content(names: str) -> bool:
    return any(word in names for word in _CONTENT_WORDS)


def _is_furniture(names: str) -> bool:
    """Whether class/id/role names mark page furniture and do not also say content."""
    names = names.lower()
    if _names_content(names):
        return False
    for end, (length, left, right) in _FURNITURE.iter(names):
        start = end - length + 1
        if left and start > 0 and _is_word_char(names[start - 1]):
            continue
        if right and end + 1 < len(names) and _is_word_char(names[end + 1]):
            continue
        return True
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _ancestors(nodes: list[LexborNode]) -> set[int]:
    """The elements that hold any of ``nodes`` (each visited once, however deep)."""
    seen: set[int] = set()
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in seen:
            seen.add(parent.mem_id)
            parent = parent.parent
    return seen


def _headline(body: LexborNode, declared: str | None) -> LexborNode | None:
    """The ``<h1>`` that names the article: the one like the declared title; on a page that
    declares none, the first with words in it (an empty logo ``<h1>`` is not a headline)."""
    first = None
    want = _words(_clean_title(declared, None)) if declared else set()
    for node in body.css("h1"):
        text = node_text(node)
        if len(text) < 3:
            continue
        # Most of the shorter one's words in the other: an og:title is often a shortened
        # headline, and a logo <h1> shares words with the site name the title ends with
        # (removed from ``want`` above).
        have = _words(text)
        shared = len(have & want)
        if want and shared >= min(2, len(want)) and shared >= 0.6 * min(len(have), len(want)):
            return node
        first = first or node
    # An <h1> unlike the declared title is most often the site's logo or a section's name.
    return None if want else first


def _clean_title(declared: str | None, headline: str | None) -> str | None:
    if headline:
        return headline
    if not declared:
        return None
    # "Headline | Site name", "Section | Headline": drop short parts from either end, so that
    # a dash inside the headline ("Here — And They're Not Great - Site") stays.
    parts = [part.strip() for part in _TITLE_SEPARATORS.split(declared)]
    while len(parts) > 1:
        # Where words are not spaced (Chinese, Japanese), length says nothing: the site's
        # name goes last.
        unspaced = bool(_UNSPACED_SCRIPT.search(parts[-1]))
        if len(parts[-1].split()) <= _SITE_WORDS and (unspaced or len(parts[-1]) <= len(parts[0])):
            parts.pop()
        elif len(parts[0].split()) <= _SITE_WORDS:
            parts.pop(0)
        else:
            return max(parts, key=len)
    return parts[0] if parts else declared.strip()


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").casefold()))


def _content(body: LexborNode, budget: _Budget) -> list[LexborNode]:
    """The article's blocks: the best-scoring container and the siblings that score near it."""
    scores, nodes = _scores(body, budget)
    if not scores:
        return [body]
    best = sorted(scores, key=scores.__getitem__, reverse=True)[:_CANDIDATES_CHECKED]
    ranked = {key: scores[key] * (1 - _link_density(nodes[key])) for key in best}
    top_key = max(ranked, key=ranked.__getitem__)
    top = nodes[top_key]
    if top.parent is None or top.tag == "body" or len(node_text(top)) < _MIN_ARTICLE:
        return [body]  # too little scored text to tell the article from the page: keep it all
    return _with_siblings(top, ranked[top_key], scores)


def _scores(body: LexborNode, budget: _Budget) -> tuple[dict[int, float], dict[int, LexborNode]]:
    """Each paragraph's score, given to its parent, half to the grandparent, a quarter above."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for node in body.traverse():
        tag = node.tag
        if tag not in _SCORED and not (tag == "div" and _is_leaf(node)):
            continue
        text = node_text(node)
        if not budget.spend(len(text)):
            break
        if len(text) < _MIN_PARAGRAPH:
            continue
        score = 1 + len(_COMMAS.findall(text)) + min(len(text) // 100, 3)
        # Text set straight in a <div> with <br>s: that div may be the whole article.
        own = tag == "div" and len(text) >= _MIN_ARTICLE
        ancestor, share = (node, 1.0) if own else (node.parent, 1.0)
        for _level in range(4 if own else 3):
            if ancestor is None or ancestor.tag in ("html", None):
                break
            key = ancestor.mem_id
            if key not in scores:
                scores[key] = _base_score(ancestor)
                nodes[key] = ancestor
            scores[key] += score * share
            if ancestor is not node:
                share = 0.5 if share == 1.0 else share / 2
            ancestor = ancestor.parent
    return scores, nodes


def _with_siblings(top: LexborNode, top_score: float, scores: dict[int, float]) -> list[LexborNode]:
    """The top block and its siblings that score near it, or read as paragraphs of it."""
    threshold = max(10.0, top_score * 0.2)
    top_class = top.attributes.get("class")
    chosen = []
    for sibling in top.parent.iter():  # type: ignore[union-attr]  # the caller checked
        if sibling.mem_id == top.mem_id:
            chosen.append(sibling)
            continue
        if sibling.tag not in _BLOCK_TAGS:
            continue
        bonus = top_score * 0.2 if sibling.attributes.get("class") == top_class else 0
        if scores.get(sibling.mem_id, 0.0) + bonus >= threshold:
            chosen.append(sibling)
        elif sibling.tag == "p":
            text = node_text(sibling)
            density = _link_density(sibling)
            if (len(text) > 80 and density < 0.25) or (density == 0 and ". " in text):
                chosen.append(sibling)
    return chosen


def _is_leaf(node: LexborNode) -> bool:
    """A ``<div>`` used as a paragraph: no block element inside."""
    return not any(child.tag in _BLOCK_TAGS for child in node.iter())


def _base_score(node: LexborNode) -> float:
    tag = node.tag
    score = {"div": 5.0, "article": 10.0, "main": 5.0, "section": 3.0, "pre": 3.0, "td": 3.0,
             "blockquote": 3.0, "form": -3.0, "ol": -3.0, "ul": -3.0, "li": -3.0,
             "dl": -3.0, "header": -5.0}.get(tag or "", 0.0)  # fmt: skip
    names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
    if _names_content(names.lower()):
        score += 25
    return score


def _link_density(node: LexborNode) -> float:
    text = len(node_text(node))
    if not text:
        return 1.0
    linked = sum(len(node_text(a)) for a in node.css("a"))
    return min(1.0, linked / text)


def _render(blocks: list[LexborNode], budget: _Budget) -> list[str]:
    """Text lines of the chosen blocks, link-heavy lists and bars inside them dropped."""
    lines: list[str] = []
    for block in blocks:
        doomed = []
        for node in block.css("ul, ol, div, table, section, dl, h2, h3, h4, h5, h6, p"):
            text = node_text(node)
            if not budget.spend(3 * len(text)):
                break
            if not text:
                continue
            density = _link_density(node)
            commas = len(_COMMAS.findall(text))
            heading = node.tag in ("h2", "h3", "h4", "h5", "h6")
            if (density > 0.5 and (commas < 10 or heading)) or (
                density > 0.33 and len(text) < 300 and node.tag != "p"
            ):
                doomed.append(node)
        # Innermost first (the list is in document order): a node is never removed after an
        # ancestor already took it away.
        for node in reversed(doomed):
            node.decompose()
        for node in block.css(_BLOCKS):
            node.insert_before("\n")
            node.insert_after("\n")
        text = block.text(deep=True, separator="", strip=False)
        lines.extend(line for line in (" ".join(raw.split()) for raw in text.split("\n")) if line)
    return lines


def _check_nesting(html: str) -> None:
    """Refuse pages nested deeper than MAX_NESTING elements (one linear scan).

    The depth counted is an upper bound that stray closing tags cannot hide: a close only
    undoes an open of the same name. Void elements and those HTML closes by itself (p, li,
    td...) do not nest, so they do not count.
    """
    if html.count("<") - html.count("</") <= MAX_NESTING:
        return  # fewer elements opened than the limit, so none nested deeper (no scan)
    opened: Counter[str] = Counter()
    depth = deepest = 0
    for closing, tag in _TAG.findall(html):
        name = tag.lower()
        if name in _VOID:
            continue
        if not closing:
            opened[name] += 1
            depth += 1
            deepest = max(deepest, depth)
        elif opened[name] > 0:
            opened[name] -= 1
            depth -= 1
    if deepest > MAX_NESTING:
        raise TooComplex(
            f"HTML elements nested {deepest} deep (limit {MAX_NESTING}): not an article page"
        )


def _lang(value: str | None) -> str | None:
    return value.split("-")[0].lower() if value else None
