// Interface texts in Arabic (default), French and English, and the language
// switch. Static elements carry `data-i18n` (text) or `data-i18n-<attribute>`
// (placeholder, title, aria-label); views call `t()` when they render.
//
// Counted strings are objects keyed by Intl.PluralRules categories. Arabic
// always has all six (zero, one, two, few, many, other); French has one, many,
// other; English one, other. `{count}` is written with the current digits.

/** @typedef {'ar'|'fr'|'en'} Lang */
/** @typedef {'latn'|'arab'} Digits */
/** @typedef {string | Partial<Record<Intl.LDMLPluralRule, string>>} Entry */

/** @type {Record<Lang, Record<string, Entry>>} */
const DICTIONARIES = {
  ar: {
    'app.name': 'أرشيف',
    'app.tagline': 'أرشيف الصحافة',

    'count.articles': {
      zero: 'لا مقالات',
      one: 'مقال واحد',
      two: 'مقالان',
      few: '{count} مقالات',
      many: '{count} مقالًا',
      other: '{count} مقال',
    },
    'count.results': {
      zero: 'لا نتائج',
      one: 'نتيجة واحدة',
      two: 'نتيجتان',
      few: '{count} نتائج',
      many: '{count} نتيجة',
      other: '{count} نتيجة',
    },
    'count.files': {
      zero: 'لا ملفات',
      one: 'ملف واحد',
      two: 'ملفان',
      few: '{count} ملفات',
      many: '{count} ملفًا',
      other: '{count} ملف',
    },
    'count.activeFilters': {
      zero: 'لا عوامل تصفية مفعّلة',
      one: 'عامل تصفية واحد مفعّل',
      two: 'عاملا تصفية مفعّلان',
      few: '{count} عوامل تصفية مفعّلة',
      many: '{count} عاملَ تصفية مفعّلًا',
      other: '{count} عامل تصفية مفعّل',
    },

    'sidebar.label': 'التنقل',
    'sidebar.import': 'استيراد',
    'sidebar.importing': 'جارٍ الاستيراد…',
    'sidebar.importFolder': 'استيراد مجلد',
    'sidebar.library': 'المكتبة',
    'sidebar.allArticles': 'كل المقالات',
    'sidebar.tags': 'الوسوم',
    'sidebar.noTags': 'لا وسوم بعد. أضِف وسمًا من صفحة المقال.',
    'sidebar.settings': 'الإعدادات',
    'sidebar.savedSearches': 'عمليات بحث محفوظة',
    'sidebar.noSaved': 'لا عمليات بحث محفوظة بعد. احفظ بحثًا بالزر الذي بجانب مربع البحث.',
    'stats.articles': 'المقالات',
    'stats.tags': 'الوسوم',
    'stats.publications': 'الجرائد',

    'search.label': 'البحث في الأرشيف',
    'search.placeholder': 'ابحث في الأرشيف…',
    'search.shortcut': 'اضغط / أو Ctrl+K للبحث',
    'search.help': 'طريقة كتابة البحث',
    'search.helpMark': '؟',
    'search.badDate': '{value} ليس تاريخًا. اكتب سنة (2022) أو شهرًا (2022-08) أو يومًا (2022-08-10).',

    'list.label': 'المقالات',
    'list.sort': 'الترتيب',
    'sort.imported_desc': 'الأحدث استيرادًا',
    'sort.imported_asc': 'الأقدم استيرادًا',
    'sort.date_desc': 'تاريخ النشر، الأحدث أولًا',
    'sort.date_asc': 'تاريخ النشر، الأقدم أولًا',
    'sort.title_asc': 'العنوان أبجديًا',
    'sort.relevance': 'حسب الصلة',
    'sort.newest': 'تاريخ النشر، الأحدث أولًا',
    'sort.oldest': 'تاريخ النشر، الأقدم أولًا',
    'list.loading': 'جارٍ التحميل…',
    'list.untitled': '(بدون عنوان)',
    'list.moreTags': '+{count}',

    'noResults.title': 'لا نتائج',
    'noResults.text': 'لم نجد أي مقال يطابق {query}.',
    'noResults.hint': 'جرّب كلمات أقل، أو أزِل عامل تصفية مثل {tag} أو {from}.',
    'noResults.clear': 'عرض كل المقالات',

    'empty.title': 'أرشيفك جاهز',
    'empty.text': 'ابدأ باستيراد مقالات محفوظة كملفات نصية. يحفظ أرشيف كل مقال مع مصدره، ويجعله قابلًا للبحث بالعربية كيفما كُتبت.',
    'empty.import': 'استيراد مقالات',
    'empty.drop': 'أو اسحب الملفات وأفلتها في هذه النافذة.',

    'reader.label': 'قارئ المقال',
    'reader.placeholderTitle': 'اختر مقالًا لقراءته',
    'reader.placeholderText': 'انقر على مقال في القائمة، أو تنقّل بالأسهم ثم اضغط Enter.',
    'reader.loading': 'جارٍ فتح المقال…',
    'reader.tags': 'الوسوم',
    'reader.noTags': 'لا وسوم بعد.',
    'reader.addTag': 'إضافة وسم',
    'reader.addTagPlaceholder': 'وسم جديد، ثم Enter',
    'reader.removeTag': 'إزالة الوسم {tag}',
    'reader.searchTag': 'عرض المقالات الموسومة بهذا الوسم',
    'reader.notes': 'ملاحظات',
    'reader.body': 'نص المقال',
    'reader.delete': 'حذف المقال',
    'reader.textSize': 'حجم النص',
    'reader.textSmaller': 'تصغير النص',
    'reader.textLarger': 'تكبير النص',
    'reader.duplicatesTitle': 'نسخ محتملة من هذا المقال',
    'reader.duplicatesHint': 'نص شبه مطابق في مقالات أخرى. قارن بينهما للإبقاء على الاثنين أو حذف أحدهما.',
    'reader.compare': 'مقارنة',
    'reader.compareWith': 'مقارنة جنبًا إلى جنب مع «{title}»',
    'reader.source': 'الرابط',

    'meta.by': 'بقلم {authors}',
    'meta.page': 'ص. {page}',
    'meta.hijri': 'التاريخ الهجري',
    'meta.language': 'لغة المقال',
    'meta.section': 'الركن',

    'prov.title': 'بيانات المصدر',
    'prov.none': 'لا تتوفر بيانات عن مصدر هذا المقال.',
    'prov.fileName': 'اسم الملف الأصلي',
    'prov.filePath': 'المسار',
    'prov.size': 'الحجم',
    'prov.encoding': 'الترميز',
    'prov.importer': 'أداة الاستيراد',
    'prov.sha256': 'بصمة SHA-256',
    'prov.importedAt': 'تاريخ الاستيراد',
    'prov.modifiedAt': 'آخر تعديل',
    'prov.boilerplate': 'النص الزائد المحذوف',
    'prov.boilerplateNone': 'لا شيء',

    'confirm.title': 'حذف هذا المقال؟',
    'confirm.text': 'سيُحذف {title} من الأرشيف نهائيًا، ولا يمكن التراجع عن ذلك.',
    'confirm.cancel': 'إلغاء',
    'confirm.delete': 'حذف نهائي',

    'report.nearDuplicates': {
      zero: 'لا مقالات مستورَدة تشبه مقالات موجودة في الأرشيف.',
      one: 'مقال مستورَد واحد يشبه مقالًا موجودًا في الأرشيف.',
      two: 'مقالان مستورَدان يشبهان مقالات موجودة في الأرشيف.',
      few: '{count} مقالات مستورَدة تشبه مقالات موجودة في الأرشيف.',
      many: '{count} مقالًا مستورَدًا يشبه مقالات موجودة في الأرشيف.',
      other: '{count} مقال مستورَد يشبه مقالات موجودة في الأرشيف.',
    },
    'report.compareDuplicates': 'قارن بينها',
    'duplicates.nav': 'مقالات قد تكون مكررة',
    'duplicates.title': 'مقالات قد تكون مكررة',
    'duplicates.close': 'إغلاق',
    'duplicates.empty': 'لا مقالات متشابهة تنتظر المراجعة.',
    'duplicates.similarity': 'تشابه {percent}',
    'duplicates.legend': 'الكلمات المظلَّلة لا ترد إلا في أحد النصين.',
    'duplicates.keepBoth': 'الاحتفاظ بالاثنين (ليسا مكررين)',
    'duplicates.delete': 'حذف هذا المقال',
    'duplicates.confirmDelete': 'تأكيد الحذف النهائي',
    'duplicates.cancel': 'إلغاء',
    'duplicates.confirmText': 'سيُحذف {title} من الأرشيف نهائيًا، ولا يمكن التراجع عن ذلك.',
    'duplicates.earlier': 'الأقدم',
    'duplicates.later': 'الأحدث',

    'import.dialogTitle': 'اختر ملفات المقالات لاستيرادها',
    'import.allFiles': 'كل الملفات',
    'import.busy': 'جارٍ استيراد {files}…',
    'import.dropHere': 'أفلت الملفات لاستيرادها',
    'import.progress': '{done} / {total}',
    'import.progressLabel': 'تقدّم الاستيراد',
    'import.folderDialogTitle': 'اختر مجلدًا لاستيراد كل مقالاته',
    'import.articleFiles': 'ملفات المقالات',
    'import.cancel': 'إيقاف الاستيراد',
    'import.cancelling': 'جارٍ الإيقاف بعد الملف الحالي…',
    'import.rate': '{rate} ملف في الثانية',
    'import.etaSeconds': {
      zero: 'ينتهي الآن',
      one: 'تبقّى نحو ثانية',
      two: 'تبقّى نحو ثانيتين',
      few: 'تبقّى نحو {count} ثوانٍ',
      many: 'تبقّى نحو {count} ثانية',
      other: 'تبقّى نحو {count} ثانية',
    },
    'import.etaMinutes': {
      zero: 'ينتهي الآن',
      one: 'تبقّت نحو دقيقة',
      two: 'تبقّت نحو دقيقتين',
      few: 'تبقّت نحو {count} دقائق',
      many: 'تبقّت نحو {count} دقيقة',
      other: 'تبقّت نحو {count} دقيقة',
    },

    'facets.title': 'تصفية النتائج',
    'facets.toggle': 'تصفية',
    'facets.close': 'إغلاق لوحة التصفية',
    'facets.tags': 'الوسوم',
    'facets.publications': 'الجرائد',
    'facets.years': 'السنوات',
    'facets.languages': 'اللغات',
    'facets.none': 'لا شيء في هذه النتائج.',
    'facets.more': {
      zero: 'لا مزيد',
      one: 'عرض قيمة أخرى',
      two: 'عرض قيمتين أخريين',
      few: 'عرض {count} قيم أخرى',
      many: 'عرض {count} قيمةً أخرى',
      other: 'عرض {count} قيمة أخرى',
    },
    'facets.less': 'عرض أقل',

    'saved.save': 'حفظ هذا البحث',
    'saved.dialogTitle': 'حفظ البحث',
    'saved.name': 'اسم البحث',
    'saved.query': 'عبارة البحث',
    'saved.replaceHint': 'يوجد بحث محفوظ بهذا الاسم، وستحلّ هذه العبارة محلّ عبارته.',
    'saved.cancel': 'إلغاء',
    'saved.confirm': 'حفظ',
    'saved.delete': 'حذف البحث المحفوظ {name}',
    'saved.deleteTitle': 'حذف هذا البحث المحفوظ؟',
    'saved.deleteText': 'سيُحذف البحث المحفوظ {name}. لن يُحذف أي مقال.',
    'saved.deleteConfirm': 'حذف',

    'help.title': 'طريقة كتابة البحث',
    'help.intro': 'انقر على مثال لإضافته إلى البحث.',
    'help.example': 'مثال',
    'help.meaning': 'يجد',
    'help.insert': 'إضافة إلى البحث',
    'help.and': 'المقالات التي فيها الكلمتان معًا، بأي صيغة كُتبتا',
    'help.or': 'المقالات التي فيها إحدى الكلمتين',
    'help.group': 'الكلمة الأولى مع إحدى الكلمتين بين القوسين',
    'help.not': 'المقالات التي فيها الكلمة الأولى دون الثانية',
    'help.phrase': 'العبارة بكلماتها متتالية',
    'help.prefix': 'كل كلمة تبدأ بهذه الحروف: تعاون، تعاوني…',
    'help.exact': 'الكلمة بهذا الإملاء، دون صيغها الأخرى',
    'help.tag': 'المقالات الموسومة بهذا الوسم أو بأحد فروعه',
    'help.publication': 'مقالات جريدة واحدة',
    'help.lang': 'المقالات المكتوبة بلغة واحدة (ar، fr، en…)',
    'help.dates': 'المقالات المنشورة بين تاريخين: سنة أو شهر أو يوم',
    'help.month': 'الشهر بكل أسمائه: كانون الثاني = يناير = جانفي',
    'help.fields': 'تُكتب عوامل التصفية بالإنجليزية أيضًا: {fields}.',
    'help.close': 'إغلاق',

    'report.title': 'تقرير الاستيراد',
    'report.imported': 'مستورَدة',
    'report.duplicates': 'مكرّرة',
    'report.failed': 'تعذّر استيرادها',
    'report.failuresHeading': 'ملفات لم تُستورد',
    'report.duplicatesHeading': 'ملفات موجودة في الأرشيف من قبل',
    'report.dup.same_file': 'الملف نفسه موجود في الأرشيف.',
    'report.dup.same_text': 'النص نفسه موجود في مقال آخر.',
    'report.dup.open': 'فتح المقال الموجود',
    'report.allGood': 'استُورد كل شيء بلا مشاكل.',
    'report.close': 'إغلاق',
    'report.announce': 'اكتمل الاستيراد. مستورَدة: {imported}، مكرّرة: {duplicates}، تعذّر استيرادها: {failed}.',

    'failure.empty_file': 'الملف فارغ.',
    'failure.binary_file': 'ليس ملفًا نصيًا، فمحتواه ثنائي.',
    'failure.unknown_encoding': 'تعذّر التعرف على ترميز النص، فلم يُستورد تفاديًا لظهور حروف مشوّهة.',
    'failure.too_large': 'الملف أكبر من الحجم المسموح به.',
    'failure.unreadable': 'تعذّرت قراءة الملف: قد يكون محذوفًا أو محميًا.',
    'failure.unsupported_type': 'نوع الملف هذا غير مدعوم بعد.',
    'failure.no_text': 'لا يحتوي الملف على نص مقال.',
    'failure.corrupt_document': 'المستند تالف أو ليس من النوع الذي يدل عليه اسمه.',
    'failure.encrypted_document': 'المستند محمي بكلمة مرور، فتعذّرت قراءته.',
    'failure.expands_too_large': 'يتضخّم المستند عند فكّ ضغطه إلى أكبر من الحجم المسموح به، فلم يُستورد.',
    'failure.too_complex': 'بنية الصفحة متداخلة أو كبيرة أكثر من أن تُقرأ بأمان.',
    'failure.invalid_json': 'ملف JSON غير صالح أو ليس تصديرًا من أرشيف ولا CSL-JSON.',

    'error.not_found': 'العنصر المطلوب لم يعد موجودًا في الأرشيف.',
    'error.invalid_input': 'البيانات المدخلة غير صالحة.',
    'error.database': 'تعذّر الوصول إلى قاعدة بيانات الأرشيف. حاول مرة أخرى.',
    'error.newer_database': 'أُنشئ هذا الأرشيف بإصدار أحدث من التطبيق. حدّث أرشيف لفتحه.',
    'error.io': 'تعذّرت قراءة ملف أو كتابته على القرص.',
    'error.busy': 'الأرشيف مشغول بعملية أخرى. انتظر قليلًا ثم أعد المحاولة.',
    'error.import_running': 'استيراد آخر جارٍ. انتظر انتهاءه أو أوقفه قبل بدء استيراد جديد.',
    'error.export_running': 'تصدير آخر جارٍ. انتظر انتهاءه أو أوقفه قبل بدء تصدير جديد.',
    'error.cancelled': 'أُلغيت العملية قبل اكتمالها، ولم يُكتب شيء.',
    'error.not_an_archive': 'هذا الملف ليس أرشيفًا من أرشيف، ولم يُغيَّر فيه شيء.',
    'error.corrupt_database': 'ملف الأرشيف تالف. استرجع نسخة احتياطية؛ لم يُغيَّر شيء.',
    'error.unsafe_archive': 'عُدِّل هذا الملف خارج أرشيف وأُضيفت إليه عناصر قد تغيّر محتواه، فلم يُفتح ولم يُغيَّر فيه شيء.',
    'error.disk_full': 'القرص ممتلئ، فلم يُحفظ شيء. أفرغ بعض المساحة ثم أعد المحاولة.',
    'error.read_only': 'الأرشيف للقراءة فقط، فلم يُحفظ شيء.',
    'error.no_permission': 'لا يملك أرشيف إذن الكتابة هنا. اختر مكانًا آخر أو غيّر أذونات المجلد.',
    'failure.disk_full': 'القرص ممتلئ: لم يُستورد هذا الملف.',
    'failure.read_only': 'الأرشيف للقراءة فقط: لم يُستورد هذا الملف.',
    'error.bad_query': 'تعذّر فهم عبارة البحث. تحقّق من التواريخ بعد من: وإلى: (مثل 2022 أو 2022-08 أو 2022-08-10).',
    'error.internal': 'حدث خطأ غير متوقع.',
    'error.generic': 'حدث خطأ ما. حاول مرة أخرى.',
    'alert.dismiss': 'إغلاق التنبيه',

    'settings.title': 'الإعدادات',
    'settings.language': 'لغة الواجهة',
    'settings.theme': 'المظهر',
    'theme.light': 'فاتح',
    'theme.dark': 'داكن',
    'theme.system': 'حسب النظام',
    'settings.digits': 'الأرقام',
    'digits.latn': 'غربية (0123)',
    'digits.arab': 'عربية مشرقية (٠١٢٣)',
    'settings.digitsHint': 'يُطبَّق على الواجهة العربية.',
    'settings.location': 'موقع الأرشيف',
    'settings.locationUnknown': 'غير متاح',
    'settings.version': 'الإصدار {version}',
    'settings.shortcuts': 'اختصارات لوحة المفاتيح',
    'shortcut.search': 'الانتقال إلى البحث',
    'shortcut.move': 'التنقل في قائمة المقالات',
    'shortcut.open': 'فتح المقال المحدد',
    'shortcut.clear': 'مسح البحث',
    'shortcut.step': 'المقال التالي أو السابق، في اتجاه القراءة',
    'settings.close': 'إغلاق',

    'announce.deleted': 'حُذف المقال.',
    'announce.tagAdded': 'أُضيف الوسم {tag}.',
    'announce.tagRemoved': 'أُزيل الوسم {tag}.',
    'announce.searchSaved': 'حُفظ البحث {name}.',
    'announce.searchDeleted': 'حُذف البحث المحفوظ {name}.',
    'count.selected': {
      zero: 'لا مقالات محددة',
      one: 'مقال واحد محدد',
      two: 'مقالان محددان',
      few: '{count} مقالات محددة',
      many: '{count} مقالًا محددًا',
      other: '{count} مقال محدد',
    },
    'count.pages': {
      zero: 'لا صفحات',
      one: 'صفحة واحدة',
      two: 'صفحتان',
      few: '{count} صفحات',
      many: '{count} صفحة',
      other: '{count} صفحة',
    },
    'count.backups': {
      zero: 'لا نسخ',
      one: 'نسخة واحدة',
      two: 'نسختين',
      few: '{count} نسخ',
      many: '{count} نسخة',
      other: '{count} نسخة',
    },
    'count.problems': {
      zero: 'لا مشكلات',
      one: 'مشكلة واحدة',
      two: 'مشكلتان',
      few: '{count} مشكلات',
      many: '{count} مشكلة',
      other: '{count} مشكلة',
    },
    'count.brokenLinks': {
      zero: 'لا سجلات تشير إلى سجلات مفقودة.',
      one: 'سجل واحد يشير إلى سجل لم يعد موجودًا.',
      two: 'سجلان يشيران إلى سجلات لم تعد موجودة.',
      few: '{count} سجلات تشير إلى سجلات لم تعد موجودة.',
      many: '{count} سجلًا تشير إلى سجلات لم تعد موجودة.',
      other: '{count} سجل تشير إلى سجلات لم تعد موجودة.',
    },

    'bulk.label': 'إجراءات على المقالات المحددة',
    'bulk.tag': 'وسم…',
    'bulk.export': 'تصدير…',
    'bulk.delete': 'حذف…',
    'bulk.untag': 'إزالة وسم…',
    'bulk.clear': 'إلغاء التحديد',
    'bulk.exportAll': 'تصدير كل النتائج ({count})',
    'bulk.exportLibrary': 'تصدير كل المقالات ({count})',
    'bulkTag.title': 'وسم {articles}',
    'bulkTag.label': 'الوسم',
    'bulkTag.hint': 'يُضاف الوسم إلى كل مقال محدد. يمكن كتابة مسار مثل أمن/تعاون دولي.',
    'bulkTag.confirm': 'إضافة الوسم',
    'bulkUntag.title': 'إزالة وسم من المقالات المحددة ({articles})',
    'bulkUntag.hint': 'يُزال الوسم من كل مقال محدد يحمله، ويبقى الوسم نفسه في الأرشيف.',
    'bulkUntag.confirm': 'إزالة الوسم',
    'bulkDelete.title': 'حذف {articles}؟',
    'bulkDelete.text': 'سيُحذف من الأرشيف نهائيًا: {articles}. لا يمكن التراجع عن ذلك.',
    'announce.bulkTagged': 'أُضيف الوسم {tag} إلى {articles}.',
    'announce.bulkUntagged': 'أُزيل الوسم {tag} من المقالات المحددة ({articles}).',
    'announce.bulkDeleted': 'حُذف من الأرشيف: {articles}.',

    'export.open': 'تصدير…',
    'export.title': 'تصدير المقالات',
    'export.close': 'إغلاق',
    'export.what': 'ما الذي تريد تصديره؟',
    'export.scopeSelected': 'المقالات المحددة ({articles})',
    'export.scopeResults': 'كل نتائج البحث ({results})',
    'export.scopeResultsHint': 'البحث: {query}',
    'export.scopeLibrary': 'الأرشيف كله ({articles})',
    'export.format': 'الصيغة',
    'export.pdf': 'PDF',
    'export.pdfHint': 'للقراءة والطباعة: غلاف وفهرس، والعربية متصلة الحروف من اليمين إلى اليسار.',
    'export.json': 'JSON أرشيف',
    'export.jsonHint': 'صيغة أرشيف الكاملة: تُستورد في أرشيف آخر دون أن يضيع شيء.',
    'export.csl': 'CSL-JSON',
    'export.cslHint': 'لبرامج إدارة المراجع مثل Zotero وPandoc.',
    'export.csv': 'CSV',
    'export.csvHint': 'جدول يُفتح في Excel أو LibreOffice، مقال في كل سطر.',
    'export.layout': 'تخطيط الصفحات',
    'export.onePerPage': 'كل مقال في صفحة جديدة',
    'export.continuous': 'المقالات متتالية',
    'export.originals': 'إرفاق الملفات الأصلية',
    'export.originalsHint': 'يكبر الملف نحو الثلث، لكن لا يضيع أي أصل عند الاستيراد.',
    'export.cancel': 'إلغاء',
    'export.confirm': 'تصدير…',
    'export.saveTitle': 'حفظ التصدير',
    'export.subjectSelected': 'مقالات محددة',
    'export.subjectLibrary': 'كل المقالات',
    'export.filter.pdf': 'مستند PDF',
    'export.filter.json': 'تصدير أرشيف (JSON)',
    'export.filter.csl-json': 'CSL-JSON',
    'export.filter.csv': 'جدول CSV',
    'export.progressLabel': 'تقدّم التصدير',
    'export.preparing': 'جارٍ التحضير…',
    'export.writingArticles': 'كُتب {done} من {total}…',
    'export.typesetting': 'جارٍ تنضيد {articles}…',
    'export.writingPdf': 'جارٍ كتابة ملف PDF ({pages})…',
    'export.done': 'صُدّر {articles} إلى {file}.',
    'export.stop': 'إيقاف التصدير',
    'export.stopping': 'جارٍ الإيقاف…',
    'export.cancelled': 'أُلغي التصدير ولم يُكتب أي ملف.',

    'settings.backups': 'النسخ الاحتياطية',
    'backup.now': 'نسخ احتياطي الآن…',
    'backup.restore': 'استرجاع من نسخة احتياطية…',
    'backup.check': 'فحص الأرشيف',
    'backup.auto': 'ينشئ أرشيف كل يوم نسخة احتياطية تلقائية، ويحتفظ بآخر {backups} بجانب الأرشيف، في:',
    'backup.saveTitle': 'حفظ نسخة احتياطية من الأرشيف',
    'backup.fileWords': 'أرشيف نسخة احتياطية',
    'backup.filter': 'أرشيفات أرشيف',
    'backup.running': 'جارٍ النسخ الاحتياطي…',
    'backup.done': 'حُفظت النسخة الاحتياطية في {file} ({size}).',
    'backup.openTitle': 'اختر نسخة احتياطية لاسترجاعها',
    'restore.title': 'استرجاع هذه النسخة الاحتياطية؟',
    'restore.text': 'سيحلّ الأرشيف المحفوظ في {file} محلّ الأرشيف الحالي. لن يُحذف الأرشيف الحالي: سيُحفظ بجانبه باسم ينتهي بـ before-restore، فتستطيع الرجوع إليه.',
    'restore.confirm': 'استرجاع',
    'restore.running': 'جارٍ فحص النسخة الاحتياطية واسترجاعها…',
    'restore.done': 'استُرجعت النسخة الاحتياطية، وفي الأرشيف الآن {articles}.',
    'restore.previous': 'الأرشيف السابق محفوظ في {file}.',
    'archive.open': 'فتح أرشيف آخر…',
    'archive.new': 'أرشيف جديد…',
    'archive.useDefault': 'العودة إلى الأرشيف الافتراضي',
    'archive.copyPath': 'نسخ المسار',
    'archive.showFolder': 'إظهار في المجلد',
    'archive.copied': 'نُسخ المسار.',
    'archive.sourceDefault': 'الأرشيف الافتراضي، وهو الذي يفتحه أمر arshif أيضًا.',
    'archive.sourceChosen': 'أرشيف اخترته هنا، ويُفتح عند كل تشغيل.',
    'archive.sourceEnvironment': 'حدّده المتغير ARSHIF_DB لهذا التشغيل، وله الأولوية على ما يُختار هنا.',
    'archive.openTitle': 'اختر أرشيفًا لفتحه',
    'archive.newTitle': 'إنشاء أرشيف جديد',
    'archive.newFileWords': 'أرشيف جديد',
    'archive.opening': 'جارٍ فتح الأرشيف…',
    'archive.opened': 'فُتح الأرشيف {file}، وفيه {articles}.',
    'archive.created': 'أُنشئ الأرشيف الجديد {file} وفُتح.',
    'archive.notRemembered': 'تعذّر حفظ هذا الاختيار، فسيُفتح الأرشيف السابق عند التشغيل القادم.',
    'archive.missingAtStart': 'لم يُعثر على الأرشيف الذي استعملته آخر مرة ({file})، ففُتح الأرشيف الافتراضي. افتحه من الإعدادات حين يتوفر.',
    'error.archive_busy': 'يجري الآن استيراد أو تصدير أو استرجاع. انتظر انتهاءه ثم افتح الأرشيف الآخر.',
    'error.archive_missing': 'ملف الأرشيف هذا غير موجود، والأرشيف الحالي ما زال مفتوحًا.',
    'error.archive_exists': 'يوجد ملف بهذا الاسم، ولم يُستبدل. اختر اسمًا آخر، أو افتحه بـ«فتح أرشيف آخر».',
    'error.cannot_show_folder': 'تعذّر فتح المجلد في مدير الملفات.',
    'check.running': 'جارٍ فحص الأرشيف…',
    'check.healthy': 'الأرشيف سليم: {articles}، والملف والروابط بين السجلات وفهرس البحث كلها صحيحة.',
    'check.damaged': 'ملف الأرشيف تالف ({problems}). استرجع نسخة احتياطية حديثة، واحتفظ بهذا الملف حتى تتأكد من الأرشيف المسترجَع.',
    'check.index': 'فهرس البحث لا يطابق المقالات، فقد لا يجد البحث بعضها أو يُظهر غيرها. يصلحه الأمر arshif reindex.',

    'shortcut.clickKey': 'نقرة',
    'shortcut.toggle': 'إضافة مقال إلى التحديد أو إزالته منه',
    'shortcut.extend': 'تحديد مجموعة متتالية من المقالات',
    'shortcut.selectAll': 'تحديد كل المقالات المعروضة',

    'error.nothing_to_export': 'لا مقالات للتصدير: التحديد أو نتائج البحث فارغة.',
    'error.pdf_typesetting': 'تعذّر إنشاء ملف PDF بسبب خلل في أرشيف لا في مقالاتك. جرّب صيغة أخرى، وأبلغنا إن تكرر ذلك.',
  },

  fr: {
    'app.name': 'Arshif',
    'app.tagline': 'Archive de presse',

    'count.articles': {
      one: '{count} article',
      many: '{count} d’articles',
      other: '{count} articles',
    },
    'count.results': {
      one: '{count} résultat',
      many: '{count} de résultats',
      other: '{count} résultats',
    },
    'count.files': {
      one: '{count} fichier',
      many: '{count} de fichiers',
      other: '{count} fichiers',
    },
    'count.activeFilters': {
      one: '{count} filtre actif',
      many: '{count} de filtres actifs',
      other: '{count} filtres actifs',
    },

    'sidebar.label': 'Navigation',
    'sidebar.import': 'Importer',
    'sidebar.importing': 'Importation…',
    'sidebar.importFolder': 'Importer un dossier',
    'sidebar.library': 'Bibliothèque',
    'sidebar.allArticles': 'Tous les articles',
    'sidebar.tags': 'Étiquettes',
    'sidebar.noTags': 'Aucune étiquette pour l’instant. Ajoutez-en depuis un article.',
    'sidebar.settings': 'Paramètres',
    'sidebar.savedSearches': 'Recherches enregistrées',
    'sidebar.noSaved': 'Aucune recherche enregistrée. Enregistrez-en une avec le bouton à côté du champ de recherche.',
    'stats.articles': 'Articles',
    'stats.tags': 'Étiquettes',
    'stats.publications': 'Journaux',

    'search.label': 'Rechercher dans l’archive',
    'search.placeholder': 'Rechercher dans l’archive…',
    'search.shortcut': 'Appuyez sur / ou Ctrl+K pour rechercher',
    'search.help': 'Syntaxe de recherche',
    'search.helpMark': '?',
    'search.badDate': '{value} n’est pas une date : écrivez une année (2022), un mois (2022-08) ou un jour (2022-08-10).',

    'list.label': 'Articles',
    'list.sort': 'Tri',
    'sort.imported_desc': 'Importés récemment',
    'sort.imported_asc': 'Importés en premier',
    'sort.date_desc': 'Date de parution, récentes d’abord',
    'sort.date_asc': 'Date de parution, anciennes d’abord',
    'sort.title_asc': 'Titre, ordre alphabétique',
    'sort.relevance': 'Par pertinence',
    'sort.newest': 'Date de parution, récentes d’abord',
    'sort.oldest': 'Date de parution, anciennes d’abord',
    'list.loading': 'Chargement…',
    'list.untitled': '(Sans titre)',
    'list.moreTags': '+{count}',

    'noResults.title': 'Aucun résultat',
    'noResults.text': 'Aucun article ne correspond à {query}.',
    'noResults.hint': 'Essayez moins de mots, ou retirez un filtre comme {tag} ou {from}.',
    'noResults.clear': 'Afficher tous les articles',

    'empty.title': 'Votre archive est prête',
    'empty.text': 'Commencez par importer des articles enregistrés en fichiers texte. Arshif conserve chaque article avec sa provenance et le rend consultable en arabe, quelle que soit l’orthographe.',
    'empty.import': 'Importer des articles',
    'empty.drop': 'Ou glissez-déposez des fichiers dans cette fenêtre.',

    'reader.label': 'Lecteur',
    'reader.placeholderTitle': 'Choisissez un article à lire',
    'reader.placeholderText': 'Cliquez sur un article de la liste, ou parcourez-la avec les flèches puis appuyez sur Entrée.',
    'reader.loading': 'Ouverture de l’article…',
    'reader.tags': 'Étiquettes',
    'reader.noTags': 'Aucune étiquette.',
    'reader.addTag': 'Ajouter une étiquette',
    'reader.addTagPlaceholder': 'Nouvelle étiquette, puis Entrée',
    'reader.removeTag': 'Retirer l’étiquette {tag}',
    'reader.searchTag': 'Voir les articles portant cette étiquette',
    'reader.notes': 'Notes',
    'reader.body': 'Texte de l’article',
    'reader.delete': 'Supprimer l’article',
    'reader.textSize': 'Taille du texte',
    'reader.textSmaller': 'Réduire le texte',
    'reader.textLarger': 'Agrandir le texte',
    'reader.duplicatesTitle': 'Copies possibles de cet article',
    'reader.duplicatesHint': 'Un texte presque identique figure dans d’autres articles. Comparez-les pour garder les deux ou en supprimer un.',
    'reader.compare': 'Comparer',
    'reader.compareWith': 'Comparer côte à côte avec « {title} »',
    'reader.source': 'Lien',

    'meta.by': 'par {authors}',
    'meta.page': 'p. {page}',
    'meta.hijri': 'Date hégirienne',
    'meta.language': 'Langue de l’article',
    'meta.section': 'Rubrique',

    'prov.title': 'Provenance',
    'prov.none': 'Aucune information de provenance pour cet article.',
    'prov.fileName': 'Fichier d’origine',
    'prov.filePath': 'Chemin',
    'prov.size': 'Taille',
    'prov.encoding': 'Encodage',
    'prov.importer': 'Importateur',
    'prov.sha256': 'Empreinte SHA-256',
    'prov.importedAt': 'Importé le',
    'prov.modifiedAt': 'Modifié le',
    'prov.boilerplate': 'Texte parasite retiré',
    'prov.boilerplateNone': 'Aucun',

    'confirm.title': 'Supprimer cet article ?',
    'confirm.text': '{title} sera retiré définitivement de l’archive. Cette action est irréversible.',
    'confirm.cancel': 'Annuler',
    'confirm.delete': 'Supprimer définitivement',

    'report.nearDuplicates': {
      one: '{count} article importé ressemble à un article déjà dans l’archive.',
      many: '{count} d’articles importés ressemblent à des articles déjà dans l’archive.',
      other: '{count} articles importés ressemblent à des articles déjà dans l’archive.',
    },
    'report.compareDuplicates': 'Comparer',
    'duplicates.nav': 'Doublons possibles',
    'duplicates.title': 'Doublons possibles',
    'duplicates.close': 'Fermer',
    'duplicates.empty': 'Aucun doublon possible à examiner.',
    'duplicates.similarity': 'Similarité {percent}',
    'duplicates.legend': 'Les mots surlignés ne figurent que dans l’un des deux textes.',
    'duplicates.keepBoth': 'Garder les deux (pas un doublon)',
    'duplicates.delete': 'Supprimer cet article',
    'duplicates.confirmDelete': 'Confirmer la suppression définitive',
    'duplicates.cancel': 'Annuler',
    'duplicates.confirmText': '{title} sera retiré définitivement de l’archive. Cette action est irréversible.',
    'duplicates.earlier': 'Le plus ancien',
    'duplicates.later': 'Le plus récent',

    'import.dialogTitle': 'Choisir les fichiers d’articles à importer',
    'import.allFiles': 'Tous les fichiers',
    'import.busy': 'Importation de {files}…',
    'import.dropHere': 'Déposez les fichiers pour les importer',
    'import.progress': '{done} / {total}',
    'import.progressLabel': 'Progression de l’importation',
    'import.folderDialogTitle': 'Choisir un dossier dont importer tous les articles',
    'import.articleFiles': 'Fichiers d’articles',
    'import.cancel': 'Arrêter l’importation',
    'import.cancelling': 'Arrêt après le fichier en cours…',
    'import.rate': '{rate} fichiers par seconde',
    'import.etaSeconds': {
      one: 'environ {count} seconde restante',
      many: 'environ {count} de secondes restantes',
      other: 'environ {count} secondes restantes',
    },
    'import.etaMinutes': {
      one: 'environ {count} minute restante',
      many: 'environ {count} de minutes restantes',
      other: 'environ {count} minutes restantes',
    },

    'facets.title': 'Affiner les résultats',
    'facets.toggle': 'Filtres',
    'facets.close': 'Fermer le panneau des filtres',
    'facets.tags': 'Étiquettes',
    'facets.publications': 'Journaux',
    'facets.years': 'Années',
    'facets.languages': 'Langues',
    'facets.none': 'Aucun dans ces résultats.',
    'facets.more': {
      one: 'Afficher {count} autre valeur',
      many: 'Afficher {count} de valeurs en plus',
      other: 'Afficher {count} autres valeurs',
    },
    'facets.less': 'Afficher moins',

    'saved.save': 'Enregistrer cette recherche',
    'saved.dialogTitle': 'Enregistrer la recherche',
    'saved.name': 'Nom de la recherche',
    'saved.query': 'Recherche',
    'saved.replaceHint': 'Une recherche enregistrée porte déjà ce nom : celle-ci la remplacera.',
    'saved.cancel': 'Annuler',
    'saved.confirm': 'Enregistrer',
    'saved.delete': 'Supprimer la recherche enregistrée {name}',
    'saved.deleteTitle': 'Supprimer cette recherche enregistrée ?',
    'saved.deleteText': 'La recherche enregistrée {name} sera supprimée. Aucun article ne sera supprimé.',
    'saved.deleteConfirm': 'Supprimer',

    'help.title': 'Syntaxe de recherche',
    'help.intro': 'Cliquez sur un exemple pour l’ajouter à la recherche.',
    'help.example': 'Exemple',
    'help.meaning': 'Trouve',
    'help.insert': 'Ajouter à la recherche',
    'help.and': 'Les articles contenant les deux mots, sous toutes leurs formes',
    'help.or': 'Les articles contenant l’un ou l’autre mot',
    'help.group': 'Le premier mot avec l’un des mots entre parenthèses',
    'help.not': 'Les articles contenant le premier mot mais pas le second',
    'help.phrase': 'Les mots côte à côte, dans cet ordre',
    'help.prefix': 'Tout mot qui commence par ces lettres',
    'help.exact': 'Le mot tel qu’il est écrit, sans ses autres formes',
    'help.tag': 'Les articles portant cette étiquette ou une étiquette en dessous',
    'help.publication': 'Les articles d’un journal',
    'help.lang': 'Les articles dans une langue (ar, fr, en…)',
    'help.dates': 'Les articles parus entre deux dates : année, mois ou jour',
    'help.month': 'Le mois sous tous ses noms : كانون الثاني = يناير = جانفي',
    'help.fields': 'Les filtres s’écrivent aussi en arabe : {fields}.',
    'help.close': 'Fermer',

    'report.title': 'Rapport d’importation',
    'report.imported': 'Importés',
    'report.duplicates': 'Doublons',
    'report.failed': 'Échecs',
    'report.failuresHeading': 'Fichiers non importés',
    'report.duplicatesHeading': 'Fichiers déjà dans l’archive',
    'report.dup.same_file': 'Le même fichier est déjà dans l’archive.',
    'report.dup.same_text': 'Le même texte figure déjà dans un autre article.',
    'report.dup.open': 'Ouvrir l’article existant',
    'report.allGood': 'Tout a été importé sans problème.',
    'report.close': 'Fermer',
    'report.announce': 'Importation terminée. Importés : {imported}, doublons : {duplicates}, échecs : {failed}.',

    'failure.empty_file': 'Le fichier est vide.',
    'failure.binary_file': 'Ce n’est pas un fichier texte : son contenu est binaire.',
    'failure.unknown_encoding': 'L’encodage du texte n’a pas été reconnu ; le fichier n’a pas été importé pour éviter des caractères illisibles.',
    'failure.too_large': 'Le fichier dépasse la taille autorisée.',
    'failure.unreadable': 'Le fichier n’a pas pu être lu : il a peut-être été supprimé ou il est protégé.',
    'failure.unsupported_type': 'Ce type de fichier n’est pas encore pris en charge.',
    'failure.no_text': 'Le fichier ne contient aucun texte d’article.',
    'failure.corrupt_document': 'Le document est endommagé ou n’est pas du type qu’indique son nom.',
    'failure.encrypted_document': 'Le document est protégé par un mot de passe et n’a pas pu être lu.',
    'failure.expands_too_large': 'Une fois décompressé, le document dépasserait la taille autorisée ; il n’a pas été importé.',
    'failure.too_complex': 'La structure de la page est trop imbriquée ou trop grande pour être lue sans risque.',
    'failure.invalid_json': 'Fichier JSON invalide, ou ni un export d’Arshif ni du CSL-JSON.',

    'error.not_found': 'L’élément demandé n’existe plus dans l’archive.',
    'error.invalid_input': 'Les données saisies ne sont pas valides.',
    'error.database': 'La base de données de l’archive est inaccessible. Réessayez.',
    'error.newer_database': 'Cette archive a été créée par une version plus récente de l’application. Mettez Arshif à jour pour l’ouvrir.',
    'error.io': 'Un fichier n’a pas pu être lu ou écrit sur le disque.',
    'error.busy': 'L’archive est occupée par une autre opération. Patientez un instant puis réessayez.',
    'error.import_running': 'Une autre importation est en cours. Attendez sa fin ou arrêtez-la avant d’en lancer une nouvelle.',
    'error.export_running': 'Une autre exportation est en cours. Attendez sa fin ou arrêtez-la avant d’en lancer une nouvelle.',
    'error.cancelled': 'Opération annulée avant la fin ; rien n’a été écrit.',
    'error.not_an_archive': 'Ce fichier n’est pas une archive Arshif ; il n’a pas été modifié.',
    'error.corrupt_database': 'Le fichier de l’archive est endommagé. Restaurez une sauvegarde ; rien n’a été modifié.',
    'error.unsafe_archive': 'Cette archive a été modifiée en dehors d’Arshif et contient des éléments qui pourraient changer son contenu ; elle n’a pas été ouverte et rien n’y a été modifié.',
    'error.disk_full': 'Le disque est plein : rien n’a été enregistré. Libérez de la place puis réessayez.',
    'error.read_only': 'L’archive est en lecture seule : rien n’a été enregistré.',
    'error.no_permission': 'Arshif n’a pas le droit d’écrire ici. Choisissez un autre emplacement ou changez les droits du dossier.',
    'failure.disk_full': 'Disque plein : ce fichier n’a pas été importé.',
    'failure.read_only': 'Archive en lecture seule : ce fichier n’a pas été importé.',
    'error.bad_query': 'La recherche n’a pas pu être comprise. Vérifiez les dates après from: et to: (par exemple 2022, 2022-08 ou 2022-08-10).',
    'error.internal': 'Une erreur inattendue s’est produite.',
    'error.generic': 'Une erreur s’est produite. Réessayez.',
    'alert.dismiss': 'Fermer l’alerte',

    'settings.title': 'Paramètres',
    'settings.language': 'Langue de l’interface',
    'settings.theme': 'Thème',
    'theme.light': 'Clair',
    'theme.dark': 'Sombre',
    'theme.system': 'Selon le système',
    'settings.digits': 'Chiffres',
    'digits.latn': 'Occidentaux (0123)',
    'digits.arab': 'Arabes orientaux (٠١٢٣)',
    'settings.digitsHint': 'S’applique à l’interface en arabe.',
    'settings.location': 'Emplacement de l’archive',
    'settings.locationUnknown': 'Indisponible',
    'settings.version': 'Version {version}',
    'settings.shortcuts': 'Raccourcis clavier',
    'shortcut.search': 'Aller à la recherche',
    'shortcut.move': 'Parcourir la liste des articles',
    'shortcut.open': 'Ouvrir l’article sélectionné',
    'shortcut.clear': 'Effacer la recherche',
    'shortcut.step': 'Article suivant ou précédent, dans le sens de lecture',
    'settings.close': 'Fermer',

    'announce.deleted': 'Article supprimé.',
    'announce.tagAdded': 'Étiquette {tag} ajoutée.',
    'announce.tagRemoved': 'Étiquette {tag} retirée.',
    'announce.searchSaved': 'Recherche {name} enregistrée.',
    'announce.searchDeleted': 'Recherche enregistrée {name} supprimée.',
    'count.selected': {
      one: '{count} article sélectionné',
      many: '{count} d’articles sélectionnés',
      other: '{count} articles sélectionnés',
    },
    'count.pages': {
      one: '{count} page',
      many: '{count} de pages',
      other: '{count} pages',
    },
    'count.backups': {
      one: '{count} sauvegarde',
      many: '{count} de sauvegardes',
      other: '{count} sauvegardes',
    },
    'count.problems': {
      one: '{count} problème',
      many: '{count} de problèmes',
      other: '{count} problèmes',
    },
    'count.brokenLinks': {
      one: '{count} enregistrement renvoie à des enregistrements qui n’existent plus.',
      many: '{count} d’enregistrements renvoient à des enregistrements qui n’existent plus.',
      other: '{count} enregistrements renvoient à des enregistrements qui n’existent plus.',
    },

    'bulk.label': 'Actions sur les articles sélectionnés',
    'bulk.tag': 'Étiqueter…',
    'bulk.export': 'Exporter…',
    'bulk.delete': 'Supprimer…',
    'bulk.untag': 'Retirer une étiquette…',
    'bulk.clear': 'Désélectionner',
    'bulk.exportAll': 'Exporter tous les résultats ({count})',
    'bulk.exportLibrary': 'Exporter tous les articles ({count})',
    'bulkTag.title': 'Étiqueter {articles}',
    'bulkTag.label': 'Étiquette',
    'bulkTag.hint': 'L’étiquette est ajoutée à chaque article sélectionné. Un chemin comme sécurité/coopération est possible.',
    'bulkTag.confirm': 'Ajouter l’étiquette',
    'bulkUntag.title': 'Retirer une étiquette de {articles}',
    'bulkUntag.hint': 'L’étiquette est retirée de chaque article sélectionné qui la porte ; elle reste dans l’archive.',
    'bulkUntag.confirm': 'Retirer l’étiquette',
    'bulkDelete.title': 'Supprimer {articles} ?',
    'bulkDelete.text': 'Seront supprimés définitivement de l’archive : {articles}. Cette action est irréversible.',
    'announce.bulkTagged': 'Étiquette {tag} ajoutée à {articles}.',
    'announce.bulkUntagged': 'Étiquette {tag} retirée de {articles}.',
    'announce.bulkDeleted': 'Supprimés de l’archive : {articles}.',

    'export.open': 'Exporter…',
    'export.title': 'Exporter des articles',
    'export.close': 'Fermer',
    'export.what': 'Que voulez-vous exporter ?',
    'export.scopeSelected': 'Les articles sélectionnés ({articles})',
    'export.scopeResults': 'Tous les résultats de la recherche ({results})',
    'export.scopeResultsHint': 'Recherche : {query}',
    'export.scopeLibrary': 'Toute l’archive ({articles})',
    'export.format': 'Format',
    'export.pdf': 'PDF',
    'export.pdfHint': 'Pour lire et imprimer : couverture, sommaire, arabe lié de droite à gauche.',
    'export.json': 'JSON Arshif',
    'export.jsonHint': 'Le format complet d’Arshif : se réimporte dans une autre archive sans rien perdre.',
    'export.csl': 'CSL-JSON',
    'export.cslHint': 'Pour les gestionnaires de références comme Zotero et Pandoc.',
    'export.csv': 'CSV',
    'export.csvHint': 'Un tableau pour Excel ou LibreOffice, un article par ligne.',
    'export.layout': 'Mise en page',
    'export.onePerPage': 'Chaque article sur une nouvelle page',
    'export.continuous': 'Articles à la suite',
    'export.originals': 'Joindre les fichiers d’origine',
    'export.originalsHint': 'Environ un tiers plus lourd, mais aucun original n’est perdu à l’import.',
    'export.cancel': 'Annuler',
    'export.confirm': 'Exporter…',
    'export.saveTitle': 'Enregistrer l’export',
    'export.subjectSelected': 'articles sélectionnés',
    'export.subjectLibrary': 'tous les articles',
    'export.filter.pdf': 'Document PDF',
    'export.filter.json': 'Export Arshif (JSON)',
    'export.filter.csl-json': 'CSL-JSON',
    'export.filter.csv': 'Tableau CSV',
    'export.progressLabel': 'Progression de l’export',
    'export.preparing': 'Préparation…',
    'export.writingArticles': '{done} sur {total} écrits…',
    'export.typesetting': 'Composition de {articles}…',
    'export.writingPdf': 'Écriture du PDF ({pages})…',
    'export.done': 'Export terminé : {articles} dans {file}.',
    'export.stop': 'Arrêter l’exportation',
    'export.stopping': 'Arrêt en cours…',
    'export.cancelled': 'Exportation annulée : aucun fichier n’a été écrit.',

    'settings.backups': 'Sauvegardes',
    'backup.now': 'Sauvegarder maintenant…',
    'backup.restore': 'Restaurer une sauvegarde…',
    'backup.check': 'Vérifier l’archive',
    'backup.auto': 'Arshif fait chaque jour une sauvegarde automatique et garde les {backups} plus récentes à côté de l’archive, dans :',
    'backup.saveTitle': 'Enregistrer une sauvegarde de l’archive',
    'backup.fileWords': 'Arshif sauvegarde',
    'backup.filter': 'Archives Arshif',
    'backup.running': 'Sauvegarde en cours…',
    'backup.done': 'Sauvegarde enregistrée dans {file} ({size}).',
    'backup.openTitle': 'Choisir une sauvegarde à restaurer',
    'restore.title': 'Restaurer cette sauvegarde ?',
    'restore.text': 'L’archive enregistrée dans {file} remplacera l’archive actuelle. L’archive actuelle n’est pas supprimée : elle est gardée à côté, sous un nom finissant par before-restore, pour pouvoir y revenir.',
    'restore.confirm': 'Restaurer',
    'restore.running': 'Vérification et restauration de la sauvegarde…',
    'restore.done': 'Sauvegarde restaurée : l’archive contient maintenant {articles}.',
    'restore.previous': 'L’ancienne archive est gardée dans {file}.',
    'archive.open': 'Ouvrir une autre archive…',
    'archive.new': 'Nouvelle archive…',
    'archive.useDefault': 'Revenir à l’archive par défaut',
    'archive.copyPath': 'Copier le chemin',
    'archive.showFolder': 'Afficher dans le dossier',
    'archive.copied': 'Chemin copié.',
    'archive.sourceDefault': 'L’archive par défaut, celle qu’ouvre aussi la commande arshif.',
    'archive.sourceChosen': 'Une archive choisie ici ; elle s’ouvre à chaque démarrage.',
    'archive.sourceEnvironment': 'Fixée par la variable ARSHIF_DB pour cette session ; elle l’emporte sur le choix fait ici.',
    'archive.openTitle': 'Choisir une archive à ouvrir',
    'archive.newTitle': 'Créer une nouvelle archive',
    'archive.newFileWords': 'Nouvelle archive',
    'archive.opening': 'Ouverture de l’archive…',
    'archive.opened': 'Archive {file} ouverte : elle contient {articles}.',
    'archive.created': 'Nouvelle archive {file} créée et ouverte.',
    'archive.notRemembered': 'Ce choix n’a pas pu être enregistré : l’archive précédente s’ouvrira au prochain démarrage.',
    'archive.missingAtStart': 'L’archive utilisée la dernière fois ({file}) est introuvable : l’archive par défaut est ouverte. Rouvrez-la depuis les paramètres quand elle sera disponible.',
    'error.archive_busy': 'Une importation, une exportation ou une restauration est en cours. Attendez sa fin, puis ouvrez l’autre archive.',
    'error.archive_missing': 'Ce fichier d’archive n’existe pas ; l’archive actuelle reste ouverte.',
    'error.archive_exists': 'Un fichier porte déjà ce nom ; il n’a pas été remplacé. Choisissez un autre nom, ou ouvrez-le avec « Ouvrir une autre archive ».',
    'error.cannot_show_folder': 'Le dossier n’a pas pu être ouvert dans le gestionnaire de fichiers.',
    'check.running': 'Vérification de l’archive…',
    'check.healthy': 'L’archive est en bon état : {articles} ; le fichier, les liens entre enregistrements et l’index de recherche sont corrects.',
    'check.damaged': 'Le fichier de l’archive est endommagé ({problems}). Restaurez une sauvegarde récente et gardez ce fichier jusqu’à ce que l’archive restaurée soit vérifiée.',
    'check.index': 'L’index de recherche ne correspond pas aux articles : certaines recherches peuvent en manquer ou en montrer d’autres. La commande arshif reindex le répare.',

    'shortcut.clickKey': 'clic',
    'shortcut.toggle': 'Ajouter un article à la sélection ou l’en retirer',
    'shortcut.extend': 'Sélectionner une suite d’articles',
    'shortcut.selectAll': 'Sélectionner tous les articles affichés',

    'error.nothing_to_export': 'Rien à exporter : la sélection ou les résultats de la recherche sont vides.',
    'error.pdf_typesetting': 'Le PDF n’a pas pu être créé, à cause d’un défaut d’Arshif et non de vos articles. Essayez un autre format et signalez-le si cela se reproduit.',
  },

  en: {
    'app.name': 'Arshif',
    'app.tagline': 'Press archive',

    'count.articles': { one: '{count} article', other: '{count} articles' },
    'count.results': { one: '{count} result', other: '{count} results' },
    'count.files': { one: '{count} file', other: '{count} files' },
    'count.activeFilters': { one: '{count} active filter', other: '{count} active filters' },

    'sidebar.label': 'Navigation',
    'sidebar.import': 'Import',
    'sidebar.importing': 'Importing…',
    'sidebar.importFolder': 'Import a folder',
    'sidebar.library': 'Library',
    'sidebar.allArticles': 'All articles',
    'sidebar.tags': 'Tags',
    'sidebar.noTags': 'No tags yet. Add one from an article.',
    'sidebar.settings': 'Settings',
    'sidebar.savedSearches': 'Saved searches',
    'sidebar.noSaved': 'No saved searches yet. Save one with the button beside the search box.',
    'stats.articles': 'Articles',
    'stats.tags': 'Tags',
    'stats.publications': 'Publications',

    'search.label': 'Search the archive',
    'search.placeholder': 'Search the archive…',
    'search.shortcut': 'Press / or Ctrl+K to search',
    'search.help': 'Search syntax',
    'search.helpMark': '?',
    'search.badDate': '{value} is not a date: write a year (2022), a month (2022-08) or a day (2022-08-10).',

    'list.label': 'Articles',
    'list.sort': 'Sort',
    'sort.imported_desc': 'Recently imported',
    'sort.imported_asc': 'First imported',
    'sort.date_desc': 'Publication date, newest first',
    'sort.date_asc': 'Publication date, oldest first',
    'sort.title_asc': 'Title, alphabetical',
    'sort.relevance': 'By relevance',
    'sort.newest': 'Publication date, newest first',
    'sort.oldest': 'Publication date, oldest first',
    'list.loading': 'Loading…',
    'list.untitled': '(Untitled)',
    'list.moreTags': '+{count}',

    'noResults.title': 'No results',
    'noResults.text': 'No article matches {query}.',
    'noResults.hint': 'Try fewer words, or remove a filter such as {tag} or {from}.',
    'noResults.clear': 'Show all articles',

    'empty.title': 'Your archive is ready',
    'empty.text': 'Start by importing articles saved as text files. Arshif keeps each article with its provenance and makes it searchable in Arabic, however it is spelled.',
    'empty.import': 'Import articles',
    'empty.drop': 'Or drag and drop files onto this window.',

    'reader.label': 'Reader',
    'reader.placeholderTitle': 'Choose an article to read',
    'reader.placeholderText': 'Click an article in the list, or move through it with the arrow keys and press Enter.',
    'reader.loading': 'Opening the article…',
    'reader.tags': 'Tags',
    'reader.noTags': 'No tags yet.',
    'reader.addTag': 'Add a tag',
    'reader.addTagPlaceholder': 'New tag, then Enter',
    'reader.removeTag': 'Remove tag {tag}',
    'reader.searchTag': 'Show the articles with this tag',
    'reader.notes': 'Notes',
    'reader.body': 'Article text',
    'reader.delete': 'Delete article',
    'reader.textSize': 'Text size',
    'reader.textSmaller': 'Smaller text',
    'reader.textLarger': 'Larger text',
    'reader.duplicatesTitle': 'Possible copies of this article',
    'reader.duplicatesHint': 'Nearly the same text appears in other articles. Compare them to keep both or delete one.',
    'reader.compare': 'Compare',
    'reader.compareWith': 'Compare side by side with “{title}”',
    'reader.source': 'Link',

    'meta.by': 'by {authors}',
    'meta.page': 'p. {page}',
    'meta.hijri': 'Hijri date',
    'meta.language': 'Article language',
    'meta.section': 'Section',

    'prov.title': 'Provenance',
    'prov.none': 'No provenance is recorded for this article.',
    'prov.fileName': 'Original file name',
    'prov.filePath': 'Path',
    'prov.size': 'Size',
    'prov.encoding': 'Encoding',
    'prov.importer': 'Importer',
    'prov.sha256': 'SHA-256 fingerprint',
    'prov.importedAt': 'Imported',
    'prov.modifiedAt': 'Modified',
    'prov.boilerplate': 'Boilerplate removed',
    'prov.boilerplateNone': 'None',

    'confirm.title': 'Delete this article?',
    'confirm.text': '{title} will be removed from the archive for good. This cannot be undone.',
    'confirm.cancel': 'Cancel',
    'confirm.delete': 'Delete permanently',

    'report.nearDuplicates': {
      one: '{count} imported article looks like one already in the archive.',
      other: '{count} imported articles look like articles already in the archive.',
    },
    'report.compareDuplicates': 'Compare',
    'duplicates.nav': 'Possible duplicates',
    'duplicates.title': 'Possible duplicates',
    'duplicates.close': 'Close',
    'duplicates.empty': 'No possible duplicates left to review.',
    'duplicates.similarity': '{percent} similar',
    'duplicates.legend': 'Highlighted words appear in only one of the two texts.',
    'duplicates.keepBoth': 'Keep both (not a duplicate)',
    'duplicates.delete': 'Delete this article',
    'duplicates.confirmDelete': 'Confirm permanent delete',
    'duplicates.cancel': 'Cancel',
    'duplicates.confirmText': '{title} will be removed from the archive for good. This cannot be undone.',
    'duplicates.earlier': 'Earlier',
    'duplicates.later': 'Later',

    'import.dialogTitle': 'Choose article files to import',
    'import.allFiles': 'All files',
    'import.busy': 'Importing {files}…',
    'import.dropHere': 'Drop files to import them',
    'import.progress': '{done} / {total}',
    'import.progressLabel': 'Import progress',
    'import.folderDialogTitle': 'Choose a folder to import all its articles',
    'import.articleFiles': 'Article files',
    'import.cancel': 'Stop the import',
    'import.cancelling': 'Stopping after the current file…',
    'import.rate': '{rate} files a second',
    'import.etaSeconds': { one: 'about {count} second left', other: 'about {count} seconds left' },
    'import.etaMinutes': { one: 'about {count} minute left', other: 'about {count} minutes left' },

    'facets.title': 'Refine results',
    'facets.toggle': 'Filters',
    'facets.close': 'Close the filters',
    'facets.tags': 'Tags',
    'facets.publications': 'Publications',
    'facets.years': 'Years',
    'facets.languages': 'Languages',
    'facets.none': 'None in these results.',
    'facets.more': { one: 'Show {count} more', other: 'Show {count} more' },
    'facets.less': 'Show fewer',

    'saved.save': 'Save this search',
    'saved.dialogTitle': 'Save the search',
    'saved.name': 'Name',
    'saved.query': 'Query',
    'saved.replaceHint': 'A saved search already has this name: this query will replace it.',
    'saved.cancel': 'Cancel',
    'saved.confirm': 'Save',
    'saved.delete': 'Delete the saved search {name}',
    'saved.deleteTitle': 'Delete this saved search?',
    'saved.deleteText': 'The saved search {name} will be deleted. No article is deleted.',
    'saved.deleteConfirm': 'Delete',

    'help.title': 'Search syntax',
    'help.intro': 'Click an example to add it to the search.',
    'help.example': 'Example',
    'help.meaning': 'Finds',
    'help.insert': 'Add to the search',
    'help.and': 'Articles with both words, in any of their forms',
    'help.or': 'Articles with either word',
    'help.group': 'The first word with either word in brackets',
    'help.not': 'Articles with the first word but not the second',
    'help.phrase': 'The words side by side, in this order',
    'help.prefix': 'Any word starting with these letters',
    'help.exact': 'The word as spelled, not its other forms',
    'help.tag': 'Articles with this tag or a tag below it',
    'help.publication': 'Articles from one publication',
    'help.lang': 'Articles in one language (ar, fr, en…)',
    'help.dates': 'Articles published between two dates: a year, a month or a day',
    'help.month': 'The month under any of its names: كانون الثاني = يناير = جانفي',
    'help.fields': 'Filters can also be written in Arabic: {fields}.',
    'help.close': 'Close',

    'report.title': 'Import report',
    'report.imported': 'Imported',
    'report.duplicates': 'Duplicates',
    'report.failed': 'Failed',
    'report.failuresHeading': 'Files not imported',
    'report.duplicatesHeading': 'Already in the archive',
    'report.dup.same_file': 'The same file is already in the archive.',
    'report.dup.same_text': 'The same text is already in another article.',
    'report.dup.open': 'Open the existing article',
    'report.allGood': 'Everything was imported without problems.',
    'report.close': 'Close',
    'report.announce': 'Import finished. Imported: {imported}, duplicates: {duplicates}, failed: {failed}.',

    'failure.empty_file': 'The file is empty.',
    'failure.binary_file': 'This is not a text file: its content is binary.',
    'failure.unknown_encoding': 'The text encoding could not be recognised, so the file was not imported rather than show garbled characters.',
    'failure.too_large': 'The file is larger than the allowed size.',
    'failure.unreadable': 'The file could not be read: it may have been deleted, or it is protected.',
    'failure.unsupported_type': 'This type of file is not supported yet.',
    'failure.no_text': 'The file contains no article text.',
    'failure.corrupt_document': 'The document is damaged, or is not the kind of file its name says.',
    'failure.encrypted_document': 'The document is protected by a password and could not be read.',
    'failure.expands_too_large': 'Unpacked, the document would exceed the allowed size, so it was not imported.',
    'failure.too_complex': 'The page’s structure is too deeply nested or too large to read safely.',
    'failure.invalid_json': 'Invalid JSON, or neither an Arshif export nor CSL-JSON.',

    'error.not_found': 'The requested item is no longer in the archive.',
    'error.invalid_input': 'The input is not valid.',
    'error.database': 'The archive database could not be reached. Please try again.',
    'error.newer_database': 'This archive was created by a newer version of the application. Update Arshif to open it.',
    'error.io': 'A file could not be read or written on disk.',
    'error.busy': 'The archive is busy with another operation. Wait a moment and try again.',
    'error.import_running': 'Another import is running. Wait for it to finish or stop it before starting a new one.',
    'error.export_running': 'Another export is running. Wait for it to finish or stop it before starting a new one.',
    'error.cancelled': 'Cancelled before it finished; nothing was written.',
    'error.not_an_archive': 'This file is not an Arshif archive; nothing in it was changed.',
    'error.corrupt_database': 'The archive file is damaged. Restore a backup; nothing was changed.',
    'error.unsafe_archive': 'This archive was changed outside Arshif and holds additions that could alter its contents; it was not opened and nothing in it was changed.',
    'error.disk_full': 'The disk is full, so nothing was saved. Free some space and try again.',
    'error.read_only': 'The archive is read-only, so nothing was saved.',
    'error.no_permission': 'Arshif is not allowed to write here. Choose another place or change the folder’s permissions.',
    'failure.disk_full': 'Disk full: this file was not imported.',
    'failure.read_only': 'The archive is read-only: this file was not imported.',
    'error.bad_query': 'The search could not be understood. Check the dates after from: and to: (such as 2022, 2022-08 or 2022-08-10).',
    'error.internal': 'An unexpected error occurred.',
    'error.generic': 'Something went wrong. Please try again.',
    'alert.dismiss': 'Dismiss',

    'settings.title': 'Settings',
    'settings.language': 'Interface language',
    'settings.theme': 'Theme',
    'theme.light': 'Light',
    'theme.dark': 'Dark',
    'theme.system': 'Follow system',
    'settings.digits': 'Digits',
    'digits.latn': 'Western (0123)',
    'digits.arab': 'Arabic-Indic (٠١٢٣)',
    'settings.digitsHint': 'Applies to the Arabic interface.',
    'settings.location': 'Archive location',
    'settings.locationUnknown': 'Unavailable',
    'settings.version': 'Version {version}',
    'settings.shortcuts': 'Keyboard shortcuts',
    'shortcut.search': 'Go to search',
    'shortcut.move': 'Move through the article list',
    'shortcut.open': 'Open the selected article',
    'shortcut.clear': 'Clear the search',
    'shortcut.step': 'Next or previous article, in reading direction',
    'settings.close': 'Close',

    'announce.deleted': 'Article deleted.',
    'announce.tagAdded': 'Tag {tag} added.',
    'announce.tagRemoved': 'Tag {tag} removed.',
    'announce.searchSaved': 'Search {name} saved.',
    'announce.searchDeleted': 'Saved search {name} deleted.',
    'count.selected': {
      one: '{count} article selected',
      other: '{count} articles selected',
    },
    'count.pages': {
      one: '{count} page',
      other: '{count} pages',
    },
    'count.backups': {
      one: '{count} backup',
      other: '{count} backups',
    },
    'count.problems': {
      one: '{count} problem',
      other: '{count} problems',
    },
    'count.brokenLinks': {
      one: '{count} record points to records that no longer exist.',
      other: '{count} records point to records that no longer exist.',
    },

    'bulk.label': 'Actions on the selected articles',
    'bulk.tag': 'Tag…',
    'bulk.export': 'Export…',
    'bulk.delete': 'Delete…',
    'bulk.untag': 'Remove tag…',
    'bulk.clear': 'Clear selection',
    'bulk.exportAll': 'Export all results ({count})',
    'bulk.exportLibrary': 'Export all articles ({count})',
    'bulkTag.title': 'Tag {articles}',
    'bulkTag.label': 'Tag',
    'bulkTag.hint': 'The tag is added to every selected article. A path such as security/cooperation works too.',
    'bulkTag.confirm': 'Add tag',
    'bulkUntag.title': 'Remove a tag from {articles}',
    'bulkUntag.hint': 'The tag is removed from every selected article that has it; the tag itself stays in the archive.',
    'bulkUntag.confirm': 'Remove tag',
    'bulkDelete.title': 'Delete {articles}?',
    'bulkDelete.text': 'To be deleted from the archive for good: {articles}. This cannot be undone.',
    'announce.bulkTagged': 'Tag {tag} added to {articles}.',
    'announce.bulkUntagged': 'Tag {tag} removed from {articles}.',
    'announce.bulkDeleted': 'Deleted from the archive: {articles}.',

    'export.open': 'Export…',
    'export.title': 'Export articles',
    'export.close': 'Close',
    'export.what': 'What do you want to export?',
    'export.scopeSelected': 'The selected articles ({articles})',
    'export.scopeResults': 'All results of the search ({results})',
    'export.scopeResultsHint': 'Search: {query}',
    'export.scopeLibrary': 'The whole archive ({articles})',
    'export.format': 'Format',
    'export.pdf': 'PDF',
    'export.pdfHint': 'To read and print: a cover, contents, Arabic joined and right to left.',
    'export.json': 'Arshif JSON',
    'export.jsonHint': 'Arshif’s complete format: imports into another archive with nothing lost.',
    'export.csl': 'CSL-JSON',
    'export.cslHint': 'For reference managers such as Zotero and Pandoc.',
    'export.csv': 'CSV',
    'export.csvHint': 'A spreadsheet for Excel or LibreOffice, one article per row.',
    'export.layout': 'Page layout',
    'export.onePerPage': 'Each article on a new page',
    'export.continuous': 'Articles one after another',
    'export.originals': 'Include the original files',
    'export.originalsHint': 'About a third larger, but no original is lost on import.',
    'export.cancel': 'Cancel',
    'export.confirm': 'Export…',
    'export.saveTitle': 'Save the export',
    'export.subjectSelected': 'selected articles',
    'export.subjectLibrary': 'all articles',
    'export.filter.pdf': 'PDF document',
    'export.filter.json': 'Arshif export (JSON)',
    'export.filter.csl-json': 'CSL-JSON',
    'export.filter.csv': 'CSV spreadsheet',
    'export.progressLabel': 'Export progress',
    'export.preparing': 'Preparing…',
    'export.writingArticles': '{done} of {total} written…',
    'export.typesetting': 'Typesetting {articles}…',
    'export.writingPdf': 'Writing the PDF ({pages})…',
    'export.done': 'Exported {articles} to {file}.',
    'export.stop': 'Stop the export',
    'export.stopping': 'Stopping…',
    'export.cancelled': 'Export cancelled: no file was written.',

    'settings.backups': 'Backups',
    'backup.now': 'Back up now…',
    'backup.restore': 'Restore from a backup…',
    'backup.check': 'Check the archive',
    'backup.auto': 'Arshif makes an automatic backup every day and keeps the latest {backups} beside the archive, in:',
    'backup.saveTitle': 'Save a backup of the archive',
    'backup.fileWords': 'Arshif backup',
    'backup.filter': 'Arshif archives',
    'backup.running': 'Backing up…',
    'backup.done': 'Backup saved to {file} ({size}).',
    'backup.openTitle': 'Choose a backup to restore',
    'restore.title': 'Restore this backup?',
    'restore.text': 'The archive saved in {file} will replace the current archive. The current archive is not deleted: it is kept beside it, under a name ending in before-restore, so you can go back to it.',
    'restore.confirm': 'Restore',
    'restore.running': 'Checking and restoring the backup…',
    'restore.done': 'Backup restored: the archive now holds {articles}.',
    'restore.previous': 'The previous archive is kept in {file}.',
    'archive.open': 'Open another archive…',
    'archive.new': 'New archive…',
    'archive.useDefault': 'Back to the default archive',
    'archive.copyPath': 'Copy the path',
    'archive.showFolder': 'Show in folder',
    'archive.copied': 'Path copied.',
    'archive.sourceDefault': 'The default archive, which the arshif command opens too.',
    'archive.sourceChosen': 'An archive chosen here; it opens at every start.',
    'archive.sourceEnvironment': 'Set by the ARSHIF_DB variable for this run; it wins over the choice made here.',
    'archive.openTitle': 'Choose an archive to open',
    'archive.newTitle': 'Create a new archive',
    'archive.newFileWords': 'New archive',
    'archive.opening': 'Opening the archive…',
    'archive.opened': 'Opened {file}, which holds {articles}.',
    'archive.created': 'Created and opened the new archive {file}.',
    'archive.notRemembered': 'This choice could not be saved, so the previous archive will open at the next start.',
    'archive.missingAtStart': 'The archive you used last time ({file}) was not found, so the default archive is open. Open it again from Settings when it is available.',
    'error.archive_busy': 'An import, an export or a restore is running. Wait for it to finish, then open the other archive.',
    'error.archive_missing': 'This archive file does not exist; the current archive stays open.',
    'error.archive_exists': 'A file with this name already exists and was not replaced. Choose another name, or open it with “Open another archive”.',
    'error.cannot_show_folder': 'The folder could not be opened in the file manager.',
    'check.running': 'Checking the archive…',
    'check.healthy': 'The archive is healthy: {articles}; the file, the links between records and the search index all check out.',
    'check.damaged': 'The archive file is damaged ({problems}). Restore a recent backup, and keep this file until the restored archive has been checked.',
    'check.index': 'The search index does not match the articles, so some searches may miss articles or show others. The command arshif reindex repairs it.',

    'shortcut.clickKey': 'click',
    'shortcut.toggle': 'Add an article to the selection or take it out',
    'shortcut.extend': 'Select a run of articles',
    'shortcut.selectAll': 'Select every article shown',

    'error.nothing_to_export': 'Nothing to export: the selection or the search results are empty.',
    'error.pdf_typesetting': 'The PDF could not be made, because of a fault in Arshif, not in your articles. Try another format, and tell us if it happens again.',
  },
};

