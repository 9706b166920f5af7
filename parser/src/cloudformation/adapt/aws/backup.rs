//! `AWS::Backup::BackupVault`.

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::backup::{Backup, Vault};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Backup) {
    for res in cx.resources("AWS::Backup::BackupVault") {
        out.vaults.push(Vault {
            resource: resource_meta(res),
            // Without a key the vault uses the AWS managed key `aws/backup`.
            kms_key: Obj::resource(res).string("EncryptionKeyArn", Some("")),
        });
    }
}
