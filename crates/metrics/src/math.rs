//! Metric math ("Using math expressions with CloudWatch metrics"): the expressions of
//! GetMetricData queries and metric-math alarms. Arithmetic `+ - * / ^` between time series
//! and scalars (a series with a series keeps the timestamps both have), comparisons and
//! `AND`/`OR` (1 or 0) for `IF`, arrays `[a, b]` and `METRICS()` / `METRICS("id part")`, and the
//! functions ABS, CEIL, FLOOR, SQRT, LOG, LOG10, SUM, AVG, MIN, MAX, STDDEV (over one series:
//! a scalar; over an array: a series, point by point), RATE and DIFF (per consecutive
//! datapoints), FILL(m, value | REPEAT | LINEAR), IF(cond, a[, b]) and PERIOD(m). Pure: the
//! caller hands in the other queries' results.

use std::collections::BTreeMap;

/// Timestamp (epoch seconds) → value.
pub type Series = BTreeMap<i64, f64>;

#[derive(Debug, Clone, PartialEq)]
pub enum MathValue {
    Scalar(f64),
    Series(Series),
    /// Several series, each with the Id (or label) it came from.
    Array(Vec<(String, Series)>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    Num(f64),
    Str(String),
    /// Another query's Id, or a bare keyword argument (REPEAT, LINEAR).
    Ref(String),
    Neg(Box<Ast>),
    Bin(char, Box<Ast>, Box<Ast>),
    /// Comparison or logical operator: `<`, `<=`, `>`, `>=`, `==`, `!=`, `AND`, `OR`.
    Cmp(&'static str, Box<Ast>, Box<Ast>),
    Call(String, Vec<Ast>),
    List(Vec<Ast>),
}

impl Ast {
    /// The query Ids the expression reads (excluding keyword arguments).
    pub fn references(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.walk(&mut |a| {
            if let Ast::Ref(r) = a {
                if !matches!(r.as_str(), "REPEAT" | "LINEAR") && !out.contains(r) {
                    out.push(r.clone());
                }
            }
        });
        out
    }

    /// Whether it calls METRICS() (and so reads every MetricStat query).
    pub fn uses_all_metrics(&self) -> bool {
        let mut found = false;
        self.walk(&mut |a| found |= matches!(a, Ast::Call(f, _) if f == "METRICS"));
        found
    }

    fn walk(&self, f: &mut dyn FnMut(&Ast)) {
        f(self);
        match self {
            Ast::Neg(a) => a.walk(f),
            Ast::Bin(_, a, b) | Ast::Cmp(_, a, b) => {
                a.walk(f);
                b.walk(f);
            }
            Ast::Call(_, args) | Ast::List(args) => args.iter().for_each(|a| a.walk(f)),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Str(String),
    Sym(&'static str),
}

const SYMBOLS: [&str; 16] = ["<=", ">=", "==", "!=", "&&", "||", "<", ">", "+", "-", "*", "/", "^", "(", ")", ","];

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, String> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    'outer: while i < b.len() {
        let c = b[i] as char;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == '[' || c == ']' {
            out.push((i, Tok::Sym(if c == '[' { "[" } else { "]" })));
            i += 1;
            continue;
        }
        for s in SYMBOLS {
            if src[i..].starts_with(s) {
                out.push((i, Tok::Sym(s)));
                i += s.len();
                continue 'outer;
            }
        }
        let start = i;
        if c.is_ascii_digit() || c == '.' {
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b'e' || b[i] == b'E') {
                i += 1;
            }
            let n: f64 =
                src[start..i].parse().map_err(|_| format!("Invalid number '{}' at char {start}", &src[start..i]))?;
            out.push((start, Tok::Num(n)));
        } else if c.is_ascii_alphabetic() || c == '_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push((start, Tok::Ident(src[start..i].to_string())));
        } else if c == '"' || c == '\'' {
            i += 1;
            while i < b.len() && b[i] as char != c {
                i += 1;
            }
            if i == b.len() {
                return Err(format!("Unterminated string at char {start}"));
            }
            out.push((start, Tok::Str(src[start + 1..i].to_string())));
            i += 1;
        } else {
            return Err(format!("Unsupported character '{c}' at char {start}"));
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }

    fn eat(&mut self, sym: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Sym(s)) if *s == sym) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, w: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Ident(s)) if s == w) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn error(&self) -> String {
        match self.toks.get(self.pos) {
            Some((at, t)) => {
                let text = match t {
                    Tok::Num(n) => n.to_string(),
                    Tok::Ident(s) => s.clone(),
                    Tok::Str(s) => format!("\"{s}\""),
                    Tok::Sym(s) => s.to_string(),
                };
                format!("Unsupported token '{text}' at char {at}")
            }
            None => "Unexpected end of expression".into(),
        }
    }

    fn expect(&mut self, sym: &str) -> Result<(), String> {
        if self.eat(sym) {
            Ok(())
        } else {
            Err(self.error())
        }
    }

    fn logical(&mut self) -> Result<Ast, String> {
        let mut left = self.comparison()?;
        loop {
            let op = if self.eat("||") || self.eat_word("OR") {
                "OR"
            } else if self.eat("&&") || self.eat_word("AND") {
                "AND"
            } else {
                return Ok(left);
            };
            left = Ast::Cmp(op, Box::new(left), Box::new(self.comparison()?));
        }
    }

    fn comparison(&mut self) -> Result<Ast, String> {
        let left = self.additive()?;
        for op in ["<=", ">=", "==", "!=", "<", ">"] {
            if self.eat(op) {
                return Ok(Ast::Cmp(op, Box::new(left), Box::new(self.additive()?)));
            }
        }
        Ok(left)
    }

    fn additive(&mut self) -> Result<Ast, String> {
        let mut left = self.term()?;
        loop {
            let op = if self.eat("+") {
                '+'
            } else if self.eat("-") {
                '-'
            } else {
                return Ok(left);
            };
            left = Ast::Bin(op, Box::new(left), Box::new(self.term()?));
        }
    }

    fn term(&mut self) -> Result<Ast, String> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat("*") {
                '*'
            } else if self.eat("/") {
                '/'
            } else {
                return Ok(left);
            };
            left = Ast::Bin(op, Box::new(left), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Ast, String> {
        if self.eat("-") {
            return Ok(Ast::Neg(Box::new(self.unary()?)));
        }
        let base = self.primary()?;
        if self.eat("^") {
            return Ok(Ast::Bin('^', Box::new(base), Box::new(self.unary()?)));
        }
        Ok(base)
    }

    fn list(&mut self, close: &str) -> Result<Vec<Ast>, String> {
        let mut items = Vec::new();
        if self.eat(close) {
            return Ok(items);
        }
        loop {
            items.push(self.logical()?);
            if self.eat(close) {
                return Ok(items);
            }
            self.expect(",")?;
        }
    }

    fn primary(&mut self) -> Result<Ast, String> {
        let Some(tok) = self.peek().cloned() else { return Err(self.error()) };
        match tok {
            Tok::Num(n) => {
                self.pos += 1;
                Ok(Ast::Num(n))
            }
            Tok::Str(s) => {
                self.pos += 1;
                Ok(Ast::Str(s))
            }
            Tok::Sym("(") => {
                self.pos += 1;
                let e = self.logical()?;
                self.expect(")")?;
                Ok(e)
            }
            Tok::Sym("[") => {
                self.pos += 1;
                Ok(Ast::List(self.list("]")?))
            }
            Tok::Ident(name) => {
                self.pos += 1;
                if self.eat("(") {
                    let upper = name.to_ascii_uppercase();
                    if !FUNCTIONS.contains(&upper.as_str()) {
                        return Err(format!("Unrecognized function '{name}'"));
                    }
                    Ok(Ast::Call(upper, self.list(")")?))
                } else {
                    Ok(Ast::Ref(name))
                }
            }
            Tok::Sym(_) => Err(self.error()),
        }
    }
}

