//! `bantin import` of a Word report written by python-docx (tests/fixtures/import/
//! make_report.py; Debian's python3-docx, installed by .ci/run): the Markdown compared with
//! tests/fixtures/import/report.md, the item built and read through the HTML parser, and the
//! structure compared with what pandoc (Debian's pandoc) makes of the same document. Skipped
//! without python-docx, except in CI.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Debian's python with python-docx, or `None` when the tests may skip (never in CI).
fn python_docx() -> Option<&'static str> {
    // Debian's python has Debian's python3-docx (a python of pyenv may not).
    let python = ["/usr/bin/python3", "python3"].into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import docx"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if python.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the import tests: install python3-docx"
        );
        eprintln!("no python-docx: the Word import test is skipped");
    }
    python
}

/// Runs a fixture script of python-docx (tests/fixtures/import/) with `out`.
fn make(script: &str, out: &Path) -> Option<()> {
    let python = python_docx()?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(script);
    let made = Command::new(python)
        .arg(&script)
        .arg(out)
        .output()
        .expect("python runs");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    Some(())
}

/// The report of make_report.py.
fn report(dir: &Path) -> Option<PathBuf> {
    let out = dir.join("bao-cao.docx");
    make("make_report.py", &out)?;
    Some(out)
}

#[test]
fn a_word_report_becomes_a_draft_item_that_builds_with_its_structure_and_picture() {
    let site = Site::with_config();
    let Some(docx) = report(site.base()) else {
        return;
    };
    let out = bin()
        .current_dir(&site.root)
        .arg("import")
        .arg(&docx)
        .output()
        .expect("run bantin import");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains("merged cells") && said.contains("has no description"),
        "{said}"
    );
    let folder = site
        .root
        .join("content/articles/bao-cao-ket-qua-dan-van-kheo-nam-2025");
    let markdown = std::fs::read_to_string(folder.join("index.md")).expect("the item");
    let expected = include_str!("fixtures/import/report.md");
    assert_eq!(markdown, expected);
    assert!(
        std::fs::read(folder.join("anh-1.png"))
            .expect("the picture")
            .starts_with(b"\x89PNG")
    );

    // Built (as if published), its page has the document's structure.
    site.build_with(|o| o.drafts = true);
    let page = site.html("articles/bao-cao-ket-qua-dan-van-kheo-nam-2025/index.html");
    let texts = |css: &str| select(&page, css).into_iter().map(text).collect::<Vec<_>>();
    assert_eq!(texts("main h1"), ["Báo cáo kết quả dân vận khéo năm 2025"]);
    assert_eq!(texts(".content h2"), ["Kết quả nổi bật"]);
    assert_eq!(
        texts(".content ul li"),
        ["Mười hai mô hình mới", "Ba cây số đường"]
    );
    assert_eq!(texts(".content ol li"), ["Bước một", "Bước hai"]);
    assert_eq!(select(&page, ".content table").len(), 2);
    assert!(texts(".content td").contains(&"Xã hội".to_string()));
    assert_eq!(select(&page, ".content img").len(), 1);
    assert!(
        texts(".content p")
            .iter()
            .filter(|p| p.as_str() == "Hà Nội")
            .count()
            == 2,
        "TCVN3 and VNI runs"
    );
    assert_eq!(
        texts(".content blockquote"),
        ["Người dân nói: làm đường là việc của mình."]
    );

    // pandoc on the same document: bantin has at least its headings, list items, table
    // cells and pictures.
    let Ok(pandoc) = Command::new("pandoc")
        .arg(&docx)
        .args(["-t", "gfm"])
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must compare with pandoc: install pandoc"
        );
        eprintln!("no pandoc: the comparison is skipped");
        return;
    };
    let theirs = String::from_utf8_lossy(&pandoc.stdout).into_owned();
    let count =
        |md: &str, f: &dyn Fn(&str) -> bool| md.lines().filter(|l| f(l.trim_start())).count();
    let headings = |l: &str| l.starts_with('#');
    let items = |l: &str| {
        l.starts_with("- ")
            || l.starts_with("-   ")
            || l.chars().next().is_some_and(|c| c.is_ascii_digit()) && l.contains(". ")
    };
    let rows = |l: &str| l.starts_with('|') && !l.contains("---");
    let pictures = |l: &str| l.contains("![") || l.contains("<img");
    // pandoc puts the title in a heading of its own; bantin in the front matter.
    assert!(
        count(&markdown, &headings) + 1 >= count(&theirs, &headings),
        "{theirs}"
    );
    for (what, rule) in [
        ("list items", &items as &dyn Fn(&str) -> bool),
        ("table rows", &rows),
        ("pictures", &pictures),
    ] {
        assert!(
            count(&markdown, rule) >= count(&theirs, rule),
            "{what}: pandoc has more\n{theirs}"
        );
    }
    // pandoc leaves the legacy runs as they were typed.
    assert!(theirs.contains("Hµ Néi") && !markdown.contains("Hµ Néi"));
}

