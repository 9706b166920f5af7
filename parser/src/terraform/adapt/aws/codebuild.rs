//! `aws_codebuild_project`.

use crate::secrets::is_secret_identifier;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::aws::codebuild::{Artifacts, CodeBuild, EnvironmentVariable, Project};
use cloudsentinel_model::{Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut CodeBuild) {
    for res in cx.resources("aws_codebuild_project") {
        let node = Node::resource(res);
        let mut environment_variables = Vec::new();
        for env in node.children("environment").nodes {
            for v in env.children("environment_variable").nodes {
                let name = v.string("name", None);
                environment_variables.push(EnvironmentVariable {
                    meta: Meta::explicit(src(v.loc())),
                    name_marks_secret: name.clone().map(|n| is_secret_identifier(&n)),
                    name,
                    variable_type: v.string("type", Some("PLAINTEXT")),
                });
            }
        }
        let mut artifacts = Vec::new();
        for block in ["artifacts", "secondary_artifacts"] {
            for a in node.children(block).nodes {
                artifacts.push(Artifacts {
                    meta: Meta::explicit(src(a.loc())),
                    artifact_type: a.string("type", None),
                    encryption_disabled: a.bool("encryption_disabled", Some(false)),
                });
            }
        }
        // `logs_config { s3_logs { status = "DISABLED", encryption_disabled = false } }` by
        // default.
        let logs = node.children("logs_config");
        let (s3_logs_enabled, s3_logs_encryption_disabled) = match logs.nodes.first() {
            Some(l) => {
                let s3 = l.children("s3_logs");
                match s3.nodes.first() {
                    Some(s) => (
                        s.string("status", Some("DISABLED"))
                            .map(|v| v.eq_ignore_ascii_case("ENABLED")),
                        s.bool("encryption_disabled", Some(false)),
                    ),
                    None if s3.incomplete => {
                        (Value::unknown(src(l.loc())), Value::unknown(src(l.loc())))
                    }
                    None => (
                        Value::default_at(false, src(l.loc())),
                        Value::default_at(false, src(l.loc())),
                    ),
                }
            }
            None if logs.incomplete => (
                Value::unknown(src(node.loc())),
                Value::unknown(src(node.loc())),
            ),
            None => (
                Value::default_at(false, src(node.loc())),
                Value::default_at(false, src(node.loc())),
            ),
        };
        out.projects.push(Project {
            resource: resource_meta(res),
            environment_variables,
            // Without a key, build output uses the AWS managed key for S3.
            encryption_key: node.string("encryption_key", Some("")),
            artifacts,
            s3_logs_enabled,
            s3_logs_encryption_disabled,
        });
    }
}
