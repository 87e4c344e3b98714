//! Every content error of the contract is reported with the file, the line (and column where
//! it means something) and the key; all errors of a build come together, sorted.

mod common;

use bantin::diagnostic::Diagnostic;
use common::*;

/// A site with the locality registry, ready for one faulty file.
fn site() -> Site {
    Site::with_config().file("data/localities.yaml", LOCALITIES)
}

const MODEL_KEYS: &[&str] = &[
    "title: Mô hình",
    "unit: Chi hội",
    "unit_type: collective",
    "area: economy",
    "status: registered",
    "year: 2024",
    "locality: ninh-binh",
];
const ARTICLE_KEYS: &[&str] = &["title: Bài", "date: 2025-01-01"];
const EXPLAINER_KEYS: &[&str] = &["title: Hỏi đáp", "policy: Nghị quyết số 18-NQ/TW"];
const BULLETIN_KEYS: &[&str] = &[
    "title: Bản tin",
    "date: 2025-01-01",
    "number: 1",
    "items:",
    "  - articles/bai",
];

/// Writes `rel` with the front matter `keys` minus the lines of `key`, builds, and checks the
/// diagnostic for `key`.
fn assert_missing(rel: &str, keys: &[&str], key: &str) {
    let kept: Vec<&str> = keys
        .iter()
        .copied()
        .filter(|l| !l.starts_with(&format!("{key}:")))
        .filter(|l| !(key == "items" && l.starts_with("  - ")))
        .collect();
    assert_eq!(
        kept.len() + if key == "items" { 2 } else { 1 },
        keys.len(),
        "fixture has no `{key}`"
    );
    let closing_line = kept.len() + 2;
    let site = site()
        .file(
            "content/articles/bai.md",
            article("Bài", "2025-01-01", "x\n"),
        )
        .file(rel, format!("---\n{}\n---\n\nNội dung.\n", kept.join("\n")));
    let ds = site.errors();
    let d = diag_for(&ds, rel, Some(key));
    assert!(
        (1..=closing_line).contains(&d.line),
        "line {} is outside the front matter (1..={closing_line}): {d}",
        d.line
    );
    assert!(
        d.message.contains("missing") || d.message.contains("required"),
        "{d}"
    );
    assert_eq!(ds.len(), 1, "only the missing key is wrong:\n{}", show(&ds));
}

#[test]
fn missing_title_is_reported() {
    assert_missing(
        "content/pages/trang.md",
        &["title: Trang", "summary: Tóm tắt"],
        "title",
    );
}

#[test]
fn missing_article_date_is_reported() {
    assert_missing("content/articles/moi.md", ARTICLE_KEYS, "date");
}

#[test]
fn missing_model_unit_is_reported() {
    assert_missing("content/models/m.md", MODEL_KEYS, "unit");
}

#[test]
fn missing_model_unit_type_is_reported() {
    assert_missing("content/models/m.md", MODEL_KEYS, "unit_type");
}

#[test]
fn missing_model_area_is_reported() {
    assert_missing("content/models/m.md", MODEL_KEYS, "area");
}

#[test]
fn missing_model_status_is_reported() {
    assert_missing("content/models/m.md", MODEL_KEYS, "status");
}

#[test]
fn missing_model_year_is_reported() {
    assert_missing("content/models/m.md", MODEL_KEYS, "year");
}

#[test]
fn missing_model_locality_is_reported() {
    assert_missing("content/models/m.md", MODEL_KEYS, "locality");
}

#[test]
fn missing_explainer_policy_is_reported() {
    assert_missing("content/explainers/e.md", EXPLAINER_KEYS, "policy");
}

#[test]
fn missing_bulletin_number_is_reported() {
    assert_missing("content/bulletins/b.md", BULLETIN_KEYS, "number");
}

#[test]
fn missing_bulletin_items_is_reported() {
    assert_missing("content/bulletins/b.md", BULLETIN_KEYS, "items");
}

#[test]
fn missing_bulletin_date_is_reported() {
    assert_missing("content/bulletins/b.md", BULLETIN_KEYS, "date");
}

