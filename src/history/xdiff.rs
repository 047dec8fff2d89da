//! Hunks between two texts from the xdiff that libgit2 carries, called without a `Patch`.
//!
//! `Patch::from_buffers` hashes both buffers with SHA-1 (collision-detecting, so slow) only to
//! fill in object ids nobody reads here, and builds every line of the patch when only the hunk
//! ranges are wanted. On rust-analyzer's cold scan that hashing was 2.1 of 24 CPU seconds,
//! most of it blame's trimmed buffers. git itself asks xdiff for hunk ranges alone (blame's
//! `hunk_func`), and so does this: the same algorithm and flags libgit2's own diff passes, so
//! the hunks are the ones a `Patch` would give, line for line (tested against it below).
//!
//! The declarations mirror `deps/xdiff/xdiff.h` of the libgit2 that `libgit2-sys` vendors; the
//! build uses that vendored copy always (the `vendored` feature), since a system libgit2 does
//! not export xdiff.

use std::os::raw::{c_char, c_int, c_long, c_ulong, c_void};

/// One hunk as a unified diff header gives it: `(old_start, old_lines, new_start, new_lines)`,
/// starts counted from 1 (a side with no lines names the line before the hunk, as git does).
pub type Hunk = (u32, u32, u32, u32);

/// xdiff's indent heuristic, which `git blame` and `git diff` use by default (xdiff.h).
const XDF_INDENT_HEURISTIC: c_ulong = 1 << 23;

/// Lines that differ only in whitespace compare equal (xdiff.h), as with `git blame -w`.
const XDF_IGNORE_WHITESPACE: c_ulong = 1 << 1;

/// libgit2's limit for a text it diffs (`GIT_XDIFF_MAX_SIZE`, diff_xdiff.h).
const MAX_SIZE: usize = 1024 * 1024 * 1023;

#[repr(C)]
struct MmFile {
    ptr: *mut c_char,
    size: c_long,
}

#[repr(C)]
struct XpParam {
    flags: c_ulong,
    ignore_regex: *mut *mut c_void,
    ignore_regex_nr: usize,
    anchors: *mut *mut c_char,
    anchors_nr: usize,
}

#[repr(C)]
struct XdEmitCb {
    private: *mut c_void,
    out_hunk: *const c_void,
    out_line: *const c_void,
}

type HunkFunc = extern "C" fn(c_long, c_long, c_long, c_long, *mut c_void) -> c_int;

#[repr(C)]
struct XdEmitConf {
    ctxlen: c_long,
    interhunkctxlen: c_long,
    flags: c_ulong,
    find_func: *const c_void,
    find_func_priv: *mut c_void,
    hunk_func: Option<HunkFunc>,
}

extern "C" {
    fn xdl_diff(
        mf1: *mut MmFile,
        mf2: *mut MmFile,
        xpp: *const XpParam,
        xecfg: *const XdEmitConf,
        ecb: *mut XdEmitCb,
    ) -> c_int;
}

/// Receives each hunk's 0-based ranges from xdiff (`xdl_call_hunk_func`).
extern "C" fn collect(
    start_a: c_long,
    count_a: c_long,
    start_b: c_long,
    count_b: c_long,
    private: *mut c_void,
) -> c_int {
    // SAFETY: `private` is the `Vec` that `hunks` passed for this call, borrowed mutably for
    // the call's whole length and by nothing else.
    let out = unsafe { &mut *(private as *mut Vec<Hunk>) };
    // A side with lines starts at its first line (1-based); an empty side names the line
    // before it, as a unified diff header (and libgit2's `DiffHunk`) does.
    let start = |s: c_long, n: c_long| if n > 0 { s + 1 } else { s } as u32;
    out.push((
        start(start_a, count_a),
        count_a as u32,
        start(start_b, count_b),
        count_b as u32,
    ));
    0
}

/// The hunks between `old` and `new` without context, as git computes them (Myers, with the
/// indent heuristic when `indent_heuristic`), the texts taken as they are (no binary check).
pub fn hunks(old: &[u8], new: &[u8], indent_heuristic: bool) -> Result<Vec<Hunk>, git2::Error> {
    let flags = if indent_heuristic {
        XDF_INDENT_HEURISTIC
    } else {
        0
    };
    diff(old, new, flags)
}

