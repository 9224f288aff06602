//! The map: a bevy_ecs_tilemap hex map of the scenario's terrain, shaded by its relief, with
//! rivers drawn as rivers, places as pictures of towns, forts and walled cities, the season and
//! the weather laid over it; a camera that pans and zooms, the hex under the cursor, and clicks
//! turned into orders.

use super::screens::Screen;
use super::session::{Command, Session};
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_ecs_tilemap::prelude::*;
use ordos_core::Order;
use ordos_core::hex::Hex;
use ordos_core::model::state::ArmyState;

/// Pixel size of one hex tile (pointy-top: width = √3 × radius, height = 2 × radius).
pub const TILE: TilemapTileSize = TilemapTileSize { x: 64.0, y: 74.0 };
/// Terrain ids in the order of the tiles in `assets/tiles/terrain.png`.
pub const TILE_ORDER: [&str; 10] = [
    "steppe",
    "desert",
    "loess-hills",
    "mountains",
    "river-valley",
    "irrigated-plain",
    "marsh",
    "forest",
    "stream",
    "yellow-river",
];

/// The tile a hex is drawn with (its terrain's, in `TILE_ORDER`; steppe for a terrain
/// without a tile of its own).
pub(super) fn tile_index(game: &ordos_core::Game, h: Hex) -> usize {
    let id = game
        .map()
        .terrain(h)
        .map(|t| game.rules().terrain[t].id.as_str())
        .unwrap_or("steppe");
    TILE_ORDER.iter().position(|x| *x == id).unwrap_or(0)
}

/// How hexes of the core map sit in the world.
#[derive(Resource, Clone, Copy)]
pub struct MapGeometry {
    pub size: TilemapSize,
    pub grid: TilemapGridSize,
    pub map_type: TilemapType,
    pub anchor: TilemapAnchor,
}

impl MapGeometry {
    pub fn new(width: u32, height: u32) -> Self {
        // Row 0 is north; the tilemap's y grows upward. Shifted (odd) rows of the core land on
        // even tile rows when the height is even.
        let coord = if height.is_multiple_of(2) {
            HexCoordSystem::RowEven
        } else {
            HexCoordSystem::RowOdd
        };
        MapGeometry {
            size: TilemapSize {
                x: width,
                y: height,
            },
            grid: TilemapGridSize {
                x: TILE.x,
                y: TILE.y,
            },
            map_type: TilemapType::Hexagon(coord),
            anchor: TilemapAnchor::Center,
        }
    }
    pub fn tile(&self, h: Hex) -> Option<TilePos> {
        TilePos::from_i32_pair(h.col, self.size.y as i32 - 1 - h.row, &self.size)
    }
    pub fn hex(&self, t: TilePos) -> Hex {
        Hex::new(t.x as i32, self.size.y as i32 - 1 - t.y as i32)
    }
    pub fn world(&self, h: Hex) -> Vec2 {
        let t = TilePos {
            x: h.col.max(0) as u32,
            y: (self.size.y as i32 - 1 - h.row).max(0) as u32,
        };
        t.center_in_world(&self.size, &self.grid, &TILE, &self.map_type, &self.anchor)
    }
    /// The least and the greatest world point of the hexes' centres (the first and the last
    /// hex of the grid).
    pub fn centres_span(&self) -> (Vec2, Vec2) {
        let a = self.world(Hex::new(0, 0));
        let b = self.world(Hex::new(self.size.x as i32 - 1, self.size.y as i32 - 1));
        (a.min(b), a.max(b))
    }
    pub fn hex_at(&self, world: Vec2) -> Option<Hex> {
        TilePos::from_world_pos(
            &world,
            &self.size,
            &self.grid,
            &TILE,
            &self.map_type,
            &self.anchor,
        )
        .map(|t| self.hex(t))
    }
}

/// The map's own systems (the camera, the look of the map): what draws over it runs after.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct MapSystems;

/// The hex under the cursor, for the readout.
#[derive(Resource, Default, PartialEq)]
pub struct Hovered(pub Option<Hex>);

#[derive(Component)]
pub struct MapCamera;

#[derive(Component)]
pub(super) struct MapEntity;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Hovered>()
        .init_resource::<FocusOn>()
        .add_systems(Startup, spawn_camera)
        .add_systems(OnEnter(Screen::Play), spawn_map)
        .add_systems(OnEnter(Screen::Title), despawn_map)
        .add_systems(
            Update,
            (
                focus,
                pan_and_zoom,
                hover,
                click,
                sync_places,
                season_look,
                keep_legible,
            )
                .chain()
                .in_set(MapSystems)
                .run_if(in_state(Screen::Play)),
        );
}

