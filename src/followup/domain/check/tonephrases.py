"""The phrase tables of the tone family (:mod:`.rules.tone`): what each tone rule looks for.

Each table names moves a reader resents, not words (see :mod:`.rules.tone` for the seeds
and the severities): lower-case patterns over the body, each guarded by the anchors before
its ``=>`` (:class:`.phrasetable.Phrases`). Kept apart from the finders so that the rule
module stays short and the tables can grow.
"""

from __future__ import annotations

from followup.domain.check.phrases import Phrases

PUSHY = Phrases.table(r"""
remember => do you (?:still )?remember me\b
why => why (?:haven't|have not|hasn't|has not) (?:(?:i|anyone|anybody|someone)
    (?:heard|been contacted|gotten|received)|you (?:replied|responded|answered|gotten back|called))
long => (?:why (?:is|has) (?:this|it|the process|everything) (?:taking|taken)|what(?:'s| is)
    taking) so long
need|expect => i (?:still )?(?:need|expect) (?:an? )?
    (?:answer|response|reply|update|decision)\b(?! (?:by|before|no later than|within)\b)
demand => i (?:still )?demand\b
nobody|one => (?:nobody|no one) (?:has|have|had) (?:gotten back|got back|replied|responded
    |called|contacted|written)
start => when (?:do|can|will|shall) i start\b
waiting => (?:i've|i have) been waiting (?:for (?:weeks|days|a week|a month|your|an?
    (?:answer|response|reply|update|decision|news))|to hear (?:back|from you))\b
waiting => (?:i'm|i am) still waiting (?:for (?:your|an?)
    (?:answer|response|reply|update|decision|news)|to hear (?:back|from you)|on you)\b
per => (?:as )?per my (?:last|previous|earlier) (?:e-?mail|message|note|mail)
times => (?:i've|i have) (?:already )?(?:e-?mailed|written|called|messaged|contacted|reached
    out to) you (?:several|many|multiple|three|four|five|a few|\d+) times
third|fourth|fifth => this is my (?:third|fourth|fifth) (?:e-?mail|message|attempt|follow-?up)
ignoring => (?:you(?:'re| are)|are you) ignoring me\b
deserve => i deserve (?:to know|an? (?:answer|response|reply|explanation|decision))\b
forget|forgotten => (?:didn't|did not|haven't|have not) (?:forget|forgotten) (?:about )?me\b
hurry => (?<!no need to )hurry (?:things|it|this|the process|the decision) (?:along|up)\b
get|receive|see => did you (?:get|receive|see) (?:any of )?my (?:last |previous |earlier )?
    (?:(?:two|three|four|five|several|\d+) )?(?:e-?mails|messages)\b
appreciate => appreciate (?:an? )?(?:answer|response|reply|decision|update) within
    (?:\d+|a few|one|two|twenty-four|forty-eight) hours\b
""")

#: Mild on their own, pushy in an impolite draft: "when will I hear?", "??".
WHEN = Phrases.table(r"""
when => when (?:will|do) i (?:hear|know|get|receive)\b
still => still (?:haven't|have not|not) (?:heard|received|gotten)
when => when (?:will|are) you (?:going to )?
    (?:get back|be in touch|let me know|decide|make (?:a|your|the) decision|contact me|call me)\b
??|?! => \?[?!]+
""")

DESPERATE = Phrases.table(r"""
need => i (?:really |desperately |badly |truly |so )?need (?:this|the)
    (?:job|position|role|work|opportunity|money|income|paycheck)(?=\s*(?:[.!,;…]|$|and\b|so\b|because\b
    |badly\b|more\b|to (?:pay|cover|afford|feed|survive)\b))
get => if i (?:don't|do not|can't|cannot) get (?:this|the)
    (?:job|position|role|offer)\b
don => i don't know what i(?:'ll| will| would|'d) do\b
please => please (?:just )?(?:give me (?:a|another|one more) chance|hire me)\b
please => please,? please\b
begging|beg => i(?:'m| am) begging\b|i beg (?:you|of you)\b
anything => i(?:'ll| will| would|'d) do anything(?= (?:for|to get)\b|\s*[.!…]|\s*$)
desperate|desperately => i(?:'m| am) (?:so |really |truly )?desperate\b|i desperately
    (?:need|want)\b
hope => my (?:last|only) hope\b
would => (?:this|the) (?:job|role|position|opportunity) would be
    (?:so |really |very |just )?(?:good|great|perfect|amazing|wonderful|life-changing) for me\b
afford => (?:can't|cannot) afford (?:my|the|our) (?:rent|bills)\b
any => (?:accept|take) any (?:salary|pay|offer|terms|position|role|job)\b
""")

GUILT = Phrases.table(r"""
took|take|taken => i (?:had to )?(?:took|take|taken)\b[^.!?\n]{0,25}?\b
    (?:off|leave|vacation|pto)\b
after => after (?:all|everything) (?:that )?(?:i've|i have|i)
    (?:done|did|put in|sacrificed|invested|given)\b
owe => you owe me\b
least => the least you (?:could|can) do\b
turned|declined|gave|passed|cancelled|canceled => i
    (?:turned down|declined|gave up|passed up|cancell?ed)\b[^.!?\n]{0,40}?\bfor
    (?:you|this (?:job|role|position|opportunity|interview))\b
drove|traveled|travelled|flew|commuted => i (?:drove|travell?ed|flew|commuted)\b[^.!?\n]{0,30}?\b
    (?:hours|miles|kilomet(?:re|er)s|all the way)\b
spent|put|invested => i (?:spent|put in|invested)
    (?:so much|hours|days|weeks|a lot of|countless)\b[^.!?\n]{0,30}?\b
    (?:preparing|on (?:this|the|your))\b
""")

