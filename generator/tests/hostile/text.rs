//! Spec text that could become code: Markdown code blocks, HTML, control and bidi characters.

#[allow(unused_imports)]
use super::*;
