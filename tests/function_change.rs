//! The change factor of an item inside a function is the function's own change, not its
//! file's: scripted repositories where a file changes often and its functions do not.

mod common;

use common::{complex, items_of, json, Repo};

/// `src/lib.rs` with `stable` (never changed after it was written) and `busy` (changed in
/// every commit, as `k`), a small function `tail` that also changes with `k`, and quiet files
/// around it, committed `commits` times.
fn repository(commits: u32, config: Option<&str>) -> Repo {
    let mut repo = Repo::git();
    if let Some(c) = config {
        repo.write("debtscan.toml", c);
    }
    for k in 0..4 {
        repo.write(
            &format!("src/quiet{k}.rs"),
            format!("pub fn q() -> u8 {{\n    {k}\n}}\n"),
        );
    }
    for k in 0..commits {
        let lib = format!(
            "{}\n{}\npub fn tail() -> u32 {{\n    {k}\n}}\n",
            complex("stable", 0),
            complex("busy", k)
        );
        repo.write("src/lib.rs", lib);
        repo.commit("work");
    }
    repo
}

fn complex_item<'b>(backlog: &'b serde_json::Value, symbol: &str) -> &'b serde_json::Value {
    items_of(backlog, "complex-function")
        .into_iter()
        .find(|i| i["location"]["symbol"] == symbol)
        .unwrap_or_else(|| panic!("no complex-function item for {symbol}: {backlog:#}"))
}

fn change_line(item: &serde_json::Value) -> String {
    item["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l.as_str())
        .find(|l| l.starts_with("change "))
        .unwrap_or_else(|| panic!("no change line: {item:#}"))
        .to_string()
}

fn check_stable_and_busy(backlog: &serde_json::Value) {
    let stable = complex_item(backlog, "stable");
    let busy = complex_item(backlog, "busy");
    let why = change_line(stable);
    // The file is the most changed of the repository, and `stable` never changed after the
    // commit that wrote it.
    assert_eq!(stable["signals"]["change"], 0.0, "{stable:#}");
    assert_eq!(stable["signals"]["recent_revisions"], 0, "{stable:#}");
    assert!(
        why.contains("`stable` itself changed in 0 of the file's 8 commits"),
        "{why}"
    );
    assert!(
        why.contains("the commit creating it is no change of it"),
        "{why}"
    );
    assert!(why.contains("top 20% of files"), "{why}");
    // `busy` changed in each of the 7 commits after its creation: its change stays high.
    assert_eq!(busy["signals"]["recent_revisions"], 7, "{busy:#}");
    let busy_change = busy["signals"]["change"].as_f64().unwrap();
    assert!(busy_change >= 0.7, "{busy:#}");
    assert!(
        change_line(busy).contains("`busy` itself changed in 7 of the file's 8 commits"),
        "{busy:#}"
    );
    assert!(busy["score"].as_f64() > stable["score"].as_f64());
    // The file's own items keep the file's change.
    let file_change = items_of(backlog, "hotspot")
        .into_iter()
        .find(|i| i["location"]["symbol"].is_null())
        .map(|i| i["signals"]["change"].as_f64().unwrap());
    if let Some(f) = file_change {
        assert!(f >= busy_change, "{backlog:#}");
    }
}

#[test]
fn a_complex_function_untouched_in_an_often_changed_file_has_low_change() {
    let repo = repository(8, None);
    check_stable_and_busy(&json(&["scan", ".", "--format", "json"], repo.path()));
}

#[test]
fn files_beyond_the_hottest_are_followed_when_they_hold_a_complex_function() {
    // No file is among the X-Rayed hottest: the scan follows src/lib.rs for its complex
    // functions alone.
    let repo = repository(8, Some("[hotspots]\nxray_files = 0\n"));
    check_stable_and_busy(&json(&["scan", ".", "--format", "json"], repo.path()));
}

#[test]
fn a_function_that_may_be_renamed_is_followed_from_its_creation() {
    let mut repo = repository(3, None);
    // `busy` becomes `renamed` in a commit that removes `busy`: its history before cannot be
    // told; the next commit changes it. It is followed from its creation, at full weight, and
    // says what is not counted.
    for k in 0..2 {
        let lib = format!(
            "{}\n{}\npub fn tail() -> u32 {{\n    {}\n}}\n",
            complex("stable", 0),
            complex("renamed", 9 + k),
            10 + k
        );
        repo.write("src/lib.rs", lib);
        repo.commit("rename");
    }
    let backlog = json(&["scan", ".", "--format", "json"], repo.path());
    let renamed = complex_item(&backlog, "renamed");
    let why = change_line(renamed);
    assert!(
        why.contains("`renamed` itself changed in 1 of the file's")
            && why.contains(
                "the commit that created it in that window removed `busy`, perhaps renaming or \
                 rewriting it, so its changes before are not counted"
            ),
        "{why}"
    );
    let weight = &backlog["scoring"]["change_weight"].as_f64().unwrap();
    assert!(why.contains(&format!("(weight {weight:.2})")), "{why}");
    assert_eq!(renamed["signals"]["recent_revisions"], 1, "{renamed:#}");
    // `stable` is still followed.
    assert_eq!(complex_item(&backlog, "stable")["signals"]["change"], 0.0);
}

#[test]
fn a_function_is_followed_through_its_file_being_renamed() {
    // `busy` changes in lib/old.rs, the file moves to src/new.rs (with a small edit
    // elsewhere), and `busy` changes once more: its five changes after its creation all count.
    let mut repo = Repo::git();
    let text = |k: u32, tail: u32| {
        format!(
            "{}\n{}\npub fn tail() -> u32 {{\n    {tail}\n}}\n",
            complex("stable", 0),
            complex("busy", k)
        )
    };
    for k in 0..5 {
        repo.write("lib/old.rs", text(k, 0));
        repo.commit("work");
    }
    std::fs::remove_file(repo.path().join("lib/old.rs")).unwrap();
    repo.write("src/new.rs", text(4, 1));
    repo.commit("move");
    repo.write("src/new.rs", text(5, 1));
    repo.commit("work after the move");
    let backlog = json(&["scan", ".", "--format", "json"], repo.path());
    let busy = complex_item(&backlog, "busy");
    assert_eq!(busy["location"]["path"], "src/new.rs");
    assert_eq!(busy["signals"]["recent_revisions"], 5, "{busy:#}");
    assert_eq!(complex_item(&backlog, "stable")["signals"]["change"], 0.0);
    // The commit that moved the file changed `tail`, not `busy`.
    assert!(
        change_line(busy).contains("`busy` itself changed in 5 of the file's"),
        "{busy:#}"
    );
}
