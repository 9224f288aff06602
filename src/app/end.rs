//! The end screen: who won and how — every victory condition with its points, met or not —
//! what the last turn brought, a table of every army (men at the start and the end, what
//! became of it, what it lost its men to), a chart of each side's men turn by turn, and "How
//! often does this happen?": a few hundred games of the same scenario and controllers played
//! in the background, their outcome drawn when ready.

use super::screens::Screen;
use super::session::{Command, Control, Session};
use super::theme::{
    ALARM, ButtonAction, Fonts, INK, PAPER, button, button_with, dim_words, screen_root,
    side_colour, words,
};
use bevy::prelude::*;
use ordos_core::Game;
use ordos_core::model::state::{ArmyState, Cause};
use ordos_core::play::kinds::ControllerKind;
use ordos_core::play::report::{condition_words, describe_event, men_short};
use std::sync::{Arc, Mutex};

/// The background games of "How often does this happen?".
#[derive(Resource, Default)]
pub struct HowOften {
    /// Filled in by the worker thread when the games are played.
    result: Arc<Mutex<Option<String>>>,
    started: bool,
}

impl HowOften {
    /// The games are being played (the screen keeps updating until they are done).
    pub fn running(&self) -> bool {
        self.started && self.result.lock().is_ok_and(|r| r.is_none())
    }
}

#[derive(Component)]
struct HowOftenText;

/// Games played for "How often?".
pub const HOW_OFTEN_GAMES: u64 = 200;

pub fn plugin(app: &mut App) {
    app.init_resource::<HowOften>()
        .add_systems(OnEnter(Screen::End), spawn)
        .add_systems(
            Update,
            (press, show_how_often).run_if(in_state(Screen::End)),
        );
}

fn spawn(
    mut commands: Commands,
    session: Option<Res<Session>>,
    fonts: Res<Fonts>,
    mut how: ResMut<HowOften>,
) {
    *how = HowOften::default();
    let Some(s) = session else { return };
    let end = ended(&s);
    let g = &end;
    let sc = g.scenario();
    let outcome = g.state().over.as_ref();
    let winner = outcome
        .and_then(|o| o.winner)
        .map_or("Neither side wins".to_string(), |w| {
            format!("{} wins", sc.sides[usize::from(w.0)].name)
        });
    let score = ordos_core::play::report::score_line(g);
    // Each condition, and the day it was met: a condition scores once, when it is met, and
    // stays scored (a place taken mid-game counts for the taker even if it is lost again;
    // "Hold" is judged on its day, or the last).
    let conditions: Vec<(bool, String)> = sc
        .victory
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let when = g.log().iter().find_map(|(_, d, e)| match e {
                ordos_core::model::event::Event::ConditionMet { condition, .. }
                    if *condition as usize == i =>
                {
                    Some(*d)
                }
                _ => None,
            });
            let met = g.state().scored.get(i).copied().unwrap_or(false);
            let words = condition_words(sc, v);
            (
                met,
                match when {
                    Some(d) if met => format!("{words} — met on {d}"),
                    _ => words,
                },
            )
        })
        .collect();
    let last_turn = g.state().turn;
    let last: Vec<String> = g
        .log()
        .iter()
        .filter(|(t, _, _)| *t == last_turn)
        .filter_map(|(_, _, e)| describe_event(g, e))
        .collect();
    commands.spawn(screen_root(Screen::End)).with_children(|p| {
        p.spawn(words(&fonts, &sc.title, 26.0));
        p.spawn(words(
            &fonts,
            &format!(
                "{winner}. {} · points: {}",
                outcome.map_or(String::new(), |o| capitalised(&o.reason)),
                score
            ),
            16.0,
        ));
        p.spawn(Node {
            column_gap: Val::Px(16.0),
            max_width: Val::Px(1240.0),
            // The title above and the buttons below always stay on screen.
            max_height: Val::Percent(78.0),
            overflow: Overflow::clip(),
            ..default()
        })
        .with_children(|row| {
            // Left: the conditions, the last turn, history, how often.
            row.spawn((
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: Val::Px(6.0),
                    padding: UiRect::all(Val::Px(10.0)),
                    width: Val::Px(560.0),
                    ..default()
                },
                BackgroundColor(PAPER),
            ))
            .with_children(|c| {
                c.spawn(words(&fonts, "Victory conditions", 15.0));
                for (met, text) in &conditions {
                    c.spawn((
                        Text::new(format!("{} {text}", if *met { "✔" } else { "✘" })),
                        fonts.text(12.0),
                        TextColor(if *met { INK } else { super::theme::INK_DIM }),
                    ));
                }
                c.spawn(words(&fonts, &format!("The last turn ({})", g.state().date), 15.0));
                let shown: Vec<String> = last.iter().rev().take(8).rev().cloned().collect();
                c.spawn(dim_words(
                    &fonts,
                    &if shown.is_empty() {
                        "Nothing of note.".to_string()
                    } else {
                        shown.join("\n")
                    },
                    12.0,
                ));
                if !sc.historical_outcome.is_empty() {
                    c.spawn(words(
                        &fonts,
                        &format!("In history: {}", sc.historical_outcome),
                        13.0,
                    ));
                }
                c.spawn((HowOftenText, dim_words(&fonts, "", 12.0)));
            });
            // Right: the armies and the chart.
            row.spawn((
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: Val::Px(6.0),
                    padding: UiRect::all(Val::Px(10.0)),
                    width: Val::Px(640.0),
                    ..default()
                },
                BackgroundColor(PAPER),
            ))
            .with_children(|c| {
                c.spawn(words(&fonts, "The armies", 15.0));
                army_table(c, &fonts, g);
                c.spawn(words(&fonts, "Men of each side, turn by turn", 15.0));
                chart(c, &fonts, g, &s.strength);
            });
        });
        p.spawn(Node {
            column_gap: Val::Px(12.0),
            ..default()
        })
        .with_children(|b| {
            button_with(
                b,
                &fonts,
                "How often does this happen?",
                ButtonAction::HowOften,
                16.0,
                Some("Plays this scenario a couple of hundred times more with the same controllers (the AI for human sides) and shows how often each side wins."),
            );
            if s.watching.is_some() {
                button(b, &fonts, "Back to the replay", ButtonAction::Continue, 16.0);
            }
            button(b, &fonts, "Back to the title", ButtonAction::Quit, 16.0);
        });
    });
}

