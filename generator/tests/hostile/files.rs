//! The specs folder: special files, symlink loops, size limits, empty folders, read errors.

#[allow(unused_imports)]
use super::*;
