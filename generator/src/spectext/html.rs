//! HTML and links in Markdown: every `<` that does not open an attribute-less formatting tag
//! ([`TAGS`]) becomes `&lt;`, and a link, image or autolink whose destination is not
//! [`safe_url`] becomes text. Each function adds its edits for one parser event to the list that
//! [`super::markdown`] applies.

use std::ops::Range;

use pulldown_cmark::LinkType;

/// HTML tags kept when written exactly `<tag>`, `</tag>` (or `<br/>`, `<br />`): formatting with
/// no attributes cannot run anything. `pre`, `script`, `style` and `textarea` are not among them:
/// they open HTML blocks that run to their closing tag and would swallow what follows.
pub const TAGS: &[&str] = &[
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "hr",
    "i",
    "kbd",
    "li",
    "ol",
    "p",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// HTML: every `<` that does not open an allowed tag ([`TAGS`]) becomes `&lt;`.
pub(super) fn escape_tags(text: &str, range: Range<usize>, edits: &mut Vec<(Range<usize>, String)>) {
    let Some(html) = text.get(range.clone()) else { return };
    for (i, _) in html.match_indices('<') {
        if allowed_tag(&html[i..]).is_none() {
            edits.push((range.start + i..range.start + i + 1, "&lt;".into()));
        }
    }
}

/// Text: a `<` that starts what could be a tag becomes `&lt;` (rendered the same), in case
/// rustdoc's parser reads as HTML what this one read as text.
pub(super) fn escape_text_tags(text: &str, range: Range<usize>, edits: &mut Vec<(Range<usize>, String)>) {
    let Some(source) = text.get(range.clone()) else { return };
    let bytes = text.as_bytes();
    for (i, _) in source.match_indices('<') {
        // The parser splits text events at `<`: what follows is read from the whole text.
        let at = range.start + i;
        let opens = bytes.get(at + 1).is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'));
        if opens && !backslashed(bytes, at) && allowed_tag(&text[at..]).is_none() {
            edits.push((at..at + 1, "&lt;".into()));
        }
    }
}

/// Whether the byte at `at` follows an odd number of backslashes (is escaped).
pub(super) fn backslashed(bytes: &[u8], at: usize) -> bool {
    bytes[..at].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 1
}

/// The length of the allowed tag `html` starts with: `<b>`, `</b>`, `<br/>`, `<br />`.
pub(super) fn allowed_tag(html: &str) -> Option<usize> {
    let rest = html.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = rest[..name_len].to_ascii_lowercase();
    if !TAGS.contains(&name.as_str()) {
        return None;
    }
    let after = &rest[name_len..];
    let end = ["/>", " />"].iter().find(|e| !closing && after.starts_with(**e)).map(|e| e.len());
    let end = if after.starts_with('>') { Some(1) } else { end }?;
    Some(1 + usize::from(closing) + name_len + end)
}

/// A link or image whose destination is not safe becomes text: `\[...](...)`, `\[...]\[label]`
/// (so rustdoc does not take the label for an intra-doc link), or `&lt;...>` for an autolink.
pub(super) fn defuse_link(
    text: &str,
    range: Range<usize>,
    link_type: LinkType,
    edits: &mut Vec<(Range<usize>, String)>,
) {
    let Some(source) = text.get(range.clone()) else { return };
    let at = range.start;
    if matches!(link_type, LinkType::Autolink | LinkType::Email) {
        if source.starts_with('<') {
            edits.push((at..at + 1, "&lt;".into()));
        }
        return;
    }
    if let Some(i) = source.find('[') {
        edits.push((at + i..at + i, "\\".into()));
    }
    if link_type == LinkType::Reference
        && let Some(i) = source.rfind('[').filter(|i| source.find('[') != Some(*i))
    {
        edits.push((at + i..at + i, "\\".into()));
    }
}

/// The first segments an intra-doc Rust path may start with. A path is read by the browser as a
/// URL whose scheme is its first segment (`javascript::x` runs `:x`; rustdoc leaves a path it
/// cannot resolve as the link's `href`), so only these, which no browser or OS acts on as a
/// scheme, make a link a Rust path; any other `name::...` is a URL with scheme `name`.
pub const PATH_ROOTS: &[&str] = &["crate", "self", "super", "Self", "std", "core", "alloc"];

/// Whether a link destination is http(s), mailto, relative, a fragment or an intra-doc Rust path
/// (`crate::Client::get`: identifiers separated by `::`, the first one of [`PATH_ROOTS`]).
/// Browsers ignore tabs and line ends inside a URL and leading spaces and control characters, so
/// those are dropped before the scheme is read.
pub fn safe_url(dest: &str) -> bool {
    let dest: String =
        dest.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    match dest.find([':', '/', '?', '#']) {
        Some(i) if dest[i..].starts_with(':') => {
            let scheme = dest[..i].to_ascii_lowercase();
            let identifier = |s: &str| {
                s.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
                    && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            };
            matches!(scheme.as_str(), "http" | "https" | "mailto")
                || (PATH_ROOTS.contains(&&dest[..i]) && dest.split("::").all(identifier))
        }
        _ => true,
    }
}
