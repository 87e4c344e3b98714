//! The library: every published item with its slug, language, translation group, resolved
//! locality and route, plus the one table of routes of the whole site (every output file and
//! what produces it). Collisions, dangling references and unknown localities are found here,
//! before anything is rendered.
//!
//! Each route says what it is made from (`Output`), which is what watch mode needs to know to
//! re-render only the routes an edit touches: an item's page depends on its source and its
//! template; a listing, home page or feed on the summaries it shows; static files on themselves.

use crate::config::{Config, Fallback};
use crate::content::front_matter::{KindFields, Located};
use crate::content::{Kind, Source, is_ignored_name};
use crate::diagnostic::{Diagnostic, display_path};
use crate::locality::{Registry, Resolved};
use crate::search::{INDEX_FILE, search_route};
use crate::taxonomy::{CollectionKey, Taxonomies, build_taxonomies};
use crate::text::slugify;
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

pub type ItemId = usize;

/// A published item.
#[derive(Debug)]
pub struct Item {
    pub id: ItemId,
    pub source: Source,
    pub slug: String,
    /// Site-relative URL path without the base path: `articles/x/`, `en/articles/x/`, `gioi-thieu/`.
    pub route: String,
    /// Index into `Library::groups`: the item and its translations.
    pub group: usize,
    pub locality: Option<Resolved>,
    /// The route under which the item's bundle files are published.
    pub bundle_route: Option<String>,
    /// For bulletins: the items of the edition, in order, in the bulletin's language where a
    /// translation exists.
    pub bulletin_items: Vec<Listed>,
    /// A sort key: weight, then newest first (date, or year for models), then title in
    /// Vietnamese alphabetical order.
    pub sort_key: (i64, i64, Vec<u32>),
}

impl Item {
    pub fn kind(&self) -> Kind {
        self.source.kind
    }
    pub fn lang(&self) -> &str {
        &self.source.lang
    }
    pub fn title(&self) -> &str {
        &self.source.front_matter.common.title
    }
}

/// An entry of a language's listing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Listed {
    pub id: ItemId,
    /// The item is not translated into the listing's language and is shown in its original
    /// language (site.yaml `fallback: default`).
    pub untranslated: bool,
}

/// Where a file a static file comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum FileSource {
    /// A file on disk (absolute path).
    Disk(PathBuf),
    /// A file of the theme compiled into the binary.
    Embedded(&'static [u8]),
}

/// What produces one output file.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    Item(ItemId),
    Home {
        lang: String,
    },
    Listing {
        kind: Kind,
        lang: String,
        page: usize,
        pages: usize,
    },
    Feed {
        lang: String,
    },
    Sitemap,
    NotFound,
    /// A bundle file or a static file, copied as is.
    Copy(FileSource),
    /// A redirect page from an old URL (an item's `aliases`, a merged-away locality) to a
    /// route of the site.
    Redirect {
        route: String,
        lang: String,
        title: String,
    },
    /// `/topics/`: every topic with its count.
    TopicIndex {
        lang: String,
    },
    /// `/localities/`: the tree of provinces and communes.
    LocalityIndex {
        lang: String,
    },
    /// A bulletin's edition as one document to print.
    BulletinPrint(ItemId),
    /// `/share/`: the latest items' ready-to-paste posts, for fanpage and Zalo admins.
    SharePage {
        lang: String,
    },
    /// `/share.json`: the same posts for tools.
    ShareJson {
        lang: String,
    },
    /// One page of a topic, a locality, or a model directory page.
    Collection {
        key: CollectionKey,
        lang: String,
        page: usize,
        pages: usize,
    },
    /// A language's search page (`search/`, `en/search/`).
    SearchPage {
        lang: String,
    },
    /// A language's search index: `index.js` beside the search page, and the shard and
    /// document files it lists in the same folder (all made from the items the language's
    /// listings show; see `search`).
    SearchIndex {
        lang: String,
    },
}

impl Output {
    /// The first page of a paginated output (itself for any other output).
    pub fn first_page(&self) -> Output {
        match self {
            Output::Listing {
                kind, lang, pages, ..
            } => Output::Listing {
                kind: *kind,
                lang: lang.clone(),
                page: 1,
                pages: *pages,
            },
            Output::Collection {
                key, lang, pages, ..
            } => Output::Collection {
                key: key.clone(),
                lang: lang.clone(),
                page: 1,
                pages: *pages,
            },
            other => other.clone(),
        }
    }
}