#[test]
fn empty_title_is_reported_at_its_line() {
    let site = site().file(
        "content/pages/p.md",
        "---\nsummary: x\ntitle: \"  \"\n---\n",
    );
    let ds = site.errors();
    let d = diag_for(&ds, "content/pages/p.md", Some("title"));
    assert_eq!(d.line, 3, "{d}");
}

#[test]
fn unknown_key_is_reported_with_its_line_a_suggestion_and_the_known_keys() {
    let site = site().file(
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2025-01-01\nauthr: Ban biên tập\n---\n\nx\n",
    );
    let ds = site.errors();
    let d = diag_for(&ds, "content/articles/a.md", Some("authr"));
    assert_eq!(d.line, 4, "{d}");
    assert!(
        d.message.contains("`author`"),
        "suggests the close key: {d}"
    );
    for known in [
        "title",
        "date",
        "summary",
        "slug",
        "topics",
        "locality",
        "image_alt",
        "author",
        "source",
    ] {
        assert!(
            d.message.contains(known),
            "the message lists `{known}`: {d}"
        );
    }
    assert!(
        !d.message.contains("unit_type"),
        "model keys are not offered for an article: {d}"
    );
}

#[test]
fn key_of_another_kind_is_unknown() {
    let site = site().file("content/pages/p.md", "---\ntitle: A\npolicy: X\n---\n");
    let ds = site.errors();
    let d = diag_for(&ds, "content/pages/p.md", Some("policy"));
    assert_eq!(d.line, 3);
}

/// A model whose `key` has `value`, on file line 5 (column of the value = key length + 3).
fn model_with(key: &str, value: &str) -> (Site, usize) {
    let lines: Vec<String> = MODEL_KEYS
        .iter()
        .filter(|l| !l.starts_with(&format!("{key}:")))
        .map(|l| l.to_string())
        .collect();
    let mut front = lines[..3].to_vec();
    front.push(format!("{key}: {value}"));
    front.extend_from_slice(&lines[3..]);
    let site = site().file(
        "content/models/m.md",
        format!("---\n{}\n---\n\nx\n", front.join("\n")),
    );
    (site, key.chars().count() + 3)
}

fn assert_enum_error(key: &str, value: &str, allowed: &[&str]) {
    let (site, column) = model_with(key, value);
    let ds = site.errors();
    let d = diag_for(&ds, "content/models/m.md", Some(key));
    assert_eq!((d.line, d.column), (5, column), "{d}");
    assert!(d.message.contains(value), "names what was found: {d}");
    for a in allowed {
        assert!(d.message.contains(a), "lists `{a}`: {d}");
    }
}

#[test]
fn wrong_area_is_reported_with_the_allowed_values() {
    assert_enum_error(
        "area",
        "economics",
        &[
            "economy",
            "culture-society",
            "defense-security",
            "political-system",
        ],
    );
}

#[test]
fn wrong_status_is_reported_with_the_allowed_values() {
    assert_enum_error("status", "approved", &["registered", "recognized"]);
}

#[test]
fn wrong_unit_type_is_reported_with_the_allowed_values() {
    assert_enum_error("unit_type", "group", &["collective", "individual"]);
}

#[test]
fn impossible_date_is_reported_at_the_value() {
    let site = site().file(
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2025-02-30\n---\n\nx\n",
    );
    let ds = site.errors();
    let d = diag_for(&ds, "content/articles/a.md", Some("date"));
    assert_eq!((d.line, d.column), (3, 7), "{d}");
    assert!(d.message.contains("2025-02-30"), "{d}");
}

#[test]
fn date_in_another_format_is_reported() {
    let site = site().file(
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2025-01-01\nupdated: 12/08/2025\n---\n\nx\n",
    );
    let ds = site.errors();
    let d = diag_for(&ds, "content/articles/a.md", Some("updated"));
    assert_eq!((d.line, d.column), (4, 10), "{d}");
}

#[test]
fn topics_as_a_number_is_a_type_error() {
    let site = site().file(
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2025-01-01\ntopics: 5\n---\n\nx\n",
    );
    let ds = site.errors();
    let d = diag_for(&ds, "content/articles/a.md", Some("topics"));
    assert_eq!((d.line, d.column), (4, 9), "{d}");
    assert!(d.message.contains("list"), "says a list was expected: {d}");
}

