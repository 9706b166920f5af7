//! Every check, in catalogue order. A test keeps this list in step with the check files.

use crate::check::{Check, Status};

pub static ALL: &[&Check] = &[
    // S3, EC2, VPC
    &crate::aws::s3::public_acl::CHECK,
    &crate::aws::s3::public_policy::CHECK,
    &crate::aws::s3::no_public_access_block::CHECK,
    &crate::aws::s3::no_versioning::CHECK,
    &crate::aws::s3::no_access_logging::CHECK,
    &crate::aws::s3::no_kms_encryption::CHECK,
    &crate::aws::s3::insecure_transport::CHECK,
    &crate::aws::ec2::sg_public_ssh::CHECK,
    &crate::aws::ec2::sg_public_rdp::CHECK,
    &crate::aws::ec2::sg_public_all_ports::CHECK,
    &crate::aws::ec2::sg_public_database::CHECK,
    &crate::aws::ec2::default_sg_open::CHECK,
    &crate::aws::ec2::nacl_public_admin::CHECK,
    &crate::aws::ec2::ebs_unencrypted::CHECK,
    &crate::aws::ec2::imdsv1::CHECK,
    &crate::aws::ec2::public_ip::CHECK,
    &crate::aws::vpc::no_flow_logs::CHECK,
    // IAM, RDS, CloudTrail, KMS, ELB, Lambda, EKS, EFS, SQS, SNS, DynamoDB, ECR
    &crate::aws::iam::policy_admin::CHECK,
    &crate::aws::iam::policy_allow_not_action::CHECK,
    &crate::aws::iam::policy_wildcard_action::CHECK,
    &crate::aws::iam::user_attached_policy::CHECK,
    &crate::aws::iam::role_public_trust::CHECK,
    &crate::aws::iam::weak_password_policy::CHECK,
    &crate::aws::iam::root_access_key::CHECK,
    &crate::aws::iam::stale_access_key::CHECK,
    &crate::aws::iam::user_no_mfa::CHECK,
    &crate::aws::rds::unencrypted::CHECK,
    &crate::aws::rds::public::CHECK,
    &crate::aws::rds::short_backup_retention::CHECK,
    &crate::aws::cloudtrail::single_region::CHECK,
    &crate::aws::cloudtrail::no_log_validation::CHECK,
    &crate::aws::cloudtrail::no_kms::CHECK,
    &crate::aws::cloudtrail::logging_off::CHECK,
    &crate::aws::cloudtrail::no_global_service_events::CHECK,
    &crate::aws::kms::no_rotation::CHECK,
    &crate::aws::elb::http_listener::CHECK,
    &crate::aws::elb::outdated_tls::CHECK,
    &crate::aws::lambda::public_permission::CHECK,
    &crate::aws::eks::public_endpoint::CHECK,
    &crate::aws::eks::no_secrets_encryption::CHECK,
    &crate::aws::eks::node_group_public_ssh::CHECK,
    &crate::aws::efs::unencrypted::CHECK,
    &crate::aws::sqs::unencrypted::CHECK,
    &crate::aws::sns::unencrypted::CHECK,
    &crate::aws::dynamodb::no_pitr::CHECK,
    &crate::aws::ecr::mutable_tags::CHECK,
    &crate::aws::ecr::no_scan_on_push::CHECK,
    // Google Cloud
    &crate::aws::cloudwatch::log_group_no_kms::CHECK,
    &crate::aws::cloudwatch::log_group_short_retention::CHECK,
    &crate::aws::lambda::deprecated_runtime::CHECK,
    &crate::aws::lambda::no_tracing::CHECK,
    &crate::aws::iam::privesc_passrole::CHECK,
    &crate::aws::iam::privesc_credentials::CHECK,
    &crate::aws::iam::privesc_assume_role_policy::CHECK,
    &crate::aws::iam::privesc_attach_policy::CHECK,
    &crate::aws::iam::privesc_policy_version::CHECK,
    &crate::aws::iam::role_cross_account_no_external_id::CHECK,
    &crate::aws::iam::role_admin_managed_policy::CHECK,
    &crate::aws::iam::group_admin_managed_policy::CHECK,
    &crate::aws::iam::user_admin_managed_policy::CHECK,
    &crate::aws::lambda::env_no_cmk::CHECK,
    &crate::aws::lambda::function_url_no_auth::CHECK,
    &crate::aws::lambda::no_dead_letter_queue::CHECK,
    &crate::aws::ecs::privileged_container::CHECK,
    &crate::aws::ecs::root_user::CHECK,
    &crate::aws::ecs::host_network::CHECK,
    &crate::aws::ecs::host_pid::CHECK,
    &crate::aws::ecs::plaintext_secret_env::CHECK,
    &crate::aws::ecs::writable_root_fs::CHECK,
    &crate::aws::ecs::no_container_insights::CHECK,
    &crate::aws::eks::no_control_plane_logging::CHECK,
    &crate::aws::eks::outdated_version::CHECK,
    &crate::aws::elasticache::no_at_rest_encryption::CHECK,
    &crate::aws::elasticache::no_in_transit_encryption::CHECK,
    &crate::aws::opensearch::no_encryption::CHECK,
    &crate::aws::opensearch::no_node_to_node_encryption::CHECK,
    &crate::aws::kinesis::unencrypted::CHECK,
    &crate::aws::docdb::unencrypted::CHECK,
    &crate::aws::neptune::unencrypted::CHECK,
    &crate::aws::sagemaker::notebook_direct_internet::CHECK,
    &crate::aws::sagemaker::notebook_root_access::CHECK,
    &crate::aws::msk::plaintext::CHECK,
    &crate::aws::athena::workgroup_unencrypted::CHECK,
    &crate::aws::apigateway::stage_no_access_logs::CHECK,
    &crate::aws::apigateway::stage_no_tracing::CHECK,
    &crate::aws::apigateway::method_no_auth::CHECK,
    &crate::aws::cloudfront::viewer_http::CHECK,
    &crate::aws::cloudfront::no_waf::CHECK,
    &crate::aws::cloudfront::no_logging::CHECK,
    &crate::aws::dms::public_instance::CHECK,
    &crate::aws::opensearch::public_endpoint::CHECK,
    &crate::aws::opensearch::no_https::CHECK,
    &crate::aws::sqs::public_policy::CHECK,
    &crate::aws::sqs::policy_wildcard_action::CHECK,
    &crate::aws::sns::public_policy::CHECK,
    &crate::aws::kms::public_key_policy::CHECK,
    &crate::aws::ecr::public_policy::CHECK,
    &crate::aws::ecr::no_kms_encryption::CHECK,
    &crate::aws::secretsmanager::public_policy::CHECK,
    &crate::aws::secretsmanager::no_rotation::CHECK,
    &crate::aws::secretsmanager::no_cmk::CHECK,
    &crate::aws::opensearch::public_access_policy::CHECK,
    &crate::aws::opensearch::no_fine_grained_access::CHECK,
    &crate::aws::opensearch::no_audit_logs::CHECK,
    &crate::aws::opensearch::outdated_tls::CHECK,
    &crate::aws::glacier::public_policy::CHECK,
    &crate::aws::efs::public_policy::CHECK,
    &crate::aws::apigateway::public_policy::CHECK,
    &crate::aws::apigateway::domain_outdated_tls::CHECK,
    &crate::aws::apigateway::cache_unencrypted::CHECK,
    &crate::aws::rds::no_deletion_protection::CHECK,
    &crate::aws::rds::no_multi_az::CHECK,
    &crate::aws::elb::no_access_logs::CHECK,
    &crate::aws::elb::no_drop_invalid_headers::CHECK,
    &crate::aws::elb::no_deletion_protection::CHECK,
    &crate::aws::elb::no_waf::CHECK,
    &crate::aws::wafv2::no_logging::CHECK,
    &crate::aws::rds::no_iam_auth::CHECK,
    &crate::aws::rds::no_log_exports::CHECK,
    &crate::aws::rds::no_enhanced_monitoring::CHECK,
    &crate::aws::rds::performance_insights_no_cmk::CHECK,
    &crate::aws::rds::public_snapshot::CHECK,
    &crate::aws::redshift::unencrypted::CHECK,
    &crate::aws::redshift::public::CHECK,
    &crate::aws::redshift::no_audit_logging::CHECK,
    &crate::aws::redshift::no_enhanced_vpc_routing::CHECK,
    &crate::aws::redshift::no_require_ssl::CHECK,
    &crate::aws::elasticache::no_auth_token::CHECK,
    &crate::aws::elasticache::no_backup::CHECK,
    &crate::aws::neptune::no_iam_auth::CHECK,
    &crate::aws::neptune::no_audit_logs::CHECK,
    &crate::aws::docdb::no_log_exports::CHECK,
    &crate::aws::docdb::tls_disabled::CHECK,
    &crate::aws::cloudfront::outdated_tls::CHECK,
    &crate::aws::cloudfront::s3_origin_no_oac::CHECK,
    &crate::aws::cloudfront::origin_http::CHECK,
    &crate::aws::dynamodb::no_cmk::CHECK,
    &crate::aws::dynamodb::dax_unencrypted::CHECK,
    &crate::aws::ssm::secret_not_secure_string::CHECK,
    &crate::aws::ssm::document_public::CHECK,
    &crate::aws::sagemaker::notebook_no_cmk::CHECK,
    &crate::aws::sagemaker::domain_public_internet::CHECK,
    &crate::aws::firehose::unencrypted::CHECK,
    &crate::aws::firehose::no_cmk::CHECK,
    &crate::aws::msk::no_broker_logging::CHECK,
    &crate::aws::msk::no_cmk::CHECK,
    &crate::aws::msk::unauthenticated::CHECK,
    &crate::aws::msk::public_access::CHECK,
    &crate::aws::emr::no_security_configuration::CHECK,
    &crate::aws::emr::no_encryption::CHECK,
    &crate::aws::emr::block_public_access_disabled::CHECK,
    &crate::aws::glue::catalog_unencrypted::CHECK,
    &crate::aws::glue::connection_password_unencrypted::CHECK,
    &crate::aws::glue::security_configuration_unencrypted::CHECK,
    &crate::aws::codebuild::plaintext_secret_env::CHECK,
    &crate::aws::codebuild::artifacts_unencrypted::CHECK,
    &crate::aws::codebuild::s3_logs_unencrypted::CHECK,
    &crate::aws::codebuild::no_cmk::CHECK,
    &crate::aws::acm::no_transparency_logging::CHECK,
    &crate::aws::route53::no_query_logging::CHECK,
    &crate::aws::route53::no_dnssec::CHECK,
    &crate::aws::guardduty::disabled::CHECK,
    &crate::aws::config::recorder_disabled::CHECK,
    &crate::aws::backup::vault_no_cmk::CHECK,
    &crate::aws::stepfunctions::no_logging::CHECK,
    &crate::aws::stepfunctions::no_tracing::CHECK,
    &crate::aws::ec2::ebs_default_encryption_off::CHECK,
    &crate::aws::ec2::public_ami::CHECK,
    &crate::aws::s3::account_public_access_block_off::CHECK,
    &crate::azure::storage::http_allowed::CHECK,
    &crate::azure::storage::outdated_tls::CHECK,
    &crate::azure::storage::public_blob::CHECK,
    &crate::azure::storage::network_open::CHECK,
    &crate::azure::nsg::public_ssh::CHECK,
    &crate::azure::nsg::public_rdp::CHECK,
    &crate::azure::nsg::public_all_ports::CHECK,
    &crate::azure::sql::no_auditing::CHECK,
    &crate::azure::sql::firewall_open::CHECK,
    &crate::azure::sql::public_network::CHECK,
    &crate::azure::sql::outdated_tls::CHECK,
    &crate::azure::keyvault::no_purge_protection::CHECK,
    &crate::azure::keyvault::network_open::CHECK,
    &crate::azure::keyvault::secret_no_expiry::CHECK,
    &crate::azure::vm::password_auth::CHECK,
    &crate::azure::appservice::http_allowed::CHECK,
    &crate::azure::appservice::outdated_tls::CHECK,
    &crate::azure::appservice::ftp_allowed::CHECK,
    &crate::azure::aks::no_rbac::CHECK,
    &crate::azure::aks::public_api::CHECK,
    &crate::azure::aks::no_network_policy::CHECK,
    &crate::azure::role::custom_owner::CHECK,
    &crate::azure::postgres::no_ssl::CHECK,
    &crate::azure::postgres::public_network::CHECK,
    &crate::azure::cosmosdb::public_network::CHECK,
    &crate::azure::acr::admin_user::CHECK,
    &crate::azure::monitor::short_log_retention::CHECK,
    &crate::azure::nsg::public_database::CHECK,
    &crate::azure::nsg::flow_log_short_retention::CHECK,
    &crate::azure::aks::local_accounts::CHECK,
    &crate::azure::aks::node_public_ip::CHECK,
    &crate::azure::aks::no_azure_policy::CHECK,
    &crate::azure::aks::no_monitoring::CHECK,
    &crate::azure::acr::public_network::CHECK,
    &crate::azure::acr::anonymous_pull::CHECK,
    &crate::azure::redis::non_ssl_port::CHECK,
    &crate::azure::redis::outdated_tls::CHECK,
    &crate::azure::redis::public_network::CHECK,
    &crate::azure::appservice::remote_debugging::CHECK,
    &crate::azure::appservice::cors_any::CHECK,
    &crate::azure::appservice::no_http2::CHECK,
    &crate::azure::appservice::no_client_cert::CHECK,
    &crate::azure::cosmosdb::local_auth::CHECK,
    &crate::azure::cosmosdb::key_metadata_writes::CHECK,
    &crate::azure::keyvault::no_rbac::CHECK,
    &crate::azure::keyvault::key_no_rotation::CHECK,
    &crate::azure::keyvault::no_audit_logging::CHECK,
    &crate::azure::storage::shared_key_access::CHECK,
    &crate::azure::storage::cross_tenant_replication::CHECK,
    &crate::azure::storage::no_infrastructure_encryption::CHECK,
    &crate::azure::postgres::no_geo_backup::CHECK,
    &crate::azure::postgres::outdated_tls::CHECK,
    &crate::azure::datafactory::public_network::CHECK,
    &crate::azure::search::public_network::CHECK,
    &crate::azure::appgw::no_waf::CHECK,
    &crate::azure::vm::no_encryption_at_host::CHECK,
    &crate::azure::sql::no_entra_admin::CHECK,
    &crate::azure::sql::short_audit_retention::CHECK,
    &crate::azure::servicebus::local_auth::CHECK,
    &crate::azure::eventhub::local_auth::CHECK,
    &crate::azure::monitor::log_profile_missing_categories::CHECK,
    &crate::google::storage::public::CHECK,
    &crate::google::storage::no_uniform_access::CHECK,
    &crate::google::firewall::public_ssh::CHECK,
    &crate::google::firewall::public_rdp::CHECK,
    &crate::google::firewall::public_all_ports::CHECK,
    &crate::google::sql::public_network::CHECK,
    &crate::google::sql::no_ssl::CHECK,
    &crate::google::sql::no_backups::CHECK,
    &crate::google::compute::default_sa_full_access::CHECK,
    &crate::google::compute::public_ip::CHECK,
    &crate::google::compute::serial_port::CHECK,
    &crate::google::compute::project_ssh_keys::CHECK,
    &crate::google::compute::ip_forwarding::CHECK,
    &crate::google::compute::no_shielded_vm::CHECK,
    &crate::google::kms::no_rotation::CHECK,
    &crate::google::iam::primitive_role::CHECK,
    &crate::google::iam::sa_user_project_level::CHECK,
    &crate::google::iam::sa_user_managed_key::CHECK,
    &crate::google::gke::legacy_abac::CHECK,
    &crate::google::gke::no_private_nodes::CHECK,
    &crate::google::gke::no_network_policy::CHECK,
    &crate::google::vpc::no_flow_logs::CHECK,
    &crate::google::dns::no_dnssec::CHECK,
    &crate::google::bigquery::public::CHECK,
    // Google Cloud, beyond the catalogue
    &crate::google::storage::no_versioning::CHECK,
    &crate::google::storage::no_access_logging::CHECK,
    &crate::google::sql::local_infile::CHECK,
    &crate::google::sql::cross_db_ownership_chaining::CHECK,
    &crate::google::sql::contained_db_auth::CHECK,
    &crate::google::sql::no_log_connections::CHECK,
    &crate::google::sql::no_log_disconnections::CHECK,
    &crate::google::compute::default_sa::CHECK,
    &crate::google::compute::os_login_off::CHECK,
    &crate::google::kms::public::CHECK,
    &crate::google::gke::client_certificate::CHECK,
    &crate::google::gke::no_workload_identity::CHECK,
    &crate::google::gke::public_control_plane::CHECK,
    &crate::google::gke::no_auto_repair::CHECK,
    &crate::google::gke::no_auto_upgrade::CHECK,
    &crate::google::dns::rsasha1::CHECK,
    &crate::google::bigquery::no_cmek::CHECK,
    &crate::google::sql::no_skip_show_database::CHECK,
    &crate::google::sql::external_scripts::CHECK,
    &crate::google::sql::remote_access::CHECK,
    &crate::google::sql::no_trace_flag_3625::CHECK,
    &crate::google::sql::no_pgaudit::CHECK,
    &crate::google::sql::log_min_duration::CHECK,
    &crate::google::sql::public_ip::CHECK,
    &crate::google::gke::no_logging::CHECK,
    &crate::google::gke::no_monitoring::CHECK,
    &crate::google::gke::no_shielded_nodes::CHECK,
    // Across clouds
    &crate::general::secret_hardcoded_credential::CHECK,
    &crate::general::iac_parse_error::CHECK,
    &crate::general::drift_modified::CHECK,
    &crate::general::drift_deleted::CHECK,
    &crate::general::drift_unmanaged::CHECK,
];

