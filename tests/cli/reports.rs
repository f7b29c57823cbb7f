//! The reports people look at: `rungs export --format html|svg`, `rungs team
//! --format html`, `rungs completions` and `rungs man`. The HTML is parsed
//! with a real HTML5 parser, the SVG with a strict XML parser, and both are
//! drawn by a real browser (Chromium, headless); groff renders the man page.
//! Without Chromium or groff those tests fail, saying how to install them or
//! to skip them on purpose with `RUNGS_TEST_SKIP` (see `required`).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::*;
use scraper::{Html, Selector};

fn export(home: &Path, profile: &Path, format: &str) -> String {
    let before = std::fs::read(profile).expect("read");
    let run = run(
        home,
        &[
            "export",
            "--format",
            format,
            "--profile",
            profile.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        std::fs::read(profile).expect("read"),
        before,
        "export never writes the profile"
    );
    run.stdout
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).expect("a valid selector");
    doc.select(&selector).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect()
}

/// What a page holds that could run, load or lead anywhere: nothing.
fn assert_inert(doc: &Html) {
    for css in [
        "script", "a", "img", "iframe", "object", "embed", "link", "base", "form", "input",
    ] {
        assert!(select(doc, css).is_empty(), "a <{css}> in the page");
    }
    assert_eq!(select(doc, "style").len(), 1, "one inline stylesheet");
    let csp = select(doc, r#"meta[http-equiv="Content-Security-Policy"]"#);
    assert_eq!(csp.len(), 1, "a Content-Security-Policy");
    let policy = csp[0].value().attr("content").expect("a policy");
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert!(!policy.contains("script-src"), "{policy}");
    for element in select(doc, "*") {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "an event handler attribute {name} on <{}>",
                element.value().name()
            );
            assert!(
                !matches!(name, "src" | "href" | "action" | "srcset" | "xlink:href"),
                "a reference {name}={value} on <{}>",
                element.value().name()
            );
            assert!(
                name == "xmlns" || !value.contains("http"),
                "an address in {name}={value}"
            );
        }
    }
}

