//! Finds the publication date in an article's text, in every regional month naming: Maghreb
//! (غشت), Egypt and the Gulf (أغسطس), the Levant and Iraq (آب), Algeria and Tunisia (أوت),
//! French and English, plus Hijri dates, Arabic-Indic digits and numeric dates.
//!
//! Matching runs on the analyzer's tokens ([`crate::analysis::tokens`]), so every spelling the
//! analyzer folds (hamza on alef, ة/ه, ى/ي, diacritics, tatweel, digits of three scripts,
//! Latin case and accents) is handled once, in one place, while the printed date is still cut
//! from the original text by the tokens' byte offsets.
//!
//! Shapes recognised (day first unless said otherwise):
//! - `10 غشت 2022`, `١٠ أغسطس ٢٠٢٢`, `فاتح يوليوز 2023` (فاتح = the 1st), `10 من شهر غشت 2022`;
//! - two-word names (`5 تشرين الأول 2021`) and dual naming (`10 آب/أغسطس 2022`,
//!   `10 آب (أغسطس) 2022`), where both names must agree on the month;
//! - Hijri: `15 رمضان 1443 هـ` (the era mark is optional: the Hijri month name and a year in
//!   1300–1500 are enough);
//! - a Gregorian and a Hijri date side by side, in either order, joined by punctuation or
//!   `الموافق` (both are filled in);
//! - French `10 août 2022`, `1er mars 2021`; English `10 August 2022`, `August 10, 2022`;
//! - numeric `10/08/2022` (day first, as in the Arab world; month first only when day first
//!   is impossible, as in `08/25/2022`), `10-08-2022`, `10.08.2022`, `2022-08-10`, and
//!   `1443/09/15 هـ` for Hijri.
//!
//! The printed text ([`FoundDate::text`]) runs from the weekday when one directly precedes
//! the day (`الأربعاء 10 غشت 2022`; a leading `يوم`/`يومه` is left out) to the year and its
//! era mark; for side-by-side dates it covers both. The first date in the text wins: articles
//! print their date near the top, and scanning stops there.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::analysis::{self, Token};

/// A date found in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundDate {
    /// The Gregorian date as `YYYY-MM-DD`; `None` when only a Hijri date is printed.
    pub iso: Option<String>,
    /// The date as printed: a verbatim slice of the text, e.g. `الأربعاء 10 غشت 2022`.
    pub text: String,
    /// The Hijri date as `YYYY-MM-DD` in the Hijri calendar (`1443-09-15`), when one is printed.
    pub hijri: Option<String>,
}

