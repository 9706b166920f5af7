//! `AWS::EFS::FileSystem`.

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::efs::{Efs, FileSystem};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Efs) {
    for res in cx.resources("AWS::EFS::FileSystem") {
        out.file_systems.push(FileSystem {
            resource: resource_meta(res),
            encrypted: Obj::resource(res).bool(
                "Encrypted",
                Some(cloudsentinel_model::aws::efs::DEFAULT_ENCRYPTED),
            ),
        });
    }
}
