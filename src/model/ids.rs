//! Identifiers. Each is a cheap-to-clone shared string, so copying a document
//! with thousands of annotations copies pointers, not text.

macro_rules! shared_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(std::rc::Rc<str>);

        impl $name {
            pub fn new(id: &str) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

shared_id!(
    /// A document in the library; unique across the library, never reused.
    DocId
);
shared_id!(
    /// An annotation; unique within its document and stable for its lifetime.
    AnnotationId
);
shared_id!(
    /// A label in the schema, such as `claim`. Exports carry this id.
    LabelId
);
shared_id!(
    /// A link between annotations; unique within its document.
    RelationId
);
