using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// A briefing box's text, or a team's reflections, of 200,000 characters (a hand-made press as large as one may be): refused
/// for its length, and the form shown again holds no more of it than its input allows, so the answer stays small.
/// </summary>
public sealed class OverLongBriefingTextIsNotEchoed : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string Phrase = "The mother (phone 07700 900123) was seen. ";
    private static readonly string Huge = string.Concat(Enumerable.Repeat(Phrase, 200_000 / Phrase.Length));
    private static readonly PersonRef Practitioner = new("practitioner-oid", "Team Manager") { TenantId = BriefingFlowHarness.Tenant };
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AnOverLongEditOfABoxIsNotEchoedBackWhole()
    {
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));

        var lead = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WorkedWell, Huge, null, null));
        var points = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WorkedWell, null, Huge, null));
        var questions = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.DoNow, null, "Check the chronology.", Huge));

        Assert.All(new[] { lead, points, questions }, AssertSmall);
        Assert.Single((await _h.RecordAsync()).Versions);
    }

    [Fact]
    public async Task OverLongReflectionsAreNotEchoedBackWhole()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();

        var reflections = await _h.PostAsync(Practitioner, DiscussionScreen.Save,
            new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "9", Huge, null, null), Alpha);
        var actions = await _h.PostAsync(Practitioner, DiscussionScreen.Save,
            new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "9", "We talked it through.", Huge, null), Alpha);

        Assert.All(new[] { reflections, actions }, answer =>
        {
            Assert.Contains("characters long; the limit is", answer, StringComparison.Ordinal);
            AssertSmall(answer);
        });
    }

    private static void AssertSmall(string answer)
    {
        Assert.True(answer.Length < 24 * 1024, $"An answer of {answer.Length:N0} characters.");
        Assert.DoesNotContain(Huge[..4_100], answer, StringComparison.Ordinal);
    }
}
