//! `homeground cfn-init`: AWS's `cfn-init` helper for instances. It reads the resource's
//! `AWS::CloudFormation::Init` metadata through DescribeStackResource (signed like
//! `cfn-signal`'s SignalResource: the instance profile's credentials from the metadata service)
//! and applies the configs of the chosen config sets in order: `files` (inline `content`, a
//! string or JSON; `encoding` plain or base64; `mode`; `owner`/`group` when run as root) and
//! `commands` (by name, alphabetically; `command` a string for the shell or an argument list,
//! `env`, `cwd`, `test`, `ignoreErrors`). Instance paths are under the instance's root
//! directory (`HOMEGROUND_INSTANCE_ROOT`, else the working directory user data starts in).
//! `packages`, `groups`, `users`, `sources`, `services` and files from a `source` URL are not
//! supported: cfn-init says so and exits non-zero before changing anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use base64::Engine;
use serde_json::Value;

use crate::cfn_signal::call_cloudformation;

#[derive(clap::Args, Debug, Clone)]
pub struct CfnInitArgs {
    /// The stack (name or id) whose resource carries the metadata.
    #[arg(short = 's', long)]
    pub stack: String,
    /// The logical id of the resource whose `AWS::CloudFormation::Init` metadata is applied.
    #[arg(short = 'r', long)]
    pub resource: String,
    /// The region (the instance's own by default).
    #[arg(long, env = "AWS_REGION")]
    pub region: Option<String>,
    /// The config sets to apply, comma-separated (`default` by default).
    #[arg(short = 'c', long = "configsets", default_value = "default")]
    pub configsets: String,
    /// The CloudFormation endpoint (set on instances by the region).
    #[arg(short = 'u', long, env = "HOMEGROUND_ENDPOINT")]
    pub url: Option<String>,
    /// The instance profile role whose credentials sign the call (the only one, by default).
    #[arg(long)]
    pub role: Option<String>,
    /// Say what is done.
    #[arg(short = 'v', long)]
    pub verbose: bool,
}

pub fn run(a: CfnInitArgs) -> ExitCode {
    match init(&a) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cfn-init: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init(a: &CfnInitArgs) -> Result<(), String> {
    let endpoint = a.url.clone().ok_or("no endpoint: give --url (or set HOMEGROUND_ENDPOINT)")?;
    let region = a.region.clone().ok_or("no region: give --region")?;
    let answer = call_cloudformation(
        &endpoint,
        &region,
        a.role.as_deref(),
        &[("Action", "DescribeStackResource"), ("StackName", &a.stack), ("LogicalResourceId", &a.resource)],
    )?;
    let metadata = xml_text(&answer, "Metadata").unwrap_or_else(|| "{}".into());
    let metadata: Value =
        serde_json::from_str(&metadata).map_err(|e| format!("the resource's Metadata is not JSON: {e}"))?;
    let init = metadata
        .get("AWS::CloudFormation::Init")
        .ok_or_else(|| format!("resource {} has no AWS::CloudFormation::Init metadata", a.resource))?;
    let sets: Vec<&str> = a.configsets.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    let mut names = Vec::new();
    for set in sets {
        expand(init, set, &mut names, 0)?;
    }
    let configs: Vec<(&str, &Value)> = names
        .iter()
        .map(|n| init.get(n.as_str()).map(|c| (n.as_str(), c)).ok_or_else(|| format!("Could not find config {n}")))
        .collect::<Result<_, _>>()?;
    // What is not supported stops cfn-init before anything is changed.
    for (name, config) in &configs {
        unsupported(name, config)?;
    }
    let root = instance_root();
    for (name, config) in configs {
        if a.verbose {
            println!("cfn-init: applying config {name}");
        }
        apply(&root, name, config, a.verbose)?;
    }
    Ok(())
}

/// The configs a config set names, in order (`{"ConfigSet": …}` entries expanded). Without
/// `configSets`, the `default` set is the one config named `config`.
fn expand(init: &Value, set: &str, out: &mut Vec<String>, depth: usize) -> Result<(), String> {
    if depth > 10 {
        return Err(format!("ConfigSet {set} refers to itself"));
    }
    let Some(sets) = init.get("configSets") else {
        if set == "default" {
            out.push("config".into());
            return Ok(());
        }
        return Err(format!("ConfigSet {set} not found: the metadata has no configSets"));
    };
    let items = match sets.get(set) {
        Some(Value::Array(a)) => a.clone(),
        Some(Value::String(s)) => vec![Value::String(s.clone())],
        Some(_) => return Err(format!("ConfigSet {set} must be a list")),
        None => return Err(format!("ConfigSet {set} not found")),
    };
    for item in items {
        match item {
            Value::String(s) => out.push(s),
            Value::Object(m) => match m.get("ConfigSet").and_then(Value::as_str) {
                Some(inner) => expand(init, inner, out, depth + 1)?,
                None => return Err(format!("ConfigSet {set} has an entry that is neither a config nor a ConfigSet")),
            },
            _ => return Err(format!("ConfigSet {set} has an entry that is neither a config nor a ConfigSet")),
        }
    }
    Ok(())
}

const UNSUPPORTED: [&str; 5] = ["packages", "groups", "users", "sources", "services"];

fn unsupported(name: &str, config: &Value) -> Result<(), String> {
    for key in UNSUPPORTED {
        let used = match config.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Object(m)) => !m.is_empty(),
            Some(_) => true,
        };
        if used {
            return Err(format!(
                "config {name}: `{key}` is not supported by this region's cfn-init (only files and commands are); \
                 install or start it from a command instead"
            ));
        }
    }
    if let Some(files) = config.get("files").and_then(Value::as_object) {
        for (path, f) in files {
            if f.get("source").is_some() {
                return Err(format!(
                    "config {name}: file {path}: `source` is not supported by this region's cfn-init; give `content`"
                ));
            }
        }
    }
    Ok(())
}