/// A damaged file, a password-protected one (committed: lo-plan.docx locked by
/// `msoffcrypto-tool -e -p matkhau`, the same encryption Word uses) and an old binary .doc
/// renamed to .docx (committed: LibreOffice's `--convert-to doc`) each get their own advice,
/// and the other file still imports.
#[test]
fn a_damaged_document_is_named_and_the_others_still_import() {
    let site = Site::with_config();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    std::fs::write(site.base().join("hong.docx"), b"PK\x03\x04 not really").unwrap();
    std::fs::write(site.base().join("tin.txt"), "Tin ngắn\nMột đoạn.\n").unwrap();
    let out = bin()
        .current_dir(&site.root)
        .args(["import", "../hong.docx", "../tin.txt"])
        .arg(fixtures.join("password-protected.docx"))
        .arg(fixtures.join("old-word-renamed.docx"))
        .output()
        .expect("run");
    assert_eq!(code(&out), 2);
    let said = stderr(&out);
    for message in [
        "hong.docx: not a Word or LibreOffice document that can be read",
        "password-protected.docx: the document is protected by a password: open it in Word",
        "old-word-renamed.docx: this is an old Word document (.doc) under another name",
    ] {
        assert!(said.contains(message), "{message}\n{said}");
    }
    assert!(
        site.root
            .join("content/articles/tin-ngan/index.md")
            .exists()
    );
}

/// A .docx written by LibreOffice Writer (committed: `soffice --headless --convert-to docx
/// lo-plan.html`, LibreOffice 7.4): its heading levels, link, nested list, numbered list,
/// merged table cells and quotation.
#[test]
fn a_report_written_by_libreoffice_imports_as_expected() {
    let site = Site::with_config();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let out = bin()
        .current_dir(&site.root)
        .arg("import")
        .arg(fixtures.join("lo-plan.docx"))
        .output()
        .expect("run bantin import");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let item = site
        .root
        .join("content/articles/ke-hoach-tuyen-truyen-thang-12/index.md");
    let markdown = std::fs::read_to_string(item).expect("the item");
    assert_eq!(markdown, include_str!("fixtures/import/lo-plan.md"));
    site.build_with(|o| o.drafts = true);
    let page = site.html("articles/ke-hoach-tuyen-truyen-thang-12/index.html");
    assert_eq!(
        select(&page, ".content ul ul li").len(),
        1,
        "the nested item"
    );
    let link = select(&page, ".content a[href='https://example.org/mat-tran']");
    assert_eq!(link.len(), 1);
    assert_eq!(select(&page, ".content h3").len(), 1);
}

