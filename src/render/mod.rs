//! Rendering: tera 2 set up with the theme's templates, and one function per kind of output
//! (item pages, listings, home pages, 404; feeds and sitemap in `xml`).

pub mod context;
pub mod links;
pub mod print;
pub mod taxonomy;
pub mod xml;

use crate::config::Config;
use crate::content::Kind;
use crate::diagnostic::Diagnostic;
use crate::i18n::I18n;
use crate::library::listing_route;
use crate::theme::ThemeFiles;
use context::{ItemCtx, SummaryCtx};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
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
#[derive(Serialize)]
pub struct PageCtx {
    pub title: String,
    pub url: String,
    pub permalink: String,
    pub description: String,
    /// The page's own image for link previews (absolute URL), when it has one.
    #[serde(skip)]
    pub image: Option<context::ImageCtx>,
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
            is_item: false,
        }
    }
}

#[derive(Serialize)]
pub struct TranslationCtx {
    pub code: String,
    pub name: String,
    pub url: String,
}

/// One `<link rel="alternate" hreflang>`: a language version of the page, or `x-default`.
#[derive(Serialize)]
pub struct AlternateCtx {
    pub hreflang: String,
    pub href: String,
}

/// How a page links to itself in other languages.
#[derive(Default)]
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
        let mut alternates: Vec<AlternateCtx> = versions
            .iter()
            .map(|(code, route)| AlternateCtx {
                hreflang: code.clone(),
                href: config.permalink(route),
            })
            .collect();
        // x-default: the default language's version, else the first in site.yaml order.
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
        LanguageLinks {
            translations,
            alternates,
        }
    }
}

#[derive(Serialize)]
struct ListingCtx {
    kind: &'static str,
    title: String,
    url: String,
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
}

/// The full text of a tera error: tera keeps the useful part (the template, line and cause)
/// in nested sources.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        let s_text = s.to_string();
        if !text.contains(&s_text) {
            text.push_str(&format!("\ncaused by: {s_text}"));
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
        // Functions first: tera checks that the templates call only known ones.
        register_asset_url(&mut tera, config, theme);
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
            return Err(vec![template_diagnostic(&template_files, &e, "")]);
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
                missing.push(Diagnostic::file(format!("templates/{name}"), "template not found in the theme or in the site's templates/; expected this file"));
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
            let section = |k: Kind| config.url_path(&listing_route(config, &lang.code, k, 1));
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
                search: config.url_path(&crate::search::search_route(config, &lang.code)),
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
        Ok(Renderer {
            tera,
            default_image,
            template_files,
            globals,
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
        };
        ctx.insert("og", &og);
        ctx
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders straight into bytes: the page goes to disk as is, with no UTF-8 re-check.
    fn render(&self, template: &str, ctx: &Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, ctx, &mut out)
            .map_err(|e| template_diagnostic(&self.template_files, &e, template))?;
        Ok(out)
    }

    pub fn render_item(
        &self,
        item: &ItemCtx,
        page: &PageCtx,
        links: &LanguageLinks,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = self.context(&item.lang, page, links);
        ctx.insert("item", item);
        self.render(&format!("{}.html", item.kind), &ctx)
    }

    #[allow(clippy::too_many_arguments)]
    /// A page of a kind listing. The first page of the model listing is the model directory
    /// (`models.html`, with `directory`) when the theme has that template.
    #[allow(clippy::too_many_arguments)]
    pub fn render_listing(
        &self,
        config: &Config,
        i18n: &I18n,
        lang: &str,
        kind: Kind,
        page_no: usize,
        pages: usize,
        items: &[Cow<SummaryCtx>],
        links: &LanguageLinks,
        directory: Option<&taxonomy::DirectoryCtx>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let title = i18n
            .get(lang, &format!("list_{}", kind.singular()))
            .to_string();
        let route = listing_route(config, lang, kind, page_no);
        let url_of = |n: usize| config.url_path(&listing_route(config, lang, kind, n));
        let paginator = paginator(i18n, lang, page_no, pages, url_of);
        let page = PageCtx {
            title: if page_no > 1 {
                format!("{title} – {}", paginator.label)
            } else {
                title.clone()
            },
            url: config.url_path(&route),
            permalink: config.permalink(&route),
            description: title.clone(),
            image: None,
            is_item: false,
        };
        let mut ctx = self.context(lang, &page, links);
        ctx.insert(
            "listing",
            &ListingCtx {
                kind: kind.singular(),
                title,
                url: url_of(1),
            },
        );
        ctx.insert("items", items);
        ctx.insert("paginator", &paginator);
        match directory {
            Some(directory) if self.tera.contains_template("models.html") => {
                ctx.insert("directory", directory);
                self.render("models.html", &ctx)
            }
            _ => self.render("list.html", &ctx),
        }
    }

    pub fn render_home(
        &self,
        config: &Config,
        lang: &str,
        latest: &BTreeMap<&'static str, Vec<Cow<SummaryCtx>>>,
        links: &LanguageLinks,
    ) -> Result<Vec<u8>, Diagnostic> {
        let prefix = config.language_prefix(lang);
        let title = config
            .language(lang)
            .map_or(config.title.clone(), |l| l.title.clone());
        let page = PageCtx::at(config, &prefix, title);
        let mut ctx = self.context(lang, &page, links);
        ctx.insert("latest", latest);
        self.render("home.html", &ctx)
    }

    /// The admins' share page: the latest items' posts, one under another.
    pub fn render_share_page(
        &self,
        config: &Config,
        i18n: &I18n,
        lang: &str,
        entries: &[context::ShareEntryCtx],
        links: &LanguageLinks,
    ) -> Result<Vec<u8>, Diagnostic> {
        let route = format!("{}share/", config.language_prefix(lang));
        let page = PageCtx::at(
            config,
            &route,
            i18n.get(lang, "share_page_title").to_string(),
        );
        let mut ctx = self.context(lang, &page, links);
        ctx.insert("entries", entries);
        ctx.insert(
            "json_url",
            &config.url_path(&format!("{}share.json", config.language_prefix(lang))),
        );
        self.render("share.html", &ctx)
    }

    /// A language's search page. `kinds` are the kinds its index holds, for the filter.
    pub fn render_search(
        &self,
        config: &Config,
        i18n: &I18n,
        lang: &str,
        kinds: &[Kind],
        links: &LanguageLinks,
    ) -> Result<Vec<u8>, Diagnostic> {
        let route = crate::search::search_route(config, lang);
        let page = PageCtx::at(config, &route, i18n.get(lang, "search_title").to_string());
        let mut ctx = self.context(lang, &page, links);
        ctx.insert("search", &search_ctx(config, i18n, lang, kinds, &route));
        self.render("search.html", &ctx)
    }

    pub fn render_not_found(&self, config: &Config, i18n: &I18n) -> Result<Vec<u8>, Diagnostic> {
        let lang = config.default_language.as_str();
        let page = PageCtx::at(
            config,
            "404.html",
            i18n.get(lang, "not_found_title").to_string(),
        );
        let ctx = self.context(lang, &page, &LanguageLinks::default());
        self.render("404.html", &ctx)
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
                .ok_or_else(|| {
                    tera::Error::message(format!(
                        "asset_url: `{path}` is not a file in the theme's or the site's static/ folder"
                    ))
                })
        },
    );
}

