//! Search (the index stage): per language, an index of the items that the language's listings
//! show, built at build time and written as small JavaScript files beside the language's search
//! page (`search/`, `en/search/`). The theme's `search.js` loads them with `<script>` elements
//! that call one global function, `bantinSearch(lang, part, data)` (as mdBook does), so search
//! works on any static host, under any sub-path and from a folder opened from disk, where
//! `fetch()` and WebAssembly are blocked. There is no third-party code and no server.
//!
//! Words are *folded* ([`fold`]: lowercase, NFD, combining marks dropped, `đ` → `d`), so that
//! `dan van kheo` finds `Dân vận khéo` whatever the keyboard (NFC or NFD) produced. Each folded
//! term keeps the spellings it was found in (its *variants*, lowercase NFC), so that the
//! browser can rank matches with the reader's own tone marks first.
//!
//! The files of one language's index:
//! - `index.js`: `{"v":1,"kinds":"aame…","chunk":20,"shards":[[first term, bytes], …]}`: one
//!   kind letter per document ([`kind_letter`]), how many documents a `d<N>.js` file holds,
//!   and the term shards in term order: shard N holds the terms from its first term up to the
//!   next shard's first term (so a prefix's terms are in a run of consecutive shards).
//! - `t<N>.js`: `{term: postings, …}` when the term has one variant equal to itself, else
//!   `{term: [[variant, postings], …]}`. Postings: the documents (ascending) that contain
//!   the variant, with the best field it occurs in, as a string of base-32 varints (see
//!   [`encode_postings`]).
//! - `d<N>.js`: documents `N*chunk ..`: `[[title, url, date, snippet, original language], …]`
//!   (the original language is `null` unless the item is shown untranslated).
//!
//! Documents are numbered in listing order (weight, newest first, title), which is the order
//! that breaks ties between equally good results. What is indexed per item is bounded: title,
//! summary, topics, locality, unit, policy and model area names, the body's headings and the
//! start of its text ([`BODY_CHARS`]); words of one letter are left out.

use crate::content::Kind;
use crate::content::front_matter::KindFields;
use crate::library::{Item, ItemId, Listed};
use crate::render::context::{SummaryCtx, date_ctx};
use crate::render::view::View;
use std::collections::HashMap;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The file of a language's index that the search page loads first (beside the page).
pub const INDEX_FILE: &str = "index.js";
/// How much of an item's body text (characters) is indexed, after its headings.
pub const BODY_CHARS: usize = 1200;
/// The longest snippet stored per document (characters).
pub const SNIPPET_CHARS: usize = 200;
/// Documents per `d<N>.js` file: a page of results fetches the few files its documents are in.
pub const DOCS_PER_CHUNK: usize = 20;
/// A term shard is closed once it reaches this many bytes (a term is never split).
pub const SHARD_BYTES: usize = 16 * 1024;
/// Terms are at least this many characters (one-letter words are not indexed)...
const MIN_TERM_CHARS: usize = 2;
/// ...and at most this many (longer runs are identifiers, not words).
const MAX_TERM_CHARS: usize = 40;

/// Where in an item a word was found, from least to most telling. The browser weighs a match
/// by the best field of the word in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Field {
    Body = 0,
    Summary = 1,
    Meta = 2,
    Title = 3,
}

/// A word as the index compares it: lowercase, decomposed, without combining marks (tone marks,
/// accents, the breve, circumflex and horn), `đ` as `d`, `œ` and `æ` as `oe` and `ae`. NFC and
/// NFD input give the same result. The theme's `search.js` folds queries the same way.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase()
                .for_each(|c| fold_lowercase_char(c, &mut out));
        }
    }
    out
}

fn fold_lowercase_char(c: char, out: &mut String) {
    match c {
        'đ' => out.push('d'),
        'œ' => out.push_str("oe"),
        'æ' => out.push_str("ae"),
        // Marks are dropped, so the order that canonical decomposition gives them does not
        // matter: each character's own decomposition is enough.
        c => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.push(d)
            }
        }),
    }
}

