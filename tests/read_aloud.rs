//! The loudspeaker edition: every bulletin's read-aloud page and .txt, `bantin read-aloud`
//! with and without espeak-ng, and the number speller next to an independent one (Debian's
//! python3-num2words). The espeak-ng and num2words tests skip when those are absent, except
//! in CI (`CI` set), which installs them.

mod common;

use common::*;
use std::process::Command;

const ITEM: &str = "Ngày 15/11/2025, UBND xã tổng kết phong trào theo Nghị quyết số 18-NQ/TW, có 85% hộ tham gia[^1].\n\n![Ảnh hội nghị](https://example.org/anh.png)\n\n## Kết quả\n\n| Lĩnh vực | Đăng ký | Công nhận |\n|---|---|---|\n| Kinh tế | 5 | 3 |\n| Văn hóa - xã hội | 2 | 1 |\n\n- làm mới 3.200 m² đường;\n- quỹ 62 triệu đồng.\n\n> Dân biết, dân bàn, dân làm.\n\nXem [trang của xã](https://example.org/xa) và https://youtu.be/Xh7Qm2pD4sA.\n\nhttps://youtu.be/Xh7Qm2pD4sA\n\n```\nmã 123\n```\n\nKDC số 4 có 1.179 nhân khẩu.\n\n[^1]: Số liệu của Ban Dân vận.\n";

fn site() -> Site {
    Site::with_config()
        .file(
            "content/articles/tong-ket.md",
            md("title: Xã tổng kết Dân vận khéo\ndate: 2025-11-15", ITEM),
        )
        .file(
            "content/bulletins/so-3.md",
            md(
                "title: Bản tin Dân vận\ndate: 2025-11-20\nnumber: 3\nitems:\n  - articles/tong-ket",
                "Thân gửi bà con.\n",
            ),
        )
        .file("data/abbreviations.yaml", "vi:\n  KDC: khu dân cư\n")
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.is_empty()).collect()
}

#[test]
fn a_bulletin_has_a_read_aloud_page_and_text_written_to_be_said() {
    let site = site();
    site.build();
    let said = site.read("bulletins/so-3/read-aloud/so-3.txt");
    assert_eq!(
        lines(&said),
        [
            "Sau đây là Bản tin Dân vận số ba, ra ngày hai mươi tháng mười một năm hai nghìn không trăm hai mươi lăm.",
            "Thân gửi bà con.",
            "Tin số một: Xã tổng kết Dân vận khéo.",
            "Ngày mười lăm tháng mười một năm hai nghìn không trăm hai mươi lăm, Ủy ban nhân dân xã tổng kết phong trào theo Nghị quyết số mười tám của Ban Chấp hành Trung ương, có tám mươi lăm phần trăm hộ tham gia.",
            "Tiếp theo: Kết quả.",
            "Kinh tế: đăng ký năm, công nhận ba.",
            "Văn hóa - xã hội: đăng ký hai, công nhận một.",
            "Làm mới ba nghìn hai trăm mét vuông đường.",
            "Quỹ sáu mươi hai triệu đồng.",
            "“Dân biết, dân bàn, dân làm.”",
            "Xem trang của xã.",
            "Khu dân cư số bốn có một nghìn một trăm bảy mươi chín nhân khẩu.",
            "Bản tin Dân vận số ba đến đây là hết. Xin cảm ơn bà con đã lắng nghe.",
        ]
    );
    let page = site.html("bulletins/so-3/read-aloud/index.html");
    let script: Vec<String> = select(&page, ".read-aloud-script p")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(script, lines(&said));
    assert_eq!(
        hrefs(&page, ".read-aloud-links a"),
        [
            "/sub/bulletins/so-3/read-aloud/so-3.txt",
            "/sub/bulletins/so-3/"
        ]
    );
    let total = text_of(&page, ".read-aloud .meta");
    let minutes = said.split_whitespace().count().div_ceil(130);
    assert!(
        total.contains(&format!("khoảng {minutes} phút")) && total.contains("130 từ một phút"),
        "{total}"
    );
    assert_eq!(
        select(&page, ".read-aloud-part h2")
            .into_iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["Xã tổng kết Dân vận khéo (khoảng 1 phút)"]
    );
    // The bulletin's page links to it; the sitemap does not list it.
    let bulletin = site.html("bulletins/so-3/index.html");
    assert!(
        hrefs(&bulletin, ".print-link a").contains(&"/sub/bulletins/so-3/read-aloud/".to_string())
    );
    assert!(!site.read("sitemap.xml").contains("read-aloud"));
}

