//! `bantin studio`: the preview server of `bantin serve` (drafts included) with an editing
//! interface at [`STUDIO_PATH`]: the list of items, a form per item made from the content
//! model (src/content/front_matter.rs `key_specs`), saving that keeps the rest of a
//! hand-written file, and conflicts instead of overwrites. Its pages are made in memory and
//! never written to the output.
//!
//! Who may write: the studio listens on loopback unless a password is given (site.yaml
//! `studio_password:`, a hash, or `BANTIN_STUDIO_PASSWORD`); every request must name this server in `Host` (a page of another
//! site that resolves its own name to 127.0.0.1 is refused); every write needs the session's
//! cookie and its CSRF token; paths from the browser pass the same checks as the build's.

pub mod catalogue;
pub mod edit;
mod pages;
pub mod password;
pub mod upload;

use crate::content::Kind;
use crate::messages::{Language, Text};
use crate::t;
use crate::watch::Message;
use crate::watch::session::Session;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use catalogue::Catalogue;
use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock, mpsc};

/// Where the studio is served (no file of a site can be served there).
pub const STUDIO_PATH: &str = "/__bantin/studio";
/// The environment variable that holds the password (required off loopback).
pub const PASSWORD_VARIABLE: &str = "BANTIN_STUDIO_PASSWORD";
const COOKIE: &str = "bantin_studio";
/// Markdown files larger than this are refused (a body pasted twice by mistake is far less).
const MAX_FILE: usize = 4 << 20;
/// How long a page may wait for the rebuild loop (busy with a full build at worst).
const LOOP_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// The studio's state, shared by the server and the rebuild loop.
pub struct Studio {
    /// The site folder (canonical).
    root: PathBuf,
    /// The interface's language: site.yaml `cli_language`, else the site's default language
    /// when the studio speaks it, else the locale's.
    language: Language,
    password: Option<password::Password>,
    /// Session id → its CSRF token.
    sessions: Mutex<HashMap<String, String>>,
    /// The port the server listens on, for the `Host` check.
    port: Mutex<u16>,
    /// The items as the list shows them, made when a page needs them after a change (at
    /// 10,000 items it takes about 100 ms: not for every save, only for the next page).
    catalogue: RwLock<Arc<Catalogue>>,
    stale: AtomicBool,
    /// The last build's problems, by file (`content/articles/x.md`).
    problems: RwLock<BTreeMap<String, Vec<Problem>>>,
    /// The rebuild loop, which owns the session (previews and lists are made there).
    rebuild_loop: Mutex<mpsc::Sender<Message>>,
}

impl Studio {
    /// Refuses to listen off loopback without a password.
    pub fn new(
        root: &Path,
        bind: std::net::IpAddr,
        rebuild_loop: mpsc::Sender<Message>,
    ) -> Result<Arc<Studio>, Text> {
        let hashed = crate::config::Config::load(root)
            .ok()
            .and_then(|c| c.studio_password)
            .map(password::Password::Hash);
        let password = std::env::var(PASSWORD_VARIABLE)
            .ok()
            .filter(|p| !p.is_empty())
            .map(password::Password::Clear)
            .or(hashed);
        if !bind.is_loopback() && password.is_none() {
            return Err(t!(
                "studio-needs-password",
                bind = bind.to_string(),
                variable = PASSWORD_VARIABLE
            ));
        }
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let language = interface_language(&root);
        Ok(Arc::new(Studio {
            root,
            language,
            password,
            sessions: Mutex::new(HashMap::new()),
            port: Mutex::new(0),
            catalogue: RwLock::new(Arc::new(Catalogue::default())),
            stale: AtomicBool::new(true),
            problems: RwLock::new(BTreeMap::new()),
            rebuild_loop: Mutex::new(rebuild_loop),
        }))
    }

    /// Runs `make` with the messages in the interface's language.
    fn speak<T>(&self, make: impl FnOnce() -> T) -> T {
        crate::messages::in_language(self.language, make)
    }