/// A folder: every document in it, in name order; one damaged file does not stop the rest.
#[test]
fn a_folder_imports_every_document_in_it() {
    let site = Site::with_config();
    let inbox = site.base().join("bao-cao-tu-xa");
    std::fs::create_dir_all(&inbox).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    std::fs::copy(fixtures.join("lo-plan.docx"), inbox.join("ke-hoach.docx")).unwrap();
    std::fs::write(inbox.join("tin.txt"), "Tin ngắn từ xã\nMột đoạn.\n").unwrap();
    std::fs::write(inbox.join("hong.docx"), b"not a zip").unwrap();
    std::fs::write(inbox.join("~$ke-hoach.docx"), b"Word's lock file").unwrap();
    std::fs::write(inbox.join("anh.jpg"), b"not a document").unwrap();
    let out = bin()
        .current_dir(&site.root)
        .args(["import", "../bao-cao-tu-xa"])
        .output()
        .expect("run");
    assert_eq!(code(&out), 2, "one damaged file");
    assert_eq!(stdout(&out).matches(" → ").count(), 2, "{}", stdout(&out));
    assert!(
        stderr(&out).contains("hong.docx") && !stderr(&out).contains("~$"),
        "{}",
        stderr(&out)
    );
    assert!(
        site.root
            .join("content/articles/ke-hoach-tuyen-truyen-thang-12/index.md")
            .exists()
    );
    assert!(
        site.root
            .join("content/articles/tin-ngan-tu-xa/index.md")
            .exists()
    );
}

/// The locality is guessed from the places the document names (a former province as the
/// province it is part of now), and marked as a guess.
#[test]
fn the_locality_is_guessed_from_the_places_named_and_marked_as_a_guess() {
    let site = Site::with_config().file("data/localities.yaml", LOCALITIES);
    let report = "Hội nghị ở Phường Hoa Lư\nCán bộ an toàn giao thông của Hà Nam cũ cùng dự.\n";
    std::fs::write(site.base().join("a.txt"), report).unwrap();
    std::fs::write(site.base().join("b.txt"), "Tin của Hà Nam cũ\nMột đoạn.\n").unwrap();
    std::fs::write(
        site.base().join("c.txt"),
        "Tin không nêu nơi nào\nAn toàn là trên hết.\n",
    )
    .unwrap();
    let out = bin()
        .current_dir(&site.root)
        .args(["import", "../a.txt", "../b.txt", "../c.txt"])
        .output()
        .expect("run");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let read = |slug: &str| {
        std::fs::read_to_string(site.root.join(format!("content/articles/{slug}/index.md")))
            .unwrap()
    };
    let a = read("hoi-nghi-o-phuong-hoa-lu");
    assert!(
        a.contains("\nlocality: ninh-binh/hoa-lu   # Phường Hoa Lư, guessed from the document"),
        "{a}"
    );
    let b = read("tin-cua-ha-nam-cu");
    assert!(
        b.contains("\nlocality: ninh-binh   # Ha Nam, guessed from the document"),
        "{b}"
    );
    let c = read("tin-khong-neu-noi-nao");
    assert!(!c.contains("\nlocality:"), "{c}");
    let check = site.bantin(&["check", "--drafts"]);
    assert_eq!(code(&check), 0, "{}", stderr(&check));
}

/// An .odt written by LibreOffice Writer (committed: the python-docx report above converted
/// with `soffice --headless --convert-to odt`, LibreOffice 7.4): the same structure, its
/// spanned cells as LibreOffice laid them out, its picture, its TCVN3 and VNI runs.
#[test]
fn a_libreoffice_document_imports_as_expected() {
    let site = Site::with_config();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let out = bin()
        .current_dir(&site.root)
        .arg("import")
        .arg(fixtures.join("lo-report.odt"))
        .output()
        .expect("run bantin import");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let folder = site
        .root
        .join("content/articles/bao-cao-ket-qua-dan-van-kheo-nam-2025");
    let markdown = std::fs::read_to_string(folder.join("index.md")).expect("the item");
    assert_eq!(markdown, include_str!("fixtures/import/lo-report.md"));
    assert!(
        std::fs::read(folder.join("anh-1.png"))
            .expect("the picture")
            .starts_with(b"\x89PNG")
    );
    site.build_with(|o| o.drafts = true);
    let page = site.html("articles/bao-cao-ket-qua-dan-van-kheo-nam-2025/index.html");
    assert_eq!(select(&page, ".content ol li").len(), 2);
    assert_eq!(select(&page, ".content img").len(), 1);
}

