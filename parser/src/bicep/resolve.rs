//! Name resolution for one Bicep file: a symbol for every declaration (parameters,
//! variables, resources with their nested children, modules, outputs, functions, types,
//! imports, loop variables, lambda and function parameters), and every identifier of an
//! expression or type linked to the symbol it names. Nothing is evaluated.
//!
//! Namespaces follow Bicep's: outputs, metadata and assertions have names of their own;
//! every other top-level declaration shares one namespace (a duplicate is reported).
//! Loop variables and lambda parameters are visible in their body only; a nested resource
//! is visible by its name inside its parent's body, and elsewhere as `parent::child`.
//!
//! Calls to names no declaration defines are Bicep's built-in functions (`concat`,
//! `resourceGroup`, decorators such as `description`): they are not checked against a
//! list, so a function added to Bicep later resolves too. A `func` body may use only its
//! parameters, other functions, types and imports; a parameter, variable, resource or
//! module used there is reported.

use super::ast::{
    ArrayItem, Decorator, Expr, ExprKind, File, Import, ObjectItem, ObjectTypeItem, PropertyKey,
    Statement, StatementKind, StringLiteral, StringPart, TypeExpr, TypeKind,
};
use cloudsentinel_model::TextRange;
use std::collections::HashMap;

/// Index of a symbol in [`Resolution::symbols`].
pub type SymbolId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Parameter,
    Variable,
    Resource,
    Module,
    Output,
    Metadata,
    Assert,
    Test,
    Function,
    Type,
    /// `a` or `b as a` in `import {…} from '…'`: a type, variable or function of another
    /// file.
    ImportedSymbol,
    /// `ns` in `import * as ns from '…'`.
    ImportedNamespace,
    /// The namespace of an extension (`k8s` in `extension 'kubernetes@1.0.0' as k8s`).
    Extension,
    LoopItem,
    LoopIndex,
    LambdaParameter,
    FunctionParameter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The name where it is declared.
    pub name_span: TextRange,
    /// The whole declaration (statement, loop, lambda or function parameter).
    pub declaration_span: TextRange,
    /// The parent of a nested resource.
    pub parent: Option<SymbolId>,
}

/// What an identifier names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Symbol(SymbolId),
    /// A function no declaration defines: one of Bicep's.
    BuiltinFunction,
    /// `sys` or `az`.
    BuiltinNamespace,
    /// `string`, `int`, `bool`, `object`, `array`, `resourceInput`, …
    BuiltinType,
}

/// One identifier in an expression or a type, and what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub span: TextRange,
    pub target: Target,
}

/// A name declared twice, or used without a declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    pub span: TextRange,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct Resolution {
    pub symbols: Vec<Symbol>,
    /// In source order.
    pub references: Vec<Reference>,
    pub errors: Vec<ResolveError>,
    /// Top-level declarations of the shared namespace, by name.
    pub top_level: HashMap<String, SymbolId>,
    /// Outputs by name.
    pub outputs: HashMap<String, SymbolId>,
    /// Nested resources of each resource.
    pub children: HashMap<SymbolId, Vec<SymbolId>>,
    /// The symbol each declared name (its span's start) stands for.
    declared_at: HashMap<u32, SymbolId>,
    referenced_at: HashMap<u32, usize>,
}

impl Resolution {
    /// The symbol declared with its name at `span`.
    pub fn declared_at(&self, span: TextRange) -> Option<&Symbol> {
        self.declared_at
            .get(&span.start)
            .and_then(|&id| self.symbols.get(id))
    }

    /// What the identifier at `span` names.
    pub fn target_at(&self, span: TextRange) -> Option<Target> {
        self.referenced_at
            .get(&span.start)
            .and_then(|&i| self.references.get(i))
            .map(|r| r.target)
    }

    /// The symbol the identifier at `span` names, when it names a declaration.
    pub fn symbol_at(&self, span: TextRange) -> Option<&Symbol> {
        match self.target_at(span)? {
            Target::Symbol(id) => self.symbols.get(id),
            _ => None,
        }
    }
}

const BUILTIN_NAMESPACES: &[&str] = &["sys", "az"];

