//! The shape of a language row: everything debtscan knows about a language that is not in its
//! query files.

use tree_sitter::Language;

use crate::model::Role;

/// Which language a file is in. Every language has a variant whether or not its grammar is
/// compiled in; [`super::LANGUAGES`] holds the rows of the languages this build supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LangId {
    /// Rust (`.rs`).
    Rust,
    /// Lua (`.lua`).
    Lua,
    /// Python (`.py`, `.pyi`).
    Python,
    /// Go (`.go`).
    Go,
    /// JavaScript, with JSX (`.js`, `.jsx`, `.mjs`, `.cjs`).
    JavaScript,
    /// TypeScript (`.ts`, `.mts`, `.cts`).
    TypeScript,
    /// TypeScript with JSX (`.tsx`).
    Tsx,
    /// Java (`.java`).
    Java,
    /// C (`.c`, and `.h` where the repository has no C++).
    C,
    /// C++ (`.cpp`, `.cc`, `.hpp`, …, and `.h` where the repository has C++ sources).
    Cpp,
    /// C# (`.cs`).
    CSharp,
    /// Ruby (`.rb`, `.rake`, `.gemspec`, `Rakefile`, `Gemfile`, …).
    Ruby,
    /// PHP (`.php`, `.phtml`), with the HTML around its code.
    Php,
    /// Kotlin (`.kt`, `.kts`).
    Kotlin,
    /// Swift (`.swift`).
    Swift,
}

impl LangId {
    /// Every language debtscan knows, whether or not this build has its grammar.
    pub const ALL: [LangId; 15] = [
        LangId::Rust,
        LangId::Lua,
        LangId::Python,
        LangId::Go,
        LangId::JavaScript,
        LangId::TypeScript,
        LangId::Tsx,
        LangId::Java,
        LangId::C,
        LangId::Cpp,
        LangId::CSharp,
        LangId::Ruby,
        LangId::Php,
        LangId::Kotlin,
        LangId::Swift,
    ];

    /// The language named `name` ([`Self::as_str`]), whether or not this build has it.
    pub fn from_name(name: &str) -> Option<LangId> {
        LangId::ALL.into_iter().find(|l| l.as_str() == name)
    }

    /// Whether `--languages` naming `self` selects files of `other`: a language selects
    /// itself, and `typescript` selects TSX too (one language, two grammars).
    pub fn selects(self, other: LangId) -> bool {
        self == other || (self == LangId::TypeScript && other == LangId::Tsx)
    }

    /// The short lowercase name: the folder under `queries/` and `fixtures/`, and the cargo
    /// feature `lang-<name>`.
    pub fn as_str(self) -> &'static str {
        match self {
            LangId::Rust => "rust",
            LangId::Lua => "lua",
            LangId::Python => "python",
            LangId::Go => "go",
            LangId::JavaScript => "javascript",
            LangId::TypeScript => "typescript",
            LangId::Tsx => "tsx",
            LangId::Java => "java",
            LangId::C => "c",
            LangId::Cpp => "cpp",
            LangId::CSharp => "csharp",
            LangId::Ruby => "ruby",
            LangId::Php => "php",
            LangId::Kotlin => "kotlin",
            LangId::Swift => "swift",
        }
    }
}

