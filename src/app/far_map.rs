//! The map seen from far: one picture of the whole map, painted once from the same tiles,
//! relief, season and rivers as the map up close, and shown instead of the tiles and the river
//! ribbons when the camera is so far out that a hex is smaller on screen than in the picture.
//!
//! Why: drawn as tiles, the whole frontier (15,660 hexes) is 31,320 triangles of a few pixels
//! each, and its river ribbons 13,552 more, and a software renderer pays for every triangle;
//! one picture is two. Measured with `ordos screenshot five-armies-1081 --size 1600x1100
//! --whole-map --time-frames 60` (README, development): half the time a frame took before
//! (42–61 ms against 89–125 ms, under llvmpipe on two cores).
//!
//! The picture is painted on the CPU (no second camera, no render to a texture), from plain
//! data gathered from the game (`Canvas`), tested without a GPU; it is painted on a thread of
//! its own, so no frame waits for it, and again only when the season, the weather or the ice
//! change.

use super::map_view::{
    LookKey, MapCamera, MapEntity, MapGeometry, MapLook, RIBBONS, RiverRibbon, TILE, TILE_ORDER,
    look_key, relief, river_colour, river_shape, season_tint, tile_colour, tile_index,
};
use super::screens::Screen;
use super::session::Session;
use bevy::asset::RenderAssetUsages;
use bevy::image::{ImageSampler, ImageSamplerDescriptor};
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
use bevy_ecs_tilemap::tiles::TileStorage;

/// The picture's longer side at most, in texels (wgpu's default limit is 8192). The five
/// armies' frontier is 3072 by 1970: 24 MB, and 32 MB with its smaller copies, kept by the
/// renderer only (the game's copy is dropped once sent).
const MOST_TEXELS: f32 = 3072.0;
/// A hex at most this many texels wide in the picture: beyond that the tiles look better.
const HEX_TEXELS: f32 = 24.0;
/// Smaller copies of the picture (each half the last), so the whole map zoomed out is not
/// sampled one texel in three.
const MIP_LEVELS: u32 = 4;

/// Where the picture lies in the world and how fine it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// The world point at the picture's top-left corner.
    pub origin: Vec2,
    /// Texels per world unit.
    pub scale: f32,
    pub width: u32,
    pub height: u32,
}

impl Layout {
    pub fn of(geo: &MapGeometry) -> Layout {
        let (lo, hi) = geo.centres_span();
        // Odd rows stand half a hex to the east: the box takes the whole tile of each corner
        // hex and half a hex more across.
        let half = Vec2::new(TILE.x, TILE.y / 2.0);
        let min = lo - half;
        let max = hi + half;
        let span = max - min;
        let scale = (HEX_TEXELS / TILE.x)
            .min(MOST_TEXELS / span.x)
            .min(MOST_TEXELS / span.y);
        Layout {
            origin: Vec2::new(min.x, max.y),
            scale,
            width: (span.x * scale).ceil() as u32,
            height: (span.y * scale).ceil() as u32,
        }
    }

    /// The picture's size in the world and its centre.
    fn rect(&self) -> (Vec2, Vec2) {
        let size = Vec2::new(self.width as f32, self.height as f32) / self.scale;
        (size, self.origin + Vec2::new(size.x, -size.y) / 2.0)
    }

    /// Whether a camera at `scale` (world units per screen pixel) shows a hex smaller than the
    /// picture does, so the picture is never enlarged.
    pub fn is_far(&self, camera_scale: f32) -> bool {
        camera_scale * self.scale >= 1.0
    }
}

/// sRGB to linear and back, by table (the tiles are tinted in linear light, as the tile
/// shader does).
struct Light {
    to_linear: [f32; 256],
    to_srgb: Vec<u8>,
}

const SRGB_STEPS: usize = 4096;

