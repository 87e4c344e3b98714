//! The command line in Vietnamese: with `LANG=vi_VN.UTF-8` or site.yaml `cli_language: vi`,
//! everything bantin prints (errors, warnings, summaries, `--help`, usage mistakes) is
//! Vietnamese from the first line to the last; English otherwise.

mod common;

use common::*;
use std::process::Output;

/// Words that only English messages have (none of them is a Vietnamese word written without
/// marks: `an`, `in`, `to`, `no` are, so they are not here).
const ENGLISH: &[&str] = &[
    "expected",
    "found",
    "the",
    "is",
    "not",
    "cannot",
    "unknown",
    "problem",
    "problems",
    "error",
    "warning",
    "of",
    "with",
    "should",
    "must",
    "file",
    "files",
    "page",
    "pages",
    "built",
    "checked",
    "and",
    "or",
    "for",
    "which",
    "missing",
    "does",
    "did",
    "you",
    "mean",
    "accepts",
    "only",
    "at",
    "by",
    "on",
    "this",
    "that",
    "be",
    "usage",
    "options",
    "commands",
    "print",
    "help",
    "default",
    "arguments",
    "version",
    "site",
    "build",
    "show",
    "write",
    "into",
];

/// The words of bantin's commands, the same in every language.
const COMMANDS: &[&str] = &[
    "build",
    "check",
    "watch",
    "serve",
    "print",
    "new",
    "init",
    "help",
    "site",
    "article",
    "model",
    "explainer",
    "bulletin",
    "page",
];

/// The words of a line that bantin wrote, without what it quotes from the editor's files or
/// names as it is: `code`, "quotes", paths, key lists after a colon of names.
fn own_words(line: &str) -> Vec<String> {
    let mut text = String::new();
    let mut quoted = None;
    for c in line.chars() {
        match (quoted, c) {
            (None, '`' | '"' | '“' | '«') => {
                quoted = Some(match c {
                    '“' => '”',
                    '«' => '»',
                    other => other,
                })
            }
            (Some(end), c) if c == end => quoted = None,
            (Some(_), _) => {}
            (None, c) => text.push(c),
        }
    }
    let mut words = Vec::new();
    let mut after_bantin = false;
    for w in text.split(|c: char| c.is_whitespace() || ",;:()[]<>=…".contains(c)) {
        // Paths, addresses, file names, flags and language codes are the same in any language.
        if w.is_empty() || w.contains(['/', '.', '-', '_', '@']) {
            continue;
        }
        // A command as typed: `bantin new article`.
        after_bantin = (after_bantin && COMMANDS.contains(&w)) || w == "bantin";
        if !after_bantin {
            words.push(w.to_lowercase());
        }
    }
    words
}

/// The English words of a line, and whether it has a letter only Vietnamese writes.
fn english_in(line: &str) -> (Vec<String>, bool) {
    let words = own_words(line);
    let english = words
        .iter()
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .cloned()
        .collect();
    let vietnamese = words.iter().any(|w| {
        w.chars()
            .any(|c| !c.is_ascii() && c.is_alphabetic() && !"«»“”…".contains(c))
    });
    (english, vietnamese)
}

/// Every line of stdout and stderr: Vietnamese, with no English word of bantin's own.
fn assert_all_vietnamese(o: &Output) {
    let all = format!("{}{}", stdout(o), stderr(o));
    assert!(!all.trim().is_empty(), "bantin said nothing");
    for line in all.lines().filter(|l| !l.trim().is_empty()) {
        let (english, vietnamese) = english_in(line);
        assert!(
            english.is_empty() && vietnamese,
            "not Vietnamese: {line}\n(English words: {english:?})\nin:\n{all}"
        );
    }
}

