"""Word lists and weighted cues behind :mod:`sitante_tui.domain.question_analysis`.

Kept apart so that a trainer can review the Indonesian and English cues without reading the
algorithm. Every regex runs on the lowercased words of one question joined by single spaces.
"""

from __future__ import annotations


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _alt(*phrases: str) -> str:
    """A regex matching any of ``phrases`` (regex fragments) as whole words."""
    return r"\b(?:" + "|".join(phrases) + r")\b"


# --- language detection -------------------------------------------------------------------------

ID_WORDS = _set(
    "apa apakah yang anda kamu bagaimana gimana kapan siapa mengapa kenapa dengan untuk dari ini "
    "itu saja aja sudah udah belum akan bisa tidak nggak gak enggak ada dan di ke saya kita bapak "
    "ibu bu pak lagi mana berapa seberapa sejauh lebih atau juga tentang dalam jadi mau ingin hari "
    "sekarang saat kalau jika agar supaya bagi buat sih ya kan dong lah pun tadi sebaiknya coba "
    "boleh harus perlu sangat paling menurut pernah sedang masih selama tujuan langkah pilihan"
)
EN_WORDS = _set(
    "what how when where who why which the a an you your yours is are was were do does did to of "
    "and in on for with it that this have has had would could can will should about be been there "
    "not don't i me my we our they them so if or else more tell think want like right now yet "
    "anything any some going into from at by doing feel"
)

# --- openness -----------------------------------------------------------------------------------

# Question words that open a question. Indonesian "apa" has its own rules (see the analyser).
WH_ID = _set(
    "siapa siapakah bagaimana bagaimanakah gimana gmn bgmn gmana kapan kapankah kpn dimana "
    "dimanakah mana manakah berapa berapakah seberapa mengapa mengapakah kenapa knp napa ngapain "
    "kemana darimana"
)
WHY_ID = _set("mengapa mengapakah kenapa knp napa ngapain")
WH_EN = _set(
    "what what's whats how how's when when's where where's who who's whom whose which why why's "
    "whatever"
)
WHY_EN = _set("why why's")

# "-kah" words that make a yes/no question ("bisakah", "sudahkah"); "siapakah" etc. are in WH_ID.
KAH_STEMS = _set(
    "bisa dapat sudah udah ada pernah mau bukan mungkin perlu harus benar betul tidak siap yakin "
    "boleh rela masih akan cukup penting ini itu begitu sanggup ingin mampu setuju sempat jadi sudi"
)
LEADING_KAH = _set("bukankah tidakkah")

PRONOUNS_ID = _set(
    "anda kamu kau engkau bapak ibu pak bu dia ia mereka kita kami saudara saudari mas mbak dik "
    "adik kak kakak beliau saya aku tim"
)
# After "Apa" + pronoun, one of these makes it a yes/no question ("Apa Anda sudah…").
AUX_ID = _set(
    "sudah udah belum bisa dapat boleh perlu harus akan mau ingin pernah masih sedang merasa yakin "
    "setuju punya memiliki tahu tau suka siap sempat mampu sanggup benar betul memang ada jadi "
    "pikir rasa kira perlukah diperbolehkan dibolehkan tidak nggak gak enggak"
)
# "Apa" + noun + one of these (before any "yang") is a yes/no question ("Apa tujuan Anda sudah…").
APA_PREDICATE_ID = _set("sudah belum bisa akan masih perlu harus pernah cukup")
# "Apa" directly followed by one of these is an open "what" question.
APA_OPEN_NEXT = _set("yang saja aja lagi kabar sih sebenarnya tepatnya sajakah")
# Words that turn a following question word into an embedded clause ("Anda tahu apa yang…").
EMBEDDING = _set(
    "tahu tau mengetahui yakin ingat paham sadar mengerti lupa know sure remember understand "
    "decided wonder"
)
# Words that may precede the real start of a clause without changing it.
DISCOURSE_ID = _set(
    "jadi lalu terus trus nah oke ok baik baiklah kalau begitu menurut anda kamu ibu bapak bu pak "
    "ya dan tapi tetapi namun kemudian selanjutnya eh hmm mm oh kira-kira lantas mas mbak sekarang"
)
DISCOURSE_EN = _set(
    "so and but okay ok well then alright right now also just anyway um uh oh hmm yes yeah great"
)
CLAUSE_STOP_ID = _set(
    "kalau jika bila untuk agar supaya ketika saat dan atau dengan dalam di ke dari"
)
AUX_EN = _set(
    "do does did are is was were am have has had can could will would should shall may might must "
    "don't doesn't didn't aren't isn't wasn't weren't haven't hasn't hadn't can't couldn't won't "
    "wouldn't shouldn't mustn't ain't"
)
NEGATIVE_AUX_EN = frozenset(w for w in AUX_EN if w.endswith("n't"))
SUBJECTS_EN = _set("you it there they we he she that this i your")
CONJUNCTIONS = _set("dan lalu terus trus serta kemudian and then also plus")

