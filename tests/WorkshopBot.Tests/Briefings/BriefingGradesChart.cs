using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The chart in "Grades and findings" is drawn from the grades recorded for the audit, and a published briefing never
/// shows a chart its own text contradicts: a chair's edit of that box that no longer gives the chart's figures is kept, and
/// the chair is told at once, but the version is not approved (nor, approved before this rule, published) until the box is
/// regenerated or gives the figures again. An edit that keeps the figures is approved as any other.
/// </summary>
public sealed class BriefingGradesChart : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";

    // The harness's returns: two single-agency grades of "good" (case 1) and two of "requires improvement" (case 2).
    private const string Figures = "0 outstanding, 2 good, 2 requires improvement, 0 inadequate";
    private const string HandEdited = "Of 4 single-agency returns: 0 outstanding, 3 good, 1 requires improvement, 0 inadequate.";
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AnEditedGradesBoxThatContradictsItsChartIsNotApprovedUntilRegenerated()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        Assert.Contains(Figures, (await _h.RecordAsync()).Latest.Content.Box(BriefingBoxKind.GradesAndFindings).Lead,
            StringComparison.Ordinal);

        var saved = await EditGradesAsync(1, HandEdited);
        var approve = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 2));

        Assert.Contains("Saved as version 2.", saved, StringComparison.Ordinal);
        Assert.Contains($"is drawn from the grades recorded for the audit ({Figures})", saved, StringComparison.Ordinal);
        Assert.Contains("Choose Regenerate on that box", approve, StringComparison.Ordinal);
        Assert.Null((await _h.RecordAsync()).ApprovedVersion);

        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Regenerate,
            new RegenerateData(AuditId, 2, BriefingBoxKind.GradesAndFindings));
        var approved = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 3));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 3, Alpha));
        await _h.DrainAsync();

        Assert.Contains("Version 3 is approved.", approved, StringComparison.Ordinal);
        var post = _h.Connector.Requests.Single(r => r.Method == "POST" && r.Body.Contains("Chart.VerticalBar", StringComparison.Ordinal));
        Assert.Contains(Figures, post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("3 good", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditThatKeepsTheChartsFiguresIsApproved()
    {
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));

        var saved = await EditGradesAsync(1, $"Of four  returns from two agencies: {Figures.ToUpperInvariant()}. Ratification follows.");
        var approve = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 2));

        Assert.DoesNotContain("drawn from the grades", saved, StringComparison.Ordinal);
        Assert.Contains("Version 2 is approved.", approve, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVersionApprovedBeforeTheRuleIsNotPublishedWithAChartItsTextContradicts()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await StoreApprovedAsEditedBeforeAsync(HandEdited);

        var choose = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.ChooseChannels, new ChooseChannelsData(AuditId));
        var publish = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();

        Assert.Contains("Version 1 cannot be published", choose, StringComparison.Ordinal);
        Assert.Contains("Version 1 cannot be published", publish, StringComparison.Ordinal);
        Assert.Empty((await _h.RecordAsync()).Publications);
        Assert.DoesNotContain(_h.Connector.Requests, r => r.Body.Contains("Chart.VerticalBar", StringComparison.Ordinal));
    }

    private Task<string> EditGradesAsync(int version, string lead) =>
        _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.EditSave, new EditSaveData(AuditId, version,
            BriefingBoxKind.GradesAndFindings, lead, null, null));

    /// <summary>The approved version 1 as a release that did not compare the chart with the text stored a chair's edit of it.</summary>
    private async Task StoreApprovedAsEditedBeforeAsync(string lead)
    {
        Assert.True(await _h.Services.GetRequiredService<WorkRunner>().RunAsync(async (services, ct) =>
        {
            var documents = services.GetRequiredService<DocumentChanges>();
            var read = (await documents.GetVersionedAsync(BriefingStore.Briefings, BriefingStore.Key(AuditId), ct))!;
            var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(read.Value, DocumentStoreExtensions.DefaultJsonOptions))!;
            var box = json["versions"]![0]!["content"]!["boxes"]!.AsArray()
                .Single(b => b!["kind"]!.GetValue<string>() == nameof(BriefingBoxKind.GradesAndFindings))!;
            box["lead"] = lead;
            box["editedByChair"] = true;
            var edited = System.Text.Json.JsonSerializer.Deserialize<BriefingRecord>(json.ToJsonString(),
                DocumentStoreExtensions.DefaultJsonOptions)!;
            documents.Replace(BriefingStore.Briefings, read with { Value = edited });
            return true;
        }, CancellationToken.None));
        Assert.Equal(1, (await _h.RecordAsync()).ApprovedVersion);
    }
}
