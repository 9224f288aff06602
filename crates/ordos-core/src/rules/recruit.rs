//! Followers bought with grain (docs/campaigns/rules-plan.md C). Yinzhou 985: "Along with
//! Yinzhou, Jiqian captured large amounts of supply, allowing him to increase his following"
//! (the accounts). An army in a friendly place with grain enlists men of the country around it
//! (the place's `levy_men`), a few hundred a day, each paid from the place's stores; they join
//! as foot and carry their pay as food.

use crate::game::{Act, GE_PER_SHENG, World};
use crate::load::tables::SupplyRules;
use crate::model::event::Event;
use crate::model::state::{Army, ArmyId, Place};
use crate::order::OrderError;

/// Men an army could enlist at `place` this turn of `turn_days` days: the place's men of the
/// country, as many as `recruit_per_day` a day of the turn and as its stores can pay.
pub fn recruits(s: &SupplyRules, turn_days: u32, place: &Place) -> u32 {
    let days = turn_days.max(1);
    let bounty_ge = u64::from(s.recruit_bounty_sheng) * GE_PER_SHENG;
    let paid = place
        .stores_ge
        .checked_div(bounty_ge)
        .unwrap_or(u64::from(u32::MAX));
    let paid = u32::try_from(paid).unwrap_or(u32::MAX);
    place
        .levy_men
        .min(s.recruit_per_day.saturating_mul(days))
        .min(paid)
}

pub(crate) fn check(g: &World, army: &Army) -> Result<(), OrderError> {
    if army.state == crate::model::state::ArmyState::Routed {
        return Err(OrderError::Routed);
    }
    if army.recruited {
        return Err(OrderError::AlreadyRecruited);
    }
    match g.forces().place_at(army.hex) {
        Some(p) if p.owner == Some(army.side) => {
            if recruits(&g.rules().supply, g.forces().scenario().turn_days, p) == 0 {
                Err(OrderError::NoRecruits)
            } else {
                Ok(())
            }
        }
        _ => Err(OrderError::NotFriendly),
    }
}

pub(crate) fn resolve(g: &mut Act, army: ArmyId) {
    let Some(p) = g.forces().place_at(g.forces().army(army).hex) else {
        return;
    };
    let (place, men) = (p.id, recruits(&g.rules().supply, g.scenario().turn_days, p));
    let ge = u64::from(men) * u64::from(g.rules().supply.recruit_bounty_sheng) * GE_PER_SHENG;
    g.emit(Event::Recruited {
        army,
        place,
        men,
        ge,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hex::Hex;
    use crate::load::scenario::PlaceKind;
    use crate::load::tables::Rules;
    use crate::model::state::PlaceId;

    fn place(levy_men: u32, stores_sheng: u64) -> Place {
        Place {
            id: PlaceId(0),
            key: "p".into(),
            name: "P".into(),
            kind: PlaceKind::Town,
            levy_men,
            hex: Hex { col: 0, row: 0 },
            owner: None,
            walls: 0,
            stores_ge: stores_sheng * GE_PER_SHENG,
            water: true,
            cistern_days: 0,
            days_besieged: 0,
            received_ge: 0,
        }
    }

    /// The rule reads the supply table, the turn's length and the place, and nothing of a
    /// game, so it is tested on those alone: the fewest of the men of the country, of what
    /// `recruit_per_day` gives over the turn's days, and of the men the stores can pay.
    #[test]
    fn recruits_are_the_fewest_of_the_men_the_days_and_the_stores_allow() {
        let mut s = Rules::standard().supply;
        s.recruit_per_day = 400;
        s.recruit_bounty_sheng = 20;
        assert_eq!(recruits(&s, 5, &place(1_000, 1_000_000)), 1_000, "the men");
        assert_eq!(recruits(&s, 2, &place(10_000, 1_000_000)), 800, "the days");
        assert_eq!(recruits(&s, 5, &place(10_000, 6_000)), 300, "the stores");
        assert_eq!(
            recruits(&s, 0, &place(10_000, 1_000_000)),
            400,
            "a turn is a day at least"
        );
        s.recruit_bounty_sheng = 0;
        assert_eq!(
            recruits(&s, 1, &place(10_000, 0)),
            400,
            "no bounty, no limit of stores"
        );
    }
}
