//! Many games of one scenario and what they came to (`ordos analyze`, #20): how often each
//! side wins and why, with confidence intervals; the men of each side by turn (median and the
//! 10–90% band); losses by cause; who holds each place, turn by turn; when the game ends.
//!
//! A game here is the same game `ordos sim` plays with that seed and those controllers
//! ([`sim::play_watched`] is [`sim::play`] with an eye on each turn), so its state hash is the
//! one `sim --json` prints. Games are independent: the caller may play them on as many cores
//! as it likes and hand them to [`Analysis::of`] in any order; they are sorted by seed first.

use crate::game::Game;
use crate::load::Setup;
use crate::model::state::{Cause, Losses, SideId};
use crate::play::kinds::{ControllerKind, make};
use crate::play::replay::hex_hash;
use crate::play::sim;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One game, reduced to what the statistics need.
#[derive(Clone, Debug, Serialize)]
pub struct GameOutcome {
    pub seed: u64,
    /// The winning side's index; `None` for a draw.
    pub winner: Option<usize>,
    pub reason: String,
    pub turns: u32,
    pub end_date: String,
    /// Men of each side at the start (index 0) and after every turn.
    pub men: Vec<Vec<u32>>,
    /// Men each side lost, by cause, over the game.
    pub losses: Vec<Losses>,
    /// The owner (side index) of each place at the start and after every turn.
    pub owners: Vec<Vec<Option<u8>>>,
    pub state_hash: String,
}

fn men_of(g: &Game) -> Vec<u32> {
    (0..g.scenario().sides.len())
        .map(|s| g.side_totals(SideId(s as u8)).1)
        .collect()
}

fn owners_of(g: &Game) -> Vec<Option<u8>> {
    g.state()
        .places
        .iter()
        .map(|p| p.owner.map(|s| s.0))
        .collect()
}

/// Plays one game to the end, as `ordos sim --seed SEED` would with these controllers (one
/// per side, in the scenario's order).
pub fn play_one(setup: &Arc<Setup>, kinds: &[ControllerKind], seed: u64) -> GameOutcome {
    let mut game = Game::new(setup.clone(), seed);
    let mut controllers: Vec<_> = kinds.iter().map(|k| make(*k)).collect();
    let mut men = vec![men_of(&game)];
    let mut owners = vec![owners_of(&game)];
    sim::play_watched(&mut game, &mut controllers, |g| {
        men.push(men_of(g));
        owners.push(owners_of(g));
    });
    let over = game.state().over.as_ref();
    GameOutcome {
        seed,
        winner: over.and_then(|o| o.winner).map(|w| usize::from(w.0)),
        reason: over.map_or("unfinished".to_string(), |o| o.reason.clone()),
        turns: game.state().turn,
        end_date: game.state().date.to_string(),
        men,
        losses: (0..setup.scenario.sides.len())
            .map(|s| game.side_totals(SideId(s as u8)).2)
            .collect(),
        owners,
        state_hash: hex_hash(game.state_hash()),
    }
}

/// A share with its 95% confidence interval (Wilson's score interval, which stays inside 0–1
/// and behaves at 0 and at n).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Share {
    pub count: u64,
    pub of: u64,
    pub share: f64,
    pub low: f64,
    pub high: f64,
}

/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

impl Share {
    pub fn of(count: u64, of: u64) -> Share {
        if of == 0 {
            return Share {
                count,
                of,
                share: 0.0,
                low: 0.0,
                high: 1.0,
            };
        }
        let n = of as f64;
        let p = count as f64 / n;
        let z2 = Z95 * Z95;
        let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
        let half = Z95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
        Share {
            count,
            of,
            share: p,
            low: (centre - half).max(0.0),
            high: (centre + half).min(1.0),
        }
    }
}

/// The 10th percentile, the median and the 90th of some numbers (nearest rank).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Band {
    pub turn: usize,
    pub p10: u32,
    pub median: u32,
    pub p90: u32,
}

fn percentile(sorted: &[u32], p: usize) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    // Nearest rank: the smallest value with at least p% of the values at or below it.
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted[rank - 1]
}

