//! The supply and attrition rules of the accounts, one behaviour each.

mod common;
use common::{army, game, remake, scenario};
use ordos_core::hex::Hex;
use ordos_core::model::event::Event;
use ordos_core::model::state::{ArmyId, ArmyState, PlaceId, SideId};
use ordos_core::{Order, OrderError};

const SONG: SideId = SideId(0);
const XIA: SideId = SideId(1);
const A0: ArmyId = ArmyId(0);
const A1: ArmyId = ArmyId(1);

#[test]
fn foraging_strips_a_hex_and_desert_gives_nothing() {
    // Autumn farmland feeds an army; foraging it day after day strips it.
    let s = scenario(
        "1081-10-01",
        &["vvvvv", "vvvvv", "ddddd"],
        "",
        &(army("a", "song", 1, 0, "foot: 20000", "rations: Days(0)")
            + &army("b", "song", 1, 2, "foot: 20000", "")),
        "",
    );
    let mut g = game(s);
    let first = g.forage_ge(g.army(A0), g.state().date.season());
    assert!(first > 0);
    assert_eq!(
        g.forage_ge(g.army(A1), g.state().date.season()),
        0,
        "nothing in the desert"
    );
    for _ in 0..6 {
        g.end_turn();
    }
    let later = g.forage_ge(g.army(A0), g.state().date.season());
    assert!(later < first / 2, "stripped: {later} of {first}");
}

#[test]
fn forage_is_rich_in_autumn_and_poor_in_winter() {
    let autumn = game(scenario(
        "1081-10-01",
        &["vvv"; 3],
        "",
        &army("a", "song", 1, 1, "foot: 10000", ""),
        "",
    ));
    let winter = game(scenario(
        "1082-01-10",
        &["vvv"; 3],
        "",
        &army("a", "song", 1, 1, "foot: 10000", ""),
        "",
    ));
    let f = |g: &ordos_core::Game| g.forage_ge(g.army(A0), g.state().date.season());
    assert!(f(&autumn) > 4 * f(&winter));
}

#[test]
fn scorched_earth_leaves_no_forage_and_spoils_the_wells() {
    // Xia doctrine, 1044 and 1081: fall back, strip or burn the country.
    let s = scenario(
        "1081-10-01",
        &["vvvvv"; 4],
        "",
        &army("xia", "xia", 2, 1, "light_horse: 5000", ""),
        "springs: [(2, 2)],",
    );
    let mut g = game(s);
    g.end_turn();
    g.submit(XIA, &Order::Scorch { army: A0 }).unwrap();
    for h in [Hex::new(2, 1), Hex::new(2, 2), Hex::new(1, 1)] {
        assert!(g.land(h).scorched);
    }
    assert!(!g.spring_at(Hex::new(2, 2)), "the well is spoiled");
    assert_eq!(g.forage_ge(g.army(A0), g.state().date.season()), 0);
}

#[test]
fn a_besieged_fort_whose_wells_are_cut_dies_of_thirst() {
    // Dingchuan 1042: a fort whose water the enemy cuts off.
    let places = r#"(id: "dingchuan", name: "Dingchuan", kind: Fort, hex: (2, 1), owner: "song", walls: 2, stores_sheng: 500000, water: true),"#;
    let armies = army("garrison", "song", 2, 1, "foot: 5000", "")
        + &army("yuanhao", "xia", 1, 1, "light_horse: 20000", "");
    let mut g = game(scenario("1042-10-01", &["lllll"; 4], places, &armies, ""));
    g.end_turn();
    g.submit(
        XIA,
        &Order::Besiege {
            army: A1,
            place: PlaceId(0),
        },
    )
    .unwrap();
    g.submit(
        XIA,
        &Order::CutWater {
            army: A1,
            place: PlaceId(0),
        },
    )
    .unwrap();
    assert!(!g.state().places[0].water);
    for _ in 0..8 {
        g.end_turn();
    }
    assert!(g.army(A0).losses.thirst > 0);
    assert_eq!(
        g.state().places[0].owner,
        Some(XIA),
        "the garrison surrendered"
    );
}

