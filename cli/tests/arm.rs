//! End-to-end: ARM templates scanned by the binary — parameter files (paired by name and
//! `--arm-parameters`), suppressions in resource metadata, bad input, and the Azure Verified
//! Modules corpus (compiled `main.json` files).

// Skipped corpus tests say why on stderr.
#![allow(clippy::print_stderr)]

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn scan(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let o = Command::new(env!("CARGO_BIN_EXE_cloudsentinel"))
        .env("NO_COLOR", "1")
        .args(["scan", "--format", "json", "--preview"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run cloudsentinel");
    let v = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "invalid JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o.status.code(), v)
}

fn ids(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["suppression"].is_null())
        .map(|f| {
            format!(
                "{} {}:{}",
                f["check_id"].as_str().unwrap(),
                f["location"]["path"].as_str().unwrap_or(""),
                f["location"]["start"]["line"]
            )
        })
        .collect();
    out.sort();
    out
}

const TEMPLATE: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "httpsOnly": { "type": "bool", "defaultValue": true },
    "accountName": { "type": "string", "defaultValue": "examplecorpdata" }
  },
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-05-01",
      "name": "[parameters('accountName')]",
      "location": "[resourceGroup().location]",
      "sku": { "name": "Standard_GRS" },
      "kind": "StorageV2",
      "properties": {
        "supportsHttpsTrafficOnly": "[parameters('httpsOnly')]",
        "minimumTlsVersion": "TLS1_2",
        "allowBlobPublicAccess": false,
        "allowSharedKeyAccess": false,
        "allowCrossTenantReplication": false,
        "networkAcls": { "defaultAction": "Deny" },
        "encryption": { "requireInfrastructureEncryption": true }
      }
    }
  ]
}
"#;

const HTTP_PARAMETERS: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "httpsOnly": { "value": false } }
}
"#;

#[test]
fn a_paired_parameters_file_and_the_flag_set_the_values() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("azuredeploy.json"), TEMPLATE).unwrap();
    let (code, v) = scan(dir.path(), &["."]);
    assert_eq!(code, Some(0), "the defaults are secure: {v:#}");
    // The conventional pairing: azuredeploy.parameters.json beside azuredeploy.json.
    std::fs::write(
        dir.path().join("azuredeploy.parameters.json"),
        HTTP_PARAMETERS,
    )
    .unwrap();
    let (code, v) = scan(dir.path(), &["."]);
    assert_eq!(code, Some(1));
    assert_eq!(
        ids(&v),
        ["azure-storage-http-allowed azuredeploy.json:17"],
        "the parameters file is no template of its own"
    );
    // --arm-parameters replaces the paired file.
    std::fs::write(
        dir.path().join("prod.json"),
        HTTP_PARAMETERS.replace("false", "true"),
    )
    .unwrap();
    let (code, v) = scan(
        dir.path(),
        &["--arm-parameters", "prod.json", "azuredeploy.json"],
    );
    assert_eq!(code, Some(0), "{v:#}");
    let o = Command::new(env!("CARGO_BIN_EXE_cloudsentinel"))
        .args(["scan", "--arm-parameters", "missing.json", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--arm-parameters missing.json"));
}

#[test]
fn metadata_suppresses_and_bad_templates_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let suppressed = TEMPLATE
        .replace(r#""defaultValue": true }"#, r#""defaultValue": false }"#)
        .replace(
            r#""kind": "StorageV2","#,
            r#""kind": "StorageV2",
      "metadata": { "cloudsentinel": { "ignore": [ { "id": "azure-storage-http-allowed", "reason": "static site behind Front Door" } ] } },"#,
        );
    std::fs::write(dir.path().join("site.json"), suppressed).unwrap();
    // Truncated, an unknown function, and a linked template outside the tree.
    std::fs::write(
        dir.path().join("broken.json"),
        &TEMPLATE[..TEMPLATE.len() / 2],
    )
    .unwrap();
    std::fs::write(
        dir.path().join("typo.json"),
        TEMPLATE.replace("[parameters('httpsOnly')]", "[paramters('httpsOnly')]"),
    )
    .unwrap();
    let (_, v) = scan(dir.path(), &["."]);
    let all = ids(&v);
    assert!(
        all.iter()
            .all(|f| !f.starts_with("azure-storage-http-allowed site.json")),
        "the metadata suppresses: {all:#?}"
    );
    let errors: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check_id"] == "iac-parse-error")
        .collect();
    let paths: Vec<&str> = errors
        .iter()
        .map(|e| e["location"]["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"broken.json"), "{errors:#?}");
    let typo = errors
        .iter()
        .find(|e| e["location"]["path"] == "typo.json")
        .unwrap_or_else(|| panic!("an unknown function is an error: {errors:#?}"));
    assert!(
        typo["message"].as_str().unwrap().contains("paramters"),
        "{typo:#}"
    );
    assert_eq!(
        typo["location"]["start"]["line"], 17,
        "inside the expression"
    );
}

#[test]
fn the_azure_verified_modules_evaluate_without_errors() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/bicep-registry-modules/avm/res");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is absent", corpus.display());
        return;
    }
    let (_, v) = scan(&corpus, &["."]);
    let errors: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check_id"] == "iac-parse-error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(v["summary"]["files_scanned"].as_u64().unwrap() >= 300);
}