/// A sentence's first letter made a capital ("the scenario ended…" after "Xia wins.").
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// One row per army: its name and side, men at the start and now, what became of it, and the
/// causes it lost most men to.
fn army_table(c: &mut ChildSpawnerCommands, fonts: &Fonts, g: &Game) {
    // Fixed cells in rows of a fixed height: a long line of losses is clipped, never allowed
    // to push the table (and the screen) past the window.
    let cell = |w: f32| Node {
        width: Val::Px(w),
        flex_shrink: 0.0,
        overflow: Overflow::clip(),
        ..default()
    };
    for a in g
        .state()
        .armies
        .iter()
        .filter(|a| a.state != ArmyState::Awaiting)
    {
        let def = &g.scenario().armies[usize::from(a.id.0)];
        let mut causes: Vec<(u32, Cause)> = Cause::ALL
            .iter()
            .map(|c| (a.losses.get(*c), *c))
            .filter(|x| x.0 > 0)
            .collect();
        causes.sort_by_key(|x| std::cmp::Reverse(x.0));
        let lost: Vec<String> = causes
            .iter()
            .take(3)
            .map(|(n, c)| format!("{} {}", men_short(*n), c.short()))
            .collect();
        let state = format!("{:?}", a.state).to_lowercase();
        let colour = side_colour(g.scenario(), usize::from(a.side.0));
        c.spawn(Node {
            column_gap: Val::Px(6.0),
            height: Val::Px(16.0),
            flex_shrink: 0.0,
            overflow: Overflow::clip(),
            ..default()
        })
        .with_children(|r| {
            r.spawn((cell(8.0), BackgroundColor(colour)));
            r.spawn((
                cell(190.0),
                Text::new(def.name.clone()),
                fonts.text(11.0),
                TextColor(INK),
            ));
            r.spawn((
                cell(90.0),
                Text::new(format!(
                    "{} → {}",
                    men_short(a.men_start),
                    men_short(a.men.total())
                )),
                fonts.text(11.0),
                TextColor(INK),
            ));
            r.spawn((
                cell(70.0),
                Text::new(state.clone()),
                fonts.text(11.0),
                TextColor(
                    if matches!(a.state, ArmyState::Destroyed | ArmyState::Routed) {
                        ALARM
                    } else {
                        INK
                    },
                ),
            ));
            r.spawn((
                cell(250.0),
                Text::new(lost.join(", ")),
                fonts.text(11.0),
                TextColor(INK),
            ));
        });
    }
}

