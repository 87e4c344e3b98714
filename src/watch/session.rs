//! Rebuilds in watch mode. The loaded site, every item's facts and, for every output and every
//! item's facts, the inputs they read last time stay in memory between saves. A batch of
//! changed files is turned into changed inputs:
//!
//! - Markdown files are read again and put into the library ([`Library::update`]), which says
//!   which items, groups, listings, collections and routes changed;
//! - the facts that read a changed input are made again (an item whose facts did not change
//!   changes nothing further);
//! - every output that read a changed input is prepared again, and rendered only when what it
//!   shows changed (its fingerprint); new routes are rendered, routes that went away removed;
//! - templates and UI strings are inputs like any other; a copied file is an input of its copy.
//!
//! site.yaml, data/, stylesheets, images and new static files are a full build. A rebuild is
//! published only when it succeeded; a mistake leaves the last good pages in place, and the
//! files it involved are read again with the next change. The result of any series of
//! rebuilds is the output of a full build (tests/watch.rs and tests/incremental.rs check it).

use crate::content::{Kind, Source, load_source};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::library::{Changes, Delta, FileSource, ItemId, Output, Route};
use crate::messages::{Text, io_error};
use crate::pipeline::{
    BuildError, BuildOptions, LoadedSite, Problems, Record, load_site, render_site, warnings,
};
use crate::portable::PortableSink;
use crate::render::Renderer;
use crate::render::facts::{ItemFacts, Processed, process_item};
use crate::render::outputs;
use crate::render::view::{Fact, Input, Recorder, View};
use crate::t;
use crate::write::{Prune, Publish, Sink};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What one rebuild did, for the terminal line.
#[derive(Debug)]
pub struct Rebuilt {
    /// `full`, `incremental` or `nothing`.
    pub scope: &'static str,
    /// Files rendered or copied.
    pub rendered: usize,
    /// Files whose bytes changed on disk (written or removed).
    pub written: usize,
    pub elapsed: Duration,
    /// Warnings of the site (`bantin check` lists them).
    pub warnings: usize,
    /// What changed and what was made again, for people:
    /// `title changed: 1 page, 3 listings, 2 feeds, home, 14 neighbours`.
    pub summary: Text,
}

/// The state kept between rebuilds.
struct Built {
    site: LoadedSite,
    facts: Vec<Option<ItemFacts>>,
    /// What each item's facts read, but their links...
    facts_reads: ItemReads,
    /// ...which read other items, and are made again on their own.
    links_reads: ItemReads,
    outputs: HashMap<String, Record>,
    readers: Readers,
}

/// Who read each input among the outputs (by file). A file name is shared by every input it
/// read (an item page reads some forty).
#[derive(Default)]
struct Readers {
    outputs: HashMap<Input, HashSet<Arc<str>>>,
}

/// What one thing made per item (its facts, its links) read, per item and per input.
#[derive(Default)]
struct ItemReads {
    reads: Vec<Option<Vec<Input>>>,
    readers: HashMap<Input, HashSet<ItemId>>,
}

impl ItemReads {
    fn new(reads: Vec<Option<Vec<Input>>>) -> ItemReads {
        let mut r = ItemReads::default();
        for (id, reads) in reads.into_iter().enumerate() {
            r.reads.push(None);
            r.set(id, reads);
        }
        r
    }

    /// The items that read any of `inputs`.
    fn readers_of<'a>(&self, inputs: impl Iterator<Item = &'a Input>) -> BTreeSet<ItemId> {
        inputs
            .filter_map(|input| self.readers.get(input))
            .flatten()
            .copied()
            .collect()
    }

    /// Records what an item read now; returns what it read before.
    fn set(&mut self, id: ItemId, reads: Option<Vec<Input>>) -> Option<Vec<Input>> {
        if self.reads.len() <= id {
            self.reads.resize_with(id + 1, || None);
        }
        if self.reads[id] == reads {
            // The same reads (the common case): who reads what is unchanged.
            return reads;
        }
        let old = std::mem::replace(&mut self.reads[id], reads);
        let (gone, added) = changed_reads(
            old.as_deref().unwrap_or_default(),
            self.reads[id].as_deref().unwrap_or_default(),
        );
        for input in gone {
            if let Some(ids) = self.readers.get_mut(input) {
                ids.remove(&id);
            }
        }
        for input in added {
            self.readers.entry(input.clone()).or_default().insert(id);
        }
        old
    }
}

/// What a new list of reads drops from an old one and adds to it. Reads as recorders give
/// them (sorted, each once) differ little from one rebuild to the next (a date edit shifts the
/// related items of 1,800 others by one): only the difference touches the index. Lists in
/// another shape are taken whole.
fn changed_reads<'a>(old: &'a [Input], new: &'a [Input]) -> (Vec<&'a Input>, Vec<&'a Input>) {
    let strictly_sorted = |list: &[Input]| list.is_sorted_by(|a, b| a < b);
    if !strictly_sorted(old) || !strictly_sorted(new) {
        return (old.iter().collect(), new.iter().collect());
    }
    let (mut gone, mut added) = (Vec::new(), Vec::new());
    let (mut o, mut n) = (old.iter().peekable(), new.iter().peekable());
    loop {
        match (o.peek(), n.peek()) {
            (Some(a), Some(b)) => match a.cmp(b) {
                std::cmp::Ordering::Equal => {
                    o.next();
                    n.next();
                }
                std::cmp::Ordering::Less => gone.extend(o.next()),
                std::cmp::Ordering::Greater => added.extend(n.next()),
            },
            (Some(_), None) => gone.extend(o.next()),
            (None, Some(_)) => added.extend(n.next()),
            (None, None) => break,
        }
    }
    (gone, added)
}

