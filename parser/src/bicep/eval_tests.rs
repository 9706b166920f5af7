//! Tests of the Bicep evaluator: what a `.bicep` file lowers to.

use super::{BicepOptions, evaluate};
use crate::arm::{ArmCondition, ArmDeployment, ArmResource};
use crate::dynvalue::Dyn;
use cloudsentinel_model::SourceDb;
use indexmap::IndexMap;
use std::path::Path;

fn run_with(text: &str, opts: &BicepOptions) -> (SourceDb, ArmDeployment) {
    let db = SourceDb::new();
    let file = db.add("main.bicep", text);
    let dep = evaluate(&db, file, opts);
    (db, dep)
}

fn run(text: &str) -> ArmDeployment {
    let (_, dep) = run_with(text, &BicepOptions::default());
    assert!(dep.errors.is_empty(), "{:?}", dep.errors);
    dep
}

fn json(d: &Dyn) -> serde_json::Value {
    d.to_json()
        .unwrap_or(serde_json::Value::String("<unknown>".into()))
}

fn prop(r: &ArmResource, path: &[&str]) -> serde_json::Value {
    r.get(path).map_or(serde_json::Value::Null, json)
}

fn output(dep: &ArmDeployment, name: &str) -> serde_json::Value {
    json(&dep.outputs[name])
}

/// Writes `files` under a fresh directory and evaluates the first with it as the root.
fn run_files(files: &[(&str, &str)]) -> (SourceDb, ArmDeployment) {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
    }
    let db = SourceDb::new();
    let main = dir.path().join(files[0].0);
    let text = std::fs::read_to_string(&main).unwrap();
    let file = db.add(main, text);
    let opts = BicepOptions {
        root: Some(dir.path().join(Path::new(files[0].0).parent().unwrap())),
        ..Default::default()
    };
    let dep = evaluate(&db, file, &opts);
    (db, dep)
}

