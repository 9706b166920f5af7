//! Tests of the ARM evaluator: functions by family, templates, bad input and the corpus.

use super::*;
use crate::dynvalue::DynKind;
use cloudsentinel_model::SourceDb;

const SCHEMA: &str =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

fn run_with(text: &str, opts: &ArmOptions) -> (SourceDb, ArmDeployment) {
    let db = SourceDb::new();
    let f = db.add("main.json", text.to_string());
    let d = evaluate_template(&db, f, opts);
    (db, d)
}

fn run(text: &str) -> ArmDeployment {
    run_with(text, &ArmOptions::default()).1
}

/// Evaluates one expression (as a template output) with a few parameters and variables.
fn try_eval(expression: &str) -> (Dyn, Vec<ParseError>, String) {
    let template = format!(
        r#"{{
  "$schema": "{SCHEMA}",
  "contentVersion": "1.0.0.0",
  "parameters": {{
    "name": {{"type": "string", "defaultValue": "store"}},
    "count": {{"type": "int", "defaultValue": 3}},
    "tags": {{"type": "object", "defaultValue": {{"env": "prod", "team": "core"}}}},
    "location": {{"type": "string", "defaultValue": "[resourceGroup().location]"}},
    "unset": {{"type": "string"}}
  }},
  "variables": {{"list": [1, 2, 3], "words": ["b", "a", "c"]}},
  "resources": [],
  "outputs": {{"o": {{"type": "object", "value": {}}}}}
}}"#,
        serde_json::to_string(expression).unwrap()
    );
    let d = run(&template);
    let v = d.outputs.get("o").cloned().unwrap_or_else(Dyn::unknown);
    (v, d.errors, template)
}

fn ev(expression: &str) -> Dyn {
    let (v, errors, _) = try_eval(expression);
    assert!(errors.is_empty(), "{expression}: {errors:?}");
    v
}

fn json(expression: &str) -> serde_json::Value {
    let v = ev(expression);
    v.to_json()
        .unwrap_or_else(|| panic!("{expression} is Unknown: {v:?}"))
}

fn err(expression: &str) -> (String, String) {
    let (_, errors, template) = try_eval(expression);
    let e = errors
        .first()
        .unwrap_or_else(|| panic!("{expression}: no error"));
    let r = e.location.range;
    (
        e.message.clone(),
        template[r.start as usize..r.end as usize].to_string(),
    )
}

use serde_json::json as j;