impl Readers {
    fn build(outputs: &HashMap<String, Record>) -> Readers {
        let mut r = Readers::default();
        for (file, record) in outputs {
            r.add_output(file, &record.inputs);
        }
        r
    }
    fn add_output(&mut self, file: &str, inputs: &[Input]) {
        self.update_output(file, &[], inputs);
    }
    fn remove_output(&mut self, file: &str, inputs: &[Input]) {
        self.update_output(file, inputs, &[]);
    }
    /// An output's reads changed from `old` to `new`.
    fn update_output(&mut self, file: &str, old: &[Input], new: &[Input]) {
        let (gone, added) = changed_reads(old, new);
        for input in gone {
            if let Some(files) = self.outputs.get_mut(input) {
                files.remove(file);
            }
        }
        if !added.is_empty() {
            let file: Arc<str> = Arc::from(file);
            for input in added {
                self.outputs
                    .entry(input.clone())
                    .or_default()
                    .insert(file.clone());
            }
        }
    }
}

pub struct Session {
    options: BuildOptions,
    /// The site folder, absolute, for telling changed paths apart.
    root: PathBuf,
    output: PathBuf,
    /// `None` until a full build succeeds (the site may start broken).
    built: Option<Built>,
    /// Files changed since the last good build that a failed rebuild could not take in.
    pending: BTreeSet<PathBuf>,
}

/// What a changed path is to the site.
#[derive(Debug, PartialEq)]
enum Change {
    /// site.yaml, data/, stylesheets, images, new static files: everything may change.
    Everything,
    Template(String),
    /// A UI strings file (the site's or the theme's).
    Strings,
    /// A file copied as is that the site already publishes (static/, a bundle's file).
    File(PathBuf),
    /// An item's Markdown file (absolute path).
    Content(PathBuf),
    /// Another file in a bundle folder (its folder, relative to the site).
    Bundle(PathBuf),
    Ignored,
}

