// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    pub id: ::std::option::Option<i64>,
    /// The display name.
    pub name: ::std::option::Option<::std::string::String>,
    pub tags: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
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
        object.optional("id", &self.id);
        object.optional("name", &self.name);
        object.optional("tags", &self.tags);
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
                name: object.optional("name"),
                tags: object.optional("tags"),
            }),
        )
    }
}
