//! A bulletin's print edition: every item of the edition in one document, with heading ids
//! made unique across it, links between its items pointing inside it, and a QR code of each
//! item's web address so that a printed sheet leads back online.

use crate::content::front_matter::KindFields;
use crate::library::ItemId;
use crate::markdown::{self, ImageTarget, MarkdownOptions, Resolver};
use crate::render::context::{ItemCtx, item_ctx, item_date, summary_ctx};
use crate::render::facts::markdown_options;
use crate::render::links::ItemResolver;
use crate::render::view::View;
use crate::render::{LanguageLinks, Page, PageCtx};
use crate::urls;
use serde::Serialize;
use std::collections::HashMap;

/// Links of an edition's item: to another item of the edition → inside the document.
pub struct PrintResolver<'a> {
    pub inner: ItemResolver<'a>,
    /// Item id → its anchor in the document.
    pub anchors: &'a HashMap<ItemId, String>,
}

impl Resolver for PrintResolver<'_> {
    fn link_to_source(&self, dest: &str) -> Result<String, crate::messages::Text> {
        let Some((id, fragment)) = self.inner.link_target(dest)? else {
            return Ok("#".to_string());
        };
        match self.anchors.get(&id) {
            Some(anchor) => Ok(match fragment {
                Some(f) => format!("#{anchor}-{f}"),
                None => format!("#{anchor}"),
            }),
            None => self.inner.link_to_source(dest),
        }
    }
    fn image(&self, dest: &str) -> Result<ImageTarget, crate::messages::Text> {
        self.inner.image(dest)
    }
    fn rooted(&self, url: &str) -> String {
        self.inner.rooted(url)
    }
}

#[derive(Serialize)]
pub struct EditionCtx {
    pub title: String,
    /// An item of the edition has a video card (the page then carries the cards' styles).
    pub has_videos: bool,
    /// The document's title (the PDF's): see [`document_title`].
    pub document_title: String,
    /// Columns of the items' text on paper (site.yaml `print_columns`).
    pub columns: usize,
    pub number: Option<i64>,
    pub date: Option<crate::render::context::DateCtx>,
    pub lang: String,
    pub lang_name: String,
    pub url: String,
    pub permalink: String,
    pub qr_svg: String,
    pub intro_html: String,
}

#[derive(Serialize)]
pub struct EntryCtx {
    pub anchor: String,
    /// The editor asked for the item to start on a new page (`page_break: true`).
    pub page_break: bool,
    pub permalink: String,
    pub qr_svg: String,
    pub item: ItemCtx,
}

/// A bulletin's print edition: the cover (its introduction), the contents, then every item
/// whole, with ids prefixed per item (`item-2-ket-qua`) so that the document's ids are unique.
pub fn prepare(view: &View, id: ItemId) -> Page {
    let bulletin = view.item(id);
    let config = view.config();
    let lang = bulletin.lang();
    let i18n = view.i18n(lang);
    let anchors: HashMap<ItemId, String> = bulletin
        .bulletin_items
        .iter()
        .enumerate()
        .map(|(k, e)| (e.id, format!("item-{}", k + 1)))
        .collect();
    let mut has_videos = false;
    let entries: Vec<EntryCtx> = bulletin
        .bulletin_items
        .iter()
        .enumerate()
        .map(|(k, entry)| {
            let item = view.item(entry.id);
            let anchor = format!("item-{}", k + 1);
            let resolver = PrintResolver {
                inner: ItemResolver { view: *view, item },
                anchors: &anchors,
            };
            let options = MarkdownOptions {
                id_prefix: Some(anchor.clone()),
                ..markdown_options(view, item)
            };
            // Problems in the body were reported when the item's own page was made.
            let (rendered, _) = markdown::render(
                &item.source.rel_path,
                &item.source.body,
                item.source.body_line,
                &options,
                &resolver,
            );
            has_videos |= !rendered.videos.is_empty();
            let summary = summary_ctx(view, item, rendered.summary_html);
            let permalink = summary.permalink.clone();
            let item_i18n = view.i18n(item.lang());
            EntryCtx {
                anchor,
                page_break: item.source.front_matter.common.page_break,
                qr_svg: crate::qr::svg(&permalink, &format!("QR {permalink}")),
                permalink,
                item: item_ctx(
                    item,
                    &summary,
                    rendered.html,
                    rendered.toc,
                    Vec::new(),
                    item_i18n,
                ),
            }
        })
        .collect();
    let resolver = ItemResolver {
        view: *view,
        item: bulletin,
    };
    let (intro, _) = markdown::render(
        &bulletin.source.rel_path,
        &bulletin.source.body,
        bulletin.source.body_line,
        &markdown_options(view, bulletin),
        &resolver,
    );
    let permalink = config.permalink(&bulletin.route);
    let number = match &bulletin.source.front_matter.fields {
        KindFields::Bulletin(b) => Some(b.number),
        _ => None,
    };
    let site_title = config.title_in(lang);
    let edition = EditionCtx {
        has_videos: has_videos || !intro.videos.is_empty(),
        title: bulletin.title().to_string(),
        columns: config.print_columns,
        document_title: document_title(
            bulletin.title(),
            number,
            i18n.get(lang, "edition_number"),
            site_title,
        ),
        number,
        date: item_date(bulletin, lang, i18n),
        lang: lang.to_string(),
        lang_name: config
            .language(lang)
            .map_or_else(|| lang.to_string(), |l| l.name.clone()),
        url: config.url_path(&bulletin.route),
        qr_svg: crate::qr::svg(&permalink, &format!("QR {permalink}")),
        permalink,
        intro_html: intro.html,
    };
    let print_route = urls::print(&bulletin.route);
    let page = PageCtx {
        title: edition.title.clone(),
        url: config.url_path(&print_route),
        permalink: config.permalink(&print_route),
        description: edition.title.clone(),
        image: None,
        video: None,
        is_item: false,
    };
    let mut made = view.page("print.html", lang, page, LanguageLinks::default());
    made.set("edition", &edition);
    made.set("entries", &entries);
    made
}

/// A print edition's title as its PDF carries it: the bulletin's title once, with `Số N`
/// only when the title does not already give the number, and the site's name only when the
/// title does not already hold it ("Bản tin Dân vận số 1", not "Bản tin Dân vận số 1 (Số 1)
/// – Bản tin Dân vận").
fn document_title(title: &str, number: Option<i64>, edition_word: &str, site: &str) -> String {
    let mut out = title.to_string();
    if let Some(n) = number {
        let n = n.to_string();
        let says_number = title
            .split(|c: char| !c.is_ascii_digit())
            .any(|digits| digits == n);
        if !says_number {
            out.push_str(&format!(" ({edition_word} {n})"));
        }
    }
    if !title.to_lowercase().contains(&site.to_lowercase()) {
        out.push_str(&format!(" – {site}"));
    }
    out
}
