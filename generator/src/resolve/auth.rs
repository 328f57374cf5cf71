//! Security: an operation's requirements (or the document's) → alternatives of schemes, each a
//! scheme of the client ([`AuthScheme`]) read from `components/securitySchemes` once, and the
//! names of the client's setters for them.

use openapiv3::{OpenAPI, SecurityScheme};

use super::refs;
use crate::diag::{Diagnostic, join_pointer};
use crate::ir::{ApiKeyIn, AuthKind, AuthScheme, SchemeIdx};
use crate::merge::Origins;
use crate::naming::{CLIENT_MEMBERS, Case, Uniquifier, sanitize};
use crate::openapi::PathOp;

/// The operation's security alternatives, as indices into `schemes` (which grows as needed).
pub(super) fn alternatives(
    spec: &OpenAPI,
    r: &PathOp<'_>,
    origins: &Origins,
    schemes: &mut Vec<AuthScheme>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Vec<SchemeIdx>> {
    let Some(requirements) = r.op.security.as_ref().or(spec.security.as_ref()) else { return Vec::new() };
    let at = if r.op.security.is_some() { join_pointer(&r.pointer, "security") } else { "/security".to_owned() };
    let defined = spec.components.as_ref().map(|c| &c.security_schemes);
    let mut alternatives = Vec::new();
    for requirement in requirements {
        let mut alternative = Vec::new();
        for name in requirement.keys() {
            let kind = match defined.and_then(|d| d.get(name)) {
                Some(scheme) => refs::follow(spec, scheme, &join_pointer("/components/securitySchemes", name))
                    .and_then(|(s, _)| auth_kind(s)),
                None => Err(format!("security scheme {name:?} is not defined in components/securitySchemes")),
            };
            let kind = match kind {
                Ok(kind) => kind,
                Err(message) => {
                    errors.push(Diagnostic::new(origins.locate(&at), message));
                    continue;
                }
            };
            let index = match schemes.iter().position(|s| &s.key == name) {
                Some(i) => i,
                None => {
                    if let AuthKind::ApiKey { location, name: wire } = &kind {
                        let place = match location {
                            ApiKeyIn::Header => "header",
                            ApiKeyIn::Query => "query",
                            ApiKeyIn::Cookie => "cookie",
                        };
                        if let Some(problem) = crate::checks::wire_name(place, wire) {
                            errors.push(Diagnostic::new(
                                origins.locate(&join_pointer("/components/securitySchemes", name)),
                                format!("API key {place} name {wire:?} {problem}"),
                            ));
                            continue;
                        }
                    }
                    schemes.push(AuthScheme { key: name.clone(), kind, setter: String::new(), field: String::new() });
                    schemes.len() - 1
                }
            };
            alternative.push(SchemeIdx::new(index));
        }
        alternatives.push(alternative);
    }
    // An anonymous alternative (`{}`) needs nothing: it is what the client does anyway when no
    // listed alternative has all its credentials configured.
    alternatives.retain(|a| !a.is_empty());
    alternatives
}

/// What a security scheme asks of the client; an error for a scheme name no header can carry.
fn auth_kind(scheme: &SecurityScheme) -> Result<AuthKind, String> {
    Ok(match scheme {
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
            AuthKind::Token { scheme: "Bearer".into() }
        }
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => AuthKind::Basic,
        // Any other scheme (`token`, ...) takes a token after its name, `Authorization: token abc`.
        // The name goes into a header: an RFC 9110 token, nothing that could end the header.
        SecurityScheme::HTTP { scheme, .. } => {
            let tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
            if scheme.is_empty() || !scheme.chars().all(tchar) {
                return Err(format!("HTTP authentication scheme {scheme:?} is not a valid scheme name"));
            }
            AuthKind::Token { scheme: scheme.clone() }
        }
        SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. } => {
            AuthKind::Token { scheme: "Bearer".into() }
        }
        SecurityScheme::APIKey { location, name, .. } => AuthKind::ApiKey {
            location: match location {
                openapiv3::APIKeyLocation::Header => ApiKeyIn::Header,
                openapiv3::APIKeyLocation::Query => ApiKeyIn::Query,
                openapiv3::APIKeyLocation::Cookie => ApiKeyIn::Cookie,
            },
            name: name.clone(),
        },
    })
}

/// Builder method and field names for the schemes: `bearer_token`, `basic_auth` and `api_key` when
/// a kind appears once, else the scheme's own name in snake case; never one of
/// [`CLIENT_MEMBERS`] (`timeout` → `timeout_2`).
pub(super) fn name_schemes(schemes: &mut [AuthScheme]) {
    let kind_word = |k: &AuthKind| match k {
        AuthKind::Token { scheme } if scheme == "Bearer" => "bearer_token".to_owned(),
        // `token` → `token`, `Custom` → `custom_token`.
        AuthKind::Token { scheme } => {
            let word = sanitize(scheme, Case::Snake);
            if word.ends_with("token") { word } else { format!("{word}_token") }
        }
        AuthKind::Basic => "basic_auth".to_owned(),
        AuthKind::ApiKey { .. } => "api_key".to_owned(),
    };
    let mut unique = Uniquifier::with_reserved(&CLIENT_MEMBERS);
    let mut variants = Uniquifier::default();
    for i in 0..schemes.len() {
        let same_kind = schemes.iter().filter(|s| kind_word(&s.kind) == kind_word(&schemes[i].kind)).count();
        let wanted = if same_kind == 1 {
            kind_word(&schemes[i].kind).to_owned()
        } else {
            sanitize(&schemes[i].key, Case::Snake)
        };
        // A keyword stays raw (`r#type`): the setter and the fields are identifiers.
        let setter = unique.take(&wanted, Case::Snake);
        schemes[i].field = variants.take(&sanitize(&schemes[i].key, Case::Pascal), Case::Pascal);
        schemes[i].setter = setter;
    }
}
