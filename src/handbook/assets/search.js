/* Chinese search for the policy manual: appended to mkdocs-material's search worker at build
 * time by src/handbook/search.py, which writes HANDBOOK_SEARCH (the glossary's synonyms and the
 * posts' other names) in front of this file and makes the worker call handbookSearch.query()
 * where Material segmented a query itself.
 *
 * - The query is cut into words the way the index was: jieba cut the pages at build, and the
 *   index's own tokens (of titles and text) are those words, so each Han run of the query is cut
 *   into the fewest of them (then the fewest characters that are no word, then the longest
 *   words): given the manual's own phrases, this gives jieba's words for about 98% of them
 *   (tests/test_search.py keeps 97%). Material's segment() never tried a whole run, so 处罚
 *   became 处 whenever 处 was a token too, and it joined words with "* ", which made every word
 *   of a phrase show as missing.
 * - A single character inside a longer query matches only that token, not every word it starts
 *   (岗 of 理赔岗 is not 岗位 or 岗前培训); one the index lacks is dropped, since it matches nothing.
 * - A glossary synonym (罚款) also searches for its term (处罚); the result does not show the word
 *   as missing when its term was found.
 * - A page whose title (or a post's other name) is exactly the query comes first, then pages with
 *   a section of that title; the first result also gets the highest score, which is the one
 *   Material's Enter key opens. The other pages follow by how many of the query's words they
 *   have, not by their best section alone.
 */
