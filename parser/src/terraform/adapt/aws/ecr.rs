//! `aws_ecr_repository` with the `aws_ecr_repository_policy` resources joined through
//! `repository`.

use super::iam_policy::PolicyDocs;
use crate::terraform::adapt::{Cx, Node, Reader, join_children, merged, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::ecr::{DEFAULT_ENCRYPTION_TYPE, Ecr, Repository};

pub(super) fn adapt(cx: &Cx<'_>, docs: &PolicyDocs<'_>, out: &mut Ecr) {
    // A registry-wide scanning configuration may scan every repository on push.
    let registry_scanning = !cx
        .resources("aws_ecr_registry_scanning_configuration")
        .is_empty();
    let parents = cx.resources("aws_ecr_repository");
    let mut repositories: Vec<Repository> = parents
        .iter()
        .map(|res| {
            let node = Node::resource(res);
            let scanning = node.children("image_scanning_configuration");
            let scan_on_push = match scanning.nodes.first() {
                Some(s) => {
                    let v = s.bool(
                        "scan_on_push",
                        Some(cloudsentinel_model::aws::ecr::DEFAULT_SCAN_ON_PUSH),
                    );
                    if registry_scanning && !v.is_true() {
                        Value::unknown(v.meta.origin)
                    } else {
                        v
                    }
                }
                None if scanning.incomplete || registry_scanning => Value::unknown(src(node.loc())),
                None => Value::default_at(
                    cloudsentinel_model::aws::ecr::DEFAULT_SCAN_ON_PUSH,
                    src(node.loc()),
                ),
            };
            let encryption = node.children("encryption_configuration");
            let encryption_type = match encryption.nodes.first() {
                Some(e) => e.string("encryption_type", Some(DEFAULT_ENCRYPTION_TYPE)),
                None if encryption.incomplete => Value::unknown(src(node.loc())),
                None => Value::default_at(DEFAULT_ENCRYPTION_TYPE.to_string(), src(node.loc())),
            };
            Repository {
                resource: resource_meta(res),
                image_tag_mutability: node.string(
                    "image_tag_mutability",
                    Some(cloudsentinel_model::aws::ecr::DEFAULT_IMAGE_TAG_MUTABILITY),
                ),
                scan_on_push,
                encryption_type,
                policies: Vec::new(),
            }
        })
        .collect();
    join_children(
        cx,
        parents,
        &["name"],
        &[("aws_ecr_repository_policy", ())],
        "repository",
        "repository",
        |i, (), res, known| {
            if let Some(r) = repositories.get_mut(i) {
                r.policies.push(if known {
                    docs.read_attr(&Node::resource(res), "policy")
                } else {
                    Value::unknown(src(res.body.loc))
                });
                merged(&mut r.resource, res, known);
            }
        },
    );
    out.repositories.extend(repositories);
}
