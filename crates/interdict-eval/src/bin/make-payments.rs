//! Writes clean payment traffic for measuring `interdict payments`: JSON Lines, each line one
//! `pacs.008.001.08` message (a JSON string) of one to three transfers between ordinary people
//! and companies from the name resources, none of them listed, through banks of countries
//! under no country programme.
//!
//! `make-payments [--reference DIR] --out FILE [--messages N] [--seed N]`

use interdict_eval::payments::{country, pacs008, Party};
use interdict_eval::rng::Rng;
use interdict_eval::sets::{arabic, negatives, LabelledSet, Resources};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

struct Options {
    reference: PathBuf,
    out: PathBuf,
    messages: u64,
    seed: u64,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        reference: interdict_testdata::root(),
        out: PathBuf::new(),
        messages: 10_000,
        seed: 20261204,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{a}: '{v}' is not a number"))
        };
        match a.as_str() {
            "--reference" => o.reference = PathBuf::from(value()?),
            "--out" => o.out = PathBuf::from(value()?),
            "--messages" => o.messages = number(value()?)?,
            "--seed" => o.seed = number(value()?)?,
            "-h" | "--help" => {
                return Err(
                    "usage: make-payments [--reference DIR] --out FILE [--messages N] [--seed N]"
                        .into(),
                )
            }
            other => return Err(format!("unknown argument '{other}' (see --help)")),
        }
    }
    if o.out.as_os_str().is_empty() {
        return Err("--out FILE is required".into());
    }
    Ok(o)
}

/// The values of one column of a labelled set.
fn column<'a>(set: &'a LabelledSet, name: &str) -> Result<Vec<&'a str>, String> {
    let at = set
        .columns
        .iter()
        .position(|c| *c == name)
        .ok_or_else(|| format!("the {} set has no {name} column", set.name))?;
    Ok(set.rows.iter().map(|r| r[at].as_str()).collect())
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let res = Resources::new(&o.reference);
    let spellings = arabic::ArabicSpellings::load(&res)?;
    let people_set = negatives::people(&res, &spellings, 20_000, o.seed)?;
    let companies_set = negatives::companies(&res, o.seed)?;
    let names = column(&people_set, "full_name")?;
    let nationalities = column(&people_set, "nationality")?;
    let companies = column(&companies_set, "full_name")?;
    let mut rng = Rng::new(o.seed);
    let party = |rng: &mut Rng| {
        if rng.below(10) < 7 {
            let i = rng.below(names.len());
            Party {
                name: names[i].to_string(),
                country: country(Some(nationalities[i]), rng),
                company: false,
            }
        } else {
            Party {
                name: companies[rng.below(companies.len())].to_string(),
                country: country(None, rng),
                company: true,
            }
        }
    };
    let mut out = BufWriter::new(std::fs::File::create(&o.out)?);
    for id in 0..o.messages {
        let n = 1 + rng.below(3);
        let transfers: Vec<(Party, Party)> =
            (0..n).map(|_| (party(&mut rng), party(&mut rng))).collect();
        let xml = pacs008(id, &transfers, &mut rng);
        writeln!(out, "{}", serde_json::to_string(&xml)?)?;
    }
    out.flush()?;
    eprintln!("{}: {} messages", o.out.display(), o.messages);
    Ok(())
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("make-payments: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&o) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("make-payments: {e}");
            ExitCode::FAILURE
        }
    }
}
