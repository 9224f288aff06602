//! One behaviour each, each on the smallest scenario that shows it.

mod common;
use common::{army, game, remake, scenario};
use ordos_core::hex::Hex;
use ordos_core::model::event::{BattleResult, Event};
use ordos_core::model::state::{ArmyId, ArmyState, PlaceId, SideId};
use ordos_core::{Order, OrderError};

const SONG: SideId = SideId(0);
const XIA: SideId = SideId(1);
const A0: ArmyId = ArmyId(0);
const A1: ArmyId = ArmyId(1);

fn open_rows() -> Vec<&'static str> {
    vec!["ssssssssss"; 8]
}

#[test]
fn army_without_water_loses_men_faster_than_without_food() {
    // Two armies in the desert: one with water (a spring) and no food, one with food and no water.
    let s = scenario(
        "1082-06-01",
        &["dddddddddd"; 8],
        "",
        &(army("hungry", "song", 1, 1, "foot: 10000", "rations: Days(0)")
            + &army("thirsty", "song", 7, 6, "foot: 10000", "")),
        "springs: [(1, 1)],",
    );
    let mut g = game(s);
    for _ in 0..8 {
        g.end_turn();
    }
    let (hungry, thirsty) = (g.army(A0), g.army(A1));
    assert!(hungry.losses.hunger > 0, "the hungry army starves");
    assert!(
        thirsty.losses.thirst > 3 * hungry.losses.hunger,
        "thirst {} vs hunger {}",
        thirsty.losses.thirst,
        hungry.losses.hunger
    );
}

#[test]
fn yellow_river_is_a_barrier_except_at_fords_and_when_frozen() {
    let rows = ["ssYss", "ssYss", "ssYss"];
    let armies = army("a", "song", 1, 0, "foot: 1000", "");
    let s = scenario("1082-06-01", &rows, "", &armies, "fords: [(2, 2)],");
    let g = game(s.clone());
    let e = g.check(
        SONG,
        &Order::Move {
            army: A0,
            path: vec![Hex::new(2, 0)],
            forced: false,
        },
    );
    assert_eq!(
        e,
        Err(OrderError::RiverBarrier {
            hex: Hex::new(2, 0)
        })
    );
    // At the ford it can cross.
    let s2 = scenario(
        "1082-06-01",
        &rows,
        "",
        &army("a", "song", 1, 2, "foot: 1000", ""),
        "fords: [(2, 2)],",
    );
    assert!(
        game(s2)
            .check(
                SONG,
                &Order::Move {
                    army: A0,
                    path: vec![Hex::new(2, 2), Hex::new(3, 2)],
                    forced: false
                }
            )
            .is_ok()
    );
    // In deep winter the river is frozen and can be crossed anywhere.
    let s3 = scenario("1082-01-10", &rows, "", &armies, "fords: [(2, 2)],");
    assert!(
        game(s3)
            .check(
                SONG,
                &Order::Move {
                    army: A0,
                    path: vec![Hex::new(2, 0), Hex::new(3, 0)],
                    forced: false
                }
            )
            .is_ok()
    );
}

#[test]
fn a_march_must_stop_in_an_enemy_zone_of_control() {
    let armies =
        army("a", "song", 0, 3, "foot: 1000", "") + &army("x", "xia", 3, 2, "foot: 1000", "");
    let g = game(scenario("1082-06-01", &open_rows(), "", &armies, ""));
    let path = vec![
        Hex::new(1, 3),
        Hex::new(2, 3),
        Hex::new(3, 3),
        Hex::new(4, 3),
    ];
    assert_eq!(
        g.check(
            SONG,
            &Order::Move {
                army: A0,
                path,
                forced: false
            }
        ),
        Err(OrderError::ZoneOfControl {
            hex: Hex::new(2, 3)
        })
    );
    assert!(
        g.check(
            SONG,
            &Order::Move {
                army: A0,
                path: vec![Hex::new(1, 3), Hex::new(2, 3)],
                forced: false
            }
        )
        .is_ok()
    );
}

#[test]
fn forced_march_goes_further_but_leaves_stragglers() {
    let g = game(scenario(
        "1082-06-01",
        &open_rows(),
        "",
        &army("a", "song", 0, 0, "foot: 10000", ""),
        "",
    ));
    let a = g.army(A0);
    assert!(g.allowance_li(a, true) > 2 * g.allowance_li(a, false) - 1);
    let far: Vec<Hex> = (1..=8).map(|c| Hex::new(c, 0)).collect();
    assert!(matches!(
        g.check(
            SONG,
            &Order::Move {
                army: A0,
                path: far.clone(),
                forced: false
            }
        ),
        Err(OrderError::TooFar { .. })
    ));
    let mut g2 = g.clone();
    g2.submit(
        SONG,
        &Order::Move {
            army: A0,
            path: far,
            forced: true,
        },
    )
    .unwrap();
    assert!(g2.army(A0).losses.deserted > 0, "stragglers");
    assert!(g2.army(A0).fatigue >= 30);
}

