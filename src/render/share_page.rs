//! The admins' share page (`share.html`, `/share/`) and `share.json`: the latest items'
//! ready-to-paste posts, one under another.

use crate::content::Kind;
use crate::library::{Item, ItemId, Output};
use crate::render::context::{ShareEntryCtx, has_post};
use crate::render::view::View;
use crate::render::{Page, PageCtx};
use crate::urls;

/// How many of the latest items the share page and `share.json` carry.
pub const SHARE_LIMIT: usize = 20;

/// The items whose posts the share page and `share.json` of `lang` carry: the latest
/// articles, models and explainers written in it that have a post (never untranslated
/// copies: a post is pasted in its own language). Chosen from the library alone, so that a
/// build knows before rendering which items' posts it must keep.
pub fn latest(view: &View, lang: &str) -> Vec<ItemId> {
    let config = view.config();
    // (position in listing order, item) of the items that have a post.
    let mut latest: Vec<(usize, &Item)> = [Kind::Article, Kind::Model, Kind::Explainer]
        .iter()
        .flat_map(|&k| view.listing(lang, k))
        .filter(|entry| !entry.untranslated)
        .map(|entry| view.item(entry.id))
        .filter(|item| has_post(item, config))
        .enumerate()
        .collect();
    // Newest first by publication date; undated items last; ties by title, then in listing
    // order. Only the first SHARE_LIMIT are shown: they are picked before they are sorted.
    // The day, as the date's ISO form sorts (the time of day does not count).
    fn date(item: &Item) -> Option<(i32, u32, u32)> {
        let d = item.source.front_matter.common.date.as_ref()?;
        Some((d.year, d.month, d.day))
    }
    let order = |(n, a): &(usize, &Item), (m, b): &(usize, &Item)| {
        date(b)
            .cmp(&date(a))
            .then_with(|| a.title().cmp(b.title()))
            .then(n.cmp(m))
    };
    if latest.len() > SHARE_LIMIT {
        latest.select_nth_unstable_by(SHARE_LIMIT, order);
        latest.truncate(SHARE_LIMIT);
    }
    latest.sort_by(order);
    latest.into_iter().map(|(_, item)| item.id).collect()
}

/// The share page's entries, newest first, with their share texts.
fn entries(view: &View, lang: &str) -> Vec<ShareEntryCtx> {
    latest(view, lang)
        .into_iter()
        .filter_map(|id| {
            let facts = view.facts(id)?;
            let summary = &facts.summary;
            let (text, links) = facts.share.clone()?;
            Some(ShareEntryCtx {
                kind: summary.kind,
                kind_name: summary.kind_name.clone(),
                title: summary.title.clone(),
                url: summary.url.clone(),
                permalink: summary.permalink.clone(),
                date: summary.date.clone(),
                text,
                links,
            })
        })
        .collect()
}

/// The share page of a language.
pub fn page(view: &View, lang: &str) -> Page {
    let config = view.config();
    let route = urls::share_page(config, lang);
    let page = PageCtx::at(config, &route, view.t(lang, "share_page_title"));
    let links = view.language_links(
        lang,
        &Output::SharePage {
            lang: lang.to_string(),
        },
    );
    let mut made = view.page("share.html", lang, page, links);
    made.set("entries", &entries(view, lang));
    made.set(
        "json_url",
        &config.url_path(&urls::share_json(config, lang)),
    );
    made
}

/// The same posts for tools.
pub fn json(view: &View, lang: &str) -> Result<Vec<u8>, String> {
    let config = view.config();
    let json = serde_json::json!({
        "language": lang,
        "site": config.title_in(lang),
        "page": config.permalink(&urls::share_page(config, lang)),
        "items": entries(view, lang),
    });
    serde_json::to_vec_pretty(&json).map_err(|e| e.to_string())
}
