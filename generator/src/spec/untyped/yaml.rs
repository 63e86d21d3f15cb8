//! A YAML document as an untyped [`serde_json::Value`], keeping numbers that
//! JSON's integers cannot hold.
//!
//! Specs write int64 bounds as `-9223372036854776000` (i64's limit, printed
//! by a float formatter): YAML reads that as an integer beyond i64, which
//! serde_json's `Value` refuses outright ("JSON number out of range"). Read
//! here as the float it was printed from, the readings of schemas
//! ([`integer_bounds`](super::schema::integer_bounds)) can clamp it and say
//! so.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A document read by [`Untyped::deserialize`].
pub(crate) struct Untyped(pub(crate) Value);

impl<'de> Deserialize<'de> for Untyped {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor).map(Untyped)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML or JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Value, E> {
        match i64::try_from(value) {
            Ok(value) => Ok(Value::Number(value.into())),
            // Precision is already lost: the text was a float's digits.
            Err(_) => self.visit_f64(value as f64),
        }
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Value, E> {
        match u64::try_from(value) {
            Ok(value) => Ok(Value::Number(value.into())),
            Err(_) => self.visit_f64(value as f64),
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
        Number::from_f64(value)
            .map(Value::Number)
            .ok_or_else(|| E::custom(format!("{value} is not a number JSON can hold")))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Untyped(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some((key, Untyped(value))) = map.next_entry::<String, Untyped>()? {
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Value {
        serde_yaml::from_str::<Untyped>(text).unwrap().0
    }

    #[test]
    fn integers_beyond_64_bits_are_read_as_floats() {
        let value = read("min: -9223372036854776000\nmax: 18446744073709552000\nsmall: -3\n");
        assert_eq!(value["min"].as_f64(), Some(-9.223372036854776e18));
        assert!(value["min"].is_f64());
        assert_eq!(value["max"].as_f64(), Some(1.8446744073709552e19));
        assert_eq!(value["small"].as_i64(), Some(-3));
        // serde_json's own Value refuses them.
        assert!(serde_yaml::from_str::<Value>("min: -9223372036854776000").is_err());
    }

    #[test]
    fn the_rest_reads_as_serde_json_does() {
        let text = "a: [1, 2.5, true, null, x]\n200: {b: ~}\n";
        assert_eq!(read(text), serde_yaml::from_str::<Value>(text).unwrap());
    }
}
