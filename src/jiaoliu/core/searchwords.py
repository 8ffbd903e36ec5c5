"""How the site's search reads a query besides its letters: the words readers type for the
site's words, and the site's longer words, to offer when a word typed has a letter wrong.

The office's table (data/search.yml) maps what readers type to the site's words, per written
language (Macau → Macao, 升降機 → 电梯). For Chinese, the usual forms of Taiwan and Hong Kong
(紐西蘭, 軟體 for 新西兰, 软件) come from OpenCC's own phrase dictionaries. Either serves only where
the site uses the site's word and not the typed one: the site's own words win.

Chinese entries are kept in Simplified, the script both Chinese sites' indexes are read in
(engine.search); the browser folds a query to Simplified, character by character, with the
pairs `typed_characters` adds to the site's own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from jiaoliu.core import localise

LATIN_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
HAN = re.compile(localise.HAN)
SHORTEST_SUGGESTED = 5  # letters: a shorter word has too many neighbours one letter away
REGIONAL = ("TWPhrases", "HKPhrases")  # OpenCC: mainland phrase → Taiwan's, Hong Kong's
CHARACTERS = "TSCharacters"  # OpenCC: a Traditional character → its Simplified forms
FILE = "search.yml"  # the office's table of the words readers type, in data/


def vocabulary(text: str, shortest: int = SHORTEST_SUGGESTED) -> list[str]:
    """The Latin words of `shortest` letters or more, each in its most used form (Malaysia, not
    malaysia), the most used first."""
    forms = Counter(word for word in LATIN_WORD.findall(text) if len(word) >= shortest)
    counts: Counter[str] = Counter()
    for form, count in forms.items():
        counts[form.lower()] += count
    best = {form.lower(): form for form, _ in sorted(forms.items(), key=lambda item: item[1])}
    return [best[word] for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def latin_words(table: Iterable[tuple[str, str]], text: str) -> dict[str, str]:
    """typed → site's words, lower-case, for the entries whose site words the site uses and whose
    typed words it does not."""
    own = {word.lower() for word in LATIN_WORD.findall(text)}
    return {typed.lower(): site.lower() for typed, site in table
            if all(word.lower() in own for word in LATIN_WORD.findall(site))
            and not all(word.lower() in own for word in LATIN_WORD.findall(typed))}


def chinese_words(table: Iterable[tuple[str, str]], text: str, simplified: Callable[[str], str]) -> dict[str, str]:
    """typed → site's word, both in Simplified (`simplified`: Traditional → Simplified), for the
    entries whose site word is in `text` (the site's Simplified text) and whose typed word is not."""
    entries = [(simplified(typed), simplified(site)) for typed, site in table]
    present = _present({word for entry in entries for word in entry}, text)
    return {typed: site for typed, site in entries if typed != site and site in present and typed not in present}


def _present(words: set[str], text: str) -> set[str]:
    """The words found in `text`; those with a pair of characters the text never has are not
    looked for (what keeps this linear in the site's text, for hundreds of candidates)."""
    pairs = {text[index:index + 2] for index in range(len(text) - 1)}
    return {word for word in words
            if all(word[index:index + 2] in pairs for index in range(len(word) - 1)) and word in text}


def regional_entries(dictionaries: Mapping[str, list[tuple[str, list[str]]]]) -> list[tuple[str, str]]:
    """(regional form, mainland form), both as OpenCC writes them (Traditional characters), from
    its phrase dictionaries (`REGIONAL`: mainland phrase → the region's)."""
    return [(form, mainland) for name in REGIONAL for mainland, forms in dictionaries.get(name, [])
            for form in forms if HAN.search(form) and form != mainland]


def typed_characters(table: Iterable[tuple[str, str]], simplified: Callable[[str], str]) -> dict[str, str]:
    """Traditional → Simplified, for each character of the typed words that has another form
    (紐 → 纽): what lets a query typed in either script reach the entry."""
    pairs: dict[str, str] = {}
    for typed, _ in table:
        folded = simplified(typed)
        if len(folded) == len(typed):
            pairs.update({t: s for t, s in zip(typed, folded, strict=True) if t != s and HAN.fullmatch(t)})
    return pairs


def table(text: str, entries: Iterable[tuple[str, str]], simplified: Callable[[str], str] | None,
          regional: Iterable[tuple[str, str]] = (), always: Iterable[tuple[str, str]] = ()) -> dict[str, Any]:
    """What the search of one language reads a query with (engine.search.write_tables): for
    Chinese (`simplified` given), the readers' words and the characters of their typed forms;
    otherwise the readers' words; and the site's longer words, for "did you mean". `always`:
    Chinese entries kept whatever `text` says (a converted language's own words, not in its
    source's text)."""
    if simplified is None:
        return {"words": latin_words(entries, text), "vocabulary": vocabulary(text)}
    candidates, always = [*entries, *regional], list(always)
    words = chinese_words(candidates, text, simplified)
    words.update({simplified(typed): simplified(site) for typed, site in always if simplified(typed) != simplified(site)})
    reached = [(typed, site) for typed, site in [*candidates, *always] if simplified(typed) in words]
    return {"words": words, "fold": typed_characters(reached, simplified)}


def language_table(text: str, entries: Iterable[tuple[str, str]], hong_kong: Iterable[tuple[str, str]], *,
                   simplified: Callable[[str], str] | None = None, converted: Callable[[str], str] | None = None,
                   folds: Counter[tuple[str, str]] | None = None,
                   dictionaries: Mapping[str, list[tuple[str, list[str]]]] | None = None) -> dict[str, Any]:
    """One language's `table`, from its pages' text (`text`, as written; a converted language's
    is its source's) and the office's tables: `entries`, the readers' words; `hong_kong`, the
    (Simplified, Hong Kong) words of data/traditional.yml. A Chinese language (`simplified`:
    Traditional → Simplified) also reads Taiwan's and Hong Kong's forms (`dictionaries`, OpenCC's
    `REGIONAL` and `CHARACTERS`) and folds what its conversion wrote (`folds`). A Hong Kong word
    typed on the Simplified site finds the mainland one (聯絡我們: 联系我们); on a converted site
    (`converted`: its conversion), the mainland word, in either script, finds Hong Kong's, the
    only one its pages have (联系我们, 聯繫我們: 聯絡我們)."""
    if simplified is None:
        return table(text, entries, None)
    dictionaries = dictionaries or {}
    regional = regional_entries(dictionaries)
    if converted is None:
        words = table(text, [*entries, *((t, s) for s, t in hong_kong)], simplified, regional)
    else:
        always = [(typed, t) for s, t in hong_kong for typed in (s, converted(s))]
        words = table(text, entries, simplified, regional, always=always)
    characters = dict(dictionaries.get(CHARACTERS, []))
    return {**words, "fold": {**most_common(folds or Counter(), characters), **words["fold"]}}


def most_common(pairs: Counter[tuple[str, str]], sources: Mapping[str, list[str]]) -> dict[str, str]:
    """Traditional → Simplified, from the characters a conversion wrote for which (乾 may stand
    for 干 or 乾: the more frequent wins). Only pairs that are one character's two forms count
    (`sources`: OpenCC's Traditional → Simplified candidates): a word the office had written the
    Hong Kong way (联系 → 聯絡) pairs characters that are not (絡, 系)."""
    fold: dict[str, str] = {}
    for (traditional, simplified), _ in sorted(pairs.items(), key=lambda item: item[1]):
        if HAN.fullmatch(traditional) and simplified in sources.get(traditional, ()):
            fold[traditional] = simplified
    return fold
