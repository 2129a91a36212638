//! Command-line arguments as typed, before validation.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Sanctions screening: screen names and files against the official lists, and explain every hit.
#[derive(Debug, Parser)]
#[command(name = "interdict", version, about, long_about = None)]
pub struct Cli {
    /// Data directory holding imported lists (default: the platform's data folder).
    #[arg(long, global = true, env = "INTERDICT_DATA", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Keep the customer book of monitoring in this PostgreSQL database
    /// (postgres://USER@HOST:PORT/DATABASE; add `?options=-csearch_path%3DNAME` for a schema of
    /// its own) instead of the data directory, so that several servers share it.
    #[arg(long, global = true, env = "INTERDICT_MONITOR_DB", value_name = "URL")]
    pub monitor_db: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Screen one name, or every row of a CSV or JSON Lines file, against sanctions lists.
    Screen(ScreenArgs),
    /// Compare two names, or every pair in a CSV file, and explain the score.
    Compare(CompareArgs),
    /// Import, fetch, inspect and compare versions of the sanctions lists.
    #[command(subcommand)]
    Lists(ListsCommand),
    /// Measure quality on a labelled file: recall, false-positive rate and precision per
    /// threshold, with the misses and false alarms explained.
    Eval(EvalArgs),
    /// Find listed names in documents: plain text (UTF-8, UTF-16, Windows-1252), HTML or e-mail.
    Scan(ScanArgs),
    /// Screen payment messages field by field (ISO 20022 pacs.008/009/004, pain.001; SWIFT MT103,
    /// MT202, MT202 COV): parties, agents' BICs, countries and remittance text; hold or pass.
    Payments(PaymentsArgs),
    /// Show who an entry is linked to: leaders, members, fronts, successors, owners, relatives,
    /// to a depth, as a table, JSON or a Graphviz graph.
    Network(NetworkArgs),
    /// Serve the HTTP API (yente-compatible, plus interdict's own endpoints).
    Serve(ServeArgs),
    /// Keep a book of customers screened whenever a list or a customer changes; review and
    /// decide the alerts.
    #[command(subcommand)]
    Monitor(MonitorCommand),
    /// Check or export the audit log of monitoring.
    #[command(subcommand)]
    Audit(AuditCommand),
}

/// How a customer file is read (the same options as `screen --input`).
#[derive(Debug, Clone, Args)]
pub struct ReadArgs {
    /// How slashed dates such as 03/04/1975 are written: dmy (day first: 3 April, the
    /// default) or mdy (month first: March 4). A date that is only valid the other way round is
    /// not guessed: its year is used, with a warning.
    #[arg(long, value_enum, default_value_t = DateOrder::Dmy)]
    pub date_order: DateOrder,
    /// Use the column HEADER of the input for FIELD (name, first_name, middle_name,
    /// last_name, schema, gender, dob, place_of_birth, country, id_number, id); repeat for
    /// several. Columns are otherwise recognised by their names.
    #[arg(long = "column", value_name = "FIELD=HEADER")]
    pub columns: Vec<String>,
    /// Text encoding of a CSV or JSON Lines input (default: recognised from its first bytes).
    #[arg(long, value_enum)]
    pub encoding: Option<TextEncoding>,
}

/// `monitor` subcommands.
#[derive(Debug, Subcommand)]
pub enum MonitorCommand {
    /// Register customers (add new ones, change those whose record differs), then screen what
    /// changed. Every customer needs an id (a column 'id', 'Customer ID', ...).
    Add {
        /// A customer file: CSV, JSON Lines or Parquet, with the columns of `screen --input`.
        #[arg(long, value_name = "FILE")]
        input: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
        /// Refuse the whole file if any row has a warning or no name.
        #[arg(long)]
        strict: bool,
    },
    /// Remove customers from the book; their live alerts close.
    Remove {
        /// Customer ids.
        #[arg(value_name = "ID")]
        ids: Vec<String>,
        /// A file of customer ids (a column 'id', or the first column).
        #[arg(long, value_name = "FILE")]
        input: Option<PathBuf>,
    },
    /// Customers, alerts by state, the last rescreen and the list versions screened against.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Screen what changed since the last run (customers and lists); with --all, everything.
    /// `lists import`, `fetch` and `activate` run it too.
    Rescreen {
        /// Screen every customer against every listed entity.
        #[arg(long)]
        all: bool,
        /// Score from which a pair raises an alert (default: the screening threshold).
        #[arg(long)]
        threshold: Option<f32>,
    },
    /// List alerts, newest first.
    Alerts {
        /// Only in this state: open, escalated, true-match, false-positive, closed-delisted,
        /// closed-customer-removed.
        #[arg(long)]
        state: Option<String>,
        /// Only of this customer.
        #[arg(long)]
        customer: Option<String>,
        /// Only on this list.
        #[arg(long)]
        list: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AlertFormat::Table)]
        format: AlertFormat,
    },
    /// Decide an alert: true-match, false-positive or escalated, with a reason and your name.
    Decide {
        /// The alert's id.
        alert_id: String,
        /// The decision.
        #[arg(long = "as", value_name = "DECISION")]
        decided_as: String,
        /// Why (required).
        #[arg(long)]
        reason: String,
        /// Who decides (required).
        #[arg(long)]
        by: String,
    },
}

