//! The HUD of the play screen: date, season and weather always in view; what can be won and
//! where each condition stands; the selected army, the hex under the cursor and what a click
//! there would do; the log with the chronicle of the accounts; the order buttons with their
//! tooltips; the questions asked before leaving or ending a turn with armies unmoved; the
//! first-game hints; and, when a recorded game is watched, the viewer's bar and timeline.
//!
//! Buttons sit above the text that changes, each of a fixed width, so none moves under the
//! mouse when the panel's words change.

use super::counters::condition;
use super::map_view::{FocusOn, Hovered, LEFT_PANEL, RIGHT_PANEL};
use super::screens::Screen;
use super::session::{Command, Control, Session};
use super::theme::{ALARM, BUTTON, ButtonAction, Fonts, INK, PAPER, Tooltip, button_with, words};
use bevy::prelude::*;
use ordos_core::model::state::{ArmyId, SupplyStatus};
use ordos_core::play::report::{
    condition_status, condition_words, describe_event, men_short as thousands, weather_word,
};
use ordos_core::play::timeline::MarkKind;
use ordos_core::{Game, Order};

#[derive(Component)]
struct TopBar;
#[derive(Component)]
struct Panel;
#[derive(Component)]
struct Log;
#[derive(Component)]
struct Objectives;
#[derive(Component)]
struct HintText;
#[derive(Component)]
struct DialogRoot;
#[derive(Component)]
struct Notice;
/// The label of a viewer button that changes (play/pause, speed, view).
#[derive(Component)]
struct ViewerLabel(ButtonAction);
/// One turn's cell of the viewer's timeline.
#[derive(Component)]
struct Cell(usize);

/// A question the play screen is asking, with its two answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    /// Leave for the title?
    Quit,
    /// End the turn with these armies not yet moved?
    EndTurn(Vec<ArmyId>),
    /// Take command of the watched game: who plays each side.
    TakeCommand(Vec<Control>),
}

/// The question open, if any.
#[derive(Resource, Default)]
pub struct Dialog(pub Option<Ask>);

/// The first-game guide: hints that point at the next thing to try ([F2] turns them off).
#[derive(Resource)]
pub struct Hints(pub bool);

impl Default for Hints {
    fn default() -> Self {
        Hints(true)
    }
}

/// How far back the log is scrolled, in lines (PageUp/PageDown).
#[derive(Resource, Default)]
pub struct LogScroll(pub usize);

const LOG_LINES: usize = 9;

pub fn plugin(app: &mut App) {
    app.init_resource::<Dialog>()
        .init_resource::<Hints>()
        .init_resource::<LogScroll>()
        .add_systems(OnEnter(Screen::Play), (spawn_hud, reset))
        .add_systems(
            Update,
            (
                press,
                keys,
                update_hud,
                update_viewer,
                show_dialog,
                show_notice,
            )
                .chain()
                .run_if(in_state(Screen::Play)),
        );
}

fn reset(mut dialog: ResMut<Dialog>, mut scroll: ResMut<LogScroll>) {
    dialog.0 = None;
    scroll.0 = 0;
}

fn text(fonts: &Fonts, s: &str, size: f32) -> impl Bundle {
    words(fonts, s, size)
}

/// The order buttons: label, action and what the order does.
pub const ORDER_BUTTONS: [(&str, ButtonAction, &str); 16] = [
    (
        "End turn ⏎",
        ButtonAction::EndSide,
        "End your part of the turn [Enter]. The days of the turn then pass: marches, supply, thirst and hunger.",
    ),
    (
        "Next army N",
        ButtonAction::NextArmy,
        "Select your next army and centre the map on it [N].",
    ),
    (
        "Forced M",
        ButtonAction::ToggleForced,
        "Forced march [M]: further in a day, at the cost of fatigue and stragglers.",
    ),
    (
        "Hide H",
        ButtonAction::Hide,
        "Hide in ambush [H]: an enemy that marches next to you is attacked by surprise.",
    ),
    (
        "Fortify F",
        ButtonAction::Fortify,
        "Fortify [F]: dig in where you stand; stronger in defence, no march.",
    ),
    (
        "Besiege B",
        ButtonAction::Besiege,
        "Besiege [B] the nearest enemy place next to you: its stores and cisterns run down.",
    ),
    (
        "Lift siege L",
        ButtonAction::LiftSiege,
        "Lift the siege [L] this army holds.",
    ),
    (
        "Scorch X",
        ButtonAction::Scorch,
        "Scorch the country [X]: burn its forage and spoil its wells, so an enemy finds nothing.",
    ),
    (
        "Cut water C",
        ButtonAction::CutWater,
        "Cut the water [C] of an enemy place next to you: it lives on its cistern after that.",
    ),
    (
        "Fires K",
        ButtonAction::Fires,
        "Cooking fires [K]: forbid them to stay unseen (cold food), or allow them again.",
    ),
    (
        "Build fort O",
        ButtonAction::BuildFort,
        "Build a fort [O] here: days of work; then it holds stores and a garrison.",
    ),
    (
        "Breach dike Y",
        ButtonAction::BreachDike,
        "Breach the dikes [Y] of the river next to you: the country floods for days.",
    ),
    (
        "Levy V",
        ButtonAction::Levy,
        "Levy [V] the men of the place you stand in.",
    ),
    (
        "Give grain G",
        ButtonAction::Deliver,
        "Give grain [G] to the hungriest of your armies on or next to this hex.",
    ),
    (
        "Stock T",
        ButtonAction::Stock,
        "Stock the walls [T]: bring the grain this army carries into the place it stands in.",
    ),
    (
        "Menu",
        ButtonAction::Quit,
        "Leave for the title (asks first; the game is saved).",
    ),
];

