//! Images, a stage between the library and rendering: every local JPEG or PNG image a page
//! shows (Markdown body images and front-matter `image`) is resized at build time into a few
//! widths and published under `img/` with content-hashed names, so that a phone loads the
//! smallest file that fills its screen (`srcset` and `sizes`). The work is cached between
//! builds in `.bantin-cache/images/`, keyed by the image's bytes and the settings, and each
//! image is processed once, however many pages show it. Other formats (GIF, SVG, WebP...) are
//! published as they are.
//!
//! This module is also the one place that makes the URLs of local images
//! ([`Images::responsive`]).

use crate::config::Config;
use crate::diagnostic::{Diagnostic, line_col};
use crate::library::{Item, ItemId, Library};
use crate::markdown::MarkdownOptions;
use crate::messages::{Text, io_error};
use crate::render::links::{LocalImage, image_size, resolve_local_image};
use crate::t;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The widths images are resized to, in pixels. An image is never enlarged: a narrower image
/// gets the widths below its own and its own width, a wider one these three.
pub const WIDTHS: [u32; 3] = [360, 720, 1080];
/// Quality of the JPEG files made from JPEG images.
pub const JPEG_QUALITY: u8 = 80;
/// How wide an image is shown, for the browser's choice in `srcset`: the default theme's
/// content column (40rem at most, the full width of a phone's screen below that).
pub const SIZES: &str = "(min-width: 42rem) 40rem, 100vw";
/// The cache folder, relative to the site folder.
pub const CACHE_DIR: &str = ".bantin-cache/images";
/// The published folder of resized images.
const OUTPUT_DIR: &str = "img";
/// Link previews (Open Graph) want an image at least this wide.
const PREVIEW_MIN_WIDTH: u32 = 600;
/// Changes with everything that changes the files made: a cached result made with other
/// settings or by an older bantin is not used.
const SETTINGS: &str =
    "bantin-images v1; widths 360 720 1080; jpeg q80 4:2:0; png best; webp lossless if smaller";

/// The formats bantin writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }
}

/// One resized file of an image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// Its size in bytes (0 in a dry run, where nothing is encoded).
    pub bytes: u64,
}

/// What processing an image made; stored as `manifest.json` in its cache folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    settings: String,
    /// In the image's own format, narrowest first; the widest is the image's full size (at
    /// most the widest of [`WIDTHS`]).
    fallback: Vec<Variant>,
    /// Lossless WebP, narrowest first; empty when WebP would not be smaller.
    webp: Vec<Variant>,
}

/// A processed image, as pages use it.
#[derive(Debug, Clone)]
struct Processed {
    key: String,
    /// The slug of the file name, for readable published names.
    stem: String,
    /// The cache folder that holds the files.
    dir: PathBuf,
    entry: Entry,
}

impl Processed {
    /// The published file of a variant, relative to the output folder:
    /// `img/anh-bia.1a2b3c4d5e.720.jpg`.
    fn output_file(&self, v: &Variant) -> String {
        format!(
            "{OUTPUT_DIR}/{}.{}.{}.{}",
            self.stem,
            &self.key[..10],
            v.width,
            v.format.extension()
        )
    }

    fn cached_file(&self, v: &Variant) -> PathBuf {
        self.dir.join(cache_name(v))
    }
}

fn cache_name(v: &Variant) -> String {
    format!("{}.{}", v.width, v.format.extension())
}

/// What is wrong with an image file; [`ImageProblem::message`] says it about the file.
#[derive(Debug, Clone)]
enum ImageProblem {
    Unreadable(std::sync::Arc<std::io::Error>),
    /// Named `.jpg` or `.png` (`claimed`) but of another format (`found`, e.g. `GIF`).
    OtherFormat {
        claimed: &'static str,
        found: String,
    },
    /// Named `.jpg` or `.png` but of no format known.
    UnknownKind {
        claimed: &'static str,
    },
    /// The cache folder `dir` cannot be written.
    Cache {
        dir: PathBuf,
        error: std::sync::Arc<std::io::Error>,
    },
    /// A decoder gave up (panicked) on it.
    Damaged,
    /// What the decoder said.
    Undecodable(String),
    TooLarge,
    TooManyPixels {
        width: u32,
        height: u32,
    },
    Empty,
    TooWideForJpeg,
    TooTallForJpeg,
    PixelFormatForJpeg,
    /// The encoder (of `format`) said `error`.
    Unencodable {
        format: String,
        error: String,
    },
}