(function (self, data) {
  "use strict";
  var has = Object.prototype.hasOwnProperty;
  var RESULT = 3; // Material's SearchMessageType.RESULT (search.py checks the worker still says so)
  var LONGEST = 16; // no word of the index is longer, in practice; bounds the cost of a long query
  var synonyms = data.synonyms || {}; // word -> the glossary terms it stands for
  var names = {}; // normalised other name -> the pages it names
  Object.keys(data.names || {}).forEach(function (name) { names[norm(name)] = data.names[name]; });
  var last = null; // what the query being answered needs for its result (one query at a time)
  var seen = null; // the document map the title tables below were made from
  var titled = null; // normalised title -> page locations, for pages (0) and sections (1)

  /** A title or query as compared: no markup, no segmenting spaces, full-width forms folded. */
  function norm(text) {
    return String(text).replace(/<[^>]*>/g, "").normalize("NFKC").replace(/[\s\u200b]+/g, "").toLowerCase();
  }

  /** Cut a run of Han characters into the fewest known words: ties go to fewer characters that
   *  are no word, then to longer words (the larger sum of squared lengths). */
  function segment(run, known) {
    var chars = Array.from(run);
    var n = chars.length;
    var best = new Array(n + 1);
    best[n] = { words: 0, strays: 0, square: 0, next: n };
    for (var i = n - 1; i >= 0; i--) {
      var pick = null;
      for (var j = i + 1; j <= Math.min(n, i + LONGEST); j++) {
        var word = chars.slice(i, j).join("");
        var isWord = known(word);
        if (j > i + 1 && !isWord)
          continue;
        var rest = best[j];
        var here = {
          words: rest.words + 1,
          strays: rest.strays + (isWord ? 0 : 1),
          square: rest.square + (j - i) * (j - i),
          next: j
        };
        if (pick === null || here.words < pick.words ||
            (here.words === pick.words && (here.strays < pick.strays ||
              (here.strays === pick.strays && here.square > pick.square))))
          pick = here;
      }
      best[i] = pick;
    }
    var out = [];
    for (var k = 0; k < n; k = best[k].next)
      out.push(chars.slice(k, best[k].next).join(""));
    return out;
  }

  /** Whether the index has a word in the pages' titles or text: a page's tags (a post's page
   *  is tagged with its name) are indexed whole, not cut by jieba. */
  function inText(index, word) {
    if (!has.call(index, word))
      return false;
    var posting = index[word];
    for (var field in posting)
      if (field !== "_index" && field !== "tags")
        for (var doc in posting[field]) // eslint-disable-line no-unused-vars
          return true;
    return false;
  }

  /** The query as Material's transformSearchQuery expects it, Han runs cut into words. */
  function query(value, index, docs) {
    var known = function (word) { return inText(index, word) || has.call(synonyms, word); };
    var alternatives = [];
    var quiet = []; // searched too, but never shown as missing
    // full-width and CJK punctuation separates words, as ASCII punctuation does for Material
    var text = String(value).normalize("NFKC").replace(/(?![\x00-\x7f])[\p{P}\p{S}]/gu, " ");
    var out = text.replace(/\p{sc=Han}+/gu, function (run, at, whole) {
      var words = segment(run, known);
      var terms = [];
      if (words.length > 1 && has.call(index, run)) { // a post's name typed whole also finds its tag
        terms.push(run);
        quiet.push(run);
      }
      words.forEach(function (word, i) {
        // a unit after a number (15日) starts a run in the page too, where jieba may have
        // joined it to what follows (日内): it keeps Material's prefix match
        if (Array.from(word).length === 1 && words.length > 1 && !(i === 0 && /\d$/.test(whole.slice(0, at)))) {
          if (has.call(index, word))
            terms.push(word + "^1"); // a boost of 1 is no boost, and keeps Material from adding *
          return;
        }
        terms.push(word);
        if (has.call(synonyms, word)) {
          var group = [word];
          synonyms[word].forEach(function (term) {
            (String(term).normalize("NFKC").match(/\p{sc=Han}+|[\p{L}\p{N}]+/gu) || []).forEach(function (part) {
              var parts = /\p{sc=Han}/u.test(part) ? segment(part, known) : [part.toLowerCase()];
              parts.forEach(function (w) { terms.push(w); group.push(w); });
            });
          });
          alternatives.push(group);
        }
      });
      // a +, - or field: written before the run stays attached to its first word
      var lead = at > 0 && /[+\-:]/.test(whole[at - 1]) ? "" : " ";
      return lead + terms.join(" ") + " ";
    });
    last = { key: norm(value), alternatives: alternatives, quiet: quiet, docs: docs };
    return out;
  }

  function titles(docs) {
    if (seen !== docs) {
      seen = docs;
      titled = [new Map(), new Map()];
      docs.forEach(function (doc, location) {
        var table = titled[doc.parent ? 1 : 0];
        var key = norm(doc.title);
        var page = location.split("#")[0];
        if (!table.has(key))
          table.set(key, []);
        if (table.get(key).indexOf(page) < 0)
          table.get(key).push(page);
      });
    }
    return titled;
  }

  /** Reorder Material's result (groups of one page's items) for the query it answers. */
  function rerank(result, state) {
    var groups = result.items;
    if (!Array.isArray(groups))
      return;
    groups.forEach(function (group) {
      group.forEach(function (item) {
        state.alternatives.forEach(function (words) {
          var found = words.some(function (w) { return item.terms && item.terms[w] === true; });
          if (found)
            words.forEach(function (w) { if (item.terms[w] === false) delete item.terms[w]; });
        });
        state.quiet.forEach(function (w) { if (item.terms && item.terms[w] === false) delete item.terms[w]; });
      });
    });
    if (!state.docs || !state.key)
      return;
    var tables = titles(state.docs);
    var tier = new Map(); // page -> 0 named exactly, 1 has a section of that title
    (tables[0].get(state.key) || []).forEach(function (page) { tier.set(page, 0); });
    if (has.call(names, state.key))
      names[state.key].forEach(function (page) { tier.set(page, 0); });
    (tables[1].get(state.key) || []).forEach(function (page) { if (!tier.has(page)) tier.set(page, 1); });
    var pageOf = function (group) { return group[0].location.split("#")[0]; };
    var listed = new Set(groups.map(pageOf));
    tier.forEach(function (rank, page) {
      var doc = state.docs.get(page);
      if (rank === 0 && !listed.has(page) && doc)
        groups.push([Object.assign({}, doc, { score: 0, terms: {} })]);
    });
    // a synonym and the words of its terms count as one word of the query
    var concept = {};
    state.alternatives.forEach(function (words) {
      words.forEach(function (w) { concept[w] = words[0]; });
    });
    // Material orders pages by their best section alone, so one common word in a title outweighs
    // a page with every word of the query. Pages with more of the query's words (of two or more
    // characters: a single character is rarely what a question is about) come first, then those
    // with more of them in one section, then by the best score of such a section.
    var order = groups.map(function (group, i) {
      var page = pageOf(group);
      var found = new Set();
      var best = { words: -1, score: 0 };
      group.forEach(function (item) {
        var mine = new Set();
        Object.keys(item.terms || {}).forEach(function (w) {
          if (item.terms[w] === true && (Array.from(w).length > 1 || !/\p{sc=Han}/u.test(w)))
            mine.add(has.call(concept, w) ? concept[w] : w);
        });
        mine.forEach(function (w) { found.add(w); });
        if (mine.size > best.words || (mine.size === best.words && item.score > best.score))
          best = { words: mine.size, score: item.score };
      });
      return { group: group, i: i, tier: tier.has(page) ? tier.get(page) : 2, found: found.size, best: best };
    });
    order.sort(function (a, b) {
      return a.tier - b.tier || b.found - a.found || b.best.words - a.best.words ||
        b.best.score - a.best.score || a.i - b.i;
    });
    var top = order[0];
    if (top !== undefined && top.tier < 2) {
      var max = 0;
      groups.forEach(function (group) {
        group.forEach(function (item) { max = Math.max(max, item.score); });
      });
      var named = top.group.filter(function (item) {
        return top.tier === 0 ? item.location.indexOf("#") < 0 : norm(item.title) === state.key;
      })[0] || top.group[0];
      named.score = max + 1;
      top.group.sort(function (a, b) { return b.score - a.score; });
    }
    result.items = order.map(function (o) { return o.group; });
  }

  self.handbookSearch = { query: query, segment: segment, rerank: rerank };

  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && last !== null) {
      var state = last;
      last = null;
      rerank(message.data, state);
    }
    return post.apply(self, arguments);
  };
})(self, self.HANDBOOK_SEARCH || {});
