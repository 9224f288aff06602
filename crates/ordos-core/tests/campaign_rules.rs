//! The rules the remaining campaigns need (docs/campaigns/rules-plan.md A–K), one behaviour
//! each, each on the smallest scenario that shows it, each citing the passage it models.

mod common;
use common::{army, game, remake, scenario};
use ordos_core::Game;
use ordos_core::hex::Hex;
use ordos_core::load::load_str;
use ordos_core::load::scenario::{
    Condition, HistoricalOrder, LeaderFate, QuarrelDef, Scheduled, ScheduledEvent, StandingOrder,
    VictoryDef, Weather,
};
use ordos_core::model::event::Event;
use ordos_core::model::state::{ArmyId, ArmyState, Leader, SideId};
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::{Order, OrderError};

const SONG: SideId = SideId(0);
const XIA: SideId = SideId(1);
const A0: ArmyId = ArmyId(0);
const A1: ArmyId = ArmyId(1);
const A2: ArmyId = ArmyId(2);

fn steppe() -> Vec<&'static str> {
    vec!["ssssssssss"; 8]
}

fn date(s: &str) -> ordos_core::calendar::Date {
    s.parse().expect("a date")
}

/// Every `LeaderFell` of the game so far, in order.
fn falls(g: &Game) -> Vec<(ArmyId, Leader)> {
    g.log()
        .iter()
        .filter_map(|(_, _, e)| match e {
            Event::LeaderFell { army, fate } => Some((*army, *fate)),
            _ => None,
        })
        .collect()
}

fn victory(side: &str, condition: Condition) -> VictoryDef {
    VictoryDef {
        side: side.into(),
        condition,
        points: 1,
        decisive: false,
        text: String::new(),
    }
}

fn met(g: &Game) -> usize {
    g.log()
        .iter()
        .filter(|(_, _, e)| matches!(e, Event::ConditionMet { .. }))
        .count()
}

// ----- A. Leaders who fall ---------------------------------------------------------------------

/// Qingzhou 1066: "Yizong was wounded by a crossbow and forced to retreat"; Haoshuichuan 1041:
/// the army "annihilated", Ren Fu with it. After a battle each army's commander may fall, the
/// more likely the more men it lost: 1,000 foot caught in the open by 30,000 horse lose their
/// commander (wounded, killed or taken in the rout) far more often than the horde loses its own.
#[test]
fn commanders_fall_after_battle_the_more_often_the_more_men_their_army_loses() {
    let s = scenario(
        "1082-06-01",
        &steppe(),
        "",
        &(army("horde", "xia", 3, 4, "light_horse: 30000", "")
            + &army("few", "song", 4, 4, "foot: 1000", "")),
        "",
    );
    let (mut few, mut horde) = (Vec::new(), 0);
    for seed in 0..200 {
        let mut g = Game::new(s.clone(), seed);
        g.submit(
            XIA,
            &Order::Attack {
                army: A0,
                target: A1,
            },
        )
        .unwrap();
        for (army, fate) in falls(&g) {
            if army == A0 {
                horde += 1;
            } else {
                few.push(fate);
            }
        }
    }
    eprintln!(
        "the few's commander fell {} times, the horde's {horde}",
        few.len()
    );
    assert!(
        few.len() >= 40,
        "the beaten army's commander fell {}",
        few.len()
    );
    assert!(horde <= 15, "the victor's commander fell {horde}");
    for fate in [Leader::Wounded, Leader::Killed, Leader::Captured] {
        assert!(few.contains(&fate), "never {fate:?}");
    }
}

/// Sanchuan 1040: "Liu Ping was taken captive". A garrison that surrenders gives up its
/// commander with it, and the `Leader` condition scores it.
#[test]
fn a_garrison_that_surrenders_gives_up_its_commander() {
    let s = scenario(
        "1040-03-08",
        &["dddddddddd"; 8],
        r#"(id: "fort", name: "Fort", kind: Fort, hex: (4, 4), owner: "song", walls: 2, water: false),"#,
        &(army("liu-ping", "song", 4, 4, "foot: 2000", "state: Encamped")
            + &army("xia", "xia", 5, 4, "light_horse: 20000", "")),
        "springs: [(6, 4)],",
    );
    let s = remake(&s, |sc| {
        sc.victory = vec![victory(
            "xia",
            Condition::Leader {
                army: "liu-ping".into(),
                fate: LeaderFate::Captured,
            },
        )];
    });
    let mut g = game(s);
    let fort = g.place_id("fort").unwrap();
    g.submit(
        XIA,
        &Order::Besiege {
            army: A1,
            place: fort,
        },
    )
    .unwrap();
    for _ in 0..10 {
        g.end_turn();
    }
    assert_eq!(
        g.army(A0).state,
        ArmyState::Destroyed,
        "the garrison surrendered"
    );
    assert_eq!(g.army(A0).leader, Leader::Captured);
    let fell = g
        .log()
        .iter()
        .position(|(_, _, e)| {
            matches!(
                e,
                Event::LeaderFell {
                    army: A0,
                    fate: Leader::Captured
                }
            )
        })
        .expect("Liu Ping is taken");
    let surrendered = g
        .log()
        .iter()
        .position(|(_, _, e)| matches!(e, Event::Surrendered { army: A0, .. }))
        .unwrap();
    assert!(fell < surrendered, "taken with his men");
    assert_eq!(met(&g), 1, "the Leader(Captured) condition is met");
}