CONSEQUENCE = (
    r"i(?:'ll| will| shall)(?: (?:have|need) to| be forced to)? (?:accept|take|withdraw"
    r"|go with|move on|pursue|assume|consider|look elsewhere|rescind|pull)"
)

ULTIMATUM = Phrases.table(
    r"""
need|must|have|want|expect => i (?:(?:need to|must|have to|want to|expect to)
    (?:hear(?: back)?|know|have an? ANSWER)|(?:need|must have|want|expect) an? ANSWER)
    (?: from (?:you|your team))? (?:by|before|no later than|within)\b
if => if i (?:don't|do not|haven't|have not)
    (?:hear|heard)\b[^.!?\n]{0,60}?\bCONSEQUENCE
unless => unless i hear\b[^.!?\n]{0,30}?\b(?:by|before|within)\b
until => (?<!do )(?<!if )(?:you have|you've got) until\b
otherwise|else => (?:otherwise|or else),? CONSEQUENCE
chance => this is (?:your|the) last chance\b
final => (?:this is (?:your|the) )?final (?:notice|warning)\b
withdraw|accept =>
    i(?:'ll| will) (?:have to )?(?:withdraw|accept (?:another|the other|their) offer)
    (?:if|unless)\b
""".replace("CONSEQUENCE", CONSEQUENCE).replace("ANSWER", "(?:answer|response|reply|decision)")
)

SARCASM = Phrases.table(r"""
nothing => thanks (?:a lot |so much |again )?for nothing\b
gee|nice|surprise|yeah => (?:gee,? thanks|must be nice|big surprise|yeah,? right)\b
what => what a (?:surprise|shock)(?=\s*[.!…]|\s*$)
nice|kind|thoughtful|considerate => how (?:nice|kind|thoughtful|considerate) of you to
    (?:ignore|not|never|finally|keep)\b
much => so much for\b
guess => i guess (?:you(?:'re| are| were| have|'ve| don't| do not)?|i(?:'ll| will)
    (?:just|keep)|nobody|no one|that means|not|it (?:doesn't|does not|didn't))\b
obviously => obviously (?:you|your \w+) (?:don't|didn't|do not|did not|can't|haven't|aren't)\b
clearly => clearly (?:you|your \w+) (?:don't|didn't|do not|did not|can't|haven't|aren't)\b
""")

DEMAND = Phrases.table(r"""
send => send me\b
tell => tell me\b(?! more| about)
back => get back to me\b
reply|respond => (?:reply|respond) (?:to me|by|asap|soon|today|immediately)\b
update|inform => (?:update|inform) me\b
call => call me (?:back|today|tomorrow|by|asap|immediately)\b
give => give me (?:an? )?(?:answer|update|call|decision|response|feedback)\b
know => let me know (?:by|asap|as soon as|immediately|today|tomorrow|right away|your
    decision|the (?:outcome|decision|result)|what you(?:'ve| have)? decided|when
    you(?:'ve| have)? (?:decided|made))\b
email|mail => e-?mail me (?:back|by|asap|today|immediately)\b
confirm => confirm (?:by|asap|today|immediately)\b
""")

INSULTS = (
    "incompetent|idiot|idiots|idiotic|stupid|clueless|unprofessional|rude|pathetic|ridiculous"
    "|joke|disorganized|disorganised|disrespectful|disgrace|disgraceful|liar|liars|dishonest"
    "|amateur|amateurs|amateurish|moron|morons|useless|unprepared|irrelevant|arrogant"
    "|condescending"
)

ADVERBS = r"(?:(?:so|such|very|really|completely|totally|truly|utterly|incredibly|extremely|an?) )*"

HOSTILE = Phrases.table(
    r"""
loss => (?<!sorry for )(?<!sorry about )your loss\b
waste|wasted => (?:a )?waste of (?:my |our )?time\b|wasted my time\b
shame|dare|ashamed|people|screw|hell|riddance|bullshit =>
    (?:shame on you|how dare you|you should be ashamed|you people|screw you|go to hell
    |good riddance|bullshit)\b
*uck => f+u+c+k\w*
INSULTS => you(?:'re| are| were)? ADVERBS(?:INSULTS)\b
INSULTS => your (?:company|team|process|firm|organi[sz]ation|recruiters?|hr|interviewers?
    |colleagues?|managers?|questions|interview) (?:is|are|was|were|seemed|seems)
    ADVERBS(?:INSULTS)\b
unprofessional => (?:how|so|incredibly|extremely|very|really|completely|totally|highly|that
    was|this is|it was|it is) unprofessional\b(?! of me| on my part)
""".replace("INSULTS", INSULTS).replace("ADVERBS", ADVERBS)
)
