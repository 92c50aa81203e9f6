"""Bylines -> people and credits: the rules of newscrawl.extract.bylines and the author part of
newscrawl.extract.fields, on small invented strings and pages."""

from __future__ import annotations

import json

import pytest
from test_extract import PARAGRAPHS, extract, page

from newscrawl.extract.article import extract_article
from newscrawl.extract.bylines import Part, read_byline
from newscrawl.extract.decode import load_html
from newscrawl.extract.fields import (
    byline_texts,
    links_to_site,
    original_source,
    release_source,
    split_byline,
)
from newscrawl.extract.text import drop_after_release_source

SITE = (["Valley Gazette"], "valleygazette", "valleygazette.example")


def people_and_credit(*raw: str) -> tuple[list[str], list[str]]:
    return split_byline(list(raw), *SITE)


# --------------------------------------------------------------------------- reading the text


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        # "Last, First" is turned round; two full names stay two
        ("Roe, Jane", ["Jane Roe"]),
        ("ROE, JANE M.", ["JANE M. ROE"]),
        ("Jane Roe, Sam Poe", ["Jane Roe", "Sam Poe"]),
        # an Oxford comma before "and"
        ("Jane Roe, Sam Poe, and Ann Lee", ["Jane Roe", "Sam Poe", "Ann Lee"]),
        # lead-ins for "by" in other languages, but not a particle of a name
        ("Ein Kommentar von Jane Roe", ["Jane Roe"]),
        ("Recueilli par Patrick ANGEVIN", ["Patrick ANGEVIN"]),
        ("Escrito por Jane Roe", ["Jane Roe"]),
        # "by" in Arabic ("by pen", "he/she wrote", "prepared by"), Persian ("writer:"), Hebrew
        ("بقلم أحمد سمير", ["أحمد سمير"]),
        ("كتب: أحمد سمير", ["أحمد سمير"]),
        ("كتبت سارة محمود", ["سارة محمود"]),
        ("إعداد: لينا ضاهر", ["لينا ضاهر"]),
        ("نویسنده: سپیده رحیمی", ["سپیده رحیمی"]),
        ("מאת יואב קדמי", ["יואב קדמי"]),
        # an Arabic weekday and date after the name ("Saturday 24 January 2026")
        ("إعداد: لينا ضاهر السبت ٢٤ كانون الثاني ٢٠٢٦ | ١٠:٣٠", ["لينا ضاهر"]),
        ("Ursula von der Leyen", ["Ursula von der Leyen"]),
        # a German job title joined to the outlet or a place by a hyphen, before or after the name
        ("Von FOCUS-Online-Experte Robin Roe", ["Robin Roe"]),
        ("dpa-Korrespondentin Jane Roe und Sam Poe", ["Jane Roe", "Sam Poe"]),
        ("Jane Roe, dpa-Korrespondentin", ["Jane Roe"]),
        ("Jane Roe – Korrespondentin in Wien", ["Jane Roe"]),
        ("Jane Roe | Senior reporter Sam Poe", ["Jane Roe", "Sam Poe"]),
        ("Hans-Peter Roe", ["Hans-Peter Roe"]),
        ("Posted by Jane Roe", ["Jane Roe"]),
        # an e-mail address, also written out against spam, is no name
        ("Jane Roe jane.roe@harbour.example", ["Jane Roe"]),
        ("Jane Roe jane[at]harbour.example", ["Jane Roe"]),
        ("janeroe at harbour.example", []),
        # a person "at" an outlet is not an address
        ("Jane Roe at Harbour.example", ["Jane Roe"]),
        ("By Jane Roe Publish date: Jan 24, 2026", ["Jane Roe"]),
        # job titles, buttons, sentences, numbers after a name
        ("Jane Roe Contributing Writer", ["Jane Roe"]),
        ("Jane Roe - Staff Writer", ["Jane Roe"]),
        ("Jane Roe, Washington Bureau Chief", ["Jane Roe"]),
        ("Jane Roe is a staff writer", ["Jane Roe"]),
        # a bio's sentence opening with the first name again; a dateline's place in capitals
        ("Jane Roe Jane covers labor for the Post.", ["Jane Roe"]),
        ("By Jane Roe MINNEAPOLIS", ["Jane Roe"]),
        ("By JANE ROE", ["JANE ROE"]),
        ("Jane Roe Follow @janeroe", ["Jane Roe"]),
        ("Madeline Roe Print this article", ["Madeline Roe"]),
        ("Written by Rachel Roe, MS, RD on November 14, 2026", ["Rachel Roe"]),
        # a name written twice; a name and an outlet run together with a full stop
        ("Kristen RoeKristen Roe", ["Kristen Roe"]),
        ("Finn Roe. Harbour International", ["Finn Roe", "Harbour International"]),
        ("Dr. Jane Roe", ["Dr. Jane Roe"]),
        # a German doctorate's subject after "Dr." is part of the title, not a name's end
        ("Dr. med. Jane Roe", ["Dr. med. Jane Roe"]),
        ("Ein Gastbeitrag von Dr. phil. Jane Roe", ["Dr. phil. Jane Roe"]),
        ("Von Prof. Dr. med. Jane Roe und Dr. rer. nat. Sam Poe",
         ["Prof. Dr. med. Jane Roe", "Dr. rer. nat. Sam Poe"]),
        # a generation after a comma belongs to the name; a credential does not
        ("By Luis Roe, Jr.", ["Luis Roe Jr."]),
        ("Sam Poe, III and Jane Roe, MD", ["Sam Poe III", "Jane Roe"]),
        # Spanish particles with an article ("de los", "de las") stay in the name
        ("Por Ana Roe y María de los Ángeles O’Poe", ["Ana Roe", "María de los Ángeles O’Poe"]),
        # CJK bylines: labels, full-width commas, job titles after the name
        ("著者：後藤大地", ["後藤大地"]),
        ("文/山田太郎", ["山田太郎"]),
        ("山田太郎記者", ["山田太郎"]),
        ("[田中宏昌，ITmedia]", ["田中宏昌", "ITmedia"]),
        # photo, editing and update credits name no writer
        ("By Jane Roe Photos by Sam Poe", ["Jane Roe"]),
        ("Words: Jane Roe Photos: Sam Poe", ["Jane Roe"]),
        ("Photo: Sam Poe", []),
        ("Jane Roe/Getty Images", []),
        ("写真：山田太郎", []),
        ("Reporting by Jane Roe; Editing by Sam Poe", ["Jane Roe"]),
        ("By Sam Poe Updated by Jane Roe", ["Sam Poe"]),
        ("Updated by Jane Roe", ["Jane Roe"]),
        # an interview's interviewee is no writer
        ("Interview with Dana Fox", []),
        # an as-told-to essay's writer
        ("As told to Jane Roe", ["Jane Roe"]),
        ("By Jane Roe | Interview with Dana Fox", ["Jane Roe"]),
        ("Text and photos by Jane Roe", ["Jane Roe"]),
        # an uppercase E or Y is an initial, a lowercase one is "and"
        ("Laura E Adkins", ["Laura E Adkins"]),
        ("Jane Roe e Sam Poe", ["Jane Roe", "Sam Poe"]),
        ("Margaret Roe +Follow", ["Margaret Roe"]),
        ("Jeremy Roe More", ["Jeremy Roe"]),
        # other labels are no names
        ("By Jane Roe | Topic: Hardware", ["Jane Roe"]),
        # author labels, "by" and "and" in other languages
        ("Текст: Анна Роева", ["Анна Роева"]),
        ("Автор: Иван Роев и Анна Роева", ["Иван Роев", "Анна Роева"]),
        ("Фото: Иван Роев", []),
        ("Testo: Mario Rossi", ["Mario Rossi"]),
        ("di Mario Rossi", ["Mario Rossi"]),
        ("A cura di Mario Rossi", ["Mario Rossi"]),
        ("Luigi Di Roe", ["Luigi Di Roe"]),
        ("Door Jan de Roe en Piet Poe", ["Jan de Roe", "Piet Poe"]),
        ("Av Jane Roe og Sam Poe", ["Jane Roe", "Sam Poe"]),
        # author labels in Latvian, Lithuanian, Icelandic and Finnish (tests/nordweb)
        ("Autors: Līga Roe", ["Līga Roe"]),
        ("Autorius: Rūta Roe", ["Rūta Roe"]),
        ("Höfundur: Jón Roe", ["Jón Roe"]),
        ("Toimittaja: Anna Roe", ["Anna Roe"]),
        # a picture credit's label run on after the writer's, in the Nordic languages, Finnish and
        # Dutch: "Text: A Foto: B" (tests/nordweb)
        ("Text: Sofia Roe Foto: Jimmy Poe", ["Sofia Roe"]),
        ("Teksti: Anna Roe Kuvat: Sam Poe", ["Anna Roe"]),
        ("Door Jan Roe Beeld: Piet Poe", ["Jan Roe"]),
        ("Kuva: Sam Poe", []),
        # "Alles von Jane Roe" is a link to her articles; "Hans von Roe" is a name
        ("Alles von Jane Roe", ["Jane Roe"]),
        ("Hans von Roe", ["Hans von Roe"]),
        # a publication date in other languages ends the name
        ("Jane Roe Veröffentlicht am 3. Mai 2026", ["Jane Roe"]),
        ("Jane Roe Publié le 3 mai 2026", ["Jane Roe"]),
        ("Jane Roe Pubblicato il 3 maggio 2026", ["Jane Roe"]),
        # ... and in the Nordic and Baltic languages (tests/nordweb)
        ("Sanna Roe ja Ville Poe Julkaistu 25.1.2026 klo 6.00", ["Sanna Roe", "Ville Poe"]),
        ("Karin Roe Publicerad 23 januari 2026 kl. 08.15", ["Karin Roe"]),
        ("Ola Roe Oppdatert 24.01.26 12:03", ["Ola Roe"]),
        ("Mette Roe Opdateret 24. jan. 2026", ["Mette Roe"]),
        ("Mari Roe Avaldatud 23.01.2026", ["Mari Roe"]),
        ("Tom Roe Laatste update: 15:03", ["Tom Roe"]),
        # a German day-first date run on after the byline, Austria's "Jänner" too
        ("APA, Reuters 24. Jänner 2026, 23:50", ["APA", "Reuters"]),
        ("Jane Roe aus Washington 3. März 2026", ["Jane Roe"]),
        # degrees after a name without a comma go; "Jr." is part of the name
        ("Jane Roe Ph.D.", ["Jane Roe"]),
        ("Jane Roe MD", ["Jane Roe"]),
        ("By Sam Poe Jr. and Jane Roe", ["Sam Poe Jr.", "Jane Roe"]),
        ("Martin Roe King Jr.", ["Martin Roe King Jr."]),
        # job titles in other languages, after a name or a comma
        ("Jane Roe Redakteurin Politik", ["Jane Roe"]),
        # ... in the Nordic and Baltic languages, also written as one word with the beat
        # (tests/nordweb)
        ("Henrik Roe Utenriksjournalist", ["Henrik Roe"]),
        ("Erik Roe Utrikesreporter", ["Erik Roe"]),
        ("Jussi Roe Ulkomaantoimittaja", ["Jussi Roe"]),
        ("Hanna Roe Yhdysvaltain-kirjeenvaihtaja", ["Hanna Roe"]),
        ("Mari Roe Ajakirjanik", ["Mari Roe"]),
        ("Līga Roe Žurnāliste", ["Līga Roe"]),
        # writers each with a job title after the name, parted by a comma: the second is a writer
        # too, no job title alone; a job title alone after a name stays none
        ("Henrik Roe Utenriksjournalist, Marte Poe Journalist", ["Henrik Roe", "Marte Poe"]),
        ("Jane Roe Reporter, Sam Poe Reporter", ["Jane Roe", "Sam Poe"]),
        ("Jane Roe, Senior Staff Reporter", ["Jane Roe"]),
        ("Jane Roe, Korrespondentin in Paris", ["Jane Roe"]),
        ("Marie Roe, journaliste", ["Marie Roe"]),
        ("Иван Роев, корреспондент", ["Иван Роев"]),
        ("Jane Roe, Correspondent in Paris", ["Jane Roe"]),
        # a name written twice before a sentence about the writer
        ("Phil Roe Phil Roe is a reporter", ["Phil Roe"]),
        # numeric dates, and what they leave behind ("On", "le")
        ("By Kashmira Roe On 11/13/19 at 4:00 PM EST", ["Kashmira Roe"]),
        ("Par Nicolas Roe C. le 14.09.2020 à 11h46", ["Nicolas Roe C."]),
        # a label without a colon; a German job; "by" alone
        ("Author Daniel Roe", ["Daniel Roe"]),
        ("Patryk Roe Experte für Kryptowährungen", ["Patryk Roe"]),
        ("Von", ["Von"]),
        # a button after a date: "Add to Pocket"
        ("By Sam Roe December 23, 2025 Add to Pocket", ["Sam Roe"]),
        # contributors and reviewers are no writers of the story
        ("By Jane Roe Contributing: Sam Poe, Ann Lee", ["Jane Roe"]),
        ("By Jane Roe. Additional reporting by Sam Poe and Ann Lee", ["Jane Roe"]),
        ("By Jane Roe with additional reporting by Sam Poe", ["Jane Roe"]),
        ("By Jane Roe | Medically reviewed by Dr. Sam Poe, MD", ["Jane Roe"]),
        # "writer" in Thai, Hindi, Indonesian and Vietnamese, with or without the colon
        # (tests/asiaweb)
        ("ผู้เขียน: ธนพล วงศ์สวัสดิ์", ["ธนพล วงศ์สวัสดิ์"]),
        ("ผู้เขียน ธนพล วงศ์สวัสดิ์", ["ธนพล วงศ์สวัสดิ์"]),
        ("लेखक: राहुल शर्मा", ["राहुल शर्मा"]),
        ("Penulis: Rina Kusuma", ["Rina Kusuma"]),
        ("Tác giả: Thanh Hà", ["Thanh Hà"]),
        # a theme's meta line: the byline, the date and the comment count (tests/afroweb)
        ("By Admin January 25, 2026 0", ["Admin"]),
        # a station's stamp after the byline, its weekday abbreviated (tests/localweb); a
        # surname "Sun" before a date without an ordinal day stays
        ("by WKRT Staff Mon, January 26th 2026, 11:30 PM EST", ["WKRT Staff"]),
        ("by Jane Roe Sun, January 25th 2026, 6:20 PM EST", ["Jane Roe"]),
        ("By Jane Sun, January 5, 2026", ["Jane Sun"]),
        ("By Jane Roe January 24, 2026 12", ["Jane Roe"]),
    ],
)
def test_read_byline_names(raw: str, names: list[str]) -> None:
    assert [p.name for p in read_byline(raw)] == names


