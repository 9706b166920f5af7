//! Registry tokens, from where Terraform reads them: `TF_TOKEN_<host>` environment
//! variables (dots as `_`, hyphens as `__`), `credentials "HOST" { token = "…" }` blocks of
//! the CLI configuration file (`TF_CLI_CONFIG_FILE`, else `~/.terraformrc`), and
//! `~/.terraform.d/credentials.tfrc.json`. Environment variables win over files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Tokens by host (lower case, with its port when it has one).
#[derive(Clone, Default)]
pub struct Credentials {
    tokens: HashMap<String, String>,
}

// Tokens never reach logs or error messages.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("hosts", &self.tokens.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Credentials {
    /// The credentials of this user and environment.
    pub fn from_env() -> Credentials {
        let home = home_dir();
        let cli_config = std::env::var_os("TF_CLI_CONFIG_FILE")
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".terraformrc")));
        let json = home
            .as_ref()
            .map(|h| h.join(".terraform.d").join("credentials.tfrc.json"));
        Credentials::from_sources(std::env::vars(), cli_config.as_deref(), json.as_deref())
    }

    /// Credentials from the given environment and files (missing files are skipped; a file
    /// that does not parse adds nothing).
    pub fn from_sources(
        env: impl IntoIterator<Item = (String, String)>,
        cli_config: Option<&Path>,
        credentials_json: Option<&Path>,
    ) -> Credentials {
        let mut tokens = HashMap::new();
        if let Some(text) = credentials_json.and_then(|p| std::fs::read_to_string(p).ok())
            && let Ok(json) = serde_json::from_str::<serde_json::Value>(&text)
            && let Some(hosts) = json.get("credentials").and_then(|c| c.as_object())
        {
            for (host, entry) in hosts {
                if let Some(token) = entry.get("token").and_then(|t| t.as_str()) {
                    tokens.insert(host.to_ascii_lowercase(), token.to_string());
                }
            }
        }
        if let Some(text) = cli_config.and_then(|p| std::fs::read_to_string(p).ok()) {
            tokens.extend(credentials_blocks(&text));
        }
        for (name, value) in env {
            if let Some(encoded) = name.strip_prefix("TF_TOKEN_")
                && !value.is_empty()
            {
                tokens.insert(decode_env_host(encoded), value);
            }
        }
        Credentials { tokens }
    }

    /// The token for `host` (`name` or `name:port`).
    pub fn token_for(&self, host: &str) -> Option<&str> {
        self.tokens
            .get(&host.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// `app_terraform_io` → `app.terraform.io`; `my__reg_example_com` → `my-reg.example.com`.
fn decode_env_host(encoded: &str) -> String {
    encoded
        .replace("__", "\u{0}")
        .replace('_', ".")
        .replace('\u{0}', "-")
        .to_ascii_lowercase()
}

/// `credentials "HOST" { token = "…" }` blocks of an HCL CLI configuration.
fn credentials_blocks(text: &str) -> Vec<(String, String)> {
    let Ok(body) = text.parse::<hcl_edit::structure::Body>() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for block in body.get_blocks("credentials") {
        let Some(host) = block
            .labels
            .first()
            .map(|l| l.as_str().to_ascii_lowercase())
        else {
            continue;
        };
        let token = block
            .body
            .get_attribute("token")
            .and_then(|a| match &a.value {
                hcl_edit::expr::Expression::String(s) => Some(s.value().clone()),
                _ => None,
            });
        if let Some(token) = token {
            out.push((host, token));
        }
    }
    out
}

fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_names_decode_as_terraform_documents() {
        assert_eq!(decode_env_host("app_terraform_io"), "app.terraform.io");
        assert_eq!(
            decode_env_host("my__registry_example_com"),
            "my-registry.example.com"
        );
    }

    #[test]
    fn tokens_come_from_env_cli_config_and_json_with_env_winning() {
        let dir = tempfile::tempdir().expect("tempdir");
        let rc = dir.path().join("terraformrc");
        std::fs::write(
            &rc,
            "credentials \"cli.example.com\" {\n  token = \"from-cli\"\n}\ncredentials \"both.example.com\" {\n  token = \"cli\"\n}\n",
        )
        .expect("write");
        let json = dir.path().join("credentials.tfrc.json");
        std::fs::write(
            &json,
            r#"{"credentials": {"json.example.com": {"token": "from-json"}, "Localhost:8443": {"token": "port"}}}"#,
        )
        .expect("write");
        let env = vec![
            ("TF_TOKEN_both_example_com".to_string(), "env".to_string()),
            (
                "TF_TOKEN_my__reg_example_com".to_string(),
                "hyphen".to_string(),
            ),
            ("OTHER".to_string(), "x".to_string()),
        ];
        let c = Credentials::from_sources(env, Some(&rc), Some(&json));
        assert_eq!(c.token_for("cli.example.com"), Some("from-cli"));
        assert_eq!(c.token_for("json.example.com"), Some("from-json"));
        assert_eq!(c.token_for("both.example.com"), Some("env"));
        assert_eq!(c.token_for("my-reg.example.com"), Some("hyphen"));
        assert_eq!(c.token_for("localhost:8443"), Some("port"));
        assert_eq!(c.token_for("registry.terraform.io"), None);
        assert!(
            !format!("{c:?}").contains("from-cli"),
            "tokens are not printed"
        );
    }

    #[test]
    fn unreadable_or_malformed_files_add_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bad = dir.path().join("bad");
        std::fs::write(&bad, "credentials {{{").expect("write");
        let c = Credentials::from_sources(Vec::new(), Some(&bad), Some(&dir.path().join("none")));
        assert_eq!(c.token_for("x"), None);
    }
}
