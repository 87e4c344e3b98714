//! The HTTP server of `bantin serve` and `bantin print`: serves the output folder (and never a
//! file outside it) on loopback and, for `serve`, adds a live-reload script to the HTML it
//! sends, so that open pages reload after each rebuild or show the build's errors over the
//! last good page. Files on disk are never changed.
//!
//! hyper (HTTP/1.1) under an axum router on a tokio runtime of its own thread: the parsing of
//! requests is hyper's, and each connection is bounded (a deadline for each whole request head,
//! counted from the end of the previous answer, a header size limit, a connection cap with a
//! 503 beyond it). The file-serving rules (paths, symlinks, validators, the 404 page) are ours
//! and run on blocking threads.

use crate::date::{http_date, parse_http_date};
use crate::messages::Text;
use crate::t;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use std::fs::{File, Metadata};
use std::io;
use std::io::Read;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::io::AsyncWriteExt;
use tokio::sync::watch;
use tower::util::ServiceExt;

/// The reserved path of the live-reload event stream (no file of a site can be served there).
pub const LIVE_PATH: &str = "/__bantin/live";

/// Request line and headers together; browsers send a few hundred bytes.
const HEAD_LIMIT: usize = 16 * 1024;
/// How long a client may take to send a whole request head, counted from the end of the
/// previous answer: so also how long an idle keep-alive connection is kept. A client that
/// sends one byte a second is cut off at this deadline, not kept as long as it keeps dripping.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// Comment lines on the event stream, so that a closed tab's connection fails a write and
/// its task ends.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// Connections served at once; more get a 503 (each open page holds one for live reload).
const MAX_CONNECTIONS: usize = 256;
/// Ports tried after a taken one when suggesting another.
const PORT_SEARCH: u16 = 50;

// ------------------------------------------------------------------ live state

/// Shared between the rebuild loop and the server: the generation of the last good build and
/// the current error. Every change wakes the open event streams.
pub struct LiveState {
    state: watch::Sender<Live>,
}

#[derive(Clone)]
struct Live {
    /// Counts good builds: a page served at an older generation is stale.
    generation: u64,
    /// The last build's error, while it lasts.
    error: Option<String>,
    /// When the last good build was announced: HTML carries the script of its generation, so
    /// it is never older than that for `If-Modified-Since`.
    reloaded_at: SystemTime,
}

impl LiveState {
    pub fn new() -> Arc<LiveState> {
        let (state, _) = watch::channel(Live {
            generation: 0,
            error: None,
            reloaded_at: SystemTime::now(),
        });
        Arc::new(LiveState { state })
    }

    /// A rebuild succeeded: open pages reload (and any error overlay goes away).
    pub fn reloaded(&self) {
        self.state.send_modify(|live| {
            live.generation += 1;
            live.error = None;
            live.reloaded_at = SystemTime::now();
        });
    }

    /// A rebuild failed: open pages show `message` (plain text, several lines:
    /// file:line:col: ...) in an overlay; the last good pages keep being served. A second
    /// failure, even with the same message, is sent too.
    pub fn failed(&self, message: String) {
        self.state.send_modify(|live| live.error = Some(message));
    }

    fn snapshot(&self) -> Live {
        self.state.borrow().clone()
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
    /// More routes, tried before the files (the studio's).
    pub routes: Option<Router>,
}

pub struct Server {
    listener: TcpListener,
    context: Arc<Context>,
    routes: Option<Router>,
}

/// What every request needs.
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
            routes,
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
            routes,
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

    /// Serves on a background thread (with a runtime of its own) until the process ends.
    pub fn spawn(self) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                // Reading a file takes a moment: a few threads serve hundreds of connections.
                .max_blocking_threads(8)
                .thread_name("bantin-http")
                .enable_all()
                .build();
            // Without a runtime (no threads or timers left) nothing can be served: pages
            // then fail to load, which the browser shows.
            if let Ok(runtime) = runtime {
                let router = router(self.context.clone(), self.routes);
                runtime.block_on(accept_loop(self.listener, self.context, router));
            }
        })
    }
}

/// The routes: the event stream, `more` (the studio's), then the files of the output.
fn router(context: Arc<Context>, more: Option<Router>) -> Router {
    let files = Router::new()
        .route(LIVE_PATH, axum::routing::get(event_stream))
        .fallback(files)
        .with_state(context);
    match more {
        Some(more) => more.merge(files),
        None => files,
    }
}