impl Light {
    fn new() -> Light {
        // Bevy's own transfer functions, tabled: these run for every texel of the picture.
        let mut to_linear = [0.0; 256];
        for (i, v) in to_linear.iter_mut().enumerate() {
            *v = Srgba::gamma_function(i as f32 / 255.0);
        }
        let to_srgb = (0..SRGB_STEPS)
            .map(|i| {
                let l = i as f32 / (SRGB_STEPS - 1) as f32;
                (Srgba::gamma_function_inverse(l) * 255.0)
                    .round()
                    .clamp(0.0, 255.0) as u8
            })
            .collect();
        Light { to_linear, to_srgb }
    }
    fn srgb(&self, linear: f32) -> u8 {
        self.to_srgb[(linear.clamp(0.0, 1.0) * (SRGB_STEPS - 1) as f32).round() as usize]
    }
}

/// Each terrain tile of the atlas shrunk to a hex's size in the picture, by averaging the
/// texels under each (weighted by their cover, so the tile's clear corners do not darken
/// its edge), in linear light.
struct SmallTiles {
    w: usize,
    h: usize,
    /// Per tile, w × h texels of linear RGB.
    texels: Vec<Vec<[f32; 3]>>,
}

impl SmallTiles {
    /// None for tiles in another format than 8-bit RGBA (the map is then drawn as tiles at
    /// every scale).
    fn new(atlas: &Image, scale: f32, light: &Light) -> Option<SmallTiles> {
        let format = atlas.texture_descriptor.format;
        if !matches!(
            format,
            TextureFormat::Rgba8UnormSrgb | TextureFormat::Rgba8Unorm
        ) {
            return None;
        }
        let data = atlas.data.as_ref()?;
        let (aw, ah) = (atlas.width() as usize, atlas.height() as usize);
        let (tw, th) = (TILE.x as usize, TILE.y as usize);
        if data.len() < aw * ah * 4 || ah < th || aw < tw {
            return None;
        }
        let w = ((TILE.x * scale).ceil() as usize).max(1);
        let h = ((TILE.y * scale).ceil() as usize).max(1);
        let tiles = (aw / tw).min(TILE_ORDER.len());
        let mut texels = Vec::with_capacity(tiles);
        for t in 0..tiles {
            let mut small = vec![[0.0f32; 3]; w * h];
            for (j, row) in small.chunks_mut(w).enumerate() {
                let (y0, y1) = (j * th / h, ((j + 1) * th / h).max(j * th / h + 1));
                for (i, out) in row.iter_mut().enumerate() {
                    let (x0, x1) = (i * tw / w, ((i + 1) * tw / w).max(i * tw / w + 1));
                    let (mut sum, mut cover) = ([0.0f32; 3], 0.0f32);
                    for y in y0..y1.min(th) {
                        for x in x0..x1.min(tw) {
                            let k = (y * aw + t * tw + x) * 4;
                            let a = f32::from(data[k + 3]) / 255.0;
                            for (c, s) in sum.iter_mut().enumerate() {
                                *s += light.to_linear[usize::from(data[k + c])] * a;
                            }
                            cover += a;
                        }
                    }
                    if cover > 0.0 {
                        *out = sum.map(|s| s / cover);
                    } else {
                        *out = [f32::NAN; 3]; // filled below
                    }
                }
            }
            // A texel wholly in the tile's clear corners (a hex's corner can still fall there,
            // by rounding) takes the tile's mean colour, not black.
            let covered: Vec<[f32; 3]> = small.iter().filter(|t| !t[0].is_nan()).copied().collect();
            let n = covered.len().max(1) as f32;
            let mean = covered
                .iter()
                .fold([0.0f32; 3], |m, t| [m[0] + t[0], m[1] + t[1], m[2] + t[2]])
                .map(|c| c / n);
            for t in small.iter_mut().filter(|t| t[0].is_nan()) {
                *t = mean;
            }
            texels.push(small);
        }
        Some(SmallTiles { w, h, texels })
    }
}

/// How far outside a hex's sides a texel still counts as in it, in world units (the world's
/// coordinates run to about 10,000, where an f32 is good to about 0.001).
const SPARE: f32 = 0.05;

