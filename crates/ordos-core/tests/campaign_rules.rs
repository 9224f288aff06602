//! The rules the remaining campaigns need (docs/campaigns/rules-plan.md A–K), one behaviour
//! each, each on the smallest scenario that shows it, each citing the passage it models.

use ordos_core::load::load_str;

// ----- K. Wars for the picker ----------------------------------------------------------------

/// docs/campaigns/wars.md: every scenario names the war of the accounts it belongs to, one of
/// the seven of `assets/rules/wars.ron`; the three shipped ones are of Yuanhao's and Shenzong's
/// invasions; any other id is refused at its line.
#[test]
fn scenarios_name_their_war_of_the_accounts_and_an_unknown_war_is_refused_at_its_line() {
    for (file, war) in [
        ("haoshuichuan-1041", "yuanhao"),
        ("yongle-1082", "shenzong"),
        ("lanzhou-1084", "shenzong"),
    ] {
        let path = format!("{}/../../scenarios/{file}.ron", env!("CARGO_MANIFEST_DIR"));
        let s = ordos_core::load::load_path(std::path::Path::new(&path)).unwrap();
        assert_eq!(s.scenario.war.as_deref(), Some(war), "{file}");
    }
    assert!(
        ordos_core::load::wars::position("yuanhao") < ordos_core::load::wars::position("shenzong")
    );
    let text = std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/small.ron",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replacen(
        "    title:",
        "    war: Some(\"tangut-wars\"),\n    title:",
        1,
    );
    let e = load_str("small.ron", &text).unwrap_err();
    let d = &e.0[0];
    assert!(d.message.contains("unknown war `tangut-wars`"), "{e}");
    assert!(d.message.contains("jiqian, yuanhao"), "{e}");
    let line = text.lines().nth(d.line - 1).unwrap();
    assert!(line.contains("war:"), "points at `{line}`");
}
