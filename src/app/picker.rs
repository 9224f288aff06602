//! The scenario picker: every scenario grouped by the war of the accounts it belongs to, in
//! their order (mods marked, files that do not load listed with their errors); for the one
//! chosen, its briefing, the passage of the accounts, where on the frontier it lies (a small
//! map of its window), its victory conditions with their points, and who plays each side.
//! With no human side, "Watch" plays the game out and opens it in the replay viewer.

use super::screens::Screen;
use super::session::{Catalog, Command, Control};
use super::theme::{
    ALARM, ButtonAction, Fonts, PAPER, button, button_with, dim_words, screen_root, words,
};
use bevy::asset::RenderAssetUsages;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
use ordos_core::load::geo::{GeneratedMap, Window as GeoWindow};
use ordos_core::play::report::condition_words;

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
#[derive(Component)]
struct StartLabel;
#[derive(Component)]
struct WindowMark;

/// The whole frontier at 10 km a hex, drawn once as a picture for the picker's small map.
#[derive(Resource)]
struct Frontier {
    image: Handle<Image>,
    map: GeneratedMap,
}

/// The frontier the small map shows.
const FRONTIER: GeoWindow = GeoWindow {
    south: 35.0,
    west: 100.0,
    north: 41.5,
    east: 111.5,
};
/// The small map's width on screen.
const SMALL_MAP_PX: f32 = 300.0;

pub fn plugin(app: &mut App) {
    app.init_resource::<PickerChoice>()
        .add_systems(OnEnter(Screen::Picker), spawn)
        .add_systems(
            Update,
            (press, update, rebuild_on_reload).run_if(in_state(Screen::Picker)),
        );
}

/// The colour of a terrain on the small map.
fn terrain_colour(id: &str) -> [u8; 3] {
    match id {
        "desert" => [214, 190, 140],
        "steppe" => [178, 176, 118],
        "loess-hills" => [196, 160, 104],
        "mountains" => [132, 120, 108],
        "river-valley" | "irrigated-plain" => [120, 156, 92],
        "stream" => [96, 140, 150],
        "marsh" => [88, 130, 120],
        "forest" => [70, 104, 64],
        "yellow-river" => [84, 112, 150],
        _ => [150, 140, 120],
    }
}

