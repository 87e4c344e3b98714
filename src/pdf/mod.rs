//! `bantin print`: a bulletin edition to PDF, by building the site into a temporary folder,
//! serving it on loopback for a moment and driving a locally installed Chromium or Chrome in
//! headless mode. The normal build never needs a browser.

mod booklet;
mod reader;

pub use reader::destination_pages;

use crate::content::Kind;
use crate::messages::io_error;
use crate::pipeline::{BuildError, BuildOptions, load_site, write_site};
use crate::server::{Server, ServerOptions};
use crate::t;
use std::net::IpAddr;
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub struct PrintOptions {
    pub root: PathBuf,
    /// The bulletin: its file name without `.md` (`ban-tin-dan-van-so-1`) or `bulletins/<name>`.
    pub bulletin: String,
    pub lang: Option<String>,
    pub output: Option<PathBuf>,
    pub browser: Option<PathBuf>,
    pub drafts: bool,
    /// An A5 booklet imposed on A4 sheets instead of A4 pages.
    pub booklet: bool,
}

/// A printed edition: the PDF, and for a booklet its size.
pub struct Printed {
    pub path: PathBuf,
    pub booklet: Option<BookletSize>,
}

/// How large a booklet came out.
pub struct BookletSize {
    /// A5 pages printed (blank ones not counted).
    pub pages: usize,
    /// A4 sheets to print on both sides.
    pub sheets: usize,
}

/// Browsers tried on PATH, in order.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

fn find_browser(given: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = given {
        return path.is_file().then(|| path.to_path_buf());
    }
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .flat_map(|dir| BROWSERS.iter().map(move |b| dir.join(b)))
        .find(|p| p.is_file())
}

/// Writes the PDF and returns its path.
pub fn print_bulletin(options: &PrintOptions) -> Result<Printed, BuildError> {
    let reference = options
        .bulletin
        .trim_end_matches(".md")
        .trim_start_matches("bulletins/")
        .to_string();
    let Some(browser) = find_browser(options.browser.as_deref()) else {
        let message = match &options.browser {
            Some(path) => t!(
                "build-print-no-browser-at",
                path = path,
                bulletin = &reference
            ),
            None => t!("build-print-no-browser", bulletin = &reference),
        };
        return Err(BuildError::Io(message));
    };

    // The site is built for its real address (printed addresses and QR codes must lead to
    // the published site) and served on loopback under the same sub-path, so that every
    // stylesheet and image loads: it is written into `<work>/www/<sub-path>/` and served
    // from `<work>/www`.
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let work = std::env::temp_dir().join(format!("bantin-print-{}-{stamp}", std::process::id()));
    let www = work.join("www");
    let server = Server::bind(ServerOptions {
        bind: IpAddr::from([127, 0, 0, 1]),
        port: 0,
        root: www.clone(),
        live: None,
        routes: None,
    })
    .map_err(|e| BuildError::Io(t!("build-print-no-local-port", error = e)))?;
    let port = server.local_addr().port();
    let mut build = BuildOptions {
        root: options.root.clone(),
        drafts: options.drafts,
        ..Default::default()
    };
    let (mut site, errors) = load_site(&build)?;
    let lang = options
        .lang
        .clone()
        .unwrap_or_else(|| site.config.default_language.clone());
    let route = find_bulletin(&site, &reference, &lang)?.route.clone();
    let output = options.output.clone().unwrap_or_else(|| {
        let booklet = if options.booklet { ".booklet" } else { "" };
        PathBuf::from(if site.config.is_default_language(&lang) {
            format!("{reference}{booklet}.pdf")
        } else {
            format!("{reference}.{lang}{booklet}.pdf")
        })
    });
    let output_abs = if output.is_absolute() {
        output.clone()
    } else {
        std::env::current_dir()
            .map(|d| d.join(&output))
            .unwrap_or(output.clone())
    };
    // Whatever happens from here, the work folder goes away once the printing is over.
    let printed = (|| {
        let site_dir = www.join(folder_of(&site.config.base_path)?);
        build.output = Some(site_dir.clone());
        write_site(&mut site, errors, &build, Instant::now())?;
        server.spawn();
        print_edition(&Edition {
            browser: &browser,
            profile: &work.join("browser-profile"),
            pdf: &output_abs,
            url: &format!(
                "http://127.0.0.1:{port}{}{}print/",
                site.config.base_path, route
            ),
            html_file: &site_dir.join(format!("{route}print/index.html")),
            booklet: options.booklet,
        })
    })();
    let _ = std::fs::remove_dir_all(&work);
    printed?;
    let booklet = if options.booklet {
        Some(impose_file(&output_abs)?)
    } else {
        None
    };
    Ok(Printed {
        path: output,
        booklet,
    })
}

