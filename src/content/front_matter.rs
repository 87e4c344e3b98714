//! Front matter: split a Markdown file into its YAML block and body, and check every key
//! against the contract (../shared/CONTENT-FORMAT.md), giving one typed struct per kind.
//! Every key is checked, so one file with three mistakes reports three diagnostics, each with
//! the line and column in the file (not in the YAML block).

use crate::content::Kind;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::messages::Text;
use crate::t;
use crate::yaml;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// A value together with where it was written, for checks made after parsing
/// (localities, bulletin references, images).
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub line: usize,
    pub column: usize,
}

/// `share:` is a list of key points, or `false` to turn sharing off.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Share {
    #[default]
    Auto,
    Points(Vec<String>),
    Off,
}

/// Keys every kind has.
#[derive(Debug, Clone, Default)]
pub struct Common {
    pub title: String,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub summary: Option<String>,
    pub slug: Option<Located<String>>,
    pub draft: bool,
    pub topics: Vec<String>,
    pub locality: Option<Located<String>>,
    pub image: Option<Located<String>>,
    pub image_alt: Option<String>,
    /// A YouTube or Facebook video shown first (its card) and in link previews (`og:video`).
    pub video: Option<crate::video::Video>,
    /// The title of that video's card.
    pub video_title: Option<String>,
    pub aliases: Vec<Located<String>>,
    pub translation_key: Option<String>,
    pub weight: Option<i64>,
    pub share: Share,
    /// In print editions, the item starts on a new page (else it follows the one before).
    pub page_break: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitType {
    Collective,
    Individual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Economy,
    CultureSociety,
    DefenseSecurity,
    PoliticalSystem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Registered,
    Recognized,
}

impl UnitType {
    pub const NAMES: [&'static str; 2] = ["collective", "individual"];
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}
impl Area {
    pub const NAMES: [&'static str; 4] = [
        "economy",
        "culture-society",
        "defense-security",
        "political-system",
    ];
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}
impl Status {
    pub const NAMES: [&'static str; 2] = ["registered", "recognized"];
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

#[derive(Debug, Clone)]
pub struct ArticleFields {
    pub author: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ModelFields {
    pub unit: String,
    pub unit_type: UnitType,
    pub area: Area,
    pub status: Status,
    pub year: i64,
    pub recognized_in: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct ExplainerFields {
    pub policy: String,
    pub audience: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BulletinFields {
    pub number: i64,
    /// References such as `articles/some-slug`, each with its position for error reports.
    pub items: Vec<Located<String>>,
}

/// The keys that only one kind has: one typed struct per kind.
#[derive(Debug, Clone)]
pub enum KindFields {
    Article(ArticleFields),
    Model(ModelFields),
    Explainer(ExplainerFields),
    Bulletin(BulletinFields),
    Page,
}

#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub common: Common,
    pub fields: KindFields,
}

/// A source file split into its parts. Line numbers are 1-based, in the file.
pub struct Split<'a> {
    pub yaml: &'a str,
    /// File line of the first YAML line (the line after the opening `---`).
    pub yaml_line: usize,
    pub body: &'a str,
    /// File line of the first body line.
    pub body_line: usize,
}

/// Splits `---` front matter from the body. `text` must already have `\n` line endings and no
/// BOM (see `normalize`).
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        let found = shorten(text[..first_line_end].trim_end());
        let message = t!("content-no-opening-line", found = found);
        return Err(Diagnostic::new(path, 1, 1, message));
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if text[offset..end].trim_end() == "---" {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset = end + 1;
        line += 1;
    }
    Err(Diagnostic::new(
        path,
        1,
        1,
        t!("content-front-matter-not-closed"),
    ))
}

/// Drops a BOM and turns CRLF line endings into LF (line numbers are unchanged).
pub fn normalize(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// What a key's value is: how the parser reads it and how the studio's form asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    /// One line of text.
    Text,
    /// Text that may run to several sentences.
    LongText,
    Date,
    Bool,
    Integer,
    /// A list of strings (`aliases`).
    List,
    /// One of the names.
    Choice(&'static [&'static str]),
    /// A locality id of data/localities.yaml.
    Locality,
    /// Topic names.
    Topics,
    /// Item references in order (a bulletin's `items`).
    Items,
    /// A path to a picture.
    Image,
    /// Key points, or `false`.
    Share,
}

/// When a key must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    /// Required once `image` is given (`image_alt`).
    WithImage,
}

/// One front-matter key of the contract (../CONTENT-FORMAT.md): the parser's list of known
/// keys and the studio's forms are both made from these tables.
#[derive(Debug, Clone, Copy)]
pub struct KeySpec {
    pub key: &'static str,
    pub value: KeyType,
    pub need: Need,
}

const fn spec(key: &'static str, value: KeyType, need: Need) -> KeySpec {
    KeySpec { key, value, need }
}

use KeyType as T;
use Need::{Optional as O, Required as R};

/// Keys every kind has, in the contract's order (`date` is required by kind, below).
const COMMON_KEYS: &[KeySpec] = &[
    spec("title", T::Text, R),
    spec("date", T::Date, O),
    spec("updated", T::Date, O),
    spec("summary", T::LongText, O),
    spec("slug", T::Text, O),
    spec("draft", T::Bool, O),
    spec("topics", T::Topics, O),
    spec("locality", T::Locality, O),
    spec("image", T::Image, O),
    spec("image_alt", T::Text, Need::WithImage),
    spec("video", T::Text, O),
    spec("video_title", T::Text, O),
    spec("aliases", T::List, O),
    spec("translation_key", T::Text, O),
    spec("weight", T::Integer, O),
    spec("share", T::Share, O),
    spec("page_break", T::Bool, O),
];

const ARTICLE_KEYS: &[KeySpec] = &[spec("author", T::Text, O), spec("source", T::Text, O)];
const MODEL_KEYS: &[KeySpec] = &[
    spec("unit", T::Text, R),
    spec("unit_type", T::Choice(&UnitType::NAMES), R),
    spec("area", T::Choice(&Area::NAMES), R),
    spec("status", T::Choice(&Status::NAMES), R),
    spec("year", T::Integer, R),
    spec("recognized_in", T::Integer, O),
];
const EXPLAINER_KEYS: &[KeySpec] = &[spec("policy", T::Text, R), spec("audience", T::Text, O)];
const BULLETIN_KEYS: &[KeySpec] = &[spec("number", T::Integer, R), spec("items", T::Items, R)];

/// The keys a kind accepts, in the order the contract lists them, with what each needs for
/// that kind.
pub fn key_specs(kind: Kind) -> Vec<KeySpec> {
    let extra: &[KeySpec] = match kind {
        Kind::Article => ARTICLE_KEYS,
        Kind::Model => MODEL_KEYS,
        Kind::Explainer => EXPLAINER_KEYS,
        Kind::Bulletin => BULLETIN_KEYS,
        Kind::Page => &[],
    };
    let required_here = |key: &str| match kind {
        Kind::Article | Kind::Bulletin => key == "date",
        Kind::Model => key == "locality",
        _ => false,
    };
    COMMON_KEYS
        .iter()
        .map(|s| match required_here(s.key) {
            true => spec(s.key, s.value, R),
            false => *s,
        })
        .chain(extra.iter().copied())
        .collect()
}

/// The keys a kind accepts, in the order the contract lists them.
pub fn known_keys(kind: Kind) -> Vec<&'static str> {
    key_specs(kind).iter().map(|s| s.key).collect()
}

/// Where each top-level key is written, so that a check made after YAML parsing can still
/// point at the right line and column of the file.
struct KeyPositions<'a> {
    yaml: &'a str,
    yaml_line: usize,
    /// key -> (0-based line in the YAML block, 0-based byte offset of the value in that line)
    keys: HashMap<String, (usize, usize)>,
}

