use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a VM instance or instance template that runs as the project's default compute
    /// service account with narrower scopes than `cloud-platform` (with that scope,
    /// `gcp-compute-default-sa-full-access` reports it instead, and this check gives no
    /// verdict on it).
    ///
    /// The default account is shared by every VM that does not choose another, and holds
    /// the project Editor role unless someone removed it: scopes are its only limit, and a
    /// later scope change silently widens every VM at once. A dedicated account per
    /// workload keeps each one to the roles it needs.
    pub static CHECK = {
        id: "gcp-compute-default-sa",
        title: "VM uses the default compute service account",
        severity: Medium,
        risk_score: 4.5,
        provider: Google,
        service: "compute",
        formats: [Terraform, DeploymentManager],
        status: Preview,
        compliance: {
            CIS_GCP: ["4.1"],
            NIST_800_53: ["AC-6"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_GCP_30", "AVD-GCP-0044", "google-compute-no-default-service-account"],
        remediation: "Create a service account for the workload, grant it only the roles it needs, and set it as `service_account.email`.",
        references: ["https://cloud.google.com/compute/docs/access/create-enable-service-accounts-for-instances"],
        examples: [
            tf_bad("The default account with logging and monitoring scopes", r#"
resource "google_compute_instance" "worker" {
  name         = "worker"
  machine_type = "e2-medium"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
  }

  service_account {
    scopes = ["logging-write", "monitoring-write"]
  }
}
"#),
            tf_good("A dedicated account created beside the VM", r#"
resource "google_service_account" "worker" {
  account_id = "worker"
}

resource "google_compute_instance" "worker" {
  name         = "worker"
  machine_type = "e2-medium"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
  }

  service_account {
    email  = google_service_account.worker.email
    scopes = ["cloud-platform"]
  }
}
"#),
            tf_good("No service account at all", r#"
resource "google_compute_instance" "batch" {
  name         = "batch"
  machine_type = "e2-medium"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
  }
}
"#),
            dm_bad("The default account with logging and monitoring scopes", r"
resources:
- name: web
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
    serviceAccounts:
    - email: default
      scopes:
      - https://www.googleapis.com/auth/logging.write
      - https://www.googleapis.com/auth/monitoring.write
"),
            dm_good("A dedicated account created beside the VM, by reference", r"
resources:
- name: web-runner
  type: iam.v1.serviceAccount
  properties:
    accountId: web-runner
- name: web
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
    serviceAccounts:
    - email: $(ref.web-runner.email)
      scopes:
      - https://www.googleapis.com/auth/logging.write
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for vm in &state.google.compute.instances {
        let mut failed = false;
        let mut decided = !vm.service_accounts_incomplete;
        for sa in &vm.service_accounts {
            if sa.is_default() {
                // With full access the stricter check reports it; without, this one.
                if sa.cloud_platform_scope().is_some() {
                    decided = false;
                } else if sa.scopes.iter().all(|s| s.known().is_some()) {
                    failed = true;
                    report.add(
                        &vm.resource,
                        &sa.is_default_account.meta,
                        format!(
                            "The {} runs as the default compute service account",
                            vm.noun()
                        ),
                    );
                } else {
                    decided = false;
                }
            } else if !sa.is_default_account.is_false() {
                decided = false;
            }
        }
        if !failed && decided {
            report.pass(&vm.resource);
        }
    }
}
