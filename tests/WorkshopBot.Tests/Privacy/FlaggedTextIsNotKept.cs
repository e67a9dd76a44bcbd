using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Operations;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// Text the identifier check flags is refused with a warning that gives the author their text back to edit; that answer
/// is not kept for replay (a redelivery runs the check again and gets the same warning), so after the warnings no table
/// of the store holds the NHS number, the postcode or the phone number typed: not the documents, not the stored answers,
/// not the outbox, not the audit log. Every table is read as text, as <see cref="RetentionLeavesNoText"/> does.
/// </summary>
internal static class FlaggedTextIsNotKept
{
    private const string Nhs = "943 476 5919";
    private const string Postcode = "SW1A 2AA";
    private const string Phone = "07700 900123";

    public static async Task RunAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var auditId = s.Audit.Id;
        var recommendation = s.RecommendationNumber(partnership: true, "partnership");
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId,
            recommendation, "Agree a joint protocol for interview notes", "County Police", PoliceLead.Id, "2026-05-30",
            "Notes reach health within two working days", "information-sharing", null))), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        var a1 = Assert.Single(await s.ActionsAsync());

        var warnings = new List<string>
        {
            Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, recommendation,
                $"Visit the family at {Postcode} and check NHS {Nhs}", "County Police", PoliceLead.Id, "2026-05-30",
                $"Ring {Phone} weekly", "information-sharing", null))),
            Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
                new EvidenceData(a1.Id, $"Home visit done at {Postcode}, NHS {Nhs}", null))),
            Text(await s.InChatAsync(Chair, ComposeScreen.EditSave, new EditSaveData(auditId, 1, BriefingBoxKind.WorkedWell,
                "Our lead.", $"A child with NHS {Nhs} lives at {Postcode}", null))),
        };
        var note = s.Host.CardAction(PoliceLead, BotTestHost.PersonalChat(PoliceLead), ProgressScreen.Update,
            new ProgressData(a1.Id, "Amber", $"Spoke to the GP about NHS {Nhs} at {Postcode}", null));
        var first = Text(await s.Host.InvokeAsync(note));
        warnings.Add(first);

        // Each warning gives the author their text back, so each could have been kept with its activity's mark.
        Assert.All(warnings, w => Assert.Contains(Nhs, w, StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.Contains(Postcode, w, StringComparison.Ordinal));
        // A redelivery gets the same warning, and nothing of it is stored either.
        Assert.Equal(first, Text(await s.Host.InvokeAsync(note)));
        await s.Host.DrainOutboxAsync();

        var stored = await RetentionLeavesNoText.StoredTextAsync(s.Host);
        Assert.Contains("Agree a joint protocol for interview notes", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Nhs, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Nhs.Replace(" ", "", StringComparison.Ordinal), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Postcode, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, stored, StringComparison.Ordinal);
        Assert.Single(await s.ActionsAsync());
    }
}

/// <summary>Flagged text is nowhere in the SQLite store after the warnings.</summary>
public sealed class FlaggedTextIsNotKeptOnSqlite
{
    [Fact]
    public Task NoTableHoldsTheRefusedIdentifiers() => FlaggedTextIsNotKept.RunAsync(null);
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FlaggedTextIsNotKeptOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task NoTableHoldsTheRefusedIdentifiers() => await FlaggedTextIsNotKept.RunAsync(await server.CreateDatabaseAsync());
}
