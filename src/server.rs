//! The HTTP server of `bantin serve` and `bantin print`: serves the output folder (and never a
//! file outside it) on loopback and, for `serve`, adds a live-reload script to the HTML it
//! sends, so that open pages reload after each rebuild or show the build's errors over the
//! last good page. Files on disk are never changed.
//!
//! std::net with a thread per connection: a local preview has a handful of clients, and each
//! connection is bounded (a deadline for each whole request head however its bytes are
//! spaced, a write timeout, a header size limit, a connection cap with a 503 beyond it).

use crate::date::{http_date, parse_http_date};
use crate::messages::Text;
use crate::t;
use std::fs::{File, Metadata};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The reserved path of the live-reload event stream (no file of a site can be served there).
pub const LIVE_PATH: &str = "/__bantin/live";

/// Request line and headers together; browsers send a few hundred bytes.
const HEAD_LIMIT: usize = 16 * 1024;
/// How long a client may take to send a whole request head, counted from the end of the
/// previous answer: so also how long an idle keep-alive connection is kept. A client that
/// sends one byte a second is cut off at this deadline, not kept as long as it keeps dripping.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Comment lines on the event stream, so that a closed tab's connection fails a write and
/// its thread ends.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// Connections served at once; more get a 503 (each open page holds one for live reload).
const MAX_CONNECTIONS: usize = 256;
/// Requests on one keep-alive connection.
const MAX_REQUESTS: usize = 1000;
/// Ports tried after a taken one when suggesting another.
const PORT_SEARCH: u16 = 50;

// ------------------------------------------------------------------ live state

/// Shared between the rebuild loop and the server: the generation of the last good build and
/// the current error. Every change wakes the open event streams.
pub struct LiveState {
    state: Mutex<Live>,
    changed: Condvar,
}

#[derive(Clone)]
struct Live {
    /// Counts good builds: a page served at an older generation is stale.
    generation: u64,
    /// The last build's error, while it lasts.
    error: Option<String>,
    /// Counts every change, so that a second failure (even with the same message) is sent too.
    version: u64,
    /// When the last good build was announced: HTML carries the script of its generation, so
    /// it is never older than that for `If-Modified-Since`.
    reloaded_at: SystemTime,
}

impl LiveState {
    pub fn new() -> Arc<LiveState> {
        Arc::new(LiveState {
            state: Mutex::new(Live {
                generation: 0,
                error: None,
                version: 0,
                reloaded_at: SystemTime::now(),
            }),
            changed: Condvar::new(),
        })
    }

    /// A rebuild succeeded: open pages reload (and any error overlay goes away).
    pub fn reloaded(&self) {
        let mut live = self.lock();
        live.generation += 1;
        live.error = None;
        live.version += 1;
        live.reloaded_at = SystemTime::now();
        drop(live);
        self.changed.notify_all();
    }

    /// A rebuild failed: open pages show `message` (plain text, several lines:
    /// file:line:col: ...) in an overlay; the last good pages keep being served.
    pub fn failed(&self, message: String) {
        let mut live = self.lock();
        live.error = Some(message);
        live.version += 1;
        drop(live);
        self.changed.notify_all();
    }

    /// A panic elsewhere while holding the lock leaves plain data behind: keep using it.
    fn lock(&self) -> MutexGuard<'_, Live> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn snapshot(&self) -> Live {
        self.lock().clone()
    }

    /// The state once its version differs from `seen`, or `None` after `timeout`.
    fn wait_change(&self, seen: u64, timeout: Duration) -> Option<Live> {
        let guard = self.lock();
        let (guard, result) = self
            .changed
            .wait_timeout_while(guard, timeout, |l| l.version == seen)
            .unwrap_or_else(|e| e.into_inner());
        (!result.timed_out()).then(|| guard.clone())
    }
}

// ------------------------------------------------------------------ server

pub struct ServerOptions {
    pub bind: IpAddr,
    /// 0: any free port (see [`Server::local_addr`]).
    pub port: u16,
    /// The output folder. It may be missing or swapped by a rebuild while serving: it is
    /// resolved again on every request.
    pub root: PathBuf,
    /// `None`: no live-reload script and no event stream (`bantin print`).
    pub live: Option<Arc<LiveState>>,
}

