//! The library: every published item with its slug, language, translation group, resolved
//! locality and route; the listings and collections that show them; and the one table of
//! routes of the whole site (every output file and what produces it). Collisions, dangling
//! references and unknown localities are found here, before anything is rendered.
//!
//! The library is kept up to date item by item: [`Library::update`] takes the sources that
//! changed (new, edited, deleted files) and re-derives only what they touch (their translation
//! groups, the listings and collections of those groups, the bulletins that name them, their
//! bundles and the routes of all of these), reporting what changed in a [`Delta`]. A full
//! build is the same update with every source, so an incremental state can never drift from
//! what a build makes: everything derived depends on the set of sources alone (ties are
//! broken by source path, never by the order things happened in).

use crate::config::{Config, Fallback};
use crate::content::front_matter::{KindFields, Located};
use crate::content::{Kind, Source, Unreadable, is_ignored_name};
use crate::diagnostic::{Diagnostic, display_path};
use crate::locality::{Registry, Resolved};
use crate::search::INDEX_FILE;
use crate::t;
use crate::taxonomy::{CollectionKey, Taxonomies};
use crate::text::slugify;
use crate::urls::{self, index_file};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
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
    /// Listing order: weight, then newest first, then title in Vietnamese order, then path.
    pub sort_key: SortKey,
    /// The collections the item belongs to (topics, localities, model directory pages).
    pub keys: Vec<CollectionKey>,
    /// Problems of the item on its own (slug, locality, image, aliases).
    errors: Vec<Diagnostic>,
    /// Problems of a bulletin's entries (references to nothing or to drafts).
    entry_errors: Vec<Diagnostic>,
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
    /// What groups the item with its translations: its kind and `translation_key`, else its
    /// reference.
    fn group_key(&self) -> (Kind, String) {
        let key = self
            .source
            .front_matter
            .common
            .translation_key
            .clone()
            .unwrap_or_else(|| self.source.reference.clone());
        (self.kind(), key)
    }
}

/// The order of listings: weighted items first (lowest weight first), then newest first, then
/// by title in Vietnamese alphabetical order, then by source path (so that every build, full
/// or incremental, gives the same order).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    weight: i64,
    newest: i64,
    title: Vec<u32>,
    path: PathBuf,
}

/// An entry of a language's listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Listed {
    pub id: ItemId,
    /// The item is not translated into the listing's language and is shown in its original
    /// language (site.yaml `fallback: default`).
    pub untranslated: bool,
}

/// Where a file a static file comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FileSource {
    /// A file on disk (absolute path).
    Disk(PathBuf),
    /// A file of the theme compiled into the binary.
    Embedded(&'static [u8]),
}

/// What produces one output file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    /// `sitemap.xml`: every page when they fit in one file, else an index of the parts.
    Sitemap {
        parts: usize,
    },
    /// One file of a sitemap split in `parts` (from 0).
    SitemapPart {
        part: usize,
        parts: usize,
    },
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
    /// A bulletin's edition to read aloud on the commune loudspeakers: its page, and the
    /// same script as a plain-text file.
    BulletinReadAloud(ItemId),
    BulletinReadAloudText(ItemId),
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

/// What a route comes from: the unit in which routes are made again after a change.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Origin {
    /// Home pages, feeds, search, topic and locality indexes, share pages, sitemap, 404.
    Site,
    Listing(String, Kind),
    /// An item's page, its print edition and the redirects of its aliases.
    Item(ItemId),
    Bundle(PathBuf),
    Statics,
    Images,
    Collection(String, CollectionKey),
    FormerLocalities,
    Sitemap,
}

/// A route an origin makes: (output file, what makes it, origin for messages).
type NewRoute = (String, Output, String);

/// One output file: its path in the output folder and what makes it.
#[derive(Debug, Clone)]
pub struct Route {
    /// Output file relative to the output folder (`articles/x/index.html`).
    pub file: String,
    pub output: Output,
    /// What made this route, for collision messages (`content/articles/x.md`).
    pub origin: String,
    owner: Origin,
}

impl Route {
    /// Whether the sitemap lists it: the site's pages, not redirects, copies, print editions,
    /// the admins' share pages or the search page.
    pub fn in_sitemap(&self) -> bool {
        self.file.ends_with("index.html")
            && !matches!(
                self.output,
                Output::NotFound
                    | Output::SharePage { .. }
                    | Output::ShareJson { .. }
                    | Output::Copy(_)
                    | Output::Redirect { .. }
                    | Output::BulletinPrint(_)
                    | Output::BulletinReadAloud(_)
                    | Output::BulletinReadAloudText(_)
                    | Output::SearchPage { .. }
            )
    }
}

/// The items, one slot per source path seen in this session: an item keeps its id when its
/// file is edited, deleted and created again. Indexing a slot whose file is gone is a bug.
#[derive(Debug, Default)]
pub struct Items(Vec<Option<Item>>);

impl Items {
    /// Every published item, in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Item> {
        self.0.iter().flatten()
    }
    /// Every published item, in id order, for rayon (its `collect` keeps the order).
    pub fn par_iter(&self) -> impl rayon::iter::IndexedParallelIterator<Item = Option<&Item>> {
        use rayon::iter::IntoParallelRefIterator;
        self.0.par_iter().map(Option::as_ref)
    }
    /// The number of slots (ids are below it): what per-item tables are sized by.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, id: ItemId) -> Option<&Item> {
        self.0.get(id).and_then(Option::as_ref)
    }
    pub fn get_mut(&mut self, id: ItemId) -> Option<&mut Item> {
        self.0.get_mut(id).and_then(Option::as_mut)
    }
    /// How many items are published.
    pub fn count(&self) -> usize {
        self.iter().count()
    }

    /// Takes out the bodies of the items that no bulletin shows and that are no bulletin,
    /// leaving them empty: a build renders such a body once, and its memory is better spent
    /// on the facts the rest of the build reads (bulletins' print editions and read-aloud
    /// scripts read their items' bodies again, so those stay).
    /// Returned by id (`None` for the bodies left in place).
    pub fn take_unshown_bodies(&mut self) -> Vec<Option<String>> {
        let mut shown = vec![false; self.0.len()];
        for item in self.iter() {
            if item.kind() == Kind::Bulletin {
                shown[item.id] = true;
                for entry in &item.bulletin_items {
                    shown[entry.id] = true;
                }
            }
        }
        self.0
            .iter_mut()
            .zip(shown)
            .map(|(item, shown)| match item {
                Some(item) if !shown => Some(std::mem::take(&mut item.source.body)),
                _ => None,
            })
            .collect()
    }
}

