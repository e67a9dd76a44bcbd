using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The tracker's Remind that reminds nobody (no representative with a return outstanding can be reached, or no return is
/// outstanding) tells the chair plainly that nobody was reminded and why, naming representatives, never a child or a case;
/// and it does not start the 10 minutes before the next Remind: once the representatives can be reached, Remind works at once.
/// </summary>
public sealed class RemindThatReachedNobody
{
    [Fact]
    public async Task ARemindThatReachedNobodySaysSoAndTheNextRemindGoesAtOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var teamsIds = new Dictionary<string, string>((await s.Store.GetChannelAsync(s.AuditId, default))!.Value.TeamsIds);
        await ChangeChannelAsync(s, c => c.TeamsIds.Clear());

        // The tracker's grid below lists the cases; the chair's message names representatives only.
        var card = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId)));
        var nobody = Assert.Single(Texts(card), t => t.Contains("Nobody was reminded", StringComparison.Ordinal));

        Assert.Contains("Nobody was reminded: WorkshopBot could not reach", nobody, StringComparison.Ordinal);
        Assert.All(Agencies, a => Assert.Contains(a.Rep.Name, nobody, StringComparison.Ordinal));
        Assert.Contains("You can press Remind again at any time.", nobody, StringComparison.Ordinal);
        Assert.All(Cases, c => Assert.DoesNotContain(c, nobody, StringComparison.Ordinal));
        Assert.Null((await s.Store.GetChannelAsync(s.AuditId, default))!.Value.ManualRemindedAt);

        // The representatives can be reached again (their Teams ids known): a minute later, Remind reminds them.
        await ChangeChannelAsync(s, c => c.TeamsIds = teamsIds);
        s.Time.Advance(TimeSpan.FromMinutes(1));
        var reminded = await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId));
        await s.Host.DrainOutboxAsync();

        AssertHasText(reminded, "Reminder sent for 13 outstanding returns.");
        Assert.Equal(3, s.SentTo(Agencies[0].Rep, "Reminder:").Count);
        var logged = (await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")))
            .Where(e => e.Action == "audit.reminded").Select(e => e.DetailJson ?? "").ToList();
        Assert.Equal(2, logged.Count);
        Assert.Contains(logged, d => d.Contains("\"sent\":0", StringComparison.Ordinal)
            && d.Contains("\"notReached\":5", StringComparison.Ordinal));
        Assert.Contains(logged, d => d.Contains("\"sent\":13", StringComparison.Ordinal));
        Assert.Empty(await s.Host.FreeTextInAuditLogAsync());
    }

    [Fact]
    public async Task ARemindWithEveryReturnSubmittedSaysNobodyWasRemindedBecauseNothingIsOutstanding()
    {
        await using var s = await StartAsync();
        await s.CreateAsync();
        AssertHasText(await s.ExecuteAsync(Chair, CasesScreen.AddCase, new AddCaseData(s.AuditId, Cases[0], "Under 1")), "added");
        var (rep, type, name) = Agencies[0];
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.AddAgency, new AddAgencyData(s.AuditId, type.ToString(), name)), "added");
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.AuditId, "agency-1", rep.Id, null, null)), "people and cases saved");
        AssertHasText(await s.IssueAsync(), "Audit issued");
        await s.Host.DrainOutboxAsync();
        await s.FillAndSubmitAsync(0, 0);

        var answer = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId))).GetRawText();
        await s.Host.DrainOutboxAsync();

        Assert.Contains("Nobody was reminded: every return has been submitted", answer, StringComparison.Ordinal);
        Assert.Contains("You can press Remind again at any time.", answer, StringComparison.Ordinal);
        Assert.Empty(s.SentTo(rep, "Reminder:"));
        var channel = (await s.Store.GetChannelAsync(s.AuditId, default))!.Value;
        Assert.Equal((0, null), (channel.ManualReminders, channel.ManualRemindedAt));
    }

    private static IEnumerable<string> Texts(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => e.EnumerateObject().SelectMany(p => p.Name == "text"
            && p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? new[] { p.Value.GetString()! } : Texts(p.Value)),
        System.Text.Json.JsonValueKind.Array => e.EnumerateArray().SelectMany(Texts),
        _ => [],
    };

    private static Task ChangeChannelAsync(AuditScenario s, Action<AuditChannel> change) =>
        s.Host.WorkAsync(services => services.GetRequiredService<AuditStore>().ChangeChannelAsync(s.AuditId, change, default));
}