/// One output file: its path in the output folder and what makes it.
#[derive(Debug, Clone)]
pub struct Route {
    /// Output file relative to the output folder (`articles/x/index.html`).
    pub file: String,
    pub output: Output,
    /// What made this route, for collision messages (`content/articles/x.md`).
    pub origin: String,
}

#[derive(Debug, Default)]
pub struct Library {
    pub items: Vec<Item>,
    /// Translation groups: item ids of the same content in different languages.
    pub groups: Vec<Vec<ItemId>>,
    /// Published items by source path relative to the site root.
    pub by_source: HashMap<PathBuf, ItemId>,
    /// Unpublished drafts by source path, so links to them get a clear message.
    pub drafts: Vec<PathBuf>,
    /// Files that could not be loaded (reported already): links and bulletin entries that
    /// lead to them are not reported again.
    pub unreadable: Vec<crate::content::Unreadable>,
    /// Every output file, by its path in the output folder.
    pub routes: BTreeMap<String, Route>,
    /// Topics, localities and the model directory's collections.
    pub taxonomies: Taxonomies,
    /// Per language and kind: item ids, newest first.
    pub listings: BTreeMap<(String, Kind), Vec<Listed>>,
}

impl Library {
    /// The item's translation in `lang`, if there is one.
    pub fn translation(&self, id: ItemId, lang: &str) -> Option<ItemId> {
        self.groups[self.items[id].group]
            .iter()
            .copied()
            .find(|&t| self.items[t].lang() == lang)
    }

    /// Other-language versions of an item, in site.yaml language order.
    pub fn translations<'a>(
        &'a self,
        id: ItemId,
        config: &'a Config,
    ) -> impl Iterator<Item = &'a Item> + 'a {
        let lang = self.items[id].lang().to_string();
        config
            .languages
            .iter()
            .filter(move |l| l.code != lang)
            .filter_map(move |l| self.translation(id, &l.code))
            .map(move |t| &self.items[t])
    }
}

impl Library {
    /// The version of a translation group that is counted, listed as the original and
    /// translated from: the default language's, else the first in site.yaml order.
    pub fn original(&self, config: &Config, group: &[ItemId]) -> &Item {
        let items = || group.iter().map(|&id| &self.items[id]);
        items()
            .find(|i| config.is_default_language(i.lang()))
            .or_else(|| {
                config
                    .languages
                    .iter()
                    .find_map(|l| items().find(|i| i.lang() == l.code))
            })
            .unwrap_or(&self.items[group[0]])
    }

    /// The same page in every language it exists in, as (language, route), in site.yaml order
    /// (the page itself included): what language switchers, hreflang links and sitemap
    /// alternates are made from. Later pages of a listing have no counterpart (their number
    /// differs between languages) and get none.
    pub fn versions(&self, output: &Output, config: &Config) -> Vec<(String, String)> {
        match output {
            Output::Item(id) => config
                .languages
                .iter()
                .filter_map(|l| self.translation(*id, &l.code))
                .map(|t| {
                    (
                        self.items[t].lang().to_string(),
                        self.items[t].route.clone(),
                    )
                })
                .collect(),
            Output::Home { .. } => every_language(config, |code| config.language_prefix(code)),
            Output::Collection { key, page: 1, .. } => config
                .languages
                .iter()
                .filter(|l| !self.taxonomies.members(&l.code, key).is_empty())
                .map(|l| (l.code.clone(), key.route(config, &l.code)))
                .collect(),
            Output::TopicIndex { .. } => every_language(config, |code| {
                format!("{}topics/", config.language_prefix(code))
            }),
            Output::LocalityIndex { .. } => every_language(config, |code| {
                format!("{}localities/", config.language_prefix(code))
            }),
            Output::SharePage { .. } => every_language(config, |code| {
                format!("{}share/", config.language_prefix(code))
            }),
            Output::Listing { kind, page: 1, .. } => {
                every_language(config, |code| listing_route(config, code, *kind, 1))
            }
            Output::SearchPage { .. } => every_language(config, |code| search_route(config, code)),
            _ => Vec::new(),
        }
    }
}

/// A page that every language has, as (language, route), `route_of` giving its route.
fn every_language(config: &Config, route_of: impl Fn(&str) -> String) -> Vec<(String, String)> {
    config
        .languages
        .iter()
        .map(|l| (l.code.clone(), route_of(&l.code)))
        .collect()
}

