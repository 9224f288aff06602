//! The HUD of the play screen: date, season and weather always in view; the selected army and
//! the hex under the cursor; the log with the chronicle of the accounts; the order buttons.

use super::Fonts;
use super::counters::condition;
use super::map_view::Hovered;
use super::menus::{ButtonAction, button};
use super::screens::Screen;
use super::session::{Command, Session};
use bevy::prelude::*;
use ordos_core::play::report::{describe_event, men_short as thousands, weather_word};

use ordos_core::{Game, Order};

#[derive(Component)]
struct TopBar;
#[derive(Component)]
struct Panel;
#[derive(Component)]
struct Log;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Play), spawn_hud)
        .add_systems(Update, (update_hud, keys).run_if(in_state(Screen::Play)));
}

pub const INK: Color = Color::srgb(0.93, 0.9, 0.82);
pub const PAPER: Color = Color::srgba(0.12, 0.1, 0.08, 0.88);

fn text(fonts: &Fonts, s: &str, size: f32) -> impl Bundle {
    (Text::new(s.to_string()), fonts.text(size), TextColor(INK))
}

fn spawn_hud(mut commands: Commands, fonts: Res<Fonts>, session: Option<Res<Session>>) {
    // A map preview (no armies) shows the map alone, without the order panel.
    let preview = session.is_some_and(|s| s.game.state().armies.is_empty());
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
    commands
        .spawn((
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                right: Val::Px(0.0),
                top: Val::Px(34.0),
                width: Val::Px(340.0),
                padding: UiRect::all(Val::Px(10.0)),
                flex_direction: FlexDirection::Column,
                row_gap: Val::Px(6.0),
                ..default()
            },
            BackgroundColor(PAPER),
            if preview {
                Visibility::Hidden
            } else {
                Visibility::Inherited
            },
        ))
        .with_children(|p| {
            p.spawn((Panel, text(&fonts, "", 14.0)));
            p.spawn(Node {
                flex_wrap: FlexWrap::Wrap,
                column_gap: Val::Px(6.0),
                row_gap: Val::Px(6.0),
                ..default()
            })
            .with_children(|row| {
                for (label, action) in [
                    ("End turn [Enter]", ButtonAction::EndSide),
                    ("Forced march [M]", ButtonAction::ToggleForced),
                    ("Hide [H]", ButtonAction::Hide),
                    ("Fortify [F]", ButtonAction::Fortify),
                    ("Besiege [B]", ButtonAction::Besiege),
                    ("Lift siege [L]", ButtonAction::LiftSiege),
                    ("Scorch [X]", ButtonAction::Scorch),
                    ("Cut water [C]", ButtonAction::CutWater),
                    ("Fires [K]", ButtonAction::Fires),
                    ("Build fort [O]", ButtonAction::BuildFort),
                    ("Breach dike [Y]", ButtonAction::BreachDike),
                    ("Levy [V]", ButtonAction::Levy),
                    ("Give grain [G]", ButtonAction::Deliver),
                    ("Stock [T]", ButtonAction::Stock),
                    ("Menu", ButtonAction::Quit),
                ] {
                    button(row, &fonts, label, action, 13.0);
                }
            });
        });
    commands
        .spawn((
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(0.0),
                bottom: Val::Px(0.0),
                width: Val::Px(620.0),
                padding: UiRect::all(Val::Px(8.0)),
                ..default()
            },
            BackgroundColor(PAPER),
        ))
        .with_children(|p| {
            p.spawn((Log, text(&fonts, "", 13.0)));
        });
}