/// Dingchuan 1042 (docs/campaigns/dingchuan-1042.md §8.4: a leaderless army fights at -30%). An army whose
/// commander is gone fights at `leaderless_pct` (70%) of what it would with him at the same
/// morale.
#[test]
fn an_army_whose_commander_is_gone_fights_at_leaderless_pct() {
    let armies = army("a", "song", 4, 4, "foot: 5000", "morale: 70")
        + &army("b", "xia", 3, 4, "foot: 5000", "");
    let s = scenario("1042-11-01", &steppe(), "", &armies, "");
    let mut g = game(s.clone());
    g.submit(SONG, &Order::Flee { army: A0 }).unwrap();
    assert_eq!(g.army(A0).morale, 50, "his flight cost 20 morale");
    let leaderless = g.odds(A1, A0, false).defender_strength;
    // The same army, as shaken, with its commander.
    let same = remake(&s, |sc| sc.armies[0].morale = 50);
    let led = game(same).odds(A1, A0, false).defender_strength;
    let pct = leaderless * 100 / led;
    assert!((69..=70).contains(&pct), "{leaderless} / {led}");
}

/// Qingzhou 1066: "Yizong was wounded by a crossbow and forced to retreat". A ruler who falls
/// costs every army of his side morale (his own the more), his army gives up its siege, and it
/// will no longer attack, assault or besiege.
#[test]
fn a_ruler_who_falls_shakes_his_side_and_his_army_gives_up_the_offensive() {
    let armies = army(
        "yizong",
        "xia",
        3,
        3,
        "light_horse: 20000",
        "morale: 80, ruler: true",
    ) + &army("other", "xia", 8, 7, "foot: 5000", "morale: 60")
        + &army("song", "song", 4, 3, "foot: 5000", "morale: 60");
    let s = scenario(
        "1066-10-01",
        &steppe(),
        r#"(id: "qingzhou", name: "Qingzhou", kind: Fort, hex: (4, 2), owner: "song", walls: 2, water: true),"#,
        &armies,
        "",
    );
    let mut g = game(s);
    let qingzhou = g.place_id("qingzhou").unwrap();
    g.submit(
        XIA,
        &Order::Besiege {
            army: A0,
            place: qingzhou,
        },
    )
    .unwrap();
    g.submit(XIA, &Order::Flee { army: A0 }).unwrap();
    assert_eq!(
        g.army(A0).morale,
        80 - 20 - 25,
        "his own army: his flight and the ruler's fall"
    );
    assert_eq!(g.army(A1).morale, 60 - 25, "every army of his side");
    assert_eq!(g.army(A2).morale, 60, "the enemy is not shaken");
    assert_eq!(g.army(A0).besieging, None, "the siege is given up");
    for o in [
        Order::Attack {
            army: A0,
            target: A2,
        },
        Order::Besiege {
            army: A0,
            place: qingzhou,
        },
        Order::Assault {
            army: A0,
            place: qingzhou,
        },
    ] {
        assert_eq!(g.check(XIA, &o), Err(OrderError::RulerFallen), "{o:?}");
    }
    // Any other army of his side still may.
    assert_eq!(g.check(XIA, &Order::Hold { army: A1 }), Ok(()));
}

// ----- B. A commander who runs ---------------------------------------------------------------

/// Dingchuan 1042: "The defending commander Ge Huaimin lost his nerve and decided to run,
/// abandoning his 19,000 troops". `Flee`: he is gone (`Fled`), the army loses
/// `leader_flees_morale`, and a commander who has run cannot run again.
#[test]
fn a_commander_who_runs_abandons_his_army_once() {
    let s = scenario(
        "1042-11-12",
        &steppe(),
        "",
        &army("ge-huaimin", "song", 4, 4, "foot: 19000", "morale: 55"),
        "",
    );
    let mut g = game(s);
    let events = g.submit(SONG, &Order::Flee { army: A0 }).unwrap();
    assert!(events.contains(&Event::LeaderFell {
        army: A0,
        fate: Leader::Fled
    }));
    assert_eq!(g.army(A0).leader, Leader::Fled);
    assert_eq!(g.army(A0).morale, 35);
    assert_eq!(
        g.check(SONG, &Order::Flee { army: A0 }),
        Err(OrderError::LeaderGone(Leader::Fled))
    );
    assert_eq!(
        g.army(A0).men.total(),
        19000,
        "his men stay: the rules decide their fate"
    );
}

