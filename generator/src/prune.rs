//! Code dropped by its attributes: a syn visitor that asks a [`Rule`], for every piece of code
//! that can carry attributes and be left out whole (items, impl and trait members, fields,
//! variants, statements, match arms, fields of struct expressions), whether it stays. The rule may
//! rewrite the attributes of what stays. Used by the runtime template's `#[apigen::needs(..)]`
//! markers and by [`crate::embed`]'s evaluation of feature `cfg`s.

use syn::Attribute;
use syn::punctuated::Punctuated;
use syn::visit_mut::VisitMut;

/// What decides whether code stays.
pub(crate) trait Rule {
    /// Whether code with `attrs` stays; its attributes may be rewritten (markers removed).
    fn keep(&self, attrs: &mut Vec<Attribute>) -> bool;

    /// An attribute in a position no code is removed from (a parameter, an expression that is
    /// not a statement).
    fn elsewhere(&self, _attr: &mut Attribute) {}
}

/// Drops the code of `file` that `rule` does not keep.
pub(crate) fn prune(file: &mut syn::File, rule: &impl Rule) {
    Pruner { rule }.visit_file_mut(file);
}

struct Pruner<'a, R> {
    rule: &'a R,
}

impl<R: Rule> Pruner<'_, R> {
    fn keep(&self, attrs: &mut Vec<Attribute>) -> bool {
        self.rule.keep(attrs)
    }

    fn keep_item(&self, item: &mut syn::Item) -> bool {
        item_attrs(item).is_none_or(|a| self.keep(a))
    }
}

impl<R: Rule> VisitMut for Pruner<'_, R> {
    fn visit_file_mut(&mut self, file: &mut syn::File) {
        file.items.retain_mut(|i| self.keep_item(i));
        syn::visit_mut::visit_file_mut(self, file);
    }

    fn visit_item_mod_mut(&mut self, module: &mut syn::ItemMod) {
        if let Some((_, items)) = &mut module.content {
            items.retain_mut(|i| self.keep_item(i));
        }
        syn::visit_mut::visit_item_mod_mut(self, module);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        item.items.retain_mut(|i| match i {
            syn::ImplItem::Const(i) => self.keep(&mut i.attrs),
            syn::ImplItem::Fn(i) => self.keep(&mut i.attrs),
            syn::ImplItem::Type(i) => self.keep(&mut i.attrs),
            syn::ImplItem::Macro(i) => self.keep(&mut i.attrs),
            _ => true,
        });
        syn::visit_mut::visit_item_impl_mut(self, item);
    }

    fn visit_item_trait_mut(&mut self, item: &mut syn::ItemTrait) {
        item.items.retain_mut(|i| match i {
            syn::TraitItem::Const(i) => self.keep(&mut i.attrs),
            syn::TraitItem::Fn(i) => self.keep(&mut i.attrs),
            syn::TraitItem::Type(i) => self.keep(&mut i.attrs),
            syn::TraitItem::Macro(i) => self.keep(&mut i.attrs),
            _ => true,
        });
        syn::visit_mut::visit_item_trait_mut(self, item);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        block.stmts.retain_mut(|s| match s {
            syn::Stmt::Local(l) => self.keep(&mut l.attrs),
            syn::Stmt::Item(i) => self.keep_item(i),
            syn::Stmt::Expr(e, _) => expr_attrs(e).is_none_or(|a| self.keep(a)),
            syn::Stmt::Macro(m) => self.keep(&mut m.attrs),
        });
        syn::visit_mut::visit_block_mut(self, block);
    }

    fn visit_fields_named_mut(&mut self, fields: &mut syn::FieldsNamed) {
        retain(&mut fields.named, |f| self.keep(&mut f.attrs));
        syn::visit_mut::visit_fields_named_mut(self, fields);
    }

    fn visit_fields_unnamed_mut(&mut self, fields: &mut syn::FieldsUnnamed) {
        retain(&mut fields.unnamed, |f| self.keep(&mut f.attrs));
        syn::visit_mut::visit_fields_unnamed_mut(self, fields);
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        retain(&mut item.variants, |v| self.keep(&mut v.attrs));
        syn::visit_mut::visit_item_enum_mut(self, item);
    }

    fn visit_expr_match_mut(&mut self, expr: &mut syn::ExprMatch) {
        expr.arms.retain_mut(|a| self.keep(&mut a.attrs));
        syn::visit_mut::visit_expr_match_mut(self, expr);
    }

    fn visit_expr_struct_mut(&mut self, expr: &mut syn::ExprStruct) {
        retain(&mut expr.fields, |f| self.keep(&mut f.attrs));
        syn::visit_mut::visit_expr_struct_mut(self, expr);
    }

    fn visit_attribute_mut(&mut self, attr: &mut Attribute) {
        self.rule.elsewhere(attr);
    }
}

/// `Vec::retain_mut` for syn's punctuated lists, separated as before (a trailing separator kept:
/// a struct expression's `..rest` needs it when the code is printed as tokens).
fn retain<T, P: Default>(list: &mut Punctuated<T, P>, mut keep: impl FnMut(&mut T) -> bool) {
    let trailing = list.trailing_punct();
    let mut out = Punctuated::new();
    for mut element in std::mem::take(list) {
        if keep(&mut element) {
            out.push(element);
        }
    }
    if trailing && !out.empty_or_trailing() {
        out.push_punct(P::default());
    }
    *list = out;
}

/// An item's attributes.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<Attribute>> {
    use syn::Item;
    Some(match item {
        Item::Const(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::ExternCrate(i) => &mut i.attrs,
        Item::Fn(i) => &mut i.attrs,
        Item::ForeignMod(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Macro(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        Item::TraitAlias(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Union(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

/// The attributes of an expression statement, for the kinds of expression that carry them.
fn expr_attrs(expr: &mut syn::Expr) -> Option<&mut Vec<Attribute>> {
    use syn::Expr;
    Some(match expr {
        Expr::Block(e) => &mut e.attrs,
        Expr::Call(e) => &mut e.attrs,
        Expr::MethodCall(e) => &mut e.attrs,
        Expr::If(e) => &mut e.attrs,
        Expr::Match(e) => &mut e.attrs,
        Expr::Assign(e) => &mut e.attrs,
        Expr::Macro(e) => &mut e.attrs,
        Expr::Return(e) => &mut e.attrs,
        Expr::ForLoop(e) => &mut e.attrs,
        Expr::While(e) => &mut e.attrs,
        Expr::Loop(e) => &mut e.attrs,
        Expr::Path(e) => &mut e.attrs,
        Expr::Await(e) => &mut e.attrs,
        Expr::Try(e) => &mut e.attrs,
        _ => return None,
    })
}
