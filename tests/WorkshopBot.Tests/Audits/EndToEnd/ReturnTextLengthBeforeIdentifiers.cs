using System.Text;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// An answer or a part of the learning over its limit on an audit return is refused for its length before it is checked for
/// personal information (a hand-made press of hundreds of KB took seconds to scan and came back with a warning per finding):
/// the length refusal every free-text input gives, nothing of that text stored, logged or sent, and a small answer that
/// shows the text no longer than its input allows. An immediate-safety yes on the same press is saved and alerts at once,
/// exactly once, as it is when the page is refused for what its text may identify.
/// </summary>
public sealed class ReturnTextLengthBeforeIdentifiers
{
    private const string Identifying = "Mother called from 07700 900123 after the visit.";
    private const string Sent = "Your immediate concern has been sent to the chair and Police Named Lead.";
    private static TestUser Police => Agencies[1].Rep;

    /// <summary>Over 200,000 characters naming a phone number again and again: as large as a press may carry (256 KB).</summary>
    private static readonly string Huge = string.Join(" ", Enumerable.Repeat(Identifying, 200_000 / Identifying.Length));

    [Fact]
    public async Task AYesWithOverLongDetailsIsSavedAndAlertsOnceWhileTheDetailsAreRefusedForTheirLength()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var before = await s.ReturnOfAsync(1);
        var section = before.Sections.Single(x => x.Questions.Any(q => q.IsSafetyQuestion));
        var safety = section.Questions.Single(q => q.IsSafetyQuestion);

        var (card, bytes) = await SaveAsync(s, before, section, ("a:" + safety.Id, "yes"), ("n:" + safety.Id, Huge));

        Assert.Contains($"Your answer to question {before.NumberOf(safety.Id)} is {Huge.Length:N0} characters long; the limit is 4,000. "
            + "Please shorten it by", card, StringComparison.Ordinal);
        Assert.Contains(Sent, card, StringComparison.Ordinal);
        Assert.Contains("is saved now, so no alert waits", card, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", card, StringComparison.OrdinalIgnoreCase);
        AssertSmall(card, bytes);
        var now = await s.ReturnOfAsync(1);
        Assert.Equal(before.Version + 1, now.Version);
        Assert.True(now.HasImmediateConcern);
        Assert.Equal(new QuestionAnswer(AnswerValue.Yes, null), now.AnswerTo(safety.Id));
        Assert.Single(s.SentTo(Chair, "Immediate safety concern"));
        Assert.Single(s.SentTo(Lead, "Immediate safety concern"));
        var alert = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        Assert.DoesNotContain("07700", alert.Details, StringComparison.Ordinal);
        var logged = Assert.Single(await LogAsync(s, before, "return.section-saved"));
        Assert.DoesNotContain("07700", logged, StringComparison.Ordinal);
        var everything = s.Host.Sent(BotTestHost.PersonalChat(Chair).Id).Concat(s.Host.Sent(BotTestHost.PersonalChat(Lead).Id));
        Assert.All(everything, m => Assert.DoesNotContain("07700", m.AllText, StringComparison.Ordinal));

        // Pressed again, the yes is saved already: nothing more is raised.
        await SaveAsync(s, now, section, ("a:" + safety.Id, "yes"), ("n:" + safety.Id, Huge));
        Assert.Single(s.SentTo(Chair, "Immediate safety concern"));
        Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
    }

    [Fact]
    public async Task AnOverLongNarrativeIsRefusedForItsLengthAndTheOtherAnswersStayOnTheCard()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var before = await s.ReturnOfAsync(1);
        var section = before.Sections[0];
        var (first, second) = (section.Questions[0], section.Questions[1]);

        var (card, bytes) = await SaveAsync(s, before, section, ("a:" + first.Id, "partly"), ("n:" + first.Id, Huge),
            ("a:" + second.Id, "yes"), ("n:" + second.Id, "Strategy meeting held within two days."));

        Assert.Contains($"Your answer to question {before.NumberOf(first.Id)} is {Huge.Length:N0} characters long; the limit is "
            + "4,000. Please shorten it by", card, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", card, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Strategy meeting held within two days.", card, StringComparison.Ordinal);
        AssertSmall(card, bytes);
        Assert.Equal(before.Version, (await s.ReturnOfAsync(1)).Version);
        Assert.Empty(await LogAsync(s, before, "return.section-saved"));
    }

    [Fact]
    public async Task AnOverLongPartOfTheLearningIsRefusedForItsLength()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var before = await s.ReturnOfAsync(1);
        var summary = new SaveSummaryData(s.AuditId, before.Id, ReturnSteps.Build(before).Count - 1, before.Version,
            ReturnMoves.Next, Huge, "Chronologies were not shared.", null, null);

        var result = await s.AsRepAsync(Police, ReturnsScreen.SaveSummary, summary);
        await s.Host.DrainOutboxAsync();
        var card = CardOf(result).GetRawText();

        Assert.Contains($"Good practice is {Huge.Length:N0} characters long; the limit is 4,000. Please shorten it by", card,
            StringComparison.Ordinal);
        Assert.Contains("Nothing was saved.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", card, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Chronologies were not shared.", card, StringComparison.Ordinal);
        AssertSmall(card, Encoding.UTF8.GetByteCount(result.Body!.Value.GetRawText()));
        var now = await s.ReturnOfAsync(1);
        Assert.Equal(before.Version, now.Version);
        Assert.Null(now.GoodPractice);
        Assert.Empty(now.HeldLearning);
        Assert.Empty(await LogAsync(s, before, "return.summary-saved"));
    }

    private static void AssertSmall(string card, int bytes)
    {
        Assert.True(bytes <= 28 * 1024, $"An answer of {bytes:N0} bytes.");
        // Shown back no longer than the input allows: never the whole text.
        Assert.DoesNotContain(string.Join(" ", Enumerable.Repeat(Identifying, 4_100 / Identifying.Length)), card,
            StringComparison.Ordinal);
    }

    private static async Task<(string Card, int Bytes)> SaveAsync(AuditScenario s, AuditReturn ret, QuestionSection section,
        params (string Id, string Value)[] inputs)
    {
        var save = new SaveSectionData(s.AuditId, ret.Id, section.Id, -1, 0, ret.Version, ReturnMoves.Stay)
        {
            Inputs = inputs.ToDictionary(i => i.Id, i => JsonSerializer.SerializeToElement(i.Value)),
        };
        var result = await s.AsRepAsync(Police, ReturnsScreen.SaveSection, save);
        await s.Host.DrainOutboxAsync();
        return (CardOf(result).GetRawText(), Encoding.UTF8.GetByteCount(result.Body!.Value.GetRawText()));
    }

    private static async Task<List<string>> LogAsync(AuditScenario s, AuditReturn ret, string action) =>
        (await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, ret.Id.ToString("D")))
        .Where(e => e.Action == action).Select(e => e.DetailJson ?? "").ToList();
}
