// src/types.rs
/// Used by:
/// - [`Client::put_thing`](crate::Client::put_thing): request body, `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    /// Read-only: set by the server and never sent.
    pub id: ::std::string::String,
    /// Read-only: set by the server and never sent.
    pub etag: ::std::option::Option<::std::string::String>,
    pub name: ::std::string::String,
}

impl Thing {
    /// With its required fields, the optional ones unset.
    pub fn new(
        id: impl ::std::convert::Into<::std::string::String>,
        name: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        Self {
            id: id.into(),
            etag: ::std::option::Option::None,
            name: name.into(),
        }
    }
}

impl ::serde::Serialize for Thing {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("name", &self.name);
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
                id: object.required("id")?,
                etag: object.optional("etag"),
                name: object.required("name")?,
            }),
        )
    }
}
