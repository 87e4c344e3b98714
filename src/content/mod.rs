//! Loading: discover the Markdown files under `content/`, tell their kind, language and
//! bundle from their place and name, and parse their front matter. Files are read and parsed
//! in parallel; every problem of every file is collected.

pub mod bundle_files;
pub mod front_matter;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, display_path};
use crate::locality::Registry;
use crate::t;
use front_matter::FrontMatter;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The kinds of content, each with its folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Article,
    Model,
    Explainer,
    Bulletin,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Article,
        Kind::Model,
        Kind::Explainer,
        Kind::Bulletin,
        Kind::Page,
    ];
    /// Kinds that have a listing (`/articles/`...).
    pub const LISTED: [Kind; 4] = [Kind::Article, Kind::Model, Kind::Explainer, Kind::Bulletin];

    /// The folder under `content/` and the first URL segment.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Article => "articles",
            Kind::Model => "models",
            Kind::Explainer => "explainers",
            Kind::Bulletin => "bulletins",
            Kind::Page => "pages",
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Model => "model",
            Kind::Explainer => "explainer",
            Kind::Bulletin => "bulletin",
            Kind::Page => "page",
        }
    }

    /// The UI string (themes' i18n files) that names the kind: `kind_article`.
    pub fn name_key(self) -> &'static str {
        match self {
            Kind::Article => "kind_article",
            Kind::Model => "kind_model",
            Kind::Explainer => "kind_explainer",
            Kind::Bulletin => "kind_bulletin",
            Kind::Page => "kind_page",
        }
    }

    pub fn from_section(section: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.section() == section)
    }

    /// The kind a form or an option names (`article`).
    pub fn from_singular(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.singular() == name)
    }
}

/// One Markdown file as found on disk, before and after parsing.
#[derive(Debug)]
pub struct Source {
    /// Path relative to the site root (`content/articles/x.md`): what editors see in errors.
    pub rel_path: PathBuf,
    pub kind: Kind,
    pub lang: String,
    /// `articles/x` for `content/articles/x.md`, `content/articles/x.en.md` and
    /// `content/articles/x/index.md`: how bulletins refer to items, and the default key that
    /// groups translations.
    pub reference: String,
    /// The last part of the reference: the slug when the front matter gives none.
    pub file_slug: String,
    /// The bundle folder (relative to the site root) when the item is `<slug>/index.md`.
    pub bundle_dir: Option<PathBuf>,
    pub front_matter: FrontMatter,
    pub body: String,
    /// File line where the body starts (for positions of Markdown problems).
    pub body_line: usize,
    /// A digest of the front matter text: watch mode tells a body-only edit by it.
    pub front_matter_digest: u64,
}

/// A Markdown file's place in the site, told from its path alone.
struct Found {
    abs: PathBuf,
    rel_path: PathBuf,
    kind: Kind,
    lang: String,
    reference: String,
    file_slug: String,
    bundle_dir: Option<PathBuf>,
}

/// Files that editors' tools leave behind and that are never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// A symbolic link among the site's files is refused, never skipped (its item or file would
/// vanish without a word) nor followed: a link may lead outside the site, and watch mode
/// would not see edits made to its target.
pub fn symlink_problem(root: &Path, path: &Path) -> Diagnostic {
    let message = match std::fs::read_link(path) {
        Ok(target) => t!("content-symbolic-link-to", target = target.display()),
        Err(_) => t!("content-symbolic-link"),
    };
    Diagnostic::file(display_path(root, path), message)
}

/// A Markdown file that was found but could not be loaded (its own errors say why): links
/// and bulletin entries that lead to it are not reported again.
#[derive(Debug, Clone)]
pub struct Unreadable {
    pub rel_path: PathBuf,
    pub reference: String,
}

/// What [`load_sources`] found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub errors: Vec<Diagnostic>,
    pub unreadable: Vec<Unreadable>,
}

