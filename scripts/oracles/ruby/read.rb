# The Ruby side of scripts/compare-ruby.py: reads each file named on standard input (one path a
# line, relative to the directory given as the first argument) with Ruby's own Ripper and
# prints one JSON object a line:
#   path      the file
#   comments  [line, kind, text] of every comment token: "line" (`# …`, its newline dropped),
#             "embdoc" (each line of `=begin … =end`, the `=begin`/`=end` lines included)
#   code      the lines holding a token other than a comment, whitespace or `__END__`
#   blank_in_literal  the lines inside a string, heredoc or other literal whose text there
#             is whitespace only (no other token on them)
#   end_marker  the line of `__END__` (Ruby reads nothing after it), or null
#   keywords  [line, text] of the tokens cyclomatic complexity looks at (not a method's name
#             after `def` or `.`, not a symbol `:if`): the keywords `if
#             unless elsif while until for in rescue ensure when case and or def` and the
#             operators `&& || ? ||= &&=`; an `in` is marked `in-clause` when it starts a
#             statement (a `case … in` clause), `def` is marked `def-endless` for `def f(a) = …`
#   loads     [line, verb, kind, path] of `require`, `require_relative`, `load`, `autoload`,
#             `require_dependency` calls (kind "relative": PATH is repository-relative already;
#             "loadpath": PATH as written; "dynamic": an argument this reader cannot evaluate)
#   defines   [line, name] of every `class`/`module` the file opens (its name as written)
#   quote_chars  the lines of a `?"`, `?'` or `?`` character literal, or of a quote in a
#             regular expression's text
#   error     Ripper's parse error, when there is one (the lexer's tokens are still used)
require "ripper"
require "json"

root = ARGV[0]

KEYWORDS = %w[if unless elsif while until for in rescue ensure when case and or def].freeze
OPERATORS = %w[&& || ? ||= &&=].freeze
LOAD_VERBS = %w[require require_relative load autoload require_dependency].freeze
SKIP = %i[on_sp on_ignored_sp on_nl on_ignored_nl on_comment on_embdoc_beg on_embdoc
          on_embdoc_end on___end__ on_words_sep].freeze
LITERAL = %i[on_tstring_content].freeze

def normalize(path)
  parts = []
  path.split("/").each do |p|
    next if p.empty? || p == "."
    if p == ".."
      return nil if parts.empty?
      parts.pop
    else
      parts << p
    end
  end
  parts.join("/")
end

# The value of a path expression: [:rel, "repo/relative"] for one anchored on __FILE__ or
# __dir__, [:str, "text"] for a plain literal, nil otherwise.
def value(node, file)
  return nil unless node.is_a?(Array)
  case node[0]
  when :string_literal
    content = node[1]
    parts = content[1..] || []
    return nil unless parts.all? { |p| p.is_a?(Array) && p[0] == :@tstring_content }
    [:str, parts.map { |p| p[1] }.join]
  when :var_ref
    return [:rel, file] if node[1][0] == :@kw && node[1][1] == "__FILE__"
    nil
  when :vcall
    return [:rel, File.dirname(file)] if node[1][1] == "__dir__"
    nil
  when :method_add_arg
    call, args = node[1], node[2]
    return nil unless call[0] == :call && call[1].is_a?(Array) && call[1][0] == :var_ref &&
                      call[1][1][1] == "File"
    meth = call[3][1]
    list = args && args[1] && args[1][0] == :args_add_block ? args[1][1] : (args && args[1])
    return nil unless list.is_a?(Array)
    vals = list.map { |a| value(a, file) }
    return nil if vals.any?(&:nil?)
    case meth
    when "dirname"
      return nil unless vals.size == 1 && vals[0][0] == :rel
      [:rel, File.dirname(vals[0][1])]
    when "expand_path"
      return nil unless vals.size == 2 && vals[1][0] == :rel && vals[0][0] == :str
      [:rel, "#{vals[1][1]}/#{vals[0][1]}"]
    when "join"
      return nil unless vals[0][0] == :rel && vals[1..].all? { |v| v[0] == :str }
      [:rel, ([vals[0][1]] + vals[1..].map { |v| v[1] }).join("/")]
    end
  when :paren
    node[1].is_a?(Array) && node[1].size == 1 ? value(node[1][0], file) : nil
  end
end

def args_of(node)
  a = node
  a = a[1] if a.is_a?(Array) && a[0] == :arg_paren
  a = a[1] if a.is_a?(Array) && a[0] == :args_add_block
  a.is_a?(Array) ? a : []
end

