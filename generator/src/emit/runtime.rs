//! `src/runtime.rs`: the template `templates/runtime.rs`, pruned to what the API uses.
//!
//! Optional pieces of the template carry a marker, `#[apigen::needs(key)]`, naming a [`Need`];
//! a piece whose need the API does not have is dropped, and the markers of the others are
//! removed. Markers go on items, impl members, enum variants, struct fields (in definitions and
//! in struct expressions), `let` statements and match arms.

use std::collections::BTreeSet;

use proc_macro2::Ident;

use super::format::space_items;
use crate::ir::{Api, ApiKeyIn, AuthKind, ParamIn, PartKind, PathPart, Presence, StatusMatch, Streaming, Ty, Writing};

const RUNTIME: &str = include_str!("../../templates/runtime.rs");

/// The runtime module of a client for `api`, formatted.
pub(super) fn runtime(api: &Api) -> String {
    let mut runtime: syn::File =
        syn::parse_str(RUNTIME).expect("templates/runtime.rs is valid Rust (checked by a test)");
    crate::prune::prune(&mut runtime, &Prune { needs: runtime_needs(api) });
    space_items(&prettyplease::unparse(&runtime))
}

/// An optional piece of the runtime template: the `key` of the marker `#[apigen::needs(key)]` on
/// the items a client needs only when its API uses what the variant says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Need {
    /// The API has operations: the request and response plumbing.
    Operations,
    /// The API has security schemes: `Secret`, which `Debug` never shows.
    Secret,
    /// The server URL has variables: `ServerVariable` and `server_url`.
    ServerVariables,
    /// An API key goes in a header of its own: redirects stay on the origin.
    HeaderKey,
    /// A field may be absent or `null` (`Option<Option<T>>`): read apart.
    Nullable,
    /// Some struct: `Object` and `ObjectWriter`, the hand-written `Deserialize` and `Serialize`.
    Object,
    /// Some struct writes a field: `ObjectWriter::required` (which `optional` calls too).
    WriteField,
    /// Some struct writes an optional field: `ObjectWriter::optional`.
    WriteOptional,
    /// Some struct has fields: `field`, which reads one.
    ObjectField,
    /// Some struct has a required field.
    ObjectRequired,
    /// Some struct has a required writeOnly field, read as its default when absent.
    ObjectDefaulted,
    /// Some struct has an optional field (absent and `null` alike).
    ObjectOptional,
    /// A path parameter inside a segment (`/v{version}`): `PathPart::Inner`.
    Inner,
    /// Some operation documents no `default` response: the unexpected status error.
    Unexpected,
    /// Some operation has header or cookie parameters: `header_value`.
    Headers,
    /// A query or cookie parameter that is neither text nor a list of text: `query_pairs`.
    QueryPairs,
    /// A parameter written through its JSON value (`query_pairs`, `expand`): `param_text`.
    ParamText,
    /// A parameter written by `expand` (objects in the path or a header, label and matrix styles).
    Expand,
    /// Path parameters or cookies: `SEGMENT`, what percent-encoding escapes in them.
    PathParams,
    /// A parameter described by JSON `content`: `json_text`.
    JsonParam,
    /// Some operation documents response headers: the response keeps its headers.
    ResponseHeaders,
    /// Some operation has cookie parameters: `cookie_pair`.
    Cookies,
    /// A path parameter fills a whole segment: `whole_segment`, which refuses empty, `.` and `..`.
    WholeSegment,
    /// A whole-segment path parameter written by `expand`: `PathPart::Expanded`.
    Expanded,
    /// A whole-segment path parameter written as text: `PathPart::Segment`.
    Segment,
    /// A text body is read from a response.
    Text,
    /// A binary body is read from a response.
    Bytes,
    /// A JSON body is decoded from a response.
    Json,
    /// A documented error has a text body: its start is kept.
    ErrorText,
    /// A documented error has a binary body: its start is kept.
    ErrorBytes,
    /// A documented error has a JSON body, decoded into its variant.
    ErrorBody,
    /// Some error keeps the start of a body.
    Kept,
    /// Something reads the response body: the response keeps it.
    ResponseBody,
    /// Some operation's body can be read as it arrives (binary, or server-sent events).
    Streaming,
    /// A binary body can be read as it arrives: `ByteStream`.
    ByteStream,
    /// Server-sent events: `EventStream`, `Event`.
    Events,
    /// Events whose data is text.
    EventsText,
    /// Events whose data is JSON.
    EventsJson,
    /// A binary request body: `Body`, bytes or a stream.
    BinaryBody,
    /// A typed multipart body: `FormWriter`.
    Forms,
    /// A form has a text part.
    FormText,
    /// A form has a list of text parts.
    FormTexts,
    /// A form has a JSON part.
    FormJson,
    /// A form has a file part: `FilePart`.
    FormFiles,
    /// A form has a list of files.
    FormFileLists,
}