impl<'a> KeyPositions<'a> {
    fn new(yaml: &'a str, yaml_line: usize) -> Self {
        let mut keys = HashMap::new();
        for (i, line) in yaml.lines().enumerate() {
            if line.starts_with([' ', '\t', '-', '#']) {
                continue;
            }
            if let Some(colon) = line.find(':') {
                let key = line[..colon].trim().trim_matches(['"', '\'']).to_string();
                let after = &line[colon + 1..];
                let value_at = colon + 1 + (after.len() - after.trim_start().len());
                keys.entry(key).or_insert((i, value_at));
            }
        }
        KeyPositions {
            yaml,
            yaml_line,
            keys,
        }
    }

    /// File line and column of a key's value (of the key line when the value is on later lines).
    fn value(&self, key: &str) -> (usize, usize) {
        match self.keys.get(key) {
            Some(&(i, at)) => {
                let line = self.yaml.lines().nth(i).unwrap_or("");
                (
                    self.yaml_line + i,
                    line[..at.min(line.len())].chars().count() + 1,
                )
            }
            None => (self.yaml_line.saturating_sub(1).max(1), 1),
        }
    }

    /// File position of the `nth` (0-based) `needle` in the lines belonging to `key` (for
    /// list entries: the second of two equal entries is pointed at, not the first).
    fn entry(&self, key: &str, needle: &str, mut nth: usize) -> (usize, usize) {
        let Some(&(start, _)) = self.keys.get(key) else {
            return self.value(key);
        };
        for (i, line) in self.yaml.lines().enumerate().skip(start) {
            if i > start && !line.starts_with([' ', '\t', '-']) {
                break;
            }
            let search_from = if i == start {
                line.find(':').map_or(0, |c| c + 1)
            } else {
                0
            };
            for (pos, _) in line[search_from..].match_indices(needle) {
                if nth == 0 {
                    return (
                        self.yaml_line + i,
                        line[..search_from + pos].chars().count() + 1,
                    );
                }
                nth -= 1;
            }
        }
        self.value(key)
    }
}

