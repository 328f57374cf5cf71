// src/operations.rs
impl Client {
    /// Get the item that has the given identifier, if any
    ///
    /// `GET /items/{id}` (operationId `fetchItemById`)
    ///
    /// `.await` the returned [`FetchItemByIdRequest`](crate::operations::FetchItemByIdRequest) to send the request.
    ///
    /// # Arguments
    ///
    /// - `id` (path `id`)
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn fetch_item_by_id<'a>(
        &'a self,
        id: &'a str,
    ) -> crate::operations::FetchItemByIdRequest<'a> {
        crate::operations::FetchItemByIdRequest {
            client: self,
            id,
        }
    }
    /// `PUT /items/{id}/tags`
    ///
    /// `.await` the returned [`PutItemsIdTagsRequest`](crate::operations::PutItemsIdTagsRequest) to send the request.
    ///
    /// # Arguments
    ///
    /// - `id` (path `id`)
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn put_items_id_tags<'a>(
        &'a self,
        id: &'a str,
    ) -> crate::operations::PutItemsIdTagsRequest<'a> {
        crate::operations::PutItemsIdTagsRequest {
            client: self,
            id,
        }
    }
}
