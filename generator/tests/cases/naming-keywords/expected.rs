// src/types.rs
/// Used by:
/// - [`Client::get_thing`](crate::Client::get_thing): `200`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    pub r#type: ::std::option::Option<::std::string::String>,
    pub r#match: ::std::option::Option<i64>,
    pub self_: ::std::option::Option<::std::string::String>,
    pub self_2: ::std::option::Option<::std::string::String>,
    pub crate_: ::std::option::Option<bool>,
    pub r#async: ::std::option::Option<::std::string::String>,
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
        object.optional("type", &self.r#type);
        object.optional("match", &self.r#match);
        object.optional("self", &self.self_);
        object.optional("Self", &self.self_2);
        object.optional("crate", &self.crate_);
        object.optional("async", &self.r#async);
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
                r#type: object.optional("type"),
                r#match: object.optional("match"),
                self_: object.optional("self"),
                self_2: object.optional("Self"),
                crate_: object.optional("crate"),
                r#async: object.optional("async"),
            }),
        )
    }
}
