//! `aws_sagemaker_notebook_instance`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::sagemaker::{NotebookInstance, SageMaker};

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
        });
    }
}
