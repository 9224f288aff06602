//! The four campaigns of Jiqian's rebellion and Yuanhao's invasion (issue #15): Yinzhou 985,
//! Sanchuan 1040, Dingchuan 1042 and Helan 1044.
//!
//! For each: on historical orders the accounts' outcome comes out in most games (at least 21 of
//! 30 seeds here; `cargo run --release -p ordos-core --example playback -- scenarios/ID.ron 100`
//! for the full distribution) and comes out *because of the rules* — the test looks for the
//! events of the rules that make it (an ambush sprung, the snow lifting a siege, a spring cut and
//! a garrison surrendering to thirst, grain captured and paid out to recruits, horses dying and
//! men starving on burned land), not just the final score. Then every scenario is played to its
//! end by the AI on every side, and for the side history beat a small scripted controller shows
//! that a better line than history exists.

use ordos_core::Game;
use ordos_core::Order;
use ordos_core::load::load_path;
use ordos_core::model::event::{BattleResult, Event};
use ordos_core::model::state::{ArmyId, ArmyState, Cause, Leader, SideId};
use ordos_core::play::controller::Controller;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::sim::{play, summarize};
use std::path::Path;
use std::sync::Arc;

const SEEDS: u64 = 30;
/// "At least 70 of 100": 21 of 30.
const MOST: u32 = 21;

