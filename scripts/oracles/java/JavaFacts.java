// What javac's own parser (com.sun.source, JDK 17; no tree-sitter, no attribution: the files
// need not compile) reads in Java files, for scripts/compare-java.py. Run in source-file mode:
//
//   java scripts/oracles/java/JavaFacts.java FILE...
//
// Prints one JSON object per file, one a line:
//   {"file": F, "error": null|"…", "package": "com.ex", "types": ["Outer", …],
//    "units": [{"kind": "method"|"constructor"|"init"|"static-init", "name": N,
//               "line": L, "end": E, "body": true|false, "class": "Outer.Inner"|"",
//               "anonymous": true|false, "symbol": "Outer.Inner.run" (methods and
//               constructors: the named classes and methods around, and its name)}, …],
//    "lambdas": [{"line": L, "end": E, "unit": index into units or -1}, …]}
// `line` is where the declaration starts (its modifiers and annotations included, not its
// Javadoc), `end` the line of its last character. A lambda's `unit` is the innermost method,
// constructor or initialiser around it (-1: none, e.g. a field's initialiser); `types` are the
// top-level type declarations.
import com.sun.source.tree.*;
import com.sun.source.util.*;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import javax.tools.*;

public class JavaFacts {
  static String q(String s) {
    if (s == null) return "null";
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  public static void main(String[] args) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
    for (String path : args) {
      DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
      JavacTask task = (JavacTask) javac.getTask(null, fm, diags,
          List.of("-proc:none", "--enable-preview", "--release", "17"), null,
          fm.getJavaFileObjects(new File(path)));
      Iterable<? extends CompilationUnitTree> units = task.parse();
      SourcePositions pos = Trees.instance(task).getSourcePositions();
      String error = null;
      for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR && error == null) {
          error = d.getLineNumber() + ": " + d.getMessage(null);
        }
      }
      for (CompilationUnitTree cu : units) {
        LineMap lines = cu.getLineMap();
        List<String> types = new ArrayList<>();
        for (Tree t : cu.getTypeDecls()) {
          if (t instanceof ClassTree) types.add(((ClassTree) t).getSimpleName().toString());
        }
        List<String> unitRows = new ArrayList<>();
        List<String> lambdaRows = new ArrayList<>();
        new TreePathScanner<Void, Void>() {
          final Deque<Integer> unitStack = new ArrayDeque<>();
          final Deque<String> classStack = new ArrayDeque<>();
          // Named scopes as debtscan's symbols.scm has them: named classes and methods.
          final Deque<String> scopeStack = new ArrayDeque<>();

          long line(Tree t) {
            return lines.getLineNumber(pos.getStartPosition(cu, t));
          }

          long end(Tree t) {
            return lines.getLineNumber(Math.max(pos.getEndPosition(cu, t) - 1,
                pos.getStartPosition(cu, t)));
          }

          String cls() {
            return String.join(".", classStack);
          }

          @Override
          public Void visitClass(ClassTree c, Void v) {
            String name = c.getSimpleName().toString();
            boolean anonymous = name.isEmpty();
            // An anonymous class is no scope of its own; its name does not join the path.
            if (!anonymous) {
              classStack.addLast(name);
              scopeStack.addLast(name);
            }
            // A class is no unit: a lambda in a field initialiser of a class declared inside
            // a method (anonymous or local) is in that method, as a tree ancestor.
            for (Tree m : c.getMembers()) {
              if (m instanceof BlockTree) {
                BlockTree b = (BlockTree) m;
                int id = unitRows.size();
                unitRows.add(String.format(
                    "{\"kind\": %s, \"name\": %s, \"line\": %d, \"end\": %d, \"body\": true, "
                        + "\"class\": %s, \"anonymous\": %s}",
                    q(b.isStatic() ? "static-init" : "init"), q(""), line(b), end(b), q(cls()),
                    anonymous));
                unitStack.push(id);
                scan(m, null);
                unitStack.pop();
              } else {
                scan(m, null);
              }
            }
            scan(c.getModifiers(), null);
            if (!anonymous) {
              classStack.removeLast();
              scopeStack.removeLast();
            }
            return null;
          }

          @Override
          public Void visitMethod(MethodTree m, Void v) {
            String name = m.getName().toString();
            String kind = name.equals("<init>") ? "constructor" : "method";
            if (kind.equals("constructor")) name = classStack.isEmpty() ? "" : classStack.getLast();
            int id = unitRows.size();
            unitRows.add(String.format(
                "{\"kind\": %s, \"name\": %s, \"line\": %d, \"end\": %d, \"body\": %s, "
                    + "\"class\": %s, \"anonymous\": false, \"symbol\": %s}",
                q(kind), q(name), line(m), end(m), m.getBody() != null, q(cls()),
                q(String.join(".", scopeStack) + (scopeStack.isEmpty() ? "" : ".") + name)));
            unitStack.push(id);
            scopeStack.addLast(name);
            super.visitMethod(m, v);
            scopeStack.removeLast();
            unitStack.pop();
            return null;
          }

          @Override
          public Void visitLambdaExpression(LambdaExpressionTree l, Void v) {
            lambdaRows.add(String.format("{\"line\": %d, \"end\": %d, \"unit\": %d}", line(l),
                end(l), unitStack.isEmpty() ? -1 : unitStack.peek()));
            return super.visitLambdaExpression(l, v);
          }
        }.scan(cu, null);
        String pkg = cu.getPackageName() == null ? "" : cu.getPackageName().toString();
        StringBuilder typeList = new StringBuilder();
        for (String t : types) typeList.append(typeList.length() == 0 ? "" : ", ").append(q(t));
        System.out.println(String.format(
            "{\"file\": %s, \"error\": %s, \"package\": %s, \"types\": [%s], \"units\": [%s], "
                + "\"lambdas\": [%s]}",
            q(path), q(error), q(pkg), typeList, String.join(", ", unitRows),
            String.join(", ", lambdaRows)));
      }
    }
  }
}
