//! Watch mode: incremental rebuilds give the same output as a full build, rebuild only what a
//! change touches, keep the last good pages on a mistake; `bantin watch` as a process reacts
//! to saves (also through a temporary file and a rename), new, deleted and renamed files, and
//! a burst of changes, and ignores swap files.

mod common;

use bantin::pipeline::BuildError;
use common::*;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A small site with every kind of page: two languages, topics, localities, a bulletin, a
/// bundle with an image, a static file and a site template override.
fn fixture() -> Site {
    let mut site = Site::new()
        .file("site.yaml", format!("{SITE_YAML_VI_EN}fallback: default\npaginate: 2\n"))
        .file("data/localities.yaml", LOCALITIES)
        .file("static/robots.txt", "User-agent: *\n")
        .file("content/articles/anh/index.md", md("title: Ảnh\ndate: 2025-02-01", "![Ảnh](a.png)\n"))
        .file("content/articles/anh/a.png", png(4, 3))
        .file(
            "content/models/m.md",
            md(
                "title: Mô hình\nunit: Xã A\nunit_type: collective\nlocality: ninh-binh/hoa-lu\narea: economy\nstatus: recognized\nyear: 2024\ntopics: [dân vận khéo]",
                "Nội dung mô hình.\n",
            ),
        )
        .file(
            "content/bulletins/so-1.md",
            md(
                "title: Bản tin số 1\ndate: 2025-03-30\nnumber: 1\nitems: [articles/a1, models/m]",
                "Lời nói đầu.\n",
            ),
        );
    for day in 1..=5 {
        site = site.file(
            &format!("content/articles/a{day}.md"),
            md(
                &format!("title: Bài {day}\ndate: 2025-03-0{day}\ntopics: [dân vận khéo]\nlocality: ninh-binh"),
                &format!("Mở đầu bài {day}.\n\n## Phần một\n\nCâu một. Câu hai.\n"),
            ),
        );
    }
    site.file(
        "content/articles/a1.en.md",
        md("title: Post 1\ndate: 2025-03-01", "Opening.\n"),
    )
}