#[test]
fn the_html_report_is_one_inert_page_with_the_chart_and_every_note() {
    let home = home(false);
    let html = export(home.path(), &fixture("report-profile.toml"), "html");
    assert_safe(&html);
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    assert_inert(&doc);

    assert_eq!(select(&doc, "svg").len(), 1, "exactly one chart");
    assert_eq!(
        select(&doc, "svg polygon.ring").len(),
        4,
        "a ring per scale point (1 to 4)"
    );
    let series: Vec<String> = select(&doc, "svg polygon.series")
        .iter()
        .map(|p| p.value().attr("class").expect("a class").to_owned())
        .collect();
    assert_eq!(
        series,
        ["series previous", "series manager", "series self"],
        "three outlines, the previous round at the back"
    );
    assert_eq!(select(&doc, "svg polygon").len(), 4 + 3, "no other polygon");
    for polygon in select(&doc, "svg polygon.series") {
        let points = polygon.value().attr("points").expect("points");
        assert_eq!(points.split(' ').count(), 5, "a corner per area: {points}");
    }
    // Told apart without colour: a line style and a marker each.
    let dashes: Vec<Option<&str>> = select(&doc, "svg polygon.series")
        .iter()
        .map(|p| p.value().attr("stroke-dasharray"))
        .collect();
    assert_eq!(dashes, [Some("2 3"), Some("8 4"), None]);
    assert_eq!(
        select(&doc, "svg circle.marker.self").len(),
        5 + 1,
        "and in the legend"
    );
    assert_eq!(select(&doc, "svg rect.marker.manager").len(), 5 + 1);
    assert_eq!(select(&doc, "svg path.marker.previous").len(), 5 + 1);
    let legend = text(&select(&doc, "svg g.legend")[0]);
    assert!(
        legend.contains("Self: Alex Doe, round 2, updated 2026-11-26"),
        "{legend}"
    );
    assert!(legend.contains("Manager: Sam Lee, round 1"), "{legend}");
    assert!(
        legend.contains("Previous self round: Alex Doe, round 1, updated 2026-05-20"),
        "{legend}"
    );

    // The self outline puts Engineering Maturity (3.0 of 4) three quarters up
    // the first spoke: centre (380, 180), radius 140.
    let own = select(&doc, "svg polygon.series.self")[0]
        .value()
        .attr("points")
        .expect("points");
    assert!(own.starts_with("380.0,75.0 "), "{own}");

    // The facts, the overview and a section per area.
    let h1 = text(&select(&doc, "h1")[0]);
    assert_eq!(h1, "Alex Doe — DevOps Engineer, Level 4 (Mid)");
    let facts = text(&select(&doc, "dl.facts")[0]);
    assert!(facts.contains("Previous self round"), "{facts}");
    assert!(facts.contains("met from 3 (Mostly)"), "{facts}");
    let areas = select(&doc, "section.area");
    assert_eq!(areas.len(), 5);
    let rows: Vec<usize> = areas
        .iter()
        .map(|a| a.select(&Selector::parse("tbody tr").expect("css")).count())
        .collect();
    assert_eq!(rows, [3, 4, 3, 3, 2], "a row per statement");
    let overview = text(&select(&doc, "section.overview table")[0]);
    assert!(
        overview.contains("Engineering Maturity2 / 33.02.31.7"),
        "{overview}"
    );
    assert!(overview.contains("Total9 / 142.82.5"), "{overview}");

    // Notes: the hostile one is text, every character of it; line breaks kept.
    let notes: Vec<String> = select(&doc, "td.notes").iter().map(text).collect();
    let hostile = notes
        .iter()
        .find(|n| n.contains("Hostile text stays text"))
        .expect("the hostile note");
    for piece in [
        "<script>alert(1)</script>",
        "</style>",
        r#""><img src=x onerror=alert(2)>"#,
        "& [a link](http://evil.example)",
    ] {
        assert!(hostile.contains(piece), "{piece} is lost from {hostile}");
    }
    let first = select(&doc, "section.area td.notes p.note")[0];
    assert_eq!(
        first.select(&Selector::parse("br").expect("css")).count(),
        1,
        "the note's second line"
    );
    assert!(text(&first).contains("wrote the ADR.\nPresented it"));

    let orphans = text(&select(&doc, "section.orphans")[0]);
    assert!(orphans.contains("level-3/retired-area/1"), "{orphans}");
    assert!(
        orphans.contains("From the framework of last year."),
        "{orphans}"
    );

    // The print stylesheet: A4, a page per area, no row cut in two.
    let style = text(&select(&doc, "style")[0]);
    for rule in [
        "size: A4",
        "section.area { break-before: page; }",
        "tr, dl.facts { break-inside: avoid; }",
    ] {
        assert!(
            style.contains(rule) || style.contains(&rule.replace("tr, dl", "figure.chart, tr, dl")),
            "{rule}"
        );
    }
}

#[test]
fn control_characters_in_notes_stay_visible_placeholders_in_html() {
    let home = home(false);
    let html = export(home.path(), &fixture("mixed-profile.toml"), "html");
    assert_safe(&html);
    let doc = Html::parse_document(&html);
    assert_inert(&doc);
    let notes: String = select(&doc, "td.notes").iter().map(text).collect();
    assert!(notes.contains("wipe ␛[2J clip ␛]52;c;cm0gLXJm␇"), "{notes}");
    assert!(notes.contains("[a link](http://evil.example) and <b>html</b>."));
    assert_eq!(
        select(&doc, "svg polygon.series").len(),
        2,
        "no earlier self round: self and manager only"
    );
    assert_eq!(
        text(&select(&doc, "h1")[0]),
        "Alex | Doe — DevOps Engineer, Level 4 (Mid)"
    );
    assert_eq!(text(&select(&doc, "tr.gap td.gap")[0]), "⚠ 2");
}

/// A framework of two areas on a scale from 0, names full of markup.
const TWO_AREAS: &str = r#"
format = 1
id = "duo"
name = "Duo <b>& \"co\"</b>"

[scale]
met_from = 2
points = [
  { value = 0, label = "Never" },
  { value = 1, label = "<i>Some</i>" },
  { value = 2, label = "Often" },
  { value = 3, label = "Always" },
]

[[crafts]]
id = "ops"
name = "Ops"

[[crafts.levels]]
id = "one"
rank = 1
title = "One"

