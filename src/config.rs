//! site.yaml: checked key by key with the front matter's checker (one located message per
//! mistake, unknown keys denied) into the validated `Config` that every later stage reads.

use crate::content::front_matter::{Checker, describe};
use crate::diagnostic::Diagnostic;
use crate::messages::Text;
use crate::t;
use crate::yaml;
use serde_json::Value;
use std::path::Path;

pub const CONFIG_FILE: &str = "site.yaml";

/// The keys of site.yaml, in the order docs/content-format.md lists them.
const KEYS: &[&str] = &[
    "title",
    "base_url",
    "default_language",
    "languages",
    "theme",
    "paginate",
    "unsafe_html",
    "smart_punctuation",
    "fallback",
    "share",
    "share_budget",
    "portable",
    "timezone",
    "print_columns",
    "cli_language",
    "deploy",
    "studio_password",
    "speaking_rate",
];

/// One `languages:` entry as written.
struct RawLanguage {
    code: String,
    name: String,
    title: Option<String>,
    partial: bool,
}

/// One configured language.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    pub code: String,
    pub name: String,
    /// The site title in this language (falls back to the site title).
    pub title: String,
    /// Its interface strings are known to be incomplete (`partial: true`): the missing ones
    /// are shown in the fallback language without a warning; `bantin check` notes it once.
    pub partial: bool,
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
    /// Columns of the items' text in print editions (site.yaml `print_columns`: 1 or 2).
    pub print_columns: usize,
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
    /// The site's time zone (site.yaml `timezone:`): what "today" is, and the zone of
    /// date-times written without an offset.
    pub timezone: jiff::tz::TimeZone,
    /// Where `bantin deploy` uploads the site (site.yaml `deploy:`).
    pub deploy: Option<crate::deploy::DeploySettings>,
    /// The hash of the studio's password (`bantin studio --hash-password` makes it).
    pub studio_password: Option<String>,
    /// Words a minute of the read-aloud editions (site.yaml `speaking_rate:`, one number for
    /// every language or one per language code); see [`Config::speaking_rate`].
    pub speaking_rates: std::collections::BTreeMap<String, usize>,
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
    /// How many words a minute a read-aloud edition in `lang` is read at: site.yaml's
    /// `speaking_rate`, else 130 for Vietnamese and other languages, 150 for English and
    /// French (the pace of radio news).
    pub fn speaking_rate(&self, lang: &str) -> usize {
        self.speaking_rates
            .get(lang)
            .or_else(|| self.speaking_rates.get("*"))
            .copied()
            .unwrap_or(match lang {
                "en" | "fr" => 150,
                _ => 130,
            })
    }

    /// Reads and validates `<root>/site.yaml`; every problem is returned at once.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            let error = crate::messages::io_error(&e);
            vec![Diagnostic::file(
                CONFIG_FILE,
                t!("site-config-cannot-read", error = error),
            )]
        })?;
        Self::parse(&text)
    }

    /// Checks every key the way front matter is checked (src/content/front_matter.rs), so
    /// that each mistake is one message in the words of docs/content-format.md.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let text = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .replace("\r\n", "\n");
        let tree = yaml::to_tree(&text).map_err(|e| {
            vec![e.diagnostic(CONFIG_FILE, 1, |m| t!("site-yaml-invalid", error = m))]
        })?;
        let Value::Object(map) = tree else {
            return Err(vec![Diagnostic::new(
                CONFIG_FILE,
                1,
                1,
                t!("site-yaml-not-a-map", found = describe(&tree)),
            )]);
        };
        let mut c = Checker::new(Path::new(CONFIG_FILE), &text, 1, &map);
        c.unknown_keys(KEYS, t!("site-yaml-accepts"));

        let title = c.required_string("title").unwrap_or_default();
        let (base_url, base_path) = c
            .required("base_url", |c, k, v| {
                c.string(k, v).and_then(|s| parse_base_url(&s))
            })
            .unwrap_or_else(|| ("/".into(), "/".into()));
        let default_language = c
            .optional("default_language", Checker::string)
            .unwrap_or_else(|| "vi".into());
        let languages = match c.optional("languages", language_list) {
            None => vec![Language {
                code: default_language.clone(),
                name: default_language.clone(),
                title: title.clone(),
                partial: false,
            }],
            Some(list) => check_languages(&mut c, list, &title),
        };
        if !languages.iter().any(|l| l.code == default_language) {
            let codes: Vec<_> = languages.iter().map(|l| l.code.as_str()).collect();
            let (code, codes) = (&default_language, codes.join(", "));
            let message = t!("site-default-language-unknown", code = code, codes = codes);
            c.error("default_language", message);
        }
        // Read before anything else by `messages::language_for_site`: here only checked.
        c.optional("cli_language", |c, k, v| {
            c.one_of(k, v, &["vi", "en"])
                .map_err(|m| t!("site-cli-language-choices", problem = m))
        });
        let fallback = c
            .optional("fallback", |c, k, v| {
                c.one_of(k, v, &["none", "default"])
                    .map_err(|m| t!("site-fallback-choices", problem = m))
            })
            .map_or(Fallback::None, |i| [Fallback::None, Fallback::Default][i]);
        let config = Config {
            base_url,
            base_path,
            default_language,
            theme: c
                .optional("theme", Checker::string)
                .unwrap_or_else(|| "default".into()),
            paginate: c
                .optional("paginate", counting(Counted::ItemsPerPage, 10))
                .unwrap_or(10),
            print_columns: c
                .optional("print_columns", |_, _, v| match v.as_u64() {
                    Some(n @ 1..=2) => Ok(n as usize),
                    _ => Err(t!("site-print-columns-wrong", found = describe(v))),
                })
                .unwrap_or(1),
            unsafe_html: c.optional("unsafe_html", Checker::bool).unwrap_or(false),
            smart_punctuation: c
                .optional("smart_punctuation", Checker::bool)
                .unwrap_or(false),
            fallback,
            share: c.optional("share", Checker::bool).unwrap_or(true),
            speaking_rates: c
                .optional("speaking_rate", |_, _, v| speaking_rates(v))
                .unwrap_or_default(),
            share_budget: c
                .optional(
                    "share_budget",
                    counting(Counted::Characters, crate::share::DEFAULT_BUDGET),
                )
                .unwrap_or(crate::share::DEFAULT_BUDGET),
            portable: c.optional("portable", Checker::bool).unwrap_or(false),
            timezone: c
                .optional("timezone", |c, k, v| {
                    c.string(k, v).and_then(|s| crate::date::zone(&s))
                })
                .unwrap_or_else(crate::date::default_zone),
            deploy: c.optional("deploy", deploy_settings),
            studio_password: c.optional("studio_password", |c, k, v| {
                let hash = c.string(k, v)?;
                if crate::studio::password::is_hash(&hash) {
                    Ok(hash)
                } else {
                    Err(t!("site-studio-password-not-a-hash"))
                }
            }),
            languages,
            title,
        };
        if c.errors.is_empty() {
            Ok(config)
        } else {
            Err(c.errors)
        }
    }

    /// Replaces the base URL (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), Text> {
        let (base_url, base_path) = parse_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The site's title in a language (`title` of its `languages:` entry, else the site's).
    pub fn title_in(&self, code: &str) -> &str {
        self.language(code)
            .map_or(self.title.as_str(), |l| l.title.as_str())
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

/// `speaking_rate: 130` (every language) or `speaking_rate: { vi: 130, en: 150 }`; the
/// whole-site number is kept under the key `*`.
fn speaking_rates(v: &Value) -> Result<std::collections::BTreeMap<String, usize>, Text> {
    let rate = |v: &Value| count_of(Counted::WordsPerMinute, 130, v);
    match v {
        Value::Object(map) => map.iter().map(|(k, v)| Ok((k.clone(), rate(v)?))).collect(),
        v => Ok([("*".to_string(), rate(v)?)].into()),
    }
}

/// What a counted setting counts.
#[derive(Clone, Copy)]
enum Counted {
    /// `speaking_rate`.
    WordsPerMinute,
    /// `paginate`.
    ItemsPerPage,
    /// `share_budget`.
    Characters,
}

/// A whole number of `what`, 1 or more (`paginate`, `share_budget`).
fn counting(
    what: Counted,
    example: usize,
) -> impl Fn(&mut Checker, &str, &Value) -> Result<usize, Text> {
    move |_, _, v| count_of(what, example, v)
}

fn count_of(what: Counted, example: usize, v: &Value) -> Result<usize, Text> {
    let Some(n) = v.as_u64().filter(|&n| n >= 1) else {
        let (found, e) = (describe(v), example);
        return Err(match what {
            Counted::ItemsPerPage => t!("site-paginate-wrong", found = found, example = e),
            Counted::Characters => t!("site-share-budget-wrong", found = found, example = e),
            Counted::WordsPerMinute => t!("site-speaking-rate-wrong", found = found, example = e),
        });
    };
    usize::try_from(n).map_err(|_| {
        let n = n.to_string();
        match what {
            Counted::ItemsPerPage => t!("site-paginate-too-large", number = n),
            Counted::Characters => t!("site-share-budget-too-large", number = n),
            Counted::WordsPerMinute => t!("site-speaking-rate-wrong", found = n, example = 130),
        }
    })
}

/// `languages:` as written: a list of `code:`, `name:` and optional `title:` maps.
/// `deploy: sftp://user@host/folder`, or a map with `to:` and the optional `identity:` (a
/// private key file) and `known_hosts:` (the server's pinned key), both relative to the site.
fn deploy_settings(
    c: &mut Checker,
    key: &str,
    v: &Value,
) -> Result<crate::deploy::DeploySettings, Text> {
    use crate::deploy::{DeploySettings, Destination};
    let fields = match v {
        Value::String(to) => {
            return Ok(DeploySettings {
                to: Destination::parse(to)?,
                identity: None,
                known_hosts: None,
            });
        }
        Value::Object(fields) => fields,
        _ => return Err(t!("site-deploy-wrong", found = describe(v))),
    };
    if let Some(other) = fields
        .keys()
        .find(|k| !["to", "identity", "known_hosts"].contains(&k.as_str()))
    {
        return Err(t!("site-deploy-unknown-key", key = other));
    }
    let mut text = |field: &str| -> Result<Option<String>, Text> {
        match fields.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => c.string(key, v).map(Some),
        }
    };
    let to = text("to")?.ok_or_else(|| t!("site-deploy-no-to"))?;
    Ok(DeploySettings {
        to: Destination::parse(&to)?,
        identity: text("identity")?.map(Into::into),
        known_hosts: text("known_hosts")?.map(Into::into),
    })
}

