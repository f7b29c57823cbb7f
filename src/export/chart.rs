//! The geometry of the charts: pure functions from averages to points on a
//! drawing. No text, no markup: `svg` turns these numbers into a picture.

/// A point of the drawing, in SVG user units (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// The values a chart's axis spans: `origin` at the centre of a radar (the
/// start of a bar), `top` on its outer ring (the end of a bar).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub origin: f64,
    pub top: f64,
}

impl Range {
    /// The range for a scale from `lowest` to `highest`. The centre is one
    /// point below the lowest value (0 for a scale that starts at 0), so the
    /// lowest rating still draws a visible shape, while a 0 on a scale from
    /// 0 sits at the centre.
    pub fn of_scale(lowest: u8, highest: u8) -> Range {
        let origin = f64::from(lowest.saturating_sub(1));
        let top = f64::from(highest).max(origin + 1.0);
        Range { origin, top }
    }

    /// Where `value` sits between the centre (0.0) and the top (1.0); values
    /// outside the range are held at its ends.
    pub fn fraction(&self, value: f64) -> f64 {
        ((value - self.origin) / (self.top - self.origin)).clamp(0.0, 1.0)
    }
}

/// A radar (spider) chart: one spoke per area, the first pointing up, the
/// others following clockwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Radar {
    pub centre: Point,
    pub radius: f64,
}

/// How a label's text hangs from its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Radar {
    /// The angle of spoke `index` of `count`, in radians from the upward
    /// direction, clockwise.
    pub fn angle(index: usize, count: usize) -> f64 {
        std::f64::consts::TAU * index as f64 / count.max(1) as f64
    }

    /// The point `fraction` of the way out along spoke `index` of `count`.
    pub fn point(&self, index: usize, count: usize, fraction: f64) -> Point {
        let angle = Self::angle(index, count);
        let length = self.radius * fraction;
        Point {
            x: self.centre.x + length * angle.sin(),
            y: self.centre.y - length * angle.cos(),
        }
    }

    /// The outline of one series: a corner per area at its average. An area
    /// with no average (nothing rated) has its corner at the centre.
    pub fn outline(&self, range: Range, averages: &[Option<f64>]) -> Vec<Point> {
        let count = averages.len();
        averages
            .iter()
            .enumerate()
            .map(|(i, avg)| self.point(i, count, avg.map_or(0.0, |v| range.fraction(v))))
            .collect()
    }

    /// A grid ring through every spoke at `fraction` of the radius.
    pub fn ring(&self, count: usize, fraction: f64) -> Vec<Point> {
        (0..count).map(|i| self.point(i, count, fraction)).collect()
    }

    /// Where the label of spoke `index` goes, `gap` beyond the outer ring,
    /// and which way its text runs: to the right of spokes on the right, to
    /// the left of those on the left, centred at the top and the bottom.
    pub fn label(&self, index: usize, count: usize, gap: f64) -> (Point, Anchor) {
        let point = self.point(index, count, 1.0 + gap / self.radius);
        let sin = Self::angle(index, count).sin();
        let anchor = if sin > 0.2 {
            Anchor::Start
        } else if sin < -0.2 {
            Anchor::End
        } else {
            Anchor::Middle
        };
        (point, anchor)
    }
}

/// The length of a bar for `value` on a chart `width` units wide.
pub fn bar_length(range: Range, value: f64, width: f64) -> f64 {
    range.fraction(value) * width
}

/// A coordinate as SVG text: one decimal, never `-0.0`.
pub fn coordinate(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    format!("{rounded:.1}")
}

