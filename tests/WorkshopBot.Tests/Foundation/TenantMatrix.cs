using System.Data.Common;
using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Issue 9's tenant matrix: one bot serving two organisations (both allowed), a partnership's audit, returns,
/// workshop, idea board and ideas in the first, and every verb the bot routes pressed with those real ids by someone
/// in the second who carries the first chair's very Entra object id (identity is bound to the tenant), by the chair
/// without an Entra object id, and (at the door) from a channel other than Teams. Every press is refused without a
/// server error, nothing is stored, and no answer or message names the audit, its people, agencies, cases or ideas.
/// </summary>
public sealed class TenantMatrix
{
    private const string Neighbour = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    /// <summary>Tables a refused turn may still write: its own processed mark and its own conversation's record.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.OrdinalIgnoreCase)
    {
        "processed_activities", "conversations", "schema_migrations", "outbox_runs",
    };

    [Fact]
    public async Task EveryVerbFromAnotherTenantWithTheChairsObjectIdIsRefusedStoresNothingAndRevealsNothing()
    {
        await using var world = await World.CreateAsync();
        // Teams gives the same person another user id in another organisation; the Entra object id is the chair's.
        var impostor = world.Scenario.Chair with { Id = "29:neighbour-" + world.Scenario.Chair.AadObjectId };
        var own = BotTestHost.PersonalChat(impostor).Id;
        var before = await RowCountsAsync(world.Scenario.Host, own);

        var answers = await PressEveryVerbAsync(world, impostor, a => InTenant(a, Neighbour));
        Assert.Contains(answers, a => a.Verb == "\"new audit\"");

        var after = await RowCountsAsync(world.Scenario.Host, own);
        Assert.True(before == after, $"Stored by refused presses.\nbefore: {before}\nafter:  {after}");
        AssertRevealsNothing(world, answers);
    }

    [Fact]
    public async Task EveryVerbFromTheChairWithoutAnEntraObjectIdIsRefusedStoresNothingAndRevealsNothing()
    {
        await using var world = await World.CreateAsync();
        var chair = world.Scenario.Chair;
        var own = BotTestHost.PersonalChat(chair).Id;
        var before = await RowCountsAsync(world.Scenario.Host, own);

        var answers = await PressEveryVerbAsync(world, chair, a => a with { From = a.From! with { AadObjectId = null } });

        var after = await RowCountsAsync(world.Scenario.Host, own);
        Assert.True(before == after, $"Stored by refused presses.\nbefore: {before}\nafter:  {after}");
        AssertRevealsNothing(world, answers);
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData("emulator")]
    public async Task EveryVerbFromAnotherChannelIsRefusedAtTheDoor(string channelId)
    {
        await using var world = await World.CreateAsync();
        var before = await RowCountsAsync(world.Scenario.Host);

        foreach (var (verb, type) in world.Router.CardActionVerbs)
        {
            var press = world.Scenario.Host.CardAction(world.Scenario.Chair, world.Scenario.Channel, verb, world.DataFor(type))
                with { ChannelId = channelId };
            using var response = await world.Scenario.Host.PostAsync(press);
            // 401 when the signing key is not endorsed for that channel, 403 when the channel is not served.
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
                $"{verb} from {channelId}: {(int)response.StatusCode}");
        }

