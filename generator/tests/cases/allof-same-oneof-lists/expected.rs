// src/types.rs
/// The shape, again.
///
/// One of several shapes, tried in order; a value matching none is kept in `Other`. Non-exhaustive: a shape the spec adds later is a new variant.
/// - Used by [`Client::get_x`](crate::Client::get_x): `200`
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum GetXResponse {
    Circle(crate::types::Circle),
    Square(crate::types::Square),
    /// A value that matches none of the documented shapes.
    Other(::serde_json::Value),
}