#[test]
fn draft_as_text_is_a_type_error() {
    let site = site().file(
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2025-01-01\ndraft: \"có\"\n---\n\nx\n",
    );
    let ds = site.errors();
    let d = diag_for(&ds, "content/articles/a.md", Some("draft"));
    assert_eq!((d.line, d.column), (4, 8), "{d}");
    assert!(
        d.message.contains("true") && d.message.contains("false"),
        "{d}"
    );
}

#[test]
fn year_as_text_is_a_type_error() {
    let (site, column) = model_with("year", "hai nghìn");
    let ds = site.errors();
    let d = diag_for(&ds, "content/models/m.md", Some("year"));
    assert_eq!((d.line, d.column), (5, column), "{d}");
}

#[test]
fn yaml_syntax_error_is_reported_at_its_line_in_the_file() {
    // Line 5 of the file is line 4 of the YAML block.
    let site = site().file(
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2025-01-01\nauthor: B\nsummary: a: b\n---\n\nx\n",
    );
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    let d = &ds[0];
    assert_eq!(d.path, std::path::Path::new("content/articles/a.md"));
    assert_eq!(d.line, 5, "{d}");
    assert_eq!(d.column, 11, "{d}");
}

#[test]
fn missing_closing_fence_is_reported() {
    let site = site().file(
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2025-01-01\n\nNội dung không có dấu đóng.\n",
    );
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    assert_eq!(ds[0].path, std::path::Path::new("content/articles/a.md"));
    assert_eq!(ds[0].line, 1, "{}", ds[0]);
    assert!(ds[0].message.contains("---"), "{}", ds[0]);
}

#[test]
fn file_without_front_matter_is_reported() {
    let site = site().file("content/articles/a.md", "# Tiêu đề\n\nx\n");
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    assert_eq!((ds[0].line, ds[0].column), (1, 1));
}

#[test]
fn unknown_locality_is_reported_with_a_suggestion() {
    let site = site().file(
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2025-01-01\nlocality: ninh-bin\n---\n\nx\n",
    );
    let ds = site.errors();
    let d = diag_for(&ds, "content/articles/a.md", Some("locality"));
    assert_eq!((d.line, d.column), (4, 11), "{d}");
    assert!(d.message.contains("did you mean `ninh-binh`"), "{d}");
}

#[test]
fn locality_without_a_registry_is_reported() {
    let site = Site::with_config().file(
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2025-01-01\nlocality: ninh-binh\n---\n\nx\n",
    );
    let ds = site.errors();
    let d = diag_for(&ds, "content/articles/a.md", Some("locality"));
    assert_eq!(d.line, 4, "{d}");
    assert!(d.message.contains("localities.yaml"), "{d}");
}

#[test]
fn former_locality_id_resolves_to_its_successor() {
    let site = site()
        .file(
            "content/articles/a.md",
            "---\ntitle: A\ndate: 2025-01-01\nlocality: ha-nam\n---\n\nx\n",
        )
        .file(
            "content/articles/b.md",
            "---\ntitle: B\ndate: 2025-01-01\nlocality: ha-nam/hoa-lu\n---\n\nx\n",
        )
        .file(
            "content/articles/c.md",
            "---\ntitle: C\ndate: 2025-01-01\nlocality: ninh-binh/hoa-lu-cu\n---\n\nx\n",
        );
    site.build();
    for (file, name) in [
        ("articles/a/index.html", "Ninh Bình"),
        ("articles/b/index.html", "Phường Hoa Lư"),
        ("articles/c/index.html", "Phường Hoa Lư"),
    ] {
        let doc = site.html(file);
        let meta = text(one(&doc, "main p.meta"));
        assert!(meta.contains(name), "{file}: `{meta}` lacks {name}");
    }
}

#[test]
fn bulletin_reference_to_nothing_is_reported_at_the_entry() {
    let site = site()
        .file("content/articles/bai-that.md", article("Bài", "2025-01-01", "x\n"))
        .file("content/bulletins/so-1.md", "---\ntitle: Số 1\ndate: 2025-01-01\nnumber: 1\nitems:\n  - articles/bai-that\n  - articles/bai-tht\n---\n");
    let ds = site.errors();
    let d = diag_for(&ds, "content/bulletins/so-1.md", Some("items"));
    assert_eq!((d.line, d.column), (7, 5), "{d}");
    assert!(d.message.contains("articles/bai-tht"), "{d}");
    assert!(
        d.message.contains("did you mean `articles/bai-that`"),
        "{d}"
    );
}

