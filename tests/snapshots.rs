//! Snapshot tests: the exact table and JSON output for the marker fixtures, so any change to
//! what users and scripts see is deliberate (review with `cargo insta review`).

mod common;

use common::Repo;

/// The marker fixtures copied into a fresh directory outside any git repository, so the
/// output does not depend on this repository's history or location.
fn fixture_tree() -> Repo {
    fixtures("markers")
}

/// The fixtures of `fixtures/rust/<kind>` copied into a fresh directory.
fn fixtures(kind: &str) -> Repo {
    let repo = Repo::plain();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/rust")
        .join(kind);
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            std::fs::copy(&path, repo.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    repo
}

fn stdout(args: &[&str], repo: &Repo) -> String {
    common::stdout(args, repo.path())
}

#[test]
fn json_report_of_the_marker_fixtures() {
    let repo = fixture_tree();
    insta::assert_snapshot!(stdout(&["todos", ".", "--format", "json", "-q"], &repo));
}

#[test]
fn table_report_of_the_marker_fixtures() {
    let repo = fixture_tree();
    insta::assert_snapshot!(stdout(&["scan", ".", "-q", "--top", "25"], &repo));
}

#[test]
fn functions_table_of_the_complexity_fixtures() {
    let repo = fixtures("complexity");
    insta::assert_snapshot!(stdout(
        &["functions", ".", "-q", "--sort", "cognitive", "--top", "30"],
        &repo
    ));
}

#[test]
fn functions_json_of_the_complexity_fixtures() {
    let repo = fixtures("complexity");
    insta::assert_snapshot!(stdout(&["functions", ".", "--format", "json", "-q"], &repo));
}