/// The viewer's buttons.
const VIEWER_BUTTONS: [(&str, ButtonAction, &str); 9] = [
    (
        "◀ Back",
        ButtonAction::StepBack,
        "One turn back [,] (or [Left] with Ctrl).",
    ),
    ("▶ Play", ButtonAction::PlayPause, "Play or pause [Space]."),
    ("Forward ▶", ButtonAction::StepForward, "One turn on [.]."),
    (
        "1 turn/s",
        ButtonAction::CycleSpeed,
        "Speed [S]: ½, 1, 2 or 4 turns a second, or on to the next battle.",
    ),
    (
        "Next battle",
        ButtonAction::NextEvent,
        "On to the next battle or capture [N].",
    ),
    (
        "See: everything",
        ButtonAction::CycleView,
        "Whose eyes to watch with [V]: each side's fog of war, or everything.",
    ),
    (
        "Take command",
        ButtonAction::TakeCommand,
        "Play on from this turn [T]: hand either side, or both, to a human or the AI.",
    ),
    (
        "Summary",
        ButtonAction::ShowEnd,
        "Who won and how: the conditions, every army, a chart of men by turn.",
    ),
    ("Menu", ButtonAction::QuitConfirmed, "Back to the title."),
];

fn spawn_hud(mut commands: Commands, fonts: Res<Fonts>, session: Option<Res<Session>>) {
    let Some(s) = session else { return };
    // A map preview (no armies) shows the map alone, without the order panel.
    let preview = s.game.state().armies.is_empty();
    let watching = s.watching.is_some();
    commands
        .spawn((
            DespawnOnExit(Screen::Play),
            Node {
                width: Val::Percent(100.0),
                padding: UiRect::axes(Val::Px(12.0), Val::Px(6.0)),
                ..default()
            },
            BackgroundColor(PAPER),
        ))
        .with_children(|p| {
            p.spawn((TopBar, text(&fonts, "", 17.0)));
        });
    if preview {
        return;
    }
    // The right panel: buttons first (they never move), then the words.
    commands
        .spawn((
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                right: Val::Px(0.0),
                top: Val::Px(34.0),
                width: Val::Px(RIGHT_PANEL),
                padding: UiRect::all(Val::Px(10.0)),
                flex_direction: FlexDirection::Column,
                row_gap: Val::Px(8.0),
                ..default()
            },
            BackgroundColor(PAPER),
        ))
        .with_children(|p| {
            if !watching {
                p.spawn(Node {
                    flex_wrap: FlexWrap::Wrap,
                    column_gap: Val::Px(4.0),
                    row_gap: Val::Px(4.0),
                    ..default()
                })
                .with_children(|row| {
                    for (label, action, tip) in ORDER_BUTTONS {
                        fixed_button(row, &fonts, label, action, tip, 114.0);
                    }
                });
            }
            p.spawn((Panel, text(&fonts, "", 14.0)));
        });
    // The left panel: what can be won, and the hints.
    commands
        .spawn((
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(0.0),
                top: Val::Px(34.0),
                width: Val::Px(LEFT_PANEL),
                // A campaign of twenty conditions (the five armies) would run under the log:
                // the panel stops above it, the hint first so it is never the part cut off.
                max_height: Val::Percent(62.0),
                overflow: Overflow::clip(),
                padding: UiRect::all(Val::Px(8.0)),
                flex_direction: FlexDirection::Column,
                row_gap: Val::Px(6.0),
                ..default()
            },
            BackgroundColor(PAPER),
        ))
        .with_children(|p| {
            p.spawn((HintText, Text::new(""), fonts.text(13.0), TextColor(ALARM)));
            p.spawn((Objectives, text(&fonts, "", 12.5)));
        });
    // The log, above the viewer's bar when there is one.
    commands
        .spawn((
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(0.0),
                bottom: Val::Px(if watching { 78.0 } else { 0.0 }),
                width: Val::Px(640.0),
                padding: UiRect::all(Val::Px(8.0)),
                ..default()
            },
            BackgroundColor(PAPER),
        ))
        .with_children(|p| {
            p.spawn((Log, text(&fonts, "", 13.0)));
        });
    // The notice that the scenario's file changed, with its restart button.
    commands
        .spawn((
            Notice,
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(360.0),
                top: Val::Px(40.0),
                padding: UiRect::all(Val::Px(8.0)),
                column_gap: Val::Px(10.0),
                align_items: AlignItems::Center,
                ..default()
            },
            BackgroundColor(Color::srgba(0.35, 0.12, 0.05, 0.95)),
            Visibility::Hidden,
        ))
        .with_children(|p| {
            p.spawn(text(
                &fonts,
                "This scenario's file changed on disk since the game began.",
                14.0,
            ));
            button_with(
                p,
                &fonts,
                "Restart with it",
                ButtonAction::Restart,
                14.0,
                Some("Start this scenario again from its first turn, as the file now says."),
            );
        });
    if let Some(w) = &s.watching {
        let turns = w.timeline.turns();
        let marks = &w.timeline.marks;
        commands
            .spawn((
                DespawnOnExit(Screen::Play),
                Node {
                    position_type: PositionType::Absolute,
                    left: Val::Px(0.0),
                    right: Val::Px(0.0),
                    bottom: Val::Px(0.0),
                    padding: UiRect::all(Val::Px(6.0)),
                    flex_direction: FlexDirection::Column,
                    row_gap: Val::Px(6.0),
                    ..default()
                },
                BackgroundColor(PAPER),
            ))
            .with_children(|p| {
                p.spawn(Node {
                    column_gap: Val::Px(6.0),
                    ..default()
                })
                .with_children(|row| {
                    for (label, action, tip) in VIEWER_BUTTONS {
                        fixed_button(row, &fonts, label, action, tip, 124.0);
                    }
                });
                // The timeline: a cell per turn, coloured by what happened in it; click or
                // drag along it to go to any turn.
                p.spawn(Node {
                    width: Val::Percent(100.0),
                    height: Val::Px(22.0),
                    ..default()
                })
                .with_children(|strip| {
                    for t in 0..=turns {
                        let kinds: Vec<MarkKind> = marks
                            .iter()
                            .filter(|m| m.turn == t)
                            .map(|m| m.kind)
                            .collect();
                        let tip: Vec<String> = marks
                            .iter()
                            .filter(|m| m.turn == t && m.kind != MarkKind::Chronicle)
                            .map(|m| m.text.clone())
                            .take(4)
                            .collect();
                        let mut cell = strip.spawn((
                            Button,
                            Cell(t),
                            ButtonAction::Seek(t),
                            Node {
                                flex_grow: 1.0,
                                height: Val::Percent(100.0),
                                margin: UiRect::horizontal(Val::Px(0.5)),
                                ..default()
                            },
                            BackgroundColor(cell_colour(&kinds)),
                            super::theme::ButtonColour(cell_colour(&kinds)),
                        ));
                        let mut tt = format!("Turn {t}");
                        if !tip.is_empty() {
                            tt.push_str(": ");
                            tt.push_str(&tip.join("; "));
                        }
                        cell.insert(Tooltip(tt));
                    }
                });
            });
    }
}

