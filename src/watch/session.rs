//! Rebuilds in watch mode. The loaded site and every item's summary stay in memory between
//! saves, and each batch of changed files is rebuilt as narrowly as it safely can be:
//!
//! - an item's body (front matter unchanged): that item's page, the print editions that carry
//!   it, its language's share page and the search indexes that hold it; when its summary
//!   changed too, also the listing pages, home pages, feeds, topic, locality and directory
//!   pages and bulletins that show it;
//! - a template: the pages made with a template that uses it (extends, include, component);
//! - a static file that already existed: that file;
//! - anything else (front matter, new, deleted or renamed files, site.yaml, data/, i18n/): a
//!   full build, staged and swapped in like `bantin build`.
//!
//! Partial rebuilds render into memory and are published only when they succeed, so a
//! mistake leaves the last good pages in place. The result of any series of rebuilds is the
//! same output as a full build (tests/watch.rs checks it).

use crate::content::{Kind, load_source};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::library::{FileSource, ItemId, Output};
use crate::pipeline::{
    BuildError, BuildOptions, LoadedSite, Selection, load_site, render_routes, warnings,
};
use crate::portable::PortableSink;
use crate::render::Renderer;
use crate::render::context::SummaryCtx;
use crate::taxonomy::keys_of;
use crate::write::{Prune, Publish, Sink};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What one rebuild did, for the terminal line.
#[derive(Debug)]
pub struct Rebuilt {
    /// `full`, `body`, `summary`, `templates`, `static` or `nothing`.
    pub scope: &'static str,
    /// Files rendered or copied.
    pub rendered: usize,
    /// Files whose bytes changed on disk (all of them after a full build).
    pub written: usize,
    pub elapsed: Duration,
    /// Warnings of the site (`bantin check` lists them).
    pub warnings: usize,
}

struct Built {
    site: LoadedSite,
    summaries: Vec<Option<SummaryCtx>>,
}

pub struct Session {
    options: BuildOptions,
    /// The site folder, absolute, for telling changed paths apart.
    root: PathBuf,
    output: PathBuf,
    /// `None` until a full build succeeds (the site may start broken).
    built: Option<Built>,
}

/// What a changed path is to the site.
#[derive(Debug, PartialEq)]
enum Change {
    /// site.yaml, data/, i18n/ (the site's or the theme's): everything may change.
    Everything,
    Template(String),
    /// A file copied as is (static/, a bundle's file): its output file.
    Static(PathBuf),
    /// An item's Markdown file.
    Content(PathBuf),
    Ignored,
}

impl Session {
    /// A session for the site in `options.root`; nothing is built until [`Session::full`].
    pub fn new(options: BuildOptions) -> Result<Session, BuildError> {
        let root = options
            .root
            .canonicalize()
            .map_err(|e| BuildError::Io(format!("cannot open {}: {e}", options.root.display())))?;
        // Absolute, to be told apart from the sources in the watcher's (absolute) paths.
        let output = match &options.output {
            Some(out) => std::path::absolute(out).map_err(|e| {
                BuildError::Io(format!("cannot use {} as the output: {e}", out.display()))
            })?,
            None => root.join("public"),
        };
        Ok(Session {
            options: BuildOptions {
                root: root.clone(),
                ..options
            },
            root,
            output,
            built: None,
        })
    }

    /// The site folder (absolute).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The output folder.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Builds everything, staged and swapped in as `bantin build` does. On failure the
    /// previous output stays, and the next change is built in full again.
    pub fn full(&mut self) -> Result<Rebuilt, BuildError> {
        let started = Instant::now();
        self.built = None;
        let (site, mut errors) = load_site(&self.options)?;
        let publish = begin(&self.output, &self.root)?;
        let mut summaries = vec![None; site.library.items.len()];
        let portable = PortableSink::new(&publish, &site.config);
        let sink: &dyn Sink = if site.config.portable {
            &portable
        } else {
            &publish
        };
        let (report, render_errors) =
            render_routes(&site, sink, &mut summaries, &Selection::All, false);
        errors.extend(render_errors);
        if !errors.is_empty() {
            publish.abandon();
            return Err(content_errors(errors));
        }
        let written = publish.publish(Prune::Unwritten).map_err(BuildError::Io)?;
        let warnings = warnings(&site).len();
        self.built = Some(Built { site, summaries });
        Ok(Rebuilt {
            scope: "full",
            rendered: report.files,
            written,
            elapsed: started.elapsed(),
            warnings,
        })
    }