# Invitations: grammatically a request, functionally an open question ("Bisakah Anda ceritakan…").
INVITE_ID = _set(
    "ceritakan menceritakan diceritakan cerita jelaskan menjelaskan dijelaskan gambarkan "
    "menggambarkan digambarkan uraikan menguraikan sebutkan menyebutkan disebutkan jabarkan "
    "deskripsikan bayangkan membayangkan pikirkan renungkan bagikan berbagi paparkan terangkan "
    "contohkan"
)
INVITE_EN = _set(
    "tell describe explain share say talk walk give elaborate expand paint imagine picture help "
    "clarify outline think"
)
REQUEST_FRAMES_ID = _set(
    "bisakah dapatkah maukah bolehkah sudikah bisa boleh dapat mau tolong silakan coba apakah apa"
)
REQUEST_FRAMES_EN = _set("can could would will please")
INVITE_STATEMENTS = (
    _alt("ingin mendengar", "penasaran"),
    _alt("i'd love to hear", "i'd like to hear", "i'm curious", "i wonder"),
)

# --- leading and advice -------------------------------------------------------------------------
# (regex, flag) pairs; the flag is "leading" or "advice". Strong cues count anywhere. Guarded cues
# count only before an open question word: "Apa yang sebaiknya Anda lakukan?" asks for the
# coachee's view, "Sebaiknya Anda…" gives the coach's. Declarative cues count only before any
# question word: "You should…" advises, "Do you need to…?" asks.
Cues = tuple[tuple[str, str], ...]

_INVITING_VERBS_ID = (
    "ceritakan|jelaskan|gambarkan|bayangkan|pikirkan|renungkan|sebutkan|uraikan|ingat"
)
_PAST_ID = "kemarin|tadi|dulu|waktu itu"
_SUGGESTED_VERBS_EN = (
    "tried|asked|talked|spoke|started|made|went|took|used|set|called|wrote|joined|moved|delegated"
    "|focused|let|gave|told|put|did"
)
_NOT_A_SUGGESTION_EN = "any|other|another|what|how|the|your|it|that|this"