pub struct Server {
    listener: TcpListener,
    context: Arc<Context>,
}

/// What every connection thread needs.
struct Context {
    root: PathBuf,
    live: Option<Arc<LiveState>>,
    connections: AtomicUsize,
}

impl Server {
    /// Binds; a taken port gives `Err("port 1111 on 127.0.0.1 is in use: try --port 1112")`
    /// with a port checked to be free at that moment.
    pub fn bind(options: ServerOptions) -> Result<Server, Text> {
        let ServerOptions {
            bind,
            port,
            root,
            live,
        } = options;
        let listener = TcpListener::bind((bind, port)).map_err(|e| {
            if e.kind() == io::ErrorKind::AddrInUse {
                let free = (1..=PORT_SEARCH)
                    .filter_map(|step| port.checked_add(step))
                    .find(|p| TcpListener::bind((bind, *p)).is_ok());
                match free {
                    Some(free) => t!(
                        "serve-port-in-use",
                        port = port,
                        bind = bind.to_string(),
                        free = free
                    ),
                    None => t!(
                        "serve-port-in-use-no-free",
                        port = port,
                        bind = bind.to_string()
                    ),
                }
            } else {
                t!(
                    "serve-cannot-listen",
                    address = SocketAddr::new(bind, port).to_string(),
                    error = crate::messages::io_error(&e)
                )
            }
        })?;
        Ok(Server {
            listener,
            context: Arc::new(Context {
                root,
                live,
                connections: AtomicUsize::new(0),
            }),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        // A bound listener always has an address; the fallback only keeps this infallible.
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::new(IpAddr::from([127, 0, 0, 1]), 0))
    }

    /// Serves on a background thread until the process ends, one thread per connection.
    pub fn spawn(self) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || {
            for stream in self.listener.incoming() {
                match stream {
                    Ok(stream) => accept(stream, &self.context),
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    Err(_) => std::thread::sleep(Duration::from_millis(50)),
                }
            }
        })
    }
}

/// Gives the connection its own thread, or a 503 when too many are open.
fn accept(mut stream: TcpStream, context: &Arc<Context>) {
    if context.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
        context.connections.fetch_sub(1, Ordering::SeqCst);
        // Written from the accepting thread: a client that does not read may not hold it.
        let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
        let _ = write_response(
            &mut stream,
            Response::text(503, "bantin: too many connections; try again\n"),
            false,
            false,
        );
        return;
    }
    let inner = Arc::clone(context);
    let spawned = std::thread::Builder::new()
        .name("bantin-http".into())
        .spawn(move || {
            let _count = Counted(&inner.connections);
            connection(stream, &inner);
        });
    if spawned.is_err() {
        // No thread: the stream was dropped with the closure, the client sees it close.
        context.connections.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Gives back a connection's place in the count however its thread ends.
struct Counted<'a>(&'a AtomicUsize);

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Answers the requests of one connection (keep-alive) until it closes, times out or asks for
/// the event stream, which keeps the connection.
fn connection(stream: TcpStream, context: &Context) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(TimedRead {
        stream: read_half,
        deadline: Instant::now() + HEAD_DEADLINE,
    });
    let mut writer = stream;
    for _ in 0..MAX_REQUESTS {
        reader.get_mut().deadline = Instant::now() + HEAD_DEADLINE;
        let request = match read_request(&mut reader) {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(HeadError::TooLarge) => {
                let response = Response::text(431, "bantin: request headers too large\n");
                let _ = write_response(&mut writer, response, false, false);
                return lingering_close(&mut reader, &writer);
            }
            Err(HeadError::Malformed) => {
                let _ = write_response(&mut writer, Response::bad_request(), false, false);
                return lingering_close(&mut reader, &writer);
            }
            Err(HeadError::Io) => return,
        };
        let head_only = request.method == "HEAD";
        // A body we do not read would be taken for the next request: close after answering.
        let keep_alive = request.keep_alive() && !request.has_body();
        if let Some(live) = &context.live
            && request.path() == LIVE_PATH
            && matches!(request.method.as_str(), "GET" | "HEAD")
        {
            event_stream(&mut writer, live, request.query(), head_only);
            return;
        }
        let response = respond(&request, context);
        if write_response(&mut writer, response, head_only, keep_alive).is_err() {
            return;
        }
        if !keep_alive {
            return lingering_close(&mut reader, &writer);
        }
    }
}

