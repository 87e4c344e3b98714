//! The URL scheme: the route of every page bantin makes, in one place. A route is a path
//! below the site's root without the base path (`articles/x/`, `en/topics/dan-van-kheo/`,
//! `atom.xml`); `Config::url_path` and `Config::permalink` put the base URL in front. The
//! default language lives at the root, every other language under `<code>/`.

use crate::config::Config;
use crate::content::Kind;
use crate::messages::Text;
use crate::t;

/// The most bytes a file or folder name may have (ext4, APFS, NTFS: 255).
pub const MAX_SEGMENT_BYTES: usize = 255;

/// A problem with a `/`-separated path whose part is too long to be a file or folder name
/// of the output, in the words of an editor.
pub fn long_segment(path: &str) -> Option<Text> {
    let part = path.split('/').find(|p| p.len() > MAX_SEGMENT_BYTES)?;
    let shown: String = part.chars().take(20).collect();
    Some(t!(
        "content-long-url-part",
        part = shown,
        bytes = part.len(),
        most = MAX_SEGMENT_BYTES
    ))
}

/// The output file of a route that ends with `/`.
pub fn index_file(route: &str) -> String {
    format!("{route}index.html")
}

/// `page/<n>/` after a paginated route's first page (`articles/page/2/`).
pub fn paged(first: &str, page: usize) -> String {
    if page <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{page}/")
    }
}

/// The home page of a language: `` or `en/`.
pub fn home(config: &Config, lang: &str) -> String {
    config.language_prefix(lang)
}

/// An item's page: `articles/<slug>/`, `en/models/<slug>/`, `<slug>/` for plain pages.
pub fn item(config: &Config, lang: &str, kind: Kind, slug: &str) -> String {
    let prefix = config.language_prefix(lang);
    match kind {
        Kind::Page => format!("{prefix}{slug}/"),
        k => format!("{prefix}{}/{slug}/", k.section()),
    }
}

/// A bulletin's print edition, below the bulletin's own route.
pub fn print(bulletin_route: &str) -> String {
    format!("{bulletin_route}print/")
}

/// A bulletin's edition to read aloud on the loudspeakers, below the bulletin's own route.
pub fn read_aloud(bulletin_route: &str) -> String {
    format!("{bulletin_route}read-aloud/")
}

/// The same script as a plain-text file, named after the bulletin so that a download keeps
/// a name that says what it is: `bulletins/so-1/read-aloud/so-1.txt`.
pub fn read_aloud_text(bulletin_route: &str) -> String {
    let slug = bulletin_route
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("bulletin");
    format!("{}{slug}.txt", read_aloud(bulletin_route))
}

/// A page of a kind's listing: `articles/`, `en/articles/page/2/`.
pub fn listing(config: &Config, lang: &str, kind: Kind, page: usize) -> String {
    paged(
        &format!("{}{}/", config.language_prefix(lang), kind.section()),
        page,
    )
}

/// The Atom feed of a language: `atom.xml`, `en/atom.xml`.
pub fn feed(config: &Config, lang: &str) -> String {
    format!("{}atom.xml", config.language_prefix(lang))
}

/// The search page of a language; its index files sit beside it.
pub fn search(config: &Config, lang: &str) -> String {
    format!("{}search/", config.language_prefix(lang))
}

/// The page of every topic.
pub fn topics(config: &Config, lang: &str) -> String {
    format!("{}topics/", config.language_prefix(lang))
}

/// The tree of provinces and communes.
pub fn localities(config: &Config, lang: &str) -> String {
    format!("{}localities/", config.language_prefix(lang))
}

/// A locality's page (`localities/ninh-binh/hoa-lu/`), also the address of a former unit.
pub fn locality(config: &Config, lang: &str, id: &str) -> String {
    format!("{}{id}/", localities(config, lang))
}

/// A topic's page.
pub fn topic(config: &Config, lang: &str, slug: &str) -> String {
    format!("{}{slug}/", topics(config, lang))
}

/// The model directory's page of an area, a year or a province.
pub fn model_directory(config: &Config, lang: &str, facet: &str, value: &str) -> String {
    format!(
        "{}{}/{facet}/{value}/",
        config.language_prefix(lang),
        Kind::Model.section()
    )
}

/// The admins' share page.
pub fn share_page(config: &Config, lang: &str) -> String {
    format!("{}share/", config.language_prefix(lang))
}

/// The share page's posts for tools.
pub fn share_json(config: &Config, lang: &str) -> String {
    format!("{}share.json", config.language_prefix(lang))
}

pub const SITEMAP: &str = "sitemap.xml";
/// A sitemap file lists about this many pages at most: a larger site's `sitemap.xml` is a
/// sitemap index of several files (the protocol allows 50,000 per file; smaller files are
/// what an edit makes again).
pub const SITEMAP_PAGES: usize = 2_000;

/// How many sitemap files `pages` pages are listed in (1: `sitemap.xml` itself).
pub fn sitemap_parts(pages: usize) -> usize {
    pages.div_ceil(SITEMAP_PAGES).max(1)
}

/// The sitemap file of part `part` (from 0) of a sitemap index.
pub fn sitemap_part(part: usize) -> String {
    format!("sitemaps/{}.xml", part + 1)
}

/// The part of the sitemap that lists the page in `file`: by a hash of its path, so that a
/// page stays in its file when others come and go.
pub fn sitemap_part_of(file: &str, parts: usize) -> usize {
    crate::hash::bucket(file, parts)
}
pub const NOT_FOUND: &str = "404.html";
