//! Themes: the templates, static files and UI strings a site is rendered with. The default
//! theme is compiled into the binary; a `themes/<name>/` folder on disk takes precedence, and
//! the site's own `templates/`, `static/` and `i18n/` override the theme file by file.

use crate::diagnostic::{Diagnostic, display_path};
use crate::library::FileSource;
use crate::messages::{Text, io_error};
use crate::t;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// The files of the theme and of the site's overrides, by kind, each keyed by its path inside
/// its folder (`article.html`, `style.css`, `vi.yaml`).
#[derive(Debug, Default)]
pub struct ThemeFiles {
    pub templates: BTreeMap<String, (String, PathBuf)>,
    pub statics: BTreeMap<String, (FileSource, String)>,
    pub i18n: BTreeMap<String, Vec<(String, PathBuf)>>,
    /// Static files published under a name with their content's fingerprint (every `.css`
    /// file: `style.css` → `style.3f2a9c1d.css`), so that browsers may keep them for good:
    /// the path in static/ → the published path.
    pub assets: BTreeMap<String, String>,
}

impl ThemeFiles {
    /// The path a static file is published at (its fingerprinted name, if it has one).
    pub fn published_name<'a>(&'a self, name: &'a str) -> &'a str {
        self.assets.get(name).map_or(name, String::as_str)
    }
}

/// Folders that hold `/`-rooted files (`image: /images/x.png`), in the order they are looked up:
/// the site's static/, then the theme's on disk.
pub fn static_dirs(root: &Path, theme: &str) -> Vec<PathBuf> {
    vec![
        root.join("static"),
        root.join("themes").join(theme).join("static"),
    ]
}

/// Reads the theme named in site.yaml, then the site's overrides.
pub fn load_theme(root: &Path, theme: &str) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let mut files = ThemeFiles::default();
    let mut errors = Vec::new();
    let theme_dir = root.join("themes").join(theme);
    if theme_dir.is_dir() {
        read_folder(root, &theme_dir, &mut files, &mut errors);
    } else if theme == "default" {
        for (rel, bytes) in THEME_FILES {
            let shown = PathBuf::from(t!("site-built-in-theme-file", file = *rel).into_string());
            add_file(
                rel,
                FileSource::Embedded(bytes),
                shown,
                &mut files,
                &mut errors,
            );
        }
    } else {
        return Err(vec![
            Diagnostic::file("site.yaml", t!("site-theme-not-found", theme = theme))
                .with_key("theme"),
        ]);
    }
    // The site's own folders override the theme file by file.
    for (folder, prefix) in [
        ("templates", "templates/"),
        ("static", "static/"),
        ("i18n", "i18n/"),
    ] {
        let dir = root.join(folder);
        if dir.is_dir() {
            read_tree(root, &dir, prefix, &mut files, &mut errors);
        }
    }
    for (name, (source, shown)) in &files.statics {
        if !name.to_ascii_lowercase().ends_with(".css") {
            continue;
        }
        match read_bytes(source) {
            Ok(bytes) => {
                let published = crate::hash::fingerprinted_name(name, &bytes);
                files.assets.insert(name.clone(), published);
            }
            Err(e) => errors.push(Diagnostic::file(shown, e)),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

fn read_folder(
    root: &Path,
    theme_dir: &Path,
    files: &mut ThemeFiles,
    errors: &mut Vec<Diagnostic>,
) {
    for (folder, prefix) in [
        ("templates", "templates/"),
        ("static", "static/"),
        ("i18n", "i18n/"),
    ] {
        let dir = theme_dir.join(folder);
        if dir.is_dir() {
            read_tree(root, &dir, prefix, files, errors);
        }
    }
}

fn read_tree(
    root: &Path,
    dir: &Path,
    prefix: &str,
    files: &mut ThemeFiles,
    errors: &mut Vec<Diagnostic>,
) {
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !crate::content::is_ignored_name(&e.file_name().to_string_lossy())
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(Diagnostic::file(display_path(root, dir), walk_problem(&e)));
                continue;
            }
        };
        if entry.depth() > 0 && entry.path_is_symlink() {
            errors.push(crate::content::symlink_problem(root, entry.path()));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(rel) = entry
            .path()
            .strip_prefix(dir)
            .ok()
            .and_then(crate::library::safe_relative)
        else {
            continue;
        };
        let shown = display_path(root, entry.path());
        add_file(
            &format!("{prefix}{rel}"),
            FileSource::Disk(entry.path().to_path_buf()),
            shown,
            files,
            errors,
        );
    }
}

