//! `csv`: a spreadsheet saved as CSV or TSV. The header says the layout:
//! *long* (one statement a row: `craft, level, rank, area, statement` and
//! optional `statement_id, craft_name, level_title, area_name, summary`) or
//! *grid* (the first column names the level, an optional `rank` column, then
//! one column per area whose cells hold that level's statements as lines or
//! `•`/`-` bullets). The separator (`,`, `;` or tab) is the one the header
//! line uses most.

use std::collections::HashMap;
use std::path::Path;

use super::tree::{AreaAt, Draft, LevelAt, Lines, error_at, id_of, text_of};
use super::{Options, Source};
use crate::error::{InputError, InputErrors, Location};
use crate::model::Level;

/// Errors reported from one file before reading stops: enough to fix a
/// file by, and the cost of a hostile one stays linear.
const MAX_ERRORS: usize = 100;

/// The separator a header line uses most, outside quotes: `,` by default.
fn sniff(line: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    seps[best]
}

/// A header cell as a column name: lowercase, spaces and dashes as `_`.
fn column_name(cell: &str) -> String {
    cell.trim()
        .trim_matches('"')
        .trim()
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// The column names of a header line, for detection.
pub fn header_cells(line: &str) -> Vec<String> {
    let line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
    let sep = sniff(line) as char;
    line.split(sep).map(column_name).collect()
}

pub fn read(sources: &[Source], options: &Options) -> Result<Draft, InputErrors> {
    let mut draft = Draft::default();
    let mut errors = Vec::new();
    for source in sources {
        if let Err(mut errs) = read_file(source, options, &mut draft) {
            errors.append(&mut errs.0);
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    for craft in &mut draft.tree.crafts {
        craft.levels.sort_by_key(|l| l.rank);
    }
    Ok(draft)
}

/// One record: its cells, its line and the byte offset it starts at.
struct Row {
    cells: Vec<String>,
    line: usize,
    offset: usize,
}

/// Reads the whole file into rows, locating a broken quote. A row's line is
/// found from its byte offset (the csv crate's own line count differs after
/// quoted newlines).
fn rows(path: &Path, text: &str, sep: u8, lines: &Lines<'_>) -> Result<Vec<Row>, InputError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = ::csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // After a CRLF the position can point at its `\n`: step over it.
                let mut offset = record.position().map_or(0, |p| p.byte() as usize);
                while matches!(text.as_bytes().get(offset), Some(b'\r' | b'\n')) {
                    offset += 1;
                }
                rows.push(Row {
                    cells: record.iter().map(str::to_owned).collect(),
                    line: lines.location(offset).line,
                    offset,
                });
            }
            Err(err) => {
                let at = err.position().map_or(Location::START, |p| {
                    Location::of_offset(text, p.byte() as usize)
                });
                return Err(
                    error_at(path, at, format!("the file cannot be read as CSV: {err}"))
                        .hint("save the spreadsheet as CSV (UTF-8)"),
                );
            }
        }
    }
    Ok(rows)
}

struct File<'a> {
    path: &'a Path,
    lines: Lines<'a>,
    text: &'a str,
    sep: u8,
}

impl File<'_> {
    /// Where cell `index` of a row starts.
    fn cell_at(&self, row: &Row, index: usize) -> Location {
        let bytes = self.text.as_bytes();
        let mut at = row.offset;
        let mut quoted = false;
        let mut seen = 0;
        while at < bytes.len() && seen < index {
            match bytes[at] {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => break,
                b if b == self.sep && !quoted => seen += 1,
                _ => {}
            }
            at += 1;
        }
        self.lines.location(at)
    }

    fn error(&self, row: &Row, index: usize, message: impl Into<String>) -> InputError {
        error_at(self.path, self.cell_at(row, index), message)
    }
}

fn read_file(source: &Source, options: &Options, draft: &mut Draft) -> Result<(), InputErrors> {
    let path = source.path.as_path();
    let text = source.text.strip_prefix('\u{FEFF}').unwrap_or(&source.text);
    let header_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let sep = sniff(header_line);
    let lines = Lines::new(text);
    let rows = rows(path, text, sep, &lines)?;
    let file = File {
        path,
        lines,
        text,
        sep,
    };
    let mut rows = rows
        .into_iter()
        .skip_while(|r| r.cells.iter().all(|c| c.trim().is_empty()));
    let Some(header) = rows.next() else {
        return Err(error_at(path, Location::START, "the file has no header row")
            .hint("the first row names the columns: craft, level, rank, area, statement (long) or Level, <area>, <area>… (grid)")
            .into());
    };
    let names: Vec<String> = header.cells.iter().map(|c| column_name(c)).collect();
    let has = |n: &str| names.iter().any(|c| c == n);
    if has("statement") && has("level") && has("area") {
        long(&file, &names, rows, options, draft)
    } else {
        grid(&file, &header, rows, options, draft)
    }
}

