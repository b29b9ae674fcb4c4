//! Picking the best-ranked matches without sorting them all.
//!
//! FTS5's own `ORDER BY rank` sorts every match, each carrying its position lists, through
//! SQLite's sorter; for a word found in half the archive that spilled to temporary storage and
//! cost more than ranking itself. Scanning the matches once with a bounded heap keeps only the
//! rows of the page (and counts the total on the way).
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A match: its rowid and FTS5 rank (bm25 negated: lower is better).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Ranked {
    pub rowid: i64,
    pub rank: f64,
}

impl Ranked {
    /// Best first: lower rank, then the older rowid, so equal scores page predictably.
    fn order(&self, other: &Self) -> Ordering {
        self.rank
            .total_cmp(&other.rank)
            .then(self.rowid.cmp(&other.rowid))
    }
}

/// Heap entry ordered so that the heap's top is the worst row kept.
struct Kept(Ranked);

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.order(&other.0)
    }
}

/// The rows `offset..offset + limit` of `matches` in best-first order, and how many matches
/// there were.
pub(crate) fn page<E>(
    matches: impl Iterator<Item = Result<Ranked, E>>,
    offset: usize,
    limit: usize,
) -> Result<(Vec<Ranked>, u64), E> {
    let keep = offset.saturating_add(limit);
    let mut heap = BinaryHeap::with_capacity(keep.min(4096) + 1);
    let mut total = 0u64;
    for row in matches {
        let row = row?;
        total += 1;
        if keep == 0 {
            continue;
        }
        if heap.len() < keep {
            heap.push(Kept(row));
        } else if let Some(mut worst) = heap.peek_mut() {
            if row.order(&worst.0) == Ordering::Less {
                *worst = Kept(row);
            }
        }
    }
    let best: Vec<Ranked> = heap
        .into_sorted_vec()
        .into_iter()
        .map(|kept| kept.0)
        .skip(offset)
        .collect();
    Ok((best, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(ranks: &[f64]) -> Vec<Result<Ranked, ()>> {
        ranks
            .iter()
            .enumerate()
            .map(|(i, &rank)| {
                Ok(Ranked {
                    rowid: i as i64 + 1,
                    rank,
                })
            })
            .collect()
    }

    fn ids(page: &[Ranked]) -> Vec<i64> {
        page.iter().map(|r| r.rowid).collect()
    }

    #[test]
    fn keeps_the_best_in_order_and_counts_all() {
        let ranks = [-1.0, -5.0, -3.0, -5.0, 0.0, -4.0, -2.0];
        let (first, total) = page(rows(&ranks).into_iter(), 0, 3).unwrap();
        assert_eq!(total, 7);
        // Rows 2 and 4 tie at -5: the older rowid first.
        assert_eq!(ids(&first), [2, 4, 6]);
        let (second, _) = page(rows(&ranks).into_iter(), 3, 3).unwrap();
        assert_eq!(ids(&second), [3, 7, 1]);
        let (last, _) = page(rows(&ranks).into_iter(), 6, 3).unwrap();
        assert_eq!(ids(&last), [5]);
        let (past_the_end, _) = page(rows(&ranks).into_iter(), 10, 3).unwrap();
        assert!(past_the_end.is_empty());
    }

    #[test]
    fn agrees_with_a_full_sort() {
        // A fixed pseudo-random sequence with many ties.
        let ranks: Vec<f64> = (0..2_000u64)
            .map(|i| -(((i * 7_919) % 97) as f64))
            .collect();
        let mut sorted: Vec<Ranked> = rows(&ranks).into_iter().map(Result::unwrap).collect();
        sorted.sort_by(Ranked::order);
        for (offset, limit) in [(0, 20), (20, 20), (1_990, 20), (0, 0)] {
            let (got, total) = page(rows(&ranks).into_iter(), offset, limit).unwrap();
            let expected: Vec<Ranked> = sorted.iter().copied().skip(offset).take(limit).collect();
            assert_eq!((got, total), (expected, 2_000), "{offset}+{limit}");
        }
    }

    #[test]
    fn an_error_while_scanning_is_returned() {
        let failing = vec![
            Ok(Ranked {
                rowid: 1,
                rank: -1.0,
            }),
            Err("disk"),
        ];
        assert_eq!(page(failing.into_iter(), 0, 20), Err("disk"));
    }
}
