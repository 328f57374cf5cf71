// src/operations.rs
/// The request of [`Client::post_x`](crate::Client::post_x) (`POST /x`): `.await` it to send it. Its optional arguments are set with [`body`](Self::body).
#[must_use = "a request is sent when it is awaited"]
pub struct PostXRequest<'a> {
    client: &'a Client,
    body: Option<&'a types::PostXRequest>,
}

impl<'a> PostXRequest<'a> {
    /// `body`
    pub fn body(mut self, body: &'a types::PostXRequest) -> Self {
        self.body = Some(body);
        self
    }
    /// Sends the request: what `.await` does.
    pub fn send(self) -> ResponseFuture<'a, (), PostXError> {
        let client = self.client;
        let request = self.build();
        client
            .request_future(
                request,
                &crate::runtime::Call {
                    operation: "postX",
                    method: "POST",
                    path: "/x",
                },
                |response| match response.status {
                    204 => Ok(()),
                    _ => Err(response.into_error()),
                },
            )
    }
    /// The request: its URL and credentials, then its query, headers, cookies and body.
    fn build(self) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<PostXError>> {
        let Self { client, body } = self;
        let mut request = client
            .new_request(::reqwest::Method::POST, &[PathPart::Literal("/x")])?;
        if let Some(body) = body {
            request = request.json(body);
        }
        Ok(request)
    }
}

impl<'a> ::std::future::IntoFuture for PostXRequest<'a> {
    type Output = Result<(), Error<PostXError>>;
    type IntoFuture = ResponseFuture<'a, (), PostXError>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

// src/types.rs
/// Used by:
/// - [`Client::post_x`](crate::Client::post_x): request body
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct PostXRequest {
    /// Constraints: no value at all (`not: {}`): leave it unset.
    pub anything: ::std::option::Option<::serde_json::Value>,
    /// Constraints: not a string.
    pub not_string: ::std::option::Option<::serde_json::Value>,
    /// Constraints: not one of `"admin"`.
    pub name: ::std::option::Option<::std::string::String>,
}

impl PostXRequest {
    /// With every field unset; the `with_` methods set them.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
    /// Sets `anything`.
    pub fn with_anything(mut self, anything: ::serde_json::Value) -> Self {
        self.anything = ::std::option::Option::Some(anything);
        self
    }
    /// Sets `not_string`.
    pub fn with_not_string(mut self, not_string: ::serde_json::Value) -> Self {
        self.not_string = ::std::option::Option::Some(not_string);
        self
    }
    /// Sets `name`.
    pub fn with_name(
        mut self,
        name: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.name = ::std::option::Option::Some(name.into());
        self
    }
}

impl ::serde::Serialize for PostXRequest {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("anything", &self.anything);
        object.optional("notString", &self.not_string);
        object.optional("name", &self.name);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for PostXRequest {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                anything: object.optional("anything"),
                not_string: object.optional("notString"),
                name: object.optional("name"),
            }),
        )
    }
}
