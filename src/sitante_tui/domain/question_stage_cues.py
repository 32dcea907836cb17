"""Weighted GROW-stage cues behind :mod:`sitante_tui.domain.question_stage`, for trainers to review.

Three layers, each cue with a weight; the stage with the highest total wins (see the scorer):

- word cues: word families (``capai`` covers mencapai, tercapai, pencapaian…; ``=word`` is that
  exact word only), matched on stems from :mod:`.question_morphology`;
- phrase cues: regexes over the lowercased words joined by single spaces; words a phrase matched
  are not scored again as word or grammar cues ("sebelum kita mulai" is logistics, not "mulai");
- grammar cues: tense, aspect and modality ("sudah", "have you tried" → reality; "akan",
  "will you" → will; "bisa/could" in an open question → options; "ingin/want" → goal). They
  weigh less than content words and never break a tie, so they mostly decide when nothing else
  does.
"""

from __future__ import annotations

STAGE_THRESHOLD = 1.0

WordCues = dict[str, str]  # stage -> "stem:weight =exactword:weight …"
PhraseCues = dict[str, tuple[tuple[str, float], ...]]


def _alt(*phrases: str) -> str:
    """A regex matching any of ``phrases`` (regex fragments) as whole words."""
    return r"\b(?:" + "|".join(phrases) + r")\b"


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- word cues ------------------------------------------------------------------------------------

WORD_CUES_ID: WordCues = {
    "goal": (
        "capai:2 tuju:2 sasar:2 target:2 harap:2.5 hasil:1.5 =keberhasilan:2.5 sukses:2.5 ideal:3 "
        "=inginkan:2.5 =menginginkan:2.5 =keinginan:2.5 =maunya:2 impi:3 mimpi:3 =cita-cita:3 "
        "bayang:3 wujud:2 ukur:1.5 makna:1.5 =berarti:1.5 cari:1.5 fokus:1.5 ubah:1 tanda:1 "
        "=tercapai:2"
    ),
    "reality": (
        "kendala:2 hambat:2 halang:2 rintang:2 masalah:2 tantang:2 sulit:1.5 susah:1.5 situasi:1.5 "
        "kondisi:1.5 =keadaan:1.5 suasana:1.5 =terjadi:2 biasa:2 rasa:2 alami:1.5 sebab:2 "
        "=hadapi:1 =menghadapi:1 =dihadapi:1 "
        "=alasan:2 =alasannya:2 faktor:2 libat:1.5 dampak:2 akibat:1.5 =pengaruh:1.5 tanggap:1.5 "
        "reaksi:1.5 respons:1.5 respon:1.5 data:1.5 bukti:1.5 contoh:1.5 ajar:1.5 sadar:1.5 "
        "=ketahui:1.5 sering:1.5 selalu:1.5 jarang:1.5 habis:1.5 gugup:1.5 takut:1.5 khawatir:1.5 "
        "cemas:1.5 ragu:1.5 bingung:1.5 stres:1.5 lelah:1.5 capek:1.5 kecewa:1.5 =terlalu:1 "
        "hubung:1.5 keluh:1.5 nilai:1 puas:1.5 beban:1.5 tekan:1.5 tahan:1.5 =masukan:1.5 atasi:1"
    ),
    "options": (
        "pilih:1 =pilihan:3 =pilihannya:3 opsi:3 alternatif:3 lain:2.5 =selain:2.5 cara:1.5 ide:2 "
        "gagas:2 solusi:2 strategi:2 =pendekatan:2 =kemungkinan:1.5 timbang:1.5 =terpikir:1.5 "
        "=terpikirkan:1.5 saran:2 usul:2 "
        "coba:1 untung:2.5 rugi:2.5 =kelebihan:2.5 =kekurangan:2.5 andai:4.5 =seandainya:4.5 "
        "cocok:1.5 tempuh:2 kreatif:1.5 terobos:2 =berfungsi:3 inovasi:1.5 =mungkinkah:1.5 "
        "=berbeda:1"
    ),
    "will": (
        "langkah:2.5 mulai:1.5 rencana:1.5 komitmen:3 tekad:3 janji:3 =dukungan:2.5 butuh:1.5 "
        "=perlukan:1.5 =diperlukan:1.5 pantau:2 kembang:2 maju:2 =siap:1.5 =siapkah:1.5 "
        "sanggup:2 sedia:2 "
        "yakin:1 putus:2 laksana:2 terap:2 =kabari:2 =mengabari:2 =ingatkan:1.5 =mengingatkan:1.5 "
        "senin:1.5 selasa:1.5 rabu:1.5 kamis:1.5 jumat:1.5 sabtu:1.5 =segera:1.5 =langsung:1.5 "
        "=secepatnya:1.5 =tepatnya:1 =selanjutnya:1"
    ),
    "none": (
        "=kabar:3 =kabarnya:3 =kabarmu:3 =sarapan:3 =kopi:3 =teh:3 cuaca:3 hujan:3 libur:3 "
        "=macet:3 =macetnya:3 parkir:3 =perjalanan:2.5 rekam:3 =ruangan:3 =ruangannya:3 mentor:3 "
        "mentee:3 motivator:3 profesi:3 konseling:3 counseling:3 assessment:3"
    ),
}