impl ImageProblem {
    /// The problem, told about the image `path`.
    fn message(&self, path: &Path) -> Text {
        use ImageProblem as P;
        let path = path.display();
        match self {
            P::Unreadable(e) => t!("build-image-unreadable", path = path, error = io_error(e)),
            P::OtherFormat { claimed, found } => {
                t!(
                    "build-image-other-format",
                    path = path,
                    claimed = *claimed,
                    found = found
                )
            }
            P::UnknownKind { claimed } => {
                t!("build-image-unknown-kind", path = path, claimed = *claimed)
            }
            P::Cache { dir, error } => {
                let (cache, error) = (dir.display(), io_error(error));
                t!(
                    "build-image-cache-unwritable",
                    path = path,
                    cache = cache,
                    error = error
                )
            }
            P::Damaged => t!("build-image-damaged", path = path),
            P::Undecodable(cause) => t!("build-image-undecodable", path = path, cause = cause),
            P::TooLarge => t!("build-image-too-large", path = path),
            P::TooManyPixels { width, height } => {
                t!(
                    "build-image-too-many-pixels",
                    path = path,
                    width = width,
                    height = height
                )
            }
            P::Empty => t!("build-image-empty", path = path),
            P::TooWideForJpeg => t!("build-image-too-wide-for-jpeg", path = path),
            P::TooTallForJpeg => t!("build-image-too-tall-for-jpeg", path = path),
            P::PixelFormatForJpeg => t!("build-image-pixel-format-for-jpeg", path = path),
            P::Unencodable { format, error } => {
                t!(
                    "build-image-unencodable",
                    path = path,
                    format = format,
                    error = error
                )
            }
        }
    }
}

/// How many images a build showed, and how many of them had to be processed.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct ImageStats {
    /// Local JPEG and PNG images shown by pages (distinct files).
    pub images: usize,
    /// Images resized and encoded in this build (files with the same content count once).
    pub processed: usize,
    /// Images whose files came from the cache.
    pub cached: usize,
}

/// An image's URL, size and resized versions, as a page shows it (templates get it as
/// `{url, width, height, srcset, webp_srcset, sizes}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Responsive {
    /// `src`: a version at least 600 pixels wide when there is one, else the widest.
    pub url: String,
    /// The size of the widest version (for `width` and `height`, so that pages do not jump).
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// `srcset` of the versions in the image's own format (`None` when there is only one).
    pub srcset: Option<String>,
    /// `srcset` of the WebP versions, for a `<source type="image/webp">`.
    pub webp_srcset: Option<String>,
    /// `sizes`, whenever there is a `srcset`.
    pub sizes: Option<String>,
    /// The version for link previews: URL, width, height.
    #[serde(skip)]
    pub preview: Option<(String, Option<u32>, Option<u32>)>,
}

/// Every processed image of a build, by the path of its source file.
#[derive(Debug, Default)]
pub struct Images {
    by_file: HashMap<PathBuf, Processed>,
    /// The processed files each item shows, so that an edit can tell which files no item
    /// shows any more.
    by_item: HashMap<ItemId, Vec<PathBuf>>,
    pub stats: ImageStats,
}

impl Images {
    /// How a page shows a local image: its resized versions when it was processed, else the
    /// file as published. Every URL of a local image is made here.
    pub fn responsive(&self, image: &LocalImage, config: &Config) -> Responsive {
        let Some(p) = self.by_file.get(&image.file) else {
            let (width, height) = image_size(&image.file);
            let url = config.url_path(&image.route);
            return Responsive {
                preview: Some((url.clone(), width, height)),
                url,
                width,
                height,
                ..Responsive::default()
            };
        };
        let url = |v: &Variant| config.url_path(&p.output_file(v));
        let fallback = &p.entry.fallback;
        let widest = fallback.last();
        let chosen = fallback
            .iter()
            .find(|v| v.width >= PREVIEW_MIN_WIDTH)
            .or(widest);
        let srcset = (fallback.len() > 1).then(|| srcset_of(fallback, &url));
        let webp_srcset = (!p.entry.webp.is_empty()).then(|| srcset_of(&p.entry.webp, &url));
        Responsive {
            url: chosen.map(&url).unwrap_or_default(),
            width: widest.map(|v| v.width),
            height: widest.map(|v| v.height),
            sizes: (srcset.is_some() || webp_srcset.is_some()).then(|| SIZES.to_string()),
            srcset,
            webp_srcset,
            preview: chosen.map(|v| (url(v), Some(v.width), Some(v.height))),
        }
    }