/// The output file of a route that ends with `/`.
pub fn index_file(route: &str) -> String {
    format!("{route}index.html")
}

/// Builds the library from loaded sources. Every problem found is returned.
pub fn build_library(
    root: &Path,
    config: &Config,
    registry: &Registry,
    loaded: crate::content::Loaded,
    include_drafts: bool,
    statics: Vec<(String, FileSource, String)>,
    topic_names: BTreeMap<String, BTreeMap<String, String>>,
) -> (Library, Vec<Diagnostic>) {
    let mut lib = Library {
        unreadable: loaded.unreadable,
        ..Library::default()
    };
    // The loading stage's own problems are reported by the caller.
    let mut errors = Vec::new();

    let mut sources = loaded.sources;
    sources.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    for source in sources {
        if source.front_matter.common.draft && !include_drafts {
            lib.drafts.push(source.rel_path.clone());
            continue;
        }
        let common = &source.front_matter.common;
        let slug = match &common.slug {
            Some(Located {
                value,
                line,
                column,
            }) => {
                let s = slugify(value);
                if s.is_empty() {
                    errors.push(
                        Diagnostic::new(&source.rel_path, *line, *column, format!("found `{value}`, which gives an empty slug; expected letters or digits"))
                            .with_key("slug"),
                    );
                }
                s
            }
            None => {
                let s = slugify(&source.file_slug);
                if s.is_empty() {
                    errors.push(Diagnostic::file(&source.rel_path, "the file name gives an empty slug; expected letters or digits in the name, or a `slug:` key"));
                }
                s
            }
        };
        let locality = common
            .locality
            .as_ref()
            .and_then(|l| match registry.resolve(&l.value) {
                Ok(r) => Some(r),
                Err(_) if registry.unavailable => None,
                Err(message) => {
                    errors.push(
                        Diagnostic::new(&source.rel_path, l.line, l.column, message)
                            .with_key("locality"),
                    );
                    None
                }
            });
        let prefix = config.language_prefix(&source.lang);
        let route = match source.kind {
            Kind::Page => format!("{prefix}{slug}/"),
            k => format!("{prefix}{}/{slug}/", k.section()),
        };
        let sort_key = sort_key(&source);
        let id = lib.items.len();
        lib.by_source.insert(source.rel_path.clone(), id);
        lib.items.push(Item {
            id,
            source,
            slug,
            route,
            group: 0,
            locality,
            bundle_route: None,
            bulletin_items: Vec::new(),
            sort_key,
        });
    }

    group_translations(&mut lib, &mut errors);
    assign_bundles(&mut lib);
    resolve_bulletins(&mut lib, config, &mut errors);
    check_front_matter_images(root, config, &lib, &mut errors);

    // Listings per language and kind, newest first. With `fallback: default`, an item missing
    // in a language is listed there in its original: the default language's version, else
    // the first in site.yaml order.
    for group in &lib.groups {
        let kind = lib.items[group[0]].kind();
        if kind == Kind::Page {
            continue;
        }
        let original = Some(lib.original(config, group).id);
        for lang in &config.languages {
            let own = group
                .iter()
                .copied()
                .find(|&id| lib.items[id].lang() == lang.code);
            let entry = match (own, original, config.fallback) {
                (Some(id), _, _) => Listed {
                    id,
                    untranslated: false,
                },
                (None, Some(id), Fallback::Default) => Listed {
                    id,
                    untranslated: true,
                },
                _ => continue,
            };
            lib.listings
                .entry((lang.code.clone(), kind))
                .or_default()
                .push(entry);
        }
    }
    for entries in lib.listings.values_mut() {
        listing_order(&lib.items, entries);
    }

    lib.taxonomies = build_taxonomies(&lib, config, topic_names);
    build_routes(root, config, registry, &mut lib, statics, &mut errors);
    (lib, errors)
}

/// Sorts entries in listing order: by their items' `sort_key`, ties in source path order.
pub fn listing_order(items: &[Item], entries: &mut [Listed]) {
    entries.sort_by(|a, b| {
        items[a.id]
            .sort_key
            .cmp(&items[b.id].sort_key)
            .then(a.id.cmp(&b.id))
    });
}