def walk(node, file, loads, defines)
  return unless node.is_a?(Array)
  if node[0] == :command || node[0] == :method_add_arg
    ident = node[0] == :command ? node[1] : (node[1][0] == :fcall ? node[1][1] : nil)
    if ident.is_a?(Array) && ident[0] == :@ident && LOAD_VERBS.include?(ident[1])
      verb, line = ident[1], ident[2][0]
      args = args_of(node[2])
      arg = verb == "autoload" ? args[1] : args[0]
      v = (verb == "autoload" ? args.size == 2 : args.size == 1) ? value(arg, file) : nil
      if v.nil?
        loads << [line, verb, "dynamic", nil]
      elsif v[0] == :rel
        loads << [line, verb, "relative", normalize(v[1])]
      elsif verb == "require_relative"
        loads << [line, verb, "relative", normalize("#{File.dirname(file)}/#{v[1]}")]
      else
        loads << [line, verb, "loadpath", v[1]]
      end
    end
  end
  if (node[0] == :class || node[0] == :module) && node[1].is_a?(Array)
    name = const_name(node[1])
    defines << [line_of(node[1]), name] if name
  end
  node.each { |child| walk(child, file, loads, defines) if child.is_a?(Array) }
end

def const_name(n)
  case n[0]
  when :const_ref then n[1][1]
  when :const_path_ref then (l = const_name(n[1])) && "#{l}::#{n[2][1]}"
  when :top_const_ref then "::#{n[1][1]}"
  when :var_ref then n[1][1]
  end
end

def line_of(n)
  return n[0] if n.is_a?(Array) && n.size == 2 && n.all? { |x| x.is_a?(Integer) }
  return nil unless n.is_a?(Array)
  n.each { |c| (l = line_of(c)) && (return l) }
  nil
end

# Whether the `def` at TOKS[K] is `def [recv.]name[(params)] = expr`.
def endless?(toks, k)
  sig = ->(j) { j += 1 while j < toks.size && %i[on_sp on_ignored_sp].include?(toks[j][1]); j }
  j = sig.(k + 1)
  j = sig.(j + 1) # the name (or the receiver)
  j = sig.(sig.(j + 1) + 1) if j < toks.size && toks[j][1] == :on_period
  if j < toks.size && toks[j][1] == :on_lparen
    depth = 0
    while j < toks.size
      depth += 1 if toks[j][1] == :on_lparen
      depth -= 1 if toks[j][1] == :on_rparen
      break if depth.zero?
      j += 1
    end
    j = sig.(j + 1)
  end
  j < toks.size && toks[j][1] == :on_op && toks[j][2] == "="
end

$stdin.each_line do |rel|
  rel = rel.chomp
  next if rel.empty?
  text = File.binread(File.join(root, rel)).force_encoding("UTF-8")
  text = text.scrub("?") unless text.valid_encoding?
  out = { path: rel, comments: [], code: [], blank_in_literal: [], end_marker: nil,
          keywords: [], loads: [], defines: [], quote_chars: [], error: nil }
  code = {}
  blank = {}
  prev = nil # the previous significant token
  in_regexp = false
  toks = Ripper.lex(text)
  toks.each_with_index do |((line, _col), kind, tok, _state), k|
    case kind
    when :on_comment
      out[:comments] << [line, "line", tok.chomp]
    when :on_embdoc_beg, :on_embdoc, :on_embdoc_end
      out[:comments] << [line, "embdoc", tok.chomp]
    when :on___end__
      out[:end_marker] = line
    when :on_CHAR
      out[:quote_chars] << line if ["?\"", "?'", "?`"].include?(tok)
    when :on_regexp_beg
      in_regexp = true
    when :on_regexp_end
      in_regexp = false
    when :on_tstring_content
      out[:quote_chars] << line if in_regexp && tok.match?(/["'`]/)
    end
    unless SKIP.include?(kind)
      tok.split("\n", -1).each_with_index do |part, i|
        if part.strip.empty?
          blank[line + i] = true if LITERAL.include?(kind) && i < tok.count("\n")
        else
          code[line + i] = true
        end
      end
      # a heredoc's body is on the lines after its start; its end token is code
    end
    # A keyword after `def` or `.` is a method's name (`def for`, `x.if`), no keyword.
    named = prev && ((prev[1] == :on_kw && prev[2] == "def") ||
                     %i[on_period on_symbeg].include?(prev[1]))
    if kind == :on_kw && KEYWORDS.include?(tok) && !named
      name = tok
      if tok == "in" && (prev.nil? || %i[on_nl on_ignored_nl on_semicolon].include?(prev[1]) ||
                         (prev[1] == :on_kw && prev[2] == "then"))
        name = "in-clause"
      end
      name = "def-endless" if tok == "def" && endless?(toks, k)
      out[:keywords] << [line, name]
    elsif kind == :on_op && OPERATORS.include?(tok)
      out[:keywords] << [line, tok]
    end
    prev = [line, kind, tok] unless %i[on_sp on_ignored_sp on_comment].include?(kind)
  end
  out[:code] = code.keys.sort
  out[:blank_in_literal] = (blank.keys - code.keys).sort
  begin
    parser = Ripper::SexpBuilderPP.new(text, rel)
    tree = parser.parse
    out[:error] = "syntax error" if parser.error?
    walk(tree, rel, out[:loads], out[:defines]) if tree
  rescue StandardError => e
    out[:error] = e.message
  end
  puts JSON.generate(out)
end
