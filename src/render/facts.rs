//! An item's facts: what rendering its Markdown gives and other outputs show of it (its
//! summary, its ready-to-paste post, its FAQ data, its search words), made once per item and
//! reused by every listing, feed, bulletin and index that shows it. The body's HTML is made
//! with them and goes straight into the item's page; it is not kept.

use crate::content::Kind;
use crate::diagnostic::Diagnostic;
use crate::library::{Item, ItemId};
use crate::markdown::{self, MarkdownOptions, TocEntry};
use crate::render::context::{ShareLinksCtx, SummaryCtx, VideoCtx, item_share, summary_ctx};
use crate::render::item::ItemLinks;
use crate::render::links::ItemResolver;
use crate::render::taxonomy::faq_json_ld;
use crate::render::view::View;
use crate::search::DocWords;

#[derive(Debug)]
pub struct ItemFacts {
    pub summary: SummaryCtx,
    pub toc: Vec<TocEntry>,
    /// The ready-to-paste post and its share links (articles, models, explainers).
    pub share: Option<(String, ShareLinksCtx)>,
    /// schema.org JSON-LD (explainers).
    pub json_ld: Option<String>,
    /// The words the search index holds of the item.
    pub words: DocWords,
    /// What a search result shows of the item: the start of its summary.
    pub snippet: String,
    /// A fingerprint of what the search index holds of the item, `words` and the result
    /// alike (made only when watch mode records).
    pub index_digest: u64,
    /// A fingerprint of the body's HTML (made only when watch mode records).
    pub body: u64,
    /// Links and images of the body neutralized for their scheme (`bantin check`).
    pub warnings: Vec<Diagnostic>,
    /// Its links to other items, made apart from the rest of its facts (they read other
    /// items, where the rest reads only the item): see [`crate::render::item::ItemLinks`].
    pub links: ItemLinks,
    /// The summary as templates get it, with its fingerprint (made only when watch mode
    /// records: an edit that moves an item makes hundreds of listing pages again, ten
    /// summaries each).
    pub summary_value: Option<(tera::Value, u64)>,
    /// The body's video cards.
    pub videos: Vec<VideoCtx>,
    /// A fingerprint of all of the above: whether the facts changed.
    pub digest: u64,
}

/// An item's facts with its body's HTML and the problems found in its body.
pub struct Processed {
    pub facts: ItemFacts,
    pub html: String,
    pub errors: Vec<Diagnostic>,
}

/// How an item's body is rendered on the site's own pages: the site's options, with the
/// item's own video.
pub fn markdown_options(view: &View, item: &Item) -> MarkdownOptions {
    let common = &item.source.front_matter.common;
    MarkdownOptions {
        video: crate::video::ItemVideo {
            lead: common.video.clone(),
            title: common.video_title.clone(),
        },
        ..crate::pipeline::markdown_options(view.config())
    }
}

/// Renders an item's body and makes its facts.
pub fn process_item(view: &View, id: ItemId) -> Processed {
    process_body(view, id, &view.item(id).source.body)
}

/// Renders `body` as the body of item `id` and makes its facts (a build hands over the
/// bodies it took out of the library: see [`crate::library::Items::take_unshown_bodies`]).
pub fn process_body(view: &View, id: ItemId, body: &str) -> Processed {
    let item = view.item(id);
    let resolver = ItemResolver { view: *view, item };
    let (rendered, errors) = markdown::render(
        &item.source.rel_path,
        body,
        item.source.body_line,
        &markdown_options(view, item),
        &resolver,
    );
    let summary = summary_ctx(view, item, rendered.summary_html);
    let videos: Vec<VideoCtx> = rendered
        .videos
        .iter()
        .map(|(video, title)| VideoCtx {
            host: video.host,
            address: video.address.clone(),
            title: title.clone(),
        })
        .collect();
    let share = item_share(item, body, &summary, view.config(), &videos);
    let json_ld = if item.kind() == Kind::Explainer {
        faq_json_ld(&rendered.html, &rendered.toc)
    } else {
        None
    };
    let words = crate::search::item_words(view, item, body, &summary, &videos);
    let body = if view.records() {
        crate::hash::fingerprint(&rendered.html)
    } else {
        0
    };
    let snippet = crate::search::snippet(&summary.summary_text);
    let index_digest = if view.records() {
        let mut f = crate::hash::Fingerprint::default();
        f.add(&words);
        let lang = item.lang();
        let i18n = view.i18n(lang);
        f.add_hashed(&crate::search::doc_record(
            item, &summary, &snippet, lang, i18n,
        ));
        f.finish()
    } else {
        0
    };
    let summary_value = view.records().then(|| {
        (
            tera::Value::from_serializable(&summary),
            crate::hash::fingerprint(&summary),
        )
    });
    let mut digest = crate::hash::Fingerprint::default();
    if let Some((_, summary_digest)) = &summary_value {
        digest.add(summary_digest);
        digest.add(&rendered.toc);
        digest.add(&share.as_ref().map(|(text, _)| text));
        digest.add(&json_ld);
        digest.add(&index_digest);
        digest.add(&body);
        digest.add(&videos);
    }
    Processed {
        facts: ItemFacts {
            summary,
            toc: rendered.toc,
            share,
            json_ld,
            words,
            snippet,
            index_digest,
            body,
            warnings: rendered.warnings,
            links: ItemLinks::default(),
            summary_value,
            videos,
            digest: digest.finish(),
        },
        html: rendered.html,
        errors,
    }
}
