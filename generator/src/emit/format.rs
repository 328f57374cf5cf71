//! Format: a Rust file as the emitter describes it ([`RustFile`]) → its text.
//!
//! A file is built and formatted a batch of items at a time, never as one token stream or one
//! syntax tree: a crate of 100,000 operations has an `operations.rs` of millions of lines, and
//! its whole `syn` tree would take gigabytes. Batches are independent, so they are built and
//! formatted on every core; the text is the same as the whole file's, batch by batch, since
//! prettyplease prints each item (and each member of an `impl` or `mod` block) on lines of its own.
//! The tag features' `cfg`s are added to each batch's items as they are parsed ([`super::gates`]).

use std::collections::BTreeMap;
use std::ops::Range;

use proc_macro2::TokenStream;
use quote::quote;

/// Items built a batch at a time: `count` of them, the `i`th by `build(i)` (empty for none).
type Build<'e> = Box<dyn Fn(usize) -> TokenStream + Sync + 'e>;

/// How many items (or block members) are built and formatted together.
const BATCH: usize = 64;

/// A Rust file of the generated crate: its sections, in order, each built only when formatted.
pub(super) struct RustFile<'e> {
    sections: Vec<Section<'e>>,
}

enum Section<'e> {
    /// Top-level items.
    Items { count: usize, build: Build<'e> },
    /// A block whose members are built as [`Section::Items`] are: `open` is what precedes its
    /// braces (`impl Client`, a module's docs and `pub mod markers`).
    Block { open: Box<dyn Fn() -> TokenStream + Sync + 'e>, count: usize, build: Build<'e> },
}

impl<'e> RustFile<'e> {
    /// A file whose items are built at once (a small file, or the start of a large one).
    pub(super) fn new(build: impl Fn() -> TokenStream + Sync + 'e) -> Self {
        RustFile { sections: Vec::new() }.items(1, move |_| build())
    }

    /// Then `count` items, the `i`th built by `build(i)`.
    pub(super) fn items(mut self, count: usize, build: impl Fn(usize) -> TokenStream + Sync + 'e) -> Self {
        self.sections.push(Section::Items { count, build: Box::new(build) });
        self
    }

    /// Then a block, `open { ... }`, of `count` members, the `i`th built by `build(i)`.
    pub(super) fn block(
        mut self,
        open: impl Fn() -> TokenStream + Sync + 'e,
        count: usize,
        build: impl Fn(usize) -> TokenStream + Sync + 'e,
    ) -> Self {
        self.sections.push(Section::Block { open: Box::new(open), count, build: Box::new(build) });
        self
    }

    /// The file's text: each batch of items gated, formatted by prettyplease; then spaced.
    pub(super) fn format(&self, gates: &BTreeMap<String, &[String]>) -> String {
        let mut text = String::new();
        for section in &self.sections {
            match section {
                Section::Items { count, build } => {
                    for batch in crate::exec::parallel(&batches(*count), |range| {
                        unparse(range.clone().map(build).collect(), gates)
                    }) {
                        text.push_str(&batch);
                    }
                }
                Section::Block { open, count, build } => block(&mut text, open, *count, build, gates),
            }
        }
        space_items(&text)
    }
}

