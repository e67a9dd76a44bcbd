using System.Globalization;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A recommendation or its measure of success over the limit is refused for its length before it is checked for personal
/// information (a long text took seconds to scan): the length refusal, not the identifier warning; nothing is added or
/// logged. (A rationale: <see cref="WorkshopRatification"/>.)
/// </summary>
public sealed class WorkshopTextLengthBeforeIdentifiers
{
    private const string Identifying = "Call the mother on 07700 900123 each week.";

    [Fact]
    public async Task AnOverLongRecommendationOrMeasureIsRefusedForItsLength()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var target = s.Host.Get<TimeProvider>().GetUtcNow().AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var data = new AddRecommendationData(s.WorkshopId, "Share CP medical outcomes with the GP.", "partnership", target,
            "Audit of ten cases shows sharing within five days.");

        var longText = WorkshopScenario.CardText(await s.ExecuteAsync(s.Chair, RecommendationsScreen.Add,
            data with { Text = OverLong(WorkshopSession.MaxRecommendationLength) }));
        var longMeasure = WorkshopScenario.CardText(await s.ExecuteAsync(s.Chair, RecommendationsScreen.Add,
            data with { Measure = OverLong(WorkshopSession.MaxMeasureLength) }));

        Assert.Contains("The recommendation is ", longText, StringComparison.Ordinal);
        Assert.Contains("the limit is 400. Please shorten it by", longText, StringComparison.Ordinal);
        Assert.Contains("The measure of success is ", longMeasure, StringComparison.Ordinal);
        Assert.Contains("the limit is 300. Please shorten it by", longMeasure, StringComparison.Ordinal);
        Assert.All(new[] { longText, longMeasure }, t => Assert.DoesNotContain("personal information", t, StringComparison.Ordinal));
        Assert.Empty((await s.SessionAsync()).Recommendations);
        Assert.DoesNotContain(await s.LogAsync("workshop", s.WorkshopId.ToString()), e => e.Action == "workshop.recommendation.add");
    }

    /// <summary>
    /// A recommendation, its measure or its owner of 200,000 characters (as large as a press may be): the list shown again with
    /// the refusal holds no more of it than the input allows, and a forged owner none of it, so the answer stays small.
    /// </summary>
    [Fact]
    public async Task AnOverLongRecommendationIsNotEchoedBackWhole()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var target = s.Host.Get<TimeProvider>().GetUtcNow().AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var data = new AddRecommendationData(s.WorkshopId, "Share CP medical outcomes with the GP.", "partnership", target,
            "Audit of ten cases shows sharing within five days.");
        var huge = OverLong(200_000);

        foreach (var pressed in new[] { data with { Text = huge }, data with { Measure = huge }, data with { Owner = huge } })
        {
            var answer = WorkshopScenario.CardText(await s.ExecuteAsync(s.Chair, RecommendationsScreen.Add, pressed));
            Assert.True(answer.Length < 24 * 1024, $"An answer of {answer.Length:N0} characters.");
            Assert.DoesNotContain(OverLong(1_000), answer, StringComparison.Ordinal);
        }

        Assert.Empty((await s.SessionAsync()).Recommendations);
    }

    /// <summary>
    /// A poll's choice over its limit, with a phone number in it: refused for its length in the words every typed input uses,
    /// before any choice is checked for personal information; no poll made.
    /// </summary>
    [Fact]
    public async Task AnOverLongPollChoiceIsRefusedForItsLength()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var polls = (await s.SessionAsync()).Polls.Count;

        var answer = WorkshopScenario.CardText(await s.TryCreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single,
            "Which agency should lead the follow-up?", Choices: "Police\n" + OverLong(Poll.MaxPromptLength))));

        Assert.Contains("A choice is ", answer, StringComparison.Ordinal);
        Assert.Contains($"the limit is {Poll.MaxPromptLength:N0}. Please shorten it by", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", answer, StringComparison.Ordinal);
        Assert.Equal(polls, (await s.SessionAsync()).Polls.Count);
    }

    private static string OverLong(int limit) => string.Join(" ", Enumerable.Repeat(Identifying, (limit / Identifying.Length) + 2));
}
