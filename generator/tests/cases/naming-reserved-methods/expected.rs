// src/operations.rs
impl Client {
    /// `POST /clone` (operationId `clone`)
    ///
    /// `.await` the returned [`Clone2Request`](crate::operations::Clone2Request) to send the request.
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn clone_2(&self) -> crate::operations::Clone2Request<'_> {
        crate::operations::Clone2Request {
            client: self,
        }
    }
    /// `POST /new` (operationId `new_request`)
    ///
    /// `.await` the returned [`NewRequest2Request`](crate::operations::NewRequest2Request) to send the request.
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn new_request_2(&self) -> crate::operations::NewRequest2Request<'_> {
        crate::operations::NewRequest2Request {
            client: self,
        }
    }
}
