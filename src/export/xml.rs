//! Text as HTML and SVG (XML) hold it: the one escaping both pages use.

use crate::model::text::clean;

/// Text safe as HTML or XML content and inside a quoted attribute: the five
/// markup characters become entities, and any control character left (the
/// report has cleaned them already) becomes a visible placeholder, so the
/// output is also well-formed XML. Newlines are kept.
pub fn escape(text: &str) -> String {
    let text = clean(text);
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Not characters in XML, nor in an HTML document.
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape(r#"<script>alert('x')</script> & "q""#),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\nb"), "a\nb", "newlines are kept for notes");
        assert_eq!(escape("bell \u{7} esc \u{1b}"), "bell ␇ esc ␛");
        assert_eq!(escape("\u{FFFF}"), "\u{FFFD}");
    }
}
