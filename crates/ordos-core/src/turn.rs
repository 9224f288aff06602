//! The turn: a game begins, orders are checked and carried out (`Order → check → resolve →
//! events → apply`), the days pass — weather and the chronicle, supply, sieges, the war beyond
//! battle — and victory is judged. The flow calls the rules in `rules/`; they never call it.

use crate::game::{Act, GE_PER_SHENG, Game};
use crate::load::Setup;
use crate::load::scenario::{ArmyDef, RationsDef, Scenario, ScheduledEvent, StartState, Weather};
use crate::load::tables::Rules;
use crate::model::event::Event;
use crate::model::state::*;
use crate::order::{Order, OrderError};
use crate::rules::{
    combat, command, country, horses, march, night, plunder, recruit, siege, supply, victory,
    weather,
};
use std::sync::Arc;

impl Game {
    /// Sets up a game of a loaded scenario with this seed, at the start of its first turn.
    pub fn new(setup: Arc<Setup>, seed: u64) -> Game {
        let s = &setup.scenario;
        let rules = &setup.rules;
        let places = s
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| Place {
                id: PlaceId(i as u16),
                key: p.id.clone(),
                name: p.name.clone(),
                kind: p.kind,
                levy_men: p.levy_men,
                hex: p.hex,
                owner: s.side_index(&p.owner).map(|x| SideId(x as u8)),
                walls: p.walls.min(3),
                stores_ge: p.stores_sheng.saturating_mul(GE_PER_SHENG),
                water: p.water,
                cistern_days: p.cistern_days,
                days_besieged: 0,
                received_ge: 0,
            })
            .collect();
        let armies = s
            .armies
            .iter()
            .enumerate()
            .map(|(i, a)| new_army(s, rules, i, a))
            .collect::<Vec<_>>();
        let state = GameState {
            turn: 0,
            date: s.start,
            weather: Weather::Clear,
            in_supply: vec![true; armies.len()],
            armies,
            places,
            scored: vec![false; s.victory.len()],
            over: None,
            land: vec![Land::default(); setup.map.len()],
            land_width: setup.map.width,
        };
        let mut game = Game::assemble(setup, state, seed);
        game.begin_turn();
        game
    }

    /// Checks and carries out one order of `side`, returning the events it caused.
    pub fn submit(&mut self, side: SideId, order: &Order) -> Result<Vec<Event>, OrderError> {
        self.check(side, order)?;
        let first = self.log().len();
        self.resolve(order);
        Ok(self.log()[first..]
            .iter()
            .map(|(_, _, e)| e.clone())
            .collect())
    }

    /// Whether an order is legal now, and if not, why.
    pub fn check(&self, side: SideId, order: &Order) -> Result<(), OrderError> {
        if self.is_over() {
            return Err(OrderError::GameOver);
        }
        let id = order.army();
        let army = self
            .state()
            .armies
            .get(usize::from(id.0))
            .ok_or(OrderError::NoSuchArmy(id))?;
        if army.side != side {
            return Err(OrderError::NotYourArmy { side: army.side });
        }
        if !army.is_active() {
            return Err(OrderError::CannotAct(army.state));
        }
        // Each check reads only what it needs of the game.
        let (forces, world, paths) = (self.forces(), self.world(), self.paths());
        let pace = march::Pace {
            rules: self.rules(),
            turn_days: self.scenario().turn_days,
        };
        command::check_ruler(forces, army, order)?;
        match order {
            Order::Move { path, forced, .. } => {
                march::check(&paths, pace, army, path, *forced).map(|_| ())
            }
            Order::Attack { target, .. } => combat::check_attack(forces, army, *target, false),
            Order::Sortie { target, .. } => combat::check_attack(forces, army, *target, true),
            Order::Besiege { place, .. } => siege::check_siege(forces, army, *place, 1),
            Order::Blockade { place, .. } => siege::check_siege(forces, army, *place, 2),
            Order::Assault { place, .. } => combat::check_assault(forces, army, *place),
            Order::LiftSiege { .. } => army.besieging.map(|_| ()).ok_or(OrderError::NotBesieging),
            Order::Hold { .. } => Ok(()),
            Order::Fortify { .. } => match army.state {
                ArmyState::Fortified => Err(OrderError::Already(ArmyState::Fortified)),
                ArmyState::Routed => Err(OrderError::Routed),
                _ => Ok(()),
            },
            Order::Hide { .. } => siege::check_hide(&world, army),
            Order::Flee { .. } => command::check_flee(army),
            Order::Recruit { .. } => recruit::check(&world, army),
            Order::Plunder { .. } => plunder::check(army),
            Order::NightMarch { path, .. } => {
                night::check_march(&paths, pace, army, path).map(|_| ())
            }
            Order::NightAttack { target, .. } => night::check_attack(forces, army, *target),
            other => country::check(&world, army, other),
        }
    }

    fn resolve(&mut self, order: &Order) {
        let g = &mut Act::new(self);
        match order {
            Order::Move { army, path, forced } => {
                if let Some(ambush) = march::resolve(g, *army, path, *forced) {
                    combat::spring_ambush(g, *army, ambush);
                }
            }
            Order::Attack { army, target } => {
                combat::battle(g, *army, *target, combat::Engagement::default())
            }
            Order::Sortie { army, target } => {
                let surprise = g.rules().combat.sortie_surprise
                    && g.forces().army(*target).state == ArmyState::Besieging;
                combat::battle(
                    g,
                    *army,
                    *target,
                    combat::Engagement {
                        surprise,
                        sortie: true,
                    },
                )
            }
            Order::Besiege { army, place } => siege::begin_siege(g, *army, *place, true),
            Order::Blockade { army, place } => siege::begin_siege(g, *army, *place, false),
            Order::Assault { army, place } => combat::assault(g, *army, *place),
            Order::LiftSiege { army } => {
                if let Some(p) = g.forces().army(*army).besieging {
                    g.emit(Event::SiegeLifted {
                        army: *army,
                        place: p,
                        reason: "ordered".into(),
                    });
                }
            }
            Order::Hold { army } => {
                let a = g.forces().army(*army);
                if matches!(a.state, ArmyState::Marching) {
                    g.emit(Event::StateChanged {
                        army: *army,
                        state: ArmyState::Encamped,
                    });
                }
            }
            Order::Fortify { army } => g.emit(Event::StateChanged {
                army: *army,
                state: ArmyState::Fortified,
            }),
            Order::Hide { army } => g.emit(Event::StateChanged {
                army: *army,
                state: ArmyState::Hidden,
            }),
            Order::Flee { army } => command::flee(g, *army),
            Order::Recruit { army } => recruit::resolve(g, *army),
            Order::Plunder { army } => plunder::resolve(g, *army),
            Order::NightMarch { army, path } => {
                if let Some(ambush) = night::night_march(g, *army, path) {
                    combat::spring_ambush(g, *army, ambush);
                }
            }
            Order::NightAttack { army, target } => night::night_attack(g, *army, *target),
            other => country::resolve(g, other),
        }
    }

    /// Starts a turn: resets what armies have done, brings in reinforcements.
    pub(crate) fn begin_turn(&mut self) {
        let turn = self.state().turn + 1;
        self.emit(Event::TurnBegan {
            turn,
            date: self.state().date,
        });
        for i in 0..self.state().armies.len() {
            let a = &self.state().armies[i];
            let due = self.scenario().armies[i]
                .arrives
                .is_some_and(|d| d <= self.state().date);
            if a.state == ArmyState::Awaiting
                && due
                && !self.armies_at(a.hex).any(|e| self.at_war(e.side, a.side))
            {
                let hex = a.hex;
                self.emit(Event::Arrived {
                    army: ArmyId(i as u16),
                    hex,
                });
            }
        }
    }

    /// Ends the turn: the days pass (weather, supply, sieges, attrition), victory is judged,
    /// and the next turn begins unless the game is over.
    pub fn end_turn(&mut self) {
        if self.is_over() {
            return;
        }
        for _ in 0..self.scenario().turn_days.max(1) {
            self.pass_day();
            if self.state().date > self.scenario().end {
                break;
            }
        }
        victory::judge(&mut Act::new(self));
        if !self.is_over() {
            self.begin_turn();
        }
    }

    fn pass_day(&mut self) {
        self.weather_and_chronicle();
        supply::daily(&mut Act::new(self));
        horses::daily(&mut Act::new(self));
        weather::daily(&mut Act::new(self));
        siege::daily(&mut Act::new(self));
        country::daily(&mut Act::new(self));
        let next = self.state().date.plus_days(1);
        self.emit(Event::DayEnded { date: next });
    }

    fn weather_and_chronicle(&mut self) {
        let date = self.state().date;
        let mut weather = None;
        let mut chronicle = Vec::new();
        for s in &self.scenario().schedule {
            if s.date == date {
                match &s.event {
                    ScheduledEvent::Weather(w) => weather = Some(*w),
                    ScheduledEvent::Chronicle(t) => chronicle.push(t.clone()),
                }
            }
        }
        // Always roll, so an override does not shift every later roll of the game.
        let r = self.roll(100);
        let m = usize::from(date.month - 1);
        let c = &self.rules().climate;
        let pct = |v: &Vec<u32>| v.get(m).copied().unwrap_or(0);
        let (snow, rain, heat) = (pct(&c.snow_pct), pct(&c.rain_pct), pct(&c.heat_pct));
        let wind = pct(&c.wind_pct);
        let rolled = if r < snow {
            Weather::Snow
        } else if r < snow + rain {
            Weather::Rain
        } else if r < snow + rain + heat {
            Weather::Heat
        } else if r < snow + rain + heat + wind {
            Weather::Wind
        } else {
            Weather::Clear
        };
        self.emit(Event::Weather {
            date,
            weather: weather.unwrap_or(rolled),
        });
        for text in chronicle {
            self.emit(Event::Chronicle { date, text });
        }
    }

    /// Only the supply phase of a day, for benchmarks.
    pub fn supply_phase(&mut self) {
        supply::daily(&mut Act::new(self));
    }
}

