using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>A child called by a pet form ("Little Jayden", "young Amelia", "wee Kayden") is named: the word introduces a
/// first name from the gazetteer. The same words before anything else are adjectives or part of an organisation's or a
/// place's name ("Little progress", "Young Carers", "Little Acorns Nursery", "moved to Little Stanley"), as they are
/// before a name that is also an everyday word ("Little Hope").</summary>
public sealed class IdentifierScannerNamesAfterPetForms
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("Little Jayden was not brought to appointments.", "Jayden")]
    [InlineData("Mum said little Jayden was hungry when he arrived", "Jayden")]
    [InlineData("Young Amelia was seen alone by the social worker", "Amelia")]
    [InlineData("The HV weighed wee Kayden at the clinic", "Kayden")]
    [InlineData("Little Kacper Nowak was seen at the walk-in centre", "Kacper Nowak")]
    [InlineData("LITTLE JAYDEN WAS NOT BROUGHT", "JAYDEN")]
    public void FlagsAFirstNameAfterAPetForm(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);

        Assert.Equal("This looks like a person's name (" + expected + ").", finding.Message);
    }

    [Theory]
    [InlineData("Little progress was made on the plan")]
    [InlineData("Young Carers attended the core group")]
    [InlineData("Young people were not asked for their views")]
    [InlineData("Little Acorns Nursery raised the concern")]
    [InlineData("Little Jayden Nursery raised the concern")] // an organisation named after a child
    [InlineData("Little Hope of change was noted by the panel")] // a name that is also an everyday word
    [InlineData("Young Mark was not the issue")]
    [InlineData("The family moved to Little Stanley last year")] // a village
    [InlineData("The little one was unsettled at the visit")]
    public void IgnoresPetFormsBeforeAnythingButAFirstName(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