const FUNCTIONS: [&str; 17] = [
    "ABS", "CEIL", "FLOOR", "SQRT", "LOG", "LOG10", "SUM", "AVG", "MIN", "MAX", "STDDEV", "RATE", "DIFF", "FILL", "IF",
    "METRICS", "PERIOD",
];

/// Parse an expression.
pub fn parse(src: &str) -> Result<Ast, String> {
    let mut p = Parser { toks: lex(src)?, pos: 0 };
    let e = p.logical()?;
    if p.pos < p.toks.len() {
        return Err(p.error());
    }
    Ok(e)
}

/// What an expression sees: the query window, the period, the other queries' values by Id,
/// and the MetricStat queries in request order (for METRICS()).
pub struct Context<'a> {
    pub start: i64,
    pub end: i64,
    pub period: i64,
    pub lookup: &'a dyn Fn(&str) -> Option<MathValue>,
    pub metrics: &'a [(String, Series)],
}

fn map_series(v: MathValue, f: &dyn Fn(&Series) -> Series) -> MathValue {
    match v {
        MathValue::Scalar(x) => MathValue::Scalar(x),
        MathValue::Series(s) => MathValue::Series(f(&s)),
        MathValue::Array(a) => MathValue::Array(a.into_iter().map(|(id, s)| (id, f(&s))).collect()),
    }
}

