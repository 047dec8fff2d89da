//! Marker severity follows what the comment admits (README, "Markers"), in a scripted
//! repository scanned by the real binary.

mod common;

use common::{items_of, json, Repo};

const PAINT: &str = "\
pub fn paint(minus: u8, plus: u8) -> (u8, u8) {
    // FIXME: the emphasis styles are swapped for inverted themes
    let styles = (
        minus, // FIXME
        0,
        plus, // FIXME
    );
    (styles.0, styles.2)
}
";

#[test]
fn adjacent_bare_fixmes_are_one_item_below_a_worded_fixme() {
    let mut repo = Repo::git();
    repo.write("src/paint.rs", PAINT);
    repo.commit("paint");
    let backlog = json(&["todos", "--format", "json"], repo.path());
    let items = items_of(&backlog, "todo");
    assert_eq!(items.len(), 2, "{items:#?}");
    let worded = items
        .iter()
        .find(|i| i["location"]["start_line"] == 2)
        .expect("the worded FIXME");
    let bare = items
        .iter()
        .find(|i| i["location"]["start_line"] == 4)
        .expect("the bare FIXMEs");
    assert_eq!(bare["summary"], "2 FIXME markers at lines 4–6");
    assert_eq!(bare["related"][0]["start_line"], 6);
    assert_eq!(bare["location"]["symbol"], "paint");
    assert_eq!(worded["signals"]["severity"], 0.9);
    assert_eq!(bare["signals"]["severity"], 0.45);
    assert!(
        bare["score"].as_f64() < worded["score"].as_f64(),
        "{bare:#?}\n{worded:#?}"
    );
    assert!(bare["explanation"][1]
        .as_str()
        .unwrap()
        .starts_with("bare FIXME with no text"));
}