/// Every line English: the check above would catch each of them.
fn assert_all_english(o: &Output) {
    let all = format!("{}{}", stdout(o), stderr(o));
    for line in all.lines().filter(|l| !l.trim().is_empty()) {
        let (english, _) = english_in(line);
        assert!(
            !english.is_empty(),
            "no English word in: {line}\nin:\n{all}"
        );
    }
}

fn vietnamese(site: &Site, args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(&site.root)
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .expect("bantin runs")
}

/// A site with one of each kind of mistake an editor makes: YAML syntax (a colon, an open
/// quote, a tab), wrong values, unknown keys, links and images that lead nowhere, an unknown
/// locality and topic, a language suffix not configured, an invisible character, a language
/// without interface strings (warnings), and a draft with a problem (a note).
fn broken_site() -> Site {
    Site::new()
    .file(
        "site.yaml",
        "title: Bản tin thử\nbase_url: https://example.org/\nlanguages:\n  - code: vi\n    name: Tiếng Việt\n  - code: km\n    name: ខ្មែរ\n",
    )
    .file("data/localities.yaml", LOCALITIES)
    .file("data/topics.yaml", "kinh tế: 5\n")
    .file(
        "content/articles/dau-hai-cham.md",
        "---\ntitle: Hội nghị: tổng kết năm\ndate: 2025-01-01\n---\nx\n",
    )
    .file(
        "content/articles/nhieu-loi.md",
        "---\ntitle: B\ndate: 2025-13-01\nautor: X\ntopics: [khong-co]\nlocality: dau-do\n---\n\nx \u{1}\n",
    )
    .file(
        "content/articles/lien-ket.md",
        "---\ntitle: Liên kết\ndate: 2025-01-01\n---\n\n[x](../pages/khong-co.md) ![ảnh](khong-co.png)\n",
    )
    .file(
        "content/articles/ngoac.md",
        "---\ntitle: \"C\ndate: 2025-01-01\n---\nx\n",
    )
    .file(
        "content/articles/tab.md",
        "---\ntitle: D\n\tdate: 2025-01-01\n---\nx\n",
    )
    .file(
        "content/articles/e.xx.md",
        "---\ntitle: E\ndate: 2025-01-01\n---\nx\n",
    )
    .file(
        "content/articles/nhap.md",
        "---\ntitle: Nháp\ndate: 2025-01-01\ndraft: true\n---\n\n[x](../pages/khong-co.md)\n",
    )
    .file(
        "content/models/m.md",
        "---\ntitle: M\nunit: U\nunit_type: nhom\narea: kinh-te\nstatus: registered\nyear: 2024\nlocality: ninh-binh\n---\n",
    )
    .file(
        "content/explainers/g.md",
        "---\ntitle: G\ndate: 2025-01-01\npolicy: Nghị định\nsummary: [a, b]\n---\nx\n",
    )
}

