//! `AWS::ECR::Repository`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use crate::policy::document_value;
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::ecr::{DEFAULT_ENCRYPTION_TYPE, Ecr, Repository};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Ecr) {
    // A registry-wide scanning configuration may scan every repository on push.
    let registry_scanning = !cx
        .resources("AWS::ECR::RegistryScanningConfiguration")
        .is_empty();
    for res in cx.resources("AWS::ECR::Repository") {
        let node = Obj::resource(res);
        let scan_on_push = match node.child("ImageScanningConfiguration") {
            Some(s) => {
                let v = s.bool(
                    "ScanOnPush",
                    Some(cloudsentinel_model::aws::ecr::DEFAULT_SCAN_ON_PUSH),
                );
                if registry_scanning && !v.is_true() {
                    Value::unknown(v.meta.origin)
                } else {
                    v
                }
            }
            None if registry_scanning => Value::unknown(src(node.loc())),
            None => Value::default_at(
                cloudsentinel_model::aws::ecr::DEFAULT_SCAN_ON_PUSH,
                src(node.loc()),
            ),
        };
        let encryption_type = match (
            node.child("EncryptionConfiguration"),
            node.has("EncryptionConfiguration"),
        ) {
            (Some(e), _) => e.string("EncryptionType", Some(DEFAULT_ENCRYPTION_TYPE)),
            (None, true) => Value::unknown(src(node.loc())),
            (None, false) => {
                Value::default_at(DEFAULT_ENCRYPTION_TYPE.to_string(), src(node.loc()))
            }
        };
        out.repositories.push(Repository {
            resource: resource_meta(res),
            image_tag_mutability: node.string(
                "ImageTagMutability",
                Some(cloudsentinel_model::aws::ecr::DEFAULT_IMAGE_TAG_MUTABILITY),
            ),
            scan_on_push,
            encryption_type,
            policies: node
                .field("RepositoryPolicyText")
                .map(|f| document_value(f.value, f.loc, f.scope))
                .into_iter()
                .collect(),
        });
    }
}
