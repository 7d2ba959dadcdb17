//! A real `redis-server` (Debian's package; `.ci/run` installs it) on a
//! free loopback port, with no persistence, killed on drop.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct RedisServer {
    child: Child,
    pub port: u16,
    _dir: PathBuf,
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl RedisServer {
    pub fn start() -> RedisServer {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let dir = super::server::temp_dir("redis");
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server is installed (apt-get install redis-server)");
        let server = RedisServer {
            child,
            port,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while server.command("PING") != "+PONG\r\n" {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }

    /// `dir/nano.json` with its `"kv"` on this server, written as
    /// `dir/nano-redis.json` (the port is known only at run time).
    pub fn kv_config(&self, dir: &std::path::Path) -> PathBuf {
        let text = std::fs::read_to_string(dir.join("nano.json")).expect("config");
        let mut config: serde_json::Value = serde_json::from_str(&text).expect("json");
        config["kv"] = serde_json::json!({ "backend": "redis", "url": self.url() });
        let path = dir.join("nano-redis.json");
        std::fs::write(&path, config.to_string()).expect("write");
        path
    }

    /// One inline command and its raw reply ("" when not reachable).
    pub fn command(&self, line: &str) -> String {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return String::new();
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let _ = stream.write_all(format!("{line}\r\n").as_bytes());
        let mut reply = vec![0; 65536];
        let n = stream.read(&mut reply).unwrap_or(0);
        String::from_utf8_lossy(&reply[..n]).into_owned()
    }
}
