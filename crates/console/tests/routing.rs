//! The gateway hands the console exactly its own paths, and nothing else.

use std::sync::Arc;

use gateway::Registry;

#[test]
fn only_console_paths_go_to_the_console() {
    let mut registry = Registry::default();
    assert!(registry.console("/console").is_none(), "no console registered, none served");
    registry.register_console(Arc::new(console::Console::new(Arc::new(|| 0.0))));
    for ours in ["/console", "/console/", "/console/api/call", "/console/assets/app.js"] {
        assert!(registry.console(ours).is_some(), "{ours}");
    }
    for theirs in ["/", "/consoles", "/console.html", "/x/console", "/2015-03-31/functions"] {
        assert!(registry.console(theirs).is_none(), "{theirs}");
    }
}
