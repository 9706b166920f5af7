//! `aws_efs_file_system`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::efs::{Efs, FileSystem};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Efs) {
    for res in cx.resources("aws_efs_file_system") {
        out.file_systems.push(FileSystem {
            resource: resource_meta(res),
            encrypted: Node::resource(res).bool(
                "encrypted",
                Some(cloudsentinel_model::aws::efs::DEFAULT_ENCRYPTED),
            ),
        });
    }
}
