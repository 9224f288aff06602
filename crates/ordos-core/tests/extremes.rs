//! Hostile and absurd numbers. Every number a file can carry has a range that validation
//! enforces at the field (`load::validate::limits`); within those ranges nothing the rules do
//! overflows. These tests run in the dev profile, which panics on overflow: a game at the
//! limits that wrapped a number would fail here, not go silently wrong.

mod common;

use ordos_core::Game;
use ordos_core::load::load_str;
use ordos_core::load::validate::limits::*;
use ordos_core::model::state::{ArmyId, PlaceId};
use ordos_core::order::{Order, OrderKind};
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::sim::play;

/// A scenario on a 12×6 hand-drawn map with the given places, armies and victory conditions.
fn text(
    start: &str,
    end: &str,
    turn_days: u32,
    places: &str,
    armies: &str,
    victory: &str,
) -> String {
    format!(
        r#"Scenario(
    id: "extreme", title: "Extreme", start: "{start}", end: "{end}", turn_days: {turn_days},
    briefing: "",
    sides: [(id: "song", name: "Song"), (id: "xia", name: "Xia")],
    wars: [("song", "xia")],
    turn_order: ["song", "xia"],
    map: (
        hex_m: 5000,
        legend: {{'l': "loess-hills", 'v': "river-valley", 'f': "forest", 'Y': "yellow-river", 'i': "irrigated-plain", 'd': "desert"}},
        rows: ["ffllvvYiildd", "fllvvvYiildd", "ffllvvYiildd", "lllvvvYiildd", "ffllvvYiildd", "lllvvvYiildd"],
        fords: [(6, 2), (6, 3)],
    ),
    places: [{places}],
    armies: [{armies}],
    victory: [{victory}],
)"#
    )
}

fn giant(id: &str, side: &str, col: i32, row: i32) -> String {
    format!(
        r#"(id: "{id}", name: "{id}", side: "{side}", commander: "x", hex: ({col}, {row}),
           men: (foot: 250000, crossbow: 250000, light_horse: 250000, heavy_horse: 250000),
           porters: {MAX_PORTERS}, animals: (camels: 400000, horses: 300000, donkeys: 300000),
           pack_days: Some({MAX_PACK_DAYS}), morale: 100, fatigue: 100, siege_engines: {MAX_SIEGE_ENGINES},
           spare_horses: {MAX_SPARE_HORSES}, ruler: true),"#
    )
}

fn place(id: &str, owner: &str, col: i32, row: i32) -> String {
    format!(
        r#"(id: "{id}", name: "{id}", kind: WalledCity, hex: ({col}, {row}), owner: "{owner}", walls: 3,
           stores_sheng: {MAX_STORES_SHENG}, water: false, cistern_days: 3650, levy_men: {MAX_LEVY}),"#
    )
}

/// Random orders of every kind against the state, as the property tests draw them, from a
/// fixed stream so the test is the same on every run.
fn random_orders(g: &mut Game, seed: u64, turns: usize) {
    let mut x = seed | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..turns {
        if g.is_over() {
            break;
        }
        for _ in 0..12 {
            let n = g.state().armies.len();
            let a = g.state().armies[(next() as usize) % n].clone();
            let target = ArmyId((next() as usize % n) as u16);
            let place = PlaceId((next() as usize % g.state().places.len().max(1)) as u16);
            let to = a.hex.neighbour((next() % 6) as usize);
            let o = match OrderKind::ALL[next() as usize % OrderKind::ALL.len()] {
                OrderKind::Move => Order::Move {
                    army: a.id,
                    path: vec![to],
                    forced: next() % 2 == 0,
                },
                OrderKind::Attack => Order::Attack { army: a.id, target },
                OrderKind::Besiege => Order::Besiege { army: a.id, place },
                OrderKind::Blockade => Order::Blockade { army: a.id, place },
                OrderKind::Assault => Order::Assault { army: a.id, place },
                OrderKind::Sortie => Order::Sortie { army: a.id, target },
                OrderKind::LiftSiege => Order::LiftSiege { army: a.id },
                OrderKind::Hold => Order::Hold { army: a.id },
                OrderKind::Hide => Order::Hide { army: a.id },
                OrderKind::Fortify => Order::Fortify { army: a.id },
                OrderKind::Scorch => Order::Scorch { army: a.id },
                OrderKind::CutWater => Order::CutWater { army: a.id, place },
                OrderKind::Fires => Order::Fires {
                    army: a.id,
                    allowed: next() % 2 == 0,
                },
                OrderKind::BuildFort => Order::BuildFort { army: a.id },
                OrderKind::BreachDike => Order::BreachDike { army: a.id },
                OrderKind::Levy => Order::Levy { army: a.id },
                OrderKind::Deliver => Order::Deliver {
                    army: a.id,
                    to: target,
                },
                OrderKind::Stock => Order::Stock { army: a.id },
                OrderKind::Flee => Order::Flee { army: a.id },
                OrderKind::Recruit => Order::Recruit { army: a.id },
                OrderKind::Plunder => Order::Plunder { army: a.id },
                OrderKind::NightMarch => Order::NightMarch {
                    army: a.id,
                    path: vec![to],
                },
                OrderKind::NightAttack => Order::NightAttack { army: a.id, target },
            };
            let _ = g.submit(a.side, &o);
        }
        g.end_turn();
    }
    for a in &g.state().armies {
        assert_eq!(
            a.men_start,
            a.men.total() + a.losses.total(),
            "men conserved"
        );
    }
}

