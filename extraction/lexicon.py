"""Words that signal a role, a release, a reference or a trap, in Russian and English.

Patterns are ordered: the first role whose pattern matches a stretch of text wins it, so the
longer, more specific phrases ("оператор-постановщик", "director of photography") come before
the short ones ("постановщик", "director").
"""
import re

ROLE_PATTERNS = {
    "en": [
        ("cinematographer", r"director of photography|cinematograph(?:er|y)|\bD\.?o\.?P\b|\bDP\b|"
                            r"\bshot by\b|\blensed by\b|\bcamera(?: work)? by\b|behind the camera|\bshot (?:the|it)\b|"
                            r"\bphotographed by\b"),
        ("art_director", r"\bart[- ]direct(?:or|ors|ion|ed)\b"),
        ("production_designer", r"\bproduction[- ]design(?:er|ers|ed)?\b|\bset design(?:er)?\b|"
                                r"\bdesigned the sets?\b"),
        ("production_company", r"\bproduction (?:company|house|studio)\b|\bproduced (?:by|through|via) "
                               r"(?=[A-Z][\w&.' -]*(?:Films?|Pictures|Productions?|Studios?|Media|Content|"
                               r"Partizan|Pulse|Somesuch|Iconoclast|Prettybird|Object & Animal|Caviar))|"
                               r"\bproduction:"),
        ("screenwriter", r"\bscreenplay\b|\bscreenwriter\b|\bscript(?:ed)?(?: by)?\b|\bwrote the script\b|"
                         r"\bwritten and directed\b|\bwrote and directed\b|\bco-?wrote\b|\bwrote\b(?= the (?:video|clip|treatment|story))"),
        ("director", r"\bco-?direct(?:ed|s|ing|or|ors)\b|\bdirect(?:ed|s|ing)\b|\bdirectors?\b|\bdir\.|\bdirs?\b|"
                     r"\bhelm(?:ed|s)?\b|\bhelmer\b|\bdirectorial\b|\bbehind the lens\b|\bfilmmaker\b|\bat the helm\b"),
        ("editor", r"\bedit(?:or|ors|ed|ing)?\b|\bcut by\b|\bcut the (?:video|clip)\b"),
        ("choreographer", r"\bchoreograph(?:er|ers|y|ed)\b|\bchoreo\b|\bmovement direct(?:or|ion)\b|\bdance moves by\b"),
        ("producer", r"\bexecutive produc(?:er|ed)\b|\bproduc(?:er|ers|ed|ing)\b"),
        ("songwriter", r"\bsongwriters?\b|\bwrote the song\b|\bsong (?:was )?written by\b|\bpenned\b|\bco-?wrote the song\b"),
        ("stylist", r"\bstyl(?:ist|ists|ing|ed)\b|\bwardrobe\b|\bcostume design(?:er|ers|ed)?\b|\bcostumes by\b"),
        ("lighting", r"\bgaffer\b|\blighting(?: designer| director)?\b"),
        ("vfx", r"\bVFX\b|\bvisual effects\b|\bCGI\b"),
        ("colorist", r"\bcolou?rist\b|\bcolou?r[- ]grad(?:e|ed|ing|er)\b"),
        ("animator", r"\banimat(?:or|ors|ion|ed)\b"),
        ("cast", r"\bstarring\b|\bstars\b|\bco-?stars?\b|\bfeatur(?:es|ing|ed) (?:actress|actor|dancer|model)s?\b|"
                 r"\bactress\b|\bactor\b|\bcast\b|\bappears?\b|\bappearance\b|\bplays\b|\bplayed\b|"
                 r"\bin the lead\b|\blead role\b|\bcameo\b|\bopposite\b|\bstarred\b|\bdances\b"),
    ],
    "ru": [
        ("cinematographer", r"оператор\w*(?:-постановщик\w*)?|за камерой|операторск\w+|\bDP\b|\bDoP\b|снимал\w*(?= оператор)"),
        # The convention: художник-постановщик is the art director; the English
        # "production designer" stays production_designer.
        ("art_director", r"арт-директор\w*|арт-дирекш\w*|художествен\w+ руководител\w+|"
                         r"художни(?:к|ца|цей|ком|цы|ка|цу)[- ]постановщи\w*|"
                         r"художни(?:к|ца|цей|ком|цы|ка|цу)\b(?! по (?:костюм|свет|декорац|гриму))"),
        ("production_designer", r"художник\w* по декорациям|декорации|\bproduction designer\b"),
        ("screenwriter", r"сценари\w+|сценарист\w*|автор\w* сценария|написал\w* сценарий"),
        ("choreographer", r"хореограф\w*|постановк\w+ танц\w*|поставил\w* (?:танц\w*|танец)|танцы поставил\w*"),
        ("director", r"режисс[её]р\w*|режиссур\w*|режисс[её]рск\w+|срежиссир\w+|постановщи\w*|"
                     r"\bснял(?:а|и)?\b(?! в)|\bсняв\w*\b|\bпоставил(?:а|и)?\b|\bснимал(?:а|и)?\b|"
                     r"\bвыступил\w* режисс\w*|\bdirected by\b|\bdirector\b"),
        ("editor", r"монтаж\w*|смонтировал\w*|монтаж[её]р\w*|\beditor\b"),
        ("producer", r"продюсер\w*|спродюсировал\w*|продюсировал\w*|\bproducer\b"),
        ("production_company", r"продакшн\w*|продакшен\w*|\bпродакшн-студи\w+|производств\w+ студи\w+|"
                               r"\bproduction\b"),
        ("songwriter", r"автор\w* (?:песни|текста|музыки)|написал\w* песню|сочинил\w*|"
                       r"(?:музыку|текст) (?:к песне |песни )?(?:написал\w*|сочинил\w*)|\bтекст\b(?= —)"),
        ("stylist", r"стилист\w*|художни\w* по костюмам|костюмер\w*|образ\w* (?:создал|придумал)\w*"),
        ("lighting", r"художник\w* по свету|осветител\w*|светом занимал\w*|\bгаффер\w*|\bсвет\b"),
        ("vfx", r"визуальн\w+ эффект\w*|спецэффект\w*|\bVFX\b|компьютерн\w+ (?:графи|эффект)\w*|\bCGI\b"),
        ("colorist", r"цветокоррекц\w*|колорист\w*|цветокорректор\w*"),
        ("animator", r"анимаци\w*|аниматор\w*|мультипликатор\w*"),
        ("cast", r"в главн\w+ рол\w+|в роли\b|в ролях|сыграл\w*|снял(?:ась|ся|ись)|снимал(?:ась|ся|ись)|"
                 r"появля\w+|появил\w+|актрис\w*|актёр\w*|актер\w*|роль\b|роли\b|ролью|камео|партнёр\w* по кадру|"
                 r"исполнил\w* роль|\bstarring\b|\bигра(?:ет|ют|ла|л|ли)\b|\bтанцу(?:ет|ют)\b"),
    ],
}

