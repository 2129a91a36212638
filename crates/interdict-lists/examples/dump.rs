//! Prints what interdict reads from list files: counts, warnings, and optionally entities.
//! `cargo run -p interdict-lists --example dump -- PATH... [--show REF]`
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args
        .iter()
        .position(|a| a == "--show")
        .map(|i| args[i + 1].clone());
    for p in args
        .iter()
        .filter(|a| !a.starts_with("--") && Some(*a) != show.as_ref())
    {
        match interdict_lists::load(std::path::Path::new(p)) {
            Ok(lists) => {
                for l in lists {
                    let mut by_schema = std::collections::BTreeMap::new();
                    for e in &l.entities {
                        *by_schema.entry(e.schema.as_str()).or_insert(0) += 1;
                    }
                    println!(
                        "{p}: {} {} {} entities {by_schema:?}, {} warnings",
                        l.meta.list,
                        l.meta.version,
                        l.entities.len(),
                        l.warnings.len()
                    );
                    for w in l.warnings.iter().take(5) {
                        println!("  {w}");
                    }
                    if let Some(r) = &show {
                        for e in l.entities.iter().filter(|e| &e.provenance.reference == r) {
                            println!("{}", serde_json::to_string_pretty(e).unwrap());
                        }
                    }
                }
            }
            Err(e) => println!("ERROR {e}"),
        }
    }
}
