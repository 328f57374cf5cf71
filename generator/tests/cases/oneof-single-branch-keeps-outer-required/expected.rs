// src/operations.rs
/// The request of [`Client::create_encoder`](crate::Client::create_encoder) (`POST /encoders`): `.await` it to send it.
#[must_use = "a request is sent when it is awaited"]
pub struct CreateEncoderRequest<'a> {
    client: &'a Client,
    body: &'a types::CreateEncoderRequest,
}

impl<'a> CreateEncoderRequest<'a> {
    /// Sends the request: what `.await` does.
    pub fn send(
        self,
    ) -> ResponseFuture<'a, types::CreateOpenAiEncoderRequest, CreateEncoderError> {
        let client = self.client;
        let request = self.build();
        client
            .request_future(
                request,
                &crate::runtime::Call {
                    operation: "createEncoder",
                    method: "POST",
                    path: "/encoders",
                },
                |response| match response.status {
                    201 => response.json(),
                    _ => Err(response.into_error()),
                },
            )
    }
    /// The request: its URL and credentials, then its query, headers, cookies and body.
    fn build(
        self,
    ) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<CreateEncoderError>> {
        let Self { client, body } = self;
        let mut request = client
            .new_request(::reqwest::Method::POST, &[PathPart::Literal("/encoders")])?;
        request = request.json(body);
        Ok(request)
    }
}

impl<'a> ::std::future::IntoFuture for CreateEncoderRequest<'a> {
    type Output = Result<types::CreateOpenAiEncoderRequest, Error<CreateEncoderError>>;
    type IntoFuture = ResponseFuture<
        'a,
        types::CreateOpenAiEncoderRequest,
        CreateEncoderError,
    >;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

// src/types.rs
/// Used by:
/// - [`Client::create_encoder`](crate::Client::create_encoder): request body
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateEncoderRequest {
    pub r#type: ::std::string::String,
    pub name: ::std::string::String,
    pub uri: ::std::option::Option<::std::string::String>,
}

impl CreateEncoderRequest {
    /// With its required fields, the optional ones unset; the `with_` methods set them.
    pub fn new(
        r#type: impl ::std::convert::Into<::std::string::String>,
        name: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        Self {
            r#type: r#type.into(),
            name: name.into(),
            uri: ::std::option::Option::None,
        }
    }
    /// Sets `uri`.
    pub fn with_uri(
        mut self,
        uri: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.uri = ::std::option::Option::Some(uri.into());
        self
    }
}

impl ::serde::Serialize for CreateEncoderRequest {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("type", &self.r#type);
        object.required("name", &self.name);
        object.optional("uri", &self.uri);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for CreateEncoderRequest {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                r#type: object.required("type")?,
                name: object.required("name")?,
                uri: object.optional("uri"),
            }),
        )
    }
}

/// Used by:
/// - [`Client::create_encoder`](crate::Client::create_encoder): `201`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateOpenAiEncoderRequest {
    pub r#type: ::std::option::Option<::std::string::String>,
    pub name: ::std::string::String,
    pub uri: ::std::option::Option<::std::string::String>,
}

impl CreateOpenAiEncoderRequest {
    /// With its required fields, the optional ones unset.
    pub fn new(name: impl ::std::convert::Into<::std::string::String>) -> Self {
        Self {
            r#type: ::std::option::Option::None,
            name: name.into(),
            uri: ::std::option::Option::None,
        }
    }
}

impl ::serde::Serialize for CreateOpenAiEncoderRequest {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("type", &self.r#type);
        object.required("name", &self.name);
        object.optional("uri", &self.uri);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for CreateOpenAiEncoderRequest {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                r#type: object.optional("type"),
                name: object.required("name")?,
                uri: object.optional("uri"),
            }),
        )
    }
}