const BUILTIN_TYPES: &[&str] = &[
    "string",
    "int",
    "bool",
    "object",
    "array",
    "any",
    "resourceInput",
    "resourceOutput",
];

/// Resolves every name of `file`. Statements that failed to parse are absent from the tree,
/// so a file with syntax errors may report names they declared as undeclared.
pub fn resolve(file: &File) -> Resolution {
    let mut resolver = Resolver {
        out: Resolution::default(),
        scopes: Vec::new(),
        in_function: false,
    };
    resolver.declare_top_level(&file.statements);
    for statement in &file.statements {
        resolver.statement(statement);
    }
    let mut out = resolver.out;
    out.references.sort_by_key(|r| r.span.start);
    out.referenced_at = out
        .references
        .iter()
        .enumerate()
        .map(|(i, r)| (r.span.start, i))
        .collect();
    out.errors.sort_by_key(|e| e.span.start);
    out
}

struct Resolver {
    out: Resolution,
    /// Local scopes, innermost last.
    scopes: Vec<HashMap<String, SymbolId>>,
    /// Inside a `func` body, which sees only its parameters, functions, types and imports.
    in_function: bool,
}

/// The object of a resource body under its `if` and `for`.
fn body_object(body: &Expr) -> Option<&[ObjectItem]> {
    match &body.kind {
        ExprKind::Object(items) => Some(items),
        ExprKind::If { body, .. } => body_object(body),
        ExprKind::For(for_expr) => body_object(&for_expr.body),
        _ => None,
    }
}

/// The name an extension's namespace takes without an alias: `kubernetes` for
/// `'kubernetes@1.0.0'`, the identifier itself for `extension microsoftGraphV1`. A
/// registry reference (`'br:…/v1:1.2.3'`) names its namespace in the extension's
/// manifest, which is not read: without an alias it declares nothing here.
fn extension_name(spec: &Expr) -> Option<(String, TextRange)> {
    match &spec.kind {
        ExprKind::Variable(ident) => Some((ident.name.clone(), ident.span)),
        ExprKind::String(s) => {
            let text = s.as_plain()?;
            let name = text.split('@').next()?;
            let is_name =
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            is_name.then(|| (name.to_string(), s.span))
        }
        _ => None,
    }
}

impl Resolver {
    fn add_symbol(
        &mut self,
        name: &str,
        kind: SymbolKind,
        name_span: TextRange,
        declaration_span: TextRange,
        parent: Option<SymbolId>,
    ) -> SymbolId {
        let id = self.out.symbols.len();
        self.out.symbols.push(Symbol {
            name: name.to_string(),
            kind,
            name_span,
            declaration_span,
            parent,
        });
        self.out.declared_at.insert(name_span.start, id);
        id
    }

    /// Adds `id` to `namespace`, or reports it when the name is taken.
    fn declare_into(
        namespace: &mut HashMap<String, SymbolId>,
        errors: &mut Vec<ResolveError>,
        symbols: &[Symbol],
        id: SymbolId,
    ) {
        let Some(symbol) = symbols.get(id) else {
            return;
        };
        if namespace.contains_key(&symbol.name) {
            errors.push(ResolveError {
                span: symbol.name_span,
                message: format!("'{}' is declared more than once", symbol.name),
            });
        } else {
            namespace.insert(symbol.name.clone(), id);
        }
    }

