//! The `arshif` FTS5 tokenizer: SQLite's full-text index calls into the Arabic analyzer here.
//!
//! This module and [`super::fts_rank`] hold the only unsafe code in the engine. SQLite has no
//! safe registration API in rusqlite (rusqlite#689), so the tokenizer is registered through the
//! raw `fts5_api`.
//!
//! Documents are analyzed with [`crate::analysis::index_tokens`]: each word emits its stem, then,
//! at the same position, its exact form (`=…`) and, for a month name next to a number, its month
//! term (`#m8`). Offsets are byte offsets into the ORIGINAL text, so `snippet()` and
//! `highlight()` mark the words as printed, with no mapping step.
//!
//! Query strings are not analyzed again: the query compiler (`search::query`) has already turned
//! every word into index terms, so in query mode the text is split on spaces only.
use std::ffi::{c_char, c_int, c_void, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use rusqlite::ffi;
use rusqlite::Connection;

use super::prepared;
use crate::analysis::{index_tokens, tokens, MonthTerm};
use crate::error::{Error, Result};

/// The name used in `CREATE VIRTUAL TABLE … USING fts5(…, tokenize = 'arshif')`.
pub const TOKENIZER_NAME: &str = "arshif";
const TOKENIZER_NAME_C: &CStr = c"arshif";

/// The callback FTS5 hands us to receive each token.
type TokenCallback = unsafe extern "C" fn(
    ctx: *mut c_void,
    flags: c_int,
    token: *const c_char,
    token_len: c_int,
    start: c_int,
    end: c_int,
) -> c_int;

/// Registers the tokenizer on `conn`. Must run on every connection before the index is touched.
pub fn register(conn: &Connection) -> Result<()> {
    // SAFETY: `conn.handle()` is the live database handle owned by `conn`; we only use it for
    // the duration of this call, on this thread.
    let db = unsafe { conn.handle() };
    let api = fts5_api(db)?;
    let mut tokenizer = ffi::fts5_tokenizer {
        xCreate: Some(create),
        xDelete: Some(delete),
        xTokenize: Some(tokenize),
    };
    // SAFETY: `api` was just returned by SQLite for this connection and stays valid while the
    // connection is open. FTS5 copies the `fts5_tokenizer` struct, so a stack value is fine; the
    // name is a static C string; we pass no user data and no destructor.
    let rc = unsafe {
        let create_tokenizer = (*api)
            .xCreateTokenizer
            .ok_or_else(|| Error::Corrupt("this SQLite has no FTS5 tokenizer API".into()))?;
        create_tokenizer(
            api,
            TOKENIZER_NAME_C.as_ptr(),
            ptr::null_mut(),
            &mut tokenizer,
            None,
        )
    };
    check(db, rc)
}

/// Asks SQLite for the FTS5 API pointer: `SELECT fts5(?1)` with the pointer bound as
/// "fts5_api_ptr", as the FTS5 documentation prescribes.
pub(crate) fn fts5_api(db: *mut ffi::sqlite3) -> Result<*mut ffi::fts5_api> {
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
    // SAFETY: `db` is a valid handle (see `register`); the statement is finalized on every path
    // before returning; `api` outlives the statement, and SQLite writes through the bound pointer
    // only during `sqlite3_step`.
    unsafe {
        let rc = ffi::sqlite3_prepare_v2(
            db,
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut stmt,
            ptr::null_mut(),
        );
        check(db, rc)?;
        let rc = ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        let step = if rc == ffi::SQLITE_OK {
            ffi::sqlite3_step(stmt)
        } else {
            rc
        };
        ffi::sqlite3_finalize(stmt);
        if step != ffi::SQLITE_ROW && step != ffi::SQLITE_DONE && step != ffi::SQLITE_OK {
            return check(db, step).map(|_| ptr::null_mut());
        }
    }
    if api.is_null() {
        return Err(Error::Corrupt("SQLite was built without FTS5".into()));
    }
    Ok(api)
}

pub(crate) fn check(db: *mut ffi::sqlite3, rc: c_int) -> Result<()> {
    if rc == ffi::SQLITE_OK {
        return Ok(());
    }
    // SAFETY: `db` is valid; sqlite3_errmsg returns a NUL-terminated string owned by SQLite,
    // which we copy before any other call on the connection.
    let message = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(db)) }
        .to_string_lossy()
        .into_owned();
    // Through `From`, so that a damaged or busy file gets its own code, as elsewhere.
    Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), Some(message)).into())
}

