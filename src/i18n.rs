//! UI strings ("Đọc tiếp", "Page 2 of 5", month names) per language: the theme's
//! `i18n/<lang>.yaml`, overridden key by key by the site's `i18n/<lang>.yaml`. A key missing in
//! a language falls back to the default language, then to English.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::yaml;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The resolved strings of every configured language.
#[derive(Debug, Default)]
pub struct I18n {
    pub strings: BTreeMap<String, Map<String, Value>>,
    /// Per configured language, the keys its own files (theme and site) do not give, though
    /// English or the default language has them: what `bantin check` reports.
    pub missing: BTreeMap<String, Vec<String>>,
    /// Per language: the date pattern and the 12 month names, read once (dates are formatted
    /// for every item and every link to one).
    pub dates: BTreeMap<String, (Option<String>, Option<Vec<String>>)>,
}

impl I18n {
    /// Merges the files found by the theme loader (`lang -> [(text, path)]`, theme first).
    pub fn load(
        config: &Config,
        files: &BTreeMap<String, Vec<(String, PathBuf)>>,
    ) -> Result<I18n, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut own: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
        for (lang, sources) in files {
            let merged = own.entry(lang.clone()).or_default();
            for (text, path) in sources {
                match yaml::from_str::<Map<String, Value>>(text) {
                    Ok(map) => merged.extend(map),
                    Err(e) => errors
                        .push(e.diagnostic(path, 1, |m| format!("not a valid strings file: {m}"))),
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let reference: std::collections::BTreeSet<&String> =
            ["en", config.default_language.as_str()]
                .iter()
                .filter_map(|code| own.get(*code))
                .flat_map(|m| m.keys())
                .collect();
        let mut missing = BTreeMap::new();
        for lang in &config.languages {
            let has = own.get(&lang.code);
            let absent: Vec<String> = reference
                .iter()
                .filter(|k| has.is_none_or(|m| !m.contains_key(k.as_str())))
                .map(|k| k.to_string())
                .collect();
            if !absent.is_empty() {
                missing.insert(lang.code.clone(), absent);
            }
        }
        let mut strings = BTreeMap::new();
        for lang in &config.languages {
            let mut merged = own.get("en").cloned().unwrap_or_default();
            for code in [config.default_language.as_str(), lang.code.as_str()] {
                if let Some(map) = own.get(code) {
                    merged.extend(map.clone());
                }
            }
            // Dates follow a language's own pattern only: borrowed English month names would be
            // wrong in Hmong, so such a language shows ISO dates until its file gives them.
            if own
                .get(&lang.code)
                .is_none_or(|m| !m.contains_key("date_format"))
            {
                merged.remove("date_format");
                merged.remove("months");
            }
            strings.insert(lang.code.clone(), merged);
        }
        let dates = strings
            .iter()
            .map(|(lang, m)| {
                let pattern = m
                    .get("date_format")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let months = m
                    .get("months")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_string))
                            .collect::<Vec<_>>()
                    })
                    .filter(|a| a.len() == 12);
                (lang.clone(), (pattern, months))
            })
            .collect();
        Ok(I18n {
            strings,
            missing,
            dates,
        })
    }

    /// One warning per language that lacks UI strings, naming the file where they belong.
    pub fn missing_key_warnings(&self, config: &Config) -> Vec<crate::diagnostic::Diagnostic> {
        self.missing
            .iter()
            .map(|(lang, keys)| {
                let fallback =
                    if config.is_default_language(lang) || config.default_language == "en" {
                        "English".to_string()
                    } else {
                        format!(
                            "{}, then English",
                            config
                                .language(&config.default_language)
                                .map_or(config.default_language.as_str(), |l| l.name.as_str())
                        )
                    };
                crate::diagnostic::Diagnostic::file(
                    format!("i18n/{lang}.yaml"),
                    format!(
                        "{} UI string{} missing in `{lang}` (shown in {fallback} instead): {}",
                        keys.len(),
                        if keys.len() == 1 { "" } else { "s" },
                        keys.join(", ")
                    ),
                )
            })
            .collect()
    }

    /// A string of `lang`, or the key itself so that a missing string shows up on the page.
    pub fn get<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.strings
            .get(lang)
            .and_then(|m| m.get(key))
            .and_then(Value::as_str)
            .unwrap_or(key)
    }

    pub fn map(&self, lang: &str) -> Map<String, Value> {
        self.strings.get(lang).cloned().unwrap_or_default()
    }

    /// The date pattern and month names of `lang`, when its strings give them.
    pub fn date_format(&self, lang: &str) -> (Option<&str>, Option<&[String]>) {
        match self.dates.get(lang) {
            Some((pattern, months)) => (pattern.as_deref(), months.as_deref()),
            None => (None, None),
        }
    }
}
