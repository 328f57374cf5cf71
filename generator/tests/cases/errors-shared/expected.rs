// src/errors.rs
/// The documented error responses of [`Client::get_a`](crate::Client::get_a) and [`Client::get_b`](crate::Client::get_b), each operation's its own type: an alias with its marker ([`GetAError`] and the others below). Non-exhaustive: a status the spec documents later is a new variant.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GetAErrors<Op> {
    /// `404`: Not found
    NotFound,
    /// any other status (`default`): Unknown error
    Other { status: u16, body: types::ApiError },
    /// Holds the operation's marker; never made.
    #[doc(hidden)]
    __Operation(::std::marker::PhantomData<Op>, ::std::convert::Infallible),
}

impl<Op: fmt::Debug> fmt::Display for GetAErrors<Op> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = crate::OperationError::status(self);
        let what = match self {
            Self::NotFound => "Not found",
            Self::Other { .. } => "Unknown error",
            Self::__Operation(_, never) => match *never {}
        };
        write!(f, "{status}: {what}")
    }
}

impl<Op: fmt::Debug> crate::OperationError for GetAErrors<Op> {
    fn status(&self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Other { status, .. } => *status,
            Self::__Operation(_, never) => match *never {}
        }
    }
}

impl<Op: fmt::Debug> ::std::error::Error for GetAErrors<Op> {}

impl<Op> FromResponse for GetAErrors<Op> {
    fn from_response(response: RawResponse) -> ErrorKind<Self> {
        match response.status {
            404 => ErrorKind::Api(Self::NotFound),
            status => response.error(|body| Self::Other { status, body }),
        }
    }
}

/// The documented error responses of [`Client::get_a`](crate::Client::get_a): [`GetAErrors`], which it shares with other operations.
pub type GetAError = GetAErrors<markers::GetA>;

/// The documented error responses of [`Client::get_b`](crate::Client::get_b): [`GetAErrors`], which it shares with other operations.
pub type GetBError = GetAErrors<markers::GetB>;

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
    fn from_response(response: RawResponse) -> ErrorKind<Self> {
        match response.status {
            404 => ErrorKind::Api(Self::NotFound),
            status => response.error(|body| Self::Other { status, body }),
        }
    }
}

/// The markers of the operations that share an error enum: each operation's error type is
/// the enum with its marker, a type of its own.
pub mod markers {
    /// Marks the error type of [`Client::get_a`](crate::Client::get_a).
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub enum GetA {}
    /// Marks the error type of [`Client::get_b`](crate::Client::get_b).
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub enum GetB {}
}
