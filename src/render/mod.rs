//! Rendering: tera 2 set up with the theme's templates, and one function per kind of output
//! (item pages, listings, home pages, 404; feeds and sitemap in `xml`).

pub mod collection;
pub mod context;
pub mod facts;
pub mod feed;
pub mod item;
pub mod links;
pub mod listing;
pub mod outputs;
pub mod print;
pub mod read_aloud;
pub mod search_page;
pub mod share_page;
pub mod taxonomy;
pub mod view;
pub mod xml;

use crate::config::Config;
use crate::content::Kind;
use crate::diagnostic::Diagnostic;
use crate::i18n::I18n;
use crate::t;
use crate::theme::ThemeFiles;
use context::ItemCtx;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use tera::{Context, Tera, Value};

#[derive(Serialize)]
struct LanguageLink {
    code: String,
    name: String,
    home_url: String,
}

#[derive(Serialize)]
struct SiteCtx {
    title: String,
    base_url: String,
    languages: Vec<LanguageLink>,
}

#[derive(Serialize)]
struct UrlsCtx {
    home: String,
    articles: String,
    models: String,
    explainers: String,
    bulletins: String,
    topics: String,
    localities: String,
    feed: String,
    stylesheet: String,
    /// The admins' share page; none when the site turns sharing off.
    share: Option<String>,
    /// The language's search page (the header's search form goes there).
    search: String,
}

/// The page being rendered, for `<title>`, canonical link and description.
#[derive(Serialize, Debug)]
pub struct PageCtx {
    pub title: String,
    pub url: String,
    pub permalink: String,
    pub description: String,
    /// The page's own image for link previews (absolute URL), when it has one.
    #[serde(skip)]
    pub image: Option<context::ImageCtx>,
    /// The item's own video (front matter `video:`), for link previews.
    #[serde(skip)]
    pub video: Option<crate::video::Video>,
    /// An item's own page (Open Graph type `article`), else a listing or index (`website`).
    #[serde(skip)]
    pub is_item: bool,
}

/// Link-preview data (Open Graph, Twitter cards) for the page being rendered.
#[derive(Serialize)]
struct OpenGraphCtx<'a> {
    /// `article` for items, `website` for everything else.
    kind: &'static str,
    locale: String,
    locale_alternates: Vec<String>,
    image: &'a context::ImageCtx,
    /// The item's video: its player's address as YouTube and Facebook give it to link
    /// previews (`og:video`, type text/html), and the video's own address.
    video: Option<OpenGraphVideo>,
}

#[derive(Serialize)]
struct OpenGraphVideo {
    url: String,
    address: String,
}

/// `vi` → `vi_VN`: the form Open Graph expects; other codes as they are (`hmn`).
fn og_locale(code: &str) -> String {
    match code {
        "vi" => "vi_VN".into(),
        "en" => "en_US".into(),
        "fr" => "fr_FR".into(),
        other => other.replace('-', "_"),
    }
}

impl PageCtx {
    /// The page at a site-relative route, described by its title.
    pub fn at(config: &Config, route: &str, title: String) -> PageCtx {
        PageCtx {
            url: config.url_path(route),
            permalink: config.permalink(route),
            description: title.clone(),
            title,
            image: None,
            video: None,
            is_item: false,
        }
    }
}

#[derive(Serialize, Debug)]
pub struct TranslationCtx {
    pub code: String,
    pub name: String,
    pub url: String,
}

/// One `<link rel="alternate" hreflang>`: a language version of the page, or `x-default`.
#[derive(Serialize, Debug)]
pub struct AlternateCtx {
    pub hreflang: String,
    pub href: String,
}

/// How a page links to itself in other languages.
#[derive(Default, Debug, Serialize)]
pub struct LanguageLinks {
    /// The other languages the page exists in (the language switcher).
    pub translations: Vec<TranslationCtx>,
    /// Every language version, the page included, plus `x-default` (absolute URLs).
    pub alternates: Vec<AlternateCtx>,
}

impl LanguageLinks {
    /// From the page's versions (language, route), the page itself included.
    pub fn new(config: &Config, lang: &str, versions: &[(String, String)]) -> LanguageLinks {
        let translations = versions
            .iter()
            .filter(|(code, _)| code != lang)
            .map(|(code, route)| TranslationCtx {
                code: code.clone(),
                name: config
                    .language(code)
                    .map_or_else(|| code.clone(), |l| l.name.clone()),
                url: config.url_path(route),
            })
            .collect::<Vec<_>>();
        if translations.is_empty() {
            return LanguageLinks::default();
        }
        LanguageLinks {
            translations,
            alternates: alternates(config, versions),
        }
    }
}

