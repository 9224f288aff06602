//! Saved games on disk: a save re-plays the game from its replay, so loading one is checked
//! turn by turn like `ordos replay --verify`. The game writes its replay and an autosave at the
//! end of every turn, and a quick save on F5.
//!
//! Files live in `$ORDOS_SAVES`, else `./saves`: `<scenario>-autosave.save.ron` and
//! `<scenario>-autosave.replay.ron` (for `ordos replay FILE --verify`), and
//! `<scenario>-quicksave.save.ron`. Each is written to a temporary file and renamed, so a crash
//! never leaves half a save.

use super::session::{Catalog, Control, Session};
use bevy::prelude::Resource;
use ordos_core::play::kinds::ControllerKind;
use ordos_core::play::replay::SavedGame;
use std::path::{Path, PathBuf};

/// Where saves go: `$ORDOS_SAVES`, else `./saves` (tests point it at a scratch folder).
#[derive(Resource, Clone, Debug)]
pub struct SaveDir(pub PathBuf);

impl Default for SaveDir {
    fn default() -> Self {
        SaveDir(crate::paths::saves_dir())
    }
}

impl SaveDir {
    pub fn path(&self, scenario: &str, slot: &str) -> PathBuf {
        self.0.join(format!("{scenario}-{slot}.save.ron"))
    }
}

use crate::files::write_atomic;

fn pretty<T: serde::Serialize>(value: &T) -> Result<String, String> {
    ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default()).map_err(|e| e.to_string())
}

/// Writes the session as a save in `slot` (and, for the autosave, its replay beside it).
pub fn save(dir: &SaveDir, session: &Session, slot: &str) -> Result<PathBuf, String> {
    let saved = session.saved();
    let id = &session.game.scenario().id;
    let file = dir.path(id, slot);
    write_atomic(&file, &pretty(&saved)?)?;
    if slot == "autosave" {
        let replay = dir.0.join(format!("{id}-{slot}.replay.ron"));
        write_atomic(&replay, &pretty(&saved.replay)?)?;
    }
    Ok(file)
}

/// Reads a save and re-plays it into a session. Every problem names the file.
pub fn load(file: &Path, catalog: &Catalog) -> Result<Session, String> {
    let shown = file.display();
    let bytes =
        ordos_core::load::read::read_regular(file, ordos_core::load::read::MAX_RECORD_BYTES)
            .map_err(|e| format!("{shown}: {e}"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{shown}: not a text file (is this an Ordos save?)"))?;
    let saved: SavedGame = ron::from_str(&text).map_err(|e| {
        format!(
            "{shown}:{}:{}: {} (is this an Ordos save?)",
            e.span.start.line, e.span.start.col, e.code
        )
    })?;
    let scenario = catalog
        .scenarios
        .iter()
        .find(|s| s.scenario.id == saved.replay.scenario)
        .ok_or_else(|| {
            format!(
                "{shown}: no scenario `{}` is installed",
                saved.replay.scenario
            )
        })?;
    let control = saved
        .control
        .iter()
        .map(|c| match c.as_str() {
            "human" => Ok(Control::Human),
            k => k
                .parse::<ControllerKind>()
                .map(Control::Computer)
                .map_err(|e| format!("{shown}: {e}")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let sides = scenario.scenario.sides.len();
    if control.len() != sides {
        return Err(format!(
            "{shown}: names {} controller(s), but `{}` has {sides} sides (the save is damaged or for another version)",
            control.len(),
            scenario.scenario.id
        ));
    }
    Session::resume(scenario, &saved, control).map_err(|e| format!("{shown}: {e}"))
}

/// The most recently written save, if any.
pub fn latest(dir: &SaveDir) -> Option<PathBuf> {
    let entries = std::fs::read_dir(&dir.0).ok()?;
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".save.ron"))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .max()
        .map(|x| x.1)
}
