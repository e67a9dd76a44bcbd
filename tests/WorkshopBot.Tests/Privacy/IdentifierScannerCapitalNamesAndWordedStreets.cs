using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// Two misses of the identifier check, now caught: a first name typed in capitals with no cue before it ("JAYDEN attended
/// A&amp;E"), and a house number in words before a street typed in small letters ("twelve acacia avenue"); and the
/// acronyms, emphasis and ordinary phrases that look like them and are still left alone.
/// </summary>
public sealed class IdentifierScannerCapitalNamesAndWordedStreets
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("RYLEY-MAE was seen by the health visitor", "RYLEY-MAE")]
    [InlineData("JAYDEN attended A&E with a burn to his hand", "JAYDEN")]
    [InlineData("AMY-LEE told her teacher about the bruise", "AMY-LEE")]
    [InlineData("The HV saw KAYDEN at home on 3 occasions", "KAYDEN")]
    [InlineData("School spoke to TYRESE about the bruise", "TYRESE")]
    [InlineData("The SW visited mum and AISHA in March", "AISHA")]
    [InlineData("TOMASZ and dad were not seen together", "TOMASZ")]
    public void FlagsAFirstNameInCapitalsThatReadsAsAPerson(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    // Acronyms and emphasis before the same verbs: none is a gazetteer first name, or it is one spelt as an acronym of
    // practice (ELSA, ERIC), a word (GRACE, HOPE, WILL, JUNE), three letters long (ALI, MIA, SAM) or after "the".
    [Theory]
    [InlineData("CSC said the referral met threshold; MASH attended; NHS was told; GP has the letter; A&E missed the bruise")]
    [InlineData("CP was considered; CIN was agreed; LADO was told; ICPC was held; EHCP has been issued; CAMHS said no; PLO was started")]
    [InlineData("Mum was NOT seen alone; URGENT was written on the referral; NFA was recorded; OFSTED said little")]
    [InlineData("ELSA said the child was upset; the ELSA told mum; saw ELSA weekly; ERIC was contacted about continence")]
    [InlineData("GRACE was the period given; HOPE was the theme; WILL attend the ICPC; JUNE was difficult; AMBER was the rating")]
    [InlineData("MARAC was held; MAPPA has oversight; IDVA attended; ISVA said she would call; SENCO told the school")]
    [InlineData("the DASH was completed; IRIS said the referral was made; the SARA was updated; STAR attended")]
    [InlineData("ALI was the outcome measure; MIA was recorded; SAM attended as the app")]
    [InlineData("NOTE: MUM WAS LOW AND THE HV SAID SO; CHILD WAS SEEN BY THE GP")]
    public void IgnoresAcronymsAndEmphasisInCapitals(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Theory]
    [InlineData("the family lives at twelve acacia avenue, leeds.", "twelve acacia avenue")]
    [InlineData("mum moved to forty-two beech rd in march", "forty-two beech rd")]
    [InlineData("dad stays at three station road at weekends", "three station road")]
    [InlineData("lives in flat three rowan road with her nan", "three rowan road")]
    [InlineData("visits to twenty two cherry tree gardens were stopped", "twenty two cherry tree gardens")]
    [InlineData("mum moved to four rowan close.", "four rowan close")]
    [InlineData("police attended seven mill drive twice", "seven mill drive")]
    [InlineData("the family were rehoused at twelve rowan court.", "twelve rowan court")]
    [InlineData("mum now lives at seven mill way with her partner", "seven mill way")]
    [InlineData("the family moved to two elm place.", "two elm place")]
    public void FlagsAHouseNumberInWordsBeforeAStreetInSmallLetters(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.StreetAddress, expected);

        Assert.True(finding.Confirmable);
    }

    // A number in words before a street's type that is an ordinary phrase: a kind of road, people, times, a court of law
    // or a sports court, a noun after the type.
    [Theory]
    [InlineData("she stayed at one friend's house for two school days and had three home visits")]
    [InlineData("she has one close friend; one very close friend lives nearby; three siblings close in age")]
    [InlineData("one child close in age to her; the two were close and one drive was enough")]
    [InlineData("they live on one main road, near one side street and a three lane road; a one way street")]
    [InlineData("there were two family court hearings and one at the family court.")]
    [InlineData("there is one tennis court. one food court. one crown court.")]
    [InlineData("it is one long drive, one hour drive and two minutes drive.")]
    [InlineData("two community gardens and three back gardens; one dead end road.")]
    [InlineData("one of the roads; two busy roads; two lane road works; one high street")]
    [InlineData("two people drive to school and one relative drive them home")]
    [InlineData("mum moved to one safe place, then to one temporary place; they moved to one new way of working")]
    [InlineData("she lives at one end of the row and moved to one quiet place with the baby")]
    public void IgnoresOrdinaryPhrasesWithANumberInWords(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.StreetAddress);
    }
}
