//! Builds the labelled query sets from the reference lists and name resources.
//!
//! `cargo run --release -p interdict-eval --bin make-evalsets -- [--reference DIR] [--out DIR] [--seed N]`
//!
//! The reference folder (default: `../shared` beside the checkout, or `INTERDICT_REFERENCE`)
//! holds `data/` with the list snapshots and `data/names/`. The sets are written to `--out`
//! (default `target/evalsets`) as CSV files for `interdict eval`, with the commands to run
//! them printed at the end.

use interdict_eval::sets::{
    arabic, crowded, listed, negatives, pairs, scripts, LabelledSet, Resources, SameTarget,
    REFERENCE_LISTS,
};
use std::path::PathBuf;
use std::process::ExitCode;

struct Options {
    reference: PathBuf,
    out: PathBuf,
    seed: u64,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        reference: std::fs::canonicalize(interdict_testdata::root())
            .unwrap_or_else(|_| interdict_testdata::root()),
        out: PathBuf::from("target/evalsets"),
        seed: 20261129,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--reference" => o.reference = PathBuf::from(value()?),
            "--out" => o.out = PathBuf::from(value()?),
            "--seed" => {
                let v = value()?;
                o.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: '{v}' is not a number"))?;
            }
            "-h" | "--help" => {
                return Err("usage: make-evalsets [--reference DIR] [--out DIR] [--seed N]".into())
            }
            other => return Err(format!("unknown argument '{other}' (see --help)")),
        }
    }
    Ok(o)
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let res = Resources::new(&o.reference);
    std::fs::create_dir_all(&o.out)?;
    let lists: Vec<_> = REFERENCE_LISTS
        .iter()
        .map(|l| res.list(l))
        .collect::<Result<_, _>>()?;
    let targets = SameTarget::new(&lists);
    let spellings = arabic::ArabicSpellings::load(&res)?;
    let pairs = scripts::all_pairs(&res, o.seed)?;
    let (scripts_set, scripts_list) = scripts::scripts(&pairs, 300, o.seed);
    let list_path = o.out.join("scripts_list.ftm.json");
    std::fs::write(&list_path, scripts_list)?;
    let sets: Vec<LabelledSet> = vec![
        listed::typos(&lists, &targets, 800, 4, o.seed),
        listed::attributes(&lists, &targets, 600, o.seed),
        arabic::arabic_script(&lists, &targets, &spellings, 400, o.seed),
        scripts_set,
        listed::organisations(&lists, &targets, 500, o.seed),
        negatives::companies(&res, o.seed)?,
        listed::vessels(&lists, &targets, o.seed),
        negatives::people(&res, &spellings, 50_000, o.seed)?,
        crowded::pakistan(&res, 20_000, o.seed)?,
        pairs::pairs(&res, &lists, o.seed)?,
    ];
    let all_lists: Vec<String> = REFERENCE_LISTS
        .iter()
        .map(|l| format!("--list {}", o.reference.join("data").join(l).display()))
        .collect();
    let all_lists = all_lists.join(" ");
    println!("Labelled sets in {}:", o.out.display());
    for s in &sets {
        let path = s.write(&o.out)?;
        println!(
            "  {:<14} {:>6} rows  {}",
            s.name,
            s.rows.len(),
            path.display()
        );
    }
    println!("\nEvaluate with the release binary, for example:");
    for s in &sets {
        let path = o.out.join(format!("{}.csv", s.name));
        let cmd = match s.name.as_str() {
            "scripts" => format!(
                "interdict eval {} --list {}",
                path.display(),
                list_path.display()
            ),
            "arabic_script" => format!(
                "interdict eval {} {all_lists} --without-original-script",
                path.display()
            ),
            _ => format!("interdict eval {} {all_lists}", path.display()),
        };
        println!("  {cmd}");
    }
    Ok(())
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match run(&o) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