fn add_file(
    rel: &str,
    source: FileSource,
    shown: PathBuf,
    files: &mut ThemeFiles,
    errors: &mut Vec<Diagnostic>,
) {
    if let Some(name) = rel.strip_prefix("templates/") {
        match read_text(&source) {
            Ok(text) => {
                files.templates.insert(name.to_string(), (text, shown));
            }
            Err(e) => errors.push(Diagnostic::file(shown, e)),
        }
    } else if let Some(name) = rel.strip_prefix("static/") {
        files.statics.insert(
            name.to_string(),
            (source, shown.to_string_lossy().into_owned()),
        );
    } else if let Some(name) = rel.strip_prefix("i18n/") {
        let Some(lang) = name.strip_suffix(".yaml") else {
            return;
        };
        match read_text(&source) {
            Ok(text) => files
                .i18n
                .entry(lang.to_string())
                .or_default()
                .push((text, shown)),
            Err(e) => errors.push(Diagnostic::file(shown, e)),
        }
    }
}

/// Why a folder could not be walked, in walkdir's words in English.
fn walk_problem(e: &walkdir::Error) -> Text {
    match (e.io_error(), e.path(), e.loop_ancestor()) {
        (_, Some(path), Some(ancestor)) => {
            let (path, ancestor) = (path.display(), ancestor.display());
            t!("site-cannot-read-loop", path = path, ancestor = ancestor)
        }
        (Some(io), Some(path), None) => {
            let (path, error) = (path.display(), io_error(io));
            t!("site-cannot-read-path", path = path, error = error)
        }
        (Some(io), None, _) => t!("site-cannot-read", error = io_error(io)),
        // walkdir has no other kind of error.
        _ => t!("site-cannot-read", error = Text::verbatim(e.to_string())),
    }
}

fn read_bytes(source: &FileSource) -> Result<Vec<u8>, Text> {
    match source {
        FileSource::Disk(p) => {
            std::fs::read(p).map_err(|e| t!("site-cannot-read", error = io_error(&e)))
        }
        FileSource::Embedded(b) => Ok(b.to_vec()),
    }
}

/// A template or UI-string file as NFC text (as every text bantin reads).
fn read_text(source: &FileSource) -> Result<String, Text> {
    let bytes = read_bytes(source)?;
    String::from_utf8(bytes)
        .map(|text| crate::text::nfc(&text))
        .map_err(|_| t!("site-not-utf8"))
}

/// A circle of `include` or `extends` as a diagnostic at the line that closes it (tera names
/// only the templates, which would be reported at `templates/`).
pub fn cycle_diagnostic(
    templates: &BTreeMap<String, (String, PathBuf)>,
    err: &tera::Error,
) -> Option<Diagnostic> {
    let (keyword, chain) = match err.kind() {
        tera::ErrorKind::CircularInclude { include_chain, .. } => ("include", include_chain),
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => {
            // tera lists the parents of `tpl`, ending with the one seen twice.
            let mut chain = vec![tpl.clone()];
            chain.extend(inheritance_chain.iter().cloned());
            return at_closing_line(templates, "extends", &chain);
        }
        _ => return None,
    };
    at_closing_line(templates, keyword, chain)
}