/** The languages offered, each named in its own language. */
export const LANGUAGES = /** @type {const} */ ([
  { code: 'ar', name: 'العربية' },
  { code: 'fr', name: 'Français' },
  { code: 'en', name: 'English' },
]);

/** Locales handed to Intl for each interface language. ar-MA writes Western digits. */
const INTL_LOCALES = { ar: 'ar-MA', fr: 'fr-FR', en: 'en-GB' };

/** @type {Lang} */
let current = 'ar';
/** @type {Digits} */
let digits = 'latn';
/** @type {Intl.PluralRules} */
let plurals = new Intl.PluralRules(INTL_LOCALES.ar);
/** @type {Intl.NumberFormat} */
let numbers = new Intl.NumberFormat(INTL_LOCALES.ar);
/** @type {Set<() => void>} */
const listeners = new Set();

/**
 * @param {unknown} code
 * @returns {code is Lang}
 */
export function isLang(code) {
  return code === 'ar' || code === 'fr' || code === 'en';
}

/** @returns {Lang} */
export function lang() {
  return current;
}

/** @returns {Digits} */
export function digitSetting() {
  return digits;
}

/**
 * The BCP 47 locale for Intl formatters, with `-u-nu-arab` when the Arabic
 * interface is set to Arabic-Indic digits.
 * @returns {string}
 */
