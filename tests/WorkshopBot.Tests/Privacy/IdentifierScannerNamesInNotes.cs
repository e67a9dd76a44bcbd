using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// First names the way hurried notes write them, which used to pass unflagged: beside a case code with no mark
/// between ("C1 Ayesha"), set off by a description of the child ("Ayesha, the eldest, told the teacher") and typed in
/// small letters beside a verb or a relation ("jayden said he was hungry"); and the ordinary words that look like them.
/// </summary>
public sealed class IdentifierScannerNamesInNotes
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("C1 Ayesha", "Ayesha")]
    [InlineData("YP2 Jayden went missing from the placement", "Jayden")]
    [InlineData("Notes for C3 Hodan: not brought to the dentist", "Hodan")]
    public void FlagsAFirstNameBesideACaseCodeWithNoMarkBetween(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    [Fact]
    public void FlagsEachNameOfTwoCaseCodes()
    {
        var findings = _scanner.Scan("C1 Jayden and C2 Ayesha were seen together");

        Assert.Equal(["Jayden", "Ayesha"], findings.Select(f => f.Text));
        Assert.All(findings, f => Assert.Equal(IdentifierKind.PersonName, f.Kind));
    }

    // Grades, ratings, agencies and everyday words beside a code are no names.
    [Theory]
    [InlineData("C1 Good, C2 Amber, C3 Requires improvement")]
    [InlineData("C1 Police attended; C2 Mother was seen; Q1 Was the child seen?")]
    [InlineData("C4 Grace period for returns was agreed; C5 Will attend the review")]
    public void IgnoresGradesAndWordsBesideACaseCode(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Theory]
    [InlineData("Ayesha, the eldest, told the teacher", "Ayesha")]
    [InlineData("Ayesha (the middle child) said she was hungry", "Ayesha")]
    [InlineData("Jayden, the youngest, was not seen", "Jayden")]
    [InlineData("Kayden, who is 4, was not seen alone", "Kayden")]
    [InlineData("School said Hodan, her older sister, collected her", "Hodan")]
    [InlineData("Grace, the eldest, told the teacher", "Grace")]
    [InlineData("Will, the father, said he had not seen the bruise", "Will")]
    public void FlagsAFirstNameSetOffByADescriptionOfThePerson(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    // A description of a place, a thing or a time, and an everyday word with no verb of a person after it.
    [Theory]
    [InlineData("Kingston (the hospital) said the bed was not available")]
    [InlineData("Jordan, the country of origin, was not recorded")]
    [InlineData("Leeds, the city, was where the family moved")]
    [InlineData("Hope, the key message of the briefing, was repeated")]
    [InlineData("Grace, the eldest sister of three")]
    [InlineData("Rose Cottage was the address; Grace period for returns; Jack of all trades")]
    [InlineData("Will said he would come; Summer (the holidays) was hard")]
    public void IgnoresADescriptionOfNoPerson(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Theory]
    [InlineData("jayden said he was hungry", "jayden")]
    [InlineData("seen with ayesha and mum at the clinic", "ayesha")]
    [InlineData("the HV saw ayesha at home", "ayesha")]
    [InlineData("mum and kayden came to the clinic", "kayden")]
    [InlineData("nursery rang as ayesha's mum was late", "ayesha")]
    [InlineData("hodan was not brought to the dentist", "hodan")]
    [InlineData("saw ava at home", "ava")]
    [InlineData("mum and zac came to the clinic", "zac")]
    [InlineData("spoke to eli about school", "eli")]
    [InlineData("spoke to kayden about school", "kayden")]
    [InlineData("talked to ayesha at school", "ayesha")]
    [InlineData("zac told his teacher", "zac")]
    [InlineData("eli's mum was late", "eli")]
    [InlineData("met ava at the clinic", "ava")]
    [InlineData("KAYDEN SAID DAD HIT HIM", "KAYDEN")]
    public void FlagsAFirstNameInSmallLettersBesideAVerbOrARelation(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    // A name that is also a word, seen somewhere a child is seen: a person (a judgement, see NameFinder.SeenAtAPlace).
    [Theory]
    [InlineData("saw grace at school", "grace")]
    [InlineData("visited will at home", "will")]
    [InlineData("collected hope from nursery", "hope")]
    [InlineData("saw rose at the clinic", "rose")]
    public void FlagsANameThatIsAlsoAWordSeenWhereAChildIsSeen(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    // Short names that are also abbreviations, names that are words with no place after them, and notes in capitals.
    [Theory]
    [InlineData("spoke to will about the plan; spoke to staff about the referral")]
    [InlineData("saw grace under pressure; saw hope in mum's engagement; saw will power from the family")]
    [InlineData("spoke to dev team about the form; spoke to reg on call; saw jun figures for the audit")]
    [InlineData("with aba therapy twice a week; met with tai chi group leaders")]
    [InlineData("spoke to nan and grandad; mum and dad and the baby; saw c1 and c2 at school")]
    [InlineData("THE HV SAID MUM WAS LOW; JUNE WAS DIFFICULT FOR THE FAMILY; CHILD WAS SEEN BY THE GP")]
    [InlineData("The ELSA said the child was upset; with ELSA support the plan worked; THE ELSA SAID SHE WAS UPSET")]
    [InlineData("known to CSC as Child A; known to us as a child in need")]
    [InlineData("Name - not recorded; Agency name - Barnardo's; Forename - Child A")]
    [InlineData("Referral -> strategy -> ICPC; Mum -> CSC -> Police referral route")]
    [InlineData("the I T team fixed the form; A B C D grades were used; options a / b / c; C S C and police met")]
    public void IgnoresShortAbbreviationsAndWordsBesideAVerb(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // First names that are also words, in small letters: the everyday list and the names of a word list are words.
    [Theory]
    [InlineData("mark the file and will call back")]
    [InlineData("the grace period ended; hope she attends; summer holidays were hard")]
    [InlineData("bill the council; faith groups were involved; rose was the colour")]
    [InlineData("jack of all trades; christmas eve was hard; the bus fares were paid")]
    [InlineData("with max 3 visits a week; told carol singers to leave; saw robin redbreast")]
    public void IgnoresFirstNamesInSmallLettersThatAreWords(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