    /// The server's address, once bound (for the `Host` check).
    pub fn listening_on(&self, addr: SocketAddr) {
        *self.port.lock().unwrap_or_else(|e| e.into_inner()) = addr.port();
    }

    /// After a good build: the list is made again when next needed, the problems are gone.
    pub fn built(&self) {
        self.stale.store(true, Ordering::SeqCst);
        self.problems
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// After a failed build: its problems, shown on the forms of their files.
    pub fn failed(&self, problems: &[crate::diagnostic::Diagnostic]) {
        let mut by_file: BTreeMap<String, Vec<Problem>> = BTreeMap::new();
        for p in problems {
            by_file
                .entry(crate::text::slashed(&p.path))
                .or_default()
                .push(Problem::of(p));
        }
        *self.problems.write().unwrap_or_else(|e| e.into_inner()) = by_file;
    }

    /// Files the studio has just made, taken into the session at once (not when the watcher
    /// tells), so that the form opened next has its item: preview, translations, publish.
    fn take_in(&self, files: Vec<PathBuf>) {
        if self.on_session(move |session| session.apply(&files).is_ok()) == Some(true) {
            self.built();
        }
    }

    /// The items as the last good build left them.
    fn catalogue(&self) -> Arc<Catalogue> {
        if self.stale.swap(false, Ordering::SeqCst) {
            let made = self.on_session(|session| {
                let warnings = session.warnings();
                session.site().map(|site| Catalogue::of(site, &warnings))
            });
            match made {
                Some(Some(made)) => {
                    *self.catalogue.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(made)
                }
                // Not built yet, or the loop is busy for long: the next page tries again.
                _ => self.stale.store(true, Ordering::SeqCst),
            }
        }
        Arc::clone(&self.catalogue.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Runs `work` on the session in the rebuild loop (between rebuilds) and waits for it;
    /// `None` when the loop is gone, the job panicked or the loop stays busy too long.
    fn on_session<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Session) -> T + Send + 'static,
    ) -> Option<T> {
        let (answer, answered) = mpsc::channel();
        let job: crate::watch::Job = Box::new(move |session| {
            let _ = answer.send(work(session));
        });
        self.rebuild_loop
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send(Message::Run(job))
            .ok()?;
        // The server's threads may wait here (a worker gives its tasks to the others).
        tokio::task::block_in_place(|| answered.recv_timeout(LOOP_WAIT).ok())
    }

    fn problems_of(&self, path: &str) -> Vec<Problem> {
        self.problems
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
            .cloned()
            .unwrap_or_default()
    }

    /// `Host` must name this server: `localhost` or an address, with its port. A name that
    /// resolves here by DNS (rebinding) is refused.
    fn host_allowed(&self, headers: &HeaderMap) -> bool {
        let port = *self.port.lock().unwrap_or_else(|e| e.into_inner());
        let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
            return false;
        };
        let Some((name, given_port)) = host.rsplit_once(':') else {
            return false;
        };
        if given_port.parse::<u16>().ok() != Some(port) {
            return false;
        }
        let name = name.trim_start_matches('[').trim_end_matches(']');
        name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok()
    }

    /// The session of the request's cookie, and its CSRF token.
    fn session(&self, headers: &HeaderMap) -> Option<(String, String)> {
        let id = cookie(headers, COOKIE)?;
        let sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions.get(&id).map(|csrf| (id, csrf.clone()))
    }

    fn new_session(&self) -> (String, String) {
        let (id, csrf) = (random_token(), random_token());
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        // A bound on what a client that never keeps cookies can make us hold.
        if sessions.len() > 1000 {
            sessions.clear();
        }
        sessions.insert(id.clone(), csrf.clone());
        (id, csrf)
    }

