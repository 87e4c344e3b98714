//! The system's OpenSSH `sftp`, driven in batch mode: it is on every Linux and macOS machine
//! and on Windows 10 and later, it uses the editor's own keys, agent and ~/.ssh/config, and
//! it renames over an existing file atomically on OpenSSH servers (posix-rename).

use super::{DeployError, DeploySettings, MANIFEST, Manifest};
use crate::messages::Text;
use crate::t;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The longest command line sftp reads whole (its buffer is 2,048 bytes).
const LONGEST_LINE: usize = 2000;

/// One sftp command argument, quoted the way sftp's own parser reads it back.
pub fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// How to reach the destination.
pub struct Client {
    program: PathBuf,
    args: Vec<String>,
    folder: String,
    shown: String,
}

impl Client {
    pub fn new(root: &Path, settings: &DeploySettings) -> Client {
        // BANTIN_SFTP: another sftp program (not on PATH, or a wrapper).
        let program = std::env::var_os("BANTIN_SFTP").map_or_else(|| "sftp".into(), PathBuf::from);
        let mut args: Vec<String> = [
            // Keys only: nobody is there to type a password (sftp -b sets it too).
            "BatchMode=yes",
            // A server seen for the first time is remembered; a changed key is refused.
            "StrictHostKeyChecking=accept-new",
            "ConnectTimeout=20",
            // A link that drops is noticed within a minute instead of hanging.
            "ServerAliveInterval=15",
            "ServerAliveCountMax=4",
        ]
        .iter()
        .flat_map(|o| ["-o".to_string(), o.to_string()])
        .collect();
        if let Some(file) = &settings.known_hosts {
            let file = root.join(file);
            args.extend([
                "-o".into(),
                format!("UserKnownHostsFile={}", file.display()),
            ]);
        }
        if let Some(key) = &settings.identity {
            args.extend(["-i".into(), root.join(key).display().to_string()]);
        }
        if let Some(port) = settings.to.port {
            args.extend(["-P".into(), port.to_string()]);
        }
        args.extend(["-b".into(), "-".into(), "--".into(), settings.to.login()]);
        Client {
            program,
            args,
            folder: settings.to.folder.clone(),
            shown: settings.to.shown(),
        }
    }

    /// The list of files a previous deploy left on the server (empty on a first deploy).
    pub fn fetch_manifest(&self, work: &Path) -> Result<Manifest, DeployError> {
        let file = work.join("remote.txt");
        let _ = std::fs::remove_file(&file);
        let remote = match self.folder.as_str() {
            "" => MANIFEST.to_string(),
            folder => format!("{folder}/{MANIFEST}"),
        };
        let local = quoted(&file.to_string_lossy());
        // Missing on a first deploy: `-` lets that pass.
        let batch = format!("-get {} {local}\n", quoted(&remote));
        self.execute(&batch, None)
            .map_err(DeployError::NotStarted)?;
        Ok(match std::fs::read_to_string(&file) {
            Ok(text) => super::read_manifest(&text),
            Err(_) => Manifest::new(),
        })
    }

    /// Runs a deploy's batch; `uploads` files are renamed into place when it ends well.
    pub fn run(&self, batch: &str, uploads: usize) -> Result<(), DeployError> {
        let mut done = 0;
        let outcome = self.execute(
            batch,
            Some(&mut |line: &str| {
                if line.starts_with("sftp> rename ") {
                    done += 1;
                }
            }),
        );
        outcome.map_err(|problem| {
            // The manifest is renamed last, after the uploads.
            let done = done.min(uploads);
            DeployError::Interrupted(t!(
                "deploy-interrupted",
                problem = problem,
                done = done,
                total = uploads
            ))
        })
    }

    /// Feeds `batch` to sftp; each line it echoes goes to `echoed`. The error is sftp's own
    /// last words, or why it could not start.
    fn execute(&self, batch: &str, mut echoed: Option<&mut dyn FnMut(&str)>) -> Result<(), Text> {
        if let Some(line) = batch
            .lines()
            .find(|l| l.len() > LONGEST_LINE || l.contains('\r'))
        {
            return Err(t!("deploy-path-too-long", line = line));
        }
        let mut child = Command::new(&self.program)
            .args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => t!("deploy-no-sftp"),
                _ => t!("deploy-sftp-failed", error = crate::messages::io_error(&e)),
            })?;
        let mut stdin = child.stdin.take();
        let batch = batch.to_string();
        // Written from a thread: sftp answers while it reads, and both pipes have to flow.
        let writer = std::thread::spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                let _ = stdin.write_all(batch.as_bytes());
            }
        });
        let stderr = child.stderr.take();
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut stderr) = stderr {
                let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
            }
            text
        });
        if let Some(stdout) = child.stdout.take() {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if let Some(echoed) = echoed.as_mut() {
                    echoed(&line);
                }
            }
        }
        let _ = writer.join();
        let errors = reader.join().unwrap_or_default();
        let status = child
            .wait()
            .map_err(|e| t!("deploy-sftp-failed", error = crate::messages::io_error(&e)))?;
        if status.success() {
            return Ok(());
        }
        let last_words: Vec<&str> = errors.lines().filter(|l| !l.trim().is_empty()).collect();
        let said = last_words[last_words.len().saturating_sub(3)..].join(" / ");
        Err(t!(
            "deploy-sftp-said",
            destination = self.shown.as_str(),
            said = said
        ))
    }
}