impl Session {
    /// A session for the site in `options.root`; nothing is built until [`Session::full`].
    pub fn new(options: BuildOptions) -> Result<Session, BuildError> {
        let root = options.root.canonicalize().map_err(|e| {
            BuildError::Io(t!(
                "watch-cannot-open",
                path = options.root.display(),
                error = io_error(&e)
            ))
        })?;
        // Absolute, to be told apart from the sources in the watcher's (absolute) paths.
        let output = match &options.output {
            Some(out) => std::path::absolute(out).map_err(|e| {
                BuildError::Io(t!(
                    "watch-cannot-use-output",
                    path = out.display(),
                    error = io_error(&e)
                ))
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
            pending: BTreeSet::new(),
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

    /// The page of the item file `abs` as it would be with `text` (the studio's preview of an
    /// unsaved form), made in memory with the site's own templates, facts and links: nothing
    /// is written, and the session is left as it was. `Err`: the text's problems, as the
    /// build would report them (none when the site is not built or the file is not an item
    /// of it yet).
    pub fn preview(&mut self, abs: &Path, text: &str) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let root = self.root.clone();
        let Some(built) = self.built.as_mut() else {
            return Err(Vec::new());
        };
        let site = &built.site;
        let source = crate::content::source_from_text(
            &root,
            &site.config,
            &site.registry,
            abs,
            &crate::content::front_matter::normalize(text.to_string()),
        )?;
        let Some(&id) = site.library.by_source.get(&source.rel_path) else {
            return Err(Vec::new());
        };
        let page_file = crate::urls::index_file(&site.library.items[id].route);
        let Some(route) = site.library.routes.get(&page_file).cloned() else {
            return Err(Vec::new());
        };
        let Some(item) = built.site.library.items.get_mut(id) else {
            return Err(Vec::new());
        };
        let saved = std::mem::replace(&mut item.source, source);
        let page = {
            let view = View::new(&built.site, &built.facts);
            let mut processed = process_item(&view, id);
            processed.facts.links = crate::render::item::recorded_links(view, id, false).0;
            match outputs::prepare(&view, &route, Some(&processed.facts)) {
                outputs::Made::Page(mut page) => {
                    if let Some(item) = page.item.as_mut() {
                        item.content = processed.html;
                    }
                    built.site.renderer.render_page(&page).map_err(|d| vec![d])
                }
                _ => Err(Vec::new()),
            }
        };
        if let Some(item) = built.site.library.items.get_mut(id) {
            item.source = saved;
        }
        page
    }

    /// The site as the last good build left it (`None` before one).
    pub fn site(&self) -> Option<&crate::pipeline::LoadedSite> {
        self.built.as_ref().map(|b| &b.site)
    }

    /// The last good build's warnings (the same as `bantin build` gives).
    pub fn warnings(&self) -> Vec<crate::diagnostic::Diagnostic> {
        self.built
            .as_ref()
            .map(|b| warnings(&b.site, &b.facts))
            .unwrap_or_default()
    }

    /// Builds everything, as `bantin build` does, recording what every output reads. On
    /// failure the previous output stays, and the next change is built in full again.
    pub fn full(&mut self) -> Result<Rebuilt, BuildError> {
        let started = Instant::now();
        self.built = None;
        let (site, mut errors) = load_site(&self.options)?;
        let publish = begin(&self.output, &self.root)?;
        let portable = PortableSink::new(&publish, &site.config);
        let sink: &dyn Sink = if site.config.portable {
            &portable
        } else {
            &publish
        };
        let (rendering, render_errors) = render_site(&site, sink, false, true, Vec::new());
        errors.extend(render_errors);
        if !errors.is_empty() {
            publish.abandon();
            return Err(content_errors(errors));
        }
        let written = publish.publish(Prune::Unwritten).map_err(BuildError::Io)?;
        let warnings = warnings(&site, &rendering.facts).len();
        let files = rendering.report.files;
        let readers = Readers::build(&rendering.outputs);
        self.built = Some(Built {
            site,
            facts: rendering.facts,
            facts_reads: ItemReads::new(rendering.facts_reads),
            links_reads: ItemReads::new(rendering.links_reads),
            outputs: rendering.outputs,
            readers,
        });
        self.pending.clear();
        Ok(Rebuilt {
            scope: "full",
            rendered: files,
            written,
            elapsed: started.elapsed(),
            warnings,
            summary: t!("watch-files", count = files),
        })
    }

    /// Drops what is kept in memory: the next change gets a full build.
    pub fn forget(&mut self) {
        self.built = None;
    }

    /// Rebuilds after `changed` paths were created, modified, removed or renamed.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, BuildError> {
        let mut paths: BTreeSet<PathBuf> = changed.iter().cloned().collect();
        let relevant: Vec<(PathBuf, Change)> = paths
            .iter()
            .map(|p| (p.clone(), self.classify(p)))
            .filter(|(_, c)| *c != Change::Ignored)
            .collect();
        if relevant.is_empty() {
            return Ok(Rebuilt {
                scope: "nothing",
                rendered: 0,
                written: 0,
                elapsed: Duration::ZERO,
                warnings: 0,
                summary: Text::default(),
            });
        }
        paths.extend(self.pending.iter().cloned());
        let changes: Vec<Change> = paths
            .iter()
            .map(|p| self.classify(p))
            .filter(|c| *c != Change::Ignored)
            .collect();
        if self.built.is_none() || changes.contains(&Change::Everything) {
            return self.full();
        }
        let started = Instant::now();
        match self.incremental(changes) {
            Ok(Some(mut rebuilt)) => {
                self.pending.clear();
                rebuilt.elapsed = started.elapsed();
                Ok(rebuilt)
            }
            // Not something an incremental rebuild does: build everything.
            Ok(None) => self.full(),
            Err(e) => {
                self.pending = paths;
                Err(e)
            }
        }
    }

    /// An incremental rebuild, or `None` when the changes need a full one.
    fn incremental(&mut self, changes: Vec<Change>) -> Result<Option<Rebuilt>, BuildError> {
        let root = self.root.clone();
        let output = self.output.clone();
        let Some(built) = self.built.as_mut() else {
            return Ok(None);
        };
        let mut clock = crate::pipeline::PhaseClock::start();
        let Some(Saved {
            mut inputs,
            sources,
            bundles,
            templates,
            strings,
        }) = read_saved(&root, &built.site, changes)?
        else {
            return Ok(None);
        };
        clock.mark("read sources");
        // An item that shows an image never processed is a full build (images are resized
        // into versions named after their content when the site loads).
        if sources
            .values()
            .flatten()
            .any(|s| shows_new_images(&built.site, s))
        {
            return Ok(None);
        }
        let reason = reason(&built.site, &sources, templates, strings);

        // The theme: templates and UI strings made again, and the inputs they change.
        let old_renderer = if templates || strings {
            match reload_theme(&built.site, templates, strings, &mut inputs) {
                Ok(Some((renderer, i18n))) => {
                    let i18n = std::mem::replace(&mut built.site.i18n, i18n);
                    Some((std::mem::replace(&mut built.site.renderer, renderer), i18n))
                }
                Ok(None) => return Ok(None),
                Err(e) => return Err(content_errors(e)),
            }
        } else {
            None
        };

        // The library.
        let changes = Changes {
            sources: sources.into_iter().collect(),
            bundles,
        };
        let delta = {
            let site = &mut built.site;
            let ctx = crate::library::LibraryContext {
                root: &root,
                config: &site.config,
                registry: &site.registry,
                include_drafts: site.include_drafts,
            };
            site.library.update(&ctx, changes)
        };
        clock.mark("library update");
        // New files got new ids.
        let slots = built.site.library.items.len();
        built.facts.resize_with(slots, || None);
        let mut errors: Vec<Diagnostic> = delta.errors.clone();
        errors.extend(built.site.library.errors());
        inputs.extend(delta_inputs(&delta, built.site.library.sitemap_parts()));

        // Facts: those that read a changed input, until nothing more changes.
        let mut old_facts: BTreeMap<ItemId, OldFacts> = BTreeMap::new();
        let mut processed: HashMap<ItemId, String> = HashMap::new();
        if errors.is_empty() {
            refresh_facts(
                built,
                &delta,
                &mut inputs,
                &mut old_facts,
                &mut processed,
                &mut errors,
            );
            refresh_links(built, &mut inputs, &mut old_facts);
        }

        clock.mark("facts");
        // Outputs: those that read a changed input, rendered when what they show changed.
        let candidates = candidates(built, &inputs, &delta);
        // Outputs of the whole site (the search indexes, the sitemap) take longest: they are
        // made after the pages are on disk.
        let mut late = Late::default();
        let mut page_routes: Vec<&Route> = Vec::new();
        for route in candidates
            .iter()
            .filter_map(|f| built.site.library.routes.get(f))
        {
            match route.output {
                Output::SearchIndex { .. } => late.indexes.push(route.file.clone()),
                Output::Sitemap { .. } | Output::SitemapPart { .. } => {
                    late.site.push(route.file.clone())
                }
                _ => page_routes.push(route),
            }
        }
        let mut removed: Vec<String> = delta.routes_removed.iter().cloned().collect();

        clock.mark("candidates");
        let mut outcome = None;
        if errors.is_empty() {
            match render_changed(built, &page_routes, &processed, &output, &root) {
                Ok(done) => outcome = Some(done),
                Err(e) => errors.extend(e),
            }
        }
        clock.mark("render");
        let Some((pages, remade)) = outcome else {
            // Put the last good state back: the output was not touched.
            rollback(built, delta, old_facts, old_renderer, &root);
            return Err(content_errors(errors));
        };
        removed.extend(forget_unshown_images(&mut built.site, &delta));
        let (written, rendered) =
            publish_remade(built, pages, remade, &removed, &late, &output, &root)?;
        clock.mark("publish");
        let summary = t!(
            "watch-rebuilt-summary",
            reason = reason,
            rendered = describe(&built.site, &rendered, &delta)
        );
        let warnings = warnings(&built.site, &built.facts).len();
        clock.mark("warnings");
        Ok(Some(Rebuilt {
            scope: "incremental",
            rendered: rendered.len(),
            written,
            elapsed: Duration::ZERO,
            warnings,
            summary,
        }))
    }

    fn classify(&self, path: &Path) -> Change {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return Change::Ignored;
        };
        if path.starts_with(&self.output) {
            return Change::Ignored;
        }
        // Editors' swap, backup and lock files; dot folders (.git).
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
        if rel == Path::new(crate::config::CONFIG_FILE) || folder("data") {
            return Change::Everything;
        }
        match area {
            "i18n" if !inner.is_empty() => Change::Strings,
            "templates" if !inner.is_empty() => Change::Template(inner.join("/")),
            "static" if !inner.is_empty() => {
                // Stylesheets are published under fingerprinted names that every page links.
                if is_image(path)
                    || path
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("css"))
                {
                    return Change::Everything;
                }
                if self.published_copy(path) {
                    Change::File(path.to_path_buf())
                } else {
                    Change::Everything
                }
            }
            "content" if !in_theme => {
                if path.extension().is_some_and(|e| e == "md") {
                    Change::Content(path.to_path_buf())
                } else if path.is_dir() || inner.is_empty() || self.holds_items(rel) {
                    // A folder created, or one that held items moved or removed.
                    Change::Everything
                } else if is_image(path) {
                    Change::Everything
                } else {
                    // A bundle's own file is published beside the item; other files in
                    // content/ (an editor's or sed's temporary file) are not the site's.
                    match self.bundle_of(rel) {
                        Some(_) if self.published_copy(path) && path.is_file() => {
                            Change::File(path.to_path_buf())
                        }
                        Some(dir) => Change::Bundle(dir),
                        None => Change::Ignored,
                    }
                }
            }
            "" | "templates" | "static" | "i18n" | "content" => Change::Everything,
            _ => Change::Ignored,
        }
    }

