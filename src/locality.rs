//! The locality registry (`data/localities.yaml`): provinces and their communes and wards,
//! with the former units that were merged into them, so that old ids keep resolving.

use crate::content::front_matter::{Located, edit_distance, suggest};
use crate::diagnostic::Diagnostic;
use crate::messages::Text;
use crate::t;
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

pub const LOCALITIES_FILE: &str = "data/localities.yaml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocality {
    id: String,
    level: String,
    name: BTreeMap<String, String>,
    #[serde(default)]
    formerly: Vec<RawFormer>,
    #[serde(default)]
    children: Vec<RawLocality>,
}

/// A merged-away unit: its id (`ha-nam`), or its id with names (`{ id: ha-nam, name: { vi: Hà Nam } }`).
#[derive(Deserialize)]
#[serde(untagged)]
enum RawFormer {
    Id(String),
    Named(NamedFormer),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedFormer {
    id: String,
    name: BTreeMap<String, String>,
}

impl RawFormer {
    fn id(&self) -> &str {
        match self {
            RawFormer::Id(id) => id,
            RawFormer::Named(n) => &n.id,
        }
    }
    fn names(&self) -> BTreeMap<String, String> {
        match self {
            RawFormer::Id(_) => BTreeMap::new(),
            RawFormer::Named(n) => n.name.clone(),
        }
    }
}

/// A current unit: a province (`ninh-binh`) or a commune, ward or special zone inside one
/// (`ninh-binh/ngoc-son`).
#[derive(Debug, Clone)]
pub struct Locality {
    /// `province` or `province/commune`.
    pub id: String,
    pub level: String,
    /// Names by language code.
    pub names: BTreeMap<String, String>,
    /// Ids of the child units (for provinces).
    pub children: Vec<String>,
}

impl Locality {
    /// The name in `lang`, else the default language's, else any.
    pub fn name(&self, lang: &str, default_lang: &str) -> &str {
        self.names
            .get(lang)
            .or_else(|| self.names.get(default_lang))
            .or_else(|| self.names.values().next())
            .map_or(self.id.as_str(), String::as_str)
    }
}

/// What an item's `locality:` resolved to.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The current unit's id.
    pub id: String,
    /// The former id the item used, when it named a merged unit.
    pub former: Option<String>,
}

#[derive(Debug, Default)]
pub struct Registry {
    pub localities: BTreeMap<String, Locality>,
    /// Former id -> current id (`ha-nam` -> `ninh-binh`, `ninh-binh/ngoc-son-old` -> `ninh-binh/ngoc-son`).
    pub former: BTreeMap<String, String>,
    /// Current ids in the order the registry declares them (a province, then its units).
    pub order: Vec<String>,
    /// Names of former units, by former id and language (may be empty: see `former_name`).
    pub former_names: BTreeMap<String, BTreeMap<String, String>>,
    /// data/localities.yaml exists but could not be read: its own errors say why, and the
    /// localities items name are not checked (they would all fail for the same reason).
    pub unavailable: bool,
}