/// The craft a file without a craft column goes to: `--craft`, else the file's name.
fn default_craft(path: &Path, options: &Options) -> String {
    options.craft.as_deref().map_or_else(
        || {
            path.file_stem()
                .map(|s| text_of(&s.to_string_lossy()))
                .unwrap_or_default()
        },
        text_of,
    )
}

const LONG_COLUMNS: [&str; 10] = [
    "craft",
    "level",
    "rank",
    "area",
    "statement",
    "statement_id",
    "craft_name",
    "level_title",
    "area_name",
    "summary",
];

fn long(
    file: &File<'_>,
    names: &[String],
    rows: impl Iterator<Item = Row>,
    options: &Options,
    draft: &mut Draft,
) -> Result<(), InputErrors> {
    let column = |name: &str| names.iter().position(|c| c == name);
    let [
        craft_c,
        level_c,
        rank_c,
        area_c,
        statement_c,
        id_c,
        craft_name_c,
        title_c,
        area_name_c,
        summary_c,
    ] = LONG_COLUMNS.map(column);
    for (i, name) in names.iter().enumerate() {
        if !name.is_empty() && !LONG_COLUMNS.contains(&name.as_str()) {
            draft.skip(
                file.path,
                1,
                format!(
                    "column {} (`{name}`) is not one rungs reads; its cells are left out",
                    i + 1
                ),
            );
        }
    }
    let fallback_craft = default_craft(file.path, options);
    let mut errors = Vec::new();
    // The rank each level was first given, and the row that gave it.
    let mut ranks: HashMap<LevelAt, usize> = HashMap::new();
    let mut next_rank: HashMap<usize, u32> = HashMap::new();
    // An area's name, from the first row that gives one: it names the area
    // at every level of its craft.
    let mut area_names: HashMap<(usize, String), String> = HashMap::new();
    for row in rows {
        if errors.len() >= MAX_ERRORS {
            break;
        }
        let cell = |c: Option<usize>| {
            c.and_then(|i| row.cells.get(i))
                .map_or("", |s| s.as_str())
                .trim()
        };
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            draft.skip(file.path, row.line, "an empty row");
            continue;
        }
        if let Some(extra) =
            (names.len()..row.cells.len()).find(|&i| !row.cells[i].trim().is_empty())
        {
            errors.push(
                file.error(
                    &row,
                    extra,
                    format!(
                        "this row has {} cells, the header {}",
                        row.cells.len(),
                        names.len()
                    ),
                )
                .hint("quote a cell that holds the separator, as \"a, b\""),
            );
            continue;
        }
        let statement = text_of(cell(statement_c));
        if statement.is_empty() {
            draft.skip(file.path, row.line, "the row has no statement text");
            continue;
        }
        let (level_name, area_name) = (cell(level_c), cell(area_c));
        if level_name.is_empty() || area_name.is_empty() {
            let which = if level_name.is_empty() {
                "level"
            } else {
                "area"
            };
            draft.skip(file.path, row.line, format!("the row names no {which}"));
            continue;
        }
        let craft_name = match (cell(craft_name_c), cell(craft_c)) {
            ("", "") => fallback_craft.clone(),
            ("", craft) | (craft, _) => text_of(craft),
        };
        let craft_key = match cell(craft_c) {
            "" => craft_name.as_str(),
            key => key,
        };
        let Some(craft_id) = id_of(craft_key) else {
            errors.push(
                file.error(
                    &row,
                    craft_c.unwrap_or(0),
                    format!("no craft id can be made from \"{}\"", text_of(craft_key)),
                )
                .hint("use letters or digits in the craft column, or pass --craft NAME"),
            );
            continue;
        };
        let (Some(level_id), Some(area_id)) = (id_of(level_name), id_of(area_name)) else {
            let (index, what) = if id_of(level_name).is_none() {
                (level_c, "level")
            } else {
                (area_c, "area")
            };
            errors.push(
                file.error(
                    &row,
                    index.unwrap_or(0),
                    format!("no {what} id can be made from this cell"),
                )
                .hint("ids are made of the cell's letters and digits"),
            );
            continue;
        };
        let craft = draft.tree.craft(&craft_id, &craft_name);
        let rank_text = cell(rank_c);
        let rank = if rank_text.is_empty() {
            None
        } else {
            match rank_text.parse::<u32>() {
                Ok(rank) => Some(rank),
                Err(_) => {
                    errors.push(
                        file.error(
                            &row,
                            rank_c.unwrap_or(0),
                            format!("rank `{}` is not a whole number", text_of(rank_text)),
                        )
                        .hint("ranks are whole numbers, higher is more senior"),
                    );
                    continue;
                }
            }
        };
        let level =
            match draft.tree.find_level(craft, &level_id) {
                Some(at) => {
                    let has = draft.tree.level_mut(at).rank;
                    if let Some(rank) = rank.filter(|&r| r != has && rank_c.is_some()) {
                        let first = ranks.get(&at).copied().unwrap_or(1);
                        errors.push(file.error(&row, rank_c.unwrap_or(0), format!(
                        "level `{level_id}` has rank {rank} here and {has} on line {first}"
                    )).hint("give a level the same rank on every row"));
                        continue;
                    }
                    at
                }
                None => {
                    let counter = next_rank.entry(craft).or_insert(0);
                    *counter += 1;
                    let rank = rank.unwrap_or(*counter);
                    if let Some(other) = draft.tree.level_with_rank(craft, rank, &level_id) {
                        errors.push(file.error(&row, rank_c.unwrap_or(0), format!(
                        "levels `{}` and `{level_id}` of craft `{craft_id}` both have rank {rank}",
                        other.id
                    )).hint("give each level of a craft its own rank"));
                        continue;
                    }
                    let title = match cell(title_c) {
                        "" => text_of(level_name),
                        title => text_of(title),
                    };
                    let at = draft.tree.add_level(
                        craft,
                        Level {
                            id: level_id.clone(),
                            rank,
                            title,
                            summary: None,
                            focus: None,
                            areas: Vec::new(),
                        },
                    );
                    ranks.insert(at, row.line);
                    at
                }
            };
        let summary = cell(summary_c);
        if !summary.is_empty() {
            let level = draft.tree.level_mut(level);
            if level.summary.is_none() {
                level.summary = Some(text_of(summary));
            }
        }
        let area_title = match cell(area_name_c) {
            "" => area_names
                .get(&(craft, area_id.clone()))
                .cloned()
                .unwrap_or_else(|| text_of(area_name)),
            name => {
                let name = text_of(name);
                area_names
                    .entry((craft, area_id.clone()))
                    .or_insert_with(|| name.clone());
                name
            }
        };
        let area = draft.tree.area(level, &area_id, &area_title);
        match cell(id_c) {
            "" => draft.tree.push_numbered(area, statement, None),
            id => {
                let Some(id) = id_of(id) else {
                    errors.push(file.error(
                        &row,
                        id_c.unwrap_or(0),
                        "no statement id can be made from this cell",
                    ));
                    continue;
                };
                if !draft.tree.push_with_id(area, id.clone(), statement, None) {
                    errors.push(file.error(&row, id_c.unwrap_or(0), format!(
                        "statement id `{id}` is used twice in area `{area_id}` of level `{level_id}`"
                    )).hint("give each statement of an area its own id"));
                }
            }
        }
    }
    // Areas met before the row that names them take that name too.
    if !area_names.is_empty() {
        for (c, craft) in draft.tree.crafts.iter_mut().enumerate() {
            for area in craft.levels.iter_mut().flat_map(|l| l.areas.iter_mut()) {
                if let Some(name) = area_names.get(&(c, area.id.clone())) {
                    area.name.clone_from(name);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(InputErrors(errors))
    }
}

/// A grid cell's statements: its lines, and the pieces between `•` bullets,
/// each without a leading `-`, `*` or `•` bullet.
fn cell_statements(cell: &str) -> Vec<String> {
    cell.lines()
        .flat_map(|line| line.split('•'))
        .map(|piece| {
            let piece = piece.trim();
            let piece = piece
                .strip_prefix("- ")
                .or_else(|| piece.strip_prefix("* "))
                .unwrap_or(if piece == "-" || piece == "*" {
                    ""
                } else {
                    piece
                });
            text_of(piece)
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn grid(
    file: &File<'_>,
    header: &Row,
    rows: impl Iterator<Item = Row>,
    options: &Options,
    draft: &mut Draft,
) -> Result<(), InputErrors> {
    let rank_c = header
        .cells
        .iter()
        .position(|c| column_name(c) == "rank")
        .filter(|&i| i > 0);
    let mut areas: Vec<(usize, String, String)> = Vec::new();
    let mut area_ids = std::collections::HashSet::new();
    let mut is_area = vec![false; header.cells.len()];
    let mut errors = Vec::new();
    for (i, cell) in header.cells.iter().enumerate().skip(1) {
        if Some(i) == rank_c || errors.len() >= MAX_ERRORS {
            continue;
        }
        let name = text_of(cell);
        if name.is_empty() {
            continue;
        }
        match id_of(&name) {
            Some(id) if !area_ids.insert(id.clone()) => errors.push(
                file.error(header, i, format!("two columns make area `{id}`"))
                    .hint("give each area column its own name"),
            ),
            Some(id) => {
                is_area[i] = true;
                areas.push((i, id, name));
            }
            None => errors.push(
                file.error(header, i, "no area id can be made from this column's name")
                    .hint("name area columns with letters or digits"),
            ),
        }
    }
    if areas.is_empty() {
        return Err(error_at(file.path, Location { line: header.line, column: 1 }, "the header names no area columns")
            .hint("a grid's first column names the level, the others the areas; a long layout has the columns craft, level, rank, area, statement")
            .into());
    }
    let craft_name = default_craft(file.path, options);
    let Some(craft_id) = id_of(&craft_name) else {
        return Err(
            InputError::new(format!("no craft id can be made from \"{craft_name}\""))
                .hint("name the craft with --craft NAME")
                .into(),
        );
    };
    let craft = draft.tree.craft(&craft_id, &craft_name);
    let mut order = draft.tree.crafts[craft].levels.len() as u32;
    for row in rows {
        if errors.len() >= MAX_ERRORS {
            break;
        }
        let cell = |i: usize| row.cells.get(i).map_or("", |s| s.as_str());
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            draft.skip(file.path, row.line, "an empty row");
            continue;
        }
        let title = text_of(cell(0));
        if title.is_empty() {
            draft.skip(
                file.path,
                row.line,
                "the row names no level in its first cell",
            );
            continue;
        }
        if let Some(extra) =
            (header.cells.len()..row.cells.len()).find(|&i| !row.cells[i].trim().is_empty())
        {
            errors.push(
                file.error(
                    &row,
                    extra,
                    format!(
                        "this row has {} cells, the header {}",
                        row.cells.len(),
                        header.cells.len()
                    ),
                )
                .hint("quote a cell that holds the separator, as \"a, b\""),
            );
            continue;
        }
        for (i, c) in row.cells.iter().enumerate().skip(1) {
            if !c.trim().is_empty()
                && Some(i) != rank_c
                && !is_area.get(i).copied().unwrap_or(false)
            {
                draft.skip(
                    file.path,
                    row.line,
                    format!("cell {} is under a column with no name", i + 1),
                );
            }
        }
        let Some(level_id) = id_of(&title) else {
            errors.push(
                file.error(&row, 0, "no level id can be made from this cell")
                    .hint("name levels with letters or digits"),
            );
            continue;
        };
        order += 1;
        let rank = match rank_c.map(|i| cell(i).trim()) {
            None | Some("") => order,
            Some(text) => match text.parse::<u32>() {
                Ok(rank) => rank,
                Err(_) => {
                    errors.push(
                        file.error(
                            &row,
                            rank_c.unwrap_or(0),
                            format!("rank `{}` is not a whole number", text_of(text)),
                        )
                        .hint("ranks are whole numbers, higher is more senior"),
                    );
                    continue;
                }
            },
        };
        if draft.tree.find_level(craft, &level_id).is_some() {
            errors.push(
                file.error(&row, 0, format!("level `{level_id}` has two rows"))
                    .hint("give each level one row"),
            );
            continue;
        }
        if let Some(other) = draft.tree.level_with_rank(craft, rank, &level_id) {
            errors.push(
                file.error(
                    &row,
                    rank_c.unwrap_or(0),
                    format!(
                        "levels `{}` and `{level_id}` of craft `{craft_id}` both have rank {rank}",
                        other.id
                    ),
                )
                .hint("give each level its own rank"),
            );
            continue;
        }
        let statements: Vec<(usize, Vec<String>)> = areas
            .iter()
            .enumerate()
            .map(|(k, (i, _, _))| (k, cell_statements(cell(*i))))
            .filter(|(_, s)| !s.is_empty())
            .collect();
        if statements.is_empty() {
            draft.skip(
                file.path,
                row.line,
                format!("level \"{title}\" has no statements"),
            );
            continue;
        }
        let level = draft.tree.add_level(
            craft,
            Level {
                id: level_id,
                rank,
                title,
                summary: None,
                focus: None,
                areas: Vec::new(),
            },
        );
        for (k, texts) in statements {
            let (_, id, name) = &areas[k];
            let area: AreaAt = draft.tree.area(level, id, name);
            for text in texts {
                draft.tree.push_numbered(area, text, None);
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(InputErrors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_sniffed_outside_quotes() {
        assert_eq!(sniff("craft,level,area"), b',');
        assert_eq!(sniff("craft;level;\"a,b,c,d\""), b';');
        assert_eq!(sniff("craft\tlevel\tarea"), b'\t');
        assert_eq!(sniff("one"), b',');
    }

    #[test]
    fn grid_cells_split_at_lines_and_bullets() {
        assert_eq!(
            cell_statements("• One.• Two.\n- Three.\n\n* Four - with a dash.\n-"),
            vec!["One.", "Two.", "Three.", "Four - with a dash."]
        );
    }
}