/// Gregorian month names of every region, in normalized form ([`analysis::normalize`]), with
/// their month number. Public so that search synonyms use the very same table. Two-word names
/// are written with one space.
pub const GREGORIAN_MONTHS: &[(&str, u8)] = &[
    // Maghreb (Morocco), and the names Egypt and the Gulf share with it.
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("ماي", 5),
    ("يونيو", 6),
    ("يوليوز", 7),
    ("غشت", 8),
    ("شتنبر", 9),
    ("اكتوبر", 10),
    ("نونبر", 11),
    ("دجنبر", 12),
    // Egypt and the Gulf.
    ("مايو", 5),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // The Levant and Iraq; the two-word names also appear without the article.
    ("كانون الثاني", 1),
    ("كانون ثاني", 1),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    ("تشرين الاول", 10),
    ("تشرين اول", 10),
    ("تشرين الثاني", 11),
    ("تشرين ثاني", 11),
    ("كانون الاول", 12),
    ("كانون اول", 12),
    // Algeria and Tunisia (from French).
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("جوان", 6),
    ("جويليه", 7),
    ("اوت", 8),
    // French, with the usual abbreviations.
    ("janvier", 1),
    ("janv", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("decembre", 12),
    // English, with three-letter abbreviations (`sept`, `oct`, `nov`, `dec` serve French too).
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Hijri month names in normalized form with their month number, including the common
/// alternative names, the genitive ذي of ذو, and honorific epithets printed after the name.
pub const HIJRI_MONTHS: &[(&str, u8)] = &[
    ("محرم", 1),
    ("محرم الحرام", 1),
    ("صفر", 2),
    ("صفر الخير", 2),
    ("ربيع الاول", 3),
    ("ربيع اول", 3),
    ("ربيع الثاني", 4),
    ("ربيع ثاني", 4),
    ("ربيع الاخر", 4),
    ("ربيع اخر", 4),
    ("جمادي الاولي", 5),
    ("جمادي الاول", 5),
    ("جمادي الثانيه", 6),
    ("جمادي الثاني", 6),
    ("جمادي الاخره", 6),
    ("جمادي الاخر", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("شعبان المعظم", 8),
    ("رمضان", 9),
    ("رمضان المبارك", 9),
    ("رمضان الكريم", 9),
    ("شوال", 10),
    ("ذو القعده", 11),
    ("ذي القعده", 11),
    ("ذوالقعده", 11),
    ("ذو الحجه", 12),
    ("ذي الحجه", 12),
    ("ذوالحجه", 12),
];

/// Weekday names (normalized) that belong to the printed date when they directly precede it.
/// `الثلاث` is Moroccan Darija for Tuesday.
const WEEKDAYS: &[&str] = &[
    "الاحد",
    "الاثنين",
    "الاتنين",
    "الثلاثاء",
    "الثلاثا",
    "الثلاث",
    "الاربعاء",
    "الاربعا",
    "الخميس",
    "الجمعه",
    "السبت",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Words that may stand for the first day of the month (Maghreb فاتح, French premier).
const FIRST_DAY: &[&str] = &["فاتح", "الفاتح", "premier"];

/// Words allowed between the day and the month: `10 من شهر غشت`, `10th of August`.
const DAY_MONTH_WORDS: &[&str] = &["من", "شهر", "of"];

/// Ordinal suffixes a day number may carry: `1er`, `1st`, `2nd`, `3rd`, `10th`.
const ORDINAL_SUFFIXES: &[&str] = &["er", "st", "nd", "rd", "th"];

/// Era marks printed after a year, as separate words (`هـ` normalizes to `ه`).
const HIJRI_ERA: &[&str] = &["ه", "هجري", "هجريه", "للهجره"];
const GREGORIAN_ERA: &[&str] = &["م", "ميلادي", "ميلاديه", "للميلاد"];

/// Words that join a Gregorian and a Hijri date printed side by side: `الموافق لـ`.
const CONCORDANCE_WORDS: &[&str] = &["الموافق", "موافق", "الموافقه", "ل", "وفق"];

/// One-letter prefixes Darija and Arabic glue to a number: `ف10 دجنبر` (in December 10th).
const DAY_CLITICS: &[char] = &['ف', 'ب', 'ل', 'و'];

/// Punctuation allowed between the parts of a date, besides spaces. Line breaks are refused
/// except between two side-by-side dates, so that a date never spans a paragraph break.
const SPACE_ONLY: &[char] = &[];
const BEFORE_YEAR: &[char] = &[',', '،', '.', ')'];
const AFTER_WEEKDAY: &[char] = &[',', '،', '-', '–'];
const BETWEEN_NAMES: &[char] = &['/', '\\', '-', '–', '(', ')', '|', ',', '،'];
const BETWEEN_CALENDARS: &[char] = &[
    '(', ')', '[', ']', '/', '\\', '-', '–', '—', '|', ',', '،', ':', '\n', '\r',
];

/// A gap longer than this is not inside a date (it also bounds the work per token).
const MAX_GAP_CHARS: usize = 12;
/// Tokens a date can span, side-by-side dates included, with room to spare. Also the bound on
/// the work done at each token, which keeps the scan linear.
const LOOKAHEAD: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Calendar {
    Gregorian,
    Hijri,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ymd {
    year: u16,
    month: u8,
    day: u8,
}

impl Ymd {
    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date whose last token (year or era mark) is `last`, printed at bytes `start..end`.
#[derive(Debug, Clone, Copy)]
struct Hit {
    calendar: Calendar,
    date: Ymd,
    last: usize,
    start: usize,
    end: usize,
}

/// Finds the first date printed in `text`. Runs in time linear in the text and stops at the
/// first date, so calling it on a whole article is cheap.
pub fn find_date(text: &str) -> Option<FoundDate> {
    let mut source = analysis::tokens(text);
    // A sliding window over the tokens: one token behind the current one (a weekday before
    // the day belongs to the date) and enough ahead for the longest date shape.
    let mut window: VecDeque<Token<'_>> = VecDeque::with_capacity(LOOKAHEAD + 2);
    let mut current = 0;
    loop {
        while window.len() < current + LOOKAHEAD {
            match source.next() {
                Some(token) => window.push_back(token),
                None => break,
            }
        }
        if current >= window.len() {
            return None;
        }
        let tokens = window.make_contiguous();
        if let Some(found) = date_at(text, tokens, current) {
            return Some(found);
        }
        if current == 0 {
            current = 1;
        } else {
            window.pop_front();
        }
    }
}

/// The date starting at token `i`, if there is one.
fn date_at(text: &str, tokens: &[Token], i: usize) -> Option<FoundDate> {
    let mut hit = any_date(text, tokens, i)?;
    let token = tokens.get(i)?;
    // A day glued to a clitic (`ف10`) starts inside its token: no weekday can touch it.
    if hit.start == token.start {
        if let Some(weekday) = i.checked_sub(1).and_then(|w| tokens.get(w)) {
            if is_weekday(weekday) && gap_ok(text, weekday, token, AFTER_WEEKDAY) {
                hit.start = weekday.start;
            }
        }
    }
    let companion = companion(text, tokens, &hit);
    let other_date = companion.map(|other| other.date);
    let (gregorian, hijri) = match hit.calendar {
        Calendar::Gregorian => (Some(hit.date), other_date),
        Calendar::Hijri => (other_date, Some(hit.date)),
    };
    let end = companion.map_or(hit.end, |other| other.end);
    Some(FoundDate {
        iso: gregorian.map(Ymd::iso),
        text: text.get(hit.start..end)?.to_string(),
        hijri: hijri.map(Ymd::iso),
    })
}

fn any_date(text: &str, tokens: &[Token], i: usize) -> Option<Hit> {
    day_first(text, tokens, i)
        .or_else(|| month_first(text, tokens, i))
        .or_else(|| numeric(text, tokens, i))
}

/// A date of the other calendar printed right after `hit` (`15 رمضان 1443 هـ الموافق 17
/// أبريل 2022`), with at most a few joining words between them.
fn companion(text: &str, tokens: &[Token], hit: &Hit) -> Option<Hit> {
    let mut previous = tokens.get(hit.last)?;
    for k in hit.last + 1..=hit.last + 4 {
        let token = tokens.get(k)?;
        if !gap_ok(text, previous, token, BETWEEN_CALENDARS) {
            return None;
        }
        if let Some(other) = any_date(text, tokens, k) {
            return (other.calendar != hit.calendar).then_some(other);
        }
        if !(CONCORDANCE_WORDS.contains(&token.normalized.as_str()) || is_weekday(token)) {
            return None;
        }
        previous = token;
    }
    None
}

/// `[day] [من شهر] month[/month] year [era]`, the shape of every Arabic and French date.
fn day_first(text: &str, tokens: &[Token], i: usize) -> Option<Hit> {
    let (day, start) = day_of(tokens.get(i)?)?;
    let mut month_index = i + 1;
    while month_index <= i + DAY_MONTH_WORDS.len() {
        let word = tokens.get(month_index)?;
        if !DAY_MONTH_WORDS.contains(&word.normalized.as_str()) {
            break;
        }
        month_index += 1;
    }
    check_gaps(text, tokens, i, month_index, SPACE_ONLY)?;
    let (calendar, month, year_index) = month_span(text, tokens, month_index)?;
    let (year, era) = year_at(text, tokens, year_index, BEFORE_YEAR)?;
    finish(
        text,
        tokens,
        calendar,
        (year, month, day),
        era,
        year_index,
        start,
    )
}

/// `month day, year`, the English order (`August 10, 2022`). Hijri dates are always printed
/// day first, so only Gregorian names are tried.
fn month_first(text: &str, tokens: &[Token], i: usize) -> Option<Hit> {
    let start = tokens.get(i)?.start;
    let (calendar, month, day_index) = month_span(text, tokens, i)?;
    if calendar != Calendar::Gregorian {
        return None;
    }
    let day_token = tokens.get(day_index)?;
    // Only a plain or ordinal number: a clitic or فاتح after a month name is not a day.
    let (day, day_start) = day_of(day_token)?;
    if day_start != day_token.start
        || !day_token
            .normalized
            .starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    if !gap_ok(text, tokens.get(day_index - 1)?, day_token, &['.']) {
        return None;
    }
    let year_index = day_index + 1;
    let (year, era) = year_at(text, tokens, year_index, &[',', '،'])?;
    finish(
        text,
        tokens,
        calendar,
        (year, month, day),
        era,
        year_index,
        start,
    )
}

/// `10/08/2022`, `10-08-2022`, `10.08.2022`, `2022-08-10`, `1443/09/15هـ`: three numbers
/// joined by one separator, the same one twice.
fn numeric(text: &str, tokens: &[Token], i: usize) -> Option<Hit> {
    let (first, second, third) = (tokens.get(i)?, tokens.get(i + 1)?, tokens.get(i + 2)?);
    let separator = single_separator(text, first, second)?;
    if single_separator(text, second, third)? != separator {
        return None;
    }
    let (first_digits, start) = strip_clitic(first);
    let first_digits = digits(first_digits)?;
    // A number chained on with the same separator makes this a reference number
    // (`رقم 5/10/2020/12`), not a date. After a year-first date a trailing number is allowed:
    // that is how dated URLs go on (`/2022/08/10/12345.html`).
    let joined = |before: &Token, after: &Token| {
        digits(&before.normalized).is_some()
            && digits(&after.normalized).is_some()
            && single_separator(text, before, after) == Some(separator)
    };
    let before = i.checked_sub(1).and_then(|b| tokens.get(b));
    if before.is_some_and(|before| joined(before, first))
        || (first_digits.len() <= 2 && tokens.get(i + 3).is_some_and(|after| joined(third, after)))
    {
        return None;
    }
    let middle: u8 = digits(&second.normalized)
        .filter(|d| d.len() <= 2)?
        .parse()
        .ok()?;
    let (third_digits, era) = strip_era(&third.normalized);
    let (year, month, day, era) = if first_digits.len() == 4 {
        // Year first (ISO). The day may carry a time: `2022-08-10T14:30` tokenizes as
        // `2022`, `08`, `10t14`.
        let day_digits = third_digits.split('t').next().unwrap_or("");
        let day: u8 = digits(day_digits).filter(|d| d.len() <= 2)?.parse().ok()?;
        (first_digits.parse().ok()?, middle, day, era)
    } else if first_digits.len() <= 2 {
        let day: u8 = first_digits.parse().ok()?;
        let year: u16 = digits(third_digits)
            .filter(|d| d.len() == 4)?
            .parse()
            .ok()?;
        (year, middle, day, era)
    } else {
        return None;
    };
    let era = era.or_else(|| era_after(text, tokens, i + 2).map(|(calendar, _)| calendar));
    let calendar = match era {
        Some(calendar) => calendar,
        // Without an era mark a numeric date is Gregorian: a bare 1443/09/15 is too easily
        // a reference number.
        None => Calendar::Gregorian,
    };
    finish(
        text,
        tokens,
        calendar,
        (year, month, day),
        era,
        i + 2,
        start,
    )
    .or_else(|| {
        // Day first is the rule; month first only where day first cannot be a date and the
        // year comes last (an American `08/25/2022`): the numbers swap roles.
        let american = first_digits.len() <= 2 && calendar == Calendar::Gregorian && month > 12;
        let (month, day) = (day, month);
        american
            .then(|| {
                finish(
                    text,
                    tokens,
                    calendar,
                    (year, month, day),
                    era,
                    i + 2,
                    start,
                )
            })
            .flatten()
    })
}

/// Validates a date whose year is token `year_index` and builds its hit, taking in an era mark
/// printed after the year.
fn finish(
    text: &str,
    tokens: &[Token],
    calendar: Calendar,
    (year, month, day): (u16, u8, u8),
    era: Option<Calendar>,
    year_index: usize,
    start: usize,
) -> Option<Hit> {
    if era.is_some_and(|era| era != calendar) || !is_valid(calendar, year, month, day) {
        return None;
    }
    let last = match era_after(text, tokens, year_index) {
        Some((mark, index)) if mark == calendar => index,
        Some(_) => return None,
        None => year_index,
    };
    Some(Hit {
        calendar,
        date: Ymd { year, month, day },
        last,
        start,
        end: tokens.get(last)?.end,
    })
}

fn is_valid(calendar: Calendar, year: u16, month: u8, day: u8) -> bool {
    let (years, days) = match calendar {
        Calendar::Gregorian => (1900..=2100, gregorian_month_days(year, month)),
        // Hijri months have 29 or 30 days depending on the moon sighting; 30 is always
        // possible somewhere.
        Calendar::Hijri => (1300..=1500, if (1..=12).contains(&month) { 30 } else { 0 }),
    };
    years.contains(&year) && (1..=days).contains(&day)
}

/// Days in a Gregorian month (0 for a month number that does not exist).
pub(crate) fn gregorian_month_days(year: u16, month: u8) -> u8 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// The month name starting at token `index` (one or two words, or two names of one month
/// side by side): its calendar, number, and the index of the token after it.
fn month_span(text: &str, tokens: &[Token], index: usize) -> Option<(Calendar, u8, usize)> {
    let (calendar, month, mut next) = month_name(text, tokens, index)?;
    // Dual naming, `آب/أغسطس` or `آب (أغسطس)`: the names must agree, otherwise the date is
    // ambiguous and refused.
    while let Some(name_token) = tokens.get(next) {
        let Some((other_calendar, other_month, after)) = month_name(text, tokens, next) else {
            break;
        };
        let gap_fits = gap_ok(text, tokens.get(next - 1)?, name_token, BETWEEN_NAMES);
        if !gap_fits {
            break;
        }
        if (other_calendar, other_month) != (calendar, month) {
            return None;
        }
        next = after;
    }
    Some((calendar, month, next))
}

/// One month name at token `index`: a two-word name is preferred over a one-word one.
fn month_name(text: &str, tokens: &[Token], index: usize) -> Option<(Calendar, u8, usize)> {
    let first = tokens.get(index)?;
    if let Some(second) = tokens.get(index + 1) {
        if gap_ok(text, first, second, SPACE_ONLY) {
            let pair = (first.normalized.as_str(), second.normalized.as_str());
            // The length test rejects almost every entry before any splitting: this runs for
            // every token of the text.
            let is_pair = |name: &str| {
                name.len() == pair.0.len() + 1 + pair.1.len() && name.split_once(' ') == Some(pair)
            };
            if let Some((calendar, month)) = lookup_month(is_pair) {
                return Some((calendar, month, index + 2));
            }
        }
    }
    lookup_month(|name| name == first.normalized)
        .map(|(calendar, month)| (calendar, month, index + 1))
}

fn lookup_month(matches: impl Fn(&str) -> bool) -> Option<(Calendar, u8)> {
    let find = |table: &[(&str, u8)], calendar| {
        table
            .iter()
            .find(|(name, _)| matches(name))
            .map(|&(_, month)| (calendar, month))
    };
    find(GREGORIAN_MONTHS, Calendar::Gregorian).or_else(|| find(HIJRI_MONTHS, Calendar::Hijri))
}

/// The day a token stands for, and the byte where the day starts (after a glued clitic).
pub(crate) fn day_of(token: &Token) -> Option<(u8, usize)> {
    if FIRST_DAY.contains(&token.normalized.as_str()) {
        return Some((1, token.start));
    }
    let (word, start) = strip_clitic(token);
    let digits_end = word
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(word.len());
    let (number, suffix) = (word.get(..digits_end)?, word.get(digits_end..)?);
    if !(suffix.is_empty() || ORDINAL_SUFFIXES.contains(&suffix)) {
        return None;
    }
    let day: u8 = digits(number).filter(|d| d.len() <= 2)?.parse().ok()?;
    (1..=31).contains(&day).then_some((day, start))
}

/// The year at token `index` (four digits, possibly with a glued era mark: `2022م`,
/// `1443هـ`), when the gap before it fits.
fn year_at(
    text: &str,
    tokens: &[Token],
    index: usize,
    allowed: &[char],
) -> Option<(u16, Option<Calendar>)> {
    let token = tokens.get(index)?;
    if !gap_ok(text, tokens.get(index.checked_sub(1)?)?, token, allowed) {
        return None;
    }
    let (number, era) = strip_era(&token.normalized);
    let year = digits(number).filter(|d| d.len() == 4)?.parse().ok()?;
    Some((year, era))
}

/// An era mark printed as its own word after token `index`: its calendar and token index.
fn era_after(text: &str, tokens: &[Token], index: usize) -> Option<(Calendar, usize)> {
    let (year, mark) = (tokens.get(index)?, tokens.get(index + 1)?);
    if !gap_ok(text, year, mark, SPACE_ONLY) {
        return None;
    }
    let word = mark.normalized.as_str();
    if HIJRI_ERA.contains(&word) {
        Some((Calendar::Hijri, index + 1))
    } else if GREGORIAN_ERA.contains(&word) {
        Some((Calendar::Gregorian, index + 1))
    } else {
        None
    }
}

/// Splits a glued era mark off a number: `2022م` → (`2022`, Gregorian).
fn strip_era(word: &str) -> (&str, Option<Calendar>) {
    if let Some(number) = word.strip_suffix('م') {
        (number, Some(Calendar::Gregorian))
    } else if let Some(number) = word.strip_suffix('ه') {
        (number, Some(Calendar::Hijri))
    } else {
        (word, None)
    }
}

/// Splits a glued one-letter clitic off a number (`ف10` → `10`), returning the rest of the
/// normalized word and the byte in the original text where the number starts.
fn strip_clitic<'t>(token: &'t Token) -> (&'t str, usize) {
    let word = token.normalized.as_str();
    let mut chars = word.chars();
    if let (Some(first), Some(second)) = (chars.next(), chars.clone().next()) {
        if DAY_CLITICS.contains(&first) && second.is_ascii_digit() {
            // The original may hold marks or tatweel after the clitic (`لـ17`): the number
            // starts at its first digit, whatever the script of the digits.
            if let Some(offset) = token.original.find(char::is_numeric) {
                return (chars.as_str(), token.start + offset);
            }
        }
    }
    (word, token.start)
}

/// `word` if it is a non-empty run of ASCII digits (the analyzer has already folded
/// Arabic-Indic and Persian digits).
fn digits(word: &str) -> Option<&str> {
    (!word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())).then_some(word)
}

/// The separator between two numbers of a numeric date: exactly one `/`, `-` or `.`.
fn single_separator(text: &str, before: &Token, after: &Token) -> Option<char> {
    let mut chars = text.get(before.end..after.start)?.chars();
    match (chars.next(), chars.next()) {
        (Some(separator @ ('/' | '-' | '.')), None) => Some(separator),
        _ => None,
    }
}

fn is_weekday(token: &Token) -> bool {
    WEEKDAYS.contains(&token.normalized.as_str())
}

/// Every gap between consecutive tokens `from..to` fits `allowed`.
fn check_gaps(
    text: &str,
    tokens: &[Token],
    from: usize,
    to: usize,
    allowed: &[char],
) -> Option<()> {
    for index in from..to {
        if !gap_ok(text, tokens.get(index)?, tokens.get(index + 1)?, allowed) {
            return None;
        }
    }
    Some(())
}

/// Whether the text between two tokens may sit inside a date: short, and made of spaces
/// (not line breaks), invisible formatting characters and the `allowed` punctuation.
pub(crate) fn gap_ok(text: &str, before: &Token, after: &Token, allowed: &[char]) -> bool {
    // Words split out of one character share its span; they are never two parts of a date.
    let Some(gap) = text.get(before.end..after.start) else {
        return false;
    };
    let mut length = 0;
    gap.chars().all(|c| {
        length += 1;
        length <= MAX_GAP_CHARS
            && (allowed.contains(&c)
                || analysis::is_invisible(c)
                || (c.is_whitespace() && !is_line_break(c)))
    })
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders what [`find_date`] found as `iso | text | hijri` (`-` for none), or `none`.
    fn check(input: &str, expected: &str) {
        let rendered = match find_date(input) {
            Some(found) => {
                assert!(
                    input.contains(&found.text),
                    "text is not a slice of {input:?}"
                );
                format!(
                    "{} | {} | {}",
                    found.iso.as_deref().unwrap_or("-"),
                    found.text,
                    found.hijri.as_deref().unwrap_or("-")
                )
            }
            None => "none".to_string(),
        };
        assert_eq!(rendered, expected, "find_date({input:?})");
    }

    #[test]
    fn date_shapes() {
        let cases = [
            // Maghreb names, with and without the weekday; يومه stays out of the text.
            ("10 غشت 2022", "2022-08-10 | 10 غشت 2022 | -"),
            (
                "استقبل، يومه الأربعاء 10 غشت 2022 بمدينة الرباط",
                "2022-08-10 | الأربعاء 10 غشت 2022 | -",
            ),
            ("فاتح يوليوز 2023", "2023-07-01 | فاتح يوليوز 2023 | -"),
            (
                "ابتداء من الفاتح من شتنبر 2021",
                "2021-09-01 | الفاتح من شتنبر 2021 | -",
            ),
            (
                "يوم 10 من شهر دجنبر 2019",
                "2019-12-10 | 10 من شهر دجنبر 2019 | -",
            ),
            (
                "الاثنين، 3 نونبر 2014",
                "2014-11-03 | الاثنين، 3 نونبر 2014 | -",
            ),
            ("5 ماي 2020", "2020-05-05 | 5 ماي 2020 | -"),
            // Egypt and the Gulf, in Arabic-Indic digits, with a comma before the year.
            ("١٠ أغسطس ٢٠٢٢", "2022-08-10 | ١٠ أغسطس ٢٠٢٢ | -"),
            (
                "الخميس ٧ يوليه، ٢٠٢٢م",
                "2022-07-07 | الخميس ٧ يوليه، ٢٠٢٢م | -",
            ),
            ("25 إبريل 2019 م", "2019-04-25 | 25 إبريل 2019 م | -"),
            // The Levant and Iraq: two-word names, dual naming, Persian digits.
            ("10 آب/أغسطس 2022", "2022-08-10 | 10 آب/أغسطس 2022 | -"),
            ("10 آب (أغسطس) 2022", "2022-08-10 | 10 آب (أغسطس) 2022 | -"),
            ("5 تشرين الأول 2021", "2021-10-05 | 5 تشرين الأول 2021 | -"),
            ("31 كانون الأول 1999", "1999-12-31 | 31 كانون الأول 1999 | -"),
            ("۱۰ آب ۲۰۲۲", "2022-08-10 | ۱۰ آب ۲۰۲۲ | -"),
            // Algeria and Tunisia.
            ("12 جويلية 2019", "2019-07-12 | 12 جويلية 2019 | -"),
            ("فيفري: 14 أفريل 2021", "2021-04-14 | 14 أفريل 2021 | -"),
            ("20 جوان 2020", "2020-06-20 | 20 جوان 2020 | -"),
            // Hijri alone, then side by side with a Gregorian date in either order.
            ("15 رمضان 1443 هـ", "- | 15 رمضان 1443 هـ | 1443-09-15"),
            (
                "الجمعة ١ محرم ١٤٤٤ه",
                "- | الجمعة ١ محرم ١٤٤٤ه | 1444-01-01",
            ),
            ("10 ذي الحجة 1443", "- | 10 ذي الحجة 1443 | 1443-12-10"),
            (
                "2 جمادى الآخرة 1440 هـ",
                "- | 2 جمادى الآخرة 1440 هـ | 1440-06-02",
            ),
            (
                "15 رمضان 1443 هـ الموافق 17 أبريل 2022",
                "2022-04-17 | 15 رمضان 1443 هـ الموافق 17 أبريل 2022 | 1443-09-15",
            ),
            (
                "الأحد 17 أبريل 2022م - 16 رمضان 1443هـ",
                "2022-04-17 | الأحد 17 أبريل 2022م - 16 رمضان 1443هـ | 1443-09-16",
            ),
            (
                "الأحد 17 أبريل 2022 (16 رمضان 1443)",
                "2022-04-17 | الأحد 17 أبريل 2022 (16 رمضان 1443 | 1443-09-16",
            ),
            // French and English.
            ("Paris, le 10 août 2022.", "2022-08-10 | 10 août 2022 | -"),
            (
                "Le 1er mars 2021, à Rabat",
                "2021-03-01 | 1er mars 2021 | -",
            ),
            (
                "MERCREDI 10 DÉCEMBRE 2021",
                "2021-12-10 | MERCREDI 10 DÉCEMBRE 2021 | -",
            ),
            (
                "Published August 10, 2022",
                "2022-08-10 | August 10, 2022 | -",
            ),
            (
                "Wednesday, 10 August 2022",
                "2022-08-10 | Wednesday, 10 August 2022 | -",
            ),
            ("Sept. 5, 2021", "2021-09-05 | Sept. 5, 2021 | -"),
            ("the 3rd of Jan 2020", "2020-01-03 | 3rd of Jan 2020 | -"),
            // Numeric: day first, ISO, Arabic-Indic digits, a URL, a Hijri date with its mark.
            (
                "نشر في 10/08/2022 على الساعة 10:30",
                "2022-08-10 | 10/08/2022 | -",
            ),
            ("10-08-2022", "2022-08-10 | 10-08-2022 | -"),
            ("10.08.2022", "2022-08-10 | 10.08.2022 | -"),
            ("2022-08-10", "2022-08-10 | 2022-08-10 | -"),
            ("2022-08-10T14:30:00Z", "2022-08-10 | 2022-08-10T14 | -"),
            ("١٠/٠٨/٢٠٢٢", "2022-08-10 | ١٠/٠٨/٢٠٢٢ | -"),
            (
                "https://example.ma/2022/08/10/article",
                "2022-08-10 | 2022/08/10 | -",
            ),
            ("08/25/2022", "2022-08-25 | 08/25/2022 | -"),
            ("1443/09/15هـ", "- | 1443/09/15هـ | 1443-09-15"),
            // A clitic glued to the day stays out of the text.
            ("وصل ف10 دجنبر 2020", "2020-12-10 | 10 دجنبر 2020 | -"),
            ("لـ17 أبريل 2022", "2022-04-17 | 17 أبريل 2022 | -"),
            // The first date wins; a date without a year is skipped.
            (
                "نشر في 3 مارس 2020، وعدل في 5 أبريل 2021",
                "2020-03-03 | 3 مارس 2020 | -",
            ),
            (
                "من 1 أبريل إلى 21 دجنبر 2020",
                "2020-12-21 | 21 دجنبر 2020 | -",
            ),
            // Leap years.
            ("29 فبراير 2024", "2024-02-29 | 29 فبراير 2024 | -"),
            ("29 فبراير 2000", "2000-02-29 | 29 فبراير 2000 | -"),
            // Not dates.
            ("", "none"),
            ("سيارة بيك أب", "none"),
            ("سيارة بيك آب 2022", "none"),
            ("أب 10", "none"),
            ("10 غشت", "none"),
            ("فاتح ماي", "none"),
            ("غشت 2022", "none"),
            ("رمضان 1443", "none"),
            ("32 غشت 2022", "none"),
            ("0 غشت 2022", "none"),
            ("29 فبراير 2023", "none"),
            ("29 فبراير 1900", "none"),
            ("31 أبريل 2021", "none"),
            ("10 غشت 1850", "none"),
            ("10 غشت 20222", "none"),
            ("31 رمضان 1443", "none"),
            ("15 رمضان 2022", "none"),
            ("10 غشت 2022 هـ", "none"),
            ("10 آب/أيلول 2022", "none"),
            ("10 كانون 2022", "none"),
            ("10 غشت\n\n2022", "none"),
            ("13/13/2022", "none"),
            ("10/08-2022", "none"),
            ("1443/09/15", "none"),
            ("الفصل 1.11.91 من الظهير", "none"),
            ("10 / 08 / 2022", "none"),
            ("رقم 5/10/2020/12", "none"),
            ("رقم 12/5/10/2020", "none"),
            (
                "https://example.ma/2022/08/10/12345.html",
                "2022-08-10 | 2022/08/10 | -",
            ),
            ("،؛؟«»“”...", "none"),
            ("\u{064E}\u{200F}ـ", "none"),
        ];
        for (input, expected) in cases {
            check(input, expected);
        }
    }

    #[test]
    fn sample_article() {
        let text = include_str!("../../../../tests/fixtures/txt/sample-article.txt");
        check(text, "2022-08-10 | الأربعاء 10 غشت 2022 | -");
    }

    /// Real sentences from `shared/corpora/marsum-test.jsonl` (article ids in the comments).
    /// MArSum, CC BY 4.0: Gaanoun, K., Naira, A. M., Allak, A., & Benelallam, I. (2022).
    /// Automatic Text Summarization for Moroccan Arabic Dialect Using an Artificial
    /// Intelligence Approach. In International Conference on Business Intelligence
    /// (pp. 158-177). Springer, Cham.
    #[test]
    fn marsum_sentences() {
        let cases = [
            // id 9
            (
                "بعدما تلغاو التراويح وصلاة العيد، قام الملك محمد السادس، مرفوقا بولي العهد الأمير مولاي الحسن، والأمير مولاي رشيد، اليوم الأربعاء 20 ماي 2020، بإحياء ليلة القدر عن بعد.",
                "2020-05-20 | الأربعاء 20 ماي 2020 | -",
            ),
            // id 61
            (
                "قالت مصادر ديبلوماسية محلية ل”كود” ان اول يوم من المائدة المستديرة للي جمعات اول امس الاربعاء 5 نونبر 2018 المغرب والبوليساريو وموريتانيا والجزائر بجنيف تحت رعاية المبعوث الخاص الى الصحراء الالماني كولر٬ كانت غادية تعلق فاول الدقائق.",
                "2018-11-05 | الاربعاء 5 نونبر 2018 | -",
            ),
            // id 168: the weekday is outside the parentheses, so it is not part of the date.
            (
                "علمت “كود”، من مصادر مطلعة، أن والدة الوزير المنتدب السابق المكلف بالشؤون العامة والحكامة في حكومة بنكيران الثانية، محمد الوفا، توفيت عصر اليوم الخميس (23 غشت 2018)، بعد معاناة مع المرض.",
                "2018-08-23 | 23 غشت 2018 | -",
            ),
            // id 204
            (
                "اجتمعت اللجنة المركزية للتأديب والروح الرياضية التابعة للجامعة الملكية المغربية لكرة القدم يومه الثلاثاء 21 نونبر 2017 وأصدرت القرارات التالية",
                "2017-11-21 | الثلاثاء 21 نونبر 2017 | -",
            ),
            // id 299
            (
                "كيفاش لكلان دالماجيدي السكرتير الخاص لمحمد السادس كيزدهر على ظهر الهولنديك الملكي » هادا هو العنوان اللي داتو « افريكا انتيليجانس » يوم 14 شتنبر 2020 فمقال طويل.",
                "2020-09-14 | 14 شتنبر 2020 | -",
            ),
            // id 402: الثلاث is Darija for Tuesday.
            (
                "ول البارح الثلاث 16 فبراير 2021 شد بوليس الصبليون مغني راب اسباني” يدعى بابلو هاسل.",
                "2021-02-16 | الثلاث 16 فبراير 2021 | -",
            ),
            // id 727
            (
                "علمت “كود”، من مصادر خاصة، أن محمد حرمو الجنرال دو ديفيزيون، القائد الأعلى للدرك الملكي، تمت ترقيته زوال اليوم الثلاثاء (31 يوليوز 2018)، إلى أعلى رتبة",
                "2018-07-31 | 31 يوليوز 2018 | -",
            ),
            // id 746: the first day-month pair has no year.
            (
                "فهذشي بدا من 28 يوليوز اللي فات، وغيتم دون الأخذ بعين الاعتبار الفترة بين 24 مارس إلى 27 يوليوز 2020.",
                "2020-07-27 | 27 يوليوز 2020 | -",
            ),
            // id 1130: a zero-padded day.
            (
                "وجا هذ القرار بناء على محضر معاينة للجنة المختلطة للمسبح العمومي “الزرقا” بتاريخ 05 غشت 2020، لتفادي انتشار فيروس كورونا المستجد.",
                "2020-08-05 | 05 غشت 2020 | -",
            ),
        ];
        for (input, expected) in cases {
            check(input, expected);
        }
    }

    #[test]
    fn month_tables_are_normalized_and_complete() {
        for (name, month) in GREGORIAN_MONTHS.iter().chain(HIJRI_MONTHS) {
            assert_eq!(
                analysis::normalize(name),
                *name,
                "table entry not normalized"
            );
            assert!((1..=12).contains(month), "{name}");
        }
        // The names as the brief and the press spell them, before normalization.
        let spelled: [(&str, [u8; 12]); 6] = [
            (
                "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر",
                [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            ),
            (
                "يناير فبراير مارس إبريل مايو يونيه يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
                [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            ),
            (
                "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
                [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            ),
            (
                "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر",
                [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            ),
            (
                "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
                [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            ),
            (
                "January February March April May June July August September October November December",
                [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            ),
        ];
        for (names, numbers) in spelled {
            for (name, number) in names.split(' ').zip(numbers) {
                let key = analysis::normalize(&name.replace('_', " "));
                let found = GREGORIAN_MONTHS.iter().find(|(n, _)| *n == key);
                assert_eq!(found.map(|(_, m)| *m), Some(number), "{name}");
            }
        }
        let hijri = "محرم صفر ربيع_الأول ربيع_الثاني جمادى_الأولى جمادى_الآخرة رجب شعبان رمضان شوال ذو_القعدة ذو_الحجة";
        for (name, number) in hijri.split(' ').zip(1..) {
            let key = analysis::normalize(&name.replace('_', " "));
            let found = HIJRI_MONTHS.iter().find(|(n, _)| *n == key);
            assert_eq!(found.map(|(_, m)| *m), Some(number), "{name}");
        }
        for (alias, number) in [("ربيع الآخر", 4), ("جمادى الثانية", 6), ("ذي القعدة", 11)]
        {
            let key = analysis::normalize(alias);
            let found = HIJRI_MONTHS.iter().find(|(n, _)| *n == key);
            assert_eq!(found.map(|(_, m)| *m), Some(number), "{alias}");
        }
    }

    #[test]
    fn megabyte_inputs() {
        // Ordinary words with numbers that almost make dates, then the date at the very end.
        let filler = "جاء 12 شخصا في مارس 2020 ومعهم 10/08 وثيقة، ";
        let mut text = filler.repeat(1_000_000 / filler.len() + 1);
        text.push_str("يومه الأربعاء 10 غشت 2022");
        assert!(text.len() > 1_000_000);
        check(&text, "2022-08-10 | الأربعاء 10 غشت 2022 | -");
        // One 1 MB word, one 1 MB gap, one 1 MB run of separators and digits.
        check(&"ا".repeat(500_000), "none");
        check(&format!("10{}غشت 2022", " ".repeat(1_000_000)), "none");
        check(&"1/".repeat(500_000), "none");
        check(&"\u{064E}".repeat(500_000), "none");
    }

    #[test]
    fn never_panics_on_any_cut_of_the_sample() {
        let text = include_str!("../../../../tests/fixtures/txt/sample-article.txt");
        // Every prefix and every suffix cut at a char boundary: cuts land inside words,
        // dates and between a mark and its letter.
        for (index, _) in text.char_indices() {
            let _ = find_date(&text[..index]);
            if index % 5 == 0 {
                let _ = find_date(&text[index..]);
            }
        }
        let date_starts = text.find("الأربعاء 10 غشت").unwrap_or(0);
        assert_eq!(find_date(&text[..date_starts]), None);
    }
}
