//! The order a traced history is read in: every commit before its parents (tracing lines needs
//! a child's diff before its parent's), and among the commits whose children are all out, the
//! newest by commit time first, ties in the order they became ready — git's `--date-order`.
//!
//! Not libgit2's topological walk: that parses every commit of the history from git before it
//! yields the first, on every run. Here the graph comes from the commit records an earlier run
//! kept (parents and commit time) wherever they are known, so a nightly run reads from git only
//! the commits that are new since; a cold run reads each commit once, as libgit2 would. Both
//! runs order the same graph the same way, so the cache changes nothing in the output.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

use git2::{Oid, Repository};

use super::{record, Known};

/// The commits reachable from `head` (following only first parents with `first_parent`),
/// children before parents, newest first among those ready; with each one's commit time.
/// Parents come from `known` records, else from git, which hides the parents of a shallow
/// clone's `boundaries` (a record of one, read in a deeper clone, is not used).
pub(super) fn date_order(
    repo: &Repository,
    head: Oid,
    first_parent: bool,
    known: &dyn Known,
    boundaries: &HashSet<Oid>,
) -> Result<Vec<(Oid, i64)>, git2::Error> {
    let odb = repo.odb()?;
    // Grafts replace parents, which only libgit2's reading of a commit applies.
    let careful = repo.path().join("info/grafts").exists();
    let mut graph = Graph::default();
    let root = graph.node(head);
    let mut stack = vec![root];
    let mut parents = Vec::new();
    while let Some(node) = stack.pop() {
        let oid = graph.oids[node as usize];
        parents.clear();
        let boundary = boundaries.contains(&oid);
        let time = match known.record(oid).filter(|_| !boundary) {
            Some(record) => {
                parents.extend(record.parents.iter().map(record::oid));
                record.time
            }
            None => read(&odb, oid, careful || boundary, &mut parents)
                .map_or_else(|| from_git(repo, oid, &mut parents), Ok)?,
        };
        if first_parent {
            parents.truncate(1);
        }
        graph.times[node as usize] = time;
        let start = graph.edges.len() as u32;
        for &parent in &parents {
            let (index, new) = graph.node_new(parent);
            graph.edges.push(index);
            if new {
                stack.push(index);
            }
        }
        graph.spans[node as usize] = (start, graph.edges.len() as u32);
    }
    Ok(graph.sorted(root))
}

/// The parents and commit time of commit `oid` read straight from the object database, which
/// is as fast as libgit2's own walk; `None` when it must be read `carefully` (a shallow
/// boundary, grafts) or the object does not read as a commit.
fn read(odb: &git2::Odb, oid: Oid, careful: bool, parents: &mut Vec<Oid>) -> Option<i64> {
    if careful {
        return None;
    }
    let raw = odb.read(oid).ok()?;
    let time = header(raw.data(), parents);
    if time.is_none() {
        parents.clear();
    }
    time
}

/// The parents and commit time of commit `oid` as libgit2 reads it, grafts and a shallow
/// clone's hidden parents applied.
fn from_git(repo: &Repository, oid: Oid, parents: &mut Vec<Oid>) -> Result<i64, git2::Error> {
    let commit = repo.find_commit(oid)?;
    parents.extend(commit.parent_ids());
    Ok(commit.time().seconds())
}

/// The parents and commit time of a raw commit object (`tree`, `parent` lines, `author`,
/// `committer NAME <EMAIL> TIME ZONE`), read the way git reads them; `None` if malformed.
fn header(data: &[u8], parents: &mut Vec<Oid>) -> Option<i64> {
    for line in data.split(|&b| b == b'\n') {
        if let Some(hex) = line.strip_prefix(b"parent ") {
            parents.push(Oid::from_str(std::str::from_utf8(hex).ok()?).ok()?);
        } else if let Some(who) = line.strip_prefix(b"committer ") {
            let after = &who[who.iter().rposition(|&b| b == b'>')? + 1..];
            let time = std::str::from_utf8(after).ok()?.split_whitespace().next()?;
            return time.parse().ok();
        } else if line.is_empty() {
            break;
        }
    }
    None
}

/// The commits seen so far, by index: ids, commit times and parents (a span of `edges`).
#[derive(Default)]
struct Graph {
    index: std::collections::HashMap<Oid, u32, super::FastHash>,
    oids: Vec<Oid>,
    times: Vec<i64>,
    spans: Vec<(u32, u32)>,
    edges: Vec<u32>,
}

impl Graph {
    fn node(&mut self, oid: Oid) -> u32 {
        self.node_new(oid).0
    }

    /// The index of `oid`, and whether it was seen for the first time.
    fn node_new(&mut self, oid: Oid) -> (u32, bool) {
        if let Some(&index) = self.index.get(&oid) {
            return (index, false);
        }
        let index = self.oids.len() as u32;
        self.index.insert(oid, index);
        self.oids.push(oid);
        self.times.push(0);
        self.spans.push((0, 0));
        (index, true)
    }

