//! `csv`: a spreadsheet saved as CSV or TSV. The header says the layout:
//! *long* (one statement a row: `craft, level, rank, area, statement` and
//! optional `statement_id, craft_name, level_title, area_name, summary`) or
//! *grid* (the first column names the level, an optional `rank` column, then
//! one column per area whose cells hold that level's statements as lines or
//! `•`/`-` bullets). The separator (`,`, `;` or tab) is the one the header
//! line uses most.

use std::collections::HashMap;
use std::path::Path;

use super::tree::{AreaAt, Draft, LevelAt, Lines, bare_level, error_at, id_of, text_of};
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

/// The column names of a header line, for detection: split as the reader
/// splits it, so a quoted cell that holds the separator stays one cell.
pub fn header_cells(line: &str) -> Vec<String> {
    let line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(sniff(line))
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    let mut record = ::csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(column_name).collect(),
        _ => Vec::new(),
    }
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

impl Row {
    fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", |s| s.as_str())
    }

    /// Whether every cell is empty or spaces.
    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
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

    /// A filled cell past the header's `width` is refused: most likely a
    /// separator inside a cell that is not quoted.
    fn no_extra_cells(&self, row: &Row, width: usize) -> Result<(), InputError> {
        let Some(extra) = (width..row.cells.len()).find(|&i| !row.cells[i].trim().is_empty())
        else {
            return Ok(());
        };
        Err(self
            .error(
                row,
                extra,
                format!("this row has {} cells, the header {width}", row.cells.len()),
            )
            .hint("quote a cell that holds the separator, as \"a, b\""))
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
    let mut rows = rows.into_iter().skip_while(Row::is_blank);
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

/// Where each column of the long layout is, if the header has it.
struct LongColumns {
    craft: Option<usize>,
    level: Option<usize>,
    rank: Option<usize>,
    area: Option<usize>,
    statement: Option<usize>,
    id: Option<usize>,
    craft_name: Option<usize>,
    title: Option<usize>,
    area_name: Option<usize>,
    summary: Option<usize>,
    /// How many cells the header has.
    width: usize,
}

impl LongColumns {
    fn of(names: &[String]) -> Self {
        let [
            craft,
            level,
            rank,
            area,
            statement,
            id,
            craft_name,
            title,
            area_name,
            summary,
        ] = LONG_COLUMNS.map(|name| names.iter().position(|c| c == name));
        LongColumns {
            craft,
            level,
            rank,
            area,
            statement,
            id,
            craft_name,
            title,
            area_name,
            summary,
            width: names.len(),
        }
    }
}

/// What the rows of a long file have said so far.
#[derive(Default)]
struct LongState {
    /// The line of the row that made each level.
    made_on: HashMap<LevelAt, usize>,
    /// Levels made per craft, for the rank of a level that gives none.
    made: HashMap<usize, u32>,
    /// An area's name, from the first row that gives one: it names the area
    /// at every level of its craft.
    area_names: HashMap<(usize, String), (String, usize)>,
}

/// One row's cells, trimmed, by column.
struct LongRow<'a> {
    row: &'a Row,
    columns: &'a LongColumns,
}

impl LongRow<'_> {
    fn cell(&self, column: Option<usize>) -> &str {
        column
            .and_then(|i| self.row.cells.get(i))
            .map_or("", |s| s.as_str())
            .trim()
    }
}

fn long(
    file: &File<'_>,
    names: &[String],
    rows: impl Iterator<Item = Row>,
    options: &Options,
    draft: &mut Draft,
) -> Result<(), InputErrors> {
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
    let columns = LongColumns::of(names);
    let fallback_craft = default_craft(file.path, options);
    let mut state = LongState::default();
    let mut errors = Vec::new();
    for row in rows {
        if errors.len() >= MAX_ERRORS {
            break;
        }
        let row = LongRow {
            row: &row,
            columns: &columns,
        };
        if let Err(error) = long_row(file, &row, &fallback_craft, &mut state, draft) {
            errors.push(error);
        }
    }
    name_areas(&state, draft);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(InputErrors(errors))
    }
}

