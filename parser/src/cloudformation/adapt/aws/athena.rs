//! `AWS::Athena::WorkGroup`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::athena::{Athena, WorkGroup};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Athena) {
    for res in cx.resources("AWS::Athena::WorkGroup") {
        let node = Obj::resource(res);
        // Results are encrypted only with an `EncryptionConfiguration`.
        let mut current = node;
        let mut results_encrypted = Value::explicit(true, src(node.loc()));
        for name in [
            "WorkGroupConfiguration",
            "ResultConfiguration",
            "EncryptionConfiguration",
        ] {
            match current.child(name) {
                Some(c) if c.value.is_unknown() => {
                    results_encrypted = Value::unknown(src(c.loc()));
                    break;
                }
                Some(c) => {
                    results_encrypted = Value::explicit(true, src(c.loc()));
                    current = c;
                }
                None => {
                    results_encrypted = Value::default_at(false, src(current.loc()));
                    break;
                }
            }
        }
        out.workgroups.push(WorkGroup {
            resource: resource_meta(res),
            results_encrypted,
        });
    }
}
