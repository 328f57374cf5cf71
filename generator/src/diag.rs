//! Diagnostics: what went wrong with the input, and where.
//!
//! Every stage reports problems as [`Diagnostic`]s that carry a [`Location`]: the spec file and the
//! JSON pointer inside it (plus line and column when a parser gave one). Stages collect all the
//! problems they can find instead of stopping at the first; [`Diagnostics`] sorts them by location
//! so a run prints the same report whatever order the work happened in. A [`Warning`] is a
//! diagnostic that does not fail the run. Nothing here panics.

use std::fmt;

pub mod report;

use crate::spectext::{terminal, terminal_line};

/// A place in the input: a file (relative to the specs folder) and a JSON pointer inside it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: String,
    /// RFC 6901 JSON pointer, `""` for the whole document.
    pub pointer: String,
    /// 1-based line and column, when known.
    pub line_col: Option<(usize, usize)>,
}

impl Location {
    pub fn new(file: impl Into<String>, pointer: impl Into<String>) -> Self {
        Location { file: file.into(), pointer: pointer.into(), line_col: None }
    }

    /// The location of a child member: `self.pointer + "/" + escaped(token)`.
    pub fn join(&self, token: impl fmt::Display) -> Self {
        Location { file: self.file.clone(), pointer: join_pointer(&self.pointer, &token.to_string()), line_col: None }
    }
}

/// Shown with control characters and bidirectional controls in the file name and pointer written
/// out (`\u{1b}`): both come from the input.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", terminal_line(&self.file))?;
        if let Some((line, col)) = self.line_col {
            write!(f, ":{line}:{col}")?;
        }
        if !self.pointer.is_empty() {
            write!(f, "#{}", terminal_line(&self.pointer))?;
        }
        Ok(())
    }
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 requires.
pub fn join_pointer(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Where a value sits while a reader walks a document: its parent and its key or index, kept on the
/// stack and turned into a JSON pointer only when a report needs one.
#[derive(Clone, Copy, Debug)]
pub enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    /// The RFC 6901 JSON pointer of this place (`""` for the root).
    pub fn pointer(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => join_pointer(&parent.pointer(), key),
            Path::Index(parent, i) => join_pointer(&parent.pointer(), &i.to_string()),
        }
    }
}

/// The 1-based line and column of byte `offset` in `text` (of the character it is in), the column
/// counted in characters as editors and rustc count it: the one way every location here is given,
/// whether its parser counts characters (serde_norway) or bytes (serde_json, toml's spans).
pub fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let is_continuation = |b: &u8| b & 0xC0 == 0x80;
    let mut offset = offset.min(text.len());
    while offset > 0 && text.get(offset).is_some_and(is_continuation) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before[..line_start].iter().filter(|&&b| b == b'\n').count() + 1;
    (line, before[line_start..].iter().filter(|b| !is_continuation(b)).count() + 1)
}

/// A secondary message, usually pointing at the other half of a conflict.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    pub message: String,
    pub location: Option<Location>,
}

/// One problem with the input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub location: Location,
    pub message: String,
    pub notes: Vec<Note>,
}

impl Diagnostic {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { location, message: message.into(), notes: Vec::new() }
    }

    /// Adds a note that points at another location ("first defined here").
    pub fn note_at(mut self, message: impl Into<String>, location: Location) -> Self {
        self.notes.push(Note { message: message.into(), location: Some(location) });
        self
    }

    /// Adds a note without a location ("help: ...").
    pub fn note(mut self, message: impl Into<String>) -> Self {
        self.notes.push(Note { message: message.into(), location: None });
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.render(f, "error")
    }
}

/// A diagnostic that does not fail the run: input skipped on purpose (a folder link in the specs
/// folder) or left out of the client as a rule says (OpenAPI's ignored header parameters).
/// Generation goes on, and the CLI prints it as `warning:`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning(pub Diagnostic);

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.render(f, "warning")
    }
}