        Assert.Equal(before, await RowCountsAsync(world.Scenario.Host));
    }

    [Fact]
    public async Task EveryVerbAndCommandFromAnotherTenantWithTheChairsObjectIdRevealsNothingOfAnActionPlan()
    {
        await using var world = await ActionPlanWorld.CreateAsync();
        var impostor = world.Chair with { Id = "29:neighbour-" + world.Chair.AadObjectId };
        var own = BotTestHost.PersonalChat(impostor).Id;
        var before = await RowCountsAsync(world.Host, own);

        var answers = await PressEveryVerbAsync(world, impostor, a => InTenant(a, ActionPlanWorld.Neighbour));

        var after = await RowCountsAsync(world.Host, own);
        Assert.True(before == after, $"Stored by refused presses.\nbefore: {before}\nafter:  {after}");
        AssertRevealsNothing(world, answers);
    }

    [Fact]
    public async Task EveryVerbAndCommandFromTheChairWithoutAnEntraObjectIdRevealsNothingOfAnActionPlan()
    {
        await using var world = await ActionPlanWorld.CreateAsync();
        var own = BotTestHost.PersonalChat(world.Chair).Id;
        var before = await RowCountsAsync(world.Host, own);

        var answers = await PressEveryVerbAsync(world, world.Chair, a => a with { From = a.From! with { AadObjectId = null } });

        var after = await RowCountsAsync(world.Host, own);
        Assert.True(before == after, $"Stored by refused presses.\nbefore: {before}\nafter:  {after}");
        AssertRevealsNothing(world, answers);
    }

    /// <summary>
    /// For every card verb, the answer to another tenant's press naming the first organisation's real objects is the very
    /// same bytes as the answer naming objects that do not exist: a refusal tells nothing, not even that the id is real.
    /// </summary>
    [Fact]
    public async Task EveryRefusalForAnExistingObjectIsByteIdenticalToTheOneForAMissingObject()
    {
        await using var workshop = await World.CreateAsync();
        await AssertSameAnswersAsync(workshop, Neighbour);
        await using var plan = await ActionPlanWorld.CreateAsync();
        await AssertSameAnswersAsync(plan, ActionPlanWorld.Neighbour);
    }

    private static async Task AssertSameAnswersAsync(IMatrixWorld world, string tenant)
    {
        var host = world.Host;
        var impostor = world.Chair with { Id = "29:neighbour-" + world.Chair.AadObjectId };
        var chat = BotTestHost.PersonalChat(impostor);
        var differing = new List<string>();
        foreach (var (verb, type) in world.Router.CardActionVerbs)
        {
            var real = world.DataFor(type);
            var missing = Missing((Dictionary<string, object?>)real);
            var toReal = await host.InvokeAsync(InTenant(host.CardAction(impostor, chat, verb, real), tenant));
            var toMissing = await host.InvokeAsync(InTenant(host.CardAction(impostor, chat, verb, missing), tenant));
            var a = toReal.Body?.GetRawText() ?? "";
            var b = toMissing.Body?.GetRawText() ?? "";
            if (toReal.Status != toMissing.Status || !string.Equals(a, b, StringComparison.Ordinal))
            {
                differing.Add($"{verb}: {(int)toReal.Status} {a}\n  vs {(int)toMissing.Status} {b}");
            }
        }

        Assert.True(differing.Count == 0, string.Join("\n", differing));
    }

    /// <summary>The same card data with every id replaced by one nothing has.</summary>
    private static Dictionary<string, object?> Missing(Dictionary<string, object?> data) =>
        data.ToDictionary(d => d.Key, d => d.Value switch
        {
            Guid => (object?)Guid.Parse("00000000-0000-4000-8000-0000000000aa"),
            string when d.Key.EndsWith("Id", StringComparison.OrdinalIgnoreCase)
                || d.Key.Contains("item", StringComparison.OrdinalIgnoreCase)
                || d.Key.Contains("option", StringComparison.OrdinalIgnoreCase) => "unknown-" + d.Key,
            _ => d.Value,
        }, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void TheMatrixPressesEveryRoutedVerbAndCommandOfEveryFeature()
    {
        var router = BotRoutes.Build();
        var namespaces = router.CardActionVerbs.Values.Concat(router.SubmitVerbs.Values)
            .Select(t => t.Namespace!.Split('.')[1]).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "Audits", "Workshop", "Briefings", "ActionPlans", "Help" },
            namespaces);
        Assert.Contains("actions", router.Commands);
        Assert.Contains("new audit", router.Commands);
        Assert.Contains("briefing", router.Commands);
    }

    private static async Task<List<(string Verb, string Text)>> PressEveryVerbAsync(
        IMatrixWorld world, TestUser who, Func<Activity, Activity> alter)
    {
        var host = world.Host;
        var answers = new List<(string Verb, string Text)>();
        Assert.NotEmpty(world.Router.CardActionVerbs);
        foreach (var (verb, type) in world.Router.CardActionVerbs)
        {
            foreach (var where in new[] { world.Channel, BotTestHost.PersonalChat(who) })
            {
                var result = await host.InvokeAsync(alter(host.CardAction(who, where, verb, world.DataFor(type))));
                Assert.False(FailedTurn.Of((int)result.Status, result.Body?.GetRawText()), $"{verb}: {(int)result.Status}");
                answers.Add((verb, result.Body?.GetRawText() ?? ""));
            }
        }

        foreach (var (verb, type) in world.Router.SubmitVerbs)
        {
            var value = JsonSerializer.SerializeToElement(world.DataFor(type), BotJson.Options);
            var merged = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(value.GetRawText())!;
            merged["verb"] = JsonSerializer.SerializeToElement(verb);
            var chat = BotTestHost.PersonalChat(who);
            using var response = await host.PostAsync(alter(host.Submit(who, chat, merged)));
            Assert.True((int)response.StatusCode < 500, $"{verb}: {(int)response.StatusCode}");
            answers.Add((verb, await response.Content.ReadAsStringAsync()));
        }

        Assert.NotEmpty(world.Router.Commands);
        foreach (var command in world.Router.Commands)
        {
            using var response = await host.PostAsync(alter(host.Message(who, BotTestHost.PersonalChat(who), command)));
            Assert.True((int)response.StatusCode < 500, $"\"{command}\": {(int)response.StatusCode}");
            answers.Add(("\"" + command + "\"", await response.Content.ReadAsStringAsync()));
        }

        await host.DrainOutboxAsync();
        answers.AddRange(host.Sent().Skip(world.SentBefore).Select(s => ("(message to " + s.ConversationId + ")", s.AllText)));
        return answers;
    }

    private static void AssertRevealsNothing(IMatrixWorld world, List<(string Verb, string Text)> answers)
    {
        var leaks = answers
            .SelectMany(a => world.Secrets.Where(secret => a.Text.Contains(secret, StringComparison.OrdinalIgnoreCase))
                .Select(secret => $"{a.Verb} revealed \"{secret}\""))
            .Distinct()
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    /// <summary>The activity as if it came from another organisation: the conversation and Teams' channel data say so.</summary>
    internal static Activity InTenant(Activity activity, string tenantId) => activity with
    {
        Conversation = activity.Conversation! with { TenantId = tenantId },
        ChannelData = BotJson.ToElement(new TeamsChannelData { Tenant = new TenantInfo { Id = tenantId } }),
    };

    /// <summary>Rows per table, bookkeeping left out, and messages queued to the presser's own 1:1 chat (answers to them).</summary>
    internal static async Task<string> RowCountsAsync(BotTestHost host, string? ownChat = null)
    {
        var database = host.Get<StorageDatabase>();
        await using var connection = await database.OpenAsync(default);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new List<string>();
        foreach (var table in tables.Where(t => !Bookkeeping.Contains(t)))
        {
            await using var count = connection.CreateCommand();
            count.CommandText = table == "outbox_messages" && ownChat is not null
                ? $"SELECT COUNT(*) FROM outbox_messages WHERE conversation_id <> '{ownChat.Replace("'", "''", StringComparison.Ordinal)}'"
                : $"SELECT COUNT(*) FROM \"{table}\"";
            counts.Add($"{table}={Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)}");
        }

        Assert.Contains(counts, c => c.StartsWith("documents=", StringComparison.Ordinal));
        return string.Join(", ", counts);
    }

    /// <summary>The first organisation's partnership in the middle of its workshop.</summary>
    internal sealed class World : IMatrixWorld
    {
        private World(WorkshopScenario scenario, Poll board, string ideaText, Guid secondAgencysReturn, int sentBefore)
        {
            Scenario = scenario;
            Board = board;
            SecondAgencysReturn = secondAgencysReturn;
            SentBefore = sentBefore;
            Router = BotRoutes.Build();
            Secrets =
            [
                scenario.Audit.Title, scenario.Chair.Name, WorkshopScenario.Case.Value, ideaText,
                .. WorkshopScenario.MertonAgencies.Select(a => a.Name),
            ];
        }

        public WorkshopScenario Scenario { get; }

        public BotTestHost Host => Scenario.Host;

        public TestUser Chair => Scenario.Chair;

        public TestConversation Channel => Scenario.Channel;

        public Poll Board { get; }

        /// <summary>The second agency's submitted return (its representative is <c>Representative(2)</c>).</summary>
        public Guid SecondAgencysReturn { get; }

        /// <summary>Messages the bot had sent before the presses; anything after is the presses' doing.</summary>
        public int SentBefore { get; }

        public WorkshopBot.Protocol.Routing.ActivityRouter Router { get; }

        public IReadOnlyList<string> Secrets { get; }

        public static async Task<World> CreateAsync()
        {
            var scenario = await WorkshopScenario.CreateAsync(o => o.Settings["WorkshopBot:AllowedTenants:1"] = Neighbour);
            await scenario.StartAsync();
            var rep = WorkshopScenario.Representative(1);
            await scenario.JoinAsync(rep);
            var board = await scenario.CreatePollAsync(new CreatePollData(scenario.WorkshopId, PollTypes.WorkedWell, Anonymous: "false"));
            const string idea = "Police shared the strategy discussion outcome with the GP the same day";
            Assert.Equal(HttpStatusCode.OK, (await scenario.AddIdeaAsync(rep, board, idea)).Status);
            var session = await scenario.SessionAsync();

            // Let the live board's coalesced update for the idea go out first, so what follows is the presses' doing: until
            // the coalescer has nothing waiting or being sent for the channel, and nothing more arrives for 2 s (bounded).
            var coalescer = scenario.Host.Get<WorkshopBot.Workshop.Jobs.LiveCardCoalescer>();
            using var settle = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var sent = -1;
            while (sent != scenario.Host.Sent().Count || coalescer.PendingFor(scenario.Channel.Id) > 0)
            {
                Assert.False(settle.IsCancellationRequested, "The live board's update for the idea did not go out in 2 minutes.");
                sent = scenario.Host.Sent().Count;
                await Task.Delay(TimeSpan.FromSeconds(2));
                await scenario.Host.DrainOutboxAsync();
            }
            var returns = await TestStores.Audits(scenario.Host.Services).ListReturnsAsync(scenario.Audit.Id, default);
            var second = returns.First(r => r.Value.AgencyId == scenario.Audit.Agencies[1].Id).Value.Id;
            return new World(scenario, session.FindPoll(board.Id)!, idea, second, scenario.Host.Sent().Count);
        }

        /// <summary>Card data of the given type filled with the first organisation's real ids.</summary>
        /// <remarks>
        /// Values the chair's own press would carry (a phase, a poll kind, a grade, an owner), so a workshop verb gets past
        /// the check of its ids (<see cref="WorkshopCardIds"/>) to the check of who presses it.
        /// </remarks>
        public object DataFor(Type type)
        {
            var data = IMatrixWorld.Fill(type, ValueFor);
            if (type == typeof(ModerateData))
            {
                data["action"] = ModerateActions.Hide;
            }

            return data;
        }

        private object? ValueFor(string name, Type type)
        {
            var kind = Nullable.GetUnderlyingType(type) ?? type;
            return name switch
            {
                _ when name.Equals("WorkshopId", StringComparison.OrdinalIgnoreCase) => Scenario.WorkshopId,
                _ when name.Equals("PollId", StringComparison.OrdinalIgnoreCase) => Board.Id,
                _ when name.Contains("Item", StringComparison.OrdinalIgnoreCase) ||
                    name.Contains("Option", StringComparison.OrdinalIgnoreCase)
                    => Board.Items.FirstOrDefault()?.Id ?? "x",
                _ when name.Equals("Choice", StringComparison.OrdinalIgnoreCase) => Board.Items.FirstOrDefault()?.Id ?? "x",
                _ when name.Equals("ReturnId", StringComparison.OrdinalIgnoreCase) => SecondAgencysReturn,
                _ when name.Equals("Action", StringComparison.OrdinalIgnoreCase) => PhaseActions.Open,
                _ when name.Equals("PollType", StringComparison.OrdinalIgnoreCase) => PollTypes.WorkedWell,
                _ when name.Equals("Anonymous", StringComparison.OrdinalIgnoreCase) => "false",
                _ when name.Equals("Grade", StringComparison.OrdinalIgnoreCase) => "good",
                _ when name.Equals("Owner", StringComparison.OrdinalIgnoreCase) => "partnership",
                _ when name.Equals("Target", StringComparison.OrdinalIgnoreCase) => "2027-01-15",
                _ when name.Equals("RecommendationId", StringComparison.OrdinalIgnoreCase) => "r1",
                _ when name is "Visibility" or "Timer" or "Dots" or "MaxPerItem" or "Theme" => null,
                _ when kind == typeof(Guid) => Scenario.Audit.Id,
                _ when kind.IsEnum => Enum.GetValues(kind).GetValue(0),
                _ when kind == typeof(int) || kind == typeof(long) => 1,
                _ when kind == typeof(bool) => true,
                _ when kind == typeof(DateOnly) => new DateOnly(2027, 1, 15),
                _ when kind == typeof(DateTimeOffset) => new DateTimeOffset(2027, 1, 15, 9, 0, 0, TimeSpan.Zero),
                _ when name.Contains("Agency", StringComparison.OrdinalIgnoreCase) => Scenario.Audit.Agencies[0].Id,
                _ when name.Contains("Case", StringComparison.OrdinalIgnoreCase) => WorkshopScenario.Case.Value,
                _ when kind == typeof(string) => "Agreed at the workshop and shared with every agency",
                _ => null,
            };
        }

        public ValueTask DisposeAsync() => Scenario.DisposeAsync();
    }
}