/// How the map is painted: the river ribbons' materials (banks and water, streams and the
/// Yellow River), recoloured when the river freezes, and the terrain tiles with and without
/// snow.
#[derive(Resource, Clone)]
pub(super) struct MapLook {
    minor_bank: Handle<ColorMaterial>,
    minor_water: Handle<ColorMaterial>,
    major_bank: Handle<ColorMaterial>,
    major_water: Handle<ColorMaterial>,
    /// The terrain tiles, and the same under snow (`tools/make_tiles.py`).
    pub(super) tiles: Handle<Image>,
    pub(super) snow: Handle<Image>,
}

/// What the map's look is painted for: the season, the river's ice and the weather.
pub(super) type LookKey = (u8, bool, u8);

/// The look the game's present day calls for (`LookKey`).
pub(super) fn look_key(g: &ordos_core::Game) -> LookKey {
    let s = g.state();
    (s.date.season() as u8, g.river_frozen(), s.weather as u8)
}

impl MapLook {
    /// The terrain tiles for the game's present day: under snow or not (`snowy`).
    pub(super) fn tiles_for(&self, g: &ordos_core::Game) -> &Handle<Image> {
        if snowy(g.state().date.season(), g.state().weather) {
            &self.snow
        } else {
            &self.tiles
        }
    }

    fn material(&self, major: bool, bank: bool) -> &Handle<ColorMaterial> {
        match (major, bank) {
            (false, true) => &self.minor_bank,
            (false, false) => &self.minor_water,
            (true, true) => &self.major_bank,
            (true, false) => &self.major_water,
        }
    }
}

/// A river's colour: its bank or its water, the Yellow River's or a stream's, frozen or not.
pub(super) fn river_colour(major: bool, bank: bool, frozen: bool) -> Color {
    match (frozen, major, bank) {
        (true, _, true) => ICE_BANK,
        (true, _, false) => ICE,
        (false, true, true) => RIVER_BANK,
        (false, true, false) => RIVER_WATER,
        (false, false, true) => STREAM_BANK,
        (false, false, false) => STREAM_WATER,
    }
}

/// The river ribbons in the order they are drawn: (the Yellow River's, width in world units,
/// the bank), a bank under its water, the Yellow River broad, the streams thin.
pub(super) const RIBBONS: [(bool, f32, bool); 4] = [
    (false, 9.0, true),
    (false, 5.0, false),
    (true, 34.0, true),
    (true, 26.0, false),
];

/// A river ribbon's mesh (hidden when the map is seen from far: `far_map`).
#[derive(Component)]
pub(super) struct RiverRibbon;

const STREAM_BANK: Color = Color::srgb(0.24, 0.38, 0.52);
const STREAM_WATER: Color = Color::srgb(0.40, 0.62, 0.82);
/// The Yellow River is yellow: silt-laden water between darker banks.
const RIVER_BANK: Color = Color::srgb(0.42, 0.33, 0.20);
const RIVER_WATER: Color = Color::srgb(0.74, 0.62, 0.36);
const ICE_BANK: Color = Color::srgb(0.56, 0.66, 0.76);
const ICE: Color = Color::srgb(0.88, 0.93, 0.98);

/// Where a river runs, as the map draws it: a disc at each river hex's centre (so the bends are
/// round) and a band from each centre to each river hex next to it. `major` picks the Yellow
/// River's hexes (a band joins two of them) or the streams' (a band joins a stream to any
/// river hex, so streams run into the Yellow River). The ribbons near (`ribbon_mesh`) and the
/// picture from far (`far_map`) are both drawn from it.
pub(super) struct RiverShape {
    pub discs: Vec<Vec2>,
    pub bands: Vec<(Vec2, Vec2)>,
}

pub(super) fn river_shape(game: &ordos_core::Game, geo: &MapGeometry, major: bool) -> RiverShape {
    use ordos_core::load::tables::RiverKind;
    let mut shape = RiverShape {
        discs: Vec::new(),
        bands: Vec::new(),
    };
    let kind = |h: Hex| game.river_at(h);
    let mine = |k: RiverKind| {
        if major {
            k == RiverKind::Major
        } else {
            k == RiverKind::Minor
        }
    };
    for i in 0..game.map().len() {
        let h = game.map().hex_at(i);
        let k = kind(h);
        if k == RiverKind::None {
            continue;
        }
        let a = geo.world(h);
        if mine(k) {
            shape.discs.push(a);
        }
        for n in h.neighbours() {
            let kn = kind(n);
            if n <= h || kn == RiverKind::None || !game.map().contains(n) {
                continue;
            }
            let joins = if major {
                mine(k) && mine(kn)
            } else {
                mine(k) || mine(kn)
            };
            // Three river hexes each next to the other two would draw a triangle: the band
            // between the two later ones is left out (they are joined through the first).
            let third = h
                .neighbours()
                .into_iter()
                .any(|m| m < h && m.is_adjacent(n) && kind(m) != RiverKind::None);
            if !joins || third {
                continue;
            }
            shape.bands.push((a, geo.world(n)));
        }
    }
    shape
}

