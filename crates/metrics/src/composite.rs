//! Composite alarm rules, as PutCompositeAlarm documents `AlarmRule`: the functions
//! `ALARM(x)`, `OK(x)`, `INSUFFICIENT_DATA(x)` (x an alarm name or ARN, quoted with `"` or
//! bare), the constants `TRUE` and `FALSE`, the operators `NOT`, `AND`, `OR` (binding in that
//! order) and parentheses. Pure: [`parse`] checks the syntax with CloudWatch's messages
//! ("Unsupported token 'x' at char n"), [`RuleExpr::eval`] takes the children's states from the
//! caller.

use crate::alarm::State;

#[derive(Debug, Clone, PartialEq)]
pub enum RuleExpr {
    Const(bool),
    /// True while the named (or ARN-referenced) alarm is in this state.
    InState(State, String),
    Not(Box<RuleExpr>),
    And(Box<RuleExpr>, Box<RuleExpr>),
    Or(Box<RuleExpr>, Box<RuleExpr>),
}

impl RuleExpr {
    /// Every alarm the rule references (as written: names or ARNs), in order of appearance.
    pub fn alarms(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (_, a) in self.tests() {
            if !out.contains(&a) {
                out.push(a)
            }
        }
        out
    }

    /// Every `STATE(alarm)` function of the rule, in order of appearance.
    pub fn tests(&self) -> Vec<(State, &str)> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<(State, &'a str)>) {
        match self {
            RuleExpr::Const(_) => {}
            RuleExpr::InState(s, a) => out.push((*s, a)),
            RuleExpr::Not(e) => e.collect(out),
            RuleExpr::And(a, b) | RuleExpr::Or(a, b) => {
                a.collect(out);
                b.collect(out);
            }
        }
    }

    /// The rule's truth, given each referenced alarm's state (`None`: no such alarm, which
    /// matches no state).
    pub fn eval(&self, state_of: &dyn Fn(&str) -> Option<State>) -> bool {
        match self {
            RuleExpr::Const(b) => *b,
            RuleExpr::InState(s, a) => state_of(a) == Some(*s),
            RuleExpr::Not(e) => !e.eval(state_of),
            RuleExpr::And(a, b) => a.eval(state_of) && b.eval(state_of),
            RuleExpr::Or(a, b) => a.eval(state_of) || b.eval(state_of),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Word(String),
    Quoted(String),
}

impl Tok {
    fn text(&self) -> String {
        match self {
            Tok::Open => "(".into(),
            Tok::Close => ")".into(),
            Tok::Word(w) => w.clone(),
            Tok::Quoted(q) => format!("\"{q}\""),
        }
    }
}

fn lex(rule: &str) -> Result<Vec<(usize, Tok)>, String> {
    let chars: Vec<char> = rule.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' || c == ')' {
            out.push((i, if c == '(' { Tok::Open } else { Tok::Close }));
            i += 1;
        } else if c == '"' {
            let start = i;
            i += 1;
            let mut s = String::new();
            while i < chars.len() && chars[i] != '"' {
                s.push(chars[i]);
                i += 1;
            }
            if i == chars.len() {
                return Err(format!("Unterminated string at char {start}"));
            }
            i += 1;
            out.push((start, Tok::Quoted(s)));
        } else {
            let start = i;
            let mut s = String::new();
            while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '(' | ')' | '"') {
                s.push(chars[i]);
                i += 1;
            }
            out.push((start, Tok::Word(s)));
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

    fn unsupported(&self, must_be: Option<&str>) -> String {
        match self.toks.get(self.pos) {
            Some((at, t)) => {
                let tail = must_be.map(|m| format!(", must be: '{m}'")).unwrap_or_default();
                format!("Unsupported token '{}' at char {at}{tail}", t.text())
            }
            None => "Unexpected end of rule".into(),
        }
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(x)) if x == w)
    }

    fn or(&mut self) -> Result<RuleExpr, String> {
        let mut left = self.and()?;
        while self.is_word("OR") {
            self.pos += 1;
            left = RuleExpr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<RuleExpr, String> {
        let mut left = self.not()?;
        while self.is_word("AND") {
            self.pos += 1;
            left = RuleExpr::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<RuleExpr, String> {
        if self.is_word("NOT") {
            self.pos += 1;
            return Ok(RuleExpr::Not(Box::new(self.not()?)));
        }
        self.primary()
    }

    fn expect_close(&mut self) -> Result<(), String> {
        if self.peek() == Some(&Tok::Close) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unsupported(Some(")")))
        }
    }

    fn primary(&mut self) -> Result<RuleExpr, String> {
        let state = match self.peek() {
            Some(Tok::Open) => {
                self.pos += 1;
                let e = self.or()?;
                self.expect_close()?;
                return Ok(e);
            }
            Some(Tok::Word(w)) if w == "TRUE" || w == "FALSE" => {
                let b = w == "TRUE";
                self.pos += 1;
                return Ok(RuleExpr::Const(b));
            }
            Some(Tok::Word(w)) => match State::parse(w) {
                Some(s) => s,
                None => return Err(self.unsupported(None)),
            },
            _ => return Err(self.unsupported(None)),
        };
        self.pos += 1;
        if self.peek() != Some(&Tok::Open) {
            return Err(self.unsupported(Some("(")));
        }
        self.pos += 1;
        let name = match self.peek() {
            Some(Tok::Word(w)) => w.clone(),
            Some(Tok::Quoted(q)) if !q.is_empty() => q.clone(),
            _ => return Err(self.unsupported(None)),
        };
        self.pos += 1;
        self.expect_close()?;
        Ok(RuleExpr::InState(state, name))
    }
}

/// Parse an AlarmRule; the error is CloudWatch's text inside "Error in AlarmRule [...]".
pub fn parse(rule: &str) -> Result<RuleExpr, String> {
    let mut p = Parser { toks: lex(rule)?, pos: 0 };
    let e = p.or()?;
    if p.pos < p.toks.len() {
        return Err(p.unsupported(None));
    }
    Ok(e)
}

/// The alarm name an AlarmRule reference stands for: an ARN of this region and account
/// (`arn:aws:cloudwatch:<region>:<account>:alarm:<name>`) names its alarm; anything else is
/// a name. An ARN of another region or account yields `None`.
pub fn alarm_name<'a>(reference: &'a str, region: &str, account: &str) -> Option<&'a str> {
    match reference.strip_prefix("arn:") {
        Some(_) => reference.strip_prefix(&format!("arn:aws:cloudwatch:{region}:{account}:alarm:")),
        None => Some(reference),
    }
}

