//! The one HTTP client every tracker uses: JSON in and out, serial writes at most one per
//! `write_interval`, `Retry-After` and rate-limit headers honoured, server errors retried a
//! few times, and errors that name the request but never the token.

use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::Value;

/// A tracker request that failed.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// The server said no.
    #[error("{method} {url}: HTTP {status}: {message}")]
    Status {
        /// GET, POST…
        method: &'static str,
        /// Without credentials (tokens go in headers, never in URLs).
        url: String,
        /// The status code.
        status: u16,
        /// What the server said, shortened.
        message: String,
    },
    /// No answer (DNS, connection, TLS, timeout).
    #[error("{method} {url}: {message}")]
    Transport {
        /// GET, POST…
        method: &'static str,
        /// The URL.
        url: String,
        /// What went wrong.
        message: String,
    },
}

impl HttpError {
    /// The HTTP status, if the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            HttpError::Status { status, .. } => Some(*status),
            HttpError::Transport { .. } => None,
        }
    }
}

/// A response: status, the headers a client needs, and the parsed body (`Null` when empty).
#[derive(Debug)]
pub struct Reply {
    /// The `Link` header (GitHub's pagination).
    pub link: Option<String>,
    /// The `X-Next-Page` header (GitLab's pagination).
    pub next_page: Option<String>,
    /// The body.
    pub json: Value,
}

/// Waits longer than this for a rate limit are not worth it in a nightly job: it fails and
/// the next night picks up where it stopped.
const MAX_WAIT: Duration = Duration::from_secs(300);
/// Attempts per request (rate limits and server errors).
const ATTEMPTS: usize = 4;

/// An HTTP client for one tracker.
pub struct Http {
    agent: ureq::Agent,
    headers: Vec<(String, String)>,
    write_interval: Duration,
    last_write: Option<Instant>,
}

