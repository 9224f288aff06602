//! The look of the game's screens, in one place: colours, typefaces, text sizes that grow with
//! the window, and the few widgets every screen is built of (buttons with tooltips, panels,
//! words). Screens say what they show; this module says how it looks.

use bevy::prelude::*;

/// Text on dark paper.
pub const INK: Color = Color::srgb(0.93, 0.9, 0.82);
/// Quieter text: hints, units, what is not yours.
pub const INK_DIM: Color = Color::srgb(0.72, 0.68, 0.6);
/// What needs attention: thirst, hunger, a warning.
pub const ALARM: Color = Color::srgb(1.0, 0.78, 0.3);
/// Panels over the map.
pub const PAPER: Color = Color::srgba(0.12, 0.1, 0.08, 0.88);
/// Full-screen backgrounds.
pub const BACKDROP: Color = Color::srgb(0.16, 0.12, 0.09);
pub const BUTTON: Color = Color::srgb(0.32, 0.2, 0.12);
pub const BUTTON_HOT: Color = Color::srgb(0.5, 0.3, 0.16);
pub const BUTTON_ON: Color = Color::srgb(0.62, 0.42, 0.14);

/// The game's typefaces (DejaVu, under `assets/fonts`, for its wide coverage of letters).
#[derive(Resource, Clone, Default)]
pub struct Fonts {
    /// Menus, HUD and labels.
    pub text: Handle<Font>,
    /// Counters: condensed and bold, to read small.
    pub counter: Handle<Font>,
    /// Titles.
    pub title: Handle<Font>,
}

impl Fonts {
    pub fn text(&self, size: f32) -> TextFont {
        TextFont::from_font_size(size).with_font(self.text.clone())
    }
    pub fn counter(&self, size: f32) -> TextFont {
        TextFont::from_font_size(size).with_font(self.counter.clone())
    }
    pub fn title(&self, size: f32) -> TextFont {
        TextFont::from_font_size(size).with_font(self.title.clone())
    }
}

/// Readable at 1280×800 and at 4K: menus and panels grow with the window (1× up to 800
/// pixels high, 2× at 1600, 2.7× at 2160), in quarter steps so text stays crisp.
fn scale_ui(windows: Query<&Window, Changed<Window>>, mut scale: ResMut<UiScale>) {
    let Ok(w) = windows.single() else { return };
    let want = ui_scale_for(w.height());
    if (scale.0 - want).abs() > f32::EPSILON {
        scale.0 = want;
    }
}

pub fn ui_scale_for(height: f32) -> f32 {
    ((height / 800.0).max(1.0) * 4.0).floor() / 4.0
}

/// Loads the fonts as the plugin is built, so every screen's first frame has them; scales the
/// UI with the window; colours buttons under the mouse; shows tooltips.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (scale_ui, hover_colour, show_tooltip));
    let assets = app.world().resource::<AssetServer>().clone();
    app.insert_resource(Fonts {
        text: assets.load("fonts/DejaVuSans.ttf"),
        counter: assets.load("fonts/DejaVuSansCondensed-Bold.ttf"),
        title: assets.load("fonts/DejaVuSerif.ttf"),
    });
}

/// What a button does. Each screen handles the actions of its own buttons.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ButtonAction {
    // The title.
    ToPicker,
    /// Load the most recent save.
    LoadLatest,
    /// Watch the replay file of this index in the title's list.
    OpenReplay(usize),
    Exit,
    // The picker.
    Pick(usize),
    CycleControl(usize),
    Start,
    // Everywhere.
    Continue,
    /// Back to the title (asks first in a game in progress).
    Quit,
    /// Back to the title, confirmed.
    QuitConfirmed,
    /// Keep playing (the quit question answered no).
    Stay,
    // The play screen.
    EndSide,
    /// End the turn although armies have not moved (the question answered yes).
    EndSideConfirmed,
    ToggleForced,
    NextArmy,
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
    Restart,
    // The replay viewer.
    StepBack,
    StepForward,
    PlayPause,
    CycleSpeed,
    NextEvent,
    CycleView,
    /// Seek to this turn.
    Seek(usize),
    TakeCommand,
    CycleTakeControl(usize),
    TakeCommandConfirmed,
    /// The end screen for the game watched.
    ShowEnd,
    // The end screen.
    HowOften,
}

/// Words shown beside a widget while the mouse is over it.
#[derive(Component, Clone, Debug)]
pub struct Tooltip(pub String);

/// The one tooltip box, following the mouse.
#[derive(Component)]
struct TooltipBox;

/// A labelled button that does `action`, with a fixed size so nothing moves under the mouse
/// when its label or the text near it changes.
pub fn button(
    parent: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    label: &str,
    action: ButtonAction,
    size: f32,
) {
    button_with(parent, fonts, label, action, size, None);
}

/// `button`, with a tooltip.
pub fn button_with(
    parent: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    label: &str,
    action: ButtonAction,
    size: f32,
    tooltip: Option<&str>,
) {
    let mut b = parent.spawn((
        Button,
        action,
        Node {
            padding: UiRect::axes(Val::Px(10.0), Val::Px(5.0)),
            ..default()
        },
        BackgroundColor(BUTTON),
    ));
    if let Some(t) = tooltip {
        b.insert(Tooltip(t.to_string()));
    }
    b.with_children(|b| {
        b.spawn((
            Text::new(label.to_string()),
            fonts.text(size),
            TextColor(INK),
        ));
    });
}

