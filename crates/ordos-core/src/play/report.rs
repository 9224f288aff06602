//! The game in words, written once: the log's line for an event, a battle's result, the
//! weather, men lost by cause, where a hex lies, the battle report and the after-action report.
//! The command line and the game shell both say things this way.

use crate::game::Game;
use crate::hex::Hex;
use crate::load::scenario::Weather;
use crate::model::event::{BattleResult, Event};
use crate::model::state::{ArmyId, ArmyState, Cause, Losses, SideId};
use crate::play::sim::summarize;
use std::collections::BTreeMap;

/// A number of men, short, for a counter or a log line: `850`, `4.2k`, `30k`.
pub fn men_short(men: u32) -> String {
    if men >= 10_000 {
        format!("{}k", (men + 500) / 1000)
    } else if men >= 1000 {
        let tenths = (men + 50) / 100;
        format!("{}.{}k", tenths / 10, tenths % 10)
    } else {
        men.to_string()
    }
}

/// How a battle ended, in words.
pub fn result_words(result: BattleResult) -> &'static str {
    match result {
        BattleResult::Indecisive => "indecisive",
        BattleResult::DefenderRetreats => "the defender falls back",
        BattleResult::DefenderRouted => "the defender is routed",
        BattleResult::AttackerRepulsed => "the attack is thrown back",
        BattleResult::AttackerRouted => "the attacker is routed",
        BattleResult::PlaceStormed => "the walls are stormed",
    }
}

/// The day's weather in a word.
pub fn weather_word(w: Weather) -> &'static str {
    match w {
        Weather::Clear => "clear",
        Weather::Rain => "rain",
        Weather::Snow => "snow",
        Weather::Heat => "heat",
        Weather::Wind => "a gale",
    }
}

fn army_name(g: &Game, a: ArmyId) -> String {
    g.scenario().armies[usize::from(a.0)].name.clone()
}

fn side_name(g: &Game, s: SideId) -> String {
    g.scenario().sides[usize::from(s.0)].name.clone()
}

/// One line of the log for an event, or None for the routine ones.
pub fn describe_event(g: &Game, e: &Event) -> Option<String> {
    let name = |a: ArmyId| army_name(g, a);
    let side = |s: SideId| side_name(g, s);
    Some(match e {
        Event::Chronicle { date, text } => {
            format!("{date} — in the accounts: {}", chronicle_text(text))
        }
        Event::Ambushed { army, by, .. } => format!(
            "AMBUSH! {} is attacked from hiding by {}",
            name(*army),
            by.iter().map(|b| name(*b)).collect::<Vec<_>>().join(", ")
        ),
        Event::Battle {
            attacker,
            defender,
            attacker_losses,
            defender_losses,
            result,
            factors,
            ..
        } => {
            let how = result_words(*result);
            let surprise = if factors.surprise { " (surprise)" } else { "" };
            format!(
                "{} attacks {}{surprise}: losses {} / {}; {how}",
                name(*attacker),
                name(*defender),
                men_short(attacker_losses.total()),
                men_short(defender_losses.total())
            )
        }
        Event::Surrendered { army, men } => {
            format!("{} surrenders: {} men taken", name(*army), men_short(*men))
        }
        Event::PlaceCaptured { place, side: s, .. } => {
            format!("{} is taken by {}", g.place(*place).name, side(*s))
        }
        Event::SiegeBegun { army, place, .. } => {
            format!("{} besieges {}", name(*army), g.place(*place).name)
        }
        Event::SiegeLifted {
            army,
            place,
            reason,
        } => format!(
            "{} lifts the siege of {}: {reason}",
            name(*army),
            g.place(*place).name
        ),
        Event::StateChanged {
            army,
            state: ArmyState::Routed,
        } => format!("{} is routed", name(*army)),
        Event::PortersSentHome { army, porters, .. } => format!(
            "{}: {} porters, their loads eaten, go home",
            name(*army),
            men_short(*porters)
        ),
        Event::LeaderFell { army, fate } => format!(
            "{} {} ({})",
            g.scenario().armies[usize::from(army.0)].commander,
            fate.describe(),
            name(*army)
        ),
        Event::Recruited {
            army, place, men, ..
        } => format!(
            "{} enlists {} men at {}, paid from its stores",
            name(*army),
            men_short(*men),
            g.place(*place).name
        ),
        Event::Dismounted {
            army,
            light,
            heavy,
            spare,
        } => {
            let riders = light + heavy;
            let on_foot = if riders > 0 {
                format!("; {} horsemen go on foot", men_short(riders))
            } else {
                String::new()
            };
            format!(
                "{}: {} horses die for want of grazing{on_foot}",
                name(*army),
                men_short(riders + spare)
            )
        }
        Event::Plundered { army, ge, .. } => format!(
            "{} plunders the country around it: {} sheng of grain taken, the rest burned",
            name(*army),
            thousands(u32::try_from(ge / 10).unwrap_or(u32::MAX))
        ),
        Event::ConditionMet { side: s, text, .. } => format!("{}: {text}", side(*s)),
        Event::GameOver { reason, .. } => format!("The game is over: {reason}"),
        Event::Weather { weather, date } if *weather != Weather::Clear => {
            format!("{date}: {}", weather_word(*weather))
        }
        _ => return None,
    })
}