#[test]
fn parameters_defaults_variables_and_interpolation() {
    let dep = run(r"
param prefix string = 'st'
param count int = 2
param given string
@allowed(['a', 'b'])
param choice string = 'a'
var name = '${prefix}${count * 3}x'
var obj = { a: 1, b: { c: [1, 2, 3] } }
var merged = { ...obj, d: obj.b.c[1] + 10, e: obj.?missing ?? 'dflt' }
var arr = [0, ...obj.b.c]
output name string = name
output merged object = merged
output arr array = arr
output given string = given
output cmp bool = count >= 2 && !(prefix == 'x') && 'A' =~ 'a'
output tern string = count > 5 ? 'big' : 'small'
output fn string = toUpper(concat(prefix, '-', string(count)))
output lam array = map(filter(arr, x => x > 1), (x, i) => x * 10 + i)
output obj2 object = toObject(['a', 'b'], k => k, k => length(k))
output red int = reduce(arr, 0, (acc, x) => acc + x)
output sorted array = sort([3, 1, 2, 1, 5, 4], (a, b) => a < b)
output byName array = sort([{ n: 'b', i: 0 }, { n: 'a', i: 1 }, { n: 'b', i: 2 }], (a, b) => a.n < b.n)
");
    assert_eq!(
        output(&dep, "sorted"),
        serde_json::json!([1, 1, 2, 3, 4, 5])
    );
    assert_eq!(
        output(&dep, "byName"),
        serde_json::json!([{"n": "a", "i": 1}, {"n": "b", "i": 0}, {"n": "b", "i": 2}]),
        "stable"
    );
    assert_eq!(output(&dep, "name"), serde_json::json!("st6x"));
    assert_eq!(
        output(&dep, "merged"),
        serde_json::json!({"a": 1, "b": {"c": [1, 2, 3]}, "d": 12, "e": "dflt"})
    );
    assert_eq!(output(&dep, "arr"), serde_json::json!([0, 1, 2, 3]));
    assert!(dep.outputs["given"].is_unknown());
    assert_eq!(output(&dep, "cmp"), serde_json::json!(true));
    assert_eq!(output(&dep, "tern"), serde_json::json!("small"));
    assert_eq!(output(&dep, "fn"), serde_json::json!("ST-2"));
    assert_eq!(output(&dep, "lam"), serde_json::json!([20, 31]));
    assert_eq!(output(&dep, "obj2"), serde_json::json!({"a": 1, "b": 1}));
    assert_eq!(output(&dep, "red"), serde_json::json!(6));
}

#[test]
fn given_parameters_replace_defaults() {
    let mut parameters = IndexMap::new();
    parameters.insert("https".to_string(), Dyn::bool(true));
    let (_, dep) = run_with(
        "param https bool = false\noutput o bool = https\n",
        &BicepOptions {
            parameters,
            ..Default::default()
        },
    );
    assert_eq!(output(&dep, "o"), serde_json::json!(true));
    // With every value of the deployment given, a nullable parameter left out is null.
    let text =
        "param opt string?\nparam req string\noutput o string? = opt\noutput r string = req\n";
    let (_, dep) = run_with(
        text,
        &BicepOptions {
            parameters_complete: true,
            ..Default::default()
        },
    );
    assert!(dep.outputs["o"].is_null());
    assert!(dep.outputs["r"].is_unknown());
    let (_, dep) = run_with(text, &BicepOptions::default());
    assert!(
        dep.outputs["o"].is_unknown(),
        "the deployer may pass any value"
    );
    // @allowed checks given values, not defaults.
    let text = "@allowed(['Standard_LRS', 'Standard_GRS'])\nparam sku string = 'Standard_LRS'\n@allowed(['a', 'b'])\nparam tags array = ['a']\noutput o string = sku\noutput t array = tags\n";
    let given = |sku: &str, tag: &str| {
        let mut parameters = IndexMap::new();
        parameters.insert("sku".to_string(), Dyn::string(sku));
        parameters.insert("tags".to_string(), Dyn::list(vec![Dyn::string(tag)]));
        let (_, dep) = run_with(
            text,
            &BicepOptions {
                parameters,
                ..Default::default()
            },
        );
        dep.errors
    };
    assert!(given("Standard_GRS", "b").is_empty());
    let errors = given("Premium_LRS", "c");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].message.contains("@allowed"));
}

#[test]
fn deployment_time_functions_are_unknown() {
    let dep = run(r"
param location string = resourceGroup().location
var stamp = utcNow()
output a string = location
output b string = stamp
output c string = subscription().subscriptionId
output d string = newGuid()
output e string = '${location}-x'
output f string = uniqueString('a')
");
    for o in ["a", "b", "c", "d", "e"] {
        assert!(dep.outputs[o].is_unknown(), "{o}");
    }
    assert!(dep.outputs["f"].as_str().is_some());
}

#[test]
fn resources_types_names_and_bodies() {
    let dep = run(r"
param httpsOnly bool = false
resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'acct'
  location: 'westeurope'
  kind: 'StorageV2'
  properties: {
    supportsHttpsTrafficOnly: httpsOnly
  }
  resource blob 'blobServices' = {
    name: 'default'
    properties: {}
  }
}
resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: storage::blob
  name: 'logs'
  properties: { publicAccess: 'None' }
}
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'vault'
}
output id string = storage.id
output blobName string = storage::blob.name
output https bool = storage.properties.supportsHttpsTrafficOnly
output endpoint string = storage.properties.primaryEndpoints.blob
output kvUri string = kv.properties.vaultUri
");
    let types: Vec<(&str, Option<&str>)> = dep
        .resources
        .iter()
        .map(|r| (r.resource_type.as_str(), r.name.as_str()))
        .collect();
    assert_eq!(
        types,
        vec![
            ("Microsoft.Storage/storageAccounts", Some("acct")),
            (
                "Microsoft.Storage/storageAccounts/blobServices",
                Some("acct/default")
            ),
            (
                "Microsoft.Storage/storageAccounts/blobServices/containers",
                Some("acct/default/logs")
            ),
            ("Microsoft.KeyVault/vaults", Some("vault")),
        ]
    );
    let storage = &dep.resources[0];
    assert_eq!(storage.api_version.as_deref(), Some("2023-01-01"));
    assert_eq!(storage.address, "storage");
    assert_eq!(
        prop(storage, &["properties", "supportsHttpsTrafficOnly"]),
        serde_json::json!(false)
    );
    assert_eq!(dep.resources[1].api_version.as_deref(), Some("2023-01-01"));
    assert_eq!(dep.resources[1].address, "storage.blob");
    assert!(dep.resources[3].existing);
    assert_eq!(
        dep.resources[0].key.as_deref(),
        Some("microsoft.storage/storageaccounts|acct")
    );
    let id = &dep.outputs["id"];
    assert!(id.is_unknown());
    assert_eq!(
        id.source_ref.as_deref(),
        Some("microsoft.storage/storageaccounts|acct")
    );
    assert_eq!(output(&dep, "blobName"), serde_json::json!("default"));
    assert_eq!(output(&dep, "https"), serde_json::json!(false));
    assert!(dep.outputs["endpoint"].is_unknown());
    assert!(dep.outputs["kvUri"].is_unknown());
}

