//! Map overlays, cycled with `Z`: supply (where the side playing draws on its stores, from the
//! core's `supply_zone`, and a line from each of its armies to the place it draws on,
//! `supply_source`), the enemy's zones of control (`enemy_zoc`, hidden enemies not shown),
//! and forage and water per hex (`forage_per_man_ge`, `water_near`). Drawn for the side whose
//! map it is, so they reveal nothing fog of war hides.

use super::map_view::{LEFT_PANEL, MapGeometry, RIGHT_PANEL};
use super::screens::Screen;
use super::session::Session;
use super::theme::{Fonts, PAPER};
use bevy::prelude::*;

/// Which overlay is shown.
#[derive(Resource, Default, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Overlay {
    #[default]
    None,
    Supply,
    Zoc,
    Forage,
}

impl Overlay {
    pub fn next(self) -> Overlay {
        match self {
            Overlay::None => Overlay::Supply,
            Overlay::Supply => Overlay::Zoc,
            Overlay::Zoc => Overlay::Forage,
            Overlay::Forage => Overlay::None,
        }
    }
    pub fn legend(self) -> &'static str {
        match self {
            Overlay::None => "",
            Overlay::Supply => {
                "Overlay [Z]: supply: green where your armies draw on your stores; lines to the stores each draws on"
            }
            Overlay::Zoc => "Overlay [Z]: the enemy's zones of control (marches stop there)",
            Overlay::Forage => {
                "Overlay [Z]: forage left per man today (pale: none, deep green: rich); blue: water"
            }
        }
    }
}

#[derive(Component)]
struct OverlayMark;

#[derive(Component)]
struct OverlayLegend;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Overlay>()
        .add_systems(OnEnter(Screen::Play), spawn_legend)
        .add_systems(Update, (cycle, draw).chain().run_if(in_state(Screen::Play)))
        .add_systems(OnExit(Screen::Play), clear);
}

fn clear(mut commands: Commands, q: Query<Entity, With<OverlayMark>>) {
    for e in &q {
        commands.entity(e).despawn();
    }
}

/// The legend of the overlay shown: on the map between the side panels, under the top bar (the
/// left panel's hint and objectives are never covered), and not drawn at all with no overlay.
fn spawn_legend(mut commands: Commands, fonts: Res<Fonts>) {
    commands.spawn((
        DespawnOnExit(Screen::Play),
        OverlayLegend,
        Text::new(""),
        fonts.text(14.0),
        TextColor(Color::srgb(0.95, 0.92, 0.85)),
        BackgroundColor(PAPER),
        Node {
            position_type: PositionType::Absolute,
            left: Val::Px(LEFT_PANEL + 8.0),
            right: Val::Px(RIGHT_PANEL + 8.0),
            top: Val::Px(40.0),
            padding: UiRect::axes(Val::Px(8.0), Val::Px(4.0)),
            display: Display::None,
            ..default()
        },
    ));
}

fn cycle(keys: Res<ButtonInput<KeyCode>>, mut overlay: ResMut<Overlay>) {
    if keys.just_pressed(KeyCode::KeyZ) {
        *overlay = overlay.next();
    }
}

fn draw(
    mut commands: Commands,
    overlay: Res<Overlay>,
    session: Option<Res<Session>>,
    geo: Option<Res<MapGeometry>>,
    old: Query<Entity, With<OverlayMark>>,
    mut legend: Query<(&mut Text, &mut Node), With<OverlayLegend>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut cache: Local<Option<(Handle<Mesh>, Handle<Mesh>, Vec<Handle<ColorMaterial>>)>>,
) {
    let (Some(s), Some(geo)) = (session, geo) else {
        return;
    };
    if !s.is_changed() && !overlay.is_changed() && !geo.is_changed() {
        return;
    }
    for e in &old {
        commands.entity(e).despawn();
    }
    for (mut t, mut node) in &mut legend {
        t.0 = overlay.legend().to_string();
        node.display = if t.0.is_empty() {
            Display::None
        } else {
            Display::Flex
        };
    }
    let (hex, dot, tints) = cache
        .get_or_insert_with(|| {
            let tints = [
                Color::srgba(0.2, 0.8, 0.3, 0.30),   // in supply
                Color::srgba(0.85, 0.15, 0.1, 0.30), // enemy zone of control
                Color::srgba(0.2, 0.45, 0.95, 0.85), // water
            ]
            .into_iter()
            .chain((0..5).map(|k| Color::srgba(0.1, 0.55, 0.1, 0.08 + 0.12 * k as f32)))
            .map(|c| materials.add(c))
            .collect();
            (
                meshes.add(RegularPolygon::new(34.0, 6)),
                meshes.add(Circle::new(6.0)),
                tints,
            )
        })
        .clone();
    let g = &s.game;
    let viewer = s.viewer();
    let mut mark =
        |h: ordos_core::hex::Hex, mesh: &Handle<Mesh>, m: &Handle<ColorMaterial>, z: f32| {
            let p = geo.world(h);
            commands.spawn((
                OverlayMark,
                Mesh2d(mesh.clone()),
                MeshMaterial2d(m.clone()),
                Transform::from_xyz(p.x, p.y, z),
            ));
        };
    match *overlay {
        Overlay::None => {}
        Overlay::Supply => {
            for (i, inside) in g.supply_zone(viewer).into_iter().enumerate() {
                if inside {
                    mark(g.map().hex_at(i), &hex, &tints[0], 0.8);
                }
            }
            // Each of its armies' line to the stores it draws on (none: cut off).
            for a in g
                .state()
                .armies
                .iter()
                .filter(|a| a.side == viewer && a.is_active())
            {
                let Some(p) = g.supply_source(a) else {
                    continue;
                };
                let place = g.place(p);
                if place.stores_ge == 0 || place.hex == a.hex {
                    continue;
                }
                let (from, to) = (geo.world(a.hex), geo.world(place.hex));
                let d = to - from;
                commands.spawn((
                    OverlayMark,
                    Sprite::from_color(
                        Color::srgba(0.1, 0.45, 0.1, 0.9),
                        Vec2::new(d.length(), 5.0),
                    ),
                    Transform::from_xyz((from.x + to.x) / 2.0, (from.y + to.y) / 2.0, 0.95)
                        .with_rotation(Quat::from_rotation_z(d.y.atan2(d.x))),
                ));
            }
        }
        Overlay::Zoc => {
            for (i, zoc) in g.enemy_zoc(viewer).into_iter().enumerate() {
                if zoc {
                    mark(g.map().hex_at(i), &hex, &tints[1], 0.8);
                }
            }
        }
        Overlay::Forage => {
            let season = g.state().date.season();
            let most = (0..g.map().len())
                .map(|i| g.forage_per_man_ge(g.map().hex_at(i), season))
                .max()
                .unwrap_or(0)
                .max(1);
            for i in 0..g.map().len() {
                let h = g.map().hex_at(i);
                let f = g.forage_per_man_ge(h, season);
                let k = (f * 4).div_ceil(most).min(4) as usize;
                if f > 0 {
                    mark(h, &hex, &tints[3 + k], 0.8);
                }
                if g.water_near(h) {
                    mark(h, &dot, &tints[2], 0.9);
                }
            }
        }
    }
}