#[test]
fn bulletin_reference_to_a_draft_says_it_is_a_draft() {
    let site = site()
        .file(
            "content/articles/nhap.md",
            md("title: N\ndate: 2025-01-01\ndraft: true", "x\n"),
        )
        .file(
            "content/bulletins/so-1.md",
            "---\ntitle: Số 1\ndate: 2025-01-01\nnumber: 1\nitems: [articles/nhap]\n---\n",
        );
    let ds = site.errors();
    let d = diag_for(&ds, "content/bulletins/so-1.md", Some("items"));
    assert_eq!(d.line, 5, "{d}");
    assert!(d.message.contains("draft"), "{d}");
}

#[test]
fn dangling_markdown_link_is_reported_at_its_line_and_column() {
    let site = site().file(
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2025-01-01\n---\n\nĐọc thêm ở [mô hình](../models/khong-co.md).\n",
    );
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    let d = &ds[0];
    assert_eq!(d.path, std::path::Path::new("content/articles/a.md"));
    assert_eq!((d.line, d.column), (6, 12), "{d}");
    assert!(d.message.contains("khong-co.md"), "{d}");
}

#[test]
fn link_to_a_draft_is_reported() {
    let site = site()
        .file(
            "content/models/nhap.md",
            md(&format!("{}\ndraft: true", MODEL_KEYS.join("\n")), "x\n"),
        )
        .file(
            "content/articles/a.md",
            "---\ntitle: A\ndate: 2025-01-01\n---\n\nx\n\n[m](../models/nhap.md)\n",
        );
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    assert_eq!((ds[0].line, ds[0].column), (8, 1), "{}", ds[0]);
    assert!(ds[0].message.contains("draft"), "{}", ds[0]);
}

#[test]
fn missing_body_image_is_reported_at_its_line_and_column() {
    let site = site().file(
        "content/articles/a/index.md",
        "---\ntitle: A\ndate: 2025-01-01\n---\n\nẢnh:\n\nXem ![ảnh](khong-co.png)\n",
    );
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    let d = &ds[0];
    assert_eq!(d.path, std::path::Path::new("content/articles/a/index.md"));
    assert_eq!((d.line, d.column), (8, 5), "{d}");
    assert!(d.message.contains("khong-co.png"), "{d}");
}

#[test]
fn missing_rooted_image_is_reported() {
    let site = site().file(
        "content/pages/p.md",
        "---\ntitle: P\n---\n![x](/anh/khong-co.png)\n",
    );
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    assert_eq!((ds[0].line, ds[0].column), (4, 1), "{}", ds[0]);
}

#[test]
fn missing_front_matter_image_is_reported_at_the_key() {
    let site = site().file(
        "content/articles/a/index.md",
        "---\ntitle: A\ndate: 2025-01-01\nimage: khong-co.png\nimage_alt: Ảnh\n---\n\nx\n",
    );
    let ds = site.errors();
    let d = diag_for(&ds, "content/articles/a/index.md", Some("image"));
    assert_eq!((d.line, d.column), (4, 8), "{d}");
    assert!(d.message.contains("khong-co.png"), "{d}");
}

#[test]
fn image_without_alt_text_is_reported() {
    let site = site()
        .file(
            "content/articles/a/index.md",
            "---\ntitle: A\ndate: 2025-01-01\nimage: anh.png\n---\n\nx\n",
        )
        .file("content/articles/a/anh.png", png(2, 2));
    let ds = site.errors();
    let d = diag_for(&ds, "content/articles/a/index.md", Some("image_alt"));
    assert_eq!(d.line, 4, "points at the image line: {d}");
}

#[test]
fn unconfigured_language_suffix_is_reported_with_the_configured_languages() {
    let site = site()
        .file("content/articles/x.md", article("X", "2025-01-01", "x\n"))
        .file(
            "content/articles/x.de.md",
            article("X", "2025-01-01", "x\n"),
        );
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    assert_eq!(ds[0].path, std::path::Path::new("content/articles/x.de.md"));
    assert!(
        ds[0].message.contains(".de") && ds[0].message.contains("vi"),
        "{}",
        ds[0]
    );
}

