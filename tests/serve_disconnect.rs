//! A client that goes away before its answer: the app sees the Request's
//! signal abort (as in deno and workerd), and the server keeps serving.

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

mod support;

use support::server::{Server, serve_fixture};

#[test]
fn a_client_that_disconnects_aborts_the_request_signal() {
    // fixtures/serve/disconnect/app.js: `/wait` answers when its request's
    // signal aborts, `/last` tells what the last `/wait` saw.
    let app = serve_fixture("disconnect/app.js");
    let server = Server::start(
        &["--app", app.to_str().expect("utf-8"), "--threads", "1"],
        &[],
    );
    assert_eq!(server.get("x.test", "/last").body, "none");

    let mut client = TcpStream::connect(&server.addr).expect("connect");
    client
        .write_all(b"GET /wait HTTP/1.1\r\nHost: x.test\r\n\r\n")
        .expect("send");
    // Let the request reach the app, then go away without reading.
    std::thread::sleep(Duration::from_millis(300));
    drop(client);

    let started = Instant::now();
    let mut last = String::new();
    while started.elapsed() < Duration::from_secs(8) {
        last = server.get("x.test", "/last").body;
        if last != "none" {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(last, "abort event: aborted=true reason=AbortError");
}
