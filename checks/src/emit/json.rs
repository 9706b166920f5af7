//! JSON output, `"version": 1`: [`crate::result::ScanResult`] serialised. Documented in
//! docs/json-output.md; its JSON Schema is docs/json-output.schema.json.

use crate::Analysis;
use crate::result::ScanResult;

pub use crate::result::VERSION;

pub fn render(a: &Analysis) -> String {
    let mut s = serde_json::to_string_pretty(&ScanResult::from_analysis(a)).unwrap_or_default();
    s.push('\n');
    s
}
