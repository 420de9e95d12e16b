#!/usr/bin/env python3
"""Synthetic newsroom data for the Herald benchmark.

    python3 bench/generate.py --articles 100000 --out bench/out/data [--seed 1]

Writes into OUT:
  site.json            the site definition (demo/site.json, copied as read)
  articles-NNN.jsonl   N articles in `herald import` format, --per-file lines per file,
                       in publication order (oldest first)
  views.sql            seven days of view history (today and the six days before, UTC
                       days computed by SQLite when the file runs) for ~5% of the
                       published articles, one transaction; run it after the import
  manifest.json        what was generated (counts, seed, reference time)

The text is word salad in each edition's script (Latin, Cyrillic, Chinese, Arabic),
so sizes, escaping and UTF-8 widths look like real copy. Only the standard library is used.
"""

import argparse
import json
import os
import random
import sys
import time
import unicodedata
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# ---------------------------------------------------------------------------------------------
# Vocabularies. Cyrillic and Latin words are transliterated for slugs; Chinese and Arabic-script
# words carry their slug form after a colon.

WORDS = {
    "en": """government ministry parliament deputies budget reform approved announced city region
        residents officials project construction investment billion tenge million percent growth
        inflation prices market exports oil gas energy plant railway road bus transport school
        students teachers university hospital doctors patients health water harvest farmers wheat
        weather snow winter summer season team match players coach championship festival theatre
        concert film museum exhibition report data survey committee law bill court police agency
        company bank rates loans households services digital platform startup satellite launch
        climate emissions steppe river lake border neighbours talks agreement visit delegation
        president minister mayor national local new major first second annual record public private
        international regional rural urban will has said expects plans opened extended reported
        increased reduced signed completed launched according to the of in on for with by from and
        after before during over under next year week month the the of of to in a an more than its
        their this that which also""",
    "ru": """правительство министерство парламент депутаты бюджет реформа одобрили объявили город
        регион жители чиновники проект строительство инвестиции миллиард тенге миллион процентов
        рост инфляция цены рынок экспорт нефть газ энергетика станция железная дорога автобус
        транспорт школа студенты учителя университет больница врачи пациенты здоровье вода урожай
        фермеры пшеница погода снег зима лето сезон команда матч игроки тренер чемпионат фестиваль
        театр концерт фильм музей выставка доклад данные опрос комитет закон суд полиция агентство
        компания банк ставки кредиты услуги цифровой платформа спутник запуск климат степь река
        озеро граница переговоры соглашение визит делегация президент министр аким национальный
        местный новый крупный первый ежегодный рекорд в в в на на по для с из и и после до во время
        года неделе месяце который также более чем""",
    "kz": """үкімет министрлік парламент депутаттар бюджет реформа мақұлдады жариялады қала өңір
        тұрғындар жоба құрылыс инвестиция миллиард теңге миллион пайыз өсім инфляция баға нарық
        экспорт мұнай газ энергетика станция теміржол автобус көлік мектеп оқушылар мұғалімдер
        университет аурухана дәрігерлер денсаулық су өнім фермерлер бидай ауа райы қар қыс жаз
        маусым команда матч ойыншылар жаттықтырушы чемпионат фестиваль театр концерт фильм мұражай
        көрме баяндама деректер комитет заң сот полиция агенттік компания банк мөлшерлеме несие
        қызмет цифрлық платформа спутник ұшыру климат дала өзен көл шекара келіссөздер келісім
        сапар делегация президент министр әкім ұлттық жергілікті жаңа ірі бірінші жыл апта ай және
        және бойынша үшін кейін дейін туралы бұл осы сондай-ақ""",
    "qz": """ükımet ministrlık parlament deputattar büdjet reforma maqūldady jariialady qala öñır
        tūrğyndar joba qūrylys investisia milliard teñge million paiyz ösım inflasia bağa naryq
        eksport mūnai gaz energetika stansa temırjol avtobus kölık mektep oquşylar mūğalımder
        universitet auruhana därıgerler densaulyq su önım fermerler bidai aua raiy qar qys jaz
        mausym komanda matç oiynşylar jattyqtyruşy çempionat festival teatr konsert film mūrajai
        körme baiandama derekter komitet zañ sot polisia agenttık kompania bank mölşerleme nesie
        qyzmet sifrlyq platforma sputnik ūşyru klimat dala özen köl şekara kelıssözder kelısım
        sapar delegasia prezident ministr äkım ūlttyq jergılıktı jaña ırı bırınşı jyl apta ai jäne
        jäne boiynşa üşın keiın deiın turaly būl osy sondai-aq""",
    "uz": """ҳукумат вазирлик парламент депутатлар бюджет ислоҳот маъқуллади эълон қилди шаҳар
        вилоят аҳоли лойиҳа қурилиш инвестиция миллиард сўм миллион фоиз ўсиш инфляция нарх бозор
        экспорт нефть газ энергетика станция темир йўл автобус транспорт мактаб ўқувчилар
        ўқитувчилар университет шифохона шифокорлар соғлиқ сув ҳосил фермерлар буғдой об-ҳаво қор
        қиш ёз мавсум жамоа ўйин ўйинчилар мураббий чемпионат фестиваль театр концерт фильм музей
        кўргазма ҳисобот маълумотлар қўмита қонун суд полиция агентлик компания банк ставка кредит
        хизмат рақамли платформа сунъий йўлдош иқлим чўл дарё кўл чегара музокаралар келишув
        ташриф делегация президент вазир ҳоким миллий маҳаллий янги йирик биринчи йил ҳафта ой ва
        ва бўйича учун кейин олдин ҳақида бу ушбу шунингдек""",
    "zh": """政府:zhengfu 部长:buzhang 议会:yihui 代表:daibiao 预算:yusuan 改革:gaige 批准:pizhun
        宣布:xuanbu 城市:chengshi 地区:diqu 居民:jumin 官员:guanyuan 项目:xiangmu 建设:jianshe
        投资:touzi 十亿:shiyi 坚戈:jiange 百万:baiwan 增长:zengzhang 通胀:tongzhang 价格:jiage
        市场:shichang 出口:chukou 石油:shiyou 天然气:tianranqi 能源:nengyuan 电站:dianzhan
        铁路:tielu 公交:gongjiao 交通:jiaotong 学校:xuexiao 学生:xuesheng 教师:jiaoshi
        大学:daxue 医院:yiyuan 医生:yisheng 健康:jiankang 用水:yongshui 收成:shoucheng
        农民:nongmin 小麦:xiaomai 天气:tianqi 降雪:jiangxue 冬季:dongji 夏季:xiaji 球队:qiudui
        比赛:bisai 球员:qiuyuan 教练:jiaolian 锦标赛:jinbiaosai 节日:jieri 剧院:juyuan
        音乐会:yinyuehui 电影:dianying 博物馆:bowuguan 展览:zhanlan 报告:baogao 数据:shuju
        委员会:weiyuanhui 法律:falv 法院:fayuan 警方:jingfang 机构:jigou 公司:gongsi
        银行:yinhang 利率:lilv 贷款:daikuan 服务:fuwu 数字:shuzi 平台:pingtai 卫星:weixing
        发射:fashe 气候:qihou 草原:caoyuan 河流:heliu 湖泊:hupo 边境:bianjing 会谈:huitan
        协议:xieyi 访问:fangwen 代表团:daibiaotuan 总统:zongtong 市长:shizhang 国家:guojia
        地方:difang 新的:xinde 重大:zhongda 首次:shouci 年度:niandu 纪录:jilu 以及:yiji
        将会:jianghui 已经:yijing 表示:biaoshi 计划:jihua 开通:kaitong 增加:zengjia
        减少:jianshao 签署:qianshu 完成:wancheng 据悉:juxi 今年:jinnian 本周:benzhou
        本月:benyue 的:de 在:zai 和:he""",
    "tote": """ۇكىمەت:ukimet مينيسترلىك:ministrlik پارلامەنت:parlament دەپۋتاتتار:deputattar
        بيۋدجەت:biudjet رەفورما:reforma ماقۇلدادى:maquldady جاريالادى:jariialady قالا:qala
        ٶڭىر:onir تۇرعىندار:turgyndar جوبا:joba قۇرىلىس:qurylys ينۆەستيتسيا:investitsiia
        ميلليارد:milliard تەڭگە:tenge ميلليون:million پايىز:paiyz ٶسىم:osim باعا:baga
        نارىق:naryq ەكسپورت:eksport مۇناي:munai گاز:gaz ەنەرگەتيكا:energetika تەمىرجول:temirjol
        اۆتوبۋس:avtobus كٶلىك:kolik مەكتەپ:mektep وقۋشىلار:oqushylar مۇعالىمدەر:mugalimder
        ۋنيۆەرسيتەت:universitet اۋرۋحانا:auruhana دارىگەرلەر:darigerler دەنساۋلىق:densaulyq
        سۋ:su ٶنىم:onim فەرمەرلەر:fermerler بيداي:bidai قار:qar قىس:qys جاز:jaz ماۋسىم:mausym
        كوماندا:komanda ماتچ:match ويىنشىلار:oiynshylar چەمپيونات:chempionat فەستيۆال:festival
        تەاتر:teatr كونتسەرت:kontsert فيلم:film مۇراجاي:murajai كٶرمە:korme
        بايانداما:baiandama دەرەكتەر:derekter كوميتەت:komitet زاڭ:zan سوت:sot
        كومپانيا:kompaniia بانك:bank قىزمەت:qyzmet پلاتفورما:platforma سپۋتنيك:sputnik
        كليمات:klimat دالا:dala ٶزەن:ozen كٶل:kol شەكارا:shekara كەلىسىم:kelisim
        ساپار:sapar پرەزيدەنت:prezident مينيستر:ministr اكىم:akim ۇلتتىق:ulttyq جاڭا:jana
        ىرى:iri بىرىنشى:birinshi جىل:jyl اپتا:apta اي:ai جانە:jane جانە:jane بويىنشا:boiynsha
        ۇشىن:ushin كەيىن:keiin تۋرالى:turaly بۇل:bul وسى:osy""",
}

