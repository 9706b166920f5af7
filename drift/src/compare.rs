//! Declared versus live, by identity: `drift-modified` (attribute level, graded by running
//! the checks on the declared and the live value), `drift-deleted` and `drift-unmanaged`.

use crate::kind::{Kind, aws as kinds};
use crate::tfstate::type_name;
use crate::views::{View, model_of, views};
use cloudsentinel_checks::{Severity, registry, run_checks};
use cloudsentinel_model::drift::{Drift, DriftKind, Impact};
use cloudsentinel_model::{Origin, Provider, State};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A drift ignore rule from the configuration; `*` in a field matches any text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IgnoreRule {
    pub resource_type: Option<String>,
    pub id: Option<String>,
    pub attribute: Option<String>,
}

fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let mut rest = text;
    for (i, p) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(p) else {
                return false;
            };
            rest = r;
        } else if i == parts.len() - 1 {
            return rest.ends_with(p);
        } else {
            match rest.find(p) {
                Some(pos) => rest = &rest[pos + p.len()..],
                None => return false,
            }
        }
    }
    true
}

impl IgnoreRule {
    pub fn matches(&self, d: &Drift) -> bool {
        let field = |pat: &Option<String>, val: Option<&str>| match pat {
            None => true,
            Some(p) => val.is_some_and(|v| glob(p, v)),
        };
        field(&self.resource_type, Some(&d.resource_type))
            && (field(&self.id, Some(&d.identity)) || field(&self.id, Some(&d.resource.address)))
            && match &self.attribute {
                None => true,
                Some(p) => d.attribute.as_deref().is_some_and(|a| glob(p, a)),
            }
    }
}

/// What was scanned live, to decide what "missing" means.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Regions read.
    pub regions: Vec<String>,
    /// Kinds whose service failed somewhere, with the region (None: all).
    pub incomplete: Vec<(Kind, Option<String>)>,
    /// Ids (ARNs) of resources the provider creates itself (AWS's default VPCs, subnets,
    /// ACLs and security groups, service-linked roles): never unmanaged.
    pub provider_created: BTreeSet<String>,
    /// `(kind, id)` of resources owned by a CloudFormation stack: never unmanaged.
    pub stack_owned: BTreeSet<(Kind, String)>,
}

impl Scope {
    fn complete(&self, kind: Kind, region: Option<&str>) -> bool {
        if let Some(r) = region
            && !self.regions.is_empty()
            && !self.regions.iter().any(|x| x == r)
        {
            return false;
        }
        // A resource of unknown region is complete only if its service failed nowhere.
        !self
            .incomplete
            .iter()
            .any(|(k, r)| *k == kind && (r.is_none() || region.is_none() || r.as_deref() == region))
    }
}

fn impact_of(s: Severity) -> Impact {
    match s {
        Severity::Critical => Impact::Critical,
        Severity::High => Impact::High,
        Severity::Medium => Impact::Medium,
        Severity::Low => Impact::Low,
    }
}

/// The checks drift grades with: every check of the providers compared.
fn checks_of(providers: &BTreeSet<Provider>) -> Vec<&'static cloudsentinel_checks::Check> {
    registry::ALL
        .iter()
        .copied()
        .filter(|c| c.meta.provider.is_some_and(|p| providers.contains(&p)))
        .collect()
}

fn failing(
    state: &State,
    checks: &[&'static cloudsentinel_checks::Check],
) -> BTreeMap<&'static str, Severity> {
    run_checks(state, checks)
        .into_iter()
        .map(|f| (f.check_id, f.severity))
        .collect()
}

/// Renders declared → live as a line diff for list attributes (rules) or values that span
/// lines.
fn diff(attr: &str, declared: &str, live: &str) -> Option<String> {
    let list = matches!(attr, "ingress" | "egress");
    if !list && !declared.contains('\n') && !live.contains('\n') {
        return None;
    }
    let d = format!("{declared}\n");
    let l = format!("{live}\n");
    let text = similar::TextDiff::from_lines(&d, &l);
    let mut out = String::new();
    for change in text.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Delete => "-",
            similar::ChangeTag::Insert => "+",
            similar::ChangeTag::Equal => " ",
        };
        out.push_str(&format!("    {sign} {}", change.value()));
    }
    out = out
        .replace("    - ", "    - declared: ")
        .replace("    + ", "    + live:     ");
    Some(out)
}