fn map_values(v: MathValue, f: &dyn Fn(f64) -> f64) -> MathValue {
    match v {
        MathValue::Scalar(x) => MathValue::Scalar(f(x)),
        other => map_series(other, &|s| s.iter().map(|(t, x)| (*t, f(*x))).collect()),
    }
}

fn combine(a: MathValue, b: MathValue, f: &dyn Fn(f64, f64) -> f64) -> Result<MathValue, String> {
    use MathValue::{Array, Scalar};
    let pair = |x: &Series, y: &Series| -> Series {
        x.iter().filter_map(|(t, v)| y.get(t).map(|w| (*t, f(*v, *w)))).collect()
    };
    Ok(match (a, b) {
        (Scalar(x), Scalar(y)) => Scalar(f(x, y)),
        (Scalar(x), other) => map_values(other, &|v| f(x, v)),
        (other, Scalar(y)) => map_values(other, &|v| f(v, y)),
        (MathValue::Series(x), MathValue::Series(y)) => MathValue::Series(pair(&x, &y)),
        (Array(xs), MathValue::Series(y)) => Array(xs.into_iter().map(|(id, x)| (id, pair(&x, &y))).collect()),
        (MathValue::Series(x), Array(ys)) => Array(ys.into_iter().map(|(id, y)| (id, pair(&x, &y))).collect()),
        (Array(xs), Array(ys)) => {
            if xs.len() != ys.len() {
                return Err("Arrays of different sizes cannot be combined".into());
            }
            Array(xs.into_iter().zip(ys).map(|((id, x), (_, y))| (id, pair(&x, &y))).collect())
        }
    })
}

/// Reduce a list of values with `f`: over one series → a scalar, over an array → a series.
fn aggregate(v: MathValue, f: fn(&[f64]) -> f64) -> MathValue {
    match v {
        MathValue::Scalar(x) => MathValue::Scalar(f(&[x])),
        MathValue::Series(s) => {
            let vals: Vec<f64> = s.values().copied().collect();
            MathValue::Scalar(if vals.is_empty() { f64::NAN } else { f(&vals) })
        }
        MathValue::Array(a) => {
            let mut at: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
            for (_, s) in &a {
                for (t, x) in s {
                    at.entry(*t).or_default().push(*x);
                }
            }
            MathValue::Series(at.into_iter().map(|(t, xs)| (t, f(&xs))).collect())
        }
    }
}

fn sum(xs: &[f64]) -> f64 {
    xs.iter().sum()
}
fn avg(xs: &[f64]) -> f64 {
    sum(xs) / xs.len() as f64
}
fn min(xs: &[f64]) -> f64 {
    xs.iter().copied().fold(f64::INFINITY, f64::min)
}
fn max(xs: &[f64]) -> f64 {
    xs.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}
fn stddev(xs: &[f64]) -> f64 {
    let m = avg(xs);
    (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / xs.len() as f64).sqrt()
}

