//! Service Bus and Event Hubs namespaces
//! (<https://learn.microsoft.com/en-us/azure/templates/microsoft.servicebus/namespaces>,
//! <https://learn.microsoft.com/en-us/azure/templates/microsoft.eventhub/namespaces>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Messaging {
    pub namespaces: Vec<Namespace>,
}

/// Which service a namespace belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamespaceKind {
    ServiceBus,
    EventHubs,
}

#[derive(Debug, Clone)]
pub struct Namespace {
    pub resource: ResourceMeta,
    pub kind: NamespaceKind,
    /// `disableLocalAuth` is false: shared access keys and SAS tokens are accepted.
    pub local_auth: Value<bool>,
}
