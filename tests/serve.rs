//! The HTTP server of `bantin serve` (issue 7), through the library: a hand-made output folder
//! served on an ephemeral loopback port, and requests written by hand on a `TcpStream` so
//! that raw paths (`/../`, `/%2e%2e/`, `/a%2fb`) reach the server as they are. The live-reload
//! overlay is also checked in headless Chromium (skipped when Chromium or playwright-core is
//! absent, except in CI).

mod common;

use bantin::server::{LiveState, Server, ServerOptions};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tempfile::TempDir;

const SECRET: &str = "SECRET-beside-the-output-42";
const INDEX: &str = "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Trang chủ</title></head>\n<body><h1>Trang chủ</h1></body>\n</html>\n";
const NOT_FOUND: &str = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404</title></head>\n<body><h1>Không tìm thấy trang</h1></body>\n</html>\n";

/// `<tmp>/public` (the output) and `<tmp>/secret.txt` beside it, which must never be served.
struct Output {
    _tmp: TempDir,
    root: PathBuf,
}

impl Output {
    fn new() -> Output {
        let tmp = tempfile::Builder::new()
            .prefix("bantin-serve-")
            .tempdir()
            .expect("temp dir");
        let root = tmp.path().join("public");
        std::fs::create_dir_all(root.join("articles/a")).expect("folders");
        std::fs::write(tmp.path().join("secret.txt"), SECRET).expect("secret");
        let output = Output { _tmp: tmp, root };
        output.write("index.html", INDEX);
        output.write("404.html", NOT_FOUND);
        output.write(
            "articles/a/index.html",
            "<html><body><p>Bài A</p></body></html>",
        );
        output.write("style.css", "body { color: #111 }\n");
        output
    }

    fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("parent");
        }
        std::fs::write(path, contents).expect("write output file");
    }

    fn serve(&self, live: Option<Arc<LiveState>>) -> SocketAddr {
        serve_root(&self.root, live)
    }
}

fn serve_root(root: &Path, live: Option<Arc<LiveState>>) -> SocketAddr {
    let server = Server::bind(ServerOptions {
        bind: IpAddr::from([127, 0, 0, 1]),
        port: 0,
        root: root.to_path_buf(),
        live,
        routes: None,
    })
    .expect("bind an ephemeral port");
    let addr = server.local_addr();
    server.spawn();
    addr
}

struct Reply {
    status: u16,
    /// Names in lower case.
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `head` as it is (it must ask for `Connection: close`) and reads the reply to the end.
fn raw(addr: SocketAddr, head: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream.write_all(head.as_bytes()).expect("send");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read the reply");
    parse(&bytes).unwrap_or_else(|| panic!("not an HTTP reply: {bytes:?}"))
}

fn parse(bytes: &[u8]) -> Option<Reply> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some(Reply {
        status,
        headers,
        body: bytes[end + 4..].to_vec(),
    })
}

fn request(addr: SocketAddr, method: &str, target: &str, extra: &str) -> Reply {
    raw(
        addr,
        &format!(
            "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}Connection: close\r\n\r\n"
        ),
    )
}

fn get(addr: SocketAddr, target: &str) -> Reply {
    request(addr, "GET", target, "")
}

