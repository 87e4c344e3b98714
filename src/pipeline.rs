//! The build: load → library → render (in parallel, each page written as soon as it is made)
//! → publish the changed files. `bantin check` runs the same pipeline without writing.

use crate::config::Config;
use crate::content::{Kind, load_sources};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::images::{ImageInput, ImageStats, Images, process_images};
use crate::library::Listed;
use crate::library::{FileSource, ItemId, Library, Output, add_route, build_library};
use crate::locality::Registry;
use crate::markdown::{self, MarkdownOptions};
use crate::portable::PortableSink;
use crate::render::context::{ShareEntryCtx, UntranslatedCtx, date_ctx, item_share};
use crate::render::context::{SummaryCtx, SummaryInput, item_ctx, summary_ctx};
use crate::render::links::ItemResolver;
use crate::render::print::{EditionCtx, EntryCtx, PrintResolver, qr_svg};
use crate::render::taxonomy::{DirectoryCtx, SiteView, faq_json_ld, item_links};
use crate::render::xml::{FEED_LIMIT, SitemapEntry, atom_feed, sitemap};
use crate::render::{LanguageLinks, PageCtx, Renderer};
use crate::theme::load_theme;
use crate::write::{Discard, Prune, Publish, Sink};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
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
    /// Images shown by pages, and how many were resized in this build or came from the cache.
    pub images: ImageStats,
}

impl BuildReport {
    /// One line: pages per kind and language, and the time.
    pub fn summary_line(&self, config_languages: &[String]) -> String {
        let mut per_lang = Vec::new();
        for lang in config_languages {
            let counts: Vec<String> = Kind::ALL
                .iter()
                .filter_map(|k| {
                    self.items
                        .get(&(lang.clone(), *k))
                        .map(|n| format!("{n} {}", plural(k.singular(), *n)))
                })
                .collect();
            if !counts.is_empty() {
                per_lang.push(format!("{lang}: {}", counts.join(", ")));
            }
        }
        let detail = if per_lang.is_empty() {
            "no items".to_string()
        } else {
            per_lang.join("; ")
        };
        let images = match self.images {
            ImageStats { images: 0, .. } => String::new(),
            ImageStats {
                images,
                processed,
                cached,
            } => format!(
                ", {images} {} ({processed} resized, {cached} from the cache)",
                plural("image", images)
            ),
        };
        format!(
            "{} pages ({detail}), {} files{images} in {:.2} s",
            self.pages,
            self.files,
            self.elapsed.as_secs_f64()
        )
    }
}

fn plural(word: &str, n: usize) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files (exit code 1), all of them, sorted.
    Content(Vec<Diagnostic>),
    /// Usage or input/output problems (exit code 2).
    Io(String),
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
}

/// Prints how long each phase took when `BANTIN_TIMINGS` is set (for benchmarks).
struct PhaseClock {
    enabled: bool,
    last: Instant,
}