// ----- C. Followers bought with grain ----------------------------------------------------------

/// Yinzhou 985: "Along with Yinzhou, Jiqian captured large amounts of supply, allowing him to
/// increase his following." `Recruit`: up to `recruit_per_day` (400) men a day of the turn from
/// the place's men, each paid `recruit_bounty_sheng` (20) from its stores, as foot; once a turn.
#[test]
fn an_army_in_a_friendly_place_enlists_followers_paid_from_its_stores() {
    let place = r#"(id: "yinzhou", name: "Yinzhou", kind: WalledCity, hex: (4, 4), owner: "song", walls: 3, stores_sheng: 1000000, water: true, levy_men: 1000),"#;
    let s = scenario(
        "0985-03-01",
        &steppe(),
        place,
        &army("jiqian", "song", 4, 4, "foot: 3000", ""),
        "",
    );
    let mut g = game(s.clone());
    let yinzhou = g.place_id("yinzhou").unwrap();
    let before = g.place(yinzhou).stores_ge;
    let events = g.submit(SONG, &Order::Recruit { army: A0 }).unwrap();
    assert_eq!(
        events,
        vec![Event::Recruited {
            army: A0,
            place: yinzhou,
            men: 400,
            ge: 400 * 20 * 10
        }]
    );
    assert_eq!(g.army(A0).men.foot, 3400);
    assert_eq!(g.army(A0).men_start, 3400, "they join the army's strength");
    assert_eq!(g.place(yinzhou).stores_ge, before - 80_000);
    assert_eq!(g.place(yinzhou).levy_men, 600);
    assert_eq!(
        g.check(SONG, &Order::Recruit { army: A0 }),
        Err(OrderError::AlreadyRecruited)
    );
    g.end_turn();
    g.submit(SONG, &Order::Recruit { army: A0 }).unwrap();
    g.end_turn();
    g.submit(SONG, &Order::Recruit { army: A0 }).unwrap();
    assert_eq!(g.army(A0).men.foot, 4000, "the last 200 of the country");
    g.end_turn();
    assert_eq!(
        g.check(SONG, &Order::Recruit { army: A0 }),
        Err(OrderError::NoRecruits)
    );
    // A turn of five days enlists five days' men; stores for 100 bounties pay for 100 men.
    let long = remake(&s, |sc| sc.turn_days = 5);
    let mut g = game(long);
    g.submit(SONG, &Order::Recruit { army: A0 }).unwrap();
    assert_eq!(g.army(A0).men.foot, 4000);
    let poor = remake(&s, |sc| sc.places[0].stores_sheng = 2000);
    let mut g = game(poor);
    g.submit(SONG, &Order::Recruit { army: A0 }).unwrap();
    assert_eq!(g.army(A0).men.foot, 3100);
    // Only in a friendly place.
    let afield = remake(&s, |sc| sc.armies[0].hex = Hex::new(2, 2));
    assert_eq!(
        game(afield).check(SONG, &Order::Recruit { army: A0 }),
        Err(OrderError::NotFriendly)
    );
}

// ----- D. Horses starve ----------------------------------------------------------------------