/// A word as it was written, for ranking exact spellings first: lowercase NFC.
pub fn variant(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let lower = word.to_lowercase();
    match unicode_normalization::is_nfc_quick(lower.chars()) {
        unicode_normalization::IsNormalized::Yes => lower,
        _ => crate::text::nfc(&lower),
    }
}

/// The term and the variant of a word (`fold` and `variant` in one pass), or `None` for a word
/// that is not indexed (one letter, or too long to be a word).
fn term_and_variant(word: &str) -> Option<(String, String)> {
    let variant = variant(word);
    let term = if variant.is_ascii() {
        variant.clone()
    } else {
        let mut term = String::with_capacity(variant.len());
        for c in variant.chars() {
            if c.is_ascii() {
                term.push(c);
            } else {
                fold_lowercase_char(c, &mut term);
            }
        }
        term
    };
    let n = term.chars().count();
    (MIN_TERM_CHARS..=MAX_TERM_CHARS)
        .contains(&n)
        .then_some((term, variant))
}

/// The words of a text: runs of letters, digits and combining marks. Apostrophes, hyphens and
/// dots separate words, so `l'État` gives `l` and `État`, and `18-NQ/TW` gives `18`, `NQ`, `TW`
/// (the browser splits queries the same way, with `/[\p{L}\p{M}\p{N}]+/gu`).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        // The Latin letters of Vietnamese and French, and the combining diacritics: the
        // common case, without a Unicode table lookup.
        '\u{C0}'..='\u{24F}' => c != '×' && c != '÷',
        '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// The text of one item that is indexed.
#[derive(Debug, Default)]
pub struct DocText<'a> {
    pub title: &'a str,
    /// Names the item is filed under: topics, locality, unit, policy, model area.
    pub meta: Vec<String>,
    pub summary: &'a str,
    /// The Markdown body: its headings and the first [`BODY_CHARS`] of its text are indexed.
    pub body: &'a str,
}

/// The distinct words of one item as written (case included), each with the best field it
/// occurs in. Words are folded later, once per distinct spelling in a whole language's index
/// rather than once per item. Kept for every item until the indexes are written, so held
/// compactly: the words one after another in `text`, each ended by a newline (a word has
/// none), and their fields in the same order.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
pub struct DocWords {
    text: Box<str>,
    fields: Box<[Field]>,
}

impl DocWords {
    /// The words with their fields.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Field)> {
        self.text
            .split_terminator('\n')
            .zip(self.fields.iter().copied())
    }
}

/// Collects the distinct words of an item.
pub fn doc_words(doc: &DocText) -> DocWords {
    let body = body_text(doc.body, BODY_CHARS);
    let sources = std::iter::once((doc.title, Field::Title))
        .chain(doc.meta.iter().map(|m| (m.as_str(), Field::Meta)))
        .chain([(doc.summary, Field::Summary), (body.as_str(), Field::Body)]);
    // Words repeat (Vietnamese syllables above all): keep each spelling once, with the best
    // field it occurs in.
    let mut seen: FastMap<&str, usize> = FastMap::default();
    let mut words: Vec<(&str, Field)> = Vec::with_capacity(256);
    for (part, field) in sources {
        for w in self::words(part) {
            match seen.entry(w) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    let best = &mut words[*e.get()].1;
                    *best = (*best).max(field);
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(words.len());
                    words.push((w, field));
                }
            }
        }
    }
    let mut text = String::with_capacity(words.iter().map(|(w, _)| w.len() + 1).sum());
    for (w, _) in &words {
        text.push_str(w);
        text.push('\n');
    }
    DocWords {
        text: text.into_boxed_str(),
        fields: words.iter().map(|&(_, field)| field).collect(),
    }
}