fn at_closing_line(
    templates: &BTreeMap<String, (String, PathBuf)>,
    keyword: &str,
    chain: &[String],
) -> Option<Diagnostic> {
    let [.., closing, target] = chain else {
        return None;
    };
    let (text, path) = templates.get(closing)?;
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let at = l.find(keyword)?;
            let rest = &l[at..];
            (rest.contains(&format!("\"{target}\"")) || rest.contains(&format!("'{target}'")))
                .then(|| (i + 1, l[..at].chars().count() + 1))
        })
        .unwrap_or((0, 0));
    let circle = chain.join(" → ");
    let (from, to) = (closing, target);
    let message = if keyword == "include" {
        t!("site-include-circle", from = from, to = to, circle = circle)
    } else {
        t!("site-extends-circle", from = from, to = to, circle = circle)
    };
    Some(Diagnostic::new(path, line, column, message))
}

/// For each template, every template it uses (through `extends`, `include` and components),
/// itself included: what an edit to one template makes stale in watch mode.
pub fn template_closures(
    templates: &BTreeMap<String, (String, PathBuf)>,
) -> BTreeMap<String, std::collections::BTreeSet<String>> {
    // Components are called by name (`<share_box ... />`): find the file that defines each.
    let mut components: BTreeMap<String, String> = BTreeMap::new();
    for (name, (text, _)) in templates {
        for rest in text.split("component ").skip(1) {
            let id: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !id.is_empty() && rest[id.len()..].starts_with('(') {
                components.insert(id, name.clone());
            }
        }
    }
    let direct: BTreeMap<&str, Vec<String>> = templates
        .iter()
        .map(|(name, (text, _))| {
            let mut uses: Vec<String> = Vec::new();
            for keyword in ["extends", "include"] {
                for rest in text.split(keyword).skip(1) {
                    let rest = rest.trim_start();
                    if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'')
                        && let Some(end) = rest[1..].find(quote)
                    {
                        uses.push(rest[1..1 + end].to_string());
                    }
                }
            }
            for (component, file) in &components {
                if text.contains(&format!("<{component} "))
                    || text.contains(&format!("<{component}/"))
                {
                    uses.push(file.clone());
                }
            }
            (name.as_str(), uses)
        })
        .collect();
    templates
        .keys()
        .map(|name| {
            let mut seen = std::collections::BTreeSet::new();
            let mut todo = vec![name.clone()];
            while let Some(t) = todo.pop() {
                if seen.insert(t.clone())
                    && let Some(uses) = direct.get(t.as_str())
                {
                    todo.extend(uses.iter().cloned());
                }
            }
            (name.clone(), seen)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_uses_what_it_extends_includes_and_calls() {
        let t = |text: &str| (text.to_string(), PathBuf::new());
        let templates: BTreeMap<String, (String, PathBuf)> = [
            ("base.html", t("{{ <css_text text={x} /> }}")),
            (
                "article.html",
                t("{% extends \"base.html\" %}{% include \"partials/share.html\" %}"),
            ),
            ("list.html", t("{% extends 'base.html' %}")),
            ("partials/share.html", t("{{ <share_box id=\"a\" /> }}")),
            (
                "partials/share_box.html",
                t("{% component share_box(id) %}{% endcomponent share_box %}"),
            ),
            (
                "partials/css_text.html",
                t("{% component css_text(text) %}{% endcomponent css_text %}"),
            ),
        ]
        .into_iter()
        .map(|(n, v)| (n.to_string(), v))
        .collect();
        let closures = template_closures(&templates);
        let users = |changed: &str| -> Vec<&str> {
            closures
                .iter()
                .filter(|(_, uses)| uses.contains(changed))
                .map(|(n, _)| n.as_str())
                .collect()
        };
        assert_eq!(
            users("partials/share_box.html"),
            [
                "article.html",
                "partials/share.html",
                "partials/share_box.html"
            ]
        );
        assert_eq!(
            users("partials/css_text.html"),
            [
                "article.html",
                "base.html",
                "list.html",
                "partials/css_text.html"
            ]
        );
        assert_eq!(users("list.html"), ["list.html"]);
    }
}