#[test]
fn two_items_with_one_url_are_reported_naming_both_files() {
    let site = site()
        .file(
            "content/articles/a.md",
            md("title: A\ndate: 2025-01-01\nslug: b", "x\n"),
        )
        .file("content/articles/b.md", article("B", "2025-01-01", "x\n"));
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    let all = format!("{} {}", ds[0].path.display(), ds[0].message);
    assert!(
        all.contains("content/articles/a.md") && all.contains("content/articles/b.md"),
        "{}",
        ds[0]
    );
    assert!(
        ds[0].message.contains("/articles/b/"),
        "names the URL: {}",
        ds[0]
    );
}

#[test]
fn page_slug_that_takes_a_listing_url_is_reported() {
    let site = site().file("content/pages/articles.md", md("title: Bài viết", "x\n"));
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    assert_eq!(
        ds[0].path,
        std::path::Path::new("content/pages/articles.md")
    );
    assert!(ds[0].message.contains("/articles/"), "{}", ds[0]);
}

#[test]
fn slug_without_letters_is_reported() {
    let site = site().file(
        "content/articles/a.md",
        md("title: A\ndate: 2025-01-01\nslug: \"!!!\"", "x\n"),
    );
    let ds = site.errors();
    let d = diag_for(&ds, "content/articles/a.md", Some("slug"));
    assert_eq!(d.line, 4, "{d}");
}

#[test]
fn unknown_content_folder_is_reported_with_the_known_folders() {
    let site = site().file("content/news/x.md", article("X", "2025-01-01", "x\n"));
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    assert_eq!(ds[0].path, std::path::Path::new("content/news/x.md"));
    for known in [
        "news",
        "articles",
        "models",
        "explainers",
        "bulletins",
        "pages",
    ] {
        assert!(ds[0].message.contains(known), "{}", ds[0]);
    }
}

#[test]
fn unknown_key_in_site_yaml_is_reported_with_its_line() {
    let site = Site::new()
        .file("site.yaml", format!("{SITE_YAML}paginat: 3\n"))
        .file("content/pages/a.md", md("title: A", "x\n"));
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    assert_eq!(ds[0].path, std::path::Path::new("site.yaml"));
    assert_eq!(ds[0].line, 7, "{}", ds[0]);
    assert!(ds[0].message.contains("paginat"), "{}", ds[0]);
}

/// Five different mistakes in five files.
fn five_mistakes() -> Site {
    site()
        .file("content/articles/a.md", "---\ntitle: A\ndate: 2025-01-01\nautor: X\n---\n\nx\n")
        .file("content/articles/b.md", "---\ntitle: B\ndate: 2025-13-01\n---\n\nx\n")
        .file("content/models/m.md", "---\ntitle: M\nunit: U\nunit_type: collective\narea: kinh-te\nstatus: registered\nyear: 2024\nlocality: ninh-binh\n---\n\nx\n")
        .file("content/pages/p.md", "---\ntitle: P\n---\n\n[x](../articles/khong-co.md)\n")
        .file("content/explainers/e.md", "---\ntitle: E\npolicy: P\nlocality: lam-dongg\n---\n\nx\n")
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let ds = five_mistakes().errors();
    assert_eq!(ds.len(), 5, "{}", show(&ds));
    let located: Vec<(String, usize, Option<String>)> = ds
        .iter()
        .map(|d| (d.path.to_string_lossy().into_owned(), d.line, d.key.clone()))
        .collect();
    assert_eq!(
        located,
        [
            (
                "content/articles/a.md".to_string(),
                4,
                Some("autor".to_string())
            ),
            (
                "content/articles/b.md".to_string(),
                3,
                Some("date".to_string())
            ),
            (
                "content/explainers/e.md".to_string(),
                4,
                Some("locality".to_string())
            ),
            (
                "content/models/m.md".to_string(),
                5,
                Some("area".to_string())
            ),
            ("content/pages/p.md".to_string(), 5, None),
        ]
    );
}

