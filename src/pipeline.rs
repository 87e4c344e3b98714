//! The build: load → library → render (in parallel, each page written as soon as it is made)
//! → publish the changed files. `bantin check` runs the same pipeline without writing.

use crate::config::Config;
use crate::content::{Kind, load_sources};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::images::{ImageInput, ImageStats, Images, process_images};
use crate::library::{FileSource, ItemId, Library, LibraryContext, Output, Route, build_library};
use crate::locality::Registry;
use crate::messages::Text;
use crate::portable::PortableSink;
use crate::render::Renderer;
use crate::render::facts::{ItemFacts, process_item};
use crate::render::outputs::{self, Failure};
use crate::render::view::{Input, Recorder, View};
use crate::t;
use crate::theme::load_theme;
use crate::write::{Discard, Prune, Publish, Sink};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holds site.yaml).
    pub root: PathBuf,
    /// The output folder; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// Check everything, write nothing (`bantin check`).
    pub dry_run: bool,
    /// Show progress on the terminal for long builds.
    pub progress: bool,
    /// Portable output (relative links to files) whatever site.yaml says (`--portable`).
    pub portable: bool,
    /// Where processed images are kept between builds; `<root>/.bantin-cache/images` when
    /// not given.
    pub image_cache: Option<PathBuf>,
}

/// What a successful build made.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Item pages per (language, kind).
    pub items: BTreeMap<(String, Kind), usize>,
    /// HTML pages written in all (items, listings, home pages, 404).
    pub pages: usize,
    /// Every file written (pages, feeds, sitemap, copied files).
    pub files: usize,
    pub elapsed: Duration,
    pub output: PathBuf,
    /// Problems that do not stop a build (missing UI strings...).
    pub warnings: Vec<Diagnostic>,
    /// What `bantin check` mentions without calling it a problem (the strings missing in
    /// languages marked `partial: true`).
    pub notes: Vec<Diagnostic>,
    /// Images shown by pages, and how many were resized in this build or came from the cache.
    pub images: ImageStats,
}

impl BuildReport {
    /// One line: pages per kind and language, and the time.
    pub fn summary_line(&self, config_languages: &[String]) -> Text {
        let mut per_lang = Vec::new();
        for lang in config_languages {
            let counts: Vec<String> = Kind::ALL
                .iter()
                .filter_map(|k| {
                    self.items
                        .get(&(lang.clone(), *k))
                        .map(|&n| count_of(*k, n).into_string())
                })
                .collect();
            if !counts.is_empty() {
                let counts = counts.join(", ");
                let line = t!("build-summary-language", lang = lang, counts = counts);
                per_lang.push(line.into_string());
            }
        }
        let detail = if per_lang.is_empty() {
            t!("build-summary-no-items")
        } else {
            // A list of the languages' counts (each a message): joined as data.
            Text::verbatim(per_lang.join("; "))
        };
        let seconds = format!("{:.2}", self.elapsed.as_secs_f64());
        let (pages, files) = (self.pages, self.files);
        let ImageStats {
            images,
            processed,
            cached,
        } = self.images;
        if images == 0 {
            t!(
                "build-summary",
                pages = pages,
                detail = detail,
                files = files,
                seconds = seconds
            )
        } else {
            t!(
                "build-summary-with-images",
                pages = pages,
                detail = detail,
                files = files,
                images = images,
                processed = processed,
                cached = cached,
                seconds = seconds
            )
        }
    }
}

/// `3 articles`, `1 model`...: how many items of a kind.
fn count_of(kind: Kind, count: usize) -> Text {
    match kind {
        Kind::Article => t!("build-count-articles", count = count),
        Kind::Model => t!("build-count-models", count = count),
        Kind::Explainer => t!("build-count-explainers", count = count),
        Kind::Bulletin => t!("build-count-bulletins", count = count),
        Kind::Page => t!("build-count-pages", count = count),
    }
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files (exit code 1), all of them, sorted.
    Content(Vec<Diagnostic>),
    /// Usage or input/output problems (exit code 2).
    Io(Text),
}

/// Everything that is loaded before rendering.
pub struct LoadedSite {
    pub root: PathBuf,
    pub config: Config,
    pub registry: Registry,
    pub i18n: I18n,
    pub library: Library,
    pub renderer: Renderer,
    pub static_dirs: Vec<PathBuf>,
    /// The site's local images, processed.
    pub images: Images,
    /// Drafts are built (`--drafts`).
    pub include_drafts: bool,
    /// Where processed images are kept between builds.
    pub image_cache: PathBuf,
    /// How abbreviations are said in the read-aloud editions (data/abbreviations.yaml).
    pub glossary: crate::speech::glossary::Glossary,
}