@pytest.mark.parametrize(
    ("raw", "parts"),
    [
        # the one word after a comma: an outlet or a place (split_byline tells them apart)
        ("By Jane Roe, Bloomberg", [Part("Jane Roe"), Part("Bloomberg", True, True)]),
        ("By Jane Roe - Harbourpost", [Part("Jane Roe"), Part("Harbourpost", True)]),
        ("[田中宏昌，Harbour]", [Part("田中宏昌"), Part("Harbour", True)]),
        # an agency's or outlet's acronym before a job title is a credit; the title goes
        ("By JANE ROE, AP Auto Writer", [Part("JANE ROE"), Part("AP", True)]),
        ("Analysis by Jane Roe, CNN Editor-at-large", [Part("Jane Roe"), Part("CNN", True)]),
        ("Jane Roe, Staff Writer", [Part("Jane Roe")]),
        ("Jane Roe, Special to the Gazette", [Part("Jane Roe"), Part("the Gazette", True)]),
        ("Source: Reuters", [Part("Reuters", True)]),
        # the same label in the languages of tests/slavweb, trafilatura's byline without the colon
        ("Джерело: Укрінформ", [Part("Укрінформ", True)]),
        ("Джерело Укрінформ", [Part("Укрінформ", True)]),
        ("Źródło: PAP", [Part("PAP", True)]),
        ("Πηγή: ΑΠΕ-ΜΠΕ", [Part("ΑΠΕ-ΜΠΕ", True)]),
        ("스포츠조선=선수민 기자", [Part("스포츠조선", True), Part("선수민")]),
        # more one-word parts after the source are a place, not more sources
        ("Olympia Verlag GmbH, Nürnberg, Germany",
         [Part("Olympia Verlag GmbH"), Part("Nürnberg", True, True)]),
    ],
)
def test_read_byline_marks_the_sources(raw: str, parts: list[Part]) -> None:
    assert read_byline(raw) == parts


# --------------------------------------------------------------------------- people or not


@pytest.mark.parametrize(
    ("raw", "people", "credit"),
    [
        # a one-word wire service is a credit; a person of that name is not
        (["By Jane Roe, Bloomberg"], ["Jane Roe"], ["Bloomberg"]),
        # a one-word place between commas (a writer's, before the next writer: "Markus Roe,
        # London, Beat Poe" below; a publisher's town, before its country) is no credit; a
        # wire service before a place is
        (["Harbour-Verlag GmbH, Nürnberg, Germany"], [], ["Harbour-Verlag GmbH"]),
        (["By Jane Roe, AFP, Paris"], ["Jane Roe"], ["AFP"]),
        # where a writer works or filed from, after a comma: the outlet a credit, a place nobody
        (["Jane Roe, do UOL, em São Paulo"], ["Jane Roe"], ["UOL"]),
        (["Por Jane Roe e Sam Poe, da Redação"], ["Jane Roe", "Sam Poe"], ["Redação"]),
        (["Jane Roe, de Brasília"], ["Jane Roe"], []),
        (["Mario Rossi, a Roma"], ["Mario Rossi"], []),
        (["Jane Roe, en Madrid"], ["Jane Roe"], []),
        (["Jane Roe, in London"], ["Jane Roe"], []),
        (["Ana de Souza, Jane da Silva"], ["Ana de Souza", "Jane da Silva"], []),
        # the outlet's own address in lowercase is its credit, not a login
        (["Par valleygazette.example"], [], ["valleygazette.example"]),
        # the outlet a writer wrote for is a credit ("for", "For", "pour"), not part of a name
        (["By Jane Roe and Sam Poe For The Weekly Post"], ["Jane Roe", "Sam Poe"], ["The Weekly Post"]),
        (["Jean Roe pour Le Petit Journal"], ["Jean Roe"], ["Le Petit Journal"]),
        (["Juan Roe para EL HARBOUR"], ["Juan Roe"], ["EL HARBOUR"]),
        (["Mario Rossi per Il Porto"], ["Mario Rossi"], ["Il Porto"]),
        (["Juan Roe, especial para O Porto"], ["Juan Roe"], ["O Porto"]),
        (["Jane Roe Per Lindqvist"], ["Jane Roe Per Lindqvist"], []),  # (Per: a first name)
        (["The Harbour Post for Sailors"], [], ["The Harbour Post for Sailors"]),
        # agencies and desks in other languages
        (["Agenzia ANSA"], [], ["Agenzia ANSA"]),
        (["Redazione"], [], ["Redazione"]),
        (["Redactie Harbour"], [], ["Redactie Harbour"]),
        (["Редакция"], [], ["Редакция"]),
        (["Von Jane Roe, dpa"], ["Jane Roe"], ["dpa"]),
        (["redaktion"], [], ["redaktion"]),
        # the editorial team in Arabic, Persian and Hebrew, a Turkish news desk
        (["فريق التحرير"], [], ["فريق التحرير"]),
        (["هيئة التحرير"], [], ["هيئة التحرير"]),
        (["تحریریه"], [], ["تحریریه"]),
        (["מערכת ydnews"], [], ["מערכת ydnews"]),
        (["Haber Merkezi"], [], ["Haber Merkezi"]),
        # institutions in several languages end a name; CJK organisation endings
        (["Harbour Rotes Kreuz"], [], ["Harbour Rotes Kreuz"]),
        (["Bernhard Kreuz"], ["Bernhard Kreuz"], []),  # a surname, not the Red Cross
        (["Harbour Tennis Bund"], [], ["Harbour Tennis Bund"]),
        (["Coordenadoria de Harbour"], [], ["Coordenadoria de Harbour"]),
        (["ハーバー国際特許事務所"], [], ["ハーバー国際特許事務所"]),
        # one organisation led by an article, though "and" is in it; not with a person after it
        (["The Harbour and Valley ministries"], [], ["The Harbour and Valley ministries"]),
        (["The Associated Press and Jane Roe"], ["Jane Roe"], ["The Associated Press"]),
        # the outlet's name and a desk or edition is the outlet
        (["VALLEY GAZETTE aktiv"], [], ["VALLEY GAZETTE aktiv"]),
        (["المدينة نيوز"], [], ["المدينة نيوز"]),
        # an outlet glued to the last name is parted at its capital; "DeArdo" is one name
        (["Jane Roe and Sam PoeHarbour Journal"], ["Jane Roe", "Sam Poe"], ["Harbour Journal"]),
        (["Bryan DeRoe"], ["Bryan DeRoe"], []),
        # a second name with an outlet run on, too long for one name; an initial ends no name
        (["Lisa Roe and Trevor J. Poe Harbour Falls Argus Leader"],
         ["Lisa Roe", "Trevor J. Poe"], ["Harbour Falls Argus Leader"]),
        (["Jane Roe, Valley Courier"], ["Jane Roe"], ["Valley Courier"]),
        # placeholders, blog logins and labels are nobody
        # the outlet and job after a name; "Di" inside a name is a particle
        (["by Ikran Roe HarbourFeed UK News Fellow"], ["Ikran Roe"], ["HarbourFeed UK News"]),
        (["Mark Di Roe Harbour News Reporter"], ["Mark Di Roe"], ["Harbour News"]),
        (["No Author"], [], []),
        (["Von"], [], []),
        (["Wpadmin"], [], []),
        (["Jane Roe | Reading Time: 3 mins"], ["Jane Roe"], []),
        # one name with and without a middle initial is one person
        (["Jane M. Roe; Jane Roe"], ["Jane M. Roe"], []),
        (["Jane Roe; JANE ROE"], ["Jane Roe"], []),
        (["José Roe; Jose Roe"], ["José Roe"], []),
        (["Bloomberg"], [], ["Bloomberg"]),
        (["Michael Bloomberg"], ["Michael Bloomberg"], []),
        # an all-caps byline: a short surname is no acronym
        (["BY JIM ROE, LISA POE AND KENNETH P. VOGEL"], ["Jim Roe", "Lisa Poe", "Kenneth P. Vogel"], []),
        (["JANE ROE AFP"], ["Jane Roe"], ["AFP"]),
        # an outlet's name run on after a person's keeps its last word
        (["By Kelli Roe HarbourMD Health News"], ["Kelli Roe"], ["HarbourMD Health News"]),
        # a name led by an article is an organisation; a particle is not an article
        (["The Harbour Ministry"], [], ["The Harbour Ministry"]),
        (["Lisa de La Rosa"], ["Lisa de La Rosa"], []),
        (["Jane Roe, USA TODAY"], ["Jane Roe"], ["USA TODAY"]),
        (["Hanns-Roe-Stiftung e.V."], [], ["Hanns-Roe-Stiftung e.V"]),
        # licences, photo agencies, numbers, initials and phrases are nobody
        (["Creative Commons License"], [], []),
        (["CC BY"], [], []),
        (["Jane Roe Getty Images"], [], []),
        (["CC7567"], [], []),
        (["James Roe • 8h"], ["James Roe"], []),
        (["Bündnis 90"], [], []),
        (["V"], [], []),
        (["in Uncategorized"], [], []),
        (["selbst ist der Mann"], [], []),
        (["Hinterlasse einen Kommentar"], [], []),
        (["Linksc Creating Search Engine Api Message"], [], []),
        # a lowercase second word can be a name
        (["Cindy mangomini"], ["Cindy mangomini"], []),
        (["HARBOUR aktiv"], [], []),  # capitals beside lowercase: no name is written so
        (["Rachel Link"], ["Rachel Link"], []),
        (["作者"], [], []),
        # a phrase with a lowercase word is not cut into a name and a sentence
        (["The Harbour; Valley defense ministries"], [], ["The Harbour", "Valley defense ministries"]),
        # bylines in other languages: lead-ins, the newsroom's role, Cyrillic outlets
        (["Napisał Jan Roe"], ["Jan Roe"], []),
        (["Von unserem Korrespondenten Hans Roe"], ["Hans Roe"], []),
        (["Par notre envoyée spéciale Jeanne Roe"], ["Jeanne Roe"], []),
        (["By our correspondent Jane Roe"], ["Jane Roe"], []),
        (["Иван Роев, РИА Новости"], ["Иван Роев"], ["РИА Новости"]),
        (["ТАСС"], [], ["ТАСС"]),
        (["记者 王小明"], ["王小明"], []),
        (["本报记者 王小明"], ["王小明"], []),
        (["Mit Material von dpa"], [], ["dpa"]),
        # a bracket at the end is read as after a comma; "(avec ...)" names more writers
        (["Anna Roe (dpa)"], ["Anna Roe"], ["dpa"]),
        (["Anna Roe (dpa/AFP)"], ["Anna Roe"], ["dpa", "AFP"]),
        (["Jane Roe (Staff Writer)"], ["Jane Roe"], []),
        (["Jane Roe (Harbour Post)"], ["Jane Roe"], ["Harbour Post"]),
        (["Jean Roe (avec Sam Poe et Ann Lee)"], ["Jean Roe", "Sam Poe", "Ann Lee"], []),
        # labels of writers in other languages; "Stand:" is a date's
        (["Text und Fotos: Anna Roe"], ["Anna Roe"], []),
        (["Texte et photos : Jean Roe"], ["Jean Roe"], []),
        (["Gastbeitrag: Anna Roe"], ["Anna Roe"], []),
        (["Yazan: Ahmet Roe"], ["Ahmet Roe"], []),
        (["Stand: 12.03.2026 10:15 Uhr"], [], []),
        (["Door onze redacteur Jan de Roe"], ["Jan de Roe"], []),
        # a one-word credit after a full name, whatever parts them; academic titles
        (["Ahmet Roe - Harbourpost"], ["Ahmet Roe"], ["Harbourpost"]),
        (["Por María Roe / Madrid"], ["María Roe"], ["Madrid"]),
        (["Jane Roe, Professor of History, University of Harbour"], ["Jane Roe"], ["University of Harbour"]),
        (["red/Agenturen"], [], ["red", "Agenturen"]),
        # "and" in more languages; Danish "Af"
        (["Jan Kowalski i Anna Nowak"], ["Jan Kowalski", "Anna Nowak"], []),
        (["Ahmet Roe ve Ayşe Poe"], ["Ahmet Roe", "Ayşe Poe"], []),
        (["Roe János és Poe Anna"], ["Roe János", "Poe Anna"], []),
        (["Ion Roe și Maria Poe"], ["Ion Roe", "Maria Poe"], []),
        (["Af Lars Roe og Mette Poe"], ["Lars Roe", "Mette Poe"], []),
        # an organisation named by an acronym and a word of organisations is one credit;
        # a name and a desk ("Sam Poe News reporter", test_extract) stay apart
        (["Jane Roe, KFF Health News"], ["Jane Roe"], ["KFF Health News"]),
        # a job title after a dash and before the outlet is no credit
        (["By Jane Roe – Staff Writer, Harbour Post"], ["Jane Roe"], ["Harbour Post"]),
        # a job title before the name, and the outlet before it
        (["Senior reporter Jane Roe"], ["Jane Roe"], []),
        (["By Harbour Post correspondent Jane Roe"], ["Jane Roe"], ["Harbour Post"]),
        # two words and a newspaper's title are the paper's name ("Prairie State Examiner")
        (["Zach Roe / Prairie State Examiner"], ["Zach Roe"], ["Prairie State Examiner"]),
        (["Joe Roe Washington Post"], ["Joe Roe"], ["Washington Post"]),
        (["by Harbour Space Agency"], [], ["Harbour Space Agency"]),
        # ... but not before a job title: a writer and the paper (a <br> read as a space)
        (["By Ryan Roe Sentinel Staff Writer"], ["Ryan Roe"], ["Sentinel"]),
        # "agencies" and German papers' "Red." (the desk) as the whole credit
        (["Por Juan Roe y agencias"], ["Juan Roe"], ["agencias"]),
        (["Red. / APA"], [], ["Red", "APA"]),
        # a last "Staff" is the outlet's staff credit, whole; "Staff Writer" stays a job title
        (["Capitol Post Staff"], [], ["Capitol Post Staff"]),
        (["Bay Area Beacon staff"], [], ["Bay Area Beacon staff"]),
        (["Our Foreign Staff"], [], ["Our Foreign Staff"]),
        (["Harbour Horseman Editorial Staff"], [], ["Harbour Horseman Editorial Staff"]),
        (["Jane Roe Staff Writer"], ["Jane Roe"], []),
        (["Red Poe"], ["Red Poe"], []),
        # a place after an organisation ends the byline: the dateline's, nobody
        (["By Jane Roe, Harbour News, New York"], ["Jane Roe"], ["Harbour News"]),
        (["Jane Roe, Reuters, Washington"], ["Jane Roe"], ["Reuters"]),
        (["Markus Roe, London, Beat Poe"], ["Markus Roe", "Beat Poe"], []),  # (see above)
        # after names closed by "and", a last entry is their outlet, not another writer
        (["By Ana Roe and Cora Lee, Colorado Sun"], ["Ana Roe", "Cora Lee"], ["Colorado Sun"]),
        (["By Jane Roe, Sam Poe, Ann Lee"], ["Jane Roe", "Sam Poe", "Ann Lee"], []),
        # ... but after names closed by "and" in another language, the place they filed from
        (["Eine Reportage von Jane Roe und Sam Poe, San Francisco"], ["Jane Roe", "Sam Poe"], []),
        (["Por Ana Roe y Luis Poe, Madrid"], ["Ana Roe", "Luis Poe"], []),
        (["Par Jeanne Roe et Paul Poe, Le Monde"], ["Jeanne Roe", "Paul Poe"], ["Le Monde"]),
        (["Von Jane Roe und Sam Poe, dpa"], ["Jane Roe", "Sam Poe"], ["dpa"]),
        # an acronym of three or more capitals leading a desk's name; two are a first name
        (["By Jane Roe, CNN Business"], ["Jane Roe"], ["CNN Business"]),
        (["By AJ Roe"], ["AJ Roe"], []),
        (["JANE ROE"], ["Jane Roe"], []),
        # AP's capitals keep a "Mc" or "Mac" before a surname in capitals: a person, not a desk
        (["By DAVID McROE and SAM POE, Associated Press"], ["David McRoe", "Sam Poe"], ["Associated Press"]),
        (["By JANE MacROE"], ["Jane MacRoe"], []),
        (["By DAVID MACHADO"], ["David Machado"], []),
        # a generation without a comma ends the name, no acronym of an outlet
        (["Sam Poe III"], ["Sam Poe III"], []),
        (["By SAM POE IV, Associated Press"], ["Sam Poe IV"], ["Associated Press"]),
        # desks in the languages of South and Southeast Asia (tests/asiaweb): Urdu and Hindi
        # "web desk", Bengali "staff reporter", Thai "foreign news team", Indonesian "Tim Redaksi"
        (["ویب ڈیسک"], [], ["ویب ڈیسک"]),
        (["वेब डेस्क"], [], ["वेब डेस्क"]),
        (["নিজস্ব প্রতিবেদক"], [], ["নিজস্ব প্রতিবেদক"]),
        (["ทีมข่าวต่างประเทศ"], [], ["ทีมข่าวต่างประเทศ"]),
        (["Tim Redaksi"], [], ["Tim Redaksi"]),
        # the desk in Swedish, Norwegian, Estonian and Icelandic (tests/nordweb)
        (["Av Redaksjonen"], [], ["Redaksjonen"]),
        (["Redaktionen"], [], ["Redaktionen"]),
        (["Toimetus"], [], ["Toimetus"]),
        (["Fréttastofa RÚV"], [], ["Fréttastofa RÚV"]),
        # Denmark's agency, known by one word that reads as a surname (tests/nordweb)
        (["Af Ritzau"], [], ["Ritzau"]),
        (["Ritzau/AFP"], [], ["Ritzau", "AFP"]),
        # a national agency and the world agency it relays, one word with a dash; one agency's
        # service and a double surname stay one name
        (["STT–AFP"], [], ["STT", "AFP"]),
        (["FNB-Reuters"], [], ["FNB", "Reuters"]),
        (["dpa-AFX"], [], ["dpa-AFX"]),
        (["Jane Roe-Poe"], ["Jane Roe-Poe"], []),
        # "with" after a comma, and "with" in Dutch and the Scandinavian languages: the one the
        # story was written with, no person "Met Belga" (trafilatura's byline, title-cased)
        (["Redactie, met Belga"], [], ["Redactie", "Belga"]),
        (["Redactie; Met Belga"], [], ["Redactie", "Belga"]),
        (["Av Jane Roe med TT"], ["Jane Roe"], ["TT"]),
        (["Jane Roe, with AP"], ["Jane Roe"], ["AP"]),
        (["Jane Roe, with Sam Poe"], ["Jane Roe", "Sam Poe"], []),
        # a national news agency by its full name (tests/afroweb)
        (["Ghana News Agency"], [], ["Ghana News Agency"]),
        # the French desk, "Par la Rédaction" (tests/afroweb: the person "la Rédaction")
        (["Par la Rédaction"], [], ["la Rédaction"]),
        (["Rédaction"], [], ["Rédaction"]),
        # Nigerian papers' "From" bylines: the writer and the place, or the newsroom's own
        # correspondent (tests/afroweb: "From Musa Ibrahim" was a person, and "Kaduna")
        (["From Musa Ibrahim, Kano"], ["Musa Ibrahim"], []),
        (["By Sodiq Omolaoye, Abuja"], ["Sodiq Omolaoye"], []),
        # an outlet by one word after a comma: a wire service, a brand's capitals, an acronym
        (["By Nina Park and Rob Chen, OpenLedger"], ["Nina Park", "Rob Chen"], ["OpenLedger"]),
        (["By Jane Roe, ProPublica"], ["Jane Roe"], ["ProPublica"]),
        (["By Jane Roe, CNN"], ["Jane Roe"], ["CNN"]),
        (["By Jane Roe, McAllen"], ["Jane Roe"], []),
        (["From Our Correspondent, Kaduna"], [], ["Our Correspondent"]),
        (["By our correspondent, Jane Roe"], ["Jane Roe"], []),
        # an institution's name runs on through its "of" (tests/afroweb: "News Agency" was left)
        (["By News Agency of Nigeria"], [], ["News Agency of Nigeria"]),
        (["By Jane Roe, University of Lagos"], ["Jane Roe"], ["University of Lagos"]),
        (["By Jane Roe of Reuters"], ["Jane Roe"], []),
        (["By Jane Roe, Middle East News Agency"], ["Jane Roe"], ["Middle East News Agency"]),
        # a press release a paper runs, credited to the wire that sent it (tests/syndweb)
        (["Press release from NewsRelease Wire"], [], ["NewsRelease Wire"]),
        (["A news release from Business Wire"], [], ["Business Wire"]),
    ],
)
def test_people_and_credit(raw: list[str], people: list[str], credit: list[str]) -> None:
    assert people_and_credit(*raw) == (people, credit)


