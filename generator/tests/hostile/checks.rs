//! Documents that are ambiguous or break OpenAPI's rules: paths, parameters, names, config, servers.

#[allow(unused_imports)]
use super::*;
