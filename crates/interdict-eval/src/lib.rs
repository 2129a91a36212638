//! Measuring screening quality. [`metrics`] turns the outcome of screening a labelled file (rows
//! with the reference they should find, or none) into recall, false-positive rate and precision
//! at each threshold, with the misses and false alarms to look at. [`sets`] builds labelled sets
//! from the real lists and name resources, using the name [`variants`] people and systems
//! produce; `make-evalsets` writes them out. [`document`] writes synthetic documents with listed
//! names planted in them, for measuring `interdict scan` (`make-document`).

pub mod document;
pub mod metrics;
pub mod payments;
pub mod rng;
pub mod scaled;
pub mod sets;
pub mod variants;

/// The entities of the reference lists ([`sets::REFERENCE_LISTS`]: UN, OFAC SDN and UK) read
/// from the reference data, for tests and benchmarks; `None`, with the skip message, when the
/// data is not there.
pub fn reference_entities() -> Option<Vec<interdict_model::Entity>> {
    let paths = sets::REFERENCE_LISTS
        .iter()
        .map(|l| interdict_testdata::data(l))
        .collect::<Option<Vec<_>>>()?;
    let mut entities = Vec::new();
    for p in &paths {
        for l in interdict_lists::load(p).expect("a reference list loads") {
            entities.extend(l.entities);
        }
    }
    Some(entities)
}

/// The non-listed people of the yente screening benchmark (`negatives_us.csv`: `full_name`,
/// `date_of_birth`, `nationality`) as queries with their date of birth and nationality.
pub fn yente_negatives(path: &std::path::Path) -> Result<Vec<interdict_match::Query>, String> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let headers = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h == n)
            .ok_or_else(|| format!("{}: no column '{n}'", path.display()))
    };
    let (name, dob, nat) = (
        col("full_name")?,
        col("date_of_birth")?,
        col("nationality")?,
    );
    reader
        .records()
        .map(|r| {
            let r = r.map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(interdict_match::Query {
                name: r[name].to_string(),
                birth_dates: interdict_model::PartialDate::parse(&r[dob])
                    .into_iter()
                    .map(interdict_model::BirthDate::on)
                    .collect(),
                countries: interdict_model::CountryCode::resolve(&r[nat])
                    .into_iter()
                    .collect(),
                ..interdict_match::Query::default()
            })
        })
        .collect()
}