impl PhaseClock {
    fn start() -> PhaseClock {
        PhaseClock {
            enabled: std::env::var_os("BANTIN_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }
    fn mark(&mut self, phase: &str) {
        if self.enabled {
            eprintln!(
                "bantin: {phase}: {:.0} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
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
        return Err(BuildError::Io(format!(
            "{} has no site.yaml: run bantin in a site folder, give --source DIR, or create a site with `bantin new site DIR`",
            if root.as_os_str().is_empty() {
                Path::new(".").display()
            } else {
                root.display()
            }
        )));
    }
    let mut clock = PhaseClock::start();
    let mut config = Config::load(&root).map_err(BuildError::Content)?;
    if let Some(url) = &options.base_url {
        config
            .set_base_url(url)
            .map_err(|e| BuildError::Io(format!("--base-url: {e}")))?;
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
    let mut loaded = load_sources(&root, &config);
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
    let (mut library, library_errors) = build_library(
        &root,
        &config,
        &registry,
        loaded,
        options.drafts,
        statics,
        topic_names,
    );
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
    let mut route_errors = Vec::new();
    for (file, cached, origin) in images.outputs(&root) {
        let output = Output::Copy(FileSource::Disk(cached));
        add_route(&mut library, file, output, origin, &mut route_errors);
    }
    errors.extend(route_errors);
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
        },
        errors.0,
    ))
}

/// How Markdown bodies are rendered on the site's own pages.
fn markdown_options(config: &Config) -> MarkdownOptions {
    MarkdownOptions {
        smart_punctuation: config.smart_punctuation,
        unsafe_html: config.unsafe_html,
        id_prefix: None,
    }
}

/// Builds the site into its output folder (or checks it, with `dry_run`).
pub fn build_site(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let (site, errors) = load_site(options)?;
    write_site(&site, errors, options, started)
}

/// Renders a loaded site into its output folder (nothing is written if there is any error).
pub fn write_site(
    site: &LoadedSite,
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
                "bantin: another build of {} is running; waiting for it to finish",
                output.display()
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
    let (report, render_errors) = render_site(site, sink, options.progress);
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
        warnings: warnings(site),
        ..report
    })
}

/// A summary shown in a language the item is not translated into: says which language it is in.
fn untranslated(summary: &SummaryCtx, original: &str, config: &Config) -> SummaryCtx {
    let mut copy = summary.clone();
    copy.untranslated = Some(UntranslatedCtx {
        code: original.to_string(),
        name: config
            .language(original)
            .map_or_else(|| original.to_string(), |l| l.name.clone()),
    });
    copy
}

/// What `bantin check` reports without failing the build: items that still name merged-away
/// localities, and UI strings missing in a language.
pub fn warnings(site: &LoadedSite) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for item in &site.library.items {
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
            warnings.push(
                Diagnostic::new(
                    &item.source.rel_path,
                    written.line,
                    written.column,
                    format!("`{former}` is a former unit, now part of `{}` ({name}); the item is filed there: write `locality: {}`", resolved.id, resolved.id),
                )
                .with_key("locality"),
            );
        }
    }
    warnings.sort();
    warnings.extend(site.i18n.missing_key_warnings(&site.config));
    warnings
}

/// Collects problems from parallel workers.
#[derive(Default)]
struct Problems(Mutex<Vec<Diagnostic>>);

impl Problems {
    fn push(&self, d: Diagnostic) {
        if let Ok(mut v) = self.0.lock() {
            v.push(d);
        }
    }
    fn extend(&self, ds: Vec<Diagnostic>) {
        if !ds.is_empty()
            && let Ok(mut v) = self.0.lock()
        {
            v.extend(ds);
        }
    }
    fn into_inner(self) -> Vec<Diagnostic> {
        self.0.into_inner().unwrap_or_default()
    }
}

enum Failure {
    Template(Diagnostic),
    Io(String),
}

/// Which routes a render makes: all of them (a build), or some (a rebuild in watch mode).
#[derive(Debug, Default)]
pub enum Selection {
    #[default]
    All,
    Only {
        /// Item pages to make again (their summaries are made again too).
        items: BTreeSet<ItemId>,
        /// Other routes (listings, feeds...), by output file.
        routes: BTreeSet<String>,
    },
}

impl Selection {
    fn item(&self, id: ItemId) -> bool {
        match self {
            Selection::All => true,
            Selection::Only { items, .. } => items.contains(&id),
        }
    }
    fn route(&self, file: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Only { routes, .. } => routes.contains(file),
        }
    }
}

/// Renders every route and writes it to `stage`.
pub fn render_site(
    site: &LoadedSite,
    stage: &dyn Sink,
    progress: bool,
) -> (BuildReport, Vec<Diagnostic>) {
    let mut summaries = vec![None; site.library.items.len()];
    render_routes(site, stage, &mut summaries, &Selection::All, progress)
}

