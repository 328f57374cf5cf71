// src/errors.rs
/// The documented error responses of [`Client::get_a`](crate::Client::get_a) and [`Client::get_b`](crate::Client::get_b). Non-exhaustive: a status the spec documents later is a new variant.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GetAError {
    /// `404`: Not found
    NotFound,
    /// any other status (`default`): Unknown error
    Other { status: u16, body: types::ApiError },
}

impl fmt::Display for GetAError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = crate::OperationError::status(self);
        let what = match self {
            Self::NotFound => "Not found",
            Self::Other { .. } => "Unknown error",
        };
        write!(f, "{status}: {what}")
    }
}

impl crate::OperationError for GetAError {
    fn status(&self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Other { status, .. } => *status,
        }
    }
}

impl ::std::error::Error for GetAError {}

impl FromResponse for GetAError {
    fn from_response(response: RawResponse) -> Error<Self> {
        match response.status {
            404 => Error::Api(Self::NotFound),
            status => response.error(|body| Self::Other { status, body }),
        }
    }
}

/// The documented error responses of [`Client::get_b`](crate::Client::get_b): the same as [`Client::get_a`](crate::Client::get_a)'s, so one enum, [`GetAError`].
pub type GetBError = GetAError;

/// The documented error responses of [`Client::get_c`](crate::Client::get_c). Non-exhaustive: a status the spec documents later is a new variant.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GetCError {
    /// `404`: No such thing
    NotFound,
    /// any other status (`default`): Unknown error
    Other { status: u16, body: types::ApiError },
}

impl fmt::Display for GetCError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = crate::OperationError::status(self);
        let what = match self {
            Self::NotFound => "No such thing",
            Self::Other { .. } => "Unknown error",
        };
        write!(f, "{status}: {what}")
    }
}

impl crate::OperationError for GetCError {
    fn status(&self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Other { status, .. } => *status,
        }
    }
}

impl ::std::error::Error for GetCError {}

impl FromResponse for GetCError {
    fn from_response(response: RawResponse) -> Error<Self> {
        match response.status {
            404 => Error::Api(Self::NotFound),
            status => response.error(|body| Self::Other { status, body }),
        }
    }
}
