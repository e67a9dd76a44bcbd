using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

public sealed class IdentifierScannerNames
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("The child's name is Amelia and she", "Amelia")]
    [InlineData("Name: Oliver Smith", "Oliver Smith")]
    [InlineData("her brother, called Jayden, was", "Jayden")]
    [InlineData("Baby Amelia was seen", "Amelia")]
    public void FlagsLabelledNames(string text, string expected)
    {
        var finding = Assert.Single(_scanner.Scan(text));

        Assert.Equal(IdentifierKind.PersonName, finding.Kind);
        Assert.Equal(expected, finding.Text);
        Assert.Equal("This looks like a person's name (" + expected + ").", finding.Message);
    }

    [Theory]
    [InlineData("Baby C was seen by the health visitor")]
    [InlineData("Lack of awareness of the so-called Toxic Trio")]
    [InlineData("Officers called Police control")]
    [InlineData("Agency name: Walsall Healthcare Trust")]
    [InlineData("The name of the policy is unclear")]
    [InlineData("the name: unknown")]
    [InlineData("Arthur and Star were discussed")] // unlabelled capitalised words are not guessed at
    public void IgnoresUnlabelledOrNonPersonNames(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