/// One row of the long layout: a statement, and the craft, level and area
/// it names made when new. A row with nothing to import is skipped, saying
/// why.
fn long_row(
    file: &File<'_>,
    row: &LongRow<'_>,
    fallback_craft: &str,
    state: &mut LongState,
    draft: &mut Draft,
) -> Result<(), InputError> {
    let (columns, line) = (row.columns, row.row.line);
    if row.row.is_blank() {
        draft.skip(file.path, line, "an empty row");
        return Ok(());
    }
    file.no_extra_cells(row.row, columns.width)?;
    let statement = text_of(row.cell(columns.statement));
    if statement.is_empty() {
        draft.skip(file.path, line, "the row has no statement text");
        return Ok(());
    }
    let (level_name, area_name) = (row.cell(columns.level), row.cell(columns.area));
    if level_name.is_empty() || area_name.is_empty() {
        let which = if level_name.is_empty() {
            "level"
        } else {
            "area"
        };
        draft.skip(file.path, line, format!("the row names no {which}"));
        return Ok(());
    }
    let craft = row_craft(file, row, fallback_craft, draft)?;
    let level = row_level(file, row, craft, state, draft)?;
    let Some(area_id) = id_of(area_name) else {
        return Err(file
            .error(
                row.row,
                columns.area.unwrap_or(0),
                "no area id can be made from this cell",
            )
            .hint("ids are made of the cell's letters and digits"));
    };
    let area_title = row_area_name(file, row, craft, &area_id, state, draft);
    let area = draft.tree.area(level, &area_id, &area_title);
    push_statement(file, row, area, statement, draft)
}

/// The row's craft, made when new.
fn row_craft(
    file: &File<'_>,
    row: &LongRow<'_>,
    fallback_craft: &str,
    draft: &mut Draft,
) -> Result<usize, InputError> {
    let columns = row.columns;
    let craft_name = match (row.cell(columns.craft_name), row.cell(columns.craft)) {
        ("", "") => fallback_craft.to_owned(),
        ("", craft) | (craft, _) => text_of(craft),
    };
    let craft_key = match row.cell(columns.craft) {
        "" => craft_name.as_str(),
        key => key,
    };
    let Some(craft_id) = id_of(craft_key) else {
        return Err(file
            .error(
                row.row,
                columns.craft.unwrap_or(0),
                format!("no craft id can be made from \"{}\"", text_of(craft_key)),
            )
            .hint("use letters or digits in the craft column, or pass --craft NAME"));
    };
    let craft = draft.tree.craft(&craft_id, &craft_name);
    let named = &draft.tree.crafts[craft].name;
    if !row.cell(columns.craft_name).is_empty() {
        let (said, first) = (format!("craft `{craft_id}` is named"), named.clone());
        first_wins(file, row.row.line, &said, &first, &craft_name, draft);
    }
    Ok(craft)
}

/// The row's level of its craft, made when new with the row's rank (or the
/// next one), checked against the ranks the craft's levels have.
fn row_level(
    file: &File<'_>,
    row: &LongRow<'_>,
    craft: usize,
    state: &mut LongState,
    draft: &mut Draft,
) -> Result<LevelAt, InputError> {
    let level_id = row_level_id(file, row)?;
    let rank = row_rank(file, row)?;
    match draft.tree.find_level(craft, &level_id) {
        Some(at) => {
            same_rank(file, row, at, rank, state, draft)?;
            level_again(file, row, at, draft);
            Ok(at)
        }
        None => new_level(file, row, craft, level_id, rank, state, draft),
    }
}

/// The id the row's `level` cell makes.
fn row_level_id(file: &File<'_>, row: &LongRow<'_>) -> Result<String, InputError> {
    id_of(row.cell(row.columns.level)).ok_or_else(|| {
        file.error(
            row.row,
            row.columns.level.unwrap_or(0),
            "no level id can be made from this cell",
        )
        .hint("ids are made of the cell's letters and digits")
    })
}