[[crafts.levels.areas]]
id = "tools"
name = "Tools & <Things> \"quoted\" 'single'"
statements = [{ id = "1", text = "I <script>alert(1)</script>" }, { id = "2", text = "I b" }]

[[crafts.levels.areas]]
id = "people"
name = "People ]]> <![CDATA["
statements = [{ id = "1", text = "I c" }]
"#;

const TWO_AREAS_PROFILE: &str = r#"
format = 1
person = "Pat </title><script>x</script>"
framework = "duo"
craft = "ops"
level = "one"

[[assessments]]
role = "self"
assessor = "Pat"
started = 2026-01-01T00:00:00Z
updated = 2026-01-01T00:00:00Z

[[assessments.ratings]]
statement = "one/tools/1"
value = 0

[[assessments.ratings]]
statement = "one/tools/2"
value = 3

[[assessments.ratings]]
statement = "one/people/1"
value = 3

[[assessments]]
role = "manager"
assessor = "Kim & Co"
started = 2026-01-02T00:00:00Z
updated = 2026-01-02T00:00:00Z

[[assessments.ratings]]
statement = "one/tools/1"
value = 2
"#;

fn two_areas() -> (tempfile::TempDir, PathBuf) {
    let home = home(false);
    let frameworks = home.path().join("frameworks");
    std::fs::create_dir(&frameworks).expect("mkdir");
    std::fs::write(frameworks.join("duo.toml"), TWO_AREAS).expect("write");
    let profile = home.path().join("pat.toml");
    std::fs::write(&profile, TWO_AREAS_PROFILE).expect("write");
    (home, profile)
}

#[test]
fn fewer_than_three_areas_get_bars_on_a_scale_from_zero() {
    let (home, profile) = two_areas();
    let html = export(home.path(), &profile, "html");
    let doc = Html::parse_document(&html);
    assert_inert(&doc);
    assert_eq!(select(&doc, "svg").len(), 1);
    assert!(
        select(&doc, "svg polygon").is_empty(),
        "no radar for two areas"
    );
    let bars: Vec<(String, String)> = select(&doc, "svg rect.bar")
        .iter()
        .map(|r| {
            (
                r.value().attr("class").expect("class").to_owned(),
                r.value().attr("width").expect("width").to_owned(),
            )
        })
        .collect();
    // Self: tools 1.5 of 0..3 on 550 units, people 3.0 (the whole bar);
    // manager: tools 2.0, people not rated (no bar, a note instead).
    assert_eq!(
        bars,
        [
            ("bar self".to_owned(), "275.0".to_owned()),
            ("bar manager".to_owned(), "366.7".to_owned()),
            ("bar self".to_owned(), "550.0".to_owned()),
        ]
    );
    let chart = text(&select(&doc, "svg")[0]);
    assert!(chart.contains("Manager: not rated"), "{chart}");
    assert!(
        chart.contains("Tools & <Things> \"quoted\" 'single'"),
        "{chart}"
    );
    assert_eq!(
        text(&select(&doc, "title")[0]),
        "Pat </title><script>x</script> — Ops, One"
    );
    let statement = text(&select(&doc, "td.statement")[0]);
    assert_eq!(statement, "I <script>alert(1)</script>");
}

#[test]
fn the_svg_alone_is_well_formed_xml_with_its_text_escaped() {
    let (home, profile) = two_areas();
    let svg = export(home.path(), &profile, "svg");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert!(root.attribute("viewBox").is_some());
    let texts: Vec<&str> = root.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"People ]]> <![CDATA["), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Pat </title><script>x</script>"))
    );
    assert!(
        !root.descendants().any(|n| n.tag_name().name() == "script"),
        "no script element"
    );

    let home = home_with_nothing();
    let svg = export(home.path(), &fixture("report-profile.toml"), "svg");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let outlines = doc
        .descendants()
        .filter(|n| {
            n.tag_name().name() == "polygon"
                && n.attribute("class")
                    .is_some_and(|c| c.starts_with("series"))
        })
        .count();
    assert_eq!(outlines, 3);
}

fn home_with_nothing() -> tempfile::TempDir {
    home(false)
}