#[test]
fn incremental_rebuilds_equal_a_full_build_after_a_series_of_edits() {
    let site = fixture();
    let mut s = session(&site);
    ok(s.full());
    let abs = |rel: &str| site.root.join(rel);
    let a1 = "content/articles/a1.md";
    let a1_text = std::fs::read_to_string(abs(a1)).expect("read");

    // A body edit that keeps the summary: the page, its print edition and the share page.
    site.write(a1, a1_text.replace("Câu hai.", "Câu hai đã sửa."));
    let r = ok(s.apply(&[abs(a1)]));
    assert_eq!(r.scope, "incremental");
    assert!(r.summary.starts_with("body changed: "), "{r:?}");
    // The page, the print edition, the share page and JSON, and the language's search
    // index files; of them, only the files whose bytes changed are written.
    assert!(r.rendered <= 12 && r.written <= 6, "{r:?}");
    assert!(
        site.read("articles/a1/index.html")
            .contains("Câu hai đã sửa.")
    );
    assert_same_as_full_build(&site, "a body edit");

    // A body edit that changes the summary: listings, home, feed, topic, locality and the
    // bulletin that show the item follow.
    site.write(
        a1,
        a1_text.replace("Mở đầu bài 1.", "Mở đầu mới của bài 1."),
    );
    let r = ok(s.apply(&[abs(a1)]));
    assert!(r.summary.contains("listing"), "{r:?}");
    assert!(
        site.read("bulletins/so-1/index.html")
            .contains("Mở đầu mới"),
        "the bulletin"
    );
    // The listing page a1 is on (the home page shows the summary of its lead story only,
    // and a1 is not the newest).
    let listing = [
        "articles/index.html",
        "articles/page/2/index.html",
        "articles/page/3/index.html",
    ]
    .into_iter()
    .find(|p| site.exists(p) && site.read(p).contains("/articles/a1/"))
    .expect("a listing page shows a1");
    assert!(site.read(listing).contains("Mở đầu mới"), "{listing}");
    assert_same_as_full_build(&site, "a summary edit");

    // A bulletin's own text: its page and its print edition's introduction.
    let so1 = "content/bulletins/so-1.md";
    let so1_text = std::fs::read_to_string(abs(so1)).expect("read");
    site.write(so1, so1_text.replace("Lời nói đầu.", "Lời nói đầu mới."));
    ok(s.apply(&[abs(so1)]));
    assert!(
        site.read("bulletins/so-1/print/index.html")
            .contains("Lời nói đầu mới.")
    );
    assert_same_as_full_build(&site, "a bulletin's introduction");

    // A title change: the page, its neighbours' links, listings, the bulletin...
    site.write(a1, a1_text.replace("title: Bài 1", "title: Bài một"));
    let r = ok(s.apply(&[abs(a1)]));
    assert_eq!(r.scope, "incremental");
    assert!(r.summary.starts_with("title, body changed: "), "{r:?}");
    assert_same_as_full_build(&site, "a title edit");

    // A new item, then the same item renamed, then deleted.
    site.write(
        "content/articles/moi.md",
        md("title: Bài mới\ndate: 2025-04-01", "Mới.\n"),
    );
    ok(s.apply(&[abs("content/articles/moi.md")]));
    assert!(site.exists("articles/moi/index.html"));
    assert_same_as_full_build(&site, "a new file");
    std::fs::rename(
        abs("content/articles/moi.md"),
        abs("content/articles/doi-ten.md"),
    )
    .expect("rename");
    ok(s.apply(&[
        abs("content/articles/moi.md"),
        abs("content/articles/doi-ten.md"),
    ]));
    assert!(!site.exists("articles/moi/index.html"));
    assert_same_as_full_build(&site, "a rename");
    site.remove("content/articles/doi-ten.md");
    ok(s.apply(&[abs("content/articles/doi-ten.md")]));
    assert_same_as_full_build(&site, "a deletion");

    // A template: only the pages made with a template that uses it.
    site.write("templates/partials/unused.html", "");
    let r = ok(s.apply(&[abs("templates/partials/unused.html")]));
    assert_same_as_full_build(&site, "a new template file that nothing uses");
    assert_eq!(r.rendered, 0, "{r:?}");
    assert_eq!(r.scope, "incremental");
    let theme_page = "{% extends \"base.html\" %}{% block content %}<h1>{{ item.title }}</h1><p class=\"own\">own page template</p>{% endblock content %}";
    site.write("templates/page.html", theme_page);
    site.write(
        "content/pages/gioi-thieu.md",
        md("title: Giới thiệu", "x\n"),
    );
    ok(s.apply(&[abs("content/pages/gioi-thieu.md")]));
    site.write(
        "templates/page.html",
        theme_page.replace("own page template", "edited"),
    );
    let r = ok(s.apply(&[abs("templates/page.html")]));
    assert_eq!((r.scope, r.rendered), ("incremental", 1), "{r:?}");
    assert!(site.read("gioi-thieu/index.html").contains("edited"));
    assert_same_as_full_build(&site, "a template edit");

    // Static files and bundle files: copied again.
    site.write("static/robots.txt", "User-agent: *\nDisallow:\n");
    let r = ok(s.apply(&[abs("static/robots.txt")]));
    assert_eq!((r.scope, r.rendered), ("incremental", 1), "{r:?}");
    site.write("content/articles/anh/a.png", png(6, 3));
    ok(s.apply(&[abs("content/articles/anh/a.png")]));
    assert_same_as_full_build(&site, "static and bundle files");

    // site.yaml: everything.
    site.write(
        "site.yaml",
        format!("{SITE_YAML_VI_EN}fallback: default\npaginate: 3\n"),
    );
    assert_eq!(ok(s.apply(&[abs("site.yaml")])).scope, "full");
    assert_same_as_full_build(&site, "a site.yaml edit");
}

