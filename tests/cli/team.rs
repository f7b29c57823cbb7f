//! `rungs team` over folders of profiles: a broken file among good ones, an
//! empty or missing folder, and a team of 30 generated profiles across two
//! levels of the atelier framework (duplicates, partial raters, two
//! managers, signed-off rounds) checked in every format against figures
//! worked out here from the same specification, CSV and JSON parsed back.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

fn profile(person: &str, values: &[(&str, u8)]) -> String {
    let mut text = format!(
        "format = 1\nperson = \"{person}\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n\n[[assessments]]\nrole = \"self\"\nassessor = \"{person}\"\nstarted = 2026-11-01T09:00:00Z\nupdated = 2026-11-0{}T09:00:00Z\n",
        person.len() % 9 + 1
    );
    for (key, value) in values {
        text.push_str(&format!(
            "\n[[assessments.ratings]]\nstatement = \"level-4/{key}\"\nvalue = {value}\n"
        ));
    }
    text
}

fn team_folder() -> tempfile::TempDir {
    let home = home(true);
    let dir = home.path().join("team");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(
        dir.join("ana.toml"),
        profile(
            "Ana",
            &[
                ("automation/1", 1),
                ("automation/2", 4),
                ("process-design/1", 2),
            ],
        ),
    )
    .expect("write");
    std::fs::write(
        dir.join("ben.toml"),
        profile(
            "Ben",
            &[
                ("automation/1", 2),
                ("automation/2", 3),
                ("process-design/1", 4),
            ],
        ),
    )
    .expect("write");
    std::fs::write(
        dir.join("cy.toml"),
        profile("Cy", &[("automation/1", 4), ("automation/2", 1)]),
    )
    .expect("write");
    std::fs::write(dir.join("broken.toml"), "format = 1\nperson = \"Broken\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-9\"\n").expect("write");
    std::fs::copy(fixture("atelier-profile.toml"), dir.join("zoe.toml")).expect("copy");
    std::fs::write(dir.join("notes.txt"), "not a profile").expect("write");
    home
}

