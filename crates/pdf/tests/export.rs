//! The PDF export read back with poppler's tools, as a reader's viewer or a colleague's script
//! would: the words come back in logical order, paragraphs sit on the side their direction
//! says, the fonts are embedded and subsetted, markup characters print as themselves.
mod common;

use std::time::Instant;

use arshif_engine::Article;
use arshif_pdf::{Labels, Layout, PdfError, PdfOptions, Progress};
use common::*;

fn options(language: &str) -> PdfOptions {
    PdfOptions {
        description: "وسم:إسبانيا OR Espagne".to_owned(),
        export_date: Some("2026-11-29".to_owned()),
        layout: Layout::OnePerPage,
        labels: Labels::for_language(language),
    }
}

fn render(articles: &[Article], options: &PdfOptions) -> tempfile::TempPath {
    pdf_file(&arshif_pdf::render(articles, options).unwrap())
}

/// The title, each paragraph and the metadata values come back from pdftotext as the same
/// words in the same order.
fn check_words_come_back(article: &Article, extracted: &str) {
    check_split_words_come_back(article, extracted, words);
}

fn check_split_words_come_back(article: &Article, extracted: &str, split: fn(&str) -> Vec<String>) {
    let extracted = body_words(extracted, split);
    let check =
        |expected: &str, what: &str| assert_split_words_in_order(&extracted, expected, split, what);
    check(&article.title, "title");
    for (index, paragraph) in article
        .body
        .lines()
        .filter(|line| !line.trim().is_empty())
        .enumerate()
    {
        check(paragraph, &format!("paragraph {}", index + 1));
    }
    let metadata = [&article.publication, &article.date_text]
        .into_iter()
        .flatten()
        .chain(&article.authors);
    for value in metadata {
        check(value, "metadata line");
    }
    for tag in &article.tags {
        check(&tag.name, "tag");
    }
}

/// The boxes of the line holding `word` (as written, or as pdftotext -bbox spells a right-to-
/// left word: its characters in visual order).
fn line_of(boxes: &[WordBox], word: &str) -> Vec<WordBox> {
    let reversed: String = word.chars().rev().collect();
    let found = boxes
        .iter()
        .find(|found| {
            let text = found.text.trim_matches(|c: char| !c.is_alphanumeric());
            text == word || text == reversed
        })
        .unwrap_or_else(|| panic!("{word:?} is not on any page"));
    boxes
        .iter()
        .filter(|other| other.page == found.page && (other.y_min - found.y_min).abs() < 1.0)
        .cloned()
        .collect()
}

/// A short line (the end of a paragraph, a metadata line) sits on its direction's start side.
fn assert_line_starts_on(boxes: &[WordBox], word: &str, right_to_left: bool) {
    let line = line_of(boxes, word);
    let left = line.iter().map(|b| b.x_min).fold(f64::MAX, f64::min);
    let right = line.iter().map(|b| b.x_max).fold(f64::MIN, f64::max);
    let (start_gap, end_gap) = if right_to_left {
        (PAGE_WIDTH - SIDE_MARGIN - right, left - SIDE_MARGIN)
    } else {
        (left - SIDE_MARGIN, PAGE_WIDTH - SIDE_MARGIN - right)
    };
    assert!(
        start_gap.abs() < 2.0 && end_gap > 60.0,
        "the line of {word:?} should start at the {} margin and stop short of the other: \
         {left:.1}..{right:.1} pt",
        if right_to_left { "right" } else { "left" },
    );
}

#[test]
fn sample_article_words_come_back_in_logical_order() {
    let article = sample_article();
    let pdf = render(std::slice::from_ref(&article), &options("ar"));
    let text = pdf_text(&pdf, None);
    check_words_come_back(&article, &text);
    // The two places the issue names: Latin and digits inside Arabic sentences.
    let extracted = body_words(&text, words);
    assert_words_in_order(
        &extracted,
        "فرانسيسكو باردو بيكيراس Francisco PARDO PIQUERAS",
        "Latin name in Arabic",
    );
    assert_words_in_order(
        &extracted,
        "يومه الأربعاء 10 غشت 2022 بمدينة",
        "date in Arabic",
    );
    // Nothing of the site furniture the importer cut comes back.
    assert!(!text.contains("التعليقات مغلقة"), "{text}");

    let boxes = word_boxes(&pdf);
    assert_line_starts_on(&boxes, "أصوات", true);
    assert_line_starts_on(&boxes, "وفعاليتها", true);
}

#[test]
fn french_article_is_left_to_right_with_its_words_in_order() {
    let article = french_article();
    let pdf = render(std::slice::from_ref(&article), &options("fr"));
    check_words_come_back(&article, &pdf_text(&pdf, None));
    let boxes = word_boxes(&pdf);
    assert_line_starts_on(&boxes, "Matin", false);
    // Its ISO date (no printed date) reads forwards in the metadata line.
    assert!(boxes.iter().any(|b| b.text == "2022-08-11"), "{boxes:?}");
}

