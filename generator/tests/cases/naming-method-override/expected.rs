// src/operations.rs
impl Client {
    /// `PUT /keys/{name}/regen` (operationId `keys_name_regen_put`)
    ///
    /// `.await` the returned [`RegenerateApiKeyRequest`](crate::operations::RegenerateApiKeyRequest) to send the request.
    ///
    /// # Arguments
    ///
    /// - `name` (path `name`)
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn regenerate_api_key<'a>(
        &'a self,
        name: &'a str,
    ) -> crate::operations::RegenerateApiKeyRequest<'a> {
        crate::operations::RegenerateApiKeyRequest {
            client: self,
            name,
        }
    }
}