/// One ribbon along a river (`river_shape`), `width` wide: a disc of ten sides at each centre
/// and a band along each join. A map without such rivers gets no mesh: the renderer refuses
/// empty ones.
fn ribbon_mesh(shape: &RiverShape, width: f32) -> Option<Mesh> {
    use bevy::asset::RenderAssetUsages;
    use bevy::mesh::{Indices, PrimitiveTopology};
    let mut pos: Vec<[f32; 3]> = Vec::new();
    let mut idx: Vec<u32> = Vec::new();
    let r = width / 2.0;
    for a in &shape.discs {
        let c = pos.len() as u32;
        pos.push([a.x, a.y, 0.0]);
        for s in 0..10 {
            let t = s as f32 / 10.0 * std::f32::consts::TAU;
            pos.push([a.x + r * t.cos(), a.y + r * t.sin(), 0.0]);
        }
        for s in 0..10 {
            idx.extend([c, c + 1 + s, c + 1 + (s + 1) % 10]);
        }
    }
    for (a, b) in &shape.bands {
        let side = (*b - *a).perp().normalize_or_zero() * r;
        let c = pos.len() as u32;
        for p in [*a + side, *a - side, *b - side, *b + side] {
            pos.push([p.x, p.y, 0.0]);
        }
        idx.extend([c, c + 1, c + 2, c, c + 2, c + 3]);
    }
    (!idx.is_empty()).then(|| {
        Mesh::new(
            PrimitiveTopology::TriangleList,
            RenderAssetUsages::default(),
        )
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, pos)
        .with_inserted_indices(Indices::U32(idx))
    })
}

/// The relief: each hex lit from the north-west, brighter where the ground rises to the
/// south-east of it (a slope facing the light), darker where it falls: a factor for its tile.
pub(super) fn relief(game: &ordos_core::Game, h: Hex) -> f32 {
    let e = |x: Hex| game.map().elevation_m(x);
    let Some(here) = e(h) else {
        return 1.0;
    };
    let or_here = |x: Hex| e(x).unwrap_or(here) as f32;
    let dx = or_here(Hex::new(h.col + 1, h.row)) - or_here(Hex::new(h.col - 1, h.row));
    let dy = or_here(Hex::new(h.col, h.row + 1)) - or_here(Hex::new(h.col, h.row - 1));
    0.93 + ((dx + dy) / 1600.0).clamp(-0.22, 0.15)
}

/// The tint of the land in a season and a weather, multiplied into every tile (a tint, not a
/// layer over the map: a layer would cost a second pass over every pixel). Autumn yellows it,
/// rain darkens it, falling snow brightens the snowed tiles (winter and snow draw the tiles
/// under snow: `snowy`).
pub(super) fn season_tint(
    season: ordos_core::calendar::Season,
    weather: ordos_core::load::scenario::Weather,
) -> Vec3 {
    use ordos_core::calendar::Season;
    use ordos_core::load::scenario::Weather;
    match (weather, season) {
        (Weather::Snow, _) => Vec3::new(1.06, 1.08, 1.12),
        (Weather::Rain, _) => Vec3::new(0.80, 0.84, 0.92),
        (_, Season::Autumn) => Vec3::new(1.06, 0.96, 0.78),
        (Weather::Heat, _) => Vec3::new(1.08, 1.0, 0.86),
        _ => Vec3::ONE,
    }
}

/// Whether the land lies under snow: in winter, and on a day of snow.
pub(super) fn snowy(
    season: ordos_core::calendar::Season,
    weather: ordos_core::load::scenario::Weather,
) -> bool {
    season == ordos_core::calendar::Season::Winter
        || weather == ordos_core::load::scenario::Weather::Snow
}

pub(super) fn tile_colour(relief: f32, tint: Vec3) -> TileColor {
    let c = tint * relief;
    TileColor(Color::srgb(c.x, c.y, c.z))
}

