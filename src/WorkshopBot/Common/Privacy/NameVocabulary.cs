using System.Collections.Frozen;

namespace WorkshopBot.Common.Privacy;

/// <summary>The words around names: cues that introduce a person, and words that are never a name.</summary>
internal static class NameVocabulary
{
    /// <summary>Words that introduce a child, parent, carer, partner, sibling or relative ("her mother Aisha").</summary>
    public static readonly FrozenSet<string> RelationCues = Set(
        """
        baby babies child children kid kids infant toddler newborn son sons daughter daughters stepson stepdaughter
        step-son step-daughter mother mothers mum mums mom mam mummy mother-in-law father fathers dad dads daddy
        father-in-law stepfather stepmother stepdad stepmum stepmom step-father step-mother step-dad step-mum step-mom
        stepparent step-parent stepparents step-parents parent parents carer carers guardian partner partners
        ex-partner boyfriend girlfriend ex-boyfriend ex-girlfriend husband wife ex-husband ex-wife fiance fiancé fiancee
        fiancée sibling siblings half-sibling brother brothers sister sisters half-brother half-sister stepbrother
        stepsister step-brother step-sister twin twins grandparent grandparents grandmother grandfather grandma grandad
        granddad grandpa gran granny nan nana nanna nanny grandson granddaughter grandchild great-grandmother
        great-grandfather aunt aunts auntie aunty uncle uncles cousin cousins niece nephew relative relatives friend
        girl boy teenager yp pupil bby godmother godfather mgm pgm mgf pgf mgp pgp
        """);

    /// <summary>Titles that come before a surname.</summary>
    public static readonly FrozenSet<string> Honorifics = Set("mr mrs ms miss mx");

    /// <summary>Titles before a list of surnames, as "Drs" is ("Messrs Smith and Jones"): each name of the list is one.</summary>
    public static readonly FrozenSet<string> PluralTitles = Set("messrs mmes mesdames");

    /// <summary>Cues that name someone: "known as", "aka", "nicknamed", "goes by".</summary>
    public static readonly FrozenSet<string> AliasCues = Set("aka a.k.a nicknamed");

    /// <summary>Cues that may name a person or a thing ("a boy called Jayden", "a tool called the GCP2").</summary>
    public static readonly FrozenSet<string> NamingCues = Set("called named");

    /// <summary>Words before "name is" / "name:" that show the name is not a person's ("agency name: ...").</summary>
    public static readonly FrozenSet<string> ThingNames = Set(
        """
        agency agency's team team's service organisation organization school hospital setting trust practice file user
        case document project programme program group tool audit company product brand street road ward course drug
        medication app website account policy form template site building unit clinic centre center business board
        panel meeting report theme partnership procedure procedures
        """);

    /// <summary>Function words, days, months and feasts, and a template's placeholders ("mother &lt;Surname&gt;"): never a
    /// name, whatever comes before them.</summary>
    public static readonly FrozenSet<string> FunctionWords = Set(
        """
        a an the this that these those it its he she they we i you him her them us his hers their our your my me who
        whom whose which what when where why how is was were are be been being am has have had do does did would
        shall should might must can could not no nor and or but if then than so as at by for from in into of off
        on onto out over per since through to toward towards under until up upon via with within without about above
        across after against along among around before behind below beside besides between beyond despite during
        except inside near outside past round throughout till unlike also again alone already always both each either
        every all any some many much more most few several such only just even still yet very too quite rather really
        once twice later soon today yesterday tomorrow now there here other others another same own unknown unnamed
        redacted withheld name names surname forename insert none nobody someone anyone everyone everybody nothing something
        please thanks yes ok
        monday tuesday wednesday thursday friday saturday sunday january february march july september october
        november december christmas easter eid diwali ramadan hanukkah year years month months week weeks day days
        night morning afternoon evening weekend term holidays teams
        """);

    /// <summary>Words that are never a name after a relation cue: agencies, roles, services, tools, ethnicities
    /// ("Mother White British" records ethnicity), so a capitalised one stops the name there.</summary>
    public static readonly FrozenSet<string> DomainWords = Set(
        """
        police probation education housing health hospital school nursery court council authority nhs trust camhs
        ambulance fire social services service care team hub mash youth justice offending early help family families
        barnardo barnardo's nspcc childline samaritans refuge aid women's action society kooth mind relate home-start catch
        child children baby babies mother father mum dad parent parents carer carers partner partners sibling siblings
        brother sister grandparents agency agencies audit workshop idea ideas scouts guides brigade organisation
        organisations board partnership safeguarding multi
        conference meeting panel group unit clinic room box bank friendly steps bond basics buddy massage sensory loss
        protection sexual criminal exploitation death development arrangements benefit maintenance poverty first
        voice centred focused need needs looked missing act plan plans order review practice guidance abuse neglect
        welfare wellbeing behaviour mental minding contact disability disabilities trafficking labour marriage rights
        commissioner centre center forum support champion governor capacity evening protect association plus
        network figure inclusion involvement tongue premium referral feeding nurse doctor midwife visitor worker
        workers officer officers lead manager professional person practitioner consultant paediatrician registrar
        therapist psychologist psychiatrist counsellor assistant navigator head headteacher principal chair designated
        deputy senior student trainee locum named duty on-call out-of-hours advocate liaison coordinator
        signs toxic think graded solihull freedom operation encompass three houses
        polish romanian albanian nigerian ghanaian somali pakistani bangladeshi indian sikh hindu muslim
        jewish catholic orthodox african caribbean asian european british english welsh scottish irish roma gypsy
        traveller travellers black white mixed arab kurdish afghan eritrean sudanese syrian iranian iraqi turkish
        chinese vietnamese filipino lithuanian latvian bulgarian slovak czech hungarian ukrainian russian portuguese
        spanish italian brazilian jamaican eastern western northern southern
        gp hv sw dsl csc cp cin lac cla send sen senco ehcp fgc fnp pcso yot marac idva isva lado abe plo icpc rcpc
        a&e ed ae cse cce nai da dv fgm sudi maca pnc pnd cpis cp-is iha rha rhi eha taf tac gcp gcp2 ofsted cqc dfe
        """);