impl Registry {
    /// Loads the registry; a site without `data/localities.yaml` has an empty one.
    pub fn load(root: &Path) -> Result<Registry, Vec<Diagnostic>> {
        let path = root.join(LOCALITIES_FILE);
        if !path.exists() {
            return Ok(Registry::default());
        }
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![Diagnostic::file(
                LOCALITIES_FILE,
                t!("site-cannot-read", error = crate::messages::io_error(&e)),
            )]
        })?;
        Self::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Registry, Vec<Diagnostic>> {
        let text = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .replace("\r\n", "\n");
        // A problem in serde_yaml's own words.
        let raw: Vec<RawLocality> =
            yaml::from_str(&text).map_err(|e| vec![e.diagnostic(LOCALITIES_FILE, 1, |m| m)])?;
        let mut reg = Registry::default();
        let mut errors = Vec::new();
        // The n-th declaration of an id is on the n-th line that declares it (one scan of the
        // file, so that a registry of thousands of communes stays fast).
        let mut id_lines = id_lines(&text);
        let mut former_lines = formerly_lines(&text);
        // Where each former id (full form) is listed, for messages about it.
        let mut former_at: BTreeMap<String, usize> = BTreeMap::new();
        let mut former_line_of = |id: &str| {
            former_lines
                .get_mut(id)
                .and_then(|lines| lines.pop_front())
                .unwrap_or(0)
        };
        let mut line_of = |id: &str| {
            id_lines
                .get_mut(id)
                .and_then(|lines| lines.pop_front())
                .unwrap_or(0)
        };
        // Every id (current or former) and where it was declared, to catch duplicates.
        let mut declared: BTreeMap<String, usize> = BTreeMap::new();
        let mut declare = |full: String, line: &dyn Fn() -> usize, errors: &mut Vec<Diagnostic>| {
            if let Some(first) = declared.get(&full) {
                errors.push(Diagnostic::new(
                    LOCALITIES_FILE,
                    line(),
                    1,
                    t!("site-locality-id-twice", id = &full, first = *first),
                ));
            } else {
                declared.insert(full, line());
            }
        };
        for p in &raw {
            let pline = line_of(&p.id);
            check_id(&p.id, pline, &mut errors);
            if p.level != "province" {
                errors.push(Diagnostic::new(
                    LOCALITIES_FILE,
                    pline,
                    1,
                    t!("site-locality-province-level", id = &p.id, level = &p.level),
                ));
            }
            declare(p.id.clone(), &|| pline, &mut errors);
            reg.order.push(p.id.clone());
            for f in &p.formerly {
                let f_id = f.id().to_string();
                let fline = former_line_of(&f_id);
                former_at.insert(f_id.clone(), fline);
                declare(f_id.clone(), &|| fline, &mut errors);
                reg.former.insert(f_id.clone(), p.id.clone());
                reg.former_names.insert(f_id, f.names());
            }
            let mut children = Vec::new();
            for c in &p.children {
                let cline = line_of(&c.id);
                check_id(&c.id, cline, &mut errors);
                if !matches!(c.level.as_str(), "commune" | "ward" | "special-zone") {
                    errors.push(Diagnostic::new(
                        LOCALITIES_FILE,
                        cline,
                        1,
                        t!("site-locality-unit-level", id = &c.id, level = &c.level),
                    ));
                }
                if !c.children.is_empty() {
                    errors.push(Diagnostic::new(
                        LOCALITIES_FILE,
                        cline,
                        1,
                        t!("site-locality-unit-has-children", id = &c.id),
                    ));
                }
                let full = format!("{}/{}", p.id, c.id);
                declare(full.clone(), &|| cline, &mut errors);
                reg.order.push(full.clone());
                for f in &c.formerly {
                    let former_full = format!("{}/{}", p.id, f.id());
                    let fline = former_line_of(f.id());
                    former_at.insert(former_full.clone(), fline);
                    declare(former_full.clone(), &|| fline, &mut errors);
                    reg.former.insert(former_full.clone(), full.clone());
                    reg.former_names.insert(former_full, f.names());
                }
                children.push(full.clone());
                reg.localities.insert(
                    full.clone(),
                    Locality {
                        id: full,
                        level: c.level.clone(),
                        names: c.name.clone(),
                        children: Vec::new(),
                    },
                );
            }
            reg.localities.insert(
                p.id.clone(),
                Locality {
                    id: p.id.clone(),
                    level: p.level.clone(),
                    names: p.name.clone(),
                    children,
                },
            );
        }
        // A former id that is also a current one would make resolution loop or be ambiguous.
        for (former, current) in &reg.former {
            if reg.localities.contains_key(former) {
                errors.push(Diagnostic::new(
                    LOCALITIES_FILE,
                    former_at.get(former).copied().unwrap_or(0),
                    1,
                    t!("site-former-is-current", former = former, current = current),
                ));
            }
        }
        if errors.is_empty() {
            Ok(reg)
        } else {
            Err(errors)
        }
    }

    /// The name of a former unit in `lang`: its registry name, else (for `ha-nam/x`) the former
    /// province's, else its id in words (`ha-nam` → "Ha Nam").
    pub fn former_name(&self, former: &str, lang: &str, default_lang: &str) -> String {
        let named = |id: &str| {
            self.former_names
                .get(id)
                .and_then(|names| {
                    names
                        .get(lang)
                        .or_else(|| names.get(default_lang))
                        .or_else(|| names.values().next())
                })
                .cloned()
        };
        if let Some(name) = named(former) {
            return name;
        }
        if let Some((province, _)) = former.split_once('/')
            && self.former.contains_key(province)
            && let Some(name) = named(province)
        {
            return name;
        }
        let last = former.rsplit('/').next().unwrap_or(former);
        last.split('-')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The province of a unit (`ninh-binh/hoa-lu` → `ninh-binh`).
    pub fn province_of(id: &str) -> &str {
        id.split('/').next().unwrap_or(id)
    }

    /// An item's `locality` as a current unit, or the problem to report at its place; `None`
    /// when the registry itself could not be read (that is reported once, not per item).
    pub fn resolve_at(
        &self,
        path: &Path,
        locality: &Located<String>,
    ) -> Result<Option<Resolved>, Diagnostic> {
        match self.resolve(&locality.value) {
            Ok(r) => Ok(Some(r)),
            Err(_) if self.unavailable => Ok(None),
            Err(message) => Err(
                Diagnostic::new(path, locality.line, locality.column, message).with_key("locality"),
            ),
        }
    }

    /// Resolves an item's `locality` (current or former id) to a current unit.
    pub fn resolve(&self, id: &str) -> Result<Resolved, Text> {
        if self.localities.contains_key(id) {
            return Ok(Resolved {
                id: id.to_string(),
                former: None,
            });
        }
        if let Some(current) = self.former.get(id) {
            return Ok(Resolved {
                id: current.clone(),
                former: Some(id.to_string()),
            });
        }
        // `ha-nam/x`: a former province followed by a unit now under its successor.
        if let Some((province, unit)) = id.split_once('/')
            && let Some(successor) = self.former.get(province)
        {
            let candidate = format!("{successor}/{unit}");
            if let Ok(r) = self.resolve(&candidate) {
                return Ok(Resolved {
                    id: r.id,
                    former: Some(id.to_string()),
                });
            }
        }
        if self.localities.is_empty() {
            return Err(t!("site-locality-no-registry", id = id));
        }
        let all: Vec<&str> = self
            .localities
            .keys()
            .chain(self.former.keys())
            .map(String::as_str)
            .collect();
        let hint = suggest(id, &all).or_else(|| {
            all.iter()
                .copied()
                .filter(|c| c.ends_with(&format!("/{id}")))
                .min_by_key(|c| edit_distance(id, c))
        });
        Err(match hint {
            Some(s) => t!("site-locality-unknown-suggest", id = id, suggestion = s),
            None => t!("site-locality-unknown", id = id),
        })
    }
}

