//! Model parts that live outside this crate: a front-end and its checks in another crate (a
//! plugin, or the toy provider of the checks crate's tests) keep their resources in
//! [`State::extensions`](crate::State) under their own type, without editing `State`.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt::Debug;

/// A part of the model kept in [`Extensions`], one per type.
pub trait Extension: Any + Debug + Clone + Default + Send + Sync {
    /// How many resources it holds.
    fn resource_count(&self) -> usize;
    /// Appends everything of `other`.
    fn extend(&mut self, other: Self);
}

/// The object-safe side of [`Extension`].
trait Part: Any + Debug + Send + Sync {
    fn clone_part(&self) -> Box<dyn Part>;
    fn absorb(&mut self, other: Box<dyn Part>);
    fn count(&self) -> usize;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
}

impl<T: Extension> Part for T {
    fn clone_part(&self) -> Box<dyn Part> {
        Box::new(self.clone())
    }
    fn absorb(&mut self, other: Box<dyn Part>) {
        if let Ok(other) = other.into_any().downcast::<T>() {
            self.extend(*other);
        }
    }
    fn count(&self) -> usize {
        self.resource_count()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}

/// Model parts by type.
#[derive(Debug, Default)]
pub struct Extensions {
    parts: HashMap<TypeId, Box<dyn Part>>,
}

impl Clone for Extensions {
    fn clone(&self) -> Self {
        Extensions {
            parts: self
                .parts
                .iter()
                .map(|(k, v)| (*k, v.clone_part()))
                .collect(),
        }
    }
}

impl Extensions {
    /// The part of type `T`, if any source filled it.
    pub fn get<T: Extension>(&self) -> Option<&T> {
        self.parts
            .get(&TypeId::of::<T>())
            .and_then(|p| p.as_any().downcast_ref())
    }

    /// The part of type `T`, created empty when missing.
    pub fn get_mut<T: Extension>(&mut self) -> &mut T {
        self.parts
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Box::new(T::default()))
            .as_any_mut()
            .downcast_mut()
            .expect("a part is stored under its own type id")
    }

    /// Adds `part`, extending the part of the same type if there is one.
    pub fn insert<T: Extension>(&mut self, part: T) {
        self.get_mut::<T>().extend(part);
    }

    /// Resources in every part.
    pub fn resource_count(&self) -> usize {
        self.parts.values().map(|p| p.count()).sum()
    }

    /// Appends every part of `other`.
    pub fn extend(&mut self, other: Extensions) {
        for (id, part) in other.parts {
            match self.parts.get_mut(&id) {
                Some(mine) => mine.absorb(part),
                None => {
                    self.parts.insert(id, part);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Default, PartialEq)]
    struct Things(Vec<u32>);

    impl Extension for Things {
        fn resource_count(&self) -> usize {
            self.0.len()
        }
        fn extend(&mut self, other: Self) {
            self.0.extend(other.0);
        }
    }

    #[test]
    fn parts_are_kept_by_type_and_merge() {
        let mut a = Extensions::default();
        assert!(a.get::<Things>().is_none());
        a.insert(Things(vec![1]));
        let mut b = Extensions::default();
        b.insert(Things(vec![2, 3]));
        a.extend(b.clone());
        assert_eq!(a.get::<Things>(), Some(&Things(vec![1, 2, 3])));
        assert_eq!(a.resource_count(), 3);
        assert_eq!(b.resource_count(), 2);
    }
}
