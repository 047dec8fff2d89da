//! Helpers for integration tests: scripted git repositories in temp dirs and the real binary.
#![allow(dead_code)]

pub mod fake_http;
pub mod schema;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch directory, removed on drop.
pub struct Repo {
    pub dir: tempfile::TempDir,
    clock: i64,
}

impl Repo {
    /// An empty directory (not a git repository).
    pub fn plain() -> Repo {
        Repo {
            dir: tempfile::tempdir().expect("temp dir"),
            clock: 1_700_000_000,
        }
    }

    /// A fresh git repository with no commits.
    pub fn git() -> Repo {
        let repo = Repo::plain();
        repo.run_git(&["init", "-q", "-b", "main"]);
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file, creating directories.
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }

    /// Runs git with a fixed identity and no user/system config.
    pub fn run_git(&self, args: &[&str]) -> String {
        self.git_as(args, "Ana", "ana@example.com", self.clock)
    }

    pub fn git_as(&self, args: &[&str], name: &str, email: &str, time: i64) -> String {
        let date = format!("@{time} +0000");
        let out = Command::new("git")
            .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", name)
            .env("GIT_AUTHOR_EMAIL", email)
            .env("GIT_COMMITTER_NAME", name)
            .env("GIT_COMMITTER_EMAIL", email)
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Stages everything and commits as `name <email>` at `time` (seconds since the epoch).
    pub fn commit_as(&self, message: &str, name: &str, email: &str, time: i64) {
        self.run_git(&["add", "-A"]);
        self.git_as(&["commit", "-q", "-m", message], name, email, time);
    }

    /// Moves the clock of the next commit `days` later (on top of its usual day).
    pub fn advance(&mut self, days: i64) {
        self.clock += days * 86_400;
    }

    /// Stages everything and commits, one day after the previous commit.
    pub fn commit(&mut self, message: &str) {
        self.clock += 86_400;
        self.run_git(&["add", "-A"]);
        self.run_git(&["commit", "-q", "--allow-empty", "-m", message]);
    }

    /// Every file and directory below the root (outside `.git`) with its size and mtime.
    pub fn listing(&self) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
        let mut out = Vec::new();
        let mut stack = vec![self.path().to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.file_name().is_some_and(|n| n == ".git") {
                    continue;
                }
                let Ok(meta) = std::fs::symlink_metadata(&path) else {
                    continue;
                };
                out.push((path.clone(), meta.len(), meta.modified().unwrap()));
                if meta.is_dir() {
                    stack.push(path);
                }
            }
        }
        out.sort();
        out
    }
}

/// The debtscan binary built by cargo for this test run. Its default cache directory is in
/// the build's scratch directory, not the user's: kept between runs, as a user's would be.
pub fn debtscan() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("debtscan").expect("binary built");
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env(
            "XDG_CACHE_HOME",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("xdg-cache"),
        );
    cmd
}

