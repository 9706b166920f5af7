//! `AWS::Glacier::Vault`.

use crate::cloudformation::adapt::{Cx, Obj, resource_meta};
use crate::policy::document_value;
use cloudsentinel_model::aws::glacier::{Glacier, Vault};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Glacier) {
    for res in cx.resources("AWS::Glacier::Vault") {
        let node = Obj::resource(res);
        out.vaults.push(Vault {
            resource: resource_meta(res),
            policies: node
                .field("AccessPolicy")
                .map(|f| document_value(f.value, f.loc, f.scope))
                .into_iter()
                .collect(),
        });
    }
}
