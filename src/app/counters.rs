//! Army counters in the style wargamers know: side colour, arm, commander, men, and at a glance
//! supply and state. Armies on one hex are fanned out so each stays readable. The selected
//! army's reach for this turn is shaded.

use super::map_view::{Hovered, MapGeometry};
use super::screens::Screen;
use super::session::Session;
use bevy::prelude::*;
use ordos_core::load::tables::Arm;
use ordos_core::model::state::{Army, ArmyState, SupplyStatus};
use ordos_core::play::report::men_short;

#[derive(Component)]
struct Counter;

/// A counter's size in world units (a hex is 64 across).
const COUNTER: Vec2 = Vec2::new(68.0, 60.0);

#[derive(Component)]
struct ReachMark;

/// The words on a counter (arm, name, men, state): hidden when the camera is so far out that
/// they would be a few pixels high, where the counter reads by its colour alone (and the
/// renderer is spared some 160 lines of text on the whole frontier).
#[derive(Component)]
pub struct CounterWords;

/// World units per screen pixel beyond which a counter's words are hidden: its largest line
/// (15 points) is then under 5 pixels high.
pub const WORDS_HIDDEN_BEYOND: f32 = 3.0;

/// Whether a counter's words are shown at this camera scale.
pub fn words_shown(camera_scale: f32) -> bool {
    camera_scale <= WORDS_HIDDEN_BEYOND
}

/// A counter on its way to its hex, at `speed` world units a second.
#[derive(Component)]
struct Glide {
    to: Vec2,
    speed: f32,
}

/// Marks a counter still on its way, so the game keeps drawing frames until it arrives.
#[derive(Component)]
pub struct Gliding;

/// How long a counter takes to glide to its new hex, whatever the distance.
const GLIDE_SECS: f32 = 0.4;

fn glide(
    mut commands: Commands,
    time: Res<Time>,
    mut q: Query<(Entity, &Glide, &mut Transform), With<Gliding>>,
) {
    for (e, g, mut t) in &mut q {
        let at = t.translation.truncate();
        let left = g.to - at;
        let step = g.speed * time.delta_secs();
        let next = if left.length() <= step || g.speed <= 0.0 {
            g.to
        } else {
            at + left.normalize() * step
        };
        t.translation = next.extend(t.translation.z);
        if next == g.to {
            commands.entity(e).remove::<Gliding>();
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (sync_counters, sync_reach, glide, words_near_only)
            .chain()
            .run_if(in_state(Screen::Play)),
    )
    .add_systems(OnExit(Screen::Play), clear);
}

fn clear(mut commands: Commands, q: Query<Entity, Or<(With<Counter>, With<ReachMark>)>>) {
    for e in &q {
        commands.entity(e).despawn();
    }
}

/// Shows a counter's words near, hides them far (`words_shown`).
fn words_near_only(
    camera: Query<&Projection, With<super::map_view::MapCamera>>,
    mut words: Query<&mut Visibility, With<CounterWords>>,
) {
    let Ok(Projection::Orthographic(o)) = camera.single() else {
        return;
    };
    let v = if words_shown(o.scale) {
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    for mut w in &mut words {
        w.set_if_neq(v);
    }
}

fn side_colour(s: &Session, a: &Army) -> Color {
    super::theme::side_colour(s.game.scenario(), usize::from(a.side.0))
}

/// The arm that gives the counter its symbol: the most numerous.
pub fn main_arm(a: &Army) -> &'static str {
    let arm = Arm::ALL
        .iter()
        .copied()
        .max_by_key(|arm| (a.men.get(*arm), std::cmp::Reverse(*arm)))
        .unwrap_or(Arm::Foot);
    match arm {
        Arm::Foot => "FOOT",
        Arm::Crossbow => "XBOW",
        Arm::LightHorse => "HORSE",
        Arm::HeavyHorse => "IRON HAWKS",
    }
}

/// One word for what the army is doing and how it is fed.
pub fn condition(a: &Army) -> &'static str {
    match (a.state, a.status) {
        (ArmyState::Routed, _) => "ROUTED",
        (ArmyState::Hidden, _) => "hidden",
        (_, SupplyStatus::Thirsty) => "THIRSTY",
        (_, SupplyStatus::Starving) => "STARVING",
        (ArmyState::Besieging, _) => "besieging",
        (ArmyState::Fortified, _) => "fortified",
        (_, SupplyStatus::Short) => "short",
        _ => "fed",
    }
}