#[test]
fn files_are_served_with_their_content_type() {
    let output = Output::new();
    let types = [
        ("index.html", "text/html; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("module.mjs", "text/javascript; charset=utf-8"),
        ("share.json", "application/json"),
        ("atom.xml", "application/xml"),
        ("sitemap.xml", "application/xml"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("logo.svg", "image/svg+xml"),
        ("a.png", "image/png"),
        ("b.jpg", "image/jpeg"),
        ("c.JPEG", "image/jpeg"),
        ("d.gif", "image/gif"),
        ("e.webp", "image/webp"),
        ("f.avif", "image/avif"),
        ("favicon.ico", "image/x-icon"),
        ("fonts/x.woff", "font/woff"),
        ("fonts/x.woff2", "font/woff2"),
        ("fonts/x.ttf", "font/ttf"),
        ("fonts/x.otf", "font/otf"),
        ("so-1.pdf", "application/pdf"),
        ("m.wasm", "application/wasm"),
        ("data.bin", "application/octet-stream"),
        ("no-extension", "application/octet-stream"),
    ];
    for (file, _) in &types[1..] {
        output.write(file, format!("contents of {file}"));
    }
    let addr = output.serve(None);
    for (file, kind) in types {
        let reply = get(addr, &format!("/{file}"));
        assert_eq!(reply.status, 200, "{file}");
        assert_eq!(reply.header("content-type"), kind, "{file}");
        assert_eq!(reply.header("x-content-type-options"), "nosniff", "{file}");
        assert_eq!(reply.header("cache-control"), "no-cache", "{file}");
        let on_disk = std::fs::read(output.root.join(file)).expect("file");
        assert_eq!(reply.body, on_disk, "{file}");
        assert_eq!(
            reply.header("content-length"),
            on_disk.len().to_string(),
            "{file}"
        );
    }
}

#[test]
fn folders_serve_their_index_and_redirect_to_the_slash_form() {
    let output = Output::new();
    let addr = output.serve(None);
    assert_eq!(get(addr, "/").text(), INDEX);
    let article = get(addr, "/articles/a/");
    assert_eq!(article.status, 200);
    assert!(article.text().contains("Bài A"));
    let moved = get(addr, "/articles/a?utm=x&b=1#top");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("location"), "/articles/a/?utm=x&b=1");
    assert_eq!(get(addr, "/articles").header("location"), "/articles/");
    // A folder without index.html is not listed.
    assert_eq!(get(addr, "/articles/").status, 404);
    // Query and fragment play no part in finding the file; a file is not a folder.
    assert_eq!(get(addr, "/style.css?v=3").status, 200);
    assert_eq!(get(addr, "/style.css/").status, 404);
    // Percent-encoded Vietnamese file names are found.
    output.write("tin-tức/index.html", "<p>tin</p>");
    assert_eq!(get(addr, "/tin-t%E1%BB%A9c/").text(), "<p>tin</p>");
}

#[test]
fn a_missing_page_gets_the_sites_404_page_with_status_404() {
    let output = Output::new();
    let addr = output.serve(None);
    let reply = get(addr, "/khong-co/");
    assert_eq!(reply.status, 404);
    assert_eq!(reply.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(reply.text(), NOT_FOUND);

    std::fs::remove_file(output.root.join("404.html")).expect("remove 404.html");
    let plain = get(addr, "/khong-co/");
    assert_eq!(plain.status, 404);
    assert!(plain.header("content-type").starts_with("text/plain"));
    assert!(plain.text().contains("/khong-co/"), "{}", plain.text());
}

#[test]
fn a_missing_output_folder_is_a_503_not_a_crash() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let addr = serve_root(&tmp.path().join("not-built-yet"), None);
    let reply = get(addr, "/");
    assert_eq!(reply.status, 503);
    assert_eq!(reply.header("retry-after"), "1");
}

#[test]
fn head_has_the_headers_of_get_and_no_body() {
    let output = Output::new();
    let addr = output.serve(None);
    let full = get(addr, "/style.css");
    let head = request(addr, "HEAD", "/style.css", "");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "{:?}", head.text());
    for name in ["content-type", "content-length", "etag", "last-modified"] {
        assert!(!head.header(name).is_empty(), "{name}");
        assert_eq!(head.header(name), full.header(name), "{name}");
    }
    let missing = request(addr, "HEAD", "/nope", "");
    assert_eq!(missing.status, 404);
    assert!(missing.body.is_empty());
}

#[test]
fn other_methods_get_405_with_allow() {
    let output = Output::new();
    let addr = output.serve(None);
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let reply = request(addr, method, "/index.html", "Content-Length: 0\r\n");
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("allow"), "GET, HEAD", "{method}");
    }
}

