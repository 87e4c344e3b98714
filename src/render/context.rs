//! What templates receive (documented in docs/templates.md): plain serializable structs,
//! made once per item (summaries are reused by listings, home pages, feeds and bulletins).

use crate::config::Config;
use crate::content::Kind;
use crate::content::front_matter::{KindFields, Share};
use crate::date::Date;
use crate::i18n::I18n;
use crate::images::Responsive;
use crate::library::Item;
use crate::locality::Registry;
use crate::markdown::TocEntry;
use crate::render::links::resolve_local_image;
use crate::render::view::View;
use crate::share::{ShareInput, facebook_share_url, share_text, zalo_share_url};
use crate::taxonomy::CollectionKey;
use serde::Serialize;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct DateCtx {
    pub iso: String,
    pub display: String,
    /// RFC 3339 for feeds.
    #[serde(skip)]
    pub rfc3339: String,
}

/// An image as templates show it: `{url, alt, width, height, srcset, webp_srcset, sizes}`
/// (`url` is the `src`, a resized version when the image was processed).
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ImageCtx {
    pub alt: String,
    #[serde(flatten)]
    pub image: Responsive,
}

impl ImageCtx {
    /// An image known only by its URL (an external image, the theme's preview image).
    pub fn plain(url: String, alt: String, width: Option<u32>, height: Option<u32>) -> ImageCtx {
        ImageCtx {
            alt,
            image: Responsive {
                url,
                width,
                height,
                ..Responsive::default()
            },
        }
    }

    /// The image for link previews, as an absolute URL with its size.
    pub fn for_preview(&self, config: &Config) -> ImageCtx {
        let i = &self.image;
        let (url, width, height) = i
            .preview
            .clone()
            .unwrap_or_else(|| (i.url.clone(), i.width, i.height));
        ImageCtx::plain(config.absolute(&url), self.alt.clone(), width, height)
    }
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct LocalityCtx {
    pub id: String,
    pub name: String,
    /// The locality's page, when it has one in this language.
    pub url: Option<String>,
    /// The merged-away unit the item still names ("formerly Hà Nam").
    pub formerly: Option<FormerCtx>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct FormerCtx {
    pub id: String,
    pub name: String,
}

/// A link to another item (related items, previous and next).
#[derive(Serialize, Clone, Debug)]
pub struct ItemLinkCtx {
    pub title: String,
    pub url: String,
    pub kind_name: String,
    pub date: Option<DateCtx>,
}

/// A named link (an item's topics).
#[derive(Serialize, Clone, Debug)]
pub struct NamedLinkCtx {
    pub name: String,
    pub url: String,
}

/// The language an untranslated item is shown in.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct UntranslatedCtx {
    pub code: String,
    pub name: String,
}

/// One item as listings, home pages, feeds and bulletins show it.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct SummaryCtx {
    pub kind: &'static str,
    pub kind_name: String,
    pub title: String,
    pub url: String,
    pub date: Option<DateCtx>,
    pub summary_html: String,
    pub summary_text: String,
    pub image: Option<ImageCtx>,
    pub locality: Option<LocalityCtx>,
    pub topics: Vec<String>,
    pub area_name: Option<String>,
    pub status_name: Option<String>,
    pub unit: Option<String>,
    pub number: Option<i64>,
    pub policy: Option<String>,
    /// Set when the item is listed in a language it is not translated into (site.yaml
    /// `fallback: default`): the language it is shown in.
    pub untranslated: Option<UntranslatedCtx>,
    /// A draft, shown only by `--drafts` builds (marked as such, left out of feeds and the
    /// sitemap).
    pub draft: bool,
    #[serde(skip)]
    pub permalink: String,
    #[serde(skip)]
    pub updated_rfc3339: Option<String>,
    /// `updated`, else `date`, as a timestamp: the order of feeds.
    #[serde(skip)]
    pub updated_time: Option<i64>,
}

/// A video card of an item's body.
#[derive(Serialize, Debug, Clone, Hash)]
pub struct VideoCtx {
    pub host: crate::video::Host,
    pub address: String,
    pub title: String,
}

