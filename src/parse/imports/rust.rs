//! Rust's import syntax, turned into the neutral facts of [`super::FileImports`]: `use` trees
//! expanded to leaves, qualified paths in code cleaned of generics, `#[path]` literals
//! unquoted. The one piece of `parse` that knows a language; the graph's Rust resolver
//! (`graph/rust.rs`) gives the facts their meaning.

/// `"a/b.rs"` → `a/b.rs` (escapes are rare in paths and kept as written).
pub(super) fn unquote(literal: &str) -> String {
    let s = literal.trim_start_matches('r').trim_matches('#');
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s)
        .to_string()
}

/// A name as Rust means it: a raw identifier (`r#type`) is the name `type`.
pub(super) fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// The segments of a qualified path in code, without generic arguments and whitespace:
/// `Vec::<u8>::new` → `Vec::new`. `None` for qualified-self paths (`<T as Trait>::f`).
pub(super) fn code_path(text: &str) -> Option<String> {
    if text.starts_with('<') {
        return None;
    }
    let plain: String = crate::parse::strip_generics(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let leading = plain.starts_with("::");
    let segments: Vec<&str> = plain.split("::").filter(|s| !s.is_empty()).collect();
    if segments.len() < 2
        || !segments.iter().all(|s| {
            s.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '#')
        })
    {
        return None;
    }
    let segments: Vec<&str> = segments.into_iter().map(unraw).collect();
    let joined = segments.join("::");
    Some(if leading {
        format!("::{joined}")
    } else {
        joined
    })
}

/// One leaf of a `use` tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct UseLeaf {
    /// The path, segments joined by `::`.
    pub path: String,
    /// A glob import (`a::*`).
    pub glob: bool,
    /// The name the leaf brings into scope.
    pub binds: Option<String>,
}

/// Expands a use tree (`a::{b, c::{d as e, *}, self}`) into its leaves. Comments inside the
/// tree are skipped; text that does not form a tree yields the leaves read so far.
pub(super) fn expand_use_tree(text: &str) -> Vec<UseLeaf> {
    let tokens = tokens(text);
    let mut out = Vec::new();
    let mut at = 0;
    tree(&tokens, &mut at, &[], &mut out);
    out
}

fn tokens(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |k| k + 2);
        } else if rest.starts_with("::") {
            out.push("::");
            i += 2;
        } else if matches!(bytes[i], b'{' | b'}' | b',' | b'*') {
            out.push(&text[i..i + 1]);
            i += 1;
        } else if bytes[i].is_ascii_whitespace() {
            i += 1;
        } else {
            let len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '#' || c == '$'))
                .unwrap_or(rest.len())
                .max(1);
            out.push(&rest[..len]);
            i += len;
        }
    }
    out
}

/// Reads one use tree starting at `tokens[*at]`, below `prefix`.
fn tree(tokens: &[&str], at: &mut usize, prefix: &[String], out: &mut Vec<UseLeaf>) {
    let mut path: Vec<String> = prefix.to_vec();
    if tokens.get(*at) == Some(&"::") {
        // `::serde::Serialize`: the leading `::` marks a crate name.
        path.push(String::new());
        *at += 1;
    }
    loop {
        match tokens.get(*at).copied() {
            Some("{") => {
                *at += 1;
                loop {
                    match tokens.get(*at).copied() {
                        None => return,
                        Some("}") => {
                            *at += 1;
                            return;
                        }
                        Some(",") => *at += 1,
                        Some(_) => {
                            let before = *at;
                            tree(tokens, at, &path, out);
                            if *at == before {
                                *at += 1;
                            }
                        }
                    }
                }
            }
            Some("*") => {
                *at += 1;
                out.push(leaf(&path, true, None));
                return;
            }
            Some(word) if word != "," && word != "}" && word != "::" => {
                *at += 1;
                if word != "self" || path.is_empty() {
                    path.push(unraw(word).to_string());
                }
                if tokens.get(*at) == Some(&"::") {
                    *at += 1;
                    continue;
                }
                let mut binds = path.last().cloned();
                if tokens.get(*at) == Some(&"as") {
                    let alias = tokens.get(*at + 1).copied().unwrap_or("_");
                    *at += 2;
                    binds = (alias != "_").then(|| unraw(alias).to_string());
                }
                out.push(leaf(&path, false, binds));
                return;
            }
            _ => return,
        }
    }
}

fn leaf(path: &[String], glob: bool, binds: Option<String>) -> UseLeaf {
    let joined = match path.first() {
        Some(first) if first.is_empty() => format!("::{}", path[1..].join("::")),
        _ => path.join("::"),
    };
    UseLeaf {
        path: joined,
        glob,
        binds: binds.filter(|b| !b.is_empty() && !glob),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(text: &str) -> Vec<(String, bool, Option<String>)> {
        expand_use_tree(text)
            .into_iter()
            .map(|l| (l.path, l.glob, l.binds))
            .collect()
    }

    fn l(path: &str, glob: bool, binds: Option<&str>) -> (String, bool, Option<String>) {
        (path.into(), glob, binds.map(String::from))
    }

    #[test]
    fn use_trees_expand_to_leaves() {
        assert_eq!(
            leaves("crate::a::B"),
            vec![l("crate::a::B", false, Some("B"))]
        );
        assert_eq!(
            leaves("crate::{a::{self, inner::Thing as T}, b::*, c as _}"),
            vec![
                l("crate::a", false, Some("a")),
                l("crate::a::inner::Thing", false, Some("T")),
                l("crate::b", true, None),
                l("crate::c", false, None),
            ]
        );
        assert_eq!(
            leaves("::serde::{Serialize, de::{self /* why */, Visitor}}"),
            vec![
                l("::serde::Serialize", false, Some("Serialize")),
                l("::serde::de", false, Some("de")),
                l("::serde::de::Visitor", false, Some("Visitor")),
            ]
        );
        assert_eq!(
            leaves("super::super::x"),
            vec![l("super::super::x", false, Some("x"))]
        );
        assert_eq!(leaves("self::a"), vec![l("self::a", false, Some("a"))]);
        assert_eq!(
            leaves("crate::r#type::{X as r#Y, r#match}"),
            vec![
                l("crate::type::X", false, Some("Y")),
                l("crate::type::match", false, Some("match")),
            ]
        );
        assert_eq!(leaves("{a, b,}").len(), 2);
        // Broken text gives what could be read and never loops.
        assert_eq!(
            leaves("a::{b, c"),
            vec![l("a::b", false, Some("b")), l("a::c", false, Some("c"))]
        );
        assert!(leaves("}}::,").is_empty());
    }

    #[test]
    fn code_paths_drop_generics() {
        assert_eq!(code_path("Vec::<u8>::new").as_deref(), Some("Vec::new"));
        assert_eq!(
            code_path("crate::a::B<T, U>::f").as_deref(),
            Some("crate::a::B::f")
        );
        assert_eq!(
            code_path("::std::mem::take").as_deref(),
            Some("::std::mem::take")
        );
        assert_eq!(code_path("<T as Tr>::f"), None);
        assert_eq!(
            code_path("crate::r#type::r#Box::f").as_deref(),
            Some("crate::type::Box::f")
        );
        assert_eq!(code_path("x"), None);
    }
}