/// The relief, the season and the weather on the land (`season_tint`: snow in winter, the gold
/// of autumn, the grey of rain), and the rivers' ice: painted on a new map, and again when the
/// season, the weather or the ice change.
fn season_look(
    session: Option<Res<Session>>,
    look: Option<Res<MapLook>>,
    geo: Option<Res<MapGeometry>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut tiles: Query<(&TilePos, &mut TileColor)>,
    mut maps: Query<&mut TilemapTexture>,
    mut last: Local<Option<LookKey>>,
) {
    let (Some(s), Some(look), Some(geo)) = (session, look, geo) else {
        return;
    };
    let g = &s.game;
    let season = g.state().date.season();
    let weather = g.state().weather;
    let frozen = g.river_frozen();
    let key = look_key(g);
    // A new map (its look just made) is painted whatever the last one showed.
    if *last == Some(key) && !look.is_changed() {
        return;
    }
    *last = Some(key);
    for (major, _, bank) in RIBBONS {
        if let Some(mut m) = materials.get_mut(look.material(major, bank)) {
            m.color = river_colour(major, bank, frozen);
        }
    }
    let image = look.tiles_for(g);
    for mut texture in &mut maps {
        if !matches!(&*texture, TilemapTexture::Single(h) if h == image) {
            *texture = TilemapTexture::Single(image.clone());
        }
    }
    let tint = season_tint(season, weather);
    for (pos, mut colour) in &mut tiles {
        let c = tile_colour(relief(g, geo.hex(*pos)), tint);
        if colour.0 != c.0 {
            *colour = c;
        }
    }
}

/// Names and place marks stay the same size on screen however far the map is zoomed out, so a
/// map of the whole frontier can still be read: `anchor + offset` scaled with the camera.
#[derive(Component, Clone, Copy)]
struct Legible {
    anchor: Vec2,
    offset: Vec2,
    z: f32,
    /// How fully it keeps its screen size: 1 all of it; less lets marks shrink a little.
    power: f32,
}

impl Legible {
    fn at(anchor: Vec2, offset: Vec2, z: f32) -> (Legible, Transform) {
        Legible::with_power(anchor, offset, z, 0.9)
    }
    fn mark(anchor: Vec2, offset: Vec2, z: f32) -> (Legible, Transform) {
        Legible::with_power(anchor, offset, z, 0.6)
    }
    fn with_power(anchor: Vec2, offset: Vec2, z: f32, power: f32) -> (Legible, Transform) {
        let t = Transform::from_xyz(anchor.x + offset.x, anchor.y + offset.y, z);
        (
            Legible {
                anchor,
                offset,
                z,
                power,
            },
            t,
        )
    }
}

fn keep_legible(
    camera: Query<&Projection, With<MapCamera>>,
    mut q: Query<(&Legible, &mut Transform)>,
) {
    let Ok(Projection::Orthographic(o)) = camera.single() else {
        return;
    };
    for (l, mut t) in &mut q {
        // Zoomed out past 1:1, it grows with the zoom.
        let k = o.scale.max(1.0).powf(l.power);
        let want = (l.anchor + l.offset * k).extend(l.z);
        if t.translation != want || t.scale.x != k {
            t.translation = want;
            t.scale = Vec3::splat(k);
        }
    }
}

/// The camera scale at which the whole map fits the window.
fn fit_scale(geo: &MapGeometry, window: Vec2) -> f32 {
    let (lo, hi) = geo.centres_span();
    let span = hi - lo + TILE.x * 1.5;
    (span.x / window.x.max(1.0)).max(span.y / window.y.max(1.0))
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn((Camera2d, MapCamera, Msaa::Off));
}

fn despawn_map(mut commands: Commands, q: Query<Entity, With<MapEntity>>) {
    for e in &q {
        commands.entity(e).despawn();
    }
    commands.remove_resource::<MapGeometry>();
}

fn place_colour(s: &Session, owner: Option<ordos_core::model::state::SideId>) -> Color {
    owner.map_or(Color::srgb(0.3, 0.3, 0.3), |o| {
        super::theme::side_colour(s.game.scenario(), usize::from(o.0))
    })
}