/// The distinct (term, variant) pairs of an item with their best field, sorted: what the
/// index holds of it (for tests and tools).
pub fn doc_terms(doc: &DocText) -> Vec<(String, String, Field)> {
    let words = doc_words(doc);
    let mut terms: Vec<(String, String, Field)> = words
        .iter()
        .filter_map(|(w, field)| {
            let (term, variant) = term_and_variant(w)?;
            Some((term, variant, field))
        })
        .collect();
    terms.sort_by(|a, b| (&a.0, &a.1, b.2).cmp(&(&b.0, &b.1, a.2)));
    terms.dedup_by(|later, first| later.0 == first.0 && later.1 == first.1);
    terms
}

/// A hash map with a fast, non-cryptographic hash (the one rustc uses, "FxHash"): the index
/// hashes every word of every item, and its keys come from the site's own files.
type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

#[derive(Default)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Plain text of a Markdown body, for the index: every heading (an explainer's questions
/// included), then the text from the start up to about `max_chars` characters. A light pass,
/// not a Markdown parser: fenced code, HTML tags, link and image targets, reference
/// definitions and bare URLs are left out; what remains of the markup (`#`, `*`, `_`, `[`...)
/// is punctuation, which separates words anyway.
pub fn body_text(markdown: &str, max_chars: usize) -> String {
    let mut headings = String::new();
    let mut text = String::with_capacity(max_chars + 64);
    let mut fence = false;
    let mut chars = 0;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        if fence || is_reference_definition(trimmed) {
            continue;
        }
        if trimmed.starts_with("##") {
            headings.push_str(trimmed.trim_start_matches('#'));
            headings.push('\n');
        } else if chars < max_chars {
            chars += push_plain(trimmed, &mut text);
            text.push('\n');
        }
    }
    headings.push_str(&text);
    headings
}

/// `[label]: https://...`
fn is_reference_definition(line: &str) -> bool {
    line.starts_with('[') && line.find("]:").is_some_and(|i| !line[..i].contains('('))
}

/// Appends a line without its tags, link targets and URLs; returns the characters appended.
fn push_plain(line: &str, out: &mut String) -> usize {
    let start = out.len();
    let mut rest = line;
    while let Some(i) = rest.find(['<', ']']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // `](target)`: the link's text is kept, its target skipped; `<tag>` skipped.
        let skip_to = match rest.strip_prefix("](") {
            Some(after) => after.find(')').map(|j| 2 + j + 1),
            None => rest
                .find('>')
                .filter(|_| rest.starts_with('<'))
                .map(|j| j + 1),
        };
        let skip = skip_to.unwrap_or(1);
        out.push(' ');
        rest = &rest[skip..];
    }
    out.push_str(rest);
    // Bare URLs are not words a reader would type.
    if out[start..].contains("://") {
        let kept: Vec<&str> = out[start..]
            .split(' ')
            .filter(|w| !w.contains("://"))
            .collect();
        let kept = kept.join(" ");
        out.truncate(start);
        out.push_str(&kept);
    }
    out[start..].chars().count()
}

/// The shortened summary shown under a result: at most [`SNIPPET_CHARS`] characters, cut
/// between words.
pub fn snippet(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::text::shorten(&text, SNIPPET_CHARS)
}

/// What a result shows.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct DocRecord {
    pub kind: Kind,
    pub title: String,
    /// The item's URL, as listings link to it.
    pub url: String,
    /// The date (or a model's year) in the index's language.
    pub date: Option<String>,
    pub snippet: String,
    /// The item's own language when it is shown untranslated (`fallback: default`).
    pub untranslated: Option<String>,
}

/// One document of a language's index.
pub struct IndexDoc<'a> {
    pub record: DocRecord,
    pub words: &'a DocWords,
}

/// One file of a language's index, named relative to the index's folder.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexFile {
    pub name: String,
    pub text: String,
}

/// The letter of a kind in `index.js`'s `kinds` string.
pub fn kind_letter(kind: Kind) -> char {
    match kind {
        Kind::Article => 'a',
        Kind::Model => 'm',
        Kind::Explainer => 'e',
        Kind::Bulletin => 'b',
        Kind::Page => 'p',
    }
}

