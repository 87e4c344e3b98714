//! Shared helpers of the integration tests: fixture sites written into temporary folders,
//! builds through the library API or the binary, HTML parsing with `scraper`, snapshots of
//! output trees, and a tiny PNG encoder for bundle images.
//!
//! Every test binary includes this module with `mod common;` and uses only part of it.
#![allow(dead_code)]

use bantin::diagnostic::Diagnostic;
use bantin::pipeline::{BuildError, BuildOptions, BuildReport, build_site};
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

pub mod sshd;

/// A site.yaml with one language and a base URL that carries a sub-path.
pub const SITE_YAML: &str = "\
title: Bản tin Thử nghiệm
base_url: https://example.org/sub/
default_language: vi
languages:
  - code: vi
    name: Tiếng Việt
";

/// A site.yaml with Vietnamese (default) and English.
pub const SITE_YAML_VI_EN: &str = "\
title: Bản tin Thử nghiệm
base_url: https://example.org/sub/
default_language: vi
languages:
  - code: vi
    name: Tiếng Việt
  - code: en
    name: English
    title: Test Bulletin
";

/// A locality registry: one province with one ward and former units, and a second province.
pub const LOCALITIES: &str = "\
- id: ninh-binh
  level: province
  name: { vi: Ninh Bình, en: Ninh Binh }
  formerly: [ha-nam, nam-dinh]
  children:
    - id: hoa-lu
      level: ward
      name: { vi: Phường Hoa Lư }
      formerly: [hoa-lu-cu]
- id: lam-dong
  level: province
  name: { vi: Lâm Đồng, en: Lam Dong }
";

/// A fixture site in a temporary folder. The site itself is `<tmp>/site`, so that tests can
/// check that nothing was written beside it, in `<tmp>`.
pub struct Site {
    /// Removed when the site is dropped (`None` for a site at a fixed place, see [`Site::at`]).
    _tmp: Option<TempDir>,
    base: PathBuf,
    pub root: PathBuf,
}

impl Default for Site {
    fn default() -> Self {
        Self::new()
    }
}

impl Site {
    /// An empty site folder (no site.yaml yet).
    pub fn new() -> Site {
        let tmp = tempfile::Builder::new()
            .prefix("bantin-test-")
            .tempdir()
            .expect("temp dir");
        let base = tmp.path().to_path_buf();
        let root = base.join("site");
        std::fs::create_dir_all(&root).expect("site dir");
        Site {
            _tmp: Some(tmp),
            base,
            root,
        }
    }

    /// An empty site in `base/site`, for a fixture shared by several tests (held in a static,
    /// which is never dropped): `base` is emptied first, so runs do not pile up.
    pub fn at(base: &Path) -> Site {
        if base.exists() {
            std::fs::remove_dir_all(base).expect("clear the shared fixture folder");
        }
        let root = base.join("site");
        std::fs::create_dir_all(&root).expect("site dir");
        Site {
            _tmp: None,
            base: base.to_path_buf(),
            root,
        }
    }

    /// A site with [`SITE_YAML`].
    pub fn with_config() -> Site {
        Site::new().file("site.yaml", SITE_YAML)
    }

    /// Adds a file (parents are created).
    pub fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Site {
        self.write(rel, contents);
        self
    }

    /// Writes or replaces a file of an existing site.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, contents).expect("write fixture file");
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root.join(rel)).expect("remove fixture file");
    }

    /// The temporary folder that holds the site folder (and nothing else unless a test puts it there).
    pub fn base(&self) -> &Path {
        &self.base
    }

    /// The default output folder.
    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            ..Default::default()
        }
    }

    pub fn try_build(&self) -> Result<BuildReport, BuildError> {
        build_site(&self.options())
    }

    pub fn try_build_with(
        &self,
        adjust: impl FnOnce(&mut BuildOptions),
    ) -> Result<BuildReport, BuildError> {
        let mut options = self.options();
        adjust(&mut options);
        build_site(&options)
    }

    /// Builds and panics with every diagnostic when the build fails.
    #[track_caller]
    pub fn build(&self) -> BuildReport {
        expect_ok(self.try_build())
    }

    #[track_caller]
    pub fn build_with(&self, adjust: impl FnOnce(&mut BuildOptions)) -> BuildReport {
        expect_ok(self.try_build_with(adjust))
    }

    /// Builds, expecting content errors, and returns them.
    #[track_caller]
    pub fn errors(&self) -> Vec<Diagnostic> {
        expect_content_errors(self.try_build())
    }

    /// The text of an output file.
    pub fn read(&self, rel: &str) -> String {
        let path = self.out().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read output file {}: {e}; output has: {:#?}",
                path.display(),
                files_under(&self.out())
            )
        })
    }

    /// An output HTML file, parsed.
    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).exists()
    }

    /// The binary, run in the site folder.
    pub fn bantin(&self, args: &[&str]) -> Output {
        run_in(&self.root, args)
    }
}

