//! Writing the output safely: the build writes into a staging folder beside the output and
//! swaps it in only when the whole build succeeded, so a failed build leaves the previous
//! site untouched. bantin only ever replaces a folder it created (it leaves a marker file),
//! refuses dangerous output folders, and never writes outside the output folder.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The file bantin leaves in every output folder it creates.
pub const MARKER: &str = ".bantin-output";

/// Where rendered files go: a staging folder (a full build) or the live output folder (a
/// rebuild in watch mode).
pub trait Sink: Sync {
    /// Writes one output file; `file` is relative to the output folder.
    fn write(&self, file: &str, bytes: &[u8]) -> Result<(), String>;
    /// Copies a file into the output.
    fn copy(&self, file: &str, from: &Path) -> Result<(), String>;
}

impl Sink for Stage {
    fn write(&self, file: &str, bytes: &[u8]) -> Result<(), String> {
        Stage::write(self, file, bytes)
    }
    fn copy(&self, file: &str, from: &Path) -> Result<(), String> {
        Stage::copy(self, file, from)
    }
}

/// The output folder of a running `bantin watch`/`serve`, updated in place after the first
/// full build: a file is rewritten only when its bytes changed (so the server and the
/// browser see only real changes), each through a temporary file and a rename (so a request
/// never gets half a page).
pub struct Live {
    output: PathBuf,
    /// Digest of each file as last written or found on disk.
    digests: Mutex<HashMap<String, u64>>,
    written: AtomicUsize,
}

impl Live {
    /// The output folder of a build that just succeeded (it carries the marker).
    pub fn open(output: &Path, source_root: &Path) -> Result<Live, String> {
        let output = absolute(output)?;
        check_output_folder(&output, &absolute(source_root)?)?;
        if !output.join(MARKER).exists() {
            return Err(format!("{} was not made by bantin", output.display()));
        }
        Ok(Live {
            output,
            digests: Mutex::new(HashMap::new()),
            written: AtomicUsize::new(0),
        })
    }

    /// How many files were actually rewritten since the last call.
    pub fn take_written(&self) -> usize {
        self.written.swap(0, Ordering::Relaxed)
    }

    /// Removes output files that no route makes any more (a deleted or renamed item).
    pub fn remove(&self, file: &str) -> Result<(), String> {
        let target = self.output.join(checked_relative(file)?);
        if let Ok(mut d) = self.digests.lock() {
            d.remove(file);
        }
        match std::fs::remove_file(&target) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(format!("cannot remove {}: {e}", target.display())),
        }
        // Empty folders left behind go too (never the output folder itself).
        let mut dir = target.parent();
        while let Some(d) = dir {
            if d == self.output || std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }

    fn unchanged(&self, file: &str, target: &Path, digest: u64) -> bool {
        let known = self.digests.lock().ok().and_then(|d| d.get(file).copied());
        match known {
            Some(k) => k == digest,
            // First time seen in this session: compare with what the full build wrote.
            None => std::fs::read(target).is_ok_and(|old| digest_of(&old) == digest),
        }
    }

    fn replace(&self, file: &str, target: &Path, bytes: &[u8], digest: u64) -> Result<(), String> {
        if !self.unchanged(file, target, digest) {
            let temp = target.with_file_name(format!(
                ".{}.bantin-new",
                target
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            ));
            write_file(&temp, bytes)
                .and_then(|()| std::fs::rename(&temp, target))
                .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        if let Ok(mut d) = self.digests.lock() {
            d.insert(file.to_string(), digest);
        }
        Ok(())
    }
}

impl Sink for Live {
    fn write(&self, file: &str, bytes: &[u8]) -> Result<(), String> {
        let target = self.output.join(checked_relative(file)?);
        self.replace(file, &target, bytes, digest_of(bytes))
    }
    fn copy(&self, file: &str, from: &Path) -> Result<(), String> {
        let bytes =
            std::fs::read(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        self.write(file, &bytes)
    }
}

/// Files rendered in memory, published together only when the whole rebuild succeeded (so a
/// failed rebuild leaves every page as it was).
#[derive(Default)]
pub struct Buffer(Mutex<Vec<(String, Vec<u8>)>>);

impl Buffer {
    /// The files rendered so far.
    pub fn files(&self) -> Vec<String> {
        self.0
            .lock()
            .map(|files| files.iter().map(|(f, _)| f.clone()).collect())
            .unwrap_or_default()
    }

