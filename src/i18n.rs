//! UI strings ("Đọc tiếp", "Page 2 of 5", month names) per language: the theme's
//! `i18n/<lang>.yaml`, overridden key by key by the site's `i18n/<lang>.yaml`. A key missing in
//! a language falls back to the default language, then to English.

use crate::config::Config;
use crate::content::front_matter::describe;
use crate::diagnostic::Diagnostic;
use crate::t;
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

/// The strings of one file, each of the type the theme shows: a text (a number is taken as
/// its text), and `months` a list of the 12 month names. A value of another type is an error
/// at its line: taken silently, it would show the key itself or ISO dates.
fn checked(
    map: Map<String, Value>,
    text: &str,
    path: &std::path::Path,
    errors: &mut Vec<Diagnostic>,
) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in map {
        let problem = match (key.as_str(), &value) {
            ("months", Value::Array(names))
                if names.len() == 12 && names.iter().all(Value::is_string) =>
            {
                None
            }
            ("months", Value::Array(names)) if names.iter().all(Value::is_string) => {
                Some(t!("site-months-wrong-count", count = names.len()))
            }
            ("months", Value::Array(names)) => {
                Some(t!("site-months-not-all-texts", count = names.len()))
            }
            ("months", other) => Some(t!("site-months-not-a-list", found = describe(other))),
            (_, Value::String(_)) => None,
            (_, Value::Number(n)) => {
                out.insert(key, Value::String(n.to_string()));
                continue;
            }
            (_, other) => Some(t!("site-ui-string-not-text", found = describe(other))),
        };
        match problem {
            None => {
                out.insert(key, value);
            }
            Some(message) => {
                let (line, column) = locate_top_level_key(text, &key);
                errors.push(Diagnostic::new(path, line, column, message).with_key(key));
            }
        }
    }
    out
}

/// Where the value of a top-level `key:` starts (line and column, from 1), or (0, 0).
fn locate_top_level_key(text: &str, key: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix(key)
            && let Some(after) = rest.strip_prefix(':')
        {
            let value_offset = key.len() + 1 + (after.len() - after.trim_start().len());
            return (i + 1, line[..value_offset].chars().count() + 1);
        }
    }
    (0, 0)
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
                match yaml::to_tree(text) {
                    Ok(Value::Object(map)) => merged.extend(checked(map, text, path, &mut errors)),
                    // A file of comments only gives no strings.
                    Ok(Value::Null) => {}
                    Ok(other) => errors.push(Diagnostic::new(
                        path,
                        1,
                        1,
                        t!("site-strings-not-a-map", found = describe(&other)),
                    )),
                    Err(e) => errors
                        .push(e.diagnostic(path, 1, |m| t!("site-strings-invalid", error = m))),
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
    /// The strings missing per language, one diagnostic per language: `partial` gives those of
    /// languages marked `partial: true` (notes), else those of the others (warnings).
    pub fn missing_key_warnings(
        &self,
        config: &Config,
        partial: bool,
    ) -> Vec<crate::diagnostic::Diagnostic> {
        self.missing
            .iter()
            .filter(|(lang, _)| config.language(lang).is_some_and(|l| l.partial) == partial)
            .map(|(lang, keys)| {
                // The languages the missing strings are shown in instead.
                let shown = if config.is_default_language(lang) || config.default_language == "en" {
                    t!("site-ui-shown-in-english")
                } else {
                    let default = config
                        .language(&config.default_language)
                        .map_or(config.default_language.as_str(), |l| l.name.as_str());
                    t!("site-ui-shown-in-default", language = default)
                };
                let (n, l, s, k) = (keys.len(), lang, shown, keys.join(", "));
                let message = t!("site-ui-missing", count = n, lang = l, shown = s, keys = k);
                crate::diagnostic::Diagnostic::file(format!("i18n/{lang}.yaml"), message)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Language, in_language};

    #[test]
    fn missing_strings_are_noted_in_the_language_of_the_run() {
        let config = Config::parse(
            "title: T\nbase_url: https://e.org/\nlanguages:\n  - code: vi\n    name: Tiếng Việt\n  - code: hmn\n    name: Hmoob\n",
        )
        .unwrap();
        let file = |text: &str, name: &str| vec![(text.to_string(), PathBuf::from(name))];
        let files = BTreeMap::from([
            (
                "en".to_string(),
                file("more: Read more\nnext: Next\n", "i18n/en.yaml"),
            ),
            ("vi".to_string(), file("more: Đọc tiếp\n", "i18n/vi.yaml")),
        ]);
        let i18n = I18n::load(&config, &files).unwrap();
        let said = |language| {
            in_language(language, || i18n.missing_key_warnings(&config, false))
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            said(Language::English),
            [
                "i18n/hmn.yaml: 2 UI strings missing in `hmn` (shown in Tiếng Việt, then English instead): more, next",
                "i18n/vi.yaml: 1 UI string missing in `vi` (shown in English instead): next",
            ]
        );
        assert_eq!(
            said(Language::Vietnamese),
            [
                "i18n/hmn.yaml: thiếu 2 chuỗi chữ giao diện trong `hmn` (tạm hiện bằng Tiếng Việt, nếu không có thì bằng tiếng Anh): more, next",
                "i18n/vi.yaml: thiếu 1 chuỗi chữ giao diện trong `vi` (tạm hiện bằng tiếng Anh): next",
            ]
        );
    }

    #[test]
    fn a_month_list_of_the_wrong_length_is_told_in_vietnamese() {
        let config = Config::parse("title: T\nbase_url: https://e.org/\n").unwrap();
        let files = BTreeMap::from([(
            "vi".to_string(),
            vec![(
                "months: [a, b]\n".to_string(),
                PathBuf::from("i18n/vi.yaml"),
            )],
        )]);
        let errs = in_language(Language::Vietnamese, || {
            I18n::load(&config, &files).unwrap_err()
        });
        assert_eq!(
            errs[0].to_string(),
            "i18n/vi.yaml:1:9: `months`: đang là danh sách 2 mục; cần đúng 12 tên tháng, mỗi tên là một chuỗi chữ, bắt đầu từ tháng Một"
        );
    }
}