/// The row's `rank` cell, if it gives one.
fn row_rank(file: &File<'_>, row: &LongRow<'_>) -> Result<Option<u32>, InputError> {
    match row.cell(row.columns.rank) {
        "" => Ok(None),
        text => text.parse::<u32>().map(Some).map_err(|_| {
            file.error(
                row.row,
                row.columns.rank.unwrap_or(0),
                format!("rank `{}` is not a whole number", text_of(text)),
            )
            .hint("ranks are whole numbers, higher is more senior")
        }),
    }
}

/// A rank the row gives a level made earlier is the rank it was made with.
fn same_rank(
    file: &File<'_>,
    row: &LongRow<'_>,
    at: LevelAt,
    rank: Option<u32>,
    state: &LongState,
    draft: &Draft,
) -> Result<(), InputError> {
    let level = draft.tree.level(at);
    let Some(rank) = rank.filter(|&r| r != level.rank) else {
        return Ok(());
    };
    let first = state.made_on.get(&at).copied().unwrap_or(1);
    Err(file
        .error(
            row.row,
            row.columns.rank.unwrap_or(0),
            format!(
                "level `{}` has rank {rank} here and {} on line {first}",
                level.id, level.rank
            ),
        )
        .hint("give a level the same rank on every row"))
}

/// A later row of a level: a summary fills one not given yet; a title or
/// summary that differs from the first is said to be left out.
fn level_again(file: &File<'_>, row: &LongRow<'_>, at: LevelAt, draft: &mut Draft) {
    let level = draft.tree.level(at);
    let level_id = level.id.clone();
    let (title, summary) = (level.title.clone(), level.summary.clone());
    let here = row.cell(row.columns.summary);
    match summary {
        None if !here.is_empty() => draft.tree.level_mut(at).summary = Some(text_of(here)),
        Some(first) => {
            let said = format!("level `{level_id}` is summed up as");
            first_wins(file, row.row.line, &said, &first, here, draft);
        }
        None => {}
    }
    let said = format!("level `{level_id}` is titled");
    let here = row.cell(row.columns.title);
    first_wins(file, row.row.line, &said, &title, here, draft);
}

/// A level the craft does not have yet, ranked by the row or next in the
/// order levels are made; its title is the row's `level_title`, else its
/// `level` cell.
fn new_level(
    file: &File<'_>,
    row: &LongRow<'_>,
    craft: usize,
    level_id: String,
    rank: Option<u32>,
    state: &mut LongState,
    draft: &mut Draft,
) -> Result<LevelAt, InputError> {
    let made = state.made.entry(craft).or_insert(0);
    *made += 1;
    let rank = rank.unwrap_or(*made);
    if let Some(other) = draft.tree.level_with_rank(craft, rank, &level_id) {
        let craft_id = &draft.tree.crafts[craft].id;
        return Err(file
            .error(
                row.row,
                row.columns.rank.unwrap_or(0),
                format!(
                    "levels `{}` and `{level_id}` of craft `{craft_id}` both have rank {rank}",
                    other.id
                ),
            )
            .hint("give each level of a craft its own rank"));
    }
    let title = match row.cell(row.columns.title) {
        "" => text_of(row.cell(row.columns.level)),
        title => text_of(title),
    };
    let summary = Some(text_of(row.cell(row.columns.summary))).filter(|s| !s.is_empty());
    let level = Level {
        summary,
        ..bare_level(level_id, rank, title)
    };
    let at = draft.tree.add_level(craft, level);
    state.made_on.insert(at, row.row.line);
    Ok(at)
}

/// A value later rows repeat: the first is kept, and a later one that
/// differs is said to be left out.
fn first_wins(
    file: &File<'_>,
    line: usize,
    said: &str,
    first: &str,
    here: &str,
    draft: &mut Draft,
) {
    let here = text_of(here);
    if !here.is_empty() && here != first {
        draft.skip(
            file.path,
            line,
            format!("{said} \"{first}\" by an earlier row: \"{here}\" is left out"),
        );
    }
}

