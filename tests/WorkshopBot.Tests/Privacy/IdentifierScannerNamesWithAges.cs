using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>A child's first name with an age after it, as a hurried note writes it ("Tom (4)"), is a name: the age says
/// it is a person even with no relation or title before it. Pseudonyms, months and counts with a number in brackets are
/// not. Also the newborn's "Baby of Kaur" and "Mum = Jane".</summary>
public sealed class IdentifierScannerNamesWithAges
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("Tom (4) was seen at the walk-in centre", "Tom")]
    [InlineData("Tyrese (15) was reported missing twice", "Tyrese")]
    [InlineData("Grace (4) and her brother were not seen alone", "Grace")]
    [InlineData("Kacper (7 months) was underweight", "Kacper")]
    [InlineData("Amelia Rose (4 yrs) was collected late", "Amelia Rose")]
    [InlineData("Kacper, 7 months, was described as unsettled", "Kacper")]
    [InlineData("Tom, 4, was seen at the walk-in centre", "Tom")]
    [InlineData("School noted that Amelia aged 6 was hungry", "Amelia")]
    [InlineData("TYRESE (15) WAS REPORTED MISSING", "TYRESE")]
    [InlineData("Tom S (4) was seen at the walk-in centre", "Tom S")]
    public void FlagsAFirstNameFollowedByAnAge(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);

        Assert.Equal("This looks like a person's name (" + expected + ").", finding.Message);
    }

    [Theory]
    [InlineData("Home visits in June (4) and April (2) were missed")]
    [InlineData("Child A (4) and Sibling 2 (7) were seen together")]
    [InlineData("Agencies (5) returned the tool and Section (3) was blank")]
    [InlineData("Working Together (2023) sets out the duty")]
    [InlineData("St Helen (4) is the ward the baby was on")]
    [InlineData("Child A (4) was seen at the walk-in centre")]
    public void IgnoresPseudonymsMonthsAndCountsBeforeANumberInBrackets(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // A newborn is named in maternity records by the mother's surname; after "of" only a gazetteer name counts. A cue
    // and a name split by "=" in a hurried list are read as after a colon.
    [Theory]
    [InlineData("Baby of Kaur was born at 34 weeks", "Kaur")]
    [InlineData("the discharge summary for baby of nowak was not sent", "nowak")]
    [InlineData("Mum = Jane, not present at the ICPC", "Jane")]
    public void FlagsBabyOfASurnameAndACueSetOffByAnEqualsSign(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    [Theory]
    [InlineData("A baby of South Asian heritage was brought to ED")]
    [InlineData("The baby of Child A was not seen by the HV")]
    [InlineData("A baby of 34 weeks gestation")]
    [InlineData("Baby of the family, she was often left with her older sister")]
    [InlineData("Mum = unknown, father = not recorded")]
    public void IgnoresWhatIsNoSurnameAfterBabyOfOrAnEqualsSign(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // A name that is also a word, with an age set off and a verb of a person after it; a name in small letters that is
    // no word, with an age.
    [Theory]
    [InlineData("Grace, 7, was seen at school", "Grace")]
    [InlineData("Summer aged 3 was not brought to the clinic", "Summer")]
    [InlineData("jayden, 7, was seen at school", "jayden")]
    [InlineData("seen with kacper (4) at the clinic", "kacper")]
    public void FlagsAWordNameWithAnAgeAndAVerbOrASmallLetterName(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    [Theory]
    [InlineData("RAG: Red, 1, Amber, 2, Green, 3")]
    [InlineData("Will, 4, and Hope, 2, were the scores")]
    [InlineData("In May, 4, were late and in Summer, 3, were missed")]
    public void IgnoresAWordNameWithANumberButNoVerbOfAPerson(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.PersonName);
    }
}
