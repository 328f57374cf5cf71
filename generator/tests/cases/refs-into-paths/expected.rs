// src/operations.rs
/// The request of [`Client::get_b`](crate::Client::get_b) (`GET /b`): `.await` it to send it. Its optional arguments are set with [`limit`](Self::limit).
#[must_use = "a request is sent when it is awaited"]
pub struct GetBRequest<'a> {
    client: &'a Client,
    limit: Option<i64>,
}

impl<'a> GetBRequest<'a> {
    /// `limit` (query `limit`)
    pub fn limit(mut self, limit: i64) -> Self {
        self.limit = Some(limit);
        self
    }
    /// Sends the request: what `.await` does.
    pub fn send(self) -> ResponseFuture<'a, types::GetAResponse, GetBError> {
        crate::runtime::body_only(self.send_with_headers())
    }
    /// Sends the request, and returns the documented response headers with the body.
    pub fn send_with_headers(
        self,
    ) -> ResponseFuture<
        'a,
        (types::GetAResponse, crate::responses::GetBHeaders),
        GetBError,
    > {
        let client = self.client;
        let request = self.build();
        client
            .request_future(
                request,
                &crate::runtime::Call {
                    operation: "getB",
                    method: "GET",
                    path: "/b",
                },
                |response| {
                    let headers = crate::responses::GetBHeaders::read(&response.headers);
                    let body = match response.status {
                        200 => response.json(),
                        _ => Err(response.into_error()),
                    };
                    body.map(|body| (body, headers))
                },
            )
    }
    /// The request: its URL and credentials, then its query, headers, cookies and body.
    fn build(self) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<GetBError>> {
        let Self { client, limit } = self;
        let mut request = client
            .new_request(::reqwest::Method::GET, &[PathPart::Literal("/b")])?;
        if let Some(limit) = limit {
            request = request.query(&[("limit", limit)]);
        }
        Ok(request)
    }
}

impl<'a> ::std::future::IntoFuture for GetBRequest<'a> {
    type Output = Result<types::GetAResponse, Error<GetBError>>;
    type IntoFuture = ResponseFuture<'a, types::GetAResponse, GetBError>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

/// The request of [`Client::post_c`](crate::Client::post_c) (`POST /c`): `.await` it to send it. Its optional arguments are set with [`body`](Self::body).
#[must_use = "a request is sent when it is awaited"]
pub struct PostCRequest<'a> {
    client: &'a Client,
    body: Option<&'a types::Thing>,
}

impl<'a> PostCRequest<'a> {
    /// `body`
    pub fn body(mut self, body: &'a types::Thing) -> Self {
        self.body = Some(body);
        self
    }
    /// Sends the request: what `.await` does.
    pub fn send(self) -> ResponseFuture<'a, types::PostCResponse, PostCError> {
        crate::runtime::body_only(self.send_with_headers())
    }
    /// Sends the request, and returns the documented response headers with the body.
    pub fn send_with_headers(
        self,
    ) -> ResponseFuture<
        'a,
        (types::PostCResponse, crate::responses::PostCHeaders),
        PostCError,
    > {
        let client = self.client;
        let request = self.build();
        client
            .request_future(
                request,
                &crate::runtime::Call {
                    operation: "postC",
                    method: "POST",
                    path: "/c",
                },
                |response| {
                    let headers = crate::responses::PostCHeaders::read(
                        &response.headers,
                    );
                    let body = match response.status {
                        200 => response.json(),
                        _ => Err(response.into_error()),
                    };
                    body.map(|body| (body, headers))
                },
            )
    }
    /// The request: its URL and credentials, then its query, headers, cookies and body.
    fn build(self) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<PostCError>> {
        let Self { client, body } = self;
        let mut request = client
            .new_request(::reqwest::Method::POST, &[PathPart::Literal("/c")])?;
        if let Some(body) = body {
            request = request.json(body);
        }
        Ok(request)
    }
}

impl<'a> ::std::future::IntoFuture for PostCRequest<'a> {
    type Output = Result<types::PostCResponse, Error<PostCError>>;
    type IntoFuture = ResponseFuture<'a, types::PostCResponse, PostCError>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

// src/responses.rs
/// The headers documented for the successful responses of [`Client::post_c`](crate::Client::post_c); `None` when absent or not of the documented type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PostCHeaders {
    /// `X-Rate`
    pub x_rate: Option<i64>,
}

impl PostCHeaders {
    pub(crate) fn read(headers: &::reqwest::header::HeaderMap) -> Self {
        Self {
            x_rate: headers
                .get("X-Rate")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse().ok()),
        }
    }
}

// src/types.rs
/// Used by:
/// - [`Client::post_c`](crate::Client::post_c): `200`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct PostCResponse {
    /// Constraints: format `uuid`.
    pub id: ::std::option::Option<::std::string::String>,
    pub tag: ::std::option::Option<crate::types::Items>,
}

impl PostCResponse {
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
}

impl ::serde::Serialize for PostCResponse {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("id", &self.id);
        object.optional("tag", &self.tag);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for PostCResponse {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                id: object.optional("id"),
                tag: object.optional("tag"),
            }),
        )
    }
}
