//! What loading a scenario found wrong with it: errors (it cannot be played) and warnings (it
//! can, but probably not as its author meant), each at `file:line:col` with the field it is
//! about.

use crate::load::locate::{Seg, Source};
use serde::Serialize;
use std::fmt;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Validates, but will probably play differently from what the author meant.
    Warning,
    /// The scenario cannot be played.
    Error,
}

/// One finding in one file, at a place in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    /// Line and column, from 1; 0 when the scenario was not read from text.
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    /// A short name for the kind of finding (`garrison-off-its-place`), for editors and tools.
    pub code: &'static str,
    /// The field it is about, as a path: `armies[2].hex`.
    pub field: String,
    pub message: String,
}

/// The old name: every error is a diagnostic of severity `Error`.
pub type ScenarioError = Diagnostic;

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        if self.line == 0 {
            write!(f, "{} ({}): {level}{}", self.file, self.field, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {level}{}",
                self.file, self.line, self.col, self.message
            )
        }
    }
}

impl std::error::Error for Diagnostic {}

/// Every error found in one file (never empty when returned as an error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioErrors(pub Vec<Diagnostic>);

impl fmt::Display for ScenarioErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioErrors {}

impl ScenarioErrors {
    /// One error about the whole file, at its start.
    pub fn whole(file: &str, message: impl Into<String>) -> ScenarioErrors {
        ScenarioErrors(vec![Diagnostic {
            file: file.into(),
            line: 1,
            col: 1,
            severity: Severity::Error,
            code: "file",
            field: String::new(),
            message: message.into(),
        }])
    }
}

/// Collects findings about one file, locating each in its text where there is one.
pub(crate) struct Findings<'a> {
    pub file: &'a str,
    source: Option<Source<'a>>,
    pub found: Vec<Diagnostic>,
}

impl<'a> Findings<'a> {
    pub fn new(file: &'a str, text: Option<&'a str>) -> Findings<'a> {
        Findings {
            file,
            source: text.map(Source::new),
            found: Vec::new(),
        }
    }

    pub fn errors(&self) -> usize {
        self.found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// An error about the field at `path`.
    pub fn err(&mut self, path: &[Seg], message: impl Into<String>) {
        self.push(path, Severity::Error, "invalid", message.into());
    }

    /// A warning about the field at `path`.
    pub fn warn(&mut self, path: &[Seg], code: &'static str, message: impl Into<String>) {
        self.push(path, Severity::Warning, code, message.into());
    }

    /// An error at a byte offset of the text (or at the field, with no text).
    pub fn err_at_offset(&mut self, path: &[Seg], offset: usize, message: impl Into<String>) {
        let (line, col) = match &self.source {
            Some(src) => {
                let lc = src.line_col(offset);
                (lc.line, lc.col)
            }
            None => (0, 0),
        };
        self.found.push(Diagnostic {
            file: self.file.into(),
            line,
            col,
            severity: Severity::Error,
            code: "invalid",
            field: field_path(path),
            message: message.into(),
        });
    }

    /// The byte offset where the field at `path` is written, if there is a text.
    pub fn offset(&self, path: &[Seg]) -> Option<usize> {
        self.source.as_ref().map(|s| s.find(path))
    }

    fn push(&mut self, path: &[Seg], severity: Severity, code: &'static str, message: String) {
        let (line, col) = match &self.source {
            Some(src) => {
                let lc = src.line_col(src.find(path));
                (lc.line, lc.col)
            }
            None => (0, 0),
        };
        self.found.push(Diagnostic {
            file: self.file.into(),
            line,
            col,
            severity,
            code,
            field: field_path(path),
            message,
        });
    }
}

/// `armies[2].hex` for a path into the file.
pub fn field_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}
