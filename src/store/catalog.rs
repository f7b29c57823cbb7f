//! The frameworks a person can use: those compiled in, then the user's own
//! files (which win over an embedded one of the same id), then any file named
//! on the command line. Loading the catalog reads only the head of each file
//! (its `id`, which comes before the first table); a framework is read whole
//! and checked when a command first asks for it, so a command costs what the
//! frameworks it uses cost, not what is installed beside them.

use std::cell::OnceCell;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::read::{MAX_FILE_BYTES, parse_framework, read_text};
use crate::error::InputError;
use crate::model::Framework;
use crate::model::text::shown_path;

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
            Source::File(path) => write!(f, "{}", shown_path(path)),
        }
    }
}

/// One framework of the catalog: its id and where it is, read when asked.
#[derive(Debug)]
struct Entry {
    id: String,
    source: Source,
    framework: OnceCell<Result<Framework, anyhow::Error>>,
}

impl Entry {
    fn new(id: String, source: Source) -> Entry {
        Entry {
            id,
            source,
            framework: OnceCell::new(),
        }
    }

    fn loaded(framework: Framework, source: Source) -> Entry {
        Entry {
            id: framework.id.clone(),
            source,
            framework: OnceCell::from(Ok(framework)),
        }
    }

    fn get(&self) -> Result<&Framework, &anyhow::Error> {
        self.framework
            .get_or_init(|| match &self.source {
                Source::Embedded(name) => Ok(parse_framework(
                    Path::new(name),
                    embedded_text(name).unwrap_or_default(),
                )?),
                Source::File(path) => Ok(parse_framework(path, &read_text(path)?)?),
            })
            .as_ref()
    }
}

fn embedded_text(name: &str) -> Option<&'static str> {
    embedded_files()
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

#[derive(Debug, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
    /// User framework files whose id could not be read: reported by
    /// `rungs frameworks`, never fatal for the others.
    unreadable: Vec<anyhow::Error>,
}

