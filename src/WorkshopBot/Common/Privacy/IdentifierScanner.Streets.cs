using System.Text.RegularExpressions;

namespace WorkshopBot.Common.Privacy;

/// <summary>The street-address rule: a house number and a street.</summary>
public sealed partial class IdentifierScanner
{
    // A house number and a street: "12 Acacia Avenue", "4a Elm Close", "12 The Close", "7 ST JOHN'S ROAD". The street's
    // words are capitalised (or in capitals), as an address is written; "Court", "Place" and "Walk" also end courts of
    // law, programmes and events, so not after such a word ("2 Family Court hearings", "3 Safe Place sessions", "a 5
    // Sponsored Walk", see NotAStreetsName). "Way", "St", "Rise", "View", "Hill",
    // "Row", "Square" and "Green" are also words ("12 Green", "4 RAG Green"), so they end a street only after its name
    // written with capitals and small letters ("12 Acacia Way", "3 Primrose Hill"), and "St" not before a saint's name
    // ("3 Sessions St John's Ambulance"). Not after a currency sign or inside a number, a date or a reference; after
    // "no." it is ("no.12 Acacia Road"). The house number may be written in words before a street written with capitals
    // ("twelve Acacia Avenue", "Twenty-two Elm Close"), not before one in small letters ("one main road"). Typed in
    // a hurry the street's name or its type is in small letters ("12 Acacia avenue", "3 station road"): then no word
    // between is a small word or a unit ("3 miles down the road", "a 3 bed terrace"), and "close" and "drive", which
    // are also words, count only when no people or times come before them and no word that makes them a verb or a
    // distance comes after ("4 children close to mum", "20 minutes drive", "3 people drive to work"): "4 rowan close",
    // "7 mill drive". Abbreviated as on an envelope ("12 Acacia Cres", "4 Elm Gdns", "12 acacia st", "3 Mill Dr"), "St" in
    // small letters only at the end ("21 st century" has no street's name), "Dr" not before a name ("2 Junior Dr Patel");
    // "cl", "pl", "dr" and "ct" in small letters only at the end or before a small word ("lives at 14 elm cl with mum"),
    // and "ct" not after a part of the body ("2 head ct"). No street's type counts after people or times ("12 agencies
    // road tested the form") or before a word that makes it a phrase ("road tested", "high street shops"). A range of
    // house numbers counts ("12-14 Acacia Road").
    [GeneratedRegex(@"(?<![\w£$€,/:\-])(?<!(?<!\b(?i:no))\.)\d{1,4}[A-Za-z]?(?:[\-–]\d{1,4}[A-Za-z]?)?,?[ \t]+"
        + "(?:" + CapitalisedStreet
        + @"|(?:(?!(?i:" + SmallStreetStop + @"))[A-Za-z][a-z]*"
        + @"(?:['’\-][a-z]+)*[ \t]+){1,3}(?<!(?i:" + CloseDriveStopBefore + @")[ \t]+)"
        + @"(?:road|street|avenue|lane|crescent|gardens|terrace|grove|mews|rd|ave|cres|gdns|tce|st(?![ \t]*\w)"
        + @"|(?:cl|pl|dr|(?<!(?i:" + ScanWords + @")[ \t]+)ct)(?=[ \t]*(?:$|[^\w \t]|(?i:" + SmallWordAfterStreet + @")\b))"
        + @"|(?:close|drive)(?![ \t]+(?i:" + CloseDriveStopAfter + @"))))" + StreetEnd,
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex StreetAddressPattern();

    // The house number in words ("twelve Acacia Avenue"): only before a street written with capitals. Words start at far
    // more places than digits, so this pattern is read only where a street's type is written with a capital.
    [GeneratedRegex(@"(?<![\w£$€,/:\-])(?:" + HouseNumberWords + @")\b,?[ \t]+(?:" + CapitalisedStreet + ")" + StreetEnd,
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex StreetInWordsPattern();

    [GeneratedRegex(CapitalisedStreetType, RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex CapitalisedStreetTypePattern();

    // The house number in words before a street's type in small letters: "twelve acacia avenue", "flat three rowan road",
    // "forty-two beech rd". "One", "two" and "three" start ordinary phrases far more often than an address ("one close
    // friend", "two school days", "one main road", "two family court hearings"), so here one or two words name the street,
    // none of them a small word, a unit, a person or a word that says what kind of road it is ("main", "side", "busy",
    // "country", "long"); the street's type is one that is seldom anything else (road, street, avenue, lane, crescent,
    // gardens, terrace, grove, mews, and close, drive and court with the words that make them something else left out:
    // "one child close in age", "one long drive", "the family court", "a tennis court"), and it ends the phrase: a mark,
    // the end of the text or a small word follows it ("twelve acacia avenue, leeds", "three rowan close with mum"), never
    // a noun it describes ("two lane road works"). Way, place, walk and the other types that are also words are read
    // only after "lives at" and the like (StreetInWordsAfterCuePattern).
    [GeneratedRegex(@"(?<![\w£$€,/:\-])(?:" + HouseNumberWords + @")\b,?[ \t]+"
        + @"(?:(?!(?i:" + WordsStreetStop + @"))[A-Za-z][a-z]*(?:['’\-][a-z]+)*[ \t]+){1,2}"
        + @"(?<!(?i:" + CloseDriveStopBefore + @")[ \t]+)"
        + @"(?:road|street|avenue|lane|crescent|gardens|terrace|grove|mews|rd|ave|cres|gdns|tce"
        + @"|(?:close|drive)(?![ \t]+(?i:" + CloseDriveStopAfter + @"))"
        + @"|(?<!(?i:" + NotAStreetsName + "|" + NotACourtsStreet + @")[ \t]+)court)" + StreetInWordsEnd,
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex StreetInSmallWordsPattern();

    // After "lives at", "moved to" or "address" the house number in words may come before any street's type in small
    // letters, those that are also words too: "lives at seven mill way", "moved to two elm place", "visited one mill
    // walk". Not before a word that makes the place no street ("moved to one safe place", "moved to one new way"), and
    // the type ends the phrase.
    [GeneratedRegex(@"(?<=\b(?i:lives|living|lived|moved|moving|staying|stays|stayed|resides|residing|address|visited"
        + @"|visiting)[ \t]+"
        + @"(?:(?i:at|to|into|is)[ \t]+)?)(?:" + HouseNumberWords + @")\b,?[ \t]+"
        + @"(?:(?!(?i:" + WordsStreetStop + @"))[A-Za-z][a-z]*(?:['’\-][a-z]+)*[ \t]+){1,2}"
        + @"(?<!(?i:" + NotAStreetsName + "|" + NotACourtsStreet + @")[ \t]+)"
        + @"(?:way|place|walk|row|square|view|rise|hill|green|court|close|drive|st|cl|pl|dr|ct)" + StreetInWordsEnd,
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex StreetInWordsAfterCuePattern();

    // Without such a cue, a house number in words from two to ninety-nine before a way, place, walk, row or another type
    // that is also a word, in small letters: "visited seven mill way", "police were called to twelve oak row". After a
    // number of two or more, a noun is plural ("two safe places", "seven days"), so a singular type after one or two
    // words is a street, unless those words are a measure, a kind or a manner ("a ten minute walk", "four feet square",
    // "a three percent rise", "one easy way", "three school walk"); "one" starts too many phrases ("one quiet place",
    // "one way to help") and counts only after a cue (StreetInWordsAfterCuePattern). That plural is not one of the
    // street's words either: it is the noun the number counts, and what follows is its verb ("two visits took place",
    // "three actions rated green", "two cases show rise"), so no word may end in a single "s" ("seven oaks way" is
    // missed for it); nor may a verb come between, when the number stands for the things it counts ("of four visits,
    // two took place", "two will take place", "seven now green": WaysVerbs). The type ends the phrase.
    [GeneratedRegex(@"(?<![\w£$€,/:\-]|\b(?i:one|an?|the)[ \t\-]{1,3})(?:" + HouseNumberWordsFromTwo + @")\b,?[ \t]+"
        + @"(?:(?!(?i:" + WordsStreetStop + "|" + WaysStop + "|" + WaysVerbs + @")|[A-Za-z][a-z]*[a-rt-z]s[ \t])"
        + @"[A-Za-z][a-z]*(?:['’\-][a-z]+)*[ \t]+){1,2}"
        + @"(?<!(?i:" + NotAStreetsName + @")[ \t]+)"
        + @"(?:way|place|walk|row|square|view|rise|hill|green)" + StreetInWordsEnd,
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex StreetInWordsWithoutCuePattern();

    // Every type StreetInSmallWordsPattern and StreetInWordsAfterCuePattern end with, as a word in small letters.
    [GeneratedRegex(@"\b(?:road|street|avenue|lane|crescent|gardens|terrace|grove|mews|rd|ave|cres|gdns|tce|close|drive|court"
        + @"|way|place|walk|row|square|view|rise|hill|green|st|cl|pl|dr|ct)\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex SmallStreetTypePattern();

    /// <summary>Street addresses with the house number in digits, or in words before a street written with capitals or,
    /// with more care, in small letters.</summary>
    private static IEnumerable<Match> FindStreets(string text) =>
        StreetAddressPattern().Matches(text)
            .Concat(CapitalisedStreetTypePattern().IsMatch(text) ? StreetInWordsPattern().Matches(text) : Enumerable.Empty<Match>())
            .Concat(SmallStreetTypePattern().IsMatch(text)
                ? StreetInSmallWordsPattern().Matches(text).Concat(StreetInWordsAfterCuePattern().Matches(text))
                    .Concat(StreetInWordsWithoutCuePattern().Matches(text))
                : Enumerable.Empty<Match>());

    // Words that name no street before a street's type after a house number in words: the kind of road or lane ("one main
    // road", "one side street", "a three lane road"), people ("one child close"), lengths and manners ("one long drive",
    // "one short drive"), and places that have a court of their own or a garden ("one tennis court", "two back gardens").
    private const string WordsStreetStop = SmallStreetStop + @"|(?:main|side|high|back|front|busy|quiet|long|short|quick|fast"
        + @"|slow|new|old|big|small|little|large|narrow|wide|private|shared|own|same|next|nearby|dead|end|wrong|right|whole|only"
        + @"|first|last|very|so|too|better|worse|easier|central|single|common|good|bad|nice|happy|warm|cold|calm|secure|stable"
        + @"|permanent|temporary|country|ring|slip|bus|cycle|dirt|trunk|major|minor|residential|test|safe|school|home"
        + @"|child|person|friend|relative|parent|carer|adult|boy|girl|baby|member|worker|agency|family|close|drive|court"
        + @"|road|street|avenue|lane|mile|hour|minute|day|week|month|year)\b";

    // Words before a way, place, walk or the like, with no cue, that make it a measure, a manner or a kind: "a ten minute walk",
    // "four feet square", "a three percent rise", "three point view", "two step way", "one easy way"; and the plurals that
    // end in no "s" ("two children walk in", "two staff view this as neglect", "three police walk in").
    private const string WaysStop = @"(?:feet|foot|inch|inches|yards?|metre|meter|percent|per|fold|points?|steps?|pages?|tiers?"
        + @"|seats?|holes?|laps?|degrees?|sided|parts?|stages?|phases?|levels?|man|men|woman|women|people|children|dogs?|cent"
        + @"|staff|police|personnel|rounds?"
        + @"|time|easy|easier|simple|clear|possible|best|great|usual|normal|regular|favourite|main|key|practical|quickest"
        + @"|shortest|safest|only|another|further|extra|more|less|most|least|sure|certain|real|proper|obvious|hard|difficult"
        + @"|way|place|walk|row|square|view|rise|hill|green)\b";

    // Verbs and the words of a verb's phrase between a number in words and a way, place, view or green, with no cue: the
    // number then stands for the things it counts ("two took place", "two will take place", "two gave way", "seven now
    // green"), and any verb in the past ending in "ed" ("three rated green", "two turned green"; not "reed" or "red").
    private const string WaysVerbs = @"(?:take|takes|took|taken|taking|will|would|could|should|can|may|might|must|shall|now|still"
        + @"|then|also|already|soon|both|went|go|goes|gone|got|get|gets|give|gives|gave|given|make|makes|made|hold|holds|held"
        + @"|share|shares|remain|remains|stay|stays|turn|turns|came|come|comes|fell|fall|falls|found|find|lost|lose|led|lead"
        + @"|[a-z]+[a-df-z]ed)\b";

    // After the type of a street in words: a mark, the end, a small word that ends the address or a verb in the past
    // ("seven mill lane stopped"), never a noun it describes ("two lane road works").
    private const string StreetInWordsEnd = @"(?=[ \t]*(?:$|[^\w \t]|(?i:" + WordAfterStreetInWords + @"|[a-z]{2,}ed)\b))";

    // A house number in words from two to ninety-nine: "seven", "twelve", "forty-two".
    private const string HouseNumberWordsFromTwo = @"(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        + @"(?:[\- ](?:one|two|three|four|five|six|seven|eight|nine))?|two|three|four|five|six|seven|eight|nine|ten|eleven"
        + @"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";

    // A word after a street's type in small letters that ends the address: "three rowan close with mum".
    private const string WordAfterStreetInWords = @"with|and|in|on|at|for|since|from|near|nr|where|until|till|when|but|or|was|is"
        + @"|were|are|has|had|twice|again|after|before|while|during|then|because|if|last|this|today|yesterday";

    // Words before "court" in small letters that make it a place to play or eat: "one tennis court".
    private const string NotACourtsStreet = @"\b(?:tennis|netball|basketball|squash|badminton|football|padel|volleyball|food"
        + @"|ball|[a-z]{2,}ing)";

    // A street's name and type written with capitals: "Acacia Avenue", "ST JOHN'S ROAD", "Primrose Hill", "Kings Place".
    private const string CapitalisedStreet = @"(?:(?:[A-Z][a-z]+(?:['’\-][A-Za-z]+)*|[A-Z]{2,}(?:['’][A-Z]+)?)"
        + @"[ \t]+){1,3}(?:Road|Street|Avenue|Close|Lane|Drive|Crescent|Gardens|Terrace|Grove|Mews|Rd|Ave|Av|Cres|Gdns|Ln|Tce|Pl|Cl|Ct"
        + @"|RD|AVE|ROAD|STREET|AVENUE|CLOSE|LANE|DRIVE|CRESCENT|GARDENS|TERRACE|GROVE|MEWS)"
        + @"|(?:[A-Z][a-z]+(?:['’\-][A-Za-z]+)*[ \t]+){1,3}"
        + @"(?:Way|Rise|View|Hill|Row|Square|Green|St(?![ \t]+[A-Z][A-Za-z]*['’])|Dr(?![ \t]+[A-Z])"
        + @"|(?<!(?:" + NotAStreetsName + @")[ \t]+)(?:Court|Place|Walk))";

    // Every type CapitalisedStreet ends with, as a word.
    private const string CapitalisedStreetType = @"\b(?:Road|Street|Avenue|Close|Lane|Drive|Crescent|Gardens|Terrace|Grove|Mews|Rd|Ave"
        + @"|Av|Cres|Gdns|Ln|Tce|Pl|Cl|Ct|RD|AVE|ROAD|STREET|AVENUE|CLOSE|LANE|DRIVE|CRESCENT|GARDENS|TERRACE|GROVE|MEWS|Way|Rise"
        + @"|View|Hill|Row|Square|Green|St|Dr|Court|Place|Walk)\b";

    // Not before a word that makes the street's type a phrase: "2 high street shops".
    private const string StreetEnd = @"\b(?![ \t\-]+(?i:" + StreetTypeAsWord + @")\b)";

    /// <summary>
    /// "flat 3, Rowan Court", "Flat 12 Oak House", "flat three, Rowan Court": a flat's number and its block, with or without
    /// a street. And after
    /// "lives at", "moved to" or "address", a number and a street whose type is also a word, in small letters too:
    /// "lives at 3 rowan court", "moved to 14 elm walk".
    /// </summary>
    [GeneratedRegex(@"\b(?:(?i:flat|apartment|apt)\.?[ \t]*(?:\d{1,4}[A-Za-z]?|" + HouseNumberWords + @"\b),?[ \t]+"
        + @"|(?<=\b(?i:lives|living|lived|moved|moving"
        + @"|staying|stays|stayed|resides|residing|address)[ \t]+(?:(?i:at|to|into|is)[ \t]+)?(?:(?i:no)\.?[ \t]*)?)"
        + @"\d{1,4}[A-Za-z]?,?[ \t]+)(?:(?!(?i:" + SmallStreetStop + @"))[A-Za-z][a-z]*(?:['’\-][A-Za-z]+)*[ \t]+){1,3}"
        + @"(?i:court|place|walk|way|row|square|view|rise|hill|green|close|drive|house|lodge|heights|towers?|mansions"
        + @"|buildings|gardens|mews|ct|cl|pl|dr)\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex BlockAddressPattern();

    // A house number in words, one to ninety-nine: "twelve", "Twenty-two", "forty one".
    private const string HouseNumberWords = @"(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        + @"(?:[\- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
        + @"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";

    // Words before "Court", "Place" or "Walk" that make them a court of law, a programme or an event: "2 Family Court
    // hearings", "3 Safe Place sessions", "a 5 Sponsored Walk".
    private const string NotAStreetsName = @"\b(?:Family|Crown|County|Magistrates|Youth|High|Supreme|Appeal|Appeals|District|Civil"
        + @"|Criminal|Coroners|Coroner's|Juvenile|Food|Safe|Safer|Quiet|Calm|Meeting|Work|First|Second|Third|Sponsored|Nature"
        + @"|Charity|Fun|Memory|Sensory|Learning|Play|Resource|Welcome|[A-Z][a-z]{2,}ing)";

    // "2 head ct", "3 brain ct": a scan, not a court.
    private const string ScanWords = @"\b(?:head|brain|skull|chest|abdomen|abdominal|body|spine|spinal|neck|full|repeat|further|urgent)";

    // What may follow an abbreviated street type in small letters ("lives at 14 elm cl with mum"): a small word or a number.
    private const string SmallWordAfterStreet = @"with|and|in|on|at|to|for|since|from|near|where|which|who|until|till|when|but|or"
        + @"|as|nr|\d+";

    // A word after "road" or "street" that makes it part of a phrase: "12 agencies road tested", "2 high street shops".
    private const string StreetTypeAsWord = @"tests?|tested|testing|maps?|mapping|mapped|shows?|safety|sense|trips?|works|blocks?"
        + @"|traffic|accidents?|crossings?|junctions?|homeless(?:ness)?|drinking|crime|level|wise|smart|cred|culture|gangs?"
        + @"|grooming|robbery|violence|names?|life|ahead|shops?|banks?|brands?";

    private const string SmallStreetStop = @"(?:the|a|an|of|on|in|at|to|and|or|for|by|with|from|into|up|down|along|near|off|over|per"
        + @"|this|that|his|her|their|my|our|your|its|each|every|all|some|no|not|was|were|is|are|be|had|has|have|than|as|but"
        + @"|beds?|bedroom(?:s|ed)?|storey|years?|yrs?|months?|weeks?|days?|hours?|hrs?|mins?|minutes?|miles?|km|metres?"
        + @"|times?|lanes?|ways?|other|more|different|separate|community|public|local|school)\b";

    // People and times before a street's type in small letters make it a word: "4 children close", "20 minute drive",
    // "12 agencies road tested".
    private const string CloseDriveStopBefore = @"\b(?:children|kids|people|persons|siblings|brothers|sisters|friends|relatives"
        + @"|family|families|members|workers|staff|professionals|agencies|parents|carers|adults|boys|girls|babies|others"
        + @"|we|they|you|i|he|she|who|hour|minute|min|mile|second|seconds|very|so|too|quite|fairly|really)";

    // A word after "close" or "drive" that makes it a verb or an adjective: "close to mum", "drive them to school".
    private const string CloseDriveStopAfter = @"(?:to|by|with|from|at|up|down|away|home|back|off|out|round|around|into|through"
        + @"|past|enough|together|friends?|relatives?|family|families|contact|links?|bonds?|relationships?|attention|proximity"
        + @"|supervision|monitoring|working|eye|watch|call|behind|ties|a|an|the|them|him|her|his|their|me|us|you|it)\b";
}
