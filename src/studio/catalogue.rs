//! The studio's list of items: a snapshot the rebuild loop makes after each good build, so that
//! listing 10,000 items reads memory, never the content folder.

use crate::content::Kind;
use crate::pipeline::LoadedSite;
use crate::text::slashed;
use crate::translations::translation_status;
use std::collections::{BTreeSet, HashMap, HashSet};

/// One item, as the list shows it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// `content/articles/x.md`, with `/` on every system.
    pub path: String,
    /// `articles/x`: how a bulletin's `items` name it.
    pub reference: String,
    pub kind: Kind,
    pub lang: String,
    pub title: String,
    /// `YYYY-MM-DD`, or empty.
    pub date: String,
    pub draft: bool,
    pub topics: Vec<String>,
    pub locality: Option<String>,
    /// The page's path on the preview server (`/articles/x/`).
    pub url: String,
    /// Site languages without a translation of the item, with the file a translation gets
    /// (as `bantin check --translations` names it).
    pub missing: Vec<(String, String)>,
    /// The item's other language versions: (language, file).
    pub translations: Vec<(String, String)>,
    /// A translation older than its original (`updated`, else `date`).
    pub outdated: bool,
    /// The last build's warnings about the file (a former locality, a link that leads nowhere).
    pub warnings: Vec<super::Problem>,
}

/// A locality as the picker offers it.
#[derive(Debug, Clone)]
pub struct LocalityChoice {
    pub id: String,
    /// The unit's name in the site's default language, and its province's for a commune.
    pub name: String,
    /// For a former unit: the id of the unit it is now part of.
    pub now: Option<String>,
}

#[derive(Debug, Default)]
pub struct Catalogue {
    /// Newest first, then by title.
    pub entries: Vec<Entry>,
    /// Files that could not be read (their error is in the build's report).
    pub unreadable: Vec<String>,
    /// The site's languages, default first.
    pub languages: Vec<String>,
    /// Every topic in use, sorted.
    pub topics: Vec<String>,
    /// The locality picker's choices: current units, then former ones with their successor.
    pub localities: Vec<LocalityChoice>,
}

impl Catalogue {
    /// The list of `site`, each item with its share of the build's `warnings`.
    pub fn of(site: &LoadedSite, warnings: &[crate::diagnostic::Diagnostic]) -> Catalogue {
        let mut warned: HashMap<String, Vec<super::Problem>> = HashMap::new();
        for w in warnings {
            warned
                .entry(slashed(&w.path))
                .or_default()
                .push(super::Problem::of(w));
        }
        let library = &site.library;
        let default = &site.config.default_language;
        let languages: Vec<String> = std::iter::once(default.clone())
            .chain(
                site.config
                    .languages
                    .iter()
                    .map(|l| l.code.clone())
                    .filter(|code| code != default),
            )
            .collect();
        // The same facts as `bantin check --translations`.
        let mut missing: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let mut outdated: HashSet<String> = HashSet::new();
        for status in translation_status(library, &site.config) {
            for m in status.missing {
                missing
                    .entry(m.original)
                    .or_default()
                    .push((status.code.clone(), m.create));
            }
            outdated.extend(status.outdated.into_iter().map(|o| o.translation));
        }
        let mut topics = BTreeSet::new();
        let mut entries: Vec<Entry> = library
            .items
            .iter()
            .map(|item| {
                let common = &item.source.front_matter.common;
                topics.extend(common.topics.iter().cloned());
                let group = &library.groups[item.group];
                let original = library.original(&site.config, group);
                let path = slashed(&item.source.rel_path);
                Entry {
                    reference: item.source.reference.clone(),
                    kind: item.kind(),
                    lang: item.lang().to_string(),
                    title: item.title().to_string(),
                    date: common.date.as_ref().map(|d| d.iso()).unwrap_or_default(),
                    draft: common.draft,
                    topics: common.topics.clone(),
                    locality: item.locality.as_ref().map(|l| l.id.clone()),
                    url: format!("{}{}", site.config.base_path, item.route),
                    missing: missing
                        .get(&slashed(&original.source.rel_path))
                        .cloned()
                        .unwrap_or_default(),
                    translations: group
                        .iter()
                        .filter_map(|id| library.items.get(*id))
                        .filter(|other| other.id != item.id)
                        .map(|other| (other.lang().to_string(), slashed(&other.source.rel_path)))
                        .collect(),
                    outdated: outdated.contains(&path),
                    warnings: warned.remove(&path).unwrap_or_default(),
                    path,
                }
            })
            .collect();
        entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
        let unreadable = library
            .unreadable
            .iter()
            .map(|u| slashed(&u.rel_path))
            .collect();
        let registry = &site.registry;
        let name_of = |id: &str| {
            registry
                .localities
                .get(id)
                .map(|l| l.name(default, default).to_string())
        };
        let full_name = |id: &str| {
            let own = name_of(id).unwrap_or_else(|| id.to_string());
            match id
                .split_once('/')
                .and_then(|(province, _)| name_of(province))
            {
                Some(province) => format!("{own}, {province}"),
                None => own,
            }
        };
        let localities = registry
            .order
            .iter()
            .map(|id| LocalityChoice {
                id: id.clone(),
                name: full_name(id),
                now: None,
            })
            .chain(registry.former.iter().map(|(old, now)| LocalityChoice {
                id: old.clone(),
                name: registry.former_name(old, default, default),
                now: Some(full_name(now)),
            }))
            .collect();
        Catalogue {
            entries,
            unreadable,
            languages,
            topics: topics.into_iter().collect(),
            localities,
        }
    }

    pub fn entry(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.path == path)
    }

    /// The file of `path`'s translation into `lang`: the one there is, else the one to make
    /// (and whether it is to be made).
    pub fn translation_file(&self, path: &str, lang: &str) -> Option<(String, bool)> {
        let entry = self.entry(path)?;
        let existing = entry.translations.iter().find(|(l, _)| l == lang);
        let to_make = entry.missing.iter().find(|(l, _)| l == lang);
        existing
            .map(|(_, file)| (file.clone(), false))
            .or_else(|| to_make.map(|(_, file)| (file.clone(), true)))
    }
}