/// Appends the block `open { members }` to `text`, its members formatted a batch at a time: each
/// batch as a block of its own, whose first lines (`open {`) and last (`}`) are the block's.
fn block(
    text: &mut String,
    open: &(dyn Fn() -> TokenStream + Sync),
    count: usize,
    build: &(dyn Fn(usize) -> TokenStream + Sync),
    gates: &BTreeMap<String, &[String]>,
) {
    let opening = open();
    let empty = unparse(quote!(#opening {}), gates);
    if count == 0 {
        text.push_str(&empty);
        return;
    }
    let head = format!("{}{{\n", empty.strip_suffix("{}\n").expect("prettyplease writes an empty block as `{}`"));
    let batches = crate::exec::parallel(&batches(count), |range| {
        let (opening, members): (TokenStream, TokenStream) = (open(), range.clone().map(build).collect());
        let batch = unparse(quote!(#opening { #members }), gates);
        // The text between the block's first lines and its closing brace.
        batch
            .strip_prefix(head.as_str())
            .and_then(|b| b.strip_suffix("}\n"))
            .expect("prettyplease writes a block's opening lines whatever its members")
            .to_owned()
    });
    text.push_str(&head);
    for batch in batches {
        text.push_str(&batch);
    }
    text.push_str("}\n");
}

/// `0..count` in batches of [`BATCH`].
fn batches(count: usize) -> Vec<Range<usize>> {
    (0..count).step_by(BATCH).map(|start| start..count.min(start + BATCH)).collect()
}

/// Items as text: parsed, gated, formatted by prettyplease.
fn unparse(tokens: TokenStream, gates: &BTreeMap<String, &[String]>) -> String {
    let mut file: syn::File = syn::parse2(tokens).expect("the emitter produces valid Rust (a generator bug otherwise)");
    super::gates::apply_gates(&mut file, gates);
    prettyplease::unparse(&file)
}

/// prettyplease puts items right after each other; a blank line after module docs, after the
/// `use` block, between top-level items or impl members, and between the groups of a crate root
/// (inner attributes, `mod`s, `use`s) reads better.
pub(super) fn space_items(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    // The group of the top-level statement being read: a blank line goes where the group changes.
    let mut group = Group::Other;
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let indent = |l: &str| l.len() - l.trim_start().len();
        if indent(line) == 0 && !line.starts_with(['}', ')', ']']) && !line.is_empty() {
            group = Group::of(line);
        }
        let Some(next) = lines.get(i + 1) else {
            continue;
        };
        let (here, there) = (line.trim_start(), next.trim_start());
        let same_level = indent(line) == indent(next) && indent(line) <= 4;
        let closes_item = here == "}" && !there.starts_with('}') && !there.starts_with(')') && !there.is_empty();
        let ends_docs = here.starts_with("//!") && !there.starts_with("//!");
        let ends_uses = here.starts_with("use ") && !there.starts_with("use ") && !there.is_empty();
        // A documented or attributed top-level item after a one-line item (`const`, `mod`, ...).
        let starts_item = indent(next) == 0
            && (there.starts_with("///") || there.starts_with("#["))
            && !here.is_empty()
            && !here.starts_with("///")
            && !here.starts_with("#[")
            && !here.starts_with("//!")
            && !here.starts_with("//")
            && here != ")]";
        // A top-level statement of another group, or any item after a one-line `impl ... {}`.
        let top_level =
            indent(line) == 0 && indent(next) == 0 && !there.is_empty() && !next.starts_with(['}', ')', ']']);
        let attached = here.starts_with("///") || here.starts_with("#[");
        let new_group = top_level && !attached && (Group::of(next) != group || here.ends_with("{}"));
        if (same_level && closes_item) || ends_docs || (ends_uses && indent(line) == 0) || starts_item || new_group {
            out.push('\n');
        }
    }
    out
}

/// The groups of top-level statements [`space_items`] separates.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    InnerAttribute,
    Mod,
    Use,
    Other,
}

impl Group {
    fn of(line: &str) -> Group {
        let line = line.strip_prefix("pub(crate) ").or_else(|| line.strip_prefix("pub ")).unwrap_or(line);
        if line.starts_with("#![") {
            Group::InnerAttribute
        } else if line.starts_with("mod ") {
            Group::Mod
        } else if line.starts_with("use ") {
            Group::Use
        } else {
            Group::Other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Items, and the members of a block, formatted a batch at a time: the same text as the whole
    /// file formatted at once, for counts below, at and beyond a batch.
    #[test]
    fn batches_format_as_the_whole_file() {
        let gates: BTreeMap<String, &[String]> = BTreeMap::new();
        let item = |i: usize| {
            let name = quote::format_ident!("Item{i}");
            quote!(#[doc = "An item."] pub struct #name { pub field: Option<Vec<String>> })
        };
        let method = |i: usize| {
            let name = quote::format_ident!("method{i}");
            quote!(#[doc = "A method."] pub fn #name(&self, argument: &str) -> usize { argument.len() + #i })
        };
        for count in [0, 1, BATCH - 1, BATCH, BATCH + 1, 3 * BATCH + 5] {
            let file = RustFile::new(|| {
                quote!(//! A file.
                use std::fmt;)
            })
            .items(count, item)
            .block(|| quote!(#[doc = "Methods."] impl Client), count, method)
            .items(count, item);
            let items: Vec<TokenStream> = (0..count).map(item).collect();
            let methods: Vec<TokenStream> = (0..count).map(method).collect();
            let whole = quote! {
                //! A file.
                use std::fmt;
                #( #items )*
                #[doc = "Methods."]
                impl Client { #( #methods )* }
                #( #items )*
            };
            let whole = space_items(&prettyplease::unparse(&syn::parse2(whole).unwrap()));
            assert_eq!(file.format(&gates), whole, "{count} items");
        }
    }
}