#[test]
fn etag_and_last_modified_give_304_until_the_file_changes() {
    let output = Output::new();
    let addr = output.serve(None);
    let first = get(addr, "/style.css");
    let etag = first.header("etag").to_string();
    let modified = first.header("last-modified").to_string();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    assert!(modified.ends_with(" GMT"), "{modified}");

    for condition in [
        format!("If-None-Match: {etag}\r\n"),
        format!("If-None-Match: \"other\", W/{etag}\r\n"),
        "If-None-Match: *\r\n".to_string(),
        format!("If-Modified-Since: {modified}\r\n"),
    ] {
        let reply = request(addr, "GET", "/style.css", &condition);
        assert_eq!(reply.status, 304, "{condition}");
        assert!(reply.body.is_empty(), "{condition}");
        assert_eq!(reply.header("etag"), etag, "{condition}");
    }
    for condition in [
        "If-None-Match: \"other\"\r\n",
        "If-Modified-Since: Thu, 01 Jan 2015 00:00:00 GMT\r\n",
        "If-Modified-Since: not a date\r\n",
    ] {
        assert_eq!(
            request(addr, "GET", "/style.css", condition).status,
            200,
            "{condition}"
        );
    }
    // If-None-Match wins over If-Modified-Since (RFC 9110).
    let both = format!("If-None-Match: \"other\"\r\nIf-Modified-Since: {modified}\r\n");
    assert_eq!(request(addr, "GET", "/style.css", &both).status, 200);

    // A rebuild rewrites the file: a new ETag, and the old one no longer matches.
    std::thread::sleep(Duration::from_millis(20));
    output.write("style.css", "body { color: #222; margin: 0 }\n");
    let changed = request(
        addr,
        "GET",
        "/style.css",
        &format!("If-None-Match: {etag}\r\n"),
    );
    assert_eq!(changed.status, 200);
    assert_ne!(changed.header("etag"), etag);
    assert_eq!(changed.text(), "body { color: #222; margin: 0 }\n");
}

#[test]
fn traversal_attempts_are_refused_and_never_leak_the_file_beside_the_output() {
    let output = Output::new();
    let outside = output.root.parent().expect("parent").to_path_buf();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(outside.join("secret.txt"), output.root.join("leak.txt")).expect("symlink");
        symlink(&outside, output.root.join("up")).expect("symlink");
        symlink(output.root.join("style.css"), output.root.join("alias.css")).expect("symlink");
    }
    let addr = output.serve(Some(LiveState::new()));
    let attempts = [
        "/../secret.txt",
        "/articles/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e./secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/articles%2f..%2f..%2fsecret.txt",
        "/a%2fb",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/secret.txt%00.html",
        "/%c0%ae%c0%ae/secret.txt",
        "/%252e%252e/secret.txt",
        "//../secret.txt",
        "/./../secret.txt",
        "/leak.txt",
        "/up/secret.txt",
        "/up/",
        "/up",
        "http://127.0.0.1/../secret.txt",
        "../secret.txt",
        "secret.txt",
    ];
    for target in attempts {
        for method in ["GET", "HEAD"] {
            let reply = request(addr, method, target, "");
            assert!(
                matches!(reply.status, 400 | 404),
                "{method} {target}: status {}",
                reply.status
            );
            assert!(
                !reply.text().contains(SECRET),
                "{method} {target} leaked the secret"
            );
        }
    }
    // A symlink that stays inside the output is followed (and so is one that leaves it and
    // comes back: what counts is where the file really is).
    #[cfg(unix)]
    {
        assert_eq!(get(addr, "/alias.css").text(), "body { color: #111 }\n");
        assert_eq!(get(addr, "/up/public/style.css").status, 200);
    }
}

#[test]
fn malformed_and_oversized_requests_are_refused() {
    let output = Output::new();
    let addr = output.serve(None);
    assert_eq!(raw(addr, "NONSENSE\r\n\r\n").status, 400);
    assert_eq!(raw(addr, "GET / HTTP/2.0\r\n\r\n").status, 400);
    assert_eq!(raw(addr, "GET / HTTP/1.1\r\nno colon\r\n\r\n").status, 400);
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(20_000)
    );
    assert_eq!(raw(addr, &huge).status, 431);
}