impl LoadedSite {
    /// What the library is made from besides the content files.
    pub fn library_context(&self) -> LibraryContext<'_> {
        LibraryContext {
            root: &self.root,
            config: &self.config,
            registry: &self.registry,
            include_drafts: self.include_drafts,
        }
    }
}

/// Prints how long each phase took when `BANTIN_TIMINGS` is set (for benchmarks).
pub(crate) struct PhaseClock {
    enabled: bool,
    last: Instant,
}

impl PhaseClock {
    pub(crate) fn start() -> PhaseClock {
        PhaseClock {
            enabled: std::env::var_os("BANTIN_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }
    pub(crate) fn mark(&mut self, phase: &str) {
        if self.enabled {
            // Resident memory now and at its peak (Linux), to see which phase holds what.
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let mib = |key: &str| {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix(key))
                    .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
                    .map_or(String::new(), |kb| format!("{} MiB", kb / 1024))
            };
            eprintln!(
                "bantin: {phase}: {:.0} ms (resident {}, peak {})",
                self.last.elapsed().as_secs_f64() * 1000.0,
                mib("VmRSS:"),
                mib("VmHWM:")
            );
            self.last = Instant::now();
        }
    }
}

/// Loads and checks everything up to rendering. Errors that do not stop the build from
/// continuing (one bad item) are returned beside the site, so that all are reported together.
pub fn load_site(options: &BuildOptions) -> Result<(LoadedSite, Vec<Diagnostic>), BuildError> {
    let root = options.root.clone();
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        let folder = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &root
        };
        return Err(BuildError::Io(t!("build-no-site-yaml", folder = folder)));
    }
    let mut clock = PhaseClock::start();
    let mut config = Config::load(&root).map_err(BuildError::Content)?;
    if let Some(url) = &options.base_url {
        config
            .set_base_url(url)
            .map_err(|e| BuildError::Io(t!("build-base-url-option", error = e)))?;
    }
    config.portable |= options.portable;
    let mut errors = Diagnostics::default();
    // A broken registry is reported once: the items that name localities are not checked
    // against it (see `Registry::unavailable`).
    let registry = Registry::load(&root).unwrap_or_else(|e| {
        errors.extend(e);
        Registry {
            unavailable: true,
            ..Registry::default()
        }
    });
    let theme = load_theme(&root, &config.theme).map_err(BuildError::Content)?;
    let i18n = I18n::load(&config, &theme.i18n).map_err(BuildError::Content)?;
    let renderer = Renderer::new(&config, &theme, &i18n);
    clock.mark("config, localities, theme, templates");
    let mut loaded = load_sources(&root, &config, &registry);
    errors.extend(std::mem::take(&mut loaded.errors));
    clock.mark("read and parse content");
    let statics: Vec<(String, FileSource, String)> = theme
        .statics
        .iter()
        .map(|(file, (source, origin))| {
            let published = theme.published_name(file).to_string();
            (published, source.clone(), origin.clone())
        })
        .collect();
    let topic_names = crate::taxonomy::Topics::load_names(&root).unwrap_or_else(|e| {
        errors.extend(e);
        BTreeMap::new()
    });
    let glossary = crate::speech::glossary::Glossary::load(&root).unwrap_or_else(|e| {
        errors.extend(e);
        crate::speech::glossary::Glossary::defaults()
    });
    let context = LibraryContext {
        root: &root,
        config: &config,
        registry: &registry,
        include_drafts: options.drafts,
    };
    let (mut library, library_errors) = build_library(&context, loaded, statics, topic_names);
    errors.extend(library_errors);
    clock.mark("library and routes");
    let renderer = match renderer {
        Ok(r) => r,
        Err(e) => {
            errors.extend(e);
            return Err(BuildError::Content(errors.into_sorted()));
        }
    };
    let static_dirs = crate::theme::static_dirs(&root, &config.theme);
    let cache_dir = options
        .image_cache
        .clone()
        .unwrap_or_else(|| root.join(crate::images::CACHE_DIR));
    let (images, image_errors) = process_images(&ImageInput {
        root: &root,
        library: &library,
        static_dirs: &static_dirs,
        md_options: &markdown_options(&config),
        cache_dir: &cache_dir,
        encode: !options.dry_run,
    });
    errors.extend(image_errors);
    errors.extend(library.set_image_routes(images.outputs(&root)).errors);
    clock.mark("images");
    Ok((
        LoadedSite {
            root,
            config,
            registry,
            i18n,
            library,
            renderer,
            static_dirs,
            images,
            include_drafts: options.drafts,
            image_cache: cache_dir,
            glossary,
        },
        errors.0,
    ))
}