#[test]
fn errors_are_sorted_and_stable_between_runs() {
    let site = five_mistakes()
        // Two mistakes in one file, the later line checked first (unknown keys come first).
        .file(
            "content/articles/c.md",
            "---\ntitle: C\ndate: 2025-02-30\ntopics: [a]\nsumary: x\n---\n\nx\n",
        );
    let first = site.errors();
    let mut sorted = first.clone();
    sorted.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    assert_eq!(first, sorted, "not sorted:\n{}", show(&first));
    let lines_c: Vec<usize> = first
        .iter()
        .filter(|d| d.path.ends_with("c.md"))
        .map(|d| d.line)
        .collect();
    assert_eq!(lines_c, [3, 5]);
    for _ in 0..3 {
        let again: Vec<Diagnostic> = site.errors();
        assert_eq!(show(&again), show(&first), "errors differ between runs");
    }
}

#[test]
fn every_diagnostic_of_a_front_matter_problem_has_a_line() {
    let ds = five_mistakes().errors();
    for d in &ds {
        assert!(d.line > 0, "no line: {d}");
        let shown = d.to_string();
        let prefix = format!("{}:{}:", d.path.display(), d.line);
        assert!(
            shown.starts_with(&prefix),
            "`{shown}` does not start with `{prefix}`"
        );
    }
}

#[test]
fn missing_rooted_front_matter_image_is_reported_at_the_key() {
    let site = site().file(
        "content/pages/p.md",
        "---\ntitle: P\nimage: /anh/khong-co.png\nimage_alt: Ảnh\n---\n\nx\n",
    );
    let ds = site.errors();
    let d = diag_for(&ds, "content/pages/p.md", Some("image"));
    assert_eq!((d.line, d.column), (3, 8), "{d}");
}

#[test]
fn relative_front_matter_image_of_a_non_bundle_item_is_reported() {
    // A body image beside a plain file is an error (it is not in a bundle); the lead image
    // must not be dropped silently either.
    let site = site()
        .file(
            "content/articles/a.md",
            "---\ntitle: A\ndate: 2025-01-01\nimage: anh.png\nimage_alt: Ảnh\n---\n\nx\n",
        )
        .file("content/articles/anh.png", png(2, 2));
    let ds = site.errors();
    let d = diag_for(&ds, "content/articles/a.md", Some("image"));
    assert_eq!(d.line, 4, "{d}");
}

#[test]
fn template_error_names_the_template_file() {
    let site = site()
        .file("templates/page.html", "{% extends \"base.html\" %}{% block content %}{{ item.no_such_key.x }}{% endblock content %}")
        .file("content/pages/a.md", md("title: A", "x\n"))
        .file("content/pages/b.md", md("title: B", "x\n"));
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "reported once for both pages:\n{}", show(&ds));
    assert!(
        ds[0].path.to_string_lossy().contains("page.html"),
        "{}",
        ds[0]
    );
}

// ---------------------------------------------------------------- one mistake, one message

#[test]
fn one_tab_in_the_locality_registry_gives_one_message() {
    let mut site = Site::with_config().file(
        "data/localities.yaml",
        LOCALITIES.replace(
            "  level: province\n  name: { vi: Lâm Đồng",
            "\tlevel: province\n  name: { vi: Lâm Đồng",
        ),
    );
    for n in 0..11 {
        site = site.file(
            &format!("content/articles/a{n}.md"),
            md(
                &format!("title: Bài {n}\ndate: 2025-01-01\nlocality: ninh-binh/hoa-lu"),
                "x\n",
            ),
        );
    }
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    assert!(
        ds[0].path.ends_with("data/localities.yaml") && ds[0].line > 0,
        "{}",
        show(&ds)
    );
}

#[test]
fn entries_and_links_that_lead_to_a_broken_file_give_no_message_of_their_own() {
    let site = Site::with_config()
        .file(
            "content/articles/hong.md",
            "---\ntitle: Bài hỏng\ndate: 2025-13-01\n---\n\nx\n",
        )
        .file(
            "content/articles/lien-ket.md",
            article("Liên kết", "2025-01-02", "Xem [bài](hong.md).\n"),
        )
        .file(
            "content/bulletins/so-1.md",
            md(
                "title: Số 1\ndate: 2025-01-03\nnumber: 1\nitems: [articles/hong, articles/lien-ket]",
                "x\n",
            ),
        );
    let ds = site.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    assert_eq!(ds[0].path, std::path::Path::new("content/articles/hong.md"));
    assert_eq!(ds[0].key.as_deref(), Some("date"), "{}", show(&ds));
}