#[allow(clippy::too_many_arguments)]
fn spawn_map(
    mut commands: Commands,
    assets: Res<AssetServer>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    session: Option<Res<Session>>,
    fonts: Res<super::theme::Fonts>,
    existing: Query<Entity, With<MapEntity>>,
    mut camera: Query<(&mut Transform, &mut Projection), With<MapCamera>>,
    window: Query<&Window>,
) {
    let Some(session) = session else { return };
    if !existing.is_empty() {
        return; // back from the hand-over screen: the map is still there
    }
    let game = &session.game;
    let geo = MapGeometry::new(game.map().width as u32, game.map().height as u32);
    let texture: Handle<Image> = assets.load("tiles/terrain.png");
    let snow: Handle<Image> = assets.load("tiles/terrain-winter.png");
    let tilemap = commands.spawn(MapEntity).id();
    let mut storage = TileStorage::empty(geo.size);
    for i in 0..game.map().len() {
        let h = game.map().hex_at(i);
        let Some(pos) = geo.tile(h) else { continue };
        let index = tile_index(game, h) as u32;
        let tile = commands
            .spawn(TileBundle {
                position: pos,
                tilemap_id: TilemapId(tilemap),
                texture_index: TileTextureIndex(index),
                // (Relief, season and snow are painted by `season_look`.)
                ..default()
            })
            .id();
        storage.set(&pos, tile);
    }
    commands.entity(tilemap).insert(TilemapBundle {
        grid_size: geo.grid,
        size: geo.size,
        storage,
        texture: TilemapTexture::Single(texture.clone()),
        tile_size: TILE,
        map_type: geo.map_type,
        anchor: geo.anchor,
        ..default()
    });
    let look = MapLook {
        minor_bank: materials.add(STREAM_BANK),
        minor_water: materials.add(STREAM_WATER),
        major_bank: materials.add(RIVER_BANK),
        major_water: materials.add(RIVER_WATER),
        tiles: texture,
        snow,
    };
    let shapes = [
        river_shape(game, &geo, false),
        river_shape(game, &geo, true),
    ];
    for (i, (major, width, bank)) in RIBBONS.into_iter().enumerate() {
        let Some(ribbon) = ribbon_mesh(&shapes[usize::from(major)], width) else {
            continue;
        };
        commands.spawn((
            MapEntity,
            RiverRibbon,
            Mesh2d(meshes.add(ribbon)),
            MeshMaterial2d(look.material(major, bank).clone()),
            Transform::from_xyz(0.0, 0.0, 0.30 + 0.01 * i as f32),
        ));
    }
    commands.insert_resource(look);
    for (h, name) in &game.scenario().map.labels {
        let (legible, transform) = Legible::at(geo.world(*h), Vec2::ZERO, 5.0);
        commands.spawn((
            MapEntity,
            Text2d::new(name.clone()),
            fonts.title(18.0),
            TextColor(Color::srgba(0.2, 0.15, 0.1, 0.85)),
            // A light halo keeps the name legible over mountains and dark ground.
            bevy::sprite::Text2dShadow {
                offset: Vec2::new(1.5, -1.5),
                color: Color::srgba(1.0, 0.97, 0.88, 0.85),
            },
            legible,
            transform,
        ));
    }
    if let Ok((mut t, mut proj)) = camera.single_mut() {
        let size = window
            .single()
            .map_or(Vec2::new(1280.0, 800.0), |w| w.size());
        let ui = super::theme::ui_scale_for(size.y);
        let armies = opening_armies(&session, &geo);
        let (at, scale) = opening_view(&geo, size, ui, &armies);
        t.translation = at.extend(t.translation.z);
        if let Projection::Orthographic(o) = &mut *proj {
            o.scale = scale;
        }
    }
    commands.insert_resource(geo);
}

/// Where the armies the opening view should show are: the viewing side's (the watched game's
/// armies all, when everything is seen).
fn opening_armies(s: &Session, geo: &MapGeometry) -> Vec<Vec2> {
    let viewer = s.viewer();
    let all = s.watching.as_ref().is_some_and(|w| w.view.is_none());
    s.game
        .state()
        .armies
        .iter()
        .filter(|a| a.is_active() && (all || a.side == viewer))
        .map(|a| geo.world(a.hex))
        .collect()
}

/// The panels' widths, in UI pixels: the map between them is what the player sees.
pub const LEFT_PANEL: f32 = 340.0;
pub const RIGHT_PANEL: f32 = 372.0;
const TOP_BAR: f32 = 34.0;

/// The opening camera: centred, between the panels, on the armies, zoomed in as far as counters
/// read well (1 world unit a pixel, times the UI scale) but out far enough to show them all;
/// with none, the whole map.
pub fn opening_view(geo: &MapGeometry, window: Vec2, ui: f32, armies: &[Vec2]) -> (Vec2, f32) {
    let whole = fit_scale(geo, window).max(0.2);
    if armies.is_empty() {
        return (Vec2::ZERO, whole);
    }
    let lo = armies
        .iter()
        .copied()
        .reduce(Vec2::min)
        .unwrap_or(Vec2::ZERO);
    let hi = armies
        .iter()
        .copied()
        .reduce(Vec2::max)
        .unwrap_or(Vec2::ZERO);
    let free = Vec2::new(
        (window.x - (LEFT_PANEL + RIGHT_PANEL) * ui).max(window.x * 0.3),
        (window.y - TOP_BAR * ui).max(window.y * 0.3),
    );
    let span = hi - lo + Vec2::new(TILE.x, TILE.y) * 3.0;
    let scale = (1.0 / ui)
        .max(span.x / free.x)
        .max(span.y / free.y)
        .min(whole);
    // The middle of the free area lies left of the window's middle by half the panels'
    // difference, and below it by half the top bar.
    let centre = (lo + hi) / 2.0;
    let shift = Vec2::new(
        (RIGHT_PANEL - LEFT_PANEL) / 2.0 * ui * scale,
        TOP_BAR / 2.0 * ui * scale,
    );
    (centre + shift, scale)
}

