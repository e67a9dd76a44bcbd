using System.Text;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Tests.Cards;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The largest page of a section there can be: an audit title, a question and its guidance each as long as they may be, and
/// an answer at the limit, all in emoji (twelve bytes each in the card's JSON). Its card still fits one Teams card (28 KB).
/// </summary>
public sealed class LongestQuestionPage : IAsyncLifetime
{
    private AuditScenario _s = null!;

    public async Task InitializeAsync()
    {
        _s = await StartAsync();
        await _s.CreateAsync(Emoji("Audit ", Audit.MaxTitleLength));
        var section = (await _s.Store.GetAuditAsync(_s.AuditId, default))!.Value.Questions.Sections[0];
        var edit = new SaveQuestionData(_s.AuditId, section.Id, section.Questions[0].Id, Emoji("Question ", Question.MaxTextLength),
            Emoji("Guidance ", Question.MaxGuidanceLength), null, null);
        Assert.Contains("Question saved.", CardOf(await _s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, edit)).GetRawText());
        await _s.AddCasesAsync();
        await _s.AddAgenciesAsync();
        AssertHasText(await _s.IssueAsync(), "Audit issued");
        await _s.Host.DrainOutboxAsync();
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static TestUser Rep => Agencies[0].Rep;

    private static string Emoji(string lead, int length)
    {
        var text = new StringBuilder(lead);
        while (text.Length + 2 <= length)
        {
            text.Append("\U0001F642");
        }

        return text.ToString();
    }

    private static int Bytes(InvokeResult result) => Encoding.UTF8.GetByteCount(result.Body!.Value.GetRawText());

    private static void AssertFits(InvokeResult result, string what) =>
        Assert.True(Bytes(result) <= CardSizeLimit.MaxBytes, $"{what}: the answer is {Bytes(result):N0} bytes.");

    [Fact]
    public async Task OneAnswerAtTheLimitUnderTheLongestQuestionGuidanceAndTitleFitsOneCard()
    {
        var ret = await _s.ReturnOfAsync(0);
        var q = ret.Sections[0].Questions[0];
        Assert.Equal(Question.MaxTextLength, q.Text.Length + 1);
        var answer = Emoji("Answer ", FreeText.DefaultMaxLength);
        var typed = new Dictionary<string, string> { ["a:" + q.Id] = "partly", ["n:" + q.Id] = answer };

        var saved = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Stay, typed));

        AssertFits(saved, "the page saved");
        Assert.Equal(answer, (await _s.ReturnOfAsync(0)).AnswerTo(q.Id)?.Narrative);
        var opened = await _s.AsRepAsync(Rep, ReturnsScreen.OpenReturn, new ReturnRefData(_s.AuditId, ret.Id, 0, 0));
        AssertFits(opened, "the page opened");
        var card = CardOf(opened);
        Assert.Equal(answer, InputValue(card, "n:" + q.Id));
        Assert.Contains(ret.NumberOf(q.Id), card.GetRawText());
    }

    /// <summary>
    /// The longest question, answered at the limit with a phone number, and the next question answered at the limit too: the
    /// warning for the page is too large for one card, so the answer without findings is saved and only the answer to check is
    /// shown. That answer is shown, not kept back, for the warning quotes its question by number and a shortened text (cut
    /// between emoji, never within one) rather than in full.
    /// </summary>
    [Fact]
    public async Task AnAnswerAtTheLimitUnderTheLongestQuestionIsShownOnItsWarningWithTheQuestionShortened()
    {
        var ret = await _s.ReturnOfAsync(0);
        var (q, other) = (ret.Sections[0].Questions[0], ret.Sections[0].Questions[1]);
        var answer = Emoji("Mother called from 07700 900123. ", FreeText.DefaultMaxLength);
        var clean = Emoji("Answer ", FreeText.DefaultMaxLength);
        var typed = new Dictionary<string, string>
        {
            ["a:" + q.Id] = "partly", ["n:" + q.Id] = answer, ["a:" + other.Id] = "yes", ["n:" + other.Id] = clean,
        };

        var warned = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Stay, typed));

        AssertFits(warned, "the warning");
        var card = CardOf(warned);
        var now = await _s.ReturnOfAsync(0);
        Assert.Equal(clean, now.AnswerTo(other.Id)?.Narrative);
        Assert.Empty(now.Held);
        Assert.Null(now.AnswerTo(q.Id));
        Assert.Contains("07700 900123", card.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(answer, InputValue(card, "n:" + q.Id));
        // The question is named by its number and the start of its text, cut whole emoji by whole emoji.
        var quoted = Assert.Single(Texts(card), t => t.StartsWith(ret.NumberOf(q.Id) + " Question ", StringComparison.Ordinal));
        Assert.EndsWith("…", quoted, StringComparison.Ordinal);
        Assert.True(quoted.Length < q.Text.Length, quoted);
        Assert.DoesNotContain('\uFFFD', quoted);
        Assert.All(Enumerable.Range(0, quoted.Length).Where(i => char.IsHighSurrogate(quoted[i])),
            i => Assert.True(i + 1 < quoted.Length && char.IsLowSurrogate(quoted[i + 1]), $"A half emoji at {i}."));
        Assert.All(Enumerable.Range(0, quoted.Length).Where(i => char.IsLowSurrogate(quoted[i])),
            i => Assert.True(i > 0 && char.IsHighSurrogate(quoted[i - 1]), $"A half emoji at {i}."));

        // Confirming on the warning saves the answer as typed.
        var confirm = Read<SaveSectionData>(AllActions(card).Single(a => a.GetProperty("data").TryGetProperty("confirmNotIdentifying",
            out _)));
        var inputs = new Dictionary<string, JsonElement>
        {
            ["a:" + q.Id] = JsonSerializer.SerializeToElement("partly"), ["n:" + q.Id] = JsonSerializer.SerializeToElement(answer),
        };
        AssertFits(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, confirm with { Inputs = inputs }), "the page confirmed");
        Assert.Equal(answer, (await _s.ReturnOfAsync(0)).AnswerTo(q.Id)?.Narrative);
    }

    /// <summary>The text of every TextBlock on the card.</summary>
    private static IEnumerable<string> Texts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString() == "TextBlock"
                && element.TryGetProperty("text", out var text) && text.GetString() is { } value)
            {
                yield return value;
            }

            foreach (var inner in element.EnumerateObject().SelectMany(p => Texts(p.Value)))
            {
                yield return inner;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var inner in element.EnumerateArray().SelectMany(Texts))
            {
                yield return inner;
            }
        }
    }
}
