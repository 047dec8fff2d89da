//! Per-function complexity (README, "Complexity") from the nodes `complexity.scm` captured.
//!
//! The query names each node's role; this module applies the roles the same way for every
//! language. It sees the captured nodes in source order (outer before inner) and keeps a stack
//! of the open units and nesting structures, so no recursion is involved and depth is no risk.

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

pub use crate::model::FunctionMetrics;

/// The capture names `complexity.scm` may use, one per [`Role`].
pub const ROLES: &[&str] = &[
    "function",
    "closure",
    "parameter",
    "cyclomatic",
    "nested",
    "else",
    "else_if",
    "jump",
    "logical",
    "operator",
    "group",
    "callee",
    "method",
];

/// Capture names `complexity.scm` may use where the grammar needs them, one per [`Role`]
/// after those of [`ROLES`].
pub const OPTIONAL_ROLES: &[&str] = &["function.name", "dispatch", "arm", "receiver", "ignore"];

/// A top-level multi-way branch makes its function a dispatch with at least this many arms
/// (README, "What counts as complex"): fewer arms read as an ordinary branch.
pub const DISPATCH_MIN_ARMS: u32 = 12;

/// … and when it spans at least this share (in percent) of the function body's lines: a
/// function that does much else besides is judged whole.
pub const DISPATCH_MIN_SHARE_PERCENT: u32 = 80;

/// What a captured node means to the metrics; see the header of `complexity.scm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// A named function with a body.
    Function,
    /// An anonymous function.
    Closure,
    /// A parameter of the function or closure it belongs to.
    Parameter,
    /// +1 cyclomatic.
    Cyclomatic,
    /// Cognitive +1 plus nesting; raises the nesting level.
    Nested,
    /// Cognitive +1 (`else`).
    Else,
    /// Cognitive +1, flat (`else if`); overrides [`Role::Nested`].
    ElseIf,
    /// Cognitive +1 (labelled jump).
    Jump,
    /// A boolean-operator expression.
    Logical,
    /// A boolean operator token.
    Operator,
    /// Parentheses, transparent to boolean chains.
    Group,
    /// The callee of a call.
    Callee,
    /// A method: recursion only through `self`/`Self`.
    Method,
    /// The name of the function around it, where the grammar has no `name` field (C
    /// declarators, arrow functions) or where a method calls itself by part of it (Lua's
    /// `function M:m()` recurses as `self:m`).
    FunctionName,
    /// A multi-way branch (`match`, `switch`) whose arms are [`Role::Arm`]s.
    Dispatch,
    /// One arm of the [`Role::Dispatch`] around it.
    Arm,
    /// The name a method's receiver goes by (Go's `func (c *Client) Do()`): the method calls
    /// itself only through it (`c.Do(…)`), since the receiver's name is the method's own choice.
    Receiver,
    /// Code that counts nothing (C's `#if` conditions, which the preprocessor decides).
    Ignore,
}

impl Role {
    /// The role of a capture name, if it is one of [`ROLES`].
    pub fn from_name(name: &str) -> Option<Role> {
        const ALL: [Role; 18] = [
            Role::Function,
            Role::Closure,
            Role::Parameter,
            Role::Cyclomatic,
            Role::Nested,
            Role::Else,
            Role::ElseIf,
            Role::Jump,
            Role::Logical,
            Role::Operator,
            Role::Group,
            Role::Callee,
            Role::Method,
            Role::FunctionName,
            Role::Dispatch,
            Role::Arm,
            Role::Receiver,
            Role::Ignore,
        ];
        ROLES
            .iter()
            .chain(OPTIONAL_ROLES)
            .position(|r| *r == name)
            .map(|i| ALL[i])
    }

    fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// Tunables of the metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// A closure spanning at least this many lines is a function of its own.
    pub closure_lines: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules { closure_lines: 20 }
    }
}

/// The metrics of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileMetrics {
    /// Lines holding anything but whitespace and comments.
    pub code_lines: u32,
    /// Functions in order of their start (outer before inner).
    pub functions: Vec<FunctionMetrics>,
}

/// The part of a file's code of the file's own role (a production file without its
/// `#[cfg(test)]` module), as the role rules tell it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnCode {
    /// Its lines of code.
    pub code_lines: u32,
    /// For each of the file's functions, in order, whether it has the file's role.
    pub functions: Vec<bool>,
}

