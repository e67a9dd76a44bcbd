using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>Assertions on what the identifier scanner finds in a text.</summary>
internal static class IdentifierFindings
{
    /// <summary>
    /// The scanner finds one identifier in <paramref name="text"/>: of this kind, this text, where it stands; returns it.
    /// </summary>
    public static IdentifierFinding AssertSingle(IdentifierScanner scanner, string text, IdentifierKind kind, string expected)
    {
        var finding = Assert.Single(scanner.Scan(text));

        Assert.Equal(kind, finding.Kind);
        Assert.Equal(expected, finding.Text);
        Assert.Equal(text.IndexOf(expected, StringComparison.Ordinal), finding.Start);
        return finding;
    }
}