/// The hunks between `old` and `new` as `git blame -w` sees them: with the indent heuristic,
/// and lines that differ only in whitespace taken as the same line, so a re-indented line
/// keeps its place instead of starting a hunk.
pub fn hunks_ignoring_whitespace(old: &[u8], new: &[u8]) -> Result<Vec<Hunk>, git2::Error> {
    diff(old, new, XDF_INDENT_HEURISTIC | XDF_IGNORE_WHITESPACE)
}

/// The hunks xdiff gives with these `XpParam` flags.
fn diff(old: &[u8], new: &[u8], flags: c_ulong) -> Result<Vec<Hunk>, git2::Error> {
    if old == new {
        return Ok(Vec::new());
    }
    if old.len() > MAX_SIZE || new.len() > MAX_SIZE {
        return Err(git2::Error::from_str("diff is too large"));
    }
    // xdiff allocates through libgit2's allocator, which initialisation sets up.
    libgit2_sys::init();
    let file = |text: &[u8]| MmFile {
        ptr: text.as_ptr() as *mut c_char,
        size: text.len() as c_long,
    };
    let (mut a, mut b) = (file(old), file(new));
    let params = XpParam {
        flags,
        ignore_regex: std::ptr::null_mut(),
        ignore_regex_nr: 0,
        anchors: std::ptr::null_mut(),
        anchors_nr: 0,
    };
    let config = XdEmitConf {
        ctxlen: 0,
        interhunkctxlen: 0,
        flags: 0,
        find_func: std::ptr::null(),
        find_func_priv: std::ptr::null_mut(),
        hunk_func: Some(collect),
    };
    let mut out: Vec<Hunk> = Vec::new();
    let mut callback = XdEmitCb {
        private: &mut out as *mut Vec<Hunk> as *mut c_void,
        out_hunk: std::ptr::null(),
        out_line: std::ptr::null(),
    };
    // SAFETY: the files point into `old` and `new`, which outlive the call and which xdiff
    // only reads; the structs match xdiff.h of the vendored libgit2; with `hunk_func` set,
    // xdiff calls nothing else of the callback, and `collect` is given `out` alone.
    let rc = unsafe { xdl_diff(&mut a, &mut b, &params, &config, &mut callback) };
    if rc < 0 {
        return Err(git2::Error::from_str("xdiff failed (out of memory?)"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use git2::{DiffOptions, Patch};

    fn via_patch(old: &[u8], new: &[u8], indent: bool) -> Vec<Hunk> {
        via_patch_with(old, new, indent, false)
    }

    fn via_patch_with(old: &[u8], new: &[u8], indent: bool, whitespace: bool) -> Vec<Hunk> {
        let mut opts = DiffOptions::new();
        opts.context_lines(0)
            .force_text(true)
            .indent_heuristic(indent)
            .ignore_whitespace(whitespace);
        let patch = Patch::from_buffers(old, None, new, None, Some(&mut opts)).unwrap();
        (0..patch.num_hunks())
            .map(|h| {
                let (hunk, _) = patch.hunk(h).unwrap();
                (
                    hunk.old_start(),
                    hunk.old_lines(),
                    hunk.new_start(),
                    hunk.new_lines(),
                )
            })
            .collect()
    }

    /// Texts that exercise every hunk shape: additions at the start, middle and end, deletions,
    /// replacements, a missing final newline, empty sides, and an ambiguous block that the
    /// indent heuristic places.
    fn cases() -> Vec<(String, String)> {
        let base: String = (1..=40).map(|i| format!("line {i}\n")).collect();
        let mut cases = vec![
            (String::new(), base.clone()),
            (base.clone(), String::new()),
            (base.clone(), format!("new\n{base}")),
            (base.clone(), format!("{base}tail")),
            (format!("{base}tail"), format!("{base}tail\n")),
            (
                base.clone(),
                base.replace("line 7\n", "").replace("line 30\n", "x\ny\n"),
            ),
            (base.clone(), base.replace("line 12\n", "line 12\nadded\n")),
            (
                "fn a() {\n    x();\n}\n\nfn c() {\n    z();\n}\n".into(),
                "fn a() {\n    x();\n}\n\nfn b() {\n    y();\n}\n\nfn c() {\n    z();\n}\n".into(),
            ),
            (
                "{\n  a\n}\n{\n  b\n}\n".into(),
                "{\n  a\n}\n{\n  a\n}\n{\n  b\n}\n".into(),
            ),
        ];
        // Many scattered edits, some adjacent, in a longer text.
        let long: String = (0..500).map(|i| format!("{}\n", i % 37)).collect();
        let edited: String = long
            .lines()
            .enumerate()
            .filter(|(i, _)| i % 11 != 3)
            .map(|(i, l)| {
                if i % 13 == 5 {
                    format!("{l}!\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        cases.push((long, edited));
        cases
    }

    /// Pairs of texts drawn from a few repeated lines, so that most changes can be aligned in
    /// several ways: where xdiff's choices show (a fixed generator, so failures reproduce).
    fn ambiguous_pairs() -> Vec<(String, String)> {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        const LINES: [&str; 6] = ["}", "", "    x();", "fn f() {", "  // TODO", "    y();"];
        (0..300)
            .map(|_| {
                let len = 1 + next(60) as usize;
                let old: Vec<&str> = (0..len).map(|_| LINES[next(6) as usize]).collect();
                let mut new = old.clone();
                for _ in 0..=next(4) {
                    let at = next(new.len() as u64 + 1) as usize;
                    match next(3) {
                        0 if at < new.len() => {
                            new.remove(at);
                        }
                        1 if at < new.len() => new[at] = LINES[next(6) as usize],
                        _ => new.insert(at, LINES[next(6) as usize]),
                    }
                }
                let text = |l: &[&str]| l.iter().map(|l| format!("{l}\n")).collect::<String>();
                (text(&old), text(&new))
            })
            .collect()
    }

    #[test]
    fn the_structs_mirror_the_vendored_libgit2() {
        // The declarations above copy xdiff.h of libgit2 1.9: a `cargo update` that brings
        // another libgit2 must be read against its xdiff.h before this passes again.
        let (major, minor, _) = git2::Version::get().libgit2_version();
        assert_eq!(
            (major, minor),
            (1, 9),
            "check xdiff.rs against this libgit2's xdiff.h"
        );
        assert!(
            git2::Version::get().vendored(),
            "xdiff is only reachable when vendored"
        );
    }

    /// Each pair's hunks, with and without the indent heuristic, against a `Patch`'s.
    fn assert_same_as_patch(pairs: Vec<(String, String)>) {
        for (old, new) in pairs {
            for indent in [true, false] {
                assert_eq!(
                    hunks(old.as_bytes(), new.as_bytes(), indent).unwrap(),
                    via_patch(old.as_bytes(), new.as_bytes(), indent),
                    "{old:?} -> {new:?}"
                );
            }
        }
    }

    #[test]
    fn hunks_equal_libgit2_patch_hunks_where_alignment_is_ambiguous() {
        assert_same_as_patch(ambiguous_pairs());
    }

    #[test]
    fn hunks_equal_libgit2_patch_hunks() {
        assert_same_as_patch(cases());
    }

    #[test]
    fn hunks_ignoring_whitespace_equal_libgit2_patch_hunks_ignoring_it() {
        let mut pairs = cases();
        pairs.extend(ambiguous_pairs());
        // Re-indented, re-spaced and tab-indented lines, with a real change among them.
        pairs.push((
            "fn a() {\n    x();\n    y();\n}\n".into(),
            "fn a() {\n        x();\n\ty();\n    z();\n}\n".into(),
        ));
        pairs.push((
            "let a = b+c;\nkeep\n".into(),
            "let a = b + c ;\nkeep\n".into(),
        ));
        for (old, new) in pairs {
            assert_eq!(
                hunks_ignoring_whitespace(old.as_bytes(), new.as_bytes()).unwrap(),
                via_patch_with(old.as_bytes(), new.as_bytes(), true, true),
                "{old:?} -> {new:?}"
            );
        }
        // Only whitespace changed: no hunk.
        let only = hunks_ignoring_whitespace(b"a\n  b\nc\n", b"a\n\tb\nc\n").unwrap();
        assert_eq!(only, Vec::<Hunk>::new());
    }
}
