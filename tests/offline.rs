//! Offline-friendly pages: every HTML file of the example site (item, listing, print, redirect
//! and 404 pages alike) declares UTF-8 early and a phone viewport, links one small stylesheet
//! under a fingerprinted name, loads no web fonts and no script files, and every image it
//! shows is in the output.

mod common;

use bantin::pipeline::{BuildOptions, build_site};
use common::*;
use std::path::Path;

#[test]
fn every_page_of_the_example_site_is_light_and_offline_friendly() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("site");
    let report = expect_ok(build_site(&BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        output: Some(out.clone()),
        image_cache: Some(tmp.path().join("cache")),
        ..Default::default()
    }));
    assert!(report.images.images >= 2, "the example site shows photos");

    let files = files_under(&out);
    let css: Vec<&String> = files.iter().filter(|f| f.ends_with(".css")).collect();
    assert_eq!(css.len(), 1, "one stylesheet: {css:?}");
    let stylesheet = css[0];
    assert!(
        is_fingerprinted(stylesheet, "css"),
        "{stylesheet} has no content hash in its name"
    );
    let css_text = std::fs::read_to_string(out.join(stylesheet)).unwrap();
    assert!(css_text.len() < 20_000, "the stylesheet stays small");
    assert!(!css_text.contains("@font-face"), "no web fonts");
    assert!(!css_text.contains("@import"), "no further stylesheets");

    let exists = |url: &str| {
        let path = url
            .strip_prefix("/dan-van/")
            .unwrap_or_else(|| panic!("{url}: not under the sub-path"));
        out.join(path).is_file()
    };
    let pages: Vec<&String> = files.iter().filter(|f| f.ends_with(".html")).collect();
    assert!(pages.len() > 100);
    let mut kinds = std::collections::BTreeSet::new();
    for page in pages {
        let bytes = std::fs::read(out.join(page)).unwrap();
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
        assert!(
            head.contains("<meta charset=\"utf-8\">"),
            "{page}: no <meta charset=\"utf-8\"> in the first 1024 bytes"
        );
        let doc = scraper::Html::parse_document(&String::from_utf8(bytes).expect("UTF-8"));
        let viewport = one(&doc, "meta[name=viewport]");
        assert_eq!(
            attr(viewport, "content"),
            Some("width=device-width, initial-scale=1"),
            "{page}"
        );
        // Reading needs no script; search, the one exception, loads its own.
        let is_search = page == "search/index.html" || page.ends_with("/search/index.html");
        assert!(
            is_search || select(&doc, "script[src]").is_empty(),
            "{page}: loads a script file"
        );
        if select(&doc, "meta[http-equiv=refresh]").is_empty() {
            let links = select(&doc, "link[rel=stylesheet]");
            assert_eq!(links.len(), 1, "{page}: one stylesheet");
            let href = attr(links[0], "href").unwrap();
            assert_eq!(href, format!("/dan-van/{stylesheet}"), "{page}");
        } else {
            kinds.insert("redirect");
        }
        if page.ends_with("print/index.html") {
            kinds.insert("print");
        }
        if page == "404.html" {
            kinds.insert("404");
        }
        for img in select(&doc, "img") {
            let src = attr(img, "src").unwrap();
            assert!(exists(src), "{page}: {src} is not in the output");
            assert!(
                attr(img, "width").is_some() && attr(img, "height").is_some(),
                "{page}: {src} has no size"
            );
            for srcset in [attr(img, "srcset")].into_iter().flatten() {
                for candidate in srcset.split(", ") {
                    let url = candidate.split(' ').next().unwrap();
                    assert!(exists(url), "{page}: {url} is not in the output");
                }
            }
        }
        for source in select(&doc, "picture source") {
            for candidate in attr(source, "srcset").unwrap().split(", ") {
                let url = candidate.split(' ').next().unwrap();
                assert!(exists(url), "{page}: {url} is not in the output");
            }
        }
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["404", "print", "redirect"],
        "every kind of page was checked"
    );
}

/// `style.1a2b3c4d.css`
fn is_fingerprinted(file: &str, extension: &str) -> bool {
    let name = file.rsplit('/').next().unwrap_or(file);
    let Some(stem) = name.strip_suffix(&format!(".{extension}")) else {
        return false;
    };
    stem.rsplit_once('.')
        .is_some_and(|(_, hash)| hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}