impl std::ops::Index<ItemId> for Items {
    type Output = Item;
    fn index(&self, id: ItemId) -> &Item {
        match self.0.get(id) {
            Some(Some(item)) => item,
            _ => panic!("item {id} is not in the library"),
        }
    }
}

#[derive(Debug, Default)]
pub struct Library {
    pub items: Items,
    /// Translation groups: item ids of the same content in different languages, in source
    /// path order (a group whose files are gone stays, empty).
    pub groups: Vec<Vec<ItemId>>,
    group_ids: HashMap<(Kind, String), usize>,
    group_errors: BTreeMap<usize, Vec<Diagnostic>>,
    /// The id of every source path seen in this session.
    ids: HashMap<PathBuf, ItemId>,
    /// Published items by source path relative to the site root.
    pub by_source: HashMap<PathBuf, ItemId>,
    /// Published items by reference (`articles/x`), every language.
    by_reference: HashMap<String, Vec<ItemId>>,
    /// Bulletins by the references they list.
    listed_by: HashMap<String, BTreeSet<ItemId>>,
    /// Items by bundle folder.
    bundles: BTreeMap<PathBuf, BTreeSet<ItemId>>,
    /// Unpublished drafts by source path, so links to them get a clear message.
    pub drafts: BTreeSet<PathBuf>,
    /// Files that could not be loaded (reported already): links and bulletin entries that
    /// lead to them are not reported again.
    pub unreadable: Vec<Unreadable>,
    /// Every output file, by its path in the output folder.
    pub routes: BTreeMap<String, Route>,
    made: HashMap<Origin, Vec<String>>,
    /// Topics, localities and the model directory's collections.
    pub taxonomies: Taxonomies,
    /// Per language and kind: listing entries in listing order.
    pub listings: BTreeMap<(String, Kind), Vec<Listed>>,
    /// The sitemap's pages by part, made when a part is first rendered after a change of the
    /// routes (one pass over the routes instead of one per part: 119 parts at 100,000 items).
    sitemap_members: std::sync::OnceLock<Vec<Vec<String>>>,
}

/// What the library is made from besides the content files.
pub struct LibraryContext<'a> {
    pub root: &'a Path,
    pub config: &'a Config,
    pub registry: &'a Registry,
    pub include_drafts: bool,
}

/// What an update changed: what depends on these must be made again.
#[derive(Debug, Default)]
pub struct Delta {
    /// Items added, edited, removed, or whose derived state changed (a bulletin's entries, a
    /// bundle's route, a translation gained or lost).
    pub items: BTreeSet<ItemId>,
    pub groups: BTreeSet<usize>,
    /// Listings whose entries or order changed.
    pub listings: BTreeSet<(String, Kind)>,
    /// Items whose previous or next item in their listing changed.
    pub neighbours: BTreeSet<ItemId>,
    /// Items whose place in any order changed (their date or weight), or that came or went.
    pub orders: BTreeSet<ItemId>,
    /// Collections whose entries or order changed (or that appeared or went away).
    pub collections: BTreeSet<(String, CollectionKey)>,
    /// Items whose entries around them in a collection changed ([`around`]): what their
    /// related items are chosen from.
    pub around: BTreeSet<ItemId>,
    /// Collections that appeared, went away or were renamed.
    pub collection_heads: BTreeSet<(String, CollectionKey)>,
    pub routes_added: BTreeSet<String>,
    pub routes_removed: BTreeSet<String>,
    /// Routes whose output changed (a redirect's target, a listing's number of pages).
    pub routes_changed: BTreeSet<String>,
    /// The sources as they were before the update, to put back if it fails.
    pub replaced: Vec<(PathBuf, Option<Source>)>,
    /// Problems found while making routes (collisions).
    pub errors: Vec<Diagnostic>,
}

/// What an update makes of a file.
enum Derived {
    Item(Box<Item>),
    /// An unpublished draft.
    Draft,
    /// Gone, or not a published item any more.
    Gone,
}

/// The changes an update applies.
#[derive(Debug, Default)]
pub struct Changes {
    /// Files under content/ as they are now (`None`: gone, or not a published item any more).
    pub sources: Vec<(PathBuf, Option<Source>)>,
    /// Bundle folders whose other files changed (walked again).
    pub bundles: BTreeSet<PathBuf>,
}

impl Library {
    /// The items just newer and just older than `id` in its language's listing of its kind
    /// (none for plain pages).
    pub fn neighbours(&self, id: ItemId) -> (Option<ItemId>, Option<ItemId>) {
        let item = &self.items[id];
        if item.kind() == Kind::Page {
            return (None, None);
        }
        let entries = self.listing(item.lang(), item.kind());
        let Ok(at) = self.position(entries, id) else {
            return (None, None);
        };
        let newer = entries[..at].iter().rev().find(|e| !e.untranslated);
        let older = entries[at + 1..].iter().find(|e| !e.untranslated);
        (newer.map(|e| e.id), older.map(|e| e.id))
    }

    /// Where an item sorts in a list in listing order: `Ok` at its place when it is in the
    /// list, else `Err` where it would go.
    pub fn position(&self, list: &[Listed], id: ItemId) -> Result<usize, usize> {
        let key = &self.items[id].sort_key;
        let at = list.partition_point(|e| self.items[e.id].sort_key < *key);
        match list.get(at) {
            Some(e) if e.id == id => Ok(at),
            _ => Err(at),
        }
    }

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
            Output::Home { .. } => every_language(config, |code| urls::home(config, code)),
            Output::Collection { key, page: 1, .. } => config
                .languages
                .iter()
                .filter(|l| !self.taxonomies.members(&l.code, key).is_empty())
                .map(|l| (l.code.clone(), key.route(config, &l.code)))
                .collect(),
            Output::TopicIndex { .. } => every_language(config, |code| urls::topics(config, code)),
            Output::LocalityIndex { .. } => {
                every_language(config, |code| urls::localities(config, code))
            }
            Output::SharePage { .. } => {
                every_language(config, |code| urls::share_page(config, code))
            }
            Output::Listing { kind, page: 1, .. } => {
                every_language(config, |code| urls::listing(config, code, *kind, 1))
            }
            Output::SearchPage { .. } => every_language(config, |code| urls::search(config, code)),
            _ => Vec::new(),
        }
    }

    /// A listing's entries (empty when the language has none of the kind).
    pub fn listing(&self, lang: &str, kind: Kind) -> &[Listed] {
        self.listings
            .get(&(lang.to_string(), kind))
            .map_or(&[], Vec::as_slice)
    }

    /// Every problem of the library as it is now.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut errors: Vec<Diagnostic> = self
            .items
            .iter()
            .flat_map(|i| i.errors.iter().chain(&i.entry_errors).cloned())
            .collect();
        errors.extend(self.group_errors.values().flatten().cloned());
        errors
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

