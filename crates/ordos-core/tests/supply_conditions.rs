//! The supply victory conditions a scenario can set (#13), each met and not met as its words
//! say, in small games on the test fixture: `Relieve` (the place ours and not under siege on
//! the day), `TakeStores` (the place's grain in our hands, or gone), `Supplied` (the army in
//! the field, neither starving nor thirsty, on the day).

use ordos_core::Game;
use ordos_core::load::load_str;
use ordos_core::model::event::Event;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::sim::play;

const SMALL: &str = include_str!("../../../tests/fixtures/small.ron");

/// Plays the fixture, edited, with these controllers (Song, Xia); returns whether the
/// scenario's last condition was met, and the game.
fn last_condition_met(
    edit: impl Fn(String) -> String,
    song: ControllerKind,
    xia: ControllerKind,
) -> (bool, Game) {
    let text = edit(SMALL.to_string());
    let setup = load_str("small-edited.ron", &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let last = setup.scenario.victory.len() - 1;
    let mut g = Game::new(setup, 3);
    let mut c = vec![make(song), make(xia)];
    play(&mut g, &mut c);
    let met = g.state().scored[last];
    let logged = g.log().iter().any(|(_, _, e)| {
        matches!(e, Event::ConditionMet { condition, .. } if *condition as usize == last)
    });
    assert_eq!(met, logged, "scored and the event agree");
    (met, g)
}

fn with_condition(text: String, condition: &str) -> String {
    let anchor = "(side: \"xia\", condition: Take(place: \"yongle\", by: None)),";
    assert!(text.contains(anchor));
    text.replace(anchor, &format!("{anchor}\n        {condition},"))
}

#[test]
fn relieve_is_met_only_by_a_place_held_and_not_besieged_on_the_day() {
    let relieve = |t: String| {
        with_condition(
            t,
            "(side: \"song\", condition: Relieve(place: \"yongle\", by: Some(\"1082-09-06\")))",
        )
    };
    // Nobody moves: Yongle is never besieged.
    let (met, _) = last_condition_met(relieve, ControllerKind::Idle, ControllerKind::Idle);
    assert!(met, "an unbesieged Yongle is relieved");
    // The Tanguts besiege it from the 2nd (the fixture's history): still besieged on the 6th.
    let (met, g) = last_condition_met(relieve, ControllerKind::Idle, ControllerKind::Historical);
    let besieged = g
        .log()
        .iter()
        .any(|(_, _, e)| matches!(e, Event::SiegeBegun { .. }));
    assert!(besieged, "the siege began");
    assert!(!met, "a besieged Yongle is not relieved");
}

#[test]
fn take_stores_is_met_when_the_grain_is_in_our_hands() {
    // Xu Xi marches out of Yongle to the west; the Tanguts walk in.
    let take = |t: String| {
        let t = with_condition(
            t,
            "(side: \"xia\", condition: TakeStores(place: \"yongle\"))",
        );
        t.replace(
            "(date: \"1082-09-02\", army: \"tangut\", order: Besiege(place: \"yongle\")),",
            "(date: \"1082-09-01\", army: \"xu-xi\", order: MoveTo(hex: (0, 2), forced: false)),\n        (date: \"1082-09-02\", army: \"tangut\", order: MoveTo(hex: (2, 1), forced: false)),",
        )
    };
    let (met, g) = last_condition_met(take, ControllerKind::Historical, ControllerKind::Historical);
    let yongle = g.place_id("yongle").unwrap();
    assert_eq!(
        g.place(yongle).owner,
        g.side_id("xia"),
        "the Tanguts hold Yongle"
    );
    assert!(met, "its stores are taken");
    // Nobody moves, and the granary holds more than the garrison eats in ten days (10,000
    // men at 2 sheng a day): the stores stay Song's.
    let (met, _) = last_condition_met(
        |t| {
            with_condition(
                t,
                "(side: \"xia\", condition: TakeStores(place: \"yongle\"))",
            )
            .replace(
                "owner: \"song\", walls: 2, stores_sheng: 100000",
                "owner: \"song\", walls: 2, stores_sheng: 1000000",
            )
        },
        ControllerKind::Idle,
        ControllerKind::Idle,
    );
    assert!(!met, "stores still in Song hands");
    // The same granary of 100,000 sheng eaten to nothing by the garrison in five days: the
    // condition's "or gone".
    let (met, g) = last_condition_met(
        |t| {
            with_condition(
                t,
                "(side: \"xia\", condition: TakeStores(place: \"yongle\"))",
            )
        },
        ControllerKind::Idle,
        ControllerKind::Idle,
    );
    let yongle = g.place_id("yongle").unwrap();
    assert_eq!(g.place(yongle).stores_ge, 0);
    assert!(met, "stores gone");
}

#[test]
fn supplied_is_met_by_an_army_fed_and_watered_on_the_day() {
    let supplied = |t: String| {
        with_condition(
            t,
            "(side: \"song\", condition: Supplied(army: \"xu-xi\", by: None))",
        )
    };
    // Xu Xi in Yongle, on its stores, with wells (the fixture's Yongle has only five days of
    // cisterns): supplied at the end.
    let (met, _) = last_condition_met(
        |t| {
            supplied(t).replace(
                "walls: 2, stores_sheng: 100000, water: false, cistern_days: 5",
                "walls: 2, stores_sheng: 1000000, water: true, cistern_days: 5",
            )
        },
        ControllerKind::Idle,
        ControllerKind::Idle,
    );
    assert!(met, "an army on its stores is supplied");
    // The same army with Yongle's granary empty and no water: hungry and thirsty by the end.
    let starved = |t: String| {
        supplied(t).replace(
            "walls: 2, stores_sheng: 100000, water: false, cistern_days: 5",
            "walls: 2, stores_sheng: 0, water: false, cistern_days: 0",
        )
    };
    let (met, g) = last_condition_met(starved, ControllerKind::Idle, ControllerKind::Idle);
    let xu = g.army(g.army_id("xu-xi").unwrap());
    assert!(
        !met,
        "a starving or thirsty army is not supplied ({:?})",
        xu.status
    );
}