#[test]
fn hidden_army_springs_an_ambush_with_surprise() {
    // Haoshuichuan 1041: a column marching past hidden troops is attacked with surprise.
    let rows = ["llllllllll"; 6];
    let armies = army("column", "song", 0, 2, "foot: 10000", "")
        + &army("ambush", "xia", 4, 1, "light_horse: 10000", "state: Hidden");
    let mut g = game(scenario("1082-06-01", &rows, "", &armies, ""));
    let path: Vec<Hex> = (1..=5).map(|c| Hex::new(c, 2)).collect();
    let events = g
        .submit(
            SONG,
            &Order::Move {
                army: A0,
                path,
                forced: true,
            },
        )
        .unwrap();
    assert!(events.iter().any(|e| matches!(e, Event::Ambushed { .. })));
    let battle = events.iter().find_map(|e| match e {
        Event::Battle {
            factors, attacker, ..
        } => Some((factors.surprise, *attacker)),
        _ => None,
    });
    assert_eq!(battle, Some((true, A1)));
    assert!(g.army(A0).hex.col < 5, "the column was stopped");
}

#[test]
fn hiding_needs_cover_and_no_enemy_in_sight() {
    let armies =
        army("a", "song", 0, 0, "foot: 1000", "") + &army("x", "xia", 5, 5, "foot: 1000", "");
    let g = game(scenario("1082-06-01", &open_rows(), "", &armies, ""));
    assert!(matches!(
        g.check(SONG, &Order::Hide { army: A0 }),
        Err(OrderError::NoCover { .. })
    ));
    let armies =
        army("a", "song", 0, 0, "foot: 1000", "") + &army("x", "xia", 1, 0, "foot: 1000", "");
    let g = game(scenario("1082-06-01", &["llll"; 3], "", &armies, ""));
    assert_eq!(
        g.check(SONG, &Order::Hide { army: A0 }),
        Err(OrderError::EnemyInSight)
    );
}

#[test]
fn the_battle_fought_is_one_of_the_odds_previewed() {
    let armies = army("a", "song", 2, 2, "foot: 10000, crossbow: 5000", "")
        + &army("x", "xia", 3, 2, "foot: 8000", "");
    let mut g = game(scenario("1082-06-01", &open_rows(), "", &armies, ""));
    let odds = g.odds(A0, A1, false);
    let events = g
        .submit(
            SONG,
            &Order::Attack {
                army: A0,
                target: A1,
            },
        )
        .unwrap();
    let (die, al, dl, result) = events
        .iter()
        .find_map(|e| match e {
            Event::Battle {
                die,
                attacker_losses,
                defender_losses,
                result,
                ..
            } => Some((
                *die,
                attacker_losses.total(),
                defender_losses.total(),
                *result,
            )),
            _ => None,
        })
        .unwrap();
    let f = odds.faces[die as usize];
    assert_eq!(
        (f.attacker_loss, f.defender_loss, f.result),
        (al, dl, result)
    );
}

#[test]
fn an_attack_from_the_rear_and_several_sides_is_stronger() {
    let base =
        army("a", "song", 2, 2, "foot: 10000", "") + &army("x", "xia", 3, 2, "foot: 10000", "");
    let g = game(scenario("1082-06-01", &open_rows(), "", &base, ""));
    let front = g.odds(A0, A1, false).attacker_strength;
    let more = base + &army("b", "song", 4, 2, "foot: 1000", "");
    let g = game(scenario("1082-06-01", &open_rows(), "", &more, ""));
    assert!(g.odds(A0, A1, false).attacker_strength > front);
    assert_eq!(g.odds(A0, A1, false).factors.flank_directions, 1);
}

#[test]
fn an_army_caught_fording_fights_at_a_disadvantage() {
    // Yongle 1082: Xu Xi would not attack the enemy while they forded the river. Fording is
    // the crossing: the Xia army marches into the stream this turn and is caught there; the
    // same army camped by the stream is not.
    let rows = ["ss~ss"; 3];
    let armies =
        army("a", "song", 1, 1, "foot: 10000", "") + &army("x", "xia", 3, 1, "foot: 10000", "");
    let mut crossing = game(scenario("1082-06-01", &rows, "", &armies, ""));
    let xia = crossing.army(A1).side;
    crossing
        .submit(
            xia,
            &Order::Move {
                army: A1,
                path: vec![Hex::new(2, 1)],
                forced: false,
            },
        )
        .unwrap();
    let caught = crossing.odds(A0, A1, false);
    assert!(caught.factors.defender_fording);
    let camped = game(scenario(
        "1082-06-01",
        &rows,
        "",
        &armies.replace("(3, 1)", "(2, 1)"),
        "",
    ));
    let o = camped.odds(A0, A1, false);
    assert!(
        !o.factors.defender_fording,
        "camped by the stream, not fording"
    );
    assert!(caught.defender_strength < o.defender_strength);
}

