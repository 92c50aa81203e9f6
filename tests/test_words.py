"""Word counts in scripts written with and without spaces between words."""

import pytest

from newscrawl.words import length_in_words, word_count


@pytest.mark.parametrize(
    ("text", "count", "length"),
    [
        ("", 0, 0),
        ("Tech workers sign a letter.", 5, 5),
        ("it's the U.S.", 5, 5),  # runs of word characters, as before
        ("Über die Abschiebungen", 3, 3),
        ("한국어 문장입니다", 2, 2),  # Korean is written with spaces
        ("国際", 2, 1),
        ("米国の強制送還、過去最多に", 12, 6),
        ("昨年度は40万人を超えた。", 11, 6),  # "40" is one word
        ("ICEとの契約", 5, 3),
        # vowel signs and viramas are part of their words (three times the words before:
        # tests/asiaweb); so is an accent written apart from its letter
        ("যুক্তরাষ্ট্রের অভিবাসন সংস্থা", 3, 3),
        ("भारतीय इंजीनियरों ने पत्र लिखा", 5, 5),
        ("cafe\u0301 noir", 2, 2),
    ],
)
def test_word_count_and_length(text: str, count: int, length: int) -> None:
    assert word_count(text) == count
    assert length_in_words(text) == length


def test_parted_puts_a_break_where_the_index_parts_chinese_japanese_and_thai() -> None:
    from newscrawl.words import INDEX_BREAK, joined, parted

    assert parted("美国ICE与科技公司") == INDEX_BREAK.join(["美", "国", "ICE", "与", "科", "技", "公", "司"])
    assert parted("（移民局）称", " ") == "（移 民 局）称"  # punctuation parts already
    assert parted("2026年1月") == f"2026{INDEX_BREAK}年{INDEX_BREAK}1{INDEX_BREAK}月"
    assert parted("ICEとの契約", " ") == "ICE と の 契 約"
    assert parted("กรุงเทพ", " ") == "ก ร ุ ง เ ท พ"
    assert parted("서울 ICE 시위") is None, "Korean puts spaces between words"
    assert parted("Inmigración") is None and parted("ICE") is None and parted("") is None
    # the query side: the phrase of the characters, joined again for an index of whole runs
    assert joined('"移 民 局" AND "美 国 ICE"') == '"移民局" AND "美国ICE"'
    assert joined('"open letter" OR "raid"') == '"open letter" OR "raid"'
