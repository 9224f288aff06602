//! Where the game finds scenarios and keeps saves: shared by the game and the command line.

use ordos_core::load::catalog::{Catalog, Folder, Origin};
use std::path::{Path, PathBuf};

/// The folders scenarios are looked up in, first match wins: `$ORDOS_SCENARIOS`,
/// `./scenarios`, the scenarios the game was built with, and the player's own mod folder.
pub fn scenario_folders() -> Vec<Folder> {
    let mut out = Vec::new();
    if let Some(d) = std::env::var_os("ORDOS_SCENARIOS") {
        out.push(Folder {
            path: PathBuf::from(d),
            origin: Origin::Env,
        });
    }
    out.push(Folder {
        path: PathBuf::from("scenarios"),
        origin: Origin::Working,
    });
    out.push(Folder {
        path: Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"),
        origin: Origin::Shipped,
    });
    if let Some(d) = user_mod_folder() {
        out.push(Folder {
            path: d,
            origin: Origin::User,
        });
    }
    // `./scenarios` is the shipped folder when the game runs from its sources.
    let shipped = out
        .iter()
        .find(|f| f.origin == Origin::Shipped)
        .and_then(|f| f.path.canonicalize().ok());
    for f in &mut out {
        if f.origin == Origin::Working && f.path.canonicalize().ok() == shipped {
            f.origin = Origin::Shipped;
        }
    }
    out
}

/// The player's own scenario folder: `$XDG_DATA_HOME/ordos/scenarios` (or
/// `~/.local/share/ordos/scenarios`) on Linux, `~/Library/Application Support/Ordos/scenarios`
/// on macOS, `%APPDATA%\Ordos\scenarios` on Windows.
pub fn user_mod_folder() -> Option<PathBuf> {
    let env = |k: &str| std::env::var_os(k).map(PathBuf::from);
    if cfg!(target_os = "windows") {
        return env("APPDATA").map(|d| d.join("Ordos").join("scenarios"));
    }
    if cfg!(target_os = "macos") {
        return env("HOME").map(|h| h.join("Library/Application Support/Ordos/scenarios"));
    }
    env("XDG_DATA_HOME")
        .or_else(|| env("HOME").map(|h| h.join(".local/share")))
        .map(|d| d.join("ordos").join("scenarios"))
}

/// Every scenario found in the folders.
pub fn catalog() -> Catalog {
    Catalog::scan(scenario_folders())
}

/// Where saves, autosaves and their replays go: `$ORDOS_SAVES`, else `./saves`.
pub fn saves_dir() -> PathBuf {
    std::env::var_os("ORDOS_SAVES").map_or_else(|| PathBuf::from("saves"), PathBuf::from)
}