/// The 64 characters of postings: the first 32 end a number, the other 32 continue it.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Postings as text: per document, `(gap << 2) | field` as a base-32 varint, most significant
/// group first (continuation digits `w`…`_`, last digit `0`…`v`); `gap` is the distance to the
/// previous document minus one (the first: its number).
pub fn encode_postings(postings: &[(u32, Field)]) -> String {
    let mut out = String::with_capacity(postings.len() * 2);
    let mut next = 0u32;
    for &(doc, field) in postings {
        let value = (u64::from(doc - next) << 2) | field as u64;
        next = doc + 1;
        let mut groups = [0u8; 13];
        let mut n = 0;
        let mut v = value;
        loop {
            groups[n] = (v & 31) as u8;
            n += 1;
            v >>= 5;
            if v == 0 {
                break;
            }
        }
        for k in (0..n).rev() {
            let digit = if k == 0 { groups[k] } else { 32 + groups[k] };
            out.push(DIGITS[digit as usize] as char);
        }
    }
    out
}

/// The inverse of [`encode_postings`] (for tests and tools).
pub fn decode_postings(text: &str) -> Vec<(u32, u8)> {
    let mut out = Vec::new();
    let mut value = 0u64;
    let mut next = 0u64;
    for b in text.bytes() {
        let Some(digit) = DIGITS.iter().position(|&d| d == b) else {
            continue;
        };
        value = value * 32 + (digit as u64 & 31);
        if digit < 32 {
            let doc = next + (value >> 2);
            out.push((doc as u32, (value & 3) as u8));
            next = doc + 1;
            value = 0;
        }
    }
    out
}

/// A JavaScript string literal (JSON, with the two line separators JSON allows and older
/// JavaScript does not escaped).
fn js_string(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    if json.contains(['\u{2028}', '\u{2029}']) {
        json.replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    } else {
        json
    }
}

fn registration(lang: &str, part: &str, data: &str) -> String {
    format!(
        "bantinSearch({},{},{});\n",
        js_string(lang),
        js_string(part),
        data
    )
}

/// Documents (ascending) with the best field a word occurs in.
type Postings = Vec<(u32, Field)>;

/// Documents whose spellings one thread gathers at a time while an index is built.
const SPELLING_RUN: usize = 2048;