ROLE_REGEX = {lang: [(role, re.compile(p, re.IGNORECASE if lang == "en" else re.IGNORECASE))
                     for role, p in patterns] for lang, patterns in ROLE_PATTERNS.items()}

# A credit in such a clause is about something else: an earlier video, a film, the album.
TRAP_PATTERNS = {
    "en": re.compile(
        r"\b(?:previous(?:ly)?|earlier|before (?:that|this|working)|last (?:year|time)|in \d{4},|back in|"
        r"known for|best known|famous for|whose (?:films|credits|work)|his films|her films|"
        r"filmography|also (?:directed|shot|made)|has (?:also )?(?:directed|shot|worked)|had (?:directed|shot)|"
        r"went on to|feature film|film director|made (?:him|her|them) a|features? (?:include|such as)|the film\b|the series\b|"
        r"album (?:was|is) produced|produced the (?:album|record|song|track)|"
        r"(?:album|record|track|single)'?s? produc|producers? (?:on|of) the (?:album|record|track|song))",
        re.IGNORECASE),
    "ru": re.compile(
        r"ранее|раньше|прежде|до этого|до работы|до того|в прошлом|в прошлый раз|прошл\w+ (?:год|клип|работ)|предыдущ\w+|"
        r"известн\w+ по|известн\w+ (?:работ|фильм)|знаком\w* по|прославил\w*|"
        r"в (?:его|её|ее) фильмограф|фильмограф\w*|(?:его|её|ее) фильм\w*|"
        r"также (?:снял|работал)|уже (?:снимал|работал)|работал\w* над фильм|в фильм(?:ах|е)\b|в сериал\w*|"
        r"альбом\w* (?:спродюсировал|продюсировал)|продюсер\w* альбома|спродюсировал\w* (?:альбом|трек|песню|пластинку)|"
        r"над альбомом|над пластинкой",
        re.IGNORECASE),
}

