//! The store on its own: round trips, damage, versions, compaction, pruning, locks, failures.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::*;

fn settings(dir: &Path) -> CacheSettings {
    CacheSettings {
        enabled: true,
        dir: Some(dir.to_path_buf()),
    }
}

/// A cache for repository `key` in `dir`, which must open.
fn open(dir: &Path, key: &str) -> Cache {
    let elsewhere = tempfile::tempdir().unwrap();
    let (cache, warning) = Cache::open(&settings(dir), key, elsewhere.path());
    assert_eq!(warning, None);
    cache.expect("the cache opens")
}

/// Every `.seg` file below `dir`.
fn segments(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "seg") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn key(i: u64) -> Key {
    Key::of(&[b"test", &i.to_le_bytes()])
}

#[test]
fn keys_are_length_prefixed_and_stable() {
    assert_ne!(Key::of(&[b"ab", b"c"]), Key::of(&[b"a", b"bc"]));
    assert_ne!(Key::of(&[b"abc"]), Key::of(&[b"abc", b""]));
    assert_ne!(Key::of(&[]), Key::of(&[b""]));
    assert_eq!(Key::of(&[b"x", b"y"]), Key::of(&[b"x", b"y"]));
    assert_eq!(Key(0xab).hex(), format!("{}ab", "0".repeat(30)));
}

#[test]
fn disabled_is_silent() {
    let dir = tempfile::tempdir().unwrap();
    let off = CacheSettings {
        enabled: false,
        dir: Some(dir.path().to_path_buf()),
    };
    let (cache, warning) = Cache::open(&off, "k", Path::new("/nonexistent"));
    assert!(cache.is_none() && warning.is_none());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn entries_survive_a_save_and_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let cache = open(dir.path(), "root-a");
    let mut table: Table<(u32, String)> = cache.table("numbers", 1);
    assert!(table.is_empty());
    for i in 0..100 {
        table.insert(key(i), (i as u32, format!("n{i}")));
    }
    // A key already present keeps its value.
    table.insert(key(7), (0, "other".into()));
    assert_eq!(table.len(), 100);
    table.save();
    table.save(); // nothing new: no second segment
    assert_eq!(segments(dir.path()).len(), 1);
    drop(table);
    drop(cache);

    let cache = open(dir.path(), "root-a");
    let table: Table<(u32, String)> = cache.table("numbers", 1);
    assert_eq!(table.len(), 100);
    assert_eq!(table.get(&key(7)), Some(&(7, "n7".to_string())));
    assert_eq!(table.get(&key(1000)), None);
    assert!(cache.warnings().is_empty());
    // The directory says what it is.
    let version = std::fs::read_to_string(dir.path().join("VERSION")).unwrap();
    assert_eq!(version, format!("debtscan cache format {FORMAT_VERSION}\n"));
    assert!(dir.path().join("CACHEDIR.TAG").is_file());
}

#[test]
fn a_replacing_save_keeps_only_the_latest_run_s_entries() {
    let dir = tempfile::tempdir().unwrap();
    {
        let cache = open(dir.path(), "repo");
        let mut t: Table<String> = cache.table("walks", 1);
        t.insert(key(1), "first".into());
        t.save_replacing();
    }
    {
        let cache = open(dir.path(), "repo");
        let mut t: Table<String> = cache.table("walks", 1);
        assert_eq!(t.get(&key(1)).map(String::as_str), Some("first"));
        // Nothing new: nothing written, nothing lost.
        t.save_replacing();
        assert_eq!(segments(dir.path()).len(), 1);
        t.insert(key(2), "second".into());
        t.save_replacing();
    }
    let cache = open(dir.path(), "repo");
    let t: Table<String> = cache.table("walks", 1);
    assert_eq!(t.get(&key(1)), None);
    assert_eq!(t.get(&key(2)).map(String::as_str), Some("second"));
    assert_eq!(segments(dir.path()).len(), 1);
}

