//! `bantin import`: documents editors receive turned into items (issue 17, in steps). So far
//! plain-text files, in UTF-8 or in the legacy Vietnamese encodings (`--encoding tcvn3|vni`):
//! the first line is the title, each further line a paragraph; the date comes from a
//! "ngày ... tháng ... năm ..." line when there is one. The item is the new-item template of
//! its kind (`bantin new`) with those filled in, and stays a draft until an editor reads it.

pub mod docx;
pub mod legacy;
pub mod odt;
mod signature;

use crate::content::Kind;
use crate::date::Date;
use crate::messages::Text;
use crate::studio::edit::{NewValue, set_key};
use crate::t;
use std::path::{Path, PathBuf};

/// What one document became.
pub struct Imported {
    /// The item written (`content/articles/<slug>/index.md`).
    pub item: PathBuf,
    /// What the import guessed or could not carry over, for the editor.
    pub notes: Vec<Text>,
}

/// The longest summary taken from a first paragraph, in characters.
const SUMMARY: usize = 300;

/// Whether `path` is a document `bantin import` takes from a folder (Word's temporary
/// `~$name.docx` files are not).
pub fn is_document(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    !name.starts_with("~$")
        && !name.starts_with('.')
        && matches!(extension.as_deref(), Some("docx" | "odt" | "txt"))
}

/// Imports `file` into the site at `root` as an item of `kind` in `lang`.
pub fn import_file(
    root: &Path,
    file: &Path,
    kind: Kind,
    lang: Option<&str>,
    encoding: Option<legacy::Legacy>,
) -> Result<Imported, Text> {
    let shown = file.display().to_string();
    let extension = file.extension().map(|e| e.to_string_lossy().to_lowercase());
    let bytes = std::fs::read(file).map_err(|e| {
        t!(
            "import-cannot-read",
            path = shown.as_str(),
            error = crate::messages::io_error(&e)
        )
    })?;
    match extension.as_deref() {
        Some("txt") => {}
        Some(format @ ("docx" | "odt")) => {
            let parsed = if format == "docx" {
                docx::read(&bytes)
            } else {
                odt::read(&bytes)
            };
            let parsed = parsed.map_err(|m| {
                t!(
                    "import-document-problem",
                    path = shown.as_str(),
                    problem = m
                )
            })?;
            return document_item(root, kind, lang, parsed, &shown);
        }
        _ => return Err(t!("import-not-yet", path = shown.as_str())),
    }
    let text = match encoding {
        Some(encoding) => legacy::decode_bytes(&bytes, encoding),
        None => {
            String::from_utf8(bytes).map_err(|_| t!("import-not-utf8", path = shown.as_str()))?
        }
    };
    let text = crate::text::nfc(text.trim_start_matches('\u{feff}'));
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines
        .next()
        .ok_or_else(|| t!("import-empty", path = shown.as_str()))?
        .to_string();
    let paragraphs: Vec<String> = lines
        .filter(|l| !is_dateline(l))
        .map(str::to_string)
        .collect();
    let mut done = write_item(root, kind, lang, &title, &paragraphs, &text, &[])?;
    sign(&mut done, &paragraphs, None)?;
    Ok(done)
}

/// The place-and-date line of an official document ("Phú Quý, ngày 5 tháng 11 năm 2025"):
/// it gives the date and is not part of the text.
fn is_dateline(line: &str) -> bool {
    line.chars().count() < 100 && vietnamese_date(line).is_some()
}

/// The item of a Word document: its title (the Title style, the first heading, or its
/// properties), its blocks, its pictures beside it.
fn document_item(
    root: &Path,
    kind: Kind,
    lang: Option<&str>,
    parsed: docx::Parsed,
    shown: &str,
) -> Result<Imported, Text> {
    let mut blocks = parsed.blocks;
    let title = match parsed.title {
        Some(title) => title,
        None if !blocks.is_empty() => blocks.remove(0).trim_start_matches('#').trim().to_string(),
        None => return Err(t!("import-empty", path = shown)),
    };
    let whole = blocks.join("\n");
    blocks.retain(|b| !is_dateline(b));
    let mut done = write_item(root, kind, lang, &title, &blocks, &whole, &parsed.pictures)?;
    done.notes.extend(parsed.notes);
    sign(&mut done, &blocks, parsed.author)?;
    Ok(done)
}