VIDEO_WORDS = {
    "en": re.compile(r"\b(?:music )?videos?\b|\bclips?\b|\bvisuals?\b|\bshort film\b|\bMV\b", re.IGNORECASE),
    "ru": re.compile(r"клип\w*|видео\w*|ролик\w*|короткометражк\w*|\bMV\b", re.IGNORECASE),
}
ALBUM_WORDS = {
    "en": re.compile(r"\balbums?\b|\bLP\b|\bEP\b|\brecord\b|\bmixtape\b|\bdebut\b(?= (?:album|LP))", re.IGNORECASE),
    "ru": re.compile(r"альбом\w*|пластинк\w*|\bLP\b|\bEP\b|мини-альбом\w*|микстейп\w*", re.IGNORECASE),
}
RELEASE_WORDS = {
    "en": re.compile(r"\breleas\w*|\bpremier\w*|\bdropp?\w*|\bout\b|\bdebut\w*|\bunveil\w*|\bshared\b|"
                     r"\bposted\b|\barriv\w*|\bcame out\b|\bcomes out\b|\bpublished\b|\blaunch\w*|\bdue\b|"
                     r"\bcoming\b|\bappeared\b|\bfrom\b|\bdated\b", re.IGNORECASE),
    "ru": re.compile(r"вышел|вышла|вышло|вышли|выходит|выйдет|выход\w*|вышедш\w*|премьер\w*|релиз\w*|"
                     r"представ\w*|опубликова\w*|выпусти\w*|выпущен\w*|показа\w*|появи\w*|увидел\w* свет|"
                     r"состоял\w*|выложил\w*|датирован\w*|от \d|намечен\w*|ожида\w*|появил\w*|запланирован\w*",
                     re.IGNORECASE),
}
REFERENCE_PATTERNS = {
    "en": [
        ("continues", r"\bcontinu(?:es|ing|ed|ation)\b(?: of)?(?: the story of)?|\bsequel to\b|\bpicks up where\b|\bpart two of\b|"
                      r"\bwhat happens after\b|\bopens where\b|\bpicks up after\b|\bfollow-?up to\b"),
        ("quotes_film", r"\bquot(?:es|ing|ed)\b|\bhomage to\b|\bpays tribute to\b|\bnod to the film\b|\brecreat\w+\b"),
        ("same_universe", r"\bsame universe\b|\bshared universe\b"),
        ("references", r"\bcall-?back to\b|\bborrows from\b|\bfootage from\b|\bweaves in\b|\breferenc(?:es|ing|ed)\b|\bnods? to\b|\ballusion to\b|\bechoes\b|"
                       r"\bcallback\b|\bwink to\b|\breprises\b|\bharks back to\b|\blooks back to\b"),
    ],
    "ru": [
        ("continues", r"продолжени\w*|продолжает\w*|сиквел\w*|вторая часть|продолжил\w* историю"),
        ("quotes_film", r"цитир\w+|цитат\w+|оммаж\w*|дань уважения|воссозда\w+"),
        ("same_universe", r"(?:той же|одной|общей) вселенн\w+"),
        ("references", r"отсыл\w+|отсылает|отсылк\w+|отсылая|перекличк\w+|аллюзи\w+|напомина\w+ о|возвращает к|"
                       r"кивок|намёк\w* на|намек\w* на"),
    ],
}
REFERENCE_REGEX = {lang: [(kind, re.compile(p, re.IGNORECASE)) for kind, p in patterns]
                   for lang, patterns in REFERENCE_PATTERNS.items()}

# Words that are capitalised but never part of an English person's name.
NOT_NAME_WORDS = set("""
The A An And But Or Nor For So Yet In On At By To Of From With Without About After Before During
This That These Those His Her Their Its Our My Your We They He She It I You Who Whom Whose Which
What When Where Why How Director Directors Directed Cinematographer Editor Producer Producers
Choreographer Stylist Starring Cast Video Videos Music Clip Album Song Single Track Film Series
Netflix YouTube Instagram Facebook TikTok Twitter Spotify Apple Vevo MTV Grammy Grammys Emmy
Emmys Oscar Oscars BAFTA Cannes Award Awards Academy Festival Monday Tuesday Wednesday Thursday
Friday Saturday Sunday January February March April May June July August September October
November December Photo Photograph Still Image Credits Credit Source Read Also Related Review
Reviews News Premiere Watch Listen Share Subscribe Menu Home Search Cookie Cookies Accept Deep
Cuts Korean Russian American British English French Japanese Chinese Kazakh Seoul Moscow London
Los Angeles New York Paris Tokyo Berlin LA NYC Mr Mrs Ms Dr Sir Madame Part Chapter Act Scene
Official Visualizer Lyric Live Version Remix Feat Featuring Ft Vol Volume Edition Deluxe It's
Here There Now Then Also Still Just Only Even Both All Each Every Some Many Most More Less One Two
Three First Second Third Last Next New Old Big Little Little Black White Red Blue Green Gold
Golden Silver Neon Light Dark Night Day Morning Evening Love Life Death God Lord King Queen
Production Productions Films Pictures Studio Studios Media Records Entertainment Label Company
Screenwriter Screenwriters Animator Animators Cinematographer Choreographer Editor Gaffer
Producer Director Stylist Colorist Songwriter Songwriters Writer Writers Designer Designers
Actress Actor Actors Dancer Dancers Singer Rapper Band Duo Group Designer Gaffer Colorist Colourist
Editors Stylists Starring Co-starring Featuring Composer Photographer Narrator Host Creator
Executive Head Chief President Founder Member Members Frontman Frontwoman Vocalist Guitarist
Cinematography Choreography Direction Directed Produced Shot Edited Written Styled Lit
Treatment Concept Post Grade Grading Sound Mix Mixing Casting Makeup Make-up Hair Props
Behind Inside Outside Across Through Into Over Under Between Halfway Where Whose While Since
Until Though Although Because If Unless Whether Like Unlike Despite Unlike Per Via Vs Versus
DP DoP VFX CGI MV LP EP TV HBO FX BBC Amazon Prime Disney Hulu Coachella SNL Art Design Edit
Dance Camera Lighting Wardrobe Styling Color Colour Animation Screenplay Script Writer Written
""".split())

MONTHS_EN = ("january february march april may june july august september october november december "
             "jan feb mar apr jun jul aug sep sept oct nov dec").split()
