//! `bantin deploy` against a real OpenSSH server that each test starts on 127.0.0.1 (Debian's
//! openssh-server, installed by .ci/run): only changed files go up on a second run, files that
//! are gone are removed, and a deploy cut off at any point leaves every page online whole,
//! with every file it uses. Skipped when sshd is absent, except in CI (`CI` set).

mod common;

use common::sshd::{Sshd, run};
use common::*;
use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;

fn site(sshd: &Sshd) -> Site {
    let style = "Kế hoạch tháng 11\n";
    Site::new()
        .file("site.yaml", sshd.site_yaml())
        .file("static/files/ke-hoach.txt", style)
        .file(
            "content/articles/mot.md",
            article("Bài một", "2026-11-01", "Thân bài một."),
        )
        .file(
            "content/articles/hai.md",
            article("Bài hai", "2026-11-02", "Thân bài hai."),
        )
}

fn deploy(site: &Site, env: &[(&str, &str)]) -> Output {
    let mut command = bin();
    command.args(["deploy", "--source"]).arg(&site.root);
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("run bantin deploy")
}

/// The published files without bantin's list of them.
fn published(sshd: &Sshd) -> BTreeMap<String, Vec<u8>> {
    let mut files = snapshot(&sshd.www());
    files.remove(".bantin-deploy.txt");
    files
}

/// The number in "N files uploaded".
fn uploaded(out: &Output) -> usize {
    let said = stdout(out);
    let (before, _) = said
        .split_once(" files uploaded")
        .unwrap_or_else(|| panic!("{said}"));
    before
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .parse()
        .unwrap_or_else(|_| panic!("{said}"))
}

#[test]
fn a_second_deploy_sends_only_what_changed_and_removes_what_is_gone() {
    let Some(sshd) = Sshd::start() else { return };
    let site = site(&sshd);
    let first = deploy(&site, &[]);
    assert_eq!(code(&first), 0, "{}{}", stdout(&first), stderr(&first));
    let built = snapshot(&site.out());
    assert_eq!(published(&sshd), built, "the server has the site as built");
    assert_eq!(uploaded(&first), built.len());

    // One body edited, one article deleted: what changed between the two builds goes up.
    let kept = sshd.www().join("files/ke-hoach.txt");
    let kept_time = std::fs::metadata(&kept)
        .and_then(|m| m.modified())
        .expect("mtime");
    site.write(
        "content/articles/mot.md",
        article("Bài một", "2026-11-01", "Sửa lại."),
    );
    site.remove("content/articles/hai.md");
    let second = deploy(&site, &[]);
    assert_eq!(code(&second), 0, "{}", stderr(&second));
    let rebuilt = snapshot(&site.out());
    let changed = rebuilt
        .iter()
        .filter(|(p, b)| built.get(*p) != Some(b))
        .count();
    assert!(
        changed > 0 && changed < rebuilt.len() / 2,
        "{changed} of {}",
        rebuilt.len()
    );
    assert_eq!(uploaded(&second), changed, "{}", stdout(&second));
    let gone = built.keys().filter(|p| !rebuilt.contains_key(*p)).count();
    assert!(
        gone > 0 && stdout(&second).contains(&format!("{gone} removed")),
        "{}",
        stdout(&second)
    );
    assert_eq!(published(&sshd), rebuilt);
    assert!(
        !sshd.www().join("articles/hai").exists(),
        "the emptied folder is removed too"
    );
    let time = std::fs::metadata(&kept)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(time, kept_time, "an unchanged file is not sent again");

    let third = deploy(&site, &[]);
    assert!(
        stdout(&third).contains("is up to date"),
        "{}",
        stdout(&third)
    );

    // A file put there by hand is none of bantin's business.
    std::fs::write(sshd.www().join("google123.html"), "verification").expect("write");
    site.write(
        "content/articles/ba.md",
        article("Bài ba", "2026-11-03", "Mới."),
    );
    assert_eq!(code(&deploy(&site, &[])), 0);
    assert!(sshd.www().join("google123.html").exists());
}

/// Every address a published page uses inside the site resolves to a published file.
fn broken_links(www: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for page in html_files(www) {
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(www.join(&page)).unwrap());
        for (css, name) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("[src]", "src"),
        ] {
            for el in select(&doc, css) {
                let url = attr(el, name).unwrap_or_default();
                if let Some(file) = file_for_url(url)
                    && !www.join(&file).exists()
                {
                    broken.push(format!("{page} → {url}"));
                }
            }
        }
    }
    broken
}

