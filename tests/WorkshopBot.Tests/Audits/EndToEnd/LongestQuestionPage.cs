using System.Text;
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
}
