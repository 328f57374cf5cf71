//! `src/runtime.rs`: the template `templates/runtime.rs`, pruned to what the API uses.
//!
//! Optional pieces of the template carry a marker, `#[apigen::needs(key)]`, naming a [`Need`];
//! a piece whose need the API does not have is dropped, and the markers of the others are
//! removed. Markers go on items, impl members, enum variants, struct fields (in definitions and
//! in struct expressions), `let` statements and match arms.

use std::collections::BTreeSet;

use proc_macro2::Ident;

use super::operations::{Writing, writing};
use super::space_items;
use crate::ir::{Api, ApiKeyIn, AuthKind, ParamIn, PathPart, StatusMatch, Ty};

const RUNTIME: &str = include_str!("../../templates/runtime.rs");

/// The runtime module of a client for `api`, formatted.
pub(super) fn runtime(api: &Api) -> String {
    let mut runtime: syn::File =
        syn::parse_str(RUNTIME).expect("templates/runtime.rs is valid Rust (checked by a test)");
    syn::visit_mut::VisitMut::visit_file_mut(&mut Prune { needs: runtime_needs(api) }, &mut runtime);
    space_items(&prettyplease::unparse(&runtime))
}

/// The optional pieces of the runtime template this API uses.
fn runtime_needs(api: &Api) -> BTreeSet<&'static str> {
    let mut needs = BTreeSet::new();
    if !api.operations.is_empty() {
        needs.insert("operations");
    }
    if !api.auth.is_empty() {
        needs.insert("secret");
    }
    if api.server.is_some() {
        needs.insert("server_variables");
    }
    if api.auth.iter().any(|s| matches!(s.kind, AuthKind::ApiKey { location: ApiKeyIn::Header, .. })) {
        needs.insert("header_key");
    }
    if api.types.iter().any(|t| t.fields.iter().any(|f| f.absent_or_null)) {
        needs.insert("nullable");
    }
    for t in api.types.iter().filter(|t| t.variants.is_empty() && t.alternatives.is_empty()) {
        needs.insert("object");
        // The reads the structs' fields use (see `Emitter::types`).
        for f in &t.fields {
            needs.insert("object_field");
            needs.insert(match (f.required, f.absent_or_null) {
                (true, _) => "object_required",
                (false, false) => "object_optional",
                (false, true) => "nullable",
            });
        }
    }
    for op in &api.operations {
        let inner = |part: &PathPart| match part {
            PathPart::Param { index, whole_segment: false } => {
                writing(&api.types, &op.params[*index]) != Writing::Expand
            }
            _ => false,
        };
        if op.path_parts.iter().any(inner) {
            needs.insert("inner");
        }
        if !op.errors.iter().any(|e| e.status == StatusMatch::Default) {
            needs.insert("unexpected");
        }
        if op.params.iter().any(|p| matches!(p.location, ParamIn::Header | ParamIn::Cookie)) {
            needs.insert("headers");
        }
        for p in &op.params {
            match writing(&api.types, p) {
                Writing::Pairs => needs.extend(["query_pairs", "param_text"]),
                Writing::Expand => needs.extend(["expand", "param_text", "path_params"]),
                Writing::Json => needs.extend(["json_param"]),
                Writing::Text | Writing::List => {}
            }
        }
        if !op.response_headers.is_empty() {
            needs.insert("response_headers");
        }
        if op.params.iter().any(|p| p.location == ParamIn::Cookie) {
            needs.insert("cookies");
            needs.insert("path_params");
        }
        for part in &op.path_parts {
            if let PathPart::Param { index, whole_segment: true } = part {
                needs.insert("whole_segment");
                needs.insert(match writing(&api.types, &op.params[*index]) {
                    Writing::Expand => "expanded",
                    _ => "segment",
                });
            }
        }
        if op.path_parts.iter().any(|p| matches!(p, PathPart::Param { .. })) {
            needs.insert("path_params");
        }
        let successes = op.success.iter().filter_map(|s| s.ty.as_ref());
        for ty in successes {
            needs.insert(match ty {
                Ty::Text => "text",
                Ty::Bytes => "bytes",
                _ => "json",
            });
        }
        // A documented error keeps the start of a text or binary body (see `error_value`).
        for ty in op.errors.iter().filter_map(|e| e.ty.as_ref()) {
            needs.extend(match ty {
                Ty::Text => ["error_text", "text"],
                Ty::Bytes => ["error_bytes", "kept"],
                _ => ["error_body", "json"],
            });
        }
    }
    // Errors that keep the start of a body.
    if ["json", "unexpected"].iter().any(|n| needs.contains(n)) {
        needs.insert("kept");
    }
    // The body is kept when something reads it.
    let reads_body = ["json", "text", "bytes", "error_bytes", "unexpected"];
    if reads_body.iter().any(|n| needs.contains(n)) {
        needs.insert("response_body");
    }
    needs
}