/// `Friday 31 March, 2023 18:27:03 UTC`: how a composite alarm's StateReason dates the
/// child's transition.
pub fn transition_date(epoch: f64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(epoch as i64).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{} {:02} {}, {} {:02}:{:02}:{:02} UTC",
        t.weekday(),
        t.day(),
        t.month(),
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn states(name: &str) -> Option<State> {
        match name {
            "CPUUtilizationTooHigh" | "DiskReadOpsTooHigh" | "arn:aws:cloudwatch:r:1:alarm:Hot" => Some(State::Alarm),
            "NetworkOutTooHigh" | "DeploymentInProgress" => Some(State::Ok),
            "Fresh Alarm" => Some(State::InsufficientData),
            _ => None,
        }
    }

    /// The AlarmRule examples of PutCompositeAlarm's documentation, and the operators' binding.
    #[test]
    fn documented_rules_evaluate() {
        let table: &[(&str, bool)] = &[
            // "goes into ALARM state only if both ... are in ALARM state"
            ("ALARM(CPUUtilizationTooHigh) AND ALARM(DiskReadOpsTooHigh)", true),
            // "... and DeploymentInProgress is not in ALARM state" (a maintenance window)
            ("ALARM(CPUUtilizationTooHigh) AND NOT ALARM(DeploymentInProgress)", true),
            // "(ALARM(...) OR ALARM(...)) AND OK(NetworkOutTooHigh)"
            ("(ALARM(CPUUtilizationTooHigh) OR ALARM(DiskReadOpsTooHigh)) AND OK(NetworkOutTooHigh)", true),
            ("ALARM(\"CPUUtilizationTooHigh\") AND OK(\"NetworkOutTooHigh\")", true),
            ("INSUFFICIENT_DATA(\"Fresh Alarm\")", true),
            ("ALARM(\"arn:aws:cloudwatch:r:1:alarm:Hot\")", true),
            ("TRUE", true),
            ("FALSE", false),
            ("NOT TRUE", false),
            ("NOT NOT TRUE", true),
            ("OK(CPUUtilizationTooHigh)", false),
            ("ALARM(Missing)", false),
            ("NOT ALARM(Missing)", true),
            // AND binds tighter than OR; NOT tighter than AND.
            ("TRUE OR FALSE AND FALSE", true),
            ("(TRUE OR FALSE) AND FALSE", false),
            ("NOT FALSE AND FALSE", false),
            ("NOT (FALSE AND FALSE)", true),
            ("((ALARM(CPUUtilizationTooHigh)))", true),
        ];
        for (rule, want) in table {
            let e = parse(rule).unwrap_or_else(|err| panic!("{rule}: {err}"));
            assert_eq!(e.eval(&states), *want, "{rule}");
        }
    }

    /// Bad rules fail with CloudWatch's wording (e.g. "Unsupported token ')' at char 1" for
    /// `()`, and a bare name with a space: "Unsupported token 'Oldest' at char 67, must be: ')'").
    #[test]
    fn bad_rules_name_the_token() {
        let table: &[(&str, &str)] = &[
            ("()", "Unsupported token ')' at char 1"),
            ("ALARM(SampleQueue Oldest)", "Unsupported token 'Oldest' at char 18, must be: ')'"),
            ("ALARM(a) AND", "Unexpected end of rule"),
            ("ALARM(a) XOR ALARM(b)", "Unsupported token 'XOR' at char 9"),
            ("ALARMS(a)", "Unsupported token 'ALARMS' at char 0"),
            ("ALARM a", "Unsupported token 'a' at char 6, must be: '('"),
            ("ALARM()", "Unsupported token ')' at char 6"),
            ("(TRUE", "Unexpected end of rule"),
            ("TRUE)", "Unsupported token ')' at char 4"),
            ("ALARM(\"a)", "Unterminated string at char 6"),
            ("", "Unexpected end of rule"),
        ];
        for (rule, want) in table {
            assert_eq!(parse(rule).unwrap_err(), *want, "{rule}");
        }
    }

    #[test]
    fn references_in_order_once() {
        let e = parse("ALARM(b) OR (OK(a) AND NOT ALARM(\"b\"))").unwrap();
        assert_eq!(e.alarms(), vec!["b", "a"]);
        assert_eq!(alarm_name("arn:aws:cloudwatch:r:1:alarm:x", "r", "1"), Some("x"));
        assert_eq!(alarm_name("arn:aws:cloudwatch:q:1:alarm:x", "r", "1"), None);
        assert_eq!(alarm_name("x", "r", "1"), Some("x"));
        // 2026-11-28T10:00:00Z
        assert_eq!(transition_date(1_795_860_000.0), "Saturday 28 November, 2026 10:00:00 UTC");
    }
}