#[test]
fn string_functions() {
    assert_eq!(json("[concat('a', parameters('name'), 1)]"), j!("astore1"));
    assert_eq!(
        json("[concat(createArray(1), createArray(2, 3))]"),
        j!([1, 2, 3])
    );
    assert_eq!(
        json("[format('{0}-{1:D3}-{2}', 'vm', 7, true())]"),
        j!("vm-007-True")
    );
    assert_eq!(json("[format('{{{0,4}}}', 'x')]"), j!("{   x}"));
    assert_eq!(json("[format('{0:X}', 255)]"), j!("FF"));
    assert_eq!(json("[substring('hello', 1, 3)]"), j!("ell"));
    assert_eq!(json("[replace('a-b-c', '-', '')]"), j!("abc"));
    assert_eq!(
        json("[split('a,b;c', createArray(',', ';'))]"),
        j!(["a", "b", "c"])
    );
    assert_eq!(json("[join(variables('list'), '/')]"), j!("1/2/3"));
    assert_eq!(json("[toUpper(toLower('MiXeD'))]"), j!("MIXED"));
    assert_eq!(json("[trim('  x ')]"), j!("x"));
    assert_eq!(json("[padLeft(7, 3, '0')]"), j!("007"));
    assert_eq!(
        json("[startsWith('Microsoft.Storage', 'microsoft')]"),
        j!(true)
    );
    assert_eq!(json("[endsWith('abc', 'BC')]"), j!(true));
    assert_eq!(json("[indexOf('test', 'T')]"), j!(0));
    assert_eq!(json("[lastIndexOf('abcabc', 'b')]"), j!(4));
    assert_eq!(json("[indexOf(variables('words'), 'c')]"), j!(2));
    assert_eq!(json("[contains('OneTwo', 'two')]"), j!(false));
    assert_eq!(json("[contains(parameters('tags'), 'ENV')]"), j!(true));
    assert_eq!(json("[empty('')]"), j!(true));
    assert_eq!(json("[length(parameters('tags'))]"), j!(2));
    assert_eq!(json("[first('abc')]"), j!("a"));
    assert_eq!(json("[last(variables('words'))]"), j!("c"));
    assert_eq!(json("[skip('abcdef', 4)]"), j!("ef"));
    assert_eq!(json("[take(variables('list'), 2)]"), j!([1, 2]));
    assert_eq!(
        json("[string(parameters('tags'))]"),
        j!(r#"{"env":"prod","team":"core"}"#)
    );
    assert_eq!(
        json("[base64('one, two, three')]"),
        j!("b25lLCB0d28sIHRocmVl")
    );
    assert_eq!(
        json("[base64ToString('b25lLCB0d28sIHRocmVl')]"),
        j!("one, two, three")
    );
    assert_eq!(json("[base64ToJson(base64('{\"a\": 1}')).a]"), j!(1));
    // Documented: dataUri('Hello') is 'data:text/plain;charset=utf8;base64,SGVsbG8='.
    assert_eq!(
        json("[dataUri('Hello')]"),
        j!("data:text/plain;charset=utf8;base64,SGVsbG8=")
    );
    assert_eq!(
        json("[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]"),
        j!("Hello, World!")
    );
    assert_eq!(
        json("[uri('http://contoso.com/resources/', 'nested/azuredeploy.json')]"),
        j!("http://contoso.com/resources/nested/azuredeploy.json")
    );
    assert_eq!(
        json("[uri('http://contoso.com/resources/azuredeploy.json', 'nested.json')]"),
        j!("http://contoso.com/resources/nested.json")
    );
    assert_eq!(json("[uriComponent('a b/c')]"), j!("a%20b%2Fc"));
    assert_eq!(json("[uriComponentToString('a%20b%2Fc')]"), j!("a b/c"));
    assert_eq!(json("[json('[1, {\"x\": null}]')]"), j!([1, {"x": null}]));
    assert!(ev("[newGuid()]").is_unknown());
    assert_eq!(
        json("[uniqueString('hello', 'world')]"),
        j!("a7wkljktk6wne")
    );
    assert_eq!(
        json("[guid('a', 'b')]"),
        j!("2d796349-8c7e-55ec-9624-54ece82ed031")
    );
    assert!(ev("[uniqueString(resourceGroup().id)]").is_unknown());
    assert_eq!(json("[[literal]"), j!("[literal]"));
    assert_eq!(json("[[literal"), j!("[[literal"));
}

#[test]
fn array_and_object_functions() {
    assert_eq!(json("[array('a')]"), j!(["a"]));
    assert_eq!(
        json("[createObject('a', 1, 'b', createArray())]"),
        j!({"a": 1, "b": []})
    );
    assert_eq!(
        json(
            "[union(createObject('a', createObject('x', 1)), createObject('a', createObject('y', 2)))]"
        ),
        j!({"a": {"x": 1, "y": 2}})
    );
    assert_eq!(
        json("[union(createArray(1, 2), createArray(2, 3))]"),
        j!([1, 2, 3])
    );
    assert_eq!(
        json("[intersection(createArray(1, 2, 3), createArray(3, 2))]"),
        j!([2, 3])
    );
    assert_eq!(json("[range(5, 3)]"), j!([5, 6, 7]));
    assert_eq!(json("[min(variables('list'))]"), j!(1));
    assert_eq!(json("[max(4, 9, 2)]"), j!(9));
    assert_eq!(
        json("[flatten(createArray(createArray(1), createArray(2, 3)))]"),
        j!([1, 2, 3])
    );
    assert_eq!(json("[indexFromEnd(variables('words'), 1)]"), j!("c"));
    assert_eq!(json("[tryIndexFromEnd(variables('words'), 9)]"), j!(null));
    assert_eq!(
        json("[items(createObject('b', 1, 'a', 2))]"),
        j!([{"key": "a", "value": 2}, {"key": "b", "value": 1}])
    );
    assert_eq!(
        json("[objectKeys(parameters('tags'))]"),
        j!(["env", "team"])
    );
    assert_eq!(json("[tryGet(parameters('tags'), 'missing')]"), j!(null));
    assert_eq!(json("[tryGet(parameters('tags'), 'env')]"), j!("prod"));
    assert_eq!(
        json("[shallowMerge(createArray(createObject('a', 1), createObject('a', 2, 'b', 3)))]"),
        j!({"a": 2, "b": 3})
    );
    assert_eq!(json("[null()]"), j!(null));
    assert_eq!(
        json("[parameters('tags').ENV]"),
        j!("prod"),
        "property access ignores case"
    );
    assert_eq!(json("[variables('list')[1]]"), j!(2));
}

#[test]
fn logical_comparison_and_numeric_functions() {
    assert_eq!(json("[and(true(), not(false()))]"), j!(true));
    assert_eq!(json("[or(false(), equals(1, 1))]"), j!(true));
    assert_eq!(
        json("[and(false(), equals(parameters('unset'), 'x'))]"),
        j!(false)
    );
    assert!(ev("[and(true(), equals(parameters('unset'), 'x'))]").is_unknown());
    // `if` is lazy: the untaken branch would fail.
    assert_eq!(json("[if(true(), 1, div(1, 0))]"), j!(1));
    assert_eq!(
        json("[if(equals(parameters('count'), 3), 'three', fail('no'))]"),
        j!("three")
    );
    assert!(ev("[if(equals(parameters('location'), 'x'), 1, 2)]").is_unknown());
    assert_eq!(json("[bool('TRUE')]"), j!(true));
    assert_eq!(json("[bool('yes')]"), j!(false));
    assert_eq!(json("[bool(-1)]"), j!(true));
    assert_eq!(json("[string(false())]"), j!("False"));
    assert_eq!(json("[coalesce(null(), null(), 'x')]"), j!("x"));
    assert!(ev("[coalesce(null(), parameters('unset'), 'x')]").is_unknown());
    assert_eq!(
        json("[equals(createArray(1, 'a'), createArray(1, 'a'))]"),
        j!(true)
    );
    assert_eq!(json("[equals('a', 'A')]"), j!(false));
    assert_eq!(json("[less(1, 2)]"), j!(true));
    assert_eq!(json("[lessOrEquals('b', 'a')]"), j!(false));
    assert_eq!(json("[greater(3, 2)]"), j!(true));
    assert_eq!(json("[greaterOrEquals(2, 2)]"), j!(true));
    assert_eq!(json("[add(1, sub(5, mul(2, 2)))]"), j!(2));
    assert_eq!(json("[div(7, 2)]"), j!(3));
    assert_eq!(json("[mod(7, 2)]"), j!(1));
    assert_eq!(json("[int('42')]"), j!(42));
    assert_eq!(json("[float('1.5')]"), j!(1.5));
}

#[test]
fn date_functions() {
    assert!(ev("[utcNow()]").is_unknown());
    assert!(ev("[dateTimeAdd(utcNow(), 'P1D')]").is_unknown());
    assert_eq!(
        json("[dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y')]"),
        j!("4/7/2023 2:53:14 PM")
    );
    assert_eq!(
        json("[dateTimeAdd('2020-04-07T14:53:14Z', 'P1D', 'yyyy-MM-dd')]"),
        j!("2020-04-08")
    );
    assert_eq!(
        json("[dateTimeFromEpoch(1683040573)]"),
        j!("2023-05-02T15:16:13Z")
    );
    assert_eq!(
        json("[dateTimeToEpoch('2023-05-02T15:16:13Z')]"),
        j!(1_683_040_573)
    );
}

#[test]
fn lambda_functions() {
    assert_eq!(
        json("[filter(variables('list'), lambda('x', greater(lambdaVariables('x'), 1)))]"),
        j!([2, 3])
    );
    assert_eq!(
        json(
            "[map(variables('list'), lambda('x', 'i', add(lambdaVariables('x'), lambdaVariables('i'))))]"
        ),
        j!([1, 3, 5])
    );
    assert_eq!(
        json(
            "[reduce(variables('list'), 0, lambda('acc', 'x', add(lambdaVariables('acc'), lambdaVariables('x'))))]"
        ),
        j!(6)
    );
    assert_eq!(
        json(
            "[sort(variables('words'), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]"
        ),
        j!(["a", "b", "c"])
    );
    assert_eq!(
        json(
            "[toObject(variables('words'), lambda('w', lambdaVariables('w')), lambda('w', length(lambdaVariables('w'))))]"
        ),
        j!({"b": 1, "a": 1, "c": 1})
    );
    assert_eq!(
        json("[groupBy(createArray('ab', 'ac', 'b'), lambda('s', first(lambdaVariables('s'))))]"),
        j!({"a": ["ab", "ac"], "b": ["b"]})
    );
    assert_eq!(
        json("[mapValues(parameters('tags'), lambda('v', toUpper(lambdaVariables('v'))))]"),
        j!({"env": "PROD", "team": "CORE"})
    );
}

#[test]
fn deployment_and_resource_functions() {
    assert!(ev("[resourceGroup().location]").is_unknown());
    assert!(ev("[parameters('location')]").is_unknown());
    assert!(ev("[subscription().subscriptionId]").is_unknown());
    assert!(ev("[deployment().name]").is_unknown());
    assert!(ev("[environment().suffixes.storage]").is_unknown());
    assert_eq!(
        json("[deployment().properties.template.contentVersion]"),
        j!("1.0.0.0")
    );
    assert!(ev("[reference('x').outputs.y.value]").is_unknown());
    assert!(ev("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'a'), '2023-01-01').keys[0].value]").is_unknown());
    assert!(ev("[pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')]").is_unknown());
    assert!(ev("[parameters('unset')]").is_unknown());
    let id =
        ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', parameters('name'))]");
    assert!(id.is_unknown(), "the resource group is not known");
    assert_eq!(
        id.source_ref.as_deref(),
        Some("microsoft.network/virtualnetworks/subnets|vnet/store")
    );
    assert_eq!(
        json("[resourceId('sub', 'rg', 'Microsoft.Storage/storageAccounts', 'acc')]"),
        j!("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acc")
    );
    assert_eq!(
        json("[tenantResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]"),
        j!("/providers/Microsoft.Authorization/roleDefinitions/abc")
    );
    let role = ev("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]");
    assert!(role.is_unknown());
    assert_eq!(
        role.encoded
            .as_ref()
            .and_then(|e| e.get("name"))
            .and_then(Dyn::as_str),
        Some("abc")
    );
    assert_eq!(
        json("[extensionResourceId('/subscriptions/s', 'Microsoft.Authorization/locks', 'l')]"),
        j!("/subscriptions/s/providers/Microsoft.Authorization/locks/l")
    );
}

#[test]
fn expression_errors_are_located_inside_the_string() {
    let (m, at) = err("[concat('a', nope(1))]");
    assert!(m.contains("unknown function `nope`"), "{m}");
    assert_eq!(at, "nope(1)");
    let (m, at) = err("[add(1, 'x')]");
    assert!(m.contains("integer"), "{m}");
    assert_eq!(at, "add(1, 'x')");
    let (m, at) = err("[parameters('tags').missing]");
    assert!(m.contains("missing"), "{m}");
    assert_eq!(at, "parameters('tags').missing");
    let (m, _) = err("[substring('abc', 2, 5)]");
    assert!(m.contains("substring"), "{m}");
    let (m, _) = err("[variables('list')[7]]");
    assert!(m.contains("out of range"), "{m}");
    let (m, _) = err("[parameters('nope')]");
    assert!(m.contains("not declared"), "{m}");
    let (m, _) = err("[ns.fn()]");
    assert!(m.contains("ns.fn"), "{m}");
    let (m, _) = err("[fail('stop here')]");
    assert!(m.contains("stop here"), "{m}");
    let (m, _) = err("[concat('a']");
    assert!(m.contains("not closed") || m.contains("expected"), "{m}");
    let (m, _) = err("[range(0, 10001)]");
    assert!(m.contains("range"), "{m}");
}

fn template(body: &str) -> String {
    format!(r#"{{"$schema": "{SCHEMA}", "contentVersion": "1.0.0.0", {body}}}"#)
}

#[test]
fn copy_loops_conditions_and_children() {
    let d = run(&template(
        r#"
  "parameters": {"n": {"type": "int", "defaultValue": 2}, "flag": {"type": "bool"}},
  "variables": {
    "prefix": "st",
    "copy": [{"name": "names", "count": 2, "input": "[concat('n', copyIndex('names', 1))]"}]
  },
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "[concat(variables('prefix'), copyIndex())]",
      "copy": {"name": "accounts", "count": "[parameters('n')]"},
      "properties": {
        "supportsHttpsTrafficOnly": true,
        "copy": [{"name": "rules", "count": 2, "input": {"index": "[copyIndex('rules')]", "of": "[copyIndex()]"}}]
      },
      "resources": [
        {"type": "blobServices", "apiVersion": "2023-01-01", "name": "default",
         "properties": {"deleteRetentionPolicy": {"enabled": false}}}
      ]
    },
    {"type": "Microsoft.Network/publicIPAddresses", "name": "gone", "condition": false},
    {"type": "Microsoft.Network/publicIPAddresses", "name": "maybe", "condition": "[parameters('flag')]"}
  ],
  "outputs": {
    "names": {"type": "array", "value": "[variables('names')]"},
    "each": {"type": "array", "copy": {"count": 2, "input": "[copyIndex()]"}}
  }"#,
    ));
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    let names: Vec<_> = d
        .resources
        .iter()
        .map(|r| {
            (
                r.resource_type.as_str(),
                r.name.as_str(),
                r.address.as_str(),
            )
        })
        .collect();
    assert_eq!(
        names,
        vec![
            (
                "Microsoft.Storage/storageAccounts",
                Some("st0"),
                "resources[0][0]"
            ),
            (
                "Microsoft.Storage/storageAccounts/blobServices",
                Some("st0/default"),
                "resources[0][0].resources[0]"
            ),
            (
                "Microsoft.Storage/storageAccounts",
                Some("st1"),
                "resources[0][1]"
            ),
            (
                "Microsoft.Storage/storageAccounts/blobServices",
                Some("st1/default"),
                "resources[0][1].resources[0]"
            ),
            (
                "Microsoft.Network/publicIPAddresses",
                Some("maybe"),
                "resources[2]"
            ),
        ]
    );
    let st1 = &d.resources[2];
    assert_eq!(
        st1.body
            .get("properties")
            .and_then(|p| p.get("rules"))
            .and_then(Dyn::to_json),
        Some(j!([{"index": 0, "of": 1}, {"index": 1, "of": 1}]))
    );
    assert_eq!(
        st1.key.as_deref(),
        Some("microsoft.storage/storageaccounts|st1")
    );
    assert_eq!(d.resources[4].condition, ArmCondition::Unknown);
    assert_eq!(d.resources[0].condition, ArmCondition::Deployed);
    assert_eq!(d.outputs["names"].to_json(), Some(j!(["n1", "n2"])));
    assert_eq!(d.outputs["each"].to_json(), Some(j!([0, 1])));
    // Values point at the JSON that produced them.
    let https = st1
        .body
        .get("properties")
        .and_then(|p| p.get("supportsHttpsTrafficOnly"))
        .unwrap();
    assert_eq!(https.loc.map(|l| l.range.len()), Some(4));
}