/// Renders the selected routes and writes them to `stage`. `summaries` holds the summary of
/// every item (`None` before the first render); the selected items' summaries are replaced.
pub fn render_routes(
    site: &LoadedSite,
    stage: &dyn Sink,
    summaries: &mut [Option<SummaryCtx>],
    selection: &Selection,
    progress: bool,
) -> (BuildReport, Vec<Diagnostic>) {
    let LoadedSite {
        root,
        config,
        registry,
        i18n,
        library,
        renderer,
        static_dirs,
        images,
    } = site;
    let view = SiteView {
        config,
        i18n,
        registry,
        library,
    };
    let problems = Problems::default();
    let io_problem = |origin: &str, message: String| Diagnostic::file(origin, message);
    let md_options = markdown_options(config);
    let done = AtomicUsize::new(0);
    let total = library.items.len();
    let show_progress = progress && total >= 500 && std::io::stderr().is_terminal();
    // A template error repeats on every page that uses the template: report it once.
    let template_errors: Mutex<BTreeMap<Diagnostic, (PathBuf, usize)>> =
        Mutex::new(BTreeMap::new());
    let template_error = |d: Diagnostic, origin: &Path| {
        if let Ok(mut m) = template_errors.lock() {
            m.entry(d).or_insert_with(|| (origin.to_path_buf(), 0)).1 += 1;
        }
    };

    // Pass 1: every item but bulletins (which show other items' summaries): Markdown, summary,
    // page, written at once; only the compact summary is kept.
    let render_item =
        |id: ItemId, summaries: Option<&[Option<SummaryCtx>]>| -> Option<SummaryCtx> {
            let item = &library.items[id];
            let resolver = ItemResolver {
                root,
                config,
                library,
                item,
                static_dirs,
                images,
            };
            let (rendered, md_errors) = markdown::render(
                &item.source.rel_path,
                &item.source.body,
                item.source.body_line,
                &md_options,
                &resolver,
            );
            problems.extend(md_errors);
            let summary = summary_ctx(
                item,
                SummaryInput {
                    summary_html: rendered.summary_html,
                    root,
                    config,
                    registry,
                    taxonomies: &library.taxonomies,
                    static_dirs,
                    images,
                    i18n,
                },
            );
            let members: Vec<SummaryCtx> = match summaries {
                Some(all) => item
                    .bulletin_items
                    .iter()
                    .filter_map(|entry| {
                        let summary = all[entry.id].as_ref()?;
                        Some(if entry.untranslated {
                            untranslated(summary, library.items[entry.id].lang(), config)
                        } else {
                            summary.clone()
                        })
                    })
                    .collect(),
                None => Vec::new(),
            };
            let json_ld = if item.kind() == Kind::Explainer {
                faq_json_ld(&rendered.html, &rendered.toc)
            } else {
                None
            };
            let mut ctx = item_ctx(item, &summary, rendered.html, rendered.toc, members, i18n);
            let neighbours = item_links(&view, item);
            ctx.topic_links = neighbours.topic_links;
            ctx.related = neighbours.related;
            ctx.previous = neighbours.previous;
            ctx.next = neighbours.next;
            ctx.json_ld = json_ld;
            if let Some((text, links)) = item_share(item, &summary, config) {
                ctx.share_text = Some(text);
                ctx.share_links = Some(links);
            }
            let page = PageCtx {
                title: summary.title.clone(),
                url: summary.url.clone(),
                permalink: summary.permalink.clone(),
                description: summary.summary_text.clone(),
                image: summary.image.as_ref().map(|i| i.for_preview(config)),
                is_item: true,
            };
            let links = LanguageLinks::new(
                config,
                item.lang(),
                &library.versions(&Output::Item(id), config),
            );
            match renderer.render_item(&ctx, &page, &links) {
                Ok(html) => {
                    if let Err(e) = stage.write(&crate::library::index_file(&item.route), &html) {
                        problems.push(io_problem(&item.source.rel_path.to_string_lossy(), e));
                    }
                }
                Err(message) => template_error(message, &item.source.rel_path),
            }
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if show_progress && n.is_multiple_of(250) {
                eprint!("\r  rendered {n}/{total} items");
            }
            Some(summary)
        };
    let mut clock = PhaseClock::start();
    let fresh: Vec<(ItemId, Option<SummaryCtx>)> = (0..library.items.len())
        .into_par_iter()
        .filter(|&id| selection.item(id) && library.items[id].kind() != Kind::Bulletin)
        .map(|id| (id, render_item(id, None)))
        .collect();
    for (id, s) in fresh {
        summaries[id] = s;
    }
    clock.mark("item pages (Markdown, templates, writes)");
    // Pass 2: bulletins, now that the summaries of their items exist.
    let bulletins: Vec<(ItemId, Option<SummaryCtx>)> = library
        .items
        .par_iter()
        .filter(|i| i.kind() == Kind::Bulletin && selection.item(i.id))
        .map(|i| (i.id, render_item(i.id, Some(summaries))))
        .collect();
    for (id, s) in bulletins {
        summaries[id] = s;
    }
    let summaries: &[Option<SummaryCtx>] = summaries;
    if show_progress {
        // Clear the progress line: the summary line follows.
        eprint!("\r\x1b[2K");
    }

    clock.mark("bulletins");
    // Pass 3: listings, home pages, feeds, sitemap, 404 and copied files.
    let routes: Vec<_> = library
        .routes
        .values()
        .filter(|r| !matches!(r.output, Output::Item(_)) && selection.route(&r.file))
        .collect();
    // `skip` and `take` select a page of a listing before any summary is touched, so that
    // rendering every page of a listing stays linear in its length.
    // An untranslated entry is a copy of the original's summary that says so.
    let summaries_of = |entries: &[Listed]| -> Vec<Cow<SummaryCtx>> {
        entries
            .iter()
            .filter_map(|entry| {
                let summary = summaries[entry.id].as_ref()?;
                if !entry.untranslated {
                    return Some(Cow::Borrowed(summary));
                }
                Some(Cow::Owned(untranslated(
                    summary,
                    library.items[entry.id].lang(),
                    config,
                )))
            })
            .collect()
    };
    // `skip` and `take` select a page of a listing before any summary is touched, so that
    // rendering every page of a listing stays linear in its length.
    let page_of = |entries: &'_ [Listed], page: usize| -> Vec<Listed> {
        entries
            .iter()
            .skip((page - 1) * config.paginate)
            .take(config.paginate)
            .copied()
            .collect()
    };
    let listing = |lang: &str, kind: Kind| -> &[Listed] {
        library
            .listings
            .get(&(lang.to_string(), kind))
            .map_or(&[], Vec::as_slice)
    };
    let listing_items =
        |lang: &str, kind: Kind, skip: usize, take: usize| -> Vec<Cow<SummaryCtx>> {
            let entries: Vec<Listed> = listing(lang, kind)
                .iter()
                .skip(skip)
                .take(take)
                .copied()
                .collect();
            summaries_of(&entries)
        };
    // Made on first use: a rebuild in watch mode rarely needs them.
    let directories: OnceLock<BTreeMap<&str, DirectoryCtx>> = OnceLock::new();
    let directory = |lang: &str| {
        directories
            .get_or_init(|| {
                config
                    .languages
                    .iter()
                    .map(|l| (l.code.as_str(), view.directory(&l.code)))
                    .collect()
            })
            .get(lang)
    };
    let shares: BTreeMap<&str, OnceLock<Vec<ShareEntryCtx>>> = config
        .languages
        .iter()
        .map(|l| (l.code.as_str(), OnceLock::new()))
        .collect();
    let share_of = |lang: &str| -> &[ShareEntryCtx] {
        shares.get(lang).map_or(&[], |cell| {
            cell.get_or_init(|| share_entries(site, summaries, lang))
        })
    };
    let pages_written = AtomicUsize::new(0);
    // A rendered page goes to the stage; a template failure is told apart from a write failure.
    let write_page = |file: &str, rendered: Result<Vec<u8>, Diagnostic>| -> Result<(), Failure> {
        pages_written.fetch_add(1, Ordering::Relaxed);
        let html = rendered.map_err(Failure::Template)?;
        stage.write(file, &html).map_err(Failure::Io)
    };
    // Later pages of a listing have no counterpart in other languages: their switcher leads to
    // the first page, and they claim no hreflang alternates.
    let paged_links = |lang: &str, output: &Output, page: usize| {
        let links = LanguageLinks::new(
            config,
            lang,
            &library.versions(&output.first_page(), config),
        );
        if page > 1 {
            LanguageLinks {
                alternates: Vec::new(),
                ..links
            }
        } else {
            links
        }
    };
    routes.par_iter().for_each(|route| {
        let result: Result<(), Failure> = match &route.output {
            Output::Item(_) => Ok(()),
            Output::Home { lang } => {
                let latest: BTreeMap<&'static str, Vec<Cow<SummaryCtx>>> = Kind::LISTED
                    .iter()
                    .map(|&k| (k.section(), listing_items(lang, k, 0, HOME_LATEST)))
                    .collect();
                let links =
                    LanguageLinks::new(config, lang, &library.versions(&route.output, config));
                write_page(
                    &route.file,
                    renderer.render_home(config, lang, &latest, &links),
                )
            }
            Output::Listing {
                kind,
                lang,
                page,
                pages,
            } => {
                let slice =
                    listing_items(lang, *kind, (page - 1) * config.paginate, config.paginate);
                let links = paged_links(lang, &route.output, *page);
                write_page(
                    &route.file,
                    renderer.render_listing(
                        config,
                        i18n,
                        lang,
                        *kind,
                        *page,
                        *pages,
                        &slice,
                        &links,
                        if *kind == Kind::Model && *page == 1 {
                            directory(lang)
                        } else {
                            None
                        },
                    ),
                )
            }
            Output::Feed { lang } => {
                // A feed carries the language's own items only, never untranslated ones.
                let mut entries: Vec<&SummaryCtx> = Kind::LISTED
                    .iter()
                    .filter_map(|&k| library.listings.get(&(lang.clone(), k)))
                    .flatten()
                    .filter(|entry| !entry.untranslated)
                    .filter_map(|entry| summaries[entry.id].as_ref())
                    .filter(|s| s.date.is_some())
                    .collect();
                entries.sort_by(|a, b| {
                    b.updated_time
                        .cmp(&a.updated_time)
                        .then_with(|| a.permalink.cmp(&b.permalink))
                });
                entries.truncate(FEED_LIMIT);
                stage
                    .write(&route.file, atom_feed(config, lang, &entries).as_bytes())
                    .map_err(Failure::Io)
            }
            Output::Sitemap => {
                let mut entries = sitemap_entries(site, summaries);
                stage
                    .write(&route.file, sitemap(&mut entries).as_bytes())
                    .map_err(Failure::Io)
            }
            Output::NotFound => write_page(&route.file, renderer.render_not_found(config, i18n)),
            Output::Redirect {
                route: to,
                lang,
                title,
            } => {
                let html = redirect_page(lang, &config.url_path(to), &config.permalink(to), title);
                stage
                    .write(&route.file, html.as_bytes())
                    .map_err(Failure::Io)
            }
            Output::BulletinPrint(id) if renderer.has_template("print.html") => {
                let bulletin = &library.items[*id];
                let anchors: HashMap<ItemId, String> = bulletin
                    .bulletin_items
                    .iter()
                    .enumerate()
                    .map(|(k, e)| (e.id, format!("item-{}", k + 1)))
                    .collect();
                let entries: Vec<EntryCtx> = bulletin
                    .bulletin_items
                    .iter()
                    .enumerate()
                    .map(|(k, entry)| {
                        let item = &library.items[entry.id];
                        let anchor = format!("item-{}", k + 1);
                        let inner = ItemResolver {
                            root,
                            config,
                            library,
                            item,
                            static_dirs,
                            images,
                        };
                        let resolver = PrintResolver {
                            inner,
                            anchors: &anchors,
                        };
                        let options = MarkdownOptions {
                            id_prefix: Some(anchor.clone()),
                            ..md_options.clone()
                        };
                        // Problems in the body were reported when the item's own page was made.
                        let (rendered, _) = markdown::render(
                            &item.source.rel_path,
                            &item.source.body,
                            item.source.body_line,
                            &options,
                            &resolver,
                        );
                        let input = SummaryInput {
                            summary_html: rendered.summary_html,
                            root,
                            config,
                            registry,
                            taxonomies: &library.taxonomies,
                            static_dirs,
                            images,
                            i18n,
                        };
                        let summary = summary_ctx(item, input);
                        let permalink = summary.permalink.clone();
                        EntryCtx {
                            anchor,
                            qr_svg: qr_svg(&permalink, &format!("QR {permalink}")),
                            permalink,
                            item: item_ctx(
                                item,
                                &summary,
                                rendered.html,
                                rendered.toc,
                                Vec::new(),
                                i18n,
                            ),
                        }
                    })
                    .collect();
                let resolver = ItemResolver {
                    root,
                    config,
                    library,
                    item: bulletin,
                    static_dirs,
                    images,
                };
                let (intro, _) = markdown::render(
                    &bulletin.source.rel_path,
                    &bulletin.source.body,
                    bulletin.source.body_line,
                    &md_options,
                    &resolver,
                );
                let permalink = config.permalink(&bulletin.route);
                let number = match &bulletin.source.front_matter.fields {
                    crate::content::front_matter::KindFields::Bulletin(b) => Some(b.number),
                    _ => None,
                };
                let edition = EditionCtx {
                    title: bulletin.title().to_string(),
                    number,
                    date: bulletin
                        .source
                        .front_matter
                        .common
                        .date
                        .as_ref()
                        .map(|d| date_ctx(d, bulletin.lang(), i18n)),
                    lang: bulletin.lang().to_string(),
                    lang_name: config
                        .language(bulletin.lang())
                        .map_or_else(|| bulletin.lang().to_string(), |l| l.name.clone()),
                    url: config.url_path(&bulletin.route),
                    qr_svg: qr_svg(&permalink, &format!("QR {permalink}")),
                    permalink,
                    intro_html: intro.html,
                };
                let print_route = format!("{}print/", bulletin.route);
                let html = renderer.render_print(
                    bulletin,
                    &edition,
                    &entries,
                    &config.permalink(&print_route),
                    &config.url_path(&print_route),
                );
                write_page(&route.file, html)
            }
            // A theme without a print template has no print editions.
            Output::BulletinPrint(_) => Ok(()),
            Output::TopicIndex { lang } => {
                let links =
                    LanguageLinks::new(config, lang, &library.versions(&route.output, config));
                write_page(
                    &route.file,
                    renderer.render_topic_index(&view, lang, &links),
                )
            }
            Output::LocalityIndex { lang } => {
                let links =
                    LanguageLinks::new(config, lang, &library.versions(&route.output, config));
                write_page(
                    &route.file,
                    renderer.render_locality_index(&view, lang, &links),
                )
            }
            Output::SharePage { lang } => {
                let links =
                    LanguageLinks::new(config, lang, &library.versions(&route.output, config));
                write_page(
                    &route.file,
                    renderer.render_share_page(config, i18n, lang, share_of(lang), &links),
                )
            }
            Output::ShareJson { lang } => {
                let entries = share_of(lang);
                let page = format!("{}share/", config.language_prefix(lang));
                let json = serde_json::json!({
                    "language": lang,
                    "site": config.language(lang).map_or(config.title.as_str(), |l| l.title.as_str()),
                    "page": config.permalink(&page),
                    "items": entries,
                });
                match serde_json::to_vec_pretty(&json) {
                    Ok(bytes) => stage.write(&route.file, &bytes).map_err(Failure::Io),
                    Err(e) => Err(Failure::Io(e.to_string())),
                }
            }
            Output::Collection {
                key,
                lang,
                page,
                pages,
            } => {
                let items = summaries_of(&page_of(library.taxonomies.members(lang, key), *page));
                let links = paged_links(lang, &route.output, *page);
                write_page(
                    &route.file,
                    renderer.render_collection(&view, key, lang, *page, *pages, &items, &links),
                )
            }
            Output::SearchPage { lang } if renderer.has_template("search.html") => {
                let kinds: Vec<Kind> = Kind::LISTED
                    .into_iter()
                    .filter(|&k| !listing(lang, k).is_empty())
                    .collect();
                let links =
                    LanguageLinks::new(config, lang, &library.versions(&route.output, config));
                write_page(
                    &route.file,
                    renderer.render_search(config, i18n, lang, &kinds, &links),
                )
            }
            // A theme without a search template has no search page and no index; the index is
            // made after this pass, for all languages at once.
            Output::SearchPage { .. } | Output::SearchIndex { .. } => Ok(()),
            Output::Copy(FileSource::Disk(path)) => {
                stage.copy(&route.file, path).map_err(Failure::Io)
            }
            Output::Copy(FileSource::Embedded(bytes)) => {
                stage.write(&route.file, bytes).map_err(Failure::Io)
            }
        };
        match result {
            Ok(()) => {}
            Err(Failure::Template(m)) => template_error(m, Path::new(&route.origin)),
            Err(Failure::Io(m)) => problems.push(io_problem(&route.origin, m)),
        }
    });

    clock.mark("listings, feeds, sitemap, copies");
    // The search index of every language, from the items and their summaries.
    let mut search_files: usize = 0;
    let index_languages: Vec<String> = library
        .routes
        .values()
        .filter_map(|r| match &r.output {
            Output::SearchIndex { lang } if selection.route(&r.file) => Some(lang.clone()),
            _ => None,
        })
        .collect();
    if renderer.has_template("search.html") && !index_languages.is_empty() {
        let index = crate::search::site_index(&crate::search::SiteIndexInput {
            config,
            library,
            registry,
            i18n,
            summaries,
            languages: &index_languages,
        });
        let mut bytes = 0;
        for (lang, files) in index {
            let folder = crate::search::search_route(config, &lang);
            for file in files {
                search_files += 1;
                bytes += file.text.len();
                if let Err(e) = stage.write(&format!("{folder}{}", file.name), file.text.as_bytes())
                {
                    problems.push(io_problem(&format!("search index ({lang})"), e));
                }
            }
        }
        clock.mark(&format!(
            "search index ({search_files} files, {} KB)",
            bytes / 1024
        ));
    }
    let mut errors = problems.into_inner();
    for (mut d, (origin, count)) in template_errors.into_inner().unwrap_or_default() {
        let pages = if count > 1 {
            format!("{count} pages, e.g. {}", origin.display())
        } else {
            origin.display().to_string()
        };
        // The context goes on the first line, before tera's source excerpt.
        d.message = match d.message.split_once('\n') {
            Some((first, rest)) => format!("{first} (while rendering {pages})\n{rest}"),
            None => format!("{} (while rendering {pages})", d.message),
        };
        errors.push(d);
    }

    let mut items: BTreeMap<(String, Kind), usize> = BTreeMap::new();
    for item in library
        .items
        .iter()
        .filter(|_| matches!(selection, Selection::All))
    {
        *items
            .entry((item.lang().to_string(), item.kind()))
            .or_default() += 1;
    }
    clock.mark("collect problems");
    let report = BuildReport {
        items,
        pages: library.items.len() + pages_written.into_inner(),
        // The search index's route names one file of each language's index.
        files: library.routes.len() + search_files.saturating_sub(config.languages.len()),
        elapsed: Duration::ZERO,
        output: PathBuf::new(),
        warnings: Vec::new(),
        images: images.stats,
    };
    (report, errors)
}