impl From<&crate::config::ComplexityConfig> for Rules {
    /// The rules of `[complexity]`.
    fn from(c: &crate::config::ComplexityConfig) -> Rules {
        Rules {
            closure_lines: c.closure_lines,
        }
    }
}

impl FileMetrics {
    /// Totals of the file's functions, for the report about `path`.
    pub fn totals(&self, path: &str) -> crate::model::FileComplexity {
        self.totals_of(path, None)
    }

    /// The functions of `own` (all of them with `None`).
    pub fn own_functions(&self, own: Option<&OwnCode>) -> Vec<&FunctionMetrics> {
        let kept = |k: usize| own.is_none_or(|o| o.functions.get(k).copied().unwrap_or(true));
        (self.functions.iter().enumerate())
            .filter(|&(k, _)| kept(k))
            .map(|(_, m)| m)
            .collect()
    }

    /// Totals of the file's code of its own role (`own`; all of it with `None`).
    pub fn totals_of(&self, path: &str, own: Option<&OwnCode>) -> crate::model::FileComplexity {
        let f = self.own_functions(own);
        // The first of equals, in source order.
        let max = f.iter().rev().max_by_key(|m| m.cyclomatic);
        crate::model::FileComplexity {
            path: path.to_string(),
            code_lines: own.map_or(self.code_lines, |o| o.code_lines),
            functions: f.len(),
            cyclomatic: f.iter().map(|m| m.cyclomatic).sum(),
            cognitive: f.iter().map(|m| m.cognitive).sum(),
            max_cyclomatic: max.map_or(0, |m| m.cyclomatic),
            max_cyclomatic_symbol: max.map(|m| m.symbol.clone()),
        }
    }
}

/// One captured node with all its roles.
struct Item<'t> {
    node: Node<'t>,
    roles: u32,
}

impl Item<'_> {
    fn has(&self, role: Role) -> bool {
        self.roles & role.bit() != 0
    }
}

/// An open (not yet ended) unit or nesting structure.
struct Open {
    end: usize,
    /// The nesting level inside this entry.
    level: u32,
    /// Index of the unit in effect inside this entry.
    unit: Option<usize>,
    /// This entry is the unit itself (not a structure inside it).
    is_unit: bool,
}

/// A function being measured.
struct Unit {
    metrics: FunctionMetrics,
    /// The function's own name, for recursion (`None` for closures).
    name: Option<String>,
    /// A method: it calls itself only as `self.name` or `Self::name`.
    method: bool,
    /// The name its receiver goes by, for a method that names it (Go): it calls itself only
    /// as `receiver.name`.
    receiver: Option<String>,
    /// Large closures seen directly inside, to number them.
    closures: u32,
    /// The parameter list that is the function's own, where its declarator may hold others
    /// (C's `void (*signal(int sig, void (*f)(int)))(int)`: `(int sig, …)`, not `(int)`).
    parameters: Option<usize>,
    /// Lines of the function's body, for the share a dispatch must span.
    body_lines: u32,
    /// The top-level multi-way branch spanning most of the body, while it is measured.
    dispatch: Option<Tally>,
}

/// The arms of a function's dispatch, counted as they are met in source order.
struct Tally {
    /// The branch node.
    id: usize,
    arms: u32,
    /// The largest arm's cognitive complexity, and the sum over all arms.
    max_arm: u32,
    sum: u32,
    /// The arm being read: its end byte and the function's cognitive complexity at its start.
    open: Option<(usize, u32)>,
}

impl Tally {
    /// Ends the open arm, if any, at the function's cognitive complexity `now`: the arm's
    /// own is what accrued since it opened.
    fn close(&mut self, now: u32) {
        if let Some((_, at_start)) = self.open.take() {
            let arm = now - at_start;
            self.max_arm = self.max_arm.max(arm);
            self.sum += arm;
        }
    }
}

/// The symbol a large closure is written in, as [`measure`] names closures (the enclosing
/// symbol, the language's separator, `{closure#N}`): `f::{closure#2}` → `f`,
/// `f::{closure#1}::{closure#1}` → `f::{closure#1}`, `M.run.{closure#1}` → `M.run`. `None`
/// for a symbol that names no closure, and for a closure outside every function.
pub fn closure_host(symbol: &str) -> Option<&str> {
    let at = symbol.rfind("{closure#")?;
    let host = symbol[..at].trim_end_matches([':', '.']);
    (!host.is_empty()).then_some(host)
}

