"""Word lists behind :mod:`.question_form` and :mod:`.question_split`: language, openness, flags.

Kept apart so that a trainer can review the Indonesian and English cues without reading the
algorithm (the GROW-stage cues are in :mod:`.question_stage_cues`). Every regex runs on the
lowercased words of one question joined by single spaces.
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
# At the start of a clause, "bukannya" presses like "bukankah" ("Bukannya Ibu sendiri bilang…").
LEADING_START_ID = _set("bukannya")

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
    (
        r"\b(?:bagaimana|gimana|gmn) (?:kalau|jika|bila|seandainya) (?:\w+ ){1,2}di(?!a\b)\w{3,}\b",
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
    (r"\bsurely\b|\bobviously\b|\b(?:can|shall) we agree\b", "leading"),
    (
        r"^(?:so )?could(?:n't)? you (?:just )?(?:ask|talk to|speak to|delegate|hand|send|move|put"
        r"|set|skip|use|share|give|let)\b",
        "advice",
    ),
    (
        r"\b(?:wouldn't|won't|couldn't) (?:a|an|the|it|that|this|some) (?:\S+ ){0,3}"
        r"(?:solve|help|fix|work)\b",
        "advice",
    ),
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
        r"\byou (?:\w+ )?(?:should|ought to|need to|must|have to|had better)\b|\byou'd better\b"
        r"|\byou (?:might|may) want to\b|\b(?:maybe|perhaps) you (?:could|should)\b",
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
# Tags that press only after a comma ("Saran saya…, setuju?"); "Anda setuju?" alone is a question.
COMMA_TAGS_ID = frozenset({"setuju", "setuju kan", "setuju ya", "ya", "iya"})
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
