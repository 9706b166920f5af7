use crate::check::{dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a VM instance or instance template that runs as the project's default compute
    /// service account (a `service_account` block without `email`, `email = "default"`, or
    /// `…-compute@developer.gserviceaccount.com`) with the `cloud-platform` scope.
    ///
    /// The default service account has the Editor role on the project unless someone
    /// removed it; with the `cloud-platform` scope, any process on the VM (or anyone who
    /// reaches its metadata server) can use it against every API in the project.
    pub static CHECK = {
        id: "gcp-compute-default-sa-full-access",
        title: "VM uses the default service account with full API access",
        severity: High,
        risk_score: 7.5,
        provider: Google,
        service: "compute",
        formats: [Terraform, DeploymentManager],
        compliance: {
            CIS_GCP: ["4.2"],
            NIST_800_53: ["AC-6"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_GCP_31"],
        remediation: "Create a dedicated service account with only the roles the workload needs and set it as `service_account.email`; keep the `cloud-platform` scope only with such an account.",
        references: ["https://cloud.google.com/compute/docs/access/service-accounts#default_service_account"],
        examples: [
            tf_bad("No email: the default account, with every API", r#"
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
    scopes = ["cloud-platform"]
  }
}
"#),
            tf_bad("A template naming the default account through a variable's default", r#"
variable "project_number" {
  default = "123456789012"
}

resource "google_compute_instance_template" "workers" {
  name_prefix  = "workers-"
  machine_type = "e2-medium"

  disk {
    source_image = "debian-cloud/debian-12"
  }

  network_interface {
    network = "default"
  }

  service_account {
    email  = "${var.project_number}-compute@developer.gserviceaccount.com"
    scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}
"#),
            tf_good("A dedicated service account", r#"
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
            tf_good("The default account with narrow scopes", r#"
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
            dm_bad("A template runs its VMs as the schema's default account with every API", r"
imports:
- path: vm.jinja

resources:
- name: batch-worker
  type: vm.jinja
  properties:
    zone: europe-west1-b
# file: vm.jinja
resources:
- name: {{ env['name'] }}
  type: compute.v1.instance
  properties:
    zone: {{ properties['zone'] }}
    machineType: zones/{{ properties['zone'] }}/machineTypes/e2-small
    serviceAccounts:
    - email: {{ properties['serviceAccount'] }}
      scopes:
      - https://www.googleapis.com/auth/cloud-platform
# file: vm.jinja.schema
properties:
  zone:
    type: string
  serviceAccount:
    type: string
    default: default
"),
            dm_good("A dedicated service account of the same deployment, by reference", r"
resources:
- name: app-runner
  type: iam.v1.serviceAccount
  properties:
    accountId: app-runner
- name: app
  type: compute.v1.instance
  properties:
    zone: europe-west1-b
    machineType: zones/europe-west1-b/machineTypes/e2-small
    serviceAccounts:
    - email: $(ref.app-runner.email)
      scopes:
      - https://www.googleapis.com/auth/cloud-platform
"),
            dm_good("The default account with narrow scopes", r"
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
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for vm in &state.google.compute.instances {
        let mut decided = !vm.service_accounts_incomplete;
        let mut failed = false;
        for sa in &vm.service_accounts {
            let scope = sa.cloud_platform_scope();
            if sa.is_default()
                && let Some(scope) = scope
            {
                failed = true;
                report.add(
                    &vm.resource,
                    &scope.meta,
                    format!(
                        "The {} runs as the default compute service account with the cloud-platform scope",
                        vm.noun()
                    ),
                );
            }
            // An account known to be another, or scopes all known without cloud-platform.
            let known_other = sa.is_default_account.is_false();
            let known_narrow = scope.is_none() && sa.scopes.iter().all(|s| s.known().is_some());
            if !(known_other || known_narrow) {
                decided = false;
            }
        }
        if !failed && decided {
            report.pass(&vm.resource);
        }
    }
}
