//! Markdown: a spec description (or a line of one) rewritten so that rustdoc neither runs nor
//! renders as HTML anything in it: [`markdown`] and [`inline`] parse the text as rustdoc does and
//! patch only the offending ranges (code blocks here, HTML and links in [`super::html`]), then
//! parse again until nothing is left to change (see [`crate::spectext`] for the rules).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::html::{backslashed, defuse_link, escape_tags, escape_text_tags, safe_url};
use super::{chars, longest_run, one_line};

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

/// How many times a text is patched and parsed again before it is fenced whole.
const ROUNDS: usize = 8;

/// rustdoc's Markdown options (`main_body_opts` in `src/librustdoc/html/markdown.rs`).
pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// A spec description as a block of Markdown that is safe to write into docs (see [`crate::spectext`]).
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

/// The column a list item's text starts at, from where the item starts: its line's indentation,
/// the marker (`-`, `*`, `+`, `1.`, `1)`) and the spaces after it (one when more than four, as
/// CommonMark reads them).
fn item_content_column(text: &str, start: usize) -> usize {
    // An item's range starts at its line's indentation when the list starts the line.
    let start = start + text[start..].bytes().take_while(|b| *b == b' ').count();
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = start - line_start;
    let rest = &text.as_bytes()[start..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let marker = if digits > 0 { digits + 1 } else { 1 };
    let after = rest.get(marker..).unwrap_or_default();
    let spaces = after.iter().take_while(|b| **b == b' ').count();
    let spaces = if spaces == 0 || spaces > 4 { 1 } else { spaces };
    indent + marker + spaces
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
    // The column each open list item's text starts at, innermost last.
    let mut items: Vec<usize> = Vec::new();
    for (event, range) in parser.by_ref() {
        match event {
            Event::Start(Tag::Item) => {
                depth += 1;
                items.push(item_content_column(text, range.start));
            }
            Event::End(TagEnd::Item) => {
                depth = depth.saturating_sub(1);
                items.pop();
            }
            // A line that goes on a list item's text, indented past it or short of it (a lazy
            // continuation): clippy's `doc_overindented_list_items` and `doc_lazy_continuation`
            // refuse both, so it is brought to the item's column. A quote's line keeps its place.
            Event::SoftBreak if !in_code => {
                if let Some(&column) = items.last() {
                    let spaces = text[range.end..].bytes().take_while(|b| *b == b' ').count();
                    let quoted = text[range.end + spaces..].starts_with('>');
                    if spaces != column && !quoted {
                        edits.push((range.end..range.end + spaces, " ".repeat(column)));
                    }
                }
            }
            Event::Start(Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => depth = depth.saturating_sub(1),
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