/// A button of a fixed width, its label centred, with a tooltip.
fn fixed_button(
    parent: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    label: &str,
    action: ButtonAction,
    tip: &str,
    width: f32,
) {
    parent
        .spawn((
            Button,
            action,
            Tooltip(tip.to_string()),
            Node {
                width: Val::Px(width),
                height: Val::Px(26.0),
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                ..default()
            },
            BackgroundColor(BUTTON),
        ))
        .with_children(|b| {
            b.spawn((
                ViewerLabel(action),
                Text::new(label.to_string()),
                fonts.text(13.0),
                TextColor(INK),
            ));
        });
}

/// A timeline cell's colour: the most notable thing that happened in its turn.
fn cell_colour(kinds: &[MarkKind]) -> Color {
    if kinds.contains(&MarkKind::Victory) {
        Color::srgb(0.9, 0.75, 0.2)
    } else if kinds.contains(&MarkKind::Battle) {
        Color::srgb(0.75, 0.18, 0.12)
    } else if kinds.contains(&MarkKind::Capture) {
        Color::srgb(0.85, 0.45, 0.1)
    } else if kinds.contains(&MarkKind::SiegeBegun) || kinds.contains(&MarkKind::SiegeLifted) {
        Color::srgb(0.55, 0.35, 0.6)
    } else if kinds.contains(&MarkKind::Chronicle) {
        Color::srgb(0.35, 0.45, 0.35)
    } else {
        Color::srgb(0.25, 0.22, 0.18)
    }
}

/// The selected army, in full (the player's own, or an enemy's that they can see: how many,
/// what kind, in what state — not its stores).
pub fn army_panel(s: &Session, g: &Game, id: ArmyId) -> String {
    let a = g.army(id);
    let def = &g.scenario().armies[usize::from(id.0)];
    let mine = s.watching.is_some() || a.side == s.viewer();
    let side = g.scenario().sides[usize::from(a.side.0)].name.clone();
    let head = format!(
        "{} — {} ({side})\n{} men: {} foot, {} crossbow, {} light horse, {} heavy horse",
        def.name,
        def.commander,
        thousands(a.men.total()),
        a.men.foot,
        a.men.crossbow,
        a.men.light_horse,
        a.men.heavy_horse,
    );
    if !mine {
        return format!(
            "{head}\n{} · morale {}\n(an enemy army: its stores and plans are not known)",
            condition(a),
            a.morale
        );
    }
    let supply = if g
        .state()
        .in_supply
        .get(usize::from(id.0))
        .copied()
        .unwrap_or(false)
    {
        "in supply"
    } else {
        "out of supply"
    };
    let alarm = match a.status {
        SupplyStatus::Thirsty => "\nTHIRSTY: men die each day without water; march to water.",
        SupplyStatus::Starving => "\nSTARVING: men die and desert each day; find grain.",
        _ => "",
    };
    format!(
        "{head}\n{} porters, {} sent home\n{} · {supply}\nFood {} days · water {} days carried{alarm}\nMorale {} · fatigue {} · engines {}\nMarch {} li a day ({} forced){}{}",
        a.porters,
        a.porters_home,
        condition(a),
        g.food_days(a),
        a.water_days,
        a.morale,
        a.fatigue,
        a.siege_engines,
        g.allowance_li(a, false),
        g.allowance_li(a, true),
        if a.moved { " · has marched" } else { "" },
        if a.attacked { " · has fought" } else { "" },
    )
}