/// The `hreflang` alternates of a page that has other versions: each version, then
/// x-default (the default language's version, else the first in site.yaml order).
pub fn alternates(config: &Config, versions: &[(String, String)]) -> Vec<AlternateCtx> {
    let mut alternates: Vec<AlternateCtx> = versions
        .iter()
        .map(|(code, route)| AlternateCtx {
            hreflang: code.clone(),
            href: config.permalink(route),
        })
        .collect();
    let default = versions
        .iter()
        .find(|(code, _)| config.is_default_language(code))
        .or(versions.first());
    if let Some((_, route)) = default {
        alternates.push(AlternateCtx {
            hreflang: "x-default".into(),
            href: config.permalink(route),
        });
    }
    alternates
}

#[derive(Serialize)]
pub struct PaginatorCtx {
    current: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    label: String,
}

/// Pagination of a list: `url_of(n)` is the URL of page `n`.
pub fn paginator(
    i18n: &I18n,
    lang: &str,
    page: usize,
    pages: usize,
    url_of: impl Fn(usize) -> String,
) -> PaginatorCtx {
    PaginatorCtx {
        current: page,
        total: pages,
        prev_url: (page > 1).then(|| url_of(page - 1)),
        next_url: (page < pages).then(|| url_of(page + 1)),
        label: i18n
            .get(lang, "page_n_of_m")
            .replace("{current}", &page.to_string())
            .replace("{total}", &pages.to_string()),
    }
}

/// Per-language values every template receives, converted to tera values once.
struct LanguageGlobals {
    site: Value,
    t: Value,
    urls: Value,
}

pub struct Renderer {
    tera: Tera,
    /// The site's link-preview image (`og-image.png` of the theme or the site's static/).
    default_image: context::ImageCtx,
    /// Template name -> the file it came from, for error messages.
    template_files: BTreeMap<String, PathBuf>,
    globals: BTreeMap<String, LanguageGlobals>,
    /// Template name -> a fingerprint of its text and of every template it uses.
    template_digests: BTreeMap<String, u64>,
    /// Template name -> the UI string keys it and the templates it uses show (`t.key`).
    template_strings: BTreeMap<String, BTreeSet<String>>,
}

/// The UI string keys a template's text shows: `t.key`.
fn string_keys(text: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices("t.") {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
            continue;
        }
        let key: String = text[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !key.is_empty() {
            keys.insert(key);
        }
    }
    keys
}

/// The full text of a tera error: tera keeps the useful part (the template, line and cause)
/// in nested sources, each on a line of its own.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        let s_text = s.to_string();
        if !text.contains(&s_text) {
            text.push('\n');
            text.push_str(&t!("build-caused-by", cause = s_text));
        }
        source = s.source();
    }
    text
}