    fn declare_top_level(&mut self, statements: &[Statement]) {
        let mut metadata = HashMap::new();
        let mut asserts = HashMap::new();
        let mut tests = HashMap::new();
        for statement in statements {
            let span = statement.span;
            let mut declared = Vec::new();
            match &statement.kind {
                StatementKind::Param { name, .. } => {
                    declared.push(self.add_symbol(
                        &name.name,
                        SymbolKind::Parameter,
                        name.span,
                        span,
                        None,
                    ));
                }
                StatementKind::Var { name, .. } => declared.push(self.add_symbol(
                    &name.name,
                    SymbolKind::Variable,
                    name.span,
                    span,
                    None,
                )),
                StatementKind::Resource { name, body, .. } => {
                    let id =
                        self.add_symbol(&name.name, SymbolKind::Resource, name.span, span, None);
                    self.declare_children(id, body);
                    declared.push(id);
                }
                StatementKind::Module { name, .. } => declared.push(self.add_symbol(
                    &name.name,
                    SymbolKind::Module,
                    name.span,
                    span,
                    None,
                )),
                StatementKind::Function { name, .. } => declared.push(self.add_symbol(
                    &name.name,
                    SymbolKind::Function,
                    name.span,
                    span,
                    None,
                )),
                StatementKind::Type { name, .. } => declared.push(self.add_symbol(
                    &name.name,
                    SymbolKind::Type,
                    name.span,
                    span,
                    None,
                )),
                StatementKind::Import(Import::Symbols { items, .. }) => {
                    for item in items {
                        let local = item.local_name();
                        declared.push(self.add_symbol(
                            &local.name,
                            SymbolKind::ImportedSymbol,
                            local.span,
                            item.span,
                            None,
                        ));
                    }
                }
                StatementKind::Import(Import::Wildcard { alias, .. }) => {
                    declared.push(self.add_symbol(
                        &alias.name,
                        SymbolKind::ImportedNamespace,
                        alias.span,
                        span,
                        None,
                    ));
                }
                StatementKind::Import(Import::Provider { spec, alias, .. }) => {
                    let spec = Expr {
                        kind: ExprKind::String(spec.clone()),
                        span: spec.span,
                    };
                    let name = alias
                        .as_ref()
                        .map(|a| (a.name.clone(), a.span))
                        .or_else(|| extension_name(&spec));
                    if let Some((name, name_span)) = name {
                        declared.push(self.add_symbol(
                            &name,
                            SymbolKind::Extension,
                            name_span,
                            span,
                            None,
                        ));
                    }
                }
                StatementKind::Extension { spec, alias, .. } => {
                    let name = alias
                        .as_ref()
                        .map(|a| (a.name.clone(), a.span))
                        .or_else(|| extension_name(spec));
                    if let Some((name, name_span)) = name {
                        declared.push(self.add_symbol(
                            &name,
                            SymbolKind::Extension,
                            name_span,
                            span,
                            None,
                        ));
                    }
                }
                StatementKind::Output { name, .. } => {
                    let id = self.add_symbol(&name.name, SymbolKind::Output, name.span, span, None);
                    Self::declare_into(
                        &mut self.out.outputs,
                        &mut self.out.errors,
                        &self.out.symbols,
                        id,
                    );
                }
                StatementKind::Metadata { name, .. } => {
                    let id =
                        self.add_symbol(&name.name, SymbolKind::Metadata, name.span, span, None);
                    Self::declare_into(&mut metadata, &mut self.out.errors, &self.out.symbols, id);
                }
                StatementKind::Test { name, .. } => {
                    let id = self.add_symbol(&name.name, SymbolKind::Test, name.span, span, None);
                    Self::declare_into(&mut tests, &mut self.out.errors, &self.out.symbols, id);
                }
                StatementKind::Assert { name, .. } => {
                    let id = self.add_symbol(&name.name, SymbolKind::Assert, name.span, span, None);
                    Self::declare_into(&mut asserts, &mut self.out.errors, &self.out.symbols, id);
                }
                StatementKind::TargetScope { .. }
                | StatementKind::Using { .. }
                | StatementKind::Extends { .. } => {}
            }
            for id in declared {
                Self::declare_into(
                    &mut self.out.top_level,
                    &mut self.out.errors,
                    &self.out.symbols,
                    id,
                );
            }
        }
    }

    /// Declares the resources nested in `body` as children of `parent`, recursively.
    fn declare_children(&mut self, parent: SymbolId, body: &Expr) {
        let Some(items) = body_object(body) else {
            return;
        };
        let mut siblings = HashMap::new();
        let mut children = Vec::new();
        for item in items {
            let ObjectItem::Resource(statement) = item else {
                continue;
            };
            let StatementKind::Resource { name, body, .. } = &statement.kind else {
                continue;
            };
            let id = self.add_symbol(
                &name.name,
                SymbolKind::Resource,
                name.span,
                statement.span,
                Some(parent),
            );
            Self::declare_into(&mut siblings, &mut self.out.errors, &self.out.symbols, id);
            children.push(id);
            self.declare_children(id, body);
        }
        if !children.is_empty() {
            self.out.children.insert(parent, children);
        }
    }