/// The bulletin `reference` in `lang`, or an error that names the bulletins there are (or
/// the languages, when `lang` is not one of the site's).
pub(crate) fn find_bulletin<'a>(
    site: &'a crate::pipeline::LoadedSite,
    reference: &str,
    lang: &str,
) -> Result<&'a crate::library::Item, BuildError> {
    if site.config.language(lang).is_none() {
        let codes: Vec<_> = site
            .config
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect();
        let codes = codes.join(", ");
        return Err(BuildError::Io(t!(
            "build-unknown-language",
            lang = lang,
            codes = codes
        )));
    }
    let wanted = format!("bulletins/{reference}");
    let items = &site.library.items;
    let found = items
        .iter()
        .filter(|i| i.kind() == Kind::Bulletin && i.source.reference == wanted)
        .find_map(|i| site.library.translation(i.id, lang))
        .map(|id| &items[id]);
    found.ok_or_else(|| {
        let known: Vec<&str> = items
            .iter()
            .filter(|i| i.kind() == Kind::Bulletin && i.lang() == lang)
            .map(|i| i.source.reference.trim_start_matches("bulletins/"))
            .collect();
        let message = if known.is_empty() {
            t!(
                "build-print-no-bulletins",
                bulletin = reference,
                lang = lang
            )
        } else {
            t!(
                "build-print-unknown-bulletin",
                bulletin = reference,
                lang = lang,
                known = known.join(", ")
            )
        };
        BuildError::Io(message)
    })
}

/// One edition to print: the served print page and the file it is built from.
struct Edition<'a> {
    browser: &'a Path,
    profile: &'a Path,
    pdf: &'a Path,
    url: &'a str,
    html_file: &'a Path,
    booklet: bool,
}

/// Prints the edition, twice when it has a contents: Chromium prints no page numbers from
/// CSS, so they are read from where each item landed in the first print, written into the
/// contents, and the page is printed again.
fn print_edition(edition: &Edition) -> Result<(), BuildError> {
    if edition.booklet {
        // The theme's `.booklet` styles: A5 pages (a named @page), type and pictures to match.
        edit_file(edition.html_file, |html| {
            html.replacen("<html ", "<html class=\"booklet\" ", 1)
        })?;
    }
    let print = || run_browser(edition.browser, edition.profile, edition.pdf, edition.url);
    print()?;
    let pages = std::fs::read(edition.pdf)
        .map(|pdf| destination_pages(&pdf))
        .unwrap_or_default();
    if pages.is_empty() {
        return Ok(());
    }
    edit_file(edition.html_file, |mut html| {
        for (anchor, page) in &pages {
            html = html.replace(
                &format!("data-anchor=\"{anchor}\"></span>"),
                &format!("data-anchor=\"{anchor}\">{page}</span>"),
            );
        }
        html
    })?;
    print()
}

/// Rewrites a file of the print's own build.
fn edit_file(path: &Path, edit: impl FnOnce(String) -> String) -> Result<(), BuildError> {
    let html = std::fs::read_to_string(path)
        .map_err(|e| BuildError::Io(crate::write::cannot_read(path, &e)))?;
    std::fs::write(path, edit(html))
        .map_err(|e| BuildError::Io(crate::write::cannot_write(path, &e)))
}

/// The printed A5 pages of `pdf` imposed into a booklet, in place.
fn impose_file(pdf: &Path) -> Result<BookletSize, BuildError> {
    let bytes =
        std::fs::read(pdf).map_err(|e| BuildError::Io(crate::write::cannot_read(pdf, &e)))?;
    let booklet = booklet::impose(&bytes)
        .ok_or_else(|| BuildError::Io(t!("build-print-cannot-impose", path = pdf)))?;
    std::fs::write(pdf, &booklet.pdf)
        .map_err(|e| BuildError::Io(crate::write::cannot_write(pdf, &e)))?;
    Ok(booklet.size)
}

/// The folder under the served root for a base path (`/dan-van/` → `dan-van`), each segment
/// percent-decoded as the server decodes requests.
fn folder_of(base_path: &str) -> Result<PathBuf, BuildError> {
    let mut folder = PathBuf::new();
    for segment in base_path.split('/').filter(|s| !s.is_empty()) {
        let segment = crate::text::percent_decode(segment);
        let mut parts = Path::new(&segment).components();
        if !matches!(
            (parts.next(), parts.next()),
            (Some(Component::Normal(_)), None)
        ) {
            return Err(BuildError::Io(t!(
                "build-print-base-path",
                path = base_path
            )));
        }
        folder.push(segment);
    }
    Ok(folder)
}

/// One headless print of `url` to `pdf`.
fn run_browser(browser: &Path, profile: &Path, pdf: &Path, url: &str) -> Result<(), BuildError> {
    let _ = std::fs::remove_file(pdf);
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pdf-header-footer",
        "--run-all-compositor-stages-before-draw",
        "--virtual-time-budget=10000",
    ]);
    // Chromium refuses to start as root without this; the page is our own local build.
    if std::env::var("USER").is_ok_and(|u| u == "root")
        || std::env::var("HOME").is_ok_and(|h| h == "/root")
    {
        command.arg("--no-sandbox");
    }
    command.arg(format!("--user-data-dir={}", profile.display()));
    command.arg(format!("--print-to-pdf={}", pdf.display()));
    command.arg(url);
    let out = command.output().map_err(|e| {
        let error = io_error(&e);
        BuildError::Io(t!("build-cannot-run", program = browser, error = error))
    })?;
    if !pdf.is_file() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        // The system's words (`exit status: 1`) and the browser's last line.
        let (status, said) = (out.status.to_string(), stderr.lines().last().unwrap_or(""));
        let message = t!(
            "build-print-no-pdf",
            browser = browser,
            status = status,
            said = said
        );
        return Err(BuildError::Io(message));
    }
    Ok(())
}
