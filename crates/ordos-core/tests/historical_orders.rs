//! Orders a scenario's history can give that no shipped campaign uses yet (#13): the rules
//! carry them out on their date, as the accounts' orders.

use ordos_core::Game;
use ordos_core::load::load_str;
use ordos_core::model::event::Event;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::sim::play;

const SMALL: &str = include_str!("../../../tests/fixtures/small.ron");

#[test]
fn a_siege_begun_by_history_is_lifted_by_history() {
    let besiege = "(date: \"1082-09-02\", army: \"tangut\", order: Besiege(place: \"yongle\")),";
    assert!(SMALL.contains(besiege));
    let text = SMALL.replace(
        besiege,
        &format!("{besiege}\n        (date: \"1082-09-05\", army: \"tangut\", order: LiftSiege),"),
    );
    let setup = load_str("lift.ron", &text).unwrap_or_else(|e| panic!("{e}"));
    let mut g = Game::new(setup, 1);
    let mut c = vec![make(ControllerKind::Idle), make(ControllerKind::Historical)];
    play(&mut g, &mut c);
    let begun = g
        .log()
        .iter()
        .find(|(_, _, e)| matches!(e, Event::SiegeBegun { .. }))
        .map(|(_, d, _)| d.to_string());
    let lifted = g
        .log()
        .iter()
        .find(|(_, _, e)| matches!(e, Event::SiegeLifted { .. }))
        .map(|(_, d, _)| d.to_string());
    assert!(begun.is_some(), "the siege began");
    assert_eq!(lifted.as_deref(), Some("1082-09-05"), "lifted on its day");
    let yongle = g.place_id("yongle").unwrap();
    assert!(!g.is_besieged(yongle), "and stays lifted");
}
