//! `AWS::ECS::Cluster` and `AWS::ECS::TaskDefinition`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use crate::secrets::plaintext_credential;
use cloudsentinel_model::aws::ecs::{
    Cluster, Container, DEFAULT_CONTAINER_INSIGHTS, DEFAULT_NETWORK_MODE, Ecs, EnvVar,
    TaskDefinition,
};
use cloudsentinel_model::{Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Ecs) {
    for res in cx.resources("AWS::ECS::Cluster") {
        let node = Obj::resource(res);
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            container_insights: container_insights(&node),
        });
    }
    for res in cx.resources("AWS::ECS::TaskDefinition") {
        let node = Obj::resource(res);
        let pid_mode = match node.field("PidMode") {
            Some(_) => node.string("PidMode", None).map(Some),
            None => Value::default_at(None, src(node.loc())),
        };
        out.task_definitions.push(TaskDefinition {
            resource: resource_meta(res),
            network_mode: node.string("NetworkMode", Some(DEFAULT_NETWORK_MODE)),
            pid_mode,
            containers: containers(&node),
        });
    }
}

/// The `Value` of the `ClusterSettings` entry named `containerInsights`.
fn container_insights(node: &Obj<'_>) -> Value<String> {
    let settings = node.children("ClusterSettings");
    let mut undecided = settings.incomplete;
    for s in &settings.nodes {
        let name = s.string("Name", None);
        if name.is(|n| n == "containerInsights") {
            return s.string("Value", None);
        }
        undecided |= name.is_unknown();
    }
    if undecided {
        Value::unknown(src(node.loc()))
    } else {
        Value::default_at(DEFAULT_CONTAINER_INSIGHTS.to_string(), src(node.loc()))
    }
}

/// `ContainerDefinitions` (optional in CloudFormation: none when absent).
fn containers(node: &Obj<'_>) -> Value<Vec<Container>> {
    let Some(f) = node.field("ContainerDefinitions") else {
        return Value::default_at(Vec::new(), src(node.loc()));
    };
    let defs = node.children("ContainerDefinitions");
    if defs.incomplete || f.value.as_list().is_none() {
        return Value::unknown(f.origin());
    }
    Value::explicit(defs.nodes.iter().map(container).collect(), f.origin())
}

fn container(c: &Obj<'_>) -> Container {
    let user = match c.field("User") {
        Some(_) => c.string("User", None).map(Some),
        None => Value::default_at(None, src(c.loc())),
    };
    Container {
        meta: Meta::explicit(src(c.loc())),
        name: c.string("Name", None),
        privileged: c.bool("Privileged", Some(false)),
        user,
        readonly_root_filesystem: c.bool("ReadonlyRootFilesystem", Some(false)),
        environment: environment(c),
    }
}

/// The plain `Environment` list of `{Name, Value}` entries.
fn environment(c: &Obj<'_>) -> Value<Vec<EnvVar>> {
    let Some(f) = c.field("Environment") else {
        return Value::default_at(Vec::new(), src(c.loc()));
    };
    let entries = c.children("Environment");
    if entries.incomplete || f.value.as_list().is_none() {
        return Value::unknown(f.origin());
    }
    let vars = entries
        .nodes
        .iter()
        .map(|e| {
            let name = e.string("Name", None);
            let plaintext_credential = plaintext_credential(&name, e.field("Value"), e.loc());
            EnvVar {
                name,
                plaintext_credential,
            }
        })
        .collect();
    Value::explicit(vars, f.origin())
}
