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
//!
//! The Markdown rewriting lives in `markdown` (code blocks, the patch-and-parse-again loop) and
//! `html` (tags, links and their destinations); this module holds the character-level escaping
//! every function shares.

use std::borrow::Cow;
use std::fmt::Write as _;

mod html;
mod markdown;

pub use self::html::{PATH_ROOTS, TAGS, safe_url};
pub use self::markdown::{LANGUAGES, inline, markdown};

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

/// The longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(|run| run.chars().count()).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

    use super::html::allowed_tag;
    use super::markdown::options;
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
    fn list_continuations_come_back_to_the_item_column() {
        // clippy's `doc_overindented_list_items` refuses a continuation indented past its item.
        let text = "- one and\n      more\n- two\n  * nested\n        deeper\n10. ten\n        on\n\nafter";
        assert_eq!(markdown(text), "- one and\n  more\n- two\n  * nested\n    deeper\n10. ten\n    on\n\nafter");
        // And one short of it (a lazy continuation, as clippy's `doc_lazy_continuation` says).
        let lazy = "Limits:\n  * one that\n  goes on\n  * two\n    * nested\nlazy";
        assert_eq!(markdown(lazy), "Limits:\n  * one that\n    goes on\n  * two\n    * nested\n      lazy");
        // At the item's column, outside a list, or in a quote, nothing moves.
        for kept in ["- one\n  two", "text\n      not in a list", "- a\n  b\n\n  c", "- a\n  > b\n  > c"] {
            assert_eq!(markdown(kept), kept);
        }
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
