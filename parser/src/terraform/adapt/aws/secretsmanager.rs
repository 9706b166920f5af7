//! `aws_secretsmanager_secret` with the `aws_secretsmanager_secret_policy` and
//! `aws_secretsmanager_secret_rotation` resources joined through `secret_arn` / `secret_id`.

use super::iam_policy::PolicyDocs;
use crate::terraform::adapt::{Cx, Node, Reader, join_children, merged, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::secretsmanager::{Secret, SecretsManager};

#[derive(Clone, Copy)]
enum Part {
    Policy,
    Rotation,
}

pub(super) fn adapt(cx: &Cx<'_>, docs: &PolicyDocs<'_>, out: &mut SecretsManager) {
    let parents = cx.resources("aws_secretsmanager_secret");
    let mut secrets: Vec<Secret> = parents
        .iter()
        .map(|res| {
            let node = Node::resource(res);
            // Provider v2/v3 configured rotation on the secret itself.
            let rotation = match node.field("rotation_lambda_arn") {
                Some(f) => Value::explicit(true, f.origin()),
                None => Value::default_at(false, src(node.loc())),
            };
            Secret {
                resource: resource_meta(res),
                kms_key_id: node.string("kms_key_id", Some("")),
                rotation,
                policies: node
                    .field("policy")
                    .map(|f| docs.read(f))
                    .into_iter()
                    .collect(),
            }
        })
        .collect();
    for (rtype, part, attr) in [
        (
            "aws_secretsmanager_secret_policy",
            Part::Policy,
            "secret_arn",
        ),
        (
            "aws_secretsmanager_secret_rotation",
            Part::Rotation,
            "secret_id",
        ),
    ] {
        join_children(
            cx,
            parents,
            &["name"],
            &[(rtype, part)],
            attr,
            "secret",
            |i, part, res, known| {
                let Some(s) = secrets.get_mut(i) else {
                    return;
                };
                match part {
                    Part::Policy => s.policies.push(if known {
                        docs.read_attr(&Node::resource(res), "policy")
                    } else {
                        Value::unknown(src(res.body.loc))
                    }),
                    Part::Rotation if known => {
                        s.rotation = Value::explicit(true, src(res.body.loc));
                    }
                    Part::Rotation if !s.rotation.is_true() => {
                        s.rotation = Value::unknown(src(res.body.loc));
                    }
                    Part::Rotation => {}
                }
                merged(&mut s.resource, res, known);
            },
        );
    }
    out.secrets.extend(secrets);
}
