//! Pages of topics, localities and the model directory, and the links between items (topics,
//! related items, previous and next, FAQ data for explainers).

use crate::config::Config;
use crate::content::Kind;
use crate::content::front_matter::{Area, KindFields, Status, UnitType};
use crate::diagnostic::Diagnostic;
use crate::i18n::I18n;
use crate::library::{Item, ItemId, Library, Listed};
use crate::locality::Registry;
use crate::markdown::TocEntry;
use crate::render::context::{ItemLinkCtx, NamedLinkCtx, SummaryCtx, date_ctx};
use crate::render::{LanguageLinks, PageCtx, Renderer, paginator};
use crate::taxonomy::CollectionKey;
use crate::text::{collation_key, html_to_text, slugify};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What the collection pages need to know about the site.
pub struct SiteView<'a> {
    pub config: &'a Config,
    pub i18n: &'a I18n,
    pub registry: &'a Registry,
    pub library: &'a Library,
}

#[derive(Serialize)]
struct ParentCtx {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct CollectionCtx {
    kind: &'static str,
    title: String,
    url: String,
    parent: Option<ParentCtx>,
    formerly: Vec<String>,
}

#[derive(Serialize)]
struct TopicCtx {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct UnitCtx {
    id: String,
    name: String,
    level: String,
    level_name: String,
    url: Option<String>,
    count: usize,
    formerly: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    children: Option<Vec<UnitCtx>>,
}

#[derive(Serialize)]
struct AreaRowCtx {
    area: &'static str,
    name: String,
    url: Option<String>,
    registered: usize,
    recognized: usize,
    total: usize,
}

#[derive(Serialize)]
struct YearCtx {
    year: i64,
    url: Option<String>,
    count: usize,
}

#[derive(Serialize)]
struct PlaceCountCtx {
    id: String,
    name: String,
    url: Option<String>,
    count: usize,
}

/// The model directory: every count is computed from the profiles (one per translation group).
#[derive(Serialize)]
pub struct DirectoryCtx {
    total: usize,
    recognized: usize,
    registered: usize,
    collectives: usize,
    individuals: usize,
    recognized_collectives: usize,
    recognized_individuals: usize,
    areas: Vec<AreaRowCtx>,
    years: Vec<YearCtx>,
    localities: Vec<PlaceCountCtx>,
}

impl SiteView<'_> {
    fn url_if_exists(&self, key: &CollectionKey, lang: &str) -> Option<String> {
        let members = self.library.taxonomies.members(lang, key);
        (!members.is_empty()).then(|| self.config.url_path(&key.route(self.config, lang)))
    }

    fn locality_name(&self, id: &str, lang: &str) -> String {
        self.registry.localities.get(id).map_or_else(
            || id.to_string(),
            |l| l.name(lang, &self.config.default_language).to_string(),
        )
    }

    /// Names of the units merged into `id`.
    fn formerly(&self, id: &str, lang: &str) -> Vec<String> {
        self.registry
            .former
            .iter()
            .filter(|(_, current)| current.as_str() == id)
            .map(|(old, _)| {
                self.registry
                    .former_name(old, lang, &self.config.default_language)
            })
            .collect()
    }

    fn collection(&self, key: &CollectionKey, lang: &str) -> CollectionCtx {
        let models = || ParentCtx {
            title: self.i18n.get(lang, "list_model").to_string(),
            url: self.config.url_path(&crate::library::listing_route(
                self.config,
                lang,
                Kind::Model,
                1,
            )),
        };
        let (title, parent, formerly) = match key {
            CollectionKey::Topic(slug) => (
                self.library.taxonomies.topics.name(slug, lang),
                None,
                Vec::new(),
            ),
            CollectionKey::Locality(id) => {
                let province = Registry::province_of(id);
                let parent = (province != id).then(|| ParentCtx {
                    title: self.locality_name(province, lang),
                    url: self.config.url_path(
                        &CollectionKey::Locality(province.to_string()).route(self.config, lang),
                    ),
                });
                (
                    self.locality_name(id, lang),
                    parent,
                    self.formerly(id, lang),
                )
            }
            CollectionKey::ModelArea(area) => (
                self.i18n
                    .get(lang, &format!("area_{}", area.as_str()))
                    .to_string(),
                Some(models()),
                Vec::new(),
            ),
            CollectionKey::ModelYear(year) => (year.to_string(), Some(models()), Vec::new()),
            CollectionKey::ModelLocality(province) => (
                self.locality_name(province, lang),
                Some(models()),
                Vec::new(),
            ),
        };
        CollectionCtx {
            kind: key.kind(),
            title,
            url: self.config.url_path(&key.route(self.config, lang)),
            parent,
            formerly,
        }
    }

