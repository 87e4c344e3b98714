//! Collections of items beyond the kind listings: topics, localities (with the units merged
//! into them), and the model directory's pages per area, year and province. Each collection
//! is a list of listing entries per language, in listing order.

use crate::config::Config;
use crate::content::Kind;
use crate::content::front_matter::{Area, KindFields};
use crate::diagnostic::Diagnostic;
use crate::library::{Item, Library, Listed};
use crate::locality::Registry;
use crate::text::slugify;
use crate::yaml;
use std::collections::BTreeMap;
use std::path::Path;

pub const TOPICS_FILE: &str = "data/topics.yaml";

/// Which collection.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum CollectionKey {
    /// A topic, by slug of its term.
    Topic(String),
    /// A current locality: a province (its communes' items included) or a commune.
    Locality(String),
    ModelArea(Area),
    ModelYear(i64),
    /// Models of a province (its communes included).
    ModelLocality(String),
}

impl CollectionKey {
    /// The route of the collection's first page in a language.
    pub fn route(&self, config: &Config, lang: &str) -> String {
        let prefix = config.language_prefix(lang);
        match self {
            CollectionKey::Topic(slug) => format!("{prefix}topics/{slug}/"),
            CollectionKey::Locality(id) => format!("{prefix}localities/{id}/"),
            CollectionKey::ModelArea(area) => format!("{prefix}models/area/{}/", area.as_str()),
            CollectionKey::ModelYear(year) => format!("{prefix}models/year/{year}/"),
            CollectionKey::ModelLocality(province) => {
                format!("{prefix}models/locality/{province}/")
            }
        }
    }

    /// The route of page `page` (1-based).
    pub fn page_route(&self, config: &Config, lang: &str, page: usize) -> String {
        let base = self.route(config, lang);
        if page <= 1 {
            base
        } else {
            format!("{base}page/{page}/")
        }
    }

    /// What templates call this kind of collection.
    pub fn kind(&self) -> &'static str {
        match self {
            CollectionKey::Topic(_) => "topic",
            CollectionKey::Locality(_) => "locality",
            CollectionKey::ModelArea(_) => "model_area",
            CollectionKey::ModelYear(_) => "model_year",
            CollectionKey::ModelLocality(_) => "model_locality",
        }
    }
}

/// Topic terms and their display names.
#[derive(Debug, Default)]
pub struct Topics {
    /// Slug -> the term as an editor first wrote it (in path order of the files).
    pub terms: BTreeMap<String, String>,
    /// Slug -> language -> display name, from data/topics.yaml.
    pub names: BTreeMap<String, BTreeMap<String, String>>,
}

impl Topics {
    /// The name of a topic in a language: data/topics.yaml, else the term.
    pub fn name(&self, slug: &str, lang: &str) -> String {
        self.names
            .get(slug)
            .and_then(|n| n.get(lang))
            .or_else(|| self.terms.get(slug))
            .cloned()
            .unwrap_or_else(|| slug.to_string())
    }

    /// Reads data/topics.yaml (optional): `<term>: { <lang>: <name>, ... }`.
    pub fn load_names(
        root: &Path,
    ) -> Result<BTreeMap<String, BTreeMap<String, String>>, Vec<Diagnostic>> {
        let path = root.join(TOPICS_FILE);
        if !path.exists() {
            return Ok(BTreeMap::new());
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| vec![Diagnostic::file(TOPICS_FILE, format!("cannot read: {e}"))])?;
        let raw: BTreeMap<String, BTreeMap<String, String>> = yaml::from_str(&text).map_err(|e| {
            vec![e.diagnostic(TOPICS_FILE, 1, |m| {
                format!("{m}; expected one line per topic: `<term as in front matter>: {{ en: <name>, fr: <name> }}`")
            })]
        })?;
        Ok(raw
            .into_iter()
            .map(|(term, names)| (slugify(&term), names))
            .collect())
    }
}

/// Every collection of every language.
#[derive(Debug, Default)]
pub struct Taxonomies {
    pub topics: Topics,
    /// Language -> collection -> entries (nested, so a lookup allocates nothing).
    pub members: BTreeMap<String, BTreeMap<CollectionKey, Vec<Listed>>>,
}

impl Taxonomies {
    pub fn members(&self, lang: &str, key: &CollectionKey) -> &[Listed] {
        self.members
            .get(lang)
            .and_then(|m| m.get(key))
            .map_or(&[], Vec::as_slice)
    }

    /// Every (language, collection, number of entries).
    pub fn counts(&self) -> impl Iterator<Item = (&str, &CollectionKey, usize)> {
        self.members.iter().flat_map(|(lang, m)| {
            m.iter()
                .map(move |(key, entries)| (lang.as_str(), key, entries.len()))
        })
    }
}

/// The collections an item belongs to.
pub fn keys_of(item: &Item) -> Vec<CollectionKey> {
    let common = &item.source.front_matter.common;
    let mut keys: Vec<CollectionKey> = common
        .topics
        .iter()
        .map(|t| slugify(t))
        .filter(|s| !s.is_empty())
        .map(CollectionKey::Topic)
        .collect();
    if let Some(locality) = &item.locality {
        let province = Registry::province_of(&locality.id).to_string();
        if province != locality.id {
            keys.push(CollectionKey::Locality(province.clone()));
        }
        keys.push(CollectionKey::Locality(locality.id.clone()));
        if item.kind() == Kind::Model {
            keys.push(CollectionKey::ModelLocality(province));
        }
    }
    if let KindFields::Model(m) = &item.source.front_matter.fields {
        keys.push(CollectionKey::ModelArea(m.area));
        keys.push(CollectionKey::ModelYear(m.year));
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Builds the collections from the kind listings (so the fallback policy applies alike).
pub fn build_taxonomies(
    library: &Library,
    config: &Config,
    topic_names: BTreeMap<String, BTreeMap<String, String>>,
) -> Taxonomies {
    let mut tax = Taxonomies {
        topics: Topics {
            terms: BTreeMap::new(),
            names: topic_names,
        },
        members: BTreeMap::new(),
    };
    for item in &library.items {
        for term in &item.source.front_matter.common.topics {
            let slug = slugify(term);
            if !slug.is_empty() {
                tax.topics
                    .terms
                    .entry(slug)
                    .or_insert_with(|| term.trim().to_string());
            }
        }
    }
    for lang in &config.languages {
        for kind in Kind::LISTED {
            let Some(entries) = library.listings.get(&(lang.code.clone(), kind)) else {
                continue;
            };
            for entry in entries {
                for key in keys_of(&library.items[entry.id]) {
                    tax.members
                        .entry(lang.code.clone())
                        .or_default()
                        .entry(key)
                        .or_default()
                        .push(*entry);
                }
            }
        }
    }
    for entries in tax.members.values_mut().flat_map(|m| m.values_mut()) {
        crate::library::listing_order(&library.items, entries);
    }
    tax
}
