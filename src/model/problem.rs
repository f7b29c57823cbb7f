//! A rule broken by a file, and where in the file's tree it is broken.
//! The store turns the tree path into a line and column.

use std::fmt;

/// One step into a TOML document: a key of a table or an index of an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(&'static str),
    Index(usize),
}

/// A path from the document root, such as `crafts[0].levels[1].id`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreePath(pub Vec<Step>);

impl TreePath {
    pub fn key(&self, key: &'static str) -> TreePath {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key));
        TreePath(steps)
    }

    pub fn at(&self, key: &'static str, index: usize) -> TreePath {
        let mut steps = self.0.clone();
        steps.extend([Step::Key(key), Step::Index(index)]);
        TreePath(steps)
    }
}

impl fmt::Display for TreePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// What is wrong, where, and what would be right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: TreePath,
    pub message: String,
    pub hint: String,
}

impl Problem {
    pub fn new(path: TreePath, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem {
            path,
            message: message.into(),
            hint: hint.into(),
        }
    }
}
