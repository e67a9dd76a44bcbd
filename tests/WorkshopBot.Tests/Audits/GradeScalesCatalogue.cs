using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.Audits;

public sealed class GradeScalesCatalogue
{
    [Fact]
    public void DefaultsToOfstedFourPointInOrder()
    {
        Assert.Equal("ofsted-4", GradeScales.Default.Key);
        Assert.Equal(["Outstanding", "Good", "Requires improvement", "Inadequate"], GradeScales.Default.Levels.Select(l => l.Label));
    }

    [Theory]
    [InlineData("ofsted-4", 4)]
    [InlineData("RAG", 3)]
    [InlineData("good-ri", 2)]
    [InlineData("one-to-five", 5)]
    public void FindsBuiltInScalesByKey(string key, int levels)
    {
        Assert.Equal(levels, GradeScales.Find(key)?.Levels.Count);
    }

    [Fact]
    public void ReturnsNullForUnknownScaleOrLevel()
    {
        Assert.Null(GradeScales.Find("percent"));
        Assert.False(GradeScales.Rag.Contains("good"));
        Assert.True(GradeScales.Rag.Contains("Amber"));
    }
}
