using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Audits;

public sealed class CaseReferenceCreate
{
    [Theory]
    [InlineData("NAI-2026-03-C2")]
    [InlineData("NEGLECT-2025-C15")]
    [InlineData("CSE-24-C7")]
    [InlineData("MACA-DA-C1")]
    [InlineData("C12")]
    public void AcceptsPseudonymousReferences(string text)
    {
        var result = CaseReference.Create(text);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(text, result.Value!.Value);
    }

    [Theory]
    [InlineData("nai-2026-03-c2", "capital letters")]
    [InlineData("NAI 2026 C2", "no spaces")]
    [InlineData("SMITH-2026-C1", "name or word")]
    [InlineData("JAYDEN-C1", "name or word")]
    [InlineData("NAI-12-03-2019", "date")]
    [InlineData("NAI-2019-03-12", "date")]
    [InlineData("NAI-120319", "date")]
    [InlineData("NAI-9434765919", "long number")]
    [InlineData("SW1A-1AA", "personal information")]
    [InlineData("SW1A1AA", "personal information")]
    [InlineData("AB", "3 to 40 characters")]
    [InlineData("NAI--C1", "parts of 2 to 10")]
    [InlineData("N-2026", "parts of 2 to 10")]
    [InlineData("NAI_2026", "parts of 2 to 10")]
    public void RejectsReferencesThatCouldIdentifyOrAreMalformed(string text, string expectedInMessage)
    {
        var result = CaseReference.Create(text);

        Assert.False(result.Succeeded);
        Assert.Equal(DomainErrorKind.Invalid, result.Error!.Kind);
        Assert.Contains(expectedInMessage, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparesByValue()
    {
        Assert.Equal(CaseReference.Create("NAI-2026-03-C2").Value, CaseReference.Create(" NAI-2026-03-C2 ").Value);
    }

    [Theory]
    [InlineData("Under 1", AgeBand.Under1)]
    [InlineData("11-15", AgeBand.ElevenToFifteen)]
    public void ParsesAgeBandsFromTheFixedList(string label, AgeBand expected)
    {
        Assert.Equal(expected, AgeBands.Parse(label).Value);
    }

    [Fact]
    public void RejectsAgeBandsOutsideTheFixedList()
    {
        var result = AgeBands.Parse("3 years");

        Assert.False(result.Succeeded);
        Assert.Contains("Under 1, 1-4, 5-10, 11-15, 16-17", result.Message, StringComparison.Ordinal);
    }
}