fn instance_root() -> PathBuf {
    std::env::var_os("HOMEGROUND_INSTANCE_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// An instance path (absolute, as in the template) under the instance's root directory.
fn under(root: &Path, path: &str) -> Result<PathBuf, String> {
    if !path.starts_with('/') {
        return Err(format!("{path}: file paths must be absolute"));
    }
    if path.split('/').any(|c| c == "..") {
        return Err(format!("{path}: `..` is not allowed in a path"));
    }
    Ok(root.join(path.trim_start_matches('/')))
}

fn apply(root: &Path, name: &str, config: &Value, verbose: bool) -> Result<(), String> {
    if let Some(files) = config.get("files").and_then(Value::as_object) {
        for (path, f) in files {
            write_file(root, path, f).map_err(|e| format!("config {name}: file {path}: {e}"))?;
            if verbose {
                println!("cfn-init: wrote {path}");
            }
        }
    }
    if let Some(commands) = config.get("commands").and_then(Value::as_object) {
        // Alphabetically by name, as AWS's cfn-init runs them.
        let sorted: BTreeMap<&String, &Value> = commands.iter().collect();
        for (cmd_name, c) in sorted {
            run_command(root, cmd_name, c, verbose).map_err(|e| format!("config {name}: {e}"))?;
        }
    }
    Ok(())
}

fn truthy(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

fn write_file(root: &Path, path: &str, f: &Value) -> Result<(), String> {
    let target = under(root, path)?;
    let content: Vec<u8> = match f.get("content") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => match f.get("encoding").and_then(Value::as_str).unwrap_or("plain") {
            "plain" => s.clone().into_bytes(),
            "base64" => base64::engine::general_purpose::STANDARD
                .decode(s.trim())
                .map_err(|e| format!("content is not base64: {e}"))?,
            other => return Err(format!("unknown encoding {other} (plain or base64)")),
        },
        Some(other) => serde_json::to_vec_pretty(other).map_err(|e| e.to_string())?,
    };
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    let tmp = target.with_file_name(format!(
        ".{}.cfn-init",
        target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    ));
    std::fs::write(&tmp, &content).map_err(|e| format!("writing: {e}"))?;
    let mode = match f.get("mode").and_then(Value::as_str) {
        Some(m) => u32::from_str_radix(m.trim(), 8).map_err(|_| format!("mode {m} is not octal"))? & 0o7777,
        None => 0o644,
    };
    std::fs::set_permissions(&tmp, std::os::unix::fs::PermissionsExt::from_mode(mode))
        .map_err(|e| format!("setting mode: {e}"))?;
    let owner = f.get("owner").and_then(Value::as_str);
    let group = f.get("group").and_then(Value::as_str);
    if owner.is_some() || group.is_some() {
        // SAFETY: geteuid(2) only reads the process's effective user id.
        if unsafe { libc::geteuid() } == 0 {
            let spec = format!("{}:{}", owner.unwrap_or(""), group.unwrap_or(""));
            let ok = Command::new("chown").arg(&spec).arg(&tmp).status().map(|s| s.success()).unwrap_or(false);
            if !ok {
                let _ = std::fs::remove_file(&tmp);
                return Err(format!("chown {spec} failed"));
            }
        } else {
            eprintln!("cfn-init: {path}: owner/group left as they are (cfn-init is not running as root)");
        }
    }
    std::fs::rename(&tmp, &target).map_err(|e| format!("writing: {e}"))
}

fn run_command(root: &Path, name: &str, c: &Value, verbose: bool) -> Result<(), String> {
    let cwd = match c.get("cwd").and_then(Value::as_str) {
        Some(d) => under(root, d)?,
        None => root.to_path_buf(),
    };
    let env: Vec<(String, String)> = c
        .get("env")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter().map(|(k, v)| (k.clone(), v.as_str().map(String::from).unwrap_or_else(|| v.to_string()))).collect()
        })
        .unwrap_or_default();
    if let Some(test) = c.get("test").and_then(Value::as_str) {
        let passed = Command::new("/bin/sh")
            .arg("-c")
            .arg(test)
            .current_dir(&cwd)
            .envs(env.iter().cloned())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !passed {
            if verbose {
                println!("cfn-init: command {name} skipped: its test did not pass");
            }
            return Ok(());
        }
    }
    let mut cmd = match c.get("command") {
        Some(Value::String(s)) => {
            let mut cmd = Command::new("/bin/sh");
            cmd.arg("-c").arg(s);
            cmd
        }
        Some(Value::Array(a)) if !a.is_empty() => {
            let args: Vec<String> =
                a.iter().map(|v| v.as_str().map(String::from).unwrap_or_else(|| v.to_string())).collect();
            let mut cmd = Command::new(&args[0]);
            cmd.args(&args[1..]);
            cmd
        }
        _ => return Err(format!("command {name} has no command")),
    };
    if verbose {
        println!("cfn-init: running command {name}");
    }
    let status =
        cmd.current_dir(&cwd).envs(env.iter().cloned()).status().map_err(|e| format!("Command {name} failed: {e}"))?;
    if !status.success() && !truthy(c.get("ignoreErrors")) {
        return Err(format!("Command {name} failed (exit status {})", status.code().unwrap_or(-1)));
    }
    Ok(())
}