/// Output formats of `monitor alerts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlertFormat {
    /// A readable table.
    Table,
    /// One JSON object per alert.
    Jsonl,
}

/// `audit` subcommands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check that the audit chain is whole (exit 0), or name the first bad entry (exit 1).
    Verify,
    /// Write audit entries as JSON lines.
    Export {
        /// From this date or time (inclusive).
        #[arg(long)]
        from: Option<String>,
        /// To this date or time (inclusive).
        #[arg(long)]
        to: Option<String>,
        /// Where to write (written whole or not at all).
        #[arg(long, value_name = "FILE")]
        output: PathBuf,
    },
}

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8000")]
    pub bind: std::net::SocketAddr,
    /// List file to serve; repeat for several (default: the imported lists).
    #[arg(long = "list", value_name = "FILE")]
    pub lists: Vec<PathBuf>,
    /// Use the built-in sample of a few UN entries instead of real lists (for trying interdict
    /// out; never for real screening).
    #[arg(long)]
    pub sample: bool,
    /// File of accepted API keys, one per line; every endpoint but /healthz then needs one.
    #[arg(long, value_name = "FILE")]
    pub api_key_file: Option<PathBuf>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 2 << 20)]
    pub max_body_bytes: usize,
    /// Most queries in one batch.
    #[arg(long, default_value_t = 100)]
    pub max_batch: usize,
    /// Longest time a request may take, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    pub timeout_ms: u64,
    /// Longest time a client may take to send a request's headers, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    pub header_timeout_ms: u64,
    /// Most requests answered at once (others wait).
    #[arg(long, default_value_t = 256)]
    pub max_concurrent: usize,
    /// Load the lists again every this many seconds (they are also reloaded on SIGHUP and
    /// `POST /v1/reload`).
    #[arg(long, value_name = "SECONDS")]
    pub reload_every: Option<u64>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// An origin whose web pages may call the API from a browser (repeatable; default: any
    /// origin, as yente allows).
    #[arg(long, value_name = "ORIGIN")]
    pub cors_origin: Vec<String>,
    /// Send each new monitoring alert to this address as JSON (POST), in order, retried until
    /// it is taken. Needs the lists imported into the data directory.
    #[arg(long, value_name = "URL")]
    pub webhook: Option<String>,
}

/// Output formats of `network`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkFormat {
    /// The entries as an indented tree, each under the entry that links to it.
    Table,
    /// {"root", "depth", "nodes": [...], "links": [...]}.
    Json,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
}

/// Arguments of `network`.
#[derive(Debug, Args)]
pub struct NetworkArgs {
    /// The entry: its id (un-sc:114076) or its list reference (QDe.118).
    #[arg(value_name = "ENTITY_ID")]
    pub entity: String,
    /// How many links away to follow.
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = NetworkFormat::Table)]
    pub format: NetworkFormat,
    /// List file to read; repeat for several (default: the imported lists).
    #[arg(long = "list", value_name = "FILE")]
    pub lists: Vec<PathBuf>,
    /// Use the built-in sample of a few UN entries instead of real lists.
    #[arg(long)]
    pub sample: bool,
}

/// Output formats of `payments`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaymentsFormat {
    /// Each message with its decision and hits, readable.
    Table,
    /// One JSON object per message: {"file", "message_id", "transaction_ids", "format",
    /// "decision", "reasons", "hits": [...]}.
    Jsonl,
}