/// How a language names functions: the language table's part in the metrics.
#[derive(Debug, Clone, Copy)]
pub struct Naming {
    /// Joins an enclosing symbol and a large closure's `{closure#N}`.
    pub separator: &'static str,
    /// How a method calls itself (`self.`, `Self::`, `self:`).
    pub self_call_prefixes: &'static [&'static str],
}

impl Naming {
    /// The naming rules of a language row.
    pub fn of(def: &crate::lang::LanguageDef) -> Naming {
        Naming {
            separator: def.symbol_separator,
            self_call_prefixes: def.self_call_prefixes,
        }
    }
}

/// Computes the metrics from the captured `(node, role)` pairs. `symbol_at` gives the symbol
/// path of the scopes enclosing a byte (for a function, its start byte names the function);
/// `code` tells each line whether it holds code ([`code_lines`]).
pub fn measure(
    captures: Vec<(Node, Role)>,
    symbol_at: &dyn Fn(usize) -> Option<String>,
    text: &str,
    code: &[bool],
    naming: &Naming,
    rules: &Rules,
) -> FileMetrics {
    // `@function.name` and `@receiver` nodes belong to the function beside them (the value
    // they name: JavaScript's `const f = () => …`), else to the nearest function above them.
    let function_ids: HashSet<usize> = captures
        .iter()
        .filter(|(_, r)| *r == Role::Function)
        .map(|(n, _)| n.id())
        .collect();
    let owned = |role: Role| {
        let mut by_function: HashMap<usize, String> = HashMap::new();
        for (node, _) in captures.iter().filter(|(_, r)| *r == role) {
            let mut siblings = node.parent().map(|p| {
                let mut cursor = p.walk();
                p.named_children(&mut cursor).collect::<Vec<_>>()
            });
            let beside = (siblings.iter_mut().flatten()).find(|n| function_ids.contains(&n.id()));
            let mut up = node.parent();
            let owner = beside.map(|n| n.id()).or_else(|| {
                while let Some(n) = up {
                    if function_ids.contains(&n.id()) {
                        return Some(n.id());
                    }
                    up = n.parent();
                }
                None
            });
            if let Some(owner) = owner {
                by_function
                    .entry(owner)
                    .or_insert_with(|| text[node.byte_range()].to_string());
            }
        }
        by_function
    };
    let names = owned(Role::FunctionName);
    let receivers = owned(Role::Receiver);
    let items = group(captures);
    let ids_with = |role: Role| -> HashSet<usize> {
        items
            .iter()
            .filter(|i| i.has(role))
            .map(|i| i.node.id())
            .collect()
    };
    let chain_nodes: HashSet<usize> = ids_with(Role::Logical)
        .union(&ids_with(Role::Group))
        .copied()
        .collect();
    let operators = ids_with(Role::Operator);
    let dispatches = ids_with(Role::Dispatch);
    let mut consumed: HashSet<usize> = HashSet::new();

    let mut units: Vec<Unit> = Vec::new();
    // Large closures outside any function, numbered per enclosing symbol.
    let mut loose_closures: Vec<(String, u32)> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let ignored: Vec<std::ops::Range<usize>> = (items.iter())
        .filter(|i| i.has(Role::Ignore))
        .map(|i| i.node.byte_range())
        .collect();
    for item in &items {
        let node = item.node;
        let start = node.start_byte();
        if ignored.iter().any(|r| r.contains(&start)) {
            continue;
        }
        while stack.last().is_some_and(|o| o.end <= start) {
            stack.pop();
        }
        let (level, current) = stack.last().map_or((0, None), |o| (o.level, o.unit));
        if item.has(Role::Function) {
            let declared = declared(node);
            let name = names.get(&node.id()).cloned().or_else(|| {
                let own = node.child_by_field_name("name");
                let own = own.or_else(|| declared.map(|(name, _)| last_segment(name)));
                own.map(|n| text[n.byte_range()].to_string())
            });
            let symbol = symbol_at(start)
                .or_else(|| name.clone())
                .unwrap_or_else(|| "{fn}".to_string());
            let mut unit = Unit::new(symbol, name, node);
            unit.method = item.has(Role::Method);
            unit.receiver = receivers.get(&node.id()).cloned();
            unit.parameters = declared.and_then(|(_, list)| list).map(|l| l.id());
            units.push(unit);
            stack.push(Open::unit(node.end_byte(), units.len() - 1));
            continue;
        }
        if item.has(Role::Closure) {
            let span = node.end_position().row - node.start_position().row + 1;
            // A closure outside every function (a JavaScript module's callbacks) has no
            // function to fold into: it is a unit of its own, whatever its size.
            if span as u32 >= rules.closure_lines || current.is_none() {
                let ordinal = match current {
                    Some(u) => {
                        units[u].closures += 1;
                        (units[u].metrics.symbol.clone(), units[u].closures)
                    }
                    None => {
                        let outer = symbol_at(start).unwrap_or_default();
                        let n = match loose_closures.iter_mut().find(|(s, _)| *s == outer) {
                            Some((_, n)) => {
                                *n += 1;
                                *n
                            }
                            None => {
                                loose_closures.push((outer.clone(), 1));
                                1
                            }
                        };
                        (outer, n)
                    }
                };
                let symbol = match ordinal.0.as_str() {
                    "" => format!("{{closure#{}}}", ordinal.1),
                    outer => format!("{outer}{}{{closure#{}}}", naming.separator, ordinal.1),
                };
                units.push(Unit::new(symbol, None, node));
                stack.push(Open::unit(node.end_byte(), units.len() - 1));
            } else {
                // A small closure is part of its function and nests what it contains.
                if let Some(u) = current {
                    units[u].reach(level + 1);
                }
                stack.push(Open::nest(node.end_byte(), level + 1, current));
            }
            continue;
        }
        let Some(u) = current else {
            continue;
        };
        let unit = &mut units[u];
        if let Some(t) = &mut unit.dispatch {
            if t.open.is_some_and(|(end, _)| end <= start) {
                t.close(unit.metrics.cognitive);
            }
        }
        if item.has(Role::Dispatch) && level == 0 && unit.dispatch.is_none() {
            let lines = node.end_position().row - node.start_position().row + 1;
            if lines as u32 * 100 >= unit.body_lines * DISPATCH_MIN_SHARE_PERCENT {
                unit.dispatch = Some(Tally {
                    id: node.id(),
                    arms: 0,
                    max_arm: 0,
                    sum: 0,
                    open: None,
                });
            }
        }
        if item.has(Role::Arm) {
            if let Some(t) = &mut unit.dispatch {
                // An arm of the dispatch itself, not of a branch nested in one of its arms.
                let mut up = node.parent();
                while let Some(n) = up.filter(|n| !dispatches.contains(&n.id())) {
                    up = n.parent();
                }
                if up.is_some_and(|n| n.id() == t.id) {
                    t.close(unit.metrics.cognitive);
                    t.arms += 1;
                    t.open = Some((node.end_byte(), unit.metrics.cognitive));
                }
            }
        }
        let own_list = |unit: &Unit| {
            let parent = node.parent().map(|p| p.id());
            unit.parameters.is_none_or(|list| parent == Some(list))
        };
        if item.has(Role::Parameter)
            && stack.last().is_some_and(|o| o.is_unit)
            && own_list(&units[u])
        {
            units[u].metrics.params += 1;
        }
        if item.has(Role::Cyclomatic) {
            units[u].metrics.cyclomatic += 1;
        }
        if item.has(Role::ElseIf) {
            units[u].metrics.cognitive += 1;
        } else if item.has(Role::Nested) {
            units[u].metrics.cognitive += 1 + level;
            units[u].reach(level + 1);
            stack.push(Open::nest(node.end_byte(), level + 1, current));
        }
        if item.has(Role::Else) || item.has(Role::Jump) {
            units[u].metrics.cognitive += 1;
        }
        if item.has(Role::Logical) && !consumed.contains(&node.id()) {
            units[u].metrics.cognitive +=
                sequences(node, text, &chain_nodes, &operators, &mut consumed);
        }
        if item.has(Role::Callee) {
            if let Some(name) = &units[u].name {
                let receiver = units[u].receiver.as_ref().map(|r| [format!("{r}.")]);
                let receiver: Option<Vec<&str>> = receiver
                    .as_ref()
                    .map(|r| r.iter().map(String::as_str).collect());
                let prefixes = match (units[u].method, &receiver) {
                    (true, Some(r)) => Some(r.as_slice()),
                    (true, None) => Some(naming.self_call_prefixes),
                    (false, _) => None,
                };
                if is_recursive_call(&text[node.byte_range()], name, prefixes) {
                    units[u].metrics.cognitive += 1;
                }
            }
        }
    }
    let mut functions: Vec<FunctionMetrics> = units.into_iter().map(Unit::finish).collect();
    functions.sort_by_key(|f| (f.start_line, std::cmp::Reverse(f.end_line)));
    FileMetrics {
        code_lines: code.iter().filter(|&&c| c).count() as u32,
        functions,
    }
}