fn frontier(images: &mut Assets<Image>) -> Option<Frontier> {
    let geo = ordos_core::load::geo::ordos();
    let map = ordos_core::load::geo::generate(&geo, FRONTIER, 10_000).ok()?;
    let (w, h) = (map.cols as u32, map.rows as u32);
    let mut data = Vec::with_capacity((w * h * 4) as usize);
    for t in &map.terrain {
        let [r, g, b] = terrain_colour(t);
        data.extend_from_slice(&[r, g, b, 255]);
    }
    let image = Image::new(
        Extent3d {
            width: w,
            height: h,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::default(),
    );
    Some(Frontier {
        image: images.add(image),
        map,
    })
}

fn spawn(
    mut commands: Commands,
    catalog: Res<Catalog>,
    mut choice: ResMut<PickerChoice>,
    fonts: Res<Fonts>,
    frontier_map: Option<Res<Frontier>>,
    mut images: ResMut<Assets<Image>>,
) {
    choice.scenario = choice
        .scenario
        .min(catalog.scenarios.len().saturating_sub(1));
    reset_control(&catalog, &mut choice);
    // The picture and its height on screen: rows of hexes are 0.866 of a column apart, as the
    // red box's placement assumes.
    let height = |f: &Frontier| SMALL_MAP_PX * f.map.rows as f32 / f.map.cols.max(1) as f32 * 0.866;
    let small_map = match frontier_map {
        Some(f) => Some((f.image.clone(), height(&f))),
        None => frontier(&mut images).map(|f| {
            let img = (f.image.clone(), height(&f));
            commands.insert_resource(f);
            img
        }),
    };
    commands
        .spawn(screen_root(Screen::Picker))
        .with_children(|p| {
            p.spawn(words(&fonts, "Choose a scenario", 26.0));
            p.spawn(Node {
                column_gap: Val::Px(20.0),
                max_width: Val::Px(1240.0),
                height: Val::Px(640.0),
                ..default()
            })
            .with_children(|row| {
                // The list, grouped by war; its buttons never move.
                row.spawn(Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: Val::Px(4.0),
                    width: Val::Px(330.0),
                    overflow: Overflow::clip_y(),
                    ..default()
                })
                .with_children(|list| {
                    let mut war: Option<Option<String>> = None;
                    for (i, s) in catalog.scenarios.iter().enumerate() {
                        let s = &s.scenario;
                        if war.as_ref() != Some(&s.war) {
                            let heading = s
                                .war
                                .as_deref()
                                .and_then(ordos_core::load::wars::by_id)
                                .map_or("Other scenarios".to_string(), |w| {
                                    format!("{} ({})", w.name, w.years)
                                });
                            list.spawn(dim_words(&fonts, &heading, 13.0));
                            war = Some(s.war.clone());
                        }
                        let mark = if catalog.is_mod(i) { "  [mod]" } else { "" };
                        button_with(
                            list,
                            &fonts,
                            &format!("{}  ({}–{}){mark}", s.title, s.start.year, s.end.year),
                            ButtonAction::Pick(i),
                            14.0,
                            (!mark.is_empty()).then_some(
                                "A mod: a scenario from your own folder, not shipped with the game.",
                            ),
                        );
                    }
                    for problem in &catalog.problems {
                        list.spawn((
                            Text::new(format!("Not loaded: {problem}")),
                            fonts.text(11.0),
                            TextColor(ALARM),
                        ));
                    }
                    button(list, &fonts, "Back", ButtonAction::Quit, 15.0);
                });
                // The chosen scenario.
                row.spawn((
                    Node {
                        flex_direction: FlexDirection::Column,
                        row_gap: Val::Px(8.0),
                        padding: UiRect::all(Val::Px(12.0)),
                        width: Val::Px(880.0),
                        ..default()
                    },
                    BackgroundColor(PAPER),
                ))
                .with_children(|d| {
                    d.spawn(Node {
                        column_gap: Val::Px(12.0),
                        height: Val::Px(430.0),
                        overflow: Overflow::clip(),
                        ..default()
                    })
                    .with_children(|top| {
                        top.spawn((
                            PickerText,
                            Node {
                                width: Val::Px(540.0),
                                ..default()
                            },
                            words(&fonts, "", 13.0),
                        ));
                        if let Some((img, map_height)) = &small_map {
                            top.spawn(Node {
                                flex_direction: FlexDirection::Column,
                                ..default()
                            })
                            .with_children(|m| {
                                m.spawn((
                                    ImageNode::new(img.clone()),
                                    Node {
                                        width: Val::Px(SMALL_MAP_PX),
                                        height: Val::Px(*map_height),
                                        ..default()
                                    },
                                ))
                                .with_children(|im| {
                                    im.spawn((
                                        WindowMark,
                                        Node {
                                            position_type: PositionType::Absolute,
                                            border: UiRect::all(Val::Px(2.0)),
                                            ..default()
                                        },
                                        BorderColor::all(Color::srgb(0.9, 0.1, 0.1)),
                                    ));
                                });
                                m.spawn(dim_words(
                                    &fonts,
                                    "The frontier, 35–41.5 N, 100–111.5 E: the red box is the scenario's map.",
                                    11.0,
                                ));
                            });
                        }
                    });
                    let sides = catalog
                        .scenarios
                        .get(choice.scenario)
                        .map_or(0, |s| s.scenario.sides.len());
                    // Each side's row has one height, and Begin sits at the foot of the panel
                    // (its top margin takes the slack), so neither moves from one scenario
                    // to the next under the mouse.
                    for i in 0..sides {
                        d.spawn(Node {
                            column_gap: Val::Px(10.0),
                            align_items: AlignItems::Center,
                            height: Val::Px(SIDE_ROW_PX),
                            ..default()
                        })
                        .with_children(|r| {
                            r.spawn((
                                ControlLabel(i),
                                Node {
                                    width: Val::Px(330.0),
                                    ..default()
                                },
                                words(&fonts, "", 15.0),
                            ));
                            button_with(
                                r,
                                &fonts,
                                "change",
                                ButtonAction::CycleControl(i),
                                13.0,
                                Some("Who commands this side: you (Human), the commanders of the accounts (Historical), the AI, or others. With no human side, you watch the game."),
                            );
                        });
                    }
                    d.spawn((
                        BeginRow,
                        Node {
                            column_gap: Val::Px(10.0),
                            margin: UiRect::top(Val::Auto),
                            ..default()
                        },
                    ))
                    .with_children(|r| {
                        r.spawn((
                            Button,
                            ButtonAction::Start,
                            Node {
                                padding: UiRect::axes(Val::Px(10.0), Val::Px(5.0)),
                                width: Val::Px(120.0),
                                ..default()
                            },
                            BackgroundColor(super::theme::BUTTON),
                        ))
                        .with_children(|b| {
                            b.spawn((StartLabel, words(&fonts, "Begin", 20.0)));
                        });
                    });
                });
            });
        });
}

