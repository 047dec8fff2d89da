//! What a fix commit is: its subject matches a fix pattern and no mechanical one. The
//! back-test counts where fixes landed after T; the scan counts the fixes each file took in
//! the hotspot window (`fix-prone` items). One definition, so both mean the same by a fix.

/// Commit subjects that make a fix commit: any of the fix patterns, unless the subject also
/// matches one of the mechanical patterns (both case-insensitive).
#[derive(Debug, Clone)]
pub struct FixPatterns {
    fix: Vec<regex::Regex>,
    mechanical: Vec<regex::Regex>,
}

/// What a commit's subject makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A fix: it matched a fix pattern and no mechanical one.
    Fix,
    /// A mechanical fix (formatting, lints, typos, documentation, CI): it matched a fix pattern
    /// and a mechanical one. Not counted as a fix: a sweep lands wherever it swept, not where
    /// defects were.
    Mechanical,
    /// Anything else.
    Other,
}

/// Compiles regular expressions, case-insensitive, or says which one is not one.
fn compile(patterns: &[String]) -> Result<Vec<regex::Regex>, String> {
    patterns
        .iter()
        .map(|p| {
            regex::RegexBuilder::new(p)
                .case_insensitive(true)
                .build()
                .map_err(|e| format!("{p:?} is not a regular expression: {e}"))
        })
        .collect()
}

impl FixPatterns {
    /// Compiles the patterns, or says which one is not a regular expression (and of which
    /// list: `fix_patterns` or `mechanical_patterns`).
    pub fn new(fix: &[String], mechanical: &[String]) -> Result<FixPatterns, String> {
        Ok(FixPatterns {
            fix: compile(fix).map_err(|e| format!("fix_patterns: {e}"))?,
            mechanical: compile(mechanical).map_err(|e| format!("mechanical_patterns: {e}"))?,
        })
    }

    /// What a commit with this subject is. A revert (`Revert "fix: …"`) or a reapplication
    /// is no fix of its own, whatever it quotes: it undoes or lands again the commit it names.
    pub fn classify(&self, subject: &str) -> Subject {
        let undoes = ["revert", "reapply"].iter().any(|w| {
            subject
                .get(..w.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(w))
        });
        if undoes || !self.fix.iter().any(|r| r.is_match(subject)) {
            Subject::Other
        } else if self.mechanical.iter().any(|r| r.is_match(subject)) {
            Subject::Mechanical
        } else {
            Subject::Fix
        }
    }

    /// Whether a commit with this subject is a fix (not a mechanical one).
    pub fn is_fix(&self, subject: &str) -> bool {
        self.classify(subject) == Subject::Fix
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fix_patterns_match_subjects_case_insensitively() {
        let p = FixPatterns::new(
            &[r"\b(fix|fixes|fixed|bug|bugfix|hotfix|regression|crash|panic)\b".to_string()],
            &[],
        )
        .unwrap();
        for s in [
            "fix: off by one",
            "Fixes #12",
            "BUG in parser",
            "avoid a panic on empty input",
        ] {
            assert!(p.is_fix(s), "{s}");
        }
        for s in [
            "prefix the names",
            "debug output",
            "add feature",
            "panicky test",
            "",
        ] {
            assert!(!p.is_fix(s), "{s}");
        }
        assert!(FixPatterns::new(&["(".to_string()], &[])
            .unwrap_err()
            .contains("fix_patterns: \"(\""));
        assert!(FixPatterns::new(&[], &["(".to_string()])
            .unwrap_err()
            .contains("mechanical_patterns: \"(\""));
        assert!(!FixPatterns::new(&[], &[]).unwrap().is_fix("fix"));
        for s in [
            "Revert \"fix: off by one\"",
            "revert: fix the crash",
            "Reapply \"Fix crash on empty input\"",
        ] {
            assert_eq!(p.classify(s), Subject::Other, "{s}");
        }
        assert!(p.is_fix("fix: reverted lines are shown twice"));
    }
}
