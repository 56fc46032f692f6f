#!/usr/bin/env python3
"""Generate the typed operations of `crates/api` from the models in `crates/wire/models/`.

For each service in `tools/typed_operations.json`, and only for the operations listed there
(the ones homeground implements or calls), this writes `crates/api/src/<service>.rs`:

- a struct for every input, output and nested structure those operations reach, with serde
  renames to the model's member names (optional members are `Option`s, required ones are not);
- an enum for every string enum (with `Unknown(String)` for values the model does not name);
- `Operation`, one variant per operation carrying its typed input, with `parse` (from the wire
  layer's decoded and validated input) and `name`;
- `Client`, one async method per operation over a `wire::typed::Transport`.

The output is committed and formatted with rustfmt, so building needs no Python. Re-run after
changing the list or the models:

    python3 tools/gen_types.py
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
RUST_KEYWORDS = {
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "async",
    "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield", "try",
}
# Type names a generated type must not take (they would shadow what the generated code uses).
RESERVED_TYPES = {"String", "Option", "Result", "Vec", "Box", "Value", "BTreeMap", "Operation", "Client",
                  "ApiError", "Transport", "Timestamp"}


def snake(name):
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    s = re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_").lower()
    if not s or s[0].isdigit():
        s = "m_" + s
    return "r#" + s if s in RUST_KEYWORDS else s


def pascal(name):
    parts = re.split(r"[^A-Za-z0-9]+", name)
    s = "".join(p[:1].upper() + p[1:] for p in parts if p)
    if not s or s[0].isdigit():
        s = "V" + s
    return s


class Gen:
    def __init__(self, service, model, ops):
        self.service = service
        self.model = model
        self.shapes = model["shapes"]
        self.ops = ops
        self.types = {}  # shape name -> Rust type name, for structures and enums
        self.order = []
        self.boxed = set()  # (struct shape, member) pairs that need a Box

    def type_name(self, shape):
        name = pascal(shape)
        if name in RESERVED_TYPES:
            name += "Shape"
        return name

    def visit(self, shape):
        s = self.shapes[shape]
        t = s["type"]
        if t == "structure" and not s.get("document"):
            if shape in self.types:
                return
            self.types[shape] = self.type_name(shape)
            self.order.append(shape)
            for m in s.get("members", {}).values():
                self.visit(m["shape"])
        elif t == "string" and s.get("enum"):
            if shape not in self.types:
                self.types[shape] = self.type_name(shape)
                self.order.append(shape)
        elif t == "list":
            self.visit(s["member"]["shape"])
        elif t == "map":
            self.visit(s["key"]["shape"])
            self.visit(s["value"]["shape"])

    def find_cycles(self):
        # A structure member whose structure can reach back to it through other Option members
        # needs a Box (lists and maps already put their elements on the heap).
        def direct(shape):
            out = []
            for mname, m in self.shapes[shape].get("members", {}).items():
                target = self.shapes[m["shape"]]
                if target["type"] == "structure" and not target.get("document"):
                    out.append((mname, m["shape"]))
            return out

        for shape in self.order:
            if self.shapes[shape]["type"] != "structure":
                continue
            for mname, target in direct(shape):
                seen, stack = set(), [target]
                while stack:
                    cur = stack.pop()
                    if cur == shape:
                        self.boxed.add((shape, mname))
                        break
                    if cur in seen:
                        continue
                    seen.add(cur)
                    stack.extend(t for _, t in direct(cur))

    def rust(self, shape):
        s = self.shapes[shape]
        t = s["type"]
        if t == "structure":
            return "Value" if s.get("document") else self.types[shape]
        if t == "string":
            return self.types[shape] if s.get("enum") else "String"
        if t == "blob":
            return "String"
        if t == "boolean":
            return "bool"
        if t == "integer":
            return "i32"
        if t == "long":
            return "i64"
        if t in ("float", "double"):
            return "f64"
        if t == "timestamp":
            return "Timestamp"
        if t == "list":
            return f"Vec<{self.rust(s['member']['shape'])}>"
        if t == "map":
            return f"BTreeMap<String, {self.rust(s['value']['shape'])}>"
        raise SystemExit(f"{self.service}: shape {shape} has unknown type {t}")

    def struct(self, shape):
        s = self.shapes[shape]
        name = self.types[shape]
        required = set(s.get("required", []))
        lines = [f"/// `{shape}`.", "#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]",
                 f"pub struct {name} {{"]
        used = set()
        for mname, m in s.get("members", {}).items():
            field = snake(mname)
            while field in used:
                field += "_"
            used.add(field)
            ty = self.rust(m["shape"])
            if (shape, mname) in self.boxed:
                ty = f"Box<{ty}>"
            if mname in required:
                lines.append(f'    #[serde(rename = "{mname}")]')
                lines.append(f"    pub {field}: {ty},")
            else:
                lines.append(f'    #[serde(rename = "{mname}", default, skip_serializing_if = "Option::is_none")]')
                lines.append(f"    pub {field}: Option<{ty}>,")
        lines.append("}")
        return "\n".join(lines)

    def enum(self, shape):
        values = self.shapes[shape]["enum"]
        name = self.types[shape]
        out, used = [f"wire::string_enum! {{", f"    /// `{shape}`: one of the model's values, or one it does not name.", f"    {name} {{"], set()
        for v in values:
            var = pascal(v)
            while var in used or var == "Unknown":
                var += "_"
            used.add(var)
            out.append(f"        {var} = {json.dumps(v)},")
        out.append("    }")
        out.append("}")
        return "\n".join(out)

    def render(self):
        for op in self.ops:
            o = self.model["operations"].get(op)
            if o is None:
                raise SystemExit(f"{self.service}: no operation {op} in the model")
            for k in ("input", "output"):
                if k in o:
                    self.visit(o[k])
        self.find_cycles()
        out = [
            f"//! `{self.service}`: typed inputs, outputs, the `Operation` enum and the `Client`, generated",
            "//! by `tools/gen_types.py` from `crates/wire/models/" + self.service + ".json` for the operations",
            "//! listed in `tools/typed_operations.json`. Do not edit: re-run the generator.",
            "#![allow(clippy::large_enum_variant, clippy::enum_variant_names, non_camel_case_types)]",
            "",
            "#[allow(unused_imports)]",
            "use std::collections::BTreeMap;",
            "",
            "use serde::{Deserialize, Serialize};",
            "#[allow(unused_imports)]",
            "use serde_json::Value;",
            "#[allow(unused_imports)]",
            "use wire::typed::Timestamp;",
            "use wire::ApiError;",
            "",
        ]
        for shape in sorted(self.order, key=lambda s: self.types[s]):
            if self.shapes[shape]["type"] == "structure":
                out.append(self.struct(shape))
            else:
                out.append(self.enum(shape))
            out.append("")
        # Operation
        out.append("/// One call of an operation this service implements, with its typed input.")
        out.append("#[derive(Debug, Clone, PartialEq)]")
        out.append("pub enum Operation {")
        for op in self.ops:
            o = self.model["operations"][op]
            if "input" in o:
                out.append(f"    {op}({self.types[o['input']]}),")
            else:
                out.append(f"    {op},")
        out.append("}")
        out.append("impl Operation {")
        out.append("    /// The operations' names, as the model spells them.")
        out.append("    pub const NAMES: &'static [&'static str] = &[" + ", ".join(f'"{op}"' for op in self.ops) + "];")
        out.append("")
        out.append("    /// The typed call from the wire layer's decoded, validated input; `None` for an operation")
        out.append("    /// of the model this service does not implement.")
        out.append("    pub fn parse(name: &str, input: Value) -> Result<Option<Operation>, ApiError> {")
        out.append("        Ok(Some(match name {")
        for op in self.ops:
            o = self.model["operations"][op]
            if "input" in o:
                out.append(f'            "{op}" => Operation::{op}(wire::typed::input(input)?),')
            else:
                out.append(f'            "{op}" => Operation::{op},')
        out.append("            _ => return Ok(None),")
        out.append("        }))")
        out.append("    }")
        out.append("")
        out.append("    pub fn name(&self) -> &'static str {")
        out.append("        match self {")
        for op in self.ops:
            o = self.model["operations"][op]
            pat = f"Operation::{op}(_)" if "input" in o else f"Operation::{op}"
            out.append(f'            {pat} => "{op}",')
        out.append("        }")
        out.append("    }")
        out.append("}")
        out.append("")
        # Client
        out.append("wire::typed_client! {")
        for op in self.ops:
            o = self.model["operations"][op]
            if "input" not in o:
                raise SystemExit(f"{self.service}: {op} has no input shape; typed_client! wants one")
            ret = self.types[o["output"]] if "output" in o else "wire::typed::Empty"
            out.append(f'    {snake(op)}({self.types[o["input"]]}) -> {ret} = "{op}";')
        out.append("}")
        return "\n".join(out) + "\n"


def main():
    args = sys.argv[1:]
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    with open(os.path.join(ROOT, "tools", "typed_operations.json"), encoding="utf-8") as f:
        wanted = json.load(f)
    stale = []
    for service in args or list(wanted):
        with open(os.path.join(ROOT, "crates", "wire", "models", f"{service}.json"), encoding="utf-8") as f:
            model = json.load(f)
        text = Gen(service, model, wanted[service]).render()
        text = subprocess.run(["rustfmt", "--edition", "2021", "--emit", "stdout", "--quiet"], input=text,
                              capture_output=True, text=True, check=True,
                              cwd=os.path.join(ROOT, "crates", "api")).stdout
        path = os.path.join(ROOT, "crates", "api", "src", f"{service}.rs")
        if check:
            with open(path, encoding="utf-8") as f:
                if f.read() != text:
                    stale.append(path)
            continue
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    if stale:
        raise SystemExit("generated types are stale (run python3 tools/gen_types.py): " + ", ".join(stale))


if __name__ == "__main__":
    main()
