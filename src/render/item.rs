//! An item's own page (`article.html`, `model.html`, `explainer.html`, `bulletin.html`,
//! `page.html`): the item with its body, its facts, its language versions, its topics,
//! related items and previous and next items, and for a bulletin the summaries of its items.

use crate::content::Kind;
use crate::library::{ItemId, Listed, Output, SortKey};
use crate::render::context::{
    ItemLinkCtx, NamedLinkCtx, SummaryCtx, UntranslatedCtx, item_ctx, item_date,
};
use crate::render::facts::ItemFacts;
use crate::render::view::{Input, Recorder, View};
use crate::render::{Page, PageCtx};
use crate::taxonomy::CollectionKey;
use std::cmp::Reverse;

/// The longest page description (characters).
const DESCRIPTION_CHARS: usize = 400;

/// The template of an item's page.
pub fn template(kind: Kind) -> &'static str {
    match kind {
        Kind::Article => "article.html",
        Kind::Model => "model.html",
        Kind::Explainer => "explainer.html",
        Kind::Bulletin => "bulletin.html",
        Kind::Page => "page.html",
    }
}

/// An item's page, all but the body's HTML (`item.content`, put in when rendering), from
/// its facts (`own`, else the view's). `None` while its facts are not made.
pub fn prepare(view: &View, id: ItemId, own: Option<&ItemFacts>) -> Option<Page> {
    let item = view.item(id);
    let facts = match own {
        Some(f) => f,
        None => view.facts(id)?,
    };
    let lang = item.lang();
    let i18n = view.i18n(lang);
    let config = view.config();
    let summary = &facts.summary;
    let members: Vec<SummaryCtx> = item
        .bulletin_items
        .iter()
        .filter_map(|entry| Some(shown_in(view, entry, &view.facts(entry.id)?.summary)))
        .collect();
    let mut ctx = item_ctx(
        item,
        summary,
        String::new(),
        facts.toc.clone(),
        members,
        i18n,
    );
    let links = view.links(id, facts);
    ctx.topic_links = links.topic_links.clone();
    ctx.related = links.related.clone();
    ctx.previous = links.previous.clone();
    ctx.next = links.next.clone();
    ctx.json_ld = facts.json_ld.clone();
    ctx.videos = facts.videos.clone();
    if let Some((text, links)) = &facts.share {
        ctx.share_text = Some(text.clone());
        ctx.share_links = Some(links.clone());
    }
    let page = PageCtx {
        title: summary.title.clone(),
        url: summary.url.clone(),
        permalink: summary.permalink.clone(),
        // Search engines show about 160 characters; a long first paragraph is cut.
        description: crate::text::shorten(&summary.summary_text, DESCRIPTION_CHARS),
        image: summary.image.as_ref().map(|i| i.for_preview(config)),
        video: item.source.front_matter.common.video.clone(),
        is_item: true,
    };
    let links = view.language_links(lang, &Output::Item(id));
    let mut made = view.page(template(item.kind()), lang, page, links);
    made.item = Some(Box::new(ctx));
    made.body = facts.body;
    Some(made)
}

/// A summary as a listing in another language shows it: an untranslated entry says which
/// language it is in.
pub fn shown_in(view: &View, entry: &Listed, summary: &SummaryCtx) -> SummaryCtx {
    if !entry.untranslated {
        return summary.clone();
    }
    let original = view.item(entry.id).lang();
    let config = view.config();
    let mut copy = summary.clone();
    copy.untranslated = Some(UntranslatedCtx {
        code: original.to_string(),
        name: config
            .language(original)
            .map_or_else(|| original.to_string(), |l| l.name.clone()),
    });
    copy
}

/// Links from an item's page to its neighbours: topics, related items, previous and next.
/// Made with the item's facts and kept with them, but read on their own (`Fact::Links`):
/// in watch mode they are made again when what they read changes (an item moves in a topic
/// it shares), and the item's page only when they come out different.
#[derive(Debug, Clone, Default)]
pub struct ItemLinks {
    pub topic_links: Vec<NamedLinkCtx>,
    pub related: Vec<ItemLinkCtx>,
    pub previous: Option<ItemLinkCtx>,
    pub next: Option<ItemLinkCtx>,
    /// A fingerprint of the links (made only when watch mode records).
    pub digest: u64,
}

/// How many related items an item page shows (chosen among the entries around the item in
/// its collections: [`crate::library::around`]).
const RELATED: usize = 5;

pub fn item_links(view: &View, id: ItemId) -> ItemLinks {
    let item = view.item(id);
    let config = view.config();
    let lang = item.lang();
    let i18n = view.i18n(lang);
    let link = |id: ItemId| {
        let other = view.item(id);
        ItemLinkCtx {
            title: other.title().to_string(),
            url: config.url_path(&other.route),
            kind_name: i18n.get(lang, other.kind().name_key()).to_string(),
            date: item_date(other, lang, i18n),
        }
    };
    let mut topic_links: Vec<NamedLinkCtx> = Vec::new();
    let mut linked: Vec<String> = Vec::new();
    for term in &item.source.front_matter.common.topics {
        let slug = crate::text::slugify(term);
        let key = CollectionKey::Topic(slug.clone());
        if view.has_collection(lang, &key) && !linked.contains(&slug) {
            linked.push(slug.clone());
            topic_links.push(NamedLinkCtx {
                name: view.topic_name(&slug, lang),
                url: config.url_path(&key.route(config, lang)),
            });
        }
    }

    // Related: items of the same language sharing topics (2 points each) or the locality (1).
    let mut scores: Vec<(ItemId, usize)> = Vec::with_capacity(64);
    for key in &item.keys {
        let weight = match key {
            CollectionKey::Topic(_) => 2,
            CollectionKey::Locality(id) if item.locality.as_ref().is_some_and(|l| &l.id == id) => 1,
            _ => continue,
        };
        for entry in view.around(lang, key, item.id) {
            if entry.id != item.id && !entry.untranslated {
                scores.push((entry.id, weight));
            }
        }
    }
    // One score per item: the sum of its weights.
    scores.sort_unstable_by_key(|&(id, _)| id);
    scores.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 += next.1;
        }
        same
    });
    // Highest score first, then in listing order (keys are unique: they end with the path).
    let mut ranked: Vec<(Reverse<usize>, &SortKey, ItemId)> = scores
        .into_iter()
        .map(|(id, score)| (Reverse(score), view.order(id), id))
        .collect();
    if ranked.len() > RELATED {
        ranked.select_nth_unstable(RELATED);
        ranked.truncate(RELATED);
    }
    ranked.sort_unstable();
    let related = ranked
        .into_iter()
        .take(RELATED)
        .map(|(_, _, id)| link(id))
        .collect();

    // Previous (older) and next (newer) in the language's listing of the kind.
    let (newer, older) = view.neighbours(item.id);
    let (previous, next) = (older.map(&link), newer.map(&link));
    let digest = if view.records() {
        let mut f = crate::hash::Fingerprint::default();
        f.add(&topic_links);
        f.add(&related);
        f.add(&previous);
        f.add(&next);
        f.finish()
    } else {
        0
    };
    ItemLinks {
        topic_links,
        related,
        previous,
        next,
        digest,
    }
}

/// An item's links, with what they read when `record` is asked.
pub fn recorded_links(view: View, id: ItemId, record: bool) -> (ItemLinks, Option<Vec<Input>>) {
    if !record {
        return (item_links(&view, id), None);
    }
    let recorder = Recorder::default();
    let links = item_links(&view.recording(&recorder), id);
    (links, Some(recorder.into_inputs()))
}
