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
use cloudsentinel_model::aws::ec2::{SecurityGroup, SgRule};

/// Reports every ingress rule matching `covers` that is open to the internet, at its
/// public range. A group passes when none is, every rule was evaluated and each rule is
/// known not to match (an Unknown range, protocol or port leaves the group undecided).
pub(crate) fn public_ingress(
    state: &State,
    report: &mut Report,
    covers: impl Fn(&SgRule) -> bool,
    what: &str,
) {
    for group in &state.aws.ec2.security_groups {
        let mut failed = false;
        for rule in group.ingress.iter().filter(|r| covers(r)) {
            if let Some(cidr) = rule.public_cidr() {
                failed = true;
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
        if !failed && ingress_decided(group, &covers) {
            report.pass(&group.resource);
        }
    }
}

/// True when every ingress rule of `group` is known not to admit the internet to what
/// `covers` matches: its ranges are all known and none is public, or its protocol and ports
/// are known and `covers` does not match them.
pub(crate) fn ingress_decided(group: &SecurityGroup, covers: impl Fn(&SgRule) -> bool) -> bool {
    !group.rules_incomplete
        && group.ingress.iter().all(|rule| {
            let private =
                rule.cidrs.iter().all(|c| c.known().is_some()) && rule.public_cidr().is_none();
            let ports_known = rule.is_all_protocols()
                || (rule.protocol.known().is_some()
                    && rule.from_port.known().is_some()
                    && rule.to_port.known().is_some());
            private || (ports_known && !covers(rule))
        })
}