impl std::fmt::Display for LangId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a language's imports become edges between files: the one place where code per
/// language is unavoidable, since each ecosystem maps names to files its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Resolver {
    /// No file graph (the language's imports name no files).
    None,
    /// Cargo packages and the Rust module tree (`graph/rust.rs`).
    Rust,
    /// `require("a.b")` through `package.path`-style roots (`graph/lua.rs`).
    Lua,
    /// `import a.b` and `from . import c` through packages and source roots (`graph/python.rs`).
    Python,
    /// `import "module/path/pkg"` through `go.mod` to the package's directory (`graph/go.rs`).
    Go,
    /// `import`, `export … from`, `require()` and `import()` specifiers through relative
    /// paths, `tsconfig.json` and the repository's packages (`graph/javascript.rs`).
    JavaScript,
    /// `import a.b.C;`, `import a.b.*;`, static imports and same-package names through the
    /// packages the files declare (`graph/java.rs`): Java and Kotlin.
    Java,
    /// `#include "dir/file.h"` and `#include <proj/file.h>` through the including file's
    /// directory and the repository's include roots (`graph/include.rs`).
    Include,
    /// `using A.B;`, `using static`, aliases and the enclosing namespaces' names through the
    /// namespaces the files declare (`graph/csharp.rs`).
    CSharp,
    /// `require_relative`, `require` through `lib/`-style load paths, and the constants a file
    /// names through the files that define them by Ruby's (and Zeitwerk's) naming convention
    /// (`graph/ruby.rs`).
    Ruby,
    /// `use` declarations, the namespace's own names and `require`/`include` paths through the
    /// namespaces and classes the files declare (`graph/php.rs`).
    Php,
    /// The names a file uses through the files of its module and the modules it imports that
    /// declare them, modules being SwiftPM targets or directories (`graph/swift.rs`).
    Swift,
}

/// How a language delimits comments, to strip the delimiters from comment text.
#[derive(Debug)]
pub struct CommentSyntax {
    /// Line comment prefixes, longest first (`///` before `//`). Repeats of the prefix's last
    /// character after it are decoration (`////`, `----`).
    pub line: &'static [&'static str],
    /// Block comment delimiters, longest opener first (`/**` before `/*`). Openers are tried
    /// before line prefixes, since one may start with another (Lua's `--[[` and `--`).
    pub block: &'static [(&'static str, &'static str)],
    /// Whether a leading `*` on the inner lines of a block comment is decoration.
    pub block_star_prefix: bool,
    /// Whether block comments nest (Rust's do, so inner delimiters are removed from the text;
    /// Lua's do not, so a `]]` inside `--[==[ … ]==]` is text).
    pub nested_blocks: bool,
}

