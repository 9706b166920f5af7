//! Live cloud state and drift.
//!
//! - [`aws`]: live readers that fill the shared [`cloudsentinel_model::State`] from the AWS
//!   APIs (List/Describe/Get calls only), so every AWS check runs unchanged on live
//!   resources.
//! - [`tfstate`], [`compare`]: declared state (Terraform state v4, CloudFormation stacks,
//!   the static model of an IaC project) compared with live state by identity, producing
//!   the drift records the `drift-*` checks report.
//!
//! Every AWS SDK dependency of the workspace lives in this crate.

pub mod aws;
pub mod cfn;
pub mod compare;
pub mod tfstate;
pub mod views;

use cloudsentinel_model::{SourceDb, State};
use compare::{IgnoreRule, Scope};
use views::View;

/// What `cloudsentinel drift` compares.
#[derive(Debug, Clone, Default)]
pub struct DriftRequest {
    pub live: aws::LiveOptions,
    /// Terraform state files: (name for messages, text).
    pub tfstates: Vec<(String, String)>,
    /// Terraform states in an S3 backend: `s3://bucket/key`.
    pub tfstate_urls: Vec<String>,
    /// CloudFormation stack names.
    pub stacks: Vec<String>,
    /// The static model of an IaC project (matched by name).
    pub iac: Option<State>,
    pub ignore: Vec<IgnoreRule>,
}

/// The outcome: a state holding the drift records and notices (for the `drift-*` checks),
/// and what was read.
#[derive(Debug, Default)]
pub struct DriftOutcome {
    pub state: State,
    pub live: aws::LiveRead,
}

/// A stack's template parsed by the CloudFormation front-end, as views whose ids are the
/// stack's physical ids. The template and its deployed parameters are handed to the parser as
/// in-memory files under a path that does not exist, so nothing is written to disk and a
/// relative nested-stack reference reads nothing.
pub fn stack_views(stack: &cfn::Stack) -> Vec<View> {
    let dir = std::path::PathBuf::from(format!(
        "/nonexistent/cloudsentinel-stack/{}",
        stack
            .name
            .replace(|ch: char| !ch.is_ascii_alphanumeric(), "_")
    ));
    let ext = if stack.template.trim_start().starts_with('{') {
        "json"
    } else {
        "yaml"
    };
    let template = dir.join(format!("template.{ext}"));
    let params = dir.join("parameters.json");
    let param_json = serde_json::Value::Object(
        stack
            .parameters
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect(),
    );
    let overlays = std::collections::HashMap::from([
        (template.clone(), stack.template.clone()),
        (params.clone(), param_json.to_string()),
    ]);
    let db = SourceDb::new();
    let opts = cloudsentinel_parser::LoadOptions {
        cfn_parameters: vec![params],
        overlays: std::sync::Arc::new(overlays),
        ..Default::default()
    };
    let state = cloudsentinel_parser::load(std::slice::from_ref(&template), &opts, &db);
    views::views(&state)
        .into_iter()
        // A permission's identity is its function and statement id; the stack knows it by
        // the statement id alone, so it is owned (never unmanaged) but not compared.
        .filter(|v| v.kind != "aws_lambda_permission")
        .map(|mut v| {
            let logical = v.resource.address.clone();
            v.id = stack.physical(&logical);
            // The template has no file to point at.
            v.attr_origins.clear();
            v.resource = cloudsentinel_model::ResourceMeta::new(
                cloudsentinel_model::Provider::Aws,
                format!("stack {}: {logical}", stack.name),
                cloudsentinel_model::Origin::None,
            );
            v
        })
        .collect()
}

