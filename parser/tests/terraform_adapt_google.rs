//! Terraform `google` adapters: realistic configurations evaluated and adapted into the
//! Google part of the model; joins, defaults and provenance are asserted.

use cloudsentinel_model::google::iam::Binding;
use cloudsentinel_model::{Provenance, SourceDb, State};
use cloudsentinel_parser::terraform::adapt::adapt;
use cloudsentinel_parser::{LoadOptions, discover, terraform};

struct Scan {
    db: SourceDb,
    state: State,
    _dir: tempfile::TempDir,
}

fn scan(files: &[(&str, &str)]) -> Scan {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let db = SourceDb::new();
    let opts = LoadOptions::default();
    let found = discover::discover(&[dir.path().to_path_buf()], &opts);
    let mut state = State::default();
    for ev in terraform::evaluate(&terraform::modules(found.files("terraform")), &opts, &db) {
        state.extend(adapt(&ev, &db));
    }
    Scan {
        db,
        state,
        _dir: dir,
    }
}

impl Scan {
    fn text(&self, meta: &cloudsentinel_model::Meta) -> String {
        let loc = meta.location().expect("a source location");
        self.db.get(loc.file).text[loc.range.as_range()].to_string()
    }
}

/// (role, members) of known bindings; `?` for Unknown parts.
fn roles(bindings: &[Binding]) -> Vec<(String, Vec<String>)> {
    bindings
        .iter()
        .map(|b| {
            (
                b.role.as_str().unwrap_or("?").to_string(),
                b.members
                    .iter()
                    .map(|m| m.as_str().unwrap_or("?").to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn bucket_iam_from_a_google_iam_policy_json_and_members_joins_its_bucket() {
    let s = scan(&[(
        "main.tf",
        r#"
resource "google_storage_bucket" "b" {
  name     = "example-b"
  location = "EU"
}

data "google_iam_policy" "p" {
  binding {
    role    = "roles/storage.objectViewer"
    members = ["allUsers", "group:a@example.com"]
  }
  binding {
    role    = "roles/storage.admin"
    members = ["user:admin@example.com"]
    condition {
      title      = "until 2030"
      expression = "request.time < timestamp(\"2030-01-01T00:00:00Z\")"
    }
  }
}

resource "google_storage_bucket_iam_policy" "p" {
  bucket      = google_storage_bucket.b.name
  policy_data = data.google_iam_policy.p.policy_data
}

resource "google_storage_bucket_iam_binding" "writers" {
  bucket  = "example-b"
  role    = "roles/storage.objectCreator"
  members = ["serviceAccount:ci@example.iam.gserviceaccount.com"]
}

resource "google_storage_bucket_iam_policy" "json" {
  bucket      = google_storage_bucket.b.name
  policy_data = jsonencode({ bindings = [{ role = "roles/storage.legacyBucketReader", members = ["projectViewer:example"] }] })
}
"#,
    )]);
    let b = &s.state.google.storage.buckets[0];
    // Split resources apply by type: the policies, then bindings, then members.
    assert_eq!(
        roles(&b.iam),
        [
            (
                "roles/storage.objectViewer".to_string(),
                vec!["allUsers".to_string(), "group:a@example.com".to_string()]
            ),
            (
                "roles/storage.admin".to_string(),
                vec!["user:admin@example.com".to_string()]
            ),
            (
                "roles/storage.legacyBucketReader".to_string(),
                vec!["projectViewer:example".to_string()]
            ),
            (
                "roles/storage.objectCreator".to_string(),
                vec!["serviceAccount:ci@example.iam.gserviceaccount.com".to_string()]
            ),
        ]
    );
    assert!(b.iam[1].conditional.is_true() && b.iam[0].conditional.is_false());
    // A binding of the data source points at the resource's `policy_data`, where the
    // finding belongs.
    assert_eq!(
        s.text(&b.iam[0].members[0].meta),
        "policy_data = data.google_iam_policy.p.policy_data"
    );
    assert_eq!(b.resource.merged.len(), 3);
    assert!(b.uniform_bucket_level_access.is_false() && b.uniform_bucket_level_access.is_default());
}

#[test]
fn an_unresolved_bucket_makes_every_candidate_unknown_and_a_missing_one_is_noticed() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "bucket" {
  type = string
}

resource "google_storage_bucket" "a" {
  name     = "example-a"
  location = "EU"
}

resource "google_storage_bucket" "b" {
  name     = "example-b"
  location = "EU"
}

resource "google_storage_bucket_iam_member" "public" {
  bucket = var.bucket
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket_access_control" "elsewhere" {
  bucket = "not-declared-here"
  role   = "READER"
  entity = "allUsers"
}
"#,
    )]);
    for b in &s.state.google.storage.buckets {
        assert_eq!(b.iam.len(), 1);
        assert!(!b.iam[0].is_known() && b.iam[0].public_member().is_none());
        assert!(b.acl.is_empty());
    }
    assert!(
        s.state
            .notices
            .iter()
            .any(|n| n.message.contains("\"not-declared-here\"")),
        "{:#?}",
        s.state.notices
    );
}

#[test]
fn firewall_sources_default_to_everyone_only_without_tags_or_accounts() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "tags" {
  type = list(string)
}

resource "google_compute_firewall" "open" {
  name    = "open"
  network = "default"
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "tagged" {
  name        = "tagged"
  network     = "default"
  source_tags = ["bastion"]
  allow {
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "unknown_tags" {
  name        = "unknown-tags"
  network     = "default"
  source_tags = var.tags
  allow {
    protocol = "all"
  }
}
"#,
    )]);
    let fw = &s.state.google.compute.firewalls;
    assert_eq!(fw[0].source_ranges.len(), 1);
    assert_eq!(fw[0].source_ranges[0].as_str(), Some("0.0.0.0/0"));
    assert_eq!(fw[0].source_ranges[0].meta.provenance, Provenance::Default);
    assert!(fw[0].direction.eq_ignore_case("INGRESS") && fw[0].disabled.is_false());
    assert!(fw[1].source_ranges.is_empty() && fw[1].known_not_public_ingress());
    assert_eq!(fw[2].source_ranges.len(), 1);
    assert!(fw[2].source_ranges[0].is_unknown() && !fw[2].known_not_public_ingress());
}