fn language_list(c: &mut Checker, key: &str, v: &Value) -> Result<Vec<RawLanguage>, Text> {
    let Value::Array(entries) = v else {
        return Err(t!("site-languages-not-a-list", found = describe(v)));
    };
    let mut list = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let n = i + 1;
        let Value::Object(fields) = entry else {
            let found = describe(entry);
            return Err(t!("site-language-not-a-map", entry = n, found = found));
        };
        if let Some(other) = fields
            .keys()
            .find(|k| !["code", "name", "title", "partial"].contains(&k.as_str()))
        {
            return Err(t!("site-language-unknown-key", entry = n, key = other));
        }
        let partial = match fields.get("partial") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                let found = describe(v);
                return Err(t!("site-language-partial", entry = n, found = found));
            }
        };
        let text = |c: &mut Checker, field: &str| -> Result<Option<String>, Text> {
            match fields.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => c
                    .string(key, v)
                    .map(Some)
                    .map_err(|m| t!("site-language-field", entry = n, field = field, problem = m)),
            }
        };
        let (code, name, title) = (text(c, "code")?, text(c, "name")?, text(c, "title")?);
        let (Some(code), Some(name)) = (code, name) else {
            return Err(t!("site-language-incomplete", entry = n));
        };
        list.push(RawLanguage {
            code,
            name,
            title,
            partial,
        });
    }
    Ok(list)
}

