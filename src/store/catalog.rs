//! The frameworks a person can use: those compiled in, then the user's own
//! files (which win over an embedded one of the same id), then any file named
//! on the command line.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::read::{parse_framework, read_text};
use crate::error::InputError;
use crate::model::Framework;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The embedded framework files, by file name.
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    embedded::EMBEDDED
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Embedded(&'static str),
    File(PathBuf),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Embedded(_) => f.write_str("embedded"),
            Source::File(path) => write!(f, "{}", crate::model::text::shown_path(path)),
        }
    }
}

#[derive(Debug, Default)]
pub struct Catalog {
    pub entries: Vec<(Framework, Source)>,
    /// User framework files that could not be loaded: reported, never fatal
    /// for the frameworks that did load.
    pub broken: Vec<anyhow::Error>,
}

impl Catalog {
    /// Embedded frameworks plus every `*.toml` in `user_dir`.
    pub fn load(user_dir: &Path) -> Catalog {
        let mut catalog = Catalog::default();
        for (name, text) in embedded_files() {
            match parse_framework(Path::new(name), text) {
                Ok(framework) => catalog.insert(framework, Source::Embedded(name)),
                Err(err) => catalog.broken.push(err.into()),
            }
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(user_dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        for path in files {
            if let Err(err) = catalog.add_file(&path) {
                catalog.broken.push(err);
            }
        }
        catalog
    }

    /// Loads one framework file into the catalog and returns its id.
    pub fn add_file(&mut self, path: &Path) -> Result<String> {
        let text = read_text(path)?;
        let framework = parse_framework(path, &text)?;
        Ok(self.add_framework(framework, path))
    }

    /// Adds a framework already read from `path`, returning its id.
    pub fn add_framework(&mut self, framework: Framework, path: &Path) -> String {
        let id = framework.id.clone();
        self.insert(framework, Source::File(path.to_path_buf()));
        id
    }

    fn insert(&mut self, framework: Framework, source: Source) {
        self.entries.retain(|(f, _)| f.id != framework.id);
        self.entries.push((framework, source));
    }

    pub fn find(&self, id: &str) -> Option<&Framework> {
        self.entries.iter().map(|(f, _)| f).find(|f| f.id == id)
    }

    pub fn ids(&self) -> Vec<&str> {
        self.entries.iter().map(|(f, _)| f.id.as_str()).collect()
    }

    /// A framework named on the command line: an id, or a path to a file.
    pub fn resolve(&mut self, name: &str) -> Result<&Framework> {
        let looks_like_path = name.ends_with(".toml") || name.contains(std::path::MAIN_SEPARATOR);
        let id = if looks_like_path {
            self.add_file(Path::new(name))?
        } else {
            name.to_owned()
        };
        self.find(&id).ok_or_else(|| self.unknown(&id).into())
    }

    pub fn unknown(&self, id: &str) -> InputError {
        InputError::new(format!("no framework `{id}`")).hint(format!(
            "frameworks are: {} (see `rungs frameworks`)",
            self.ids().join(", ")
        ))
    }

    /// The only framework, when there is exactly one.
    pub fn single(&self) -> Option<&Framework> {
        match self.entries.as_slice() {
            [(framework, _)] => Some(framework),
            _ => None,
        }
    }
}
