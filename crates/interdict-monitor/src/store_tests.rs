//! The behaviour every store backend must have, run on SQLite and on a real PostgreSQL server,
//! and what only a shared (PostgreSQL) book must do: writers from several processes taking
//! turns on one audit chain.

use crate::alert::{AlertHit, AlertState, Decision, DecisionAs};
use crate::customer::CustomerRecord;
use crate::place::BookPlace;
use crate::store::{AlertOp, MonitorStore, RescreenWrite};
use crate::Error;
use interdict_match::Query;
use interdict_testdata::postgres::TestSchema;
use std::collections::BTreeMap;

fn record(id: &str, name: &str) -> CustomerRecord {
    CustomerRecord {
        id: id.into(),
        query: Query::name(name),
        fields: BTreeMap::new(),
    }
}

fn hit(entity: &str) -> AlertHit {
    AlertHit {
        list: "un-sc".into(),
        list_version: "1".into(),
        entity_id: entity.into(),
        reference: "QDi.1".into(),
        caption: "X".into(),
        matched_name: "X".into(),
        score: 0.9,
        explanation: serde_json::Value::Null,
        fingerprint: "f".into(),
        customer_fingerprint: "g".into(),
    }
}

fn raise(store: &mut dyn MonitorStore, customer: &str, entity: &str) -> i64 {
    let write = RescreenWrite {
        kind: "delta".into(),
        ops: vec![AlertOp::Raise {
            customer_id: customer.into(),
            customer_version: 1,
            hit: hit(entity),
            earlier: None,
        }],
        ..RescreenWrite::default()
    };
    store.apply(write).unwrap()[0]
}

fn decision(reason: &str) -> Decision {
    Decision {
        decided_as: DecisionAs::Escalated,
        reason: reason.into(),
        by: "ana".into(),
        at: String::new(),
    }
}

fn registrations_count_what_changed_and_removal_closes_alerts(store: &mut dyn MonitorStore) {
    let counts = store
        .upsert(vec![record("a", "Ali Khan"), record("b", "Bo Li")])
        .unwrap();
    assert_eq!((counts.added, counts.changed, counts.unchanged), (2, 0, 0));
    let counts = store
        .upsert(vec![record("a", "Ali Khan"), record("b", "Bo Lee")])
        .unwrap();
    assert_eq!((counts.added, counts.changed, counts.unchanged), (0, 1, 1));
    let id = raise(store, "a", "un-sc:1");
    let removed = store.remove(&["a".into(), "zz".into()]).unwrap();
    assert_eq!(removed.removed, 1);
    assert_eq!(removed.unknown, vec!["zz".to_string()]);
    assert_eq!(removed.alerts_closed, 1);
    assert_eq!(
        store.alert(id).unwrap().state,
        AlertState::ClosedCustomerRemoved
    );
    // Given again, the customer is back with a new version.
    let counts = store.upsert(vec![record("a", "Ali Khan")]).unwrap();
    assert_eq!(counts.added, 1);
    let back = store.customers(&["b".into(), "a".into()]).unwrap();
    let versions: Vec<(&str, i64)> = back
        .iter()
        .map(|c| (c.record.id.as_str(), c.version))
        .collect();
    assert_eq!(versions, vec![("b", 2), ("a", 2)]);
    let status = store.status().unwrap();
    assert_eq!((status.customers, status.unscreened), (2, 2));
    assert!(store.audit_verify().unwrap().ok);
}

fn decisions_are_refused_on_closed_or_unknown_alerts_and_change_nothing(
    store: &mut dyn MonitorStore,
) {
    store.upsert(vec![record("a", "Ali Khan")]).unwrap();
    let id = raise(store, "a", "un-sc:1");
    let entries = store.status().unwrap().audit_entries;
    assert!(matches!(
        store.decide(99, decision("x")),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        store.decide(id, decision(" ")),
        Err(Error::Invalid(_))
    ));
    assert_eq!(store.status().unwrap().audit_entries, entries);
    let a = store.decide(id, decision("second look")).unwrap();
    assert_eq!(a.state, AlertState::Escalated);
    assert_eq!(a.decisions.len(), 1);
    assert_eq!(a.decisions[0].reason, "second look");
    store.remove(&["a".into()]).unwrap();
    assert!(matches!(
        store.decide(id, decision("x")),
        Err(Error::Closed(_))
    ));
    assert!(store.audit_verify().unwrap().ok);
}