/// Each side's men after every turn, as bars side by side, scaled to the largest.
fn chart(c: &mut ChildSpawnerCommands, fonts: &Fonts, g: &Game, rows: &[Vec<u32>]) {
    let sides = g.scenario().sides.len();
    let top = rows
        .iter()
        .flat_map(|r| r.iter().copied())
        .max()
        .unwrap_or(1)
        .max(1);
    let height = 140.0;
    // At most 80 columns: long games are sampled evenly.
    let step = rows.len().div_ceil(80).max(1);
    let shown: Vec<&Vec<u32>> = rows.iter().step_by(step).collect();
    let bar = (600.0 / (shown.len().max(1) * sides.max(1)) as f32).clamp(1.0, 10.0);
    c.spawn(Node {
        height: Val::Px(height),
        align_items: AlignItems::FlexEnd,
        column_gap: Val::Px(1.0),
        ..default()
    })
    .with_children(|bars| {
        for row in &shown {
            for (s, men) in row.iter().enumerate() {
                bars.spawn((
                    Node {
                        width: Val::Px(bar),
                        height: Val::Px(height * *men as f32 / top as f32),
                        ..default()
                    },
                    BackgroundColor(side_colour(g.scenario(), s)),
                ));
            }
        }
    });
    let legend: Vec<String> = g
        .scenario()
        .sides
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let first = rows.first().and_then(|r| r.get(i)).copied().unwrap_or(0);
            let last = rows.last().and_then(|r| r.get(i)).copied().unwrap_or(0);
            format!("{}: {} → {}", s.name, men_short(first), men_short(last))
        })
        .collect();
    c.spawn(dim_words(
        fonts,
        &format!(
            "{} (the tallest bar is {} men; one bar a side a turn{})",
            legend.join(" · "),
            men_short(top),
            if step > 1 {
                format!(", every {step}th turn shown")
            } else {
                String::new()
            }
        ),
        11.0,
    ));
}

fn press(
    q: Query<(&Interaction, &ButtonAction), Changed<Interaction>>,
    mut out: MessageWriter<Command>,
    session: Option<Res<Session>>,
    mut how: ResMut<HowOften>,
) {
    for (i, action) in &q {
        if *i != Interaction::Pressed {
            continue;
        }
        match *action {
            ButtonAction::Quit => {
                out.write(Command::Quit);
            }
            ButtonAction::Continue => {
                out.write(Command::Continue);
            }
            ButtonAction::HowOften if !how.started => {
                if let Some(s) = session.as_deref() {
                    how.started = true;
                    start_how_often(s, how.result.clone());
                }
            }
            _ => {}
        }
    }
}

/// The game the end screen speaks of: the game in hand, or, when a replay is being watched
/// from any turn, the game as the replay ends.
fn ended(s: &Session) -> std::borrow::Cow<'_, Game> {
    match &s.watching {
        Some(w) => std::borrow::Cow::Owned(w.timeline.at(w.timeline.turns())),
        None => std::borrow::Cow::Borrowed(&s.game),
    }
}

/// Plays the scenario again and again on a worker thread, with the session's controllers (the
/// AI standing in for human sides), and writes how often each side won.
fn start_how_often(s: &Session, out: Arc<Mutex<Option<String>>>) {
    let setup = s.game.setup().clone();
    let kinds: Vec<ControllerKind> = s
        .control
        .iter()
        .map(|c| match c {
            Control::Human => ControllerKind::Ai(ordos_core::play::ai::Level::Normal),
            Control::Computer(k) => *k,
        })
        .collect();
    let this = ended(s)
        .state()
        .over
        .as_ref()
        .and_then(|o| o.winner)
        .map(|w| usize::from(w.0));
    std::thread::spawn(move || {
        let sides = setup.scenario.sides.len();
        let mut wins = vec![0u64; sides + 1];
        for seed in 1..=HOW_OFTEN_GAMES {
            // The same games as `ordos analyze` plays with these seeds.
            let w = ordos_core::play::analyze::play_one(&setup, &kinds, seed).winner;
            wins[w.unwrap_or(sides)] += 1;
        }
        let mut parts: Vec<String> = (0..sides)
            .map(|i| {
                format!(
                    "{} wins {} of {HOW_OFTEN_GAMES} ({}%)",
                    setup.scenario.sides[i].name,
                    wins[i],
                    wins[i] * 100 / HOW_OFTEN_GAMES
                )
            })
            .collect();
        parts.push(format!("{} drawn", wins[sides]));
        let same = this.map_or(wins[sides], |w| wins[w]);
        let text = format!(
            "How often does this happen? Over {HOW_OFTEN_GAMES} games with these commanders: {}. This game's outcome came up {}% of the time.",
            parts.join(", "),
            same * 100 / HOW_OFTEN_GAMES
        );
        if let Ok(mut o) = out.lock() {
            *o = Some(text);
        }
    });
}

fn show_how_often(how: Res<HowOften>, mut q: Query<&mut Text, With<HowOftenText>>) {
    let Ok(mut t) = q.single_mut() else { return };
    let text = if !how.started {
        return;
    } else {
        how.result
            .lock()
            .ok()
            .and_then(|r| r.clone())
            .unwrap_or_else(|| format!("Playing {HOW_OFTEN_GAMES} games…"))
    };
    if t.0 != text {
        t.0 = text;
    }
}
