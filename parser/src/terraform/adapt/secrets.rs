//! Hard-coded credentials: literal passwords and secrets in resource and provider blocks,
//! AWS access keys and private key blocks written anywhere in an attribute.
//!
//! Only what is written literally in the configuration counts: directly in the attribute, or
//! as the literal default of a variable, a local or a module argument the value flows from
//! (reported where it is written). A value from a tfvars file, `--var`, `TF_VAR_`, a data
//! source or a function is set outside the code and is never reported.

use super::{Cx, Node, resource_meta, src, within};
use crate::dynvalue::Dyn;
use crate::secrets::{ACCESS_KEY_ID, PRIVATE_KEY, is_secret_name, literal_value, refine};
use crate::terraform::ir::{EvalAttr, EvalBlock, ResourceMode, TfProvider};
use cloudsentinel_model::{
    HardcodedSecret, Location, Meta, ResourceMeta, SecretKind, SourceDb, TextRange,
};
use std::collections::HashSet;

/// Deepest nesting of blocks and maps searched.
const MAX_DEPTH: usize = 32;

/// Map attributes whose keys are labels, not settings.
const LABEL_MAPS: [&str; 3] = ["tags", "tags_all", "labels"];

pub(super) fn find(cx: &Cx<'_>) -> Vec<HardcodedSecret> {
    let mut out = Vec::new();
    for res in cx.all() {
        if res.mode != ResourceMode::Managed {
            continue;
        }
        let mut w = Walker {
            db: cx.db,
            owner: resource_meta(res),
            aws_provider: false,
            out: &mut out,
        };
        w.block(&res.body, "", 0);
    }
    for p in cx.providers {
        let mut w = Walker {
            db: cx.db,
            owner: provider_meta(p),
            aws_provider: p.name == "aws",
            out: &mut out,
        };
        w.block(&p.body, "", 0);
    }
    let mut seen = HashSet::new();
    out.retain(|s| seen.insert((s.meta.location(), s.kind)));
    out
}

fn provider_meta(p: &TfProvider) -> ResourceMeta {
    let alias = Node::block(&p.body)
        .field("alias")
        .and_then(|f| f.value.as_str().map(str::to_string));
    let address = match alias {
        Some(a) => format!("provider.{}.{a}", p.name),
        None => format!("provider.{}", p.name),
    };
    let mut meta = match super::provider_of(&p.name) {
        Some(cloud) => ResourceMeta::new(cloud, address, src(p.body.loc)),
        None => ResourceMeta::cloud_independent(address, src(p.body.loc)),
    };
    meta.module_chain.clone_from(&p.module_chain);
    meta
}

struct Walker<'a, 'o> {
    db: &'a SourceDb,
    owner: ResourceMeta,
    aws_provider: bool,
    out: &'o mut Vec<HardcodedSecret>,
}

impl Walker<'_, '_> {
    fn report(&mut self, attribute: String, kind: SecretKind, loc: Location) {
        self.out.push(HardcodedSecret {
            resource: self.owner.clone(),
            attribute,
            kind,
            meta: Meta::explicit(src(loc)),
        });
    }

    fn block(&mut self, b: &EvalBlock, prefix: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for (name, a) in &b.attrs {
            // In JSON an object is both an attribute and a block: the block is searched.
            if b.blocks.iter().any(|c| &c.ident == name) {
                continue;
            }
            let path = format!("{prefix}{name}");
            let named = self.named_attr(name, a, &path);
            if !LABEL_MAPS.contains(&name.as_str()) && a.value.as_map().is_some() {
                self.map_entries(&a.value, a.expr_loc, &path, depth + 1);
            }
            if !named {
                self.scan_text(a.expr_loc, &path);
                if !a.is_literal {
                    self.scan_value(&a.value, a.expr_loc, &path, 0);
                }
            }
        }
        for c in &b.blocks {
            self.block(c, &format!("{prefix}{}.", c.ident), depth + 1);
        }
    }

    /// Where a non-literal attribute's value is written as a literal elsewhere in the
    /// configuration (a variable's default, a local, a module argument), if it is.
    fn literal_origin(&self, a: &EvalAttr) -> Option<Location> {
        let loc = a.value.loc?;
        (!within(loc, a.expr_loc) && self.is_configuration_literal(loc)).then_some(loc)
    }

    /// The text at `loc` is a literal in a configuration file (not a variable file or a
    /// Terragrunt unit, whose values are supplied per environment).
    fn is_configuration_literal(&self, loc: Location) -> bool {
        crate::terraform::is_terraform_file(&self.db.get(loc.file).path)
            && self.is_literal_text(loc)
    }

