// src/types.rs
/// The outer description.
///
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    /// Only this one says.
    pub a: ::std::option::Option<::std::string::String>,
    /// One view.
    ///
    /// Another view.
    pub b: ::std::option::Option<::std::string::String>,
    pub c: ::std::option::Option<::std::string::String>,
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
        object.optional("a", &self.a);
        object.optional("b", &self.b);
        object.optional("c", &self.c);
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
                a: object.optional("a"),
                b: object.optional("b"),
                c: object.optional("c"),
            }),
        )
    }
}