    /// Writes every buffered file to the live output; returns how many there were.
    pub fn publish(self, live: &Live) -> Result<usize, String> {
        let files = self.0.into_inner().unwrap_or_default();
        let n = files.len();
        for (file, bytes) in files {
            live.write(&file, &bytes)?;
        }
        Ok(n)
    }
}

impl Sink for Buffer {
    fn write(&self, file: &str, bytes: &[u8]) -> Result<(), String> {
        checked_relative(file)?;
        self.0
            .lock()
            .map_err(|_| "a render thread failed".to_string())?
            .push((file.to_string(), bytes.to_vec()));
        Ok(())
    }
    fn copy(&self, file: &str, from: &Path) -> Result<(), String> {
        let bytes =
            std::fs::read(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        self.write(file, &bytes)
    }
}

fn digest_of(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Where the files of one build go.
pub struct Stage {
    /// The final output folder (absolute).
    output: PathBuf,
    /// The folder being written: `None` for a dry run (`bantin check`).
    staging: Option<PathBuf>,
}

impl Stage {
    /// A stage that writes nothing: every write succeeds and is dropped.
    pub fn dry_run() -> Stage {
        Stage {
            output: PathBuf::new(),
            staging: None,
        }
    }

    /// Checks that `output` may be replaced by a build of the site at `source_root`, and
    /// creates an empty staging folder beside it.
    pub fn prepare(output: &Path, source_root: &Path) -> Result<Stage, String> {
        let output = absolute(output)?;
        let source_root = absolute(source_root)?;
        check_output_folder(&output, &source_root)?;
        let staging = sibling(&output, "staging")?;
        if staging.exists() {
            // Left over by an interrupted build: ours only if it carries our marker.
            if !staging.join(MARKER).exists() {
                return Err(format!(
                    "{} exists and was not made by bantin; move it away",
                    staging.display()
                ));
            }
            std::fs::remove_dir_all(&staging).map_err(|e| {
                format!(
                    "cannot remove the old staging folder {}: {e}",
                    staging.display()
                )
            })?;
        }
        std::fs::create_dir_all(&staging)
            .map_err(|e| format!("cannot create {}: {e}", staging.display()))?;
        std::fs::write(
            staging.join(MARKER),
            "This folder was generated by bantin; a build replaces it whole.\n",
        )
        .map_err(|e| format!("cannot write in {}: {e}", staging.display()))?;
        Ok(Stage {
            output,
            staging: Some(staging),
        })
    }

    /// Writes one output file. `file` is relative to the output folder and may not climb out
    /// of it, whatever a slug or path in the content says.
    pub fn write(&self, file: &str, bytes: &[u8]) -> Result<(), String> {
        let Some(staging) = &self.staging else {
            return Ok(());
        };
        let target = staging.join(checked_relative(file)?);
        write_file(&target, bytes).map_err(|e| format!("cannot write {}: {e}", target.display()))
    }

    /// Copies a file into the output.
    pub fn copy(&self, file: &str, from: &Path) -> Result<(), String> {
        let Some(staging) = &self.staging else {
            return Ok(());
        };
        let target = staging.join(checked_relative(file)?);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::copy(from, &target).map(|_| ()).map_err(|e| {
            format!(
                "cannot copy {} to {}: {e}",
                from.display(),
                target.display()
            )
        })
    }

    /// Swaps the staging folder in place of the output. Until this point, the previous output
    /// is untouched.
    pub fn commit(self) -> Result<(), String> {
        let Some(staging) = &self.staging else {
            return Ok(());
        };
        let old = sibling(&self.output, "old")?;
        if old.exists() {
            std::fs::remove_dir_all(&old)
                .map_err(|e| format!("cannot remove {}: {e}", old.display()))?;
        }
        let had_output = self.output.exists();
        if had_output {
            std::fs::rename(&self.output, &old)
                .map_err(|e| format!("cannot move the previous output aside: {e}"))?;
        }
        if let Err(e) = std::fs::rename(staging, &self.output) {
            if had_output {
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(format!(
                "cannot move the new site into {}: {e}",
                self.output.display()
            ));
        }
        if had_output {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }

    /// Drops the staging folder after a failed build.
    pub fn abandon(self) {
        if let Some(staging) = &self.staging {
            let _ = std::fs::remove_dir_all(staging);
        }
    }
}

fn write_file(target: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(target, bytes)
}

/// `file` as a relative path made only of normal components.
fn checked_relative(file: &str) -> Result<PathBuf, String> {
    let path = Path::new(file);
    if file.is_empty() || !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(format!(
            "refusing to write `{file}`: it is not a plain path inside the output folder"
        ));
    }
    Ok(path.to_path_buf())
}

fn absolute(path: &Path) -> Result<PathBuf, String> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| format!("cannot read the current folder: {e}"))?
            .join(path)
    };
    // Resolve symlinks and `..` in the part that exists, so that comparisons are honest.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        if part == ".." {
            resolved.pop();
        } else if part != "." {
            resolved.push(part);
        }
    }
    Ok(resolved)
}