#[test]
fn forbidding_cooking_fires_brings_disease() {
    // Wang Zhongzheng, 1081: he forbade his troops to cook; they fell ill from uncooked food.
    let armies = army("wang", "song", 1, 1, "foot: 30000", "")
        + &army("chong", "song", 3, 3, "foot: 30000", "");
    let mut g = game(scenario("1081-11-20", &["vvvvv"; 5], "", &armies, ""));
    g.submit(
        SONG,
        &Order::Fires {
            army: A0,
            allowed: false,
        },
    )
    .unwrap();
    for _ in 0..10 {
        g.end_turn();
    }
    assert!(
        g.army(A0).losses.disease > 5 * g.army(A1).losses.disease.max(1),
        "{} vs {}",
        g.army(A0).losses.disease,
        g.army(A1).losses.disease
    );
}

#[test]
fn heavy_snow_ends_a_siege() {
    // Yanzhou 1040: Yuanhao lifted the siege when heavy winter snows set in.
    let places = r#"(id: "yanzhou", name: "Yanzhou", kind: WalledCity, hex: (2, 1), owner: "song", walls: 3, stores_sheng: 5000000, water: true),"#;
    let armies = army("garrison", "song", 2, 1, "foot: 9000", "")
        + &army(
            "yuanhao",
            "xia",
            1,
            1,
            "light_horse: 50000",
            "pack_days: Some(10)",
        );
    let s = remake(
        &scenario("1040-01-10", &["vvvvv"; 4], places, &armies, ""),
        |s| {
            for d in 11..=14 {
                s.schedule.push(ordos_core::load::scenario::Scheduled {
                    date: format!("1040-01-{d}").parse().unwrap(),
                    event: ordos_core::load::scenario::ScheduledEvent::Weather(
                        ordos_core::load::scenario::Weather::Snow,
                    ),
                });
            }
        },
    );
    let mut g = game(s);
    g.end_turn();
    g.submit(
        XIA,
        &Order::Besiege {
            army: A1,
            place: PlaceId(0),
        },
    )
    .unwrap();
    for _ in 0..4 {
        g.end_turn();
    }
    assert!(g.army(A1).besieging.is_none());
    assert!(
        g.log().iter().any(
            |(_, _, e)| matches!(e, Event::SiegeLifted { reason, .. } if reason == "heavy snow")
        )
    );
}

#[test]
fn hauling_siege_engines_slows_a_column() {
    let with = game(scenario(
        "1081-10-01",
        &["sssss"; 3],
        "",
        &army("gao", "song", 0, 0, "foot: 10000", "siege_engines: 20"),
        "",
    ));
    let without = game(scenario(
        "1081-10-01",
        &["sssss"; 3],
        "",
        &army("gao", "song", 0, 0, "foot: 10000", ""),
        "",
    ));
    assert!(
        with.allowance_li(with.army(A0), false) < without.allowance_li(without.army(A0), false)
    );
}

#[test]
fn an_army_builds_a_fort_that_stores_supply_and_shelters() {
    // Advance and fortify, 1097–99: 40 forts across the Ordos.
    let mut g = game(scenario(
        "1097-05-01",
        &["vvvvvvv"; 5],
        "",
        &army(
            "zhang",
            "song",
            3,
            2,
            "foot: 10000",
            "porters: 5000, pack_days: Some(10)",
        ),
        "",
    ));
    g.submit(SONG, &Order::BuildFort { army: A0 }).unwrap();
    for _ in 0..6 {
        g.end_turn();
    }
    let fort = g.place_at(Hex::new(3, 2)).expect("the fort stands").clone();
    assert_eq!(fort.owner, Some(SONG));
    assert!(fort.water, "a valley fort has water");
    assert_eq!(g.place_name(fort.id), "fort-3-2");
    g.submit(SONG, &Order::Stock { army: A0 }).unwrap();
    assert!(g.place(fort.id).stores_ge > 0, "the fort now stores supply");
    assert_eq!(
        g.check(SONG, &Order::BuildFort { army: A0 }),
        Err(OrderError::PlaceHere)
    );
}