#[test]
fn heavy_horse_avoid_battle_in_rain_or_snow() {
    let armies = army("x", "xia", 2, 2, "heavy_horse: 5000", "")
        + &army("a", "song", 3, 2, "foot: 10000", "");
    let dry = scenario("1082-06-01", &open_rows(), "", &armies, "");
    let wet = remake(&dry, |s| {
        s.schedule.push(ordos_core::load::scenario::Scheduled {
            date: "1082-06-01".parse().unwrap(),
            event: ordos_core::load::scenario::ScheduledEvent::Weather(
                ordos_core::load::scenario::Weather::Rain,
            ),
        })
    });
    let g_dry = game(dry);
    let mut g_wet = game(wet);
    g_wet.end_turn();
    let mut g_dry2 = g_dry.clone();
    g_dry2.end_turn();
    if g_dry2.state().weather == ordos_core::load::scenario::Weather::Clear {
        assert!(
            g_wet.odds(A0, A1, false).attacker_strength * 2
                < g_dry2.odds(A0, A1, false).attacker_strength
        );
    }
    assert_eq!(
        g_wet.state().weather,
        ordos_core::load::scenario::Weather::Rain
    );
}

#[test]
fn besieger_out_of_supplies_lifts_the_siege() {
    // Lanzhou 1084: after ten days the Tangut army ran out of supplies and had to retreat.
    let places = r#"(id: "lanzhou", name: "Lanzhou", kind: WalledCity, hex: (5, 3), owner: "song", walls: 3, stores_sheng: 1000000, water: true),"#;
    let armies = army("garrison", "song", 5, 3, "foot: 5000", "")
        + &army(
            "besieger",
            "xia",
            4,
            3,
            "foot: 50000",
            "rations: Days(8), pack_days: Some(10)",
        );
    let mut g = game(scenario(
        "1084-01-20",
        &["dddddddddd"; 8],
        places,
        &armies,
        "springs: [(4, 3)],",
    ));
    g.submit(
        XIA,
        &Order::Besiege {
            army: A1,
            place: PlaceId(0),
        },
    )
    .unwrap();
    let mut lifted_on = None;
    for day in 1..=20 {
        g.end_turn();
        if g.army(A1).besieging.is_none() {
            lifted_on = Some(day);
            break;
        }
    }
    let day = lifted_on.unwrap_or_else(|| panic!("not lifted: {:?}", g.army(A1)));
    assert!((9..=12).contains(&day), "lifted after {day} days");
    assert!(g.log().iter().any(
        |(_, _, e)| matches!(e, Event::SiegeLifted { reason, .. } if reason == "out of supplies")
    ));
}

#[test]
fn a_besieged_fort_without_water_falls_to_thirst() {
    // Yongle 1082: a hilltop fort without springs.
    let places = r#"(id: "yongle", name: "Yongle", kind: Fort, hex: (5, 3), owner: "song", walls: 2, stores_sheng: 1000000, water: false, cistern_days: 3),"#;
    let armies = army("garrison", "song", 5, 3, "foot: 5000", "")
        + &army("besieger", "xia", 4, 3, "foot: 50000", "");
    let mut g = game(scenario(
        "1082-09-20",
        &["vvvvvvvvvv"; 8],
        places,
        &armies,
        "",
    ));
    g.submit(
        XIA,
        &Order::Besiege {
            army: A1,
            place: PlaceId(0),
        },
    )
    .unwrap();
    for _ in 0..12 {
        g.end_turn();
    }
    assert_eq!(g.state().places[0].owner, Some(XIA));
    assert!(g.army(A0).losses.thirst > 0);
    assert_eq!(g.army(A0).state, ArmyState::Destroyed);
}

