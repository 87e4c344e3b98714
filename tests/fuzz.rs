//! Fuzzing on the stable toolchain: proptest generators of front matter, Markdown bodies,
//! locality registries, search documents and whole generated sites, each checked against
//! properties every input must keep: no panic, no hang (each case has its own watchdog),
//! errors that name a file (and a line inside it), nothing written outside the output folder,
//! and the same bytes from two builds of the same input.
//!
//! Every run first replays `tests/fuzz-corpus/<target>/` (inputs that once found a bug, and
//! hand-picked nasty ones), then a short pass of generated cases (about a minute in all). The
//! long pass is ignored by default and runs for as long as asked:
//!
//! ```sh
//! BANTIN_FUZZ_SECONDS=3600 nice -n 10 cargo test --release --test fuzz -- --ignored --nocapture
//! ```
//!
//! A failing case is shrunk by proptest, written to `target/fuzz-failures/<target>-<hash>.txt`
//! in the corpus format of its target (copy it into `tests/fuzz-corpus/<target>/` once the
//! bug is understood), and fails the test.

// The properties are `fn(&S::Value)` for every target, so a `String` input comes as `&String`.
#![allow(clippy::ptr_arg)]

mod common;

use bantin::content::Kind;
use bantin::content::front_matter::parse_file_text;
use bantin::diagnostic::Diagnostic;
use bantin::locality::Registry;
use bantin::markdown::{ImageTarget, MarkdownOptions, Resolver};
use bantin::messages::Text;
use bantin::pipeline::{BuildError, BuildOptions, build_site};
use bantin::search::{DocRecord, DocText, IndexDoc, build_index, doc_words};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long one case may take before it counts as a hang. Generous: a whole-site build of a
/// small generated site takes well under a second even on a loaded 2-core machine.
const CASE_LIMIT: Duration = Duration::from_secs(60);

// ------------------------------------------------------------------ driver

/// One fuzz target: a generator, a property, and how its inputs are stored in the corpus.
struct Target<S: Strategy> {
    /// Also the corpus folder's name.
    name: &'static str,
    strategy: S,
    /// The input as corpus text, and back.
    to_corpus: fn(&S::Value) -> String,
    from_corpus: fn(&str) -> S::Value,
    check: fn(&S::Value) -> Result<(), String>,
}

/// Runs `check` on its own thread: a panic becomes a failure (which proptest shrinks), and a
/// case that runs past [`CASE_LIMIT`] is a hang: its input is saved and the test process ends
/// at once (a hung thread cannot be stopped, and shrinking a hang would take hours).
fn guarded<V: Clone + Send + 'static>(
    name: &'static str,
    value: &V,
    to_corpus: fn(&V) -> String,
    check: fn(&V) -> Result<(), String>,
) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let owned = value.clone();
    let worker = std::thread::Builder::new()
        .name(format!("fuzz-{name}"))
        .spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&owned)));
            let _ = tx.send(result);
        })
        .map_err(|e| format!("cannot start a thread: {e}"))?;
    match rx.recv_timeout(CASE_LIMIT) {
        Ok(Ok(result)) => {
            let _ = worker.join();
            result
        }
        Ok(Err(panic)) => {
            let _ = worker.join();
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a panic without a message".into());
            Err(format!("panicked: {message}"))
        }
        Err(_) => {
            let saved = save_failure(name, &to_corpus(value));
            eprintln!(
                "fuzz {name}: a case ran for more than {} s (a hang); its input is in {}",
                CASE_LIMIT.as_secs(),
                saved.display()
            );
            std::process::exit(101);
        }
    }
}

fn corpus_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-corpus")
        .join(name)
}

/// Writes a failing input where the developer finds it, named by its hash.
fn save_failure(name: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let hash = bantin::hash::content_hash(&[text.as_bytes()]);
    let path = dir.join(format!("{name}-{}.txt", &hash[..16]));
    let _ = std::fs::write(&path, text);
    path
}

/// Replays the corpus of a target; returns how many inputs it holds.
fn replay<S: Strategy>(target: &Target<S>) -> usize
where
    S::Value: Clone + Send + 'static,
{
    let dir = corpus_dir(target.name);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus folder {} is missing: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no input", dir.display());
    for file in &files {
        let text = std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("{}: not UTF-8 text: {e}", file.display()));
        let value = (target.from_corpus)(&text);
        if let Err(why) = guarded(target.name, &value, target.to_corpus, target.check) {
            panic!("fuzz corpus {}: {why}", file.display());
        }
    }
    files.len()
}

/// Runs `cases` generated cases from `seed`; a failure is shrunk, saved and reported.
fn generated<S: Strategy>(target: &Target<S>, cases: u32, seed: u64) -> Result<(), String>
where
    S::Value: Clone + Send + 'static,
{
    let config = Config {
        cases,
        failure_persistence: None,
        // A failing whole-site case builds twice per shrink step: bound the shrinking.
        max_shrink_iters: 2_000,
        max_shrink_time: 120_000,
        ..Config::default()
    };
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    // Each target draws its own cases from the same seed.
    let name_hash = bantin::hash::content_hash(&[target.name.as_bytes()]);
    bytes[8..24].copy_from_slice(&name_hash.as_bytes()[..16]);
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let (name, to_corpus, check) = (target.name, target.to_corpus, target.check);
    let outcome = runner.run(&target.strategy, move |value| {
        guarded(name, &value, to_corpus, check).map_err(TestCaseError::fail)
    });
    match outcome {
        Ok(()) => Ok(()),
        Err(TestError::Fail(why, value)) => {
            let saved = save_failure(target.name, &(target.to_corpus)(&value));
            Err(format!(
                "fuzz {}: {why}\n(seed {seed}; the shrunk input is in {}: replay it by copying it into tests/fuzz-corpus/{}/)",
                target.name,
                saved.display(),
                target.name
            ))
        }
        Err(TestError::Abort(why)) => Err(format!("fuzz {}: aborted: {why}", target.name)),
    }
}