/// The area's name: the first `area_name` its craft's rows give, else the
/// `area` cell.
fn row_area_name(
    file: &File<'_>,
    row: &LongRow<'_>,
    craft: usize,
    area_id: &str,
    state: &mut LongState,
    draft: &mut Draft,
) -> String {
    let key = (craft, area_id.to_owned());
    match row.cell(row.columns.area_name) {
        "" => state.area_names.get(&key).map_or_else(
            || text_of(row.cell(row.columns.area)),
            |(name, _)| name.clone(),
        ),
        name => {
            let name = text_of(name);
            let (first, _) = state
                .area_names
                .entry(key)
                .or_insert_with(|| (name.clone(), row.row.line));
            let first = first.clone();
            let said = format!("area `{area_id}` is named");
            first_wins(file, row.row.line, &said, &first, &name, draft);
            first
        }
    }
}

/// Areas met before the row that names them take that name too.
fn name_areas(state: &LongState, draft: &mut Draft) {
    if state.area_names.is_empty() {
        return;
    }
    for (c, craft) in draft.tree.crafts.iter_mut().enumerate() {
        for area in craft.levels.iter_mut().flat_map(|l| l.areas.iter_mut()) {
            if let Some((name, _)) = state.area_names.get(&(c, area.id.clone())) {
                area.name.clone_from(name);
            }
        }
    }
}

/// The row's statement, numbered or with its own `statement_id`.
fn push_statement(
    file: &File<'_>,
    row: &LongRow<'_>,
    area: AreaAt,
    statement: String,
    draft: &mut Draft,
) -> Result<(), InputError> {
    let id_at = row.columns.id.unwrap_or(0);
    let id = match row.cell(row.columns.id) {
        "" => {
            draft.tree.push_numbered(area, statement, None);
            return Ok(());
        }
        id => id_of(id).ok_or_else(|| {
            file.error(row.row, id_at, "no statement id can be made from this cell")
        })?,
    };
    if draft.tree.push_with_id(area, id.clone(), statement, None) {
        return Ok(());
    }
    let area = draft.tree.area_ref(area).id.clone();
    let level = row.cell(row.columns.level);
    Err(file
        .error(
            row.row,
            id_at,
            format!(
                "statement id `{id}` is used twice in area `{area}` of level `{}`",
                id_of(level).unwrap_or_default()
            ),
        )
        .hint("give each statement of an area its own id"))
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

/// An area column of a grid: where it is, the area's id and name.
struct GridArea {
    column: usize,
    id: String,
    name: String,
}

/// What a grid's header says: its area columns and its rank column.
struct GridHeader<'a> {
    row: &'a Row,
    rank: Option<usize>,
    areas: Vec<GridArea>,
    /// Per column: whether it is an area's.
    is_area: Vec<bool>,
}