def test_a_writer_and_the_outlets_name_cut_short_are_not_one_paper() -> None:
    # "Ryan Roe Sentinel" on the Valley Sentinel's page: its writer and the paper, where two
    # words and a newspaper's title are otherwise one paper's name ("Pine Bluff Gazette")
    assert split_byline(["By Ryan Roe Sentinel"], ["Valley Sentinel"], "valleysentinel") == (
        ["Ryan Roe"], ["Sentinel"])
    assert split_byline(["By Pine Bluff Gazette"], [], "harbourpost") == ([], ["Pine Bluff Gazette"])


def test_the_outlets_name_with_an_ampersand_is_the_outlet_not_two_people() -> None:
    assert split_byline(["Jobs & Harbour"], ["Jobs & Harbour"], "jobsnharbour") == (
        [], ["Jobs & Harbour"]
    )


def test_an_outlet_with_the_agency_it_wrote_with_is_two_credits() -> None:
    # "Le Monde avec AFP": the outlet's own desk and the wire, not one organisation
    assert split_byline(["Le Quotidien avec AFP"], ["Le Quotidien"]) == ([], ["Le Quotidien", "AFP"])
    assert split_byline(["The Post with agencies"]) == ([], ["The Post", "agencies"])
    # also where the JSON-LD calls the whole an Organization (an author's name "Le Figaro avec AFP")
    assert split_byline(["Le Quotidien avec AFP"], ["Le Quotidien"], orgs=["Le Quotidien avec AFP"]) == (
        [], ["Le Quotidien", "AFP"])
    # also when the outlet's name reads as a person's ("Jeune Continent avec AFP" on a site whose
    # name is written "JeuneContinent.com"); a writer with the agency stays a person
    assert split_byline(["Jeune Continent avec AFP"], ["JeuneContinent.com"]) == (
        [], ["Jeune Continent", "AFP"])
    assert split_byline(["Jane Roe avec AFP"], ["JeuneContinent.com"]) == (["Jane Roe"], ["AFP"])
    # one organisation led by an article stays whole
    assert split_byline(["The Russian and Syrian defense ministries"]) == (
        [], ["The Russian and Syrian defense ministries"]
    )


# --------------------------------------------------------------------------- which byline


def test_a_related_storys_byline_is_not_the_articles() -> None:
    related = (
        '<aside class="related"><ul><li><a href="/news/other-story"><h2>Other story</h2></a>'
        '<span class="byline">Par Sam Poe</span></li></ul></aside>'
    )
    byline = '<span itemprop="author">Jane Roe</span>'
    assert extract(page(byline=related + byline)).authors == ["Jane Roe"]


def test_a_teasers_byline_is_not_the_articles_even_without_a_telling_class() -> None:
    teaser = (
        '<div><a href="/news/other-story"><h3>Other story</h3></a>'
        '<p class="byline">By Sam Poe</p></div>'
    )
    extra = '<div class="byline">By Jane Roe</div>'
    html = page(extra_body=teaser).replace("<main><article>", f"<main>{teaser}<article>", 1)
    html = html.replace("</h1>", f"</h1>{extra}", 1)
    assert extract(html).authors == ["Jane Roe"]


def test_script_links_do_not_make_a_block_a_teaser() -> None:
    byline = (
        '<div><h3><a href="javascript:void(0)">Share</a></h3>'
        '<span class="byline">By Jane Roe</span></div>'
    )
    assert extract(page(byline=byline)).authors == ["Jane Roe"]


def test_a_menu_of_columnists_cut_into_columns_is_no_byline() -> None:
    names = [["Ann Lee", "Bob Ray"], ["Cy Moe", "Di Fox"], ["Ed Kay", "Flo Bay"]]
    cols = "".join(
        "<li><ul>" + "".join(
            f'<li><a href="/author/{n.lower().replace(" ", "-")}/">{n}</a></li>' for n in col
        ) + "</ul></li>"
        for col in names
    )
    html = page().replace("<main>", f'<main><div class="c-top"><ul>{cols}</ul></div>', 1)
    html = html.replace("</h1>", '</h1><p><a href="/author/jane-roe">Jane Roe</a></p>', 1)
    assert extract(html).authors == ["Jane Roe"]


def test_a_list_of_columnists_is_passed_over_for_the_byline_after_it() -> None:
    columnists = "".join(
        f'<li><a href="/author/writer-{i}/">Writer Number{i}</a></li>' for i in "abcdef"
    )
    html = page().replace("<main>", f"<main><div><ul>{columnists}</ul></div>", 1)
    html = html.replace("</h1>", '</h1><p><a href="/author/jane-roe">Jane Roe</a></p>', 1)
    assert extract(html).authors == ["Jane Roe"]


def test_a_byline_written_in_the_text_after_the_headline() -> None:
    art = extract(page(byline="<p>Written by Jane Roe and Sam Poe</p>"))
    assert art.authors == ["Jane Roe", "Sam Poe"]


def test_a_from_byline_with_its_place_written_after_the_headline() -> None:
    # a Nigerian daily's "From Musa Ibrahim, Kano" (tests/afroweb); a line "From ..." that is a
    # sentence names nobody
    assert extract(page(byline="<p><strong>From Jane Roe, Kano</strong></p>")).authors == ["Jane Roe"]
    sentence = "<p>From Monday, the Lagos Ferry Service will run every hour.</p>"
    assert extract(page(byline=sentence)).authors == []


def test_an_arabic_byline_written_after_the_headline() -> None:
    # a Lebanese daily's theme: "إعداد: A" (prepared by) and the date in one meta line
    byline = ('<div class="post-meta"><span class="meta-author">إعداد: لينا ضاهر</span>'
              '<span class="date">السبت ٢٤ كانون الثاني ٢٠٢٦ | ١٠:٣٠</span></div>')
    art = extract(page(byline=byline))
    assert art.authors == ["لينا ضاهر"]


def test_a_name_the_markup_gave_as_an_organisations_place_is_no_author_later() -> None:
    head = '<meta name="author" content="Harbour Verlag GmbH, Nürnberg, Germany">'
    art = extract(page(head, byline='<div class="byline">Nürnberg</div>'))
    # (the town between commas is no credit either)
    assert art.authors == [] and art.credit == ["Harbour Verlag GmbH"]


def test_a_person_named_like_a_personal_site_is_its_author() -> None:
    ld = {
        "@type": "BlogPosting",
        "headline": "Harbour bridge reopens after repairs",
        "author": {"@type": "Person", "name": "Jane Roe"},
    }
    art = extract(page(jsonld=ld), "https://janeroe.example/posts/bridge")
    assert art.authors == ["Jane Roe"]
    # also when the site calls itself an Organization too, as personal sites' generators do
    ld["publisher"] = {"@type": "Organization", "name": "Jane Roe"}
    art = extract(page(jsonld=ld), "https://janeroe.example/posts/bridge")
    assert art.authors == ["Jane Roe"]
    # an outlet publishing under its own name typed as a Person is still the outlet
    for outlet in ("Harbour LIVE", "HarbourLive", "Harbour Times"):
        ld["author"] = {"@type": "Person", "name": outlet}
        ld["publisher"] = {"@type": "Organization", "name": outlet}
        art = extract(page(jsonld=ld), "https://harbourlive.example/posts/bridge")
        assert art.authors == [] and art.credit == [outlet], outlet


def test_a_person_named_after_the_site_is_no_author_in_trafilaturas_byline_either() -> None:
    # a magazine's JSON-LD names its own title as the Person; trafilatura reads the same JSON-LD
    # and gives the name title-cased, which must not bring it back as a person
    ld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": "Harbour bridge reopens after repairs",
        "author": {"@type": "Person", "name": "harbour is our home"},
        "publisher": {"@type": "Organization", "name": "Harbour"},
    }
    art = extract(page(jsonld=ld), "https://www.harbour.example/bridge-39572.html")
    assert art.authors == [] and art.credit == ["harbour is our home"]  # the outlet's credit
    # a person whose name is written with an initial is still taken from trafilatura's byline
    ld["author"] = {"@type": "Person", "name": "John C. Roe"}
    art = extract(page(jsonld=ld), "https://www.harbour.example/bridge-39572.html")
    assert art.authors == ["John C. Roe"]


