//! The words bantin prints: every error, warning, note, summary line and `--help` text comes
//! from one catalogue per language (`messages/<language>/*.ftl`, in Fluent syntax, compiled into
//! the binary), in the language chosen once per run: site.yaml `cli_language`, else the locale
//! (`LANG=vi_VN.UTF-8`), else English.
//!
//! A message is a [`Text`], which only the catalogue makes: a diagnostic cannot carry words that
//! were not translated. `t!` looks one up by its id; Fluent does the plurals.

pub mod command_line;

use crate::t;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::cell::Cell;
use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language of the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    Vietnamese,
    /// The studio's words only (messages/fr/studio.ftl); every other message is in English.
    French,
}

impl Language {
    /// The languages every catalogue file is written in.
    pub const ALL: [Language; 2] = [Language::English, Language::Vietnamese];

    /// `vi`, `vi_VN.UTF-8`, `vi-VN`, `en`, `en_US`...: the language of a code or locale name.
    pub fn from_code(code: &str) -> Option<Language> {
        let lang = code
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match lang.as_str() {
            "vi" => Some(Language::Vietnamese),
            "fr" => Some(Language::French),
            "en" | "c" | "posix" => Some(Language::English),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Vietnamese => "vi",
            Language::French => "fr",
        }
    }

    /// The language the locale asks for, as POSIX orders it: LC_ALL, LC_MESSAGES, LANG (the
    /// first one set decides); `None` when none is set or it names another language.
    pub fn from_locale() -> Option<Language> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|value| !value.is_empty())
            .and_then(|value| Language::from_code(&value))
    }
}

/// The language of a run for the site in `root`: site.yaml's `cli_language` when it has one
/// (the site's editors chose it), else the locale's, else English.
pub fn language_for_site(root: &std::path::Path) -> Language {
    // The command line speaks the languages every catalogue file is written in (French is
    // the studio's only).
    let spoken = |l: &Language| Language::ALL.contains(l);
    site_setting(root, &["cli_language"])
        .filter(spoken)
        .or_else(|| Language::from_locale().filter(spoken))
        .unwrap_or(Language::English)
}

/// The language of the first of `keys` in site.yaml that names one the messages speak.
pub fn site_setting(root: &std::path::Path, keys: &[&str]) -> Option<Language> {
    let text = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).ok()?;
    let tree = crate::yaml::to_tree(&text).ok()?;
    keys.iter()
        .find_map(|key| Language::from_code(tree.get(*key)?.as_str()?))
}

static LANGUAGE: AtomicU8 = AtomicU8::new(0);

/// Chooses the language of every message from now on (once, at the start of a run).
pub fn set_language(language: Language) {
    LANGUAGE.store(language as u8, Ordering::Relaxed);
}

pub fn language() -> Language {
    if let Some(language) = OVERRIDE.with(Cell::get) {
        return language;
    }
    match LANGUAGE.load(Ordering::Relaxed) {
        1 => Language::Vietnamese,
        2 => Language::French,
        _ => Language::English,
    }
}

thread_local! {
    static OVERRIDE: Cell<Option<Language>> = const { Cell::new(None) };
}

/// Runs `f` with this thread's messages in `language` (for tests, which run side by side in
/// one process and so cannot change the run's language).
pub fn in_language<T>(language: Language, f: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.with(|o| o.replace(Some(language)));
    let result = f();
    OVERRIDE.with(|o| o.set(before));
    result
}

/// What the system said about a failed file operation, in the run's language. English keeps
/// the system's own words (`No such file or directory (os error 2)`).
pub fn io_error(e: &std::io::Error) -> Text {
    use std::io::ErrorKind;
    if language() == Language::English {
        return Text(e.to_string());
    }
    let words = match e.kind() {
        ErrorKind::NotFound => t!("io-not-found"),
        ErrorKind::PermissionDenied => t!("io-permission-denied"),
        ErrorKind::AlreadyExists => t!("io-already-exists"),
        ErrorKind::AddrInUse => t!("io-address-in-use"),
        ErrorKind::IsADirectory => t!("io-is-a-directory"),
        ErrorKind::NotADirectory => t!("io-not-a-directory"),
        ErrorKind::DirectoryNotEmpty => t!("io-directory-not-empty"),
        ErrorKind::StorageFull => t!("io-storage-full"),
        ErrorKind::ReadOnlyFilesystem => t!("io-read-only"),
        ErrorKind::InvalidData => t!("io-invalid-data"),
        ErrorKind::TimedOut => t!("io-timed-out"),
        _ => return Text(e.to_string()),
    };
    match e.raw_os_error() {
        Some(code) => t!("io-with-code", words = words, code = code),
        None => words,
    }
}

