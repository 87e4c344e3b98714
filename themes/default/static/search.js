/* bantin search page: answers as the reader types, from the index that `bantin build` writes
   beside the page (index.js, term shards t<N>.js, documents d<N>.js: see src/search.rs).
   Index files are plain scripts that call bantinSearch(lang, part, data), loaded with <script>
   elements, so search works on any static host, under any sub-path and from a folder opened
   from disk (file://), where fetch() is blocked. No third-party code. */
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var form = $('search-form'), input = $('search-q'), kindSelect = $('search-kind');
  var status = $('search-status'), list = $('search-results'), more = $('search-more');
  var cfg;
  if (!form || !input || !status || !list || !more) return;
  try { cfg = JSON.parse($('search-config').textContent); } catch (e) { return; }

  var PAGE = 10; // results shown at once
  // The first results, ordered by whether they hold the query as a phrase: their documents'
  // files are loaded for it (up to one file each on a large site), so two pages' worth.
  var PHRASE_DOCS = 2 * PAGE;
  var PREFIX_BYTES = 100000; // a last word whose completions span more shards is matched whole
  var FIELD_WEIGHT = [1, 2, 4, 8]; // body, summary, names (topics, locality...), title
  var LETTER = { article: 'a', model: 'm', explainer: 'e', bulletin: 'b', page: 'p' };
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  var base = new URL(cfg.index, document.baseURI).href;

  // Loading index parts: one <script> each, registered by the part's call to bantinSearch.
  var parts = {}, loading = {};
  window.bantinSearch = function (lang, part, data) { parts[lang + '/' + part] = data; };
  function load(part) {
    var key = cfg.lang + '/' + part;
    if (!loading[key]) {
      loading[key] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = base + part + '.js';
        s.onload = function () { if (key in parts) resolve(parts[key]); else reject(new Error(part)); };
        s.onerror = function () { delete loading[key]; reject(new Error(part)); };
        document.head.appendChild(s);
      });
    }
    return loading[key];
  }

  // The same folding as the index (src/search.rs `fold`, `variant`).
  function fold(w) {
    return w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
  }
  function variant(w) { return w.toLowerCase().normalize('NFC'); }
  function chars(s) { return Array.from(s).length; }

  // Query words: folded term, the spelling typed, whether it carries marks, and whether it is
  // the word being typed (matched as a prefix). One-letter words are not indexed.
  function parse(q) {
    var raw = q.match(WORD) || [], words = [], seen = {};
    var typing = /[\p{L}\p{M}\p{N}]$/u.test(q);
    raw.forEach(function (w, i) {
      var term = fold(w), typed = variant(w);
      if (chars(term) < 2) return;
      var prefix = typing && i === raw.length - 1;
      var key = term + '|' + typed + '|' + prefix;
      if (seen[key]) return;
      seen[key] = true;
      words.push({ term: term, typed: typed, marked: typed !== term, prefix: prefix });
    });
    return words;
  }

  // Terms are sorted by code point, like the index; shard N starts at shards[N][0].
  function before(a, b) {
    var i = 0;
    while (i < a.length && i < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(i);
      if (x !== y) return x < y;
      i += x > 0xffff ? 2 : 1;
    }
    return a.length < b.length;
  }
  function shardOf(shards, term) {
    var k = 0;
    while (k + 1 < shards.length && !before(term, shards[k + 1][0])) k++;
    return k;
  }
  function shardsFor(shards, word) {
    var first = shardOf(shards, word.term);
    if (!word.prefix) return [first];
    var last = shardOf(shards, word.term + '\u{10ffff}'), bytes = 0, list = [];
    for (var k = first; k <= last; k++) { bytes += shards[k][1]; list.push(k); }
    if (bytes > PREFIX_BYTES) { word.prefix = false; return [first]; }
    return list;
  }

  function decode(text, visit) {
    var value = 0, next = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGITS.indexOf(text[i]);
      value = value * 32 + (d & 31);
      if (d < 32) {
        var doc = next + Math.floor(value / 4);
        visit(doc, value % 4);
        next = doc + 1;
        value = 0;
      }
    }
  }

  // Per document, the best match of one query word: [exact spelling, whole word, weight].
  function better(a, b) { return !b || (a[0] - b[0] || a[1] - b[1] || a[2] - b[2]) > 0; }
  function matchWord(word, shards) {
    var best = new Map();
    function take(term, entry) {
      var variants = typeof entry === 'string' ? [[term, entry]] : entry;
      var whole = term === word.term ? 1 : 0;
      variants.forEach(function (v) {
        var same = word.prefix ? v[0].indexOf(word.typed) === 0 : v[0] === word.typed;
        var exact = !word.marked || same ? 1 : 0;
        decode(v[1], function (doc, field) {
          var m = [exact, whole, FIELD_WEIGHT[field]], b = best.get(doc);
          if (better(m, b)) best.set(doc, m);
        });
      });
    }
    shards.forEach(function (shard) {
      if (!word.prefix) {
        if (Object.prototype.hasOwnProperty.call(shard, word.term)) take(word.term, shard[word.term]);
        return;
      }
      Object.keys(shard).forEach(function (term) { if (term.indexOf(word.term) === 0) take(term, shard[term]); });
    });
    return best;
  }

  // Every query word must match. Order: words with the reader's own tone marks and accents,
  // then words matched whole (not only as the start of a longer word), then weight (title,
  // names, summary, body), then listing order (newest first).
  function rank(index, words, shardData, kind) {
    var maps = words.map(function (w, i) { return matchWord(w, shardData[i]); });
    maps.sort(function (a, b) { return a.size - b.size; });
    var results = [];
    maps[0].forEach(function (m, doc) {
      if (kind && index.kinds[doc] !== kind) return;
      var total = [doc, 0, 0, 0];
      for (var i = 0; i < maps.length; i++) {
        var h = maps[i].get(doc);
        if (!h) return;
        for (var k = 0; k < 3; k++) total[k + 1] += h[k];
      }
      results.push(total);
    });
    results.sort(function (a, b) { return b[1] - a[1] || b[2] - a[2] || b[3] - a[3] || a[0] - b[0]; });
    return results.map(function (r) { return r[0]; });
  }

  // Whether a word of a text is query word `w`: folded alike and, when the reader typed tone
  // marks or accents, spelled alike.
  function isWord(text, w) {
    var f = fold(text), v = variant(text);
    if (w.prefix ? f.indexOf(w.term) !== 0 : f !== w.term) return false;
    return !w.marked || (w.prefix ? v.indexOf(w.typed) === 0 : v === w.typed);
  }
  // The words of a text, as [start, end, word].
  function textWords(text) {
    var found = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text || ''))) found.push([m.index, m.index + m[0].length, m[0]]);
    return found;
  }
  // The words of `found` where the query's words stand together, in its order.
  function phrases(found, words) {
    var out = [];
    if (words.length < 2) return out;
    for (var i = 0; i + words.length <= found.length; i++) {
      var all = true;
      for (var k = 0; k < words.length && all; k++) all = isWord(found[i + k][2], words[k]);
      if (all) for (k = 0; k < words.length; k++) out.push(found[i + k]);
    }
    return out;
  }
  // The words of a text that answer the query: where the query's words stand together in
  // its order (`dan van` in "Dân vận"), only those; else each word that is one of the
  // query's ("dẫn" and "văn" light up for `dan van` only in a text without "Dân vận").
  function hits(text, words) {
    var found = textWords(text), phrase = phrases(found, words);
    if (phrase.length) return phrase;
    return found.filter(function (f) { return words.some(function (w) { return isWord(f[2], w); }); });
  }
  // Text with the query's words marked, as DOM nodes (never HTML from the index).
  function highlight(el, text, words) {
    var last = 0;
    hits(text, words).forEach(function (h) {
      if (h[0] < last) return;
      el.appendChild(document.createTextNode(text.slice(last, h[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(h[0], h[1]);
      el.appendChild(mark);
      last = h[1];
    });
    el.appendChild(document.createTextNode(text.slice(last)));
    return el;
  }
  // How well a document's title and snippet hold the query as a phrase: 2 in the title, 1
  // in the snippet, 0 when its words are only apart (`ninh binh`: "Ninh Bình" before "an
  // ninh ... Bình Thuận").
  function phraseScore(d, words) {
    var has = function (text) { return phrases(textWords(text), words).length ? 1 : 0; };
    return 2 * has(d[0]) + has(d[3]);
  }

  function element(tag, className, parent) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (parent) parent.appendChild(el);
    return el;
  }
  function card(index, doc, d, words) {
    var li = document.createElement('li');
    var kind = index.kinds[doc];
    var article = element('article', 'card', li);
    element('p', 'kind', article).textContent = cfg.kinds[kind] || '';
    var h = element('h2', 'card-title', article);
    var a = highlight(element('a', '', h), d[0], words);
    a.href = d[1];
    if (d[2]) element('p', 'meta', article).textContent = d[2];
    if (d[4]) {
      h.lang = d[4];
      element('p', 'untranslated', article).textContent =
        cfg.strings.translation_missing + ' (' + (cfg.languages[d[4]] || d[4]) + ')';
    }
    if (d[3]) {
      var p = highlight(element('p', 'card-summary', article), d[3], words);
      if (d[4]) p.lang = d[4];
    }
    return li;
  }

  var run = 0, shown = [], shownWords = [], shownIndex = null, count = 0;
  function say(key, query, n) {
    status.textContent = (cfg.strings[key] || '').replace('{query}', query).replace('{count}', n);
  }
  // Shows the next page of results (`fresh`: replaces the list, once its documents are here).
  function showMore(fresh) {
    var mine = run, from = fresh ? 0 : count, slice = shown.slice(from, from + PAGE);
    more.disabled = true;
    var chunk = shownIndex.chunk, need = {};
    slice.forEach(function (doc) { need[Math.floor(doc / chunk)] = true; });
    return Promise.all(Object.keys(need).map(function (c) { return load('d' + c); })).then(function () {
      if (mine !== run) return;
      if (fresh) list.textContent = '';
      slice.forEach(function (doc) {
        var rows = parts[cfg.lang + '/d' + Math.floor(doc / chunk)];
        list.appendChild(card(shownIndex, doc, rows[doc % chunk], shownWords));
      });
      count = from + slice.length;
      more.hidden = count >= shown.length;
      more.disabled = false;
    });
  }

  // The first results again, those that hold the query's words together first (their
  // titles and snippets are in the documents' files, loaded for them; the order is kept
  // otherwise). One word, or a single result: nothing to do.
  function byPhrase(index, words) {
    var top = shown.slice(0, PHRASE_DOCS), chunk = index.chunk, need = {};
    if (words.length < 2 || top.length < 2) return Promise.resolve();
    top.forEach(function (doc) { need[Math.floor(doc / chunk)] = true; });
    return Promise.all(Object.keys(need).map(function (c) { return load('d' + c); })).then(function () {
      var scored = top.map(function (doc, i) {
        var d = parts[cfg.lang + '/d' + Math.floor(doc / chunk)][doc % chunk];
        return [doc, phraseScore(d, words), i];
      });
      scored.sort(function (a, b) { return b[1] - a[1] || a[2] - b[2]; });
      shown = scored.map(function (x) { return x[0]; }).concat(shown.slice(PHRASE_DOCS));
    });
  }

  function search() {
    var q = input.value, kind = kindSelect ? LETTER[kindSelect.value] || '' : '';
    var mine = ++run, words = parse(q);
    remember(q, kindSelect ? kindSelect.value : '');
    if (!words.length) {
      list.textContent = '';
      more.hidden = true;
      status.textContent = q.trim() ? cfg.strings.short : '';
      return Promise.resolve();
    }
    var slow = setTimeout(function () { if (mine === run) say('loading', q, 0); }, 400);
    return load('index').then(function (index) {
      var wanted = words.map(function (w) { return shardsFor(index.shards, w); });
      return Promise.all(wanted.map(function (ks) {
        return Promise.all(ks.map(function (k) { return load('t' + k); }));
      })).then(function (shardData) {
        if (mine !== run) return;
        shown = rank(index, words, shardData, kind);
        shownWords = words;
        shownIndex = index;
        return byPhrase(index, words).then(function () {
          if (mine === run) return showMore(true);
        }).then(function () {
          if (mine === run) say(shown.length ? 'results' : 'none', q.trim(), shown.length);
        });
      });
    }).catch(function () {
      if (mine === run) { say('error', q, 0); more.hidden = true; }
    }).then(function () { clearTimeout(slow); });
  }

  // The query stays in the address (back button, reload, sharing a search) and follows the
  // language switcher to the other languages' search pages.
  function remember(q, kind) {
    var params = new URLSearchParams();
    if (q) params.set('q', q);
    if (kind) params.set('kind', kind);
    var search = params.toString() ? '?' + params.toString() : '';
    try { history.replaceState(null, '', search || location.pathname); } catch (e) { /* file:// */ }
    document.querySelectorAll('.languages a[hreflang]').forEach(function (a) {
      a.href = a.href.split('?')[0] + search;
    });
  }

  var timer;
  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(search, 120); });
  if (kindSelect) kindSelect.addEventListener('change', search);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    search();
    input.blur(); // phones: close the keyboard so that the results show
  });
  more.addEventListener('click', function () { showMore(false); });

  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  if (kindSelect && LETTER[params.get('kind')]) kindSelect.value = params.get('kind');
  if (input.value) search();
}());