/// Sets the item's author: the signer of the report, or else the author the document's
/// properties name (unless that is a computer's default such as "Admin").
fn sign(done: &mut Imported, blocks: &[String], property: Option<String>) -> Result<(), Text> {
    let author = match signature::signer(blocks) {
        Some(signer) => Some((t!("import-author-signed", author = signer.as_str()), signer)),
        None => property
            .filter(|a| !signature::is_placeholder_author(a))
            .map(|a| (t!("import-author", author = a.as_str()), a)),
    };
    if let Some((note, author)) = author {
        let text = std::fs::read_to_string(&done.item).unwrap_or_default();
        let text = set_key(&text, "author", Some(&NewValue::Text(author)));
        crate::new::write_file(&done.item, &text)?;
        done.notes.push(note);
    }
    Ok(())
}

/// The item of a document's title and paragraphs, written as a new bundle.
fn write_item(
    root: &Path,
    kind: Kind,
    lang: Option<&str>,
    title: &str,
    paragraphs: &[String],
    whole: &str,
    pictures: &[docx::Picture],
) -> Result<Imported, Text> {
    let (config, lang) = crate::new::config_and_language(root, lang)?;
    let slug = crate::text::slugify(title);
    if slug.is_empty() {
        return Err(t!("build-new-empty-slug"));
    }
    let name = if config.is_default_language(&lang) {
        "index.md".to_string()
    } else {
        format!("index.{lang}.md")
    };
    let item = root
        .join("content")
        .join(kind.section())
        .join(&slug)
        .join(name);
    if item.exists() {
        return Err(t!("build-new-exists", path = &item));
    }
    let mut notes = Vec::new();
    let date = match vietnamese_date(whole) {
        Some(date) => {
            notes.push(t!("import-date-found", date = date.iso()));
            date
        }
        None => {
            notes.push(t!("import-date-today"));
            Date::today(&config.timezone)
        }
    };
    let mut text = crate::new::front_matter_for(root, kind, title, date)?;
    // The summary is the first paragraph of text (not a heading, list, table or picture).
    let first = paragraphs
        .iter()
        .find(|p| !p.starts_with(['#', '-', '|', '!', '>', '[']) && !p.starts_with("1."));
    if let Some(first) = first {
        let summary: String = plain(first).chars().take(SUMMARY).collect();
        text = set_key(&text, "summary", Some(&NewValue::Text(summary)));
        notes.push(t!("import-summary"));
    }
    if let Ok(registry) = crate::locality::Registry::load(root)
        && let Some((id, found)) = guess_locality(
            &registry,
            &format!("{title}\n{whole}"),
            &config.default_language,
        )
    {
        text = set_key(&text, "locality", Some(&NewValue::Plain(id.clone())));
        let comment = t!("import-locality-comment", name = found.as_str());
        text = text.replacen(
            &format!("\nlocality: {id}\n"),
            &format!("\nlocality: {id}   # {comment}\n"),
            1,
        );
        notes.push(t!(
            "import-locality",
            name = found.as_str(),
            id = id.as_str()
        ));
    }
    if !text.ends_with("\n\n") {
        text.push('\n');
    }
    text.push_str(&paragraphs.join("\n\n"));
    text.push('\n');
    crate::new::write_file(&item, &text)?;
    if let Some(folder) = item.parent() {
        for picture in pictures {
            let path = folder.join(&picture.name);
            std::fs::write(&path, &picture.bytes).map_err(|e| {
                let error = crate::messages::io_error(&e);
                t!("import-cannot-write", path = path.display(), error = error)
            })?;
        }
    }
    Ok(Imported { item, notes })
}