# Capitalised place names, used in titles and (upper-cased) as datelines.
PLACES = {
    "en": "Astana Almaty Shymkent Karaganda Aktobe Atyrau Pavlodar Turkistan Tashkent Bishkek",
    "ru": "Астана Алматы Шымкент Караганда Актобе Атырау Павлодар Туркестан Ташкент Бишкек",
    "kz": "Астана Алматы Шымкент Қарағанды Ақтөбе Атырау Павлодар Түркістан Ташкент Бішкек",
    "qz": "Astana Almaty Şymkent Qarağandy Aqtöbe Atyrau Pavlodar Türkıstan Taşkent Bışkek",
    "uz": "Астана Олмаота Чимкент Қарағанди Оқтўба Тошкент Самарқанд Бухоро Андижон Наманган",
    "zh": "阿斯塔纳:astana 阿拉木图:almaty 奇姆肯特:shymkent 卡拉干达:karaganda 阿克托别:aktobe "
          "阿特劳:atyrau 巴甫洛达尔:pavlodar 突厥斯坦:turkistan 塔什干:tashkent 比什凯克:bishkek",
    "tote": "استانا:astana الماتى:almaty شىمكەنت:shymkent قاراعاندى:qaragandy اقتٶبە:aqtobe "
            "اتىراۋ:atyrau پاۆلودار:pavlodar تۇركىستان:turkistan تاشكەنت:tashkent بىشكەك:bishkek",
}