fn text_of(doc: &scraper::Html, css: &str) -> String {
    text(one(doc, css))
}

/// Every bulletin of the example site, in Vietnamese: no digit, no address, no abbreviation
/// of the glossary left, and every one of its items read.
#[test]
fn the_example_bulletins_read_aloud_without_digits_abbreviations_or_addresses() {
    let repo = env!("CARGO_MANIFEST_DIR");
    let out = tempfile::tempdir().expect("temp dir");
    let built = bin()
        .args(["build", "--source", repo, "--output"])
        .arg(out.path())
        .output()
        .expect("bantin build");
    assert!(built.status.success(), "{}", stderr(&built));
    let glossary = bantin::speech::glossary::Glossary::load(std::path::Path::new(repo))
        .expect("the example's glossary");
    let abbreviations: Vec<&str> = glossary.abbreviations("vi").collect();
    let mut read = 0;
    for bulletin in ["ban-tin-dan-van-so-1", "ban-tin-dan-van-so-2"] {
        let file = out
            .path()
            .join(format!("bulletins/{bulletin}/read-aloud/{bulletin}.txt"));
        let text = std::fs::read_to_string(&file).expect("the read-aloud text");
        assert!(
            !text.chars().any(|c| c.is_ascii_digit()),
            "a digit in {bulletin}:\n{text}"
        );
        assert!(
            !text.contains("://") && !text.contains("www."),
            "{bulletin}"
        );
        for word in text.split(|c: char| c.is_whitespace() || ",.;:()“”\"!?".contains(c)) {
            assert!(!abbreviations.contains(&word), "{word} left in {bulletin}");
        }
        assert!(text.contains("Tin số một:") && text.contains("đến đây là hết"));
        read += 1;
    }
    assert_eq!(read, 2);
}

