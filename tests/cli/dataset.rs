//! The embedded dataset is the seed page, word for word, and importing the
//! page gives exactly the embedded framework.

use crate::common;

use std::path::Path;

use common::*;
use rungs::model::Framework;
use rungs::store::Catalog;

fn embedded() -> Framework {
    Catalog::load(Path::new("/nonexistent"))
        .find("vaarst")
        .expect("embedded")
        .clone()
}

#[test]
fn the_dataset_is_the_seed_page_word_for_word() {
    let framework = embedded();
    assert_eq!(framework.name, "Vaarst Career Framework");
    let craft = framework.craft("devops-engineer").expect("the craft");
    assert_eq!(craft.name, "DevOps Engineer");
    let level = craft.level("level-4").expect("the level");
    assert_eq!((level.title.as_str(), level.rank), ("Level 4 (Mid)", 4));
    assert_eq!(
        level.summary.as_deref(),
        Some(
            "I am prolific at delivering resilient and sustainable processes, security and automtion from design to implementation and rollout"
        )
    );
    assert_eq!(
        level.focus.as_deref(),
        // The page has no-break spaces in this paragraph: kept, word for word.
        Some(
            "My\u{a0}primary craft focus is consistently delivering high-quality operations, automation and security.\u{a0}I am\u{a0}beginning to develop skills in designing infrastructure and translating product or business requirements into simple projects."
        )
    );
    let expected: [(&str, &str, &[&str]); 5] = [
        (
            "engineering-maturity",
            "Engineering Maturity",
            &[
                "I am able to pitch my engineering approach at an appropriate level (in both scale and resiliance) most of the time.",
                "I have built myself a working knowledge of practices, patterns, approaches and principles. I am applying them daily with the guidance of my team.",
                "I guide more junior team members on their understanding, by providing a rounded narrative on practices, patterns, approaches and principles, the problem they solve and why the team uses them.",
            ],
        ),
        (
            "infrastructure-and-operations",
            "Infrastructure and Operations",
            &[
                "I design, automate, deploy and manage parts of system infrastructure and the software packages on them. I contribute toward larger systems with my team.",
                "Effectively integrate new areas of systems into existing approaches to observability and instrumentation, improving them where necessary.",
                "I contribute a security perspective towards decisions in my teams. I bear it in mind when designing systems and processes.",
                "When I design components I consider reliability, resiliance, elasticity, maintainability, observability, telemetry, financial constraints, and site reliability.",
            ],
        ),
        (
            "automation",
            "Automation",
            &[
                "I identify opportunities for automation, and apply it.",
                "I understand the fundamentals of best practice approaches and can apply them with the guidance of my team.",
                "I engage and support the development team in automating development activities such as build, lint, test, deployment and release.",
            ],
        ),
        (
            "software-development",
            "Software Development",
            &[
                "I understand best practice in software engineering and when to apply them, including methodologies, frameworks and value-centric delivery. I am look for opportunities to apply them to my own work.",
                "I have a good grasp of most languages I use, and am able to work with them effectively.",
                "Best practices are usually apparent in my work.",
            ],
        ),
        (
            "process-design",
            "Process Design",
            &[
                "With the help of my team, I adapt processes to deliver the most value and reduce waste.",
                "I ensure that processes support an autonomous approach.",
            ],
        ),
    ];
    assert_eq!(level.areas.len(), 5);
    for (area, (id, name, statements)) in level.areas.iter().zip(expected) {
        assert_eq!((area.id.as_str(), area.name.as_str()), (id, name));
        let texts: Vec<&str> = area.statements.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, statements);
        let ids: Vec<String> = area.statements.iter().map(|s| s.id.clone()).collect();
        let numbered: Vec<String> = (1..=statements.len()).map(|n| n.to_string()).collect();
        assert_eq!(ids, numbered);
    }
    assert_eq!(framework.statement_count(), 15);
}

