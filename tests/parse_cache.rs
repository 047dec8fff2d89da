//! Parse facts in the cache (table `parse`), through the real binary: the report is the one
//! computed without a cache, cold or warm, after edits and after changes of the settings that
//! parsing reads; a file is parsed again only when something its facts depend on changed.

mod common;

use std::path::Path;
use std::process::Output;

use common::Repo;

/// Rust with markers, complex code, modules, a test module and a syntax error; invalid UTF-8;
/// and, when built in, Lua.
fn project() -> Repo {
    let mut repo = Repo::git();
    repo.write(
        "src/lib.rs",
        "// TODO(ana): split this #12\nmod a;\nmod b;\npub use a::busy;\n",
    );
    repo.write("src/a.rs", common::complex("busy", 12));
    repo.write(
        "src/b.rs",
        "pub fn b() {\n    todo!(\"later\")\n}\n\n#[cfg(test)]\nmod tests {\n    // FIXME: flaky\n    #[test]\n    fn t() {}\n}\n",
    );
    repo.write(
        "src/broken.rs",
        "fn broken( {\n    // HACK: parses in part\n}\n",
    );
    repo.write("src/latin1.rs", b"// TODO: caf\xe9\nfn f() {}\n");
    repo.write(
        "lua/init.lua",
        "-- TODO: port\nlocal M = {}\nfunction M.run(x)\n  if x then return 1 end\nend\nreturn M\n",
    );
    repo.commit("start");
    for i in 0..3 {
        repo.write("src/a.rs", common::complex("busy", 12 + i));
        repo.commit(&format!("change {i}"));
    }
    repo
}

/// `debtscan <args>` in the repository, with the cache in `cache` (`None`: `--no-cache`).
fn run(repo: &Repo, args: &[&str], cache: Option<&Path>) -> Output {
    common::run_cached(repo.path(), args, cache)
}

const SCAN: &[&str] = &["scan", ".", "--format", "json", "-q"];

/// Runs `args` without a cache and with `cache`, asserting both print the same bytes and the
/// cached run warns of nothing; the standard output.
fn same(repo: &Repo, args: &[&str], cache: &Path) -> Vec<u8> {
    let expected = run(repo, args, None);
    let out = run(repo, args, Some(cache));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&expected.stdout),
        "{args:?}"
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The parse table of this repository's cache: (segments, entries); zeros when absent.
fn parse_table(repo: &Repo, cache: &Path) -> (u64, u64) {
    let out = run(
        repo,
        &["cache", "info", ".", "--format", "json"],
        Some(cache),
    );
    let tables = common::current_cache_tables(&out.stdout);
    let parse: Vec<_> = tables.iter().filter(|t| t["name"] == "parse").collect();
    assert!(
        parse.len() <= 1,
        "one layout of the parse table: {tables:?}"
    );
    parse.first().map_or((0, 0), |t| {
        (
            t["segments"].as_u64().unwrap(),
            t["entries"].as_u64().unwrap(),
        )
    })
}

/// The number of files a report says it scanned.
fn scanned(report: &[u8]) -> u64 {
    let v: serde_json::Value = serde_json::from_slice(report).unwrap();
    v["summary"]["files_scanned"].as_u64().unwrap()
}

#[test]
fn cold_and_warm_runs_report_what_an_uncached_run_does_and_warm_parses_nothing() {
    let repo = project();
    let cache = tempfile::tempdir().unwrap();
    let cold = same(&repo, SCAN, cache.path());
    let files = scanned(&cold);
    assert!(files >= 5, "{files} files");
    // Every parsed file was filed, once.
    assert_eq!(parse_table(&repo, cache.path()), (1, files));
    let warm = same(&repo, SCAN, cache.path());
    assert_eq!(warm, cold);
    // Nothing new to file: every file's facts came from the cache.
    assert_eq!(parse_table(&repo, cache.path()), (1, files));
    // The facts read back carry everything the report shows: partial files included.
    let v: serde_json::Value = serde_json::from_slice(&warm).unwrap();
    let partial = v["summary"]["partial_files"].to_string();
    assert!(partial.contains("src/broken.rs"), "{partial}");
    assert!(partial.contains("src/latin1.rs"), "{partial}");
}