def test_a_json_ld_organisations_name_with_a_comma_is_one_credit() -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "Harbour bridge reopens after repairs",
        "author": {"@type": "Organization", "name": "Harbour Medizin, Ärzte Zeitung"},
    }
    art = extract(page(jsonld=ld, byline='<p class="byline">Von Jane Roe</p>'))
    assert art.authors == ["Jane Roe"] and art.credit == ["Harbour Medizin, Ärzte Zeitung"]


def test_a_person_who_is_also_the_sites_publisher_is_its_author() -> None:
    # a personal site's graph: the author is a reference to a node typed Person and
    # Organization, which also publishes the page
    person = {"@type": ["Person", "Organization"], "@id": "https://janeroe.example/#/person/1",
              "name": "Jane Roe"}
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            person,
            {"@type": "Article", "headline": "Harbour bridge reopens after repairs",
             "author": {"name": "Jane Roe", "@id": person["@id"]},
             "publisher": {"@id": person["@id"]}},
        ],
    }
    art = extract(page(jsonld=ld), "https://janeroe.example/posts/bridge")
    assert art.authors == ["Jane Roe"]


def test_the_shown_byline_completes_the_markups_authors() -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "Harbour bridge reopens after repairs",
        "author": {"@type": "Person", "name": "Jane Roe"},
    }
    both = '<div class="byline">By Jane Roe and Sam Poe</div>'
    assert extract(page(byline=both, jsonld=ld)).authors == ["Jane Roe", "Sam Poe"]
    # a comma may part the reporter from her outlet: the markup's people stand
    outlet = '<div class="byline">Jane Roe, Harbour Insider</div>'
    assert extract(page(byline=outlet, jsonld=ld)).authors == ["Jane Roe"]
    # two or more names besides the markup's are a list of people
    three = '<div class="byline">By Jane Roe, Sam Poe, Ann Lee</div>'
    assert extract(page(byline=three, jsonld=ld)).authors == ["Jane Roe", "Sam Poe", "Ann Lee"]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("<p>Author: Jane Roe</p>", ["Jane Roe"]),
        ("<p>文：山田太郎</p>", ["山田太郎"]),
        ("<p>di Mario Roe</p>", ["Mario Roe"]),
        ("<p>Автор: Иван Роев</p>", ["Иван Роев"]),
        ("<p>Text und Fotos: Anna Roe</p>", ["Anna Roe"]),
        ("<p>Napisał Jan Roe</p>", ["Jan Roe"]),
        ("<p>Yazan: Ahmet Roe</p>", ["Ahmet Roe"]),
    ],
)
def test_a_labelled_byline_after_the_headline(line: str, authors: list[str]) -> None:
    assert extract(page(byline=line)).authors == authors


@pytest.mark.parametrize(
    "element",
    [
        '<div id="byline">[田中宏昌，Harbour]</div>',
        '<span class="cmsAuthor">[田中宏昌，Harbour]</span>',
    ],
)
def test_a_byline_by_its_id_or_a_capitalised_class(element: str) -> None:
    art = extract(page(byline=element, lang="ja"))
    assert art.authors == ["田中宏昌"] and art.credit == ["Harbour"]


def test_an_author_element_with_several_itemprops_is_a_byline() -> None:
    byline = '<p><span itemprop="author creator">Текст: Анна Роева</span> · 24 сентября</p>'
    assert extract(page(byline=byline, lang="ru")).authors == ["Анна Роева"]


def test_a_last_letter_set_apart_for_spacing_stays_in_the_name() -> None:
    byline = '<div class="byline">By Molly Ro<span class="last-letter-spacing">e</span></div>'
    assert extract(page(byline=byline)).authors == ["Molly Roe"]


def test_trafilaturas_byline_keeps_the_initials_the_page_writes() -> None:
    # no byline markup: trafilatura's byline search finds the name and drops the full stops
    art = extract(page(byline='<p class="author-info"><span class="author">T.C. Roe</span></p>'))
    assert art.authors == ["T.C. Roe"]


def test_links_to_reporter_and_columnist_pages_name_the_authors() -> None:
    byline = ('<p><a href="/reporters/jane-roe">Jane Roe</a> and '
              '<a href="/columnists/sam-poe/">Sam Poe</a></p>')
    assert extract(page(byline=byline)).authors == ["Jane Roe", "Sam Poe"]


def test_a_link_to_an_author_page_by_number_and_name_names_the_author() -> None:
    # an old ASP.NET site's date line: the writer's page is "/Author/<number>/<name>.aspx"
    byline = ('<div class="date"><span><a href="/Author/1720/Jane-Roe.aspx">Jane Roe</a></span> , '
              '<span>Sunday 25 Jan 2026</span></div>')
    assert extract(page(byline=byline)).authors == ["Jane Roe"]


def test_the_shown_byline_completes_the_author_links() -> None:
    # one of two reporters has an author page: the byline element names both
    byline = ('<div class="byline"><span class="byline-name">By Stella Roe and '
              '<a href="/author/jennifer-poe">Jennifer Poe</a></span></div>')
    assert extract(page(byline=byline)).authors == ["Stella Roe", "Jennifer Poe"]
    # a byline element naming only the linked reporter changes nothing
    byline = '<div class="byline">By <a href="/author/jennifer-poe">Jennifer Poe</a></div>'
    assert extract(page(byline=byline)).authors == ["Jennifer Poe"]


@pytest.mark.parametrize("name", ["author", "article:author", "parsely-author", "dc.creator"])
def test_a_meta_tag_written_once_per_author_names_them_all(name: str) -> None:
    attr = "property" if ":" in name else "name"
    head = (f'<meta {attr}="{name}" content="Jane Roe"><meta {attr}="{name}" content="Sam Poe">'
            f'<meta {attr}="{name}" content="Jane Roe">')
    assert extract(page(head)).authors == ["Jane Roe", "Sam Poe"]


def test_a_profile_address_before_the_name_in_repeated_author_tags_is_passed_over() -> None:
    head = ('<meta property="article:author" content="https://www.facebook.com/janeroe">'
            '<meta property="article:author" content="Jane Roe">')
    assert extract(page(head)).authors == ["Jane Roe"]


@pytest.mark.parametrize("byline", [
    '<p>By <span itemprop="author">Jane Roe</span> and <span itemprop="author">Sam Poe</span></p>',
    '<ul><li class="vcard" itemprop="author">Jane Roe <em>Researcher</em></li>'
    '<li class="vcard" itemprop="author">Sam Poe <em>Professor</em></li></ul>',
])
def test_one_byline_marked_once_per_author_names_them_all(byline: str) -> None:
    assert extract(page(byline=byline)).authors == ["Jane Roe", "Sam Poe"]


def test_bem_author_elements_are_bylines_and_their_roles_no_names() -> None:
    # a Finnish broadcaster's authors (tests/nordweb): BEM classes, one block per writer, the
    # name and the job title in spans without a space between them
    block = ('<div class="yle__article__author"><span class="yle__article__author__name">{}</span>'
             '<span class="yle__article__author__title">{}</span></div>')
    byline = ('<div class="yle__article__authors">' + block.format("Jussi Roe", "Ulkomaantoimittaja")
              + block.format("Hanna Poe", "Yhdysvaltain-kirjeenvaihtaja") + "</div>")
    assert extract(page(byline=byline)).authors == ["Jussi Roe", "Hanna Poe"]
    # an author block's name element alone
    assert extract(page(byline='<p class="c-author__name">Jane Roe</p>')).authors == ["Jane Roe"]


def test_bylines_of_several_stories_on_one_page_are_not_one_byline() -> None:
    # a weekly edition: each story's byline, the story's text between them
    story = ("<p>The harbour board met again on Monday to discuss the bridge and the new ferry "
             "timetable for the summer season.</p>")
    byline = (f'<div class="byline">By Jane Roe</div>{story}'
              f'<div class="byline">By Sam Poe</div>{story}')
    assert extract(page(byline=byline)).authors == ["Jane Roe"]


def test_the_shown_byline_gives_the_credit_the_markup_lacks() -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "Harbour bridge reopens after repairs",
        "author": {"@type": "Person", "name": "Jane Roe"},
    }
    wire = '<div class="byline">By <a href="/people/jane-roe/">Jane Roe</a>, Associated Press</div>'
    art = extract(page(byline=wire, jsonld=ld))
    assert art.authors == ["Jane Roe"] and art.credit == ["Associated Press"]
    # a byline naming someone else is another story's: its credit is not taken
    other = '<div class="byline">By Sam Poe, Associated Press</div>'
    assert extract(page(byline=other, jsonld=ld)).credit == []


def test_the_one_name_a_byline_adds_after_the_markups_people_is_the_outlet() -> None:
    """A partner's or a republisher's copy: "By Maria Lopez, Statehouse Matters" beside a JSON-LD
    author of Maria Lopez alone; the outlet, named like a person, is the credit (after a comma, a
    bar or a bullet), not another author."""
    ld = {
        "@type": "NewsArticle",
        "headline": "Harbour bridge reopens after repairs",
        "author": {"@type": "Person", "name": "Maria Lopez"},
    }
    for shown in ("By Maria Lopez, Statehouse Matters", "Maria Lopez | Statehouse Matters",
                  "By Maria Lopez • Statehouse Matters"):
        art = extract(page(byline=f'<div class="byline">{shown}</div>', jsonld=ld))
        assert (art.authors, art.credit) == (["Maria Lopez"], ["Statehouse Matters"]), shown
    # two names more are the people (the markup named one of them); one more linked to its own
    # author page is an author too
    art = extract(page(byline='<div class="byline">By Maria Lopez, Sam Poe and Ann Lee</div>', jsonld=ld))
    assert art.credit == []
    linked = ('<div class="byline"><a href="/author/maria/">Maria Lopez</a>, '
              '<a href="/author/sam/">Sam Poe</a></div>')
    art = extract(page(byline=linked, jsonld=ld | {"author": {"@type": "Person", "name": "Maria Lopez",
                                                              "url": "/author/maria/"}}))
    assert art.credit == []


def test_a_byline_line_in_an_element_whose_class_ends_in_author_is_read() -> None:
    """A portal's byline line "Story by A • Reuters" in a ``caas-attr-item-author`` div (a class
    token ending in "-author") gives its credit, and so does a full name before a bar or a bullet
    ("Jane Roe | The Riverside Times", tests/syndweb); such an element that opens neither way, or
    is longer than a byline line, is none."""
    ld = {
        "@type": "NewsArticle",
        "headline": "Harbour bridge reopens after repairs",
        "author": {"@type": "Person", "name": "Anna Kovacs"},
    }
    line = '<div class="caas-attr-item-author">Story by Anna Kovacs • Reuters</div>'
    assert extract(page(byline=line, jsonld=ld)).credit == ["Reuters"]
    line = '<div class="caas-attr-item-author">Anna Kovacs | The Riverside Times</div>'
    assert extract(page(byline=line, jsonld=ld)).credit == ["The Riverside Times"]
    for other in ('<div class="blog-author">About the author: Anna Kovacs • Reuters</div>',
                  '<div class="blog-author">By Anna Kovacs, Senior Staff Technologist, Harbour Speech, '
                  'Privacy, and Technology Project April 5, 2018</div>'):
        assert extract(page(byline=other, jsonld=ld)).credit == [], other


def test_author_links_in_a_heading_complete_the_markups_one_author() -> None:
    # Ghost's Casper theme: JSON-LD names the primary author, the byline heading links both
    ld = {
        "@type": "Article",
        "headline": "Harbour bridge reopens after repairs",
        "author": {"@type": "Person", "name": "Jane Roe", "url": "/author/jane/"},
    }
    byline = ('<div class="article-byline"><h4 class="author-name"><a href="/author/jane/">Jane Roe</a>, '
              '<a href="/author/sam/">Sam Poe</a></h4><time datetime="2026-01-23">Jan 23, 2026</time></div>')
    assert extract(page(byline=byline, jsonld=ld)).authors == ["Jane Roe", "Sam Poe"]


def test_a_time_zone_after_a_bylines_time_is_no_credit() -> None:
    assert read_byline("by Jane Roe 19 Nov 2019 05:44 GMT") == [Part("Jane Roe")]
    assert read_byline("Jane Roe 9:30 a.m. EST") == [Part("Jane Roe")]
    assert read_byline("Jane Roe 10:30 and Sam Poe") == [Part("Jane Roe"), Part("Sam Poe")]


def test_the_place_before_a_bar_separated_bylines_date_stamp_is_no_writer() -> None:
    # the dateline of Indian outlets: "Written by ... | City | Updated: ... IST"
    raw = "Written by Jane Roe and Sam Poe | New Delhi | Updated: January 23, 2026 00:20 IST"
    assert read_byline(raw) == [Part("Jane Roe"), Part("Sam Poe")]
    assert read_byline("By: PTI | Washington | January 24, 2026 23:55 IST") == [Part("PTI")]
    # without the stamp, the parts are read as before
    assert read_byline("By Jane Roe | Sam Poe") == [Part("Jane Roe"), Part("Sam Poe")]


def test_a_byline_after_the_one_h2_of_a_page_without_h1() -> None:
    html = ("<html><head><title>Pine Sentinel - Harbour bridge reopens after repairs</title></head>"
            "<body><table><tr><td><h2>Harbour bridge reopens after repairs</h2>"
            "<p><b>By Walt Roe</b><br><i>Posted January 21, 2026 at 10:45 p.m.</i></p>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</td></tr></table></body></html>")
    art = extract(html)
    assert art.authors == ["Walt Roe"]
    assert art.title == "Harbour bridge reopens after repairs"


def test_a_wire_story_posted_under_the_agencys_account_names_its_reporter() -> None:
    # WordPress: the post's user is the agency; the story's first line is AP's own byline
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
          "author": {"@type": "Person", "name": "Associated Press"}}
    byline = ('<div class="entry-meta"><span class="byline"> by <span class="author vcard">'
              '<a href="/author/associated-press/">Associated Press</a></span></span></div>'
              "<p>By JANE ROE Associated Press</p>")
    art = extract(page(byline=byline, jsonld=ld))
    assert art.authors == ["Jane Roe"] and art.credit == ["Associated Press"]


def test_a_json_ld_persons_name_written_in_lowercase_is_a_person() -> None:
    jsonld = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
              "author": {"@type": "Person", "name": "jane roe"}}
    assert extract(page(jsonld=jsonld)).authors == ["jane roe"]
    # not when it is only a phrase in a byline
    assert people_and_credit("in uncategorized") == ([], [])