    /// The directory of the model profiles, in a language.
    pub fn directory(&self, lang: &str) -> DirectoryCtx {
        let config = self.config;
        let mut d = DirectoryCtx {
            total: 0,
            recognized: 0,
            registered: 0,
            collectives: 0,
            individuals: 0,
            recognized_collectives: 0,
            recognized_individuals: 0,
            areas: Vec::new(),
            years: Vec::new(),
            localities: Vec::new(),
        };
        let mut by_area: BTreeMap<Area, (usize, usize)> = BTreeMap::new();
        let mut by_year: BTreeMap<i64, usize> = BTreeMap::new();
        let mut by_province: BTreeMap<String, usize> = BTreeMap::new();
        for group in &self.library.groups {
            let original = self.library.original(config, group);
            let (KindFields::Model(m), Kind::Model) =
                (&original.source.front_matter.fields, original.kind())
            else {
                continue;
            };
            d.total += 1;
            let recognized = m.status == Status::Recognized;
            let collective = m.unit_type == UnitType::Collective;
            d.recognized += usize::from(recognized);
            d.registered += usize::from(!recognized);
            d.collectives += usize::from(collective);
            d.individuals += usize::from(!collective);
            d.recognized_collectives += usize::from(recognized && collective);
            d.recognized_individuals += usize::from(recognized && !collective);
            let cell = by_area.entry(m.area).or_default();
            if recognized {
                cell.1 += 1
            } else {
                cell.0 += 1
            }
            *by_year.entry(m.year).or_default() += 1;
            if let Some(l) = &original.locality {
                *by_province
                    .entry(Registry::province_of(&l.id).to_string())
                    .or_default() += 1;
            }
        }
        let areas = [
            Area::Economy,
            Area::CultureSociety,
            Area::DefenseSecurity,
            Area::PoliticalSystem,
        ];
        d.areas = areas
            .into_iter()
            .map(|area| {
                let (registered, recognized) = by_area.get(&area).copied().unwrap_or_default();
                AreaRowCtx {
                    area: area.as_str(),
                    name: self
                        .i18n
                        .get(lang, &format!("area_{}", area.as_str()))
                        .to_string(),
                    url: self.url_if_exists(&CollectionKey::ModelArea(area), lang),
                    registered,
                    recognized,
                    total: registered + recognized,
                }
            })
            .collect();
        d.years = by_year
            .into_iter()
            .rev()
            .map(|(year, count)| YearCtx {
                year,
                url: self.url_if_exists(&CollectionKey::ModelYear(year), lang),
                count,
            })
            .collect();
        let mut provinces: Vec<PlaceCountCtx> = by_province
            .into_iter()
            .map(|(id, count)| PlaceCountCtx {
                name: self.locality_name(&id, lang),
                url: self.url_if_exists(&CollectionKey::ModelLocality(id.clone()), lang),
                id,
                count,
            })
            .collect();
        provinces.sort_by_key(|p| collation_key(&p.name));
        d.localities = provinces;
        d
    }
}

impl Renderer {
    #[allow(clippy::too_many_arguments)]
    pub fn render_collection(
        &self,
        site: &SiteView,
        key: &CollectionKey,
        lang: &str,
        page_no: usize,
        pages: usize,
        items: &[Cow<SummaryCtx>],
        links: &LanguageLinks,
    ) -> Result<Vec<u8>, Diagnostic> {
        let collection = site.collection(key, lang);
        let config = site.config;
        let route = key.page_route(config, lang, page_no);
        let paginator = paginator(site.i18n, lang, page_no, pages, |n| {
            config.url_path(&key.page_route(config, lang, n))
        });
        let page = PageCtx {
            title: if page_no > 1 {
                format!("{} – {}", collection.title, paginator.label)
            } else {
                collection.title.clone()
            },
            url: config.url_path(&route),
            permalink: config.permalink(&route),
            description: collection.title.clone(),
            image: None,
            is_item: false,
        };
        let mut ctx = self.context(lang, &page, links);
        ctx.insert("collection", &collection);
        ctx.insert("items", items);
        ctx.insert("paginator", &paginator);
        self.render("collection.html", &ctx)
    }