WORD_CUES_EN: WordCues = {
    "goal": (
        "achieve:2 accomplish:2 goal:2 aim:2 objective:2 target:2 outcome:2 result:2 success:2.5 "
        "successful:2.5 succeed:2.5 ideal:3 ideally:3 hope:2 expect:2 expectation:2 wish:1.5 "
        "dream:3 vision:3 imagine:3 picture:3 aspire:2 aspiration:2 worthwhile:2 worth:1.5 "
        "matter:1.5 prefer:1.5 become:1 promote:1 promotion:1 focus:1.5 =different:1.5"
    ),
    "reality": (
        "current:2 currently:2 happen:2 situation:1.5 obstacle:2 challenge:2 problem:2 issue:2 "
        "difficult:2 difficulty:2 struggle:2 feel:2 felt:2 feeling:2 nervous:1.5 afraid:1.5 "
        "worry:1.5 anxious:1.5 stress:1.5 frustrate:1.5 overwhelm:1.5 tired:1.5 concern:1.5 "
        "usually:2 typical:2 typically:2 normal:2 normally:2 often:2 always:2 daily:2 cause:2 "
        "reason:2 involve:2 affect:1.5 impact:1.5 react:1.5 reaction:1.5 response:1.5 "
        "learn:1.5 realise:1.5 realize:1.5 spend:1 feedback:1.5 relationship:1.5 experience:1.5 "
        "evidence:1.5 data:1.5 example:1.5 lately:2.5 recently:2.5 yesterday:1.5 satisfy:1.5 "
        "satisfied:1.5 rate:1.5 scale:1.5 morale:1.5 workload:1.5 pressure:1.5 complaint:1.5 "
        "energy:1.5"
    ),
    "options": (
        "option:3 alternative:3 choice:3 possibility:3 idea:2 solution:2 approach:2 strategy:2 "
        "differently:3 suggest:2 advise:2 recommend:2 consider:1.5 brainstorm:3 pros:2.5 cons:2.5 "
        "advantage:2.5 disadvantage:2.5 upside:2.5 downside:2.5 instead:2 unlimited:4.5 =try:1"
    ),
    "will": (
        "step:1 commit:3 commitment:3 committed:3 plan:1.5 deadline:2 tomorrow:2 today:2 "
        "monday:1.5 tuesday:1.5 wednesday:1.5 thursday:1.5 friday:1.5 =support:2.5 resource:2.5 "
        "accountable:3 accountability:3 track:2 monitor:2 progress:2 choose:2 decide:2 "
        "decision:2 pick:2 =start:1.5 =starting:1.5 begin:1 ready:1 exactly:1 remind:1.5"
    ),
    "none": (
        "lunch:3 coffee:3 water:3 tea:3 traffic:3 weather:3 record:3 room:3 comfortable:3 "
        "breakfast:3 parking:3 commute:3 mentoring:3 mentee:3 counsel:3 counseling:3 counselling:3"
    ),
}

