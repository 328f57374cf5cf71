// src/operations.rs
/// The request of [`Client::find`](crate::Client::find) (`GET /find`): `.await` it to send it. Its optional arguments are set with [`send_2`](Self::send_2), [`stream_2`](Self::stream_2), [`build_2`](Self::build_2), [`into_future_2`](Self::into_future_2).
#[must_use = "a request is sent when it is awaited"]
pub struct FindRequest<'a> {
    client: &'a Client,
    send_2: Option<&'a str>,
    stream_2: Option<bool>,
    build_2: Option<i64>,
    into_future_2: Option<&'a str>,
}

impl<'a> FindRequest<'a> {
    /// `send_2` (query `send`)
    pub fn send_2(mut self, send_2: &'a str) -> Self {
        self.send_2 = Some(send_2);
        self
    }
    /// `stream_2` (query `stream`)
    pub fn stream_2(mut self, stream_2: bool) -> Self {
        self.stream_2 = Some(stream_2);
        self
    }
    /// `build_2` (query `build`)
    pub fn build_2(mut self, build_2: i64) -> Self {
        self.build_2 = Some(build_2);
        self
    }
    /// `into_future_2` (header `into_future`)
    pub fn into_future_2(mut self, into_future_2: &'a str) -> Self {
        self.into_future_2 = Some(into_future_2);
        self
    }
    /// Sends the request: what `.await` does.
    pub fn send(self) -> ResponseFuture<'a, (), FindError> {
        let client = self.client;
        let request = self.build();
        client
            .request_future(
                request,
                &crate::runtime::Call {
                    operation: "find",
                    method: "GET",
                    path: "/find",
                },
                |response| match response.status {
                    204 => Ok(()),
                    _ => Err(response.into_error()),
                },
            )
    }
    /// The request: its URL and credentials, then its query, headers, cookies and body.
    fn build(self) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<FindError>> {
        let Self { client, send_2, stream_2, build_2, into_future_2 } = self;
        let mut request = client
            .new_request(::reqwest::Method::GET, &[PathPart::Literal("/find")])?;
        if let Some(send_2) = send_2 {
            request = request.query(&[("send", send_2)]);
        }
        if let Some(stream_2) = stream_2 {
            request = request.query(&[("stream", stream_2)]);
        }
        if let Some(build_2) = build_2 {
            request = request.query(&[("build", build_2)]);
        }
        if let Some(into_future_2) = into_future_2 {
            request = request
                .header("into_future", header_value("into_future", into_future_2)?);
        }
        Ok(request)
    }
}

impl<'a> ::std::future::IntoFuture for FindRequest<'a> {
    type Output = Result<(), Error<FindError>>;
    type IntoFuture = ResponseFuture<'a, (), FindError>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}