    /// <summary>Heads of agency, hospital, school, place and tool names: a name followed by one of these is the
    /// name of a place or an organisation ("John Radcliffe Hospital", "Lucy Faithfull Foundation").</summary>
    public static readonly FrozenSet<string> InstitutionHeads = Set(
        """
        hospital hospitals school schools academy college university nursery centre center clinic unit ward wing
        practice surgery trust foundation house hospice service services team project programme program charity
        society court road street lane avenue close drive way park gardens square place hall church mosque temple
        gurdwara synagogue chapel station library estate infirmary institute partnership board council primary
        secondary infants junior children's women's medical health healthcare home homes village campus group
        network forum fund approach model tool toolkit profile scale questionnaire assessment framework initiative
        review reviews report law act award lecture prize memorial building wharf centre's
        """);

    /// <summary>Words before "family" that say what kind of family it is, though a surname may be spelt the same
    /// ("Foster family", "Birth family"): without "the" before them they are read as the word.</summary>
    public static readonly FrozenSet<string> FamilyKinds = Set(
        """
        foster fostering host birth adoptive adopted kinship extended wider whole immediate nuclear blended step
        troubled supporting strengthening think respite placement receiving prospective approved connected
        """);

    /// <summary>Surnames that in small letters are words of a British English word list and used as words, so a
    /// first name in small letters before one is no full name ("crystal ball", "roman villa"). Only the full-name rule
    /// in small letters reads this: capitalised, or after a cue, they are still names.</summary>
    public static readonly FrozenSet<string> SurnamesThatAreWords = Set(
        """
        ball bone bullock butt cope cotton coward crouch ding downer farmer gong jacks leach madden petty pinto safari
        salami shire stringer tang villa wan welch woodcock yap yule browning fielding manning pilling stokes martini
        """);

    /// <summary>First names of the gazetteer, not among its everyday words, that in small letters are words of a British
    /// English word list ("jack", "carol", "fares", "crystal", "robin", "max"): only the rule for first names typed in
    /// small letters reads this ("jack of all trades", "christmas eve"); capitalised they are still names.</summary>
    public static readonly FrozenSet<string> FirstNamesThatAreWords = Set(
        """
        aria aster beryl billy bobby carol charity colleen crystal euros eve fares florin gentian harry hector hyacinth
        jack jasper jay jihad jimmy john josh ken lance lei lily margarita maria marina martin martins matt max mike
        nick paddy paisley peter phoebe ploy prudence rares rhea rick robin roger romaine roman savannah sonny tamer
        terry tom tony trinity troy verity victor alexa
        """);

    /// <summary>First names of three letters that in small letters are as often an abbreviation or a word of notes
    /// ("dev" development, "reg" registrar, "jun" June, "thu" Thursday, "aba" applied behaviour analysis, "tai" chi):
    /// only the rule for first names typed in small letters reads this.</summary>
    public static readonly FrozenSet<string> ShortNamesThatAreWords = Set(
        """
        aba abu ada aga ama ana aya cai dev des dua ece efa hai lan len les mal ned nur ola pim reg sid tai thu tri jun
        """);

    /// <summary>Words that follow "Dr" in notes when no doctor is named ("Dr Letter", "Dr Appointment").</summary>
    public static readonly FrozenSet<string> DoctorNotes = Set(
        """
        appointment appointments letter letters visit visits note notes advice surgery surgeries record records
        consultation consultations call calls check checks report reports
        """);

    /// <summary>Words that after "Dr" make a brand, not a doctor: "Dr Martens" (boots), "Dr Pepper" (a drink).</summary>
    public static readonly FrozenSet<string> DoctorBrands = Set("martens marten pepper");

    /// <summary>Surnames that, second in a pair, usually name a place ("Victoria Park", "Rose Ward").</summary>
    public static readonly FrozenSet<string> PlaceWords = Set(
        "park road street lane way avenue close drive gardens square place court house hall green wood heath common "
        + "fields hill cross bridge gate ward station church moor vale valley end town city manor grange mount");

    private static FrozenSet<string> Set(string words) =>
        words.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