    /// Whether the site publishes `path` as a copy already.
    fn published_copy(&self, path: &Path) -> bool {
        self.built.as_ref().is_some_and(|b| {
            b.site
                .library
                .routes
                .values()
                .any(|r| matches!(&r.output, Output::Copy(FileSource::Disk(p)) if p == path))
        })
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

    /// The bundle folder a file is in.
    fn bundle_of(&self, rel: &Path) -> Option<PathBuf> {
        let built = self.built.as_ref()?;
        built.site.library.items.iter().find_map(|item| {
            let dir = item.source.bundle_dir.as_ref()?;
            rel.starts_with(dir).then(|| dir.clone())
        })
    }
}

/// What a series of saves changed, read from the files.
struct Saved {
    /// Inputs changed as they are (static files and bundle files).
    inputs: BTreeSet<Input>,
    /// Item files as they are now (`None`: gone), by path under the site.
    sources: BTreeMap<PathBuf, Option<Source>>,
    bundles: BTreeSet<PathBuf>,
    templates: bool,
    strings: bool,
}

/// Reads what the saves changed; `None` when a folder under content/ changed (a full build).
fn read_saved(
    root: &Path,
    site: &LoadedSite,
    changes: Vec<Change>,
) -> Result<Option<Saved>, BuildError> {
    let mut saved = Saved {
        inputs: BTreeSet::new(),
        sources: BTreeMap::new(),
        bundles: BTreeSet::new(),
        templates: false,
        strings: false,
    };
    let mut errors = Vec::new();
    for change in changes {
        match change {
            Change::Template(_) => saved.templates = true,
            Change::Strings => saved.strings = true,
            Change::File(path) => {
                saved.inputs.insert(Input::File(path));
            }
            Change::Bundle(dir) => {
                saved.bundles.insert(dir);
            }
            Change::Content(path) => {
                if path.is_dir() {
                    return Ok(None);
                }
                let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                let source = if path.is_file() {
                    match load_source(root, &site.config, &site.registry, &path) {
                        Ok(s) => Some(s),
                        Err(e) => {
                            errors.extend(e);
                            continue;
                        }
                    }
                } else {
                    None
                };
                saved.sources.insert(rel, source);
            }
            Change::Everything | Change::Ignored => {}
        }
    }
    if errors.is_empty() {
        Ok(Some(saved))
    } else {
        Err(content_errors(errors))
    }
}

/// The outputs that read a changed input, and the routes the library added or changed.
/// `BANTIN_EXPLAIN=1` prints which input made how many outputs candidates.
fn candidates(built: &Built, inputs: &BTreeSet<Input>, delta: &Delta) -> BTreeSet<String> {
    let explain = std::env::var_os("BANTIN_EXPLAIN").is_some();
    let mut candidates: BTreeSet<String> = BTreeSet::new();
    for input in inputs {
        if let Some(files) = built.readers.outputs.get(input) {
            if explain {
                eprintln!("  {input:?} is read by {} outputs", files.len());
            }
            candidates.extend(files.iter().map(|f| f.to_string()));
        }
    }
    if explain {
        eprintln!(
            "  routes added {:?}, changed {:?}",
            delta.routes_added, delta.routes_changed
        );
    }
    candidates.extend(delta.routes_added.iter().cloned());
    candidates.extend(delta.routes_changed.iter().cloned());
    candidates
}

/// The outputs a rebuild made again, with the records of what they read.
#[derive(Default)]
struct Remade {
    records: Vec<(String, Record)>,
    rendered: Vec<String>,
}

/// Prepares each of `routes` through a recording view, and keeps those whose fingerprint
/// changed (or that are new), with the record of what they read.
/// Outputs whose fingerprint did not change keep their bytes, but what they read may have
/// changed (an item renamed to the same address reads another group): their records are
/// returned too, as `Prepared::Same`.
fn prepare_changed<'a>(built: &Built, view: &View, routes: &[&'a Route]) -> Vec<Prepared<'a>> {
    let timings = std::env::var_os("BANTIN_TIMINGS").is_some();
    routes
        .par_iter()
        .filter_map(|route| {
            let recorder = Recorder::default();
            let v = view.recording(&recorder);
            let t0 = Instant::now();
            let made = outputs::prepare(&v, route, None);
            let fingerprint = outputs::fingerprint(&v, &made);
            if timings && t0.elapsed().as_millis() > 4 {
                eprintln!("  {}: {:?}", route.file, t0.elapsed());
            }
            let old = built.outputs.get(&route.file);
            let record = Record {
                inputs: recorder.into_inputs(),
                fingerprint,
            };
            match old {
                Some(old) if old.fingerprint == fingerprint && old.inputs == record.inputs => None,
                Some(old) if old.fingerprint == fingerprint => {
                    Some(Prepared::Same(route.file.clone(), record))
                }
                _ => Some(Prepared::Changed(route, made, record)),
            }
        })
        .collect()
}

