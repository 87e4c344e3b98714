//! `bantin serve` under load, on 127.0.0.1: 200 concurrent keep-alive connections making
//! 20,000 requests between them, slow clients that send one byte a second (cut off at the
//! head deadline while the others keep being served), connections beyond the limit (503),
//! oversized and malformed requests and traversal attempts, with a secret file beside the
//! preview folder that must never appear in any answer. Threads and memory of the server
//! come from /proc/<pid>/status and are reported (and bounded).
//!
//! The CI version takes well under a minute; `heavier_load` (ignored) runs ten times the
//! requests: `cargo test --release --test load -- --ignored --nocapture`.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const SECRET: &str = "BI-MAT-beside-the-output-1111";

/// The connection cap of src/server.rs: beyond it, a 503.
const MAX_CONNECTIONS: usize = 256;

struct Served {
    child: Child,
    addr: String,
    /// The preview folder the server serves.
    root: PathBuf,
    _site: Site,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A built fixture served by `bantin serve --port 0` (its preview folder in the test's own
/// TMPDIR, with the secret beside it).
fn serve() -> Served {
    let site = Site::new()
        .file("site.yaml", SITE_YAML_VI_EN)
        .file(
            "content/articles/a.md",
            article(
                "Bài A",
                "2025-03-01",
                "Mở đầu.\n\n## Kết quả\n\nNội dung.\n",
            ),
        )
        .file(
            "content/articles/b.md",
            article("Bài B", "2025-03-02", &"Một đoạn dài. ".repeat(2000)),
        )
        .file(
            "content/pages/gioi-thieu.md",
            md("title: Giới thiệu", "x\n"),
        )
        .file("static/robots.txt", "User-agent: *\n");
    let tmp = site.base().join("tmp");
    std::fs::create_dir_all(&tmp).expect("tmp");
    std::fs::write(tmp.join("secret.txt"), SECRET).expect("secret");
    std::fs::write(site.root.join("secret.txt"), SECRET).expect("secret");
    let mut child = bin()
        .args(["serve", "--port", "0"])
        .current_dir(&site.root)
        .env("TMPDIR", &tmp)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start bantin serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut addr = String::new();
    let mut root = PathBuf::new();
    for line in lines.by_ref().map_while(Result::ok) {
        if let Some(rest) = line.strip_prefix("bantin: serving http://") {
            addr = rest.split('/').next().unwrap_or_default().to_string();
            root = PathBuf::from(
                rest.split("(the preview is built in ")
                    .nth(1)
                    .unwrap_or_default()
                    .trim_end_matches(')'),
            );
        }
        if line.starts_with("bantin: built") {
            break;
        }
    }
    assert!(!addr.is_empty() && root.is_dir(), "bantin serve started");
    std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
    Served {
        child,
        addr,
        root,
        _site: site,
    }
}

/// A reply read off a keep-alive connection by its Content-Length.
struct Reply {
    status: u16,
    body: Vec<u8>,
    close: bool,
}

fn read_reply(reader: &mut BufReader<TcpStream>, head_only: bool) -> std::io::Result<Reply> {
    let mut status = 0;
    let mut length = 0usize;
    let mut close = false;
    let mut first = true;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let line = line.trim_end();
        if first {
            status = line
                .split(' ')
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            first = false;
        } else if line.is_empty() {
            break;
        } else if let Some((name, value)) = line.split_once(':') {
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.trim().parse().unwrap_or(0),
                "connection" => close = value.trim().eq_ignore_ascii_case("close"),
                _ => {}
            }
        }
    }
    let mut body = vec![
        0;
        if head_only || status == 304 {
            0
        } else {
            length
        }
    ];
    reader.read_exact(&mut body)?;
    Ok(Reply {
        status,
        body,
        close,
    })
}

fn connect(addr: &str) -> (TcpStream, BufReader<TcpStream>) {
    let stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let reader = BufReader::new(stream.try_clone().expect("clone"));
    (stream, reader)
}

/// What each valid path must answer: status and, for files, the exact bytes on disk (HTML
/// gets the live-reload script, so only its start is compared).
struct Expected {
    path: String,
    status: u16,
    body: Vec<u8>,
    html: bool,
}

fn expectations(root: &Path) -> Vec<Expected> {
    let css = std::fs::read_dir(root)
        .expect("preview")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("style.") && n.ends_with(".css"))
        .expect("the stylesheet");
    let file = |rel: &str| std::fs::read(root.join(rel)).expect("file in the preview");
    let html_start = |rel: &str| {
        let bytes = file(rel);
        let end = bytes
            .windows(7)
            .position(|w| w == b"</head>")
            .unwrap_or(bytes.len());
        bytes[..end].to_vec()
    };
    vec![
        Expected {
            path: "/".into(),
            status: 200,
            body: html_start("index.html"),
            html: true,
        },
        Expected {
            path: "/articles/b/".into(),
            status: 200,
            body: html_start("articles/b/index.html"),
            html: true,
        },
        Expected {
            path: format!("/{css}"),
            status: 200,
            body: file(&css),
            html: false,
        },
        Expected {
            path: "/robots.txt".into(),
            status: 200,
            body: file("robots.txt"),
            html: false,
        },
        Expected {
            path: "/atom.xml".into(),
            status: 200,
            body: file("atom.xml"),
            html: false,
        },
        Expected {
            path: "/khong-co/".into(),
            status: 404,
            body: html_start("404.html"),
            html: true,
        },
    ]
}