/// Weighted items first (lowest weight first), then newest first, then by title.
fn sort_key(source: &Source) -> (i64, i64, Vec<u32>) {
    let common = &source.front_matter.common;
    let time = match (&common.date, &source.front_matter.fields) {
        (Some(d), _) => d.timestamp(),
        (None, KindFields::Model(m)) => crate::date::Date {
            year: m.year as i32,
            month: 1,
            day: 1,
            time: None,
        }
        .timestamp(),
        _ => i64::MIN,
    };
    // Items without a weight come after weighted ones; ties keep the order of their paths.
    (
        common.weight.unwrap_or(i64::MAX),
        -time.max(i64::MIN + 1),
        crate::text::collation_key(&common.title),
    )
}

fn group_translations(lib: &mut Library, errors: &mut Vec<Diagnostic>) {
    let mut by_key: BTreeMap<(Kind, String), usize> = BTreeMap::new();
    for item in &mut lib.items {
        let key = item
            .source
            .front_matter
            .common
            .translation_key
            .clone()
            .unwrap_or_else(|| item.source.reference.clone());
        let group = *by_key.entry((item.kind(), key)).or_insert_with(|| {
            lib.groups.push(Vec::new());
            lib.groups.len() - 1
        });
        item.group = group;
        lib.groups[group].push(item.id);
    }
    for group in &lib.groups {
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                if lib.items[a].lang() == lib.items[b].lang() {
                    errors.push(Diagnostic::file(
                        &lib.items[b].source.rel_path,
                        format!(
                            "is a second `{}` version of the same item as {}; expected one file per language (check translation_key)",
                            lib.items[b].lang(),
                            lib.items[a].source.rel_path.display()
                        ),
                    ));
                }
            }
        }
    }
}

/// Bundle files are published once, under the route of the bundle's default-language item
/// (or its first item), and every translation in the bundle points there.
fn assign_bundles(lib: &mut Library) {
    let mut owner: BTreeMap<PathBuf, (bool, String)> = BTreeMap::new();
    for item in &lib.items {
        if let Some(dir) = &item.source.bundle_dir {
            let is_default = item
                .source
                .rel_path
                .file_name()
                .is_some_and(|n| n == "index.md");
            let entry = owner
                .entry(dir.clone())
                .or_insert((is_default, item.route.clone()));
            if is_default && !entry.0 {
                *entry = (true, item.route.clone());
            }
        }
    }
    for item in &mut lib.items {
        if let Some(dir) = &item.source.bundle_dir {
            item.bundle_route = owner.get(dir).map(|(_, r)| r.clone());
        }
    }
}

/// `image:` must name a file that will be published: in the item's bundle, or `/`-rooted in
/// static/ (the site's or the theme's), or be an http(s) URL.
fn check_front_matter_images(
    root: &Path,
    config: &Config,
    lib: &Library,
    errors: &mut Vec<Diagnostic>,
) {
    for item in &lib.items {
        let Some(image) = &item.source.front_matter.common.image else {
            continue;
        };
        let value = image.value.trim();
        if value.starts_with("https://") || value.starts_with("http://") {
            continue;
        }
        let problem = if let Some(rooted) = value.strip_prefix('/') {
            let dirs = crate::theme::static_dirs(root, &config.theme);
            (!dirs.iter().any(|d| d.join(rooted).is_file())).then(|| {
                format!("found `{value}`, which is not in static/; expected a file static/{rooted}")
            })
        } else {
            match &item.source.bundle_dir {
                None => Some(format!(
                    "found `{value}`, relative to an item that is not a bundle; make the item a bundle (<slug>/index.md with the image beside it) or put the image in static/ and write `/{value}`"
                )),
                Some(dir) => match normalize_path(&dir.join(value)) {
                    Some(p) if p.starts_with(dir) && root.join(&p).is_file() => None,
                    _ => Some(format!(
                        "found `{value}`, which is not a file in the bundle folder {}",
                        dir.display()
                    )),
                },
            }
        };
        if let Some(message) = problem {
            errors.push(
                Diagnostic::new(&item.source.rel_path, image.line, image.column, message)
                    .with_key("image"),
            );
        }
    }
}

