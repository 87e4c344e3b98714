//! The pages of collections: a topic's, a locality's and the model directory's pages per area,
//! year and province (`collection.html`), the page of every topic (`topics.html`), the tree of
//! localities (`localities.html`) and the model directory's counts (on the first page of the
//! model listing).

use crate::content::Kind;
use crate::content::front_matter::{Area, KindFields, Status, UnitType};
use crate::library::{Listed, Output};
use crate::locality::Registry;
use crate::render::listing::{paged_links, summaries};
use crate::render::view::{Input, View};
use crate::render::{Page, PageCtx, paginator};
use crate::taxonomy::CollectionKey;
use crate::text::collation_key;
use crate::urls;
use serde::Serialize;
use std::collections::BTreeMap;

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

fn url_if_exists(view: &View, key: &CollectionKey, lang: &str) -> Option<String> {
    let config = view.config();
    view.has_collection(lang, key)
        .then(|| config.url_path(&key.route(config, lang)))
}

fn locality_name(view: &View, id: &str, lang: &str) -> String {
    view.registry().localities.get(id).map_or_else(
        || id.to_string(),
        |l| l.name(lang, &view.config().default_language).to_string(),
    )
}

/// Names of the units merged into `id`.
fn formerly(view: &View, id: &str, lang: &str) -> Vec<String> {
    let registry = view.registry();
    registry
        .former
        .iter()
        .filter(|(_, current)| current.as_str() == id)
        .map(|(old, _)| registry.former_name(old, lang, &view.config().default_language))
        .collect()
}

fn collection(view: &View, key: &CollectionKey, lang: &str) -> CollectionCtx {
    let config = view.config();
    let models = || ParentCtx {
        title: view.t(lang, "list_model"),
        url: config.url_path(&urls::listing(config, lang, Kind::Model, 1)),
    };
    let (title, parent, formerly) = match key {
        CollectionKey::Topic(slug) => (view.topic_name(slug, lang), None, Vec::new()),
        CollectionKey::Locality(id) => {
            let province = Registry::province_of(id);
            let parent = (province != id).then(|| ParentCtx {
                title: locality_name(view, province, lang),
                url: config
                    .url_path(&CollectionKey::Locality(province.to_string()).route(config, lang)),
            });
            (
                locality_name(view, id, lang),
                parent,
                self::formerly(view, id, lang),
            )
        }
        CollectionKey::ModelArea(area) => (
            view.t(lang, &format!("area_{}", area.as_str())),
            Some(models()),
            Vec::new(),
        ),
        CollectionKey::ModelYear(year) => (year.to_string(), Some(models()), Vec::new()),
        CollectionKey::ModelLocality(province) => (
            locality_name(view, province, lang),
            Some(models()),
            Vec::new(),
        ),
    };
    CollectionCtx {
        kind: key.kind(),
        title,
        url: config.url_path(&key.route(config, lang)),
        parent,
        formerly,
    }
}

/// The directory of the model profiles, in a language: every count is computed from the
/// profiles (one per translation group, its original).
pub fn directory(view: &View, lang: &str) -> DirectoryCtx {
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
    let library = view.library();
    for (g, group) in library.groups.iter().enumerate() {
        if group.is_empty() || library.items[group[0]].kind() != Kind::Model {
            continue;
        }
        let original = view.original(g);
        view.note(Input::Item(original.id));
        let KindFields::Model(m) = &original.source.front_matter.fields else {
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
    // A model added or removed changes the counts: the directory reads the model listing.
    view.listing(lang, Kind::Model);
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
                name: view.t(lang, &format!("area_{}", area.as_str())),
                url: url_if_exists(view, &CollectionKey::ModelArea(area), lang),
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
            url: url_if_exists(view, &CollectionKey::ModelYear(year), lang),
            count,
        })
        .collect();
    let mut provinces: Vec<PlaceCountCtx> = by_province
        .into_iter()
        .map(|(id, count)| PlaceCountCtx {
            name: locality_name(view, &id, lang),
            url: url_if_exists(view, &CollectionKey::ModelLocality(id.clone()), lang),
            id,
            count,
        })
        .collect();
    provinces.sort_by_key(|p| collation_key(&p.name));
    d.localities = provinces;
    d
}

/// One page of a collection.
pub fn prepare(
    view: &View,
    output: &Output,
    key: &CollectionKey,
    lang: &str,
    page_no: usize,
    pages: usize,
) -> Page {
    let config = view.config();
    let i18n = view.i18n(lang);
    let entries: Vec<Listed> = view
        .members(lang, key)
        .iter()
        .skip((page_no - 1) * config.paginate)
        .take(config.paginate)
        .copied()
        .collect();
    let items = summaries(view, &entries);
    let collection = collection(view, key, lang);
    let route = key.page_route(config, lang, page_no);
    let paginator = paginator(i18n, lang, page_no, pages, |n| {
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
        video: None,
        is_item: false,
    };
    let mut made = view.page(
        "collection.html",
        lang,
        page,
        paged_links(view, lang, output, page_no),
    );
    made.set("collection", &collection);
    made.set_value("items", items);
    made.set("paginator", &paginator);
    made
}

/// The page of every topic of a language, with its count.
pub fn topic_index(view: &View, lang: &str) -> Page {
    let config = view.config();
    let mut topics: Vec<TopicCtx> = view
        .topic_terms(lang)
        .keys()
        .filter_map(|slug| {
            let key = CollectionKey::Topic(slug.clone());
            let count = view.members(lang, &key).len();
            (count > 0).then(|| TopicCtx {
                name: view.topic_name(slug, lang),
                url: config.url_path(&key.route(config, lang)),
                count,
            })
        })
        .collect();
    topics.sort_by_key(|t| collation_key(&t.name));
    let route = urls::topics(config, lang);
    let page = PageCtx::at(config, &route, view.t(lang, "topics_title"));
    let links = view.language_links(
        lang,
        &Output::TopicIndex {
            lang: lang.to_string(),
        },
    );
    let mut made = view.page("topics.html", lang, page, links);
    made.set("topics", &topics);
    made
}

/// The tree of provinces and communes of a language, with their counts.
pub fn locality_index(view: &View, lang: &str) -> Page {
    let config = view.config();
    let unit = |id: &str, children: Option<Vec<UnitCtx>>| {
        let key = CollectionKey::Locality(id.to_string());
        let level = view
            .registry()
            .localities
            .get(id)
            .map_or("", |l| l.level.as_str())
            .to_string();
        UnitCtx {
            id: id.to_string(),
            name: locality_name(view, id, lang),
            level_name: view.t(lang, &format!("level_{level}")),
            level,
            url: url_if_exists(view, &key, lang),
            count: view.members(lang, &key).len(),
            formerly: formerly(view, id, lang),
            children,
        }
    };
    let registry = view.registry();
    let provinces: Vec<UnitCtx> = registry
        .order
        .iter()
        .filter(|id| !id.contains('/'))
        .map(|p| {
            let children = registry
                .localities
                .get(p)
                .map(|l| l.children.iter().map(|c| unit(c, None)).collect());
            unit(p, children)
        })
        .collect();
    let route = urls::localities(config, lang);
    let page = PageCtx::at(config, &route, view.t(lang, "localities_title"));
    let links = view.language_links(
        lang,
        &Output::LocalityIndex {
            lang: lang.to_string(),
        },
    );
    let mut made = view.page("localities.html", lang, page, links);
    made.set("provinces", &provinces);
    made
}
