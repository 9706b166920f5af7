//! Hard-coded credentials: literal passwords and secrets in resource and provider blocks,
//! AWS access keys and private key blocks written anywhere in an attribute.
//!
//! Only what is written literally counts: a value that comes from a variable, a data
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
            }
        }
        for c in &b.blocks {
            self.block(c, &format!("{prefix}{}.", c.ident), depth + 1);
        }
    }

    /// An attribute whose name says it holds a credential, given as a literal. True when
    /// reported.
    fn named_attr(&mut self, name: &str, a: &EvalAttr, path: &str) -> bool {
        if !a.is_literal {
            return false;
        }
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
        self.report(path.to_string(), refine(kind, &value, name), a.loc);
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
            let Some(loc) = v.loc.filter(|l| within(*l, scope)) else {
                continue;
            };
            if !self.is_literal_text(loc) {
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