/// The corpus, then `cases` generated cases with a fixed seed (the CI pass: the same cases
/// every run, so a failure can be reproduced).
#[track_caller]
fn short_pass<S: Strategy>(target: Target<S>, cases: u32)
where
    S::Value: Clone + Send + 'static,
{
    let corpus = replay(&target);
    let started = Instant::now();
    if let Err(why) = generated(&target, cases, 0x6261_6e74_696e) {
        panic!("{why}");
    }
    eprintln!(
        "fuzz {}: {corpus} corpus inputs, {cases} generated cases in {:.1} s",
        target.name,
        started.elapsed().as_secs_f64()
    );
}

/// The corpus, then batches of generated cases with fresh seeds until `budget` is spent.
/// Returns the number of generated cases.
fn long_pass<S: Strategy>(target: Target<S>, budget: Duration, batch: u32) -> Result<u64, String>
where
    S::Value: Clone + Send + 'static,
{
    replay(&target);
    let started = Instant::now();
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1);
    let mut cases = 0u64;
    while started.elapsed() < budget {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        generated(&target, batch, seed)?;
        cases += u64::from(batch);
    }
    Ok(cases)
}

// ------------------------------------------------------------------ text atoms

/// Words and characters that have broken text handling somewhere: Vietnamese in NFC and NFD,
/// other scripts, YAML and Markdown punctuation, control and invisible characters.
fn atom() -> BoxedStrategy<String> {
    let fixed = prop::sample::select(vec![
        "Dân vận khéo",
        "Đổi mới",
        // NFD: the same words as letters plus combining marks.
        "D\u{e2}n v\u{1ea}\u{323}n kh\u{e9}o",
        "Da\u{302}n va\u{323}\u{302}n khe\u{301}o",
        "\u{110}o\u{302}\u{309}i mo\u{31b}\u{301}i",
        "Hà Nam",
        "Mặt trận Tổ quốc",
        "Hmoob",
        "中文",
        "العربية",
        "🇻🇳🙂",
        "a\u{200b}b",
        "\u{feff}",
        "\u{202e}rtl",
        "\u{0}",
        "\u{7}",
        "\u{1b}[31m",
        "\u{85}",
        "\u{2028}",
        "\r",
        "\t",
        ":",
        ": ",
        " #",
        "#",
        "---",
        "...",
        "\"",
        "'",
        "`",
        "\\",
        "&",
        "*",
        "!",
        "|",
        ">",
        "%",
        "@",
        "[",
        "]",
        "{",
        "}",
        "<",
        "&amp;",
        "&#0;",
        "<script>alert(1)</script>",
        "javascript:alert(1)",
        "../../..",
        "/etc/passwd",
        "%2e%2e",
        "yes",
        "no",
        "~",
        "null",
        "0x1F",
        "1e400",
        "-0",
        ".inf",
        "2025-02-30",
        "2025-08-12",
        "<!-- more -->",
        "{{ site }}",
        "{% raw %}",
        "x",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        6 => fixed,
        2 => "[a-zA-Z0-9 ]{0,12}",
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => (prop::sample::select(vec!["a", "ạ", "\u{301}", " ", "-"]), 1usize..4000)
            .prop_map(|(s, n)| s.repeat(n)),
    ]
    .boxed()
}

/// A run of atoms, space-separated or not.
fn text(max_atoms: usize) -> BoxedStrategy<String> {
    (prop::collection::vec(atom(), 0..max_atoms), any::<bool>())
        .prop_map(|(atoms, spaced)| atoms.join(if spaced { " " } else { "" }))
        .boxed()
}

/// A YAML double-quoted scalar of any text (escapes included).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

// ------------------------------------------------------------------ front matter

/// A YAML value: scalars of every type, quoted and not, lists, maps, anchors, and garbage.
fn yaml_value() -> BoxedStrategy<String> {
    let scalar = prop_oneof![
        text(4),
        text(4).prop_map(|s| quoted(&s)),
        text(3).prop_map(|s| format!("'{}'", s.replace('\'', "''"))),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        (1800u32..2300, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        (1800u32..2300, 1u32..13, 1u32..29, 0u32..25, 0u32..61)
            .prop_map(|(y, m, d, h, mi)| format!("{y}-{m:02}-{d:02}T{h:02}:{mi:02}:00+07:00")),
        prop::sample::select(vec![
            "true",
            "false",
            "~",
            "",
            "|",
            ">",
            "&a",
            "*a",
            "!!binary x",
            "!tag x",
            "{",
            "[",
            "]",
            "- x",
            "? x",
            "@x",
            "`x`",
            "%x",
        ])
        .prop_map(str::to_string),
    ];
    scalar
        .prop_recursive(4, 24, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6)
                    .prop_map(|v| format!("[{}]", v.join(", "))),
                prop::collection::vec((text(2), inner), 0..4).prop_map(|v| {
                    let pairs: Vec<String> = v
                        .iter()
                        .map(|(k, x)| format!("{}: {x}", quoted(k)))
                        .collect();
                    format!("{{{}}}", pairs.join(", "))
                }),
            ]
        })
        .boxed()
}

const KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    "slug",
    "draft",
    "topics",
    "locality",
    "image",
    "image_alt",
    "aliases",
    "translation_key",
    "weight",
    "share",
    "author",
    "source",
    "unit",
    "unit_type",
    "area",
    "status",
    "year",
    "recognized_in",
    "policy",
    "audience",
    "number",
    "items",
];