/// Front matter with problems: all of them, and the `locality` when it was written well (the
/// library's check of it against data/localities.yaml is reported with the others).
#[derive(Debug)]
pub struct Rejected {
    pub errors: Vec<Diagnostic>,
    pub locality: Option<Located<String>>,
}

impl From<Vec<Diagnostic>> for Rejected {
    fn from(errors: Vec<Diagnostic>) -> Rejected {
        Rejected {
            errors,
            locality: None,
        }
    }
}

/// Checks the YAML block of a file of the given kind. All problems are returned together.
/// Date-times written without an offset are in `zone`, the site's time zone.
pub fn parse(
    path: &Path,
    kind: Kind,
    split: &Split,
    zone: &jiff::tz::TimeZone,
) -> Result<FrontMatter, Rejected> {
    let tree = yaml::to_tree(split.yaml).map_err(|e| {
        vec![e.diagnostic(path, split.yaml_line, |m| {
            t!("content-front-matter-not-yaml", problem = m)
        })]
    })?;
    let Value::Object(map) = tree else {
        return Err(Rejected::from(vec![Diagnostic::new(
            path,
            split.yaml_line,
            1,
            t!("content-front-matter-not-a-map", found = describe(&tree)),
        )]));
    };
    let mut c = Checker::new(path, split.yaml, split.yaml_line, &map);
    c.zone = zone.clone();
    let known = known_keys(kind);
    let accepts = match kind {
        Kind::Article => t!("content-accepts-article"),
        Kind::Model => t!("content-accepts-model"),
        Kind::Explainer => t!("content-accepts-explainer"),
        Kind::Bulletin => t!("content-accepts-bulletin"),
        Kind::Page => t!("content-accepts-page"),
    };
    c.unknown_keys(&known, accepts);

    let date_required = matches!(kind, Kind::Article | Kind::Bulletin);
    let common = Common {
        title: c.required_string("title").unwrap_or_default(),
        date: if date_required {
            c.required("date", Checker::date)
        } else {
            c.optional("date", Checker::date)
        },
        updated: c.optional("updated", Checker::date),
        summary: c.optional("summary", Checker::string),
        slug: c
            .optional("slug", Checker::string)
            .map(|s| c.located("slug", s)),
        draft: c.optional("draft", Checker::bool).unwrap_or(false),
        topics: c
            .optional("topics", Checker::string_list)
            .unwrap_or_default(),
        locality: if kind == Kind::Model {
            c.required("locality", Checker::string)
        } else {
            c.optional("locality", Checker::string)
        }
        .map(|s| c.located("locality", s)),
        image: c
            .optional("image", Checker::string)
            .map(|s| c.located("image", s)),
        image_alt: c.optional("image_alt", Checker::string),
        video: c.optional("video", Checker::video),
        video_title: c.optional("video_title", Checker::string),
        aliases: {
            let aliases = c
                .optional("aliases", Checker::string_list)
                .unwrap_or_default();
            c.located_entries("aliases", aliases)
        },
        translation_key: c.optional("translation_key", Checker::string),
        weight: c.optional("weight", Checker::integer),
        share: c.optional("share", Checker::share).unwrap_or_default(),
        page_break: c.optional("page_break", Checker::bool).unwrap_or(false),
    };
    check_route_segments(&mut c, &common);
    if common.image.is_some()
        && common
            .image_alt
            .as_deref()
            .is_none_or(|a| a.trim().is_empty())
    {
        // Point at `image_alt` when it is there but empty, else at `image`.
        let at = if map.contains_key("image_alt") {
            "image_alt"
        } else {
            "image"
        };
        let (line, column) = c.pos.value(at);
        c.errors.push(
            Diagnostic::new(path, line, column, t!("content-image-alt-missing"))
                .with_key("image_alt"),
        );
    }

    let fields = match kind {
        Kind::Article => KindFields::Article(ArticleFields {
            author: c.optional("author", Checker::string),
            source: c.optional("source", Checker::url),
        }),
        Kind::Model => {
            let fields = (
                c.required_string("unit"),
                c.required("unit_type", |c, k, v| c.one_of(k, v, &UnitType::NAMES)),
                c.required("area", |c, k, v| c.one_of(k, v, &Area::NAMES)),
                c.required("status", |c, k, v| c.one_of(k, v, &Status::NAMES)),
                c.required("year", Checker::year),
                c.optional("recognized_in", Checker::year),
            );
            match fields {
                (Some(unit), Some(ut), Some(area), Some(status), Some(year), recognized_in) => {
                    KindFields::Model(ModelFields {
                        unit,
                        unit_type: [UnitType::Collective, UnitType::Individual][ut],
                        area: [
                            Area::Economy,
                            Area::CultureSociety,
                            Area::DefenseSecurity,
                            Area::PoliticalSystem,
                        ][area],
                        status: [Status::Registered, Status::Recognized][status],
                        year,
                        recognized_in,
                    })
                }
                _ => KindFields::Page,
            }
        }
        Kind::Explainer => KindFields::Explainer(ExplainerFields {
            policy: c.required_string("policy").unwrap_or_default(),
            audience: c.optional("audience", Checker::string),
        }),
        Kind::Bulletin => {
            let number = c.required("number", Checker::edition_number).unwrap_or(0);
            let items = c
                .required("items", Checker::string_list)
                .unwrap_or_default();
            let items = c.located_entries("items", items);
            KindFields::Bulletin(BulletinFields { number, items })
        }
        Kind::Page => KindFields::Page,
    };

    if c.errors.is_empty() {
        Ok(FrontMatter { common, fields })
    } else {
        Err(Rejected {
            errors: c.errors,
            locality: common.locality,
        })
    }
}