/// Helan 1044: the Xia "each time burned the land bare; the Liao horses had nothing to eat"
/// (Song Shi 485). Without grazing an army loses `horse_death_no_grazing_ppm` (4%) of its horses a
/// day, the spare ones first; a horseman whose horse dies goes on foot. On grazing, none die.
#[test]
fn horses_without_grazing_die_spare_ones_first_and_their_riders_go_on_foot() {
    let liao = army(
        "liao",
        "xia",
        4,
        4,
        "light_horse: 10000",
        "spare_horses: 1000, pack_days: Some(10)",
    );
    let s = scenario("1044-11-20", &["dddddddddd"; 8], "", &liao, "");
    let mut g = game(s);
    g.end_turn();
    let first: Vec<(u32, u32, u32)> = g
        .log()
        .iter()
        .filter_map(|(_, _, e)| match e {
            Event::Dismounted {
                light,
                heavy,
                spare,
                ..
            } => Some((*light, *heavy, *spare)),
            _ => None,
        })
        .collect();
    // 4% of 11,000 horses (a few men lost to the field's sickness first): all spare ones.
    assert_eq!(first.len(), 1);
    assert!(matches!(first[0], (0, 0, 439..=440)), "{first:?}");
    for _ in 0..3 {
        g.end_turn();
    }
    let a = g.army(A0);
    assert_eq!(a.spare_horses, 0, "the remounts went first");
    assert!(a.men.foot > 300, "dismounted horsemen: {:?}", a.men);
    assert_eq!(
        a.men.total() + a.losses.total(),
        a.men_start,
        "men conserved"
    );
    // On the steppe's grass, not one dies; on scorched steppe they die as in the desert.
    let grass = scenario("1044-11-20", &steppe(), "", &liao, "");
    let mut g = game(grass.clone());
    g.end_turn();
    assert_eq!(g.army(A0).spare_horses, 1000);
    let mut g = game(grass);
    g.submit(XIA, &Order::Scorch { army: A0 }).unwrap();
    g.end_turn();
    assert!(g.army(A0).spare_horses < 1000);
    // Heavy and light horse lose their horses in proportion.
    let mixed = army(
        "mixed",
        "xia",
        4,
        4,
        "light_horse: 6000, heavy_horse: 3000",
        "",
    );
    let mut g = game(scenario("1044-11-20", &["dddddddddd"; 8], "", &mixed, ""));
    g.end_turn();
    let a = g.army(A0);
    let (light, heavy) = (6000 - a.men.light_horse, 3000 - a.men.heavy_horse);
    assert!(
        heavy > 100 && light.abs_diff(2 * heavy) <= 6,
        "light {light}, heavy {heavy}"
    );
}

// ----- E. Commanders who will not work together ----------------------------------------------

fn quarrel(s: &ordos_core::Setup, until: Option<&str>) -> std::sync::Arc<ordos_core::Setup> {
    remake(s, |sc| {
        sc.quarrels = vec![QuarrelDef {
            a: "gao".into(),
            b: "liu".into(),
            until: until.map(date),
        }]
    })
}

/// Lingzhou 1081: Liu "wanted Gao Zunyu to help him take Lingzhou, but Gao refused". Two armies
/// that quarrel do not count for each other's attacks from several sides.
#[test]
fn quarrelling_commanders_do_not_attack_together() {
    // The enemy at (4, 4) between Gao (3, 4) and Liu (5, 4).
    let armies = army("gao", "song", 3, 4, "foot: 20000", "")
        + &army("liu", "song", 5, 4, "foot: 10000", "")
        + &army("enemy", "xia", 4, 4, "foot: 10000", "");
    let s = scenario("1081-12-01", &steppe(), "", &armies, "");
    assert_eq!(
        game(s.clone()).odds(A0, A2, false).factors.flank_directions,
        1
    );
    assert_eq!(
        game(quarrel(&s, None))
            .odds(A0, A2, false)
            .factors
            .flank_directions,
        0
    );
}

/// Gao and Liu before Lingzhou, reconciled by Fan Chuncui: while they quarrel, two armies on one
/// hex do not defend it together; from the day of their reconciliation they do again.
#[test]
fn quarrelling_commanders_do_not_defend_a_hex_together_until_reconciled() {
    let armies = army("gao", "song", 3, 4, "foot: 20000", "")
        + &army("liu", "song", 3, 4, "foot: 10000", "")
        + &army("enemy", "xia", 4, 4, "foot: 10000", "");
    let s = scenario("1081-12-01", &steppe(), "", &armies, "");
    let g = game(s.clone());
    assert_eq!(g.defending_stack(g.army(A0)), vec![A0, A1]);
    let mut g = game(quarrel(&s, Some("1081-12-03")));
    assert_eq!(g.defending_stack(g.army(A0)), vec![A0], "each fights alone");
    g.end_turn();
    assert_eq!(g.defending_stack(g.army(A0)), vec![A0]);
    g.end_turn();
    assert_eq!(
        g.defending_stack(g.army(A0)),
        vec![A0, A1],
        "reconciled on 3 December"
    );
}

/// 1081: Wang Zhongzheng "quarreled with Chong E over provisions". Quarrelling armies give
/// each other no grain.
#[test]
fn quarrelling_commanders_give_each_other_no_grain() {
    let armies = army("gao", "song", 3, 4, "foot: 5000", "porters: 10000")
        + &army("liu", "song", 4, 4, "foot: 10000", "rations: Days(1)");
    let s = scenario("1081-12-01", &steppe(), "", &armies, "");
    let deliver = Order::Deliver { army: A0, to: A1 };
    assert_eq!(game(s.clone()).check(SONG, &deliver), Ok(()));
    assert_eq!(
        game(quarrel(&s, None)).check(SONG, &deliver),
        Err(OrderError::Quarrel)
    );
}

// ----- F. High ground --------------------------------------------------------------------------

