//! `Attributes`: an annotation's field values, field id → value, sorted by id.
//!
//! A sorted vector rather than a `BTreeMap`: there are a handful of fields, and a
//! `BTreeMap` instantiation costs kilobytes of WebAssembly. It serialises as a JSON
//! object all the same.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attributes(Vec<(String, String)>);

impl Attributes {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.position(field).ok().map(|i| self.0[i].1.as_str())
    }

    /// Sets a field's value, replacing any earlier one.
    pub fn insert(&mut self, field: String, value: String) {
        match self.position(&field) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (field, value)),
        }
    }

    pub fn remove(&mut self, field: &str) {
        if let Ok(i) = self.position(field) {
            self.0.remove(i);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    fn position(&self, field: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(field))
    }
}

impl Serialize for Attributes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (field, value) in &self.0 {
            map.serialize_entry(field, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Attributes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AttributesVisitor;

        impl<'de> Visitor<'de> for AttributesVisitor {
            type Value = Attributes;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of field values (strings)")
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Attributes, M::Error> {
                let mut attributes = Attributes::default();
                while let Some((field, value)) = map.next_entry::<String, String>()? {
                    attributes.insert(field, value);
                }
                Ok(attributes)
            }
        }

        deserializer.deserialize_map(AttributesVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_fields_sorted_and_unique() {
        let mut attributes = Attributes::default();
        attributes.insert("kind".into(), "direct".into());
        attributes.insert("language".into(), "ar".into());
        attributes.insert("kind".into(), "indirect".into());
        assert_eq!(attributes.get("kind"), Some("indirect"));
        assert_eq!(
            attributes.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["kind", "language"]
        );
        attributes.remove("kind");
        attributes.remove("absent");
        assert_eq!(attributes.get("kind"), None);
        assert!(!attributes.is_empty());
    }

    #[test]
    fn is_a_json_object() {
        let json = r#"{"topic":"troops","checkable":"yes"}"#;
        let attributes: Attributes = serde_json::from_str(json).unwrap();
        assert_eq!(
            serde_json::to_string(&attributes).unwrap(),
            r#"{"checkable":"yes","topic":"troops"}"#
        );
        assert!(serde_json::from_str::<Attributes>(r#"{"n": 1}"#).is_err());
        assert!(serde_json::from_str::<Attributes>("[]").is_err());
    }
}
