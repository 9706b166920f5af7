//! What every provider's part of the model offers, so [`crate::State`] handles them alike:
//! adding a cloud is a `model/src/<provider>/` module implementing [`CloudModel`] plus one
//! line in the `State` declaration.

use crate::provider::Provider;

/// One provider's resources (`aws::Aws`).
pub trait CloudModel: Default + Clone + std::fmt::Debug {
    /// The provider every resource of this part belongs to.
    const PROVIDER: Provider;

    /// How many resources (and resource parts such as listeners and credentials) it holds.
    fn resource_count(&self) -> usize;

    /// Appends all of `others`, each list grown once. Nothing is dropped: resources of
    /// several accounts coexist.
    fn extend_all(&mut self, others: Vec<Self>);
}