fn army_panel(s: &Session, g: &Game) -> String {
    let Some(id) = s.selected else {
        return "Click one of your armies to select it.\nClick a hex to march there (Shift or [M]: forced march);\nclick an adjacent enemy to attack it.\nWASD/arrows pan, wheel or +/- zoom.\n[Z] overlays: supply, zones of control, forage and water.\n[F5] quick save, [F9] load it; [R] battles; [F1] help.".into();
    };
    let a = g.army(id);
    let def = &g.scenario().armies[usize::from(id.0)];
    let days = g.food_days(a);
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
    format!(
        "{} — {}\n{} men: {} foot, {} crossbow, {} light horse, {} heavy horse\n{} porters, {} sent home\n{} · {supply}\nFood {days} days · water {} days carried\nMorale {} · fatigue {} · engines {}\nMarch {} li ({} forced){}{}",
        def.name,
        def.commander,
        thousands(a.men.total()),
        a.men.foot,
        a.men.crossbow,
        a.men.light_horse,
        a.men.heavy_horse,
        a.porters,
        a.porters_home,
        condition(a),
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
        if !a.hex.is_adjacent(h) {
            return format!(
                "\n\n{} is not next to us.",
                g.scenario().armies[usize::from(e.id.0)].name
            );
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
            "\n\nAttack {}: odds {}.{:02} to 1 · they give way {}% · expected losses {} / {}{}",
            g.scenario().armies[usize::from(e.id.0)].name,
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
    format!(
        "\n\nMarch: {} li, {} day{} ({}) · food on arrival ~{} days · {}",
        f.li,
        f.days,
        if f.days == 1 { "" } else { "s" },
        if s.forced { "forced" } else { "ordinary pace" },
        f.food_days_left,
        if f.water {
            "water on the way"
        } else {
            "NO WATER on the way"
        }
    )
}

fn hex_panel(g: &Game, h: ordos_core::hex::Hex) -> String {
    let Some(t) = g.terrain_at(h) else {
        return String::new();
    };
    let season = g.state().date.season();
    let water = if g.water_on(h) {
        "water here"
    } else if g.water_near(h) {
        "water next to it"
    } else {
        "NO WATER within reach"
    };
    let mut s = format!(
        "\n\nHex {h}: {}\nforage gives {}% of a man's ration · {water}",
        t.name,
        g.forage_share_pct(h, season),
    );
    if let Some(p) = g.place_at(h) {
        let def = p;
        let owner = p.owner.map_or("no one".to_string(), |o| {
            g.scenario().sides[usize::from(o.0)].name.clone()
        });
        s.push_str(&format!(
            "\n{} ({owner}) walls {} · stores {} sheng · {}",
            def.name,
            p.walls,
            p.stores_sheng(),
            if p.water { "wells" } else { "no wells" }
        ));
    }
    s
}

fn update_hud(
    session: Option<Res<Session>>,
    hovered: Res<Hovered>,
    mut top: Query<&mut Text, (With<TopBar>, Without<Panel>, Without<Log>)>,
    mut panel: Query<&mut Text, (With<Panel>, Without<TopBar>, Without<Log>)>,
    mut log: Query<&mut Text, (With<Log>, Without<TopBar>, Without<Panel>)>,
) {
    let Some(s) = session else { return };
    if !s.is_changed() && !hovered.is_changed() {
        return;
    }
    let g = &s.game;
    let acting = s.acting_side().map_or("—".to_string(), |a| {
        g.scenario().sides[usize::from(a.0)].name.clone()
    });
    let season = format!("{:?}", g.state().date.season()).to_lowercase();
    if let Ok(mut t) = top.single_mut() {
        t.0 = format!(
            "{}   ·   {}  ({season}, {})   ·   turn {}   ·   {acting} to move{}",
            g.scenario().title,
            g.state().date,
            weather_word(g.state().weather),
            g.state().turn,
            if s.forced { "   ·   FORCED MARCH" } else { "" }
        );
    }
    if let Ok(mut t) = panel.single_mut() {
        let mut text = army_panel(&s, g);
        if let Some(h) = hovered.0 {
            text.push_str(&hex_panel(g, h));
            text.push_str(&order_preview(&s, g, h));
        }
        if !s.message.is_empty() {
            text.push_str(&format!("\n\n{}", s.message));
        }
        t.0 = text;
    }
    if let Ok(mut t) = log.single_mut() {
        let lines: Vec<String> = g
            .log()
            .iter()
            .rev()
            .filter_map(|(_, _, e)| describe_event(g, e))
            .take(9)
            .collect();
        t.0 = lines.into_iter().rev().collect::<Vec<_>>().join("\n");
    }
}

/// Keyboard shortcuts for the play screen.
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    session: Option<Res<Session>>,
    saves: Res<super::saves::SaveDir>,
    mut out: MessageWriter<Command>,
) {
    let Some(s) = session else { return };
    let pressed = |k| keys.just_pressed(k);
    if pressed(KeyCode::Enter) {
        out.write(Command::EndSide);
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