PEOPLE = {
    "latin": ["Daniyar Seitkali", "Aigerim Nurlanova", "Yerlan Bekov", "Madina Ospanova",
              "Timur Zhaksylykov", "Saule Akhmetova"],
    "cyrillic": ["Данияр Сейткали", "Айгерим Нурланова", "Ерлан Беков", "Мадина Оспанова",
                 "Тимур Жаксылыков", "Сауле Ахметова"],
    "zh": ["达尼亚尔·赛特卡利", "艾格琳·努尔兰诺娃", "叶尔兰·别科夫"],
    "arabic": ["دانيار سەيتقالي", "ايگەرىم نۇرلانقىزى", "ەرلان بەكوۆ"],
}

STYLE = {
    # script, sentence words (min, max), separator, comma, full stop, quotes, credit, link text
    "en": ("latin", (9, 18), " ", ",", ".", ("“", "”"), "Photo: Herald", "the full report"),
    "ru": ("cyrillic", (8, 16), " ", ",", ".", ("«", "»"), "Фото: Геральд", "полный текст доклада"),
    "kz": ("cyrillic", (7, 14), " ", ",", ".", ("«", "»"), "Фото: Геральд", "баяндаманың толық мәтіні"),
    "qz": ("latin", (7, 14), " ", ",", ".", ("«", "»"), "Foto: Herald", "baiandamanyñ tolyq mätını"),
    "uz": ("cyrillic", (7, 14), " ", ",", ".", ("«", "»"), "Сурат: Ҳеральд", "ҳисоботнинг тўлиқ матни"),
    "zh": ("zh", (8, 16), "", "，", "。", ("“", "”"), "图片：先驱报", "报告全文"),
    "tote": ("arabic", (7, 14), " ", "،", ".", ("«", "»"), "سۋرەت: گەرالد", "باياندامانىڭ تولىق ماتىنى"),
}

