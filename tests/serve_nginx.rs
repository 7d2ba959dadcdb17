//! More than one machine (issue 16): two nano-boa nodes behind a real
//! nginx (Debian's package; `.ci/run` installs it), KV on a real
//! `redis-server`, and a rolling restart under load that loses no request.

mod support;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use support::redis::RedisServer;
use support::server::{BIN, http, serve_fixture, temp_dir};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A node on a fixed port (nginx's upstream names it), started and
/// waited for; killed on drop.
struct Node {
    child: Child,
}

impl Node {
    fn start(config: &Path, port: u16) -> Node {
        let mut child = Command::new(BIN)
            .args(["serve", "--config"])
            .arg(config)
            .args([
                "--port",
                &port.to_string(),
                "--no-watch",
                "--log-format",
                "text",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nano-boa");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if line.contains("listening on http://") {
                    let _ = tx.send(());
                }
            }
        });
        rx.recv_timeout(Duration::from_secs(20))
            .expect("the node did not start");
        Node { child }
    }

    /// SIGTERM, then the exit code once it has drained.
    fn stop(mut self) -> Option<i32> {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill");
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Nginx {
    child: Child,
    port: u16,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Nginx {
    /// nginx in the foreground with `upstreams`, retrying a request on the
    /// next node when one refuses or drops the connection (a GET is
    /// idempotent, so nginx may resend it).
    fn start(dir: &Path, upstreams: &[u16]) -> Nginx {
        let port = free_port();
        let dir = dir.join("nginx");
        std::fs::create_dir_all(dir.join("tmp")).expect("dir");
        let servers: String = upstreams
            .iter()
            .map(|p| format!("    server 127.0.0.1:{p} max_fails=0;\n"))
            .collect();
        let d = dir.display();
        // As root, nginx's workers would switch to `nobody`; keep them root
        // (the test's temp files are root's).
        let user = if rustix::process::getuid().is_root() {
            "user root;"
        } else {
            ""
        };
        let conf = format!(
            "{user}
worker_processes 1;
daemon off;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {d}/tmp; proxy_temp_path {d}/tmp; fastcgi_temp_path {d}/tmp;
  uwsgi_temp_path {d}/tmp; scgi_temp_path {d}/tmp;
  upstream nano {{
{servers}    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://nano;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_set_header Host $host;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 4;
    }}
  }}
}}
"
        );
        let conf_path = dir.join("nginx.conf");
        std::fs::write(&conf_path, conf).expect("nginx.conf");
        let child = Command::new("nginx")
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(&conf_path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx is installed (apt-get install nginx)");
        let nginx = Nginx { child, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "nginx did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        nginx
    }
}

/// The KV fixture's apps in `dir`, with `"kv"` on `redis`.
fn redis_kv_config(dir: &Path, redis: &RedisServer) -> PathBuf {
    for file in ["counter.js", "api.js", "nano.json"] {
        std::fs::copy(serve_fixture("kv").join(file), dir.join(file)).expect("copy");
    }
    redis.kv_config(dir)
}

#[test]
fn a_rolling_restart_behind_nginx_loses_no_request() {
    let redis = RedisServer::start();
    let dir = temp_dir("nginx-rolling");
    let config = redis_kv_config(&dir, &redis);
    let ports = [free_port(), free_port()];
    let mut nodes = [
        Some(Node::start(&config, ports[0])),
        Some(Node::start(&config, ports[1])),
    ];
    let nginx = Nginx::start(&dir, &ports);
    let front = format!("127.0.0.1:{}", nginx.port);

    // Load: two clients, a fresh connection per request, until told.
    let done = Arc::new(AtomicBool::new(false));
    let ok = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let clients: Vec<_> = (0..2)
        .map(|_| {
            let (done, ok, failures, front) =
                (done.clone(), ok.clone(), failures.clone(), front.clone());
            std::thread::spawn(move || {
                while !done.load(Ordering::Relaxed) {
                    match http(&front, "GET", "/", &[("Host", "counter.test")], "") {
                        Some(reply) if reply.status == 200 => {
                            ok.fetch_add(1, Ordering::Relaxed);
                        }
                        Some(reply) => failures
                            .lock()
                            .unwrap()
                            .push(format!("{} {}", reply.status, reply.body)),
                        None => failures.lock().unwrap().push("no answer".into()),
                    }
                }
            })
        })
        .collect();

    std::thread::sleep(Duration::from_millis(500));
    for (i, port) in ports.iter().enumerate() {
        let node = nodes[i].take().expect("running");
        assert_eq!(node.stop(), Some(0), "node {i} drained and exited 0");
        // The other node carries the load meanwhile.
        std::thread::sleep(Duration::from_millis(300));
        nodes[i] = Some(Node::start(&config, *port));
        std::thread::sleep(Duration::from_millis(500));
    }
    done.store(true, Ordering::Relaxed);
    for client in clients {
        client.join().expect("client");
    }
    let failures = failures.lock().unwrap();
    let served = ok.load(Ordering::Relaxed);
    assert!(
        failures.is_empty(),
        "{} failed of {}: {:?}",
        failures.len(),
        served,
        &failures[..failures.len().min(5)]
    );
    assert!(served > 50, "only {served} requests went through");
    // Both nodes counted into the one Redis store.
    let count: usize = http(&front, "GET", "/peek", &[("Host", "counter.test")], "")
        .expect("peek")
        .body
        .parse()
        .expect("a number");
    assert!(count > 0);
}
