using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Briefings;

/// <summary>Versions of a briefing: an edit is kept as a new version unless it would break the word limit.</summary>
public sealed class BriefingRecordAddVersion
{
    private static readonly PersonRef Chair = new("chair-oid", "QA Chair");

    [Fact]
    public void AcceptsAnEditThatShortensABriefingStillOverTheLimit()
    {
        var composed = BriefingFixtures.Composer.Compose(BriefingFixtures.Merton(), BriefingFixtures.PublicationDate);
        var tooLong = composed
            .WithBox(composed.Box(BriefingBoxKind.WhyItMatters) with { Points = [string.Join(' ', Enumerable.Repeat("word", 600))] })
            .WithBox(composed.Box(BriefingBoxKind.Background) with { Points = [string.Join(' ', Enumerable.Repeat("word", 400))] });
        var record = BriefingRecord.Start(tooLong, Chair, BriefingFixtures.Workshop);
        var shorter = tooLong.WithBox(tooLong.Box(BriefingBoxKind.Background) with { Points = ["Background in brief."] });
        Assert.True(shorter.WordCount > Briefing.MaxWords);

        var result = record.AddVersion(shorter, "Edited background", 1, Chair, BriefingFixtures.Workshop);

        Assert.True(result.Succeeded, result.Error?.Message);
        var longer = shorter.WithBox(shorter.Box(BriefingBoxKind.DoNow) with { Lead = "Longer lead than before, by several words." });
        Assert.False(record.AddVersion(longer, "x", 2, Chair, BriefingFixtures.Workshop).Succeeded);
    }
}
