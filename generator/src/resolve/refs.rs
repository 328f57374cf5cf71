//! Following `$ref`s to components (parameters, request bodies, responses), shared by the
//! resolver and the drift report. A reference gives the item and the JSON pointer it lives at,
//! or a message saying what is wrong with it.

use openapiv3::{Header, OpenAPI, Parameter, ReferenceOr, RequestBody, Response};

/// The item `r` stands for, and its pointer (`ptr` when inline, the component's when referenced).
fn follow<'a, T>(
    r: &'a ReferenceOr<T>,
    ptr: &str,
    section: &str,
    what: &str,
    get: impl Fn(&str) -> Option<&'a ReferenceOr<T>>,
) -> Result<(&'a T, String), String> {
    match r {
        ReferenceOr::Item(item) => Ok((item, ptr.to_owned())),
        ReferenceOr::Reference { reference } if !reference.starts_with('#') => Err(format!(
            "external $ref {reference:?} is not supported: every spec file is merged into one document, so refer to `#/components/{section}/...`"
        )),
        ReferenceOr::Reference { reference } => {
            let prefix = format!("#/components/{section}/");
            let name = reference.strip_prefix(&prefix).map(crate::diag::unescape_token);
            match name.as_deref().and_then(get) {
                Some(ReferenceOr::Item(item)) => Ok((item, reference.trim_start_matches('#').to_owned())),
                Some(ReferenceOr::Reference { .. }) => {
                    Err(format!("$ref {reference:?} points at another $ref; chains are not supported yet"))
                }
                None => Err(format!("$ref {reference:?} does not point at a {what}")),
            }
        }
    }
}

pub fn parameter<'a>(
    spec: &'a OpenAPI,
    r: &'a ReferenceOr<Parameter>,
    ptr: &str,
) -> Result<(&'a Parameter, String), String> {
    follow(r, ptr, "parameters", "parameter", |n| spec.components.as_ref()?.parameters.get(n))
}

pub fn request_body<'a>(
    spec: &'a OpenAPI,
    r: &'a ReferenceOr<RequestBody>,
    ptr: &str,
) -> Result<(&'a RequestBody, String), String> {
    follow(r, ptr, "requestBodies", "request body", |n| spec.components.as_ref()?.request_bodies.get(n))
}

pub fn response<'a>(
    spec: &'a OpenAPI,
    r: &'a ReferenceOr<Response>,
    ptr: &str,
) -> Result<(&'a Response, String), String> {
    follow(r, ptr, "responses", "response", |n| spec.components.as_ref()?.responses.get(n))
}

pub fn header<'a>(spec: &'a OpenAPI, r: &'a ReferenceOr<Header>, ptr: &str) -> Result<(&'a Header, String), String> {
    follow(r, ptr, "headers", "header", |n| spec.components.as_ref()?.headers.get(n))
}

/// A media type without its parameters, lower case: `Application/JSON; charset=utf-8` →
/// `application/json`.
pub fn essence(media: &str) -> String {
    media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// Whether a media type is JSON: `application/json`, `*/*+json`, or `*/*`.
pub fn is_json(media: &str) -> bool {
    let essence = essence(media);
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*"
}
