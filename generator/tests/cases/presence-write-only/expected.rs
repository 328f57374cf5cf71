// src/types.rs
/// Used by:
/// - [`Client::create_user`](crate::Client::create_user): request body, `201`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct User {
    pub name: ::std::string::String,
    /// Write-only: a response leaves it out, and it then reads as its default.
    pub password: ::std::string::String,
    pub role: crate::types::Role,
}

impl User {
    /// With its required fields, the optional ones unset.
    pub fn new(
        name: impl ::std::convert::Into<::std::string::String>,
        password: impl ::std::convert::Into<::std::string::String>,
        role: crate::types::Role,
    ) -> Self {
        Self {
            name: name.into(),
            password: password.into(),
            role,
        }
    }
}

impl ::serde::Serialize for User {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("name", &self.name);
        object.required("password", &self.password);
        object.required("role", &self.role);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for User {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                name: object.required("name")?,
                password: object.defaulted("password")?,
                role: object.required("role")?,
            }),
        )
    }
}