/// Checks one reply against what its path must answer.
fn check(reply: &Reply, expected: &Expected) -> Result<(), String> {
    if reply.status != expected.status {
        return Err(format!("{}: status {}", expected.path, reply.status));
    }
    let body_ok = if expected.html {
        reply.body.starts_with(&expected.body)
    } else {
        reply.body == expected.body
    };
    if !body_ok {
        return Err(format!("{}: the body differs from the file", expected.path));
    }
    if String::from_utf8_lossy(&reply.body).contains(SECRET) {
        return Err(format!("{}: the secret leaked", expected.path));
    }
    Ok(())
}

/// Status, threads and memory of the server: (VmRSS KiB, VmHWM KiB, Threads).
fn status(served: &Served) -> (u64, u64, u64) {
    proc_status(served.child.id()).expect("/proc/<pid>/status of bantin serve")
}

/// Clients that send `GET / HTTP/1.1\r\nX: ` and then one byte a second; each records when
/// the server closed it. They stop after `limit`.
fn slow_clients(
    addr: &str,
    n: usize,
    limit: Duration,
) -> Vec<std::thread::JoinHandle<Option<Duration>>> {
    (0..n)
        .map(|_| {
            let addr = addr.to_string();
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut stream = TcpStream::connect(&addr).ok()?;
                stream
                    .set_read_timeout(Some(Duration::from_millis(50)))
                    .ok()?;
                stream.write_all(b"GET / HTTP/1.1\r\nX-Slow: ").ok()?;
                let mut probe = [0u8; 64];
                while started.elapsed() < limit {
                    if stream.write_all(b"a").is_err() {
                        return Some(started.elapsed());
                    }
                    // A read that sees the close (0) or a reset ends the client.
                    let waited = Instant::now();
                    while waited.elapsed() < Duration::from_secs(1) {
                        match stream.read(&mut probe) {
                            Ok(0) => return Some(started.elapsed()),
                            Ok(_) => {}
                            Err(e)
                                if matches!(
                                    e.kind(),
                                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                                ) => {}
                            Err(_) => return Some(started.elapsed()),
                        }
                    }
                }
                None
            })
        })
        .collect()
}