/// How Markdown bodies are rendered on the site's own pages.
pub fn markdown_options(config: &Config) -> crate::markdown::MarkdownOptions {
    crate::markdown::MarkdownOptions {
        smart_punctuation: config.smart_punctuation,
        unsafe_html: config.unsafe_html,
        id_prefix: None,
        video: Default::default(),
    }
}

/// Builds the site into its output folder (or checks it, with `dry_run`).
pub fn build_site(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let (mut site, errors) = load_site(options)?;
    write_site(&mut site, errors, options, started)
}

/// Renders a loaded site into its output folder (nothing is written if there is any error).
pub fn write_site(
    site: &mut LoadedSite,
    mut errors: Vec<Diagnostic>,
    options: &BuildOptions,
    started: Instant,
) -> Result<BuildReport, BuildError> {
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| site.root.join("public"));
    let publish = if options.dry_run {
        None
    } else {
        let waiting = || {
            eprintln!(
                "bantin: {}",
                t!("build-waiting-for-other-build", output = output.display())
            )
        };
        Some(Publish::begin(&output, &site.root, &waiting).map_err(BuildError::Io)?)
    };
    let target: &dyn Sink = match &publish {
        Some(p) => p,
        None => &Discard,
    };
    let portable = PortableSink::new(target, &site.config);
    let sink: &dyn Sink = if site.config.portable {
        &portable
    } else {
        target
    };
    // A build renders each body once: those no bulletin shows again are freed once used.
    let bodies = site.library.items.take_unshown_bodies();
    let (rendering, render_errors) = render_site(site, sink, options.progress, false, bodies);
    let report = rendering.report;
    errors.extend(render_errors);
    if !errors.is_empty() {
        if let Some(p) = publish {
            p.abandon();
        }
        let mut all = Diagnostics::default();
        all.extend(errors);
        return Err(BuildError::Content(all.into_sorted()));
    }
    let mut clock = PhaseClock::start();
    if let Some(p) = publish {
        p.publish(Prune::Unwritten).map_err(BuildError::Io)?;
    }
    clock.mark("publish the output");
    Ok(BuildReport {
        elapsed: started.elapsed(),
        output,
        warnings: warnings(site, &rendering.facts),
        notes: site.i18n.missing_key_warnings(&site.config, true),
        ..report
    })
}

/// What `bantin check` reports without failing the build: items that still name merged-away
/// localities, and UI strings missing in a language.
pub fn warnings(site: &LoadedSite, facts: &[Option<ItemFacts>]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for item in site.library.items.iter() {
        let (Some(resolved), Some(written)) =
            (&item.locality, &item.source.front_matter.common.locality)
        else {
            continue;
        };
        if let Some(former) = &resolved.former {
            let name = site
                .registry
                .localities
                .get(&resolved.id)
                .map_or(resolved.id.as_str(), |l| {
                    l.name(item.lang(), &site.config.default_language)
                });
            let id = &resolved.id;
            let message = t!(
                "build-former-locality",
                former = former,
                id = id,
                name = name
            );
            warnings.push(
                Diagnostic::new(&item.source.rel_path, written.line, written.column, message)
                    .with_key("locality"),
            );
        }
    }
    warnings.extend(
        facts
            .iter()
            .flatten()
            .flat_map(|f| f.warnings.iter().cloned()),
    );
    warnings.sort();
    warnings.extend(site.i18n.missing_key_warnings(&site.config, false));
    warnings
}

/// Collects problems from parallel workers. A template error repeats on every page that uses
/// the template: it is reported once, with how many pages it stopped.
#[derive(Default)]
pub struct Problems {
    found: Mutex<Vec<Diagnostic>>,
    templates: Mutex<BTreeMap<Diagnostic, (String, usize)>>,
}

impl Problems {
    pub fn extend(&self, ds: Vec<Diagnostic>) {
        if !ds.is_empty()
            && let Ok(mut v) = self.found.lock()
        {
            v.extend(ds);
        }
    }

