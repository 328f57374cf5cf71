//! Duplicate keys and `$ref`s that loop, point at the wrong thing or are malformed.

#[allow(unused_imports)]
use super::*;