export function locale() {
  const base = INTL_LOCALES[current];
  return current === 'ar' && digits === 'arab' ? `${base}-u-nu-arab` : base;
}

/**
 * Switches language and digits, updates `<html lang dir>` and tells every listener.
 * @param {Lang} next
 * @param {Digits} [nextDigits]
 */
export function setLanguage(next, nextDigits = digits) {
  current = isLang(next) ? next : 'ar';
  digits = nextDigits === 'arab' ? 'arab' : 'latn';
  plurals = new Intl.PluralRules(INTL_LOCALES[current]);
  numbers = new Intl.NumberFormat(locale());
  const root = document.documentElement;
  root.lang = current;
  root.dir = current === 'ar' ? 'rtl' : 'ltr';
  applyStatic(document);
  for (const listener of listeners) listener();
}

/**
 * Runs `listener` after every language or digits change.
 * @param {() => void} listener
 * @returns {() => void} Unsubscribe.
 */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The raw dictionary entry, falling back to Arabic, then to the key itself.
 * @param {string} key
 * @returns {Entry}
 */
function entry(key) {
  for (const dict of [DICTIONARIES[current], DICTIONARIES.ar]) {
    if (Object.hasOwn(dict, key)) return dict[key];
  }
  console.warn(`i18n: missing key ${key}`);
  return key;
}

