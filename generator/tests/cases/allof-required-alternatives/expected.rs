// src/operations.rs
/// The request of [`Client::create_droplet`](crate::Client::create_droplet) (`POST /droplets`): `.await` it to send it. Its optional arguments are set with [`body`](Self::body).
#[must_use = "a request is sent when it is awaited"]
pub struct CreateDropletRequest<'a> {
    client: &'a Client,
    body: Option<&'a types::CreateDropletRequest>,
}

impl<'a> CreateDropletRequest<'a> {
    /// `body`
    pub fn body(mut self, body: &'a types::CreateDropletRequest) -> Self {
        self.body = Some(body);
        self
    }
    /// Sends the request: what `.await` does.
    pub fn send(
        self,
    ) -> ResponseFuture<'a, types::CreateDropletResponse, CreateDropletError> {
        let client = self.client;
        let request = self.build();
        client
            .request_future(
                request,
                &crate::runtime::Call {
                    operation: "createDroplet",
                    method: "POST",
                    path: "/droplets",
                },
                |response| match response.status {
                    202 => response.json(),
                    _ => Err(response.into_error()),
                },
            )
    }
    /// The request: its URL and credentials, then its query, headers, cookies and body.
    fn build(
        self,
    ) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<CreateDropletError>> {
        let Self { client, body } = self;
        let mut request = client
            .new_request(::reqwest::Method::POST, &[PathPart::Literal("/droplets")])?;
        if let Some(body) = body {
            request = request.json(body);
        }
        Ok(request)
    }
}

impl<'a> ::std::future::IntoFuture for CreateDropletRequest<'a> {
    type Output = Result<types::CreateDropletResponse, Error<CreateDropletError>>;
    type IntoFuture = ResponseFuture<
        'a,
        types::CreateDropletResponse,
        CreateDropletError,
    >;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

// src/types.rs
/// Constraints: requires `name`, or `names`.
///
/// Used by:
/// - [`Client::create_droplet`](crate::Client::create_droplet): request body
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateDropletRequest {
    pub name: ::std::option::Option<::std::string::String>,
    pub names: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
    pub size: ::std::string::String,
}

impl CreateDropletRequest {
    /// With its required fields, the optional ones unset; the `with_` methods set them.
    pub fn new(size: impl ::std::convert::Into<::std::string::String>) -> Self {
        Self {
            name: ::std::option::Option::None,
            names: ::std::option::Option::None,
            size: size.into(),
        }
    }
    /// Sets `name`.
    pub fn with_name(
        mut self,
        name: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.name = ::std::option::Option::Some(name.into());
        self
    }
    /// Sets `names`.
    pub fn with_names(mut self, names: ::std::vec::Vec<::std::string::String>) -> Self {
        self.names = ::std::option::Option::Some(names);
        self
    }
}

impl ::serde::Serialize for CreateDropletRequest {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("name", &self.name);
        object.optional("names", &self.names);
        object.required("size", &self.size);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for CreateDropletRequest {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                name: object.optional("name"),
                names: object.optional("names"),
                size: object.required("size")?,
            }),
        )
    }
}

/// Constraints: requires `a`, or `kind`.
///
/// Used by:
/// - [`Client::create_droplet`](crate::Client::create_droplet): `202`
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct CreateDropletResponse {
    pub kind: ::std::option::Option<::std::string::String>,
    pub a: ::std::option::Option<::std::string::String>,
    pub b: ::std::option::Option<i64>,
}

impl CreateDropletResponse {
    /// With every field unset.
    pub fn new() -> Self {
        ::std::default::Default::default()
    }
}

impl ::serde::Serialize for CreateDropletResponse {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.optional("kind", &self.kind);
        object.optional("a", &self.a);
        object.optional("b", &self.b);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for CreateDropletResponse {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                kind: object.optional("kind"),
                a: object.optional("a"),
                b: object.optional("b"),
            }),
        )
    }
}