fn grid(
    file: &File<'_>,
    header: &Row,
    rows: impl Iterator<Item = Row>,
    options: &Options,
    draft: &mut Draft,
) -> Result<(), InputErrors> {
    let header = grid_header(file, header)?;
    let craft_name = default_craft(file.path, options);
    let Some(craft_id) = id_of(&craft_name) else {
        return Err(
            InputError::new(format!("no craft id can be made from \"{craft_name}\""))
                .hint("name the craft with --craft NAME")
                .into(),
        );
    };
    let craft = draft.tree.craft(&craft_id, &craft_name);
    // Rows that name a level, in order: a level's rank where it gives none.
    let mut order = draft.tree.crafts[craft].levels.len() as u32;
    let mut errors = Vec::new();
    for row in rows {
        if errors.len() >= MAX_ERRORS {
            break;
        }
        if let Err(error) = grid_row(file, &header, &row, (craft, &mut order), draft) {
            errors.push(error);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(InputErrors(errors))
    }
}

/// The header of a grid: the first column names the level, an optional
/// `rank` column, and every other named column is an area.
fn grid_header<'a>(file: &File<'_>, header: &'a Row) -> Result<GridHeader<'a>, InputErrors> {
    let rank = header
        .cells
        .iter()
        .position(|c| column_name(c) == "rank")
        .filter(|&i| i > 0);
    let mut areas = Vec::new();
    let mut area_ids = std::collections::HashSet::new();
    let mut errors = Vec::new();
    for (i, cell) in header.cells.iter().enumerate().skip(1) {
        let name = text_of(cell);
        if Some(i) == rank || name.is_empty() || errors.len() >= MAX_ERRORS {
            continue;
        }
        match id_of(&name) {
            Some(id) if !area_ids.insert(id.clone()) => errors.push(
                file.error(header, i, format!("two columns make area `{id}`"))
                    .hint("give each area column its own name"),
            ),
            Some(id) => areas.push(GridArea {
                column: i,
                id,
                name,
            }),
            None => errors.push(
                file.error(header, i, "no area id can be made from this column's name")
                    .hint("name area columns with letters or digits"),
            ),
        }
    }
    if areas.is_empty() {
        errors.push(error_at(file.path, Location { line: header.line, column: 1 }, "the header names no area columns")
            .hint("a grid's first column names the level, the others the areas; a long layout has the columns craft, level, rank, area, statement"));
    }
    let mut is_area = vec![false; header.cells.len()];
    for area in &areas {
        is_area[area.column] = true;
    }
    if errors.is_empty() {
        Ok(GridHeader {
            row: header,
            rank,
            areas,
            is_area,
        })
    } else {
        Err(InputErrors(errors))
    }
}

/// One row of a grid: a level, its statements one a line in each area's
/// cell. A row with nothing to import is skipped, saying why.
fn grid_row(
    file: &File<'_>,
    header: &GridHeader<'_>,
    row: &Row,
    (craft, order): (usize, &mut u32),
    draft: &mut Draft,
) -> Result<(), InputError> {
    if row.is_blank() {
        draft.skip(file.path, row.line, "an empty row");
        return Ok(());
    }
    let title = text_of(row.cell(0));
    if title.is_empty() {
        let why = "the row names no level in its first cell";
        draft.skip(file.path, row.line, why);
        return Ok(());
    }
    file.no_extra_cells(row, header.row.cells.len())?;
    skip_unnamed_cells(file, header, row, draft);
    let Some(level_id) = id_of(&title) else {
        return Err(file
            .error(row, 0, "no level id can be made from this cell")
            .hint("name levels with letters or digits"));
    };
    *order += 1;
    let rank = grid_rank(file, header, row, (craft, *order), &level_id, draft)?;
    let statements = grid_statements(header, row);
    if statements.is_empty() {
        let why = format!("level \"{title}\" has no statements");
        draft.skip(file.path, row.line, why);
        return Ok(());
    }
    let level = draft
        .tree
        .add_level(craft, bare_level(level_id, rank, title));
    push_grid_statements(level, statements, draft);
    Ok(())
}

/// A grid row's statements, numbered, into its level's areas.
fn push_grid_statements(
    level: LevelAt,
    statements: Vec<(&GridArea, Vec<String>)>,
    draft: &mut Draft,
) {
    for (area, texts) in statements {
        let at: AreaAt = draft.tree.area(level, &area.id, &area.name);
        for text in texts {
            draft.tree.push_numbered(at, text, None);
        }
    }
}

/// Filled cells under no column (neither the rank nor an area) are left
/// out, each said.
fn skip_unnamed_cells(file: &File<'_>, header: &GridHeader<'_>, row: &Row, draft: &mut Draft) {
    let unnamed = (1..row.cells.len()).filter(|&i| {
        !row.cell(i).trim().is_empty()
            && Some(i) != header.rank
            && !header.is_area.get(i).copied().unwrap_or(false)
    });
    for i in unnamed {
        draft.skip(
            file.path,
            row.line,
            format!("cell {} is under a column with no name", i + 1),
        );
    }
}

/// The statements of each area whose cell in the row has some.
fn grid_statements<'h>(header: &'h GridHeader<'_>, row: &Row) -> Vec<(&'h GridArea, Vec<String>)> {
    header
        .areas
        .iter()
        .map(|area| (area, cell_statements(row.cell(area.column))))
        .filter(|(_, s)| !s.is_empty())
        .collect()
}

