//! Pictures sent from the studio: checked by their bytes, stored in the item's bundle (an item
//! written as `x.md` becomes `x/index.md`, with its translations, so the picture can sit beside
//! it: its address does not change).

use std::path::{Path, PathBuf};

/// Larger pictures are refused: a phone photo is 2-6 MB, and the build resizes it anyway.
pub const MAX_PICTURE: usize = 16 << 20;

/// The picture formats the build resizes, told by their first bytes (never by the name the
/// browser sends).
pub fn picture_extension(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

/// Where an item's bundle is, and the moves that make it one: `content/articles/x.md` and
/// `x.en.md` go to `x/index.md` and `x/index.en.md`. An item that is a bundle already moves
/// nothing.
pub struct Bundle {
    pub folder: PathBuf,
    /// (from, to), absolute.
    pub moves: Vec<(PathBuf, PathBuf)>,
    /// The edited file's new path, relative to the site (`content/articles/x/index.md`).
    pub path: String,
}

pub fn bundle_of(root: &Path, path: &str, languages: &[String]) -> Option<Bundle> {
    let (folder, name) = path.rsplit_once('/')?;
    let stem = name.strip_suffix(".md")?;
    let (base, lang) = match stem.rsplit_once('.') {
        Some((base, suffix)) if languages.iter().any(|l| l == suffix) => (base, Some(suffix)),
        _ => (stem, None),
    };
    if base == "index" {
        return Some(Bundle {
            folder: root.join(folder),
            moves: Vec::new(),
            path: path.to_string(),
        });
    }
    let bundle = root.join(folder).join(base);
    let mut moves = Vec::new();
    let suffixes = std::iter::once(None).chain(languages.iter().map(|l| Some(l.as_str())));
    for suffix in suffixes {
        let (from, to) = match suffix {
            None => (format!("{base}.md"), "index.md".to_string()),
            Some(l) => (format!("{base}.{l}.md"), format!("index.{l}.md")),
        };
        let from = root.join(folder).join(from);
        if from.is_file() {
            moves.push((from, bundle.join(to)));
        }
    }
    let new_name = match lang {
        Some(l) => format!("index.{l}.md"),
        None => "index.md".to_string(),
    };
    Some(Bundle {
        folder: bundle,
        moves,
        path: format!("{folder}/{base}/{new_name}"),
    })
}

/// The Markdown of a file moved one folder down (`x.md` → `x/index.md`): every relative link
/// and picture target (`](../models/y.md)`, `](y.md)`, `[id]: ../y.md`) gets one more `../`, so
/// it leads where it led. Addresses (`https:`, `mailto:`), site paths (`/…`) and anchors stay.
pub fn deeper_links(text: &str) -> String {
    let relative = |target: &str| {
        let scheme = target
            .find(':')
            .is_some_and(|colon| !target[..colon].contains('/'));
        !(target.is_empty() || target.starts_with(['/', '#', '<']) || scheme)
    };
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        // A reference definition: `[id]: target`.
        if let Some(rest) = line.strip_prefix('[')
            && let Some(close) = rest.find("]: ")
            && relative(rest[close + 3..].trim_start())
        {
            let at = 1 + close + 3;
            out.push_str(&line[..at]);
            out.push_str("../");
            out.push_str(&line[at..]);
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("](") {
            out.push_str(&rest[..i + 2]);
            rest = &rest[i + 2..];
            if relative(rest) {
                out.push_str("../");
            }
        }
        out.push_str(rest);
    }
    out
}

/// A file name for the picture in `folder`: the name sent, as a slug, with the extension its
/// bytes have; `-2`, `-3`... when taken.
pub fn picture_name(folder: &Path, sent: &str, extension: &str) -> String {
    let stem = sent.rsplit_once('.').map_or(sent, |(stem, _)| stem);
    let mut slug = crate::text::slugify(stem);
    if slug.is_empty() {
        slug = "anh".to_string();
    }
    let mut name = format!("{slug}.{extension}");
    let mut n = 2;
    while folder.join(&name).exists() {
        name = format!("{slug}-{n}.{extension}");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_told_by_their_bytes() {
        assert_eq!(picture_extension(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("jpg"));
        assert_eq!(picture_extension(b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(picture_extension(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(picture_extension(b"<svg onload=alert(1)>"), None);
        assert_eq!(picture_extension(b"<html>"), None);
    }

    #[test]
    fn an_item_and_its_translations_move_into_a_bundle() {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path();
        std::fs::create_dir_all(root.join("content/articles")).expect("folders");
        for f in ["x.md", "x.en.md", "y.md"] {
            std::fs::write(root.join("content/articles").join(f), "---\n---\n").expect("file");
        }
        let langs = vec!["vi".to_string(), "en".to_string(), "fr".to_string()];
        let bundle = bundle_of(root, "content/articles/x.en.md", &langs).expect("bundle");
        assert_eq!(bundle.path, "content/articles/x/index.en.md");
        let moved: Vec<String> = bundle
            .moves
            .iter()
            .map(|(_, to)| to.strip_prefix(root).expect("inside").display().to_string())
            .collect();
        assert_eq!(
            moved,
            [
                "content/articles/x/index.md",
                "content/articles/x/index.en.md"
            ]
        );
        let already = bundle_of(root, "content/articles/z/index.md", &langs).expect("bundle");
        assert!(already.moves.is_empty());
        assert_eq!(
            picture_name(root, "Ảnh hội nghị.JPG", "jpg"),
            "anh-hoi-nghi.jpg"
        );
    }

    #[test]
    fn links_of_a_file_moved_one_folder_down_lead_where_they_led() {
        let text = "See [a](../models/y.md), ![p](p.jpg), [s](/about/), [w](https://x.vn/a), [t](#top), [m](mailto:a@b.vn).\n[id]: ../explainers/z.md\n";
        assert_eq!(
            deeper_links(text),
            "See [a](../../models/y.md), ![p](../p.jpg), [s](/about/), [w](https://x.vn/a), [t](#top), [m](mailto:a@b.vn).\n[id]: ../../explainers/z.md\n"
        );
    }
}
