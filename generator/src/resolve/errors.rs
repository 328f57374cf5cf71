//! Error enums shared: operations that document the same error responses (statuses, variants,
//! bodies and descriptions) get one enum, generic over a marker type, and each operation's error
//! name becomes an alias of it with a marker of its own ([`crate::ir::ErrorEnum`]). The
//! per-operation names and types stay what they were, so callers and the name lock see no
//! difference; the crate has one enum (and one `Display`, `status` and decoding match) per
//! distinct set instead of one per operation.

use crate::ir::{ErrorEnum, ErrorEnumIdx, Operation, OperationIdx};
use crate::naming::{Case, Uniquifier};

/// Groups the operations by their error cases, in operation order, and points each operation at
/// its group. An enum is gated by its users' features, and always compiled when one of them is.
pub(super) fn share_error_enums(operations: &mut [Operation]) -> Vec<ErrorEnum> {
    let mut enums: Vec<ErrorEnum> = Vec::new();
    for (index, op) in operations.iter_mut().enumerate() {
        let index = OperationIdx::new(index);
        let found = enums.iter().position(|e| e.cases == op.errors);
        let shared = match found {
            Some(i) => {
                let e = &mut enums[i];
                e.operations.push(index);
                // Always compiled once any user is; else any of the users' features.
                if !e.features.is_empty() {
                    if op.features.is_empty() {
                        e.features.clear();
                    } else {
                        for f in &op.features {
                            if !e.features.contains(f) {
                                e.features.push(f.clone());
                            }
                        }
                    }
                }
                i
            }
            None => {
                enums.push(ErrorEnum {
                    name: op.names.error.clone(),
                    cases: op.errors.clone(),
                    operations: vec![index],
                    features: op.features.clone(),
                });
                enums.len() - 1
            }
        };
        op.error_enum = ErrorEnumIdx::new(shared);
    }
    name_shared(&mut enums, operations);
    enums
}

/// Names the shared enums (`<first operation's error name>s`) and their operations' markers (the
/// error name without `Error`, in a module of their own), all clear of every item name an
/// operation has and of each other, so that a tag feature's gate (by name) is never ambiguous.
fn name_shared(enums: &mut [ErrorEnum], operations: &mut [Operation]) {
    let mut items = Uniquifier::default();
    for n in operations.iter().map(|o| &o.names) {
        let names = [Some(&n.error), n.success.as_ref(), n.headers.as_ref(), Some(&n.request)];
        names.into_iter().flatten().for_each(|name| {
            items.try_take(name);
        });
    }
    for e in enums.iter_mut().filter(|e| e.operations.len() > 1) {
        e.name = items.take(&format!("{}s", e.name), Case::Pascal);
        for &i in &e.operations {
            let error = &operations[i.index()].names.error;
            let stem = error.strip_suffix("Error").filter(|s| !s.is_empty()).unwrap_or(error);
            operations[i.index()].names.marker = Some(items.take(stem, Case::Pascal));
        }
    }
}