/// Men lost, by cause, in words: "30 killed, 45 wounded".
pub fn losses_in_words(l: &Losses) -> String {
    let parts: Vec<String> = Cause::ALL
        .iter()
        .filter(|c| l.get(**c) > 0)
        .map(|c| format!("{} {}", men_short(l.get(*c)), c.short()))
        .collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}

/// Every battle in the log from `from` on, with losses by cause.
pub fn battle_report(g: &Game, from: usize) -> String {
    let name = |a: ArmyId| army_name(g, a);
    let mut out = String::new();
    for (_, date, e) in g.log().get(from..).unwrap_or_default() {
        if let Event::Battle {
            attacker,
            defender,
            hex,
            attacker_losses,
            defender_losses,
            result,
            factors,
            ..
        } = e
        {
            let how = result_words(*result);
            let surprise = if factors.surprise {
                ", by surprise"
            } else {
                ""
            };
            out.push_str(&format!(
                "{date}: {} attacks {} {}{surprise} — {how}\n  {}: {}\n  {}: {}\n",
                name(*attacker),
                name(*defender),
                describe_hex(g, *hex),
                name(*attacker),
                losses_in_words(attacker_losses),
                name(*defender),
                losses_in_words(defender_losses),
            ));
        }
    }
    out
}

/// Where an army lost most of its men to each cause (from the event log).
fn loss_sites(game: &Game, army: ArmyId) -> BTreeMap<Cause, Hex> {
    let mut by: BTreeMap<(Cause, Hex), u32> = BTreeMap::new();
    let mut add = |c: Cause, h: Hex, n: u32| *by.entry((c, h)).or_default() += n;
    for (_, _, e) in game.log() {
        match e {
            Event::Attrition {
                army: a,
                hex,
                cause,
                men,
                ..
            } if *a == army => add(*cause, *hex, *men),
            Event::Battle {
                attacker,
                defender,
                hex,
                attacker_losses,
                defender_losses,
                supporting,
                ..
            } => {
                let mine = if *attacker == army {
                    Some(attacker_losses)
                } else if *defender == army {
                    Some(defender_losses)
                } else {
                    supporting
                        .iter()
                        .find(|s| s.army == army)
                        .map(|s| &s.losses)
                };
                if let Some(l) = mine {
                    for c in Cause::ALL {
                        add(c, *hex, l.get(c));
                    }
                }
            }
            Event::Surrendered { army: a, men } if *a == army => {
                add(Cause::Captured, game.army(army).hex, *men)
            }
            _ => {}
        }
    }
    let mut best: BTreeMap<Cause, (u32, Hex)> = BTreeMap::new();
    for ((c, h), n) in by {
        if best.get(&c).is_none_or(|b| n > b.0) {
            best.insert(c, (n, h));
        }
    }
    best.into_iter().map(|(c, (_, h))| (c, h)).collect()
}

