use super::*;
use cloudsentinel_model::TextRange;
use std::path::{Path, PathBuf};

fn parse_ok(text: &str) -> File {
    let (file, errors) = parse(text);
    assert!(errors.is_empty(), "unexpected errors: {errors:?}");
    file
}

fn errors_of(text: &str) -> Vec<SyntaxError> {
    parse(text).1
}

fn only_statement(text: &str) -> StatementKind {
    let mut file = parse_ok(text);
    assert_eq!(file.statements.len(), 1, "{:?}", file.statements);
    file.statements.remove(0).kind
}

/// The value of `var x = …`.
fn var_value(expr_text: &str) -> Expr {
    match only_statement(&format!("var x = {expr_text}\n")) {
        StatementKind::Var { value, .. } => value,
        other => panic!("not a var: {other:?}"),
    }
}

fn slice(text: &str, range: TextRange) -> &str {
    &text[range.as_range()]
}

fn plain(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::String(s) => s.as_plain().expect("plain string"),
        other => panic!("not a string: {other:?}"),
    }
}

#[test]
fn target_scope_and_metadata() {
    let file = parse_ok("targetScope = 'subscription'\nmetadata name = 'My module'\n");
    assert!(
        matches!(&file.statements[0].kind, StatementKind::TargetScope { value } if plain(value) == "subscription")
    );
    match &file.statements[1].kind {
        StatementKind::Metadata { name, value } => {
            assert_eq!(name.name, "name");
            assert_eq!(plain(value), "My module");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn params_with_decorators_on_separate_lines() {
    let text = "@secure()\n@minValue(1)\n@sys.description('The key')\n@allowed([\n  'a'\n  'b'\n])\nparam key string = 'a'\n";
    let file = parse_ok(text);
    let statement = &file.statements[0];
    let names: Vec<_> = statement
        .decorators
        .iter()
        .map(|d| d.name().unwrap())
        .collect();
    assert_eq!(names, ["secure", "minValue", "description", "allowed"]);
    assert_eq!(statement.span.start, 0, "the span covers the decorators");
    assert_eq!(
        slice(text, statement.decorators[2].span),
        "@sys.description('The key')"
    );
    match &statement.kind {
        StatementKind::Param {
            name,
            ty: Some(ty),
            value: Some(value),
        } => {
            assert_eq!(name.name, "key");
            assert!(matches!(&ty.kind, TypeKind::Name(n) if n.name == "string"));
            assert_eq!(plain(value), "a");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn param_without_default_and_nullable_types() {
    let file = parse_ok("param a string?\nparam b object[]\nparam c ('x' | 'y')[]?\n");
    let types: Vec<_> = file
        .statements
        .iter()
        .map(|s| match &s.kind {
            StatementKind::Param {
                ty: Some(ty),
                value: None,
                ..
            } => ty.kind.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(
        matches!(&types[0], TypeKind::Nullable(inner) if matches!(inner.kind, TypeKind::Name(_)))
    );
    assert!(matches!(&types[1], TypeKind::Array(_)));
    let TypeKind::Nullable(inner) = &types[2] else {
        panic!("{types:?}")
    };
    let TypeKind::Array(items) = &inner.kind else {
        panic!("{inner:?}")
    };
    let TypeKind::Parenthesized(union) = &items.kind else {
        panic!("{items:?}")
    };
    assert!(matches!(&union.kind, TypeKind::Union(m) if m.len() == 2));
}

#[test]
fn union_types_starting_on_the_next_line() {
    let text = "param mode\n  | 'Default'\n  | 'Copy'\nparam next int\n";
    let file = parse_ok(text);
    assert_eq!(file.statements.len(), 2);
    let StatementKind::Param { ty: Some(ty), .. } = &file.statements[0].kind else {
        panic!()
    };
    assert!(matches!(&ty.kind, TypeKind::Union(members) if members.len() == 2));
    assert_eq!(slice(text, ty.span), "| 'Default'\n  | 'Copy'");
}

#[test]
fn vars_typed_and_untyped() {
    let file = parse_ok("var a = 1\nvar b string = 'x'\n");
    assert!(
        matches!(&file.statements[0].kind, StatementKind::Var { ty: None, value, .. } if value.kind == ExprKind::Integer(1))
    );
    assert!(matches!(
        &file.statements[1].kind,
        StatementKind::Var { ty: Some(_), .. }
    ));
}

#[test]
fn resource_with_nested_child_and_parent() {
    let text = "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'sa'\n  location: location\n  resource blobs 'blobServices' = {\n    name: 'default'\n  }\n}\nresource c 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {\n  parent: sa::blobs\n  name: 'c'\n}\n";
    let file = parse_ok(text);
    let StatementKind::Resource {
        name,
        type_string,
        existing,
        body,
    } = &file.statements[0].kind
    else {
        panic!()
    };
    assert_eq!(name.name, "sa");
    assert_eq!(
        type_string.as_plain().unwrap(),
        "Microsoft.Storage/storageAccounts@2023-01-01"
    );
    assert!(!existing);
    let ExprKind::Object(items) = &body.kind else {
        panic!("{body:?}")
    };
    assert_eq!(items.len(), 3);
    let ObjectItem::Resource(child) = &items[2] else {
        panic!("{items:?}")
    };
    assert!(matches!(&child.kind, StatementKind::Resource { name, .. } if name.name == "blobs"));
    assert!(slice(text, child.span).starts_with("resource blobs"));

    let StatementKind::Resource { body, .. } = &file.statements[1].kind else {
        panic!()
    };
    let ExprKind::Object(items) = &body.kind else {
        panic!()
    };
    let ObjectItem::Property(parent) = &items[0] else {
        panic!()
    };
    assert_eq!(parent.key.as_plain().unwrap(), "parent");
    assert!(
        matches!(&parent.value.kind, ExprKind::ChildResource { name, .. } if name.name == "blobs")
    );
    assert_eq!(slice(text, parent.value.span), "sa::blobs");
}

#[test]
fn existing_resource_and_condition() {
    let file = parse_ok(
        "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: kvName\n}\nresource x 'A/b@1' = if (deploy && !empty(name)) {\n  name: name\n}\n",
    );
    assert!(matches!(
        &file.statements[0].kind,
        StatementKind::Resource { existing: true, .. }
    ));
    let StatementKind::Resource { body, .. } = &file.statements[1].kind else {
        panic!()
    };
    let ExprKind::If { condition, body } = &body.kind else {
        panic!("{body:?}")
    };
    assert!(
        matches!(&condition.kind, ExprKind::Parenthesized(inner) if matches!(inner.kind, ExprKind::Binary { op: BinaryOp::And, .. }))
    );
    assert!(matches!(body.kind, ExprKind::Object(_)));
}

#[test]
fn resource_loops_with_index_filter_and_child_access() {
    let text = "resource sas 'A/b@1' = [for (name, i) in names: if (i > 0) {\n  name: '${name}${i}'\n}]\nresource one 'A/b@1' = [\n  for n in range(0, 3): {\n    name: string(n)\n  }\n]\noutput id string = sas[1]::child.id\n";
    let file = parse_ok(text);
    let StatementKind::Resource { body, .. } = &file.statements[0].kind else {
        panic!()
    };
    let ExprKind::For(for_expr) = &body.kind else {
        panic!("{body:?}")
    };
    assert_eq!(for_expr.item.as_ref().unwrap().name, "name");
    assert_eq!(for_expr.index.as_ref().unwrap().name, "i");
    assert!(matches!(for_expr.body.kind, ExprKind::If { .. }));
    assert!(slice(text, body.span).ends_with("}]"));
    assert!(
        matches!(&file.statements[1].kind, StatementKind::Resource { body, .. } if matches!(body.kind, ExprKind::For(_)))
    );
    let StatementKind::Output { value, .. } = &file.statements[2].kind else {
        panic!()
    };
    let ExprKind::Property {
        base,
        name,
        safe: false,
    } = &value.kind
    else {
        panic!("{value:?}")
    };
    assert_eq!(name.name, "id");
    let ExprKind::ChildResource { base, name } = &base.kind else {
        panic!("{base:?}")
    };
    assert_eq!(name.name, "child");
    assert!(matches!(base.kind, ExprKind::Index { safe: false, .. }));
}

#[test]
fn modules_with_registry_paths() {
    let file = parse_ok(
        "@batchSize(1)\nmodule a './child.bicep' = {\n  name: 'a'\n}\nmodule b 'br/public:avm/res/storage/storage-account:0.9.0' = if (x) {\n  name: 'b'\n}\nmodule c 'br:myacr.azurecr.io/bicep/mod:v1' = [for i in range(0, 2): {\n  name: 'c${i}'\n}]\nmodule d 'ts:sub/rg/spec:1.0' = {\n  name: 'd'\n}\n",
    );
    let paths: Vec<_> = file
        .statements
        .iter()
        .map(|s| match &s.kind {
            StatementKind::Module { path, .. } => path.as_plain().unwrap(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        paths,
        [
            "./child.bicep",
            "br/public:avm/res/storage/storage-account:0.9.0",
            "br:myacr.azurecr.io/bicep/mod:v1",
            "ts:sub/rg/spec:1.0"
        ]
    );
    assert_eq!(file.statements[0].decorators[0].name(), Some("batchSize"));
}

#[test]
fn outputs_including_resource_typed() {
    let file = parse_ok(
        "output a string = 'x'\noutput sa resource 'Microsoft.Storage/storageAccounts@2023-01-01' = storage\noutput names array = [for s in items: s.name]\n",
    );
    let StatementKind::Output { ty, .. } = &file.statements[1].kind else {
        panic!()
    };
    assert!(
        matches!(&ty.kind, TypeKind::Resource(s) if s.as_plain().unwrap().starts_with("Microsoft.Storage"))
    );
    assert_eq!(file.statements.len(), 3);
}

#[test]
fn type_declarations() {
    let text = "@export()\n@discriminator('kind')\ntype pet = catType | dogType\n@sealed()\ntype obj = {\n  @description('The name')\n  name: string\n  'quoted-key': int?\n  tags: { *: string }?\n  mode: 'a' | 'b'\n  n: -1 | 2\n  pair: [string, int]\n  dcr: resourceInput<'Microsoft.Insights/dataCollectionRules@2024-03-11'>.properties.dataFlows\n  out: resourceOutput<'A/b@1'>\n  imported: types.lockType\n  item: obj.tags.*\n  first: pair[0]\n  all: list[*]\n}\n";
    let file = parse_ok(text);
    assert_eq!(file.statements[0].decorators.len(), 2);
    let StatementKind::Type { value, .. } = &file.statements[1].kind else {
        panic!()
    };
    let TypeKind::Object(items) = &value.kind else {
        panic!("{value:?}")
    };
    assert_eq!(items.len(), 12);
    let ty_of = |i: usize| match &items[i] {
        ObjectTypeItem::Property { ty, .. } => ty.kind.clone(),
        other => panic!("{other:?}"),
    };
    let ObjectTypeItem::Property {
        decorators, key, ..
    } = &items[0]
    else {
        panic!()
    };
    assert_eq!(decorators[0].name(), Some("description"));
    assert_eq!(key.as_plain().unwrap(), "name");
    assert!(matches!(ty_of(1), TypeKind::Nullable(_)));
    let TypeKind::Nullable(inner) = ty_of(2) else {
        panic!()
    };
    assert!(
        matches!(&inner.kind, TypeKind::Object(i) if matches!(i[0], ObjectTypeItem::Additional { .. }))
    );
    assert!(matches!(ty_of(3), TypeKind::Union(ref m) if m.len() == 2));
    assert!(
        matches!(ty_of(4), TypeKind::Union(ref m) if matches!(m[0].kind, TypeKind::Literal(Expr { kind: ExprKind::Unary { op: UnaryOp::Minus, .. }, .. })))
    );
    assert!(matches!(ty_of(5), TypeKind::Tuple(ref t) if t.len() == 2));
    let TypeKind::Property { base, name } = ty_of(6) else {
        panic!()
    };
    assert_eq!(name.name, "dataFlows");
    let TypeKind::Property { base, .. } = &base.kind else {
        panic!()
    };
    assert!(
        matches!(&base.kind, TypeKind::Generic { name, args } if name.name == "resourceInput" && args.len() == 1)
    );
    assert!(matches!(ty_of(7), TypeKind::Generic { .. }));
    assert!(matches!(ty_of(8), TypeKind::Property { .. }));
    assert!(matches!(ty_of(9), TypeKind::AdditionalProperties(_)));
    assert!(matches!(ty_of(10), TypeKind::Index { index: Some(0), .. }));
    assert!(matches!(ty_of(11), TypeKind::Index { index: None, .. }));
}

#[test]
fn functions() {
    let text = "@export()\nfunc buildName(prefix string, n int) string => '${prefix}-${n}'\nfunc empty() object => {}\n";
    let file = parse_ok(text);
    let StatementKind::Function {
        name,
        params,
        return_type,
        body,
    } = &file.statements[0].kind
    else {
        panic!()
    };
    assert_eq!(name.name, "buildName");
    assert_eq!(params.len(), 2);
    assert_eq!(slice(text, params[1].span), "n int");
    assert!(matches!(&return_type.kind, TypeKind::Name(n) if n.name == "string"));
    assert!(matches!(&body.kind, ExprKind::String(s) if s.parts.len() == 3));
    assert_eq!(file.statements.len(), 2);
}

#[test]
fn imports_in_every_form() {
    let file = parse_ok(
        "import { a, b as c } from './types.bicep'\nimport {\n  d\n  e as f\n} from 'br/public:avm/utl/types/avm-common-types:0.6.1'\nimport * as ns from './x.bicep'\nimport 'az@1.0.0'\nimport 'kubernetes@1.0.0' with {\n  namespace: 'default'\n} as k8s\n",
    );
    let StatementKind::Import(Import::Symbols { items, from }) = &file.statements[0].kind else {
        panic!()
    };
    let names: Vec<_> = items.iter().map(|i| i.local_name().name.as_str()).collect();
    assert_eq!(names, ["a", "c"]);
    assert_eq!(items[1].name.name, "b");
    assert_eq!(from.as_plain().unwrap(), "./types.bicep");
    assert!(
        matches!(&file.statements[1].kind, StatementKind::Import(Import::Symbols { items, .. }) if items.len() == 2)
    );
    assert!(
        matches!(&file.statements[2].kind, StatementKind::Import(Import::Wildcard { alias, .. }) if alias.name == "ns")
    );
    assert!(matches!(
        &file.statements[3].kind,
        StatementKind::Import(Import::Provider {
            config: None,
            alias: None,
            ..
        })
    ));
    assert!(
        matches!(&file.statements[4].kind, StatementKind::Import(Import::Provider { config: Some(_), alias: Some(a), .. }) if a.name == "k8s")
    );
}

#[test]
fn extensions_and_providers() {
    let file = parse_ok(
        "extension microsoftGraphV1\nextension 'kubernetes@1.0.0' with {\n  namespace: 'x'\n  kubeConfig: cfg\n} as k8s\nprovider 'az@1.0.0'\n",
    );
    assert_eq!(file.statements.len(), 3);
    assert!(
        matches!(&file.statements[0].kind, StatementKind::Extension { spec, alias: None, .. } if matches!(spec.kind, ExprKind::Variable(_)))
    );
    assert!(matches!(
        &file.statements[1].kind,
        StatementKind::Extension {
            config: Some(_),
            alias: Some(_),
            ..
        }
    ));
    assert!(
        matches!(&file.statements[2].kind, StatementKind::Extension { keyword, .. } if keyword.name == "provider")
    );
}

#[test]
fn bicepparam_files() {
    let file = parse_ok(
        "using './main.bicep'\n\nextends './base.bicepparam'\nimport { names } from './shared.bicep'\nparam location = 'westeurope'\nparam tags = {\n  env: 'prod'\n}\nvar prefix = 'x'\nparam name = '${prefix}-sa'\nparam secret = az.getSecret('sub', 'rg', 'kv', 'name')\n",
    );
    assert!(
        matches!(&file.statements[0].kind, StatementKind::Using { path: Some(p), config: None } if p.as_plain().unwrap() == "./main.bicep")
    );
    assert!(matches!(
        &file.statements[1].kind,
        StatementKind::Extends { .. }
    ));
    assert!(matches!(
        &file.statements[3].kind,
        StatementKind::Param {
            ty: None,
            value: Some(_),
            ..
        }
    ));
    assert_eq!(file.statements.len(), 8);
    let using_none = parse_ok("using none\n");
    assert!(matches!(
        &using_none.statements[0].kind,
        StatementKind::Using { path: None, .. }
    ));
    let stack = parse_ok(
        "using 'main.bicep' with {\n  mode: 'stack'\n  name: string(externalInput('stack.setting', 'name'))\n}\nparam aligned     = readEnvironmentVariable('X', 'default')\n",
    );
    assert!(matches!(
        &stack.statements[0].kind,
        StatementKind::Using {
            path: Some(_),
            config: Some(_)
        }
    ));
    assert_eq!(stack.statements.len(), 2);
}

#[test]
fn tests_of_the_test_framework() {
    let text = "test storageTest 'main.bicep' = {\n  params: {\n    name: 'x'\n  }\n}\nparam test string\n";
    let (file, resolution) = resolved(text);
    assert!(
        matches!(&file.statements[0].kind, StatementKind::Test { name, path, .. } if name.name == "storageTest" && path.as_plain().unwrap() == "main.bicep")
    );
    assert!(
        resolution.errors.is_empty(),
        "tests have names of their own"
    );
}

#[test]
fn asserts() {
    assert!(
        matches!(only_statement("assert nameOk = length(name) < 24\n"), StatementKind::Assert { name, .. } if name.name == "nameOk")
    );
}

#[test]
fn string_escapes() {
    let value = var_value(r"'it\'s \\ \n\r\t \${x} \u{1F600}'");
    assert_eq!(plain(&value), "it's \\ \n\r\t ${x} \u{1F600}");
}

#[test]
fn interpolation_inside_interpolation() {
    let text = "var x = 'a${'b${c}d'}e${f({ g: 1 })}'\n";
    let file = parse_ok(text);
    let StatementKind::Var { value, .. } = &file.statements[0].kind else {
        panic!()
    };
    let ExprKind::String(s) = &value.kind else {
        panic!()
    };
    assert_eq!(s.parts.len(), 4);
    assert!(matches!(&s.parts[0], StringPart::Text { value, .. } if value == "a"));
    let StringPart::Interpolation(inner) = &s.parts[1] else {
        panic!()
    };
    assert_eq!(slice(text, inner.span), "'b${c}d'");
    let ExprKind::String(inner) = &inner.kind else {
        panic!()
    };
    assert!(
        matches!(&inner.parts[1], StringPart::Interpolation(Expr { kind: ExprKind::Variable(v), .. }) if v.name == "c")
    );
    assert!(matches!(
        &s.parts[3],
        StringPart::Interpolation(Expr {
            kind: ExprKind::Call { .. },
            ..
        })
    ));
    assert_eq!(slice(text, value.span), "'a${'b${c}d'}e${f({ g: 1 })}'");
}

#[test]
fn multiline_strings_keep_quotes_and_dollars() {
    let value = var_value("'''\nit's ${not} \\n interpolated\n'''");
    assert_eq!(plain(&value), "it's ${not} \\n interpolated\n");
    let value = var_value("''''quoted''''");
    assert_eq!(plain(&value), "'quoted'");
}

#[test]
fn objects_and_arrays_in_both_forms() {
    let value = var_value("{ a: 1, 'b-c': [1, 2], '${k}': true }");
    let ExprKind::Object(items) = &value.kind else {
        panic!()
    };
    assert_eq!(items.len(), 3);
    let ObjectItem::Property(third) = &items[2] else {
        panic!()
    };
    assert!(matches!(&third.key, PropertyKey::String(s) if s.as_plain().is_none()));
    let value = var_value(
        "{\n  a: 1\n  resource: 'keyword as key'\n  if: 2\n\n  b: [\n    'x'\n    -1\n    [0]\n  ]\n}",
    );
    let ExprKind::Object(items) = &value.kind else {
        panic!()
    };
    assert_eq!(items.len(), 4);
    let ObjectItem::Property(b) = &items[3] else {
        panic!()
    };
    let ExprKind::Array(elements) = &b.value.kind else {
        panic!()
    };
    assert_eq!(
        elements.len(),
        3,
        "a line break separates items: -1 is not a subtraction"
    );
}

#[test]
fn spread_in_objects_and_arrays() {
    let value = var_value("{\n  ...base\n  ...(cond\n    ? { x: 1 }\n    : {})\n  y: 2\n}");
    let ExprKind::Object(items) = &value.kind else {
        panic!()
    };
    assert!(
        matches!(&items[0], ObjectItem::Spread { expr, .. } if matches!(expr.kind, ExprKind::Variable(_)))
    );
    assert!(matches!(&items[1], ObjectItem::Spread { .. }));
    let value = var_value("[...a, ...b, 1]");
    let ExprKind::Array(items) = &value.kind else {
        panic!()
    };
    assert!(matches!(&items[1], ArrayItem::Spread { .. }));
}

#[test]
fn accessors_safe_and_non_null() {
    let value = var_value("a.?b[?0].c!.d::e['f']");
    let mut kinds = Vec::new();
    let mut current = &value;
    loop {
        current = match &current.kind {
            ExprKind::Property { base, safe, .. } => {
                kinds.push(if *safe { ".?" } else { "." });
                base
            }
            ExprKind::Index { base, safe, .. } => {
                kinds.push(if *safe { "[?]" } else { "[]" });
                base
            }
            ExprKind::ChildResource { base, .. } => {
                kinds.push("::");
                base
            }
            ExprKind::NonNull(base) => {
                kinds.push("!");
                base
            }
            ExprKind::Variable(_) => break,
            other => panic!("{other:?}"),
        };
    }
    kinds.reverse();
    assert_eq!(kinds, [".?", "[?]", ".", "!", ".", "::", "[]"]);
}

#[test]
fn calls_with_namespaces() {
    let value =
        var_value("sys.concat(az.resourceGroup().location, storage.listKeys().keys[0].value)");
    let ExprKind::Call {
        base: Some(base),
        name,
        args,
    } = &value.kind
    else {
        panic!("{value:?}")
    };
    assert!(matches!(&base.kind, ExprKind::Variable(n) if n.name == "sys"));
    assert_eq!(name.name, "concat");
    assert_eq!(args.len(), 2);
    let value = var_value("union(\n  a,\n  {\n    b: 1\n  }\n)");
    assert!(matches!(&value.kind, ExprKind::Call { args, .. } if args.len() == 2));
}

fn shape(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Binary { op, left, right } => {
            format!("({} {op:?} {})", shape(left), shape(right))
        }
        ExprKind::Unary { op, operand } => format!("({op:?} {})", shape(operand)),
        ExprKind::Ternary {
            condition,
            then,
            otherwise,
        } => format!(
            "({} ? {} : {})",
            shape(condition),
            shape(then),
            shape(otherwise)
        ),
        ExprKind::Variable(v) => v.name.clone(),
        ExprKind::Integer(i) => i.to_string(),
        ExprKind::NonNull(e) => format!("{}!", shape(e)),
        ExprKind::Parenthesized(e) => shape(e),
        other => format!("{other:?}"),
    }
}

#[test]
fn operator_precedence_and_associativity() {
    let cases = [
        ("a + b * c - d", "((a Add (b Multiply c)) Subtract d)"),
        ("a || b && c == d", "(a Or (b And (c Equals d)))"),
        ("a ?? b || c", "(a Coalesce (b Or c))"),
        ("a ?? b ?? c", "((a Coalesce b) Coalesce c)"),
        (
            "a < b == c >= d",
            "((a Less b) Equals (c GreaterOrEqual d))",
        ),
        (
            "!a && -b % 2 != 0",
            "((Not a) And (((Minus b) Modulo 2) NotEquals 0))",
        ),
        ("a ? b : c ? d : e", "(a ? b : (c ? d : e))"),
        (
            "a =~ b || c !~ d",
            "((a EqualsInsensitive b) Or (c NotEqualsInsensitive d))",
        ),
        ("a! ?? b", "(a! Coalesce b)"),
        ("a ?? b ? c : d", "((a Coalesce b) ? c : d)"),
    ];
    for (text, expected) in cases {
        assert_eq!(shape(&var_value(text)), expected, "{text}");
    }
}

#[test]
fn ternary_across_lines() {
    let value =
        var_value("cond\n  ? {\n      a: 1\n    }\n  : !empty(x)\n      ? 'y'\n      : null");
    let ExprKind::Ternary { otherwise, .. } = &value.kind else {
        panic!("{value:?}")
    };
    assert!(matches!(otherwise.kind, ExprKind::Ternary { .. }));
}

#[test]
fn lambdas() {
    let value = var_value("map(items, item => item.name)");
    let ExprKind::Call { args, .. } = &value.kind else {
        panic!()
    };
    assert!(matches!(&args[1].kind, ExprKind::Lambda { params, .. } if params.len() == 1));
    let value = var_value("reduce(items, 0, (acc, next) => acc + next)");
    let ExprKind::Call { args, .. } = &value.kind else {
        panic!()
    };
    assert!(matches!(&args[2].kind, ExprKind::Lambda { params, .. } if params.len() == 2));
    assert!(
        matches!(var_value("() => 1").kind, ExprKind::Lambda { ref params, .. } if params.is_empty())
    );
    assert!(
        matches!(var_value("(a) + 1").kind, ExprKind::Binary { .. }),
        "parentheses without => are not a lambda"
    );
}

#[test]
fn for_expressions_in_values() {
    let value = var_value(
        "{\n  subnets: [for (s, i) in subnets: {\n    name: s.name\n  }]\n  ids: [for i in range(0, 3): i]\n  filtered: [for x in xs: if (x.enabled) {\n    n: x\n  }]\n}",
    );
    let ExprKind::Object(items) = &value.kind else {
        panic!()
    };
    assert_eq!(items.len(), 3);
    for item in items {
        let ObjectItem::Property(p) = item else {
            panic!()
        };
        assert!(matches!(p.value.kind, ExprKind::For(_)), "{p:?}");
    }
}

#[test]
fn integers_and_literals() {
    assert_eq!(
        var_value("9223372036854775807").kind,
        ExprKind::Integer(9_223_372_036_854_775_807)
    );
    assert_eq!(var_value("null").kind, ExprKind::Null);
    assert_eq!(var_value("true").kind, ExprKind::Bool(true));
    let errors = errors_of("var x = 99999999999999999999999\n");
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("integer too large"));
}

#[test]
fn comments_are_kept_with_spans() {
    let text = "// cloudsentinel:ignore:azure-storage-public reason\nresource sa 'A/b@1' = { // end of line\n  /* block\n  comment */ name: 'x'\n}\n#disable-next-line no-unused-params\nparam p string\n";
    let file = parse_ok(text);
    let comments: Vec<_> = file
        .comments
        .iter()
        .map(|c| (c.kind, c.text(text), c.starts_line))
        .collect();
    assert_eq!(
        comments,
        [
            (
                CommentKind::Line,
                "// cloudsentinel:ignore:azure-storage-public reason",
                true
            ),
            (CommentKind::Line, "// end of line", false),
            (CommentKind::Block, "/* block\n  comment */", true),
            (
                CommentKind::Pragma,
                "#disable-next-line no-unused-params",
                true
            ),
        ]
    );
}

#[test]
fn comments_do_not_break_statements() {
    let file = parse_ok(
        "param a string // trailing\n/* before */ param b int\nvar c = [\n  // inside\n  1 // after\n]\n",
    );
    assert_eq!(file.statements.len(), 3);
}

#[test]
fn crlf_line_endings_and_bom() {
    let file = parse_ok("\u{feff}param a string\r\nvar b = {\r\n  c: 1\r\n}\r\n// comment\r\n");
    assert_eq!(file.statements.len(), 2);
    assert_eq!(file.comments[0].span.len() as usize, "// comment".len());
}

#[test]
fn spans_point_at_the_written_text() {
    let text = "var value = concat('a', 'b')\n";
    let StatementKind::Var { name, value, .. } = only_statement(text) else {
        panic!()
    };
    assert_eq!(slice(text, name.span), "value");
    assert_eq!(slice(text, value.span), "concat('a', 'b')");
    let ExprKind::Call { args, .. } = &value.kind else {
        panic!()
    };
    assert_eq!(slice(text, args[1].span), "'b'");
    let ExprKind::String(s) = &args[1].kind else {
        panic!()
    };
    let StringPart::Text { span, .. } = &s.parts[0] else {
        panic!()
    };
    assert_eq!(slice(text, *span), "b");
}

// ----- errors -----

fn assert_located(text: &str, expected_message: &str) -> Vec<SyntaxError> {
    let errors = errors_of(text);
    assert!(
        errors.iter().any(|e| e.message.contains(expected_message)),
        "no error containing {expected_message:?} in {errors:?}"
    );
    for e in &errors {
        assert!(
            e.span.end as usize <= text.len()
                && text.is_char_boundary(e.span.start as usize)
                && text.is_char_boundary(e.span.end as usize),
            "{e:?}"
        );
    }
    errors
}

#[test]
fn missing_equals_after_param_type() {
    let errors = assert_located(
        "param a string 'x'\n",
        "expected '=' after the parameter's type",
    );
    assert_eq!(errors[0].span, TextRange::new(15, 18));
}

#[test]
fn unterminated_string() {
    let text = "var a = 'abc\nvar b = 1\n";
    let errors = assert_located(text, "unterminated string");
    assert_eq!(errors[0].span, TextRange::new(8, 12));
    let (file, _) = parse(text);
    assert!(
        file.statements
            .iter()
            .any(|s| matches!(&s.kind, StatementKind::Var { name, .. } if name.name == "b"))
    );
}

#[test]
fn unterminated_interpolation() {
    assert_located("var a = 'abc${x'\nvar b = 1\n", "unterminated");
    assert_located("var a = 'abc${x", "unterminated");
    let (file, errors) = parse("var a = 'a${b\nparam c string\n");
    assert!(!errors.is_empty());
    assert!(
        file.statements
            .iter()
            .any(|s| matches!(&s.kind, StatementKind::Param { .. })),
        "the next line is read normally"
    );
}

#[test]
fn unterminated_multiline_string_and_comment() {
    assert_located("var a = '''abc\n", "unterminated multi-line string");
    assert_located("var a = 1 /* abc\n", "unterminated comment");
}

#[test]
fn invalid_escapes() {
    assert_located(r"var a = 'a\qb'", "invalid escape");
    assert_located(r"var a = '\u{110000}'", "invalid escape");
    assert_located("var a = '\\é'", "invalid escape");
}

#[test]
fn missing_closing_brace_reports_and_recovers() {
    let text = "resource a 'A/b@1' = {\n  name: 'x'\n\nparam next string\noutput o string = next\n";
    let (file, errors) = parse(text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("'}' to close the object"),
        "{errors:?}"
    );
    assert_eq!(errors[0].span.start as usize, text.find("param").unwrap());
    assert_eq!(
        file.statements.len(),
        2,
        "the declarations after it are kept"
    );
}

#[test]
fn missing_closing_brace_before_a_decorated_declaration() {
    let text = "resource a 'A/b@1' = {\n  name: 'x'\n\n@description('p')\nparam p string\n";
    let (file, errors) = parse(text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].message,
        "expected '}' to close the object, found '@'"
    );
    assert_eq!(file.statements.len(), 1);
    assert_eq!(file.statements[0].decorators.len(), 1);
}

#[test]
fn one_error_per_bad_statement_and_the_rest_kept() {
    let text = "param a\nvar = 1\nvar ok = 1\noutput o string 1\nresource r 'A/b@1' = 5\nmodule m = {}\nvar alsoOk = 2\n";
    let (file, errors) = parse(text);
    assert_eq!(errors.len(), 5, "{errors:?}");
    let names: Vec<_> = file
        .statements
        .iter()
        .filter_map(|s| s.kind.name())
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(names, ["ok", "alsoOk"]);
    assert!(
        errors[0].message.contains("expected the parameter's type"),
        "{errors:?}"
    );
}

#[test]
fn garbage_bytes() {
    let errors = assert_located(
        "var a = 1\n\u{0}\u{7f}é€ ~~ $$\nvar b = ^\n",
        "unexpected character",
    );
    assert!(errors.len() >= 2, "{errors:?}");
    assert_located("¿param", "unexpected character");
}

#[test]
fn very_deep_nesting_is_an_error_not_a_crash() {
    let depth = 5000;
    for (open, close) in [
        ("(", ")"),
        ("[", "]"),
        ("{a:", "}"),
        ("'${", "}'"),
        ("!", ""),
        ("-", ""),
        ("x => ", ""),
    ] {
        let text = format!("var x = {}1{}\n", open.repeat(depth), close.repeat(depth));
        assert_located(&text, "nesting too deep");
    }
    let text = format!(
        "type t = {}string{}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    assert_located(&text, "nesting too deep");
    let nested = format!(
        "var x = {}1{}\n",
        "{\n a: ".repeat(2000),
        "\n}".repeat(2000)
    );
    assert_located(&nested, "nesting too deep");
}

#[test]
fn arbitrary_input_never_panics() {
    // Every prefix of a file using most of the grammar (each cut ends mid-construct), and
    // the same file with each byte replaced by a delimiter.
    let text = "@description('x')\nparam p ('a' | 'b')[]? = [\n  'a'\n]\nvar v = { a: '${p[?0]}${'n${1}'}', ...x }\nresource r 'A/b@1' = [for (x, i) in v: if (i > 0) {\n  name: x.?n ?? 'd'\n  resource c 'c' = {}\n}]\noutput o string = r[0]::c.id!\nfunc f(a int) int => a * 2\nimport {a as b} from 'x.bicep'\ntype t = { *: string, n: int? }\nvar l = map(v, (a, b) => '''\nm'''\n) // é\n";
    for end in 0..=text.len() {
        if let Some(prefix) = text.get(..end) {
            let _ = parse(prefix);
        }
    }
    let delimiters = b"{}[]()'$:?.!\n|@";
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let mut mutated = bytes.to_vec();
        mutated[i] = delimiters[i % delimiters.len()];
        let _ = parse(&String::from_utf8_lossy(&mutated));
    }
}

// ----- the corpus -----

/// Azure Verified Modules: real-world Bicep using every recent language feature, in the
/// shared corpora beside the work tree (as the Terraform corpus tests find theirs).
const CORPUS: &str = "corpora/bicep-registry-modules";

fn corpus_files() -> Option<Vec<PathBuf>> {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    let root = [beside, PathBuf::from("/work/shared")]
        .into_iter()
        .map(|shared| shared.join(CORPUS))
        .find(|p| p.is_dir())?;
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "bicep" || e == "bicepparam")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    Some(files)
}

#[test]
#[allow(clippy::print_stderr)] // says why the test did nothing
fn corpus_parses_without_errors() {
    let Some(files) = corpus_files() else {
        eprintln!("skipped: the Bicep corpus (shared/{CORPUS}) is absent");
        return;
    };
    assert!(files.len() > 1000, "{} files", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let (_, errors) = parse(&text);
        for e in errors.iter().take(3) {
            let line = text[..e.span.start as usize].matches('\n').count() + 1;
            failures.push(format!("{}:{line}: {}", path.display(), e.message));
        }
    }
    assert!(
        failures.is_empty(),
        "{} files, {} errors:\n{}",
        files.len(),
        failures.len(),
        failures.join("\n")
    );
}

/// `cargo test --release -p cloudsentinel-parser --lib bicep::tests::corpus_parse_time -- --ignored --nocapture`
#[test]
#[ignore = "a measurement, not a check"]
#[allow(clippy::print_stderr)] // the measurement is the output
fn corpus_parse_time() {
    let Some(files) = corpus_files() else {
        eprintln!("skipped: the Bicep corpus (shared/{CORPUS}) is absent");
        return;
    };
    let texts: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let started = std::time::Instant::now();
    let files: Vec<File> = texts.iter().map(|text| parse(text).0).collect();
    let parsing = started.elapsed();
    let statements: usize = files.iter().map(|f| f.statements.len()).sum();
    let started = std::time::Instant::now();
    let references: usize = files.iter().map(|f| resolve(f).references.len()).sum();
    let resolving = started.elapsed();
    eprintln!(
        "parsed {} files ({:.1} MB, {statements} statements) in {parsing:?} ({:.0} MB/s); \
         resolved {references} references in {resolving:?}",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / parsing.as_secs_f64()
    );
}

#[test]
fn long_operator_and_accessor_chains_are_limited() {
    for (piece, end) in [(" + 1", ""), (".a", ""), ("[0]", ""), ("!", "")] {
        let text = format!("var x = a{}{end}\n", piece.repeat(20_000));
        assert_located(&text, "nesting too deep");
    }
    let text = format!("param p string{}\n", "[]".repeat(20_000));
    assert_located(&text, "nesting too deep");
    // A realistic chain is far below the limit.
    parse_ok(&format!("var x = a{}\n", " && b".repeat(40)));
}

// ----- name resolution -----

fn resolved(text: &str) -> (File, Resolution) {
    let file = parse_ok(text);
    let resolution = resolve(&file);
    (file, resolution)
}

/// The symbol the `n`th occurrence (0-based) of `name` in `text` refers to.
fn target_of(text: &str, resolution: &Resolution, name: &str, n: usize) -> Option<Target> {
    let start = text.match_indices(name).nth(n)?.0;
    resolution.target_at(TextRange::new(start, start + name.len()))
}

fn symbol_of<'r>(
    text: &str,
    resolution: &'r Resolution,
    name: &str,
    n: usize,
) -> Option<&'r Symbol> {
    let start = text.match_indices(name).nth(n)?.0;
    resolution.symbol_at(TextRange::new(start, start + name.len()))
}

#[test]
fn top_level_names_resolve_to_their_declarations() {
    let text = "param location string\nvar prefix = 'sa'\nresource sa 'A/b@1' = {\n  name: '${prefix}x'\n  location: location\n}\nmodule m './m.bicep' = {\n  params: {\n    id: sa.id\n  }\n}\noutput out string = m.outputs.x\noutput location string = location\nmetadata location = 'not a conflict'\n";
    let (_, resolution) = resolved(text);
    assert!(resolution.errors.is_empty(), "{:?}", resolution.errors);
    assert_eq!(
        symbol_of(text, &resolution, "prefix", 1).map(|s| s.kind),
        Some(SymbolKind::Variable)
    );
    assert_eq!(
        symbol_of(text, &resolution, "location", 2).map(|s| s.kind),
        Some(SymbolKind::Parameter)
    );
    let sa = symbol_of(text, &resolution, "sa.id", 0);
    assert_eq!(
        sa.map(|s| (s.kind, s.name.as_str())),
        Some((SymbolKind::Resource, "sa"))
    );
    let decl = resolution.declared_at(sa.unwrap().name_span).unwrap();
    assert_eq!(decl.name, "sa");
    assert_eq!(
        symbol_of(text, &resolution, "m.outputs", 0).map(|s| s.kind),
        Some(SymbolKind::Module)
    );
    assert!(resolution.outputs.contains_key("location"));
}

#[test]
fn undeclared_and_duplicate_names_are_reported_with_spans() {
    let text = "param a string\nvar a = 1\nvar b = c\noutput o string = a\noutput o string = 'x'\n";
    let (_, resolution) = resolved(text);
    let messages: Vec<_> = resolution
        .errors
        .iter()
        .map(|e| (&text[e.span.as_range()], e.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [
            ("a", "'a' is declared more than once"),
            ("c", "'c' is not declared"),
            ("o", "'o' is declared more than once"),
        ]
    );
    assert_eq!(resolution.errors[0].span.start, 19);
}

#[test]
fn loop_variables_and_lambda_parameters_are_scoped_to_their_body() {
    let text = "var names = [for (n, i) in items: '${n}-${i}']\nvar m = map(names, x => x)\nvar after = x\nvar items = [1]\n";
    let (_, resolution) = resolved(text);
    let errors: Vec<_> = resolution
        .errors
        .iter()
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(errors, ["'x' is not declared"]);
    assert_eq!(
        symbol_of(text, &resolution, "n}", 0).map(|s| s.kind),
        Some(SymbolKind::LoopItem)
    );
    assert_eq!(
        symbol_of(text, &resolution, "i}", 0).map(|s| s.kind),
        Some(SymbolKind::LoopIndex)
    );
    assert_eq!(
        symbol_of(text, &resolution, "x)", 0).map(|s| s.kind),
        Some(SymbolKind::LambdaParameter)
    );
    assert_eq!(
        symbol_of(text, &resolution, "items", 0).map(|s| s.kind),
        Some(SymbolKind::Variable),
        "declared after its use: Bicep's declarations are unordered"
    );
}

#[test]
fn nested_resources_resolve_inside_their_parent_and_through_double_colon() {
    let text = "resource vnet 'A/v@1' = [for i in range(0, 2): {\n  name: 'v${i}'\n  resource subnet 'subnets' = {\n    name: 's'\n    resource deep 'x' = {\n      name: subnet.name\n    }\n  }\n}]\noutput id string = vnet[0]::subnet::deep.id\noutput bad string = vnet[0]::nope.id\nvar hidden = subnet.id\n";
    let (_, resolution) = resolved(text);
    let errors: Vec<_> = resolution
        .errors
        .iter()
        .map(|e| (&text[e.span.as_range()], e.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("nope", "resource 'vnet' declares no nested resource 'nope'"),
            ("subnet", "'subnet' is not declared"),
        ]
    );
    let deep = symbol_of(text, &resolution, "deep", 1).unwrap();
    assert_eq!(deep.kind, SymbolKind::Resource);
    let parent = resolution.symbols[deep.parent.unwrap()].clone();
    assert_eq!(parent.name, "subnet");
    assert_eq!(
        resolution.symbols[parent.parent.unwrap()].name,
        "vnet",
        "a nested resource knows its parent"
    );
    assert_eq!(
        symbol_of(text, &resolution, "subnet.name", 0).map(|s| s.name.as_str()),
        Some("subnet")
    );
}

#[test]
fn functions_types_imports_and_namespaces() {
    let text = "import { lockType, roleType as role } from 'br/public:avm/utl/types/avm-common-types:0.6.1'\nimport * as shared from './shared.bicep'\nextension 'kubernetes@1.0.0' as k8s\ntype pair = { lock: lockType?, roles: role[], other: shared.thing, s: sys.string }\nparam p pair\nfunc twice(n int) int => n * 2\nvar four = twice(2)\nvar lower = toLower(sys.concat('A', az.resourceGroup().name))\nvar fromShared = shared.helper(1)\nparam notAType p\nparam unknownType widget\n";
    let (_, resolution) = resolved(text);
    let errors: Vec<_> = resolution
        .errors
        .iter()
        .map(|e| (&text[e.span.as_range()], e.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("p", "'p' is not a type"),
            ("widget", "type 'widget' is not declared"),
        ]
    );
    assert_eq!(
        symbol_of(text, &resolution, "lockType", 1).map(|s| s.kind),
        Some(SymbolKind::ImportedSymbol)
    );
    assert_eq!(
        symbol_of(text, &resolution, "role[]", 0).map(|s| s.name.as_str()),
        Some("role")
    );
    assert_eq!(
        symbol_of(text, &resolution, "shared.thing", 0).map(|s| s.kind),
        Some(SymbolKind::ImportedNamespace)
    );
    assert_eq!(
        symbol_of(text, &resolution, "twice", 1).map(|s| s.kind),
        Some(SymbolKind::Function)
    );
    assert_eq!(
        symbol_of(text, &resolution, "n * 2", 0).map(|s| s.kind),
        Some(SymbolKind::FunctionParameter)
    );
    assert_eq!(
        target_of(text, &resolution, "toLower", 0),
        Some(Target::BuiltinFunction)
    );
    assert_eq!(
        target_of(text, &resolution, "sys.concat", 0),
        Some(Target::BuiltinNamespace)
    );
    assert_eq!(
        target_of(text, &resolution, "string", 0),
        None,
        "`string` in `sys.string` is a member, not a reference"
    );
    assert_eq!(
        target_of(text, &resolution, "int", 0),
        Some(Target::BuiltinType)
    );
    assert_eq!(
        symbol_of(text, &resolution, "k8s", 0).map(|s| s.kind),
        None,
        "a declaration is not a reference"
    );
    assert_eq!(
        resolution
            .top_level
            .get("k8s")
            .map(|&id| resolution.symbols[id].kind),
        Some(SymbolKind::Extension)
    );
}

#[test]
fn bicepparam_names_resolve() {
    let text = "using './main.bicep'\nvar prefix = 'x'\nparam name = '${prefix}-sa'\nparam secret = az.getSecret('s', 'rg', 'kv', 'n')\n";
    let (_, resolution) = resolved(text);
    assert!(resolution.errors.is_empty(), "{:?}", resolution.errors);
    assert_eq!(
        symbol_of(text, &resolution, "prefix", 1).map(|s| s.kind),
        Some(SymbolKind::Variable)
    );
}

#[test]
#[allow(clippy::print_stderr)] // says why the test did nothing
fn corpus_resolves_without_errors() {
    let Some(files) = corpus_files() else {
        eprintln!("skipped: the Bicep corpus (shared/{CORPUS}) is absent");
        return;
    };
    let mut failures = Vec::new();
    let mut references = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let (file, _) = parse(&text);
        let resolution = resolve(&file);
        references += resolution.references.len();
        for e in resolution.errors.iter().take(3) {
            let line = text[..e.span.start as usize].matches('\n').count() + 1;
            failures.push(format!("{}:{line}: {}", path.display(), e.message));
        }
    }
    assert!(references > 50_000, "{references} references");
    assert!(
        failures.is_empty(),
        "{} errors:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn unindented_bodies_are_not_taken_for_a_missing_brace() {
    let file = parse_ok(
        "resource parent 'A/b@1' = {\nname: 'p'\nresource child 'c' = {\nname: 'c'\n}\n}\nvar list = [\nparam\n]\n",
    );
    assert_eq!(file.statements.len(), 2);
}

/// Checks that every node's span lies inside its parent's, on character boundaries.
struct SpanChecker<'a> {
    text: &'a str,
    nodes: usize,
}

impl SpanChecker<'_> {
    fn check(&mut self, parent: TextRange, child: TextRange, what: &str) {
        self.nodes += 1;
        assert!(
            parent.contains_range(child)
                && self.text.is_char_boundary(child.start as usize)
                && self.text.is_char_boundary(child.end as usize),
            "{what} {child:?} outside {parent:?}: {:?} in {:?}",
            self.text.get(child.as_range()),
            self.text.get(parent.as_range())
        );
    }

    fn statement(&mut self, parent: TextRange, s: &Statement) {
        self.check(parent, s.span, "statement");
        let p = s.span;
        for d in &s.decorators {
            self.check(p, d.span, "decorator");
            self.expr(d.span, &d.expr);
        }
        if let Some(name) = s.kind.name() {
            self.check(p, name.span, "name");
        }
        match &s.kind {
            StatementKind::TargetScope { value }
            | StatementKind::Metadata { value, .. }
            | StatementKind::Assert { value, .. } => self.expr(p, value),
            StatementKind::Param { ty, value, .. } => {
                if let Some(ty) = ty {
                    self.ty(p, ty);
                }
                if let Some(value) = value {
                    self.expr(p, value);
                }
            }
            StatementKind::Var { ty, value, .. } => {
                if let Some(ty) = ty {
                    self.ty(p, ty);
                }
                self.expr(p, value);
            }
            StatementKind::Resource {
                type_string, body, ..
            } => {
                self.string(p, type_string);
                self.expr(p, body);
            }
            StatementKind::Module { path, body, .. } | StatementKind::Test { path, body, .. } => {
                self.string(p, path);
                self.expr(p, body);
            }
            StatementKind::Output { ty, value, .. } => {
                self.ty(p, ty);
                self.expr(p, value);
            }
            StatementKind::Type { value, .. } => self.ty(p, value),
            StatementKind::Function {
                params,
                return_type,
                body,
                ..
            } => {
                for param in params {
                    self.check(p, param.span, "function parameter");
                    self.ty(param.span, &param.ty);
                }
                self.ty(p, return_type);
                self.expr(p, body);
            }
            StatementKind::Import(Import::Symbols { items, from }) => {
                for item in items {
                    self.check(p, item.span, "import item");
                }
                self.string(p, from);
            }
            StatementKind::Import(Import::Wildcard { from, .. }) => self.string(p, from),
            StatementKind::Import(Import::Provider { spec, config, .. }) => {
                self.string(p, spec);
                if let Some(config) = config {
                    self.expr(p, config);
                }
            }
            StatementKind::Extension { spec, config, .. } => {
                self.expr(p, spec);
                if let Some(config) = config {
                    self.expr(p, config);
                }
            }
            StatementKind::Using { path, config } => {
                if let Some(path) = path {
                    self.string(p, path);
                }
                if let Some(config) = config {
                    self.expr(p, config);
                }
            }
            StatementKind::Extends { path } => self.string(p, path),
        }
    }

    fn string(&mut self, parent: TextRange, s: &StringLiteral) {
        self.check(parent, s.span, "string");
        for part in &s.parts {
            match part {
                StringPart::Text { span, .. } => self.check(s.span, *span, "text"),
                StringPart::Interpolation(e) => self.expr(s.span, e),
            }
        }
    }

    fn expr(&mut self, parent: TextRange, e: &Expr) {
        self.check(parent, e.span, "expression");
        let p = e.span;
        match &e.kind {
            ExprKind::String(s) => self.string(p, s),
            ExprKind::Array(items) => {
                for item in items {
                    match item {
                        ArrayItem::Value(v) => self.expr(p, v),
                        ArrayItem::Spread { expr, span } => {
                            self.check(p, *span, "spread");
                            self.expr(*span, expr);
                        }
                    }
                }
            }
            ExprKind::Object(items) => {
                for item in items {
                    match item {
                        ObjectItem::Property(prop) => {
                            self.check(p, prop.span, "property");
                            self.check(prop.span, prop.key.span(), "key");
                            self.expr(prop.span, &prop.value);
                        }
                        ObjectItem::Spread { expr, span } => {
                            self.check(p, *span, "spread");
                            self.expr(*span, expr);
                        }
                        ObjectItem::Resource(s) => self.statement(p, s),
                    }
                }
            }
            ExprKind::Property { base, name, .. } | ExprKind::ChildResource { base, name } => {
                self.expr(p, base);
                self.check(p, name.span, "member");
            }
            ExprKind::Index { base, index, .. } => {
                self.expr(p, base);
                self.expr(p, index);
            }
            ExprKind::Call { base, name, args } => {
                if let Some(base) = base {
                    self.expr(p, base);
                }
                self.check(p, name.span, "function name");
                for a in args {
                    self.expr(p, a);
                }
            }
            ExprKind::Unary { operand: x, .. }
            | ExprKind::NonNull(x)
            | ExprKind::Parenthesized(x) => self.expr(p, x),
            ExprKind::Binary { left, right, .. } => {
                self.expr(p, left);
                self.expr(p, right);
            }
            ExprKind::Ternary {
                condition,
                then,
                otherwise,
            } => {
                self.expr(p, condition);
                self.expr(p, then);
                self.expr(p, otherwise);
            }
            ExprKind::Lambda { params, body } => {
                for param in params {
                    self.check(p, param.span, "lambda parameter");
                }
                self.expr(p, body);
            }
            ExprKind::For(f) => {
                for v in [&f.item, &f.index].into_iter().flatten() {
                    self.check(p, v.span, "loop variable");
                }
                self.expr(p, &f.iterable);
                self.expr(p, &f.body);
            }
            ExprKind::If { condition, body } => {
                self.expr(p, condition);
                self.expr(p, body);
            }
            ExprKind::Null | ExprKind::Bool(_) | ExprKind::Integer(_) | ExprKind::Variable(_) => {}
        }
    }

    fn ty(&mut self, parent: TextRange, t: &TypeExpr) {
        self.check(parent, t.span, "type");
        let p = t.span;
        match &t.kind {
            TypeKind::Name(n) => self.check(p, n.span, "type name"),
            TypeKind::Property { base, name } => {
                self.ty(p, base);
                self.check(p, name.span, "type member");
            }
            TypeKind::Index { base, .. }
            | TypeKind::AdditionalProperties(base)
            | TypeKind::Array(base)
            | TypeKind::Nullable(base)
            | TypeKind::NonNullable(base)
            | TypeKind::Parenthesized(base) => self.ty(p, base),
            TypeKind::Generic { name, args } => {
                self.check(p, name.span, "generic name");
                for a in args {
                    self.expr(p, a);
                }
            }
            TypeKind::Resource(s) => self.string(p, s),
            TypeKind::Literal(e) => self.expr(p, e),
            TypeKind::Object(items) => {
                for item in items {
                    match item {
                        ObjectTypeItem::Property {
                            decorators,
                            key,
                            ty,
                            span,
                        } => {
                            self.check(p, *span, "property type");
                            for d in decorators {
                                self.check(*span, d.span, "decorator");
                            }
                            self.check(*span, key.span(), "key");
                            self.ty(*span, ty);
                        }
                        ObjectTypeItem::Additional {
                            decorators,
                            ty,
                            span,
                        } => {
                            self.check(p, *span, "additional properties");
                            for d in decorators {
                                self.check(*span, d.span, "decorator");
                            }
                            self.ty(*span, ty);
                        }
                        ObjectTypeItem::Spread { ty, span } => {
                            self.check(p, *span, "spread");
                            self.ty(*span, ty);
                        }
                    }
                }
            }
            TypeKind::Tuple(items) => {
                for item in items {
                    for d in &item.decorators {
                        self.check(p, d.span, "decorator");
                    }
                    self.ty(p, &item.ty);
                }
            }
            TypeKind::Union(members) => {
                for m in members {
                    self.ty(p, m);
                }
            }
        }
    }
}

#[test]
fn corpus_spans_nest() {
    let Some(files) = corpus_files() else {
        return;
    };
    let mut nodes = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let (file, _) = parse(&text);
        let mut checker = SpanChecker {
            text: &text,
            nodes: 0,
        };
        for statement in &file.statements {
            checker.statement(file.span, statement);
        }
        for comment in &file.comments {
            checker.check(file.span, comment.span, "comment");
        }
        nodes += checker.nodes;
    }
    assert!(nodes > 400_000, "{nodes} nodes");
}

#[test]
fn type_forms_from_the_language_reference() {
    let text = "type lone = | 'only'\ntype pairs = ['a', 'b']\n|['c']\ntype mixed = ('x'|{ k: '*' }|5|-5|!false|null)[]\ntype maybe = string?\ntype sure = maybe!\ntype group = (a | b)!\ntype spaced = int [] [] ?\ntype items = list[*]\ntype values = dict.*\nparam inline {\n  a: string\n  b: 1|2\n  c: sys.bool\n} = {\n  a: 'x'\n  b: 1\n  c: true\n}\nparam u {p: 'x'}|{p: 'y'} = {p: 'y'}\ntype tuple = [\n  @description('first')\n  string\n\n  @description('second')\n  int\n]\n";
    let file = parse_ok(text);
    assert_eq!(file.statements.len(), 12);
    let ty = |i: usize| match &file.statements[i].kind {
        StatementKind::Type { value, .. } => value.kind.clone(),
        StatementKind::Param { ty: Some(ty), .. } => ty.kind.clone(),
        other => panic!("{other:?}"),
    };
    assert!(matches!(ty(0), TypeKind::Union(ref m) if m.len() == 1));
    assert!(matches!(ty(1), TypeKind::Union(ref m) if m.len() == 2));
    assert!(matches!(ty(4), TypeKind::NonNullable(_)));
    assert!(
        matches!(ty(6), TypeKind::Nullable(ref inner) if matches!(inner.kind, TypeKind::Array(_)))
    );
    assert!(matches!(ty(10), TypeKind::Union(_)));
    assert!(
        matches!(ty(11), TypeKind::Tuple(ref items) if items.len() == 2 && items[1].decorators.len() == 1)
    );
}

#[test]
fn extension_and_import_forms_from_the_language_reference() {
    let text = "extension az\nextension kubernetes as k8s\nextension 'br:mcr.microsoft.com/bicep/extensions/x/v1:1.2.3' with {\n  key: value\n} as ext\nimport {\n  'not-an-identifier' as renamed\n  other\n} from 'modules/mod.json'\nvar loc = az.resourceGroup().location\nvar cfg = k8s.config.namespace\nvar call = like ('abc', 'a*')\nfunc multi(\n  a bool,\n  b string\n) string => a ? b : ''\nvar value = renamed\n";
    let (file, resolution) = resolved(text);
    assert_eq!(file.statements.len(), 9);
    assert!(resolution.errors.is_empty(), "{:?}", resolution.errors);
    assert_eq!(
        symbol_of(text, &resolution, "az.", 0).map(|s| s.kind),
        Some(SymbolKind::Extension),
        "`extension az` declares the namespace"
    );
    assert_eq!(
        symbol_of(text, &resolution, "k8s.config", 0).map(|s| s.kind),
        Some(SymbolKind::Extension)
    );
    let unaliased = resolve(&parse_ok(
        "extension 'kubernetes@1.0.0'\nextension 'br:mcr.microsoft.com/bicep/x/v1:1.2.3'\n",
    ));
    let mut names: Vec<_> = unaliased.top_level.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        ["kubernetes"],
        "a registry reference names no namespace"
    );
    assert_eq!(
        symbol_of(text, &resolution, "renamed", 1).map(|s| s.kind),
        Some(SymbolKind::ImportedSymbol)
    );
}

#[test]
fn keywords_as_names_and_loose_layouts() {
    let text = "var if = true\nvar for = if && !if\nparam resource bool = true\nvar cmp = {\n  a: 1\n} == {\n  a: 1\n}\nvar loop = [\n  /* before */ for i in range(0, 3) : i\n  // after\n]\nvar braces = '{${1}{0}${true}}'\nvar dollars = 'a$b${2}c$'\nvar emptyLines = concat([\n\n], [\n  true\n])\nvar conditional = true ? {\n  p: {}\n} : {}\n";
    let (file, resolution) = resolved(text);
    assert_eq!(file.statements.len(), 9);
    assert!(resolution.errors.is_empty(), "{:?}", resolution.errors);
    let StatementKind::Var { value, .. } = &file.statements[6].kind else {
        panic!()
    };
    let ExprKind::String(s) = &value.kind else {
        panic!()
    };
    assert!(matches!(&s.parts[0], StringPart::Text { value, .. } if value == "a$b"));
    assert!(matches!(&s.parts[2], StringPart::Text { value, .. } if value == "c$"));
}

/// Parses and resolves every `.bicep` and `.bicepparam` file under the directory named by
/// `BICEP_SAMPLES` (valid files from elsewhere, kept out of the repository) and prints
/// each error: `BICEP_SAMPLES=dir cargo test -p cloudsentinel-parser --lib bicep::tests::samples_directory -- --ignored --nocapture`.
#[test]
#[ignore = "reads a directory named by BICEP_SAMPLES"]
#[allow(clippy::print_stderr)] // the errors are the output
fn samples_directory() {
    let Some(dir) = std::env::var_os("BICEP_SAMPLES") else {
        eprintln!("skipped: BICEP_SAMPLES is not set");
        return;
    };
    let mut stack = vec![PathBuf::from(dir)];
    let mut errors = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if !path
                .extension()
                .is_some_and(|e| e == "bicep" || e == "bicepparam")
            {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let started = std::time::Instant::now();
            let (file, syntax) = parse(&text);
            let names = resolve(&file);
            eprintln!(
                "{}: {} bytes in {:?}",
                path.display(),
                text.len(),
                started.elapsed()
            );
            let located = syntax
                .iter()
                .map(|e| (e.span, e.message.as_str()))
                .chain(names.errors.iter().map(|e| (e.span, e.message.as_str())));
            for (span, message) in located {
                let line = text
                    .get(..span.start as usize)
                    .unwrap_or("")
                    .matches('\n')
                    .count()
                    + 1;
                if errors < 50 {
                    eprintln!("{}:{line}: {message}", path.display());
                }
                errors += 1;
            }
        }
    }
    eprintln!("{errors} errors");
}