    /// Drops what is kept in memory: the next change gets a full build.
    pub fn forget(&mut self) {
        self.built = None;
    }

    /// Rebuilds after `changed` paths were created, modified, removed or renamed.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, BuildError> {
        let changes: Vec<Change> = changed
            .iter()
            .map(|p| self.classify(p))
            .filter(|c| *c != Change::Ignored)
            .collect();
        if changes.is_empty() {
            return Ok(Rebuilt {
                scope: "nothing",
                rendered: 0,
                written: 0,
                elapsed: Duration::ZERO,
                warnings: 0,
            });
        }
        if self.built.is_none() || changes.contains(&Change::Everything) {
            return self.full();
        }
        let started = Instant::now();
        let mut templates = BTreeSet::new();
        let mut statics = Vec::new();
        let mut contents = Vec::new();
        for change in changes {
            match change {
                Change::Template(name) => {
                    templates.insert(name);
                }
                Change::Static(file) => statics.push(file),
                Change::Content(path) => contents.push(path),
                Change::Everything | Change::Ignored => {}
            }
        }
        let result = self.partial(&templates, &statics, &contents);
        match result {
            Ok(Some(mut rebuilt)) => {
                rebuilt.elapsed = started.elapsed();
                Ok(rebuilt)
            }
            // Not something a partial rebuild can do: build everything.
            Ok(None) => self.full(),
            Err(e) => Err(e),
        }
    }

    /// A partial rebuild, or `None` when the change needs a full one.
    fn partial(
        &mut self,
        templates: &BTreeSet<String>,
        statics: &[PathBuf],
        contents: &[PathBuf],
    ) -> Result<Option<Rebuilt>, BuildError> {
        let Some(built) = self.built.as_mut() else {
            return Ok(None);
        };
        let mut scope = "static";
        let mut selection_items = BTreeSet::new();
        let mut selection_routes: BTreeSet<String> = BTreeSet::new();

        // Static files: only changes to files the site already copies.
        for file in statics {
            let key = file.to_string_lossy().replace('\\', "/");
            match built.site.library.routes.get(&key) {
                Some(route) if matches!(&route.output, Output::Copy(FileSource::Disk(p)) if p.is_file()) =>
                {
                    selection_routes.insert(key);
                }
                _ => return Ok(None),
            }
        }

        // Templates: reload them all (a template may be added), render what uses the changed ones.
        let mut new_renderer = None;
        if !templates.is_empty() {
            scope = "templates";
            let theme = crate::theme::load_theme(&self.root, &built.site.config.theme)
                .map_err(content_errors)?;
            let closures = crate::theme::template_closures(&theme.templates);
            let users: BTreeSet<&str> = closures
                .iter()
                .filter(|(_, uses)| uses.iter().any(|u| templates.contains(u)))
                .map(|(name, _)| name.as_str())
                .collect();
            let renderer = Renderer::new(&built.site.config, &theme, &built.site.i18n)
                .map_err(content_errors)?;
            for route in built.site.library.routes.values() {
                if let Some(template) = template_of(&built.site, &route.output)
                    && users.contains(template)
                {
                    match route.output {
                        Output::Item(id) => {
                            selection_items.insert(id);
                        }
                        _ => {
                            selection_routes.insert(route.file.clone());
                        }
                    }
                }
            }
            new_renderer = Some(renderer);
        }

        // Markdown files: body-only edits of existing items; anything else is a full build.
        let mut edited: Vec<(ItemId, crate::content::Source)> = Vec::new();
        let mut errors = Vec::new();
        for path in contents {
            let rel = path.strip_prefix(&self.root).unwrap_or(path).to_path_buf();
            let Some(item) = built
                .site
                .library
                .items
                .iter()
                .find(|i| i.source.rel_path == rel)
            else {
                return Ok(None);
            };
            if !path.is_file() {
                return Ok(None);
            }
            match load_source(&self.root, &built.site.config, path) {
                Ok(source) if source.front_matter_digest == item.source.front_matter_digest => {
                    edited.push((item.id, source));
                }
                Ok(_) => return Ok(None),
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(content_errors(errors));
        }
        if !edited.is_empty() {
            scope = "body";
        }
        // Images are resized into versions named after their content when the site loads: a
        // changed image, or a body that shows other images than before, needs a full build.
        if statics.iter().any(|f| is_image(f)) {
            return Ok(None);
        }
        let options = crate::markdown::MarkdownOptions {
            smart_punctuation: built.site.config.smart_punctuation,
            unsafe_html: built.site.config.unsafe_html,
            id_prefix: None,
        };
        let images_of = |body: &str| -> Vec<String> {
            crate::markdown::local_image_refs(body, &options)
                .into_iter()
                .map(|(url, _)| url)
                .collect()
        };
        for (id, source) in &edited {
            if images_of(&source.body) != images_of(&built.site.library.items[*id].source.body) {
                return Ok(None);
            }
        }
        let touched: BTreeSet<ItemId> = edited.iter().map(|(id, _)| *id).collect();

        // Swap the new state in, keeping the old to restore if the render fails.
        let old_renderer = new_renderer.map(|r| std::mem::replace(&mut built.site.renderer, r));
        let old_sources: Vec<(ItemId, crate::content::Source)> = edited
            .into_iter()
            .map(|(id, source)| {
                (
                    id,
                    std::mem::replace(&mut built.site.library.items[id].source, source),
                )
            })
            .collect();
        let old_summaries: BTreeMap<ItemId, Option<SummaryCtx>> = touched
            .iter()
            .map(|id| (*id, built.summaries[*id].clone()))
            .collect();

        let publish = begin(&self.output, &self.root)?;
        let portable = PortableSink::new(&publish, &built.site.config);
        let sink: &dyn Sink = if built.site.config.portable {
            &portable
        } else {
            &publish
        };
        let mut all_errors = Diagnostics::default();
        // First the edited items themselves: their new summaries say what else must follow.
        let edited_ids = touched;
        let first = Selection::Only {
            items: edited_ids.clone(),
            routes: BTreeSet::new(),
        };
        let (_, errs) = render_routes(&built.site, sink, &mut built.summaries, &first, false);
        all_errors.extend(errs);
        for &id in &edited_ids {
            let summary_changed = built.summaries[id] != old_summaries.get(&id).cloned().flatten();
            if summary_changed {
                scope = "summary";
            }
            dependents(
                &built.site,
                id,
                summary_changed,
                &mut selection_items,
                &mut selection_routes,
            );
        }
        for id in &edited_ids {
            selection_items.remove(id);
        }
        // Search indexes take longest: they are made and published after the pages, so that
        // an edited page shows as soon as it can.
        let (index_routes, page_routes): (BTreeSet<String>, BTreeSet<String>) =
            selection_routes.into_iter().partition(|file| {
                built
                    .site
                    .library
                    .routes
                    .get(file)
                    .is_some_and(|r| matches!(r.output, Output::SearchIndex { .. }))
            });
        let rest = Selection::Only {
            items: selection_items,
            routes: page_routes,
        };
        let (_, errs) = render_routes(&built.site, sink, &mut built.summaries, &rest, false);
        all_errors.extend(errs);

        if !all_errors.0.is_empty() {
            // Put the last good state back: the output was not touched.
            if let Some(r) = old_renderer {
                built.site.renderer = r;
            }
            for (id, source) in old_sources {
                built.site.library.items[id].source = source;
            }
            for (id, summary) in old_summaries {
                built.summaries[id] = summary;
            }
            return Err(BuildError::Content(all_errors.into_sorted()));
        }
        let mut rendered = publish.written_files().len();
        let mut written = publish.publish(Prune::Files(&[])).map_err(BuildError::Io)?;

        if !index_routes.is_empty() {
            let indexes = begin(&self.output, &self.root)?;
            let only = Selection::Only {
                items: BTreeSet::new(),
                routes: index_routes,
            };
            let (_, errs) =
                render_routes(&built.site, &indexes, &mut built.summaries, &only, false);
            if !errs.is_empty() {
                return Err(content_errors(errs));
            }
            // An index is several files whose number follows the text: the ones a smaller
            // index no longer has go.
            let files: BTreeSet<String> = indexes.written_files().into_iter().collect();
            let dirs: BTreeSet<PathBuf> = files
                .iter()
                .filter_map(|f| Path::new(f).parent().map(Path::to_path_buf))
                .collect();
            rendered += files.len();
            let mut gone = Vec::new();
            for dir in dirs {
                let Ok(entries) = std::fs::read_dir(self.output.join(&dir)) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let file = dir
                        .join(entry.file_name())
                        .to_string_lossy()
                        .replace('\\', "/");
                    let known =
                        files.contains(&file) || built.site.library.routes.contains_key(&file);
                    if !known && entry.path().is_file() {
                        gone.push(file);
                    }
                }
            }
            written += indexes
                .publish(Prune::Files(&gone))
                .map_err(BuildError::Io)?;
        }
        Ok(Some(Rebuilt {
            scope,
            rendered,
            written,
            elapsed: Duration::ZERO,
            warnings: warnings(&built.site).len(),
        }))
    }

    fn classify(&self, path: &Path) -> Change {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return Change::Ignored;
        };
        if path.starts_with(&self.output) {
            return Change::Ignored;
        }
        // Editors' swap, backup and lock files; dot folders (.git, staging folders).
        if rel.iter().any(|part| {
            let part = part.to_string_lossy();
            crate::content::is_ignored_name(&part) || part == "4913"
        }) {
            return Change::Ignored;
        }
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let theme = self
            .built
            .as_ref()
            .map_or("default", |b| b.site.config.theme.as_str());
        let folder = |name: &str| parts.first().is_some_and(|p| p == name);
        // A theme's folders are read like the site's own.
        let in_theme = parts.len() >= 3 && parts[0] == "themes" && parts[1] == theme;
        let (area, inner): (&str, &[String]) = if in_theme {
            (parts[2].as_str(), &parts[3..])
        } else if parts.first().is_some_and(|p| p == "themes") {
            return Change::Ignored;
        } else {
            (
                parts.first().map_or("", String::as_str),
                parts.get(1..).unwrap_or(&[]),
            )
        };
        if rel == Path::new(crate::config::CONFIG_FILE) || folder("data") || area == "i18n" {
            return Change::Everything;
        }
        match area {
            "templates" if !inner.is_empty() => Change::Template(inner.join("/")),
            "templates" => Change::Everything,
            "static" if !inner.is_empty() => {
                // Output file: the path inside static/.
                Change::Static(inner.iter().collect())
            }
            "static" => Change::Everything,
            "content" if !in_theme => {
                if path.extension().is_some_and(|e| e == "md") {
                    Change::Content(path.to_path_buf())
                } else if path.is_dir() || inner.is_empty() || self.holds_items(rel) {
                    // A folder created, or one that held items moved or removed.
                    Change::Everything
                } else {
                    // A bundle's own file is published beside the item; other files in
                    // content/ (an editor's or sed's temporary file) are not the site's.
                    match self.bundle_output(rel) {
                        Some(file) => Change::Static(file),
                        None => Change::Ignored,
                    }
                }
            }
            _ => Change::Ignored,
        }
    }

    /// Whether `rel` is a folder that held items of the last build.
    fn holds_items(&self, rel: &Path) -> bool {
        self.built.as_ref().is_some_and(|b| {
            b.site
                .library
                .items
                .iter()
                .any(|i| i.source.rel_path.starts_with(rel) && i.source.rel_path != rel)
        })
    }

    /// The output file of a file inside an item's bundle folder.
    fn bundle_output(&self, rel: &Path) -> Option<PathBuf> {
        let built = self.built.as_ref()?;
        built.site.library.items.iter().find_map(|item| {
            let dir = item.source.bundle_dir.as_ref()?;
            let inside = rel.strip_prefix(dir).ok()?;
            let route = item.bundle_route.as_ref()?;
            Some(Path::new(route).join(inside))
        })
    }
}

