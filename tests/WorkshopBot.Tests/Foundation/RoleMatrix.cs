using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// The role matrix inside one organisation (the <see cref="TenantMatrix"/> covers other organisations and a missing
/// Entra object id): every verb the bot routes, pressed with the real ids of an audit, its returns, its workshop and idea
/// board, its approved briefing and its action plan by people of the same tenant who hold no role on them: a
/// practitioner, the lead of another agency, another chair of the partnership, and a participant of the workshop (a
/// representative) pressing the chair's verbs and another agency's return. Each press is answered without a server error,
/// reaches its screen (the filler makes card data each verb can read, so a new verb is pressed as soon as it is routed),
/// changes nothing and names nothing of the objects. The only exceptions are what any member of the workshop's channel
/// may do there: join, add an idea, see their own view of a poll and vote.
/// </summary>
public sealed class RoleMatrix
{
    /// <summary>What a member of the workshop's channel may do there without any role.</summary>
    private static readonly HashSet<string> ChannelMemberVerbs = new(StringComparer.Ordinal)
    {
        "workshop.join", "workshop.idea.add", "workshop.poll.view", "workshop.vote.dot", "workshop.vote.choose",
    };

    [Fact]
    public async Task EveryVerbFromAPractitionerOrAnotherAgencysLeadChangesNothingOfTheActionPlanAndNamesNothing()
    {
        await using var world = await ActionPlanWorld.CreateAsync();

        var problems = new List<string>();
        // The practitioner holds no role; the health visiting lead leads nothing on the police's action A1 and does not
        // represent the police's return.
        foreach (var who in new[] { ActionScenario.Practitioner, ActionScenario.HealthLead })
        {
            problems.AddRange(await PressEveryVerbAsync(world, who, exempt: new HashSet<string>()));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task EveryVerbFromAnotherChairOrAParticipantChangesNothingOfTheWorkshopButWhatTheChannelMayDo()
    {
        await using var world = await TenantMatrix.World.CreateAsync();

        var problems = new List<string>();
        // No chairs are configured in this partnership, so anyone may chair an audit of their own but not this one;
        // the first agency's representative has joined the workshop and presses the chair's verbs and the second
        // agency's return.
        foreach (var who in new[] { BotTestHost.User("Chair Of Another Audit"), WorkshopScenario.Representative(1) })
        {
            problems.AddRange(await PressEveryVerbAsync(world, who, ChannelMemberVerbs));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Every card verb in the world's channel and in the person's 1:1 chat, then every submit verb in the 1:1 chat; what
    /// went wrong, one line each. Verbs in <paramref name="exempt"/> are only held to answering without a server error.
    /// </summary>
    private static async Task<List<string>> PressEveryVerbAsync(IMatrixWorld world, TestUser who, IReadOnlySet<string> exempt)
    {
        var host = world.Host;
        var own = BotTestHost.PersonalChat(who);
        var problems = new List<string>();
        Assert.NotEmpty(world.Router.CardActionVerbs);
        foreach (var (verb, type) in world.Router.CardActionVerbs)
        {
            // The action plan's world has no workshop: its workshop verbs are pressed with ids that are not there.
            var data = JsonSerializer.SerializeToElement(world.DataFor(type), BotJson.Options);
            if (world is TenantMatrix.World
                && JsonSerializer.Deserialize(data, type, BotJson.Options) is IWorkshopCardData { IdsWellFormed: false })
            {
                problems.Add($"{verb}: the matrix's card data has ids the workshop refuses before its screen");
            }

            foreach (var where in new[] { world.Channel, own })
            {
                var before = await FingerprintAsync(host, own.Id);
                var result = await host.InvokeAsync(host.CardAction(who, where, verb, world.DataFor(type)));
                var press = $"{who.Name}: {verb} in {(where.IsGroup ? "the channel" : "their 1:1 chat")}";
                problems.AddRange(Judge(world, press, (int)result.Status, result.Body?.GetRawText() ?? "",
                    exempt.Contains(verb) ? null : before, await FingerprintAsync(host, own.Id)));
            }
        }

        foreach (var (verb, type) in world.Router.SubmitVerbs)
        {
            var value = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
                JsonSerializer.SerializeToElement(world.DataFor(type), BotJson.Options).GetRawText())!;
            value["verb"] = JsonSerializer.SerializeToElement(verb);
            var before = await FingerprintAsync(host, own.Id);
            using var response = await host.PostAsync(host.Submit(who, own, value));
            problems.AddRange(Judge(world, $"{who.Name}: {verb} submitted", (int)response.StatusCode,
                await response.Content.ReadAsStringAsync(), exempt.Contains(verb) ? null : before, await FingerprintAsync(host, own.Id)));
        }

        return problems;
    }

    private static IEnumerable<string> Judge(IMatrixWorld world, string press, int status, string answer, string? before, string after)
    {
        if (FailedTurn.Of(status, answer))
        {
            yield return $"{press} answered {status}, failing on the bot's side";
        }

        if (answer.Contains("could not read this card", StringComparison.Ordinal))
        {
            yield return $"{press} never reached its screen: the matrix's card data does not fit the verb";
        }

        if (before is null)
        {
            yield break;
        }

        if (before != after)
        {
            yield return $"{press} changed the store\n  before {before}\n  after  {after}";
        }

        foreach (var secret in world.Secrets.Where(s => answer.Contains(s, StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"{press} named \"{secret}\"";
        }
    }

    /// <summary>
    /// What a press may change: documents (and their versions), the log, workshop rows, card slots, grades, and messages
    /// queued anywhere but the presser's own 1:1 chat. Bookkeeping (processed marks, conversations) is left out.
    /// </summary>
    internal static async Task<string> FingerprintAsync(BotTestHost host, string ownChat)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = host.Get<StorageDatabase>().SqliteFilePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var query in new[]
        {
            "SELECT COUNT(*), COALESCE(SUM(version), 0), COALESCE(SUM(updated_at), 0) FROM documents",
            "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_events",
            "SELECT COUNT(*) FROM outbox_messages WHERE conversation_id <> $own",
            "SELECT COUNT(*), COALESCE(SUM(joined_at), 0) FROM workshop_participants",
            "SELECT COUNT(*), COALESCE(SUM(updated_at), 0) FROM workshop_polls",
            "SELECT COUNT(*), COALESCE(SUM(dots), 0), COALESCE(SUM(version), 0), COALESCE(SUM(updated_at), 0) FROM workshop_voters",
            "SELECT COUNT(*) FROM card_slots",
            "SELECT COUNT(*) FROM return_grades",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            command.Parameters.AddWithValue("$own", ownChat);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            parts.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount)
                .Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return string.Join("; ", parts);
    }
}