/// What the picture is painted from, as plain data: gathered from the game in a frame, then
/// painted off the frame (on a thread of its own), so no frame waits for it.
pub struct Canvas {
    layout: Layout,
    light: Light,
    small: SmallTiles,
    /// Per hex of the map: its centre in the world, its tile, and its tint in linear light
    /// (`tile_colour`: relief, season, weather).
    hexes: Vec<(Vec2, usize, [f32; 3])>,
    /// The river ribbons in the order they are drawn (`RIBBONS`): their segments (a disc is a
    /// segment from a point to itself), radius in world units and colour (sRGB, 0–255).
    rivers: Vec<(Vec<(Vec2, Vec2)>, f32, [f32; 3])>,
}

impl Canvas {
    /// None while the tile pictures are loading.
    pub fn new(game: &ordos_core::Game, geo: &MapGeometry, atlas: &Image) -> Option<Canvas> {
        let layout = Layout::of(geo);
        let light = Light::new();
        let small = SmallTiles::new(atlas, layout.scale, &light)?;
        let state = game.state();
        let tint = season_tint(state.date.season(), state.weather);
        let map = game.map();
        let hexes = (0..map.len())
            .map(|i| {
                let h = map.hex_at(i);
                let tile = tile_index(game, h);
                let c = tile_colour(relief(game, h), tint).0.to_linear();
                (
                    geo.world(h),
                    tile.min(small.texels.len() - 1),
                    [c.red, c.green, c.blue],
                )
            })
            .collect();
        let shapes = [river_shape(game, geo, false), river_shape(game, geo, true)];
        let frozen = game.river_frozen();
        let rivers = RIBBONS
            .into_iter()
            .map(|(major, width, bank)| {
                let c = river_colour(major, bank, frozen).to_srgba();
                let shape = &shapes[usize::from(major)];
                let segments = shape
                    .discs
                    .iter()
                    .map(|a| (*a, *a))
                    .chain(shape.bands.iter().copied())
                    .collect();
                (
                    segments,
                    width / 2.0,
                    [c.red, c.green, c.blue].map(|c| c * 255.0),
                )
            })
            .collect();
        Some(Canvas {
            layout,
            light,
            small,
            hexes,
            rivers,
        })
    }

    /// Paints the picture: every texel inside a hex takes the colour of the hex's tile under
    /// it, shrunk to the picture's scale and tinted as the tile is, then the rivers are laid
    /// over it as the ribbons are drawn (anti-aliased at the edge). Texels off the map are
    /// clear. RGBA, sRGB, rows from the north.
    pub fn paint(&self) -> Vec<u8> {
        let l = &self.layout;
        let (w, h) = (l.width as usize, l.height as usize);
        let mut px = vec![0u8; w * h * 4];
        let (half_w, half_h) = (TILE.x / 2.0, TILE.y / 2.0);
        let small = &self.small;
        for (centre, tile, tint) in &self.hexes {
            // The texels of the hex's box, then those inside its six sides (pointed top and
            // bottom: |dy| <= h/2 - |dx| h / 2w).
            let x0 = ((centre.x - half_w - l.origin.x) * l.scale)
                .floor()
                .max(0.0) as usize;
            let x1 = (((centre.x + half_w - l.origin.x) * l.scale).ceil() as usize).min(w);
            let y0 = ((l.origin.y - centre.y - half_h) * l.scale)
                .floor()
                .max(0.0) as usize;
            let y1 = (((l.origin.y - centre.y + half_h) * l.scale).ceil() as usize).min(h);
            let texels = &small.texels[*tile];
            for y in y0..y1 {
                let dy = l.origin.y - (y as f32 + 0.5) / l.scale - centre.y;
                // Where in its tile the texel falls (the tile's y grows downward).
                let v = (((0.5 - dy / TILE.y) * small.h as f32) as usize).min(small.h - 1);
                for x in x0..x1 {
                    let dx = l.origin.x + (x as f32 + 0.5) / l.scale - centre.x;
                    // (With a little to spare: a texel on a corner where three hexes meet
                    // would otherwise, by rounding, fall in none of them.)
                    let edge = half_h - dx.abs() * half_h / TILE.x;
                    if dx.abs() > half_w + SPARE || dy.abs() > edge + SPARE {
                        continue;
                    }
                    let u = (((dx / TILE.x + 0.5) * small.w as f32) as usize).min(small.w - 1);
                    let t = texels[v * small.w + u];
                    let k = (y * w + x) * 4;
                    for c in 0..3 {
                        px[k + c] = self.light.srgb(t[c] * tint[c]);
                    }
                    px[k + 3] = 255;
                }
            }
        }
        for (segments, radius, rgb) in &self.rivers {
            for (a, b) in segments {
                lay_capsule(&mut px, l, *a, *b, radius * l.scale, *rgb);
            }
        }
        px
    }
}