impl Unit {
    fn new(symbol: String, name: Option<String>, node: Node) -> Unit {
        let start_line = node.start_position().row as u32 + 1;
        let end_line = node.end_position().row as u32 + 1;
        Unit {
            metrics: FunctionMetrics {
                symbol,
                start_line,
                end_line,
                cyclomatic: 1,
                cognitive: 0,
                lines: end_line - start_line + 1,
                nesting: 0,
                params: 0,
                dispatch: None,
            },
            name,
            method: false,
            receiver: None,
            closures: 0,
            parameters: None,
            body_lines: {
                let body = node.child_by_field_name("body").unwrap_or(node);
                (body.end_position().row - body.start_position().row + 1) as u32
            },
            dispatch: None,
        }
    }

    /// The metrics, with the dispatch's arms when it has enough of them.
    fn finish(mut self) -> FunctionMetrics {
        if let Some(mut t) = self.dispatch.take() {
            t.close(self.metrics.cognitive);
            if t.arms >= DISPATCH_MIN_ARMS {
                self.metrics.dispatch = Some(crate::model::Dispatch {
                    arms: t.arms,
                    max_arm_cognitive: t.max_arm,
                    arms_cognitive: t.sum,
                });
            }
        }
        self.metrics
    }

    fn reach(&mut self, level: u32) {
        self.metrics.nesting = self.metrics.nesting.max(level);
    }
}