/// Headings, list items, table rows with text and pictures in a Markdown text (bantin's,
/// without its front matter, or pandoc's).
fn structure(markdown: &str) -> [usize; 4] {
    let body = match markdown.strip_prefix("---\n") {
        Some(rest) => rest.split_once("\n---\n").map_or(rest, |(_, body)| body),
        None => markdown,
    };
    let lines: Vec<&str> = body.lines().map(str::trim_start).collect();
    let count = |f: &dyn Fn(&str) -> bool| lines.iter().filter(|l| f(l)).count();
    let item = |l: &str| {
        l.starts_with("- ") || l.starts_with(|c: char| c.is_ascii_digit()) && l.contains(". ")
    };
    let row = |l: &str| l.starts_with('|') && l.chars().any(|c| !"|- :".contains(c));
    [
        count(&|l| l.starts_with('#')),
        count(&item),
        count(&row),
        count(&|l| l.contains("![") || l.contains("<img")),
    ]
}

/// Twelve reports as communes send them (python-docx: photos, tables, lists, one in TCVN3, one
/// in VNI) and two written by LibreOffice, imported as one folder: every one becomes a draft
/// that builds, in clean Unicode, with its pictures; each has at least the structure pandoc
/// finds in it.
#[test]
fn a_folder_of_a_dozen_reports_imports_into_items_that_build() {
    let site = Site::with_config();
    let inbox = site.base().join("bao-cao");
    if make("make_reports.py", &inbox).is_none() {
        return;
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for name in ["lo-plan.docx", "lo-report.odt"] {
        std::fs::copy(fixtures.join(name), inbox.join(name)).unwrap();
    }
    let out = bin()
        .current_dir(&site.root)
        .arg("import")
        .arg(&inbox)
        .output()
        .expect("run");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let made: Vec<String> = stdout(&out)
        .lines()
        .filter_map(|l| l.split(" → ").nth(1))
        .map(|l| l.split(' ').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(made.len(), 14, "{}", stdout(&out));
    let check = site.bantin(&["check", "--drafts"]);
    assert_eq!(code(&check), 0, "{}", stderr(&check));
    let mut pictures = 0;
    for item in &made {
        let path = site.root.join(item);
        let text = std::fs::read_to_string(&path).unwrap();
        // No byte of TCVN3 or VNI left as it was typed.
        for garbage in ["µ", "¸", "¨", "©", "Ð", "aù", "aø", "eâ", "oä", "ñ"] {
            assert!(!text.contains(garbage), "{item}: {garbage}\n{text}");
        }
        assert!(
            text.contains("\ndate: 2025-"),
            "{item}: the date line\n{text}"
        );
        pictures += std::fs::read_dir(path.parent().unwrap()).unwrap().count() - 1;
    }
    assert_eq!(pictures, 5, "four photos and the LibreOffice report's");
    // The signer, under the position or in the table beside the recipients, is the author;
    // the properties' "Admin" is not.
    for (slug, author) in [
        ("phuong-hoa-lu-doi-thoai-voi-nguoi-dan", "Đinh Thị Thu Hà"),
        (
            "mat-tran-giam-sat-trung-tam-phuc-vu-hanh-chinh-cong",
            "Lê Văn Khánh",
        ),
    ] {
        let path = site.root.join(format!("content/articles/{slug}/index.md"));
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(&format!("\nauthor: {author}\n")), "{text}");
    }
    let tcvn3 = std::fs::read_to_string(
        site.root
            .join("content/articles/bao-cao-cong-tac-dan-van-quy-iii/index.md"),
    )
    .unwrap();
    assert!(
        tcvn3.contains("Nhân dân hiến 1.200 mét vuông đất làm đường liên thôn."),
        "{tcvn3}"
    );
    let vni = std::fs::read_to_string(
        site.root
            .join("content/articles/thong-bao-lich-tiep-cong-dan-thang-12/index.md"),
    )
    .unwrap();
    assert!(
        vni.contains("title: \"Thông báo lịch tiếp công dân tháng 12\""),
        "{vni}"
    );

    // Next to pandoc, document by document.
    if Command::new("pandoc").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must compare with pandoc: install pandoc"
        );
        return;
    }
    let mut documents: Vec<PathBuf> = std::fs::read_dir(&inbox)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    documents.sort();
    for (document, item) in documents.iter().zip(&made) {
        let theirs = Command::new("pandoc")
            .arg(document)
            .args(["-t", "gfm"])
            .output()
            .unwrap();
        let theirs = structure(&String::from_utf8_lossy(&theirs.stdout));
        let ours = structure(&std::fs::read_to_string(site.root.join(item)).unwrap());
        eprintln!(
            "{}: bantin {ours:?} pandoc {theirs:?} (headings, list items, table rows, pictures)",
            document.display()
        );
        // pandoc makes the title a heading; bantin keeps it in the front matter.
        assert!(
            ours[0] + 1 >= theirs[0] && ours.iter().zip(&theirs).skip(1).all(|(o, t)| o >= t),
            "{}: bantin {ours:?}, pandoc {theirs:?}",
            document.display()
        );
    }
}