#[test]
fn giant_armies_at_every_limit_play_without_overflow() {
    // Twenty armies of a million men with three million porters and a million animals, next
    // to walls holding the most grain and men to levy, under the longest turns, at the far end
    // of the calendar.
    let mut armies = String::new();
    for i in 0..10 {
        armies += &giant(&format!("song-{i}"), "song", 2 + (i % 2), 1 + i / 4);
        armies += &giant(&format!("xia-{i}"), "xia", 4 + (i % 2), 1 + i / 4);
    }
    let places = place("song-city", "song", 2, 0)
        + &place("xia-city", "xia", 8, 0)
        + &place("xia-town", "xia", 9, 5);
    let victory = format!(
        r#"(side: "song", condition: Inflict(men: {MAX_INFLICT}), points: {MAX_POINTS}),
           (side: "xia", condition: Hold(place: "xia-city", until: None), points: {MAX_POINTS}),"#
    );
    let t = text("9989-01-01", "9998-12-28", 30, &places, &armies, &victory);
    let setup = load_str("extreme.ron", &t).unwrap_or_else(|e| panic!("{e}"));
    for seed in [1, 2, 3] {
        let mut g = Game::new(setup.clone(), seed);
        random_orders(&mut g, seed, 40);
        let mut ai = Game::new(setup.clone(), seed);
        let mut c = vec![
            make(ControllerKind::Ai(ordos_core::play::ai::Level::Normal)),
            make(ControllerKind::Greedy),
        ];
        let r = play(&mut ai, &mut c);
        assert!(
            ai.is_over(),
            "the game reaches its end ({} turns)",
            r.turns.len()
        );
    }
}

#[test]
fn the_most_armies_and_places_a_scenario_may_have_play() {
    // 2,000 armies of 10,000 (twenty million men) and 4,000 places on a 100×48 map.
    let rows: Vec<String> = (0..48).map(|_| "l".repeat(100)).collect();
    let mut places = String::new();
    for i in 0..MAX_PLACES {
        let owner = if i % 2 == 0 { "song" } else { "xia" };
        places += &format!(
            r#"(id: "p{i}", name: "p", kind: Town, hex: ({}, {}), owner: "{owner}", walls: 1, stores_sheng: 1000, water: true, levy_men: 1000),"#,
            i % 100,
            i / 100
        );
    }
    let mut armies = String::new();
    for i in 0..MAX_ARMIES {
        let side = if i < MAX_ARMIES / 2 { "song" } else { "xia" };
        armies += &format!(
            r#"(id: "a{i}", name: "a", side: "{side}", commander: "c", hex: ({}, {}), men: (foot: 10000)),"#,
            i % 100,
            i / 100 + if side == "song" { 0 } else { 28 }
        );
    }
    let t = format!(
        r#"Scenario(id: "many", title: "Many", start: "1081-06-01", end: "1081-06-20", briefing: "",
    sides: [(id: "song", name: "Song"), (id: "xia", name: "Xia")], wars: [("song", "xia")], turn_order: ["song", "xia"],
    map: (hex_m: 5000, legend: {{'l': "loess-hills"}}, rows: [{}]),
    places: [{places}], armies: [{armies}],
    victory: [(side: "song", condition: Inflict(men: 1000000))])"#,
        rows.iter()
            .map(|r| format!("\"{r}\""))
            .collect::<Vec<_>>()
            .join(",")
    );
    let setup = load_str("many.ron", &t).unwrap_or_else(|e| panic!("{e}"));
    let mut g = Game::new(setup, 1);
    for _ in 0..2 {
        g.end_turn();
    }
    let (start, now, losses) = g.side_totals(g.side_id("song").unwrap());
    assert_eq!(start, 10_000_000);
    assert_eq!(start, now + losses.total());
}

