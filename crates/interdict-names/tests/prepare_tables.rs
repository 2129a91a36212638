//! The fixed name tables are built when a process asks for them, before its first name: in a
//! process of its own, so that no other test has built them first.

#[test]
fn preparing_builds_every_table_before_the_first_name() {
    assert!(
        !interdict_names::tables_prepared(),
        "no name has been handled yet, so no table should be built"
    );
    interdict_names::prepare_tables();
    assert!(interdict_names::tables_prepared());
}
