// The site's search. It runs as the theme's search worker and answers the theme's messages
// (SETUP, READY, QUERY, RESULT), so the theme's search field, result list and keyboard handling
// stay as they are. The build writes every entry of search/search_index.json as short plain
// text, and this worker searches those entries as they are: nothing is built in the browser,
// on the first page view or any other (the theme's own worker built a lunr index every time).
//
// A word of the query matches the beginning of a word, upper or lower case alike: "försäk"
// finds "Försäkringskassan". A word that is found nowhere is tried again without a common
// Swedish ending ("insatserna" → "insats"). Where some entries hold every word of the query,
// only those are answers; otherwise entries holding some of the words are, with the missing
// ones named as the theme shows them. Titles weigh more than text, rare words more than common.
"use strict";

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;

var TITLE_WEIGHT = 10;
var TEASER_BEFORE = 60; // characters of text shown before the first hit
var TEASER_LENGTH = 240;
var MAX_PAGES = 200; // pages in one answer: more is no help to anybody
// Longest first: the first ending whose removal finds something is used.
var ENDINGS = ["ernas", "arnas", "ornas", "erna", "arna", "orna", "ens", "ets", "er", "ar", "or", "na", "en", "et", "s", "n", "a", "e"];
// Words too common to narrow a search: left out while the query has other words.
var STOP_WORDS = new Set([
  "och", "i", "att", "det", "som", "en", "ett", "på", "är", "av", "för", "med", "till",
  "den", "de", "om", "har", "inte", "men", "eller", "så", "vi", "ni", "kan", "ska", "vid",
]);

var docs = [];
var pages = new Map(); // a page's location (without #) → its entry
var suggestions = false;

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function pageOf(location) {
  return location.split("#")[0];
}

// Each entry of the index is [location, title, text], as the build writes it.
function setUp(data) {
  docs = (data.docs || []).map(function (doc) {
    return { location: String(doc[0] || ""), title: String(doc[1] || ""), text: String(doc[2] || "") };
  });
  pages = new Map();
  docs.forEach(function (doc) {
    var page = pageOf(doc.location);
    if (!pages.has(page)) pages.set(page, doc);
  });
  suggestions = Boolean(data.options && data.options.suggest);
}

// The query's words, in the order written, each once.
function queryWords(query) {
  var seen = new Set();
  return query
    .normalize("NFC")
    .toLocaleLowerCase("sv")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(function (word) {
      if (!word || seen.has(word)) return false;
      seen.add(word);
      return true;
    });
}

function wordStart(term) {
  return new RegExp("(?<![\\p{L}\\p{N}])" + escapeRegExp(term), "giu");
}

function count(pattern, text) {
  pattern.lastIndex = 0;
  var n = 0;
  while (pattern.exec(text)) n += 1;
  return n;
}

// How often each entry holds the term, in its title and in its text.
function hits(term) {
  var pattern = wordStart(term);
  var found = new Map();
  docs.forEach(function (doc, i) {
    var inTitle = count(pattern, doc.title);
    var inText = count(pattern, doc.text);
    if (inTitle || inText) found.set(i, { title: inTitle, text: inText });
  });
  return found;
}

// The term as searched: the word itself, or without an ending when only that finds anything.
function resolve(word) {
  var found = hits(word);
  for (var e = 0; !found.size && e < ENDINGS.length; e += 1) {
    var ending = ENDINGS[e];
    if (word.length - ending.length >= 3 && word.endsWith(ending)) {
      var stem = word.slice(0, -ending.length);
      var stemHits = hits(stem);
      if (stemHits.size) return { word: word, term: stem, hits: stemHits };
    }
  }
  return { word: word, term: word, hits: found };
}

// Text with every hit of the terms marked; everything else escaped.
function marked(text, terms) {
  var ranges = [];
  terms.forEach(function (term) {
    var pattern = wordStart(term);
    var match;
    while ((match = pattern.exec(text))) ranges.push([match.index, match.index + match[0].length]);
  });
  ranges.sort(function (a, b) { return a[0] - b[0]; });
  var out = "";
  var at = 0;
  ranges.forEach(function (range) {
    if (range[0] < at) return; // overlaps the previous hit
    out += escapeHtml(text.slice(at, range[0])) + "<mark>" + escapeHtml(text.slice(range[0], range[1])) + "</mark>";
    at = range[1];
  });
  return out + escapeHtml(text.slice(at));
}

