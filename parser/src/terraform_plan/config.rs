//! The configuration a plan was made from: the plan's own `configuration` section (which
//! attributes are written, what they reference, where modules come from) and, when the
//! `.tf` files are at hand, their blocks, so findings point at the source.

use crate::LoadOptions;
use crate::cloudformation::syntax::Node;
use crate::terraform::syntax::{self, Block};
use cloudsentinel_model::{FileId, Location, SourceDb};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Deepest module nesting followed (Terraform has no limit; real trees are shallow).
const MAX_MODULE_DEPTH: usize = 64;

/// The `.tf` blocks of one module directory.
#[derive(Debug, Default)]
pub struct ModuleFiles {
    /// `resource` and `data` blocks by (is data, type, name).
    resources: HashMap<(bool, String, String), Block>,
    /// `module` blocks by call name.
    calls: HashMap<String, Location>,
}

impl ModuleFiles {
    pub fn resource(&self, data: bool, rtype: &str, name: &str) -> Option<&Block> {
        self.resources
            .get(&(data, rtype.to_string(), name.to_string()))
    }

    pub fn call(&self, name: &str) -> Option<Location> {
        self.calls.get(name).copied()
    }
}

/// Configuration lookups for one plan file.
pub struct Configs<'a> {
    /// The root module's directory, when it holds Terraform files.
    root_dir: Option<PathBuf>,
    /// `configuration.root_module` of the plan.
    root_config: Option<&'a Node>,
    /// `.terraform/modules/modules.json`: module key (`a.b`) to directory.
    installed: HashMap<String, PathBuf>,
    opts: &'a LoadOptions,
    db: &'a SourceDb,
    files: RefCell<HashMap<Vec<String>, Option<Rc<ModuleFiles>>>>,
    read: RefCell<Vec<FileId>>,
}

impl<'a> Configs<'a> {
    /// `config_dir` given, else the plan file's directory when it holds `.tf` files.
    pub fn new(
        plan_path: &Path,
        config_dir: Option<&Path>,
        root: &'a Node,
        opts: &'a LoadOptions,
        db: &'a SourceDb,
    ) -> Self {
        let beside = plan_path
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .map(Path::to_path_buf);
        let root_dir = config_dir
            .map(Path::to_path_buf)
            .or(beside)
            .filter(|d| !tf_files(d).is_empty());
        let installed = root_dir
            .as_deref()
            .map(installed_modules)
            .unwrap_or_default();
        Configs {
            root_dir,
            root_config: root.get("configuration").and_then(|c| c.get("root_module")),
            installed,
            opts,
            db,
            files: RefCell::new(HashMap::new()),
            read: RefCell::new(Vec::new()),
        }
    }

    /// The `.tf` files read so far.
    pub fn files_read(&self) -> Vec<FileId> {
        self.read.borrow().clone()
    }

    /// The plan's configuration of the module reached by the call names `path`
    /// (`["a", "b"]` for `module.a[…].module.b`).
    pub fn plan_module(&self, path: &[String]) -> Option<&'a Node> {
        path.iter().try_fold(self.root_config?, |m, name| {
            m.get("module_calls")?.get(name)?.get("module")
        })
    }

    /// The `.tf` blocks of the module reached by `path`, when its files are at hand.
    pub fn module_files(&self, path: &[String]) -> Option<Rc<ModuleFiles>> {
        if path.len() > MAX_MODULE_DEPTH {
            return None;
        }
        if let Some(f) = self.files.borrow().get(path) {
            return f.clone();
        }
        let found = self.module_dir(path).map(|d| Rc::new(self.read_module(&d)));
        self.files.borrow_mut().insert(path.to_vec(), found.clone());
        found
    }

    /// A module's directory: local sources (`./…`, `../…`) relative to the caller's,
    /// others where `terraform init` installed them.
    fn module_dir(&self, path: &[String]) -> Option<PathBuf> {
        let root = self.root_dir.as_ref()?;
        let mut dir = root.clone();
        let mut config = self.root_config;
        for (i, name) in path.iter().enumerate() {
            let call = config
                .and_then(|c| c.get("module_calls"))
                .and_then(|m| m.get(name));
            let source = call.and_then(|c| c.get("source")).and_then(Node::as_str);
            dir = match source {
                Some(s) if s.starts_with("./") || s.starts_with("../") => dir.join(s),
                _ => root.join(self.installed.get(&path[..=i].join("."))?),
            };
            config = call.and_then(|c| c.get("module"));
        }
        Some(dir)
    }

    fn read_module(&self, dir: &Path) -> ModuleFiles {
        let mut out = ModuleFiles::default();
        for path in tf_files(dir) {
            // Syntax errors are the Terraform front-end's to report; what parses is used.
            let parsed = syntax::load_file(&path, self.opts, self.db);
            self.read.borrow_mut().push(parsed.file);
            for b in parsed.body.blocks {
                match (&*b.ident, b.labels.as_slice()) {
                    ("resource" | "data", [t, n]) => {
                        let key = (&*b.ident == "data", t.to_string(), n.to_string());
                        out.resources.entry(key).or_insert(b);
                    }
                    ("module", [n]) => {
                        out.calls.entry(n.to_string()).or_insert(b.loc);
                    }
                    _ => {}
                }
            }
        }
        out
    }
}

/// The Terraform files (`.tf`, `.tf.json`) of a directory, sorted.
fn tf_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && crate::terraform::is_terraform_file(p))
                // The same path the Terraform front-end registers (`./a/../b` cleaned).
                .map(|p| crate::discover::normalize(&p))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// `.terraform/modules/modules.json` of a root module: `Key` → `Dir`.
fn installed_modules(root: &Path) -> HashMap<String, PathBuf> {
    let path = root.join(".terraform").join("modules").join("modules.json");
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
        return HashMap::new();
    };
    json.get("Modules")
        .and_then(serde_json::Value::as_array)
        .map(|mods| {
            mods.iter()
                .filter_map(|m| {
                    let key = m.get("Key")?.as_str()?;
                    let dir = m.get("Dir")?.as_str()?;
                    (!key.is_empty()).then(|| (key.to_string(), PathBuf::from(dir)))
                })
                .collect()
        })
        .unwrap_or_default()
}