/// One front-matter line, or a block (a list in block style, a deeply nested map), or a
/// broken line.
fn fm_line() -> BoxedStrategy<String> {
    let key = prop_oneof![
        8 => prop::sample::select(KEYS.to_vec()).prop_map(str::to_string),
        1 => text(2),
    ];
    prop_oneof![
        6 => (key.clone(), yaml_value()).prop_map(|(k, v)| format!("{k}: {v}")),
        1 => (key.clone(), prop::collection::vec(yaml_value(), 0..4)).prop_map(|(k, vs)| {
            let items: String = vs.iter().map(|v| format!("\n  - {v}")).collect();
            format!("{k}:{items}")
        }),
        1 => (key, 1usize..200).prop_map(|(k, depth)| {
            // Block-style nesting, one level per line.
            let mut s = format!("{k}:");
            for level in 1..=depth {
                s.push_str(&format!("\n{}k{level}:", "  ".repeat(level)));
            }
            s.push_str(" x");
            s
        }),
        1 => text(6),
    ]
    .boxed()
}

/// A whole content file: front matter lines between fences (sometimes broken), then a body.
fn content_file() -> BoxedStrategy<String> {
    (
        prop::collection::vec(fm_line(), 0..14),
        prop::sample::select(vec!["---\n", "\u{feff}---\n", "---\r\n", " ---\n", ""]),
        prop::sample::select(vec!["---\n", "---\r\n", "...\n", "--- \n", ""]),
        markdown(),
        any::<bool>(),
    )
        .prop_map(|(lines, open, close, body, crlf)| {
            let mut text = String::from(open);
            for line in lines {
                text.push_str(&line);
                text.push('\n');
            }
            text.push_str(close);
            text.push('\n');
            text.push_str(&body);
            if crlf {
                text.replace('\n', "\r\n")
            } else {
                text
            }
        })
        .boxed()
}

/// The number of lines of a text, as an editor counts them (a last line without a newline
/// counts too).
fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

fn check_front_matter(text: &String) -> Result<(), String> {
    let path = Path::new("content/articles/x.md");
    for kind in [
        Kind::Article,
        Kind::Model,
        Kind::Explainer,
        Kind::Bulletin,
        Kind::Page,
    ] {
        if let Err(ds) = parse_file_text(path, kind, text) {
            if ds.is_empty() {
                return Err(format!("{kind:?}: rejected without a diagnostic"));
            }
            for d in &ds {
                located_in(d, path, text)?;
            }
        }
    }
    Ok(())
}

/// A diagnostic names `path`, and a line (when it gives one) inside the file.
fn located_in(d: &Diagnostic, path: &Path, text: &str) -> Result<(), String> {
    if d.path != path {
        return Err(format!(
            "names {} instead of {}: {d}",
            d.path.display(),
            path.display()
        ));
    }
    if d.line > line_count(text) + 1 {
        return Err(format!(
            "line {} is past the end of the file ({} lines): {d}",
            d.line,
            line_count(text)
        ));
    }
    if d.message.trim().is_empty() {
        return Err(format!("an empty message: {d:?}"));
    }
    Ok(())
}

// ------------------------------------------------------------------ Markdown

/// An inline span: text, emphasis, code, links of every kind, images, footnote references.
fn inline() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        4 => text(5),
        1 => text(2).prop_map(|s| format!("`{s}`")),
        1 => (text(2), prop::sample::select(vec![
            "../models/m.md", "../articles/khong-co.md", "https://example.org/", "/gioi-thieu/",
            "javascript:alert(1)", "data:text/html,x", "#phan", "mailto:a@b.c", "", "<>",
            "../../../../etc/passwd.md", "a.md#x", "%2e%2e/x.md", "vbscript:x", "  ",
        ])).prop_map(|(t, d)| format!("[{t}]({d})")),
        1 => (text(2), prop::sample::select(vec![
            "a.png", "/images/logo.png", "https://example.org/a.png", "../../x.png",
            "javascript:x", "", "khong-co.jpg",
        ])).prop_map(|(t, d)| format!("![{t}]({d})")),
        1 => text(1).prop_map(|s| format!("[^{s}]")),
        1 => prop::sample::select(vec![
            "<b>", "</b>", "<span style=\"x\">", "</span>", "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:x\">", "</a>", "<!--", "-->", "<?php ?>", "<![CDATA[",
            "<svg><script>alert(1)</script></svg>", "<iframe src=//x>", "&lt;", "<br>",
            "  \n", "\\\n",
        ]).prop_map(str::to_string),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|s| format!("*{s}*")),
            inner.clone().prop_map(|s| format!("**{s}**")),
            inner.clone().prop_map(|s| format!("~~{s}~~")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("{a} {b}")),
        ]
    })
    .boxed()
}