    /// A path from the browser, checked as the build finds files: a Markdown file inside
    /// `content/`, no `..`, no absolute path, no symlink out of the site.
    fn content_file(&self, path: &str) -> Option<PathBuf> {
        let relative = Path::new(path);
        let mut components = relative.components();
        if components.next() != Some(Component::Normal("content".as_ref()))
            || !path.ends_with(".md")
            || path.contains('\\')
            || relative
                .components()
                .any(|c| !matches!(c, Component::Normal(_)))
        {
            return None;
        }
        let file = self.root.join(relative);
        let name = file.file_name()?;
        let folder = file.parent()?.canonicalize().ok()?;
        let file = folder.join(name);
        // A symlink may lead anywhere: what counts is where the file really is.
        let real = file.canonicalize().unwrap_or_else(|_| file.clone());
        (folder.starts_with(self.root.join("content"))
            && real.starts_with(self.root.join("content")))
        .then_some(file)
    }
}

/// The studio speaks the editors' language: site.yaml `cli_language`, else the language the
/// site is written in (when the messages have it), else the locale's.
fn interface_language(root: &Path) -> Language {
    crate::messages::site_setting(root, &["cli_language", "default_language"])
        .or_else(Language::from_locale)
        .unwrap_or(Language::English)
}

/// A problem of a file as the form shows it: beside the field of its key, else above the form.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Problem {
    pub key: Option<String>,
    /// The whole message, as `bantin check` prints it (`file:line:column: ...`).
    pub message: String,
}

impl Problem {
    pub fn of(d: &crate::diagnostic::Diagnostic) -> Problem {
        Problem {
            key: d.key.clone(),
            message: d.to_string(),
        }
    }
}

/// 32 random bytes as hex, from the system's generator.
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    if getrandom::fill(&mut bytes).is_err() {
        // No generator: no session can be made, and no write is possible.
        return String::new();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, v)| *n == name && !v.is_empty())
        .map(|(_, v)| v.to_string())
}

/// Compares secrets in time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && !a.is_empty()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The studio's routes, to be merged into the preview server's.
pub fn router(studio: Arc<Studio>) -> Router {
    use axum::routing::{get, post};
    Router::new()
        .route(
            STUDIO_PATH,
            get(|| async { Redirect::to(&format!("{STUDIO_PATH}/")) }),
        )
        .route(&format!("{STUDIO_PATH}/"), get(list))
        .route(&format!("{STUDIO_PATH}/edit"), get(edit_form))
        .route(&format!("{STUDIO_PATH}/save"), post(save))
        .route(&format!("{STUDIO_PATH}/preview"), post(preview))
        .route(&format!("{STUDIO_PATH}/new"), post(new_item))
        .route(&format!("{STUDIO_PATH}/translate"), post(translate))
        .route(&format!("{STUDIO_PATH}/relink"), post(relink))
        .route(&format!("{STUDIO_PATH}/publish"), post(publish))
        .route(&format!("{STUDIO_PATH}/print"), post(print))
        .route(
            &format!("{STUDIO_PATH}/upload"),
            post(upload_picture).layer(axum::extract::DefaultBodyLimit::max(upload::MAX_PICTURE)),
        )
        .route(&format!("{STUDIO_PATH}/login"), post(login))
        .route(
            &format!("{STUDIO_PATH}/studio.css"),
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
                    pages::STYLESHEET,
                )
            }),
        )
        .route(
            &format!("{STUDIO_PATH}/studio.js"),
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    pages::SCRIPT,
                )
            }),
        )
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&studio),
            guard,
        ))
        .with_state(studio)
}