#[test]
fn flushed_entries_leave_memory_and_a_later_save_compacts_them() {
    let dir = tempfile::tempdir().unwrap();
    {
        let cache = open(dir.path(), "repo");
        let mut out: Table<u64> = cache.appender("commits", 1);
        for i in 0..(MAX_SEGMENTS as u64 + 2) {
            out.insert(key(i), i);
            out.flush();
            assert!(out.is_empty(), "a flushed entry is not held");
        }
    }
    assert_eq!(segments(dir.path()).len(), MAX_SEGMENTS + 2);
    let cache = open(dir.path(), "repo");
    let mut t: Table<u64> = cache.table("commits", 1);
    assert_eq!(t.len(), MAX_SEGMENTS + 2);
    assert_eq!(t.get(&key(3)), Some(&3));
    // Nothing new, but too many segments: compacted into one.
    t.save();
    assert_eq!(segments(dir.path()).len(), 1);
    let again: Table<u64> = open(dir.path(), "repo").table("commits", 1);
    assert_eq!(again.len(), MAX_SEGMENTS + 2);
}

#[test]
fn tables_are_sync_for_rayon() {
    fn sync<T: Sync + Send>() {}
    sync::<Table<String>>();
    sync::<Cache>();
}

#[test]
fn repositories_keep_separate_entries() {
    let dir = tempfile::tempdir().unwrap();
    let a = open(dir.path(), "root-a");
    let b = open(dir.path(), "root-b");
    assert_ne!(a.dir(), b.dir());
    let mut ta: Table<u32> = a.table("t", 1);
    ta.insert(key(1), 1);
    ta.save();
    let tb: Table<u32> = b.table("t", 1);
    assert_eq!(tb.get(&key(1)), None);
    let info = inspect(&settings(dir.path()), Some("root-b")).unwrap();
    assert_eq!(info.repositories.len(), 2);
    assert!(info.repositories[0].current);
    assert!(info.repositories[0].tables.is_empty());
    let with_entries = &info.repositories[1];
    assert_eq!(with_entries.tables.len(), 1);
    assert_eq!(with_entries.tables[0].entries, 1);
}

#[test]
fn damaged_segments_are_dropped_with_a_warning_and_recomputed() {
    let dir = tempfile::tempdir().unwrap();
    let cache = open(dir.path(), "r");
    let mut table: Table<String> = cache.table("t", 1);
    table.insert(key(1), "one".into());
    table.save();
    table.insert(key(2), "two".into());
    table.save();
    let files = segments(dir.path());
    assert_eq!(files.len(), 2);
    // One truncated, one with a flipped byte in the middle.
    let bytes = std::fs::read(&files[0]).unwrap();
    std::fs::write(&files[0], &bytes[..bytes.len() - 5]).unwrap();
    let mut bytes = std::fs::read(&files[1]).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    std::fs::write(&files[1], &bytes).unwrap();

    let info = inspect(&settings(dir.path()), Some("r")).unwrap();
    assert_eq!(info.repositories[0].damaged.len(), 2);

    let cache = open(dir.path(), "r");
    let mut table: Table<String> = cache.table("t", 1);
    assert_eq!(table.len(), 0, "nothing of a damaged segment is trusted");
    let warnings = cache.warnings();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings.iter().all(|w| w.contains("damaged cache segment")));
    assert!(
        segments(dir.path()).is_empty(),
        "damaged segments are deleted"
    );
    table.insert(key(1), "one".into());
    table.save();
    let cache = open(dir.path(), "r");
    assert_eq!(
        cache.table::<String>("t", 1).get(&key(1)),
        Some(&"one".into())
    );
}

#[test]
fn a_segment_of_another_shape_is_damage_not_data() {
    let dir = tempfile::tempdir().unwrap();
    let cache = open(dir.path(), "r");
    let mut table: Table<String> = cache.table("t", 1);
    table.insert(key(1), "a string".into());
    table.save();
    // The same table and version read as another type (a layout change without a bump).
    let other: Table<(u64, u64, u64, u64)> = cache.table("t", 1);
    assert_eq!(other.len(), 0);
    assert_eq!(cache.warnings().len(), 1);
}