/// `slug`, `aliases` and `topics` become folder names of the output: each part must fit in a
/// file name (255 bytes), or the build would fail while writing, far from the line to fix. A
/// topic whose name gives an empty slug would have no page: it was dropped without a word.
fn check_route_segments(c: &mut Checker, common: &Common) {
    let mut problems: Vec<(&str, usize, usize, Text)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for topic in &common.topics {
        let nth = seen.entry(topic).or_insert(0);
        let (line, column) = c.pos.entry("topics", topic, *nth);
        *nth += 1;
        let slug = crate::text::slugify(topic);
        if slug.is_empty() {
            problems.push((
                "topics",
                line,
                column,
                t!("content-topic-without-letters", topic = topic),
            ));
        } else if let Some(problem) = crate::urls::long_segment(&slug) {
            // src/urls.rs words it.
            problems.push(("topics", line, column, problem));
        }
    }
    if let Some(slug) = &common.slug
        && let Some(problem) = crate::urls::long_segment(&crate::text::slugify(&slug.value))
    {
        problems.push(("slug", slug.line, slug.column, problem));
    }
    for alias in &common.aliases {
        if let Some(problem) = crate::urls::long_segment(&alias.value) {
            problems.push(("aliases", alias.line, alias.column, problem));
        }
    }
    for (key, line, column, problem) in problems {
        c.errors
            .push(Diagnostic::new(c.path.to_path_buf(), line, column, problem).with_key(key));
    }
}