/// Consecutive datapoints: `f(value change, seconds between)`.
fn consecutive(s: &Series, f: fn(f64, f64) -> f64) -> Series {
    s.iter().zip(s.iter().skip(1)).map(|((t0, v0), (t1, v1))| (*t1, f(v1 - v0, (t1 - t0) as f64))).collect()
}

const FILL_ARG: &str = "FILL's second argument must be a scalar, a time series, REPEAT or LINEAR";

fn fill(s: &Series, how: &MathValue, keyword: Option<&str>, cx: &Context) -> Series {
    let p = cx.period.max(1);
    let first = cx.start.div_euclid(p) * p + if cx.start.rem_euclid(p) == 0 { 0 } else { p };
    let mut out = Series::new();
    let mut t = first;
    while t < cx.end {
        let v = match s.get(&t) {
            Some(v) => Some(*v),
            None => match (keyword, how) {
                (Some("REPEAT"), _) => s.range(..t).next_back().map(|(_, v)| *v),
                (Some("LINEAR"), _) => {
                    let before = s.range(..t).next_back();
                    let after = s.range(t..).next();
                    match (before, after) {
                        (Some((t0, v0)), Some((t1, v1))) => Some(v0 + (v1 - v0) * (t - t0) as f64 / (t1 - t0) as f64),
                        _ => None,
                    }
                }
                (_, MathValue::Scalar(x)) => Some(*x),
                (_, MathValue::Series(f)) => f.get(&t).copied(),
                (_, MathValue::Array(_)) => None,
            },
        };
        if let Some(v) = v {
            out.insert(t, v);
        }
        t += p;
    }
    out
}

fn truth(x: bool) -> f64 {
    if x {
        1.0
    } else {
        0.0
    }
}

/// Evaluate an expression.
pub fn eval(ast: &Ast, cx: &Context) -> Result<MathValue, String> {
    match ast {
        Ast::Num(n) => Ok(MathValue::Scalar(*n)),
        Ast::Str(s) => Err(format!("Unexpected string \"{s}\"")),
        Ast::Ref(id) => (cx.lookup)(id).ok_or_else(|| format!("Unrecognized identifier '{id}'")),
        Ast::Neg(a) => Ok(map_values(eval(a, cx)?, &|v| -v)),
        Ast::Bin(op, a, b) => {
            let f: fn(f64, f64) -> f64 = match op {
                '+' => |x, y| x + y,
                '-' => |x, y| x - y,
                '*' => |x, y| x * y,
                '/' => |x, y| x / y,
                _ => f64::powf,
            };
            combine(eval(a, cx)?, eval(b, cx)?, &f)
        }
        Ast::Cmp(op, a, b) => {
            let f: fn(f64, f64) -> bool = match *op {
                "<" => |x, y| x < y,
                "<=" => |x, y| x <= y,
                ">" => |x, y| x > y,
                ">=" => |x, y| x >= y,
                "==" => |x, y| x == y,
                "!=" => |x, y| x != y,
                "AND" => |x, y| x != 0.0 && y != 0.0,
                _ => |x, y| x != 0.0 || y != 0.0,
            };
            combine(eval(a, cx)?, eval(b, cx)?, &|x, y| truth(f(x, y)))
        }
        Ast::List(items) => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match eval(item, cx)? {
                    MathValue::Series(s) => {
                        let id = match item {
                            Ast::Ref(r) => r.clone(),
                            _ => format!("{i}"),
                        };
                        out.push((id, s));
                    }
                    MathValue::Array(a) => out.extend(a),
                    MathValue::Scalar(_) => return Err("An array may hold only time series".into()),
                }
            }
            Ok(MathValue::Array(out))
        }
        Ast::Call(f, args) => call(f, args, cx),
    }
}

