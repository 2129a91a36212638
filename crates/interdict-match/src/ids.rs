//! Typed positions in the index's tables, so that a name's position is never taken for an
//! entity's or a vocabulary entry's. Each is a `u32` in memory and in snapshot files.

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub(crate) struct $name(pub(crate) u32);

        impl $name {
            /// The position, to index a table with.
            pub(crate) fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of position `i` (tables hold fewer than 2³² rows).
            pub(crate) fn at(i: usize) -> Self {
                $name(i as u32)
            }
        }
    };
}

id!(
    /// A listed name: its position in `Index::names` (and `Index::shapes`).
    NameId
);
id!(
    /// A listed entity: its position in the index's entity store.
    EntityIx
);
id!(
    /// A unit of the vocabulary: its position in `Index::vocab`.
    VocabId
);
