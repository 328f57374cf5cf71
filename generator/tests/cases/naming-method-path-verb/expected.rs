// src/operations.rs
impl Client {
    /// Get API key
    ///
    /// `GET /keys/{name}` (operationId `keys_name_get`)
    ///
    /// `.await` the returned [`GetApiKeyRequest`](crate::operations::GetApiKeyRequest) to send the request.
    ///
    /// # Arguments
    ///
    /// - `name` (path `name`)
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn get_api_key<'a>(
        &'a self,
        name: &'a str,
    ) -> crate::operations::GetApiKeyRequest<'a> {
        crate::operations::GetApiKeyRequest {
            client: self,
            name,
        }
    }
    /// Get API key
    ///
    /// `PUT /keys/{name}/regen` (operationId `keys_name_regen_put`)
    ///
    /// `.await` the returned [`RegenApiKeyRequest`](crate::operations::RegenApiKeyRequest) to send the request.
    ///
    /// # Arguments
    ///
    /// - `name` (path `name`)
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn regen_api_key<'a>(
        &'a self,
        name: &'a str,
    ) -> crate::operations::RegenApiKeyRequest<'a> {
        crate::operations::RegenApiKeyRequest {
            client: self,
            name,
        }
    }
}
