"""Does a comment need urgent attention? Safeguarding, suicide or self-harm risk, abuse, neglect,
serious harm or a failure of care.

Almost no labelled comments are urgent, so this is a rule set written concept by concept rather
than a trained model. Each rule is a cue pattern; cues that describe a state ("unsafe", "abused",
"neglected") can be negated ("I never felt unsafe"), while cues that describe an omission ("the
fall was not reported") already carry their negation. Besides fixed wordings, some cues pair two
ideas within a sentence so that new wordings are caught: a wish or plan near dying or being dead,
a serious state (bleeding, a fracture, collapse) near a failure of care (nobody came, sent home
with it, told it was nothing), violence aimed at a person in any tense, and repetition ("keeps
burning himself"). Figures of speech that borrow the words
("killing time", "dying for a cup of tea") are removed before matching, and so is abuse that
patients or visitors aim at staff ("shouting abuse at the receptionist"). A negation does not reach
past a new clause or a report of what others failed to do ("nobody believed he was hit"), and a
worry told as past and put to rest ("I was worried she would be neglected, but it was the
opposite") is not a disclosure. We favour recall: a false alarm costs a reviewer a minute, a missed
disclosure costs far more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cue:
    concept: str
    pattern: re.Pattern[str]
    # Negation is looked for before the match, or before its `state` group where the pattern has
    # one: "the kids were never left unattended".
    negatable: bool = True


def _cue(concept: str, pattern: str, *, negatable: bool = True) -> Cue:
    return Cue(concept, re.compile(pattern, re.IGNORECASE), negatable)


_SELF = r"(?:my|him|her|them|my|your|one)sel(?:f|ves)"
# "To die at home", "to die for", "die of boredom": a wish about dying well, or a saying.
_NOT_A_DEATH_WISH = (
    r"(?!\s+(?:for|of|at\s+home|in\s+(?:peace|comfort|the\s+hospice|hospital|his|her|their|my)|"
    r"peacefully|with\s+dignity|comfortably|surrounded))"
)
# Serious states: active danger or lasting harm.
_SERIOUS = (
    r"(?:bleed\w*|bled|haemorrhag\w*|seizures?|fitting|unconscious|unresponsive|collaps\w*|sepsis|"
    r"septic|stroke|heart\s+attack|cardiac\s+arrest|intensive\s+care|icu|itu|nicu|coma|hypos?|dka|"
    r"died|paraly\w*|brain\s+damage|(?:pressure|bed)\s+sores?|ulcers?|dehydrat\w*|malnourish\w*|"
    r"head\s+injury|broken\s+(?:hip|neck|back|arm|leg|wrist|ribs?|bones?|jaw|nose|pelvis)|fractur\w*|"
    r"not\s+breathing|stopped\s+breathing|couldn'?t\s+breathe|struggling\s+to\s+breathe|"
    r"chok(?:ed|ing)|(?:turned|went|going|was)\s+(?:blue|grey|floppy|limp)|drowsy|can'?t\s+feel|"
    r"lost\s+(?:the\s+)?(?:feeling|use|sight)|swollen\s+and\s+(?:purple|black|hot)|blood\s+clot|dvt|"
    r"(?:went|turned|going|turning)\s+black|"
    r"embolism|gangren\w*|cracked\s+lips|bruis\w*|black\s+eye|soaking|soaked|soiled|wet\s+(?:bed|"
    r"sheets?|pad|clothes)|crying\s+(?:in\s+pain|for\s+help)|screaming\s+in\s+pain|in\s+agony|"
    r"miscarr\w*|heart\s+rate\s+(?:dropped|crashed|plummeted)|heart\s+stopped|arrested|"
    r"(?:appendix|bowel|ulcer|cyst|aneurysm|spleen)\s+(?:had\s+)?(?:burst|ruptured|perforated)|"
    r"ruptur\w*|perforat\w*|stage\s+(?:3|4|three|four)|terminal|spread\s+to)"
)
# Failures of care: nobody came or noticed, ignored, refused, forgotten, left bleeding or alone,
# sent home with it, told it was nothing, done by mistake or too late.
_CARE_FAILURE = (
    r"(?:(?:nobody|no\s+one|no-one)\s+(?:\w+\s+)?(?:came|come|checked|noticed|helped|emptied|changed|"
    r"fed|turned|got|took|listened|believed|knew|bothered|cared|did\s+anything|wrote|recorded)|"
    r"ignored|ignoring|dismissed|refused|(?<!\bi\s)(?<!\bwe\s)forgot(?:ten)?|stopped\s+coming|"
    r"(?:hadn'?t|didn'?t|never)\s+"
    r"(?:even\s+)?"
    r"(?:notice|noticed|check|checked|come|came|listen|know|knew|bother|believe|realise|realised)|"
    r"left\s+(?:\w+\s+){0,2}?(?:alone|lying|sitting|bleeding|for\s+hours|all\s+night|overnight|in\s+"
    r"(?:pain|agony))|sent\s+(?:\w+\s+){0,4}?home\s+(?:[\w&']+\s+){0,3}?with|said\s+(?:it|he|she)\s+"
    r"was\s+(?:normal|nothing|fine|anxiety|just)|by\s+mistake|too\s+late|twice\s+and\s+then|"
    r"(?:telling|told|tell|said|saying)\s+(?:us|me|him|her|them|my\s+\w+)?\s*(?:(?:his|her|my|the)\s+"
    r"\w+\s+)?(?:it\s+|he\s+|she\s+)?(?:was|is|were)\s+(?:just\s+|only\s+)?(?:normal|nothing|fine|"
    r"anxiety|constipation|a\s+virus|wind|a\s+migraine|growing\s+pains|indigestion|muscular|a\s+"
    r"sprain|teething|a\s+cold)|(?:wasn'?t|not|isn'?t)\s+(?:their|his|her|our|my)\s+job)"
)
# A negation as people type it, apostrophes or not.
_NOT = (
    r"(?:\b(?:no|nobody|never|not|without)\b|\b(?:didn|don|doesn|wasn|weren|hasn|haven|hadn|couldn|"
    r"wouldn|isn|aren)'?t\b)"
)
_KIN = (
    r"(?:mum|mother|mom|dad|father|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|"
    r"grandpa|grandfather|husband|wife|partner|son|daughter|brother|sister|aunt|auntie|uncle|"
    r"child|children|kids?|baby|boy|girl|girlfriend|boyfriend|niece|nephew)"
)
_PERSON = (
    r"(?:me|him|her|them|us|my\s+\w+|the\s+patient|patients?|(?:his|her|their)\s+"
    + _KIN
    + r"|the\s+(?:children|kids|child|baby|boy|girl|residents?|old\s+(?:man|lady|woman)))"
)

CUES: tuple[Cue, ...] = (
    # Suicide and self-harm: any mention is routed to a person, even in the past tense.
    _cue("suicide", r"\bsuicid\w*|\bkill(?:ing|ed)?\s+" + _SELF),
    _cue(
        "suicide", r"\b(?:end|ending|take|taking|took)\s+(?:my|his|her|their)\s+(?:own\s+)?life\b"
    ),
    _cue(
        "suicide",
        r"\b(?:want(?:ed|s)?|wish(?:ed)?|going)\s+to\s+die\b"
        + _NOT_A_DEATH_WISH
        + r"|\bbetter\s+off\s+dead\b",
    ),
    _cue(
        "suicide",
        r"\bbetter\s+off\s+(?:not\s+(?:waking\s+up|being\s+(?:here|alive|around))|gone|if\s+(?:i|he|she)"
        r"\s+(?:was|were|wasn'?t|weren'?t)\s+(?:gone|dead|here|around|alive))"
        r"|\b(?:don'?t|can'?t|cannot|do\s+not|no\s+longer)\s+see\s+(?:the|any)\s+point\s+(?:in|of)\s+"
        r"(?:anything|living|life|going\s+on|carrying\s+on|being\s+alive|being\s+here)"
        r"|\b(?:what'?s|whats|what\s+is)\s+the\s+point\s+(?:in|of)\s+(?:me\s+|him\s+|her\s+)?(?:living|"
        r"going\s+on|carrying\s+on|being\s+(?:alive|here)|life)"
        r"|\bno\s+point\s+(?:in\s+|of\s+)?(?:me\s+)?being\s+(?:alive|here)"
        r"|\b(?:saying|said|say)\s+goodbye\b[^.!?]{0,80}?\bg[ai]v\w*\s+(?:\w+\s+){0,3}?away"
        r"|\bg[ai]v\w*\s+(?:\w+\s+){0,3}?away\b[^.!?]{0,80}?\b(?:saying|said)\s+goodbye"
        r"|\b(?:took|taken|swallowed|had)\s+(?:a\s+load|loads|lots|a\s+lot|a\s+handful|handfuls|"
        r"a\s+whole\s+(?:box|packet|bottle|strip)|all)\s+of\s+(?:[\w']+\s+){0,2}?(?:tablets|pills|"
        r"paracetamol|painkillers|meds|medication)"
        r"|\bthreaten\w*\s+to\s+(?:drive|jump|walk|step|crash|overdose|hang|throw\s+(?:him|her|my)sel\w+|"
        r"cut\s+(?:him|her|my)sel\w+)"
        r"|\b(?:going\s+to|gonna|will|might|could|about\s+to|(?:i|he|she)'?ll)\s+do\s+something\s+"
        r"(?:stupid|silly|drastic)"
        r"|\b(?:not|stopped|stop)\s+taking\s+(?:\w+\s+){0,2}?(?:tablets|pills|meds|medication)\s+"
        r"(?:\w+\s+){0,2}?(?:to\s+)?(?:save|saving|keep|keeping|stockpile|hoard)"
        r"|\b(?:going\s+to\s+|gonna\s+|wants?\s+to\s+|threaten\w*\s+to\s+|talk\w*\s+about\s+"
        r"(?:wanting\s+to\s+)?)jump(?:ing)?\b(?!\s+(?:the\s+queue|in\s+the\s+queue|ahead|on\s+the|up|through\s+hoops|in\s+"
        r"and))"
        r"|\b(?:letters?|notes?|messages?|texts?)\s+(?:\w+\s+){0,2}?(?:saying|to\s+say)\s+(?:sorry|"
        r"goodbye)\s+(?:to\s+)?(?:everyone|us\s+all|all\s+of\s+us|the\s+family)"
        r"|\b(?:want\w*|wish\w*|ready|longs?|longing)\s+to\s+(?:be\s+with|join)\s+(?:\w+\s+){0,3}?"
        r"(?:in\s+heaven|who\s+(?:died|passed)|(?:his|her|my)\s+late\s+\w+)"
        r"|\b(?:make|making)\s+(?:it|the\s+pain|everything|this)\s+(?:all\s+)?(?:stop|end|go\s+away)\s+"
        r"for\s+good",
        negatable=False,
    ),
    _cue(
        "suicide",
        r"\b(?:don'?t|do\s+not|didn'?t)\s+want\s+to\s+(?:live|be\s+alive|be\s+here)\s+any\s*more",
        negatable=False,
    ),
    _cue(
        "suicide",
        r"\bno\s+(?:reason|point)\s+(?:to|in)\s+(?:liv|carry\w*\s+on|go\w*\s+on)"
        r"|\bend\s+it\s+all\b|\bcan'?t\s+go\s+on\b"
        r"|\bno\s+way\s+out\b(?!\s+of\s+(?:the|this)\s+(?:car\s+park|building|hospital|maze|queue))"
        r"|\b(?:can'?t|cannot|couldn'?t)\s+(?:keep\s+going|carry\s+on|cope\s+with\s+life|do\s+this)\s+"
        r"(?:like\s+this|any\s*more|much\s+longer)"
        r"|\b(?:nobody|no\s+one|no-one)\s+would\s+(?:even\s+)?(?:miss|notice|care\s+if)\s+"
        r"(?:me|him|her|them|i|he|she)\b"
        r"|\b(?:go\s+to\s+)?sleep\s+(?:forever|for\s+ever|and\s+never\s+wake)"
        r"|\bhad\s+enough\s+of\s+(?:everything|life|living|it\s+all|being\s+alive)",
        negatable=False,
    ),
    _cue("self-harm", r"\b(?:too\s+many|a\s+lot\s+of)\s+(?:tablets|pills)\s+on\s+purpose"),
    _cue(
        "self-harm", r"\bself[\s-]?harm\w*|\b(?:cut|cutting|hurt|hurting|harm|harming)\s+" + _SELF
    ),
    _cue("self-harm", r"\boverdos\w*|\bhang(?:ing|ed)?\s+" + _SELF),
    # Preparing or imagining a way to die, saying goodbye, not wanting to wake up.
    _cue(
        "suicide",
        r"\b(?:stockpil\w*|hoard\w*|saving\s+up|sav(?:e|ed|ing)\s+up|collect\w*|stash\w*)\s+"
        r"(?:\w+\s+){0,2}"
        r"(?:tablets|pills|meds|medication|painkillers)"
        r"|\b(?:goodbye|suicide)\s+(?:letters?|notes?|messages?)\b"
        r"|\b(?:post\w*|text\w*|messag\w*|wrote|put)\s+(?:\w+\s+){0,4}?(?:online|on\s+(?:facebook|"
        r"social\s+media|snapchat|instagram)|to\s+(?:everyone|us\s+all|all\s+of\s+us))\s+(?:\w+\s+){0,3}?"
        r"(?:saying|to\s+say)\s+goodbye"
        r"|\b(?:jump\w*|throw\w*\s+(?:my|him|her|them)sel\w+)\s+(?:off|in\s+front\s+of|from)\s+"
        r"(?:a|the)\s+(?:train|bridge|building|car|bus|roof|cliff|lorry)"
        r"|\b(?:see|find)\s+(?:a|any)\s+way\s+out\b"
        r"|\bbetter\s+(?:off\s+)?without\s+(?:me|him|her|them)\b"
        r"|\b(?:take|swallow)\s+(?:them\s+|it\s+)?all\s+(?:at\s+once|in\s+one\s+go|together)"
        r"|\b(?:disappear|go\s+away|be\s+gone|sleep)\s+(?:for\s+good|forever|for\s+ever)"
        r"|\bfound\s+hanging\b(?!\s+(?:around|about|out))"
        r"|\b(?:rather|prefer\s+to)\s+not\s+wake\s+up|\b(?:not|never)\s+(?:to\s+)?wake\s+up\s+again"
        r"|\bwish(?:ed)?\s+(?:i|he|she|they)\s+(?:had\s*n[o']t|hadn'?t|didn'?t|did\s+not)\s+"
        r"(?:woken|wake|survived)",
        negatable=False,
    ),
    # Injuring one's own body, and starving oneself.
    _cue(
        "self-harm",
        r"\b(?:burn\w*|cut\w*|scratch\w*|slash\w*|bit(?:e|ing)|punch\w*|carv\w*)\s+"
        r"(?:(?:at|into)\s+)?(?:my|his|her|their)\s+(?:own\s+)?"
        r"(?:arms?|wrists?|legs?|thighs?|skin|stomach|body|face)\b"
        r"|\b(?:starv\w*|not\s+feeding)\s+"
        + _SELF
        + r"|\bmak\w*\s+"
        + _SELF
        + r"\s+(?:sick|vomit|throw\s+up)"
        r"|\beating\s+disorder\b[^.!?]{0,80}?"
        r"\b(?:wait\w*|discharg\w*|refus\w*|no\s+help|(?:los\w*|lost|dropp\w*|fall\w*|plummet\w*)\s+"
        r"(?:\w+\s+){0,2}?weight|weight\s+(?:loss|dropp\w*|fall\w*|plummet\w*))",
    ),
    # Suicide said without the word: weary of life, nothing to live for, giving things away,
    # looking up ways to die, a rope or ligature, a last night, wishing to be dead, wanting it all
    # to end, walking into traffic on purpose.
    _cue(
        "suicide",
        r"\b(?:tired|sick|weary)\s+of\s+(?:living|life|being\s+alive|existing)\b"
        r"|\b(?:nothing|nobody|no\s+one|no-one)\s+(?:left\s+)?to\s+live\s+for\b"
        r"|\bno\s+(?:will|reason|desire)\s+to\s+live\b"
        r"|\blost\s+(?:the|all|my|his|her|their)\s+will\s+to\s+live\b"
        r"(?![^.!?]{0,60}\b(?:wait\w*|queue\w*|hold|music|forms?|phone)\b)"
        r"|\b(?:no\s+longer|don'?t|do\s+not|doesn'?t|does\s+not|didn'?t|did\s+not)\s+want\s+to\s+"
        r"(?:live|exist|be\s+alive|carry\s+on(?!\s+with))\b"
        r"|\b(?:want\w*|wish\w*|need\w*)\s+(?:it\s+all|everything|(?:my|his|her)\s+life)\s+to\s+"
        r"(?:end|stop|be\s+over)\b"
        r"|\b(?:want\w*|going|planning|plans?|thinking\s+(?:of|about)|tempted)\s+(?:to\s+)?"
        r"end(?:ing)?\s+(?:it|things|everything)\b(?!\s+(?:with|there|here))",
        negatable=False,
    ),
    _cue(
        "suicide",
        r"\bgiv(?:e|es|ing|en)\s+(?:away\s+)?(?:all\s+)?(?:of\s+)?(?:his|her|my|their)\s+(?:\w+\s+)?"
        r"(?:things|belongings|possessions|stuff|pets?)\s+away\b"
        r"|\bgiv(?:e|es|ing|en)\s+away\s+(?:all\s+)?(?:of\s+)?(?:his|her|my|their)\s+"
        r"(?:things|belongings|possessions|stuff)"
        r"|\b(?:ways|methods|how)\s+to\s+(?:die|kill\s+(?:my|him|her|them)sel\w+|end\s+(?:it|(?:my|his"
        r"|her|their)\s+(?:own\s+)?life)|overdose|hang)\b(?!\s+(?:with|peacefully|at\s+home|well))"
        r"|\bnoose|\b(?:had|has|have|got|bought|buying|tied|made|making|found|with)\s+(?:a\s+|the\s+)?"
        r"(?:rope|ligatures?|cord)\b[^.!?]{0,30}?\b(?:ready|round|around|neck|tied|hidden|room)"
        r"|(?<!anti-)(?<!anti\s)\bligatures?\b(?!\s+(?:points?|risks?|free|proof|cutters?|training|"
        r"anchor))"
        r"|\b(?:tonight|today)\s+(?:would|will|was\s+going\s+to)\s+be\s+(?:my|his|her|their)\s+last"
        r"(?:\s+(?:night|day))?\b(?!\s+(?:at|of|in|on|with|here|appointment|session|visit|shift|"
        r"treatment|dose))"
        r"|\b(?:won'?t|will\s+not|wouldn'?t|would\s+not|not\s+going\s+to)\s+be\s+(?:alive|here|around)"
        r"\s+(?:tomorrow|by\s+(?:the\s+)?(?:morning|weekend)|next\s+week)"
        r"|\bwish(?:ed|es)?\s+(?:i|he|she|they)\s+(?:was|were|had\s+been|could\s+be)\s+dead\b"
        r"|\bwish(?:ed|es)?\s+(?:i|he|she|they)\s+(?:was|were)(?:n'?t|\s+not)\s+(?:here|alive|around)"
        r"|\bwish(?:ed|es)?\s+(?:i|he|she|they)\s+(?:had\s+)?(?:never\s+been\s+born|died)\b"
        r"|\b(?:go\s+to\s+sleep|sleep|fall\s+asleep)\s+and\s+(?:never|not)\s+wake\s+up"
        r"|\bhop(?:e|es|ed|ing)\s+(?:i|he|she)\s+(?:don'?t|doesn'?t|won'?t|wouldn'?t|didn'?t)\s+"
        r"wake\s+up"
        r"|\b(?:tried|try|trying|attempt\w*)\s+to\s+(?:take|end)\s+(?:my|his|her|their)\s+"
        r"(?:own\s+)?life\b|\battempt\w*\s+on\s+(?:my|his|her|their)\s+(?:own\s+)?life"
        r"|\b(?:can'?t|cannot|couldn'?t|unable\s+to)\s+keep\s+" + _SELF + r"\s+safe",
        negatable=False,
    ),
    _cue(
        "suicide",
        r"\b(?:ran|run|runs|running|walk\w*|step\w*|jump\w*|threw|throw\w*|drove|driv\w*)\s+"
        r"(?:\w+\s+){0,3}?(?:into|in\s+front\s+of|off|out\s+into|onto)\s+(?:\w+\s+){0,3}?"
        r"(?:road|traffic|cars?|bus|lorry|train|tracks?|river|sea|canal|bridge|motorway)\b"
        r"[^.!?]{0,40}?\b(?:on\s+purpose|deliberately|intentionally|to\s+die|to\s+end)"
        r"|\b(?:on\s+purpose|deliberately|intentionally)\s+(?:\w+\s+){0,2}(?:ran|walked|stepped|"
        r"jumped|drove)\s+(?:into|in\s+front\s+of|off)"
        r"|\b(?:walk\w*|wad\w*|jump\w*)\s+into\s+the\s+(?:sea|river|canal)\b",
        negatable=False,
    ),
    # Thoughts of dying, and being a danger to oneself: negatable, so screening questions
    # ("asked about thoughts of harming myself") stay quiet.
    _cue(
        "suicide",
        r"\bthoughts?\s+(?:of|about|around)\s+(?:death|dying|ending|killing|jumping|hanging|overdos\w*"
        r"|not\s+being\s+(?:here|alive)|harming|hurting|cutting)"
        r"|\bdark\s+thoughts\b|\b(?:danger|risk)\s+to\s+" + _SELF,
    ),
    # Self-harm said without the word: punching walls, head-banging, hidden blades, hurting
    # oneself until it bleeds, swallowing things.
    _cue(
        "self-harm",
        r"\b(?:punch\w*|kick\w*|head[\s-]?butt\w*)\s+(?:the\s+|a\s+)?walls?\b"
        r"|\bhead[\s-]?bang\w*|\bbanging\s+(?:my|his|her|their)\s+head\s+(?:on|against)"
        r"|\b(?:blades?|razors?|sharps)\b[^.!?]{0,50}?\b(?:hid\w*|under\s+(?:his|her|the|my)\s+"
        r"(?:bed|pillow|mattress)|in\s+(?:his|her|their|my)\s+(?:room|bag|pocket|drawer))"
        r"|\b(?:hid\w*|hiding|found|finding)\s+(?:\w+\s+){0,3}?(?:blades?|razors?|razor\s+blades?)\b"
        r"|\b(?:punch|hit|bang|scratch|pick|bit|bite|biting|claw|pull)\w*\b[^.!?]{0,50}?\buntil\s+"
        r"(?:\w+\s+){0,3}?(?:bleed\w*|bled|raw)\b"
        r"|\b(?:hit|hitting|hits|punch\w*|bit(?:e|es|ing)|strangl\w*|suffocat\w*|poison\w*|drown\w*)\s+"
        + _SELF
        + r"|\bburn\w*\s+"
        + _SELF
        + r"\s+with\s+(?:a\s+)?(?:lighters?|cigarettes?|matches|irons?)"
        r"|\b(?:keeps?|kept|has\s+been|have\s+been|started|is\s+still|am\s+still)\s+(?:\w+\s+)?"
        r"(?:burning|cutting|hurting|hitting|scratching|harming|bruising|punching)\s+"
        + _SELF
        + r"|\b(?:scars|cuts|fresh\s+cuts|marks)\s+(?:all\s+)?(?:over|on|up\s+and\s+down|along)\s+"
        r"(?:his|her|my|their)\s+(?:arms|wrists|legs|thighs|stomach)"
        r"|\b(?:taking|took|take|takes)\s+more\s+(?:tablets|pills|painkillers|medication)\s+than\s+"
        r"(?:i|he|she|they)\s+(?:should|am\s+supposed|is\s+supposed|are\s+supposed)"
        r"|\b(?:swallow\w*|drank|drink\w*|ingest\w*)\s+(?:\w+\s+){0,2}?"
        r"(?:batteries|bleach|blades?|razors?|screws|pins|needles|anti-?freeze|weed\s*killer|poison|"
        r"hand\s+(?:gel|sanitiser|sanitizer)|alcohol\s+gel|cleaning\s+(?:fluid|products?))\b",
        negatable=False,
    ),
    # Wanting to die, said any way: a wish, plan or thought within a few words of dying, being
    # dead or not being here. Hopes to die at home or in peace are end-of-life wishes.
    _cue(
        "suicide",
        r"\b(?:want\w*|wish\w*|rather|prefer\w*|longing|longs?|ready\s+to|tempted|plann?\w*|"
        r"(?:thinks?|thinking|thought|thoughts?|talks?|talking)\s+(?:of|about)|keeps?\s+saying|begg\w*|"
        r"begs?|"
        r"ask\w*\s+(?:\w+\s+){0,2}to\s+(?:help|let)|help\s+(?:him|her|me|them)(?:\s+to)?|"
        r"let\s+(?:him|her|me|them))"
        r"(?:\W+(?!(?:not|never|if|whether)\b)\w+){0,4}?\W+"
        r"(?:die\b" + _NOT_A_DEATH_WISH + r"|dying\b(?!\s+(?:for|of|to\s+"
        r"(?:see|know|get|go|meet|try)|at\s+home|in\s+peace|patients?|relatives?|people))"
        r"|be\s+dead|better\s+dead|end\s+(?:(?:it|it\s+all|things|everything)(?!\s+(?:with|there|here|"
        r"on))|(?:my|his|her|their)\s+(?:own\s+)?life)|(?:be\s+)?(?:here|alive)\s+(?:any\s*more|next\s+(?:year|week|month)|much\s+"
        r"longer|tomorrow))",
        negatable=False,
    ),
    _cue(
        "suicide",
        r"\blife\s+(?:is\s+|isn'?t\s+|is\s+not\s+|wasn'?t\s+|was\s+not\s+|not\s+)(?:worth\s+living|"
        r"pointless|meaningless)|\bnot\s+worth\s+living\b"
        r"|\bplann?\w*\s+how\s+(?:i|he|she|they|to)\s+(?:would|will|could|am\s+going\s+to|is\s+going\s+"
        r"to)?\s*(?:do\s+it|end\s+it|die|kill)"
        r"|\b(?:found|caught|sitting|sat)\s+with\s+(?:\w+\s+){0,3}?(?:pills|tablets|blades?|razors?|"
        r"rope|ligature|cord)\b"
        r"|\b(?:tied|tying|wrapped|wrapping|put|putting)\s+(?:\w+\s+){0,2}?(?:round|around)\s+(?:his|her|"
        r"my|their)\s+(?:own\s+)?neck",
        negatable=False,
    ),
    # Violence against a person in any tense: "saw a nurse kick a patient".
    _cue(
        "abuse",
        r"\b(?:hit|hits|hitting|slap\w*|punch\w*|kick|kicks|kicking|kicked|beat|beats|beating|beaten|"
        r"shov\w*|smack\w*|thump\w*|batter\w*|headbutt\w*|head-butt\w*|spat\s+(?:at|on)|spit\w*\s+"
        r"(?:at|on))\s+(?:a|an|the|another)\s+(?:\w+\s+)?(?:patient|resident|person|man|woman|lady|"
        r"child|boy|girl|baby|service\s+user)\b",
    ),
    # Harm at home from a partner or relative: "my husband hurts me when he drinks".
    _cue(
        "abuse",
        r"\b(?:husband|wife|partner|boyfriend|girlfriend|ex|dad|father|step-?dad|step-?father|mum|"
        r"mother|step-?mum|son|daughter|brother|uncle|carer|he|she)\s+(?:\w+\s+)?(?:hurts|hits|beats|"
        r"kicks|chokes|strangles|slaps|punches|pushes|shoves|threatens)\s+(?:me|her|him|them|us|my\s+\w+|"
        r"the\s+(?:kids|children))\b",
    ),
    # Sedating a person for the staff's convenience.
    _cue(
        "abuse",
        r"\b(?:sleeping\s+(?:tablets|pills)|sedat\w*|tranquil\w*|drugs|medication|tablets)\b[^.!?]{0,60}?"
        r"\bso\s+(?:that\s+)?(?:he|she|they)\s+(?:doesn'?t|don'?t|won'?t|can'?t|is|are|stays?|sleeps?)"
        r"\s+(?:\w+\s+)?(?:bother|quiet|calm|asleep|out\s+of\s+the\s+way|trouble|wander|ring|call)",
        negatable=False,
    ),
    # Intrusion at night, and staff crossing a line with a patient.
    _cue(
        "abuse",
        r"\b(?:keeps?|kept)\s+(?:going|coming|getting|creeping|sneaking)\s+in(?:to)?\s+"
        r"(?:her|his|my|their)\s+(?:bedroom|room|bed|bay)\s+(?:at\s+night|in\s+the\s+night|when\s+"
        r"(?:she|he|i)\s+(?:was|is)\s+(?:asleep|alone))"
        r"|\b(?:doctor|nurse|staff|therapist|consultant|carer|porter|paramedic|worker|physio\w*|"
        r"dentist|gp)\b[^.!?]{0,60}?\basked\s+(?:me|her|him|my\s+\w+)\s+(?:out\b|on\s+a\s+date|for\s+"
        r"(?:a\s+date|a\s+drink|my\s+number|her\s+number))"
        r"|\b(?:messag\w*|text\w*|contact\w*|add\w*|follow\w*)\s+(?:me|her|him|my\s+\w+)\s+on\s+"
        r"(?:my|her|his|their)\s+(?:personal|private)\s+(?:phone|number|mobile|facebook|instagram|"
        r"account)",
    ),
    # Abuse and violence, by staff, family or anyone else.
    _cue(
        "abuse",
        r"\b(?:smack\w*|twist\w*|yank\w*|wrench\w*)\s+(?:[\w']+\s+){0,3}?"
        r"(?:arms?|wrists?|hands?|hair|head|face|fingers?)\b"
        r"|\b(?:called|calling|calls)\s+(?:him|her|me|them|my\s+\w+)\s+(?:a\s+)?"
        r"(?:stupid|useless|disgusting|fat|pathetic|an?\s+idiot|names)",
    ),
    # Control, isolation and restraint: locked in, tied, money or cards taken, call bell removed.
    _cue(
        "abuse",
        r"\block(?:s|ed|ing)?\s+(?:him|her|me|them|us|my\s+\w+)\s+(?:in|up|out)\b"
        r"|\b(?:tied|strapped|tethered)\s+(?:(?:him|her|me|them|us)\s+)?(?:down\b|(?:in)?to\s+(?:a|the|his|"
        r"her|my|their)\s+(?:\w+\s+)?(?:chair|bed|cot|trolley|wheelchair|commode|rails?|radiator))"
        r"|\bcall\s*bell\b[^.!?]{0,40}?\b(?:tied|taken|removed|moved|unplugged|out\s+of\s+reach|"
        r"not\s+(?:within|in)\s+reach|on\s+the\s+floor)"
        r"|\b(?:takes?|took|taking|keeps?|kept)\s+(?:his|her|my|their|\w+'s)\s+(?:bank\s+)?"
        r"(?:cards?|money|pension|benefits|passport)"
        r"|\b(?:takes?|took|taking|keeps?|kept)\s+(?:his|her|my|their)\s+(?:mobile\s+)?phone\s+"
        r"(?:away|off\s+(?:him|her|me|them))"
        r"|\b(?:taking|took|takes|stealing|stole)\s+(?:cash|money|valuables|jewellery|rings?)\b"
        r"|\b(?:money|cash|jewellery|rings?|purse|wallet)\s+(?:\w+\s+){0,2}(?:went|gone|has\s+gone)"
        r"\s+missing",
        negatable=False,
    ),
    # Injuries nobody can account for.
    _cue(
        "abuse",
        r"\b(?:fingertip|finger\s*tip|finger|grip|hand\s*print|hand)\s+(?:bruis\w*|marks)"
        r"|\b(?:bruis\w*|burns?|marks|injur\w*|cuts|scratches|black\s+eye|skin\s+tears?|wounds?)\b"
        r"[^.!?]{0,80}?\b(?:no|any)\s+(?:explanation|idea\s+how|record)"
        r"|\b(?:black\s+eye|bruis\w*|burns?|marks|injur\w*|cuts|scratches|skin\s+tears?|wounds?|"
        r"fractur\w*|broken\s+\w+)\b[^.!?]{0,80}?\b(?:won'?t|will\s+not|refuses?\s+to|doesn'?t|didn'?t|"
        r"can'?t|couldn'?t)\s+(?:explain|say\s+(?:how|what)|tell\s+(?:us|me|anyone)\s+(?:how|what))"
        r"|\b(?:black\s+eye|bruis\w*|burns?|marks|injur\w*|cuts|scratches|skin\s+tears?|wounds?|"
        r"fractur\w*|broken\s+\w+)\b[^.!?]{0,80}?\b(?:nobody|no\s+one|no-one|staff|they)\s+(?:\w+\s+)?"
        r"(?:wrote|written|recorded|documented|reported|knew|knows|know|could\s+say|can\s+say|"
        r"could\s+tell|can\s+tell)\s+(?:\w+\s+)?(?:what|how|anything|it|down)\b"
        r"|\b(?:came|come|comes|returned|brought)\s+(?:home|back)\s+(?:\w+\s+){0,4}?with\s+(?:a\s+|an\s+)?"
        r"(?:\w+\s+)?(?:black\s+eye|fractur\w*|broken\s+(?:arm|wrist|leg|hip|nose|rib|finger|jaw)|"
        r"burns?|cigarette\s+burns)\b",
        negatable=False,
    ),
    # Sexual behaviour towards patients.
    _cue(
        "abuse",
        r"\b(?:got|get|gets|getting|climb\w*)\s+(?:in|into)\s+(?:my|her|his|their)\s+bed\b"
        r"|\bexpos(?:ed|ing|es)\s+(?:him|her)sel\w+|\b(?:sexual|indecent)\w*\b"
        r"|\b(?:touch\w*|grop\w*|fondl\w*)\s+(?:my|her|his)\s+(?:breasts?|chest|bottom|bum|"
        r"private|genitals|groin|thigh)"
        r"|\b(?:comments?|remarks?|jokes?)\s+about\s+(?:my|her|his)\s+(?:breasts?|boobs|chest|bum|"
        r"bottom|body|figure|genitals|privates|private\s+parts)"
        r"|\btouch\w*\s+(?:my|her|his)\s+(?:\w+\s+)?(?:leg|legs|knee|thigh)\s+under\s+(?:the|my|her|his)"
        r"\s+(?:blanket|sheet|covers|gown|bedding)"
        r"|\b(?:does|did|doing|done|do)\s+(?:\w+\s+)?things\s+to\s+(?:her|him|me|them)\b"
        r"|\b(?:film\w*|photograph\w*|videoing|videoed)\s+(?:the\s+)?(?:patients?|residents?|him|her|"
        r"them|my\s+\w+)\b(?!\s+(?:with|for)\s+(?:consent|permission|training))"
        r"|\blaugh\w*\s+at\s+(?:the\s+)?(?:patients|residents)\b",
    ),
    # Children and young people exposed to exploitation.
    _cue(
        "safeguarding",
        r"\b(?:\d{1,2}[\s-]*(?:year|yr)[\s-]*old|teen\w*|under\s*age|child|girl|boy)\b[^.!?]{0,60}?"
        r"\b(?:alcohol|drugs|older\s+(?:men|man|boys|women)|cigarettes|vapes?)\b",
        negatable=False,
    ),
    _cue("abuse", r"\babus(?:e|ed|ive|ing)\b|\bassault\w*|\bmolest\w*|\brap(?:e|ed)\b"),
    _cue(
        "abuse",
        r"\b(?:hit|slapped|punched|kicked|pinched|shoved|strangled|choked|slap|smack|thump)\s+"
        + _PERSON
        + r"(?!\s+(?:to\s+(?:it|the)|up\s+the|out|off)\b)",
    ),
    _cue(
        "abuse",
        r"\bpinn\w*\s+(?:(?:his|her|their|my)\s+)?(?:arms?|hands?|legs?|wrists?)\s+down"
        r"|\bpinn\w*\s+(?:him|her|them|me|my\s+\w+)\s+(?:down|to\s+the)"
        r"|\btouch\w*\s+(?:her|him|me|them)\s+(?:where|in\s+places)\s+(?:he|she|they)\s+"
        r"(?:shouldn'?t|should\s+not)"
        r"|\b(?:carer|care\s+worker|support\s+worker|staff|nurse|helper|cleaner)\b[^.!?]{0,60}?"
        r"\b(?:borrow\w*|asking\s+for|asked\s+for|tak\w*|getting|got)\s+(?:\w+\s+)?(?:money|cash|loans?)"
        r"\s+(?:off|from)"
        r"|\b(?:kept|keeping|keeps|held|holding)\s+(?:\w+\s+)?(?:a\s+)?(?:prisoner|captive|hostage)"
        r"|\b(?:doesn'?t|don'?t|won'?t|does\s+not|will\s+not|never)\s+lets?\s+(?:him|her|them|me)\s+have\s+"
        r"(?:(?:his|her|their|my)\s+own\s+|any\s+|a\s+)?(?:money|phone|bank\s+card|keys|food)"
        r"|\b(?:carer|care\s+worker|support\s+worker|helper|neighbour)\b[^.!?]{0,60}?\b(?:keeps|kept|"
        r"pockets?|pocketed)\s+(?:the|his|her|their)\s+(?:money|cash|change|pension)"
        r"|\b(?:husband|partner|boyfriend|ex|step-?dad|step-?father|he)\s+(?:\w+\s+)?(?:broke|fractured|"
        r"burnt|burned)\s+(?:her|my)\s+(?:arm|wrist|nose|jaw|ribs?|leg|fingers?|hand|cheekbone)"
        r"|\b(?:wife|girlfriend|she)\s+(?:\w+\s+)?(?:broke|fractured|burnt|burned)\s+(?:his|my)\s+"
        r"(?:arm|wrist|nose|jaw|ribs?|leg|fingers?|hand|cheekbone)"
        r"|\bleft\s+(?:him|her|them|me|my\s+\w+)\s+with\s+(?:\w+\s+)?(?:bruis\w*|black\s+eyes?|"
        r"burns|injur\w*)(?![^.!?]{0,40}\b(?:cannula|blood\s+tests?|injections?|jabs?|drip)\b)",
    ),
    _cue("abuse", r"\b(?:shove|shoves|push|pushes|hits|slaps|kicks|punches)\s+" + _PERSON + r"\b"),
    _cue(
        "abuse",
        r"\b(?:burn|bruise|bruises|cut|injury|injuries|marks?|fracture)\b[^.!?]{0,60}?"
        r"(?:nobody|no\s+one|no-one|can'?t|cannot|couldn'?t)\s+(?:\w+\s+){0,3}"
        r"(?:explain|tell\s+us\s+how|say\s+how|know\s+how)",
        negatable=False,
    ),
    # "grabbed my hand" is as often comfort as force.
    _cue(
        "abuse",
        r"\b(?:pushed|grabbed|dragged|restrained|manhandled)\s+(?!(?:my|his|her|their)\s+hands?\b)"
        + _PERSON
        + r"\b",
    ),
    _cue(
        "abuse",
        r"\brough(?:ly)?\s+handl\w*|\bmanhandl\w*"
        r"|(?<!bit\s)(?<!little\s)(?<!slightly\s)\brough\s+with\s+" + _PERSON + r"\b"
        r"|\b(?:pull|drag|yank|haul|lift|hoist)\w*\s+"
        + _PERSON
        + r"\s+(?:\w+\s+){0,5}?by\s+(?:his|her|their|my|the)\s+"
        r"(?:arms?|hair|wrists?|collar|legs?|clothes|neck|ears?)\b"
        r"|\b(?:held|pinned|restrained|kept|pushed)\s+(?:\w+\s+)?(?:face\s+down|prone)\b"
        r"|\bcoercive\b|\bcontrol\w*\s+(?:all\s+)?(?:of\s+)?(?:his|her|their|my)\s+(?:money|finances|"
        r"phone|movements|medication)"
        r"|\b(?:kept|keeps|keep)\s+touching\s+" + _PERSON + r"\b"
        r"|\btold\s+"
        + _PERSON
        + r"\s+to\s+(?:just\s+)?(?:wet|soil|mess|go\s+in|do\s+it\s+in|use)\s+"
        r"(?:\w+\s+)?(?:himself|herself|themselves|myself|the\s+bed|(?:his|her|their|my)\s+(?:pad|bed|"
        r"nappy))",
    ),
    _cue(
        "abuse",
        r"\b(?:was|were|been|being|got|gets|is)\s+(?:(?!not\b|never\b)\w+\s+)?(?:hit|punched|kicked|slapped|pushed|"
        r"shoved|dragged|restrained|bullied\s+and\s+hit|attacked|beaten|strangled|bitten|spat\s+on|pinned\s+down)\b",
    ),
    _cue("abuse", r"\btouch\w*\s+(?:\w+\s+){0,2}inappropriately"),
    _cue("abuse", r"\b(?:sexual(?:ly)?|inappropriate(?:ly)?)\s+(?:touch\w*|comment\w*|assault\w*)"),
    _cue("abuse", r"\bdomestic\s+(?:violence|abuse)\b|\bunexplained\s+bruis\w*"),
    _cue("abuse", r"\b(?:stole|stolen|steal\w*)\s+(?:from|money|his|her|my)\b"),
    # Held down by sitting or kneeling on a person; sedated to keep them quiet.
    _cue(
        "abuse",
        r"\b(?:sat|sitting|knelt|kneeling|lay|lying)\s+on\s+(?:top\s+of\s+)?(?:him|her|me|them|my\s+"
        r"(?:mum|mother|dad|father|nan|nana|gran\w*|grand\w+|husband|wife|son|daughter|brother|"
        r"sister|aunt|uncle|partner|child|baby|boy|girl))\b"
        r"|\bdrugg(?:ing|ed|s)\s+(?:him|her|them|me|my\s+\w+|patients?|residents?)\b"
        r"|\b(?:sedat\w*|tablets|medication|drugs)\s+(?:\w+\s+){0,3}?to\s+keep\s+(?:him|her|them|"
        r"patients?|residents?)\s+(?:quiet|still|down|out\s+of\s+the\s+way)",
    ),
    # Hands on a person with force: squeezed, twisted or pulled until it hurt or marked.
    _cue(
        "abuse",
        r"\b(?:squeez|grip|grab|yank|twist|pull|pinch|wrench|jerk|tug|drag|shak)\w*\s+(?:[\w']+\s+){0,3}?"
        r"(?:wrists?|arms?|hands?|hair|neck|ears?|fingers?|legs?|shoulders?|face|chin|jaw)\b"
        r"[^.!?]{0,50}?\b(?:until|till|so\s+hard|hard\s+enough|so\s+tight\w*|leav\w*\s+(?:\w+\s+)?"
        r"(?:marks|bruis\w*)|left\s+(?:\w+\s+)?(?:marks|bruis\w*))"
        r"|\b(?:yank|drag)\w*\s+(?:[\w']+\s+){0,3}?(?:by\s+(?:the|his|her|their)\s+)?hair\b"
        r"|\b(?:shout\w*|scream\w*|yell\w*|swor\w*|swear\w*|spat|spit\w*)\s+(?:right\s+)?in(?:to)?\s+"
        r"(?:(?:my|his|her|their|our|the)\s+)?(?:\w+'s\s+)?face\b",
    ),
    # Taking away what a person needs to move or call for help, so that they fall or are stuck.
    _cue(
        "abuse",
        r"\b(?:kick\w*|knock\w*|snatch\w*|yank\w*|hid\w*)\s+(?:[\w']+\s+){0,3}?(?:walking\s+"
        r"(?:frame|stick|aid)|frame|zimmer|walker|crutch(?:es)?|stick|wheelchair|hearing\s+aids?|"
        r"call\s*bell|buzzer)\s+(?:\w+\s+){0,2}?away\b"
        r"|\b(?:away|out\s+of\s+reach)\s+so\s+(?:that\s+)?(?:he|she|they|i)\s+(?:fell|couldn'?t|could\s+"
        r"not)\b",
        negatable=False,
    ),
    # Money and property taken by someone in a position of trust.
    _cue(
        "abuse",
        r"\bsign(?:ed|ing|s)?\s+(?:over|away)\s+(?:his|her|their|my)\s+(?:\w+\s+)?(?:house|home|"
        r"property|flat|money|savings|bungalow|estate|pension)"
        r"|\b(?:made|making|forced|forcing|pressur\w*|persuad\w*|tricked|bullied|talked)\s+"
        r"(?:him|her|them|my\s+\w+)\s+(?:in)?to\s+(?:sign\w*\s+(?:over|away)|chang\w*\s+(?:his|her|"
        r"their)\s+will|hand\w*\s+over)"
        r"|\b(?:emptied|emptying|drained|draining|cleared\s+out)\s+(?:his|her|their|my)\s+(?:\w+\s+)?"
        r"(?:bank\s+)?(?:account|savings|pension)"
        r"|\b(?:using|used|uses|spending|spent|withdraw\w*|took|taking)\s+(?:his|her|their|my)\s+"
        r"(?:\w+\s+)?(?:bank\s+)?(?:cards?|money|pension|benefits|savings)\b[^.!?]{0,40}?"
        r"\b(?:without\s+(?:his|her|their|my)?\s*(?:permission|consent|knowing|knowledge)|behind\s+"
        r"(?:his|her|their|my)\s+back)",
        negatable=False,
    ),
    # Kept in: a person not allowed out or to see anyone.
    _cue(
        "abuse",
        r"\b(?:doesn'?t|don'?t|won'?t|wouldn'?t|does\s+not|do\s+not|will\s+not|never)\s+lets?\s+"
        r"(?:him|her|them)\s+(?:out|leave|go\s+out|outside|see\s+(?:anyone|anybody|friends|family|"
        r"(?:his|her|their)\s+(?:family|friends|children|kids)))\b",
        negatable=False,
    ),
    # Sexual misconduct in an examination, explicit images, attempts to choke or strangle.
    _cue(
        "abuse",
        r"\bmade\s+(?:me|her|him|them)\s+(?:undress|strip|take\s+(?:off\s+)?(?:all\s+)?(?:my|her|his|"
        r"their)\s+clothes)"
        r"|\b(?:undress\w*|strip\w*|naked|intimate\s+exam\w*)\b[^.!?]{0,60}?\b(?:felt\s+(?:wrong|"
        r"violated)|no\s+chaperone|without\s+a\s+chaperone|for\s+no\s+reason|not\s+necessary|"
        r"unnecessar\w*|for\s+a\s+(?:sore\s+throat|cough|cold|headache|rash))"
        r"|\b(?:nudes?|naked|explicit|indecent)\s+(?:photos?|pictures?|images?|selfies?|messages?|"
        r"videos?)"
        r"|\b(?:tried|try|trying|attempted|threatened)\s+to\s+(?:strangle|choke|suffocate|smother|"
        r"drown|kill|stab|poison|throttle|hit|punch|kick|burn)\b|\bstrangl\w*|\bthrottl\w*",
    ),
    # Threats.
    _cue("threat", r"\bthreat\w*\s+(?:to\s+)?(?:kill|hurt|harm|hit|attack|stab)\w*"),
    _cue(
        "threat",
        r"\b(?:going\s+to|gonna|will|would|i'?ll|(?:s)?he'?d|(?:s)?he'?ll)\s+"
        r"(?:kill|hurt|stab|attack|shoot|harm|hit)\s+(?!time)",
    ),
    _cue(
        "threat",
        r"\b(?:would|will|'ll|going\s+to|gonna)\s+get\s+(?:me|you|her|him|them|us)\s+(?:when|back|for\s+"
        r"this|if|one\s+day)\b",
    ),
    _cue(
        "threat",
        r"\b(?:knife|knives|weapons?|guns?|shotguns?|firearms?|rifles?|machetes?|crossbows?)\b"
        r"|\bmake\s+(?:me|you|her|him|them|us)\s+disappear\b",
    ),
    # Neglect.
    _cue("neglect", r"\bneglect\w*"),
    _cue(
        "neglect",
        r"\b(?:left|lying|lay|laid|sat)\s+(?:\w+\s+){0,4}?(?:in|on)\s+(?:(?:his|her|their|my|own|"
        r"a|the)\s+)*(?:\w+\s+)?(?:soiled|wet|dirty|urine|faeces|feces|poo|wee|excrement|vomit|mess)",
    ),
    _cue("neglect", r"\bsoiled\b|\bcovered\s+in\s+(?:urine|faeces|feces|poo|excrement)"),
    _cue(
        "neglect",
        r"\b(?:no|without)\s+(?:food|water|drink|fluids|pain\s+relief)\s+for\s+"
        r"(?:\w+\s+)?(?:hours|days|a\s+day|the\s+whole|over)",
        negatable=False,
    ),
    _cue(
        "neglect",
        _NOT + r"[^.!?]{0,40}?\b(?:food|water|fluids|drinks?|fed|feed|meals?)\b"
        r"[^.!?]{0,30}?\b(?:hours|days|overnight|all\s+(?:night|day))\b",
        negatable=False,
    ),
    # Dehydrated or malnourished in care, not "he was dehydrated when the ambulance came".
    _cue(
        "neglect",
        r"\b(?:severely|badly|became|become|becoming|got|getting|left|ended\s+up)\s+(?:\w+\s+)?"
        r"(?:dehydrated|malnourished)\b|\b(?:dehydrated|malnourished)\b[^.!?]{0,50}?"
        r"\b(?:because|as|since|due\s+to)\b[^.!?]{0,30}?\b(?:nobody|no\s+one|staff|they|nurses|"
        r"carers|not\s+(?:given|offered|fed|helped))|\bstarved\b",
    ),
    # Hungry because food was taken away or never came, rather than "starving" after a wait.
    _cue(
        "neglect",
        r"\b(?:was|were|is|are|been|left)\s+(?:\w+\s+)?starving\b[^.!?]{0,50}?\b(?:because|days|"
        r"nobody|no\s+one|taken|removed|never)"
        r"|\b(?:meals?|food|trays?|plates?)\s+(?:were|was|got)\s+(?:\w+\s+)?(?:taken\s+away|"
        r"removed|cleared)\s+before\s+(?:he|she|they|i|we)\s+(?:could|had)"
        r"|\b(?:meals?|food|trays?|plates?)\s+(?:\w+\s+){0,3}?(?:taken\s+away|removed|cleared)\s+"
        r"untouched"
        r"|\b(?:nobody|no\s+one|no-one)\s+(?:\w+\s+)?(?:helps?|helped|feeds?|fed|assists?|assisted)\s+"
        r"(?:him|her|them|my\s+\w+)\s+(?:to\s+|with\s+(?:his|her|their)\s+)?(?:eat|meals?|food|drink)"
        r"|\blost\s+(?:\w+\s+){0,3}?weight\b[^.!?]{0,40}?\b(?:nobody|no\s+one|not\s+(?:fed|helped|"
        r"given))",
        negatable=False,
    ),
    # Left on a commode, bedpan or floor; not turned; unable to reach food, drink or help.
    _cue(
        "neglect",
        r"\b(?:left|sat|sitting|stuck|waiting)\s+(?:\w+\s+){0,2}on\s+(?:a|the|his|her)\s+"
        r"(?:commode|bedpan|toilet|floor)\b[^.!?]{0,40}?\b(?:hours?|all\s+night|crying|"
        r"ages|until|till)"
        r"|\bleft\s+(?:\w+\s+){0,3}?in\s+(?:his|her|their|a|the)\s+(?:\w+\s+)?(?:chair|commode|"
        r"wheelchair)\s+(?:all\s+night|overnight|all\s+day|for\s+(?:\d+|two|three|four|five|six|"
        r"several|many)\s+hours)"
        r"|\b(?:found|lying|lay|laid|left|been|stayed)\s+(?:\w+\s+){0,2}on\s+(?:the|a|his|her)\s+"
        r"(?:\w+\s+)?floor\b[^.!?]{0,60}?\b(?:hours?|all\s+night|overnight|morning|since)"
        r"|\b(?:not|never|wasn'?t|weren'?t)\s+(?:been\s+)?(?:turned|repositioned|moved)\b"
        r"[^.!?]{0,40}?\b(?:night|day|hours|sores?)"
        r"|\bgrade\s*[234]\b|\b(?:heel|sacral|sacrum|hip)\s+(?:sores?|ulcers?)"
        r"|\b(?:tray|food|drinks?|water|jug|cup)\b[^.!?]{0,30}?\bout\s+of\s+(?:her|his|their|my)?"
        r"\s*reach"
        r"|\b(?:nothing|not\s+anything)\s+to\s+(?:eat|drink)\b[^.!?]{0,60}?"
        r"\b(?:hours|days|stay|night|all\s+day)",
        negatable=False,
    ),
    _cue(
        "neglect",
        r"\b(?:pressure|bed)\s+(?:sores?|ulcers?|damage)\b"
        r"|\b(?:sores?|ulcers?)\s+on\s+(?:his|her|their|my)\s+(?:bottom|heels?|back|sacrum|hips?|bum|"
        r"buttocks?|spine)"
        r"|\b(?:sores?|ulcers?|wounds?)\b[^.!?]{0,40}?\b(?:nobody|no\s+one|no-one|not|never)\s+"
        r"(?:\w+\s+)?(?:dressed|treated|cleaned|looked\s+at|checked|changed)",
    ),
    _cue("neglect", r"\bleft\s+to\s+die\b|\bleft\s+alone\s+(?:for\s+hours|all\s+night)"),
    # Falls that were not acted on, or that caused injury.
    _cue(
        "fall",
        # A fall that happened ("fell", "had a fall"), not "the risk of falls" or "fell asleep";
        # "nobody" counts only with what nobody did about it, so "I had a fall last year and
        # nobody explained the delay" is a complaint about waiting, not an unreported fall.
        r"\b(?:(?:fell|fallen)(?!\s+(?:asleep|apart|through|ill|pregnant|behind|short|between|"
        r"off\s+the\s+(?:list|system|radar)))|(?:had|has|have|having)\s+(?:had\s+)?"
        r"(?:a|another|two|three|several|multiple)\s+(?:\w+\s+)?falls?|fall\s+(?:on|in|out\s+of|"
        r"from|off)\b|found\s+on\s+the\s+floor)[^.!?]{0,80}?"
        r"(?:not\s+(?:been\s+)?(?:reported|recorded|told|checked|informed|examined|x-?rayed|seen)|"
        r"(?:nobody|no\s+one|no-one)\s+(?:\w+\s+)?(?:told|informed|checked|noticed|came|examined|"
        r"reported|recorded|rang|phoned|contacted|helped|picked)|"
        r"never\s+(?:told|reported|checked|recorded|informed)|"
        r"(?:wasn'?t|weren'?t)\s+(?:told|reported|checked|recorded|informed)|"
        r"(?:did\s+not|didn'?t)\s+(?:tell|inform|report|check|record|x-?ray|scan|examine)|"
        r"broke|broken|crack\w*|fractur\w*|head\s+injury|hit\s+(?:his|her|my)\s+head|bleeding|"
        r"stitches|(?:until|till)\s+the\s+next\s+day|all\s+night|a\s+(?:week|day)\s+later)",
        negatable=False,
    ),
    # Medication errors and other failures of care that harmed someone.
    _cue(
        "medication",
        r"\b(?:wrong|someone\s+else'?s|incorrect|double)\s+(?:\w+\s+)?"
        r"(?:medication|medicine|dose|drug|tablets?|insulin|injection|drip|infusion|fluids|feed)"
        r"|\bwrong\s+(?:strength|dose|amount|type|kind)\s+of\s+\w+"
        r"|\b(?:gave|given)\s+(?:him|her|them|me|my\s+\w+)?\s*(?:the|his|her|their|my)\s+(?:\w+\s+)?"
        r"(?:tablets?|dose|insulin|injection|medication|medicine|pills?)\s+twice\b(?!\s+(?:a|per|"
        r"each|every|daily|weekly))"
        r"|\b(?:needle|injection|cannula|line|drain)\b[^.!?]{0,30}?\bwrong\s+(?:place|site|spot|vein|"
        r"nerve|side|artery)"
        r"|\btwice\s+(?:in\s+(?:one|the\s+same|an|a\s+single)\s+(?:morning|day|night|hour|evening|go|"
        r"round)|by\s+mistake|within\s+(?:an?|\d+|a\s+few)\s+(?:hour|hours|minutes))"
        r"|\badult\s+(?:dose|doses|strength)\b[^.!?]{0,40}?\b(?:son|daughter|child|baby|toddler|boy|"
        r"girl)|\b(?:son|daughter|child|baby|toddler|boy|girl)\b[^.!?]{0,40}?\badult\s+(?:dose|doses|"
        r"strength)",
        negatable=False,
    ),
    _cue(
        "medication",
        r"\b(?:allergy|allergic)\b(?!\s+reactions?)[^.!?]{0,80}?\b(?:collapsed|reaction|anaphyla\w*|"
        r"resus\w*|"
        r"couldn'?t\s+breathe|swelled)|\b(?:feed|feeds|insulin|medication|meds|antibiotics|"
        r"oxygen|fluids)\s+(?:was|were)\s+not\s+(?:given|started|changed)\s+for",
        negatable=False,
    ),
    # Someone else's medicine, a multiple of the dose, a mistake with a medicine.
    _cue(
        "medication",
        r"\b(?:(?:another|other|different)\s+(?:patient|person|child|man|woman|lady|resident)'?s"
        r"|someone\s+else'?s)\s+"
        r"(?:medicines?|medications?|tablets|drugs?|insulin|injection|blood|prescription|meds)\b"
        r"|\b(?:\w+)\s+times\s+(?:the|his|her|my)\s+(?:\w+\s+)?(?:dose|amount)"
        r"|\b(?:medicines?|medications?|tablets|drugs?|dose|insulin|injection)\b[^.!?]{0,40}?"
        r"\bby\s+mistake|\bby\s+mistake\b[^.!?]{0,40}?\b(?:medicines?|medication|tablets|"
        r"drugs?|dose|insulin|injection)\b"
        r"|\b(?:food|drink|fed)\b[^.!?]{0,40}?\bnil\s+by\s+mouth"
        # The wrong body part, patient or baby; "the wrong side of the building" is not surgery.
        r"|\bwrong\s+(?:leg|eye|kidney|knee|hip|foot|toe|tooth|teeth|breast|limb|ovary|lung|baby|"
        r"blood)\b"
        r"|\b(?:operat\w*|surgery|amputat\w*|remov\w*|extract\w*|inject\w*|biops\w*|incision|cut|"
        r"pulled|took\s+out|gave|given|treated|transfus\w*)\b[^.!?]{0,40}?\bwrong\s+(?:\w+\s+)?"
        r"(?:arm|side|hand|finger|ear|site|ankle|wrist|shoulder|patient|person|man|woman|child)\b"
        r"|\b(?:swabs?|instruments?|needles?|clips?|sponges?|gauze)\s+(?:\w+\s+){0,2}?(?:was|were)?\s*"
        r"left\s+(?:inside|in\s+(?:me|him|her|my|his|their))\b"
        r"|\bleft\s+(?:a|an|the)\s+(?:\w+\s+)?(?:swab|instrument|needle|clip|sponge)\s+(?:inside|in\s+"
        r"(?:me|him|her|my|his|their))\b",
        negatable=False,
    ),
    _cue(
        "neglect",
        r"\bmaggots\b|\bstepp\w*\s+over\s+(?:him|her|them|me|my\s+\w+)\b"
        r"|\bleft\s+(?:him|her|them|me|my\s+\w+|the\s+patient)\s+(?:lying\s+)?on\s+the\s+(?:\w+\s+)?floor"
        r"|\b(?:was|were)\s+left\s+(?:lying\s+)?on\s+the\s+(?:\w+\s+)?floor"
        r"|\b(?:had\s+to|forced\s+to|made\s+to|left\s+to)\s+(?:wet|soil)\s+(?:the\s+bed|(?:him|her|my|"
        r"them)sel\w+)"
        r"|\b(?:nobody|no\s+one|no-one)\s+(?:\w+\s+)?(?:took|takes|would\s+take|helped)\s+(?:him|her|them|"
        r"me|my\s+\w+)\s+to\s+the\s+(?:toilet|loo|bathroom)"
        r"|\b(?:feeding\s+tube|peg|catheter(?:\s+bag)?|stoma\s+bag|colostomy\s+bag|drip|oxygen|pump|"
        r"line|syringe\s+driver)\b[^.!?]{0,40}?\b(?:blocked|broken|fell\s+out|came\s+out|disconnected|"
        r"ran\s+out|empty|stopped|full|leaking|overflowing)\b[^.!?]{0,40}?"
        r"\b(?:nobody|no\s+one|for\s+(?:a|the|\d+|two|three)\s+(?:whole\s+)?(?:day|days|hours|night)|"
        r"all\s+(?:day|night)|hours)"
        r"|\blet\s+(?:\w+'s\s+|his\s+|her\s+|their\s+|my\s+)?(?:blood\s+sugars?|sugar\s+levels?|sats|"
        r"oxygen\s+levels?|temperature|blood\s+pressure)\s+(?:\w+\s+)?(?:drop|fall|go|get|run)"
        r"|\bno\s+food\s+in\s+the\s+(?:house|flat|fridge|home)\b"
        r"|\b(?:without|no)\s+(?:food|water|fluids|a\s+drink|oxygen)?\s*(?:or\s+)?(?:his\s+|her\s+|their\s+)?"
        r"(?:insulin|oxygen|medication|meds|fluids)\s+for\s+(?:over\s+)?(?:\d+|two|three|four|five|six|"
        r"seven|eight|nine|ten|twelve|several|many)\s+(?:hours|days)"
        r"|\bleft\s+without\s+(?:any\s+|his\s+|her\s+|their\s+)?(?:oxygen|food|water|fluids|pain\s+"
        r"relief|medication|insulin|a\s+drink)\s+(?:for|all|until|overnight)"
        r"|\bfound\s+(?:\w+\s+){0,4}?(?:under|behind|wedged\s+(?:between|under|behind))\s+(?:his|her|"
        r"the|a)\s+(?:bed|chair|toilet|door|radiator)"
        r"|\bsign\w*\s+(?:\w+\s+)?cheques\s+(?:for|to|over\s+to)\b"
        r"|\b(?:soaking|soaked|soiled|sodden|wet|dirty|urine[\s-]soaked)\s+(?:\w+\s+)?(?:bed|sheets?|pads?|"
        r"nappy|clothes|bedding)\b[^.!?]{0,40}?\b(?:for\s+(?:\w+\s+)?hours|all\s+night|all\s+day|"
        r"overnight|until|till)"
        r"|\b(?:left|leaving|leave)\s+(?:\w+\s+){0,3}?(?:alone|in\s+the\s+dark|in\s+bed\s+all\s+day)\b"
        r"[^.!?]{0,60}?\b(?:crying|screaming|distressed|calling\s+out|begging)"
        r"|\brefus\w*\s+to\s+give\s+(?:him|her|them|me)?\s*(?:his|her|their|my|the|any)\s+(?:insulin|"
        r"medication|meds|inhaler|antibiotics|pain\s+relief|oxygen|epipen|adrenaline)",
        negatable=False,
    ),
    # Not washed or changed for days ("no one washed my dad's hair during his week" is not it).
    _cue(
        "neglect",
        r"(?:\b(?:not|never|no\s+one|nobody|without)|n'?t)\s+(?:been\s+)?(?:\w+\s+){0,2}?(?:washed|"
        r"bathed|showered|cleaned\s+up|changed)\b(?![^.!?]{0,20}\bhair\b)[^.!?]{0,40}?"
        r"\b(?:days|a\s+week|weeks|all\s+week|since\s+(?:admission|arriving|he|she|they|monday|"
        r"tuesday|wednesday|thursday|friday|saturday|sunday))\b"
        r"|(?:\b(?:not|never|no|without)|n'?t)\s+(?:\w+\s+){0,2}?(?:a|an|any)\s+(?:wash|bath|shower|"
        r"change\s+of\s+(?:clothes|pad|bedding|sheets)|pad\s+change)\b[^.!?]{0,40}?\b(?:days|"
        r"a\s+week|weeks|all\s+week|since)\b"
        r"|\bsame\s+(?:pad|nappy|sheets|clothes|bedding|dressing|incontinence\s+pad)\s+(?:\w+\s+){0,2}?"
        r"(?:since|for\s+(?:\w+\s+)?(?:days|hours|a\s+day|\d+))"
        r"|\bskin\s+(?:is\s+|was\s+|has\s+)?(?:breaking\s+down|broken\s+down|red\s+raw|raw\s+and)",
        negatable=False,
    ),
    # Medicines, feeds or fluids not given for a day or more, or until the patient was harmed.
    _cue(
        "neglect",
        r"\b(?:no|without|missed|withheld|forgot(?:ten)?|never\s+(?:got|given|had|received)|"
        r"not\s+(?:given|had|got|received)|didn'?t\s+(?:get|have|receive|give)|(?:wasn'?t|weren'?t)"
        r"\s+given)\s+(?:(?:his|her|my|their|any|the|a)\s+)?(?:\w+\s+)?(?:insulin|antibiotics|oxygen|"
        r"medications?|medicines?|meds|feeds?|fluids|drip|anti-?seizure|epilepsy|parkinson'?s|"
        r"blood\s+thinners|anticoagula\w+|steroids|morphine|pain\s+relief|doses?)\b[^.!?]{0,50}?"
        r"\b(?:for\s+(?:a\s+|the\s+)?(?:whole\s+|full\s+|entire\s+)?(?:day|days|night|weekend|week|"
        r"(?:\d+|two|three|four|five|several)\s+days|24\s+hours|48\s+hours|\d{2}\s+hours)|"
        r"all\s+(?:day|night|weekend)|twice|ended\s+up|went\s+into|seizures?|fits?|coma|hypo\w*|"
        r"became\s+(?:very\s+|really\s+|seriously\s+)?(?:ill|unwell|poorly)|"
        r"(?:very|really|seriously)\s+(?:ill|unwell|poorly))"
        r"|\bmissed\s+(?:\w+\s+){0,2}?(?:insulin|parkinson'?s|epilepsy|anti-?seizure)",
        negatable=False,
    ),
    # Given a medicine the patient is known to be allergic to.
    _cue(
        "medication",
        r"\b(?:gave|given|giving|give|prescribed|administered)\s+"
        r"(?:(?!because|as|since|instead|an?\s+alternative|different|another|other)\w+\s+){0,5}?"
        r"(?:(?:that|which)\s+)?(?:(?:he|she|i|they|we)\s+(?:am|is|are|was|were)|(?:he|she|they)'?s|"
        r"i'?m)\s+(?:\w+\s+)?allergic\s+to\b"
        r"|\b(?:despite|even\s+though|although|after\s+(?:we|i)\s+told)\b[^.!?]{0,60}?\ballerg\w*"
        r"[^.!?]{0,40}?\b(?:gave|given|giving|prescribed|administered)\b"
        r"|\b(?:gave|given|giving|prescribed|administered)\b[^.!?]{0,60}?\b(?:despite|even\s+though|"
        r"although|even\s+after)\b[^.!?]{0,40}?\ballerg\w*",
        negatable=False,
    ),
    # Danger signs met with "nobody came" or "she's just sleepy": deterioration left unanswered.
    _cue(
        "harm",
        r"\b(?:(?:went|go|goes|going|turned|turning|was|looked|looking|is)\s+(?:\w+\s+)?(?:floppy|"
        r"limp|grey|gray|blue|mottled|lifeless|unresponsive)|floppy|blue\s+lips|(?:massive|heavy|huge|"
        r"big|bad)\s+(?:bleed|haemorrhage|hemorrhage)|bleeding\s+(?:heavily|badly|a\s+lot)|"
        r"(?:purple|non[\s-]?blanching|pin[\s-]?prick)\s+(?:\w+\s+)?(?:rash|spots)|"
        r"haemorrhag\w*|hemorrhag\w*|not\s+breathing|couldn'?t\s+breathe|struggling\s+to\s+breathe|"
        r"gasping|fitting|seizur\w*|convuls\w*|chest\s+pains?|collaps\w*|unconscious|vomiting\s+blood|"
        r"sepsis|septic|stroke|slurr\w*|face\s+(?:was\s+)?drooping|rash\s+(?:that\s+)?"
        r"(?:didn'?t|did\s+not|wouldn'?t)\s+fade)\b"
        r"[^.!?]{0,80}?\b(?:(?:nobody|no\s+one|no-one)\s+came|(?:nobody|no\s+one|no-one)\s+(?:\w+\s+)?"
        r"(?:listened|believed|checked|answered)|ignored|dismissed|brushed\s+(?:it|us|me|him|her)\s+"
        r"off|(?:said|told\s+(?:us|me|him|her))\s+(?:that\s+)?(?:\w+\s+){0,2}?(?:(?:was|were|is|it'?s|"
        r"he'?s|she'?s)\s+)?(?:just|only|fine|normal|nothing|overreacting|anxious|attention\s+seeking|"
        r"teething|sleepy|a\s+virus|drunk|on\s+drugs|putting\s+it\s+on|faking|making\s+it\s+up|"
        r"(?:a\s+)?migraine|anxiety|a\s+panic\s+attack|indigestion|constipat\w*|growing\s+pains)\b"
        r"|told\s+(?:us|me|him|her)\s+to\s+(?:just\s+)?(?:give\s+(?:(?:her|him|them)\s+)?calpol|wait|go\s+"
        r"home|stay\s+(?:at\s+)?home|ring\s+back|take\s+paracetamol|calm\s+down)"
        r"|(?:didn'?t|did\s+not|wouldn'?t|would\s+not)\s+(?:come|check|"
        r"listen|call|believe)|pressed\s+the\s+(?:buzzer|call\s*bell|bell)[^.!?]{0,30}?(?:minutes|"
        r"ages|nobody|no\s+one))",
        negatable=False,
    ),
    _cue(
        "harm",
        r"\b(?:cancer|tumour|tumor|fracture|break|stroke|sepsis|heart\s+attack|bleed|clot|meningitis|"
        r"appendicitis|diagnosis|infection)\s+(?:was|were|had\s+been|got|went)\s+(?:\w+\s+)?(?:missed|"
        r"undiagnosed|unnoticed|ignored)"
        r"|\b(?:refused|wouldn'?t|didn'?t|did\s+not|would\s+not)\s+(?:to\s+)?(?:take|admit|see|come|"
        r"send|visit)\b[^.!?]{0,60}?\b(?:died|passed\s+away)"
        r"|\b(?:heart\s+stopped|cardiac\s+arrest|arrested|stopped\s+breathing)\b[^.!?]{0,40}?\b(?:queue|"
        r"waiting|corridor|car\s+park|outside|trolley)"
        r"|\bwrong\s+(?:\w+\s+){0,2}?(?:bag|unit|drip|infusion)\s+of\b",
        negatable=False,
    ),
    # A serious state and a failure of care in one sentence: "sent home with a broken hip they
    # hadn't noticed", "left bleeding in the waiting room", "said it was normal, he ended up in
    # NICU". Either alone is an everyday complaint or an illness; together they are a care failure.
    _cue(
        "harm",
        r"\b"
        + _SERIOUS
        + r"\b[^.!?;]{0,100}?\b"
        + _CARE_FAILURE
        + r"|\b"
        + _CARE_FAILURE
        + r"\b[^.!?;]{0,100}?\b"
        + _SERIOUS
        + r"\b",
    ),
    # Died waiting for help that never came.
    _cue(
        "harm",
        r"\bdied\s+(?:\w+\s+){0,3}?(?:on|in)\s+(?:the|a|his|her)\s+(?:\w+\s+)?(?:floor|corridor|"
        r"waiting\s+room|trolley|car\s+park|road|street)\b[^.!?]{0,40}?\bwait\w*"
        r"|\bdied\s+(?:while\s+|whilst\s+)?waiting\s+for\s+(?:an?\s+|the\s+)?(?:ambulance|"
        r"paramedics|help|a\s+bed|doctor|someone|anyone)"
        r"|\bdied\s+before\s+(?:the\s+)?(?:ambulance|paramedics|anyone|a\s+doctor|help|they)\s+"
        r"(?:came|arrived|got\s+there|turned\s+up)"
        r"|\b(?:ambulance|paramedics|doctor|help|nobody|no\s+one)\s+(?:never\s+(?:came|arrived|turned"
        r"\s+up)|didn'?t\s+(?:come|arrive|turn\s+up))\b[^.!?]{0,60}?\bdied\b",
        negatable=False,
    ),
    # Acute deterioration that went unanswered or caused lasting harm.
    _cue(
        "harm",
        r"\b(?:stopped|stop|stops)\s+breathing|\b(?:going|gone|went|turning|turned)\s+blue\b"
        r"|\blost\s+(?:the\s+use\s+of|(?:his|her|my)\s+(?:sight|speech|leg|baby))"
        r"|\boxygen\s+(?:\w+\s+)?(?:ran\s+out|had\s+run\s+out|was\s+(?:empty|switched\s+off|turned\s+"
        r"off|disconnected|not\s+connected)|ran\s+empty)"
        r"|\blips\s+(?:were|was|went|turned|turning|going)\s+(?:\w+\s+)?blue"
        # What was dismissed "turned out to be" serious; "insisted it was a heart attack" is not.
        r"|(?:\bturned\s+out\s+(?:to\s+be|it\s+was|(?:he|she)\s+had)|\b(?:actually|in\s+fact)\s+"
        r"(?:had|was)|\bwas\s+actually|(?:[;:,]\s*|\bbut\s+|\bwhen\s+)it\s+was|\bfound\s+(?:out\s+)?"
        r"(?:it\s+was|(?:he|she)\s+had))\s+(?:a\s+|an\s+)?(?:bleed|brain\s+\w+|stroke|heart\s+attack|sepsis|"
        r"meningitis|blood\s+clot|clot|embolism|ectopic|appendicitis|perforat\w*|ruptur\w*)"
        r"|\bdied\s+(?:\w+\s+){0,3}?(?:after|since)\s+(?:they\s+|being\s+|he\s+was\s+|she\s+was\s+)?"
        r"(?:discharged|sent\s+(?:\w+\s+)?home)"
        r"|\b(?:nicked|perforated|punctured|damaged|tore|torn|severed)\s+(?:my|his|her|their)\s+"
        r"(?:bowel|bladder|artery|nerve|lung|bile\s+duct|ureter|spleen|liver|womb|uterus|oesophagus)"
        r"|\bfound\s+(?:\w+\s+)?(?:on|at|near)\s+(?:a|the)\s+(?:bridge|railway|tracks|cliff|roof|"
        r"motorway|train\s+line)"
        r"|\b(?:ended\s+up|back|readmitted|rushed\s+(?:back\s+)?)\s+(?:\w+\s+)?in(?:to)?\s+"
        r"(?:intensive\s+care|icu|itu|resus|hdu)\b"
        r"|\bfound\s+(?:\w+\s+)?(?:cold\s+and\s+\w+|blue|unresponsive|unconscious|collapsed|dead)\b"
        r"|\bsent\s+(?:\w+\s+)?home\s+with\s+(?:a\s+)?(?:broken|fractured|ruptured|perforated|burst)\s+"
        r"\w+"
        r"|\b(?:broken|fractured)\s+(?:neck|back|spine|hip|skull|pelvis)\b[^.!?]{0,40}?\bmissed",
        negatable=False,
    ),
    # A collapse or sepsis that followed being sent home, ignored or kept waiting.
    _cue(
        "harm",
        r"\b(?:sent\s+(?:him|her|me|them)?\s*home|discharged|ignored|dismissed|missed|nobody|"
        r"no\s+one|didn'?t|did\s+not|never)\b[^.!?]{0,80}?\b(?:crashed|arrested|collapsed|"
        r"unresponsive|unconscious|paralys\w*|brain\s+damage|sepsis|septic)\b",
        negatable=False,
    ),
    _cue(
        "medication",
        r"\bmedication\s+error|\bdrug\s+error|\b(?:insulin|medication)\s+(?:was\s+)?missed"
        r"|\b(?:insulin|antibiotics|oxygen|medications?|medicines?|meds|feeds?|fluids|steroids)\s+"
        r"(?:was|were|wasn'?t|weren'?t)\s+(?:not\s+|never\s+)?(?:given|started|done)\s+"
        r"(?:for\s+(?:a\s+|the\s+)?(?:whole\s+)?(?:day|days|night|weekend)|all\s+(?:day|night|weekend)|"
        r"until\s+(?:the\s+)?next\s+day)",
    ),
    _cue(
        "harm",
        r"\b(?:nearly|almost|could\s+have)\s+died\b|\bdied\s+(?:because|due\s+to|after\s+being)"
        r"|\bserious(?:ly)?\s+(?:harm|injur)\w*|\bnever\s+event\b|\bleft\s+(?:him|her|me|them|"
        r"my\s+\w+)\s+(?:with\s+)?(?:permanent|brain|lasting|life[\s-]?long)\s+(?:\w+\s+)?damage"
        r"|\b(?:permanent|irreversible|life[\s-]?changing|lasting)\s+(?:\w+\s+)?(?:damage|injur\w*|"
        r"disabilit\w*|brain\s+injury)\b",
        negatable=False,
    ),
    _cue(
        "harm",
        r"\b(?:ignored|dismissed|didn'?t\s+check|not\s+checked)\s+(?:\w+\s+){0,2}"
        r"(?:chest\s+pain|bleeding|breathing|stroke|seizure|fit|sepsis)"
        r"|\b(?:had|suffered)\s+a\s+(?:heart\s+attack|stroke|cardiac\s+arrest|seizure)\s+"
        r"(?:in|on|while|whilst)\s+(?:the\s+)?(?:waiting|corridor|ward|car\s+park)"
        r"|\b(?:chest\s+pains?|bleeding|struggling\s+to\s+breathe|couldn'?t\s+breathe|stroke|seizure|"
        r"sepsis)\b[^.!?]{0,60}?\b(?:made\s+(?:him|her|me|them|us)\s+wait|left\s+(?:him|her|me|them)\s+"
        r"(?:waiting|sitting)\s+(?:in|on)\s+(?:the|a)\s+(?:car\s+park|corridor|chair|floor))"
        r"|\bchok(?:ed|ing|es)\s+on\s+(?:\w+\s+){0,2}?(?:food|sandwich|meal|toast|meat|biscuit|"
        r"dinner|lunch|breakfast)\b[^.!?]{0,80}?\b(?:nobody|no\s+one|wasn'?t|not|never|even\s+though|"
        r"despite|unsupervised|supervis\w*)"
        r"|\b(?:soft|pureed?|minced|thickened|modified|dysphagia)\s+(?:diet|fluids|food)\b"
        r"[^.!?]{0,60}?\b(?:given|gave|chok\w*|wrong|ignored)"
        r"|\bforc\w*\s+(?:him|her|them|me|my\s+\w+|patients?|residents?)\s+to\s+(?:eat|drink|swallow)"
        r"\b[^.!?]{0,40}?\b(?:chok\w*|gag\w*|sick|vomit\w*|crying|cried|refus\w*)"
        r"|\b(?:reduced|less|fewer|no|wasn'?t|not)\s+(?:\w+\s+)?(?:movements?|moving)\b[^.!?]{0,80}?"
        r"\b(?:sent\s+(?:me|her|us)\s+home|ignored|dismissed|told\s+(?:me|her|us)\s+(?:not\s+to\s+"
        r"worry|it\s+was\s+normal)|stillb\w*)"
        r"|\b(?:sent\s+(?:me|her|us)\s+home|ignored|dismissed|missed)\b[^.!?]{0,80}?\bstillb\w*",
        negatable=False,
    ),
    _cue(
        "safeguarding",
        r"\b(?:dementia|confused|vulnerable|alzheimer\w*|learning\s+disabilit\w*|sectioned|detained|"
        r"lacks?\s+capacity|one[\s-]to[\s-]one|1:1)\b[^.!?]{0,60}?\b(?P<state>found\s+wandering|"
        r"wandered\s+(?:off|out|away)|went\s+missing|absconded|got\s+out|let\s+out|escaped|slipped\s+"
        r"out|found\s+(?:\w+\s+)?outside|(?:walked|wandered|ran)\s+(?:out\s+)?(?:into|in\s+front\s+of)"
        r"\s+(?:the\s+)?(?:road|traffic|cars?))"
        r"|\b(?:didn'?t|did\s+not)\s+(?:even\s+)?know\s+(?:she|he|they)\s+(?:was|were|had)\s+(?:gone|"
        r"missing|left|out)"
        r"|\bfound\s+(?:\w+\s+){0,3}?in\s+(?:her|his|their)\s+(?:nightie|nightdress|pyjamas|night\s+"
        r"clothes)\s+(?:at|in)\b"
        r"|\blet\s+out\s+of\s+(?:the\s+)?(?:locked|secure)\s+(?:ward|unit|door)"
        r"|\b(?:observations?|obs|one[\s-]to[\s-]one|1:1)\b[^.!?]{0,60}?\blet\s+(?:him|her|them)\s+"
        r"(?:leave|go|walk\s+out|out)"
        r"|\bdischarged\b[^.!?]{0,60}?(?:at\s+(?:[1-5]|midnight)\s*(?:am|a\.m\.)?\b|in\s+the\s+middle"
        r"\s+of\s+the\s+night|with\s+no(?:body|\s+one)\s+(?:at\s+home|to\s+care)|to\s+an?\s+empty\s+"
        r"(?:house|flat|home))"
        r"|\b(?:lighters?|cords?|ropes?|blades?|belts?|laces|knife|weapons?)\b[^.!?]{0,60}?\b(?:nobody|"
        r"no\s+one|not|never|didn'?t)\s+(?:\w+\s+)?search(?:ed)?\b"
        r"|\bfound\s+(?:\w+\s+)?(?:hours|miles|days)\s+(?:later|away)\b"
        r"|\b(?:children|kids|child|baby|toddler)\s+(?:\w+\s+){0,2}left\s+(?:alone|on\s+their\s+own)"
        r"|\b(?:discharged|sent\s+home)\s+(?:\w+\s+){0,3}?(?:while|whilst|when|despite\s+being)\s+"
        r"(?:still\s+|very\s+)?(?:confused|delirious|unwell|drowsy|bleeding|unable\s+to\s+(?:walk|stand|"
        r"eat|swallow)|in\s+agony)"
        r"|\b(?:\d{1,2}[\s-]*(?:year|yr)[\s-]*old|teen\w*|child|kids?|girl|boy|daughter|son)\b"
        r"[^.!?]{0,40}?\b(?:going|goes|gone|went|keeps\s+going)\s+missing\b"
        r"|\b(?:\d{1,2}|eleven|twelve|thirteen|fourteen|fifteen)\b[^.!?]{0,40}?\bout\s+(?:until|till|at)"
        r"\s+(?:[1-5]\s*(?:am|a\.m\.)|[1-5]\s+in\s+the\s+morning|midnight|all\s+hours)"
        r"|\bno\s+(?:adult|one|parent|grown-?up)\s+(?:\w+\s+)?know(?:s|ing)?\s+where\s+(?:he|she|they)\s+"
        r"(?:is|are|was|were)",
    ),
    _cue(
        "harm", r"\bmissed\s+(?:\w+\s+){0,2}(?:sepsis|stroke|heart\s+attack|fracture|bleed|cancer)"
    ),
    # Safeguarding of children and vulnerable adults, and people saying they are not safe.
    _cue("safeguarding", r"\bsafeguard\w*|\bchild\s+protection\b|\bsocial\s+services\s+should"),
    _cue("safeguarding", r"\bunsafe\b|\bnot\s+safe\b|\bin\s+danger\b"),
    # "at risk" alone is a safeguarding phrase; "at risk of diabetes" is advice.
    _cue("safeguarding", r"\bat\s+risk\b(?!\s+of\s+(?!harm|abuse|neglect|suicide|self|exploit))"),
    _cue(
        "safeguarding",
        r"\b(?:scared|afraid|frightened)\s+(?:to\s+go\s+home|of\s+(?:my|his|her)\s+"
        r"(?:husband|wife|partner|dad|father|mum|mother|son|daughter|carer|family))",
    ),
    _cue("safeguarding", r"\b(?:exploit\w*|grooming|groomed)\b"),
    # Children with adults who mean them harm: a grown man met online, drugs in exchange for
    # errands, sex for anything.
    _cue(
        "safeguarding",
        r"\b(?:\d{1,2}[\s-]*(?:year|yr)[\s-]*old|teen\w*|under\s*age|child|children|kids?|girl|boy|"
        r"daughter|son|niece|nephew|pupil)\b[^.!?]{0,80}?\b(?:(?:grown|adult)\s+(?:man|men|woman|"
        r"women)|older\s+(?:man|men|boyfriend)|met\s+(?:\w+\s+)?online|strangers?\s+online)\b"
        r"|\b(?:in\s+exchange\s+for|in\s+return\s+for)\b[^.!?]{0,30}?\b(?:doing\s+(?:things|jobs|"
        r"favours|errands)|sex\w*|drugs|favours)"
        r"|\b(?:drugs|alcohol|cigarettes|vapes|money|gifts)\s+in\s+(?:exchange|return)\s+for\b"
        r"|\bcounty\s+lines\b|\b(?:running|carrying|selling|dealing)\s+drugs\s+for\b"
        r"|\b(?:making|made|makes|forcing|forced|gets|got|uses|using)\s+(?:him|her|them|my\s+\w+)\s+"
        r"(?:to\s+)?(?:sell|carry|deliver|move|hold|run)\s+drugs"
        r"|\b(?:\d{1,2}[\s-]*(?:year|yr)[\s-]*old|teen\w*|child|kids?|girl|boy|daughter|son)\b"
        r"[^.!?]{0,60}?\b(?:send\w*|sent|shar\w*)\s+(?:\w+\s+)?(?:pictures|photos|images|selfies|"
        r"videos)\s+(?:of\s+(?:herself|himself|themselves)\s+)?to\s+(?:a\s+|an\s+)?(?:someone|"
        r"somebody|strangers?|men|man|people\s+(?:she|he)\s+(?:doesn'?t|does\s+not)\s+know)"
        r"|\b(?:for|in\s+exchange\s+for)\s+sex\b",
        negatable=False,
    ),
    _cue(
        "safeguarding",
        r"\b(?:\d{1,2}[\s-]*(?:year|yr)[\s-]*old|teen\w*|child|kids?|girl|boy|daughter|son)\b"
        r"[^.!?]{0,80}?\b(?:(?:men|man|guys?|blokes?|women)\s+in\s+(?:their|his|her)\s+(?:twenties|"
        r"thirties|forties|20s|30s|40s)|(?:coming|came|comes)\s+(?:back|home)\s+with\s+(?:new\s+)?"
        r"(?:phones?|trainers|clothes|money|cash|gifts|jewellery))",
        negatable=False,
    ),
    _cue(
        "safeguarding",
        r"\b(?:little|young|small)\s+(?:boy|girl|child|one|ones)\b[^.!?]{0,60}?\bbruis\w*"
        r"(?![^.!?]{0,40}\b(?:cannula|blood\s+tests?|bloods|injections?|jabs?|vaccin\w*|fall|fell)\b)"
        r"|\b(?:neighbour'?s|next\s+door'?s|the\s+flat\s+(?:above|below|next\s+door))\s+(?:\w+\s+)?"
        r"(?:baby|babies|child|children|kids|toddlers?|boy|girl)\b[^.!?]{0,80}?\b(?:scream\w*|cry\w*|"
        r"cries|alone|hungry|cold|dirty|filthy|hit|shout\w*|bruis\w*|never\s+(?:seen|see))"
        r"|\b(?:baby|babies|child|children|kids|toddlers?)\s+(?:\w+\s+){0,2}?(?:next\s+door|in\s+the\s+"
        r"(?:flat|house)\s+(?:above|below|next\s+door|opposite)|upstairs|downstairs|across\s+the\s+road)"
        r"\b[^.!?]{0,80}?\b(?:scream\w*|cry\w*|cries|alone|hungry|cold|dirty|filthy|hit|shout\w*|"
        r"bruis\w*|never\s+(?:seen|see))",
        negatable=False,
    ),
    # Children left in danger or want at home.
    _cue(
        "safeguarding",
        r"\b(?:toddlers?|bab(?:y|ies)|infants?|child|children|kids|little\s+(?:boy|girl|ones?))\b"
        r"[^.!?]{0,60}?\b(?P<state>in\s+the\s+cold|unattended|unsupervised|left\s+(?:alone|outside|on\s+"
        r"(?:their|his|her)\s+own)|filthy|(?:always|constantly)\s+hungry|no\s+food\s+in\s+the\s+house|"
        r"locked\s+(?:in|out))\b"
        r"|\b(?:toddlers?|bab(?:y|ies)|infants?|child|children|kids)\b[^.!?]{0,80}?\b(?:parents?|mum|"
        r"mother|dad|father)\s+(?:\w+\s+){0,2}?(?:always|constantly|often|permanently)\s+(?:drunk|"
        r"high|off\s+(?:their|his|her)\s+faces?|out\s+of\s+it)"
        r"|\b(?:coming|come|comes|came|arriv\w*|turn\w*\s+up)\s+(?:in\s+)?(?:to\s+)?(?:school|nursery)"
        r"\s+(?:\w+\s+){0,2}?(?:hungry|dirty|filthy|bruised|with\s+bruises)",
    ),
    # Fear of what someone at home will do.
    _cue(
        "safeguarding",
        r"\b(?:scared|afraid|frightened|terrified)\s+(?:of\s+)?what\s+(?:\w+\s+){0,3}?(?:will|would|"
        r"might|could|is\s+going\s+to)\s+do\b",
    ),
    # People who go missing from care, court orders broken, someone afraid of another person.
    _cue(
        "safeguarding",
        r"\b(?:walked|wandered|got|ran|went)\s+(?:out\s+of|off|away\s+from)\s+(?:the\s+)?"
        r"(?:unit|ward|hospital|home|building)\b"
        r"|\b(?:brought\s+back|found|returned)\s+by\s+(?:the\s+)?police"
        r"|\b(?:court|restraining|non[\s-]?molestation|protection)\s+order"
        r"|\b(?:frightened|scared|afraid|terrified)\s+(?:to\s+go\s+(?:back|home)|of\s+(?:my|her|his)"
        r"\s+ex\b|(?:he|she)\s+will)"
        r"|\b(?:ex|ex-partner|ex-husband|ex-wife)\s+(?:has\s+been|keeps|kept|is)\s+"
        r"(?:waiting|following|turning\s+up|threatening|watching|outside)"
        r"|\bstalk\w*",
    ),
)

# People a patient or visitor may be rude to: abuse aimed at them is a matter for the staff's own
# safety, not a patient's safeguarding.
_STAFF = (
    r"(?:the\s+|a\s+|our\s+|all\s+(?:the\s+)?)?(?:\w+\s+)?(?:staff|nurses?|doctors?|receptionists?|"
    r"reception|paramedics|crews?|security|call\s+handlers?|operators?|porters?|workers?|"
    r"services|team|everyone|people\s+at\s+the\s+desk)"
)

# Figures of speech that borrow a cue's words; removed before matching.
IDIOMS = re.compile(
    "|".join(
        (
            r"\bkill(?:ing|ed)?\s+(?:time|the\s+time|an\s+hour)\b|\b(?:dying|die)\s+for\s+(?:a|an|some)\b",
            r"\bto\s+die\s+for\b|\b(?:would|could|'d)\s+kill\s+for\b",
            r"\b(?:bored|scared|worried)\s+to\s+death\b",
            r"\bkill(?:s|ing)\s+(?:me|my\s+back|my\s+feet)\b(?!\s+(?:him|her)sel)",
            r"\bdead\s+(?:on\s+time|easy|good|nice|quick)\b",
            r"\bat\s+risk\s+of\s+(?:missing|being\s+late|losing\s+(?:my|our)\s+"
            r"(?:appointment|slot|place))|\bthreat\s+of\s+rain\b",
            r"\bsuicide\s+(?:prevention|awareness|training|leaflets?|helpline\s+number\s+on)",
            r"\bpush(?:ed|es|ing)?\s+(?:me|him|her|us)\s+(?:hard|to\s+(?!the\s+(?:floor|ground|wall))|"
            r"further|on\b|in\s+(?:a|his|her|my|the)\s+(?:wheel)?chair)",
            r"\bcheck\w*\s+(?:\w+\s+){0,3}for\s+(?:pressure|bruis|sores|falls)\w*",
            r"\bcollapsed\s+(?:lung|vein|with\s+laughter)|\bcrashed\s+(?:computer|system|my\s+car)",
            r"\bsafeguarding\s+(?:training|questions?|checks?|polic(?:y|ies)|procedures?|course|module|"
            r"forms?|team\s+(?:were|was)\s+(?:great|helpful|lovely|kind|brilliant))",
            # Misuse of substances or of a system is not abuse of a person.
            r"\b(?:substance|alcohol|drug|solvent)\s+(?:mis)?abuse\b",
            r"\babus\w*\s+(?:of\s+)?(?:the|their|his|her|my)\s+(?:system|medications?|tablets|"
            r"prescriptions?|position\s+of\s+trust\s+policy)",
            # Patients or visitors abusive to staff ("shouting abuse at the receptionist").
            r"\b(?:shout\w*|scream\w*|yell\w*|hurl\w*|throw\w*|swear\w*|swore)\s+(?:verbal\s+)?abuse\s+"
            r"(?:at|to|towards)\s+" + _STAFF,
            r"\b(?:verbally\s+|physically\s+)?abusive\s+(?:to|towards)\s+" + _STAFF,
            r"\babusive\s+(?:and\s+\w+\s+)?(?:patients?|callers?|visitors?|members?\s+of\s+the\s+public|"
            r"drunks?)\b",
            # Cutlery, tools and sayings.
            r"\bknife\s+and\s+fork|\bunder\s+the\s+knife|\bjump\w*\s+the\s+gun\b",
            r"\b(?:machine|staple|glue|nail|water|nerf|toy|heat|spray|thermometer|temperature)\s+guns?\b",
            r"\bstick\w*\s+to\s+(?:my|his|her|their|our)\s+guns\b",
            r"\bin\s+danger\s+of\s+(?!being\s+(?:harmed|hurt|abused|attacked|killed|assaulted))\w+ing\b",
            # Thanks for a life saved: "the crisis team stopped me from ending my life".
            r"\b(?:stopped|prevented|saved|talked|kept)\s+(?:me|him|her|them|us)\s+(?:from|out\s+of)\s+"
            r"(?:committing\s+)?(?:suicide|killing|ending|taking|harming|hurting)\w*"
            r"(?:\s+(?:my|him|her|them)sel\w+|\s+(?:my|his|her|their)\s+(?:own\s+)?life)?",
            # Services, teams and leaflets named after what they treat; clinics; hyperbole.
            r"\b(?:self[\s-]?harm|suicide|eating\s+disorders?|overdose)\s+(?:support|services?|teams?|"
            r"groups?|leaflets?|information|awareness|training|clinics?|nurses?|pathway|policy|lead|"
            r"workers?|charity|charities|helplines?|prevention|assessments?)\b",
            r"\bfracture\s+clinic\b",
            r"\b(?:nearly|almost|could\s+have|would\s+have)?\s*(?:died|dying|die)\s+(?:of|from|with)\s+"
            r"(?:boredom|laughing|laughter|embarrassment|shame|fright|the\s+heat|the\s+cold)\b",
            # Feeling neglected by a service that cancelled or did not call back.
            r"\b(?:feel|felt|feeling)\s+(?:\w+\s+)?neglected\s+by\s+(?:the|this|your)\s+(?:service|system|"
            r"team|gp|practice|department|trust|hospital|nhs|clinic)\b",
        )
    ),
    re.IGNORECASE,
)

# Negation within a few words before a negatable cue: "never felt unsafe", "no sign of abuse".
_NEGATION = re.compile(
    r"\b(?:not|never|no|nothing|without|wasn'?t|weren'?t|isn'?t|didn'?t|don'?t|did\s+not|"
    r"was\s+not|nor|neither|hardly|free\s+from|free\s+of|safe\s+from|away\s+from|protected\s+from|"
    r"nobody)\b(?:\W+\w+){0,3}\W*$"
    r"|n't(?:\W+\w+){0,3}\W*$"
    # Screening questions and hearsay: "asked if I ever had thoughts of harming myself".
    r"|\basked\s+(?:me\s+|us\s+)?(?:if|whether|about)\b(?:\W+\w+){0,6}\W*$"
    r"|\b(?:heard|read)\s+(?:stories|things|reports)\s+about\W*$"
    # Advice and information: "warned me about the risk of overdose".
    r"|\b(?:warn\w*|advis\w*|advice|taught|teach\w*|explain\w*|educat\w*|information|info|leaflets?|"
    r"posters?|training|awareness)\s+(?:\w+\s+){0,3}?(?:about|on|regarding|around|of)\s+(?:the\s+)?"
    r"(?:risks?\s+of\s+|dangers?\s+of\s+|signs?\s+of\s+)?(?:\w+\W+){0,2}?\W*$"
    # Past harm being worked through: "counselling helped me deal with the abuse".
    r"|\bhelped\s+(?:me|him|her|us|them)\s+(?:to\s+)?(?:deal|cope|come\s+to\s+terms|work\s+through|"
    r"process|talk\s+about|recover|move\s+on|overcome|heal)\b(?:\W+\w+){0,4}\W*$",
    re.IGNORECASE,
)
# A new clause or a report of what others failed to do lifts the negation: "nobody believed he
# was hit", "they did nothing when she was abused".
_NEGATION_BREAK = re.compile(
    r"\b(?:when|while|whilst|after|because|until|till|since|who|why|how|believ\w*|listen\w*|"
    r"and\s+(?:he|she|they|i|we|then|now|still|so)|"
    r"car(?:e|ed|es)|notic\w*|realis\w*|realiz\w*|report\w*|record\w*|investigat\w*|anything)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[.!?;]|\bbut\b|\bhowever\b|\balthough\b", re.IGNORECASE)
_FILLER = re.compile(
    r"\b(?:ever|once|really|at\s+all|at\s+any\s+(?:point|time|stage)|(?:made|make|makes)\s+"
    r"(?:me|him|her|us|them)\s+feel)\b",
    re.IGNORECASE,
)
# A worry told as past and put to rest: "I was worried she would be neglected, but it was the
# opposite". Only plain reassurance counts; "but nobody listened" keeps the worry open.
_PAST_WORRY = re.compile(
    r"\b(?:was|were|had\s+been|i'?d\s+been)\s+(?:\w+\s+)?(?:worried|concerned|afraid|scared|"
    r"frightened)\b|\b(?:feared|had\s+(?:heard|read|expected)|expected|i\s+thought|used\s+to)\b"
    r"|\bhad\s+(?:\w+\s+)?(?:thoughts|feelings|urges)\b",
    re.IGNORECASE,
)
_PUT_TO_REST = re.compile(
    r"^[^.!?]{0,100}?(?:[.!?]\s*)?\b(?:but|however|thankfully|luckily|fortunately|and\s+(?:the|my|"
    r"they|now)|now)\b[^.!?]{0,80}?"
    r"\b(?:opposite|unfounded|no\s+need|nothing\s+to\s+worry|(?:was|were|all|everything)\s+fine|"
    r"wasn'?t\s+the\s+case|not\s+the\s+case|never\s+happened|didn'?t\s+happen|put\s+my\s+mind\s+at|"
    r"at\s+ease|reassur\w*|helped\s+(?:me|him|her|them)\s+(?:to\s+)?(?:stop|recover|get\s+better)|"
    r"(?:years|months)\s+ago|no\s+longer|(?:don'?t|doesn'?t|didn'?t)\s+any\s*more|"
    r"(?:i|he|she|they)\s+(?:have\s+|has\s+)?stopped)",
    re.IGNORECASE,
)


def _negated(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 60) : start]
    # Only look inside the current clause: "not great, but he was abused" stays critical.
    clause = _FILLER.sub(" ", _CLAUSE_BREAK.split(before)[-1])
    negation = _NEGATION.search(clause)
    if negation and not _NEGATION_BREAK.search(negation.group()):
        return True
    sentence = re.split(r"[.!?]", text[max(0, start - 120) : end])[-1]
    return bool(_PAST_WORRY.search(sentence) and _PUT_TO_REST.search(text[end : end + 200]))


def critical_concepts(text: str) -> list[str]:
    """The urgent concepts found in a comment (empty when it needs no urgent attention)."""
    cleaned = IDIOMS.sub(" ", text or "")
    found: list[str] = []
    for cue in CUES:
        for match in cue.pattern.finditer(cleaned):
            start = match.start("state") if "state" in cue.pattern.groupindex else -1
            if cue.negatable and _negated(cleaned, max(start, match.start()), match.end()):
                continue
            found.append(cue.concept)
            break
    return found


def is_critical(text: str) -> bool:
    """True when the comment needs urgent attention."""
    return bool(critical_concepts(text))


# Signs of harm, danger, the body or basic care, in single words. Not a rule: alone they are
# everyday complaint words ("pain", "cold", "toilet"). The trained urgency score is only trusted
# in its middle band when one of them is there: without, a high score was mostly the way a
# story about a relative is told ("my dad", "nobody told us", "she"), not what it says.
_HARM_SIGNS = re.compile(
    r"\b(?:"
    # life, death and self-harm
    r"di(?:e|es|ed)|dying|death|dead|alive|suicid\w*|kill\w*|own life|without me|carry on|"
    r"overdos\w*|stockpil\w*|saving|hang\w*|jump\w*|tonight|goodbye|better off|no point|"
    r"end(?:ing)? (?:it|things)|g[ia]ve up|can'?t cope|"
    r"self[- ]?harm\w*|cut(?:ting)? (?:her|him|my|them)sel(?:f|ves)|burn\w*|"
    # violence, abuse and exploitation
    r"harm\w*|hurt\w*|bruis\w*|hit|hits|hitting|shook|shak\w*|slap\w*|smack\w*|punch\w*|"
    r"kick\w*|push(?:ed|ing)|shov\w*|grab\w*|twist\w*|dragg\w*|restrain\w*|lock\w*|black eye|"
    r"marks|stab\w*|knife|weapon|threat\w*|scream\w*|shout\w*|swear\w*|abus\w*|assault\w*|"
    r"rap(?:e|ed)|harass\w*|inappropriate\w*|touch\w*|naked|undress\w*|exposed|groom\w*|"
    r"domestic|violen\w*|exploit\w*|stole|steal\w*|stolen|money|cash|bank card|"
    r"frighten\w*|scared|afraid|terrified|unsafe|not safe|danger\w*|police|safeguard\w*|"
    # the body and serious illness
    r"fell|falls?|fallen|floor|injur\w*|bleed\w*|unconscious|collaps\w*|faint\w*|coma|stroke|"
    r"heart attack|seizures?|breath\w*|chok\w*|vomit\w*|unresponsive|deteriorat\w*|crisis|"
    r"drows\w*|confus\w*|wander\w*|swollen|sores?|ulcers?|wound|infection|sepsis|septic|"
    r"temperature|blue|cold|weak|ill|unwell|sick|poorly|pain|pain relief|agony|crying|"
    # medicines
    r"error|allerg\w*|insulin|wrong (?:dose|drug|medication|tablets|patient)|"
    r"someone else\S* (?:tablets|medication|medicine)|on purpose|"
    # basic care
    r"neglect\w*|alone|fed|feed|fluids?|dehydrat\w*|starv\w*|to eat|to drink|not eaten|"
    r"no water|without (?:food|water|a drink)|days without|out of reach|all night|wet|pad|"
    r"soil\w*|smell\w*|dirty|filthy|toilet|commode|bath\w*|my bed"
    r")\b",
    re.IGNORECASE,
)


def mentions_harm(text: str) -> bool:
    """Whether the comment has a word for harm, danger, the body or basic care."""
    return bool(_HARM_SIGNS.search(text))