#[test]
fn the_team_page_is_a_heat_table_of_people_and_areas() {
    let home = home(true);
    let dir = home.path().join("team");
    std::fs::create_dir(&dir).expect("mkdir");
    for name in [
        "report-profile.toml",
        "mixed-profile.toml",
        "atelier-profile.toml",
    ] {
        std::fs::copy(fixture(name), dir.join(name)).expect("copy");
    }
    let run = run(
        home.path(),
        &["team", "--format", "html", dir.to_str().expect("utf-8")],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_safe(&run.stdout);
    let doc = Html::parse_document(&run.stdout);
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    assert_inert(&doc);
    let tables = select(&doc, "table.heat");
    assert_eq!(tables.len(), 2, "a table per framework · craft · level");
    let rows = select(&doc, "table.heat tbody tr");
    assert_eq!(rows.len(), 3, "a row per person");
    let people: Vec<String> = rows
        .iter()
        .map(|r| {
            text(
                &r.select(&Selector::parse("td").expect("css"))
                    .next()
                    .expect("a cell"),
            )
        })
        .collect();
    assert!(people.contains(&"Alex | Doe".to_owned()), "{people:?}");
    assert!(people.contains(&"Zoë Ångström".to_owned()), "{people:?}");
    // Each group has only its own level's areas as columns.
    let headers: Vec<Vec<String>> = tables
        .iter()
        .map(|t| {
            t.select(&Selector::parse("thead th").expect("css"))
                .map(|th| text(&th))
                .collect()
        })
        .collect();
    let vaarst = headers
        .iter()
        .find(|h| h.contains(&"Engineering Maturity".to_owned()))
        .expect("the vaarst table");
    assert!(
        !vaarst.contains(&"Transmission 🌱".to_owned()),
        "{vaarst:?}"
    );
    // Alex Doe (the report fixture) meets 2 of 3 in Engineering Maturity
    // (his manager 1): a half or more, the fourth shade.
    let alex = rows
        .iter()
        .find(|r| text(r).starts_with("Alex Doe"))
        .expect("Alex Doe's row");
    let cells: Vec<Vec<(String, String)>> = alex
        .select(&Selector::parse("td.cell").expect("css"))
        .map(|c| {
            c.select(&Selector::parse("span").expect("css"))
                .map(|s| (s.value().attr("class").expect("class").to_owned(), text(&s)))
                .collect()
        })
        .collect();
    assert_eq!(cells.len(), 5, "one cell per area of his level: {cells:?}");
    // Both sides, each shaded by its own share: self 2 of 3, Sam Lee 1.
    assert_eq!(
        cells[0],
        [
            ("side h3".to_owned(), "2".to_owned()),
            ("side h2".to_owned(), "1".to_owned()),
            ("of".to_owned(), "of 3".to_owned())
        ]
    );
    let sam = alex
        .select(&Selector::parse("td.cell span.side").expect("css"))
        .nth(1)
        .and_then(|s| s.value().attr("title").map(str::to_owned));
    assert_eq!(sam.as_deref(), Some("Sam Lee"), "the side is named");
}

#[test]
fn bash_completion_loads_and_covers_commands_and_flags() {
    let home = home(false);
    let script = run(home.path(), &["completions", "bash"]);
    assert_eq!(script.code, Some(0), "{}", script.stderr);
    for word in ["export", "team", "completions", "--format", "html", "svg"] {
        assert!(script.stdout.contains(word), "{word} is not completed");
    }
    let path = home.path().join("rungs.bash");
    std::fs::write(&path, &script.stdout).expect("write");
    let out = Process::new("bash")
        .arg("-c")
        .arg(format!("source '{}' && complete -p rungs", path.display()))
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("rungs"));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = run(home.path(), &["completions", shell]);
        assert_eq!(script.code, Some(0), "{shell}: {}", script.stderr);
        assert!(script.stdout.contains("export"), "{shell}");
        assert!(script.stdout.contains("format"), "{shell}");
    }
    let bad = run(home.path(), &["completions", "tcsh"]);
    assert_eq!(bad.code, Some(2));
}

