//! The note handed to `$VISUAL` / `$EDITOR`, as plain text: the file shows
//! what is being answered (the statement and the rating) in a comment block
//! on top, which is taken off again when the note is read back; and the
//! editor's command, split as a shell would split it.

use super::view::widgets::wrap_words;
use crate::model::text::clean_line;

/// The text written to the editor's file, and the comment block on top of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFile {
    /// What the file holds when the editor opens it.
    pub text: String,
    /// The lines of the comment block, as written.
    header: Vec<String>,
}

/// How wide the comment block is wrapped, and how many lines of the
/// statement it shows at most.
const WIDTH: usize = 72;
const STATEMENT_LINES: usize = 30;

impl NoteFile {
    /// `place` names the statement ("Automation 2"), `rating` says how it
    /// is rated now ("3 Mostly"). Text from the framework is made safe to
    /// show: an editor is a terminal too.
    pub fn new(place: &str, statement: &str, rating: &str, note: &str) -> NoteFile {
        let mut header = vec![format!("# ── rungs: your note on {} ──", clean_line(place))];
        header.push(format!("# Your rating: {}", clean_line(rating)));
        for line in wrap_words(&clean_line(statement), WIDTH - 2, STATEMENT_LINES) {
            header.push(format!("# {line}"));
        }
        header.push("# ── Write below this line; the lines above are taken off. ──".to_owned());
        let mut text = header.join("\n");
        text.push('\n');
        if !note.is_empty() {
            // A text file ends with a line break, as editors write it.
            text.push_str(note);
            text.push('\n');
        }
        NoteFile { text, header }
    }

    /// The note in `edited`, without the comment block: lines at the top
    /// that are lines of the block as written are taken off (the block
    /// edited or partly deleted too), then the blank lines after them. A
    /// note whose own first line merely looks like the block keeps it.
    pub fn read_back<'a>(&self, edited: &'a str) -> &'a str {
        let mut rest = edited;
        let mut took_header = false;
        while let Some(line) = first_line(rest) {
            let bare = line.trim_end_matches(['\n', '\r']).trim_end();
            let is_header = self.header.iter().any(|h| h.trim_end() == bare);
            if !(is_header || took_header && bare.trim().is_empty()) {
                break;
            }
            took_header |= is_header;
            rest = &rest[line.len()..];
        }
        if took_header { rest } else { edited }
    }
}

/// The first line of `text` with its line break, if there is any text.
fn first_line(text: &str) -> Option<&str> {
    if text.is_empty() {
        return None;
    }
    Some(text.split_inclusive('\n').next().unwrap_or(text))
}

/// The editor to run: the program, its arguments, and where it was named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorCommand {
    pub program: String,
    pub args: Vec<String>,
    /// `$VISUAL`, `$EDITOR`, or the default.
    pub from: &'static str,
    /// The command as it was written, for messages.
    pub written: String,
}

/// The editor named by `$VISUAL`, else `$EDITOR`, else `vi`, split into
/// words as a shell would (quotes and backslashes keep spaces in a path).
/// An error says which variable cannot be read, and why.
pub fn editor_command(visual: Option<&str>, editor: Option<&str>) -> Result<EditorCommand, String> {
    let named = [("$VISUAL", visual), ("$EDITOR", editor)]
        .into_iter()
        .find_map(|(from, value)| value.filter(|v| !v.trim().is_empty()).map(|v| (from, v)));
    let (from, written) = named.unwrap_or(("the default", "vi"));
    let mut words = shell_words::split(written)
        .map_err(|_| {
            format!(
                "{from} (`{written}`) has a quote that is never closed: set it to your editor's command"
            )
        })?
        .into_iter();
    let Some(program) = words.next().filter(|p| !p.is_empty()) else {
        return Err(format!(
            "{from} (`{written}`) names no program: set it to your editor's command"
        ));
    };
    Ok(EditorCommand {
        program,
        args: words.collect(),
        from,
        written: written.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(note: &str) -> NoteFile {
        NoteFile::new(
            "Automation 2",
            "I identify opportunities for automation, and apply it.",
            "3 Mostly",
            note,
        )
    }

    #[test]
    fn the_file_shows_the_statement_and_the_rating_above_the_note() {
        let file = file("Wrote the deploy script.");
        assert_eq!(
            file.text,
            "# ── rungs: your note on Automation 2 ──\n\
             # Your rating: 3 Mostly\n\
             # I identify opportunities for automation, and apply it.\n\
             # ── Write below this line; the lines above are taken off. ──\n\
             Wrote the deploy script.\n"
        );
        assert_eq!(file.read_back(&file.text), "Wrote the deploy script.\n");
    }

    #[test]
    fn the_block_is_taken_off_even_when_edited_around() {
        let file = file("");
        let edited = file.text.replace('\n', "\r\n") + "\r\n\r\nFirst line\r\nsecond\r\n";
        assert_eq!(file.read_back(&edited), "First line\r\nsecond\r\n");
        // Lines of the block deleted: the rest of it still goes.
        let partly = "# Your rating: 3 Mostly\nMy note\n";
        assert_eq!(file.read_back(partly), "My note\n");
        // The block deleted whole: the note is all there is.
        assert_eq!(file.read_back("Only my note"), "Only my note");
        assert_eq!(file.read_back(""), "");
    }

    #[test]
    fn a_note_that_starts_like_the_block_keeps_its_own_lines() {
        let own = "# ── rungs: my heading ──\n# Your rating: I disagree\n\nbody";
        let file = file(own);
        assert_eq!(file.read_back(&file.text).trim_end(), own);
        // Even with the block deleted by the person.
        assert_eq!(file.read_back(own), own);
    }

    #[test]
    fn hostile_statement_text_is_shown_safe_in_the_file() {
        let file = NoteFile::new("X 1", "clear \u{1b}[2J\nnext", "not rated", "");
        assert!(!file.text.contains('\u{1b}'), "{:?}", file.text);
        assert_eq!(file.read_back(&file.text), "");
    }

    #[test]
    fn the_editor_is_split_as_a_shell_would() {
        let cmd = editor_command(
            Some(r#""/opt/my editor/bin/ed" --wait -c 'set tw=72'"#),
            None,
        )
        .expect("a command");
        assert_eq!(cmd.program, "/opt/my editor/bin/ed");
        assert_eq!(cmd.args, ["--wait", "-c", "set tw=72"]);
        assert_eq!(cmd.from, "$VISUAL");
        let escaped = editor_command(None, Some(r"/opt/my\ editor/ed")).expect("a command");
        assert_eq!(escaped.program, "/opt/my editor/ed");
        assert_eq!(escaped.from, "$EDITOR");
        let blank = editor_command(Some("  "), Some("nano")).expect("a command");
        assert_eq!((blank.program.as_str(), blank.from), ("nano", "$EDITOR"));
        let default = editor_command(None, None).expect("a command");
        assert_eq!(
            (default.program.as_str(), default.from),
            ("vi", "the default")
        );
    }

    #[test]
    fn an_editor_that_cannot_be_read_says_why() {
        let err = editor_command(Some("'code --wait"), None).expect_err("unclosed quote");
        assert!(
            err.contains("$VISUAL") && err.contains("never closed"),
            "{err}"
        );
        let err = editor_command(None, Some("''")).expect_err("no program");
        assert!(
            err.contains("$EDITOR") && err.contains("names no program"),
            "{err}"
        );
    }
}