impl Renderer {
    pub fn new(
        config: &Config,
        theme: &ThemeFiles,
        i18n: &I18n,
    ) -> Result<Renderer, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(crate::text::escape_html_to);
        // Functions first: tera checks that the templates call only known ones.
        register_asset_url(&mut tera, config, theme);
        crate::template_budget::register(&mut tera);
        let template_files: BTreeMap<String, PathBuf> = theme
            .templates
            .iter()
            .map(|(n, (_, p))| (n.clone(), p.clone()))
            .collect();
        if let Err(e) = tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(name, (text, _))| (name.as_str(), text.as_str())),
        ) {
            return Err(vec![
                crate::theme::cycle_diagnostic(&theme.templates, &e)
                    .unwrap_or_else(|| template_diagnostic(&template_files, &e, "")),
            ]);
        }
        let mut missing = Vec::new();
        for name in [
            "home.html",
            "list.html",
            "article.html",
            "model.html",
            "explainer.html",
            "bulletin.html",
            "page.html",
            "404.html",
        ] {
            if !tera.contains_template(name) {
                missing.push(Diagnostic::file(
                    format!("templates/{name}"),
                    t!("build-template-not-found"),
                ));
            }
        }
        if !missing.is_empty() {
            return Err(missing);
        }
        let mut globals = BTreeMap::new();
        let languages: Vec<LanguageLink> = config
            .languages
            .iter()
            .map(|l| LanguageLink {
                code: l.code.clone(),
                name: l.name.clone(),
                home_url: config.url_path(&config.language_prefix(&l.code)),
            })
            .collect();
        for lang in &config.languages {
            let prefix = config.language_prefix(&lang.code);
            let site = SiteCtx {
                title: lang.title.clone(),
                base_url: config.base_url.clone(),
                languages: languages
                    .iter()
                    .map(|l| LanguageLink {
                        code: l.code.clone(),
                        name: l.name.clone(),
                        home_url: l.home_url.clone(),
                    })
                    .collect(),
            };
            let section =
                |k: Kind| config.url_path(&crate::urls::listing(config, &lang.code, k, 1));
            let urls = UrlsCtx {
                home: config.url_path(&prefix),
                articles: section(Kind::Article),
                models: section(Kind::Model),
                explainers: section(Kind::Explainer),
                bulletins: section(Kind::Bulletin),
                topics: config.url_path(&format!("{prefix}topics/")),
                localities: config.url_path(&format!("{prefix}localities/")),
                feed: config.url_path(&format!("{prefix}atom.xml")),
                stylesheet: config.url_path(theme.published_name("style.css")),
                share: config
                    .share
                    .then(|| config.url_path(&format!("{prefix}share/"))),
                search: config.url_path(&crate::urls::search(config, &lang.code)),
            };
            globals.insert(
                lang.code.clone(),
                LanguageGlobals {
                    site: Value::from_serializable(&site),
                    t: Value::from_serializable(&i18n.map(&lang.code)),
                    urls: Value::from_serializable(&urls),
                },
            );
        }
        let (width, height) = match theme.statics.get("og-image.png").map(|(source, _)| source) {
            Some(crate::library::FileSource::Embedded(bytes)) => imagesize::blob_size(bytes)
                .map_or((None, None), |s| {
                    (u32::try_from(s.width).ok(), u32::try_from(s.height).ok())
                }),
            Some(crate::library::FileSource::Disk(path)) => links::image_size(path),
            None => (None, None),
        };
        let default_image = context::ImageCtx::plain(
            config.permalink("og-image.png"),
            config.title.clone(),
            width,
            height,
        );
        let closures = crate::theme::template_closures(&theme.templates);
        let mut template_digests = BTreeMap::new();
        let mut template_strings = BTreeMap::new();
        for (name, uses) in &closures {
            let mut f = crate::hash::Fingerprint::default();
            let mut keys = BTreeSet::new();
            for used in uses {
                if let Some((text, _)) = theme.templates.get(used) {
                    f.add(&(used, text));
                    keys.extend(string_keys(text));
                }
            }
            template_digests.insert(name.clone(), f.finish());
            template_strings.insert(name.clone(), keys);
        }
        Ok(Renderer {
            tera,
            default_image,
            template_files,
            globals,
            template_digests,
            template_strings,
        })
    }

    fn context(&self, lang: &str, page: &PageCtx, links: &LanguageLinks) -> Context {
        let mut ctx = Context::new();
        ctx.insert("lang", lang);
        if let Some(g) = self.globals.get(lang) {
            ctx.insert_value("site", g.site.clone());
            ctx.insert_value("t", g.t.clone());
            ctx.insert_value("urls", g.urls.clone());
        }
        ctx.insert("page", page);
        ctx.insert("translations", &links.translations);
        ctx.insert("alternates", &links.alternates);
        let og = OpenGraphCtx {
            kind: if page.is_item { "article" } else { "website" },
            locale: og_locale(lang),
            locale_alternates: links
                .translations
                .iter()
                .map(|t| og_locale(&t.code))
                .collect(),
            image: page.image.as_ref().unwrap_or(&self.default_image),
            video: page.video.as_ref().map(|v| OpenGraphVideo {
                url: v.preview_player(),
                address: v.address.clone(),
            }),
        };
        ctx.insert("og", &og);
        ctx
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders straight into bytes: the page goes to disk as is, with no UTF-8 re-check.
    fn render(&self, template: &str, ctx: &Context) -> Result<Vec<u8>, Diagnostic> {
        crate::template_budget::start_page();
        let mut out = crate::template_budget::PageWriter::new();
        if let Err(e) = self.tera.render_to(template, ctx, &mut out) {
            let mut d = template_diagnostic(&self.template_files, &e, template);
            if out.too_large {
                d.message = crate::template_budget::PageWriter::too_large_message();
            }
            return Err(d);
        }
        Ok(out.bytes)
    }

    /// Renders a prepared page.
    pub fn render_page(&self, page: &Page) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = self.context(&page.lang, &page.page, &page.links);
        for (key, value) in &page.values {
            ctx.insert_value(*key, value.clone());
        }
        if let Some(item) = &page.item {
            ctx.insert("item", item.as_ref());
        }
        self.render(page.template, &ctx)
    }

    /// Adds to `f` what a page's rendering reads beyond its own values: its template with
    /// everything that template uses, and the UI strings those templates show.
    pub fn add_template_reads(
        &self,
        f: &mut crate::hash::Fingerprint,
        template: &str,
        lang: &str,
        i18n: &I18n,
    ) {
        f.add(&template);
        f.add(&self.template_digests.get(template));
        match self.template_strings.get(template) {
            Some(keys) => {
                for key in keys {
                    f.add(&(key, i18n.get(lang, key)));
                }
            }
            None => f.add(&i18n.map(lang)),
        }
    }
}