/// A check by ID or alias (case-insensitive for aliases). An alias shared by several
/// checks (one rule of another tool covering several of ours) names the first of them;
/// use [`resolve`] to get all.
pub fn find(id: &str) -> Option<&'static Check> {
    resolve(id).into_iter().next()
}

/// Every check an ID or alias names: the check with that ID, or all checks carrying the
/// alias (`AVD-AWS-0107` covers SSH, RDP and all ports).
pub fn resolve(id: &str) -> Vec<&'static Check> {
    resolve_in(ALL, id)
}

/// [`resolve`] among `checks`.
pub fn resolve_in(checks: &[&'static Check], id: &str) -> Vec<&'static Check> {
    if let Some(c) = checks.iter().copied().find(|c| c.meta.id == id) {
        return vec![c];
    }
    checks
        .iter()
        .copied()
        .filter(|c| c.meta.aliases.iter().any(|a| a.eq_ignore_ascii_case(id)))
        .collect()
}

/// The checks to run: `only` (IDs or aliases; empty: every stable check) minus `skip`, in
/// catalogue order. Preview checks run only with `preview` or when named in `only`; deprecated
/// checks only when named.
pub fn select_with(only: &[String], skip: &[String], preview: bool) -> Vec<&'static Check> {
    select_from(ALL, only, skip, preview)
}

/// [`select_with`] among `checks` (the built-in ones plus those of a plugin).
pub fn select_from(
    checks: &[&'static Check],
    only: &[String],
    skip: &[String],
    preview: bool,
) -> Vec<&'static Check> {
    let skipped: Vec<&str> = skip
        .iter()
        .flat_map(|s| resolve_in(checks, s))
        .map(|c| c.meta.id)
        .collect();
    let chosen: Vec<&str> = only
        .iter()
        .flat_map(|s| resolve_in(checks, s))
        .map(|c| c.meta.id)
        .collect();
    checks
        .iter()
        .copied()
        .filter(|c| {
            if only.is_empty() {
                runs_unnamed(c.meta.status, preview)
            } else {
                chosen.contains(&c.meta.id)
            }
        })
        .filter(|c| !skipped.contains(&c.meta.id))
        .collect()
}

/// Whether a check of `status` runs when the selection does not name it.
fn runs_unnamed(status: Status, preview: bool) -> bool {
    match status {
        Status::Stable => true,
        Status::Preview => preview,
        Status::Deprecated => false,
    }
}

/// [`select_with`] without preview checks.
pub fn select(only: &[String], skip: &[String]) -> Vec<&'static Check> {
    select_with(only, skip, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Provider;
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    /// Every file under src/ that declares a check, as (path relative to src/, ID from the path).
    /// A check's ID is its path: `aws/s3/public_acl.rs` is `aws-s3-public-acl`,
    /// `google/storage/public.rs` is `gcp-storage-public`, `general/iac_parse_error.rs` is
    /// `iac-parse-error`.
    fn declared_checks(dir: &Path, rel: &Path, out: &mut Vec<(PathBuf, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(std::fs::DirEntry::path);
        for e in entries {
            let p = e.path();
            let rel = rel.join(e.file_name());
            if p.is_dir() {
                declared_checks(&p, &rel, out);
                continue;
            }
            if p.extension().is_some_and(|x| x == "snap") {
                // A snapshot belongs to the check file beside it.
                let check = p.with_extension("rs");
                let declares = std::fs::read_to_string(&check)
                    .is_ok_and(|t| t.lines().any(|l| l == "declare_check! {"));
                assert!(declares, "{} has no check beside it", rel.display());
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            // A check file invokes the macro at the start of a line.
            if !text.lines().any(|l| l == "declare_check! {") {
                continue;
            }
            let parts: Vec<String> = rel
                .with_extension("")
                .iter()
                .map(|c| c.to_string_lossy().replace('_', "-"))
                .collect();
            // The folder is the provider's name (`google/`), the ID its check prefix (`gcp-`).
            let id = match parts.first().map(String::as_str) {
                Some("general") => parts[1..].join("-"),
                Some(top) => match Provider::parse(top) {
                    Some(p) => std::iter::once(p.check_id_prefix())
                        .chain(parts[1..].iter().map(String::as_str))
                        .collect::<Vec<_>>()
                        .join("-"),
                    None => parts.join("-"),
                },
                None => parts.join("-"),
            };
            out.push((rel, id));
        }
    }

    #[test]
    fn every_check_file_is_registered_under_its_path_id() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut declared = Vec::new();
        declared_checks(&root, Path::new(""), &mut declared);
        for (rel, _) in &declared {
            let top = rel.iter().next().unwrap().to_string_lossy();
            assert!(
                top == "general" || Provider::parse(&top).is_some_and(|p| p.as_str() == top),
                "{} declares a check outside a provider folder ({:?}) or general/",
                rel.display(),
                Provider::ALL.map(Provider::as_str)
            );
        }
        let files: BTreeSet<String> = declared.into_iter().map(|(_, id)| id).collect();
        let registered: BTreeSet<String> = ALL.iter().map(|c| c.meta.id.to_string()).collect();
        assert_eq!(
            files, registered,
            "checks/src files and registry::ALL differ"
        );
        for c in ALL {
            let top = c
                .meta
                .source_file
                .split(['/', '\\'])
                .skip_while(|p| *p != "src")
                .nth(1);
            assert_eq!(
                top,
                Some(c.meta.provider_name()),
                "{}: its provider does not match its folder",
                c.meta.id
            );
        }
    }

    #[test]
    fn lifecycle_decides_what_runs_unnamed() {
        assert!(runs_unnamed(Status::Stable, false));
        assert!(!runs_unnamed(Status::Preview, false));
        assert!(runs_unnamed(Status::Preview, true));
        assert!(!runs_unnamed(Status::Deprecated, true));
        let named = select_with(&["aws-s3-public-acl".into()], &[], false);
        assert_eq!(named.len(), 1);
        let stable = ALL
            .iter()
            .filter(|c| c.meta.status == Status::Stable)
            .count();
        assert_eq!(select(&[], &[]).len(), stable);
        assert!(select_with(&[], &[], true).len() >= stable);
    }

    #[test]
    fn ids_are_unique_and_aliases_unambiguous() {
        let mut seen = BTreeSet::new();
        for c in ALL {
            assert!(
                seen.insert(c.meta.id.to_string()),
                "duplicate {}",
                c.meta.id
            );
            for a in c.meta.aliases {
                // Several checks may share an alias, but an alias never names a check ID.
                assert!(
                    ALL.iter().all(|o| !o.meta.id.eq_ignore_ascii_case(a)),
                    "alias {a} of {} is a check ID",
                    c.meta.id
                );
                assert!(
                    c.meta
                        .aliases
                        .iter()
                        .filter(|b| b.eq_ignore_ascii_case(a))
                        .count()
                        == 1,
                    "alias {a} repeated in {}",
                    c.meta.id
                );
            }
        }
    }

    #[test]
    fn metadata_is_complete() {
        for c in ALL {
            let m = &c.meta;
            assert!(!m.title.is_empty() && !m.doc.trim().is_empty(), "{}", m.id);
            assert!(!m.remediation.is_empty(), "{} lacks remediation", m.id);
            assert!((0.0..=10.0).contains(&m.risk_score), "{} risk score", m.id);
            let band = match m.severity {
                crate::Severity::Critical => 9.0..=10.0,
                crate::Severity::High => 7.0..=8.9,
                crate::Severity::Medium => 4.0..=6.9,
                crate::Severity::Low => 0.1..=3.9,
            };
            assert!(
                band.contains(&m.risk_score),
                "{}: risk score outside its severity band",
                m.id
            );
            for f in m.formats {
                assert!(
                    m.examples.iter().any(|e| e.format == *f && e.bad)
                        && m.examples.iter().any(|e| e.format == *f && !e.bad),
                    "{} needs a bad and a good {} example",
                    m.id,
                    f.name()
                );
            }
        }
    }

    /// Examples must show that values are evaluated, not pattern-matched: each cloud check has,
    /// for every format it claims, an example matching the format's evaluation markers
    /// (Terraform: a variable, a local, a module, `for_each`/`count`, a data source or a reference
    /// to another resource; CloudFormation: a parameter, a condition, a mapping, a `Ref`/`GetAtt`
    /// join, a nested stack or the SAM transform).
    #[test]
    fn every_cloud_check_has_examples_exercising_evaluation() {
        // Live-only checks claim no source format and are unit-tested on hand-built state.
        for c in ALL.iter().filter(|c| c.meta.provider.is_some()) {
            for format in c.meta.formats {
                let evaluated = regex::Regex::new(format.evaluation_markers).unwrap();
                assert!(
                    c.meta
                        .examples
                        .iter()
                        .any(|e| e.format == *format && evaluated.is_match(e.source)),
                    "{} has no {} example exercising evaluation",
                    c.meta.id,
                    format.name()
                );
            }
        }
    }
}

/// The check ID closest to `id` by edit distance, for "did you mean" hints; `None` when
/// nothing is close (more than a third of the ID, or more than 4 edits, would have to change).
pub fn suggest(id: &str) -> Option<&'static str> {
    let limit = (id.chars().count() / 3).clamp(1, 4);
    ALL.iter()
        .map(|c| (edit_distance(id, c.meta.id), c.meta.id))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, id)| id)
}

/// Levenshtein distance between `a` and `b`, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = substitution.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod suggest_tests {
    #[test]
    fn suggests_the_closest_id() {
        assert_eq!(
            super::suggest("aws-ec2-sg-public-sshh"),
            Some("aws-ec2-sg-public-ssh")
        );
        assert_eq!(
            super::suggest("aws-s3-public-acll"),
            Some("aws-s3-public-acl")
        );
        assert_eq!(super::suggest("completely-unrelated"), None);
    }
}
