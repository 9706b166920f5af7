//! Front-ends: each format is parsed with spans, evaluated, and adapted into the shared
//! [`cloudsentinel_model::State`].

mod adapt;
pub mod arm;
pub mod bicep;
pub mod cloudformation;
pub mod deployment_manager;
pub mod discover;
pub mod dynvalue;
pub mod frontend;
pub mod frontends;
mod policy;
mod secrets;
pub mod terraform;
pub mod terraform_plan;
pub mod terragrunt;

pub use frontend::FrontEnd;
pub use policy::document_from_json as policy_document_from_json;
pub use secrets::is_secret_identifier;

use cloudsentinel_model::{SourceDb, State};
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Files larger than this are reported instead of parsed.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Options of a load: the generic ones as fields, each front-end's own (Terraform
/// variables, CloudFormation parameters, …) in a type map, so a new front-end brings its
/// options without a field here.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Front-end options by type; read and set them with [`LoadOptions::frontend`] and
    /// [`LoadOptions::set_frontend`].
    pub frontend_options: FrontEndOptionsMap,
    /// Unsaved editor buffers that replace the files on disk.
    pub overlays: Arc<HashMap<PathBuf, String>>,
    /// Files larger than this become a located error instead of being parsed (0: default).
    pub max_file_size: u64,
    /// Paths never scanned (the configuration's `exclude`).
    pub exclude: Option<Exclude>,
}

/// Glob patterns, relative to `base`, of paths a scan skips.
#[derive(Debug, Clone)]
pub struct Exclude {
    /// Absolute directory the patterns are relative to.
    pub base: PathBuf,
    pub globs: Arc<globset::GlobSet>,
}

impl Exclude {
    /// True when `path` (relative to the working directory, or absolute) is excluded.
    pub fn matches(&self, path: &std::path::Path) -> bool {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let abs = discover::normalize(&abs);
        abs.strip_prefix(&self.base)
            .is_ok_and(|rel| !rel.as_os_str().is_empty() && self.globs.is_match(rel))
    }
}

/// Options a front-end keeps in [`LoadOptions`] (any `Debug + Send + Sync` type).
pub trait FrontEndOptions: Any + std::fmt::Debug + Send + Sync {
    fn as_any(&self) -> &dyn Any;
}

impl<T: Any + std::fmt::Debug + Send + Sync> FrontEndOptions for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Front-end options by type (one value per type).
#[derive(Clone, Default)]
pub struct FrontEndOptionsMap(HashMap<TypeId, Arc<dyn FrontEndOptions>>);

impl std::fmt::Debug for FrontEndOptionsMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.values()).finish()
    }
}

impl LoadOptions {
    /// The options of type `T` (a front-end's own), or `T::default()` when none were set.
    pub fn frontend<T: FrontEndOptions + Default + Clone>(&self) -> Arc<T> {
        self.frontend_options
            .0
            .get(&TypeId::of::<T>())
            // `(**o)`: the options themselves, not the `Arc` (which is `Any` too).
            .and_then(|o| (**o).as_any().downcast_ref::<T>())
            .map(|o| Arc::new(o.clone()))
            .unwrap_or_default()
    }

    /// Sets the options of type `T`, replacing earlier ones of that type.
    pub fn set_frontend<T: FrontEndOptions>(&mut self, options: T) {
        self.frontend_options
            .0
            .insert(TypeId::of::<T>(), Arc::new(options));
    }

    /// [`LoadOptions::set_frontend`] for building options in one expression.
    #[must_use]
    pub fn with_frontend<T: FrontEndOptions>(mut self, options: T) -> Self {
        self.set_frontend(options);
        self
    }

    pub fn max_file_size(&self) -> u64 {
        if self.max_file_size == 0 {
            DEFAULT_MAX_FILE_SIZE
        } else {
            self.max_file_size
        }
    }
}

/// Loads every supported source under `paths` into one [`State`] with the built-in
/// front-ends. Files are registered in `db`; nothing here stops on a bad file: it becomes a
/// parse error in the state.
pub fn load(paths: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> State {
    load_with(paths, opts, db, frontends::built_in())
}

/// [`load`] with the given front-ends (for example the built-in ones and more): each file
/// goes to the first front-end that claims it; files none claims are skipped.
pub fn load_with(
    paths: &[PathBuf],
    opts: &LoadOptions,
    db: &SourceDb,
    frontends: &[&'static dyn FrontEnd],
) -> State {
    let found = discover::discover_with(paths, opts, frontends);
    let mut state = State::default();
    state
        .notices
        .extend(found.notices.iter().map(|n| cloudsentinel_model::Notice {
            location: None,
            message: n.clone(),
        }));
    for f in frontends {
        // Called even without files: options may name files of their own (parameter
        // files) whose errors are reported.
        let files = found.claimed.get(f.id()).map(Vec::as_slice).unwrap_or(&[]);
        state.extend(f.load(files, opts, db));
    }
    state.extend(discover::read_errors_into_state(&found, db));
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Default, PartialEq)]
    struct A(u32);
    #[derive(Debug, Clone, Default, PartialEq)]
    struct B(&'static str);

    #[test]
    fn front_end_options_are_kept_by_type() {
        let mut opts = LoadOptions::default();
        assert_eq!(*opts.frontend::<A>(), A(0), "absent: the default");
        opts.set_frontend(A(1));
        let opts = opts.with_frontend(B("b")).with_frontend(A(2));
        assert_eq!(*opts.frontend::<A>(), A(2), "set again: replaced");
        assert_eq!(*opts.frontend::<B>(), B("b"));
        assert_eq!(*opts.clone().frontend::<B>(), B("b"));
        assert!(format!("{opts:?}").contains("A(2)"));
    }
}