/// A candidate output, prepared.
enum Prepared<'a> {
    /// Its data changed (or it is new): to write.
    Changed(&'a Route, outputs::Made, Record),
    /// The same data, read from other inputs: only its record changes.
    Same(String, Record),
}

/// Prepares every candidate page, and renders those whose fingerprint changed.
fn render_changed(
    built: &Built,
    candidates: &[&Route],
    processed: &HashMap<ItemId, String>,
    output: &Path,
    root: &Path,
) -> Result<(Publish, Remade), Vec<Diagnostic>> {
    let site = &built.site;
    let view = View::new(site, &built.facts);
    let prepared = prepare_changed(built, &view, candidates);
    let publish = begin(output, root).map_err(|e| match e {
        BuildError::Content(ds) => ds,
        BuildError::Io(m) => vec![Diagnostic::file(output.display().to_string(), m)],
    })?;
    let portable = PortableSink::new(&publish, &site.config);
    let sink: &dyn Sink = if site.config.portable {
        &portable
    } else {
        &publish
    };
    let problems = Problems::default();
    let mut remade = Remade::default();
    let mut pages = Vec::new();
    for prepared in prepared {
        match prepared {
            Prepared::Changed(route, made, record) => {
                remade.rendered.push(route.file.clone());
                remade.records.push((route.file.clone(), record));
                pages.push((route, made));
            }
            Prepared::Same(file, record) => remade.records.push((file, record)),
        }
    }
    pages.into_par_iter().for_each(|(route, made)| {
        let html = outputs::item_of(route).map(|id| match processed.get(&id) {
            Some(html) => html.clone(),
            None => process_item(&view, id).html,
        });
        if let Err(f) = outputs::write(&view, &route.file, made, html, sink) {
            problems.failure(f, &route.origin);
        }
    });
    let errors = problems.into_inner();
    if !errors.is_empty() {
        publish.abandon();
        return Err(errors);
    }
    Ok((publish, remade))
}

/// The search indexes among `candidates` whose documents changed: their files, and records.
fn changed_indexes(built: &Built, index_files: &[String]) -> (Vec<(String, String)>, Remade) {
    let view = View::new(&built.site, &built.facts);
    let candidates: Vec<&Route> = index_files
        .iter()
        .filter_map(|f| built.site.library.routes.get(f))
        .collect();
    let mut files = Vec::new();
    let mut done = Remade::default();
    for prepared in prepare_changed(built, &view, &candidates) {
        match prepared {
            Prepared::Changed(route, made, record) => {
                done.rendered.push(route.file.clone());
                done.records.push((route.file.clone(), record));
                if let outputs::Made::Index(index) = made {
                    files.extend(crate::render::search_page::index_files(&view, &index));
                }
            }
            Prepared::Same(file, record) => done.records.push((file, record)),
        }
    }
    (files, done)
}

/// The outputs of the whole site among a rebuild's candidates, made after its pages.
#[derive(Default)]
struct Late {
    /// The sitemap.
    site: Vec<String>,
    /// The search indexes.
    indexes: Vec<String>,
}

/// Publishes the pages of a rebuild, forgets the outputs that went away, keeps the new
/// records, then makes and publishes those of the `late` outputs whose data changed (the
/// sitemap, then the search indexes: the pages are visible before). Returns the files
/// changed on disk and the outputs made again.
fn publish_remade(
    built: &mut Built,
    pages: Publish,
    mut remade: Remade,
    removed: &[String],
    late: &Late,
    output: &Path,
    root: &Path,
) -> Result<(usize, Vec<String>), BuildError> {
    let mut written = pages
        .publish(Prune::Files(removed))
        .map_err(BuildError::Io)?;
    for file in removed {
        if let Some(old) = built.outputs.remove(file) {
            built.readers.remove_output(file, &old.inputs);
        }
    }
    keep_records(built, std::mem::take(&mut remade.records));
    let site_routes: Vec<&Route> = late
        .site
        .iter()
        .filter_map(|f| built.site.library.routes.get(f))
        .collect();
    if !site_routes.is_empty() {
        let (publish, site) = render_changed(built, &site_routes, &HashMap::new(), output, root)
            .map_err(content_errors)?;
        written += publish.publish(Prune::Files(&[])).map_err(BuildError::Io)?;
        keep_records(built, site.records);
        remade.rendered.extend(site.rendered);
    }
    let (files, indexes) = changed_indexes(built, &late.indexes);
    written += publish_indexes(built, &files, output, root)?;
    keep_records(built, indexes.records);
    remade.rendered.extend(indexes.rendered);
    Ok((written, remade.rendered))
}

/// Keeps the records of outputs made again, and who reads what.
fn keep_records(built: &mut Built, records: Vec<(String, Record)>) {
    for (file, record) in records {
        // Who reads what changes by the difference (none, the common case, when an output
        // read the same as before).
        let old = built.outputs.insert(file.clone(), record);
        let old = old.as_ref().map_or(&[][..], |o| o.inputs.as_slice());
        built
            .readers
            .update_output(&file, old, &built.outputs[&file].inputs);
    }
}

/// Writes search index files; the ones a smaller index no longer has go.
fn publish_indexes(
    built: &Built,
    files: &[(String, String)],
    output: &Path,
    root: &Path,
) -> Result<usize, BuildError> {
    if files.is_empty() {
        return Ok(0);
    }
    let publish = begin(output, root)?;
    let portable = PortableSink::new(&publish, &built.site.config);
    let sink: &dyn Sink = if built.site.config.portable {
        &portable
    } else {
        &publish
    };
    for (file, text) in files {
        sink.write(file, text.as_bytes()).map_err(BuildError::Io)?;
    }
    let written: BTreeSet<&str> = files.iter().map(|(f, _)| f.as_str()).collect();
    let dirs: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|(f, _)| Path::new(f).parent().map(Path::to_path_buf))
        .collect();
    let mut gone = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(output.join(&dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let file = dir
                .join(entry.file_name())
                .to_string_lossy()
                .replace('\\', "/");
            let known =
                written.contains(file.as_str()) || built.site.library.routes.contains_key(&file);
            if !known && entry.path().is_file() {
                gone.push(file);
            }
        }
    }
    publish.publish(Prune::Files(&gone)).map_err(BuildError::Io)
}