#[test]
fn resource_bodies_after_a_line_break_and_decorated_nested_loops() {
    let text = "resource vm 'A/vm@1' =\n    if (deploy) {\n  name: 'vm'\n}\nresource sql 'A/s@1' = {\n  name: 's'\n\n  @batchSize(1)\n  @description('dbs')\n  resource dbs 'databases' = [for db in names: {\n    name: db\n  }]\n}\nresource nets 'A/v@1' = [for i in range(0, 3): {\n  name: 'v${i}'\n  properties: {\n    subnets: [for i in range(0, 4): {\n      name: 's${i}'\n    }]\n  }\n}]\noutput first string = sql::dbs[0].name\nparam deploy bool\nvar names = ['a']\n";
    let (file, resolution) = resolved(text);
    assert_eq!(file.statements.len(), 6);
    assert!(resolution.errors.is_empty(), "{:?}", resolution.errors);
    let StatementKind::Resource { body, .. } = &file.statements[1].kind else {
        panic!()
    };
    let ExprKind::Object(items) = &body.kind else {
        panic!()
    };
    let ObjectItem::Resource(dbs) = &items[1] else {
        panic!("{items:?}")
    };
    assert_eq!(dbs.decorators.len(), 2);
    assert!(text[dbs.span.as_range()].starts_with("@batchSize(1)"));
}