/// The full item for its own page.
#[derive(Serialize, Debug)]
pub struct ItemCtx {
    pub kind: &'static str,
    pub kind_name: String,
    pub title: String,
    pub url: String,
    pub permalink: String,
    pub lang: String,
    pub draft: bool,
    pub date: Option<DateCtx>,
    pub updated: Option<DateCtx>,
    pub summary_html: String,
    pub summary_text: String,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub topics: Vec<String>,
    pub locality: Option<LocalityCtx>,
    pub image: Option<ImageCtx>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub unit: Option<String>,
    pub unit_type: Option<&'static str>,
    pub unit_type_name: Option<String>,
    pub area: Option<&'static str>,
    pub area_name: Option<String>,
    pub status: Option<&'static str>,
    pub status_name: Option<String>,
    pub year: Option<i64>,
    pub recognized_in: Option<i64>,
    pub policy: Option<String>,
    pub audience: Option<String>,
    pub number: Option<i64>,
    pub items: Vec<SummaryCtx>,
    pub topic_links: Vec<NamedLinkCtx>,
    pub related: Vec<ItemLinkCtx>,
    pub previous: Option<ItemLinkCtx>,
    pub next: Option<ItemLinkCtx>,
    /// schema.org JSON-LD (explainers: FAQPage).
    pub json_ld: Option<String>,
    /// The ready-to-paste post for fanpages and Zalo groups (articles, models, explainers).
    pub share_text: Option<String>,
    /// Links that open Facebook's and Zalo's share dialogs for the item.
    pub share_links: Option<ShareLinksCtx>,
    /// The body's video cards (the theme adds the script that plays them when there are).
    pub videos: Vec<VideoCtx>,
}

/// Links that open Facebook's and Zalo's share dialogs for an item.
#[derive(Serialize, Debug, Clone)]
pub struct ShareLinksCtx {
    pub facebook: String,
    pub zalo: String,
}

/// One item on the admins' share page (`/share/`) and in `share.json`.
#[derive(Serialize, Debug)]
pub struct ShareEntryCtx {
    pub kind: &'static str,
    pub kind_name: String,
    pub title: String,
    pub url: String,
    pub permalink: String,
    pub date: Option<DateCtx>,
    pub text: String,
    pub links: ShareLinksCtx,
}

/// Whether an item has a ready-to-paste post: articles, models and explainers do, unless
/// the site turns sharing off or the item says `share: false`.
pub fn has_post(item: &Item, config: &Config) -> bool {
    config.share
        && matches!(item.kind(), Kind::Article | Kind::Model | Kind::Explainer)
        && !matches!(item.source.front_matter.common.share, Share::Off)
}

/// The ready-to-paste post of an item and its share links, unless sharing is off for the site
/// or the item, or the item is not an article, a model or an explainer.
pub fn item_share(
    item: &Item,
    body: &str,
    summary: &SummaryCtx,
    config: &Config,
    videos: &[VideoCtx],
) -> Option<(String, ShareLinksCtx)> {
    if !has_post(item, config) {
        return None;
    }
    let common = &item.source.front_matter.common;
    let points = match &common.share {
        Share::Off => return None,
        Share::Points(p) => Some(p.as_slice()),
        Share::Auto => None,
    };
    let text = share_text(&ShareInput {
        title: &summary.title,
        summary: &summary.summary_text,
        body,
        points,
        url: &summary.permalink,
        video: videos.first().map(|v| v.address.as_str()),
        topics: &common.topics,
        budget: config.share_budget,
        lang: item.lang(),
    });
    let links = ShareLinksCtx {
        facebook: facebook_share_url(&summary.permalink),
        zalo: zalo_share_url(&summary.permalink),
    };
    Some((text, links))
}

/// Formats a date in a language.
pub fn date_ctx(date: &Date, lang: &str, i18n: &I18n) -> DateCtx {
    let (pattern, months) = i18n.date_format(lang);
    DateCtx {
        iso: date.iso(),
        display: date.display(pattern, months),
        rfc3339: date.rfc3339(),
    }
}

/// An item's publication date, written in `lang`.
pub fn item_date(item: &Item, lang: &str, i18n: &I18n) -> Option<DateCtx> {
    let date = item.source.front_matter.common.date.as_ref()?;
    Some(date_ctx(date, lang, i18n))
}

