//! The house keeps its shape: no two modules of the core import each other, directly or in a
//! circle, and the rooms keep their order from the ground up — `load` (the scenario, the rule
//! tables, the map) under `model` (the state and the one way it changes) under `game` under
//! `rules` under `turn` under `play`. Read from the sources: every `crate::…` and `super::…`
//! path a module names is an edge to the module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `rules::march` for `src/rules/march.rs`, `load` for `src/load/mod.rs`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// The modules a file's code names, as the longest known module prefix of each path.
fn imports(text: &str, me: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    // `use crate::rules::{combat, march}` names each module in the braces.
    let mut paths = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + 7..];
        let end = rest
            .find(|c: char| {
                !(c.is_alphanumeric()
                    || c == '_'
                    || c == ':'
                    || c == '{'
                    || c == ','
                    || c == ' '
                    || c == '\n')
            })
            .unwrap_or(rest.len());
        let path = &rest[..end];
        match path.find('{') {
            Some(b) => {
                let base = path[..b].trim_end_matches("::");
                for item in path[b + 1..].split(',') {
                    let item = item.trim().split("::").next().unwrap_or("").trim();
                    if !item.is_empty() {
                        paths.push(format!("{base}::{item}"));
                    }
                }
            }
            None => paths.push(path.trim().to_string()),
        }
    }
    let parent = me.rsplit_once("::").map_or("", |(p, _)| p);
    for (i, _) in code.match_indices("super::") {
        let rest = &code[i + 7..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let joined = if parent.is_empty() {
            rest[..end].to_string()
        } else {
            format!("{parent}::{}", &rest[..end])
        };
        paths.push(joined);
    }
    for p in paths {
        let segs: Vec<&str> = p.split("::").filter(|s| !s.is_empty()).collect();
        for n in (1..=segs.len()).rev() {
            let m = segs[..n].join("::");
            if modules.contains(&m) {
                if m != me && !me.starts_with(&format!("{m}::")) {
                    out.insert(m);
                }
                break;
            }
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    files
        .iter()
        .map(|f| {
            let me = module_of(&src, f);
            let text = std::fs::read_to_string(f).unwrap();
            let deps = imports(&text, &me, &modules);
            (me, deps)
        })
        .collect()
}

/// A circle of imports, if there is one.
fn find_cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            match state.get(d.as_str()).copied().unwrap_or(0) {
                1 => {
                    let at = stack.iter().position(|x| x == d).unwrap();
                    let mut c = stack[at..].to_vec();
                    c.push(d.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(d, g, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0
            && let Some(c) = visit(n, g, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_module_of_the_core_imports_another_in_a_circle() {
    let g = graph();
    assert!(g.len() > 20, "found only {} modules", g.len());
    if let Some(c) = find_cycle(&g) {
        panic!("import circle: {}", c.join(" → "));
    }
}

#[test]
fn the_rooms_import_only_those_below_them() {
    // From the ground up; a room may use any room below it, never one above.
    let layers: [&[&str]; 8] = [
        &["hex", "calendar", "hash"],
        &["load"],
        &["model"],
        &["order"],
        &["game"],
        &["rules"],
        &["turn"],
        &["play", ""],
    ];
    let layer_of = |m: &str| {
        let room = m.split("::").next().unwrap_or("");
        layers
            .iter()
            .position(|l| l.contains(&room))
            .unwrap_or_else(|| panic!("module {m} is in no layer"))
    };
    for (m, deps) in graph() {
        for d in deps {
            assert!(
                layer_of(&d) <= layer_of(&m),
                "{m} imports {d}, a room above it"
            );
        }
    }
    // The rules never call the flow of the turn, and the state is changed only by `apply`.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let me = module_of(&src, &f);
        if me != "model" && me != "model::apply" {
            assert!(
                !text.contains("&mut GameState") && !text.contains("&mut self.state"),
                "{me} takes the state mutably"
            );
        }
    }
}

/// The code of a file, its comments left out.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_rules_take_what_they_need_never_the_whole_game() {
    // Every rule module reads the game through its narrow views (`game::view`) and changes it
    // through an `Act`: none names `Game`. Only `rules/mod.rs` does, where the game hands each
    // rule what it reads, for the shell and the AI.
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut files = Vec::new();
    sources(&rules, &mut files);
    assert!(files.len() > 10, "found only {} rule modules", files.len());
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    for f in files.iter().filter(|f| !f.ends_with("mod.rs")) {
        let code = code_of(&std::fs::read_to_string(f).unwrap());
        for (i, _) in code.match_indices("Game") {
            let before = code[..i].chars().next_back();
            let after = code[i + 4..].chars().next();
            assert!(
                is_word(before) || is_word(after),
                "{} names Game: a rule takes the views it reads, not the whole game",
                f.display()
            );
        }
    }
    // An `Act` hands out the views, the rule tables, the random stream and `emit`: nothing by
    // which a rule could reach the whole game.
    let game =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/game/mod.rs"))
            .unwrap();
    let act = &game[game.find("impl<'g> Act<'g>").expect("impl Act")..];
    let act = &act[..act.find("\n}\n").unwrap_or(act.len())];
    let act = code_of(act);
    let handed_out: Vec<&str> = act
        .lines()
        .filter(|l| l.contains("pub") && l.contains("fn "))
        .filter_map(|l| l.split_once("->").map(|(_, ret)| ret.trim()))
        .map(|ret| ret.trim_end_matches('{').trim())
        .collect();
    assert!(handed_out.len() >= 6, "found only {handed_out:?}");
    for ret in handed_out {
        assert!(!ret.contains("Game"), "Act hands out the whole game: {ret}");
    }
}
