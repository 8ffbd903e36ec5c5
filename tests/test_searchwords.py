"""How search reads a query besides its letters (core.searchwords): the words readers type, the
characters a Chinese query is folded to, and the site's words offered for a word mistyped."""

from collections import Counter

from jiaoliu.core import searchwords
from jiaoliu.core.traditional import Converter, dictionaries

SIMPLIFIED = Converter("t2s").opencc


def test_a_readers_word_serves_only_where_the_site_uses_its_word_and_not_the_readers():
    text = "Hong Kong and Macao students. Apply online."
    table = [("Macau", "Macao"), ("lift", "elevator"), ("online", "web"), ("MOU", "cooperation agreement")]
    # elevator, web and "cooperation agreement" are not on this site; "online" is the site's own word.
    assert searchwords.latin_words(table, text) == {"macau": "macao"}


def test_a_chinese_readers_word_is_kept_in_simplified_whichever_script_staff_wrote():
    text = "新西兰尼尔森·马尔伯勒理工学院；香港职业训练局；电梯工程"
    table = [("職訓局", "職業訓練局"), ("升降機", "电梯"), ("纽西兰", "新西兰"), ("电梯", "电梯工程")]
    words = searchwords.chinese_words(table, text, SIMPLIFIED)
    # 电梯 is the site's own word: it is found as itself, not read as 电梯工程.
    assert words == {"职训局": "职业训练局", "升降机": "电梯", "纽西兰": "新西兰"}


def test_taiwan_and_hong_kong_forms_come_from_openccs_phrases_for_the_sites_words_only():
    regional = searchwords.regional_entries(dictionaries(searchwords.REGIONAL))
    table = searchwords.table("新西兰 冈比亚 软件技术", [], SIMPLIFIED, regional)
    assert {"纽西兰": "新西兰", "甘比亚": "冈比亚", "软体": "软件"}.items() <= table["words"].items()
    assert all(site in "新西兰 冈比亚 软件技术" for site in table["words"].values())
    # What a query typed in Traditional needs to reach them: 紐 → 纽, 體 → 体.
    assert {"紐": "纽", "蘭": "兰", "體": "体"}.items() <= table["fold"].items()


def test_the_more_frequent_source_of_a_traditional_character_wins():
    pairs = Counter({("乾", "干"): 3, ("乾", "乾"): 1, ("學", "学"): 2, ("A", "a"): 5, ("絡", "系"): 9})
    sources = dict(dictionaries((searchwords.CHARACTERS,))[searchwords.CHARACTERS])
    # 絡 for 系: the office's 聯絡 for 联系, a word, not a character's other form.
    assert searchwords.most_common(pairs, sources) == {"乾": "干", "學": "学"}


def test_the_vocabulary_lists_longer_words_most_used_first_in_their_usual_form():
    text = "Malaysia malaysia Malaysia Thailand. The Gambia, a partner; partners."
    assert searchwords.vocabulary(text) == ["Malaysia", "Gambia", "partner", "partners", "Thailand"]
