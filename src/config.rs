//! site.yaml: the raw file as written (unknown keys denied) and the validated `Config` that
//! every later stage reads.

use crate::diagnostic::Diagnostic;
use crate::yaml;
use serde::Deserialize;
use std::path::Path;

pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    default_language: Option<String>,
    languages: Option<Vec<RawLanguage>>,
    theme: Option<String>,
    paginate: Option<usize>,
    unsafe_html: Option<bool>,
    smart_punctuation: Option<bool>,
    fallback: Option<String>,
    share: Option<bool>,
    share_budget: Option<usize>,
    portable: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: String,
    name: String,
    title: Option<String>,
}

/// One configured language.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    pub code: String,
    pub name: String,
    /// The site title in this language (falls back to the site title).
    pub title: String,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Absolute base URL, always ending with `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/dan-van/`): prefix of every URL the site emits.
    pub base_path: String,
    /// Languages in site.yaml order; the default language is among them.
    pub languages: Vec<Language>,
    pub default_language: String,
    pub theme: String,
    pub paginate: usize,
    pub unsafe_html: bool,
    pub smart_punctuation: bool,
    /// What a language's listings show for items not translated into it.
    pub fallback: Fallback,
    /// Ready-to-paste share texts on item pages (site.yaml `share: false` turns them off).
    pub share: bool,
    /// Length budget of a share text, in characters.
    pub share_budget: usize,
    /// Relative links to files everywhere, for opening from disk (`bantin build --portable`).
    pub portable: bool,
}

/// site.yaml `fallback:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// The item is absent from the listings of languages it is not translated into.
    None,
    /// The item is listed there too, with a "not yet translated" note linking to the original.
    Default,
}

impl Config {
    /// Reads and validates `<root>/site.yaml`; every problem is returned at once.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![Diagnostic::file(CONFIG_FILE, format!("cannot read the site configuration: {e}; expected a site.yaml at the site root (create one with `bantin new site DIR`)"))]
        })?;
        Self::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let text = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .replace("\r\n", "\n");
        let raw: RawConfig = yaml::from_str(&text).map_err(|e| {
            vec![e.diagnostic(CONFIG_FILE, 1, |mut message| {
                if message.starts_with("unknown field") {
                    message.push_str(" (site.yaml keys: title, base_url, default_language, languages, theme, paginate, unsafe_html, smart_punctuation, fallback, share, share_budget, portable)");
                }
                message
            })]
        })?;
        let mut errors = Vec::new();
        let at = |key: &'static str| {
            let (line, column) = locate_top_level_key(&text, key);
            move |message: String| Diagnostic::new(CONFIG_FILE, line, column, message).with_key(key)
        };

        let (base_url, base_path) = match parse_base_url(&raw.base_url) {
            Ok(v) => v,
            Err(message) => {
                errors.push(at("base_url")(message));
                ("/".into(), "/".into())
            }
        };

        let default_language = raw.default_language.clone().unwrap_or_else(|| "vi".into());
        let mut languages = Vec::new();
        match raw.languages {
            None => languages.push(Language {
                code: default_language.clone(),
                name: default_language.clone(),
                title: raw.title.clone(),
            }),
            Some(list) => {
                for l in list {
                    if !is_language_code(&l.code) {
                        errors.push(at("languages")(format!(
                            "`{}` is not a language code; expected a BCP 47 code such as vi, en, fr, hmn or zh-Hant",
                            l.code
                        )));
                    } else if languages.iter().any(|x: &Language| x.code == l.code) {
                        errors.push(at("languages")(format!(
                            "language `{}` is listed twice",
                            l.code
                        )));
                    }
                    languages.push(Language {
                        title: l.title.unwrap_or_else(|| raw.title.clone()),
                        code: l.code,
                        name: l.name,
                    });
                }
            }
        }
        if !languages.iter().any(|l| l.code == default_language) {
            let codes: Vec<_> = languages.iter().map(|l| l.code.as_str()).collect();
            errors.push(at("default_language")(format!(
                "`{default_language}` is not among the configured languages ({})",
                codes.join(", ")
            )));
        }
        let paginate = raw.paginate.unwrap_or(10);
        if paginate == 0 {
            errors.push(at("paginate")(
                "found 0; expected a number of items per listing page, 1 or more".into(),
            ));
        }
        let fallback = match raw.fallback.as_deref() {
            None | Some("none") => Fallback::None,
            Some("default") => Fallback::Default,
            Some(other) => {
                errors.push(at("fallback")(format!("found `{other}`; expected `none` (untranslated items are left out of a language's listings) or `default` (they are listed with a note linking to the original)")));
                Fallback::None
            }
        };
        if raw.title.trim().is_empty() {
            errors.push(at("title")("the site title is empty".into()));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Config {
            title: raw.title,
            base_url,
            base_path,
            languages,
            default_language,
            theme: raw.theme.unwrap_or_else(|| "default".into()),
            paginate,
            unsafe_html: raw.unsafe_html.unwrap_or(false),
            smart_punctuation: raw.smart_punctuation.unwrap_or(false),
            fallback,
            share: raw.share.unwrap_or(true),
            share_budget: raw.share_budget.unwrap_or(crate::share::DEFAULT_BUDGET),
            portable: raw.portable.unwrap_or(false),
        })
    }

    /// Replaces the base URL (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) = parse_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn is_default_language(&self, code: &str) -> bool {
        self.default_language == code
    }

    /// The URL prefix of a language below the site root: `""` for the default, `"en/"`.
    pub fn language_prefix(&self, code: &str) -> String {
        if self.is_default_language(code) {
            String::new()
        } else {
            format!("{code}/")
        }
    }

    /// A site-relative route (`articles/x/`) as the path the browser requests.
    pub fn url_path(&self, route: &str) -> String {
        format!("{}{}", self.base_path, route)
    }

    /// A site-relative route as an absolute URL (canonical links, feeds, sitemap).
    pub fn permalink(&self, route: &str) -> String {
        format!("{}{}", self.base_url, route)
    }

    /// A URL path the site emits (`/dan-van/articles/x/anh.png`) as an absolute URL; absolute
    /// URLs are returned as they are.
    pub fn absolute(&self, url: &str) -> String {
        if url.starts_with("http://") || url.starts_with("https://") {
            return url.to_string();
        }
        let origin = self
            .base_url
            .strip_suffix(self.base_path.as_str())
            .unwrap_or(&self.base_url);
        format!("{origin}{url}")
    }
}