/// Builds the library from loaded sources. Every problem found is returned.
pub fn build_library(
    ctx: &LibraryContext,
    loaded: crate::content::Loaded,
    statics: Vec<(String, FileSource, String)>,
    topic_names: BTreeMap<String, BTreeMap<String, String>>,
) -> (Library, Vec<Diagnostic>) {
    let mut lib = Library {
        unreadable: loaded.unreadable,
        ..Library::default()
    };
    lib.taxonomies.topics.names = topic_names;
    let mut errors = Vec::new();
    // Generated pages first: their paths are reserved before items claim any.
    // Generated pages first, with every language's first page of each kind's listing (even
    // when empty): their paths are reserved before items claim any.
    let mut batch = vec![(Origin::Site, site_routes(ctx.config))];
    for lang in &ctx.config.languages {
        for kind in Kind::LISTED {
            batch.push((
                Origin::Listing(lang.code.clone(), kind),
                listing_routes(ctx.config, &lang.code, kind, 0),
            ));
        }
    }
    let mut site = Delta::default();
    lib.set_routes_batch(batch, &mut site);
    errors.extend(site.errors);
    let mut sources = loaded.sources;
    sources.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    let changes = Changes {
        sources: sources
            .into_iter()
            .map(|s| (s.rel_path.clone(), Some(s)))
            .collect(),
        bundles: BTreeSet::new(),
    };
    let delta = lib.update(ctx, changes);
    errors.extend(delta.errors);
    let statics = statics
        .into_iter()
        .map(|(file, source, origin)| (file, Output::Copy(source), origin))
        .collect();
    let mut copies = Delta::default();
    lib.set_routes_batch(vec![(Origin::Statics, statics)], &mut copies);
    errors.extend(copies.errors);
    errors.extend(lib.search_folder_problems(ctx.config, &copies.routes_added));
    errors.extend(lib.errors());
    (lib, errors)
}

impl Library {
    /// Applies changed sources: every structure they touch is derived again, and what changed
    /// is returned. The problems of the new state are [`Library::errors`] plus the delta's.
    pub fn update(&mut self, ctx: &LibraryContext, changes: Changes) -> Delta {
        let mut delta = Delta::default();
        let mut touched = Touched {
            bundles: changes.bundles,
            ..Touched::default()
        };
        // Items are derived in parallel (slugs, localities, order keys: the work of a first
        // load), then put into the tables in path order.
        self.items.0.reserve(changes.sources.len());
        let ids: Vec<ItemId> = changes.sources.iter().map(|(p, _)| self.id_of(p)).collect();
        let derived: Vec<(ItemId, PathBuf, Derived)> = changes
            .sources
            .into_par_iter()
            .zip(ids)
            .map(|((path, new), id)| {
                let derived = match new {
                    Some(source) if source.front_matter.common.draft && !ctx.include_drafts => {
                        Derived::Draft
                    }
                    Some(source) => Derived::Item(Box::new(derive_item(ctx, id, source))),
                    None => Derived::Gone,
                };
                (id, path, derived)
            })
            .collect();
        for (id, path, new) in derived {
            self.drafts.remove(&path);
            let old = self.items.0[id].take();
            let old_order = old.as_ref().map(|o| o.sort_key.clone());
            if let Some(old) = &old {
                self.unindex(old, &mut touched);
            }
            delta.items.insert(id);
            delta.replaced.push((path.clone(), old.map(|o| o.source)));
            match new {
                Derived::Draft => {
                    self.drafts.insert(path);
                }
                Derived::Item(item) => {
                    self.index(&item, &mut touched);
                    self.items.0[id] = Some(*item);
                }
                Derived::Gone => {}
            }
            if self.items.get(id).map(|i| &i.sort_key) != old_order.as_ref() {
                delta.orders.insert(id);
            }
        }
        self.regroup(&touched, &mut delta);
        self.assign_bundles(&touched, &mut delta);
        self.relist(ctx.config, &touched, &mut delta);
        self.resolve_bulletins(ctx.config, &touched, &mut delta);
        self.update_routes(ctx, &touched, &mut delta);
        delta
    }

    /// The permanent id of a source path in this session.
    fn id_of(&mut self, path: &Path) -> ItemId {
        if let Some(&id) = self.ids.get(path) {
            return id;
        }
        let id = self.items.0.len();
        self.items.0.push(None);
        self.ids.insert(path.to_path_buf(), id);
        id
    }

    /// Takes an item out of the lookup tables (before it is replaced or removed).
    fn unindex(&mut self, item: &Item, touched: &mut Touched) {
        self.by_source.remove(&item.source.rel_path);
        if let Some(ids) = self.by_reference.get_mut(&item.source.reference) {
            ids.retain(|&i| i != item.id);
        }
        for reference in bulletin_references(item) {
            if let Some(b) = self.listed_by.get_mut(&reference) {
                b.remove(&item.id);
            }
        }
        if let Some(dir) = &item.source.bundle_dir {
            if let Some(ids) = self.bundles.get_mut(dir) {
                ids.remove(&item.id);
            }
            touched.bundles.insert(dir.clone());
        }
        self.taxonomies.topics.forget(
            &item.source.rel_path,
            &item.source.front_matter.common.topics,
        );
        let key = item.group_key();
        if let Some(&g) = self.group_ids.get(&key) {
            // `item` may be out of the table already: its route is its own.
            touched.groups_before.entry(g).or_insert_with(|| {
                self.groups[g]
                    .iter()
                    .filter_map(|&id| match id == item.id {
                        true => Some((id, item.route.clone())),
                        false => Some((id, self.items.get(id)?.route.clone())),
                    })
                    .collect()
            });
            self.groups[g].retain(|&i| i != item.id);
        }
        touched.note(item);
    }

    /// Puts an item into the lookup tables.
    fn index(&mut self, item: &Item, touched: &mut Touched) {
        self.by_source.insert(item.source.rel_path.clone(), item.id);
        self.by_reference
            .entry(item.source.reference.clone())
            .or_default()
            .push(item.id);
        for reference in bulletin_references(item) {
            self.listed_by.entry(reference).or_default().insert(item.id);
        }
        if let Some(dir) = &item.source.bundle_dir {
            self.bundles.entry(dir.clone()).or_default().insert(item.id);
            touched.bundles.insert(dir.clone());
        }
        for term in &item.source.front_matter.common.topics {
            self.taxonomies.topics.learn(&item.source.rel_path, term);
        }
        touched.note(item);
    }

