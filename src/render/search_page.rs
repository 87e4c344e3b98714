//! A language's search page (`search.html`) and its index files, which sit beside it.

use crate::config::Config;
use crate::content::Kind;
use crate::i18n::I18n;
use crate::library::Output;
use crate::render::view::View;
use crate::render::{Page, PageCtx};
use crate::urls;
use serde::Serialize;

/// A language's search page. Its kind filter offers the kinds its index holds.
pub fn page(view: &View, lang: &str) -> Page {
    let config = view.config();
    let i18n = view.i18n(lang);
    let kinds: Vec<Kind> = Kind::LISTED
        .into_iter()
        .filter(|&k| !view.listing(lang, k).is_empty())
        .collect();
    let route = urls::search(config, lang);
    let page = PageCtx::at(config, &route, i18n.get(lang, "search_title").to_string());
    let links = view.language_links(
        lang,
        &Output::SearchPage {
            lang: lang.to_string(),
        },
    );
    let mut made = view.page("search.html", lang, page, links);
    made.set("search", &search_ctx(config, i18n, lang, &kinds, &route));
    made
}

/// A language's index, prepared: its documents (the files are made when it is written).
pub struct IndexDocs {
    pub lang: String,
    /// (item, shown untranslated), in index order.
    pub docs: Vec<(crate::library::ItemId, bool)>,
}

pub fn index(view: &View, lang: &str) -> IndexDocs {
    IndexDocs {
        lang: lang.to_string(),
        docs: crate::search::language_entries(view, lang),
    }
}

/// A fingerprint of what a language's index shows, without making it: each document's
/// digest of what the index holds of it (in its own language), and the records of the
/// documents shown untranslated, whose dates are written in the index's language.
pub fn index_fingerprint(view: &View, index: &IndexDocs, f: &mut crate::hash::Fingerprint) {
    let lang = index.lang.as_str();
    f.add(&lang);
    let i18n = view.i18n(lang);
    for &(id, untranslated) in &index.docs {
        let Some(facts) = view.index_facts(id) else {
            continue;
        };
        f.add_hashed(&(facts.index_digest, untranslated));
        if untranslated {
            // Its date in the index's language: the date is in the index digest already.
            let item = &view.library().items[id];
            f.add_hashed(&crate::search::doc_record(
                item,
                &facts.summary,
                &facts.snippet,
                lang,
                i18n,
            ));
        }
    }
}

/// A language's index files, as (output file, text).
pub fn index_files(view: &View, index: &IndexDocs) -> Vec<(String, String)> {
    let folder = urls::search(view.config(), &index.lang);
    crate::search::language_files(view, &index.lang, &index.docs)
        .into_iter()
        .map(|f| (format!("{folder}{}", f.name), f.text))
        .collect()
}

/// What the search page receives as `search` (docs/templates.md).
#[derive(Serialize)]
struct SearchCtx {
    /// The theme's `search.js`, relative to the page (so that it loads from disk too).
    script_url: String,
    /// `{kind, name}` of every kind the index holds, for the kind filter.
    kinds: Vec<KindCtx>,
    /// The settings and UI strings of `search.js`, as JSON (safe inside
    /// `<script type="application/json">`).
    config: String,
}

#[derive(Serialize)]
struct KindCtx {
    kind: &'static str,
    name: String,
}

fn search_ctx(config: &Config, i18n: &I18n, lang: &str, kinds: &[Kind], route: &str) -> SearchCtx {
    // The page's folder is `route`: one `../` per segment leads back to the site's root.
    let to_root = "../".repeat(route.matches('/').count());
    let kind_names: serde_json::Map<String, serde_json::Value> = Kind::ALL
        .iter()
        .map(|k| {
            (
                crate::search::kind_letter(*k).to_string(),
                serde_json::Value::from(i18n.get(lang, k.name_key())),
            )
        })
        .collect();
    let strings: serde_json::Map<String, serde_json::Value> = [
        "search_results",
        "search_none",
        "search_loading",
        "search_error",
        "search_short",
        "translation_missing",
    ]
    .iter()
    .map(|key| {
        (
            key.trim_start_matches("search_").to_string(),
            serde_json::Value::from(i18n.get(lang, key)),
        )
    })
    .collect();
    let languages: serde_json::Map<String, serde_json::Value> = config
        .languages
        .iter()
        .map(|l| (l.code.clone(), serde_json::Value::from(l.name.clone())))
        .collect();
    let json = serde_json::json!({
        "lang": lang,
        // The index files sit beside the page.
        "index": "./",
        "kinds": kind_names,
        "strings": strings,
        "languages": languages,
    });
    SearchCtx {
        script_url: format!("{to_root}search.js"),
        kinds: kinds
            .iter()
            .map(|k| KindCtx {
                kind: k.singular(),
                name: i18n
                    .get(lang, &format!("list_{}", k.singular()))
                    .to_string(),
            })
            .collect(),
        config: crate::text::json_in_html(&json),
    }
}
