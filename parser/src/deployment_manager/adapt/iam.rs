//! Project, folder and organization IAM: `…:virtual.{projects,folders,organizations}.
//! iamMemberBinding` resources and the `accessControl` policy of a project, folder or
//! organization resource; and service account keys.

use super::{Cx, Obj, access_control_bindings, api_name, binding_of, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::google::iam::{HierarchyPolicy, Iam, Level, ServiceAccountKey};

/// (types, level, the property naming the target).
const MEMBER_BINDINGS: [(&[&str], Level, &str); 3] = [
    (
        &["gcp-types/cloudresourcemanager-v1:virtual.projects.iamMemberBinding"],
        Level::Project,
        "resource",
    ),
    (
        &[
            "gcp-types/cloudresourcemanager-v2:virtual.folders.iamMemberBinding",
            "gcp-types/cloudresourcemanager-v2beta1:virtual.folders.iamMemberBinding",
        ],
        Level::Folder,
        "resource",
    ),
    (
        &["gcp-types/cloudresourcemanager-v1:virtual.organizations.iamMemberBinding"],
        Level::Organization,
        "resource",
    ),
];

/// Resources whose `accessControl` policy is a project's, folder's or organization's.
const CONTAINERS: [(&[&str], Level, &str); 3] = [
    (
        &[
            "cloudresourcemanager.v1.project",
            "gcp-types/cloudresourcemanager-v1:projects",
        ],
        Level::Project,
        "projectId",
    ),
    (
        &[
            "cloudresourcemanager.v2.folder",
            "gcp-types/cloudresourcemanager-v2:folders",
        ],
        Level::Folder,
        "displayName",
    ),
    (
        &["gcp-types/cloudresourcemanager-v1:organizations"],
        Level::Organization,
        "name",
    ),
];

const KEY: [&str; 3] = [
    "iam.v1.serviceAccounts.key",
    "gcp-types/iam-v1:projects.serviceAccounts.keys",
    "iam.v1.serviceAccountKey",
];

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Iam) {
    for (types, level, target) in MEMBER_BINDINGS {
        for res in cx.resources(types) {
            let node = Obj::resource(res);
            out.policies.push(HierarchyPolicy {
                resource: resource_meta(res),
                level,
                target: node.string(target, None),
                bindings: vec![binding_of(&node)],
            });
        }
    }
    for (types, level, target) in CONTAINERS {
        for res in cx.resources(types) {
            if res.access_control.is_none() {
                continue;
            }
            out.policies.push(HierarchyPolicy {
                resource: resource_meta(res),
                level,
                target: api_name(res, target),
                bindings: access_control_bindings(res),
            });
        }
    }
    for res in cx.resources(&KEY) {
        let node = Obj::resource(res);
        let account = ["parent", "name", "serviceAccount"]
            .iter()
            .find(|a| node.has(a))
            .map_or_else(|| Value::unknown(src(node.loc)), |a| node.string(a, None));
        out.service_account_keys.push(ServiceAccountKey {
            resource: resource_meta(res),
            service_account: account,
            // Deployment Manager creates keys with `keys.create`: Google generates them. An
            // uploaded public key goes through `keys.upload`, which is no resource type.
            uploaded: Value::default_at(false, src(node.loc)),
        });
    }
}