/// A hex to centre the map on (the next-army key, centre-on-selection).
#[derive(Resource, Default)]
pub struct FocusOn(pub Option<Hex>);

fn focus(
    mut focus: ResMut<FocusOn>,
    geo: Option<Res<MapGeometry>>,
    window: Query<&Window>,
    mut camera: Query<(&mut Transform, &Projection), With<MapCamera>>,
) {
    let (Some(h), Some(geo)) = (focus.0, geo) else {
        return;
    };
    focus.0 = None;
    let ui = window
        .single()
        .map_or(1.0, |w| super::theme::ui_scale_for(w.height()));
    if let Ok((mut t, proj)) = camera.single_mut() {
        let scale = match proj {
            Projection::Orthographic(o) => o.scale,
            _ => 1.0,
        };
        let at = geo.world(h)
            + Vec2::new(
                (RIGHT_PANEL - LEFT_PANEL) / 2.0 * ui * scale,
                TOP_BAR / 2.0 * ui * scale,
            );
        t.translation = at.extend(t.translation.z);
    }
}

/// Marks a place's square so its colour follows its owner.
#[derive(Component)]
pub struct PlaceMarker(pub ordos_core::model::state::PlaceId);

#[derive(Component)]
struct PlaceEntity;

/// Places: a picture of the place — an open town, a fort (walls 1) or a walled city (walls 2 or
/// more; `assets/tiles/places.png`) — on a plate in the owner's colour, and the name. Redrawn
/// as places change hands or forts are built.
fn sync_places(
    mut commands: Commands,
    assets: Res<AssetServer>,
    session: Option<Res<Session>>,
    geo: Option<Res<MapGeometry>>,
    fonts: Res<super::theme::Fonts>,
    old: Query<Entity, With<PlaceEntity>>,
) {
    let (Some(session), Some(geo)) = (session, geo) else {
        return;
    };
    if !session.is_changed() && !geo.is_changed() && !old.is_empty() {
        return;
    }
    for e in &old {
        commands.entity(e).despawn();
    }
    let game = &session.game;
    let pictures: Handle<Image> = assets.load("tiles/places.png");
    for p in &game.state().places {
        let at = geo.world(p.hex);
        let (picture, size) = match p.walls {
            0 => (0.0, 36.0),
            1 => (1.0, 42.0),
            w => (2.0, 46.0 + 4.0 * f32::from(w.min(4) - 2)),
        };
        // The owner's plate: a dark edge, then the colour.
        commands.spawn((
            MapEntity,
            PlaceEntity,
            Sprite::from_color(Color::srgb(0.15, 0.12, 0.1), Vec2::new(size + 4.0, 14.0)),
            Legible::mark(at, Vec2::new(0.0, -8.0), 2.0),
        ));
        commands.spawn((
            MapEntity,
            PlaceEntity,
            PlaceMarker(p.id),
            Sprite::from_color(place_colour(&session, p.owner), Vec2::new(size, 10.0)),
            Legible::mark(at, Vec2::new(0.0, -8.0), 2.1),
        ));
        commands.spawn((
            MapEntity,
            PlaceEntity,
            Sprite {
                image: pictures.clone(),
                rect: Some(Rect::new(picture * 64.0, 0.0, picture * 64.0 + 64.0, 64.0)),
                custom_size: Some(Vec2::splat(size)),
                ..default()
            },
            Legible::mark(at, Vec2::new(0.0, 10.0), 2.2),
        ));
        commands.spawn((
            MapEntity,
            PlaceEntity,
            Text2d::new(p.name.clone()),
            fonts.text(15.0),
            TextColor(Color::srgb(0.1, 0.08, 0.05)),
            bevy::sprite::Text2dShadow {
                offset: Vec2::new(1.0, -1.0),
                color: Color::srgba(1.0, 0.97, 0.88, 0.95),
            },
            Legible::at(at, Vec2::new(0.0, -34.0), 30.0),
        ));
    }
}

