//! Every broken file gets a located error, and no input makes the loader panic.

use ordos_core::load::{load_bytes, load_path};
use proptest::prelude::*;
use std::path::Path;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/broken");
const SMALL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/small.ron"
);

/// (file, words the message must contain, text on the line the error points at)
const EXPECTED: &[(&str, &str, &str)] = &[
    ("syntax-missing-comma", "Expected", "start:"),
    ("syntax-unclosed", "", ""),
    ("unknown-side", "unknown side `jin`", "\"jin\""),
    ("off-map", "off the map", "(40, 0)"),
    ("impassable", "Yellow River", "(6, 0)"),
    ("negative-men", "", "-500"),
    ("absurd-men", "at most 1000000", "5000000"),
    ("missing-place", "unknown place `kaifeng`", "kaifeng"),
    (
        "bad-legend",
        "'X' at column 5 of row 2 is not in the legend",
        "llllvXYl",
    ),
    ("ragged-rows", "row 2 has 7 hexes", "\"llllvvY\""),
    ("unknown-field", "armys", "armys"),
    ("bad-date", "day 31", "1082-09-31"),
    (
        "hostile-stack",
        "hostile army `xu-xi`",
        "(2, 1), men: (light_horse",
    ),
    (
        "duplicate-id",
        "defined twice",
        "id: \"xu-xi\", name: \"Tangut",
    ),
    ("bad-id", "lowercase ASCII pinyin", "Tangut Army"),
    ("unknown-terrain", "unknown terrain `lava`", "legend"),
    ("historical-unknown-army", "unknown army `liang`", "liang"),
    ("bad-walls", "walls 9", "walls: 9"),
    ("end-before-start", "before start", "end:"),
    (
        "region-unknown-geography",
        "unknown geography `gaul`",
        "\"gaul\"",
    ),
    (
        "region-empty-window",
        "south must be below north",
        "region:",
    ),
    ("region-unknown-site", "no site `camelot`", "camelot"),
    (
        "region-site-on-hand-map",
        "the map is hand-drawn",
        "id: \"yongle\"",
    ),
];

#[test]
fn the_fixture_is_valid() {
    load_path(Path::new(SMALL)).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn every_broken_file_gets_an_error_at_the_right_line() {
    let mut seen = 0;
    for entry in std::fs::read_dir(CORPUS).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let (_, words, on_line) = EXPECTED
            .iter()
            .find(|e| e.0 == name)
            .unwrap_or_else(|| panic!("{name} has no expectation"));
        let text = std::fs::read_to_string(&path).unwrap();
        let errors = load_path(&path).expect_err(&name).0;
        let first = &errors[0];
        let shown = first.to_string();
        assert!(
            shown.starts_with(&format!(
                "{}:{}:{}: ",
                path.display(),
                first.line,
                first.col
            )),
            "{shown}"
        );
        assert!(
            first.message.contains(words),
            "{name}: `{}` lacks `{words}`",
            first.message
        );
        let line = text
            .lines()
            .nth(first.line - 1)
            .unwrap_or_else(|| panic!("{name}: line {} past the end", first.line));
        assert!(
            line.contains(on_line),
            "{name}: {shown}\n  points at line `{line}`, expected one with `{on_line}`"
        );
        seen += 1;
    }
    assert_eq!(seen, EXPECTED.len());
}

#[test]
fn a_missing_file_a_directory_an_empty_file_and_binary_junk_get_clear_errors() {
    let missing = load_path(Path::new("no/such/file.ron"))
        .unwrap_err()
        .to_string();
    assert!(missing.contains("no such file"), "{missing}");
    let dir = load_path(Path::new(CORPUS)).unwrap_err().to_string();
    assert!(dir.contains("is a directory"), "{dir}");
    let empty = load_bytes("empty.ron", b"  \n").unwrap_err().to_string();
    assert!(
        empty.starts_with("empty.ron:1:1: the file is empty"),
        "{empty}"
    );
    let junk = load_bytes("junk.ron", &[0x89, b'P', b'N', b'G', 0, 0xff, 0xfe])
        .unwrap_err()
        .to_string();
    assert!(junk.contains("not a text file"), "{junk}");
    let nul = load_bytes("nul.ron", b"Scenario(\n id: \0")
        .unwrap_err()
        .to_string();
    assert!(nul.starts_with("nul.ron:2:6: not a text file"), "{nul}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the bytes, loading returns a result, never a panic.
    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = load_bytes("fuzz.ron", &bytes);
    }

    /// Damaging a valid file anywhere gives a result, never a panic, and errors point inside it.
    #[test]
    fn damaging_a_valid_file_never_panics(cut in 0usize..2000, insert in "[a-z(),:\"0-9 -]{0,8}") {
        let text = std::fs::read_to_string(SMALL).unwrap();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let damaged = format!("{}{}{}", &text[..at], insert, &text[(at + 3).min(text.len())..]);
        if let Err(e) = load_bytes("damaged.ron", damaged.as_bytes()) {
            let lines = damaged.lines().count().max(1);
            for err in e.0 {
                prop_assert!(err.line >= 1 && err.line <= lines + 1, "{err}");
            }
        }
    }
}