/// Reads every item under `<root>/content`, with every problem found.
pub fn load_sources(root: &Path, config: &Config, registry: &Registry) -> Loaded {
    let content = root.join("content");
    let mut errors = Vec::new();
    let mut found = Vec::new();
    if !content.is_dir() {
        return Loaded {
            errors: vec![Diagnostic::file("content", t!("content-no-content-folder"))],
            ..Loaded::default()
        };
    }
    let walker = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_else(|| "content".into());
                errors.push(Diagnostic::file(
                    path,
                    t!(
                        "content-cannot-read",
                        error = crate::messages::walk_error(&e)
                    ),
                ));
                continue;
            }
        };
        if entry.depth() > 0 && entry.path_is_symlink() {
            errors.push(symlink_problem(root, entry.path()));
            continue;
        }
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        match classify(root, &content, entry.path(), config) {
            Ok(f) => found.push(f),
            Err(d) => errors.push(d),
        }
    }

    let parsed: Vec<(Unreadable, Result<Source, Vec<Diagnostic>>)> = found
        .into_par_iter()
        .map(|f| {
            let which = Unreadable {
                rel_path: f.rel_path.clone(),
                reference: f.reference.clone(),
            };
            (which, read_source(f, &config.timezone, registry))
        })
        .collect();
    let mut loaded = Loaded {
        sources: Vec::with_capacity(parsed.len()),
        errors,
        unreadable: Vec::new(),
    };
    for (which, p) in parsed {
        match p {
            Ok(s) => loaded.sources.push(s),
            Err(e) => {
                loaded.errors.extend(e);
                loaded.unreadable.push(which);
            }
        }
    }
    loaded
}

fn classify(root: &Path, content: &Path, abs: &Path, config: &Config) -> Result<Found, Diagnostic> {
    let rel_path = display_path(root, abs);
    let in_content = abs.strip_prefix(content).unwrap_or(abs);
    // File names from macOS arrive decomposed (NFD): references and slugs use NFC.
    let parts: Vec<String> = in_content
        .iter()
        .map(|p| crate::text::nfc(&p.to_string_lossy()))
        .collect();
    let sections: Vec<&str> = Kind::ALL.iter().map(|k| k.section()).collect();
    if parts.len() < 2 {
        let folders = sections.join(", ");
        let message = t!("content-file-directly-in-content", folders = folders);
        return Err(Diagnostic::file(rel_path, message));
    }
    let Some(kind) = Kind::from_section(&parts[0]) else {
        let (folder, folders) = (&parts[0], sections.join(", "));
        let message = t!("content-unknown-folder", folder = folder, folders = folders);
        return Err(Diagnostic::file(rel_path, message));
    };
    let file_name = &parts[parts.len() - 1];
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    let (base, lang) = match stem.rsplit_once('.') {
        Some((base, suffix)) => {
            if config.language(suffix).is_none() {
                let codes: Vec<_> = config.languages.iter().map(|l| l.code.as_str()).collect();
                let languages = codes.join(", ");
                let message = t!(
                    "content-unknown-language-suffix",
                    suffix = suffix,
                    languages = languages
                );
                return Err(Diagnostic::file(rel_path, message));
            }
            (base, suffix.to_string())
        }
        None => (stem, config.default_language.clone()),
    };
    let folders = &parts[1..parts.len() - 1];
    let (reference_parts, bundle_dir): (Vec<&str>, Option<PathBuf>) = if base == "index" {
        if folders.is_empty() {
            return Err(Diagnostic::file(
                rel_path,
                t!("content-index-directly-in-section", section = &parts[0]),
            ));
        }
        let dir = rel_path.parent().map(Path::to_path_buf);
        (folders.iter().map(String::as_str).collect(), dir)
    } else {
        let mut v: Vec<&str> = folders.iter().map(String::as_str).collect();
        v.push(base);
        (v, None)
    };
    let file_slug = reference_parts.last().copied().unwrap_or(base).to_string();
    Ok(Found {
        abs: abs.to_path_buf(),
        rel_path,
        kind,
        lang,
        reference: format!("{}/{}", kind.section(), reference_parts.join("/")),
        file_slug,
        bundle_dir,
    })
}