fn resolve_bulletins(lib: &mut Library, config: &Config, errors: &mut Vec<Diagnostic>) {
    let mut by_reference: HashMap<(&str, &str), ItemId> = HashMap::new();
    for item in &lib.items {
        by_reference.insert((item.source.reference.as_str(), item.lang()), item.id);
    }
    let drafts: Vec<String> = lib
        .drafts
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut resolved: Vec<(ItemId, Vec<Listed>)> = Vec::new();
    for item in &lib.items {
        let KindFields::Bulletin(b) = &item.source.front_matter.fields else {
            continue;
        };
        let mut ids = Vec::new();
        for r in &b.items {
            let reference = r.value.trim().trim_end_matches(".md").trim_matches('/');
            let found = by_reference
                .get(&(reference, item.lang()))
                .or_else(|| by_reference.get(&(reference, config.default_language.as_str())))
                .or_else(|| {
                    lib.items
                        .iter()
                        .find(|i| i.source.reference == reference)
                        .map(|i| &i.id)
                });
            match found {
                // The item in the bulletin's language, else its original (marked untranslated),
                // whatever the listings' fallback policy: an edition handed out at a meeting
                // never loses an item.
                Some(&id) => match lib.translation(id, item.lang()) {
                    Some(t) => ids.push(Listed {
                        id: t,
                        untranslated: false,
                    }),
                    None => ids.push(Listed {
                        id: lib.original(config, &lib.groups[lib.items[id].group]).id,
                        untranslated: true,
                    }),
                },
                None if lib.unreadable.iter().any(|u| u.reference == reference) => {}
                None => {
                    let draft = drafts
                        .iter()
                        .any(|d| d.contains(&format!("content/{reference}")));
                    let message = if draft {
                        format!(
                            "`{reference}` is a draft, which is not published; publish it or remove it from the edition"
                        )
                    } else {
                        let known: Vec<&str> = lib
                            .items
                            .iter()
                            .map(|i| i.source.reference.as_str())
                            .collect();
                        let hint = crate::content::front_matter::suggest(reference, &known)
                            .map(|s| format!(" (did you mean `{s}`?)"))
                            .unwrap_or_default();
                        format!(
                            "`{reference}` matches no item{hint}; expected a reference such as articles/<slug> (the file name under content/ without .md)"
                        )
                    };
                    errors.push(
                        Diagnostic::new(&item.source.rel_path, r.line, r.column, message)
                            .with_key("items"),
                    );
                }
            }
        }
        resolved.push((item.id, ids));
    }
    for (id, ids) in resolved {
        lib.items[id].bulletin_items = ids;
    }
}

/// Adds one output file to the route table; a second route to the same file is an error that
/// names both origins.
pub fn add_route(
    lib: &mut Library,
    file: String,
    output: Output,
    origin: String,
    errors: &mut Vec<Diagnostic>,
) {
    if let Some(existing) = lib.routes.get(&file) {
        let at = |origin: &str| {
            if origin.starts_with("content/") || origin.starts_with("static/") {
                origin.to_string()
            } else {
                format!("the {origin}")
            }
        };
        errors.push(Diagnostic::file(
            origin.clone(),
            format!(
                "maps to the same URL (/{}) as {}; every item needs its own URL: change one `slug`",
                file.trim_end_matches("index.html"),
                at(&existing.origin)
            ),
        ));
        return;
    }
    lib.routes.insert(
        file.clone(),
        Route {
            file,
            output,
            origin,
        },
    );
}