/// A commander's name short enough for a counter.
pub fn short_name(name: &str) -> String {
    let name = name.trim_start_matches("the ").trim_start_matches("a ");
    if name.chars().count() <= 12 {
        name.to_string()
    } else {
        name.chars().take(11).collect::<String>() + "."
    }
}

fn sync_counters(
    mut commands: Commands,
    session: Option<Res<Session>>,
    geo: Option<Res<MapGeometry>>,
    fonts: Res<super::theme::Fonts>,
    old: Query<Entity, With<Counter>>,
    mut drawn: Local<(String, std::collections::BTreeMap<u16, Vec2>)>,
) {
    let (Some(s), Some(geo)) = (session, geo) else {
        return;
    };
    if !s.is_changed() && !geo.is_changed() && !old.is_empty() {
        return;
    }
    for e in &old {
        commands.entity(e).despawn();
    }
    let g = &s.game;
    let shown: Vec<&Army> = g.state().armies.iter().filter(|a| s.shows(a)).collect();
    let mut seen = std::collections::BTreeMap::new();
    for a in &shown {
        let stack: Vec<_> = shown
            .iter()
            .filter(|b| b.hex == a.hex)
            .map(|b| b.id)
            .collect();
        let k = stack.iter().position(|id| *id == a.id).unwrap_or(0) as f32;
        let at = geo.world(a.hex) + Vec2::new(6.0 * k, -6.0 * k);
        let z = 10.0 + k;
        // A counter that was drawn elsewhere glides to its new hex: marches, retreats and the
        // other side's moves are seen, not just found changed.
        let same_game = drawn.0 == g.scenario().id;
        let from = drawn
            .1
            .get(&a.id.0)
            .copied()
            .filter(|_| same_game)
            .unwrap_or(at);
        seen.insert(a.id.0, at);
        let root = commands
            .spawn((
                Counter,
                Glide {
                    to: at,
                    speed: (at - from).length() / GLIDE_SECS,
                },
                Transform::from_xyz(from.x, from.y, 0.0),
                Visibility::default(),
            ))
            .id();
        if from != at {
            commands.entity(root).insert(Gliding);
        }
        let selected = s.selected == Some(a.id);
        let def = &g.scenario().armies[usize::from(a.id.0)];
        let border = if selected {
            Color::srgb(1.0, 0.9, 0.2)
        } else {
            Color::srgb(0.08, 0.06, 0.05)
        };
        commands.spawn((
            ChildOf(root),
            Sprite::from_color(border, Vec2::new(COUNTER.x + 4.0, COUNTER.y + 4.0)),
            Transform::from_xyz(0.0, 0.0, z),
        ));
        let fill = if a.state == ArmyState::Routed {
            side_colour(&s, a).with_alpha(0.55)
        } else {
            side_colour(&s, a)
        };
        commands.spawn((
            ChildOf(root),
            Sprite::from_color(fill, COUNTER),
            Transform::from_xyz(0.0, 0.0, z + 0.1),
        ));
        // The army's name as the log, the reports and the odds give it (wrapped on two
        // lines, never cut short), its arm and its men.
        commands.spawn((
            ChildOf(root),
            CounterWords,
            Text2d::new(main_arm(a).to_string()),
            fonts.counter(10.0),
            TextColor(Color::srgba(1.0, 1.0, 1.0, 0.85)),
            Transform::from_xyz(0.0, 24.0, z + 0.2),
        ));
        commands.spawn((
            ChildOf(root),
            CounterWords,
            Text2d::new(def.name.clone()),
            fonts.counter(11.0),
            TextColor(Color::WHITE),
            TextLayout::justify(Justify::Center),
            bevy::text::TextBounds::new_horizontal(COUNTER.x - 4.0),
            Transform::from_xyz(0.0, 9.0, z + 0.2),
        ));
        commands.spawn((
            ChildOf(root),
            CounterWords,
            Text2d::new(men_short(a.men.total())),
            fonts.counter(15.0),
            TextColor(Color::WHITE),
            Transform::from_xyz(0.0, -12.0, z + 0.2),
        ));
        let cond = condition(a);
        let warn = matches!(cond, "ROUTED" | "THIRSTY" | "STARVING");
        commands.spawn((
            ChildOf(root),
            CounterWords,
            Text2d::new(cond.to_string()),
            fonts.counter(10.0),
            TextColor(if warn {
                Color::srgb(1.0, 0.85, 0.3)
            } else {
                Color::srgb(0.9, 0.9, 0.9)
            }),
            Transform::from_xyz(0.0, -26.0, z + 0.2),
        ));
    }
    *drawn = (g.scenario().id.clone(), seen);
}

