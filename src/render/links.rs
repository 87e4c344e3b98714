//! Where an item's links and images point: source-file links to the target's URL (in the
//! linking item's language when a translation exists), local images to their file and
//! published place (their URLs and resized versions come from `images`).

use crate::library::{Item, normalize_path};
use crate::markdown::{ImageTarget, Resolver};
use crate::messages::Text;
use crate::render::view::View;
use crate::t;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Links and images of one item's body, through the view (so that the item's facts record
/// the items it links to and the images it shows).
pub struct ItemResolver<'a> {
    pub view: View<'a>,
    pub item: &'a Item,
}

/// The folder of an item's source file, relative to the site root.
fn source_dir(item: &Item) -> PathBuf {
    item.source
        .rel_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// A local image: its file, and the route its original is published at (`articles/x/anh.png`,
/// `anh/logo.png`).
#[derive(Debug, Clone, PartialEq)]
pub struct LocalImage {
    pub file: PathBuf,
    pub route: String,
}

/// Where an image written in an item (`![..](dest)` or `image: dest`) is: a file in the item's
/// bundle (relative), or `/`-rooted in static/. The error says what to do.
pub fn resolve_local_image(
    root: &Path,
    static_dirs: &[PathBuf],
    item: &Item,
    dest: &str,
) -> Result<LocalImage, Text> {
    let decoded = crate::text::percent_decode(dest.split(['?', '#']).next().unwrap_or(dest));
    if let Some(rooted) = decoded.strip_prefix('/') {
        let file = static_dirs
            .iter()
            .map(|d| d.join(rooted))
            .find(|p| p.is_file());
        let Some(file) = file else {
            return Err(t!(
                "build-image-not-in-static",
                dest = dest,
                rooted = rooted
            ));
        };
        return Ok(LocalImage {
            file,
            route: rooted.to_string(),
        });
    }
    let rel = normalize_path(&source_dir(item).join(&decoded))
        .ok_or_else(|| t!("build-image-climbs-out", dest = dest))?;
    let file = root.join(&rel);
    if !file.is_file() {
        return Err(t!("build-image-missing", dest = dest, path = rel.display()));
    }
    match (&item.source.bundle_dir, &item.bundle_route) {
        (Some(dir), Some(route)) if rel.starts_with(dir) => {
            let inside = rel
                .strip_prefix(dir)
                .ok()
                .and_then(crate::library::safe_relative)
                .unwrap_or_default();
            Ok(LocalImage {
                file,
                route: format!("{route}{inside}"),
            })
        }
        _ => {
            let name = rel.file_name().unwrap_or_default().to_string_lossy();
            let name = name.as_ref();
            Err(t!("build-image-outside-bundle", dest = dest, name = name))
        }
    }
}

impl ItemResolver<'_> {
    /// The item a source-file link (`../models/x.md#part`) leads to, in the linking item's
    /// language when translated, and the fragment; `None` for a file that could not be
    /// loaded (its own errors are reported, the link needs no message of its own).
    pub fn link_target(&self, dest: &str) -> Result<Option<(usize, Option<String>)>, Text> {
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (dest, None),
        };
        let decoded = crate::text::percent_decode(path);
        let target = normalize_path(&source_dir(self.item).join(&decoded))
            .ok_or_else(|| t!("build-link-climbs-out", dest = dest))?;
        let library = self.view.library();
        if let Some(&id) = library.by_source.get(&target) {
            return Ok(Some((
                self.view.translation(id, self.item.lang()).unwrap_or(id),
                fragment,
            )));
        }
        if library.unreadable.iter().any(|u| u.rel_path == target) {
            return Ok(None);
        }
        if library.drafts.contains(&target) {
            return Err(t!(
                "build-link-to-draft",
                dest = dest,
                path = target.display()
            ));
        }
        Err(t!("build-link-missing", dest = dest, path = &target))
    }
}

impl Resolver for ItemResolver<'_> {
    fn link_to_source(&self, dest: &str) -> Result<String, Text> {
        let Some((id, fragment)) = self.link_target(dest)? else {
            return Ok("#".to_string());
        };
        Ok(format!(
            "{}{}",
            self.view.config().url_path(&self.view.item(id).route),
            fragment.map(|f| format!("#{f}")).unwrap_or_default()
        ))
    }

    fn image(&self, dest: &str) -> Result<ImageTarget, Text> {
        let image = resolve_local_image(
            self.view.root(),
            &self.view.site.static_dirs,
            self.item,
            dest,
        )?;
        Ok(self.view.image(&image))
    }

    fn rooted(&self, url: &str) -> String {
        let config = self.view.config();
        let trimmed = url.trim_start_matches('/');
        if config.base_path != "/" && url.starts_with(&config.base_path) {
            url.to_string()
        } else {
            config.url_path(trimmed)
        }
    }
}

/// Width and height of an image file, when its format is known.
/// Many items show the same few images (a logo, a banner): each file is read once, and read
/// again only when its modification time or length changes (watch mode).
pub fn image_size(path: &Path) -> (Option<u32>, Option<u32>) {
    type Stamp = (Option<std::time::SystemTime>, u64);
    type Sizes = Mutex<HashMap<PathBuf, (Stamp, (Option<u32>, Option<u32>))>>;
    static SIZES: OnceLock<Sizes> = OnceLock::new();
    let sizes = SIZES.get_or_init(Default::default);
    let stamp: Stamp = match std::fs::metadata(path) {
        Ok(m) => (m.modified().ok(), m.len()),
        Err(_) => return (None, None),
    };
    if let Some((_, size)) = sizes
        .lock()
        .ok()
        .and_then(|m| m.get(path).copied())
        .filter(|(s, _)| *s == stamp)
    {
        return size;
    }
    let size = match imagesize::size(path) {
        Ok(s) => (u32::try_from(s.width).ok(), u32::try_from(s.height).ok()),
        Err(_) => (None, None),
    };
    if let Ok(mut m) = sizes.lock() {
        m.insert(path.to_path_buf(), (stamp, size));
    }
    size
}
