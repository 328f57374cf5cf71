// src/errors.rs
/// The documented error responses of [`Client::get_a`](crate::Client::get_a). Non-exhaustive: a status the spec documents later is a new variant.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GetAError {
    /// `404`: missing
    NotFound,
}

impl fmt::Display for GetAError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = crate::OperationError::status(self);
        let what = match self {
            Self::NotFound => "missing",
        };
        write!(f, "{status}: {what}")
    }
}

impl crate::OperationError for GetAError {
    fn status(&self) -> u16 {
        match self {
            Self::NotFound => 404,
        }
    }
}

impl ::std::error::Error for GetAError {}

impl FromResponse for GetAError {
    fn from_response(response: RawResponse) -> ErrorKind<Self> {
        match response.status {
            404 => ErrorKind::Api(Self::NotFound),
            _ => response.unexpected(),
        }
    }
}

// src/types.rs
/// An open enum: a value the spec does not list is kept in `Other`. Non-exhaustive: a value the spec lists later is a new variant.
/// - Used by [`Client::get_a`](crate::Client::get_a): `200`
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum State {
    /// `"open"`
    Open,
    /// `"closed"`
    Closed,
    /// A value this client does not know.
    Other(::std::string::String),
}

impl State {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Open => "open",
            Self::Closed => "closed",
            Self::Other(value) => value,
        }
    }
}

impl ::std::convert::From<&str> for State {
    fn from(value: &str) -> Self {
        match value {
            "open" => Self::Open,
            "closed" => Self::Closed,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl ::std::fmt::Display for State {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::serde::Serialize for State {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for State {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<
            'de,
            str,
        > as ::serde::Deserialize>::deserialize(deserializer)?;
        ::std::result::Result::Ok(Self::from(value.as_ref()))
    }
}