/// What walking a folder failed on, in the run's language: walkdir's own words in English
/// (`IO error for operation on …: …`, naming the path), the system's failure told by
/// [`io_error`] in other languages (the path is the caller's to give).
pub fn walk_error(e: &walkdir::Error) -> Text {
    match e.io_error() {
        Some(io) if language() != Language::English => io_error(io),
        _ => Text(e.to_string()),
    }
}

/// Words from the catalogue, in the run's language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Text(String);

impl Text {
    /// Something that is not words to translate: a value the user typed, a path, code, or the
    /// message of another program. Every use says which.
    pub fn verbatim(s: impl Into<String>) -> Text {
        Text(s.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0
    }
}

/// A value given to a message: words, or a number (which chooses plural forms).
pub enum Arg {
    Words(String),
    Number(f64),
}

macro_rules! arg_from_words {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::Words(v.to_string())
            }
        }
    )*};
}
arg_from_words!(
    &str,
    String,
    &String,
    Text,
    &Text,
    char,
    std::path::Display<'_>
);

macro_rules! arg_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::Number(v as f64)
            }
        }
        impl From<&$t> for Arg {
            fn from(v: &$t) -> Arg {
                Arg::Number(*v as f64)
            }
        }
    )*};
}
arg_from_number!(usize, u64, u32, u16, u8, i64, i32, f64);

impl From<&std::path::Path> for Arg {
    fn from(p: &std::path::Path) -> Arg {
        Arg::Words(p.display().to_string())
    }
}

impl From<&std::path::PathBuf> for Arg {
    fn from(p: &std::path::PathBuf) -> Arg {
        Arg::Words(p.display().to_string())
    }
}

/// `t!(<id>)`, `t!(<id>, name = value, ...)`: the message `<id>` of the catalogue, in the run's
/// language, with its variables (`$name` in the .ftl files) set.
#[macro_export]
macro_rules! t {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::text($id, &[$((stringify!($name), $crate::messages::Arg::from($value))),*])
    };
}

/// The catalogue files, by name; each exists in every language (a test checks they agree).
macro_rules! catalogue {
    ($($file:literal),*) => {
        /// (file name, English source, Vietnamese source)
        const FILES: &[(&str, &str, &str)] = &[$((
            $file,
            include_str!(concat!("../../messages/en/", $file, ".ftl")),
            include_str!(concat!("../../messages/vi/", $file, ".ftl")),
        )),*];
    };
}
catalogue!("cli", "content", "site", "build", "studio");

/// The files written in French too (its other messages are the English ones).
const FRENCH: &[(&str, &str)] = &[("studio", include_str!("../../messages/fr/studio.ftl"))];

type Bundle = FluentBundle<FluentResource>;

fn bundle(language: Language) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    BUNDLES[language as usize].get_or_init(|| {
        let id = language.code().parse().unwrap_or_default();
        let mut bundle = Bundle::new_concurrent(vec![id]);
        // Terminals show Unicode isolation marks as boxes; messages are left to right anyway.
        bundle.set_use_isolating(false);
        let sources: Vec<&str> = match language {
            Language::English => FILES.iter().map(|(_, en, _)| *en).collect(),
            Language::Vietnamese => FILES.iter().map(|(_, _, vi)| *vi).collect(),
            Language::French => FRENCH.iter().map(|(_, fr)| *fr).collect(),
        };
        for source in sources {
            // The catalogue is part of the program (a test parses it): a broken entry is
            // skipped, never fatal.
            let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
            let _ = bundle.add_resource(resource);
        }
        bundle
    })
}