    /// A failure while writing the output of a route made from `origin`.
    pub fn failure(&self, failure: Failure, origin: &str) {
        match failure {
            Failure::Template(d) => {
                if let Ok(mut m) = self.templates.lock() {
                    m.entry(d).or_insert_with(|| (origin.to_string(), 0)).1 += 1;
                }
            }
            Failure::Io(message) => self.extend(vec![Diagnostic::file(origin, message)]),
        }
    }

    pub fn into_inner(self) -> Vec<Diagnostic> {
        let mut errors = self.found.into_inner().unwrap_or_default();
        for (mut d, (origin, count)) in self.templates.into_inner().unwrap_or_default() {
            let pages = if count > 1 {
                t!("build-pages-for-example", count = count, origin = &origin)
            } else {
                // A file name.
                Text::verbatim(origin)
            };
            // The context goes on the first line, before tera's source excerpt.
            let message = match d.message.split_once('\n') {
                Some((first, excerpt)) => {
                    t!(
                        "build-while-rendering-excerpt",
                        message = first,
                        pages = &pages,
                        excerpt = excerpt
                    )
                }
                None => t!(
                    "build-while-rendering",
                    message = &d.message,
                    pages = &pages
                ),
            };
            d.message = message;
            errors.push(d);
        }
        errors
    }
}

/// What an output or an item's facts read when they were last made, and (for outputs) the
/// fingerprint of what they showed: what watch mode compares after an edit.
#[derive(Debug, Clone)]
pub struct Record {
    pub inputs: Vec<Input>,
    pub fingerprint: u64,
}

/// A full render: the facts of every item, and when recording, what each read.
pub struct Rendering {
    pub facts: Vec<Option<ItemFacts>>,
    /// Per item, what its facts read (recording only).
    pub facts_reads: Vec<Option<Vec<Input>>>,
    /// Per item, what its links to other items read (recording only).
    pub links_reads: Vec<Option<Vec<Input>>>,
    /// Per output file, what it read and showed (recording only).
    pub outputs: HashMap<String, Record>,
    pub report: BuildReport,
}

/// One item: its facts and its page, written at once.
struct ItemDone {
    id: ItemId,
    /// Boxed: the list of every item's result then holds no second copy of every facts.
    facts: Box<ItemFacts>,
    facts_reads: Option<Vec<Input>>,
    links_reads: Option<Vec<Input>>,
    page: Option<(String, Record)>,
    pages: usize,
}

/// How an item is rendered: with the body a build took out of the library (else its own),
/// and whether its facts are kept whole.
struct ItemWork {
    id: ItemId,
    body: Option<String>,
    /// Watch mode keeps everything; a build keeps only what other outputs read.
    trim: Option<Trim>,
}

/// What a build keeps of an item's facts once its page is written: its post only when the
/// share page shows it; its contents, FAQ data and video cards never (only its page shows
/// them).
#[derive(Clone, Copy)]
struct Trim {
    keep_post: bool,
}

/// The items to render, the bulletins apart (they are rendered after the others, whose
/// summaries they show), each with its body if the build took it out of the library and what
/// is kept of its facts.
fn item_work(
    view: &View,
    record: bool,
    mut bodies: Vec<Option<String>>,
) -> (Vec<ItemWork>, Vec<ItemWork>) {
    let items = &view.library().items;
    // A build keeps the posts of the items the share pages show, and no other.
    let mut keep_post = vec![false; items.len()];
    if !record {
        for lang in &view.config().languages {
            for id in crate::render::share_page::latest(view, &lang.code) {
                keep_post[id] = true;
            }
        }
    }
    items
        .iter()
        .map(|item| ItemWork {
            id: item.id,
            body: bodies.get_mut(item.id).and_then(Option::take),
            trim: (!record).then_some(Trim {
                keep_post: keep_post[item.id],
            }),
        })
        .partition(|work| items[work.id].kind() != Kind::Bulletin)
}

