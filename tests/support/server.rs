//! `nano-boa serve` as a child process: started on free loopback ports,
//! spoken to over raw TCP, killed on drop. Its stdout (the log) is kept.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_nano-boa");

/// A fresh directory under the system's temp dir.
pub fn temp_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nano-boa-test-{}-{}-{name}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `nano-boa run FILE`: stdout, stderr and the exit code.
pub fn run_file(file: &Path) -> (String, String, Option<i32>) {
    let output = Command::new(BIN)
        .arg("run")
        .arg(file)
        .output()
        .expect("run nano-boa");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

/// A folder of `fixtures/` (the project's test projects).
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// A folder of `fixtures/serve/` (the apps and configs of the `serve`
/// tests; see its README). Used in place when the test changes nothing
/// in it; see [`copy_fixture`] for one that does.
pub fn serve_fixture(name: &str) -> PathBuf {
    fixture("serve").join(name)
}

/// The text of `fixtures/serve/PATH`, for an app with a `$PLACEHOLDER`
/// the test replaces with a value known only at run time (a port).
pub fn fixture_text(path: &str) -> String {
    let path = serve_fixture(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A copy of `fixtures/serve/NAME/` in a fresh temp dir, for a test that
/// edits or adds files (hot reload, config reload) or links to them.
pub fn copy_fixture(name: &str) -> PathBuf {
    fn copy_tree(from: &Path, to: &Path) {
        for entry in std::fs::read_dir(from).expect("fixture dir") {
            let entry = entry.expect("fixture entry");
            let target = to.join(entry.file_name());
            if entry.file_type().expect("file type").is_dir() {
                std::fs::create_dir_all(&target).expect("dir");
                copy_tree(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
    }
    let dest = temp_dir(name);
    copy_tree(&serve_fixture(name), &dest);
    dest
}

/// Writes `text` to `dir/name` (directories made as needed).
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("dir");
    }
    std::fs::write(&path, text).expect("write");
    path
}

/// A running server.
pub struct Server {
    child: Child,
    /// The app listener, `127.0.0.1:PORT`.
    pub addr: String,
    /// The admin listener, when it was asked for.
    pub admin: Option<String>,
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn addr_after(line: &str, marker: &str) -> Option<String> {
    let rest = line.split(marker).nth(1)?;
    Some(
        rest.chars()
            .take_while(|c| !c.is_whitespace() && *c != '"')
            .collect(),
    )
}

impl Server {
    /// Starts `nano-boa serve ARGS --port 0 --log-format text` with `env`,
    /// and waits for its "listening on" line (and the admin API's, when
    /// `--admin-port` is in ARGS).
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Server {
        Server::start_with(args, &["--log-format", "text"], env)
    }

    /// Serves `config` without watching, with the admin API on a free port
    /// and `token` as its `NANO_ADMIN_TOKEN`.
    pub fn start_config_with_admin(config: &Path, token: &str) -> Server {
        let config = config.to_str().expect("a UTF-8 path");
        Server::start(
            &["--config", config, "--no-watch", "--admin-port", "0"],
            &[("NANO_ADMIN_TOKEN", token)],
        )
    }

    /// Starts `nano-boa serve ARGS EXTRA --port 0` with `env` (no log
    /// format chosen: the default, or what `env` or EXTRA say).
    pub fn start_with(args: &[&str], extra: &[&str], env: &[(&str, &str)]) -> Server {
        let wants_admin = args.contains(&"--admin-port");
        let mut child = Command::new(BIN)
            .arg("serve")
            .args(args)
            .args(extra)
            .args(["--port", "0"])
            .env_remove("NANO_ADMIN_TOKEN")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start nano-boa serve");
        let stdout = child.stdout.take().expect("stdout");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = log.clone();
        std::thread::spawn(move || {
            let (mut app, mut admin) = (None, None);
            let mut sent = false;
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(addr) = addr_after(&line, "admin API listening on http://") {
                    admin = Some(addr);
                } else if let Some(addr) = addr_after(&line, "listening on http://") {
                    app = Some(addr);
                }
                if !sent && app.is_some() && (admin.is_some() || !wants_admin) {
                    sent = true;
                    let _ = tx.send((app.clone().unwrap_or_default(), admin.clone()));
                }
                let mut log = sink.lock().expect("log");
                log.push_str(&line);
                log.push('\n');
            }
        });
        let (addr, admin) = rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                let mut err = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    let _ = stderr.read_to_string(&mut err);
                }
                panic!("the server did not start: {err}");
            });
        Server {
            child,
            addr,
            admin,
            log,
        }
    }

    /// A connection to the app listener (reads time out after 20 s).
    pub fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        stream
    }

    /// One request to the app listener.
    pub fn request(&self, host: &str, method: &str, path: &str, body: &str) -> Reply {
        http(&self.addr, method, path, &[("Host", host)], body).expect("a response")
    }

    pub fn get(&self, host: &str, path: &str) -> Reply {
        self.request(host, "GET", path, "")
    }

    /// One request to the admin listener with `token` (none: no
    /// Authorization header).
    pub fn admin(&self, method: &str, path: &str, token: Option<&str>, body: &str) -> Reply {
        let addr = self.admin.as_deref().expect("started with --admin-port");
        let bearer = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![("Host", "admin")];
        if let Some(bearer) = &bearer {
            headers.push(("Authorization", bearer));
        }
        http(addr, method, path, &headers, body).expect("an admin response")
    }

    /// Sends SIGTERM and waits (10 s at most) for the exit code.
    pub fn terminate(&mut self) -> Option<i32> {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .ok()?;
        assert!(sent.success(), "kill -TERM");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Waits (5 s at most) until the log contains `needle`.
    pub fn log_contains(&self, needle: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if self.log.lock().expect("log").contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// The exit code, once the process has ended (`None` while it runs;
    /// `Some(None)` for a signal).
    pub fn exited(&mut self) -> Option<Option<i32>> {
        self.child
            .try_wait()
            .expect("wait")
            .map(|status| status.code())
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn log(&self) -> String {
        self.log.lock().expect("log").clone()
    }
}

#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// One request on a fresh connection (`Connection: close`); `None` when
/// the connection fails or the answer cannot be read.
pub fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<Reply> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    let mut request = format!("{method} {path} HTTP/1.1\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!(
        "Connection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ));
    stream.write_all(request.as_bytes()).ok()?;
    read_response(&mut BufReader::new(stream), method == "HEAD")
}

/// Reads one HTTP/1.1 response (Content-Length, chunked, or to EOF).
pub fn read_reply(reader: &mut BufReader<TcpStream>) -> Option<Reply> {
    read_response(reader, false)
}

/// Reads one HTTP/1.1 response, skipping interim 1xx ones (`100
/// Continue`); `head_only` for the answer to a HEAD (no body follows).
pub fn read_response(reader: &mut BufReader<TcpStream>, head_only: bool) -> Option<Reply> {
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if !line.starts_with("HTTP/1.1 1") {
            break;
        }
        loop {
            line.clear();
            reader.read_line(&mut line).ok()?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
        }
    }
    let status = line.split_whitespace().nth(1)?.parse().ok()?;
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        if header == "\r\n" || header.is_empty() {
            break;
        }
        let (name, value) = header.trim_end().split_once(':')?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let find = |name: &str| {
        headers
            .iter()
            .find(|(n, _): &&(String, String)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let mut body = Vec::new();
    if head_only {
        // No body after the head.
    } else if let Some(len) = find("content-length") {
        let mut buf = vec![0; len.parse().ok()?];
        reader.read_exact(&mut buf).ok()?;
        body = buf;
    } else if find("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).ok()?;
            let size = usize::from_str_radix(size.trim(), 16).ok()?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).ok()?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        reader.read_to_end(&mut body).ok()?;
    }
    Some(Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}