/// A hex in words: at or near a place, near a named feature, or its coordinates.
pub fn describe_hex(game: &Game, h: Hex) -> String {
    let place = game
        .scenario()
        .places
        .iter()
        .min_by_key(|p| (p.hex.distance(h), p.id.clone()));
    if let Some(p) = place.filter(|p| p.hex.distance(h) <= 2) {
        return if p.hex == h {
            format!("at {}", p.name)
        } else {
            format!("near {}", p.name)
        };
    }
    let label = game
        .scenario()
        .map
        .labels
        .iter()
        .min_by_key(|(lh, name)| (lh.distance(h), name.clone()));
    if let Some((_, name)) = label.filter(|(lh, _)| lh.distance(h) <= 3) {
        return format!("near {name}");
    }
    format!("in the field at {h}")
}

/// A readable after-action report.
pub fn report(game: &Game) -> String {
    let s = summarize(game);
    let mut out = String::new();
    out.push_str(&format!("{} — seed {}\n", game.scenario().title, s.seed));
    out.push_str(&format!(
        "Ended {} after {} turns. Winner: {} ({}).\n",
        s.end_date, s.turns, s.winner, s.reason
    ));
    for (i, side) in game.scenario().sides.iter().enumerate() {
        let (start, end, losses) = game.side_totals(SideId(i as u8));
        if start == 0 {
            continue;
        }
        out.push_str(&format!(
            "\n{}: {} men at the start, {} at the end.\n",
            side.name,
            thousands(start),
            thousands(end)
        ));
        for a in game
            .state()
            .armies
            .iter()
            .filter(|a| usize::from(a.side.0) == i && a.state != ArmyState::Awaiting)
        {
            let def = &game.scenario().armies[usize::from(a.id.0)];
            let state = format!("{:?}", a.state).to_lowercase();
            out.push_str(&format!(
                "  {} ({}): {} of {} men, {state}, {}.\n",
                def.name,
                def.commander,
                thousands(a.men.total()),
                thousands(a.men_start),
                describe_hex(game, a.hex)
            ));
            let sites = loss_sites(game, a.id);
            for c in Cause::ALL {
                let n = a.losses.get(c);
                if n > 0 {
                    let at = sites.get(&c).map_or(String::new(), |h| {
                        format!(", most {}", describe_hex(game, *h))
                    });
                    out.push_str(&format!("    {} {}{at}.\n", thousands(n), c.describe()));
                }
            }
        }
        if losses.total() == 0 {
            out.push_str("  No losses.\n");
        }
    }
    out.push_str("\nPlaces: ");
    out.push_str(
        &s.places
            .iter()
            .map(|(p, o)| format!("{p} ({o})"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    out.push('\n');
    if !game.scenario().historical_outcome.is_empty() {
        out.push_str(&format!(
            "\nIn history: {}\n",
            game.scenario().historical_outcome
        ));
    }
    out
}

/// An order of the accounts the rules refused, in words: when, who, which order, why.
pub fn refusal_lines(g: &Game, refused: &[crate::play::controller::Refusal]) -> Vec<String> {
    refused
        .iter()
        .map(|r| {
            let order = g
                .scenario()
                .historical
                .get(r.order)
                .map_or(String::new(), |h| format!("{:?}", h.order));
            format!(
                "{}: {} — historical[{}] {order}: {}",
                r.date,
                g.army_name(r.army),
                r.order,
                r.reason
            )
        })
        .collect()
}

/// One row of `ordos map`: a place or an army, where it is and what the country is there.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MapRow {
    /// `place` or `army`.
    pub what: &'static str,
    pub id: String,
    pub name: String,
    pub side: String,
    pub hex: Hex,
    /// Degrees north and east of the hex's centre, on a generated map.
    pub lat_lon: Option<(f64, f64)>,
    pub terrain: String,
    /// Water on the hex, or next to it.
    pub water_here: bool,
    pub water_near: bool,
    /// Share of a man's ration the country gives today, percent.
    pub forage_pct: u64,
    /// For an army: the place on its hex, or the nearest place and how far.
    pub at: String,
}

/// Every place and army with its hex and country.
pub fn map_rows(g: &Game) -> Vec<MapRow> {
    let season = g.state().date.season();
    let row = |what, id: &str, name: &str, side: Option<SideId>, hex: Hex| {
        let near = g
            .state()
            .places
            .iter()
            .min_by_key(|p| (p.hex.distance(hex), p.id))
            .map_or(String::new(), |p| {
                let d = p.hex.distance(hex);
                if d == 0 {
                    format!("in {}", p.key)
                } else {
                    format!("{d} hex{} from {}", if d == 1 { "" } else { "es" }, p.key)
                }
            });
        MapRow {
            what,
            id: id.to_string(),
            name: name.to_string(),
            side: side.map_or("none".into(), |s| g.side_name(s).to_string()),
            hex,
            lat_lon: g
                .map()
                .lat_lon(hex)
                .map(|(a, b)| ((a * 1000.0).round() / 1000.0, (b * 1000.0).round() / 1000.0)),
            terrain: g
                .terrain_at(hex)
                .map_or("off the map".into(), |t| t.id.clone()),
            water_here: g.water_on(hex),
            water_near: g.water_near(hex),
            forage_pct: g.forage_share_pct(hex, season),
            at: near,
        }
    };
    let mut out: Vec<MapRow> = g
        .state()
        .places
        .iter()
        .map(|p| row("place", &p.key, &p.name, p.owner, p.hex))
        .collect();
    out.extend(g.state().armies.iter().map(|a| {
        let def = &g.scenario().armies[usize::from(a.id.0)];
        row("army", &def.id, &def.name, Some(a.side), a.hex)
    }));
    out
}

/// `ordos map` as text: a line a place or army.
pub fn map_text(g: &Game, rows: &[MapRow]) -> String {
    let m = g.map();
    let mut out = format!(
        "{}: {}×{} hexes of {} m (columns 0-{}, rows 0-{}; row 0 north, odd rows shifted east)\n",
        g.scenario().id,
        m.width,
        m.height,
        m.hex_m,
        m.width - 1,
        m.height - 1
    );
    for r in rows {
        let ll = r
            .lat_lon
            .map_or(String::new(), |(a, b)| format!("  {a:.3}N {b:.3}E"));
        let water = if r.water_here {
            "water"
        } else if r.water_near {
            "water near"
        } else {
            "no water"
        };
        out.push_str(&format!(
            "{:<6} {:<22} {:<6} {:>10}{ll}  {} · {water} · forage {}% · {}\n",
            r.what,
            r.id,
            r.side,
            r.hex.to_string(),
            r.terrain,
            r.forage_pct,
            r.at
        ));
    }
    out
}

/// A victory condition in words, as the picker, the panel and the end screen show it:
/// "Take Zhenrong by 1041-02-21 — 2 points, ends the game".
pub fn condition_words(
    s: &crate::load::scenario::Scenario,
    v: &crate::load::scenario::VictoryDef,
) -> String {
    use crate::load::scenario::{Condition, LeaderFate};
    let place = |id: &str| {
        s.places
            .iter()
            .find(|p| p.id == id)
            .map_or(id.to_string(), |p| p.name.clone())
    };
    let army = |id: &str| {
        s.armies
            .iter()
            .find(|a| a.id == id)
            .map_or(id.to_string(), |a| a.name.clone())
    };
    let by = |d: &Option<crate::calendar::Date>, word: &str| {
        d.map_or(String::new(), |d| format!(" {word} {d}"))
    };
    let what = match &v.condition {
        Condition::Hold { place: p, until } => format!(
            "Hold {}{}",
            place(p),
            by(until, "on").replace(" on", " until")
        ),
        Condition::Take { place: p, by: d } => format!("Take {}{}", place(p), by(d, "by")),
        Condition::Destroy { army: a, below_pct } => {
            format!(
                "Destroy or rout {} (or bring it below {below_pct}% of its men)",
                army(a)
            )
        }
        Condition::Preserve { army: a, above_pct } => {
            format!(
                "Keep {} in being, with {above_pct}% of its men, to the end",
                army(a)
            )
        }
        Condition::Inflict { men } => format!("Make the enemy lose {} men", thousands(*men)),
        Condition::Deliver {
            place: p,
            sheng,
            by: d,
        } => format!(
            "Bring {} sheng of grain into {}{}",
            thousands_u64(*sheng),
            place(p),
            by(d, "by")
        ),
        Condition::Relieve { place: p, by: d } => {
            format!("Hold {} free of any siege{}", place(p), by(d, "on"))
        }
        Condition::TakeStores { place: p } => format!("Take or empty the grain of {}", place(p)),
        Condition::Baggage { army: a, sheng } => format!(
            "Take {} sheng of the baggage of {}",
            thousands_u64(*sheng),
            army(a)
        ),
        Condition::Supplied { army: a, by: d } => format!(
            "Keep {} fed and watered{}",
            army(a),
            by(d, "on").replace(" on", " until")
        ),
        Condition::Leader { army: a, fate } => {
            let commander = s
                .armies
                .iter()
                .find(|x| &x.id == a)
                .map_or(a.to_string(), |x| x.commander.clone());
            match fate {
                LeaderFate::Captured => format!("Take {commander} prisoner"),
                LeaderFate::Killed => format!("Kill {commander}"),
                LeaderFate::Fallen => format!("Strike down {commander}"),
            }
        }
        Condition::Plunder { sheng } => {
            format!(
                "Plunder {} sheng of grain from the country",
                thousands_u64(*sheng)
            )
        }
    };
    let side = s
        .sides
        .iter()
        .find(|x| x.id == v.side)
        .map_or(v.side.as_str(), |x| x.name.as_str());
    let ends = if v.decisive { ", ends the game" } else { "" };
    let text = if v.text.is_empty() {
        String::new()
    } else {
        format!(" ({})", v.text)
    };
    format!(
        "{side}: {what} — {} point{}{ends}{text}",
        v.points,
        if v.points == 1 { "" } else { "s" }
    )
}

/// A large number of sheng with thousands separated.
fn thousands_u64(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number of men with thousands separated: `12,300`.
pub fn thousands(n: u32) -> String {
    thousands_u64(u64::from(n))
}

/// Where a victory condition stands now: met, or how it stands ("Zhenrong held by Song").
/// Each side's points so far, by name: "Northern Song 1, Western Xia 3".
pub fn score_line(g: &Game) -> String {
    let points = crate::rules::points_by_side(g);
    g.scenario()
        .sides
        .iter()
        .zip(&points)
        .map(|(side, p)| format!("{} {p}", side.name))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn condition_status(g: &Game, i: usize) -> String {
    use crate::load::scenario::Condition;
    let Some(v) = g.scenario().victory.get(i) else {
        return String::new();
    };
    if g.state().scored.get(i).copied().unwrap_or(false) {
        return "met".into();
    }
    let owner = |p: &str| {
        g.place_id(p).map_or(String::new(), |p| {
            let place = g.place(p);
            let who = place
                .owner
                .map_or("no one".to_string(), |o| side_name(g, o));
            let siege = if g.is_besieged(p) {
                ", under siege"
            } else {
                ""
            };
            format!("{} held by {who}{siege}", place.name)
        })
    };
    let army_state = |a: &str| {
        g.army_id(a).map_or(String::new(), |a| {
            let x = g.army(a);
            format!(
                "{}: {} of {} men, {}",
                army_name(g, a),
                men_short(x.men.total()),
                men_short(x.men_start),
                format!("{:?}", x.state).to_lowercase()
            )
        })
    };
    match &v.condition {
        Condition::Hold { place, .. }
        | Condition::Take { place, .. }
        | Condition::Relieve { place, .. }
        | Condition::TakeStores { place } => owner(place),
        Condition::Deliver { place, sheng, .. } => g.place_id(place).map_or(String::new(), |p| {
            format!(
                "{} of {} sheng brought in",
                thousands_u64(g.place(p).received_ge / 10),
                thousands_u64(*sheng)
            )
        }),
        Condition::Destroy { army, .. }
        | Condition::Preserve { army, .. }
        | Condition::Supplied { army, .. }
        | Condition::Leader { army, .. } => army_state(army),
        Condition::Baggage { army, sheng } => g.army_id(army).map_or(String::new(), |a| {
            format!(
                "{} of {} sheng taken",
                thousands_u64(g.army(a).grain_lost_ge / 10),
                thousands_u64(*sheng)
            )
        }),
        Condition::Inflict { men } => {
            let side = g.side_id(&v.side);
            let lost: u64 = (0..g.scenario().sides.len())
                .map(|s| SideId(s as u8))
                .filter(|&s| side.is_some_and(|me| g.at_war(s, me)))
                .map(|s| u64::from(g.side_totals(s).2.total()))
                .sum();
            format!("{} of {} so far", thousands_u64(lost), thousands(*men))
        }
        Condition::Plunder { sheng } => {
            let side = g.side_id(&v.side);
            let got: u64 = g
                .state()
                .armies
                .iter()
                .filter(|a| Some(a.side) == side)
                .map(|a| a.plundered_ge / 10)
                .sum();
            format!(
                "{} of {} sheng so far",
                thousands_u64(got),
                thousands_u64(*sheng)
            )
        }
    }
}

/// A chronicle entry as the log shows it: what the accounts say happened that day (not what
/// happened in this game), without a trailing file citation such as "(song-xia-wars.txt)".
pub fn chronicle_text(text: &str) -> &str {
    let t = text.trim_end();
    if let Some(open) = t.rfind(" (")
        && t.ends_with(')')
        && [".txt)", ".md)", ".ron)"].iter().any(|x| t.ends_with(x))
    {
        return &t[..open];
    }
    t
}

/// What a side should know as its part of a turn begins: what happened last turn that it can
/// see (battles, ambushes, places taken, sieges) and which of its armies are hungry or thirsty.
pub fn turn_summary(g: &Game, side: SideId) -> Vec<String> {
    use crate::model::state::SupplyStatus;
    let last = g.state().turn.saturating_sub(1);
    let mut out = Vec::new();
    for (turn, _, e) in g.log() {
        if *turn != last {
            continue;
        }
        let seen = matches!(
            e,
            Event::Battle { .. }
                | Event::Ambushed { .. }
                | Event::PlaceCaptured { .. }
                | Event::SiegeBegun { .. }
                | Event::SiegeLifted { .. }
                | Event::Surrendered { .. }
                | Event::Destroyed { .. }
                | Event::WaterCut { .. }
                | Event::Scorched { .. }
        );
        if seen && let Some(line) = describe_event(g, e) {
            out.push(line);
        }
    }
    let mine = |status: SupplyStatus| {
        g.state()
            .armies
            .iter()
            .filter(|a| a.side == side && a.is_active() && a.status == status)
            .map(|a| army_name(g, a.id))
            .collect::<Vec<_>>()
    };
    for (status, word) in [
        (
            SupplyStatus::Thirsty,
            "THIRSTY (march to water: a blue dot under [Z])",
        ),
        (
            SupplyStatus::Starving,
            "STARVING (get into supply, forage, or take stores)",
        ),
        (SupplyStatus::Short, "on short rations"),
    ] {
        let names = mine(status);
        if !names.is_empty() {
            out.push(format!("{}: {word}", names.join(", ")));
        }
    }
    out
}

/// The situation at a moment of a game, as `ordos replay FILE --at N` prints it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Situation {
    pub scenario: String,
    /// Turns played.
    pub turn: u32,
    pub date: String,
    pub weather: String,
    pub armies: Vec<ArmyAt>,
    pub places: Vec<PlaceAt>,
    /// Each side's men lost so far, by cause.
    pub losses: BTreeMap<String, Losses>,
    pub state_hash: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct ArmyAt {
    pub id: String,
    pub name: String,
    pub side: String,
    pub men: u32,
    pub men_start: u32,
    pub state: ArmyState,
    pub supply: crate::model::state::SupplyStatus,
    pub hex: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct PlaceAt {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub besieged: bool,
}

/// Where every army and place stands, and the losses so far.
pub fn situation(g: &Game) -> Situation {
    let sc = g.scenario();
    Situation {
        scenario: sc.id.clone(),
        turn: g.state().turn.saturating_sub(1),
        date: g.state().date.to_string(),
        weather: weather_word(g.state().weather).to_string(),
        armies: g
            .state()
            .armies
            .iter()
            .map(|a| ArmyAt {
                id: sc.armies[usize::from(a.id.0)].id.clone(),
                name: army_name(g, a.id),
                side: sc.sides[usize::from(a.side.0)].id.clone(),
                men: a.men.total(),
                men_start: a.men_start,
                state: a.state,
                supply: a.status,
                hex: a.hex.to_string(),
            })
            .collect(),
        places: g
            .state()
            .places
            .iter()
            .map(|p| PlaceAt {
                id: p.key.clone(),
                name: p.name.clone(),
                owner: p.owner.map_or("none".to_string(), |o| {
                    sc.sides[usize::from(o.0)].id.clone()
                }),
                besieged: g.is_besieged(p.id),
            })
            .collect(),
        losses: (0..sc.sides.len())
            .map(|i| (sc.sides[i].id.clone(), g.side_totals(SideId(i as u8)).2))
            .collect(),
        state_hash: crate::play::replay::hex_hash(g.state_hash()),
    }
}

/// `situation` in words.
pub fn situation_text(g: &Game) -> String {
    let s = situation(g);
    let mut out = format!(
        "{} after {} turn{}: {} ({})\n",
        g.scenario().title,
        s.turn,
        if s.turn == 1 { "" } else { "s" },
        s.date,
        s.weather
    );
    for side in &g.scenario().sides {
        out.push_str(&format!("\n{}:\n", side.name));
        for a in s.armies.iter().filter(|a| a.side == side.id) {
            out.push_str(&format!(
                "  {} — {} of {} men, {}, {}, at {}\n",
                a.name,
                thousands(a.men),
                thousands(a.men_start),
                format!("{:?}", a.state).to_lowercase(),
                format!("{:?}", a.supply).to_lowercase(),
                a.hex
            ));
        }
        if let Some(l) = s.losses.get(&side.id) {
            out.push_str(&format!("  lost so far: {}\n", losses_in_words(l)));
        }
    }
    out.push_str("\nPlaces:\n");
    for p in &s.places {
        out.push_str(&format!(
            "  {} — {}{}\n",
            p.name,
            p.owner,
            if p.besieged { ", under siege" } else { "" }
        ));
    }
    out.push_str(&format!("\nstate hash {}\n", s.state_hash));
    out
}