fn check_id(id: &str, line: usize, errors: &mut Vec<Diagnostic>) {
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        errors.push(Diagnostic::new(
            LOCALITIES_FILE,
            line,
            1,
            t!("site-locality-id-invalid", id = id),
        ));
    }
}

/// For every id, the lines (1-based, in order) that declare it as `id: <id>`.
fn id_lines(text: &str) -> std::collections::HashMap<String, std::collections::VecDeque<usize>> {
    let mut lines: std::collections::HashMap<String, std::collections::VecDeque<usize>> =
        Default::default();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim_start().trim_start_matches("- ").trim_start();
        if let Some(v) = l.strip_prefix("id:") {
            let id = v
                .split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            lines.entry(id.to_string()).or_default().push_back(i + 1);
        }
    }
    lines
}

/// For every id listed under a `formerly:` key, the lines (1-based, in order) that list it:
/// `formerly: [a, b]`, `- a` entries, or `- { id: a, name: ... }` entries.
fn formerly_lines(
    text: &str,
) -> std::collections::HashMap<String, std::collections::VecDeque<usize>> {
    let mut lines: std::collections::HashMap<String, std::collections::VecDeque<usize>> =
        Default::default();
    let mut push = |id: &str, line: usize| {
        let id = id.trim().trim_matches(['"', '\'']);
        if !id.is_empty() {
            lines.entry(id.to_string()).or_default().push_back(line);
        }
    };
    let mut block: Option<usize> = None; // indentation of an open `formerly:` key
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split(" #").next().unwrap_or(raw);
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
        if let Some(rest) = trimmed.strip_prefix("formerly:") {
            let rest = rest.trim();
            if let Some(inside) = rest.strip_prefix('[') {
                inside
                    .trim_end_matches(']')
                    .split(',')
                    .for_each(|id| push(id, i + 1));
                block = None;
            } else {
                block = Some(indent);
            }
            continue;
        }
        match block {
            Some(key_indent)
                if indent > key_indent
                    || (indent == key_indent && line.trim_start().starts_with('-')) =>
            {
                let entry = line.trim_start().trim_start_matches('-').trim();
                if let Some(map) = entry.strip_prefix('{') {
                    if let Some(id) = map
                        .split(',')
                        .find_map(|part| part.trim().strip_prefix("id:"))
                    {
                        push(id.trim_end_matches('}'), i + 1);
                    }
                } else if let Some(id) = entry.strip_prefix("id:") {
                    push(id, i + 1);
                } else if !entry.contains(':') {
                    push(entry, i + 1);
                }
            }
            Some(_) if !line.trim().is_empty() => block = None,
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGISTRY: &str = "\
- id: ninh-binh
  level: province
  name: { vi: Ninh Bình, en: Ninh Binh }
  formerly: [ha-nam, nam-dinh]
  children:
    - id: ngoc-son
      level: ward
      name: { vi: Phường Ngọc Sơn }
      formerly: [ngoc-son-cu]
";

    #[test]
    fn former_units_resolve_to_their_successor() {
        let r = Registry::parse(REGISTRY).unwrap();
        assert_eq!(r.resolve("ninh-binh").unwrap().former, None);
        let ha_nam = r.resolve("ha-nam").unwrap();
        assert_eq!(
            (ha_nam.id.as_str(), ha_nam.former.as_deref()),
            ("ninh-binh", Some("ha-nam"))
        );
        assert_eq!(
            r.resolve("ha-nam/ngoc-son").unwrap().id,
            "ninh-binh/ngoc-son"
        );
        assert_eq!(
            r.resolve("ninh-binh/ngoc-son-cu").unwrap().id,
            "ninh-binh/ngoc-son"
        );
        assert_eq!(
            r.resolve("nam-dinh/ngoc-son-cu").unwrap().id,
            "ninh-binh/ngoc-son"
        );
    }

    #[test]
    fn unknown_id_suggests_the_closest() {
        let r = Registry::parse(REGISTRY).unwrap();
        let err = r.resolve("ninh-bin").unwrap_err();
        assert!(err.contains("did you mean `ninh-binh`"), "{err}");
    }

    #[test]
    fn an_unknown_locality_is_told_in_vietnamese_with_its_likely_id() {
        use crate::messages::{Language, in_language};
        let r = Registry::parse(REGISTRY).unwrap();
        let err = in_language(Language::Vietnamese, || r.resolve("ninh-bin").unwrap_err());
        assert_eq!(
            err.as_str(),
            "đang là `ninh-bin`, không có trong data/localities.yaml (có phải ý bạn là `ninh-binh`?); cần mã tỉnh, hoặc mã tỉnh/xã"
        );
        let err = r.resolve("ninh-bin").unwrap_err();
        assert_eq!(
            err.as_str(),
            "found `ninh-bin`, which is not in data/localities.yaml (did you mean `ninh-binh`?); expected a province id or province/commune id"
        );
    }

    #[test]
    fn duplicate_ids_name_both_lines() {
        let text = format!("{REGISTRY}- id: ninh-binh\n  level: province\n  name: {{ vi: X }}\n");
        let errs = Registry::parse(&text).unwrap_err();
        assert!(errs[0].message.contains("line 1"), "{errs:?}");
        assert_eq!(errs[0].line, 10);
    }

    #[test]
    fn a_former_commune_listed_twice_is_named_at_both_lines() {
        let text = format!(
            "{REGISTRY}    - id: hoa-lu\n      level: ward\n      name: {{ vi: Hoa Lư }}\n      formerly:\n        - ngoc-son-cu\n"
        );
        let errs = Registry::parse(&text).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].line, 14, "{errs:?}");
        assert!(errs[0].message.contains("on line 9"), "{errs:?}");
    }

    #[test]
    fn names_fall_back_to_default_language() {
        let r = Registry::parse(REGISTRY).unwrap();
        let ward = &r.localities["ninh-binh/ngoc-son"];
        assert_eq!(ward.name("en", "vi"), "Phường Ngọc Sơn");
        assert_eq!(r.localities["ninh-binh"].name("en", "vi"), "Ninh Binh");
    }
}
