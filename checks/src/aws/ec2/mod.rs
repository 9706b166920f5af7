pub mod default_sg_open;
pub mod ebs_default_encryption_off;
pub mod ebs_unencrypted;
pub mod imdsv1;
pub mod nacl_public_admin;
pub mod public_ami;
pub mod public_ip;
pub mod sg_public_all_ports;
pub mod sg_public_database;
pub mod sg_public_rdp;
pub mod sg_public_ssh;

use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::ec2::{SecurityGroup, SgRule};
use cloudsentinel_model::net::public_source;

/// SQL Server, Oracle, MySQL, PostgreSQL, Redis, Elasticsearch, Memcached, MongoDB: the
/// ports `aws-ec2-sg-public-database` looks for.
pub(crate) use cloudsentinel_model::net::DATABASE_PORTS;

/// True when `aws-ec2-sg-public-all-ports` reports `rule`: it is open to the internet on all
/// protocols, or on every port 0–65535 (both known; a rule whose protocol or ports are Unknown
/// is never taken for an all-ports rule). Such a rule gets that one finding, which names the
/// services it opens, and the port-specific checks (SSH, RDP, databases) neither report it nor
/// pass its group: they give no verdict on it.
pub(crate) fn reported_as_all_ports(rule: &SgRule) -> bool {
    rule.covers_all_ports() && rule.public_cidr().is_some()
}

/// Reports every ingress rule matching `covers` that is open to the internet, at its
/// public range, except the rules the all-ports check reports ([`reported_as_all_ports`]).
/// A group passes when none is, every rule was evaluated and each rule is known not to match
/// (an Unknown range, protocol or port leaves the group undecided, and so does a rule left to
/// the all-ports check).
pub(crate) fn public_ingress(
    state: &State,
    report: &mut Report,
    covers: impl Fn(&SgRule) -> bool,
    what: &str,
) {
    for group in &state.aws.ec2.security_groups {
        let mut failed = false;
        for rule in group
            .ingress
            .iter()
            .filter(|r| covers(r) && !reported_as_all_ports(r))
        {
            if let Some(source) = rule.public_source() {
                failed = true;
                report.add(
                    &group.resource,
                    &source.at.meta,
                    format!("Ingress rule admits {} to {what}", source.describe),
                );
            }
        }
        if !failed {
            // Rules that are each private may still admit the internet together.
            let ranges: Vec<&Value<String>> = group
                .ingress
                .iter()
                .filter(|r| covers(r) && !reported_as_all_ports(r))
                .flat_map(|r| r.cidrs.iter())
                .collect();
            if let Some(source) = public_source(ranges.iter().copied()) {
                failed = true;
                report.add(
                    &group.resource,
                    &source.at.meta,
                    format!("Ingress rules admit {} to {what}", source.describe),
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
                rule.cidrs.iter().all(|c| c.known().is_some()) && rule.public_source().is_none();
            let ports_known = rule.is_all_protocols()
                || (rule.protocol.known().is_some()
                    && rule.from_port.known().is_some()
                    && rule.to_port.known().is_some());
            private || (ports_known && !covers(rule))
        })
}

#[cfg(test)]
mod tests {
    use super::{sg_public_all_ports, sg_public_database, sg_public_rdp, sg_public_ssh};
    use cloudsentinel_model::aws::ec2::{SecurityGroup, SgRule};
    use cloudsentinel_model::{Meta, Origin, Provider, ResourceMeta, State, Value};

    fn group(protocol: &str, from: Value<i64>, to: Value<i64>) -> State {
        let o = Origin::None;
        let mut s = State::default();
        s.aws.ec2.security_groups.push(SecurityGroup {
            resource: ResourceMeta::new(Provider::Aws, "aws_security_group.open", o.clone()),
            name: Value::explicit("open".into(), o.clone()),
            is_default: false,
            ingress: vec![SgRule {
                meta: Meta::explicit(o.clone()),
                protocol: Value::explicit(protocol.into(), o.clone()),
                from_port: from,
                to_port: to,
                cidrs: vec![Value::explicit("0.0.0.0/0".into(), o)],
            }],
            egress: Vec::new(),
            rules_incomplete: false,
        });
        s
    }

    fn port(p: i64) -> Value<i64> {
        Value::explicit(p, Origin::None)
    }

    /// (check ID, findings, passes) of the four security group checks.
    fn verdicts(state: &State) -> Vec<(&'static str, usize, usize)> {
        [
            &sg_public_all_ports::CHECK,
            &sg_public_ssh::CHECK,
            &sg_public_rdp::CHECK,
            &sg_public_database::CHECK,
        ]
        .into_iter()
        .map(|c| {
            let (f, p) = crate::run_checks_with_passes(state, &[c]);
            (c.meta.id, f.len(), p.len())
        })
        .collect()
    }

    #[test]
    fn one_rule_open_on_all_ports_is_one_finding() {
        let all = [
            ("aws-ec2-sg-public-all-ports", 1, 0),
            ("aws-ec2-sg-public-ssh", 0, 0),
            ("aws-ec2-sg-public-rdp", 0, 0),
            ("aws-ec2-sg-public-database", 0, 0),
        ];
        assert_eq!(verdicts(&group("-1", port(0), port(0))), all);
        assert_eq!(verdicts(&group("tcp", port(0), port(65535))), all);
        let (f, _) = crate::run_checks_with_passes(
            &group("-1", port(0), port(0)),
            &[&sg_public_all_ports::CHECK],
        );
        assert_eq!(
            f[0].message,
            "Ingress rule admits 0.0.0.0/0 to all ports, including SSH (22), RDP (3389) and \
             database ports (1433, 1521, 3306, 5432, 6379, 9200, 11211, 27017)"
        );
    }

    #[test]
    fn a_narrower_rule_keeps_its_specific_finding() {
        assert_eq!(
            verdicts(&group("tcp", port(20), port(25))),
            [
                ("aws-ec2-sg-public-all-ports", 0, 1),
                ("aws-ec2-sg-public-ssh", 1, 0),
                ("aws-ec2-sg-public-rdp", 0, 1),
                ("aws-ec2-sg-public-database", 0, 1),
            ]
        );
    }

    #[test]
    fn an_unknown_port_range_is_not_taken_for_all_ports() {
        // From 0 to an Unknown port: maybe every port, maybe only 22. No check decides.
        assert_eq!(
            verdicts(&group("tcp", port(0), Value::unknown(Origin::None))),
            [
                ("aws-ec2-sg-public-all-ports", 0, 0),
                ("aws-ec2-sg-public-ssh", 0, 0),
                ("aws-ec2-sg-public-rdp", 0, 0),
                ("aws-ec2-sg-public-database", 0, 0),
            ]
        );
    }
}