/// Our tokenizer keeps no per-table state; FTS5 still needs a distinct non-null handle.
struct Instance;

unsafe extern "C" fn create(
    _user_data: *mut c_void,
    _args: *mut *const c_char,
    _arg_count: c_int,
    out: *mut *mut ffi::Fts5Tokenizer,
) -> c_int {
    if out.is_null() {
        return ffi::SQLITE_MISUSE;
    }
    // SAFETY: FTS5 passes a valid out-pointer; ownership of the box goes to FTS5 until `delete`.
    unsafe { *out = Box::into_raw(Box::new(Instance)).cast() };
    ffi::SQLITE_OK
}

unsafe extern "C" fn delete(tokenizer: *mut ffi::Fts5Tokenizer) {
    if !tokenizer.is_null() {
        // SAFETY: the pointer came from `Box::into_raw` in `create`, and FTS5 deletes it once.
        drop(unsafe { Box::from_raw(tokenizer.cast::<Instance>()) });
    }
}

unsafe extern "C" fn tokenize(
    _tokenizer: *mut ffi::Fts5Tokenizer,
    ctx: *mut c_void,
    flags: c_int,
    text: *const c_char,
    text_len: c_int,
    emit: Option<TokenCallback>,
) -> c_int {
    let Some(emit) = emit else {
        return ffi::SQLITE_MISUSE;
    };
    let bytes: &[u8] = match usize::try_from(text_len) {
        Ok(len) if len > 0 && !text.is_null() => {
            // SAFETY: FTS5 guarantees `text` points to `text_len` readable bytes for the duration
            // of this call; we do not keep the slice beyond it.
            unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len) }
        }
        _ => return ffi::SQLITE_OK,
    };
    let sink = |token: &str, colocated: bool, start: usize, end: usize| -> c_int {
        let (Ok(len), Ok(start), Ok(end)) = (
            c_int::try_from(token.len()),
            c_int::try_from(start),
            c_int::try_from(end),
        ) else {
            return ffi::SQLITE_TOOBIG;
        };
        let token_flags = if colocated {
            ffi::FTS5_TOKEN_COLOCATED
        } else {
            0
        };
        // SAFETY: `emit` and `ctx` are the callback and context FTS5 gave us for this call; the
        // token bytes are valid for the call, and FTS5 copies them.
        unsafe { emit(ctx, token_flags, token.as_ptr().cast(), len, start, end) }
    };
    // A panic must not unwind into SQLite's C frames: turn it into an error code.
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if flags & ffi::FTS5_TOKENIZE_QUERY != 0 {
            tokenize_query(bytes, sink)
        } else if flags & ffi::FTS5_TOKENIZE_AUX != 0 {
            tokenize_for_highlights(bytes, sink)
        } else {
            tokenize_document(bytes, sink)
        }
    }));
    outcome.unwrap_or(ffi::SQLITE_INTERNAL)
}

