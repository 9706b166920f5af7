//! The toy format: a file starting with `# toy-cloud`, then one `bucket NAME [public=VALUE]`
//! per line. Anything else is a located parse error for that file alone.

use super::model::{ToyBucket, ToyCloud};
use cloudsentinel_model::{
    Location, Origin, ParseError, ResourceMeta, SourceDb, State, TextRange, Value,
};
use cloudsentinel_parser::LoadOptions;
use cloudsentinel_parser::frontend::{Candidate, FrontEnd, UnitScope};
use std::path::PathBuf;

pub struct ToyFrontEnd;

pub static TOY: ToyFrontEnd = ToyFrontEnd;

const HEADER: &str = "# toy-cloud";

impl FrontEnd for ToyFrontEnd {
    fn id(&self) -> &'static str {
        "toy"
    }
    fn name(&self) -> &'static str {
        "Toy cloud"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &[".toy"]
    }
    fn unit_scope(&self) -> UnitScope {
        UnitScope::File
    }
    fn claims(&self, file: &Candidate<'_>) -> bool {
        file.text().is_some_and(|t| t.starts_with(HEADER))
    }
    fn load(&self, files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> State {
        let mut state = State::default();
        for path in files {
            let text = opts
                .overlays
                .get(path)
                .cloned()
                .or_else(|| std::fs::read_to_string(path).ok())
                .unwrap_or_default();
            let file = db.add(path.clone(), text.as_str());
            let mut cloud = ToyCloud::default();
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let start = offset;
                offset += line.len();
                let content = line.trim_end();
                let at = |from: usize, len: usize| {
                    Location::new(file, TextRange::new(start + from, start + from + len))
                };
                if content.is_empty() || content.starts_with('#') {
                    continue;
                }
                let mut words = content.split(' ');
                let (Some("bucket"), Some(name)) = (words.next(), words.next()) else {
                    state.parse_errors.push(ParseError {
                        location: at(0, content.len()),
                        message: format!(
                            "expected `bucket NAME [public=VALUE]`, found `{content}`"
                        ),
                    });
                    break; // a bad file yields its error and nothing else
                };
                let resource = ResourceMeta::cloud_independent(
                    format!("toy_bucket.{name}"),
                    Origin::Source(at(0, content.len())),
                );
                let public = match words.next() {
                    None => Value::default_at(false, resource.origin.clone()),
                    Some(setting) => {
                        let from = content.find(setting).unwrap_or(0);
                        let origin = Origin::Source(at(from, setting.len()));
                        match setting.strip_prefix("public=") {
                            Some("true") => Value::explicit(true, origin),
                            Some("false") => Value::explicit(false, origin),
                            _ => Value::unknown(origin),
                        }
                    }
                };
                cloud.buckets.push(ToyBucket { resource, public });
            }
            state.extensions.insert(cloud);
        }
        state
    }
}