impl Need {
    /// Every need, so that a key can be looked up.
    const ALL: [Need; 45] = [
        Need::Operations,
        Need::Secret,
        Need::ServerVariables,
        Need::HeaderKey,
        Need::Nullable,
        Need::Object,
        Need::WriteField,
        Need::WriteOptional,
        Need::ObjectField,
        Need::ObjectRequired,
        Need::ObjectDefaulted,
        Need::ObjectOptional,
        Need::Inner,
        Need::Unexpected,
        Need::Headers,
        Need::QueryPairs,
        Need::ParamText,
        Need::Expand,
        Need::PathParams,
        Need::JsonParam,
        Need::ResponseHeaders,
        Need::Cookies,
        Need::WholeSegment,
        Need::Expanded,
        Need::Segment,
        Need::Text,
        Need::Bytes,
        Need::Json,
        Need::ErrorText,
        Need::ErrorBytes,
        Need::ErrorBody,
        Need::Kept,
        Need::ResponseBody,
        Need::Streaming,
        Need::ByteStream,
        Need::Events,
        Need::EventsText,
        Need::EventsJson,
        Need::BinaryBody,
        Need::Forms,
        Need::FormText,
        Need::FormTexts,
        Need::FormJson,
        Need::FormFiles,
        Need::FormFileLists,
    ];

    /// The key that names the need in template markers.
    fn key(self) -> &'static str {
        match self {
            Need::Operations => "operations",
            Need::Secret => "secret",
            Need::ServerVariables => "server_variables",
            Need::HeaderKey => "header_key",
            Need::Nullable => "nullable",
            Need::Object => "object",
            Need::WriteField => "write_field",
            Need::WriteOptional => "write_optional",
            Need::ObjectField => "object_field",
            Need::ObjectRequired => "object_required",
            Need::ObjectDefaulted => "object_defaulted",
            Need::ObjectOptional => "object_optional",
            Need::Inner => "inner",
            Need::Unexpected => "unexpected",
            Need::Headers => "headers",
            Need::QueryPairs => "query_pairs",
            Need::ParamText => "param_text",
            Need::Expand => "expand",
            Need::PathParams => "path_params",
            Need::JsonParam => "json_param",
            Need::ResponseHeaders => "response_headers",
            Need::Cookies => "cookies",
            Need::WholeSegment => "whole_segment",
            Need::Expanded => "expanded",
            Need::Segment => "segment",
            Need::Text => "text",
            Need::Bytes => "bytes",
            Need::Json => "json",
            Need::ErrorText => "error_text",
            Need::ErrorBytes => "error_bytes",
            Need::ErrorBody => "error_body",
            Need::Kept => "kept",
            Need::ResponseBody => "response_body",
            Need::Streaming => "streaming",
            Need::ByteStream => "byte_stream",
            Need::Events => "events",
            Need::EventsText => "events_text",
            Need::EventsJson => "events_json",
            Need::BinaryBody => "binary_body",
            Need::Forms => "forms",
            Need::FormText => "form_text",
            Need::FormTexts => "form_texts",
            Need::FormJson => "form_json",
            Need::FormFiles => "form_files",
            Need::FormFileLists => "form_file_lists",
        }
    }

    /// The need a marker's key names, if any.
    fn from_key(key: &str) -> Option<Need> {
        Need::ALL.into_iter().find(|n| n.key() == key)
    }
}