    fn refer(&mut self, span: TextRange, target: Target) {
        self.out.references.push(Reference { span, target });
    }

    fn error(&mut self, span: TextRange, message: String) {
        self.out.errors.push(ResolveError { span, message });
    }

    fn lookup(&self, name: &str) -> Option<SymbolId> {
        self.scopes
            .iter()
            .rev()
            .find_map(|scope| scope.get(name).copied())
            .or_else(|| self.out.top_level.get(name).copied())
    }

    fn push_scope(&mut self, entries: impl IntoIterator<Item = (String, SymbolId)>) {
        self.scopes.push(entries.into_iter().collect());
    }

    fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    // ----- statements -----

    fn statement(&mut self, statement: &Statement) {
        self.decorators(&statement.decorators);
        match &statement.kind {
            StatementKind::TargetScope { value }
            | StatementKind::Metadata { value, .. }
            | StatementKind::Assert { value, .. } => self.expr(value),
            StatementKind::Param { ty, value, .. } => {
                if let Some(ty) = ty {
                    self.type_expr(ty);
                }
                if let Some(value) = value {
                    self.expr(value);
                }
            }
            StatementKind::Var { ty, value, .. } => {
                if let Some(ty) = ty {
                    self.type_expr(ty);
                }
                self.expr(value);
            }
            StatementKind::Resource {
                name,
                type_string,
                body,
                ..
            } => {
                self.string(type_string);
                let id = self.out.declared_at.get(&name.span.start).copied();
                let children: Vec<(String, SymbolId)> = id
                    .and_then(|id| self.out.children.get(&id))
                    .into_iter()
                    .flatten()
                    .filter_map(|&c| self.out.symbols.get(c).map(|s| (s.name.clone(), c)))
                    .collect();
                // The children are visible by name throughout the parent's body.
                self.push_scope(children);
                self.expr(body);
                self.pop_scope();
            }
            StatementKind::Module { path, body, .. } | StatementKind::Test { path, body, .. } => {
                self.string(path);
                self.expr(body);
            }
            StatementKind::Output { ty, value, .. } => {
                self.type_expr(ty);
                self.expr(value);
            }
            StatementKind::Type { value, .. } => self.type_expr(value),
            StatementKind::Function {
                params,
                return_type,
                body,
                ..
            } => {
                let mut scope = HashMap::new();
                for param in params {
                    self.type_expr(&param.ty);
                    let id = self.add_symbol(
                        &param.name.name,
                        SymbolKind::FunctionParameter,
                        param.name.span,
                        param.span,
                        None,
                    );
                    Self::declare_into(&mut scope, &mut self.out.errors, &self.out.symbols, id);
                }
                self.type_expr(return_type);
                self.scopes.push(scope);
                self.in_function = true;
                self.expr(body);
                self.in_function = false;
                self.pop_scope();
            }
            StatementKind::Import(Import::Provider {
                config: Some(config),
                ..
            })
            | StatementKind::Extension {
                config: Some(config),
                ..
            }
            | StatementKind::Using {
                config: Some(config),
                ..
            } => self.expr(config),
            StatementKind::Import(_)
            | StatementKind::Extension { .. }
            | StatementKind::Using { .. }
            | StatementKind::Extends { .. } => {}
        }
    }

    fn decorators(&mut self, decorators: &[Decorator]) {
        for decorator in decorators {
            match &decorator.expr.kind {
                // `@secure` written without parentheses names the function.
                ExprKind::Variable(ident) => self.refer(ident.span, Target::BuiltinFunction),
                _ => self.expr(&decorator.expr),
            }
        }
    }

    // ----- expressions -----

