//! `bantin read-aloud`: a bulletin's read-aloud script (src/speech) on standard output, and
//! with `--audio` spoken into a WAV file by espeak-ng (it has a Vietnamese voice), for the
//! commune radio.

use crate::messages::{Text, io_error};
use crate::pipeline::{BuildError, BuildOptions, load_site};
use crate::render::view::View;
use crate::speech::Script;
use crate::t;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct ReadAloudOptions {
    pub root: PathBuf,
    /// The bulletin: its file name without `.md`, or `bulletins/<name>`.
    pub bulletin: String,
    pub lang: Option<String>,
    pub audio: Option<PathBuf>,
    pub drafts: bool,
}

/// What the command made: the script, with the words-a-minute it is timed at, and the
/// recording's length when one was asked for.
pub struct ReadAloud {
    pub script: Script,
    pub rate: usize,
    pub audio: Option<(PathBuf, f64)>,
}

pub fn read_aloud(options: &ReadAloudOptions) -> Result<ReadAloud, BuildError> {
    let reference = options
        .bulletin
        .trim_end_matches(".md")
        .trim_start_matches("bulletins/")
        .to_string();
    let (site, _) = load_site(&BuildOptions {
        root: options.root.clone(),
        drafts: options.drafts,
        ..Default::default()
    })?;
    let lang = options
        .lang
        .clone()
        .unwrap_or_else(|| site.config.default_language.clone());
    let bulletin = crate::pdf::find_bulletin(&site, &reference, &lang)?;
    let view = View::new(&site, &[]);
    let script = crate::render::read_aloud::script(&view, bulletin.id);
    let rate = site.config.speaking_rate(&lang);
    let audio = match &options.audio {
        Some(path) => Some((path.clone(), speak(&script, rate, path)?)),
        None => None,
    };
    Ok(ReadAloud {
        script,
        rate,
        audio,
    })
}

/// Speaks the script into `path` at `rate` words a minute; the recording's length in
/// seconds. espeak-ng's `-s` is its own words a minute, which in Vietnamese (a word is a
/// syllable) come out about a third faster than an announcer reads: when the recording is
/// more than a tenth off the script's time at `rate`, it is spoken again at the speed that
/// makes up the difference (espeak-ng takes well under a second for a whole bulletin).
fn speak(script: &Script, rate: usize, path: &Path) -> Result<f64, BuildError> {
    let target = script.words as f64 * 60.0 / rate.max(1) as f64;
    let seconds = speak_at(script, rate, path)?;
    if target <= 0.0 || seconds <= 0.0 || (seconds / target - 1.0).abs() <= 0.1 {
        return Ok(seconds);
    }
    let adjusted = (rate as f64 * seconds / target).round().clamp(60.0, 500.0) as usize;
    speak_at(script, adjusted, path)
}

/// Speaks the script into `path` with espeak-ng at its speed `speed`.
fn speak_at(script: &Script, rate: usize, path: &Path) -> Result<f64, BuildError> {
    let espeak = ["espeak-ng", "espeak"]
        .into_iter()
        .find(|p| Command::new(p).arg("--version").output().is_ok())
        .ok_or_else(|| BuildError::Io(t!("read-aloud-no-espeak")))?;
    let voice = script.lang.split(['-', '_']).next().unwrap_or("vi");
    let mut child = Command::new(espeak)
        .args(["-v", voice, "-s", &rate.to_string(), "--stdin", "-w"])
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| BuildError::Io(t!("read-aloud-espeak-failed", error = io_error(&e))))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(script.text().as_bytes())
            .map_err(|e| BuildError::Io(t!("read-aloud-espeak-failed", error = io_error(&e))))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| BuildError::Io(t!("read-aloud-espeak-failed", error = io_error(&e))))?;
    let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if !out.status.success() || said.contains("voice") {
        let error: Text = if said.is_empty() {
            t!("read-aloud-espeak-status", status = out.status.to_string())
        } else {
            Text::verbatim(said)
        };
        return Err(BuildError::Io(t!(
            "read-aloud-espeak-failed",
            error = error
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| BuildError::Io(t!("read-aloud-espeak-failed", error = io_error(&e))))?;
    wav_seconds(&bytes).ok_or_else(|| {
        BuildError::Io(t!(
            "read-aloud-espeak-status",
            status = "no WAV data".to_string()
        ))
    })
}

/// The length of a PCM WAV recording: its data's bytes over its bytes a second.
pub fn wav_seconds(bytes: &[u8]) -> Option<f64> {
    if bytes.get(..4)? != b"RIFF" || bytes.get(8..12)? != b"WAVE" {
        return None;
    }
    let le32 = |at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    let (mut at, mut rate) = (12, None);
    while at + 8 <= bytes.len() {
        let (id, size) = (&bytes[at..at + 4], le32(at + 4)? as usize);
        match id {
            b"fmt " => rate = le32(at + 16),
            // espeak-ng writing to a file leaves the sizes of a stream (0 or 0xFFFFFFFF):
            // the data is then the rest of the file.
            b"data" => {
                let available = bytes.len() - (at + 8);
                let size = if size == 0 || size > available {
                    available
                } else {
                    size
                };
                return Some(size as f64 / f64::from(rate.filter(|r| *r > 0)?));
            }
            _ => {}
        }
        at += 8 + size + size % 2;
    }
    None
}
