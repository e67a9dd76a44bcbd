using System.IO.Compression;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// U+FFFE and U+FFFF, which a paste can carry and no Word document can hold: an edit holding one is not kept, and a
/// briefing composed from text stored before that check still publishes with its DOCX instead of failing every time.
/// </summary>
public sealed class BriefingOddCharacters : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData("Chronologies were shared\uFFFF on time.")]
    [InlineData("Chronologies were shared\uFFFE on time.")]
    public async Task AnEditHoldingANonCharacterIsNotKeptAndWhatWasTypedComesBack(string point)
    {
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));

        var saved = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WorkedWell, null, point, null));

        Assert.Contains("hidden control characters", saved, StringComparison.Ordinal);
        Assert.Contains("Chronologies were shared", saved, StringComparison.Ordinal);
        Assert.Single((await _h.RecordAsync()).Versions);
    }

    [Fact]
    public async Task ABriefingComposedFromTextHoldingANonCharacterPublishesWithItsDocx()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        // An idea stored before the check refused the character.
        _h.Workshop.Outcome = new WorkshopOutcome(AuditId,
            [new RankedIdea("Chronologies were shared\uFFFE within a day", IdeaBoardKind.WorkedWell, 6, 1, "Police", null, null)], []);
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        var record = await _h.RecordAsync();
        Assert.Contains('\uFFFE', record.Latest.Content.FullText());
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));

        var published = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        var uploads = await _h.UploadAsync();

        Assert.Contains("queued as a new thread. " + BriefingPublisher.UploadOnItsWay, published, StringComparison.Ordinal);
        Assert.Equal(1, uploads.Uploaded);
        Assert.Single(_h.Files.Uploads);
        using var zip = new ZipArchive(new MemoryStream(BriefingDocx.Render(record.Latest.Content, record.DatesOf(1))));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        Assert.Contains("Chronologies were shared within a day", await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }
}