/// The template a route is rendered with (None for feeds, sitemaps, copies, redirects, JSON).
fn template_of<'a>(site: &'a LoadedSite, output: &Output) -> Option<&'a str> {
    Some(match output {
        Output::Item(id) => match site.library.items[*id].kind() {
            Kind::Article => "article.html",
            Kind::Model => "model.html",
            Kind::Explainer => "explainer.html",
            Kind::Bulletin => "bulletin.html",
            Kind::Page => "page.html",
        },
        Output::Home { .. } => "home.html",
        // The first page of the model listing is the directory (models.html) when it exists.
        Output::Listing {
            kind: Kind::Model,
            page: 1,
            ..
        } if site.renderer.has_template("models.html") => "models.html",
        Output::Listing { .. } => "list.html",
        Output::NotFound => "404.html",
        Output::BulletinPrint(_) => "print.html",
        Output::TopicIndex { .. } => "topics.html",
        Output::LocalityIndex { .. } => "localities.html",
        Output::Collection { .. } => "collection.html",
        Output::SharePage { .. } => "share.html",
        Output::SearchPage { .. } => "search.html",
        Output::Feed { .. }
        | Output::SearchIndex { .. }
        | Output::Sitemap
        | Output::Copy(_)
        | Output::Redirect { .. }
        | Output::ShareJson { .. } => return None,
    })
}