    /// An attribute whose name says it holds a credential, given as a literal (in the
    /// attribute, or where its value is written). True when reported.
    fn named_attr(&mut self, name: &str, a: &EvalAttr, path: &str) -> bool {
        let at = if a.is_literal {
            a.loc
        } else if let Some(origin) = self.literal_origin(a) {
            origin
        } else {
            return false;
        };
        let kind = if self.aws_provider && name == "access_key" {
            Some(SecretKind::AwsAccessKeyId)
        } else if self.aws_provider && name == "secret_key" {
            Some(SecretKind::AwsSecretAccessKey)
        } else if is_secret_name(name) {
            Some(SecretKind::PasswordAttribute)
        } else {
            None
        };
        let Some(kind) = kind else {
            return false;
        };
        let Some(value) = literal_value(&a.value, name) else {
            return false;
        };
        self.report(path.to_string(), refine(kind, &value, name), at);
        true
    }

    /// Keys of a map attribute (`environment.variables`) that name credentials, with
    /// values written literally inside the attribute.
    fn map_entries(&mut self, map: &Dyn, scope: Location, path: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let Some(m) = map.as_map() else {
            return;
        };
        for (key, v) in m {
            let here = format!("{path}.{key}");
            if v.as_map().is_some() {
                self.map_entries(v, scope, &here, depth + 1);
                continue;
            }
            if !is_secret_name(key) {
                continue;
            }
            let Some(loc) = v.loc else {
                continue;
            };
            let literal = if within(loc, scope) {
                self.is_literal_text(loc)
            } else {
                self.is_configuration_literal(loc)
            };
            if !literal {
                continue;
            }
            if let Some(value) = literal_value(v, key) {
                let kind = refine(SecretKind::PasswordAttribute, &value, key);
                self.report(here, kind, loc);
            }
        }
    }

    /// The source text at `loc` is a string or number literal (no interpolation).
    fn is_literal_text(&self, loc: Location) -> bool {
        let file = self.db.get(loc.file);
        let Some(text) = file.text.get(loc.range.as_range()) else {
            return false;
        };
        let t = text.trim();
        let quoted = t.len() >= 2 && t.starts_with('"') && t.ends_with('"');
        let heredoc = t.starts_with("<<");
        (quoted || heredoc || t.parse::<f64>().is_ok()) && !t.contains("${") && !t.contains("%{")
    }

    /// AWS access key ids and private key blocks in an evaluated value (a `user_data`
    /// template, an environment map) that are not written in the attribute itself: each is
    /// reported where the configuration writes it literally (a variable's default, a local),
    /// and not at all when no configuration file holds it (a tfvars file, `--var`).
    fn scan_value(&mut self, v: &Dyn, expr: Location, path: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if let Some(items) = v.as_list() {
            for item in items {
                self.scan_value(item, expr, path, depth + 1);
            }
            return;
        }
        if let Some(m) = v.as_map() {
            for item in m.values() {
                self.scan_value(item, expr, path, depth + 1);
            }
            return;
        }
        let Some(s) = v.as_str() else {
            return;
        };
        let found: Vec<(SecretKind, &str)> = ACCESS_KEY_ID
            .find_iter(s)
            .map(|m| (SecretKind::AwsAccessKeyId, m.as_str()))
            .chain(PRIVATE_KEY.find_iter(s).map(|m| {
                // The header alone is not distinctive: take the key material after it.
                let end = s[m.end()..]
                    .char_indices()
                    .nth(48)
                    .map_or(s.len(), |(i, _)| m.end() + i);
                (SecretKind::PrivateKey, &s[m.start()..end])
            }))
            .collect();
        for (kind, needle) in found {
            if let Some(loc) = self.written_elsewhere(needle, expr) {
                self.report(path.to_string(), kind, loc);
            }
        }
    }

    /// Where a Terraform configuration file (not a variable file) writes `needle`, outside
    /// `expr`; the first such place in path order.
    fn written_elsewhere(&self, needle: &str, expr: Location) -> Option<Location> {
        let mut files = self.db.files();
        files.retain(|(_, f)| crate::terraform::is_terraform_file(&f.path));
        files.sort_by(|a, b| a.1.path.cmp(&b.1.path));
        for (id, file) in files {
            for (start, _) in file.text.match_indices(needle) {
                let loc = Location::new(id, TextRange::new(start, start + needle.len()));
                if !within(loc, expr) {
                    return Some(loc);
                }
            }
        }
        None
    }

    /// AWS access key ids and private key blocks written in the expression's text.
    fn scan_text(&mut self, expr: Location, path: &str) {
        let file = self.db.get(expr.file);
        let Some(text) = file.text.get(expr.range.as_range()) else {
            return;
        };
        let base = expr.range.start as usize;
        let found: Vec<(SecretKind, usize, usize)> = ACCESS_KEY_ID
            .find_iter(text)
            .map(|m| (SecretKind::AwsAccessKeyId, m.start(), m.end()))
            .chain(
                PRIVATE_KEY
                    .find_iter(text)
                    .map(|m| (SecretKind::PrivateKey, m.start(), m.end())),
            )
            .collect();
        for (kind, start, end) in found {
            let loc = Location::new(expr.file, TextRange::new(base + start, base + end));
            self.report(path.to_string(), kind, loc);
        }
    }
}
