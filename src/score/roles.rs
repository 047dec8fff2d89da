//! Code roles (README, "Code roles"): what each item's code is for, from the path conventions
//! (`[roles] paths`, then each language row's, then those all languages share) and from what the
//! code says of itself (`#[cfg(test)]`, `#[test]`, `#[cfg(docsrs)]`), and what that does to the
//! score: debt in tests, benches or examples is real but cheaper.

use std::collections::HashMap;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use crate::config::RoleConfig;
use crate::lang::{COMMON_ROLE_PATHS, LANGUAGES};
use crate::model::{DebtItem, Location, Role, RoleWeights};
use crate::parse::{FileFacts, OwnCode, RoleSpan};
use crate::util::round3;

/// The path rules, compiled once, in priority order.
pub(crate) struct RoleRules<'f> {
    set: GlobSet,
    /// The role of each glob of `set`, by index.
    roles: Vec<Role>,
    /// Each file's role spans, by path.
    spans: HashMap<&'f str, &'f [RoleSpan]>,
}

impl<'f> RoleRules<'f> {
    /// The rules of the config and the language table, and the spans the files declare.
    pub fn new(config: &RoleConfig, facts: &'f [FileFacts]) -> RoleRules<'f> {
        let mut rules: Vec<(String, Role)> = config
            .paths
            .iter()
            .map(|(glob, role)| (glob.clone(), *role))
            .collect();
        let built_in = LANGUAGES
            .iter()
            .flat_map(|l| l.role_paths)
            .chain(COMMON_ROLE_PATHS);
        for (role, globs) in built_in {
            rules.extend(globs.iter().map(|g| (g.to_string(), *role)));
        }
        let mut builder = GlobSetBuilder::new();
        let mut roles = Vec::new();
        for (glob, role) in rules {
            // `*` stays within a directory, as in gitignore; the config was validated, and the
            // built-in globs are tested, so a glob that does not compile is skipped.
            if let Ok(g) = glob_of(&glob) {
                builder.add(g);
                roles.push(role);
            }
        }
        RoleRules {
            set: builder.build().unwrap_or_else(|_| GlobSet::empty()),
            roles,
            spans: facts
                .iter()
                .map(|f| (f.path.as_str(), f.role_spans.as_slice()))
                .collect(),
        }
    }

    /// The role of a file by its path.
    pub fn of_path(&self, path: &str) -> Role {
        self.set
            .matches(path)
            .into_iter()
            .min()
            .map_or(Role::Production, |i| self.roles[i])
    }

    /// How many of the `lines` of `path` are code of the file's own role: all but those its
    /// code marks for another (a production file's `#[cfg(test)]` module).
    pub fn own_lines(&self, path: &str, lines: u32) -> u32 {
        let other: u32 = self
            .other_role(path)
            .map(|s| s.end_line - s.start_line + 1)
            .sum();
        lines.saturating_sub(other)
    }

    /// The code of `file` of the file's own role: its lines of code, and which of its
    /// functions have that role.
    pub fn own_code(&self, file: &FileFacts) -> OwnCode {
        let role = self.of_path(&file.path);
        let Some(m) = &file.metrics else {
            return OwnCode::default();
        };
        let other: u32 = self.other_role(&file.path).map(|s| s.code_lines).sum();
        OwnCode {
            code_lines: m.code_lines.saturating_sub(other),
            functions: (self.function_roles(file).into_iter())
                .map(|r| r == role)
                .collect(),
        }
    }

    /// The role of each function of `file` (in the order of its metrics): the innermost role
    /// its code gives the item around the function's first line, else the file's.
    pub fn function_roles(&self, file: &FileFacts) -> Vec<Role> {
        file.metrics.as_ref().map_or_else(Vec::new, |m| {
            (m.functions.iter())
                .map(|f| self.of_line(&file.path, f.start_line))
                .collect()
        })
    }

    /// The outermost spans of `path` that its code marks for a role other than the file's.
    fn other_role<'r>(&'r self, path: &str) -> impl Iterator<Item = &'r RoleSpan> + 'r {
        let role = self.of_path(path);
        let spans = self.spans.get(path).copied().unwrap_or_default();
        let mut counted_to = 0;
        // Outer before inner: a span inside one already counted adds nothing. Spans are
        // items, so they nest or stand apart.
        spans.iter().filter(move |s| {
            let outer = s.role != role && s.end_line > counted_to;
            if outer {
                counted_to = s.end_line;
            }
            outer
        })
    }

    /// The role of a place: the innermost role span around its first line, else its file's.
    pub fn of_place(&self, place: &Location) -> Role {
        self.of_line(&place.path, place.start_line)
    }

    /// The role of line `line` of `path`: the innermost role its code gives the item around
    /// it, else the path's.
    pub fn of_line(&self, path: &str, line: u32) -> Role {
        let declared = self.spans.get(path).and_then(|spans| {
            // Sorted outer before inner: the last span around the line is the innermost.
            spans
                .iter()
                .rev()
                .find(|s| s.start_line <= line && line <= s.end_line)
        });
        declared.map_or_else(|| self.of_path(path), |s| s.role)
    }
}

/// A glob as the role rules read it.
pub(crate) fn glob_of(text: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(text).literal_separator(true).build()
}

