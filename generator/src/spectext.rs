//! Spec text on its way into the generated crate: doc comments, the README, the manifest.
//!
//! Specs are hostile data, and their text is Markdown that rustdoc renders and runs: a code block
//! in a description is a doctest that `cargo test --doc` compiles and runs, raw HTML and link
//! destinations reach the pages `cargo doc` writes, and rustc refuses some characters outright
//! (a bare CR in a doc comment, bidirectional overrides anywhere). Every spec text passes through
//! one of these functions before it is written:
//!
//! - [`markdown`]: a description (a block of Markdown). Code blocks become ```` ```text ```` blocks
//!   (or keep a plain language tag from [`LANGUAGES`]; never `rust`, unlabelled or a rustdoc
//!   attribute), indented code blocks included; HTML is escaped but for attribute-less formatting
//!   tags ([`TAGS`]); links, images and reference definitions whose destination is not http(s),
//!   mailto, relative, a fragment or a Rust path are made plain text; a fence left open at the end
//!   is closed, so it cannot swallow the text the generator writes after it. Only those ranges of
//!   the source are changed (text without them comes back byte for byte), then the result is parsed
//!   again until nothing is left to change; if that does not settle, the whole text becomes one
//!   ```` ```text ```` block.
//! - [`inline`]: a summary, title or description written on one line (a table cell, a list item).
//! - [`code`]: a name or wire value written as a code span, whatever backticks it holds.
//! - [`plain`]: one line with nothing but its characters made safe (TOML strings and comments).
//! - [`runtime`]: one bounded line for a message the generated client shows at run time.
//!
//! Spec text also reaches the user's terminal, in the generator's own diagnostics: [`terminal`] and
//! [`terminal_line`] write out what would act on it (escape sequences, CR, bidirectional controls).
//!
//! All of them first apply [`chars`]: CR LF and bare CR become LF, and control characters and the
//! bidirectional controls rustc denies (U+202A–U+202E, U+2066–U+2069) are written out as
//! `\u{202e}`, so the text stays visible and the crate compiles. Wire names in string literals
//! need none of this in the source: `proc_macro2` escapes them (`"\u{202e}"`), so they stay exact
//! on the wire. Where the generated client shows one in a message at run time, it does so with
//! `{:?}`, which writes those characters out again; spec text that is a message itself (an error
//! response's description as its `Display`) goes through [`runtime`].
//!
//! Markdown is parsed with pulldown-cmark and the options rustdoc uses (`main_body_opts`).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// Code block languages kept as written (compared case-insensitively); any other info string,
/// empty included, becomes `text`. rustdoc runs none of these: a block is a doctest when it is
/// unlabelled or one of its words is `rust` or a doctest attribute (`ignore`, `should_panic`, ...).
pub const LANGUAGES: &[&str] = &[
    "bash",
    "c",
    "console",
    "cpp",
    "cs",
    "csharp",
    "css",
    "csv",
    "curl",
    "diff",
    "go",
    "graphql",
    "html",
    "http",
    "ini",
    "java",
    "javascript",
    "js",
    "json",
    "jsonc",
    "json5",
    "kotlin",
    "markdown",
    "md",
    "php",
    "plaintext",
    "powershell",
    "proto",
    "protobuf",
    "python",
    "py",
    "ruby",
    "sh",
    "shell",
    "sql",
    "swift",
    "text",
    "toml",
    "ts",
    "txt",
    "typescript",
    "xml",
    "yaml",
    "yml",
];

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

/// How many times a text is patched and parsed again before it is fenced whole.
const ROUNDS: usize = 8;

/// rustdoc's Markdown options (`main_body_opts` in `src/librustdoc/html/markdown.rs`).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Characters rustc refuses in source or that have no business in docs, written out as `\u{..}`:
/// control characters but tab and LF (CR is a line end: see [`chars`]), and the bidirectional
/// controls of rustc's `text_direction_codepoint_in_comment`/`_in_literal` lints.
fn escaped(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t' && c != '\r') || bidi(c)
}

