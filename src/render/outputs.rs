//! One function per kind of output, chosen by the route table: each output is first
//! *prepared* (the data it shows, read through the [`View`]) and then written (rendered with
//! its template, or written as it is). Watch mode fingerprints the prepared data to tell
//! whether an output changed without rendering it.

use crate::library::{FileSource, ItemId, Output, Route};
use crate::render::facts::ItemFacts;
use crate::render::view::{Input, View};
use crate::render::{
    LanguageLinks, Page, PageCtx, collection, feed, item, listing, print, read_aloud, search_page,
    share_page,
};
use crate::write::Sink;

/// An output, prepared.
pub enum Made {
    /// A page made with a template.
    Page(Box<Page>),
    /// A file written as it is (feed, sitemap, JSON, redirect).
    Bytes(Vec<u8>),
    /// A language's search index: its documents (its files are made when it is written).
    Index(search_page::IndexDocs),
    Copy(FileSource),
    /// Nothing: the theme has no template for this output (print editions, search).
    Nothing,
}

/// Why an output could not be written.
pub enum Failure {
    Template(crate::diagnostic::Diagnostic),
    Io(crate::write::WriteError),
}

/// Prepares the output of a route. An item's page needs its facts (`own`, when they are not
/// in the view yet).
pub fn prepare(view: &View, route: &Route, own: Option<&ItemFacts>) -> Made {
    let renderer = &view.site.renderer;
    match &route.output {
        Output::Item(id) => {
            item::prepare(view, *id, own).map_or(Made::Nothing, |p| Made::Page(Box::new(p)))
        }
        Output::Home { lang } => Made::Page(Box::new(listing::home(view, lang))),
        Output::Listing {
            kind,
            lang,
            page,
            pages,
        } => Made::Page(Box::new(listing::prepare(
            view,
            &route.output,
            lang,
            *kind,
            *page,
            *pages,
        ))),
        Output::Feed { lang } => Made::Bytes(feed::feed(view, lang)),
        Output::Sitemap { parts } => Made::Bytes(feed::site_map(view, *parts)),
        Output::SitemapPart { part, parts } => {
            Made::Bytes(feed::site_map_part(view, *part, *parts))
        }
        Output::NotFound => Made::Page(Box::new(not_found(view))),
        Output::Copy(source) => {
            if let FileSource::Disk(path) = source {
                view.note(Input::File(path.clone()));
            }
            Made::Copy(source.clone())
        }
        Output::Redirect {
            route: to,
            lang,
            title,
        } => {
            let config = view.config();
            Made::Bytes(
                redirect_page(lang, &config.url_path(to), &config.permalink(to), title)
                    .into_bytes(),
            )
        }
        Output::TopicIndex { lang } => Made::Page(Box::new(collection::topic_index(view, lang))),
        Output::LocalityIndex { lang } => {
            Made::Page(Box::new(collection::locality_index(view, lang)))
        }
        Output::BulletinPrint(id) if renderer.has_template("print.html") => {
            Made::Page(Box::new(print::prepare(view, *id)))
        }
        Output::BulletinReadAloud(id) if renderer.has_template("read_aloud.html") => {
            Made::Page(Box::new(read_aloud::page(view, *id)))
        }
        Output::BulletinReadAloudText(id) => Made::Bytes(read_aloud::text(view, *id)),
        Output::SharePage { lang } => Made::Page(Box::new(share_page::page(view, lang))),
        Output::ShareJson { lang } => match share_page::json(view, lang) {
            Ok(bytes) => Made::Bytes(bytes),
            Err(_) => Made::Nothing,
        },
        Output::Collection {
            key,
            lang,
            page,
            pages,
        } => Made::Page(Box::new(collection::prepare(
            view,
            &route.output,
            key,
            lang,
            *page,
            *pages,
        ))),
        Output::SearchPage { lang } if renderer.has_template("search.html") => {
            Made::Page(Box::new(search_page::page(view, lang)))
        }
        Output::SearchIndex { lang } if renderer.has_template("search.html") => {
            Made::Index(search_page::index(view, lang))
        }
        // A theme without a print, read-aloud or search template has no such pages.
        Output::BulletinPrint(_)
        | Output::BulletinReadAloud(_)
        | Output::SearchPage { .. }
        | Output::SearchIndex { .. } => Made::Nothing,
    }
}

/// Writes a prepared output as `file`; `html` is an item page's body. Returns how many
/// files it wrote and whether one was a page made with a template.
pub fn write(
    view: &View,
    file: &str,
    made: Made,
    html: Option<String>,
    sink: &dyn Sink,
) -> Result<usize, Failure> {
    match made {
        Made::Page(mut page) => {
            if let (Some(item), Some(html)) = (page.item.as_mut(), html) {
                item.content = html;
            }
            let bytes = view
                .site
                .renderer
                .render_page(&page)
                .map_err(Failure::Template)?;
            sink.write(file, &bytes).map_err(Failure::Io)?;
            Ok(1)
        }
        Made::Bytes(bytes) => sink.write(file, &bytes).map(|()| 1).map_err(Failure::Io),
        Made::Index(index) => {
            let files = search_page::index_files(view, &index);
            for (name, text) in &files {
                sink.write(name, text.as_bytes()).map_err(Failure::Io)?;
            }
            Ok(files.len())
        }
        Made::Copy(FileSource::Disk(path)) => {
            sink.copy(file, &path).map(|()| 1).map_err(Failure::Io)
        }
        Made::Copy(FileSource::Embedded(bytes)) => {
            sink.write(file, bytes).map(|()| 1).map_err(Failure::Io)
        }
        Made::Nothing => Ok(0),
    }
}

/// A fingerprint of everything a prepared output shows: equal fingerprints, equal bytes.
pub fn fingerprint(view: &View, made: &Made) -> u64 {
    let mut f = crate::hash::Fingerprint::default();
    match made {
        Made::Page(p) => {
            view.site
                .renderer
                .add_template_reads(&mut f, p.template, &p.lang, &view.site.i18n);
            f.add(&p.lang);
            f.add(&p.page);
            f.add(&p.page.image);
            f.add(&p.page.is_item);
            f.add(&p.links);
            f.add(&p.digest.as_ref().map(crate::hash::Fingerprint::finish));
            f.add(&p.item);
            f.add(&p.body);
        }
        Made::Bytes(bytes) => f.add_bytes(bytes),
        Made::Index(index) => search_page::index_fingerprint(view, index, &mut f),
        Made::Copy(FileSource::Disk(path)) => {
            // A copied file changes with its length or modification time.
            let stamp = std::fs::metadata(path)
                .ok()
                .map(|m| (m.len(), m.modified().ok()));
            f.add(&(path, stamp));
        }
        Made::Copy(FileSource::Embedded(bytes)) => f.add_bytes(bytes),
        Made::Nothing => {}
    }
    f.finish()
}

/// The id of the item an item page shows.
pub fn item_of(route: &Route) -> Option<ItemId> {
    match route.output {
        Output::Item(id) => Some(id),
        _ => None,
    }
}

/// The 404 page, in the default language: it answers for addresses of every language.
fn not_found(view: &View) -> Page {
    let config = view.config();
    let lang = config.default_language.as_str();
    let page = PageCtx::at(
        config,
        crate::urls::NOT_FOUND,
        view.t(lang, "not_found_title"),
    );
    view.page("404.html", lang, page, LanguageLinks::default())
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