/// A Markdown block of any construct, nested.
fn block() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        4 => inline(),
        2 => (1usize..8, inline(), prop::option::of(text(1))).prop_map(|(n, t, id)| {
            let attrs = id.map(|i| format!(" {{#{i}}}")).unwrap_or_default();
            format!("{} {t}{attrs}", "#".repeat(n))
        }),
        1 => (prop::sample::select(vec!["", "yaml", "rust", "html", "khong-co", "{x}"]), text(6))
            .prop_map(|(lang, code)| format!("```{lang}\n{code}\n```")),
        1 => text(4).prop_map(|t| format!("~~~\n{t}")),
        1 => (1usize..5, 1usize..5, text(1)).prop_map(|(cols, rows, cell)| {
            let row = |c: &str| format!("|{}|", vec![c; cols].join("|"));
            let mut t = format!("{}\n{}", row("h"), row("---"));
            for _ in 0..rows {
                t.push('\n');
                t.push_str(&row(&cell.replace('|', "\\|")));
            }
            t
        }),
        1 => (text(1), inline()).prop_map(|(l, t)| format!("[^{l}]: {t}")),
        1 => prop::sample::select(vec![
            "<!-- more -->", "---", "***", "- [x] done", "- [ ] todo", "<div>", "</div>",
            "<details><summary>x</summary>", "</details>", "<table><tr><td>x", "<style>x{}</style>",
            "<form action=x><input name=a></form>", "<!DOCTYPE html>", "<html><body>",
        ]).prop_map(str::to_string),
        1 => (prop::sample::select(vec!["<div>", "<span>", "<b>", "<blockquote>", "<ul><li>"]), 1usize..60)
            .prop_map(|(tag, depth)| {
                let close = tag.replace('<', "</");
                format!("{}x{}", tag.repeat(depth), close.repeat(depth))
            }),
        1 => (1usize..200).prop_map(|depth| format!("{}x", "> ".repeat(depth))),
        1 => (1usize..100).prop_map(|depth| {
            (0..depth).map(|d| format!("{}- x{d}", "  ".repeat(d))).collect::<Vec<_>>().join("\n")
        }),
        1 => (1usize..100).prop_map(|depth| format!("{}x{}", "[".repeat(depth), "]".repeat(depth))),
        1 => (1usize..100).prop_map(|depth| format!("{}x{}", "*".repeat(depth), "*".repeat(depth))),
        1 => (1usize..20_000).prop_map(|n| "chữ ".repeat(n)),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|b| b
                .lines()
                .map(|l| format!("> {l}"))
                .collect::<Vec<_>>()
                .join("\n")),
            inner.clone().prop_map(|b| b
                .lines()
                .map(|l| format!("  {l}"))
                .collect::<Vec<_>>()
                .join("\n")
                .replacen("  ", "- ", 1)),
            inner.prop_map(|b| b
                .lines()
                .map(|l| format!("   {l}"))
                .collect::<Vec<_>>()
                .join("\n")
                .replacen("   ", "1. ", 1)),
        ]
    })
    .boxed()
}

fn markdown() -> BoxedStrategy<String> {
    (
        prop::collection::vec(block(), 0..10),
        prop::sample::select(vec!["\n\n", "\n", "\r\n\r\n"]),
    )
        .prop_map(|(blocks, sep)| blocks.join(sep))
        .boxed()
}

/// The first script-capable piece of markup in `html`, as parsed by an HTML5 parser (text
/// that merely reads `onerror=` inside a code block is fine): a script, frame or object
/// element, an event-handler attribute, or a `javascript:` address.
fn unsafe_markup(html: &str) -> Option<String> {
    let doc = scraper::Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        if matches!(element.name(), "script" | "iframe" | "object" | "embed") {
            return Some(format!("a <{}> element", element.name()));
        }
        for (name, value) in element.attrs() {
            let value = value.trim().to_ascii_lowercase();
            if name.starts_with("on") {
                return Some(format!("an event handler `{name}`"));
            }
            if matches!(name, "href" | "src" | "action" | "formaction")
                && value.starts_with("javascript:")
            {
                return Some(format!("`{name}=\"{value}\"`"));
            }
        }
    }
    None
}

/// Every link and image is refused (as a missing target): the renderer must still finish and
/// report each at a line of the body.
struct NoTargets;

impl Resolver for NoTargets {
    fn link_to_source(&self, dest: &str) -> Result<String, Text> {
        if dest.starts_with("../models/m.md") {
            Ok("/models/m/".into())
        } else {
            // The test's own words.
            Err(Text::verbatim(format!("`{dest}` matches no file")))
        }
    }
    fn image(&self, dest: &str) -> Result<ImageTarget, Text> {
        Err(Text::verbatim(format!("`{dest}` matches no image")))
    }
    fn rooted(&self, url: &str) -> String {
        format!("/sub{url}")
    }
}