fn pan_and_zoom(
    keys: Res<ButtonInput<KeyCode>>,
    buttons: Res<ButtonInput<MouseButton>>,
    motion: Res<AccumulatedMouseMotion>,
    scroll: Res<AccumulatedMouseScroll>,
    time: Res<Time>,
    geo: Option<Res<MapGeometry>>,
    window: Query<&Window, With<PrimaryWindow>>,
    mut camera: Query<(&mut Transform, &mut Projection), With<MapCamera>>,
) {
    let Ok((mut t, mut proj)) = camera.single_mut() else {
        return;
    };
    let Projection::Orthographic(o) = &mut *proj else {
        return;
    };
    let mut dir = Vec2::ZERO;
    for (k, d) in [
        (KeyCode::KeyW, Vec2::Y),
        (KeyCode::ArrowUp, Vec2::Y),
        (KeyCode::KeyS, -Vec2::Y),
        (KeyCode::ArrowDown, -Vec2::Y),
        (KeyCode::KeyA, -Vec2::X),
        (KeyCode::ArrowLeft, -Vec2::X),
        (KeyCode::KeyD, Vec2::X),
        (KeyCode::ArrowRight, Vec2::X),
    ] {
        if keys.pressed(k) {
            dir += d;
        }
    }
    let mut at = t.translation.truncate();
    at += dir * 700.0 * o.scale * time.delta_secs();
    if buttons.pressed(MouseButton::Middle)
        || buttons.pressed(MouseButton::Right) && keys.pressed(KeyCode::ShiftLeft)
    {
        at += Vec2::new(-motion.delta.x, motion.delta.y) * o.scale;
    }
    let zoom_keys = if keys.pressed(KeyCode::Equal) {
        -1.0
    } else if keys.pressed(KeyCode::Minus) {
        1.0
    } else {
        0.0
    };
    let steps = -scroll.delta.y.clamp(-5.0, 5.0) * 0.1 + zoom_keys * time.delta_secs();
    let w = window.single().ok();
    let size = w.map_or(Vec2::new(1280.0, 800.0), |w| w.size());
    // Out no further than the whole map (a little more), in no closer than a counter filling
    // a fifth of the screen.
    let most = geo
        .as_deref()
        .map_or(30.0, |g| fit_scale(g, size) * 1.25)
        .max(0.2);
    if steps != 0.0 {
        let new = (o.scale * (1.0 + steps)).clamp(0.2, most);
        // The point under the mouse stays under it (the keys zoom on the middle).
        if let Some(c) = w
            .and_then(|w| w.cursor_position())
            .filter(|_| scroll.delta.y != 0.0)
        {
            let off = Vec2::new(c.x - size.x / 2.0, size.y / 2.0 - c.y);
            at += off * (o.scale - new);
        }
        o.scale = new;
    }
    // Keep the map's middle reachable: the camera stays over the map.
    if let Some(g) = geo.as_deref() {
        let (lo, hi) = g.centres_span();
        at = at.clamp(lo, hi);
    }
    if at != t.translation.truncate() {
        t.translation = at.extend(t.translation.z);
    }
}

fn cursor_world(window: &Window, camera: (&Camera, &GlobalTransform)) -> Option<Vec2> {
    let cursor = window.cursor_position()?;
    camera.0.viewport_to_world_2d(camera.1, cursor).ok()
}

fn hover(
    window: Query<&Window, With<PrimaryWindow>>,
    camera: Query<(&Camera, &GlobalTransform), With<MapCamera>>,
    geo: Option<Res<MapGeometry>>,
    mut hovered: ResMut<Hovered>,
) {
    let (Ok(w), Ok(c), Some(geo)) = (window.single(), camera.single(), geo) else {
        return;
    };
    // Changed only when it changes: the panels are rebuilt (and their text laid out again)
    // on a change.
    hovered.set_if_neq(Hovered(cursor_world(w, c).and_then(|p| geo.hex_at(p))));
}

/// Left click: select your army, or order the selected one there (a march, or an attack on an
/// enemy army or place next to it). Right click: clear the selection.
fn click(
    buttons: Res<ButtonInput<MouseButton>>,
    keys: Res<ButtonInput<KeyCode>>,
    hovered: Res<Hovered>,
    session: Option<Res<Session>>,
    ui: Query<&Interaction>,
    mut out: MessageWriter<Command>,
) {
    let Some(s) = session else { return };
    if ui.iter().any(|i| *i != Interaction::None) {
        return; // the click was on a button
    }
    if buttons.just_pressed(MouseButton::Right) && !keys.pressed(KeyCode::ShiftLeft) {
        out.write(Command::Select(None));
        return;
    }
    if !buttons.just_pressed(MouseButton::Left) {
        return;
    }
    let Some(h) = hovered.0 else { return };
    for c in click_commands(&s, h, keys.pressed(KeyCode::ShiftLeft) || s.forced) {
        out.write(c);
    }
}

