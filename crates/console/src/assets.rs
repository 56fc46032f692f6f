//! The console's files, compiled into the binary.

use gateway::ConsoleAnswer;

/// (name under `/console/assets/`, content type, bytes); `index.html` is served at `/console`.
const FILES: &[(&str, &str, &[u8])] = &[
    ("index.html", "text/html; charset=utf-8", include_bytes!("../assets/index.html")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../assets/app.js")),
    ("app.css", "text/css; charset=utf-8", include_bytes!("../assets/app.css")),
    ("favicon.svg", "image/svg+xml", include_bytes!("../assets/favicon.svg")),
];

pub fn page(name: &str) -> ConsoleAnswer {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, content_type, bytes)) => ConsoleAnswer {
            status: 200,
            headers: vec![("content-type", content_type.to_string()), ("cache-control", "no-cache".into())],
            body: bytes.to_vec(),
        },
        None => {
            crate::json_answer(404, &serde_json::json!({"error": {"code": "NotFound", "message": "No such file."}}))
        }
    }
}