/// The optional pieces of the runtime template this API uses.
fn runtime_needs(api: &Api) -> BTreeSet<Need> {
    let mut needs = BTreeSet::new();
    if !api.operations.is_empty() {
        needs.insert(Need::Operations);
    }
    if !api.auth.is_empty() {
        needs.insert(Need::Secret);
    }
    if api.server.is_some() {
        needs.insert(Need::ServerVariables);
    }
    if api.auth.iter().any(|s| matches!(s.kind, AuthKind::ApiKey { location: ApiKeyIn::Header, .. })) {
        needs.insert(Need::HeaderKey);
    }
    for t in &api.types {
        let Some(fields) = t.fields() else { continue };
        needs.insert(Need::Object);
        // The writes and reads the structs' fields use (see `Emitter::types`).
        for f in fields.iter().filter(|f| !t.never_sent(f)) {
            needs.insert(Need::WriteField);
            if !f.presence.is_required() {
                needs.insert(Need::WriteOptional);
            }
        }
        for f in fields {
            needs.insert(Need::ObjectField);
            needs.insert(match f.presence {
                Presence::Required if f.read_default => Need::ObjectDefaulted,
                Presence::Required => Need::ObjectRequired,
                Presence::Optional => Need::ObjectOptional,
                Presence::OptionalNullable => Need::Nullable,
            });
        }
    }
    for op in &api.operations {
        let inner = |part: &PathPart| match part {
            PathPart::Param { index, whole_segment: false } => op.params[*index].writing != Writing::Expand,
            _ => false,
        };
        if op.path_parts.iter().any(inner) {
            needs.insert(Need::Inner);
        }
        if !op.errors.iter().any(|e| e.status == StatusMatch::Default) {
            needs.insert(Need::Unexpected);
        }
        if op.params.iter().any(|p| matches!(p.location, ParamIn::Header | ParamIn::Cookie)) {
            needs.insert(Need::Headers);
        }
        for p in &op.params {
            match p.writing {
                Writing::Pairs => needs.extend([Need::QueryPairs, Need::ParamText]),
                Writing::Expand => needs.extend([Need::Expand, Need::ParamText, Need::PathParams]),
                Writing::Json => needs.extend([Need::JsonParam]),
                Writing::Text | Writing::List => {}
            }
        }
        if !op.response_headers.is_empty() {
            needs.insert(Need::ResponseHeaders);
        }
        if op.params.iter().any(|p| p.location == ParamIn::Cookie) {
            needs.insert(Need::Cookies);
            needs.insert(Need::PathParams);
        }
        for part in &op.path_parts {
            if let PathPart::Param { index, whole_segment: true } = part {
                needs.insert(Need::WholeSegment);
                needs.insert(match op.params[*index].writing {
                    Writing::Expand => Need::Expanded,
                    _ => Need::Segment,
                });
            }
        }
        if op.path_parts.iter().any(|p| matches!(p, PathPart::Param { .. })) {
            needs.insert(Need::PathParams);
        }
        match &op.streaming {
            Some(Streaming::Bytes) => needs.extend([Need::Streaming, Need::ByteStream]),
            Some(Streaming::Events { data, .. }) => needs.extend([
                Need::Streaming,
                Need::Events,
                Need::Kept,
                if *data == Ty::Text { Need::EventsText } else { Need::EventsJson },
            ]),
            None => {}
        }
        for part in op.body.iter().flat_map(|b| &b.parts) {
            needs.insert(Need::Forms);
            needs.extend(match part.kind {
                PartKind::Text(_) => vec![Need::FormText],
                PartKind::Texts(_) => vec![Need::FormText, Need::FormTexts],
                PartKind::Json(_) => vec![Need::FormJson],
                PartKind::File => vec![Need::FormFiles],
                PartKind::Files => vec![Need::FormFiles, Need::FormFileLists],
            });
        }
        let successes = op.success.iter().filter_map(|s| s.ty.as_ref());
        for ty in successes {
            needs.insert(match ty {
                Ty::Text => Need::Text,
                Ty::Bytes => Need::Bytes,
                _ => Need::Json,
            });
        }
        // A documented error keeps the start of a text or binary body (see `error_value`).
        for ty in op.errors.iter().filter_map(|e| e.ty.as_ref()) {
            needs.extend(match ty {
                Ty::Text => [Need::ErrorText, Need::Text],
                Ty::Bytes => [Need::ErrorBytes, Need::Kept],
                _ => [Need::ErrorBody, Need::Json],
            });
        }
    }
    if api.sends_bytes() {
        needs.insert(Need::BinaryBody);
    }
    // Errors that keep the start of a body.
    if [Need::Json, Need::Unexpected].iter().any(|n| needs.contains(n)) {
        needs.insert(Need::Kept);
    }
    // The body is kept when something reads it.
    let reads_body = [Need::Json, Need::Text, Need::Bytes, Need::ErrorBytes, Need::Unexpected];
    if reads_body.iter().any(|n| needs.contains(n)) {
        needs.insert(Need::ResponseBody);
    }
    needs
}