/// Adds the static IaC model to the declared views. A Terraform state resource whose address
/// the project declares, or a stack resource whose logical id it declares, takes the
/// declaration's source locations (so findings point at the line) instead of being compared
/// twice; the project's other resources are declared by name. An address the project declares
/// more than once (several roots in one `--iac`) joins nothing: no location is better than a
/// wrong one.
pub fn join_sources(declared: &mut Vec<View>, iac: Vec<View>) {
    let mut by_address: std::collections::HashMap<(&'static str, String), Option<usize>> =
        std::collections::HashMap::new();
    for (i, v) in iac.iter().enumerate() {
        by_address
            .entry((v.kind, v.resource.full_address()))
            .and_modify(|e| *e = None)
            .or_insert(Some(i));
    }
    let mut joined = vec![false; iac.len()];
    for v in declared.iter_mut() {
        let logical = stack_logical_id(&v.resource.address).map(str::to_owned);
        let key = logical.clone().unwrap_or_else(|| v.resource.full_address());
        let Some(&Some(i)) = by_address.get(&(v.kind, key)) else {
            continue;
        };
        if logical.is_some() {
            // Messages keep naming the stack; findings point into the template.
            v.resource.origin = iac[i].resource.origin.clone();
        } else {
            v.resource = iac[i].resource.clone();
        }
        v.attr_origins = iac[i].attr_origins.clone();
        joined[i] = true;
    }
    declared.extend(
        iac.into_iter()
            .zip(joined)
            .filter(|(_, joined)| !joined)
            .map(|(v, _)| v),
    );
}

/// `Data` of `stack app: Data`, the address [`stack_views`] gives.
fn stack_logical_id(address: &str) -> Option<&str> {
    address
        .strip_prefix("stack ")
        .and_then(|rest| rest.split_once(": "))
        .map(|(_, logical)| logical)
}

/// Reads the account and the declared sources, and compares them.
pub async fn drift(req: &DriftRequest) -> Result<DriftOutcome, String> {
    let mut declared: Vec<View> = Vec::new();
    for (name, text) in &req.tfstates {
        declared.extend(tfstate::read(text).map_err(|e| format!("{name}: {e}"))?);
    }
    let session = aws::connect(&req.live).await.map_err(|e| e.to_string())?;
    for url in &req.tfstate_urls {
        let Some((bucket, key)) = url.strip_prefix("s3://").and_then(|r| r.split_once('/')) else {
            return Err(format!("{url}: expected s3://BUCKET/KEY"));
        };
        let text = session
            .s3_object(bucket, key)
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        declared.extend(tfstate::read(&text).map_err(|e| format!("{url}: {e}"))?);
    }
    let mut scope = Scope {
        regions: session.regions.clone(),
        ..Scope::default()
    };
    for name in &req.stacks {
        match session.stack(name).await {
            Ok(stack) => {
                scope.stack_owned.extend(stack.owned());
                declared.extend(stack_views(&stack));
            }
            Err(e) => return Err(format!("stack {name}: {e}")),
        }
    }
    if let Some(iac) = &req.iac {
        join_sources(&mut declared, views::views(iac));
    }
    let live = aws::read_session(&session, &req.live).await;
    for (svc, region) in &live.failed {
        for kind in KINDS {
            if aws::Service::of_kind(kind) == Some(*svc) {
                scope.incomplete.push((kind, region.clone()));
            }
        }
    }
    scope.aws_created = live.aws_created.clone();
    let records = compare::compare(&declared, &live.state, &scope, &req.ignore);
    // What the project could not parse or evaluate is reported with the drift, not lost.
    let mut notices = live.state.notices.clone();
    let mut parse_errors = Vec::new();
    if let Some(iac) = &req.iac {
        notices.extend(iac.notices.iter().cloned());
        parse_errors = iac.parse_errors.clone();
    }
    let state = State {
        drift: records,
        notices,
        parse_errors,
        ..State::default()
    };
    let mut live = live;
    live.calls = session.calls();
    Ok(DriftOutcome { state, live })
}

/// [`drift`] on a new runtime.
pub fn drift_blocking(req: &DriftRequest) -> Result<DriftOutcome, String> {
    aws::runtime()
        .map_err(|e| e.to_string())?
        .block_on(drift(req))
}

/// Every kind drift compares.
pub const KINDS: [&str; 25] = [
    "aws_s3_bucket",
    "aws_security_group",
    "aws_default_security_group",
    "aws_vpc",
    "aws_network_acl",
    "aws_subnet",
    "aws_ebs_volume",
    "aws_instance",
    "aws_launch_template",
    "aws_iam_user",
    "aws_iam_group",
    "aws_iam_role",
    "aws_iam_policy",
    "aws_db_instance",
    "aws_rds_cluster",
    "aws_lb_listener",
    "aws_lambda_permission",
    "aws_cloudtrail",
    "aws_kms_key",
    "aws_eks_cluster",
    "aws_efs_file_system",
    "aws_sqs_queue",
    "aws_sns_topic",
    "aws_dynamodb_table",
    "aws_ecr_repository",
];

#[cfg(test)]
mod tests {
    use super::*;
    use cloudsentinel_model::{FileId, Location, Origin, ResourceMeta, TextRange};
    use std::collections::BTreeMap;

    fn view(kind: &'static str, address: &str, origin: Origin) -> View {
        View {
            kind,
            resource: ResourceMeta::new(cloudsentinel_model::Provider::Aws, address, origin),
            id: Some("x".into()),
            name: None,
            region: None,
            attrs: BTreeMap::new(),
            attr_origins: BTreeMap::new(),
        }
    }

    fn at(start: usize) -> Origin {
        Origin::Source(Location::new(FileId(0), TextRange::new(start, start + 1)))
    }

    #[test]
    fn a_stack_template_is_read_with_its_deployed_parameters_and_nothing_on_disk() {
        let stack = cfn::Stack {
            name: "app/prod".into(),
            template: "Parameters:\n  Versioning:\n    Type: String\n    Default: Enabled\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration:\n        Status: !Ref Versioning\n  Nested:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./nested.yaml\n".into(),
            parameters: vec![("Versioning".into(), "Suspended".into())],
            resources: vec![(
                "Data".into(),
                "AWS::S3::Bucket".into(),
                "app-prod-data-1x2y".into(),
            )],
        };
        let views = stack_views(&stack);
        assert_eq!(views.len(), 1, "{views:#?}");
        let data = &views[0];
        assert_eq!(data.id.as_deref(), Some("app-prod-data-1x2y"));
        assert_eq!(data.resource.address, "stack app/prod: Data");
        // The deployed parameter wins over the template's default.
        assert_eq!(
            data.attrs.get("versioning").map(String::as_str),
            Some("false")
        );
        assert!(data.attr_origins.is_empty());
        assert!(!std::path::Path::new("/nonexistent").exists());
    }

    #[test]
    fn state_and_stack_resources_take_their_declarations_locations() {
        let mut declared = vec![
            view("aws_s3_bucket", "aws_s3_bucket.logs", Origin::None),
            view("aws_s3_bucket", "stack app: Data", Origin::None),
            view("aws_sqs_queue", "stack app: Queue", Origin::None),
        ];
        let iac = vec![
            view("aws_s3_bucket", "aws_s3_bucket.logs", at(10)),
            view("aws_s3_bucket", "Data", at(20)),
            // Declared twice: joins nothing.
            view("aws_sqs_queue", "Queue", at(30)),
            view("aws_sqs_queue", "Queue", at(40)),
            view("aws_sns_topic", "aws_sns_topic.alerts", at(50)),
        ];
        join_sources(&mut declared, iac);
        assert_eq!(declared[0].resource.origin, at(10));
        assert_eq!(declared[1].resource.origin, at(20));
        assert_eq!(declared[1].resource.address, "stack app: Data");
        assert_eq!(declared[2].resource.origin, Origin::None);
        // The unjoined declarations are still declared, each once.
        let rest: Vec<&str> = declared[3..]
            .iter()
            .map(|v| v.resource.address.as_str())
            .collect();
        assert_eq!(rest, ["Queue", "Queue", "aws_sns_topic.alerts"]);
    }
}
