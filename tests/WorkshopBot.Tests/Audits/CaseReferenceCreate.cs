using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Audits;

public sealed class CaseReferenceCreate
{
    [Theory]
    [InlineData("NAI-2026-03-C2")]
    [InlineData("NEGLECT-2025-C15")]
    [InlineData("CSE-24-C7")]
    [InlineData("MACA-DA-C1")]
    [InlineData("C12")]
    [InlineData("CSA-2026-02-C3")]
    [InlineData("SUDI-2026-C2")]
    [InlineData("AUDIT-2026-C4")]
    public void AcceptsPseudonymousReferences(string text)
    {
        var result = CaseReference.Create(text);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(text, result.Value!.Value);
    }

    [Theory]
    [InlineData("NAI 2026 C2", "no spaces")]
    [InlineData("NAI-2026-03-C2X_", "parts of 2 to 10")]
    [InlineData("nai-2026-03-c2", "capital letters")]
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
    [InlineData("NAI-CASE", "at least one digit")]
    public void RejectsReferencesThatCouldIdentifyOrAreMalformed(string text, string expectedInMessage)
    {
        var result = CaseReference.Create(text);

        Assert.False(result.Succeeded);
        Assert.Equal(DomainErrorKind.Invalid, result.Error!.Kind);
        Assert.Contains(expectedInMessage, result.Message, StringComparison.Ordinal);
        Assert.EndsWith("Use your partnership's reference, such as NAI-2026-03-C2.", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MIA-KHAN")]
    [InlineData("KHAN-C1")]
    [InlineData("AMY-LEE")]
    [InlineData("SMITH-2026-C1")]
    [InlineData("JAYDEN-C1")]
    [InlineData("LI-2025-C3")]
    [InlineData("2026-NG-C1")]
    [InlineData("OBRIEN-C2")]
    [InlineData("O'BRIEN-C2")]
    [InlineData("NAI-AISHA3")]
    [InlineData("NAI-OLUWASEUN-1")] // a word of five letters or more, even outside the gazetteer
    [InlineData("Mia Khan")]
    [InlineData("mia-khan")]
    [InlineData("MIAKHAN1")]
    public void RefusesAnyPartThatIsANameAtAnyLengthAndStatesTheRule(string text)
    {
        var result = CaseReference.Create(text);

        Assert.False(result.Succeeded);
        Assert.Equal(
            "A case reference must not contain a name. A case reference contains at least one digit and no part that "
            + "is a first name or surname, however short. Use your partnership's reference, such as NAI-2026-03-C2.",
            result.Message);
    }

    [Theory]
    [InlineData("Mia Khan")]
    [InlineData("mia khan")]
    [InlineData("MIA KHAN")]
    [InlineData("Smith")]
    [InlineData("jayden")]
    public void NeverSuggestsReshapingAName(string text)
    {
        var message = CaseReference.Create(text).Message!;

        Assert.DoesNotContain("hyphen", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("capital", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("join", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheAuditVocabularyIsNotInTheGazetteer()
    {
        foreach (var code in new[] { "NAI", "CSE", "CCE", "CSA", "DA", "DV", "NEG", "CP", "CIN", "LAC", "EH", "FGM", "SUDI",
                     "HOTH", "MACA", "CASE", "AUDIT", "NEGLECT", "CHILD", "BABY", "THEME", "SA", "PA", "EA", "MH" })
        {
            Assert.False(NameGazetteer.IsName(code), code);
        }
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
