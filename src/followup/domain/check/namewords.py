"""Word lists for the record-aware rules: titles, name particles, common words, nicknames.

Pure data written for this checker: the titles and suffixes that are not part of a name,
the particles too short to match alone, the common English words a capitalised word is
taken for rather than a misspelt name, months and days, and groups of nicknames.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` (split on white space) as a set: how word lists are written."""
    return frozenset(text.split())


#: Titles that may stand before a name and are not part of it.
HONORIFICS = word_set(
    "mr mrs ms mx miss dr prof professor sir madam madame mme mlle herr frau sr sra dra"
)

#: Parts of names that are too short or too common to be matched alone.
PARTICLES = word_set(
    "van von der den de del della di da dos das du la le les al el bin binti ibn bint ten ter "
    "st y e"
)
#: Letters after a name that are not part of it.
SUFFIXES = word_set("jr sr ii iii iv phd md mba esq cpa")

#: Common English words: a capitalised one at the start of a sentence, in a subject line
#: or a title is a word, not a misspelt name, unless it stands where only a name can
#: (after "Dear" or "Ms.", or beside the rest of the name). Written for this checker.
COMMON = word_set(
    """a able about above across after again against ago ahead all almost along already also
    although always am among an and another any anyone anything anyway are around as ask asked
    at away back bad be because become been before began begin being below best better between
    big both brief bring brought build built busy but by call called calls came can cannot care
    case chance change chat clear close come coming could course cut data date day days dear
    deal did do does doing done down during each early easy else end enough even ever every
    few fine first for form forward found free friday from full further gave get getting give
    glad go goes going gone good got great greetings grow had hand happy hard has have having he
    hear heard hello help helped her here hey hi high him his hold hope hoped hoping how however
    i if in into is it its just keen keep kept kind know known last late later lead learn
    learned least less let like line little long look looked looking lot love made main make
    many may me mean meet meeting men met might mind mine more most much must my name near need
    needed never new news next nice no none nor not note now of off offer often oh ok okay old
    on once one only open or other our out over own part past per plan please pleased point
    post quick quite rather re read ready real really reason regards rest right role run said
    same saw say second see seen send sent set she short should show side since so some soon
    sorry start still such sure take taken talk talked team thank thanks that the their them
    then there these they thing things think this those though thought through thus time to
    today told too took top true try two under until up upon us use used very via want wanted
    was way we week weeks well went were what when where which while who whom whose why will
    win wish with within without word words work worked working would write yes yet you young
    your yours cheers sincerely warmly warm best kind respectfully truly appreciate appreciated
    grateful enjoyed excited following follow update interview interviews job jobs company
    office opportunity application candidate process step steps final recent current letter
    email phone video subject fw fwd call morning afternoon evening tomorrow yesterday month
    months year years hour hours minute minutes idea ideas area areas field group level value
    goal goals model market product project plan data design sales lead head mark bill dean
    art hunt park lane hall wood stone king page grant rose grace hope joy faith may june april
    august march january february july september october november december monday tuesday
    wednesday thursday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec mon
    tue wed thu fri sat sun python java rust react excel slack zoom swift ruby scala kotlin
    julia go sql aws figma jira notion apple google amazon meta london paris berlin boston
    austin denver dallas chicago seattle madrid rome tokyo sydney toronto dublin i'm i'd i've
    i'll it's that's we're you're don't can't won't let's sir madam team all everyone there
    again folks both manager hiring recruiter interviewer committee panel"""
)
#: Months and days: capitalised in running text, never taken for a person there.
CALENDAR = word_set(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday"""
)

#: Groups of the same given name: a nickname is the right name, not a misspelling.
_NICKNAMES = """robert bob rob robbie bobby|william will bill billy liam|elizabeth liz beth
betty eliza lisa libby|michael mike mikey mick|james jim jimmy jamie|katherine catherine
kathryn kate katie kathy cathy kat|margaret maggie meg peggy|richard rick rich dick ricky
|anthony tony|edward ed ted eddie ned|john jack johnny|jonathan jon jonny|susan sue suzy
|thomas tom tommy|andrew andy drew|matthew matt|nicholas nick nicky|stephen steven steve
stevie|joseph joe joey|benjamin ben benny|david dave davey|gregory greg|jeffrey jeff
|lawrence larry|charles charlie chuck chaz|henry hank harry|jennifer jen jenny|rebecca
becky becca|patricia patty trish pat|patrick pat paddy|sandra sandy|cynthia cindy|abigail
abby gabby|alexander alex sasha xander|alexandra alex sasha lexi|nathan nate|nathaniel nate
nat|zachary zach zack|samuel sam sammy|samantha sam sammy|timothy tim timmy|victoria vicky
tori|deborah debbie deb|daniel dan danny|danielle dani|christopher chris|christina chris
tina|kristen kris|jessica jess jessie|joshua josh|frederick fred freddie|francisco paco
pancho|jose pepe|manuel manny|alejandro alex|guillermo memo|eleanor ellie nora|dorothy
dot dottie|theodore theo ted teddy|josephine josie jo|pamela pam|kimberly kim|ashley ash
|megan meg|ronald ron ronnie|donald don donnie|kenneth ken kenny|gerald gerry jerry
|raymond ray|walter walt|albert al bert|leonard leo len lenny|philip phil|douglas doug
|vincent vince vinny|gabriel gabe|oliver ollie|isabel isabella bella izzy|valentina vale
|olivia liv livvy|emily em emmy|natalie nat|madeline madeleine maddie|caroline carrie
|sophia sophie"""
NICKNAMES: dict[str, frozenset[str]] = {}
for _group in _NICKNAMES.split("|"):
    _names = frozenset(_group.split())
    for _n in _names:
        NICKNAMES[_n] = NICKNAMES.get(_n, frozenset()) | _names
