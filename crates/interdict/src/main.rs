//! The `interdict` command: argument parsing and printing; the work is done by the library crates.

mod batch;
mod cli;
mod columnar;
mod compare;
mod eval;
mod lists;
mod lists_cmd;
mod monitor_cmd;
mod network;
mod output;
mod payments;
mod scan;
mod screen;
mod serve;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc, not the system allocator: payment screening reads and drops many small strings
/// per message, and glibc's allocator spent a fifth of that run (mimalloc: 18% less time for
/// `interdict payments`, 7% for `eval`, about 10–25% more peak memory).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let data_dir = lists_cmd::data_dir(cli.data_dir.as_deref());
    let monitor_db = cli.monitor_db.as_deref();
    let book = |d: std::path::PathBuf| -> anyhow::Result<interdict_monitor::BookPlace> {
        Ok(interdict_monitor::BookPlace::new(&d, monitor_db)?)
    };
    let result = match cli.command {
        cli::Command::Screen(args) => screen::run(args, data_dir.ok().as_deref()),
        cli::Command::Compare(args) => compare::run(args),
        cli::Command::Eval(args) => eval::run(args, data_dir.ok().as_deref()),
        cli::Command::Scan(args) => scan::run(args, data_dir.ok().as_deref()),
        cli::Command::Payments(args) => payments::run(args, data_dir.ok().as_deref()),
        cli::Command::Network(args) => network::run(args, data_dir.ok().as_deref()),
        cli::Command::Serve(args) => serve::run(args, data_dir.ok(), monitor_db),
        cli::Command::Lists(command) => data_dir
            .and_then(book)
            .and_then(|b| lists_cmd::run(command, &b)),
        cli::Command::Monitor(command) => data_dir
            .and_then(book)
            .and_then(|b| monitor_cmd::run(command, &b)),
        cli::Command::Audit(command) => data_dir
            .and_then(book)
            .and_then(|b| monitor_cmd::run_audit(command, &b)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of the output went away (`| head`): it had all it wanted.
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            note!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
