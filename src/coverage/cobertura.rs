//! Cobertura XML (`coverage-04.dtd`), as tarpaulin, coverage.py, gcovr and most CI services
//! write it: `<coverage>` holds `<sources><source>` (the directories `filename`s are relative
//! to) and `<packages><package><classes><class filename>`, each class with `<lines><line
//! number hits>`. XML is parsed by roxmltree (a small, well-tested, read-only DOM parser that
//! reports positions), never by hand; the DTD a report declares is allowed but not fetched.

use roxmltree::{Document, Node, ParsingOptions};

use super::{FileRecord, ParseError};

/// The `<source>` directories and one record per `<class>`.
pub(super) fn parse(text: &str) -> Result<(Vec<String>, Vec<FileRecord>), ParseError> {
    let options = ParsingOptions {
        // Cobertura reports start with `<!DOCTYPE coverage SYSTEM "…coverage-04.dtd">`.
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| ParseError {
        line: Some(e.pos().row as usize),
        message: format!(
            "not well-formed XML ({e}); is the report complete? Write it again with your \
             coverage tool"
        ),
    })?;
    let root = doc.root_element();
    let line_of = |node: Node| doc.text_pos_at(node.range().start).row as usize;
    if root.tag_name().name() != "coverage" {
        return Err(ParseError::at(
            line_of(root),
            format!(
                "XML whose root element is <{}>, not Cobertura's <coverage> (JaCoCo, Clover \
                 and other XML formats are not read); write a Cobertura or LCOV report",
                root.tag_name().name()
            ),
        ));
    }
    if !root.children().any(|c| c.has_tag_name("packages")) {
        return Err(ParseError::at(
            line_of(root),
            "a <coverage> element without <packages>: not a Cobertura report (Clover's \
             <coverage> holds <project>); write a Cobertura or LCOV report",
        ));
    }
    let sources = root
        .children()
        .filter(|c| c.has_tag_name("sources"))
        .flat_map(|s| s.children().filter(|c| c.has_tag_name("source")))
        .filter_map(|s| s.text().map(str::trim).filter(|t| !t.is_empty()))
        .map(str::to_string)
        .collect();
    let mut records = Vec::new();
    for class in root.descendants().filter(|n| n.has_tag_name("class")) {
        let path = class
            .attribute("filename")
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .ok_or_else(|| {
                ParseError::at(line_of(class), "a <class> without a `filename` attribute")
            })?;
        // The class's own <lines>; a writer that lists lines only under its methods is read
        // there (both lists hold the same lines, so reading both would count them twice).
        let own: Vec<Node> = class
            .children()
            .filter(|c| c.has_tag_name("lines"))
            .flat_map(|l| l.children().filter(|c| c.has_tag_name("line")))
            .collect();
        let lines = if own.is_empty() {
            class
                .descendants()
                .filter(|n| n.has_tag_name("line"))
                .collect()
        } else {
            own
        };
        let mut record = FileRecord {
            path: path.to_string(),
            ..FileRecord::default()
        };
        for line in lines {
            let number = attribute(line, "number", &line_of)?
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 1);
            let hits = attribute(line, "hits", &line_of)?.parse::<u64>().ok();
            let (Some(number), Some(hits)) = (number, hits) else {
                return Err(ParseError::at(
                    line_of(line),
                    format!(
                        "<line number=\"{}\" hits=\"{}\">: expected a line number from 1 and a \
                         whole hit count",
                        line.attribute("number").unwrap_or_default(),
                        line.attribute("hits").unwrap_or_default()
                    ),
                ));
            };
            let h = record.lines.entry(number).or_insert(0);
            // The same line twice in one class (a method's and the class's list) is one line.
            *h = (*h).max(hits);
        }
        records.push(record);
    }
    Ok((sources, records))
}

