//! `bantin deploy`: the built site uploaded to the server that site.yaml `deploy:` names,
//! changed files only, in an order that keeps the site online working at every moment.
//!
//! What is on the server is known from a list bantin leaves there (`.bantin-deploy.txt`: the
//! hash of every file it uploaded), so a second deploy compares hashes and sends only what
//! changed. Each file is uploaded beside its place and renamed over it (one page is never
//! half written); files that pages use (pictures, styles, scripts) go first, then the pages,
//! then the lists of pages (feeds, sitemaps, the search index); files that are gone are
//! removed last, and the list is replaced at the very end. An upload cut anywhere leaves
//! every page online whole and every file it uses in place; the next deploy finishes.
//! Files bantin did not upload are never touched.

pub mod sftp;

use crate::messages::Text;
use crate::t;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The list of uploaded files and their hashes, at the top of the destination folder.
pub const MANIFEST: &str = ".bantin-deploy.txt";
/// What a file is called on the server while it is uploaded, before the rename.
const UPLOADING: &str = ".bantin-new";

/// site.yaml `deploy:`.
#[derive(Debug, Clone, PartialEq)]
pub struct DeploySettings {
    pub to: Destination,
    /// A private key file (`identity:`), relative to the site folder; else ssh's own keys.
    pub identity: Option<PathBuf>,
    /// A known_hosts file pinning the server's key (`known_hosts:`), relative to the site
    /// folder; else the user's, where a server seen for the first time is added.
    pub known_hosts: Option<PathBuf>,
}

/// An SFTP destination: `sftp://user@host:port/folder` or `user@host:folder`.
#[derive(Debug, Clone, PartialEq)]
pub struct Destination {
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
    /// The folder on the server: absolute, or relative to the login folder.
    pub folder: String,
}

impl Destination {
    /// Reads the two forms people write (an sftp:// address, or scp's `host:folder`).
    pub fn parse(s: &str) -> Result<Destination, Text> {
        let s = s.trim();
        let wrong = || t!("deploy-destination-wrong", found = s);
        let (authority, folder) = if let Some(rest) = s.strip_prefix("sftp://") {
            match rest.split_once('/') {
                // `sftp://host/~/www` is relative to the login folder, `sftp://host/var/www`
                // absolute.
                Some((authority, path)) => match path.strip_prefix("~/") {
                    Some(relative) => (authority, relative.to_string()),
                    None => (authority, format!("/{path}")),
                },
                None => (rest, String::new()),
            }
        } else if s.contains("://") {
            return Err(wrong());
        } else {
            let (authority, folder) = s.split_once(':').ok_or_else(wrong)?;
            (authority, folder.to_string())
        };
        let (user, host_port) = match authority.rsplit_once('@') {
            Some((user, rest)) => (Some(user.to_string()), rest),
            None => (None, authority),
        };
        let (host, port) = match host_port.rsplit_once(':') {
            Some((host, port)) if s.starts_with("sftp://") => {
                (host, Some(port.parse::<u16>().map_err(|_| wrong())?))
            }
            _ => (host_port, None),
        };
        let folder = folder.trim_end_matches('/').to_string();
        let bad = |part: &str| part.is_empty() || part.starts_with('-') || part.contains(' ');
        if bad(host) || user.as_deref().is_some_and(bad) {
            return Err(wrong());
        }
        Ok(Destination {
            user,
            host: host.to_string(),
            port,
            folder,
        })
    }

    /// `user@host` as ssh takes it.
    pub fn login(&self) -> String {
        match &self.user {
            Some(user) => format!("{user}@{}", self.host),
            None => self.host.clone(),
        }
    }

    /// The address as people read it, for messages.
    pub fn shown(&self) -> String {
        let port = self.port.map(|p| format!(":{p}")).unwrap_or_default();
        format!(
            "sftp://{}{port}/{}",
            self.login(),
            self.folder.trim_start_matches('/')
        )
    }
}

/// Every file of a site folder by its path there (`/`-separated), with its hash.
pub type Manifest = BTreeMap<String, String>;

