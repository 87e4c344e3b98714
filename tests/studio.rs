//! `bantin studio` (issue 16) through the binary, as a browser uses it: the list, the form of
//! an item read back the way a browser submits it, saving that changes only the edited line,
//! conflicts when the file changed on disk, a new item, and every refusal (wrong Host, no or
//! a wrong CSRF token, paths outside content/, another address without a password, the
//! password's login).

mod common;

use common::{LOCALITIES, SITE_YAML_VI_EN, Site, bin};
use scraper::{Html, Selector};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const ARTICLE: &str = "---\n# Bài của xã, viết tay\ntitle: Dân vận khéo ở Hà Nam\ndate: 2025-03-01\ntopics: [dân vận khéo, nông thôn mới]\n# summary: \n---\n\nNgười dân cùng làm đường.\n\n## Kết quả\n\nBa cây số đường mới.\n";
const PATH: &str = "content/articles/dan-van-kheo.md";

struct Studio {
    child: Child,
    addr: String,
    cookie: String,
    site: Site,
}

impl Drop for Studio {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: HashMap<String, String>,
    body: String,
}

fn site() -> Site {
    Site::new()
        .file("site.yaml", SITE_YAML_VI_EN)
        .file("data/localities.yaml", LOCALITIES)
        .file(PATH, ARTICLE)
        .file(
            "content/articles/ban-tin-khac.md",
            "---\ntitle: Tin khác\ndate: 2025-02-01\n---\n\nMột đoạn.\n",
        )
}

fn start(site: Site, args: &[&str], password: Option<&str>) -> Studio {
    let mut command = bin();
    command
        .args(["studio", "--port", "0"])
        .args(args)
        .current_dir(&site.root)
        .env("TMPDIR", site.base())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    match password {
        Some(p) => command.env("BANTIN_STUDIO_PASSWORD", p),
        None => command.env_remove("BANTIN_STUDIO_PASSWORD"),
    };
    let mut child = command.spawn().expect("start bantin studio");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut addr = String::new();
    for line in lines.by_ref().map_while(Result::ok) {
        if let Some(rest) = line.strip_prefix("bantin: studio at http://") {
            addr = rest.split('/').next().unwrap_or_default().to_string();
        }
        if line.starts_with("bantin: built") {
            break;
        }
    }
    assert!(!addr.is_empty(), "bantin studio started");
    std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
    Studio {
        child,
        addr,
        cookie: String::new(),
        site,
    }
}

impl Studio {
    /// A request as a browser sends it (Host of the studio, the session cookie once there is
    /// one); `extra` replaces nothing, it adds header lines.
    fn send(&mut self, method: &str, target: &str, body: &str, extra: &str) -> Reply {
        let host = self.addr.clone();
        self.send_as(&host, method, target, body, extra)
    }

