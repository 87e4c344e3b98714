//! The Atom feed of each language and the sitemap (written by `xml`, without templates).

use crate::content::Kind;
use crate::library::Output;
use crate::render::context::SummaryCtx;
use crate::render::view::View;
use crate::render::xml::{FEED_LIMIT, SitemapEntry, atom_feed, sitemap};

/// A language's feed: its own items only (never untranslated ones), dated ones, most
/// recently updated first.
pub fn feed(view: &View, lang: &str) -> Vec<u8> {
    let mut entries: Vec<&SummaryCtx> = Kind::LISTED
        .iter()
        .flat_map(|&k| view.listing(lang, k))
        .filter(|entry| !entry.untranslated)
        .filter_map(|entry| view.facts(entry.id).map(|f| &f.summary))
        .filter(|s| s.date.is_some())
        .collect();
    entries.sort_by(|a, b| {
        b.updated_time
            .cmp(&a.updated_time)
            .then_with(|| a.permalink.cmp(&b.permalink))
    });
    entries.truncate(FEED_LIMIT);
    atom_feed(view.config(), lang, &entries).into_bytes()
}

/// Every page of the site (not redirects, copies, print editions or the admins' pages), with
/// its last change and its versions in other languages.
pub fn site_map(view: &View) -> Vec<u8> {
    let config = view.config();
    let mut entries: Vec<SitemapEntry> = view
        .routes()
        .filter_map(|r| {
            let route = r.file.strip_suffix("index.html")?;
            let lastmod = match &r.output {
                Output::Item(id) => view.updated(*id).map(str::to_string),
                Output::NotFound
                | Output::SharePage { .. }
                | Output::ShareJson { .. }
                | Output::Copy(_)
                | Output::Redirect { .. }
                | Output::BulletinPrint(_)
                | Output::SearchPage { .. } => return None,
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