#[test]
fn an_edited_file_alone_is_parsed_again() {
    let mut repo = project();
    let cache = tempfile::tempdir().unwrap();
    let first = same(&repo, SCAN, cache.path());
    let files = scanned(&first);
    // Uncommitted, then committed: the text is what counts, not the commit.
    repo.write("src/a.rs", common::complex("busy", 30) + "// XXX: more\n");
    let edited = same(&repo, SCAN, cache.path());
    assert_ne!(edited, first);
    assert_eq!(parse_table(&repo, cache.path()), (2, files + 1));
    repo.commit("edit");
    same(&repo, SCAN, cache.path());
    assert_eq!(parse_table(&repo, cache.path()), (2, files + 1));
    // Back to an earlier text: its facts are still there.
    repo.write("src/a.rs", common::complex("busy", 14));
    same(&repo, SCAN, cache.path());
    assert_eq!(parse_table(&repo, cache.path()), (2, files + 1));
    // A moved file names another path in its facts: parsed again under its new name.
    std::fs::rename(repo.path().join("src/b.rs"), repo.path().join("src/c.rs")).unwrap();
    same(&repo, SCAN, cache.path());
    assert_eq!(parse_table(&repo, cache.path()), (3, files + 2));
}

#[test]
fn settings_parsing_reads_are_part_of_the_key_and_the_others_are_not() {
    let repo = project();
    let cache = tempfile::tempdir().unwrap();
    let first = same(&repo, SCAN, cache.path());
    let files = scanned(&first);
    let config = repo.path().join("debtscan.toml");

    // Thresholds are applied to the facts after parsing: the same facts serve.
    std::fs::write(&config, "[complexity]\ncyclomatic = 3\ncognitive = 4\n").unwrap();
    let stricter = same(&repo, SCAN, cache.path());
    assert_ne!(stricter, first, "the thresholds change the report");
    assert_eq!(parse_table(&repo, cache.path()), (1, files));

    // When a closure is a function of its own is decided while parsing.
    std::fs::write(&config, "[complexity]\nclosure_lines = 2\n").unwrap();
    same(&repo, SCAN, cache.path());
    assert_eq!(parse_table(&repo, cache.path()), (2, 2 * files));

    // Marker tags: which comments are markers.
    std::fs::write(&config, "[markers.tags]\nNOTE = 0.5\nTODO = 0.5\n").unwrap();
    std::fs::write(repo.path().join("src/note.rs"), "// NOTE: a marker now\n").unwrap();
    let tagged = same(&repo, SCAN, cache.path());
    assert!(String::from_utf8_lossy(&tagged).contains("a marker now"));
    assert_eq!(parse_table(&repo, cache.path()).1, 3 * files + 1);
    std::fs::remove_file(&config).unwrap();
    std::fs::remove_file(repo.path().join("src/note.rs")).unwrap();

    // What is wanted: no imports without the graph, no metrics for `todos`. Each is filed
    // apart, and the full scan still finds its own.
    let (_, before) = parse_table(&repo, cache.path());
    same(&repo, &[SCAN, &["--no-graph"]].concat(), cache.path());
    same(
        &repo,
        &["todos", ".", "--format", "json", "-q"],
        cache.path(),
    );
    assert_eq!(parse_table(&repo, cache.path()).1, before + 2 * files);
    assert_eq!(same(&repo, SCAN, cache.path()), first);
    assert_eq!(parse_table(&repo, cache.path()).1, before + 2 * files);
}

#[test]
fn a_damaged_parse_segment_is_dropped_with_a_warning_and_computed_again() {
    let repo = project();
    let cache = tempfile::tempdir().unwrap();
    let expected = run(&repo, SCAN, None);
    let files = scanned(&expected.stdout);
    run(&repo, SCAN, Some(cache.path()));
    // One flipped bit in the payload: the checksum catches it.
    common::damage_the_only_segment(cache.path(), "parse");
    common::drop_backlogs(cache.path());

    let out = run(&repo, SCAN, Some(cache.path()));
    let mut report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut clean: serde_json::Value = serde_json::from_slice(&expected.stdout).unwrap();
    let warnings = std::mem::take(&mut report["summary"]["warnings"]);
    let usual = std::mem::take(&mut clean["summary"]["warnings"]);
    let added: Vec<_> = warnings
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| !usual.as_array().unwrap().contains(w))
        .collect();
    assert_eq!(added.len(), 1, "{warnings:?}");
    let warning = added[0].as_str().unwrap();
    assert!(warning.contains("damaged cache segment"), "{warning}");
    assert!(warning.contains("parse"), "{warning}");
    // Apart from that warning, the report computed without a cache.
    assert_eq!(report, clean);
    // Computed again and filed: the next run is clean and byte-identical.
    assert_eq!(parse_table(&repo, cache.path()), (1, files));
    same(&repo, SCAN, cache.path());
}

