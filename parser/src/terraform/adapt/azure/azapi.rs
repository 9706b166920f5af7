//! `azapi_resource`: its `body` is an ARM resource's body, so it is read by the ARM adapters
//! (`parser/src/arm/adapt/`) with the resource type and API version of its `type`.

use crate::arm::{ArmCondition, ArmDeployment, ArmResource};
use crate::dynvalue::Dyn;
use crate::terraform::adapt::{Cx, Node, Reader};
use cloudsentinel_model::azure::Azure;
use cloudsentinel_model::{CloudModel, FileId};
use indexmap::IndexMap;

pub(super) fn adapt(cx: &Cx<'_>, azure: &mut Azure) {
    let mut resources = Vec::new();
    for &res in cx.resources("azapi_resource") {
        let node = Node::resource(res);
        let ty = node.string("type", None);
        let Some((rtype, api)) = ty.as_str().and_then(|t| t.split_once('@')) else {
            cx.notice(
                node.loc(),
                format!(
                    "{}: its `type` could not be evaluated, so its body is not checked",
                    res.full_address()
                ),
            );
            continue;
        };
        // The body as an object: written in HCL, or a `jsonencode`d string (provider 1.x).
        let body = res.body.attr("body").map(|a| &a.value);
        let body = match body {
            Some(b) if b.as_map().is_some() => b.clone(),
            Some(b) => b
                .encoded
                .as_deref()
                .filter(|e| e.as_map().is_some())
                .cloned()
                .unwrap_or_else(|| b.clone()),
            None => Dyn::map(IndexMap::new()),
        };
        // The resource's own attributes complete the body as ARM would see it.
        let mut map: IndexMap<String, Dyn> = body.as_map().cloned().unwrap_or_default();
        if body.is_unknown() {
            map.insert("properties".to_string(), Dyn::unknown().or_loc(body.loc));
        }
        for attr in ["location", "tags"] {
            if let Some(a) = res.body.attr(attr) {
                map.entry(attr.to_string())
                    .or_insert_with(|| a.value.clone());
            }
        }
        let name = res
            .body
            .attr("name")
            .map_or_else(Dyn::unknown, |a| a.value.clone());
        resources.push(ArmResource {
            resource_type: rtype.to_string(),
            api_version: Some(api.to_string()),
            name,
            symbolic_name: None,
            address: res.address.clone(),
            body: Dyn::map(map).or_loc(body.loc),
            location: res.body.loc,
            existing: false,
            condition: ArmCondition::Deployed,
            metadata: Dyn::null(),
            deployments: res.module_chain.clone(),
            key: None,
        });
    }
    if resources.is_empty() {
        return;
    }
    let deployment = ArmDeployment {
        file: resources.first().map_or(FileId(0), |r| r.location.file),
        target_scope: "resourceGroup".to_string(),
        resources,
        outputs: IndexMap::new(),
        metadata: Dyn::null(),
        errors: Vec::new(),
        notices: Vec::new(),
        linked_files: Vec::new(),
    };
    let state = crate::arm::adapt::adapt(&deployment);
    azure.extend_all(vec![state.azure]);
}