    /// Whether the image in `file` was processed.
    pub fn knows(&self, file: &Path) -> bool {
        self.by_file.contains_key(file)
    }

    /// After items were added, edited or removed (`changed`): forgets the processed images
    /// no item shows any more, as a full build would not make them. Whether any went.
    pub fn forget_unshown(&mut self, input: &ImageInput, changed: &BTreeSet<ItemId>) -> bool {
        let mut dropped: BTreeSet<PathBuf> = BTreeSet::new();
        for id in changed {
            dropped.extend(self.by_item.remove(id).unwrap_or_default());
            let Some(item) = input.library.items.get(*id) else {
                continue;
            };
            let shown: Vec<PathBuf> = item_references(input, item)
                .into_iter()
                .map(|(file, _)| file)
                .filter(|file| self.by_file.contains_key(file))
                .collect();
            if !shown.is_empty() {
                self.by_item.insert(*id, shown);
            }
        }
        if dropped.is_empty() {
            return false;
        }
        for files in self.by_item.values() {
            for file in files {
                dropped.remove(file);
            }
        }
        for file in &dropped {
            self.by_file.remove(file);
        }
        !dropped.is_empty()
    }

    /// Every published file of every processed image: (output file, cached file, origin).
    pub fn outputs(&self, root: &Path) -> Vec<(String, PathBuf, String)> {
        let mut out: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        for (file, p) in &self.by_file {
            let origin = crate::diagnostic::display_path(root, file)
                .to_string_lossy()
                .into_owned();
            for v in p.entry.fallback.iter().chain(&p.entry.webp) {
                out.entry(p.output_file(v))
                    .or_insert_with(|| (p.cached_file(v), origin.clone()));
            }
        }
        out.into_iter().map(|(f, (c, o))| (f, c, o)).collect()
    }
}