fn call(f: &str, args: &[Ast], cx: &Context) -> Result<MathValue, String> {
    let arity = |n: std::ops::RangeInclusive<usize>| -> Result<(), String> {
        if n.contains(&args.len()) {
            Ok(())
        } else {
            Err(format!("Function {f} takes {} arguments, {} given", n.start(), args.len()))
        }
    };
    let unary = |g: fn(f64) -> f64| -> Result<MathValue, String> {
        arity(1..=1)?;
        Ok(map_values(eval(&args[0], cx)?, &g))
    };
    match f {
        "ABS" => unary(f64::abs),
        "CEIL" => unary(f64::ceil),
        "FLOOR" => unary(f64::floor),
        "SQRT" => unary(f64::sqrt),
        "LOG" => unary(f64::ln),
        "LOG10" => unary(f64::log10),
        "SUM" | "AVG" | "MIN" | "MAX" | "STDDEV" => {
            arity(1..=1)?;
            let g = match f {
                "SUM" => sum,
                "AVG" => avg,
                "MIN" => min,
                "MAX" => max,
                _ => stddev,
            };
            Ok(aggregate(eval(&args[0], cx)?, g))
        }
        "RATE" | "DIFF" => {
            arity(1..=1)?;
            let g: fn(f64, f64) -> f64 = if f == "RATE" { |dv, dt| dv / dt } else { |dv, _| dv };
            Ok(map_series(eval(&args[0], cx)?, &|s| consecutive(s, g)))
        }
        "FILL" => {
            arity(2..=2)?;
            let keyword = match &args[1] {
                Ast::Ref(k) if k == "REPEAT" || k == "LINEAR" => Some(k.as_str()),
                _ => None,
            };
            let how = if keyword.is_some() { MathValue::Scalar(0.0) } else { eval(&args[1], cx)? };
            if matches!(how, MathValue::Array(_)) {
                return Err(FILL_ARG.into());
            }
            Ok(map_series(eval(&args[0], cx)?, &|s| fill(s, &how, keyword, cx)))
        }
        "IF" => {
            arity(2..=3)?;
            let cond = eval(&args[0], cx)?;
            let yes = eval(&args[1], cx)?;
            let no = match args.get(2) {
                Some(a) => Some(eval(a, cx)?),
                None => None,
            };
            let pick = |c: &Series| -> Series {
                c.iter()
                    .filter_map(|(t, x)| {
                        let from = if *x != 0.0 { Some(&yes) } else { no.as_ref() };
                        let v = match from? {
                            MathValue::Scalar(v) => Some(*v),
                            MathValue::Series(s) => s.get(t).copied(),
                            MathValue::Array(_) => None,
                        };
                        v.map(|v| (*t, v))
                    })
                    .collect()
            };
            match cond {
                MathValue::Scalar(x) => {
                    if x != 0.0 {
                        Ok(yes)
                    } else {
                        no.ok_or_else(|| "IF without a false branch needs a time series condition".into())
                    }
                }
                other => Ok(map_series(other, &pick)),
            }
        }
        "METRICS" => {
            arity(0..=1)?;
            let filter = match args.first() {
                Some(Ast::Str(s)) => Some(s.as_str()),
                Some(_) => return Err("METRICS takes an optional string".into()),
                None => None,
            };
            Ok(MathValue::Array(
                cx.metrics.iter().filter(|(id, _)| filter.is_none_or(|f| id.contains(f))).cloned().collect(),
            ))
        }
        "PERIOD" => {
            arity(1..=1)?;
            let p = cx.period as f64;
            Ok(map_values(eval(&args[0], cx)?, &|_| p))
        }
        _ => Err(format!("Unrecognized function '{f}'")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(points: &[(i64, f64)]) -> Series {
        points.iter().copied().collect()
    }

    fn run(expr: &str) -> Result<MathValue, String> {
        let errors = s(&[(0, 2.0), (60, 4.0), (180, 6.0)]);
        let requests = s(&[(0, 100.0), (60, 200.0), (120, 300.0), (180, 300.0)]);
        let metrics = vec![("errors".to_string(), errors.clone()), ("requests".to_string(), requests.clone())];
        let lookup = move |id: &str| match id {
            "errors" => Some(MathValue::Series(errors.clone())),
            "requests" => Some(MathValue::Series(requests.clone())),
            _ => None,
        };
        let cx = Context { start: 0, end: 240, period: 60, lookup: &lookup, metrics: &metrics };
        eval(&parse(expr)?, &cx)
    }

    fn series(expr: &str) -> Vec<(i64, f64)> {
        match run(expr) {
            Ok(MathValue::Series(s)) => s.into_iter().collect(),
            other => panic!("{expr}: {other:?}"),
        }
    }

    fn scalar(expr: &str) -> f64 {
        match run(expr) {
            Ok(MathValue::Scalar(x)) => x,
            other => panic!("{expr}: {other:?}"),
        }
    }

    /// The docs' examples: the error rate `errors/requests*100`, a series with a scalar, the
    /// aggregates over one series (scalars) and over METRICS() (series), RATE, DIFF and FILL.
    #[test]
    fn documented_expressions() {
        // Series with series: the timestamps both have (errors has no 120).
        assert_eq!(series("errors/requests*100"), vec![(0, 2.0), (60, 2.0), (180, 2.0)]);
        assert_eq!(series("(errors + 1) * 2"), vec![(0, 6.0), (60, 10.0), (180, 14.0)]);
        assert_eq!(series("-errors ^ 2"), vec![(0, -4.0), (60, -16.0), (180, -36.0)]);
        assert_eq!(scalar("SUM(errors)"), 12.0);
        assert_eq!(scalar("AVG(requests)"), 225.0);
        assert_eq!(scalar("MAX(errors) - MIN(errors)"), 4.0);
        assert_eq!(scalar("2 ^ 3 + 1"), 9.0);
        assert_eq!(series("SUM(METRICS())"), vec![(0, 102.0), (60, 204.0), (120, 300.0), (180, 306.0)]);
        assert_eq!(series("SUM(METRICS(\"err\"))"), vec![(0, 2.0), (60, 4.0), (180, 6.0)]);
        assert_eq!(series("MAX([errors, requests])"), vec![(0, 100.0), (60, 200.0), (120, 300.0), (180, 300.0)]);
        // RATE: per second between consecutive datapoints; DIFF: the change.
        assert_eq!(series("RATE(requests)"), vec![(60, 100.0 / 60.0), (120, 100.0 / 60.0), (180, 0.0)]);
        assert_eq!(series("DIFF(errors)"), vec![(60, 2.0), (180, 2.0)]);
        assert_eq!(series("FILL(errors, 0)"), vec![(0, 2.0), (60, 4.0), (120, 0.0), (180, 6.0)]);
        assert_eq!(series("FILL(errors, REPEAT)"), vec![(0, 2.0), (60, 4.0), (120, 4.0), (180, 6.0)]);
        assert_eq!(series("FILL(errors, LINEAR)"), vec![(0, 2.0), (60, 4.0), (120, 5.0), (180, 6.0)]);
        assert_eq!(series("IF(requests > 150, 1, 0)"), vec![(0, 0.0), (60, 1.0), (120, 1.0), (180, 1.0)]);
        assert_eq!(series("IF(errors >= 4 AND requests < 250, errors)"), vec![(60, 4.0)]);
        assert_eq!(series("PERIOD(errors)"), vec![(0, 60.0), (60, 60.0), (180, 60.0)]);
        match run("FILL(METRICS(), 0) * 2").unwrap() {
            MathValue::Array(a) => {
                assert_eq!(a.len(), 2);
                assert_eq!(a[0].0, "errors");
                assert_eq!(a[0].1.get(&120), Some(&0.0));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_expressions_say_why() {
        let table: &[(&str, &str)] = &[
            ("errors +", "Unexpected end of expression"),
            ("errors requests", "Unsupported token 'requests' at char 7"),
            ("FOO(errors)", "Unrecognized function 'FOO'"),
            ("nope * 2", "Unrecognized identifier 'nope'"),
            ("SUM(errors, requests)", "Function SUM takes 1 arguments, 2 given"),
            ("errors $ 2", "Unsupported character '$' at char 7"),
            ("(errors", "Unexpected end of expression"),
        ];
        for (expr, want) in table {
            assert_eq!(run(expr).unwrap_err(), *want, "{expr}");
        }
    }

    #[test]
    fn references_are_the_ids_read() {
        let e = parse("FILL(m1, REPEAT) + m2 * SUM(METRICS())").unwrap();
        assert_eq!(e.references(), vec!["m1", "m2"]);
        assert!(e.uses_all_metrics());
    }
}