/// What one deploy does.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// Files to upload, in the order that keeps the site working.
    pub uploads: Vec<String>,
    /// Files bantin uploaded before that the site no longer has, removed at the end.
    pub removals: Vec<String>,
    /// Folders to make before the uploads, parents first.
    pub new_folders: Vec<String>,
    /// Folders that only held removed files, deepest first (removed if empty).
    pub old_folders: Vec<String>,
    pub unchanged: usize,
    /// Bytes of the files to upload.
    pub bytes: u64,
}

/// What a deploy did (or, with `--dry-run`, would do).
#[derive(Debug)]
pub struct Deployed {
    pub destination: String,
    pub uploaded: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub bytes: u64,
}

/// What a deploy did (or would do), in one line for the terminal and the studio.
pub fn summary(done: &Deployed, dry_run: bool) -> Text {
    // Kilobytes, rounded up: "0 kB" would read as nothing sent.
    let kb = done.bytes.div_ceil(1000);
    let (to, up, gone, same) = (
        done.destination.as_str(),
        done.uploaded,
        done.removed,
        done.unchanged,
    );
    match (dry_run, up + gone) {
        (_, 0) => t!("deploy-up-to-date", destination = to, unchanged = same),
        (true, _) => t!(
            "deploy-would",
            destination = to,
            uploaded = up,
            kb = kb,
            removed = gone,
            unchanged = same
        ),
        (false, _) => t!(
            "deploy-done",
            destination = to,
            uploaded = up,
            kb = kb,
            removed = gone,
            unchanged = same
        ),
    }
}

/// Hashes every file under `output`.
pub fn local_manifest(output: &Path) -> Result<Manifest, Text> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(output).sort_by_file_name() {
        let entry = entry.map_err(|e| crate::messages::walk_error(&e))?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(output).unwrap_or(entry.path());
            let name = crate::text::slashed(relative);
            // A list of another tool's deploys is not the site's.
            if name != MANIFEST {
                files.push((name, entry.into_path()));
            }
        }
    }
    files
        .into_par_iter()
        .map(|(name, path)| {
            let bytes = std::fs::read(&path).map_err(|e| {
                let error = crate::messages::io_error(&e);
                t!("deploy-cannot-read", path = path.display(), error = error)
            })?;
            Ok((name, crate::hash::content_hash(&[&bytes])))
        })
        .collect()
}

/// The manifest file's text: `hash path` lines, sorted.
pub fn manifest_text(manifest: &Manifest) -> String {
    let mut text = String::from("# bantin deploy: the files it uploaded here, with their hashes\n");
    for (path, hash) in manifest {
        text.push_str(&format!("{hash} {path}\n"));
    }
    text
}

/// Reads a manifest file; lines that are not `hash path` are ignored.
pub fn read_manifest(text: &str) -> Manifest {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(' '))
        .filter(|(hash, path)| hash.len() == 32 && !path.is_empty())
        .map(|(hash, path)| (path.to_string(), hash.to_string()))
        .collect()
}

/// When a file goes up: what pages use first, then pages, then what lists pages.
fn stage(path: &str) -> u8 {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html" | "htm") => 1,
        Some("xml" | "json" | "txt" | "webmanifest") => 2,
        _ => 0,
    }
}

/// The folders `path` is in, outermost first (`a/b/c.html` → `a`, `a/b`).
fn folders_of(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(|(i, _)| &path[..i])
}

