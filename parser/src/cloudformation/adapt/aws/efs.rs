//! `AWS::EFS::FileSystem`.

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use crate::policy::document_value;
use cloudsentinel_model::aws::efs::{Efs, FileSystem};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Efs) {
    for res in cx.resources("AWS::EFS::FileSystem") {
        let node = Obj::resource(res);
        out.file_systems.push(FileSystem {
            resource: resource_meta(res),
            encrypted: node.bool(
                "Encrypted",
                Some(cloudsentinel_model::aws::efs::DEFAULT_ENCRYPTED),
            ),
            policies: node
                .field("FileSystemPolicy")
                .map(|f| document_value(f.value, f.loc, f.scope))
                .into_iter()
                .collect(),
        });
    }
}