STRONG_CUES_ID: Cues = (
    (r"\bbukankah\b", "leading"),
    (r"\btidakkah\b", "leading"),
    (r"\bapa(?:kah)? tidak (?:lebih baik|sebaiknya)\b", "leading"),
    (r"\b(?:bukankah|tidakkah|tidak) lebih baik\b", "advice"),
    (
        r"\b(?:kenapa|mengapa|knp|napa)(?: \w+)? (?:tidak|nggak|gak|enggak|ndak|tak)\b"
        rf"(?! (?:\w+ )?(?:{_PAST_ID}))",
        "advice",
    ),
    (
        r"\b(?:bagaimana|gimana|gmn) (?:kalau|jika|bila|seandainya) "
        r"(?:anda|kamu|bapak|ibu|kita|coba|mulai|saja|langsung|me\w+)\b",
        "advice",
    ),
    (rf"^coba (?!(?:\w+ )?(?:{_INVITING_VERBS_ID})\b)", "advice"),
    (
        _alt("saran saya", "saya sarankan", "usul saya", "saya usulkan", "kalau saya jadi anda"),
        "advice",
    ),
    (r"\bbukankah sudah (?:waktunya|saatnya)\b", "advice"),
)
GUARDED_CUES_ID: Cues = (
    (_alt("sebaiknya", "seharusnya", "harusnya", "mestinya"), "advice"),
    (r"\blebih baik (?:anda|kamu|bapak|ibu)\b", "advice"),
    (
        r"\b(?:sudahkah|pernahkah|sudah|pernah|udah) (?:\w+ ){0,2}(?:mencoba|coba) "
        r"(?!(?:sesuatu|apa|hal|cara|yang|lagi)\b)(?:me|ber|bi|bu|mi|ta|ik|pi|ga|ja)\w+",
        "advice",
    ),
    (r"\b(?:mempertimbangkan|terpikir|memikirkan) untuk\b", "leading"),
    (r"\b(?:mempertimbangkan|terpikir|memikirkan) untuk\b", "advice"),
    (r"\bpasti\b", "leading"),
)
DECLARATIVE_CUES_ID: Cues = (
    (r"\b(?:anda|kamu|bapak|ibu|bu|pak) (?:\w+ )?(?:harus|perlu|wajib|mesti)\b", "advice"),
)
STRONG_CUES_EN: Cues = (
    (r"\bwhy (?:don't|not|wouldn't|won't|can't) (?:you|we)?\b|\bwhy not\b", "advice"),
    (r"\b(?:how|what) about (?:you |we )?\w+ing\b", "advice"),
    (rf"\bwhat if (?:you|we) (?:just )?(?:{_SUGGESTED_VERBS_EN})\b", "advice"),
    (r"^(?:just )?try (?!to (?:imagine|think|picture|describe|remember)\b)\w+", "advice"),
    (
        _alt("i suggest", "i'd suggest", "i would suggest", "my advice", "my suggestion")
        + r"|\bif i were you\b",
        "advice",
    ),
    (
        r"\b(?:wouldn't|won't|isn't|shouldn't) (?:it|that|you) (?:be )?"
        r"(?:better|best|wiser|easier)\b",
        "advice",
    ),
    (r"\bsurely\b|\bobviously\b", "leading"),
    (r"\bisn't it time\b", "advice"),
)
GUARDED_CUES_EN: Cues = (
    (r"\bcould(?:n't)? you just\b|\byou could just\b", "advice"),
    (
        rf"\bhave you (?:considered|thought about|thought of) (?!(?:{_NOT_A_SUGGESTION_EN})\b)\w+",
        "leading",
    ),
    (
        rf"\bhave you (?:considered|thought about|thought of) (?!(?:{_NOT_A_SUGGESTION_EN})\b)\w+",
        "advice",
    ),
    (
        r"\bhave you tried (?!(?:anything|something|everything|any|other|another|what)\b)\w+ing\b",
        "advice",
    ),
)
DECLARATIVE_CUES_EN: Cues = (
    (
        r"\byou (?:\w+ )?(?:should|ought to|need to|must|have to|had better)\b|\byou'd better\b",
        "advice",
    ),
)
# Tag questions that press for agreement: the words after the last comma (Indonesian "kan" and
# "bukan" also without a comma, but not "…atau bukan?", which is a plain either/or).
TAGS_ID = frozenset(
    {
        "kan",
        "bukan",
        "bukan begitu",
        "iya kan",
        "ya kan",
        "betul kan",
        "benar kan",
        "betul tidak",
        "benar tidak",
        "betul kan ya",
        "kan ya",
    }
)
TAGS_EN = frozenset(
    {
        "right",
        "isn't it",
        "don't you",
        "wouldn't it",
        "aren't you",
        "won't you",
        "didn't you",
        "correct",
        "isn't that so",
        "yes",
        "don't you think",
        "am i right",
        "agreed",
        "isn't that right",
        "wasn't it",
        "doesn't it",
    }
)

# --- GROW stages ---------------------------------------------------------------------------------
# (regex, weight) per stage; "none" collects small talk, logistics and questions about the
# programme itself. The stage with the highest total wins when it reaches STAGE_THRESHOLD.
STAGE_THRESHOLD = 1.0

