//! Project, folder and organization IAM (`google_{project,folder,organization}_iam_{policy,
//! binding,member}`) and `google_service_account_key`.

use super::iam_policy::{IamPolicies, resource_bindings};
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::google::iam::{HierarchyPolicy, Iam, Level, ServiceAccountKey};

/// (resource type prefix, level, the attribute naming the target).
const LEVELS: [(&str, Level, &str); 3] = [
    ("google_project_iam_", Level::Project, "project"),
    ("google_folder_iam_", Level::Folder, "folder"),
    ("google_organization_iam_", Level::Organization, "org_id"),
];

pub(super) fn adapt(cx: &Cx<'_>, policies: &IamPolicies<'_>, out: &mut Iam) {
    for (prefix, level, target) in LEVELS {
        for kind in ["policy", "binding", "member"] {
            for res in cx.resources(&format!("{prefix}{kind}")) {
                let node = Node::resource(res);
                out.policies.push(HierarchyPolicy {
                    resource: resource_meta(res),
                    level,
                    // A project-level resource without `project` uses the provider's project.
                    target: node.string(target, None),
                    bindings: resource_bindings(policies, res, true),
                });
            }
        }
    }
    for res in cx.resources("google_service_account_key") {
        let node = Node::resource(res);
        out.service_account_keys.push(ServiceAccountKey {
            resource: resource_meta(res),
            service_account: node.string("service_account_id", None),
            uploaded: match node.field("public_key_data") {
                Some(f) => Value::explicit(true, f.origin()),
                None => Value::default_at(false, src(node.loc())),
            },
        });
    }
}