def test_the_place_of_a_japanese_dateline_is_no_name() -> None:
    # "Place＝Reporter": where each reporter filed from, before the name
    two = "ワシントン＝山田太郎 サンフランシスコ＝佐藤花子"
    assert read_byline(two) == [Part("山田太郎"), Part("佐藤花子")]
    assert read_byline("ロンドン＝鈴木一郎、佐藤花子") == [Part("鈴木一郎"), Part("佐藤花子")]
    # a Korean byline's ASCII "Agency=Reporter" is read as before
    assert read_byline("스포츠조선=선수민 기자") == [Part("스포츠조선", True), Part("선수민")]


def test_a_korean_storys_first_line_names_its_agency_and_reporter() -> None:
    # the byline markup names the agency only; "(place=agency) reporter title =" opens the story
    first = "(워싱턴=연합뉴스) 박지훈 특파원 = 미국 정보기술(IT) 업계 노동자들이 집회를 열었다."
    html = page(lang="ko", byline='<li class="byline">연합뉴스</li>', paragraphs=[first, *PARAGRAPHS])
    art = extract(html)
    assert (art.authors, art.credit) == (["박지훈"], ["연합뉴스"])
    two = "[서울=뉴시스] 김철수·이영희 기자 = 서울시가 발표했다."
    art = extract(page(lang="ko", paragraphs=[two, *PARAGRAPHS]))
    assert (art.authors, art.credit) == (["김철수", "이영희"], ["뉴시스"])


def test_an_author_link_after_edited_by_is_no_author() -> None:
    byline = (
        '<div class="editor">Reported by <a href="/profile/author/jane-roe/">Jane Roe</a>, '
        'Edited by <a href="/profile/author/sam-poe/">Sam Poe</a> | Updated: January 27, 2026</div>'
    )
    assert extract(page(byline=byline)).authors == ["Jane Roe"]
    photos = 'By <a href="/author/jane-roe/">Jane Roe</a>. Photos: <a href="/author/ann-lee/">Ann Lee</a>'
    assert extract(page(byline=f"<p>{photos}</p>")).authors == ["Jane Roe"]


def test_a_japanese_storys_first_line_names_its_reporter() -> None:
    first = "【ニューヨーク＝中村健】米データ分析大手パランティアの株主総会で抗議の声が上がった。"
    assert extract(page(lang="ja", paragraphs=[first, *PARAGRAPHS])).authors == ["中村健"]
    wire = "【ワシントン共同】米国で抗議活動が広がった。"  # an agency's: no reporter
    assert extract(page(lang="ja", paragraphs=[wire, *PARAGRAPHS])).authors == []


def test_the_sites_name_in_a_meta_tag_gives_way_to_the_shown_byline() -> None:
    # a guest column posted by the desk's account: the generic meta tag names the outlet, whose
    # name reads as a person's; the byline shows the writer
    head = '<meta property="og:site_name" content="Civic Ledger"><meta name="author" content="Civic Ledger">'
    byline = '<span class="byline">By Nadia Roe-Sánchez | Guest columnist</span>'
    art = extract(page(head, byline=byline), url="http://127.0.0.1:8000/opinion/guest-column/")
    assert (art.authors, art.credit) == (["Nadia Roe-Sánchez"], ["Civic Ledger"])
    # a shown byline of organisations only makes the site's name a credit too
    board = '<span class="byline">By The Civic Ledger Editorial Board</span>'
    art = extract(page(head, byline=board), url="http://127.0.0.1:8000/opinion/editorial/")
    assert art.authors == [] and "Civic Ledger" in art.credit
    # with no byline shown, the site's name stays the author (a personal site named after its owner)
    art = extract(page(head), url="http://127.0.0.1:8000/opinion/guest-column/")
    assert art.authors == ["Civic Ledger"]


def test_a_byline_opening_the_storys_text_past_a_long_header_is_read() -> None:
    # the byline element names the blog's login; share buttons and a date fill the header
    header = '<div class="author-name">By admin</div><div class="share">' + "".join(
        f'<a href="/share/{i}"><span>Share {i}</span></a>' for i in range(10)
    ) + "</div>"
    art = extract(page(byline=header, paragraphs=["<strong>By Brendan Ó Roe</strong>", *PARAGRAPHS]))
    assert art.authors == ["Brendan Ó Roe"]
    # only the first paragraph, and only a byline: "By the time ..." names nobody
    sentence = "By the time the bridge reopened, rain fell."
    assert extract(page(byline=header, paragraphs=[sentence, *PARAGRAPHS])).authors == []
    later = [PARAGRAPHS[0], "<strong>By Brendan Ó Roe</strong>", *PARAGRAPHS[1:]]
    assert extract(page(byline=header, paragraphs=later)).authors == []
    # the newsroom's own correspondent, a desk credit (tests/afroweb: a Lagos daily)
    first = "<strong>From Our Correspondent, Kaduna</strong>"
    desk = extract(page(byline=header, paragraphs=[first, *PARAGRAPHS]))
    assert (desk.authors, desk.credit) == ([], ["Our Correspondent"])


def test_a_name_in_capitals_is_spelled_as_the_page_shows_it() -> None:
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
          "author": {"@type": "Person", "name": "DEREK MCROE-DIAZ"}}
    shown = '<p class="dateline">By Derek McRoe-Diaz</p>'
    assert extract(page(jsonld=ld, byline=shown)).authors == ["Derek McRoe-Diaz"]
    # shown in capitals only: title-cased
    assert extract(page(jsonld=ld)).authors == ["Derek Mcroe-Diaz"]


def test_a_byline_in_capitals_with_a_small_mc_is_title_cased() -> None:
    # "McROE" keeps its small "c" in a byline otherwise in capitals: no mixed-case spelling
    shown = (
        '<p class="byline">By <a href="/staff/jane-doe">JANE DOE</a> and '
        '<a href="/staff/ethan-mcroe">ETHAN McROE</a></p>'
    )
    assert extract(page(byline=shown)).authors == ["Jane Doe", "Ethan McRoe"]


def test_names_in_elements_side_by_side_are_several_people() -> None:
    # the comma between the authors is drawn by the page's style, not written
    spans = (
        '<div class="byline"><span class="author">Wanji Roe</span><span class="author">Osk Poe</span></div>'
    )
    assert extract(page(byline=spans)).authors == ["Wanji Roe", "Osk Poe"]
    links = (
        '<div class="story-byline"><a href="/people/wr">Wanji Roe</a><a href="/people/op">Osk Poe</a></div>'
    )
    assert extract(page(byline=links)).authors == ["Wanji Roe", "Osk Poe"]
    # a first and a last name in elements of their own are one name
    halves = '<div class="byline"><span class="author-a">Jane</span><span class="author-b">Roe</span></div>'
    assert extract(page(byline=halves)).authors == ["Jane Roe"]


def test_a_byline_closing_the_story_is_read_when_nothing_else_names_anyone() -> None:
    assert extract(page(paragraphs=[*PARAGRAPHS, "<em>— Story by Erin McRoe</em>"])).authors == ["Erin McRoe"]
    german = [*PARAGRAPHS, "<em>Von Ulrich Roe</em>"]
    assert extract(page(lang="de", paragraphs=german)).authors == ["Ulrich Roe"]
    # a Latvian and a Lithuanian label before the writer's name (tests/nordweb)
    latvian = [*PARAGRAPHS, "Autors: Līga Roe"]
    assert extract(page(lang="lv", paragraphs=latvian)).authors == ["Līga Roe"]
    lithuanian = [*PARAGRAPHS, "Autorius: Rūta Roe"]
    assert extract(page(lang="lt", paragraphs=lithuanian)).authors == ["Rūta Roe"]
    # a wire's sign-off credits reporters and editors, a sentence nobody
    wire = [*PARAGRAPHS, "Reporting by Jorge Roe; Editing by Leslie Poe"]
    assert extract(page(paragraphs=wire)).authors == []
    sentence = [*PARAGRAPHS, "By the end of the day, the bridge was open."]
    assert extract(page(paragraphs=sentence)).authors == []
    # the byline shown at the top comes first
    top = '<p class="byline">By Jane Roe</p>'
    assert extract(page(byline=top, paragraphs=[*PARAGRAPHS, "Von Ulrich Roe"])).authors == ["Jane Roe"]


def test_a_blog_post_signed_with_a_dash_and_a_name_is_by_that_person() -> None:
    # "— Jane Roe" closing the post, nothing else naming anyone (a personal site)
    assert extract(page(paragraphs=[*PARAGRAPHS, "&mdash; Jane Okafor"])).authors == ["Jane Okafor"]
    assert extract(page(paragraphs=[*PARAGRAPHS, "-- Jane Okafor"])).authors == ["Jane Okafor"]
    # after a quotation the dash attributes the quote: nobody is the post's writer
    quoted = page(paragraphs=PARAGRAPHS, extra_body="").replace(
        "</article>", "<blockquote>Be the change.</blockquote><p>&mdash; Jane Okafor</p></article>"
    )
    assert extract(quoted).authors == []
    # a first name alone, or words that name no person, sign nothing
    assert extract(page(paragraphs=[*PARAGRAPHS, "&mdash; Jane"])).authors == []
    assert extract(page(paragraphs=[*PARAGRAPHS, "&mdash; The ICEout Team"])).authors == []


def test_a_guest_post_is_by_its_guest_writer_not_the_blog_owner() -> None:
    owner = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": "Harbour bridge reopens",
             "author": {"@type": "Person", "name": "Nadia Ferreira"}}
    guest = ["<em>Guest post by Owen Hartley. Owen is a recruiter in Seattle.</em>", *PARAGRAPHS]
    assert extract(page(jsonld=owner, paragraphs=guest)).authors == ["Owen Hartley"]
    written = ["This post was written by Arjun Mehta, a data engineer in St. Paul.", *PARAGRAPHS]
    assert extract(page(jsonld=owner, paragraphs=written)).authors == ["Arjun Mehta"]
    two = ["Guest post by Ana Roe and Ben Poe.", *PARAGRAPHS]
    assert extract(page(jsonld=owner, paragraphs=two)).authors == ["Ana Roe", "Ben Poe"]
    german = ["Ein Gastbeitrag von Ulrich Roe.", *PARAGRAPHS]
    assert extract(page(jsonld=owner, paragraphs=german)).authors == ["Ulrich Roe"]
    # only the post's first line; an organisation as the guest leaves the byline
    later = [*PARAGRAPHS, "This post was written by Arjun Mehta, a data engineer."]
    assert extract(page(jsonld=owner, paragraphs=later)).authors == ["Nadia Ferreira"]
    group = ["Guest post by the Harbour Tenants Union.", *PARAGRAPHS]
    assert extract(page(jsonld=owner, paragraphs=group)).authors == ["Nadia Ferreira"]


def test_a_byline_marked_by_its_test_id_is_a_byline() -> None:
    # no class, id or itemprop names it: only the data-testid the site's components carry
    byline = (
        '<div data-testid="byline-new-contributors"><span class="sc-7">Jane Roe</span>'
        '<div class="sc-8"><span>Political correspondent</span></div></div>'
    )
    assert extract(page(byline=byline)).authors == ["Jane Roe"]
    # of nested ones, the innermost: the outer one holds the time stamp too
    nested = (
        '<div data-testid="byline-new"><time data-testid="timestamp">2 hours ago</time>'
        '<div data-testid="byline-new-contributors"><span data-testid="byline-name">By Jane Roe</span>'
        "<span>Harbour News, Washington</span></div></div>"
    )
    assert extract(page(byline=nested)).authors == ["Jane Roe"]
    # one block per contributor, each a name and a role or place
    blocks = (
        '<div data-testid="byline-new-contributors"><div><span>Jane Roe</span><div><span>Political '
        "correspondent</span><span>Reporting from Kyiv</span></div></div>"
        "<div><span>Sam Poe</span><div><span>Harbour News</span></div></div></div>"
    )
    assert extract(page(byline=blocks)).authors == ["Jane Roe", "Sam Poe"]
    dated = '<div class="byline"><div>Jane Roe</div><div>January 22, 2026</div></div>'
    assert extract(page(byline=dated)).authors == ["Jane Roe"]


def test_a_chinese_storys_first_line_names_its_reporters() -> None:
    first = "記者王小明／舊金山報導 數千名科技業員工近日發表公開信，要求雇主取消合約。"
    assert extract(page(lang="zh", paragraphs=[first, *PARAGRAPHS])).authors == ["王小明"]
    two = "〔本報記者李佳穎、陳家豪／洛杉磯報導〕洛杉磯多個移民社團在市政府前集會。"
    assert extract(page(lang="zh", paragraphs=[two, *PARAGRAPHS])).authors == ["李佳穎", "陳家豪"]
    simplified = "【记者 王小明/北京报道】科技公司员工发表公开信。"
    assert extract(page(lang="zh", paragraphs=[simplified, *PARAGRAPHS])).authors == ["王小明"]
    # a reporter quoted in a sentence is no byline
    quoted = "記者王小明說，集會持續到晚上。"
    assert extract(page(lang="zh", paragraphs=[quoted, *PARAGRAPHS])).authors == []


def test_a_chinese_datelines_reporters_in_brackets_are_the_authors() -> None:
    """A wire's or paper's dateline: where and when it was filed, "电", the reporters in
    brackets (parted by a space or "、")."""
    wire = "　　新华社华盛顿1月22日电（记者王小明 李佳颖）美国科技企业员工发表联名公开信。"
    assert extract(page(lang="zh", paragraphs=[wire, *PARAGRAPHS])).authors == ["王小明", "李佳颖"]
    paper = "本报华盛顿1月22日电  （记者王小明、陈思远）美国多地爆发游行。"
    assert extract(page(lang="zh", paragraphs=[paper, *PARAGRAPHS])).authors == ["王小明", "陈思远"]


def test_a_chinese_storys_first_line_of_its_reporters_alone_names_them() -> None:
    for line in ("新华社记者陈思远", "澎湃新闻记者 陈思远", "【港事專訊】記者 陳嘉欣"):
        name = line[-3:]
        assert extract(page(lang="zh", paragraphs=[line, *PARAGRAPHS])).authors == [name]
    # a sentence about a reporter is no byline
    said = "他对记者说这件事情很重要"
    assert extract(page(lang="zh", paragraphs=[said, *PARAGRAPHS])).authors == []


@pytest.mark.parametrize(("byline", "people"), [
    ("워싱턴/이서연 특파원", ["이서연"]),  # where a Korean correspondent files from, before the slash
    ("세종/김철수 기자", ["김철수"]),
    ("이서연 특파원", ["이서연"]),  # the Korean job title after the name
    ("記者王小明／華盛頓22日專電", ["王小明"]),  # "reporter" run on, the dispatch's place and day
    ("記者陳怡君／台北報導", ["陳怡君"]),
])
def test_a_cjk_bylines_place_and_dispatch_are_nobody(byline: str, people: list[str]) -> None:
    assert split_byline([byline]) == (people, [])


