pub mod default_sg_open;
pub mod ebs_unencrypted;
pub mod imdsv1;
pub mod nacl_public_admin;
pub mod public_ip;
pub mod sg_public_all_ports;
pub mod sg_public_database;
pub mod sg_public_rdp;
pub mod sg_public_ssh;

use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::ec2::SgRule;

/// Reports every ingress rule matching `covers` that is open to the internet, at its
/// public range.
pub(crate) fn public_ingress(
    state: &State,
    report: &mut Report,
    covers: impl Fn(&SgRule) -> bool,
    what: &str,
) {
    for group in &state.aws.ec2.security_groups {
        for rule in group.ingress.iter().filter(|r| covers(r)) {
            if let Some(cidr) = rule.public_cidr() {
                report.add(
                    &group.resource,
                    &cidr.meta,
                    format!(
                        "Ingress rule admits {} to {what}",
                        cidr.as_str().unwrap_or_default()
                    ),
                );
            }
        }
    }
}
