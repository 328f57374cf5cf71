// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
pub struct Thing {
    pub a: ::std::string::String,
    pub b: i64,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub c: ::std::option::Option<crate::types::ThingC>,
}

impl<'de> ::serde::Deserialize<'de> for Thing {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self {
            a: object.required("a")?,
            b: object.required("b")?,
            c: object.optional("c")?,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize)]
pub struct ThingC {
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub x: ::std::option::Option<bool>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub y: ::std::option::Option<bool>,
}

impl<'de> ::serde::Deserialize<'de> for ThingC {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let mut object = crate::runtime::Object::read(deserializer)?;
        ::std::result::Result::Ok(Self {
            x: object.optional("x")?,
            y: object.optional("y")?,
        })
    }
}
