//! Every document the project cites is in the repository: the accounts, the gazetteer, the
//! logistics notes and the style guide are in `docs/sources/`, and any other `.md` or `.txt`
//! a source file, rule table, scenario or README names must exist where it says.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        if p.is_dir() {
            files(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "rs" || x == "ron" || x == "md")
        {
            out.push(p);
        }
    }
}

/// The documents a text names: words ending in `.md` or `.txt`.
fn cited(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || "./_-".contains(c)))
        .map(|w| w.trim_matches('.'))
        .filter(|w| (w.ends_with(".md") || w.ends_with(".txt")) && w.len() > 4)
        .filter(|w| {
            !w.contains("//") && !w.contains("..") && !w.starts_with('/') && !w.starts_with("http")
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn every_document_the_project_cites_is_in_the_repository() {
    let root = root();
    let mut all = Vec::new();
    for dir in ["crates", "src", "assets", "scenarios", "tests", "tools"] {
        files(&root.join(dir), &mut all);
    }
    all.push(root.join("README.md"));
    // The names the sources go by, and where each lives now.
    let known = [
        ("song-xia-wars.txt", "docs/sources/accounts.txt"),
        ("accounts.txt", "docs/sources/accounts.txt"),
        ("gazetteer.md", "docs/sources/gazetteer.md"),
        ("logistics.md", "docs/sources/logistics.md"),
        ("STYLE.md", "docs/style.md"),
        // What `ordos analyze` writes; an example of it is in the repository.
        ("report.md", "docs/analysis/haoshuichuan-1041/report.md"),
    ];
    let mut missing = Vec::new();
    let mut checked = 0;
    for f in &all {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for c in cited(&text) {
            let base = c.rsplit('/').next().unwrap_or(&c).to_string();
            let at = match known.iter().find(|(n, _)| *n == base) {
                Some((_, p)) => root.join(p),
                None if c.contains('/') => {
                    let rel = c.trim_start_matches("./");
                    let from_root = root.join(rel);
                    let beside = f.parent().unwrap().join(rel);
                    if beside.exists() { beside } else { from_root }
                }
                // A bare name: anywhere under docs/, or beside the citing file.
                None => {
                    let beside = f.parent().unwrap().join(&c);
                    let in_docs = ["docs", "docs/campaigns", "docs/sources"]
                        .iter()
                        .map(|d| root.join(d).join(&c))
                        .find(|p| p.exists());
                    if beside.exists() {
                        beside
                    } else if let Some(p) = in_docs {
                        p
                    } else {
                        root.join(&c)
                    }
                }
            };
            checked += 1;
            if !at.exists() {
                missing.push(format!(
                    "{} cites {c}",
                    f.strip_prefix(&root).unwrap().display()
                ));
            }
        }
    }
    assert!(checked > 20, "only {checked} citations found");
    assert!(
        missing.is_empty(),
        "not in the repository:\n{}",
        missing.join("\n")
    );
}