fn build_routes(
    root: &Path,
    config: &Config,
    registry: &Registry,
    lib: &mut Library,
    statics: Vec<(String, FileSource, String)>,
    errors: &mut Vec<Diagnostic>,
) {
    let add = add_route;

    // Generated pages first: their paths are reserved before items claim any.
    for lang in &config.languages {
        let prefix = config.language_prefix(&lang.code);
        add(
            lib,
            index_file(&prefix),
            Output::Home {
                lang: lang.code.clone(),
            },
            format!("home page ({})", lang.code),
            errors,
        );
        add(
            lib,
            format!("{prefix}atom.xml"),
            Output::Feed {
                lang: lang.code.clone(),
            },
            format!("feed ({})", lang.code),
            errors,
        );
        let search = search_route(config, &lang.code);
        add(
            lib,
            index_file(&search),
            Output::SearchPage {
                lang: lang.code.clone(),
            },
            format!("search page ({})", lang.code),
            errors,
        );
        add(
            lib,
            format!("{search}{INDEX_FILE}"),
            Output::SearchIndex {
                lang: lang.code.clone(),
            },
            format!("search index ({})", lang.code),
            errors,
        );
        for kind in Kind::LISTED {
            let count = lib
                .listings
                .get(&(lang.code.clone(), kind))
                .map_or(0, Vec::len);
            let pages = count.div_ceil(config.paginate).max(1);
            for page in 1..=pages {
                let route = listing_route(config, &lang.code, kind, page);
                add(
                    lib,
                    index_file(&route),
                    Output::Listing {
                        kind,
                        lang: lang.code.clone(),
                        page,
                        pages,
                    },
                    format!("{} listing", kind.section()),
                    errors,
                );
            }
        }
    }
    add(
        lib,
        "sitemap.xml".into(),
        Output::Sitemap,
        "sitemap".into(),
        errors,
    );
    add(
        lib,
        "404.html".into(),
        Output::NotFound,
        "404 page".into(),
        errors,
    );

    let items: Vec<(ItemId, String, String)> = lib
        .items
        .iter()
        .map(|i| {
            (
                i.id,
                index_file(&i.route),
                i.source.rel_path.to_string_lossy().into_owned(),
            )
        })
        .collect();
    for (id, file, origin) in items {
        add(lib, file, Output::Item(id), origin, errors);
    }
    let prints: Vec<(ItemId, String, String)> = lib
        .items
        .iter()
        .filter(|i| i.kind() == Kind::Bulletin)
        .map(|i| {
            (
                i.id,
                index_file(&format!("{}print/", i.route)),
                i.source.rel_path.to_string_lossy().into_owned(),
            )
        })
        .collect();
    for (id, file, origin) in prints {
        add(lib, file, Output::BulletinPrint(id), origin, errors);
    }

    // Bundle files, once per bundle.
    let mut bundles: BTreeMap<PathBuf, String> = BTreeMap::new();
    for item in &lib.items {
        if let (Some(dir), Some(route)) = (&item.source.bundle_dir, &item.bundle_route) {
            bundles.insert(dir.clone(), route.clone());
        }
    }
    for (dir, route) in bundles {
        let walker = walkdir::WalkDir::new(root.join(&dir))
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
        for entry in walker.flatten() {
            if !entry.file_type().is_file() || entry.path().extension().is_some_and(|e| e == "md") {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(root.join(&dir)) else {
                continue;
            };
            let Some(rel) = safe_relative(rel) else {
                continue;
            };
            let shown = display_path(root, entry.path());
            if !config.unsafe_html
                && let Some(problem) = crate::content::bundle_files::problem(entry.path(), &shown)
            {
                errors.push(problem);
                continue;
            }
            let origin = shown.to_string_lossy().into_owned();
            add(
                lib,
                format!("{route}{rel}"),
                Output::Copy(FileSource::Disk(entry.path().to_path_buf())),
                origin,
                errors,
            );
        }
    }

    for (file, source, origin) in statics {
        add(lib, file, Output::Copy(source), origin, errors);
    }

    // Old URLs of items: a redirect page each, so that old links keep working.
    let mut aliases = Vec::new();
    for item in &lib.items {
        for alias in &item.source.front_matter.common.aliases {
            match alias_file(config, &alias.value) {
                Some(file) => aliases.push((file, item.id, item.source.rel_path.to_string_lossy().into_owned())),
                None => errors.push(
                    Diagnostic::new(&item.source.rel_path, alias.line, alias.column, format!(
                        "found `{}`; expected an old URL path of this site such as /tin-cu/bai-viet/ (no `..`, no scheme)",
                        alias.value
                    ))
                    .with_key("aliases"),
                ),
            }
        }
    }
    for (file, to, origin) in aliases {
        let item = &lib.items[to];
        let output = Output::Redirect {
            route: item.route.clone(),
            lang: item.lang().to_string(),
            title: item.title().to_string(),
        };
        add(lib, file, output, origin, errors);
    }

    // Topics, localities and model directory pages, per language.
    for lang in &config.languages {
        let prefix = config.language_prefix(&lang.code);
        add(
            lib,
            index_file(&format!("{prefix}topics/")),
            Output::TopicIndex {
                lang: lang.code.clone(),
            },
            "topics page".into(),
            errors,
        );
        add(
            lib,
            index_file(&format!("{prefix}localities/")),
            Output::LocalityIndex {
                lang: lang.code.clone(),
            },
            "localities page".into(),
            errors,
        );
        if config.share {
            add(
                lib,
                index_file(&format!("{prefix}share/")),
                Output::SharePage {
                    lang: lang.code.clone(),
                },
                "share page".into(),
                errors,
            );
            add(
                lib,
                format!("{prefix}share.json"),
                Output::ShareJson {
                    lang: lang.code.clone(),
                },
                "share.json".into(),
                errors,
            );
        }
    }

    let collections: Vec<(String, CollectionKey, usize)> = lib
        .taxonomies
        .counts()
        .map(|(lang, key, n)| (lang.to_string(), key.clone(), n))
        .collect();
    for (lang, key, count) in collections {
        let pages = count.div_ceil(config.paginate).max(1);
        for page in 1..=pages {
            let file = index_file(&key.page_route(config, &lang, page));
            let origin = format!("{} page", key.kind());
            add(
                lib,
                file,
                Output::Collection {
                    key: key.clone(),
                    lang: lang.clone(),
                    page,
                    pages,
                },
                origin,
                errors,
            );
        }
    }

    // Merged-away units keep their old locality pages, as redirects to their successor's.
    // Besides the ids of the registry, `former-province/commune` ids that items use get one.
    let mut former: BTreeMap<String, String> = registry.former.clone();
    for item in &lib.items {
        if let Some(r) = &item.locality
            && let Some(f) = &r.former
        {
            former.entry(f.clone()).or_insert_with(|| r.id.clone());
        }
    }
    for lang in &config.languages {
        for (old, current) in &former {
            let key = CollectionKey::Locality(current.clone());
            let (route, title) = if !lib.taxonomies.members(&lang.code, &key).is_empty() {
                let name = registry
                    .localities
                    .get(current)
                    .map_or(current.as_str(), |l| {
                        l.name(&lang.code, &config.default_language)
                    });
                (key.route(config, &lang.code), name.to_string())
            } else {
                (
                    format!("{}localities/", config.language_prefix(&lang.code)),
                    lang.title.clone(),
                )
            };
            let file = index_file(&format!(
                "{}localities/{old}/",
                config.language_prefix(&lang.code)
            ));
            let output = Output::Redirect {
                route,
                lang: lang.code.clone(),
                title,
            };
            add(lib, file, output, format!("former locality {old}"), errors);
        }
    }

    // The search index writes more files than its route names (its shards and document
    // files), all in the search page's folder: nothing else may put files there.
    for lang in &config.languages {
        let folder = search_route(config, &lang.code);
        for route in lib.routes.values() {
            if route.file.starts_with(&folder)
                && !matches!(
                    route.output,
                    Output::SearchPage { .. } | Output::SearchIndex { .. }
                )
            {
                errors.push(Diagnostic::file(
                    route.origin.clone(),
                    format!(
                        "puts a file at /{}, in the folder of the search page and its index (/{folder}); move it elsewhere",
                        route.file
                    ),
                ));
            }
        }
    }
}

/// The output file of an alias: `/old/path/` → `old/path/index.html`, `/old.html` as is.
/// The site's sub-path may be included or not. `None` for anything that is not a plain path.
fn alias_file(config: &Config, alias: &str) -> Option<String> {
    let alias = alias.trim();
    if alias.contains("://") || alias.contains(['?', '#', '\\']) {
        return None;
    }
    let path = alias
        .strip_prefix(config.base_path.as_str())
        .unwrap_or(alias)
        .trim_start_matches('/');
    let rel = safe_relative(Path::new(path.trim_end_matches('/')))?;
    if path.ends_with('/') || !rel.rsplit('/').next().unwrap_or("").contains('.') {
        Some(format!("{rel}/index.html"))
    } else {
        Some(rel)
    }
}

/// `articles/`, `en/articles/`, `articles/page/2/`.
pub fn listing_route(config: &Config, lang: &str, kind: Kind, page: usize) -> String {
    let base = format!("{}{}/", config.language_prefix(lang), kind.section());
    if page <= 1 {
        base
    } else {
        format!("{base}page/{page}/")
    }
}

/// A relative path as `/`-separated text, if it has only normal components (no `..`, no root).
pub fn safe_relative(path: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str()?.to_string()),
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Lexically normalizes `a/b/../c` to `a/c`; `None` if it climbs above its start.
pub fn normalize_path(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(p) => out.push(p),
            _ => return None,
        }
    }
    Some(out)
}