# --- phrase cues ----------------------------------------------------------------------------------

_PRONOUN_ID = r"(?:anda|kamu|ibu|bapak|kita|kau|mbak|mas|pak|bu)"

PHRASE_CUES_ID: PhraseCues = {
    "goal": (
        (
            r"\b(?:ingin|mau|hendak|pengen|berharap) (?:\w+ ){0,2}(?:di|men|me)?"
            r"(?:capai|raih|wujudkan|hasilkan|ubah|tingkatkan|kurangi|turun|naik)\b",
            3,
        ),
        (r"\b(?:ingin|mau|pengen|berharap) (?:\w+ )?(?:lebih|menjadi|jadi|punya|memiliki)\b", 3),
        (r"\bdibandingkan (?:\w+ ){0,3}sekarang\b", 2),
        (_alt("ke depan", "tahun depan", "akhir tahun", r"dalam (?:\w+ )?(?:bulan|tahun)"), 1),
        (
            r"\b(?:\w+ )?(?:bulan|tahun) (?:dari sekarang|lagi)\b"
            r"|\bsetahun (?:lagi|dari sekarang)\b",
            2,
        ),
        (rf"\bbagaimana {_PRONOUN_ID} (?:\w+ )?(?:akan )?tahu\b", 3),
        (_alt("sesi (?:ini|hari ini)", "pertemuan (?:kita )?(?:hari ini|ini)", "bawa pulang"), 2),
        (r"\bseperti apa\b", 1),
        (r"\b(?:jadi|menjadi) apa\b", 2),
        (r"\bsampai ke sana\b", 2.5),
        (_alt("naik jabatan", "promosi"), 1),
    ),
    "reality": (
        (_alt("saat ini", "(?<!dari )sekarang", "akhir-akhir ini", "belakangan(?: ini)?"), 2),
        (
            _alt("sejauh ini", "selama ini", "hingga saat ini", "sampai (?:sekarang|saat ini)")
            + r"|\bsejauh mana\b",
            2.5,
        ),
        (
            r"\b(?:sudah|telah|udah) (?:\w+ ){0,2}"
            r"(?:lakukan|dilakukan|coba|dicoba|mencoba|jalankan|dijalankan|berjalan)\b",
            2.5,
        ),
        (_alt("skala", "angka berapa"), 1.5),
        (r"\bseberapa (?:penting|sering|besar|jauh|banyak|parah|berat|puas)\b", 2.5),
        (r"\bberapa (?:jam|lama|kali|banyak|orang|persen)\b|\bsejak kapan\b", 2),
        (_alt("kemarin", "minggu lalu", "bulan lalu", "tahun lalu", "tadi", "waktu itu"), 1.5),
        (_alt("kepercayaan diri", "percaya diri", "paling banyak", "kebanyakan"), 1.5),
        (
            r"\bapa yang (?:\w+ )?membuat\b|"
            + _alt("yang menyebabkan", "dapatkan dari", "umpan balik"),
            1.5,
        ),
    ),
    "options": (
        (_alt("apa lagi", "bagaimana lagi", "siapa lagi", "mana lagi", "apa saja yang bisa"), 3),
        (r"\b(?:bisa|dapat) (?:\w+ )?(?:lakukan|dilakukan|coba|dicoba|ditempuh|tempuh)\b", 2),
        (
            r"\b(?:tidak ada|tanpa) (?:\w+ ){0,3}(?:batas\w*|membatasi|kendala|hambatan|halangan)\b"
            r"|\btidak terbatas\b",
            4.5,
        ),
        (
            # A condition that lifts a constraint: "Kalau anggarannya tidak jadi masalah, …"
            r"\b(?:kalau|jika|bila|andaikan|misalkan)\b (?:\w+ ){1,4}(?:tidak|tanpa|tak|bukan) "
            r"(?:ada |jadi |menjadi )?(?:batas\w*|kendala|hambatan|masalah|soal|halangan)\b",
            4.5,
        ),
        (r"\bkalau (?:\w+ ){0,2}(?:teman|sahabat|rekan|atasan|staf)\b", 2.5),
        (rf"\bkalau {_PRONOUN_ID} (?:jadi|menjadi|berada di posisi)\b", 2.5),
        (_alt("untung rugi", "plus minus", "pro dan kontra", "jalan keluar"), 2.5),
        (_alt("pernah berhasil", "berhasil sebelumnya"), 3),
        (r"\bpaling (?:menarik|realistis|mungkin|cocok|masuk akal|mudah|efektif|tepat)\b", 2),
        (_alt("mana yang", "yang mana"), 1),
    ),
    "will": (
        (r"(?<!sejak )\bkapan\b(?! terakhir)", 2),
        (
            _alt("besok", "minggu depan", "minggu ini", "bulan depan", "lusa", "pekan depan")
            + "|"
            + _alt("sebelum akhir", "batas waktu", "tenggat", "deadline", "mulai hari ini"),
            2,
        ),
        (
            _alt("sumber daya", "tindak lanjut", "bertemu lagi", "ketemu lagi")
            + "|"
            + _alt(r"(?:sesi|pertemuan) berikutnya"),
            2,
        ),
        (
            r"\bsiapa (?:saja )?yang (?:perlu|harus|akan|bisa) (?:\w+ )?"
            r"(?:tahu|membantu|dilibatkan|diberi tahu|dikabari)\b",
            3,
        ),
        (r"\bseberapa (?:yakin|siap|besar komitmen|mungkin)\b", 3.5),
        (r"\bmungkin (?:\w+ )?(?:menghalangi|menghambat|mengganggu|muncul)\b", 3),
        (r"\b(?:membuat|bikin) (?:\w+ ){0,2}gagal\b", 2.5),
        (r"\b(?:langkah|yang) pertama\w*|\bpertama-tama\b", 1.5),
        (r"\bbagaimana saya (?:\w+ )?tahu\b", 3),  # the coach checking progress
        (r"\b(?:sudah )?(?:waktunya|saatnya)\b", 2),
    ),
    "none": (
        (
            r"\b(?:sudah|udah) (?:\w+ )?(?:makan|sarapan|minum)\b|\bmakan (?:siang|pagi|malam)\b"
            r"|\b(?:minum|perjalanan ke sini)\b|\bakhir pekan\b",
            3,
        ),
        (r"\b(?:boleh|bisa) kita mulai\b|\bkita mulai (?:saja|sekarang)\b", 3),
        (r"\bsebelum (?:kita )?mulai\b|\bmulai sesi\b", 3),
        (r"\b(?:boleh|bolehkah) saya\b", 2.5),
    ),
}