/// The `points` attribute of a polygon.
pub fn points_attribute(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", coordinate(p.x), coordinate(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RADAR: Radar = Radar {
        centre: Point { x: 100.0, y: 100.0 },
        radius: 80.0,
    };

    fn close(a: Point, b: (f64, f64)) -> bool {
        (a.x - b.0).abs() < 1e-9 && (a.y - b.1).abs() < 1e-9
    }

    #[test]
    fn a_scale_from_one_has_its_centre_at_zero() {
        let range = Range::of_scale(1, 4);
        assert_eq!(
            range,
            Range {
                origin: 0.0,
                top: 4.0
            }
        );
        assert_eq!(range.fraction(1.0), 0.25, "the lowest rating is not lost");
        assert_eq!(range.fraction(4.0), 1.0);
        assert_eq!(range.fraction(2.0), 0.5);
    }

    #[test]
    fn a_scale_from_zero_puts_zero_at_the_centre() {
        let range = Range::of_scale(0, 4);
        assert_eq!(
            range,
            Range {
                origin: 0.0,
                top: 4.0
            }
        );
        assert_eq!(range.fraction(0.0), 0.0);
        assert_eq!(range.fraction(3.0), 0.75);
    }

    #[test]
    fn a_scale_high_up_starts_one_point_below_its_lowest() {
        let range = Range::of_scale(5, 9);
        assert_eq!(
            range,
            Range {
                origin: 4.0,
                top: 9.0
            }
        );
        assert_eq!(range.fraction(5.0), 0.2);
        assert_eq!(range.fraction(7.0), 0.6);
    }

    #[test]
    fn values_outside_the_scale_stay_on_the_chart() {
        let range = Range::of_scale(1, 4);
        assert_eq!(range.fraction(-3.0), 0.0);
        assert_eq!(range.fraction(12.0), 1.0);
        assert!(
            Range::of_scale(0, 0).fraction(0.0).is_finite(),
            "a one-point scale never divides by zero"
        );
    }

    #[test]
    fn three_areas_known_averages() {
        let range = Range::of_scale(1, 4);
        let points = RADAR.outline(range, &[Some(4.0), Some(2.0), Some(1.0)]);
        assert_eq!(points.len(), 3);
        // Straight up, at the top of the scale: the full radius.
        assert!(close(points[0], (100.0, 20.0)), "{:?}", points[0]);
        // 120° clockwise, half way out (2 of 4): 40 units.
        let (s, c) = (120f64.to_radians().sin(), 120f64.to_radians().cos());
        assert!(
            close(points[1], (100.0 + 40.0 * s, 100.0 - 40.0 * c)),
            "{:?}",
            points[1]
        );
        assert!((points[1].y - 120.0).abs() < 1e-9, "below the centre");
        // 240°, a quarter out (1 of 4): 20 units, left and below.
        assert!(points[2].x < 100.0 && points[2].y > 100.0);
        let distance = ((points[2].x - 100.0).powi(2) + (points[2].y - 100.0).powi(2)).sqrt();
        assert!((distance - 20.0).abs() < 1e-9);
    }

    #[test]
    fn an_area_at_zero_and_an_unrated_one_sit_at_the_centre() {
        let range = Range::of_scale(0, 4);
        let points = RADAR.outline(range, &[Some(0.0), None, Some(4.0), Some(4.0)]);
        assert!(close(points[0], (100.0, 100.0)));
        assert!(close(points[1], (100.0, 100.0)));
        // The third of four spokes points straight down.
        assert!(close(points[2], (100.0, 180.0)), "{:?}", points[2]);
        assert!(close(points[3], (20.0, 100.0)), "{:?}", points[3]);
    }

    #[test]
    fn twelve_areas_go_round_like_a_clock() {
        let ring = RADAR.ring(12, 1.0);
        assert_eq!(ring.len(), 12);
        assert!(close(ring[0], (100.0, 20.0)), "twelve o'clock");
        assert!(close(ring[3], (180.0, 100.0)), "three o'clock");
        assert!(close(ring[6], (100.0, 180.0)), "six o'clock");
        assert!(close(ring[9], (20.0, 100.0)), "nine o'clock");
        for point in &ring {
            let distance = ((point.x - 100.0).powi(2) + (point.y - 100.0).powi(2)).sqrt();
            assert!((distance - 80.0).abs() < 1e-9);
        }
        let averages: Vec<Option<f64>> = (0..12).map(|i| Some(f64::from(i % 4 + 1))).collect();
        let outline = RADAR.outline(Range::of_scale(1, 4), &averages);
        assert!(close(outline[3], (180.0, 100.0)), "4 of 4 at three o'clock");
        assert!(
            close(outline[6], (100.0, 160.0)),
            "3 of 4 at six o'clock: 60 of 80"
        );
    }

    #[test]
    fn labels_hang_away_from_the_chart() {
        assert_eq!(RADAR.label(0, 4, 10.0).1, Anchor::Middle);
        assert_eq!(RADAR.label(1, 4, 10.0).1, Anchor::Start);
        assert_eq!(RADAR.label(2, 4, 10.0).1, Anchor::Middle);
        assert_eq!(RADAR.label(3, 4, 10.0).1, Anchor::End);
        assert!(close(RADAR.label(0, 4, 10.0).0, (100.0, 10.0)));
    }

    #[test]
    fn bars_and_coordinates() {
        let range = Range::of_scale(1, 4);
        assert_eq!(bar_length(range, 3.0, 200.0), 150.0);
        assert_eq!(bar_length(range, 0.0, 200.0), 0.0);
        assert_eq!(coordinate(-0.04), "0.0");
        assert_eq!(coordinate(12.345), "12.3");
        assert_eq!(
            points_attribute(&[Point { x: 1.0, y: 2.25 }, Point { x: 3.0, y: 4.0 }]),
            "1.0,2.3 3.0,4.0"
        );
    }
}
