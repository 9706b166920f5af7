//! `aws_sagemaker_notebook_instance` and `aws_sagemaker_domain`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::sagemaker::{Domain, NotebookInstance, SageMaker};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut SageMaker) {
    for res in cx.resources("aws_sagemaker_notebook_instance") {
        let node = Node::resource(res);
        // Both default to `Enabled`.
        let enabled = |name: &str| {
            node.string(name, Some("Enabled"))
                .map(|s| s.eq_ignore_ascii_case("Enabled"))
        };
        out.notebooks.push(NotebookInstance {
            resource: resource_meta(res),
            direct_internet: enabled("direct_internet_access"),
            root_access: enabled("root_access"),
            // Without a key the storage volume uses the AWS managed key.
            kms_key_id: node.string("kms_key_id", Some("")),
        });
    }
    for res in cx.resources("aws_sagemaker_domain") {
        let node = Node::resource(res);
        out.domains.push(Domain {
            resource: resource_meta(res),
            app_network_access_type: node
                .string("app_network_access_type", Some("PublicInternetOnly")),
        });
    }
}