impl Open {
    fn unit(end: usize, unit: usize) -> Open {
        Open {
            end,
            level: 0,
            unit: Some(unit),
            is_unit: true,
        }
    }

    fn nest(end: usize, level: u32, unit: Option<usize>) -> Open {
        Open {
            end,
            level,
            unit,
            is_unit: false,
        }
    }
}

/// Sorts the captures into source order, outer nodes first, one [`Item`] per node.
fn group(mut captures: Vec<(Node, Role)>) -> Vec<Item> {
    captures.sort_by_key(|(n, r)| (n.start_byte(), std::cmp::Reverse(n.end_byte()), n.id(), *r));
    let mut items: Vec<Item> = Vec::with_capacity(captures.len());
    for (node, role) in captures {
        match items.last_mut() {
            Some(last) if last.node.id() == node.id() => last.roles |= role.bit(),
            _ => items.push(Item {
                node,
                roles: role.bit(),
            }),
        }
    }
    items
}

/// Cognitive increments of the boolean chain rooted at `root`: one per run of like operators,
/// in source order. Chain nodes reached from the root are marked consumed, so that a nested
/// part of the chain is not counted again as a chain of its own. Operators are compared by
/// their text: some grammars give `&&` and `||` one node kind (Scala's `operator_identifier`).
fn sequences<'s>(
    root: Node,
    text: &'s str,
    chain_nodes: &HashSet<usize>,
    operators: &HashSet<usize>,
    consumed: &mut HashSet<usize>,
) -> u32 {
    let mut ops: Vec<(usize, &'s str)> = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        consumed.insert(node.id());
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if operators.contains(&child.id()) {
                // C++'s alternative tokens are the same operators (`a && b and c` is one run).
                let op = match &text[child.byte_range()] {
                    "and" => "&&",
                    "or" => "||",
                    op => op,
                };
                ops.push((child.start_byte(), op));
            } else if chain_nodes.contains(&child.id()) {
                stack.push(child);
            }
        }
    }
    ops.sort_unstable();
    let mut runs = 0;
    let mut previous = None;
    for (_, kind) in ops {
        if previous != Some(kind) {
            runs += 1;
            previous = Some(kind);
        }
    }
    runs
}

/// Node kinds that end a declarator chain: the name a C or C++ declarator declares.
const DECLARED_NAMES: &[&str] = &[
    "identifier",
    "field_identifier",
    "qualified_identifier",
    "destructor_name",
    "operator_name",
    "operator_cast",
    "template_function",
];

