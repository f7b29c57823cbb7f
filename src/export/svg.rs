//! The chart of a report as SVG: a radar of the average rating per area with
//! self, manager and the previous self round as three outlines, or bars when
//! a level has fewer than three areas. Each outline has its own line style
//! and marker, so the chart reads in greyscale too. Used alone
//! (`--format svg`) and inline in the HTML report.

use std::fmt::Write;

use super::chart::{Anchor, Point, Radar, Range, bar_length, coordinate, points_attribute};
use super::report::{Report, Round};
use super::xml::escape;
use crate::present::fit;

/// The longest area name drawn on the chart, in columns; tables show it whole.
const LABEL_WIDTH: usize = 32;
const RADAR_RADIUS: f64 = 140.0;
const WIDTH: f64 = 760.0;
const LEGEND_ROW: f64 = 22.0;

/// One of the (up to) three outlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Own,
    Manager,
    Previous,
}

impl Kind {
    /// The CSS class, which also names the series in tests.
    pub fn class(self) -> &'static str {
        match self {
            Kind::Own => "self",
            Kind::Manager => "manager",
            Kind::Previous => "previous",
        }
    }

    fn colour(self) -> &'static str {
        match self {
            Kind::Own => "#1b4f9c",
            Kind::Manager => "#b5461a",
            Kind::Previous => "#555555",
        }
    }

    /// Solid, dashed and dotted: the outlines differ without colour.
    fn dash(self) -> &'static str {
        match self {
            Kind::Own => "",
            Kind::Manager => r#" stroke-dasharray="8 4""#,
            Kind::Previous => r#" stroke-dasharray="2 3""#,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Own => "Self",
            Kind::Manager => "Manager",
            Kind::Previous => "Previous self round",
        }
    }

    /// A circle, a square or a diamond at `p`.
    fn marker(self, out: &mut String, p: Point) -> std::fmt::Result {
        let (x, y) = (coordinate(p.x), coordinate(p.y));
        let colour = self.colour();
        match self {
            Kind::Own => writeln!(
                out,
                r#"<circle class="marker self" cx="{x}" cy="{y}" r="4" fill="{colour}"/>"#
            ),
            Kind::Manager => writeln!(
                out,
                r#"<rect class="marker manager" x="{}" y="{}" width="8" height="8" fill="{colour}"/>"#,
                coordinate(p.x - 4.0),
                coordinate(p.y - 4.0)
            ),
            Kind::Previous => writeln!(
                out,
                r##"<path class="marker previous" d="M{x} {} l5 5 -5 5 -5 -5z" fill="#ffffff" stroke="{colour}" stroke-width="1.5"/>"##,
                coordinate(p.y - 5.0)
            ),
        }
    }
}

/// One outline: its kind, its legend text and an average per area.
#[derive(Debug)]
pub struct Series {
    pub kind: Kind,
    pub legend: String,
    pub averages: Vec<Option<f64>>,
}

fn legend(kind: Kind, round: &Round) -> String {
    format!(
        "{}: {}, round {}, updated {}",
        kind.name(),
        round.assessor,
        round.round,
        round.updated
    )
}

/// The series a report has something to draw for, in legend order: a round
/// that does not exist, or in which nothing is rated, draws nothing.
pub fn series(report: &Report) -> Vec<Series> {
    let rounds = [
        (Kind::Own, &report.own),
        (Kind::Manager, &report.manager),
        (Kind::Previous, &report.previous_self),
    ];
    rounds
        .into_iter()
        .filter_map(|(kind, round)| {
            let round = round.as_ref()?;
            let averages: Vec<Option<f64>> = report
                .areas
                .iter()
                .map(|a| match kind {
                    Kind::Own => a.counts.self_average,
                    Kind::Manager => a.counts.manager_average,
                    Kind::Previous => a.previous_self_average,
                })
                .collect();
            averages.iter().any(Option::is_some).then(|| Series {
                kind,
                legend: legend(kind, round),
                averages,
            })
        })
        .collect()
}

fn range(report: &Report) -> Range {
    let lowest = report.scale.first().map_or(0, |p| p.value);
    let highest = report.scale.last().map_or(0, |p| p.value);
    Range::of_scale(lowest, highest)
}

/// A standalone SVG file: the chart with an XML declaration.
pub fn render(report: &Report) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&chart(report));
    out
}

/// The `<svg>` element of the report's chart: a radar for three areas or
/// more, bars below that.
pub fn chart(report: &Report) -> String {
    let mut out = String::new();
    let series = series(report);
    // Writing to a String cannot fail.
    let _ = if report.areas.len() >= 3 {
        radar(&mut out, report, &series)
    } else {
        bars(&mut out, report, &series)
    };
    out
}

