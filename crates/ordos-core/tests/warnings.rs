//! The warnings corpus (`tests/warnings`): each file validates (no error) and gets its one
//! warning, at the line of the field it is about — what a modder's editor or CI reads from
//! `ordos validate --json`.

use ordos_core::load::diagnostic::Severity;
use ordos_core::load::load_path;
use ordos_core::play::lint::lint;
use std::path::Path;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/warnings");

/// (file and warning code, text on the line the warning points at)
const EXPECTED: &[(&str, &str)] = &[
    ("hidden-without-cover", "state: Hidden"),
    ("garrison-off-its-place", "hex: (1, 1), state: Fortified"),
    ("two-orders-one-day", "// second"),
    ("unwalled-stores-near-enemy", "walls: 0"),
    ("order-refused", "army: \"xu-xi\", order: Levy"),
    ("objective-out-of-reach", "Take(place: \"xiazhou\""),
    ("unused-legend", "legend: {'l'"),
];

#[test]
fn every_file_of_the_corpus_is_expected() {
    let mut files: Vec<String> = std::fs::read_dir(CORPUS)
        .unwrap()
        .flatten()
        .map(|e| e.path().file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    files.sort();
    let mut want: Vec<String> = EXPECTED.iter().map(|e| e.0.to_string()).collect();
    want.sort();
    assert_eq!(files, want);
}

#[test]
fn each_warning_is_given_at_the_line_of_its_field() {
    for (code, on_line) in EXPECTED {
        let path = Path::new(CORPUS).join(format!("{code}.ron"));
        let text = std::fs::read_to_string(&path).unwrap();
        let setup = load_path(&path).unwrap_or_else(|e| panic!("{code}: does not validate: {e}"));
        let file = path.display().to_string();
        let mut all = setup.warnings.clone();
        all.extend(lint(&setup, &file, Some(&text)));
        let found: Vec<_> = all.iter().filter(|d| d.code == *code).collect();
        assert_eq!(
            found.len(),
            1,
            "{code}: expected the warning once, got {:?}",
            all.iter().map(|d| (d.code, d.line)).collect::<Vec<_>>()
        );
        let d = found[0];
        assert_eq!(d.severity, Severity::Warning, "{code}");
        assert!(d.line > 0, "{code}: no line");
        let line = text.lines().nth(d.line - 1).unwrap_or("");
        assert!(
            line.contains(on_line),
            "{code}: points at line {}: `{line}`, expected the line with `{on_line}`",
            d.line
        );
        assert!(!d.message.is_empty());
    }
}