/// Checks the values of a YAML map key by key, collecting one located diagnostic per
/// mistake: front matter, and site.yaml (src/config.rs).
pub(crate) struct Checker<'a> {
    path: &'a Path,
    pos: KeyPositions<'a>,
    map: &'a serde_json::Map<String, Value>,
    pub(crate) errors: Vec<Diagnostic>,
    /// The zone of date-times written without an offset.
    pub(crate) zone: jiff::tz::TimeZone,
}

impl<'a> Checker<'a> {
    /// `yaml` is the text `map` was parsed from; its first line is line `yaml_line` of `path`.
    pub(crate) fn new(
        path: &'a Path,
        yaml: &'a str,
        yaml_line: usize,
        map: &'a serde_json::Map<String, Value>,
    ) -> Checker<'a> {
        Checker {
            path,
            pos: KeyPositions::new(yaml, yaml_line),
            map,
            errors: Vec::new(),
            zone: crate::date::default_zone(),
        }
    }

    /// One error per key not in `known`, with a suggestion for a likely typo; `accepts`
    /// says who accepts the keys listed (`an article accepts`, `content-accepts-article`).
    pub(crate) fn unknown_keys(&mut self, known: &[&str], accepts: impl Into<Text>) {
        let accepts: Text = accepts.into();
        let mut unknown: Vec<&String> = self
            .map
            .keys()
            .filter(|k| !known.contains(&k.as_str()))
            .collect();
        unknown.sort_by_key(|k| self.pos.value(k));
        for key in unknown {
            let (line, _) = self.pos.value(key);
            let keys = known.join(", ");
            let message = match suggest(key, known) {
                Some(suggestion) => t!(
                    "content-unknown-key-suggest",
                    suggestion = suggestion,
                    accepts = &accepts,
                    keys = keys
                ),
                None => t!("content-unknown-key", accepts = &accepts, keys = keys),
            };
            self.errors
                .push(Diagnostic::new(self.path, line, 1, message).with_key(key.as_str()));
        }
    }
}

