// src/types.rs
/// Used by:
/// - [`Client::play`](crate::Client::play): request body
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Play {
    pub context_uri: ::std::option::Option<::std::string::String>,
    pub position_ms: ::std::option::Option<i64>,
    pub uris: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
    pub offset: ::std::option::Option<
        ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
    >,
    pub untyped: ::std::option::Option<
        ::std::collections::BTreeMap<::std::string::String, i64>,
    >,
}

impl Play {
    /// With every field unset; the `with_` methods set them.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
    /// Sets `context_uri`.
    pub fn with_context_uri(
        mut self,
        context_uri: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.context_uri = ::std::option::Option::Some(context_uri.into());
        self
    }
    /// Sets `position_ms`.
    pub fn with_position_ms(mut self, position_ms: i64) -> Self {
        self.position_ms = ::std::option::Option::Some(position_ms);
        self
    }
    /// Sets `uris`.
    pub fn with_uris(mut self, uris: ::std::vec::Vec<::std::string::String>) -> Self {
        self.uris = ::std::option::Option::Some(uris);
        self
    }
    /// Sets `offset`.
    pub fn with_offset(
        mut self,
        offset: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
    ) -> Self {
        self.offset = ::std::option::Option::Some(offset);
        self
    }
    /// Sets `untyped`.
    pub fn with_untyped(
        mut self,
        untyped: ::std::collections::BTreeMap<::std::string::String, i64>,
    ) -> Self {
        self.untyped = ::std::option::Option::Some(untyped);
        self
    }
}

impl ::serde::Serialize for Play {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("context_uri", &self.context_uri);
        object.optional("position_ms", &self.position_ms);
        object.optional("uris", &self.uris);
        object.optional("offset", &self.offset);
        object.optional("untyped", &self.untyped);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Play {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                context_uri: object.optional("context_uri"),
                position_ms: object.optional("position_ms"),
                uris: object.optional("uris"),
                offset: object.optional("offset"),
                untyped: object.optional("untyped"),
            }),
        )
    }
}