/// The first of `names` on `PATH`.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// A program from outside that a test cannot do without. Missing, the test
/// fails and says how to install it, and how to skip the test on purpose:
/// `RUNGS_TEST_SKIP` names it, and the build marks the test ignored (see
/// build.rs), so every run lists it as skipped, with the reason.
fn required(what: &str, names: &[&str], package: &str, skip: &str) -> PathBuf {
    on_path(names).unwrap_or_else(|| {
        panic!(
            "{what} is not installed (none of {names:?} is on PATH), so this test cannot run.\n\
             Install it: `sudo apt-get install {package}` (Debian, Ubuntu; .ci/run does this),\n\
             or skip it on purpose: `RUNGS_TEST_SKIP={skip} cargo test` lists it as ignored."
        )
    })
}

/// The manual page as `rungs man` prints it.
fn man_page(home: &Path) -> String {
    let page = run(home, &["man"]);
    assert_eq!(page.code, Some(0), "{}", page.stderr);
    page.stdout
}

#[test]
fn the_man_page_is_ascii_roff() {
    let home = home(false);
    let page = man_page(home.path());
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq"),
        "roff from clap_mangen"
    );
    assert!(page.is_ascii(), "escaped for any groff");
}

#[test]
#[cfg_attr(
    rungs_skip = "groff",
    ignore = "RUNGS_TEST_SKIP names groff: the man page is not rendered"
)]
fn groff_renders_the_man_page_without_warnings() {
    let groff = required("groff", &["groff"], "groff-base", "groff");
    let home = home(false);
    let path = home.path().join("rungs.1");
    std::fs::write(&path, man_page(home.path())).expect("write");
    let out = Process::new(groff)
        .args(["-man", "-Tutf8", "-ww"])
        .arg(&path)
        .output()
        .expect("groff runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.trim().is_empty(),
        "groff: {stderr}"
    );
    // Bold and underline come as overstrikes: strip them to read the words.
    let shown = String::from_utf8_lossy(&out.stdout);
    let mut plain = String::new();
    for c in shown.chars() {
        if c == '\u{8}' {
            plain.pop();
        } else {
            plain.push(c);
        }
    }
    for words in [
        "RUNGS EXPORT",
        "--format <FORMAT>",
        "html: One self-contained page",
        "RUNGS COMPLETIONS",
        "RUNGS_HOME",
        "EXIT STATUS",
    ] {
        assert!(
            plain.contains(words),
            "{words} is not in the page:\n{plain}"
        );
    }
}

/// Runs a command, killing it after the tests' time limit: a stuck browser
/// fails the test instead of hanging it.
fn run_bounded(command: &mut Process) -> std::process::Output {
    let child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the browser starts");
    // The output is read on threads, so a chatty browser never blocks on a
    // full pipe; the exit is waited for with the limit.
    let (done, finished) = std::sync::mpsc::channel();
    let id = child.id();
    let waiter = std::thread::spawn(move || {
        let output = child.wait_with_output();
        let _ = done.send(());
        output
    });
    if finished.recv_timeout(timeout()).is_err() {
        let _ = Process::new("kill")
            .args(["-KILL", &id.to_string()])
            .status();
        panic!(
            "the browser did not finish within {:?} (RUNGS_TEST_TIMEOUT)",
            timeout()
        );
    }
    waiter
        .join()
        .expect("the waiting thread")
        .expect("the browser's output")
}

fn chromium() -> PathBuf {
    required(
        "Chromium",
        &["chromium", "chromium-browser", "google-chrome"],
        "chromium poppler-utils",
        "chromium",
    )
}

/// Where the browser lives while it draws: its profile (`--user-data-dir`),
/// and the home, config, cache and data folders it would otherwise take
/// from the person running the tests (Chromium keeps its crash reports in
/// the config folder whatever the profile), all in one temporary folder.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    const FOLDERS: [(&str, &str); 6] = [
        ("HOME", "home"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("TMPDIR", "tmp"),
    ];

    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("a folder for the browser");
        for (_, folder) in Sandbox::FOLDERS {
            std::fs::create_dir(dir.path().join(folder)).expect("mkdir");
        }
        Sandbox { dir }
    }

    fn folder(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The browser, with every folder it writes to inside the sandbox.
    fn browser(&self, browser: &Path) -> Process {
        let mut command = Process::new(browser);
        for (variable, folder) in Sandbox::FOLDERS {
            command.env(variable, self.folder(folder));
        }
        command.arg(format!(
            "--user-data-dir={}",
            self.folder("profile").display()
        ));
        command
    }
}

