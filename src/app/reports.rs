//! Two panels over the map: the battle report (every battle since you last looked, with the
//! men each side lost by cause: shown by itself when there are new ones, `R` to toggle), and
//! the help (`F1`: every key and what the map shows).

use super::screens::Screen;
use super::session::Session;
use super::theme::Fonts;
use super::theme::{INK, PAPER};
use bevy::prelude::*;
use ordos_core::play::report::battle_report;

#[derive(Component)]
struct BattlePanel;

#[derive(Component)]
struct HelpPanel;

/// How much of the game's log the player has seen in the battle report.
#[derive(Resource, Default)]
struct Seen {
    log_len: usize,
    open: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Seen>()
        .add_systems(OnEnter(Screen::Play), spawn)
        .add_systems(
            Update,
            (keys, update).chain().run_if(in_state(Screen::Play)),
        );
}

fn panel(fonts: &Fonts, top: f32) -> impl Bundle {
    (
        DespawnOnExit(Screen::Play),
        Node {
            position_type: PositionType::Absolute,
            left: Val::Px(12.0),
            top: Val::Px(top),
            max_width: Val::Px(560.0),
            padding: UiRect::all(Val::Px(12.0)),
            ..default()
        },
        BackgroundColor(PAPER),
        Text::new(""),
        fonts.text(14.0),
        TextColor(INK),
        Visibility::Hidden,
    )
}

fn spawn(
    mut commands: Commands,
    fonts: Res<Fonts>,
    mut seen: ResMut<Seen>,
    session: Option<Res<Session>>,
) {
    commands.spawn((BattlePanel, panel(&fonts, 64.0)));
    commands.spawn((HelpPanel, panel(&fonts, 64.0)));
    // A game just begun or loaded: what happened before is in the log, not news.
    seen.log_len = session.map_or(0, |s| s.game.log().len());
    seen.open = false;
}

fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut seen: ResMut<Seen>,
    session: Option<Res<Session>>,
    mut help: Query<&mut Visibility, (With<HelpPanel>, Without<BattlePanel>)>,
) {
    if keys.just_pressed(KeyCode::KeyR) {
        seen.open = !seen.open;
        if !seen.open
            && let Some(s) = &session
        {
            seen.log_len = s.game.log().len();
        }
    }
    if keys.just_pressed(KeyCode::Escape) && seen.open {
        seen.open = false;
        if let Some(s) = &session {
            seen.log_len = s.game.log().len();
        }
    }
    if keys.just_pressed(KeyCode::F1) {
        for mut v in &mut help {
            *v = if *v == Visibility::Hidden {
                Visibility::Inherited
            } else {
                Visibility::Hidden
            };
        }
    }
}

fn update(
    session: Option<Res<Session>>,
    mut seen: ResMut<Seen>,
    mut battles: Query<(&mut Text, &mut Visibility), (With<BattlePanel>, Without<HelpPanel>)>,
    mut help: Query<&mut Text, (With<HelpPanel>, Without<BattlePanel>)>,
) {
    let Some(s) = session else { return };
    for mut t in &mut help {
        if t.0.is_empty() {
            t.0 = HELP.to_string();
        }
    }
    if !s.is_changed() && !seen.is_changed() {
        return;
    }
    let g = &s.game;
    let from = seen.log_len.min(g.log().len());
    let report = battle_report(g, from);
    // New battles open the report by themselves in play; a viewer shows each turn's battles
    // in its log instead (the report would cover the map at every step).
    if s.is_changed() && !report.is_empty() && !seen.open && s.watching.is_none() {
        seen.open = true;
    }
    for (mut t, mut v) in &mut battles {
        if seen.open && !report.is_empty() {
            t.0 = format!("{report}\n[R] or [Esc] to close");
            *v = Visibility::Inherited;
        } else {
            *v = Visibility::Hidden;
        }
    }
}

const HELP: &str = "Help  [F1 to close]

Select: left click one of your armies (again to cycle a stack).
March: left click a hex: the shaded hexes are today's reach, the dots the path;
  the panel forecasts days, food on arrival and water on the way.
  Shift + click or [M]: forced march (further, with fatigue and stragglers).
Attack: left click an adjacent enemy; the panel shows the odds first.
Orders: [H] hide in ambush  [F] fortify  [B] besiege  [L] lift a siege
  [X] scorch the country  [C] cut an enemy place's wells  [K] cooking fires
  [O] build a fort  [Y] breach the dikes  [V] levy  [G] give grain  [T] stock walls
[U] take back the last order (not one that fought or drew luck).
[Enter] end your part of the turn.   [Esc] clear the selection.
[Z] overlays: supply / enemy zones of control / forage and water.
[R] battle report: every battle since you last looked, losses by cause.
[F5] quick save, [F9] load it; every turn is autosaved with its replay.
Map: WASD or arrows pan, middle drag pans, wheel or +/- zooms.
Counters: arm, commander, men, and state: fed / short / STARVING / THIRSTY,
  besieging, fortified, hidden, ROUTED. The enemy's hidden armies are not shown.";