fn open(out: &mut String, report: &Report, height: f64, kind: &str) -> std::fmt::Result {
    let title = format!(
        "Average rating per area: {} — {}, {}",
        report.person, report.craft.name, report.level.name
    );
    let scale: Vec<String> = report
        .scale
        .iter()
        .map(|p| format!("{} {}", p.value, p.label))
        .collect();
    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart {kind}" viewBox="0 0 {WIDTH} {h}" width="{WIDTH}" height="{h}" role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" font-size="12">"#,
        h = coordinate(height)
    )?;
    writeln!(out, r#"<title id="chart-title">{}</title>"#, escape(&title))?;
    let blind: String = report
        .blind
        .iter()
        .map(|round| {
            format!(
                " Blind round: {}; not shown until both sides have signed off or it is revealed.",
                round.describe(|s| s.to_owned())
            )
        })
        .collect();
    writeln!(
        out,
        r#"<desc id="chart-desc">Scale: {}. Further out is higher.{}</desc>"#,
        escape(&scale.join(", ")),
        escape(&blind)
    )?;
    writeln!(
        out,
        r##"<rect x="0" y="0" width="{WIDTH}" height="{}" fill="#ffffff"/>"##,
        coordinate(height)
    )
}

fn anchor(anchor: Anchor) -> &'static str {
    match anchor {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
        Anchor::End => "end",
    }
}