/// A report with tracked changes and a comment, written by pandoc (its Word writer makes
/// revisions from `.insertion`/`.deletion` spans: tests/fixtures/import/tracked.md) and the
/// same report saved by LibreOffice as .odt (lo-tracked.odt): the accepted text comes in, the
/// deleted words and the comment do not, both are reported, and the signer is the author.
#[test]
fn tracked_changes_give_the_accepted_text_and_are_reported_with_the_comments() {
    let site = Site::with_config();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let docx = site.base().join("tracked.docx");
    let made = Command::new("pandoc")
        .arg(fixtures.join("tracked.md"))
        .arg("-o")
        .arg(&docx)
        .output();
    let mut documents = vec![fixtures.join("lo-tracked.odt")];
    match made {
        Ok(made) if made.status.success() => documents.push(docx),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must make the tracked-changes report: install pandoc"
            );
            eprintln!("no pandoc: only the LibreOffice report with tracked changes is imported");
        }
    }
    for document in documents {
        let out = bin()
            .current_dir(&site.root)
            .arg("import")
            .arg(&document)
            .output()
            .expect("run bantin import");
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let said = stdout(&out);
        for note in [
            "tracked changes: the accepted text was taken",
            "comments were left out",
            "author “Hoàng Văn Sơn” from the signature",
        ] {
            assert!(
                said.contains(note),
                "{}: {note}\n{said}",
                document.display()
            );
        }
        let item = site
            .root
            .join("content/articles/bao-cao-so-ket-mo-hinh-khu-dan-cu-tu-quan/index.md");
        let markdown = std::fs::read_to_string(&item).expect("the item");
        assert!(markdown.contains("\nauthor: Hoàng Văn Sơn\n"), "{markdown}");
        assert!(
            markdown.contains("Xã đã vận động ba trăm hai mươi hộ đăng ký tham gia mô hình."),
            "the insertion kept, the deletion gone:\n{markdown}"
        );
        assert!(
            markdown.contains("Ban công tác Mặt trận xem lại con số này mỗi tháng"),
            "the comment's words are not in the text:\n{markdown}"
        );
        assert!(!markdown.contains("bị xóa"), "{markdown}");
        std::fs::remove_dir_all(item.parent().unwrap()).unwrap();
    }
}