/// Arguments of `payments`.
#[derive(Debug, Args)]
pub struct PaymentsArgs {
    /// List file to screen against; repeat for several (default: the imported lists).
    #[arg(long = "list", value_name = "FILE")]
    pub lists: Vec<PathBuf>,
    /// Use the built-in sample of a few UN entries instead of real lists (for trying interdict
    /// out; never for real screening).
    #[arg(long)]
    pub sample: bool,
    /// Message files or folders: ISO 20022 XML (one or many messages), SWIFT MT, or JSON Lines
    /// of messages.
    #[arg(value_name = "MESSAGE_FILE", required = true)]
    pub messages: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PaymentsFormat::Table)]
    pub format: PaymentsFormat,
    /// Score from which a hit holds the message (0..1; default: the screening threshold).
    #[arg(long)]
    pub threshold: Option<f32>,
    /// Hits scoring below this are not reported (0..1; default: the threshold).
    #[arg(long)]
    pub min_score: Option<f32>,
    /// Write here instead of standard output (written whole or not at all).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// Mentions highlighted in their context, and a summary per document.
    Text,
    /// One JSON object per document: {"document", "mentions": [...]}.
    Json,
}

/// Arguments of `scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// List file to scan against; repeat for several (default: the imported lists).
    #[arg(long = "list", value_name = "FILE")]
    pub lists: Vec<PathBuf>,
    /// Use the built-in sample of a few UN entries instead of real lists (for trying interdict
    /// out; never for real screening).
    #[arg(long)]
    pub sample: bool,
    /// Documents to scan ('-' for standard input).
    #[arg(value_name = "DOCUMENT", required = true)]
    pub documents: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScanFormat::Text)]
    pub format: ScanFormat,
    /// Mentions scoring below this are not reported (default: the screening threshold).
    #[arg(long)]
    pub min_score: Option<f32>,
    /// Characters of context shown on each side of a mention.
    #[arg(long, default_value_t = 40)]
    pub context: usize,
    /// Write here instead of standard output (written whole or not at all).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Labelled CSV or JSON Lines file: the screening input columns plus `expected_ref` (the
    /// reference the row should find, several separated by ';'; empty when it should find nothing).
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// List file to screen against; repeat for several (default: the imported lists).
    #[arg(long = "list", value_name = "FILE")]
    pub lists: Vec<PathBuf>,
    /// Use the built-in sample of a few UN entries instead of real lists (for trying interdict
    /// out; never for real screening).
    #[arg(long)]
    pub sample: bool,
    /// Threshold for the listings of misses and false alarms (default: the screening default).
    #[arg(long)]
    pub threshold: Option<f32>,
    /// Print the whole report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Misses and false alarms to list in the text report (0: all).
    #[arg(long, default_value_t = 20)]
    pub show: usize,
    /// Column whose values group the rows for figures per group (default: `variant` if present).
    #[arg(long = "by", value_name = "COLUMN")]
    pub group_by: Option<String>,
    /// Drop the lists' original-script names before screening, to measure transliteration alone.
    #[arg(long)]
    pub without_original_script: bool,
    /// Write the report here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