/// Makes again the facts that read a changed input (and those of the items the library
/// changed), adding `Item(id)` to the changed inputs for every item whose facts changed.
fn refresh_facts(
    built: &mut Built,
    delta: &Delta,
    inputs: &mut BTreeSet<Input>,
    old: &mut BTreeMap<ItemId, OldFacts>,
    processed: &mut HashMap<ItemId, String>,
    errors: &mut Vec<Diagnostic>,
) {
    let mut todo: BTreeSet<ItemId> = delta.items.clone();
    let mut seen: BTreeSet<Input> = BTreeSet::new();
    loop {
        let new_inputs: Vec<&Input> = inputs
            .iter()
            .filter(|i| seen.insert((*i).clone()))
            .collect();
        todo.extend(built.facts_reads.readers_of(new_inputs.into_iter()));
        todo.retain(|id| !old.contains_key(id));
        if todo.is_empty() {
            return;
        }
        let ids: Vec<ItemId> = std::mem::take(&mut todo).into_iter().collect();
        let made: Vec<(ItemId, Option<Refreshed>)> = {
            let view = View::new(&built.site, &built.facts);
            ids.par_iter()
                .map(|&id| {
                    if built.site.library.items.get(id).is_none() {
                        return (id, None);
                    }
                    let recorder = Recorder::default();
                    let mut p = process_item(&view.recording(&recorder), id);
                    let (links, links_reads) = crate::render::item::recorded_links(view, id, true);
                    p.facts.links = links;
                    (id, Some((p, recorder.into_inputs(), links_reads)))
                })
                .collect()
        };
        for (id, made) in made {
            let before = built
                .facts
                .get(id)
                .and_then(|f| f.as_ref())
                .map(|f| f.digest);
            let (facts, reads, links_reads) = match made {
                Some((p, reads, links_reads)) => {
                    errors.extend(p.errors);
                    processed.insert(id, p.html);
                    (Some(p.facts), Some(reads), links_reads)
                }
                None => (None, None, None),
            };
            if facts.as_ref().map(|f| f.digest) != before || delta.items.contains(&id) {
                inputs.insert(Input::Item(id));
            }
            let previous = built.facts.get(id).and_then(|f| f.as_ref());
            for part in Fact::ALL {
                if part.changed(previous, facts.as_ref()) {
                    inputs.insert(Input::Fact(id, part));
                }
            }
            let facts = std::mem::replace(&mut built.facts[id], facts);
            old.insert(
                id,
                OldFacts::All {
                    facts: facts.map(Box::new),
                    reads: built.facts_reads.set(id, reads),
                    links_reads: built.links_reads.set(id, links_reads),
                },
            );
        }
    }
}

/// An item's facts made again, with what they and its links read.
type Refreshed = (Processed, Vec<Input>, Option<Vec<Input>>);

/// An item's facts as they were before a rebuild changed them, to put back if it fails.
enum OldFacts {
    /// All of them were made again (`None`: the item had none).
    All {
        facts: Option<Box<ItemFacts>>,
        reads: Option<Vec<Input>>,
        links_reads: Option<Vec<Input>>,
    },
    /// Only its links were made again.
    Links {
        links: Box<crate::render::item::ItemLinks>,
        links_reads: Option<Vec<Input>>,
    },
}

/// The links of items whose facts stayed but that read a changed input (an item moved in a
/// topic they share, a neighbour's title), made again; `Fact::Links` changes for those whose
/// links came out different.
fn refresh_links(
    built: &mut Built,
    inputs: &mut BTreeSet<Input>,
    old: &mut BTreeMap<ItemId, OldFacts>,
) {
    let ids: Vec<ItemId> = built
        .links_reads
        .readers_of(inputs.iter())
        .into_iter()
        .filter(|id| !old.contains_key(id) && built.facts.get(*id).is_some_and(Option::is_some))
        .collect();
    let made: Vec<(ItemId, crate::render::item::ItemLinks, Option<Vec<Input>>)> = {
        let view = View::new(&built.site, &built.facts);
        ids.par_iter()
            .map(|&id| {
                let (links, reads) = crate::render::item::recorded_links(view, id, true);
                (id, links, reads)
            })
            .collect()
    };
    for (id, links, reads) in made {
        let Some(facts) = built.facts[id].as_mut() else {
            continue;
        };
        if links.digest != facts.links.digest {
            inputs.insert(Input::Fact(id, Fact::Links));
        }
        let links = std::mem::replace(&mut facts.links, links);
        old.insert(
            id,
            OldFacts::Links {
                links: Box::new(links),
                links_reads: built.links_reads.set(id, reads),
            },
        );
    }
}

/// Puts back the state before a failed rebuild.
fn rollback(
    built: &mut Built,
    delta: Delta,
    old_facts: BTreeMap<ItemId, OldFacts>,
    old_theme: Option<(Renderer, crate::i18n::I18n)>,
    root: &Path,
) {
    if let Some((renderer, i18n)) = old_theme {
        built.site.renderer = renderer;
        built.site.i18n = i18n;
    }
    let site = &mut built.site;
    let ctx = crate::library::LibraryContext {
        root,
        config: &site.config,
        registry: &site.registry,
        include_drafts: site.include_drafts,
    };
    site.library.update(
        &ctx,
        Changes {
            sources: delta.replaced,
            bundles: BTreeSet::new(),
        },
    );
    for (id, old) in old_facts {
        match old {
            OldFacts::All {
                facts,
                reads,
                links_reads,
            } => {
                built.facts[id] = facts.map(|f| *f);
                built.facts_reads.set(id, reads);
                built.links_reads.set(id, links_reads);
            }
            OldFacts::Links { links, links_reads } => {
                if let Some(facts) = built.facts[id].as_mut() {
                    facts.links = *links;
                }
                built.links_reads.set(id, links_reads);
            }
        }
    }
}

