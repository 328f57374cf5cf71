//! `src/operations.rs`: one method on `Client` per operation, taking the required arguments and
//! returning the operation's request builder, which has a setter per optional argument, builds
//! and sends the request when awaited, and reads the response by status.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc_attr;
use super::format::RustFile;
use super::responses::{raw_body, statuses_pattern, success_arm};
use super::{Emitter, ident, mentions_type};
use crate::ir::{Operation, Param, ParamIn, PathPart, RustName, Streaming, Style, Ty, Writing};

impl Emitter<'_> {
    /// `src/operations.rs`: the imports, the methods on `Client` and the request builders.
    pub(super) fn operations(&self) -> RustFile<'_> {
        let operations = &self.api.operations;
        if operations.is_empty() {
            return RustFile::new(|| {
                quote! {
                    //! One async method per operation; the spec defines none, so the crate is its types.
                }
            });
        }
        let uses_headers = self
            .api
            .operations
            .iter()
            .any(|o| o.params.iter().any(|p| matches!(p.location, ParamIn::Header | ParamIn::Cookie)));
        let uses_types = self.api.operations.iter().any(|o| {
            o.params.iter().any(|p| mentions_type(&p.ty))
                || o.body.as_ref().is_some_and(|b| mentions_type(&b.ty) || b.parts.iter().any(part_mentions_type))
                || (o.names.success.is_none() && o.success.iter().any(|s| s.ty.as_ref().is_some_and(mentions_type)))
        });
        let uses_schemes = self.api.operations.iter().any(|o| !o.auth.is_empty());
        let head = move || {
            let types_import = if uses_types {
                quote!(
                    use crate::{Client, Error, types};
                )
            } else {
                quote!(
                    use crate::{Client, Error};
                )
            };
            let client_imports =
                if uses_schemes { quote!(use crate::client::Scheme; #types_import) } else { types_import };
            let runtime_imports = if uses_headers {
                quote!(
                    use crate::runtime::{PathPart, header_value};
                )
            } else {
                quote!(
                    use crate::runtime::PathPart;
                )
            };
            quote! {
                //! The requests of the operations. Each operation is a method on [`Client`] taking the
                //! required arguments and returning its request, which has a setter per optional
                //! argument and is sent when awaited. Each states only what is particular to it
                //! (method, path, arguments, statuses and types); the plumbing is in `runtime.rs`.

                use crate::errors::*;
                #runtime_imports
                #client_imports

                /// What awaiting a request, or its `send`, runs: the response of an operation,
                /// `T` on success. Boxed, and `Send`: it can be spawned on a multi-threaded runtime.
                pub type ResponseFuture<'a, T, E> =
                    ::std::pin::Pin<Box<dyn ::std::future::Future<Output = Result<T, Error<E>>> + Send + 'a>>;
            }
        };
        RustFile::new(head)
            .block(|| quote!(impl Client), operations.len(), |i| self.method(&operations[i]))
            .items(operations.len(), |i| self.request(&operations[i]))
    }

    /// An operation's method on `Client`: it takes the required arguments and returns the
    /// operation's request builder ([`Self::request`]).
    fn method(&self, op: &Operation) -> TokenStream {
        let name = op.names.method.ident();
        let doc = doc_attr(&self.operation_doc(op));
        let deprecated = if op.deprecated { quote!(#[deprecated]) } else { quote!() };
        let builder = ident(&op.names.request);
        let client = ident(&client_field(op));
        let Arguments { required, optional, .. } = self.arguments(op, &quote!('a));
        // `'a` is named only when an argument is borrowed too.
        let borrows = required.iter().any(|(_, ty, _)| ty.to_string().contains("'a"));
        let (generics, self_ref, out_lt) =
            if borrows { (quote!(<'a>), quote!(&'a self), quote!('a)) } else { (quote!(), quote!(&self), quote!('_)) };
        let required_args = required.iter().map(|(pname, ty, _)| quote!(#pname: #ty));
        let required_names = required.iter().map(|(_, _, init)| init);
        let many = super::argument_lints(true, required.iter().map(|(pname, _, _)| pname.to_string()));
        quote! {
            #doc
            #deprecated
            #many
            pub fn #name #generics(#self_ref, #( #required_args ),*) -> crate::operations::#builder<#out_lt> {
                crate::operations::#builder { #client: self, #( #required_names, )* #( #optional: None, )* }
            }
        }
    }

    /// An operation's request builder (`<Name>Request`): it has a setter per optional argument,
    /// sends the request when awaited and, as the case may be, has `send_with_headers` and
    /// `stream`.
    fn request(&self, op: &Operation) -> TokenStream {
        let error = ident(&op.names.error);
        let builder = ident(&op.names.request);
        let client = ident(&client_field(op));
        let lt = quote!('a);
        let Arguments { fields, names, setters, .. } = self.arguments(op, &lt);
        let steps = self.build_steps(op);
        let (success_ty, dispatch) = self.dispatch(op);

        // Sending is generic (`Client::request_future`): each operation states how its request is
        // built and how its response is read. A request made of the URL and credentials alone is
        // built in `send`; one with a query, headers, cookies or a body, or a path parameter whose
        // writing can fail, has a `build` of its own (no argument is named `build`: resolve
        // reserves it).
        let (request, fallible) = self.request_expr(op, &client);
        // What errors, spans and hooks name the operation by: its operationId (else its method's
        // name), method and path template, each one bounded line with control characters written out.
        let operation = crate::spectext::runtime(op.operation_id.as_deref().unwrap_or(op.names.method.plain()));
        let template = crate::spectext::runtime(&op.path);
        let http_method = op.http_method.upper();
        let call = quote!(&crate::runtime::Call { operation: #operation, method: #http_method, path: #template });
        let in_send = steps.is_empty() && !fallible;
        let bind = if in_send {
            quote! {
                let Self { #client, #( #names ),* } = self;
                let request = #request;
            }
        } else {
            quote! {
                let #client = self.#client;
                let request = self.build();
            }
        };
        let build = if in_send {
            quote!()
        } else {
            let (doc, body) = if steps.is_empty() {
                ("The request: its URL (some path parameters' writing can fail) and credentials.", request)
            } else {
                (
                    "The request: its URL and credentials, then its query, headers, cookies and body.",
                    quote!(let mut request = #request?; #( #steps )* Ok(request)),
                )
            };
            let doc = doc_attr(doc);
            quote! {
                #doc
                fn build(self) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<#error>> {
                    let Self { #client, #( #names ),* } = self;
                    #body
                }
            }
        };
        let (success_ty, sends) = self.sends(
            op,
            &Sending { client: &client, error: &error, call: &call, bind: &bind },
            success_ty,
            &dispatch,
            build,
        );
        let stream = self.stream_method(op, &builder);
        let form = self.form(op);
        let builder_doc = doc_attr(&self.builder_doc(op));
        quote! {
            #form

            #builder_doc
            #[must_use = "a request is sent when it is awaited"]
            pub struct #builder<'a> {
                #client: &'a Client,
                #( #fields, )*
            }

            impl<'a> #builder<'a> {
                #( #setters )*
                #sends
                #stream
            }

            impl<'a> ::std::future::IntoFuture for #builder<'a> {
                type Output = Result<#success_ty, Error<#error>>;
                type IntoFuture = ResponseFuture<'a, #success_ty, #error>;

                fn into_future(self) -> Self::IntoFuture {
                    self.send()
                }
            }
        }
    }

    /// The request's methods that send it: `send` (what `.await` does) and its `build`; with
    /// documented response headers, `send_with_headers`; for a body read as it arrives,
    /// `byte_stream` or `event_stream` (or `send` itself, for events alone). Also the success type
    /// of `send`, which `IntoFuture` gives.
    fn sends(
        &self,
        op: &Operation,
        s: &Sending<'_>,
        success_ty: TokenStream,
        dispatch: &TokenStream,
        build: TokenStream,
    ) -> (TokenStream, TokenStream) {
        let Sending { client, error, call, bind } = *s;
        // A body read as it arrives: the statuses whose body it is, and how each event's data reads.
        let success_pats = statuses_pattern(op.success.iter().map(|s| &s.status));
        let success = quote!(|status| matches!(status, #success_pats));
        let events = match &op.streaming {
            Some(Streaming::Events { data, only }) => {
                let decode = if *data == Ty::Text {
                    quote!(crate::runtime::event_text)
                } else {
                    let data = self.short_ty(data);
                    quote!(crate::runtime::event_json::<#data>)
                };
                let data = self.short_ty(data);
                let ty = quote!(crate::EventStream<#data, #error>);
                let future = quote!(crate::runtime::event_stream(#client, request, #call, #success, #decode));
                Some((ty, future, *only))
            }
            _ => None,
        };
        let streamed = match (&op.streaming, &events) {
            (Some(Streaming::Bytes), _) => quote! {
                /// Sends the request and gives the body as it arrives, never held whole: for a
                /// large download. See [`ByteStream`](crate::ByteStream).
                pub fn byte_stream(self) -> ResponseFuture<'a, crate::ByteStream<#error>, #error> {
                    #bind
                    crate::runtime::byte_stream(#client, request, #call, #success)
                }
            },
            (_, Some((ty, future, false))) => quote! {
                /// Sends the request asking for server-sent events (`Accept: text/event-stream`),
                /// and gives them as they arrive: see [`EventStream`](crate::EventStream).
                pub fn event_stream(self) -> ResponseFuture<'a, #ty, #error> {
                    #bind
                    #future
                }
            },
            _ => quote!(),
        };
        // Events alone: `send` gives them as they arrive.
        if let Some((ty, future, true)) = events {
            let sends = quote! {
                /// Sends the request: what `.await` does. The response's events arrive as the
                /// server sends them: see [`EventStream`](crate::EventStream).
                pub fn send(self) -> ResponseFuture<'a, #ty, #error> {
                    #bind
                    #future
                }

                #build
            };
            return (ty, sends);
        }
        let sends = match op.names.headers.as_deref().map(ident) {
            None => quote! {
                /// Sends the request: what `.await` does.
                pub fn send(self) -> ResponseFuture<'a, #success_ty, #error> {
                    #bind
                    #client.request_future(request, #call, |response| #dispatch)
                }

                #build
                #streamed
            },
            // With documented response headers, `send_with_headers` does the work and `send` drops
            // the headers.
            Some(headers_ty) => quote! {
                /// Sends the request: what `.await` does.
                pub fn send(self) -> ResponseFuture<'a, #success_ty, #error> {
                    crate::runtime::body_only(self.send_with_headers())
                }

                /// Sends the request, and returns the documented response headers with the body.
                pub fn send_with_headers(self) -> ResponseFuture<'a, (#success_ty, crate::responses::#headers_ty), #error> {
                    #bind
                    #client.request_future(request, #call, |response| {
                        let headers = crate::responses::#headers_ty::read(&response.headers);
                        let body = #dispatch;
                        body.map(|body| (body, headers))
                    })
                }

                #build
                #streamed
            },
        };
        (success_ty, sends)
    }

    /// The arguments of an operation: the request's fields (one per argument), their names, the
    /// required ones (the method's parameters), the setters and the optional ones.
    fn arguments(&self, op: &Operation, lt: &TokenStream) -> Arguments {
        let mut fields = Vec::new();
        let mut names = Vec::new();
        let mut required = Vec::new();
        let mut setters = Vec::new();
        let mut optional = Vec::new();
        let args = op.params.iter().map(|p| (p.name.clone(), Some(p), self.arg_type_in(&p.ty, lt), p.required, false));
        let body = op.body.as_ref().map(|b| {
            let ty = match &op.names.form {
                // A typed form, taken by value: its files are read as it is sent.
                Some(form) => {
                    let form = ident(form);
                    quote!(crate::operations::#form)
                }
                None => self.body_arg_type(&b.ty, lt),
            };
            (RustName::new("body"), None, ty, b.required, b.ty == Ty::Bytes)
        });
        for (arg, param, ty, is_required, converted) in args.chain(body) {
            let pname = arg.ident();
            names.push(quote!(#pname));
            // A binary body is any of the things a `Body` is made from.
            let (arg_ty, value) =
                if converted { (quote!(impl Into<#ty>), quote!(#pname.into())) } else { (ty.clone(), quote!(#pname)) };
            if is_required {
                fields.push(quote!(#pname: #ty));
                let init = if converted { quote!(#pname: #value) } else { quote!(#pname) };
                required.push((pname, arg_ty, init));
            } else {
                fields.push(quote!(#pname: Option<#ty>));
                let setter_doc = doc_attr(&self.arg_line(op, param));
                let lints = super::argument_lints(true, [arg.raw()]);
                setters.push(quote! {
                    #setter_doc
                    #lints
                    pub fn #pname(mut self, #pname: #arg_ty) -> Self {
                        self.#pname = Some(#value);
                        self
                    }
                });
                optional.push(pname);
            }
        }
        Arguments { fields, names, required, setters, optional }
    }

    /// The statements of the request's `build` after the request to the operation's URL: the
    /// query, headers, cookies and body (none: the request is the URL and credentials alone).
    fn build_steps(&self, op: &Operation) -> Vec<TokenStream> {
        let mut steps = Vec::new();
        self.query_steps(op, &mut steps);
        self.header_steps(op, &mut steps);
        self.cookie_step(op, &mut steps);
        body_step(op, &mut steps);
        steps
    }

    /// The path as `runtime::PathPart`s: literal text and the path parameters, each written as
    /// its style says.
    /// Also whether writing them can fail (`?`: an expanded or JSON parameter).
    fn path_parts(&self, op: &Operation) -> (Vec<TokenStream>, bool) {
        let fallible = op.path_parts.iter().any(|part| {
            matches!(part, PathPart::Param { index, .. } if matches!(op.params[*index].writing, Writing::Expand | Writing::Json))
        });
        let parts = op
            .path_parts
            .iter()
            .map(|part| match part {
                PathPart::Literal(text) => quote!(PathPart::Literal(#text)),
                PathPart::Param { index, whole_segment } => {
                    let p = &op.params[*index];
                    let wire = &p.wire;
                    if p.writing == Writing::Expand {
                        let value = by_ref(&p.name, &p.ty);
                        let operator = match p.style {
                            Style::Label => ".",
                            Style::Matrix => ";",
                            _ => "",
                        };
                        let explode = p.explode;
                        let text = quote!(&crate::runtime::expand(#wire, #value, #operator, #explode, true)?);
                        return if *whole_segment {
                            quote!(PathPart::Expanded(#wire, #text))
                        } else {
                            quote!(PathPart::Literal(#text))
                        };
                    }
                    let value = match p.writing {
                        Writing::Json => json_text(p),
                        _ => param_as_str(&p.name, &p.ty),
                    };
                    if *whole_segment {
                        quote!(PathPart::Segment(#wire, #value))
                    } else {
                        quote!(PathPart::Inner(#value))
                    }
                }
            })
            .collect();
        (parts, fallible)
    }

    /// The request to the operation's URL, with its credentials: `Client::new_request` (or
    /// `new_request_at` for an operation with a server of its own), a `Result`; and whether its
    /// path parts can fail, which only a function returning a `Result` can write.
    fn request_expr(&self, op: &Operation, client: &Ident) -> (TokenStream, bool) {
        let (parts, fallible) = self.path_parts(op);
        let method = format_ident!("{}", op.http_method.upper());
        let alternatives = op.auth.iter().map(|alt| {
            let schemes = alt.iter().map(|i| ident(&self.api.auth[*i].field));
            quote!(&[#( Scheme::#schemes ),*])
        });
        let auth = if self.api.auth.is_empty() { quote!() } else { quote!(, &[#( #alternatives ),*]) };
        // The URL is built in place: a local `url` would hide a parameter of that name.
        let request = match &op.server {
            Some(server) => quote!(#client.new_request_at(::reqwest::Method::#method, #server, &[#( #parts ),*] #auth)),
            None => quote!(#client.new_request(::reqwest::Method::#method, &[#( #parts ),*] #auth)),
        };
        (request, fallible)
    }

    /// Adds the query parameters.
    fn query_steps(&self, op: &Operation, steps: &mut Vec<TokenStream>) {
        for p in op.params.iter().filter(|p| p.location == ParamIn::Query) {
            let pname = p.name.ident();
            let wire = &p.wire;
            let add = match (p.writing, p.style) {
                (Writing::List, Style::Form) if p.explode => {
                    quote!(request.query(&#pname.iter().map(|v| (#wire, v)).collect::<Vec<_>>()))
                }
                (Writing::List, style) => {
                    let sep = separator(style).to_string();
                    quote!(request.query(&[(#wire, #pname.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(#sep))]))
                }
                (Writing::Pairs, style) => {
                    let pairs = pairs_call(p, style);
                    quote!(request.query(&#pairs))
                }
                (Writing::Json, _) => {
                    let text = json_text(p);
                    quote!(request.query(&[(#wire, #text)]))
                }
                _ => quote!(request.query(&[(#wire, #pname)])),
            };
            steps.push(optional_step(&pname, p.required, add));
        }
    }

    /// Adds the header parameters.
    fn header_steps(&self, op: &Operation, steps: &mut Vec<TokenStream>) {
        for p in op.params.iter().filter(|p| p.location == ParamIn::Header) {
            let pname = p.name.ident();
            let wire = &p.wire;
            // A list in a header is comma-separated (OpenAPI's `simple` style).
            let value = match (p.writing, &p.ty) {
                (Writing::Text, Ty::String) => quote!(#pname),
                (Writing::Text, _) => quote!(&#pname.to_string()),
                (Writing::List, _) => quote!(&#pname.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(",")),
                (Writing::Json, _) => json_text(p),
                _ => {
                    let value = by_ref(&p.name, &p.ty);
                    let explode = p.explode;
                    quote!(&crate::runtime::expand(#wire, #value, "", #explode, false)?)
                }
            };
            steps.push(optional_step(&pname, p.required, quote!(request.header(#wire, header_value(#wire, #value)?))));
        }
    }

    /// Adds the cookie parameters, in one `Cookie` header.
    fn cookie_step(&self, op: &Operation, steps: &mut Vec<TokenStream>) {
        let cookies: Vec<TokenStream> = op
            .params
            .iter()
            .filter(|p| p.location == ParamIn::Cookie)
            .map(|p| {
                let pname = p.name.ident();
                let wire = &p.wire;
                let push = match p.writing {
                    Writing::Json => {
                        let text = json_text(p);
                        quote!(cookies.push(crate::runtime::cookie_pair(#wire, #text)))
                    }
                    // A list or an object: form style, one cookie per pair when exploded.
                    Writing::Pairs => {
                        let pairs = pairs_call(p, Style::Form);
                        quote!(cookies.extend(#pairs.iter().map(|(k, v)| crate::runtime::cookie_pair(k, v))))
                    }
                    _ => {
                        let value = if p.ty == Ty::String { quote!(#pname) } else { quote!(&#pname.to_string()) };
                        quote!(cookies.push(crate::runtime::cookie_pair(#wire, #value)))
                    }
                };
                if p.required { quote!(#push;) } else { quote!(if let Some(#pname) = #pname { #push; }) }
            })
            .collect();
        if !cookies.is_empty() {
            steps.push(quote! {
                let mut cookies: Vec<String> = Vec::new();
                #( #cookies )*
                if !cookies.is_empty() {
                    request = request.header(::reqwest::header::COOKIE, header_value("Cookie", &cookies.join("; "))?);
                }
            });
        }
    }

    /// How the response is read: the success type, and the expression that reads the response by
    /// its status.
    fn dispatch(&self, op: &Operation) -> (TokenStream, TokenStream) {
        let mut arms = Vec::new();
        let success_ty = match &op.names.success {
            Some(name) => {
                let name = ident(name);
                for s in &op.success {
                    arms.extend(success_arm(&name, s));
                }
                quote!(crate::responses::#name)
            }
            None => op.success.first().and_then(|s| s.ty.as_ref()).map(|t| self.short_ty(t)).unwrap_or(quote!(())),
        };
        if !op.success.is_empty() && op.names.success.is_none() {
            let success_pats = statuses_pattern(op.success.iter().map(|s| &s.status));
            let ty = op.success.first().and_then(|s| s.ty.as_ref());
            let decode = match (ty, raw_body(ty)) {
                (None, _) => quote!(Ok(())),
                (Some(_), Some(raw)) => quote!(Ok(#raw)),
                (Some(_), None) => quote!(response.json()),
            };
            arms.push(quote!(#success_pats => #decode,));
        }
        // Any other status is the error enum's to read (`FromResponse`, in `errors.rs`).
        let dispatch = if arms.is_empty() {
            quote!(Err(response.into_error()))
        } else {
            quote!(match response.status {
                #( #arms )*
                _ => Err(response.into_error()),
            })
        };
        (success_ty, dispatch)
    }

    /// An argument type whose borrows carry `lifetime` (empty: elided). Optional arguments hold it
    /// in an `Option` on the request.
    fn arg_type_in(&self, ty: &Ty, lifetime: &TokenStream) -> TokenStream {
        match ty {
            Ty::String | Ty::Text => quote!(&#lifetime str),
            Ty::Bytes => quote!(&#lifetime [u8]),
            // Structs, enums and maps are borrowed like strings.
            Ty::Named(_) | Ty::Map(_) => {
                let ty = self.short_ty(ty);
                quote!(&#lifetime #ty)
            }
            Ty::Vec(inner) if **inner == Ty::String => quote!(&#lifetime [&#lifetime str]),
            Ty::Vec(inner) => {
                let inner = self.short_ty(inner);
                quote!(&#lifetime [#inner])
            }
            other => self.short_ty(other),
        }
    }

    /// A request body argument: borrowed, as a slice or `str` where that is what it holds.
    fn body_arg_type(&self, ty: &Ty, lifetime: &TokenStream) -> TokenStream {
        match ty {
            // A form is built by the caller and consumed by the request.
            Ty::Multipart => quote!(::reqwest::multipart::Form),
            Ty::String | Ty::Text => quote!(&#lifetime str),
            // Bytes, a stream or a file (`runtime::Body`).
            Ty::Bytes => quote!(crate::Body<#lifetime>),
            Ty::Vec(inner) => {
                let inner = self.short_ty(inner);
                quote!(&#lifetime [#inner])
            }
            other => {
                let ty = self.short_ty(other);
                quote!(&#lifetime #ty)
            }
        }
    }

    /// The builder's `stream`: every item of every page, following the cursor until it is empty.
    fn stream_method(&self, op: &Operation, builder: &Ident) -> TokenStream {
        let Some(p) = &op.pagination else { return quote!() };
        let error = ident(&op.names.error);
        let cursor = op.params[p.cursor_param].name.ident();
        let item = self.short_ty(&p.item_ty);

        let path = |fields: &[(RustName, bool)], leaf: TokenStream| -> TokenStream {
            // `page.a.as_ref().and_then(|v| v.b.clone())`, minding which steps are optional.
            let mut expr = quote!(Some(&page));
            for (i, (field, required)) in fields.iter().enumerate() {
                let f = field.ident();
                let last = i + 1 == fields.len();
                expr = match (last, required) {
                    (false, true) => quote!(#expr.map(|v| &v.#f)),
                    (false, false) => quote!(#expr.and_then(|v| v.#f.as_ref())),
                    (true, true) => quote!(#expr.map(|v| v.#f #leaf)),
                    (true, false) => quote!(#expr.and_then(|v| v.#f #leaf)),
                };
            }
            expr
        };
        let next = path(&p.cursor, if p.cursor_nullable { quote!(.clone().flatten()) } else { quote!(.clone()) });
        // The items move out of the page (the recogniser only finds them at its top level); absent
        // or `null`, they are an empty page.
        let flatten = if p.items_nullable { quote!(.flatten()) } else { quote!() };
        let items = match p.items.as_slice() {
            [(field, true)] => {
                let f = field.ident();
                quote!(page.#f)
            }
            [(field, false)] => {
                let f = field.ident();
                quote!(page.#f #flatten.unwrap_or_default())
            }
            deeper => {
                let expr = path(deeper, quote!(.clone() #flatten));
                quote!(#expr.unwrap_or_default())
            }
        };
        let doc = doc_attr(
            "Every item of every page: follows the cursor in the response until it is empty (or repeats), \
             starting from the cursor set on this request, if any. Stops at the first error, which it yields.",
        );
        quote! {
            #doc
            pub fn stream(self) -> impl ::futures_util::Stream<Item = Result<#item, Error<#error>>> + 'a {
                // State: the cursor of the next page (`None` when there is none) and the items
                // left of this page.
                let first_page: (Option<Option<String>>, ::std::vec::IntoIter<#item>) =
                    (Some(self.#cursor.map(str::to_owned)), Vec::new().into_iter());
                ::futures_util::stream::try_unfold(first_page, move |(mut next_cursor, mut page_items)| {
                    // The arguments are references or numbers: each page's request copies them.
                    let request = #builder { ..self };
                    async move {
                    loop {
                        if let Some(item) = page_items.next() {
                            return Ok(Some((item, (next_cursor, page_items))));
                        }
                        let Some(this_cursor) = next_cursor.take() else { return Ok(None) };
                        let page = #builder { #cursor: this_cursor.as_deref(), ..request }.send().await?;
                        let next: Option<String> = #next.filter(|c: &String| !c.is_empty() && Some(c) != this_cursor.as_ref());
                        page_items = #items.into_iter();
                        next_cursor = next.map(Some);
                    }
                    }
                })
            }
        }
    }
}

/// The arguments of an operation, as [`Emitter::arguments`] lists them.
struct Arguments {
    /// The request's fields: `name: Type` for a required argument, `name: Option<Type>` else.
    fields: Vec<TokenStream>,
    /// Every argument's name, in the fields' order.
    names: Vec<TokenStream>,
    /// The required arguments, which the method on `Client` takes: name, type and the field's
    /// initialiser (`body: body.into()` for a binary body, else the name).
    required: Vec<(Ident, TokenStream, TokenStream)>,
    /// The setters of the optional arguments.
    setters: Vec<TokenStream>,
    /// The optional arguments, `None` until set.
    optional: Vec<Ident>,
}

/// What a request's sending methods share: the client field's name, the error enum, the
/// operation's `runtime::Call`, and the statements that take the client and the request.
#[derive(Clone, Copy)]
struct Sending<'t> {
    client: &'t Ident,
    error: &'t Ident,
    call: &'t TokenStream,
    bind: &'t TokenStream,
}

/// Adds the request body.
fn body_step(op: &Operation, steps: &mut Vec<TokenStream>) {
    if let Some(b) = &op.body {
        let media = &b.media;
        let send = match &b.ty {
            Ty::Text => quote!(request.header(::reqwest::header::CONTENT_TYPE, #media).body(body.to_owned())),
            Ty::Bytes => quote!(request.header(::reqwest::header::CONTENT_TYPE, #media).body(body.into_reqwest())),
            Ty::Multipart if !b.parts.is_empty() => quote!(request.multipart(body.into_form()?)),
            Ty::Multipart => quote!(request.multipart(body)),
            _ if media.starts_with("application/x-www-form-urlencoded") => quote!(request.form(body)),
            _ => quote!(request.json(body)),
        };
        steps.push(optional_step(&format_ident!("body"), b.required, send));
    }
}

/// The request builder's field for the client: `client`, unless an argument has that name.
fn client_field(op: &Operation) -> String {
    let mut name = "client".to_owned();
    while op.params.iter().any(|p| p.name == *name) {
        name.push('_');
    }
    name
}

/// `request = <add>;`, only when the optional argument `name` is `Some`.
fn optional_step(name: &Ident, required: bool, add: TokenStream) -> TokenStream {
    if required {
        quote!(request = #add;)
    } else {
        quote! {
            if let Some(#name) = #name {
                request = #add;
            }
        }
    }
}

/// `runtime::query_pairs(...)?` for a parameter written in `style`.
fn pairs_call(p: &Param, style: Style) -> TokenStream {
    let wire = &p.wire;
    let value = by_ref(&p.name, &p.ty);
    let deep = style == Style::DeepObject;
    let explode = p.explode;
    let sep = separator(style);
    quote!(crate::runtime::query_pairs(#wire, #value, #deep, #explode, #sep)?)
}

/// `&runtime::json_text(...)?`: a parameter described by JSON `content`, as JSON text.
fn json_text(p: &Param) -> TokenStream {
    let wire = &p.wire;
    let value = by_ref(&p.name, &p.ty);
    quote!(&crate::runtime::json_text(#wire, #value)?)
}

/// The character that joins a list's items in a parameter of `style` that is not exploded.
fn separator(style: Style) -> char {
    match style {
        Style::SpaceDelimited => ' ',
        Style::PipeDelimited => '|',
        _ => ',',
    }
}

/// An argument as a reference: the arguments of borrowed types already are.
fn by_ref(name: &RustName, ty: &Ty) -> TokenStream {
    let name = name.ident();
    match ty {
        Ty::String | Ty::Text | Ty::Bytes | Ty::Named(_) | Ty::Map(_) | Ty::Vec(_) => quote!(#name),
        _ => quote!(&#name),
    }
}

/// A path parameter as `&str`.
fn param_as_str(name: &RustName, ty: &Ty) -> TokenStream {
    let name = name.ident();
    match ty {
        Ty::String => quote!(#name),
        _ => quote!(&#name.to_string()),
    }
}

/// Whether a form part's field names a type of `types` (a text part of an enum, a JSON part).
fn part_mentions_type(part: &crate::ir::FormPart) -> bool {
    use crate::ir::PartKind;
    match &part.kind {
        PartKind::Text(ty) | PartKind::Texts(ty) | PartKind::Json(ty) => mentions_type(ty),
        PartKind::File | PartKind::Files => false,
    }
}