/// `lists` subcommands.
#[derive(Debug, Subcommand)]
pub enum ListsCommand {
    /// Import list files (a file, a folder or a zip archive each); the format is recognised.
    Import {
        /// Files, folders or zip archives.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Store under this source name instead of the list's own.
        #[arg(long)]
        source: Option<String>,
        /// Accept a version that drops more than 20% of the entries or changes format.
        #[arg(long)]
        force: bool,
        /// Publication date (YYYY-MM-DD) of a list whose files state none (the OFAC CSV set),
        /// so that its versions are ordered and aged by it.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
    },
    /// Download the current lists from the authorities' official addresses and import them.
    Fetch {
        /// Sources to fetch (default: all; see `lists sources`).
        #[arg(value_name = "SOURCE")]
        sources: Vec<String>,
        /// Accept a version that drops more than 20% of the entries.
        #[arg(long)]
        force: bool,
        /// Seconds allowed per download.
        #[arg(long, default_value_t = 300)]
        timeout: u64,
        /// Attempts per download for network errors and server errors (with growing waits).
        #[arg(long, default_value_t = 3)]
        retries: u32,
        /// Download from this address instead of the official one (a mirror); needs one SOURCE.
        #[arg(long, value_name = "URL")]
        from: Option<String>,
    },
    /// Show each source's active version, entries and age.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the stored versions of a source (or of all).
    Versions {
        /// Source name.
        source: Option<String>,
    },
    /// Show entries added, removed and changed between two versions.
    Diff {
        /// Source (optional when only one source is imported).
        source: Option<String>,
        /// Old version (default: the one before NEW).
        old: Option<String>,
        /// New version (default: the active one).
        new: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Make a stored version the active one.
    Activate {
        /// Source name.
        source: String,
        /// Version label.
        version: String,
    },
    /// Delete a stored version that is not active.
    Remove {
        /// Source name.
        source: String,
        /// Version label.
        version: String,
    },
    /// Delete old versions, keeping the newest few and always the active one.
    Prune {
        /// Source (default: all).
        source: Option<String>,
        /// Versions to keep per source.
        #[arg(long, default_value_t = 3)]
        keep: usize,
    },
    /// Show the sources `fetch` knows and their official addresses.
    Sources,
    /// Write the entities of the active lists (or of list files) as FollowTheMoney JSON lines,
    /// for OpenSanctions' tools and other screeners.
    Export {
        /// List files to export instead of the active lists.
        #[arg(long = "list", value_name = "FILE")]
        lists: Vec<PathBuf>,
        /// Write here instead of standard output (written whole or not at all).
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Output formats of `screen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable table (default for one name).
    Table,
    /// One JSON document.
    Json,
    /// JSON Lines, one line per input row (default for files).
    Jsonl,
    /// CSV, one line per input row with its best result.
    Csv,
    /// Parquet, a row per input row with its best result and every result as JSON (needs
    /// --output or a redirected standard output).
    Parquet,
}

/// Arguments of `screen`.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// List file to screen against (format detected from content); repeat for several lists.
    #[arg(long = "list", value_name = "FILE")]
    pub lists: Vec<PathBuf>,
    /// Use the built-in sample of a few UN entries instead of real lists (for trying interdict
    /// out; never for real screening).
    #[arg(long)]
    pub sample: bool,
    /// The name to screen (omit with --input).
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// Kind of party: Person, Organization, Company, Vessel, Aircraft or LegalEntity.
    #[arg(long)]
    pub schema: Option<String>,
    /// Date of birth or incorporation: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long)]
    pub dob: Option<String>,
    /// Nationality or country: ISO code or name; repeat for several.
    #[arg(long = "country", value_name = "CC")]
    pub countries: Vec<String>,
    /// Passport, national ID or registration number; repeat for several.
    #[arg(long = "id", value_name = "NUMBER")]
    pub ids: Vec<String>,
    /// Gender: male or female.
    #[arg(long)]
    pub gender: Option<String>,
    /// Score from which a result is a match (0..1).
    #[arg(long)]
    pub threshold: Option<f32>,
    /// Most results per name.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    /// Results scoring below this are not reported (0..1).
    #[arg(long, default_value_t = 0.5)]
    pub min_score: f32,
    /// Screen every row of this CSV (with a header) or JSON Lines file.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Write results here instead of standard output (written whole or not at all).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Worker threads for files (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Fail on the first row with a warning (an unusable date, country or identifier, a row of
    /// the wrong width, a row without a name) instead of screening what is usable.
    #[arg(long)]
    pub strict: bool,
}

/// How slashed dates are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrder {
    /// Day, month, year: 31/12/1960.
    Dmy,
    /// Month, day, year: 12/31/1960.
    Mdy,
}

/// Text encodings of input files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextEncoding {
    /// UTF-8 (a stray byte that is not UTF-8 is read as Windows-1252).
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// Windows-1252 (Western European; also read for Latin-1).
    #[value(
        name = "windows-1252",
        alias = "cp1252",
        alias = "latin-1",
        alias = "latin1"
    )]
    Windows1252,
    /// UTF-16, little-endian.
    #[value(name = "utf-16le", alias = "utf-16")]
    Utf16Le,
    /// UTF-16, big-endian.
    #[value(name = "utf-16be")]
    Utf16Be,
}

/// Arguments of `compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// First name.
    #[arg(value_name = "NAME_A")]
    pub a: Option<String>,
    /// Second name.
    #[arg(value_name = "NAME_B")]
    pub b: Option<String>,
    /// Kind of party both names belong to.
    #[arg(long)]
    pub schema: Option<String>,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
    /// Score from which the pair is a match (0..1).
    #[arg(long)]
    pub threshold: Option<f32>,
    /// Compare every pair in this CSV file (columns name1, name2 and optionally schema).
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Write JSON Lines results here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