#[test]
fn a_newer_cache_directory_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let newer = format!("debtscan cache format {}\n", FORMAT_VERSION + 1);
    std::fs::write(dir.path().join("VERSION"), &newer).unwrap();
    std::fs::create_dir(dir.path().join("r-future")).unwrap();
    let (cache, warning) = Cache::open(&settings(dir.path()), "r", Path::new("/"));
    assert!(cache.is_none());
    let warning = warning.unwrap();
    assert!(warning.contains("written by a newer debtscan"), "{warning}");
    assert!(warning.contains("--cache-dir"), "{warning}");
    assert!(warning.contains("debtscan cache clear"), "{warning}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("VERSION")).unwrap(),
        newer
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn a_directory_that_is_not_a_cache_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("VERSION"), "1.2.3\n").unwrap();
    let (cache, warning) = Cache::open(&settings(dir.path()), "r", Path::new("/"));
    assert!(cache.is_none());
    assert!(warning
        .unwrap()
        .contains("does not look like a debtscan cache"));
    assert!(clear(&settings(dir.path()), None).is_err());
    assert!(dir.path().join("VERSION").exists());
}

#[test]
fn segments_of_a_newer_format_are_kept_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let cache = open(dir.path(), "r");
    let mut table: Table<u32> = cache.table("t", 1);
    table.insert(key(1), 1);
    table.save();
    let file = &segments(dir.path())[0];
    let mut bytes = std::fs::read(file).unwrap();
    bytes[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    std::fs::write(file, &bytes).unwrap();
    let table: Table<u32> = cache.table("t", 1);
    assert_eq!(table.len(), 0);
    assert!(cache.warnings().is_empty());
    assert!(file.exists());
}

#[test]
fn value_versions_are_separate_and_older_ones_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let cache = open(dir.path(), "r");
    for version in [1, 3] {
        let mut table: Table<u32> = cache.table("t", version);
        table.insert(key(1), version);
        table.save();
    }
    let v2: Table<u32> = cache.table("t", 2);
    assert_eq!(v2.get(&key(1)), None);
    let root = cache.dir().join("t");
    assert!(!root.join("v1").exists(), "an older layout is deleted");
    assert!(root.join("v3").exists(), "a newer layout is left alone");
    assert_eq!(cache.table::<u32>("t", 3).get(&key(1)), Some(&3));
}

#[test]
fn many_segments_are_compacted_into_one() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..(MAX_SEGMENTS as u64 + 4) {
        let cache = open(dir.path(), "r");
        let mut table: Table<u64> = cache.table("t", 1);
        assert_eq!(table.len() as u64, i);
        table.insert(key(i), i);
        table.save();
    }
    let count = segments(dir.path()).len();
    assert!(count <= MAX_SEGMENTS, "{count} segments");
    let cache = open(dir.path(), "r");
    let table: Table<u64> = cache.table("t", 1);
    assert_eq!(table.len(), MAX_SEGMENTS + 4);
    assert!((0..MAX_SEGMENTS as u64 + 4).all(|i| table.get(&key(i)) == Some(&i)));
}

#[test]
fn the_oldest_segments_are_pruned_above_max_size() {
    let dir = tempfile::tempdir().unwrap();
    let cache = open(dir.path(), "r");
    let mut table: Table<Vec<u8>> = cache.table("t", 1);
    let day = Duration::from_secs(86_400);
    for i in 0..4u64 {
        table.insert(key(i), vec![i as u8; 1000]);
        table.save();
        // Older segments first: the first saved is the oldest.
        for file in segments(dir.path()) {
            let f = std::fs::File::options().write(true).open(&file).unwrap();
            let age = f.metadata().unwrap().modified().unwrap();
            f.set_modified(age - day).unwrap();
        }
    }
    let size = |files: &[PathBuf]| -> u64 {
        files
            .iter()
            .map(|f| std::fs::metadata(f).unwrap().len())
            .sum()
    };
    let one = size(&segments(dir.path())[..1]);
    cache.set_max_size(one * 5 / 2);
    table.insert(key(9), vec![9; 1000]);
    table.save();
    let left = segments(dir.path());
    assert!(size(&left) <= one * 5 / 2);
    assert_eq!(left.len(), 2);
    let reopened: Table<Vec<u8>> = cache.table("t", 1);
    // The newest two saves survive.
    assert!(reopened.get(&key(9)).is_some() && reopened.get(&key(3)).is_some());
    assert!(reopened.get(&key(0)).is_none());
    assert!(cache.warnings().is_empty());
    // A limit smaller than one segment prunes everything and says so.
    cache.set_max_size(10);
    table.insert(key(10), vec![0; 1000]);
    table.save();
    assert!(segments(dir.path()).is_empty());
    assert!(cache.warnings()[0].contains("raise max_size"));
}

