//! `debtscan sync`: its settings (flags and environment resolved once) and its run.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use crate::error::Error;
use crate::model::Backlog;
use crate::report::Format;
use crate::sync::plan::{self, Plan, PLAN_VERSION};
use crate::sync::{self as tracker, Done, Tracker};

use super::args::{SyncArgs, TrackerKind};
use super::resolve::Output;
use super::run::{emit, RunError};

/// A token, never printed (not even by `{:?}`).
pub struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// What `sync` does after listing the issues.
#[derive(Debug, PartialEq, Eq)]
pub enum Mode {
    /// Print the plan, write nothing (`--dry-run`).
    Plan,
    /// Carry out this reviewed plan (`--apply PLAN`).
    Apply(PathBuf),
    /// Plan and carry it out.
    Run,
}

/// `sync`.
#[derive(Debug)]
pub struct SyncSettings {
    /// The backlog file.
    pub backlog: PathBuf,
    /// Which tracker.
    tracker: TrackerKind,
    /// The repository or project on it.
    pub project: String,
    /// The API base (Redmine: its address).
    pub url: String,
    /// The token or API key.
    token: Secret,
    /// Redmine's id field, when given.
    redmine_field: Option<u64>,
    /// The label of debtscan's issues.
    label: String,
    /// What to do.
    pub mode: Mode,
    /// Where the plan or report goes.
    pub output: Output,
    /// The planner's rules, but the run key (which needs the backlog).
    rules: plan::Rules,
    /// `--run-id`.
    run_id: Option<String>,
    /// Between two writes.
    write_interval: Duration,
}

/// An environment variable, `None` when unset or empty.
pub fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Resolves `debtscan sync`'s flags and the environment `var` reads: the tracker's token, and
/// the defaults CI services set (`GITHUB_REPOSITORY`, `CI_PROJECT_ID`, `CI_API_V4_URL`…).
pub fn settings(a: SyncArgs, var: &dyn Fn(&str) -> Option<String>) -> Result<SyncSettings, Error> {
    if !matches!(a.format, Format::Table | Format::Json) {
        return Err(Error::Usage(format!(
            "`debtscan sync` writes a table or json, not {:?}",
            a.format
        )));
    }
    let level = (plan::LEVELS.iter())
        .find(|l| l.eq_ignore_ascii_case(a.min_severity.trim()))
        .ok_or_else(|| {
            Error::Usage(format!(
                "--min-severity {:?}: use one of {}",
                a.min_severity,
                plan::LEVELS.join(", ")
            ))
        })?;
    if !a.min_score.is_finite() || a.min_score < 0.0 {
        return Err(Error::Usage("--min-score must be 0 or more".into()));
    }
    if a.close_after == 0 {
        return Err(Error::Usage(
            "--close-after must be 1 or more (runs without the item before its issue closes)"
                .into(),
        ));
    }
    if a.label.trim().is_empty() || a.label.contains(',') {
        return Err(Error::Usage(
            "--label must be one label name, without commas".into(),
        ));
    }
    let (project_var, url_var, default_url, token_var) = match a.tracker {
        TrackerKind::Github => (
            "GITHUB_REPOSITORY",
            "GITHUB_API_URL",
            Some("https://api.github.com"),
            "GITHUB_TOKEN",
        ),
        TrackerKind::Gitlab => (
            "CI_PROJECT_ID",
            "CI_API_V4_URL",
            Some("https://gitlab.com/api/v4"),
            "GITLAB_TOKEN",
        ),
        TrackerKind::Redmine => ("REDMINE_PROJECT", "REDMINE_URL", None, "REDMINE_API_KEY"),
    };
    let project = (a.project.clone().filter(|p| !p.trim().is_empty()))
        .or_else(|| var(project_var))
        .ok_or_else(|| {
            Error::Usage(format!(
                "give the project with --project (or set {project_var})"
            ))
        })?;
    if a.tracker == TrackerKind::Github && project.split('/').filter(|s| !s.is_empty()).count() != 2
    {
        return Err(Error::Usage(format!(
            "--project {project:?}: a GitHub project is owner/repo"
        )));
    }
    let url = (a.url.clone())
        .or_else(|| var(url_var))
        .or_else(|| default_url.map(str::to_string))
        .ok_or_else(|| {
            Error::Usage(format!(
                "give the tracker's address with --url (or set {url_var})"
            ))
        })?;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(Error::Usage(format!(
            "--url {url:?}: an http:// or https:// address"
        )));
    }
    let token = var(token_var).ok_or_else(|| {
        Error::Usage(format!(
            "set {token_var} to a token that may read and write the project's issues (debtscan reads tokens only from the environment)"
        ))
    })?;
    let redmine_field = a
        .redmine_field
        .or_else(|| var("REDMINE_ID_FIELD").and_then(|v| v.trim().parse().ok()));
    let mode = match (a.dry_run, a.apply) {
        (true, _) => Mode::Plan,
        (false, Some(p)) => Mode::Apply(p),
        (false, None) => Mode::Run,
    };
    Ok(SyncSettings {
        backlog: a.backlog,
        tracker: a.tracker,
        project,
        url,
        token: Secret(token),
        redmine_field,
        label: a.label.trim().to_string(),
        mode,
        output: Output {
            format: a.format,
            file: a.output,
        },
        rules: plan::Rules {
            min_score: a.min_score,
            min_severity: level,
            max_create: a.max_create,
            close_after: a.close_after,
            run: String::new(),
        },
        run_id: a.run_id.filter(|r| !r.trim().is_empty()),
        write_interval: Duration::from_millis(a.write_interval_ms),
    })
}