/// The resized files of images no item shows any more after `delta`: they leave the routes
/// (and the output), as a full build would not make them.
fn forget_unshown_images(site: &mut LoadedSite, delta: &Delta) -> Vec<String> {
    let input = crate::images::ImageInput {
        root: &site.root,
        library: &site.library,
        static_dirs: &site.static_dirs,
        md_options: &crate::pipeline::markdown_options(&site.config),
        cache_dir: &site.image_cache,
        encode: true,
    };
    if !site.images.forget_unshown(&input, &delta.items) {
        return Vec::new();
    }
    let outputs = site.images.outputs(&site.root);
    let routes = site.library.set_image_routes(outputs);
    routes.routes_removed.into_iter().collect()
}

/// The inputs a library update changed.
fn delta_inputs(delta: &Delta, sitemap_parts: usize) -> Vec<Input> {
    let mut inputs: Vec<Input> = delta.items.iter().map(|&id| Input::Item(id)).collect();
    inputs.extend(delta.orders.iter().map(|&id| Input::Order(id)));
    inputs.extend(delta.groups.iter().map(|&g| Input::Group(g)));
    inputs.extend(delta.neighbours.iter().map(|&id| Input::Neighbours(id)));
    inputs.extend(delta.around.iter().map(|&id| Input::Around(id)));
    inputs.extend(
        delta
            .listings
            .iter()
            .map(|(l, k)| Input::Listing(l.clone(), *k)),
    );
    let mut langs = BTreeSet::new();
    for (lang, key) in &delta.collections {
        inputs.push(Input::Collection(lang.clone(), key.clone()));
        langs.insert(lang.clone());
    }
    inputs.extend(
        delta
            .collection_heads
            .iter()
            .map(|(l, k)| Input::CollectionHead(l.clone(), k.clone())),
    );
    inputs.extend(langs.into_iter().map(Input::Collections));
    // The sitemap's parts that list a page that came, went or changed (by its file: a
    // removed route's output is gone; a part whose pages stay finds its bytes unchanged).
    inputs.extend(
        delta
            .routes_added
            .iter()
            .chain(&delta.routes_removed)
            .chain(&delta.routes_changed)
            .map(|file| Input::SitemapPart(crate::urls::sitemap_part_of(file, sitemap_parts))),
    );
    inputs
}

/// Loads the theme again after a template or strings edit; `None` when a template appeared
/// or went away (which outputs exist may change: a full build).
fn reload_theme(
    site: &LoadedSite,
    templates: bool,
    strings: bool,
    inputs: &mut BTreeSet<Input>,
) -> Result<Option<(Renderer, crate::i18n::I18n)>, Vec<Diagnostic>> {
    let theme = crate::theme::load_theme(&site.root, &site.config.theme)?;
    let i18n = crate::i18n::I18n::load(&site.config, &theme.i18n)?;
    let renderer = Renderer::new(&site.config, &theme, &i18n)?;
    for name in ["print.html", "search.html", "models.html"] {
        if renderer.has_template(name) != site.renderer.has_template(name) {
            return Ok(None);
        }
    }
    if templates {
        // Every template: the fingerprints of pages tell which ones really changed.
        for name in theme.templates.keys() {
            inputs.insert(Input::Template(name.clone()));
        }
    }
    if strings {
        for lang in &site.config.languages {
            if i18n.map(&lang.code) != site.i18n.map(&lang.code) {
                inputs.insert(Input::Strings(lang.code.clone()));
            }
        }
    }
    Ok(Some((renderer, i18n)))
}

/// Whether an item shows a local image the site has not processed.
fn shows_new_images(site: &LoadedSite, source: &Source) -> bool {
    let options = crate::pipeline::markdown_options(&site.config);
    let mut refs: Vec<String> = crate::markdown::local_image_refs(&source.body, &options)
        .into_iter()
        .map(|(url, _)| url)
        .collect();
    if let Some(image) = &source.front_matter.common.image {
        refs.push(image.value.trim().to_string());
    }
    refs.iter().any(|dest| {
        if dest.starts_with("http://") || dest.starts_with("https://") {
            return false;
        }
        let dir = source.rel_path.parent().unwrap_or(Path::new(""));
        let decoded = crate::text::percent_decode(dest.split(['?', '#']).next().unwrap_or(dest));
        let file = match decoded.strip_prefix('/') {
            Some(rooted) => site
                .static_dirs
                .iter()
                .map(|d| d.join(rooted))
                .find(|p| p.is_file()),
            None => crate::library::normalize_path(&dir.join(&decoded)).map(|p| site.root.join(p)),
        };
        file.is_some_and(|f| is_image(&f) && f.is_file() && !site.images.knows(&f))
    })
}

/// What changed, in words: the fields of an edited item, or the files added or removed.
fn reason(
    site: &LoadedSite,
    sources: &BTreeMap<PathBuf, Option<Source>>,
    templates: bool,
    strings: bool,
) -> Text {
    let mut parts: Vec<Text> = Vec::new();
    for (path, new) in sources {
        let old = site
            .library
            .by_source
            .get(path)
            .map(|&id| &site.library.items[id].source);
        let shown = path.display();
        match (old, new) {
            (None, Some(_)) => parts.push(t!("watch-file-added", path = shown)),
            (Some(_), None) => parts.push(t!("watch-file-removed", path = shown)),
            (None, None) => parts.push(t!("watch-file-not-an-item", path = shown)),
            (Some(old), Some(new)) => {
                let fields = changed_fields(old, new);
                parts.push(if fields.is_empty() {
                    t!("watch-file-unchanged", path = shown)
                } else {
                    let fields: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
                    t!("watch-fields-changed", fields = fields.join(", "))
                });
            }
        }
    }
    if templates {
        parts.push(t!("watch-templates-changed"));
    }
    if strings {
        parts.push(t!("watch-strings-changed"));
    }
    if parts.is_empty() {
        parts.push(t!("watch-files-changed"));
    }
    Text::verbatim(join(&parts, "; "))
}