def test_a_japanese_sign_off_in_brackets_names_the_reporter() -> None:
    """"（ワシントン＝山田太郎）" after the last sentence or as the last paragraph: the place filed
    from and the reporter; an agency's "（共同）" names nobody."""
    last = "一方、パランティアの現役社員の署名は確認されていない。"
    for end in ([last, "（ワシントン＝山田太郎）"], [last + "（ワシントン＝山田太郎）"]):
        assert extract(page(lang="ja", paragraphs=[*PARAGRAPHS, *end])).authors == ["山田太郎"]
    assert extract(page(lang="ja", paragraphs=[*PARAGRAPHS, last + "（共同）"])).authors == []


def test_a_written_byline_after_the_headline_completes_the_markups_people() -> None:
    # no class names the line a byline; the JSON-LD names its first writer only
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
          "author": {"@type": "Person", "name": "Ana Souza"}}
    line = '<p class="publication-from">Por Ana Souza e Bruno Lima, Folha do Vale — Nova York</p>'
    assert extract(page(jsonld=ld, byline=line)).authors == ["Ana Souza", "Bruno Lima"]
    # what follows the names' first comma or dash is no writer: an outlet, a place
    alone = '<p class="publication-from">Por Ana Souza, Folha do Vale — São Paulo</p>'
    art = extract(page(jsonld=ld, byline=alone))
    assert (art.authors, art.credit) == (["Ana Souza"], [])


def test_a_person_the_page_credits_only_for_pictures_is_no_author() -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "Harbour bridge reopens after repairs",
        "author": [{"@type": "Person", "name": "Jane Roe"}, {"@type": "Person", "name": "Sam Poe"}],
    }
    byline = ('<p>Words by <a rel="author" href="/profile/jane-roe">Jane Roe</a>, photographs by '
              '<a rel="author" href="/profile/sam-poe">Sam Poe</a></p>')
    assert extract(page(byline=byline, jsonld=ld)).authors == ["Jane Roe"]
    # a writer who also took the photos stays, as does a co-writer named in a photo caption
    both = '<p>Story and photos by Jane Roe and Sam Poe</p>'
    assert extract(page(byline=both, jsonld=ld)).authors == ["Jane Roe", "Sam Poe"]
    caption = '<p>By Jane Roe and Sam Poe</p><p>Photo: Sam Poe</p>'
    assert extract(page(byline=caption, jsonld=ld)).authors == ["Jane Roe", "Sam Poe"]
    # the same labels in Portuguese, Spanish, Italian, French (tests/romweb)
    for credits in ("<p>Texto: Jane Roe</p><p>Fotografia: Sam Poe</p>",
                    "<p>Por Jane Roe. Fotos de Sam Poe</p>",
                    "<p>Testo di Jane Roe, fotografie di Sam Poe</p>",
                    "<p>Par Jane Roe, photos : Sam Poe</p>"):
        assert extract(page(byline=credits, jsonld=ld)).authors == ["Jane Roe"], credits
    both = '<p>Texto e fotos: Jane Roe e Sam Poe</p>'
    assert extract(page(byline=both, jsonld=ld)).authors == ["Jane Roe", "Sam Poe"]
    # a photo essay's text may name its photographer too: still no author (tests/magweb) ...
    essay = ('<p>Text by <a rel="author" href="/profile/jane-roe">Jane Roe</a></p><p>Photographs by '
             '<a rel="author" href="/profile/sam-poe">Sam Poe</a></p><p>The photographer Sam Poe spent a '
             "week on the bridge with the crews who rebuilt it.</p>")
    assert extract(page(byline=essay, jsonld=ld)).authors == ["Jane Roe"]
    # ... but a writer named beside another in a byline without "by" and in the captions stays
    wire = "<p>Jane Roe and Sam Poe, Associated Press</p><p>Photo: Sam Poe, AP</p><p>Photo: Sam Poe, AP</p>"
    assert extract(page(byline=wire, jsonld=ld)).authors == ["Jane Roe", "Sam Poe"]


def test_a_person_the_page_credits_only_for_editing_is_no_author() -> None:
    # a CMS's JSON-LD lists the editor and the fact-checker among the authors
    ld = {
        "@type": "NewsArticle",
        "headline": "Harbour bridge reopens after repairs",
        "author": [{"@type": "Person", "name": n} for n in ("Jane Roe", "Sam Poe", "Ann Lee")],
    }
    byline = ('<p class="byline">By Jane Roe</p><p class="editor">Edited by Sam Poe</p>'
              "<p>Fact checked by Ann Lee</p>")
    assert extract(page(byline=byline, jsonld=ld)).authors == ["Jane Roe"]
    # a writer who also edited stays
    both = '<p class="byline">Written and edited by Jane Roe, Sam Poe and Ann Lee</p>'
    assert extract(page(byline=both, jsonld=ld)).authors == ["Jane Roe", "Sam Poe", "Ann Lee"]


def test_a_site_named_only_by_two_sources_is_not_also_its_own_credit() -> None:
    # the author meta tag and the JSON-LD author both give only the site's name, and no byline
    # is shown: it stays the author (nobody else is named), and is not the credit besides
    paragraph = ("<p>The council voted on Tuesday to end its contract with the county jail, after a "
                 "long debate about immigration enforcement and the costs of detention.</p>")
    html = (
        '<html><head><title>Council votes on the contract | Civic Ledger</title>'
        '<meta property="og:site_name" content="Civic Ledger"><meta name="author" content="Civic Ledger">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Council votes on the contract", "author": "Civic Ledger"}</script></head>'
        f"<body><article><h1>Council votes on the contract</h1>{paragraph * 4}</article></body></html>"
    )
    article = extract_article(html.encode(), None)
    assert (article.authors, article.credit) == (["Civic Ledger"], [])


RECENT_COMMENTS = (
    '<aside id="secondary"><section class="widget widget_recent_comments"><ul id="recentcomments">'
    '<li class="recentcomments"><span class="comment-author-link">Sam Poe</span> on '
    '<a href="/ferry-timetable/#comment-5">Ferry timetable changes</a></li></ul></section></aside>'
)


def test_a_commenter_or_a_related_storys_writer_in_trafilaturas_byline_is_no_author() -> None:
    # trafilatura reads a byline from anywhere on the page: a sidebar's recent comments, a
    # related story's teaser in the text; the page names no writer of its own
    assert extract(page(extra_body=RECENT_COMMENTS)).authors == []
    related = ('<aside class="entry__related"><article class="entry"><h2><a href="/ferry-timetable/">'
               'Ferry timetable changes</a></h2><span class="entry__author">sam poe</span></article></aside>')
    assert extract(page(extra_body=related)).authors == []
    # the same name shown in the story's own header too is its writer
    header = '<div class="post-meta">Sam Poe</div>'
    assert extract(page(byline=header, extra_body=RECENT_COMMENTS)).authors == ["Sam Poe"]
    # a name trafilatura reads from a meta tag is the markup's, wherever the page shows it (a
    # personal site's owner in its menu and footer)
    head = '<meta name="shareaholic:article_author_name" content="Sam Poe">'
    assert extract(page(head, extra_body=RECENT_COMMENTS)).authors == ["Sam Poe"]


@pytest.mark.parametrize(
    "byline", ['<div class="author-name">jroe8090</div>', '<span class="byline">by jroe_81</span>']
)
def test_a_login_with_digits_is_no_author_in_trafilaturas_byline_either(byline: str) -> None:
    # trafilatura's byline search reads the login as a name without its digits ("Jroe")
    assert extract(page(byline=byline)).authors == []


def test_a_name_in_lowercase_the_markup_types_as_the_author_is_a_person() -> None:
    # the page's style capitalises it; the author meta tag names the paper
    head = '<meta name="author" content="Harbour Gazette">'
    typed = '<span class="autor_sup" itemprop="author">jane roe</span>'
    art = extract(page(head, byline=typed))
    assert (art.authors, art.credit) == (["jane roe"], ["Harbour Gazette"])


def test_a_block_without_a_heading_holds_no_headline_link() -> None:
    """_in_teaser reads HEADLINE_LINKS only in a block with an h2, h3 or h4 inside it: in any
    other the expression finds nothing (random blocks of links, headings and wrappers, each
    element of them asked, the block itself a heading too)."""
    import random

    from lxml.html import fragment_fromstring

    from newscrawl.extract.fields import HEADLINE_LINK_HEADINGS, HEADLINE_LINKS

    rng = random.Random(15)
    tags = ["a", "a", "div", "span", "h2", "h3", "h4", "h5", "h1", "p"]

    def markup(depth: int) -> str:
        kids = "".join(markup(depth + 1) for _ in range(rng.randint(0, 3) if depth < 4 else 0))
        tag = rng.choice(tags)
        href = f' href="/story/{rng.randint(0, 9)}"' if tag == "a" and rng.random() < 0.8 else ""
        return f"<{tag}{href}>t{kids}</{tag}>"

    asked = found = 0
    for _ in range(400):
        block = fragment_fromstring(f"<div>{markup(0)}{markup(0)}</div>")
        for el in block.iter():
            links = HEADLINE_LINKS(el)
            found += bool(links)
            if next(el.iterdescendants(*HEADLINE_LINK_HEADINGS), None) is None:
                asked += 1
                assert links == []
    assert asked > 1000 and found > 100


def test_every_byline_class_holds_one_of_the_parts_tested_first() -> None:
    """_marked_as_byline searches a class with BYLINE_CLASS_RE only when it holds one of
    BYLINE_CLASS_PARTS (written out in its test): each word of the expression holds one, so a
    class without any has no match."""
    import inspect
    import re

    from newscrawl.extract.fields import BYLINE_CLASS_PARTS, BYLINE_CLASS_RE, _marked_as_byline

    words = BYLINE_CLASS_RE.pattern.split("|")
    assert all(re.fullmatch(r"[A-Za-z_-]+", word) for word in words)  # a match is one as written
    assert all(any(part in word for part in BYLINE_CLASS_PARTS) for word in words)
    source = inspect.getsource(_marked_as_byline)
    assert " or ".join(f'"{part}" in cls' for part in BYLINE_CLASS_PARTS) in source


def test_an_agency_sign_off_is_the_credit_of_a_story_the_outlet_is_credited_for() -> None:
    # a German daily's agency story: the JSON-LD author is the outlet, the story ends with its
    # agencies; an editor's code among them ("lk") is nobody
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Ein Titel", "author": {"@type": "Organization", "name": "Valley Gazette"}, '
          '"publisher": {"@type": "Organization", "name": "Valley Gazette"}}</script>')
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    for sign_off, credit in (
        ("Quelle: dpa/Reuters", ["dpa", "Reuters"]),
        ("(sda/dpa)", ["sda", "dpa"]),
        ("(AFP/dpa/lk)", ["AFP", "dpa"]),
        # a Turkish daily's agency story ("Kaynak: AA", Anadolu's short name), the label in Arabic
        ("Kaynak: AA", ["AA"]),
        ("المصدر: Reuters", ["Reuters"]),
        # Romance-language agencies and labels: "with information from", "Source:" (tests/romweb)
        ("Con información de EFE", ["EFE"]),
        ("*Con información de AFP", ["AFP"]),
        ("Com informações da Lusa", ["Lusa"]),
        ("Sursa: Agerpres", ["Agerpres"]),
        ("Fonte: Lusa", ["Lusa"]),
        ("(Belga)", ["Belga"]),
        # the national agencies of Denmark, Norway, the Netherlands and the Baltic states, known by
        # one word (tests/nordweb)
        ("(Ritzau)", ["Ritzau"]),
        ("(NTB/Reuters)", ["NTB", "Reuters"]),
        ("(ANP)", ["ANP"]),
        ("(ELTA)", ["ELTA"]),
        # after a dash, as a Lagos daily's WordPress story ends (tests/afroweb)
        ("— Reuters", ["Reuters"]),
        ("-- AFP", ["AFP"]),
        # African agencies by their short names (tests/afroweb)
        ("— ANA", ["ANA"]),
        ("(NAN)", ["NAN"]),
        ("Source: MENA", ["MENA"]),
    ):
        html = (f"<html><head><title>Ein Titel</title>{ld}</head><body><article><h1>Ein Titel</h1>"
                f"{body}<p>{sign_off}</p></article></body></html>")
        art = extract_article(html, "https://www.valleygazette.example/politik/ein-titel-110845120.html")
        assert art is not None and art.authors == [] and art.credit == credit
    # a last paragraph of other words is no sign-off: the outlet stays the credit
    html = (f"<html><head><title>Ein Titel</title>{ld}</head><body><article><h1>Ein Titel</h1>"
            f"{body}<p>(Mitarbeit: Jane Roe)</p></article></body></html>")
    art = extract_article(html, "https://www.valleygazette.example/politik/ein-titel-110845120.html")
    assert art is not None and art.credit == ["Valley Gazette"]


def test_an_agency_in_the_dateline_is_the_credit_of_a_story_the_outlet_is_credited_for() -> None:
    # an Egyptian portal's wire story: no writer, the JSON-LD author the outlet, the story opening
    # "واشنطن (د ب أ) -" (Washington, dpa); a Turkish agency's "WASHINGTON (AA) -"
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Ein Titel", "author": {"@type": "Organization", "name": "Valley Gazette"}}</script>')
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    url = "https://www.valleygazette.example/Story/2026/1/24/ein-titel/7238120"
    for dateline, credit in (("واشنطن (د ب أ) - ", ["د ب أ"]), ("WASHINGTON (AA) - ", ["AA"]),
                             ("WASHINGTON (Reuters) — ", ["Reuters"]), ("The company (Valley) - ", None)):
        html = (f"<html><head><title>Ein Titel</title>{ld}</head><body><article><h1>Ein Titel</h1>"
                f"<p>{dateline}{PARAGRAPHS[0]}</p>{body}</article></body></html>")
        art = extract_article(html, url)
        assert art is not None and art.authors == [] and art.credit == (credit or ["Valley Gazette"])


