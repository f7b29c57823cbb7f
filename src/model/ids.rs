//! Ids of frameworks, crafts, levels, areas and statements, and the
//! `LEVEL/AREA/STATEMENT` key a rating names its statement by.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

/// `[a-z0-9][a-z0-9-]*`: safe in paths, keys and URLs, and easy to type.
pub fn is_valid_id(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
}

/// An id made from a name: lowercase letters and digits, other runs become one
/// dash. Accented Latin letters lose their accents; other scripts are dropped.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => c,
    }
}

/// Where a rating points: `LEVEL/AREA/STATEMENT`, the ids of a statement of
/// an area of a level of the profile's craft. Every rating, undo step, search
/// hit and cursor memory is addressed by one, never by a position, so that
/// nothing changes meaning when the screen shows another level. Cheap to
/// clone (shared text) and looked up in maps by `&str`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StatementKey(Arc<str>);

impl StatementKey {
    pub fn new(level: &str, area: &str, statement: &str) -> Self {
        StatementKey(format!("{level}/{area}/{statement}").into())
    }

    /// Parses `LEVEL/AREA/STATEMENT`; `None` unless all three parts are valid ids.
    pub fn parse(s: &str) -> Option<StatementKey> {
        is_statement_key(s).then(|| StatementKey(s.into()))
    }

    /// The key a rating in a file names, as written, valid or not: an
    /// index holds every rating, and `Profile::check` reports the invalid.
    pub(crate) fn as_written(s: &str) -> StatementKey {
        StatementKey(s.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn part(&self, n: usize) -> &str {
        self.0.split('/').nth(n).unwrap_or("")
    }

    pub fn level(&self) -> &str {
        self.part(0)
    }

    pub fn area(&self) -> &str {
        self.part(1)
    }

    pub fn statement(&self) -> &str {
        self.part(2)
    }
}

/// True for `LEVEL/AREA/STATEMENT` made of three valid ids, checked without allocating.
pub fn is_statement_key(s: &str) -> bool {
    let mut parts = s.split('/');
    let three = [parts.next(), parts.next(), parts.next()];
    parts.next().is_none() && three.into_iter().all(|p| p.is_some_and(is_valid_id))
}

impl Borrow<str> for StatementKey {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for StatementKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StatementKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for StatementKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", &*self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for ok in ["vaarst", "level-4", "1", "a-b-c", "0x"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "-a", "A", "a_b", "a b", "a/b", "é"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("DevOps Engineer"), "devops-engineer");
        assert_eq!(
            slug("Infrastructure and Operations"),
            "infrastructure-and-operations"
        );
        assert_eq!(slug("  Café — Crème!  "), "cafe-creme");
        assert_eq!(slug("日本"), "");
    }

    #[test]
    fn statement_keys() {
        let key = StatementKey::parse("level-4/automation/2").expect("valid");
        assert_eq!(key.area(), "automation");
        assert_eq!((key.level(), key.statement()), ("level-4", "2"));
        assert_eq!(key.to_string(), "level-4/automation/2");
        for bad in ["level-4/automation", "a/b/c/d", "a//c", "A/b/c", ""] {
            assert!(StatementKey::parse(bad).is_none(), "{bad}");
        }
    }
}
