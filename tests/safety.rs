//! Writing safely: a failed build publishes nothing, bantin only replaces folders it made,
//! refuses dangerous output folders, and never writes outside the output folder whatever the
//! content says.

mod common;

use bantin::write::MARKER;
use common::*;
use std::path::Path;

fn valid_site() -> Site {
    Site::with_config()
        .file(
            "content/articles/a.md",
            article("Bài A", "2025-01-01", "Nội dung A.\n"),
        )
        .file(
            "content/articles/b.md",
            article("Bài B", "2025-01-02", "Nội dung B.\n"),
        )
        .file(
            "content/pages/gioi-thieu.md",
            md("title: Giới thiệu", "x\n"),
        )
}

/// Staging or backup folders bantin leaves beside an output folder.
fn leftovers(dir: &Path) -> Vec<String> {
    entries(dir)
        .into_iter()
        .filter(|n| n.contains("bantin-"))
        .collect()
}

#[test]
fn failed_build_leaves_the_previous_output_byte_for_byte_unchanged() {
    let site = valid_site();
    site.build();
    let before = snapshot(&site.out());
    assert!(before.contains_key("articles/a/index.html"));
    // A front-matter error (found before rendering) and a body error (found while pages are
    // already being written to the staging folder).
    for broken in [
        "---\ntitle: A\ndate: 2025-02-30\n---\n\nx\n",
        "---\ntitle: A mới\ndate: 2025-01-01\n---\n\n[x](../models/khong-co.md)\n",
    ] {
        site.write("content/articles/a.md", broken);
        site.write(
            "content/articles/c.md",
            article("Bài C", "2025-01-03", "mới\n"),
        );
        let ds = site.errors();
        assert!(!ds.is_empty());
        assert!(
            snapshot(&site.out()) == before,
            "the previous output changed after a failed build ({broken:?})"
        );
        assert_eq!(
            leftovers(&site.root),
            Vec::<String>::new(),
            "a staging folder was left behind"
        );
    }
}