/**
 * Picks the template, choosing the plural form from `params.count`.
 * @param {string} key
 * @param {Object<string, unknown>} params
 * @returns {string}
 */
function template(key, params) {
  const value = entry(key);
  if (typeof value === 'string') return value;
  const count = Number(params.count ?? 0);
  const form = plurals.select(count);
  return value[form] ?? value.other ?? key;
}

/**
 * Formats a parameter: numbers with the current locale's digits, the rest as text.
 * @param {unknown} value
 * @returns {string}
 */
function show(value) {
  return typeof value === 'number' ? numbers.format(value) : String(value ?? '');
}

/**
 * The translation of `key` with `{name}` placeholders filled in.
 * @param {string} key
 * @param {Object<string, unknown>} [params] `count` selects the plural form.
 * @returns {string}
 */
export function t(key, params = {}) {
  return template(key, params).replace(/\{(\w+)\}/g, (whole, name) =>
    Object.hasOwn(params, name) ? show(params[name]) : whole,
  );
}

/**
 * Like {@link t}, but parameters may be DOM nodes (e.g. a `<bdi>` holding a
 * user's title), so user content is never spliced into a string. Returns nodes
 * to append.
 * @param {string} key
 * @param {Object<string, unknown>} [params]
 * @returns {Node[]}
 */
export function tNodes(key, params = {}) {
  const parts = template(key, params).split(/\{(\w+)\}/);
  /** @type {Node[]} */
  const nodes = [];
  parts.forEach((part, index) => {
    if (index % 2 === 0) {
      if (part) nodes.push(document.createTextNode(part));
      return;
    }
    const value = Object.hasOwn(params, part) ? params[part] : `{${part}}`;
    nodes.push(value instanceof Node ? value : document.createTextNode(show(value)));
  });
  return nodes;
}

/**
 * Translates every element under `root` that carries `data-i18n` (text) or
 * `data-i18n-placeholder`, `data-i18n-title`, `data-i18n-aria-label` (attributes).
 * @param {ParentNode} root
 */
export function applyStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.getAttribute('data-i18n') ?? '');
  }
  for (const attr of ['placeholder', 'title', 'aria-label']) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`) ?? ''));
    }
  }
}

/**
 * Every key of every dictionary, for a completeness check.
 * @returns {Record<Lang, string[]>}
 */
export function dictionaryKeys() {
  return {
    ar: Object.keys(DICTIONARIES.ar),
    fr: Object.keys(DICTIONARIES.fr),
    en: Object.keys(DICTIONARIES.en),
  };
}
