//! Finding where a field of a parsed RON file was written, so that a semantic error (an unknown
//! id, an army off the map) can be reported at `file:line:col` like a syntax error.

use std::cell::RefCell;
use std::collections::BTreeMap;

/// Where a field lookup started (offset, depth) and the field's name.
type FieldKey = (usize, u32, &'static str);

/// One step of a path into a RON value: a struct field or a list element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Field(&'static str),
    Index(usize),
}

/// A line and column, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// The source text with, for every byte, how deeply it is nested and whether it is code.
///
/// Every look-up is remembered, so that locating one error per element of a long list (every
/// row of a big map, every army of a large order of battle) costs time in proportion to the
/// file, not to the file times the list.
pub struct Source<'a> {
    text: &'a str,
    depth: Vec<u32>,
    /// False inside strings and comments.
    code: Vec<bool>,
    comment: Vec<bool>,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
    fields: RefCell<BTreeMap<FieldKey, Option<usize>>>,
    /// The start of every element of the list whose `[` is at the key.
    items: RefCell<BTreeMap<usize, Vec<usize>>>,
    ends: RefCell<BTreeMap<(usize, u32), usize>>,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        let mut depth = vec![0; b.len()];
        let mut code = vec![true; b.len()];
        let mut comment = vec![false; b.len()];
        let (mut d, mut i) = (0u32, 0usize);
        while i < b.len() {
            match b[i] {
                b'"' => {
                    let start = i;
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                    mark(&mut code, &mut depth, start, i + 1, d);
                }
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    let start = i;
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                    mark(&mut code, &mut depth, start, i, d);
                    comment[start..i].fill(true);
                    continue;
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    let start = i;
                    while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                        i += 1;
                    }
                    mark(&mut code, &mut depth, start, i + 2, d);
                    comment[start..(i + 2).min(b.len())].fill(true);
                    i += 1;
                }
                b'(' | b'[' | b'{' => {
                    depth[i] = d;
                    d += 1;
                }
                b')' | b']' | b'}' => {
                    depth[i] = d;
                    d = d.saturating_sub(1);
                }
                _ => depth[i] = d,
            }
            i += 1;
        }
        let line_starts = std::iter::once(0)
            .chain(
                b.iter()
                    .enumerate()
                    .filter(|(_, c)| **c == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        Source {
            text,
            depth,
            code,
            comment,
            line_starts,
            fields: RefCell::default(),
            items: RefCell::default(),
            ends: RefCell::default(),
        }
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char(self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let col = self.text[start..offset].chars().count() + 1;
        LineCol { line, col }
    }

    /// The byte offset where the value at `path` starts, or of the deepest part of it found.
    pub fn find(&self, path: &[Seg]) -> usize {
        let b = self.text.as_bytes();
        // The root value: skip an optional struct name to its opening parenthesis.
        let mut pos = self.skip_ws(0);
        let mut vdepth = 0u32;
        let mut end = b.len();
        for seg in path {
            let found = match seg {
                Seg::Field(name) => self.field(pos, end, vdepth + 1, name),
                Seg::Index(n) => self.item(pos, end, vdepth + 1, *n),
            };
            let Some(start) = found else { break };
            pos = start;
            vdepth += 1;
            end = self.value_end(pos, vdepth);
        }
        pos
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        let b = self.text.as_bytes();
        while i < b.len() && (b[i].is_ascii_whitespace() || self.comment[i]) {
            i += 1;
        }
        i
    }

    /// Where the value starting at `start` ends: the next separator or closer of its container.
    fn value_end(&self, start: usize, vdepth: u32) -> usize {
        if let Some(e) = self.ends.borrow().get(&(start, vdepth)) {
            return *e;
        }
        let b = self.text.as_bytes();
        let end = (start + 1..b.len())
            .find(|&i| {
                self.code[i] && self.depth[i] == vdepth && matches!(b[i], b',' | b')' | b']' | b'}')
            })
            .unwrap_or(b.len());
        self.ends.borrow_mut().insert((start, vdepth), end);
        end
    }

    fn field(&self, from: usize, to: usize, depth: u32, name: &'static str) -> Option<usize> {
        if let Some(found) = self.fields.borrow().get(&(from, depth, name)) {
            return *found;
        }
        let found = self.scan_field(from, to, depth, name);
        self.fields.borrow_mut().insert((from, depth, name), found);
        found
    }

    fn scan_field(&self, from: usize, to: usize, depth: u32, name: &str) -> Option<usize> {
        let b = self.text.as_bytes();
        let n = name.len();
        let mut i = from;
        while i + n <= to.min(b.len()) {
            let is_match = self.code[i]
                && self.depth[i] == depth
                && &b[i..i + n] == name.as_bytes()
                && (i == 0 || !is_ident(b[i - 1]))
                && b.get(i + n).is_none_or(|c| !is_ident(*c));
            if is_match {
                let j = self.skip_ws(i + n);
                if b.get(j) == Some(&b':') {
                    return Some(self.skip_ws(j + 1));
                }
            }
            i += 1;
        }
        None
    }

    fn item(&self, from: usize, to: usize, depth: u32, n: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let open = (from..to.min(b.len())).find(|&i| self.code[i] && b[i] == b'[')?;
        if let Some(starts) = self.items.borrow().get(&open) {
            return starts.get(n).copied();
        }
        let mut starts = vec![self.skip_ws(open + 1)];
        for (i, &c) in b.iter().enumerate().take(to.min(b.len())).skip(open + 1) {
            if self.code[i] && self.depth[i] == depth && c == b',' {
                starts.push(self.skip_ws(i + 1));
            }
        }
        let found = starts.get(n).copied();
        self.items.borrow_mut().insert(open, starts);
        found
    }
}

fn mark(code: &mut [bool], depth: &mut [u32], from: usize, to: usize, d: u32) {
    let to = to.min(code.len());
    for i in from..to {
        code[i] = false;
        depth[i] = d;
    }
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Scenario(\n  id: \"x\",\n  armies: [\n    (id: \"a\", men: (foot: 1)),\n    // a comment, with: commas\n    (id: \"b\", men: (foot: 2), hex: (3, 4)),\n  ],\n)\n";

    #[test]
    fn finds_fields_inside_list_items() {
        let src = Source::new(TEXT);
        let at = src.find(&[Seg::Field("armies"), Seg::Index(1), Seg::Field("hex")]);
        assert_eq!(src.line_col(at), LineCol { line: 6, col: 36 });
        let at = src.find(&[Seg::Field("armies"), Seg::Index(0), Seg::Field("men")]);
        assert_eq!(src.line_col(at), LineCol { line: 4, col: 20 });
    }

    #[test]
    fn falls_back_to_the_deepest_part_found() {
        let src = Source::new(TEXT);
        let at = src.find(&[Seg::Field("armies"), Seg::Index(7), Seg::Field("hex")]);
        assert_eq!(src.line_col(at).line, 3);
    }
}
