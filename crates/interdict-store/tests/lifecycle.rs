//! The list lifecycle in a data directory: import, refuse, activate, diff, prune, deltas.

use interdict_lists::{input::read_path, InputFile};
use interdict_store::{ImportOptions, ImportStatus, Store};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../interdict-lists/tests/fixtures")
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/un_sample.xml")
}

fn files(path: &Path) -> Vec<InputFile> {
    read_path(path).unwrap()
}

fn import(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
) -> Vec<interdict_store::ImportOutcome> {
    store.import(files(path), options).unwrap()
}

/// The sample list with entries removed, as another version of it.
fn shrunk_sample(dir: &Path, keep: usize, date: &str) -> PathBuf {
    let text = std::fs::read_to_string(sample()).unwrap();
    let mut out = String::new();
    let mut kept = 0;
    let mut skipping = false;
    for line in text.lines() {
        if line.trim_start().starts_with("<INDIVIDUAL>") {
            kept += 1;
            skipping = kept > keep;
        }
        if !skipping {
            out.push_str(&line.replace("2025-04-19T00:00:00.000Z", date));
            out.push('\n');
        }
        if line.trim_start().starts_with("</INDIVIDUAL>") {
            skipping = false;
        }
    }
    let path = dir.join(format!("un-{date}.xml"));
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn import_activate_and_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let out = import(&mut store, &sample(), &ImportOptions::default());
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].source, "un-sc");
    assert_eq!(out[0].label, "2025-04-19");
    assert_eq!(out[0].entities, 7);
    assert_eq!(out[0].status, ImportStatus::Imported { activated: true });

    let status = store.status().unwrap();
    assert_eq!(status.len(), 1);
    let active = status[0].active.as_ref().unwrap();
    assert_eq!(
        (
            active.label.as_str(),
            active.entities,
            active.format.as_str()
        ),
        ("2025-04-19", 7, "un-xml")
    );
    assert_eq!(active.checksum.len(), 64);

    let again = import(&mut store, &sample(), &ImportOptions::default());
    assert_eq!(again[0].status, ImportStatus::Unchanged);
    assert_eq!(store.versions(Some("un-sc")).unwrap().len(), 1);

    let loaded = store.load_active().unwrap();
    assert_eq!(loaded[0].entities.len(), 7);
    assert_eq!(loaded[0].entities[0].provenance.list_version, "2025-04-19");
    drop(store);
    // Reopening sees the same state.
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.active_version("un-sc").unwrap().unwrap().label,
        "2025-04-19"
    );
}

#[test]
fn bad_empty_or_shrunk_versions_never_replace_the_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    import(&mut store, &sample(), &ImportOptions::default());

    for bad in ["un_truncated.xml", "un_empty.xml"] {
        let err = store
            .import(files(&fixtures().join(bad)), &ImportOptions::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains(bad), "{err}");
    }
    let zero = dir.path().join("zero.xml");
    std::fs::write(&zero, b"").unwrap();
    let err = store
        .import(files(&zero), &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("empty"), "{err}");

    // 7 entries down to 3: more than a fifth gone.
    let small = shrunk_sample(dir.path(), 1, "2025-05-01T00:00:00.000Z");
    let out = import(&mut store, &small, &ImportOptions::default());
    match &out[0].status {
        ImportStatus::Refused(reason) => {
            assert!(reason.contains("would drop from 7 to 3"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        store.active_version("un-sc").unwrap().unwrap().label,
        "2025-04-19"
    );

    // A different format under the same source is refused too.
    let ofac = fixtures().join("ofac_csv");
    let out = import(
        &mut store,
        &ofac,
        &ImportOptions {
            source: Some("un-sc".into()),
            ..ImportOptions::default()
        },
    );
    match &out[0].status {
        ImportStatus::Refused(reason) => assert!(reason.contains("expects un-xml"), "{reason}"),
        other => panic!("{other:?}"),
    }

    // --force accepts the small version.
    let out = import(
        &mut store,
        &small,
        &ImportOptions {
            force: true,
            ..ImportOptions::default()
        },
    );
    assert_eq!(out[0].status, ImportStatus::Imported { activated: true });
    assert_eq!(store.active_version("un-sc").unwrap().unwrap().entities, 3);
}

#[test]
fn older_versions_are_kept_but_not_activated_and_can_be_switched_to() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    import(&mut store, &sample(), &ImportOptions::default());
    let older = shrunk_sample(dir.path(), 4, "2025-01-01T00:00:00.000Z");
    let out = import(&mut store, &older, &ImportOptions::default());
    assert_eq!(out[0].status, ImportStatus::Imported { activated: false });
    assert_eq!(
        store.active_version("un-sc").unwrap().unwrap().label,
        "2025-04-19"
    );
    store.activate("un-sc", "2025-01-01").unwrap();
    assert_eq!(
        store.active_version("un-sc").unwrap().unwrap().label,
        "2025-01-01"
    );
}

#[test]
fn diff_prune_and_remove() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let v1 = shrunk_sample(dir.path(), 4, "2025-03-01T00:00:00.000Z");
    import(&mut store, &v1, &ImportOptions::default());
    import(&mut store, &sample(), &ImportOptions::default());
    let d = store.diff("un-sc", None, None).unwrap();
    assert_eq!(
        (d.old.as_str(), d.new.as_str()),
        ("2025-03-01", "2025-04-19")
    );
    let added: Vec<&str> = d.added.iter().map(|e| e.reference.as_str()).collect();
    assert_eq!(added, ["KPi.025"]);
    assert!(d.removed.is_empty() && d.changed.is_empty(), "{d:?}");

    let v3 = shrunk_sample(dir.path(), 5, "2025-06-01T00:00:00.000Z");
    let text = std::fs::read_to_string(&v3)
        .unwrap()
        .replace("Zakir Rehman Lakvi", "Zakir Rahman Lakvi");
    std::fs::write(&v3, text).unwrap();
    import(&mut store, &v3, &ImportOptions::default());
    let d = store
        .diff("un-sc", Some("2025-04-19"), Some("2025-06-01"))
        .unwrap();
    assert_eq!(d.changed.len(), 1);
    let change = &d.changed[0];
    assert_eq!(change.entity.reference, "QDi.264");
    assert_eq!(change.fields[0].field, "names");
    assert_eq!(change.fields[0].removed, ["Zakir Rehman Lakvi (alias)"]);
    assert_eq!(change.fields[0].added, ["Zakir Rahman Lakvi (alias)"]);

    let removed = store.prune(Some("un-sc"), 1).unwrap();
    assert_eq!(removed.len(), 2);
    assert_eq!(store.versions(Some("un-sc")).unwrap().len(), 1);
    let err = store.remove("un-sc", "2025-06-01").unwrap_err().to_string();
    assert!(err.contains("active version"), "{err}");
    // Objects of removed versions are gone; the active one still loads.
    assert_eq!(store.load_active().unwrap()[0].entities.len(), 7);
}

