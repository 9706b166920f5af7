//! Expressions: references, operators, templates, for-expressions, splats and function
//! calls, with Terraform's semantics. Unknown propagates through everything; a result is
//! known only when it cannot depend on the unknown parts (`false && x` is false).

use super::host::Host;
use super::{Ctx, Evaluator, Fail, MAX_COLLECTION_LEN, MAX_STRING_LEN, R, Scope, fail};
use crate::dynvalue::{Dyn, DynKind, format_number};
use crate::terraform::functions;
use crate::terraform::syntax::{
    BinaryOp, Expr, ExprKind, ForExpr, Loc, ObjKey, Part, TravKind, TravOp, UnaryOp,
};
use indexmap::IndexMap;
use std::sync::Arc;

fn unknown_at(loc: Loc) -> Dyn {
    Dyn {
        kind: DynKind::Unknown,
        loc,
        source_ref: None,
        encoded: None,
    }
}

/// Unknown that keeps where it was read from.
fn unknown_from(v: &Dyn) -> Dyn {
    Dyn {
        kind: DynKind::Unknown,
        loc: v.loc,
        source_ref: v.source_ref.clone(),
        encoded: None,
    }
}

/// A part read out of `parent`: a value read from a resource instance names that
/// instance, however deep it sits (instance objects are marked when built; their parts
/// are marked here as they are read, which costs nothing for values never read).
fn read_from(parent: &Dyn, child: &Dyn) -> Dyn {
    match &parent.source_ref {
        Some(r) => Dyn {
            kind: child.kind.clone(),
            loc: child.loc,
            source_ref: Some(r.clone()),
            encoded: child.encoded.clone(),
        },
        None => child.clone(),
    }
}