fn scenario(id: &str) -> Arc<ordos_core::Setup> {
    load_path(Path::new(&format!(
        "{}/../../scenarios/{id}.ron",
        env!("CARGO_MANIFEST_DIR")
    )))
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Plays a scenario with one controller per side, in the scenario's side order.
fn run(setup: &Arc<ordos_core::Setup>, seed: u64, mut c: Vec<Box<dyn Controller>>) -> Game {
    let mut g = Game::new(setup.clone(), seed);
    play(&mut g, &mut c);
    assert!(g.is_over(), "seed {seed}: the game reaches its end");
    g
}

fn historical(setup: &Arc<ordos_core::Setup>, seed: u64) -> Game {
    let c = setup
        .scenario
        .sides
        .iter()
        .map(|_| make(ControllerKind::Historical))
        .collect();
    run(setup, seed, c)
}

fn army(g: &Game, id: &str) -> ArmyId {
    g.army_id(id).unwrap_or_else(|| panic!("no army {id}"))
}

fn side(g: &Game, id: &str) -> SideId {
    g.side_id(id).unwrap()
}

fn winner(g: &Game) -> String {
    summarize(g).winner
}

fn owner(g: &Game, place: &str) -> Option<SideId> {
    g.place(g.place_id(place).unwrap()).owner
}

/// Another controller's orders, less those `keep` drops.
struct Filtered {
    inner: Box<dyn Controller>,
    keep: fn(&Order) -> bool,
}

impl Controller for Filtered {
    fn orders(&mut self, g: &Game, side: SideId) -> Vec<Order> {
        self.inner
            .orders(g, side)
            .into_iter()
            .filter(|o| (self.keep)(o))
            .collect()
    }
}

/// Marches `army` towards `goal` as far as it goes today (nothing if it is there or has moved).
fn march(g: &Game, army: ArmyId, goal: ordos_core::hex::Hex) -> Option<Order> {
    let a = g.army(army);
    if !a.is_active() || a.moved || a.hex == goal {
        return None;
    }
    let path = g.find_path(a, goal)?;
    let path = g.truncate_to_turn(a, &path, false);
    (!path.is_empty()).then_some(Order::Move {
        army,
        path,
        forced: false,
    })
}

// ----- Yinzhou 985 ------------------------------------------------------------------------------

/// Jiqian lures Cao Guangshi out into an ambush, walks into the city his men have left, and pays
/// the men of the country from its granary: "Along with Yinzhou, Jiqian captured large amounts
/// of supply, allowing him to increase his following."
#[test]
fn yinzhou_the_lure_takes_the_city_and_its_grain_buys_a_following() {
    let s = scenario("yinzhou-985");
    let (mut lured, mut taken, mut grew, mut xia) = (0, 0, 0, 0);
    let mut recruits = Vec::new();
    for seed in 1..=SEEDS {
        let g = historical(&s, seed);
        let (cao, yinzhou) = (army(&g, "cao-guangshi"), g.place_id("yinzhou").unwrap());
        let jiqian_side = side(&g, "xia");
        // The lure: Cao rides out, walks into the hidden riders, and his escort is destroyed.
        let ambushed = g
            .log()
            .iter()
            .any(|(_, _, e)| matches!(e, Event::Ambushed { army, .. } if *army == cao));
        let escort = g.army(cao);
        if ambushed && escort.men.total() * 10 <= escort.men_start {
            lured += 1;
        }
        // The city taken by the rebels in the second month (by walking into empty walls), with
        // its stores.
        let captured = g.log().iter().find_map(|(_, d, e)| match e {
            Event::PlaceCaptured {
                place,
                side,
                stores_ge,
            } if *place == yinzhou && *side == jiqian_side => Some((*d, *stores_ge)),
            _ => None,
        });
        if let Some((d, stores)) = captured
            && d <= "0985-03-28".parse().unwrap()
            && stores > 0
        {
            taken += 1;
        }
        // The following bought with Yinzhou's grain: men enlisted there, each paid from its
        // stores.
        let (men, paid): (u32, u64) = g
            .log()
            .iter()
            .filter_map(|(_, _, e)| match e {
                Event::Recruited { place, men, ge, .. } if *place == yinzhou => Some((*men, *ge)),
                _ => None,
            })
            .fold((0, 0), |(m, p), (a, b)| (m + a, p + b));
        recruits.push(men);
        let (start, _, _) = g.side_totals(jiqian_side);
        // Everyone who served: the 4,500 of the start, the levies and the recruits.
        if men >= 8000 && paid > 0 && start >= 3 * 4500 {
            grew += 1;
        }
        if winner(&g) == "xia" {
            xia += 1;
        }
    }
    recruits.sort();
    eprintln!(
        "Yinzhou: lured {lured}, taken {taken}, grew {grew}, rebels won {xia} of {SEEDS}; recruits {recruits:?}"
    );
    assert!(
        lured >= MOST,
        "Cao lured and destroyed in {lured} of {SEEDS}"
    );
    assert!(taken >= MOST, "Yinzhou seized with its stores in {taken}");
    assert!(grew >= MOST, "the following grew from the stores in {grew}");
    assert!(xia >= MOST, "the rebels won in {xia}");
}

/// A Song commander who does not take the bait: Cao and his old soldiers stay in Yinzhou. The
/// rebels never get the granary, so they never buy a following, and the Song keep the city.
struct Unlured;

impl Controller for Unlured {
    fn orders(&mut self, g: &Game, side: SideId) -> Vec<Order> {
        let home = g.place(g.place_id("yinzhou").unwrap()).hex;
        let keep = [army(g, "cao-guangshi"), army(g, "yinzhou-garrison")];
        let mut out: Vec<Order> = make(ControllerKind::Historical)
            .orders(g, side)
            .into_iter()
            .filter(|o| !keep.contains(&o.army()))
            .collect();
        for id in keep {
            let a = g.army(id);
            if a.is_active() && a.hex == home && a.state != ArmyState::Fortified {
                out.push(Order::Fortify { army: id });
            }
        }
        out
    }
}

#[test]
fn yinzhou_a_song_commander_who_stays_behind_his_walls_beats_history() {
    let s = scenario("yinzhou-985");
    for seed in [1, 2, 3] {
        let g = run(
            &s,
            seed,
            vec![Box::new(Unlured), make(ControllerKind::Historical)],
        );
        assert_eq!(owner(&g, "yinzhou"), g.side_id("song"), "seed {seed}");
        let recruited = g
            .log()
            .iter()
            .any(|(_, _, e)| matches!(e, Event::Recruited { .. }));
        assert!(!recruited, "seed {seed}: no granary, no following");
        assert_eq!(winner(&g), "song", "seed {seed}: {}", summarize(&g).reason);
    }
}

// ----- Sanchuan 1040 ----------------------------------------------------------------------------

/// Liu Ping's column marches down the valley into the 50,000 hidden at Sanchuankou, is broken,
/// surrounded and taken; the heavy snow of 15–17 March makes Yuanhao lift the siege, and Yanzhou
/// holds.
#[test]
fn sanchuan_liu_ping_is_taken_at_the_pass_and_the_snow_saves_yanzhou() {
    let s = scenario("sanchuan-1040");
    let (mut history, mut ambushed, mut taken, mut snow) = (0, 0, 0, 0);
    let mut song_captured = Vec::new();
    for seed in 1..=SEEDS {
        let g = historical(&s, seed);
        let (liu, yuanhao) = (army(&g, "liu-ping"), army(&g, "yuanhao"));
        let was_ambushed = g
            .log()
            .iter()
            .any(|(_, _, e)| matches!(e, Event::Ambushed { army, .. } if *army == liu));
        let was_taken = g.log().iter().any(|(_, _, e)| {
            matches!(e, Event::LeaderFell { army, fate: Leader::Captured } if *army == liu)
        });
        let lifted_by_snow = g.log().iter().any(|(_, _, e)| {
            matches!(e, Event::SiegeLifted { army, reason, .. }
                if *army == yuanhao && reason == "heavy snow")
        });
        let held = owner(&g, "yanzhou") == g.side_id("song");
        let column = g.army(liu);
        let destroyed = column.men.total() * 10 < column.men_start * 3;
        ambushed += u32::from(was_ambushed);
        taken += u32::from(was_taken);
        snow += u32::from(lifted_by_snow);
        if was_ambushed && was_taken && destroyed && lifted_by_snow && held && winner(&g) == "xia" {
            history += 1;
        }
        song_captured.push(g.side_totals(side(&g, "song")).2.get(Cause::Captured));
    }
    song_captured.sort();
    eprintln!(
        "Sanchuan: history {history}, ambushed {ambushed}, Liu Ping taken {taken}, lifted by snow {snow} of {SEEDS}; Song captured {song_captured:?}"
    );
    assert!(
        history >= MOST,
        "the accounts' outcome in {history} of {SEEDS}"
    );
    // The losses tell the story: the relief column was taken, not starved.
    assert!(song_captured[song_captured.len() / 2] >= 4000);
}

/// A Song commander who ignores the contradictory orders: Liu Ping's column stays at Bao'an.
/// Yanzhou holds all the same (its walls and the snow), and the column is kept.
struct StayAtBaoan;

impl Controller for StayAtBaoan {
    fn orders(&mut self, g: &Game, side: SideId) -> Vec<Order> {
        let keep = [army(g, "liu-ping"), army(g, "huang-dehe")];
        let baoan = g.place(g.place_id("baoan").unwrap()).hex;
        let mut out: Vec<Order> = make(ControllerKind::Historical)
            .orders(g, side)
            .into_iter()
            .filter(|o| !keep.contains(&o.army()))
            .collect();
        for id in keep {
            if let Some(o) = march(g, id, baoan) {
                out.push(o);
            } else if g.army(id).hex == baoan && g.army(id).state != ArmyState::Fortified {
                out.push(Order::Fortify { army: id });
            }
        }
        out
    }
}

#[test]
fn sanchuan_a_song_player_who_keeps_out_of_the_valley_beats_history() {
    let s = scenario("sanchuan-1040");
    for seed in [1, 2, 3] {
        let g = run(
            &s,
            seed,
            vec![Box::new(StayAtBaoan), make(ControllerKind::Historical)],
        );
        let liu = g.army(army(&g, "liu-ping"));
        assert_ne!(liu.leader, Leader::Captured, "seed {seed}");
        assert!(liu.men.total() * 10 >= liu.men_start * 7, "seed {seed}");
        assert_eq!(owner(&g, "yanzhou"), g.side_id("song"), "seed {seed}");
        assert_eq!(winner(&g), "song", "seed {seed}: {}", summarize(&g).reason);
    }
}

// ----- Dingchuan 1042 ---------------------------------------------------------------------------

/// Ge Huaimin leads his columns into Dingchuan; the Tanguts surround it and cut its spring; Ge
/// runs; the garrison, without water, gives up. Jing Tai's horse beats the Tangut vanguard, and
/// Zhenrong and Weizhou hold.
#[test]
fn dingchuan_the_spring_is_cut_and_the_garrison_is_destroyed() {
    let s = scenario("dingchuan-1042");
    let fort_armies = ["ge-huaimin", "liu-he", "cao-ying", "zhao-xun"];
    let (mut history, mut vanguard) = (0, 0);
    let mut lost = Vec::new();
    for seed in 1..=SEEDS {
        let g = historical(&s, seed);
        let dingchuan = g.place_id("dingchuan").unwrap();
        let cut = g
            .log()
            .iter()
            .any(|(_, _, e)| matches!(e, Event::WaterCut { place, .. } if *place == dingchuan));
        let ge = army(&g, "ge-huaimin");
        let fled = g.log().iter().any(
            |(_, _, e)| matches!(e, Event::LeaderFell { army, fate: Leader::Fled } if *army == ge),
        );
        // The garrison destroyed: every army that went into the fort surrendered, after thirst.
        let mut destroyed = true;
        let (mut thirst, mut men) = (0, 0);
        for id in fort_armies {
            let a = g.army(army(&g, id));
            destroyed &= a.state == ArmyState::Destroyed;
            destroyed &= g
                .log()
                .iter()
                .any(|(_, _, e)| matches!(e, Event::Surrendered { army, .. } if *army == a.id));
            thirst += a.losses.get(Cause::Thirst);
            men += a.men_start;
        }
        lost.push(men);
        // Jing Tai beats the vanguard: a battle between them that the Tanguts lose.
        let (jing, van) = (army(&g, "jing-tai"), army(&g, "xia-van"));
        let beaten = g.log().iter().any(|(_, _, e)| match e {
            Event::Battle {
                attacker,
                defender,
                result,
                ..
            } => {
                (*attacker == jing
                    && *defender == van
                    && matches!(
                        result,
                        BattleResult::DefenderRetreats | BattleResult::DefenderRouted
                    ))
                    || (*attacker == van
                        && *defender == jing
                        && matches!(
                            result,
                            BattleResult::AttackerRepulsed | BattleResult::AttackerRouted
                        ))
            }
            _ => false,
        });
        vanguard += u32::from(beaten);
        let held =
            owner(&g, "zhenrong") == g.side_id("song") && owner(&g, "weizhou") == g.side_id("song");
        if cut && fled && destroyed && thirst > 0 && beaten && held && winner(&g) == "xia" {
            history += 1;
        }
    }
    eprintln!(
        "Dingchuan: history {history}, vanguard beaten {vanguard} of {SEEDS}; the fort's armies {lost:?}"
    );
    assert!(
        history >= MOST,
        "the accounts' outcome in {history} of {SEEDS}"
    );
}

/// Ge Huaimin obeys Wang Yan: "do not go deep; camp with your back to the walls". The field
/// armies stay at Zhenrong; the Tanguts get no army to surround and go home with little.
struct BackToTheWalls;

impl Controller for BackToTheWalls {
    fn orders(&mut self, g: &Game, side: SideId) -> Vec<Order> {
        let field =
            ["ge-huaimin", "liu-he", "cao-ying", "zhao-xun", "liu-zhan"].map(|id| army(g, id));
        let zhenrong = g.place(g.place_id("zhenrong").unwrap()).hex;
        let mut out: Vec<Order> = make(ControllerKind::Historical)
            .orders(g, side)
            .into_iter()
            .filter(|o| !field.contains(&o.army()))
            .collect();
        for id in field {
            if let Some(o) = march(g, id, zhenrong) {
                out.push(o);
            } else if g.army(id).hex == zhenrong && g.army(id).state != ArmyState::Fortified {
                out.push(Order::Fortify { army: id });
            }
        }
        out
    }
}

#[test]
fn dingchuan_a_song_general_who_obeys_wang_yan_beats_history() {
    let s = scenario("dingchuan-1042");
    for seed in [1, 2, 3] {
        let history = historical(&s, seed).side_totals(SideId(0));
        let g = run(
            &s,
            seed,
            vec![Box::new(BackToTheWalls), make(ControllerKind::Historical)],
        );
        let ge = g.army(army(&g, "ge-huaimin"));
        assert!(ge.men.total() * 10 >= ge.men_start * 6, "seed {seed}");
        let song = g.side_totals(side(&g, "song"));
        assert!(
            (song.0 - song.1) * 2 < history.0 - history.1,
            "seed {seed}: the Song lost {}, in history {}",
            song.0 - song.1,
            history.0 - history.1
        );
        assert_eq!(winner(&g), "song", "seed {seed}: {}", summarize(&g).reason);
    }
}

// ----- Helan 1044 -------------------------------------------------------------------------------

/// Liao men lost to hunger, and horses dead for want of grazing (spare and ridden), in a game.
fn liao_hunger_and_horses(g: &Game) -> (u32, u32) {
    liao_hunger_and_horses_before(g, g.scenario().end.plus_days(1))
}

/// The same, counting only the days before `day`.
fn liao_hunger_and_horses_before(g: &Game, day: ordos_core::calendar::Date) -> (u32, u32) {
    let liao = side(g, "liao");
    let (mut hunger, mut horses) = (0, 0);
    for (_, d, e) in g.log() {
        if *d >= day {
            continue;
        }
        match e {
            Event::Attrition {
                army,
                cause: Cause::Hunger,
                men,
                ..
            } if g.army(*army).side == liao => hunger += men,
            Event::Dismounted {
                army,
                light,
                heavy,
                spare,
            } if g.army(*army).side == liao => horses += light + heavy + spare,
            _ => {}
        }
    }
    (hunger, horses)
}

/// Xiao Hui beats Yuanhao north of the Helan; the Xia fall back and burn the land; the Liao
/// horses die and their men starve on it; the Xia strike on 23 November and the Liao go home
/// without coming near Xingqing.
#[test]
fn helan_the_liao_win_a_first_fight_and_starve_on_the_burned_land() {
    let s = scenario("helan-1044");
    let (mut history, mut strokes) = (0, 0);
    let (mut hungers, mut horses) = (Vec::new(), Vec::new());
    for seed in 1..=SEEDS {
        let g = historical(&s, seed);
        let (hui, yuanhao) = (army(&g, "xiao-hui"), army(&g, "yuanhao"));
        // The first fight: the Liao attack and Yuanhao gives way.
        let first = g.log().iter().find_map(|(_, _, e)| match e {
            Event::Battle {
                attacker,
                defender,
                result,
                ..
            } if *attacker == hui && *defender == yuanhao => Some(*result),
            _ => None,
        });
        let liao_won_first = matches!(
            first,
            Some(BattleResult::DefenderRetreats | BattleResult::DefenderRouted)
        );
        // The Xia's counterstroke of 23 November beats the starving northern column.
        let struck_on: ordos_core::calendar::Date = "1044-11-20".parse().unwrap();
        let counterstroke = g.log().iter().any(|(_, d, e)| {
            *d >= struck_on
                && matches!(e, Event::Battle { attacker, defender, result, .. }
                    if *attacker == yuanhao && *defender == hui
                        && matches!(result, BattleResult::DefenderRetreats | BattleResult::DefenderRouted))
        });
        let (hunger, dead_horses) = liao_hunger_and_horses(&g);
        hungers.push(hunger);
        horses.push(dead_horses);
        let (start, now, _) = g.side_totals(side(&g, "liao"));
        let mauled = (start - now) * 5 >= start; // a fifth of the host or more
        let capital_held = owner(&g, "xingqing") == g.side_id("xia");
        eprintln!(
            "seed {seed}: first {first:?}, counterstroke {counterstroke}, starved {hunger}, horses {dead_horses}, lost {} of {start}, Xingqing {capital_held}, {}",
            start - now,
            winner(&g)
        );
        strokes += u32::from(counterstroke);
        if liao_won_first
            && hunger >= 3000
            && dead_horses >= 20000
            && mauled
            && capital_held
            && winner(&g) == "xia"
        {
            history += 1;
        }
    }
    hungers.sort();
    horses.sort();
    eprintln!(
        "Helan: history {history}, the counterstroke {strokes} of {SEEDS}; Liao starved {hungers:?}; horses dead {horses:?}"
    );
    assert!(
        history >= MOST,
        "the accounts' outcome in {history} of {SEEDS}"
    );
    // Where the first fight broke Yuanhao's army outright there is no counterstroke to make;
    // otherwise the starving northern column is beaten.
    assert!(strokes >= MOST, "the counterstroke in {strokes} of {SEEDS}");
}

/// The same campaign with the Xia burning nothing (their scorched-earth orders dropped): while
/// the Liao wait for the talks to end (up to the Xia attack of 23 November) their foragers find
/// grain wherever they camp and their horses graze, so far fewer Liao starve and far fewer
/// horses die. It is the burned land, not the calendar, that starves them.
#[test]
fn helan_without_the_scorched_earth_the_liao_do_not_starve() {
    let s = scenario("helan-1044");
    let unburned = || -> Box<dyn Controller> {
        Box::new(Filtered {
            inner: make(ControllerKind::Historical),
            keep: |o| !matches!(o, Order::Scorch { .. }),
        })
    };
    let before: ordos_core::calendar::Date = "1044-11-23".parse().unwrap();
    let (mut burned, mut not) = ((0, 0), (0, 0));
    for seed in 1..=5 {
        let g = historical(&s, seed);
        let (h, d) = liao_hunger_and_horses_before(&g, before);
        burned = (burned.0 + h, burned.1 + d);
        let g = run(
            &s,
            seed,
            vec![
                make(ControllerKind::Historical),
                unburned(),
                make(ControllerKind::Historical),
            ],
        );
        let (h, d) = liao_hunger_and_horses_before(&g, before);
        not = (not.0 + h, not.1 + d);
    }
    eprintln!(
        "Liao starved {} and horses dead {} with the scorched earth, {} and {} without",
        burned.0, burned.1, not.0, not.1
    );
    assert!(
        not.0 * 2 < burned.0,
        "starved: {} without, {} with",
        not.0,
        burned.0
    );
    assert!(
        not.1 * 2 < burned.1,
        "horses: {} without, {} with",
        not.1,
        burned.1
    );
}

/// A Liao emperor who takes the first victory and goes home: after Xiao Hui's win, every Liao
/// column marches back towards Jinsu, its foragers out wherever the country is not burned,
/// before the burned land and the Xia counterstroke can eat it.
struct TakeTheVictoryHome;

impl Controller for TakeTheVictoryHome {
    fn orders(&mut self, g: &Game, side: SideId) -> Vec<Order> {
        let turn_home: ordos_core::calendar::Date = "1044-11-03".parse().unwrap();
        if g.state().date < turn_home {
            return make(ControllerKind::Historical).orders(g, side);
        }
        let home = g.place(g.place_id("jinsu").unwrap()).hex;
        let mut out = Vec::new();
        for a in g
            .state()
            .armies
            .iter()
            .filter(|a| a.side == side && a.is_active())
        {
            let forage = Order::Plunder { army: a.id };
            if g.food_days(a) <= 2 && !g.land(a.hex).scorched && g.check(side, &forage).is_ok() {
                out.push(forage);
            } else if let Some(o) = march(g, a.id, home) {
                out.push(o);
            }
        }
        out
    }
}

#[test]
fn helan_a_liao_emperor_who_goes_home_after_the_first_victory_beats_history() {
    let s = scenario("helan-1044");
    for seed in [1, 2] {
        let g = historical(&s, seed);
        let history = g.side_totals(side(&g, "liao"));
        let history_points = ordos_core::points_by_side(&g)[0];
        let g = run(
            &s,
            seed,
            vec![
                Box::new(TakeTheVictoryHome),
                make(ControllerKind::Historical),
                make(ControllerKind::Historical),
            ],
        );
        let home = g.side_totals(side(&g, "liao"));
        let points = ordos_core::points_by_side(&g)[0];
        eprintln!(
            "seed {seed}: the Liao lost {} in history ({history_points} points), {} going home ({points} points; {})",
            history.0 - history.1,
            home.0 - home.1,
            summarize(&g).reason
        );
        assert!(
            (home.0 - home.1) * 3 < (history.0 - history.1) * 2,
            "seed {seed}: lost {} going home, {} in history",
            home.0 - home.1,
            history.0 - history.1
        );
        assert!(
            points > history_points,
            "seed {seed}: {points} points, history {history_points}"
        );
    }
}

// ----- AI against AI ----------------------------------------------------------------------------

/// Every side played by the AI: each scenario runs to its end (`run` asserts it), and the men
/// every side lost add up to its losses by cause.
#[test]
fn the_ai_plays_every_side_of_each_scenario_to_the_end() {
    for id in [
        "yinzhou-985",
        "sanchuan-1040",
        "dingchuan-1042",
        "helan-1044",
    ] {
        let s = scenario(id);
        for seed in [1, 2] {
            let c = s
                .scenario
                .sides
                .iter()
                .map(|_| make(ControllerKind::Ai(ordos_core::play::ai::Level::Normal)))
                .collect();
            let g = run(&s, seed, c);
            let sum = summarize(&g);
            for (name, side) in &sum.sides {
                assert!(side.men_end <= side.men_start, "{id} {name}");
                let lost: u32 = Cause::ALL.iter().map(|c| side.losses.get(*c)).sum();
                assert_eq!(
                    side.men_start - side.men_end,
                    lost,
                    "{id} {name}: losses add up"
                );
            }
            eprintln!(
                "{id} seed {seed} (AI against AI): {} — {}",
                sum.winner, sum.reason
            );
        }
    }
}
