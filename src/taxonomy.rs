//! Collections of items beyond the kind listings: topics, localities (with the units merged
//! into them), and the model directory's pages per area, year and province. Each collection
//! is a list of listing entries per language, in listing order.

use crate::config::Config;
use crate::content::Kind;
use crate::content::Source;
use crate::content::front_matter::{Area, KindFields};
use crate::diagnostic::Diagnostic;
use crate::library::Listed;
use crate::locality::{Registry, Resolved};
use crate::t;
use crate::text::slugify;
use crate::urls;
use crate::yaml;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const TOPICS_FILE: &str = "data/topics.yaml";

/// Which collection.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
        match self {
            CollectionKey::Topic(slug) => urls::topic(config, lang, slug),
            CollectionKey::Locality(id) => urls::locality(config, lang, id),
            CollectionKey::ModelArea(area) => {
                urls::model_directory(config, lang, "area", area.as_str())
            }
            CollectionKey::ModelYear(year) => {
                urls::model_directory(config, lang, "year", &year.to_string())
            }
            CollectionKey::ModelLocality(province) => {
                urls::model_directory(config, lang, "locality", province)
            }
        }
    }

    /// The route of page `page` (1-based).
    pub fn page_route(&self, config: &Config, lang: &str, page: usize) -> String {
        urls::paged(&self.route(config, lang), page)
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
    /// Slug -> source file -> the term as that file writes it (its first spelling).
    spellings: BTreeMap<String, BTreeMap<PathBuf, String>>,
}

impl Topics {
    /// Notes the terms of a file (an item put into the library).
    pub fn learn(&mut self, path: &Path, term: &str) {
        let slug = slugify(term);
        if !slug.is_empty() {
            self.spellings
                .entry(slug)
                .or_default()
                .entry(path.to_path_buf())
                .or_insert_with(|| term.trim().to_string());
        }
    }

    /// Forgets the terms of a file (an item taken out of the library).
    pub fn forget(&mut self, path: &Path, terms: &[String]) {
        for term in terms {
            let slug = slugify(term);
            if let Some(by_path) = self.spellings.get_mut(&slug) {
                by_path.remove(path);
                if by_path.is_empty() {
                    self.spellings.remove(&slug);
                }
            }
        }
    }

    /// Updates a topic's term from its spellings; whether it changed.
    pub fn renamed(&mut self, slug: &str) -> bool {
        let term = self
            .spellings
            .get(slug)
            .and_then(|by_path| by_path.values().next().cloned());
        match term {
            Some(t) => self.terms.insert(slug.to_string(), t.clone()) != Some(t),
            None => self.terms.remove(slug).is_some(),
        }
    }

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
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![Diagnostic::file(
                TOPICS_FILE,
                t!("site-cannot-read", error = crate::messages::io_error(&e)),
            )]
        })?;
        let raw: BTreeMap<String, BTreeMap<String, String>> =
            yaml::from_str(&text).map_err(|e| {
                vec![e.diagnostic(TOPICS_FILE, 1, |m| t!("site-topics-invalid", error = m))]
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

/// The collections an item belongs to, from its front matter and resolved locality.
pub fn keys_of(source: &Source, locality: Option<&Resolved>) -> Vec<CollectionKey> {
    let common = &source.front_matter.common;
    let mut keys: Vec<CollectionKey> = common
        .topics
        .iter()
        .map(|t| slugify(t))
        .filter(|s| !s.is_empty())
        .map(CollectionKey::Topic)
        .collect();
    if let Some(locality) = locality {
        let province = Registry::province_of(&locality.id).to_string();
        if province != locality.id {
            keys.push(CollectionKey::Locality(province.clone()));
        }
        keys.push(CollectionKey::Locality(locality.id.clone()));
        if source.kind == Kind::Model {
            keys.push(CollectionKey::ModelLocality(province));
        }
    }
    if let KindFields::Model(m) = &source.front_matter.fields {
        keys.push(CollectionKey::ModelArea(m.area));
        keys.push(CollectionKey::ModelYear(m.year));
    }
    keys.sort();
    keys.dedup();
    keys
}
