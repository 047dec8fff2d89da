//! GitHub's REST API (`/repos/{owner}/{repo}/issues`), also GitHub Enterprise with another
//! API base. Issues are listed by label (open and closed, 100 per page, following `Link`),
//! never through the search API, whose index lags and whose limits are far lower.

use std::time::Duration;

use serde_json::{json, Value};

use super::http::{Http, HttpError};
use super::{next_link, Change, Issue, Tracker, Transition};

/// A GitHub repository.
pub struct GitHub {
    http: Http,
    api: String,
    repo: String,
    label: String,
}

impl GitHub {
    /// A client for `repo` (`owner/name`) at the API base `api` (`https://api.github.com`).
    pub fn new(
        api: &str,
        repo: &str,
        token: &str,
        label: &str,
        write_interval: Duration,
    ) -> GitHub {
        let headers = vec![
            ("Authorization".into(), format!("Bearer {token}")),
            ("X-GitHub-Api-Version".into(), "2022-11-28".into()),
        ];
        GitHub {
            http: Http::new(headers, write_interval),
            api: api.trim_end_matches('/').to_string(),
            repo: repo.to_string(),
            label: label.to_string(),
        }
    }

    fn issue(&self, v: &Value) -> Option<Issue> {
        // The issues API lists pull requests too.
        if v.get("pull_request").is_some() {
            return None;
        }
        let labels = v["labels"].as_array().into_iter().flatten();
        let managed = labels
            .filter_map(|l| l["name"].as_str().or(l.as_str()))
            .any(|n| n.eq_ignore_ascii_case(&self.label));
        Some(Issue {
            number: v["number"].as_u64()?,
            title: v["title"].as_str().unwrap_or("").to_string(),
            body: v["body"].as_str().unwrap_or("").to_string(),
            open: v["state"].as_str() == Some("open"),
            managed,
            declined: v["state_reason"].as_str() == Some("not_planned"),
            field_id: None,
        })
    }

    fn pages(&mut self, filter: &str, out: &mut Vec<Issue>) -> Result<(), HttpError> {
        let mut url = Some(format!(
            "{}/repos/{}/issues?{filter}&state=all&per_page=100",
            self.api, self.repo
        ));
        while let Some(u) = url {
            let reply = self.http.get(&u)?;
            for v in reply.json.as_array().into_iter().flatten() {
                if let Some(i) = self.issue(v) {
                    super::add_new(out, i);
                }
            }
            url = next_link(reply.link.as_deref());
        }
        Ok(())
    }
}

impl Tracker for GitHub {
    fn name(&self) -> &'static str {
        "github"
    }

    fn project(&self) -> String {
        self.repo.clone()
    }

    fn list(&mut self) -> Result<Vec<Issue>, HttpError> {
        let mut out = Vec::new();
        self.pages(&format!("labels={}", super::encode(&self.label)), &mut out)?;
        // The token's own issues: one whose label a person removed is opted out, not missing.
        // A GitHub App token (Actions' GITHUB_TOKEN) cannot read /user; its issues are
        // github-actions[bot]'s.
        let me = match self.http.get_if_allowed(&format!("{}/user", self.api))? {
            Some(r) => r.json["login"].as_str().map(str::to_string),
            None => std::env::var_os("GITHUB_ACTIONS").map(|_| "github-actions[bot]".to_string()),
        };
        if let Some(me) = me {
            self.pages(&format!("creator={}", super::encode(&me)), &mut out)?;
        }
        out.sort_by_key(|i| i.number);
        Ok(out)
    }

    fn create(
        &mut self,
        _item: &str,
        title: &str,
        body: &str,
        assignees: &[String],
    ) -> Result<u64, HttpError> {
        let url = format!("{}/repos/{}/issues", self.api, self.repo);
        let mut payload = json!({ "title": title, "body": body, "labels": [self.label] });
        if !assignees.is_empty() {
            payload["assignees"] = json!(assignees);
        }
        let reply = match self.http.write("POST", &url, &payload) {
            // 422: a login that cannot be assigned (not a collaborator, no such user). The
            // issue matters more than the assignee.
            Err(e) if e.status() == Some(422) && !assignees.is_empty() => {
                payload.as_object_mut().map(|o| o.remove("assignees"));
                self.http.write("POST", &url, &payload)?
            }
            other => other?,
        };
        reply.json["number"].as_u64().ok_or(HttpError::Transport {
            method: "POST",
            url,
            message: "the answer has no issue number".into(),
        })
    }

    fn update(&mut self, number: u64, change: &Change) -> Result<(), HttpError> {
        let url = format!("{}/repos/{}/issues/{number}", self.api, self.repo);
        let mut payload = json!({ "body": change.body });
        if let Some(t) = change.title {
            payload["title"] = json!(t);
        }
        match change.transition {
            Some(Transition::Close) => {
                payload["state"] = json!("closed");
                payload["state_reason"] = json!("completed");
            }
            Some(Transition::Reopen) => {
                payload["state"] = json!("open");
                payload["state_reason"] = json!("reopened");
            }
            None => {}
        }
        self.http.write("PATCH", &url, &payload)?;
        if let Some(c) = change.comment {
            self.http
                .write("POST", &format!("{url}/comments"), &json!({ "body": c }))?;
        }
        Ok(())
    }
}
