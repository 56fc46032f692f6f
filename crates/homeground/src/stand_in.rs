//! `homeground stand-in`: what the public images of emulator mode's catalogue run
//! (`ec2::public_images`). A small HTTP server on the instance's port 80, as the images test
//! suites bring do, answering every request with the image and instance it stands in for.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args, Debug, Clone)]
pub struct StandInArgs {
    /// Where to serve HTTP (the instance's address, port 80).
    #[arg(long)]
    pub listen: String,
    /// The public image's name.
    #[arg(long)]
    pub image: String,
    /// The instance's id.
    #[arg(long, default_value = "")]
    pub instance_id: String,
}

pub fn run(a: StandInArgs) -> ExitCode {
    let listener = match TcpListener::bind(&a.listen) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("stand-in: listening on {}: {e}", a.listen);
            return ExitCode::FAILURE;
        }
    };
    println!("stand-in for {} serving http://{}/", a.image, a.listen);
    let page = format!("homeground stand-in for {}\ninstance {}\n", a.image, a.instance_id);
    for stream in listener.incoming().flatten() {
        let page = page.clone();
        std::thread::spawn(move || answer(stream, &page));
    }
    ExitCode::SUCCESS
}

/// Read the request's head (up to 16 KiB) and answer 200 with the page; the connection closes.
fn answer(mut stream: TcpStream, page: &str) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let body = if head.starts_with(b"HEAD ") { "" } else { page };
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        page.len()
    );
    let _ = stream.write_all(reply.as_bytes());
}
