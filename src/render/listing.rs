//! The pages that list items: a language's listing of a kind (`list.html`, and for the first
//! page of models the model directory, `models.html`) and its home page (`home.html`).

use crate::content::Kind;
use crate::hash::Fingerprint;
use crate::library::{Listed, Output};
use crate::render::item::shown_in;
use crate::render::view::View;
use crate::render::{LanguageLinks, Page, PageCtx, paginator};
use crate::urls;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many of the latest items of each kind a home page shows.
pub const HOME_LATEST: usize = 5;

#[derive(Serialize)]
struct ListingCtx {
    kind: &'static str,
    title: String,
    url: String,
}

/// The summaries of some entries, as the language's pages show them, for templates: each
/// item's summary value made once when there is one (watch mode), with a fingerprint of
/// them all when the page is fingerprinted.
pub fn summaries(view: &View, entries: &[Listed]) -> (tera::Value, u64) {
    let mut digest = Fingerprint::default();
    let values: Vec<tera::Value> = entries
        .iter()
        .filter_map(|e| {
            let facts = view.facts(e.id)?;
            if let (false, Some((value, d))) = (e.untranslated, &facts.summary_value) {
                digest.add_hashed(d);
                return Some(value.clone());
            }
            let shown = shown_in(view, e, &facts.summary);
            if view.records() {
                digest.add_hashed(&crate::hash::fingerprint(&shown));
            }
            Some(tera::Value::from_serializable(&shown))
        })
        .collect();
    (tera::Value::from(values), digest.finish())
}

/// Links to a page in every language; later pages of a listing have no counterpart in other
/// languages: their switcher leads to the first page, and they claim no hreflang alternates.
pub fn paged_links(view: &View, lang: &str, output: &Output, page: usize) -> LanguageLinks {
    let links = view.language_links(lang, &output.first_page());
    if page > 1 {
        LanguageLinks {
            alternates: Vec::new(),
            ..links
        }
    } else {
        links
    }
}

/// A page of a kind listing. The first page of the model listing is the model directory
/// (`models.html`, with `directory`) when the theme has that template.
pub fn prepare(
    view: &View,
    output: &Output,
    lang: &str,
    kind: Kind,
    page_no: usize,
    pages: usize,
) -> Page {
    let config = view.config();
    let i18n = view.i18n(lang);
    let per_page = config.paginate;
    let entries: Vec<Listed> = view
        .listing(lang, kind)
        .iter()
        .skip((page_no - 1) * per_page)
        .take(per_page)
        .copied()
        .collect();
    let items = summaries(view, &entries);
    let title = i18n
        .get(lang, &format!("list_{}", kind.singular()))
        .to_string();
    let route = urls::listing(config, lang, kind, page_no);
    let url_of = |n: usize| config.url_path(&urls::listing(config, lang, kind, n));
    let paginator = paginator(i18n, lang, page_no, pages, url_of);
    let page = PageCtx {
        title: if page_no > 1 {
            format!("{title} – {}", paginator.label)
        } else {
            title.clone()
        },
        url: config.url_path(&route),
        permalink: config.permalink(&route),
        description: title.clone(),
        image: None,
        video: None,
        is_item: false,
    };
    let directory =
        kind == Kind::Model && page_no == 1 && view.site.renderer.has_template("models.html");
    let template = if directory {
        "models.html"
    } else {
        "list.html"
    };
    let mut made = view.page(
        template,
        lang,
        page,
        paged_links(view, lang, output, page_no),
    );
    made.set(
        "listing",
        &ListingCtx {
            kind: kind.singular(),
            title,
            url: url_of(1),
        },
    );
    made.set_value("items", items);
    made.set("paginator", &paginator);
    if directory {
        made.set(
            "directory",
            &crate::render::collection::directory(view, lang),
        );
    }
    made
}

/// A language's home page: the latest items of each kind.
pub fn home(view: &View, lang: &str) -> Page {
    let config = view.config();
    let mut digest = Fingerprint::default();
    let latest: BTreeMap<&'static str, tera::Value> = Kind::LISTED
        .iter()
        .map(|&k| {
            let entries: Vec<Listed> = view
                .listing(lang, k)
                .iter()
                .take(HOME_LATEST)
                .copied()
                .collect();
            let (value, d) = summaries(view, &entries);
            digest.add_hashed(&d);
            (k.section(), value)
        })
        .collect();
    let title = config.title_in(lang).to_string();
    let route = urls::home(config, lang);
    let page = PageCtx::at(config, &route, title);
    let links = view.language_links(
        lang,
        &Output::Home {
            lang: lang.to_string(),
        },
    );
    view.i18n(lang);
    let mut made = view.page("home.html", lang, page, links);
    made.set_value("latest", (tera::Value::from(latest), digest.finish()));
    made
}
