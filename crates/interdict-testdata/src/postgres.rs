//! A PostgreSQL schema of its own for one test: created on the server named by
//! `INTERDICT_TEST_POSTGRES` (default: the local server, database `test`) and dropped when the
//! test ends. Without a server the test skips with a message, unless
//! `INTERDICT_REQUIRE_POSTGRES` is set (as CI does), when it fails.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The environment variable naming the server and database tests use.
pub const ENV: &str = "INTERDICT_TEST_POSTGRES";

/// The environment variable that turns a missing server from a skip into a failure.
pub const REQUIRE: &str = "INTERDICT_REQUIRE_POSTGRES";

/// The server and database tests use when none is named.
pub const DEFAULT: &str = "postgres://postgres@127.0.0.1:5432/test";

/// A schema that lives as long as the value.
pub struct TestSchema {
    /// The address to give interdict: the database, with the schema as its search path.
    pub url: String,
    base: String,
    schema: String,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl TestSchema {
    /// A fresh schema, or `None` (after printing why the caller skips) when no server answers.
    ///
    /// # Panics
    /// When no server answers and `INTERDICT_REQUIRE_POSTGRES` is set.
    pub fn create(label: &str) -> Option<TestSchema> {
        let base = std::env::var(ENV).unwrap_or_else(|_| DEFAULT.to_string());
        let mut client = match postgres::Client::connect(&base, postgres::NoTls) {
            Ok(c) => c,
            Err(e) if std::env::var_os(REQUIRE).is_some() => {
                panic!("{REQUIRE} is set but PostgreSQL at {base} does not answer: {e}")
            }
            Err(e) => {
                eprintln!(
                    "skipped: PostgreSQL at {base} does not answer ({e}); set {ENV} to a server"
                );
                return None;
            }
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let schema = format!(
            "t_{}_{}_{}_{nanos}",
            label.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        client
            .batch_execute(&format!("CREATE SCHEMA \"{schema}\""))
            .expect("a test schema can be created");
        let sep = if base.contains('?') { '&' } else { '?' };
        Some(TestSchema {
            url: format!("{base}{sep}options=-csearch_path%3D{schema}"),
            base,
            schema,
        })
    }
}

impl Drop for TestSchema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP SCHEMA IF EXISTS \"{}\" CASCADE",
                self.schema
            ));
        }
    }
}