/// A required attribute of a `<line>`, or an error at its line.
fn attribute<'a>(
    node: Node<'a, '_>,
    name: &str,
    line_of: &dyn Fn(Node) -> usize,
) -> Result<&'a str, ParseError> {
    node.attribute(name).map(str::trim).ok_or_else(|| {
        ParseError::at(
            line_of(node),
            format!("a <line> without a `{name}` attribute"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What tarpaulin writes (shortened), with the DTD line coverage.py and gcovr add.
    const TARPAULIN: &str = r#"<?xml version="1.0"?>
<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">
<coverage lines-covered="3" lines-valid="5" line-rate="0.6" branches-covered="0" branches-valid="0" branch-rate="0" complexity="0" version="1.9" timestamp="1700000000">
  <sources>
    <source>/home/ci/repo</source>
    <source>  </source>
  </sources>
  <packages>
    <package name="src" line-rate="0.6" branch-rate="0" complexity="0">
      <classes>
        <class name="lib" filename="src/lib.rs" line-rate="0.6" branch-rate="0" complexity="0">
          <methods>
            <method name="add" signature="" line-rate="1" branch-rate="0">
              <lines><line number="3" hits="2"/></lines>
            </method>
          </methods>
          <lines>
            <line number="3" hits="2"/>
            <line number="4" hits="2" branch="false"/>
            <line number="9" hits="0"/>
          </lines>
        </class>
        <class name="only_methods" filename="src/m.rs">
          <methods><method name="f"><lines><line number="1" hits="1"/><line number="2" hits="0"/></lines></method></methods>
        </class>
      </classes>
    </package>
  </packages>
</coverage>
"#;

    /// The sources, and `(path, [(line, hits)])` of each record.
    type Parsed = (Vec<String>, Vec<(String, Vec<(u32, u64)>)>);

    fn records(text: &str) -> Result<Parsed, ParseError> {
        parse(text).map(|(s, rs)| {
            (
                s,
                rs.into_iter()
                    .map(|r| (r.path, r.lines.into_iter().collect()))
                    .collect(),
            )
        })
    }

    #[test]
    fn reads_sources_and_class_lines() {
        let (sources, got) = records(TARPAULIN).unwrap();
        assert_eq!(sources, ["/home/ci/repo"]);
        assert_eq!(
            got,
            [
                ("src/lib.rs".to_string(), vec![(3, 2), (4, 2), (9, 0)]),
                ("src/m.rs".to_string(), vec![(1, 1), (2, 0)]),
            ]
        );
        // No sources, no classes: an empty report, not an error.
        let (sources, got) = records("<coverage><packages/></coverage>").unwrap();
        assert!(sources.is_empty() && got.is_empty());
    }

    #[test]
    fn malformed_reports_name_the_line() {
        let line = |attrs: &str| {
            format!(
                "<coverage>\n<packages><package><classes>\n<class filename=\"a.py\"><lines>\n\
                 <line {attrs}/>\n</lines></class></classes></package></packages></coverage>"
            )
        };
        // (text, line of the error, words the message must hold)
        let cases: Vec<(String, usize, &str)> = vec![
            // roxmltree places an unclosed root at its start.
            ("<coverage>\n<packages>\n".into(), 1, "never closed"),
            ("<coverage>\n<packages>\n</coverage>".into(), 3, "not well-formed XML"),
            ("<coverage><packages></coverage>".into(), 1, "not well-formed XML"),
            ("<report name=\"jacoco\"/>".into(), 1, "root element is <report>"),
            (
                "<?xml version=\"1.0\"?>\n<coverage clover=\"4\"><project/></coverage>".into(),
                2,
                "without <packages>",
            ),
            (
                "<coverage>\n<packages><package><classes>\n<class name=\"x\"/></classes></package></packages></coverage>".into(),
                3,
                "without a `filename`",
            ),
            (line("number=\"1\""), 4, "without a `hits` attribute"),
            (line("hits=\"1\""), 4, "without a `number` attribute"),
            (line("number=\"one\" hits=\"1\""), 4, "line number from 1"),
            (line("number=\"0\" hits=\"1\""), 4, "line number from 1"),
            (line("number=\"2\" hits=\"-1\""), 4, "whole hit count"),
        ];
        for (text, at, words) in cases {
            match records(&text) {
                Err(e) => {
                    assert_eq!(e.line, Some(at), "{text}: {}", e.message);
                    assert!(e.message.contains(words), "{text}: {}", e.message);
                }
                Ok(r) => panic!("{text} parsed: {r:?}"),
            }
        }
    }
}