fn srcset_of(vs: &[Variant], url: &impl Fn(&Variant) -> String) -> String {
    vs.iter()
        .map(|v| format!("{} {}w", url(v), v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A place that shows an image: a Markdown file and the line and column of the image or of
/// its `image:` key.
#[derive(Debug, Clone)]
struct Reference {
    item: ItemId,
    path: PathBuf,
    line: usize,
    column: usize,
    front_matter: bool,
}

/// What the image stage needs from the loaded site.
pub struct ImageInput<'a> {
    pub root: &'a Path,
    pub library: &'a Library,
    pub static_dirs: &'a [PathBuf],
    pub md_options: &'a MarkdownOptions,
    /// Where processed images are kept between builds.
    pub cache_dir: &'a Path,
    /// Encode and cache (a build); `false` only decodes, to check the files (`bantin check`).
    pub encode: bool,
}

/// Every local image the site's pages show, with the places that show it. Images that do not
/// resolve are left out: rendering reports them.
fn references(input: &ImageInput) -> BTreeMap<PathBuf, Vec<Reference>> {
    // Finding a body's images parses its Markdown: in parallel, then gathered in item order.
    let found: Vec<Vec<(PathBuf, Reference)>> = input
        .library
        .items
        .par_iter()
        .map(|item| item.map_or_else(Vec::new, |item| item_references(input, item)))
        .collect();
    let mut refs: BTreeMap<PathBuf, Vec<Reference>> = BTreeMap::new();
    for (file, reference) in found.into_iter().flatten() {
        refs.entry(file).or_default().push(reference);
    }
    refs
}

/// The local images one item shows (its `image:` first, then its body's, in order).
fn item_references(input: &ImageInput, item: &Item) -> Vec<(PathBuf, Reference)> {
    let mut refs = Vec::new();
    let resolve = |dest: &str| {
        resolve_local_image(input.root, input.static_dirs, item, dest)
            .ok()
            .map(|i| i.file)
    };
    if let Some(image) = &item.source.front_matter.common.image {
        let value = image.value.trim();
        if !(value.starts_with("http://") || value.starts_with("https://"))
            && let Some(file) = resolve(value)
        {
            refs.push((
                file,
                Reference {
                    item: item.id,
                    path: item.source.rel_path.clone(),
                    line: image.line,
                    column: image.column,
                    front_matter: true,
                },
            ));
        }
    }
    let body = &item.source.body;
    for (dest, offset) in crate::markdown::local_image_refs(body, input.md_options) {
        if let Some(file) = resolve(&dest) {
            let (line, column) = line_col(body, offset);
            refs.push((
                file,
                Reference {
                    item: item.id,
                    path: item.source.rel_path.clone(),
                    line: item.source.body_line + line - 1,
                    column,
                    front_matter: false,
                },
            ));
        }
    }
    refs
}

/// Finds, checks and processes every local image of the site (in parallel, each distinct
/// image once). A file that cannot be read or decoded is an error at every place that shows it.
pub fn process_images(input: &ImageInput) -> (Images, Vec<Diagnostic>) {
    let refs = references(input);
    // Identify every file; the key names its cache entry. A file unchanged since the last
    // build (same length and modification time) is not read again.
    let stamps = Stamps::load(input.cache_dir);
    let name = |file: &Path| {
        crate::diagnostic::display_path(input.root, file)
            .to_string_lossy()
            .into_owned()
    };
    let identified: Vec<(&PathBuf, Result<Option<Identified>, ImageProblem>)> = refs
        .par_iter()
        .map(|(file, _)| (file, identify(file, stamps.0.get(&name(file)))))
        .collect();
    // One file per distinct content.
    let mut by_key: BTreeMap<&str, (&PathBuf, SourceFormat)> = BTreeMap::new();
    for (file, found) in &identified {
        if let Ok(Some(found)) = found {
            by_key
                .entry(found.key.as_str())
                .or_insert((file, found.format));
        }
    }
    let processed = AtomicUsize::new(0);
    let cached = AtomicUsize::new(0);
    let results: HashMap<&str, Result<Entry, ImageProblem>> = by_key
        .par_iter()
        .map(|(&key, &(file, format))| {
            let dir = input.cache_dir.join(key);
            if let Some(entry) = load_cached(&dir) {
                cached.fetch_add(1, Ordering::Relaxed);
                return (key, Ok(entry));
            }
            // Read again rather than kept from identify(): only the files to process are in
            // memory, one per thread.
            let bytes = match std::fs::read(file) {
                Ok(b) => b,
                Err(e) => return (key, Err(ImageProblem::Unreadable(e.into()))),
            };
            let result = process(&bytes, format, input.encode).and_then(|(entry, files)| {
                if input.encode {
                    store(input.cache_dir, key, &entry, files)?;
                    processed.fetch_add(1, Ordering::Relaxed);
                }
                Ok(entry)
            });
            (key, result)
        })
        .collect();

    let mut images = Images::default();
    let mut errors = Vec::new();
    for (file, found) in &identified {
        let problem = match found {
            Ok(None) => continue,
            Ok(Some(Identified { key, .. })) => match &results[key.as_str()] {
                Ok(entry) => {
                    for r in &refs[*file] {
                        let shown = images.by_item.entry(r.item).or_default();
                        if !shown.contains(*file) {
                            shown.push((*file).clone());
                        }
                    }
                    images.by_file.insert(
                        (*file).clone(),
                        Processed {
                            key: key.clone(),
                            stem: stem_slug(file),
                            dir: input.cache_dir.join(key),
                            entry: entry.clone(),
                        },
                    );
                    continue;
                }
                Err(e) => e.clone(),
            },
            Err(e) => e.clone(),
        };
        let shown = crate::diagnostic::display_path(input.root, file);
        for r in &refs[*file] {
            let d = Diagnostic::new(&r.path, r.line, r.column, problem.message(&shown));
            errors.push(if r.front_matter {
                d.with_key("image")
            } else {
                d
            });
        }
    }
    if input.encode {
        let current = identified.iter().filter_map(|(file, found)| match found {
            Ok(Some(found)) => found.stamp.clone().map(|s| (name(file), s)),
            _ => None,
        });
        stamps.update(input.root, input.cache_dir, current);
    }
    images.stats = ImageStats {
        images: images.by_file.len(),
        processed: processed.into_inner(),
        cached: cached.into_inner(),
    };
    (images, errors)
}

/// The formats bantin resizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SourceFormat {
    Jpeg,
    Png,
}

/// A file to process: its cache key (its bytes and the settings) and its format.
struct Identified {
    key: String,
    format: SourceFormat,
    /// To remember it by, when its length and modification time can be read.
    stamp: Option<Stamp>,
}

/// What a build found about a file, with the file's length and modification time: a later
/// build takes the key from here instead of reading and hashing the file again (a site
/// with thousands of photos would otherwise read them all on every build).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Stamp {
    len: u64,
    modified_secs: u64,
    modified_nanos: u32,
    key: String,
    format: SourceFormat,
}

