//! What every output is made from, and the record of what it read. Renders see the site only
//! through a [`View`]: each accessor notes the [`Input`] it reads when the view records, so
//! the declaration of an output's inputs falls out of the code that makes it (nothing lists
//! dependencies by hand). Watch mode keeps, for every output and every item's facts, the
//! inputs it read last time: after an edit only the outputs that read a changed input are
//! looked at again, and only those whose data changed are rendered.

use crate::config::Config;
use crate::content::Kind;
use crate::i18n::I18n;
use crate::library::{Item, ItemId, Library, Listed, Output, Route};
use crate::locality::Registry;
use crate::pipeline::LoadedSite;
use crate::render::facts::ItemFacts;
use crate::taxonomy::CollectionKey;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One thing an output or an item's facts can read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// Anything of an item: its file and what the library and the facts stage made of it.
    Item(ItemId),
    /// One part of an item's facts, for outputs that show only that part of many items
    /// (the sitemap, the search index): they are not made again when the rest changes.
    Fact(ItemId, Fact),
    /// Which versions a translation group has (language switchers, hreflang links).
    Group(usize),
    /// The entries of a language's listing of a kind, in order.
    Listing(String, Kind),
    /// Which items are just newer and just older than an item in its listing.
    Neighbours(ItemId),
    /// The entries around an item in its collections ([`crate::library::around`]).
    Around(ItemId),
    /// Where an item sorts among others (its date and weight), for outputs that order items
    /// of several listings or collections among themselves.
    Order(ItemId),
    /// The entries of a collection (a topic, a locality, a model directory page), in order;
    /// also whether it exists and its name.
    Collection(String, CollectionKey),
    /// Whether a collection has a page in a language, and its name.
    CollectionHead(String, CollectionKey),
    /// Which collections a language has, with their sizes.
    Collections(String),
    /// Which pages a part of the sitemap lists (from 0; the only part when it is one file).
    SitemapPart(usize),
    /// A file shown as it is: an image (its size and resized versions).
    File(PathBuf),
    /// A template, with everything it extends, includes or calls.
    Template(String),
    /// A language's UI strings.
    Strings(String),
}

/// The parts of an item's facts that are read on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fact {
    /// When the item was last updated (`updated`, else `date`), and whether it is a draft
    /// (left out): what the sitemap shows of it.
    Updated,
    /// What the search index holds of it (its words and its result).
    Index,
    /// Its links to other items: topics, related items, previous and next.
    Links,
}

impl Fact {
    pub const ALL: [Fact; 3] = [Fact::Updated, Fact::Index, Fact::Links];

    /// Whether this part differs between two versions of an item's facts.
    pub fn changed(self, a: Option<&ItemFacts>, b: Option<&ItemFacts>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => match self {
                Fact::Updated => {
                    a.summary.updated_rfc3339 != b.summary.updated_rfc3339
                        || a.summary.draft != b.summary.draft
                }
                Fact::Index => a.index_digest != b.index_digest,
                Fact::Links => a.links.digest != b.links.digest,
            },
            (None, None) => false,
            _ => true,
        }
    }
}

/// The inputs one output or one item's facts read.
#[derive(Debug, Default)]
pub struct Recorder(Mutex<Vec<Input>>);

impl Recorder {
    /// The inputs read, each once.
    pub fn into_inputs(self) -> Vec<Input> {
        let mut inputs = self.0.into_inner().unwrap_or_default();
        inputs.sort();
        inputs.dedup();
        inputs
    }
}

/// The site as renders see it.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub site: &'a LoadedSite,
    facts: &'a [Option<ItemFacts>],
    record: Option<&'a Recorder>,
}