/// The name a C or C++ function definition declares, and its own parameter list, found by
/// following its `declarator` chain inwards (`char **f(…)`, `int (*row_at(…))[4]`,
/// `void (*signal(int, void (*)(int)))(int)`): C's declarators nest without limit, which a
/// query cannot follow. The innermost function declarator on the chain holds the function's
/// own parameters. `None` for a node without a `declarator` field (every other grammar).
pub(crate) fn declared(function: Node) -> Option<(Node, Option<Node>)> {
    let mut node = function.child_by_field_name("declarator")?;
    let mut parameters = None;
    for _ in 0..32 {
        if DECLARED_NAMES.contains(&node.kind()) {
            return Some((node, parameters));
        }
        if node.kind() == "function_declarator" {
            parameters = node.child_by_field_name("parameters");
        }
        // `(name)` and C++'s `&name` hold their inner declarator without a field.
        node = match node.child_by_field_name("declarator") {
            Some(inner) => inner,
            None => {
                let mut cursor = node.walk();
                let inner = node.named_children(&mut cursor).find(|c| {
                    DECLARED_NAMES.contains(&c.kind()) || c.kind().ends_with("declarator")
                });
                inner?
            }
        };
    }
    None
}

/// The last segment of a qualified name (`run` of `ns::Box::run`, of `Box<T>::run`).
pub(crate) fn last_segment(name: Node) -> Node {
    let mut node = name;
    while matches!(node.kind(), "qualified_identifier" | "template_function") {
        match node.child_by_field_name("name") {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// Whether a callee's text calls the function `name` itself: `name` or `name::<T>` for a free
/// function; for a method, `name` behind one of its language's self-call prefixes
/// (`Self::name`, `self.name`, `self:name`), where a bare `name` is another function.
fn is_recursive_call(callee: &str, name: &str, method_prefixes: Option<&[&str]>) -> bool {
    let callee: String = callee.chars().filter(|c| !c.is_whitespace()).collect();
    let callee = callee.split("::<").next().unwrap_or("");
    match method_prefixes {
        Some(prefixes) => prefixes
            .iter()
            .any(|p| callee.strip_prefix(p) == Some(name)),
        None => callee == name,
    }
}

/// For each line of `text`, whether it holds anything but whitespace and comments
/// (`comments`: the file's comment nodes in source order).
pub fn code_lines(text: &str, comments: &[Node]) -> Vec<bool> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut has_code = false;
    let mut next_comment = comments.iter().peekable();
    // A byte-order mark is no code (editors on Windows start files with one).
    let mut i = if text.starts_with('\u{feff}') { 3 } else { 0 };
    while i < bytes.len() {
        if let Some(c) = next_comment.next_if(|c| c.start_byte() <= i) {
            // A comment's own newlines end lines; its text is not code.
            let end = c.end_byte().max(i);
            for &b in &bytes[i..end] {
                if b == b'\n' {
                    lines.push(has_code);
                    has_code = false;
                }
            }
            i = end;
            continue;
        }
        match bytes[i] {
            b'\n' => {
                lines.push(has_code);
                has_code = false;
            }
            b' ' | b'\t' | b'\r' | b'\x0c' => {}
            _ => has_code = true,
        }
        i += 1;
    }
    if has_code {
        lines.push(true);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang;
    use crate::parse::{parse_file, TagSet};

    fn functions(src: &str) -> Vec<(String, u32, u32, u32, u32)> {
        let tags = TagSet::new(["TODO"]);
        let facts = parse_file(
            "x.rs",
            src,
            &lang::LANGUAGES[0],
            &tags,
            crate::parse::Wanted {
                markers: true,
                metrics: Some(&Rules::default()),
                imports: false,
            },
        )
        .unwrap();
        facts
            .metrics
            .unwrap()
            .functions
            .into_iter()
            .map(|f| (f.symbol, f.cyclomatic, f.cognitive, f.nesting, f.params))
            .collect()
    }

    #[test]
    fn a_closure_host_is_the_symbol_before_its_last_closure() {
        for (symbol, host) in [
            ("f::{closure#2}", Some("f")),
            ("f::{closure#1}::{closure#1}", Some("f::{closure#1}")),
            ("M.run.{closure#1}", Some("M.run")),
            ("{closure#1}", None),
            ("Engine::run", None),
        ] {
            assert_eq!(closure_host(symbol), host, "{symbol}");
        }
    }

    #[test]
    fn sonar_sum_of_primes() {
        let src = "fn sum_of_primes(max: u64) -> u64 {
            let mut total = 0;
            'outer: for i in 1..=max {
                for j in 2..i {
                    if i % j == 0 { continue 'outer; }
                }
                total += i;
            }
            total
        }";
        assert_eq!(functions(src), vec![("sum_of_primes".into(), 4, 7, 3, 1)]);
    }

    #[test]
    fn boolean_sequences() {
        // &&, then || then && again: three runs; `!` starts a chain of its own.
        let src = "fn f(a: bool, b: bool, c: bool) -> bool {
            let x = a && b && c || a || b && c;
            let y = a && !(b || c);
            let z = a && (b && c);
            x && y && z
        }";
        // cyclomatic: 1 + 5 + 2 + 2 + 2 operators; cognitive: 3 + 2 + 1 + 1 runs.
        assert_eq!(functions(src), vec![("f".into(), 12, 7, 0, 3)]);
    }

    #[test]
    fn else_if_chains_stay_flat() {
        let src = "fn f(n: i32) -> i32 {
            if n < 0 { -1 } else if n == 0 { 0 } else { if n > 9 { 2 } else { 1 } }
        }";
        // if +1, else if +1, else +1, nested if +2, its else +1.
        assert_eq!(functions(src), vec![("f".into(), 4, 6, 2, 1)]);
    }

    #[test]
    fn recursion_and_methods() {
        let src = "struct T; impl T {
            fn fact(&self, n: u64) -> u64 { if n == 0 { 1 } else { n * self.fact(n - 1) } }
            fn g(n: u64) -> u64 { Self::g(n) + g(n) }
        }
        fn g(n: u64) -> u64 { g::<u64>(n) }";
        // In `T::g`, the bare `g(n)` is the free function, not recursion.
        assert_eq!(
            functions(src),
            vec![
                ("T::fact".into(), 2, 3, 1, 2),
                ("T::g".into(), 1, 1, 0, 1),
                ("g".into(), 1, 1, 0, 1),
            ]
        );
    }

    #[test]
    fn nested_functions_and_closures() {
        let body = "        x += 1;\n".repeat(20);
        let src = format!(
            "fn outer(v: &[u32]) -> u32 {{
                fn inner(a: u32) -> u32 {{ if a > 0 {{ 1 }} else {{ 0 }} }}
                let small = |a: u32| if a > 0 {{ 1 }} else {{ 0 }};
                let large = move |a: u32, b: u32| {{
                    let mut x = a + b;
                    for _ in v {{ x += 1; }}
{body}                    x
                }};
                v.iter().map(|&a| small(a) + inner(a) + large(a, a)).sum()
            }}"
        );
        assert_eq!(
            functions(&src),
            vec![
                ("outer".into(), 2, 3, 2, 1),
                ("outer::inner".into(), 2, 2, 1, 1),
                ("outer::{closure#1}".into(), 2, 1, 1, 2),
            ]
        );
    }

    #[test]
    fn match_arms_try_and_let_else() {
        let src = "fn f(x: Option<u8>) -> Option<u8> {
            let Some(y) = x else { return None };
            let z = match y { 0 => 1, 1 if y > 0 => 2, _ => 3 };
            Some(z.checked_add(1)?)
        }";
        // cyclomatic: 1 + 3 arms + the guard's `if` + ?; cognitive: let-else +1, match +1.
        assert_eq!(functions(src), vec![("f".into(), 6, 2, 1, 1)]);
    }

    fn dispatches(src: &str) -> Vec<(String, u32, Option<crate::model::Dispatch>)> {
        let tags = TagSet::new(["TODO"]);
        let wanted = crate::parse::Wanted {
            markers: false,
            metrics: Some(&Rules::default()),
            imports: false,
        };
        let facts = parse_file("x.rs", src, &lang::LANGUAGES[0], &tags, wanted).unwrap();
        let functions = facts.metrics.unwrap().functions;
        functions
            .into_iter()
            .map(|f| (f.symbol, f.cognitive, f.dispatch))
            .collect()
    }

    /// A function whose body is `match k { … }` over `arms`, one line per arm.
    fn table(name: &str, arms: &[String]) -> String {
        let arms: String = arms.iter().map(|a| format!("        {a}\n")).collect();
        format!("fn {name}(k: u8, v: &[i32], a: bool, b: bool) -> i32 {{\n    match k {{\n{arms}    }}\n}}\n")
    }

    fn dispatch(arms: u32, max_arm_cognitive: u32, arms_cognitive: u32) -> crate::model::Dispatch {
        crate::model::Dispatch {
            arms,
            max_arm_cognitive,
            arms_cognitive,
        }
    }

    #[test]
    fn a_flat_match_of_many_arms_is_a_dispatch() {
        let arms: Vec<String> = (0..14)
            .map(|i| format!("{i} => {i},"))
            .chain(["_ => -1,".to_string()])
            .collect();
        // match +1; the arms add nothing.
        assert_eq!(
            dispatches(&table("flat", &arms)),
            vec![("flat".into(), 1, Some(dispatch(15, 0, 0)))]
        );
        // Eleven arms are an ordinary branch.
        assert_eq!(
            dispatches(&table("short", &arms[4..])),
            vec![("short".into(), 1, None)]
        );
    }

    #[test]
    fn a_dispatch_knows_its_largest_arm() {
        let mut arms: Vec<String> = (2..14).map(|i| format!("{i} => {i},")).collect();
        // Inside the match (nesting 1): for +2, if +3, while +4, if +5, match +6; the arms of the inner
        // match are the arm's own, not the dispatch's.
        arms.insert(
            0,
            "0 => { let mut n = 0; for x in v { if *x > 0 { while n < *x { \
             if a { n += match n { 1 => 1, 2 => 2, _ => 3 }; } n += 1; } } } n }"
                .to_string(),
        );
        // A guard's `&&` +1.
        arms.insert(1, "1 if a && b => 1,".to_string());
        arms.push("_ => -1,".to_string());
        // match +1; arm 0: 2 + 3 + 4 + 5 (`if a`) + 6 (the inner match); arm 1: +1.
        assert_eq!(
            dispatches(&table("deep", &arms)),
            vec![("deep".into(), 22, Some(dispatch(15, 20, 21)))]
        );
    }

    #[test]
    fn a_match_that_is_not_most_of_the_body_is_no_dispatch() {
        let arms: String = (0..15).map(|i| format!("        {i} => {i},\n")).collect();
        let before = "    let x = 1;\n".repeat(5);
        let src = format!(
            "fn f(k: u8) -> i32 {{\n{before}    match k {{\n{arms}        _ => 0,\n    }}\n}}\n"
        );
        // The match spans 18 of the body's 25 lines: 72 %.
        assert_eq!(dispatches(&src), vec![("f".into(), 1, None)]);
        // Nested in an `if`, it is not at the top level.
        let src = format!("fn g(k: u8, a: bool) -> i32 {{\n    if a {{ match k {{\n{arms}        _ => 0,\n    }} }} else {{ 0 }}\n}}\n");
        assert_eq!(dispatches(&src), vec![("g".into(), 4, None)]);
    }

    #[test]
    fn macros_are_opaque() {
        let src = "fn f(a: bool) { println!(\"{}\", if a { 1 } else { 2 }); }";
        assert_eq!(functions(src), vec![("f".into(), 1, 0, 0, 1)]);
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let depth = 300;
        let src = format!(
            "fn f(a: bool) {{ {} {} }}",
            "if a { ".repeat(depth),
            "}".repeat(depth)
        );
        let f = &functions(&src)[0];
        assert_eq!(f.1, 1 + depth as u32);
        assert_eq!(f.3, depth as u32);
        // 1 + 2 + … + depth
        assert_eq!(f.2, (depth * (depth + 1) / 2) as u32);
    }

    #[test]
    fn syntax_errors_keep_the_functions_that_parse() {
        let f = functions("fn ok(a: bool) -> u8 { if a { 1 } else { 0 } }\nfn broken( {\n");
        assert_eq!(f[0], ("ok".into(), 2, 2, 1, 1));
    }

    #[test]
    fn code_lines_leave_out_comments_and_blanks() {
        let tags = TagSet::new(["TODO"]);
        let src =
            "// a\n\nfn f() {\n    /* b\n     c */\n    let x = 1; // d\n}\n/* e */ fn g() {}\n";
        let facts = parse_file(
            "x.rs",
            src,
            &lang::LANGUAGES[0],
            &tags,
            crate::parse::Wanted {
                markers: true,
                metrics: Some(&Rules::default()),
                imports: false,
            },
        )
        .unwrap();
        assert_eq!(facts.metrics.unwrap().code_lines, 4);
    }

    #[test]
    fn a_byte_order_mark_is_no_code() {
        let lines = |text: &str| code_lines(text, &[]).iter().filter(|c| **c).count();
        assert_eq!(lines("\u{feff}\nfn f() {}\n"), 1);
        assert_eq!(lines("\u{feff}fn f() {}\n"), 1);
    }
}