/// A Rust file of `n` test functions, the one numbered `changed` with `body` for its body.
fn big_file(n: usize, changed: usize, body: &str) -> String {
    let mut text = String::from("use std::fs;\n\n");
    for i in 0..n {
        let b = if i == changed {
            body.to_string()
        } else {
            // Longer than a piece's minimum: each function a piece of its own.
            let lines: String = (0..24)
                .map(|k| format!("    let y{k} = x + {k};\n"))
                .collect();
            format!("    let x = {i};\n    // TODO: tidy {i}\n{lines}    assert_eq!(x, {i});")
        };
        text.push_str(&format!(
            "#[test]\nfn t{i}() {{\n{b}\n    if x > 1 && x < 9 {{\n        fs::read(\"{i}\").ok();\n    }}\n}}\n\n"
        ));
    }
    text
}

#[test]
fn a_large_file_is_filed_in_pieces_and_an_edit_parses_its_piece_alone() {
    let mut repo = project();
    repo.write("src/big.rs", big_file(120, usize::MAX, ""));
    repo.commit("big");
    let rust = debtscan::lang::for_path(Path::new("big.rs")).unwrap();
    let text = std::fs::read_to_string(repo.path().join("src/big.rs")).unwrap();
    let pieces = debtscan::parse::chunks::cuts(rust, &text).len() as u64;
    assert!(pieces > 100, "{pieces} pieces");
    let cache = tempfile::tempdir().unwrap();
    let first = same(&repo, SCAN, cache.path());
    let files = scanned(&first);
    // Every file filed whole, and the pieces of the large one.
    assert_eq!(parse_table(&repo, cache.path()), (1, files + pieces));
    // One function changed: one piece parsed and filed again (and the file whole), the report
    // as without a cache.
    repo.write(
        "src/big.rs",
        big_file(120, 60, "    let x = 60;\n    // FIXME: new"),
    );
    let edited = same(&repo, SCAN, cache.path());
    assert_ne!(edited, first);
    assert_eq!(parse_table(&repo, cache.path()), (2, files + pieces + 2));
    // A syntax error in one piece that joining it with the next 1, 2, 4 and 8 pieces, then
    // with all the rest, does not mend: the file is read whole (and filed so), with the error.
    // Filed: the piece, the five joins and the file.
    repo.write("src/big.rs", big_file(120, 60, "    let x = (60;"));
    let broken = same(&repo, SCAN, cache.path());
    let v: serde_json::Value = serde_json::from_slice(&broken).unwrap();
    let partial = v["summary"]["partial_files"].to_string();
    assert!(partial.contains("src/big.rs"), "{partial}");
    assert_eq!(parse_table(&repo, cache.path()), (3, files + pieces + 9));
    same(&repo, SCAN, cache.path());
    assert_eq!(parse_table(&repo, cache.path()), (3, files + pieces + 9));
}