/// Renders an item's body, makes its facts and writes its page.
fn render_item(
    view: View,
    work: ItemWork,
    sink: &dyn Sink,
    record: bool,
    problems: &Problems,
) -> ItemDone {
    let site = view.site;
    let id = work.id;
    let facts_recorder = Recorder::default();
    let v = if record {
        view.recording(&facts_recorder)
    } else {
        view
    };
    let mut processed = match &work.body {
        Some(body) => crate::render::facts::process_body(&v, id, body),
        None => process_item(&v, id),
    };
    drop(work.body);
    problems.extend(processed.errors);
    let facts_reads = record.then(|| facts_recorder.into_inputs());
    let (links, links_reads) = crate::render::item::recorded_links(view, id, record);
    processed.facts.links = links;
    let item = &site.library.items[id];
    let file = crate::urls::index_file(&item.route);
    let page_recorder = Recorder::default();
    let v = if record {
        view.recording(&page_recorder)
    } else {
        view
    };
    let mut pages = 0;
    let mut page = None;
    if let Some(route) = site.library.routes.get(&file) {
        let made = outputs::prepare(&v, route, Some(&processed.facts));
        if record {
            let fingerprint = outputs::fingerprint(&v, &made);
            page = Some((
                file.clone(),
                Record {
                    inputs: page_recorder.into_inputs(),
                    fingerprint,
                },
            ));
        }
        match outputs::write(&view, &file, made, Some(processed.html), sink) {
            Ok(n) => pages += n,
            Err(f) => problems.failure(f, &item.source.rel_path.to_string_lossy()),
        }
    }
    if let Some(trim) = work.trim {
        // Only the item's own page shows its links, contents, FAQ data and video cards, and
        // it is written: watch mode alone reads them again (to compare, and to make the page
        // again).
        let facts = &mut processed.facts;
        facts.links = crate::render::item::ItemLinks::default();
        facts.toc = Vec::new();
        facts.json_ld = None;
        facts.videos = Vec::new();
        if !trim.keep_post {
            facts.share = None;
        }
    }
    ItemDone {
        id,
        facts: Box::new(processed.facts),
        facts_reads,
        links_reads,
        page,
        pages,
    }
}

/// Prepares and writes the output of one route (not an item's page); its record when asked.
pub fn render_route(
    view: View,
    route: &Route,
    sink: &dyn Sink,
    record: bool,
    problems: &Problems,
) -> (usize, Option<Record>) {
    let recorder = Recorder::default();
    let v = if record {
        view.recording(&recorder)
    } else {
        view
    };
    let made = outputs::prepare(&v, route, None);
    let fingerprint = record.then(|| outputs::fingerprint(&v, &made));
    let written = match outputs::write(&view, &route.file, made, None, sink) {
        Ok(n) => n,
        Err(f) => {
            problems.failure(f, &route.origin);
            0
        }
    };
    let record = fingerprint.map(|fingerprint| Record {
        inputs: recorder.into_inputs(),
        fingerprint,
    });
    (written, record)
}

