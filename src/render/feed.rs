//! The Atom feed of each language and the sitemap (written by `xml`, without templates).

use crate::content::Kind;
use crate::library::Output;
use crate::render::context::SummaryCtx;
use crate::render::view::View;
use crate::render::xml::{FEED_LIMIT, SitemapEntry, atom_feed, sitemap, sitemap_index};
use crate::urls;

/// A language's feed: its own items only (never untranslated ones, never drafts), dated
/// ones, most recently updated first.
pub fn feed(view: &View, lang: &str) -> Vec<u8> {
    let mut entries: Vec<&SummaryCtx> = Kind::LISTED
        .iter()
        .flat_map(|&k| view.listing(lang, k))
        .filter(|entry| !entry.untranslated)
        .filter_map(|entry| view.facts(entry.id).map(|f| &f.summary))
        .filter(|s| s.date.is_some() && !s.draft)
        .collect();
    entries.sort_by(|a, b| {
        b.updated_time
            .cmp(&a.updated_time)
            .then_with(|| a.permalink.cmp(&b.permalink))
    });
    entries.truncate(FEED_LIMIT);
    atom_feed(view.config(), lang, &entries).into_bytes()
}

/// `sitemap.xml`: every page of the site when they fit in one file, else the index of the
/// sitemap's `parts` files.
pub fn site_map(view: &View, parts: usize) -> Vec<u8> {
    if parts == 1 {
        return site_map_part(view, 0, 1);
    }
    let config = view.config();
    let files: Vec<String> = (0..parts)
        .map(|part| config.permalink(&urls::sitemap_part(part)))
        .collect();
    sitemap_index(&files).into_bytes()
}

/// The pages of one part of the sitemap (see [`crate::library::Route::in_sitemap`]), with
/// their last change and their versions in other languages.
pub fn site_map_part(view: &View, part: usize, parts: usize) -> Vec<u8> {
    let config = view.config();
    let mut entries: Vec<SitemapEntry> = view
        .sitemap_pages(part, parts)
        .filter_map(|r| {
            let route = r.file.strip_suffix("index.html")?;
            let lastmod = match &r.output {
                Output::Item(id) => view.sitemap_lastmod(*id)?.map(str::to_string),
                _ => None,
            };
            // The same page in other languages, the page itself included (none when alone).
            // Same alternates as the page's own hreflang links, x-default included.
            let versions = view.versions(&r.output);
            let lang = versions
                .iter()
                .find(|(_, v)| v == route)
                .map_or("", |(code, _)| code.as_str());
            let alternates = if versions.iter().any(|(code, _)| code != lang) {
                crate::render::alternates(config, &versions)
                    .into_iter()
                    .map(|a| (a.hreflang, a.href))
                    .collect()
            } else {
                Vec::new()
            };
            Some(SitemapEntry {
                permalink: config.permalink(route),
                lastmod,
                alternates,
            })
        })
        .collect();
    sitemap(&mut entries).into_bytes()
}