#[test]
fn breaching_the_dikes_floods_the_besiegers_camps() {
    // Lingzhou, 21 December 1081: the Xia breached the Yellow River dikes and flooded the camps
    // of the two besieging Song armies, forcing them to retreat.
    let rows = ["iiiiiY", "iiiiiY", "iiiiiY", "iiiiiY"];
    let places = r#"(id: "lingzhou", name: "Lingzhou", kind: WalledCity, hex: (2, 1), owner: "xia", walls: 3, stores_sheng: 5000000, water: true),"#;
    let armies = army("gao", "song", 3, 1, "foot: 40000", "siege_engines: 10")
        + &army("dike", "xia", 4, 2, "foot: 2000", "");
    let mut g = game(scenario("1081-12-21", &rows, places, &armies, ""));
    g.submit(
        SONG,
        &Order::Besiege {
            army: A0,
            place: PlaceId(0),
        },
    )
    .unwrap();
    g.submit(XIA, &Order::BreachDike { army: A1 }).unwrap();
    assert!(g.land(Hex::new(3, 1)).flooded_days > 0);
    g.end_turn();
    let gao = g.army(A0);
    assert!(gao.besieging.is_none(), "the siege is broken");
    assert_eq!(gao.siege_engines, 0, "engines swept away");
    assert!(gao.losses.drowned > 0);
    assert!(matches!(
        g.check(
            SONG,
            &Order::Move {
                army: A0,
                path: vec![Hex::new(3, 2)],
                forced: false
            }
        ),
        Err(OrderError::Flooded { .. })
    ));
}

#[test]
fn a_xia_levy_gives_a_soldier_and_a_porter_for_every_two_men() {
    // Yuanhao levied all able-bodied men between 15 and 60.
    let places = r#"(id: "xiazhou", name: "Xiazhou", kind: WalledCity, hex: (1, 1), owner: "xia", walls: 2, stores_sheng: 100000, water: true, levy_men: 20000),"#;
    let mut g = game(scenario(
        "1040-05-01",
        &["sssss"; 3],
        places,
        &army("xia", "xia", 1, 1, "light_horse: 5000", ""),
        "",
    ));
    g.end_turn();
    g.submit(XIA, &Order::Levy { army: A0 }).unwrap();
    let a = g.army(A0);
    assert_eq!((a.men.foot, a.porters), (10000, 10000));
    assert_eq!(a.men_start, a.men.total() + a.losses.total());
    assert_eq!(
        g.check(XIA, &Order::Levy { army: A0 }),
        Err(OrderError::NoLevy)
    );
}

#[test]
fn a_convoy_delivers_grain_and_a_routed_one_loses_it_to_raiders() {
    // Puluo River 996: a Song convoy of grain taken by Xia raiders.
    let armies = army("convoy", "song", 1, 1, "foot: 2000", "porters: 20000")
        + &army("army", "song", 2, 1, "foot: 20000", "rations: Days(1)")
        + &army("raiders", "xia", 1, 3, "light_horse: 8000", "morale: 80");
    let mut g = game(scenario("0996-05-01", &["sssss"; 5], "", &armies, ""));
    let before = g.army(A1).rations_ge;
    g.submit(SONG, &Order::Deliver { army: A0, to: A1 })
        .unwrap();
    assert!(g.army(A1).rations_ge > before);
    // The convoy, with the rest of its grain, is caught by raiders.
    let left = g.army(A0).rations_ge;
    assert!(left > 0);
    g.end_turn();
    let raiders = ArmyId(2);
    g.submit(
        XIA,
        &Order::Move {
            army: raiders,
            path: vec![Hex::new(1, 2)],
            forced: false,
        },
    )
    .unwrap();
    let mut taken = false;
    for _ in 0..3 {
        if g.check(
            XIA,
            &Order::Attack {
                army: raiders,
                target: A0,
            },
        )
        .is_ok()
        {
            let ev = g
                .submit(
                    XIA,
                    &Order::Attack {
                        army: raiders,
                        target: A0,
                    },
                )
                .unwrap();
            taken |= ev.iter().any(|e| {
                matches!(
                    e,
                    Event::Grain {
                        taken: true,
                        to: Some(_),
                        ..
                    }
                )
            });
        }
        if taken || g.army(A0).state != ArmyState::Marching {
            break;
        }
        g.end_turn();
    }
    assert!(
        taken,
        "the raiders took the convoy's grain: {:?}",
        g.army(A0).state
    );
}