/// Pingxia 1098: "The Tangut army was completely defeated in their attempt to dislodge the Song
/// from their high ground position." A defender above its attacker gains `height_defense_pct`
/// (10%) per 100 m, at most `height_defense_max_pct` (50%); an attacker above gains nothing.
#[test]
fn a_defender_above_its_attacker_fights_better_up_to_a_limit() {
    let armies = army("pingxia", "song", 4, 4, "foot: 10000", "")
        + &army("tanguts", "xia", 3, 4, "foot: 30000", "");
    let strength = |heights: &str| {
        let s = scenario("1098-11-26", &steppe(), "", &armies, heights);
        let o = game(s).odds(A1, A0, false);
        (o.defender_strength, o.factors.defender_above_m)
    };
    let (flat, _) = strength("");
    let (hill, above) = strength("heights: [((4, 4), 300)],");
    assert_eq!(above, 300);
    assert_eq!(hill, flat * 130 / 100);
    let (mountain, _) = strength("heights: [((4, 4), 2000)],");
    assert_eq!(mountain, flat * 150 / 100, "at most half again");
    let (below, above) = strength("heights: [((3, 4), 500)],");
    assert_eq!(
        (below, above),
        (flat, 0),
        "the attacker's height is no defence"
    );
}

// ----- G. Plunder -----------------------------------------------------------------------------

/// Tsongkha 1105: "Failing to take major cities, the Tangut forces went on a rampage". `Plunder`
/// strips the army's hex and the six around it: it takes the grain of `plunder_days` (10) days
/// of their forage for its men (no more than the country holds) and leaves them scorched; the
/// grain taken is counted for the `Plunder` condition.
#[test]
fn plunder_takes_the_grain_of_the_country_and_leaves_it_scorched() {
    let s = scenario(
        "1105-10-01",
        &["vvvvvvvvvv"; 8],
        "",
        &(army("tanguts", "xia", 4, 4, "foot: 10000", "rations: Days(1)")
            + &army("song", "song", 0, 0, "foot: 1000", "")),
        "",
    );
    let s = remake(&s, |sc| {
        sc.victory = vec![victory("xia", Condition::Plunder { sheng: 1_400_000 })]
    });
    let mut g = game(s);
    let rations = g.army(A0).rations_ge;
    // Autumn valley farmland: 20 ge a man a day; 10,000 men for 10 days on each of 7 hexes.
    let expected = 7 * 20 * 10_000 * 10;
    assert_eq!(g.plunder_ge(g.army(A0)), expected);
    let events = g.submit(XIA, &Order::Plunder { army: A0 }).unwrap();
    let Event::Plundered { hexes, ge, .. } = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!((*ge, hexes.len()), (expected, 7));
    let at = Hex::new(4, 4);
    for h in std::iter::once(at).chain(at.neighbours()) {
        assert!(g.land(h).scorched, "{h} scorched");
    }
    assert_eq!(g.army(A0).rations_ge, rations + expected);
    assert_eq!(g.army(A0).plundered_ge, expected);
    assert_eq!(g.plunder_ge(g.army(A0)), 0, "nothing is left to take");
    g.end_turn();
    assert_eq!(met(&g), 1, "the Plunder condition is met");
    // A host strips the country no barer than it is: 100,000 men take what 200,000 man-days
    // of foraging would (forage_exhaust_man_days) from each hex.
    let host = scenario(
        "1105-10-01",
        &["vvvvvvvvvv"; 8],
        "",
        &army("host", "xia", 4, 4, "foot: 100000", ""),
        "",
    );
    let g = game(host);
    assert_eq!(g.plunder_ge(g.army(A0)), 7 * 20 * 200_000);
}

// ----- H. Slipping away by night ---------------------------------------------------------------