impl Catalog {
    /// Embedded frameworks plus every `*.toml` in `user_dir`, by id: only
    /// the head of each file is read here.
    pub fn load(user_dir: &Path) -> Catalog {
        let mut catalog = Catalog::default();
        for (name, text) in embedded_files() {
            match head_id(text.as_bytes()) {
                Some(id) => catalog.insert(Entry::new(id, Source::Embedded(name))),
                None => match parse_framework(Path::new(name), text) {
                    Ok(framework) => {
                        catalog.insert(Entry::loaded(framework, Source::Embedded(name)))
                    }
                    Err(err) => catalog.unreadable.push(err.into()),
                },
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
            match read_head(&path) {
                Ok(Some(id)) => catalog.insert(Entry::new(id, Source::File(path))),
                Ok(None) => {
                    if let Err(err) = catalog.add_file(&path) {
                        catalog.unreadable.push(err);
                    }
                }
                Err(err) => catalog.unreadable.push(err),
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
        self.insert(Entry::loaded(framework, Source::File(path.to_path_buf())));
        id
    }

    fn insert(&mut self, entry: Entry) {
        self.entries.retain(|e| e.id != entry.id);
        self.entries.push(entry);
    }

    fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The framework `id`, read now if it was not yet; `None` when no
    /// framework has that id or its file cannot be loaded.
    pub fn find(&self, id: &str) -> Option<&Framework> {
        self.entry(id)?.get().ok()
    }

    /// The framework `id`: `None` when none has that id, else the framework
    /// or why its file cannot be loaded (and where that file is).
    pub fn lookup(&self, id: &str) -> Option<(Result<&Framework, &anyhow::Error>, &Source)> {
        let entry = self.entry(id)?;
        Some((entry.get(), &entry.source))
    }

    pub fn contains(&self, id: &str) -> bool {
        self.entry(id).is_some()
    }

    pub fn ids(&self) -> Vec<&str> {
        self.entries.iter().map(|e| e.id.as_str()).collect()
    }

    /// Every framework, each read now, with where it comes from; and every
    /// file that could not be loaded (for `rungs frameworks` and the setup).
    pub fn load_all(&self) -> (Vec<(&Framework, &Source)>, Vec<&anyhow::Error>) {
        let mut loaded = Vec::new();
        let mut broken: Vec<&anyhow::Error> = self.unreadable.iter().collect();
        for entry in &self.entries {
            match entry.get() {
                Ok(framework) => loaded.push((framework, &entry.source)),
                Err(err) => broken.push(err),
            }
        }
        (loaded, broken)
    }

    /// A framework named on the command line: an id, or a path to a file.
    pub fn resolve(&mut self, name: &str) -> Result<&Framework> {
        let looks_like_path = name.ends_with(".toml") || name.contains(std::path::MAIN_SEPARATOR);
        let id = if looks_like_path {
            self.add_file(Path::new(name))?
        } else {
            name.to_owned()
        };
        match self.lookup(&id) {
            Some((Ok(framework), _)) => Ok(framework),
            Some((Err(err), source)) => Err(cannot_load(&id, err, source).into()),
            None => Err(self.unknown(&id).into()),
        }
    }

    pub fn unknown(&self, id: &str) -> InputError {
        InputError::new(format!("no framework `{id}`")).hint(format!(
            "frameworks are: {} (see `rungs frameworks`)",
            self.ids().join(", ")
        ))
    }

    /// The only framework, when there is exactly one.
    pub fn single(&self) -> Option<Result<&Framework>> {
        match self.entries.as_slice() {
            [entry] => Some(
                entry
                    .get()
                    .map_err(|err| cannot_load(&entry.id, err, &entry.source).into()),
            ),
            _ => None,
        }
    }
}

/// The error for a framework whose file is installed but cannot be loaded.
pub fn cannot_load(id: &str, err: &anyhow::Error, source: &Source) -> InputError {
    let first = err.to_string();
    let first = first.lines().next().unwrap_or_default().to_owned();
    InputError::new(format!(
        "framework `{id}` is installed, but its file cannot be loaded: {first}"
    ))
    .hint(format!(
        "fix {source} (`rungs validate` on it lists every problem)"
    ))
}

/// How much of a framework file is read at most to find its head, before
/// the whole file is read instead.
const HEAD_CHUNK: usize = 64 * 1024;

/// The id in the head of the framework file at `path`, reading no further
/// than its first table; `None` when the head does not tell (the file is
/// then read whole). A path that holds no regular file, or one too large,
/// is an error.
fn read_head(path: &Path) -> Result<Option<String>> {
    let Some((file, meta)) = super::open::open_regular(path)? else {
        return Err(InputError::new(format!("{}: no such file", shown_path(path))).into());
    };
    if meta.len() > MAX_FILE_BYTES {
        // Read whole, it is refused with the reader's own message.
        return Ok(None);
    }
    let mut head = Vec::new();
    let mut reader = file.take(MAX_FILE_BYTES);
    let mut chunk = vec![0; HEAD_CHUNK];
    // Where the line not yet looked at starts.
    let mut line = 0;
    loop {
        let n = reader.read(&mut chunk)?;
        if n == 0 {
            return Ok(None);
        }
        head.extend_from_slice(&chunk[..n]);
        while let Some(len) = head[line..].iter().position(|&b| b == b'\n') {
            if opens_table(&head[line..line + len]) {
                head.truncate(line);
                return Ok(head_id(&head));
            }
            line += len + 1;
        }
    }
}

/// True for a line that opens a table: `[` after blanks.
fn opens_table(line: &[u8]) -> bool {
    line.iter().find(|b| !matches!(b, b' ' | b'\t' | b'\r')) == Some(&b'[')
}

/// Where the first line that opens a table starts.
fn first_table(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if opens_table(line.as_bytes()) {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// The `id` key of a framework file's head (the text before its first
/// table), when that text parses on its own. Cut inside a multi-line string
/// or array, it does not, and the caller reads the whole file instead.
fn head_id(head: &[u8]) -> Option<String> {
    head_string(head, "id")
}

/// The string at top-level `key` in the head of a TOML text (see
/// [`head_id`]): a profile's `framework`, without parsing its ratings.
pub fn head_string(head: &[u8], key: &str) -> Option<String> {
    let text = std::str::from_utf8(head).ok()?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let end = first_table(text).unwrap_or(text.len());
    let table: toml::Table = toml::from_str(&text[..end]).ok()?;
    match table.get(key)? {
        toml::Value::String(value) => Some(value.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_gives_the_id_or_says_it_cannot() {
        let id = |s: &str| head_id(s.as_bytes());
        assert_eq!(
            id("format = 1\nid = \"acme\"\n\n[scale]\nmet_from = 3\n"),
            Some("acme".into())
        );
        assert_eq!(
            id("\u{FEFF}id = \"acme\"\n  [[crafts]]\n"),
            Some("acme".into())
        );
        // Cut inside a multi-line string or array: read whole instead.
        assert_eq!(
            id("description = \"\"\"\n[not a table]\n\"\"\"\nid = \"acme\"\n"),
            None
        );
        assert_eq!(id("matrix = [\n  [1, 2],\n]\nid = \"acme\"\n"), None);
        assert_eq!(id("name = \"no id\"\n[scale]\n"), None);
    }

    #[test]
    fn only_the_framework_asked_for_is_read() {
        let dir = tempfile::tempdir().expect("dir");
        // A head that names `broken`, a body that does not parse.
        std::fs::write(
            dir.path().join("broken.toml"),
            "format = 1\nid = \"broken\"\nname = \"B\"\n[[crafts]]\nid = \n",
        )
        .expect("write");
        let catalog = Catalog::load(dir.path());
        assert_eq!(catalog.ids(), ["vaarst", "broken"]);
        assert!(catalog.find("vaarst").is_some());
        let read = |id: &str| {
            catalog
                .entry(id)
                .is_some_and(|e| e.framework.get().is_some())
        };
        assert!(!read("broken"), "not read until asked for");
        let (result, source) = catalog.lookup("broken").expect("listed");
        let err = result.expect_err("its body is broken");
        let message = cannot_load("broken", err, source).to_string();
        assert!(message.contains("broken.toml:5"), "{message}");
    }

    #[test]
    fn a_head_read_in_pieces_finds_the_first_table_across_them() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("long.toml");
        let padding = format!("# {}\n", "x".repeat(HEAD_CHUNK));
        std::fs::write(
            &path,
            format!("id = \"long\"\n{padding}[scale]\nmet_from = 3\n"),
        )
        .expect("write");
        assert_eq!(read_head(&path).expect("read"), Some("long".into()));
    }
}