/// Drops the template's `#[apigen::needs(x)]` pieces whose `x` is not needed; strips the marker
/// from the others.
struct Prune {
    needs: BTreeSet<Need>,
}

impl crate::prune::Rule for Prune {
    /// Whether a piece with attributes `attrs` stays: it has no marker or its need is met. Removes
    /// the markers.
    fn keep(&self, attrs: &mut Vec<syn::Attribute>) -> bool {
        let mut keep = true;
        attrs.retain(|a| {
            let is_marker = a.path().segments.len() == 2
                && a.path().segments[0].ident == "apigen"
                && a.path().segments[1].ident == "needs";
            if is_marker {
                let need = a.parse_args::<Ident>().ok().and_then(|i| Need::from_key(&i.to_string()));
                keep &= need.is_some_and(|n| self.needs.contains(&n));
            }
            !is_marker
        });
        keep
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use syn::visit_mut::VisitMut;

    use super::{Need, Prune, RUNTIME};

    /// The keys of the template's markers, and the `apigen` attributes that are not a marker
    /// naming one known need.
    #[derive(Default)]
    struct Markers {
        used: BTreeSet<Need>,
        bad: Vec<String>,
    }

    impl VisitMut for Markers {
        fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
            let path: Vec<String> = attr.path().segments.iter().map(|s| s.ident.to_string()).collect();
            if path.first().is_some_and(|first| first == "apigen") {
                let key = attr.parse_args::<proc_macro2::Ident>().map(|i| i.to_string());
                match (path.as_slice(), key.ok().as_deref().and_then(Need::from_key)) {
                    ([_, needs], Some(need)) if needs == "needs" => {
                        self.used.insert(need);
                    }
                    _ => self.bad.push(quote::ToTokens::to_token_stream(attr).to_string()),
                }
            }
        }
    }

    fn template() -> syn::File {
        syn::parse_str(RUNTIME).expect("templates/runtime.rs is valid Rust")
    }

    #[test]
    fn every_marker_names_a_need_and_every_need_is_used() {
        let mut markers = Markers::default();
        markers.visit_file_mut(&mut template());
        assert_eq!(markers.bad, Vec::<String>::new(), "markers that name no need");
        let unused: Vec<&str> = Need::ALL.iter().filter(|n| !markers.used.contains(n)).map(|n| n.key()).collect();
        assert_eq!(unused, Vec::<&str>::new(), "needs that no marker names");
    }

    #[test]
    fn keys_are_distinct() {
        let keys: BTreeSet<&str> = Need::ALL.iter().map(|n| n.key()).collect();
        assert_eq!(keys.len(), Need::ALL.len());
    }

    #[test]
    fn every_marker_sits_where_pruning_removes_it() {
        // With every need, pruning keeps every piece and strips every marker it visits; a marker
        // left over is in a place pruning does not look at.
        let mut file = template();
        crate::prune::prune(&mut file, &Prune { needs: Need::ALL.into_iter().collect() });
        let mut markers = Markers::default();
        markers.visit_file_mut(&mut file);
        assert_eq!(markers.used, BTreeSet::new(), "markers pruning does not see");
        assert_eq!(markers.bad, Vec::<String>::new());
    }
}