/// The load: `connections` keep-alive connections, `per_connection` requests each over the
/// valid paths, while `slow` slow clients drip and hostile one-off requests come in.
fn load(connections: usize, per_connection: usize, slow: usize) {
    let served = serve();
    let expected = Arc::new(expectations(&served.root));
    let idle = status(&served);
    let slow_handles = slow_clients(&served.addr, slow, Duration::from_secs(60));
    let failures = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let answered = Arc::new(AtomicU64::new(0));
    let running = Arc::new(AtomicBool::new(true));
    let peak_threads = Arc::new(AtomicU64::new(idle.2));
    let peak_rss = Arc::new(AtomicU64::new(idle.0));
    // A sampler of the server's threads and memory while the load runs.
    let sampler = {
        let (running, peak_threads, peak_rss) =
            (running.clone(), peak_threads.clone(), peak_rss.clone());
        let pid = served.child.id();
        std::thread::spawn(move || {
            while running.load(Ordering::Relaxed) {
                if let Some((rss, _, threads)) = proc_status(pid) {
                    peak_threads.fetch_max(threads, Ordering::Relaxed);
                    peak_rss.fetch_max(rss, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|c| {
            let (addr, expected, failures, answered) = (
                served.addr.clone(),
                expected.clone(),
                failures.clone(),
                answered.clone(),
            );
            std::thread::spawn(move || {
                let (mut stream, mut reader) = connect(&addr);
                for i in 0..per_connection {
                    let e = &expected[(c + i) % expected.len()];
                    let head = (c + i) % 7 == 0;
                    let method = if head { "HEAD" } else { "GET" };
                    let request = format!("{method} {} HTTP/1.1\r\nHost: x\r\n\r\n", e.path);
                    let reply = stream
                        .write_all(request.as_bytes())
                        .and_then(|()| read_reply(&mut reader, head));
                    let result = match reply {
                        Ok(reply) if head => {
                            if reply.status == e.status && reply.body.is_empty() {
                                Ok(())
                            } else {
                                Err(format!("HEAD {}: status {}", e.path, reply.status))
                            }
                        }
                        Ok(reply) => check(&reply, e).and_then(|()| {
                            if reply.close {
                                Err(format!(
                                    "{}: the server closed a keep-alive connection",
                                    e.path
                                ))
                            } else {
                                Ok(())
                            }
                        }),
                        Err(err) => Err(format!("connection {c}, request {i} ({}): {err}", e.path)),
                    };
                    match result {
                        Ok(()) => {
                            answered.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(why) => {
                            failures.lock().unwrap().push(why);
                            return;
                        }
                    }
                }
            })
        })
        .collect();
    // Hostile one-off requests while the load runs: none may leak the secret.
    let hostile = [
        "GET /../secret.txt HTTP/1.1\r\n\r\n".to_string(),
        "GET /%2e%2e/secret.txt HTTP/1.1\r\n\r\n".to_string(),
        "GET /..%2f..%2fsecret.txt HTTP/1.1\r\n\r\n".to_string(),
        "GET /%252e%252e/secret.txt HTTP/1.1\r\nConnection: close\r\n\r\n".to_string(),
        format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(40_000)),
        format!("GET / HTTP/1.1\r\n{}\r\n", "X: y\r\n".repeat(5000)),
        "BREW / HTCPCP/1.0\r\n\r\n".to_string(),
        "\r\n\r\n\r\n".to_string(),
    ];
    // On their own thread: some wait for the head deadline before they are answered.
    let hostile_addr = served.addr.clone();
    let hostile = std::thread::spawn(move || {
        for _ in 0..2 {
            for request in &hostile {
                let Ok(mut s) = TcpStream::connect(&hostile_addr) else {
                    continue;
                };
                let _ = s.set_read_timeout(Some(Duration::from_secs(15)));
                let _ = s.write_all(request.as_bytes());
                let mut reply = Vec::new();
                let _ = s.read_to_end(&mut reply);
                assert!(
                    !String::from_utf8_lossy(&reply).contains(SECRET),
                    "{request:?} leaked the secret"
                );
            }
        }
    });
    for w in workers {
        w.join().expect("a client thread panicked");
    }
    let elapsed = started.elapsed();
    let after_load = status(&served);
    hostile.join().expect("a hostile request leaked the secret");
    // Slow clients are cut off at the head deadline (10 s), not kept while they drip.
    let cut: Vec<Option<Duration>> = slow_handles
        .into_iter()
        .map(|h| h.join().expect("slow client"))
        .collect();
    running.store(false, Ordering::Relaxed);
    let _ = sampler.join();
    let failures = failures.lock().unwrap().clone();
    assert!(
        failures.is_empty(),
        "{} of the valid requests failed, first: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    let total = (connections * per_connection) as u64;
    assert_eq!(
        answered.load(Ordering::Relaxed),
        total,
        "every valid request answered"
    );
    for (i, c) in cut.iter().enumerate() {
        let c = c.unwrap_or_else(|| panic!("slow client {i} was kept for 60 s"));
        assert!(
            c < Duration::from_secs(40),
            "slow client {i} was kept for {c:?}"
        );
    }
    let (threads, rss) = (
        peak_threads.load(Ordering::Relaxed),
        peak_rss.load(Ordering::Relaxed),
    );
    eprintln!(
        "load: {total} requests on {connections} keep-alive connections with {slow} slow clients in {:.1} s ({:.0} requests/s); server threads idle {}, peak {threads}, after {}; VmRSS idle {} KiB, peak {rss} KiB, after {} KiB (VmHWM {} KiB); slow clients cut after {:?}",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        idle.2,
        after_load.2,
        idle.0,
        after_load.0,
        after_load.1,
        cut.iter().flatten().max()
    );
    assert!(
        threads <= (MAX_CONNECTIONS + 16) as u64,
        "the server ran {threads} threads"
    );
    assert!(
        rss < 512 * 1024,
        "the server's resident memory reached {rss} KiB"
    );
    // Connections beyond the cap get a 503 at once; once they close, the server serves again.
    let mut held = Vec::new();
    for _ in 0..MAX_CONNECTIONS + 20 {
        if let Ok(s) = TcpStream::connect(&served.addr) {
            held.push(s);
        }
    }
    let (mut s, mut r) = connect(&served.addr);
    s.write_all(b"GET / HTTP/1.1\r\n\r\n").expect("send");
    let refused = read_reply(&mut r, false).expect("a reply beyond the cap");
    assert_eq!(refused.status, 503, "a connection beyond the cap");
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (mut s, mut r) = connect(&served.addr);
        s.write_all(b"GET /robots.txt HTTP/1.1\r\n\r\n")
            .expect("send");
        match read_reply(&mut r, false) {
            Ok(reply) if reply.status == 200 => break,
            _ if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            other => panic!(
                "the server did not recover after the cap: {:?}",
                other.map(|r| r.status)
            ),
        }
    }
    // The held connections' threads end as they see their clients close.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut end = status(&served);
    while end.2 > idle.2 + 16 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
        end = status(&served);
    }
    assert!(
        end.2 <= idle.2 + 16,
        "threads were left behind: {} idle, {} at the end",
        idle.2,
        end.2
    );
}

#[test]
fn two_hundred_keep_alive_connections_and_slow_clients_are_all_served_within_bounds() {
    load(200, 100, 8);
}

#[test]
#[ignore = "heavier: 200,000 requests; run with --ignored --nocapture"]
fn heavier_load() {
    load(200, 1000, 32);
}