impl<'a> View<'a> {
    pub fn new(site: &'a LoadedSite, facts: &'a [Option<ItemFacts>]) -> View<'a> {
        View {
            site,
            facts,
            record: None,
        }
    }

    /// The same view, noting what is read into `recorder`.
    pub fn recording(self, recorder: &'a Recorder) -> View<'a> {
        View {
            record: Some(recorder),
            ..self
        }
    }

    /// Whether reads are being recorded (work only needed for the record can be skipped).
    pub fn records(&self) -> bool {
        self.record.is_some()
    }

    pub fn note(&self, input: Input) {
        if let Some(r) = self.record
            && let Ok(mut inputs) = r.0.lock()
        {
            inputs.push(input);
        }
    }

    // Site-wide settings: a change of site.yaml, data/ or the theme's files rebuilds all.

    pub fn config(&self) -> &'a Config {
        &self.site.config
    }
    pub fn registry(&self) -> &'a Registry {
        &self.site.registry
    }
    pub fn root(&self) -> &'a Path {
        &self.site.root
    }

    /// The UI strings of a language.
    pub fn i18n(&self, lang: &str) -> &'a I18n {
        self.note(Input::Strings(lang.to_string()));
        &self.site.i18n
    }

    /// One UI string.
    pub fn t(&self, lang: &str, key: &str) -> String {
        self.i18n(lang).get(lang, key).to_string()
    }

    /// The library without recording: only for finding what to read (ids, lengths).
    pub fn library(&self) -> &'a Library {
        &self.site.library
    }

    pub fn item(&self, id: ItemId) -> &'a Item {
        self.note(Input::Item(id));
        &self.site.library.items[id]
    }

    /// Puts items in listing order (newest first), a read of where each of them sorts.
    pub fn in_listing_order(&self, entries: &mut [Listed]) {
        for e in entries.iter() {
            self.note(Input::Order(e.id));
        }
        crate::library::listing_order(&self.site.library.items, entries);
    }

    /// Where an item sorts in listing order (a read of its date and weight).
    pub fn order(&self, id: ItemId) -> &'a crate::library::SortKey {
        self.note(Input::Order(id));
        &self.site.library.items[id].sort_key
    }

    /// The facts of an item: its summary, share text, search words.
    pub fn facts(&self, id: ItemId) -> Option<&'a ItemFacts> {
        self.note(Input::Item(id));
        self.facts.get(id).and_then(Option::as_ref)
    }

    /// An item's links to other items (a read of the links alone, not of what they read).
    pub fn links(&self, id: ItemId, facts: &'a ItemFacts) -> &'a crate::render::item::ItemLinks {
        self.note(Input::Fact(id, Fact::Links));
        &facts.links
    }

    /// An item's entry in the sitemap: `None` for a draft (not listed), else when it was last
    /// updated (RFC 3339), if known.
    pub fn sitemap_lastmod(&self, id: ItemId) -> Option<Option<&'a str>> {
        self.note(Input::Fact(id, Fact::Updated));
        let Some(facts) = self.facts.get(id).and_then(Option::as_ref) else {
            return Some(None);
        };
        (!facts.summary.draft).then_some(facts.summary.updated_rfc3339.as_deref())
    }

    /// An item's facts, read for what the search index holds of it only.
    pub fn index_facts(&self, id: ItemId) -> Option<&'a ItemFacts> {
        self.note(Input::Fact(id, Fact::Index));
        self.facts.get(id).and_then(Option::as_ref)
    }

    /// (newer, older) than an item in its listing (its page's next and previous links).
    pub fn neighbours(&self, id: ItemId) -> (Option<ItemId>, Option<ItemId>) {
        self.note(Input::Neighbours(id));
        self.site.library.neighbours(id)
    }

    pub fn listing(&self, lang: &str, kind: Kind) -> &'a [Listed] {
        self.note(Input::Listing(lang.to_string(), kind));
        self.site.library.listing(lang, kind)
    }

    pub fn members(&self, lang: &str, key: &CollectionKey) -> &'a [Listed] {
        self.note(Input::Collection(lang.to_string(), key.clone()));
        self.site.library.taxonomies.members(lang, key)
    }

    /// The entries of a collection around one of its members (a read of those alone: a
    /// date edit moves one item in a topic of 1,800, and only the members near where it was
    /// and is now see different entries around them).
    pub fn around(&self, lang: &str, key: &CollectionKey, id: ItemId) -> &'a [Listed] {
        self.note(Input::Around(id));
        let library = &self.site.library;
        let members = library.taxonomies.members(lang, key);
        let at = library.position(members, id).unwrap_or_else(|at| {
            // Not a member (a plain page with topics): the library tells the surroundings of
            // members only, so this reads the whole collection.
            self.note(Input::Collection(lang.to_string(), key.clone()));
            at
        });
        crate::library::around(members, at)
    }

    /// Whether a collection has a page in a language.
    pub fn has_collection(&self, lang: &str, key: &CollectionKey) -> bool {
        self.note(Input::CollectionHead(lang.to_string(), key.clone()));
        !self.site.library.taxonomies.members(lang, key).is_empty()
    }

    /// A topic's name in a language.
    pub fn topic_name(&self, slug: &str, lang: &str) -> String {
        self.note(Input::CollectionHead(
            lang.to_string(),
            CollectionKey::Topic(slug.to_string()),
        ));
        self.site.library.taxonomies.topics.name(slug, lang)
    }

    /// Every collection of a language with its size, in key order.
    pub fn collections(&self, lang: &str) -> impl Iterator<Item = (&'a CollectionKey, usize)> {
        self.note(Input::Collections(lang.to_string()));
        self.site
            .library
            .taxonomies
            .members
            .get(lang)
            .into_iter()
            .flat_map(|m| m.iter().map(|(k, v)| (k, v.len())))
    }

    /// Every topic slug with the term editors wrote.
    pub fn topic_terms(&self, lang: &str) -> &'a std::collections::BTreeMap<String, String> {
        self.note(Input::Collections(lang.to_string()));
        &self.site.library.taxonomies.topics.terms
    }

    pub fn group(&self, group: usize) -> &'a [ItemId] {
        self.note(Input::Group(group));
        &self.site.library.groups[group]
    }

    /// The item's translation in `lang`, if there is one.
    pub fn translation(&self, id: ItemId, lang: &str) -> Option<ItemId> {
        let item = &self.site.library.items[id];
        self.group(item.group)
            .iter()
            .copied()
            .find(|&t| self.site.library.items[t].lang() == lang)
    }

    /// The group's original (see `Library::original`).
    pub fn original(&self, group: usize) -> &'a Item {
        let members = self.group(group);
        self.site.library.original(&self.site.config, members)
    }

    /// The same page in every language it exists in (see `Library::versions`).
    pub fn versions(&self, output: &Output) -> Vec<(String, String)> {
        match output {
            Output::Item(id) => {
                self.group(self.site.library.items[*id].group);
            }
            // Which languages have the collection: not its members or their order.
            Output::Collection { key, page: 1, .. } => {
                for l in &self.site.config.languages {
                    self.note(Input::CollectionHead(l.code.clone(), key.clone()));
                }
            }
            _ => {}
        }
        self.site.library.versions(output, &self.site.config)
    }

    /// The language switcher and `hreflang` links of a page of `lang` that is `output`.
    pub fn language_links(&self, lang: &str, output: &Output) -> crate::render::LanguageLinks {
        crate::render::LanguageLinks::new(self.config(), lang, &self.versions(output))
    }

    /// The pages that part `part` of a sitemap in `parts` files lists.
    pub fn sitemap_pages(&self, part: usize, parts: usize) -> impl Iterator<Item = &'a Route> {
        self.note(Input::SitemapPart(part));
        self.site.library.sitemap_members(part, parts)
    }

    /// A page made with `template` (a read of the template and of the language's strings).
    pub fn page(
        &self,
        template: &'static str,
        lang: &str,
        page: crate::render::PageCtx,
        links: crate::render::LanguageLinks,
    ) -> crate::render::Page {
        self.note(Input::Template(template.to_string()));
        self.note(Input::Strings(lang.to_string()));
        crate::render::Page::new(template, lang, page, links, self.records())
    }

    /// The images stage, for an image an item shows (its file is read).
    pub fn image(&self, image: &crate::render::links::LocalImage) -> crate::images::Responsive {
        self.note(Input::File(image.file.clone()));
        self.site.images.responsive(image, &self.site.config)
    }
}