#[test]
fn nested_deployments_inner_and_outer_scope() {
    let d = run(&template(
        r#"
  "parameters": {"env": {"type": "string", "defaultValue": "prod"}},
  "variables": {"v": "outer"},
  "resources": [
    {
      "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": {"scope": "inner"},
        "parameters": {"name": {"value": "[concat('kv-', parameters('env'))]"}},
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {"name": {"type": "string"}, "sku": {"type": "string", "defaultValue": "standard"}},
          "variables": {"v": "inner"},
          "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
                         "name": "[parameters('name')]",
                         "properties": {"sku": {"name": "[parameters('sku')]"}, "tag": "[variables('v')]"}}]
        }
      }
    },
    {
      "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "outer",
      "properties": {
        "mode": "Incremental",
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "[variables('v')]"}]
        }
      }
    }
  ]"#,
    ));
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    let vault = d
        .resources
        .iter()
        .find(|r| r.resource_type == "Microsoft.KeyVault/vaults")
        .unwrap();
    assert_eq!(vault.name.as_str(), Some("kv-prod"));
    assert_eq!(vault.address, "module.resources[0].resources[0]");
    assert!(vault.is_nested());
    assert_eq!(vault.deployments[0].name, "inner");
    assert_eq!(
        vault.body.get("properties").and_then(Dyn::to_json),
        Some(j!({"sku": {"name": "standard"}, "tag": "inner"}))
    );
    let outer = d
        .resources
        .iter()
        .find(|r| r.resource_type == "Microsoft.Storage/storageAccounts")
        .unwrap();
    assert_eq!(
        outer.name.as_str(),
        Some("outer"),
        "outer scope reads the parent's variables"
    );
    let dep = &d.resources[0];
    assert!(
        dep.body
            .get("properties")
            .and_then(|p| p.get("template"))
            .is_none()
    );
}

