//! `aws_efs_file_system` with the `aws_efs_file_system_policy` resources joined through
//! `file_system_id`.

use super::iam_policy::PolicyDocs;
use crate::terraform::adapt::{Cx, Node, Reader, join_children, merged, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::efs::{Efs, FileSystem};

pub(super) fn adapt(cx: &Cx<'_>, docs: &PolicyDocs<'_>, out: &mut Efs) {
    let parents = cx.resources("aws_efs_file_system");
    let mut file_systems: Vec<FileSystem> = parents
        .iter()
        .map(|res| FileSystem {
            resource: resource_meta(res),
            encrypted: Node::resource(res).bool(
                "encrypted",
                Some(cloudsentinel_model::aws::efs::DEFAULT_ENCRYPTED),
            ),
            policies: Vec::new(),
        })
        .collect();
    join_children(
        cx,
        parents,
        &[],
        &[("aws_efs_file_system_policy", ())],
        "file_system_id",
        "file system",
        |i, (), res, known| {
            if let Some(f) = file_systems.get_mut(i) {
                f.policies.push(if known {
                    docs.read_attr(&Node::resource(res), "policy")
                } else {
                    Value::unknown(src(res.body.loc))
                });
                merged(&mut f.resource, res, known);
            }
        },
    );
    out.file_systems.extend(file_systems);
}
