// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    pub id: i64,
    pub ratio: ::std::option::Option<f64>,
    pub count: ::std::option::Option<f64>,
    pub text: ::std::option::Option<::std::string::String>,
}

impl Thing {
    /// With its required fields, the optional ones unset.
    pub fn new(id: i64) -> Self {
        Self {
            id,
            ratio: ::std::option::Option::None,
            count: ::std::option::Option::None,
            text: ::std::option::Option::None,
        }
    }
}

impl ::serde::Serialize for Thing {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("id", &self.id);
        object.optional("ratio", &self.ratio);
        object.optional("count", &self.count);
        object.optional("text", &self.text);
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
                ratio: object.optional("ratio"),
                count: object.optional("count"),
                text: object.optional("text"),
            }),
        )
    }
}