#[test]
fn mixed_article_sets_each_paragraph_in_its_own_direction() {
    let mut article = mixed_article();
    // Short paragraphs, so that each line stops well before the far margin. The Latin one has
    // no Arabic word: poppler reads a short line with one as right to left, though it is set
    // left to right (docs/pdf-sample.png shows the layout; the French article checks the
    // order of an Arabic name inside Latin text).
    article
        .body
        .push_str("\nوهذا رقم قياسي.\nUn bilan record, selon la presse.");
    let pdf = render(std::slice::from_ref(&article), &options("ar"));
    let text = pdf_text(&pdf, None);
    check_words_come_back(&article, &text);
    let extracted = body_words(&text, words);
    assert_words_in_order(
        &extracted,
        "معرض Expo 2020 Dubai أن عدد",
        "Latin and digits",
    );
    assert_words_in_order(&extracted, "بزيادة 12.5% عن", "a decimal figure");

    let boxes = word_boxes(&pdf);
    // No stored language: the Arabic letters make it a right-to-left article, yet the French
    // quotation starts on the left, and the last Arabic paragraph on the right.
    assert_line_starts_on(&boxes, "قياسي", true);
    assert_line_starts_on(&boxes, "presse", false);
}

#[test]
fn vocalized_words_come_back_once() {
    // Real news text with marks (`لـ”كَود”`, `قائلاً`) and a fully vocalized article.
    let articles = imported(&["demo/marsum-2.txt", "demo/marsum-14.txt"], &[]);
    let mut vocalized = article(
        9,
        "مُحَمَّدٌ رَسُولُ اللَّهِ",
        "قَالَ الْمُدِيرُ: إِنَّ الْعَمَلَ مُسْتَمِرٌّ جِدًّا.",
        Some("ar"),
    );
    vocalized.date_text = Some("١٠ غشت ٢٠٢٢".to_owned());
    let all = [articles, vec![vocalized]].concat();
    let pdf = render(&all, &options("ar"));
    let text = pdf_text(&pdf, None);
    // Each letter once: without the repair in src/marks.rs, `كَود` comes back as `َكَكود`,
    // which no search finds even with its marks ignored.
    for article in &all {
        check_split_words_come_back(article, &text, words_without_marks);
    }
    // Every mark is in the text, once.
    let marks = |s: &str| {
        s.chars()
            .filter(|c| ('\u{064B}'..='\u{0652}').contains(c))
            .count()
    };
    let expected: usize = all.iter().map(|a| marks(&a.title) + marks(&a.body)).sum();
    let contents = pdf_text(&pdf, Some((2, 2)));
    assert_eq!(marks(&text) - marks(&contents), expected);
}

#[test]
fn fonts_are_embedded_and_subsetted() {
    assert_eq!(arshif_pdf::built_in_font_count(), 4);
    let pdf = render(&[sample_article(), french_article()], &options("ar"));
    let listing = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    // name, type, encoding, emb, sub, uni, object number, generation: the type may hold spaces,
    // so the flags are read from the end of the row.
    let rows: Vec<Vec<&str>> = listing
        .lines()
        .skip(2)
        .map(|line| line.split_whitespace().collect())
        .collect();
    for row in &rows {
        let flags = &row[row.len() - 5..row.len() - 2];
        assert_eq!(flags, ["yes", "yes", "yes"], "emb, sub, uni of {}", row[0]);
        assert!(
            row[0].contains('+'),
            "a subset's name has a tag prefix: {}",
            row[0]
        );
    }
    let mut names: Vec<&str> = rows
        .iter()
        .map(|row| row[0].split_once('+').map_or(row[0], |(_, name)| name))
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "NotoNaskhArabic-Bold",
            "NotoNaskhArabic-Regular",
            "NotoSerif-Bold",
            "NotoSerif-Regular"
        ],
        "{listing}"
    );
}

#[test]
fn markup_characters_in_articles_print_literally() {
    let title =
        "*Gras* _pente_ #let x = 1 $x^2$ [crochets] `code` <label> @ref \\ // pas un commentaire";
    let body =
        "= Pas un titre\n- pas une liste\n#set page(width: 1cm) et /* ceci */ reste du texte";
    let latin = article(1, title, body, Some("fr"));
    let arabic = article(
        2,
        "عنوان *مهم* #1 [تحديث] $5",
        "نص _عادي_ = ليس عنوانا",
        Some("ar"),
    );
    let pdf = render(&[latin, arabic], &options("fr"));
    let text = pdf_text(&pdf, None);
    // Left-to-right text comes back character for character (spaces aside).
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let squeezed = squeeze(&text);
    for expected in [title].into_iter().chain(body.lines()) {
        assert!(
            squeezed.contains(&squeeze(expected)),
            "{expected:?} not in:\n{text}"
        );
    }
    // In the right-to-left title pdftotext may move neutral characters around the runs, so
    // count them: each markup character is printed, none was eaten as syntax.
    let arabic_page = pdf_text(&pdf, Some((page_count(&pdf), page_count(&pdf))));
    for (character, count) in [
        ('*', 2),
        ('#', 1),
        ('[', 1),
        (']', 1),
        ('$', 1),
        ('_', 2),
        ('=', 1),
    ] {
        assert_eq!(
            arabic_page.matches(character).count(),
            count,
            "{character:?} in:\n{arabic_page}"
        );
    }
}