#[test]
fn a_broken_file_is_reported_and_the_rest_summarised() {
    let home = team_folder();
    let run = run(home.path(), &["team", "team"]);
    assert_eq!(run.code, Some(2), "a bad file makes the exit code 2");
    assert!(
        run.stderr
            .contains("broken.toml:5:9: craft `devops-engineer` has no level `level-9`"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!("team_markdown", run.stdout);
    assert_tables_whole(&run.stdout);
    for person in ["| Ana |", "| Ben |", "| Cy |", "| Zoë Ångström |"] {
        assert!(run.stdout.contains(person), "{person}");
    }
    // automation/1: Ana 1 and Ben 2 below met, Cy 4 met: 2 of 3.
    assert!(run.stdout.contains("| Automation | I identify opportunities for automation, and apply it. | 2 of 3 | Ana, Ben |"), "{}", run.stdout);
    // automation/2: only Cy is below (1 of 3): not shared.
    assert!(!run.stdout.contains("I understand the fundamentals"));
    // One rater is not a shared growth area (Zoë alone on her level).
    assert!(!run.stdout.contains("caught my last incident"));
}

#[test]
fn min_raters_decides_what_is_shared() {
    let home = team_folder();
    let run = run(home.path(), &["team", "team", "--min-raters", "4"]);
    assert!(
        !run.stdout.contains("| 2 of 3 | Ana, Ben |"),
        "three raters are fewer than 4:\n{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("No statement that 4 or more people rated")
    );
    let one = common::run(home.path(), &["team", "team", "--min-raters", "1"]);
    assert!(
        one.stdout.contains("| 1 of 1 | Zoë Ångström |"),
        "{}",
        one.stdout
    );
    let zero = common::run(home.path(), &["team", "team", "--min-raters", "0"]);
    assert_eq!(zero.code, Some(2), "{}", zero.stderr);
}

#[test]
fn an_empty_or_missing_folder_prints_no_table() {
    let home = home(false);
    std::fs::create_dir(home.path().join("empty")).expect("mkdir");
    for (args, says) in [
        (vec!["team", "empty"], "no profiles found in empty"),
        (
            vec!["team", "nowhere"],
            "no profiles found in nowhere (no such file or folder)",
        ),
        (
            vec!["team", "empty", "--format", "csv"],
            "no profiles found in empty",
        ),
        (vec!["team", "empty", "--tui"], "no profiles found in empty"),
    ] {
        let run = run(home.path(), &args);
        assert_eq!(run.code, Some(2), "{args:?}");
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}: no table");
    }
}

#[test]
fn an_empty_folder_beside_profiles_is_reported() {
    let home = team_folder();
    std::fs::create_dir(home.path().join("empty")).expect("mkdir");
    let run = run(home.path(), &["team", "team/ana.toml", "empty"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("no profiles found in empty"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("| Ana |"), "{}", run.stdout);
}

// ---------------------------------------------------------------------------
// Thirty generated profiles.

const APPRENTI: [&str; 5] = [
    "apprenti/qualite/1",
    "apprenti/qualite/2",
    "apprenti/collaboration/1",
    "apprenti/collaboration/2",
    "apprenti/collaboration/3",
];
const COMPAGNON: [&str; 4] = [
    "compagnon/qualite/1",
    "compagnon/qualite/2",
    "compagnon/collaboration/1",
    "compagnon/transmission/1",
];
const MET_FROM: u8 = 4;

#[derive(Clone, Copy, Debug, PartialEq)]
enum M {
    Unrated,
    Na,
    V(u8),
}

#[derive(Clone, Debug)]
struct Round {
    manager: Option<&'static str>,
    updated: String,
    finished: bool,
    marks: Vec<M>,
}

#[derive(Clone, Debug)]
struct Spec {
    file: String,
    name: String,
    level: &'static str,
    rounds: Vec<Round>,
}

const NAMES: [&str; 28] = [
    "Ana Souza",
    "Ben Okafor",
    "Cy Laurent",
    "Dee Park",
    "Eli Novak",
    "Fay Moreau",
    "=Gus | Ops",
    "Hana Sato",
    "Ivo Petrov",
    "Jo Lind",
    "Kai Berg",
    "Lea Dubois",
    "Max Weber",
    "Nia Adeyemi",
    "Oz Kaya",
    "Pia Rossi",
    "Quinn Hale",
    "Rui Costa",
    "Sam Reyes",
    "Tea Horvat",
    "Uma Iyer",
    "Vic Olsen",
    "Wen Li",
    "Xia Chen",
    "Yara Haddad",
    "Zed Marsh",
    "Åsa Berg",
    "Émile Roy",
];

fn keys(level: &str) -> &'static [&'static str] {
    if level == "apprenti" {
        &APPRENTI
    } else {
        &COMPAGNON
    }
}

/// Person `i` (1 to 28): the first 16 on the apprentice level, the others
/// on the next; every fourth rates only two statements, every fifth finds
/// the last one not applicable; every third has a manager round by Mika
/// (signed off for the even ones), every sixth an older one by Noor too;
/// every third from the second has an earlier, signed-off self round.
fn spec(i: usize) -> Spec {
    let level = if i <= 16 { "apprenti" } else { "compagnon" };
    let n = keys(level).len();
    let own: Vec<M> = (0..n)
        .map(|j| {
            if i.is_multiple_of(4) && j >= 2 {
                M::Unrated
            } else if i % 5 == 1 && j == n - 1 {
                M::Na
            } else {
                M::V(1 + ((i * 7 + j * 3) % 5) as u8)
            }
        })
        .collect();
    let mut rounds = Vec::new();
    if i % 3 == 2 {
        rounds.push(Round {
            manager: None,
            updated: format!("2026-05-{:02}T09:00:00Z", 1 + i % 20),
            finished: true,
            marks: vec![M::V(2); n],
        });
    }
    if i.is_multiple_of(6) {
        rounds.push(Round {
            manager: Some("Noor Haddad"),
            updated: "2026-11-05T09:00:00Z".to_owned(),
            finished: false,
            marks: vec![M::V(5); n],
        });
    }
    rounds.push(Round {
        manager: None,
        updated: format!("2026-11-{:02}T09:00:00Z", 10 + i % 15),
        finished: i % 4 == 1,
        marks: own.clone(),
    });
    if i.is_multiple_of(3) {
        let marks = own
            .iter()
            .enumerate()
            .map(|(j, m)| match m {
                M::V(v) => M::V((v + 2 * (j as u8 % 2) - 1) % 5 + 1),
                _ => M::V(3),
            })
            .collect();
        rounds.push(Round {
            manager: Some("Mika Laine"),
            updated: format!("2026-11-{:02}T09:00:00Z", 25 + i % 5),
            finished: i.is_multiple_of(2),
            marks,
        });
    }
    Spec {
        file: format!("p{i:02}.toml"),
        name: NAMES[i - 1].to_owned(),
        level,
        rounds,
    }
}

/// The 30 files: 28 people, a later copy of person 3 (rated higher) and an
/// older copy of person 20 under a name with a zero-width space.
fn specs() -> Vec<Spec> {
    let mut all: Vec<Spec> = (1..=28).map(spec).collect();
    let mut later = spec(3);
    later.file = "p29-copy.toml".to_owned();
    for round in &mut later.rounds {
        if round.manager.is_none() {
            round.updated = "2026-11-29T09:00:00Z".to_owned();
            round.marks = vec![M::V(5); round.marks.len()];
        }
    }
    all.push(later);
    let mut older = spec(20);
    older.file = "p30-old.toml".to_owned();
    older.name = "Tea\u{200b} Horvat".to_owned();
    for round in &mut older.rounds {
        round.updated = "2026-01-02T09:00:00Z".to_owned();
        round.marks = vec![M::V(1); round.marks.len()];
    }
    all.push(older);
    all
}

fn toml_of(spec: &Spec) -> String {
    let quoted = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = format!(
        "format = 1\nperson = {}\nframework = \"atelier\"\ncraft = \"ingenierie\"\nlevel = \"{}\"\n",
        quoted(&spec.name),
        spec.level
    );
    for round in &spec.rounds {
        let (role, assessor) = match round.manager {
            Some(m) => ("manager", m.to_owned()),
            None => ("self", spec.name.clone()),
        };
        out.push_str(&format!(
            "\n[[assessments]]\nrole = \"{role}\"\nassessor = {}\nstarted = {}\nupdated = {}\n",
            quoted(&assessor),
            round.updated,
            round.updated
        ));
        if round.finished {
            out.push_str(&format!("finished = {}\n", round.updated));
        }
        for (key, mark) in keys(spec.level).iter().zip(&round.marks) {
            match mark {
                M::Unrated => {}
                M::Na => out.push_str(&format!(
                    "\n[[assessments.ratings]]\nstatement = \"{key}\"\nna = true\n"
                )),
                M::V(v) => out.push_str(&format!(
                    "\n[[assessments.ratings]]\nstatement = \"{key}\"\nvalue = {v}\n"
                )),
            }
        }
    }
    out
}

fn write_team(dir: &Path) {
    std::fs::create_dir_all(dir).expect("mkdir");
    for spec in specs() {
        std::fs::write(dir.join(&spec.file), toml_of(&spec)).expect("write");
    }
}

/// What each file's row must say, worked out from the specification.
#[derive(Debug, Clone, PartialEq)]
struct Expected {
    name: String,
    /// The person with invisible characters taken out: two files, one person.
    person: String,
    /// Another file names the same person: the row is marked ⚠.
    flagged: bool,
    level: &'static str,
    rated: usize,
    total: usize,
    self_met: usize,
    manager: Option<&'static str>,
    manager_met: Option<usize>,
    gaps: Option<usize>,
    round: usize,
    is_final: bool,
    /// The review beside self is signed off.
    review_final: bool,
    own: Vec<M>,
    theirs: Vec<M>,
}

/// Every file's row, by file (`team/p03.toml`).
fn expected(manager: Option<&str>) -> BTreeMap<String, Expected> {
    let all = specs();
    let person = |s: &Spec| s.name.replace('\u{200b}', "");
    all.iter()
        .map(|spec| {
            let flagged = all.iter().filter(|o| person(o) == person(spec)).count() > 1;
            let selves: Vec<&Round> = spec.rounds.iter().filter(|r| r.manager.is_none()).collect();
            let own = selves.last().expect("a self round");
            // Each reviewer's latest round.
            let mut latest: Vec<&Round> = Vec::new();
            for r in spec.rounds.iter().filter(|r| r.manager.is_some()) {
                latest.retain(|l| l.manager != r.manager);
                latest.push(r);
            }
            let rated = |r: &Round| r.marks.iter().filter(|m| **m != M::Unrated).count();
            let beside = match manager {
                Some(m) => latest.iter().find(|r| r.manager == Some(m)).copied(),
                // No direct manager is named: the review that rated most,
                // then the one updated last.
                None => latest
                    .iter()
                    .max_by(|a, b| rated(a).cmp(&rated(b)).then(a.updated.cmp(&b.updated)))
                    .copied(),
            };
            let applies = |j: usize| own.marks[j] != M::Na;
            let n = own.marks.len();
            let value = |m: M| match m {
                M::V(v) => Some(v),
                _ => None,
            };
            let theirs = beside.map_or(vec![M::Unrated; n], |r| r.marks.clone());
            let e = Expected {
                name: spec.name.replace('\u{200b}', "\u{fffd}"),
                person: person(spec),
                flagged,
                level: spec.level,
                rated: (0..n).filter(|&j| value(own.marks[j]).is_some()).count(),
                total: (0..n).filter(|&j| applies(j)).count(),
                self_met: own
                    .marks
                    .iter()
                    .filter(|m| value(**m) >= Some(MET_FROM))
                    .count(),
                manager: beside.and_then(|r| r.manager),
                manager_met: beside.map(|_| {
                    (0..n)
                        .filter(|&j| applies(j) && value(theirs[j]) >= Some(MET_FROM))
                        .count()
                }),
                gaps: beside.map(|_| {
                    (0..n)
                        .filter(|&j| match (value(own.marks[j]), value(theirs[j])) {
                            (Some(a), Some(b)) => a.abs_diff(b) >= 2,
                            _ => false,
                        })
                        .count()
                }),
                round: selves.len(),
                is_final: own.finished,
                review_final: beside.is_some_and(|r| r.finished),
                own: own.marks.clone(),
                theirs,
            };
            (format!("team/{}", spec.file), e)
        })
        .collect()
}

fn team_home() -> tempfile::TempDir {
    let home = home(true);
    write_team(&home.path().join("team"));
    home
}

#[test]
fn the_generated_team_is_what_its_specification_says() {
    let all = expected(None);
    assert_eq!(all.len(), 30, "30 files");
    let people: std::collections::BTreeSet<&str> =
        all.values().map(|e| e.person.as_str()).collect();
    assert_eq!(people.len(), 28, "28 people");
    assert_eq!(
        all.values().filter(|e| e.flagged).count(),
        4,
        "two people in two files each"
    );
    assert!(all.values().any(|e| e.is_final), "some rounds are final");
    assert!(all.values().any(|e| e.rated < e.total), "some rate part");
    assert!(all.values().any(|e| e.gaps.unwrap_or(0) > 0), "some gaps");
    assert!(all.values().any(|e| e.round == 2), "some second rounds");
    assert!(
        all.values().any(|e| e.manager_met.is_none()),
        "some not reviewed"
    );
}

/// A copy of a profile, or a look-alike name (a zero-width space, a date
/// in the future to rank first), never replaces the person: every file is
/// a row, both rows are marked in every format, and the reader is told.
#[test]
fn one_person_in_two_files_is_shown_twice_and_marked_everywhere() {
    let home = team_home();
    let run = run(home.path(), &["team", "team"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("`Cy Laurent` (team/p03.toml) and `Cy Laurent` (team/p29-copy.toml) are one person by name: every profile is shown, marked ⚠"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`Tea Horvat` (team/p20.toml) and `Tea\u{fffd} Horvat` (team/p30-old.toml) are one person by name"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stdout.matches("| Cy Laurent ⚠ |").count(),
        2,
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.matches("| Tea Horvat ⚠ |").count(), 1);
    assert_eq!(run.stdout.matches("| Tea\u{fffd} Horvat ⚠ |").count(), 1);
    assert!(run.stdout.contains("- ⚠ Cy Laurent in team/p03.toml: the same person as Cy Laurent in team/p29-copy.toml: two profiles, both shown"), "{}", run.stdout);
    assert!(
        run.stdout
            .starts_with("# Team overview\n\n30 profiles of 28 people in 2 groups.")
    );
    let csv = common::run(home.path(), &["team", "team", "--format", "csv"]);
    let (header, rows) = csv_rows(&csv.stdout);
    let mut flagged: Vec<&str> = rows
        .iter()
        .filter(|r| !r[column(&header, "flags")].is_empty())
        .map(|r| r[column(&header, "file")].as_str())
        .collect();
    flagged.sort();
    assert_eq!(
        flagged,
        [
            "team/p03.toml",
            "team/p20.toml",
            "team/p29-copy.toml",
            "team/p30-old.toml"
        ]
    );
    let json = common::run(home.path(), &["team", "team", "--format", "json"]);
    assert_eq!(
        json.stdout.matches(r#""kind": "same_person""#).count(),
        4,
        "{}",
        json.stdout
    );
    let html = common::run(home.path(), &["team", "team", "--format", "html"]);
    assert!(html.stdout.contains("<li>⚠ Cy Laurent in team/p03.toml: the same person as Cy Laurent in team/p29-copy.toml: two profiles, both shown</li>"), "{}", html.stdout);
}

/// A round dated in the future (to sort first, or a wrong clock) is said
/// wherever the row is.
#[test]
fn a_round_in_the_future_is_flagged() {
    let home = team_home();
    let path = home.path().join("team/p01.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replacen("2026-11-", "2099-11-", 1)).expect("write");
    let run = run(home.path(), &["team", "team"]);
    assert!(run.stdout.contains("| Ana Souza ⚠ |"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("- ⚠ Ana Souza in team/p01.toml: dated 2099-11-"),
        "{}",
        run.stdout
    );
    let csv = common::run(home.path(), &["team", "team", "--format", "csv"]);
    assert!(csv.stdout.contains(",\"dated 2099-11-"), "{}", csv.stdout);
}

fn markdown_row(e: &Expected) -> String {
    let dash = |v: Option<usize>| v.map_or("—".to_owned(), |v| v.to_string());
    let mark = if e.flagged { " ⚠" } else { "" };
    // Final names each round beside the other that is signed off.
    let signed: Vec<String> = [
        e.is_final.then(|| "self ✓".to_owned()),
        e.review_final
            .then(|| format!("{} ✓", e.manager.unwrap_or_default())),
    ]
    .into_iter()
    .flatten()
    .collect();
    let final_cell = if signed.is_empty() {
        "no".to_owned()
    } else {
        signed.join(" · ")
    };
    format!(
        "| {}{mark} | {} of {} | {} | {} | {} | {} | {} | {} |",
        e.name.replace('|', "\\|"),
        e.rated,
        e.total,
        e.self_met,
        dash(e.manager_met),
        dash(e.gaps),
        e.manager.unwrap_or("—"),
        e.round,
        final_cell,
    )
}

#[test]
fn markdown_by_person_has_a_group_per_level_and_every_count() {
    let home = team_home();
    let run = run(home.path(), &["team", "team"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_tables_whole(&run.stdout);
    let apprenti = run
        .stdout
        .find("## Atelier Ladder — Écoles & Ateliers · Ingénierie logicielle · Apprenti·e")
        .expect("the first level's group");
    let compagnon = run
        .stdout
        .find("## Atelier Ladder — Écoles & Ateliers · Ingénierie logicielle · Compagnon·ne")
        .expect("the second level's group");
    assert!(apprenti < compagnon, "levels in rank order");
    // Each level has its own columns: Transmission only on the second.
    let (first, second) = run.stdout.split_at(compagnon);
    assert!(!first.contains("Transmission"));
    assert!(second.contains("| Transmission 🌱 |"));
    for e in expected(None).values() {
        let row = markdown_row(e);
        let section = if e.level == "apprenti" { first } else { second };
        assert!(section.contains(&row), "{row}\nnot in:\n{}", run.stdout);
    }
    insta::assert_snapshot!("team_generated_markdown", run.stdout);
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

#[test]
fn csv_by_person_parses_back_to_the_same_numbers() {
    let home = team_home();
    let run = run(home.path(), &["team", "team", "--format", "csv"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let (header, rows) = csv_rows(&run.stdout);
    assert_eq!(rows.len(), 30);
    let all = expected(None);
    let at = |name: &str| column(&header, name);
    for row in &rows {
        let name = row[at("file")].as_str();
        let e = all.get(name).unwrap_or_else(|| panic!("{name}"));
        let num = |v: Option<usize>| v.map_or(String::new(), |v| v.to_string());
        assert_eq!(row[at("rated")], e.rated.to_string(), "{name}");
        assert_eq!(row[at("total")], e.total.to_string(), "{name}");
        assert_eq!(row[at("self_met")], e.self_met.to_string(), "{name}");
        assert_eq!(row[at("manager")], e.manager.unwrap_or(""), "{name}");
        assert_eq!(row[at("manager_met")], num(e.manager_met), "{name}");
        assert_eq!(row[at("gaps")], num(e.gaps), "{name}");
        assert_eq!(row[at("self_round")], e.round.to_string(), "{name}");
        assert_eq!(
            row[at("self_final")],
            if e.is_final { "yes" } else { "no" },
            "{name}"
        );
        assert_eq!(
            row[at("level")],
            if e.level == "apprenti" {
                "Apprenti·e"
            } else {
                "Compagnon·ne"
            }
        );
        // Whole numbers only: nothing a spreadsheet reads as a date.
        for cell in row {
            assert!(
                !cell.chars().next().is_some_and(|c| c.is_ascii_digit()) || !cell.contains('/'),
                "{cell:?} looks like a fraction"
            );
        }
        // The other level's area columns are empty in this row.
        let other = if e.level == "apprenti" {
            "compagnon/transmission self_met"
        } else {
            "apprenti/collaboration self_met"
        };
        assert_eq!(row[at(other)], "", "{name}");
        let own = if e.level == "apprenti" {
            "apprenti/qualite self_met"
        } else {
            "compagnon/qualite self_met"
        };
        assert!(
            row[at(own)].parse::<usize>().is_ok(),
            "{name}: {}",
            row[at(own)]
        );
    }
    // The hostile name is defused, and still one cell.
    assert!(rows.iter().any(|r| r[at("person")] == "'=Gus | Ops"));
}

#[test]
fn csv_by_statement_is_the_grid_of_values() {
    let home = team_home();
    let run = run(
        home.path(),
        &["team", "team", "--format", "csv", "--by", "statement"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let (header, rows) = csv_rows(&run.stdout);
    assert_eq!(rows.len(), 30);
    let all = expected(None);
    let text = |m: M| match m {
        M::V(v) => v.to_string(),
        M::Na => "n/a".to_owned(),
        M::Unrated => String::new(),
    };
    for row in &rows {
        let name = row[column(&header, "file")].as_str();
        let e = &all[name];
        for (j, key) in keys(e.level).iter().enumerate() {
            assert_eq!(
                row[column(&header, &format!("{key} self"))],
                text(e.own[j]),
                "{name} {key}"
            );
            assert_eq!(
                row[column(&header, &format!("{key} manager"))],
                text(e.theirs[j]),
                "{name} {key}"
            );
        }
    }
}

#[test]
fn json_holds_the_same_facts() {
    let home = team_home();
    let run = run(home.path(), &["team", "team", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let groups = json["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 2);
    assert_eq!(json["min_raters"], 3);
    let all = expected(None);
    let mut seen = 0;
    for group in groups {
        let statements: usize = group["areas"]
            .as_array()
            .expect("areas")
            .iter()
            .map(|a| a["statements"].as_array().expect("statements").len())
            .sum();
        for person in group["people"].as_array().expect("people") {
            seen += 1;
            let name = person["file"].as_str().expect("a file");
            let e = &all[name];
            assert_eq!(group["level"]["id"], e.level);
            assert_eq!(person["rated"], e.rated);
            assert_eq!(person["total"], e.total);
            assert_eq!(person["self_met"], e.self_met);
            assert_eq!(
                person["manager_met"].as_u64(),
                e.manager_met.map(|v| v as u64)
            );
            assert_eq!(person["gaps"].as_u64(), e.gaps.map(|v| v as u64));
            assert_eq!(person["self"]["round"], e.round);
            assert_eq!(person["self"]["finished"].is_string(), e.is_final, "{name}");
            let cells = person["statements"].as_array().expect("cells");
            assert_eq!(cells.len(), statements);
            for (cell, m) in cells.iter().zip(&e.own) {
                let want = match m {
                    M::V(v) => serde_json::json!(v),
                    M::Na => serde_json::json!("n/a"),
                    M::Unrated => serde_json::Value::Null,
                };
                assert_eq!(cell["self"], want, "{name}");
            }
        }
    }
    assert_eq!(seen, 30);
}

#[test]
fn as_names_whose_rounds_stand_beside_self() {
    let home = team_home();
    let run = run(
        home.path(),
        &["team", "team", "--format", "csv", "--as", "Noor Haddad"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let (header, rows) = csv_rows(&run.stdout);
    let all = expected(Some("Noor Haddad"));
    for row in &rows {
        let name = row[column(&header, "file")].as_str();
        let e = &all[name];
        assert_eq!(
            row[column(&header, "manager")],
            e.manager.unwrap_or(""),
            "{name}"
        );
        assert_eq!(
            row[column(&header, "manager_met")],
            e.manager_met.map_or(String::new(), |v| v.to_string()),
            "{name}"
        );
    }
    assert!(
        rows.iter()
            .any(|r| r[column(&header, "manager")] == "Noor Haddad")
    );
    let markdown = common::run(home.path(), &["team", "team", "--as", "Noor Haddad"]);
    assert!(
        markdown
            .stdout
            .contains("beside it: Noor Haddad's latest review")
    );
}

#[test]
fn markdown_by_statement_is_the_calibration_grid() {
    let home = team_home();
    let run = run(home.path(), &["team", "team", "--by", "statement"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_tables_whole(&run.stdout);
    let all = expected(None);
    let text = |m: M| match m {
        M::V(v) => v.to_string(),
        M::Na => "n/a".to_owned(),
        M::Unrated => "—".to_owned(),
    };
    for e in all.values() {
        let cells: Vec<String> = e
            .own
            .iter()
            .zip(&e.theirs)
            .map(|(o, t)| {
                let mut cell = text(*o);
                if e.manager.is_some() {
                    cell = format!("{cell} · {}", text(*t));
                    if let (M::V(a), M::V(b)) = (o, t)
                        && a.abs_diff(*b) >= 2
                    {
                        cell.push_str(" !");
                    }
                }
                cell
            })
            .collect();
        let row = format!(
            "| {}{} | {} | {} |",
            e.name.replace('|', "\\|"),
            if e.flagged { " ⚠" } else { "" },
            e.manager.unwrap_or("—"),
            cells.join(" | ")
        );
        assert!(run.stdout.contains(&row), "{row}\nnot in\n{}", run.stdout);
    }
    assert!(run.stdout.contains("| Qualité & Fiabilité 1 | I write a test for each change I make, before I ask for review. |"));
}

#[test]
fn growth_areas_need_enough_raters_and_most_of_them_below() {
    let home = team_home();
    let run = run(home.path(), &["team", "team", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let all = expected(None);
    for group in json["groups"].as_array().expect("groups") {
        let level = group["level"]["id"].as_str().expect("id");
        let rows: Vec<&Expected> = all.values().filter(|e| e.level == level).collect();
        let mut want = Vec::new();
        for (j, key) in keys(level).iter().enumerate() {
            // Each person once: rated when any of their files rates it,
            // below when any rates it below met.
            let mut people: BTreeMap<&str, bool> = BTreeMap::new();
            for e in &rows {
                if let M::V(v) = e.own[j] {
                    *people.entry(e.person.as_str()).or_default() |= v < MET_FROM;
                }
            }
            let below = people.values().filter(|b| **b).count();
            if people.len() >= 3 && below * 2 > people.len() {
                want.push((key.to_string(), below, people.len()));
            }
        }
        let mut got: Vec<(String, usize, usize)> = group["growth"]
            .as_array()
            .expect("growth")
            .iter()
            .map(|g| {
                (
                    g["key"].as_str().expect("key").to_owned(),
                    g["below"].as_u64().expect("n") as usize,
                    g["rated"].as_u64().expect("n") as usize,
                )
            })
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{level}");
        assert!(
            !want.is_empty(),
            "{level}: the team has shared growth areas"
        );
    }
}

#[test]
fn html_has_a_heat_table_per_group() {
    let home = team_home();
    for by in ["person", "statement"] {
        let run = run(
            home.path(),
            &["team", "team", "--format", "html", "--by", by],
        );
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert_safe(&run.stdout);
        assert_eq!(
            run.stdout.matches(r#"<table class="heat">"#).count(),
            2,
            "{by}"
        );
        assert_eq!(
            run.stdout.matches(r#"<tr><td class="who">"#).count(),
            30,
            "{by}"
        );
        assert!(run.stdout.contains("=Gus | Ops"), "{by}");
    }
}

#[test]
fn tui_and_format_do_not_go_together() {
    let home = team_home();
    let run = run(home.path(), &["team", "team", "--tui", "--format", "csv"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

/// Used by the calibration grid tests and benches: the same folder.
#[test]
fn the_folder_has_thirty_files() {
    let dir = tempfile::tempdir().expect("tmp");
    write_team(dir.path());
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 30);
}
