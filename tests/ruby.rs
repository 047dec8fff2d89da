//! Ruby through the real binary on a scripted gem: markers only in comments (not in strings,
//! heredocs or `%q()`; also in `=begin` blocks and interpolations), unfinished code (`raise
//! NotImplementedError` outside an abstract method), complexity with recursion, RSpec files
//! as test code, `require_relative`, `require` through `lib/` and constants resolved to files,
//! and bad input (a syntax error, a generated schema, a broken gemspec) read as far as it goes.
#![cfg(feature = "lang-ruby")]

mod common;

use common::{graph_edges, items_of, json, places, todo_places, unfinished, Repo};

const CLIENT: &str = r##"# frozen_string_literal: true

require "json"
require_relative "errors"

module Net
  # TODO: read the timeout from the configuration
  class Client < Base
    BANNER = "# FIXME: a string, not a comment"
    HELP = <<~TEXT
      # HACK: a heredoc line, not a comment
    TEXT

    def fetch(path, retries = 3, *rest, timeout: 5, **opts, &block)
      label = "#{path # XXX: a comment in an interpolation
      }"
      if retries > 0 && path || rest.empty?
        return fetch(path, retries - 1)
      elsif retries.zero?
        raise Error, "gave up"
      end
      Util.log(label)
    end

    def stream
      prepare
      raise NotImplementedError, "streaming is not implemented yet"
    end
  end
end
=begin
BUG: an embedded document is a comment too
=end
"##;

#[test]
fn ruby_files_are_read_to_the_same_depth_as_rust() {
    let mut repo = Repo::git();
    repo.write(
        "net.gemspec",
        "Gem::Specification.new do |s|\n  s.name = \n",
    );
    repo.write("lib/net/client.rb", CLIENT);
    repo.write(
        "lib/net/base.rb",
        "module Net\n  class Base\n    def fetch(path)\n      raise NotImplementedError\n    end\n  end\nend\n",
    );
    repo.write(
        "lib/net/errors.rb",
        "module Net\n  class Error < StandardError; end\n  class Timeout < Error; end\nend\n",
    );
    repo.write(
        "lib/util.rb",
        "module Util\n  def self.log(x)\n    # HACK: prints\n    puts x\n  end\nend\n",
    );
    repo.write(
        "lib/net.rb",
        "require \"net/client\"\nrequire \"active_support/all\"\n\nmodule Net\nend\n",
    );
    repo.write(
        "db/schema.rb",
        "# This file is auto-generated from the current state of the database.\n# TODO: generated\nActiveRecord::Schema.define(version: 1) do\nend\n",
    );
    repo.write(
        "lib/net/broken.rb",
        "module Net\n  def broken(\n  # XXX: after the error\nend\n",
    );
    repo.write(
        "spec/net/client_spec.rb",
        "require \"net\"\n\nRSpec.describe Net::Client do\n  # TODO: cover the retry path\n  it \"fetches\" do\n    expect(Net::Client.new.fetch(\"/\")).to be\n  end\nend\n",
    );
    repo.commit("start");

    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let expected = places(&[
        ("lib/net/broken.rb", 3, "XXX", "production"),
        ("lib/net/client.rb", 7, "TODO", "production"),
        ("lib/net/client.rb", 15, "XXX", "production"),
        ("lib/net/client.rb", 32, "BUG", "production"),
        ("lib/util.rb", 3, "HACK", "production"),
        ("spec/net/client_spec.rb", 4, "TODO", "test"),
    ]);
    assert_eq!(todo_places(&backlog), expected, "{backlog:#}");
    let symbol = |line: u64| {
        items_of(&backlog, "todo")
            .into_iter()
            .find(|i| {
                i["location"]["path"] == "lib/net/client.rb" && i["location"]["start_line"] == line
            })
            .map(|i| i["location"]["symbol"].clone())
            .unwrap()
    };
    assert_eq!(symbol(7), "Net::Client");
    assert_eq!(symbol(15), "Net::Client::fetch");
    assert!(
        backlog.to_string().contains("db/schema.rb"),
        "the generated schema is listed as skipped: {backlog:#}"
    );

    let unfinished = unfinished(&backlog);
    // `Base#fetch`, whose body is only the raise, is an abstract method: the design.
    assert_eq!(
        unfinished,
        [(
            "Net::Client::stream",
            "NotImplementedError",
            "streaming is not implemented yet"
        )],
        "{backlog:#}"
    );

    let functions = json(&["functions", ".", "--format", "json", "-q"], repo.path());
    let rows = functions["functions"].as_array().unwrap();
    let fetch = rows
        .iter()
        .find(|f| f["symbol"] == "Net::Client::fetch")
        .unwrap();
    // 1 + if + && + || + elsif = 5. Cognitive: if 1 + the &&/|| chain 2 + the bare recursive
    // fetch 1 + elsif 1 = 5 (`Util.log` is another module's).
    assert_eq!(fetch["cyclomatic"], 5, "{fetch:#}");
    assert_eq!(fetch["cognitive"], 5, "{fetch:#}");
    assert_eq!(fetch["params"], 6, "{fetch:#}");

    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(
        graph_edges(&graph),
        [
            ("lib/net.rb", "lib/net/client.rb"),
            // The broken file's `module Net` is lost in its syntax error: `Net` is a use.
            ("lib/net/broken.rb", "lib/net.rb"),
            // `< Base` inside `module Net`; `raise Error` through require_relative and the
            // constant; `Util.log` from the top level.
            ("lib/net/client.rb", "lib/net/base.rb"),
            ("lib/net/client.rb", "lib/net/errors.rb"),
            ("lib/net/client.rb", "lib/util.rb"),
            ("spec/net/client_spec.rb", "lib/net.rb"),
            ("spec/net/client_spec.rb", "lib/net/client.rb"),
        ],
        "{graph:#}"
    );
    let unresolved = graph["unresolved"].to_string();
    assert!(unresolved.contains("\"json\""), "{unresolved}");
    assert!(unresolved.contains("\"active_support\""), "{unresolved}");
}