#[test]
fn pack_animals_die_where_there_is_no_grazing() {
    // Shen Kuo: the animals die where grazing is poor.
    let armies = army(
        "sand",
        "song",
        1,
        0,
        "foot: 1000",
        "animals: (camels: 500, horses: 500)",
    ) + &army(
        "grass",
        "song",
        1,
        2,
        "foot: 1000",
        "animals: (camels: 500, horses: 500)",
    );
    let mut g = game(scenario(
        "1082-06-01",
        &["ddd", "ddd", "sss"],
        "",
        &armies,
        "springs: [(1, 0)],",
    ));
    for _ in 0..5 {
        g.end_turn();
    }
    let (sand, grass) = (g.army(A0).animals, g.army(A1).animals);
    assert!(sand.camels + sand.horses < 900, "{sand:?}");
    assert_eq!(grass.camels + grass.horses, 1000);
}

#[test]
fn an_enemy_army_across_the_road_cuts_the_supply_line() {
    // A column a day's march from its walls is fed from them, unless the enemy stands between.
    let places = r#"(id: "base", name: "Base", kind: Fort, hex: (0, 2), owner: "song", walls: 2, stores_sheng: 1000000, water: true),"#;
    let rows = ["mmmmmm", "mmmmmm", "vvvvvv", "mmmmmm", "mmmmmm"];
    let open_road = army("column", "song", 4, 2, "foot: 10000", "rations: Days(1)");
    let g = game(scenario("1082-06-01", &rows, places, &open_road, ""));
    assert_eq!(g.supply_source(g.army(A0)), Some(PlaceId(0)));
    let blocked = open_road + &army("raiders", "xia", 2, 2, "light_horse: 3000", "");
    let g = game(scenario("1082-06-01", &rows, places, &blocked, ""));
    assert_eq!(g.supply_source(g.army(A0)), None);
}

#[test]
fn an_army_long_in_the_field_loses_about_half_its_men_in_two_years() {
    // Yuanhao's invasion: "Half his soldiers had died from attrition and after two years..."
    let places = r#"(id: "depot", name: "Depot", kind: Fort, hex: (2, 1), owner: "xia", walls: 2, stores_sheng: 900000000, water: true),"#;
    let s = remake(
        &scenario(
            "1040-04-01",
            &["vvvvv"; 3],
            places,
            &army("yuanhao", "xia", 1, 1, "foot: 20000", ""),
            "",
        ),
        |s| s.end = "1042-04-01".parse().unwrap(),
    );
    let mut g = game(s);
    for _ in 0..730 {
        g.end_turn();
    }
    let a = g.army(A0);
    let share = a.losses.total() * 100 / a.men_start;
    eprintln!("{:?}", a.losses);
    assert!(
        (45..=55).contains(&share),
        "lost {share}% in the field in two years: {:?}",
        a.losses
    );
}

