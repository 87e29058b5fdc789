"""Korean family names and the ways they are spelled in Latin and Cyrillic letters.

A family name is looked up, not derived: 이 is "Lee" to most people, "Yi" in RR, "Rhee", "Ri" in
North Korea and "Ли" in Russian, and no rule about syllables turns "Lee" into "Yi". Every spelling
of one name leads to one key, so the key, not the spelling, is what names are compared on.

Decisions worth knowing:
- Lee, Yi, Rhee, Rhie, Li, Ri, I, Yee (이, 리; Ли, Ри, И) are one name, key "lee". Chinese Li (李)
  is the same character and is meant to meet it.
- 류 (柳) and 유 (劉, 兪) are different family names. "Ryu", "Ryoo", "Rhyu", "Lyu" and Russian
  "Рю" are always 류 (key "ryu"); "Yoo", "Yu", "You" and Russian "Ю" are how 유 is spelled (key
  "yoo"). Some 柳 families also spell themselves "Yoo", and Russian texts sometimes write "Ю" for
  them: those pairs do not meet here and are left to `similarity`, which ranks them as near
  misses. Merging the two keys would make every Ryu meet every Yoo of the same given name.
- Jung, Jeong, Chung, Cheong, Joung (정) share key "jeong"; "Chun" is both 전 (Jeon) and
  천 (Cheon); Russian "Чон" is both 정 and 전, and "Сон" is 송, 손, 성 or 선. An ambiguous
  spelling leads to every name it can be.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Surname:
    key: str
    hangul: tuple[str, ...]
    cyrillic: tuple[str, ...]
    latin: tuple[str, ...]  # most used first


def _surname(key: str, hangul: str, cyrillic: str, latin: str) -> Surname:
    return Surname(key, tuple(hangul.split()), tuple(cyrillic.split()), tuple(latin.split()))


# The most frequent family names (well over 95% of Koreans), most frequent first.
SURNAMES = (
    _surname("kim", "김", "Ким", "Kim Gim Ghim"),
    _surname("lee", "이 리", "Ли Ри И", "Lee Yi Rhee Li Ri I Rhie Yee"),
    _surname("park", "박", "Пак Бак", "Park Pak Bak Bahk"),
    _surname("choi", "최", "Чхве Цой Чой", "Choi Choe Choy Chey"),
    _surname("jeong", "정", "Чон Чжон", "Jung Jeong Chung Cheong Joung Chong"),
    _surname("kang", "강", "Кан Канг", "Kang Gang Kahng"),
    _surname("cho", "조", "Чо Чжо Джо", "Cho Jo Joe"),
    _surname("yoon", "윤", "Юн", "Yoon Yun Youn"),
    _surname("jang", "장", "Чан Чжан Джан", "Jang Chang"),
    _surname("lim", "임 림", "Им Лим Рим", "Lim Im Yim Rim"),
    _surname("han", "한", "Хан", "Han Hahn"),
    _surname("oh", "오", "О", "Oh O"),
    _surname("seo", "서", "Со", "Seo Suh Seoh"),
    _surname("shin", "신", "Син Шин", "Shin Sin Shinn"),
    _surname("kwon", "권", "Квон", "Kwon Gwon Kweon"),
    _surname("hwang", "황", "Хван", "Hwang Whang"),
    _surname("ahn", "안", "Ан", "Ahn An"),
    _surname("song", "송", "Сон Сонг", "Song"),
    _surname("ryu", "류", "Рю", "Ryu Ryoo Rhyu Lyu"),
    _surname("jeon", "전", "Чон Чжон", "Jeon Jun Chun Chon"),
    _surname("hong", "홍", "Хон Хонг", "Hong"),
    _surname("ko", "고", "Ко Го", "Ko Go Koh"),
    _surname("moon", "문", "Мун", "Moon Mun"),
    _surname("yang", "양", "Ян", "Yang"),
    _surname("son", "손", "Сон", "Son Sohn"),
    _surname("bae", "배", "Пэ Бэ", "Bae Pae"),
    _surname("baek", "백", "Пэк Бэк", "Baek Paik Baik Paek"),
    _surname("heo", "허", "Хо", "Heo Huh Hur"),
    _surname("yoo", "유", "Ю", "Yoo Yu You"),
    _surname("nam", "남", "Нам", "Nam"),
    _surname("shim", "심", "Сим Шим", "Shim Sim"),
    _surname("noh", "노 로", "Но Ро", "Noh No Roh Ro"),
    _surname("ha", "하", "Ха", "Ha Hah"),
    _surname("kwak", "곽", "Квак", "Kwak Gwak"),
    _surname("seong", "성", "Сон Сонг", "Sung Seong"),
    _surname("cha", "차", "Ча Чха", "Cha"),
    _surname("joo", "주", "Чу Чжу Джу", "Joo Ju Chu"),
    _surname("woo", "우", "У", "Woo U"),
    _surname("koo", "구", "Ку Гу", "Koo Ku Gu Goo"),
    _surname("min", "민", "Мин", "Min"),
    _surname("jin", "진", "Чин Чжин Джин", "Jin Chin"),
    _surname("na", "나 라", "На Ра", "Na Ra La"),
    _surname("ji", "지", "Чи Чжи Джи", "Ji Chi"),
    _surname("eom", "엄", "Ом", "Eom Um Uhm"),
    _surname("chae", "채", "Чхэ Чэ", "Chae"),
    _surname("won", "원", "Вон", "Won"),
    _surname("cheon", "천", "Чхон", "Cheon Chun Chon"),
    _surname("bang", "방", "Пан Бан", "Bang Pang"),
    _surname("kong", "공", "Кон Гон", "Kong Gong"),
    _surname("hyun", "현", "Хён", "Hyun Hyeon"),
    _surname("ham", "함", "Хам", "Ham Hahm"),
    _surname("byun", "변", "Пён Бён", "Byun Byeon Pyun"),
    _surname("yeom", "염", "Ём", "Yeom Yum"),
    _surname("yeo", "여", "Ё", "Yeo Yuh"),
    _surname("choo", "추", "Чху", "Choo Chu"),
    _surname("do", "도", "То До", "Do Doh"),
    _surname("seok", "석", "Сок", "Seok Suk"),
    _surname("seon", "선", "Сон", "Sun Seon"),
    _surname("seol", "설", "Соль", "Seol Sul"),
    _surname("ma", "마", "Ма", "Ma"),
    _surname("gil", "길", "Киль Гиль", "Gil Kil"),
    _surname("yeon", "연", "Ён", "Yeon Youn Yun"),
    _surname("wi", "위", "Ви", "Wi Wee"),
    _surname("pyo", "표", "Пхё", "Pyo"),
    _surname("myung", "명", "Мён", "Myung Myeong"),
    _surname("ki", "기", "Ки Ги", "Ki Gi"),
    _surname("ban", "반", "Пан Бан", "Ban Pan"),
    _surname("wang", "왕", "Ван", "Wang"),
    _surname("geum", "금", "Кым", "Keum Geum Kum"),
    _surname("ok", "옥", "Ок", "Ok"),
    _surname("yook", "육", "Юк", "Yook Yuk"),
    _surname("in", "인", "Ин", "In"),
    _surname("maeng", "맹", "Мэн", "Maeng"),
    _surname("je", "제", "Че Дже", "Je"),
    _surname("mo", "모", "Мо", "Mo"),
    _surname("tak", "탁", "Тхак", "Tak"),
    _surname("kook", "국", "Кук", "Kook Kuk Guk"),
    _surname("bong", "봉", "Пон Бон", "Bong"),
    _surname("eun", "은", "Ын", "Eun"),
    _surname("namgoong", "남궁", "Намгун", "Namgoong Namkung Namgung"),
    _surname("hwangbo", "황보", "Хванбо", "Hwangbo"),
    _surname("jegal", "제갈", "Чегаль", "Jegal"),
    _surname("seonwoo", "선우", "Сону", "Sunwoo Seonwoo"),
    _surname("dokgo", "독고", "Токко", "Dokgo Tokko"),
    _surname("sagong", "사공", "Сагон", "Sagong"),
    _surname("seomun", "서문", "Сомун", "Seomun"),
)


def _index(spellings_of) -> dict[str, tuple[Surname, ...]]:
    index: dict[str, tuple[Surname, ...]] = {}
    for surname in SURNAMES:
        for spelling in spellings_of(surname):
            index[spelling.casefold()] = index.get(spelling.casefold(), ()) + (surname,)
    return index


_BY_LATIN = _index(lambda surname: surname.latin)
_BY_CYRILLIC = _index(lambda surname: surname.cyrillic)
_BY_HANGUL = _index(lambda surname: surname.hangul)


def surnames_spelled(word: str, script: str) -> tuple[Surname, ...]:
    """The family names `word` can be in `script` ("Latn", "Cyrl", "Hang"); () if none."""
    index = {"Latn": _BY_LATIN, "Cyrl": _BY_CYRILLIC, "Hang": _BY_HANGUL}[script]
    return index.get(word.casefold(), ())
