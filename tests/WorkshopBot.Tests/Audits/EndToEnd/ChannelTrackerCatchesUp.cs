using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The returns tracker posted in the audit's channel is brought up to date by the audit job whatever the audit's stage:
/// an update held back because the post was updated moments before (the tracker is marked stale) follows within a pass,
/// also once the returns are released; and the due date passing turns the grid's outstanding cells to "Late" by itself,
/// once. The scenario's returns are due 20 March 2026 at 17:00 GMT.
/// </summary>
public sealed class ChannelTrackerCatchesUp
{
    private static readonly DateTimeOffset JustAfterTheDueTime = new(2026, 3, 20, 17, 1, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReturnsReleasedMomentsAfterASubmissionShowAsReleasedOnTheChannelsTracker()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(4, 0);

        // In the same instant as the submission's update of the post: the release's own update is held back.
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, new AuditRefData(s.AuditId)), "Returns released for moderation.");
        Assert.True((await s.Store.GetChannelAsync(s.AuditId, default))!.Value.TrackerStale);
        await s.Host.DrainOutboxAsync();
        s.Time.Advance(TimeSpan.FromMinutes(2));
        await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        var last = Updates(s)[^1].AllText;
        Assert.Contains("Returns released for moderation 2 March 2026", last, StringComparison.Ordinal);
        Assert.DoesNotContain(TrackerScreen.Remind, last, StringComparison.Ordinal);
        Assert.DoesNotContain(TrackerScreen.Release, last, StringComparison.Ordinal);
        Assert.False((await s.Store.GetChannelAsync(s.AuditId, default))!.Value.TrackerStale);
    }

    [Fact]
    public async Task LateReturnsSubmittedTogetherAfterTheReleaseAllShowOnTheChannelsTracker()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, new AuditRefData(s.AuditId)), "Returns released for moderation.");
        s.Time.Advance(TimeSpan.FromMinutes(1));

        await s.FillAndSubmitAsync(4, 0);
        await s.FillAndSubmitAsync(3, 0); // Within moments of the first: its update of the post is held back.
        Assert.True((await s.Store.GetChannelAsync(s.AuditId, default))!.Value.TrackerStale);
        await s.Host.DrainOutboxAsync();
        s.Time.Advance(TimeSpan.FromMinutes(2));
        await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        Assert.Equal(2, Cells(Updates(s)[^1], "Done"));
    }

    [Fact]
    public async Task TheDueTimePassingTurnsTheGridToLateWithoutAnyOtherAction()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(4, 0);
        s.Time.Advance(TimeSpan.FromMinutes(1));
        var jobs = s.Host.Get<AuditJobs>();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        var before = Updates(s).Count;

        s.Time.SetUtcNow(JustAfterTheDueTime);
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        var updates = Updates(s);
        Assert.Equal(before + 1, updates.Count);
        Assert.Equal(12, Cells(updates[^1], "Late"));
        Assert.Equal(0, Cells(updates[^1], "To do"));
        Assert.Equal(1, Cells(updates[^1], "Done"));

        // Once: later passes leave the post as it is.
        s.Time.Advance(TimeSpan.FromMinutes(5));
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        Assert.Equal(before + 1, Updates(s).Count);
    }

    [Fact]
    public async Task TheDueTimePassingAfterTheReleaseAlsoTurnsTheGridToLate()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, new AuditRefData(s.AuditId)), "Returns released for moderation.");
        await s.Host.DrainOutboxAsync();

        s.Time.SetUtcNow(JustAfterTheDueTime);
        await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        Assert.Equal(13, Cells(Updates(s)[^1], "Late"));
    }

    /// <summary>The tracker post's updates in the channel, in order.</summary>
    private static List<SentActivity> Updates(AuditScenario s) => s.Host.Sent(Team.Id).Where(x => x.Method == "PUT").ToList();

    /// <summary>How many of the grid's cells read exactly <paramref name="word"/> (the legend under it is one longer text).</summary>
    private static int Cells(SentActivity update, string word)
    {
        var raw = update.AllText;
        var cell = $"\"text\":\"{word}\"";
        var count = 0;
        for (var at = raw.IndexOf(cell, StringComparison.Ordinal); at >= 0; at = raw.IndexOf(cell, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
