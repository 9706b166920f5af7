//! The shared typed cloud model.
//!
//! Every source of cloud configuration (Terraform, CloudFormation, live APIs, …) is lowered
//! into [`State`]; every check is written once against it. Values carry a [`Meta`] saying
//! where they came from and whether they were written, defaulted or could not be evaluated.
//! This crate does no I/O.

pub mod aws;
pub mod azure;
mod cloud;
pub mod drift;
mod extension;
pub mod google;
mod meta;
pub mod net;
mod provider;
mod resource;
mod secrets;
mod source;
mod value;

pub use cloud::CloudModel;
pub use extension::{Extension, Extensions};
pub use meta::{Meta, Origin, Provenance};
pub use provider::Provider;
pub use resource::{Ignore, ModuleCall, ResourceMeta, SetElsewhere};
pub use secrets::{HardcodedSecret, SecretKind};
pub use source::{FileId, LineCol, LineIndex, Location, SourceDb, SourceFile, TextRange};
pub use value::Value;

/// Declares [`State`] with one field per provider part (each a [`CloudModel`]), and the
/// operations that go through every part.
macro_rules! state {
    ($($(#[$doc:meta])* $cloud:ident: $ty:ty),+ $(,)?) => {
        /// Everything known about the configured clouds, from one or more sources.
        #[derive(Debug, Default, Clone)]
        pub struct State {
            $($(#[$doc])* pub $cloud: $ty,)+
            /// Literal credentials found in sources; cloud-independent.
            pub secrets: Vec<HardcodedSecret>,
            /// Files that look like IaC but could not be parsed.
            pub parse_errors: Vec<ParseError>,
            /// What was not evaluated (missing modules, unknown `count`, unsupported constructs).
            pub notices: Vec<Notice>,
            /// Differences between declared and live state (the drift command).
            pub drift: Vec<drift::Drift>,
            /// Model parts declared outside this crate, by type (see [`Extension`]).
            pub extensions: Extensions,
        }

        impl State {
            /// How many resources of every provider the model holds.
            pub fn resource_count(&self) -> usize {
                0 $(+ CloudModel::resource_count(&self.$cloud))+ + self.extensions.resource_count()
            }

            /// Appends all of `others`, growing each list once.
            pub fn extend_all(&mut self, others: Vec<State>) {
                self.secrets
                    .reserve(others.iter().map(|o| o.secrets.len()).sum());
                self.parse_errors
                    .reserve(others.iter().map(|o| o.parse_errors.len()).sum());
                self.notices
                    .reserve(others.iter().map(|o| o.notices.len()).sum());
                $(let mut $cloud = Vec::with_capacity(others.len());)+
                for o in others {
                    $($cloud.push(o.$cloud);)+
                    self.secrets.extend(o.secrets);
                    self.parse_errors.extend(o.parse_errors);
                    self.notices.extend(o.notices);
                    self.drift.extend(o.drift);
                    self.extensions.extend(o.extensions);
                }
                $(CloudModel::extend_all(&mut self.$cloud, $cloud);)+
            }
        }
    };
}

// One line per provider.
state! {
    aws: aws::Aws,
    azure: azure::Azure,
    google: google::Google,
}

/// A file that could not be parsed, located where the parser stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub location: Location,
    pub message: String,
}

/// Something the analysis could not evaluate; shown to users, never a finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Notice {
    pub location: Option<Location>,
    pub message: String,
}

impl State {
    /// Appends everything of `other` (used to combine per-unit results).
    pub fn extend(&mut self, other: State) {
        self.extend_all(vec![other]);
    }
}