impl Stamp {
    /// The file's length and modification time (read before the file, so that a file changed
    /// while it is read is not remembered with its new time), with `key` and `format` unset.
    fn of(file: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(file).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(Stamp {
            len: meta.len(),
            modified_secs: modified.as_secs(),
            modified_nanos: modified.subsec_nanos(),
            key: String::new(),
            format: SourceFormat::Jpeg,
        })
    }

    /// The same file, unchanged.
    fn same_file(&self, other: &Stamp) -> bool {
        (self.len, self.modified_secs, self.modified_nanos)
            == (other.len, other.modified_secs, other.modified_nanos)
    }
}

/// The stamps of the files seen by earlier builds, by path relative to the site folder
/// (`stamps.json` in the cache folder).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Stamps(BTreeMap<String, Stamp>);

impl Stamps {
    const FILE: &str = "stamps.json";

    fn load(cache: &Path) -> Stamps {
        std::fs::read_to_string(cache.join(Self::FILE))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Adds this build's stamps, forgets files that no longer exist, and writes the file when
    /// it changed (best effort: without it, the next build reads the files again).
    fn update(mut self, root: &Path, cache: &Path, current: impl Iterator<Item = (String, Stamp)>) {
        let before = serde_json::to_string(&self).unwrap_or_default();
        self.0.extend(current);
        self.0.retain(|name, _| root.join(name).is_file());
        let Ok(text) = serde_json::to_string(&self) else {
            return;
        };
        if text == before || std::fs::create_dir_all(cache).is_err() {
            return;
        }
        let tmp = cache.join(format!(".{}.{}", Self::FILE, std::process::id()));
        if std::fs::write(&tmp, text).is_ok()
            && std::fs::rename(&tmp, cache.join(Self::FILE)).is_err()
        {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

/// An entry and its encoded files.
type Encoded = (Entry, Vec<(Variant, Vec<u8>)>);

/// Reads a file and tells whether it is processed: `Ok(None)` for formats published as they
/// are, an error for a file that cannot be read or that claims to be JPEG or PNG but is not.
fn identify(file: &Path, known: Option<&Stamp>) -> Result<Option<Identified>, ImageProblem> {
    let now = Stamp::of(file);
    if let (Some(known), Some(now)) = (known, &now)
        && known.same_file(now)
    {
        return Ok(Some(Identified {
            key: known.key.clone(),
            format: known.format,
            stamp: Some(known.clone()),
        }));
    }
    let bytes = std::fs::read(file).map_err(|e| ImageProblem::Unreadable(e.into()))?;
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let format = match image::guess_format(&bytes) {
        Ok(ImageFormat::Jpeg) => SourceFormat::Jpeg,
        Ok(ImageFormat::Png) => SourceFormat::Png,
        found => {
            let claimed = match extension.as_str() {
                "jpg" | "jpeg" => "JPEG",
                "png" => "PNG",
                _ => return Ok(None),
            };
            return Err(match found {
                Ok(f) => ImageProblem::OtherFormat {
                    claimed,
                    // The format's usual extension (`GIF`), else its name.
                    found: f
                        .extensions_str()
                        .first()
                        .map_or_else(|| format!("{f:?}"), |e| e.to_string())
                        .to_uppercase(),
                },
                Err(_) => ImageProblem::UnknownKind { claimed },
            });
        }
    };
    let key = crate::hash::content_hash(&[SETTINGS.as_bytes(), &bytes]);
    let stamp = now
        .filter(|now| now.len == bytes.len() as u64)
        .map(|now| Stamp {
            key: key.clone(),
            format,
            ..now
        });
    Ok(Some(Identified { key, format, stamp }))
}

/// `Ảnh bìa.JPG` → `anh-bia`.
fn stem_slug(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = crate::text::slugify(&stem);
    if slug.is_empty() {
        "image".to_string()
    } else {
        slug
    }
}

/// A cached entry, if it is complete and made with the current settings.
fn load_cached(dir: &Path) -> Option<Entry> {
    let text = std::fs::read_to_string(dir.join("manifest.json")).ok()?;
    let entry: Entry = serde_json::from_str(&text).ok()?;
    let complete =
        entry.settings == SETTINGS
            && !entry.fallback.is_empty()
            && entry.fallback.iter().chain(&entry.webp).all(|v| {
                std::fs::metadata(dir.join(cache_name(v))).is_ok_and(|m| m.len() == v.bytes)
            });
    complete.then_some(entry)
}

/// Writes an entry's files into a fresh folder and renames it into place, so that a cache
/// entry is complete or absent, even when two builds run at once.
fn store(
    cache: &Path,
    key: &str,
    entry: &Entry,
    files: Vec<(Variant, Vec<u8>)>,
) -> Result<(), ImageProblem> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let cannot = |what: &Path, e: std::io::Error| ImageProblem::Cache {
        dir: what.to_path_buf(),
        error: e.into(),
    };
    let tmp = cache.join(format!(
        ".tmp-{key}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&tmp).map_err(|e| cannot(cache, e))?;
    let write = || -> std::io::Result<()> {
        for (v, bytes) in &files {
            std::fs::write(tmp.join(cache_name(v)), bytes)?;
        }
        let manifest = serde_json::to_string_pretty(entry).map_err(std::io::Error::other)?;
        std::fs::write(tmp.join("manifest.json"), manifest)
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(cannot(&tmp, e));
    }
    let dir = cache.join(key);
    if dir.exists() && load_cached(&dir).is_none() {
        // An incomplete entry (an interrupted older build): replaced.
        let _ = std::fs::remove_dir_all(&dir);
    }
    if let Err(e) = std::fs::rename(&tmp, &dir) {
        let _ = std::fs::remove_dir_all(&tmp);
        // Another build stored the same entry first.
        if load_cached(&dir).is_none() {
            return Err(cannot(&dir, e));
        }
    }
    Ok(())
}

/// The largest image processed: 40 megapixels (a 7,700 x 5,200 photo), 10,000 pixels a side.
/// Decoded as RGBA that is 160 MB, a bound that several images decoded at once still fit in.
const MAX_PIXELS: u64 = 40_000_000;
const MAX_SIDE: u32 = 10_000;

/// What the decoders may allocate, beyond the pixels checked above (their own buffers).
fn limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(4 * MAX_PIXELS + 64 * 1024 * 1024);
    limits
}

/// Decodes, resizes and encodes one image. A decoder that panics on a damaged file is an
/// error about that file, not a crash.
fn process(bytes: &[u8], format: SourceFormat, encode: bool) -> Result<Encoded, ImageProblem> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        process_unguarded(bytes, format, encode)
    }))
    .unwrap_or(Err(ImageProblem::Damaged))
}

