//! Victory: each scenario's conditions, judged at the end of every turn.

use crate::calendar::Date;
use crate::game::{Act, Forces, GE_PER_SHENG};
use crate::load::scenario::{Condition, Scenario};
use crate::model::event::Event;
use crate::model::state::{ArmyState, SideId, SupplyStatus};

pub(crate) fn judge(g: &mut Act) {
    let date = g.ground().date();
    let ended = date > g.scenario().end;
    for i in 0..g.scenario().victory.len() {
        if g.scored()[i] {
            continue;
        }
        let v = g.scenario().victory[i].clone();
        let Some(side) = g.forces().side_id(&v.side) else {
            continue;
        };
        let met = met(g.forces(), &v.condition, side, date, ended);
        if met {
            g.emit(Event::ConditionMet {
                side,
                condition: i as u32,
                points: v.points,
                text: v.text.clone(),
            });
            if v.decisive {
                let reason = if v.text.is_empty() {
                    "a decisive condition was met".to_string()
                } else {
                    v.text.clone()
                };
                g.emit(Event::GameOver {
                    winner: Some(side),
                    reason,
                });
                return;
            }
        }
    }
    if ended {
        let points = points(g.scenario(), g.scored());
        let best = points.iter().copied().max().unwrap_or(0);
        let leaders: Vec<usize> = (0..points.len()).filter(|&s| points[s] == best).collect();
        let summary = (0..points.len())
            .map(|s| format!("{} {}", g.scenario().sides[s].id, points[s]))
            .collect::<Vec<_>>()
            .join(", ");
        let (winner, reason) = if leaders.len() == 1 {
            (
                Some(SideId(leaders[0] as u8)),
                format!("the scenario ended on points: {summary}"),
            )
        } else {
            (
                None,
                format!("the scenario ended level on points: {summary}"),
            )
        };
        g.emit(Event::GameOver { winner, reason });
    }
}

/// Points each side has scored so far, given which conditions are scored.
pub fn points(scenario: &Scenario, scored: &[bool]) -> Vec<u32> {
    let mut points = vec![0u32; scenario.sides.len()];
    for (i, v) in scenario.victory.iter().enumerate() {
        if scored.get(i).copied().unwrap_or(false)
            && let Some(s) = scenario.side_index(&v.side)
        {
            // At most 1,000 conditions of 1,000 points (validated): no sum can overflow.
            points[s] = points[s].saturating_add(v.points);
        }
    }
    points
}

/// Whether a victory condition of `side` is met today (`date`; `ended`: the scenario is over).
/// It reads only the forces: who holds which place, what each army has come to.
fn met(g: Forces, condition: &Condition, side: SideId, date: Date, ended: bool) -> bool {
    match condition {
        Condition::Take { place, by } => {
            let owned = g
                .place_id(place)
                .is_some_and(|p| g.place(p).owner == Some(side));
            owned && by.is_none_or(|d| date <= d.plus_days(1))
        }
        Condition::Hold { place, until } => {
            let due = until.map_or(ended, |d| date > d);
            due && g
                .place_id(place)
                .is_some_and(|p| g.place(p).owner == Some(side))
        }
        Condition::Destroy { army, below_pct } => g.army_id(army).is_some_and(|a| {
            let a = g.army(a);
            matches!(a.state, ArmyState::Destroyed | ArmyState::Routed)
                || u64::from(a.men.total()) * 100 <= u64::from(a.men_start) * u64::from(*below_pct)
        }),
        Condition::Preserve { army, above_pct } => {
            ended
                && g.army_id(army).is_some_and(|a| {
                    let a = g.army(a);
                    a.is_active()
                        && a.state != ArmyState::Routed
                        && u64::from(a.men.total()) * 100
                            >= u64::from(a.men_start) * u64::from(*above_pct)
                })
        }
        Condition::Inflict { men } => {
            let lost: u64 = (0..g.scenario().sides.len())
                .map(|s| SideId(s as u8))
                .filter(|&s| g.at_war(s, side))
                .map(|s| u64::from(g.side_totals(s).2.total()))
                .sum();
            lost >= u64::from(*men)
        }
        Condition::Deliver { place, sheng, by } => g.place_id(place).is_some_and(|p| {
            let p = g.place(p);
            p.owner == Some(side)
                && p.received_ge >= sheng.saturating_mul(GE_PER_SHENG)
                && by.is_none_or(|d| date <= d.plus_days(1))
        }),
        Condition::Relieve { place, by } => {
            let due = by.map_or(ended, |d| date > d);
            due && g
                .place_id(place)
                .is_some_and(|p| g.place(p).owner == Some(side) && !g.is_besieged(p))
        }
        Condition::TakeStores { place } => g.place_id(place).is_some_and(|p| {
            let p = g.place(p);
            p.owner == Some(side) || p.stores_ge == 0
        }),
        Condition::Baggage { army, sheng } => g
            .army_id(army)
            .is_some_and(|a| g.army(a).grain_lost_ge >= sheng.saturating_mul(GE_PER_SHENG)),
        Condition::Supplied { army, by } => {
            let due = by.map_or(ended, |d| date > d);
            due && g.army_id(army).is_some_and(|a| {
                let a = g.army(a);
                a.is_active()
                    && a.state != ArmyState::Routed
                    && !matches!(a.status, SupplyStatus::Starving | SupplyStatus::Thirsty)
            })
        }
        Condition::Leader { army, fate } => g
            .army_id(army)
            .is_some_and(|a| g.army(a).leader.meets(*fate)),
        Condition::Plunder { sheng } => {
            let taken: u64 = g
                .armies()
                .iter()
                .filter(|a| a.side == side)
                .map(|a| a.plundered_ge)
                .fold(0, u64::saturating_add);
            taken >= sheng.saturating_mul(GE_PER_SHENG)
        }
    }
}
