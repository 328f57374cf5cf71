//! Error enums shared: operations that document the same error responses (statuses, variants,
//! bodies and descriptions) get one enum, named after the first of them; the others' error names
//! become aliases of it ([`crate::ir::ErrorEnum`]). The per-operation names stay what they were,
//! so callers and the name lock see no difference; the crate has one enum (and one `Display`,
//! `status` and decoding match) per distinct set instead of one per operation.

use crate::ir::{ErrorEnum, ErrorEnumIdx, Operation, OperationIdx};

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
    enums
}