#[test]
fn concurrent_runs_share_the_cache_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::thread::scope(|s| {
        for t in 0..4u64 {
            let dir = dir.path();
            s.spawn(move || {
                for round in 0..10 {
                    let cache = open(dir, "shared");
                    let mut table: Table<u64> = cache.table("t", 1);
                    let i = t * 100 + round;
                    table.insert(key(i), i);
                    table.save();
                    assert!(cache.warnings().is_empty(), "{:?}", cache.warnings());
                }
            });
        }
    });
    let cache = open(dir.path(), "shared");
    let table: Table<u64> = cache.table("t", 1);
    for t in 0..4 {
        for round in 0..10 {
            let i = t * 100 + round;
            assert_eq!(table.get(&key(i)), Some(&i), "entry {i}");
        }
    }
}

#[test]
fn clear_waits_for_runs_and_removes_only_its_repository() {
    let dir = tempfile::tempdir().unwrap();
    let a = open(dir.path(), "a");
    let b = open(dir.path(), "b");
    let mut t: Table<u32> = b.table("t", 1);
    t.insert(key(1), 1);
    t.save();
    let b_dir = b.dir().to_path_buf();
    drop((t, b));
    // `a` is in use: clearing it times out with a message.
    let busy = clear(&settings(dir.path()), Some("a")).unwrap_err();
    assert!(busy.contains("in use by a running debtscan"), "{busy}");
    let cleared = clear(&settings(dir.path()), Some("b")).unwrap();
    assert_eq!(cleared.repositories, 1);
    assert!(cleared.bytes > 0);
    assert!(!b_dir.exists());
    assert!(a.dir().exists());
    drop(a);
    // Files that are not the cache's stay, and so does the directory holding them.
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let all = clear(&settings(dir.path()), None).unwrap();
    assert_eq!(all.repositories, 1);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("notes.txt")]);
}

#[test]
fn an_unusable_directory_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let (cache, warning) = Cache::open(&settings(&file.join("cache")), "r", Path::new("/"));
    assert!(cache.is_none());
    let warning = warning.unwrap();
    assert!(
        warning.contains("cannot use the cache directory"),
        "{warning}"
    );
    assert!(warning.contains("--no-cache"), "{warning}");
}

#[test]
fn a_failed_save_is_a_warning_and_keeps_the_entries() {
    let dir = tempfile::tempdir().unwrap();
    let cache = open(dir.path(), "r");
    let mut table: Table<u32> = cache.table("t", 1);
    // A file where the table's directory should be.
    std::fs::write(cache.dir().join("t"), "in the way").unwrap();
    table.insert(key(1), 1);
    table.save();
    assert_eq!(table.get(&key(1)), Some(&1));
    let warnings = cache.warnings();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].contains("cannot save the cache table t"),
        "{warnings:?}"
    );
    std::fs::remove_file(cache.dir().join("t")).unwrap();
    table.save();
    assert_eq!(segments(dir.path()).len(), 1, "the next save writes them");
}