/// What an order to the hovered hex would mean: the odds of an attack (from the core's
/// `odds`), or the march — days, li, food left on arrival, water on the way.
fn order_preview(s: &Session, g: &Game, h: ordos_core::hex::Hex) -> String {
    let Some(id) = s.selected else {
        return String::new();
    };
    let a = g.army(id);
    let side = a.side;
    if let Some(e) = g
        .armies_at(h)
        .find(|e| g.at_war(e.side, side) && g.visible_to(e, side))
    {
        let name = &g.scenario().armies[usize::from(e.id.0)].name;
        if !a.hex.is_adjacent(h) {
            return format!("\n\n{name} is not next to us: march up to it first.");
        }
        let o = g.odds(id, e.id, false);
        let mut f = Vec::new();
        if o.factors.walls > 0 {
            f.push(format!("walls {}", o.factors.walls));
        }
        if o.factors.rear {
            f.push("from the rear".to_string());
        }
        if o.factors.flank_directions > 0 {
            f.push(format!("{} more sides", o.factors.flank_directions));
        }
        if o.factors.attacker_fording {
            f.push("we are fording".to_string());
        }
        if o.factors.defender_fording {
            f.push("they are fording".to_string());
        }
        if o.factors.wet {
            f.push("rain/snow".to_string());
        }
        return format!(
            "\n\nClick to attack {name}: odds {}.{:02} to 1 · they give way {}% of the time · we lose ~{}, they lose ~{}{}",
            o.ratio_pct / 100,
            o.ratio_pct % 100,
            o.win_pct,
            thousands(o.expected_attacker_loss),
            thousands(o.expected_defender_loss),
            if f.is_empty() {
                String::new()
            } else {
                format!(" ({})", f.join(", "))
            }
        );
    }
    let Some(f) = g.march_forecast(a, h, s.forced) else {
        return String::new();
    };
    let joins = g
        .armies_at(h)
        .find(|b| b.side == side && b.id != id && b.is_active())
        .map(|b| {
            format!(
                " — into the hex of {} (right-click first to select it instead)",
                g.scenario().armies[usize::from(b.id.0)].name
            )
        })
        .unwrap_or_default();
    format!(
        "\n\nClick to march{joins}: {} li, {} day{} ({}) · food on arrival ~{} days · {}",
        f.li,
        f.days,
        if f.days == 1 { "" } else { "s" },
        if s.forced { "forced" } else { "ordinary pace" },
        f.food_days_left,
        if f.water {
            "water on the way"
        } else {
            "NO WATER on the way: the men drink what they carry"
        }
    )
}

/// The hex under the cursor: its ground, forage and water in the words the rules use, and the
/// place on it with its walls, stores in days and water.
fn hex_panel(g: &Game, h: ordos_core::hex::Hex) -> String {
    let Some(t) = g.terrain_at(h) else {
        return String::new();
    };
    let season = g.state().date.season();
    let water = if g.water_on(h) {
        "water on this hex: an army here drinks"
    } else if g.water_near(h) {
        "water next to it: an army here drinks"
    } else {
        "no water on it or next to it: an army here drinks what it carries"
    };
    let land = g.land(h);
    let mut s = format!(
        "\n\n{} (hex {h})\nforaging here feeds {}% of a man's daily ration{}\n{water}",
        t.name,
        g.forage_share_pct(h, season),
        if land.scorched {
            " · SCORCHED"
        } else if land.flooded_days > 0 {
            " · FLOODED"
        } else {
            ""
        }
    );
    if let Some(p) = g.place_at(h) {
        let owner = p.owner.map_or("no one".to_string(), |o| {
            g.scenario().sides[usize::from(o.0)].name.clone()
        });
        let water = if p.water {
            "wells".to_string()
        } else if p.cistern_days > 0 {
            format!("no wells, cisterns for {} days", p.cistern_days)
        } else {
            "no wells, no cisterns".to_string()
        };
        s.push_str(&format!(
            "\n{} ({owner}): walls {} · grain {} sheng, ~{} days for the men inside · {water}{}",
            p.name,
            p.walls,
            thousands_u64(p.stores_sheng()),
            g.place_food_days(p.id),
            if g.is_besieged(p.id) {
                format!(" · UNDER SIEGE, day {}", p.days_besieged)
            } else {
                String::new()
            }
        ));
    }
    s
}

