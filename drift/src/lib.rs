//! Drift: declared state compared with live state, provider-neutral.
//!
//! - [`tfstate`], [`cfn`], [`views`]: declared state (Terraform state v4, CloudFormation
//!   stacks, the static model of an IaC project) and live state as comparable views of the
//!   model's resource [`kind`]s;
//! - [`compare`]: matching by identity, attribute-by-attribute comparison graded by the
//!   checks, producing the drift records the `drift-*` checks report;
//! - [`reader`]: the [`LiveReader`] trait each cloud's live reader crate implements
//!   (`cloudsentinel-live-aws`). No cloud SDK is a dependency of this crate.

pub mod cfn;
pub mod compare;
pub mod kind;
pub mod reader;
pub mod tfstate;
pub mod views;

use cloudsentinel_model::{SourceDb, State};
pub use compare::IgnoreRule;
use compare::Scope;
use kind::Kind;
pub use reader::{LiveRead, LiveReader, Unread};
use std::collections::BTreeSet;
use views::View;

/// Declared state gathered from Terraform states and CloudFormation stacks.
#[derive(Debug, Clone, Default)]
pub struct Declared {
    views: Vec<View>,
    /// `(kind, id)` of the resources the stacks own.
    stack_owned: BTreeSet<(Kind, String)>,
}

impl Declared {
    /// Adds the resources of a Terraform state; `name` (a file, a URL) prefixes the error.
    pub fn add_tfstate(&mut self, name: &str, text: &str) -> Result<(), String> {
        self.views
            .extend(tfstate::read(text).map_err(|e| format!("{name}: {e}"))?);
        Ok(())
    }
    /// Adds a stack: its template's resources, and what it owns.
    pub fn add_stack(&mut self, stack: &cfn::Stack) {
        self.stack_owned.extend(stack.owned());
        self.views.extend(stack_views(stack));
    }
}

/// What drift compares with the live state.
#[derive(Debug, Clone, Default)]
pub struct DriftRequest {
    pub declared: Declared,
    /// The static model of an IaC project (matched by name).
    pub iac: Option<State>,
    pub ignore: Vec<IgnoreRule>,
}

/// The outcome: a state holding the drift records and notices (for the `drift-*` checks),
/// and what was read.
#[derive(Debug, Default)]
pub struct DriftOutcome {
    pub state: State,
    pub live: LiveRead,
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
        overlays: std::sync::Arc::new(overlays),
        ..Default::default()
    }
    .with_frontend(
        cloudsentinel_parser::cloudformation::CloudFormationOptions {
            parameters: vec![params],
        },
    );
    let state = cloudsentinel_parser::load(std::slice::from_ref(&template), &opts, &db);
    views::views(&state)
        .into_iter()
        // A permission's identity is its function and statement id; the stack knows it by
        // the statement id alone, so it is owned (never unmanaged) but not compared.
        .filter(|v| v.kind != kind::aws::LAMBDA_PERMISSION)
        .map(|mut v| {
            let logical = v.resource.address.clone();
            v.id = stack.physical(&logical);
            // The template has no file to point at.
            v.attr_origins.clear();
            v.resource = cloudsentinel_model::ResourceMeta::new(
                v.kind.provider,
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
    let mut by_address: std::collections::HashMap<(Kind, String), Option<usize>> =
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

/// Reads the live account through `reader` and compares the declared state with it.
pub fn drift(req: DriftRequest, reader: &dyn LiveReader) -> DriftOutcome {
    let DriftRequest {
        declared,
        iac,
        ignore,
    } = req;
    let mut views = declared.views;
    if let Some(iac) = &iac {
        join_sources(&mut views, views::views(iac));
    }
    let live = reader.read();
    let provider = reader.provider();
    let scope = Scope {
        regions: live.regions.clone(),
        incomplete: live
            .unread
            .iter()
            .flat_map(|u| {
                kind::all()
                    .filter(move |k| k.provider == provider && k.service == u.service)
                    .map(|k| (k, u.region.clone()))
            })
            .collect(),
        provider_created: live.provider_created.clone(),
        stack_owned: declared.stack_owned,
    };
    let records = compare::compare(&views, &live.state, &scope, &ignore);
    // What the project could not parse or evaluate is reported with the drift, not lost.
    let mut notices = live.state.notices.clone();
    let mut parse_errors = Vec::new();
    if let Some(iac) = iac {
        notices.extend(iac.notices);
        parse_errors = iac.parse_errors;
    }
    let state = State {
        drift: records,
        notices,
        parse_errors,
        ..State::default()
    };
    DriftOutcome { state, live }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::aws::{S3_BUCKET, SNS_TOPIC, SQS_QUEUE};
    use cloudsentinel_model::{FileId, Location, Origin, Provider, ResourceMeta, TextRange};
    use std::collections::BTreeMap;

    fn view(kind: Kind, address: &str, origin: Origin) -> View {
        View {
            kind,
            resource: ResourceMeta::new(Provider::Aws, address, origin),
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
            view(S3_BUCKET, "aws_s3_bucket.logs", Origin::None),
            view(S3_BUCKET, "stack app: Data", Origin::None),
            view(SQS_QUEUE, "stack app: Queue", Origin::None),
        ];
        let iac = vec![
            view(S3_BUCKET, "aws_s3_bucket.logs", at(10)),
            view(S3_BUCKET, "Data", at(20)),
            // Declared twice: joins nothing.
            view(SQS_QUEUE, "Queue", at(30)),
            view(SQS_QUEUE, "Queue", at(40)),
            view(SNS_TOPIC, "aws_sns_topic.alerts", at(50)),
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