    /// A group's members with their routes.
    fn group_members(&self, g: usize) -> Vec<(ItemId, String)> {
        self.groups[g]
            .iter()
            .filter_map(|&id| Some((id, self.items.get(id)?.route.clone())))
            .collect()
    }

    /// Puts the touched items into their groups (in path order) and checks each group.
    fn regroup(&mut self, touched: &Touched, delta: &mut Delta) {
        // Each touched group with its members (and their routes) before the update.
        let mut regrouped: BTreeMap<usize, Vec<(ItemId, String)>> = BTreeMap::new();
        for key in &touched.group_keys {
            let g = match self.group_ids.get(key) {
                Some(&g) => g,
                None => {
                    self.groups.push(Vec::new());
                    let g = self.groups.len() - 1;
                    self.group_ids.insert(key.clone(), g);
                    g
                }
            };
            let before = touched
                .groups_before
                .get(&g)
                .cloned()
                .unwrap_or_else(|| self.group_members(g));
            regrouped.insert(g, before);
        }
        for &id in &touched.items {
            let Some(item) = self.items.get(id) else {
                continue;
            };
            let g = self.group_ids[&item.group_key()];
            if !self.groups[g].contains(&id) {
                self.groups[g].push(id);
            }
            if let Some(Some(item)) = self.items.0.get_mut(id) {
                item.group = g;
            }
        }
        for (g, before) in regrouped {
            let mut members = std::mem::take(&mut self.groups[g]);
            members.sort_by(|&a, &b| {
                self.items[a]
                    .source
                    .rel_path
                    .cmp(&self.items[b].source.rel_path)
            });
            let mut errors = Vec::new();
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    if self.items[a].lang() == self.items[b].lang() {
                        let (lang, first) = (self.items[b].lang(), &self.items[a].source.rel_path);
                        let message = t!("site-second-version", lang = lang, first = first);
                        errors.push(Diagnostic::file(&self.items[b].source.rel_path, message));
                    }
                }
            }
            if errors.is_empty() {
                self.group_errors.remove(&g);
            } else {
                self.group_errors.insert(g, errors);
            }
            self.groups[g] = members;
            // A translation gained, lost or moved to another address: every member's
            // switcher and listing entries may change. The same members at the same
            // addresses (an edit of one of them): nothing else changed.
            if self.group_members(g) != before {
                delta.groups.insert(g);
                delta.items.extend(self.groups[g].iter().copied());
            }
        }
    }

    /// Bundle files are published once, under the route of the bundle's default-language item
    /// (`index.md`, else the first by path), and every translation in the bundle points there.
    fn assign_bundles(&mut self, touched: &Touched, delta: &mut Delta) {
        for dir in &touched.bundles {
            let ids: Vec<ItemId> = self
                .bundles
                .get(dir)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
            let owner = ids
                .iter()
                .map(|&id| &self.items[id])
                .min_by_key(|i| {
                    let is_index = i
                        .source
                        .rel_path
                        .file_name()
                        .is_some_and(|n| n == "index.md");
                    (!is_index, i.source.rel_path.clone())
                })
                .map(|i| i.route.clone());
            for id in ids {
                if let Some(Some(item)) = self.items.0.get_mut(id)
                    && item.bundle_route != owner
                {
                    item.bundle_route = owner.clone();
                    delta.items.insert(id);
                }
            }
        }
    }

    /// The listing and collection entries of the touched groups, made again. With `fallback:
    /// default`, an item missing in a language is listed there in its original.
    fn relist(&mut self, config: &Config, touched: &Touched, delta: &mut Delta) {
        let groups: BTreeSet<usize> = touched
            .group_keys
            .iter()
            .filter_map(|k| self.group_ids.get(k).copied())
            .collect();
        let kinds: BTreeSet<Kind> = touched.group_keys.iter().map(|(k, _)| *k).collect();
        let mut gone: HashSet<ItemId> = touched.items.iter().copied().collect();
        // The collections to make again: those the touched items were in, and those every
        // member of their groups is in (an entry may change from untranslated to translated).
        let mut keys = touched.keys.clone();
        let mut fresh: BTreeMap<(String, Kind), Vec<Listed>> = BTreeMap::new();
        for &g in &groups {
            gone.extend(self.groups[g].iter().copied());
            for &id in &self.groups[g] {
                keys.extend(self.items[id].keys.iter().cloned());
            }
            let group = &self.groups[g];
            if group.is_empty() || self.items[group[0]].kind() == Kind::Page {
                continue;
            }
            let kind = self.items[group[0]].kind();
            let original = self.original(config, group).id;
            for lang in &config.languages {
                let own = group
                    .iter()
                    .copied()
                    .find(|&id| self.items[id].lang() == lang.code);
                let entry = match (own, config.fallback) {
                    (Some(id), _) => Listed {
                        id,
                        untranslated: false,
                    },
                    (None, Fallback::Default) => Listed {
                        id: original,
                        untranslated: true,
                    },
                    (None, Fallback::None) => continue,
                };
                fresh
                    .entry((lang.code.clone(), kind))
                    .or_default()
                    .push(entry);
            }
        }
        // Collections: by the keys the touched items had and have.
        let mut collection_fresh: BTreeMap<(String, CollectionKey), Vec<Listed>> = BTreeMap::new();
        for ((lang, _), entries) in &fresh {
            for e in entries {
                for key in &self.items[e.id].keys {
                    collection_fresh
                        .entry((lang.clone(), key.clone()))
                        .or_default()
                        .push(*e);
                }
            }
        }
        let mut collection_keys: BTreeSet<(String, CollectionKey)> = BTreeSet::new();
        for lang in &config.languages {
            for key in &keys {
                collection_keys.insert((lang.code.clone(), key.clone()));
            }
        }
        for lang in &config.languages {
            for &kind in &kinds {
                if kind == Kind::Page {
                    continue;
                }
                let key = (lang.code.clone(), kind);
                let new = fresh.remove(&key).unwrap_or_default();
                let list = self.listings.entry(key.clone()).or_default();
                let before = list.clone();
                if merge_entries(list, &gone, new, &self.items) {
                    delta.listings.insert(key.clone());
                }
                // On the first load every item is new: nobody's neighbours changed.
                if !before.is_empty() && delta.listings.contains(&key) {
                    let (old, now) = (neighbour_map(&before), neighbour_map(list));
                    delta.neighbours.extend(
                        now.iter()
                            .filter(|(id, n)| old.get(id) != Some(n))
                            .map(|(&id, _)| id),
                    );
                }
                if list.is_empty() {
                    self.listings.remove(&key);
                }
            }
        }
        for (lang, key) in collection_keys {
            let new = collection_fresh
                .remove(&(lang.clone(), key.clone()))
                .unwrap_or_default();
            let by_lang = self.taxonomies.members.entry(lang.clone()).or_default();
            let list = by_lang.entry(key.clone()).or_default();
            let existed = !list.is_empty();
            // On the first load every item is new: nobody's surroundings changed.
            let before = existed.then(|| list.clone());
            let changed = merge_entries(list, &gone, new, &self.items);
            if let Some(before) = before.filter(|_| changed) {
                delta.around.extend(around_changes(&before, list));
            }
            let exists = !list.is_empty();
            if !exists {
                by_lang.remove(&key);
            }
            if existed != exists {
                delta.collection_heads.insert((lang.clone(), key.clone()));
            }
            if changed {
                delta.collections.insert((lang, key));
            }
        }
        // A topic's name is the term as first written: a new spelling renames its pages.
        for slug in &touched.topics {
            if self.taxonomies.topics.renamed(slug) {
                for lang in &config.languages {
                    let key = (lang.code.clone(), CollectionKey::Topic(slug.clone()));
                    delta.collection_heads.insert(key.clone());
                    delta.collections.insert(key);
                }
            }
        }
    }

    /// The entries of the bulletins that list a touched item (or are touched), resolved again.
    fn resolve_bulletins(&mut self, config: &Config, touched: &Touched, delta: &mut Delta) {
        let mut bulletins: BTreeSet<ItemId> = touched
            .items
            .iter()
            .copied()
            .filter(|&id| {
                self.items
                    .get(id)
                    .is_some_and(|i| i.kind() == Kind::Bulletin)
            })
            .collect();
        // A group's translations change what every member's reference resolves to.
        let mut references: BTreeSet<String> = touched.references.clone();
        for key in &touched.group_keys {
            if let Some(&g) = self.group_ids.get(key) {
                for &id in &self.groups[g] {
                    references.insert(self.items[id].source.reference.clone());
                }
            }
        }
        for reference in &references {
            if let Some(b) = self.listed_by.get(reference) {
                bulletins.extend(b.iter().copied());
            }
        }
        for id in bulletins {
            let (entries, errors) = self.bulletin_entries(config, &self.items[id]);
            if let Some(Some(item)) = self.items.0.get_mut(id) {
                if item.bulletin_items != entries {
                    delta.items.insert(id);
                }
                item.bulletin_items = entries;
                item.entry_errors = errors;
            }
        }
    }

    /// A bulletin's entries: each reference's item in the bulletin's language, else its
    /// original (marked untranslated) whatever the listings' fallback policy, so that an
    /// edition handed out at a meeting never loses an item.
    fn bulletin_entries(&self, config: &Config, item: &Item) -> (Vec<Listed>, Vec<Diagnostic>) {
        let KindFields::Bulletin(b) = &item.source.front_matter.fields else {
            return (Vec::new(), Vec::new());
        };
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &b.items {
            let reference = clean_reference(&r.value);
            // An edition lists each item once, and never itself.
            let repeated = if reference == item.source.reference {
                Some(t!("site-bulletin-lists-itself"))
            } else {
                match seen.get(reference) {
                    Some(&first) => {
                        let message = t!("site-bulletin-twice", item = reference, first = first);
                        Some(message)
                    }
                    None => {
                        seen.insert(reference, r.line);
                        None
                    }
                }
            };
            if let Some(message) = repeated {
                errors.push(
                    Diagnostic::new(&item.source.rel_path, r.line, r.column, message)
                        .with_key("items"),
                );
                continue;
            }
            let candidates = self
                .by_reference
                .get(reference)
                .map_or(&[][..], Vec::as_slice);
            let in_lang = |lang: &str| {
                candidates
                    .iter()
                    .copied()
                    .find(|&c| self.items[c].lang() == lang)
            };
            let found = in_lang(item.lang())
                .or_else(|| in_lang(&config.default_language))
                .or_else(|| candidates.iter().copied().min());
            match found {
                Some(id) => match self.translation(id, item.lang()) {
                    Some(t) => entries.push(Listed {
                        id: t,
                        untranslated: false,
                    }),
                    None => entries.push(Listed {
                        id: self.original(config, &self.groups[self.items[id].group]).id,
                        untranslated: true,
                    }),
                },
                None if self.unreadable.iter().any(|u| u.reference == reference) => {}
                None => {
                    let draft = self.drafts.iter().any(|d| {
                        d.to_string_lossy()
                            .contains(&format!("content/{reference}"))
                    });
                    let message = if draft {
                        t!("site-bulletin-draft", item = reference)
                    } else {
                        let known: Vec<&str> =
                            self.by_reference.keys().map(String::as_str).collect();
                        match crate::content::front_matter::suggest(reference, &known) {
                            Some(s) => {
                                let i = reference;
                                t!("site-bulletin-no-match-hint", item = i, suggestion = s)
                            }
                            None => t!("site-bulletin-no-match", item = reference),
                        }
                    };
                    errors.push(
                        Diagnostic::new(&item.source.rel_path, r.line, r.column, message)
                            .with_key("items"),
                    );
                }
            }
        }
        (entries, errors)
    }

    /// Makes again the routes of everything the update touched.
    fn update_routes(&mut self, ctx: &LibraryContext, touched: &Touched, delta: &mut Delta) {
        let mut batch = Vec::new();
        for &id in &delta.items {
            let routes = self
                .items
                .get(id)
                .map(|i| item_routes(ctx.config, i))
                .unwrap_or_default();
            batch.push((Origin::Item(id), routes));
        }
        for dir in &touched.bundles {
            let (routes, problems) = self.bundle_routes(ctx, dir);
            delta.errors.extend(problems);
            batch.push((Origin::Bundle(dir.clone()), routes));
        }
        for (lang, kind) in &delta.listings {
            let count = self.listing(lang, *kind).len();
            batch.push((
                Origin::Listing(lang.clone(), *kind),
                listing_routes(ctx.config, lang, *kind, count),
            ));
        }
        for (lang, key) in &delta.collections {
            let count = self.taxonomies.members(lang, key).len();
            batch.push((
                Origin::Collection(lang.clone(), key.clone()),
                collection_routes(ctx.config, lang, key, count),
            ));
        }
        batch.push((Origin::FormerLocalities, self.former_locality_routes(ctx)));
        self.set_routes_batch(batch, delta);
        // The sitemap's files, for as many pages as there are now.
        let sitemap = self.sitemap_routes();
        self.set_routes_batch(vec![(Origin::Sitemap, sitemap)], delta);
        let problems = self.search_folder_problems(ctx.config, &delta.routes_added);
        delta.errors.extend(problems);
    }

    /// `sitemap.xml`, and the files of its parts when the pages do not fit in one.
    fn sitemap_routes(&self) -> Vec<NewRoute> {
        let pages = self.routes.values().filter(|r| r.in_sitemap()).count();
        let parts = urls::sitemap_parts(pages);
        let mut routes = vec![(
            urls::SITEMAP.to_string(),
            Output::Sitemap { parts },
            t!("site-origin-sitemap").into_string(),
        )];
        if parts > 1 {
            routes.extend((0..parts).map(|part| {
                (
                    urls::sitemap_part(part),
                    Output::SitemapPart { part, parts },
                    t!("site-origin-sitemap").into_string(),
                )
            }));
        }
        routes
    }

    /// The pages part `part` of the sitemap lists (of `parts`), in route order.
    pub fn sitemap_members(&self, part: usize, parts: usize) -> impl Iterator<Item = &Route> {
        let members = self.sitemap_members.get_or_init(|| {
            let mut members = vec![Vec::new(); parts];
            for route in self.routes.values().filter(|r| r.in_sitemap()) {
                if let Some(m) = members.get_mut(urls::sitemap_part_of(&route.file, parts)) {
                    m.push(route.file.clone());
                }
            }
            members
        });
        // Asked with another count of parts than the cache's (never, as the parts come from
        // the same routes): none.
        let files = members.get(part).filter(|_| members.len() == parts);
        files
            .into_iter()
            .flatten()
            .filter_map(|file| self.routes.get(file))
    }

    /// The number of files the sitemap's pages are listed in.
    pub fn sitemap_parts(&self) -> usize {
        match self.routes.get(urls::SITEMAP).map(|r| &r.output) {
            Some(Output::Sitemap { parts }) => *parts,
            _ => 1,
        }
    }

    /// The search index writes more files than its route names (its shards and document
    /// files), all in the search page's folder: nothing else may put files there.
    fn search_folder_problems(&self, config: &Config, added: &BTreeSet<String>) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for file in added {
            let Some(route) = self.routes.get(file) else {
                continue;
            };
            if matches!(
                route.output,
                Output::SearchPage { .. } | Output::SearchIndex { .. }
            ) {
                continue;
            }
            for lang in &config.languages {
                let folder = urls::search(config, &lang.code);
                if file.starts_with(&folder) {
                    problems.push(Diagnostic::file(
                        route.origin.clone(),
                        t!("site-search-folder-taken", file = file, folder = &folder),
                    ));
                }
            }
        }
        problems
    }

    /// Replaces the routes of each origin of the batch: first the files no origin makes any
    /// more go (so that two items swapping slugs do not collide), then the new ones come. A
    /// route to a file another origin makes is an error that names both origins.
    fn set_routes_batch(&mut self, batch: Vec<(Origin, Vec<NewRoute>)>, delta: &mut Delta) {
        self.sitemap_members = std::sync::OnceLock::new();
        for (owner, routes) in &batch {
            let new: HashSet<&str> = routes.iter().map(|(f, _, _)| f.as_str()).collect();
            for file in self.made.remove(owner).unwrap_or_default() {
                if !new.contains(file.as_str())
                    && self.routes.get(&file).is_some_and(|r| r.owner == *owner)
                {
                    self.routes.remove(&file);
                    if !delta.routes_added.remove(&file) {
                        delta.routes_removed.insert(file.clone());
                    }
                    delta.routes_changed.remove(&file);
                }
            }
        }
        for (owner, routes) in batch {
            let mut made = Vec::with_capacity(routes.len());
            for (file, output, origin) in routes {
                match self.routes.get_mut(&file) {
                    Some(existing) if existing.owner != owner => {
                        let url = file.trim_end_matches("index.html");
                        let other = existing.origin.as_str();
                        // A file is named by its path, a generated page by what it is.
                        let message =
                            if other.starts_with("content/") || other.starts_with("static/") {
                                t!("site-route-collision-file", url = url, other = other)
                            } else {
                                t!("site-route-collision-page", url = url, other = other)
                            };
                        delta.errors.push(Diagnostic::file(origin.clone(), message));
                        continue;
                    }
                    Some(existing) => {
                        if existing.output != output {
                            existing.output = output;
                            delta.routes_changed.insert(file.clone());
                        }
                        existing.origin = origin;
                    }
                    None => {
                        if !delta.routes_removed.remove(&file) {
                            delta.routes_added.insert(file.clone());
                        } else {
                            delta.routes_changed.insert(file.clone());
                        }
                        self.routes.insert(
                            file.clone(),
                            Route {
                                file: file.clone(),
                                output,
                                origin,
                                owner: owner.clone(),
                            },
                        );
                    }
                }
                made.push(file);
            }
            self.made.insert(owner, made);
        }
    }

    /// Replaces the routes of the resized images.
    pub fn set_image_routes(&mut self, routes: Vec<(String, PathBuf, String)>) -> Delta {
        let mut delta = Delta::default();
        let routes = routes
            .into_iter()
            .map(|(file, cached, origin)| (file, Output::Copy(FileSource::Disk(cached)), origin))
            .collect();
        self.set_routes_batch(vec![(Origin::Images, routes)], &mut delta);
        delta
    }

    /// The files of a bundle folder, under its owner's route.
    /// An HTML file, or an SVG file with scripts, is not published unless `unsafe_html: true`
    /// (the HTML safety rule holds for bundle files too): it is a problem instead.
    fn bundle_routes(&self, ctx: &LibraryContext, dir: &Path) -> (Vec<NewRoute>, Vec<Diagnostic>) {
        let owner = self
            .bundles
            .get(dir)
            .and_then(|ids| ids.iter().next())
            .and_then(|&id| self.items[id].bundle_route.clone());
        let Some(route) = owner else {
            return (Vec::new(), Vec::new());
        };
        let mut routes = Vec::new();
        let mut problems = Vec::new();
        let walker = walkdir::WalkDir::new(ctx.root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
        for entry in walker.flatten() {
            if !entry.file_type().is_file() || entry.path().extension().is_some_and(|e| e == "md") {
                continue;
            }
            let Some(rel) = entry
                .path()
                .strip_prefix(ctx.root.join(dir))
                .ok()
                .and_then(safe_relative)
            else {
                continue;
            };
            let shown = display_path(ctx.root, entry.path());
            if !ctx.config.unsafe_html
                && let Some(problem) = crate::content::bundle_files::problem(entry.path(), &shown)
            {
                problems.push(problem);
                continue;
            }
            routes.push((
                format!("{route}{rel}"),
                Output::Copy(FileSource::Disk(entry.path().to_path_buf())),
                shown.to_string_lossy().into_owned(),
            ));
        }
        (routes, problems)
    }

    /// Merged-away units keep their old locality pages, as redirects to their successor's.
    /// Besides the ids of the registry, `former-province/commune` ids that items use get one.
    fn former_locality_routes(&self, ctx: &LibraryContext) -> Vec<NewRoute> {
        let (config, registry) = (ctx.config, ctx.registry);
        let mut former: BTreeMap<String, String> = registry.former.clone();
        for item in self.items.iter() {
            if let Some(r) = &item.locality
                && let Some(f) = &r.former
            {
                former.entry(f.clone()).or_insert_with(|| r.id.clone());
            }
        }
        let mut routes = Vec::new();
        for lang in &config.languages {
            for (old, current) in &former {
                let key = CollectionKey::Locality(current.clone());
                let (route, title) = if !self.taxonomies.members(&lang.code, &key).is_empty() {
                    let name = registry
                        .localities
                        .get(current)
                        .map_or(current.as_str(), |l| {
                            l.name(&lang.code, &config.default_language)
                        });
                    (key.route(config, &lang.code), name.to_string())
                } else {
                    (urls::localities(config, &lang.code), lang.title.clone())
                };
                let output = Output::Redirect {
                    route,
                    lang: lang.code.clone(),
                    title,
                };
                routes.push((
                    index_file(&urls::locality(config, &lang.code, old)),
                    output,
                    t!("site-origin-former-locality", id = old).into_string(),
                ));
            }
        }
        routes
    }
}