/// A page to render with a template: what it receives, made before rendering (watch mode
/// fingerprints it to know whether the page changed, without rendering it).
#[derive(Debug)]
pub struct Page {
    pub template: &'static str,
    pub lang: String,
    pub page: PageCtx,
    pub links: LanguageLinks,
    /// Other values, by the name templates know them by (docs/templates.md).
    pub values: Vec<(&'static str, Value)>,
    /// An item page's `item`, whose `content` (the body's HTML) is put in when rendering.
    pub item: Option<Box<ItemCtx>>,
    /// A fingerprint of that body (see `ItemFacts::body`).
    pub body: u64,
    /// A fingerprint of the values as they were given (watch mode only): tera's own values
    /// keep maps in no fixed order.
    pub digest: Option<crate::hash::Fingerprint>,
}

impl Page {
    /// A page of `template` in `lang` with no values yet; `fingerprinted` when watch mode
    /// needs to know whether it changed.
    pub fn new(
        template: &'static str,
        lang: &str,
        page: PageCtx,
        links: LanguageLinks,
        fingerprinted: bool,
    ) -> Page {
        Page {
            template,
            lang: lang.to_string(),
            page,
            links,
            values: Vec::new(),
            item: None,
            body: 0,
            digest: fingerprinted.then(crate::hash::Fingerprint::default),
        }
    }

    /// Adds a value the template receives, made already, with its fingerprint.
    pub fn set_value(&mut self, key: &'static str, (value, digest): (Value, u64)) {
        if let Some(d) = self.digest.as_mut() {
            d.add(&key);
            d.add_hashed(&digest);
        }
        self.values.push((key, value));
    }

    /// Adds a value the template receives.
    pub fn set(&mut self, key: &'static str, value: &impl Serialize) {
        if let Some(d) = self.digest.as_mut() {
            d.add(&key);
            d.add(value);
        }
        self.values.push((key, Value::from_serializable(value)));
    }
}

/// `asset_url(path="style.css")`: the URL of a static file of the theme or the site, under its
/// fingerprinted name when it has one (`/dan-van/style.3f2a9c1d.css`). A path that is not a
/// static file is a template error, so that a typo does not publish a broken link.
fn register_asset_url(tera: &mut Tera, config: &Config, theme: &ThemeFiles) {
    let published: BTreeMap<String, String> = theme
        .statics
        .keys()
        .map(|name| (name.clone(), config.url_path(theme.published_name(name))))
        .collect();
    tera.register_function(
        "asset_url",
        move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            published
                .get(path.trim_start_matches('/'))
                .cloned()
                .ok_or_else(|| tera::Error::message(t!("build-asset-url-unknown", path = &path)))
        },
    );
}

/// A tera error as a diagnostic at the template file, line and column it names (`template` is
/// the one being rendered, used when tera names none).
fn template_diagnostic(
    files: &BTreeMap<String, PathBuf>,
    err: &tera::Error,
    template: &str,
) -> Diagnostic {
    let chain = error_chain(err);
    let text = chain.strip_prefix("error: ").unwrap_or(&chain);
    // tera's report names the template as ` --> name:line:col`.
    let located = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("--> "))
        .and_then(|loc| {
            let mut parts = loc.rsplitn(3, ':');
            let column = parts.next()?.parse::<usize>().ok()?;
            let line = parts.next()?.parse::<usize>().ok()?;
            Some((parts.next()?.to_string(), line, column))
        });
    match located {
        Some((name, line, column)) => {
            let path = files
                .get(&name)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")));
            Diagnostic::new(path, line, column, t!("build-template-error", error = text))
        }
        None => {
            let path = files
                .get(template)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(format!("templates/{template}")));
            Diagnostic::file(path, t!("build-template-error", error = text))
        }
    }
}