    fn parents(&self, node: u32) -> &[u32] {
        let (start, end) = self.spans[node as usize];
        &self.edges[start as usize..end as usize]
    }

    /// Kahn's algorithm from `root`: a commit is ready once all its children are out.
    fn sorted(self, root: u32) -> Vec<(Oid, i64)> {
        let n = self.oids.len();
        let mut children = vec![0u32; n];
        for &parent in &self.edges {
            children[parent as usize] += 1;
        }
        let mut ready = BinaryHeap::new();
        let mut seq = 0u64;
        ready.push((self.times[root as usize], Reverse(seq), root));
        let mut out = Vec::with_capacity(n);
        while let Some((time, _, node)) = ready.pop() {
            out.push((self.oids[node as usize], time));
            for &parent in self.parents(node) {
                let left = &mut children[parent as usize];
                *left -= 1;
                if *left == 0 {
                    seq += 1;
                    ready.push((self.times[parent as usize], Reverse(seq), parent));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::NothingKnown;

    /// A repository whose commits are made by `script`: each line `name time parent...`.
    fn repo_of(script: &[&str]) -> (tempfile::TempDir, Repository, Vec<(String, Oid)>) {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let mut made: Vec<(String, Oid)> = Vec::new();
        {
            let tree_id = repo.treebuilder(None).unwrap().write().unwrap();
            let tree = repo.find_tree(tree_id).unwrap();
            for line in script {
                let mut words = line.split_whitespace();
                let name = words.next().unwrap().to_string();
                let time: i64 = words.next().unwrap().parse().unwrap();
                let parents: Vec<git2::Commit> = words
                    .map(|p| {
                        let oid = made.iter().find(|(n, _)| n == p).unwrap().1;
                        repo.find_commit(oid).unwrap()
                    })
                    .collect();
                let sig =
                    git2::Signature::new("A", "a@example.com", &git2::Time::new(time, 0)).unwrap();
                let refs: Vec<&git2::Commit> = parents.iter().collect();
                let oid = repo.commit(None, &sig, &sig, &name, &tree, &refs).unwrap();
                made.push((name, oid));
            }
        }
        (dir, repo, made)
    }

    fn names(order: &[(Oid, i64)], made: &[(String, Oid)]) -> Vec<String> {
        order
            .iter()
            .map(|(oid, _)| made.iter().find(|(_, o)| o == oid).unwrap().0.clone())
            .collect()
    }

    #[test]
    fn children_come_before_parents_and_the_newest_ready_commit_first() {
        // Branch b forks from a1; the merge m joins them. b2 is newer than a2 but an older
        // commit (b1, skewed clock) must still wait for its child b2.
        let (_dir, repo, made) = repo_of(&[
            "root 100",
            "a1 200 root",
            "b1 900 a1",
            "a2 300 a1",
            "b2 250 b1",
            "m 1000 a2 b2",
        ]);
        let head = made.last().unwrap().1;
        let none = HashSet::new();
        let order = date_order(&repo, head, false, &NothingKnown, &none).unwrap();
        assert_eq!(names(&order, &made), ["m", "a2", "b2", "b1", "a1", "root"]);
        let first = date_order(&repo, head, true, &NothingKnown, &none).unwrap();
        assert_eq!(names(&first, &made), ["m", "a2", "a1", "root"]);
    }

    #[test]
    fn equal_times_keep_the_order_they_became_ready() {
        // A rebased series shares one commit time: parents still follow their children.
        let (_dir, repo, made) = repo_of(&["r 5", "x 5 r", "y 5 x", "z 5 y", "w 5 r", "m 5 z w"]);
        let head = made.last().unwrap().1;
        let order = date_order(&repo, head, false, &NothingKnown, &HashSet::new()).unwrap();
        assert_eq!(names(&order, &made), ["m", "z", "w", "y", "x", "r"]);
    }

    #[test]
    fn a_raw_header_gives_parents_and_commit_time_whatever_follows() {
        let a = "a".repeat(40);
        let b = "b".repeat(40);
        let raw = format!(
            "tree {a}\nparent {a}\nparent {b}\nauthor X <x@y> 1 +0000\n\
             committer Y Z <y@z> 1700000000 -0130\ngpgsig -----BEGIN\n \n -----END\n\nmsg\n"
        );
        let mut parents = Vec::new();
        assert_eq!(header(raw.as_bytes(), &mut parents), Some(1_700_000_000));
        assert_eq!(
            parents,
            [Oid::from_str(&a).unwrap(), Oid::from_str(&b).unwrap()]
        );
        let mut none = Vec::new();
        assert_eq!(
            header(b"tree x\n\ncommitter A <a> 5 +0000\n", &mut none),
            None
        );
        assert_eq!(
            header(b"tree x\ncommitter A <a> soon +0000\n", &mut none),
            None
        );
    }
}