#[track_caller]
pub fn expect_ok(result: Result<BuildReport, BuildError>) -> BuildReport {
    match result {
        Ok(r) => r,
        Err(BuildError::Content(ds)) => panic!(
            "build failed:\n{}",
            ds.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
        Err(BuildError::Io(m)) => panic!("build failed (io/usage): {m}"),
    }
}

#[track_caller]
pub fn expect_content_errors(result: Result<BuildReport, BuildError>) -> Vec<Diagnostic> {
    match result {
        Ok(_) => panic!("the build succeeded; expected content errors"),
        Err(BuildError::Content(ds)) => ds,
        Err(BuildError::Io(m)) => panic!("expected content errors, got an io/usage error: {m}"),
    }
}

/// All diagnostics as `Display` lines, for failure messages.
pub fn show(ds: &[Diagnostic]) -> String {
    ds.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The one diagnostic about `path` (relative to the site root) and `key`.
#[track_caller]
pub fn diag_for<'a>(ds: &'a [Diagnostic], path: &str, key: Option<&str>) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = ds
        .iter()
        .filter(|d| d.path == Path::new(path) && d.key.as_deref() == key)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected exactly one diagnostic for {path} key {key:?}; got:\n{}",
        show(ds)
    );
    found[0]
}

/// Front matter plus body, as an editor writes it.
pub fn md(front: &str, body: &str) -> String {
    format!("---\n{}\n---\n\n{body}", front.trim_end())
}

pub fn article(title: &str, date: &str, body: &str) -> String {
    md(&format!("title: \"{title}\"\ndate: {date}"), body)
}

// ---------------------------------------------------------------- HTML

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(css)).collect()
}

pub fn select_in<'a>(el: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    el.select(&sel(css)).collect()
}

/// The single element matching `css`.
#[track_caller]
pub fn one<'a>(doc: &'a Html, css: &str) -> ElementRef<'a> {
    let found = select(doc, css);
    assert_eq!(
        found.len(),
        1,
        "expected one `{css}`, found {}:\n{}",
        found.len(),
        found
            .iter()
            .map(|e| e.html())
            .collect::<Vec<_>>()
            .join("\n")
    );
    found[0]
}

/// Text of an element with runs of whitespace collapsed.
pub fn text(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn attr<'a>(el: ElementRef<'a>, name: &str) -> Option<&'a str> {
    el.value().attr(name)
}

/// `href` values of every `a` matching `css`.
pub fn hrefs(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css)
        .into_iter()
        .filter_map(|a| attr(a, "href").map(str::to_string))
        .collect()
}

// ---------------------------------------------------------------- files

/// Every file under `dir`, as `/`-separated paths relative to it, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    collect(dir, dir, &mut out);
    out.sort();
    out
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).expect("under root");
            out.push(
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).expect("read snapshot file");
            (rel, bytes)
        })
        .collect()
}

/// Names of the entries directly in `dir`, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

// ---------------------------------------------------------------- browser

/// The playwright-core folder of ../shared/tools, when it and /usr/bin/chromium are here, for
/// the tests that drive headless Chromium (tests/browser/*.mjs). `None` means skip the test,
/// which is only allowed outside CI (`CI` unset).
#[track_caller]
pub fn browser_tools() -> Option<&'static str> {
    let tools = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/tools/node_modules/playwright-core"
    );
    if Path::new(tools).is_dir() && Path::new("/usr/bin/chromium").is_file() {
        return Some(tools);
    }
    // CI systems set CI to a value (`CI=true`); an empty CI counts as unset.
    assert!(
        std::env::var_os("CI").is_none_or(|v| v.is_empty()),
        "CI must run the browser test (chromium and ../shared/tools)"
    );
    eprintln!("no Chromium or playwright-core: browser test skipped");
    None
}

/// Runs `tests/browser/<script>` with node and returns the one JSON line it prints.
#[track_caller]
pub fn run_browser_script(script: &str, args: &[&str]) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser")
        .join(script);
    let out = Command::new("node")
        .arg(&path)
        .args(args)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{script}: not one JSON line ({e}): {}", stdout(&out)))
}

// ---------------------------------------------------------------- CLI

/// The binary, speaking English whatever the machine's locale (tests of the Vietnamese
/// messages set `LANG` again).
pub fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bantin"));
    english(&mut command);
    command
}

/// Removes the locale variables bantin reads its language from.
pub fn english(command: &mut Command) -> &mut Command {
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
}

/// Runs the binary in `dir` with `args`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run bantin")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

