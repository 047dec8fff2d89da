//! GitLab's REST API v4 (`/projects/:id/issues`), gitlab.com or self-managed. Issues are
//! addressed by their project-local `iid`; pages follow `X-Next-Page`.

use std::time::Duration;

use serde_json::{json, Value};

use super::http::{Http, HttpError};
use super::{encode, Change, Issue, Tracker, Transition};

/// A GitLab project.
pub struct GitLab {
    http: Http,
    api: String,
    project: String,
    label: String,
}

impl GitLab {
    /// A client for `project` (numeric id or `group/name`) at the API base `api`
    /// (`https://gitlab.com/api/v4`).
    pub fn new(
        api: &str,
        project: &str,
        token: &str,
        label: &str,
        write_interval: Duration,
    ) -> GitLab {
        GitLab {
            http: Http::new(vec![("PRIVATE-TOKEN".into(), token.into())], write_interval),
            api: api.trim_end_matches('/').to_string(),
            project: project.to_string(),
            label: label.to_string(),
        }
    }

    fn base(&self) -> String {
        format!("{}/projects/{}/issues", self.api, encode(&self.project))
    }

    fn issue(&self, v: &Value) -> Option<Issue> {
        let managed = (v["labels"].as_array().into_iter().flatten())
            .filter_map(|l| l.as_str().or(l["name"].as_str()))
            .any(|n| n.eq_ignore_ascii_case(&self.label));
        Some(Issue {
            number: v["iid"].as_u64()?,
            title: v["title"].as_str().unwrap_or("").to_string(),
            body: v["description"].as_str().unwrap_or("").to_string(),
            open: v["state"].as_str() == Some("opened"),
            managed,
            // GitLab records no reason for a close.
            declined: false,
            field_id: None,
        })
    }

    fn pages(&mut self, filter: &str, out: &mut Vec<Issue>) -> Result<(), HttpError> {
        let mut page = "1".to_string();
        loop {
            let url = format!(
                "{}?{filter}&state=all&per_page=100&page={page}",
                self.base()
            );
            let reply = self.http.get(&url)?;
            for v in reply.json.as_array().into_iter().flatten() {
                if let Some(i) = self.issue(v) {
                    super::add_new(out, i);
                }
            }
            match reply.next_page.filter(|p| !p.trim().is_empty()) {
                Some(p) => page = p.trim().to_string(),
                None => return Ok(()),
            }
        }
    }
}

impl Tracker for GitLab {
    fn name(&self) -> &'static str {
        "gitlab"
    }

    fn project(&self) -> String {
        self.project.clone()
    }

    fn list(&mut self) -> Result<Vec<Issue>, HttpError> {
        let mut out = Vec::new();
        self.pages(&format!("labels={}", encode(&self.label)), &mut out)?;
        // The token's own issues, to see those whose label a person removed. A CI job token
        // may not read /user: then only labelled issues are seen.
        let me = (self.http.get_if_allowed(&format!("{}/user", self.api))?)
            .and_then(|r| r.json["id"].as_u64());
        if let Some(me) = me {
            self.pages(&format!("author_id={me}"), &mut out)?;
        }
        out.sort_by_key(|i| i.number);
        Ok(out)
    }

    fn create(
        &mut self,
        _item: &str,
        title: &str,
        body: &str,
        _assignees: &[String],
    ) -> Result<u64, HttpError> {
        // Assignees need numeric user ids on GitLab; a person assigns from the suggestions in
        // the body rather than debtscan looking up every login.
        let url = self.base();
        let payload = json!({ "title": title, "description": body, "labels": self.label });
        let reply = self.http.write("POST", &url, &payload)?;
        reply.json["iid"].as_u64().ok_or(HttpError::Transport {
            method: "POST",
            url,
            message: "the answer has no issue iid".into(),
        })
    }

    fn update(&mut self, number: u64, change: &Change) -> Result<(), HttpError> {
        let url = format!("{}/{number}", self.base());
        let mut payload = json!({ "description": change.body });
        if let Some(t) = change.title {
            payload["title"] = json!(t);
        }
        match change.transition {
            Some(Transition::Close) => payload["state_event"] = json!("close"),
            Some(Transition::Reopen) => payload["state_event"] = json!("reopen"),
            None => {}
        }
        self.http.write("PUT", &url, &payload)?;
        if let Some(c) = change.comment {
            self.http
                .write("POST", &format!("{url}/notes"), &json!({ "body": c }))?;
        }
        Ok(())
    }
}