fn delivery_positions_and_alerts_after_them(store: &mut dyn MonitorStore) {
    let first = raise(store, "a", "un-sc:1");
    let second = raise(store, "b", "un-sc:2");
    assert_eq!(store.last_alert_id().unwrap(), second);
    assert_eq!(store.cursor("hook").unwrap(), None);
    store.set_cursor("hook", first).unwrap();
    assert_eq!(store.cursor("hook").unwrap(), Some(first));
    let after: Vec<i64> = store
        .alerts_after(first, 10)
        .unwrap()
        .iter()
        .map(|a| a.alert_id)
        .collect();
    assert_eq!(after, vec![second]);
}

fn rescreens_record_lists_threshold_and_refreshed_alerts(store: &mut dyn MonitorStore) {
    store.upsert(vec![record("a", "Ali Khan")]).unwrap();
    let id = raise(store, "a", "un-sc:1");
    let mut refreshed = hit("un-sc:1");
    refreshed.score = 0.95;
    refreshed.list_version = "2".into();
    let lists = BTreeMap::from([("un-sc".to_string(), "2".to_string())]);
    let again = store
        .apply(RescreenWrite {
            kind: "full".into(),
            lists: lists.clone(),
            threshold: 0.8,
            ops: vec![
                AlertOp::Refresh {
                    alert_id: id,
                    customer_version: 1,
                    hit: refreshed,
                },
                AlertOp::Raise {
                    customer_id: "a".into(),
                    customer_version: 1,
                    hit: hit("un-sc:7"),
                    earlier: Some(id),
                },
            ],
            screened: vec![("a".into(), 1)],
            summary: serde_json::json!({"screened": 1}),
        })
        .unwrap();
    assert_eq!(store.lists_seen().unwrap(), lists);
    assert_eq!(store.threshold().unwrap(), Some(0.8));
    assert_eq!(store.alert(id).unwrap().hit.score, 0.95);
    let second = store.alert(again[0]).unwrap();
    assert_eq!(second.earlier.map(|e| e.alert_id), Some(id));
    let status = store.status().unwrap();
    assert_eq!(status.unscreened, 0);
    assert_eq!(status.alerts.get("open"), Some(&2));
    assert_eq!(
        status.last_rescreen.unwrap()["kind"],
        serde_json::json!("full")
    );
    let mut kinds = Vec::new();
    store
        .audit_export(None, None, &mut |e| {
            kinds.push(e.kind.clone());
            Ok(())
        })
        .unwrap();
    assert_eq!(
        kinds[kinds.len() - 4..],
        ["alert-updated", "alert-raised", "lists-changed", "rescreen"]
    );
    let filtered = store
        .alerts(&crate::AlertFilter {
            list: Some("un-sc".into()),
            customer: Some("a".into()),
            state: Some(AlertState::Open),
        })
        .unwrap();
    assert_eq!(filtered.len(), 2);
    let none = store
        .alerts(&crate::AlertFilter {
            list: Some("us-ofac".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());
}

/// Runs each behaviour on a fresh store made by `open`.
macro_rules! behaviours {
    ($open:expr) => {
        #[test]
        fn registrations_count_what_changed_and_removal_closes_alerts() {
            if let Some((mut store, _keep)) = $open {
                super::registrations_count_what_changed_and_removal_closes_alerts(&mut *store);
            }
        }

        #[test]
        fn decisions_are_refused_on_closed_or_unknown_alerts_and_change_nothing() {
            if let Some((mut store, _keep)) = $open {
                super::decisions_are_refused_on_closed_or_unknown_alerts_and_change_nothing(
                    &mut *store,
                );
            }
        }

        #[test]
        fn delivery_positions_and_alerts_after_them() {
            if let Some((mut store, _keep)) = $open {
                super::delivery_positions_and_alerts_after_them(&mut *store);
            }
        }

        #[test]
        fn rescreens_record_lists_threshold_and_refreshed_alerts() {
            if let Some((mut store, _keep)) = $open {
                super::rescreens_record_lists_threshold_and_refreshed_alerts(&mut *store);
            }
        }
    };
}

/// A store and what must live as long as it (its folder, its schema).
type Opened = (Box<dyn MonitorStore>, Box<dyn std::any::Any>);

fn sqlite() -> Option<Opened> {
    let dir = tempfile::tempdir().unwrap();
    let store = BookPlace::in_data_dir(dir.path()).open_store().unwrap();
    Some((store, Box::new(dir)))
}

/// A book in a schema of its own, with the folder of this process's part of it.
fn postgres_place() -> Option<(BookPlace, TestSchema, tempfile::TempDir)> {
    let schema = TestSchema::create("monitor")?;
    let dir = tempfile::tempdir().unwrap();
    let place = BookPlace::new(dir.path(), Some(&schema.url)).unwrap();
    Some((place, schema, dir))
}

fn postgres() -> Option<Opened> {
    let (place, schema, dir) = postgres_place()?;
    Some((place.open_store().unwrap(), Box::new((schema, dir))))
}

mod on_sqlite {
    behaviours!(super::sqlite());
}

mod on_postgres {
    behaviours!(super::postgres());
}

#[test]
fn writers_in_several_processes_keep_one_audit_chain() {
    let Some((place, _schema, _dir)) = postgres_place() else {
        return;
    };
    // Each thread stands for a replica: its own connection, its own folder and audit head.
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let mut replica = place.clone();
            replica.data_dir = replica.data_dir.join(format!("replica{w}"));
            std::thread::spawn(move || {
                let mut store = replica.open_store().unwrap();
                for i in 0..10 {
                    store
                        .upsert(vec![record(&format!("c{w}-{i}"), "Ali Khan")])
                        .unwrap();
                    raise(&mut *store, &format!("c{w}-{i}"), "un-sc:1");
                }
                store.audit_verify().unwrap()
            })
        })
        .collect();
    for w in writers {
        let report = w.join().unwrap();
        assert!(report.ok, "{report:?}");
    }
    let store = place.open_store().unwrap();
    let report = store.audit_verify().unwrap();
    assert!(report.ok, "{report:?}");
    // 40 customers added, 40 × (alert raised, rescreen), and the first lists seen.
    assert_eq!(report.entries, 121);
    assert_eq!(store.status().unwrap().customers, 40);
    // Alert ids follow the order of commits, so a delivery cursor never skips one.
    let ids: Vec<i64> = store
        .alerts_after(0, 100)
        .unwrap()
        .iter()
        .map(|a| a.alert_id)
        .collect();
    assert_eq!(ids.len(), 40);
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn a_replica_sees_another_replicas_decision_and_cannot_decide_a_closed_alert() {
    let Some((place, _schema, _dir)) = postgres_place() else {
        return;
    };
    let mut one = place.open_store().unwrap();
    let mut two = place.open_store().unwrap();
    one.upsert(vec![record("a", "Ali Khan")]).unwrap();
    let id = raise(&mut *one, "a", "un-sc:1");
    two.decide(id, decision("checked the passport")).unwrap();
    let seen = one.alert(id).unwrap();
    assert_eq!(seen.state, AlertState::Escalated);
    assert_eq!(seen.decisions[0].by, "ana");
    one.remove(&["a".into()]).unwrap();
    assert!(matches!(
        two.decide(id, decision("too late")),
        Err(Error::Closed(_))
    ));
}

#[test]
fn one_process_leads_deliveries_and_one_holds_the_writer_lock() {
    let Some((place, _schema, _dir)) = postgres_place() else {
        return;
    };
    let mut one = place.open_store().unwrap();
    let mut two = place.open_store().unwrap();
    assert!(one.try_lead("webhook http://a").unwrap());
    assert!(!two.try_lead("webhook http://a").unwrap());
    assert!(two.try_lead("webhook http://b").unwrap());
    drop(one);
    // The lead passes on when its process goes.
    let mut taken = false;
    for _ in 0..50 {
        if two.try_lead("webhook http://a").unwrap() {
            taken = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(taken);

    let lock = place.try_lock("monitor rescreen").unwrap().ok().unwrap();
    let holder = place.try_lock("monitor add").unwrap().err().unwrap();
    assert!(holder.starts_with("monitor rescreen (process "), "{holder}");
    drop(lock);
    assert!(place.try_lock("monitor add").unwrap().is_ok());
}

#[test]
fn a_database_address_that_is_not_postgres_is_refused_and_a_dead_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let e = BookPlace::new(dir.path(), Some("mysql://db/book")).unwrap_err();
    assert!(
        e.to_string().contains("expected a postgres:// address"),
        "{e}"
    );
    let place = BookPlace::new(dir.path(), Some("postgres://ana:secret@127.0.0.1:1/book")).unwrap();
    let e = place.open_store().err().unwrap().to_string();
    assert!(
        e.contains("cannot connect to postgres://ana:***@127.0.0.1:1/book"),
        "{e}"
    );
    assert!(!e.contains("secret"));
}
