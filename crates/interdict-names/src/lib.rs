//! The name pipeline: from any written name to comparable tokens.
//!
//! ```text
//! "Lashkar-e-Tayyaba"  ─► tokens with byte spans ─► classes ─► folded ─► skeleton
//!                          lashkar e tayyaba          word/particle   lashkar e taiaba   lshkr t tb
//! ```
//!
//! * [`tokenize`] turns text in any script into lower-case ASCII tokens, each with the byte span
//!   it came from, so that matches can be highlighted in the original text.
//! * [`classify`](TokenClass::of) tells particles (al, bin, ud, e), honorifics (Hafiz, Mullah, Dr),
//!   legal forms (Ltd, LLC, OOO) and generic organisation words (company, trading) from name words.
//! * [`fold`] maps romanisation variants onto one spelling (Tayyiba/Taiba, Mohammed/Muhamad,
//!   Mansoor/Mansur, Dawah/Dawa); [`skeleton`] keeps only the consonant classes, for candidate
//!   retrieval.
//! * [`similarity`] scores two folded tokens with an edit distance that charges little for the
//!   vowel and consonant-class differences transliteration produces, and more for real typos.
//! * [`acronyms`] derives the acronyms an organisation name may be written as (LeT, JUD).
//!
//! Nothing here knows about lists or scoring of whole names; that is `interdict-match`.

mod acronym;
mod classes;
mod distinct;
mod fold;
mod legal_forms;
mod nickname;
mod rewrite;
mod script;
mod similarity;
mod token;

/// A map of the crate's fixed tables, looked up for every pair of words compared: hashed with
/// foldhash's fixed seed (the tables are the crate's own, not built from input), several times
/// cheaper than the standard library's SipHash on short words.
pub(crate) type FixedHashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
/// A set of the crate's fixed tables, hashed as [`FixedHashMap`].
pub(crate) type FixedHashSet<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;

pub use acronym::{acronyms, bracketed_acronym};

/// Builds the fixed tables the pipeline otherwise builds on first use (GLEIF's legal forms,
/// the word classes, given names' short forms, the groups of distinct names, the letters'
/// substitution costs), so that the first name a process handles does not wait for them (the
/// legal forms alone are some 45 million instructions): a server calls it before it takes
/// requests.
pub fn prepare_tables() {
    legal_forms::prepare();
    classes::prepare();
    nickname::prepare();
    distinct::prepare();
    similarity::prepare();
}

/// Whether every table [`prepare_tables`] builds is built.
pub fn tables_prepared() -> bool {
    legal_forms::prepared()
        && classes::prepared()
        && nickname::prepared()
        && distinct::prepared()
        && similarity::prepared()
}
pub use classes::{is_never_a_name, is_patronymic, organisation_term, same_father, TokenClass};
pub use distinct::distinct_names;
pub use fold::{deletion_variants, fold, fold_consonantal, skeleton};
pub use nickname::{is_short_form_pair, short_form_partners};
pub use rewrite::rewrite;
pub use script::is_invisible;
pub use similarity::{
    assimilated_article, foreign_reading, similarity, similarity_at_least, similarity_between,
    Similarity, SimilarityRule,
};
pub use token::{tokenize, Shape, Token, MAX_TOKEN_LEN};
