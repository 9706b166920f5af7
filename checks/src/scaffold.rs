//! `cloudsentinel checks new PROVIDER/SERVICE/NAME`: the files of a new check, ready to fill in.
//!
//! Writes `checks/src/<provider>/<service>/<name>.rs` (metadata, doc comment, a `run`
//! function), its bad and good Terraform examples as native files in
//! `checks/src/<provider>/<service>/<name>/`, the `mod` lines, and the registry line. The
//! example test of the new check fails until `run` reports the bad example, and its snapshot
//! is written for review on the first run.

use crate::check::Provider;
use std::path::{Path, PathBuf};

/// Where the registry's cloud checks end: new checks are inserted above this line.
const REGISTRY_MARKER: &str = "    // Across clouds";

/// A parsed `PROVIDER/SERVICE/NAME`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCheck {
    pub provider: Provider,
    pub service: String,
    pub name: String,
}

impl NewCheck {
    /// Parses `aws/s3/no_object_lock` (hyphens are accepted for underscores).
    pub fn parse(spec: &str) -> Result<NewCheck, String> {
        let parts: Vec<&str> = spec.split('/').collect();
        let [provider, service, name] = parts.as_slice() else {
            return Err(format!(
                "`{spec}`: expected PROVIDER/SERVICE/NAME, e.g. aws/s3/no_object_lock"
            ));
        };
        let provider = Provider::parse(provider).ok_or_else(|| {
            format!(
                "`{provider}` is not a provider; use one of {}",
                Provider::ALL.map(Provider::as_str).join(", ")
            )
        })?;
        let ident = |s: &str, what: &str| {
            let s = s.replace('-', "_");
            let valid = s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if valid {
                Ok(s)
            } else {
                Err(format!(
                    "`{s}`: a {what} is lowercase letters, digits and underscores, starting with a letter"
                ))
            }
        };
        Ok(NewCheck {
            provider,
            service: ident(service, "service")?,
            name: ident(name, "check name")?,
        })
    }

    /// The stable check ID (`aws-s3-no-object-lock`).
    pub fn id(&self) -> String {
        format!(
            "{}-{}-{}",
            self.provider.check_id_prefix(),
            self.service,
            self.name
        )
        .replace('_', "-")
    }
}

/// Creates the check's files under `root` (the repository root) and registers it. Returns the
/// files written or changed. Refuses to overwrite an existing check.
pub fn create(root: &Path, new: &NewCheck) -> Result<Vec<PathBuf>, String> {
    let src = root.join("checks/src");
    let registry = src.join("registry.rs");
    let registry_text = read(&registry)?;
    if !registry_text.contains(REGISTRY_MARKER) {
        return Err(format!(
            "{}: no `{}` line to insert the check above",
            registry.display(),
            REGISTRY_MARKER.trim()
        ));
    }
    let provider = new.provider.as_str();
    let service_dir = src.join(provider).join(&new.service);
    let check_file = service_dir.join(format!("{}.rs", new.name));
    if check_file.exists() {
        return Err(format!("{} already exists", check_file.display()));
    }
    let mut changed = Vec::new();
    let examples_dir = service_dir.join(&new.name);
    std::fs::create_dir_all(&examples_dir)
        .map_err(|e| format!("{}: {e}", examples_dir.display()))?;
    write(&check_file, &check_source(new), &mut changed)?;
    write(
        &examples_dir.join("bad.tf"),
        "# TODO: a resource that the check must flag\n",
        &mut changed,
    )?;
    write(
        &examples_dir.join("good.tf"),
        "# TODO: the same resource, configured securely\n",
        &mut changed,
    )?;
    // A Google or Azure check proves that Terraform and the cloud's own format agree on its
    // resource.
    let other = match new.provider {
        Provider::Google => Some((
            "config.yaml",
            "# TODO: the same resource, as a Deployment Manager config\n",
        )),
        Provider::Azure => Some((
            "azuredeploy.json",
            "{\"TODO\": \"the same resource, as an ARM template\"}\n",
        )),
        Provider::Aws => None,
    };
    if let Some((file, placeholder)) = other {
        let parity = root.join("checks/tests/parity").join(new.id());
        std::fs::create_dir_all(&parity).map_err(|e| format!("{}: {e}", parity.display()))?;
        write(
            &parity.join("main.tf"),
            "# TODO: a resource the check flags, as Terraform\n",
            &mut changed,
        )?;
        write(&parity.join(file), placeholder, &mut changed)?;
        if new.provider == Provider::Azure {
            write(
                &parity.join("main.bicep"),
                "// TODO: the same resource, as Bicep\n",
                &mut changed,
            )?;
        }
    }
    add_mod_line(&service_dir.join("mod.rs"), &new.name, &mut changed)?;
    add_mod_line(
        &src.join(provider).join("mod.rs"),
        &new.service,
        &mut changed,
    )?;
    add_mod_line(&src.join("lib.rs"), provider, &mut changed)?;
    let line = format!(
        "    &crate::{provider}::{}::{}::CHECK,\n",
        new.service, new.name
    );
    let updated = registry_text.replacen(REGISTRY_MARKER, &format!("{line}{REGISTRY_MARKER}"), 1);
    write(&registry, &updated, &mut changed)?;
    Ok(changed)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: {e} (run `cloudsentinel checks new` from the repository root)",
            path.display()
        )
    })
}