/// Tong'an 1119: "The Tangut army surrounded the Song forces, killing half of them, with the
/// remaining falling back during the night." A night march may leave and pass through an
/// enemy's zone of control, at half the day's allowance, losing `night_march_straggler_ppm`
/// (6%) of its men to straggling.
#[test]
fn a_night_march_slips_through_the_enemys_zone_at_half_pace_losing_stragglers() {
    let armies = army("liu-fa", "song", 3, 3, "foot: 10000", "")
        + &army("chage", "xia", 4, 4, "foot: 30000", "state: Encamped");
    let s = scenario("1119-05-01", &steppe(), "", &armies, "");
    let mut g = game(s);
    // Through (4, 3), next to the enemy, and on to (5, 3): 10 km, 18 li.
    let path = vec![Hex::new(4, 3), Hex::new(5, 3)];
    let by_day = Order::Move {
        army: A0,
        path: path.clone(),
        forced: false,
    };
    assert_eq!(
        g.check(SONG, &by_day),
        Err(OrderError::ZoneOfControl {
            hex: Hex::new(4, 3)
        })
    );
    // Three hexes is 27 li, beyond half a day's 40.
    let far = Order::NightMarch {
        army: A0,
        path: vec![Hex::new(4, 3), Hex::new(5, 3), Hex::new(6, 3)],
    };
    assert_eq!(
        g.check(SONG, &far),
        Err(OrderError::TooFar {
            needed_li: 28,
            allowance_li: 20
        })
    );
    let into = Order::NightMarch {
        army: A0,
        path: vec![Hex::new(4, 4)],
    };
    assert_eq!(
        g.check(SONG, &into),
        Err(OrderError::EnemyThere {
            hex: Hex::new(4, 4)
        })
    );
    g.submit(SONG, &Order::NightMarch { army: A0, path })
        .unwrap();
    assert_eq!(g.army(A0).hex, Hex::new(5, 3));
    assert_eq!(g.army(A0).losses.deserted, 600, "6% straggled");
    // The way the accounts' orders find by night goes through the zone too.
    let s2 = scenario("1119-05-01", &steppe(), "", &armies, "");
    let g2 = game(s2);
    let way = g2.night_path(g2.army(A0), Hex::new(5, 3)).unwrap();
    assert_eq!(
        g2.truncate_to_night(g2.army(A0), &way).last(),
        Some(&Hex::new(5, 3))
    );
}

// ----- I. Night attacks -----------------------------------------------------------------------

/// Qingzhou 1066: "a night attack by Song forces scattered the Tangut army". A field army falls
/// on an adjacent enemy in the open with surprise, as a sortie does, and pays
/// `night_attack_fatigue` (20); a fortified or hidden army, or one behind walls, cannot be
/// fallen on so, and a garrison strikes by sortie instead.
#[test]
fn a_night_attack_falls_with_surprise_on_an_army_in_the_open_and_tires_the_attackers() {
    let armies = army("song", "song", 3, 4, "foot: 10000", "")
        + &army("camp", "xia", 4, 4, "light_horse: 10000", "state: Encamped");
    let s = scenario("1066-10-01", &steppe(), "", &armies, "");
    let mut g = game(s.clone());
    let surprise = g.odds(A0, A1, true).attacker_strength;
    assert!(surprise > g.odds(A0, A1, false).attacker_strength * 2);
    let events = g
        .submit(
            SONG,
            &Order::NightAttack {
                army: A0,
                target: A1,
            },
        )
        .unwrap();
    let battle = events
        .iter()
        .find_map(|e| match e {
            Event::Battle {
                attacker_strength,
                factors,
                ..
            } => Some((*attacker_strength, factors.surprise)),
            _ => None,
        })
        .unwrap();
    assert_eq!(battle, (surprise, true));
    assert_eq!(g.army(A0).fatigue, 20);
    let night = Order::NightAttack {
        army: A0,
        target: A1,
    };
    let fortified = remake(&s, |sc| {
        sc.armies[1].state = ordos_core::load::scenario::StartState::Fortified
    });
    assert_eq!(
        game(fortified).check(SONG, &night),
        Err(OrderError::NotInTheOpen(ArmyState::Fortified))
    );
    let place = |owner: &str, hex: (i32, i32)| {
        format!(
            r#"(id: "walls", name: "Walls", kind: Fort, hex: ({}, {}), owner: "{owner}", walls: 2, water: true),"#,
            hex.0, hex.1
        )
    };
    let walled = scenario("1066-10-01", &steppe(), &place("xia", (4, 4)), &armies, "");
    assert_eq!(
        game(walled).check(SONG, &night),
        Err(OrderError::BehindWalls)
    );
    let garrison = scenario("1066-10-01", &steppe(), &place("song", (3, 4)), &armies, "");
    assert_eq!(
        game(garrison).check(SONG, &night),
        Err(OrderError::NotAFieldArmy)
    );
}

// ----- J. Wind --------------------------------------------------------------------------------

fn weather_on_the_first_day(
    s: &ordos_core::Setup,
    w: Weather,
) -> std::sync::Arc<ordos_core::Setup> {
    remake(s, |sc| {
        sc.schedule = vec![Scheduled {
            date: sc.start,
            event: ScheduledEvent::Weather(w),
        }]
    })
}