fn join(parts: &[Text], separator: &str) -> String {
    parts
        .iter()
        .map(Text::as_str)
        .collect::<Vec<_>>()
        .join(separator)
}

/// A changed part of an item: one of its front-matter keys (shown as typed), its body, or its
/// front matter as a whole.
enum Field {
    Key(&'static str),
    Body,
    FrontMatter,
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Field::Key(key) => f.write_str(key),
            Field::Body => f.write_str(&t!("watch-field-body")),
            Field::FrontMatter => f.write_str(&t!("watch-field-front-matter")),
        }
    }
}

/// The front-matter keys and the body that differ between two versions of an item.
fn changed_fields(old: &Source, new: &Source) -> Vec<Field> {
    let (a, b) = (&old.front_matter.common, &new.front_matter.common);
    let mut fields = Vec::new();
    let checks: [(&'static str, bool); 13] = [
        ("title", a.title != b.title),
        ("date", a.date != b.date),
        ("updated", a.updated != b.updated),
        ("summary", a.summary != b.summary),
        ("slug", a.slug != b.slug),
        ("draft", a.draft != b.draft),
        ("topics", a.topics != b.topics),
        (
            "locality",
            a.locality.as_ref().map(|l| &l.value) != b.locality.as_ref().map(|l| &l.value),
        ),
        (
            "image",
            a.image.as_ref().map(|l| &l.value) != b.image.as_ref().map(|l| &l.value)
                || a.image_alt != b.image_alt,
        ),
        (
            "aliases",
            a.aliases
                .iter()
                .map(|l| &l.value)
                .ne(b.aliases.iter().map(|l| &l.value)),
        ),
        ("translation_key", a.translation_key != b.translation_key),
        ("weight", a.weight != b.weight),
        ("share", a.share != b.share),
    ];
    for (name, differs) in checks {
        if differs {
            fields.push(Field::Key(name));
        }
    }
    if old.body != new.body {
        fields.push(Field::Body);
    }
    if fields.is_empty() && old.front_matter_digest != new.front_matter_digest {
        fields.push(match new.kind {
            Kind::Bulletin => Field::Key("items"),
            _ => Field::FrontMatter,
        });
    }
    fields
}

/// What a rebuild rendered, counted by kind: `1 page, 3 listings, 2 feeds, home`.
fn describe(site: &LoadedSite, rendered: &[String], delta: &Delta) -> Text {
    let mut counts: BTreeMap<Rendered, usize> = BTreeMap::new();
    for file in rendered {
        let Some(route) = site.library.routes.get(file) else {
            continue;
        };
        let kind = match &route.output {
            Output::Item(id) if delta.items.contains(id) => Rendered::Page,
            Output::Item(_) => Rendered::Neighbour,
            Output::Home { .. } => Rendered::Home,
            Output::Listing { .. } => Rendered::Listing,
            Output::Feed { .. } => Rendered::Feed,
            Output::Sitemap { .. } | Output::SitemapPart { .. } => Rendered::Sitemap,
            Output::NotFound => Rendered::NotFound,
            Output::Copy(_) => Rendered::Copy,
            Output::Redirect { .. } => Rendered::Redirect,
            Output::TopicIndex { .. } | Output::LocalityIndex { .. } => Rendered::IndexPage,
            Output::BulletinPrint(_) => Rendered::PrintEdition,
            Output::BulletinReadAloud(_) | Output::BulletinReadAloudText(_) => Rendered::ReadAloud,
            Output::SharePage { .. } | Output::ShareJson { .. } => Rendered::ShareFile,
            Output::Collection { .. } => Rendered::Collection,
            Output::SearchPage { .. } => Rendered::SearchPage,
            Output::SearchIndex { .. } => Rendered::SearchIndex,
        };
        *counts.entry(kind).or_default() += 1;
    }
    let removed = delta.routes_removed.len();
    let mut parts: Vec<Text> = counts
        .into_iter()
        .map(|(kind, n)| kind.counted(n))
        .collect();
    if removed > 0 {
        parts.push(t!("watch-removed", count = removed));
    }
    if parts.is_empty() {
        t!("watch-nothing-to-write")
    } else {
        Text::verbatim(join(&parts, ", "))
    }
}

/// The kinds of files a rebuild counts, in the order the summary names them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rendered {
    NotFound,
    Copy,
    Feed,
    Home,
    IndexPage,
    Listing,
    Neighbour,
    Page,
    PrintEdition,
    ReadAloud,
    Redirect,
    SearchIndex,
    SearchPage,
    ShareFile,
    Sitemap,
    Collection,
}

impl Rendered {
    fn counted(self, count: usize) -> Text {
        match self {
            Rendered::Copy => t!("watch-count-copy", count = count),
            Rendered::Feed => t!("watch-count-feed", count = count),
            Rendered::Home => t!("watch-count-home", count = count),
            Rendered::IndexPage => t!("watch-count-index-page", count = count),
            Rendered::Listing => t!("watch-count-listing", count = count),
            Rendered::Neighbour => t!("watch-count-neighbour", count = count),
            Rendered::NotFound => t!("watch-count-not-found", count = count),
            Rendered::Page => t!("watch-count-page", count = count),
            Rendered::PrintEdition => t!("watch-count-print-edition", count = count),
            Rendered::ReadAloud => t!("watch-count-read-aloud", count = count),
            Rendered::Redirect => t!("watch-count-redirect", count = count),
            Rendered::SearchIndex => t!("watch-count-search-index", count = count),
            Rendered::SearchPage => t!("watch-count-search-page", count = count),
            Rendered::ShareFile => t!("watch-count-share-file", count = count),
            Rendered::Sitemap => t!("watch-count-sitemap", count = count),
            Rendered::Collection => t!("watch-count-collection", count = count),
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
            "bantin: {}",
            t!("build-waiting-for-other-build", output = output.display())
        )
    };
    Publish::begin(output, root, &waiting).map_err(BuildError::Io)
}

fn content_errors(errors: Vec<Diagnostic>) -> BuildError {
    let mut all = Diagnostics::default();
    all.extend(errors);
    BuildError::Content(all.into_sorted())
}
