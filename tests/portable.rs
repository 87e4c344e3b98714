//! Portable output (`bantin build --portable`): every internal address is relative and
//! points at a file, so the folder works from disk, from any server and under any sub-path.
//! A crawler checks that every `href`, `src`, `srcset` and `action` of the example site's
//! portable build resolves to a file; headless Chromium opens it from `file://` and follows
//! links across kinds and languages, checking each page gets its stylesheet.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The example site (the repository) built with `--portable` into a temporary folder.
fn portable_example() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    let o = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["build", "--portable", "--output", &out.to_string_lossy()],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    (tmp, out)
}

/// Every address in an attribute of the page that could lead to a file of the site.
fn addresses(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    for el in select(&doc, "[href], [src], [srcset], [action]") {
        for name in ["href", "src", "action"] {
            if let Some(v) = attr(el, name) {
                found.push(v.to_string());
            }
        }
        if let Some(set) = attr(el, "srcset") {
            found.extend(
                set.split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .map(str::to_string),
            );
        }
    }
    found
}

#[test]
fn every_internal_address_of_a_portable_build_is_a_relative_path_to_a_file() {
    let (_tmp, out) = portable_example();
    let mut checked = 0;
    let mut problems = Vec::new();
    for file in html_files(&out) {
        if file == "404.html" {
            continue; // answers at any depth: its links lead to the published site
        }
        let html = std::fs::read_to_string(out.join(&file)).expect("read page");
        let dir = Path::new(&file)
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        for address in addresses(&html) {
            if address.starts_with('#')
                || address.starts_with("https://")
                || address.starts_with("http://")
                || address.starts_with("mailto:")
                || address.starts_with("data:")
            {
                continue;
            }
            if address.starts_with('/') {
                problems.push(format!("{file}: `{address}` is not relative"));
                continue;
            }
            let path = address.split(['#', '?']).next().unwrap_or_default();
            let target = normalize(&dir.join(percent_decode(path)));
            checked += 1;
            if !out.join(&target).is_file() {
                problems.push(format!(
                    "{file}: `{address}` → {} is not a file",
                    target.display()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(checked > 1000, "only {checked} addresses checked");
}

#[test]
fn a_portable_build_opens_from_disk_with_its_stylesheet_across_kinds_and_languages() {
    let Some(tools) = browser_tools() else {
        return;
    };
    let (_tmp, out) = portable_example();
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/browser/portable_crawl.mjs"
    );
    let o = Command::new("node")
        .args([
            script,
            &out.join("index.html").to_string_lossy(),
            tools,
            "400",
        ])
        .output()
        .expect("node runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let result: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON line");
    assert_eq!(
        result["broken"].as_array().map(Vec::len),
        Some(0),
        "{result}"
    );
    let pages = result["pages"].as_array().expect("pages");
    let unstyled: Vec<&serde_json::Value> = pages
        .iter()
        .filter(|p| p["ok"] != true || p["styled"] != true)
        .collect();
    assert!(
        unstyled.is_empty(),
        "pages without their stylesheet: {unstyled:#?}"
    );
    let paths: Vec<&str> = pages.iter().filter_map(|p| p["path"].as_str()).collect();
    for wanted in [
        "articles/",
        "models/",
        "explainers/",
        "bulletins/",
        "topics/",
        "localities/",
        "en/articles/",
        "fr/",
        "hmn/",
    ] {
        assert!(
            paths
                .iter()
                .any(|p| p.starts_with(wanted) && p.len() > wanted.len() + "index.html".len()),
            "no page under {wanted} reached from the home page: {paths:#?}"
        );
    }
    assert!(pages.len() >= 150, "only {} pages reached", pages.len());
}

/// `a/b/../c` → `a/c` (the path stays inside the output when every page is inside it).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn site_yaml_portable_gives_relative_links_and_the_404_page_links_to_the_published_site() {
    let site = Site::new()
        .file("site.yaml", format!("{SITE_YAML}portable: true\n"))
        .file(
            "content/articles/a.md",
            md("title: A\ndate: 2025-03-01", "[trang chủ](../pages/p.md)\n"),
        )
        .file("content/pages/p.md", md("title: P", "x\n"));
    site.build();
    let page = site.read("articles/a/index.html");
    assert!(page.contains(r#"href="../../p/index.html""#), "{page}");
    assert!(!page.contains(r#"href="/sub/"#), "{page}");
    // The 404 page answers at any depth: its links lead to the published site.
    let not_found = site.read("404.html");
    let internal: Vec<String> = addresses(&not_found)
        .into_iter()
        .filter(|a| !a.starts_with('#'))
        .collect();
    assert!(!internal.is_empty());
    for address in internal {
        assert!(
            address.starts_with("https://example.org/sub/"),
            "404.html: {address}"
        );
    }
}

#[test]
fn raw_html_links_in_single_quotes_double_quotes_or_none_become_relative_in_a_portable_build() {
    let body = "<p><a href=\"/sub/p/\">double</a> <a class=x href='/sub/p/#s'>single</a> \
                <a href=/sub/>none</a> <img alt=\"\" src='/sub/anh.png'></p>\n\n\
                <script>var home = '<a href=\"/sub/\">';</script>\n\n\
                <!-- <a href=\"/sub/old/\"> -->\n";
    let site = Site::new()
        .file(
            "site.yaml",
            format!("{SITE_YAML}portable: true\nunsafe_html: true\n"),
        )
        .file(
            "content/articles/a.md",
            md("title: A\ndate: 2025-03-01", body),
        )
        .file("content/pages/p.md", md("title: P", "x\n"))
        .file("static/anh.png", png(2, 2));
    site.build();
    let page = site.read("articles/a/index.html");
    let doc = scraper::Html::parse_document(&page);
    let links: Vec<(String, String)> = select(&doc, "main a, article a")
        .into_iter()
        .filter_map(|a| Some((text(a), attr(a, "href")?.to_string())))
        .filter(|(t, _)| ["double", "single", "none"].contains(&t.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("double".to_string(), "../../p/index.html".to_string()),
            ("single".to_string(), "../../p/index.html#s".to_string()),
            ("none".to_string(), "../../index.html".to_string()),
        ],
        "{page}"
    );
    let img = select(&doc, "img[alt='']");
    assert_eq!(attr(img[0], "src"), Some("../../anh.png"), "{page}");
    // Script text and comments are not markup: left as written.
    assert!(page.contains(r#"var home = '<a href="/sub/">';"#), "{page}");
    assert!(page.contains(r#"<!-- <a href="/sub/old/"> -->"#), "{page}");
}