/// Before every studio request: the `Host` check, then (with a password) the login.
async fn guard(
    State(studio): State<Arc<Studio>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if !studio.host_allowed(request.headers()) {
        return studio.speak(|| refusal(StatusCode::FORBIDDEN, t!("studio-wrong-host")));
    }
    let logging_in = request.uri().path() == format!("{STUDIO_PATH}/login");
    if studio.password.is_some() && !logging_in && studio.session(request.headers()).is_none() {
        return studio.speak(|| page(StatusCode::UNAUTHORIZED, pages::login(None)));
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // The studio is never framed by another site, and never cached.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("frame-ancestors 'self'; form-action 'self'; base-uri 'none'"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// A plain-text answer that says why a request could not be done.
fn refusal(status: StatusCode, message: Text) -> Response {
    (status, message.into_string()).into_response()
}

fn cannot_save(path: &str, e: &std::io::Error) -> Response {
    let error = crate::messages::io_error(e);
    refusal(
        StatusCode::INTERNAL_SERVER_ERROR,
        t!("studio-cannot-save", path = path, error = error),
    )
}

/// The edit page of a file (after a save: with the notice).
fn edit_url(path: &str) -> String {
    format!("{STUDIO_PATH}/edit?path={}", query_value(path))
}

fn page(status: StatusCode, html: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

/// The session of the request, or a new one with its cookie set on `response`.
fn with_session(
    studio: &Studio,
    headers: &HeaderMap,
    make: impl FnOnce(&str) -> Response,
) -> Response {
    match studio.session(headers) {
        Some((_, csrf)) => make(&csrf),
        None => {
            let (id, csrf) = studio.new_session();
            let mut response = make(&csrf);
            set_cookie(&mut response, &id);
            response
        }
    }
}

fn set_cookie(response: &mut Response, id: &str) {
    let cookie = format!("{COOKIE}={id}; Path={STUDIO_PATH}/; HttpOnly; SameSite=Strict");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
}

/// A write comes with the session's cookie and its token.
fn may_write(studio: &Studio, headers: &HeaderMap, token: &str) -> bool {
    studio
        .session(headers)
        .is_some_and(|(_, csrf)| same_secret(&csrf, token))
}

fn refused_write() -> Response {
    refusal(StatusCode::FORBIDDEN, t!("studio-bad-token"))
}

#[derive(serde::Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    draft: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    locality: String,
}

async fn list(
    State(studio): State<Arc<Studio>>,
    Query(query): Query<ListQuery>,
    headers: HeaderMap,
) -> Response {
    let catalogue = studio.catalogue();
    let destination = crate::config::Config::load(&studio.root)
        .ok()
        .and_then(|c| c.deploy)
        .map(|d| d.to.shown());
    studio.speak(|| {
        with_session(&studio, &headers, |csrf| {
            let list = pages::list(&catalogue, &query, destination.as_deref(), csrf);
            page(StatusCode::OK, list)
        })
    })
}

#[derive(serde::Deserialize)]
pub struct EditQuery {
    path: String,
    #[serde(default)]
    saved: String,
}

async fn edit_form(
    State(studio): State<Arc<Studio>>,
    Query(query): Query<EditQuery>,
    headers: HeaderMap,
) -> Response {
    studio.speak(|| edit_page(&studio, &query, &headers))
}

/// A content file named by the browser, and its text; `Err` is the answer to send.
fn read_content(studio: &Studio, path: &str) -> Result<(PathBuf, String), Box<Response>> {
    let Some(file) = studio.content_file(path) else {
        return Err(Box::new(refusal(
            StatusCode::BAD_REQUEST,
            t!("studio-bad-path"),
        )));
    };
    match std::fs::read_to_string(&file) {
        Ok(text) => Ok((file, text)),
        Err(_) => Err(Box::new(refusal(
            StatusCode::NOT_FOUND,
            t!("studio-no-file"),
        ))),
    }
}

fn edit_page(studio: &Studio, query: &EditQuery, headers: &HeaderMap) -> Response {
    let (_, text) = match read_content(studio, &query.path) {
        Ok(read) => read,
        Err(refused) => return *refused,
    };
    let catalogue = studio.catalogue();
    let entry = catalogue.entry(&query.path);
    // The last build's problems with the file, and its warnings, each beside its field.
    let mut problems = studio.problems_of(&query.path);
    problems.extend(entry.iter().flat_map(|e| e.warnings.iter().cloned()));
    // A translation is edited with its original beside it: the version in the site's default
    // language, else the first other version.
    let original = entry
        .filter(|e| Some(&e.lang) != catalogue.languages.first())
        .and_then(|e| {
            let default = catalogue.languages.first();
            let versions = &e.translations;
            versions
                .iter()
                .find(|(lang, _)| Some(lang) == default)
                .or(versions.first())
        })
        .and_then(|(lang, file)| {
            let (_, text) = read_content(studio, file).ok()?;
            Some(pages::Original {
                lang: lang.clone(),
                path: file.clone(),
                text,
            })
        });
    with_session(studio, headers, |csrf| {
        let form = pages::EditPage {
            path: &query.path,
            text: &text,
            entry,
            original: original.as_ref(),
            catalogue: &catalogue,
            problems: &problems,
            saved: !query.saved.is_empty(),
            csrf,
        };
        page(StatusCode::OK, pages::edit(&form))
    })
}

async fn save(
    State(studio): State<Arc<Studio>>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    studio.speak(|| save_form(&studio, &headers, &form))
}

/// An edit form sent to save or to preview: its session and token checked, its file found
/// as the build would, and the file's new text made from it.
struct Posted {
    path: String,
    file: PathBuf,
    on_disk: String,
    mine: String,
    /// The version of the file the form was opened on.
    version: String,
}

fn posted(
    studio: &Studio,
    headers: &HeaderMap,
    form: &[(String, String)],
) -> Result<Posted, Box<Response>> {
    let form = pages::Submitted::from_form(form);
    let field = |name: &str| form.get(name).unwrap_or_default();
    if !may_write(studio, headers, &field("csrf")) {
        return Err(Box::new(refused_write()));
    }
    let path = field("path");
    let (file, on_disk) = read_content(studio, &path)?;
    match pages::apply(&on_disk, &form) {
        Ok(mine) => Ok(Posted {
            path,
            file,
            on_disk,
            mine,
            version: field("version"),
        }),
        Err(message) => Err(Box::new(refusal(StatusCode::BAD_REQUEST, message))),
    }
}

fn save_form(studio: &Studio, headers: &HeaderMap, form: &[(String, String)]) -> Response {
    let Posted {
        path,
        file,
        on_disk,
        mine,
        version,
    } = match posted(studio, headers, form) {
        Ok(posted) => posted,
        Err(refused) => return *refused,
    };
    if mine.len() > MAX_FILE {
        return refusal(StatusCode::PAYLOAD_TOO_LARGE, t!("studio-too-large"));
    }
    // Changed on disk since the form was opened: both versions, never a silent overwrite.
    if edit::version(&on_disk) != version && mine != on_disk {
        let (_, csrf) = studio.session(headers).unwrap_or_default();
        return page(
            StatusCode::CONFLICT,
            pages::conflict(&path, &on_disk, &mine, &csrf),
        );
    }
    if mine != on_disk {
        if let Err(e) = crate::write::replace_file(&file, mine.as_bytes()) {
            return cannot_save(&path, &e);
        }
        studio.take_in(vec![file]);
    }
    Redirect::to(&format!("{}&saved=1", edit_url(&path))).into_response()
}

/// `POST preview`: the edit form as it is now (not saved), answered with the item's page as
/// the build would make it, or `422` and the text's problems.
async fn preview(
    State(studio): State<Arc<Studio>>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let worker = Arc::clone(&studio);
    tokio::task::spawn_blocking(move || worker.speak(|| make_preview(&worker, &headers, &form)))
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn make_preview(studio: &Studio, headers: &HeaderMap, form: &[(String, String)]) -> Response {
    // A preview writes nothing, but it reads files: the same checks as a save.
    let Posted {
        file, mine: text, ..
    } = match posted(studio, headers, form) {
        Ok(posted) => posted,
        Err(refused) => return *refused,
    };
    let page = studio.on_session(move |session| session.preview(&file, &text));
    match page {
        Some(Ok(html)) => {
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
        }
        Some(Err(problems)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(problems.iter().map(Problem::of).collect::<Vec<_>>()),
        )
            .into_response(),
        None => refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            t!("studio-preview-unavailable"),
        ),
    }
}

#[derive(serde::Deserialize)]
pub struct NewItemForm {
    csrf: String,
    kind: String,
    lang: String,
    title: String,
}

async fn new_item(
    State(studio): State<Arc<Studio>>,
    headers: HeaderMap,
    Form(form): Form<NewItemForm>,
) -> Response {
    studio.speak(|| create(&studio, &headers, &form))
}

fn create(studio: &Studio, headers: &HeaderMap, form: &NewItemForm) -> Response {
    if !may_write(studio, headers, &form.csrf) {
        return refused_write();
    }
    let Some(kind) = Kind::from_singular(&form.kind) else {
        return refusal(StatusCode::BAD_REQUEST, t!("studio-bad-kind"));
    };
    match crate::new::new_item(&studio.root, kind, &form.title, Some(&form.lang)) {
        Ok(file) => {
            let path = file
                .strip_prefix(&studio.root)
                .map(crate::text::slashed)
                .unwrap_or_default();
            studio.take_in(vec![file]);
            Redirect::to(&edit_url(&path)).into_response()
        }
        Err(message) => refusal(StatusCode::BAD_REQUEST, message),
    }
}

#[derive(serde::Deserialize)]
pub struct TranslateForm {
    csrf: String,
    path: String,
    lang: String,
}

async fn translate(
    State(studio): State<Arc<Studio>>,
    headers: HeaderMap,
    Form(form): Form<TranslateForm>,
) -> Response {
    studio.speak(|| start_translation(&studio, &headers, &form))
}

/// A new translation file, from the original with the keys that belong to one language
/// (summary, slug, aliases, share points) left out and `draft: true`: the editor translates
/// the title and the text in place. An existing translation is opened instead.
fn start_translation(studio: &Studio, headers: &HeaderMap, form: &TranslateForm) -> Response {
    if !may_write(studio, headers, &form.csrf) {
        return refused_write();
    }
    let catalogue = studio.catalogue();
    let target = catalogue.translation_file(&form.path, &form.lang);
    let (Some(original), Some((target_path, to_make))) = (studio.content_file(&form.path), target)
    else {
        return refusal(StatusCode::BAD_REQUEST, t!("studio-bad-path"));
    };
    let opened = Redirect::to(&edit_url(&target_path));
    let Some(target_file) = studio.content_file(&target_path).filter(|_| to_make) else {
        return opened.into_response();
    };
    if target_file.exists() {
        return opened.into_response();
    }
    let Ok(mut text) = std::fs::read_to_string(&original) else {
        return refusal(StatusCode::NOT_FOUND, t!("studio-no-file"));
    };
    for key in ["summary", "slug", "aliases", "share"] {
        text = edit::set_key(&text, key, None);
    }
    text = edit::set_key(&text, "draft", Some(&edit::NewValue::Plain("true".into())));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target_file)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    match written {
        Ok(()) => {
            studio.take_in(vec![target_file]);
            opened.into_response()
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => opened.into_response(),
        Err(e) => cannot_save(&target_path, &e),
    }
}

#[derive(serde::Deserialize)]
pub struct Relink {
    csrf: String,
    body: String,
    base: String,
}

#[derive(serde::Serialize)]
struct Relinked {
    body: String,
    base: String,
    /// The version of the moved file the form now stands on.
    version: String,
}

/// `POST relink`: the form's text and base as they read once the file moved into its bundle
/// (the one rule is `upload::deeper_links`, which the move applied to the file).
async fn relink(
    State(studio): State<Arc<Studio>>,
    headers: HeaderMap,
    Form(form): Form<Relink>,
) -> Response {
    if !may_write(&studio, &headers, &form.csrf) {
        return studio.speak(refused_write);
    }
    let base = upload::deeper_links(&form.base);
    axum::Json(Relinked {
        body: upload::deeper_links(&form.body),
        version: edit::version(&base),
        base,
    })
    .into_response()
}

#[derive(serde::Deserialize)]
pub struct UploadQuery {
    path: String,
    #[serde(default)]
    name: String,
}

#[derive(serde::Serialize)]
struct Uploaded {
    /// The edited file's path now (it moved if the item became a bundle).
    path: String,
    /// It moved: the form's text and base are to be passed through `relink`.
    moved: bool,
    /// The picture's file name, beside it.
    file: String,
}

async fn upload_picture(
    State(studio): State<Arc<Studio>>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    studio.speak(|| store_picture(&studio, &query, &headers, &body))
}

/// `POST upload?path=…&name=…` with the picture as the body and the CSRF token in
/// `X-Bantin-Csrf`: stored in the item's bundle (made when needed).
fn store_picture(
    studio: &Studio,
    query: &UploadQuery,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let token = headers
        .get("x-bantin-csrf")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !may_write(studio, headers, token) {
        return refused_write();
    }
    let bad = |message: Text| refusal(StatusCode::BAD_REQUEST, message);
    let Some(extension) = upload::picture_extension(body) else {
        return bad(t!("studio-not-a-picture"));
    };
    if studio
        .content_file(&query.path)
        .is_none_or(|f| !f.is_file())
    {
        return bad(t!("studio-bad-path"));
    }
    let catalogue = studio.catalogue();
    let Some(bundle) = upload::bundle_of(&studio.root, &query.path, &catalogue.languages) else {
        return bad(t!("studio-bad-path"));
    };
    if !bundle.moves.is_empty() && bundle.folder.exists() {
        return bad(t!("studio-bundle-exists", path = bundle.path.as_str()));
    }
    let stored = std::fs::create_dir_all(&bundle.folder)
        .and_then(|()| {
            bundle.moves.iter().try_for_each(|(from, to)| {
                // Moved one folder down: its relative links get one more `../`.
                let text = std::fs::read_to_string(from)?;
                crate::write::replace_file(to, upload::deeper_links(&text).as_bytes())?;
                std::fs::remove_file(from)
            })
        })
        .and_then(|()| {
            let name = upload::picture_name(&bundle.folder, &query.name, extension);
            crate::write::replace_file(&bundle.folder.join(&name), body).map(|()| name)
        });
    match stored {
        Ok(file) => axum::Json(Uploaded {
            moved: !bundle.moves.is_empty(),
            path: bundle.path,
            file,
        })
        .into_response(),
        Err(e) => cannot_save(&bundle.path, &e),
    }
}

#[derive(serde::Deserialize)]
pub struct LoginForm {
    password: String,
}

#[derive(serde::Deserialize)]
pub struct TokenForm {
    csrf: String,
}

/// `POST publish`: the site built as it is published (drafts left out) into its output
/// folder, then uploaded when site.yaml names a destination (as `bantin deploy`). The page
/// that answers gives the build's problems with links to their fields, or what was done.
async fn publish(
    State(studio): State<Arc<Studio>>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    if !may_write(&studio, &headers, &form.csrf) {
        return studio.speak(refused_write);
    }
    let worker = Arc::clone(&studio);
    let done = tokio::task::spawn_blocking(move || worker.speak(|| publish_site(&worker.root)));
    match done.await {
        Ok(publication) => studio.speak(|| page(StatusCode::OK, pages::published(&publication))),
        Err(_) => studio.speak(|| {
            refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                t!("studio-publish-failed"),
            )
        }),
    }
}

#[derive(serde::Deserialize)]
pub struct PrintForm {
    csrf: String,
    path: String,
    #[serde(default)]
    booklet: String,
}

/// `POST print`: a bulletin's print edition made into a PDF by the local Chromium or Chrome
/// (as `bantin print`, drafts included), sent back as a download.
async fn print(
    State(studio): State<Arc<Studio>>,
    headers: HeaderMap,
    Form(form): Form<PrintForm>,
) -> Response {
    if !may_write(&studio, &headers, &form.csrf) {
        return studio.speak(refused_write);
    }
    let catalogue = studio.catalogue();
    let entry = catalogue
        .entry(&form.path)
        .filter(|e| e.kind == Kind::Bulletin);
    let (Some(entry), Some(file)) = (entry, studio.content_file(&form.path)) else {
        return studio.speak(|| refusal(StatusCode::BAD_REQUEST, t!("studio-bad-path")));
    };
    let reference = entry.reference.clone();
    let booklet = !form.booklet.is_empty();
    let output = std::env::temp_dir().join(format!("bantin-studio-{}.pdf", random_token()));
    let options = crate::pdf::PrintOptions {
        root: studio.root.clone(),
        bulletin: reference.clone(),
        lang: Some(entry.lang.clone()),
        output: Some(output.clone()),
        browser: None,
        drafts: true,
        booklet,
    };
    let worker = Arc::clone(&studio);
    let made = output.clone();
    let printed = tokio::task::spawn_blocking(move || {
        worker.speak(|| crate::pdf::print_bulletin(&options).map(|_| std::fs::read(&made)))
    });
    let name = format!(
        "{}{}.pdf",
        file.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or(reference),
        if booklet { ".booklet" } else { "" }
    );
    let printed = printed.await;
    let _ = std::fs::remove_file(&output);
    match printed {
        Ok(Ok(Ok(bytes))) => {
            let disposition = format!("attachment; filename=\"{}\"", name.replace('"', ""));
            let mut response = (StatusCode::OK, bytes).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Ok(Err(crate::pipeline::BuildError::Io(message))) => {
            studio.speak(|| refusal(StatusCode::SERVICE_UNAVAILABLE, message))
        }
        _ => studio.speak(|| refusal(StatusCode::INTERNAL_SERVER_ERROR, t!("studio-print-failed"))),
    }
}

fn publish_site(root: &Path) -> pages::Publication {
    use crate::pipeline::{BuildError, BuildOptions, build_site};
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let report = match build_site(&options) {
        Ok(report) => report,
        Err(BuildError::Content(problems)) => {
            let problems = problems
                .iter()
                .map(|d| (crate::text::slashed(&d.path), Problem::of(d)))
                .collect();
            return pages::Publication::Problems(problems);
        }
        Err(BuildError::Io(message)) => return pages::Publication::Failed(message),
    };
    let config = crate::config::Config::load(root).ok();
    let languages: Vec<String> = config
        .iter()
        .flat_map(|c| c.languages.iter().map(|l| l.code.clone()))
        .collect();
    let deployed = config.and_then(|c| c.deploy).map(|settings| {
        crate::deploy::deploy(root, &report.output, &settings, false)
            .map(|done| crate::deploy::summary(&done, false))
            .map_err(|e| e.message().clone())
    });
    pages::Publication::Built {
        summary: report.summary_line(&languages),
        deployed,
    }
}

async fn login(State(studio): State<Arc<Studio>>, Form(form): Form<LoginForm>) -> Response {
    let Some(password) = &studio.password else {
        return Redirect::to(&format!("{STUDIO_PATH}/")).into_response();
    };
    if !password.matches(&form.password) {
        // A moment's wait makes guessing slow.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        return studio.speak(|| {
            page(
                StatusCode::UNAUTHORIZED,
                pages::login(Some(&t!("studio-wrong-password"))),
            )
        });
    }
    let (id, _) = studio.new_session();
    let mut response = Redirect::to(&format!("{STUDIO_PATH}/")).into_response();
    set_cookie(&mut response, &id);
    response
}

/// A value for a query string.
fn query_value(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