/// `zone`: the site's time zone, for date-times written without an offset.
fn read_source(
    f: Found,
    zone: &jiff::tz::TimeZone,
    registry: &Registry,
) -> Result<Source, Vec<Diagnostic>> {
    let bytes = std::fs::read(&f.abs).map_err(|e| {
        vec![Diagnostic::file(
            &f.rel_path,
            t!("content-cannot-read", error = crate::messages::io_error(&e)),
        )]
    })?;
    source_from_bytes(f, bytes, zone, registry)
}

/// An item file's text that is not (yet) on disk: the studio's preview of an unsaved form,
/// parsed exactly as the file would be.
pub fn source_from_text(
    root: &Path,
    config: &Config,
    registry: &Registry,
    abs: &Path,
    text: &str,
) -> Result<Source, Vec<Diagnostic>> {
    let found = classify(root, &root.join("content"), abs, config).map_err(|d| vec![d])?;
    source_from_bytes(found, text.as_bytes().to_vec(), &config.timezone, registry)
}

fn source_from_bytes(
    f: Found,
    bytes: Vec<u8>,
    zone: &jiff::tz::TimeZone,
    registry: &Registry,
) -> Result<Source, Vec<Diagnostic>> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = crate::diagnostic::line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        vec![Diagnostic::new(
            &f.rel_path,
            line,
            column,
            t!("content-not-utf8"),
        )]
    })?;
    // NFC on load: text typed on different keyboards gives byte-identical pages and slugs.
    let text = crate::text::nfc(&front_matter::normalize(text));
    let split = front_matter::split(&f.rel_path, &text).map_err(|d| vec![d])?;
    let front_matter = front_matter::parse(&f.rel_path, f.kind, &split, zone);
    // A control character in the body is reported with the front matter's problems.
    let body_problem = crate::text::forbidden_char(split.body).map(|(offset, c)| {
        let (line, column) = crate::diagnostic::line_col(split.body, offset);
        Diagnostic::new(
            &f.rel_path,
            split.body_line + line - 1,
            column,
            // src/text.rs words it.
            crate::text::forbidden_char_message(c),
        )
    });
    let front_matter = match (front_matter, body_problem) {
        (Ok(fm), None) => fm,
        (Ok(_), Some(d)) => return Err(vec![d]),
        (Err(rejected), d) => {
            let mut ds = rejected.errors;
            // The locality is checked too: one run shows every problem of the file.
            if let Some(l) = &rejected.locality
                && let Err(problem) = registry.resolve_at(&f.rel_path, l)
            {
                ds.push(problem);
            }
            ds.extend(d);
            return Err(ds);
        }
    };
    let (body, body_line) = (split.body.to_string(), split.body_line);
    let front_matter_digest = {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut h = DefaultHasher::new();
        text[..text.len() - split.body.len()].hash(&mut h);
        h.finish()
    };
    Ok(Source {
        rel_path: f.rel_path,
        kind: f.kind,
        lang: f.lang,
        reference: f.reference,
        file_slug: f.file_slug,
        bundle_dir: f.bundle_dir,
        front_matter,
        body,
        body_line,
        front_matter_digest,
    })
}

/// Reads one item file (`abs`, under `<root>/content`), as [`load_sources`] would.
pub fn load_source(
    root: &Path,
    config: &Config,
    registry: &Registry,
    abs: &Path,
) -> Result<Source, Vec<Diagnostic>> {
    if abs
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(vec![symlink_problem(root, abs)]);
    }
    let found = classify(root, &root.join("content"), abs, config).map_err(|d| vec![d])?;
    read_source(found, &config.timezone, registry)
}