/// Language codes well formed and listed once; every problem reported at `languages`.
fn check_languages(c: &mut Checker, list: Vec<RawLanguage>, site_title: &str) -> Vec<Language> {
    let mut languages: Vec<Language> = Vec::new();
    for l in list {
        if !is_language_code(&l.code) {
            c.error(
                "languages",
                t!("site-language-code-invalid", code = &l.code),
            );
        } else if languages.iter().any(|x| x.code == l.code) {
            c.error(
                "languages",
                t!("site-language-listed-twice", code = &l.code),
            );
        }
        languages.push(Language {
            title: l.title.unwrap_or_else(|| site_title.to_string()),
            code: l.code,
            name: l.name,
            partial: l.partial,
        });
    }
    languages
}

/// Validates `scheme://host[/path]` and returns the URL with a trailing `/` and its path.
fn parse_base_url(url: &str) -> Result<(String, String), Text> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| t!("site-base-url-not-absolute", url = url))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || host.contains(char::is_whitespace) || path.contains(['?', '#', ' ']) {
        return Err(t!("site-base-url-invalid", url = url));
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
    fn a_language_entry_of_the_wrong_shape_is_one_error_at_languages() {
        for (entry, says) in [
            ("  - vi\n", "entry 1: found `vi`"),
            ("  - code: vi\n", "`code` and `name` are both required"),
            (
                "  - code: vi\n    name: [a]\n",
                "entry 1, `name`: found a list",
            ),
            ("  - code: vi\n    nme: V\n", "unknown key `nme`"),
        ] {
            let text = format!("title: T\nbase_url: https://e.org/\nlanguages:\n{entry}");
            let errs = Config::parse(&text).unwrap_err();
            assert_eq!(errs.len(), 1, "{errs:?}");
            assert_eq!(
                (errs[0].line, errs[0].key.as_deref()),
                (3, Some("languages"))
            );
            assert!(errs[0].message.contains(says), "{}", errs[0]);
        }
    }

    #[test]
    fn site_yaml_mistakes_are_told_in_the_language_of_the_run() {
        use crate::messages::{Language, in_language};
        let text = "title: T\nbase_url: example.org\nlanguages:\n  - code: vi\n    name: Tiếng Việt\n  - code: vi\n    name: X\n";
        let said = |language| {
            in_language(language, || Config::parse(text).unwrap_err())
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            said(Language::Vietnamese),
            [
                "site.yaml:2:11: `base_url`: `example.org` không phải địa chỉ web đầy đủ bắt đầu bằng http:// hoặc https://; cần ghi như https://example.org/dan-van/",
                "site.yaml:3:11: `languages`: ngôn ngữ `vi` được khai báo hai lần",
            ]
        );
        assert_eq!(
            said(Language::English),
            [
                "site.yaml:2:11: `base_url`: `example.org` is not an absolute http(s) URL; expected e.g. https://example.org/dan-van/",
                "site.yaml:3:11: `languages`: language `vi` is listed twice",
            ]
        );
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