/// The message `id` in the run's language (English when it lacks one; the id itself when
/// neither has it, which a test rules out).
pub fn text(id: &str, args: &[(&str, Arg)]) -> Text {
    text_in(language(), id, args)
}

pub fn text_in(language: Language, id: &str, args: &[(&str, Arg)]) -> Text {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Words(s) => fluent_args.set(*name, FluentValue::from(s.clone())),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    for language in [language, Language::English] {
        let bundle = bundle(language);
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let words = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            return Text(words.into_owned());
        }
    }
    Text(id.to_string())
}

/// A message in both languages exists (for `--help`, whose ids are made from command names).
pub fn has(id: &str) -> bool {
    Language::ALL.iter().all(|&l| {
        bundle(l)
            .get_message(id)
            .is_some_and(|m| m.value().is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Message id → the variables it uses, from a catalogue source.
    fn messages_of(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        let mut messages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current = None;
        for line in source.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(char::is_whitespace)
                && let Some((id, _)) = line.split_once('=')
            {
                current = Some(id.trim().to_string());
                messages.entry(id.trim().to_string()).or_default();
            }
            if let Some(id) = &current {
                let vars = messages.entry(id.clone()).or_default();
                let mut rest = line;
                while let Some(i) = rest.find('$') {
                    rest = &rest[i + 1..];
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    vars.insert(name);
                }
            }
        }
        messages
    }

    #[test]
    fn every_catalogue_file_parses_in_every_language() {
        for (file, en, vi) in FILES {
            for (lang, source) in [("en", en), ("vi", vi)] {
                if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
                    panic!("messages/{lang}/{file}.ftl: {errors:?}");
                }
            }
        }
    }

    #[test]
    fn every_message_exists_in_both_languages_with_the_same_variables() {
        for (file, en, vi) in FILES {
            let (en, vi) = (messages_of(en), messages_of(vi));
            let en_ids: BTreeSet<_> = en.keys().collect();
            let vi_ids: BTreeSet<_> = vi.keys().collect();
            assert_eq!(
                en_ids.difference(&vi_ids).collect::<Vec<_>>(),
                Vec::<&&String>::new(),
                "{file}.ftl: in English, missing in Vietnamese"
            );
            assert_eq!(
                vi_ids.difference(&en_ids).collect::<Vec<_>>(),
                Vec::<&&String>::new(),
                "{file}.ftl: in Vietnamese, missing in English"
            );
            for (id, vars) in &en {
                assert_eq!(vars, &vi[id], "{file}.ftl `{id}`: variables differ");
            }
        }
    }

    #[test]
    fn the_french_files_have_every_message_of_the_english_ones_with_the_same_variables() {
        for (file, fr) in FRENCH {
            let (_, en, _) = FILES
                .iter()
                .find(|(f, _, _)| f == file)
                .expect("an English file");
            if let Err((_, errors)) = FluentResource::try_new(fr.to_string()) {
                panic!("messages/fr/{file}.ftl: {errors:?}");
            }
            let (en, fr) = (messages_of(en), messages_of(fr));
            assert_eq!(
                en.keys().collect::<Vec<_>>(),
                fr.keys().collect::<Vec<_>>(),
                "messages/fr/{file}.ftl has other ids than messages/en/{file}.ftl"
            );
            for (id, vars) in &en {
                assert_eq!(vars, &fr[id], "fr/{file}.ftl `{id}`: variables differ");
            }
        }
        let said = in_language(Language::French, || t!("studio-save").into_string());
        assert_eq!(said, "Enregistrer");
        // Outside the studio, French reads the English messages.
        let outside = in_language(Language::French, || t!("cli-password-empty").into_string());
        assert_eq!(outside, "no password was given");
    }

    /// Every `t!(<id>, a = ..., b = ...)` of the program: its id, and the names it gives.
    fn calls_in(source: &str) -> Vec<(String, BTreeSet<String>)> {
        let mut calls = Vec::new();
        let mut rest = source;
        while let Some(i) = rest.find("t!(") {
            // `format!(` and `print!(` end the same way.
            // (and this scanner's own `"t!("` is no call).
            let word = rest[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '"');
            rest = &rest[i + 3..];
            // rustfmt may put the id on the next line.
            let Some(after) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            if word {
                continue;
            }
            rest = after;
            let Some(end) = rest.find('"') else { break };
            let id = rest[..end].to_string();
            // The arguments: `name =` at the call's own depth, up to its closing parenthesis.
            let mut depth = 1;
            let mut names = BTreeSet::new();
            let body = &rest[end + 1..];
            let mut in_string = false;
            let bytes = body.as_bytes();
            let mut j = 0;
            while j < bytes.len() && depth > 0 {
                match bytes[j] {
                    b'\\' if in_string => j += 1,
                    b'"' => in_string = !in_string,
                    b'(' | b'[' | b'{' if !in_string => depth += 1,
                    b')' | b']' | b'}' if !in_string => depth -= 1,
                    b',' if !in_string && depth == 1 => {
                        let arg = body[j + 1..].trim_start();
                        let name: String = arg
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        if arg[name.len()..].trim_start().starts_with('=') && !name.is_empty() {
                            names.insert(name);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            calls.push((id, names));
        }
        calls
    }

    fn rust_sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }

    #[test]
    fn every_message_the_program_asks_for_exists_with_the_variables_it_gives() {
        let mut all: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (_, en, _) in FILES {
            all.extend(messages_of(en));
        }
        let mut sources = Vec::new();
        rust_sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut sources,
        );
        let mut used = BTreeSet::new();
        let mut problems = Vec::new();
        for (file, source) in &sources {
            for (id, given) in calls_in(source) {
                used.insert(id.clone());
                match all.get(&id) {
                    None => problems.push(format!("{file}: `{id}` is not in the catalogue")),
                    Some(wanted) if wanted != &given => problems.push(format!(
                        "{file}: `{id}` wants {wanted:?}, is given {given:?}"
                    )),
                    Some(_) => {}
                }
            }
        }
        // Help texts are looked up by names made from the commands (`help-…`), the studio's
        // labels by names made from the content model (`studio-key-…`, `studio-choice-…`:
        // src/studio/pages.rs checks they cover it); every other message must be asked for.
        let made = ["help-", "studio-key-", "studio-choice-"];
        for id in all.keys() {
            if !used.contains(id) && !made.iter().any(|m| id.starts_with(m)) {
                problems.push(format!("`{id}` is in the catalogue but never used"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_failed_file_operation_is_told_in_the_language_of_the_run() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_error(&e).as_str(), e.to_string());
        let vi = in_language(Language::Vietnamese, || io_error(&e));
        assert_eq!(
            vi.as_str(),
            "không có tệp hay thư mục này (mã lỗi hệ thống 2)"
        );
        assert_eq!(
            language(),
            Language::English,
            "the override ends with the closure"
        );
    }

    #[test]
    fn the_locale_and_codes_choose_the_language() {
        assert_eq!(
            Language::from_code("vi_VN.UTF-8"),
            Some(Language::Vietnamese)
        );
        assert_eq!(Language::from_code("vi"), Some(Language::Vietnamese));
        assert_eq!(Language::from_code("en_US.UTF-8"), Some(Language::English));
        assert_eq!(Language::from_code("C.UTF-8"), Some(Language::English));
        assert_eq!(Language::from_code("fr_FR"), Some(Language::French));
        assert_eq!(Language::from_code("de_DE"), None);
    }

    #[test]
    fn plurals_follow_each_language() {
        let one = text_in(
            Language::English,
            "cli-problems-found",
            &[("count", Arg::Number(1.0))],
        );
        let two = text_in(
            Language::English,
            "cli-problems-found",
            &[("count", Arg::Number(2.0))],
        );
        assert_eq!(one.as_str(), "1 problem found");
        assert_eq!(two.as_str(), "2 problems found");
        let vi = text_in(
            Language::Vietnamese,
            "cli-problems-found",
            &[("count", Arg::Number(2.0))],
        );
        assert_eq!(vi.as_str(), "tìm thấy 2 lỗi");
    }
}