/// The bidirectional controls: they reorder the text around them as shown (rustc denies them in
/// source, and a terminal or a log viewer shows text in an order other than the bytes').
fn bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Writes `c` out as `\u{202e}`.
fn push_escape(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// `text` with the characters `escape` picks written out as `\u{1b}`.
fn write_out(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escape(c) { push_escape(&mut out, c) } else { out.push(c) }
    }
    Cow::Owned(out)
}

/// `text` with CR LF and bare CR as LF and the characters of [`escaped`] written as `\u{202e}`.
pub fn chars(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return write_out(text, escaped);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text.chars().peekable();
    while let Some(c) = rest.next() {
        match c {
            '\r' if rest.peek() == Some(&'\n') => {}
            '\r' => out.push('\n'),
            c if escaped(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text for a terminal or a log (the generator's diagnostics): every control character but LF
/// (ESC, CR, tab, ...) and the bidirectional controls written out as `\u{1b}`, so spec text can
/// neither drive the terminal, overwrite a line nor reorder what the reader sees.
pub fn terminal(text: &str) -> Cow<'_, str> {
    write_out(text, |c| (c.is_control() && c != '\n') || bidi(c))
}

/// [`terminal`] for text that is one line (a file name, a JSON pointer): LF written out too.
pub fn terminal_line(text: &str) -> Cow<'_, str> {
    write_out(text, |c| c.is_control() || bidi(c))
}

/// One line: whitespace runs (line ends included) as one space, ends trimmed.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Spec text for a TOML string or comment, or any other one-line plain text.
pub fn plain(text: &str) -> String {
    one_line(&chars(text))
}

/// The most characters of spec text a run-time message holds.
pub const RUNTIME_CHARS: usize = 200;

/// Spec text inside a message the generated client shows at run time (an error's `Display`, a
/// `BuildError`): [`plain`] (one line, control and bidirectional characters written out), cut to
/// [`RUNTIME_CHARS`] characters, the last of them `…`, when longer.
pub fn runtime(text: &str) -> String {
    let line = plain(text);
    match line.char_indices().nth(RUNTIME_CHARS - 1) {
        Some((cut, _)) if line.chars().count() > RUNTIME_CHARS => format!("{}…", &line[..cut]),
        _ => line,
    }
}

/// A code span showing `text` exactly: a fence of more backticks than any run inside, padded when
/// the text starts or ends with one; control characters and line ends written out (`\n`).
pub fn code(text: &str) -> String {
    let mut inner = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => inner.push_str("\\n"),
            '\r' => inner.push_str("\\r"),
            '\t' => inner.push_str("\\t"),
            c if escaped(c) => push_escape(&mut inner, c),
            c => inner.push(c),
        }
    }
    let fence = "`".repeat(longest_run(&inner, '`') + 1);
    let pad = if inner.starts_with('`') || inner.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{inner}{pad}{fence}")
}

/// A spec description as a block of Markdown that is safe to write into docs (see the module docs).
pub fn markdown(text: &str) -> String {
    let mut text = chars(text).into_owned();
    for _ in 0..ROUNDS {
        match patch(&text, 0) {
            Some(next) => text = next,
            None => return text,
        }
    }
    fenced(&text)
}

/// Spec text written on one line after other text (a list item, a table cell): [`one_line`], then
/// sanitised as [`markdown`] is, parsed where it stands (so a leading ```` ``` ```` or `#` is text).
/// If that does not settle, every ASCII punctuation character but `|` is backslash-escaped.
pub fn inline(text: &str) -> String {
    const LEAD: &str = "x ";
    let mut text = format!("{LEAD}{}", one_line(&chars(text)));
    for _ in 0..ROUNDS {
        match patch(&text, LEAD.len()) {
            Some(next) => text = next,
            None => return text.split_off(LEAD.len()),
        }
    }
    let mut out = String::with_capacity(text.len());
    for c in text[LEAD.len()..].chars() {
        if c.is_ascii_punctuation() && c != '|' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(|run| run.chars().count()).max().unwrap_or(0)
}

/// The whole text as one ```` ```text ```` block: the last resort, where nothing is parsed.
fn fenced(text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
    format!("{fence}text\n{}\n{fence}", text.trim_end_matches('\n'))
}

/// One pass: every construct that must not reach rustdoc as it is, and the change that defuses it.
/// `None` when there is none. Bytes before `keep` are never changed (see [`inline`]).
fn patch(text: &str, keep: usize) -> Option<String> {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut parser = Parser::new_ext(text, options()).into_offset_iter();
    // How many container blocks (quotes, list items, footnotes) the parser is in.
    let mut depth = 0usize;
    let mut in_code = false;
    // An indented code block being read: its range and where each of its Text events starts.
    let mut indented: Option<(Range<usize>, Vec<usize>)> = None;
    for (event, range) in parser.by_ref() {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::Item | Tag::FootnoteDefinition(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::FootnoteDefinition) => {
                depth = depth.saturating_sub(1)
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                in_code = true;
                fenced_block(text, range, &info, depth, &mut edits);
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                in_code = true;
                indented = Some((range, Vec::new()));
            }
            Event::Text(_) if in_code => {
                if let Some((_, starts)) = indented.as_mut() {
                    starts.push(range.start);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                if let Some((block, starts)) = indented.take()
                    && !indented_block(text, block, &starts, &mut edits)
                {
                    // Tabs in the indentation: expand them (as `tidy_markdown` does) and retry;
                    // a shape this does not know: fence the whole text.
                    return Some(match text.contains('\t') {
                        true => format!("{}{}", &text[..keep], text[keep..].replace('\t', "    ")),
                        false => fenced(text),
                    });
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => escape_tags(text, range, &mut edits),
            Event::Text(_) => {
                if keep > 0 {
                    escape_backticks(text, range.clone(), &mut edits);
                }
                escape_text_tags(text, range, &mut edits)
            }
            Event::Start(Tag::Link { link_type, dest_url, .. } | Tag::Image { link_type, dest_url, .. })
                if !safe_url(&dest_url) =>
            {
                defuse_link(text, range, link_type, &mut edits)
            }
            _ => {}
        }
    }
    for (_, def) in parser.reference_definitions().iter() {
        if !safe_url(&def.dest)
            && let Some(at) = text.get(def.span.clone()).and_then(|s| s.find('['))
        {
            edits.push((def.span.start + at..def.span.start + at, "\\".into()));
        }
    }
    edits.retain(|(r, _)| r.start >= keep);
    if edits.is_empty() {
        return None;
    }
    // Apply in one pass, in order, skipping any edit that overlaps one already applied (the next
    // pass sees what is left). Of two edits at one place, the one found first comes first.
    let mut edits: Vec<(usize, (Range<usize>, String))> = edits.into_iter().enumerate().collect();
    edits.sort_by_key(|(i, (range, _))| (range.start, *i));
    let mut out = String::with_capacity(text.len() + 16 * edits.len());
    let mut done = 0;
    for (_, (range, with)) in edits {
        let Some(before) = text.get(done..range.start).filter(|_| range.end <= text.len()) else { continue };
        out.push_str(before);
        out.push_str(&with);
        done = range.end;
    }
    out.push_str(&text[done..]);
    Some(out)
}

/// A fenced code block: its info string becomes `text` unless it is a plain language, and, at the
/// top level, a fence left open at the end of the text is closed.
fn fenced_block(text: &str, range: Range<usize>, info: &str, depth: usize, edits: &mut Vec<(Range<usize>, String)>) {
    let Some(block) = text.get(range.clone()) else { return };
    let Some(fence_char) = block.chars().next().filter(|c| *c == '`' || *c == '~') else { return };
    let fence_len = block.chars().take_while(|c| *c == fence_char).count();
    let line_end = block.find('\n').unwrap_or(block.len());
    let language = info.trim();
    let plain_language = LANGUAGES.iter().any(|l| l.eq_ignore_ascii_case(language)) && language == info;
    if !plain_language {
        edits.push((range.start + fence_len..range.start + line_end, "text".into()));
    }
    if depth == 0 && !closed(block, fence_char, fence_len) && text[range.end..].trim().is_empty() {
        let fence = fence_char.to_string().repeat(fence_len);
        let sep = if text.ends_with('\n') { "" } else { "\n" };
        edits.push((text.len()..text.len(), format!("{sep}{fence}")));
    }
}

/// Whether a top-level fenced block's last line is its closing fence.
fn closed(block: &str, fence_char: char, fence_len: usize) -> bool {
    let Some((_, last)) = block.trim_end_matches('\n').rsplit_once('\n') else { return false };
    let last = last.trim();
    last.chars().count() >= fence_len && last.chars().all(|c| c == fence_char)
}

/// An indented code block as a ```` ```text ```` block, each line keeping its container prefix
/// (`> `, a list item's indentation) and losing the four columns that made it code. `false` when
/// a line's indentation is not four spaces after its container (tabs).
fn indented_block(text: &str, block: Range<usize>, starts: &[usize], edits: &mut Vec<(Range<usize>, String)>) -> bool {
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let content = text.get(block.clone()).unwrap_or_default();
    let fence = "`".repeat(longest_run(content, '`').max(2) + 1);
    let mut first_container = None;
    let mut last_line_end = block.start;
    let mut last_line = None;
    for &start in starts {
        let ls = line_start(start);
        if last_line == Some(ls) {
            continue;
        }
        last_line = Some(ls);
        let prefix = &text[ls..start];
        if prefix.contains('\t') {
            return false;
        }
        let Some(container) = prefix.strip_suffix("    ") else { return false };
        // The container with list markers as spaces: what continues the same blocks.
        let continued: String = container.chars().map(|c| if c == '>' { '>' } else { ' ' }).collect();
        if first_container.is_none() {
            edits.push((ls..start, format!("{container}{fence}text\n{continued}")));
            first_container = Some(continued);
        } else {
            edits.push((ls..start, container.to_owned()));
        }
        last_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i + 1);
    }
    let Some(continued) = first_container else { return true };
    // The last line that holds code (Text events can carry blank lines after it).
    let code_end = block.start + content.trim_end().len();
    if code_end > last_line_end {
        last_line_end = text[code_end..].find('\n').map_or(text.len(), |i| code_end + i + 1);
    }
    let sep = if text[..last_line_end].ends_with('\n') { "" } else { "\n" };
    edits.push((last_line_end..last_line_end, format!("{sep}{continued}{fence}\n")));
    true
}

/// HTML: every `<` that does not open an allowed tag ([`TAGS`]) becomes `&lt;`.
fn escape_tags(text: &str, range: Range<usize>, edits: &mut Vec<(Range<usize>, String)>) {
    let Some(html) = text.get(range.clone()) else { return };
    for (i, _) in html.match_indices('<') {
        if allowed_tag(&html[i..]).is_none() {
            edits.push((range.start + i..range.start + i + 1, "&lt;".into()));
        }
    }
}

/// Text: a `<` that starts what could be a tag becomes `&lt;` (rendered the same), in case
/// rustdoc's parser reads as HTML what this one read as text.
fn escape_text_tags(text: &str, range: Range<usize>, edits: &mut Vec<(Range<usize>, String)>) {
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

/// Inline text: a backtick left as text (it opens no code span here) is escaped, so it cannot
/// pair with one in the text around it and turn what lies between into a code span or out of one.
fn escape_backticks(text: &str, range: Range<usize>, edits: &mut Vec<(Range<usize>, String)>) {
    let Some(source) = text.get(range.clone()) else { return };
    for (i, _) in source.match_indices('`') {
        if !backslashed(text.as_bytes(), range.start + i) {
            edits.push((range.start + i..range.start + i, "\\".into()));
        }
    }
}

/// Whether the byte at `at` follows an odd number of backslashes (is escaped).
fn backslashed(bytes: &[u8], at: usize) -> bool {
    bytes[..at].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 1
}

/// The length of the allowed tag `html` starts with: `<b>`, `</b>`, `<br/>`, `<br />`.
fn allowed_tag(html: &str) -> Option<usize> {
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
fn defuse_link(text: &str, range: Range<usize>, link_type: LinkType, edits: &mut Vec<(Range<usize>, String)>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code block in `text`, with whether rustdoc would test it, and whether any HTML or
    /// unsafe link is left.
    fn dangers(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut parser = Parser::new_ext(text, options()).into_offset_iter();
        for (event, _) in parser.by_ref() {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => found.push("indented code".into()),
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if !LANGUAGES.iter().any(|l| l.eq_ignore_ascii_case(&info)) =>
                {
                    found.push(format!("code block {info:?}"))
                }
                Event::Html(h) | Event::InlineHtml(h)
                    if h.match_indices('<').any(|(i, _)| allowed_tag(&h[i..]).is_none()) =>
                {
                    found.push(format!("html {h:?}"))
                }
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) if !safe_url(&dest_url) => {
                    found.push(format!("link {dest_url:?}"))
                }
                _ => {}
            }
        }
        for (_, def) in parser.reference_definitions().iter() {
            if !safe_url(&def.dest) {
                found.push(format!("definition {:?}", def.dest));
            }
        }
        found
    }

    #[track_caller]
    fn safe(input: &str) -> String {
        let out = markdown(input);
        assert_eq!(dangers(&out), Vec::<String>::new(), "{input:?} became {out:?}");
        assert_eq!(markdown(&out), out, "not stable: {out:?}");
        out
    }

    #[test]
    fn text_without_constructs_is_unchanged() {
        // (A `<` before a letter that is text all the same becomes `&lt;`: rendered alike.)
        assert_eq!(markdown("List <string"), "List &lt;string");
        for text in [
            "Plain text.\n\n- a list\n- [a link](https://example.com) and [`Client::x`](crate::Client::x)",
            "A `code span` with <b>bold</b>, <br/> and a [fragment](#x), a ```json {} ``` span",
            "| a | b |\n|---|---|\n| 1 < 2 | x |",
            "```json\n{\"a\": 1}\n```",
            "a <= b, <10 items, a < b",
        ] {
            assert_eq!(markdown(text), text);
        }
    }

    #[test]
    fn code_blocks_become_text_blocks() {
        assert_eq!(safe("```rust\nstd::process::exit(1);\n```"), "```text\nstd::process::exit(1);\n```");
        assert_eq!(safe("```\nfn main() {}\n```"), "```text\nfn main() {}\n```");
        assert_eq!(safe("~~~ should_panic\npanic!()\n~~~"), "~~~text\npanic!()\n~~~");
        for info in ["rust,ignore", "edition2021", "compile_fail", "{.class}", "json,rust", "text rust", "&#114;ust"] {
            let out = safe(&format!("```{info}\nx\n```"));
            assert_eq!(out, "```text\nx\n```", "{info}");
        }
        assert_eq!(safe("```JSON\n{}\n```"), "```JSON\n{}\n```");
        assert_eq!(safe("> ```\n> code\n> ```"), "> ```text\n> code\n> ```");
        assert_eq!(safe("- item\n\n  ```rust\n  code\n  ```"), "- item\n\n  ```text\n  code\n  ```");
    }

    #[test]
    fn indented_code_becomes_a_text_block() {
        assert_eq!(
            safe("Intro:\n\n    let x = 1;\n    x\n\nAfter."),
            "Intro:\n\n```text\nlet x = 1;\nx\n```\n\nAfter."
        );
        assert_eq!(safe("    only code"), "```text\nonly code\n```\n");
        assert_eq!(
            safe("- item\n\n        code1\n\n        code2\n"),
            "- item\n\n  ```text\n    code1\n\n    code2\n  ```\n"
        );
        assert_eq!(safe("> quote\n>\n>     qcode\n>     more\n"), "> quote\n>\n> ```text\n> qcode\n> more\n> ```\n");
        assert_eq!(safe("-     first\n      more\n"), "- ```text\n  first\n  more\n  ```\n");
        assert_eq!(safe("\tfn main() {}"), "```text\nfn main() {}\n```\n");
        safe("    ```\n    fn main() {}\n    ```");
        safe("1. a\n   > - b\n   >\n   >       code\n");
    }

    #[test]
    fn unclosed_fences_are_closed() {
        assert_eq!(safe("Intro\n```rust\nfn main() {}"), "Intro\n```text\nfn main() {}\n```");
        assert_eq!(safe("````\nx\n```\n"), "````text\nx\n```\n````");
        assert_eq!(safe("~~~"), "~~~text\n~~~");
    }

    #[test]
    fn html_is_escaped_but_plain_formatting() {
        assert_eq!(safe("<script>alert(1)</script>"), "&lt;script>alert(1)&lt;/script>");
        assert_eq!(safe("a <img src=x onerror=alert(1)> b"), "a &lt;img src=x onerror=alert(1)> b");
        assert_eq!(safe("<b onclick=x>b</b>"), "&lt;b onclick=x>b</b>");
        assert_eq!(safe("<iframe src=javascript:x>"), "&lt;iframe src=javascript:x>");
        assert_eq!(safe("<div>\n<b>x</b>\n</div>"), "&lt;div>\n<b>x</b>\n&lt;/div>");
        // A comment or `<pre>` that runs to the end no longer hides what follows it.
        let out = safe("<!-- hidden\n\n```rust\nfn main() {}\n```\n[a]: javascript:alert(1)");
        assert!(out.starts_with("&lt;!-- hidden"), "{out}");
        let out = safe("<pre>\n<script>x</script>");
        assert!(out.starts_with("&lt;pre>"), "{out}");
    }

    #[test]
    fn bad_links_become_text() {
        assert_eq!(safe("[x](javascript:alert(1))"), "\\[x](javascript:alert(1))");
        assert_eq!(safe("![x](data:text/html,x)"), "!\\[x](data:text/html,x)");
        assert_eq!(safe("<javascript:alert(1)>"), "&lt;javascript:alert(1)>");
        assert_eq!(safe("[x](<JaVa\tScRiPt:alert(1)>)"), "\\[x](&lt;JaVa\tScRiPt:alert(1)>)");
        assert_eq!(safe("[x](&#106;avascript:alert(1))"), "\\[x](&#106;avascript:alert(1))");
        assert_eq!(safe("[x][r]\n\n[r]: vbscript:x"), "\\[x]\\[r]\n\n\\[r]: vbscript:x");
        // A definition that no link uses is defused too: generated text may use the label.
        assert_eq!(safe("[`Client`]: javascript:x"), "\\[`Client`]: javascript:x");
        for good in ["https://x.y/a", "http://x", "mailto:a@b.c", "#frag", "rel/a:b", "crate::Client::get", "Client"] {
            assert!(safe_url(good), "{good}");
        }
        for bad in ["javascript:x", " javascript:x", "\u{1}javascript:x", "data:x", "vbscript:x", "file:///etc"] {
            assert!(!safe_url(bad), "{bad}");
        }
        // Rust paths start with a root no browser reads as a scheme: `javascript::x` is a URL.
        for good in ["crate::Client", "self::x", "super::a::b", "Self::get", "std::vec::Vec", "core::fmt"] {
            assert!(safe_url(good), "{good}");
        }
        for bad in [
            "javascript::x",
            "JavaScript::alert",
            "data::x",
            "vbscript::x",
            "file::x",
            "steam::run",
            "Client::x",
            "crate:x",
            "crate::",
            "crate:::x",
            "crate::1x",
            "\tjavascript::x",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
        assert_eq!(safe("[x](javascript::alert)"), "\\[x](javascript::alert)");
        assert_eq!(safe("[x][r]\n\n[r]: data::text"), "\\[x]\\[r]\n\n\\[r]: data::text");
    }

    #[test]
    fn characters_rustc_refuses_are_written_out() {
        assert_eq!(chars("a\r\nb\rc\u{202e}d\u{7}\u{2066}"), "a\nb\nc\\u{202e}d\\u{7}\\u{2066}");
        assert_eq!(markdown("x\u{202E}"), "x\\u{202e}");
        assert_eq!(plain("a\nb\u{0}\tc"), "a b\\u{0} c");
        assert!(matches!(chars("plain ü"), Cow::Borrowed(_)));
    }

    #[test]
    fn terminal_and_runtime_text_write_out_what_acts_on_a_terminal() {
        assert_eq!(terminal("a\u{1b}[31m\r\tb\nc\u{202e}"), "a\\u{1b}[31m\\u{d}\\u{9}b\nc\\u{202e}");
        assert_eq!(terminal_line("a\nb"), "a\\u{a}b");
        assert!(matches!(terminal("plain ü\n"), Cow::Borrowed(_)));
        assert_eq!(runtime("Not\r\nfound \u{1b}[2J\u{2067}"), "Not found \\u{1b}[2J\\u{2067}");
        let long = runtime(&"é".repeat(500));
        assert_eq!(long.chars().count(), RUNTIME_CHARS);
        assert!(long.ends_with("é…"));
        assert_eq!(runtime(&"x".repeat(RUNTIME_CHARS)), "x".repeat(RUNTIME_CHARS));
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("name"), "`name`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a\nb\u{202e}"), "`a\\nb\\u{202e}`");
    }

    #[test]
    fn inline_text_stays_on_one_line() {
        assert_eq!(inline("A summary"), "A summary");
        assert_eq!(inline("```rust\nfn main() {}\n```"), "```rust fn main() {} ```");
        assert_eq!(inline("# x <script>y</script>"), "# x &lt;script>y&lt;/script>");
        assert_eq!(inline("[x](javascript:y)"), "\\[x](javascript:y)");
        // A backtick that opens no span here must not pair with one in the text around it.
        assert_eq!(inline("T `<script>[`Client`]:"), "T `<script>[`Client\\`]:");
        assert_eq!(inline("a ` b"), "a \\` b");
    }

    /// Pieces that make Markdown constructs, glued at random.
    fn hostile_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("```"),
            Just("~~~"),
            Just("rust"),
            Just(",ignore"),
            Just("{.c}"),
            Just("\n"),
            Just("\n\n"),
            Just("    "),
            Just("\t"),
            Just("> "),
            Just("- "),
            Just("1. "),
            Just("<script>"),
            Just("</script>"),
            Just("<!--"),
            Just("-->"),
            Just("<pre>"),
            Just("<b>"),
            Just("<img src=x onerror=y>"),
            Just("<br/>"),
            Just("["),
            Just("]"),
            Just("("),
            Just(")"),
            Just("[a]: "),
            Just("javascript:x"),
            Just("https://e.x"),
            Just("<javascript:y>"),
            Just("!"),
            Just("`"),
            Just("\\"),
            Just("|"),
            Just("\r"),
            Just("\u{202e}"),
            Just("\u{7}"),
            Just("x"),
            Just("fn main() {}"),
            Just("#"),
            Just("é"),
            Just("\u{2028}"),
            Just("  "),
            Just("[^1]: "),
            Just("[^1]"),
            Just("---"),
            Just("<table>"),
            Just("&#96;"),
            Just("&lt;"),
            Just("<details open>"),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, failure_persistence: None, ..Default::default() })]

        #[test]
        fn any_text_comes_out_safe_and_stable(text in hostile_text()) {
            let out = markdown(&text);
            proptest::prop_assert_eq!(dangers(&out), Vec::<String>::new(), "{:?} became {:?}", text, out);
            proptest::prop_assert_eq!(&markdown(&out), &out);
            proptest::prop_assert!(!out.chars().any(|c| c == '\r' || escaped(c)));
            let line = inline(&text);
            proptest::prop_assert!(!line.contains('\n'));
            proptest::prop_assert_eq!(dangers(&format!("x {line}")), Vec::<String>::new(), "{:?} became {:?}", text, line);
        }
    }

    #[test]
    fn large_texts_take_linear_time() {
        let started = std::time::Instant::now();
        let tags = "a <x b `c ".repeat(100_000);
        let code = format!("Code:\n\n{}", "    line\n".repeat(100_000));
        let links = "[x](javascript:y) ".repeat(50_000);
        for text in [&tags, &code, &links] {
            assert!(dangers(&markdown(text)).is_empty());
            inline(text);
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    }
}