#[test]
fn deltas_build_on_the_active_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let out = import(
        &mut store,
        &fixtures().join("ftm_delta.json"),
        &ImportOptions::default(),
    );
    match &out[0].status {
        ImportStatus::Refused(reason) => {
            assert!(reason.contains("no version to apply it to"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    import(
        &mut store,
        &fixtures().join("ftm_entities.json"),
        &ImportOptions::default(),
    );
    let out = import(
        &mut store,
        &fixtures().join("ftm_delta.json"),
        &ImportOptions {
            force: true,
            ..ImportOptions::default()
        },
    );
    assert_eq!(out[0].status, ImportStatus::Imported { activated: true });
    let d = store.diff("opensanctions", None, None).unwrap();
    assert_eq!(
        d.added
            .iter()
            .map(|e| e.reference.as_str())
            .collect::<Vec<_>>(),
        ["NK-new1"]
    );
    assert_eq!(
        d.removed
            .iter()
            .map(|e| e.reference.as_str())
            .collect::<Vec<_>>(),
        ["NK-company1"]
    );
    assert_eq!(d.changed.len(), 1);
    assert_eq!(d.changed[0].entity.reference, "NK-person1");
    let active = store.load_active().unwrap();
    let designated = active[0].entities.iter().filter(|e| !e.related_only);
    assert_eq!(designated.count(), 2);
    // The relative the relationships name is kept, not designated.
    assert_eq!(active[0].entities.len(), 3);
}

#[test]
fn un_snapshots_of_consecutive_days_differ_by_one_delisting() {
    let Some(data) = interdict_testdata::data("un") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    import(
        &mut store,
        &data.join("un_consolidated_2025-12-09.xml"),
        &ImportOptions::default(),
    );
    import(
        &mut store,
        &data.join("un_consolidated_2025-12-10.xml"),
        &ImportOptions::default(),
    );
    let d = store
        .diff("un-sc", Some("2025-12-09"), Some("2025-12-10"))
        .unwrap();
    assert!(d.added.is_empty(), "{:?}", d.added);
    assert!(d.changed.is_empty(), "{:?}", d.changed);
    assert_eq!(
        d.removed
            .iter()
            .map(|e| e.reference.as_str())
            .collect::<Vec<_>>(),
        ["IQi.074"]
    );
}

#[test]
fn a_second_writer_waits_for_the_first_and_is_told_who_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    // A killed import's half-written object is cleaned by the next writer.
    let orphan = dir.path().join("objects/ab/.abcdef.4242.tmp");
    std::fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    std::fs::write(&orphan, b"half a list").unwrap();
    let lock = store
        .lock_for_writing("lists import", |_| panic!("nobody holds the lock yet"))
        .unwrap();
    assert!(!orphan.exists());

    let path = dir.path().to_path_buf();
    let (told, heard) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let other = Store::open(&path).unwrap();
        let _lock = other
            .lock_for_writing("lists fetch", |holder| {
                told.send(holder.to_string()).unwrap()
            })
            .unwrap();
    });
    let holder = heard
        .recv_timeout(std::time::Duration::from_secs(30))
        .unwrap();
    assert!(
        holder.contains("lists import") && holder.contains(&std::process::id().to_string()),
        "{holder}"
    );
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(!waiter.is_finished(), "the second writer waits");
    drop(lock);
    waiter.join().unwrap();
}
