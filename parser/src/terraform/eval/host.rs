//! What built-in functions may ask of the evaluator: reading files, confined to the scanned
//! tree, and rendering templates with only the given variables in scope.

use super::{Ctx, Evaluator, MAX_READ_FILE_SIZE, Scope};
use crate::dynvalue::{Dyn, DynKind};
use crate::terraform::functions::FnHost;
use crate::terraform::module::norm_dir;
use crate::terraform::syntax::{self, ExprKind};
use indexmap::IndexMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The host handed to built-in functions.
pub(crate) struct Host<'e, 'l> {
    pub ev: &'e Evaluator<'l>,
}

impl Evaluator<'_> {
    /// Resolves a path the way Terraform does (relative to the root module directory, its
    /// working directory; `path.module` values are relative to it too) and refuses
    /// anything outside the scanned tree, over the size limit, or not a regular file.
    fn confined_read(&self, path: &str) -> Result<(PathBuf, String), String> {
        if path.contains("://") {
            return Err(format!("{path}: only local files can be read"));
        }
        let p = Path::new(path);
        let joined = if p.is_absolute() {
            p.to_path_buf()
        } else {
            norm_dir(&self.root_dir.join(p))
        };
        let overlay = self.loader.opts.overlays.get(&joined).cloned();
        let canonical = std::fs::canonicalize(&joined).map_err(|e| format!("{path}: {e}"));
        if let Some(root) = &self.scan_root {
            let inside = match &canonical {
                Ok(c) => c.starts_with(root),
                // An unsaved editor buffer with no file on disk: judge its lexical path.
                Err(_) if overlay.is_some() => {
                    std::path::absolute(&joined).is_ok_and(|a| norm_dir(&a).starts_with(root))
                }
                Err(e) => return Err(e.clone()),
            };
            if !inside {
                return Err(format!("{path}: outside the scanned directory; not read"));
            }
        }
        if let Some(text) = overlay {
            if text.len() as u64 > MAX_READ_FILE_SIZE {
                return Err(format!(
                    "{path}: larger than {MAX_READ_FILE_SIZE} bytes; not read"
                ));
            }
            return Ok((joined, text));
        }
        let canonical = canonical?;
        let meta = std::fs::metadata(&canonical).map_err(|e| format!("{path}: {e}"))?;
        if !meta.is_file() {
            return Err(format!("{path}: not a regular file"));
        }
        if meta.len() > MAX_READ_FILE_SIZE {
            return Err(format!(
                "{path}: larger than {MAX_READ_FILE_SIZE} bytes; not read"
            ));
        }
        let bytes = std::fs::read(&canonical).map_err(|e| format!("{path}: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|_| format!("{path}: not valid UTF-8"))?;
        Ok((joined, text))
    }
}

impl FnHost for Host<'_, '_> {
    fn read_file(&self, path: &str) -> Result<String, String> {
        let (p, text) = self.ev.confined_read(path)?;
        *self.ev.last_read.borrow_mut() = Some((p, Arc::from(text.as_str())));
        Ok(text)
    }

    fn render_template(&self, template: &str, vars: &IndexMap<String, Dyn>) -> Dyn {
        // Text that is the file just read (templatefile) is registered so the values it
        // produces are located in it.
        let file = self
            .ev
            .last_read
            .borrow()
            .as_ref()
            .filter(|(_, t)| &**t == template)
            .map(|(p, t)| self.ev.loader.db.add(p.clone(), t.clone()));
        let file = file.filter(|f| &*self.ev.loader.db.get(*f).text == template);
        let parts = match syntax::parse_template_text(template, file, 0) {
            Ok(p) => p,
            Err(msg) => {
                self.ev.notice(
                    None,
                    format!("template could not be parsed ({msg}); its result is unknown"),
                );
                return Dyn::unknown();
            }
        };
        let bindings: Vec<(Arc<str>, Dyn)> = vars
            .iter()
            .map(|(k, v)| (Arc::from(k.as_str()), v.clone()))
            .collect();
        let scope = Scope {
            vars: &bindings,
            parent: None,
        };
        let ctx = Ctx {
            inst: None,
            scope: Some(&scope),
        };
        let loc = file.map(|f| {
            cloudsentinel_model::Location::new(
                f,
                cloudsentinel_model::TextRange::new(0, template.len()),
            )
        });
        let expr = syntax::Expr::new(ExprKind::Template(parts), loc);
        match self.ev.eval(&expr, ctx) {
            Ok(v) => match &v.kind {
                // `templatefile` always produces a string.
                DynKind::Number(_) | DynKind::Bool(_) => match v.to_string_lossy() {
                    Some(s) => Dyn::string(s).or_loc(loc),
                    None => v,
                },
                _ => v.or_loc(loc),
            },
            Err(f) => {
                self.ev.notice(
                    loc,
                    format!(
                        "template could not be rendered: {}; its result is unknown",
                        f.0
                    ),
                );
                Dyn::unknown()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LoadOptions;
    use crate::terraform::module::Loader;
    use cloudsentinel_model::SourceDb;
    use std::collections::BTreeMap;

    fn with_host(root: &Path, scan_root: &Path, f: impl FnOnce(&Host<'_, '_>)) {
        let opts = LoadOptions::default();
        let db = SourceDb::new();
        let loader = Loader::new(&BTreeMap::new(), &opts, &db);
        let scan_root = std::fs::canonicalize(scan_root).unwrap();
        let ev = Evaluator::new(&loader, root, Some(&scan_root));
        f(&Host { ev: &ev });
    }

    #[test]
    fn reads_are_relative_to_the_root_module_and_confined_to_the_scan() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("repo/env/prod");
        std::fs::create_dir_all(root.join("modules/m")).unwrap();
        std::fs::write(root.join("modules/m/policy.json"), "{\"a\": 1}").unwrap();
        std::fs::write(d.path().join("repo/shared.txt"), "shared").unwrap();
        std::fs::write(d.path().join("secret.txt"), "secret").unwrap();
        std::fs::write(
            root.join("big.txt"),
            "x".repeat(MAX_READ_FILE_SIZE as usize + 1),
        )
        .unwrap();
        with_host(&root, &d.path().join("repo"), |h| {
            assert_eq!(h.read_file("modules/m/policy.json").unwrap(), "{\"a\": 1}");
            assert_eq!(h.read_file("../../shared.txt").unwrap(), "shared");
            let outside = h.read_file("../../../secret.txt").unwrap_err();
            assert!(
                outside.contains("outside the scanned directory"),
                "{outside}"
            );
            let abs = d.path().join("secret.txt");
            assert!(h.read_file(abs.to_str().unwrap()).is_err());
            assert!(h.read_file("big.txt").unwrap_err().contains("larger than"));
            assert!(h.read_file("missing.txt").is_err());
            assert!(h.read_file("https://example.com/x").is_err());
        });
    }

    #[test]
    fn templates_render_with_only_their_variables() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(
            d.path().join("t.tpl"),
            "hello ${name}%{ for x in items }-${x}%{ endfor }",
        )
        .unwrap();
        with_host(d.path(), d.path(), |h| {
            let text = h.read_file("t.tpl").unwrap();
            let mut vars = IndexMap::new();
            vars.insert("name".to_string(), Dyn::string("world"));
            vars.insert(
                "items".to_string(),
                Dyn::list(vec![Dyn::number(1.0), Dyn::string("b")]),
            );
            let out = h.render_template(&text, &vars);
            assert_eq!(out.as_str(), Some("hello world-1-b"));
            // The rendered file is registered, so the value is located in it.
            let loc = out.loc.expect("located in the template file");
            assert!(h.ev.loader.db.get(loc.file).path.ends_with("t.tpl"));

            vars.insert("name".to_string(), Dyn::unknown());
            assert!(h.render_template(&text, &vars).is_unknown());
            let only = h.render_template("${var.secret}", &IndexMap::new());
            assert!(
                only.is_unknown(),
                "nothing but the given variables is in scope"
            );
            assert!(h.render_template("${", &IndexMap::new()).is_unknown());
        });
    }
}
