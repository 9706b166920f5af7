use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::{Meta, State};

declare_check! {
    /// Flags every user-managed service account key that is declared: a key Google
    /// generates for download, or one whose public key is uploaded.
    ///
    /// A key is a long-lived credential that works from anywhere until someone deletes it;
    /// keys leak through repositories, laptops and CI logs. Workload identity federation,
    /// attached service accounts and impersonation need no key.
    pub static CHECK = {
        id: "gcp-iam-sa-user-managed-key",
        title: "User-managed service account key",
        severity: Medium,
        risk_score: 5.0,
        provider: Google,
        service: "iam",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["1.4"],
            NIST_800_53: ["IA-5", "AC-2"],
            ISO_27001: ["A.5.17"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Remove the key; attach the service account to the workload, or use workload identity federation or short-lived impersonation tokens.",
        references: ["https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys"],
        examples: [
            tf_bad("A key for a CI service account", r#"
resource "google_service_account" "ci" {
  account_id = "ci"
}

resource "google_service_account_key" "ci" {
  service_account_id = google_service_account.ci.name
}
"#),
            tf_good("Workload identity federation instead of a key", r#"
resource "google_service_account" "ci" {
  account_id = "ci"
}

resource "google_service_account_iam_member" "ci" {
  service_account_id = google_service_account.ci.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci/attribute.repository/example/app"
}
"#),
            dm_bad("A key for a CI service account of the same deployment", r"
resources:
- name: ci-deployer
  type: iam.v1.serviceAccount
  properties:
    accountId: ci-deployer
- name: ci-deployer-key
  type: iam.v1.serviceAccounts.key
  properties:
    parent: $(ref.ci-deployer.name)
    privateKeyType: TYPE_GOOGLE_CREDENTIALS_FILE
"),
            dm_good("A service account without a key", r"
resources:
- name: ci-deployer
  type: iam.v1.serviceAccount
  properties:
    accountId: ci-deployer
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for key in &state.google.iam.service_account_keys {
        let at = Meta::explicit(key.resource.origin.clone());
        let how = if key.uploaded.is_true() {
            "an uploaded public key"
        } else {
            "a key Google generates for download"
        };
        report.add(
            &key.resource,
            &at,
            format!("A user-managed service account key is declared ({how})"),
        );
    }
}