/// The entries of the term shards, in term order: each term of the documents (numbered in
/// index order) as `term:postings` or `term:[[variant,postings],…]`, with the term.
fn term_entries(docs: &[IndexDoc]) -> Vec<(String, String)> {
    use rayon::prelude::*;
    // Each distinct spelling of the language's documents, with its postings (ascending):
    // made in runs of documents side by side, then joined in document order.
    let runs: Vec<FastMap<&str, Postings>> = docs
        .par_chunks(SPELLING_RUN)
        .enumerate()
        .map(|(run, chunk)| {
            let mut spellings: FastMap<&str, Postings> = FastMap::default();
            for (k, doc) in chunk.iter().enumerate() {
                let id = (run * SPELLING_RUN + k) as u32;
                for (word, field) in doc.words.iter() {
                    spellings.entry(word).or_default().push((id, field));
                }
            }
            spellings
        })
        .collect();
    let mut runs = runs.into_iter();
    let mut spellings = runs.next().unwrap_or_default();
    for run in runs {
        for (word, postings) in run {
            spellings.entry(word).or_default().extend(postings);
        }
    }
    // Folded once per spelling, side by side; then term -> variant -> postings. Spellings
    // that differ in case only ("Dân", "dân") share a variant: their postings are merged.
    let mut folded: Vec<(String, String, Postings)> = spellings
        .into_par_iter()
        .filter_map(|(word, postings)| {
            let (term, variant) = term_and_variant(word)?;
            Some((term, variant, postings))
        })
        .collect();
    folded.par_sort_unstable_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let mut grouped: Vec<(String, Vec<(String, Postings)>)> = Vec::new();
    for (term, variant, postings) in folded {
        match grouped.last_mut() {
            Some((t, variants)) if *t == term => match variants.last_mut() {
                Some((v, merged)) if *v == variant => {
                    merged.extend(postings);
                    merged.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
                    merged.dedup_by_key(|p| p.0);
                }
                _ => variants.push((variant, postings)),
            },
            _ => grouped.push((term, vec![(variant, postings)])),
        }
    }
    grouped
        .into_par_iter()
        .map(|(term, variants)| {
            // Variants are in order already (sorted with their terms).
            let value = match variants.as_slice() {
                [(v, postings)] if *v == term => js_string(&encode_postings(postings)),
                _ => format!(
                    "[{}]",
                    variants
                        .iter()
                        .map(|(v, p)| format!(
                            "[{},{}]",
                            js_string(v),
                            js_string(&encode_postings(p))
                        ))
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            };
            let entry = format!("{}:{value}", js_string(&term));
            (term, entry)
        })
        .collect()
}

/// Builds the files of one language's index from its documents, in index order.
pub fn build_index(lang: &str, docs: &[IndexDoc]) -> Vec<IndexFile> {
    let entries = term_entries(docs);
    let mut files = Vec::new();
    let mut shards: Vec<(String, usize)> = Vec::new();
    let mut start = 0;
    while start < entries.len() || (start == 0 && shards.is_empty()) {
        let mut end = start;
        let mut bytes = 0;
        while end < entries.len() && (end == start || bytes + entries[end].1.len() < SHARD_BYTES) {
            bytes += entries[end].1.len() + 1;
            end += 1;
        }
        let body = entries[start..end]
            .iter()
            .map(|(_, e)| e.as_str())
            .collect::<Vec<_>>()
            .join(",");
        let n = shards.len();
        let text = registration(lang, &format!("t{n}"), &format!("{{{body}}}"));
        // The first shard starts at the empty term, so every term has a shard.
        let first = if n == 0 {
            String::new()
        } else {
            entries[start].0.clone()
        };
        shards.push((first, text.len()));
        files.push(IndexFile {
            name: format!("t{n}.js"),
            text,
        });
        start = end;
        if entries.is_empty() {
            break;
        }
    }

    for (n, chunk) in docs.chunks(DOCS_PER_CHUNK).enumerate() {
        let rows: Vec<String> = chunk
            .iter()
            .map(|d| {
                let r = &d.record;
                let opt = |v: &Option<String>| v.as_deref().map_or("null".into(), js_string);
                format!(
                    "[{},{},{},{},{}]",
                    js_string(&r.title),
                    js_string(&r.url),
                    opt(&r.date),
                    js_string(&r.snippet),
                    opt(&r.untranslated)
                )
            })
            .collect();
        files.push(IndexFile {
            name: format!("d{n}.js"),
            text: registration(lang, &format!("d{n}"), &format!("[{}]", rows.join(",\n"))),
        });
    }

    let kinds: String = docs.iter().map(|d| kind_letter(d.record.kind)).collect();
    let shard_list = shards
        .iter()
        .map(|(first, bytes)| format!("[{},{bytes}]", js_string(first)))
        .collect::<Vec<_>>()
        .join(",");
    files.insert(
        0,
        IndexFile {
            name: INDEX_FILE.into(),
            text: registration(
                lang,
                "index",
                &format!(
                    "{{\"v\":1,\"kinds\":{},\"chunk\":{DOCS_PER_CHUNK},\"shards\":[{shard_list}]}}",
                    js_string(&kinds)
                ),
            ),
        },
    );
    files
}

/// The documents of a language's index: what its listings show (its own items and, with
/// `fallback: default`, the originals of items not translated into it), in listing order
/// across kinds. Plain pages are not listed and not indexed.
fn language_docs(view: &View, lang: &str) -> Vec<Listed> {
    let mut docs: Vec<Listed> = Kind::LISTED
        .iter()
        .flat_map(|&k| view.listing(lang, k))
        .copied()
        .collect();
    view.in_listing_order(&mut docs);
    docs
}

/// The words of an item that the index holds: title, summary, body, and the names it is
/// filed under in every language (topics, locality, unit, policy, model area).
pub fn item_words(
    view: &View,
    item: &Item,
    body: &str,
    summary: &SummaryCtx,
    videos: &[crate::render::context::VideoCtx],
) -> DocWords {
    let config = view.config();
    let registry = view.registry();
    let common = &item.source.front_matter.common;
    let mut meta: Vec<String> = common.topics.clone();
    for topic in &common.topics {
        let slug = crate::text::slugify(topic);
        for l in &config.languages {
            meta.push(view.topic_name(&slug, &l.code));
        }
    }
    if let Some(resolved) = &item.locality {
        let ids = [
            Some(resolved.id.as_str()),
            Some(crate::locality::Registry::province_of(&resolved.id)),
        ];
        for id in ids.into_iter().flatten() {
            if let Some(l) = registry.localities.get(id) {
                meta.extend(l.names.values().cloned());
            }
        }
        if let Some(former) = &resolved.former {
            meta.push(registry.former_name(former, item.lang(), &config.default_language));
        }
    }
    match &item.source.front_matter.fields {
        KindFields::Model(m) => {
            meta.push(m.unit.clone());
            for l in &config.languages {
                meta.push(view.t(&l.code, &format!("area_{}", m.area.as_str())));
            }
        }
        KindFields::Explainer(e) => meta.push(e.policy.clone()),
        _ => {}
    }
    // A video's title is found by search, also when only the front matter gives it.
    meta.extend(videos.iter().map(|v| v.title.clone()));
    meta.sort();
    meta.dedup();
    doc_words(&DocText {
        title: item.title(),
        summary: &summary.summary_text,
        body,
        meta,
    })
}

/// The documents of a language's index, in index order: (item, shown untranslated). Only
/// items with facts are indexed (those whose body could be rendered).
pub fn language_entries(view: &View, lang: &str) -> Vec<(ItemId, bool)> {
    view.i18n(lang);
    language_docs(view, lang)
        .iter()
        .filter(|entry| view.index_facts(entry.id).is_some())
        .map(|entry| (entry.id, entry.untranslated))
        .collect()
}

/// What a result shows of an item in the index of `lang`.
pub fn doc_record(
    item: &Item,
    summary: &SummaryCtx,
    snippet: &str,
    lang: &str,
    i18n: &crate::i18n::I18n,
) -> DocRecord {
    let common = &item.source.front_matter.common;
    let date = match (&common.date, &item.source.front_matter.fields) {
        // The summary's date is in the item's language.
        (Some(_), _) if item.lang() == lang => summary.date.as_ref().map(|d| d.display.clone()),
        (Some(d), _) => Some(date_ctx(d, lang, i18n).display),
        (None, KindFields::Model(m)) => Some(m.year.to_string()),
        _ => None,
    };
    DocRecord {
        kind: item.kind(),
        title: item.title().to_string(),
        url: summary.url.clone(),
        date,
        snippet: snippet.to_string(),
        untranslated: (item.lang() != lang).then(|| item.lang().to_string()),
    }
}

/// The files of one language's index, from its documents' items and their facts.
pub fn language_files(view: &View, lang: &str, entries: &[(ItemId, bool)]) -> Vec<IndexFile> {
    let i18n = view.i18n(lang);
    let docs: Vec<IndexDoc> = entries
        .iter()
        .filter_map(|&(id, _)| {
            let facts = view.index_facts(id)?;
            let item = &view.library().items[id];
            let record = doc_record(item, &facts.summary, &facts.snippet, lang, i18n);
            Some(IndexDoc {
                record,
                words: &facts.words,
            })
        })
        .collect();
    build_index(lang, &docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn folding_drops_tone_marks_and_d_bar_whatever_the_normalization() {
        assert_eq!(fold("Dân vận khéo"), "dan van kheo");
        assert_eq!(fold("ĐỔI MỚI"), "doi moi");
        let nfd: String = "Dân vận khéo ở Đà Lạt".nfd().collect();
        assert_ne!(nfd, "Dân vận khéo ở Đà Lạt");
        assert_eq!(fold(&nfd), fold("Dân vận khéo ở Đà Lạt"));
        assert_eq!(fold("l'État, œuvre, Ægypte"), "l'etat, oeuvre, aegypte");
        assert_eq!(variant(&nfd), "dân vận khéo ở đà lạt");
        assert_eq!(
            term_and_variant("Khéo"),
            Some(("kheo".to_string(), "khéo".to_string()))
        );
        assert_eq!(
            term_and_variant("ở"),
            None,
            "one-letter words are not indexed"
        );
    }

    #[test]
    fn words_split_at_apostrophes_hyphens_and_slashes() {
        let w: Vec<&str> = words("Nghị quyết 18-NQ/TW: l'État, “Dân vận khéo”!").collect();
        assert_eq!(
            w,
            [
                "Nghị", "quyết", "18", "NQ", "TW", "l", "État", "Dân", "vận", "khéo"
            ]
        );
        let nfd: String = "khéo".nfd().collect();
        assert_eq!(words(&nfd).count(), 1, "combining marks stay inside words");
    }

    #[test]
    fn postings_round_trip() {
        let postings = vec![
            (0, Field::Title),
            (1, Field::Body),
            (7, Field::Meta),
            (8, Field::Summary),
            (1000, Field::Title),
            (123_456, Field::Body),
        ];
        let text = encode_postings(&postings);
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        let back: Vec<(u32, u8)> = postings.iter().map(|&(d, f)| (d, f as u8)).collect();
        assert_eq!(decode_postings(&text), back);
        // Small gaps take one character.
        assert_eq!(
            encode_postings(&[(0, Field::Title), (1, Field::Body)]).len(),
            2
        );
    }

    #[test]
    fn item_terms_keep_the_best_field_and_every_spelling() {
        let text = DocText {
            title: "Dân vận khéo",
            meta: vec!["Ninh Bình".into()],
            summary: "Người dân và dân vận.",
            body: "## Vì sao dẫn đầu?\n\nDân [bản](https://example.org/x) <b>ninh</b> `mã`.\n\n```\ncode words\n```\n",
        };
        let terms = doc_terms(&text);
        let find = |v: &str| terms.iter().find(|t| t.1 == v).map(|t| (t.0.as_str(), t.2));
        assert_eq!(find("dân"), Some(("dan", Field::Title)));
        assert_eq!(
            find("dẫn"),
            Some(("dan", Field::Body)),
            "headings are indexed"
        );
        assert_eq!(find("bình"), Some(("binh", Field::Meta)));
        assert_eq!(find("người"), Some(("nguoi", Field::Summary)));
        assert_eq!(find("bản"), Some(("ban", Field::Body)));
        assert_eq!(find("mã"), Some(("ma", Field::Body)));
        for left_out in ["https", "example", "code", "words", "b"] {
            assert_eq!(find(left_out), None, "{left_out}");
        }
        assert_eq!(
            find("và"),
            Some(("va", Field::Summary)),
            "two letters are enough"
        );
    }

    #[test]
    fn body_text_is_bounded() {
        let long = "Một đoạn văn khá dài về công tác dân vận ở cơ sở.\n\n".repeat(500);
        let text = body_text(&format!("{long}## Câu hỏi cuối?\n\nĐáp."), BODY_CHARS);
        assert!(text.starts_with(" Câu hỏi cuối?"), "{}", &text[..40]);
        assert!(text.chars().count() < BODY_CHARS + 200);
    }

    #[test]
    fn snippets_are_cut_between_words() {
        let s = snippet(&"Người dân đồng thuận ".repeat(30));
        assert!(s.chars().count() <= SNIPPET_CHARS + 1);
        assert!(s.ends_with('…') && !s.ends_with(" …"), "{s}");
        assert!(s.starts_with("Người dân đồng thuận Người"), "{s}");
        assert_eq!(snippet("Ngắn  gọn."), "Ngắn gọn.");
    }
}