/// A full-screen column on the backdrop, despawned when the screen is left.
pub fn screen_root<S: States>(screen: S) -> impl Bundle {
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
        BackgroundColor(BACKDROP),
    )
}

/// Words in the game's text face.
pub fn words(fonts: &Fonts, s: &str, size: f32) -> impl Bundle {
    (Text::new(s.to_string()), fonts.text(size), TextColor(INK))
}

/// Quieter words.
pub fn dim_words(fonts: &Fonts, s: &str, size: f32) -> impl Bundle {
    (
        Text::new(s.to_string()),
        fonts.text(size),
        TextColor(INK_DIM),
    )
}

/// A button's own colour (a timeline cell's mark), kept under the hover highlight.
#[derive(Component, Clone, Copy)]
pub struct ButtonColour(pub Color);

fn hover_colour(
    mut q: Query<
        (&Interaction, &mut BackgroundColor, Option<&ButtonColour>),
        (Changed<Interaction>, With<Button>),
    >,
) {
    for (i, mut bg, own) in &mut q {
        bg.0 = match (i, own) {
            (Interaction::None, Some(c)) => c.0,
            (Interaction::None, None) => BUTTON,
            (_, Some(c)) => c.0.lighter(0.15),
            (_, None) => BUTTON_HOT,
        };
    }
}

/// Shows the tooltip of whatever the mouse is over, beside the mouse.
fn show_tooltip(
    mut commands: Commands,
    hovered: Query<(&Interaction, &Tooltip)>,
    mut shown: Query<(Entity, &mut Node, &Children), With<TooltipBox>>,
    mut texts: Query<&mut Text>,
    windows: Query<&Window>,
    fonts: Option<Res<Fonts>>,
    scale: Res<UiScale>,
) {
    let tip = hovered
        .iter()
        .find(|(i, _)| **i == Interaction::Hovered)
        .map(|(_, t)| t.0.clone());
    let window = windows.single().ok();
    let cursor = window
        .and_then(|w| w.cursor_position())
        .map(|p| p / scale.0.max(0.1));
    let size = window.map_or(Vec2::new(1280.0, 800.0), |w| {
        Vec2::new(w.width(), w.height()) / scale.0.max(0.1)
    });
    // Beside the cursor, on the side with room: left of it in the right half of the window,
    // above it in the lower half, so a tip never runs off the screen.
    let place = |node: &mut Node, at: Vec2| {
        if at.x > size.x / 2.0 {
            node.left = Val::Auto;
            node.right = Val::Px(size.x - at.x + 8.0);
        } else {
            node.right = Val::Auto;
            node.left = Val::Px(at.x + 14.0);
        }
        if at.y > size.y / 2.0 {
            node.top = Val::Auto;
            node.bottom = Val::Px(size.y - at.y + 8.0);
        } else {
            node.bottom = Val::Auto;
            node.top = Val::Px(at.y + 16.0);
        }
    };
    match (tip, cursor, shown.single_mut()) {
        (Some(t), Some(at), Ok((_, mut node, children))) => {
            place(&mut node, at);
            if let Some(c) = children.first()
                && let Ok(mut text) = texts.get_mut(*c)
                && text.0 != t
            {
                text.0 = t;
            }
        }
        (Some(t), Some(at), Err(_)) => {
            let Some(fonts) = fonts else { return };
            let mut node = Node {
                position_type: PositionType::Absolute,
                max_width: Val::Px(360.0),
                padding: UiRect::all(Val::Px(6.0)),
                ..default()
            };
            place(&mut node, at);
            commands
                .spawn((
                    TooltipBox,
                    node,
                    BackgroundColor(Color::srgba(0.05, 0.04, 0.03, 0.95)),
                    GlobalZIndex(100),
                ))
                .with_children(|b| {
                    b.spawn(words(&fonts, &t, 13.0));
                });
        }
        (None, _, Ok((e, _, _))) | (_, None, Ok((e, _, _))) => commands.entity(e).despawn(),
        _ => {}
    }
}

/// A side's colour: the scenario's `color`, or the game's choice by the side's place in the list.
pub fn side_colour(scenario: &ordos_core::Scenario, side: usize) -> Color {
    const PALETTE: [(f32, f32, f32); 6] = [
        (0.70, 0.15, 0.12),
        (0.12, 0.31, 0.70),
        (0.18, 0.52, 0.25),
        (0.52, 0.25, 0.60),
        (0.75, 0.55, 0.10),
        (0.25, 0.55, 0.60),
    ];
    scenario
        .sides
        .get(side)
        .and_then(|s| Srgba::hex(s.color.trim_start_matches('#')).ok())
        .map_or_else(
            || {
                let (r, g, b) = PALETTE[side % PALETTE.len()];
                Color::srgb(r, g, b)
            },
            Color::from,
        )
}