# Share of the articles per edition (editions not listed get 0.08).
EDITION_WEIGHTS = {"en": 0.24, "ru": 0.22, "kz": 0.16, "uz": 0.12, "zh": 0.10, "qz": 0.08, "tote": 0.08}

PHOTOS = ["city", "energy", "market", "parliament", "rail", "stadium", "stage", "steppe"]

TRANSLIT = {
    # Russian
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Kazakh and Uzbek Cyrillic
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ў": "o", "ҳ": "h",
    # Kazakh Latin letters that do not decompose
    "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ñ": "n", "ū": "u", "ä": "a", "ö": "o", "ü": "u",
    "’": "", "'": "",
}
_ASCII_SLUG = set("abcdefghijklmnopqrstuvwxyz0123456789")


def slug_word(word):
    """ASCII slug form of one word (may contain hyphens, never leading/trailing ones)."""
    out = []
    for ch in word.lower():
        if ch in _ASCII_SLUG:
            out.append(ch)
        elif ch in TRANSLIT:
            out.append(TRANSLIT[ch])
        else:
            decomposed = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
            out.append("".join(c for c in decomposed.lower() if c in _ASCII_SLUG) or "-")
    parts = [p for p in "".join(out).split("-") if p]
    return "-".join(parts)


def parse_vocab(text):
    """[(display, slug)] from a whitespace list of `word` or `word:slug` entries."""
    result = []
    for entry in text.split():
        display, _, slug = entry.partition(":")
        slug = slug or slug_word(display)
        if slug:
            result.append((display, slug))
    return result


def utf8_len(text):
    return len(text.encode("utf-8"))


class Language:
    """Pre-built pools of sentences, title words and decorations for one edition."""

    def __init__(self, code, rng):
        known = code if code in WORDS else "en"
        self.code = code
        script, (wmin, wmax), self.sep, comma, stop, self.quotes, self.credit, self.link_text = STYLE[known]
        self.script = script
        self.vocab = parse_vocab(WORDS[known])
        self.places = parse_vocab(PLACES[known])
        self.people = PEOPLE[script]
        self.cased = script in ("latin", "cyrillic")
        self.datelines = [p.upper() if self.cased else p for p, _ in self.places]
        words = [w for w, _ in self.vocab]
        place_words = [p for p, _ in self.places]

        rnd, nwords = rng.random, len(words)

        def sentence():
            n = rng.randint(wmin, wmax)
            picked = [words[int(rnd() * nwords)] for _ in range(n)]
            if rng.random() < 0.35:
                picked[rng.randrange(n)] = rng.choice(place_words)
            if rng.random() < 0.35:
                picked[rng.randrange(n)] = rng.choice(NUMBERS)
            if n > 8 and rng.random() < 0.5:
                cut = rng.randint(3, n - 3)
                picked[cut] = picked[cut] + comma
            text = self.sep.join(picked)
            if self.cased:
                text = text[0].upper() + text[1:]
            return text + stop

        self.sentences = [sentence() for _ in range(4000)]
        self.sentence_sizes = [utf8_len(s) for s in self.sentences]
        self._rng = rng
        self._paragraphs = {}
        # Titles: 60–90 characters for alphabetic scripts, 18–32 for Chinese.
        self.title_range = (18, 32) if script == "zh" else (60, 90)
        self.lead_range = (70, 100) if script == "zh" else (170, 240)

    PARAGRAPH_STEP = 50  # paragraph pools per 50 bytes of budget
    PARAGRAPHS_PER_POOL = 400

    def paragraphs(self, budget):
        """A pool of paragraphs of about `budget` UTF-8 bytes (built on first use)."""
        key = max(1, round(budget / self.PARAGRAPH_STEP))
        pool = self._paragraphs.get(key)
        if pool is None:
            target = key * self.PARAGRAPH_STEP
            rng, sentences, sizes = self._rng, self.sentences, self.sentence_sizes
            rnd, count = rng.random, len(sentences)
            pool = []
            for _ in range(self.PARAGRAPHS_PER_POOL):
                picked, size = [], 0
                while True:
                    i = int(rnd() * count)
                    if picked and size + sizes[i] / 2 > target:
                        break
                    picked.append(sentences[i])
                    size += sizes[i] + 1
                pool.append(self.sep.join(picked))
            self._paragraphs[key] = pool
        return pool