fn process_unguarded(
    bytes: &[u8],
    format: SourceFormat,
    encode: bool,
) -> Result<Encoded, ImageProblem> {
    let decode_error = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => ImageProblem::TooLarge,
        e => ImageProblem::Undecodable(
            e.to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        ),
    };
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(match format {
        SourceFormat::Jpeg => ImageFormat::Jpeg,
        SourceFormat::Png => ImageFormat::Png,
    });
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    // The size in the header is checked before any pixel is decoded: a 70-byte file may
    // claim 100000 x 100000 pixels, and the decoder would allocate them all at once.
    let (claimed_width, claimed_height) = decoder.dimensions();
    if claimed_width > MAX_SIDE
        || claimed_height > MAX_SIDE
        || u64::from(claimed_width) * u64::from(claimed_height) > MAX_PIXELS
    {
        return Err(ImageProblem::TooManyPixels {
            width: claimed_width,
            height: claimed_height,
        });
    }
    // Photos from phones are often stored sideways with an Exif note to turn them.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    image.apply_orientation(orientation);
    let image = normalize(image);
    let (width, height) = (image.width(), image.height());
    if width == 0 || height == 0 {
        return Err(ImageProblem::Empty);
    }
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < width).collect();
    widths.push(width.min(WIDTHS[WIDTHS.len() - 1]));
    widths.dedup();
    let height_at = |w: u32| {
        let h = (u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width);
        u32::try_from(h.max(1)).unwrap_or(u32::MAX)
    };
    let fallback_format = match format {
        SourceFormat::Jpeg => Format::Jpeg,
        SourceFormat::Png => Format::Png,
    };
    if !encode {
        let fallback = widths
            .iter()
            .map(|&w| Variant {
                width: w,
                height: height_at(w),
                format: fallback_format,
                bytes: 0,
            })
            .collect();
        let entry = Entry {
            settings: SETTINGS.to_string(),
            fallback,
            webp: Vec::new(),
        };
        return Ok((entry, Vec::new()));
    }

    // Widest first, each narrower version from the previous one.
    let mut fallback: Vec<(Variant, Vec<u8>)> = Vec::new();
    let mut webp: Vec<(Variant, Vec<u8>)> = Vec::new();
    let mut current = image;
    for &w in widths.iter().rev() {
        let h = height_at(w);
        if current.width() != w {
            current = current.resize_exact(w, h, FilterType::Lanczos3);
        }
        let mut encoded = encode_as(&current, fallback_format)?;
        // At full size, the original file may already be smaller than a new encoding.
        if w == width && orientation == Orientation::NoTransforms && bytes.len() < encoded.len() {
            encoded = bytes.to_vec();
        }
        fallback.push((variant(w, h, fallback_format, &encoded), encoded));
        // Lossless WebP only pays for drawings and screenshots (PNG); for photos it is
        // several times larger than JPEG.
        if format == SourceFormat::Png {
            let encoded = encode_as(&current, Format::Webp)?;
            webp.push((variant(w, h, Format::Webp, &encoded), encoded));
        }
    }
    let total = |vs: &[(Variant, Vec<u8>)]| vs.iter().map(|(v, _)| v.bytes).sum::<u64>();
    if total(&webp) >= total(&fallback) {
        webp.clear();
    }
    let fallback = keep_smaller(fallback);
    let webp = keep_smaller(webp);
    let entry = Entry {
        settings: SETTINGS.to_string(),
        fallback: fallback.iter().map(|(v, _)| v.clone()).collect(),
        webp: webp.iter().map(|(v, _)| v.clone()).collect(),
    };
    Ok((entry, fallback.into_iter().chain(webp).collect()))
}