impl Diagnostic {
    /// The report as the terminal shows it. Messages quote spec text (keys, names, values), so every
    /// control character but LF and the bidirectional controls are written out (`\u{1b}`) here, the
    /// one place a diagnostic becomes text: spec text cannot drive the terminal or a CI log.
    fn render(&self, f: &mut fmt::Formatter<'_>, label: &str) -> fmt::Result {
        writeln!(f, "{label}: {}", terminal(&self.message))?;
        write!(f, "  --> {}", self.location)?;
        for note in &self.notes {
            match &note.location {
                Some(at) => write!(f, "\n  note: {}\n    --> {at}", terminal(&note.message))?,
                None => write!(f, "\n  = {}", terminal(&note.message))?,
            }
        }
        Ok(())
    }
}

/// All the problems of one run, sorted by location, duplicates removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new(mut list: Vec<Diagnostic>) -> Self {
        list.sort();
        list.dedup();
        Diagnostics(list)
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The last line of a failed run: how many errors it had.
    pub fn summary(&self) -> String {
        let n = self.0.len();
        format!("error: generation failed with {n} error{}", if n == 1 { "" } else { "s" })
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}\n")?;
        }
        f.write_str(&self.summary())
    }
}

impl std::error::Error for Diagnostics {}

/// Collects diagnostics while a stage goes on with the rest of its input.
#[derive(Debug, Default)]
pub struct Sink(Vec<Diagnostic>);

impl Sink {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Records the error of `r`, if any, and returns its value.
    pub fn take<T>(&mut self, r: Result<T, Diagnostic>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(d) => {
                self.0.push(d);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Err` with every report so far, if there is one; the sink is then empty.
    pub fn check(&mut self) -> Result<(), Diagnostics> {
        if self.0.is_empty() { Ok(()) } else { Err(Diagnostics::new(std::mem::take(&mut self.0))) }
    }

    /// `Ok(value)` when nothing was reported, else every report.
    pub fn finish<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() { Ok(value) } else { Err(Diagnostics::new(self.0)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(join_pointer("/paths", "/api/v1/{id}"), "/paths/~1api~1v1~1{id}");
        assert_eq!(join_pointer("", "a~b"), "/a~0b");
    }

    #[test]
    fn columns_count_characters() {
        let text = "ab\n\u{e9}t\u{e9}\n";
        assert_eq!(line_col(text.as_bytes(), 0), (1, 1));
        assert_eq!(line_col(text.as_bytes(), 3), (2, 1));
        assert_eq!(line_col(text.as_bytes(), 5), (2, 2));
        assert_eq!(line_col(text.as_bytes(), 6), (2, 3));
        assert_eq!(line_col(text.as_bytes(), 7), (2, 3), "inside a character: its column");
        assert_eq!(line_col(text.as_bytes(), 8), (2, 4));
        assert_eq!(line_col(text.as_bytes(), 99), (3, 1));
    }

    #[test]
    fn display_names_file_pointer_and_note() {
        let d = Diagnostic::new(Location::new("a.json", "/paths/~1x/get"), "conflict")
            .note_at("first defined here", Location::new("b.json", "/paths/~1x/get"));
        assert_eq!(
            d.to_string(),
            "error: conflict\n  --> a.json#/paths/~1x/get\n  note: first defined here\n    --> b.json#/paths/~1x/get"
        );
    }

    #[test]
    fn warnings_read_like_errors() {
        let d = Diagnostic::new(Location::new("specs/loop", ""), "skipped").note("why");
        assert_eq!(Warning(d).to_string(), "warning: skipped\n  --> specs/loop\n  = why");
    }

    #[test]
    fn terminal_controls_are_written_out() {
        let d = Diagnostic::new(Location::new("a\u{1b}[2J.json", "/x\ny\u{202e}"), "bad \u{1b}]0;t\u{7}\rkey\nnext")
            .note("\u{2066}why\t");
        assert_eq!(
            d.to_string(),
            "error: bad \\u{1b}]0;t\\u{7}\\u{d}key\nnext\n  --> a\\u{1b}[2J.json#/x\\u{a}y\\u{202e}\n  = \\u{2066}why\\u{9}"
        );
    }

    #[test]
    fn diagnostics_are_sorted_by_location() {
        let ds = Diagnostics::new(vec![
            Diagnostic::new(Location::new("b.json", ""), "x"),
            Diagnostic::new(Location::new("a.json", "/z"), "y"),
            Diagnostic::new(Location::new("a.json", "/a"), "z"),
        ]);
        let order: Vec<_> = ds.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["z", "y", "x"]);
    }
}
