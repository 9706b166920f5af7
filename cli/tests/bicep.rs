//! End-to-end: Bicep files scanned by the binary — a finding located in the `.bicep` file,
//! a `.bicepparam` file setting the values, a suppression comment, local modules, syntax
//! errors, and the Azure Verified Modules corpus (`.bicep` sources).

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

/// Unsuppressed findings as `check path:line`, sorted.
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

/// A storage account secure in every respect but HTTPS, which its parameter turns off.
const STORAGE: &str = "param httpsOnly bool = false
param accountName string = 'examplecorpdata'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: resourceGroup().location
  sku: { name: 'Standard_GRS' }
  kind: 'StorageV2'
  properties: {
    supportsHttpsTrafficOnly: httpsOnly
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    networkAcls: { defaultAction: 'Deny' }
    encryption: { requireInfrastructureEncryption: true }
  }
}
";

#[test]
fn an_insecure_default_is_found_at_its_bicep_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.bicep"), STORAGE).unwrap();
    let (code, v) = scan(dir.path(), &["."]);
    assert_eq!(code, Some(1), "{v:#}");
    assert_eq!(
        ids(&v),
        ["azure-storage-http-allowed main.bicep:10"],
        "{v:#}"
    );
    // A parameters file naming the template sets the value.
    std::fs::write(
        dir.path().join("main.bicepparam"),
        "using './main.bicep'\nparam httpsOnly = true\n",
    )
    .unwrap();
    let (code, v) = scan(dir.path(), &["."]);
    assert_eq!(code, Some(0), "{v:#}");
}

#[test]
fn comments_suppress_modules_are_followed_and_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let suppressed = STORAGE.replace(
        "resource storage",
        "// cloudsentinel:ignore:azure-storage-http-allowed static site behind Front Door\nresource storage",
    );
    std::fs::write(dir.path().join("site.bicep"), suppressed).unwrap();
    std::fs::create_dir(dir.path().join("modules")).unwrap();
    std::fs::write(dir.path().join("modules/storage.bicep"), STORAGE).unwrap();
    std::fs::write(
        dir.path().join("app.bicep"),
        "module st './modules/storage.bicep' = {\n  name: 'st'\n  params: { httpsOnly: true }\n}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.bicep"), "param a string 'x'\n").unwrap();
    let (_, v) = scan(dir.path(), &["."]);
    let all = ids(&v);
    assert!(
        all.iter()
            .all(|f| !f.starts_with("azure-storage-http-allowed")),
        "suppressed in site.bicep, and the module is called with httpsOnly: true: {all:#?}"
    );
    assert!(
        all.contains(&"iac-parse-error broken.bicep:1".to_string()),
        "{all:#?}"
    );
    // A parameters file deploying the module on its own too: evaluated with its values.
    std::fs::write(
        dir.path().join("modules/storage.bicepparam"),
        "using 'storage.bicep'\nparam accountName = 'standalone'\n",
    )
    .unwrap();
    let (_, v) = scan(dir.path(), &["."]);
    let all = ids(&v);
    assert!(
        all.contains(&"azure-storage-http-allowed modules/storage.bicep:10".to_string()),
        "{all:#?}"
    );
}

#[test]
fn the_azure_verified_modules_bicep_sources_evaluate_without_errors() {
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
}