/// Validates `scheme://host[/path]` and returns the URL with a trailing `/` and its path.
fn parse_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            format!(
                "`{url}` is not an absolute http(s) URL; expected e.g. https://example.org/dan-van/"
            )
        })?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || host.contains(char::is_whitespace) || path.contains(['?', '#', ' ']) {
        return Err(format!(
            "`{url}` is not a valid base URL; expected e.g. https://example.org/dan-van/"
        ));
    }
    let path = path.trim_matches('/');
    let base_path = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    let scheme = if url.starts_with("https://") {
        "https"
    } else {
        "http"
    };
    Ok((format!("{scheme}://{host}{base_path}"), base_path))
}

/// BCP 47 shape: a 2-8 letter primary subtag, then subtags of 1-8 letters or digits.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// 1-based line and column of the value of a top-level `key:` in a YAML text, (0, 0) if absent.
pub fn locate_top_level_key(text: &str, key: &str) -> (usize, usize) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_path_base_url_keeps_its_path() {
        let c = Config::parse("title: T\nbase_url: https://example.org/dan-van\n").unwrap();
        assert_eq!(c.base_url, "https://example.org/dan-van/");
        assert_eq!(c.base_path, "/dan-van/");
        assert_eq!(c.url_path("articles/x/"), "/dan-van/articles/x/");
        assert_eq!(c.languages[0].code, "vi");
    }

    #[test]
    fn unknown_key_in_site_yaml_is_located() {
        let errs = Config::parse("title: T\nbase_url: https://e.org/\npaginat: 3\n").unwrap_err();
        assert_eq!(errs[0].line, 3);
        assert!(errs[0].message.contains("paginat"), "{}", errs[0]);
    }

    #[test]
    fn bad_language_and_default_are_reported_together() {
        let text = "title: T\nbase_url: https://e.org/\ndefault_language: de\nlanguages:\n  - code: 'v i'\n    name: X\n";
        let errs = Config::parse(text).unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
    }

    #[test]
    fn language_codes() {
        for ok in ["vi", "en", "hmn", "zh-Hant", "blt"] {
            assert!(is_language_code(ok), "{ok}");
        }
        for bad in ["", "v", "en_US", "toolonglanguage", "../x"] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }
}