impl Checker<'_> {
    pub(crate) fn error(&mut self, key: &str, message: impl Into<Text>) {
        let (line, column) = self.pos.value(key);
        self.errors
            .push(Diagnostic::new(self.path.to_path_buf(), line, column, message).with_key(key));
    }

    /// The value of `key` by `convert`, when the key is there: its error becomes a diagnostic
    /// at the value.
    pub(crate) fn optional<T, E: Into<Text>>(
        &mut self,
        key: &str,
        convert: impl Fn(&mut Self, &str, &Value) -> Result<T, E>,
    ) -> Option<T> {
        let value = self.map.get(key)?;
        if value.is_null() {
            return None;
        }
        match convert(self, key, value) {
            Ok(v) => Some(v),
            Err(message) => {
                self.error(key, message);
                None
            }
        }
    }

    pub(crate) fn required<T, E: Into<Text>>(
        &mut self,
        key: &str,
        convert: impl Fn(&mut Self, &str, &Value) -> Result<T, E>,
    ) -> Option<T> {
        if self.map.get(key).is_none_or(Value::is_null) {
            let (line, _) = self.pos.value(key);
            let line = if self.map.contains_key(key) {
                line
            } else {
                self.pos.yaml_line.saturating_sub(1).max(1)
            };
            self.errors.push(
                Diagnostic::new(
                    self.path.to_path_buf(),
                    line,
                    1,
                    t!("content-required-key-missing"),
                )
                .with_key(key),
            );
            return None;
        }
        self.optional(key, convert)
    }

    pub(crate) fn required_string(&mut self, key: &str) -> Option<String> {
        let s = self.required(key, Checker::string)?;
        if s.trim().is_empty() {
            self.error(key, t!("content-empty-text"));
            return None;
        }
        Some(s)
    }

    fn located<T>(&self, key: &str, value: T) -> Located<T> {
        let (line, column) = self.pos.value(key);
        Located {
            value,
            line,
            column,
        }
    }

    /// The entries of a list, each where it is written (equal entries in turn).
    fn located_entries(&self, key: &str, values: Vec<String>) -> Vec<Located<String>> {
        let mut seen: HashMap<String, usize> = HashMap::new();
        values
            .into_iter()
            .map(|value| {
                let nth = seen.entry(value.clone()).or_insert(0);
                let (line, column) = self.pos.entry(key, &value, *nth);
                *nth += 1;
                Located {
                    value,
                    line,
                    column,
                }
            })
            .collect()
    }

    pub(crate) fn string(&mut self, _: &str, v: &Value) -> Result<String, Text> {
        match v {
            // The whole file is NFC already (content::read_source).
            Value::String(s) => Ok(s.clone()),
            // YAML reads `title: 2025` as a number; a title may well be one.
            Value::Number(n) => Ok(n.to_string()),
            other => Err(t!("content-expected-text", found = describe(other))),
        }
    }

    fn url(&mut self, key: &str, v: &Value) -> Result<String, Text> {
        let s = self.string(key, v)?;
        if s.starts_with("https://") || s.starts_with("http://") {
            Ok(s)
        } else {
            Err(t!("content-expected-url", found = s))
        }
    }

    fn video(&mut self, key: &str, v: &Value) -> Result<crate::video::Video, Text> {
        let s = self.string(key, v)?;
        crate::video::parse(&s).ok_or_else(|| t!("content-expected-video", found = shorten(&s)))
    }

    pub(crate) fn bool(&mut self, _: &str, v: &Value) -> Result<bool, Text> {
        v.as_bool()
            .ok_or_else(|| t!("content-expected-true-or-false", found = describe(v)))
    }

    pub(crate) fn integer(&mut self, _: &str, v: &Value) -> Result<i64, Text> {
        v.as_i64().ok_or_else(|| {
            if is_huge_integer(v) {
                t!("content-whole-number-too-large", found = describe(v))
            } else {
                t!("content-expected-whole-number", found = describe(v))
            }
        })
    }

    /// A bulletin's `number`: the edition, counted from 1.
    fn edition_number(&mut self, _: &str, v: &Value) -> Result<i64, Text> {
        match v.as_i64() {
            Some(n) if (1..=999_999_999).contains(&n) => Ok(n),
            // As written (a number argument would be formatted, and rounded past 2^53).
            Some(n) => Err(t!("content-edition-out-of-range", number = n.to_string())),
            None if is_huge_integer(v) => Err(t!("content-edition-too-large", found = describe(v))),
            None => Err(t!("content-edition-not-a-number", found = describe(v))),
        }
    }

    fn year(&mut self, key: &str, v: &Value) -> Result<i64, Text> {
        let y = self.integer(key, v)?;
        if (1900..=2200).contains(&y) {
            Ok(y)
        } else {
            Err(t!("content-expected-year", year = y.to_string()))
        }
    }

    fn date(&mut self, _: &str, v: &Value) -> Result<Date, Text> {
        match v {
            Value::String(s) => Date::parse_in(s, &self.zone),
            other => Err(t!("content-expected-date", found = describe(other))),
        }
    }

    fn string_list(&mut self, key: &str, v: &Value) -> Result<Vec<String>, Text> {
        match v {
            Value::Array(items) => items
                .iter()
                .map(|i| self.string(key, i))
                .collect::<Result<_, _>>()
                .map_err(|e| t!("content-list-entry", problem = e)),
            Value::String(_) => Err(t!("content-expected-list-not-text", found = describe(v))),
            other => Err(t!("content-expected-list", found = describe(other))),
        }
    }

    fn share(&mut self, key: &str, v: &Value) -> Result<Share, Text> {
        match v {
            Value::Bool(false) => Ok(Share::Off),
            Value::Array(_) => self.string_list(key, v).map(Share::Points),
            other => Err(t!("content-expected-share", found = describe(other))),
        }
    }

    pub(crate) fn one_of(&mut self, _: &str, v: &Value, allowed: &[&str]) -> Result<usize, Text> {
        let found = v.as_str().unwrap_or_default();
        allowed.iter().position(|a| *a == found).ok_or_else(|| {
            let (names, shown) = (allowed.join(", "), describe(v));
            match suggest(found, allowed) {
                Some(suggestion) => t!(
                    "content-expected-one-of-suggest",
                    found = shown,
                    suggestion = suggestion,
                    names = names
                ),
                None => t!("content-expected-one-of", found = shown, names = names),
            }
        })
    }
}

