//! An OpenSSH server that a test starts on 127.0.0.1 (Debian's openssh-server, installed by
//! .ci/run), letting this user in with a key made for the test: the destination of
//! `bantin deploy` in tests/deploy.rs and of the studio's "Build and publish".

use super::{SITE_YAML, stderr};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const SSHD: &str = "/usr/sbin/sshd";

/// An OpenSSH server on 127.0.0.1 that lets this user in with a key made for the test.
pub struct Sshd {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
    user: String,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn run(program: &str, args: &[&str]) -> Output {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(out.status.success(), "{program} {args:?}: {}", stderr(&out));
    out
}

impl Sshd {
    /// `None` when sshd is absent and the test may skip (never in CI).
    pub fn start() -> Option<Sshd> {
        if !Path::new(SSHD).exists() {
            if std::env::var_os("CI").is_some() {
                panic!("CI must run the deploy tests: install openssh-server in .ci/run");
            }
            eprintln!("no {SSHD}: deploy test skipped (apt-get install openssh-server)");
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let path = |name: &str| dir.path().join(name).display().to_string();
        for key in ["host_key", "client_key"] {
            run(
                "ssh-keygen",
                &["-q", "-t", "ed25519", "-N", "", "-f", &path(key)],
            );
        }
        std::fs::copy(path("client_key.pub"), path("authorized_keys")).expect("keys");
        std::fs::create_dir_all(dir.path().join("www")).expect("www");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let config = format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nAuthorizedKeysFile {}\n\
             PidFile {}\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n\
             KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n\
             Subsystem sftp internal-sftp\n",
            path("host_key"),
            path("authorized_keys"),
            path("sshd.pid"),
        );
        std::fs::write(dir.path().join("sshd_config"), config).expect("config");
        // Its privilege separation folder, which Debian makes only when the service starts.
        let _ = std::fs::create_dir_all("/run/sshd");
        let log = std::fs::File::create(dir.path().join("sshd.log")).expect("log");
        let child = Command::new(SSHD)
            .args(["-D", "-e", "-f", &path("sshd_config")])
            .stderr(log)
            .stdout(Stdio::null())
            .spawn()
            .expect("start sshd");
        let user = String::from_utf8_lossy(&run("id", &["-un"]).stdout)
            .trim()
            .to_string();
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            let log = std::fs::read_to_string(dir.path().join("sshd.log")).unwrap_or_default();
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "sshd did not start: {log}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Sshd {
            child,
            port,
            dir,
            user,
        })
    }

    /// The folder the site is published to (on this machine, since the server is).
    pub fn www(&self) -> PathBuf {
        self.dir.path().join("www")
    }

    /// A site.yaml that deploys there.
    pub fn site_yaml(&self) -> String {
        let path = |name: &str| self.dir.path().join(name).display().to_string();
        format!(
            "{SITE_YAML}deploy:\n  to: sftp://{}@127.0.0.1:{}{}\n  identity: {}\n  known_hosts: {}\n",
            self.user,
            self.port,
            self.www().display(),
            path("client_key"),
            path("known_hosts"),
        )
    }
}