async fn accept_loop(listener: TcpListener, context: Arc<Context>, router: Router) {
    let listener = match listener
        .set_nonblocking(true)
        .and_then(|()| tokio::net::TcpListener::from_std(listener))
    {
        Ok(listener) => listener,
        Err(_) => return,
    };
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait a moment rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        if context.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            context.connections.fetch_sub(1, Ordering::SeqCst);
            tokio::spawn(refuse(stream));
            continue;
        }
        let counted = Counted(Arc::clone(&context));
        let router = router.clone();
        tokio::spawn(async move {
            let _counted = counted;
            let _ = stream.set_nodelay(true);
            let activity = Arc::new(Activity::new());
            let service = {
                let activity = Arc::clone(&activity);
                hyper::service::service_fn(move |request| {
                    let busy = Busy::begin(&activity);
                    let answer = router.clone().oneshot(request);
                    async move {
                        let response = answer.await?;
                        Ok::<_, std::convert::Infallible>(
                            response.map(|body| Body::new(Guarded { body, _busy: busy })),
                        )
                    }
                })
            };
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEAD_DEADLINE)
                .max_header_size(HEAD_LIMIT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            // hyper bounds a request head from its first byte; the idle time before it (on a
            // kept-alive connection) is bounded here. Dropping the connection closes it.
            tokio::select! {
                _ = connection => {}
                _ = activity.idle_too_long() => {}
            }
        });
    }
}

/// Whether a connection is answering (a response is being sent: an event stream for as long
/// as it lasts) and since when it has been idle.
struct Activity {
    busy: AtomicUsize,
    idle_since: std::sync::Mutex<tokio::time::Instant>,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            busy: AtomicUsize::new(0),
            idle_since: std::sync::Mutex::new(tokio::time::Instant::now()),
        }
    }

    /// Returns once the connection has been idle for [`HEAD_DEADLINE`].
    async fn idle_too_long(&self) {
        loop {
            let since = *self.idle_since.lock().unwrap_or_else(|e| e.into_inner());
            let deadline = since + HEAD_DEADLINE;
            if self.busy.load(Ordering::SeqCst) == 0 && tokio::time::Instant::now() >= deadline {
                return;
            }
            tokio::time::sleep_until(
                deadline.max(tokio::time::Instant::now()) + Duration::from_millis(100),
            )
            .await;
        }
    }
}

/// One request being answered; the connection is idle again once its response is sent.
struct Busy(Arc<Activity>);

impl Busy {
    fn begin(activity: &Arc<Activity>) -> Busy {
        activity.busy.fetch_add(1, Ordering::SeqCst);
        Busy(Arc::clone(activity))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        *self.0.idle_since.lock().unwrap_or_else(|e| e.into_inner()) = tokio::time::Instant::now();
        self.0.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A response body that keeps its request [`Busy`] until it is sent (or dropped).
struct Guarded {
    body: Body,
    _busy: Busy,
}

impl http_body::Body for Guarded {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::pin::Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// A connection beyond the cap: a 503 at once, and closed (a client that does not read gets
/// a second).
async fn refuse(mut stream: tokio::net::TcpStream) {
    let body = "bantin: too many connections; try again\n";
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = stream.write_all(answer.as_bytes()).await;
        let _ = stream.shutdown().await;
    })
    .await;
}

/// Gives back a connection's place in the count however its task ends.
struct Counted(Arc<Context>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.connections.fetch_sub(1, Ordering::SeqCst);
    }
}

// ------------------------------------------------------------------ responses

