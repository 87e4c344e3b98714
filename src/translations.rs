//! `bantin check --translations`: per language, which items are missing and which
//! translations are older than their original, so an editor knows what to translate next.

use crate::config::Config;
use crate::library::{Item, Library};
use crate::t;
use crate::text::slashed;
use serde::Serialize;

#[derive(Serialize, Debug)]
pub struct Missing {
    /// The original's source file.
    pub original: String,
    /// The file to create for the translation.
    pub create: String,
    pub title: String,
}

#[derive(Serialize, Debug)]
pub struct Outdated {
    pub translation: String,
    pub translation_date: String,
    pub original: String,
    pub original_date: String,
}

#[derive(Serialize, Debug)]
pub struct LanguageStatus {
    pub code: String,
    pub name: String,
    /// Items (translation groups) in the site.
    pub total: usize,
    pub translated: usize,
    pub missing: Vec<Missing>,
    pub outdated: Vec<Outdated>,
}

/// The status of every configured language, in site.yaml order.
pub fn translation_status(library: &Library, config: &Config) -> Vec<LanguageStatus> {
    let mut status: Vec<LanguageStatus> = config
        .languages
        .iter()
        .map(|l| LanguageStatus {
            code: l.code.clone(),
            name: l.name.clone(),
            total: library.groups.len(),
            translated: 0,
            missing: Vec::new(),
            outdated: Vec::new(),
        })
        .collect();
    let mut groups: Vec<&Vec<usize>> = library.groups.iter().collect();
    groups.sort_by_key(|g| library.original(config, g).source.rel_path.clone());
    for group in groups {
        let original = library.original(config, group);
        let original_time = newest(original);
        for lang in &mut status {
            match group
                .iter()
                .map(|&id| &library.items[id])
                .find(|i| i.lang() == lang.code)
            {
                None => lang.missing.push(Missing {
                    original: slashed(&original.source.rel_path),
                    create: translation_path(original, &lang.code, config),
                    title: original.title().to_string(),
                }),
                Some(t) => {
                    lang.translated += 1;
                    if let (Some((o_time, o_date)), Some((t_time, t_date))) =
                        (&original_time, newest(t))
                        && t.id != original.id
                        && *o_time > t_time
                    {
                        lang.outdated.push(Outdated {
                            translation: slashed(&t.source.rel_path),
                            translation_date: t_date,
                            original: slashed(&original.source.rel_path),
                            original_date: o_date.clone(),
                        });
                    }
                }
            }
        }
    }
    status
}

/// `updated`, else `date`: when the item last changed, as (timestamp, ISO date).
fn newest(item: &Item) -> Option<(i64, String)> {
    let c = &item.source.front_matter.common;
    c.updated.or(c.date).map(|d| (d.timestamp(), d.iso()))
}

/// Where the translation of `original` into `lang` goes: beside it, with the language suffix.
fn translation_path(original: &Item, lang: &str, config: &Config) -> String {
    let path = &original.source.rel_path;
    let dir = path.parent().map(slashed).unwrap_or_default();
    let suffix = if config.is_default_language(lang) {
        String::new()
    } else {
        format!(".{lang}")
    };
    let stem = if original.source.bundle_dir.is_some() {
        "index".to_string()
    } else {
        original.source.file_slug.clone()
    };
    format!("{dir}/{stem}{suffix}.md")
}

/// The report an editor reads.
pub fn format_text(status: &[LanguageStatus]) -> String {
    let mut out = String::new();
    for lang in status {
        let line = t!(
            "translations-language",
            name = &lang.name,
            code = &lang.code,
            translated = lang.translated,
            total = lang.total,
            missing = lang.missing.len(),
            outdated = lang.outdated.len()
        );
        out.push_str(&format!("{line}\n"));
        for m in &lang.missing {
            let line = t!(
                "translations-missing",
                original = &m.original,
                create = &m.create,
                title = &m.title
            );
            out.push_str(&format!("  {line}\n"));
        }
        for o in &lang.outdated {
            let line = t!(
                "translations-outdated",
                translation = &o.translation,
                translation_date = &o.translation_date,
                original = &o.original,
                original_date = &o.original_date
            );
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}
