//! Menus: the title, the scenario picker (briefing, the accounts' passage, who history favours,
//! who plays each side), the hotseat hand-over and the end screen.

use super::Fonts;
use super::hud::{INK, PAPER, army_order};
use super::screens::Screen;
use super::session::{Catalog, Command, Control, Session};
use bevy::prelude::*;
use ordos_core::model::state::{Cause, SideId};
use ordos_core::play::kinds::ControllerKind;
use ordos_core::play::report::men_short as thousands;

/// What a button does.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ButtonAction {
    ToPicker,
    /// Load the most recent save.
    LoadLatest,
    Exit,
    Pick(usize),
    CycleControl(usize),
    Start,
    Continue,
    Quit,
    EndSide,
    ToggleForced,
    Hide,
    Fortify,
    Besiege,
    LiftSiege,
    Scorch,
    CutWater,
    Fires,
    BuildFort,
    BreachDike,
    Levy,
    Deliver,
    Stock,
}

/// The picker's choices.
#[derive(Resource, Default)]
pub struct PickerChoice {
    pub scenario: usize,
    pub control: Vec<Control>,
}

#[derive(Component)]
struct PickerText;
#[derive(Component)]
struct ControlLabel(usize);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PickerChoice>()
        .add_systems(OnEnter(Screen::Title), title)
        .add_systems(OnEnter(Screen::Picker), picker)
        .add_systems(OnEnter(Screen::HandOver), hand_over)
        .add_systems(OnEnter(Screen::End), end)
        .add_systems(
            Update,
            (
                press,
                hover_colour,
                update_picker.run_if(in_state(Screen::Picker)),
            ),
        );
}

const BUTTON: Color = Color::srgb(0.32, 0.2, 0.12);
const BUTTON_HOT: Color = Color::srgb(0.5, 0.3, 0.16);

/// A labelled button that does `action`.
pub fn button(
    parent: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    label: &str,
    action: ButtonAction,
    size: f32,
) {
    parent
        .spawn((
            Button,
            action,
            Node {
                padding: UiRect::axes(Val::Px(10.0), Val::Px(5.0)),
                ..default()
            },
            BackgroundColor(BUTTON),
        ))
        .with_children(|b| {
            b.spawn((
                Text::new(label.to_string()),
                fonts.text(size),
                TextColor(INK),
            ));
        });
}

fn screen_root(screen: Screen) -> impl Bundle {
    (
        DespawnOnExit(screen),
        Node {
            width: Val::Percent(100.0),
            height: Val::Percent(100.0),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: Val::Px(14.0),
            padding: UiRect::all(Val::Px(24.0)),
            ..default()
        },
        BackgroundColor(Color::srgb(0.16, 0.12, 0.09)),
    )
}

fn words(fonts: &Fonts, s: &str, size: f32) -> impl Bundle {
    (Text::new(s.to_string()), fonts.text(size), TextColor(INK))
}

fn title(
    mut commands: Commands,
    catalog: Res<Catalog>,
    fonts: Res<Fonts>,
    problem: Option<Res<super::session::LoadProblem>>,
    saves: Res<super::saves::SaveDir>,
) {
    let latest = super::saves::latest(&saves);
    commands.spawn(screen_root(Screen::Title)).with_children(|p| {
        p.spawn((Text::new("ORDOS"), fonts.title(84.0), TextColor(INK)));
        p.spawn(words(&fonts, "The Song–Xia wars on the Ordos plateau, 982–1119", 22.0));
        p.spawn(words(&fonts, "Armies here are beaten less by the enemy than by hunger, thirst, cold and distance.", 16.0));
        button(p, &fonts, "Play a scenario", ButtonAction::ToPicker, 22.0);
        if let Some(file) = &latest {
            let name = file.file_name().map_or(String::new(), |n| n.to_string_lossy().to_string());
            button(
                p,
                &fonts,
                &format!("Continue the last game ({name})"),
                ButtonAction::LoadLatest,
                18.0,
            );
        }
        button(p, &fonts, "Quit", ButtonAction::Exit, 18.0);
        if let Some(problem) = &problem {
            p.spawn(words(&fonts, &format!("Not loaded: {}", problem.0), 13.0));
        }
        for problem in &catalog.problems {
            p.spawn(words(&fonts, &format!("Not loaded: {problem}"), 12.0));
        }
    });
}