fn thousands_u64(n: u64) -> String {
    thousands(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The hint for what to try next, in the player's first games.
pub fn hint(s: &Session) -> String {
    if s.watching.is_some() {
        return "Watching: [Space] plays, [,] and [.] step, click the timeline to go to any turn; [T] takes command from here. [F2] hides hints.".into();
    }
    let g = &s.game;
    let Some(side) = s.acting_side() else {
        return String::new();
    };
    let thirsty = g
        .state()
        .armies
        .iter()
        .find(|a| a.side == side && a.is_active() && a.status == SupplyStatus::Thirsty);
    if let Some(a) = thirsty {
        return format!(
            "Hint: {} is thirsty. Press [Z] twice for the water overlay and march to a blue dot.",
            g.scenario().armies[usize::from(a.id.0)].name
        );
    }
    let Some(sel) = s.selected else {
        return "Hint: click one of your armies, or press [N] for the next one.".into();
    };
    let a = g.army(sel);
    if a.side != side {
        return "Hint: that is not your army. Press [N] for one of yours.".into();
    }
    if !a.moved && !a.attacked {
        return "Hint: the lit hexes are today's reach. Hover one to read the forecast (days, food, water), then click it to march.".into();
    }
    if !s.unmoved().is_empty() {
        return "Hint: press [N] for the next army that has not moved.".into();
    }
    "Hint: every army has its orders. Press [Enter] to end the turn. [F2] hides hints.".into()
}

/// What can be won, and where each condition stands now.
pub fn objectives(g: &Game) -> String {
    let sc = g.scenario();
    let mut out = format!(
        "To win (points so far: {}) — ends {}\n",
        ordos_core::play::report::score_line(g),
        sc.end
    );
    for (i, v) in sc.victory.iter().enumerate() {
        let status = condition_status(g, i);
        let mark = if status == "met" { "✔" } else { "·" };
        out.push_str(&format!("{mark} {}\n", condition_words(sc, v)));
        if status != "met" && !status.is_empty() {
            out.push_str(&format!("    now: {status}\n"));
        }
    }
    out.trim_end().to_string()
}

fn update_hud(
    session: Option<Res<Session>>,
    hovered: Res<Hovered>,
    hints: Res<Hints>,
    scroll: Res<LogScroll>,
    mut texts: ParamSet<(
        Query<&mut Text, With<TopBar>>,
        Query<&mut Text, With<Panel>>,
        Query<&mut Text, With<Log>>,
        Query<&mut Text, With<Objectives>>,
        Query<&mut Text, With<HintText>>,
    )>,
) {
    let Some(s) = session else { return };
    if !s.is_changed() && !hovered.is_changed() && !hints.is_changed() && !scroll.is_changed() {
        return;
    }
    let g = &s.game;
    let season = format!("{:?}", g.state().date.season()).to_lowercase();
    let who = match &s.watching {
        Some(w) => {
            let view = w.view.map_or("everything".to_string(), |v| {
                format!("{}'s eyes", g.scenario().sides[usize::from(v.0)].name)
            });
            let end = if g.is_over() {
                let o = g.state().over.as_ref();
                format!(
                    "   ·   {}",
                    o.and_then(|o| o.winner).map_or(
                        "the game ends: neither side wins".into(),
                        |w| format!(
                            "the game ends: {} wins",
                            g.scenario().sides[usize::from(w.0)].name
                        )
                    )
                )
            } else {
                String::new()
            };
            format!(
                "WATCHING turn {} of {} ({view}){end}",
                w.turn,
                w.timeline.turns()
            )
        }
        None => s.acting_side().map_or("—".to_string(), |a| {
            format!("{} to move", g.scenario().sides[usize::from(a.0)].name)
        }),
    };
    if let Ok(mut t) = texts.p0().single_mut() {
        t.0 = format!(
            "{}   ·   {}  ({season}, {})   ·   turn {}   ·   {who}{}{}",
            g.scenario().title,
            g.state().date,
            weather_word(g.state().weather),
            g.state().turn,
            if s.forced && s.watching.is_none() {
                "   ·   FORCED MARCH"
            } else {
                ""
            },
            if s.unverified {
                "   ·   (not verified)"
            } else {
                ""
            }
        );
    }
    if let Ok(mut t) = texts.p1().single_mut() {
        let mut text = match s.selected {
            Some(id) => army_panel(&s, g, id),
            None if s.watching.is_some() => {
                "Hover a hex or an army to read it; click an army to follow it.".into()
            }
            None => "Click one of your armies to select it ([N]: the next one).\nThen click a hex to march there, or an enemy next to it to attack.\n[F1] help · [Z] supply, zones of control, forage and water".into(),
        };
        if let Some(h) = hovered.0 {
            // Another army under the cursor, yours or an enemy's you can see: read it.
            if let Some(other) = g
                .armies_at(h)
                .find(|a| Some(a.id) != s.selected && s.shows(a))
            {
                text.push_str("\n\nUnder the cursor: ");
                text.push_str(&army_panel(&s, g, other.id));
            }
            text.push_str(&hex_panel(g, h));
            if s.watching.is_none() {
                text.push_str(&order_preview(&s, g, h));
            }
        }
        if !s.message.is_empty() {
            text.push_str(&format!("\n\n{}", s.message));
        }
        t.0 = text;
    }
    if let Ok(mut t) = texts.p2().single_mut() {
        let lines: Vec<String> = match &s.watching {
            // The viewer: what the turn shown brought.
            Some(w) => w
                .timeline
                .events_of(w.turn)
                .iter()
                .filter_map(|(_, _, e)| describe_event(g, e))
                .collect(),
            None => g
                .log()
                .iter()
                .filter_map(|(_, _, e)| describe_event(g, e))
                .collect(),
        };
        let total = lines.len();
        let back = scroll.0.min(total.saturating_sub(LOG_LINES));
        let end = total - back;
        let start = end.saturating_sub(LOG_LINES);
        let head = if total > LOG_LINES {
            format!(
                "Log: lines {}–{} of {total} ([PgUp]/[PgDn] to scroll)\n",
                start + 1,
                end
            )
        } else {
            String::new()
        };
        t.0 = format!("{head}{}", lines[start..end].join("\n"));
    }
    if let Ok(mut t) = texts.p3().single_mut() {
        t.0 = objectives(g);
    }
    if let Ok(mut t) = texts.p4().single_mut() {
        t.0 = if hints.0 { hint(&s) } else { String::new() };
    }
}

/// The viewer's changing labels and the timeline's cursor.
fn update_viewer(
    session: Option<Res<Session>>,
    mut labels: Query<(&ViewerLabel, &mut Text)>,
    mut cells: Query<(&Cell, &mut Node)>,
) {
    let Some(s) = session else { return };
    if !s.is_changed() {
        return;
    }
    let Some(w) = &s.watching else { return };
    for (l, mut t) in &mut labels {
        let want = match l.0 {
            ButtonAction::PlayPause => {
                if w.playing {
                    "❚❚ Pause".to_string()
                } else {
                    "▶ Play".to_string()
                }
            }
            ButtonAction::CycleSpeed => w.speed.label().to_string(),
            ButtonAction::CycleView => w.view.map_or("See: everything".to_string(), |v| {
                format!("See: {}", s.game.scenario().sides[usize::from(v.0)].name)
            }),
            _ => continue,
        };
        if t.0 != want {
            t.0 = want;
        }
    }
    for (c, mut n) in &mut cells {
        // The turn shown stands taller than the rest.
        let want = if c.0 == w.turn {
            UiRect::horizontal(Val::Px(0.5))
        } else {
            UiRect {
                left: Val::Px(0.5),
                right: Val::Px(0.5),
                top: Val::Px(5.0),
                bottom: Val::Px(5.0),
            }
        };
        if n.margin != want {
            n.margin = want;
        }
    }
}

/// Presses on the play screen's buttons, including the open question's.
#[allow(clippy::too_many_arguments)]
fn press(
    q: Query<(&Interaction, &ButtonAction), Changed<Interaction>>,
    cells: Query<(&Interaction, &Cell)>,
    buttons: Res<ButtonInput<MouseButton>>,
    session: Option<Res<Session>>,
    mut dialog: ResMut<Dialog>,
    mut focus: ResMut<FocusOn>,
    mut out: MessageWriter<Command>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(s) = session else { return };
    // Dragging along the timeline goes to the turn under the mouse.
    if buttons.pressed(MouseButton::Left)
        && let Some(w) = &s.watching
        && let Some((_, c)) = cells.iter().find(|(i, _)| **i != Interaction::None)
        && c.0 != w.turn
    {
        out.write(Command::Seek(c.0));
    }
    for (i, action) in &q {
        if *i != Interaction::Pressed {
            continue;
        }
        act(*action, &s, &mut dialog, &mut focus, &mut out, &mut next);
    }
}

/// What a button or its key does on the play screen.
fn act(
    action: ButtonAction,
    s: &Session,
    dialog: &mut Dialog,
    focus: &mut FocusOn,
    out: &mut MessageWriter<Command>,
    next: &mut NextState<Screen>,
) {
    match action {
        ButtonAction::EndSide => {
            let unmoved = s.unmoved();
            if unmoved.is_empty() {
                out.write(Command::EndSide);
            } else {
                dialog.0 = Some(Ask::EndTurn(unmoved));
            }
        }
        ButtonAction::EndSideConfirmed => {
            dialog.0 = None;
            out.write(Command::EndSide);
        }
        ButtonAction::Quit => dialog.0 = Some(Ask::Quit),
        ButtonAction::QuitConfirmed => {
            dialog.0 = None;
            if s.watching.is_none() && !s.game.is_over() {
                // Nothing is lost: the orders given so far this turn are saved with the game.
                out.write(Command::Save("autosave".into()));
            }
            out.write(Command::Quit);
        }
        ButtonAction::Stay => dialog.0 = None,
        ButtonAction::ToggleForced => {
            out.write(Command::ToggleForced);
        }
        ButtonAction::NextArmy => {
            // Those not yet moved first; else every army in turn.
            let unmoved = s.unmoved();
            let pick = match s
                .selected
                .and_then(|x| unmoved.iter().position(|a| *a == x))
            {
                Some(i) => unmoved.get((i + 1) % unmoved.len()).copied(),
                None => unmoved.first().copied(),
            }
            .or_else(|| s.next_army());
            if let Some(a) = pick {
                out.write(Command::Select(Some(a)));
                focus.0 = Some(s.game.army(a).hex);
            }
        }
        ButtonAction::Restart => {
            out.write(Command::Restart);
        }
        ButtonAction::StepBack => {
            out.write(Command::Step(-1));
        }
        ButtonAction::StepForward => {
            out.write(Command::Step(1));
        }
        ButtonAction::PlayPause => {
            out.write(Command::PlayPause);
        }
        ButtonAction::CycleSpeed => {
            out.write(Command::CycleSpeed);
        }
        ButtonAction::NextEvent => {
            out.write(Command::NextEvent);
        }
        ButtonAction::CycleView => {
            out.write(Command::CycleView);
        }
        ButtonAction::Seek(t) => {
            out.write(Command::Seek(t));
        }
        ButtonAction::TakeCommand => {
            // The replay stops where it is: command is taken at the turn the question shows.
            if s.watching.as_ref().is_some_and(|w| w.playing) {
                out.write(Command::PlayPause);
            }
            let control = Control::first_human(s.game.scenario().sides.len());
            dialog.0 = Some(Ask::TakeCommand(control));
        }
        ButtonAction::CycleTakeControl(i) => {
            if let Some(Ask::TakeCommand(c)) = &mut dialog.0
                && let Some(x) = c.get_mut(i)
            {
                *x = x.next();
            }
        }
        ButtonAction::TakeCommandConfirmed => {
            if let Some(Ask::TakeCommand(c)) = dialog.0.take() {
                out.write(Command::TakeCommand(c));
            }
        }
        ButtonAction::ShowEnd => next.set(Screen::End),
        a => {
            if let Some(o) = army_order(s, a) {
                out.write(Command::Give(o));
            }
        }
    }
}

/// Keyboard shortcuts for the play screen (and the viewer's).
#[allow(clippy::too_many_arguments)]
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    session: Option<Res<Session>>,
    saves: Res<super::saves::SaveDir>,
    mut dialog: ResMut<Dialog>,
    mut hints: ResMut<Hints>,
    mut scroll: ResMut<LogScroll>,
    mut focus: ResMut<FocusOn>,
    mut out: MessageWriter<Command>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(s) = session else { return };
    let pressed = |k| keys.just_pressed(k);
    if pressed(KeyCode::F2) {
        hints.0 = !hints.0;
    }
    if pressed(KeyCode::PageUp) {
        scroll.0 += LOG_LINES - 1;
    }
    if pressed(KeyCode::PageDown) {
        scroll.0 = scroll.0.saturating_sub(LOG_LINES - 1);
    }
    let mut act = |a: ButtonAction, dialog: &mut Dialog| {
        act(a, &s, dialog, &mut focus, &mut out, &mut next);
    };
    // The open question: Enter answers yes, Escape no.
    if let Some(ask) = dialog.0.clone() {
        if pressed(KeyCode::Enter) {
            let yes = match ask {
                Ask::Quit => ButtonAction::QuitConfirmed,
                Ask::EndTurn(_) => ButtonAction::EndSideConfirmed,
                Ask::TakeCommand(_) => ButtonAction::TakeCommandConfirmed,
            };
            act(yes, &mut dialog);
        } else if pressed(KeyCode::Escape) {
            dialog.0 = None;
        }
        return;
    }
    if s.watching.is_some() {
        for (k, a) in [
            (KeyCode::Space, ButtonAction::PlayPause),
            (KeyCode::Comma, ButtonAction::StepBack),
            (KeyCode::Period, ButtonAction::StepForward),
            (KeyCode::KeyN, ButtonAction::NextEvent),
            (KeyCode::KeyV, ButtonAction::CycleView),
            (KeyCode::KeyT, ButtonAction::TakeCommand),
            (KeyCode::KeyP, ButtonAction::CycleSpeed),
        ] {
            if pressed(k) {
                act(a, &mut dialog);
            }
        }
        if pressed(KeyCode::Escape) {
            out.write(Command::Select(None));
        }
        return;
    }
    if pressed(KeyCode::Enter) {
        act(ButtonAction::EndSide, &mut dialog);
    }
    if pressed(KeyCode::KeyN) {
        act(ButtonAction::NextArmy, &mut dialog);
    }
    if pressed(KeyCode::KeyM) {
        out.write(Command::ToggleForced);
    }
    if pressed(KeyCode::Escape) {
        out.write(Command::Select(None));
    }
    if pressed(KeyCode::KeyU) {
        out.write(Command::Undo);
    }
    if pressed(KeyCode::KeyQ) {
        // Centre the map on the selected army.
        if let Some(a) = s.selected {
            focus.0 = Some(s.game.army(a).hex);
        }
    }
    if pressed(KeyCode::F5) {
        out.write(Command::Save("quicksave".into()));
    }
    if pressed(KeyCode::F9) {
        let file = saves.path(&s.game.scenario().id, "quicksave");
        out.write(Command::Load(file));
    }
    for (k, action) in [
        (KeyCode::KeyH, ButtonAction::Hide),
        (KeyCode::KeyF, ButtonAction::Fortify),
        (KeyCode::KeyB, ButtonAction::Besiege),
        (KeyCode::KeyL, ButtonAction::LiftSiege),
        (KeyCode::KeyX, ButtonAction::Scorch),
        (KeyCode::KeyC, ButtonAction::CutWater),
        (KeyCode::KeyK, ButtonAction::Fires),
        (KeyCode::KeyO, ButtonAction::BuildFort),
        (KeyCode::KeyY, ButtonAction::BreachDike),
        (KeyCode::KeyV, ButtonAction::Levy),
        (KeyCode::KeyG, ButtonAction::Deliver),
        (KeyCode::KeyT, ButtonAction::Stock),
    ] {
        if pressed(k)
            && let Some(o) = army_order(&s, action)
        {
            out.write(Command::Give(o));
        }
    }
}

/// Builds the box of the open question, when it changes.
fn show_dialog(
    mut commands: Commands,
    dialog: Res<Dialog>,
    fonts: Res<Fonts>,
    session: Option<Res<Session>>,
    old: Query<Entity, With<DialogRoot>>,
) {
    if !dialog.is_changed() {
        return;
    }
    for e in &old {
        commands.entity(e).despawn();
    }
    let (Some(ask), Some(s)) = (&dialog.0, session) else {
        return;
    };
    let g = &s.game;
    commands
        .spawn((
            DialogRoot,
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                width: Val::Percent(100.0),
                height: Val::Percent(100.0),
                align_items: AlignItems::Center,
                justify_content: JustifyContent::Center,
                ..default()
            },
            BackgroundColor(Color::srgba(0.0, 0.0, 0.0, 0.45)),
            GlobalZIndex(50),
        ))
        .with_children(|p| {
            p.spawn((
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: Val::Px(10.0),
                    padding: UiRect::all(Val::Px(18.0)),
                    max_width: Val::Px(560.0),
                    ..default()
                },
                BackgroundColor(Color::srgb(0.14, 0.11, 0.08)),
            ))
            .with_children(|b| {
                let (question, yes, no) = match ask {
                    Ask::Quit => (
                        "Leave this game for the title? It is saved as it stands (autosave), orders of this turn included; [Continue] on the title brings it back.".to_string(),
                        ("Leave [Enter]", ButtonAction::QuitConfirmed),
                        ("Keep playing [Esc]", ButtonAction::Stay),
                    ),
                    Ask::EndTurn(unmoved) => {
                        let names: Vec<String> = unmoved
                            .iter()
                            .map(|a| g.scenario().armies[usize::from(a.0)].name.clone())
                            .collect();
                        (
                            format!(
                                "{} of your armies have no orders this turn: {}.\nEnd the turn anyway? They stay where they are.",
                                names.len(),
                                names.join(", ")
                            ),
                            ("End the turn [Enter]", ButtonAction::EndSideConfirmed),
                            ("Give orders [Esc]", ButtonAction::Stay),
                        )
                    }
                    Ask::TakeCommand(_) => (
                        format!(
                            "Take command on {} (turn {}): who plays each side from here? The game goes on from this moment and is recorded as a replay of its own.",
                            g.state().date,
                            g.state().turn
                        ),
                        ("Play on [Enter]", ButtonAction::TakeCommandConfirmed),
                        ("Keep watching [Esc]", ButtonAction::Stay),
                    ),
                };
                b.spawn(text(&fonts, &question, 16.0));
                if let Ask::TakeCommand(control) = ask {
                    for (i, c) in control.iter().enumerate() {
                        b.spawn(Node {
                            column_gap: Val::Px(10.0),
                            align_items: AlignItems::Center,
                            ..default()
                        })
                        .with_children(|r| {
                            r.spawn(text(
                                &fonts,
                                &format!("{}: {}", g.scenario().sides[i].name, c.label()),
                                15.0,
                            ));
                            button_with(
                                r,
                                &fonts,
                                "change",
                                ButtonAction::CycleTakeControl(i),
                                13.0,
                                Some("Human, or one of the computer players."),
                            );
                        });
                    }
                }
                b.spawn(Node {
                    column_gap: Val::Px(10.0),
                    ..default()
                })
                .with_children(|r| {
                    button_with(r, &fonts, yes.0, yes.1, 16.0, None);
                    button_with(r, &fonts, no.0, no.1, 16.0, None);
                });
            });
        });
}