#[test]
fn finding_locations_point_at_bicep_spans() {
    let text = "param httpsOnly bool = false\nresource s 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'a'\n  properties: {\n    supportsHttpsTrafficOnly: httpsOnly\n  }\n}\n";
    let dep = run(text);
    let v = dep.resources[0]
        .get(&["properties", "supportsHttpsTrafficOnly"])
        .unwrap();
    let range = v.loc.unwrap().range;
    assert_eq!(&text[range.start as usize..range.end as usize], "httpsOnly");
    assert!(text[..range.start as usize].ends_with("supportsHttpsTrafficOnly: "));
}

#[test]
fn loops_with_index_and_filter_and_conditions() {
    let dep = run(r"
param names array = ['a', 'b', 'c']
param unknownFlag bool
resource accounts 'Microsoft.Storage/storageAccounts@2023-01-01' = [for (n, i) in names: if (n != 'b') {
  name: '${n}${i}'
}]
resource off 'Microsoft.Storage/storageAccounts@2023-01-01' = if (false) {
  name: 'off'
}
resource maybe 'Microsoft.Storage/storageAccounts@2023-01-01' = if (unknownFlag) {
  name: 'maybe'
}
output names array = [for (a, i) in names: '${i}:${a}']
output picked array = [for a in names: if (a != 'a') { v: a }]
output second string = accounts[2].name
");
    let names: Vec<(String, Option<&str>, ArmCondition)> = dep
        .resources
        .iter()
        .map(|r| (r.address.clone(), r.name.as_str(), r.condition))
        .collect();
    assert_eq!(
        names,
        vec![
            (
                "accounts[0]".to_string(),
                Some("a0"),
                ArmCondition::Deployed
            ),
            (
                "accounts[2]".to_string(),
                Some("c2"),
                ArmCondition::Deployed
            ),
            ("maybe".to_string(), Some("maybe"), ArmCondition::Unknown),
        ]
    );
    assert_eq!(
        output(&dep, "names"),
        serde_json::json!(["0:a", "1:b", "2:c"])
    );
    assert_eq!(
        output(&dep, "picked"),
        serde_json::json!([{"v": "b"}, {"v": "c"}])
    );
    assert_eq!(output(&dep, "second"), serde_json::json!("c2"));
}

#[test]
fn a_loop_over_an_unknown_array_evaluates_one_unknown_instance() {
    let (_, dep) = run_with(
        "param xs array\nresource r 'Microsoft.Storage/storageAccounts@2023-01-01' = [for x in xs: {\n  name: x\n}]\n",
        &BicepOptions::default(),
    );
    assert_eq!(dep.resources.len(), 1);
    assert_eq!(dep.resources[0].address, "r[*]");
    assert_eq!(dep.resources[0].condition, ArmCondition::Unknown);
    assert!(dep.resources[0].name.is_unknown());
    assert!(!dep.notices.is_empty());
}

#[test]
fn loops_are_capped_at_arm_limit() {
    let (_, dep) = run_with(
        "resource r 'Microsoft.Storage/storageAccounts@2023-01-01' = [for i in range(0, 801): {\n  name: 'a${i}'\n}]\n",
        &BicepOptions::default(),
    );
    assert!(
        dep.errors.iter().any(|e| e.message.contains("800")),
        "{:?}",
        dep.errors
    );
}

#[test]
fn user_functions_are_evaluated() {
    let dep = run(
        "func double(x int) int => x * 2\nfunc name(p string, i int) string => '${p}-${double(i)}'\noutput o string = name('a', 4)\n",
    );
    assert_eq!(output(&dep, "o"), serde_json::json!("a-8"));
}

#[test]
fn suppression_comments_become_metadata_ignores() {
    let dep = run(
        "// cloudsentinel:ignore:azure-storage-http-allowed legacy clients\nresource s 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'a'\n}\n",
    );
    let ignores = crate::cloudformation::resources::read_ignores(
        &dep.resources[0].metadata,
        dep.resources[0].location,
    );
    assert_eq!(ignores.len(), 1);
    assert_eq!(ignores[0].id, "azure-storage-http-allowed");
    assert_eq!(ignores[0].reason.as_deref(), Some("legacy clients"));
}

#[test]
fn local_modules_get_params_and_give_outputs() {
    let (_, dep) = run_files(&[
        (
            "main.bicep",
            r"
module st './modules/storage.bicep' = {
  name: 'st-deploy'
  params: { accountName: 'fromcaller', https: false }
}
module many './modules/storage.bicep' = [for n in ['x', 'y']: {
  name: 'd-${n}'
  params: { accountName: n }
}]
module reg 'br/public:avm/res/storage/storage-account:0.9.0' = {
  name: 'reg'
  params: {}
}
output acct string = st.outputs.accountName
output left object = st.outputs.left
output regOut string = reg.outputs.x
",
        ),
        (
            "modules/storage.bicep",
            r"
param accountName string
param https bool = true
resource s 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: accountName
  properties: { supportsHttpsTrafficOnly: https }
}
output accountName string = s.name
output left object = { tags: tags, required: required }
param tags object?
param required string
",
        ),
    ]);
    assert!(dep.errors.is_empty(), "{:?}", dep.errors);
    // The address is the module's own; the model prefixes the module chain.
    let got: Vec<(String, Option<&str>, serde_json::Value, Vec<&str>)> = dep
        .resources
        .iter()
        .map(|r| {
            (
                r.address.clone(),
                r.name.as_str(),
                prop(r, &["properties", "supportsHttpsTrafficOnly"]),
                r.deployments.iter().map(|d| d.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "s".into(),
                Some("fromcaller"),
                serde_json::json!(false),
                vec!["st"]
            ),
            (
                "s".into(),
                Some("x"),
                serde_json::json!(true),
                vec!["many[0]"]
            ),
            (
                "s".into(),
                Some("y"),
                serde_json::json!(true),
                vec!["many[1]"]
            ),
        ]
    );
    assert_eq!(output(&dep, "acct"), serde_json::json!("fromcaller"));
    // A nullable parameter left out of a module call is null; a required one stays Unknown.
    let left = &dep.outputs["left"];
    assert!(left.get("tags").is_some_and(Dyn::is_null), "{left:?}");
    assert!(
        left.get("required").is_some_and(Dyn::is_unknown),
        "{left:?}"
    );
    assert!(dep.outputs["regOut"].is_unknown());
    assert!(
        dep.notices.iter().any(|n| n
            .message
            .contains("br/public:avm/res/storage/storage-account:0.9.0")),
        "{:?}",
        dep.notices
    );
}

#[test]
fn a_module_outside_the_root_is_a_located_error() {
    let (db, dep) = run_files(&[
        (
            "app/main.bicep",
            "module m '../outside.bicep' = {\n  name: 'm'\n}\n",
        ),
        ("outside.bicep", "output o string = 'x'\n"),
    ]);
    let e = dep
        .errors
        .iter()
        .find(|e| e.message.contains("outside the scanned directory"))
        .expect("error");
    let text = db.get(e.location.file).text.clone();
    assert_eq!(
        &text[e.location.range.start as usize..e.location.range.end as usize],
        "'../outside.bicep'"
    );
}

#[test]
fn a_module_calling_itself_is_an_error() {
    let (_, dep) = run_files(&[(
        "main.bicep",
        "module m './main.bicep' = {\n  name: 'm'\n}\n",
    )]);
    assert!(
        dep.errors
            .iter()
            .any(|e| e.message.contains("calls itself")),
        "{:?}",
        dep.errors
    );
}

#[test]
fn cycles_and_hostile_input_end_in_located_errors() {
    let (_, dep) = run_with(
        "var a = b\nvar b = a\noutput o string = a\n",
        &BicepOptions::default(),
    );
    assert!(
        dep.errors
            .iter()
            .any(|e| e.message.contains("refers to itself"))
    );
    // Doubling a value: the size limit stops it.
    let mut text = String::from("var v0 = [1, 2, 3, 4, 5, 6, 7, 8]\n");
    for i in 1..40 {
        text.push_str(&format!("var v{i} = [...v{0}, ...v{0}]\n", i - 1));
    }
    text.push_str("output o array = v39\n");
    let (_, dep) = run_with(&text, &BicepOptions::default());
    assert!(!dep.errors.is_empty());
    // Nesting: each variable wraps the previous one 90 levels deeper.
    let wrap = |inner: &str| format!("{}{inner}{}", "[".repeat(90), "]".repeat(90));
    let mut text = String::from("var v0 = 1\n");
    for i in 1..60 {
        text.push_str(&format!("var v{i} = {}\n", wrap(&format!("v{}", i - 1))));
    }
    text.push_str("output o array = v59\nresource r 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'a'\n  properties: { deep: v59 }\n}\n");
    let (_, dep) = run_with(&text, &BicepOptions::default());
    assert!(dep.outputs["o"].is_unknown());
    assert!(dep.resources[0].body.is_unknown());
    assert!(
        dep.errors
            .iter()
            .any(|e| e.message.contains("nested too deeply")),
        "{:?}",
        dep.errors
    );
    // A step budget: a large nested loop stops with an error.
    let (_, dep) = run_with(
        "output o array = [for i in range(0, 10000): [for j in range(0, 10000): i]]\n",
        &BicepOptions {
            max_steps: 100_000,
            ..Default::default()
        },
    );
    assert!(
        dep.errors.iter().any(|e| e.message.contains("steps")),
        "{:?}",
        dep.errors
    );
    // Errors, not panics, on every prefix of a file.
    let sample = r"param p string = 'x'
var o = { a: [for i in range(0, 3): '${p}${i}'] }
resource r 'Microsoft.Storage/storageAccounts@2023-01-01' = if (p == 'x') {
  name: o.a[0]
  resource c 'blobServices' = { name: 'default' }
}
output x string = r::c.name
";
    for end in 0..sample.len() {
        if sample.is_char_boundary(end) {
            let _ = run_with(&sample[..end], &BicepOptions::default());
        }
    }
}

/// The resource modules of the Azure Verified Modules, in the shared corpora beside the
/// work tree (as the parser's corpus test finds them).
fn avm_resource_modules() -> Option<(std::path::PathBuf, Vec<std::path::PathBuf>)> {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    let root = [beside, std::path::PathBuf::from("/work/shared")]
        .into_iter()
        .map(|shared| shared.join("corpora/bicep-registry-modules"))
        .find(|p| p.join("avm/res").is_dir())?;
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let mut files = Vec::new();
    let mut stack = vec![root.join("avm/res")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "bicep") {
                files.push(path);
            }
        }
    }
    files.sort();
    Some((root, files))
}