fn picker(
    mut commands: Commands,
    catalog: Res<Catalog>,
    mut choice: ResMut<PickerChoice>,
    fonts: Res<Fonts>,
) {
    choice.scenario = choice
        .scenario
        .min(catalog.scenarios.len().saturating_sub(1));
    reset_control(&catalog, &mut choice);
    commands
        .spawn(screen_root(Screen::Picker))
        .with_children(|p| {
            p.spawn(words(&fonts, "Choose a scenario", 30.0));
            p.spawn(Node {
                column_gap: Val::Px(24.0),
                max_width: Val::Px(1180.0),
                ..default()
            })
            .with_children(|row| {
                row.spawn(Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: Val::Px(8.0),
                    min_width: Val::Px(260.0),
                    ..default()
                })
                .with_children(|list| {
                    for (i, s) in catalog.scenarios.iter().enumerate() {
                        let s = &s.scenario;
                        button(
                            list,
                            &fonts,
                            &format!("{}  ({}–{})", s.title, s.start.year, s.end.year),
                            ButtonAction::Pick(i),
                            17.0,
                        );
                    }
                    button(list, &fonts, "Back", ButtonAction::Quit, 16.0);
                });
                row.spawn((
                    Node {
                        flex_direction: FlexDirection::Column,
                        row_gap: Val::Px(10.0),
                        padding: UiRect::all(Val::Px(14.0)),
                        width: Val::Px(820.0),
                        ..default()
                    },
                    BackgroundColor(PAPER),
                ))
                .with_children(|d| {
                    d.spawn((PickerText, words(&fonts, "", 15.0)));
                    let sides = catalog
                        .scenarios
                        .get(choice.scenario)
                        .map_or(0, |s| s.scenario.sides.len());
                    for i in 0..sides {
                        d.spawn(Node {
                            column_gap: Val::Px(10.0),
                            align_items: AlignItems::Center,
                            ..default()
                        })
                        .with_children(|r| {
                            r.spawn((ControlLabel(i), words(&fonts, "", 16.0)));
                            button(r, &fonts, "change", ButtonAction::CycleControl(i), 14.0);
                        });
                    }
                    button(d, &fonts, "Begin", ButtonAction::Start, 22.0);
                });
            });
        });
}

fn reset_control(catalog: &Catalog, choice: &mut PickerChoice) {
    let n = catalog
        .scenarios
        .get(choice.scenario)
        .map_or(0, |s| s.scenario.sides.len());
    if choice.control.len() != n {
        // The first side is a human, the rest are played by the AI.
        choice.control = (0..n)
            .map(|i| {
                if i == 0 {
                    Control::Human
                } else {
                    Control::Computer(ControllerKind::Ai(ordos_core::play::ai::Level::Normal))
                }
            })
            .collect();
    }
}

fn update_picker(
    catalog: Res<Catalog>,
    choice: Res<PickerChoice>,
    mut text: Query<&mut Text, (With<PickerText>, Without<ControlLabel>)>,
    mut labels: Query<(&ControlLabel, &mut Text), Without<PickerText>>,
) {
    if !choice.is_changed() {
        return;
    }
    let Some(s) = catalog.scenarios.get(choice.scenario).map(|x| &x.scenario) else {
        return;
    };
    if let Ok(mut t) = text.single_mut() {
        let favoured = s
            .historically_favoured
            .as_ref()
            .and_then(|f| s.sides.iter().find(|x| &x.id == f))
            .map_or("neither".into(), |x| x.name.clone());
        t.0 = format!(
            "{}\n{} to {}\n\n{}\n\nThe accounts: “{}”\n\nHistory favours: {favoured}",
            s.title, s.start, s.end, s.briefing, s.passage
        );
    }
    for (l, mut t) in &mut labels {
        if let (Some(side), Some(c)) = (s.sides.get(l.0), choice.control.get(l.0)) {
            t.0 = format!("{}: {}", side.name, c.label());
        }
    }
}

fn hand_over(mut commands: Commands, session: Option<Res<Session>>, fonts: Res<Fonts>) {
    let who = session.as_ref().map_or("the next".to_string(), |s| {
        s.game.scenario().sides[usize::from(s.viewer().0)]
            .name
            .clone()
    });
    commands
        .spawn(screen_root(Screen::HandOver))
        .with_children(|p| {
            p.spawn(words(
                &fonts,
                &format!("Hand the screen to the {who} player."),
                30.0,
            ));
            p.spawn(words(
                &fonts,
                "The other side's moves stay hidden until you continue.",
                16.0,
            ));
            button(p, &fonts, "Continue", ButtonAction::Continue, 22.0);
        });
}