/// Document text: every valid UTF-8 run is analyzed with offsets into the whole text (SQLite
/// stores UTF-8, but a hand-edited archive could hold broken bytes; they are skipped, not fatal).
fn tokenize_document(
    bytes: &[u8],
    mut sink: impl FnMut(&str, bool, usize, usize) -> c_int,
) -> c_int {
    // Terms analyzed ahead on another thread for the row being written (see `prepared`).
    let ahead = prepared::emit_prepared(bytes, |token, stem, exact| {
        emit_word(&mut sink, stem, exact, token.month, token.start, token.end)
    });
    if let Some(rc) = ahead {
        return rc;
    }
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        for token in index_tokens(valid) {
            let (start, end) = (offset + token.start, offset + token.end);
            let rc = emit_word(
                &mut sink,
                &token.stem,
                &token.exact,
                token.month,
                start,
                end,
            );
            if rc != ffi::SQLITE_OK {
                return rc;
            }
        }
        offset += valid.len() + chunk.invalid().len();
    }
    ffi::SQLITE_OK
}

/// One word's terms: its stem, then at the same position its exact form and month term.
fn emit_word(
    sink: &mut impl FnMut(&str, bool, usize, usize) -> c_int,
    stem: &str,
    exact: &str,
    month: Option<MonthTerm>,
    start: usize,
    end: usize,
) -> c_int {
    let mut rc = sink(stem, false, start, end);
    if rc == ffi::SQLITE_OK {
        rc = sink(exact, true, start, end);
    }
    if rc == ffi::SQLITE_OK {
        if let Some(month) = month {
            rc = sink(&month.term(), true, start, end);
        }
    }
    rc
}

/// Document text again, for `snippet()` and `highlight()`: they need every word's position and
/// offsets, never its terms (FTS5's highlighter skips colocated tokens and matches phrases by
/// the positions stored in the index). So each word is emitted once, as its normal form, with no
/// stemming or month detection; positions stay those of [`tokenize_document`], which also emits
/// exactly one non-colocated token per word of [`tokens`]. Snippets re-read every result shown,
/// so this is on the path of every search.
fn tokenize_for_highlights(
    bytes: &[u8],
    mut sink: impl FnMut(&str, bool, usize, usize) -> c_int,
) -> c_int {
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        for token in tokens(valid) {
            let rc = sink(
                &token.normalized,
                false,
                offset + token.start,
                offset + token.end,
            );
            if rc != ffi::SQLITE_OK {
                return rc;
            }
        }
        offset += valid.len() + chunk.invalid().len();
    }
    ffi::SQLITE_OK
}

/// Query text from our compiler: already index terms, separated by spaces.
fn tokenize_query(bytes: &[u8], mut sink: impl FnMut(&str, bool, usize, usize) -> c_int) -> c_int {
    let text = String::from_utf8_lossy(bytes);
    let mut position = 0;
    for term in text.split(' ') {
        let start = position;
        position += term.len() + 1;
        if term.is_empty() {
            continue;
        }
        let rc = sink(term, false, start, start + term.len());
        if rc != ffi::SQLITE_OK {
            return rc;
        }
    }
    ffi::SQLITE_OK
}

#[cfg(test)]
mod tests {
    use std::ffi::c_int;

    use rusqlite::{ffi, Connection};

    use super::{tokenize_document, tokenize_for_highlights};