/// Adds to `items` and `routes` what shows item `id` besides its own page: after a body edit,
/// the print editions that carry its whole text and its language's share page; when its
/// summary changed too, every page that lists it.
fn dependents(
    site: &LoadedSite,
    id: ItemId,
    summary_changed: bool,
    items: &mut BTreeSet<ItemId>,
    routes: &mut BTreeSet<String>,
) {
    let library = &site.library;
    let config = &site.config;
    let item = &library.items[id];
    let page_of = |position: usize| position / config.paginate + 1;
    // Where the item stands in each listing and collection (every language: an untranslated
    // item is listed in other languages too).
    let mut listing_pages: BTreeMap<(&str, Kind), usize> = BTreeMap::new();
    let mut home_langs: BTreeSet<&str> = BTreeSet::new();
    let mut feed_langs: BTreeSet<&str> = BTreeSet::new();
    let mut collection_pages = BTreeSet::new();
    let keys = keys_of(item);
    for lang in &config.languages {
        let code = lang.code.as_str();
        let listing = library
            .listings
            .get(&(lang.code.clone(), item.kind()))
            .map_or(&[][..], Vec::as_slice);
        if let Some(position) = listing.iter().position(|e| e.id == id) {
            listing_pages.insert((code, item.kind()), page_of(position));
            if position < crate::pipeline::HOME_LATEST {
                home_langs.insert(code);
            }
            if !listing[position].untranslated {
                feed_langs.insert(code);
            }
        }
        for key in &keys {
            let members = library.taxonomies.members(code, key);
            if let Some(position) = members.iter().position(|e| e.id == id) {
                collection_pages.insert((code, key.clone(), page_of(position)));
            }
        }
    }
    let bulletins: BTreeSet<ItemId> = library
        .items
        .iter()
        .filter(|b| b.bulletin_items.iter().any(|e| e.id == id))
        .map(|b| b.id)
        .collect();
    if summary_changed {
        items.extend(bulletins.iter().copied());
    }
    for route in library.routes.values() {
        let wanted = match &route.output {
            // A bulletin's own body is the introduction of its print edition.
            Output::BulletinPrint(b) => bulletins.contains(b) || *b == id,
            Output::SharePage { lang } | Output::ShareJson { lang } => lang == item.lang(),
            // A language's search index holds what its listings show, text included.
            Output::SearchIndex { lang } => {
                listing_pages.contains_key(&(lang.as_str(), item.kind()))
            }
            Output::Listing {
                kind, lang, page, ..
            } => summary_changed && listing_pages.get(&(lang.as_str(), *kind)) == Some(page),
            Output::Home { lang } => summary_changed && home_langs.contains(lang.as_str()),
            Output::Feed { lang } => summary_changed && feed_langs.contains(lang.as_str()),
            Output::Collection {
                key, lang, page, ..
            } => summary_changed && collection_pages.contains(&(lang.as_str(), key.clone(), *page)),
            // Titles, dates, counts and addresses come from front matter, which did not change.
            Output::Item(_)
            | Output::Sitemap
            | Output::NotFound
            | Output::Copy(_)
            | Output::Redirect { .. }
            | Output::TopicIndex { .. }
            | Output::LocalityIndex { .. }
            | Output::SearchPage { .. } => false,
        };
        if wanted {
            routes.insert(route.file.clone());
        }
    }
}

fn is_image(file: &Path) -> bool {
    file.extension().is_some_and(|e| {
        let e = e.to_string_lossy().to_ascii_lowercase();
        matches!(
            e.as_str(),
            "png"
                | "jpg"
                | "jpeg"
                | "gif"
                | "webp"
                | "avif"
                | "svg"
                | "bmp"
                | "ico"
                | "tif"
                | "tiff"
        )
    })
}

/// Starts writing into the output folder (waiting for another build of it to end).
fn begin(output: &Path, root: &Path) -> Result<Publish, BuildError> {
    let waiting = || {
        eprintln!(
            "bantin: another build of {} is running; waiting for it to finish",
            output.display()
        )
    };
    Publish::begin(output, root, &waiting).map_err(BuildError::Io)
}

fn content_errors(errors: Vec<Diagnostic>) -> BuildError {
    let mut all = Diagnostics::default();
    all.extend(errors);
    BuildError::Content(all.into_sorted())
}