// ---------------------------------------------------------------- control characters

#[test]
fn control_characters_in_front_matter_body_and_site_yaml_are_located_errors() {
    let site = Site::with_config()
        .file(
            "content/articles/a.md",
            "---\ntitle: \"Bài\\fviết\"\ndate: 2025-01-01\n---\n\nx\n",
        )
        .file(
            "content/articles/b.md",
            "---\ndate: 2025-01-01\ntitle: Bài\u{c}hai\n---\n\nx\n",
        )
        .file(
            "content/articles/c.md",
            "---\ntitle: Bài ba\ndate: 2025-01-01\n---\n\nĐoạn một.\n\nĐoạn\u{b}hai.\n",
        );
    let ds = site.errors();
    assert_eq!(ds.len(), 3, "{}", show(&ds));
    let a = diag_for(&ds, "content/articles/a.md", Some("title"));
    assert_eq!(a.line, 2, "{a}");
    assert!(a.message.contains("U+000C (a form feed)"), "{a}");
    let b = diag_for(&ds, "content/articles/b.md", Some("title"));
    assert_eq!((b.line, b.column), (3, 11), "{b}");
    let c = diag_for(&ds, "content/articles/c.md", None);
    assert_eq!((c.line, c.column), (8, 5), "{c}");
    assert!(c.message.contains("U+000B (a vertical tab)"), "{c}");

    let yaml = Site::new()
        .file(
            "site.yaml",
            SITE_YAML.replace("title: Bản tin Thử nghiệm", "title: \"Bản tin\\x07\""),
        )
        .file("content/articles/a.md", article("A", "2025-01-01", "x\n"));
    let ds = yaml.errors();
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    assert_eq!(ds[0].key.as_deref(), Some("title"), "{}", show(&ds));
    assert!(ds[0].message.contains("U+0007"), "{}", show(&ds));
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_run_the_locality_included() {
    let site = Site::with_config()
        .file("data/localities.yaml", LOCALITIES)
        .file(
            "content/articles/a.md",
            md(
                "title: A\ndate: 2025-01-01\ntopics: 5\nlocality: ninh-bin",
                "x\n",
            ),
        );
    let ds = expect_content_errors(site.try_build());
    assert_eq!(ds.len(), 2, "{}", show(&ds));
    let topics = diag_for(&ds, "content/articles/a.md", Some("topics"));
    assert_eq!(topics.line, 4, "{}", show(&ds));
    let locality = diag_for(&ds, "content/articles/a.md", Some("locality"));
    assert_eq!((locality.line, locality.column), (5, 11), "{}", show(&ds));
    assert!(
        locality.message.contains("ninh-binh"),
        "a suggestion: {}",
        show(&ds)
    );
}

#[test]
fn yaml_mistakes_are_explained_at_the_line_to_fix() {
    let cases = [
        (
            "title: Hội nghị: tổng kết năm\ndate: 2025-01-01",
            2,
            "expected the whole value in quotes: `title: \"Hội nghị: tổng kết năm\"`",
        ),
        (
            "title: \"Hội nghị tổng kết\ndate: 2025-01-01",
            2,
            "the quote that opens the value with \" is never closed",
        ),
        (
            "title: A\n\tdate: 2025-01-01",
            3,
            "a tab indents this line; expected spaces",
        ),
        ("title: A\ndate: 2025-13-01", 3, "expected YYYY-MM-DD"),
    ];
    for (front, line, words) in cases {
        let site = Site::with_config().file("content/articles/a.md", md(front, "x\n"));
        let ds = expect_content_errors(site.try_build());
        assert_eq!(ds.len(), 1, "{front}: {}", show(&ds));
        assert_eq!(ds[0].line, line, "{front}: {}", show(&ds));
        assert!(ds[0].message.contains(words), "{front}: {}", show(&ds));
    }
}