def test_a_japanese_agency_sign_off_after_the_last_sentence_is_the_credit() -> None:
    """"（共同）" run on after the story's last sentence, or as its last paragraph: Kyodo, by its
    full name; a story that names nobody and credits nobody else."""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    for last in ("同社は取材に対し「法令に従っている」とコメントした。（共同）", "（時事）"):
        html = (f"<html><head><title>見出しの記事</title></head><body><article><h1>見出しの記事</h1>"
                f"{body}<p>{last}</p></article></body></html>")
        art = extract_article(html, "https://www.higashi.example/articles/ASV1S5DEFV1SUHBI00140.html")
        assert art is not None and art.authors == []
        assert art.credit == (["共同通信"] if "共同" in last else ["時事通信"])


def test_a_desk_byline_over_an_agency_sign_off_credits_both() -> None:
    # a Greek portal's agency story: the byline and the JSON-LD author a desk ("Newsroom"), the
    # story ending "Πηγή: ΑΠΕ-ΜΠΕ"; a Polish one's "(PAP)" (tests/slavweb)
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Ein Titel", "author": {"@type": "Person", "name": "Newsroom"}, '
          '"publisher": {"@type": "Organization", "name": "Valley Gazette"}}</script>')
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    for sign_off, credit in (
        ("Πηγή: ΑΠΕ-ΜΠΕ", ["Newsroom", "ΑΠΕ-ΜΠΕ"]),
        ("(PAP)", ["Newsroom", "PAP"]),
        ("(Mitarbeit: Jane Roe)", ["Newsroom"]),  # no sign-off: the desk alone
        # the agency in brackets run on after the last sentence (an Italian wire story,
        # tests/romweb); a party's initials there are none
        ("Il software serve a pianificare le espulsioni, secondo documenti pubblici. (ANSA).",
         ["Newsroom", "ANSA"]),
        ("Lo ha detto il segretario del partito nel suo intervento di ieri. (PD)", ["Newsroom"]),
        # the desk's signature, a line break, the agencies (a Colombian daily, tests/romweb)
        ("REDACCIÓN INTERNACIONAL<br>*Con información de AFP", ["Newsroom", "AFP"]),
        ("AFP<br>Con información de un lector", ["Newsroom"]),
    ):
        html = (f"<html><head><title>Ein Titel</title>{ld}</head><body><article><h1>Ein Titel</h1>"
                f'<span class="article-author">Newsroom</span>{body}<p>{sign_off}</p>'
                "</article></body></html>")
        art = extract_article(html, "https://www.valleygazette.example/world/article/3912345/ein-titel/")
        assert art is not None and art.authors == [] and art.credit == credit


def test_an_agency_the_desks_name_holds_is_not_credited_twice() -> None:
    # an Italian daily's wire story: the desk "Redazione ANSA", the story ending "(ANSA)."
    # (tests/intlweb, tests/romweb); another agency's sign-off is added
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Ein Titel", "author": {"@type": "Person", "name": "Redazione ANSA"}}</script>')
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    for sign_off, credit in (("(ANSA).", ["Redazione ANSA"]), ("(AGI).", ["Redazione ANSA", "AGI"])):
        last = f"<p>Il governatore del Minnesota ha chiesto un’indagine indipendente. {sign_off}</p>"
        html = (f"<html><head><title>Ein Titel</title>{ld}</head><body><article><h1>Ein Titel</h1>"
                f'<span class="article-author">Redazione ANSA</span>{body}{last}</article></body></html>')
        art = extract_article(html, "https://www.valleygazette.example/esteri/2026/01/25/news/ein-titel-41933.html")
        assert art is not None and art.authors == [] and art.credit == credit


def test_an_agency_byline_is_the_credit_of_a_story_the_outlet_is_credited_for() -> None:
    # a Polish daily's agency story: the JSON-LD author is the outlet, the byline shows "PAP";
    # the outlet's own byline, or a person's, changes nothing (tests/slavweb)
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Ein Titel", "author": {"@type": "Organization", "name": "Valley Gazette"}, '
          '"publisher": {"@type": "Organization", "name": "Valley Gazette"}}</script>')
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    for byline, authors, credit in (
        ("PAP", [], ["PAP"]),
        ("Valley Gazette", [], ["Valley Gazette"]),
        ("Jane Roe", ["Jane Roe"], ["Valley Gazette"]),
        # the outlet with an agency shown: both ("Redacció / ACN" under a JSON-LD "Redacció",
        # tests/romweb)
        ("Valley Gazette / ACN", [], ["Valley Gazette", "ACN"]),
        ("Europa Press", [], ["Europa Press"]),
    ):
        html = (f"<html><head><title>Ein Titel</title>{ld}</head><body><article><h1>Ein Titel</h1>"
                f'<div class="byline">{byline}</div>{body}</article></body></html>')
        art = extract_article(html, "https://www.valleygazette.example/swiat/art43660001-ein-titel")
        assert art is not None and (art.authors, art.credit) == (authors, credit)


def test_an_agency_byline_naming_more_agencies_than_the_markup_gives_them_all() -> None:
    # a Copenhagen daily's wire story: the JSON-LD author is the Danish agency, the byline shows
    # "Ritzau/Reuters", the agency and the world agency whose story it relays (tests/nordweb);
    # a byline naming another agency, or a person, changes nothing
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Ein Titel", "author": {"@type": "Organization", "name": "Ritzau"}, '
          '"publisher": {"@type": "Organization", "name": "Valley Gazette"}}</script>')
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    for byline, credit in (
        ("Ritzau/Reuters", ["Ritzau", "Reuters"]),
        ("Reuters", ["Ritzau"]),
        ("Ritzau", ["Ritzau"]),
    ):
        html = (f"<html><head><title>Ein Titel</title>{ld}</head><body><article><h1>Ein Titel</h1>"
                f'<div class="byline">{byline}</div>{body}</article></body></html>')
        art = extract_article(html, "https://www.valleygazette.example/udland/art10512399/Ein-Titel")
        assert art is not None and (art.authors, art.credit) == ([], credit)


def test_a_source_line_beside_a_persons_byline_credits_its_agencies() -> None:
    # a Polish daily's agency story compiled by a person: "oprac. Jane Roe" beside
    # "Źródło: PAP" (tests/slavweb); a picture's source line credits nobody
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Ein Titel", "author": {"@type": "Person", "name": "Jane Roe"}}</script>')
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    for line, credit in (
        ('<span class="art-source">Źródło: PAP</span>', ["PAP"]),
        ('<span class="source">Quelle: dpa</span>', ["dpa"]),
        ('<figure><img src="a.jpg"><figcaption>Źródło: PAP</figcaption></figure>', []),
    ):
        html = (f"<html><head><title>Ein Titel</title>{ld}</head><body><article><h1>Ein Titel</h1>"
                f'<div class="art-authors">oprac. Jane Roe</div>{line}{body}</article></body></html>')
        art = extract_article(html, "https://www.valleygazette.example/7,75399,31240011,ein-titel.html")
        assert art is not None and (art.authors, art.credit) == (["Jane Roe"], credit)

def test_a_source_line_under_the_date_credits_its_agencies() -> None:
    # a news site's agency story: "Quelle: OUTLET, dpa, AFP, lk" beside the date, the JSON-LD
    # author the outlet; a picture's "Quelle:" credit is not the story's
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Ein Titel", "author": {"@type": "Organization", "name": "Valley Gazette"}}</script>')
    head = f'<title>Ein Titel</title><meta property="og:site_name" content="Valley Gazette">{ld}'
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    meta = ('<div class="metadata"><time datetime="2026-01-24T19:31:07+01:00">24. Januar 2026</time>'
            '<span class="metadata__source">Quelle: Valley Gazette, dpa, AFP, lk</span></div>')
    url = "https://www.valleygazette.example/politik/2026-01/ein-titel"
    html = f"<html><head>{head}</head><body><article><h1>Ein Titel</h1>{meta}{body}</article></body></html>"
    art = extract_article(html, url)
    assert art is not None and art.authors == [] and art.credit == ["dpa", "AFP"]
    photo = '<figure><img src="a.jpg"><figcaption>Quelle: dpa</figcaption></figure>'
    html = f"<html><head>{head}</head><body><article><h1>Ein Titel</h1>{photo}{body}</article></body></html>"
    art = extract_article(html, url)
    assert art is not None and art.credit == ["Valley Gazette"]


def test_staff_and_agencies_is_one_credit() -> None:
    # the desk's credit for a story from its own reporting and the wires: its "and" joins no names
    assert read_byline("Harbour Post staff and agencies") == [Part("Harbour Post staff and agencies", True)]
    assert split_byline(["By Staff and wire reports"]) == ([], ["Staff and wire reports"])
    assert split_byline(["Jane Roe and Sam Poe"]) == (["Jane Roe", "Sam Poe"], [])
    # beside a JSON-LD author that is only the outlet, the shown desk credit is taken
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
          "author": {"@type": "Organization", "name": "Harbour Post"},
          "publisher": {"@type": "Organization", "name": "Harbour Post"}}
    head = '<meta property="og:site_name" content="Harbour Post">'
    art = extract(page(head, jsonld=ld, byline='<div class="byline">Harbour Post staff and agencies</div>'))
    assert art.authors == [] and art.credit == ["Harbour Post staff and agencies"]


def test_an_organisation_of_the_markup_in_the_shown_byline_is_no_author() -> None:
    # a co-published story: each writer's newsroom after the name, the partner a JSON-LD Organization
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
          "author": [{"@type": "Person", "name": "Jane Roe"}, {"@type": "Person", "name": "Sam Poe"},
                     {"@type": "Organization", "name": "Public Ledger"}]}
    byline = '<p class="byline">by Jane Roe, Public Ledger, and Sam Poe, The Harbour Post</p>'
    art = extract(page(jsonld=ld, byline=byline))
    assert art.authors == ["Jane Roe", "Sam Poe"] and "Public Ledger" in art.credit


def test_a_place_before_or_in_a_job_title_is_no_credit() -> None:
    # where the writer reports on or from: a region before the title, a country's acronym in it
    assert split_byline(["By North America correspondent Jane Roe in Washington"]) == (["Jane Roe"], [])
    assert split_byline(["By Middle East correspondent Jane Roe"]) == (["Jane Roe"], [])
    assert split_byline(["By Jane Roe, US Editor and Sam Poe in Washington"]) == (["Jane Roe", "Sam Poe"], [])
    assert split_byline(["By Jane Roe, UK political correspondent"]) == (["Jane Roe"], [])
    # an outlet or an agency there stays the credit
    assert split_byline(["By Harbour Post correspondent Jane Roe"]) == (["Jane Roe"], ["Harbour Post"])
    assert split_byline(["By Jane Roe, AP Auto Writer"]) == (["Jane Roe"], ["AP"])


@pytest.mark.parametrize("name", ["प्रियंका तिवारी", "শাহনাজ পারভীন", "عاصم رضا", "ธนพล วงศ์สวัสดิ์"])
def test_an_author_link_in_a_script_without_capitals_names_a_person(name: str) -> None:
    # a Hindi daily's byline: the place and the agency, then "Published by:" and the author
    # link; trafilatura's own byline cuts such names at their vowel signs ("एजेंस")
    byline = ('<div class="author-details"><span class="author-place">एजेंसी, मिनियापोलिस</span> '
              f'<span class="publish-by">Published by: <a href="/author/someone">{name}</a></span></div>')
    assert extract(page(byline=byline)).authors == [name]


def test_trafilaturas_byline_gets_back_the_marks_it_cut_off_a_name() -> None:
    # a Thai daily's byline in a class no byline rule knows ("author"): trafilatura's byline,
    # the only source, drops the label's colon and the vowel and tone marks ending the surname
    byline = '<div class="article-meta"><span class="author">ผู้เขียน: ธนพล วงศ์สวัสดิ์</span></div>'
    assert extract(page(byline=byline, lang="th")).authors == ["ธนพล วงศ์สวัสดิ์"]


@pytest.mark.parametrize(
    ("last", "authors", "credit"),
    [
        # a Vietnamese daily's sign-off: the writer in bold, the source written from after it
        ('<p class="Normal" style="text-align:right;"><strong>Thanh Hà</strong> (Theo <em>Reuters</em>)</p>',
         ["Thanh Hà"], ["Reuters"]),
        ('<p style="text-align:right;"><strong>NGỌC ĐỨC</strong></p>', ["Ngọc Đức"], []),
        # a bold line that is not right-aligned and names no source is no sign-off
        ("<p><strong>Harbour Office</strong></p>", [], []),
    ],
)
def test_a_bold_name_ending_the_story_is_its_writer(last: str, authors: list[str], credit: list[str]) -> None:
    end = PARAGRAPHS[-1] + "</p>"
    art = extract(page(lang="vi").replace(end, end + last, 1))
    assert (art.authors, art.credit) == (authors, credit)


def test_a_catalan_or_spanish_name_with_two_surnames_joined_by_i_or_y_is_one_name() -> None:
    # "i" and "y" are "and", but between a full name and one more surname they join two surnames
    assert split_byline(["Jordi Casals i Pons"]) == (["Jordi Casals i Pons"], [])
    assert split_byline(["Por José Ortega y Gasset"]) == (["José Ortega y Gasset"], [])
    # two writers, and a writer with an agency, stay apart
    assert split_byline(["Jordi Casals i Marta Vila"]) == (["Jordi Casals", "Marta Vila"], [])
    assert split_byline(["Por Ana Roe y EFE"]) == (["Ana Roe"], ["EFE"])
    assert split_byline(["Europa Press y EFE"]) == ([], ["Europa Press", "EFE"])


def test_a_captions_agency_in_brackets_is_no_sign_off() -> None:
    """A photo gallery whose paragraphs are its captions, each ending in its picture's agency:
    "(Reuters)" credits the picture; the desk of the JSON-LD stays the credit (tests/asiaweb, after
    the run-on sign-off rule of tests/romweb)."""
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
          "author": {"@type": "Organization", "name": "CM News Desk"}}
    captions = "".join(
        f"<figure><img src='/p{i}.jpg'><figcaption><p>Workers march past the harbour office on "
        f"Saturday during the rally number {i}. (Reuters)</p></figcaption></figure>"
        for i in range(3)
    )
    html = ("<html><head><script type='application/ld+json'>" + json.dumps(ld) + "</script></head>"
            f"<body><h1>Harbour bridge reopens after repairs</h1><div class='gallery'>{captions}</div>"
            "</body></html>")
    art = extract(html)
    assert art is not None and "Reuters" not in art.credit