/// Gives every item its role (for several places, the weightiest of theirs) and multiplies its
/// score by the role's weight, saying so in the explanation.
pub(crate) fn apply(items: &mut [DebtItem], rules: &RoleRules, weights: &RoleWeights) {
    for item in items {
        let role = std::iter::once(&item.location)
            .chain(&item.related)
            .map(|place| rules.of_place(place))
            .max_by(|a, b| weights.of(*a).total_cmp(&weights.of(*b)))
            .unwrap_or_default();
        item.role = role;
        let weight = weights.of(role);
        if weight == 1.0 {
            continue;
        }
        let before = item.score;
        item.score = (before * weight * 10.0).round() / 10.0;
        let why = format!(
            "{} code: its debt counts {}× ([score.role_weights] {} = {})",
            role.as_str(),
            round3(weight),
            role.as_str(),
            round3(weight)
        );
        // The last line is the score's formula: the weight joins it.
        match item.explanation.pop() {
            Some(formula) => {
                let formula = formula.replacen(
                    &format!("score {before:.1} ="),
                    &format!("score {:.1} =", item.score),
                    1,
                );
                item.explanation.push(why);
                item.explanation
                    .push(format!("{formula} × role weight {}", round3(weight)));
            }
            None => item.explanation.push(why),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_globs_compile() {
        let built_in = LANGUAGES
            .iter()
            .flat_map(|l| l.role_paths)
            .chain(COMMON_ROLE_PATHS);
        for (_, globs) in built_in {
            for g in *globs {
                glob_of(g).unwrap_or_else(|e| panic!("{g}: {e}"));
            }
        }
    }

    #[test]
    fn own_lines_leave_out_code_of_another_role() {
        let span = |start_line, end_line, role, code_lines| RoleSpan {
            start_line,
            end_line,
            role,
            code_lines,
        };
        let mut facts = vec![crate::parse::FileFacts::unparsed(
            "src/a.rs",
            crate::lang::LangId::Rust,
            100,
        )];
        // A test module (lines 60–100) holding a test function, and a docs stub.
        facts[0].role_spans = vec![
            span(10, 14, Role::Docs, 3),
            span(60, 100, Role::Test, 30),
            span(70, 80, Role::Test, 8),
        ];
        let rules = RoleRules::new(&RoleConfig::default(), &facts);
        assert_eq!(rules.own_lines("src/a.rs", 100), 100 - 5 - 41);
        assert_eq!(rules.own_lines("src/b.rs", 30), 30);
        // Of its 80 lines of code, 3 are the stub's and 30 the module's (8 of them its
        // function's); of its functions, the one at line 75 is the module's.
        let function = |start_line| crate::model::FunctionMetrics {
            symbol: String::new(),
            start_line,
            end_line: start_line,
            cyclomatic: 1,
            cognitive: 0,
            lines: 1,
            nesting: 0,
            params: 0,
            dispatch: None,
        };
        facts[0].metrics = Some(crate::parse::FileMetrics {
            code_lines: 80,
            functions: vec![function(20), function(75)],
        });
        let rules = RoleRules::new(&RoleConfig::default(), &facts);
        let own = OwnCode {
            code_lines: 80 - 3 - 30,
            functions: vec![true, false],
        };
        assert_eq!(rules.own_code(&facts[0]), own);
        // In a test file, test spans are its own code; the stub is not.
        facts[0].path = "tests/a.rs".into();
        let rules = RoleRules::new(&RoleConfig::default(), &facts);
        let own = OwnCode {
            code_lines: 80 - 3,
            functions: vec![true, true],
        };
        assert_eq!(rules.own_code(&facts[0]), own);
    }

    #[test]
    fn paths_by_convention_and_config_first() {
        let mut config = RoleConfig::default();
        config.paths.insert("tools/**".into(), Role::Build);
        config
            .paths
            .insert("tests/support/**".into(), Role::Production);
        let rules = RoleRules::new(&config, &[]);
        let cases = [
            ("src/lib.rs", Role::Production),
            ("tests/cli.rs", Role::Test),
            ("crates/core/tests/it/main.rs", Role::Test),
            ("src/parse/tests.rs", Role::Test),
            ("benches/parse.rs", Role::Bench),
            ("examples/demo.rs", Role::Example),
            ("build.rs", Role::Build),
            ("crates/sys/build.rs", Role::Build),
            ("tests/testsuite/build.rs", Role::Test),
            ("src/bin/cargo/commands/build.rs", Role::Production),
            ("crates/x/src/build.rs", Role::Production),
            ("docs/snippet.rs", Role::Docs),
            ("tools/gen.rs", Role::Build),
            ("tests/support/mod.rs", Role::Production),
            ("src/contest.rs", Role::Production),
            ("src/testing.rs", Role::Production),
        ];
        for (path, role) in cases {
            assert_eq!(rules.of_path(path), role, "{path}");
        }
        #[cfg(feature = "lang-lua")]
        for (path, role) in [
            ("lua/x_spec.lua", Role::Test),
            ("lua/spec.lua", Role::Production),
        ] {
            assert_eq!(rules.of_path(path), role, "{path}");
        }
        #[cfg(feature = "lang-python")]
        for (path, role) in [
            ("pkg/test_parser.py", Role::Test),
            ("pkg/parser_test.py", Role::Test),
            ("conftest.py", Role::Test),
            ("app/tests.py", Role::Test),
            ("setup.py", Role::Build),
            ("pkg/testing.py", Role::Production),
            ("pkg/contest.py", Role::Production),
        ] {
            assert_eq!(rules.of_path(path), role, "{path}");
        }
    }
}