/// The read side of a connection: every read waits at most until `deadline`, so that the
/// time allowed for a request head is for the whole head, not for each byte of it.
struct TimedRead {
    stream: TcpStream,
    deadline: Instant,
}

impl Read for TimedRead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "deadline passed"));
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// Closing a socket that still has unread input resets the connection, and the client may
/// lose the answer just sent: stop writing, then read and drop what is left, for a moment.
fn lingering_close(reader: &mut BufReader<TimedRead>, writer: &TcpStream) {
    let _ = writer.shutdown(Shutdown::Write);
    reader.get_mut().deadline = Instant::now() + Duration::from_secs(2);
    let mut sink = [0u8; 8192];
    loop {
        match reader.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

// ------------------------------------------------------------------ requests

struct Request {
    method: String,
    /// As sent: still percent-encoded.
    target: String,
    http_1_0: bool,
    /// Names in lower case.
    headers: Vec<(String, String)>,
}

enum HeadError {
    TooLarge,
    Malformed,
    Io,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn keep_alive(&self) -> bool {
        let connection = self.header("connection").unwrap_or("").to_ascii_lowercase();
        if self.http_1_0 {
            connection.contains("keep-alive")
        } else {
            !connection.contains("close")
        }
    }

    fn has_body(&self) -> bool {
        self.header("transfer-encoding").is_some()
            || self
                .header("content-length")
                .is_some_and(|n| n.trim() != "0")
    }

    /// The target without query and fragment (an absolute-form target loses its authority).
    fn path(&self) -> &str {
        let target = self.target.as_str();
        let target = match target
            .strip_prefix("http://")
            .or_else(|| target.strip_prefix("https://"))
        {
            Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
            None => target,
        };
        target.split(['?', '#']).next().unwrap_or("")
    }

    fn query(&self) -> &str {
        let without_fragment = self.target.split('#').next().unwrap_or("");
        without_fragment
            .split_once('?')
            .map_or("", |(_, query)| query)
    }
}

/// Reads one request head (by the reader's deadline); `Ok(None)` when the client closed (or
/// went idle) between requests.
fn read_request(reader: &mut BufReader<TimedRead>) -> Result<Option<Request>, HeadError> {
    let mut lines: Vec<String> = Vec::new();
    let mut total = 0;
    loop {
        let mut line = Vec::new();
        let limit = (HEAD_LIMIT - total) as u64;
        let read = match reader.by_ref().take(limit).read_until(b'\n', &mut line) {
            Ok(n) => n,
            Err(_) if lines.is_empty() && line.is_empty() => return Ok(None),
            Err(_) => return Err(HeadError::Io),
        };
        total += read;
        if read == 0 || !line.ends_with(b"\n") {
            if lines.is_empty() && line.is_empty() {
                return Ok(None);
            }
            return Err(if total >= HEAD_LIMIT {
                HeadError::TooLarge
            } else {
                HeadError::Io
            });
        }
        let text = String::from_utf8(line).map_err(|_| HeadError::Malformed)?;
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            // Empty lines before a request line are tolerated (RFC 9112 §2.2).
            if lines.is_empty() {
                continue;
            }
            break;
        }
        lines.push(text.to_string());
    }
    let Some((request_line, header_lines)) = lines.split_first() else {
        return Err(HeadError::Malformed);
    };
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed);
    };
    if method.is_empty()
        || !method.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
        || !matches!(version, "HTTP/1.1" | "HTTP/1.0")
    {
        return Err(HeadError::Malformed);
    }
    let mut headers = Vec::new();
    for line in header_lines {
        let (name, value) = line.split_once(':').ok_or(HeadError::Malformed)?;
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(HeadError::Malformed);
        }
        headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
    }
    Ok(Some(Request {
        method: method.to_string(),
        target: target.to_string(),
        http_1_0: version == "HTTP/1.0",
        headers,
    }))
}

// ------------------------------------------------------------------ responses

struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

enum Body {
    Bytes(Vec<u8>),
    /// A file and its length, streamed.
    File(File, u64),
}

impl Response {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: Body::Bytes(body),
        }
    }

    fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    fn bad_request() -> Response {
        Response::text(400, "bantin: bad request\n")
    }

    fn with(mut self, name: &'static str, value: String) -> Response {
        self.headers.push((name, value));
        self
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn now_secs() -> i64 {
    unix_secs(SystemTime::now())
}

fn unix_secs(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn write_response(
    out: &mut TcpStream,
    response: Response,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let length = match &response.body {
        Body::Bytes(bytes) => bytes.len() as u64,
        Body::File(_, length) => *length,
    };
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nDate: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n",
        response.status,
        reason(response.status),
        http_date(now_secs())
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if response.status != 304 {
        head.push_str(&format!("Content-Length: {length}\r\n"));
    }
    head.push_str(if keep_alive {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    out.write_all(head.as_bytes())?;
    if !head_only && response.status != 304 {
        match response.body {
            Body::Bytes(bytes) => out.write_all(&bytes)?,
            Body::File(file, length) => {
                let copied = io::copy(&mut file.take(length), out)?;
                if copied != length {
                    // The file shrank under us: the promised length cannot be kept.
                    return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "file shrank"));
                }
            }
        }
    }
    out.flush()
}

/// The answer to a GET or HEAD of anything but the event stream.
fn respond(request: &Request, context: &Context) -> Response {
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Response::text(405, "bantin: only GET and HEAD are served\n")
            .with("Allow", "GET, HEAD".into());
    }
    let path = request.path();
    // Only visible ASCII: nothing that could end a header line when echoed in `Location`.
    if !path.starts_with('/') || !path.bytes().all(|b| b.is_ascii_graphic()) {
        return Response::bad_request();
    }
    let Some(segments) = decode_path(path) else {
        return Response::bad_request();
    };
    let live = context.live.as_deref();
    match resolve(&context.root, &segments, path.ends_with('/')) {
        Found::File(file) => serve_file(request, &file, live),
        Found::Directory => {
            let query = request.query();
            let location = if query.is_empty() {
                format!("{path}/")
            } else if query.bytes().all(|b| b.is_ascii_graphic()) {
                format!("{path}/?{query}")
            } else {
                format!("{path}/")
            };
            Response::text(301, &format!("bantin: moved to {location}\n"))
                .with("Location", location)
        }
        Found::Nothing => not_found(&context.root, path, live),
        Found::NoRoot => {
            fallback_page(503, &format!("bantin: {}", t!("serve-not-built-yet")), live)
                .with("Retry-After", "1".into())
        }
    }
}

/// The path's segments, percent-decoded; `None` (400) for an encoded `/`, a `\`, a NUL, a
/// bad escape, invalid UTF-8, or a `.` or `..` segment, raw or encoded: browsers resolve
/// those before asking, so only a crafted request has them.
fn decode_path(path: &str) -> Option<Vec<String>> {
    let mut segments = Vec::new();
    for raw in path.split('/').filter(|s| !s.is_empty()) {
        let bytes = percent_decode_strict(raw)?;
        let segment = String::from_utf8(bytes).ok()?;
        if segment.contains(['/', '\\', '\0']) {
            return None;
        }
        let mut components = Path::new(&segment).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(c)), None) if c == segment.as_str() => {}
            _ => return None,
        }
        segments.push(segment);
    }
    Some(segments)
}