    fn string(&mut self, s: &StringLiteral) {
        for part in &s.parts {
            if let StringPart::Interpolation(expr) = part {
                self.expr(expr);
            }
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Null | ExprKind::Bool(_) | ExprKind::Integer(_) => {}
            ExprKind::String(s) => self.string(s),
            ExprKind::Variable(ident) => {
                if let Some(id) = self.lookup(&ident.name) {
                    self.refer(ident.span, Target::Symbol(id));
                    let kind = self.out.symbols.get(id).map(|s| s.kind);
                    if self.in_function
                        && matches!(
                            kind,
                            Some(
                                SymbolKind::Parameter
                                    | SymbolKind::Variable
                                    | SymbolKind::Resource
                                    | SymbolKind::Module
                            )
                        )
                    {
                        self.error(
                            ident.span,
                            format!(
                                "a function cannot use '{}': it sees only its parameters, \
                                 functions, types and imports",
                                ident.name
                            ),
                        );
                    }
                } else if BUILTIN_NAMESPACES.contains(&ident.name.as_str()) {
                    self.refer(ident.span, Target::BuiltinNamespace);
                } else {
                    self.error(ident.span, format!("'{}' is not declared", ident.name));
                }
            }
            ExprKind::Array(items) => {
                for item in items {
                    match item {
                        ArrayItem::Value(expr) | ArrayItem::Spread { expr, .. } => self.expr(expr),
                    }
                }
            }
            ExprKind::Object(items) => {
                for item in items {
                    match item {
                        ObjectItem::Property(property) => {
                            if let PropertyKey::String(key) = &property.key {
                                self.string(key);
                            }
                            self.expr(&property.value);
                        }
                        ObjectItem::Spread { expr, .. } => self.expr(expr),
                        ObjectItem::Resource(statement) => self.statement(statement),
                    }
                }
            }
            ExprKind::Property { base, .. } | ExprKind::NonNull(base) => self.expr(base),
            ExprKind::Parenthesized(inner) => self.expr(inner),
            ExprKind::Index { base, index, .. } => {
                self.expr(base);
                self.expr(index);
            }
            ExprKind::ChildResource { base, name } => {
                self.expr(base);
                let parent = self.resource_of(base);
                if let Some(parent) = parent {
                    let child = self
                        .out
                        .children
                        .get(&parent)
                        .into_iter()
                        .flatten()
                        .copied()
                        .find(|&c| self.out.symbols.get(c).is_some_and(|s| s.name == name.name));
                    if let Some(child) = child {
                        self.refer(name.span, Target::Symbol(child));
                    } else {
                        let parent_name = self
                            .out
                            .symbols
                            .get(parent)
                            .map(|s| s.name.clone())
                            .unwrap_or_default();
                        self.error(
                            name.span,
                            format!(
                                "resource '{parent_name}' declares no nested resource '{}'",
                                name.name
                            ),
                        );
                    }
                }
            }
            ExprKind::Call { base, name, args } => {
                match base {
                    Some(base) => self.expr(base),
                    None => match self.lookup(&name.name) {
                        Some(id)
                            if self.out.symbols.get(id).is_some_and(|s| {
                                matches!(s.kind, SymbolKind::Function | SymbolKind::ImportedSymbol)
                            }) =>
                        {
                            self.refer(name.span, Target::Symbol(id));
                        }
                        _ => self.refer(name.span, Target::BuiltinFunction),
                    },
                }
                for arg in args {
                    self.expr(arg);
                }
            }
            ExprKind::Unary { operand, .. } => self.expr(operand),
            ExprKind::Binary { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::Ternary {
                condition,
                then,
                otherwise,
            } => {
                self.expr(condition);
                self.expr(then);
                self.expr(otherwise);
            }
            ExprKind::Lambda { params, body } => {
                let mut scope = HashMap::new();
                for param in params {
                    let id = self.add_symbol(
                        &param.name,
                        SymbolKind::LambdaParameter,
                        param.span,
                        expr.span,
                        None,
                    );
                    Self::declare_into(&mut scope, &mut self.out.errors, &self.out.symbols, id);
                }
                self.scopes.push(scope);
                self.expr(body);
                self.pop_scope();
            }
            ExprKind::For(for_expr) => {
                self.expr(&for_expr.iterable);
                let mut scope = HashMap::new();
                for (ident, kind) in [
                    (&for_expr.item, SymbolKind::LoopItem),
                    (&for_expr.index, SymbolKind::LoopIndex),
                ] {
                    if let Some(ident) = ident {
                        let id = self.add_symbol(&ident.name, kind, ident.span, expr.span, None);
                        Self::declare_into(&mut scope, &mut self.out.errors, &self.out.symbols, id);
                    }
                }
                self.scopes.push(scope);
                self.expr(&for_expr.body);
                self.pop_scope();
            }
            ExprKind::If { condition, body } => {
                self.expr(condition);
                self.expr(body);
            }
        }
    }

    /// The resource symbol an expression such as `vnet`, `vnets[0]`, `vnet!` or
    /// `vnet::subnet` stands for.
    fn resource_of(&self, expr: &Expr) -> Option<SymbolId> {
        match &expr.kind {
            ExprKind::Variable(ident) => {
                let id = self.lookup(&ident.name)?;
                (self.out.symbols.get(id)?.kind == SymbolKind::Resource).then_some(id)
            }
            ExprKind::Index { base, .. }
            | ExprKind::NonNull(base)
            | ExprKind::Parenthesized(base) => self.resource_of(base),
            ExprKind::ChildResource { base, name } => {
                let parent = self.resource_of(base)?;
                self.out
                    .children
                    .get(&parent)?
                    .iter()
                    .copied()
                    .find(|&c| self.out.symbols.get(c).is_some_and(|s| s.name == name.name))
            }
            _ => None,
        }
    }

    // ----- types -----

    fn type_expr(&mut self, ty: &TypeExpr) {
        match &ty.kind {
            TypeKind::Name(ident) => match self.lookup(&ident.name) {
                Some(id)
                    if self.out.symbols.get(id).is_some_and(|s| {
                        matches!(s.kind, SymbolKind::Type | SymbolKind::ImportedSymbol)
                    }) =>
                {
                    self.refer(ident.span, Target::Symbol(id));
                }
                Some(_) => self.error(ident.span, format!("'{}' is not a type", ident.name)),
                None if BUILTIN_TYPES.contains(&ident.name.as_str()) => {
                    self.refer(ident.span, Target::BuiltinType);
                }
                None => self.error(ident.span, format!("type '{}' is not declared", ident.name)),
            },
            TypeKind::Property { base, .. } => match &base.kind {
                // `ns.T`: a type of an imported namespace, or `sys.string`.
                TypeKind::Name(ident) => match self.lookup(&ident.name) {
                    Some(id)
                        if self.out.symbols.get(id).is_some_and(|s| {
                            matches!(
                                s.kind,
                                SymbolKind::ImportedNamespace | SymbolKind::Extension
                            )
                        }) =>
                    {
                        self.refer(ident.span, Target::Symbol(id));
                    }
                    None if BUILTIN_NAMESPACES.contains(&ident.name.as_str()) => {
                        self.refer(ident.span, Target::BuiltinNamespace);
                    }
                    _ => self.type_expr(base),
                },
                _ => self.type_expr(base),
            },
            TypeKind::Index { base, .. }
            | TypeKind::AdditionalProperties(base)
            | TypeKind::Array(base)
            | TypeKind::Nullable(base)
            | TypeKind::NonNullable(base)
            | TypeKind::Parenthesized(base) => self.type_expr(base),
            TypeKind::Generic { name, args } => {
                self.refer(name.span, Target::BuiltinType);
                for arg in args {
                    self.expr(arg);
                }
            }
            TypeKind::Resource(s) => self.string(s),
            TypeKind::Literal(expr) => self.expr(expr),
            TypeKind::Object(items) => {
                for item in items {
                    match item {
                        ObjectTypeItem::Property { decorators, ty, .. }
                        | ObjectTypeItem::Additional { decorators, ty, .. } => {
                            self.decorators(decorators);
                            self.type_expr(ty);
                        }
                        ObjectTypeItem::Spread { ty, .. } => self.type_expr(ty),
                    }
                }
            }
            TypeKind::Tuple(items) => {
                for item in items {
                    self.decorators(&item.decorators);
                    self.type_expr(&item.ty);
                }
            }
            TypeKind::Union(members) => {
                for member in members {
                    self.type_expr(member);
                }
            }
        }
    }
}