#[test]
fn language_version_2_symbolic_resources_and_functions() {
    let d = run(&template(
        r#"
  "languageVersion": "2.0",
  "functions": [{"namespace": "naming", "members": {
     "prefixed": {"parameters": [{"name": "n", "type": "string"}],
                  "output": {"type": "string", "value": "[format('app-{0}', parameters('n'))]"}}}}],
  "definitions": {"tier": {"type": "string", "allowedValues": ["a", "b"]}},
  "parameters": {"opt": {"type": "string", "nullable": true}},
  "resources": {
    "plan": {"type": "Microsoft.Web/serverfarms", "apiVersion": "2022-09-01", "name": "[naming.prefixed('plan')]",
             "metadata": {"cloudsentinel": {"ignore": [{"id": "x", "reason": "y"}]}}},
    "existingVnet": {"existing": true, "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "hub"},
    "site": {"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "web",
             "properties": {"serverFarmId": "[resourceId('Microsoft.Web/serverfarms', naming.prefixed('plan'))]",
                            "state": "[reference('plan').status]", "opt": "[parameters('opt')]"},
             "dependsOn": ["plan"]}
  }"#,
    ));
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    let plan = &d.resources[0];
    assert_eq!(plan.symbolic_name.as_deref(), Some("plan"));
    assert_eq!(plan.address, "plan");
    assert_eq!(plan.name.as_str(), Some("app-plan"));
    assert!(plan.metadata.get("cloudsentinel").is_some());
    assert!(d.resources[1].existing);
    let site = &d.resources[2];
    let props = site.body.get("properties").unwrap();
    let farm = props.get("serverFarmId").unwrap();
    assert_eq!(
        farm.source_ref.as_deref(),
        plan.key.as_deref(),
        "the id joins the plan"
    );
    assert!(props.get("state").unwrap().is_unknown());
    assert!(
        props.get("opt").unwrap().is_unknown(),
        "the root deployment's caller may pass a value"
    );
}

#[test]
fn parameters_from_a_file_and_allowed_values() {
    let db = SourceDb::new();
    let ptext = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
      "contentVersion": "1.0.0.0",
      "parameters": {"sku": {"value": "Premium"}, "secret": {"reference": {"keyVault": {"id": "x"}, "secretName": "s"}}}}"#;
    assert!(is_parameters_file(ptext));
    assert!(!is_arm_template(ptext));
    let pf = db.add("main.parameters.json", ptext);
    let parameters = parameters_from_file(pf, ptext).unwrap();
    assert!(parameters["secret"].is_unknown());
    let text = template(
        r#""parameters": {"sku": {"type": "string", "allowedValues": ["Standard"]}, "secret": {"type": "securestring"}},
           "resources": [{"type": "Microsoft.Cache/redis", "name": "[parameters('sku')]", "properties": {"p": "[parameters('secret')]"}}]"#,
    );
    let f = db.add("main.json", text);
    let d = evaluate_template(
        &db,
        f,
        &ArmOptions {
            parameters,
            ..ArmOptions::default()
        },
    );
    assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
    assert!(d.errors[0].message.contains("allowedValues"));
    assert_eq!(d.resources[0].name.as_str(), Some("Premium"));
    assert_eq!(d.resources[0].name.loc.map(|l| l.file), Some(f));
    // An allowed value is accepted (the comparison ignores locations).
    let mut allowed = IndexMap::new();
    allowed.insert("sku".to_string(), Dyn::string("Standard"));
    let d = evaluate_template(
        &db,
        f,
        &ArmOptions {
            parameters: allowed,
            ..ArmOptions::default()
        },
    );
    assert!(d.errors.is_empty(), "{:?}", d.errors);
}

