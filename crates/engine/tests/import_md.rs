//! Importing Markdown articles, with and without front matter.

mod common;
use common::{fixture, import, temp_archive};

#[test]
fn front_matter_gives_the_metadata() {
    let (_dir, mut archive) = temp_archive();
    let report = import(&mut archive, &[fixture("md/goud-front-matter.md")]);
    assert_eq!(
        (report.imported, report.duplicates, report.failed.len()),
        (1, 0, 0),
        "{report:?}"
    );
    let article = archive.article(report.imported_ids[0]).unwrap();
    assert_eq!(article.title, "الريسوني والراضي غيدخلو فإضراب عن الطعام");
    assert_eq!(article.date.as_deref(), Some("2020-12-09"));
    assert_eq!(article.authors, ["هيئة تحرير كود"]);
    assert_eq!(article.publication.as_deref(), Some("كود"));
    let mut tags: Vec<&str> = article.tags.iter().map(|t| t.name.as_str()).collect();
    tags.sort_unstable();
    assert_eq!(tags, ["حقوق الإنسان", "صحافة"]);
    assert_eq!(
        article.url.as_deref(),
        Some("https://www.goud.ma/example-1616")
    );
    assert_eq!(article.language.as_deref(), Some("ar"));
    // The heading repeating the title is not kept twice; the markup is gone, the words stay.
    assert!(
        article.body.starts_with("علنو الصحافيان سليمان الريسوني"),
        "{}",
        article.body
    );
    assert!(article.body.ends_with("• عمر الراضي"), "{}", article.body);
    assert!(article
        .body
        .contains("\n\nالصحافيان\n\n• سليمان الريسوني\n"));
    for markup in [
        "**",
        "# ",
        "> ",
        "![",
        "](",
        "<div",
        "SCRIPT-LEAK",
        "صورة الصحافيين",
        "---",
    ] {
        assert!(
            !article.body.contains(markup),
            "{markup:?} in {}",
            article.body
        );
    }
    let provenance = article.provenance.unwrap();
    assert_eq!(provenance.importer, "md");
    assert_eq!(provenance.encoding, "UTF-8");
}

#[test]
fn without_front_matter_the_text_rules_apply() {
    let (_dir, mut archive) = temp_archive();
    let report = import(&mut archive, &[fixture("md/sample-article.md")]);
    assert_eq!(report.imported, 1, "{report:?}");
    let article = archive.article(report.imported_ids[0]).unwrap();
    assert_eq!(
        article.title,
        "زيارة مدير الشرطة الإسبانية للرباط تعزيز للتعاون واعتراف بقوة الحضور الأمني المغربي في كافة المجالات"
    );
    assert_eq!(article.publication.as_deref(), Some("جريدة أصوات"));
    assert_eq!(article.date.as_deref(), Some("2022-08-10"));
    assert_eq!(article.date_text.as_deref(), Some("الأربعاء 10 غشت 2022"));
    assert_eq!(article.language.as_deref(), Some("ar"));
    assert!(article.body.starts_with("في إطار دينامية التنسيق"));
    assert!(article.body.ends_with("خاصة تلك العابرة للحدود."));
    assert_eq!(
        article.provenance.unwrap().boilerplate_removed,
        "التعليقات مغلقة."
    );
    // The same story as .txt is the same text.
    let again = import(&mut archive, &[fixture("txt/sample-article.txt")]);
    assert_eq!((again.imported, again.duplicates), (0, 1), "{again:?}");
    assert_eq!(again.duplicate_files[0].kind, "same_text");
}

#[test]
fn markdown_of_plain_lines_reads_like_text() {
    let (dir, mut archive) = temp_archive();
    let path = dir.path().join("note.markdown");
    std::fs::write(
        &path,
        "Titre simple\nLe Matin\n\nPar Leila Benali\n\nLa campagne continue le 5 mai 2020 à Rabat.",
    )
    .unwrap();
    let report = import(&mut archive, &[path]);
    assert_eq!(report.imported, 1, "{report:?}");
    let article = archive.article(report.imported_ids[0]).unwrap();
    assert_eq!(article.title, "Titre simple");
    assert_eq!(article.publication, None, "not a known publication");
    assert!(article.body.starts_with("Le Matin"), "{}", article.body);
    assert_eq!(article.authors, ["Leila Benali"]);
    assert_eq!(article.date.as_deref(), Some("2020-05-05"));
    assert_eq!(article.language.as_deref(), Some("fr"));
}
