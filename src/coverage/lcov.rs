//! LCOV tracefiles, as `geninfo(1)` describes them: per source file `SF:<path>`, one
//! `DA:<line>,<hits>[,<checksum>]` per instrumented line, `end_of_record`. Function (`FN`,
//! `FNDA`, `FNF`, `FNH`, `FNL`, `FNA`), branch (`BRDA`, `BRF`, `BRH`) and total (`LF`, `LH`)
//! records are read past: line hits are all debtscan uses, and functions come from its own
//! parse. Any other upper-case record is passed over too, so a newer lcov's additions are no
//! error; a line that is no record at all is one.

use std::collections::btree_map::Entry;

use super::{FileRecord, ParseError};

/// Whether `line` (trimmed) can open a tracefile: a test name or a source file record.
pub(super) fn starts_a_tracefile(line: &str) -> bool {
    line.starts_with("TN:") || line.starts_with("SF:")
}

/// The records of a tracefile. A record left open at the end (no `end_of_record`) still
/// counts, as lcov's own reader allows; a file listed in several records (one per test, with
/// `lcov -a` not run) adds up.
pub(super) fn parse(text: &str) -> Result<Vec<FileRecord>, ParseError> {
    let mut records = Vec::new();
    let mut current: Option<FileRecord> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if line == "end_of_record" {
            records.extend(current.take());
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(ParseError::at(
                n,
                format!(
                    "{:?} is not an LCOV record (`KEY:value` such as `SF:`, `DA:`, or \
                     `end_of_record`)",
                    short(line)
                ),
            ));
        };
        match key {
            "SF" => {
                let path = value.trim();
                if path.is_empty() {
                    return Err(ParseError::at(n, "`SF:` names no source file"));
                }
                records.extend(current.take());
                current = Some(FileRecord {
                    path: path.to_string(),
                    ..FileRecord::default()
                });
            }
            "DA" => {
                let Some(record) = current.as_mut() else {
                    return Err(ParseError::at(
                        n,
                        "`DA:` outside a record: no `SF:` line names its source file",
                    ));
                };
                let (number, hits) = line_hits(value).ok_or_else(|| {
                    ParseError::at(
                        n,
                        format!(
                            "{:?}: expected `DA:<line>,<hits>` with a line number from 1 and a \
                             whole hit count",
                            short(line)
                        ),
                    )
                })?;
                match record.lines.entry(number) {
                    Entry::Vacant(e) => {
                        e.insert(hits);
                    }
                    Entry::Occupied(mut e) => *e.get_mut() = e.get().saturating_add(hits),
                }
            }
            k if !k.is_empty() && k.bytes().all(|b| b.is_ascii_uppercase()) => {}
            _ => {
                return Err(ParseError::at(
                    n,
                    format!(
                        "{:?} is not an LCOV record (record names are upper-case: `SF`, `DA`, \
                         `FN`, …)",
                        short(line)
                    ),
                ))
            }
        }
    }
    records.extend(current);
    Ok(records)
}

/// `<line>,<hits>[,<checksum>]`. A negative count (old gcov's counter overflow, which lcov
/// itself warns about and reads as 0) is read as not run.
fn line_hits(value: &str) -> Option<(u32, u64)> {
    let mut fields = value.split(',').map(str::trim);
    let line: u32 = fields.next()?.parse().ok().filter(|l| *l >= 1)?;
    let hits = fields.next()?;
    let hits = match hits.strip_prefix('-') {
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => 0,
        _ => hits.parse::<u64>().ok()?,
    };
    // A third field is the line's checksum; nothing comes after it.
    if fields.nth(1).is_some() {
        return None;
    }
    Some((line, hits))
}