/// Renders every route and writes it to `sink`; with `record`, also what each output read.
///
/// `bodies` are bodies a build took out of the library, by id
/// ([`crate::library::Items::take_unshown_bodies`]): each is rendered once, then freed.
pub fn render_site(
    site: &LoadedSite,
    sink: &dyn Sink,
    progress: bool,
    record: bool,
    bodies: Vec<Option<String>>,
) -> (Rendering, Vec<Diagnostic>) {
    let library = &site.library;
    let problems = Problems::default();
    let mut clock = PhaseClock::start();
    let total = library.items.count();
    let show_progress = progress && total >= 500 && std::io::stderr().is_terminal();
    let done = AtomicUsize::new(0);
    let tick = || {
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if show_progress && n.is_multiple_of(250) {
            eprint!("\r  {}", t!("build-progress", done = n, total = total));
        }
    };
    let mut rendering = Rendering {
        facts: (0..library.items.len()).map(|_| None).collect(),
        facts_reads: vec![None; library.items.len()],
        links_reads: vec![None; library.items.len()],
        outputs: HashMap::new(),
        report: BuildReport::default(),
    };
    let mut pages = 0;
    // Pass 1: every item but bulletins (which show other items' summaries): Markdown, facts,
    // page, written at once; only the facts are kept.
    let mut keep = |rendering: &mut Rendering, done: Vec<ItemDone>| {
        for d in done {
            rendering.facts[d.id] = Some(*d.facts);
            rendering.facts_reads[d.id] = d.facts_reads;
            rendering.links_reads[d.id] = d.links_reads;
            if let Some((file, r)) = d.page {
                rendering.outputs.insert(file, r);
            }
            pages += d.pages;
        }
    };
    let view = View::new(site, &[]);
    let (work, bulletins) = item_work(&view, record, bodies);
    let first: Vec<ItemDone> = work
        .into_par_iter()
        .map(|work| {
            tick();
            render_item(view, work, sink, record, &problems)
        })
        .collect();
    keep(&mut rendering, first);
    clock.mark("item pages (Markdown, templates, writes)");
    // Pass 2: bulletins, now that the summaries of their items exist.
    let view = View::new(site, &rendering.facts);
    let second: Vec<ItemDone> = bulletins
        .into_par_iter()
        .map(|work| render_item(view, work, sink, record, &problems))
        .collect();
    keep(&mut rendering, second);
    if show_progress {
        // Clear the progress line: the summary line follows.
        eprint!("\r\x1b[2K");
    }
    clock.mark("bulletins");
    // Pass 3: listings, home pages, feeds, sitemap, search indexes, 404 and copied files.
    let view = View::new(site, &rendering.facts);
    let routes: Vec<&Route> = library
        .routes
        .values()
        .filter(|r| !matches!(r.output, Output::Item(_)))
        .collect();
    let rest: Vec<(String, usize, Option<Record>, bool)> = routes
        .par_iter()
        .map(|route| {
            let (written, record) = render_route(view, route, sink, record, &problems);
            let is_page = route.file.ends_with(".html")
                && !matches!(route.output, Output::Copy(_) | Output::Redirect { .. });
            (route.file.clone(), written, record, is_page)
        })
        .collect();
    let mut search_files = 0;
    for (file, written, record, is_page) in rest {
        if is_page {
            pages += written;
        }
        if file.ends_with(crate::search::INDEX_FILE) {
            search_files += written;
        }
        if let Some(r) = record {
            rendering.outputs.insert(file, r);
        }
    }
    clock.mark("listings, feeds, sitemap, search, copies");
    let mut items: BTreeMap<(String, Kind), usize> = BTreeMap::new();
    for item in library.items.iter() {
        *items
            .entry((item.lang().to_string(), item.kind()))
            .or_default() += 1;
    }
    rendering.report = BuildReport {
        items,
        pages,
        // The search index's route names one file of each language's index.
        files: library.routes.len() + search_files.saturating_sub(site.config.languages.len()),
        images: site.images.stats,
        ..BuildReport::default()
    };
    (rendering, problems.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Language, in_language};

    fn report(images: ImageStats) -> BuildReport {
        let mut items = BTreeMap::new();
        items.insert(("vi".to_string(), Kind::Article), 3);
        items.insert(("vi".to_string(), Kind::Model), 1);
        items.insert(("en".to_string(), Kind::Page), 1);
        BuildReport {
            items,
            pages: 12,
            files: 30,
            elapsed: Duration::from_millis(1234),
            images,
            ..BuildReport::default()
        }
    }

    #[test]
    fn the_summary_line_counts_pages_kinds_and_images_in_the_language_of_the_run() {
        let languages = ["vi".to_string(), "en".to_string()];
        let none = report(ImageStats::default());
        assert_eq!(
            none.summary_line(&languages).as_str(),
            "12 pages (vi: 3 articles, 1 model; en: 1 page), 30 files in 1.23 s"
        );
        let some = report(ImageStats {
            images: 1,
            processed: 0,
            cached: 1,
        });
        assert_eq!(
            some.summary_line(&languages).as_str(),
            "12 pages (vi: 3 articles, 1 model; en: 1 page), 30 files, 1 image (0 resized, 1 from the cache) in 1.23 s"
        );
        assert_eq!(
            BuildReport::default().summary_line(&languages).as_str(),
            "0 pages (no items), 0 files in 0.00 s"
        );
        let vi = in_language(Language::Vietnamese, || some.summary_line(&languages));
        assert_eq!(
            vi.as_str(),
            "12 trang (vi: 3 bài viết, 1 mô hình; en: 1 trang), 30 tệp, 1 ảnh (0 ảnh mới thu nhỏ, 1 ảnh lấy từ bộ nhớ đệm), trong 1.23 giây"
        );
    }

    #[test]
    fn a_template_error_names_the_pages_it_stopped_before_teras_excerpt() {
        let problems = Problems::default();
        let error = Diagnostic::new(
            "templates/list.html",
            3,
            5,
            t!(
                "build-template-error",
                error = "Variable `x` not found\n  --> list.html:3:5"
            ),
        );
        for origin in ["content/a.md", "content/b.md"] {
            problems.failure(Failure::Template(error.clone()), origin);
        }
        let single = Diagnostic::file("templates/home.html", t!("build-template-not-found"));
        problems.failure(Failure::Template(single), "home");
        let messages: Vec<String> = problems
            .into_inner()
            .iter()
            .map(|d| d.message.to_string())
            .collect();
        assert_eq!(
            messages,
            [
                "template not found in the theme or in the site's templates/; expected this file (while rendering home)",
                "template error: Variable `x` not found (while rendering 2 pages, e.g. content/a.md)\n  --> list.html:3:5",
            ]
        );
    }
}