    fn send_as(
        &mut self,
        host: &str,
        method: &str,
        target: &str,
        body: &str,
        extra: &str,
    ) -> Reply {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let cookie = if self.cookie.is_empty() {
            String::new()
        } else {
            format!("Cookie: {}\r\n", self.cookie)
        };
        let form = if body.is_empty() {
            String::new()
        } else {
            "Content-Type: application/x-www-form-urlencoded\r\n".to_string()
        };
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {host}\r\n{cookie}{form}{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("send");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read the reply");
        let reply = parse(&bytes);
        if let Some(set) = reply.headers.get("set-cookie") {
            self.cookie = set.split(';').next().unwrap_or_default().to_string();
        }
        reply
    }

    fn get(&mut self, target: &str) -> Reply {
        self.send("GET", target, "", "")
    }

    /// The edit form of `path` as a browser would submit it unchanged.
    fn form(&mut self, path: &str) -> Vec<(String, String)> {
        let page = self.get(&format!("/__bantin/studio/edit?path={}", encode(path)));
        assert_eq!(page.status, 200, "{}", page.body);
        form_fields(&page.body, "form.fields")
    }

    fn save(&mut self, fields: &[(String, String)]) -> Reply {
        self.send("POST", "/__bantin/studio/save", &encoded(fields), "")
    }
}

fn parse(bytes: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("an HTTP reply");
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let body = if headers
        .get("transfer-encoding")
        .is_some_and(|t| t == "chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A form's fields as a browser sends them (`application/x-www-form-urlencoded`).
fn encoded(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .map(|(n, v)| format!("{}={}", encode(n), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The successful controls of a form, in order, as the HTML parser sees them (a textarea's
/// first newline dropped, as browsers do); line breaks sent as CRLF, as browsers do.
fn form_fields(html: &str, form: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    let form = doc
        .select(&Selector::parse(form).expect("selector"))
        .next()
        .expect("the form");
    let controls = Selector::parse("input, textarea, select").expect("selector");
    let mut fields = Vec::new();
    for control in form.select(&controls) {
        let el = control.value();
        let Some(name) = el.attr("name") else {
            continue;
        };
        let value = match el.name() {
            "textarea" => control.text().collect::<String>().replace('\n', "\r\n"),
            "select" => control
                .select(&Selector::parse("option[selected]").expect("selector"))
                .next()
                .and_then(|o| o.value().attr("value"))
                .unwrap_or("")
                .to_string(),
            _ if el.attr("type") == Some("checkbox") => match el.attr("checked") {
                Some(_) => "on".to_string(),
                None => continue,
            },
            _ => el.attr("value").unwrap_or("").to_string(),
        };
        fields.push((name.to_string(), value));
    }
    fields
}

/// A file of the site (not of its output).
fn source(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn value(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    let field = fields
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no field {name}"));
    field.1 = value.to_string();
}

/// Waits until the preview serves `path` with `text` in it.
fn wait_for(studio: &mut Studio, path: &str, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let page = studio.get(path);
        if page.status == 200 && page.body.contains(text) {
            return;
        }
        assert!(Instant::now() < deadline, "{path} never showed {text:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_list_finds_items_by_unaccented_words_and_marks_drafts_and_missing_translations() {
    let mut studio = start(
        site()
            .file(
                "content/articles/nhap.md",
                "---\ntitle: Bản nháp về Ninh Bình\ndate: 2025-04-01\nlocality: ninh-binh\ndraft: true\n---\n\nx\n",
            )
            .file(
                "content/articles/ban-tin-khac.en.md",
                "---\ntitle: Other news\ndate: 2025-01-01\n---\n\nA paragraph.\n",
            ),
        &[],
        None,
    );
    // An English version older than its original is marked, as `check --translations` says.
    let english = studio.get("/__bantin/studio/?lang=en");
    assert!(english.headers["set-cookie"].contains("HttpOnly"));
    assert!(english.headers["set-cookie"].contains("SameSite=Strict"));
    assert!(english.body.contains("Other news"));
    assert!(english.body.contains("Cũ hơn bản gốc"), "{}", english.body);
    let list = studio.get("/__bantin/studio/?q=ha+nam");
    assert_eq!(list.status, 200);
    let doc = Html::parse_document(&list.body);
    let titles: Vec<String> = doc
        .select(&Selector::parse(".items .title").expect("selector"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(titles, ["Dân vận khéo ở Hà Nam"]);
    // Every item is listed in Vietnamese (the site's language) and lacks its English version.
    assert!(list.body.contains("Chưa có bản en"), "{}", list.body);
    let drafts = studio.get("/__bantin/studio/?draft=yes");
    assert!(drafts.body.contains("Bản nháp về Ninh Bình"));
    assert!(!drafts.body.contains("Tin khác"));
    // Filters by topic and by locality, the localities by their names.
    let titles_of = |body: &str| -> Vec<String> {
        let doc = Html::parse_document(body);
        let titles = Selector::parse(".items .title").expect("selector");
        doc.select(&titles).map(|a| a.text().collect()).collect()
    };
    let topic = studio.get("/__bantin/studio/?topic=n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi");
    assert_eq!(titles_of(&topic.body), ["Dân vận khéo ở Hà Nam"]);
    let place = studio.get("/__bantin/studio/?locality=ninh-binh");
    assert_eq!(titles_of(&place.body), ["Bản nháp về Ninh Bình"]);
    assert!(
        place
            .body
            .contains("<option value=\"ninh-binh\" selected>Ninh Bình</option>"),
        "{}",
        place.body
    );
    // The studio's pages are made in memory: never in the output.
    let out = std::fs::read_dir(studio.site.base())
        .expect("tmp")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("bantin-serve-"))
        .expect("the preview folder");
    assert!(!out.path().join("__bantin").exists());
}

#[test]
fn saving_a_field_changes_only_its_line_and_the_preview_follows() {
    let mut studio = start(site(), &[], None);
    let mut fields = studio.form(PATH);
    // The locality picker: typing "ha nam" (no tone marks) finds the former province, which
    // says what it is part of now.
    let page = studio.get(&format!("/__bantin/studio/edit?path={}", encode(PATH)));
    let doc = Html::parse_document(&page.body);
    let label = doc
        .select(&Selector::parse("#bantin-localities option[value=ha-nam]").expect("selector"))
        .next()
        .and_then(|o| o.value().attr("label"))
        .unwrap_or_default()
        .to_string();
    assert!(
        label.contains("(ha nam)") && label.contains("Ninh Bình"),
        "{label}"
    );
    assert!(page.body.contains("list=\"bantin-localities\""));
    // The form is made from the content model: an article's keys, `title` and `date` required.
    let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
    for key in [
        "f.title",
        "f.date",
        "f.topics",
        "f.locality",
        "f.author",
        "body",
    ] {
        assert!(names.contains(&key), "{key} in {names:?}");
    }
    // Saved unchanged, the file is not touched at all.
    let unchanged = studio.save(&fields);
    assert_eq!(unchanged.status, 303, "{}", unchanged.body);
    assert_eq!(source(&studio.site, PATH), ARTICLE);

    set(&mut fields, "f.title", "Dân vận khéo: Hà Nam làm đường");
    let saved = studio.save(&fields);
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert!(saved.headers["location"].contains("saved=1"));
    assert_eq!(
        std::fs::read_to_string(studio.site.root.join(PATH)).expect("the file"),
        ARTICLE.replace(
            "title: Dân vận khéo ở Hà Nam",
            "title: \"Dân vận khéo: Hà Nam làm đường\""
        ),
        "only the title line changes, the comments, the flow list and the body stay"
    );
    wait_for(&mut studio, "/articles/dan-van-kheo/", "Hà Nam làm đường");

    // A placeholder comment becomes the key; a body edit keeps the front matter.
    let mut fields = studio.form(PATH);
    set(&mut fields, "f.summary", "Ba cây số đường mới.");
    let body = value(&fields, "body");
    set(
        &mut fields,
        "body",
        &body.replace("Ba cây số", "Bốn cây số"),
    );
    assert_eq!(studio.save(&fields).status, 303);
    let text = std::fs::read_to_string(studio.site.root.join(PATH)).expect("the file");
    assert!(
        text.contains("\nsummary: Ba cây số đường mới.\n---\n"),
        "{text}"
    );
    assert!(text.ends_with("\n\nBốn cây số đường mới.\n"), "{text}");
    assert!(!text.contains('\r'));
}

#[test]
fn a_file_changed_on_disk_since_it_was_opened_gives_a_conflict_never_an_overwrite() {
    let mut studio = start(site(), &[], None);
    let mut fields = studio.form(PATH);
    let theirs = ARTICLE.replace("Người dân cùng làm đường.", "Một người khác đã sửa.");
    studio.site.write(PATH, &theirs);
    set(&mut fields, "f.title", "Tiêu đề của tôi");
    let reply = studio.save(&fields);
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert!(
        reply.body.contains("Một người khác đã sửa."),
        "the version on disk is shown"
    );
    assert!(reply.body.contains("Tiêu đề của tôi"), "and mine");
    assert_eq!(source(&studio.site, PATH), theirs, "nothing was saved");
    // "Save mine over it" sends my whole text against the version now on disk.
    let mine = form_fields(&reply.body, "form");
    assert_eq!(studio.save(&mine).status, 303);
    let text = source(&studio.site, PATH);
    assert!(text.contains("Tiêu đề của tôi") && text.contains("Một người khác đã sửa."));
}

#[test]
fn a_new_item_gets_a_vietnamese_slug_and_is_a_draft() {
    let mut studio = start(site(), &[], None);
    let list = studio.get("/__bantin/studio/");
    let mut fields = form_fields(&list.body, "details.new form");
    set(&mut fields, "title", "Đổi mới công tác dân vận");
    let body = encoded(&fields);
    let reply = studio.send("POST", "/__bantin/studio/new", &body, "");
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert!(reply.headers["location"].contains("content%2Farticles%2Fdoi-moi-cong-tac-dan-van.md"));
    let new = "content/articles/doi-moi-cong-tac-dan-van.md";
    let text = source(&studio.site, new);
    assert!(text.contains("title: \"Đổi mới công tác dân vận\"") && text.contains("draft: true"));
    // "Publish" on the draft's form: the same save, with the draft mark taken out.
    let mut fields = studio.form(new);
    assert_eq!(value(&fields, "f.draft"), "on");
    fields.push(("publish".into(), "1".into()));
    let reply = studio.save(&fields);
    assert_eq!(reply.status, 303, "{}", reply.body);
    let published = source(&studio.site, new);
    assert!(!published.contains("draft"), "{published}");
    let without_draft: String = text
        .split_inclusive('\n')
        .filter(|line| !line.starts_with("draft:"))
        .collect();
    assert_eq!(published, without_draft);
}

#[test]
fn wrong_host_missing_token_and_paths_outside_content_are_refused() {
    let mut studio = start(site(), &[], None);
    // DNS rebinding: a page of evil.example that resolves to 127.0.0.1 names its own host.
    let port = studio
        .addr
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_string();
    let rebound = studio.send_as(
        &format!("evil.example:{port}"),
        "GET",
        "/__bantin/studio/",
        "",
        "",
    );
    assert_eq!(rebound.status, 403);
    let mut fields = studio.form(PATH);
    set(&mut fields, "f.title", "Bị giả mạo");
    for (name, value) in [("csrf", ""), ("csrf", "0000")] {
        let mut forged = fields.clone();
        set(&mut forged, name, value);
        assert_eq!(studio.save(&forged).status, 403);
    }
    // Another browser (no cookie) with a token copied from this one's page.
    let cookie = std::mem::take(&mut studio.cookie);
    assert_eq!(studio.save(&fields).status, 403);
    studio.cookie = cookie;
    assert_eq!(source(&studio.site, PATH), ARTICLE, "nothing was written");
    for bad in [
        "site.yaml",
        "content/../site.yaml",
        "/etc/passwd",
        "content/articles/x.txt",
        "content\\articles\\a.md",
    ] {
        let page = studio.get(&format!("/__bantin/studio/edit?path={}", encode(bad)));
        assert_eq!(page.status, 400, "{bad}");
        let mut moved = fields.clone();
        set(&mut moved, "path", bad);
        assert_eq!(studio.save(&moved).status, 400, "{bad}");
    }
    assert!(!source(&studio.site, "site.yaml").contains("Bị giả mạo"));
}

#[test]
fn another_address_needs_a_password_and_the_password_a_login() {
    let site = site();
    let refused = bin()
        .args(["studio", "--port", "0", "--bind", "0.0.0.0"])
        .current_dir(&site.root)
        .env_remove("BANTIN_STUDIO_PASSWORD")
        .output()
        .expect("run bantin studio");
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("BANTIN_STUDIO_PASSWORD"), "{message}");

    let mut studio = start(site, &[], Some("mat-khau-dai"));
    assert_eq!(studio.get("/__bantin/studio/").status, 401);
    let wrong = studio.send("POST", "/__bantin/studio/login", "password=sai", "");
    assert_eq!(wrong.status, 401);
    assert!(studio.cookie.is_empty());
    let right = studio.send(
        "POST",
        "/__bantin/studio/login",
        "password=mat-khau-dai",
        "",
    );
    assert_eq!(right.status, 303);
    assert!(!studio.cookie.is_empty());
    assert_eq!(studio.get("/__bantin/studio/").status, 200);
}

/// The password kept in site.yaml as a hash (`bantin studio --hash-password`), never in clear.
#[test]
fn a_hashed_password_in_site_yaml_lets_the_studio_listen_beyond_this_computer() {
    let site = site();
    let mut hashing = bin()
        .args(["studio", "--hash-password"])
        .current_dir(&site.root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bantin studio --hash-password");
    hashing
        .stdin
        .take()
        .expect("stdin")
        .write_all("mật khẩu của xã\n".as_bytes())
        .expect("type the password");
    let out = hashing.wait_with_output().expect("hashed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(line.starts_with("studio_password: \"$argon2id$"), "{line}");
    assert!(!line.contains("mật khẩu"));

    // A password in clear where the hash goes is refused, with the way to make one.
    let yaml = SITE_YAML_VI_EN.to_string();
    site.write(
        "site.yaml",
        format!("{yaml}studio_password: mật khẩu của xã\n"),
    );
    let said = site.bantin(&["check"]);
    assert!(String::from_utf8_lossy(&said.stderr).contains("--hash-password"));

    site.write("site.yaml", format!("{yaml}{line}\n"));
    let mut studio = start(site, &["--bind", "0.0.0.0"], None);
    assert_eq!(studio.get("/__bantin/studio/").status, 401);
    let wrong = studio.send("POST", "/__bantin/studio/login", "password=mat+khau", "");
    assert_eq!(wrong.status, 401);
    let body = format!("password={}", encode("mật khẩu của xã"));
    let right = studio.send("POST", "/__bantin/studio/login", &body, "");
    assert_eq!(right.status, 303);
    assert_eq!(studio.get("/__bantin/studio/").status, 200);
}

#[test]
fn the_preview_follows_the_unsaved_form_and_reports_its_problems_where_they_are() {
    let mut studio = start(site(), &[], None);
    let mut fields = studio.form(PATH);
    let body = value(&fields, "body");
    set(
        &mut fields,
        "body",
        &format!("{body}\r\nMột câu **mới** chưa lưu.\r\n"),
    );
    set(&mut fields, "f.title", "Tiêu đề đang gõ");
    let preview = studio.send("POST", "/__bantin/studio/preview", &encoded(&fields), "");
    assert_eq!(preview.status, 200, "{}", preview.body);
    // The real page: the site's templates, with the typed title and body.
    let doc = Html::parse_document(&preview.body);
    let h1: String = doc
        .select(&Selector::parse("h1").expect("selector"))
        .next()
        .map(|h| h.text().collect())
        .unwrap_or_default();
    assert_eq!(h1, "Tiêu đề đang gõ");
    assert!(
        preview
            .body
            .contains("Một câu <strong>mới</strong> chưa lưu.")
    );
    assert!(preview.body.contains("Trang chủ") || preview.body.contains("<nav"));
    assert_eq!(
        source(&studio.site, PATH),
        ARTICLE,
        "a preview saves nothing"
    );
    // The page served is still the saved one.
    assert!(
        !studio
            .get("/articles/dan-van-kheo/")
            .body
            .contains("Tiêu đề đang gõ")
    );

    set(&mut fields, "f.date", "2025-02-30");
    let broken = studio.send("POST", "/__bantin/studio/preview", &encoded(&fields), "");
    assert_eq!(broken.status, 422);
    let problems: serde_json::Value = serde_json::from_str(&broken.body).expect("JSON");
    assert_eq!(problems[0]["key"], "date", "{problems}");
    let message = problems[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("content/articles/dan-van-kheo.md:4:7: `date`"),
        "{message}"
    );
    // The same mistake saved: the build's message is beside the field, which is marked.
    studio
        .site
        .write(PATH, ARTICLE.replace("2025-03-01", "2025-02-30"));
    let deadline = Instant::now() + Duration::from_secs(10);
    let page = loop {
        let page = studio.get(&format!("/__bantin/studio/edit?path={}", encode(PATH)));
        if page.body.contains("aria-invalid") || Instant::now() > deadline {
            break page;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let doc = Html::parse_document(&page.body);
    let beside: String = doc
        .select(&Selector::parse("#bantin-problem-date").expect("selector"))
        .next()
        .map(|e| e.text().collect())
        .unwrap_or_default();
    assert!(beside.contains(":4:7: `date`"), "{beside}");
    let date_input = doc
        .select(&Selector::parse("input[name='f.date']").expect("selector"))
        .next()
        .expect("the date field");
    assert_eq!(date_input.value().attr("aria-invalid"), Some("true"));
    assert_eq!(
        date_input.value().attr("aria-describedby"),
        Some("bantin-problem-date")
    );
    // Without the session's token, no preview either.
    set(&mut fields, "csrf", "");
    let forged = studio.send("POST", "/__bantin/studio/preview", &encoded(&fields), "");
    assert_eq!(forged.status, 403);
}

#[test]
fn typing_in_the_browser_updates_the_preview_and_save_writes_the_file() {
    let Some(tools) = common::browser_tools() else {
        return;
    };
    let studio = start(site(), &[], None);
    let url = format!(
        "http://{}/__bantin/studio/edit?path={}",
        studio.addr,
        encode(PATH)
    );
    let picture = studio.site.base().join("Ảnh hội nghị.png");
    std::fs::write(&picture, common::png(64, 48)).expect("a picture");
    let result = common::run_browser_script(
        "studio_edit.mjs",
        &[&url, tools, &picture.to_string_lossy()],
    );
    assert_eq!(result["before"], "Dân vận khéo ở Hà Nam", "{result}");
    assert_eq!(result["titleInvalid"], "true", "{result}");
    assert!(
        result["bodyAfterToolbar"].as_str().is_some_and(
            |b| b.ends_with("Một đoạn vừa gõ.\n[Tin khác](../articles/ban-tin-khac.md)****")
        ),
        "{result}"
    );
    assert!(
        result["titleProblem"]
            .as_str()
            .is_some_and(|p| p.starts_with("content/articles/dan-van-kheo.md:")),
        "{result}"
    );
    assert!(result["typedToPreviewMs"].as_u64().is_some(), "{result}");
    assert_eq!(result["outside"], serde_json::json!([]), "{result}");
    assert_eq!(result["scrollWidth"], 360, "{result}");
    // The item became a bundle for its picture, and the text got the picture where the
    // cursor was.
    assert_eq!(
        result["pathAfterPicture"],
        "content/articles/dan-van-kheo/index.md"
    );
    assert!(!studio.site.root.join(PATH).exists());
    let bundle = "content/articles/dan-van-kheo";
    assert_eq!(
        std::fs::read(studio.site.root.join(bundle).join("anh-hoi-nghi.png")).expect("stored"),
        common::png(64, 48)
    );
    let text = source(&studio.site, &format!("{bundle}/index.md"));
    assert!(text.contains("title: Tiêu đề gõ trong studio\n"), "{text}");
    assert!(
        text.contains(
            "Ba cây số đường mới.\n\nMột đoạn vừa gõ.\n[Tin khác](../../articles/ban-tin-khac.md)"
        ) && text.contains("![Người dân làm đường](anh-hoi-nghi.png)"),
        "{text}"
    );
    assert!(text.contains("# Bài của xã, viết tay\n") && text.contains("# summary: \n"));
    eprintln!(
        "studio: typed to preview in {} ms",
        result["typedToPreviewMs"]
    );
}

#[test]
fn translate_makes_a_draft_translation_with_the_neutral_fields_and_opens_it() {
    let mut studio = start(site(), &[], None);
    let page = studio.get(&format!("/__bantin/studio/edit?path={}", encode(PATH)));
    let fields = form_fields(&page.body, "div.translate form");
    assert_eq!(value(&fields, "lang"), "en");
    let body = encoded(&fields);
    let reply = studio.send("POST", "/__bantin/studio/translate", &body, "");
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert!(reply.headers["location"].ends_with("content%2Farticles%2Fdan-van-kheo.en.md"));
    let text = source(&studio.site, "content/articles/dan-van-kheo.en.md");
    assert_eq!(
        text,
        ARTICLE.replace("# summary: \n---", "# summary: \ndraft: true\n---"),
        "the original to translate in place, as a draft"
    );
    // Asked again, the translation is opened, never overwritten.
    studio.site.write(
        "content/articles/dan-van-kheo.en.md",
        text.replace("Dân vận khéo ở Hà Nam", "Skilled mobilization in Ha Nam"),
    );
    assert_eq!(
        studio
            .send("POST", "/__bantin/studio/translate", &body, "")
            .status,
        303
    );
    assert!(
        source(&studio.site, "content/articles/dan-van-kheo.en.md")
            .contains("Skilled mobilization")
    );
    // Once built, the original no longer lacks English.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let list = studio.get("/__bantin/studio/?lang=vi&q=ha+nam");
        if list.body.contains("Dân vận khéo ở Hà Nam") && !list.body.contains("Chưa có bản en")
        {
            break;
        }
        assert!(Instant::now() < deadline, "{}", list.body);
        std::thread::sleep(Duration::from_millis(50));
    }
    // The translation's form shows the original beside the text, linked to its own form.
    let page = studio.get("/__bantin/studio/edit?path=content%2Farticles%2Fdan-van-kheo.en.md");
    let doc = Html::parse_document(&page.body);
    let original = doc
        .select(&Selector::parse("details.original").expect("selector"))
        .next()
        .unwrap_or_else(|| panic!("{}", page.body));
    let words: String = original.text().collect();
    assert!(words.contains("Dân vận khéo ở Hà Nam") && words.contains("Ba cây số đường mới."));
    let link = Selector::parse("a").expect("selector");
    let href = original
        .select(&link)
        .next()
        .and_then(|a| a.value().attr("href"));
    assert_eq!(
        href,
        Some(format!("/__bantin/studio/edit?path={}", encode(PATH)).as_str())
    );
    // The original's own form has no such panel.
    let page = studio.get(&format!("/__bantin/studio/edit?path={}", encode(PATH)));
    assert!(!page.body.contains("details class=\"original\""));
}

#[test]
fn an_upload_must_be_a_picture_by_its_bytes_and_come_with_the_token() {
    let mut studio = start(site(), &[], None);
    let fields = studio.form(PATH);
    let csrf = value(&fields, "csrf");
    let target = format!("/__bantin/studio/upload?path={}&name=a.png", encode(PATH));
    let with_token = format!("X-Bantin-Csrf: {csrf}\r\n");
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";
    assert_eq!(studio.send("POST", &target, svg, &with_token).status, 400);
    let png = String::from_utf8_lossy(&common::png(4, 4)).into_owned();
    assert_eq!(studio.send("POST", &target, &png, "").status, 403);
    assert!(studio.site.root.join(PATH).exists(), "nothing moved");
    let outside = format!(
        "/__bantin/studio/upload?path={}&name=a.png",
        encode("site.yaml")
    );
    assert_eq!(
        studio.send("POST", &outside, "\u{FF}", &with_token).status,
        400
    );
}

#[test]
fn a_bulletins_form_offers_the_items_to_add_by_title_and_its_print_edition() {
    let mut studio = start(
        site().file(
            "content/bulletins/so-1.md",
            "---\ntitle: Bản tin số 1\ndate: 2025-03-05\nnumber: 1\nitems:\n  - articles/ban-tin-khac\n---\n\nLời mở đầu.\n",
        ),
        &[],
        None,
    );
    let page = studio.get("/__bantin/studio/edit?path=content%2Fbulletins%2Fso-1.md");
    assert_eq!(page.status, 200);
    let doc = Html::parse_document(&page.body);
    let offered: Vec<(String, String)> = doc
        .select(&Selector::parse("#bantin-references option").expect("selector"))
        .map(|o| {
            let v = o.value();
            (
                v.attr("value").unwrap_or_default().to_string(),
                v.attr("label").unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert!(
        offered.contains(&(
            "articles/dan-van-kheo".to_string(),
            "Dân vận khéo ở Hà Nam (dan van kheo o ha nam)".to_string()
        )),
        "{offered:?}"
    );
    assert!(offered.iter().all(|(v, _)| !v.starts_with("bulletins/")));
    assert_eq!(
        value(&form_fields(&page.body, "form.fields"), "f.items"),
        "articles/ban-tin-khac"
    );
    assert!(page.body.contains("href=\"/bulletins/so-1/print/\""));
    // "Make the PDF": the local browser prints the edition, and the PDF comes back as a file.
    let fields = form_fields(&page.body, "form.print");
    let refused = studio.send(
        "POST",
        "/__bantin/studio/print",
        "csrf=x&path=content%2Fbulletins%2Fso-1.md",
        "",
    );
    assert_eq!(refused.status, 403);
    let reply = studio.send("POST", "/__bantin/studio/print", &encoded(&fields), "");
    let has_browser = std::path::Path::new("/usr/bin/chromium").exists();
    if has_browser {
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_eq!(reply.headers["content-type"], "application/pdf");
        assert_eq!(
            reply.headers["content-disposition"],
            "attachment; filename=\"so-1.pdf\""
        );
        assert!(reply.body.starts_with("%PDF"));
    } else {
        // Without one, it says how to print from a browser.
        assert_eq!(reply.status, 503, "{}", reply.body);
    }
}

/// The list's "Build the site" button (no destination in site.yaml): the site without its
/// drafts in public/, or the build's problems with links to their fields.
#[test]
fn build_from_the_studio_leaves_drafts_out_and_links_problems_to_their_fields() {
    let site = site().file(
        "content/articles/nhap.md",
        "---\ntitle: Bản nháp\ndate: 2025-04-01\ndraft: true\n---\n\nx\n",
    );
    let mut studio = start(site, &[], None);
    let list = studio.get("/__bantin/studio/");
    let fields = form_fields(&list.body, "form.publish");
    assert!(list.body.contains("Dựng trang web"), "{}", list.body);
    let refused = studio.send("POST", "/__bantin/studio/publish", "csrf=wrong", "");
    assert_eq!(refused.status, 403);
    let reply = studio.send("POST", "/__bantin/studio/publish", &encoded(&fields), "");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("role=\"status\""), "{}", reply.body);
    let public = studio.site.root.join("public");
    assert!(public.join("articles/dan-van-kheo/index.html").exists());
    assert!(
        !public.join("articles/nhap/index.html").exists(),
        "drafts are not published"
    );

    studio
        .site
        .write(PATH, ARTICLE.replace("2025-03-01", "2025-02-30"));
    let reply = studio.send("POST", "/__bantin/studio/publish", &encoded(&fields), "");
    let doc = Html::parse_document(&reply.body);
    let link = doc
        .select(&Selector::parse(".problems a").expect("selector"))
        .next()
        .unwrap_or_else(|| panic!("{}", reply.body));
    let href = link.value().attr("href").unwrap_or_default();
    assert!(
        href.ends_with(&format!("{}#bantin-problem-date", encode(PATH))),
        "{href}"
    );
    assert!(link.text().collect::<String>().contains("2025-02-30"));
    assert!(
        public.join("articles/dan-van-kheo/index.html").exists(),
        "the site is kept"
    );
}

/// "Build and publish" with a destination: the studio's answer says what went up, and the
/// server has the new article but not the draft.
#[test]
fn build_and_publish_uploads_the_site_to_the_server_site_yaml_names() {
    let Some(sshd) = common::sshd::Sshd::start() else {
        return;
    };
    let yaml = sshd.site_yaml().replace(common::SITE_YAML, SITE_YAML_VI_EN);
    let site = site().file("site.yaml", yaml).file(
        "content/articles/nhap.md",
        "---\ntitle: Bản nháp\ndate: 2025-04-01\ndraft: true\n---\n\nx\n",
    );
    let mut studio = start(site, &[], None);
    let list = studio.get("/__bantin/studio/");
    assert!(list.body.contains("Dựng và đăng"), "{}", list.body);
    let fields = form_fields(&list.body, "form.publish");
    let reply = studio.send("POST", "/__bantin/studio/publish", &encoded(&fields), "");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("đã đăng lên sftp://"), "{}", reply.body);
    assert!(sshd.www().join("articles/dan-van-kheo/index.html").exists());
    assert!(!sshd.www().join("articles/nhap/index.html").exists());
    let again = studio.send("POST", "/__bantin/studio/publish", &encoded(&fields), "");
    assert!(again.body.contains("đã mới nhất"), "{}", again.body);
}

/// A new editor's whole task in the browser at 360 px (tests/browser/studio_journey.mjs):
/// article, locality, topics, photo, publish; translation beside its original; a bulletin
/// of three items reordered with the buttons and printed; a conflict; build.
#[test]
fn a_new_editor_writes_translates_composes_and_prints_in_the_browser() {
    let Some(tools) = common::browser_tools() else {
        return;
    };
    let site = site()
        .file(
            "content/articles/mot.md",
            "---\ntitle: Bài một\ndate: 2025-01-10\n---\n\nMột.\n",
        )
        .file(
            "content/articles/hai.md",
            "---\ntitle: Bài hai\ndate: 2025-01-11\n---\n\nHai.\n",
        );
    let mut studio = start(site, &[], None);
    let url = format!("http://{}/__bantin/studio/", studio.addr);
    let picture = studio.site.base().join("Ảnh hội nghị.png");
    std::fs::write(&picture, common::png(64, 48)).expect("a picture");
    let pdf = studio.site.base().join("ban-tin.pdf");
    let root = studio.site.root.to_string_lossy().into_owned();
    let args = [
        url.as_str(),
        tools,
        &picture.to_string_lossy(),
        &root,
        &pdf.to_string_lossy(),
    ];
    let result = common::run_browser_script("studio_journey.mjs", &args);
    assert_eq!(result["outside"], serde_json::json!([]), "{result}");
    assert_eq!(result["scrollWidth"], 360, "{result}");
    // The article, a bundle once it has its photo, byte for byte: the new item's template with
    // the fields filled where they stood, the text, the photo, no draft mark, and the summary
    // as changed on disk (the conflict saved nothing).
    let article = "content/articles/hoi-nghi-dan-van-kheo-o-ha-nam/index.md";
    assert_eq!(result["article"], article, "{result}");
    let text = source(&studio.site, article);
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .unwrap_or_default();
    assert!(bantin::date::Date::parse(date).is_ok(), "{text}");
    let expected = format!(
        "---\ntitle: \"Hội nghị dân vận khéo ở Hà Nam\"\ndate: {date}\nsummary: Sửa bằng tay trên đĩa.\n\
         topics:\n  - dân vận khéo\n  - nông thôn mới\nlocality: ha-nam\n# author: \n# source: https://\n---\n\n\
         Hội nghị bàn cách làm đường liên thôn.\n\n![Hội nghị ở nhà văn hoá](anh-hoi-nghi.png)\n"
    );
    assert_eq!(text, expected);
    assert_eq!(
        std::fs::read(
            studio
                .site
                .root
                .join("content/articles/hoi-nghi-dan-van-kheo-o-ha-nam/anh-hoi-nghi.png")
        )
        .ok(),
        Some(common::png(64, 48))
    );
    let choices = result["localityChoices"].to_string();
    assert!(
        choices.contains("ha-nam = Ha Nam") && choices.contains("Ninh Bình"),
        "{choices}"
    );
    assert_eq!(
        result["publishButtonAfter"], 0,
        "published: no more Publish button"
    );
    // The page served, with its photo.
    let page = studio.get("/articles/hoi-nghi-dan-van-kheo-o-ha-nam/");
    assert_eq!(page.status, 200);
    let doc = Html::parse_document(&page.body);
    let img = Selector::parse("main img[alt=\"Hội nghị ở nhà văn hoá\"]").expect("selector");
    assert!(doc.select(&img).next().is_some(), "{}", page.body);
    // The translation: a draft with the English title, made with the original beside it.
    assert_eq!(
        result["translation"],
        "content/articles/hoi-nghi-dan-van-kheo-o-ha-nam/index.en.md"
    );
    let english = source(
        &studio.site,
        "content/articles/hoi-nghi-dan-van-kheo-o-ha-nam/index.en.md",
    );
    assert!(
        english.contains("title: A skilled mobilization meeting in Ha Nam\n")
            && english.contains("draft: true"),
        "{english}"
    );
    assert!(
        result["originalShown"]
            .as_str()
            .is_some_and(|o| o.contains("Hội nghị bàn cách làm đường liên thôn.")),
        "{result}"
    );
    // The bulletin: three items, the last moved to the top with the keyboard, printed in order.
    let order = ["Bài hai", "Hội nghị dân vận khéo ở Hà Nam", "Bài một"];
    assert_eq!(
        result["items"],
        "articles/hai\narticles/hoi-nghi-dan-van-kheo-o-ha-nam\narticles/mot\n"
    );
    assert_eq!(result["orderShown"], serde_json::json!(order));
    assert_eq!(
        result["focusAfterMoves"], "Chuyển xuống: Bài hai",
        "the focus follows the item"
    );
    assert_eq!(result["printTitles"], serde_json::json!(order));
    let bulletin = source(&studio.site, "content/bulletins/ban-tin-thang-muoi-hai.md");
    assert!(bulletin.contains("\n  - articles/hai\n  - articles/hoi-nghi-dan-van-kheo-o-ha-nam\n  - articles/mot\n---\n"), "{bulletin}");
    let pdf = std::fs::read(&pdf).expect("the printed edition");
    assert!(
        pdf.starts_with(b"%PDF") && pdf.len() > 5000,
        "{} bytes",
        pdf.len()
    );
    // The conflict shows both versions; the build says what it made.
    let conflict = result["conflict"].as_str().unwrap_or_default();
    assert!(
        conflict.contains("Bản trên đĩa") && conflict.contains("Bản của bạn"),
        "{conflict}"
    );
    assert!(
        result["built"]
            .as_str()
            .is_some_and(|b| b.starts_with("Dựng trang web") && b.contains("trang (vi:")),
        "{result}"
    );
}

/// `from` copied into `to`, folders and all.
fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for rel in common::files_under(from) {
        let target = to.join(&rel);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::copy(from.join(&rel), target).expect("copy");
    }
}

/// Every content file of `site` opened in the studio and saved as the browser sends its form
/// back: no byte may change. Returns how many files were tried.
fn round_trip(site: Site) -> usize {
    let files: Vec<String> = common::files_under(&site.root.join("content"))
        .into_iter()
        .filter(|f| f.ends_with(".md"))
        .map(|f| format!("content/{f}"))
        .collect();
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(site.root.join(f)).expect("read"))
        .collect();
    let mut studio = start(site, &[], None);
    for (file, bytes) in files.iter().zip(&before) {
        let fields = studio.form(file);
        let reply = studio.save(&fields);
        assert_eq!(reply.status, 303, "{file}: {}", reply.body);
        let after = std::fs::read(studio.site.root.join(file)).expect("read");
        assert!(
            &after == bytes,
            "{file} changed:\n{}\n---- was ----\n{}",
            String::from_utf8_lossy(&after),
            String::from_utf8_lossy(bytes)
        );
    }
    files.len()
}

/// The studio's model round-trips: every file of the example site and of the benchmark's
/// 1,000-item corpus, loaded into its form and saved without an edit, keeps every byte.
#[test]
fn opening_and_saving_every_file_without_an_edit_changes_no_byte() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = Site::new();
    std::fs::copy(repo.join("site.yaml"), example.root.join("site.yaml")).expect("site.yaml");
    for folder in ["content", "data", "i18n"] {
        copy_tree(&repo.join(folder), &example.root.join(folder));
    }
    let tried = round_trip(example);
    assert!(tried > 30, "{tried} files of the example site");

    // The corpus, made by the benchmark's generator (Python 3); in CI it must run.
    let generator = repo.join("../shared/bench/gen_corpus.py");
    let corpus = Site::new();
    let made = std::process::Command::new("python3")
        .arg(&generator)
        .args(["1000"])
        .arg(corpus.base().join("corpus"))
        .output();
    if !made.as_ref().is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must round-trip the corpus: {made:?}"
        );
        eprintln!("no python3 or ../shared/bench: the corpus round trip is skipped");
        return;
    }
    std::fs::remove_dir_all(&corpus.root).expect("empty site folder");
    std::fs::rename(corpus.base().join("corpus/ours"), &corpus.root).expect("the bantin layout");
    let tried = round_trip(corpus);
    assert!(tried > 1500, "{tried} files of the corpus");
    eprintln!("round trip: {tried} files of the corpus unchanged");
}

/// A site written in French gets the studio in French (its other messages stay English).
#[test]
fn a_french_site_gets_a_french_studio() {
    let yaml = "title: Bulletin\nbase_url: https://example.org/\ndefault_language: fr\nlanguages:\n  - code: fr\n    name: Français\n";
    let site = Site::new().file("site.yaml", yaml).file(
        "content/articles/reunion.md",
        "---\ntitle: Réunion du village\ndate: 2025-03-01\n---\n\nTexte.\n",
    );
    let mut studio = start(site, &[], None);
    let list = studio.get("/__bantin/studio/");
    assert!(list.body.contains("<html lang=\"fr\">"), "{}", list.body);
    assert!(list.body.contains("Nouveau contenu") && list.body.contains("Construire le site"));
    let page = studio.get("/__bantin/studio/edit?path=content%2Farticles%2Freunion.md");
    assert!(
        page.body.contains(">Enregistrer</button>") && page.body.contains("Résumé"),
        "{}",
        page.body
    );
}

/// axe-core (../shared/tools/axe_check.mjs) on the studio's pages as they open, scripts run:
/// the list, an item's form, a translation's (with its original), a bulletin's (with its
/// ordered items and print buttons).
#[test]
fn the_studio_pages_pass_axe_core() {
    let Some(_) = common::browser_tools() else {
        return;
    };
    let site = site()
        .file(
            "content/articles/dan-van-kheo.en.md",
            "---\ntitle: Skilled mobilization in Ha Nam\ndate: 2025-03-01\n---\n\nText.\n",
        )
        .file(
            "content/bulletins/so-1.md",
            "---\ntitle: Bản tin số 1\ndate: 2025-03-05\nnumber: 1\nitems:\n  - articles/ban-tin-khac\n  - articles/dan-van-kheo\n---\n\nLời mở đầu.\n",
        );
    let studio = start(site, &[], None);
    let checker = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/tools/axe_check.mjs");
    let out = std::process::Command::new("node")
        .arg(checker)
        .arg(format!("http://{}", studio.addr))
        .args([
            "/__bantin/studio/",
            "/__bantin/studio/edit?path=content%2Farticles%2Fdan-van-kheo.md",
            "/__bantin/studio/edit?path=content%2Farticles%2Fdan-van-kheo.en.md",
            "/__bantin/studio/edit?path=content%2Fbulletins%2Fso-1.md",
        ])
        .arg("--verbose")
        .output()
        .expect("node runs axe_check.mjs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(said.matches("violations=0").count(), 4, "{said}");
}

/// The build's warnings about a file (here a former unit as its locality) are a badge in the
/// list and a message beside the field in its form.
#[test]
fn warnings_are_badges_in_the_list_and_messages_beside_their_fields() {
    let site = site().file(
        "content/articles/cu.md",
        "---\ntitle: Tin cũ của Hà Nam\ndate: 2025-01-05\nlocality: ha-nam\n---\n\nx\n",
    );
    let mut studio = start(site, &[], None);
    let list = studio.get("/__bantin/studio/?q=tin+cu");
    assert!(list.body.contains("1 cảnh báo"), "{}", list.body);
    let page = studio.get("/__bantin/studio/edit?path=content%2Farticles%2Fcu.md");
    let doc = Html::parse_document(&page.body);
    let beside = doc
        .select(&Selector::parse("#bantin-problem-locality").expect("selector"))
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default();
    assert!(
        beside.starts_with("content/articles/cu.md:4:"),
        "{}",
        page.body
    );
    let other = studio.get("/__bantin/studio/?q=dan+van");
    assert!(!other.body.contains("cảnh báo"));
}
