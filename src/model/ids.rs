//! Ids of frameworks, crafts, levels, areas and statements, and the
//! `LEVEL/AREA/STATEMENT` key a rating names its statement by.

use std::fmt;

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

/// Where a rating points: a statement of an area of a level of the profile's craft.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatementKey {
    pub level: String,
    pub area: String,
    pub statement: String,
}

/// The key a profile rates a statement by: `LEVEL/AREA/STATEMENT`.
pub fn statement_key(level: &str, area: &str, statement: &str) -> String {
    format!("{level}/{area}/{statement}")
}

impl StatementKey {
    pub fn new(level: &str, area: &str, statement: &str) -> Self {
        StatementKey {
            level: level.to_owned(),
            area: area.to_owned(),
            statement: statement.to_owned(),
        }
    }

    /// Parses `LEVEL/AREA/STATEMENT`; `None` unless all three parts are valid ids.
    pub fn parse(s: &str) -> Option<StatementKey> {
        let mut parts = s.split('/');
        let (level, area, statement) = (parts.next()?, parts.next()?, parts.next()?);
        let valid = parts.next().is_none() && [level, area, statement].into_iter().all(is_valid_id);
        valid.then(|| StatementKey::new(level, area, statement))
    }
}

impl fmt::Display for StatementKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.level, self.area, self.statement)
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
        assert_eq!(key.area, "automation");
        assert_eq!(key.to_string(), "level-4/automation/2");
        for bad in ["level-4/automation", "a/b/c/d", "a//c", "A/b/c", ""] {
            assert!(StatementKey::parse(bad).is_none(), "{bad}");
        }
    }
}
