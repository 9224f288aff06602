//! Saved games and replays on disk. A save re-plays the game from its replay, so loading one
//! is checked turn by turn like `ordos replay --verify`; it also keeps a snapshot of the state,
//! so a save from before an update still loads (unverified). The game writes its replay and an
//! autosave when a game begins and at the end of every turn, and a quick save on F5.
//!
//! Files live in `$ORDOS_SAVES`, else `./saves`: `<scenario>-autosave.save.ron` and
//! `<scenario>-autosave.replay.ron` (for `ordos replay FILE --verify` and the viewer), and
//! `<scenario>-quicksave.save.ron`. Each is written to a temporary file and renamed
//! (`files::write_atomic`), so a crash never leaves half a save. Files are read only if they
//! are regular files under the size cap (a FIFO named like a save does not freeze the game).

use bevy::prelude::Resource;
use ordos_core::load::read::{MAX_RECORD_BYTES, read_regular};
use ordos_core::play::replay::{Replay, SavedGame};
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

fn pretty<T: serde::Serialize>(value: &T) -> Result<String, String> {
    ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default()).map_err(|e| e.to_string())
}

/// Writes a save in `slot` (and, for the autosave, its replay beside it).
pub fn write_save(
    dir: &SaveDir,
    scenario: &str,
    slot: &str,
    saved: &SavedGame,
) -> Result<PathBuf, String> {
    let file = dir.path(scenario, slot);
    crate::files::write_atomic(&file, &pretty(saved)?)?;
    if slot == "autosave" {
        let replay = dir.0.join(format!("{scenario}-{slot}.replay.ron"));
        crate::files::write_atomic(&replay, &pretty(&saved.replay)?)?;
    }
    Ok(file)
}

fn read_text(file: &Path, what: &str) -> Result<String, String> {
    let shown = file.display();
    let bytes = read_regular(file, MAX_RECORD_BYTES).map_err(|e| format!("{shown}: {e}"))?;
    String::from_utf8(bytes)
        .map_err(|_| format!("{shown}: not a text file (is this an Ordos {what}?)"))
}

/// Reads a save file (not yet re-played).
pub fn read_save(file: &Path) -> Result<SavedGame, String> {
    read_ron(file, "save")
}

/// Reads a replay file (not yet re-played).
pub fn read_replay(file: &Path) -> Result<Replay, String> {
    read_ron(file, "replay")
}

/// A save or replay (`what`) parsed from its file; an error names the file, line and column.
fn read_ron<T: serde::de::DeserializeOwned>(file: &Path, what: &str) -> Result<T, String> {
    let text = read_text(file, what)?;
    ron::from_str(&text).map_err(|e| {
        format!(
            "{}:{}:{}: {} (is this an Ordos {what}?)",
            file.display(),
            e.span.start.line,
            e.span.start.col,
            e.code
        )
    })
}

fn newest_first(dir: &SaveDir, suffix: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(&dir.0) else {
        return Vec::new();
    };
    let mut found: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    found.into_iter().map(|x| x.1).collect()
}

/// The most recently written save of a game still going on, if any (a finished game is not
/// offered to continue).
pub fn latest(dir: &SaveDir) -> Option<PathBuf> {
    newest_first(dir, ".save.ron")
        .into_iter()
        .find(|p| read_save(p).is_ok_and(|s| !s.replay.complete))
}

/// Every replay in the saves folder (the autosaved replays and any `ordos sim --record` put
/// there), newest first.
pub fn replays(dir: &SaveDir) -> Vec<PathBuf> {
    let mut out = newest_first(dir, ".replay.ron");
    let others: Vec<PathBuf> = newest_first(dir, ".ron")
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(".save.ron") && !out.contains(p))
        .collect();
    out.extend(others);
    out
}