#[test]
fn the_default_directory_is_refused_inside_the_scanned_tree() {
    let tree = tempfile::tempdir().unwrap();
    let inside = tree.path().join("deep/.cache/debtscan");
    assert!(store::inside(&inside, tree.path()));
    assert!(store::inside(&tree.path().join("x/../y"), tree.path()));
    assert!(!store::inside(Path::new("/"), tree.path()));
    // An explicit --cache-dir there is the user's choice.
    let (cache, warning) = Cache::open(&settings(&inside), "r", tree.path());
    assert!(cache.is_some() && warning.is_none());
}

#[test]
fn notes_remember_head_and_work_tree() {
    let dir = tempfile::tempdir().unwrap();
    let cache = open(dir.path(), "abc,def");
    assert!(notes(&settings(dir.path()))[0].key.is_none());
    cache.set_note("0123", Path::new("/work/tree"));
    let found = notes(&settings(dir.path()));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].key.as_deref(), Some("abc,def"));
    assert_eq!(found[0].head.as_deref(), Some("0123"));
    assert_eq!(found[0].path.as_deref(), Some(Path::new("/work/tree")));
}

/// Set by [`a_full_disk_is_a_warning`] for the child process it starts.
const FULL_DISK_CHILD: &str = "DEBTSCAN_TEST_FULL_DISK_DIR";

#[test]
#[ignore = "run by a_full_disk_is_a_warning in a process that cannot grow files"]
fn full_disk_child() {
    let Some(dir) = std::env::var_os(FULL_DISK_CHILD) else {
        return;
    };
    let cache = open(Path::new(&dir), "r");
    let mut table: Table<Vec<u8>> = cache.table("t", 1);
    table.insert(key(1), vec![7; 64 * 1024]);
    table.save();
    let warnings = cache.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("cannot save the cache table"),
        "{warnings:?}"
    );
    assert!(segments(Path::new(&dir)).is_empty());
    // No temporary file is left behind either.
    let table_dir = cache.dir().join("t").join("v1");
    assert_eq!(std::fs::read_dir(table_dir).unwrap().count(), 0);
    println!("FULL-DISK-CHILD-OK");
}

/// A disk that fills up mid-write: the child runs with a file size limit of 16 KiB (SIGXFSZ
/// ignored, so a write past it fails with EFBIG as a full disk fails with ENOSPC).
#[test]
#[cfg(unix)]
fn a_full_disk_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 32 && exec \"$0\" \"$@\"")
        .arg(&exe)
        .args([
            "--exact",
            "cache::tests::full_disk_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(FULL_DISK_CHILD, dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("FULL-DISK-CHILD-OK"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Loading 50k small entries: `cargo test --release -p debtscan cache::tests::load_50k --
/// --ignored --nocapture`.
#[test]
#[ignore = "a measurement"]
fn load_50k() {
    #[derive(Serialize, Deserialize)]
    struct Change {
        path: String,
        old: [u8; 20],
        new: [u8; 20],
        added: u32,
        deleted: u32,
    }
    let dir = tempfile::tempdir().unwrap();
    let cache = open(dir.path(), "r");
    let mut records: Table<Vec<Change>> = cache.table("records", 1);
    let mut counts: Table<(u32, u32)> = cache.table("counts", 1);
    for i in 0..50_000u64 {
        let id = [i as u8; 20];
        let changes = (0..3)
            .map(|j| Change {
                path: format!("src/module_{}/file_{j}.rs", i % 40),
                old: id,
                new: id,
                added: (i % 100) as u32,
                deleted: j,
            })
            .collect();
        records.insert(key(i), changes);
        counts.insert(key(i), (i as u32, (i / 2) as u32));
    }
    let t = std::time::Instant::now();
    records.save();
    counts.save();
    println!("save both: {:?}", t.elapsed());
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let r: Table<Vec<Change>> = cache.table("records", 1);
        let a = t.elapsed();
        let t = std::time::Instant::now();
        let c: Table<(u32, u32)> = cache.table("counts", 1);
        let b = t.elapsed();
        println!(
            "load 50k records (3 changes each): {a:?}; 50k line counts: {b:?} ({} {})",
            r.len(),
            c.len()
        );
    }
}