/// One row of the language table.
#[derive(Debug)]
pub struct LanguageDef {
    /// Which language.
    pub id: LangId,
    /// File extensions (without the dot, matched without regard to case).
    pub extensions: &'static [&'static str],
    /// Whole file names that belong to this language whatever their extension.
    pub file_names: &'static [&'static str],
    /// Extensions of another row this language takes in a tree where it has more files (of
    /// its own extensions) than that row has of its others: a `.h` header is C++ in a
    /// repository with more C++ sources than C ones ([`crate::lang::Claims`]).
    pub claims: &'static [&'static str],
    /// Interpreters named by a `#!` line that make an extensionless file this language
    /// (`lua` for `#!/usr/bin/env lua`, also `lua5.4`).
    pub interpreters: &'static [&'static str],
    /// The tree-sitter grammar.
    pub grammar: fn() -> Language,
    /// The kind of the root node of any parse (checked by a test: catches a wrong grammar).
    pub root_kind: &'static str,
    /// Node kinds only this grammar has (checked by a test: two grammar crates that define the
    /// same C symbol link silently, and the row then parses with the wrong grammar).
    pub distinctive_kinds: &'static [&'static str],
    /// `comments.scm`: captures `@comment` on every comment node.
    pub comments_query: &'static str,
    /// `symbols.scm`: captures `@scope` with `@name` (and optionally `@trait`).
    pub symbols_query: &'static str,
    /// `debt_macros.scm`: unfinished code (`todo!()`, `error("not implemented")`): captures
    /// `@macro`, `@name`, `@args` and optionally `@message` (the text); empty if none.
    pub debt_macros_query: &'static str,
    /// `complexity.scm`: the node kinds each complexity rule counts, named by role captures
    /// (`@function`, `@cyclomatic`, `@nested`, …; see the file's header).
    pub complexity_query: &'static str,
    /// `imports.scm`: what the row's [`Resolver`] turns into edges (Rust: `@module…`,
    /// `@import…`, `@reference`; others: `@import` with `@import.source`).
    pub imports_query: &'static str,
    /// Every callee name `debt_macros.scm` can match: a file containing none of them (and no
    /// marker tag) needs no parsing when only markers are wanted.
    pub debt_macro_names: &'static [&'static str],
    /// Appended to the callee's name to make the tag of unfinished code (`todo!`, `error`).
    pub debt_call_suffix: &'static str,
    /// Words the grammar takes for a type or keyword even as the name of a macro call, which
    /// it then reads as a syntax error: tree-sitter-rust 0.24 reads `str![…]` (snapbox's
    /// macro, thousands of times in cargo's tests) as the type `str` and a stray `!`. Before
    /// parsing, each such word directly before `!` and a bracket is disguised as an
    /// identifier of the same length (first letter upper-cased): the tree then holds the
    /// macro call, and every offset into the original text stays right.
    pub macro_names_read_as_types: &'static [&'static str],
    /// Lines (without trailing blanks) that close a top-level item. After one of them and a
    /// blank line, a line starting in column 0 starts an item, where a large file may be cut
    /// into pieces read on their own ([`crate::parse::chunks`]); empty: files are read whole.
    pub pieces_after: &'static [&'static str],
    /// Text that, in a file's first piece (before its first cut), makes it be read whole:
    /// code that speaks for the whole file in a way that changes its facts (Rust's
    /// `#![cfg(test)]`, which can only stand before the file's first item).
    pub pieces_never_with: &'static [&'static str],
    /// The token that ends a statement where a block's last expression does without it
    /// (Rust's `;`). Set, the X-Ray re-parses only the statements an edit touches in a large
    /// function ([`crate::parse::versions`]), and a body's last expression, parsed alone, may
    /// lack just that token at its end. `None`: a function an edit touches is re-parsed whole.
    pub statement_end: Option<&'static str>,
    /// A multi-way branch whose arms the X-Ray re-parses apart when an edit touches a large
    /// one: the kind of the node holding the arms, and the text that opens and closes such a
    /// branch around arms parsed on their own (Rust: `match_block`, `match _ {`, `}`). `None`:
    /// a branch is re-parsed whole.
    pub arms: Option<(&'static str, &'static str, &'static str)>,
    /// How comments are delimited.
    pub comment_syntax: CommentSyntax,
    /// Node kinds a real comment is never inside: a comment node the grammar puts in one is a
    /// grammar defect and is ignored (tree-sitter-lua 0.5 finds `--[[` comments inside strings).
    pub comments_never_inside: &'static [&'static str],
    /// Node kinds that may stand between a leading comment and the item it documents
    /// (attributes, decorators), so the comment is attributed to that item.
    pub attachable_kinds: &'static [&'static str],
    /// Node kinds that wrap an item with a header on lines of their own (C++'s `template
    /// <typename T>` above a function or class): a comment above the wrapper documents the
    /// item inside.
    pub item_wrappers: &'static [&'static str],
    /// Joins nested scopes into a symbol path (`net::Client::retry`, `M.run.helper`). It is
    /// part of every fingerprint, so it never changes for a language once released.
    pub symbol_separator: &'static str,
    /// How a method calls itself (`self.` and `Self::` in Rust, `self:` in Lua): a call to its
    /// own name through one of these is recursion, a bare call to its name is not.
    pub self_call_prefixes: &'static [&'static str],
    /// How the language's imports become edges.
    pub resolver: Resolver,
    /// The language's own path conventions for code roles (globs, gitignore syntax, matched
    /// against repository-relative paths), checked after `[roles] paths` and before the
    /// conventions all languages share ([`super::COMMON_ROLE_PATHS`]).
    pub role_paths: &'static [(Role, &'static [&'static str])],
}

impl LanguageDef {
    /// The language's short name (`rust`, `lua`).
    pub fn name(&self) -> &'static str {
        self.id.as_str()
    }
}