#[test]
fn one_connection_serves_several_requests() {
    let output = Output::new();
    let addr = output.serve(None);
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream
        .write_all(b"GET /style.css HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET /articles/a/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("send");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read");
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(text.matches("HTTP/1.1 200 OK").count(), 3, "{text}");
    assert!(text.contains("body { color: #111 }") && text.ends_with("</body></html>"));
}

#[test]
fn the_live_script_is_in_served_html_but_never_on_disk() {
    let output = Output::new();
    let live = LiveState::new();
    let addr = output.serve(Some(live.clone()));
    let page = get(addr, "/");
    let html = page.text();
    assert!(html.contains("/__bantin/live"), "{html}");
    let script = html.find("<script data-bantin-live>").expect("script");
    assert!(script < html.rfind("</body>").expect("body end"));
    assert_eq!(page.header("content-length"), page.body.len().to_string());
    assert_eq!(
        std::fs::read_to_string(output.root.join("index.html")).expect("index"),
        INDEX
    );
    // The 404 page too, so a page being written reloads once it exists; never other files.
    assert!(get(addr, "/nope/").text().contains("/__bantin/live"));
    assert!(!get(addr, "/style.css").text().contains("__bantin"));

    // The page's ETag follows the build generation: a reload after a rebuild is never a 304
    // with the old generation's script.
    let etag = page.header("etag").to_string();
    let same = request(addr, "GET", "/", &format!("If-None-Match: {etag}\r\n"));
    assert_eq!(same.status, 304);
    live.reloaded();
    let next = request(addr, "GET", "/", &format!("If-None-Match: {etag}\r\n"));
    assert_eq!(next.status, 200);
    assert!(next.text().contains("since=1"));

    // Without live state (bantin print), pages are served as they are.
    let plain = output.serve(None);
    assert_eq!(get(plain, "/").text(), INDEX);
    assert_eq!(get(plain, "/__bantin/live").status, 404);
}

/// An open event stream, read event by event.
struct Events {
    stream: TcpStream,
    buffer: String,
}

impl Events {
    fn open(addr: SocketAddr, since: u64) -> Events {
        let mut stream = TcpStream::connect(addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        write!(
            stream,
            "GET /__bantin/live?since={since} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send");
        let mut events = Events {
            stream,
            buffer: String::new(),
        };
        let head = events.next_block("\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        // Header names are case-insensitive (hyper sends them in lower case); the body is
        // chunked, and the chunk-size lines are never taken for event fields below.
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: text/event-stream"),
            "{head}"
        );
        events
    }

    /// Everything up to the next `end`.
    fn next_block(&mut self, end: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(at) = self.buffer.find(end) {
                let block = self.buffer[..at].to_string();
                self.buffer.drain(..at + end.len());
                return block;
            }
            assert!(Instant::now() < deadline, "no event in: {}", self.buffer);
            let mut chunk = [0u8; 4096];
            let n = self.stream.read(&mut chunk).expect("read the stream");
            assert!(n > 0, "the stream closed; got {}", self.buffer);
            self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
    }

    /// The next event's name and data (comments and `retry:` skipped).
    fn next(&mut self) -> (String, String) {
        loop {
            let block = self.next_block("\n\n");
            let field = |name: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map(|v| v.trim().to_string())
            };
            if let (Some(event), Some(data)) = (field("event:"), field("data:")) {
                return (event, data);
            }
        }
    }
}

