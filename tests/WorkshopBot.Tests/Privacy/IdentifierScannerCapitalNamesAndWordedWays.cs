using System.Text.Json;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Privacy.Sweep;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// The misses left by <see cref="IdentifierScannerCapitalNamesAndWordedStreets"/>, now caught: a first name in capitals
/// after "with" ("seen with JAYDEN") or before a verb of a person not in the list of subject verbs ("JAYDEN cried"),
/// another spelling of a name in capitals alone ("RYLEY attended"), a name of two or three letters in capitals with a
/// strong cue only ("MIA's mum", "mum and KAI", "KAI (aged 3)"), and a house number in words before a way, place, walk or
/// row in small letters with no "lives at" ("visited seven mill way") or before a street followed by a verb ("seven mill
/// lane stopped"); and the acronyms, assessments and ordinary phrases of safeguarding work that look like them.
/// </summary>
public sealed class IdentifierScannerCapitalNamesAndWordedWays
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("the child was seen with JAYDEN at the park", "JAYDEN")]
    [InlineData("at weekends she stays with TIA-MAE and her nan", "TIA-MAE")]
    [InlineData("the HV left the house with KAYDEN asleep upstairs", "KAYDEN")]
    [InlineData("in class JAYDEN cried when asked about home", "JAYDEN")]
    [InlineData("at school AISHA refused to change for PE", "AISHA")]
    [InlineData("in the review KAYDEN went quiet", "KAYDEN")]
    [InlineData("RYLEY attended the appointment with mum", "RYLEY")]
    [InlineData("school staff said RYLEY seemed hungry", "RYLEY")]
    [InlineData("the DSL recorded that JAYDEN was hungry on most days", "JAYDEN")]
    [InlineData("the SW saw mum and KAI at home", "KAI")]
    [InlineData("KAI and dad were not seen together", "KAI")]
    public void FlagsAFirstNameInCapitalsThatReadsAsAPerson(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    // A short name in capitals with the other strong cues, flagged before these rules by the rules for a possessive before
    // a relation and for an age: kept here beside the rows that leave such names alone without a cue.
    [Theory]
    [InlineData("the HV noted that MIA's mum was low", "MIA")]
    [InlineData("KAI (aged 3) was not brought to the appointment", "KAI")]
    [InlineData("concerns were raised about SAM, aged 7, at school", "SAM")]
    public void StillFlagsAShortNameInCapitalsWithAPossessiveOrAnAge(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    // Names in capitals before a subject verb, flagged before these rules too (the verbs are in the list).
    [Theory]
    [InlineData("JAYDEN disclosed that dad hit him", "JAYDEN")]
    [InlineData("KACEY told the teacher about the bruise", "KACEY")]
    [InlineData("LEXI presented with bruising to her arm", "LEXI")]
    public void StillFlagsANameInCapitalsBeforeASubjectVerb(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    // Agency, role and assessment acronyms in capitals in the same places, and short names with no strong cue.
    [Theory]
    [InlineData("the case was discussed with CSC; seen with MASH; agreed with LADO; shared with ICPC and RCPC members")]
    [InlineData("she was placed on CP; stepped down to CIN; seen by the GP; went to A&E; the SW and HV visited; DSL informed")]
    [InlineData("referred to CAMHS; SEND support agreed; an EHCP was issued; CAMHS declined; MASH reviewed the referral")]
    [InlineData("the DASH was completed with mum; a SARA was done; the ELSA worked with him; ERIC advised on continence")]
    [InlineData("SARA was completed by probation; DASH showed high risk; ELSA helped; ERIC sent leaflets")]
    [InlineData("worked with SARA and DASH; met with MARAC; spoke with ELSA; liaised with IDVA and ISVA")]
    [InlineData("ALI was the outcome measure; MIA was recorded; SAM attended as the app; KAI reviewed the referral")]
    [InlineData("saw MIA on the system; seen with SAM; spoke to ALI; the GP and CP were told")]
    [InlineData("CSC disclosed the plan; MASH decided; LADO advised; CAMHS cancelled; EHCP stalled; NHS agreed")]
    [InlineData("NOTE: MUM WAS LOW AND THE HV SAID SO; CHILD WAS SEEN WITH THE GP")]
    [InlineData("she said that MASH was told; the GP said that CAMHS had declined; that ELSA said she was upset")]
    [InlineData("with GRACE and HOPE; with JUNE's data; with AMBER rating; with URGENT action; with NFA")]
    public void IgnoresAcronymsAndShortNamesWithoutAStrongCue(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // The disclosure schemes named after a person, typed in capitals after "with" (a cue for a name since these rules) or
    // a verb of seeing: "Clare's Law" (domestic violence) and "Sarah's Law" (child sex offenders) are everyday words of
    // safeguarding work, not a person in the note.
    [Theory]
    [InlineData("Police helped mum with CLARE'S LAW.")]
    [InlineData("Mum was supported with SARAH'S LAW disclosure.")]
    [InlineData("The IDVA assisted with CLARE'S LAW application.")]
    [InlineData("Police visited CLARE'S LAW team.")]
    [InlineData("Mum asked about JADE'S LAW after the conviction.")]
    [InlineData("Landlord was told of AWAAB'S LAW duties.")]
    public void IgnoresADisclosureSchemeNamedAfterAPerson(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.PersonName);
    }

    // Only the laws known by a first name: any other first name in capitals before "law" is a child's or a parent's name.
    [Theory]
    [InlineData("Helped mum with JAYDEN'S LAW homework.", "JAYDEN")]
    [InlineData("School supported with KAYLA'S LAW project.", "KAYLA")]
    public void FlagsAFirstNameBeforeLawThatNamesNoKnownLaw(string text, string expected)
    {
        Assert.Contains(_scanner.Scan(text), f => f.Kind == IdentifierKind.PersonName && f.Text == expected);
    }

    [Theory]
    [InlineData("the social worker visited seven mill way twice", "seven mill way")]
    [InlineData("police were called to twelve oak row.", "twelve oak row")]
    [InlineData("dad was at eleven church walk with the baby", "eleven church walk")]
    [InlineData("the door at seven mill lane stopped being answered", "seven mill lane")]
    [InlineData("the HV visited nine station place, leeds", "nine station place")]
    public void FlagsAHouseNumberInWordsBeforeAWayPlaceOrWalk(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.StreetAddress, expected);

        Assert.True(finding.Confirmable);
    }

    [Theory]
    [InlineData("we visited the family home; one way to help is a home visit; the mill way of working")]
    [InlineData("seven days later; two weeks on; three times in a row; two days in a row")]
    [InlineData("one easy way; one simple way forward; two safe places; one quiet place; a two way street")]
    [InlineData("a ten minute walk; a two mile walk; one long walk; three hour walk; two step plan")]
    [InlineData("the two agencies' views; four front row seats; one back row; the three point view")]
    [InlineData("a two metre square; four feet square; a three percent rise; a ten fold rise")]
    [InlineData("she visited one friend's place; visited two relatives' homes; visited one drop in place")]
    [InlineData("the first place to start; in second place; in the same place; two way of working")]
    [InlineData("three school walk; two family place; one person place; two mill lane works")]
    public void IgnoresOrdinaryPhrasesWithANumberInWords(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.StreetAddress);
    }

    // A number in words before a plural and its verb, or before a verb when it stands for the things it counts, with no
    // cue: the ordinary sentences of a meeting's note or an action plan's ratings, which the rule without a cue read as a
    // street ("Two visits took place", "of four visits, two took place").
    [Theory]
    [InlineData("Two visits took place.")]
    [InlineData("Three meetings took place in the school holidays.")]
    [InlineData("Six contacts took place with the family; two incidents took place at home.")]
    [InlineData("Reviews of two cases take place.")]
    [InlineData("Two actions rated green, one amber.")]
    [InlineData("Three actions turned green; nine actions marked green; six actions remain green.")]
    [InlineData("Two actions now green.")]
    [InlineData("Two cases show rise.")]
    [InlineData("Two parents view this as neglect.")]
    [InlineData("Two children walk in with mum.")]
    [InlineData("Four visits were planned; two took place.")]
    [InlineData("Two will take place in May.")]
    [InlineData("Of the six actions, two turned green; three rated green.")]
    [InlineData("Two went green.")]
    [InlineData("Nine actions agreed, seven now green.")]
    [InlineData("Two staff view this as neglect.")]
    [InlineData("Two nursery staff view this as a concern.")]
    [InlineData("The other two staff walk with him to class.")]
    [InlineData("All three police view this as domestic abuse.")]
    [InlineData("Two police walk in at the start of each visit.")]
    public void IgnoresAPluralAndItsVerbAfterANumberInWords(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.StreetAddress);
    }

    // Why these rules bring no new run of the identifier sweep (IdentifierSweep.Name): it removes only what cannot be
    // confirmed, and a name or a street address may be, so stored text holding the new shapes is left as it is.
    [Fact]
    public void TheSweepLeavesTheNewShapesInStoredText()
    {
        const string narrative = "She was seen with JAYDEN; RYLEY attended; the SW visited seven mill way twice.";
        var json = JsonSerializer.Serialize(new { narrative });

        var swept = IdentifierRedaction.RedactJson(json, _scanner);

        Assert.Equal(3, _scanner.Scan(narrative).Count(f => f.Confirmable));
        Assert.Equal((null, RemovedIdentifiers.None, false, false), (swept.Json, swept.Removed, swept.Unchecked, swept.Unreadable));
    }
}
