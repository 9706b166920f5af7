//! `AWS::SecretsManager::Secret` with the `AWS::SecretsManager::ResourcePolicy` and
//! `AWS::SecretsManager::RotationSchedule` resources joined through `SecretId`.
//!
//! A live secret (one Cloud Control document) has neither joined: its rotation and its policy
//! are Unknown, never "no rotation" or "no policy" (the secret's own document holds neither).

use super::sqs::policy_property;
use crate::adapt::{is_live, src};
use crate::cloudformation::adapt::{Cx, Obj, Reader, join_children, merged, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::secretsmanager::{Secret, SecretsManager};

#[derive(Clone, Copy)]
enum Part {
    Policy,
    Rotation,
}

pub(super) fn adapt(cx: &Cx<'_>, out: &mut SecretsManager) {
    let parents = cx.resources("AWS::SecretsManager::Secret");
    let mut secrets: Vec<Secret> = parents
        .iter()
        .map(|res| {
            let node = Obj::resource(res);
            let live = is_live();
            Secret {
                resource: resource_meta(res),
                kms_key_id: node.string("KmsKeyId", Some("")),
                rotation: if live {
                    Value::unknown(src(node.loc()))
                } else {
                    Value::default_at(false, src(node.loc()))
                },
                policies: if live {
                    vec![Value::unknown(src(node.loc()))]
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    join_children(
        cx,
        parents,
        &["Name"],
        &[
            ("AWS::SecretsManager::ResourcePolicy", Part::Policy),
            ("AWS::SecretsManager::RotationSchedule", Part::Rotation),
        ],
        "SecretId",
        "secret",
        |i, part, res, known| {
            let Some(s) = secrets.get_mut(i) else {
                return;
            };
            match part {
                Part::Policy => s
                    .policies
                    .push(policy_property(res, "ResourcePolicy", known)),
                Part::Rotation if known => s.rotation = Value::explicit(true, src(res.loc)),
                Part::Rotation if !s.rotation.is_true() => {
                    s.rotation = Value::unknown(src(res.loc));
                }
                Part::Rotation => {}
            }
            merged(&mut s.resource, res, known);
        },
    );
    out.secrets.extend(secrets);
}
