//! Joining resources that configure another (split resources) to their parent.

use crate::dynvalue::Dyn;
use cloudsentinel_model::ModuleCall;
use std::collections::HashMap;

/// A resource a split resource can be joined to, or the split resource itself.
pub(crate) trait JoinTarget {
    /// The identity references carry in [`Dyn::source_ref`]: the address with its module
    /// or nested stack prefix.
    fn identity(&self) -> String;
    /// The module instance or stack it is declared in (`""` at the root, `module.a.` …).
    fn scope_prefix(&self) -> &str;
    /// The module calls or nested stacks leading to it, outermost first.
    fn call_chain(&self) -> &[ModuleCall];
    /// The evaluated value of a name attribute (`bucket`, `BucketName`, …).
    fn name_value(&self, attr: &str) -> Option<&Dyn>;
}

impl<T: JoinTarget + ?Sized> JoinTarget for &T {
    fn identity(&self) -> String {
        (**self).identity()
    }
    fn scope_prefix(&self) -> &str {
        (**self).scope_prefix()
    }
    fn call_chain(&self) -> &[ModuleCall] {
        (**self).call_chain()
    }
    fn name_value(&self, attr: &str) -> Option<&Dyn> {
        (**self).name_value(attr)
    }
}

/// Where a split resource's reference to its parent leads.
///
/// [`JoinIndex::resolve`] decides in this order, the same for every front-end:
/// 1. the attribute is absent or null: [`Join::Absent`];
/// 2. the value carries a reference to a parent's identity (a Terraform
///    `aws_s3_bucket.b.id`, a CloudFormation `!Ref B` or `!GetAtt B.Arn`): that parent;
/// 3. the value is known: the parent whose name attribute has that literal value (one of
///    the same module or stack first), else [`Join::Missing`];
/// 4. otherwise the value is unevaluated (a reference to a resource that is not a parent,
///    a data source, an unset variable): [`Join::Unknown`], and the caller treats every
///    candidate parent ([`JoinIndex::candidates`]) as possibly configured, so no check
///    concludes anything about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Join {
    /// The attribute is absent or null.
    Absent,
    /// Exactly this parent.
    One(usize),
    /// Could be any of the parents [`JoinIndex::candidates`] lists.
    Unknown,
    /// A known name that matches no declared parent.
    Missing(String),
}

/// Index of parent resources (buckets, security groups, VPCs, …).
pub(crate) struct JoinIndex {
    by_identity: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    by_scope: HashMap<String, Vec<usize>>,
    scopes: Vec<String>,
}

impl JoinIndex {
    /// Indexes `parents` (in model order) by identity, by the literal value of their
    /// `name_attrs`, and by module instance or stack.
    pub fn new<P: JoinTarget>(parents: &[&P], name_attrs: &[&str]) -> Self {
        let mut idx = JoinIndex {
            by_identity: HashMap::with_capacity(parents.len()),
            by_name: HashMap::new(),
            by_scope: HashMap::new(),
            scopes: Vec::with_capacity(parents.len()),
        };
        for (i, p) in parents.iter().enumerate() {
            idx.by_identity.insert(p.identity(), i);
            for attr in name_attrs {
                if let Some(n) = p.name_value(attr).and_then(Dyn::to_string_lossy) {
                    idx.by_name.entry(n).or_default().push(i);
                }
            }
            idx.by_scope
                .entry(p.scope_prefix().to_string())
                .or_default()
                .push(i);
            idx.scopes.push(p.scope_prefix().to_string());
        }
        idx
    }

    /// Resolves the parent `value` (an attribute of `child`) names; see [`Join`].
    pub fn resolve<C: JoinTarget>(&self, value: Option<&Dyn>, child: &C) -> Join {
        let Some(v) = value.filter(|v| !v.is_null()) else {
            return Join::Absent;
        };
        if let Some(r) = &v.source_ref
            && let Some(&i) = self.by_identity.get(&**r)
        {
            return Join::One(i);
        }
        if let Some(name) = v.to_string_lossy() {
            let Some(found) = self.by_name.get(&name) else {
                return Join::Missing(name);
            };
            let same_scope = found
                .iter()
                .copied()
                .find(|&i| self.scopes.get(i).map(String::as_str) == Some(child.scope_prefix()));
            return match same_scope.or_else(|| found.first().copied()) {
                Some(i) => Join::One(i),
                None => Join::Missing(name),
            };
        }
        Join::Unknown
    }