/// Percent-decoding that refuses malformed escapes (`%zz`, `%4`) instead of passing them on.
fn percent_decode_strict(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

enum Found {
    /// A regular file inside the root (canonical path).
    File(PathBuf),
    /// A directory asked for without its trailing slash.
    Directory,
    Nothing,
    /// The output folder itself is missing.
    NoRoot,
}

/// Finds the file for `segments`: symlinks are followed, but whatever they lead to must be
/// inside the (canonical) root; a directory gives its `index.html`.
fn resolve(root: &Path, segments: &[String], trailing_slash: bool) -> Found {
    let Ok(root) = root.canonicalize() else {
        return Found::NoRoot;
    };
    let inside = |path: &Path| -> Option<(PathBuf, Metadata)> {
        let real = path.canonicalize().ok()?;
        if !real.starts_with(&root) {
            return None;
        }
        let metadata = std::fs::metadata(&real).ok()?;
        Some((real, metadata))
    };
    let wanted: PathBuf = segments.iter().fold(root.clone(), |p, s| p.join(s));
    let Some((real, metadata)) = inside(&wanted) else {
        return Found::Nothing;
    };
    if metadata.is_dir() {
        if !trailing_slash {
            return Found::Directory;
        }
        return match inside(&real.join("index.html")) {
            Some((index, m)) if m.is_file() => Found::File(index),
            _ => Found::Nothing,
        };
    }
    // `/style.css/` is not the stylesheet: relative links would resolve wrongly.
    if metadata.is_file() && !trailing_slash {
        Found::File(real)
    } else {
        Found::Nothing
    }
}

fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// A file with its validators; HTML gets the live-reload script when serving live.
fn serve_file(request: &Request, path: &Path, live: Option<&LiveState>) -> Response {
    let Ok(mut file) = File::open(path) else {
        return Response::text(404, "bantin: not found\n");
    };
    let Ok(metadata) = file.metadata() else {
        return Response::text(404, "bantin: not found\n");
    };
    let kind = content_type(path);
    let modified = metadata.modified().ok();
    let length = metadata.len();
    let snapshot = live
        .filter(|_| kind.starts_with("text/html"))
        .map(LiveState::snapshot);
    // Same length and modification time: same file (the build rewrites every file). Served
    // live, the page also carries its generation.
    let etag = modified
        .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
        .map(|m| {
            let generation = snapshot
                .as_ref()
                .map(|s| format!("-g{}", s.generation))
                .unwrap_or_default();
            format!("\"{length:x}-{:x}{generation}\"", m.as_nanos())
        });
    let last_modified = modified.map(|m| {
        let page = unix_secs(m);
        snapshot
            .as_ref()
            .map_or(page, |s| page.max(unix_secs(s.reloaded_at)))
    });
    let mut validators = Vec::new();
    if let Some(etag) = &etag {
        validators.push(("ETag", etag.clone()));
    }
    if let Some(secs) = last_modified {
        validators.push(("Last-Modified", http_date(secs)));
    }
    if not_modified(request, etag.as_deref(), last_modified) {
        let mut response = Response::new(304, kind, Vec::new());
        response.headers.extend(validators);
        return response;
    }
    let body = match &snapshot {
        Some(state) => {
            let mut html = Vec::with_capacity(length.min(1 << 24) as usize + 4096);
            if file.read_to_end(&mut html).is_err() {
                return Response::text(404, "bantin: not found\n");
            }
            Body::Bytes(inject(html, state.generation))
        }
        None => Body::File(file, length),
    };
    let mut response = Response::new(200, kind, Vec::new());
    response.body = body;
    response.headers.extend(validators);
    response
}

/// `If-None-Match` (weak comparison, as for GET) wins over `If-Modified-Since` (RFC 9110 §13.2.2).
fn not_modified(request: &Request, etag: Option<&str>, last_modified: Option<i64>) -> bool {
    if let Some(tags) = request.header("if-none-match") {
        let Some(etag) = etag else {
            return false;
        };
        let opaque = |t: &str| t.trim().trim_start_matches("W/").to_string();
        return tags
            .split(',')
            .any(|t| t.trim() == "*" || opaque(t) == opaque(etag));
    }
    match (
        request
            .header("if-modified-since")
            .and_then(parse_http_date),
        last_modified,
    ) {
        (Some(since), Some(modified)) => modified <= since,
        _ => false,
    }
}

/// The site's `404.html` with status 404, or a short page when the site has none.
fn not_found(root: &Path, path: &str, live: Option<&LiveState>) -> Response {
    if let Found::File(page) = resolve(root, &["404.html".to_string()], false)
        && let Ok(html) = std::fs::read(&page)
    {
        let html = match live {
            Some(live) => inject(html, live.snapshot().generation),
            None => html,
        };
        return Response::new(404, "text/html; charset=utf-8", html);
    }
    fallback_page(
        404,
        &format!("bantin: nothing at {path} (and the site has no 404.html)"),
        live,
    )
}

/// Plain text; served live, a minimal HTML page instead, so that the script can still show a
/// failing first build and reload once it is fixed.
fn fallback_page(status: u16, message: &str, live: Option<&LiveState>) -> Response {
    match live {
        None => Response::text(status, &format!("{message}\n")),
        Some(live) => {
            let html = format!(
                "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>bantin</title></head>\n<body><p>{}</p></body></html>\n",
                crate::text::escape_html(message)
            );
            let html = inject(html.into_bytes(), live.snapshot().generation);
            Response::new(status, "text/html; charset=utf-8", html)
        }
    }
}

// ------------------------------------------------------------------ live reload

/// The script added to served HTML, before the last `</body>` (or at the end). `since` tells
/// the event stream which build the page comes from, so a rebuild that lands between the
/// page load and the stream's connection still reloads it.
fn inject(mut html: Vec<u8>, generation: u64) -> Vec<u8> {
    let script = LIVE_SCRIPT.replace("{since}", &generation.to_string());
    let at = rfind_ascii_case_insensitive(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, script.into_bytes());
    html
}

fn rfind_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// Live reload and the error overlay. The overlay lives in a shadow root so that the site's
/// CSS cannot restyle it, and takes the message as text (never as HTML). The stream's own
/// `error` events (connection lost) carry no data: EventSource reconnects by itself.
const LIVE_SCRIPT: &str = r#"<script data-bantin-live>
(function () {
  if (!window.EventSource) return;
  var source = new EventSource("/__bantin/live?since={since}");
  source.addEventListener("reload", function () { source.close(); location.reload(); });
  source.addEventListener("error", function (event) {
    if (typeof event.data !== "string") return;
    var message = event.data;
    try { message = JSON.parse(event.data); } catch (e) {}
    show(String(message));
  });
  function show(message) {
    var host = document.getElementById("bantin-live-overlay");
    if (host) host.remove();
    host = document.createElement("div");
    host.id = "bantin-live-overlay";
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var style = document.createElement("style");
    style.textContent =
      ".backdrop{position:fixed;top:0;right:0;bottom:0;left:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(0,0,0,.55);padding:12px;box-sizing:border-box;-webkit-text-size-adjust:100%}" +
      ".panel{position:relative;max-width:60rem;margin:0 auto;background:#fff;color:#111;" +
      "border-top:6px solid #b00020;padding:14px 14px 12px;box-sizing:border-box;" +
      "font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;box-shadow:0 4px 24px rgba(0,0,0,.5)}" +
      "h2{margin:0 52px 10px 0;font-size:18px;line-height:1.3;color:#b00020}" +
      "pre{margin:0;padding:10px;background:#fff4f4;color:#111;border:1px solid #d8a0a0;" +
      "white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.5 ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace}" +
      ".line{display:block;padding-left:1.5em;text-indent:-1.5em}.line+.line{margin-top:6px}" +
      "b{color:#7a0015}" +
      "p{margin:10px 0 0;font-size:14px;color:#333}" +
      "button{position:absolute;top:6px;right:6px;width:44px;height:44px;border:0;background:#111;" +
      "color:#fff;font:24px/1 sans-serif;cursor:pointer;border-radius:4px}" +
      "button:focus{outline:3px solid #ffbf47}";
    var backdrop = document.createElement("div");
    backdrop.className = "backdrop";
    backdrop.setAttribute("role", "alertdialog");
    backdrop.setAttribute("aria-label", "bantin: build failed");
    var panel = document.createElement("div");
    panel.className = "panel";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Đóng / Close");
    close.onclick = function () { host.remove(); };
    var title = document.createElement("h2");
    title.textContent = "Bản dựng có lỗi · Build failed";
    var pre = document.createElement("pre");
    // One block per line with a hanging indent, the file:line:column in bold.
    message.split("\n").forEach(function (line) {
      var row = document.createElement("span");
      row.className = "line";
      var at = /^(\S+?:\d+(?::\d+)?:)(.*)$/.exec(line);
      if (at) {
        var where = document.createElement("b");
        where.textContent = at[1];
        row.appendChild(where);
        row.appendChild(document.createTextNode(at[2]));
      } else {
        row.textContent = line;
      }
      pre.appendChild(row);
    });
    var note = document.createElement("p");
    note.textContent = "Trang đang hiện là bản dựng tốt gần nhất; sửa tệp rồi lưu, trang sẽ tự tải lại. " +
      "This is the last good build; fix the file and save, and the page reloads by itself.";
    panel.appendChild(close);
    panel.appendChild(title);
    panel.appendChild(pre);
    panel.appendChild(note);
    backdrop.appendChild(panel);
    root.appendChild(style);
    root.appendChild(backdrop);
    (document.body || document.documentElement).appendChild(host);
  }
})();
</script>
"#;

/// `GET /__bantin/live?since=N`: an event stream. On connect it sends the current state
/// (`error` while a build is failing, `reload` when the page's generation is stale), then
/// each change; a comment every [`HEARTBEAT`]. It ends when a write fails.
fn event_stream(out: &mut TcpStream, live: &LiveState, query: &str, head_only: bool) {
    let head = format!(
        "HTTP/1.1 200 OK\r\nDate: {}\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        http_date(now_secs())
    );
    if out.write_all(head.as_bytes()).is_err() || head_only {
        return;
    }
    let since: Option<u64> = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse().ok());
    let mut state = live.snapshot();
    // Reconnect quickly after a server restart (the default is about 3 s).
    let mut first = String::from("retry: 1000\n\n");
    first.push_str(&match (&state.error, since) {
        (Some(message), _) => error_event(message),
        (None, Some(since)) if since != state.generation => reload_event(state.generation),
        (None, _) => format!(": connected at generation {}\n\n", state.generation),
    });
    if send(out, &first).is_err() {
        return;
    }
    loop {
        let message = match live.wait_change(state.version, HEARTBEAT) {
            None => ": heartbeat\n\n".to_string(),
            Some(next) => {
                state = next;
                match &state.error {
                    Some(message) => error_event(message),
                    None => reload_event(state.generation),
                }
            }
        };
        if send(out, &message).is_err() {
            return;
        }
    }
}