fn failed(message: String) -> RunError {
    RunError::Failed(Error::Tracker(message))
}

/// `sync`.
pub fn run(s: SyncSettings) -> Result<(), RunError> {
    let backlog = crate::diff::load(&s.backlog)?;
    check_complete(&backlog, &s)?;
    let mut rules = s.rules.clone();
    rules.run = (s.run_id.clone())
        .or_else(|| backlog.repository.head.clone())
        .ok_or_else(|| {
            failed(format!(
                "{}: the backlog has no commit to key this run by; pass --run-id",
                s.backlog.display()
            ))
        })?;
    let mut client = connect(&s)?;
    let client = client.as_mut();
    let reviewed = match &s.mode {
        Mode::Apply(file) => Some(read_plan(file, client, &rules.run)?),
        Mode::Plan | Mode::Run => None,
    };
    let issues = client
        .list()
        .map_err(|e| failed(format!("listing the issues: {e}")))?;
    let (actions, left_alone, counts) = plan::plan(&backlog, &issues, &rules);
    let mut plan = Plan {
        schema_version: PLAN_VERSION,
        tracker: client.name().to_string(),
        project: client.project(),
        run: rules.run.clone(),
        counts,
        actions,
        left_alone,
    };
    if s.mode == Mode::Plan {
        let text = match s.output.format {
            Format::Json => {
                serde_json::to_string_pretty(&plan).map_err(|e| failed(e.to_string()))? + "\n"
            }
            _ => plan_table(&plan),
        };
        return emit(&text, &s.output);
    }
    let mut stale = 0;
    if let Some(reviewed) = reviewed {
        (plan.actions, stale) = plan::still_wanted(&reviewed.actions, &plan.actions);
    }
    let (done, error) = tracker::apply(client, &plan.actions);
    let text = match s.output.format {
        Format::Json => {
            serde_json::to_string_pretty(&serde_json::json!({
                "tracker": plan.tracker, "project": plan.project, "run": plan.run,
                "planned": plan.actions.len(), "stale": stale, "done": done,
                "left_alone": plan.left_alone, "counts": plan.counts,
                "error": error.as_ref().map(|e| e.to_string()),
            }))
            .map_err(|e| failed(e.to_string()))?
                + "\n"
        }
        _ => done_table(&plan, &done, stale),
    };
    emit(&text, &s.output)?;
    match error {
        None => Ok(()),
        Some(e) => Err(failed(format!(
            "{e}\n{} of {} writes done; rerun the same command to finish (debtscan finds the issues it made and makes no duplicate)",
            done.len(),
            plan.actions.len()
        ))),
    }
}

/// A backlog cut by `--top`, or filtered to some kinds, would make every item it left out
/// look absent, and their issues would close: refuse it.
fn check_complete(backlog: &Backlog, s: &SyncSettings) -> Result<(), RunError> {
    if backlog.items.len() < backlog.summary.items {
        return Err(failed(format!(
            "{}: the backlog holds {} of its {} items (written with --top?); sync needs them all to know what is gone: write it without --top, and use --min-score or --min-severity to choose what gets an issue",
            s.backlog.display(),
            backlog.items.len(),
            backlog.summary.items
        )));
    }
    Ok(())
}

fn connect(s: &SyncSettings) -> Result<Box<dyn Tracker>, RunError> {
    let token = s.token.0.as_str();
    Ok(match s.tracker {
        TrackerKind::Github => Box::new(tracker::github::GitHub::new(
            &s.url,
            &s.project,
            token,
            &s.label,
            s.write_interval,
        )),
        TrackerKind::Gitlab => Box::new(tracker::gitlab::GitLab::new(
            &s.url,
            &s.project,
            token,
            &s.label,
            s.write_interval,
        )),
        TrackerKind::Redmine => Box::new(
            tracker::redmine::Redmine::new(
                &s.url,
                &s.project,
                token,
                s.redmine_field,
                s.write_interval,
            )
            .map_err(|e| failed(format!("connecting to Redmine: {e}")))?,
        ),
    })
}