PHRASE_CUES_EN: PhraseCues = {
    "goal": (
        (_alt("get out of", "this session", "today's session"), 2),
        (
            _alt("from now", "by the end of (?:the )?(?:year|programme|program|coaching)")
            + r"|\bin (?:\w+ )?(?:months?|years?)\b|\bnext year\b",
            1,
        ),
        (r"\bhow (?:will|would|do) you know\b", 3),
        (_alt("looking for", "look like", "see yourself"), 1.5),
        (_alt("reached", "been achieved", r"where (?:do|would) you (?:want|like|hope)"), 2),
        (r"\bget there\b", 2.5),
        (
            r"\b(?:want|like|hope|wish|aim)s? to (?:achieve|accomplish|get|reach|become|be|change"
            r"|see|lose|gain|improve|increase|reduce|grow)\b",
            3,
        ),
        (r"\bwhat would make (?:\w+ ){0,5}(?:worth\w*|success\w*|good|useful|valuable)\b", 3),
        (r"\bcompared (?:to|with) (?:\w+ ){0,4}now\b", 2),
    ),
    "reality": (
        (
            _alt("right now", "at the moment", "these days", "nowadays", "at present")
            + r"|(?<!from )(?<!know )\bnow\b",
            2,
        ),
        (_alt("so far", "to date", "up to now", "until now"), 2.5),
        (_alt("going on", "how are things", "stopping you", "holding you back"), 2),
        (_alt("gets in the way", "getting in the way", "in your way"), 2.5),
        (r"\bhow (?:important|often|much|many|far|big|bad|serious|long)\b", 2.5),
        (r"\blast (?:time|week|month|presentation|year)\b|\bknow now\b", 1.5),
        (r"\bnotic(?:e|ed|ing)\b(?! board)", 1.5),
        (r"\bwhat (?:makes|made|caused|causes|led to)\b|\btoo (?:much|many|hard|difficult)\b", 1.5),
        (r"\bwhat(?:'s| is| are| was) (?:your |the |it |things )?(?:\w+ )?like\b(?! to)", 1.5),
    ),
    "options": (
        (
            _alt("what else", "how else", "where else", "anything else", "something else")
            + "|"
            + _alt(r"another (?:way|option|idea)", r"other (?:ways?|options?|ideas?|approach\w*)"),
            3,
        ),
        (r"\bwho else\b", 1.5),
        (r"\bcould you (?:do|try)\b|\bcould (?:\w+ )?do\b|\bwould you try\b", 2),
        (r"\bways? (?:to|you|of|that|we)\b|\bthe best way\b", 2),
        (r"\bwhat would you do\b|\bif you (?:knew|were|had|could)\b", 2.5),
        (r"\bif your (?:\w+ ){0,2}(?:friend|colleague|boss|staff|team|mentor)\b", 2.5),
        (
            _alt("if you had no", "if there were no", "if you could")
            + "|"
            + _alt(r"without (?:any )?(?:limits|constraints)", r"no (?:constraints|limits)")
            + r"|\bif (?:\w+ ){0,3}(?:money|budget|time|funding|resources|rules)\b (?:\w+ ){0,2}"
            r"(?:weren't|wasn't|were not|was not|no|not)\b",
            4.5,
        ),
        (
            _alt("someone you admire", r"in your (?:place|shoes)", "someone else", "other people"),
            2.5,
        ),
        (r"\b(?:worked|helped) (?:\w+ ){0,4}(?:before|in the past|similar)\b", 3),
        (r"\bthought (?:about|of)\b", 1.5),
        (
            _alt(r"appeals? to you", "most attractive", "most realistic", "like best", "fits best"),
            2,
        ),
        (r"\bmost (?:doable|feasible|practical|useful)\b", 2),
    ),
    "will": (
        (
            r"\bwhen (?:will|are you going|do you (?:want to |plan to )?start|can you start"
            r"|would you start)\b",
            3,
        ),
        (r"\bby when\b", 2),
        (_alt("first step", r"next steps?", "follow through"), 3),
        (
            _alt(
                "next week", "this week", "right away", r"follow[- ]up", "check in", "next session"
            )
            + r"|\bby the end of (?:the )?(?:week|month)\b",
            2,
        ),
        (_alt("help you", "need from"), 2.5),
        (
            r"\bwho (?:needs|should|will|must) (?:\w+ )?(?:know|be told|help)\b"
            r"|\bwho will you tell\b",
            3,
        ),
        (r"\bhow (?:committed|confident|sure|likely|ready)\b", 3.5),
        (r"\b(?:might|could|will|would) (?:\w+ )?get in the way\b|\b(?:might|could) stop you\b", 3),
        (r"\b(?:isn't it|it's|is it) time\b", 2),
    ),
    "none": (
        (
            _alt("how are you", "trip here", "drive in", "good time")
            + r"|\b(?:shall we|let's|ready to|can we|should we) get started\b"
            + "|"
            + _alt(r"how was (?:the|your) (?:weekend|trip|holiday|day|journey|drive)", "shall we"),
            3,
        ),
        (r"\bbefore we (?:begin|start)\b|\blet's (?:get started|begin|start)\b", 3),
        (_alt("(?:a|the) mentor", "coach or mentor", "how coaching works"), 3),
        (r"\b(?:may|can|could) i\b|\b(?:would|do) you mind if i\b", 2.5),
    ),
}

