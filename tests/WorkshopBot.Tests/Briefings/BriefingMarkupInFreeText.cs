using System.Text.Json;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// Text people typed reaches a team channel's briefing post and the Markdown download as words, not markup: a link, an
/// image or an HTML tag written into a finding is shown as typed and never becomes a live link on someone else's screen.
/// </summary>
public sealed class BriefingMarkupInFreeText : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string Link = "[the new guidance](https://evil.example/login)";
    private const string Picture = "![logo](https://evil.example/pixel.png)";
    private const string Tag = "<img src=https://evil.example/x.png>";
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ALinkTypedIntoAFindingIsPostedAndExportedAsText()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        var points = $"Read {Link} before the strategy discussion.\nChronologies were shared {Picture} on time.\nThe GP {Tag} attended.";
        var saved = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WorkedWell, null, points, null));
        Assert.Contains("Saved as version 2.", saved, StringComparison.Ordinal);
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 2));

        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 2, Alpha));
        await _h.DrainAsync();

        // The post, and its update once the Word file is in the channel's Files (with the link to it).
        var sent = _h.Connector.Requests.Where(r => r.Body.Contains("before the strategy discussion", StringComparison.Ordinal)).ToList();
        Assert.Equal(["POST", "PUT"], sent.Select(r => r.Method));
        var markdown = BriefingMarkdown.Render((await _h.RecordAsync()).Latest.Content, BriefingDates.PublishedOn(new(2026, 4, 14)));
        foreach (var text in sent.Select(r => string.Join("\n", Strings(JsonDocument.Parse(r.Body).RootElement))).Append(markdown))
        {
            Assert.Contains(@"\[the new guidance\](https://evil.example/login)", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"(?<!\\)\]\(", text);
            Assert.DoesNotMatch(@"(?<!\\)<img", text);
        }
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    [Theory]
    [InlineData("[here](https://x.example)", "\\[here\\](https://x.example)")]
    [InlineData("# Heading\n| a | b |", "\\# Heading\n\\| a \\| b \\|")]
    [InlineData("<at>Everyone</at>", "\\<at\\>Everyone\\</at\\>")]
    [InlineData("Child A's school, item #3", "Child A's school, item #3")]
    public void MarkupIsEscapedAndPlainWordsAreNot(string text, string expected) => Assert.Equal(expected, MarkdownText.Escape(text));

    [Fact]
    public void TextWithoutMarkupIsReturnedAsItIs()
    {
        const string plain = "Quicker sharing of police interview notes with health.";
        Assert.Same(plain, MarkdownText.Escape(plain));
        Assert.Equal(string.Empty, MarkdownText.Escape(null));
    }
}
