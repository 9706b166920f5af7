//! `aws_glacier_vault`.

use super::iam_policy::PolicyDocs;
use crate::terraform::adapt::{Cx, Node, resource_meta};
use cloudsentinel_model::aws::glacier::{Glacier, Vault};

pub(super) fn adapt(cx: &Cx<'_>, docs: &PolicyDocs<'_>, out: &mut Glacier) {
    for res in cx.resources("aws_glacier_vault") {
        let node = Node::resource(res);
        out.vaults.push(Vault {
            resource: resource_meta(res),
            policies: node
                .field("access_policy")
                .map(|f| docs.read(f))
                .into_iter()
                .collect(),
        });
    }
}
