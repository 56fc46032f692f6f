//! The report's client: calls to the running region, SigV4-signed with the data dir's root key
//! (awsJson for Cost Explorer and CloudWatch, awsQuery for Auto Scaling), and the little XML
//! reading the query answers need.

use serde_json::{json, Value};

/// The region's endpoint, region and credentials from the data dir's client files.
pub(super) struct Client {
    endpoint: String,
    region: String,
    key: String,
    secret: String,
}

fn ini_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let (k, v) = l.split_once('=')?;
        (k.trim() == key).then(|| v.trim().to_string())
    })
}

impl Client {
    pub(super) fn open(dir: &std::path::Path) -> Result<Client, String> {
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name)).map_err(|e| format!("reading {}: {e}", dir.join(name).display()))
        };
        let (creds, config) = (read("credentials")?, read("config")?);
        let need =
            |text: &str, k: &str| ini_value(text, k).ok_or_else(|| format!("no {k} in the data dir's client files"));
        Ok(Client {
            endpoint: need(&config, "endpoint_url")?,
            region: need(&config, "region")?,
            key: need(&creds, "aws_access_key_id")?,
            secret: need(&creds, "aws_secret_access_key")?,
        })
    }

    /// One signed POST: (status, body).
    fn post(&self, service: &str, extra: &[(&str, &str)], body: &[u8]) -> Result<(u16, String), String> {
        let (host, _, _) = crate::cfn_signal::split_url(&self.endpoint)?;
        let date = sigv4::format_amz_date(time::OffsetDateTime::now_utc());
        let mut headers: Vec<(&str, &str)> = vec![("host", host.as_str()), ("x-amz-date", date.as_str())];
        headers.extend_from_slice(extra);
        let names: Vec<&str> = headers.iter().map(|(k, _)| *k).collect();
        let req = sigv4::HttpRequest { method: "POST", path: "/", query: "", headers: &headers, body };
        let auth = sigv4::sign_for_tests(&req, &self.key, &self.secret, &self.region, service, &names)
            .map_err(|e| format!("signing: {}", e.message()))?;
        headers.push(("authorization", auth.as_str()));
        crate::cfn_signal::http("POST", &format!("{}/", self.endpoint.trim_end_matches('/')), &headers, body)
    }

    pub(super) fn json(&self, service: &str, version: &str, target: &str, input: &Value) -> Result<Value, String> {
        let content_type = format!("application/x-amz-json-{version}");
        let headers = [("content-type", content_type.as_str()), ("x-amz-target", target)];
        let (code, body) = self.post(service, &headers, input.to_string().as_bytes())?;
        let v: Value = serde_json::from_str(&body).map_err(|_| format!("{target}: HTTP {code}: {body}"))?;
        if code != 200 {
            return Err(format!(
                "{target}: {} {} (HTTP {code})",
                v["__type"],
                v["message"].as_str().or(v["Message"].as_str()).unwrap_or("")
            ));
        }
        Ok(v)
    }

    pub(super) fn query(&self, service: &str, params: &[(&str, &str)]) -> Result<String, String> {
        let mut form = form_urlencoded::Serializer::new(String::new());
        for (k, v) in params {
            form.append_pair(k, v);
        }
        let body = form.finish();
        let headers = [("content-type", "application/x-www-form-urlencoded; charset=utf-8")];
        let (code, answer) = self.post(service, &headers, body.as_bytes())?;
        if code != 200 {
            return Err(format!("{service} {}: HTTP {code}: {answer}", params[0].1));
        }
        Ok(answer)
    }
}

/// The text of each `<tag>` in an XML fragment, in order.
pub(super) fn tags<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(open.as_str()).skip(1).filter_map(|p| p.split(close.as_str()).next()).collect()
}

pub(super) fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// GetMetricData over [start, end), every page: each query's (timestamp, value) pairs, in the
/// queries' order (their Ids are a letter and their index).
pub(super) fn metric_data(
    client: &Client,
    queries: &[Value],
    start: i64,
    end: i64,
) -> Result<Vec<Vec<(f64, f64)>>, String> {
    let mut out = vec![Vec::new(); queries.len()];
    let mut token: Option<String> = None;
    loop {
        let mut input = json!({"MetricDataQueries": queries, "StartTime": start, "EndTime": end});
        if let Some(t) = &token {
            input["NextToken"] = json!(t);
        }
        let data = client.json("monitoring", "1.0", "GraniteServiceVersion20100801.GetMetricData", &input)?;
        for r in data["MetricDataResults"].as_array().into_iter().flatten() {
            let Some(i) = r["Id"].as_str().and_then(|id| id.get(1..)).and_then(|n| n.parse::<usize>().ok()) else {
                continue;
            };
            let ts = r["Timestamps"].as_array().cloned().unwrap_or_default();
            let vs = r["Values"].as_array().cloned().unwrap_or_default();
            if let Some(series) = out.get_mut(i) {
                series.extend(ts.iter().zip(&vs).filter_map(|(t, v)| Some((t.as_f64()?, v.as_f64()?))));
            }
        }
        match data["NextToken"].as_str() {
            Some(t) if !t.is_empty() => token = Some(t.to_string()),
            _ => return Ok(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_files_and_query_answers_are_read() {
        let config = "[default]\nregion = ap-northeast-2\nendpoint_url = http://127.0.0.1:4510\n";
        assert_eq!(ini_value(config, "endpoint_url").as_deref(), Some("http://127.0.0.1:4510"));
        assert_eq!(ini_value(config, "aws_access_key_id"), None);
        let xml = "<a><member><b>1 &amp; 2</b></member><member><b>3</b></member></a>";
        assert_eq!(tags(xml, "b"), vec!["1 &amp; 2", "3"]);
        assert_eq!(unescape(tags(xml, "b")[0]), "1 & 2");
    }
}
