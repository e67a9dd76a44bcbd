using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// An audit with everything retention and backups care about, made through the existing scenario: five submitted
/// returns with narratives, a workshop with ideas and dots on them, and a composed and approved briefing.
/// </summary>
internal sealed record StoredAudit(Guid AuditId, Guid WorkshopId, string PollId, IReadOnlyDictionary<string, int> Tally)
{
    public const string Idea = "Strategy meetings were prompt and well attended.";

    public static async Task<StoredAudit> CreateAsync(WorkshopScenario s)
    {
        await s.StartAsync();
        var reps = Enumerable.Range(1, 3).Select(WorkshopScenario.Representative).ToList();
        foreach (var rep in reps)
        {
            await s.JoinAsync(rep);
        }

        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "3"));
        await s.AddIdeaAsync(reps[0], poll, Idea, agencyId: "agency-1");
        await s.AddIdeaAsync(reps[1], poll, "Records were shared the same day.", agencyId: "agency-2");
        await s.PhaseAsync(poll, PhaseActions.Open);
        foreach (var rep in reps)
        {
            await s.DotAsync(rep, poll, "i1");
        }

        await s.DotAsync(reps[0], poll, "i2");
        await s.PhaseAsync(poll, PhaseActions.Close);
        var chat = BotTestHost.PersonalChat(s.Chair);
        var composed = await s.Host.ExecuteAsync(s.Chair, chat, ComposeScreen.Open, new OpenBriefingData(s.Audit.Id));
        Assert.Contains("Version 1", WorkshopScenario.CardText(composed), StringComparison.Ordinal);
        var approved = await s.Host.ExecuteAsync(s.Chair, chat, ComposeScreen.Approve, new ApproveData(s.Audit.Id, 1));
        Assert.Contains("approved", WorkshopScenario.CardText(approved), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        var tally = await s.TallyAsync(poll);
        Assert.Equal(3, tally["i1"]);
        return new StoredAudit(s.Audit.Id, s.WorkshopId, poll.Id, tally);
    }

    /// <summary>What of this audit a bot on <paramref name="services"/> holds: returns, votes, ideas and the briefing.</summary>
    public async Task<(int Returns, int Votes, bool Ideas, bool Briefing)> FindAsync(IServiceProvider services)
    {
        var returns = await TestStores.Audits(services).ListReturnsAsync(AuditId, default);
        var votes = await services.GetRequiredService<IWorkshopVoteStore>().ListVotesAsync(PollId, default);
        var workshops = await TestStores.Documents(services).ListAsync(WorkshopBot.Workshop.Storage.WorkshopRepository.Kind,
            AuditId.ToString(), null, default);
        var ideas = workshops.Any(w => w.Polls.Any(p => p.Id == PollId && p.Items.Any(i => i.Text == Idea)));
        var briefing = await TestStores.Documents(services).GetAsync(BriefingStore.Briefings, BriefingStore.Key(AuditId), default);
        return (returns.Count, votes.Sum(v => v.Dots), ideas, briefing is not null);
    }
}