/// Draws `page` with headless Chromium into `out` (`--screenshot` or
/// `--print-to-pdf`).
fn draw(sandbox: &Sandbox, browser: &Path, page: &Path, flag: &str, out: &Path, size: &str) {
    let output = run_bounded(
        sandbox
            .browser(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-pdf-header-footer",
                "--no-first-run",
                &format!("--window-size={size}"),
                &format!("{flag}={}", out.display()),
            ])
            .arg(page),
    );
    assert!(
        output.status.success() && out.is_file(),
        "the browser failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// (pixels not white, distinct colours) of a PNG.
fn ink(path: &Path) -> (usize, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("the picture"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buffer).expect("a frame");
    let channels = info.color_type.samples();
    assert!(
        info.bit_depth == png::BitDepth::Eight && channels >= 3,
        "{info:?}"
    );
    let mut colours = std::collections::HashSet::new();
    let mut inked = 0;
    for pixel in buffer[..info.buffer_size()].chunks(channels) {
        let rgb = (pixel[0], pixel[1], pixel[2]);
        colours.insert(rgb);
        if rgb != (255, 255, 255) {
            inked += 1;
        }
    }
    (inked, colours.len())
}

fn pdf_pages(pdfinfo: &Path, path: &Path) -> usize {
    let out = Process::new(pdfinfo)
        .arg(path)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&out.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count from pdfinfo: {info}"))
}

#[test]
#[cfg_attr(
    rungs_skip = "chromium",
    ignore = "RUNGS_TEST_SKIP names chromium: the report is not drawn by a browser"
)]
fn a_real_browser_draws_the_report_the_chart_and_the_print() {
    let browser = chromium();
    let pdfinfo = required("pdfinfo", &["pdfinfo"], "poppler-utils", "chromium");
    let sandbox = Sandbox::new();
    let home = home(false);
    let dir = home.path();
    let html = export(dir, &fixture("report-profile.toml"), "html");
    let svg = export(dir, &fixture("report-profile.toml"), "svg");
    let (html_path, svg_path) = (dir.join("report.html"), dir.join("chart.svg"));
    std::fs::write(&html_path, html).expect("write");
    std::fs::write(&svg_path, svg).expect("write");

    let shot = dir.join("report.png");
    draw(
        &sandbox,
        &browser,
        &html_path,
        "--screenshot",
        &shot,
        "1000,1400",
    );
    let (inked, colours) = ink(&shot);
    assert!(
        inked > 20_000,
        "the page is nearly blank: {inked} pixels drawn"
    );
    assert!(
        colours > 20,
        "the page has {colours} colours: no chart in it"
    );

    let chart = dir.join("chart.png");
    draw(
        &sandbox,
        &browser,
        &svg_path,
        "--screenshot",
        &chart,
        "760,480",
    );
    let (inked, colours) = ink(&chart);
    assert!(
        inked > 5_000,
        "the chart is nearly blank: {inked} pixels drawn"
    );
    assert!(colours > 10, "the chart has {colours} colours");

    // Print: the overview on page 1, then a page per area (5), each short
    // enough for one page, the orphans after the last.
    let pdf = dir.join("report.pdf");
    draw(
        &sandbox,
        &browser,
        &html_path,
        "--print-to-pdf",
        &pdf,
        "1000,1400",
    );
    assert_eq!(pdf_pages(&pdfinfo, &pdf), 6);

    // Chromium keeps crash reports in the config folder whatever its
    // profile: they went to the sandbox's, and nothing went through HOME,
    // so none reach the folders of the person running the tests.
    assert!(
        sandbox.folder("config").join("chromium").is_dir(),
        "the browser's config files are in the sandbox's config folder"
    );
    let home: Vec<_> = std::fs::read_dir(sandbox.folder("home"))
        .expect("the sandbox's home")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(home.is_empty(), "the browser wrote into HOME: {home:?}");
}