/// A whole number too large for 64 bits: YAML reads it as a number, which
/// `yaml::to_tree` keeps as its digits (or a u64 beyond i64).
fn is_huge_integer(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_u64(),
        Value::String(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            digits.len() > 18 && digits.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

/// How a YAML value looks to an editor, for "found ..." messages (their `found` variable).
pub fn describe(v: &Value) -> Text {
    match v {
        Value::Null => t!("content-value-nothing"),
        Value::Bool(b) => t!("content-value-written", value = b.to_string()),
        Value::Number(n) => t!("content-value-number", number = n.to_string()),
        Value::String(s) => t!("content-value-written", value = shorten(s)),
        Value::Array(_) => t!("content-value-list"),
        Value::Object(_) => t!("content-value-map"),
    }
}

/// The closest candidate to a misspelt word, if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let best = candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .min()?;
    let limit = (word.chars().count() / 3).max(2);
    (best.0 <= limit && best.0 > 0).then_some(best.1)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Path plus parse in one go, for tests and tools.
pub fn parse_file_text(
    path: &Path,
    kind: Kind,
    text: &str,
) -> Result<(FrontMatter, String, usize), Vec<Diagnostic>> {
    let text = normalize(text.to_string());
    let s = split(path, &text).map_err(|d| vec![d])?;
    let fm = parse(path, kind, &s, &crate::date::default_zone()).map_err(|r| r.errors)?;
    Ok((fm, s.body.to_string(), s.body_line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(kind: Kind, text: &str) -> Vec<Diagnostic> {
        parse_file_text(Path::new("a.md"), kind, text).unwrap_err()
    }

    #[test]
    fn article_parses_with_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: Xin chào\r\ndate: 2025-08-12\r\ntopics: [a, b]\r\n---\r\nBody\r\n";
        let (fm, body, body_line) =
            parse_file_text(Path::new("a.md"), Kind::Article, text).unwrap();
        assert_eq!(fm.common.title, "Xin chào");
        assert_eq!(fm.common.topics, vec!["a", "b"]);
        assert_eq!(body, "Body\n");
        assert_eq!(body_line, 6);
    }

    #[test]
    fn unknown_key_names_line_and_known_keys() {
        let errs = errors(
            Kind::Article,
            "---\ntitle: A\ndate: 2025-01-01\nauthr: B\n---\n",
        );
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].line, errs[0].key.as_deref()), (4, Some("authr")));
        assert!(
            errs[0].message.contains("did you mean `author`"),
            "{}",
            errs[0]
        );
        assert!(errs[0].message.contains("title, date"), "{}", errs[0]);
    }

    #[test]
    fn every_mistake_in_one_file_is_reported() {
        let text = "---\ntitle: M\nunit: U\nunit_type: group\narea: economics\nstatus: recognized\nyear: nineteen\n---\n";
        let errs = errors(Kind::Model, text);
        let keys: Vec<_> = errs.iter().map(|e| e.key.clone().unwrap()).collect();
        assert_eq!(keys, ["locality", "unit_type", "area", "year"], "{errs:?}");
        let area = errs
            .iter()
            .find(|e| e.key.as_deref() == Some("area"))
            .unwrap();
        assert_eq!((area.line, area.column), (5, 7));
        assert!(area.message.contains("did you mean `economy`"), "{area}");
    }

    #[test]
    fn bad_date_points_at_the_value() {
        let errs = errors(Kind::Article, "---\ntitle: A\ndate: 2025-02-30\n---\n");
        assert_eq!(
            (errs[0].line, errs[0].column, errs[0].key.as_deref()),
            (3, 7, Some("date"))
        );
    }

    #[test]
    fn yaml_syntax_error_line_is_in_the_file() {
        let errs = errors(
            Kind::Article,
            "---\ntitle: A\ndate: 2025-01-01\ntopics: [a, b\n---\n",
        );
        assert!(errs[0].line >= 4, "{errs:?}");
    }

    #[test]
    fn missing_closing_fence_is_reported() {
        let errs = errors(Kind::Page, "---\ntitle: A\n");
        assert!(errs[0].message.contains("never closed"));
    }

    #[test]
    fn bulletin_items_are_located_one_by_one() {
        let text = "---\ntitle: B\ndate: 2025-01-01\nnumber: 3\nitems:\n  - articles/a\n  - models/b\n---\n";
        let (fm, _, _) = parse_file_text(Path::new("b.md"), Kind::Bulletin, text).unwrap();
        let KindFields::Bulletin(b) = fm.fields else {
            panic!()
        };
        assert_eq!(
            (
                b.items[1].value.as_str(),
                b.items[1].line,
                b.items[1].column
            ),
            ("models/b", 7, 5)
        );
    }

    #[test]
    fn image_needs_alt_text() {
        let errs = errors(Kind::Page, "---\ntitle: A\nimage: x.png\n---\n");
        assert_eq!(errs[0].key.as_deref(), Some("image_alt"));
    }

    #[test]
    fn share_false_turns_sharing_off() {
        let (fm, _, _) = parse_file_text(
            Path::new("p.md"),
            Kind::Page,
            "---\ntitle: A\nshare: false\n---\n",
        )
        .unwrap();
        assert_eq!(fm.common.share, Share::Off);
    }

    #[test]
    fn front_matter_mistakes_are_told_in_the_language_of_the_run() {
        use crate::messages::{Language, in_language};
        let text = "---\ntitle: A\ndate: 2025-02-30\nauthr: B\ndraft: có\ntopics: x\n---\n";
        let told = |language| {
            in_language(language, || {
                errors(Kind::Article, text)
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
            })
        };
        let keys = known_keys(Kind::Article).join(", ");
        assert_eq!(
            told(Language::English),
            [
                format!(
                    "a.md:4:1: `authr`: unknown key (did you mean `author`?); an article accepts: {keys}"
                ),
                "a.md:3:7: `date`: `2025-02-30` is not a real calendar date (2025-02 has 28 days); expected YYYY-MM-DD, year, month and day".to_string(),
                "a.md:5:8: `draft`: found `có`; expected true or false".to_string(),
                "a.md:6:9: `topics`: found a single text `x`; expected a list (one `- entry` per line, or [a, b])".to_string(),
            ]
        );
        assert_eq!(
            told(Language::Vietnamese),
            [
                format!(
                    "a.md:4:1: `authr`: khóa không hợp lệ (có phải ý bạn là `author`?); bài viết nhận các khóa: {keys}"
                ),
                "a.md:3:7: `date`: `2025-02-30` không phải một ngày có thật (tháng 2025-02 có 28 ngày); cần dạng YYYY-MM-DD: năm, tháng, ngày".to_string(),
                "a.md:5:8: `draft`: thấy `có`; cần `true` (có) hoặc `false` (không)".to_string(),
                "a.md:6:9: `topics`: thấy một chuỗi chữ `x`; cần một danh sách (mỗi dòng một `- mục`, hoặc [a, b])".to_string(),
            ]
        );
        let fence = in_language(Language::Vietnamese, || errors(Kind::Page, "title: A\n"));
        assert_eq!(
            fence[0].message.as_str(),
            "thấy `title: A`; cần dòng đầu tiên của tệp là `---` để mở phần đầu (front matter)"
        );
    }

    #[test]
    fn model_values_outside_their_lists_are_told_in_vietnamese() {
        use crate::messages::{Language, in_language};
        let text = "---\ntitle: M\nlocality: x\nunit: U\nunit_type: group\narea: economics\nstatus: recognized\nyear: 1800\nweight: 99999999999999999999\n---\n";
        let errs = in_language(Language::Vietnamese, || errors(Kind::Model, text));
        let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "thấy `99999999999999999999`, một số quá lớn; cần một số nguyên có tối đa 18 chữ số",
                "thấy `group`; cần một trong các giá trị: collective, individual",
                "thấy `economics` (có phải ý bạn là `economy`?); cần một trong các giá trị: economy, culture-society, defense-security, political-system",
                "thấy 1800; cần một năm, ví dụ 2025",
            ]
        );
    }
}
