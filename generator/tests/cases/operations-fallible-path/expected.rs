// src/operations.rs
/// The request of [`Client::get_label`](crate::Client::get_label) (`GET /label/{ids}`): `.await` it to send it.
#[must_use = "a request is sent when it is awaited"]
pub struct GetLabelRequest<'a> {
    client: &'a Client,
    ids: &'a [i64],
}

impl<'a> GetLabelRequest<'a> {
    /// Sends the request: what `.await` does.
    pub fn send(self) -> ResponseFuture<'a, (), GetLabelError> {
        let client = self.client;
        let request = self.build();
        client
            .request_future(
                request,
                &crate::runtime::Call {
                    operation: "get_label",
                    method: "GET",
                    path: "/label/{ids}",
                },
                |response| match response.status {
                    204 => Ok(()),
                    _ => Err(response.into_error()),
                },
            )
    }
    /// The request: its URL (some path parameters' writing can fail) and credentials.
    fn build(
        self,
    ) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<GetLabelError>> {
        let Self { client, ids } = self;
        client
            .new_request(
                ::reqwest::Method::GET,
                &[
                    PathPart::Literal("/label/"),
                    PathPart::Expanded(
                        "ids",
                        &crate::runtime::expand("ids", ids, ".", false, true)?,
                    ),
                ],
            )
    }
}

impl<'a> ::std::future::IntoFuture for GetLabelRequest<'a> {
    type Output = Result<(), Error<GetLabelError>>;
    type IntoFuture = ResponseFuture<'a, (), GetLabelError>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

/// The request of [`Client::get_plain`](crate::Client::get_plain) (`GET /plain/{id}`): `.await` it to send it.
#[must_use = "a request is sent when it is awaited"]
pub struct GetPlainRequest<'a> {
    client: &'a Client,
    id: i64,
}

impl<'a> GetPlainRequest<'a> {
    /// Sends the request: what `.await` does.
    pub fn send(self) -> ResponseFuture<'a, (), GetPlainError> {
        let Self { client, id } = self;
        let request = client
            .new_request(
                ::reqwest::Method::GET,
                &[PathPart::Literal("/plain/"), PathPart::Segment("id", &id.to_string())],
            );
        client
            .request_future(
                request,
                &crate::runtime::Call {
                    operation: "get_plain",
                    method: "GET",
                    path: "/plain/{id}",
                },
                |response| match response.status {
                    204 => Ok(()),
                    _ => Err(response.into_error()),
                },
            )
    }
}

impl<'a> ::std::future::IntoFuture for GetPlainRequest<'a> {
    type Output = Result<(), Error<GetPlainError>>;
    type IntoFuture = ResponseFuture<'a, (), GetPlainError>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}