/// `bantin read-aloud` prints the script; with `--audio`, espeak-ng speaks it into a WAV file
/// whose length is within 30% of the reading time the script announces.
#[test]
fn read_aloud_prints_the_script_and_speaks_it_into_a_wav_file() {
    let site = site();
    let out = site.bantin(&["read-aloud", "so-3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    site.build();
    assert_eq!(
        stdout(&out),
        site.read("bulletins/so-3/read-aloud/so-3.txt")
    );
    assert!(
        stderr(&out).contains("at 130 words a minute"),
        "{}",
        stderr(&out)
    );

    let espeak = Command::new("espeak-ng").arg("--version").output().is_ok();
    if !espeak {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install espeak-ng"
        );
        eprintln!("no espeak-ng: the recording is not tested");
        return;
    }
    // A longer script, for a length that means something: the example's first bulletin.
    let repo = env!("CARGO_MANIFEST_DIR");
    let wav = site.base().join("so-1.wav");
    let out = bin()
        .args([
            "read-aloud",
            "ban-tin-dan-van-so-1",
            "--source",
            repo,
            "--audio",
        ])
        .arg(&wav)
        .output()
        .expect("bantin read-aloud");
    assert!(out.status.success(), "{}", stderr(&out));
    let words = stdout(&out).split_whitespace().count();
    let estimate = words as f64 * 60.0 / 130.0;
    let bytes = std::fs::read(&wav).expect("the WAV file");
    let seconds = bantin::loudspeaker::wav_seconds(&bytes).expect("a WAV file");
    assert!(
        (seconds / estimate - 1.0).abs() <= 0.3,
        "{seconds:.0} s of sound for {words} words, {estimate:.0} s at 130 words a minute"
    );
    assert!(
        stderr(&out).contains(&format!("{} s of sound", seconds.round())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn without_espeak_the_script_is_printed_and_the_message_says_how_to_install_it() {
    let site = site();
    let empty = tempfile::tempdir().expect("temp dir");
    let out = bin()
        .current_dir(&site.root)
        .env("PATH", empty.path())
        .args(["read-aloud", "so-3", "--audio", "so-3.wav"])
        .output()
        .expect("bantin read-aloud");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("apt-get install espeak-ng"),
        "{}",
        stderr(&out)
    );
}

/// A language without number rules keeps its digits, and says so.
#[test]
fn a_language_without_number_rules_keeps_digits_and_warns() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: Xov xwm\nbase_url: https://example.org/\ndefault_language: hmn\nlanguages:\n  - code: hmn\n    name: Hmoob\n",
        )
        .file("content/articles/a.md", md("title: Tsab xov\ndate: 2025-11-15", "Xyoo 2025 muaj 85% tuaj.\n"))
        .file(
            "content/bulletins/b.md",
            md("title: Ntawv xov xwm\ndate: 2025-11-20\nnumber: 1\nitems:\n  - articles/a", "\n"),
        );
    let out = site.bantin(&["read-aloud", "b"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Xyoo 2025 muaj 85% tuaj."),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("left as digits"), "{}", stderr(&out));
}

/// The speller next to num2words (Debian's python3-num2words), on 0..2,000 and a spread of
/// larger numbers. Where the two differ by convention, the comparison says which: bantin
/// says "hai mươi tư" (num2words "hai mươi bốn"; both are heard, "tư" on the radio), and
/// reads a zero hundreds after a higher group ("một nghìn không trăm lẻ năm", where
/// num2words drops it, and even writes 2025 as "hai nghìn lẻ hai mươi lăm"); English
/// without "and" and commas; French alike.
#[test]
fn the_number_speller_agrees_with_num2words() {
    let python = "/usr/bin/python3";
    let has = Command::new(python)
        .args(["-c", "import num2words"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install python3-num2words"
        );
        eprintln!("no num2words: the speller is not compared");
        return;
    }
    let mut numbers: Vec<u64> = (0..2000).collect();
    numbers.extend((1..400).map(|k| k * 7919 % 10_000_000));
    numbers.extend([
        1_000_000,
        62_000_000,
        1_250_000,
        1_000_000_000,
        2_500_000_000,
    ]);
    let list = numbers
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    for lang in ["vi", "en", "fr"] {
        let script = format!(
            "from num2words import num2words\nfor n in [{list}]: print(num2words(n, lang='{lang}'))"
        );
        let out = Command::new(python)
            .args(["-c", &script])
            .output()
            .expect("python");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let theirs = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut compared = 0;
        for (n, their) in numbers.iter().zip(theirs.lines()) {
            let ours = bantin::speech::numbers::integer(*n, lang).expect("spoken");
            let (ours, their) = match lang {
                "vi" => {
                    // A zero hundreds inside the number: conventions differ (see above).
                    let groups: Vec<u64> = (0..4).map(|g| n / 1000u64.pow(g) % 1000).collect();
                    let inner_zero = groups
                        .iter()
                        .enumerate()
                        .any(|(g, v)| *v < 100 && n / 1000u64.pow(g as u32 + 1) > 0 && *v > 0);
                    if inner_zero || *n >= 1_000_000_000 {
                        continue;
                    }
                    (ours.replace("mươi tư", "mươi bốn"), their.to_string())
                }
                "en" => (ours, their.replace(" and", "").replace(',', "")),
                _ => (
                    ours,
                    their.replace("et-un", "et un").replace("-et-", " et "),
                ),
            };
            assert_eq!(ours, their, "{n} in {lang}");
            compared += 1;
        }
        assert!(compared > 1000, "{lang}: {compared} compared");
    }
}
