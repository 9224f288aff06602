//! The catalog of scenario files: every `.ron` file in the scenario folders, loaded, with the
//! errors of those that do not validate. The command line and the game both use it; the game
//! refreshes it to pick up files a modder edits while it runs.

use crate::load::diagnostic::ScenarioErrors;
use crate::load::{Setup, load_path};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// Where a scenario folder comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// `$ORDOS_SCENARIOS`.
    Env,
    /// `./scenarios` in the working directory.
    Working,
    /// The scenarios shipped with the game.
    Shipped,
    /// The player's own mod folder (the platform's data directory).
    User,
}

impl Origin {
    /// A mod: not one of the scenarios shipped with the game.
    pub fn is_mod(self) -> bool {
        self != Origin::Shipped
    }
}

/// One scenario folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folder {
    pub path: PathBuf,
    pub origin: Origin,
}

/// One scenario file and what loading it gave.
#[derive(Clone, Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub origin: Origin,
    pub loaded: Result<Arc<Setup>, ScenarioErrors>,
    /// What the file looked like when it was loaded (modified time, length), to notice edits.
    stamp: Option<(SystemTime, u64)>,
}

impl Entry {
    /// The scenario's id: the one it declares if it loaded, else the file's stem.
    pub fn id(&self) -> String {
        match &self.loaded {
            Ok(s) => s.scenario.id.clone(),
            Err(_) => stem(&self.path),
        }
    }
}

/// Every scenario file found, in folder order then by path; an id (file stem) found in an
/// earlier folder hides the same in a later one.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub folders: Vec<Folder>,
    pub entries: Vec<Entry>,
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

fn stamp(p: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(p).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// The `.ron` files of the folders, each id once (the first folder wins), in a stable order.
fn files(folders: &[Folder]) -> Vec<(PathBuf, Origin)> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for f in folders {
        let Ok(entries) = std::fs::read_dir(&f.path) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        paths.sort();
        for p in paths {
            if seen.insert(stem(&p)) {
                out.push((p, f.origin));
            }
        }
    }
    out
}

impl Catalog {
    /// Scans the folders and loads every scenario file in them.
    pub fn scan(folders: Vec<Folder>) -> Catalog {
        let entries = files(&folders)
            .into_iter()
            .map(|(path, origin)| Entry {
                stamp: stamp(&path),
                loaded: load_path(&path),
                path,
                origin,
            })
            .collect();
        Catalog { folders, entries }
    }

    /// Looks at the folders again: new files are loaded, edited ones reloaded, removed ones
    /// dropped. Returns the ids of the scenarios that changed (appeared, changed or went).
    pub fn refresh(&mut self) -> Vec<String> {
        let mut changed = Vec::new();
        let mut next = Vec::new();
        for (path, origin) in files(&self.folders) {
            let now = stamp(&path);
            match self.entries.iter().position(|e| e.path == path) {
                Some(i) if self.entries[i].stamp == now && now.is_some() => {
                    next.push(self.entries[i].clone());
                }
                found => {
                    let e = Entry {
                        loaded: load_path(&path),
                        stamp: now,
                        path,
                        origin,
                    };
                    let differs = found.is_none_or(|i| {
                        let old = &self.entries[i];
                        match (&old.loaded, &e.loaded) {
                            (Ok(a), Ok(b)) => a != b,
                            (Err(a), Err(b)) => a != b,
                            _ => true,
                        }
                    });
                    if differs {
                        changed.push(e.id());
                    }
                    next.push(e);
                }
            }
        }
        for old in &self.entries {
            if !next.iter().any(|e| e.path == old.path) {
                changed.push(old.id());
            }
        }
        changed.sort();
        changed.dedup();
        self.entries = next;
        changed
    }

    /// The scenarios that loaded, in catalog order.
    pub fn valid(&self) -> impl Iterator<Item = (&Entry, &Arc<Setup>)> {
        self.entries
            .iter()
            .filter_map(|e| e.loaded.as_ref().ok().map(|s| (e, s)))
    }

    /// The scenario with this id, if it loaded.
    pub fn get(&self, id: &str) -> Option<&Arc<Setup>> {
        self.valid()
            .find(|(_, s)| s.scenario.id == id)
            .map(|(_, s)| s)
    }

    /// A scenario by id (`haoshuichuan-1041`) or by the path of its file.
    pub fn find(&self, arg: &str) -> Result<Arc<Setup>, String> {
        let as_path = Path::new(arg);
        if as_path.exists() || arg.ends_with(".ron") || arg.contains('/') {
            return load_path(as_path).map_err(|e| e.to_string());
        }
        // A file named for the id in a folder, even one whose stem another folder hides.
        for f in &self.folders {
            let p = f.path.join(format!("{arg}.ron"));
            if p.is_file() {
                return load_path(&p).map_err(|e| e.to_string());
            }
        }
        if let Some(s) = self.get(arg) {
            return Ok(s.clone());
        }
        let known: Vec<String> = self.valid().map(|(_, s)| s.scenario.id.clone()).collect();
        Err(format!(
            "no scenario `{arg}` (known: {})",
            if known.is_empty() {
                "none found".into()
            } else {
                known.join(", ")
            }
        ))
    }
}
