using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// When the chair moves the workshop (see <see cref="WorkshopRescheduled"/>), each agency representative of the audit is
/// told in their 1:1 chat, once per move: the audit's title, the old and the new date, and where their returns stand.
/// The chair who moved it is not told; a redelivered activity tells nobody again; nobody is told while the audit is a
/// draft (no tool has been sent). The scenario's returns are due 20 March 2026 and its workshop is on 24 April 2026.
/// </summary>
public sealed class WorkshopRescheduledRepresentativesTold
{
    private static readonly string[] ChildDetails = [.. Cases, "Under 1", "1-4"];

    private static RescheduleWorkshopData Move(AuditScenario s, string date) => new(s.AuditId, date);

    /// <summary>Everything the bot sent, by conversation, so a test can see only what came after.</summary>
    private static Dictionary<string, int> Counts(AuditScenario s) =>
        s.Host.Sent().GroupBy(x => x.ConversationId).ToDictionary(g => g.Key, g => g.Count());

    private static List<SentActivity> SentSince(AuditScenario s, Dictionary<string, int> before, TestUser person)
    {
        var id = BotTestHost.PersonalChat(person).Id;
        return s.Host.Sent(id).Skip(before.GetValueOrDefault(id)).ToList();
    }

    [Fact]
    public async Task EachRepresentativeGetsOneCardWithTheOldAndNewDatesAndNoChildDetails()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var before = Counts(s);

        var answer = await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-01"));
        await s.Host.DrainOutboxAsync();

        AssertHasText(answer, "The workshop is now on 1 May 2026");
        AssertHasText(answer, "The 5 agency representatives have been told.");
        foreach (var (rep, _, _) in Agencies)
        {
            var card = Assert.Single(SentSince(s, before, rep)).AllText;
            Assert.Contains("Non-accidental injury audit, spring 2026", card, StringComparison.Ordinal);
            Assert.Contains("24 April 2026", card, StringComparison.Ordinal);
            Assert.Contains("1 May 2026", card, StringComparison.Ordinal);
            Assert.Contains("still due 20 March 2026", card, StringComparison.Ordinal);
            Assert.All(ChildDetails, detail => Assert.DoesNotContain(detail, card, StringComparison.Ordinal));
        }

        // Nothing else: not the chair, not the named lead, not the audit's channel.
        var reps = Agencies.Select(a => BotTestHost.PersonalChat(a.Rep).Id).ToHashSet();
        var others = s.Host.Sent().GroupBy(x => x.ConversationId).Where(g => !reps.Contains(g.Key))
            .Where(g => g.Count() != before.GetValueOrDefault(g.Key)).Select(g => g.Key);
        Assert.Empty(others);
        Assert.Empty(SentSince(s, before, Chair));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.Contains("\"told\":5", Assert.Single(events, e => e.Action == "audit.workshop-rescheduled").DetailJson,
            StringComparison.Ordinal);
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

        AssertHasText(await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-01")),
            "The 4 agency representatives have been told.");
        await s.Host.DrainOutboxAsync();

        Assert.Empty(SentSince(s, before, Chair));
        Assert.All(Agencies.Skip(1), a => Assert.Single(SentSince(s, before, a.Rep)));
    }

    [Fact]
    public async Task ARedeliveredMoveTellsNobodyTwice()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var before = Counts(s);
        var move = s.Host.CardAction(Chair, Team, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-01"));

        var answers = await Task.WhenAll(s.Host.InvokeAsync(move), s.Host.InvokeAsync(move));
        await s.Host.DrainOutboxAsync();
        var again = await s.Host.InvokeAsync(move);
        await s.Host.DrainOutboxAsync();

        Assert.All(answers.Append(again), a => AssertHasText(a, "The workshop is now on 1 May 2026"));
        Assert.All(Agencies, a => Assert.Single(SentSince(s, before, a.Rep)));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.Single(events, e => e.Action == "audit.workshop-rescheduled");
    }

    [Fact]
    public async Task EachMoveIsToldEvenBackToAnEarlierDay()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var before = Counts(s);

        foreach (var date in new[] { "2026-05-01", "2026-05-08", "2026-05-01" })
        {
            AssertHasText(await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, date)), "have been told");
        }

        await s.Host.DrainOutboxAsync();

        foreach (var (rep, _, _) in Agencies)
        {
            var cards = SentSince(s, before, rep).Select(x => x.AllText).ToList();
            Assert.Equal(3, cards.Count);
            Assert.True(Moved(cards[0], "24 April 2026", "1 May 2026"), cards[0]);
            Assert.True(Moved(cards[1], "1 May 2026", "8 May 2026"), cards[1]);
            Assert.True(Moved(cards[2], "8 May 2026", "1 May 2026"), cards[2]);
        }
    }

    [Fact]
    public async Task NobodyIsToldBeforeTheAuditIsIssued()
    {
        await using var s = await StartAsync();
        await s.CreateAsync();
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        var before = Counts(s);

        var answer = await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-01"));
        await s.Host.DrainOutboxAsync();

        AssertHasText(answer, "The workshop is now on 1 May 2026");
        Assert.DoesNotContain("have been told", CardOf(answer).GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, Counts(s));
    }

    [Fact]
    public async Task ARepresentativeWhoseReturnsAreInIsToldSoAndNotTheDueDate()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(4, 0); // The schools return on case 1 only.
        await s.FillAndSubmitAsync(1, 0); // The police have two more to do.
        await s.Host.DrainOutboxAsync();
        var before = Counts(s);

        await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-01"));
        await s.Host.DrainOutboxAsync();

        var school = Assert.Single(SentSince(s, before, Agencies[4].Rep)).AllText;
        Assert.Contains("submitted", school, StringComparison.Ordinal);
        Assert.DoesNotContain("20 March 2026", school, StringComparison.Ordinal);
        var police = Assert.Single(SentSince(s, before, Agencies[1].Rep)).AllText;
        Assert.Contains("still due 20 March 2026", police, StringComparison.Ordinal);
        Assert.Contains("2 of 3", police, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnceReturnsAreReleasedTheCardSaysNothingOfDueDates()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, new AuditRefData(s.AuditId)), "Returns released");
        await s.Host.DrainOutboxAsync();
        var before = Counts(s);

        await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-01"));
        await s.Host.DrainOutboxAsync();

        Assert.All(Agencies, a =>
        {
            var card = Assert.Single(SentSince(s, before, a.Rep)).AllText;
            Assert.True(Moved(card, "24 April 2026", "1 May 2026"), card);
            Assert.DoesNotContain("due", card, StringComparison.Ordinal);
        });
    }

    /// <summary>True when the text names <paramref name="from"/> before <paramref name="to"/>.</summary>
    private static bool Moved(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        return at >= 0 && text.IndexOf(to, at + from.Length, StringComparison.Ordinal) > at;
    }
}