/// Pingxia 1098: "one night a great wind rose from the north-west and broke all the siege
/// carts" (Xixia shushi 30). In a gale an army not in a place of its own loses
/// `wind_engines_lost_pct` (80%) of its engines; a garrison's engines are sheltered.
#[test]
fn a_gale_wrecks_siege_engines_in_the_open() {
    let s = scenario(
        "1098-12-08",
        &steppe(),
        r#"(id: "pingxia", name: "Pingxia", kind: Fort, hex: (6, 6), owner: "song", walls: 2, stores_sheng: 100000, water: true),"#,
        &(army(
            "besiegers",
            "xia",
            3,
            4,
            "foot: 10000",
            "siege_engines: 100",
        ) + &army("garrison", "song", 6, 6, "foot: 5000", "siege_engines: 50")),
        "",
    );
    let mut g = game(weather_on_the_first_day(&s, Weather::Wind));
    g.end_turn();
    assert_eq!(g.state().weather, Weather::Wind);
    assert_eq!(g.army(A0).siege_engines, 20, "80 of 100 wrecked");
    assert_eq!(g.army(A1).siege_engines, 50, "inside the walls");
    let mut calm = game(weather_on_the_first_day(&s, Weather::Clear));
    calm.end_turn();
    assert_eq!(calm.army(A0).siege_engines, 100);
}

/// Dingchuan 1042: the black north-east wind (docs/campaigns/dingchuan-1042.md §8.6: archers and crossbowmen
/// -40%). In a gale crossbowmen fight at `wind_crossbow_pct` (60%).
#[test]
fn in_a_gale_crossbowmen_shoot_badly() {
    let s = scenario(
        "1042-11-12",
        &steppe(),
        "",
        &(army("crossbows", "song", 3, 4, "crossbow: 10000", "")
            + &army("xia", "xia", 4, 4, "foot: 10000", "")),
        "",
    );
    let strength = |w| {
        let mut g = game(weather_on_the_first_day(&s, w));
        g.end_turn();
        assert_eq!(g.state().weather, w);
        let o = g.odds(A0, A1, false);
        (o.attacker_strength, o.factors.wind)
    };
    let (gale, wind) = strength(Weather::Wind);
    let (clear, calm) = strength(Weather::Clear);
    assert!(wind && !calm);
    let pct = gale * 100 / clear;
    assert!((59..=61).contains(&pct), "{gale} / {clear}");
}

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

// ----- The new fields are checked where they are written ---------------------------------------

/// Every new field is validated, each error at its line: heights on the map and in range,
/// spare horses in range, quarrels between known armies of one side and dated in the scenario,
/// a `Leader` condition's army, a `Plunder` condition's grain, historical orders' hexes and
/// armies.
#[test]
fn the_new_fields_are_refused_at_their_lines_when_wrong() {
    let base = std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/small.ron",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let s = ordos_core::load::load_str("small.ron", &base).unwrap();
    let (a, b) = (&s.scenario.armies[0].id, &s.scenario.armies[1].id);
    let other_side = s
        .scenario
        .armies
        .iter()
        .find(|x| x.side != s.scenario.armies[0].side)
        .unwrap()
        .id
        .clone();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "        rows: [",
            "        heights: [((999, 0), 100)],\n".into(),
            "off the map",
        ),
        (
            "        rows: [",
            "        heights: [((0, 0), 12000)],\n".into(),
            "-500 to 9000",
        ),
        (
            "    victory:",
            format!("    quarrels: [(a: \"{a}\", b: \"nobody\")],\n"),
            "unknown army `nobody`",
        ),
        (
            "    victory:",
            format!("    quarrels: [(a: \"{a}\", b: \"{other_side}\")],\n"),
            "different sides",
        ),
        (
            "    victory:",
            format!("    quarrels: [(a: \"{a}\", b: \"{b}\", until: Some(\"0900-01-01\"))],\n"),
            "outside the scenario",
        ),
        (
            "    victory: [",
            "    victory: [(side: \"song\", condition: Leader(army: \"nobody\", fate: Killed)),\n"
                .into(),
            "unknown army `nobody`",
        ),
        (
            "    victory: [",
            "    victory: [(side: \"song\", condition: Plunder(sheng: 999999999999999)),\n".into(),
            "Plunder of",
        ),
    ];
    for (anchor, insert, words) in cases {
        let text = match anchor {
            "    victory: [" => base.replacen(anchor, insert.trim_end_matches('\n'), 1),
            _ => base.replacen(anchor, &format!("{insert}{anchor}"), 1),
        };
        assert_ne!(text, base, "{anchor} not found in small.ron");
        let e = load_str("small.ron", &text).unwrap_err();
        let d =
            e.0.iter()
                .find(|d| d.message.contains(words))
                .unwrap_or_else(|| panic!("no `{words}` in:\n{e}"));
        let line = text.lines().nth(d.line.max(1) - 1).unwrap();
        let key = insert.trim().split(':').next().unwrap().trim();
        assert!(
            line.contains(key) || insert.contains(line.trim()),
            "`{words}` points at `{line}`"
        );
    }
    let horses = base.replacen("men: (", "spare_horses: 5000000, men: (", 1);
    let e = load_str("small.ron", &horses).unwrap_err();
    assert!(e.to_string().contains("spare horses"), "{e}");
}