# --- grammar cues ---------------------------------------------------------------------------------
# kind -> (stage, weight). The scorer finds each kind with the word sets below.
GRAMMAR_WEIGHTS: dict[str, tuple[str, float]] = {
    "perfect": ("reality", 1.0),  # sudah/pernah/belum; have you tried, already, yet
    "past": ("reality", 1.0),  # did you…, was it…, dulu + verb
    "progressive": ("reality", 1.0),  # sedang/masih; what is happening
    "future": ("will", 0.5),  # akan/nanti on its own
    "future_action": ("will", 2.5),  # akan + a verb; will/going to + a verb
    "desire": ("goal", 1.0),  # ingin/mau/pengen; want/would like
    "possibility": ("options", 1.0),  # bisa/dapat/mungkin; could/might/can — open questions only
    "when": ("will", 1.5),  # "When …?" asks for a date, unless "when did/have…"
}

PERFECT_ID = _set("sudah udah telah pernah sempat belum")
PROGRESSIVE_ID = _set("sedang masih")
FUTURE_ID = _set("akan bakal nanti")
DESIRE_ID = _set("ingin mau pengen pingin hendak kepengen")
POSSIBILITY_ID = _set("bisa dapat mungkin boleh")
# Words that may stand between "akan"/"bisa" and its verb ("akan Anda lakukan").
FILLERS_ID = _set(
    "anda kamu kau ibu bapak bu pak kita kami saya mereka dia mbak mas tim saja langsung "
    "benar-benar segera"
)
# Verbs that need no "me-"/"di-" to be actions, for "akan …" (will) and "bisa …" (options).
ACTION_ID = _set(
    "ambil pilih mulai coba bicara datang kerja tulis kirim minta ikut pakai buat bikin daftar "
    "ajak tanya cek bilang kasih lapor tunggu temui lakuin kerjain omongin"
)
# Verbs after "akan" that describe a state, not something the coachee will do.
STATIVE_ID = _set(
    "tahu tau merasa menjadi jadi terjadi berbeda ada terlihat tampak seperti bisa mungkin "
    "berubah berhasil tercapai lebih"
)
FRAME_DISCOURSE = _set("jadi nah lalu terus so and now okay ok well")  # may precede the "kalau"
CONDITIONAL_ID = _set("kalau jika bila apabila seandainya andaikan andaikata misalkan misalnya")
# "Kalau boleh tahu, …", "Kalau begitu, …", "Kalau tidak salah, …" are no hypotheticals.
NOT_CONDITIONAL_ID = frozenset({"boleh tahu", "boleh saya", "begitu", "tidak salah", "begitu ya"})

