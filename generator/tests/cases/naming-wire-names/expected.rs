// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    pub x_rate: ::std::option::Option<i64>,
    pub camel_case: ::std::option::Option<::std::string::String>,
    pub naive: ::std::option::Option<::std::string::String>,
    pub id: ::std::option::Option<::std::string::String>,
    pub plain: ::std::option::Option<::std::string::String>,
}

impl Thing {
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
}

impl ::serde::Serialize for Thing {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("x-rate", &self.x_rate);
        object.optional("camelCase", &self.camel_case);
        object.optional("naïve", &self.naive);
        object.optional("@id", &self.id);
        object.optional("plain", &self.plain);
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
                x_rate: object.optional("x-rate"),
                camel_case: object.optional("camelCase"),
                naive: object.optional("naïve"),
                id: object.optional("@id"),
                plain: object.optional("plain"),
            }),
        )
    }
}
