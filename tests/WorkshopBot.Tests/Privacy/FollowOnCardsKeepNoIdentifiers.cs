using System.Text;
using System.Text.Json;
using Dapper;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Operations;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// A card of the audit tool that cannot be saved (older than the return, or the return submitted since) shows back what was
/// typed on it; when that is too much for one card, the rest follows on cards of its own, queued in the outbox, whose rows
/// hold what they say. Those texts were never checked (a stale card is refused before its text is scanned), so the rows held
/// an NHS number, a postcode or a date of birth typed there until the payload was forgotten. Now the follow-on cards show the
/// text with what may identify someone replaced by a marker, and say so; the answer to the card itself, stored nowhere,
/// still shows it as typed. The outbox rows are read as stored (real SQLite), and so is every other table.
/// </summary>
public sealed class FollowOnCardsKeepNoIdentifiers : IAsyncLifetime
{
    private const string Nhs = "943 476 5919";
    private const string Postcode = "SW1A 2AA";
    private const string Dob = "12/03/2019";
    private const string Phone = "07700 900123";

    private AuditScenario _s = null!;

    public async Task InitializeAsync()
    {
        _s = await StartAsync();
        await _s.SetUpIssuedAsync();
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static TestUser Rep => Agencies[0].Rep;

    private static TestConversation Chat => BotTestHost.PersonalChat(Rep);

    private static string Q(AuditReturn ret, int i) => ret.Sections[0].Questions[i].Id;

    /// <summary>An answer at the length limit with identifiers in it; emoji take twelve bytes each in a card's JSON.</summary>
    private static string Typed(string name) => $"{name}: NHS {Nhs}, lives at {Postcode}, DOB {Dob}, mum on {Phone}. "
        + string.Concat(Enumerable.Repeat("\U0001F642", 1940));

    [Fact]
    public async Task AnOlderSectionCardsFollowOnCardsShowMarkersAndTheOutboxKeepsNoIdentifier()
    {
        var ret = await _s.ReturnOfAsync(0);
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection,
            _s.SaveFirstSection(ret, ReturnMoves.Stay, new Dictionary<string, string> { ["a:" + Q(ret, 0)] = "yes" })));
        var sentBefore = _s.Host.Sent(Chat.Id).Count;

