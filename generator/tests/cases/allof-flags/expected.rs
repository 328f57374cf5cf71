// src/types.rs
/// Used by:
/// - [`Client::put_thing`](crate::Client::put_thing): request body, `200`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Thing {
    /// Read-only: set by the server and never sent.
    pub id: ::std::string::String,
    pub secret: ::std::option::Option<::std::string::String>,
    pub note: ::std::option::Option<::std::string::String>,
    pub label: ::std::string::String,
}

impl Thing {
    /// With its required fields, the optional ones unset; the `with_` methods set them. Read-only fields are never sent; `new` leaves them at their default: `id`.
    pub fn new(label: impl ::std::convert::Into<::std::string::String>) -> Self {
        Self {
            id: ::std::default::Default::default(),
            secret: ::std::option::Option::None,
            note: ::std::option::Option::None,
            label: label.into(),
        }
    }
    /// Sets `secret`.
    pub fn with_secret(
        mut self,
        secret: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.secret = ::std::option::Option::Some(secret.into());
        self
    }
    /// Sets `note`.
    pub fn with_note(
        mut self,
        note: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.note = ::std::option::Option::Some(note.into());
        self
    }
}

impl ::serde::Serialize for Thing {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("secret", &self.secret);
        object.optional("note", &self.note);
        object.required("label", &self.label);
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
                secret: object.optional("secret"),
                note: object.optional("note"),
                label: object.required("label")?,
            }),
        )
    }
}