    pub fn render_topic_index(
        &self,
        site: &SiteView,
        lang: &str,
        links: &LanguageLinks,
    ) -> Result<Vec<u8>, Diagnostic> {
        let config = site.config;
        let tax = &site.library.taxonomies;
        let mut topics: Vec<TopicCtx> = tax
            .topics
            .terms
            .keys()
            .filter_map(|slug| {
                let key = CollectionKey::Topic(slug.clone());
                let count = tax.members(lang, &key).len();
                (count > 0).then(|| TopicCtx {
                    name: tax.topics.name(slug, lang),
                    url: config.url_path(&key.route(config, lang)),
                    count,
                })
            })
            .collect();
        topics.sort_by_key(|t| collation_key(&t.name));
        let route = format!("{}topics/", config.language_prefix(lang));
        let page = PageCtx::at(
            config,
            &route,
            site.i18n.get(lang, "topics_title").to_string(),
        );
        let mut ctx = self.context(lang, &page, links);
        ctx.insert("topics", &topics);
        self.render("topics.html", &ctx)
    }

    pub fn render_locality_index(
        &self,
        site: &SiteView,
        lang: &str,
        links: &LanguageLinks,
    ) -> Result<Vec<u8>, Diagnostic> {
        let config = site.config;
        let unit = |id: &str, children: Option<Vec<UnitCtx>>| {
            let key = CollectionKey::Locality(id.to_string());
            let level = site
                .registry
                .localities
                .get(id)
                .map_or("", |l| l.level.as_str())
                .to_string();
            UnitCtx {
                id: id.to_string(),
                name: site.locality_name(id, lang),
                level_name: site.i18n.get(lang, &format!("level_{level}")).to_string(),
                level,
                url: site.url_if_exists(&key, lang),
                count: site.library.taxonomies.members(lang, &key).len(),
                formerly: site.formerly(id, lang),
                children,
            }
        };
        let provinces: Vec<UnitCtx> = site
            .registry
            .order
            .iter()
            .filter(|id| !id.contains('/'))
            .map(|p| {
                let children = site
                    .registry
                    .localities
                    .get(p)
                    .map(|l| l.children.iter().map(|c| unit(c, None)).collect());
                unit(p, children)
            })
            .collect();
        let route = format!("{}localities/", config.language_prefix(lang));
        let page = PageCtx::at(
            config,
            &route,
            site.i18n.get(lang, "localities_title").to_string(),
        );
        let mut ctx = self.context(lang, &page, links);
        ctx.insert("provinces", &provinces);
        self.render("localities.html", &ctx)
    }
}

/// Links from an item's page to its neighbours: topics, related items, previous and next.
pub struct ItemLinks {
    pub topic_links: Vec<NamedLinkCtx>,
    pub related: Vec<ItemLinkCtx>,
    pub previous: Option<ItemLinkCtx>,
    pub next: Option<ItemLinkCtx>,
}

/// How many related items an item page shows, and how far around the item each of its
/// collections is searched (the lists are newest first, so neighbours are close in time):
/// this keeps the work per item constant however large the site.
const RELATED: usize = 5;
const RELATED_WINDOW: usize = 30;

pub fn item_links(site: &SiteView, item: &Item) -> ItemLinks {
    let (config, library, i18n) = (site.config, site.library, site.i18n);
    let lang = item.lang();
    let tax = &library.taxonomies;
    let link = |id: ItemId| {
        let other = &library.items[id];
        ItemLinkCtx {
            title: other.title().to_string(),
            url: config.url_path(&other.route),
            kind_name: i18n
                .get(lang, &format!("kind_{}", other.kind().singular()))
                .to_string(),
            date: other
                .source
                .front_matter
                .common
                .date
                .as_ref()
                .map(|d| date_ctx(d, lang, i18n)),
        }
    };
    let mut topic_links: Vec<NamedLinkCtx> = Vec::new();
    for term in &item.source.front_matter.common.topics {
        let key = CollectionKey::Topic(slugify(term));
        if let CollectionKey::Topic(slug) = &key
            && !tax.members(lang, &key).is_empty()
            && !topic_links
                .iter()
                .any(|l| l.url.ends_with(&format!("/topics/{slug}/")))
        {
            topic_links.push(NamedLinkCtx {
                name: tax.topics.name(slug, lang),
                url: config.url_path(&key.route(config, lang)),
            });
        }
    }

    // Related: items of the same language sharing topics (2 points each) or the locality (1).
    let mut scores: BTreeMap<ItemId, usize> = BTreeMap::new();
    let keys = crate::taxonomy::keys_of(item);
    for key in &keys {
        let weight = match key {
            CollectionKey::Topic(_) => 2,
            CollectionKey::Locality(id) if item.locality.as_ref().is_some_and(|l| &l.id == id) => 1,
            _ => continue,
        };
        let members = tax.members(lang, key);
        let at = position(library, members, item);
        let start = at.saturating_sub(RELATED_WINDOW / 2);
        for entry in members.iter().skip(start).take(RELATED_WINDOW + 1) {
            if entry.id != item.id && !entry.untranslated {
                *scores.entry(entry.id).or_default() += weight;
            }
        }
    }
    let mut ranked: Vec<(ItemId, usize)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1).then_with(|| {
            library.items[a.0]
                .sort_key
                .cmp(&library.items[b.0].sort_key)
        })
    });
    let related = ranked
        .into_iter()
        .take(RELATED)
        .map(|(id, _)| link(id))
        .collect();

    // Previous (older) and next (newer) in the language's listing of the kind.
    let (mut previous, mut next) = (None, None);
    if item.kind() != Kind::Page
        && let Some(entries) = library.listings.get(&(lang.to_string(), item.kind()))
    {
        let at = position(library, entries, item);
        if entries.get(at).is_some_and(|e| e.id == item.id) {
            next = entries[..at]
                .iter()
                .rev()
                .find(|e| !e.untranslated)
                .map(|e| link(e.id));
            previous = entries[at + 1..]
                .iter()
                .find(|e| !e.untranslated)
                .map(|e| link(e.id));
        }
    }
    ItemLinks {
        topic_links,
        related,
        previous,
        next,
    }
}

