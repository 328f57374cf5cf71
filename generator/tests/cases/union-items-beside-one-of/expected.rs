// src/types.rs
/// One of several shapes, tried in order; a value matching none is kept in `Other`. Non-exhaustive: a shape the spec adds later is a new variant.
/// - Used by [`Client::get_cmd`](crate::Client::get_cmd): `200`
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Command {
    StringList(::std::vec::Vec<::std::string::String>),
    String(::std::string::String),
    IntegerList(::std::vec::Vec<i64>),
    /// A value that matches none of the documented shapes.
    Other(::serde_json::Value),
}