/// What an update touched, gathered while sources are taken out and put in.
#[derive(Debug, Default)]
struct Touched {
    items: BTreeSet<ItemId>,
    group_keys: BTreeSet<(Kind, String)>,
    /// Collections the touched items were or are in.
    keys: BTreeSet<CollectionKey>,
    references: BTreeSet<String>,
    bundles: BTreeSet<PathBuf>,
    topics: BTreeSet<String>,
    /// The members of the groups items were taken out of, with their routes, as they were
    /// before the update.
    groups_before: BTreeMap<usize, Vec<(ItemId, String)>>,
}

impl Touched {
    fn note(&mut self, item: &Item) {
        self.items.insert(item.id);
        self.group_keys.insert(item.group_key());
        self.keys.extend(item.keys.iter().cloned());
        self.references.insert(item.source.reference.clone());
        for term in &item.source.front_matter.common.topics {
            self.topics.insert(slugify(term));
        }
    }
}

/// Replaces the entries of `gone` items in a sorted list by `new` ones, in listing order;
/// whether the list changed.
fn merge_entries(
    list: &mut Vec<Listed>,
    gone: &HashSet<ItemId>,
    mut new: Vec<Listed>,
    items: &Items,
) -> bool {
    let before = list.clone();
    list.retain(|e| !gone.contains(&e.id));
    if new.len() < 16 {
        for e in new {
            let at = list.partition_point(|x| items[x.id].sort_key < items[e.id].sort_key);
            list.insert(at, e);
        }
    } else {
        list.append(&mut new);
        listing_order(items, list);
    }
    *list != before
}