// ---------------------------------------------------------------- PNG

/// A valid grayscale PNG of `width` x `height` pixels (zlib "stored" blocks, no compression).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            raw.push(((x + y) * 40) as u8);
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == chunks.len()));
        let len = chunk.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(chunk);
    }
    zlib.extend_from_slice(&adler32(&raw).to_be_bytes());

    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit grayscale, deflate, no filter, no interlace

    let mut out = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    for (kind, data) in [
        (b"IHDR", ihdr.as_slice()),
        (b"IDAT", zlib.as_slice()),
        (b"IEND", &[][..]),
    ] {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(data);
        out.extend_from_slice(&crc_input);
        out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    }
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in bytes {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

// ---------------------------------------------------------------- languages

/// The absolute base URL of the fixture site.yaml files above.
pub const BASE_URL: &str = "https://example.org/sub/";

/// The output file a URL of the fixture site points to, whether absolute
/// (`https://example.org/sub/en/x/`) or rooted (`/sub/en/x/`): `en/x/index.html`. Fragments
/// and queries are dropped. `None` for a URL outside the site.
pub fn file_for_url(url: &str) -> Option<String> {
    let path = url
        .strip_prefix(BASE_URL)
        .or_else(|| url.strip_prefix("/sub/"))?;
    let path = path.split(['#', '?']).next().unwrap_or_default();
    Some(if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    })
}

/// The absolute URL of an output file (`en/x/index.html` → `https://example.org/sub/en/x/`).
pub fn url_for_file(file: &str) -> String {
    format!(
        "{BASE_URL}{}",
        file.strip_suffix("index.html").unwrap_or(file)
    )
}

