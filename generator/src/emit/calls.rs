//! A program that calls every operation of a generated client once: `src/main.rs` of a crate
//! beside the client, for checking what the client sends against a validating mock server of its
//! spec (`cargo xtask prism`). Not part of the client.
//!
//! The program takes the server's URL, a samples file and optionally the index of the operation
//! to start from (after one whose request stopped the server). The samples file is a JSON array
//! with one object per operation, in the IR's order, whose keys are `"<location> <wire name>"` for parameters
//! (`"query limit"`, `"path id"`) and `"body"`, and whose values are what the spec allows there.
//! Nothing of the spec becomes code: the values are read at run time, and the program's text is
//! made of the IR's sanitised names and of wire names in string literals. Each operation's values
//! are read into the owned form of its argument types and passed the way its method takes them
//! (as `operations` declares them: strings and structs borrowed, numbers by value); a required
//! argument without a sample (or a multipart body, which is not sampled) skips its operation, and
//! a sample its type cannot hold is reported as such. One line per operation says what happened, tab-separated: `sent`,
//! `skipped` or `unreadable`, the operation's index, its method, and the detail (for `sent`: `ok`,
//! or the client's error).

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::format::RustFile;
use super::{Emitter, ident};
use crate::ir::{Api, AuthKind, Operation, Ty};

/// `src/main.rs` of the calling program for the client crate `crate_name` (its package name).
pub fn calls(api: &Api, crate_name: &str) -> String {
    let e = Emitter { api };
    let krate = crate_name.replace('-', "_");
    RustFile::new(|| e.calls_head(&ident(&krate)))
        .items(api.operations.len(), |i| e.call(i, &api.operations[i]))
        .format(&BTreeMap::new())
}