StageCues = dict[str, tuple[tuple[str, float], ...]]

STAGE_CUES_ID: StageCues = {
    "goal": (
        (
            r"\b(?:ingin|mau|hendak) (?:\w+ ){0,2}(?:di|men)?"
            r"(?:capai|raih|wujudkan|hasilkan|ubah)\b",
            3,
        ),
        (r"\b(?:men|di)?capai\b", 1.5),
        (r"\btujuan\w*", 2),
        (_alt("sasaran", "target"), 2),
        (_alt("harapkan", "harapan", "berharap", "diharapkan"), 2.5),
        (r"\bhasil(?:kan)?\b", 1.5),
        (r"\bideal\w*", 3),
        (r"\bberhasil\b", 1.5),
        (_alt("keberhasilan", "sukses"), 2.5),
        (_alt("inginkan", "menginginkan"), 2.5),
        (r"\b(?:ingin|mau)\b(?! (?:mulai|memulai)\b)", 1),
        (r"\bmaunya\b", 2),
        (_alt("ke depan", "tahun depan", "akhir tahun", r"dalam (?:\w+ )?(?:bulan|tahun)"), 1),
        (r"\b(?:\w+ )?(?:bulan|tahun) dari sekarang\b", 2),
        (_alt("bayangkan", "membayangkan", "impian", "mimpi", "cita-cita"), 3),
        (r"\b(?:di|men)?cari\b", 1.5),
        (r"\bbagaimana (?:\w+ ){0,2}(?:akan )?tahu\b", 3),
        (_alt("sesi (?:ini|hari ini)", "pertemuan (?:kita )?(?:hari ini|ini)", "bawa pulang"), 2),
        (r"\btercapai\b", 2),
        (r"\bseperti apa\b", 1),
        (r"\b(?:jadi|menjadi) apa\b", 2),
        (_alt("berarti", "bermakna"), 1.5),
        (r"\bsampai ke sana\b", 2.5),
        (_alt("naik jabatan", "promosi"), 1),
    ),
    "reality": (
        (_alt("saat ini", "(?<!dari )sekarang", "akhir-akhir ini", "belakangan ini"), 2),
        (
            _alt("sejauh ini", "selama ini", "hingga saat ini", "sampai sekarang", "sejauh mana"),
            2.5,
        ),
        (
            r"\b(?:sudah|telah|udah) (?:\w+ ){0,2}"
            r"(?:lakukan|dilakukan|coba|dicoba|mencoba|jalankan|dijalankan|berjalan)\b",
            2.5,
        ),
        (_alt("sudah", "udah", "telah", "belum"), 1),
        (
            _alt(r"kendala\w*", "hambatan", "rintangan", r"masalah\w*", "tantangan", "menghambat")
            + r"|\bhalangan\b",
            2,
        ),
        (_alt(r"situasi\w*", "kondisi", "keadaan"), 1.5),
        (r"\bterjadi\b", 2),
        (_alt("biasanya", "sehari-hari", "setiap hari"), 2),
        (_alt("perasaan", "rasakan", "merasa", "rasanya"), 2),
        (_alt("skala", "angka berapa"), 1.5),
        (r"\bseberapa (?:penting|sering|besar|jauh|banyak|parah|berat|puas)\b", 2.5),
        (r"\bberapa (?:jam|lama|kali|banyak|orang|persen)\b", 2),
        (_alt(r"penyebab\w*", r"sebab\w*", "faktor", r"alasan\w*"), 2),
        (r"\bterlibat\b", 1.5),
        (r"\bpernah\b", 1),
        (_alt("data", "bukti", "contoh"), 1.5),
        (r"\bmengatasi\w*", 1),
        (_alt("pelajari", "ketahui", "dapatkan dari", "sadari"), 1.5),
        (_alt("kemarin", "minggu lalu", "bulan lalu", "tadi", "waktu itu"), 1.5),
        (
            _alt("gugup", "takut", "khawatir", "cemas", "ragu", "kepercayaan diri", "percaya diri"),
            1.5,
        ),
        (r"\bterlalu\b", 1),
        (_alt("sering", "selalu", "kebanyakan", "paling banyak", "habis"), 1.5),
        (_alt("apa yang membuat", "yang menyebabkan"), 1.5),
        (_alt(r"tanggapan\w*", r"reaksi\w*", r"respons\w*"), 1.5),
    ),
    "options": (
        (_alt(r"pilihan\w*", "opsi", "alternatif"), 3),
        (
            _alt("apa lagi", "bagaimana lagi", "siapa lagi", "cara lain", "yang lain", "hal lain")
            + r"|\bide lain\b|\blainnya\b",
            3,
        ),
        (r"\bkemungkinan\w*", 1.5),
        (r"\bmungkin\b", 0.5),
        (r"\bcara\b", 1.5),
        (
            _alt("ide", "gagasan", "solusi", "strategi", "pendekatan", "jalan keluar", "terobosan"),
            2,
        ),
        (r"\b(?:bisa|dapat) (?:\w+ )?(?:lakukan|dilakukan|coba|dicoba|ditempuh|tempuh)\b", 2),
        (
            _alt(r"(?:tidak ada|tanpa) (?:\w+ )?batas\w*", "tidak terbatas", "seandainya")
            + r"|\bandaikan\b",
            4.5,
        ),
        (r"\bcoba\b", 1),
        (r"\bkalau (?:\w+ ){0,2}(?:teman|sahabat|rekan|atasan|staf)\b", 2.5),
        (_alt("kelebihan", "kekurangan", "untung rugi", "plus minus", "pro dan kontra"), 2.5),
        (r"\borang lain\b", 1.5),
        (_alt("sarankan", "usulkan"), 2),
        (r"\bkalau (?:anda|kamu|ibu|bapak) (?:jadi|menjadi|berada di posisi)\b", 2.5),
        (_alt("berfungsi", "pernah berhasil", "berhasil sebelumnya"), 3),
        (_alt("dipertimbangkan", "pertimbangkan"), 1.5),
        (r"\bpaling (?:menarik|realistis|mungkin|cocok|masuk akal)\b", 2),
        (_alt("mana yang", "yang mana"), 1),
        (r"\bberbeda\b", 1),
    ),
    "will": (
        (
            r"\bakan (?:\w+ ){0,2}(?:lakukan|ambil|kerjakan|mulai|laksanakan|melaksanakan|jalankan"
            r"|terapkan|menerapkan|pilih|ceritakan|sampaikan|kabari|informasikan)\b",
            3,
        ),
        (r"\bakan\b", 0.5),
        (r"\bakan (?:\w+ )?me\w+", 2.5),
        (r"(?<!sejak )\bkapan\b(?! terakhir)", 2),
        (_alt("mulai", "memulai"), 1.5),
        (r"\blangkah\w*", 2.5),
        (_alt("komitmen", "berkomitmen", "janji", "bertekad"), 3),
        (r"\brencana\w*", 1.5),
        (
            _alt("besok", "minggu depan", "minggu ini", "bulan depan", "lusa", "pekan depan")
            + "|"
            + _alt("sebelum akhir", "batas waktu", "tenggat", "deadline"),
            2,
        ),
        (_alt("dukungan", "sumber daya"), 2.5),
        (_alt("butuhkan", "perlukan", "dibutuhkan"), 1.5),
        (
            r"\bsiapa (?:saja )?yang (?:perlu|harus|akan|bisa) (?:\w+ )?"
            r"(?:tahu|membantu|dilibatkan|diberi tahu)\b",
            3,
        ),
        (r"\bseberapa (?:yakin|siap|besar komitmen|mungkin)\b", 3.5),
        (_alt("memantau", "pantau", "tindak lanjut", r"perkembangan\w*", r"kemajuan\w*"), 2),
        (r"\bmungkin (?:\w+ )?(?:menghalangi|menghambat|mengganggu|muncul)\b", 3),
        (r"\bsiap\b", 1.5),
        (_alt("bertemu lagi", "sesi berikutnya", "pertemuan berikutnya"), 2),
        (_alt("pertama", "tepatnya"), 1),
        (_alt("segera", "langsung", "secepatnya"), 1.5),
    ),
    "none": (
        (
            _alt(
                r"kabar\w*", "makan", "sarapan", "minum", "kopi", "perjalanan ke sini", r"macet\w*"
            )
            + "|"
            + _alt("cuaca", "hujan", "liburan", "akhir pekan"),
            3,
        ),
        (r"\b(?:boleh|bisa) kita mulai\b|\bkita mulai (?:saja|sekarang)\b", 3),
        (_alt("merekam", "direkam", "rekam", r"ruangan\w*"), 3),
        (
            _alt(r"mentor\w*", "mentee", "motivator", "profesi", "konseling", r"counsel\w*")
            + r"|\bassess?ment\b",
            3,
        ),
    ),
}