#[test]
fn importing_the_seed_page_gives_the_embedded_framework() {
    let home = home(false);
    let out = home.path().join("vaarst.toml");
    let page = fixture("devops-engineer-level4.md");
    let run = run(
        home.path(),
        &[
            "import",
            "--id",
            "vaarst",
            "--force",
            page.to_str().expect("utf-8"),
            "-o",
            out.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("1 craft(s), 15 statements"),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(&out).expect("written");
    let imported = rungs::store::read::parse_framework(&out, &text).expect("valid");
    assert_eq!(imported, embedded());
    // Byte for byte too, but for the embedded file's comment lines.
    let embedded_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks/vaarst.toml"),
    )
    .expect("read");
    let without_comments: String = embedded_text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(text, without_comments);
}

#[test]
fn import_defaults_the_id_to_a_slug_and_writes_to_stdout() {
    let home = home(false);
    let run = run(
        home.path(),
        &[
            "import",
            fixture("devops-engineer-level4.md")
                .to_str()
                .expect("utf-8"),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("id = \"vaarst-career-framework\""));
}

#[test]
fn pages_of_several_levels_and_crafts_merge() {
    let home = home(false);
    let seed = std::fs::read_to_string(fixture("devops-engineer-level4.md")).expect("seed");
    let level5 = seed
        .replace("title: Level 4 (Mid)", "title: Level 5 (Senior)")
        .replace("nav_order: 2", "nav_order: 3");
    let other_craft = seed.replace(
        "parent: DevOps Engineer Craft",
        "parent: Data Engineer Craft",
    );
    let dir = home.path();
    std::fs::write(dir.join("l5.md"), level5).expect("write");
    std::fs::write(dir.join("data.md"), other_craft).expect("write");
    let run = run(
        dir,
        &[
            "import",
            "--id",
            "vaarst",
            "--force",
            fixture("devops-engineer-level4.md")
                .to_str()
                .expect("utf-8"),
            "l5.md",
            "data.md",
            "-o",
            "merged.toml",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = std::fs::read_to_string(dir.join("merged.toml")).expect("written");
    let framework =
        rungs::store::read::parse_framework(Path::new("merged.toml"), &text).expect("valid");
    let ids: Vec<&str> = framework.crafts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["devops-engineer", "data-engineer"]);
    let levels: Vec<(&str, u32)> = framework.crafts[0]
        .levels
        .iter()
        .map(|l| (l.id.as_str(), l.rank))
        .collect();
    assert_eq!(levels, [("level-4", 4), ("level-5", 5)]);
}

#[test]
fn a_page_it_cannot_read_names_the_file_and_line() {
    let home = home(false);
    let dir = home.path();
    let seed = std::fs::read_to_string(fixture("devops-engineer-level4.md")).expect("seed");
    let cases = [
        (
            "no-front-matter.md",
            "# Just a heading\n\nText.\n".to_owned(),
            "no-front-matter.md:1:1",
            "no front matter",
        ),
        (
            "no-table.md",
            seed.lines().take(15).collect::<Vec<_>>().join("\n"),
            "no-table.md:",
            "no `| Area | Description |` table",
        ),
        (
            "bad-row.md",
            seed.replace(
                "| [Automation](/careerframework/devopsengineer#automation) |",
                "| [Automation](/x) | extra |",
            ),
            "bad-row.md:20:1",
            "3 cells",
        ),
        (
            "no-parent.md",
            seed.replace("parent: DevOps Engineer Craft\n", ""),
            "no-parent.md:1:1",
            "no `parent`",
        ),
    ];
    for (name, text, at, says) in cases {
        std::fs::write(dir.join(name), &text).expect("write");
        let run = run(dir, &["import", name]);
        assert_eq!(run.code, Some(2), "{name}: {}", run.stderr);
        assert!(run.stderr.contains(at), "{name} names {at}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{name}: {}", run.stderr);
        assert_eq!(
            std::fs::read_to_string(dir.join(name)).expect("read"),
            text,
            "untouched"
        );
    }
}
