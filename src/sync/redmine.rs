//! Redmine's REST API (`/issues.json`). Redmine has no labels: an issue custom field (a string,
//! for all trackers, usable as a filter) holds the item id, and an issue whose field a person
//! emptied is opted out. Verified against Debian's Redmine 5.0: writes need
//! `Content-Type: application/json` (without it a PUT is a silent no-op), a PUT answers 204
//! with no body, descriptions come back with CRLF line ends, and `status_id=*` is needed to
//! list closed issues.

use std::time::Duration;

use serde_json::{json, Value};

use super::http::{Http, HttpError};
use super::{encode, Change, Issue, Tracker, Transition};

/// A Redmine project.
pub struct Redmine {
    http: Http,
    url: String,
    project: String,
    field: u64,
    /// Status ids: (id, is_closed, name).
    statuses: Vec<(u64, bool, String)>,
}

/// Page size: Redmine caps `limit` at 100.
const PAGE: usize = 100;

impl Redmine {
    /// A client for `project` on the Redmine at `url`, with the API key and the id of the
    /// custom field that holds the item id (`None`: found by its name, `debtscan id`).
    pub fn new(
        url: &str,
        project: &str,
        key: &str,
        field: Option<u64>,
        write_interval: Duration,
    ) -> Result<Redmine, HttpError> {
        let http = Http::new(
            vec![("X-Redmine-API-Key".into(), key.into())],
            write_interval,
        );
        let mut r = Redmine {
            http,
            url: url.trim_end_matches('/').to_string(),
            project: project.to_string(),
            field: field.unwrap_or(0),
            statuses: Vec::new(),
        };
        let reply = r.http.get(&format!("{}/issue_statuses.json", r.url))?;
        r.statuses = (reply.json["issue_statuses"]
            .as_array()
            .into_iter()
            .flatten())
        .filter_map(|s| {
            Some((
                s["id"].as_u64()?,
                s["is_closed"].as_bool().unwrap_or(false),
                s["name"].as_str().unwrap_or("").to_string(),
            ))
        })
        .collect();
        if field.is_none() {
            // Non-admin keys cannot read /custom_fields.json; the project lists its fields.
            let url = format!(
                "{}/projects/{}.json?include=issue_custom_fields",
                r.url,
                encode(&r.project)
            );
            let reply = r.http.get(&url)?;
            let fields = reply.json["project"]["issue_custom_fields"].as_array();
            r.field = (fields.into_iter().flatten())
                .find(|f| f["name"].as_str() == Some("debtscan id"))
                .and_then(|f| f["id"].as_u64())
                .ok_or_else(|| HttpError::Status {
                    method: "GET",
                    url,
                    status: 404,
                    message: format!(
                        "project {} has no issue custom field named \"debtscan id\": create one (text, for all trackers, used as a filter) and enable it for the project, or pass its id with --redmine-field",
                        r.project
                    ),
                })?;
        }
        Ok(r)
    }

    fn status(&self, closed: bool) -> Option<u64> {
        let preferred = if closed { "Closed" } else { "New" };
        (self.statuses.iter())
            .find(|s| s.2 == preferred && s.1 == closed)
            .or_else(|| self.statuses.iter().find(|s| s.1 == closed))
            .map(|s| s.0)
    }

    fn issue(&self, v: &Value) -> Option<Issue> {
        let number = v["id"].as_u64()?;
        let status = v["status"]["id"].as_u64();
        let closed = (v["status"]["is_closed"].as_bool())
            .or_else(|| Some(self.statuses.iter().find(|s| Some(s.0) == status)?.1))
            .unwrap_or(false);
        let field_id = (v["custom_fields"].as_array().into_iter().flatten())
            .find(|f| f["id"].as_u64() == Some(self.field))
            .and_then(|f| f["value"].as_str())
            .map(str::to_string);
        Some(Issue {
            number,
            title: v["subject"].as_str().unwrap_or("").to_string(),
            body: v["description"].as_str().unwrap_or("").to_string(),
            open: !closed,
            managed: field_id.as_deref().is_some_and(|s| !s.is_empty()),
            declined: v["status"]["name"].as_str() == Some("Rejected"),
            field_id,
        })
    }

    fn pages(&mut self, filter: &str, out: &mut Vec<Issue>) -> Result<(), HttpError> {
        let mut offset = 0;
        loop {
            let url = format!(
                "{}/issues.json?project_id={}&status_id=*&{filter}&sort=id&limit={PAGE}&offset={offset}",
                self.url,
                encode(&self.project)
            );
            let reply = self.http.get(&url)?;
            let issues = reply.json["issues"].as_array().cloned().unwrap_or_default();
            for v in &issues {
                if let Some(i) = self.issue(v) {
                    super::add_new(out, i);
                }
            }
            let total = reply.json["total_count"].as_u64().unwrap_or(0) as usize;
            offset += issues.len();
            if issues.is_empty() || offset >= total {
                return Ok(());
            }
        }
    }
}

impl Tracker for Redmine {
    fn name(&self) -> &'static str {
        "redmine"
    }

    fn project(&self) -> String {
        self.project.clone()
    }

    fn list(&mut self) -> Result<Vec<Issue>, HttpError> {
        let mut out = Vec::new();
        // `cf_N=*`: any value (Redmine's "any" operator); then the key's own issues, whose
        // field a person may have emptied.
        self.pages(&format!("cf_{}=*", self.field), &mut out)?;
        self.pages("author_id=me", &mut out)?;
        out.sort_by_key(|i| i.number);
        Ok(out)
    }

    fn create(
        &mut self,
        item: &str,
        title: &str,
        body: &str,
        _assignees: &[String],
    ) -> Result<u64, HttpError> {
        let payload = json!({ "issue": {
            "project_id": self.project,
            "subject": title,
            "description": body,
            "custom_fields": [{ "id": self.field, "value": item }],
        }});
        let url = format!("{}/issues.json", self.url);
        let reply = self.http.write("POST", &url, &payload)?;
        reply.json["issue"]["id"]
            .as_u64()
            .ok_or(HttpError::Transport {
                method: "POST",
                url,
                message: "the answer has no issue id".into(),
            })
    }

    fn update(&mut self, number: u64, change: &Change) -> Result<(), HttpError> {
        let mut issue = json!({
            "description": change.body,
            "custom_fields": [{ "id": self.field, "value": change.item }],
        });
        if let Some(t) = change.title {
            issue["subject"] = json!(t);
        }
        if let Some(t) = change.transition {
            if let Some(s) = self.status(t == Transition::Close) {
                issue["status_id"] = json!(s);
            }
        }
        if let Some(c) = change.comment {
            issue["notes"] = json!(c);
        }
        let url = format!("{}/issues/{number}.json", self.url);
        self.http.write("PUT", &url, &json!({ "issue": issue }))?;
        Ok(())
    }
}