#[test]
fn cover_contents_bookmarks_and_page_numbers() {
    let articles = [sample_article(), french_article(), mixed_article()];
    let pdf = render(&articles, &options("ar"));
    let pages = page_count(&pdf);
    // Cover, contents, then one article a page (the sample fills one page at most).
    assert_eq!(pages, 5);

    let cover = pdf_text(&pdf, Some((1, 1)));
    let cover_words = words(&cover);
    assert_words_in_order(&cover_words, "أرشيف: مقالات مصدرة", "cover title");
    assert_words_in_order(&cover_words, "وسم:إسبانيا OR Espagne", "cover description");
    assert_words_in_order(&cover_words, "عدد المقالات: 3", "cover count");
    // The export date reads forwards although the cover is right to left.
    assert!(cover.contains("2026-11-29"), "{cover}");
    assert!(
        !cover.lines().any(is_page_number),
        "the cover has no page number"
    );

    let contents = words(&pdf_text(&pdf, Some((2, 2))));
    assert_words_in_order(&contents, "المحتويات", "contents heading");
    for article in &articles {
        assert_words_in_order(&contents, &article.title, "contents entry");
    }

    // Bookmarks: one per article, in order, each pointing at its first page.
    let xml = poppler(
        "pdftohtml",
        &["-xml", "-stdout", "-i", "-q", pdf.to_str().unwrap()],
    );
    let bookmarks: Vec<(String, String)> = xml
        .lines()
        .filter_map(|line| line.trim().strip_prefix("<item page=\""))
        .map(|rest| {
            let (page, title) = rest.split_once("\">").unwrap();
            (
                page.to_owned(),
                title.trim_end_matches("</item>").replace("&#39;", "'"),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = articles
        .iter()
        .zip(3..)
        .map(|(article, page)| (page.to_string(), article.title.clone()))
        .collect();
    assert_eq!(bookmarks, expected, "{xml}");

    // "2 / 5" and not "5 / 2", though the pages are right to left.
    for page in 2..=pages {
        let footer = pdf_text(&pdf, Some((page, page)));
        let expected = format!("{page}/{pages}");
        assert!(
            footer
                .lines()
                .any(|line| line.replace(' ', "").trim() == expected),
            "page {page} has no footer {expected}:\n{footer}"
        );
    }
}

#[test]
fn french_labels_give_a_left_to_right_cover() {
    let pdf = render(&[sample_article(), mixed_article()], &options("fr"));
    let boxes = word_boxes(&pdf);
    assert_line_starts_on(&boxes, "Sommaire", false);
    // An Arabic title in the French contents still reads right to left, "Expo 2020" between
    // its two Arabic halves; set left to right, the halves would swap sides.
    let contents: Vec<WordBox> = boxes.iter().filter(|b| b.page == 2).cloned().collect();
    let x_of = |word: &str| {
        let reversed: String = word.chars().rev().collect();
        let found = contents
            .iter()
            .find(|b| b.text == word || b.text == reversed);
        found
            .map(|b| b.x_min)
            .unwrap_or_else(|| panic!("{word} not in {contents:?}"))
    };
    assert!(
        x_of("لمعرض") > x_of("Expo") && x_of("Expo") > x_of("الأول"),
        "{contents:?}"
    );
    let cover = words(&pdf_text(&pdf, Some((1, 1))));
    assert_words_in_order(&cover, "Nombre d'articles : 2", "cover count");
    assert_words_in_order(&cover, "Exporté le : 2026-11-29", "cover date");
}

#[test]
fn continuous_layout_runs_articles_on() {
    let articles = [french_article(), mixed_article(), french_article()];
    let one_per_page = render(&articles, &options("ar"));
    let continuous = render(
        &articles,
        &PdfOptions {
            layout: Layout::Continuous,
            ..options("ar")
        },
    );
    assert_eq!(page_count(&one_per_page), 5);
    assert_eq!(page_count(&continuous), 3);
}

#[test]
fn two_hundred_articles_render_in_a_few_seconds() {
    let demo = imported(
        &[
            "demo/marsum-2.txt",
            "demo/marsum-14.txt",
            "demo/marsum-50.txt",
            "demo/marsum-68.txt",
            "demo/marsum-76.txt",
            "demo/marsum-78.txt",
            "demo/marsum-80.txt",
            "demo/marsum-118.txt",
        ],
        &["عينة"],
    );
    let articles: Vec<Article> = (0..200)
        .map(|index| {
            let mut article = demo[index % demo.len()].clone();
            article.id = index as i64 + 1;
            article.title = format!("{} ({})", article.title, index + 1);
            article
        })
        .collect();
    let mut phases = Vec::new();
    let started = Instant::now();
    let pdf = arshif_pdf::render_with_progress(&articles, &options("ar"), &mut |progress| {
        phases.push(progress)
    })
    .unwrap();
    let elapsed = started.elapsed();
    let file = pdf_file(&pdf);
    let pages = page_count(&file);
    // Printed, not asserted: the time depends on the machine and on the build profile.
    println!(
        "200 articles: {pages} pages, {} KB, {:.2} s",
        pdf.len() / 1024,
        elapsed.as_secs_f64()
    );
    assert!(pages >= 202, "{pages} pages");
    assert_eq!(
        phases,
        [
            Progress::Typesetting { articles: 200 },
            Progress::Writing { pages },
            Progress::Done { bytes: pdf.len() },
        ]
    );
    // The last article is where it should be, whole.
    let last = pdf_text(&file, Some((pages - 1, pages)));
    check_split_words_come_back(&articles[199], &last, words_without_marks);
}

#[test]
fn figures_read_forwards_and_stay_inside_the_margins() {
    // A paragraph without letters is set as one left-to-right unit (src/data.rs); a table of
    // figures pasted as text must still wrap rather than run off the page.
    let figures: Vec<String> = (0..400)
        .map(|n| format!("{}.{:02}", n * 37, n % 100))
        .collect();
    let body = format!("جدول الأرقام:\n{}", figures.join(" "));
    // An ISO date after an Arabic publication name reads forwards too (it is boxed).
    let dated = Article {
        publication: Some("جريدة أصوات".to_owned()),
        date: Some("2022-08-10".to_owned()),
        ..article(1, "أرقام", &body, Some("ar"))
    };
    let pdf = render(&[dated], &options("ar"));
    let page = pdf_text(&pdf, Some((3, 3)));
    assert!(page.contains("2022-08-10"), "{page}");
    let boxes = word_boxes(&pdf);
    let (left, right) = boxes.iter().fold((f64::MAX, f64::MIN), |(l, r), b| {
        (l.min(b.x_min), r.max(b.x_max))
    });
    assert!(
        left > SIDE_MARGIN - 1.0 && right < PAGE_WIDTH - SIDE_MARGIN + 1.0,
        "{left:.1}..{right:.1}"
    );
    let extracted = body_words(&pdf_text(&pdf, None), words);
    assert_words_in_order(&extracted, &figures.join(" "), "figures");
}

#[test]
fn odd_text_never_fails_the_export() {
    // Control characters, a NUL, a long address, a lone surrogate's replacement, tabs, RTL and
    // LTR marks: whatever an import let through prints without an error.
    let url = format!("https://www.hespress.com/{}", "politique/".repeat(20));
    let body = format!(
        "نص\u{0}مع\u{7}محارف\ttab \u{200F}علامة\u{200E} \u{FFFD}\n{url}\n\u{202E}reversed\u{202C}"
    );
    let pdf = render(
        &[article(1, "\u{1}عنوان\u{200B}", &body, Some("ar"))],
        &options("ar"),
    );
    let text = pdf_text(&pdf, None);
    assert!(text.contains("hespress"), "{text}");
    let right = word_boxes(&pdf)
        .iter()
        .map(|b| b.x_max)
        .fold(f64::MIN, f64::max);
    let left = word_boxes(&pdf)
        .iter()
        .map(|b| b.x_min)
        .fold(f64::MAX, f64::min);
    assert!(
        left > SIDE_MARGIN - 1.0 && right < PAGE_WIDTH - SIDE_MARGIN + 1.0,
        "{left:.1}..{right:.1}"
    );
}

#[test]
fn the_same_selection_gives_the_same_bytes() {
    let articles = [sample_article(), french_article()];
    let first = arshif_pdf::render(&articles, &options("ar")).unwrap();
    let second = arshif_pdf::render(&articles, &options("ar")).unwrap();
    assert!(first == second, "two exports of one selection differ");
}

#[test]
fn an_empty_selection_is_refused() {
    let error = arshif_pdf::render(&[], &options("ar")).unwrap_err();
    assert!(matches!(error, PdfError::NothingToExport), "{error:?}");
    assert_eq!(error.code(), "nothing_to_export");
}