fn radar(out: &mut String, report: &Report, series: &[Series]) -> std::fmt::Result {
    let count = report.areas.len();
    let top = 40.0;
    let radar = Radar {
        centre: Point {
            x: WIDTH / 2.0,
            y: top + RADAR_RADIUS,
        },
        radius: RADAR_RADIUS,
    };
    let legend_top = top + 2.0 * RADAR_RADIUS + 40.0;
    let height = legend_top + LEGEND_ROW * series.len().max(1) as f64 + 8.0;
    open(out, report, height, "radar")?;
    let range = range(report);

    // The grid: a ring per scale point, a spoke per area.
    writeln!(
        out,
        r##"<g class="grid" fill="none" stroke="#c8c8c8" stroke-width="1">"##
    )?;
    for point in &report.scale {
        let fraction = range.fraction(f64::from(point.value));
        if fraction > 0.0 {
            writeln!(
                out,
                r#"<polygon class="ring" points="{}"/>"#,
                points_attribute(&radar.ring(count, fraction))
            )?;
        }
    }
    for i in 0..count {
        let end = radar.point(i, count, 1.0);
        writeln!(
            out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
            coordinate(radar.centre.x),
            coordinate(radar.centre.y),
            coordinate(end.x),
            coordinate(end.y)
        )?;
    }
    writeln!(out, "</g>")?;
    writeln!(
        out,
        r##"<g class="ring-values" fill="#777777" font-size="10">"##
    )?;
    for point in &report.scale {
        let fraction = range.fraction(f64::from(point.value));
        if fraction > 0.0 {
            let at = radar.point(0, count, fraction);
            writeln!(
                out,
                r#"<text x="{}" y="{}">{}</text>"#,
                coordinate(at.x + 5.0),
                coordinate(at.y + 11.0),
                point.value
            )?;
        }
    }
    writeln!(out, "</g>")?;

    // The outlines, the previous round at the back.
    for s in series.iter().rev() {
        let colour = s.kind.colour();
        let fill = if s.kind == Kind::Own {
            format!(r#"fill="{colour}" fill-opacity="0.12""#)
        } else {
            r#"fill="none""#.to_owned()
        };
        let corners = radar.outline(range, &s.averages);
        writeln!(out, r#"<g class="series {}">"#, s.kind.class())?;
        writeln!(
            out,
            r#"<polygon class="series {}" points="{}" {fill} stroke="{colour}" stroke-width="2"{} stroke-linejoin="round"/>"#,
            s.kind.class(),
            points_attribute(&corners),
            s.kind.dash()
        )?;
        for (corner, average) in corners.iter().zip(&s.averages) {
            if average.is_some() {
                s.kind.marker(out, *corner)?;
            }
        }
        writeln!(out, "</g>")?;
    }

    // The area names around the chart.
    writeln!(out, r##"<g class="labels" fill="#222222">"##)?;
    for (i, area) in report.areas.iter().enumerate() {
        let (at, side) = radar.label(i, count, 14.0);
        writeln!(
            out,
            r#"<text x="{}" y="{}" text-anchor="{}" dominant-baseline="middle">{}</text>"#,
            coordinate(at.x),
            coordinate(at.y),
            anchor(side),
            escape(&fit(&area.name, LABEL_WIDTH))
        )?;
    }
    writeln!(out, "</g>")?;
    legend_rows(out, series, legend_top)?;
    writeln!(out, "</svg>")
}

fn legend_rows(out: &mut String, series: &[Series], top: f64) -> std::fmt::Result {
    writeln!(out, r#"<g class="legend">"#)?;
    if series.is_empty() {
        writeln!(
            out,
            r##"<text x="40" y="{}" fill="#222222">Nothing rated yet.</text>"##,
            coordinate(top + 12.0)
        )?;
    }
    for (row, s) in series.iter().enumerate() {
        let y = top + LEGEND_ROW * row as f64 + 8.0;
        let colour = s.kind.colour();
        writeln!(
            out,
            r#"<line x1="40" y1="{y}" x2="84" y2="{y}" stroke="{colour}" stroke-width="2"{}/>"#,
            s.kind.dash(),
            y = coordinate(y)
        )?;
        s.kind.marker(out, Point { x: 62.0, y })?;
        writeln!(
            out,
            r##"<text x="96" y="{}" dominant-baseline="middle" fill="#222222">{}</text>"##,
            coordinate(y),
            escape(&s.legend)
        )?;
    }
    writeln!(out, "</g>")
}

/// Bars for a level with one or two areas: a radar needs three spokes.
fn bars(out: &mut String, report: &Report, series: &[Series]) -> std::fmt::Result {
    let (left, right) = (40.0, WIDTH - 170.0);
    let width = right - left;
    let bar_height = 16.0;
    let group = 28.0 + bar_height * 1.5 * series.len().max(1) as f64;
    let top = 30.0;
    let axis = top + group * report.areas.len() as f64;
    let legend_top = axis + 36.0;
    let height = legend_top + LEGEND_ROW * series.len().max(1) as f64 + 8.0;
    open(out, report, height, "bars")?;
    let range = range(report);
    writeln!(
        out,
        r##"<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="{}" stroke-width="3"/></pattern></defs>"##,
        Kind::Manager.colour()
    )?;
    // A grid line per scale point, its value below the axis.
    writeln!(
        out,
        r##"<g class="grid" stroke="#c8c8c8" stroke-width="1" fill="#777777" font-size="10">"##
    )?;
    for point in &report.scale {
        let x = coordinate(left + bar_length(range, f64::from(point.value), width));
        writeln!(
            out,
            r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}"/><text x="{x}" y="{}" text-anchor="middle" stroke="none">{}</text>"#,
            coordinate(top),
            coordinate(axis),
            coordinate(axis + 14.0),
            point.value
        )?;
    }
    writeln!(out, "</g>")?;
    for (i, area) in report.areas.iter().enumerate() {
        let y0 = top + group * i as f64;
        writeln!(out, r#"<g class="area">"#)?;
        writeln!(
            out,
            r##"<text x="{}" y="{}" fill="#222222" font-weight="bold">{}</text>"##,
            coordinate(left),
            coordinate(y0 + 14.0),
            escape(&fit(&area.name, 80))
        )?;
        for (row, s) in series.iter().enumerate() {
            let y = y0 + 22.0 + bar_height * 1.5 * row as f64;
            let colour = s.kind.colour();
            let Some(average) = s.averages[i] else {
                writeln!(
                    out,
                    r##"<text x="{}" y="{}" dominant-baseline="middle" fill="#555555">{}: not rated</text>"##,
                    coordinate(left + 4.0),
                    coordinate(y + bar_height / 2.0),
                    s.kind.name()
                )?;
                continue;
            };
            let length = bar_length(range, average, width);
            let fill = match s.kind {
                Kind::Own => colour.to_owned(),
                Kind::Manager => "url(#hatch)".to_owned(),
                Kind::Previous => "#ffffff".to_owned(),
            };
            writeln!(
                out,
                r#"<rect class="bar {}" x="{}" y="{}" width="{}" height="{bar_height}" fill="{fill}" stroke="{colour}" stroke-width="1.5"{}/>"#,
                s.kind.class(),
                coordinate(left),
                coordinate(y),
                coordinate(length),
                s.kind.dash()
            )?;
            writeln!(
                out,
                r##"<text x="{}" y="{}" dominant-baseline="middle" fill="#222222">{} {average:.1}</text>"##,
                coordinate(left + length + 6.0),
                coordinate(y + bar_height / 2.0),
                s.kind.name()
            )?;
        }
        writeln!(out, "</g>")?;
    }
    legend_rows(out, series, legend_top)?;
    writeln!(out, "</svg>")
}