fn new_army(s: &Scenario, rules: &Rules, i: usize, a: &ArmyDef) -> Army {
    let men = Men {
        foot: a.men.foot,
        crossbow: a.men.crossbow,
        light_horse: a.men.light_horse,
        heavy_horse: a.men.heavy_horse,
    };
    let sup = &rules.supply;
    let pack_days = a.pack_days.unwrap_or(if men.mounted() * 2 > men.total() {
        sup.horseman_pack_days
    } else {
        sup.soldier_pack_days
    });
    let animals = Animals {
        camels: a.animals.camels,
        horses: a.animals.horses,
        donkeys: a.animals.donkeys,
    };
    let mut army = Army {
        id: ArmyId(i as u16),
        side: SideId(s.side_index(&a.side).unwrap_or(0) as u8),
        hex: a.hex,
        men,
        men_start: men.total(),
        losses: Losses::default(),
        porters: a.porters,
        porters_start: a.porters,
        porters_home: 0,
        porters_lost: 0,
        animals,
        rations_ge: 0,
        pack_days,
        water_days: sup.water_carried_days,
        morale: a.morale.min(100),
        fatigue: a.fatigue.min(100),
        siege_engines: a.siege_engines,
        state: match (a.arrives, a.state) {
            (Some(d), _) if d > s.start => ArmyState::Awaiting,
            (_, StartState::Marching) => ArmyState::Marching,
            (_, StartState::Encamped) => ArmyState::Encamped,
            (_, StartState::Fortified) => ArmyState::Fortified,
            (_, StartState::Hidden) => ArmyState::Hidden,
        },
        besieging: None,
        siege_close: false,
        facing: None,
        halfdays_out: 0,
        days_hungry: 0,
        days_thirsty: 0,
        moved: false,
        attacked: false,
        forced_today: false,
        status: SupplyStatus::Fed,
        no_fires: false,
        snow_days: 0,
        building_fort: false,
        fort_work: 0,
        grain_lost_ge: 0,
        leader: Leader::Present,
        spare_horses: a.spare_horses,
        plundered_ge: 0,
        recruited: false,
    };
    let capacity = supply::capacity_ge(rules, &army);
    army.rations_ge = match a.rations {
        RationsDef::Full => capacity,
        RationsDef::Days(d) => {
            (u64::from(d) * army.mouths() * u64::from(sup.ration_sheng_per_man_day) * GE_PER_SHENG)
                .min(capacity)
        }
    };
    army
}
