//! The command line: `bantin build`, `check` and `new`, their flags, messages and exit codes
//! (0 success, 1 content errors, 2 usage or input/output errors).

mod common;

use common::*;
use std::path::Path;

fn valid_site() -> Site {
    Site::with_config()
        .file("data/localities.yaml", LOCALITIES)
        .file(
            "content/articles/a.md",
            article("Bài A", "2025-01-01", "Xem [trang](/gioi-thieu/).\n"),
        )
        .file(
            "content/articles/nhap.md",
            md("title: Nháp\ndate: 2025-01-02\ndraft: true", "x\n"),
        )
        .file(
            "content/pages/gioi-thieu.md",
            md("title: Giới thiệu", "x\n"),
        )
}

fn broken_site() -> Site {
    valid_site()
        .file("content/articles/b.md", "---\ntitle: B\ndate: 2025-01-01\nautor: X\n---\n\nx\n")
        .file("content/models/m.md", "---\ntitle: M\nunit: U\nunit_type: collective\narea: kinh-te\nstatus: registered\nyear: 2024\nlocality: ninh-binh\n---\n")
}

/// `error: <path>:<line>:<col>: ...` lines of stderr, as (path, line, column).
fn located_errors(stderr: &str) -> Vec<(String, usize, usize)> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error: "))
        .filter_map(|l| {
            let mut parts = l.splitn(4, ':');
            let path = parts.next()?.to_string();
            let line = parts.next()?.parse().ok()?;
            let column = parts.next()?.parse().ok()?;
            Some((path, line, column))
        })
        .collect()
}

