// Command goast is the Go front end's view of Go files, for scripts/compare-go.py: Go's own
// parser (go/parser, go/ast, go/token of the standard library) reads each file given as an
// argument and prints one JSON object per file on its own line:
//
//	{"file": PATH, "error": "…" (only when the file does not parse),
//	 "comments": [{"line": L, "end": E, "text": "// …"}, …],   every *ast.Comment of f.Comments
//	 "funcs": [{"id": N, "parent": P, "kind": "func"|"method"|"literal", "name": "…",
//	            "line": L, "end": E, "cyclomatic": C}, …],
//	 "imports": [{"line": L, "path": "…", "alias": "st"|"_"|"."|""}, …],
//	 "package": "store",
//	 "defines": ["Open", "Options", …],   names declared at the top level: functions (not
//	                                       methods), types, variables, constants
//	 "names": ["store.Open", …]}           every selector X.Sel whose X is an identifier
//	                                       (a qualified use, or a field or method of a value)
//
// Lines are the file's own (`//line` directives are not applied). A function's lines run from
// its `func` keyword to its closing brace (its doc comment is not part of it). "parent" is the
// id of the innermost function or literal around a literal (-1 at the top level, e.g. in a
// package-level `var x = func() {…}`).
//
// cyclomatic is gocyclo's rule (github.com/fzipp/gocyclo): 1 + each if, for, range, case
// clause other than default (a *ast.CaseClause with a non-nil List, in an expression or a type
// switch), comm clause other than default (*ast.CommClause with a non-nil Comm), && and ||,
// counted in the function's OWN body: unlike gocyclo, the function literals inside it are not
// descended into; each literal is listed with its own count, so a caller can add them where
// its own rule folds literals into the enclosing function.
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
)

type comment struct {
	Line int    `json:"line"`
	End  int    `json:"end"`
	Text string `json:"text"`
}

type function struct {
	ID         int    `json:"id"`
	Parent     int    `json:"parent"`
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	Line       int    `json:"line"`
	End        int    `json:"end"`
	Cyclomatic int    `json:"cyclomatic"`
}

type importSpec struct {
	Line  int    `json:"line"`
	Path  string `json:"path"`
	Alias string `json:"alias"`
}

type report struct {
	File     string       `json:"file"`
	Error    string       `json:"error,omitempty"`
	Comments []comment    `json:"comments"`
	Funcs    []function   `json:"funcs"`
	Imports  []importSpec `json:"imports"`
	Package  string       `json:"package"`
	Defines  []string     `json:"defines"`
	Names    []string     `json:"names"`
}

// line is the file's own line of pos (no `//line` directive applied).
func line(fset *token.FileSet, pos token.Pos) int {
	return fset.PositionFor(pos, false).Line
}

// complexity is 1 + the decision points of node, not descending into function literals.
func complexity(node ast.Node) int {
	c := 1
	ast.Inspect(node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == node
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt:
			c++
		case *ast.CaseClause:
			if n.List != nil {
				c++
			}
		case *ast.CommClause:
			if n.Comm != nil {
				c++
			}
		case *ast.BinaryExpr:
			if n.Op == token.LAND || n.Op == token.LOR {
				c++
			}
		}
		return true
	})
	return c
}

// receiverType is the name of a method's receiver type: `*T`, `T[K]`, `*T[K, V]` give `T`.
func receiverType(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return receiverType(t.X)
	case *ast.ParenExpr:
		return receiverType(t.X)
	case *ast.IndexExpr:
		return receiverType(t.X)
	case *ast.IndexListExpr:
		return receiverType(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}

// walker lists the functions and literals of a file, each literal with the innermost function
// or literal around it.
type walker struct {
	fset  *token.FileSet
	out   *[]function
	stack []int
}

func (w *walker) add(kind, name string, node ast.Node, body ast.Node) int {
	parent := -1
	if len(w.stack) > 0 {
		parent = w.stack[len(w.stack)-1]
	}
	id := len(*w.out)
	*w.out = append(*w.out, function{
		ID: id, Parent: parent, Kind: kind, Name: name,
		Line: line(w.fset, node.Pos()), End: line(w.fset, node.End()),
		Cyclomatic: complexity(body),
	})
	return id
}

func (w *walker) Visit(n ast.Node) ast.Visitor {
	if n == nil {
		w.stack = w.stack[:len(w.stack)-1]
		return nil
	}
	id := -2
	switch f := n.(type) {
	case *ast.FuncDecl:
		kind, name := "func", f.Name.Name
		if f.Recv != nil && len(f.Recv.List) > 0 {
			kind, name = "method", receiverType(f.Recv.List[0].Type)+"."+f.Name.Name
		}
		id = w.add(kind, name, f, f)
	case *ast.FuncLit:
		id = w.add("literal", "", f, f)
	}
	if id == -2 {
		// Not a function: the innermost function stays the same.
		if len(w.stack) > 0 {
			id = w.stack[len(w.stack)-1]
		} else {
			id = -1
		}
	}
	w.stack = append(w.stack, id)
	return w
}

func read(path string) report {
	r := report{File: path, Comments: []comment{}, Funcs: []function{}, Imports: []importSpec{},
		Defines: []string{}, Names: []string{}}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		r.Error = err.Error()
	}
	if f == nil {
		return r
	}
	for _, group := range f.Comments {
		for _, c := range group.List {
			r.Comments = append(r.Comments, comment{
				Line: line(fset, c.Slash), End: line(fset, c.End()), Text: c.Text,
			})
		}
	}
	for _, spec := range f.Imports {
		alias := ""
		if spec.Name != nil {
			alias = spec.Name.Name
		}
		r.Imports = append(r.Imports, importSpec{
			Line: line(fset, spec.Path.Pos()), Path: spec.Path.Value, Alias: alias,
		})
	}
	if f.Name != nil {
		r.Package = f.Name.Name
	}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				r.Defines = append(r.Defines, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					r.Defines = append(r.Defines, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						r.Defines = append(r.Defines, n.Name)
					}
				}
			}
		}
	}
	seen := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok {
				name := x.Name + "." + sel.Sel.Name
				if !seen[name] {
					seen[name] = true
					r.Names = append(r.Names, name)
				}
			}
		}
		return true
	})
	ast.Walk(&walker{fset: fset, out: &r.Funcs}, f)
	return r
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: goast FILE.go…")
		os.Exit(2)
	}
	out := json.NewEncoder(os.Stdout)
	for _, path := range os.Args[1:] {
		if err := out.Encode(read(path)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