        var questions = ret.Sections[0].Questions.Count;
        var older = Enumerable.Range(0, questions).ToDictionary(i => "n:" + Q(ret, i), i => Typed($"Older answer {i}"));
        var result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Stay, older));

        await AssertFollowOnAsync(result, sentBefore, Enumerable.Range(0, questions).Select(i => $"Older answer {i}:").ToList());
    }

    [Fact]
    public async Task AnOlderSummaryCardsFollowOnCardsShowMarkersAndTheOutboxKeepsNoIdentifier()
    {
        var ret = await _s.ReturnOfAsync(0);
        var step = ReturnSteps.Build(ret).First(s => s.IsSummary).Index;
        var first = new SaveSummaryData(_s.AuditId, ret.Id, step, ret.Version, ReturnMoves.Stay, "Saved first.", null, null, "good");
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, first));
        var sentBefore = _s.Host.Sent(Chat.Id).Count;

        var older = first with
        {
            GoodPractice = Typed("Older good practice"),
            AreasForDevelopment = Typed("Older development"),
            Recommendations = Typed("Older recommendation"),
        };
        var result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, older);

        await AssertFollowOnAsync(result, sentBefore, ["Older good practice:", "Older development:", "Older recommendation:"]);
    }

    /// <summary>
    /// The cards that follow an answer and are never sent (Teams keeps throttling the chat, or nothing drains the outbox) do
    /// not keep what they say for longer than two days: the hourly run gives them up and forgets their payload.
    /// </summary>
    [Fact]
    public async Task FollowOnCardsNeverSentAreGivenUpAndForgottenAfterTwoDays()
    {
        _s.Host.Connector.Inject(Uri.EscapeDataString(Chat.Id) + "/activities",
            new InjectedFailure(429, "TooManyRequests", TimeSpan.FromSeconds(1), Times: 1000));
        var ret = await _s.ReturnOfAsync(0);
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection,
            _s.SaveFirstSection(ret, ReturnMoves.Stay, new Dictionary<string, string> { ["a:" + Q(ret, 0)] = "yes" })));
        var questions = ret.Sections[0].Questions.Count;
        var older = Enumerable.Range(0, questions).ToDictionary(i => "n:" + Q(ret, i), i => Typed($"Unsent answer {i}"));
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Stay, older)));

        var queued = (await OutboxRowsAsync()).Where(r => r.Payload.Contains("Unsent answer", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(queued);
        Assert.All(queued, r => Assert.Equal("Pending", r.Status));
        var pruner = _s.Host.Get<ProcessedActivityPruner>();
        _s.Time.Advance(ProcessedActivityPruner.KeepFor - TimeSpan.FromMinutes(1));
        await pruner.RunOnceAsync(default);
        var kept = (await OutboxRowsAsync()).Where(r => r.Payload.Contains("Unsent answer", StringComparison.Ordinal)).ToList();
        Assert.Equal(queued.Select(r => r.Id), kept.Select(r => r.Id));

        _s.Time.Advance(TimeSpan.FromMinutes(2));
        await pruner.RunOnceAsync(default);

        var after = await OutboxRowsAsync();
        foreach (var row in queued)
        {
            var now = Assert.Single(after, r => r.Id == row.Id);
            Assert.Equal("Failed", now.Status);
            Assert.Equal(IOutboxStore.ForgottenPayload, now.Payload);
        }

        Assert.DoesNotContain("Unsent answer", await RetentionLeavesNoText.StoredTextAsync(_s.Host), StringComparison.Ordinal);
    }

    private async Task AssertFollowOnAsync(InvokeResult result, int sentBefore, IReadOnlyList<string> typed)
    {
        var answer = TextsOf(CardOf(result)).ToList();
        // The answer to the card acted on shows what was typed as typed: it is stored nowhere (RefusedEcho).
        Assert.Contains(answer, t => t.Contains(Nhs, StringComparison.Ordinal));
        await _s.Host.DrainOutboxAsync();

        var rows = await OutboxRowsAsync();
        // The rows hold what the cards that follow say (forgotten two days after they are sent), identifiers aside.
        Assert.Contains(rows, r => typed.Any(t => r.Payload.Contains(t, StringComparison.Ordinal)));
        Assert.All(rows, r => AssertNoIdentifier(r.Payload));
        AssertNoIdentifier(await RetentionLeavesNoText.StoredTextAsync(_s.Host));

        var more = _s.Host.Sent(Chat.Id).Skip(sentBefore).SelectMany(x => x.Cards).ToList();
        Assert.NotEmpty(more);
        var shownLater = more.SelectMany(TextsOf).ToList();
        // Nothing typed is lost but what may identify someone: every answer is on the answer or a card that follows it.
        Assert.All(typed, t => Assert.Contains(answer.Concat(shownLater), s => s.Contains(t, StringComparison.Ordinal)));
        Assert.Contains(shownLater, t => t.Contains("NHS number removed", StringComparison.Ordinal));
        Assert.Contains(shownLater, t => t.Contains("postcode removed", StringComparison.Ordinal));
        Assert.Contains(shownLater, t => t.Contains("date of birth removed", StringComparison.Ordinal));
        Assert.Contains(shownLater, t => t.Contains("phone number removed", StringComparison.Ordinal));
        Assert.Contains(shownLater, t => t.Contains("What may identify someone shows as removed on this card", StringComparison.Ordinal));
        AssertNoIdentifier(string.Join('\n', shownLater));
    }

    /// <summary>No NHS number, postcode, date of birth or phone number typed above, however spaced or escaped.</summary>
    private static void AssertNoIdentifier(string text)
    {
        var squeezed = Squeeze(text);
        foreach (var identifier in new[] { Nhs, Postcode, Dob, Phone })
        {
            Assert.DoesNotContain(Squeeze(identifier), squeezed, StringComparison.Ordinal);
        }
    }

    /// <summary>Every outbox row as stored: its id, status and payload, JSON escapes undone.</summary>
    private async Task<List<(long Id, string Status, string Payload)>> OutboxRowsAsync()
    {
        await using var connection = await _s.Host.Get<StorageDatabase>().OpenAsync(default);
        var rows = await connection.QueryAsync<(long, string, string)>(
            "SELECT id, status, payload_json FROM outbox_messages ORDER BY id");
        return rows.Select(r => (r.Item1, r.Item2, r.Item3 == IOutboxStore.ForgottenPayload
            ? r.Item3 : r.Item3 + "\n" + string.Join('\n', TextsOf(JsonDocument.Parse(r.Item3).RootElement)))).ToList();
    }

    private static IEnumerable<string> TextsOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => TextsOf(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(TextsOf),
        _ => [],
    };

    private static string Squeeze(string text)
    {
        var squeezed = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !char.IsWhiteSpace(c) && c != '\\'))
        {
            squeezed.Append(char.ToLowerInvariant(c));
        }

        return squeezed.ToString();
    }
}
