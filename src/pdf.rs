//! `bantin print`: a bulletin edition to PDF, by building the site into a temporary folder,
//! serving it on loopback for a moment and driving a locally installed Chromium or Chrome in
//! headless mode. The normal build never needs a browser.

use crate::content::Kind;
use crate::pipeline::{BuildError, BuildOptions, load_site, write_site};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
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
pub fn print_bulletin(options: &PrintOptions) -> Result<PathBuf, BuildError> {
    let reference = options
        .bulletin
        .trim_end_matches(".md")
        .trim_start_matches("bulletins/")
        .to_string();
    let Some(browser) = find_browser(options.browser.as_deref()) else {
        return Err(BuildError::Io(format!(
            "no Chromium or Chrome found{}; install one (e.g. `apt-get install chromium`) or give --browser PATH. \
             Without one, build the site, open bulletins/{reference}/print/ in your browser and use Print → Save as PDF",
            options
                .browser
                .as_ref()
                .map(|p| format!(" at {}", p.display()))
                .unwrap_or_else(|| " on PATH".into())
        )));
    };

    // The site is built for its real address (printed addresses and QR codes must lead to
    // the published site) and served on loopback under the same sub-path, so that every
    // stylesheet and image loads.
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(|e| BuildError::Io(format!("cannot open a local port: {e}")))?;
    let port = listener
        .local_addr()
        .map_err(|e| BuildError::Io(e.to_string()))?
        .port();
    let work = std::env::temp_dir().join(format!("bantin-print-{}-{port}", std::process::id()));
    let site_dir = work.join("site");
    let build = BuildOptions {
        root: options.root.clone(),
        output: Some(site_dir.clone()),
        drafts: options.drafts,
        ..Default::default()
    };
    let (site, errors) = load_site(&build)?;
    let lang = options
        .lang
        .clone()
        .unwrap_or_else(|| site.config.default_language.clone());
    if site.config.language(&lang).is_none() {
        let codes: Vec<_> = site
            .config
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect();
        return Err(BuildError::Io(format!(
            "--lang {lang}: not a configured language; configured: {}",
            codes.join(", ")
        )));
    }
    let wanted = format!("bulletins/{reference}");
    let bulletin = site
        .library
        .items
        .iter()
        .filter(|i| i.kind() == Kind::Bulletin && i.source.reference == wanted)
        .find_map(|i| site.library.translation(i.id, &lang))
        .map(|id| &site.library.items[id]);
    let Some(bulletin) = bulletin else {
        let known: Vec<String> = site
            .library
            .items
            .iter()
            .filter(|i| i.kind() == Kind::Bulletin && i.lang() == lang)
            .map(|i| {
                i.source
                    .reference
                    .trim_start_matches("bulletins/")
                    .to_string()
            })
            .collect();
        return Err(BuildError::Io(format!(
            "no bulletin `{reference}` in `{lang}`; bulletins in that language: {}",
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        )));
    };
    let print_path = format!("{}{}print/", site.config.base_path, bulletin.route);
    let default_name = if site.config.is_default_language(&lang) {
        format!("{reference}.pdf")
    } else {
        format!("{reference}.{lang}.pdf")
    };
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(default_name));
    write_site(&site, errors, &build, Instant::now())?;

    let root = site_dir.clone();
    let base_path = site.config.base_path.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            serve_one(stream, &root, &base_path);
        }
    });
    let output_abs = if output.is_absolute() {
        output.clone()
    } else {
        std::env::current_dir()
            .map(|d| d.join(&output))
            .unwrap_or(output.clone())
    };
    let _ = std::fs::remove_file(&output_abs);
    let profile = work.join("browser-profile");
    let mut command = Command::new(&browser);
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
    command.arg(format!("--print-to-pdf={}", output_abs.display()));
    command.arg(format!("http://127.0.0.1:{port}{print_path}"));
    let result = command.output();
    let _ = std::fs::remove_dir_all(&work);
    let out =
        result.map_err(|e| BuildError::Io(format!("cannot run {}: {e}", browser.display())))?;
    if !output_abs.is_file() {
        return Err(BuildError::Io(format!(
            "{} did not write the PDF (exit {}): {}",
            browser.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        )));
    }
    Ok(output)
}

/// Answers one GET for a file of the built site (only what `bantin print` needs); paths are
/// under the site's sub-path.
fn serve_one(mut stream: TcpStream, root: &Path, base_path: &str) {
    let mut line = String::new();
    if BufReader::new(&stream).read_line(&mut line).is_err() {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = path
        .strip_prefix(base_path.trim_end_matches('/'))
        .unwrap_or(path);
    let mut file = root.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        let part = crate::text::percent_decode(part);
        if Path::new(&part)
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            let _ = stream.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            return;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let response = match std::fs::read(&file) {
        Ok(body) => {
            let kind = match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
                "html" => "text/html; charset=utf-8",
                "css" => "text/css; charset=utf-8",
                "svg" => "image/svg+xml",
                "png" => "image/png",
                "jpg" | "jpeg" => "image/jpeg",
                "webp" => "image/webp",
                "gif" => "image/gif",
                _ => "application/octet-stream",
            };
            let mut r = format!("HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).into_bytes();
            r.extend(body);
            r
        }
        Err(_) => {
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
        }
    };
    let _ = stream.write_all(&response);
}
