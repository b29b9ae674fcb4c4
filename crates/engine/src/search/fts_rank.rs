//! `arshif_rank(articles_fts)`: FTS5's bm25 with the archive's weights (a title word counts as
//! ten body words), computed with the document lengths held in memory.
//!
//! FTS5's own `bm25()` reads each matching row's length with one SQL lookup in the index's
//! `docsize` table and gathers its instances into an array first. For a word found in half the
//! archive those two steps were most of the search time. This function gives the same score
//! (a test compares it with `bm25()` row by row) from a length table loaded once per change of
//! the archive, walking each phrase's positions directly.
//!
//! Like the tokenizer it is registered through the raw `fts5_api`; this module and
//! [`super::fts_tokenizer`] hold the engine's only unsafe code.
use std::ffi::{c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::{ffi, Connection};

use super::fts_tokenizer::{check, fts5_api};
use crate::error::{Error, Result};

/// The function's SQL name.
pub(crate) const RANK_FUNCTION: &str = "arshif_rank";

/// Column weights, in the index's column order (title, body): the `rank` that migration 0002
/// configures, `bm25(10.0, 1.0)`.
const WEIGHTS: [f64; 2] = [10.0, 1.0];
/// bm25's constants, FTS5's values.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Token counts of every indexed article (title and body together), by rowid.
#[derive(Debug, Default)]
struct Lengths {
    /// `(PRAGMA data_version, total_changes)` when loaded: any write, by this connection or
    /// another, changes one of them.
    loaded_at: Option<(i64, u64)>,
    /// Index = rowid; 0 = not known (the function then asks FTS5).
    by_rowid: Arc<Vec<u32>>,
}

/// Rows are not cached when ids are this sparse: the table would be mostly holes.
const MAX_HOLES_PER_ROW: usize = 8;

/// The length table of one connection, shared with the function registered on it.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocLengths(Arc<Mutex<Lengths>>);

impl DocLengths {
    /// Reloads the table if the archive changed since it was read. Call before running a query
    /// that uses [`RANK_FUNCTION`].
    pub(crate) fn refresh(&self, conn: &Connection) -> Result<()> {
        let key = (
            conn.query_row("PRAGMA data_version", [], |row| row.get::<_, i64>(0))?,
            conn.total_changes(),
        );
        let mut lengths = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if lengths.loaded_at == Some(key) {
            return Ok(());
        }
        let (rows, max_id): (i64, i64) = conn.query_row(
            "SELECT count(*), coalesce(max(id), 0) FROM articles_fts_docsize",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let mut by_rowid = Vec::new();
        let dense = usize::try_from(max_id)
            .is_ok_and(|max| max <= usize::try_from(rows).unwrap_or(0) * MAX_HOLES_PER_ROW + 1024);
        if dense {
            by_rowid = vec![0u32; max_id as usize + 1];
            let mut stmt = conn.prepare("SELECT id, sz FROM articles_fts_docsize")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                let sizes: Vec<u8> = row.get::<_, Option<Vec<u8>>>(1)?.unwrap_or_default();
                if let (Ok(index), Some(total)) = (usize::try_from(id), total_tokens(&sizes)) {
                    if let Some(slot) = by_rowid.get_mut(index) {
                        *slot = total;
                    }
                }
            }
        }
        *lengths = Lengths {
            loaded_at: Some(key),
            by_rowid: Arc::new(by_rowid),
        };
        Ok(())
    }

    fn snapshot(&self) -> Arc<Vec<u32>> {
        Arc::clone(
            &self
                .0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .by_rowid,
        )
    }
}

/// The sum of an FTS5 `docsize` record: one SQLite varint per column. `None` if malformed.
fn total_tokens(record: &[u8]) -> Option<u32> {
    let mut total = 0u64;
    let mut rest = record;
    while !rest.is_empty() {
        let mut value = 0u64;
        let mut used = 0;
        for (index, &byte) in rest.iter().enumerate().take(9) {
            used = index + 1;
            if index == 8 {
                value = (value << 8) | u64::from(byte);
                break;
            }
            value = (value << 7) | u64::from(byte & 0x7f);
            if byte & 0x80 == 0 {
                break;
            }
        }
        if used == 0 || (used < 9 && rest[used - 1] & 0x80 != 0) {
            return None;
        }
        total += value;
        rest = &rest[used..];
    }
    u32::try_from(total).ok()
}

/// Registers [`RANK_FUNCTION`] on `conn`; the returned table must be refreshed before use.
pub(crate) fn register(conn: &Connection) -> Result<DocLengths> {
    let lengths = DocLengths::default();
    // SAFETY: `conn.handle()` is the live handle owned by `conn`, used for this call only.
    let db = unsafe { conn.handle() };
    let api = fts5_api(db)?;
    let user_data = Box::into_raw(Box::new(lengths.clone()));
    // SAFETY: `api` is valid while the connection is open. FTS5 takes ownership of `user_data`
    // and hands it to `destroy_user_data` exactly once, when the function is replaced or the
    // connection closes; the name is a static C string.
    let rc = unsafe {
        let Some(create_function) = (*api).xCreateFunction else {
            drop(Box::from_raw(user_data));
            return Err(Error::Corrupt(
                "this SQLite has no FTS5 function API".into(),
            ));
        };
        create_function(
            api,
            c"arshif_rank".as_ptr(),
            user_data.cast(),
            Some(rank),
            Some(destroy_user_data),
        )
    };
    check(db, rc)?;
    Ok(lengths)
}

unsafe extern "C" fn destroy_user_data(user_data: *mut c_void) {
    if !user_data.is_null() {
        // SAFETY: the pointer came from `Box::into_raw` in `register`; FTS5 calls this once.
        drop(unsafe { Box::from_raw(user_data.cast::<DocLengths>()) });
    }
}

/// What one query needs on every row, computed at its first row (FTS5 "auxdata" lives for one
/// query).
struct QueryData {
    idf: Vec<f64>,
    average_length: f64,
    lengths: Arc<Vec<u32>>,
    /// Per-phrase weighted frequencies, reused from row to row.
    frequencies: Vec<f64>,
}

unsafe extern "C" fn destroy_query_data(data: *mut c_void) {
    if !data.is_null() {
        // SAFETY: the pointer came from `Box::into_raw` in `query_data`; FTS5 frees it once.
        drop(unsafe { Box::from_raw(data.cast::<QueryData>()) });
    }
}

unsafe extern "C" fn count_row(
    _api: *const ffi::Fts5ExtensionApi,
    _fts: *mut ffi::Fts5Context,
    count: *mut c_void,
) -> c_int {
    // SAFETY: `count` is the `&mut i64` `query_data` passed to xQueryPhrase for this call.
    unsafe { *count.cast::<i64>() += 1 };
    ffi::SQLITE_OK
}

/// The function pointers of the extension API, checked once instead of at every call.
macro_rules! api_fn {
    ($api:expr, $name:ident) => {
        match (*$api).$name {
            Some(function) => function,
            None => return Err(ffi::SQLITE_MISUSE),
        }
    };
}

/// This query's [`QueryData`], created at its first row.
///
/// # Safety
/// `api` and `fts` must be the pointers FTS5 passed to the current call of [`rank`].
unsafe fn query_data(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
) -> std::result::Result<*mut QueryData, c_int> {
    // SAFETY (whole body): FTS5 guarantees `api` and `fts` are valid during the call; every
    // out-pointer we pass is a live local.
    unsafe {
        let get_aux = api_fn!(api, xGetAuxdata);
        let existing = get_aux(fts, 0);
        if !existing.is_null() {
            return Ok(existing.cast());
        }
        let mut rows: i64 = 0;
        let mut tokens: i64 = 0;
        let rc = api_fn!(api, xRowCount)(fts, &mut rows);
        if rc != ffi::SQLITE_OK {
            return Err(rc);
        }
        let rc = api_fn!(api, xColumnTotalSize)(fts, -1, &mut tokens);
        if rc != ffi::SQLITE_OK {
            return Err(rc);
        }
        let phrases = api_fn!(api, xPhraseCount)(fts).max(0);
        let query_phrase = api_fn!(api, xQueryPhrase);
        let mut idf = Vec::with_capacity(phrases as usize);
        for phrase in 0..phrases {
            let mut hits: i64 = 0;
            let rc = query_phrase(fts, phrase, (&mut hits as *mut i64).cast(), Some(count_row));
            if rc != ffi::SQLITE_OK {
                return Err(rc);
            }
            // bm25's inverse document frequency, floored as FTS5 does so that a word in more
            // than half the rows still counts a little.
            let value = ((rows - hits) as f64 + 0.5) / (hits as f64 + 0.5);
            idf.push(if value.ln() <= 0.0 { 1e-6 } else { value.ln() });
        }
        let user_data = api_fn!(api, xUserData)(fts).cast::<DocLengths>();
        let lengths = if user_data.is_null() {
            Arc::default()
        } else {
            (*user_data).snapshot()
        };
        let data = Box::into_raw(Box::new(QueryData {
            frequencies: vec![0.0; idf.len()],
            idf,
            average_length: if rows > 0 {
                tokens as f64 / rows as f64
            } else {
                1.0
            },
            lengths,
        }));
        let rc = api_fn!(api, xSetAuxdata)(fts, data.cast(), Some(destroy_query_data));
        if rc != ffi::SQLITE_OK {
            // FTS5 has already called the destructor on failure.
            return Err(rc);
        }
        Ok(data)
    }
}

/// The score of the current row (negated, like `bm25()`, so that smaller is better).
///
/// # Safety
/// `api` and `fts` must be the pointers FTS5 passed to the current call of [`rank`].
unsafe fn score(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
) -> std::result::Result<f64, c_int> {
    // SAFETY (whole body): as in `query_data`; `data` stays valid for the whole query (FTS5 owns
    // it until the statement resets) and is only used from this thread.
    unsafe {
        let data = &mut *query_data(api, fts)?;
        let phrase_first = api_fn!(api, xPhraseFirst);
        let phrase_next = api_fn!(api, xPhraseNext);
        for (phrase, frequency) in data.frequencies.iter_mut().enumerate() {
            *frequency = 0.0;
            let mut iter = ffi::Fts5PhraseIter {
                a: ptr::null(),
                b: ptr::null(),
            };
            let (mut column, mut offset) = (0, 0);
            let rc = phrase_first(fts, phrase as c_int, &mut iter, &mut column, &mut offset);
            if rc != ffi::SQLITE_OK {
                return Err(rc);
            }
            while column >= 0 {
                *frequency += WEIGHTS.get(column as usize).copied().unwrap_or(1.0);
                phrase_next(fts, &mut iter, &mut column, &mut offset);
            }
        }
        let rowid = api_fn!(api, xRowid)(fts);
        let known = usize::try_from(rowid)
            .ok()
            .and_then(|index| data.lengths.get(index).copied())
            .filter(|&length| length > 0);
        let length = match known {
            Some(length) => f64::from(length),
            None => {
                let mut tokens: c_int = 0;
                let rc = api_fn!(api, xColumnSize)(fts, -1, &mut tokens);
                if rc != ffi::SQLITE_OK {
                    return Err(rc);
                }
                f64::from(tokens)
            }
        };
        let norm = K1 * (1.0 - B + B * length / data.average_length);
        let score: f64 = data
            .idf
            .iter()
            .zip(&data.frequencies)
            .map(|(idf, &f)| idf * (f * (K1 + 1.0)) / (f + norm))
            .sum();
        Ok(-score)
    }
}

unsafe extern "C" fn rank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    _arg_count: c_int,
    _args: *mut *mut ffi::sqlite3_value,
) {
    if api.is_null() || fts.is_null() || ctx.is_null() {
        return;
    }
    // A panic must not unwind into SQLite's C frames.
    // SAFETY: the pointers are those of this call, checked non-null above.
    let outcome = catch_unwind(AssertUnwindSafe(|| unsafe { score(api, fts) }));
    // SAFETY: `ctx` is this call's result context.
    unsafe {
        match outcome {
            Ok(Ok(value)) => ffi::sqlite3_result_double(ctx, value),
            Ok(Err(code)) => ffi::sqlite3_result_error_code(ctx, code),
            Err(_) => ffi::sqlite3_result_error_code(ctx, ffi::SQLITE_INTERNAL),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query;
    use crate::{Archive, ArticleUpdate, NewArticle};

    fn article(title: &str, body: &str) -> NewArticle {
        NewArticle {
            title: title.into(),
            body: body.into(),
            ..NewArticle::default()
        }
    }

    /// Every matching row's `(rowid, arshif_rank, bm25)` for a query typed by a user.
    fn both_scores(archive: &Archive, typed: &str) -> Vec<(i64, f64, f64)> {
        archive.doc_lengths.refresh(&archive.conn).unwrap();
        let parsed = query::parse(typed).unwrap();
        let expression = query::fts_expression(parsed.text.as_ref().unwrap());
        let mut stmt = archive
            .conn
            .prepare(
                "SELECT rowid, arshif_rank(articles_fts), bm25(articles_fts, 10.0, 1.0)
                 FROM articles_fts WHERE articles_fts MATCH ?1",
            )
            .unwrap();
        stmt.query_map([expression], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    fn assert_same_scores(archive: &Archive) {
        for typed in [
            "المغرب",
            "الحكومة المغربية",
            "المغرب OR تونس",
            "\"الحكومة المغربية\"",
            "حكوم*",
            "المغرب -تونس",
            "=\"المغرب\"",
        ] {
            let rows = both_scores(archive, typed);
            assert!(!rows.is_empty(), "{typed} matched nothing");
            for (rowid, ours, bm25) in rows {
                assert!(
                    (ours - bm25).abs() <= 1e-9 * bm25.abs().max(1.0),
                    "{typed}, row {rowid}: {ours} against bm25 {bm25}"
                );
            }
        }
    }

    #[test]
    fn scores_equal_fts5_bm25_before_and_after_writes() {
        let mut archive = Archive::open_in_memory().unwrap();
        let mut articles = vec![
            article(
                "المغرب وتونس",
                "قالت الحكومة المغربية إن المغرب يرحب بتونس.",
            ),
            article(
                "الحكومة المغربية",
                "الحكومة المغربية تجتمع. المغرب المغرب المغرب.",
            ),
            article("خبر قصير", "المغرب"),
        ];
        // Enough rows that idf is positive and lengths differ widely.
        for i in 0..40 {
            let filler = "كلمة ".repeat(i * 7);
            articles.push(article(
                &format!("عنوان {i}"),
                &format!("{filler} حكومات تونس {i}"),
            ));
        }
        let ids = archive.add_articles(&articles).unwrap();
        assert_same_scores(&archive);
        // Writes change lengths and counts; the table must follow.
        archive
            .add_articles(&[article("المغرب اليوم", &"نص طويل ".repeat(50))])
            .unwrap();
        archive
            .update_article(
                ids[2],
                &ArticleUpdate {
                    title: Some("خبر قصير عن المغرب والحكومة المغربية اليوم".into()),
                    ..ArticleUpdate::default()
                },
            )
            .unwrap();
        archive.delete_articles(&ids[..1]).unwrap();
        assert_same_scores(&archive);
    }

    #[test]
    fn docsize_records_sum_their_varints() {
        assert_eq!(total_tokens(&[3, 120]), Some(123));
        // 300 = 0b10_0101100: two bytes, high byte first.
        assert_eq!(total_tokens(&[0x82, 0x2c, 1]), Some(301));
        assert_eq!(total_tokens(&[]), Some(0));
        assert_eq!(total_tokens(&[0x82]), None, "cut off mid-varint");
    }
}