fn write(path: &Path, text: &str, changed: &mut Vec<PathBuf>) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    changed.push(path.to_path_buf());
    Ok(())
}

/// Adds `pub mod NAME;` to a module file (creating it), keeping the `pub mod` lines sorted.
fn add_mod_line(path: &Path, name: &str, changed: &mut Vec<PathBuf>) -> Result<(), String> {
    let text = if path.exists() {
        read(path)?
    } else {
        String::new()
    };
    let line = format!("pub mod {name};");
    if text.lines().any(|l| l.trim() == line) {
        return Ok(());
    }
    let mut lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("pub mod ") && *l > line.as_str())
        .or_else(|| {
            lines
                .iter()
                .rposition(|l| l.starts_with("pub mod "))
                .map(|i| i + 1)
        })
        .unwrap_or(lines.len());
    lines.insert(at, &line);
    let mut out = lines.join("\n");
    out.push('\n');
    write(path, &out, changed)
}

fn check_source(new: &NewCheck) -> String {
    let provider_variant = format!("{:?}", new.provider);
    format!(
        r#"use crate::check::{{tf_bad, tf_good}};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {{
    /// TODO: what the check flags, in one sentence.
    ///
    /// TODO: why it matters: what an attacker or an accident can do with it.
    pub static CHECK = {{
        id: "{id}",
        title: "TODO: a short title",
        severity: Medium,
        risk_score: 5.0,
        provider: {provider_variant},
        service: "{service}",
        formats: [Terraform],
        status: Preview,
        compliance: {{}},
        aliases: [],
        remediation: "TODO: how to fix it.",
        references: [],
        examples: [
            tf_bad("TODO: what the bad example shows", include_str!("{name}/bad.tf")),
            tf_good("TODO: what the good example shows", include_str!("{name}/good.tf")),
        ],
        run: run,
    }}
}}

fn run(state: &State, report: &mut Report) {{
    // TODO: read the model (`state.{provider}.…`), call `report.add` with the failing value's
    // meta, and `report.pass` for each resource that was examined and complies. Never report
    // on an Unknown value.
    let _ = (state, report);
}}
"#,
        id = new.id(),
        provider = new.provider.as_str(),
        service = new.service,
        name = new.name,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs() {
        let c = NewCheck::parse("aws/s3/no-object-lock").unwrap();
        assert_eq!(c.id(), "aws-s3-no-object-lock");
        assert_eq!(c.name, "no_object_lock");
        let gcp = NewCheck::parse("gcp/storage/x").unwrap();
        assert_eq!(gcp.provider, Provider::Google);
        assert_eq!(
            gcp.id(),
            "gcp-storage-x",
            "the catalogue's prefix for Google"
        );
        assert!(NewCheck::parse("aws/s3").is_err());
        assert!(NewCheck::parse("oracle/s3/x").is_err());
        assert!(NewCheck::parse("aws/S3/x").is_err());
    }

    #[test]
    fn scaffolds_a_check_in_a_new_service_and_provider() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("checks/src");
        std::fs::create_dir_all(src.join("aws")).unwrap();
        std::fs::write(src.join("lib.rs"), "pub mod aws;\npub mod check;\n").unwrap();
        std::fs::write(src.join("aws/mod.rs"), "pub mod s3;\n").unwrap();
        std::fs::write(
            src.join("registry.rs"),
            "pub static ALL = &[\n    &crate::aws::s3::a::CHECK,\n    // Across clouds\n];\n",
        )
        .unwrap();
        let new = NewCheck::parse("azure/storage/public_blob").unwrap();
        let changed = create(dir.path(), &new).unwrap();
        assert_eq!(changed.len(), 10, "{changed:?}");
        let check = std::fs::read_to_string(src.join("azure/storage/public_blob.rs")).unwrap();
        assert!(check.contains("id: \"azure-storage-public-blob\""));
        assert!(check.contains("provider: Azure,"));
        assert!(check.contains("include_str!(\"public_blob/bad.tf\")"));
        assert!(src.join("azure/storage/public_blob/good.tf").exists());
        assert_eq!(
            std::fs::read_to_string(src.join("lib.rs")).unwrap(),
            "pub mod aws;\npub mod azure;\npub mod check;\n"
        );
        assert_eq!(
            std::fs::read_to_string(src.join("azure/mod.rs")).unwrap(),
            "pub mod storage;\n"
        );
        assert!(
            std::fs::read_to_string(src.join("registry.rs"))
                .unwrap()
                .contains("    &crate::azure::storage::public_blob::CHECK,\n    // Across clouds")
        );
        assert!(create(dir.path(), &new).is_err(), "never overwrites");
    }

    #[test]
    fn a_google_check_gets_its_parity_pair() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("checks/src");
        std::fs::create_dir_all(src.join("google")).unwrap();
        std::fs::write(src.join("lib.rs"), "pub mod google;\n").unwrap();
        std::fs::write(src.join("google/mod.rs"), "").unwrap();
        std::fs::write(
            src.join("registry.rs"),
            "pub static ALL = &[\n    // Across clouds\n];\n",
        )
        .unwrap();
        let new = NewCheck::parse("gcp/storage/no_retention").unwrap();
        create(dir.path(), &new).unwrap();
        let parity = dir
            .path()
            .join("checks/tests/parity/gcp-storage-no-retention");
        assert!(parity.join("main.tf").exists());
        assert!(parity.join("config.yaml").exists());
    }
}