#[test]
fn a_deploy_cut_off_anywhere_leaves_the_old_site_working_and_the_next_one_finishes() {
    let Some(sshd) = Sshd::start() else { return };
    let site = site(&sshd);
    assert_eq!(code(&deploy(&site, &[])), 0);
    let old = published(&sshd);

    // A new look (every page points to a new stylesheet), a new article with a photo, one gone.
    site.write("static/style.css", "body { margin: 0 }\n");
    site.write("content/articles/ba/anh.png", png(64, 48));
    let body = "Mới.\n\n![Cán bộ xã](anh.png)";
    site.write(
        "content/articles/ba/index.md",
        article("Bài ba", "2026-11-03", body),
    );
    site.remove("content/articles/hai.md");

    // A stand-in for sftp that passes the manifest fetch through and then lets only the first
    // CUT commands reach the server before the line drops (exit 255, as ssh does).
    let tools = tempfile::tempdir().expect("temp dir");
    let wrapper = tools.path().join("sftp");
    std::fs::write(
        &wrapper,
        "#!/bin/sh\nif [ ! -e \"$STATE\" ]; then touch \"$STATE\"; exec sftp \"$@\"; fi\n\
         if [ \"$CUT\" = record ]; then cat > \"$RECORD\"; exit 255; fi\n\
         head -n \"$CUT\" | sftp \"$@\"\nexit 255\n",
    )
    .expect("wrapper");
    run("chmod", &["+x", &wrapper.display().to_string()]);
    let state = tools.path().join("state");
    let record = tools.path().join("batch.txt");
    let cut_at = |cut: &str| {
        let _ = std::fs::remove_file(&state);
        let env = [
            ("BANTIN_SFTP", wrapper.to_str().unwrap()),
            ("STATE", state.to_str().unwrap()),
            ("RECORD", record.to_str().unwrap()),
            ("CUT", cut),
        ];
        deploy(&site, &env)
    };
    let recorded = cut_at("record");
    assert_eq!(code(&recorded), 2);
    assert!(
        stderr(&recorded).contains("stopped after 0 of"),
        "{}",
        stderr(&recorded)
    );
    assert_eq!(
        published(&sshd),
        old,
        "nothing changed before any command ran"
    );
    let commands = std::fs::read_to_string(&record)
        .expect("batch")
        .lines()
        .count();
    assert!(commands > 20, "{commands} commands");

    let new = snapshot(&site.out());
    for cut in [
        3,
        commands / 4,
        commands / 2,
        commands * 3 / 4,
        commands - 3,
    ] {
        let out = cut_at(&cut.to_string());
        assert_eq!(code(&out), 2, "cut at {cut}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("Run bantin deploy again"),
            "{}",
            stderr(&out)
        );
        let online = published(&sshd);
        for (path, bytes) in &online {
            let whole = old.get(path) == Some(bytes) || new.get(path) == Some(bytes);
            assert!(
                whole || path.ends_with(".bantin-new"),
                "cut at {cut}: {path} is half"
            );
        }
        let broken = broken_links(&sshd.www());
        assert!(broken.is_empty(), "cut at {cut} of {commands}: {broken:#?}");
        // Nothing is removed before everything new is in place.
        if old.keys().any(|p| !online.contains_key(p)) {
            assert!(
                new.iter().all(|(p, b)| online.get(p) == Some(b)),
                "cut at {cut}"
            );
        }
    }

    let finished = deploy(&site, &[]);
    assert_eq!(code(&finished), 0, "{}", stderr(&finished));
    assert_eq!(published(&sshd), new, "the next deploy finishes the work");
    assert!(broken_links(&sshd.www()).is_empty());
}

#[test]
fn deploy_settings_are_checked_and_a_missing_destination_is_explained() {
    let site =
        Site::with_config().file("content/articles/mot.md", article("Một", "2026-11-01", "x"));
    let out = site.bantin(&["deploy"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("site.yaml names no destination"),
        "{}",
        stderr(&out)
    );

    site.write(
        "site.yaml",
        format!("{SITE_YAML}deploy: ftp://example.org/www\n"),
    );
    let out = site.bantin(&["deploy"]);
    assert_eq!(code(&out), 1);
    let said = stderr(&out);
    assert!(
        said.contains("site.yaml:7:") && said.contains("deploy"),
        "{said}"
    );
    assert!(said.contains("expected an SFTP address"), "{said}");

    site.write(
        "site.yaml",
        format!("{SITE_YAML}deploy:\n  to: editor@example.org:www\n  key: x\n"),
    );
    let said = stderr(&site.bantin(&["deploy"]));
    assert!(said.contains("unknown key `key`"), "{said}");
}

#[test]
fn an_unreachable_server_changes_nothing_and_says_so() {
    // A port nothing listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let yaml = format!("{SITE_YAML}deploy: sftp://nobody@127.0.0.1:{port}/www\n");
    let site = Site::new()
        .file("site.yaml", yaml)
        .file("content/articles/mot.md", article("Một", "2026-11-01", "x"));
    let out = site.bantin(&["deploy"]);
    assert_eq!(code(&out), 2);
    let said = stderr(&out);
    assert!(
        said.contains(&format!("sftp://nobody@127.0.0.1:{port}/www")),
        "{said}"
    );
    assert!(said.to_lowercase().contains("connect"), "{said}");
}

#[test]
fn a_second_deploy_while_one_runs_sends_nothing_and_says_why() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let yaml = format!("{SITE_YAML}deploy: sftp://nobody@127.0.0.1:{port}/www\n");
    let site = Site::new()
        .file("site.yaml", yaml)
        .file("content/articles/mot.md", article("Một", "2026-11-01", "x"));
    // The first deploy holds its lock (here the test does).
    let folder = site.root.join(".bantin-cache/deploy");
    std::fs::create_dir_all(&folder).unwrap();
    let lock = std::fs::File::create(folder.join("lock")).unwrap();
    lock.lock().unwrap();
    let out = site.bantin(&["deploy"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("another deploy of this site is running"),
        "{}",
        stderr(&out)
    );
    drop(lock);
    let out = site.bantin(&["deploy"]);
    assert!(!stderr(&out).contains("another deploy"), "{}", stderr(&out));
}