fn send(out: &mut TcpStream, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.flush()
}

fn reload_event(generation: u64) -> String {
    format!("event: reload\ndata: {generation}\n\n")
}

/// The message as one JSON string: JSON escapes newlines, so it fits one `data:` line.
fn error_event(message: &str) -> String {
    let json = serde_json::to_string(message).unwrap_or_else(|_| "\"\"".into());
    format!("event: error\ndata: {json}\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_refuses_what_could_climb_or_split_a_segment() {
        for bad in [
            "/../x",
            "/a/%2e%2e/x",
            "/%2E%2E/x",
            "/.%2e/x",
            "/a%2fb",
            "/a%2Fb",
            "/..%2f",
            "/a%5cb",
            "/a\\b",
            "/a%00",
            "/%ff",
            "/a%zz",
            "/a%4",
            "/./x",
        ] {
            assert_eq!(decode_path(bad), None, "{bad}");
        }
        assert_eq!(
            decode_path("/tin-t%E1%BB%A9c//a.css"),
            Some(vec!["tin-tức".to_string(), "a.css".to_string()])
        );
        assert_eq!(decode_path("/"), Some(vec![]));
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>&lt;/body&gt;</p></BODY></html>".to_vec();
        let out = String::from_utf8(inject(html, 7)).unwrap_or_default();
        let script = out.find("<script data-bantin-live>").unwrap_or(usize::MAX);
        assert!(script < out.find("</BODY>").unwrap_or(0), "{out}");
        assert!(out.contains("since=7"), "{out}");
        let bare = String::from_utf8(inject(b"<p>x".to_vec(), 0)).unwrap_or_default();
        assert!(bare.starts_with("<p>x<script"), "{bare}");
    }

    #[test]
    fn error_event_is_one_data_line() {
        let event = error_event("a.md:3:7: `date`: bad\nb.md:1:1: x");
        assert_eq!(
            event.lines().filter(|l| !l.is_empty()).count(),
            2,
            "{event}"
        );
        assert!(event.ends_with("\n\n"));
    }
}
