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
    public void FlagsAFirstNameInSmallLettersBesideAVerbOrARelation(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
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