/// The height of each side's row in the picker.
pub const SIDE_ROW_PX: f32 = 34.0;

/// The row of the Begin (or Watch) button, at the foot of the chosen scenario's panel.
#[derive(Component)]
pub struct BeginRow;

fn reset_control(catalog: &Catalog, choice: &mut PickerChoice) {
    let n = catalog
        .scenarios
        .get(choice.scenario)
        .map_or(0, |s| s.scenario.sides.len());
    if choice.control.len() != n {
        choice.control = Control::first_human(n);
    }
}

fn update(
    catalog: Res<Catalog>,
    choice: Res<PickerChoice>,
    frontier_map: Option<Res<Frontier>>,
    mut text: Query<&mut Text, (With<PickerText>, Without<ControlLabel>, Without<StartLabel>)>,
    mut labels: Query<(&ControlLabel, &mut Text), (Without<PickerText>, Without<StartLabel>)>,
    mut start: Query<&mut Text, (With<StartLabel>, Without<PickerText>, Without<ControlLabel>)>,
    mut mark: Query<(&mut Node, &mut Visibility), With<WindowMark>>,
) {
    if !choice.is_changed() && !catalog.is_changed() {
        return;
    }
    let Some(setup) = catalog.scenarios.get(choice.scenario) else {
        return;
    };
    let s = &setup.scenario;
    if let Ok(mut t) = text.single_mut() {
        let favoured = s
            .historically_favoured
            .as_ref()
            .and_then(|f| s.sides.iter().find(|x| &x.id == f))
            .map_or("neither".into(), |x| x.name.clone());
        let conditions: Vec<String> = s
            .victory
            .iter()
            .map(|v| format!("  • {}", condition_words(s, v)))
            .collect();
        let warnings = if setup.warnings.is_empty() {
            String::new()
        } else {
            format!(
                "\n\nWarnings ({}): {}",
                setup.warnings.len(),
                setup.warnings[0].message
            )
        };
        t.0 = format!(
            "{}\n{} to {} · turns of {} day{}\n\n{}\n\nThe accounts: “{}”\n\nHistory favours: {favoured}\n\nTo win:\n{}{warnings}",
            s.title,
            s.start,
            s.end,
            s.turn_days,
            if s.turn_days == 1 { "" } else { "s" },
            s.briefing,
            s.passage,
            conditions.join("\n")
        );
    }
    for (l, mut t) in &mut labels {
        if let (Some(side), Some(c)) = (s.sides.get(l.0), choice.control.get(l.0)) {
            t.0 = format!("{}: {}", side.name, c.label());
        }
    }
    if let Ok(mut t) = start.single_mut() {
        t.0 = if choice.control.contains(&Control::Human) {
            "Begin".into()
        } else {
            "Watch".into()
        };
    }
    // The scenario's window on the small map.
    if let (Some(f), Ok((mut node, mut vis))) = (frontier_map, mark.single_mut()) {
        match &s.map.region {
            Some(r) => {
                let scale = SMALL_MAP_PX / f.map.cols.max(1) as f32;
                let nw = f.map.hex_of((r.north, r.west));
                let se = f.map.hex_of((r.south, r.east));
                let (x0, y0) = (nw.col.min(se.col) as f32, nw.row.min(se.row) as f32);
                let (x1, y1) = (nw.col.max(se.col) as f32, nw.row.max(se.row) as f32);
                node.left = Val::Px(x0 * scale);
                node.top = Val::Px(y0 * scale * 0.866);
                node.width = Val::Px(((x1 - x0) * scale).max(4.0));
                node.height = Val::Px(((y1 - y0) * scale * 0.866).max(4.0));
                *vis = Visibility::Inherited;
            }
            None => *vis = Visibility::Hidden,
        }
    }
}

/// A scenario edited on disk: the picker is built again with it.
fn rebuild_on_reload(
    catalog: Res<Catalog>,
    mut seen: Local<u32>,
    mut next: ResMut<NextState<Screen>>,
) {
    if *seen == 0 {
        *seen = catalog.version;
        return;
    }
    if catalog.version != *seen {
        *seen = catalog.version;
        next.set(Screen::Picker);
    }
}

fn press(
    q: Query<(&Interaction, &ButtonAction), Changed<Interaction>>,
    catalog: Res<Catalog>,
    mut choice: ResMut<PickerChoice>,
    mut next: ResMut<NextState<Screen>>,
    mut out: MessageWriter<Command>,
) {
    for (i, action) in &q {
        if *i != Interaction::Pressed {
            continue;
        }
        match *action {
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
            ButtonAction::Quit => {
                out.write(Command::Quit);
            }
            _ => {}
        }
    }
}
