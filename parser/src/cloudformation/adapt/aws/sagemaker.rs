//! `AWS::SageMaker::NotebookInstance` and `AWS::SageMaker::Domain`.

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::sagemaker::{Domain, NotebookInstance, SageMaker};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut SageMaker) {
    for res in cx.resources("AWS::SageMaker::NotebookInstance") {
        let node = Obj::resource(res);
        // Both default to `Enabled`.
        let enabled = |name: &str| {
            node.string(name, Some("Enabled"))
                .map(|s| s.eq_ignore_ascii_case("Enabled"))
        };
        out.notebooks.push(NotebookInstance {
            resource: resource_meta(res),
            direct_internet: enabled("DirectInternetAccess"),
            root_access: enabled("RootAccess"),
            // Without a key the storage volume uses the AWS managed key.
            kms_key_id: node.string("KmsKeyId", Some("")),
        });
    }
    for res in cx.resources("AWS::SageMaker::Domain") {
        let node = Obj::resource(res);
        out.domains.push(Domain {
            resource: resource_meta(res),
            app_network_access_type: node
                .string("AppNetworkAccessType", Some("PublicInternetOnly")),
        });
    }
}