/// Each hostile number the fuzzing found, now refused at its field.
#[test]
fn numbers_past_their_limits_are_refused_at_the_field() {
    let ok_place = r#"(id: "city", name: "City", kind: Fort, hex: (2, 1), owner: "song", walls: 2, water: true),"#;
    let ok_army =
        r#"(id: "a", name: "A", side: "song", commander: "A", hex: (3, 1), men: (foot: 100)),"#;
    let ok_victory = r#"(side: "song", condition: Inflict(men: 10)),"#;
    let cases = [
        (
            text(
                "1081-06-01",
                "1081-07-01",
                1,
                &ok_place.replace("water: true", "water: true, levy_men: 100000000"),
                ok_army,
                ok_victory,
            ),
            "levy_men 100000000",
        ),
        (
            text(
                "1081-06-01",
                "1081-07-01",
                1,
                &ok_place.replace("water: true", "water: true, levy_men: 4294967295"),
                ok_army,
                ok_victory,
            ),
            "levy_men 4294967295",
        ),
        (
            text(
                "1081-06-01",
                "1081-07-01",
                1,
                ok_place,
                ok_army,
                r#"(side: "song", condition: Inflict(men: 10), points: 4294967295),"#,
            ),
            "4294967295 points",
        ),
        (
            text(
                "2147483647-06-01",
                "2147483647-07-01",
                1,
                ok_place,
                ok_army,
                ok_victory,
            ),
            "not 1-9999",
        ),
        (
            text(
                "1081-06-01",
                "1081-07-01",
                1,
                ok_place,
                &ok_army.replace("foot: 100", "foot: 4294967295, crossbow: 4294967295"),
                ok_victory,
            ),
            "at most 1000000 in one counter",
        ),
    ];
    for (t, words) in cases {
        let e = load_str("hostile.ron", &t).expect_err(words).to_string();
        assert!(e.contains(words), "expected `{words}` in: {e}");
        assert!(e.starts_with("hostile.ron:"), "located: {e}");
    }
    // More armies or sides than a scenario may have: refused before anything else is built.
    let many: String = (0..=MAX_ARMIES)
        .map(|i| ok_army.replace("id: \"a\"", &format!("id: \"a{i}\"")))
        .collect();
    let e = load_str(
        "many.ron",
        &text("1081-06-01", "1081-07-01", 1, ok_place, &many, ok_victory),
    )
    .expect_err("too many armies")
    .to_string();
    assert!(e.contains("at most 2000 in a scenario"), "{e}");
    let sides: String = (0..=MAX_SIDES)
        .map(|i| format!(r#"(id: "s{i}", name: "S"),"#))
        .collect();
    let t = text("1081-06-01", "1081-07-01", 1, ok_place, ok_army, ok_victory).replace(
        r#"(id: "song", name: "Song"), (id: "xia", name: "Xia")"#,
        &format!(r#"(id: "song", name: "Song"), (id: "xia", name: "Xia"), {sides}"#),
    );
    let e = load_str("sides.ron", &t)
        .expect_err("too many sides")
        .to_string();
    assert!(e.contains("at most 16 in a scenario"), "{e}");
}

#[test]
fn twenty_million_men_report_their_totals_exactly() {
    // 4,300 armies of a million men used to report 5,032,704 men at the start: now there can
    // be no more than twenty million, and their sum is exact.
    let s = common::scenario(
        "1081-06-01",
        &["llllllll"; 3],
        "",
        &(0..20)
            .map(|i| {
                common::army(
                    &format!("a{i}"),
                    if i < 10 { "song" } else { "xia" },
                    i % 8,
                    if i < 10 { 0 } else { 2 },
                    "foot: 1000000",
                    "",
                )
            })
            .collect::<String>(),
        "",
    );
    let g = Game::new(s, 1);
    assert_eq!(g.side_totals(g.side_id("song").unwrap()).0, 10_000_000);
    assert_eq!(g.side_totals(g.side_id("xia").unwrap()).0, 10_000_000);
}

/// Maps past their caps (#19) are refused at the map's field, before a hex is built: a
/// hand-drawn map wider than 2,000 columns or of more than 400,000 hexes, and a region at a
/// hex size that would give more than 400,000.
#[test]
fn maps_past_their_caps_are_refused_at_the_map() {
    let small = include_str!("../../../tests/fixtures/small.ron");
    let rows_at = small.find("rows: [").unwrap();
    let rows_end = rows_at + small[rows_at..].find(']').unwrap() + 1;
    let with_rows = |width: usize, height: usize| {
        let row = format!("\"{}\",", "l".repeat(width));
        let rows: Vec<&str> = std::iter::repeat_n(row.as_str(), height).collect();
        format!(
            "{}rows: [{}]{}",
            &small[..rows_at],
            rows.join(""),
            &small[rows_end..]
        )
    };
    for (w, h, what) in [(2001, 3, "2001×3"), (1000, 401, "1000×401")] {
        let t = with_rows(w, h);
        let e = load_str("big.ron", &t).expect_err(what).to_string();
        assert!(
            e.contains("hand-drawn map") && e.contains(what),
            "{what}: {e}"
        );
        let line = small[..rows_at].lines().count();
        assert!(
            e.contains(&format!("big.ron:{line}:")),
            "{what}: located at the rows: {e}"
        );
    }
    // The whole frontier at 200 m a hex: far more than 400,000 hexes.
    let region = small[..rows_at].replace(
        "hex_m: 5000,",
        "hex_m: 200,\n        region: Some((geography: \"ordos\", south: 35.0, west: 100.0, north: 41.5, east: 111.5)),",
    );
    let after_rows = small[rows_end..].trim_start_matches(',');
    let t = format!("{region}{after_rows}").replace(
        "legend: {'l': \"loess-hills\", 'v': \"river-valley\", 'Y': \"yellow-river\"},",
        "",
    );
    let e = load_str("region.ron", &t)
        .expect_err("too many hexes")
        .to_string();
    assert!(e.contains("400,000"), "{e}");
}