#[test]
fn lambdas_across_lines_and_in_parentheses() {
    let text = "var a = toObject(list, x =>\n\n  x.name)\nvar b = toObject(list, i => '${i}', i => // why\n{\n  even: (i % 2) == 0\n})\nvar c = reduce(list, '', (\n  // accumulated\n  cur,\n  next\n) => concat(cur, next))\nvar d = map([1], (i => '${i}'))\nvar e = reduce(list, '', (cur, next, i) => i > 0 ? cur : next)\nvar list = []\n";
    let (file, resolution) = resolved(text);
    assert_eq!(file.statements.len(), 6);
    assert!(resolution.errors.is_empty(), "{:?}", resolution.errors);
    let StatementKind::Var { value, .. } = &file.statements[3].kind else {
        panic!()
    };
    let ExprKind::Call { args, .. } = &value.kind else {
        panic!()
    };
    assert!(
        matches!(&args[1].kind, ExprKind::Parenthesized(inner) if matches!(inner.kind, ExprKind::Lambda { .. }))
    );
}

#[test]
fn a_declaration_read_into_by_an_unclosed_parenthesis_is_parsed_again() {
    let text = "var a = concat(\nvar b = 1\noutput c int = (\n@description('d')\nparam d string\n";
    let (file, errors) = parse(text);
    let names: Vec<_> = file
        .statements
        .iter()
        .filter_map(|s| s.kind.name())
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(names, ["b", "d"]);
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn an_operator_ending_a_line_is_missing_its_operand() {
    let text = "var a = 1 +\nvar b = 2\nvar c = (1 +\n  2)\n";
    let (file, errors) = parse(text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].message,
        "expected an expression, found the end of the line"
    );
    assert_eq!(errors[0].span, TextRange::new(11, 11));
    assert_eq!(file.statements.len(), 2, "b and c");
}