#[test]
fn recognition_is_by_content() {
    assert!(is_arm_template(&template(r#""resources": []"#)));
    let sub = r#"{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", "resources": []}"#;
    assert!(is_arm_template(sub));
    let (_, d) = run_with(sub, &ArmOptions::default());
    assert_eq!(d.target_scope, "subscription");
    for scope in [
        "managementGroupDeploymentTemplate",
        "tenantDeploymentTemplate",
    ] {
        let t = format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-08-01/{scope}.json#"}}"#
        );
        assert!(is_arm_template(&t), "{scope}");
    }
    assert!(!is_arm_template(r#"{"resources": []}"#));
    assert!(!is_arm_template(
        r#"{"a": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"}}"#
    ));
    assert!(!is_arm_template("not json deploymentTemplate.json"));
}

#[test]
fn bad_input_gives_located_errors() {
    // Malformed JSON and duplicate keys.
    let d = run("{\"$schema\": 1,, }");
    assert_eq!(d.errors.len(), 1);
    let d = run(&template(r#""resources": [], "resources": []"#));
    assert!(d.errors[0].message.contains("duplicate"), "{:?}", d.errors);
    // Cyclic variables.
    let d = run(&template(
        r#""variables": {"a": "[variables('b')]", "b": "[variables('a')]"},
           "resources": [{"type": "Microsoft.X/y", "name": "[variables('a')]"}]"#,
    ));
    assert!(
        d.errors.iter().any(|e| e.message.contains("cycle")),
        "{:?}",
        d.errors
    );
    // A copy of 801.
    let text = template(
        r#""resources": [{"type": "Microsoft.X/y", "name": "[string(copyIndex())]", "copy": {"name": "c", "count": 801}}]"#,
    );
    let d = run(&text);
    assert!(d.errors[0].message.contains("800"), "{:?}", d.errors);
    let r = d.errors[0].location.range;
    assert_eq!(&text[r.as_range()], "801");
    assert!(d.resources.is_empty());
    // copyIndex outside a loop, a condition of the wrong type.
    let d = run(&template(
        r#""resources": [{"type": "Microsoft.X/y", "name": "[string(copyIndex())]", "condition": "x"}]"#,
    ));
    assert!(!d.errors.is_empty());
    let d = run(&template(
        r#""resources": [{"type": "Microsoft.X/y", "name": "[string(copyIndex())]"}]"#,
    ));
    assert!(d.errors[0].message.contains("copyIndex"));
    // Deeply nested deployments end with an error, not a stack overflow.
    let mut inner = String::from(r#"{"resources": []}"#);
    for _ in 0..40 {
        inner = format!(
            r#"{{"resources": [{{"type": "Microsoft.Resources/deployments", "name": "d", "properties": {{"expressionEvaluationOptions": {{"scope": "inner"}}, "template": {inner}}}}}]}}"#
        );
    }
    let d = run(&inner);
    assert!(
        d.errors.iter().any(|e| e.message.contains("deeper")),
        "{:?}",
        d.errors
    );
    // Exponential growth and long chains hit the limits.
    let mut vars = String::from(r#""v0": "[createArray(1, 2)]""#);
    for i in 1..60 {
        vars.push_str(&format!(
            r#", "v{i}": "[concat(variables('v{}'), variables('v{}'))]""#,
            i - 1,
            i - 1
        ));
    }
    let d = run(&template(&format!(
        r#""variables": {{{vars}}}, "resources": [{{"type": "Microsoft.X/y", "name": "[string(length(variables('v59')))]"}}]"#
    )));
    assert!(!d.errors.is_empty());
    let mut vars = String::from(r#""c0": "x""#);
    for i in 1..2000 {
        vars.push_str(&format!(r#", "c{i}": "[variables('c{}')]""#, i - 1));
    }
    let d = run(&template(&format!(
        r#""variables": {{{vars}}}, "resources": [{{"type": "Microsoft.X/y", "name": "[variables('c1999')]"}}]"#
    )));
    assert!(
        d.errors.iter().any(|e| e.message.contains("deep")),
        "{:?}",
        d.errors
    );
    // Values nested ever deeper through a chain of variables stop at the depth limit.
    let mut vars = String::from(r#""d0": "x""#);
    for i in 1..96 {
        vars.push_str(&format!(
            r#", "d{i}": "[createArray(createArray(createArray(createArray(createArray(createArray(variables('d{}')))))))]""#,
            i - 1
        ));
    }
    let d = run(&template(&format!(
        r#""variables": {{{vars}}}, "resources": [{{"type": "Microsoft.X/y", "name": "n", "properties": {{"v": "[variables('d95')]"}}}}]"#
    )));
    assert!(
        d.errors.iter().any(|e| e.message.contains("nested deeper")),
        "{:?}",
        d.errors
    );
    // A step budget ends a hostile template.
    let (_, d) = run_with(
        &template(
            r#""resources": [{"type": "Microsoft.X/y", "name": "[string(copyIndex())]", "copy": {"name": "c", "count": 800}, "properties": {"copy": [{"name": "p", "count": 800, "input": "[range(0, 100)]"}]}}]"#,
        ),
        &ArmOptions {
            max_steps: 100_000,
            ..ArmOptions::default()
        },
    );
    assert!(
        d.errors.iter().any(|e| e.message.contains("budget")),
        "{:?}",
        d.errors
    );
    // Not an object, odd resources.
    assert!(!run("[1]").errors.is_empty());
    assert!(
        !run(&template(r#""resources": [1, {"name": "x"}]"#))
            .errors
            .is_empty()
    );
}

#[test]
fn linked_templates_stay_inside_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    std::fs::create_dir_all(root.join("nested")).unwrap();
    std::fs::write(
        root.join("nested/child.json"),
        template(r#""parameters": {"n": {"type": "string"}}, "resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "[parameters('n')]"}]"#),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("outside.json"),
        template(r#""resources": []"#),
    )
    .unwrap();
    let main = template(
        r#""resources": [
      {"type": "Microsoft.Resources/deployments", "name": "a",
       "properties": {"templateLink": {"relativePath": "nested/child.json"}, "parameters": {"n": {"value": "linked"}}}},
      {"type": "Microsoft.Resources/deployments", "name": "b",
       "properties": {"templateLink": {"relativePath": "../outside.json"}}},
      {"type": "Microsoft.Resources/deployments", "name": "c",
       "properties": {"templateLink": {"uri": "https://example.com/t.json"}}}
    ]"#,
    );
    let main_path = root.join("main.json");
    std::fs::write(&main_path, &main).unwrap();
    let db = SourceDb::new();
    let f = db.add(main_path, main.clone());
    let d = evaluate_template(
        &db,
        f,
        &ArmOptions {
            root: Some(root.clone()),
            ..ArmOptions::default()
        },
    );
    let linked = d
        .resources
        .iter()
        .find(|r| r.resource_type == "Microsoft.Storage/storageAccounts")
        .unwrap();
    assert_eq!(linked.name.as_str(), Some("linked"));
    assert_ne!(linked.location.file, f);
    assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
    assert!(d.errors[0].message.contains("outside"));
    assert_eq!(
        &main[d.errors[0].location.range.as_range()],
        r#"{"relativePath": "../outside.json"}"#
    );
    assert!(
        d.notices.iter().any(|n| n.message.contains("remote")),
        "{:?}",
        d.notices
    );
}

#[test]
fn never_panics_on_odd_input() {
    let cases = [
        "",
        "{",
        "null",
        "{}",
        r#"{"resources": {"a": 1}}"#,
        r#"{"resources": [{"type": "[concat(", "name": "]"}]}"#,
        r#"{"variables": {"copy": [{"name": "x", "count": "[variables('x')]", "input": 1}]}, "outputs": {"o": {"value": "[variables('x')]"}}}"#,
        r#"{"outputs": {"o": {"value": "[substring('é', 0, 1)]"}}}"#,
        r#"{"outputs": {"o": {"value": "[padLeft('x', 99999999, 'y')]"}}}"#,
        r#"{"outputs": {"o": {"value": "[lambda('x', 1)]"}}}"#,
        r#"{"outputs": {"o": {"value": "[map(createArray(1), lambda(1, 1))]"}}}"#,
        r#"{"outputs": {"o": {"value": "[copyIndex('nope')]"}}}"#,
        r#"{"outputs": {"o": {"value": "[dateTimeAdd('9999-12-31', 'P1Y')]"}}}"#,
        r#"{"outputs": {"o": {"value": "[format('{0', 1)]"}}}"#,
        r#"{"outputs": {"o": {"value": "[add(9223372036854775807, 1)]"}}}"#,
        r#"{"outputs": {"o": {"value": "[split('abc', '')]"}}}"#,
    ];
    for c in cases {
        let _ = run(c);
    }
}

/// Every compiled Azure Verified Module in the corpus evaluates without an error.
#[test]
fn corpus_evaluates_without_errors() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpora/bicep-registry-modules");
    let root = if root.is_dir() {
        root
    } else {
        std::path::PathBuf::from("/work/wt/shared/corpora/bicep-registry-modules")
    };
    if !root.is_dir() {
        #[allow(clippy::print_stderr)] // a skipped corpus must be visible in the test output
        {
            eprintln!("skipped: the corpus {} is absent", root.display());
        }
        return;
    }
    let stats = evaluate_corpus(&root);
    let failures = &stats.failures;
    assert!(stats.files > 0);
    assert!(stats.resources > 0);
    assert!(
        failures.is_empty(),
        "{} errors:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What a corpus evaluated to.
#[derive(Debug, Default)]
pub(crate) struct CorpusStats {
    files: usize,
    resources: usize,
    /// Resources from nested deployments.
    nested: usize,
    /// Resources whose condition is known only at deployment.
    unknown_condition: usize,
    notices: usize,
    /// Errors as `path:line:column: message`.
    failures: Vec<String>,
}

/// Evaluates every `main.json` under `root`.
pub(crate) fn evaluate_corpus(root: &std::path::Path) -> CorpusStats {
    let mut paths = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == "main.json") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    let mut stats = CorpusStats {
        files: paths.len(),
        ..CorpusStats::default()
    };
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        if !is_arm_template(&text) {
            stats.failures.push(format!(
                "{}: not recognised as an ARM template",
                p.display()
            ));
            continue;
        }
        let db = SourceDb::new();
        let f = db.add(p.clone(), text);
        let d = evaluate_template(
            &db,
            f,
            &ArmOptions {
                root: Some(root.to_path_buf()),
                ..ArmOptions::default()
            },
        );
        stats.resources += d.resources.len();
        stats.nested += d.resources.iter().filter(|r| r.is_nested()).count();
        stats.unknown_condition += d
            .resources
            .iter()
            .filter(|r| r.condition == ArmCondition::Unknown)
            .count();
        stats.notices += d.notices.len();
        for e in &d.errors {
            let (start, _) = db.span(e.location);
            stats.failures.push(format!(
                "{}:{}:{}: {}",
                p.display(),
                start.line,
                start.column,
                e.message
            ));
        }
    }
    stats
}

/// Release-mode measurement: `cargo test --release -p cloudsentinel-parser --lib
/// arm::tests::corpus_timing -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a test"]
fn corpus_timing() {
    let root = std::path::PathBuf::from("/work/wt/shared/corpora/bicep-registry-modules");
    let start = std::time::Instant::now();
    let stats = evaluate_corpus(&root);
    let elapsed = start.elapsed();
    #[allow(clippy::print_stderr)] // the measurement is the output
    {
        eprintln!(
            "{} files, {} resources ({} nested, {} with an Unknown condition), {} notices, {} errors in {elapsed:?}",
            stats.files,
            stats.resources,
            stats.nested,
            stats.unknown_condition,
            stats.notices,
            stats.failures.len(),
        );
    }
}

#[test]
fn unknown_kinds_stay_unknown_in_bodies() {
    let d = run(&template(
        r#""resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "[uniqueString(resourceGroup().id)]",
             "location": "[resourceGroup().location]", "properties": {"a": "[utcNow()]"}}]"#,
    ));
    let r = &d.resources[0];
    assert!(r.name.is_unknown());
    assert!(r.key.is_none());
    assert!(matches!(
        r.body.get("location").map(|l| &l.kind),
        Some(DynKind::Unknown)
    ));
}

#[test]
fn nested_parameters_nulls_existing_and_built_templates() {
    let d = run(&template(
        r##"
  "languageVersion": "2.0",
  "parameters": {"cmk": {"type": "object", "nullable": true}},
  "variables": {"$fxv#0": {
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "parameters": {"n": {"type": "string"}},
      "resources": [{"type": "Microsoft.Authorization/locks", "apiVersion": "2020-05-01", "name": "[[parameters('n')]"}]}},
  "resources": {
    "key": {"existing": true, "type": "Microsoft.KeyVault/vaults/keys", "apiVersion": "2023-07-01",
            "name": "[split(tryGet(parameters('cmk'), 'id'), '/')[8]]"},
    "mod": {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "mod",
      "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
        "parameters": {"flag": {"value": "[tryGet(parameters('cmk'), 'flag')]"}},
        "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "definitions": {"optional": {"type": "string", "nullable": true}},
          "parameters": {"flag": {"type": "bool", "defaultValue": true}, "opt": {"type": "string", "nullable": true},
                         "typed": {"$ref": "#/definitions/optional"}},
          "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "acc",
                         "properties": {"f": "[parameters('flag')]", "o": "[parameters('opt')]", "t": "[parameters('typed')]"}}]}}},
    "built": {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "built",
      "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "outer"},
        "parameters": {"n": {"value": "lock1"}}, "template": "[variables('$fxv#0')]"}}
  }"##,
    ));
    assert!(
        d.errors.is_empty(),
        "an existing resource fails quietly: {:?}",
        d.errors
    );
    let acc = d
        .resources
        .iter()
        .find(|r| r.resource_type == "Microsoft.Storage/storageAccounts")
        .unwrap();
    let props = acc.body.get("properties").unwrap();
    assert!(
        props.get("f").unwrap().is_unknown(),
        "cmk is Unknown at the root"
    );
    assert!(
        props.get("o").unwrap().is_null(),
        "a nested nullable parameter not passed is null"
    );
    let lock = d
        .resources
        .iter()
        .find(|r| r.resource_type == "Microsoft.Authorization/locks")
        .unwrap();
    assert_eq!(lock.name.as_str(), Some("lock1"));
    assert_eq!(lock.address, "module.built.resources[0]");
}

#[test]
fn null_parameters_fall_back_to_defaults() {
    let db = SourceDb::new();
    let text = template(
        r#""parameters": {"flag": {"type": "bool", "defaultValue": true}},
           "resources": [{"type": "Microsoft.X/y", "name": "[string(parameters('flag'))]"}]"#,
    );
    let f = db.add("main.json", text);
    let mut parameters = IndexMap::new();
    parameters.insert("FLAG".to_string(), Dyn::null());
    let d = evaluate_template(
        &db,
        f,
        &ArmOptions {
            parameters,
            ..ArmOptions::default()
        },
    );
    assert_eq!(d.resources[0].name.as_str(), Some("True"));
}

#[test]
fn unknown_counts_and_conditions_are_inherited() {
    let d = run(&template(
        r#""parameters": {"items": {"type": "array"}, "on": {"type": "bool"}},
  "resources": [
    {"type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01",
     "name": "[guid(string(copyIndex()))]", "copy": {"name": "ra", "count": "[length(parameters('items'))]"}},
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "child", "condition": "[parameters('on')]",
     "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
       "template": {"resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "inner"}]}}}
  ]"#,
    ));
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    let ra = &d.resources[0];
    assert_eq!(ra.address, "resources[0][*]");
    assert_eq!(ra.condition, ArmCondition::Unknown, "the count may be zero");
    assert!(ra.name.is_unknown());
    assert!(d.notices.iter().any(|n| n.message.contains("copy count")));
    let inner = d
        .resources
        .iter()
        .find(|r| r.resource_type == "Microsoft.Storage/storageAccounts")
        .unwrap();
    assert_eq!(
        inner.condition,
        ArmCondition::Unknown,
        "inherited from the deployment"
    );
}

#[test]
fn property_names_can_be_expressions() {
    let d = run(&template(
        r#""parameters": {"tag": {"type": "string", "defaultValue": "owner"}, "other": {"type": "string"}},
           "resources": [{"type": "Microsoft.X/y", "name": "n",
             "tags": {"[parameters('tag')]": "me", "[parameters('other')]": "x", "[[kept]": 1}}]"#,
    ));
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    let tags = d.resources[0]
        .body
        .get("tags")
        .and_then(Dyn::as_map)
        .unwrap();
    let keys: Vec<&str> = tags.keys().map(String::as_str).collect();
    assert_eq!(keys, ["owner", "[parameters('other')]", "[kept]"]);
}

#[test]
fn errors_are_located_through_json_escapes() {
    let text = template(
        r#""resources": [{"type": "Microsoft.X/y", "name": "[concat('\u0041\"', nope())]"}]"#,
    );
    let d = run(&text);
    let r = d.errors[0].location.range;
    assert_eq!(&text[r.as_range()], "nope()", "{:?}", d.errors);
}

#[test]
fn copied_deployments_of_a_large_template_stay_bounded() {
    // 800 × 800 deployments of a template carrying a large unused variable: each template
    // is copied once, and the step budget ends the fan-out.
    let big = format!("\"{}\"", "x".repeat(200_000));
    let inner = format!(
        r#"{{"variables": {{"unused": {big}}}, "resources": [{{"type": "Microsoft.X/y", "name": "n"}}]}}"#
    );
    let mid = format!(
        r#"{{"resources": [{{"type": "Microsoft.Resources/deployments", "name": "[string(copyIndex())]", "copy": {{"name": "b", "count": 800}},
             "properties": {{"expressionEvaluationOptions": {{"scope": "inner"}}, "template": {inner}}}}}]}}"#
    );
    let text = template(&format!(
        r#""resources": [{{"type": "Microsoft.Resources/deployments", "name": "[string(copyIndex())]", "copy": {{"name": "a", "count": 800}},
             "properties": {{"expressionEvaluationOptions": {{"scope": "inner"}}, "template": {mid}}}}}]"#
    ));
    let (_, d) = run_with(
        &text,
        &ArmOptions {
            max_steps: 200_000,
            ..ArmOptions::default()
        },
    );
    assert!(
        d.errors.iter().any(|e| e.message.contains("budget")),
        "{:?}",
        d.errors
    );
}
