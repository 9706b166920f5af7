//! `aws_backup_vault`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::backup::{Backup, Vault};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Backup) {
    for res in cx.resources("aws_backup_vault") {
        let node = Node::resource(res);
        out.vaults.push(Vault {
            resource: resource_meta(res),
            // Without a key the vault uses the AWS managed key `aws/backup`.
            kms_key: node.string("kms_key_arn", Some("")),
        });
    }
}
