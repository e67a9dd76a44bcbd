using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// When the chair extends the returns' due date (the tracker's "Extend"), each agency representative with a return still
/// to submit is told in their 1:1 chat, once per extension: the audit's title and the old and new due dates. Those whose
/// returns are all in, and the chair who extended it, are not told; a redelivered activity tells nobody again; a draft
/// cannot be extended, so tells nobody. The scenario's returns are due 20 March 2026 and its workshop is on 24 April 2026.
/// </summary>
public sealed class DueDateExtendedRepresentativesTold
{
    private static readonly string[] ChildDetails = [.. Cases, "Under 1", "1-4"];

    private static ExtendDueData Extend(AuditScenario s, string date) => new(s.AuditId, date);

    /// <summary>Everything the bot sent, by conversation, so a test can see only what came after.</summary>
    private static Dictionary<string, int> Counts(AuditScenario s) =>
        s.Host.Sent().GroupBy(x => x.ConversationId).ToDictionary(g => g.Key, g => g.Count());

    private static List<SentActivity> SentSince(AuditScenario s, Dictionary<string, int> before, TestUser person)
    {
        var id = BotTestHost.PersonalChat(person).Id;
        return s.Host.Sent(id).Skip(before.GetValueOrDefault(id)).ToList();
    }

    [Fact]
    public async Task EachRepresentativeWithAReturnToSubmitGetsOneCardWithTheOldAndNewDates()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(4, 0); // The schools return on case 1 only: all theirs is in.
        await s.FillAndSubmitAsync(1, 0); // The police have two more to do.
        await s.Host.DrainOutboxAsync();
        var before = Counts(s);

        var answer = await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, Extend(s, "2026-04-03"));
        await s.Host.DrainOutboxAsync();

        AssertHasText(answer, "Returns are now due 3 April 2026");
        AssertHasText(answer, "The 4 agency representatives have been told.");
        foreach (var (rep, _, _) in Agencies.Take(4))
        {
            var card = Assert.Single(SentSince(s, before, rep)).AllText;
            Assert.Contains("Non-accidental injury audit, spring 2026", card, StringComparison.Ordinal);
            Assert.True(Moved(card, "20 March 2026", "3 April 2026"), card);
            Assert.All(ChildDetails, detail => Assert.DoesNotContain(detail, card, StringComparison.Ordinal));
        }

        Assert.Contains("2 of your 3 returns", Assert.Single(SentSince(s, before, Agencies[1].Rep)).AllText, StringComparison.Ordinal);
        Assert.Empty(SentSince(s, before, Agencies[4].Rep));
        Assert.Empty(SentSince(s, before, Chair));
        Assert.Empty(SentSince(s, before, Lead));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        var logged = Assert.Single(events, e => e.Action == "audit.due-extended").DetailJson ?? "";
        Assert.Contains("\"told\":4", logged, StringComparison.Ordinal);
        Assert.Contains("\"notReached\":0", logged, StringComparison.Ordinal);
        Assert.Empty(await s.Host.FreeTextInAuditLogAsync());
    }

    [Fact]
    public async Task TheChairIsNotToldEvenWhenAlsoARepresentative()
    {
        await using var s = await StartAsync();
        await s.CreateAsync();
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.AuditId, "agency-1", Chair.Id, null, null)), "people and cases saved");
        AssertHasText(await s.IssueAsync(), "Audit issued");
        await s.Host.DrainOutboxAsync();
        var before = Counts(s);

        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, Extend(s, "2026-04-03")),
            "The 4 agency representatives have been told.");
        await s.Host.DrainOutboxAsync();

        Assert.Empty(SentSince(s, before, Chair));
        Assert.All(Agencies.Skip(1), a => Assert.Single(SentSince(s, before, a.Rep)));
    }

    [Fact]
    public async Task ARedeliveredExtensionTellsNobodyTwice()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var before = Counts(s);
        var extend = s.Host.CardAction(Chair, Team, TrackerScreen.ExtendDue, Extend(s, "2026-04-03"));

        var answers = await Task.WhenAll(s.Host.InvokeAsync(extend), s.Host.InvokeAsync(extend));
        await s.Host.DrainOutboxAsync();
        var again = await s.Host.InvokeAsync(extend);
        await s.Host.DrainOutboxAsync();

        Assert.All(answers.Append(again), a => AssertHasText(a, "Returns are now due 3 April 2026"));
        Assert.All(Agencies, a => Assert.Single(SentSince(s, before, a.Rep)));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.Single(events, e => e.Action == "audit.due-extended");
    }

    [Fact]
    public async Task TwoExtensionsSendTwoCards()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var before = Counts(s);

        foreach (var date in new[] { "2026-04-03", "2026-04-10" })
        {
            AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, Extend(s, date)), "have been told");
        }

        await s.Host.DrainOutboxAsync();

        foreach (var (rep, _, _) in Agencies)
        {
            var cards = SentSince(s, before, rep).Select(x => x.AllText).ToList();
            Assert.Equal(2, cards.Count);
            Assert.True(Moved(cards[0], "20 March 2026", "3 April 2026"), cards[0]);
            Assert.True(Moved(cards[1], "3 April 2026", "10 April 2026"), cards[1]);
        }
    }

    [Fact]
    public async Task ADraftAuditTellsNobody()
    {
        await using var s = await StartAsync();
        await s.CreateAsync();
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        var before = Counts(s);

        var answer = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, Extend(s, "2026-04-03"))).GetRawText();
        await s.Host.DrainOutboxAsync();

        Assert.Contains("only while returns are being collected", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("have been told", answer, StringComparison.Ordinal);
        Assert.Equal(before, Counts(s));
    }

    [Fact]
    public async Task AutomaticRemindersFollowTheNewDate()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, Extend(s, "2026-04-03")), "have been told");
        await s.Host.DrainOutboxAsync();
        var jobs = s.Host.Get<WorkshopBot.Audits.Jobs.AuditJobs>();

        // The old date's reminder time (two days before 20 March) passes without a reminder; the new date's brings one.
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 18, 18, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        s.Time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 17, 0, 0, TimeSpan.Zero));
        Assert.True((await jobs.RunOnceAsync(default)).RemindersSent > 0);
        await s.Host.DrainOutboxAsync();

        var reminders = s.SentTo(Agencies[0].Rep, "Reminder:");
        Assert.NotEmpty(reminders);
        Assert.All(reminders, r => Assert.Contains("is due 3 April 2026", r.AllText, StringComparison.Ordinal));
        Assert.All(reminders, r => Assert.DoesNotContain("20 March 2026", r.AllText, StringComparison.Ordinal));
    }

    /// <summary>True when the text names <paramref name="from"/> before <paramref name="to"/>.</summary>
    private static bool Moved(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        return at >= 0 && text.IndexOf(to, at + from.Length, StringComparison.Ordinal) > at;
    }
}
