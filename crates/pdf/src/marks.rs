//! A repair of the laid-out pages before they are written as PDF, so that vocalized Arabic
//! (harakat, tanwin, shadda) copies out without repeated letters.
//!
//! typst-layout 0.15.1 splits a line's glyphs into text items wherever the vertical offset
//! changes, and a mark placed above or below its letter has one. Each item carries the text of
//! its glyphs' clusters, so the letter's item and the mark's item both claim the whole cluster
//! `كَ`, and the PDF maps both glyphs to it: pdftotext (and copy and paste) gives `َكَك` for
//! `كَ`, a word no search finds. Here the mark's glyph gives up its claim (an empty text range,
//! which typst-pdf writes as a glyph without a Unicode mapping) and the letter's glyph keeps
//! the whole cluster, so it comes out once.
//!
//! What remains is poppler's: it reverses a right-to-left line character by character,
//! a cluster's characters included, so it prints the mark before its letter (`َكود`); with
//! the marks ignored, as Arabic search does, the words are right. Other splits were tried and
//! read worse: giving the marks to the mark's glyph puts them on a line of their own.
use std::collections::HashSet;
use std::ops::Range;

use typst::layout::{Frame, FrameItem, Point};
use typst::syntax::Span;
use typst::text::TextItem;

/// Points of advance below which an item is a mark's (marks advance by nothing).
const ZERO_WIDTH: f64 = 0.01;
/// How many text items around a mark's item are searched for its letter: a letter with two
/// stacked marks (shadda and fatha) gives three items in a row.
const WINDOW: usize = 4;

/// The identity of a glyph's cluster: where its text came from and what that text is.
type ClusterKey = ((Span, u16), String);

struct TextRun {
    index: usize,
    x: Range<f64>,
    keys: Vec<ClusterKey>,
}

impl TextRun {
    fn is_mark(&self) -> bool {
        !self.keys.is_empty() && self.x.end - self.x.start <= ZERO_WIDTH
    }
}

/// Empties the text of every mark item whose clusters its letter's item already carries, in
/// `frame` and the frames inside it.
pub(crate) fn drop_repeated_cluster_text(frame: &mut Frame) {
    let runs: Vec<TextRun> = frame
        .items()
        .enumerate()
        .filter_map(|(index, (pos, item))| match item {
            FrameItem::Text(text) => Some(TextRun {
                index,
                x: extent(*pos, text),
                keys: cluster_keys(text),
            }),
            _ => None,
        })
        .collect();

    let mut repeats = HashSet::new();
    for (n, mark) in runs.iter().enumerate().filter(|(_, run)| run.is_mark()) {
        // Spans of text that came from data are detached and offsets restart with each text
        // element, so a key alone could match an unrelated word; the mark also has to sit
        // inside the letter's item, which only a mark does.
        let repeated = runs
            .iter()
            .enumerate()
            .skip(n.saturating_sub(WINDOW))
            .take(2 * WINDOW + 1)
            .any(|(m, other)| {
                m != n
                    && !other.is_mark()
                    && within(&mark.x, &other.x)
                    && mark.keys.iter().all(|key| other.keys.contains(key))
            });
        if repeated {
            repeats.insert(mark.index);
        }
    }

    let mut index = 0;
    frame.retain(|item| {
        match item {
            FrameItem::Group(group) => drop_repeated_cluster_text(&mut group.frame),
            FrameItem::Text(text) if repeats.contains(&index) => {
                for glyph in &mut text.glyphs {
                    glyph.range = glyph.range.start..glyph.range.start;
                }
            }
            _ => {}
        }
        index += 1;
        true
    });
}

fn cluster_keys(text: &TextItem) -> Vec<ClusterKey> {
    text.glyphs
        .iter()
        .filter(|glyph| !glyph.range.is_empty())
        .map(|glyph| (glyph.span, text.text[glyph.range()].to_owned()))
        .collect()
}

fn extent(pos: Point, text: &TextItem) -> Range<f64> {
    let start = pos.x.to_pt();
    start..start + text.width().to_pt()
}

/// A mark sits over its letter: its item lies inside the letter's item horizontally (with a
/// little play for rounding). Two different words never do.
fn within(inner: &Range<f64>, outer: &Range<f64>) -> bool {
    const PLAY: f64 = 0.5;
    inner.start >= outer.start - PLAY && inner.end <= outer.end + PLAY
}
