//! The dependency graph: which resources each resource needs first (Ref, Fn::GetAtt, names in
//! Fn::Sub, DependsOn), checked for cycles.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::eval::{sub_pieces, SubPiece};
use super::{is_pseudo, Template};

/// Every name an expression refers to through Ref, Fn::GetAtt or Fn::Sub (parameters and
/// pseudo parameters included; the caller sorts them out).
pub fn references(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect(v, &mut out);
    out
}

fn collect(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) if m.len() == 1 => {
            let (k, arg) = m.iter().next().expect("one entry");
            match (k.as_str(), arg) {
                ("Ref", Value::String(name)) => push(out, name),
                ("Fn::GetAtt", Value::Array(a)) => {
                    if let Some(name) = a.first().and_then(Value::as_str) {
                        push(out, name);
                    }
                    a.iter().skip(1).for_each(|x| collect(x, out));
                }
                ("Fn::GetAtt", Value::String(s)) => push(out, s.split('.').next().unwrap_or_default()),
                ("Fn::Sub", Value::String(text)) => sub_names(text, &[], out),
                ("Fn::Sub", Value::Array(a)) if a.len() == 2 => {
                    let vars: Vec<String> = a[1].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
                    if let Some(text) = a[0].as_str() {
                        sub_names(text, &vars, out);
                    }
                    collect(&a[1], out);
                }
                _ => collect(arg, out),
            }
        }
        Value::Object(m) => m.values().for_each(|x| collect(x, out)),
        Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

fn sub_names(text: &str, vars: &[String], out: &mut Vec<String>) {
    for piece in sub_pieces(text) {
        if let SubPiece::Var(name) = piece {
            if vars.contains(&name) || is_pseudo(&name) {
                continue;
            }
            push(out, name.split('.').next().unwrap_or_default());
        }
    }
}

fn push(out: &mut Vec<String>, name: &str) {
    if !out.iter().any(|x| x == name) {
        out.push(name.to_string());
    }
}

/// Resources and what each needs first.
#[derive(Debug, Clone)]
pub struct Graph {
    /// logical id → the resources it depends on.
    pub deps: BTreeMap<String, BTreeSet<String>>,
}

impl Graph {
    /// Build the graph of a template; a cycle is CloudFormation's ValidationError.
    pub fn of(t: &Template) -> Result<Graph, String> {
        let mut deps = BTreeMap::new();
        for r in &t.resources {
            let mut d: BTreeSet<String> = r.depends_on.iter().cloned().collect();
            for name in references(&r.properties) {
                if t.resource(&name).is_some() {
                    d.insert(name);
                }
            }
            d.remove(&r.logical_id);
            deps.insert(r.logical_id.clone(), d);
        }
        // Self-references are cycles too.
        let mut cyclic: Vec<String> = t
            .resources
            .iter()
            .filter(|r| references(&r.properties).contains(&r.logical_id) || r.depends_on.contains(&r.logical_id))
            .map(|r| r.logical_id.clone())
            .collect();
        let g = Graph { deps };
        let order = g.order();
        if order.len() < g.deps.len() {
            for id in g.deps.keys() {
                if !order.contains(id) && !cyclic.contains(id) {
                    cyclic.push(id.clone());
                }
            }
        }
        if !cyclic.is_empty() {
            cyclic.sort();
            return Err(format!("Circular dependency between resources: [{}]", cyclic.join(", ")));
        }
        Ok(g)
    }

    /// A creation order (Kahn's algorithm); resources in a cycle are left out.
    pub fn order(&self) -> Vec<String> {
        let mut done: Vec<String> = Vec::new();
        loop {
            let next: Vec<String> = self
                .deps
                .iter()
                .filter(|(id, d)| !done.contains(id) && d.iter().all(|x| done.contains(x)))
                .map(|(id, _)| id.clone())
                .collect();
            if next.is_empty() {
                return done;
            }
            done.extend(next);
        }
    }

    /// The resources that depend on `id`.
    pub fn dependents(&self, id: &str) -> Vec<String> {
        self.deps.iter().filter(|(_, d)| d.contains(id)).map(|(k, _)| k.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn references_found_in_ref_getatt_and_sub() {
        let v = json!({"A": {"Ref": "X"}, "B": {"Fn::GetAtt": ["Y", "Arn"]}, "C": {"Fn::Sub": "${Z.DNSName}-${AWS::Region}-${!No}"},
                        "D": {"Fn::Sub": ["${V}-${W}", {"V": {"Ref": "U"}}]}});
        assert_eq!(references(&v), vec!["X", "Y", "Z", "W", "U"]);
    }

    #[test]
    fn order_puts_dependencies_first() {
        let t = Template::parse(
            "Resources:\n  C:\n    Type: AWS::SNS::Topic\n    DependsOn: [B]\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !GetAtt A.TopicName\n  A:\n    Type: AWS::SNS::Topic\n",
        )
        .unwrap();
        let g = Graph::of(&t).unwrap();
        assert_eq!(g.order(), vec!["A", "B", "C"]);
        assert_eq!(g.dependents("A"), vec!["B"]);
    }
}