/// What a click on `h` means now. Kept apart from input so tests and the UI agree.
///
/// With an army selected that can still march, a click on a hex it can reach marches it there
/// — onto a hex held by another of your armies too, so that a field army can go into a
/// garrisoned fortress or stack on purpose (the panel says so before the click). To select
/// the army on that hex instead, clear the selection first (right click or Esc), or use [N].
/// A click on the selected army's own hex cycles through its stack.
pub fn click_commands(s: &Session, h: Hex, forced: bool) -> Vec<Command> {
    let g = &s.game;
    if s.watching.is_some() {
        // The viewer: a click picks an army to read, nothing more.
        let a = g.armies_at(h).find(|a| s.shows(a)).map(|a| a.id);
        return vec![Command::Select(a)];
    }
    let Some(side) = s.acting_side() else {
        return vec![];
    };
    let mine: Vec<_> = g
        .armies_at(h)
        .filter(|a| a.side == side)
        .map(|a| a.id)
        .collect();
    let Some(sel) = s
        .selected
        .filter(|id| g.army(*id).is_active() && g.army(*id).side == side)
    else {
        return mine
            .first()
            .map(|a| vec![Command::Select(Some(*a))])
            .unwrap_or_default();
    };
    let army = g.army(sel);
    if army.hex == h {
        // Cycle through a stack.
        let next = mine
            .iter()
            .position(|a| *a == sel)
            .map_or(sel, |i| mine[(i + 1) % mine.len()]);
        return vec![Command::Select(Some(next))];
    }
    let enemy = g
        .armies_at(h)
        .find(|e| g.at_war(e.side, side) && g.visible_to(e, side))
        .map(|e| e.id);
    if let Some(target) = enemy {
        if army.hex.is_adjacent(h) {
            if let Some(p) = g
                .place_at(h)
                .filter(|p| p.owner.is_some_and(|o| g.at_war(o, side)))
            {
                return vec![Command::Give(Order::Assault {
                    army: sel,
                    place: p.id,
                })];
            }
            return vec![Command::Give(Order::Attack { army: sel, target })];
        }
        return vec![];
    }
    if (army.state == ArmyState::Routed || !army.moved)
        && let Some(path) = g.find_path(army, h)
    {
        let path = g.truncate_to_turn(army, &path, forced);
        if !path.is_empty() {
            return vec![Command::Give(Order::Move {
                army: sel,
                path,
                forced,
            })];
        }
    }
    // It cannot march there (it has marched today): a click on another of your armies
    // selects it.
    mine.first()
        .map(|a| vec![Command::Select(Some(*a))])
        .unwrap_or_default()
}

/// A world with the map camera at `scale` (tests of what is drawn near and far), and a way
/// to set it again.
#[cfg(test)]
pub(super) mod test_camera {
    use super::MapCamera;
    use bevy::prelude::*;

    pub fn spawn(world: &mut World) -> Entity {
        world
            .spawn((
                MapCamera,
                Projection::Orthographic(OrthographicProjection::default_2d()),
            ))
            .id()
    }

    pub fn set_scale(world: &mut World, camera: Entity, scale: f32) {
        if let Some(mut p) = world.get_mut::<Projection>(camera)
            && let Projection::Orthographic(o) = &mut *p
        {
            o.scale = scale;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_standard_terrain_has_a_tile() {
        for t in ordos_core::load::tables::Rules::standard().terrain {
            assert!(TILE_ORDER.contains(&t.id.as_str()), "no tile for {}", t.id);
        }
    }

    #[test]
    fn hexes_and_tiles_map_both_ways() {
        for (w, h) in [(28, 28), (7, 5)] {
            let geo = MapGeometry::new(w, h);
            for row in 0..h as i32 {
                for col in 0..w as i32 {
                    let hex = Hex::new(col, row);
                    assert_eq!(geo.hex(geo.tile(hex).unwrap()), hex);
                    assert_eq!(geo.hex_at(geo.world(hex)), Some(hex));
                }
            }
            // Neighbours in the core are neighbours on screen: one hex width apart.
            let a = geo.world(Hex::new(2, 1));
            for n in Hex::new(2, 1).neighbours() {
                assert!((geo.world(n).distance(a) - TILE.x).abs() < 1.5, "{n}");
            }
        }
    }
}