#[test]
fn a_mistake_keeps_the_last_good_pages_and_its_fix_rebuilds() {
    let site = fixture();
    let mut s = session(&site);
    ok(s.full());
    let a2 = site.root.join("content/articles/a2.md");
    let good = std::fs::read_to_string(&a2).expect("read");
    let before = snapshot(&site.out());

    // A link to a missing file (found while rendering) and a broken template (while loading).
    site.write(
        "content/articles/a2.md",
        format!("{good}\n[x](khong-co.md)\n"),
    );
    match s.apply(std::slice::from_ref(&a2)) {
        Err(BuildError::Content(ds)) => {
            let d = diag_for(&ds, "content/articles/a2.md", None);
            assert!(d.line > 1, "{d}");
        }
        other => panic!("expected the missing link: {other:?}"),
    }
    assert_eq!(snapshot(&site.out()), before, "nothing was published");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}{{ item.title",
    );
    match s.apply(&[site.root.join("templates/article.html")]) {
        Err(BuildError::Content(ds)) => assert!(
            show(&ds).contains("templates/article.html"),
            "{}",
            show(&ds)
        ),
        other => panic!("expected the template error: {other:?}"),
    }
    assert_eq!(snapshot(&site.out()), before, "nothing was published");

    // Fixing both rebuilds, and the result is the full build's.
    site.remove("templates/article.html");
    site.write(
        "content/articles/a2.md",
        good.replace("Câu một.", "Câu một đã sửa."),
    );
    ok(s.apply(&[site.root.join("templates/article.html"), a2]));
    assert!(
        site.read("articles/a2/index.html")
            .contains("Câu một đã sửa.")
    );
    assert_same_as_full_build(&site, "a fix");

    // Front matter a YAML parser cannot read: the error names the file and line.
    let a3 = site.root.join("content/articles/a3.md");
    site.write("content/articles/a3.md", "---\ntitle: [x\n---\nx\n");
    match s.apply(std::slice::from_ref(&a3)) {
        Err(BuildError::Content(ds)) => {
            // At the line where the list opened, under its key.
            let d = diag_for(&ds, "content/articles/a3.md", Some("title"));
            assert_eq!(d.line, 2, "{}", show(&ds));
        }
        other => panic!("expected a front matter error: {other:?}"),
    }
    assert!(
        site.exists("articles/a3/index.html"),
        "the last good page stays"
    );
}

/// `bantin watch` as a child process, its output lines read on a thread.
struct Watcher {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Watcher {
    /// `bantin watch`, once its first build is done.
    fn start(site: &Site) -> Watcher {
        let mut w = Watcher::spawn(site, &["watch"]);
        w.until(|l| l.starts_with("bantin: built"));
        w
    }