PERFECT_AUX_EN = _set("have has had haven't hasn't hadn't i've you've we've they've")
PARTICIPLES_EN = _set(
    "done been seen said told spoken heard made taken given felt thought got gotten found kept "
    "left known met run written brought begun grown"
)
PAST_AUX_EN = _set("did didn't was wasn't were weren't")
PAST_SUBJECTS_EN = _set("you she he they we i it")
PAST_VERBS_EN = _set(
    "spoke said told went did felt made took gave thought got found came saw heard knew left met "
    "began wrote sent lost kept ran"
)
PROGRESSIVE_AUX_EN = _set("are is am what's it's that's you're we're they're aren't isn't")
FUTURE_EN = _set("will won't shall gonna i'll you'll we'll")
DESIRE_EN = _set("want wants wanted wanna")  # "would like" / "'d like" are found by the scorer
POSSIBILITY_EN = _set("could might can")
STATIVE_EN = _set("be know feel have need want like look seem")
CONDITIONAL_EN = _set("if suppose supposing imagine")
SUBJECTS_EN = _set("you we i they he she it your team someone anyone just really actually still")

# The reasoning behind "why" questions is usually about the current situation.
WHY_STAGE_BONUS = ("reality", 1.0)
# An advice proposes an option; a date or a start in it can still make it a will question.
ADVICE_STAGE_BONUS = ("options", 1.5)
