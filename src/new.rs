//! `bantin new`: a new site, or a new content file with the right front matter and a
//! Vietnamese-aware slug. New items start as drafts so nothing half-written is published.

use crate::config::Config;
use crate::content::Kind;
use crate::date::Date;
use crate::locality::Registry;
use crate::messages::Text;
use crate::t;
use crate::text::{describe_char, slugify};
use crate::write::{cannot_create, cannot_read, cannot_write};
use std::path::{Path, PathBuf};

/// The site.yaml of a new site, commented in English and in Vietnamese (the run's language):
/// what it needs, and every other setting as a commented line with its default, to remove
/// the `#` from.
const SITE_YAML: [&str; 2] = [
    include_str!("../messages/en/new-site/site.yaml"),
    include_str!("../messages/vi/new-site/site.yaml"),
];

/// The data/localities.yaml of a new site: no localities, and an example to copy (English,
/// Vietnamese).
const LOCALITIES_YAML: [&str; 2] = [
    include_str!("../messages/en/new-site/localities.yaml"),
    include_str!("../messages/vi/new-site/localities.yaml"),
];

/// The English or the Vietnamese version of a file, for the run's language.
fn in_run_language(versions: [&'static str; 2]) -> &'static str {
    match crate::messages::language() {
        // French speaks English outside the studio.
        crate::messages::Language::English | crate::messages::Language::French => versions[0],
        crate::messages::Language::Vietnamese => versions[1],
    }
}

/// Creates a minimal site in `dir` (which must be missing or empty). Returns the files written.
pub fn new_site(dir: &Path) -> Result<Vec<PathBuf>, Text> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| cannot_read(dir, &e))?
            .next()
            .is_some()
    {
        return Err(t!("build-new-site-not-empty", path = dir));
    }
    let today = Date::today(&crate::date::default_zone()).iso();
    let files: Vec<(&str, String)> = vec![
        ("site.yaml", in_run_language(SITE_YAML).into()),
        (
            "content/articles/chao-mung.md",
            format!(
                "---\ntitle: Chào mừng đến với bản tin\ndate: {today}\ntopics: [dân vận khéo]\nauthor: Ban biên tập\n---\n\nĐây là bài viết đầu tiên. Sửa tệp này trong `content/articles/`, rồi chạy `bantin build`.\n\n## Viết bài mới\n\nChạy `bantin new article \"Tiêu đề bài viết\"`.\n"
            ),
        ),
        (
            "content/pages/gioi-thieu.md",
            "---\ntitle: Giới thiệu\n---\n\nTrang giới thiệu về bản tin.\n".into(),
        ),
        (
            "data/localities.yaml",
            in_run_language(LOCALITIES_YAML).into(),
        ),
        ("static/.gitkeep", String::new()),
        (".gitignore", "/public/\n/.bantin-cache/\n".into()),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        write_file(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `content/<section>/<slug>[.<lang>].md` for a new item. Returns its path.
pub fn new_item(root: &Path, kind: Kind, title: &str, lang: Option<&str>) -> Result<PathBuf, Text> {
    let (config, lang) = config_and_language(root, lang)?;
    let lang = lang.as_str();
    let title = crate::text::nfc(title.trim());
    check_title(&title)?;
    let slug = slugify(&title);
    if slug.is_empty() {
        return Err(t!("build-new-empty-slug"));
    }
    let suffix = if config.is_default_language(lang) {
        String::new()
    } else {
        format!(".{lang}")
    };
    let path = root
        .join("content")
        .join(kind.section())
        .join(format!("{slug}{suffix}.md"));
    if path.exists() {
        return Err(t!("build-new-exists", path = &path));
    }
    let text = front_matter_for(root, kind, &title, Date::today(&config.timezone))?;
    write_file(&path, &text)?;
    Ok(path)
}

/// The site's configuration and the language a new item is in (`lang`, which must be one of
/// site.yaml's, else the default language).
pub(crate) fn config_and_language(
    root: &Path,
    lang: Option<&str>,
) -> Result<(Config, String), Text> {
    let config = Config::load(root).map_err(|e| {
        // The problems of site.yaml, each already a message, one a line.
        Text::verbatim(
            e.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let lang = lang.unwrap_or(&config.default_language).to_string();
    if config.language(&lang).is_none() {
        let codes: Vec<_> = config.languages.iter().map(|l| l.code.as_str()).collect();
        let codes = codes.join(", ");
        return Err(t!(
            "build-unknown-language",
            lang = lang.as_str(),
            codes = codes
        ));
    }
    Ok((config, lang))
}

/// Writes `text` as `path`, creating the folders above it.
pub(crate) fn write_file(path: &Path, text: &str) -> Result<(), Text> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| cannot_create(parent, &e))?;
    }
    std::fs::write(path, text).map_err(|e| cannot_write(path, &e))
}

/// A title is one line of visible text: a control character would make front matter the build
/// refuses, and a line break could end the front matter early (`---`).
fn check_title(title: &str) -> Result<(), Text> {
    if let Some(c) = title.chars().find(|c| *c == '\n' || *c == '\r') {
        let character = describe_char(c);
        return Err(t!("build-new-title-line-break", character = character));
    }
    match crate::text::forbidden_char(title) {
        Some((_, c)) => Err(t!(
            "build-new-title-control-character",
            character = describe_char(c)
        )),
        None => Ok(()),
    }
}

/// A double-quoted YAML string (a tab is written as `\t`: front matter refuses raw tabs).
fn yaml_string(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\t', "\\t")
    )
}

pub(crate) fn front_matter_for(
    root: &Path,
    kind: Kind,
    title: &str,
    today: Date,
) -> Result<String, Text> {
    let mut fm = format!("---\ntitle: {}\n", yaml_string(title));
    let first_locality = Registry::load(root)
        .ok()
        .and_then(|r| r.order.first().cloned());
    match kind {
        Kind::Article => {
            fm.push_str(&format!("date: {}\n# summary: \ntopics: []\n", today.iso()));
            match &first_locality {
                Some(l) => fm.push_str(&format!("# locality: {l}\n")),
                None => fm.push_str("# locality: province/commune\n"),
            }
            fm.push_str("# author: \n# source: https://\n");
        }
        Kind::Model => {
            let locality = first_locality.ok_or_else(|| t!("build-new-model-needs-locality"))?;
            fm.push_str(&format!(
                "unit: {}\nunit_type: collective        # collective | individual\narea: economy                # economy | culture-society | defense-security | political-system\nstatus: registered           # registered | recognized\nyear: {}\n# recognized_in: {}\nlocality: {locality}\ntopics: []\n",
                yaml_string(title),
                today.year,
                today.year
            ));
        }
        Kind::Explainer => {
            let comment = t!("build-new-comment-policy");
            fm.push_str(&format!(
                "policy: {}   # {comment}\n# audience: \n# date: {}\ntopics: []\n",
                yaml_string(title),
                today.iso()
            ));
        }
        Kind::Bulletin => {
            let next = next_bulletin_number(root);
            fm.push_str(&format!(
                "date: {}\nnumber: {next}\nitems: []                    # {}\n",
                today.iso(),
                t!("build-new-comment-items")
            ));
        }
        Kind::Page => {}
    }
    let comment = t!("build-new-comment-draft");
    fm.push_str(&format!(
        "draft: true                    # {comment}\n---\n\n"
    ));
    if kind == Kind::Explainer {
        fm.push_str("## ?\n\n\n");
    }
    Ok(fm)
}

/// One more than the highest `number:` among existing bulletins.
fn next_bulletin_number(root: &Path) -> i64 {
    let dir = root.join("content/bulletins");
    let mut max = 0;
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            for line in text.lines() {
                if let Some(n) = line
                    .strip_prefix("number:")
                    .and_then(|v| v.trim().parse::<i64>().ok())
                {
                    max = max.max(n);
                }
            }
        }
    }
    max + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a template says, without its comments' words: its YAML lines and its commented
    /// settings (`# fallback: default`, `#   level: province`).
    fn settings(yaml: &str) -> Vec<String> {
        yaml.lines()
            .map(|l| l.split(" # ").next().unwrap_or(l).trim_end())
            .filter(|l| {
                let setting = l.trim_start().trim_start_matches('#').trim_start();
                let setting = setting.trim_start_matches("- ");
                !l.trim_start().starts_with('#')
                    || setting
                        .split_once(':')
                        .is_some_and(|(k, _)| !k.contains(' ') && !k.is_empty())
            })
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn both_languages_of_a_new_site_have_the_same_settings() {
        for [en, vi] in [SITE_YAML, LOCALITIES_YAML] {
            assert_eq!(settings(en), settings(vi));
            assert_ne!(en, vi, "the comments are translated");
            assert!(settings(en).len() > 8, "{:?}", settings(en));
        }
    }
}
