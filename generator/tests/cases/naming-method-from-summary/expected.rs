// src/operations.rs
impl Client {
    /// Get an item
    ///
    /// `GET /items/{id}` (operationId `fetchItemById`)
    ///
    /// `.await` the returned [`GetItemRequest`](crate::operations::GetItemRequest) to send the request.
    ///
    /// # Arguments
    ///
    /// - `id` (path `id`)
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn get_item<'a>(&'a self, id: &'a str) -> crate::operations::GetItemRequest<'a> {
        crate::operations::GetItemRequest {
            client: self,
            id,
        }
    }
    /// List API Keys
    ///
    /// `GET /keys` (operationId `v1_keys_get`)
    ///
    /// `.await` the returned [`ListApiKeysRequest`](crate::operations::ListApiKeysRequest) to send the request.
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn list_api_keys(&self) -> crate::operations::ListApiKeysRequest<'_> {
        crate::operations::ListApiKeysRequest {
            client: self,
        }
    }
}