/// Compares the site as built with what the server has; `size` gives a local file's bytes.
pub fn plan(local: &Manifest, remote: &Manifest, size: impl Fn(&str) -> u64) -> Plan {
    let mut uploads: Vec<&String> = local
        .iter()
        .filter(|(path, hash)| remote.get(*path) != Some(hash))
        .map(|(path, _)| path)
        .collect();
    uploads.sort_by_key(|path| stage(path));
    let removals: Vec<String> = remote
        .keys()
        .filter(|path| !local.contains_key(*path))
        .cloned()
        .collect();
    let folders = |m: &Manifest| -> BTreeSet<String> {
        m.keys()
            .flat_map(|p| folders_of(p).map(str::to_string))
            .collect()
    };
    let (had, has) = (folders(remote), folders(local));
    let new_folders: BTreeSet<String> = uploads
        .iter()
        .flat_map(|p| folders_of(p))
        .filter(|f| !had.contains(*f))
        .map(str::to_string)
        .collect();
    let mut old_folders: Vec<String> = had.difference(&has).cloned().collect();
    old_folders.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
    Plan {
        bytes: uploads.iter().map(|p| size(p)).sum(),
        unchanged: local.len() - uploads.len(),
        uploads: uploads.into_iter().cloned().collect(),
        removals,
        // A BTreeSet's order puts `a` before `a/b`.
        new_folders: new_folders.into_iter().collect(),
        old_folders,
    }
}

/// What can stop a deploy.
#[derive(Debug)]
pub enum DeployError {
    /// Nothing was changed on the server.
    NotStarted(Text),
    /// The upload stopped part way: the site online still works (see the module comment).
    Interrupted(Text),
}

impl DeployError {
    pub fn message(&self) -> &Text {
        match self {
            DeployError::NotStarted(m) | DeployError::Interrupted(m) => m,
        }
    }
}

/// Uploads the built site in `output` to the destination of `settings`.
pub fn deploy(
    root: &Path,
    output: &Path,
    settings: &DeploySettings,
    dry_run: bool,
) -> Result<Deployed, DeployError> {
    let local = local_manifest(output).map_err(DeployError::NotStarted)?;
    let work = root.join(".bantin-cache").join("deploy");
    std::fs::create_dir_all(&work).map_err(|e| {
        let error = crate::messages::io_error(&e);
        DeployError::NotStarted(t!(
            "deploy-cannot-write",
            path = work.display(),
            error = error
        ))
    })?;
    // One deploy of a site at a time (a second click on "Build and publish", a terminal and
    // the studio): two would both compare with the same list on the server.
    let lock_path = work.join("lock");
    let lock = std::fs::File::create(&lock_path).map_err(|e| {
        let error = crate::messages::io_error(&e);
        DeployError::NotStarted(t!(
            "deploy-cannot-write",
            path = lock_path.display(),
            error = error
        ))
    })?;
    if lock.try_lock().is_err() {
        return Err(DeployError::NotStarted(t!("deploy-already-running")));
    }
    let client = sftp::Client::new(root, settings);
    let remote = client.fetch_manifest(&work)?;
    let plan = plan(&local, &remote, |p| {
        std::fs::metadata(output.join(p)).map_or(0, |m| m.len())
    });
    let deployed = Deployed {
        destination: settings.to.shown(),
        uploaded: plan.uploads.len(),
        removed: plan.removals.len(),
        unchanged: plan.unchanged,
        bytes: plan.bytes,
    };
    if dry_run || (plan.uploads.is_empty() && plan.removals.is_empty()) {
        return Ok(deployed);
    }
    let manifest_file = work.join("manifest.txt");
    std::fs::write(&manifest_file, manifest_text(&local)).map_err(|e| {
        let error = crate::messages::io_error(&e);
        let path = manifest_file.display();
        DeployError::NotStarted(t!("deploy-cannot-write", path = path, error = error))
    })?;
    client.run(
        &batch(&plan, output, &manifest_file, &settings.to.folder),
        plan.uploads.len(),
    )?;
    Ok(deployed)
}

/// The sftp commands of a plan: folders, uploads (each beside its place, then renamed over
/// it), the manifest, then removals. A `-` before a command lets it fail (a folder that is
/// already there, a file already removed by hand).
pub fn batch(plan: &Plan, output: &Path, manifest_file: &Path, folder: &str) -> String {
    let mut commands = Vec::new();
    if !folder.is_empty() {
        commands.push(format!("-mkdir {}", sftp::quoted(folder)));
        commands.push(format!("cd {}", sftp::quoted(folder)));
    }
    for f in &plan.new_folders {
        commands.push(format!("-mkdir {}", sftp::quoted(f)));
    }
    for path in &plan.uploads {
        replace(&mut commands, &output.join(path), path);
    }
    for path in &plan.removals {
        commands.push(format!("-rm {}", sftp::quoted(path)));
    }
    for f in &plan.old_folders {
        commands.push(format!("-rmdir {}", sftp::quoted(f)));
    }
    // Last: until it is replaced, the next deploy compares with the previous state and
    // sends again whatever this one may not have finished.
    replace(&mut commands, manifest_file, MANIFEST);
    let mut text = commands.join("\n");
    text.push('\n');
    text
}