fn end(mut commands: Commands, session: Option<Res<Session>>, fonts: Res<Fonts>) {
    let Some(s) = session else { return };
    let g = &s.game;
    let outcome = g.state().over.as_ref();
    let winner = outcome
        .and_then(|o| o.winner)
        .map_or("Neither side".to_string(), |w| {
            g.scenario().sides[usize::from(w.0)].name.clone()
        });
    let mut lines = format!(
        "{} wins.\n{}\n",
        winner,
        outcome.map_or("", |o| o.reason.as_str())
    );
    for (i, side) in g.scenario().sides.iter().enumerate() {
        let (start, now, losses) = g.side_totals(SideId(i as u8));
        lines.push_str(&format!(
            "\n{}: {} of {} men remain.",
            side.name,
            thousands(now),
            thousands(start)
        ));
        for c in Cause::ALL {
            if losses.get(c) > 0 {
                lines.push_str(&format!("  {} {}.", thousands(losses.get(c)), c.describe()));
            }
        }
        let series: Vec<String> = s
            .strength
            .iter()
            .map(|row| thousands(row.get(i).copied().unwrap_or(0)))
            .collect();
        lines.push_str(&format!("\n  men by turn: {}", series.join(" → ")));
    }
    if !g.scenario().historical_outcome.is_empty() {
        lines.push_str(&format!(
            "\n\nIn history: {}",
            g.scenario().historical_outcome
        ));
    }
    commands.spawn(screen_root(Screen::End)).with_children(|p| {
        p.spawn(words(&fonts, &g.scenario().title, 30.0));
        p.spawn((
            Node {
                max_width: Val::Px(1000.0),
                padding: UiRect::all(Val::Px(14.0)),
                ..default()
            },
            BackgroundColor(PAPER),
        ))
        .with_children(|b| {
            b.spawn(words(&fonts, &lines, 16.0));
        });
        button(p, &fonts, "Back to the title", ButtonAction::Quit, 20.0);
    });
}

fn hover_colour(
    mut q: Query<(&Interaction, &mut BackgroundColor), (Changed<Interaction>, With<Button>)>,
) {
    for (i, mut bg) in &mut q {
        bg.0 = if *i == Interaction::None {
            BUTTON
        } else {
            BUTTON_HOT
        };
    }
}

fn press(
    q: Query<(&Interaction, &ButtonAction), Changed<Interaction>>,
    catalog: Res<Catalog>,
    mut choice: ResMut<PickerChoice>,
    session: Option<Res<Session>>,
    mut next: ResMut<NextState<Screen>>,
    mut out: MessageWriter<Command>,
    mut exit: MessageWriter<AppExit>,
    saves: Res<super::saves::SaveDir>,
) {
    for (i, action) in &q {
        if *i != Interaction::Pressed {
            continue;
        }
        match *action {
            ButtonAction::ToPicker => next.set(Screen::Picker),
            ButtonAction::LoadLatest => {
                if let Some(file) = super::saves::latest(&saves) {
                    out.write(Command::Load(file));
                }
            }
            ButtonAction::Exit => {
                exit.write(AppExit::Success);
            }
            ButtonAction::Pick(k) => {
                choice.scenario = k;
                choice.control.clear();
                reset_control(&catalog, &mut choice);
                next.set(Screen::Picker); // rebuild the side rows for this scenario
            }
            ButtonAction::CycleControl(k) => {
                if let Some(c) = choice.control.get_mut(k) {
                    *c = c.next();
                }
            }
            ButtonAction::Start => {
                let seed = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_secs());
                out.write(Command::Start {
                    scenario: choice.scenario,
                    control: choice.control.clone(),
                    seed,
                });
            }
            ButtonAction::Continue => {
                out.write(Command::Continue);
            }
            ButtonAction::Quit => {
                out.write(Command::Quit);
            }
            ButtonAction::EndSide => {
                out.write(Command::EndSide);
            }
            ButtonAction::ToggleForced => {
                out.write(Command::ToggleForced);
            }
            a @ (ButtonAction::Hide
            | ButtonAction::Fortify
            | ButtonAction::Besiege
            | ButtonAction::LiftSiege
            | ButtonAction::Scorch
            | ButtonAction::CutWater
            | ButtonAction::Fires
            | ButtonAction::BuildFort
            | ButtonAction::BreachDike
            | ButtonAction::Levy
            | ButtonAction::Deliver
            | ButtonAction::Stock) => {
                if let Some(o) = session.as_deref().and_then(|s| army_order(s, a)) {
                    out.write(Command::Give(o));
                }
            }
        }
    }
}
