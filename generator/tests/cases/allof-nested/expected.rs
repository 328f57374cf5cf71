// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    pub a: ::std::string::String,
    pub b: i64,
    pub c: ::std::option::Option<crate::types::ThingC>,
}

impl Thing {
    /// With its required fields, the optional ones unset.
    pub fn new(a: impl ::std::convert::Into<::std::string::String>, b: i64) -> Self {
        Self {
            a: a.into(),
            b,
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

#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ThingC {
    pub x: ::std::option::Option<bool>,
    pub y: ::std::option::Option<bool>,
}

impl ThingC {
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
}

impl ::serde::Serialize for ThingC {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("x", &self.x);
        object.optional("y", &self.y);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for ThingC {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                x: object.optional("x"),
                y: object.optional("y"),
            }),
        )
    }
}