/// Where `item` stands in a list sorted by (sort key, id).
fn position(library: &Library, entries: &[Listed], item: &Item) -> usize {
    entries.partition_point(|e| (&library.items[e.id].sort_key, e.id) < (&item.sort_key, item.id))
}

/// schema.org FAQPage JSON-LD: each `## ` question with its answer as plain text.
pub fn faq_json_ld(html: &str, toc: &[TocEntry]) -> Option<String> {
    let questions: Vec<&TocEntry> = toc.iter().filter(|e| e.level == 2).collect();
    if questions.is_empty() {
        return None;
    }
    let starts: Vec<Option<usize>> = questions
        .iter()
        .map(|q| html.find(&format!("<h2 id=\"{}\">", crate::text::escape_html(&q.id))))
        .collect();
    let mut entities = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        let Some(start) = starts[i] else { continue };
        let body_start = html[start..].find("</h2>").map_or(start, |e| start + e + 5);
        let end = starts[i + 1..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(html.len());
        let answer = html_to_text(&html[body_start..end.max(body_start)]);
        entities.push(serde_json::json!({
            "@type": "Question",
            "name": q.title,
            "acceptedAnswer": { "@type": "Answer", "text": answer },
        }));
    }
    let doc = serde_json::json!({ "@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities });
    // `</` would end the <script> element early.
    serde_json::to_string(&doc)
        .ok()
        .map(|s| s.replace("</", "<\\/"))
}
