//! JSON values read strictly: a key written twice in one object is an error, never a silent
//! overwrite.
//!
//! serde_json's and serde_norway's own `Value` readers keep the last of two equal keys (and every
//! OpenAPI tool picks one differently), so a spec that says `get` twice under one path would lose
//! an operation without a word. [`read`] builds the same `serde_json::Value` serde_json would, from
//! any serde deserializer, but fails at the second of two equal keys, saying which member it is;
//! [`Reader::Find`] then reads the text again and stops where that key is written (the first or
//! the second time), so that the deserializer gives each position. Keys are tracked as a linked
//! list on the stack, turned into a JSON pointer only when a duplicate is found, so a file without
//! one costs what serde_json's own reader does: one hash lookup per key.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::diag::Path;

/// A key written twice in one object: the member's JSON pointer and the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    pub pointer: String,
    pub key: String,
}

/// What a read looks for.
#[derive(Clone, Copy)]
pub enum Reader<'a> {
    /// Any key written twice in one object: the read fails at the second.
    Check,
    /// The key `key` in the object at `parent`: the read fails where it is written the `nth`
    /// time (from 0), with the deserializer at that key.
    Find { parent: &'a str, key: &'a str, nth: usize },
}

/// Reads a value with `de`; `Err((error, Some(duplicate)))` when it stopped at a duplicate key
/// (or, with [`Reader::Find`], at the key looked for), `Err((error, None))` for any other error.
pub fn read<'de, D: Deserializer<'de>>(reader: Reader<'_>, de: D) -> Result<Value, (D::Error, Option<Duplicate>)> {
    let cx = Cx { reader, found: RefCell::new(None), seen: Cell::new(0) };
    ValueSeed { cx: &cx, path: Path::Root }.deserialize(de).map_err(|e| (e, cx.found.into_inner()))
}

struct Cx<'a> {
    reader: Reader<'a>,
    found: RefCell<Option<Duplicate>>,
    /// How many times [`Reader::Find`] has met its key so far.
    seen: Cell<usize>,
}

#[derive(Clone, Copy)]
struct ValueSeed<'c, 'p> {
    cx: &'c Cx<'c>,
    path: Path<'p>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Value, D::Error> {
        de.deserialize_any(self)
    }
}

/// The same value serde_json's own `Value` reader builds, key for key.
impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    // An integer beyond 64 bits (YAML's are unbounded) is read as a float, as serde_json reads
    // such an integer in JSON text: `minimum: -9223372036854776000` is i64::MIN rounded.
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(Number::from_i128(v).or_else(|| Number::from_f64(v as f64)).map_or(Value::Null, Value::Number))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(Number::from_u128(v).or_else(|| Number::from_f64(v as f64)).map_or(Value::Null, Value::Number))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<Value, D::Error> {
        self.deserialize(de)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) =
            seq.next_element_seed(ValueSeed { cx: self.cx, path: Path::Index(&self.path, out.len()) })?
        {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key_seed(KeySeed { cx: self.cx, path: &self.path })? {
            match map.entry(key) {
                serde_json::map::Entry::Vacant(slot) => {
                    let value =
                        access.next_value_seed(ValueSeed { cx: self.cx, path: Path::Key(&self.path, slot.key()) })?;
                    slot.insert(value);
                }
                serde_json::map::Entry::Occupied(slot) => {
                    let pointer = crate::diag::join_pointer(&self.path.pointer(), slot.key());
                    let message = format!("duplicate key {:?}", slot.key());
                    *self.cx.found.borrow_mut() = Some(Duplicate { pointer, key: slot.key().clone() });
                    return Err(de::Error::custom(message));
                }
            }
        }
        Ok(Value::Object(map))
    }
}

/// Reads one key of the object at `path`; with [`Reader::Find`], fails at the key looked for, so
/// that the deserializer says where it is.
struct KeySeed<'c, 'p> {
    cx: &'c Cx<'c>,
    path: &'p Path<'p>,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_, '_> {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<String, D::Error> {
        de.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_, '_> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<String, E> {
        if let Reader::Find { parent, key: wanted, nth } = self.cx.reader
            && key == wanted
            && self.path.pointer() == parent
        {
            let seen = self.cx.seen.get();
            if seen == nth {
                let pointer = crate::diag::join_pointer(parent, key);
                *self.cx.found.borrow_mut() = Some(Duplicate { pointer, key: key.to_owned() });
                return Err(E::custom(format!("duplicate key {key:?}")));
            }
            self.cx.seen.set(seen + 1);
        }
        Ok(key.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn json_check(text: &str) -> Result<Value, (serde_json::Error, Option<Duplicate>)> {
        read(Reader::Check, &mut serde_json::Deserializer::from_str(text))
    }

    #[test]
    fn values_are_what_serde_json_reads() {
        let text = r#"{"a": [1, -2, 3.5, 1e300, true, null, "s\u00e9"], "b": {"c": {}, "d": []}, "big": 18446744073709551615}"#;
        let strict = json_check(text).unwrap();
        assert_eq!(strict, serde_json::from_str::<Value>(text).unwrap());
        let yaml = "a: [1, -2, 3.5, true, null, ~, 's']\nb: {c: {}, d: []}\n1: x\n";
        let strict = read(Reader::Check, serde_norway::Deserializer::from_str(yaml)).unwrap();
        assert_eq!(strict, serde_norway::from_str::<Value>(yaml).unwrap());
        assert_eq!(strict["b"], json!({"c": {}, "d": []}));
    }

    #[test]
    fn integers_beyond_64_bits_are_floats_in_yaml_as_in_json() {
        let json_text = r#"{"min": -9223372036854776000, "max": 18446744073709551616}"#;
        let yaml = "min: -9223372036854776000\nmax: 18446744073709551616\n";
        let from_json = json_check(json_text).unwrap();
        let from_yaml = read(Reader::Check, serde_norway::Deserializer::from_str(yaml)).unwrap();
        assert_eq!(from_json, serde_json::from_str::<Value>(json_text).unwrap());
        assert_eq!(from_yaml, from_json);
        assert_eq!(from_yaml["min"].as_f64(), Some(-9223372036854776000.0));
        assert!(from_yaml["min"].is_f64() && from_yaml["max"].is_f64());
    }

    #[test]
    fn a_repeated_key_stops_the_read_with_its_pointer() {
        let (_, dup) = json_check(r#"{"a": [{"x": 1}, {"y": 2, "z": {"k": 1, "k~/": 2, "k~/": 3}}]}"#).unwrap_err();
        assert_eq!(dup, Some(Duplicate { pointer: "/a/1/z/k~0~1".into(), key: "k~/".into() }));
        let (_, dup) = json_check(r#"{"a": 1 "#).unwrap_err();
        assert_eq!(dup, None);
    }
}
