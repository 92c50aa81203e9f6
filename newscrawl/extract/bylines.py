"""Bylines as text: a byline string, as the page writes it for readers, -> the names it lists.

"By Jane Roe and Sam Poe, Associated Press", "Roe, Jane", "著者：後藤大地", "Jane Roe | Staff
Writer | @janeroe", "By Sam Poe. Photos by Ann Lee": :func:`read_byline` reads such a string
into names, each with a hint when the way it is written says it is a source, not a writer
("Source: Reuters", "Special to the Gazette"). Telling people from organisations by the name
itself is :func:`~newscrawl.extract.fields.split_byline`'s job.

Only general rules of how bylines are written: no outlet's name, no page's layout.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from newscrawl.extract.metadata import WS_RE, clean_value

__all__ = ["ARTICLES", "GENERATIONS", "NAME_PARTICLES", "SOURCE_WORDS", "Part", "read_byline", "strip_tail"]

BYLINE_PREFIX_RE = re.compile(
    r"^(?:(?:[^\W\d_]+\s+){0,3}by|as\s+told\s+to|von|par|por|door|av|af|napisał[a]?|kirjoittanut"
    # Nigerian papers' "From Musa Ibrahim, Kano", "From Our Correspondent, Kaduna" (tests/afroweb)
    r"|from(?=\s+(?:our\s|(?-i:[A-Z])))"
    # a press release a paper runs: "Press release from NewsRelease Wire" (tests/syndweb)
    r"|(?:(?:a|this)\s+)?(?:press|news)\s+release\s+from"
    # Arabic "by pen", "he/she wrote", "prepared by"; Persian "writer"; Hebrew "by"
    r"|بقلم|كتبت?|إعداد|نویسنده|מאת)"
    r"\s*[:\-]?\s+",
    re.IGNORECASE,
)
# "Von unserem Korrespondenten Hans Roe", "De notre envoyée spéciale Jeanne Roe", "By our
# correspondent Jane Roe": the writer's role in the newsroom before the name
OUR_ROLE_RE = re.compile(
    r"^(?:unser(?:em|er|en)?|our|notre|nos|nuestr[oa]s?|nostr[oa]|nosso|nossa|onze)\s+"
    r"(?:[^\W\d_]+\s+){0,2}?(?:korrespondent|redakteur|reporter|mitarbeiter|autor|"
    r"correspond|envoy|rédact|redact|corresponsal|enviad|inviat|redattor|staff)[^\W\d_]*"
    r"(?:\s+sp[ée]cial[e]?s?|\s+especial|\s+permanent[e]?)?"
    r"(?:,\s*(?=\S+\s+\S)|\s+(?=\S))",  # not before a place alone: "Our Correspondent, Kaduna"
    re.IGNORECASE,
)
# "Staff and agencies", "Harbour Post staff and wire reports": the desk's credit for a story
# written from its own reporting and the wires, one credit (its "and" joins no names)
STAFF_AND_WIRES_RE = re.compile(
    r"^(?:[^\W\d_][\w’'.& -]{0,40}\s)?staff\s+(?:and|&)\s+"
    r"(?:agencies|agency reports|wires?|wire reports|wire services)$",
    re.IGNORECASE,
)
# "Ein Kommentar von Jane Roe", "Recueilli par ...", "Escrito por ...", "Geschreven door ...":
# a lead-in and a word for "by" that is also a particle of names ("Ursula von der Leyen"), so
# it is taken only before at least two capitalised words (see _drop_lead_in)
LEAD_IN_RE = re.compile(
    r"^(?P<lead>(?:[^\W\d_]+\s+){0,3})(?P<by>von|par|por|door|av|af|di)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A date or time stuck to a byline ("Jane Doe Monday, November 18, 2019", "Updated 8:47 p.m."),
# but not "Posted by Jane Roe" (a byline's lead-in)
BYLINE_DATE_RE = re.compile(
    r"\b(?:(?:published|publish|publication|updated|posted|modified)\b(?!\s*:?\s*by\b).*$|"
    # the same words in other languages: "Jane Roe Veröffentlicht am 3. Mai", "Publié le ..."
    r"(?:ver[öo]ffentlicht|aktualisiert|publi[ée]e?|mis\s+[àa]\s+jour|publicad[oa]|"
    r"actualizad[oa]|atualizad[oa]|pubblicat[oa]|aggiornat[oa]|gepubliceerd|bijgewerkt|"
    r"opublikowano|zaktualizowano|опубликовано|обновлено|stand(?=\s*:)|"
    # Swedish, Norwegian, Danish, Finnish, Estonian, Latvian, Lithuanian, Icelandic and Flemish:
    # "Sanna Mäkinen ja Ville Heikkinen Julkaistu 25.1.2026 klo 6.00" (tests/nordweb)
    r"publicerad|uppdaterad|publisert|oppdatert|publiceret|opdateret|julkaistu|päivitetty|"
    r"avaldatud|uuendatud|publicēts|atjaunots|atjaunināts|paskelbta|atnaujinta|uppfært|"
    r"laatste\s+update)(?!\w).*$|"
    # a weekday before it, also abbreviated ("by WKRT Staff Mon, January 26th 2026, 11:30 PM EST":
    # a Sinclair-like station's byline and stamp, tests/localweb; "Sun" only before an ordinal
    # day, the surname in "Jane Sun, January 5, 2026" stays)
    r"(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat"
    rf"|sun(?=\.?,?\s+{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)))\.?,?\s+)?"
    rf"(?:{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?|\d{{1,2}}\.?\s+{MONTHS},?\s+\d{{4}})"
    # and a number alone after the date at the end: the comment count of a theme's meta line
    # ("By Admin January 25, 2026 0")
    r"(?:\s+\d{1,5}\s*$)?|"
    # German day-first dates, Austria's "Jänner" and "Feber" too ("APA, Reuters 24. Jänner 2026")
    r"\d{1,2}\.\s+(?:j[äa]nner|januar|feber|februar|m[äa]rz|april|mai|juni|juli|august|september|"
    r"oktober|november|dezember)\b.*$|"
    # an Arabic weekday before a date ("لينا ضاهر السبت ٢٤ كانون الثاني ٢٠٢٦": Saturday 24 January)
    r"(?:ال)?(?:سبت|أحد|احد|اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة)،?\s+\d.*$|"
    r"\d{4}-\d{2}-\d{2}.*$|\d{1,2}[./]\d{1,2}[./]\d{2,4}\b.*$|"
    # a time and its zone in capitals ("05:44 GMT", "9:30 a.m. EST")
    r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?-i:\s+[A-Z]{2,4}\b)?)",
    re.IGNORECASE,
)
# "Jane Roe for The Daily Planet", "Sam Poe For The Weekly Post", "Jean Roe pour Le Journal",
# "Juan Roe para EL PAÍS", "Mario Rossi per Il Foglio" (not German "für": its nouns are
# capitalised)
FOR_OUTLET_RE = re.compile(
    r"^(?P<name>[^\W\d_].*?)\s+(?:(?i:for|pour)|para|per)\s+(?P<outlet>[A-Z\u00c0-\u00de].*)$"
)
MONTH_ONLY_RE = re.compile(rf"^{MONTHS}$", re.IGNORECASE)
# Bracketed asides in a byline: "(http://...)", "(avec ...)" are read as their own names;
# one at the end is read as after a comma ("Jane Roe (dpa)", "Jane Roe (Staff Writer)"; not
# a phrase: "(avec Sam Poe et Ann Lee)")
BRACKETS_RE = re.compile(r"[()\[\]]")
LAST_BRACKET_RE = re.compile(
    r"(?<=\w)\s*[(\[]((?=[^\W\d_a-z]|[a-z]+(?:/\w+)?[)\]])[^()\[\]]{2,40})[)\]]\s*$"
)
WEEKDAY_RE = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?$", re.IGNORECASE)
ROLE_TAIL = frozenset(
    {
        "reporter", "correspondent", "editor", "writer", "columnist", "contributor", "producer",
        "analyst", "senior", "chief", "political", "business", "sports", "science",
        "health", "tech", "technology", "deputy", "associate", "managing", "executive",
        "digital", "special", "investigative",
    }
)  # fmt: skip
# Words that start a job title or beat after a name ("Jane Roe Senior Politics Editor").
ROLE_WORDS = frozenset(
    {
        "reporter", "correspondent", "editor", "writer", "columnist", "contributor", "producer",
        "analyst", "senior", "chief", "deputy", "associate", "managing", "executive",
        "staff", "fellow", "intern", "ceo", "founder", "cofounder", "co-founder", "president",
        "director", "head", "host", "anchor", "photographer", "editor-at-large",
        "contributing", "opinion", "journalist", "photojournalist", "blogger",
        "freelance", "freelancer", "guest", "national", "foreign", "international",
        # the same jobs in other languages
        "redakteur", "redakteurin", "korrespondent", "korrespondentin", "reporterin",
        "journalistin", "chefredakteur", "chefredakteurin", "journaliste", "rédacteur",
        "rédactrice", "correspondant", "correspondante", "envoyé", "envoyée", "corresponsal",
        "periodista", "redactor", "redactora", "giornalista", "corrispondente", "inviato",
        "inviata", "redattore", "redattrice", "jornalista", "correspondente", "verslaggever",
        "redacteur", "корреспондент", "журналист", "обозреватель", "редактор", "experte",
        "expertin", "gastautor", "gastautorin", "professor", "professorin", "lecturer",
        "researcher", "scientist", "dozent", "dozentin", "student", "studentin", "teacher",
        # and in the Nordic and Baltic languages (tests/nordweb): Norwegian and Danish, Swedish,
        # Finnish, Estonian, Latvian, Lithuanian, Icelandic
        "redaktør", "redaktör", "medarbeider", "medarbetare", "kommentator", "toimittaja",
        "kirjeenvaihtaja", "reportteri", "journalisti", "ajakirjanik", "žurnālists",
        "žurnāliste", "žurnalistas", "žurnalistė", "blaðamaður", "fréttamaður",
    }
)  # fmt: skip
# A job title written as one word with what it covers, after a name, in the Nordic languages
# and Finnish: "Utenriksjournalist", "Utrikesreporter", "Ulkomaantoimittaja",
# "Yhdysvaltain-kirjeenvaihtaja" (tests/nordweb); German's "Wirtschaftsredakteur" too
COMPOUND_ROLE_ENDINGS = (
    "journalist", "reporter", "korrespondent", "redaktør", "redaktör", "redakteur", "medarbeider",
    "medarbetare", "kommentator", "toimittaja", "kirjeenvaihtaja",
)
# A byline part that is only a job title ("Staff Writer", "AP Auto Writer", "Bureau Chief")
ROLE_ONLY_RE = re.compile(
    r"^(?:[\w.&-]+\s+){0,3}(?:writer|reporter|correspondent|editor|columnist|contributor|"
    r"producer|photographer|fellow|intern|journalist|chief|editor-at-large|"
    r"redakteur(?:in)?|korrespondent(?:in)?|reporterin|journalistin|journaliste|"
    r"r[ée]dact(?:eur|rice)|correspondante?|corresponsal|periodista|redactora?|giornalista|"
    r"corrispondente|redatt(?:ore|rice)|jornalista|correspondente|verslaggever|redacteur|"
    r"корреспондент|журналист|обозреватель|редактор)s?$",
    re.IGNORECASE,
)
# After a writer's name and a comma, where the writer works or filed from: Portuguese "do UOL",
# "da Folha", "da Redação" (the outlet: a credit); "em Brasília", "de São Paulo", "no Rio",
# Spanish "en Madrid", Italian "a Roma", French "à Paris", English "in London", German "aus
# Berlin" (a place: nobody). Italian "da Milano" (from Milan) reads as Portuguese's outlet.
FROM_PLACE_RE = re.compile(
    r"^(?:(?P<outlet>do|da|dos|das)|em|en|in|de|desde|from|aus|à|a|au|no|na|nel|nella)\s+"
    r"(?=(?-i:[A-ZÀ-Þ0-9])|(?-i:[a-z]+[A-Z0-9]))",
    re.IGNORECASE,
)
ACRONYM_CREDIT_RE = re.compile(r"^(?:[A-Z]\.?){2,5}$")  # "AP", "CNN", "A.P."
# A job title written before the name ("Senior reporter Jane Roe", "Outlet correspondent Jane Roe")
ROLE_BEFORE_RE = re.compile(
    r"^(?P<head>.*?)\s*\b(?:(?:senior|chief|staff|political|foreign|special|national|"
    r"investigative|business|sports|health|science|tech(?:nology)?|legal|education)\s+){0,2}"
    r"(?:reporter|correspondent|writer|editor|columnist)\s+"
    r"(?P<name>(?-i:[A-ZÀ-Þ])[\w'’.-]+(?:\s+(?:(?-i:[A-ZÀ-Þ])[\w'’.-]+|de|van|von|la|del|da)){1,3})"
    r"(?:\s+in\s+(?-i:[A-ZÀ-Þ])[\w'’. -]*)?$",  # "... Jane Roe in Washington": where she files from
    re.IGNORECASE,
)
# Acronyms of countries and unions before a job title: where the writer reports on, no outlet
# ("Jane Roe, US Editor", "By UK correspondent Jane Roe"; "Jane Roe, AP Auto Writer" credits AP)
PLACE_ACRONYMS = frozenset({"US", "USA", "UK", "EU", "UN", "NZ", "UAE"})
# A job title joined by a hyphen to what comes before it, before the name: German papers'
# "dpa-Korrespondent Jane Roe", "SPIEGEL-Redakteurin Jane Roe", "FOCUS-Online-Experte Jane Roe",
# "Washington-Korrespondentin Jane Roe" (an outlet or a place: neither is kept)
COMPOUND_ROLE_RE = re.compile(
    r"^\S+-(?:(?:(?:chef)?redakteur|korrespondent|reporter|autor|kolumnist|journalist|mitarbeiter|"
    r"moderator)(?:in)?|expert(?:e|in))\s+(?=(?-i:[A-ZÀ-Þ]))",
    re.IGNORECASE,
)
# Link texts and buttons next to a name, not part of it ("Follow", "Email", "Print this article")
NAV_WORDS = frozenset(
    "view all more archive stories posts articles follow read see link copied email profile add "
    "rss feed get bio subscribe twitter facebook click here print share comment comments tweet "
    "bookmark contact instagram linkedin website homepage whatsapp e-mail kommentar kommentare "
    "commentaire commentaires comentario comentarios".split()
)
# The buttons that end a name written before them ("Jane Roe Follow", "Jane Roe Email"); not
# the ones that are also surnames (Link, Read)
NAV_CUT_WORDS = NAV_WORDS - {"link", "read", "see", "get", "all", "here", "feed", "bio"}
# A preposition left behind by a removed date ("Jane Roe, RD on November 14")
DANGLING_RE = re.compile(r"\s+(?:on|at|am|um|le|el|il|den|du|à)$", re.IGNORECASE)
# Particles of names ("Lisa de Moraes", "Ursula von der Leyen", "María de los Ángeles Roe");
# "The ..." is an outlet.
NAME_PARTICLES = frozenset(
    "de da di du del della der den des do dos van von zu le la los las bin ibn bint al ter ten y".split()
)
ARTICLES = frozenset("the le la les el los las die der das il lo".split())
HONORIFICS = frozenset("dr mr mrs ms prof mme mlle st sen rep gov gen col capt lt sgt".split())
# The subject of a German doctorate, written in lowercase after "Dr." ("Dr. med. Jane Roe", "Prof.
# Dr. rer. nat. Sam Poe"): part of the title before the name, not a sentence's end nor a phrase
DOCTORATE_WORDS = frozenset("med phil rer nat jur habil dent vet oec pol theol sc techn".split())
CREDENTIALS = frozenset(
    "md phd ms ma mba mph rd rdn rn do dds cpt jr sr ii iii esq ba bsc msc cpa".split()
)
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})  # "Sam Poe, Jr.", "Sam Poe III"
SUFFIX_RE = re.compile(r"\s(?:Jr|Sr|[A-Z])$")  # "Sam Poe Jr.", "Nicolas Roe C."
# Degrees after a name without a comma ("Jane Roe Ph.D."): the credentials that are not part
# of a name (Jr., Sr., II are)
DEGREES = CREDENTIALS - {"jr", "sr", "ii", "iii", "do", "ma", "ms"}
# Where a byline lists several credits: ";", "|", "·", "/", CJK's full-width bars and slashes,
# and a dash between spaces ("Jane Roe - Staff Writer"); "/" is kept for photo credits
STRONG_SPLIT_RE = re.compile(r"\s*(?:[;|·•／｜]|\s[-–—]\s)\s*")
BARS_RE = re.compile(r"\s*[|｜]\s*")  # a byline's parts, where a dateline's place may be one
# Japanese papers write where a reporter filed from before the name, with a full-width equals
# sign: "ワシントン＝山田太郎", "ニューヨーク＝佐藤花子、山田太郎"
JA_DATELINE_RE = re.compile(r"(?:^|\s+)[^\s＝、，]+＝\s*")
# Within one credit: commas (also CJK's) and words for "and"
# ("E" and "Y" are initials: "Laura E Adkins"; only a lowercase "e" or "y" is "and")
# The words for "and" in lowercase: Spanish, Italian and Portuguese, Dutch, Danish and
# Norwegian, Swedish, Finnish and Estonian, Russian, Polish, Croatian and Catalan ("i"),
# Ukrainian, Turkish, Hungarian, Romanian, Greek, Indonesian and Malay, Lithuanian, Vietnamese
AND_WORDS = r"e|y|en|og|och|ja|и|i|і|та|ve|és|și|şi|και|dan|ir|và"
# "with" in Dutch ("met") and the Scandinavian languages ("med"): "Jane Roe med TT"
WITH_WORDS = r"(?i:with|avec|mit)|met|med"
AUTHOR_SPLIT_RE = re.compile(rf"\s*(?:[,，、]|\s(?:(?i:and|und|et|&)|{WITH_WORDS}|{AND_WORDS})\s)\s*")
LEADING_AND_RE = re.compile(rf"^(?:(?i:and|und|et|&)|{AND_WORDS})\s+")  # "A, B, and C"
# "Redactie, met Belga", "Redactie; Met Belga" (trafilatura's byline, title-cased): the one the
# story was written with, after a comma; "with" goes, as it does between two names
LEADING_WITH_RE = re.compile(r"^(?i:with|avec|mit|met|med)\s+(?=\S)")
EMAIL_RE = re.compile(  # also written out against spam: "jane at roe.net", "jane[at]roe.net"
    r"\S+@\S+\.\w+|(?<!\S)[a-z0-9._-]+(?: at |\s?[\[(]at[\])]\s?)[a-z0-9.-]+\.[a-z]{2,}\b"
)
URL_IN_TEXT_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
HANDLE_RE = re.compile(r"(?:^|\s)@\w+")
# A second credit run on in one string: "By Sam Poe Updated by Jane Roe", "... Photos by Ann Lee"
CREDIT_BY_RE = re.compile(
    r"(?<=\S)\s+(?<!\band\s)(?<!&\s)(?<!\bet\s)(?<!\bund\s)(?<!\by\s)(?<!\be\s)(?<!\bmedically\s)(?<!\bwith\s)(?=(?:(?:medically\s+)?reviewed|updated|edited|"
    r"fact[- ]checked|translated|illustrated|illustrations?|photos?|photographs?|photography|"
    r"pictures?|images?|videos?|graphics?|(?:with\s+)?additional\s+reporting)\s+by\b|"
    r"(?:contributing|contributors?)\s*:|"  # "By Jane Roe<br>Contributing: Sam Poe"
    # "Words: Jane Roe Photos: Sam Poe": a picture credit's label after the writer's; "Text: Jane
    # Roe Foto: Sam Poe" in the Nordic languages, German and Dutch, Finnish "Kuva:", Icelandic
    # "Myndir:", Dutch "Beeld:" (tests/nordweb)
    r"(?:photos?|photographs?|photography|pictures?|images?|illustrations?|videos?|graphics?|"
    r"fotos?|bilder?|kuvat?|myndir|mynd|beeld)\s*:)",
    re.IGNORECASE,
)
# Credits that name no writer: photos, images, video, editing, fact checks, translation
NOT_WRITER_RE = re.compile(
    # "Interview with Dana Fox", "In conversation with ...": the interviewee, no writer
    r"^(?:an?\s+|in\s+)?(?:interview|conversation|q\s*&\s*a)\s+with\b|"
    r"^(?:(?:additional\s+|cover\s+|lead\s+|top\s+)?(?:photos?|photograph(?:s|y|er)?|pictures?|"
    r"images?|illustrations?|graphics?|videos?|fotos?|bilder?|kuvat?|myndir|mynd|beeld|фото|"
    r"photo credit|credits?|"
    r"editing|edited|reviewed|medically reviewed|fact[- ]checked|translated|translation|"
    r"illustrated|(?:with\s+)?additional\s+reporting|(?:contributing|contributors?)(?=\s*:))\b\s*"
    r"(?:by|von|par|por|:|=|-|/)?"
    r"|(?:写真|撮影|摄影|图片|図版|画像|사진|영상|編集|编辑|責任編輯|责任编辑|翻訳|翻译)\s*[:：/／=])",
    re.IGNORECASE,
)
# "Source" in Polish, Czech, Ukrainian, Russian and Greek, as a byline's, a sign-off's and a
# source line's label ("Джерело: Укрінформ", "Πηγή: ΑΠΕ-ΜΠΕ"; tests/slavweb)
SOURCE_WORDS = ("źródło", "zdroj", "джерело", "источник", "πηγή")
# A credit that names the source, not a writer: "Source: Reuters", "Quelle: dpa"
SOURCE_LABEL_RE = re.compile(
    r"^(?:source|sources|quelle|fuente|fonte|via|来源|來源|出典|출처)\s*[:：]?\s+|"
    r"^(?:" + "|".join(SOURCE_WORDS) + r")\s*:?\s+|"  # the same label in SOURCE_WORDS' languages
    r"^(?:mit\s+)?material\s+(?:von|der|aus)\s+|"  # "Mit Material von dpa"
    r"^(?:来源|來源|出典|출처)\s*[:：/／]\s*|^(?:special\s+to|especial\s+para|for)\s+(?=\S)",
    re.IGNORECASE,
)
# A label before the writer's name: "Author: Jane Roe", "著者：後藤大地", "文/山田太郎"
AUTHOR_LABEL_RE = re.compile(
    r"^(?:(?:written\s+by|authors?|"
    r"(?:text|texte|testo|texto|tekst)(?:\s+(?:und|and|&|et|y|e|i|og|en)\s+"
    r"(?:fotos?|photos?|bilder?|fotograf[íi]as?|fotografie))?|"  # "Text und Fotos: Jane Roe"
    r"words|story|reporting|interview|gastbeitrag|gastkommentar|kommentar|redaktion|"
    r"verfasser(?:in)?|yazan|"
    r"autor(?:in|en|ka|zy)?|auteurs?|autore|autrice|redactor|redacción|yazar|författare|"
    r"forfatter|kirjoittaja|автор(?:ы|и)?|текст|"
    # Latvian, Lithuanian, Icelandic, Finnish ("reporter", "text") (tests/nordweb)
    r"autors|autori|autorius|autoriai|höfundur|höfundar|toimittaja|toimittajat|teksti)\s*[:：]\s*"
    r"|(?:authors?|autor(?:in)?|auteur|авторы?)\s+(?=(?-i:[A-ZÀ-ÞА-Я]))"  # "Author Jane Roe"
    r"|(?:著者|作者|筆者|執筆|撰文|文|記者|记者|取材・文|取材・執筆|글|기자)\s*[:：/／=]\s*"
    r"|(?:本[报報])?(?:記者|记者)\s+(?=[\u3400-\u9fff])"  # "记者 王小明"
    r"|(?:本[报報])?(?:記者|记者)(?=[\u3400-\u9fff]{2,4}$)"  # "記者王小明": a name to the end
    # "writer" in Thai, Hindi, Bengali and Urdu, Indonesian and Malay, Vietnamese "author", with
    # or without its colon (trafilatura's byline drops it: "ผู้เขียน ธนพล วงศ์สวัสดิ์")
    r"|(?:ผู้เขียน|लेखक|লেখক|تحریر|penulis|tác\s+giả)\s*[:：]?\s+(?=\S))",
    re.IGNORECASE,
)
# Any other label: "Topic: Hardware", "Filed under: Politics"
OTHER_LABEL_RE = re.compile(r"^[^\W\d_][\w ]{0,24}\s?[:：]\s")
# A job title written after a CJK name: "山田太郎記者", "선수민 기자"
CJK_ROLE_RE = re.compile(
    r"\s*(?:記者|记者|기자|特派員|特派员|通信員|通讯员|ライター|編集委員|論説委員|撰稿人|"
    r"客座研究員|特約記者|特约记者|本報記者|本报记者|특파원|통신원)$"
)
# A Chinese byline's dispatch line after the reporter: "記者王小明／華盛頓22日專電", "／台北報導"
# (where, the day, "dispatch" or "report"): nobody
ZH_DISPATCH_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:\d{1,2}日)?(?:專電|专电|電|电|報導|报道)$")
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Photo agencies: a "Name/Agency" credit is a photographer's
PHOTO_AGENCY_RE = re.compile(
    r"\b(?:images|imagery|photos?|pictures|shutterstock|istock(?:photo)?|alamy|unsplash|"
    r"pexels|pixabay|picture[- ]alliance)\b",
    re.IGNORECASE,
)
LAST_FIRST_RE = re.compile(
    r"^(?P<last>[^\W\d_][\w'’-]*),\s*(?P<first>[^\W\d_][\w'’-]*(?:\s+[^\W\d_]\.?){0,2})$"
)
# "Jane RoeJane Roe", "Jane Roe Jane Roe": a name written twice (a link and its tooltip)
DOUBLED_RE = re.compile(r"^(.{3,}?)\s*\1$")
SENTENCE_STOP_RE = re.compile(r"(?<=[^\W\d_]{3})\.\s+(?=[^\W\d_])")


class Part(NamedTuple):
    """One name read from a byline; ``credit`` when the byline says it is a source;
    ``outlet_or_place`` for what may be either, which
    :func:`~newscrawl.extract.fields.split_byline` tells apart: the words before a job title
    before the name ("Harbour Post" of "Harbour Post correspondent Jane Roe", "North America"
    of "North America correspondent Jane Roe"), and the one word after a full name ("Reuters"
    of "By Jane Roe, Reuters", "Abuja" of "By Jane Roe, Abuja")."""

    name: str
    credit: bool = False
    outlet_or_place: bool = False


def read_byline(raw: str) -> list[Part]:
    """The names a byline string lists, in order, without "By", dates, e-mail addresses,
    handles, job titles, photo and editing credits."""
    text = _drop_dateline_place(clean_value(raw) or "")
    text = BYLINE_DATE_RE.sub(" ", URL_IN_TEXT_RE.sub(" ", EMAIL_RE.sub(" ", text)))
    text = CREDIT_BY_RE.sub(" | ", text)
    parts: list[Part] = []
    text = LAST_BRACKET_RE.sub(r", \1", text)
    for chunk in STRONG_SPLIT_RE.split(BRACKETS_RE.sub(" ", text)):
        if "/" in chunk and PHOTO_AGENCY_RE.search(chunk):
            continue  # "Jane Roe/Getty Images": a photographer's credit
        pieces = AUTHOR_LABEL_RE.sub("", chunk.strip()).split("/")  # "文/山田太郎"
        if len(pieces) == 2 and CJK_ROLE_RE.search(pieces[1]) and not CJK_ROLE_RE.search(pieces[0]):
            pieces = pieces[1:]  # "워싱턴/이서연 특파원": where the reporter files from, then the reporter
        for piece in pieces:
            if not ZH_DISPATCH_RE.match(piece.strip()):
                parts.extend(_read_credit(piece, parts))
    return parts


def _drop_dateline_place(text: str) -> str:
    """A bar-separated byline ending in its date stamp without the place before the stamp:
    "Written by Jane Roe | New Delhi | Updated: January 23, 2026 00:20 IST" (the dateline's
    city is no writer)."""
    pieces = BARS_RE.split(text)
    if len(pieces) < 3 or not pieces[-1].strip() or BYLINE_DATE_RE.sub("", pieces[-1]).strip(" :,.-"):
        return text
    return " | ".join([*pieces[:-2], pieces[-1]])


def _read_credit(chunk: str, before: list[Part]) -> list[Part]:
    """The names in one credit of a byline ("By Jane Roe and Sam Poe, Reuters"); ``before``
    are the names its earlier credits gave."""
    has_names = bool(before)
    chunk = WS_RE.sub(" ", chunk).strip(" -–—:,\u00a0")
    chunk = chunk if SUFFIX_RE.search(chunk.rstrip(".")) else chunk.rstrip(" .")  # "... Jr."
    if not chunk or NOT_WRITER_RE.match(chunk):
        return []
    if re.match(r"updated\s+by\b", chunk, re.IGNORECASE) and has_names:
        return []  # "By Sam Poe | Updated by Jane Roe": the writer is named already
    if has_names and ROLE_ONLY_RE.match(chunk):
        return []  # "Jane Roe - Staff Writer"
    credit = False
    if SOURCE_LABEL_RE.match(chunk):
        chunk, credit = SOURCE_LABEL_RE.sub("", chunk), True
    chunk = OUR_ROLE_RE.sub("", AUTHOR_LABEL_RE.sub("", BYLINE_PREFIX_RE.sub("", chunk)))
    if OTHER_LABEL_RE.match(chunk):
        return []  # "Topic: Hardware", "Twitter: janeroe"
    if STAFF_AND_WIRES_RE.match(chunk.strip()):
        return [Part(chunk.strip(), True)]  # "Staff and agencies"
    if "＝" in chunk:  # "ワシントン＝山田太郎": a Japanese dateline, each place before its reporter
        return [p for name in JA_DATELINE_RE.split(chunk) for p in _names(name.strip())]
    parts: list[Part] = []
    if "=" in chunk:  # "Outlet=Reporter" (a Korean byline's agency and writer)
        source, _, chunk = chunk.rpartition("=")
        parts.extend(Part(p.name, True) for p in _names(source))
    if (m := LAST_FIRST_RE.match(chunk.strip())) and _is_last_first(m["last"], m["first"]):
        first = " ".join(w + "." if len(w) == 1 else w for w in m["first"].split())
        return [*parts, Part(f"{first} {m['last']}", credit)]
    full_name = any(len(p.name.split()) >= 2 for p in before)  # "Jane Roe - Outlet"
    parts.extend(Part(p.name, credit or p.credit, p.outlet_or_place) for p in _names(chunk, full_name))
    return parts


def _names(chunk: str, after_full_name: bool = False) -> list[Part]:
    """The names of one credit, split at commas and "and"; ``after_full_name`` when an
    earlier credit of the byline named someone in two or more words."""
    names: list[Part] = []
    named_with_role = False  # the piece before was a full name and a job title after it
    for i, piece in enumerate(AUTHOR_SPLIT_RE.split(chunk)):
        part = piece.strip(" -–—:.\u00a0")
        after_named_with_role, named_with_role = named_with_role, _name_and_role(part)
        if i and names and not names[-1].credit and (m := FROM_PLACE_RE.match(part)):
            if m["outlet"]:  # "Jane Roe, do UOL", "..., da Redação": the outlet
                names.append(Part(part[m.end():], True))
            continue  # "Jane Roe, em Brasília", "..., de São Paulo", "..., a Roma": a place
        part = LEADING_WITH_RE.sub("", LEADING_AND_RE.sub("", part))
        credit = bool(i and SOURCE_LABEL_RE.match(part))  # "Jane Roe, Special to the Gazette"
        part = SOURCE_LABEL_RE.sub("", part) if credit else part
        part = _drop_lead_in(BYLINE_PREFIX_RE.sub("", part))
        part = HANDLE_RE.sub(" ", part)
        part = WS_RE.sub(" ", part).strip(" -–—:.()[]《》「」【】〈〉")
        if SUFFIX_RE.search(part) and f"{part}." in piece:
            part += "."  # "Sam Poe Jr." keeps its full stop
        if len(part.split()) >= 3:  # "dpa-Korrespondent Jane Roe"
            part = COMPOUND_ROLE_RE.sub("", part)
        if (m := ROLE_BEFORE_RE.match(part)) and not ROLE_ONLY_RE.match(part):
            # "Senior reporter Jane Roe", "Capitol Post correspondent Jane Roe": the job title
            # before the name goes, the outlet before it is a credit (not a place: outlet_or_place)
            if m["head"] and m["head"].replace(".", "") not in PLACE_ACRONYMS:
                names.append(Part(m["head"], True, True))
            part = m["name"]
        part = DANGLING_RE.sub("", part)
        if (
            (m := FOR_OUTLET_RE.match(part))
            and len(m["name"].split()) >= 2
            and m["name"].split()[0].casefold() not in ARTICLES  # "Das Magazin für Lesben"
        ):
            # "Jane Roe for The Daily Planet": the outlet the writer wrote for is a credit
            part = m["name"]
            outlet = Part(m["outlet"], True)
        else:
            outlet = None
        generation = part.casefold().replace(".", "")
        if i and generation in GENERATIONS and names and not names[-1].credit:
            # "Sam Poe, Jr.": the suffix after a comma is part of the name before it
            suffix = f"{part}." if generation in ("jr", "sr") and f"{part}." in piece else part
            names[-1] = Part(f"{names[-1].name} {suffix}", names[-1].credit)
            continue
        if i and (  # "Jane Doe, MS, RD", "... Monday, November"
            part.casefold().replace(".", "") in CREDENTIALS or MONTH_ONLY_RE.match(part)
        ):
            continue
        if (i or after_full_name) and ROLE_ONLY_RE.match(part) and not (
            after_named_with_role and named_with_role
        ):
            # "Jane Doe, Staff Writer", "Jane Roe – Staff Writer, Outlet"; an agency's or an
            # outlet's acronym before the job title is a credit ("..., AP Auto Writer", "...,
            # CNN Editor-at-large")
            lead = part.split()[0]
            if len(part.split()) >= 2 and ACRONYM_CREDIT_RE.match(lead) and (
                lead.replace(".", "") not in PLACE_ACRONYMS
            ):
                names.append(Part(lead.replace(".", ""), True))
            continue
        first = part.split()[0].casefold().rsplit("-", 1)[-1] if part.split() else ""
        if (i or after_full_name) and first in ROLE_WORDS:
            # "Jane Roe, Correspondent in Paris", "..., Korrespondentin in Paris", "..., dpa-Korrespondentin",
            # "Jane Roe – Korrespondentin in Wien"
            continue
        if len(part.split()) >= 2 and part.split()[-1] == "staff":
            names.append(Part(part, True))  # "Bay Area Beacon staff": the outlet's staff
            continue
        for name in _sentence_split(part):
            # "Jane Roe Jane Roe is a reporter", "Jane Roe On 11/13/19"
            name = DANGLING_RE.sub("", _undouble(strip_tail(_undouble(name))))
            if not name or WEEKDAY_RE.match(name):
                continue
            single = len(name.split()) == 1 and not CJK_RE.search(name)
            if single and after_full_name and name[0].isupper():
                # "By Jane Roe, Bloomberg": a one-word name after a full one is the wire
                # service; after a comma and a name in Latin letters it may also be where the
                # writer filed from ("By Jane Roe, Abuja"): a credit if it names an organisation
                # (outlet_or_place); after a dash or a slash, or in "[田中宏昌，Harbour]", the
                # outlet. More of them are a place ("Verlag GmbH, Nürnberg, Germany"), and so is
                # one after the newsroom's own reporter ("Our Correspondent, Kaduna")
                if not any(p.credit for p in names) and not (
                    names and names[-1].name.split()[0].casefold() == "our"
                ):
                    after_comma = bool(i and names) and not CJK_RE.search(names[-1].name)
                    names.append(Part(name, True, after_comma))
                continue
            after_full_name = after_full_name or len(name.split()) >= 2 or bool(
                CJK_RE.search(name)
            )
            names.append(Part(name, credit))
        if outlet:
            names.append(outlet)
    return names


def _name_and_role(part: str) -> bool:
    """A full name of two or three capitalised words and a job title of one word after it
    ("Marte Holm Journalist", "Henrik Aas Utenriksjournalist"): in a byline of such pieces
    ("Henrik Aas Utenriksjournalist, Marte Holm Journalist", tests/nordweb) the second is a
    writer, no job title alone ("Jane Roe, Senior Staff Reporter": "Senior" is a role's word)."""
    words = part.split()
    if not 3 <= len(words) <= 4:
        return False
    role = words[-1].casefold()
    if not (role in ROLE_WORDS or role.endswith(COMPOUND_ROLE_ENDINGS)):
        return False
    return all(
        w[0].isupper() and not w.isupper() and w.casefold() not in ROLE_WORDS
        and w.casefold() not in ROLE_TAIL
        for w in words[:-1]
    )


def _drop_lead_in(part: str) -> str:
    """ "Ein Kommentar von Jane Roe", "Alles von Jane Roe", "di Mario Rossi" -> the name;
    "Ursula von der Leyen", "Hans von Roe" stay: "von" before one surname is a particle."""
    m = LEAD_IN_RE.match(part)
    if not m:
        return part
    rest, lead = m["rest"].split(), m["lead"].split()
    titles = next((k for k in range(len(rest), 0, -1) if title_words(rest[:k])), 0)
    if titles and len(rest) > titles:  # "Ein Gastbeitrag von Dr. phil. Jane Roe": the name after
        rest = rest[titles:]
    if len(rest) < 2 or rest[0].casefold() in NAME_PARTICLES or not rest[0][0].isupper():
        return part
    if not all(w[0].isupper() for w in rest[:2]):
        return part
    if m["by"] == "Di" and lead:
        return part  # "Mark Di Roe": a particle ("A cura di Mark Roe" is "by")
    return m["rest"] if lead or m["by"].casefold() == "di" else part


def _sentence_split(part: str) -> list[str]:
    """ "Finian Roe. Sputnik International" -> two names: a full stop after a word of three
    or more letters (not "Dr.", an initial or "Jr.") in a name of two or more words."""
    pieces = SENTENCE_STOP_RE.split(part)
    if len(pieces) == 1 or len(pieces[0].split()) < 2:
        return [part]
    if pieces[0].split()[-1].casefold().strip(".") in HONORIFICS:
        return [part]
    words = pieces[0].split()
    if any(title_words(words[i:]) for i in range(len(words))):  # "Dr. med. Jane Roe": a title
        return [part]
    return [p.strip(" .") for p in pieces]


def title_words(words: list[str]) -> bool:
    """Whether ``words`` are all honorifics and a German doctorate's subjects after them ("Dr.
    med.", "Prof. Dr. rer. nat."), led by an honorific."""
    keys = [w.casefold().strip(".") for w in words]
    return bool(keys) and keys[0] in HONORIFICS and all(k in HONORIFICS or k in DOCTORATE_WORDS for k in keys)


def _undouble(name: str) -> str:
    m = DOUBLED_RE.match(name)
    return m.group(1).strip() if m else name


def _is_last_first(last: str, first: str) -> bool:
    """ "Roe, Jane": two capitalised words, neither an acronym, a title, a month or a
    credential ("Roe, MD")."""
    words = [last, *first.split()]
    if not all(w[0].isupper() for w in words):
        return False
    if last.isupper() != first.split()[0].isupper():
        return False  # "Roe, AFP", "AP, Jane"
    for w in (last, first.split()[0]):
        key = w.casefold().strip(".")
        if key in CREDENTIALS or key in HONORIFICS or key in ROLE_WORDS or key in NAV_WORDS:
            return False
        if MONTH_ONLY_RE.match(w) or WEEKDAY_RE.match(w) or ROLE_ONLY_RE.match(w):
            return False
    return True


# Words that end an institution's name before its "of": "News Agency of Nigeria", "Ministry of
# Health", "University of Lagos"
INSTITUTION_WORDS = frozenset(
    "agency association university ministry bank council department institute federation union "
    "society office corporation commission service authority embassy college academy chamber "
    "board".split()
)


def _of_an_institution(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is the "of" of an institution's name, between a word such as
    "Agency" and a capitalised word ("News Agency of Nigeria"), not a phrase after a name."""
    return (
        words[i] == "of" and i + 1 < len(words) and words[i + 1][:1].isupper()
        and words[i - 1].casefold() in INSTITUTION_WORDS
    )


def strip_tail(name: str) -> str:
    """Drop a trailing date ("Jane Doe Monday, November 18", "Joshua Sokol May"), job title
    ("News reporter", "Gina Trapani CEO", "Sam Stein Senior Politics"), a button ("Jane Roe
    Follow"), a sentence ("Jane Roe is a staff writer") or a CJK job title ("山田太郎記者")."""
    name = CJK_ROLE_RE.sub("", name)
    words = name.split()
    while len(words) > 1 and WEEKDAY_RE.match(words[-1]):
        words.pop()
    while len(words) > 2 and MONTH_ONLY_RE.match(words[-1]):
        words.pop()
    # a role word after the first two words ends the name ("Jane Roe Senior Politics Editor"),
    # not an outlet's credit ("the Valley Gazette staff"); so does a button, a number or, after
    # a capitalised name, a lowercase word that is no particle ("Jane Roe is a staff writer")
    if words and words[0].casefold() not in ARTICLES:
        capitalised = words[0][0].isupper()
        for i in range(2, len(words)):
            word = words[i].casefold().strip(".,+|»›")  # "+Follow", "More »"
            if word in NAV_CUT_WORDS and any(
                w[0].islower() and w not in NAME_PARTICLES for w in words[1:i]
            ):
                return ""  # "Hinterlasse einen Kommentar": a button's sentence
            if (
                # a last "Staff" is a staff credit ("Daily Planet Staff"), not a job title
                (word in ROLE_WORDS and not (word == "staff" and i == len(words) - 1))
                or word.endswith(COMPOUND_ROLE_ENDINGS)
                or word in NAV_CUT_WORDS
                or any(c.isdigit() for c in word)
                or not any(c.isalpha() for c in word)
                or (  # not after a lowercase word: "Syrian defense ministries" is a phrase
                    capitalised and words[i][0].islower() and word not in NAME_PARTICLES
                    and all(w[0].isupper() or w in NAME_PARTICLES for w in words[1:i])
                    and not _of_an_institution(words, i)
                    and not (word.strip(".") in DOCTORATE_WORDS
                             and any(title_words(words[j : i + 1]) for j in range(i)))
                )
            ):
                words = words[:i]
                break
    while len(words) > 2 and (
        words[-1].casefold() in ROLE_TAIL or words[-1].casefold().replace(".", "") in DEGREES
    ):
        words.pop()  # "Jane Roe Senior", "Jane Roe Ph.D."
    # the first name again starts a sentence of a bio ("Jane Roe Jane covers labor"); a word in
    # capitals after a name in mixed case is a dateline's place ("Jane Roe MINNEAPOLIS")
    for i in range(2, len(words)):
        if words[i] == words[0] or (
            len(words[i]) >= 4 and words[i].isupper() and words[i].isalpha()
            and not any(w.isupper() for w in words[:i])
        ):
            words = words[:i]
            break
    return " ".join(words)