#[test]
fn marching_into_an_undefended_city_takes_its_stores() {
    // Yinzhou 985: Li Jiqian captured the city and large amounts of supply with it.
    let places = r#"(id: "yinzhou", name: "Yinzhou", kind: WalledCity, hex: (2, 2), owner: "song", walls: 2, stores_sheng: 500000, water: true),"#;
    let mut g = game(scenario(
        "1082-06-01",
        &open_rows(),
        places,
        &army("jiqian", "xia", 1, 2, "light_horse: 3000", ""),
        "",
    ));
    let events = g
        .submit(
            XIA,
            &Order::Move {
                army: A0,
                path: vec![Hex::new(2, 2)],
                forced: false,
            },
        )
        .unwrap();
    assert!(events.iter().any(|e| matches!(
        e,
        Event::PlaceCaptured {
            stores_ge: 5_000_000,
            ..
        }
    )));
    assert_eq!(g.state().places[0].owner, Some(XIA));
}

#[test]
fn walls_without_engines_make_an_assault_hopeless() {
    let places = r#"(id: "city", name: "City", kind: WalledCity, hex: (3, 2), owner: "song", walls: 3, stores_sheng: 100000, water: true),"#;
    let armies = army("garrison", "song", 3, 2, "foot: 5000", "")
        + &army("x", "xia", 2, 2, "foot: 20000", "");
    let g = game(scenario("1082-06-01", &open_rows(), places, &armies, ""));
    let odds = g.odds(A1, A0, false);
    assert_eq!(odds.factors.walls, 3);
    assert_eq!(odds.win_pct, 0);
    let with_engines = armies.replace("foot: 20000, ", "").replace(
        "men: (foot: 20000)",
        "men: (foot: 20000), siege_engines: 40",
    );
    let g2 = game(scenario(
        "1082-06-01",
        &open_rows(),
        places,
        &with_engines,
        "",
    ));
    assert!(g2.odds(A1, A0, false).defender_strength < odds.defender_strength);
}

#[test]
fn illegal_orders_are_refused_with_a_reason() {
    let armies =
        army("a", "song", 0, 0, "foot: 1000", "") + &army("x", "xia", 5, 5, "foot: 1000", "");
    let g = game(scenario("1082-06-01", &open_rows(), "", &armies, ""));
    assert_eq!(
        g.check(
            SONG,
            &Order::Attack {
                army: A0,
                target: A1
            }
        ),
        Err(OrderError::NotAdjacent)
    );
    assert_eq!(
        g.check(XIA, &Order::Hold { army: A0 }),
        Err(OrderError::NotYourArmy { side: SONG })
    );
    assert_eq!(
        g.check(
            SONG,
            &Order::Move {
                army: A0,
                path: vec![Hex::new(3, 3)],
                forced: false
            }
        ),
        Err(OrderError::NotContiguous {
            from: Hex::new(0, 0),
            to: Hex::new(3, 3)
        })
    );
    assert_eq!(
        g.check(
            SONG,
            &Order::Move {
                army: A0,
                path: vec![],
                forced: false
            }
        ),
        Err(OrderError::EmptyPath)
    );
    assert_eq!(
        g.check(
            SONG,
            &Order::Move {
                army: A0,
                path: vec![Hex::new(-1, 0)],
                forced: false
            }
        ),
        Err(OrderError::OffMap {
            hex: Hex::new(-1, 0)
        })
    );
    assert_eq!(
        g.check(
            SONG,
            &Order::Besiege {
                army: A0,
                place: PlaceId(3)
            }
        ),
        Err(OrderError::NoSuchPlace(PlaceId(3)))
    );
    assert_eq!(
        g.check(SONG, &Order::Hold { army: ArmyId(9) }),
        Err(OrderError::NoSuchArmy(ArmyId(9)))
    );
    assert_eq!(
        g.check(SONG, &Order::LiftSiege { army: A0 }),
        Err(OrderError::NotBesieging)
    );
}

#[test]
fn a_routed_army_that_cannot_flee_surrenders() {
    // The trapped army is walled in by the river: when it routs it has nowhere to go.
    let rows = ["YYYYY", "YssYY", "YYYYY"];
    let s = scenario(
        "1082-06-01",
        &rows,
        "",
        &(army("trapped", "song", 2, 1, "foot: 1000", "morale: 10")
            + &army("x", "xia", 1, 1, "heavy_horse: 20000", "")),
        "",
    );
    let mut g = game(s);
    g.end_turn(); // Xia moves second; attack on its turn
    let events = g
        .submit(
            XIA,
            &Order::Attack {
                army: A1,
                target: A0,
            },
        )
        .unwrap();
    let routed = events.iter().any(|e| {
        matches!(
            e,
            Event::Battle {
                result: BattleResult::DefenderRouted,
                ..
            }
        )
    });
    if routed {
        assert!(
            events
                .iter()
                .any(|e| matches!(e, Event::Surrendered { .. }))
        );
        assert_eq!(g.army(A0).state, ArmyState::Destroyed);
    }
}