/// The text of the first `<tag>` in an XML answer, entities decoded.
fn xml_text(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let start = xml.find(&open)? + open.len();
    let raw = xml[start..].split(&format!("</{tag}>")).next()?;
    Some(unescape(raw))
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => {
                u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32)
            }
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_sets_expand_in_order() {
        let init = serde_json::json!({
            "configSets": {"default": ["a", {"ConfigSet": "more"}], "more": ["b", "c"]},
            "a": {}, "b": {}, "c": {}
        });
        let mut out = vec![];
        expand(&init, "default", &mut out, 0).unwrap();
        assert_eq!(out, ["a", "b", "c"]);
        let mut out = vec![];
        expand(&serde_json::json!({"config": {}}), "default", &mut out, 0).unwrap();
        assert_eq!(out, ["config"]);
        assert!(expand(&init, "nope", &mut vec![], 0).is_err());
    }

    #[test]
    fn packages_and_services_are_refused_before_anything_runs() {
        let c = serde_json::json!({"packages": {"yum": {"httpd": []}}, "files": {}});
        assert!(unsupported("config", &c).unwrap_err().contains("`packages` is not supported"));
        let c = serde_json::json!({"services": {"sysvinit": {"httpd": {"enabled": true}}}});
        assert!(unsupported("config", &c).unwrap_err().contains("`services` is not supported"));
        let c = serde_json::json!({"files": {"/a": {"source": "http://x/y"}}});
        assert!(unsupported("config", &c).unwrap_err().contains("`source` is not supported"));
        assert!(unsupported("config", &serde_json::json!({"packages": {}, "files": {"/a": {"content": "x"}}})).is_ok());
    }

    #[test]
    fn files_and_commands_apply_under_the_root() {
        let root = std::env::temp_dir().join(format!("cfn-init-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let c = serde_json::json!({
            "files": {
                "/etc/app/app.conf": {"content": "port=80\n", "mode": "000600"},
                "/etc/app/app.json": {"content": {"port": 80}},
                "/etc/app/b64": {"content": "aGk=", "encoding": "base64"}
            },
            "commands": {
                "b_second": {"command": "cat etc/app/app.conf >> out.txt"},
                "a_first": {"command": ["sh", "-c", "echo \"$GREETING\" > out.txt"], "env": {"GREETING": "hi"}},
                "c_skipped": {"command": "echo no >> out.txt", "test": "false"},
                "d_ignored": {"command": "exit 3", "ignoreErrors": "true"}
            }
        });
        apply(&root, "config", &c, false).unwrap();
        assert_eq!(std::fs::read_to_string(root.join("out.txt")).unwrap(), "hi\nport=80\n");
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(root.join("etc/app/app.conf")).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o600);
        let json: Value = serde_json::from_slice(&std::fs::read(root.join("etc/app/app.json")).unwrap()).unwrap();
        assert_eq!(json, serde_json::json!({"port": 80}));
        assert_eq!(std::fs::read(root.join("etc/app/b64")).unwrap(), b"hi");
        let failing = serde_json::json!({"commands": {"x": {"command": "exit 2"}}});
        assert_eq!(
            apply(&root, "config", &failing, false).unwrap_err(),
            "config config: Command x failed (exit status 2)"
        );
        assert!(under(&root, "relative").is_err() && under(&root, "/a/../b").is_err());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn xml_entities_decode() {
        let xml = "<R><Metadata>{&quot;a&quot;:&quot;&lt;b&gt; &amp; c&#10;&#x41;&quot;}</Metadata></R>";
        assert_eq!(xml_text(xml, "Metadata").unwrap(), "{\"a\":\"<b> & c\nA\"}");
    }
}