#[test]
fn errors_are_capped() {
    let garbage = format!(
        "var x = '{}'\n{}",
        "\\q".repeat(5000),
        "var = \n".repeat(5000)
    );
    let errors = errors_of(&garbage);
    assert_eq!(errors.len(), MAX_ERRORS);
}

#[test]
fn many_decorators_then_garbage_recover_in_linear_time() {
    // Recovery re-reads only the last swallowed declaration; re-reading each would be
    // quadratic here.
    let text = format!("{}garbage\n", "@a()\n".repeat(50_000));
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
}

#[test]
fn comments_attached_to_a_declaration() {
    let text = "// far: a blank line follows\n\n// cloudsentinel:ignore:a first\n/* second */\nresource sa 'A/b@1' = { // cloudsentinel:ignore:b end of line\n  // above the property\n  name: 'x' // after the property\n}\nvar v = 1 /* not a start */ // tail\n";
    let file = parse_ok(text);
    let texts = |start: usize| -> Vec<&str> {
        file.comments_attached_to(text, start as u32)
            .iter()
            .map(|c| c.text(text))
            .collect()
    };
    let resource = text.find("resource").unwrap();
    assert_eq!(
        texts(resource),
        [
            "// cloudsentinel:ignore:a first",
            "/* second */",
            "// cloudsentinel:ignore:b end of line"
        ]
    );
    assert_eq!(
        texts(text.find("name:").unwrap()),
        ["// above the property", "// after the property"]
    );
    assert_eq!(
        texts(text.find("var v").unwrap()),
        ["/* not a start */", "// tail"]
    );
    assert!(texts(0).is_empty(), "a comment does not belong to itself");
}

#[test]
fn function_bodies_see_only_parameters_functions_types_and_imports() {
    let text = "import { helper } from './h.bicep'\nparam prefix string\nfunc inner(n int) int => n\nfunc outer(n int) string => '${prefix}-${inner(n)}-${helper(n)}'\n";
    let (_, resolution) = resolved(text);
    let errors: Vec<_> = resolution
        .errors
        .iter()
        .map(|e| &text[e.span.as_range()])
        .collect();
    assert_eq!(errors, ["prefix"], "{:?}", resolution.errors);
}