/// (newer, older) of each item in a listing: the nearest entries in its own language (an
/// untranslated entry is another language's item).
fn neighbour_map(list: &[Listed]) -> HashMap<ItemId, (Option<ItemId>, Option<ItemId>)> {
    let own: Vec<ItemId> = list
        .iter()
        .filter(|e| !e.untranslated)
        .map(|e| e.id)
        .collect();
    own.iter()
        .enumerate()
        .map(|(i, &id)| {
            let newer = i.checked_sub(1).map(|j| own[j]);
            (id, (newer, own.get(i + 1).copied()))
        })
        .collect()
}

/// How far around an item its collections are searched for related items (entries before
/// and after it): the lists are newest first, so neighbours are close in time, and the work
/// per item stays the same however large the site.
pub const AROUND: usize = 15;

/// The entries of a collection around the one at `at` (as many after it as it lacks before
/// it near the start): what an item's related items are chosen from.
pub fn around(list: &[Listed], at: usize) -> &[Listed] {
    let start = at.saturating_sub(AROUND).min(list.len());
    &list[start..(start + 2 * AROUND + 1).min(list.len())]
}

/// The members of a collection whose entries [`around`] them differ between two versions of
/// it.
fn around_changes<'a>(
    before: &'a [Listed],
    after: &'a [Listed],
) -> impl Iterator<Item = ItemId> + 'a {
    let was: HashMap<ItemId, usize> = before.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    after.iter().enumerate().filter_map(move |(i, e)| {
        let same = was
            .get(&e.id)
            .is_some_and(|&j| around(before, j) == around(after, i));
        (!same).then_some(e.id)
    })
}