/// Drops the template's `#[apigen::needs(x)]` pieces whose `x` is not needed; strips the marker
/// from the others.
struct Prune {
    needs: BTreeSet<&'static str>,
}

impl Prune {
    fn keep(&self, attrs: &mut Vec<syn::Attribute>) -> bool {
        let mut keep = true;
        attrs.retain(|a| {
            let is_marker = a.path().segments.len() == 2
                && a.path().segments[0].ident == "apigen"
                && a.path().segments[1].ident == "needs";
            if is_marker {
                let need = a.parse_args::<Ident>().map(|i| i.to_string()).unwrap_or_default();
                keep &= self.needs.contains(need.as_str());
            }
            !is_marker
        });
        keep
    }
}

/// `Vec::retain_mut` for syn's punctuated lists.
fn retain<T, P: Default>(list: &mut syn::punctuated::Punctuated<T, P>, mut keep: impl FnMut(&mut T) -> bool) {
    *list = std::mem::take(list).into_iter().filter_map(|mut item| keep(&mut item).then_some(item)).collect();
}

impl syn::visit_mut::VisitMut for Prune {
    fn visit_file_mut(&mut self, file: &mut syn::File) {
        file.items.retain_mut(|item| match item {
            syn::Item::Struct(i) => self.keep(&mut i.attrs),
            syn::Item::Impl(i) => self.keep(&mut i.attrs),
            syn::Item::Enum(i) => self.keep(&mut i.attrs),
            syn::Item::Fn(i) => self.keep(&mut i.attrs),
            syn::Item::Const(i) => self.keep(&mut i.attrs),
            syn::Item::Trait(i) => self.keep(&mut i.attrs),
            syn::Item::Mod(i) => self.keep(&mut i.attrs),
            _ => true,
        });
        syn::visit_mut::visit_file_mut(self, file);
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        retain(&mut item.variants, |v| self.keep(&mut v.attrs));
        syn::visit_mut::visit_item_enum_mut(self, item);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        item.items.retain_mut(|i| match i {
            syn::ImplItem::Fn(f) => self.keep(&mut f.attrs),
            _ => true,
        });
        syn::visit_mut::visit_item_impl_mut(self, item);
    }

    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        if let syn::Fields::Named(fields) = &mut item.fields {
            retain(&mut fields.named, |f| self.keep(&mut f.attrs));
        }
        syn::visit_mut::visit_item_struct_mut(self, item);
    }

    fn visit_expr_struct_mut(&mut self, expr: &mut syn::ExprStruct) {
        retain(&mut expr.fields, |f| self.keep(&mut f.attrs));
        syn::visit_mut::visit_expr_struct_mut(self, expr);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        block.stmts.retain_mut(|stmt| match stmt {
            syn::Stmt::Local(local) => self.keep(&mut local.attrs),
            _ => true,
        });
        syn::visit_mut::visit_block_mut(self, block);
    }

    fn visit_expr_match_mut(&mut self, expr: &mut syn::ExprMatch) {
        expr.arms.retain_mut(|arm| self.keep(&mut arm.attrs));
        syn::visit_mut::visit_expr_match_mut(self, expr);
    }
}