/// Where a declaration is in IaC source: the attribute's range, else the resource's.
fn source_of(d: &View, attr: Option<&str>) -> Origin {
    let at = attr.and_then(|a| d.attr_origins.get(a));
    match (at, &d.resource.origin) {
        (Some(o @ Origin::Source(_)), _) => o.clone(),
        (_, o @ Origin::Source(_)) => o.clone(),
        _ => Origin::None,
    }
}

/// Compares `declared` views with the live state. A declared view with an id (Terraform
/// state, a CloudFormation stack's physical ids) matches the live resource with that id;
/// one without (a static IaC model) matches by name.
pub fn compare(
    declared: &[View],
    live: &State,
    scope: &Scope,
    ignore: &[IgnoreRule],
) -> Vec<Drift> {
    let live_views = views(live);
    // Several live resources may share an id in different regions (a Glue catalog's
    // settings, known by the account id; Config recorders named `default`).
    let mut by_id: HashMap<(Kind, String), Vec<&View>> = HashMap::new();
    let mut by_name: HashMap<(Kind, String), &View> = HashMap::new();
    for v in &live_views {
        if let Some(id) = &v.id {
            by_id.entry((v.kind, id.clone())).or_default().push(v);
        }
        if let Some(n) = &v.name {
            by_name.entry((v.kind, n.clone())).or_insert(v);
        }
    }
    // The worst check each live resource fails (for unmanaged grading).
    let mut worst: HashMap<String, (Severity, &'static str)> = HashMap::new();
    let providers = live_views
        .iter()
        .chain(declared)
        .map(|v| v.kind.provider)
        .collect();
    let checks = checks_of(&providers);
    for f in run_checks(live, &checks) {
        let Some((id, _)) = f.live_id.as_deref() else {
            continue;
        };
        let arn = f
            .resource
            .as_deref()
            .map_or_else(|| id.clone(), str::to_owned);
        let e = worst.entry(arn).or_insert((f.severity, f.check_id));
        if f.severity > e.0 {
            *e = (f.severity, f.check_id);
        }
    }

    let mut out = Vec::new();
    let mut matched: BTreeSet<String> = BTreeSet::new();
    for d in declared {
        let (k, found) = match (&d.id, &d.name) {
            // The one in the declared region, else the first.
            (Some(id), _) => (
                (d.kind, id.clone()),
                by_id.get(&(d.kind, id.clone())).and_then(|vs| {
                    vs.iter()
                        .find(|l| d.region.is_some() && l.region == d.region)
                        .or_else(|| vs.first())
                }),
            ),
            (None, Some(n)) => ((d.kind, n.clone()), by_name.get(&(d.kind, n.clone()))),
            _ => continue,
        };
        if let Some(l) = found {
            matched.insert(l.resource.address.clone());
            // What the live resource fails, computed once whichever attributes differ.
            let mut now = None;
            for (attr, dv) in &d.attrs {
                let Some(lv) = l.attrs.get(attr) else {
                    continue;
                };
                if lv == dv {
                    continue;
                }
                let mut as_declared = (*l).clone();
                as_declared.attrs.insert(attr, dv.clone());
                let now = now.get_or_insert_with(|| failing(&model_of(l), &checks));
                let before = failing(&model_of(&as_declared), &checks);
                let new: Vec<(&str, Severity)> = now
                    .iter()
                    .filter(|(id, _)| !before.contains_key(*id))
                    .map(|(id, s)| (*id, *s))
                    .collect();
                let (impact, reason) = match new.iter().max_by_key(|(_, s)| *s) {
                    // A newly failed check makes the change at least medium.
                    Some((_, s)) => (
                        impact_of(*s).max(Impact::Medium),
                        Some(format!(
                            "the live value fails {} which the declared value passes",
                            new.iter().map(|(i, _)| *i).collect::<Vec<_>>().join(", ")
                        )),
                    ),
                    None => (Impact::Low, None),
                };
                out.push(Drift {
                    kind: DriftKind::Modified,
                    resource: l.resource.clone(),
                    resource_type: type_name(d.kind).to_string(),
                    identity: k.1.clone(),
                    attribute: Some(attr.to_string()),
                    declared: Some(dv.replace('\n', "; ")),
                    live: Some(lv.replace('\n', "; ")),
                    diff: diff(attr, dv, lv),
                    impact,
                    reason: reason
                        .map(|r| format!("{r}; declared by {}", d.resource.full_address())),
                    declared_at: source_of(d, Some(attr)),
                });
            }
        } else {
            if !scope.complete(d.kind, d.region.as_deref()) {
                continue;
            }
            let mut resource = d.resource.clone();
            if resource.origin == Origin::None {
                resource.origin = Origin::Live {
                    id: k.1.clone(),
                    region: d.region.clone(),
                };
            }
            out.push(Drift {
                kind: DriftKind::Deleted,
                resource,
                resource_type: type_name(d.kind).to_string(),
                identity: k.1.clone(),
                attribute: None,
                declared: None,
                live: None,
                diff: None,
                impact: Impact::Medium,
                reason: Some(format!("declared by {}", d.resource.full_address())),
                declared_at: source_of(d, None),
            });
        }
    }
    for l in &live_views {
        if matched.contains(&l.resource.address)
            || scope.provider_created.contains(&l.resource.address)
            || l.kind == kinds::DEFAULT_SECURITY_GROUP
        {
            continue;
        }
        let Some(id) = l.id.clone() else { continue };
        // A stack knows a Lambda permission by its statement id alone.
        let owned_id = if l.kind == kinds::LAMBDA_PERMISSION {
            id.rsplit('/').next().unwrap_or(&id).to_string()
        } else {
            id.clone()
        };
        if scope.stack_owned.contains(&(l.kind, owned_id)) {
            continue;
        }
        let (impact, reason) = match worst.get(&l.resource.address) {
            Some((s, check)) => (impact_of(*s), Some(format!("it fails {check}"))),
            None => (Impact::Low, None),
        };
        out.push(Drift {
            kind: DriftKind::Unmanaged,
            resource: l.resource.clone(),
            resource_type: type_name(l.kind).to_string(),
            identity: id,
            attribute: None,
            declared: None,
            live: None,
            diff: None,
            impact,
            reason,
            declared_at: Origin::None,
        });
    }
    out.retain(|d| !ignore.iter().any(|r| r.matches(d)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudsentinel_model::aws::ec2::{SecurityGroup, SgRule};
    use cloudsentinel_model::{Meta, ResourceMeta, Value};

    fn live_sg(cidr: &str) -> State {
        let arn = "arn:aws:ec2:us-east-1:1:security-group/sg-1";
        let o = Origin::Live {
            id: arn.into(),
            region: Some("us-east-1".into()),
        };
        let mut s = State::default();
        s.aws.ec2.security_groups.push(SecurityGroup {
            resource: ResourceMeta::new(cloudsentinel_model::Provider::Aws, arn, o.clone()),
            name: Value::explicit("web".into(), o.clone()),
            is_default: false,
            ingress: vec![SgRule {
                meta: Meta::explicit(o.clone()),
                protocol: Value::explicit("tcp".into(), o.clone()),
                from_port: Value::explicit(22, o.clone()),
                to_port: Value::explicit(22, o.clone()),
                cidrs: vec![Value::explicit(cidr.into(), o.clone())],
            }],
            egress: Vec::new(),
            rules_incomplete: false,
        });
        s
    }

    fn declared() -> Vec<View> {
        crate::tfstate::read(r#"{"version": 4, "resources": [
          {"mode": "managed", "type": "aws_security_group", "name": "web", "instances": [
            {"attributes": {"id": "sg-1", "arn": "arn:aws:ec2:us-east-1:1:security-group/sg-1", "name": "web",
              "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8"]}],
              "egress": []}}]},
          {"mode": "managed", "type": "aws_security_group", "name": "gone", "instances": [
            {"attributes": {"id": "sg-2", "arn": "arn:aws:ec2:us-east-1:1:security-group/sg-2", "name": "gone",
              "ingress": [], "egress": []}}]}]}"#).unwrap()
    }

    #[test]
    fn ssh_opened_to_the_world_is_high_drift() {
        let scope = Scope {
            regions: vec!["us-east-1".into()],
            ..Scope::default()
        };
        let d = compare(&declared(), &live_sg("0.0.0.0/0"), &scope, &[]);
        let modified: Vec<_> = d.iter().filter(|d| d.kind == DriftKind::Modified).collect();
        assert_eq!(modified.len(), 1, "{d:#?}");
        assert_eq!(modified[0].impact, Impact::High);
        assert!(
            modified[0]
                .reason
                .as_deref()
                .unwrap()
                .contains("aws-ec2-sg-public-ssh")
        );
        assert!(
            d.iter()
                .any(|d| d.kind == DriftKind::Deleted && d.identity == "sg-2")
        );
        // Same rule narrowed: low.
        let d = compare(&declared(), &live_sg("10.1.0.0/16"), &scope, &[]);
        assert_eq!(
            d.iter()
                .find(|d| d.kind == DriftKind::Modified)
                .unwrap()
                .impact,
            Impact::Low
        );
        // Ignored.
        let rule = IgnoreRule {
            resource_type: Some("aws_security_group".into()),
            id: Some("sg-*".into()),
            attribute: None,
        };
        assert!(compare(&declared(), &live_sg("0.0.0.0/0"), &scope, &[rule]).is_empty());
    }

    #[test]
    fn unmanaged_unless_owned_by_a_stack() {
        let scope = Scope::default();
        let d = compare(&[], &live_sg("0.0.0.0/0"), &scope, &[]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, DriftKind::Unmanaged);
        assert_eq!(d[0].impact, Impact::High);
        let mut scope = Scope::default();
        scope
            .stack_owned
            .insert((kinds::SECURITY_GROUP, "sg-1".into()));
        assert!(compare(&[], &live_sg("0.0.0.0/0"), &scope, &[]).is_empty());
    }

    #[test]
    fn a_static_model_matches_by_name() {
        // A Terraform project declaring the group with a narrow rule: no ids, matched by name.
        let dir = std::env::temp_dir().join(format!("cs-iac-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("main.tf"),
            r#"resource "aws_security_group" "web" {
  name = "web"
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["10.0.0.0/8"]
  }
}
"#,
        )
        .unwrap();
        let db = cloudsentinel_model::SourceDb::new();
        let iac = cloudsentinel_parser::load(
            std::slice::from_ref(&dir),
            &cloudsentinel_parser::LoadOptions::default(),
            &db,
        );
        let _ = std::fs::remove_dir_all(&dir);
        let declared = views(&iac);
        assert_eq!(declared.len(), 1);
        assert!(declared[0].id.is_none());
        let d = compare(&declared, &live_sg("0.0.0.0/0"), &Scope::default(), &[]);
        let m = d
            .iter()
            .find(|d| d.kind == DriftKind::Modified)
            .unwrap_or_else(|| panic!("{d:#?}"));
        assert_eq!(m.attribute.as_deref(), Some("ingress"));
        assert_eq!(m.impact, Impact::High);
        assert!(!d.iter().any(|d| d.kind == DriftKind::Unmanaged));
    }

    #[test]
    fn a_listener_downgraded_to_an_old_tls_policy_is_graded_by_the_tls_check() {
        let arn = "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2";
        let o = Origin::Live {
            id: arn.into(),
            region: Some("us-east-1".into()),
        };
        let mut live = State::default();
        live.aws
            .elb
            .listeners
            .push(cloudsentinel_model::aws::elb::Listener {
                resource: ResourceMeta::new(cloudsentinel_model::Provider::Aws, arn, o.clone()),
                protocol: Value::explicit("HTTPS".into(), o.clone()),
                ssl_policy: Value::explicit("ELBSecurityPolicy-2016-08".into(), o.clone()),
                default_actions: Vec::new(),
                internal: Value::explicit(false, o.clone()),
                classic: false,
            });
        let declared = crate::tfstate::read(&format!(
            r#"{{"version": 4, "resources": [
              {{"mode": "managed", "type": "aws_alb_listener", "name": "https", "instances": [
                {{"attributes": {{"arn": "{arn}", "protocol": "HTTPS",
                  "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}}}}]}}]}}"#
        ))
        .unwrap();
        let d = compare(&declared, &live, &Scope::default(), &[]);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].kind, DriftKind::Modified);
        assert_eq!(d[0].resource_type, "aws_lb_listener");
        assert_eq!(d[0].attribute.as_deref(), Some("ssl_policy"));
        assert!(
            d[0].reason
                .as_deref()
                .is_some_and(|r| r.contains("aws-elb-outdated-tls")),
            "{d:#?}"
        );
    }

    #[test]
    fn lambda_permissions_by_function_and_statement() {
        let fn_arn = "arn:aws:lambda:us-east-1:1:function:api";
        let o = Origin::Live {
            id: fn_arn.into(),
            region: Some("us-east-1".into()),
        };
        let permission = |sid: &str| cloudsentinel_model::aws::lambda::Permission {
            resource: ResourceMeta::new(
                cloudsentinel_model::Provider::Aws,
                format!("{fn_arn}#{sid}"),
                o.clone(),
            ),
            principal: Value::explicit("*".into(), o.clone()),
            source_arn: Value::explicit(String::new(), o.clone()),
            source_account: Value::explicit(String::new(), o.clone()),
            principal_org_id: Value::explicit(String::new(), o.clone()),
        };
        let mut live = State::default();
        live.aws.lambda.permissions = vec![permission("gateway"), permission("added")];
        let declared = crate::tfstate::read(&format!(
            r#"{{"version": 4, "resources": [
              {{"mode": "managed", "type": "aws_lambda_permission", "name": "gateway", "instances": [
                {{"attributes": {{"function_name": "{fn_arn}", "statement_id": "gateway",
                  "principal": "apigateway.amazonaws.com",
                  "source_arn": "arn:aws:execute-api:us-east-1:1:abc/*", "source_account": null,
                  "principal_org_id": null}}}}]}}]}}"#
        ))
        .unwrap();
        assert_eq!(declared[0].id.as_deref(), Some("api/gateway"));
        let d = compare(&declared, &live, &Scope::default(), &[]);
        let principal = d
            .iter()
            .find(|d| d.attribute.as_deref() == Some("principal"))
            .unwrap_or_else(|| panic!("{d:#?}"));
        assert_eq!(principal.identity, "api/gateway");
        assert!(principal.impact >= Impact::High, "{principal:#?}");
        let added = d
            .iter()
            .find(|d| d.kind == DriftKind::Unmanaged)
            .unwrap_or_else(|| panic!("{d:#?}"));
        assert_eq!(added.identity, "api/added");
        assert!(added.impact >= Impact::High);
        // A stack that created `added` owns it (a stack knows it by its statement id).
        let mut scope = Scope::default();
        scope
            .stack_owned
            .insert((kinds::LAMBDA_PERMISSION, "added".into()));
        let d = compare(&declared, &live, &scope, &[]);
        assert!(!d.iter().any(|d| d.kind == DriftKind::Unmanaged), "{d:#?}");
    }

    #[test]
    fn a_resource_of_unknown_region_is_not_deleted_while_its_service_failed_somewhere() {
        let scope = Scope {
            regions: vec!["us-east-1".into(), "eu-west-1".into()],
            incomplete: vec![(kinds::LAMBDA_PERMISSION, Some("eu-west-1".into()))],
            ..Scope::default()
        };
        assert!(!scope.complete(kinds::LAMBDA_PERMISSION, None));
        assert!(scope.complete(kinds::LAMBDA_PERMISSION, Some("us-east-1")));
        assert!(scope.complete(kinds::SQS_QUEUE, None));
    }

    #[test]
    fn globs() {
        assert!(glob("sg-*", "sg-123"));
        assert!(glob("*logs*", "my-logs-bucket"));
        assert!(!glob("sg-*", "vpc-1"));
        assert!(glob("exact", "exact"));
    }
}