/// What the search page receives as `search` (docs/templates.md).
#[derive(Serialize)]
struct SearchCtx {
    /// The theme's `search.js`, relative to the page (so that it loads from disk too).
    script_url: String,
    /// `{kind, name}` of every kind the index holds, for the kind filter.
    kinds: Vec<KindCtx>,
    /// The settings and UI strings of `search.js`, as JSON (safe inside
    /// `<script type="application/json">`).
    config: String,
}

#[derive(Serialize)]
struct KindCtx {
    kind: &'static str,
    name: String,
}

fn search_ctx(config: &Config, i18n: &I18n, lang: &str, kinds: &[Kind], route: &str) -> SearchCtx {
    // The page's folder is `route`: one `../` per segment leads back to the site's root.
    let to_root = "../".repeat(route.matches('/').count());
    let kind_names: serde_json::Map<String, serde_json::Value> = Kind::ALL
        .iter()
        .map(|k| {
            (
                crate::search::kind_letter(*k).to_string(),
                serde_json::Value::from(i18n.get(lang, &format!("kind_{}", k.singular()))),
            )
        })
        .collect();
    let strings: serde_json::Map<String, serde_json::Value> = [
        "search_results",
        "search_none",
        "search_loading",
        "search_error",
        "search_short",
        "translation_missing",
    ]
    .iter()
    .map(|key| {
        (
            key.trim_start_matches("search_").to_string(),
            serde_json::Value::from(i18n.get(lang, key)),
        )
    })
    .collect();
    let languages: serde_json::Map<String, serde_json::Value> = config
        .languages
        .iter()
        .map(|l| (l.code.clone(), serde_json::Value::from(l.name.clone())))
        .collect();
    let json = serde_json::json!({
        "lang": lang,
        // The index files sit beside the page.
        "index": "./",
        "kinds": kind_names,
        "strings": strings,
        "languages": languages,
    });
    SearchCtx {
        script_url: format!("{to_root}search.js"),
        kinds: kinds
            .iter()
            .map(|k| KindCtx {
                kind: k.singular(),
                name: i18n
                    .get(lang, &format!("list_{}", k.singular()))
                    .to_string(),
            })
            .collect(),
        // `<` escaped: the text can never close its script element.
        config: json.to_string().replace('<', "\\u003c"),
    }
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
            Diagnostic::new(path, line, column, format!("template error: {text}"))
        }
        None => {
            let path = files
                .get(template)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(format!("templates/{template}")));
            Diagnostic::file(path, format!("template error: {text}"))
        }
    }
}
