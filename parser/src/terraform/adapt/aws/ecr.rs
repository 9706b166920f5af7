//! `aws_ecr_repository`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::ecr::{Ecr, Repository};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Ecr) {
    // A registry-wide scanning configuration may scan every repository on push.
    let registry_scanning = !cx
        .resources("aws_ecr_registry_scanning_configuration")
        .is_empty();
    for res in cx.resources("aws_ecr_repository") {
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
        out.repositories.push(Repository {
            resource: resource_meta(res),
            image_tag_mutability: node.string(
                "image_tag_mutability",
                Some(cloudsentinel_model::aws::ecr::DEFAULT_IMAGE_TAG_MUTABILITY),
            ),
            scan_on_push,
        });
    }
}