// A piece of the text around its first hit, cut at words.
function teaser(text, terms) {
  var first = -1;
  terms.forEach(function (term) {
    var pattern = wordStart(term);
    var match = pattern.exec(text);
    if (match && (first < 0 || match.index < first)) first = match.index;
  });
  var start = first > TEASER_BEFORE ? text.lastIndexOf(" ", first - TEASER_BEFORE) + 1 : 0;
  var end = start + TEASER_LENGTH;
  if (end < text.length) {
    var space = text.lastIndexOf(" ", end);
    end = space > start ? space : end;
  } else {
    end = text.length;
  }
  var piece = marked(text.slice(start, end), terms);
  if (!piece) return "";
  return "<p>" + (start > 0 ? "… " : "") + piece + (end < text.length ? " …" : "") + "</p>";
}

function item(doc, score, words, found) {
  var terms = {};
  var matched = [];
  words.forEach(function (w) {
    var has = found.some(function (f) { return f.word === w.word && f.hits.has(doc.i); });
    terms[w.word] = has;
    if (has) matched.push(w.term);
  });
  return {
    location: doc.location,
    title: marked(doc.title, matched),
    text: teaser(doc.text, matched),
    score: score,
    terms: terms,
  };
}

function suggestion(query, best) {
  var typed = query.split(/[\s-]+/).pop();
  if (!typed || !/^[\p{L}\p{N}]+$/u.test(typed)) return [];
  var pattern = new RegExp("(?<![\\p{L}\\p{N}])" + escapeRegExp(typed) + "[\\p{L}\\p{N}]+", "iu");
  var match = best ? pattern.exec(best.title) : null;
  return match ? [typed + match[0].slice(typed.length).toLocaleLowerCase("sv")] : [];
}

function search(query) {
  var all = queryWords(query);
  var content = all.filter(function (word) { return !STOP_WORDS.has(word); });
  var words = (content.length ? content : all).map(resolve);
  if (!words.length) return { items: [] };
  var found = words.filter(function (w) { return w.hits.size; });
  var rarity = new Map();
  found.forEach(function (w) {
    rarity.set(w, Math.log(1 + docs.length / w.hits.size));
  });

  // Entries with every word found anywhere, or else entries with any of them.
  var candidates = new Set();
  found.forEach(function (w) { w.hits.forEach(function (_, i) { candidates.add(i); }); });
  var complete = Array.from(candidates).filter(function (i) {
    return found.every(function (w) { return w.hits.has(i); });
  });
  var chosen = complete.length ? complete : Array.from(candidates);

  var scored = chosen.map(function (i) {
    var doc = docs[i];
    var score = 0;
    var present = 0;
    found.forEach(function (w) {
      var hit = w.hits.get(i);
      if (!hit) return;
      present += 1;
      score += rarity.get(w) * (TITLE_WEIGHT * Math.min(hit.title, 1) + Math.log2(1 + hit.text));
    });
    // As the theme ranks: a whole page above its sections, an entry with all words above one
    // with some.
    var boost = (doc.location.indexOf("#") < 0 ? 1 : 0) + present / words.length;
    return { doc: { location: doc.location, title: doc.title, text: doc.text, i: i }, score: score * (1 + boost * boost) };
  });
  scored.sort(function (a, b) { return b.score - a.score; });

  // One answer per page, best first: its matching sections, and the page itself.
  var groups = new Map();
  scored.forEach(function (s) {
    var page = pageOf(s.doc.location);
    if (!groups.has(page)) {
      if (groups.size >= MAX_PAGES) return;
      groups.set(page, []);
    }
    groups.get(page).push(item(s.doc, s.score, words, found));
  });
  groups.forEach(function (items, page) {
    if (!items.some(function (it) { return pageOf(it.location) === it.location; })) {
      var doc = pages.get(page);
      if (doc) items.push({ location: doc.location, title: escapeHtml(doc.title), text: "", score: 0, terms: {} });
    }
  });
  var items = Array.from(groups.values());
  var result = { items: items };
  if (suggestions) result.suggest = suggestion(query, scored.length ? scored[0].doc : null);
  return result;
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    setUp(message.data);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    postMessage({ type: RESULT, data: search(String(message.data || "")) });
  }
});
