//! What each kind means, for the formats that describe their rules (SARIF, Code Quality,
//! Markdown): one row per kind, kept as data.

use crate::config::LevelConfig;
use crate::model::Kind;

/// The description of one kind.
pub struct Rule {
    /// The kind.
    pub kind: Kind,
    /// A PascalCase name (SARIF `name`).
    pub name: &'static str,
    /// One sentence.
    pub short: &'static str,
    /// What it is and why it costs.
    pub full: &'static str,
    /// What to do about it.
    pub help: &'static str,
    /// GitLab Code Quality category.
    pub category: &'static str,
}

/// Every kind, in [`Kind`] order.
pub const RULES: &[Rule] = &[
    Rule {
        kind: Kind::Todo,
        name: "DebtMarker",
        short: "A TODO/FIXME/HACK-style comment: debt the authors admitted.",
        full: "A comment marker such as TODO, FIXME, HACK, XXX or BUG. Its severity comes from \
               the tag (and `!` after it); its interest from how much the code around it is \
               changed, depended on and known.",
        help: "Do what the comment asks, or open an issue for it and reference the issue in the \
               comment (TODO(#123)); delete it if it no longer applies.",
        category: "Bug Risk",
    },
    Rule {
        kind: Kind::TodoMacro,
        name: "UnfinishedCode",
        short: "Unfinished code: code that fails when reached (todo!(), raise \
                NotImplementedError, TODO(), a throw saying \"not implemented\").",
        full: "Code that fails at run time where work is unfinished: Rust's todo!() and \
               unimplemented!(), Python's and Ruby's raise NotImplementedError, Kotlin's TODO(), \
               or a panic, fatalError, error or exception whose message says the work is not \
               implemented. \
               todo!() says the work is pending; unimplemented!() often marks a deliberately \
               unsupported path.",
        help: "Implement the path, or fail with an error that says the path is unsupported.",
        category: "Bug Risk",
    },
    Rule {
        kind: Kind::ComplexFunction,
        name: "ComplexFunction",
        short: "A function above a complexity or length threshold.",
        full: "A function whose cyclomatic complexity (McCabe), cognitive complexity \
               (SonarSource) or length reaches a threshold of [complexity]. Complex code is \
               harder to change safely.",
        help: "Split the function into smaller ones with clear names; replace nested \
               conditions with early returns; move each case of a long match into its own \
               function.",
        category: "Complexity",
    },
    Rule {
        kind: Kind::Hotspot,
        name: "Hotspot",
        short: "Code that is both complex and changed often.",
        full: "A file or function whose recent change and complexity are both high within the \
               repository (change percentile × complexity percentile): where complexity costs \
               the most, because people work there.",
        help: "Refactor it before the next change: simplify the most complex functions and add \
               tests around them.",
        category: "Complexity",
    },
    Rule {
        kind: Kind::DependencyCycle,
        name: "DependencyCycle",
        short: "Files that depend on each other in a cycle.",
        full: "A strongly connected component of the dependency graph: every member depends on \
               every other, directly or not, so a change to one may need changes to all, and \
               none can be understood or tested alone.",
        help: "Remove the uses named in the explanation (a small set that breaks every cycle): \
               move what they use into a module both sides can depend on, or invert the \
               dependency with a trait.",
        category: "Complexity",
    },
    Rule {
        kind: Kind::GodModule,
        name: "GodModule",
        short: "A large module that many modules use and that uses many modules.",
        full: "A file whose fan-in and fan-out are both in the top percentiles of the \
               dependency graph: a change to it ripples to its users, and changes in its many \
               dependencies ripple into it.",
        help: "Split it by responsibility so that each user depends only on the part it needs.",
        category: "Complexity",
    },
    Rule {
        kind: Kind::HiddenCoupling,
        name: "HiddenCoupling",
        short: "Files that change together although neither uses the other.",
        full: "Two files with a high change-coupling degree and no dependency path of one or \
               two edges between them: something implicit (a shared format, protocol or \
               duplicated logic) binds them.",
        help: "Make the dependency explicit: extract the shared format or logic into one place \
               both files use.",
        category: "Duplication",
    },
    Rule {
        kind: Kind::LargeFile,
        name: "LargeFile",
        short: "A file so large that finding one's way in it costs time.",
        full: "A source file with many lines of code (1,000 by default): every change to it \
               starts with finding the right place among many functions, and reviews of it \
               are long. Size alone is weak evidence, so the severity is low; the item rises \
               with how often the file changes.",
        help: "Split it along its responsibilities into modules of their own, starting with \
               the part that changes most.",
        category: "Complexity",
    },
    Rule {
        kind: Kind::DeadFile,
        name: "DeadFile",
        short: "A Rust file that no crate target compiles.",
        full: "A Rust file of a Cargo package that no `mod` declaration, `include!` or \
               `#[path]` reaches from any target of its Cargo.toml: the compiler never reads \
               it, so it is neither built nor tested, yet readers, searches and refactorings \
               still meet it.",
        help: "Delete it (git history keeps it), or declare it with `mod name;` in the module \
               it belongs to so that it is compiled and tested again.",
        category: "Clarity",
    },
    Rule {
        kind: Kind::FixProne,
        name: "FixProne",
        short: "A file that fix after fix has landed in lately.",
        full: "A source file that several fix commits changed in the hotspot window (3 in the \
               365 days before HEAD by default; a fix is a commit whose subject matches \
               `backtest.fix_patterns` and no `backtest.mechanical_patterns`). Where defects \
               were found, more usually follow: whatever makes the code easy to get wrong is \
               still there.",
        help: "Read the fixes together: find what made the code easy to get wrong (an \
               implicit invariant, a duplicated rule, a missing test layer) and remove that \
               cause rather than the next symptom.",
        category: "Bug Risk",
    },
];

/// The rule of `kind`.
pub fn rule(kind: Kind) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.kind == kind)
        .expect("every kind has a rule")
}

/// The index of `kind`'s rule in [`RULES`].
pub fn index(kind: Kind) -> usize {
    RULES
        .iter()
        .position(|r| r.kind == kind)
        .expect("every kind has a rule")
}

/// The GitLab Code Quality severity of a score.
pub fn severity(score: f64, levels: &LevelConfig) -> &'static str {
    if score >= levels.blocker {
        "blocker"
    } else if score >= levels.critical {
        "critical"
    } else if score >= levels.major {
        "major"
    } else if score >= levels.minor {
        "minor"
    } else {
        "info"
    }
}

/// The SARIF level of a score: `error` from `critical`, `warning` from `major`, else `note`.
pub fn sarif_level(score: f64, levels: &LevelConfig) -> &'static str {
    if score >= levels.critical {
        "error"
    } else if score >= levels.major {
        "warning"
    } else {
        "note"
    }
}