#[derive(Clone, Debug, Serialize)]
pub struct SideResult {
    pub id: String,
    pub name: String,
    pub controller: String,
    pub wins: Share,
    /// Men by turn; a game that has ended counts with its last turn's men.
    pub men_by_turn: Vec<Band>,
    /// Mean men lost per game, by cause (kebab-case names as in the events).
    pub mean_losses: BTreeMap<String, f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReasonResult {
    /// The winning side's id, or "draw".
    pub winner: String,
    pub reason: String,
    pub share: Share,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlaceResult {
    pub id: String,
    pub name: String,
    /// For each turn (0 = the start), the share of games in which each side (by id) holds
    /// the place; a game that has ended counts with its last owner.
    pub held_by: Vec<BTreeMap<String, f64>>,
}

/// Everything `ordos analyze` writes to `summary.json`.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub scenario: String,
    pub title: String,
    pub runs: u64,
    pub first_seed: u64,
    pub sides: Vec<SideResult>,
    pub draws: Share,
    /// Every (winner, reason) seen, most frequent first.
    pub reasons: Vec<ReasonResult>,
    pub places: Vec<PlaceResult>,
    /// The date each game ended on, and how many ended then, in date order.
    pub end_dates: Vec<(String, u64)>,
    pub turns_mean: f64,
    /// Seed and state hash of every game, in seed order (to compare with `ordos sim`).
    pub games: Vec<(u64, String)>,
}

impl Analysis {
    /// The statistics of `games`, played with `kinds` (one per side).
    pub fn of(setup: &Setup, kinds: &[ControllerKind], mut games: Vec<GameOutcome>) -> Analysis {
        games.sort_by_key(|g| g.seed);
        let sc = &setup.scenario;
        let n = games.len() as u64;
        let longest = games.iter().map(|g| g.men.len()).max().unwrap_or(0);
        let sides = sc
            .sides
            .iter()
            .enumerate()
            .map(|(i, side)| {
                let wins = games.iter().filter(|g| g.winner == Some(i)).count() as u64;
                let men_by_turn = (0..longest)
                    .map(|t| {
                        let mut v: Vec<u32> = games
                            .iter()
                            .filter_map(|g| g.men.get(t).or(g.men.last()))
                            .map(|m| m.get(i).copied().unwrap_or(0))
                            .collect();
                        v.sort_unstable();
                        Band {
                            turn: t,
                            p10: percentile(&v, 10),
                            median: percentile(&v, 50),
                            p90: percentile(&v, 90),
                        }
                    })
                    .collect();
                let mean_losses = Cause::ALL
                    .iter()
                    .map(|c| {
                        let sum: u64 = games
                            .iter()
                            .map(|g| u64::from(g.losses.get(i).map_or(0, |l| l.get(*c))))
                            .sum();
                        (
                            cause_name(*c),
                            if n == 0 { 0.0 } else { sum as f64 / n as f64 },
                        )
                    })
                    .collect();
                SideResult {
                    id: side.id.clone(),
                    name: side.name.clone(),
                    controller: kinds.get(i).map_or("historical", |k| k.name()).to_string(),
                    wins: Share::of(wins, n),
                    men_by_turn,
                    mean_losses,
                }
            })
            .collect();
        let draws = Share::of(
            games.iter().filter(|g| g.winner.is_none()).count() as u64,
            n,
        );
        let mut by_reason: BTreeMap<(String, String), u64> = BTreeMap::new();
        for g in &games {
            let w = g
                .winner
                .and_then(|w| sc.sides.get(w))
                .map_or("draw".to_string(), |s| s.id.clone());
            *by_reason.entry((w, g.reason.clone())).or_default() += 1;
        }
        let mut reasons: Vec<ReasonResult> = by_reason
            .into_iter()
            .map(|((winner, reason), c)| ReasonResult {
                winner,
                reason,
                share: Share::of(c, n),
            })
            .collect();
        reasons.sort_by_key(|r| std::cmp::Reverse(r.share.count));
        let places = sc
            .places
            .iter()
            .enumerate()
            .map(|(p, place)| PlaceResult {
                id: place.id.clone(),
                name: place.name.clone(),
                held_by: (0..longest)
                    .map(|t| {
                        let mut count: BTreeMap<String, u64> = BTreeMap::new();
                        for g in &games {
                            let owner = g
                                .owners
                                .get(t)
                                .or(g.owners.last())
                                .and_then(|o| o.get(p).copied().flatten());
                            let id = owner
                                .and_then(|s| sc.sides.get(usize::from(s)))
                                .map_or("none".to_string(), |s| s.id.clone());
                            *count.entry(id).or_default() += 1;
                        }
                        count
                            .into_iter()
                            .map(|(k, c)| (k, c as f64 / n.max(1) as f64))
                            .collect()
                    })
                    .collect(),
            })
            .collect();
        let mut end_dates: BTreeMap<String, u64> = BTreeMap::new();
        for g in &games {
            *end_dates.entry(g.end_date.clone()).or_default() += 1;
        }
        let turns_mean = if n == 0 {
            0.0
        } else {
            games.iter().map(|g| f64::from(g.turns)).sum::<f64>() / n as f64
        };
        Analysis {
            scenario: sc.id.clone(),
            title: sc.title.clone(),
            runs: n,
            first_seed: games.first().map_or(0, |g| g.seed),
            sides,
            draws,
            reasons,
            places,
            end_dates: end_dates.into_iter().collect(),
            turns_mean,
            games: games
                .iter()
                .map(|g| (g.seed, g.state_hash.clone()))
                .collect(),
        }
    }
}

/// A cause as the events name it (each is one word: `killed`, `hunger`...).
fn cause_name(c: Cause) -> String {
    format!("{c:?}").to_lowercase()
}

/// The difference between two shares over the same seeds (B − A), with a 95% interval for
/// paired outcomes: each seed gives a difference of −1, 0 or 1, and the interval is the
/// normal one of their mean.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Difference {
    pub difference: f64,
    pub low: f64,
    pub high: f64,
}