/// `.<name>.bantin-<what>` beside the output folder: on the same file system, so the final
/// rename is a rename and not a copy.
fn sibling(output: &Path, what: &str) -> Result<PathBuf, String> {
    let name = output
        .file_name()
        .ok_or_else(|| format!("{} cannot be an output folder", output.display()))?;
    let parent = output
        .parent()
        .ok_or_else(|| format!("{} cannot be an output folder", output.display()))?;
    Ok(parent.join(format!(".{}.bantin-{what}", name.to_string_lossy())))
}

fn check_output_folder(output: &Path, source_root: &Path) -> Result<(), String> {
    let shown = output.display();
    if output.parent().is_none() {
        return Err(format!(
            "refusing to use {shown} as the output folder: it is the root of the file system"
        ));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home).is_ok_and(|h| h == output)
    {
        return Err(format!(
            "refusing to use {shown} as the output folder: it is your home folder"
        ));
    }
    if source_root.starts_with(output) {
        return Err(format!(
            "refusing to use {shown} as the output folder: it contains the site's sources"
        ));
    }
    for folder in [
        "content",
        "static",
        "themes",
        "templates",
        "data",
        "i18n",
        ".bantin-cache",
    ] {
        if output.starts_with(source_root.join(folder)) {
            return Err(format!(
                "refusing to use {shown} as the output folder: it is inside the site's {folder}/ folder"
            ));
        }
    }
    if output.exists() {
        if !output.is_dir() {
            return Err(format!(
                "refusing to use {shown} as the output folder: it is a file"
            ));
        }
        let empty = std::fs::read_dir(output)
            .map_err(|e| format!("cannot read {shown}: {e}"))?
            .next()
            .is_none();
        if !empty && !output.join(MARKER).exists() {
            return Err(format!(
                "refusing to replace {shown}: it is not empty and was not made by bantin (no {MARKER} file); choose another --output or empty it"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_climb_out_are_refused() {
        for bad in ["../x", "/etc/passwd", "a/../../b", ""] {
            assert!(checked_relative(bad).is_err(), "{bad}");
        }
        assert!(checked_relative("articles/x/index.html").is_ok());
    }
}