/// A file uploaded beside its place, then renamed over it.
fn replace(commands: &mut Vec<String>, local: &Path, remote: &str) {
    let uploading = sftp::quoted(&format!("{remote}{UPLOADING}"));
    let local = sftp::quoted(&local.to_string_lossy());
    commands.push(format!("put {local} {uploading}"));
    commands.push(format!("rename {uploading} {}", sftp::quoted(remote)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(entries: &[(&str, &str)]) -> Manifest {
        entries
            .iter()
            .map(|(p, h)| (p.to_string(), h.repeat(32)))
            .collect()
    }

    #[test]
    fn destinations_in_both_forms() {
        let d = Destination::parse("sftp://editor@example.org:2222/var/www/dan-van/").unwrap();
        assert_eq!(d.login(), "editor@example.org");
        assert_eq!(
            (d.port, d.folder.as_str()),
            (Some(2222), "/var/www/dan-van")
        );
        let d = Destination::parse("sftp://example.org/~/public_html").unwrap();
        assert_eq!(
            (d.user, d.port, d.folder.as_str()),
            (None, None, "public_html")
        );
        let d = Destination::parse("editor@example.org:public_html").unwrap();
        assert_eq!(
            (d.host.as_str(), d.folder.as_str()),
            ("example.org", "public_html")
        );
        for wrong in [
            "example.org",
            "https://example.org/",
            "-oProxyCommand=x:y",
            "sftp://h:x/",
        ] {
            assert!(Destination::parse(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn a_plan_sends_changes_pages_after_what_they_use_and_removes_last() {
        let remote = manifest(&[
            ("index.html", "a"),
            ("style.1.css", "b"),
            ("old/index.html", "c"),
            ("same.png", "d"),
        ]);
        let local = manifest(&[
            ("index.html", "e"),
            ("style.2.css", "f"),
            ("feed.xml", "g"),
            ("same.png", "d"),
            ("new/deeper/index.html", "h"),
        ]);
        let plan = plan(&local, &remote, |_| 10);
        assert_eq!(
            plan.uploads,
            [
                "style.2.css",
                "index.html",
                "new/deeper/index.html",
                "feed.xml"
            ]
        );
        assert_eq!(plan.removals, ["old/index.html", "style.1.css"]);
        assert_eq!(plan.new_folders, ["new", "new/deeper"]);
        assert_eq!(plan.old_folders, ["old"]);
        assert_eq!((plan.unchanged, plan.bytes), (1, 40));
        let batch = batch(&plan, Path::new("/out"), Path::new("/m.txt"), "www");
        let lines: Vec<&str> = batch.lines().collect();
        assert_eq!(lines[..2], ["-mkdir \"www\"", "cd \"www\""]);
        let rm = lines.iter().position(|l| l.starts_with("-rm ")).unwrap();
        let last_page = lines
            .iter()
            .rposition(|l| l.starts_with("rename ") && l.ends_with("index.html\""))
            .unwrap();
        assert!(rm > last_page, "{batch}");
        assert_eq!(
            lines[lines.len() - 2..],
            [
                "put \"/m.txt\" \".bantin-deploy.txt.bantin-new\"",
                "rename \".bantin-deploy.txt.bantin-new\" \".bantin-deploy.txt\""
            ]
        );
    }

    #[test]
    fn manifests_read_back_what_was_written() {
        let m = manifest(&[("a b/index.html", "1"), ("x.css", "2")]);
        assert_eq!(read_manifest(&manifest_text(&m)), m);
        assert!(read_manifest("not a manifest\n").is_empty());
    }
}
