// src/types.rs
/// Used by:
/// - [`Client::put_thing`](crate::Client::put_thing): request body, `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    pub password: ::std::string::String,
    pub name: ::std::string::String,
}

impl Thing {
    /// With its required fields, the optional ones unset.
    pub fn new(
        password: impl ::std::convert::Into<::std::string::String>,
        name: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        Self {
            password: password.into(),
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
        object.required("password", &self.password);
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
                password: object.required("password")?,
                name: object.required("name")?,
            }),
        )
    }
}