/// Every `.bicep` file of the corpus, each evaluated as a root (so modules are evaluated
/// both on their own, with Unknown parameters, and from the tests that call them).
#[test]
#[allow(clippy::print_stderr)] // says why the test did nothing
fn avm_resource_modules_evaluate_without_errors() {
    let Some((root, files)) = avm_resource_modules() else {
        eprintln!("skipped: the Bicep corpus (shared/corpora/bicep-registry-modules) is absent");
        return;
    };
    let db = SourceDb::new();
    let opts = BicepOptions {
        root: Some(root),
        ..Default::default()
    };
    let mut failures = Vec::new();
    let mut resources = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let file = db.add(path.clone(), text);
        let dep = evaluate(&db, file, &opts);
        resources += dep.resources.len();
        for e in dep.errors.iter().take(3) {
            let source = db.get(e.location.file);
            let line = source.text[..e.location.range.start as usize]
                .matches('\n')
                .count()
                + 1;
            failures.push(format!(
                "{}:{line}: {} (evaluating {})",
                source.path.display(),
                e.message,
                path.display()
            ));
        }
    }
    assert!(files.len() > 300, "{} files", files.len());
    assert!(resources > 10_000, "{resources} resources");
    assert!(
        failures.is_empty(),
        "{} files, {resources} resources, {} errors:\n{}",
        files.len(),
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn bicepparam_files_give_located_values() {
    let db = SourceDb::new();
    let text = "using './main.bicep'\nvar env = 'prod'\nparam name = 'st${env}'\nparam secret = readEnvironmentVariable('X')\n";
    let file = db.add("main.bicepparam", text);
    let (values, errors) = super::parameters_from_bicepparam(&db, file);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(values["name"].as_str(), Some("stprod"));
    assert_eq!(values["name"].loc.map(|l| l.file), Some(file));
    assert!(values["secret"].is_unknown());
}

/// Resource types and their counts declared by the file itself. Left out, with why they
/// differ between a `.bicep` file and the `main.json` compiled from it:
/// - deployment resources: the compiled template lists each module as one;
/// - resources of modules: the compiled template inlines registry modules
///   (`br/public:avm/res/network/private-endpoint`: private endpoints, their DNS zone
///   groups, locks and role assignments), which the native evaluation does not fetch;
/// - `existing` resources: Bicep emits into the template only those it needs.
fn type_counts(dep: &ArmDeployment) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for r in &dep.resources {
        if r.resource_type
            .eq_ignore_ascii_case("Microsoft.Resources/deployments")
            || r.existing
            || r.is_nested()
        {
            continue;
        }
        *counts
            .entry(r.resource_type.to_ascii_lowercase())
            .or_insert(0) += 1;
    }
    counts
}