    fn spawn(site: &Site, args: &[&str]) -> Watcher {
        let mut child = bin()
            .args(args)
            .current_dir(&site.root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bantin watch");
        let (tx, rx) = mpsc::channel();
        for stream in [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        Watcher { child, lines: rx }
    }

    /// Lines up to and including the first that `done` accepts.
    #[track_caller]
    fn until(&mut self, done: impl Fn(&str) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let stop = done(&line);
                    seen.push(line);
                    if stop {
                        return seen;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("bantin watch did not say it in time; it said: {seen:#?}");
    }

    /// Lines said within `wait`.
    fn said_within(&mut self, wait: Duration) -> Vec<String> {
        let deadline = Instant::now() + wait;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            if let Ok(line) = self.lines.recv_timeout(left) {
                seen.push(line);
            }
        }
        seen
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn rebuilt(line: &str) -> bool {
    line.starts_with("bantin: rebuilt") || line.starts_with("bantin: built")
}

/// Saves like editors that write a temporary file and rename it over the original.
fn save_through_rename(path: &Path, text: &str) {
    let temp: PathBuf = path.with_file_name(".luu-tam.md.tmp");
    std::fs::write(&temp, text).expect("write temp");
    std::fs::rename(&temp, path).expect("rename over");
}

#[test]
fn bantin_watch_rebuilds_on_saves_renames_bursts_and_mistakes() {
    let site = fixture();
    let mut w = Watcher::start(&site);
    let a1 = site.root.join("content/articles/a1.md");
    let text = std::fs::read_to_string(&a1).expect("read");

    // A save through a temporary file and a rename.
    save_through_rename(&a1, &text.replace("Câu hai.", "Câu hai, lưu qua tệp tạm."));
    w.until(rebuilt);
    assert!(
        site.read("articles/a1/index.html")
            .contains("lưu qua tệp tạm")
    );

    // Swap and backup files of editors change nothing.
    site.write("content/articles/.a1.md.swp", "x");
    site.write("content/articles/a1.md~", "x");
    site.write("content/articles/4913", "");
    let said = w.said_within(Duration::from_millis(600));
    assert!(!said.iter().any(|l| rebuilt(l)), "{said:#?}");

    // A new bundle folder, renamed, then removed.
    site.write(
        "content/articles/chuyen-muc/index.md",
        md("title: Mới\ndate: 2025-05-01", "x\n"),
    );
    w.until(rebuilt);
    assert!(site.exists("articles/chuyen-muc/index.html"));
    std::fs::rename(
        site.root.join("content/articles/chuyen-muc"),
        site.root.join("content/articles/muc-khac"),
    )
    .expect("rename folder");
    w.until(rebuilt);
    assert!(site.exists("articles/muc-khac/index.html"));
    assert!(!site.exists("articles/chuyen-muc/index.html"));
    std::fs::remove_dir_all(site.root.join("content/articles/muc-khac")).expect("remove folder");
    w.until(rebuilt);
    assert!(!site.exists("articles/muc-khac/index.html"));

    // A burst, like a git checkout: 200 files in a row give one rebuild (two at most, if
    // the system pauses mid-way).
    for n in 0..200 {
        site.write(
            &format!("content/articles/loat-{n:03}.md"),
            md(&format!("title: Loạt {n}\ndate: 2025-06-01"), "x\n"),
        );
    }
    w.until(rebuilt);
    let more = w.said_within(Duration::from_millis(1500));
    assert!(more.iter().filter(|l| rebuilt(l)).count() <= 1, "{more:#?}");
    assert!(site.exists("articles/loat-199/index.html"));

    // A mistake: the error with file, line and column; the last good page stays; then the fix.
    site.write(
        "content/articles/a1.md",
        text.replace("date: 2025-03-01", "date: 2025-13-45"),
    );
    let said = w.until(|l| l.contains("problem(s)"));
    assert!(
        said.iter()
            .any(|l| l.starts_with("error: content/articles/a1.md:3:7:") && l.contains("`date`")),
        "{said:#?}"
    );
    assert!(site.exists("articles/a1/index.html"));
    site.write("content/articles/a1.md", &text);
    w.until(rebuilt);
    assert!(
        !site
            .read("articles/a1/index.html")
            .contains("lưu qua tệp tạm")
    );
}

#[test]
fn bantin_serve_shows_each_save_and_mistake_in_the_open_page() {
    let Some(tools) = browser_tools() else {
        return;
    };
    let site = fixture();
    let mut w = Watcher::spawn(&site, &["serve", "--port", "0"]);
    let said = w.until(|l| l.starts_with("bantin: built"));
    let url = said
        .iter()
        .find_map(|l| l.strip_prefix("bantin: serving "))
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the address")
        .to_string();
    // The live-reload script is added by the server only, never written to the output.
    let built_in = said
        .iter()
        .find_map(|l| l.split(" into ").nth(1))
        .and_then(|rest| rest.split(" in ").next())
        .expect("the preview folder")
        .to_string();
    let on_disk = std::fs::read_to_string(Path::new(&built_in).join("articles/a1/index.html"))
        .expect("the page on disk");
    assert!(!on_disk.contains("__bantin"), "no live script on disk");
    assert!(
        on_disk.contains(&format!("{url}articles/a1/")),
        "built for the local address"
    );

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser/serve_edit.mjs");
    let file = site.root.join("content/articles/a1.md");
    let out = std::process::Command::new("node")
        .args([
            script,
            &format!("{url}articles/a1/"),
            tools,
            &file.to_string_lossy(),
        ])
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}\nbantin said: {:#?}",
        String::from_utf8_lossy(&out.stderr),
        w.said_within(Duration::from_millis(100))
    );
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    let overlay = result["overlay"].as_str().unwrap_or_default();
    assert!(
        overlay.contains("content/articles/a1.md:3:7") && overlay.contains("`date`"),
        "{result}"
    );
    assert_eq!(
        result["pageKept"], true,
        "the last good page stays: {result}"
    );
    assert_eq!(result["overlaysAfterFix"], 0, "{result}");
    eprintln!(
        "save to visible in the browser: {} ms",
        result["saveToVisibleMs"]
    );
}

/// A small random generator (xorshift), so that a failing sequence is replayed from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// One article of the random sequence, as its front matter and body are written.
#[derive(Clone)]
struct Article {
    title: String,
    date: String,
    topics: Vec<&'static str>,
    locality: Option<&'static str>,
    draft: bool,
    share: Option<&'static str>,
    weight: Option<usize>,
    slug: Option<String>,
    opening: String,
    link: bool,
}

impl Article {
    fn new(n: usize) -> Article {
        Article {
            title: format!("Tin {n}"),
            date: format!("2025-04-{:02}", 1 + n % 28),
            topics: vec!["dân vận khéo"],
            locality: Some("ninh-binh"),
            draft: false,
            share: None,
            weight: None,
            slug: None,
            opening: format!("Mở đầu tin {n}."),
            link: false,
        }
    }

    fn text(&self) -> String {
        let mut front = format!("title: {}\ndate: {}\n", self.title, self.date);
        if !self.topics.is_empty() {
            front += &format!("topics: [{}]\n", self.topics.join(", "));
        }
        if let Some(l) = self.locality {
            front += &format!("locality: {l}\n");
        }
        if self.draft {
            front += "draft: true\n";
        }
        if let Some(s) = self.share {
            front += &format!("share: {s}\n");
        }
        if let Some(w) = self.weight {
            front += &format!("weight: {w}\n");
        }
        if let Some(s) = &self.slug {
            front += &format!("slug: {s}\n");
        }
        let link = if self.link {
            " Xem [mô hình](../models/m.md)."
        } else {
            ""
        };
        md(
            &front,
            &format!(
                "{}{link}\n\n## Phần một\n\nCâu một. Câu hai.\n",
                self.opening
            ),
        )
    }
}

/// Random series of edits of every kind (front matter keys, new, deleted and renamed files,
/// translations, a bulletin's items, links, broken saves and their fixes) applied one by one
/// through the session: at every tenth step and at the end, the output equals a full build.
/// `BANTIN_INCREMENTAL_SEEDS=N` runs N seeds instead of 3.
#[test]
fn random_series_of_edits_rebuild_to_the_output_of_a_full_build() {
    let seeds: u64 = std::env::var("BANTIN_INCREMENTAL_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    for seed in 1..=seeds {
        random_series(seed, 40);
    }
}

fn random_series(seed: u64, steps: usize) {
    let site = fixture();
    let mut s = session(&site);
    ok(s.full());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ seed.wrapping_mul(0x2545_F491_4F6C_DD1D));
    // Articles b1..: created, edited, renamed and deleted by the series.
    let mut articles: Vec<(String, Article)> = Vec::new();
    let mut next = 1;
    let mut done: Vec<String> = Vec::new();
    let mut broken: Option<(String, String)> = None;
    for step in 1..=steps {
        let abs = |rel: &str| site.root.join(rel);
        let mut changed: Vec<String> = Vec::new();
        let kind = if articles.is_empty() {
            0
        } else {
            rng.below(16)
        };
        let i = if articles.is_empty() {
            0
        } else {
            rng.below(articles.len())
        };
        let what = match kind {
            0 => {
                let rel = format!("content/articles/b{next}.md");
                site.write(&rel, Article::new(next).text());
                articles.push((rel.clone(), Article::new(next)));
                next += 1;
                changed.push(rel.clone());
                format!("new {rel}")
            }
            1 => {
                articles[i].1.opening = format!("Mở đầu mới {step}.");
                format!("opening of {}", articles[i].0)
            }
            2 => {
                articles[i].1.title = format!("Tiêu đề {step}");
                format!("title of {}", articles[i].0)
            }
            3 => {
                articles[i].1.date =
                    format!("2025-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
                format!("date of {}", articles[i].0)
            }
            4 => {
                let topics = ["dân vận khéo", "nông thôn mới", "chuyển đổi số"];
                articles[i].1.topics = (0..rng.below(3)).map(|_| rng.pick(&topics)).collect();
                articles[i].1.topics.dedup();
                format!("topics of {}", articles[i].0)
            }
            5 => {
                let l = [
                    None,
                    Some("ninh-binh"),
                    Some("ninh-binh/hoa-lu"),
                    Some("lam-dong"),
                ];
                articles[i].1.locality = l[rng.below(l.len())];
                format!("locality of {}", articles[i].0)
            }
            6 => {
                articles[i].1.draft = !articles[i].1.draft;
                format!("draft of {}", articles[i].0)
            }
            7 => {
                let share = [None, Some("false"), Some("[\"Một điểm chính\"]")];
                articles[i].1.share = share[rng.below(share.len())];
                format!("share of {}", articles[i].0)
            }
            8 => {
                articles[i].1.weight = [None, Some(1), Some(5)][rng.below(3)];
                format!("weight of {}", articles[i].0)
            }
            9 => {
                articles[i].1.slug =
                    [None, Some(format!("duong-dan-{step}"))][rng.below(2)].clone();
                format!("slug of {}", articles[i].0)
            }
            10 => {
                articles[i].1.link = !articles[i].1.link;
                format!("link in {}", articles[i].0)
            }
            11 => {
                let (rel, _) = articles.remove(i);
                std::fs::remove_file(abs(&rel)).expect("delete");
                let en = rel.replace(".md", ".en.md");
                if abs(&en).exists() {
                    std::fs::remove_file(abs(&en)).expect("delete");
                    changed.push(en);
                }
                changed.push(rel.clone());
                format!("delete {rel}")
            }
            12 => {
                let from = articles[i].0.clone();
                let to = format!("content/articles/b{next}.md");
                next += 1;
                std::fs::rename(abs(&from), abs(&to)).expect("rename");
                let en = from.replace(".md", ".en.md");
                if abs(&en).exists() {
                    std::fs::rename(abs(&en), abs(&to.replace(".md", ".en.md"))).expect("rename");
                    changed.extend([en, to.replace(".md", ".en.md")]);
                }
                articles[i].0 = to.clone();
                changed.extend([from.clone(), to.clone()]);
                format!("rename {from} to {to}")
            }
            13 => {
                let en = articles[i].0.replace(".md", ".en.md");
                if abs(&en).exists() {
                    std::fs::remove_file(abs(&en)).expect("delete");
                } else {
                    site.write(
                        &en,
                        md(&format!("title: News {step}\ndate: 2025-05-01"), "Text.\n"),
                    );
                }
                changed.push(en.clone());
                format!("translation {en}")
            }
            14 => {
                let mut items = vec!["articles/a1", "models/m", "articles/a2"];
                if rng.below(2) == 0 {
                    items.reverse();
                }
                items.truncate(1 + rng.below(3));
                site.write(
                    "content/bulletins/so-1.md",
                    md(
                        &format!(
                            "title: Bản tin số 1\ndate: 2025-03-30\nnumber: 1\nitems: [{}]",
                            items.join(", ")
                        ),
                        "Lời nói đầu.\n",
                    ),
                );
                changed.push("content/bulletins/so-1.md".into());
                format!("bulletin items {items:?}")
            }
            _ => {
                // A broken save (the next step fixes it).
                let rel = articles[i].0.clone();
                site.write(&rel, "---\ntitle: [chưa đóng\n---\n\nx\n");
                broken = Some((rel.clone(), articles[i].1.text()));
                changed.push(rel.clone());
                format!("broken save of {rel}")
            }
        };
        if (1..=10).contains(&kind) {
            let (rel, article) = &articles[i];
            site.write(rel, article.text());
            changed.push(rel.clone());
        }
        done.push(what);
        let paths: Vec<PathBuf> = changed.iter().map(|r| abs(r)).collect();
        let result = s.apply(&paths);
        if let Some((rel, fixed)) = broken.take() {
            assert!(
                result.is_err(),
                "seed {seed}: a broken save must fail: {done:?}"
            );
            site.write(&rel, fixed);
            done.push(format!("fix {rel}"));
            let result = s.apply(&[abs(&rel)]);
            assert!(
                result.is_ok(),
                "seed {seed}: {done:?}: {:?}",
                result.err().map(|e| format!("{e:?}"))
            );
        } else if let Err(e) = result {
            panic!("seed {seed}: after {done:?}: {e:?}");
        }
        if step % 10 == 0 || step == steps {
            assert_same_as_full_build(&site, &format!("seed {seed}, edits {done:?}"));
        }
    }
}

/// Found by the random series: an item renamed to a file with the same address (its `slug`)
/// gave a page with the same bytes, so its record kept the old file's translation group, and
/// a translation added later left the page without its language links.
#[test]
fn a_renamed_item_at_the_same_address_shows_a_translation_added_later() {
    let site = fixture();
    let mut s = session(&site);
    ok(s.full());
    let abs = |rel: &str| site.root.join(rel);
    let mut a = Article::new(1);
    site.write("content/articles/b1.md", a.text());
    ok(s.apply(&[abs("content/articles/b1.md")]));
    a.slug = Some("duong-dan-4".into());
    site.write("content/articles/b1.md", a.text());
    ok(s.apply(&[abs("content/articles/b1.md")]));
    std::fs::rename(abs("content/articles/b1.md"), abs("content/articles/b2.md")).unwrap();
    ok(s.apply(&[abs("content/articles/b1.md"), abs("content/articles/b2.md")]));
    assert_same_as_full_build(&site, "rename");
    site.write(
        "content/articles/b2.en.md",
        md("title: News\ndate: 2025-05-01", "Text.\n"),
    );
    ok(s.apply(&[abs("content/articles/b2.en.md")]));
    assert_same_as_full_build(&site, "translation");
    a.weight = Some(5);
    site.write("content/articles/b2.md", a.text());
    ok(s.apply(&[abs("content/articles/b2.md")]));
    assert_same_as_full_build(&site, "weight");
}

/// More pages than one sitemap file lists (`SITEMAP_PAGES`, 2,000): `sitemap.xml` is an
/// index of parts that together list every page once, and adding, dating and removing pages
/// rebuilds the parts as a full build makes them.
#[test]
fn a_large_sitemap_is_split_into_parts_that_edits_keep_equal_to_a_full_build() {
    let mut site = Site::new().file("site.yaml", format!("{SITE_YAML}paginate: 1000\n"));
    for i in 0..2_100 {
        site = site.file(
            &format!("content/articles/b{i:04}.md"),
            md(
                &format!("title: Bài {i}\ndate: 2024-01-{:02}", i % 28 + 1),
                "Nội dung.\n",
            ),
        );
    }
    let mut s = session(&site);
    ok(s.full());
    let locs = |xml: &str| -> Vec<String> {
        xml.split("<loc>")
            .skip(1)
            .filter_map(|l| l.split("</loc>").next().map(str::to_string))
            .collect()
    };
    let index = site.read("sitemap.xml");
    assert!(index.contains("<sitemapindex"), "{index}");
    let parts = locs(&index);
    assert_eq!(
        parts,
        [
            "https://example.org/sub/sitemaps/1.xml",
            "https://example.org/sub/sitemaps/2.xml"
        ]
    );
    let mut listed = BTreeSet::new();
    for part in &parts {
        let file = part
            .strip_prefix("https://example.org/sub/")
            .expect("under base_url");
        let xml = site.read(file);
        assert!(xml.contains("<urlset"), "{file}: {xml:.300}");
        for loc in locs(&xml) {
            assert!(listed.insert(loc.clone()), "{loc} is listed twice");
        }
    }
    for i in [0, 777, 2_099] {
        let url = format!("https://example.org/sub/articles/b{i:04}/");
        assert!(listed.contains(&url), "no part lists {url}");
    }
    assert!(listed.len() > 2_100, "{} pages listed", listed.len());

    let abs = |rel: &str| site.root.join(rel);
    let new = "content/articles/moi.md";
    site.write(new, md("title: Bài mới\ndate: 2025-01-01", "Mới.\n"));
    ok(s.apply(&[abs(new)]));
    assert_same_as_full_build(&site, "a new article");
    site.write(new, md("title: Bài mới\ndate: 2023-01-01", "Mới.\n"));
    ok(s.apply(&[abs(new)]));
    assert_same_as_full_build(&site, "its date");
    std::fs::remove_file(abs(new)).expect("remove");
    ok(s.apply(&[abs(new)]));
    assert_same_as_full_build(&site, "the article removed");
}

/// `bantin watch --drafts`: turning `draft:` on and off takes an item out of the sitemap and
/// the feed and puts it back (the sitemap reads whether an item is a draft), as a full build
/// with drafts would.
#[test]
fn with_drafts_a_draft_turned_on_and_off_leaves_and_rejoins_the_sitemap_and_the_feed() {
    let site = Site::with_config()
        .file(
            "content/articles/a.md",
            md("title: A\ndate: 2025-01-01", "x\n"),
        )
        .file(
            "content/articles/b.md",
            md("title: B\ndate: 2025-01-02", "x\n"),
        );
    let with_drafts = || bantin::pipeline::BuildOptions {
        drafts: true,
        ..site.options()
    };
    let mut s = bantin::watch::session::Session::new(with_drafts()).expect("session");
    ok(s.full());
    let b = site.root.join("content/articles/b.md");
    for draft in [true, false] {
        site.write(
            "content/articles/b.md",
            md(
                &format!("title: B\ndate: 2025-01-02\ndraft: {draft}"),
                "x\n",
            ),
        );
        ok(s.apply(std::slice::from_ref(&b)));
        for file in ["sitemap.xml", "atom.xml"] {
            assert_eq!(
                site.read(file).contains("/articles/b/"),
                !draft,
                "{file} with draft: {draft}"
            );
        }
        let full = site.base().join("full");
        expect_ok(bantin::build_site(&bantin::pipeline::BuildOptions {
            output: Some(full.clone()),
            ..with_drafts()
        }));
        assert_eq!(
            difference(&snapshot(&site.out()), &snapshot(&full)),
            None,
            "draft: {draft}"
        );
    }
}

/// The front matter of article `i` of the topic the tests of related items use.
fn topic_article(i: usize, date: &str) -> String {
    format!("title: Tin {i}\ndate: {date}\ntopics: [dân vận khéo]")
}

/// `site` with `n` articles `t00`, `t01`… of one topic, dated by `date`.
fn with_topic_articles(mut site: Site, n: usize, date: impl Fn(usize) -> String) -> Site {
    for i in 0..n {
        site = site.file(
            &format!("content/articles/t{i:02}.md"),
            md(&topic_article(i, &date(i)), "Nội dung.\n"),
        );
    }
    site
}

/// Related items are chosen among the entries around an item in its topics, and an edit
/// makes them again only for the members whose surroundings changed: in a topic far longer
/// than that window, an item moved from the end to the top, one in the middle, one removed
/// and one added leave every related list as a full build makes it.
#[test]
fn related_items_in_a_long_topic_follow_moves_additions_and_removals() {
    let front = topic_article;
    let site = with_topic_articles(Site::with_config(), 80, |i| {
        format!("2024-{:02}-{:02}", i % 12 + 1, i % 28 + 1)
    });
    let mut s = session(&site);
    ok(s.full());
    let abs = |rel: &str| site.root.join(rel);
    let edits: [(&str, Option<String>, &str); 5] = [
        (
            "content/articles/t00.md",
            Some(front(0, "2026-06-01")),
            "the oldest made newest",
        ),
        (
            "content/articles/t40.md",
            Some(front(40, "2024-07-15")),
            "one moved in the middle",
        ),
        ("content/articles/t41.md", None, "one removed"),
        (
            "content/articles/moi.md",
            Some(front(99, "2024-03-10")),
            "one added",
        ),
        (
            "content/articles/t00.md",
            Some(front(0, "2020-01-01")),
            "the newest made oldest",
        ),
    ];
    for (file, front, what) in edits {
        match front {
            Some(front) => site.write(file, md(&front, "Nội dung.\n")),
            None => std::fs::remove_file(abs(file)).expect("remove"),
        }
        ok(s.apply(&[abs(file)]));
        assert_same_as_full_build(&site, what);
    }
}

/// A plain page is in no listing, so no collection has it as a member; a theme that shows its
/// related items still sees them follow the topic it names.
#[test]
fn a_plain_pages_related_items_follow_its_topic_in_a_theme_that_shows_them() {
    let site = Site::with_config()
        .file(
            "templates/page.html",
            "{% extends \"base.html\" %}{% block content %}<ul>{% for r in item.related %}<li>{{ r.title }}</li>{% endfor %}</ul>{% endblock content %}",
        )
        .file(
            "content/pages/gioi-thieu.md",
            md("title: Giới thiệu\ntopics: [dân vận khéo]", "Trang.\n"),
        );
    let site = with_topic_articles(site, 40, |i| format!("2024-01-{:02}", i % 28 + 1));
    let mut s = session(&site);
    ok(s.full());
    // The page sorts after every article: the entries around it are the oldest ones. The
    // newest article made the oldest moves into them, although the page never read it.
    let file = "content/articles/t27.md";
    site.write(
        file,
        md(
            "title: Tin cũ nhất\ndate: 2020-01-01\ntopics: [dân vận khéo]",
            "Nội dung.\n",
        ),
    );
    ok(s.apply(&[site.root.join(file)]));
    assert!(
        site.read("gioi-thieu/index.html").contains("<li>Tin"),
        "the page shows related items"
    );
    assert_same_as_full_build(
        &site,
        "the newest article made the oldest of the page's topic",
    );
}
