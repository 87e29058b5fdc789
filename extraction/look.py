"""Colours, themes and settings, where the article states them, named in English."""
import re

from .document import Document

COLORS = {
    "neon blue": r"neon[- ]blue|неоново-син\w+|неонов\w+ син\w+", "fuchsia": r"fuchsia|фукси\w+",
    "red": r"\bred\b|красн\w+|алы\w", "blue": r"\bblue\b|син\w+|голуб\w+", "green": r"\bgreen\b|зел[её]н\w+",
    "yellow": r"\byellow\b|ж[её]лт\w+", "orange": r"\borange\b|оранжев\w+", "pink": r"\bpink\b|розов\w+",
    "purple": r"\bpurple\b|\bviolet\b|фиолетов\w+|пурпурн\w+", "black": r"\bblack\b|ч[её]рн\w+",
    "white": r"\bwhite\b|бел(?:ый|ая|ое|ые|ого|ой|ом|ым|ых)\b", "gold": r"\bgold(?:en)?\b|золот\w+",
    "teal": r"\bteal\b|бирюз\w+", "grey": r"\bgr[ae]y\b|сер(?:ый|ая|ое|ые|ого|ой|ом|ым|ых)\b",
    "sepia": r"\bsepia\b|сепи\w+", "monochrome": r"black[- ]and[- ]white|monochrome|ч[её]рно-бел\w+|монохром\w*",
}
SETTINGS = {
    "desert": r"\bdesert\b|пустын\w+", "limousine": r"\blimo(?:usine)?\b|лимузин\w*",
    "spaceship": r"\bspace ?ship\b|\bspacecraft\b|космическ\w+ корабл\w+|звездол[её]т\w*",
    "house": r"\bhouse\b|\bhome\b|дом\b|доме\b|дома\b", "warehouse": r"\bwarehouse\b|склад\w*|ангар\w*",
    "factory": r"\bfactory\b|завод\w*|фабрик\w*", "forest": r"\bforest\b|\bwoods\b|лес\b|лесу\b|леса\b",
    "sea": r"\bsea\b|\bocean\b|\bbeach\b|мор[ея]\b|океан\w*|пляж\w*", "city": r"\bcity\b|город\w*",
    "car": r"\bcar\b|машин\w+|автомобил\w+", "club": r"\bnightclub\b|\bclub\b|клуб\w*",
    "stage": r"\bstage\b|сцен[аеуы]\b", "street": r"\bstreets?\b|улиц\w+",
    "red square": r"Red Square|Красн\w+ площад\w+", "snow": r"\bsnow\w*|снег\w*|снеж\w+",
}
THEMES = {
    "love": r"\blove\b|любов\w+|влюбл\w+", "loss": r"\bloss\b|\bgrief\b|утрат\w+|потер\w+",
    "escape": r"\bescap\w+|побег\w*|сбежа\w+|бегств\w+", "fame": r"\bfame\b|\bcelebrity\b|слав[аеуы]\b|известност\w+",
    "loneliness": r"\blonel\w+|\balone\b|одиночеств\w+|одинок\w+", "memory": r"\bmemor\w+|воспоминан\w+|памят\w+",
    "violence": r"\bviolen\w+|\bgun\w*|насили\w+|оружи\w+", "death": r"\bdeath\b|\bdying\b|смерт\w+",
    "dream": r"\bdream\w*|сн[аеуы]\b|сновиден\w+|мечт\w+", "regret": r"\bregret\w*|сожален\w+",
    "protest": r"\bprotest\w*|протест\w*", "party": r"\bpart(?:y|ies)\b|вечеринк\w+|тусовк\w+",
    "identity": r"\bidentity\b|идентичност\w+|самоопредел\w+",
}
LOOK_CONTEXT = re.compile(r"video|clip|visual|frame|shot|scene|palette|colou?r|look|клип|видео|кадр|"
                          r"сцен|палитр|цвет|оттен|гамм|картинк|ролик|действие|происходит|set in|takes place",
                          re.IGNORECASE)


def names_in(text: str, table: dict[str, str]) -> list[str]:
    return [name for name, pattern in table.items() if re.search(pattern, text, re.IGNORECASE)]


def find_look(doc: Document) -> Document:
    if not doc.videos:
        return doc
    video = doc.videos[0]
    for sentence in doc.sentences:
        if not LOOK_CONTEXT.search(sentence.text):
            continue
        for target, table in ((video.colors, COLORS), (video.settings, SETTINGS), (video.themes, THEMES)):
            for name in names_in(sentence.text, table):
                if name not in target:
                    target.append(name)
    if "neon blue" in video.colors and "blue" in video.colors:
        video.colors.remove("blue")
    return doc
