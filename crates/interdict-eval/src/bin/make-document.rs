//! Writes a synthetic document for measuring `interdict scan`, and the listed names planted in
//! it.
//!
//! `make-document [--reference DIR] --out FILE [--size-mb N] [--plant-every BYTES] [--seed N]`
//!
//! The document is ordinary English prose with unlisted people (from the name resources) and
//! places in it; a listed name of the UN, OFAC and UK lists is planted about every
//! `--plant-every` bytes (default 20,000). `FILE.planted.csv` lists the planted names as
//! `start,end,expected_ref` (byte offsets; the references of every list entry for the target,
//! separated by ';').

use interdict_eval::document::{write_document, DocumentPlan};
use interdict_eval::sets::{
    arabic, list_ref, negatives, usable_names, Resources, SameTarget, REFERENCE_LISTS,
};
use interdict_model::Schema;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

struct Options {
    reference: PathBuf,
    out: PathBuf,
    size_mb: usize,
    plant_every: usize,
    seed: u64,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        reference: interdict_testdata::root(),
        out: PathBuf::new(),
        size_mb: 100,
        plant_every: 20_000,
        seed: 20261129,
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
            "--size-mb" => o.size_mb = number(value()?)? as usize,
            "--plant-every" => o.plant_every = number(value()?)? as usize,
            "--seed" => o.seed = number(value()?)?,
            "-h" | "--help" => {
                return Err("usage: make-document [--reference DIR] --out FILE [--size-mb N] [--plant-every BYTES] [--seed N]".into())
            }
            other => return Err(format!("unknown argument '{other}' (see --help)")),
        }
    }
    if o.out.as_os_str().is_empty() {
        return Err("--out FILE is required".into());
    }
    Ok(o)
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let res = Resources::new(&o.reference);
    let lists: Vec<_> = REFERENCE_LISTS
        .iter()
        .map(|l| res.list(l))
        .collect::<Result<_, _>>()?;
    let targets = SameTarget::new(&lists);
    let mut listed: Vec<(String, String)> = Vec::new();
    for e in lists.iter().flatten() {
        if !matches!(e.schema, Schema::Person | Schema::Organization) {
            continue;
        }
        let expected = targets.expected(e);
        let expected = if expected.is_empty() {
            list_ref(e)
        } else {
            expected
        };
        // People need two name parts to be found in free text; organisations one.
        let min_words = if e.schema == Schema::Person { 2 } else { 1 };
        if let Some(name) = usable_names(e, min_words).first() {
            listed.push((name.to_string(), expected));
        }
    }
    let spellings = arabic::ArabicSpellings::load(&res)?;
    let people_set = negatives::people(&res, &spellings, 20_000, o.seed)?;
    let column = people_set
        .columns
        .iter()
        .position(|c| *c == "full_name")
        .ok_or("the people set has no full_name column")?;
    let people: Vec<String> = people_set.rows.iter().map(|r| r[column].clone()).collect();
    let plan = DocumentPlan {
        size: o.size_mb << 20,
        people: &people,
        listed: &listed,
        plant_every: o.plant_every,
        seed: o.seed,
    };
    let mut out = BufWriter::new(std::fs::File::create(&o.out)?);
    let planted = write_document(&mut out, &plan)?;
    out.flush()?;
    let mut sidecar = o.out.clone().into_os_string();
    sidecar.push(".planted.csv");
    let mut w = csv::Writer::from_path(&sidecar)?;
    w.write_record(["start", "end", "expected_ref"])?;
    for p in &planted {
        w.write_record([p.start.to_string(), p.end.to_string(), p.expected.clone()])?;
    }
    w.flush()?;
    eprintln!(
        "{}: {} MB, {} listed names planted ({})",
        o.out.display(),
        o.size_mb,
        planted.len(),
        PathBuf::from(sidecar).display()
    );
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