#[test]
fn check_of_a_broken_site_speaks_vietnamese_from_the_first_line_to_the_last() {
    let site = broken_site();
    let o = vietnamese(&site, &["check"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    // Every mistake is there, each once, with its place.
    for (place, count) in [
        ("content/articles/dau-hai-cham.md:2:", 1),
        ("content/articles/nhieu-loi.md:3:", 1),
        ("content/articles/nhieu-loi.md:4:1: `autor`", 1),
        ("content/articles/nhieu-loi.md:6:", 1),
        ("content/articles/nhieu-loi.md:9:", 1),
        ("content/articles/lien-ket.md:6:", 2),
        ("content/articles/ngoac.md:2:", 1),
        ("content/articles/tab.md:3:", 1),
        ("content/articles/e.xx.md", 1),
        ("content/articles/nhap.md", 1),
        ("content/models/m.md:4:", 1),
        ("content/explainers/g.md:5:", 1),
        ("data/topics.yaml:1:", 1),
    ] {
        assert_eq!(err.matches(place).count(), count, "{place} in\n{err}");
    }
    assert!(err.lines().any(|l| l.starts_with("lỗi: ")), "{err}");
    assert_all_vietnamese(&o);

    // The same run in English is all English: the check above can fail.
    let english = site.bantin(&["check"]);
    assert_eq!(code(&english), 1);
    assert_eq!(
        stderr(&english).lines().count(),
        err.lines().count(),
        "one message each, in both languages:\n{}\n{err}",
        stderr(&english)
    );
    assert_all_english(&english);
}

#[test]
fn warnings_and_notes_of_check_are_vietnamese() {
    // A language without interface strings: a warning per missing string.
    let site = Site::new()
        .file(
            "site.yaml",
            "title: Bản tin thử\nbase_url: https://example.org/\nlanguages:\n  - code: vi\n    name: Tiếng Việt\n  - code: km\n    name: ខ្មែរ\n",
        )
        .file(
            "content/articles/a.md",
            "---\ntitle: A\ndate: 2025-01-01\n---\nx\n",
        )
        .file(
            "content/articles/nhap.md",
            "---\ntitle: Nháp\ndate: 2025-01-01\ndraft: true\n---\n\n[x](../pages/khong-co.md)\n",
        );
    let o = vietnamese(&site, &["check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.lines().any(|l| l.starts_with("cảnh báo: ")), "{err}");
    assert!(err.lines().any(|l| l.starts_with("bản nháp: ")), "{err}");
    assert_all_vietnamese(&o);
    let o = vietnamese(&site, &["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_all_vietnamese(&o);
    assert_all_english(&site.bantin(&["check"]));
}

#[test]
fn cli_language_in_site_yaml_wins_over_the_computers_language() {
    let site = broken_site();
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    std::fs::write(
        site.root.join("site.yaml"),
        format!("{yaml}cli_language: vi\n"),
    )
    .unwrap();
    // No LANG at all (bin() removes it).
    let o = site.bantin(&["check"]);
    assert_eq!(code(&o), 1);
    assert_all_vietnamese(&o);

    std::fs::write(
        site.root.join("site.yaml"),
        format!("{yaml}cli_language: en\n"),
    )
    .unwrap();
    let o = vietnamese(&site, &["check"]);
    assert_eq!(code(&o), 1);
    assert_all_english(&o);

    // Any other value is a mistake at its line, in the computer's language.
    std::fs::write(
        site.root.join("site.yaml"),
        format!("{yaml}cli_language: fr\n"),
    )
    .unwrap();
    let o = vietnamese(&site, &["check"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("site.yaml:8:15: `cli_language`"), "{err}");
    assert_all_vietnamese(&o);
}

#[test]
fn a_build_and_new_items_are_told_in_vietnamese() {
    let base = tempfile::tempdir().unwrap();
    let run = |dir: &std::path::Path, args: &[&str]| {
        bin()
            .args(args)
            .current_dir(dir)
            .env("LANG", "vi_VN.UTF-8")
            .output()
            .unwrap()
    };
    let o = run(base.path(), &["new", "site", "moi"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_all_vietnamese(&o);
    let root = base.path().join("moi");
    // The files it writes explain themselves in Vietnamese too.
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    assert!(yaml.starts_with("# Cài đặt của trang web"), "{yaml}");
    assert!(yaml.contains("\n# cli_language: vi\n"), "{yaml}");
    for args in [
        &["new", "article", "Tin mới về chi hội"][..],
        &["new", "bulletin", "Bản tin tháng Mười Hai"],
        // Words not in quotes: joined, with a note.
        &["new", "page", "Liên", "hệ"],
        &["build"],
        &["check"],
        &["check", "--translations"],
    ] {
        let o = run(&root, args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert_all_vietnamese(&o);
    }
    let article =
        std::fs::read_to_string(root.join("content/articles/tin-moi-ve-chi-hoi.md")).unwrap();
    assert!(
        article.contains("draft: true                    # xóa dòng này để xuất bản"),
        "{article}"
    );
    // Mistakes in what was typed.
    for args in [
        &["new", "post", "Tin mới"][..],
        &["new", "article"],
        &["biuld"],
        &["build", "--nope"],
        &["serve", "--port", "x"],
        &["check", "--translations", "--format", "xml"],
    ] {
        let o = run(&root, args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert_all_vietnamese(&o);
    }
}

/// `--help` of every command, in both languages.
fn helps(site: &Site) -> Vec<(String, String, String)> {
    let commands: &[&[&str]] = &[
        &[],
        &["build"],
        &["check"],
        &["watch"],
        &["serve"],
        &["studio"],
        &["deploy"],
        &["import"],
        &["print"],
        &["new"],
        &["new", "site"],
        &["new", "article"],
        &["new", "model"],
        &["new", "explainer"],
        &["new", "bulletin"],
        &["new", "page"],
        &["init"],
        &["help"],
    ];
    commands
        .iter()
        .map(|command| {
            let args: Vec<&str> = command.iter().copied().chain(["--help"]).collect();
            let en = site.bantin(&args);
            let vi = vietnamese(site, &args);
            assert_eq!(code(&en), 0, "{args:?}: {}", stderr(&en));
            assert_eq!(code(&vi), 0, "{args:?}: {}", stderr(&vi));
            // A message id in place of its words: a message missing from the catalogue.
            for said in [stdout(&en), stdout(&vi)] {
                assert!(!said.contains("help-"), "{args:?}: {said}");
            }
            (command.join(" "), stdout(&en), stdout(&vi))
        })
        .collect()
}

#[test]
fn every_help_is_vietnamese_and_says_what_the_english_one_says() {
    let site = Site::with_config();
    for (command, en, vi) in helps(&site) {
        for line in vi.lines().filter(|l| !l.trim().is_empty()) {
            // The usage line: the command as typed, then placeholders in Vietnamese.
            if let Some(usage) = line.strip_prefix("Cách dùng: bantin") {
                let english = usage
                    .split([' ', '[', ']', '<', '>', '.'])
                    .filter(|w| w.chars().any(|c| c.is_ascii_uppercase()))
                    .find(|w| w.chars().all(|c| c.is_ascii_uppercase() || c == '_'));
                assert_eq!(english, None, "`bantin {command} --help`: {line}");
                continue;
            }
            // The first column names commands and flags as they are typed.
            let line = match line.strip_prefix("  ") {
                Some(rest) => rest
                    .trim_start()
                    .split_once("  ")
                    .map_or("", |(_, text)| text),
                None => line,
            };
            // A line of flags alone (`  -s, --source <THƯ_MỤC>`) has no words to translate.
            let words = own_words(line);
            if words
                .iter()
                .all(|w| w.chars().all(|c| c.is_ascii_uppercase()) || w == "bantin")
            {
                continue;
            }
            let (english, vietnamese) = english_in(line);
            assert!(
                english.is_empty() && vietnamese,
                "`bantin {command} --help`: not Vietnamese: {line}\n(English: {english:?})\n{vi}"
            );
        }
        // The same options and commands, one line each.
        let flags = |text: &str| -> Vec<String> {
            text.split_whitespace()
                .filter(|w| w.starts_with('-'))
                .map(|w| w.trim_end_matches(',').to_string())
                .collect()
        };
        assert_eq!(flags(&en), flags(&vi), "`bantin {command} --help`");
        assert!(!en.contains("Usage:") || vi.contains("Cách dùng:"), "{vi}");
    }
}

#[test]
fn help_subcommand_shows_a_commands_help() {
    let site = Site::with_config();
    let o = vietnamese(&site, &["help", "new", "article"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        stdout(&vietnamese(&site, &["new", "article", "--help"]))
    );
    let o = site.bantin(&["help", "build"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("--output"), "{}", stdout(&o));
    let o = site.bantin(&["help", "nothing"]);
    assert_eq!(code(&o), 2);
}
