//! The `interdict` command: argument parsing and printing; the work is done by the library crates.

mod batch;
mod cli;
mod compare;
mod lists;
mod output;
mod screen;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Screen(args) => screen::run(args),
        cli::Command::Compare(args) => compare::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