    /// A bare FTS5 table over the tokenizer and a vocabulary view of what it stored.
    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        super::register(&conn).unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'arshif');
             CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');",
        )
        .unwrap();
        conn
    }

    /// The terms stored for one text, in order, with their byte offsets in the original.
    fn terms(conn: &Connection, rowid: i64) -> Vec<(String, i64)> {
        let mut stmt = conn
            .prepare("SELECT term, offset FROM v WHERE doc = ?1 ORDER BY offset, term")
            .unwrap();
        stmt.query_map([rowid], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn stores_stems_exact_forms_and_months_at_each_word() {
        let conn = table();
        conn.execute(
            "INSERT INTO t(rowid, x) VALUES (1, 'في 10 غشت بالرباط')",
            [],
        )
        .unwrap();
        let stored = terms(&conn, 1);
        let words: Vec<&str> = stored.iter().map(|(t, _)| t.as_str()).collect();
        for expected in [
            "في",
            "=في",
            "10",
            "=10",
            "#m8",
            "غشت",
            "=غشت",
            "رباط",
            "=بالرباط",
        ] {
            assert!(
                words.contains(&expected),
                "{expected} missing from {words:?}"
            );
        }
        // Offsets count tokens (FTS5's "instance" offset is the token position).
        let month_position = stored.iter().find(|(t, _)| t == "#m8").unwrap().1;
        let name_position = stored.iter().find(|(t, _)| t == "غشت").unwrap().1;
        assert_eq!(month_position, name_position, "colocated with its word");
    }

    /// The positions and offsets a tokenizing pass reports (colocated tokens share a position).
    fn positions(pass: fn(&[u8], Sink<'_>) -> c_int, text: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let rc = pass(text, &mut |_, colocated, start, end| {
            if !colocated {
                out.push((start, end));
            }
            ffi::SQLITE_OK
        });
        assert_eq!(rc, ffi::SQLITE_OK);
        out
    }

    type Sink<'a> = &'a mut dyn FnMut(&str, bool, usize, usize) -> c_int;

    #[test]
    fn highlighting_sees_the_positions_the_index_stored() {
        let texts: [&[u8]; 6] = [
            "يومه الأربعاء 10 غشت 2022 بالرباط، صلى الله عليه ﷺ وسلم.".as_bytes(),
            "ـــ ً  مُحَمَّد\u{200F}Francisco PARDO ½ l'article".as_bytes(),
            b"broken \xff\xfe utf-8 \xd8 text",
            "كانون الثاني 2020 و آب 1999".as_bytes(),
            b"",
            "في من على إلى عن".as_bytes(),
        ];
        for text in texts {
            let indexed = positions(|b, s| tokenize_document(b, s), text);
            let highlighted = positions(|b, s| tokenize_for_highlights(b, s), text);
            assert_eq!(indexed, highlighted, "{}", String::from_utf8_lossy(text));
        }
        // Not vacuous: the first text has a word per position, ﷺ giving several.
        assert!(positions(|b, s| tokenize_document(b, s), texts[0]).len() > 10);
    }

    #[test]
    fn highlights_use_byte_offsets_into_the_original() {
        let conn = table();
        let text = "وَصَلَ الوفدُ إلى الرِّباطِ، Rabat.";
        conn.execute("INSERT INTO t(rowid, x) VALUES (1, ?1)", [text])
            .unwrap();
        let marked: String = conn
            .query_row(
                "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH '\"رباط\"'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(marked, "وَصَلَ الوفدُ إلى [الرِّباطِ]، Rabat.");
    }

    #[test]
    fn survives_empty_huge_and_broken_text() {
        let conn = table();
        conn.execute("INSERT INTO t(rowid, x) VALUES (1, '')", [])
            .unwrap();
        let huge = "ابجد هوز Latin ١٢٣ ".repeat(60_000);
        conn.execute("INSERT INTO t(rowid, x) VALUES (2, ?1)", [&huge])
            .unwrap();
        // Invalid UTF-8 stored as text, such as an encoded lone surrogate (ED A0 80): the valid
        // words around it are indexed, the broken bytes skipped.
        conn.execute(
            "INSERT INTO t(rowid, x) VALUES (3, CAST(X'D8A7D984D8B1D8A8D8A7D8B720EDA08020D985D8AFD8B1D98AD8AF' AS TEXT))",
            [],
        )
        .unwrap();
        assert!(terms(&conn, 1).is_empty());
        let count: i64 = conn
            .query_row(
                "SELECT count(*) FROM t WHERE t MATCH '\"latin\"'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(count, 1);
        let words: Vec<String> = terms(&conn, 3).into_iter().map(|(t, _)| t).collect();
        assert!(
            words.contains(&"رباط".to_string()) && words.contains(&"مدريد".to_string()),
            "{words:?}"
        );
    }
}