/// A page that sends browsers on to `url` without JavaScript (works on every static host).
pub fn redirect_page(lang: &str, url: &str, permalink: &str, title: &str) -> String {
    use crate::text::escape_html as esc;
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{permalink}\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<main><p><a href=\"{url}\">{title}</a></p></main>\n</body>\n</html>\n",
        lang = esc(lang),
        title = esc(title),
        permalink = esc(permalink),
        url = esc(url),
    )
}

/// How many of the latest items of each kind a home page shows.
pub const HOME_LATEST: usize = 5;

/// How many of the latest items the share page and `share.json` carry.
pub const SHARE_LIMIT: usize = 20;

/// The latest articles, models and explainers written in `lang` (never untranslated copies:
/// a post is pasted in its own language), newest first, with their share texts.
fn share_entries(
    site: &LoadedSite,
    summaries: &[Option<SummaryCtx>],
    lang: &str,
) -> Vec<ShareEntryCtx> {
    let library = &site.library;
    let mut latest: Vec<(ItemId, &SummaryCtx)> = [Kind::Article, Kind::Model, Kind::Explainer]
        .iter()
        .filter_map(|&k| library.listings.get(&(lang.to_string(), k)))
        .flatten()
        .filter(|entry| !entry.untranslated)
        .filter_map(|entry| Some((entry.id, summaries[entry.id].as_ref()?)))
        .collect();
    // Newest first by publication date; undated items last; ties by title.
    latest.sort_by(|(_, a), (_, b)| {
        let date = |s: &SummaryCtx| s.date.as_ref().map(|d| d.iso.clone());
        date(b).cmp(&date(a)).then_with(|| a.title.cmp(&b.title))
    });
    latest
        .into_iter()
        .filter_map(|(id, summary)| {
            let (text, links) = item_share(&library.items[id], summary, &site.config)?;
            Some(ShareEntryCtx {
                kind: summary.kind,
                kind_name: summary.kind_name.clone(),
                title: summary.title.clone(),
                url: summary.url.clone(),
                permalink: summary.permalink.clone(),
                date: summary.date.clone(),
                text,
                links,
            })
        })
        .take(SHARE_LIMIT)
        .collect()
}