// ----- The accounts' orders and the AI ---------------------------------------------------------

/// The historical controller plays the new standing orders: `Recruit` in a friendly place,
/// `Flee`, `Plunder`, `NightMarch` through an enemy's zone, `NightAttack` on an army in the open
/// — each carried out, none refused.
#[test]
fn the_accounts_can_order_every_new_rule() {
    let armies = army("jiqian", "song", 1, 1, "foot: 3000", "")
        + &army("ge-huaimin", "song", 8, 7, "foot: 5000", "")
        + &army("liu-fa", "song", 3, 3, "foot: 10000", "")
        + &army("chage", "xia", 4, 4, "foot: 30000", "state: Encamped")
        + &army("raiders", "xia", 8, 1, "light_horse: 5000", "")
        + &army("night", "xia", 6, 6, "light_horse: 5000", "")
        + &army("camp", "song", 7, 6, "foot: 2000", "state: Encamped");
    let s = scenario(
        "1081-10-01",
        &["vvvvvvvvvv"; 8],
        r#"(id: "yinzhou", name: "Yinzhou", kind: WalledCity, hex: (1, 1), owner: "song", walls: 3, stores_sheng: 100000, water: true, levy_men: 1000),"#,
        &armies,
        "",
    );
    let order = |army: &str, order: StandingOrder| HistoricalOrder {
        date: date("1081-10-01"),
        army: army.into(),
        order,
        note: String::new(),
    };
    let s = remake(&s, |sc| {
        sc.historical = vec![
            order("jiqian", StandingOrder::Recruit),
            order("ge-huaimin", StandingOrder::Flee),
            order(
                "liu-fa",
                StandingOrder::NightMarch {
                    hex: Hex::new(5, 3),
                },
            ),
            order("raiders", StandingOrder::Plunder),
            order(
                "night",
                StandingOrder::NightAttack {
                    army: "camp".into(),
                },
            ),
        ]
    });
    let mut g = game(s);
    let mut c = [
        make(ControllerKind::Historical),
        make(ControllerKind::Historical),
    ];
    for (i, side) in [SONG, XIA].into_iter().enumerate() {
        for o in c[i].orders(&g, side) {
            g.submit(side, &o).unwrap();
        }
    }
    let happened = |f: &dyn Fn(&Event) -> bool| g.log().iter().any(|(_, _, e)| f(e));
    assert!(happened(&|e| matches!(
        e,
        Event::Recruited { men: 400, .. }
    )));
    assert!(happened(&|e| matches!(
        e,
        Event::LeaderFell {
            army: A1,
            fate: Leader::Fled
        }
    )));
    assert_eq!(g.army(ArmyId(2)).hex, Hex::new(5, 3), "slipped past Chage");
    assert!(happened(&|e| matches!(e, Event::Plundered { .. })));
    assert!(happened(&|e| matches!(
        e,
        Event::Battle {
            attacker: ArmyId(5),
            factors,
            ..
        } if factors.surprise
    )));
    assert!(c.iter().all(|c| c.refusals().is_empty()));
    // Carried out, they ask nothing more today (the routed camp falls back on Yinzhou).
    for (i, side) in [SONG, XIA].into_iter().enumerate() {
        let more = c[i].orders(&g, side);
        assert!(
            more.iter().all(|o| o.army() == ArmyId(6)
                && matches!(o, Order::Move { .. })
                && g.army(ArmyId(6)).state == ArmyState::Routed),
            "{side:?}: {more:?}"
        );
    }
}

/// Tsongkha 1105 for the AI: where its side's conditions pay for plunder, an army in the
/// enemy's country with nothing better to do strips it; without such a condition it does not.
#[test]
fn the_ai_plunders_the_enemys_country_where_its_conditions_pay_for_it() {
    let s = scenario(
        "1105-10-01",
        &["vvvvvvvvvv"; 8],
        r#"(id: "song-town", name: "Town", kind: Town, hex: (9, 7), owner: "song", walls: 1, water: true),"#,
        &(army("tanguts", "xia", 1, 1, "light_horse: 5000", "")
            + &army("song", "song", 9, 7, "foot: 1000", "state: Fortified")),
        "",
    );
    let with = remake(&s, |sc| {
        sc.victory = vec![victory("xia", Condition::Plunder { sheng: 500_000 })]
    });
    let plunders = |s| {
        let g = game(s);
        let mut ai = make(ControllerKind::Ai(ordos_core::play::ai::Level::Normal));
        ai.orders(&g, XIA)
            .iter()
            .any(|o| matches!(o, Order::Plunder { .. }))
    };
    assert!(plunders(with));
    assert!(!plunders(s));
}
