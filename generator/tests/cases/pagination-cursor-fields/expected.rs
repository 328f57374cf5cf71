// src/operations.rs
/// The request of [`Client::list_sorted`](crate::Client::list_sorted) (`GET /sorted`): `.await` it to send it. Its optional arguments are set with [`order_by`](Self::order_by).
#[must_use = "a request is sent when it is awaited"]
pub struct ListSortedRequest<'a> {
    client: &'a Client,
    order_by: Option<&'a str>,
}

impl<'a> ListSortedRequest<'a> {
    /// `order_by` (query `orderBy`)
    pub fn order_by(mut self, order_by: &'a str) -> Self {
        self.order_by = Some(order_by);
        self
    }
    /// Sends the request: what `.await` does.
    pub fn send(self) -> ResponseFuture<'a, types::ListSortedResponse, ListSortedError> {
        let client = self.client;
        let request = self.build();
        client
            .request_future(
                request,
                &crate::runtime::Call {
                    operation: "listSorted",
                    method: "GET",
                    path: "/sorted",
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
    ) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<ListSortedError>> {
        let Self { client, order_by } = self;
        let mut request = client
            .new_request(::reqwest::Method::GET, &[PathPart::Literal("/sorted")])?;
        if let Some(order_by) = order_by {
            request = request.query(&[("orderBy", order_by)]);
        }
        Ok(request)
    }
}

impl<'a> ::std::future::IntoFuture for ListSortedRequest<'a> {
    type Output = Result<types::ListSortedResponse, Error<ListSortedError>>;
    type IntoFuture = ResponseFuture<'a, types::ListSortedResponse, ListSortedError>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

/// The request of [`Client::list_things`](crate::Client::list_things) (`GET /things`): `.await` it to send it. Its optional arguments are set with [`page_token`](Self::page_token).
#[must_use = "a request is sent when it is awaited"]
pub struct ListThingsRequest<'a> {
    client: &'a Client,
    page_token: Option<&'a str>,
}

impl<'a> ListThingsRequest<'a> {
    /// `page_token` (query `pageToken`)
    pub fn page_token(mut self, page_token: &'a str) -> Self {
        self.page_token = Some(page_token);
        self
    }
    /// Sends the request: what `.await` does.
    pub fn send(self) -> ResponseFuture<'a, types::ListThingsResponse, ListThingsError> {
        let client = self.client;
        let request = self.build();
        client
            .request_future(
                request,
                &crate::runtime::Call {
                    operation: "listThings",
                    method: "GET",
                    path: "/things",
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
    ) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<ListThingsError>> {
        let Self { client, page_token } = self;
        let mut request = client
            .new_request(::reqwest::Method::GET, &[PathPart::Literal("/things")])?;
        if let Some(page_token) = page_token {
            request = request.query(&[("pageToken", page_token)]);
        }
        Ok(request)
    }
    /// Every item of every page: follows the cursor in the response until it is empty (or repeats), starting from the cursor set on this request, if any. Stops at the first error, which it yields.
    pub fn stream(
        self,
    ) -> impl ::futures_util::Stream<
        Item = Result<String, Error<ListThingsError>>,
    > + 'a {
        let first_page: (Option<Option<String>>, ::std::vec::IntoIter<String>) = (
            Some(self.page_token.map(str::to_owned)),
            Vec::new().into_iter(),
        );
        ::futures_util::stream::try_unfold(
            first_page,
            move |(mut next_cursor, mut page_items)| {
                let request = ListThingsRequest { ..self };
                async move {
                    loop {
                        if let Some(item) = page_items.next() {
                            return Ok(Some((item, (next_cursor, page_items))));
                        }
                        let Some(this_cursor) = next_cursor.take() else {
                            return Ok(None)
                        };
                        let page = ListThingsRequest {
                            page_token: this_cursor.as_deref(),
                            ..request
                        }
                            .send()
                            .await?;
                        let next: Option<String> = Some(&page)
                            .and_then(|v| v.next_page_token.clone())
                            .filter(|c: &String| {
                                !c.is_empty() && Some(c) != this_cursor.as_ref()
                            });
                        page_items = page
                            .things
                            .flatten()
                            .unwrap_or_default()
                            .into_iter();
                        next_cursor = next.map(Some);
                    }
                }
            },
        )
    }
}

impl<'a> ::std::future::IntoFuture for ListThingsRequest<'a> {
    type Output = Result<types::ListThingsResponse, Error<ListThingsError>>;
    type IntoFuture = ResponseFuture<'a, types::ListThingsResponse, ListThingsError>;
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}