#[test]
fn the_live_stream_sends_reload_after_a_good_build_and_the_error_after_a_bad_one() {
    let output = Output::new();
    let live = LiveState::new();
    let addr = output.serve(Some(live.clone()));
    let mut events = Events::open(addr, 0);

    let message = "content/articles/x.md:3:7: `date`: found `2025-13-01`; expected a date like 2025-08-20\ncontent/models/y.md:2:1: `title`: missing".to_string();
    live.failed(message.clone());
    let (event, data) = events.next();
    assert_eq!(event, "error");
    let decoded: String = serde_json::from_str(&data).expect("JSON string");
    assert_eq!(decoded, message);

    // A page opened while the build is failing is told at once.
    let mut late = Events::open(addr, 0);
    assert_eq!(late.next().0, "error");

    live.reloaded();
    assert_eq!(events.next(), ("reload".to_string(), "1".to_string()));
    assert_eq!(late.next().0, "reload");

    // A page served before the last rebuild reloads as soon as it connects.
    let mut stale = Events::open(addr, 0);
    assert_eq!(stale.next().0, "reload");

    // The same failure twice shows the overlay again (it may have been closed).
    live.failed("a.md:1:1: x".into());
    live.failed("a.md:1:1: x".into());
    assert_eq!(events.next().0, "error");
}

#[test]
fn a_taken_port_is_reported_with_a_free_one_to_try() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let error = Server::bind(ServerOptions {
        bind: IpAddr::from([127, 0, 0, 1]),
        port,
        root: PathBuf::from("public"),
        live: None,
        routes: None,
    })
    .err()
    .expect("the port is taken");
    let prefix = format!("port {port} on 127.0.0.1 is in use: try --port ");
    let suggested: u16 = error
        .strip_prefix(&prefix)
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{error}"));
    assert_ne!(suggested, port);
    // Free when checked (another process could take it since, but not on a quiet machine).
    drop(TcpListener::bind(("127.0.0.1", suggested)).expect("the suggested port is free"));
}

/// Opens a served page in headless Chromium, makes a build fail, sees the overlay (also on a
/// page opened while failing), then a good build, and sees the page reload without it.
#[test]
fn the_browser_shows_the_error_overlay_and_reloads_after_the_fix() {
    let Some(tools) = common::browser_tools() else {
        return;
    };
    let output = Output::new();
    let live = LiveState::new();
    let addr = output.serve(Some(live.clone()));
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser/live_reload.mjs");
    let mut node = Command::new("node")
        .args([script, &format!("http://{addr}/articles/a/"), tools])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    let mut to_node = node.stdin.take().expect("stdin");
    let mut from_node = BufReader::new(node.stdout.take().expect("stdout"));
    let mut step = |expected: &str| -> serde_json::Value {
        let mut line = String::new();
        from_node.read_line(&mut line).expect("read from node");
        let value: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|_| {
            let _ = node.kill();
            let status = node.wait();
            panic!("node said {line:?} instead of step {expected} ({status:?})");
        });
        assert_eq!(value["step"], expected, "{value}");
        value
    };

    step("loaded");
    let message =
        "content/articles/x.md:3:7: `date`: found `2025-13-01`; expected a date like 2025-08-20";
    live.failed(format!(
        "{message}\ncontent/models/y.md:2:1: `title`: missing"
    ));
    writeln!(to_node, "failed").expect("tell node");
    let overlay = step("overlay");
    assert!(
        overlay["text"]
            .as_str()
            .is_some_and(|t| t.contains(message) && t.contains("content/models/y.md:2:1")),
        "{overlay}"
    );
    assert!(
        overlay["width"].as_f64().is_some_and(|w| w <= 360.0),
        "the overlay fits a 360 px phone: {overlay}"
    );
    assert_eq!(overlay["pageStillThere"], true, "{overlay}");
    let opened = step("opened-while-failing");
    assert!(
        opened["text"].as_str().is_some_and(|t| t.contains(message)),
        "{opened}"
    );
    assert_eq!(
        opened["closed"], true,
        "the close button hides the overlay: {opened}"
    );

    live.reloaded();
    writeln!(to_node, "reloaded").expect("tell node");
    let fixed = step("reloaded");
    assert_eq!(fixed["overlays"], 0, "{fixed}");
    assert_eq!(fixed["markerGone"], true, "the page was reloaded: {fixed}");
    assert!(
        fixed["text"].as_str().is_some_and(|t| t.contains("Bài A")),
        "{fixed}"
    );
    drop(to_node);
    let status = node.wait().expect("node ends");
    assert!(status.success(), "node: {status}");
}