#[test]
fn a_cut_inside_a_raw_string_is_mended_by_joining_the_pieces_around_it() {
    let mut repo = project();
    repo.write("src/big.rs", big_file(40, usize::MAX, ""));
    repo.commit("big");
    let cache = tempfile::tempdir().unwrap();
    let first = same(&repo, SCAN, cache.path());
    let files = scanned(&first);
    let (_, filed) = parse_table(&repo, cache.path());
    // Expected output as cargo's tests write it: `}`, a blank line and a line in column 0
    // inside a raw string, far enough into the function for a cut to fall there.
    let lines: String = (0..40).map(|k| format!("    let y{k} = {k};\n")).collect();
    let body = format!("    let x = 20;\n{lines}    let s = r#\"\n}}\n\nfn fake() {{}}\n\"#;");
    repo.write("src/big.rs", big_file(40, 20, &body));
    let rust = debtscan::lang::for_path(Path::new("big.rs")).unwrap();
    let text = std::fs::read_to_string(repo.path().join("src/big.rs")).unwrap();
    let cuts = debtscan::parse::chunks::cuts(rust, &text);
    let at = text.find("fn fake").unwrap();
    assert!(
        cuts.iter().any(|c| c.start == at),
        "no cut inside the string"
    );
    let report = same(&repo, SCAN, cache.path());
    let v: serde_json::Value = serde_json::from_slice(&report).unwrap();
    let partial = v["summary"]["partial_files"].to_string();
    assert!(!partial.contains("src/big.rs"), "{partial}");
    // Read in pieces, not whole: the piece cut inside the string, its join with the next one
    // and the file are filed; the other pieces are those of the first version.
    assert_eq!(parse_table(&repo, cache.path()), (2, filed + 3));
    let functions = run(&repo, &["functions", ".", "--format", "json", "-q"], None);
    let listed = String::from_utf8_lossy(&functions.stdout);
    assert!(
        listed.contains("\"t20\"") && !listed.contains("fake"),
        "{listed}"
    );
    assert_eq!(files, scanned(&report));
}

#[test]
fn a_test_module_of_fixtures_cut_in_many_places_is_one_piece_and_the_code_before_it_stays_in_pieces(
) {
    // rust-analyzer's tests hold Rust code in raw strings, items in column 0 and all: the
    // module at the end of the file is cut inside its strings more often than joining the
    // next 15 pieces can mend, and joined with the rest of the file it parses clean.
    let fixture = |n: usize| {
        let items: String = (0..n)
            .map(|i| {
                let lines: String = (0..30).map(|k| format!("    let f{k} = {k};\n")).collect();
                format!("fn fixture{i}() {{\n{lines}}}\n\n")
            })
            .collect();
        format!(
            "#[cfg(test)]\nmod tests {{\n    #[test]\n    fn all() {{\n        check(r#\"\n{items}\"#);\n    }}\n}}\n"
        )
    };
    let mut repo = project();
    // Fixtures of 0.2 MB, so the timings tell a whole read (0.2 MB parsed) from a piece.
    repo.write("src/big.rs", big_file(40, usize::MAX, "") + &fixture(300));
    repo.commit("big");
    let rust = debtscan::lang::for_path(Path::new("big.rs")).unwrap();
    let text = std::fs::read_to_string(repo.path().join("src/big.rs")).unwrap();
    let inside = text.find("check(r#").unwrap();
    let cuts = debtscan::parse::chunks::cuts(rust, &text);
    assert!(cuts.iter().filter(|c| c.start > inside).count() > 16);
    let cache = tempfile::tempdir().unwrap();
    let first = same(&repo, SCAN, cache.path());
    let v: serde_json::Value = serde_json::from_slice(&first).unwrap();
    let partial = v["summary"]["partial_files"].to_string();
    assert!(!partial.contains("src/big.rs"), "{partial}");
    let (_, filed) = parse_table(&repo, cache.path());
    // One production function changed: its piece and the file are filed again; the module,
    // one piece, is found as it was (read whole, the file would have been filed alone).
    repo.write(
        "src/big.rs",
        big_file(40, 7, "    let x = 7;\n    // FIXME: new") + &fixture(300),
    );
    same(&repo, SCAN, cache.path());
    assert_eq!(parse_table(&repo, cache.path()), (2, filed + 2));
    repo.write(
        "src/big.rs",
        big_file(40, 8, "    let x = 8;\n    // FIXME: newer") + &fixture(300),
    );
    let timed = [SCAN, &["--timings"]].concat();
    let out = run(&repo, &timed, Some(cache.path()));
    let timings = String::from_utf8_lossy(&out.stderr);
    let parse = timings
        .lines()
        .find(|l| l.contains("timing: parse"))
        .unwrap();
    assert!(parse.contains(" 0.0 MB parsed"), "{parse}");
    // The fixtures' functions are no functions of the file.
    let functions = run(&repo, &["functions", ".", "--format", "json", "-q"], None);
    assert!(!String::from_utf8_lossy(&functions.stdout).contains("fixture3"));
}
