//! Server URLs: the document's first server (the client's default base URL, and the variables
//! its builder offers) and the server an operation names for itself when it differs. A URL's
//! `{variables}` take their defaults; a URL the client could not use is a diagnostic.

use crate::diag::{Diagnostic, Sink, join_pointer};
use crate::ir::{ServerTemplate, ServerVariable};
use crate::merge::Merged;
use crate::openapi::PathOp;

/// The document's first server, if it has one ([`default_server`]); a problem goes to `sink`.
pub(super) fn document_server(merged: &Merged, sink: &mut Sink) -> (Option<String>, Option<ServerTemplate>) {
    match merged.spec.servers.first().map(|s| default_server(s, merged)) {
        Some(Ok((url, server))) => (Some(url), server),
        Some(Err(d)) => {
            sink.push(d);
            (None, None)
        }
        None => (None, None),
    }
}

/// The server an operation names for itself (its `servers`, else its path item's), when it is
/// not the document's first: an absolute `http(s)` URL, or a path (`/v2`) resolved against the
/// client's base URL. Server variables take their defaults. Any other form is an error.
pub(super) fn own_server(
    r: &PathOp<'_>,
    top: &[openapiv3::Server],
    merged: &Merged,
) -> Result<Option<String>, Diagnostic> {
    let (servers, at) = if r.op.servers.is_empty() {
        (&r.item.servers[..], join_pointer(&r.item_pointer, "servers"))
    } else {
        (&r.op.servers[..], join_pointer(&r.pointer, "servers"))
    };
    let Some(first) = servers.first() else { return Ok(None) };
    let at = join_pointer(&at, "0");
    let own = server_url(first, &at, merged)?;
    if own.starts_with('/') {
        if let Some(problem) = crate::checks::relative_server(&own) {
            return Err(Diagnostic::new(
                merged.origins.locate(&join_pointer(&at, "url")),
                format!("server URL {own:?} {problem}"),
            )
            .note("help: an operation's server is an absolute http(s) URL or a plain path such as `/v2`"));
        }
    } else {
        checked_url(&own).map_err(|problem| {
            Diagnostic::new(merged.origins.locate(&join_pointer(&at, "url")), format!("server URL {own:?} {problem}"))
        })?;
    }
    let top = top.first().map(|s| server_url(s, "/servers/0", merged)).transpose()?;
    Ok((Some(&own) != top.as_ref()).then_some(own))
}

/// A server's URL with its variables at their defaults. Every `{name}` in it must be a variable,
/// and a variable's default one of its values (when it lists some).
fn server_url(server: &openapiv3::Server, at: &str, merged: &Merged) -> Result<String, Diagnostic> {
    let variables = server.variables.as_ref();
    let mut url = String::new();
    let mut rest = server.url.as_str();
    let url_at = || merged.origins.locate(&join_pointer(at, "url"));
    while let Some(open) = rest.find(['{', '}']) {
        let close = rest[open..].find('}').map(|c| open + c).filter(|_| rest[open..].starts_with('{'));
        let Some(close) = close else {
            return Err(Diagnostic::new(url_at(), format!("unbalanced braces in the server URL {:?}", server.url)));
        };
        let name = &rest[open + 1..close];
        let Some(variable) = variables.and_then(|v| v.get(name)) else {
            return Err(Diagnostic::new(url_at(), format!("server URL variable `{{{name}}}` is not defined"))
                .note("help: define it under the server's `variables`, with a `default`"));
        };
        if !variable.enumeration.is_empty() && !variable.enumeration.contains(&variable.default) {
            let at = join_pointer(&join_pointer(at, "variables"), name);
            return Err(Diagnostic::new(
                merged.origins.locate(&at),
                format!("the default {:?} of server variable `{name}` is not one of its values", variable.default),
            ));
        }
        url.push_str(&rest[..open]);
        url.push_str(&variable.default);
        rest = &rest[close + 1..];
    }
    url.push_str(rest);
    Ok(url)
}

/// Why `url` cannot be a base URL of the client, if it cannot: it must be an absolute http(s) URL
/// that can take a path, with no query or fragment (what `ClientBuilder::build` requires).
fn checked_url(url: &str) -> Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("is not a valid URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err("is not an http(s) URL".into());
    }
    if parsed.cannot_be_a_base() || parsed.query().is_some() || parsed.fragment().is_some() {
        return Err("must be able to take a path, with no query or fragment".into());
    }
    Ok(())
}

/// The document's first server: its URL with the variables' defaults, and the variables the
/// builder offers. A relative URL (`/v1`, legal OpenAPI: relative to where the document is
/// served) is kept as it is; anything else must pass [`checked_url`].
fn default_server(server: &openapiv3::Server, merged: &Merged) -> Result<(String, Option<ServerTemplate>), Diagnostic> {
    let url = server_url(server, "/servers/0", merged)?;
    match url::Url::parse(&url) {
        Err(url::ParseError::RelativeUrlWithoutBase) => return Ok((url, None)),
        _ => checked_url(&url).map_err(|problem| {
            Diagnostic::new(merged.origins.locate("/servers/0/url"), format!("server URL {url:?} {problem}"))
        })?,
    }
    let template = &server.url;
    // The host (and port) ends at the first `/` after the scheme.
    let Some(scheme_end) = template.find("://").map(|i| i + 3) else { return Ok((url, None)) };
    let host_end = template[scheme_end..].find('/').map_or(template.len(), |i| scheme_end + i);
    let mut variables = Vec::new();
    for (name, variable) in server.variables.iter().flatten() {
        let Some(place) = template.find(&format!("{{{name}}}")) else { continue };
        if place < scheme_end {
            return Ok((url, None)); // The scheme is a variable: nothing is offered.
        }
        let in_host = place < host_end;
        // The client takes only DNS labels in the host (`ClientBuilder::build` checks): a variable
        // whose own values are not (`localhost:8080`) could never be set, so none is offered.
        let values = std::iter::once(&variable.default).chain(variable.enumeration.iter());
        if in_host && !values.into_iter().all(|v| crate::checks::dns_labels(v)) {
            return Ok((url, None));
        }
        variables.push(ServerVariable {
            name: name.clone(),
            default: variable.default.clone(),
            values: variable.enumeration.clone(),
            in_host,
            doc: variable.description.clone(),
        });
    }
    let server = (!variables.is_empty()).then(|| ServerTemplate { url: template.clone(), variables });
    Ok((url, server))
}
