//! Applying events to the state: the only code that changes a `GameState`.

use super::event::Event;
use super::state::*;

pub fn apply(s: &mut GameState, e: &Event) {
    match e {
        Event::TurnBegan { turn, date } => {
            s.turn = *turn;
            s.date = *date;
            for a in &mut s.armies {
                a.moved = false;
                a.attacked = false;
                a.forced_today = false;
                a.recruited = false;
            }
        }
        Event::Arrived { army, hex } => {
            let a = army_mut(s, *army);
            a.state = ArmyState::Marching;
            a.hex = *hex;
        }
        Event::Moved {
            army,
            to,
            forced,
            facing,
            ..
        } => {
            let a = army_mut(s, *army);
            a.hex = *to;
            a.moved = true;
            a.forced_today = *forced;
            a.facing = *facing;
            if !matches!(a.state, ArmyState::Routed) {
                a.state = ArmyState::Marching;
            }
            a.besieging = None;
        }
        Event::Ambushed { .. }
        | Event::Chronicle { .. }
        | Event::EnginesBuilt { engines: 0, .. } => {}
        Event::StateChanged { army, state } => {
            let a = army_mut(s, *army);
            a.state = *state;
            if *state != ArmyState::Besieging {
                a.besieging = None;
            }
        }
        Event::Battle {
            attacker,
            defender,
            attacker_losses,
            defender_losses,
            attacker_morale,
            defender_morale,
            supporting,
            ..
        } => {
            for sup in supporting {
                let x = army_mut(s, sup.army);
                take_losses(x, &sup.losses);
                x.morale = sup.morale;
            }
            let a = army_mut(s, *attacker);
            take_losses(a, attacker_losses);
            a.morale = *attacker_morale;
            a.attacked = true;
            let d = army_mut(s, *defender);
            take_losses(d, defender_losses);
            d.morale = *defender_morale;
        }
        Event::Retreated { army, to, .. } => army_mut(s, *army).hex = *to,
        Event::Surrendered { army, men } => {
            let a = army_mut(s, *army);
            let n = a.men.remove(*men);
            a.losses.add(Cause::Captured, n);
            a.porters_lost += a.porters;
            a.porters = 0;
            a.state = ArmyState::Destroyed;
            a.besieging = None;
        }
        Event::Destroyed { army } => {
            let a = army_mut(s, *army);
            a.state = ArmyState::Destroyed;
            a.besieging = None;
        }
        Event::PlaceCaptured {
            place,
            side,
            stores_ge,
        } => {
            let p = &mut s.places[usize::from(place.0)];
            p.owner = Some(*side);
            p.stores_ge = *stores_ge;
            p.days_besieged = 0;
            for a in &mut s.armies {
                if a.besieging == Some(*place) && a.side == *side {
                    a.besieging = None;
                    a.state = ArmyState::Encamped;
                }
            }
        }
        Event::SiegeBegun { army, place, close } => {
            let a = army_mut(s, *army);
            a.state = ArmyState::Besieging;
            a.besieging = Some(*place);
            a.siege_close = *close;
        }
        Event::SiegeLifted { army, .. } => {
            let a = army_mut(s, *army);
            a.besieging = None;
            if a.state == ArmyState::Besieging {
                a.state = ArmyState::Encamped;
            }
        }
        Event::EnginesBuilt { army, engines } => army_mut(s, *army).siege_engines += engines,
        Event::Attrition {
            army,
            cause,
            men,
            porters,
            ..
        } => {
            let a = army_mut(s, *army);
            let n = a.men.remove(*men);
            a.losses.add(*cause, n);
            let p = (*porters).min(a.porters);
            a.porters -= p;
            a.porters_lost += p;
        }
        Event::PortersSentHome { army, porters, ge } => {
            let a = army_mut(s, *army);
            let p = (*porters).min(a.porters);
            a.porters -= p;
            a.porters_home += p;
            a.rations_ge = a.rations_ge.saturating_sub(*ge);
        }
        Event::AnimalsDied {
            army,
            camels,
            horses,
            donkeys,
        } => {
            let a = army_mut(s, *army);
            a.animals.camels = a.animals.camels.saturating_sub(*camels);
            a.animals.horses = a.animals.horses.saturating_sub(*horses);
            a.animals.donkeys = a.animals.donkeys.saturating_sub(*donkeys);
        }
        Event::Provisioned {
            army,
            hex,
            depleted_pct,
            drawn_ge,
            from,
            rations_ge,
            water_days,
            halfdays_out,
            days_hungry,
            days_thirsty,
            status,
            in_supply,
            ..
        } => {
            if let Some(p) = from {
                let p = &mut s.places[usize::from(p.0)];
                p.stores_ge = p.stores_ge.saturating_sub(*drawn_ge);
            }
            if let Some(l) = land_mut(s, *hex) {
                l.depleted_pct = *depleted_pct;
            }
            let i = usize::from(army.0);
            s.in_supply[i] = *in_supply;
            let a = &mut s.armies[i];
            a.rations_ge = *rations_ge;
            a.water_days = *water_days;
            a.halfdays_out = *halfdays_out;
            a.days_hungry = *days_hungry;
            a.days_thirsty = *days_thirsty;
            a.status = *status;
        }
        Event::PlaceProvisioned {
            place,
            stores_ge,
            cistern_days,
            days_besieged,
        } => {
            let p = &mut s.places[usize::from(place.0)];
            p.stores_ge = *stores_ge;
            p.cistern_days = *cistern_days;
            p.days_besieged = *days_besieged;
        }
        Event::Spirits {
            army,
            morale,
            fatigue,
        } => {
            let a = army_mut(s, *army);
            a.morale = *morale;
            a.fatigue = *fatigue;
        }
        Event::Weather { weather, .. } => s.weather = *weather,
        Event::ConditionMet { condition, .. } => {
            if let Some(c) = s.scored.get_mut(*condition as usize) {
                *c = true;
            }
        }
        Event::GameOver { winner, reason } => {
            s.over = Some(Outcome {
                winner: *winner,
                reason: reason.clone(),
            })
        }
        Event::DayEnded { date } => s.date = *date,
        Event::Scorched { hexes, .. } => {
            for h in hexes {
                if let Some(l) = land_mut(s, *h) {
                    l.scorched = true;
                    l.depleted_pct = 100;
                }
            }
        }
        Event::WaterCut { place, .. } => {
            let p = &mut s.places[usize::from(place.0)];
            p.water = false;
        }
        Event::Fires { army, allowed } => army_mut(s, *army).no_fires = !allowed,
        Event::FortBegun { army } => {
            let a = army_mut(s, *army);
            a.building_fort = true;
            a.fort_work = 0;
        }
        Event::FortWork { army, man_days } => army_mut(s, *army).fort_work = *man_days,
        Event::FortBuilt {
            army,
            place,
            key,
            name,
            hex,
            side,
            walls,
            water,
            grain_ge,
        } => {
            let a = army_mut(s, *army);
            a.building_fort = false;
            a.fort_work = 0;
            a.rations_ge = a.rations_ge.saturating_sub(*grain_ge);
            s.places.push(Place {
                id: *place,
                key: key.clone(),
                name: name.clone(),
                kind: crate::load::scenario::PlaceKind::Fort,
                levy_men: 0,
                hex: *hex,
                owner: Some(*side),
                walls: *walls,
                stores_ge: 0,
                water: *water,
                cistern_days: 0,
                days_besieged: 0,
                received_ge: 0,
            });
        }
        Event::Flooded { hexes, days, .. } => {
            for h in hexes {
                if let Some(l) = land_mut(s, *h) {
                    l.flooded_days = *days;
                }
            }
        }
        Event::FloodsEbb => {
            for l in &mut s.land {
                l.flooded_days = l.flooded_days.saturating_sub(1);
            }
        }
        Event::EnginesLost { army, engines } => {
            let a = army_mut(s, *army);
            a.siege_engines = a.siege_engines.saturating_sub(*engines);
        }
        Event::Levied {
            army,
            place,
            soldiers,
            porters,
            ge,
        } => {
            s.places[usize::from(place.0)].levy_men = 0;
            let a = army_mut(s, *army);
            a.men.foot += soldiers;
            a.men_start += soldiers;
            a.porters += porters;
            a.porters_start += porters;
            a.rations_ge += ge;
        }
        Event::Grain {
            from,
            to,
            ge,
            taken,
        } => {
            let f = army_mut(s, *from);
            f.rations_ge = f.rations_ge.saturating_sub(*ge);
            if *taken {
                f.grain_lost_ge = f.grain_lost_ge.saturating_add(*ge);
            }
            if let Some(t) = to {
                let t = army_mut(s, *t);
                t.rations_ge = t.rations_ge.saturating_add(*ge);
            }
        }
        Event::SnowDays { army, days } => army_mut(s, *army).snow_days = *days,
        Event::LeaderFell { army, fate } => army_mut(s, *army).leader = *fate,
        Event::Recruited {
            army,
            place,
            men,
            ge,
        } => {
            let p = &mut s.places[usize::from(place.0)];
            p.levy_men = p.levy_men.saturating_sub(*men);
            p.stores_ge = p.stores_ge.saturating_sub(*ge);
            let a = army_mut(s, *army);
            a.men.foot += men;
            a.men_start += men;
            a.rations_ge = a.rations_ge.saturating_add(*ge);
            a.recruited = true;
        }
        Event::Dismounted {
            army,
            light,
            heavy,
            spare,
        } => {
            let a = army_mut(s, *army);
            a.spare_horses = a.spare_horses.saturating_sub(*spare);
            let light = (*light).min(a.men.light_horse);
            let heavy = (*heavy).min(a.men.heavy_horse);
            a.men.light_horse -= light;
            a.men.heavy_horse -= heavy;
            a.men.foot += light + heavy;
        }
        Event::Plundered { army, hexes, ge } => {
            for h in hexes {
                if let Some(l) = land_mut(s, *h) {
                    l.scorched = true;
                    l.depleted_pct = 100;
                }
            }
            let a = army_mut(s, *army);
            a.rations_ge = a.rations_ge.saturating_add(*ge);
            a.plundered_ge = a.plundered_ge.saturating_add(*ge);
        }
        Event::Stocked { army, place, ge } => {
            let a = army_mut(s, *army);
            a.rations_ge = a.rations_ge.saturating_sub(*ge);
            let p = &mut s.places[usize::from(place.0)];
            p.stores_ge = p.stores_ge.saturating_add(*ge);
            p.received_ge = p.received_ge.saturating_add(*ge);
        }
    }
}

fn land_mut(s: &mut GameState, h: crate::hex::Hex) -> Option<&mut Land> {
    let w = s.land_width;
    if h.col < 0 || h.row < 0 || h.col >= w {
        return None;
    }
    s.land.get_mut((h.row * w + h.col) as usize)
}

fn army_mut(s: &mut GameState, id: ArmyId) -> &mut Army {
    &mut s.armies[usize::from(id.0)]
}

fn take_losses(a: &mut Army, l: &Losses) {
    for c in Cause::ALL {
        let n = a.men.remove(l.get(c));
        a.losses.add(c, n);
    }
}
