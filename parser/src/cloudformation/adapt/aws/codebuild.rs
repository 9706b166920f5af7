//! `AWS::CodeBuild::Project`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use crate::secrets::is_secret_identifier;
use cloudsentinel_model::aws::codebuild::{Artifacts, CodeBuild, EnvironmentVariable, Project};
use cloudsentinel_model::{Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut CodeBuild) {
    for res in cx.resources("AWS::CodeBuild::Project") {
        let node = Obj::resource(res);
        let mut environment_variables = Vec::new();
        if let Some(env) = node.child("Environment") {
            for v in env.children("EnvironmentVariables").nodes {
                let name = v.string("Name", None);
                environment_variables.push(EnvironmentVariable {
                    meta: Meta::explicit(src(v.loc())),
                    name_marks_secret: name.clone().map(|n| is_secret_identifier(&n)),
                    name,
                    variable_type: v.string("Type", Some("PLAINTEXT")),
                });
            }
        }
        let mut artifacts = Vec::new();
        for prop in ["Artifacts", "SecondaryArtifacts"] {
            for a in node.children(prop).nodes {
                artifacts.push(Artifacts {
                    meta: Meta::explicit(src(a.loc())),
                    artifact_type: a.string("Type", None),
                    encryption_disabled: a.bool("EncryptionDisabled", Some(false)),
                });
            }
        }
        // S3 logs are `DISABLED` and encrypted unless configured.
        let (s3_logs_enabled, s3_logs_encryption_disabled) =
            match node.child("LogsConfig").and_then(|l| l.child("S3Logs")) {
                Some(s) => (
                    s.string("Status", None)
                        .map(|v| v.eq_ignore_ascii_case("ENABLED")),
                    s.bool("EncryptionDisabled", Some(false)),
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
            encryption_key: node.string("EncryptionKey", Some("")),
            artifacts,
            s3_logs_enabled,
            s3_logs_encryption_disabled,
        });
    }
}