/// The headers every answer carries.
fn with_common_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn answer(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

fn text_answer(status: u16, text: &str) -> Response {
    answer(
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
    )
}

/// Browsers never send what gets this: the connection is closed after it.
fn bad_request() -> Response {
    with_header(
        text_answer(400, "bantin: bad request\n"),
        header::CONNECTION,
        "close",
    )
}

fn with_header(mut response: Response, name: header::HeaderName, value: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
    response
}

fn unix_secs(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// What the file rules need of a request.
struct Asked {
    method: Method,
    /// As sent: still percent-encoded, without query.
    path: String,
    query: String,
    headers: HeaderMap,
}

impl Asked {
    fn header(&self, name: header::HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Every request that is not the event stream: a file of the output, on a blocking thread.
async fn files(State(context): State<Arc<Context>>, request: Request) -> Response {
    let uri = request.uri();
    // `CONNECT host:port` and `OPTIONS *` forms name no file.
    if uri.authority().is_some() && uri.scheme().is_none() {
        return with_common_headers(bad_request());
    }
    let asked = Asked {
        method: request.method().clone(),
        path: uri.path().to_string(),
        query: uri.query().unwrap_or("").to_string(),
        headers: request.headers().clone(),
    };
    let response = tokio::task::spawn_blocking(move || respond(&asked, &context))
        .await
        .unwrap_or_else(|_| text_answer(500, "bantin: internal error\n"));
    with_common_headers(response)
}

/// The answer to a GET or HEAD of anything but the event stream.
fn respond(request: &Asked, context: &Context) -> Response {
    if !matches!(request.method, Method::GET | Method::HEAD) {
        return with_header(
            text_answer(405, "bantin: only GET and HEAD are served\n"),
            header::ALLOW,
            "GET, HEAD",
        );
    }
    let path = request.path.as_str();
    // Only visible ASCII: nothing that could end a header line when echoed in `Location`.
    if !path.starts_with('/') || !path.bytes().all(|b| b.is_ascii_graphic()) {
        return bad_request();
    }
    let Some(segments) = decode_path(path) else {
        return bad_request();
    };
    let live = context.live.as_deref();
    match resolve(&context.root, &segments, path.ends_with('/')) {
        Found::File(file) => serve_file(request, &file, live),
        Found::Directory => {
            let query = request.query.as_str();
            let location = if !query.is_empty() && query.bytes().all(|b| b.is_ascii_graphic()) {
                format!("{path}/?{query}")
            } else {
                format!("{path}/")
            };
            with_header(
                text_answer(301, &format!("bantin: moved to {location}\n")),
                header::LOCATION,
                &location,
            )
        }
        Found::Nothing => not_found(&context.root, path, live),
        Found::NoRoot => with_header(
            fallback_page(503, &format!("bantin: {}", t!("serve-not-built-yet")), live),
            header::RETRY_AFTER,
            "1",
        ),
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
fn serve_file(request: &Asked, path: &Path, live: Option<&LiveState>) -> Response {
    let Ok(mut file) = File::open(path) else {
        return text_answer(404, "bantin: not found\n");
    };
    let Ok(metadata) = file.metadata() else {
        return text_answer(404, "bantin: not found\n");
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
    let validators = |mut response: Response| {
        if let Some(etag) = &etag {
            response = with_header(response, header::ETAG, etag);
        }
        if let Some(secs) = last_modified {
            response = with_header(response, header::LAST_MODIFIED, &http_date(secs));
        }
        response
    };
    if not_modified(request, etag.as_deref(), last_modified) {
        return validators(answer(304, kind, Vec::new()));
    }
    // Read whole: a local preview serves pages and resized pictures, not large downloads.
    let mut bytes = Vec::with_capacity(length.min(1 << 24) as usize + 4096);
    if file.read_to_end(&mut bytes).is_err() {
        return text_answer(404, "bantin: not found\n");
    }
    if let Some(state) = &snapshot {
        bytes = inject(bytes, state.generation);
    }
    validators(answer(200, kind, bytes))
}

/// `If-None-Match` (weak comparison, as for GET) wins over `If-Modified-Since` (RFC 9110 §13.2.2).
fn not_modified(request: &Asked, etag: Option<&str>, last_modified: Option<i64>) -> bool {
    if let Some(tags) = request.header(header::IF_NONE_MATCH) {
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
            .header(header::IF_MODIFIED_SINCE)
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
        return answer(404, "text/html; charset=utf-8", html);
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
        None => text_answer(status, &format!("{message}\n")),
        Some(live) => {
            let html = format!(
                "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>bantin</title></head>\n<body><p>{}</p></body></html>\n",
                crate::text::escape_html(message)
            );
            let html = inject(html.into_bytes(), live.snapshot().generation);
            answer(status, "text/html; charset=utf-8", html)
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
async fn event_stream(State(context): State<Arc<Context>>, request: Request) -> Response {
    let Some(live) = context.live.clone() else {
        return files(State(context), request).await;
    };
    let since: Option<u64> = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse().ok());
    let mut receiver = live.state.subscribe();
    let state = receiver.borrow_and_update().clone();
    // Reconnect quickly after a server restart (the default is about 3 s).
    let mut first = String::from("retry: 1000\n\n");
    first.push_str(&match (&state.error, since) {
        (Some(message), _) => error_event(message),
        (None, Some(since)) if since != state.generation => reload_event(state.generation),
        (None, _) => format!(": connected at generation {}\n\n", state.generation),
    });
    let events = futures_util::stream::unfold(
        (receiver, Some(first)),
        |(mut receiver, first)| async move {
            let message = match first {
                Some(first) => first,
                None => match tokio::time::timeout(HEARTBEAT, receiver.changed()).await {
                    Err(_) => ": heartbeat\n\n".to_string(),
                    // The server is going away.
                    Ok(Err(_)) => return None,
                    Ok(Ok(())) => {
                        let state = receiver.borrow_and_update().clone();
                        match &state.error {
                            Some(message) => error_event(message),
                            None => reload_event(state.generation),
                        }
                    }
                },
            };
            Some((Ok::<_, std::convert::Infallible>(message), (receiver, None)))
        },
    );
    let mut response = Response::new(Body::from_stream(events));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream; charset=utf-8"),
    );
    with_common_headers(response)
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