/// Sorts entries in listing order.
pub fn listing_order(items: &Items, entries: &mut [Listed]) {
    entries.sort_by(|a, b| items[a.id].sort_key.cmp(&items[b.id].sort_key));
}

/// `articles/x` as a bulletin lists it (`.md` and slashes around it are forgiven).
fn clean_reference(value: &str) -> &str {
    value.trim().trim_end_matches(".md").trim_matches('/')
}

fn bulletin_references(item: &Item) -> Vec<String> {
    match &item.source.front_matter.fields {
        KindFields::Bulletin(b) => b
            .items
            .iter()
            .map(|r| clean_reference(&r.value).to_string())
            .collect(),
        _ => Vec::new(),
    }
}

/// An item as the library holds it: its slug, route, locality, order and collections, with
/// the problems found in it alone.
fn derive_item(ctx: &LibraryContext, id: ItemId, source: Source) -> Item {
    let mut errors = Vec::new();
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
                    Diagnostic::new(
                        &source.rel_path,
                        *line,
                        *column,
                        t!("site-slug-empty", value = value),
                    )
                    .with_key("slug"),
                );
            }
            s
        }
        None => {
            let s = slugify(&source.file_slug);
            if s.is_empty() {
                errors.push(Diagnostic::file(
                    &source.rel_path,
                    t!("site-file-name-slug-empty"),
                ));
            }
            s
        }
    };
    let locality = common.locality.as_ref().and_then(|l| {
        ctx.registry
            .resolve_at(&source.rel_path, l)
            .unwrap_or_else(|problem| {
                errors.push(problem);
                None
            })
    });
    if let Some(problem) = front_matter_image_problem(ctx, &source) {
        errors.push(problem);
    }
    for alias in &common.aliases {
        if alias_file(ctx.config, &alias.value).is_none() {
            errors.push(
                Diagnostic::new(
                    &source.rel_path,
                    alias.line,
                    alias.column,
                    t!("site-alias-invalid", value = &alias.value),
                )
                .with_key("aliases"),
            );
        }
    }
    let route = urls::item(ctx.config, &source.lang, source.kind, &slug);
    let sort_key = sort_key(&source);
    let keys = crate::taxonomy::keys_of(&source, locality.as_ref());
    Item {
        id,
        source,
        slug,
        route,
        group: 0,
        locality,
        bundle_route: None,
        bulletin_items: Vec::new(),
        sort_key,
        keys,
        errors,
        entry_errors: Vec::new(),
    }
}