impl Evaluator<'_> {
    /// Evaluates an expression. `Err` means Terraform would reject it.
    pub(crate) fn eval(&self, e: &Expr, ctx: Ctx<'_>) -> R {
        let Some(_guard) = self.enter(e.loc) else {
            return Ok(unknown_at(e.loc));
        };
        let v = match &e.kind {
            ExprKind::Null => Dyn::null(),
            ExprKind::Bool(b) => Dyn::bool(*b),
            ExprKind::Number(n) if n.is_finite() => Dyn::number(*n),
            ExprKind::Number(_) => Dyn::unknown(),
            ExprKind::Str(s) => Dyn::string(s.clone()),
            ExprKind::Template(parts) => self.eval_template(parts, ctx, e.loc)?,
            ExprKind::Tuple(items) => {
                let mut out = Vec::with_capacity(items.len());
                for i in items {
                    out.push(self.eval(i, ctx)?.or_loc(i.loc));
                }
                Dyn::list(out)
            }
            ExprKind::Object(entries) => self.eval_object(entries, ctx)?,
            ExprKind::Var(name) => self.resolve(name, &[], ctx)?.0,
            ExprKind::Traversal(root, ops) => {
                let (v, used) = match &root.kind {
                    ExprKind::Var(name) => {
                        let (v, used) = self.resolve(name, ops, ctx)?;
                        (v.or_loc(root.loc), used)
                    }
                    _ => (self.eval(root, ctx)?, 0),
                };
                self.apply_ops(v, ops.get(used..).unwrap_or(&[]), ctx)?
            }
            ExprKind::Call {
                name,
                args,
                expand_final,
            } => self.eval_call(name, args, *expand_final, ctx, e.loc)?,
            ExprKind::Cond(c) => {
                let (cond, t, f) = &**c;
                match to_bool(&self.eval(cond, ctx)?)? {
                    None => Dyn::unknown(),
                    Some(true) => self.eval(t, ctx)?.or_loc(t.loc),
                    Some(false) => self.eval(f, ctx)?.or_loc(f.loc),
                }
            }
            ExprKind::Unary(op, x) => {
                let v = self.eval(x, ctx)?;
                match op {
                    UnaryOp::Neg => match to_number(&v)? {
                        Some(n) => Dyn::number(-n),
                        None => Dyn::unknown(),
                    },
                    UnaryOp::Not => match to_bool(&v)? {
                        Some(b) => Dyn::bool(!b),
                        None => Dyn::unknown(),
                    },
                }
            }
            ExprKind::Binary(op, operands) => {
                self.eval_binary(*op, &operands.0, &operands.1, ctx)?
            }
            ExprKind::For(f) => self.eval_for(f, ctx)?,
        };
        Ok(v.or_loc(e.loc))
    }

    fn eval_object(&self, entries: &[(ObjKey, Expr)], ctx: Ctx<'_>) -> R {
        let mut m = IndexMap::with_capacity(entries.len());
        let mut unknown_key = false;
        for (k, v) in entries {
            let key = match k {
                ObjKey::Name(n) => n.to_string(),
                ObjKey::Expr(ke) => {
                    let kv = self.eval(ke, ctx)?;
                    match &kv.kind {
                        DynKind::Unknown => {
                            unknown_key = true;
                            continue;
                        }
                        DynKind::Null => return fail("an object key is null"),
                        _ => match kv.to_string_lossy() {
                            Some(s) => s,
                            None => return fail("an object key must be a string"),
                        },
                    }
                }
            };
            let val = self.eval(v, ctx)?.or_loc(v.loc);
            m.insert(key, val);
        }
        if unknown_key {
            return Ok(Dyn::unknown());
        }
        Ok(Dyn::map(m))
    }

    /// Resolves a root name and the operators it needs (`var.x`, `aws_s3_bucket.b`,
    /// `data.t.n`, `module.m.out`); returns the value and how many operators it used.
    fn resolve(&self, name: &str, ops: &[TravOp], ctx: Ctx<'_>) -> Result<(Dyn, usize), Fail> {
        if let Some(v) = ctx.lookup(name) {
            return Ok((v.clone(), 0));
        }
        let attr = |i: usize| match ops.get(i).map(|o| &o.kind) {
            Some(TravKind::Attr(a)) => Some(a.clone()),
            _ => None,
        };
        match name {
            "path" => {
                let v = match attr(0).as_deref() {
                    Some("module") => self.path_module(ctx.inst),
                    Some("root") => ".".into(),
                    Some("cwd") => self.cwd(),
                    _ => return fail("path must be followed by module, root or cwd"),
                };
                return Ok((Dyn::string(v), 1));
            }
            "terraform" => {
                return match attr(0).as_deref() {
                    Some("workspace") => Ok((Dyn::string(self.workspace.clone()), 1)),
                    _ => fail("terraform must be followed by workspace"),
                };
            }
            "count" => return fail("count.index is only available in a block with count"),
            "each" => return fail("each is only available in a block with for_each"),
            // The resource's own attributes in provisioners: computed, unknown.
            "self" => return Ok((Dyn::unknown(), 0)),
            _ => {}
        }
        let Some(id) = ctx.inst else {
            return fail(format!(
                "{name} cannot be referenced here (tfvars values and templates see no module values)"
            ));
        };
        match name {
            "var" => {
                let Some(n) = attr(0) else {
                    return fail("var must be followed by a variable name");
                };
                Ok((self.variable(id, &n)?, 1))
            }
            "local" => {
                let Some(n) = attr(0) else {
                    return fail("local must be followed by a name");
                };
                Ok((self.local(id, &n)?, 1))
            }
            "module" => {
                let Some(n) = attr(0) else {
                    return fail("module must be followed by a module name");
                };
                let (v, used) = self.module_ref(id, &n, ops.get(1..).unwrap_or(&[]), ctx)?;
                Ok((v, used + 1))
            }
            "data" => {
                let (Some(t), Some(n)) = (attr(0), attr(1)) else {
                    return fail("data must be followed by a type and a name");
                };
                match self.resource_value(id, &format!("data.{t}.{n}")) {
                    Some(v) => Ok((v, 2)),
                    None => fail(format!("data.{t}.{n} is not declared")),
                }
            }
            _ => {
                let Some(n) = attr(0) else {
                    return fail(format!("unknown name {name}"));
                };
                match self.resource_value(id, &format!("{name}.{n}")) {
                    Some(v) => Ok((v, 1)),
                    None => fail(format!("{name}.{n} is not declared")),
                }
            }
        }
    }

    /// Applies traversal operators (attribute access, index, splats) to a value.
    fn apply_ops(&self, mut v: Dyn, ops: &[TravOp], ctx: Ctx<'_>) -> R {
        let mut i = 0;
        while let Some(op) = ops.get(i) {
            match &op.kind {
                TravKind::Attr(n) => v = get_attr(&v, n)?,
                TravKind::Index(e) => {
                    let k = self.eval(e, ctx)?;
                    v = index(&v, &k)?;
                }
                TravKind::FullSplat => return self.splat(v, ops.get(i + 1..).unwrap_or(&[]), ctx),
                TravKind::AttrSplat => {
                    let mut j = i + 1;
                    while matches!(ops.get(j).map(|o| &o.kind), Some(TravKind::Attr(_))) {
                        j += 1;
                    }
                    v = self.splat(v, ops.get(i + 1..j).unwrap_or(&[]), ctx)?;
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        Ok(v)
    }

    /// `[*]`: applies `ops` to each element; null is an empty list, any other non-list
    /// value a one-element list.
    fn splat(&self, v: Dyn, ops: &[TravOp], ctx: Ctx<'_>) -> R {
        match &v.kind {
            DynKind::Unknown => Ok(v),
            DynKind::Null => Ok(Dyn::list(Vec::new())),
            DynKind::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for it in items.iter() {
                    out.push(self.apply_ops(read_from(&v, it), ops, ctx)?);
                }
                Ok(Dyn {
                    kind: DynKind::List(Arc::new(out)),
                    loc: v.loc,
                    source_ref: v.source_ref.clone(),
                    encoded: None,
                })
            }
            _ => {
                let x = self.apply_ops(v, ops, ctx)?;
                Ok(Dyn::list(vec![x]))
            }
        }
    }

    fn eval_template(&self, parts: &[Part], ctx: Ctx<'_>, loc: Loc) -> R {
        // A lone interpolation yields its value unconverted.
        if let [Part::Interp(e)] = parts {
            return self.eval(e, ctx);
        }
        let mut buf = String::new();
        if self.render(parts, ctx, &mut buf)? {
            Ok(Dyn::string(buf))
        } else {
            Ok(unknown_at(loc))
        }
    }

    /// Appends a template's text to `buf`; `Ok(false)` when the result is unknown.
    fn render(&self, parts: &[Part], ctx: Ctx<'_>, buf: &mut String) -> Result<bool, Fail> {
        for p in parts {
            match p {
                Part::Lit(s) => buf.push_str(s),
                Part::Interp(e) => {
                    let v = self.eval(e, ctx)?;
                    match &v.kind {
                        DynKind::Unknown => return Ok(false),
                        DynKind::Null => return fail("a template interpolates a null value"),
                        DynKind::String(s) => buf.push_str(s),
                        DynKind::Number(n) => buf.push_str(&format_number(*n)),
                        DynKind::Bool(b) => buf.push_str(if *b { "true" } else { "false" }),
                        DynKind::List(_) | DynKind::Map(_) => {
                            return fail("a template cannot interpolate a list or an object");
                        }
                    }
                }
                Part::If {
                    cond,
                    then,
                    otherwise,
                } => {
                    let branch = match to_bool(&self.eval(cond, ctx)?)? {
                        None => return Ok(false),
                        Some(true) => then,
                        Some(false) => otherwise,
                    };
                    if !self.render(branch, ctx, buf)? {
                        return Ok(false);
                    }
                }
                Part::For {
                    key_var,
                    value_var,
                    collection,
                    body,
                } => {
                    let coll = self.eval(collection, ctx)?;
                    let Some(items) = iter_items(&coll)? else {
                        return Ok(false);
                    };
                    for (k, v) in items {
                        if self.exhausted() {
                            return Ok(false);
                        }
                        let vars = bind(key_var.as_ref(), value_var, k, v);
                        let scope = Scope {
                            vars: &vars,
                            parent: ctx.scope,
                        };
                        let ictx = Ctx {
                            inst: ctx.inst,
                            scope: Some(&scope),
                        };
                        if !self.render(body, ictx, buf)? {
                            return Ok(false);
                        }
                        if buf.len() > MAX_STRING_LEN {
                            break;
                        }
                    }
                }
            }
            if buf.len() > MAX_STRING_LEN {
                self.notice(
                    None,
                    format!("a template produced more than {MAX_STRING_LEN} bytes; its result is unknown"),
                );
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn eval_for(&self, f: &ForExpr, ctx: Ctx<'_>) -> R {
        let coll = self.eval(&f.collection, ctx)?;
        let Some(items) = iter_items(&coll)? else {
            return Ok(Dyn::unknown());
        };
        let mut list = Vec::new();
        let mut map: IndexMap<String, Dyn> = IndexMap::new();
        let mut groups: IndexMap<String, Vec<Dyn>> = IndexMap::new();
        for (k, v) in items {
            if self.exhausted() {
                return Ok(Dyn::unknown());
            }
            let vars = bind(f.key_var.as_ref(), &f.value_var, k, v);
            let scope = Scope {
                vars: &vars,
                parent: ctx.scope,
            };
            let ictx = Ctx {
                inst: ctx.inst,
                scope: Some(&scope),
            };
            if let Some(c) = &f.cond {
                match to_bool(&self.eval(c, ictx)?)? {
                    None => return Ok(Dyn::unknown()),
                    Some(false) => continue,
                    Some(true) => {}
                }
            }
            match &f.key {
                None => list.push(self.eval(&f.value, ictx)?.or_loc(f.value.loc)),
                Some(ke) => {
                    let kv = self.eval(ke, ictx)?;
                    let key = match &kv.kind {
                        DynKind::Unknown => return Ok(Dyn::unknown()),
                        DynKind::Null => return fail("a for-expression key is null"),
                        _ => match kv.to_string_lossy() {
                            Some(s) => s,
                            None => return fail("a for-expression key must be a string"),
                        },
                    };
                    let val = self.eval(&f.value, ictx)?.or_loc(f.value.loc);
                    if f.grouping {
                        groups.entry(key).or_default().push(val);
                    } else if map.contains_key(&key) {
                        return fail(format!(
                            "duplicate key \"{key}\" in a for-expression (use ... to group)"
                        ));
                    } else {
                        map.insert(key, val);
                    }
                }
            }
            if list.len() + map.len() + groups.len() > MAX_COLLECTION_LEN {
                self.notice(
                    f.value.loc,
                    format!("a for-expression produced more than {MAX_COLLECTION_LEN} elements; its result is unknown"),
                );
                return Ok(Dyn::unknown());
            }
        }
        Ok(match &f.key {
            None => Dyn::list(list),
            Some(_) if f.grouping => {
                Dyn::map(groups.into_iter().map(|(k, v)| (k, Dyn::list(v))).collect())
            }
            Some(_) => Dyn::map(map),
        })
    }

    fn eval_binary(&self, op: BinaryOp, l: &Expr, r: &Expr, ctx: Ctx<'_>) -> R {
        match op {
            BinaryOp::And => {
                let a = to_bool(&self.eval(l, ctx)?)?;
                if a == Some(false) {
                    return Ok(Dyn::bool(false));
                }
                let b = to_bool(&self.eval(r, ctx)?)?;
                return Ok(match (a, b) {
                    (_, Some(false)) => Dyn::bool(false),
                    (Some(true), Some(true)) => Dyn::bool(true),
                    _ => Dyn::unknown(),
                });
            }
            BinaryOp::Or => {
                let a = to_bool(&self.eval(l, ctx)?)?;
                if a == Some(true) {
                    return Ok(Dyn::bool(true));
                }
                let b = to_bool(&self.eval(r, ctx)?)?;
                return Ok(match (a, b) {
                    (_, Some(true)) => Dyn::bool(true),
                    (Some(false), Some(false)) => Dyn::bool(false),
                    _ => Dyn::unknown(),
                });
            }
            _ => {}
        }
        let a = self.eval(l, ctx)?;
        let b = self.eval(r, ctx)?;
        match op {
            BinaryOp::Eq | BinaryOp::NotEq => Ok(match equal(&a, &b) {
                Some(eq) => Dyn::bool(eq == (op == BinaryOp::Eq)),
                None => Dyn::unknown(),
            }),
            _ => {
                let (Some(x), Some(y)) = (to_number(&a)?, to_number(&b)?) else {
                    return Ok(Dyn::unknown());
                };
                let n = match op {
                    BinaryOp::Lt => return Ok(Dyn::bool(x < y)),
                    BinaryOp::Le => return Ok(Dyn::bool(x <= y)),
                    BinaryOp::Gt => return Ok(Dyn::bool(x > y)),
                    BinaryOp::Ge => return Ok(Dyn::bool(x >= y)),
                    BinaryOp::Add => x + y,
                    BinaryOp::Sub => x - y,
                    BinaryOp::Mul => x * y,
                    BinaryOp::Div if y == 0.0 => return fail("division by zero"),
                    BinaryOp::Div => x / y,
                    BinaryOp::Mod if y == 0.0 => return fail("modulo by zero"),
                    BinaryOp::Mod => x % y,
                    _ => return Ok(Dyn::unknown()),
                };
                if n.is_finite() {
                    Ok(Dyn::number(n))
                } else {
                    fail("arithmetic overflow")
                }
            }
        }
    }

    fn eval_call(
        &self,
        name: &str,
        args: &[Expr],
        expand_final: bool,
        ctx: Ctx<'_>,
        loc: Loc,
    ) -> R {
        let fname = name.strip_prefix("core::").unwrap_or(name);
        match fname {
            // Lazy: an argument that fails moves on to the next one.
            "try" => {
                for a in args {
                    if let Ok(v) = self.eval(a, ctx) {
                        return Ok(v.or_loc(a.loc));
                    }
                }
                return fail("no argument of try could be evaluated");
            }
            "can" => {
                let [a] = args else {
                    return fail("can takes exactly one argument");
                };
                return Ok(match self.eval(a, ctx) {
                    Ok(v) if v.is_unknown() => Dyn::unknown(),
                    Ok(_) => Dyn::bool(true),
                    Err(_) => Dyn::bool(false),
                });
            }
            _ => {}
        }
        if fname.contains("::") {
            self.unsupported_fns.borrow_mut().insert(fname.to_string());
            return Ok(Dyn::unknown());
        }
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            vals.push(self.eval(a, ctx)?.or_loc(a.loc));
        }
        if expand_final {
            match vals.pop() {
                Some(Dyn {
                    kind: DynKind::List(l),
                    ..
                }) => vals.extend(l.iter().cloned()),
                Some(Dyn {
                    kind: DynKind::Unknown,
                    ..
                }) => return Ok(Dyn::unknown()),
                _ => return fail(format!("the expanded argument of {fname} must be a list")),
            }
        }
        if let Some(extra) = self.extra_fns
            && let Some(r) = extra.call(fname, &vals, loc)
        {
            return r.or_else(|m| fail(format!("{fname}: {m}")));
        }
        let host = Host { ev: self };
        match functions::call(fname, vals, &host) {
            Ok(v) => {
                let too_big = match &v.kind {
                    DynKind::String(s) => s.len() > MAX_STRING_LEN,
                    DynKind::List(l) => l.len() > MAX_COLLECTION_LEN,
                    DynKind::Map(m) => m.len() > MAX_COLLECTION_LEN,
                    _ => false,
                };
                if too_big {
                    self.notice(
                        loc,
                        format!("{fname} produced a value over the size limit; it is unknown"),
                    );
                    return Ok(Dyn::unknown());
                }
                Ok(v)
            }
            Err(m) if m.starts_with("unsupported function") => {
                self.unsupported_fns.borrow_mut().insert(fname.to_string());
                Ok(Dyn::unknown())
            }
            Err(m) => fail(format!("{fname}: {m}")),
        }
    }
}

/// Bindings of a for-expression or template `for` iteration.
fn bind(key_var: Option<&Arc<str>>, value_var: &Arc<str>, k: Dyn, v: Dyn) -> Vec<(Arc<str>, Dyn)> {
    match key_var {
        Some(kv) => vec![(kv.clone(), k), (value_var.clone(), v)],
        None => vec![(value_var.clone(), v)],
    }
}

/// Key/value pairs to iterate: lists by index, maps by key in lexical order (as Terraform
/// iterates them). `None` for Unknown.
fn iter_items(coll: &Dyn) -> Result<Option<Vec<(Dyn, Dyn)>>, Fail> {
    match &coll.kind {
        DynKind::Unknown => Ok(None),
        DynKind::List(l) => Ok(Some(
            l.iter()
                .enumerate()
                .map(|(i, v)| (Dyn::number(i as f64), read_from(coll, v)))
                .collect(),
        )),
        DynKind::Map(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Ok(Some(
                keys.into_iter()
                    .filter_map(|k| Some((Dyn::string(k.as_str()), read_from(coll, m.get(k)?))))
                    .collect(),
            ))
        }
        DynKind::Null => fail("cannot iterate over null"),
        _ => fail("can only iterate over a list, set, map or object"),
    }
}

/// `v.name`. A missing attribute of a value read from a resource is a computed attribute:
/// Unknown, still carrying the resource it was read from.
pub(super) fn get_attr(v: &Dyn, name: &str) -> R {
    match &v.kind {
        DynKind::Unknown => Ok(unknown_from(v)),
        DynKind::Map(m) => match m.get(name) {
            Some(x) => Ok(read_from(v, x)),
            None if v.source_ref.is_some() => Ok(unknown_from(v)),
            None => fail(format!("the object has no attribute \"{name}\"")),
        },
        DynKind::Null => fail(format!("cannot read attribute \"{name}\" of null")),
        DynKind::List(_) => fail(format!(
            "cannot read attribute \"{name}\" of a list; use an index or a splat ([*])"
        )),
        _ => fail(format!(
            "cannot read attribute \"{name}\" of a primitive value"
        )),
    }
}

/// `v[k]`.
pub(super) fn index(v: &Dyn, k: &Dyn) -> R {
    if matches!(v.kind, DynKind::Unknown) {
        return Ok(unknown_from(v));
    }
    if k.is_unknown() {
        return match v.kind {
            DynKind::List(_) | DynKind::Map(_) => Ok(unknown_from(v)),
            _ => fail("only lists and maps can be indexed"),
        };
    }
    match &v.kind {
        DynKind::List(l) => {
            let Some(n) = k.as_f64() else {
                return fail("a list index must be a number");
            };
            if n < 0.0 || n.fract() != 0.0 {
                return fail(format!("invalid list index {}", format_number(n)));
            }
            match l.get(n as usize) {
                Some(x) => Ok(read_from(v, x)),
                None => fail(format!(
                    "index {} is out of range (length {})",
                    format_number(n),
                    l.len()
                )),
            }
        }
        DynKind::Map(m) => {
            let Some(key) = k.to_string_lossy() else {
                return fail("a map key must be a string");
            };
            match m.get(&key) {
                Some(x) => Ok(read_from(v, x)),
                None if v.source_ref.is_some() => Ok(unknown_from(v)),
                None => fail(format!("the map has no element \"{key}\"")),
            }
        }
        DynKind::Null => fail("cannot index null"),
        _ => fail("only lists and maps can be indexed"),
    }
}

/// A condition: `None` when unknown.
pub(super) fn to_bool(v: &Dyn) -> Result<Option<bool>, Fail> {
    match &v.kind {
        DynKind::Unknown => Ok(None),
        DynKind::Bool(b) => Ok(Some(*b)),
        DynKind::String(s) if &**s == "true" => Ok(Some(true)),
        DynKind::String(s) if &**s == "false" => Ok(Some(false)),
        DynKind::Null => fail("a condition or logical operand is null"),
        _ => fail("a condition or logical operand is not a bool"),
    }
}

/// An arithmetic operand (numeric strings convert): `None` when unknown.
pub(super) fn to_number(v: &Dyn) -> Result<Option<f64>, Fail> {
    match &v.kind {
        DynKind::Unknown => Ok(None),
        DynKind::Number(n) => Ok(Some(*n)),
        DynKind::String(s) => match s.trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Some(n)),
            _ => fail(format!("\"{s}\" is not a number")),
        },
        DynKind::Null => fail("an arithmetic operand is null"),
        _ => fail("an arithmetic operand is not a number"),
    }
}

/// Terraform `==` (shared with the functions that compare values).
pub(super) use crate::terraform::functions::equal;
