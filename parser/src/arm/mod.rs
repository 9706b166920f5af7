//! Azure Resource Manager templates: reading (JSON with comments, byte ranges, duplicate
//! keys rejected), the expression language ([`expr`]) and template evaluation
//! ([`template`]) into an [`ArmDeployment`]: a flat list of [`ArmResource`]s whose values
//! carry their locations, with located errors and notices. Bicep lowers to the same
//! structure, so Azure adapters read one shape. See `docs/arm.md`.

pub(crate) mod adapt;
pub mod expr;
pub mod frontend;
pub mod template;

pub use frontend::{Arm, ArmFrontEndOptions};

pub use expr::resource_key;
pub use template::{
    ArmCondition, ArmDeployment, ArmOptions, ArmResource, MAX_COPY, MAX_DEPLOYMENT_DEPTH,
    evaluate_template, get_property, schema_scope,
};

use crate::cloudformation::syntax::{self, Node};
use crate::dynvalue::Dyn;
use cloudsentinel_model::{FileId, Location, ParseError, TextRange};
use indexmap::IndexMap;

/// The root `$schema` of a JSON text, read cheaply: `None` unless the text mentions a
/// deployment schema and parses as an object.
fn root_schema(text: &str, marker: &str) -> Option<String> {
    if !text.to_ascii_lowercase().contains(marker) {
        return None;
    }
    let root = syntax::parse_json(text).ok()?;
    root.get("$schema")
        .and_then(Node::as_str)
        .map(str::to_ascii_lowercase)
}

/// True when `text` is an ARM deployment template (at resource group, subscription,
/// management group or tenant scope), by its root `$schema`, never by its file name.
pub fn is_arm_template(text: &str) -> bool {
    root_schema(text, "deploymenttemplate.json").is_some_and(|s| schema_scope(&s).is_some())
}

/// True when `text` is an ARM parameters file (`deploymentParameters.json` schema).
pub fn is_parameters_file(text: &str) -> bool {
    root_schema(text, "deploymentparameters.json").is_some_and(|s| {
        s.contains("schema.management.azure.com/schemas/")
            && s.trim_end_matches('#')
                .ends_with("/deploymentparameters.json")
    })
}

/// The values of a parameters file (`{"parameters": {"name": {"value": …}}}`) in `file`,
/// located there; a Key Vault `reference` is Unknown (a secret known only at deployment).
pub fn parameters_from_file(file: FileId, text: &str) -> Result<IndexMap<String, Dyn>, ParseError> {
    let loc = |s: u32, e: u32| Location::new(file, TextRange { start: s, end: e });
    let root = syntax::parse_json(text).map_err(|e| ParseError {
        location: Location::new(file, TextRange::new(e.offset, e.offset)),
        message: e.message,
    })?;
    let Some(params) = root.get("parameters") else {
        return Ok(IndexMap::new());
    };
    let Some(entries) = params.as_map() else {
        return Err(ParseError {
            location: loc(params.start, params.end),
            message: "`parameters` must be an object".into(),
        });
    };
    let mut out = IndexMap::new();
    for e in entries {
        let v = if let Some(v) = e.value.get("value") {
            to_dyn(file, v)
        } else if e.value.get("reference").is_some() {
            Dyn::unknown().with_loc(loc(e.value.start, e.value.end))
        } else {
            return Err(ParseError {
                location: loc(e.key_start, e.value.end),
                message: format!("parameter `{}` needs a `value` or a `reference`", e.key),
            });
        };
        out.insert(e.key.to_string(), v);
    }
    Ok(out)
}

/// A JSON node as a value, located (no expressions: parameter files hold plain values).
fn to_dyn(file: FileId, n: &Node) -> Dyn {
    use crate::cloudformation::syntax::NodeKind;
    let loc = Location::new(
        file,
        TextRange {
            start: n.start,
            end: n.end,
        },
    );
    match &n.kind {
        NodeKind::Null => Dyn::null(),
        NodeKind::Bool(b) => Dyn::bool(*b),
        NodeKind::Number(x) => Dyn::number(*x),
        NodeKind::String(s) => Dyn::string(s.clone()),
        NodeKind::Seq(items) => Dyn::list(items.iter().map(|i| to_dyn(file, i)).collect()),
        NodeKind::Map(entries) => Dyn::map(
            entries
                .iter()
                .map(|e| (e.key.to_string(), to_dyn(file, &e.value)))
                .collect(),
        ),
    }
    .with_loc(loc)
}

#[cfg(test)]
mod tests;