/// The pictures under docs/ are drawn from docs/report.html, docs/chart.svg
/// and docs/team.html by scripts/screenshots.sh; those files must be what the
/// binary prints today, or the pictures are out of date.
#[test]
fn the_screenshots_in_docs_are_current() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let home = home(false);
    let report = fixture("report-profile.toml");
    for (file, format) in [("report.html", "html"), ("chart.svg", "svg")] {
        let stored = std::fs::read_to_string(docs.join(file)).expect("the stored page");
        assert!(
            stored == export(home.path(), &report, format),
            "docs/{file} is out of date: run scripts/screenshots.sh and commit docs/"
        );
    }
    let team = run(
        home.path(),
        &[
            "team",
            "--format",
            "html",
            fixture("report-profile.toml").to_str().expect("utf-8"),
            fixture("mixed-profile.toml").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(team.code, Some(0), "{}", team.stderr);
    assert!(
        std::fs::read_to_string(docs.join("team.html")).expect("the stored page") == team.stdout,
        "docs/team.html is out of date: run scripts/screenshots.sh and commit docs/"
    );
    for picture in ["report.png", "chart.png", "print-page-1.png", "team.png"] {
        let path = docs.join(picture);
        let (inked, _) = ink(&path);
        assert!(inked > 1_000, "docs/{picture} is blank");
    }
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    assert!(
        readme.contains("](docs/report.png)"),
        "the README shows the report"
    );
}

/// Columns of pixels at the right edge of a PNG that hold anything but white.
fn inked_at_right_edge(path: &Path, columns: usize) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("the picture"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buffer).expect("a frame");
    let channels = info.color_type.samples();
    let width = info.width as usize;
    buffer[..info.buffer_size()]
        .chunks(channels)
        .enumerate()
        .filter(|(i, pixel)| i % width >= width - columns && pixel[..3] != [255, 255, 255])
        .count()
}

/// A framework of twelve areas with long names and three people rated in
/// each: a team page as wide as they come.
fn wide_team(home: &Path) -> PathBuf {
    let mut framework = String::from(
        "format = 1\nid = \"wide\"\nname = \"Wide\"\n[[crafts]]\nid = \"c\"\nname = \"Craft\"\n[[crafts.levels]]\nid = \"l\"\nrank = 1\ntitle = \"Level\"\n",
    );
    for a in 1..=12 {
        framework.push_str(&format!(
            "[[crafts.levels.areas]]\nid = \"a{a}\"\nname = \"Area number {a} with a rather long name\"\nstatements = [{{ id = \"1\", text = \"I do thing {a}.\" }}]\n"
        ));
    }
    std::fs::create_dir_all(home.join("frameworks")).expect("mkdir");
    std::fs::write(home.join("frameworks/wide.toml"), framework).expect("write");
    let team = home.join("team");
    std::fs::create_dir(&team).expect("mkdir");
    for (i, name) in ["Alexandra Longname-Doe", "Bea Cruz", "Chen Wu"]
        .iter()
        .enumerate()
    {
        let mut profile = format!(
            "format = 1\nperson = \"{name}\"\nframework = \"wide\"\ncraft = \"c\"\nlevel = \"l\"\n\n[[assessments]]\nrole = \"self\"\nassessor = \"{name}\"\nstarted = 2026-09-01T09:00:00Z\nupdated = 2026-09-01T09:00:00Z\n"
        );
        for a in 1..=12 {
            profile.push_str(&format!(
                "[[assessments.ratings]]\nstatement = \"l/a{a}/1\"\nvalue = {}\n",
                1 + (a + i) % 4
            ));
        }
        std::fs::write(team.join(format!("p{i}.toml")), profile).expect("write");
    }
    team
}

#[test]
#[cfg_attr(
    rungs_skip = "chromium",
    ignore = "RUNGS_TEST_SKIP names chromium: the team page is not drawn by a browser"
)]
fn a_wide_team_page_stays_inside_the_window_in_a_real_browser() {
    let browser = chromium();
    let sandbox = Sandbox::new();
    let home = home(false);
    let team = wide_team(home.path());
    let run = run(
        home.path(),
        &["team", "--format", "html", team.to_str().expect("utf-8")],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = home.path().join("team.html");
    std::fs::write(&page, &run.stdout).expect("write");
    for size in ["1400,900", "1000,900"] {
        let shot = home.path().join("team.png");
        draw(&sandbox, &browser, &page, "--screenshot", &shot, size);
        let (inked, _) = ink(&shot);
        assert!(inked > 20_000, "the page is nearly blank at {size}");
        assert_eq!(
            inked_at_right_edge(&shot, 8),
            0,
            "the table runs into the right edge of a {size} window"
        );
    }
}
