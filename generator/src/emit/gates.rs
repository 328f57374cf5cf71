//! Tag features: the items of the formatted files that compile only with one of some features.

use std::collections::BTreeMap;

use crate::ir::Api;

/// Per file, the items compiled only with one of some features (`[features] tags`), by name:
/// types in `types.rs`, error enums and their aliases in `errors.rs`, success enums and header structs in
/// `responses.rs`, methods of `Client` and request builders in `operations.rs`. An item's impls follow it.
type Gates<'a> = BTreeMap<&'static str, BTreeMap<String, &'a [String]>>;

/// The gated items of every file, from the features of the types and the operations.
pub(super) fn gates(api: &Api) -> Gates<'_> {
    let mut gates: Gates<'_> = BTreeMap::new();
    for t in api.types.iter().filter(|t| !t.features.is_empty()) {
        gates.entry("src/types.rs").or_default().insert(t.name.clone(), &t.features);
    }
    // An error enum is compiled with any of its operations; an alias with its own.
    for e in api.error_enums.iter().filter(|e| !e.features.is_empty()) {
        gates.entry("src/errors.rs").or_default().insert(e.name.clone(), &e.features);
    }
    for op in api.operations.iter().filter(|o| !o.features.is_empty()) {
        let f = op.features.as_slice();
        if let Some(marker) = &op.names.marker {
            let errors = gates.entry("src/errors.rs").or_default();
            errors.insert(op.names.error.clone(), f);
            errors.insert(marker.clone(), f);
        }
        let responses = gates.entry("src/responses.rs").or_default();
        if let Some(name) = &op.names.success {
            responses.insert(name.clone(), f);
        }
        if let Some(name) = &op.names.headers {
            responses.insert(name.clone(), f);
        }
        let operations = gates.entry("src/operations.rs").or_default();
        operations.insert(op.names.method.plain().to_owned(), f);
        operations.insert(op.names.request.clone(), f);
    }
    gates
}

/// Adds the `cfg`s of `gates` to the items (and `Client` methods) of `file` they name.
pub(super) fn apply_gates(file: &mut syn::File, gates: &BTreeMap<String, &[String]>) {
    gate_items(&mut file.items, gates);
}

/// Adds the `cfg`s of `gates` to `items`, and to the items of their inline modules
/// (`errors::markers`).
fn gate_items(items: &mut [syn::Item], gates: &BTreeMap<String, &[String]>) {
    let gate = |name: &syn::Ident| gates.get(syn::ext::IdentExt::unraw(name).to_string().as_str()).copied();
    for item in items {
        let (attrs, features) = match item {
            syn::Item::Mod(m) => {
                if let Some((_, content)) = &mut m.content {
                    gate_items(content, gates);
                }
                continue;
            }
            syn::Item::Struct(i) => (&mut i.attrs, gate(&i.ident)),
            syn::Item::Enum(i) => (&mut i.attrs, gate(&i.ident)),
            syn::Item::Type(i) => (&mut i.attrs, gate(&i.ident)),
            syn::Item::Impl(i) => {
                let syn::Type::Path(path) = &*i.self_ty else { continue };
                let Some(last) = path.path.segments.last() else { continue };
                if last.ident == "Client" {
                    for member in &mut i.items {
                        if let syn::ImplItem::Fn(f) = member
                            && let Some(features) = gate(&f.sig.ident)
                        {
                            add_cfg(&mut f.attrs, features);
                        }
                    }
                    continue;
                }
                let features = gate(&last.ident);
                (&mut i.attrs, features)
            }
            _ => continue,
        };
        if let Some(features) = features {
            add_cfg(attrs, features);
        }
    }
}

/// Adds the `cfg` of `features` after an item's docs.
fn add_cfg(attrs: &mut Vec<syn::Attribute>, features: &[String]) {
    let cfg: syn::Attribute = match features {
        [one] => syn::parse_quote!(#[cfg(feature = #one)]),
        many => syn::parse_quote!(#[cfg(any( #( feature = #many ),* ))]),
    };
    let after_docs = attrs.iter().take_while(|a| a.path().is_ident("doc")).count();
    attrs.insert(after_docs, cfg);
}