impl Emitter<'_> {
    /// The program's docs, imports, helpers and `main`, which sends each operation in turn.
    fn calls_head(&self, krate: &Ident) -> TokenStream {
        let credentials = self.api.auth.iter().map(|scheme| {
            let setter = ident(&scheme.setter);
            match &scheme.kind {
                AuthKind::Basic => quote!(.#setter("sample-user", Some("sample-password".to_owned()))),
                AuthKind::Token { .. } | AuthKind::ApiKey { .. } => quote!(.#setter("sample-credential")),
            }
        });
        let calls = self.api.operations.iter().enumerate().map(|(i, op)| {
            let function = format_ident!("call_{}", i);
            let method = op.names.method.plain();
            quote! {
                if first <= #i {
                    report(#i, #method, #function(&client, &samples[#i]).await);
                }
            }
        });
        quote! {
            //! Calls every operation of the client once with the values of a samples file, and
            //! says what became of each call: `calls <base URL> <samples.json> [first operation]`.
            #![allow(deprecated, unused, unreachable_code, clippy::all)]

            use #krate::{types, Client};
            use serde_json::Value;

            /// What became of one operation.
            enum Outcome {
                /// Sent; the response was read, or the client's error.
                Sent(Result<(), String>),
                /// Not sent: a required argument has no sample.
                Skipped(String),
                /// Not sent: a sample is not a value of its argument's type.
                Unreadable(String),
            }

            /// The sample at `key`, read as a `T`.
            fn arg<T: serde::de::DeserializeOwned>(op: &Value, key: &str) -> Result<Option<T>, Outcome> {
                match op.get(key) {
                    None => Ok(None),
                    Some(value) => serde_json::from_value(value.clone())
                        .map(Some)
                        .map_err(|e| Outcome::Unreadable(format!("{key}: {e}"))),
                }
            }

            /// A required argument's sample.
            fn need<T>(value: Option<T>, key: &str) -> Result<T, Outcome> {
                value.ok_or_else(|| Outcome::Skipped(format!("no sample for {key}")))
            }

            fn report(index: usize, method: &str, outcome: Result<Outcome, Outcome>) {
                let (what, detail) = match outcome.unwrap_or_else(|o| o) {
                    Outcome::Sent(Ok(())) => ("sent", "ok".to_owned()),
                    Outcome::Sent(Err(e)) => ("sent", e),
                    Outcome::Skipped(why) => ("skipped", why),
                    Outcome::Unreadable(why) => ("unreadable", why),
                };
                println!("{what}\t{index}\t{method}\t{}", detail.replace(['\n', '\t'], " "));
            }

            #[tokio::main(flavor = "current_thread")]
            async fn main() -> Result<(), Box<dyn std::error::Error>> {
                let mut args = std::env::args().skip(1);
                let (Some(base_url), Some(samples)) = (args.next(), args.next()) else {
                    return Err("usage: calls <base URL> <samples.json> [first operation]".into());
                };
                let first: usize = args.next().map_or(Ok(0), |n| n.parse())?;
                let samples: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(samples)?)?;
                // One attempt per request: each reaches the server once.
                let client = Client::builder()
                    .base_url(base_url)
                    .retry(#krate::RetryPolicy::none())
                    #( #credentials )*
                    .build()?;
                #( #calls )*
                Ok(())
            }
        }
    }

    /// The function that reads the samples of operation `i`, builds its request and sends it.
    fn call(&self, i: usize, op: &Operation) -> TokenStream {
        let function = format_ident!("call_{}", i);
        let method = op.names.method.ident();
        let mut reads = Vec::new();
        let mut required = Vec::new();
        let mut optional = Vec::new();
        // A multipart body is built by the caller from parts (files among them): not sampled.
        let multipart = op.body.as_ref().filter(|b| b.ty == Ty::Multipart || op.names.form.is_some());
        if multipart.is_some_and(|b| b.required) {
            return quote! {
                async fn #function(client: &Client, op: &Value) -> Result<Outcome, Outcome> {
                    Err(Outcome::Skipped("a multipart body is not sampled".to_owned()))
                }
            };
        }
        let mut add =
            |key: String, (owned, pass): (TokenStream, TokenStream), local: Ident, is_required, setter: Ident| {
                reads.push(quote!(let #local: Option<#owned> = arg(op, #key)?;));
                if is_required {
                    reads.push(quote!(let #local = need(#local, #key)?;));
                    required.push(quote!({ let v = &#local; #pass }));
                } else {
                    optional.push(quote! {
                        if let Some(v) = #local.as_ref() {
                            request = request.#setter(#pass);
                        }
                    });
                }
            };
        for (n, p) in op.params.iter().enumerate() {
            let key = format!("{} {}", p.location.as_str(), p.wire);
            add(key, self.sample_param(&p.ty), format_ident!("a{}", n), p.required, p.name.ident());
        }
        if let Some(body) = op.body.as_ref().filter(|_| multipart.is_none()) {
            let body_ident = format_ident!("body");
            add("body".to_owned(), self.sample_body(&body.ty), body_ident.clone(), body.required, body_ident);
        }
        quote! {
            async fn #function(client: &Client, op: &Value) -> Result<Outcome, Outcome> {
                #( #reads )*
                let mut request = client.#method(#( #required ),*);
                #( #optional )*
                Ok(Outcome::Sent(request.await.map(|_| ()).map_err(|e| e.to_string())))
            }
        }
    }

    /// A parameter's sample type, and how `v`, a reference to it, is passed to the argument (as
    /// `operations` types it).
    fn sample_param(&self, ty: &Ty) -> (TokenStream, TokenStream) {
        match ty {
            Ty::String | Ty::Text => (quote!(String), quote!(v.as_str())),
            Ty::Bytes => (quote!(String), quote!(v.as_bytes())),
            Ty::Named(_) | Ty::Map(_) => (self.short_ty(ty), quote!(v)),
            Ty::Vec(inner) if **inner == Ty::String => {
                // The request borrows the `&str`s it is given: a one-off program leaks them.
                (quote!(Vec<String>), quote!(Vec::leak(v.iter().map(String::as_str).collect::<Vec<&str>>())))
            }
            Ty::Vec(_) => (self.short_ty(ty), quote!(v.as_slice())),
            Ty::Json => (quote!(Value), quote!(v.clone())),
            _ => (self.short_ty(ty), quote!(*v)),
        }
    }

    /// A request body's sample type, and how `v`, a reference to it, is passed.
    fn sample_body(&self, ty: &Ty) -> (TokenStream, TokenStream) {
        match ty {
            Ty::String | Ty::Text => (quote!(String), quote!(v.as_str())),
            Ty::Bytes => (quote!(String), quote!(v.clone().into_bytes())),
            Ty::Vec(_) => (self.short_ty(ty), quote!(v.as_slice())),
            _ => (self.short_ty(ty), quote!(v)),
        }
    }
}
