//! `aws_ecs_cluster` and `aws_ecs_task_definition` (its `container_definitions` JSON, from
//! `jsonencode`, a heredoc or `file`).

use crate::adapt::{Children, Field, pick_loc};
use crate::dynvalue::{Dyn, DynKind};
use crate::secrets::plaintext_credential;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::aws::ecs::{
    Cluster, Container, DEFAULT_CONTAINER_INSIGHTS, DEFAULT_NETWORK_MODE, Ecs, EnvVar,
    TaskDefinition,
};
use cloudsentinel_model::{Location, Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Ecs) {
    for res in cx.resources("aws_ecs_cluster") {
        let node = Node::resource(res);
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            container_insights: container_insights(&node),
        });
    }
    for res in cx.resources("aws_ecs_task_definition") {
        let node = Node::resource(res);
        let pid_mode = match node.field("pid_mode") {
            Some(_) => node.string("pid_mode", None).map(Some),
            None => Value::default_at(None, src(node.loc())),
        };
        out.task_definitions.push(TaskDefinition {
            resource: resource_meta(res),
            network_mode: node.string("network_mode", Some(DEFAULT_NETWORK_MODE)),
            pid_mode,
            containers: containers(&node),
        });
    }
}

/// The value of the `setting` block named `containerInsights`.
fn container_insights(node: &Node<'_>) -> Value<String> {
    let settings = node.children("setting");
    let mut undecided = settings.incomplete;
    for s in &settings.nodes {
        let name = s.string("name", None);
        if name.is(|n| n == "containerInsights") {
            return s.string("value", None);
        }
        undecided |= name.is_unknown();
    }
    if undecided {
        Value::unknown(src(node.loc()))
    } else {
        Value::default_at(DEFAULT_CONTAINER_INSIGHTS.to_string(), src(node.loc()))
    }
}

/// The container definitions: the structure `jsonencode` encoded (with its locations), or
/// JSON text (everything located at the attribute).
fn containers(node: &Node<'_>) -> Value<Vec<Container>> {
    let Some(f) = node.field("container_definitions") else {
        return Value::unknown(src(node.loc()));
    };
    let parsed;
    let list: &Dyn = match (&f.value.encoded, &f.value.kind) {
        (Some(e), _) => e,
        (None, DynKind::String(s)) => match serde_json::from_str::<serde_json::Value>(s) {
            Ok(j) => {
                parsed = Dyn::from_json(&j, Some(f.loc));
                &parsed
            }
            Err(_) => return Value::unknown(f.origin()),
        },
        _ => return Value::unknown(f.origin()),
    };
    let Some(items) = list.as_list() else {
        return Value::unknown(f.origin());
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if item.as_map().is_none() {
            return Value::unknown(f.origin());
        }
        let obj = JsonObj {
            value: item,
            loc: f.loc_of(item),
            scope: f.scope(),
        };
        out.push(container(&obj));
    }
    Value::explicit(out, f.origin())
}

fn container(c: &JsonObj<'_>) -> Container {
    let user = match c.field("user") {
        Some(_) => c.string("user", None).map(Some),
        None => Value::default_at(None, src(c.loc)),
    };
    Container {
        meta: Meta::explicit(src(c.loc)),
        name: c.string("name", None),
        privileged: c.bool("privileged", Some(false)),
        user,
        readonly_root_filesystem: c.bool("readonlyRootFilesystem", Some(false)),
        environment: environment(c),
    }
}

/// The plain `environment` list of `{name, value}` entries.
fn environment(c: &JsonObj<'_>) -> Value<Vec<EnvVar>> {
    let Some(f) = c.field("environment") else {
        return Value::default_at(Vec::new(), src(c.loc));
    };
    let entries = c.children("environment");
    if entries.incomplete || f.value.as_list().is_none() {
        return Value::unknown(f.origin());
    }
    let vars = entries
        .nodes
        .iter()
        .map(|e| {
            let name = e.string("name", None);
            let plaintext_credential = plaintext_credential(&name, e.field("value"), e.loc);
            EnvVar {
                name,
                plaintext_credential,
            }
        })
        .collect();
    Value::explicit(vars, f.origin())
}

/// An object of the container definitions' JSON. Keys are read without regard to case, as
/// the AWS provider decodes them (`readonlyRootFilesystem`, `ReadonlyRootFilesystem`).
#[derive(Clone, Copy)]
struct JsonObj<'a> {
    value: &'a Dyn,
    loc: Location,
    scope: Location,
}

impl<'a> JsonObj<'a> {
    fn get(&self, name: &str) -> Option<&'a Dyn> {
        let m = self.value.as_map()?;
        m.get(name).or_else(|| {
            m.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })
    }

    /// The objects of a list field.
    fn children(&self, name: &str) -> Children<JsonObj<'a>> {
        let mut out = Children::default();
        let Some(list) = self.get(name).and_then(Dyn::as_list) else {
            return out;
        };
        for v in list {
            match &v.kind {
                DynKind::Map(_) => out.nodes.push(JsonObj {
                    value: v,
                    loc: pick_loc(v.loc, self.loc, self.scope),
                    scope: self.scope,
                }),
                DynKind::Null => {}
                _ => out.incomplete = true,
            }
        }
        out
    }
}

impl<'a> Reader<'a> for JsonObj<'a> {
    fn field(&self, name: &str) -> Option<Field<'a>> {
        let v = self.get(name)?;
        if v.is_null() {
            return None;
        }
        Some(Field::new(
            v,
            pick_loc(v.loc, self.loc, self.scope),
            self.scope,
        ))
    }

    fn block_loc(&self) -> Location {
        self.loc
    }
}