/// `(hreflang, href)` of every `<link rel="alternate" hreflang="..">` of a page, in page order.
pub fn hreflang_links(doc: &Html) -> Vec<(String, String)> {
    select(doc, "link[rel=alternate][hreflang]")
        .into_iter()
        .map(|l| {
            (
                attr(l, "hreflang").unwrap_or_default().to_string(),
                attr(l, "href").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The `lang` of a page's `<html>` element.
pub fn html_lang(doc: &Html) -> Option<String> {
    attr(one(doc, "html"), "lang").map(str::to_string)
}

/// Every `.html` file under `dir`, relative and sorted.
pub fn html_files(dir: &Path) -> Vec<String> {
    files_under(dir)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

// ---------------------------------------------------------------- redirects

/// Where a redirect page sends browsers, as `(refresh target, canonical href)`: the URL after
/// `0; url=` in its `<meta http-equiv="refresh">`, and its `<link rel="canonical">`. Panics
/// unless the page is a plain redirect: one refresh with no delay, one canonical link, no script.
#[track_caller]
pub fn redirect_of(doc: &Html) -> (String, String) {
    let refresh = one(doc, "meta[http-equiv=refresh]");
    let content = attr(refresh, "content").unwrap_or_default();
    let (delay, rest) = content
        .split_once(';')
        .unwrap_or_else(|| panic!("refresh without `;`: {content:?}"));
    assert_eq!(delay.trim(), "0", "a redirect without delay: {content:?}");
    let rest = rest.trim();
    let url = rest
        .strip_prefix("url=")
        .or_else(|| rest.strip_prefix("URL="))
        .unwrap_or_else(|| panic!("refresh without `url=`: {content:?}"));
    let canonical = attr(one(doc, "link[rel=canonical]"), "href")
        .unwrap_or_default()
        .to_string();
    assert!(
        select(doc, "script").is_empty(),
        "a redirect page works without JavaScript: {}",
        doc.html()
    );
    (url.trim().to_string(), canonical)
}

// ---------------------------------------------------------------- bounded runs

/// The address space a bounded run of the binary may use (virtual memory, which is above
/// the resident size: thread stacks and allocator arenas are reserved, not used).
pub const MEMORY_LIMIT_KIB: u64 = 1024 * 1024;
/// A hang guard for one run of the binary on a small fixture, generous for a loaded 2-core
/// machine: not a performance claim.
pub const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs the binary in `dir` under a `ulimit -v` of [`MEMORY_LIMIT_KIB`] (an allocation past
/// it fails, and the process aborts instead of exiting 0, 1 or 2) and panics when it runs
/// longer than [`TIME_LIMIT`] (after killing it). Allocator arenas and rayon threads are
/// capped so that the limit means the same on a machine with many cores.
#[track_caller]
pub fn run_bounded(dir: &Path, args: &[&str]) -> Output {
    run_bounded_with(dir, args, &[])
}

#[track_caller]
pub fn run_bounded_with(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_bantin"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("MALLOC_ARENA_MAX", "2")
        .env("RAYON_NUM_THREADS", "2")
        .envs(envs.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bantin under sh");
    let mut pipes: Vec<std::thread::JoinHandle<Vec<u8>>> = Vec::new();
    for pipe in [
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    {
        pipes.push(std::thread::spawn(move || {
            let mut pipe = pipe;
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        }));
    }
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for bantin") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "bantin {args:?} ran for more than {} s in {} (a hang)",
                TIME_LIMIT.as_secs(),
                dir.display()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let mut outputs = pipes.into_iter().map(|t| t.join().unwrap_or_default());
    Output {
        status,
        stdout: outputs.next().unwrap_or_default(),
        stderr: outputs.next().unwrap_or_default(),
    }
}

/// `VmRSS` and `VmHWM` (peak) of a running process, in KiB, and its thread count, from
/// /proc/<pid>/status (Linux).
pub fn proc_status(pid: u32) -> Option<(u64, u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    };
    Some((field("VmRSS:")?, field("VmHWM:")?, field("Threads:")?))
}

// ---------------------------------------------------------------- watch sessions

/// A watch session of the site (nothing built until `full`).
pub fn session(site: &Site) -> bantin::watch::session::Session {
    bantin::watch::session::Session::new(site.options()).expect("session")
}

/// The rebuild's report, or a panic with every diagnostic.
#[track_caller]
pub fn ok(
    result: Result<bantin::watch::session::Rebuilt, BuildError>,
) -> bantin::watch::session::Rebuilt {
    match result {
        Ok(r) => r,
        Err(BuildError::Content(ds)) => panic!("rebuild failed:\n{}", show(&ds)),
        Err(BuildError::Io(m)) => panic!("rebuild failed: {m}"),
    }
}

/// The output of a fresh full build of the same sources, beside the site (`<base>/full`).
#[track_caller]
pub fn full_build_snapshot(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let out = site.base().join("full");
    site.build_with(|o| o.output = Some(out.clone()));
    snapshot(&out)
}

/// How the site's output folder differs from a fresh full build of the same sources: `None`
/// when every file has the same bytes, else the files that differ and, for the first one,
/// the first differing line with a few lines of context on each side (both versions).
pub fn difference_from_full_build(site: &Site) -> Option<String> {
    let live = snapshot(&site.out());
    let full = full_build_snapshot(site);
    difference(&live, &full)
}

/// How snapshot `live` (of an incremental rebuild) differs from `full`, as in
/// [`difference_from_full_build`].
pub fn difference(
    live: &BTreeMap<String, Vec<u8>>,
    full: &BTreeMap<String, Vec<u8>>,
) -> Option<String> {
    let mut differ: Vec<&String> = live
        .keys()
        .chain(full.keys())
        .filter(|k| live.get(*k) != full.get(*k))
        .collect();
    differ.sort();
    differ.dedup();
    let first = differ.first()?;
    let detail = match (live.get(*first), full.get(*first)) {
        (None, _) => "missing from the incremental output".to_string(),
        (_, None) => "only in the incremental output (a full build has no such file)".to_string(),
        (Some(a), Some(b)) => {
            line_context(&String::from_utf8_lossy(a), &String::from_utf8_lossy(b))
        }
    };
    Some(format!(
        "{} file(s) differ: {differ:?}\nfirst: {first}: {detail}",
        differ.len()
    ))
}

/// The first differing line of two texts with two lines of context, each line cut to 300
/// characters around the first differing character.
fn line_context(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let n = (0..la.len().max(lb.len()))
        .find(|&i| la.get(i) != lb.get(i))
        .unwrap_or(0);
    let col = match (la.get(n), lb.get(n)) {
        (Some(x), Some(y)) => x
            .chars()
            .zip(y.chars())
            .position(|(p, q)| p != q)
            .unwrap_or_else(|| x.chars().count().min(y.chars().count())),
        _ => 0,
    };
    let cut = |line: &str| {
        let skip = col.saturating_sub(150);
        let part: String = line.chars().skip(skip).take(300).collect();
        if skip > 0 { format!("…{part}") } else { part }
    };
    let show = |lines: &[&str]| {
        (n.saturating_sub(2)..(n + 3).min(lines.len()))
            .map(|i| {
                format!(
                    "  {:>5}{} {}",
                    i + 1,
                    if i == n { ">" } else { ":" },
                    cut(lines[i])
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "line {} (column {}; {} and {} bytes)\n incremental:\n{}\n full build:\n{}",
        n + 1,
        col + 1,
        a.len(),
        b.len(),
        show(&la),
        show(&lb)
    )
}

#[track_caller]
pub fn assert_same_as_full_build(site: &Site, step: &str) {
    if let Some(d) = difference_from_full_build(site) {
        panic!("after {step}: the incremental output differs from a full build: {d}");
    }
}