/// The unit of data/localities.yaml the text names first (a commune before a province when
/// both are named, a former unit as the unit it is now part of), with the name found: in
/// `default_lang` when the unit has one (the text may name it in another).
fn guess_locality(
    registry: &crate::locality::Registry,
    text: &str,
    default_lang: &str,
) -> Option<(String, String)> {
    let folded = format!("-{}-", crate::text::slugify(text));
    // (id, every name it may be written with, the name to show)
    let mut units: Vec<(&str, Vec<String>, String)> = Vec::new();
    for unit in registry.localities.values() {
        let shown = unit.name(default_lang, default_lang).to_string();
        units.push((&unit.id, unit.names.values().cloned().collect(), shown));
    }
    // Former units by their names, or by their ids in words ("ha-nam": "Ha Nam").
    for former in registry.former.keys() {
        let shown = registry.former_name(former, default_lang, default_lang);
        let mut names: Vec<String> = registry
            .former_names
            .get(former)
            .into_iter()
            .flat_map(|n| n.values().cloned())
            .collect();
        names.push(shown.clone());
        units.push((former, names, shown));
    }
    // A unit is named with its level or without ("Phường Hoa Lư", "Hoa Lư"); only names of
    // two syllables or more count: "An" alone would be found in "an toàn".
    let levels = [
        "xa-",
        "phuong-",
        "dac-khu-",
        "thi-tran-",
        "tinh-",
        "thanh-pho-",
    ];
    let first_at = |names: &[String]| {
        names
            .iter()
            .map(|n| crate::text::slugify(n))
            .flat_map(|key| {
                let bare = levels
                    .iter()
                    .find_map(|l| key.strip_prefix(l))
                    .map(str::to_string);
                [Some(key.clone()), bare]
            })
            .flatten()
            .filter(|key| key.contains('-'))
            .filter_map(|key| folded.find(&format!("-{key}-")))
            .min()
    };
    // The first place in the text; at the same place, the more precise unit.
    let (_, _, id, shown) = units
        .iter()
        .filter_map(|(id, names, shown)| {
            Some((
                first_at(names)?,
                std::cmp::Reverse(id.matches('/').count()),
                *id,
                shown,
            ))
        })
        .min()?;
    let current = registry.resolve(id).ok()?.id;
    Some((current, shown.clone()))
}

/// A paragraph's words without their Markdown (emphasis marks, links, footnote marks).
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("](") {
            rest = after.find(')').map_or("", |end| &after[end + 1..]);
            continue;
        }
        if let Some(after) = rest.strip_prefix("[^") {
            rest = after.find(']').map_or("", |end| &after[end + 1..]);
            continue;
        }
        if !matches!(c, '*' | '_' | '[' | '\\') {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The date of a "ngày 15 tháng 11 năm 2025" line (the form of Vietnamese official
/// documents), if the text has one.
pub fn vietnamese_date(text: &str) -> Option<Date> {
    let lower = text.to_lowercase();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("ngày") {
        rest = &rest[at + "ngày".len()..];
        let words: Vec<&str> = rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .take(5)
            .collect();
        if let [day, "tháng", month, "năm", year] = words.as_slice() {
            let number = |w: &str| w.trim_end_matches('.').parse::<u32>().ok();
            if let (Some(d), Some(m), Some(y)) = (number(day), number(month), number(year))
                && let Ok(date) = Date::parse(&format!("{y:04}-{m:02}-{d:02}"))
            {
                return Some(date);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_from_the_official_form() {
        let text = "UBND XÃ\nPhú Quý, ngày 5 tháng 11 năm 2025\nBáo cáo";
        assert_eq!(
            vietnamese_date(text).map(|d| d.iso()),
            Some("2025-11-05".to_string())
        );
        assert_eq!(
            vietnamese_date("Ngày 30 tháng 2 năm 2025"),
            None,
            "no such day"
        );
        assert_eq!(vietnamese_date("ngày hội đại đoàn kết"), None);
    }
}