fn sort_key(source: &Source) -> SortKey {
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
    SortKey {
        weight: common.weight.unwrap_or(i64::MAX),
        newest: -time.max(i64::MIN + 1),
        title: crate::text::collation_key(&common.title),
        path: source.rel_path.clone(),
    }
}

/// `image:` must name a file that will be published: in the item's bundle, or `/`-rooted in
/// static/ (the site's or the theme's), or be an http(s) URL.
fn front_matter_image_problem(ctx: &LibraryContext, source: &Source) -> Option<Diagnostic> {
    let image = source.front_matter.common.image.as_ref()?;
    let value = image.value.trim();
    if value.starts_with("https://") || value.starts_with("http://") {
        return None;
    }
    let problem = if let Some(rooted) = value.strip_prefix('/') {
        let dirs = crate::theme::static_dirs(ctx.root, &ctx.config.theme);
        (!dirs.iter().any(|d| d.join(rooted).is_file()))
            .then(|| t!("site-image-not-in-static", value = value, file = rooted))
    } else {
        match &source.bundle_dir {
            None => Some(t!("site-image-not-bundle", value = value)),
            Some(dir) => match normalize_path(&dir.join(value)) {
                Some(p) if p.starts_with(dir) && ctx.root.join(&p).is_file() => None,
                _ => {
                    let folder = dir.display();
                    let message = t!("site-image-not-in-bundle", value = value, folder = folder);
                    Some(message)
                }
            },
        }
    }?;
    Some(Diagnostic::new(&source.rel_path, image.line, image.column, problem).with_key("image"))
}

/// An item's own routes: its page, a bulletin's print edition, redirects from its aliases.
fn item_routes(config: &Config, item: &Item) -> Vec<NewRoute> {
    let origin = item.source.rel_path.to_string_lossy().into_owned();
    let mut routes = vec![(
        index_file(&item.route),
        Output::Item(item.id),
        origin.clone(),
    )];
    if item.kind() == Kind::Bulletin {
        routes.push((
            index_file(&urls::print(&item.route)),
            Output::BulletinPrint(item.id),
            origin.clone(),
        ));
        let read_aloud = urls::read_aloud(&item.route);
        routes.push((
            index_file(&read_aloud),
            Output::BulletinReadAloud(item.id),
            origin.clone(),
        ));
        routes.push((
            urls::read_aloud_text(&item.route),
            Output::BulletinReadAloudText(item.id),
            origin.clone(),
        ));
    }
    for alias in &item.source.front_matter.common.aliases {
        if let Some(file) = alias_file(config, &alias.value) {
            let output = Output::Redirect {
                route: item.route.clone(),
                lang: item.lang().to_string(),
                title: item.title().to_string(),
            };
            routes.push((file, output, origin.clone()));
        }
    }
    routes
}

/// The pages of a listing of `count` entries (at least one, even empty).
fn listing_routes(config: &Config, lang: &str, kind: Kind, count: usize) -> Vec<NewRoute> {
    let pages = count.div_ceil(config.paginate).max(1);
    let origin = t!("site-origin-listing", section = kind.section()).into_string();
    (1..=pages)
        .map(|page| {
            (
                index_file(&urls::listing(config, lang, kind, page)),
                Output::Listing {
                    kind,
                    lang: lang.to_string(),
                    page,
                    pages,
                },
                origin.clone(),
            )
        })
        .collect()
}

/// The pages of a collection of `count` entries (none when it is empty).
fn collection_routes(
    config: &Config,
    lang: &str,
    key: &CollectionKey,
    count: usize,
) -> Vec<NewRoute> {
    if count == 0 {
        return Vec::new();
    }
    let pages = count.div_ceil(config.paginate);
    let origin = t!("site-origin-collection", kind = key.kind()).into_string();
    (1..=pages)
        .map(|page| {
            (
                index_file(&key.page_route(config, lang, page)),
                Output::Collection {
                    key: key.clone(),
                    lang: lang.to_string(),
                    page,
                    pages,
                },
                origin.clone(),
            )
        })
        .collect()
}

/// The pages every site has, per language: home, feed, search page and index, topics and
/// localities pages, share page and JSON; then the sitemap and the 404 page.
fn site_routes(config: &Config) -> Vec<NewRoute> {
    let mut routes = Vec::new();
    for lang in &config.languages {
        let code = lang.code.as_str();
        let l = || code.to_string();
        routes.push((
            index_file(&urls::home(config, code)),
            Output::Home { lang: l() },
            t!("site-origin-home", lang = code).into_string(),
        ));
        routes.push((
            urls::feed(config, code),
            Output::Feed { lang: l() },
            t!("site-origin-feed", lang = code).into_string(),
        ));
        let search = urls::search(config, code);
        routes.push((
            index_file(&search),
            Output::SearchPage { lang: l() },
            t!("site-origin-search-page", lang = code).into_string(),
        ));
        routes.push((
            format!("{search}{INDEX_FILE}"),
            Output::SearchIndex { lang: l() },
            t!("site-origin-search-index", lang = code).into_string(),
        ));
        routes.push((
            index_file(&urls::topics(config, code)),
            Output::TopicIndex { lang: l() },
            t!("site-origin-topics").into_string(),
        ));
        routes.push((
            index_file(&urls::localities(config, code)),
            Output::LocalityIndex { lang: l() },
            t!("site-origin-localities").into_string(),
        ));
        if config.share {
            routes.push((
                index_file(&urls::share_page(config, code)),
                Output::SharePage { lang: l() },
                t!("site-origin-share-page").into_string(),
            ));
            routes.push((
                urls::share_json(config, code),
                Output::ShareJson { lang: l() },
                t!("site-origin-share-json").into_string(),
            ));
        }
    }
    routes.push((
        urls::NOT_FOUND.into(),
        Output::NotFound,
        t!("site-origin-not-found").into_string(),
    ));
    routes
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
