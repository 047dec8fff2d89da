; Named scopes of Ruby: modules, classes and methods, joined with the row's separator `::`, as
; Ruby writes constant paths (`Net::Client::build`; lizard names methods the same way). A class
; named by a path (`class Net::Client`) is one scope with that name. `def self.build` (a
; singleton method) is named `build`, as an instance method; `class << self` and blocks are no
; scope. Operator and setter methods keep their names (`<=>`, `[]=`, `name=`, `empty?`).
(module name: (_) @name) @scope
(class name: (_) @name) @scope
(method name: (_) @name) @scope
(singleton_method name: (_) @name) @scope