/// Runs `debtscan <args>` in `cwd` with its cache in `cache` (`None`: `--no-cache`), which
/// must succeed.
pub fn run_cached(cwd: &Path, args: &[&str], cache: Option<&Path>) -> std::process::Output {
    let mut cmd = debtscan();
    cmd.args(args).current_dir(cwd);
    match cache {
        Some(dir) => cmd.arg("--cache-dir").arg(dir),
        None => cmd.arg("--no-cache"),
    };
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "debtscan {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `debtscan scan . -q --no-cache --format FORMAT --output FILE <extra>` in `cwd`, which
/// must succeed: a report written as a nightly job writes it.
pub fn scan_to(cwd: &Path, format: &str, file: &Path, extra: &[&str]) {
    let out = debtscan()
        .current_dir(cwd)
        .args([
            "scan",
            ".",
            "-q",
            "--no-cache",
            "--format",
            format,
            "--output",
        ])
        .arg(file)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "debtscan scan --format {format} {extra:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `debtscan <args>` in `cwd`, which must succeed, and returns its standard output.
pub fn stdout(args: &[&str], cwd: &Path) -> String {
    let out = debtscan().args(args).current_dir(cwd).output().unwrap();
    assert!(
        out.status.success(),
        "debtscan {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs `debtscan <args>` and parses its JSON standard output.
pub fn json(args: &[&str], cwd: &Path) -> serde_json::Value {
    serde_json::from_str(&stdout(args, cwd)).expect("valid JSON")
}

/// The items of a backlog of one kind, in rank order.
pub fn items_of<'b>(backlog: &'b serde_json::Value, kind: &str) -> Vec<&'b serde_json::Value> {
    backlog["items"]
        .as_array()
        .expect("a backlog has items")
        .iter()
        .filter(|i| i["kind"] == kind)
        .collect()
}

/// `(symbol, tag, text)` of each `todo-macro` item (unfinished code) of a backlog, in rank order.
pub fn unfinished(backlog: &serde_json::Value) -> Vec<(&str, &str, &str)> {
    items_of(backlog, "todo-macro")
        .iter()
        .map(|i| {
            (
                i["location"]["symbol"].as_str().unwrap_or(""),
                i["marker"]["tag"].as_str().unwrap_or(""),
                i["marker"]["text"].as_str().unwrap_or(""),
            )
        })
        .collect()
}

/// `(path, start line, tag, role)` of each `todo` item of a backlog, sorted: what a language's
/// end-to-end test compares with the markers its scripted files hold.
pub fn todo_places(backlog: &serde_json::Value) -> Vec<(String, u64, String, String)> {
    let mut places: Vec<(String, u64, String, String)> = items_of(backlog, "todo")
        .iter()
        .map(|i| {
            (
                i["location"]["path"].as_str().unwrap_or("").to_string(),
                i["location"]["start_line"].as_u64().unwrap_or(0),
                i["marker"]["tag"].as_str().unwrap_or("").to_string(),
                i["role"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    places.sort();
    places
}

/// The `(path, line, tag, role)` places of [`todo_places`], written as `&str`s, sorted.
pub fn places(list: &[(&str, u64, &str, &str)]) -> Vec<(String, u64, String, String)> {
    let mut out: Vec<(String, u64, String, String)> = (list.iter())
        .map(|(p, l, t, r)| (p.to_string(), *l, t.to_string(), r.to_string()))
        .collect();
    out.sort();
    out
}

/// The `(from, to)` edges of a `graph --format json` report, sorted.
pub fn graph_edges(graph: &serde_json::Value) -> Vec<(&str, &str)> {
    let mut edges: Vec<(&str, &str)> = (graph["edges"].as_array().expect("a graph has edges"))
        .iter()
        .map(|e| {
            (
                e["from"].as_str().unwrap_or(""),
                e["to"].as_str().unwrap_or(""),
            )
        })
        .collect();
    edges.sort();
    edges
}

/// `symbol → revisions` of the X-Rayed functions of `path` in a `hotspots --functions` report.
pub fn xray(report: &serde_json::Value, path: &str) -> std::collections::BTreeMap<String, u64> {
    report["functions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| {
            (
                f["symbol"].as_str().unwrap().to_string(),
                f["revisions"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The ids of all items, by title.
pub fn ids_by_title(backlog: &serde_json::Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = backlog["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["summary"].as_str().unwrap().to_string(),
                i["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

/// One fixture file with the lines of its hand-written `*.expected` oracle.
pub struct Fixture {
    /// Its language.
    pub def: &'static debtscan::lang::LanguageDef,
    pub path: PathBuf,
    pub text: String,
    /// The oracle's lines, without `#` comments and blank lines.
    pub expected: Vec<String>,
}

/// Every `fixtures/<lang>/<kind>/*.<ext>` file of every language, in path order, with its
/// `*.<ext>.expected` file (which must exist).
pub fn fixtures(kind: &str) -> Vec<Fixture> {
    let mut out = Vec::new();
    for def in debtscan::lang::LANGUAGES {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(def.name())
            .join(kind);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if debtscan::lang::for_path(&path).map(|l| l.name()) != Some(def.name()) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let expected_path = path.with_extension(format!(
                "{}.expected",
                path.extension().unwrap().to_str().unwrap()
            ));
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
                panic!("{} has no {}", path.display(), expected_path.display())
            });
            let expected = expected
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect();
            out.push(Fixture {
                def,
                path,
                text,
                expected,
            });
        }
    }
    out
}

/// A function of cognitive complexity 20 (a complex-function item) returning `k` at the end.
pub fn complex(name: &str, k: u32) -> String {
    format!(
        "pub fn {name}(xs: &[u8]) -> u8 {{
    let mut n = 0;
    for x in xs {{
        if *x > 1 {{
            if *x > 2 {{
                for _ in 0..*x {{
                    if n > 3 && n < 9 {{
                        n += 1;
                    }}
                }}
            }}
        }}
    }}
    while n > 100 {{
        if n % 2 == 0 {{
            n -= 1;
        }} else {{
            n -= 2;
        }}
    }}
    n + {k}
}}
"
    )
}

/// Every file below `dir` (none if it does not exist).
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// The repository that `debtscan cache info --format json` ran in, among those its output
/// (`info`) lists.
pub fn current_repository(info: &serde_json::Value) -> &serde_json::Value {
    info["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["current"] == true)
        .expect("this repository has a cache")
}

/// The tables of the cache of the repository `debtscan cache info --format json` ran in, from
/// its output.
pub fn current_cache_tables(info: &[u8]) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(info).unwrap();
    current_repository(&v)["tables"].as_array().unwrap().clone()
}

/// Removes the backlogs a cache filed: a rerun with unchanged inputs would otherwise answer
/// from there without reading the tables a test damaged.
pub fn drop_backlogs(cache: &Path) {
    let dirs: std::collections::BTreeSet<PathBuf> = files_below(cache)
        .iter()
        .filter_map(|p| p.ancestors().find(|a| a.ends_with("backlogs")))
        .map(Path::to_path_buf)
        .collect();
    for dir in dirs {
        std::fs::remove_dir_all(dir).unwrap();
    }
}

/// Flips one bit in the middle of the one segment of `table` in the cache at `cache`: damage
/// its checksum catches.
pub fn damage_the_only_segment(cache: &Path, table: &str) {
    let segments: Vec<PathBuf> = files_below(cache)
        .into_iter()
        .filter(|p| p.components().any(|c| c.as_os_str() == table))
        .filter(|p| p.extension().is_some_and(|e| e == "seg"))
        .collect();
    assert_eq!(segments.len(), 1, "{segments:?}");
    let mut bytes = std::fs::read(&segments[0]).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x10;
    std::fs::write(&segments[0], &bytes).unwrap();
}