fn check_markdown(body: &String) -> Result<(), String> {
    let path = Path::new("content/articles/x.md");
    // The body starts on line 5, as after a three-key front matter.
    let body_line = 5;
    for unsafe_html in [false, true] {
        let options = MarkdownOptions {
            smart_punctuation: unsafe_html,
            unsafe_html,
            id_prefix: None,
            video: Default::default(),
        };
        let (first, ds) = bantin::markdown::render(path, body, body_line, &options, &NoTargets);
        let (again, _) = bantin::markdown::render(path, body, body_line, &options, &NoTargets);
        if first.html != again.html || first.summary_html != again.summary_html {
            return Err("two renders of one body differ".into());
        }
        for d in &ds {
            if d.path != path || d.line < body_line || d.line > body_line + line_count(body) {
                return Err(format!(
                    "a diagnostic outside the body (lines {body_line}..): {d}"
                ));
            }
        }
        if !unsafe_html && let Some(bad) = unsafe_markup(&first.html) {
            return Err(format!("the cleaned HTML has {bad}: {}", first.html));
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ localities

/// Ids from a small pool, so that duplicates, cycles and self-references are common.
fn locality_id() -> BoxedStrategy<String> {
    prop_oneof![
        8 => prop::sample::select(vec![
            "ninh-binh", "ha-nam", "nam-dinh", "hoa-lu", "a", "b", "c", "x/y", "A", "",
            "lam-dong", "ha-nam/phu-ly", "../x", "đ", " a ",
        ]).prop_map(str::to_string),
        1 => text(1),
    ]
    .boxed()
}

#[derive(Debug, Clone)]
struct Unit {
    id: String,
    level: String,
    names: Vec<(String, String)>,
    formerly: Vec<(String, Option<String>)>,
    children: Vec<Unit>,
}

fn unit() -> BoxedStrategy<Unit> {
    let leaf = (
        locality_id(),
        prop::sample::select(vec![
            "province",
            "ward",
            "commune",
            "special-zone",
            "district",
            "",
        ]),
        prop::collection::vec(
            (
                prop::sample::select(vec!["vi", "en", "fr", "hmn", "zz"]),
                text(3),
            ),
            0..3,
        ),
        prop::collection::vec((locality_id(), prop::option::of(text(2))), 0..4),
    )
        .prop_map(|(id, level, names, formerly)| Unit {
            id,
            level: level.to_string(),
            names: names.into_iter().map(|(l, n)| (l.to_string(), n)).collect(),
            formerly,
            children: Vec::new(),
        });
    leaf.prop_recursive(3, 30, 5, |inner| {
        (inner.clone(), prop::collection::vec(inner, 0..5)).prop_map(|(mut u, children)| {
            u.children = children;
            u
        })
    })
    .boxed()
}

/// Block-style YAML, as editors write the registry.
fn registry_yaml(units: &[Unit]) -> String {
    fn emit(u: &Unit, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        out.push_str(&format!("{pad}- id: {}\n", quoted(&u.id)));
        out.push_str(&format!("{pad}  level: {}\n", quoted(&u.level)));
        let names: Vec<String> = u
            .names
            .iter()
            .map(|(l, n)| format!("{l}: {}", quoted(n)))
            .collect();
        out.push_str(&format!("{pad}  name: {{ {} }}\n", names.join(", ")));
        if !u.formerly.is_empty() {
            out.push_str(&format!("{pad}  formerly:\n"));
            for (id, name) in &u.formerly {
                match name {
                    None => out.push_str(&format!("{pad}    - {}\n", quoted(id))),
                    Some(n) => out.push_str(&format!(
                        "{pad}    - {{ id: {}, name: {{ vi: {} }} }}\n",
                        quoted(id),
                        quoted(n)
                    )),
                }
            }
        }
        if !u.children.is_empty() {
            out.push_str(&format!("{pad}  children:\n"));
            for c in &u.children {
                emit(c, indent + 4, out);
            }
        }
    }
    let mut out = String::new();
    for u in units {
        emit(u, 0, &mut out);
    }
    out
}

fn registry() -> BoxedStrategy<String> {
    prop::collection::vec(unit(), 0..6)
        .prop_map(|units| registry_yaml(&units))
        .boxed()
}

fn check_registry(text: &String) -> Result<(), String> {
    match Registry::parse(text) {
        Err(ds) => {
            if ds.is_empty() {
                return Err("rejected without a diagnostic".into());
            }
            for d in &ds {
                located_in(d, Path::new("data/localities.yaml"), text)?;
            }
        }
        Ok(registry) => {
            // Every id, current or former, resolves to a current unit (and resolving ends).
            for id in registry.localities.keys().chain(registry.former.keys()) {
                let resolved = registry
                    .resolve(id)
                    .map_err(|e| format!("`{id}` is in the registry but does not resolve: {e}"))?;
                if !registry.localities.contains_key(&resolved.id) {
                    return Err(format!(
                        "`{id}` resolves to `{}`, not a current unit",
                        resolved.id
                    ));
                }
            }
            for id in ["khong-co", "", "a/b/c", "ha-nam/x"] {
                let _ = registry.resolve(id);
            }
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ search

#[derive(Debug, Clone)]
struct Doc {
    title: String,
    meta: Vec<String>,
    summary: String,
    body: String,
}

fn search_docs() -> BoxedStrategy<Vec<Doc>> {
    prop::collection::vec(
        (
            text(6),
            prop::collection::vec(text(2), 0..3),
            text(8),
            markdown(),
        )
            .prop_map(|(title, meta, summary, body)| Doc {
                title,
                meta,
                summary,
                body,
            }),
        0..12,
    )
    .boxed()
}

/// Corpus format: documents separated by a line `=== doc`; in each, the title line, the
/// summary line, then the body.
fn docs_to_corpus(docs: &Vec<Doc>) -> String {
    docs.iter()
        .map(|d| {
            format!(
                "=== doc\n{}\n{}\n{}",
                d.title.replace('\n', " "),
                d.summary.replace('\n', " "),
                d.body
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn docs_from_corpus(text: &str) -> Vec<Doc> {
    text.split("=== doc\n")
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut lines = part.splitn(3, '\n');
            Doc {
                title: lines.next().unwrap_or_default().to_string(),
                summary: lines.next().unwrap_or_default().to_string(),
                body: lines.next().unwrap_or_default().to_string(),
                meta: Vec::new(),
            }
        })
        .collect()
}

fn check_search(docs: &Vec<Doc>) -> Result<(), String> {
    let index = |docs: &Vec<Doc>| {
        let words: Vec<_> = docs
            .iter()
            .map(|d| {
                doc_words(&DocText {
                    title: &d.title,
                    meta: d.meta.clone(),
                    summary: &d.summary,
                    body: &d.body,
                })
            })
            .collect();
        let index_docs: Vec<IndexDoc> = words
            .iter()
            .enumerate()
            .map(|(i, w)| IndexDoc {
                record: DocRecord {
                    kind: Kind::Article,
                    title: docs[i].title.clone(),
                    url: format!("/articles/{i}/"),
                    date: None,
                    snippet: docs[i].summary.clone(),
                    untranslated: None,
                },
                words: w,
            })
            .collect();
        build_index("vi", &index_docs)
    };
    let first = index(docs);
    if first != index(docs) {
        return Err("two indexes of the same documents differ".into());
    }
    for file in &first {
        let safe = !file.name.is_empty()
            && file.name.split('/').all(|part| {
                !part.is_empty()
                    && part != "."
                    && part != ".."
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            });
        if !safe {
            return Err(format!(
                "an index file name that is not a plain path: {:?}",
                file.name
            ));
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ whole sites

/// A generated site: its files, relative path → text.
type SiteFiles = BTreeMap<String, String>;

const LANGS: &[&str] = &["en", "fr", "hmn", "zh-Hant"];
const SLUGS: &[&str] = &[
    "a",
    "b",
    "c",
    "dan-van",
    "dân-vận",
    "Dan-Van",
    "x.en",
    "tin",
];

fn site_yaml() -> BoxedStrategy<String> {
    (
        prop::collection::vec(prop::sample::select(LANGS.to_vec()), 0..4),
        prop::sample::select(vec!["none", "default"]),
        1usize..4,
        any::<bool>(),
        prop::option::weighted(0.1, fm_line()),
    )
        .prop_map(|(langs, fallback, paginate, portable, extra)| {
            let mut langs = langs;
            langs.sort();
            langs.dedup();
            let mut y = String::from(
                "title: Bản tin Thử\nbase_url: https://example.org/sub/\ndefault_language: vi\nlanguages:\n  - code: vi\n    name: Tiếng Việt\n",
            );
            for l in langs {
                y.push_str(&format!("  - code: {l}\n    name: {}\n", l.to_uppercase()));
            }
            y.push_str(&format!("fallback: {fallback}\npaginate: {paginate}\nportable: {portable}\n"));
            if let Some(extra) = extra {
                y.push_str(&extra);
                y.push('\n');
            }
            y
        })
        .boxed()
}

/// One generated item before it is placed: its kind, a translation language (when it
/// translates an earlier item of its kind), whether it is a bundle, and its parts.
#[derive(Debug, Clone)]
struct GenItem {
    kind: Kind,
    lang: Option<&'static str>,
    bundle: bool,
    title: String,
    date: (u32, u32, u32),
    summary: Option<String>,
    topics: Vec<String>,
    locality: &'static str,
    model: (&'static str, &'static str, u32),
    body: String,
    /// Indexes (modulo the number of items) of the items it links to, or a bulletin lists.
    refs: Vec<usize>,
    /// Something likely wrong: a slug from a small pool, a draft, an odd key, a bad link.
    mistake: Option<(u8, String)>,
}

/// Markdown without links and images: what a valid item body may hold of every other
/// construct (links between items are added from the item's `refs`).
fn plain_markdown() -> BoxedStrategy<String> {
    markdown()
        .prop_map(|md| {
            // Neutralise link and image syntax the generic generator put in.
            md.replace("](", "] (").replace("[^", "[")
        })
        .boxed()
}

fn gen_item() -> BoxedStrategy<GenItem> {
    let kind = prop::sample::select(vec![
        Kind::Article,
        Kind::Article,
        Kind::Model,
        Kind::Explainer,
        Kind::Bulletin,
        Kind::Page,
    ]);
    (
        (
            kind,
            prop::option::weighted(0.3, prop::sample::select(LANGS.to_vec())),
            any::<bool>(),
            text(3),
            (2020u32..2027, 1u32..13, 1u32..29),
            prop::option::of(text(4)),
            prop::collection::vec(text(1), 0..3),
        ),
        (
            prop::sample::select(vec![
                "ninh-binh",
                "ha-nam",
                "ninh-binh/hoa-lu",
                "nam-dinh/hoa-lu",
                "lam-dong",
            ]),
            (
                prop::sample::select(vec![
                    "economy",
                    "culture-society",
                    "defense-security",
                    "political-system",
                ]),
                prop::sample::select(vec!["registered", "recognized"]),
                1990u32..2030,
            ),
            plain_markdown(),
            prop::collection::vec(any::<usize>(), 0..4),
            prop::option::weighted(0.15, (0u8..6, fm_line())),
        ),
    )
        .prop_map(
            |(
                (kind, lang, bundle, title, date, summary, topics),
                (locality, model, body, refs, mistake),
            )| GenItem {
                kind,
                lang,
                bundle,
                title,
                date,
                summary,
                topics,
                locality,
                model,
                body,
                refs,
                mistake,
            },
        )
        .boxed()
}

/// Places the items: file names from their position (or from a small pool of colliding
/// slugs, as a mistake), translations beside the item they translate, links and bulletin
/// entries to items that exist.
fn place_items(items: &[GenItem], languages: &[&str], files: &mut SiteFiles) {
    // (kind, stem, the file's path under content/<section>/ without .md)
    let mut stems: Vec<(Kind, String, String)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mistake = item.mistake.as_ref().map(|(m, _)| *m);
        let mut stem = format!("muc-{i}");
        if mistake == Some(0) {
            stem = SLUGS[i % SLUGS.len()].to_string();
        }
        let mut suffix = String::new();
        // A translation of the first item of its kind, into a configured language.
        if let Some(lang) = item.lang
            && let Some(lang) = languages.iter().find(|l| **l == lang)
            && let Some((_, original, _)) = stems.iter().find(|(k, _, _)| *k == item.kind)
        {
            stem = original.clone();
            suffix = format!(".{lang}");
        }
        let section = item.kind.section();
        let path = if item.bundle {
            format!("content/{section}/{stem}/index{suffix}.md")
        } else {
            format!("content/{section}/{stem}{suffix}.md")
        };
        if suffix.is_empty() {
            let file = if item.bundle {
                format!("{stem}/index")
            } else {
                stem.clone()
            };
            stems.push((item.kind, stem.clone(), file));
        }
        let up = if item.bundle { "../../" } else { "../" };
        let (y, m, d) = item.date;
        let mut f = format!("title: {}\n", quoted(&format!("Bài {}", item.title)));
        if item.kind != Kind::Page {
            f.push_str(&format!("date: {y}-{m:02}-{d:02}\n"));
        }
        if let Some(s) = &item.summary {
            f.push_str(&format!("summary: {}\n", quoted(&format!("Tóm tắt {s}"))));
        }
        let topics: Vec<String> = item
            .topics
            .iter()
            .map(|t| quoted(&format!("chủ đề {t}")))
            .collect();
        f.push_str(&format!(
            "topics: [{}]\nlocality: {}\n",
            topics.join(", "),
            item.locality
        ));
        // Items placed before this one, not itself and not bulletins (a bulletin lists
        // items): as a bulletin reference (`articles/x`) and as a link (`articles/x/index`).
        let targets: Vec<(String, String)> = if stems.is_empty() {
            Vec::new()
        } else {
            item.refs
                .iter()
                .map(|r| &stems[r % stems.len()])
                .filter(|(k, s, _)| *k != Kind::Bulletin && !(*k == item.kind && *s == stem))
                .map(|(k, s, file)| {
                    (
                        format!("{}/{s}", k.section()),
                        format!("{}/{file}", k.section()),
                    )
                })
                .collect()
        };
        match item.kind {
            Kind::Model => {
                let (area, status, year) = item.model;
                f.push_str(&format!(
                    "unit: Hội Nông dân\nunit_type: collective\narea: {area}\nstatus: {status}\nyear: {year}\n"
                ));
            }
            Kind::Explainer => f.push_str("policy: Nghị quyết 18-NQ/TW\n"),
            Kind::Bulletin => {
                let mut listed: Vec<String> = targets.iter().map(|(r, _)| r.clone()).collect();
                listed.sort();
                listed.dedup();
                let refs: Vec<String> = listed.iter().map(|t| quoted(t)).collect();
                f.push_str(&format!(
                    "number: {}\nitems: [{}]\n",
                    i + 1,
                    refs.join(", ")
                ));
            }
            _ => {}
        }
        let mut body = item.body.clone();
        if item.kind != Kind::Bulletin {
            for (_, file) in &targets {
                body.push_str(&format!("\n\n[liên kết]({up}{file}.md)\n"));
            }
        }
        match &item.mistake {
            Some((1, _)) => f.push_str("draft: true\n"),
            Some((2, line)) | Some((3, line)) => {
                f.push_str(line);
                f.push('\n');
            }
            Some((4, _)) => body.push_str(&format!("\n\n[gãy]({up}articles/khong-co.md)\n")),
            Some((5, _)) => f.push_str(&format!("slug: {}\n", quoted(SLUGS[i % SLUGS.len()]))),
            _ => {}
        }
        files.insert(path, format!("---\n{f}---\n\n{body}"));
    }
}

fn site() -> BoxedStrategy<SiteFiles> {
    (
        site_yaml(),
        prop::option::weighted(0.1, registry()),
        prop::collection::vec(gen_item(), 1..12),
        prop::option::weighted(0.3, text(3)),
    )
        .prop_map(|(config, localities, items, topic)| {
            let languages: Vec<&str> = LANGS
                .iter()
                .copied()
                .filter(|l| config.contains(&format!("code: {l}\n")))
                .collect();
            let mut files = SiteFiles::new();
            files.insert("site.yaml".into(), config);
            // Mostly the fixture registry, so that items' localities resolve; sometimes a
            // generated one.
            files.insert(
                "data/localities.yaml".into(),
                localities.unwrap_or_else(|| common::LOCALITIES.to_string()),
            );
            if let Some(topic) = topic {
                files.insert(
                    "data/topics.yaml".into(),
                    format!(
                        "{}: {{ en: {} }}\n",
                        quoted(&format!("chủ đề {topic}")),
                        quoted(&topic)
                    ),
                );
            }
            place_items(&items, &languages, &mut files);
            files
        })
        .boxed()
}

/// Corpus format of a site: each file as a line `=== <path>` followed by its text.
fn site_to_corpus(files: &SiteFiles) -> String {
    files
        .iter()
        .map(|(path, text)| format!("=== {path}\n{text}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn site_from_corpus(text: &str) -> SiteFiles {
    let mut files = SiteFiles::new();
    for part in text.split("=== ").filter(|p| !p.is_empty()) {
        let (path, body) = part.split_once('\n').unwrap_or((part, ""));
        files.insert(path.trim().to_string(), body.to_string());
    }
    files
}

/// Generated sites that built (the others failed with content errors): if none did, the
/// byte-for-byte property would check nothing.
static SITES_BUILT: AtomicU64 = AtomicU64::new(0);
static SITES_TRIED: AtomicU64 = AtomicU64::new(0);

/// Builds the site twice into two folders beside it: both builds give the same result (the
/// same bytes, or the same errors), every error names a file of the site and a line inside
/// it, and nothing is written outside the two output folders.
fn check_site(files: &SiteFiles) -> Result<(), String> {
    let tmp = tempfile::Builder::new()
        .prefix("bantin-fuzz-")
        .tempdir()
        .map_err(|e| e.to_string())?;
    let root = tmp.path().join("site");
    for (rel, text) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, text).map_err(|e| e.to_string())?;
    }
    let build = |out: &str| {
        build_site(&BuildOptions {
            root: root.clone(),
            output: Some(tmp.path().join(out)),
            image_cache: Some(tmp.path().join("cache")),
            ..Default::default()
        })
    };
    let first = build("out-1");
    let second = build("out-2");
    SITES_TRIED.fetch_add(1, Ordering::Relaxed);
    if first.is_ok() {
        SITES_BUILT.fetch_add(1, Ordering::Relaxed);
    }
    match (&first, &second) {
        (Ok(_), Ok(_)) => {
            let a = common::snapshot(&tmp.path().join("out-1"));
            let b = common::snapshot(&tmp.path().join("out-2"));
            if a != b {
                let differ: Vec<&String> = a
                    .keys()
                    .chain(b.keys())
                    .filter(|k| a.get(*k) != b.get(*k))
                    .collect();
                return Err(format!("two builds of the same site differ in {differ:?}"));
            }
        }
        (Err(BuildError::Content(x)), Err(BuildError::Content(y))) => {
            // A message may name the build's own staging folder, which differs by output.
            let same = |x: &Diagnostic, y: &Diagnostic| {
                let plain = |d: &Diagnostic| {
                    d.to_string()
                        .replace("out-1", "out")
                        .replace("out-2", "out")
                };
                plain(x) == plain(y)
            };
            if x.len() != y.len() || !x.iter().zip(y).all(|(a, b)| same(a, b)) {
                return Err(format!(
                    "two builds of the same site report different errors:\n{}\n---\n{}",
                    common::show(x),
                    common::show(y)
                ));
            }
            if std::env::var_os("BANTIN_FUZZ_DEBUG").is_some() {
                eprintln!(
                    "site errors: {}",
                    x.first().map(ToString::to_string).unwrap_or_default()
                );
            }
            for d in x {
                let Some(text) = files.get(&d.path.to_string_lossy().replace('\\', "/")) else {
                    // Templates of the built-in theme, and the like, are not among the files;
                    // a site without items hears about its missing `content` folder.
                    let folder = d.path == Path::new("content");
                    if !folder && (d.path.starts_with("content") || d.path.starts_with("data")) {
                        return Err(format!("names a file the site does not have: {d}"));
                    }
                    continue;
                };
                located_in(d, &d.path, text)?;
            }
        }
        (Err(BuildError::Io(m)), _) | (_, Err(BuildError::Io(m))) => {
            return Err(format!(
                "an input/output error on a plain temporary folder: {m}"
            ));
        }
        _ => return Err("one build succeeded and the other failed".into()),
    }
    let stray: Vec<String> = common::files_under(tmp.path())
        .into_iter()
        .filter(|f| {
            let expected = f.starts_with("out-1/")
                || f.starts_with("out-2/")
                || f.starts_with("cache/")
                || files.contains_key(f.strip_prefix("site/").unwrap_or(""));
            !expected
        })
        .collect();
    if !stray.is_empty() {
        return Err(format!(
            "files written outside the output folders: {stray:?}"
        ));
    }
    Ok(())
}

// ------------------------------------------------------------------ the targets

fn text_to_corpus(s: &String) -> String {
    s.clone()
}

fn text_from_corpus(s: &str) -> String {
    s.to_string()
}

fn front_matter_target() -> Target<BoxedStrategy<String>> {
    Target {
        name: "front-matter",
        strategy: content_file(),
        to_corpus: text_to_corpus,
        from_corpus: text_from_corpus,
        check: check_front_matter,
    }
}

fn markdown_target() -> Target<BoxedStrategy<String>> {
    Target {
        name: "markdown",
        strategy: markdown(),
        to_corpus: text_to_corpus,
        from_corpus: text_from_corpus,
        check: check_markdown,
    }
}

fn localities_target() -> Target<BoxedStrategy<String>> {
    Target {
        name: "localities",
        strategy: registry(),
        to_corpus: text_to_corpus,
        from_corpus: text_from_corpus,
        check: check_registry,
    }
}

fn search_target() -> Target<BoxedStrategy<Vec<Doc>>> {
    Target {
        name: "search",
        strategy: search_docs(),
        to_corpus: docs_to_corpus,
        from_corpus: docs_from_corpus,
        check: check_search,
    }
}

fn site_target() -> Target<BoxedStrategy<SiteFiles>> {
    Target {
        name: "site",
        strategy: site(),
        to_corpus: site_to_corpus,
        from_corpus: site_from_corpus,
        check: check_site,
    }
}

#[test]
fn front_matter_never_panics_and_every_error_names_the_file_and_a_line_in_it() {
    short_pass(front_matter_target(), 600);
}

#[test]
fn markdown_never_panics_renders_deterministically_and_reports_inside_the_body() {
    short_pass(markdown_target(), 400);
}

#[test]
fn locality_registries_never_panic_and_every_id_resolves_to_a_current_unit() {
    short_pass(localities_target(), 500);
}

#[test]
fn search_indexes_never_panic_are_deterministic_and_have_plain_file_names() {
    short_pass(search_target(), 150);
}

#[test]
fn generated_sites_build_the_same_bytes_twice_or_fail_with_located_errors() {
    short_pass(site_target(), 80);
    let (built, tried) = (
        SITES_BUILT.load(Ordering::Relaxed),
        SITES_TRIED.load(Ordering::Relaxed),
    );
    eprintln!("fuzz site: {built} of {tried} sites built");
    assert!(
        built * 10 >= tried,
        "only {built} of {tried} generated sites built: the generator makes too few valid sites for the byte-for-byte check"
    );
}

/// The long pass: `BANTIN_FUZZ_SECONDS` (default 600) shared among the targets, whole sites
/// getting the largest share.
#[test]
#[ignore = "long: BANTIN_FUZZ_SECONDS=3600 cargo test --release --test fuzz -- --ignored"]
fn long_fuzz_pass() {
    let total: u64 = std::env::var("BANTIN_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let share = |fraction: f64| Duration::from_secs_f64(total as f64 * fraction);
    let started = Instant::now();
    let mut report = Vec::new();
    let mut failures = Vec::new();
    let mut record = |name: &str, result: Result<u64, String>| match result {
        Ok(cases) => report.push(format!("{name}: {cases} cases")),
        Err(why) => {
            report.push(format!("{name}: FAILED"));
            failures.push(why);
        }
    };
    record(
        "front-matter",
        long_pass(front_matter_target(), share(0.15), 500),
    );
    record("markdown", long_pass(markdown_target(), share(0.2), 300));
    record(
        "localities",
        long_pass(localities_target(), share(0.1), 500),
    );
    record("search", long_pass(search_target(), share(0.1), 100));
    record("site", long_pass(site_target(), share(0.45), 50));
    report.push(format!(
        "{} of {} sites built",
        SITES_BUILT.load(Ordering::Relaxed),
        SITES_TRIED.load(Ordering::Relaxed)
    ));
    eprintln!(
        "fuzz long pass: {} in {:.0} s",
        report.join(", "),
        started.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