    /// Parents declared in the module instance or stack `prefix`.
    pub fn in_scope(&self, prefix: &str) -> &[usize] {
        self.by_scope.get(prefix).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The parents an unresolved reference of `child` could name: those of its module
    /// instance or stack, else of the nearest caller that declares any (the value may have
    /// come in through a module input or a stack parameter). Returns them with that
    /// caller's prefix.
    pub fn candidates<C: JoinTarget>(&self, child: &C) -> (&[usize], String) {
        let chain = child.call_chain();
        for depth in (0..=chain.len()).rev() {
            let prefix: String = chain.iter().take(depth).fold(String::new(), |mut p, m| {
                p.push_str("module.");
                p.push_str(&m.name);
                p.push('.');
                p
            });
            let found = self.in_scope(&prefix);
            if !found.is_empty() {
                return (found, prefix);
            }
        }
        (&[], String::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudsentinel_model::{FileId, Location, TextRange};
    use indexmap::IndexMap;

    struct Res {
        address: &'static str,
        chain: Vec<ModuleCall>,
        prefix: String,
        names: IndexMap<String, Dyn>,
    }

    fn res(address: &'static str, modules: &[&str], name: Option<&str>) -> Res {
        let at = Location::new(FileId(0), TextRange::default());
        Res {
            address,
            chain: modules
                .iter()
                .map(|m| ModuleCall {
                    name: m.to_string(),
                    location: at,
                })
                .collect(),
            prefix: modules.iter().fold(String::new(), |mut p, m| {
                p.push_str("module.");
                p.push_str(m);
                p.push('.');
                p
            }),
            names: name
                .map(|n| ("name".to_string(), Dyn::string(n)))
                .into_iter()
                .collect(),
        }
    }

    impl JoinTarget for Res {
        fn identity(&self) -> String {
            format!("{}{}", self.prefix, self.address)
        }
        fn scope_prefix(&self) -> &str {
            &self.prefix
        }
        fn call_chain(&self) -> &[ModuleCall] {
            &self.chain
        }
        fn name_value(&self, attr: &str) -> Option<&Dyn> {
            self.names.get(attr)
        }
    }

    #[test]
    fn resolution_order() {
        let a = res("bucket.a", &[], Some("logs"));
        let b = res("bucket.b", &[], Some("data"));
        let nested = res("bucket.a", &["m"], Some("logs"));
        let index = JoinIndex::new(&[&a, &b, &nested], &["name"]);
        let child = res("policy.p", &[], None);
        let in_module = res("policy.p", &["m"], None);

        // 1. Absent or null.
        assert_eq!(index.resolve(None, &child), Join::Absent);
        assert_eq!(index.resolve(Some(&Dyn::null()), &child), Join::Absent);
        // 2. A reference to a parent's identity wins over the value.
        let by_ref = Dyn::string("logs").with_source_ref("bucket.b");
        assert_eq!(index.resolve(Some(&by_ref), &child), Join::One(1));
        let by_ref = Dyn::unknown().with_source_ref("module.m.bucket.a");
        assert_eq!(index.resolve(Some(&by_ref), &child), Join::One(2));
        // 3. A literal name, the child's own module first.
        let name = Dyn::string("logs");
        assert_eq!(index.resolve(Some(&name), &child), Join::One(0));
        assert_eq!(index.resolve(Some(&name), &in_module), Join::One(2));
        // A reference to something that is not a parent continues with its value.
        let read_through = Dyn::string("data").with_source_ref("acl.x");
        assert_eq!(index.resolve(Some(&read_through), &child), Join::One(1));
        // 4. An unevaluated value, with or without a reference to a non-parent: Unknown.
        assert_eq!(index.resolve(Some(&Dyn::unknown()), &child), Join::Unknown);
        let other = Dyn::unknown().with_source_ref("queue.q");
        assert_eq!(index.resolve(Some(&other), &child), Join::Unknown);
        // 3. A known name that matches nothing.
        assert_eq!(
            index.resolve(Some(&Dyn::string("nope")), &child),
            Join::Missing("nope".into())
        );
        assert_eq!(
            index.resolve(Some(&Dyn::number(7.0)), &child),
            Join::Missing("7".into())
        );
    }

    #[test]
    fn unknown_parents_are_the_nearest_scope_that_declares_any() {
        let a = res("bucket.a", &[], None);
        let b = res("bucket.b", &[], None);
        let nested = res("bucket.c", &["m"], None);
        let index = JoinIndex::new(&[&a, &b, &nested], &[]);
        assert_eq!(
            index.candidates(&res("p", &[], None)),
            (&[0, 1][..], String::new())
        );
        assert_eq!(
            index.candidates(&res("p", &["m"], None)),
            (&[2][..], "module.m.".to_string())
        );
        // No parent in its own module or stack: the caller's may have been passed in.
        assert_eq!(
            index.candidates(&res("p", &["other", "deeper"], None)),
            (&[0, 1][..], String::new())
        );
        let empty = JoinIndex::new::<Res>(&[], &[]);
        assert_eq!(
            empty.candidates(&res("p", &[], None)),
            (&[][..], String::new())
        );
    }
}