#[test]
fn hierarchy_iam_keys_and_dataset_access_read_as_iam_members() {
    let s = scan(&[(
        "main.tf",
        r#"
resource "google_project_iam_member" "owner" {
  project = "example"
  role    = "roles/owner"
  member  = "user:a@example.com"
}

resource "google_organization_iam_binding" "viewers" {
  org_id  = "123"
  role    = "roles/viewer"
  members = ["group:all@example.com"]
}

resource "google_service_account_key" "k" {
  service_account_id = "projects/example/serviceAccounts/ci@example.iam.gserviceaccount.com"
}

resource "google_bigquery_dataset" "d" {
  dataset_id = "d"
  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
  access {
    role          = "WRITER"
    user_by_email = "etl@example.com"
  }
}

resource "google_bigquery_dataset_access" "domain" {
  dataset_id = google_bigquery_dataset.d.dataset_id
  role       = "READER"
  domain     = "example.com"
}
"#,
    )]);
    let iam = &s.state.google.iam;
    assert_eq!(iam.policies.len(), 2);
    assert_eq!(iam.policies[0].level.as_str(), "project");
    assert_eq!(iam.policies[1].level.as_str(), "organization");
    assert_eq!(iam.policies[1].target.as_str(), Some("123"));
    assert_eq!(iam.service_account_keys.len(), 1);
    assert!(iam.service_account_keys[0].uploaded.is_false());
    let d = &s.state.google.bigquery.datasets[0];
    assert_eq!(
        roles(&d.access),
        [
            (
                "READER".to_string(),
                vec!["allAuthenticatedUsers".to_string()]
            ),
            (
                "WRITER".to_string(),
                vec!["user:etl@example.com".to_string()]
            ),
            ("READER".to_string(), vec!["domain:example.com".to_string()]),
        ]
    );
    assert!(d.default_kms_key_name.is_empty_str() && d.default_kms_key_name.is_default());
}

#[test]
fn cloud_sql_and_instance_defaults_and_metadata() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "metadata" {
  type = map(string)
}

resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
    database_flags {
      name  = "log_connections"
      value = "on"
    }
  }
}

resource "google_compute_instance" "vm" {
  name         = "vm"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
  metadata = var.metadata
}
"#,
    )]);
    let db = &s.state.google.sql.instances[0];
    assert!(db.ipv4_enabled.is_true() && db.ipv4_enabled.is_default());
    assert!(db.backup_enabled.is_false() && db.is_replica.is_false());
    assert_eq!(db.requires_ssl(), Some(false));
    assert_eq!(db.engine(), Some("POSTGRES"));
    let flag = db
        .flag("log_connections")
        .flatten()
        .map(|f| f.value.as_str());
    assert_eq!(flag, Some(Some("on")));
    assert!(matches!(db.flag("log_disconnections"), Some(None)));
    let vm = &s.state.google.compute.instances[0];
    assert!(vm.service_accounts.is_empty() && !vm.service_accounts_incomplete);
    assert!(vm.serial_port_enabled.is_unknown() && vm.block_project_ssh_keys.is_unknown());
    assert!(vm.secure_boot.is_false() && vm.vtpm.is_true() && vm.can_ip_forward.is_false());
}