STAGE_CUES_EN: StageCues = {
    "goal": (
        (
            r"\b(?:want|like|hope|wish|aim)s? to "
            r"(?:achieve|accomplish|get|reach|become|be|change|see)\b",
            3,
        ),
        (r"\bachiev\w*|\baccomplish\w*", 2),
        (_alt("goals?", "aims?", "objectives?", "targets?"), 2),
        (_alt("outcomes?", "results?"), 2),
        (r"\bsuccess\w*", 2.5),
        (r"\bideal\w*", 3),
        (r"\bexpect\w*|\bhope\b|\bhoping\b", 2),
        (r"\bwant\b|\bwould like\b|'d like\b", 1),
        (_alt("get out of", "worthwhile", "this session"), 2),
        (
            _alt("from now", "by the end of (?:the )?year", r"in (?:\w+ )?(?:months?|years?)")
            + r"|\bnext year\b",
            1,
        ),
        (_alt("imagine", "picture", r"dream\w*", "vision"), 3),
        (r"\bhow (?:will|would|do) you know\b", 3),
        (r"\blooking for\b", 1.5),
        (r"\blook like\b", 1.5),
        (_alt("reached", "been achieved"), 2),
        (r"\bpromot\w*|\bbecome\b", 1),
        (r"\bget there\b", 2.5),
        (r"\bprefer\b", 1.5),
    ),
    "reality": (
        (
            _alt(
                "right now", r"current\w*", "at the moment", "these days", "nowadays", "at present"
            ),
            2,
        ),
        (r"(?<!from )\bnow\b", 1.5),
        (_alt("so far", "to date", "up to now", "until now", "lately", "recently"), 2.5),
        (
            r"(?:\bhave|\bhas|'ve) (?:\w+ ){0,2}(?:ever |already )?"
            r"(?:done|tried|talked|told|spoken|dealt|learned|been|said|noticed|seen|heard"
            r"|experienced)\b",
            2,
        ),
        (
            _alt(
                "obstacles?", "challenges?", "problems?", "issues?", r"difficult\w*", r"struggl\w*"
            )
            + "|"
            + _alt("stopping you", "holding you back"),
            2,
        ),
        (r"\bsituation\b", 1.5),
        (r"\bhappen\w*|\bgoing on\b", 2),
        (
            _alt("usually", r"typical\w*", r"normal\w*", "often", "always", "each day", "every day")
            + "|"
            + _alt("daily", "during the day", "in a week"),
            2,
        ),
        (r"\bfeel\w*|\bfelt\b", 2),
        (_alt("nervous", "afraid", "worried", "anxious"), 1.5),
        (_alt("scale", "out of 10", "rate"), 1.5),
        (r"\bhow (?:important|often|much|many|far|big|bad|serious)\b", 2.5),
        (r"\bcause\w*|\breasons?\b", 2),
        (r"\binvolved\b", 2),
        (_alt("examples?", "evidence", "data"), 1.5),
        (_alt("already", "yet"), 1),
        (r"\blast (?:time|week|month|presentation|year)\b|\byesterday\b", 1.5),
        (r"\blearn\w*|\bknow now\b|\breali[sz]\w*", 1.5),
        (_alt("did", "spoke", "talked", "told", r"react\w*", "response"), 1),
        (r"\btoo (?:much|many|hard|difficult|big|heavy)\b", 1.5),
        (r"\bspend\b", 1),
        (r"\bwhat (?:makes|made|caused|causes|led to)\b", 1.5),
        (_alt("gets in the way", "getting in the way", "in your way"), 2.5),
    ),
    "options": (
        (_alt("options?", "alternatives?", "choices?", r"possibilit\w*"), 3),
        (
            _alt("what else", "how else", "where else", "anything else", "something else")
            + "|"
            + _alt(
                r"another (?:way|option|idea)", r"other (?:ways?|options?|ideas?)", "differently"
            ),
            3,
        ),
        (r"\bwho else\b", 1.5),
        (r"\bcould you (?:do|try)\b|\bcould (?:\w+ )?do\b|\bwould you try\b", 2),
        (_alt("ideas?", "solutions?", r"approach\w*", r"strateg\w*"), 2),
        (r"\bways? (?:to|you|of|that|we)\b|\bthe best way\b", 2),
        (r"\bwhat would you do\b|\bif you (?:knew|were|had|could)\b", 2.5),
        (_alt("suggest", "advise", "recommend"), 2),
        (r"\bif your (?:\w+ ){0,2}(?:friend|colleague|boss|staff|team|mentor)\b", 2.5),
        (r"\bunlimited\b", 4.5),
        (
            _alt("if you had no", "if there were no", "if you could")
            + "|"
            + _alt(r"without (?:any )?(?:limits|constraints)", r"no (?:constraints|limits)"),
            4.5,
        ),
        (
            _alt("someone you admire", r"in your (?:place|shoes)", "someone else", "other people"),
            2.5,
        ),
        (_alt("pros and cons", "advantages", "disadvantages"), 2.5),
        (r"\bworked (?:\w+ ){0,4}before\b", 3),
        (_alt(r"appeals? to you", "most attractive", "most realistic", "like best"), 2),
        (r"\bconsider\w*", 1.5),
    ),
    "will": (
        (
            r"\bwhen (?:will|are you going|do you (?:want to |plan to )?start|can you start"
            r"|would you start)\b",
            3,
        ),
        (r"\bwhen\b", 1.5),
        (r"\b(?:will|'ll|going to|gonna) (?:you |we )?(?!know\b|be\b|feel\b)\w+", 3),
        (_alt("first step", r"next steps?"), 3),
        (r"\bsteps?\b", 1),
        (r"\bcommit\w*", 3),
        (r"\bplan\b", 1.5),
        (
            _alt("tomorrow", "next week", "this week", "by when", "deadline", "right away", "today")
            + r"|\bby the end of (?:the )?(?:week|month)\b",
            2,
        ),
        (_alt("support", "help you", "resources", "need from"), 2.5),
        (
            r"\bwho (?:needs|should|will|must) (?:\w+ )?(?:know|be told|help)\b"
            r"|\bwho will you tell\b",
            3,
        ),
        (r"\bhow (?:committed|confident|sure|likely|ready)\b", 3.5),
        (_alt("track", r"monitor\w*", "progress", "follow[- ]up", "check in"), 2),
        (r"\b(?:might|could|will|would) (?:\w+ )?get in the way\b|\b(?:might|could) stop you\b", 3),
        (_alt("choose", "decide", "pick"), 2),
        (r"\bregister\b|\bstart\w*", 1.5),
        (_alt("ready", "exactly"), 1),
    ),
    "none": (
        (
            _alt("how are you", "lunch", "coffee", "water", "tea", "trip here", "traffic")
            + r"|\bweather\b",
            3,
        ),
        (_alt(r"record\w*", "room", "comfortable", "breakfast"), 3),
        (
            _alt(r"how was (?:the|your) (?:weekend|trip|holiday|day|journey)", "shall we")
            + r"|\blet's (?:get started|begin|start)\b",
            3,
        ),
        (_alt("mentoring", "mentee", r"counsel\w*", "(?:a|the) mentor", "coach or mentor"), 3),
    ),
}

# The reasoning behind "why" questions is usually about the current situation.
WHY_STAGE_BONUS = ("reality", 1.0)