#[test]
fn morale_falls_with_hunger_and_recovers_at_rest_in_supply() {
    let places = r#"(id: "depot", name: "Depot", kind: Fort, hex: (3, 1), owner: "song", walls: 2, stores_sheng: 0, water: true),"#;
    let mut g = game(scenario(
        "1082-06-01",
        &["ddddd"; 3],
        places,
        &army(
            "a",
            "song",
            1,
            1,
            "foot: 5000",
            "rations: Days(0), morale: 60",
        ),
        "springs: [(1, 1)],",
    ));
    for _ in 0..4 {
        g.end_turn();
    }
    let starved = g.army(A0).morale;
    assert!(starved < 60, "morale {starved}");
    // Grain reaches the depot; the army rests in supply.
    let mut fed = game(scenario(
        "1082-06-01",
        &["ddddd"; 3],
        &places.replace("stores_sheng: 0", "stores_sheng: 1000000"),
        &army(
            "a",
            "song",
            1,
            1,
            "foot: 5000",
            &format!("morale: {starved}, fatigue: 60"),
        ),
        "springs: [(1, 1)],",
    ));
    for _ in 0..4 {
        fed.end_turn();
    }
    assert!(fed.army(A0).morale > starved);
    assert!(fed.army(A0).fatigue < 60);
}

#[test]
fn siege_engines_are_built_only_where_there_is_timber() {
    // Gao Zunyu at Lingzhou, 1081: no siege equipment, "and there were not enough trees around
    // for their construction".
    let places = |c: i32| {
        format!(
            r#"(id: "city", name: "City", kind: WalledCity, hex: ({c}, 1), owner: "xia", walls: 3, stores_sheng: 1000000, water: true),"#
        )
    };
    let bare = game(scenario(
        "1081-12-08",
        &["iiiii"; 3],
        &places(2),
        &army("gao", "song", 1, 1, "foot: 50000", ""),
        "",
    ));
    let wooded = game(scenario(
        "1081-12-08",
        &["fffff"; 3],
        &places(2),
        &army("gao", "song", 1, 1, "foot: 50000", ""),
        "",
    ));
    let mut out = Vec::new();
    for mut g in [bare, wooded] {
        g.submit(
            SONG,
            &Order::Besiege {
                army: A0,
                place: PlaceId(0),
            },
        )
        .unwrap();
        for _ in 0..5 {
            g.end_turn();
        }
        out.push(g.army(A0).siege_engines);
    }
    assert_eq!(out[0], 0);
    assert!(out[1] > 0);
}

#[test]
fn a_night_sortie_strikes_the_besiegers_with_surprise() {
    // Lanzhou, March 1083: Wang Wenyu led a small contingent out at night and surprised the camp.
    let places = r#"(id: "lanzhou", name: "Lanzhou", kind: WalledCity, hex: (2, 1), owner: "song", walls: 3, stores_sheng: 1000000, water: true),"#;
    let armies = army("wang-wenyu", "song", 2, 1, "foot: 3000", "")
        + &army("xia", "xia", 1, 1, "foot: 20000", "");
    let mut g = game(scenario("1083-03-10", &["vvvvv"; 3], places, &armies, ""));
    g.end_turn();
    g.submit(
        XIA,
        &Order::Besiege {
            army: A1,
            place: PlaceId(0),
        },
    )
    .unwrap();
    g.end_turn();
    let ev = g
        .submit(
            SONG,
            &Order::Sortie {
                army: A0,
                target: A1,
            },
        )
        .unwrap();
    assert!(
        ev.iter()
            .any(|e| matches!(e, Event::Battle { factors, .. } if factors.surprise))
    );
    assert_eq!(
        g.army(A0).hex,
        Hex::new(2, 1),
        "the sortie returns inside the walls"
    );
}

#[test]
fn crossing_the_yellow_river_drowns_some_men() {
    let s = scenario(
        "1082-06-01",
        &["ssYss"; 3],
        "",
        &army("a", "song", 1, 1, "foot: 20000", ""),
        "fords: [(2, 1)],",
    );
    let mut g = game(s);
    g.submit(
        SONG,
        &Order::Move {
            army: A0,
            path: vec![Hex::new(2, 1), Hex::new(3, 1)],
            forced: false,
        },
    )
    .unwrap();
    assert!(g.army(A0).losses.drowned > 0);
}
