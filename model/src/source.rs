//! Source files, byte ranges and their conversion to lines and columns.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// Index of a file in a [`SourceDb`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct FileId(pub u32);

/// A half-open byte range `[start, end)` in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> Self {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        TextRange { start, end }
    }
    pub fn len(&self) -> u32 {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains_range(&self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn as_range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A range in a specific file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    pub file: FileId,
    pub range: TextRange,
}

impl Location {
    pub fn new(file: FileId, range: TextRange) -> Self {
        Location { file, range }
    }
}

/// A 1-based line and column. `column` counts Unicode scalar values; `column_utf16` counts
/// UTF-16 code units (what LSP clients expect).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
    pub column_utf16: u32,
}

/// Byte offsets of line starts, for offset → line/column conversion.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    /// Multi-byte characters: the offset just past each, with the running totals of bytes
    /// beyond one per character and of UTF-16 units fewer than bytes. Columns are then
    /// found in logarithmic time, even on a minified file that is one long line.
    wide: Vec<(u32, u32, u32)>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        let mut wide = Vec::new();
        if !text.is_ascii() {
            let (mut extra_bytes, mut extra_units) = (0u32, 0u32);
            for (i, c) in text.char_indices() {
                let len = c.len_utf8();
                if len > 1 {
                    extra_bytes += len as u32 - 1;
                    extra_units += (len - c.len_utf16()) as u32;
                    let end = u32::try_from(i + len).unwrap_or(u32::MAX);
                    wide.push((end, extra_bytes, extra_units));
                }
            }
        }
        LineIndex { line_starts, wide }
    }

    /// Bytes beyond one per character, and UTF-16 units fewer than bytes, before `offset`
    /// (a character boundary).
    fn extra_before(&self, offset: u32) -> (u32, u32) {
        let n = self.wide.partition_point(|&(end, _, _)| end <= offset);
        n.checked_sub(1)
            .map_or((0, 0), |i| (self.wide[i].1, self.wide[i].2))
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset of the start of 0-based `line` (clamped).
    pub fn line_start(&self, line: usize) -> u32 {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or_else(|| *self.line_starts.last().unwrap_or(&0))
    }

    /// Converts a byte offset into 1-based line/column. Offsets inside a multi-byte
    /// character, or past the end, are clamped.
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let offset = (offset as usize).min(text.len());
        let line = self.line_of(offset as u32);
        let start = self.line_start(line) as usize;
        let mut end = offset;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let bytes = (end - start) as u32;
        let (bytes_end, units_end) = self.extra_before(end as u32);
        let (bytes_start, units_start) = self.extra_before(start as u32);
        let extra_bytes = bytes_end - bytes_start;
        LineCol {
            line: line as u32 + 1,
            column: bytes - extra_bytes + 1,
            column_utf16: bytes - (units_end - units_start) + 1,
        }
    }

    /// Byte offset of a 0-based line and UTF-16 column (LSP positions), clamped to the line.
    pub fn offset_of_utf16(&self, text: &str, line: usize, col_utf16: u32) -> u32 {
        if line >= self.line_starts.len() {
            return text.len() as u32;
        }
        let start = self.line_start(line) as usize;
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |e| *e as usize);
        let mut units = 0u32;
        for (i, c) in text[start..end].char_indices() {
            if units >= col_utf16 || c == '\n' {
                return (start + i) as u32;
            }
            units += c.len_utf16() as u32;
        }
        end as u32
    }
}

/// One source file: its path as shown to users, its text and line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given or found (relative to the working directory when possible).
    pub path: PathBuf,
    pub text: Arc<str>,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.lines.line_col(&self.text, offset)
    }

    /// The text of 1-based `line` without its line terminator.
    pub fn line_text(&self, line: u32) -> &str {
        let idx = (line as usize).saturating_sub(1);
        if idx >= self.lines.line_count() {
            return "";
        }
        let start = self.lines.line_start(idx) as usize;
        let end = if idx + 1 < self.lines.line_count() {
            self.lines.line_start(idx + 1) as usize
        } else {
            self.text.len()
        };
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// All source files of an analysis, addressed by [`FileId`]. Shared by the threads of a
/// scan: adding and reading take `&self`.
#[derive(Debug, Default)]
pub struct SourceDb {
    files: RwLock<Vec<Arc<SourceFile>>>,
    by_path: RwLock<HashMap<PathBuf, FileId>>,
}

impl SourceDb {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file, or returns the id it already has when the same path was added before
    /// (a module called twice is read once).
    pub fn add(&self, path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> FileId {
        let path = path.into();
        if let Some(id) = self.find(&path) {
            return id;
        }
        let text = text.into();
        let lines = LineIndex::new(&text);
        let mut files = self
            .files
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut by_path = self
            .by_path
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(id) = by_path.get(&path) {
            return *id;
        }
        let id = FileId(files.len() as u32);
        by_path.insert(path.clone(), id);
        files.push(Arc::new(SourceFile { path, text, lines }));
        id
    }

    pub fn get(&self, id: FileId) -> Arc<SourceFile> {
        self.files
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)[id.0 as usize]
            .clone()
    }

    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.by_path
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(path)
            .copied()
    }

    pub fn len(&self) -> usize {
        self.files
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A snapshot of every file, in id order.
    pub fn files(&self) -> Vec<(FileId, Arc<SourceFile>)> {
        self.files
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f.clone()))
            .collect()
    }

    /// Start and end line/column of a location.
    pub fn span(&self, loc: Location) -> (LineCol, LineCol) {
        let f = self.get(loc.file);
        (f.line_col(loc.range.start), f.line_col(loc.range.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_agrees_with_counting_characters_at_every_offset() {
        let text = "a\u{e9}b\n\u{1f600}x\u{4e2d}\n\nend\u{e9}";
        let idx = LineIndex::new(text);
        for offset in 0..=text.len() {
            let mut at = offset;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let line = idx.line_of(at as u32);
            let prefix = &text[idx.line_start(line) as usize..at];
            let lc = idx.line_col(text, offset as u32);
            assert_eq!(lc.column, prefix.chars().count() as u32 + 1, "{offset}");
            assert_eq!(
                lc.column_utf16,
                prefix.encode_utf16().count() as u32 + 1,
                "{offset}"
            );
        }
    }

    #[test]
    fn line_col_counts_chars_and_utf16_units() {
        let text = "a = 1\nb = \"é😀x\"\n";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap() as u32;
        let lc = idx.line_col(text, x);
        assert_eq!(lc.line, 2);
        assert_eq!(lc.column, 8);
        assert_eq!(lc.column_utf16, 9);
        assert_eq!(idx.offset_of_utf16(text, 1, 8), x);
    }

    #[test]
    fn offsets_past_end_and_inside_chars_are_clamped() {
        let text = "é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 1).column, 1);
        assert_eq!(idx.line_col(text, 99).column, 2);
    }

    #[test]
    fn line_text_strips_terminators() {
        let db = SourceDb::new();
        let id = db.add("a.tf", "one\r\ntwo\n");
        assert_eq!(db.get(id).line_text(1), "one");
        assert_eq!(db.get(id).line_text(2), "two");
        assert_eq!(db.get(id).line_text(9), "");
    }
}