/// For a handful of modules, the native Bicep evaluation of `main.bicep` gives the same
/// resource types, as many times, as the ARM evaluation of the `main.json` Bicep compiled
/// from it (both with the parameters' defaults; loops over Unknown arrays give one
/// instance on both sides).
#[test]
#[allow(clippy::print_stderr)] // says why the test did nothing
fn avm_modules_match_their_compiled_templates() {
    let Some((root, _)) = avm_resource_modules() else {
        eprintln!("skipped: the Bicep corpus (shared/corpora/bicep-registry-modules) is absent");
        return;
    };
    let modules = [
        "storage/storage-account",
        "key-vault/vault",
        "network/virtual-network",
        "sql/server",
        "web/site",
        "cache/redis",
        "container-registry/registry",
        "document-db/database-account",
    ];
    let mut differences = Vec::new();
    for module in modules {
        let dir = root.join("avm/res").join(module);
        let (Ok(bicep), Ok(json)) = (
            std::fs::read_to_string(dir.join("main.bicep")),
            std::fs::read_to_string(dir.join("main.json")),
        ) else {
            continue;
        };
        let db = SourceDb::new();
        let bicep_file = db.add(dir.join("main.bicep"), bicep);
        let json_file = db.add(dir.join("main.json"), json);
        let native = evaluate(
            &db,
            bicep_file,
            &BicepOptions {
                root: Some(root.clone()),
                ..Default::default()
            },
        );
        let compiled = crate::arm::evaluate_template(
            &db,
            json_file,
            &crate::arm::ArmOptions {
                root: Some(root.clone()),
                ..Default::default()
            },
        );
        let (a, b) = (type_counts(&native), type_counts(&compiled));
        if a != b {
            differences.push(format!("{module}:\n  bicep {a:?}\n  arm   {b:?}"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn imported_variables_and_functions_are_evaluated_in_their_file() {
    let (_, dep) = run_files(&[
        (
            "main.bicep",
            r"
import { enforcedLocation, prefixed as withPrefix, someType } from './shared/constants.bicep'
import { remote } from 'br/public:avm/utl/types/avm-common-types:0.5.1'
import * as all from './shared/constants.bicep'
output location string = enforcedLocation
output name string = withPrefix('x')
output remote string = remote
output viaNamespace string = all.enforcedLocation
",
        ),
        (
            "shared/constants.bicep",
            r"
@export()
var enforcedLocation = 'uksouth'
var region = 'uk'
@export()
func prefixed(name string) string => 'st-${name}'
@export()
type someType = string
",
        ),
    ]);
    assert!(dep.errors.is_empty(), "{:?}", dep.errors);
    assert_eq!(output(&dep, "location"), serde_json::json!("uksouth"));
    assert_eq!(output(&dep, "name"), serde_json::json!("st-x"));
    assert!(dep.outputs["remote"].is_unknown());
    assert!(dep.outputs["viaNamespace"].is_unknown());
}

#[test]
fn fan_outs_of_modules_and_functions_end_within_the_step_budget() {
    let started = std::time::Instant::now();
    let fan = "module m './level.bicep' = [for i in range(0, 800): {\n  name: 'm${i}'\n}]\n";
    let (_, dep) = run_files(&[
        ("main.bicep", fan),
        (
            "level.bicep",
            "module m './leaf.bicep' = [for i in range(0, 800): {\n  name: 'm${i}'\n}]\n",
        ),
        (
            "leaf.bicep",
            "module m './last.bicep' = [for i in range(0, 800): {\n  name: 'm${i}'\n}]\n",
        ),
        ("last.bicep", "output o int = 1\n"),
    ]);
    assert!(
        dep.errors.iter().any(|e| e.message.contains("steps")),
        "{:?}",
        dep.errors
    );
    let (_, dep) = run_with(
        "func f(n int) int => n == 0 ? 1 : f(n - 1) + f(n - 1)\noutput o int = f(60)\n",
        &BicepOptions {
            max_steps: 2_000_000,
            ..Default::default()
        },
    );
    assert!(
        dep.errors.iter().any(|e| e.message.contains("steps")),
        "{:?}",
        dep.errors
    );
    assert!(started.elapsed().as_secs() < 120, "{:?}", started.elapsed());
}

/// A file using most of what the evaluator handles, for the robustness tests.
const RICH_SAMPLE: &str = r"targetScope = 'resourceGroup'
import { c } from './c.bicep'
@allowed(['a', 'b'])
param p string = 'a'
param xs array = [1, 2, 3]
var o = { k: [for (x, i) in xs: { v: x * i, s: '${p}-${x}' }], ...{ z: null } }
func f(a int, b string) string => '${b}${a % 2 == 0 ? 'even' : 'odd'}'
// cloudsentinel:ignore:azure-storage-http-allowed why
resource s 'Microsoft.Storage/storageAccounts@2023-01-01' = [for (x, i) in xs: if (x != 2) {
  name: 'st${i}${uniqueString(resourceGroup().id)}'
  properties: {
    supportsHttpsTrafficOnly: o.?z ?? (x > 1 && !empty(p))
    list: map(filter(xs, y => y > 1), y => f(y, p))
  }
  resource b 'blobServices' = { name: 'default' }
}]
resource e 'Microsoft.KeyVault/vaults@2023-07-01' existing = { name: s[0].name }
module m './m.bicep' = if (p == 'a') { name: 'm', params: { a: e.properties.vaultUri } }
output r object = { a: s[2].properties, b: m.outputs, c: reduce(xs, 0, (acc, x) => acc + x) }
";

#[test]
fn every_one_character_deletion_evaluates_without_panic() {
    for (i, _) in RICH_SAMPLE.char_indices() {
        let mut text = RICH_SAMPLE.to_string();
        text.remove(i);
        let _ = run_with(&text, &BicepOptions::default());
    }
    let dep = run(RICH_SAMPLE
        .replace("import { c } from './c.bicep'\n", "")
        .as_str());
    assert_eq!(
        dep.resources.len(),
        5,
        "{:?}",
        dep.resources.iter().map(|r| &r.address).collect::<Vec<_>>()
    );
}

#[test]
fn suppressions_at_the_end_of_a_line_and_on_nested_resources() {
    let dep = run(
        "resource s 'Microsoft.Storage/storageAccounts@2023-01-01' = { // cloudsentinel:ignore:azure-storage-http-allowed legacy\n  name: 'a'\n  // cloudsentinel:ignore:azure-storage-blob-soft-delete-off:exp:2030-01-01 migrating\n  resource b 'blobServices' = {\n    name: 'default'\n  }\n}\n",
    );
    let ignores = |r: &ArmResource| {
        crate::cloudformation::resources::read_ignores(&r.metadata, r.location)
            .into_iter()
            .map(|i| (i.id, i.reason))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ignores(&dep.resources[0]),
        [(
            "azure-storage-http-allowed".to_string(),
            Some("legacy".to_string())
        )]
    );
    assert_eq!(
        ignores(&dep.resources[1]),
        [(
            "azure-storage-blob-soft-delete-off".to_string(),
            Some("migrating".to_string())
        )]
    );
}

#[test]
fn module_conditions_and_nested_resources_of_loops() {
    let (_, dep) = run_files(&[
        (
            "main.bicep",
            r"
param flag bool
module on './m.bicep' = if (flag) {
  name: 'on'
}
module off './m.bicep' = if (false) {
  name: 'off'
}
resource accounts 'Microsoft.Storage/storageAccounts@2023-01-01' = [for n in ['a', 'b']: {
  name: n
  resource blob 'blobServices' = {
    name: 'default-${n}'
  }
}]
",
        ),
        (
            "m.bicep",
            "resource s 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'inmodule'\n}\n",
        ),
    ]);
    assert!(dep.errors.is_empty(), "{:?}", dep.errors);
    let got: Vec<(Option<&str>, ArmCondition)> = dep
        .resources
        .iter()
        .map(|r| (r.name.as_str(), r.condition))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("inmodule"), ArmCondition::Unknown),
            (Some("a"), ArmCondition::Deployed),
            (Some("b"), ArmCondition::Deployed),
            (Some("a/default-a"), ArmCondition::Deployed),
            (Some("b/default-b"), ArmCondition::Deployed),
        ]
    );
}
