//! Live resources through the CloudFormation adapters: a resource read from an account as a
//! CloudFormation resource-schema document (the `Properties` AWS Cloud Control returns) is
//! adapted exactly as the same resource declared in a template, so a kind added to the
//! adapters is read live by adding its type to the live reader's table.
//!
//! Differences with a template:
//! - every value and resource is at the live origin given (the resource's ARN and region),
//!   not at a source location;
//! - a live document holds every property the service reports, so an absent property is
//!   one that is not set, and the adapters' documented defaults apply as for a template;
//! - properties the schema declares write-only (`writeOnlyProperties`: passwords, tokens,
//!   restore options) are never returned: the ones listed by the caller are Unknown when
//!   absent, so no check concludes anything from their absence.

use super::adapt;
use super::{CfnEvaluation, CfnResource};
use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::{FileId, Location, Origin, SourceDb, State, TextRange};
use std::sync::Arc;

/// One live resource as Cloud Control describes it.
#[derive(Debug, Clone, Copy)]
pub struct LiveResource<'a> {
    /// The CloudFormation type (`AWS::Kinesis::Stream`).
    pub type_name: &'a str,
    /// Its address in the model (the ARN, or Cloud Control's identifier).
    pub identifier: &'a str,
    /// The resource-schema properties document.
    pub properties: &'a serde_json::Value,
    /// Write-only properties of the type's schema that an adapter reads, as `/`-separated
    /// property paths (`/MasterUserPassword`, `/AdvancedSecurityOptions/MasterUserOptions`):
    /// Unknown when absent. A path is applied only where its parent object is present.
    pub write_only: &'a [&'a str],
}

/// Adapts one live resource with the CloudFormation adapters; every value and resource of the
/// result is at `origin`. An adapter that panics becomes a parse error (no location), never
/// a crash.
pub fn adapt_live(res: &LiveResource<'_>, origin: Origin) -> State {
    let mut props = Dyn::from_json(res.properties, None);
    if !matches!(props.kind, DynKind::Map(_)) {
        props = Dyn::map(indexmap::IndexMap::new());
    }
    for path in res.write_only {
        let keys: Vec<&str> = path.split('/').filter(|k| !k.is_empty()).collect();
        mark_unknown(&mut props, &keys);
    }
    let ev = CfnEvaluation {
        root: None,
        resources: vec![CfnResource {
            logical_id: res.identifier.to_string(),
            rtype: res.type_name.to_string(),
            prefix: String::new(),
            module_chain: Vec::new(),
            loc: Location::new(FileId(0), TextRange::default()),
            props,
            ignores: Vec::new(),
            generated_from: None,
            condition_unknown: false,
        }],
        ..CfnEvaluation::default()
    };
    let db = SourceDb::default();
    match crate::adapt::with_origin(origin, || {
        super::isolate(FileId(0), || adapt::adapt(&ev, &db))
    }) {
        Ok(state) => state,
        Err(e) => State {
            parse_errors: vec![e],
            ..State::default()
        },
    }
}

/// Sets the property at `keys` to Unknown when it is absent and its parent object present.
fn mark_unknown(d: &mut Dyn, keys: &[&str]) {
    let Some((first, rest)) = keys.split_first() else {
        return;
    };
    let DynKind::Map(m) = &mut d.kind else {
        return;
    };
    let m = Arc::make_mut(m);
    if rest.is_empty() {
        if m.get(*first).is_none_or(Dyn::is_null) {
            m.insert((*first).to_string(), Dyn::unknown());
        }
    } else if let Some(child) = m.get_mut(*first) {
        mark_unknown(child, rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudsentinel_model::Provenance;

    fn live(id: &str) -> Origin {
        Origin::Live {
            id: id.into(),
            region: Some("eu-west-1".into()),
        }
    }

    #[test]
    fn a_live_document_goes_through_the_adapters_at_its_live_origin() {
        let arn = "arn:aws:kinesis:eu-west-1:123456789012:stream/plain";
        let props = serde_json::json!({"Name": "plain", "Arn": arn, "ShardCount": 1});
        let st = adapt_live(
            &LiveResource {
                type_name: "AWS::Kinesis::Stream",
                identifier: arn,
                properties: &props,
                write_only: &[],
            },
            live(arn),
        );
        let s = &st.aws.kinesis.streams[0];
        assert_eq!(s.resource.address, arn);
        assert_eq!(s.resource.origin, live(arn));
        assert_eq!(s.encrypted.meta.origin, live(arn));
        assert_eq!(s.encrypted.meta.provenance, Provenance::Default);
        assert!(s.encrypted.is_false());
        // The origin applies only while the live document is adapted.
        let at = Location::new(FileId(0), TextRange::default());
        assert_eq!(crate::adapt::src(at), Origin::Source(at));
    }

    #[test]
    fn absent_write_only_properties_are_unknown() {
        let props = serde_json::json!({"Name": "x", "Nested": {}});
        let mut d = Dyn::from_json(&props, None);
        mark_unknown(&mut d, &["Secret"]);
        mark_unknown(&mut d, &["Nested", "Token"]);
        mark_unknown(&mut d, &["Missing", "Token"]);
        mark_unknown(&mut d, &["Name"]);
        assert!(d.get("Secret").is_some_and(Dyn::is_unknown));
        assert!(
            d.get("Nested")
                .and_then(|n| n.get("Token"))
                .is_some_and(Dyn::is_unknown)
        );
        assert!(d.get("Missing").is_none());
        assert_eq!(d.get("Name").and_then(Dyn::as_str), Some("x"));
        let dms = serde_json::json!({"ReplicationInstanceIdentifier": "r"});
        let st = adapt_live(
            &LiveResource {
                type_name: "AWS::DMS::ReplicationInstance",
                identifier: "r",
                properties: &dms,
                write_only: &["/PubliclyAccessible"],
            },
            live("arn:aws:dms:eu-west-1:123456789012:rep:r"),
        );
        assert!(
            st.aws.dms.replication_instances[0]
                .publicly_accessible
                .is_unknown()
        );
    }
}