fn sitemap_entries(site: &LoadedSite, summaries: &[Option<SummaryCtx>]) -> Vec<SitemapEntry> {
    let config = &site.config;
    site.library
        .routes
        .values()
        .filter_map(|r| {
            let route = r.file.strip_suffix("index.html")?;
            let lastmod = match &r.output {
                Output::Item(id) => summaries[*id]
                    .as_ref()
                    .and_then(|s| s.updated_rfc3339.clone()),
                Output::NotFound
                | Output::SharePage { .. }
                | Output::ShareJson { .. }
                | Output::Copy(_)
                | Output::Redirect { .. }
                | Output::BulletinPrint(_)
                | Output::SearchPage { .. } => return None,
                _ => None,
            };
            // The same page in other languages, the page itself included (none when alone).
            // Same alternates as the page's own hreflang links, x-default included.
            let versions = site.library.versions(&r.output, config);
            let lang = versions
                .iter()
                .find(|(_, v)| v == route)
                .map_or("", |(code, _)| code.as_str());
            let alternates = LanguageLinks::new(config, lang, &versions)
                .alternates
                .into_iter()
                .map(|a| (a.hreflang, a.href))
                .collect();
            Some(SitemapEntry {
                permalink: config.permalink(route),
                lastmod,
                alternates,
            })
        })
        .collect()
}
