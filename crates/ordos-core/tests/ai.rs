//! The AI: plays every scenario to the end, replays exactly, sees only what its side sees,
//! keeps its armies fed and watered, lifts a siege before it starves, lies in ambush, and does
//! better than the greedy baseline.

mod common;

use common::{army, game, remake, scenario};
use ordos_core::Game;
use ordos_core::load::load_path;
use ordos_core::load::scenario::{Condition, StandingOrder, StartState, VictoryDef};
use ordos_core::model::state::{ArmyState, SideId};
use ordos_core::order::Order;
use ordos_core::play::ai::Level;
use ordos_core::play::controller::Controller;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::sim::{play, summarize};
use std::path::Path;

const SCENARIOS: [&str; 3] = ["haoshuichuan-1041", "yongle-1082", "lanzhou-1084"];

fn shipped(id: &str) -> std::sync::Arc<ordos_core::Setup> {
    load_path(&Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../scenarios/{id}.ron")))
        .unwrap()
}

fn ai(level: Level) -> ControllerKind {
    ControllerKind::Ai(level)
}

/// Plays a shipped scenario to the end with `song` and `xia`.
fn run(id: &str, seed: u64, song: ControllerKind, xia: ControllerKind) -> Game {
    let s = shipped(id);
    let mut g = Game::new(s, seed);
    let kinds: Vec<ControllerKind> = g
        .scenario()
        .sides
        .iter()
        .map(|s| if s.id == "song" { song } else { xia })
        .collect();
    let mut c: Vec<Box<dyn Controller>> = kinds.into_iter().map(make).collect();
    play(&mut g, &mut c);
    g
}

fn side(g: &Game, name: &str) -> SideId {
    g.side_id(name).unwrap()
}

/// Men a side lost to hunger and thirst.
fn starved(g: &Game, name: &str) -> u32 {
    let l = g.side_totals(side(g, name)).2;
    l.hunger + l.thirst
}

/// A side's points less its enemy's: how well it did, in any scenario, whoever is favoured.
fn margin(g: &Game, name: &str) -> i64 {
    let s = summarize(g);
    let me = i64::from(s.sides[name].points);
    let them: i64 = s
        .sides
        .iter()
        .filter(|(k, _)| k.as_str() != name)
        .map(|(_, v)| i64::from(v.points))
        .sum();
    me - them
}

#[test]
fn the_ai_plays_every_scenario_to_the_end_and_replays_exactly() {
    for id in SCENARIOS {
        for level in [Level::Easy, Level::Normal] {
            let a = run(id, 5, ai(level), ai(level));
            let b = run(id, 5, ai(level), ai(level));
            assert!(a.is_over(), "{id} {level:?} did not end");
            assert_eq!(a.state_hash(), b.state_hash(), "{id} {level:?}");
            assert_eq!(a.log(), b.log());
        }
    }
}

#[test]
fn the_ai_sees_only_what_its_side_sees() {
    // At Haoshuichuan the Tangut wings lie hidden. Wherever they lie, the Song AI gives the
    // same orders: it cannot know.
    let orders = |shift: i32| {
        let mut moved = 0;
        let setup = remake(&shipped("haoshuichuan-1041"), |sc| {
            for a in sc.armies.iter_mut() {
                if a.state == StartState::Hidden {
                    a.hex.row = (a.hex.row + shift).clamp(0, 27);
                    a.hex.col = (a.hex.col - shift).clamp(0, 27);
                    moved += 1;
                }
            }
        });
        let g = Game::new(setup, 3);
        assert!(moved >= 2, "the scenario hides the Tangut wings");
        let song = g.side_id("song").unwrap();
        let mut out = Vec::new();
        for level in [Level::Easy, Level::Normal] {
            out.push(make(ai(level)).orders(&g, song));
        }
        out
    };
    let here = orders(0);
    assert!(here.iter().any(|o| !o.is_empty()), "the Song AI acts");
    assert_eq!(here, orders(3));
    assert_eq!(here, orders(-2));
}

#[test]
fn the_supply_zone_is_where_supply_source_finds_stores() {
    for id in SCENARIOS {
        // The zone is as a side sees it; so that the test sees everything, no army hides.
        let open = remake(&shipped(id), |sc| {
            for a in sc.armies.iter_mut() {
                if a.state == StartState::Hidden {
                    a.state = StartState::Encamped;
                }
            }
            sc.historical.retain(|h| h.order != StandingOrder::Hide);
        });
        let mut g = Game::new(open, 1);
        let mut c = vec![
            make(ControllerKind::Historical),
            make(ControllerKind::Historical),
        ];
        let mut record = ordos_core::play::replay::Replay::new(g.setup(), 1);
        for turn in 0..6 {
            if turn > 0 {
                ordos_core::play::sim::play_turn(&mut g, &mut c, &mut record);
            }
            let seen = &g;
            assert!(
                seen.state()
                    .armies
                    .iter()
                    .all(|a| a.state != ArmyState::Hidden)
            );
            for s in 0..seen.scenario().sides.len() {
                let side = SideId(s as u8);
                let Some(probe) = seen
                    .state()
                    .armies
                    .iter()
                    .find(|a| a.side == side && a.is_active())
                else {
                    continue;
                };
                let zone = seen.supply_zone(side);
                for (i, in_zone) in zone.iter().enumerate() {
                    let mut p = probe.clone();
                    p.hex = seen.map().hex_at(i);
                    let finds = seen
                        .supply_source(&p)
                        .is_some_and(|pl| seen.place(pl).stores_ge > 0);
                    assert_eq!(*in_zone, finds, "{id} turn {turn} side {s} at {:?}", p.hex);
                }
            }
        }
    }
}

#[test]
fn the_ai_lifts_a_siege_before_its_army_starves() {
    // Lanzhou 1084: the commanders of the accounts stayed until the grain was gone, and their
    // men starved on the way home; the AI goes back for grain while it can.
    let (mut ai_starved, mut hist_starved, mut sieges) = (0, 0, 0);
    for seed in 1..=8 {
        let g = run(
            "lanzhou-1084",
            seed,
            ControllerKind::Historical,
            ai(Level::Normal),
        );
        ai_starved += starved(&g, "xia");
        sieges += g
            .log()
            .iter()
            .filter(|(_, _, e)| matches!(e, ordos_core::model::event::Event::SiegeBegun { .. }))
            .count();
        let h = run(
            "lanzhou-1084",
            seed,
            ControllerKind::Historical,
            ControllerKind::Historical,
        );
        hist_starved += starved(&h, "xia");
    }
    assert!(sieges >= 8, "the AI besieges Lanzhou ({sieges} sieges)");
    assert!(hist_starved > 0, "the historical Tanguts went hungry");
    assert!(
        ai_starved < hist_starved / 4,
        "AI {ai_starved} vs history {hist_starved}"
    );
}

#[test]
fn the_ai_loses_fewer_men_to_hunger_and_thirst_than_the_commanders_of_the_accounts() {
    // Where the accounts show armies starving or dying of thirst: the Song at Yongle and
    // Haoshuichuan, the Tanguts at Lanzhou.
    for (id, name) in [
        ("yongle-1082", "song"),
        ("haoshuichuan-1041", "song"),
        ("lanzhou-1084", "xia"),
    ] {
        let (mut by_ai, mut by_history) = (0, 0);
        for seed in 1..=6 {
            let h = ControllerKind::Historical;
            let (song, xia) = if name == "song" {
                (ai(Level::Normal), h)
            } else {
                (h, ai(Level::Normal))
            };
            by_ai += starved(&run(id, seed, song, xia), name);
            by_history += starved(&run(id, seed, h, h), name);
        }
        assert!(
            by_ai < by_history,
            "{id} {name}: AI {by_ai} vs history {by_history}"
        );
    }
}

#[test]
fn the_ai_does_better_than_the_greedy_baseline_in_every_scenario() {
    // Against a greedy opponent, the AI in a seat ends with a better points margin than a
    // greedy player in that seat would (same seed), over both seats of each scenario, more
    // often than it ends worse. (Per seat it is not always so: at Yongle the Song AI saves its
    // men and gives up the waterless fort, while greedy Song armies hold on and let a greedy
    // Tangut host starve itself past the 30,000 losses that score a point. The note on the
    // issue gives the table.)
    for id in SCENARIOS {
        let (mut better_all, mut worse_all) = (0, 0);
        for me in ["song", "xia"] {
            let (mut better, mut worse) = (0, 0);
            for seed in 1..=10 {
                let g = ControllerKind::Greedy;
                let (song, xia) = if me == "song" {
                    (ai(Level::Normal), g)
                } else {
                    (g, ai(Level::Normal))
                };
                let with_ai = margin(&run(id, seed, song, xia), me);
                let with_greedy = margin(&run(id, seed, g, g), me);
                if with_ai > with_greedy {
                    better += 1;
                } else if with_ai < with_greedy {
                    worse += 1;
                }
            }
            eprintln!("{id} as {me}: better {better}, worse {worse}");
            better_all += better;
            worse_all += worse;
        }
        assert!(
            better_all > worse_all,
            "{id}: better {better_all}, worse {worse_all}"
        );
    }
}

/// A small war: a Xia band in a wooded valley, a large Song army marching on it over steppe.
fn ambush_ground() -> Game {
    let armies = [
        army("song-army", "song", 7, 2, "foot: 20000", ""),
        army("xia-band", "xia", 3, 2, "light_horse: 5000", ""),
    ]
    .concat();
    game(scenario(
        "1041-05-01",
        &[
            "vvvvvvvvvv",
            "vvfffsssss",
            "vvfffsssss",
            "vvfffsssss",
            "vvvvvvvvvv",
        ],
        r#"(id: "xia-town", name: "Xia town", kind: Fort, hex: (0, 2), owner: "xia", walls: 2, stores_sheng: 500000, water: true),
           (id: "song-town", name: "Song town", kind: Fort, hex: (9, 2), owner: "song", walls: 2, stores_sheng: 500000, water: true),"#,
        &armies,
        "",
    ))
}

#[test]
fn an_outmatched_ai_lies_in_ambush_in_broken_country_and_easy_does_not() {
    let g = ambush_ground();
    let xia = g.side_id("xia").unwrap();
    let band = g.army_id("xia-band").unwrap();
    let normal = make(ai(Level::Normal)).orders(&g, xia);
    assert!(
        normal.contains(&Order::Hide { army: band }),
        "normal: {normal:?}"
    );
    let easy = make(ai(Level::Easy)).orders(&g, xia);
    assert!(
        !easy.contains(&Order::Hide { army: band }),
        "easy: {easy:?}"
    );
}

#[test]
fn the_ai_will_not_march_into_the_desert_without_water_and_easy_will() {
    // A Song army told to take a Xia fort across four days of waterless desert.
    let armies = army("song-army", "song", 1, 1, "foot: 10000", "");
    let s = scenario(
        "1041-05-01",
        &["vdddddddddddv", "vdddddddddddv", "vdddddddddddv"],
        r#"(id: "song-town", name: "Song town", kind: Fort, hex: (0, 1), owner: "song", walls: 2, stores_sheng: 500000, water: true),
           (id: "xia-fort", name: "Xia fort", kind: Fort, hex: (12, 1), owner: "xia", walls: 1, stores_sheng: 1000, water: true),"#,
        &armies,
        "",
    );
    let s = remake(&s, |s| {
        s.victory.push(VictoryDef {
            side: "song".into(),
            condition: Condition::Take {
                place: "xia-fort".into(),
                by: None,
            },
            points: 3,
            decisive: true,
            text: String::new(),
        })
    });
    let g = game(s);
    let song = g.side_id("song").unwrap();
    let marches = |level| {
        make(ai(level))
            .orders(&g, song)
            .iter()
            .any(|o| matches!(o, Order::Move { .. }))
    };
    assert!(!marches(Level::Normal));
    assert!(marches(Level::Easy));
}

#[test]
fn the_ai_parses_by_name_and_a_wrong_name_lists_the_choices() {
    assert_eq!("ai".parse::<ControllerKind>(), Ok(ai(Level::Normal)));
    assert_eq!("ai-easy".parse::<ControllerKind>(), Ok(ai(Level::Easy)));
    assert_eq!(
        "greedy".parse::<ControllerKind>(),
        Ok(ControllerKind::Greedy)
    );
    let e = "smart".parse::<ControllerKind>().unwrap_err();
    assert!(e.contains("ai-easy") && e.contains("historical"), "{e}");
}

#[test]
fn the_levels_are_felt_normal_does_better_than_easy() {
    // Against the same Normal opponent, a Normal AI ends Haoshuichuan with a better points
    // margin than an Easy one, in either seat; and an Easy Tangut host at Yongle, careless of
    // its grain, loses more men to hunger and thirst. (Over ten games: the margins are a point
    // or two a game, and since commanders can fall in battle six games left the Song seats
    // level, 4 to 4.)
    let n = ai(Level::Normal);
    let e = ai(Level::Easy);
    let total = |song: ControllerKind, xia: ControllerKind, me: &str| -> i64 {
        (1..=10)
            .map(|seed| margin(&run("haoshuichuan-1041", seed, song, xia), me))
            .sum()
    };
    let (song_n, song_e) = (total(n, n, "song"), total(e, n, "song"));
    assert!(song_n > song_e, "as Song: normal {song_n}, easy {song_e}");
    let (xia_n, xia_e) = (total(n, n, "xia"), total(n, e, "xia"));
    assert!(xia_n > xia_e, "as Xia: normal {xia_n}, easy {xia_e}");
    let starved_by = |xia| -> u32 {
        (1..=4)
            .map(|seed| starved(&run("yongle-1082", seed, n, xia), "xia"))
            .sum()
    };
    let (yn, ye) = (starved_by(n), starved_by(e));
    assert!(
        ye > yn,
        "Yongle, Tangut hunger and thirst: easy {ye}, normal {yn}"
    );
}
