//! A small, tolerant reader of JavaScript object literals as data: objects,
//! arrays, strings in any of the three quotes, numbers, `true`/`false`/
//! `null`, comments, trailing commas and unquoted keys. Nothing is ever run:
//! anything that would need running (a call, a spread, `${…}` in a template)
//! is an error that says where it is.

/// A value and the byte offset it starts at.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
    Str(String),
    /// A number, `true`, `false`, `null` or a name, as written.
    Word(String),
}

impl Value {
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Object(_) => "an object",
            Value::Array(_) => "an array",
            Value::Str(_) => "a string",
            Value::Word(_) => "a bare word",
        }
    }
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsError {
    pub offset: usize,
    pub message: String,
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 64;

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

fn err<T>(offset: usize, message: impl Into<String>) -> Result<T, JsError> {
    Err(JsError {
        offset,
        message: message.into(),
    })
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '$'
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    /// Skips whitespace and comments.
    fn space(&mut self) -> Result<(), JsError> {
        loop {
            let rest = self.rest();
            if rest.starts_with("//") {
                self.at += rest.find('\n').unwrap_or(rest.len());
            } else if let Some(comment) = rest.strip_prefix("/*") {
                match comment.find("*/") {
                    Some(end) => self.at += end + 4,
                    None => return err(self.at, "a `/*` comment is not closed"),
                }
            } else if self.peek().is_some_and(char::is_whitespace) {
                self.bump();
            } else {
                return Ok(());
            }
        }
    }

    fn word(&mut self) -> String {
        let start = self.at;
        while self.peek().is_some_and(is_ident) {
            self.bump();
        }
        self.text[start..self.at].to_owned()
    }

    fn string(&mut self, quote: char) -> Result<String, JsError> {
        let start = self.at;
        self.bump();
        let mut out = String::new();
        loop {
            let Some(c) = self.bump() else {
                return err(start, format!("a string opened with {quote} is not closed"));
            };
            match c {
                c if c == quote => return Ok(out),
                '\n' if quote != '`' => {
                    return err(
                        start,
                        format!("a string opened with {quote} is not closed on its line"),
                    );
                }
                '$' if quote == '`' && self.peek() == Some('{') => {
                    return err(
                        self.at - 1,
                        "a template string with `${…}` cannot be read as data",
                    );
                }
                '\\' => out.extend(self.escape(start)?),
                c => out.push(c),
            }
        }
    }

    /// The character an escape stands for, the backslash just read; `None`
    /// for a line continuation. `start` is where the string opened.
    fn escape(&mut self, start: usize) -> Result<Option<char>, JsError> {
        let at = self.at - 1;
        let Some(e) = self.bump() else {
            return err(start, "a string ends in a backslash");
        };
        Ok(Some(match e {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            '0' => '\0',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'v' => '\u{b}',
            '\n' | '\u{2028}' | '\u{2029}' => return Ok(None),
            '\r' => {
                if self.peek() == Some('\n') {
                    self.bump();
                }
                return Ok(None);
            }
            'x' => match self.hex_digits(2, 2) {
                Some(code) => char::from_u32(code).unwrap_or('\u{FFFD}'),
                None => return err(at, "a `\\x` escape needs two hex digits"),
            },
            'u' => self.unicode_escape(at)?,
            other => other,
        }))
    }

    /// `\u{…}` or `\uXXXX` after the `u`, with a surrogate pair read as the
    /// one character it encodes; a lone surrogate, which no Rust string
    /// can hold, becomes U+FFFD.
    fn unicode_escape(&mut self, at: usize) -> Result<char, JsError> {
        let code = if self.peek() == Some('{') {
            self.bump();
            let code = self.hex_digits(1, 6).filter(|&c| c <= 0x10FFFF);
            if code.is_none() || self.bump() != Some('}') {
                return err(
                    at,
                    "a `\\u{…}` escape needs one to six hex digits and a `}`",
                );
            }
            code
        } else {
            self.hex_digits(4, 4)
        };
        let Some(code) = code else {
            return err(at, "a `\\u` escape needs four hex digits or `{…}`");
        };
        if (0xD800..0xDC00).contains(&code) && self.rest().starts_with("\\u") {
            let before = self.at;
            self.at += 2;
            match self.hex_digits(4, 4) {
                Some(low @ 0xDC00..0xE000) => {
                    let pair = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    return Ok(char::from_u32(pair).unwrap_or('\u{FFFD}'));
                }
                _ => self.at = before,
            }
        }
        Ok(char::from_u32(code).unwrap_or('\u{FFFD}'))
    }

    /// `min` to `max` hex digits as a number, consumed; `None` (nothing
    /// consumed) when fewer than `min` are there.
    fn hex_digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let digits = self
            .rest()
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_hexdigit)
            .count();
        if digits < min {
            return None;
        }
        let code = u32::from_str_radix(&self.rest()[..digits], 16).ok()?;
        self.at += digits;
        Some(code)
    }

    fn value(&mut self, depth: usize) -> Result<Node, JsError> {
        self.space()?;
        let offset = self.at;
        if depth > MAX_DEPTH {
            return err(offset, "the object nests too deeply");
        }
        let value = match self.peek() {
            None => return err(offset, "the text ends where a value should be"),
            Some('{') => self.object(depth)?,
            Some('[') => self.array(depth)?,
            Some(q @ ('"' | '\'' | '`')) => Value::Str(self.string(q)?),
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => {
                let start = self.at;
                while self.peek().is_some_and(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_')
                }) {
                    self.bump();
                }
                Value::Word(self.text[start..self.at].to_owned())
            }
            Some(c) if is_ident_start(c) => {
                let word = self.word();
                self.space()?;
                if matches!(self.peek(), Some('(' | '.' | '[')) {
                    return err(offset, format!("`{word}…` is code, not data"));
                }
                Value::Word(word)
            }
            Some(c) => return err(offset, format!("`{c}` cannot start a value")),
        };
        Ok(Node { value, offset })
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsError> {
        let open = self.at;
        self.bump();
        let mut entries = Vec::new();
        loop {
            self.space()?;
            let key_at = self.at;
            let key = match self.peek() {
                None => return err(open, "this `{` is not closed"),
                Some('}') => {
                    self.bump();
                    return Ok(Value::Object(entries));
                }
                Some(q @ ('"' | '\'' | '`')) => self.string(q)?,
                Some(c) if is_ident(c) => self.word(),
                Some('.') => return err(key_at, "a spread `...` is code, not data"),
                Some('[') => return err(key_at, "a computed key `[…]` is code, not data"),
                Some(c) => return err(key_at, format!("`{c}` cannot start a key")),
            };
            self.space()?;
            match self.peek() {
                Some(':') => {
                    self.bump();
                }
                Some(',' | '}') => {
                    return err(
                        key_at,
                        format!("`{key}` has no value (a shorthand property is code, not data)"),
                    );
                }
                _ => return err(self.at, format!("a `:` should follow the key `{key}`")),
            }
            let value = self.value(depth + 1)?;
            entries.push((key, value));
            self.space()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some('}') => {}
                None => return err(open, "this `{` is not closed"),
                Some(c) => {
                    return err(
                        self.at,
                        format!("a `,` or `}}` should come here, not `{c}`"),
                    );
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsError> {
        let open = self.at;
        self.bump();
        let mut items = Vec::new();
        loop {
            self.space()?;
            match self.peek() {
                None => return err(open, "this `[` is not closed"),
                Some(']') => {
                    self.bump();
                    return Ok(Value::Array(items));
                }
                Some(',') => return err(self.at, "an empty place in an array"),
                _ => {}
            }
            items.push(self.value(depth + 1)?);
            self.space()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(']') => {}
                None => return err(open, "this `[` is not closed"),
                Some(c) => {
                    return err(self.at, format!("a `,` or `]` should come here, not `{c}`"));
                }
            }
        }
    }

    /// Steps over one token that is not the one sought: a string, a comment,
    /// a word or one character.
    fn skip_token(&mut self) -> Result<Option<String>, JsError> {
        self.space()?;
        match self.peek() {
            None => Ok(None),
            Some(q @ ('"' | '\'' | '`')) => {
                // A string before the object is stepped over as best it can.
                if self.string(q).is_err() {
                    self.bump();
                }
                Ok(Some(String::new()))
            }
            Some(c) if is_ident_start(c) => Ok(Some(self.word())),
            Some(_) => {
                self.bump();
                Ok(Some(String::new()))
            }
        }
    }
}

/// The object literal assigned to (or keyed by) `name`: `const name = {…}`,
/// `const name: Type = {…}` or `name: {…}`.
pub fn find_object(text: &str, name: &str) -> Result<Node, JsError> {
    let mut p = Parser { text, at: 0 };
    let mut stops = NextStop::default();
    while let Some(token) = p.skip_token()? {
        if token != name {
            continue;
        }
        let after = p.at;
        p.space()?;
        match p.peek() {
            Some('=') if !p.rest().starts_with("==") && !p.rest().starts_with("=>") => {
                p.bump();
            }
            Some(':') => {
                p.bump();
                p.space()?;
                if p.peek() != Some('{') {
                    // A type annotation: on to its `=` on this statement.
                    let stop = stops.from(text, p.at);
                    if p.text.as_bytes().get(stop) != Some(&b'=') {
                        p.at = after;
                        continue;
                    }
                    p.at = stop + 1;
                }
            }
            _ => continue,
        }
        p.space()?;
        if p.peek() != Some('{') {
            p.at = after;
            continue;
        }
        return p.value(0);
    }
    err(0, format!("no `{name} = {{…}}` object in the file"))
}

/// Where the next `=` or `;` is, remembered: the name can come back a
/// hundred thousand times with no `=` after it (`tracks: x tracks: x …`),
/// and searching the rest of the text each time would be quadratic. Asked
/// from ever later places, each byte is searched once.
#[derive(Default)]
struct NextStop {
    searched_from: usize,
    /// The stop found from `searched_from`: the text's end when there is none.
    found: Option<usize>,
}

impl NextStop {
    fn from(&mut self, text: &str, at: usize) -> usize {
        match self.found {
            Some(found) if self.searched_from <= at && at <= found => found,
            _ => {
                let found = text[at..].find(['=', ';']).map_or(text.len(), |i| at + i);
                self.searched_from = at;
                self.found = Some(found);
                found
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::Str(v.to_owned())
    }

    #[test]
    fn reads_tolerant_literals() {
        let text = "// tracks in a comment = {}\nconst x = 'tracks'\nexport const tracks: Tracks = {\n  A: { 'b': \"two\", `c`: [`x`, 'y',], /* note */ d: 4, e: true, },\n  \"F\": {},\n} as const";
        let node = find_object(text, "tracks").expect("parses");
        let a = node.get("A").expect("A");
        assert_eq!(a.get("b").map(|n| &n.value), Some(&s("two")));
        let Some(Value::Array(items)) = a.get("c").map(|n| &n.value) else {
            panic!("c is an array")
        };
        let items: Vec<&Value> = items.iter().map(|n| &n.value).collect();
        assert_eq!(items, [&s("x"), &s("y")]);
        assert_eq!(&text[items_offset(a)..items_offset(a) + 3], "`x`");
        assert_eq!(a.get("d").map(|n| &n.value), Some(&Value::Word("4".into())));
        assert!(node.get("F").is_some());
    }

    fn items_offset(a: &Node) -> usize {
        match a.get("c").map(|n| &n.value) {
            Some(Value::Array(items)) => items[0].offset,
            _ => 0,
        }
    }

    #[test]
    fn escapes() {
        let node = find_object(
            r#"tracks = { a: "q\"\u0041\u{1F642}\x41\n", b: 'it\'s' }"#,
            "tracks",
        )
        .expect("parses");
        assert_eq!(node.get("a").map(|n| &n.value), Some(&s("q\"A🙂A\n")));
        assert_eq!(node.get("b").map(|n| &n.value), Some(&s("it's")));
    }

    #[test]
    fn escapes_next_to_multibyte_text_are_read_or_refused_never_cut() {
        let node = find_object(
            r#"tracks = { a: "é\u{e9}日\u{65E5}\u00e9\uD83D\uDE42\uD83D!\u{10FFFF}\x41é" }"#,
            "tracks",
        )
        .expect("parses");
        assert_eq!(
            node.get("a").map(|n| &n.value),
            Some(&s("éé日日é🙂\u{FFFD}!\u{10FFFF}Aé"))
        );
        for (text, says) in [
            // Each used to cut a multi-byte character in half and panic.
            (
                "tracks = { a: \"\\u{日本語}\u{1b}]0;x\u{7}\" }",
                "`\\u{…}` escape",
            ),
            ("tracks = { a: \"\\u{1234567é}\" }", "`\\u{…}` escape"),
            ("tracks = { a: \"\\u{}\" }", "`\\u{…}` escape"),
            ("tracks = { a: \"\\u{110000}\" }", "`\\u{…}` escape"),
            ("tracks = { a: \"\\u{12\" }", "`\\u{…}` escape"),
            ("tracks = { a: \"\\u12é\" }", "four hex digits"),
            ("tracks = { a: \"\\xé\" }", "two hex digits"),
            ("tracks = { a: \"\\x4\" }", "two hex digits"),
        ] {
            let e = find_object(text, "tracks").expect_err(text);
            assert!(e.message.contains(says), "{text}: {}", e.message);
            assert!(text[e.offset..].starts_with('\\'), "{text}: at the escape");
        }
    }

    #[test]
    fn a_name_repeated_with_no_value_is_stepped_over_to_the_object() {
        let noise = "tracks: x ".repeat(2_000);
        let node = find_object(&format!("{noise}; const tracks = {{ a: 1 }}"), "tracks")
            .expect("the object after the noise");
        assert_eq!(
            node.get("a").map(|n| &n.value),
            Some(&Value::Word("1".into()))
        );
        let typed = find_object(&format!("{noise}= {{ b: 2 }}"), "tracks").expect("typed");
        assert_eq!(
            typed.get("b").map(|n| &n.value),
            Some(&Value::Word("2".into()))
        );
        let e = find_object(&noise, "tracks").expect_err("no object");
        assert!(
            e.message.contains("no `tracks = {…}` object"),
            "{}",
            e.message
        );
    }

    #[test]
    fn code_is_refused_with_a_place() {
        for (text, says) in [
            ("tracks = { a: f(1) }", "code, not data"),
            ("tracks = { ...other }", "spread"),
            ("tracks = { [k]: 1 }", "computed key"),
            ("tracks = { a: `x${y}` }", "template"),
            ("tracks = { a: 'open }", "not closed"),
            ("tracks = { a: 1 ", "not closed"),
            ("tracks = { a }", "shorthand"),
            ("const other = {}", "no `tracks"),
        ] {
            let e = find_object(text, "tracks").expect_err(text);
            assert!(e.message.contains(says), "{text}: {}", e.message);
        }
        let deep = format!("tracks = {{a: {}{}}}", "[".repeat(100), "]".repeat(100));
        assert!(find_object(&deep, "tracks").is_err());
    }
}