fn variant(width: u32, height: u32, format: Format, bytes: &[u8]) -> Variant {
    Variant {
        width,
        height,
        format,
        bytes: bytes.len() as u64,
    }
}

/// From versions widest first, keeps those smaller in bytes than every wider one kept (a
/// narrower file that is not lighter is of no use), narrowest first.
fn keep_smaller(widest_first: Vec<(Variant, Vec<u8>)>) -> Vec<(Variant, Vec<u8>)> {
    let mut kept: Vec<(Variant, Vec<u8>)> = Vec::new();
    for v in widest_first {
        if kept.last().is_none_or(|(last, _)| v.0.bytes < last.bytes) {
            kept.push(v);
        }
    }
    kept.reverse();
    kept
}

/// 8 bits per channel; grey stays grey, transparency is kept only where there is some.
fn normalize(image: DynamicImage) -> DynamicImage {
    let color = image.color();
    if color.has_alpha() {
        let rgba = image.to_rgba8();
        if rgba.pixels().all(|p| p.0[3] == u8::MAX) {
            if color.has_color() {
                DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).to_rgb8())
            } else {
                DynamicImage::ImageLuma8(DynamicImage::ImageRgba8(rgba).to_luma8())
            }
        } else {
            DynamicImage::ImageRgba8(rgba)
        }
    } else if color.has_color() {
        DynamicImage::ImageRgb8(image.to_rgb8())
    } else {
        DynamicImage::ImageLuma8(image.to_luma8())
    }
}