fn read_plan(file: &std::path::Path, client: &dyn Tracker, run: &str) -> Result<Plan, RunError> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| failed(format!("{}: cannot read the plan: {e}", file.display())))?;
    let plan: Plan = serde_json::from_str(&text).map_err(|e| {
        failed(format!(
            "{}: not a sync plan ({e}); write one with `debtscan sync … --dry-run --format json --output PLAN`",
            file.display()
        ))
    })?;
    if plan.schema_version != PLAN_VERSION {
        return Err(failed(format!(
            "{}: plan version {} (this debtscan writes {PLAN_VERSION}); plan again",
            file.display(),
            plan.schema_version
        )));
    }
    if plan.tracker != client.name() || plan.project != client.project() {
        return Err(failed(format!(
            "{}: the plan is for {} {}, not {} {}",
            file.display(),
            plan.tracker,
            plan.project,
            client.name(),
            client.project()
        )));
    }
    if plan.run != run {
        return Err(failed(format!(
            "{}: the plan was made for run {}, and this backlog is run {run}: plan again with this backlog",
            file.display(),
            plan.run
        )));
    }
    Ok(plan)
}

fn short(id: &str) -> &str {
    id.get(..11).unwrap_or(id)
}

fn headline(plan: &Plan) -> String {
    let c = &plan.counts;
    format!(
        "{} {} (run {}): {} to create, {} to update, {} to close, {} to reopen, {} left alone; {} up to date, {} deferred by --max-create, {} under the thresholds",
        plan.tracker,
        plan.project,
        short(&plan.run),
        c.create,
        c.update,
        c.close,
        c.reopen,
        c.left_alone,
        c.up_to_date,
        c.deferred,
        c.below_threshold
    )
}

/// The plan as a table: one line per write, then the issues left alone.
fn plan_table(plan: &Plan) -> String {
    let mut s = format!("Plan for {}\n", headline(plan));
    if !plan.actions.is_empty() {
        let _ = writeln!(s, "\n{:<8} {:>6}  {:<11}  WHAT", "ACTION", "ISSUE", "ITEM");
    }
    for a in &plan.actions {
        let issue = a.issue().map_or(String::new(), |n| format!("#{n}"));
        let what = match a {
            plan::Action::Create { title, score, .. } => format!("{title} (score {score:.1})"),
            plan::Action::Update { why, title, .. } => match title {
                Some(t) => format!("{why}; title: {t}"),
                None => why.clone(),
            },
            plan::Action::Close { resolution, .. } => format!("{resolution:?}").to_lowercase(),
            plan::Action::Reopen { .. } => "back".to_string(),
        };
        let _ = writeln!(
            s,
            "{:<8} {:>6}  {:<11}  {what}",
            a.verb(),
            issue,
            short(a.item())
        );
    }
    left_alone(plan, &mut s);
    s
}

/// The issues a plan leaves alone, and why.
fn left_alone(plan: &Plan, s: &mut String) {
    if !plan.left_alone.is_empty() {
        let _ = writeln!(s, "\nLeft alone:");
        for l in &plan.left_alone {
            let _ = writeln!(s, "  #{} {}: {}", l.issue, short(&l.item), l.why);
        }
    }
}