#[test]
fn failed_cli_build_says_the_previous_output_is_unchanged() {
    let site = valid_site();
    site.build();
    let before = snapshot(&site.out());
    site.write(
        "content/articles/a.md",
        "---\ntitle: A\nautor: X\ndate: 2025-01-01\n---\n",
    );
    let o = site.bantin(&["build"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(snapshot(&site.out()) == before);
    assert!(stderr(&o).contains("unchanged"), "{}", stderr(&o));
}

#[test]
fn failed_first_build_creates_no_output_and_no_staging_folder() {
    let site = valid_site().file("content/articles/x.md", "---\ntitle: X\n---\n");
    site.errors();
    assert!(!site.out().exists());
    assert_eq!(entries(&site.root), ["content", "site.yaml"]);
    assert_eq!(entries(site.base()), ["site"]);
}

#[test]
fn successful_builds_leave_only_the_output_folder() {
    let site = valid_site();
    site.build();
    site.build();
    assert_eq!(entries(&site.root), ["content", "public", "site.yaml"]);
    assert!(
        site.out().join(MARKER).is_file(),
        "the output carries the marker"
    );
    assert_eq!(entries(site.base()), ["site"]);
}

#[test]
fn rebuild_removes_pages_of_deleted_items() {
    let site = valid_site();
    site.build();
    assert!(site.exists("articles/b/index.html"));
    site.remove("content/articles/b.md");
    site.build();
    assert!(
        !site.exists("articles/b/index.html"),
        "a stale page survived the rebuild"
    );
    assert!(site.exists("articles/a/index.html"));
}

#[test]
fn non_empty_output_folder_without_the_marker_is_refused() {
    let site = valid_site();
    let mine = site.base().join("cua-toi");
    std::fs::create_dir_all(mine.join("sub")).unwrap();
    std::fs::write(mine.join("luan-van.docx"), b"quan trong").unwrap();
    std::fs::write(mine.join("sub/ghi-chu.txt"), "giữ nguyên").unwrap();
    let before = snapshot(&mine);
    let o = site.bantin(&["build", "--output", mine.to_str().unwrap()]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(MARKER),
        "the message explains the marker: {}",
        stderr(&o)
    );
    assert!(snapshot(&mine) == before, "the folder was touched");
    assert_eq!(
        entries(site.base()),
        ["cua-toi", "site"],
        "nothing was written beside it"
    );
}

#[test]
fn empty_output_folder_is_accepted() {
    let site = valid_site();
    let empty = site.base().join("trong");
    std::fs::create_dir(&empty).unwrap();
    let o = site.bantin(&["build", "--output", empty.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(empty.join("index.html").is_file());
}

#[test]
fn output_that_is_a_file_is_refused() {
    let site = valid_site();
    let file = site.base().join("tep");
    std::fs::write(&file, "x").unwrap();
    let o = site.bantin(&["build", "--output", file.to_str().unwrap()]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn output_equal_to_the_source_folder_is_refused() {
    let site = valid_site();
    // With a marker, only the "it holds the sources" rule stands in the way.
    site.write(MARKER, "");
    let before = snapshot(&site.root);
    for out in [".", "./", "../site"] {
        let o = site.bantin(&["build", "--output", out]);
        assert_eq!(code(&o), 2, "--output {out}: {}", stderr(&o));
        assert!(
            snapshot(&site.root) == before,
            "--output {out}: the site folder changed"
        );
    }
    assert_eq!(entries(site.base()), ["site"]);
}

#[test]
fn output_that_contains_the_source_folder_is_refused() {
    let site = valid_site();
    std::fs::write(site.base().join(MARKER), "").unwrap();
    let before = snapshot(site.base());
    let o = site.bantin(&["build", "--output", ".."]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(snapshot(site.base()) == before, "the parent folder changed");
}

#[test]
fn file_system_root_is_refused_as_output() {
    let site = valid_site();
    let o = site.bantin(&["build", "--output", "/"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert_eq!(entries(&site.root), ["content", "site.yaml"]);
}

#[test]
fn home_folder_is_refused_as_output() {
    let site = valid_site();
    let home = site.base().join("home");
    std::fs::create_dir(&home).unwrap();
    std::fs::write(home.join(MARKER), "").unwrap();
    std::fs::write(home.join(".bashrc"), "# giữ nguyên\n").unwrap();
    let before = snapshot(&home);
    let o = bin()
        .args(["build", "--output", home.to_str().unwrap()])
        .current_dir(&site.root)
        .env("HOME", &home)
        .output()
        .unwrap();
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(snapshot(&home) == before);
}

#[test]
fn output_inside_a_source_folder_is_refused() {
    let site = valid_site()
        .file("static/x.txt", "x")
        .file("data/localities.yaml", LOCALITIES);
    let before = snapshot(&site.root);
    for out in [
        "content",
        "content/public",
        "content/articles/out",
        "static/out",
        "data/out",
        "themes/default/out",
        "templates/out",
    ] {
        let o = site.bantin(&["build", "--output", out]);
        assert_eq!(code(&o), 2, "--output {out}: {}", stderr(&o));
        assert!(
            snapshot(&site.root) == before,
            "--output {out}: the sources changed"
        );
    }
    assert!(!site.root.join("themes").exists() && !site.root.join("templates").exists());
}

#[test]
fn foreign_folder_named_like_an_old_staging_folder_is_left_alone() {
    let site = valid_site();
    // A folder with the name earlier versions staged builds in, that bantin did not make.
    let staging = site.root.join(".public.bantin-staging");
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join("cua-toi.txt"), "giữ nguyên").unwrap();
    let o = site.bantin(&["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(staging.join("cua-toi.txt")).unwrap(),
        "giữ nguyên"
    );
}

#[test]
fn staging_folder_left_by_an_older_interrupted_build_is_cleaned_up() {
    let site = valid_site();
    let staging = site.root.join(".public.bantin-staging");
    std::fs::create_dir_all(staging.join("articles")).unwrap();
    std::fs::write(staging.join(MARKER), "").unwrap();
    std::fs::write(staging.join("articles/cu.html"), "cũ").unwrap();
    site.build();
    assert_eq!(leftovers(&site.root), Vec::<String>::new());
    assert!(
        !site.exists("articles/cu.html"),
        "leftovers of the interrupted build were published"
    );
}

#[test]
fn temporary_files_of_an_interrupted_build_are_removed_by_the_next_one() {
    let site = valid_site();
    site.build();
    // What a build killed before publishing leaves beside the pages it was replacing.
    site.write("public/articles/a/.index.html.bantin-new", "nửa trang");
    site.write("public/articles/moi/.index.html.bantin-new", "nửa trang");
    site.build();
    let left: Vec<String> = files_under(&site.out())
        .into_iter()
        .filter(|f| f.contains("bantin-new"))
        .collect();
    assert_eq!(left, Vec::<String>::new());
    assert!(!site.out().join("articles/moi").exists());
}

#[test]
fn failed_build_leaves_no_temporary_files_in_the_output() {
    let site = valid_site();
    site.build();
    let before = snapshot(&site.out());
    // Every page changes (the site title is on all of them), then a body error fails the build.
    site.write(
        "site.yaml",
        std::fs::read_to_string(site.root.join("site.yaml"))
            .unwrap()
            .replace("title: Bản tin Thử nghiệm", "title: Bản tin Mới"),
    );
    site.write(
        "content/articles/b.md",
        article("Bài B", "2025-01-02", "[x](../models/khong-co.md)\n"),
    );
    assert!(!site.errors().is_empty());
    assert!(snapshot(&site.out()) == before, "the output changed");
}

/// (inode, modification time) of every file of an output folder.
fn file_identities(dir: &Path) -> std::collections::BTreeMap<String, (u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    files_under(dir)
        .into_iter()
        .map(|f| {
            let m = std::fs::metadata(dir.join(&f)).unwrap();
            (f, (m.ino(), m.modified().unwrap()))
        })
        .collect()
}

#[test]
fn rebuild_with_nothing_changed_writes_no_file() {
    let site = valid_site();
    site.build();
    let before = file_identities(&site.out());
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build();
    assert_eq!(file_identities(&site.out()), before, "a file was rewritten");
}

#[test]
fn rebuild_after_one_body_edit_touches_only_the_files_that_changed() {
    let site = valid_site();
    site.build();
    let before = file_identities(&site.out());
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write(
        "content/articles/a.md",
        article("Bài A", "2025-01-01", "Nội dung A.\n\nĐoạn thêm.\n"),
    );
    site.build();
    let after = file_identities(&site.out());
    let changed: Vec<&String> = after
        .keys()
        .filter(|f| before.get(*f) != after.get(*f))
        .collect();
    assert!(
        changed.contains(&&"articles/a/index.html".to_string()),
        "{changed:?}"
    );
    // The page, the share page and JSON, and the search index parts that hold the new words.
    assert!(changed.len() <= 8, "{changed:?}");
    assert!(
        !changed.iter().any(|f| f.starts_with("articles/b/")),
        "{changed:?}"
    );
}

#[test]
fn two_builds_of_one_output_at_once_give_one_complete_site() {
    let site = valid_site();
    site.build();
    let expected = snapshot(&site.out());
    for round in 0..5 {
        let spawn = || {
            common::bin()
                .args(["build", "--source"])
                .arg(&site.root)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let o = child.wait_with_output().unwrap();
            assert_eq!(code(&o), 0, "round {round}: {}", stderr(&o));
        }
        assert!(
            snapshot(&site.out()) == expected,
            "round {round}: the output differs from a single build"
        );
    }
    // And the folder is still bantin's: the next build accepts it.
    site.build();
}

#[test]
fn a_build_waits_for_another_build_of_the_same_output() {
    let site = valid_site();
    site.build();
    // Hold the output's lock as a running build would.
    let waiting = std::sync::atomic::AtomicBool::new(false);
    let publish = bantin::write::Publish::begin(&site.out(), &site.root, &|| {}).unwrap();
    std::thread::scope(|scope| {
        let build = scope.spawn(|| {
            bantin::write::Publish::begin(&site.out(), &site.root, &|| {
                waiting.store(true, std::sync::atomic::Ordering::SeqCst)
            })
            .map(|_| ())
        });
        let started = std::time::Instant::now();
        while !waiting.load(std::sync::atomic::Ordering::SeqCst) {
            assert!(
                started.elapsed().as_secs() < 30,
                "the second build never waited"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(!build.is_finished(), "the second build went ahead");
        publish.abandon();
        assert!(build.join().unwrap().is_ok());
    });
}

/// Everything under `base` except the site folder's sources and the output: what a build
/// must never create.
fn unexpected_files(site: &Site) -> Vec<String> {
    let out = site.out();
    files_under(site.base())
        .into_iter()
        .filter(|f| {
            let abs = site.base().join(f);
            let expected = abs.starts_with(&out)
                || abs.starts_with(site.root.join("content"))
                || f == "site/site.yaml";
            !expected
        })
        .collect()
}

#[test]
fn hostile_slugs_never_write_outside_the_output() {
    let outside = std::env::temp_dir().join("evil");
    let existed = outside.exists();
    let site = Site::with_config()
        .file(
            "content/articles/a.md",
            md(
                "title: A\ndate: 2025-01-01\nslug: \"../../../../tmp/evil\"",
                "x\n",
            ),
        )
        .file(
            "content/articles/b.md",
            md("title: B\ndate: 2025-01-01\nslug: \"../../evil-b\"", "x\n"),
        )
        .file(
            "content/articles/c.md",
            md("title: C\ndate: 2025-01-01\nslug: \"/etc/evil-c\"", "x\n"),
        )
        .file(
            "content/pages/d.md",
            md("title: D\nslug: \"..\\\\..\\\\evil-d\"", "x\n"),
        );
    let result = site.try_build();
    assert_eq!(
        unexpected_files(&site),
        Vec::<String>::new(),
        "files written outside the output"
    );
    assert!(
        existed || !outside.exists(),
        "{} was created",
        outside.display()
    );
    assert!(
        result.is_ok(),
        "hostile slugs are sanitized, not fatal: {:?}",
        result.err()
    );
    for page in [
        "articles/tmp-evil/index.html",
        "articles/evil-b/index.html",
        "articles/etc-evil-c/index.html",
        "evil-d/index.html",
    ] {
        assert!(
            site.exists(page),
            "{page} missing; output has {:?}",
            files_under(&site.out())
        );
    }
}

#[test]
fn hostile_aliases_never_write_outside_the_output() {
    let site = Site::with_config().file(
        "content/pages/e.md",
        md("title: E\naliases: [\"../../evil-alias/\", \"/../../../evil-alias-2/\", \"/ok/../../evil-alias-3/\"]", "x\n"),
    );
    // An error or a sanitized redirect are both fine; a file outside the output is not.
    let _ = site.try_build();
    assert_eq!(
        unexpected_files(&site),
        Vec::<String>::new(),
        "files written outside the output"
    );
}

#[test]
fn hostile_file_names_never_write_outside_the_output() {
    let site = Site::with_config()
        .file(
            "content/articles/..md",
            article("Hai chấm", "2025-01-01", "x\n"),
        )
        .file(
            "content/articles/...md",
            article("Ba chấm", "2025-01-01", "x\n"),
        )
        .file(
            "content/articles/%2e%2e.md",
            article("Mã hóa", "2025-01-01", "x\n"),
        )
        .file("content/articles/ok.md", article("OK", "2025-01-01", "x\n"));
    let result = site.try_build();
    assert_eq!(
        unexpected_files(&site),
        Vec::<String>::new(),
        "files written outside the output"
    );
    if result.is_ok() {
        for f in files_under(&site.out()) {
            assert!(
                !f.split('/').any(|part| part == ".." || part == "."),
                "odd output path {f}"
            );
        }
        assert!(site.exists("articles/ok/index.html"));
    }
}

#[test]
fn links_and_images_that_climb_out_of_the_site_are_errors_and_copy_nothing() {
    let site = Site::with_config()
        .file("content/articles/a/index.md", md("title: A\ndate: 2025-01-01", "![x](../../../../../../etc/passwd)\n\n[y](../../../../../../etc/passwd.md)\n\n![z](../../../site.yaml)\n"));
    let ds = site.errors();
    assert_eq!(ds.len(), 3, "{}", show(&ds));
    for (d, line) in ds.iter().zip([6, 8, 10]) {
        assert_eq!(d.line, line, "{d}");
    }
    assert!(!site.out().exists());
}

#[test]
fn bundle_files_are_published_inside_the_bundle_route_only() {
    let site = Site::with_config()
        .file(
            "content/articles/a/index.md",
            md("title: A\ndate: 2025-01-01", "x\n"),
        )
        .file("content/articles/a/tai-lieu/bieu-mau.pdf", b"%PDF-1.4\n")
        .file("content/articles/a/.an.txt", "ẩn");
    site.build();
    assert!(site.exists("articles/a/tai-lieu/bieu-mau.pdf"));
    assert!(
        !site.exists("articles/a/.an.txt"),
        "hidden files are not published"
    );
    assert!(
        !site.exists("articles/a/index.md"),
        "the source is not published"
    );
}

#[test]
fn bundle_html_and_scripted_svg_files_are_not_published_without_unsafe_html() {
    let site = valid_site()
        .file(
            "content/articles/c/index.md",
            article("Bài C", "2025-01-03", "![Sơ đồ](so-do.svg)\n"),
        )
        .file(
            "content/articles/c/so-do.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>",
        );
    site.build();
    assert!(
        site.exists("articles/c/so-do.svg"),
        "a harmless SVG is published"
    );
    let before = snapshot(&site.out());
    site.write(
        "content/articles/c/so-do.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script>alert(document.cookie)</script>\n</svg>",
    );
    site.write("content/articles/c/trang.html", "<script>alert(1)</script>");
    let o = site.bantin(&["build"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("content/articles/c/so-do.svg:2:3: the SVG has a <script> element"),
        "{err}"
    );
    assert!(
        err.contains("content/articles/c/trang.html: an HTML file"),
        "{err}"
    );
    assert!(
        snapshot(&site.out()) == before,
        "the previous output changed"
    );

    // The site's own choice: bundle files as they are.
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}unsafe_html: true\n"));
    site.build();
    assert!(site.read("articles/c/so-do.svg").contains("<script>"));
    assert!(site.exists("articles/c/trang.html"));
}
