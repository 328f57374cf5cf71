//! The rustdoc of the generated items: spec text made safe rustdoc ([`doc_attr`]), and the docs of
//! operations, their arguments and their request builders.

use proc_macro2::TokenStream;
use quote::quote;

use super::Emitter;
use super::responses::status_label;
use crate::ir::{ApiKeyIn, Operation, Param, RustName};
use crate::spectext;

/// Doc attributes for `text`, which has passed its spec parts through [`spectext`]; the whole is
/// checked once more (a no-op unless a spec text was missed), after [`tidy_markdown`].
pub(super) fn doc_attr(text: &str) -> TokenStream {
    let text = spectext::markdown(&tidy_markdown(&spectext::chars(text)));
    let lines: Vec<String> = text.trim_end().lines().map(|l| format!(" {}", l.trim_end())).collect();
    quote! { #( #[doc = #lines] )* }
}

/// Spec descriptions as rustdoc that clippy's doc lints accept, rendered the same: tabs become
/// four spaces, and the lazy continuation lines of a list item or a quote (valid Markdown, which
/// clippy flags) are indented under the item or given their `>`. Code blocks are left alone.
fn tidy_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fenced = false;
    // The content column of the list item being continued, or whether a quote is.
    let mut item: Option<usize> = None;
    let mut quote = false;
    for line in text.lines() {
        let line = line.replace('\t', "    ");
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let mut fixed = None;
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            (item, quote) = (None, false);
        } else if fenced {
        } else if trimmed.is_empty() || trimmed.starts_with('#') || indent >= 4 && item.is_none() {
            (item, quote) = (None, false);
        } else if let Some(width) = list_marker(trimmed) {
            (item, quote) = (Some(indent + width), false);
        } else if trimmed.starts_with('>') {
            (item, quote) = (None, true);
        } else if quote {
            fixed = Some(format!("> {trimmed}"));
        } else if let Some(column) = item.filter(|c| indent < *c) {
            fixed = Some(format!("{}{trimmed}", " ".repeat(column)));
        }
        out.push_str(fixed.as_deref().unwrap_or(&line));
        out.push('\n');
    }
    out
}

