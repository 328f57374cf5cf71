// src/client.rs
/// The server the spec names first; [`ClientBuilder::base_url`] picks another.
pub const DEFAULT_BASE_URL: &str = "https://petstore.example.com/v2";

impl ClientBuilder {
    /// The user name and password for the `basic` scheme (HTTP basic authentication). Never shown by `Debug`.
    pub fn basic_auth(
        mut self,
        username: impl Into<String>,
        password: Option<String>,
    ) -> Self {
        self.basic_auth = Some((
            crate::runtime::Secret::new(username.into()),
            password.map(crate::runtime::Secret::new),
        ));
        self
    }
}

// src/operations.rs
impl Client {
    /// `GET /pets` (operationId `listPets`)
    ///
    /// `.await` the returned [`ListPetsRequest`](crate::operations::ListPetsRequest) to send the request.
    ///
    /// # Optional arguments
    ///
    /// Set on the request before awaiting it:
    ///
    /// - [`tags`](crate::operations::ListPetsRequest::tags) (query `tags`)
    /// - [`limit`](crate::operations::ListPetsRequest::limit) (query `limit`)
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn list_pets(&self) -> crate::operations::ListPetsRequest<'_> {
        crate::operations::ListPetsRequest {
            client: self,
            tags: None,
            limit: None,
        }
    }
    /// `POST /pets` (operationId `createPet`)
    ///
    /// `.await` the returned [`CreatePetRequest`](crate::operations::CreatePetRequest) to send the request.
    ///
    /// # Arguments
    ///
    /// - `body`
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn create_pet<'a>(
        &'a self,
        body: &'a types::Pet,
    ) -> crate::operations::CreatePetRequest<'a> {
        crate::operations::CreatePetRequest {
            client: self,
            body,
        }
    }
    /// `PUT /pets/{id}/photo` (operationId `uploadPhoto`)
    ///
    /// `.await` the returned [`UploadPhotoRequest`](crate::operations::UploadPhotoRequest) to send the request.
    ///
    /// # Arguments
    ///
    /// - `id` (path `id`)
    /// - `body`
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn upload_photo<'a>(
        &'a self,
        id: &'a str,
        body: crate::operations::UploadPhotoForm,
    ) -> crate::operations::UploadPhotoRequest<'a> {
        crate::operations::UploadPhotoRequest {
            client: self,
            id,
            body,
        }
    }
}

/// The request of [`Client::list_pets`](crate::Client::list_pets) (`GET /pets`): `.await` it to send it. Its optional arguments are set with [`tags`](Self::tags), [`limit`](Self::limit).
#[must_use = "a request is sent when it is awaited"]
pub struct ListPetsRequest<'a> {
    client: &'a Client,
    tags: Option<&'a [&'a str]>,
    limit: Option<i32>,
}

impl<'a> ListPetsRequest<'a> {
    /// `tags` (query `tags`)
    pub fn tags(mut self, tags: &'a [&'a str]) -> Self {
        self.tags = Some(tags);
        self
    }
    /// `limit` (query `limit`)
    pub fn limit(mut self, limit: i32) -> Self {
        self.limit = Some(limit);
        self
    }
    /// Sends the request: what `.await` does.
    pub fn send(self) -> ResponseFuture<'a, Vec<types::Pet>, ListPetsError> {
        let client = self.client;
        let request = self.build();
        client
            .request_future(
                request,
                &crate::runtime::Call {
                    operation: "listPets",
                    method: "GET",
                    path: "/pets",
                },
                |response| match response.status {
                    200 => response.json(),
                    _ => Err(response.into_error()),
                },
            )
    }
    /// The request: its URL and credentials, then its query, headers, cookies and body.
    fn build(
        self,
    ) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<ListPetsError>> {
        let Self { client, tags, limit } = self;
        let mut request = client
            .new_request(
                ::reqwest::Method::GET,
                &[PathPart::Literal("/pets")],
                &[&[Scheme::Basic]],
            )?;
        if let Some(tags) = tags {
            request = request
                .query(&tags.iter().map(|v| ("tags", v)).collect::<Vec<_>>());
        }
        if let Some(limit) = limit {
            request = request.query(&[("limit", limit)]);
        }
        Ok(request)
    }
}

impl<'a> ::std::future::IntoFuture for ListPetsRequest<'a> {
    type Output = Result<Vec<types::Pet>, Error<ListPetsError>>;
    type IntoFuture = ResponseFuture<'a, Vec<types::Pet>, ListPetsError>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

/// The `multipart/form-data` body of [`Client::upload_photo`](crate::Client::upload_photo): a part per field, written in this order. Build it with `new` and the `with_` methods.
#[derive(Debug)]
#[non_exhaustive]
pub struct UploadPhotoForm {
    /// Part `file`.
    pub file: crate::FilePart,
    /// Part `caption`.
    pub caption: Option<String>,
}

impl UploadPhotoForm {
    /// With its required parts, the optional ones unset; the `with_` methods set them.
    pub fn new(file: crate::FilePart) -> Self {
        Self { file, caption: None }
    }
    /// Sets `caption`.
    pub fn with_caption(mut self, caption: impl Into<String>) -> Self {
        self.caption = Some(caption.into());
        self
    }
    /// The form, its parts in the fields' order.
    fn into_form<E>(self) -> Result<::reqwest::multipart::Form, crate::ErrorKind<E>> {
        let mut form = crate::runtime::FormWriter::new();
        form = form.file("file", self.file, None)?;
        if let Some(value) = self.caption {
            form = form.text("caption", &value)?;
        }
        Ok(form.finish())
    }
}

// src/types.rs
/// Used by:
/// - [`Client::list_pets`](crate::Client::list_pets): `200`
/// - [`Client::create_pet`](crate::Client::create_pet): request body, `201`
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Pet {
    pub name: ::std::string::String,
    /// `None`: absent; `Some(None)`: `null`.
    pub owner: ::std::option::Option<::std::option::Option<::std::string::String>>,
}

impl Pet {
    /// With its required fields, the optional ones unset; the `with_` methods set them.
    pub fn new(name: impl ::std::convert::Into<::std::string::String>) -> Self {
        Self {
            name: name.into(),
            owner: ::std::option::Option::None,
        }
    }
    /// Sets `owner`.
    pub fn with_owner(
        mut self,
        owner: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.owner = ::std::option::Option::Some(owner);
        self
    }
}

impl ::serde::Serialize for Pet {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut object = crate::runtime::ObjectWriter::write(serializer)?;
        object.required("name", &self.name);
        object.optional("owner", &self.owner);
        object.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for Pet {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        crate::runtime::Object::read(
            deserializer,
            |object| ::std::option::Option::Some(Self {
                name: object.required("name")?,
                owner: object.nullable("owner"),
            }),
        )
    }
}