/// B − A for one side's wins, seed by seed (the games must share their seeds).
pub fn paired_difference(a: &[GameOutcome], b: &[GameOutcome], side: usize) -> Difference {
    let by_seed: BTreeMap<u64, bool> = a.iter().map(|g| (g.seed, g.winner == Some(side))).collect();
    let d: Vec<f64> = b
        .iter()
        .filter_map(|g| {
            by_seed
                .get(&g.seed)
                .map(|&wa| f64::from(u8::from(g.winner == Some(side))) - f64::from(u8::from(wa)))
        })
        .collect();
    let n = d.len() as f64;
    if d.is_empty() {
        return Difference {
            difference: 0.0,
            low: -1.0,
            high: 1.0,
        };
    }
    let mean = d.iter().sum::<f64>() / n;
    let var = if d.len() > 1 {
        d.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    let half = Z95 * (var / n).sqrt();
    Difference {
        difference: mean,
        low: (mean - half).max(-1.0),
        high: (mean + half).min(1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_interval_matches_published_values() {
        // 81 of 263 (Wilson 1927 / Newcombe 1998, example): 0.2553 to 0.3662.
        let s = Share::of(81, 263);
        assert!((s.low - 0.2553).abs() < 5e-4, "{s:?}");
        assert!((s.high - 0.3662).abs() < 5e-4, "{s:?}");
        // 0 of 10: 0 to 0.2775; 10 of 10: 0.7225 to 1.
        let z = Share::of(0, 10);
        assert_eq!(z.low, 0.0);
        assert!((z.high - 0.2775).abs() < 5e-4, "{z:?}");
        let all = Share::of(10, 10);
        assert!(
            (all.low - 0.7225).abs() < 5e-4 && (all.high - 1.0).abs() < 1e-9,
            "{all:?}"
        );
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<u32> = (1..=10).collect();
        assert_eq!(percentile(&v, 10), 1);
        assert_eq!(percentile(&v, 50), 5);
        assert_eq!(percentile(&v, 90), 9);
        assert_eq!(percentile(&[7], 90), 7);
        assert_eq!(percentile(&[], 50), 0);
    }

    fn outcome(seed: u64, winner: Option<usize>) -> GameOutcome {
        GameOutcome {
            seed,
            winner,
            reason: String::new(),
            turns: 1,
            end_date: String::new(),
            men: vec![],
            losses: vec![],
            owners: vec![],
            state_hash: String::new(),
        }
    }

    #[test]
    fn paired_difference_of_identical_runs_is_zero_and_of_flips_is_their_share() {
        let a: Vec<_> = (0..10)
            .map(|s| outcome(s, Some((s % 2) as usize)))
            .collect();
        let d = paired_difference(&a, &a, 0);
        assert_eq!((d.difference, d.low, d.high), (0.0, 0.0, 0.0));
        // B wins for side 0 on every seed: +0.5 (the five seeds A lost).
        let b: Vec<_> = (0..10).map(|s| outcome(s, Some(0))).collect();
        let d = paired_difference(&a, &b, 0);
        assert_eq!(d.difference, 0.5);
        assert!(d.low > 0.0 && d.high < 1.0, "{d:?}");
    }
}