/// A grid row's rank: its `rank` cell, else its place among the rows that
/// name a level; a level id or rank the craft has already is refused.
fn grid_rank(
    file: &File<'_>,
    header: &GridHeader<'_>,
    row: &Row,
    (craft, order): (usize, u32),
    level_id: &str,
    draft: &Draft,
) -> Result<u32, InputError> {
    let rank_at = header.rank.unwrap_or(0);
    let rank = match header.rank.and_then(|i| row.cells.get(i)).map(|c| c.trim()) {
        None | Some("") => order,
        Some(text) => text.parse::<u32>().map_err(|_| {
            file.error(
                row,
                rank_at,
                format!("rank `{}` is not a whole number", text_of(text)),
            )
            .hint("ranks are whole numbers, higher is more senior")
        })?,
    };
    if draft.tree.find_level(craft, level_id).is_some() {
        return Err(file
            .error(row, 0, format!("level `{level_id}` has two rows"))
            .hint("give each level one row"));
    }
    if let Some(other) = draft.tree.level_with_rank(craft, rank, level_id) {
        let craft_id = &draft.tree.crafts[craft].id;
        return Err(file
            .error(
                row,
                rank_at,
                format!(
                    "levels `{}` and `{level_id}` of craft `{craft_id}` both have rank {rank}",
                    other.id
                ),
            )
            .hint("give each level its own rank"));
    }
    Ok(rank)
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
    fn header_cells_keep_a_quoted_separator_in_its_cell() {
        assert_eq!(
            header_cells("craft;\"level; rank\";area;\"state\"\"ment\""),
            ["craft", "level;_rank", "area", "state\"ment"]
        );
        // A quote around `x,statement` hides the separator: no column is
        // named `statement`, so this is no long layout.
        assert_eq!(
            header_cells("\"x,statement\",level,area"),
            ["x,statement", "level", "area"]
        );
        assert_eq!(
            crate::import::detect(Path::new("x.txt"), "\"x,statement\",level,area\n"),
            []
        );
        assert_eq!(header_cells("\u{FEFF}Level,Rank"), ["level", "rank"]);
    }

    #[test]
    fn a_later_row_that_renames_what_an_earlier_one_named_is_said() {
        let source = Source {
            path: "l.csv".into(),
            text: "craft,craft_name,level,level_title,summary,area,area_name,statement\n\
                   web,Web,one,One,Ships.,a,Alpha,I do.\n\
                   web,Web,one,One,Ships.,a,Alpha,I do more.\n\
                   web,Webb,one,Uno,Leads.,a,Beta,I do most.\n"
                .into(),
        };
        let draft = read(&[source], &Options::default()).expect("reads");
        let said: Vec<(usize, &str)> = draft
            .skipped
            .iter()
            .map(|s| (s.line, s.reason.as_str()))
            .collect();
        assert_eq!(
            said,
            [
                (
                    4,
                    "craft `web` is named \"Web\" by an earlier row: \"Webb\" is left out"
                ),
                (
                    4,
                    "level `one` is summed up as \"Ships.\" by an earlier row: \"Leads.\" is left out"
                ),
                (
                    4,
                    "level `one` is titled \"One\" by an earlier row: \"Uno\" is left out"
                ),
                (
                    4,
                    "area `a` is named \"Alpha\" by an earlier row: \"Beta\" is left out"
                ),
            ]
        );
        assert_eq!(draft.tree.crafts[0].levels[0].areas[0].statements.len(), 3);
    }

    #[test]
    fn grid_cells_split_at_lines_and_bullets() {
        assert_eq!(
            cell_statements("• One.• Two.\n- Three.\n\n* Four - with a dash.\n-"),
            vec!["One.", "Two.", "Three.", "Four - with a dash."]
        );
    }
}