/// At most 60 characters of a line, for a message.
fn short(line: &str) -> String {
    match line.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(path, [(line, hits)])` of each record.
    type Records = Vec<(&'static str, Vec<(u32, u64)>)>;

    fn records(text: &str) -> Result<Records, (usize, String)> {
        parse(text)
            .map(|rs| {
                rs.into_iter()
                    .map(|r| {
                        let path: &'static str = Box::leak(r.path.into_boxed_str());
                        (path, r.lines.into_iter().collect())
                    })
                    .collect()
            })
            .map_err(|e| (e.line.unwrap_or(0), e.message))
    }

    #[test]
    fn reads_line_hits_and_passes_over_the_rest() {
        let cases: Vec<(&str, Records)> = vec![
            // What cargo llvm-cov --lcov writes, function and branch records included.
            (
                "SF:/repo/src/lib.rs\nFN:3,_RNvCs_3lib3add\nFNDA:2,_RNvCs_3lib3add\nFNF:1\nFNH:1\n\
                 DA:3,2\nDA:4,2\nDA:7,0\nBRDA:4,0,0,1\nBRDA:4,0,1,-\nBRF:2\nBRH:1\nLF:3\nLH:2\n\
                 end_of_record\n",
                vec![("/repo/src/lib.rs", vec![(3, 2), (4, 2), (7, 0)])],
            ),
            // Test names, two files, CRLF, indentation, blank lines, a checksum.
            (
                "TN:unit\r\nSF:a.rs\r\n  DA:1,1,abcdef\r\n\r\nend_of_record\r\nTN:\r\nSF:b.rs\r\nDA:2,0\r\nend_of_record\r\n",
                vec![("a.rs", vec![(1, 1)]), ("b.rs", vec![(2, 0)])],
            ),
            // A record per test: the same line adds up; the last record is left open.
            (
                "SF:a.rs\nDA:1,1\nend_of_record\nSF:a.rs\nDA:1,2\nDA:2,0",
                vec![("a.rs", vec![(1, 1)]), ("a.rs", vec![(1, 2), (2, 0)])],
            ),
            // lcov 2's version and function-alias records, and a negative counter.
            (
                "VER:2.0\nSF:a.rs\nFNL:0,1,3\nFNA:0,1,f\nDA:1,-1\nDA:2,18446744073709551615\nend_of_record\n",
                vec![("a.rs", vec![(1, 0), (2, u64::MAX)])],
            ),
            // Duplicate DA lines of one record add up, saturating.
            (
                "SF:a.rs\nDA:1,18446744073709551615\nDA:1,5\nend_of_record\n",
                vec![("a.rs", vec![(1, u64::MAX)])],
            ),
            // A stray end_of_record and a record with no lines.
            (
                "TN:\nend_of_record\nSF:empty.rs\nend_of_record\n",
                vec![("empty.rs", vec![])],
            ),
            ("TN:\n", vec![]),
        ];
        for (text, want) in cases {
            assert_eq!(records(text), Ok(want), "{text:?}");
        }
    }

    #[test]
    fn malformed_lines_name_the_line() {
        // (text, line of the error, words the message must hold)
        let cases: [(&str, usize, &str); 10] = [
            ("SF:a.rs\nDA:x,1\n", 2, "expected `DA:<line>,<hits>`"),
            ("SF:a.rs\nDA:0,1\n", 2, "line number from 1"),
            ("SF:a.rs\nDA:1\n", 2, "expected `DA:<line>,<hits>`"),
            ("SF:a.rs\nDA:1,many\n", 2, "whole hit count"),
            ("SF:a.rs\nDA:1,1.5\n", 2, "whole hit count"),
            ("SF:a.rs\nDA:1,1,sum,extra\n", 2, "expected `DA:"),
            ("TN:\nDA:1,1\n", 2, "no `SF:` line"),
            ("TN:\nSF:\n", 2, "names no source file"),
            (
                "SF:a.rs\nDA:1,1\nthis is not lcov\n",
                3,
                "is not an LCOV record",
            ),
            ("SF:a.rs\nda:1,1\n", 2, "record names are upper-case"),
        ];
        for (text, line, words) in cases {
            match records(text) {
                Err((l, message)) => {
                    assert_eq!(l, line, "{text:?}: {message}");
                    assert!(message.contains(words), "{text:?}: {message}");
                }
                Ok(r) => panic!("{text:?} parsed: {r:?}"),
            }
        }
        let long = format!("SF:a.rs\nDA:1,{}\n", "x".repeat(200));
        let (_, message) = records(&long).unwrap_err();
        assert!(message.len() < 200, "{message}");
    }
}
