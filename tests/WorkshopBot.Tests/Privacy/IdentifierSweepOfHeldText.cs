using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy.Sweep;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Storage;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// The sweep reads the text a return keeps for its author only: an answer an identifier warning too large for one card kept
/// back (<see cref="AuditReturn.Held"/>) and learning kept the same way (<see cref="AuditReturn.HeldLearning"/>). Their NHS
/// numbers, postcodes and dates of birth become markers; the answer's value, the saved answers and learning, and the rest of
/// the document stay as they were; the return's audit-log entry names kinds and counts only.
/// </summary>
internal static class IdentifierSweepOfHeldTextScenarios
{
    public const string Saved = "Seen at home by the social worker; the mother is reachable on 07700 900123.";
    public const string HeldAnswer = "NHS 9434765919 on the GP letter, DOB 12/03/2019; her aunt Mary Okafor attended.";
    public const string SweptHeldAnswer =
        "NHS [NHS number removed] on the GP letter, [date of birth removed]; her aunt Mary Okafor attended.";
    public const string Areas = "Information was not shared by 12/03/2026, the day of the strategy meeting.";
    public const string HeldPractice = "The health visitor followed the family to SW1A 2AA within a week.";
    public const string SweptHeldPractice = "The health visitor followed the family to [postcode removed] within a week.";
    public const string HeldRecommendations = "Check the records matching 943:476:5919 with Dr Patel.";
    public const string SweptHeldRecommendations = "Check the records matching [NHS number removed] with Dr Patel.";

    private static readonly (string Text, string Swept)[] Replaced =
        [(HeldAnswer, SweptHeldAnswer), (HeldPractice, SweptHeldPractice), (HeldRecommendations, SweptHeldRecommendations)];

    /// <summary>A draft return with one answer saved and one kept, areas for development saved and two parts of learning kept.</summary>
    public static async Task<AuditReturn> SeedAsync(ActionScenario s)
    {
        var ret = AuditReturn.Create(Guid.NewGuid(), s.Audit, BriefingFlowHarness.Case1, "agency-1").ValueOrThrow();
        var section = ret.Sections[0];
        var by = new PersonRef("police-rep", "Police Auditor") { TenantId = WorkshopBot.Tests.Support.BotTestHost.TenantId };
        ret.SaveSection(section.Id, [new AnswerInput(section.Questions[0].Id, AnswerValue.Yes, Saved)], ret.Version, by, Start,
            hold: [new AnswerInput(section.Questions[1].Id, AnswerValue.Partly, HeldAnswer)]).ValueOrThrow();
        ret.SaveSummary(new ReturnSummaryInput(null, Areas, null, null, [ReturnSummaryFields.AreasForDevelopment]), ret.Version, by,
            Start, new Dictionary<string, string>
            {
                [ReturnSummaryFields.GoodPractice] = HeldPractice,
                [ReturnSummaryFields.Recommendations] = HeldRecommendations,
            }).ValueOrThrow();
        await s.Host.WorkAsync(async services =>
            Assert.True(await services.GetRequiredService<AuditStore>().InsertReturnAsync(ret, CancellationToken.None)));
        return ret;
    }

    public static async Task<string> StoredJsonAsync(ActionScenario s, Guid returnId) =>
        (await s.Host.Get<IDocumentStore>().GetAsync(AuditStore.Returns, AuditStore.Key(returnId), CancellationToken.None))!.Json;

    public static async Task RemovesIdentifiersFromHeldTextAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var seeded = await SeedAsync(s);
        var before = await StoredJsonAsync(s, seeded.Id);
        await IdentifierSweepScenarios.ForgetTheRunAsync(s);
        var logs = new LogCapture();

        var result = await IdentifierSweepScenarios.Sweep(s, logs).RunOnceAsync(CancellationToken.None);

        Assert.Equal((1, new RemovedIdentifiers(2, 1, 1), 0), (result!.Changed, result.Removed, result.NotChecked));
        var ret = await s.Host.WorkAsync(async services =>
            (await services.GetRequiredService<AuditStore>().GetReturnAsync(seeded.Id, CancellationToken.None))!.Value);
        var section = ret.Sections[0];
        Assert.Equal(new QuestionAnswer(AnswerValue.Partly, SweptHeldAnswer), ret.HeldFor(section.Questions[1].Id));
        Assert.Equal(new QuestionAnswer(AnswerValue.Yes, Saved), ret.AnswerTo(section.Questions[0].Id));
        Assert.Equal(
            new Dictionary<string, string>
            {
                [ReturnSummaryFields.GoodPractice] = SweptHeldPractice,
                [ReturnSummaryFields.Recommendations] = SweptHeldRecommendations,
            },
            ret.HeldLearning);
        Assert.Equal((Areas, ReturnStatus.Draft, seeded.Version), (ret.AreasForDevelopment, ret.Status, ret.Version));
        // Nothing else in the document changed: the old JSON, written as the sweep writes it (its escapes), with the three
        // texts replaced is the new one.
        var rewritten = JsonNode.Parse(before)!.ToJsonString(DocumentStoreExtensions.DefaultJsonOptions);
        Assert.Equal(Replaced.Aggregate(rewritten, (json, r) => json.Replace(r.Text, r.Swept, StringComparison.Ordinal)),
            await StoredJsonAsync(s, seeded.Id));
        var entry = Assert.Single(await IdentifierSweepScenarios.SweepEntriesAsync(s));
        Assert.Equal((AuditStore.Returns, AuditStore.Key(seeded.Id), "{\"nhsNumbers\":2,\"postcodes\":1,\"datesOfBirth\":1}"),
            (entry.SubjectType, entry.SubjectId, entry.DetailJson));
        foreach (var text in new[] { "9434765919", "12/03/2019", "SW1A 2AA", "943:476:5919", "Okafor", "Patel", "07700" })
        {
            Assert.DoesNotContain(text, entry.DetailJson, StringComparison.Ordinal);
            Assert.DoesNotContain(text, string.Join('\n', logs.Entries.Select(e => e.Message)), StringComparison.Ordinal);
        }
    }
}

public sealed class IdentifierSweepOfHeldTextOnSqlite
{
    [Fact]
    public Task RemovesIdentifiersFromHeldText() => IdentifierSweepOfHeldTextScenarios.RemovesIdentifiersFromHeldTextAsync(null);
}

[Collection(PostgresCollection.Name)]
public sealed class IdentifierSweepOfHeldTextOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task RemovesIdentifiersFromHeldText() =>
        await IdentifierSweepOfHeldTextScenarios.RemovesIdentifiersFromHeldTextAsync(await server.CreateDatabaseAsync());
}