def test_an_agency_byline_is_the_credit_over_the_desk_staff_that_posted_it() -> None:
    # a TV station's agency story: JSON-LD and meta author "KXYZ Digital Staff" (the desk that
    # posted it), the shown line "<p class='article-authors'>By: The Associated Press</p>"
    # beside the date (tests/localweb): the agency is the credit; a shown person changes nothing
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Ein Titel", "author": [{"@type": "Person", "name": "KXYZ Digital Staff"}], '
          '"publisher": {"@type": "Organization", "name": "KXYZ 6 News"}}</script>'
          '<meta name="author" content="KXYZ Digital Staff">'
          '<meta property="og:site_name" content="KXYZ 6 News">')
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    for byline, credit in (("By: The Associated Press", ["The Associated Press"]),
                           ("By: Marisol Vega", ["KXYZ Digital Staff"])):
        html = (f"<html><head><title>Ein Titel</title>{ld}</head><body><nav><a href='/news/'>News</a></nav>"
                "<article><h1>Ein Titel</h1>"
                "<figure><img src='a.jpg'><figcaption>A photo</figcaption></figure>"
                f'<div class="article-meta"><p class="article-authors">{byline}</p>'
                '<p class="article-date"><time>Posted: Jan 24, 2026 / 02:10 PM CST</time></p></div>'
                f"{body}</article></body></html>")
        art = extract_article(html, "https://www.kxyz.example/news/texas/ein-titel/")
        assert art is not None and art.credit == credit, byline
    # the line is the page's byline element, found by its class (not "camp-authors", a box)
    for cls, found in (("article-authors", ["By: The Associated Press"]), ("camp-authors", [])):
        tree = load_html(f'<html><body><h1>Ein Titel</h1><p class="{cls}">By: The Associated Press</p>'
                         "</body></html>")
        assert byline_texts(tree) == found, cls


RELEASE = """SAN JOSE, Calif., Jan. 26, 2026 /PRNewswire/ -- Halvern Software, a provider of data
analytics for public agencies, today announced that it will not renew its contract.

About Halvern Software: Founded in 2011, the company builds data analytics tools.

Media contact: press@halvern.example

SOURCE Halvern Software

Also from this source

Explore"""


@pytest.mark.parametrize(
    ("text", "company"),
    [
        (RELEASE, "Halvern Software"),
        (RELEASE.replace("/PRNewswire/ --", "/ GLOBE NEWSWIRE / --"), "Halvern Software"),
        (RELEASE.replace("SOURCE Halvern Software", "SOURCE: Halvern Software, Inc."),
         "Halvern Software, Inc."),
        # no wire's dateline: a story that ends with a "SOURCE ..." line of its own
        (RELEASE.replace("/PRNewswire/ --", "--"), None),
        # no SOURCE line: a wire's dateline alone (a news story quoting a release)
        (RELEASE.replace("SOURCE Halvern Software", "Reporting by Jane Roe"), None),
        # "Source:" written in a sentence is no source line
        (RELEASE.replace("SOURCE Halvern Software", "Source: the company said so in a statement on Monday."),
         None),
    ],
)
def test_a_press_release_is_credited_to_the_company_its_source_line_names(
        text: str, company: str | None) -> None:
    assert release_source(text) == company


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ('<p class="kindofstory"><a href="/publisher/x/">Read the original article on The Harare '
         'Herald.</a></p>', "The Harare Herald"),
        ('<p>Read the original story at <a href="https://bi.example/x">Business Insider</a></p>',
         "Business Insider"),
        ("<p>Read the original post on news.example.com.</p>", "news.example.com"),
        # a sentence that mentions the original is no source line
        ("<p>Read the original article on the council's site before the vote, the mayor said.</p>", None),
        ("<p>The original story ran on Monday.</p>", None),
    ],
)
def test_an_aggregators_copy_names_its_source_in_a_line_of_its_own(line: str, source: str | None) -> None:
    html = f"<html><body><h1>Deportees arrive</h1><p>{'The story. ' * 30}</p>{line}</body></html>"
    assert original_source(load_html(html), html) == source


def test_the_source_an_aggregators_copy_names_is_its_credit() -> None:
    """AllAfrica-like: the byline names the newsroom's reporter, the line under the story the
    paper it came from: both are the credit, no person (tests/afroweb)."""
    body = "".join(f"<p>Paragraph {i} of the story about the deportees who arrived on Friday.</p>"
                   for i in range(8))
    html = ("<html><body><h1>Deportees arrive from the United States</h1><cite class='byline'>By Herald "
            f"Reporter</cite><div class='story-body'>{body}<p><a href='/publisher/h/'>Read the original "
            "article on The Harare Herald.</a></p></div></body></html>")
    article = extract_article(html, "https://wire.example/stories/1.html")
    assert article.authors == [] and article.credit == ["Herald Reporter", "The Harare Herald"]
    assert "Read the original" not in article.text


def test_a_press_release_ends_at_its_source_line() -> None:
    """The wire's boxes after ``SOURCE Company`` ("Also from this source", "Explore") are no part
    of the release (tests/syndweb); a text whose SOURCE line is not among its last lines is kept."""
    text = drop_after_release_source(RELEASE)
    assert text.endswith("SOURCE Halvern Software") and "Also from this source" not in text
    assert drop_after_release_source("First.\n\nSecond.") == "First.\n\nSecond."


def test_a_wires_dateline_credits_its_agency_beside_the_reporters_it_names() -> None:
    """A Chinese wire's dateline ("新华社华盛顿1月22日电（记者王小明 李佳颖）") names the agency
    (a name ending in 社) beside its reporters; "本社" (this paper) is no agency, and a page
    that credits someone already keeps that credit."""
    story = ("美国谷歌、微软、亚马逊等科技企业的一千多名员工22日发表联名公开信，要求企业管理层终止与"
             "美国移民和海关执法局的合作。公开信说，科技企业提供的云服务正在被用于这些行动。")
    later = "<p>" + story + "</p>"
    for opening, credit in (("新华社华盛顿1月22日电（记者王小明 李佳颖）", ["新华社"]),
                            ("中新社北京1月23日电（记者王小明 李佳颖）", ["中新社"]),
                            ("本社华盛顿1月22日电（记者王小明 李佳颖）", [])):
        html = (f"<html><body><h1>美国科技企业员工抗议公司与移民执法机构合作</h1><div id='detail'>"
                f"<p>{opening}{story}</p>{later * 4}</div></body></html>")
        art = extract(html)
        assert art.authors == ["王小明", "李佳颖"], opening
        assert art.credit == credit, opening
    # the English form, with a named reporter: "WASHINGTON (Reuters) -"
    wire = [f"WASHINGTON (Reuters) - {PARAGRAPHS[0]}", *PARAGRAPHS[1:]]
    art = extract(page(byline='<div class="byline">By Jane Roe</div>', paragraphs=wire))
    assert (art.authors, art.credit) == (["Jane Roe"], ["Reuters"])


def test_a_persons_story_with_an_agencys_sign_off_credits_the_agency() -> None:
    # "de Andrei Popescu" ... "Sursa: Agerpres" (a Romanian news channel's story, tests/romweb)
    signed = [*PARAGRAPHS, "Sursa: Agerpres"]
    art = extract(page(byline='<div class="byline">By Jane Roe</div>', paragraphs=signed))
    assert (art.authors, art.credit) == (["Jane Roe"], ["Agerpres"])
    art = extract(page(byline='<div class="byline">By Jane Roe</div>'))
    assert (art.authors, art.credit) == (["Jane Roe"], [])


def test_an_element_whose_id_names_the_author_is_a_byline() -> None:
    # ASP.NET's control ids: "<span id=ctl00_ContentPlaceHolder1_hlAuthor>MENA</span> , <span
    # id=...lblDate>Monday 26 Jan 2026</span>" (an Egyptian daily, tests/afroweb)
    line = ('<div class="date"><span id="ctl00_ContentPlaceHolder1_hlAuthor">Jane Roe</span> , '
            '<span id="ctl00_ContentPlaceHolder1_lblDate">Monday 26 Jan 2026</span></div>')
    assert extract(page(byline=line)).authors == ["Jane Roe"]
    # an id naming something else of the author's (a box of other stories) is none
    other = '<div id="moreFromAuthorBox"><a href="/x">Another story entirely</a></div>'
    assert extract(page(byline=other)).authors == []


def test_a_portals_repost_credits_the_source_it_names() -> None:
    from newscrawl.extract.fields import repost_source

    story = "美国科技行业一千多名员工近日联署公开信。\n\n截至目前，上述企业尚未对联署信作出回应。"
    site = (["友易网"], "http://youyi.example/dy/article/1.html")
    text = f"{story}\n\n本文来源：中国新闻网 作者：李佳颖"
    assert repost_source(text, [], ["友易网"], *site) == (["李佳颖"], ["中国新闻网"])
    assert repost_source(f"{story}\n\n本文来源：澎湃新闻 责任编辑：张伟_NBJS8812", ["陈思远"], [], *site) == (
        ["陈思远"], ["澎湃新闻"])
    # a page credited to another outlet keeps it; a page without the line is none of these
    assert repost_source(text, [], ["新华社"], *site) is None
    assert repost_source(story, [], ["友易网"], *site) is None
    # the line in an element of its own, outside the text
    tree = load_html("<html><body><div class='post_author'><a href='/'><img alt='x'></a> 本文来源：澎湃新闻 "
                     "责任编辑：张伟_NBJS8812</div></body></html>")
    html = "<div class='post_author'> 本文来源：澎湃新闻</div>"
    assert repost_source(story, ["陈思远"], ["友易网"], *site, tree, html) == (["陈思远"], ["澎湃新闻"])


def test_one_word_after_a_comma_is_the_outlet_when_the_page_links_to_its_site() -> None:
    # "Victor Tangermann, Futurism" on a page that links to futurism.com: the outlet the story
    # came from; "By Sodiq Omolaoye, Abuja" on a page with no such link: where he filed from
    tree = load_html('<html><body><p>First published by <a href="https://futurism.com/a">Futurism</a>.'
                     '<a href="/abuja/">Abuja</a> <a href="mailto:x@abuja.example">mail</a></p>'
                     '</body></html>')
    linked = links_to_site(tree)
    byline = ["Victor Tangermann, Futurism"]
    assert split_byline(byline, linked=linked) == (["Victor Tangermann"], ["Futurism"])
    assert split_byline(["Victor Tangermann, Futurism"]) == (["Victor Tangermann"], [])
    assert split_byline(["By Sodiq Omolaoye, Abuja"], linked=linked) == (["Sodiq Omolaoye"], [])


def test_a_cjk_byline_naming_the_site_without_its_latin_word_is_the_outlet() -> None:
    # "[山田太郎，テックウォッチ]" on a site named "テックウォッチ NEWS" (tests/cjkweb)
    site = (["テックウォッチ NEWS"], "techwatch", "techwatch.example")
    assert split_byline(["[山田太郎，テックウォッチ]"], *site) == (["山田太郎"], ["テックウォッチ"])
    assert split_byline(["[山田太郎，佐藤花子]"], *site) == (["山田太郎", "佐藤花子"], [])


def test_a_portals_provider_meta_tag_credits_a_story_whose_byline_credits_nobody() -> None:
    # a portal's copy of an agency story: the byline names the reporter, the provider tag the
    # agency (tests/syndweb); a provider that is an address or no organisation credits nobody
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
          "author": {"@type": "Person", "name": "Tom Hale"}}
    head = '<meta name="provider" content="Associated Press">'
    art = extract(page(head, jsonld=ld))
    assert (art.authors, art.credit) == (["Tom Hale"], ["Associated Press"])
    for other in ('<meta name="provider" content="https://example.com/feed">',
                  '<meta name="source" content="Jane Poe">'):
        assert extract(page(other, jsonld=ld)).credit == [], other
    byline = '<p class="byline">By Tom Hale, Reuters</p>'  # a credit of its own stays
    assert extract(page(head, jsonld=ld, byline=byline)).credit == ["Reuters"]


def test_a_columnists_closing_line_credits_whom_the_column_is_written_for() -> None:
    # a syndicated column (tests/syndweb): the writer's closing line names the syndicate
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
          "author": {"@type": "Person", "name": "Dana Whitfield"}}
    for closing, credit in (
        ("Dana Whitfield writes about work and technology for Crestline Features Syndicate.",
         ["Crestline Features Syndicate"]),
        ("Dana Whitfield is a columnist for the Harbour Writers Group.", ["Harbour Writers Group"]),
        ("Dana Whitfield writes about work for us.", []),  # nobody named
        ("Sam Poe writes about work for Crestline Features Syndicate.", []),  # not the writer
    ):
        assert extract(page(jsonld=ld, paragraphs=[*PARAGRAPHS, closing])).credit == credit, closing


def test_a_desk_shown_as_the_byline_takes_the_place_of_the_outlets_own_name() -> None:
    # a Swiss daily (tests/dachweb): its JSON-LD names the outlet as the author, the page shows
    # the desk in an element whose class token ends in -author, the story signs off with agencies
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
          "author": {"@type": "Organization", "name": "Harbour Depesche"},
          "publisher": {"@type": "Organization", "name": "Harbour Depesche"}}
    head = '<meta property="og:site_name" content="Harbour Depesche">'
    byline = '<span class="metainfo__item metainfo__item--author">Redaktion Zürich</span>'
    art = extract(page(head, jsonld=ld, byline=byline, paragraphs=[*PARAGRAPHS, "(sda/dpa)"]))
    assert (art.authors, art.credit) == ([], ["Redaktion Zürich", "sda", "dpa"])
    # such an element naming no desk and opening as no byline is none
    other = '<span class="metainfo__item--author">Zürich</span>'
    assert extract(page(head, jsonld=ld, byline=other)).credit == ["Harbour Depesche"]


def test_an_outlet_named_beside_the_author_links_in_their_block_is_the_credit() -> None:
    # Gannett's affiliation under the linked name; a chain's sister paper after the names
    # (tests/localweb, tests/anglweb); not a job title, a label or the page's own outlet
    head = '<meta property="og:site_name" content="Piedmont Courier">'
    for block, credit in (
        ('<div class="gnt_ar_by"><a href="/staff/kara-simms/">Kara Simms</a>'
         '<div class="gnt_ar_by_j">USA TODAY NETWORK</div></div>', ["USA TODAY NETWORK"]),
        ('<div class="published-by"><div>Authors of the article:</div><span><a href="/author/bryce-roe">'
         'Bryce Roe</a></span><span><a href="/author/hana-poe">Hana Poe</a></span>'
         '<span>&nbsp;•&nbsp;Foothills Herald</span></div>', ["Foothills Herald"]),
        ('<div class="who"><a href="/author/kara-simms/">Kara Simms</a><span>Staff Writer</span></div>', []),
        ('<div class="who"><a href="/author/kara-simms/">Kara Simms</a><span>Piedmont Courier</span></div>',
         []),
    ):
        art = extract(page(head, byline=block))
        assert art.authors and art.credit == credit, block