fn error_lines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn build_without_arguments_builds_into_public_of_the_current_folder() {
    let site = valid_site();
    let o = site.bantin(&["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(site.exists("index.html"));
    assert!(site.exists("articles/a/index.html"));
    assert!(
        !site.exists("articles/nhap/index.html"),
        "drafts are not built without --drafts"
    );
    assert!(
        !stdout(&o).trim().is_empty(),
        "a success says what was built"
    );
    assert_eq!(
        entries(site.base()),
        ["site"],
        "nothing is written beside the site"
    );
}

#[test]
fn source_and_output_flags_choose_the_site_and_the_output_folder() {
    let site = valid_site();
    let o = run_in(
        site.base(),
        &["build", "--source", "site", "--output", "dist"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(site.base().join("dist/articles/a/index.html").is_file());
    assert!(
        !site.out().exists(),
        "the default output is not written when --output is given"
    );
    let o = run_in(site.base(), &["build", "-s", "site", "-o", "dist-2"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(site.base().join("dist-2/index.html").is_file());
}

#[test]
fn drafts_flag_builds_drafts() {
    let site = valid_site();
    let o = site.bantin(&["build", "--drafts"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(site.exists("articles/nhap/index.html"));
}

#[test]
fn base_url_flag_overrides_site_yaml_everywhere() {
    let site = valid_site();
    let o = site.bantin(&["build", "--base-url", "https://preview.example.net/thu/"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let doc = site.html("articles/a/index.html");
    assert_eq!(
        attr(one(&doc, "link[rel=canonical]"), "href"),
        Some("https://preview.example.net/thu/articles/a/")
    );
    let stylesheet = attr(one(&doc, "link[rel=stylesheet]"), "href").unwrap();
    assert!(
        stylesheet.starts_with("/thu/style.") && stylesheet.ends_with(".css"),
        "{stylesheet}"
    );
    let body_links = hrefs(&doc, ".content a");
    assert_eq!(body_links, ["/thu/gioi-thieu/"]);
    let sitemap = scraper::Html::parse_document(&site.read("sitemap.xml"));
    for loc in select(&sitemap, "loc") {
        assert!(
            text(loc).starts_with("https://preview.example.net/thu/"),
            "{}",
            text(loc)
        );
    }
}

#[test]
fn invalid_base_url_flag_is_a_usage_error() {
    let site = valid_site();
    let o = site.bantin(&["build", "--base-url", "example.net/thu"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("--base-url"), "{}", stderr(&o));
    assert!(!site.out().exists());
}

#[test]
fn content_errors_exit_1_with_file_line_column_lines_on_stderr() {
    let site = broken_site();
    let o = site.bantin(&["build"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let located = located_errors(&stderr(&o));
    assert_eq!(
        located,
        [
            ("content/articles/b.md".to_string(), 4, 1),
            ("content/models/m.md".to_string(), 5, 7)
        ],
        "{}",
        stderr(&o)
    );
    let last = stderr(&o).lines().last().unwrap_or_default().to_string();
    assert!(
        last.contains('2'),
        "the last line counts the problems: {last}"
    );
    assert!(!site.out().exists(), "nothing is published");
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let site = valid_site();
    let o = site.bantin(&["build", "--bogus"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--bogus"), "{}", stderr(&o));
    assert!(!site.out().exists());
}

#[test]
fn folder_without_site_yaml_is_a_usage_error() {
    let site = Site::new().file("content/pages/a.md", md("title: A", "x\n"));
    for command in ["build", "check"] {
        let o = site.bantin(&[command]);
        assert_eq!(code(&o), 2, "{command}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("site.yaml"),
            "{command}: {}",
            stderr(&o)
        );
    }
    assert_eq!(entries(&site.root), ["content"], "nothing was written");
}

#[test]
fn help_works_for_build_check_and_new() {
    for (args, expected) in [
        (
            &["build", "--help"][..],
            &["--source", "--output", "--drafts", "--base-url"][..],
        ),
        (&["check", "--help"][..], &["--source", "--drafts"][..]),
        (
            &["new", "--help"][..],
            &["site", "article", "model", "explainer", "bulletin", "page"][..],
        ),
        (
            &["new", "article", "--help"][..],
            &["--lang", "--source"][..],
        ),
        (&["--help"][..], &["build", "check", "new"][..]),
    ] {
        let o = run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        for word in expected {
            assert!(out.contains(word), "{args:?} help lacks {word}:\n{out}");
        }
    }
}

#[test]
fn check_writes_nothing() {
    let site = valid_site();
    let o = site.bantin(&["check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        entries(&site.root),
        ["content", "data", "site.yaml"],
        "check wrote something"
    );
    assert_eq!(
        entries(site.base()),
        ["site"],
        "check wrote something beside the site"
    );
}

#[test]
fn check_leaves_an_existing_output_untouched() {
    let site = valid_site();
    site.build();
    let before = snapshot(&site.out());
    site.write(
        "content/articles/a.md",
        article("Bài A đã sửa", "2025-01-01", "khác\n"),
    );
    let o = site.bantin(&["check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(snapshot(&site.out()) == before, "check changed the output");
}

#[test]
fn check_reports_the_same_errors_as_build() {
    let site = broken_site();
    let check = site.bantin(&["check"]);
    let build = site.bantin(&["build"]);
    assert_eq!(code(&check), 1, "{}", stderr(&check));
    assert_eq!(code(&build), 1);
    assert_eq!(error_lines(&stderr(&check)), error_lines(&stderr(&build)));
    assert_eq!(error_lines(&stderr(&check)).len(), 2, "{}", stderr(&check));
    assert!(!site.out().exists());
}

#[test]
fn new_site_creates_a_site_that_builds() {
    let base = tempfile::tempdir().unwrap();
    let o = run_in(base.path(), &["new", "site", "moi"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let root = base.path().join("moi");
    assert!(root.join("site.yaml").is_file());
    let o = run_in(&root, &["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let home = scraper::Html::parse_document(
        &std::fs::read_to_string(root.join("public/index.html")).unwrap(),
    );
    assert!(
        !select(&home, ".card-title a").is_empty(),
        "the new site has example content on its home page"
    );
}

#[test]
fn new_site_refuses_a_non_empty_folder() {
    let base = tempfile::tempdir().unwrap();
    std::fs::create_dir(base.path().join("da-co")).unwrap();
    std::fs::write(base.path().join("da-co/ghi-chu.txt"), "giữ nguyên").unwrap();
    let o = run_in(base.path(), &["new", "site", "da-co"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert_eq!(entries(&base.path().join("da-co")), ["ghi-chu.txt"]);
}

#[test]
fn new_article_writes_a_draft_named_after_the_title_that_builds() {
    let site = valid_site();
    let o = site.bantin(&["new", "article", "Đổi mới công tác dân vận"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let file = site
        .root
        .join("content/articles/doi-moi-cong-tac-dan-van.md");
    let written = std::fs::read_to_string(&file).unwrap_or_else(|e| {
        panic!(
            "{e}; content/articles has {:?}",
            entries(&site.root.join("content/articles"))
        )
    });
    assert!(
        written
            .lines()
            .any(|l| l.split('#').next().unwrap_or_default().trim() == "draft: true"),
        "{written}"
    );
    // Published builds skip it; --drafts builds it.
    let o = site.bantin(&["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!site.exists("articles/doi-moi-cong-tac-dan-van/index.html"));
    let o = site.bantin(&["build", "--drafts"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let doc = site.html("articles/doi-moi-cong-tac-dan-van/index.html");
    assert_eq!(text(one(&doc, "main h1")), "Đổi mới công tác dân vận");
}

#[test]
fn new_item_with_lang_writes_the_language_suffix() {
    let site = valid_site();
    site.write("site.yaml", SITE_YAML_VI_EN);
    let o = site.bantin(&[
        "new",
        "article",
        "Skilled mass mobilization",
        "--lang",
        "en",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        site.root
            .join("content/articles/skilled-mass-mobilization.en.md")
            .is_file(),
        "{:?}",
        entries(&site.root.join("content/articles"))
    );
    let o = site.bantin(&["build", "--drafts"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let doc = site.html("en/articles/skilled-mass-mobilization/index.html");
    assert_eq!(attr(one(&doc, "html"), "lang"), Some("en"));
}

#[test]
fn new_item_with_an_unknown_lang_is_a_usage_error() {
    let site = valid_site();
    let before = snapshot(&site.root);
    let o = site.bantin(&["new", "article", "Bài mới", "--lang", "de"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("de") && stderr(&o).contains("vi"),
        "names the configured languages: {}",
        stderr(&o)
    );
    assert!(snapshot(&site.root) == before, "a file was written");
}

#[test]
fn new_item_refuses_to_overwrite_an_existing_file() {
    let site = valid_site();
    site.write("content/articles/bai-a.md", "giữ nguyên");
    let o = site.bantin(&["new", "article", "Bài A"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(site.root.join("content/articles/bai-a.md")).unwrap(),
        "giữ nguyên"
    );
}

#[test]
fn new_model_writes_a_model_that_builds_with_a_registry_locality() {
    let site = valid_site();
    let o = site.bantin(&["new", "model", "Tổ hòa giải giỏi"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        site.root
            .join("content/models/to-hoa-giai-gioi.md")
            .is_file()
    );
    let o = site.bantin(&["build", "--drafts"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let doc = site.html("models/to-hoa-giai-gioi/index.html");
    let facts: Vec<String> = select(&doc, "dl.facts dd").into_iter().map(text).collect();
    assert!(
        facts
            .iter()
            .any(|f| f == "Ninh Bình" || f == "Lâm Đồng" || f == "Phường Hoa Lư"),
        "no registry locality among {facts:?}"
    );
}

#[test]
fn new_model_uses_the_first_locality_listed_in_the_registry() {
    // The registry lists ninh-binh first, lam-dong second (not alphabetical).
    let site = valid_site();
    let o = site.bantin(&["new", "model", "Tổ hòa giải giỏi"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let written =
        std::fs::read_to_string(site.root.join("content/models/to-hoa-giai-gioi.md")).unwrap();
    let locality: Vec<&str> = written
        .lines()
        .filter_map(|l| l.strip_prefix("locality:"))
        .map(|v| v.split('#').next().unwrap_or_default().trim())
        .collect();
    assert_eq!(locality, ["ninh-binh"], "{written}");
}

#[test]
fn new_model_without_a_registry_is_a_usage_error() {
    let site = Site::with_config().file("content/pages/a.md", md("title: A", "x\n"));
    let o = site.bantin(&["new", "model", "Mô hình"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("localities.yaml"), "{}", stderr(&o));
    assert!(!site.root.join("content/models").exists());
}

#[test]
fn new_bulletin_is_numbered_after_the_last_one_and_builds() {
    let site = valid_site().file(
        "content/bulletins/so-3.md",
        md(
            "title: Số 3\ndate: 2025-01-01\nnumber: 3\nitems: [articles/a]",
            "x\n",
        ),
    );
    let o = site.bantin(&["new", "bulletin", "Bản tin tháng Mười"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let written =
        std::fs::read_to_string(site.root.join("content/bulletins/ban-tin-thang-muoi.md")).unwrap();
    let number: Vec<&str> = written
        .lines()
        .filter_map(|l| l.strip_prefix("number:"))
        .map(str::trim)
        .collect();
    assert_eq!(number, ["4"], "{written}");
    let o = site.bantin(&["build", "--drafts"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(site.exists("bulletins/ban-tin-thang-muoi/index.html"));
}

#[test]
fn new_explainer_and_page_build() {
    let site = valid_site();
    for (kind, title) in [("explainer", "Hỏi đáp Nghị quyết 18"), ("page", "Liên hệ")] {
        let o = site.bantin(&["new", kind, title]);
        assert_eq!(code(&o), 0, "{kind}: {}", stderr(&o));
    }
    let o = site.bantin(&["build", "--drafts"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(site.exists("explainers/hoi-dap-nghi-quyet-18/index.html"));
    assert!(site.exists("lien-he/index.html"));
}

#[test]
fn new_item_title_without_letters_is_a_usage_error() {
    let site = valid_site();
    let o = site.bantin(&["new", "article", "!!!"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

/// `bantin new` with the clock fixed by `BANTIN_NOW`: the file it writes and its `date:`.
fn new_article_at(site: &Site, now: &str, title: &str) -> String {
    let o = bin()
        .args(["new", "article", title])
        .current_dir(&site.root)
        .env("BANTIN_NOW", now)
        .output()
        .expect("run bantin");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let file = site
        .root
        .join(format!("content/articles/{}.md", title.to_lowercase()));
    let written = std::fs::read_to_string(&file).expect("the new article");
    written
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn bantin_new_dates_an_article_by_the_day_in_vietnam_not_in_utc() {
    let site = valid_site();
    // 23:30 UTC on 1 March is 06:30 on 2 March in Hồ Chí Minh City.
    assert_eq!(
        new_article_at(&site, "2026-03-01T23:30:00Z", "x"),
        "2026-03-02"
    );
    assert_eq!(
        new_article_at(&site, "2026-03-01T16:59:59Z", "y"),
        "2026-03-01"
    );
}

#[test]
fn bantin_new_dates_an_article_by_the_day_in_the_site_timezone() {
    let site = valid_site();
    site.write(
        "site.yaml",
        format!("{SITE_YAML}timezone: America/New_York\n"),
    );
    // 02:00 UTC on 2 March is still 1 March (21:00) in New York.
    assert_eq!(
        new_article_at(&site, "2026-03-02T02:00:00Z", "z"),
        "2026-03-01"
    );
}

#[test]
fn a_timezone_that_is_not_one_is_an_error_at_its_line_with_an_example() {
    let site = valid_site();
    site.write("site.yaml", format!("{SITE_YAML}timezone: Asia/Hanoi\n"));
    let o = site.bantin(&["build"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("site.yaml:7:11: `timezone`: found `Asia/Hanoi`"),
        "{err}"
    );
    assert!(err.contains("`Asia/Ho_Chi_Minh`"), "{err}");
}

#[test]
fn a_date_time_without_an_offset_is_site_time_in_the_feed_and_sitemap() {
    let site = valid_site();
    site.write(
        "content/articles/gio.md",
        "---\ntitle: Giờ\ndate: 2025-08-12T08:30:00\n---\n\nx\n",
    );
    let o = site.bantin(&["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for file in ["sitemap.xml", "atom.xml"] {
        let xml = site.read(file);
        assert!(xml.contains("2025-08-12T08:30:00+07:00"), "{file}: {xml}");
    }
}

#[test]
fn site_yaml_type_mistakes_are_one_message_each_in_the_words_of_the_content_format() {
    let site = valid_site();
    site.write(
        "site.yaml",
        format!("{SITE_YAML}paginate: mười\nportable: có\nshare_budget: -3\nfallback: tất cả\n"),
    );
    let o = site.bantin(&["build"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    for expected in [
        "site.yaml:7:11: `paginate`: found `mười`; expected a whole number of items per listing page, 1 or more, like `10`",
        "site.yaml:8:11: `portable`: found `có`; expected true or false",
        "site.yaml:9:15: `share_budget`: found the number `-3`",
        "site.yaml:10:11: `fallback`: found `tất cả`",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    assert_eq!(err.matches("error: site.yaml").count(), 4, "{err}");
}

#[test]
fn check_checks_drafts_as_if_published_and_says_they_are_drafts() {
    let site = Site::with_config()
        .file("data/localities.yaml", LOCALITIES)
        .file(
            "content/articles/nhap.md",
            md(
                "title: Nháp\ndate: 2025-01-01\ndraft: true\nlocality: khong-co",
                "Xem [bài](khong-co.md) và ![ảnh](/khong.png).\n",
            ),
        )
        .file(
            "content/articles/a.md",
            md("title: A\ndate: 2025-01-02", "x\n"),
        );
    let o = site.bantin(&["check"]);
    assert_eq!(code(&o), 0, "drafts stop no check: {}", stderr(&o));
    let err = stderr(&o);
    for what in ["`locality`", "khong-co.md", "/khong.png"] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("draft: content/articles/nhap.md:") && l.contains(what)),
            "{what}: {err}"
        );
    }
    assert!(err.contains("3 problems in drafts"), "{err}");
    let o = site.bantin(&["check", "--drafts"]);
    assert_eq!(code(&o), 1, "with --drafts they are errors: {}", stderr(&o));
}

#[test]
fn init_makes_a_site_whose_settings_are_all_there_as_comments() {
    let base = tempfile::tempdir().unwrap();
    let o = run_in(base.path(), &["init", "moi"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let root = base.path().join("moi");
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    for setting in [
        "# fallback: default",
        "# portable: true",
        "# share: false",
        "# share_budget: 2000",
        "# theme: default",
        "# cli_language: vi",
        "timezone: Asia/Ho_Chi_Minh",
        "# - code: en",
    ] {
        assert!(yaml.contains(setting), "{setting} in\n{yaml}");
    }
    // No other province's list: an empty registry with a commented example.
    let localities = std::fs::read_to_string(root.join("data/localities.yaml")).unwrap();
    assert!(
        localities
            .lines()
            .all(|l| l.starts_with('#') || l.trim() == "[]" || l.is_empty()),
        "{localities}"
    );
    assert!(localities.contains("# - id: ninh-binh"), "{localities}");
    // Each commented setting works once uncommented.
    let uncommented = yaml
        .replace("# fallback:", "fallback:")
        .replace("# portable:", "portable:")
        .replace("# share_budget:", "share_budget:");
    std::fs::write(root.join("site.yaml"), uncommented).unwrap();
    let o = run_in(&root, &["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
}

#[test]
fn new_says_what_editors_meant() {
    let site = valid_site();
    let o = site.bantin(&["new", "post", "Tin mới"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("did you mean `bantin new article"),
        "{}",
        stderr(&o)
    );
    // An unquoted title: its words are joined, and the message shows the quotes.
    let o = site.bantin(&["new", "article", "Hội", "nghị", "tổng", "kết"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("bantin new article \"Hội nghị tổng kết\""),
        "{}",
        stderr(&o)
    );
    assert!(
        site.root
            .join("content/articles/hoi-nghi-tong-ket.md")
            .is_file()
    );
}

#[test]
fn the_example_site_checks_without_warnings_and_notes_its_partial_language_once() {
    let o = run_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), &["check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains("warning"), "{err}");
    let notes: Vec<&str> = err.lines().filter(|l| l.starts_with("note: ")).collect();
    assert_eq!(notes.len(), 1, "{err}");
    assert!(
        notes[0].contains("`hmn`") && notes[0].contains("partial: true"),
        "{err}"
    );
}

#[test]
fn a_language_marked_partial_is_not_a_warning_and_partial_must_be_true_or_false() {
    let yaml = "title: T\nbase_url: https://example.org/\nlanguages:\n  - code: vi\n    name: Tiếng Việt\n  - code: hmn\n    name: Hmoob\n    partial: true\n";
    let site = Site::new().file("site.yaml", yaml).file(
        "content/articles/a.md",
        md("title: A\ndate: 2025-01-01", "x\n"),
    );
    let o = site.bantin(&["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    site.write("site.yaml", yaml.replace("partial: true", "partial: có"));
    let o = site.bantin(&["build"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("`partial`: found"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("expected true or false"),
        "{}",
        stderr(&o)
    );
}

/// `bantin import` of plain-text reports, one in TCVN3 bytes and one in VNI: Unicode items
/// that build, the date from the "ngày … tháng … năm …" line, drafts; a bad file does not stop
/// the others.
#[test]
fn import_turns_legacy_encoded_text_reports_into_draft_items() {
    let site = common::Site::with_config();
    let latin1 = |s: &str| -> Vec<u8> { s.chars().map(|c| c as u8).collect() };
    let tcvn3 = "Héi nghÞ d©n vËn khÐo x· Phó Quý\nPhó Quý, ngµy 5 th¸ng 11 n¨m 2025\nChiÒu nay, x· tæ chøc héi nghÞ.\n";
    std::fs::write(site.base().join("tcvn3.txt"), latin1(tcvn3)).unwrap();
    let vni = "Ñaûng uûy xaõ hoïp\nNgaøy 2 thaùng 12 naêm 2025\nCaùc ñaûng vieân goùp yù.\n";
    std::fs::write(site.base().join("vni.txt"), latin1(vni)).unwrap();
    let run = |file: &str, encoding: &str| {
        common::bin()
            .current_dir(&site.root)
            .args(["import", &format!("../{file}"), "--encoding", encoding])
            .output()
            .expect("run bantin import")
    };
    let out = run("tcvn3.txt", "tcvn3");
    assert_eq!(common::code(&out), 0, "{}", common::stderr(&out));
    let source = |rel: &str| std::fs::read_to_string(site.root.join(rel)).expect("the item");
    let text = source("content/articles/hoi-nghi-dan-van-kheo-xa-phu-quy/index.md");
    assert!(text.contains("title: \"Hội nghị dân vận khéo xã Phú Quý\"\ndate: 2025-11-05\nsummary: Chiều nay, xã tổ chức hội nghị.\n"), "{text}");
    assert!(
        text.ends_with("---\n\nChiều nay, xã tổ chức hội nghị.\n") && text.contains("draft: true"),
        "{text}"
    );
    let out = run("vni.txt", "vni");
    assert_eq!(common::code(&out), 0, "{}", common::stderr(&out));
    let text = source("content/articles/dang-uy-xa-hop/index.md");
    assert!(
        text.contains("title: \"Đảng ủy xã họp\"\ndate: 2025-12-02\n")
            && text.contains("Các đảng viên góp ý."),
        "{text}"
    );
    // Both build once published; an old .doc is refused with what to do, and the other file still imports.
    let check = site.bantin(&["check", "--drafts"]);
    assert_eq!(common::code(&check), 0, "{}", common::stderr(&check));
    std::fs::write(site.base().join("bao-cao.doc"), b"PK").unwrap();
    std::fs::write(site.base().join("khac.txt"), "Tin khác\nMột đoạn.\n").unwrap();
    let out = common::bin()
        .current_dir(&site.root)
        .args(["import", "../bao-cao.doc", "../khac.txt"])
        .output()
        .expect("run");
    assert_eq!(common::code(&out), 2);
    assert!(
        common::stderr(&out)
            .contains("bao-cao.doc: bantin import reads Word (.docx), LibreOffice (.odt)")
    );
    assert!(
        site.root
            .join("content/articles/tin-khac/index.md")
            .exists()
    );
    // A language site.yaml does not have is refused, as `bantin new` refuses it.
    let out = common::bin()
        .current_dir(&site.root)
        .args(["import", "../khac.txt", "--lang", "xx"])
        .output()
        .expect("run");
    assert_eq!(common::code(&out), 2);
    let said = common::stderr(&out);
    assert!(
        said.contains("--lang xx: not a configured language"),
        "{said}"
    );
}
