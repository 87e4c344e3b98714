//! The studio's list of items: a snapshot the rebuild loop makes after each good build, so that
//! listing 10,000 items reads memory, never the content folder.

use crate::content::Kind;
use crate::pipeline::LoadedSite;
use std::collections::BTreeSet;

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
    /// Site languages without a translation of the item.
    pub missing: Vec<String>,
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
    pub fn of(site: &LoadedSite) -> Catalogue {
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
        let mut topics = BTreeSet::new();
        let mut entries: Vec<Entry> = library
            .items
            .iter()
            .map(|item| {
                let common = &item.source.front_matter.common;
                topics.extend(common.topics.iter().cloned());
                let translated: BTreeSet<&str> = library.groups[item.group]
                    .iter()
                    .filter_map(|id| library.items.get(*id))
                    .map(|other| other.lang())
                    .collect();
                Entry {
                    path: slashed(&item.source.rel_path),
                    reference: item.source.reference.clone(),
                    kind: item.kind(),
                    lang: item.lang().to_string(),
                    title: item.title().to_string(),
                    date: common.date.as_ref().map(|d| d.iso()).unwrap_or_default(),
                    draft: common.draft,
                    topics: common.topics.clone(),
                    locality: item.locality.as_ref().map(|l| l.id.clone()),
                    url: format!("{}{}", site.config.base_path, item.route),
                    missing: languages
                        .iter()
                        .filter(|l| !translated.contains(l.as_str()))
                        .cloned()
                        .collect(),
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

    /// The file of `path`'s translation into `lang`, named as the build reads names:
    /// `x.md` (default language) and `x.en.md`, or `x/index.md` and `x/index.en.md`.
    pub fn translation_path(&self, path: &str, lang: &str) -> Option<String> {
        if !self.languages.iter().any(|l| l == lang) {
            return None;
        }
        let (folder, name) = path.rsplit_once('/')?;
        let stem = name.strip_suffix(".md")?;
        let base = match stem.rsplit_once('.') {
            Some((base, suffix)) if self.languages.iter().any(|l| l == suffix) => base,
            _ => stem,
        };
        let default = self.languages.first().is_some_and(|d| d == lang);
        let suffix = if default {
            String::new()
        } else {
            format!(".{lang}")
        };
        Some(format!("{folder}/{base}{suffix}.md"))
    }
}

fn slashed(path: &std::path::Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
