//! `bantin watch`: rebuild on every save. Events from the file system (notify) are gathered
//! until the site has been quiet for a moment, so that an editor's save-through-rename or a
//! `git checkout` of 500 files gives one rebuild; [`session::Session`] then rebuilds as little
//! as it safely can.

pub mod session;

use crate::messages::Text;
use crate::pipeline::BuildError;
use crate::t;
use notify::{EventKind, RecursiveMode, Watcher};
use session::{Rebuilt, Session};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the site must be quiet before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(30);
/// A stream of saves that never pauses still gets a rebuild this often.
const LONGEST_WAIT: Duration = Duration::from_secs(2);

/// The folders of a site that hold its sources (the output and everything else is ignored).
const WATCHED: [&str; 6] = ["content", "data", "static", "templates", "themes", "i18n"];

/// Runs a build so that even a bug of bantin's (a panic) cannot stop the watcher: it is
/// reported, and the next change gets a full build.
fn guarded(
    session: &mut Session,
    build: impl FnOnce(&mut Session) -> Result<Rebuilt, BuildError>,
) -> Result<Rebuilt, BuildError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(session))) {
        Ok(result) => result,
        Err(_) => {
            session.forget();
            Err(BuildError::Io(t!("watch-internal-failure")))
        }
    }
}

/// What the rebuild loop hears: the file system's events, and work to do on the session
/// between rebuilds, so that it always sees a whole site (the studio's previews and lists).
pub enum Message {
    Files(notify::Result<notify::Event>),
    Run(Job),
}

/// Work on the session; it answers through a channel of its own. A job that panics drops the
/// session's state (the next change is a full build) and its answer channel.
pub type Job = Box<dyn FnOnce(&mut Session) + Send>;

/// The rebuild loop's channel: its sender is for whatever has jobs for the session.
pub fn channel() -> (mpsc::Sender<Message>, mpsc::Receiver<Message>) {
    mpsc::channel()
}

/// Builds the site, then rebuilds after every batch of changes, forever; `report` is called
/// after each build with its outcome. Returns only if watching becomes impossible.
pub fn watch(
    session: &mut Session,
    (tx, rx): (mpsc::Sender<Message>, mpsc::Receiver<Message>),
    mut report: impl FnMut(&Result<Rebuilt, BuildError>),
) -> Result<(), Text> {
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(Message::Files(event));
    })
    .map_err(|e| t!("watch-cannot-watch-files", error = e.to_string()))?;
    let root = session.root().to_path_buf();
    // The root itself, not recursively: site.yaml, and source folders created later.
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| {
            t!(
                "watch-cannot-watch",
                path = root.display(),
                error = e.to_string()
            )
        })?;
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    let mut watch_folder = |watcher: &mut notify::RecommendedWatcher, dir: PathBuf| {
        if dir.is_dir()
            && !watched.contains(&dir)
            && watcher.watch(&dir, RecursiveMode::Recursive).is_ok()
        {
            watched.insert(dir);
        }
    };
    for folder in WATCHED {
        watch_folder(&mut watcher, root.join(folder));
    }

    report(&guarded(session, |s| s.full()));
    loop {
        // Wait for a first event, then gather until things are quiet; jobs are run at once.
        let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
        let mut started: Option<Instant> = None;
        loop {
            let message = match started {
                None => rx.recv().map_err(|_| t!("watch-watcher-stopped"))?,
                Some(at) if at.elapsed() >= LONGEST_WAIT => break,
                Some(_) => match rx.recv_timeout(QUIET) {
                    Ok(message) => message,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => {
                        return Err(t!("watch-watcher-stopped"));
                    }
                },
            };
            match message {
                Message::Files(Ok(event)) if !matches!(event.kind, EventKind::Access(_)) => {
                    started.get_or_insert_with(Instant::now);
                    changed.extend(event.paths);
                }
                Message::Files(_) => {}
                Message::Run(job) => {
                    let done =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(session)));
                    // A bug of bantin's in the middle of a job may leave its work (a previewed
                    // text) in the session.
                    if done.is_err() {
                        session.forget();
                    }
                }
            }
        }
        // A source folder created after the start is watched from now on.
        for folder in WATCHED {
            let dir = root.join(folder);
            if changed.contains(&dir) {
                watch_folder(&mut watcher, dir);
            }
        }
        let changed: Vec<PathBuf> = changed.into_iter().collect();
        let result = guarded(session, |s| s.apply(&changed));
        if !matches!(&result, Ok(r) if r.scope == "nothing") {
            report(&result);
        }
    }
}