fn sync_reach(
    mut commands: Commands,
    session: Option<Res<Session>>,
    geo: Option<Res<MapGeometry>>,
    hovered: Res<Hovered>,
    old: Query<Entity, With<ReachMark>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut cache: Local<Option<(Handle<Mesh>, Handle<ColorMaterial>, Handle<ColorMaterial>)>>,
) {
    let (Some(s), Some(geo)) = (session, geo) else {
        return;
    };
    if !s.is_changed() && !hovered.is_changed() && !geo.is_changed() {
        return;
    }
    for e in &old {
        commands.entity(e).despawn();
    }
    let Some(id) = s.selected.filter(|_| s.watching.is_none()) else {
        return;
    };
    let a = s.game.army(id);
    if a.moved || !a.is_active() || Some(a.side) != s.acting_side() {
        return;
    }
    let (mesh, reach, path) = cache
        .get_or_insert_with(|| {
            (
                meshes.add(RegularPolygon::new(34.0, 6)),
                materials.add(Color::srgba(1.0, 1.0, 0.85, 0.28)),
                materials.add(Color::srgba(1.0, 0.85, 0.2, 0.55)),
            )
        })
        .clone();
    for (h, _) in s.game.reachable(a, s.forced) {
        let p = geo.world(h);
        commands.spawn((
            ReachMark,
            Mesh2d(mesh.clone()),
            MeshMaterial2d(reach.clone()),
            Transform::from_xyz(p.x, p.y, 1.0),
        ));
    }
    // The path the march would take to the hex under the cursor.
    if let Some(goal) = hovered.0
        && let Some(full) = s.game.find_path(a, goal)
    {
        for h in s.game.truncate_to_turn(a, &full, s.forced) {
            let p = geo.world(h);
            commands.spawn((
                ReachMark,
                Mesh2d(mesh.clone()),
                MeshMaterial2d(path.clone()),
                Transform::from_xyz(p.x, p.y, 1.5).with_scale(Vec3::splat(0.5)),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::map_view::test_camera;
    use super::*;

    #[test]
    fn a_counters_words_are_hidden_only_when_they_would_be_a_few_pixels_high() {
        use bevy::ecs::system::RunSystemOnce;
        let mut world = World::new();
        let camera = test_camera::spawn(&mut world);
        let word = world.spawn((CounterWords, Visibility::Inherited)).id();
        for (scale, shown) in [
            (1.0, true),
            (WORDS_HIDDEN_BEYOND, true),
            (3.5, false),
            (0.3, true),
        ] {
            test_camera::set_scale(&mut world, camera, scale);
            world.run_system_once(words_near_only).unwrap();
            let v = *world.get::<Visibility>(word).unwrap();
            assert_eq!(v != Visibility::Hidden, shown, "scale {scale}");
            // The largest line (15 points) is under 5 pixels high exactly when hidden.
            assert_eq!(15.0 / scale >= 5.0, shown, "scale {scale}");
        }
    }
}