/// Lays a band of radius `r` texels around the segment a–b (a disc when a = b) over the
/// picture in colour `rgb`, its edge blended over one texel.
fn lay_capsule(px: &mut [u8], layout: &Layout, a: Vec2, b: Vec2, r: f32, rgb: [f32; 3]) {
    let to_texel = |p: Vec2| {
        Vec2::new(
            (p.x - layout.origin.x) * layout.scale,
            (layout.origin.y - p.y) * layout.scale,
        )
    };
    let (a, b) = (to_texel(a), to_texel(b));
    let lo = (a.min(b) - Vec2::splat(r + 1.0)).max(Vec2::ZERO);
    let hi =
        (a.max(b) + Vec2::splat(r + 1.0)).min(Vec2::new(layout.width as f32, layout.height as f32));
    let ab = b - a;
    let len2 = ab.length_squared();
    for y in lo.y as usize..hi.y.ceil() as usize {
        for x in lo.x as usize..hi.x.ceil() as usize {
            let p = Vec2::new(x as f32 + 0.5, y as f32 + 0.5);
            let t = if len2 > 0.0 {
                ((p - a).dot(ab) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let cover = (r + 0.5 - p.distance(a + ab * t)).clamp(0.0, 1.0);
            let k = (y * layout.width as usize + x) * 4;
            if cover <= 0.0 || px[k + 3] == 0 {
                continue;
            }
            for c in 0..3 {
                let old = f32::from(px[k + c]);
                px[k + c] = (old + (rgb[c] - old) * cover).round() as u8;
            }
        }
    }
}

/// The picture with its smaller copies (each half the size of the last, texels averaged by
/// four), as one image the renderer samples between copies.
fn image(layout: &Layout, px: Vec<u8>) -> Image {
    let (mut w, mut h) = (layout.width as usize, layout.height as usize);
    let mut all = px;
    // Where the last copy starts in `all`.
    let mut at = 0;
    let mut levels = 1;
    while levels < MIP_LEVELS && w > 1 && h > 1 {
        let (nw, nh) = (w.div_ceil(2), h.div_ceil(2));
        let level = &all[at..at + w * h * 4];
        let mut next = vec![0u8; nw * nh * 4];
        for y in 0..nh {
            for x in 0..nw {
                for c in 0..4 {
                    let mut sum = 0u32;
                    for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                        let (sx, sy) = ((2 * x + dx).min(w - 1), (2 * y + dy).min(h - 1));
                        sum += u32::from(level[(sy * w + sx) * 4 + c]);
                    }
                    next[(y * nw + x) * 4 + c] = sum.div_ceil(4).min(255) as u8;
                }
            }
        }
        at = all.len();
        all.extend_from_slice(&next);
        (w, h) = (nw, nh);
        levels += 1;
    }
    let mut image = Image::new_uninit(
        Extent3d {
            width: layout.width,
            height: layout.height,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    );
    image.texture_descriptor.mip_level_count = levels;
    image.data = Some(all);
    // The nearest texel of the nearest copy: at these scales a texel is about a pixel and looks
    // the same as blended ones (compared side by side), and a software renderer draws the
    // whole map that way in about 9 ms against about 22 ms blended between copies.
    image.sampler = ImageSampler::Descriptor(ImageSamplerDescriptor::nearest());
    image
}

/// The picture on the map, and what it was painted for.
#[derive(Component)]
struct FarPicture {
    layout: Layout,
    /// Frames it has been shown: the tiles are hidden only from the `SHOWN_BEFORE_HIDING`th
    /// on, by when it has been sent to the renderer and drawn (until then it is drawn over
    /// them), so no frame shows neither.
    frames_shown: u32,
}

/// The frame, counting the picture's first as 1, from which the tiles are hidden: in the two
/// before, the picture is drawn over them. The frame it is first shown in is drawn while the
/// next is prepared (the renderer works a frame behind), and its texture is sent to the
/// renderer with that first frame.
const SHOWN_BEFORE_HIDING: u32 = 3;

/// What a picture is painted for: the season, the ice and the weather.
/// The picture being painted (off the frame, on its own thread), and what for.
#[derive(Default)]
struct Painting {
    done: Option<LookKey>,
    under_way: Option<(LookKey, Layout, std::thread::JoinHandle<Image>)>,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (keep_painted, far_or_near)
            .chain()
            .after(super::map_view::MapSystems)
            .run_if(in_state(Screen::Play)),
    );
}

/// Paints the picture for a new map, and again when the season, the weather or the ice
/// change (what `season_look` repaints the tiles for), once the tile pictures have loaded.
/// The painting runs on a thread of its own: until it is done the map is drawn as before (the
/// tiles, or the last picture).
#[allow(clippy::too_many_arguments)]
fn keep_painted(
    mut commands: Commands,
    session: Option<Res<Session>>,
    look: Option<Res<MapLook>>,
    geo: Option<Res<MapGeometry>>,
    mut images: ResMut<Assets<Image>>,
    old: Query<Entity, With<FarPicture>>,
    mut painting: Local<Painting>,
) {
    let (Some(s), Some(look), Some(geo)) = (session, look, geo) else {
        return;
    };
    let g = &s.game;
    let key = look_key(g);
    if look.is_changed() || old.is_empty() && painting.under_way.is_none() {
        // A new map: whatever was painted or under way was for another.
        *painting = Painting::default();
    }
    if let Some((for_look, layout, thread)) = &painting.under_way {
        if *for_look != key {
            painting.under_way = None; // what it paints is thrown away when it ends
        } else if thread.is_finished() {
            let layout = *layout;
            let Some((_, _, thread)) = painting.under_way.take() else {
                return;
            };
            let Ok(picture) = thread.join() else {
                return; // it panicked: the tiles go on being drawn
            };
            painting.done = Some(key);
            for e in &old {
                commands.entity(e).despawn();
            }
            let (size, centre) = layout.rect();
            commands.spawn((
                MapEntity,
                FarPicture {
                    layout,
                    frames_shown: 0,
                },
                // A sprite: drawn opaque as a mesh with a material it was slower (49 against
                // 44 ms a frame).
                Sprite {
                    image: images.add(picture),
                    custom_size: Some(size),
                    ..default()
                },
                // Over the tiles (at 0), under the river ribbons (0.30 up).
                Transform::from_translation(centre.extend(0.2)),
                Visibility::Hidden,
            ));
            return;
        } else {
            return;
        }
    }
    if painting.done == Some(key) {
        return;
    }
    let Some(canvas) = images
        .get(look.tiles_for(g))
        .and_then(|a| Canvas::new(g, &geo, a))
    else {
        return; // the tiles are still loading
    };
    let layout = canvas.layout;
    // Its own thread, not a task pool's: the renderer compiles its pipelines on the async
    // compute pool, and a painting there (over a second in a debug build) held back the
    // tiles' first frames.
    let thread = std::thread::spawn(move || {
        let started = std::time::Instant::now();
        // The picture and its smaller copies, all made here: the frame only hands it on.
        let picture = image(&canvas.layout, canvas.paint());
        debug!(
            "the map from far: {}x{} texels painted in {:?}",
            canvas.layout.width,
            canvas.layout.height,
            started.elapsed()
        );
        picture
    });
    painting.under_way = Some((key, layout, thread));
}

/// Shows the picture and hides the tiles and the river ribbons when the camera is far, and
/// the other way round when it is near.
#[allow(clippy::type_complexity)]
fn far_or_near(
    camera: Query<&Projection, With<MapCamera>>,
    mut picture: Query<(&mut FarPicture, &mut Visibility)>,
    mut near: Query<
        &mut Visibility,
        (
            Or<(With<TileStorage>, With<RiverRibbon>)>,
            Without<FarPicture>,
        ),
    >,
) {
    let Ok(Projection::Orthographic(o)) = camera.single() else {
        return;
    };
    let Ok((mut p, mut shown)) = picture.single_mut() else {
        return; // not painted yet: the tiles are drawn
    };
    let far = p.layout.is_far(o.scale);
    if far && p.frames_shown < SHOWN_BEFORE_HIDING {
        p.frames_shown += 1;
    }
    let picture_is = if far {
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    let near_is = if far && p.frames_shown >= SHOWN_BEFORE_HIDING {
        Visibility::Hidden
    } else {
        Visibility::Inherited
    };
    shown.set_if_neq(picture_is);
    for mut v in &mut near {
        v.set_if_neq(near_is);
    }
}

#[cfg(test)]
mod tests {
    use super::super::map_view::test_camera;
    use super::*;

    /// A shipped scenario's game at its start, and how its map lies in the world.
    fn map_of(id: &str) -> (ordos_core::Game, MapGeometry) {
        let g = game(id);
        let geo = MapGeometry::new(g.map().width as u32, g.map().height as u32);
        (g, geo)
    }

    fn game(id: &str) -> ordos_core::Game {
        let catalog = super::super::session::Catalog::load();
        let setup = catalog
            .scenarios
            .iter()
            .find(|s| s.scenario.id == id)
            .expect("shipped")
            .clone();
        ordos_core::Game::new(setup, 7)
    }

    /// A tile atlas of flat colours, one per terrain (tile i is grey 20·(i+1)), with clear
    /// corners as the real tiles have.
    fn flat_atlas() -> Image {
        let (w, h) = (TILE.x as usize * TILE_ORDER.len(), TILE.y as usize);
        let mut data = vec![0u8; w * h * 4];
        for y in 0..h {
            for x in 0..w {
                let (tx, t) = (x % TILE.x as usize, x / TILE.x as usize);
                let corner = (y < 10 || y >= h - 10) && !(20..44).contains(&tx);
                let k = (y * w + x) * 4;
                let v = 20 * (t as u8 + 1);
                data[k..k + 4].copy_from_slice(&[v, v, v, if corner { 0 } else { 255 }]);
            }
        }
        Image::new(
            Extent3d {
                width: w as u32,
                height: h as u32,
                depth_or_array_layers: 1,
            },
            TextureDimension::D2,
            data,
            TextureFormat::Rgba8UnormSrgb,
            RenderAssetUsages::default(),
        )
    }

    #[test]
    fn each_hex_is_painted_in_its_tiles_colour_tinted_as_the_tile_and_rivers_over_it() {
        use ordos_core::load::tables::RiverKind;
        // Haoshuichuan has streams; the five armies' frontier has the Yellow River too.
        for id in ["haoshuichuan-1041", "five-armies-1081"] {
            let (g, geo) = map_of(id);
            let layout = Layout::of(&geo);
            let px = Canvas::new(&g, &geo, &flat_atlas())
                .expect("painted")
                .paint();
            assert_eq!(px.len(), (layout.width * layout.height * 4) as usize);
            let light = Light::new();
            let tint = season_tint(g.state().date.season(), g.state().weather);
            let texel = |p: Vec2| {
                let x = ((p.x - layout.origin.x) * layout.scale) as usize;
                let y = ((layout.origin.y - p.y) * layout.scale) as usize;
                let k = (y * layout.width as usize + x) * 4;
                [px[k], px[k + 1], px[k + 2], px[k + 3]]
            };
            let srgb = |c: Color| {
                let c = c.to_srgba();
                [c.red, c.green, c.blue].map(|c| (c * 255.0).round() as u8)
            };
            let frozen = g.river_frozen();
            let (mut land, mut streams, mut yellow) = (0, 0, 0);
            for i in 0..g.map().len() {
                let h = g.map().hex_at(i);
                match g.river_at(h) {
                    RiverKind::Major => {
                        // Over 4 texels from the Yellow River's centre line to its bank.
                        let at = texel(geo.world(h));
                        assert_eq!(at[..3], srgb(river_colour(true, false, frozen)), "{h}");
                        yellow += 1;
                        continue;
                    }
                    RiverKind::Minor => {
                        // A stream is a texel or two wide: its water blended over its bank.
                        let at = texel(geo.world(h));
                        let (bank, water) = (
                            srgb(river_colour(false, true, frozen)),
                            srgb(river_colour(false, false, frozen)),
                        );
                        for c in 0..3 {
                            let (lo, hi) = (bank[c].min(water[c]), bank[c].max(water[c]));
                            assert!((lo.saturating_sub(1)..=hi + 1).contains(&at[c]), "{h}");
                        }
                        streams += 1;
                        continue;
                    }
                    RiverKind::None => {}
                }
                // A river's bank may reach past its hex's edge: land next to a river is left
                // out.
                let by_a_river = h
                    .neighbours()
                    .into_iter()
                    .any(|n| g.map().contains(n) && g.river_at(n) != RiverKind::None);
                if by_a_river {
                    continue;
                }
                let id = g
                    .map()
                    .terrain(h)
                    .map(|t| g.rules().terrain[t].id.as_str())
                    .unwrap();
                // A terrain without a tile of its own is drawn as the first (steppe).
                let tile = TILE_ORDER.iter().position(|x| *x == id).unwrap_or(0);
                let grey = light.to_linear[20 * (tile + 1)];
                let c = tile_colour(relief(&g, h), tint).0.to_linear();
                let want = [c.red, c.green, c.blue].map(|c| light.srgb(grey * c));
                let at = texel(geo.world(h) + Vec2::new(3.0, 3.0));
                assert_eq!(at, [want[0], want[1], want[2], 255], "{id} {h} ({id})");
                land += 1;
            }
            assert!(
                land > 300 && streams > 20,
                "{id}: {land} land, {streams} streams"
            );
            if id == "five-armies-1081" {
                assert!(yellow > 20, "{yellow} hexes of the Yellow River");
            }
            // The top-left corner, beyond the first hex's pointed top, is clear.
            assert_eq!(px[3], 0);
            // No holes: every texel whose middle is in a hex of the map is painted.
            let mut holes = Vec::new();
            for y in 0..layout.height {
                for x in 0..layout.width {
                    let p = Vec2::new(
                        layout.origin.x + (x as f32 + 0.5) / layout.scale,
                        layout.origin.y - (y as f32 + 0.5) / layout.scale,
                    );
                    let on_map = geo.hex_at(p).is_some_and(|h| g.map().contains(h));
                    let k = ((y * layout.width + x) * 4) as usize;
                    if on_map && px[k + 3] == 0 {
                        holes.push((x, y));
                    }
                    // Nor black: every tile and river colour here is lighter.
                    if px[k + 3] > 0 {
                        assert_ne!(px[k..k + 3], [0, 0, 0], "{id}: black at {x},{y}");
                    }
                }
            }
            assert!(
                holes.is_empty(),
                "{id}: {} holes, first {:?}",
                holes.len(),
                &holes[..holes.len().min(5)]
            );
        }
    }

    #[test]
    fn the_picture_is_shown_only_when_a_hex_on_screen_is_smaller_than_in_it() {
        for id in ["haoshuichuan-1041", "five-armies-1081"] {
            let (g, geo) = map_of(id);
            let l = Layout::of(&geo);
            assert!(l.width <= MOST_TEXELS as u32 && l.height <= MOST_TEXELS as u32);
            // The picture covers every hex's centre.
            for i in 0..g.map().len() {
                let p = geo.world(g.map().hex_at(i));
                let (size, centre) = l.rect();
                assert!((p - centre).abs().cmple(size / 2.0).all(), "{id}: {p}");
            }
            let hex_texels = TILE.x * l.scale;
            assert!(hex_texels <= HEX_TEXELS + 0.01);
            // A camera showing a hex as wide as the picture does, or smaller, is far.
            assert!(l.is_far(TILE.x / hex_texels));
            assert!(l.is_far(TILE.x / hex_texels * 2.0));
            assert!(!l.is_far(TILE.x / hex_texels * 0.9));
        }
    }

    #[test]
    fn the_smaller_copies_halve_each_side_and_average_four_texels() {
        let layout = Layout {
            origin: Vec2::ZERO,
            scale: 1.0,
            width: 5,
            height: 3,
        };
        let px: Vec<u8> = (0..15u8).flat_map(|i| [i * 10, 0, 0, 255]).collect();
        let img = image(&layout, px);
        let levels = img.texture_descriptor.mip_level_count;
        assert_eq!(levels, 3, "5x3, 3x2, 2x1 (a side of 1 stops it)");
        let data = img.data.unwrap();
        assert_eq!(data.len(), (15 + 6 + 2) * 4);
        // The second level's first texel: texels (0,0), (1,0), (0,1), (1,1) of the first.
        assert_eq!(
            u32::from(data[15 * 4]),
            [0, 10, 50, 60u32].iter().sum::<u32>().div_ceil(4)
        );
    }

    #[test]
    fn far_out_the_picture_is_drawn_and_the_tiles_and_ribbons_are_not_and_near_the_reverse() {
        use bevy::ecs::system::RunSystemOnce;
        let geo = MapGeometry::new(100, 80);
        let layout = Layout::of(&geo);
        let mut world = World::new();
        let camera = test_camera::spawn(&mut world);
        let picture = world
            .spawn((
                FarPicture {
                    layout,
                    frames_shown: SHOWN_BEFORE_HIDING,
                },
                Visibility::Hidden,
            ))
            .id();
        let tiles = world
            .spawn((TileStorage::empty(geo.size), Visibility::Inherited))
            .id();
        let river = world.spawn((RiverRibbon, Visibility::Inherited)).id();
        // An overlay or a counter is neither: it is left as it is.
        let other = world.spawn(Visibility::Inherited).id();
        let shown = |w: &World, e: Entity| *w.get::<Visibility>(e).unwrap() != Visibility::Hidden;
        // A picture just painted is drawn over the tiles in its first two frames, then alone.
        test_camera::set_scale(&mut world, camera, 12.0);
        world.get_mut::<FarPicture>(picture).unwrap().frames_shown = 0;
        for frame in 1..=SHOWN_BEFORE_HIDING {
            world.run_system_once(far_or_near).unwrap();
            assert!(shown(&world, picture), "frame {frame}");
            assert_eq!(
                shown(&world, tiles),
                frame < SHOWN_BEFORE_HIDING,
                "frame {frame}"
            );
        }
        for (scale, far) in [
            (1.0, false),
            (1.0 / layout.scale, true),
            (12.0, true),
            (0.5, false),
        ] {
            test_camera::set_scale(&mut world, camera, scale);
            world.run_system_once(far_or_near).unwrap();
            assert_eq!(shown(&world, picture), far, "scale {scale}");
            assert_eq!(shown(&world, tiles), !far, "scale {scale}");
            assert_eq!(shown(&world, river), !far, "scale {scale}");
            assert!(shown(&world, other));
        }
    }
}
