//! The reader seam: an in-memory [`LiveReader`] drives the drift core end to end, with no
//! cloud SDK, as another cloud's reader crate would.

use cloudsentinel_drift::{Declared, DriftRequest, LiveRead, LiveReader, Unread, drift};
use cloudsentinel_model::aws::ec2::{SecurityGroup, SgRule};
use cloudsentinel_model::aws::sqs::Queue;
use cloudsentinel_model::drift::{DriftKind, Impact};
use cloudsentinel_model::{Meta, Origin, Provider, ResourceMeta, State, Value};
use std::cell::Cell;

/// A reader whose account is a fixed state.
struct FakeReader {
    state: State,
    unread: Vec<Unread>,
    reads: Cell<usize>,
}

impl LiveReader for FakeReader {
    fn provider(&self) -> Provider {
        Provider::Aws
    }
    fn read(&self) -> LiveRead {
        self.reads.set(self.reads.get() + 1);
        LiveRead {
            state: self.state.clone(),
            account: "123456789012".into(),
            regions: vec!["us-east-1".into()],
            unread: self.unread.clone(),
            ..LiveRead::default()
        }
    }
}

fn live(arn: &str) -> (ResourceMeta, Origin) {
    let origin = Origin::Live {
        id: arn.into(),
        region: Some("us-east-1".into()),
    };
    let resource = ResourceMeta::new(Provider::Aws, arn, origin.clone())
        .in_account("123456789012")
        .in_region("us-east-1");
    (resource, origin)
}

/// The account: security group `sg-1` with SSH open to the world, and a queue no state
/// declares.
fn account() -> State {
    let mut state = State::default();
    let (resource, o) = live("arn:aws:ec2:us-east-1:123456789012:security-group/sg-1");
    state.aws.ec2.security_groups.push(SecurityGroup {
        resource,
        name: Value::explicit("web".into(), o.clone()),
        is_default: false,
        ingress: vec![SgRule {
            meta: Meta::explicit(o.clone()),
            protocol: Value::explicit("tcp".into(), o.clone()),
            from_port: Value::explicit(22, o.clone()),
            to_port: Value::explicit(22, o.clone()),
            cidrs: vec![Value::explicit("0.0.0.0/0".into(), o.clone())],
        }],
        egress: Vec::new(),
        rules_incomplete: false,
    });
    let (resource, o) = live("arn:aws:sqs:us-east-1:123456789012:jobs");
    state.aws.sqs.queues.push(Queue {
        resource,
        sqs_managed_sse: Value::explicit(true, o.clone()),
        kms_master_key_id: Value::unknown(o.clone()),
        policies: vec![Value::unknown(o)],
    });
    state
}

/// Declares `sg-1` with SSH from 10/8 only, and a table that is gone.
const TFSTATE: &str = r#"{"version": 4, "resources": [
  {"mode": "managed", "type": "aws_security_group", "name": "web", "instances": [
    {"attributes": {"id": "sg-1", "arn": "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1",
      "name": "web", "egress": [],
      "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8"]}]}}]},
  {"mode": "managed", "type": "aws_dynamodb_table", "name": "orders", "instances": [
    {"attributes": {"id": "orders", "arn": "arn:aws:dynamodb:us-east-1:123456789012:table/orders"}}]}]}"#;

fn request() -> DriftRequest {
    let mut declared = Declared::default();
    declared.add_tfstate("terraform.tfstate", TFSTATE).unwrap();
    DriftRequest {
        declared,
        ..DriftRequest::default()
    }
}

#[test]
fn a_fake_reader_drives_drift_end_to_end() {
    let reader = FakeReader {
        state: account(),
        unread: Vec::new(),
        reads: Cell::new(0),
    };
    let outcome = drift(request(), &reader);
    assert_eq!(reader.reads.get(), 1);
    assert_eq!(outcome.live.account, "123456789012");
    let found = |kind: DriftKind| {
        outcome
            .state
            .drift
            .iter()
            .find(|d| d.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} in {:#?}", outcome.state.drift))
    };
    let modified = found(DriftKind::Modified);
    assert_eq!(modified.resource_type, "aws_security_group");
    assert_eq!(modified.attribute.as_deref(), Some("ingress"));
    assert_eq!(modified.impact, Impact::High);
    // The record names the live resource with its provider-neutral identity.
    assert_eq!(modified.resource.provider, Some(Provider::Aws));
    assert_eq!(modified.resource.account.as_deref(), Some("123456789012"));
    assert_eq!(modified.resource.region.as_deref(), Some("us-east-1"));
    assert_eq!(found(DriftKind::Deleted).identity, "orders");
    assert_eq!(found(DriftKind::Unmanaged).identity, "jobs");
    assert_eq!(outcome.state.drift.len(), 3, "{:#?}", outcome.state.drift);
}

#[test]
fn nothing_is_deleted_in_a_service_the_reader_could_not_read() {
    let reader = FakeReader {
        state: account(),
        unread: vec![Unread {
            service: "dynamodb",
            region: Some("us-east-1".into()),
        }],
        reads: Cell::new(0),
    };
    let outcome = drift(request(), &reader);
    assert!(
        !outcome
            .state
            .drift
            .iter()
            .any(|d| d.kind == DriftKind::Deleted),
        "{:#?}",
        outcome.state.drift
    );
}