NUMBERS = ["2025", "2026", "2027", "15", "24", "150", "300", "1,200", "4.5%", "12%", "3.2", "40", "7", "90"]


def build_title(lang, rng):
    lo, hi = lang.title_range
    target = rng.randint(lo, hi)
    display, slugs = [], []
    length = 0
    vocab = lang.vocab
    rnd, nvocab = rng.random, len(vocab)
    # A place name in about half the titles, up front.
    if rng.random() < 0.5:
        place = rng.choice(lang.places)
        display.append(place[0])
        slugs.append(place[1])
        length = len(place[0])
    while True:
        word, slug = vocab[int(rnd() * nvocab)]
        extra = len(word) + (len(lang.sep) if display else 0)
        if length + extra > hi:
            if length >= lo:
                break
            continue
        display.append(word)
        slugs.append(slug)
        length += extra
        if length >= target:
            break
    title = lang.sep.join(display)
    if lang.cased:
        title = title[0].upper() + title[1:]
    return title, slugs


def fill_text(lang, rng, lo, hi):
    """Sentences joined until the text is between lo and hi characters (best effort)."""
    target = rng.randint(lo, hi)
    parts = []
    length = 0
    sentences, rnd, count = lang.sentences, rng.random, len(lang.sentences)
    while length < target:
        s = sentences[int(rnd() * count)]
        if length and length + len(s) > hi:
            break
        parts.append(s)
        length += len(s) + len(lang.sep)
    text = lang.sep.join(parts)
    if len(text) > hi:  # one long sentence: cut at a word boundary
        cut = text.rfind(" ", 0, hi - 1) if lang.sep else -1
        text = (text[:cut] if cut > lo // 2 else text[:hi - 1]).rstrip(",، ") + "…"
    return text


def build_body(lang, rng, story_index):
    """5–8 paragraphs of Markdown, 3,000–5,000 UTF-8 bytes, often with a heading, a quote, a link."""
    target = rng.randint(3000, 5000)
    sentences, sep = lang.sentences, lang.sep
    extras = []  # (block, insert after at least this many paragraphs)
    if rng.random() < 0.6:
        q_open, q_close = lang.quotes
        extras.append((f"> {q_open}{rng.choice(sentences)}{q_close} — {rng.choice(lang.people)}", 1))
    if rng.random() < 0.6:
        heading = sep.join(rng.choice(lang.vocab)[0] for _ in range(rng.randint(3, 6)))
        if lang.cased:
            heading = heading[0].upper() + heading[1:]
        extras.append(("## " + heading, 2))
    if rng.random() < 0.2:
        extras.append(("\n".join("- " + rng.choice(sentences) for _ in range(rng.randint(3, 4))), 2))
    link = f"{sep}[{lang.link_text}](https://example.org/reports/{story_index})" if rng.random() < 0.5 else ""
    bold = f"**{rng.choice(lang.vocab)[0]}**{sep}" if rng.random() < 0.3 else ""
    budget = target - sum(utf8_len(b) + 2 for b, _ in extras) - utf8_len(link) - utf8_len(bold)
    paragraphs = rng.randint(5, 8)
    per_paragraph = max(budget / paragraphs, 80)
    pool = lang.paragraphs(per_paragraph)
    rnd, count = rng.random, len(pool)
    blocks = [pool[int(rnd() * count)] for _ in range(paragraphs)]
    if link:
        blocks[rng.randrange(paragraphs)] += link
    if bold:
        i = rng.randrange(paragraphs)
        blocks[i] = bold + blocks[i]
    for block, after in extras:
        blocks.insert(rng.randint(after, len(blocks) - 1), block)
    return "\n\n".join(blocks)


def weighted_sample(rng, items, weights, k):
    """k distinct items, drawn by weight (small lists)."""
    items, weights = list(items), list(weights)
    chosen = []
    for _ in range(min(k, len(items))):
        i = rng.choices(range(len(items)), weights=weights)[0]
        chosen.append(items.pop(i))
        weights.pop(i)
    return chosen


def iso(ts, offset):
    return datetime.fromtimestamp(ts + offset, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + (
        "+%02d:%02d" % (offset // 3600, offset % 3600 // 60))


def plan_stories(n, editions, weights, rng, translated_share):
    """Story units: lists of edition codes, one article each; ~translated_share of all articles
    sit in stories with 2–7 editions, the rest in single-edition stories."""
    units = []
    grouped_target = round(n * translated_share)
    grouped = 0
    while grouped_target - grouped >= 2:
        size = min(rng.randint(2, len(editions)), grouped_target - grouped)
        if grouped_target - grouped - size == 1:
            size = size + 1 if size < len(editions) else size - 1
        units.append(weighted_sample(rng, editions, weights, size))
        grouped += size
    singles = rng.choices(editions, weights=weights, k=n - grouped)
    units.extend([e] for e in singles)
    rng.shuffle(units)
    return units


VIEWS_SQL = """-- View history for the Herald benchmark: today and the six days before (UTC, as SQLite sees
-- them when this file runs) for ~5% of the published articles, chosen by a hash of the id and
-- the seed so that the same articles are picked on every run. Views are skewed (1–500 a day).
-- Run after the import: sqlite3 DB < views.sql
BEGIN;
WITH RECURSIVE days(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM days WHERE n < 6),
picked(id, h) AS (
  SELECT id, (id * 2654435761 + {seed}) % 1000003 FROM articles WHERE status = 'published'
)
INSERT INTO article_views (day, article_id, views)
SELECT date('now', '-' || days.n || ' days'), picked.id,
       1 + ((picked.h * 7 + days.n * 131071) % 1000) * ((picked.h * 7 + days.n * 131071) % 1000) / 2000
FROM picked CROSS JOIN days
WHERE picked.h % 100 < {percent}
ON CONFLICT (day, article_id) DO UPDATE SET views = excluded.views;
COMMIT;
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-file", type=int, default=20000, help="lines per articles-NNN.jsonl")
    parser.add_argument("--site", default=os.path.join(REPO, "demo", "site.json"))
    parser.add_argument("--translated", type=float, default=0.30,
                        help="share of articles in stories translated into several editions")
    parser.add_argument("--views-percent", type=int, default=5, help="percent of articles with views")
    parser.add_argument("--drafts", type=float, default=0.01, help="share of draft articles")
    parser.add_argument("--now", help="reference time, ISO 8601 (default: now, UTC)")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.per_file < 1:
        parser.error("--articles and --per-file must be positive")

    started = time.monotonic()
    rng = random.Random(args.seed)
    with open(args.site, encoding="utf-8") as f:
        site_text = f.read()
    site = json.loads(site_text)
    editions = [e["code"] for e in site["editions"]]
    edition_weights = [EDITION_WEIGHTS.get(e, 0.08) for e in editions]
    sections = [s["path"] for s in site["sections"]]
    section_weights = [1 / (i + 1) ** 0.5 for i in range(len(sections))]
    tags = [t["slug"] for t in site.get("tags", [])]
    tag_weights = [1 / (i + 1) ** 0.7 for i in range(len(tags))]  # Zipf-like: the first tags dominate
    languages = {e: Language(e, random.Random(f"{args.seed}-{e}")) for e in editions}

    now = int(datetime.fromisoformat(args.now).timestamp()) if args.now else int(time.time()) // 60 * 60
    span = 2 * 365 * 86400
    offsets = {e.get("code"): (18000 if e.get("timeZone") in ("Asia/Almaty", "Asia/Tashkent") else 0)
               for e in site["editions"]}

    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):
        if name.startswith("articles-") and name.endswith(".jsonl"):
            os.remove(os.path.join(args.out, name))
    with open(os.path.join(args.out, "site.json"), "w", encoding="utf-8") as f:
        f.write(site_text)

    units = plan_stories(args.articles, editions, edition_weights, rng, args.translated)
    # Each story gets a publication time; translations follow within a few hours.
    times = sorted(rng.randint(now - span, now - 3600) for _ in units)

    used_slugs = {e: set() for e in editions}
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    file_index, in_file, out = 0, 0, None
    written = 0
    per_edition = {e: 0 for e in editions}
    translated_articles = 0
    for story_index, (members, published) in enumerate(zip(units, times), start=1):
        story = f"bench-{story_index:07d}"
        section = rng.choices(sections, weights=section_weights)[0]
        k = rng.randint(2, 5)
        story_tags = []
        while len(story_tags) < min(k, len(tags)):
            t = rng.choices(tags, weights=tag_weights)[0]
            if t not in story_tags:
                story_tags.append(t)
        photo = f"/static/photos/{rng.choice(PHOTOS)}.svg" if rng.random() < 0.85 else None
        status = "draft" if rng.random() < args.drafts else "published"
        if len(members) > 1:
            translated_articles += len(members)
        t = published
        for member_index, edition in enumerate(members):
            lang = languages[edition]
            if member_index:
                t = min(now - 60, t + rng.randint(600, 6 * 3600))
            title, slug_words = build_title(lang, rng)
            slug = slug_words[0][:80]
            for word in slug_words[1:]:
                if len(slug) + 1 + len(word) > 80:
                    break
                slug += "-" + word
            base, n = slug, 2
            while slug in used_slugs[edition]:
                slug = f"{base}-{n}"
                n += 1
            used_slugs[edition].add(slug)
            offset = offsets.get(edition, 0)
            record = {
                "edition": edition,
                "story": story,
                "section": section,
                "slug": slug,
                "title": title,
                "dateline": rng.choice(lang.datelines),
                "lead": fill_text(lang, rng, *lang.lead_range),
                "body": build_body(lang, rng, story_index),
                "tags": story_tags,
            }
            if photo:
                record["photo"] = photo
                record["caption"] = fill_text(lang, rng, 40, 120) if lang.script != "zh" else fill_text(lang, rng, 15, 40)
                record["credit"] = lang.credit
            record["published"] = iso(t, offset)
            if rng.random() < 0.15:
                record["updated"] = iso(min(now, t + rng.randint(600, 2 * 86400)), offset)
            record["status"] = status
            if out is None or in_file >= args.per_file:
                if out is not None:
                    out.close()
                file_index += 1
                in_file = 0
                out = open(os.path.join(args.out, f"articles-{file_index:03d}.jsonl"), "w",
                           encoding="utf-8", buffering=1 << 20)
            out.write(dumps(record))
            out.write("\n")
            in_file += 1
            written += 1
            per_edition[edition] += 1
    if out is not None:
        out.close()

    with open(os.path.join(args.out, "views.sql"), "w", encoding="utf-8") as f:
        f.write(VIEWS_SQL.format(seed=args.seed, percent=args.views_percent))
    manifest = {
        "articles": written,
        "seed": args.seed,
        "stories": len(units),
        "translated_articles": translated_articles,
        "files": file_index,
        "per_edition": per_edition,
        "now": datetime.fromtimestamp(now, timezone.utc).isoformat(),
    }
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    elapsed = time.monotonic() - started
    print(f"generate: {written} articles ({translated_articles} in translated stories, {len(units)} stories) "
          f"in {file_index} files under {args.out} in {elapsed:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
