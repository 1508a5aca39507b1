"""Chinese search in the manual: the words jieba keeps whole, and the query side in the browser.

mkdocs-material's search plugin cuts the Chinese of every page into words with jieba at
build time (joined by U+200B, which mkdocs.yml makes a separator), so the index's tokens
are jieba's words. Its search worker then cuts a query with its own segment(), which never
tries a whole run (处罚 became 处) and joins the words with "* " (every word of a phrase
showed as missing). This module:

- teaches jieba, before the pages are indexed, the glossary's terms, other names and
  search synonyms, so each is one token (``teach``);
- collects what the browser needs from the policies, one table each: the glossary's
  ``synonyms`` and the posts' other names (``browser_data``);
- patches the built worker (``install``): the one segment() call becomes a call of
  assets/search.js, which is appended to the worker with that data. search.js cuts the
  query into the index's own words, adds the synonyms' terms, and puts the page whose
  title is exactly the query first. Every pattern the patch relies on must be found in
  the worker exactly once, or the build fails: a theme upgrade must be reviewed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from .i18n import N_, _
from .model import Model

SCRIPT = Path(__file__).resolve().parent / "assets" / "search.js"
WORKERS = "assets/javascripts/workers/search.*.min.js"
HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")  # what jieba is given whole
# Material's worker, search(): `query = query.replace(/\p{sc=Han}+/gu, v => [...segment(v,
# this.index.invertedIndex)].join("* "))`, minified; replaced by a call of search.js.
SEGMENT_CALL = re.compile(
    r'(?P<q>[\w$]+)=(?P=q)\.replace\(new RegExp\("\\\\p\{sc=Han\}\+","gu"\),(?P<v>[\w$]+)=>'
    r'\[\.\.\.[\w$]+\((?P=v),this\.index\.invertedIndex\)\]\.join\("\* "\)\)')
# What search.js relies on besides, each found exactly once.
WORKER_GUARDS = {
    # a query is answered with {type: 3 (RESULT), data: Search.search(query)}
    N_("the result message"): re.compile(r"\{type:3,data:[\w$]+\.search\([\w$]+\)\}"),
    # search() returns one group of items per page
    N_("the result groups"): re.compile(r"\{items:\[\.\.\.[\w$]+\.values\(\)\]\}"),
    # this.map: every document by location, a section's with its page's as parent
    N_("the document map"): re.compile(r"this\.map=[\w$]+\([\w$]+\),this\.options="),
}
CALL = "{q}=self.handbookSearch.query({q},this.index.invertedIndex,this.map)"

# jieba's words as this process found them, before teach() changed them: {word: (freq before
# or None, freq added)}. jieba's dictionary is global and `mkdocs serve` rebuilds in the same
# process, so each build first puts back what the last one taught.
_taught: dict[str, tuple[int | None, int]] = {}


def glossary_words(model: Model) -> list[str]:
    """Every glossary term, other name and search synonym that jieba is given whole (a run of
    two or more Han characters: Material passes jieba only the Han runs of a page)."""
    out: list[str] = []
    for term in model.of("term"):
        for text in (term.title, *(term.get("aliases") or []), *(term.get("synonyms") or [])):
            if isinstance(text, str) and HAN_WORD.fullmatch(text) and text not in out:
                out.append(text)
    return out


# Material's search plugin gives jieba every run of Han characters of every section, one at a
# time, and the manual repeats its phrases (labels, titles, the names of posts on every page that
# cites them): jieba.cut is wrapped so that a run cut once in a build is not cut again. The
# cache is emptied whenever the dictionary changes (teach), so a run is always cut as jieba
# would cut it then.
_cuts: dict[Any, tuple[str, ...]] = {}
_CUTS_MAX = 500_000  # distinct runs kept (a 10,000-item manual has far fewer); past it, start again
_jieba_cut: Callable[..., Iterator[str]] | None = None


def _cached_cut(sentence: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
    assert _jieba_cut is not None
    if args or kwargs:  # a mode other than Material's: as jieba does it
        return _jieba_cut(sentence, *args, **kwargs)
    found = _cuts.get(sentence)
    if found is None:
        if len(_cuts) >= _CUTS_MAX:
            _cuts.clear()
        found = _cuts[sentence] = tuple(_jieba_cut(sentence))
    return iter(found)


def teach(words: Iterable[str]) -> None:
    """Make each word one jieba word (one index token), undoing what an earlier build taught."""
    from .sitebuild import private_jieba_cache

    global _jieba_cut
    private_jieba_cache()  # before jieba loads its dictionary
    import jieba

    if _jieba_cut is None:
        _jieba_cut = jieba.cut
        jieba.cut = _cached_cut
    jieba.dt.check_initialized()  # load the dictionary first: a word's frequency before is read below
    words = list(words)
    if _taught and words == list(_taught):
        return  # the words the last build taught (a live preview's rebuild): the dictionary, and its cuts, stand
    _cuts.clear()  # the dictionary changes below: no run is cut as before
    dt = jieba.dt
    for word, (before, added) in _taught.items():
        dt.total -= added
        dt.FREQ[word] = before or 0  # 0: no word (jieba's own del_word also says so)
    _taught.clear()
    for word in words:
        before = dt.FREQ.get(word) or None
        added = dt.suggest_freq(word, False)  # high enough that jieba keeps the word whole
        dt.add_word(word, added)
        _taught[word] = (before, added)


def browser_data(model: Model, url_of: Callable[[Any], str | None]) -> dict[str, Any]:
    """What search.js is given: each glossary synonym with the terms it stands for, and each
    post's other names with its page (``url_of`` a role item's page, as the index names it)."""
    synonyms: dict[str, list[str]] = {}
    for term in model.of("term"):
        for word in term.get("synonyms") or []:
            key = unicodedata.normalize("NFKC", str(word))  # search.js reads the query NFKC-normalised
            synonyms.setdefault(key, [])
            if term.title not in synonyms[key]:
                synonyms[key].append(term.title)
    names: dict[str, list[str]] = {}
    for role in model.of("role"):
        url = url_of(role)
        for name in role.get("aliases") or []:
            if url is not None and url not in names.setdefault(str(name), []):
                names[str(name)].append(url)
    return {"synonyms": synonyms, "names": names}


def patch_worker(text: str, name: str) -> str:
    """Material's worker with the segment() call replaced: PluginError when it, or anything
    else search.js relies on, is not found exactly once."""

    def changed(what: str, count: int) -> PluginError:
        return PluginError("handbook: " + _(
            "{worker}: {what} found {count} times, expected once: the theme changed; review "
            "handbook/search.py so that Chinese search still works").format(worker=name, what=_(what), count=count))

    calls = list(SEGMENT_CALL.finditer(text))
    if len(calls) != 1:
        raise changed(N_("the segment() call"), len(calls))
    for what, guard in WORKER_GUARDS.items():
        found = len(guard.findall(text))
        if found != 1:
            raise changed(what, found)
    call = calls[0]
    return text[:call.start()] + CALL.format(q=call.group("q")) + text[call.end():]


def install(site: Path, data: dict[str, Any], required: bool) -> list[Path]:
    """Patch every search worker of a built site and append search.js with ``data``. A site
    without a worker is left alone, unless ``required`` (Material's search plugin is on)."""
    workers = sorted(p for p in site.glob(WORKERS) if p.suffix == ".js")
    if not workers and required:
        raise PluginError("handbook: " + _(
            "{folder} has no search worker: the theme changed; review handbook/search.py so that "
            "Chinese search still works").format(folder=str(Path(WORKERS).parent)))
    script = SCRIPT.read_text(encoding="utf-8")
    for worker in workers:
        text = patch_worker(worker.read_text(encoding="utf-8"), worker.name)
        head = "self.HANDBOOK_SEARCH=" + json.dumps(data, ensure_ascii=False, sort_keys=True) + ";\n"
        # appended, not prepended: the source map's lines still fit Material's code
        worker.write_text(text.rstrip("\n") + "\n" + head + script, encoding="utf-8")
    return workers
