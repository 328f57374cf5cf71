// src/types.rs
/// Used by:
/// - [`Client::put_thing`](crate::Client::put_thing): request body, `200`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    pub id: ::std::option::Option<::std::string::String>,
    pub count: ::std::option::Option<i64>,
}

impl Thing {
    /// With every field unset; the `with_` methods set them.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
    /// Sets `id`.
    pub fn with_id(
        mut self,
        id: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.id = ::std::option::Option::Some(id.into());
        self
    }
    /// Sets `count`.
    pub fn with_count(mut self, count: i64) -> Self {
        self.count = ::std::option::Option::Some(count);
        self
    }
}

impl ::serde::Serialize for Thing {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("id", &self.id);
        object.optional("count", &self.count);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Thing {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                id: object.optional("id"),
                count: object.optional("count"),
            }),
        )
    }
}