/// JPEG with 4:2:0 chroma subsampling and optimized Huffman tables (what cameras and image
/// editors write): about a fifth smaller than the image crate's own 4:4:4 encoder at the same
/// quality. Baseline, not progressive: progressive files came out about 8% larger.
fn encode_jpeg(image: &DynamicImage) -> Result<Vec<u8>, ImageProblem> {
    let (width, height) = (
        u16::try_from(image.width()).map_err(|_| ImageProblem::TooWideForJpeg)?,
        u16::try_from(image.height()).map_err(|_| ImageProblem::TooTallForJpeg)?,
    );
    let (bytes, color) = match image {
        DynamicImage::ImageLuma8(gray) => (gray.as_raw().as_slice(), jpeg_encoder::ColorType::Luma),
        DynamicImage::ImageRgb8(rgb) => (rgb.as_raw().as_slice(), jpeg_encoder::ColorType::Rgb),
        _ => return Err(ImageProblem::PixelFormatForJpeg),
    };
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_2_0);
    encoder.set_optimized_huffman_tables(true);
    encoder
        .encode(bytes, width, height, color)
        .map_err(|e| ImageProblem::Unencodable {
            format: "JPEG".to_string(),
            error: e.to_string(),
        })?;
    Ok(out)
}

fn encode_as(image: &DynamicImage, format: Format) -> Result<Vec<u8>, ImageProblem> {
    let mut out = Vec::new();
    let result = match format {
        Format::Jpeg => return encode_jpeg(image),
        Format::Png => image.write_with_encoder(PngEncoder::new_with_quality(
            &mut out,
            CompressionType::Best,
            PngFilter::Adaptive,
        )),
        Format::Webp => {
            // The WebP encoder takes RGB or RGBA.
            let converted;
            let image = match image {
                DynamicImage::ImageLuma8(_) => {
                    converted = DynamicImage::ImageRgb8(image.to_rgb8());
                    &converted
                }
                other => other,
            };
            image.write_with_encoder(WebPEncoder::new_lossless(&mut out))
        }
    };
    result.map_err(|e| ImageProblem::Unencodable {
        format: format!("{format:?}"),
        error: e.to_string(),
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            // Smooth gradients with some grain: compresses like a photo.
            let grain = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 7) % 16;
            image::Rgb([
                (x * 200 / width + grain) as u8,
                (y * 200 / height + grain) as u8,
                (100 + grain) as u8,
            ])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out, 90,
            ))
            .unwrap();
        out
    }

    #[test]
    fn widths_never_enlarge_and_end_with_the_full_size() {
        let (entry, files) = process(&photo(800, 400), SourceFormat::Jpeg, true).unwrap();
        let widths: Vec<u32> = entry.fallback.iter().map(|v| v.width).collect();
        assert_eq!(widths, [360, 720, 800]);
        assert_eq!(entry.fallback[0].height, 180);
        assert!(entry.webp.is_empty(), "no WebP for photos");
        assert_eq!(files.len(), 3);
        let (entry, _) = process(&photo(2000, 1000), SourceFormat::Jpeg, true).unwrap();
        let widths: Vec<u32> = entry.fallback.iter().map(|v| v.width).collect();
        assert_eq!(widths, [360, 720, 1080]);
    }

    #[test]
    fn a_photo_stored_sideways_is_turned_upright() {
        let img = image::RgbImage::from_fn(800, 400, |x, _| image::Rgb([(x / 4) as u8, 90, 90]));
        let mut jpeg = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut jpeg, 90);
        // Exif: a little-endian TIFF with one tag, Orientation (0x0112) = 6 (turn 90° clockwise).
        let mut exif = b"Exif\0\0II*\0\x08\0\0\0\x01\0".to_vec();
        exif.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0]);
        encoder.add_app_segment(1, exif).unwrap();
        encoder
            .encode(img.as_raw(), 800, 400, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        let (entry, _) = process(&jpeg, SourceFormat::Jpeg, true).unwrap();
        let sizes: Vec<(u32, u32)> = entry.fallback.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, [(360, 720), (400, 800)]);
    }

    #[test]
    fn a_damaged_file_is_an_error_not_a_panic() {
        let mut bytes = photo(400, 300);
        bytes.truncate(200);
        let e = process(&bytes, SourceFormat::Jpeg, true)
            .unwrap_err()
            .message(Path::new("static/anh.jpg"));
        assert!(e.contains("damaged") || e.contains("decoded"), "{e}");
    }
}