/// Shows the notice when the scenario's file changed under a game in progress.
fn show_notice(session: Option<Res<Session>>, mut q: Query<&mut Visibility, With<Notice>>) {
    let Some(s) = session else { return };
    if !s.is_changed() {
        return;
    }
    let want = if s.scenario_changed {
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    for mut v in &mut q {
        if *v != want {
            *v = want;
        }
    }
}

/// The order a button gives the selected army, if it makes sense to ask the core.
pub fn army_order(s: &Session, action: ButtonAction) -> Option<Order> {
    let army = s.selected?;
    let g = &s.game;
    Some(match action {
        ButtonAction::Hide => Order::Hide { army },
        ButtonAction::Fortify => Order::Fortify { army },
        ButtonAction::LiftSiege => Order::LiftSiege { army },
        ButtonAction::Besiege => {
            let a = g.army(army);
            let p = g
                .state()
                .places
                .iter()
                .filter(|p| p.owner.is_some_and(|o| g.at_war(o, a.side)))
                .min_by_key(|p| (p.hex.distance(a.hex), p.id))?;
            Order::Besiege { army, place: p.id }
        }
        ButtonAction::Scorch => Order::Scorch { army },
        ButtonAction::BuildFort => Order::BuildFort { army },
        ButtonAction::BreachDike => Order::BreachDike { army },
        ButtonAction::Levy => Order::Levy { army },
        ButtonAction::Stock => Order::Stock { army },
        ButtonAction::Fires => Order::Fires {
            army,
            allowed: g.army(army).no_fires,
        },
        ButtonAction::CutWater => {
            let a = g.army(army);
            let p = g.state().places.iter().find(|p| {
                p.hex.is_adjacent(a.hex) && p.water && p.owner.is_some_and(|o| g.at_war(o, a.side))
            })?;
            Order::CutWater { army, place: p.id }
        }
        ButtonAction::Deliver => {
            let a = g.army(army);
            let to = g
                .state()
                .armies
                .iter()
                .filter(|b| {
                    b.id != army && b.side == a.side && b.is_active() && b.hex.distance(a.hex) <= 1
                })
                .min_by_key(|b| (g.food_days(b), b.id))?;
            Order::Deliver { army, to: to.id }
        }
        _ => return None,
    })
}