/// Where the content of a Markdown list item starting `line` begins: after the marker (`-`,
/// `10.`) and the one to four spaces that follow it (CommonMark; with more, after the first).
fn list_marker(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match line.as_bytes().get(digits) {
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        _ => return None,
    };
    let spaces = line[marker..].bytes().take_while(|b| *b == b' ').count();
    match spaces {
        0 => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

/// Where an API key is sent, as the docs and the README say it: `in the `name` header`, `as the
/// `name` query parameter` or `as the `name` cookie`.
pub(super) fn api_key_place(location: &ApiKeyIn, name: &str) -> String {
    let name = spectext::code(name);
    match location {
        ApiKeyIn::Header => format!("in the {name} header"),
        ApiKeyIn::Query => format!("as the {name} query parameter"),
        ApiKeyIn::Cookie => format!("as the {name} cookie"),
    }
}

/// A link to the method `method` of `Client`: ``[`Client::m`](crate::Client::m)``.
pub(super) fn client_link(method: &RustName) -> String {
    let m = method.plain();
    format!("[`Client::{m}`](crate::Client::{m})")
}

/// Items as a sentence's list: `a`, `a and b`, `a, b and c`.
pub(super) fn series(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// An operation's HTTP method and path, as code: `` `GET /pets/{id}` ``.
pub(super) fn request_line(op: &Operation) -> String {
    spectext::code(&format!("{} {}", op.http_method.upper(), op.path))
}

/// [`doc_attr`] for a text that may be absent or blank: then nothing.
pub(super) fn opt_doc(text: Option<&str>) -> TokenStream {
    text.filter(|t| !t.trim().is_empty()).map(doc_attr).unwrap_or_default()
}

impl Emitter<'_> {
    /// The docs of an operation's arguments: `- `name` (query `wire`): doc` for the required
    /// ones, and (Rust name, ` (query `wire`): doc`) for the optional ones.
    fn arg_lines(&self, op: &Operation) -> (Vec<String>, Vec<(RustName, String)>) {
        let mut required = Vec::new();
        let mut optional = Vec::new();
        let names = op.params.iter().map(|p| (p.name.clone(), Some(p), p.required));
        let body = op.body.as_ref().map(|b| (RustName::new("body"), None, b.required));
        for (name, param, is_required) in names.chain(body) {
            let line = self.arg_line(op, param);
            if is_required {
                required.push(format!("- {line}"));
            } else {
                let shown = format!("`{}`", name.plain());
                let rest = line.strip_prefix(&shown).unwrap_or(&line).to_owned();
                optional.push((name, rest));
            }
        }
        (required, optional)
    }

    /// One argument's docs: `` `name` (query `wire`, deprecated): doc `` for a parameter, or
    /// the body's (`None`; no parameter is called `body`: resolve reserves it).
    pub(super) fn arg_line(&self, op: &Operation, param: Option<&Param>) -> String {
        let Some(p) = param else {
            let mut line = "`body`".to_owned();
            if let Some(d) = op.body.as_ref().and_then(|b| b.doc.as_deref()).filter(|d| !d.trim().is_empty()) {
                line.push_str(&format!(": {}", spectext::inline(d)));
            }
            return line;
        };
        let name = &p.name;
        let place = p.location.as_str();
        let deprecated = if p.deprecated { ", deprecated" } else { "" };
        let mut line = format!("`{}` ({place} {}{deprecated})", name.plain(), spectext::code(&p.wire));
        if let Some(d) = p.doc.as_deref().filter(|d| !d.trim().is_empty()) {
            line.push_str(&format!(": {}", spectext::inline(d)));
        }
        line
    }

    /// The docs of an operation's request builder.
    pub(super) fn builder_doc(&self, op: &Operation) -> String {
        let mut doc =
            format!("The request of {} ({}): `.await` it to send it.", client_link(&op.names.method), request_line(op));
        let (_, optional) = self.arg_lines(op);
        if !optional.is_empty() {
            let names: Vec<String> = optional.iter().map(|(n, _)| format!("[`{0}`](Self::{0})", n.plain())).collect();
            doc.push_str(&format!(" Its optional arguments are set with {}.", names.join(", ")));
        }
        doc
    }

    /// The docs of an operation's method on `Client`: summary, description, request line, arguments
    /// and the errors it documents.
    pub(super) fn operation_doc(&self, op: &Operation) -> String {
        let mut doc = String::new();
        let summary = op.summary.as_deref().filter(|s| !s.trim().is_empty());
        if let Some(s) = summary {
            doc.push_str(&spectext::markdown(s.trim()));
        }
        if let Some(d) = op.description.as_deref().filter(|d| !d.trim().is_empty() && Some(d.trim()) != summary) {
            if !doc.is_empty() {
                doc.push_str("\n\n");
            }
            doc.push_str(&spectext::markdown(d.trim()));
        }
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(&request_line(op));
        if let Some(id) = &op.operation_id {
            doc.push_str(&format!(" (operationId {})", spectext::code(id)));
        }
        let builder = &op.names.request;
        doc.push_str(&format!(
            "\n\n`.await` the returned [`{builder}`](crate::operations::{builder}) to send the request."
        ));
        let (required, optional) = self.arg_lines(op);
        if !required.is_empty() {
            doc.push_str("\n\n# Arguments\n\n");
            doc.push_str(&required.join("\n"));
        }
        if !optional.is_empty() {
            doc.push_str("\n\n# Optional arguments\n\nSet on the request before awaiting it:\n\n");
            let links: Vec<String> = optional
                .iter()
                // rustdoc resolves a keyword's raw identifier by its plain name (`Self::type`) and
                // not by `r#type`, which the docs' link check would also refuse.
                .map(|(name, line)| format!("- [`{0}`](crate::operations::{builder}::{0}){line}", name.plain()))
                .collect();
            doc.push_str(&links.join("\n"));
        }
        doc.push_str("\n\n# Errors\n\n");
        let mut lines = Vec::new();
        for c in &op.errors {
            let mut line = format!(
                "- {}: [`{e}::{v}`](crate::errors::{e}::{v})",
                status_label(&c.status),
                e = op.names.error,
                v = c.variant
            );
            if let Some(d) = c.doc.as_deref() {
                line.push_str(&format!(" — {}", spectext::inline(d)));
            }
            lines.push(line);
        }
        lines.push("- any other failure: the other variants of [`Error`](crate::Error)".to_owned());
        doc.push_str(&lines.join("\n"));
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::tidy_markdown;

    #[test]
    fn lazy_continuations_are_indented_under_their_item_or_quoted() {
        let text = "Either:\n\n- a URL, or\n- the file content. Note that\nfiles from Dropbox fail\n\n> quoted\nstill quoted\n\n10. ten\neleven";
        assert_eq!(
            tidy_markdown(text),
            "Either:\n\n- a URL, or\n- the file content. Note that\n  files from Dropbox fail\n\n> quoted\n> still quoted\n\n10. ten\n    eleven\n"
        );
    }

    #[test]
    fn code_blocks_headings_and_plain_text_are_left_alone() {
        let text = "- item\n```\nnot a continuation\n```\n- item\n# Heading\nplain\n\ttabbed";
        assert_eq!(tidy_markdown(text), "- item\n```\nnot a continuation\n```\n- item\n# Heading\nplain\n    tabbed\n");
        // Inline HTML does not end a paragraph: it continues the item (Zoom's `<br>` lines).
        assert_eq!(tidy_markdown("* paid account.<br>\n<br>\nnext"), "* paid account.<br>\n  <br>\n  next\n");
        assert_eq!(tidy_markdown("-1 is not a list\nnext"), "-1 is not a list\nnext\n");
        // The content column counts the spaces after the marker.
        assert_eq!(tidy_markdown("*   wide item\nmore"), "*   wide item\n    more\n");
    }
}
