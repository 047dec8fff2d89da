//! The rows of the language table, each behind its cargo feature `lang-<name>` (Rust is always
//! built: the graph's Cargo support and most tests need it).

use super::spec::{CommentSyntax, LangId, LanguageDef, Resolver};
use crate::model::Role;

/// The languages this build supports.
pub static LANGUAGES: &[LanguageDef] = &[
    LanguageDef {
        id: LangId::Rust,
        extensions: &["rs"],
        file_names: &[],
        claims: &[],
        interpreters: &[],
        grammar: || tree_sitter_rust::LANGUAGE.into(),
        root_kind: "source_file",
        distinctive_kinds: &["macro_invocation", "lifetime", "impl_item"],
        comments_query: include_str!("../../queries/rust/comments.scm"),
        symbols_query: include_str!("../../queries/rust/symbols.scm"),
        debt_macros_query: include_str!("../../queries/rust/debt_macros.scm"),
        complexity_query: include_str!("../../queries/rust/complexity.scm"),
        imports_query: include_str!("../../queries/rust/imports.scm"),
        debt_macro_names: &["todo", "unimplemented"],
        debt_call_suffix: "!",
        macro_names_read_as_types: &[
            "str", "bool", "char", "u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "u128",
            "i128", "usize", "isize", "f32", "f64",
        ],
        pieces_after: &["}", "};"],
        // The inner attributes that change what the file's pieces yield: `#![cfg(test)]` (and
        // `docsrs`) makes every item test (or docs) code, `#![allow(clippy::todo)]` exempts its
        // `todo!()`s. Others (`#![allow(dead_code)]`, `#![cfg_attr(feature = …, …)]`,
        // `#![recursion_limit]`) change nothing debtscan reads, and kept rust-analyzer's crate
        // roots whole, 1.2 of the 5.2 MB its rerun after 1% new commits parsed.
        pieces_never_with: &[
            "#![cfg(",
            "#![cfg (",
            "clippy::todo",
            "clippy::unimplemented",
        ],
        statement_end: Some(";"),
        arms: Some(("match_block", "match _ {", "}")),
        comment_syntax: CommentSyntax {
            line: &["///", "//!", "//"],
            block: &[("/**", "*/"), ("/*!", "*/"), ("/*", "*/")],
            block_star_prefix: true,
            nested_blocks: true,
        },
        comments_never_inside: &[],
        attachable_kinds: &["attribute_item", "line_comment", "block_comment"],
        item_wrappers: &[],
        symbol_separator: "::",
        self_call_prefixes: &["Self::", "self."],
        resolver: Resolver::Rust,
        role_paths: &[
            // A build script sits beside its Cargo.toml, never among integration tests or in
            // `src/`, whose files may have any name (cargo's `tests/testsuite/build.rs` is a
            // test, its `src/bin/cargo/commands/build.rs` the `cargo build` command).
            (Role::Test, &["**/tests/**"]),
            (Role::Production, &["**/src/**/build.rs"]),
            (Role::Build, &["build.rs", "**/build.rs"]),
            // `#[cfg(test)] mod tests;` puts the tests of a module in their own file.
            (Role::Test, &["**/tests.rs", "**/fuzz/**"]),
        ],
    },
    #[cfg(feature = "lang-lua")]
    LanguageDef {
        id: LangId::Lua,
        extensions: &["lua"],
        file_names: &[],
        claims: &[],
        interpreters: &["lua", "luajit"],
        grammar: || tree_sitter_lua::LANGUAGE.into(),
        root_kind: "chunk",
        distinctive_kinds: &["method_index_expression", "vararg_expression"],
        comments_query: include_str!("../../queries/lua/comments.scm"),
        symbols_query: include_str!("../../queries/lua/symbols.scm"),
        debt_macros_query: include_str!("../../queries/lua/debt_macros.scm"),
        complexity_query: include_str!("../../queries/lua/complexity.scm"),
        imports_query: include_str!("../../queries/lua/imports.scm"),
        debt_macro_names: &["error"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: tree-sitter-lua 0.5 misreads long strings and comments (see
        // `comments_never_inside`), so an unterminated one may not show as an error.
        pieces_after: &[],
        pieces_never_with: &[],
        // Not yet: a Lua function body's statements have not been checked parsed apart.
        statement_end: None,
        arms: None,
        comment_syntax: CommentSyntax {
            line: &["--"],
            block: &[
                ("--[====[", "]====]"),
                ("--[===[", "]===]"),
                ("--[==[", "]==]"),
                ("--[=[", "]=]"),
                ("--[[", "]]"),
            ],
            block_star_prefix: false,
            nested_blocks: false,
        },
        comments_never_inside: &["string"],
        attachable_kinds: &["comment"],
        item_wrappers: &[],
        symbol_separator: ".",
        self_call_prefixes: &["self:", "self."],
        resolver: Resolver::Lua,
        // busted's and luaunit's conventions.
        role_paths: &[(
            Role::Test,
            &["**/*_spec.lua", "**/*_test.lua", "**/test_*.lua"],
        )],
    },
    #[cfg(feature = "lang-python")]
    LanguageDef {
        id: LangId::Python,
        extensions: &["py", "pyi"],
        file_names: &[],
        claims: &[],
        interpreters: &["python", "python3", "python2"],
        grammar: || tree_sitter_python::LANGUAGE.into(),
        root_kind: "module",
        distinctive_kinds: &["decorated_definition", "dictionary_splat_pattern"],
        comments_query: include_str!("../../queries/python/comments.scm"),
        symbols_query: include_str!("../../queries/python/symbols.scm"),
        debt_macros_query: include_str!("../../queries/python/debt_macros.scm"),
        complexity_query: include_str!("../../queries/python/complexity.scm"),
        imports_query: include_str!("../../queries/python/imports.scm"),
        debt_macro_names: &["NotImplementedError"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: where a Python file may be cut (an unindented line after a blank one is not
        // always a new statement: a string's continuation) has not been checked.
        pieces_after: &[],
        pieces_never_with: &[],
        // Python ends statements with newlines; a function an edit touches is re-parsed whole.
        statement_end: None,
        arms: None,
        comment_syntax: CommentSyntax {
            line: &["#"],
            block: &[],
            block_star_prefix: false,
            nested_blocks: false,
        },
        comments_never_inside: &[],
        attachable_kinds: &["decorator", "comment"],
        item_wrappers: &[],
        symbol_separator: ".",
        self_call_prefixes: &["self.", "cls."],
        resolver: Resolver::Python,
        // pytest's and unittest's discovery conventions, and setuptools' build script.
        role_paths: &[
            (
                Role::Test,
                &[
                    "**/test_*.py",
                    "**/*_test.py",
                    "**/tests.py",
                    "**/conftest.py",
                ],
            ),
            (Role::Build, &["setup.py", "**/setup.py"]),
        ],
    },
    #[cfg(feature = "lang-go")]
    LanguageDef {
        id: LangId::Go,
        extensions: &["go"],
        file_names: &[],
        claims: &[],
        interpreters: &[],
        grammar: || tree_sitter_go::LANGUAGE.into(),
        root_kind: "source_file",
        distinctive_kinds: &[
            "communication_case",
            "type_switch_statement",
            "func_literal",
        ],
        comments_query: include_str!("../../queries/go/comments.scm"),
        symbols_query: include_str!("../../queries/go/symbols.scm"),
        debt_macros_query: include_str!("../../queries/go/debt_macros.scm"),
        complexity_query: include_str!("../../queries/go/complexity.scm"),
        imports_query: include_str!("../../queries/go/imports.scm"),
        debt_macro_names: &["panic"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: where a large Go file may be cut has not been checked.
        pieces_after: &[],
        pieces_never_with: &[],
        // Go's statements end with newlines as often as with `;`.
        statement_end: None,
        arms: None,
        comment_syntax: CommentSyntax {
            line: &["//"],
            block: &[("/*", "*/")],
            block_star_prefix: true,
            nested_blocks: false,
        },
        comments_never_inside: &[],
        attachable_kinds: &["comment"],
        item_wrappers: &[],
        symbol_separator: ".",
        // A method calls itself through its receiver, whose name complexity.scm captures.
        self_call_prefixes: &[],
        resolver: Resolver::Go,
        // `go test`'s convention; `testdata/` is ignored by the go tool and holds test inputs.
        role_paths: &[(Role::Test, &["**/*_test.go", "**/testdata/**"])],
    },
    #[cfg(feature = "lang-javascript")]
    LanguageDef {
        id: LangId::JavaScript,
        extensions: &["js", "jsx", "mjs", "cjs"],
        file_names: &[],
        claims: &[],
        interpreters: &["node", "nodejs", "deno", "bun"],
        grammar: || tree_sitter_javascript::LANGUAGE.into(),
        root_kind: "program",
        distinctive_kinds: &["jsx_element", "template_substitution"],
        comments_query: include_str!("../../queries/javascript/comments.scm"),
        symbols_query: include_str!("../../queries/javascript/symbols.scm"),
        debt_macros_query: include_str!("../../queries/javascript/debt_macros.scm"),
        complexity_query: include_str!("../../queries/javascript/complexity.scm"),
        imports_query: include_str!("../../queries/javascript/imports.scm"),
        debt_macro_names: &["Error"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: where a large file may be cut has not been checked.
        pieces_after: &[],
        pieces_never_with: &[],
        // Semicolons are optional (automatic semicolon insertion).
        statement_end: None,
        arms: None,
        comment_syntax: CommentSyntax {
            line: &["//"],
            block: &[("/**", "*/"), ("/*", "*/")],
            block_star_prefix: true,
            nested_blocks: false,
        },
        comments_never_inside: &[],
        attachable_kinds: &["comment", "decorator"],
        item_wrappers: &[],
        symbol_separator: ".",
        self_call_prefixes: &["this."],
        resolver: Resolver::JavaScript,
        role_paths: JS_ROLE_PATHS,
    },
    #[cfg(feature = "lang-typescript")]
    LanguageDef {
        id: LangId::TypeScript,
        extensions: &["ts", "mts", "cts"],
        file_names: &[],
        claims: &[],
        interpreters: &["ts-node", "tsx"],
        grammar: || tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        root_kind: "program",
        distinctive_kinds: &["type_annotation", "interface_declaration", "type_assertion"],
        comments_query: include_str!("../../queries/typescript/comments.scm"),
        symbols_query: include_str!("../../queries/typescript/symbols.scm"),
        debt_macros_query: include_str!("../../queries/typescript/debt_macros.scm"),
        complexity_query: include_str!("../../queries/typescript/complexity.scm"),
        imports_query: include_str!("../../queries/typescript/imports.scm"),
        debt_macro_names: &["Error"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: where a large file may be cut has not been checked.
        pieces_after: &[],
        pieces_never_with: &[],
        // Semicolons are optional (automatic semicolon insertion).
        statement_end: None,
        arms: None,
        comment_syntax: CommentSyntax {
            line: &["//"],
            block: &[("/**", "*/"), ("/*", "*/")],
            block_star_prefix: true,
            nested_blocks: false,
        },
        comments_never_inside: &[],
        attachable_kinds: &["comment", "decorator"],
        item_wrappers: &[],
        symbol_separator: ".",
        self_call_prefixes: &["this."],
        resolver: Resolver::JavaScript,
        role_paths: JS_ROLE_PATHS,
    },
    #[cfg(feature = "lang-typescript")]
    LanguageDef {
        id: LangId::Tsx,
        extensions: &["tsx"],
        file_names: &[],
        claims: &[],
        interpreters: &[],
        grammar: || tree_sitter_typescript::LANGUAGE_TSX.into(),
        root_kind: "program",
        distinctive_kinds: &["type_annotation", "jsx_element"],
        comments_query: include_str!("../../queries/typescript/comments.scm"),
        symbols_query: include_str!("../../queries/typescript/symbols.scm"),
        debt_macros_query: include_str!("../../queries/typescript/debt_macros.scm"),
        complexity_query: include_str!("../../queries/typescript/complexity.scm"),
        imports_query: include_str!("../../queries/typescript/imports.scm"),
        debt_macro_names: &["Error"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: where a large file may be cut has not been checked.
        pieces_after: &[],
        pieces_never_with: &[],
        // Semicolons are optional (automatic semicolon insertion).
        statement_end: None,
        arms: None,
        comment_syntax: CommentSyntax {
            line: &["//"],
            block: &[("/**", "*/"), ("/*", "*/")],
            block_star_prefix: true,
            nested_blocks: false,
        },
        comments_never_inside: &[],
        attachable_kinds: &["comment", "decorator"],
        item_wrappers: &[],
        symbol_separator: ".",
        self_call_prefixes: &["this."],
        resolver: Resolver::JavaScript,
        role_paths: JS_ROLE_PATHS,
    },
    #[cfg(feature = "lang-java")]
    LanguageDef {
        id: LangId::Java,
        extensions: &["java"],
        file_names: &[],
        claims: &[],
        interpreters: &["java"],
        grammar: || tree_sitter_java::LANGUAGE.into(),
        root_kind: "program",
        distinctive_kinds: &[
            "method_declaration",
            "enhanced_for_statement",
            "marker_annotation",
        ],
        comments_query: include_str!("../../queries/java/comments.scm"),
        symbols_query: include_str!("../../queries/java/symbols.scm"),
        debt_macros_query: include_str!("../../queries/java/debt_macros.scm"),
        complexity_query: include_str!("../../queries/java/complexity.scm"),
        imports_query: include_str!("../../queries/java/imports.scm"),
        // `Exception` and `Error` end every class the first pattern matches.
        debt_macro_names: &[
            "NotImplementedException",
            "NotYetImplementedException",
            "Exception",
            "Error",
        ],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: where a large Java file may be cut (its members are indented inside one
        // class) has not been checked.
        pieces_after: &[],
        pieces_never_with: &[],
        // Not yet: a method body's statements have not been checked parsed apart.
        statement_end: None,
        arms: None,
        comment_syntax: CommentSyntax {
            line: &["//"],
            block: &[("/**", "*/"), ("/*", "*/")],
            block_star_prefix: true,
            nested_blocks: false,
        },
        comments_never_inside: &[],
        // Annotations are inside a declaration's `modifiers`: only comments stand between a
        // Javadoc and its method.
        attachable_kinds: &["line_comment", "block_comment"],
        item_wrappers: &[],
        symbol_separator: ".",
        // A method calls itself bare (`parse(x)`) or on `this`: the query captures the name
        // alone in both cases.
        self_call_prefixes: &[""],
        resolver: Resolver::Java,
        // Maven's and Gradle's source sets (`src/test/java`, `src/integrationTest/java`,
        // Android's `src/androidTest`) and the test class names Surefire and Failsafe run by
        // default.
        role_paths: &[(
            Role::Test,
            &[
                "**/src/test/**",
                "**/src/*Test/**",
                "**/src/testFixtures/**",
                "**/Test*.java",
                "**/*Test.java",
                "**/*Tests.java",
                "**/*TestCase.java",
                "**/IT*.java",
                "**/*IT.java",
                "**/*ITCase.java",
            ],
        )],
    },
    #[cfg(feature = "lang-c")]
    LanguageDef {
        id: LangId::C,
        extensions: &["c", "h"],
        file_names: &[],
        claims: &[],
        interpreters: &[],
        grammar: || tree_sitter_c::LANGUAGE.into(),
        root_kind: "translation_unit",
        distinctive_kinds: &[
            "preproc_include",
            "variadic_parameter",
            "gnu_asm_expression",
        ],
        comments_query: include_str!("../../queries/c/comments.scm"),
        symbols_query: include_str!("../../queries/c/symbols.scm"),
        debt_macros_query: include_str!("../../queries/c/debt_macros.scm"),
        complexity_query: include_str!("../../queries/c/complexity.scm"),
        imports_query: include_str!("../../queries/c/imports.scm"),
        debt_macro_names: &["assert"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: where a large C file may be cut (a top-level `#if` may open a function its
        // `#else` closes) has not been checked.
        pieces_after: &[],
        pieces_never_with: &[],
        // Not yet: a function body's statements have not been checked parsed apart (a macro
        // may stand for a statement without its `;`).
        statement_end: None,
        arms: None,
        comment_syntax: C_COMMENTS,
        comments_never_inside: &[],
        attachable_kinds: &["comment"],
        item_wrappers: &[],
        symbol_separator: "::",
        // A C function calls itself by its bare name.
        self_call_prefixes: &[""],
        resolver: Resolver::Include,
        role_paths: &[(Role::Test, C_TEST_FILES)],
    },
    #[cfg(feature = "lang-cpp")]
    LanguageDef {
        id: LangId::Cpp,
        extensions: &[
            "cpp", "cc", "cxx", "c++", "hpp", "hh", "hxx", "h++", "ipp", "tpp", "inl",
        ],
        file_names: &[],
        claims: &["h"],
        interpreters: &[],
        grammar: || tree_sitter_cpp::LANGUAGE.into(),
        root_kind: "translation_unit",
        distinctive_kinds: &[
            "template_declaration",
            "namespace_definition",
            "lambda_expression",
        ],
        comments_query: include_str!("../../queries/cpp/comments.scm"),
        symbols_query: include_str!("../../queries/cpp/symbols.scm"),
        debt_macros_query: include_str!("../../queries/cpp/debt_macros.scm"),
        complexity_query: include_str!("../../queries/cpp/complexity.scm"),
        imports_query: include_str!("../../queries/cpp/imports.scm"),
        debt_macro_names: &["assert", "throw"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet, as for C.
        pieces_after: &[],
        pieces_never_with: &[],
        statement_end: None,
        arms: None,
        comment_syntax: C_COMMENTS,
        comments_never_inside: &[],
        attachable_kinds: &["comment"],
        item_wrappers: &["template_declaration"],
        symbol_separator: "::",
        // A member function calls itself bare, on `this->` or qualified (`Box::run`): the
        // query captures the name alone in each case.
        self_call_prefixes: &[""],
        resolver: Resolver::Include,
        role_paths: &[(Role::Test, CPP_TEST_FILES)],
    },
    #[cfg(feature = "lang-csharp")]
    LanguageDef {
        id: LangId::CSharp,
        extensions: &["cs"],
        file_names: &[],
        claims: &[],
        interpreters: &[],
        grammar: || tree_sitter_c_sharp::LANGUAGE.into(),
        root_kind: "compilation_unit",
        distinctive_kinds: &[
            "using_directive",
            "file_scoped_namespace_declaration",
            "switch_expression_arm",
        ],
        comments_query: include_str!("../../queries/csharp/comments.scm"),
        symbols_query: include_str!("../../queries/csharp/symbols.scm"),
        debt_macros_query: include_str!("../../queries/csharp/debt_macros.scm"),
        complexity_query: include_str!("../../queries/csharp/complexity.scm"),
        imports_query: include_str!("../../queries/csharp/imports.scm"),
        // `Exception` ends every class the first pattern matches.
        debt_macro_names: &["NotImplementedException", "Exception"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: where a large C# file may be cut has not been checked.
        pieces_after: &[],
        pieces_never_with: &[],
        statement_end: None,
        arms: None,
        comment_syntax: CommentSyntax {
            line: &["///", "//"],
            block: &[("/**", "*/"), ("/*", "*/")],
            block_star_prefix: true,
            nested_blocks: false,
        },
        comments_never_inside: &[],
        // Attributes are inside a declaration (`[Fact] public void F()`): only comments stand
        // between a documentation comment and its member.
        attachable_kinds: &["comment"],
        item_wrappers: &[],
        symbol_separator: ".",
        // A method calls itself bare or on `this`: the query captures the name alone.
        self_call_prefixes: &[""],
        resolver: Resolver::CSharp,
        // The test projects' names .NET templates give (`App.Tests/`, `App.UnitTests/`) and
        // test class files (`ParserTests.cs`).
        role_paths: &[(
            Role::Test,
            &[
                "**/*.Tests/**",
                "**/*.Test/**",
                "**/*.UnitTests/**",
                "**/*.IntegrationTests/**",
                "**/*.Specs/**",
                "**/*Tests.cs",
                "**/*Test.cs",
            ],
        )],
    },
    #[cfg(feature = "lang-ruby")]
    LanguageDef {
        id: LangId::Ruby,
        extensions: &["rb", "rake", "gemspec", "ru", "rbw"],
        file_names: &[
            "Rakefile",
            "Gemfile",
            "Guardfile",
            "Capfile",
            "Vagrantfile",
            "Brewfile",
        ],
        claims: &[],
        interpreters: &["ruby", "jruby", "truffleruby"],
        grammar: || tree_sitter_ruby::LANGUAGE.into(),
        root_kind: "program",
        distinctive_kinds: &["singleton_method", "rescue_modifier", "heredoc_body"],
        comments_query: include_str!("../../queries/ruby/comments.scm"),
        symbols_query: include_str!("../../queries/ruby/symbols.scm"),
        debt_macros_query: include_str!("../../queries/ruby/debt_macros.scm"),
        complexity_query: include_str!("../../queries/ruby/complexity.scm"),
        imports_query: include_str!("../../queries/ruby/imports.scm"),
        debt_macro_names: &["NotImplementedError"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: where a large Ruby file may be cut (an `end` in column 0 closes a heredoc
        // or an `=begin` block as well as an item) has not been checked.
        pieces_after: &[],
        pieces_never_with: &[],
        statement_end: None,
        arms: None,
        comment_syntax: CommentSyntax {
            line: &["#"],
            block: &[("=begin", "=end")],
            block_star_prefix: false,
            nested_blocks: false,
        },
        comments_never_inside: &[],
        attachable_kinds: &["comment"],
        item_wrappers: &[],
        symbol_separator: "::",
        // A method calls itself bare or on `self`: the query captures the name alone.
        self_call_prefixes: &[""],
        resolver: Resolver::Ruby,
        // RSpec's, Minitest's and test-unit's conventions (`spec/` and `test/` are everyone's),
        // Cucumber's steps, and the files Bundler, Rake and gem builds read.
        role_paths: &[
            (
                Role::Test,
                &[
                    "**/*_spec.rb",
                    "**/*_test.rb",
                    "**/test_*.rb",
                    "**/features/step_definitions/**",
                    "**/features/support/**",
                ],
            ),
            (
                Role::Build,
                &["**/Rakefile", "**/*.rake", "**/*.gemspec", "**/Gemfile"],
            ),
        ],
    },
    #[cfg(feature = "lang-php")]
    LanguageDef {
        id: LangId::Php,
        extensions: &["php", "phtml", "php8", "php7", "php5"],
        file_names: &[],
        claims: &[],
        interpreters: &["php"],
        // With the HTML around `<?php … ?>`: a template is a PHP file too.
        grammar: || tree_sitter_php::LANGUAGE_PHP.into(),
        root_kind: "program",
        distinctive_kinds: &["php_tag", "text_interpolation", "namespace_use_declaration"],
        comments_query: include_str!("../../queries/php/comments.scm"),
        symbols_query: include_str!("../../queries/php/symbols.scm"),
        debt_macros_query: include_str!("../../queries/php/debt_macros.scm"),
        complexity_query: include_str!("../../queries/php/complexity.scm"),
        imports_query: include_str!("../../queries/php/imports.scm"),
        // `Exception` and `Error` end every class the first pattern matches.
        debt_macro_names: &["NotImplementedException", "Exception", "Error"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: where a large PHP file may be cut has not been checked.
        pieces_after: &[],
        pieces_never_with: &[],
        statement_end: None,
        arms: None,
        comment_syntax: CommentSyntax {
            line: &["//", "#"],
            block: &[("/**", "*/"), ("/*", "*/")],
            block_star_prefix: true,
            nested_blocks: false,
        },
        // tree-sitter-php 0.25 ends a heredoc's text at an interpolation (`{$x}`) and reads a
        // `/* … */` on a later line of it as a comment.
        comments_never_inside: &["heredoc"],
        // PHP 8 attributes stand between a doc comment and its declaration.
        attachable_kinds: &["comment", "attribute_list"],
        item_wrappers: &[],
        symbol_separator: "::",
        // A method calls itself on `$this`, `self` or `static`: the query captures the name.
        self_call_prefixes: &[""],
        resolver: Resolver::Php,
        // PHPUnit's conventions (`tests/` is everyone's; Symfony bundles write `Tests/`), Pest's
        // and Behat's.
        role_paths: &[(
            Role::Test,
            &[
                "**/*Test.php",
                "**/*TestCase.php",
                "**/Tests/**",
                "**/features/bootstrap/**",
            ],
        )],
    },
    #[cfg(feature = "lang-kotlin")]
    LanguageDef {
        id: LangId::Kotlin,
        extensions: &["kt", "kts"],
        file_names: &[],
        claims: &[],
        interpreters: &["kotlin"],
        grammar: || tree_sitter_kotlin_ng::LANGUAGE.into(),
        root_kind: "source_file",
        distinctive_kinds: &[
            "companion_object",
            "anonymous_initializer",
            "secondary_constructor",
        ],
        comments_query: include_str!("../../queries/kotlin/comments.scm"),
        symbols_query: include_str!("../../queries/kotlin/symbols.scm"),
        debt_macros_query: include_str!("../../queries/kotlin/debt_macros.scm"),
        complexity_query: include_str!("../../queries/kotlin/complexity.scm"),
        imports_query: include_str!("../../queries/kotlin/imports.scm"),
        // `Exception` and `Error` end every class the throw patterns match.
        debt_macro_names: &["TODO", "NotImplementedError", "Exception", "Error"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: where a large Kotlin file may be cut has not been checked.
        pieces_after: &[],
        pieces_never_with: &[],
        statement_end: None,
        arms: None,
        comment_syntax: CommentSyntax {
            line: &["//"],
            block: &[("/**", "*/"), ("/*", "*/")],
            block_star_prefix: true,
            nested_blocks: true,
        },
        comments_never_inside: &[],
        // Annotations are inside a declaration's `modifiers`.
        attachable_kinds: &["line_comment", "block_comment"],
        item_wrappers: &[],
        symbol_separator: ".",
        // A function calls itself bare or on `this`: the query captures the name alone.
        self_call_prefixes: &[""],
        // Packages and what they declare, as Java's: the same resolver reads both.
        resolver: Resolver::Java,
        // Gradle's source sets (`src/test/kotlin`, Multiplatform's `src/commonTest/`,
        // Android's `src/androidTest/`), JUnit's and Kotest's class names, and Gradle's
        // Kotlin build scripts.
        role_paths: &[
            (
                Role::Test,
                &[
                    "**/src/test/**",
                    "**/src/*Test/**",
                    "**/src/testFixtures/**",
                    "**/*Test.kt",
                    "**/*Tests.kt",
                    "**/*Spec.kt",
                    "**/*IT.kt",
                ],
            ),
            (Role::Build, &["**/*.gradle.kts"]),
        ],
    },
    #[cfg(feature = "lang-swift")]
    LanguageDef {
        id: LangId::Swift,
        extensions: &["swift"],
        file_names: &[],
        claims: &[],
        interpreters: &["swift"],
        grammar: || tree_sitter_swift::LANGUAGE.into(),
        root_kind: "source_file",
        distinctive_kinds: &[
            "guard_statement",
            "protocol_declaration",
            "willset_didset_block",
        ],
        comments_query: include_str!("../../queries/swift/comments.scm"),
        symbols_query: include_str!("../../queries/swift/symbols.scm"),
        debt_macros_query: include_str!("../../queries/swift/debt_macros.scm"),
        complexity_query: include_str!("../../queries/swift/complexity.scm"),
        imports_query: include_str!("../../queries/swift/imports.scm"),
        debt_macro_names: &["fatalError", "preconditionFailure"],
        debt_call_suffix: "",
        macro_names_read_as_types: &[],
        // Not yet: where a large Swift file may be cut has not been checked.
        pieces_after: &[],
        pieces_never_with: &[],
        statement_end: None,
        arms: None,
        comment_syntax: CommentSyntax {
            line: &["///", "//"],
            block: &[("/**", "*/"), ("/*", "*/")],
            block_star_prefix: true,
            nested_blocks: true,
        },
        comments_never_inside: &["line_string_literal", "multi_line_string_literal"],
        // Attributes are inside a declaration's `modifiers`.
        attachable_kinds: &["comment", "multiline_comment"],
        item_wrappers: &[],
        symbol_separator: ".",
        // A function calls itself bare or on `self`: the query captures the name alone.
        self_call_prefixes: &[""],
        resolver: Resolver::Swift,
        // SwiftPM's and Xcode's test targets (`Tests/`, `AppTests/`, `AppUITests/`), XCTest's
        // and Quick's class files, and the package manifests.
        role_paths: &[
            (
                Role::Test,
                &[
                    "**/Tests/**",
                    "**/*Tests/**",
                    "**/*Tests.swift",
                    "**/*Test.swift",
                    "**/*Spec.swift",
                ],
            ),
            // A DocC catalog's code files are tutorial steps, never compiled.
            (Role::Example, &["**/*.docc/**"]),
            (
                Role::Build,
                &[
                    "Package.swift",
                    "**/Package.swift",
                    "Package@swift-*.swift",
                    "**/Package@swift-*.swift",
                ],
            ),
        ],
    },
];

/// Test-file conventions of JavaScript and TypeScript (Jest, Vitest, Mocha, Jasmine, Node's
/// own test runner; `__tests__/` and `test/` directories are common to every language) and
/// their build and configuration scripts.
#[cfg(any(feature = "lang-javascript", feature = "lang-typescript"))]
const JS_ROLE_PATHS: &[(Role, &[&str])] = &[
    (
        Role::Test,
        &[
            "**/*.test.*",
            "**/*.spec.*",
            "**/*_test.*",
            "**/__mocks__/**",
            "**/cypress/**",
            "**/e2e/**",
        ],
    ),
    (
        Role::Build,
        &[
            "**/*.config.js",
            "**/*.config.mjs",
            "**/*.config.cjs",
            "**/*.config.ts",
            "**/*.config.mts",
            "**/Gruntfile.js",
            "**/gulpfile.js",
            "**/webpack.*.js",
        ],
    ),
];

/// C's and C++'s comments: `//` lines and `/* … */` blocks (Doxygen's `///`, `//!`, `/**` and
/// `/*!` are the same comments with one more character).
#[cfg(any(feature = "lang-c", feature = "lang-cpp"))]
const C_COMMENTS: CommentSyntax = CommentSyntax {
    line: &["///", "//!", "//"],
    block: &[("/**", "*/"), ("/*!", "*/"), ("/*", "*/")],
    block_star_prefix: true,
    nested_blocks: false,
};

/// Test files of C by the names CTest suites, Unity, cmocka and Check projects give them (the
/// `test/` and `tests/` directories are common to every language).
#[cfg(feature = "lang-c")]
const C_TEST_FILES: &[&str] = &[
    "**/test_*.c",
    "**/*_test.c",
    "**/*_tests.c",
    "**/*_unittest.c",
    "**/*-test.c",
];

/// Test files of C++ by GoogleTest's (`foo_test.cc`, `foo_unittest.cc`), Catch2's and Qt
/// Test's naming conventions.
#[cfg(feature = "lang-cpp")]
const CPP_TEST_FILES: &[&str] = &[
    "**/test_*.cpp",
    "**/test_*.cc",
    "**/*_test.cc",
    "**/*_test.cpp",
    "**/*_test.cxx",
    "**/*_tests.cc",
    "**/*_tests.cpp",
    "**/*_unittest.cc",
    "**/*_unittest.cpp",
    "**/*Test.cpp",
    "**/*Tests.cpp",
    "**/tst_*.cpp",
];