/// What an applied plan did.
fn done_table(plan: &Plan, done: &[Done], stale: usize) -> String {
    let mut s = format!(
        "Synced {}\n{} of {} actions done",
        headline(plan),
        done.len(),
        plan.actions.len()
    );
    if stale > 0 {
        let _ = write!(
            s,
            "; {stale} of the reviewed plan's actions dropped: the issues no longer need them"
        );
    }
    s.push_str(".\n");
    for d in done {
        let _ = writeln!(s, "  {:<7} #{:<6} {}", d.action, d.issue, short(&d.item));
    }
    left_alone(plan, &mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn resolve(args: &[&str], env: &[(&str, &str)]) -> Result<SyncSettings, String> {
        let argv = ["debtscan", "sync", "b.json"]
            .into_iter()
            .chain(args.iter().copied());
        let cli = super::super::Cli::try_parse_from(argv).map_err(|e| format!("clap: {e}"))?;
        let super::super::args::Command::Sync(a) = cli.command else {
            unreachable!()
        };
        let var = |k: &str| {
            env.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        };
        settings(a, &var).map_err(|e| e.to_string())
    }

    #[test]
    fn settings_come_from_flags_then_the_environment() {
        let gh = [
            ("GITHUB_TOKEN", "ghp_secret"),
            ("GITHUB_REPOSITORY", "acme/app"),
        ];
        // (args, env, expected project, url, mode) or the start of the error.
        type Row<'a> = (
            &'a [&'a str],
            &'a [(&'a str, &'a str)],
            Result<(&'a str, &'a str, Mode), &'a str>,
        );
        let rows: &[Row] = &[
            (
                &["--tracker", "github"],
                &gh,
                Ok(("acme/app", "https://api.github.com", Mode::Run)),
            ),
            (
                &["--tracker", "github", "--project", "o/r", "--dry-run"],
                &gh,
                Ok(("o/r", "https://api.github.com", Mode::Plan)),
            ),
            (
                &["--tracker", "github", "--apply", "p.json"],
                &gh,
                Ok((
                    "acme/app",
                    "https://api.github.com",
                    Mode::Apply("p.json".into()),
                )),
            ),
            (
                &["--tracker", "github"],
                &[
                    ("GITHUB_TOKEN", "t"),
                    ("GITHUB_REPOSITORY", "acme/app"),
                    ("GITHUB_API_URL", "https://ghe.example.com/api/v3"),
                ],
                Ok(("acme/app", "https://ghe.example.com/api/v3", Mode::Run)),
            ),
            (
                &["--tracker", "github", "--project", "app"],
                &gh,
                Err("--project \"app\": a GitHub project is owner/repo"),
            ),
            (
                &["--tracker", "github"],
                &[("GITHUB_REPOSITORY", "acme/app")],
                Err("set GITHUB_TOKEN"),
            ),
            (
                &["--tracker", "github"],
                &[("GITHUB_TOKEN", "t")],
                Err("give the project with --project (or set GITHUB_REPOSITORY)"),
            ),
            (
                &["--tracker", "gitlab"],
                &[("GITLAB_TOKEN", "t"), ("CI_PROJECT_ID", "42")],
                Ok(("42", "https://gitlab.com/api/v4", Mode::Run)),
            ),
            (
                &[
                    "--tracker",
                    "gitlab",
                    "--project",
                    "g/s/r",
                    "--url",
                    "https://git.example.com/api/v4",
                ],
                &[("GITLAB_TOKEN", "t")],
                Ok(("g/s/r", "https://git.example.com/api/v4", Mode::Run)),
            ),
            (
                &["--tracker", "redmine"],
                &[("REDMINE_API_KEY", "k"), ("REDMINE_PROJECT", "shop")],
                Err("give the tracker's address with --url (or set REDMINE_URL)"),
            ),
            (
                &["--tracker", "redmine", "--url", "redmine.example.com"],
                &[("REDMINE_API_KEY", "k"), ("REDMINE_PROJECT", "shop")],
                Err("--url \"redmine.example.com\": an http:// or https:// address"),
            ),
            (
                &["--tracker", "redmine"],
                &[
                    ("REDMINE_API_KEY", "k"),
                    ("REDMINE_PROJECT", "shop"),
                    ("REDMINE_URL", "http://127.0.0.1:3100"),
                ],
                Ok(("shop", "http://127.0.0.1:3100", Mode::Run)),
            ),
            (
                &["--tracker", "github", "--min-severity", "severe"],
                &gh,
                Err("--min-severity \"severe\": use one of info, minor, major, critical, blocker"),
            ),
            (
                &["--tracker", "github", "--close-after", "0"],
                &gh,
                Err("--close-after must be 1 or more"),
            ),
            (
                &["--tracker", "github", "--label", "a,b"],
                &gh,
                Err("--label must be one label name"),
            ),
            (
                &["--tracker", "github", "--format", "sarif"],
                &gh,
                Err("`debtscan sync` writes a table or json"),
            ),
            (
                &["--tracker", "jira"],
                &gh,
                Err("clap: error: invalid value 'jira'"),
            ),
            (
                &["--tracker", "github", "--dry-run", "--apply", "p.json"],
                &gh,
                Err("clap: error: the argument '--dry-run' cannot be used with"),
            ),
        ];
        let mut failures = Vec::new();
        for (args, env, want) in rows {
            let got = resolve(args, env);
            let ok = match (&got, want) {
                (Ok(s), Ok((project, url, mode))) => {
                    s.project == *project && s.url == *url && s.mode == *mode
                }
                (Err(e), Err(start)) => e.starts_with(start),
                _ => false,
            };
            if !ok {
                failures.push(format!("{args:?} {env:?}: got {got:?}, want {want:?}"));
            }
            if let Ok(s) = &got {
                assert!(
                    !format!("{s:?}").contains("ghp_secret"),
                    "a token is never printed"
                );
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