/// The summary of an item, from its front matter and its rendered summary (the part before
/// `<!-- more -->`, else the first paragraph).
pub fn summary_ctx(view: &View, item: &Item, summary_html: String) -> SummaryCtx {
    let config = view.config();
    let registry = view.registry();
    let lang = item.lang();
    let i18n = view.i18n(lang);
    let common = &item.source.front_matter.common;
    let (summary_html, summary_text) = match &common.summary {
        Some(s) => (format!("<p>{}</p>", crate::text::escape_html(s)), s.clone()),
        None => {
            let text = crate::text::html_to_text(&summary_html);
            (summary_html, text)
        }
    };
    let (area_name, status_name, unit) = match &item.source.front_matter.fields {
        KindFields::Model(m) => (
            Some(
                i18n.get(lang, &format!("area_{}", m.area.as_str()))
                    .to_string(),
            ),
            Some(
                i18n.get(lang, &format!("status_{}", m.status.as_str()))
                    .to_string(),
            ),
            Some(m.unit.clone()),
        ),
        _ => (None, None, None),
    };
    let (number, policy) = match &item.source.front_matter.fields {
        KindFields::Bulletin(b) => (Some(b.number), None),
        KindFields::Explainer(e) => (None, Some(e.policy.clone())),
        _ => (None, None),
    };
    SummaryCtx {
        kind: item.kind().singular(),
        kind_name: i18n.get(lang, item.kind().name_key()).to_string(),
        title: common.title.clone(),
        url: config.url_path(&item.route),
        date: item_date(item, lang, i18n),
        draft: common.draft,
        summary_html,
        summary_text,
        image: image_ctx(view, item),
        locality: item.locality.as_ref().map(|l| {
            let key = CollectionKey::Locality(l.id.clone());
            LocalityCtx {
                id: l.id.clone(),
                name: locality_name(&l.id, lang, config, registry),
                url: view
                    .has_collection(lang, &key)
                    .then(|| config.url_path(&key.route(config, lang))),
                formerly: l.former.as_ref().map(|f| FormerCtx {
                    id: f.clone(),
                    name: registry.former_name(f, lang, &config.default_language),
                }),
            }
        }),
        topics: common.topics.clone(),
        area_name,
        status_name,
        unit,
        number,
        policy,
        untranslated: None,
        permalink: config.permalink(&item.route),
        updated_rfc3339: common.updated.or(common.date).map(|d| d.rfc3339()),
        updated_time: common.updated.or(common.date).map(|d| d.timestamp()),
    }
}

fn locality_name(id: &str, lang: &str, config: &Config, registry: &Registry) -> String {
    registry.localities.get(id).map_or_else(
        || id.to_string(),
        |l| l.name(lang, &config.default_language).to_string(),
    )
}

/// The front-matter image, resolved like a Markdown image.
fn image_ctx(view: &View, item: &Item) -> Option<ImageCtx> {
    let common = &item.source.front_matter.common;
    let image = common.image.as_ref()?;
    let alt = common.image_alt.clone().unwrap_or_default();
    let value = image.value.trim();
    if value.starts_with("http://") || value.starts_with("https://") {
        return Some(ImageCtx::plain(value.to_string(), alt, None, None));
    }
    // An image that does not resolve was reported by the library stage.
    let local = resolve_local_image(view.root(), &view.site.static_dirs, item, value).ok()?;
    Some(ImageCtx {
        alt,
        image: view.image(&local),
    })
}

/// The whole item for its page.
pub fn item_ctx(
    item: &Item,
    summary: &SummaryCtx,
    content: String,
    toc: Vec<TocEntry>,
    items: Vec<SummaryCtx>,
    i18n: &I18n,
) -> ItemCtx {
    let lang = item.lang();
    let common = &item.source.front_matter.common;
    let mut ctx = ItemCtx {
        kind: summary.kind,
        kind_name: summary.kind_name.clone(),
        title: summary.title.clone(),
        url: summary.url.clone(),
        permalink: summary.permalink.clone(),
        lang: lang.to_string(),
        draft: summary.draft,
        date: summary.date.clone(),
        updated: common.updated.as_ref().map(|d| date_ctx(d, lang, i18n)),
        summary_html: summary.summary_html.clone(),
        summary_text: summary.summary_text.clone(),
        content,
        toc,
        topics: summary.topics.clone(),
        locality: summary.locality.clone(),
        image: summary.image.clone(),
        author: None,
        source: None,
        unit: None,
        unit_type: None,
        unit_type_name: None,
        area: None,
        area_name: summary.area_name.clone(),
        status: None,
        status_name: summary.status_name.clone(),
        year: None,
        recognized_in: None,
        policy: None,
        audience: None,
        number: summary.number,
        items,
        topic_links: Vec::new(),
        related: Vec::new(),
        previous: None,
        next: None,
        json_ld: None,
        share_text: None,
        share_links: None,
        videos: Vec::new(),
    };
    match &item.source.front_matter.fields {
        KindFields::Article(a) => {
            ctx.author = a.author.clone();
            ctx.source = a.source.clone();
        }
        KindFields::Model(m) => {
            ctx.unit = Some(m.unit.clone());
            ctx.unit_type = Some(m.unit_type.as_str());
            ctx.unit_type_name = Some(
                i18n.get(lang, &format!("unit_type_{}", m.unit_type.as_str()))
                    .to_string(),
            );
            ctx.area = Some(m.area.as_str());
            ctx.status = Some(m.status.as_str());
            ctx.year = Some(m.year);
            ctx.recognized_in = m.recognized_in;
        }
        KindFields::Explainer(e) => {
            ctx.policy = Some(e.policy.clone());
            ctx.audience = e.audience.clone();
        }
        KindFields::Bulletin(_) | KindFields::Page => {}
    }
    ctx
}
