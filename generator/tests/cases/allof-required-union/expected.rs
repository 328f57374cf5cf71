// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    pub a: ::std::string::String,
    pub b: ::std::string::String,
    pub c: ::std::option::Option<::std::string::String>,
}

impl Thing {
    /// With its required fields, the optional ones unset.
    pub fn new(
        a: impl ::std::convert::Into<::std::string::String>,
        b: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        Self {
            a: a.into(),
            b: b.into(),
            c: ::std::option::Option::None,
        }
    }
}

impl ::serde::Serialize for Thing {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("a", &self.a);
        object.required("b", &self.b);
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
                a: object.required("a")?,
                b: object.required("b")?,
                c: object.optional("c"),
            }),
        )
    }
}