impl Http {
    /// A client sending `headers` (authentication) with every request.
    pub fn new(headers: Vec<(String, String)>, write_interval: Duration) -> Http {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            .user_agent(concat!("debtscan/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Http {
            agent,
            headers,
            write_interval,
            last_write: None,
        }
    }

    /// GET a JSON document.
    pub fn get(&mut self, url: &str) -> Result<Reply, HttpError> {
        self.request("GET", url, None)
    }

    /// GET a JSON document the token may not be allowed to read: `None` on 401 or 403 (a CI
    /// job token asking who it is).
    pub fn get_if_allowed(&mut self, url: &str) -> Result<Option<Reply>, HttpError> {
        match self.get(url) {
            Ok(r) => Ok(Some(r)),
            Err(e) if matches!(e.status(), Some(401 | 403)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A write (POST, PUT, PATCH, DELETE) with a JSON body, spaced from the previous write.
    pub fn write(
        &mut self,
        method: &'static str,
        url: &str,
        body: &Value,
    ) -> Result<Reply, HttpError> {
        if let Some(last) = self.last_write {
            let since = last.elapsed();
            if since < self.write_interval {
                sleep(self.write_interval - since);
            }
        }
        let reply = self.request(method, url, Some(body));
        self.last_write = Some(Instant::now());
        reply
    }

    fn request(
        &mut self,
        method: &'static str,
        url: &str,
        body: Option<&Value>,
    ) -> Result<Reply, HttpError> {
        let transport = |e: ureq::Error| HttpError::Transport {
            method,
            url: url.to_string(),
            message: e.to_string(),
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut builder = ureq::http::Request::builder().method(method).uri(url);
            for (k, v) in &self.headers {
                builder = builder.header(k, v);
            }
            builder = builder.header("Accept", "application/json");
            let text = body.map(|b| b.to_string()).unwrap_or_default();
            if body.is_some() {
                builder = builder.header("Content-Type", "application/json");
            }
            let request = builder.body(text).map_err(|e| HttpError::Transport {
                method,
                url: url.to_string(),
                message: e.to_string(),
            })?;
            let mut response = self.agent.run(request).map_err(transport)?;
            let status = response.status().as_u16();
            let header = |name: &str| {
                (response.headers().get(name))
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            let wait = rate_limit_wait(
                status,
                header("retry-after").as_deref(),
                header("x-ratelimit-remaining").as_deref(),
                header("x-ratelimit-reset").as_deref(),
            );
            let link = header("link");
            let next_page = header("x-next-page");
            let text = response
                .body_mut()
                .with_config()
                .limit(64 * 1024 * 1024)
                .read_to_string()
                .map_err(transport)?;
            if let Some(wait) = wait {
                if attempt < ATTEMPTS && wait <= MAX_WAIT {
                    eprintln!(
                        "debtscan: sync: rate limited ({status}), waiting {}s as the tracker asks",
                        wait.as_secs()
                    );
                    sleep(wait);
                    continue;
                }
            }
            if status >= 500 && attempt < ATTEMPTS {
                sleep(Duration::from_secs(1 << attempt));
                continue;
            }
            if !(200..300).contains(&status) {
                return Err(HttpError::Status {
                    method,
                    url: url.to_string(),
                    status,
                    message: message(&text),
                });
            }
            let json = if text.trim().is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&text).map_err(|e| HttpError::Transport {
                    method,
                    url: url.to_string(),
                    message: format!("the answer is not JSON ({e}): {}", shorten(&text)),
                })?
            };
            return Ok(Reply {
                link,
                next_page,
                json,
            });
        }
    }
}

/// How long a rate-limited answer asks to wait: `Retry-After` seconds on a 429 or 403 (GitHub's
/// secondary limit), or until `X-RateLimit-Reset` when `X-RateLimit-Remaining` is 0; at least
/// a minute for a 403 that says it is a rate limit without a header (GitHub's advice).
pub fn rate_limit_wait(
    status: u16,
    retry_after: Option<&str>,
    remaining: Option<&str>,
    reset: Option<&str>,
) -> Option<Duration> {
    if status != 429 && status != 403 {
        return None;
    }
    if let Some(s) = retry_after.and_then(|s| s.trim().parse::<u64>().ok()) {
        return Some(Duration::from_secs(s));
    }
    if remaining.map(str::trim) == Some("0") {
        let reset = reset.and_then(|s| s.trim().parse::<u64>().ok())?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        return Some(Duration::from_secs(reset.saturating_sub(now) + 1));
    }
    (status == 429).then(|| Duration::from_secs(60))
}

/// What an error body says: GitHub's and GitLab's `message`, GitLab's `error`, Redmine's
/// `errors` list, else the start of the text.
fn message(text: &str) -> String {
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return shorten(text);
    };
    let mut parts = Vec::new();
    for key in ["message", "error", "error_description"] {
        if let Some(s) = v.get(key) {
            parts.push(match s {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
        }
    }
    if let Some(errors) = v.get("errors") {
        parts.push(errors.to_string());
    }
    if parts.is_empty() {
        shorten(text)
    } else {
        shorten(&parts.join("; "))
    }
}

fn shorten(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() > 300 {
        format!("{}…", t.chars().take(300).collect::<String>())
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limits_are_read_from_the_headers() {
        let s = |n| Some(Duration::from_secs(n));
        assert_eq!(rate_limit_wait(403, Some("7"), None, None), s(7));
        assert_eq!(rate_limit_wait(429, Some("2"), Some("0"), None), s(2));
        assert_eq!(rate_limit_wait(429, None, None, None), s(60));
        // A plain 403 (no permission) is not a rate limit.
        assert_eq!(rate_limit_wait(403, None, Some("12"), None), None);
        assert_eq!(rate_limit_wait(404, Some("7"), None, None), None);
        let soon = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 5;
        let wait = rate_limit_wait(403, None, Some("0"), Some(&soon.to_string())).unwrap();
        assert!(wait >= Duration::from_secs(5) && wait <= Duration::from_secs(6));
    }

    #[test]
    fn error_messages_come_from_the_body() {
        assert_eq!(
            message(r#"{"message":"Validation Failed","errors":[{"code":"missing"}]}"#),
            "Validation Failed; [{\"code\":\"missing\"}]"
        );
        assert_eq!(
            message(r#"{"errors":["Subject cannot be blank"]}"#),
            "[\"Subject cannot be blank\"]"
        );
        assert_eq!(message("<html>oops</html>"), "<html>oops</html>");
    }
}
