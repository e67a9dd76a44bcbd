using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// No child's name, date of birth or NHS number leaves the bot in an exported briefing, over real HTTP: an edit holding
/// them is not kept, only the approved version is exported, and a signed link serves nothing else.
/// </summary>
public sealed class BriefingExportPrivacy
{
    private const string BaseUrl = "https://bot.example.org/";
    private const string Identifiers = "Jayden Smith, DOB 03/04/2015, NHS 943 476 5919";

    /// <summary>Words of a workshop idea that the store's copy of an approved briefing has replaced by <see cref="Identifiers"/>.</summary>
    private const string StoredPoint = "The health visitor for the youngest";

    [Fact]
    public async Task AnEditHoldingIdentifiersIsNotKeptAndNothingExportedCarriesThem()
    {
        await using var host = await StartAsync(new StubWorkshopResults());
        var (chair, chat, audit) = await SeedAsync(host);
        await host.ExecuteAsync(chair, chat, ComposeScreen.Open, new OpenBriefingData(audit));

        var saved = await host.ExecuteAsync(chair, chat, ComposeScreen.EditSave,
            new EditSaveData(audit, 1, BriefingBoxKind.WorkedWell, null, Identifiers + " was seen late.", null));
        var export = await host.ExecuteAsync(chair, chat, ExportScreen.Export, new ExportData(audit));

        Assert.Contains("Not saved. Found", saved.Card!.Value.GetRawText(), StringComparison.Ordinal);
        var record = await RecordAsync(host, audit);
        Assert.Single(record.Versions);
        // Nothing is approved, so nothing is exported: no link at all.
        var exportText = export.Card!.Value.GetRawText();
        Assert.Contains("Only the approved version of the briefing can be exported", exportText, StringComparison.Ordinal);
        Assert.DoesNotContain("api/briefings/", exportText, StringComparison.Ordinal);
        // Nor does a genuine link to the latest version serve it.
        foreach (var format in new[] { BriefingDownloadLinks.Docx, BriefingDownloadLinks.Markdown })
        {
            var response = await GetAsync(host, await LinkAsync(host, audit, record.Latest.Number, format, chair));
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.DoesNotContain("5919", await TextOfAsync(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ABriefingComposedWithIdentifiersIsNeitherApprovedNorExportedNorServed()
    {
        // A workshop idea whose author confirmed the identifier warning: composing carries it into the briefing.
        var workshop = new StubWorkshopResults();
        await using var host = await StartAsync(workshop);
        var (chair, chat, audit) = await SeedAsync(host);
        workshop.Outcome = new WorkshopOutcome(audit,
            [new RankedIdea(Identifiers + " was seen the same day", IdeaBoardKind.WorkedWell, 6, 1, "Police", null, null)], []);
        await host.ExecuteAsync(chair, chat, ComposeScreen.Open, new OpenBriefingData(audit));
        Assert.Contains("5919", (await RecordAsync(host, audit)).Latest.Content.FullText(), StringComparison.Ordinal);

        var approve = await host.ExecuteAsync(chair, chat, ComposeScreen.Approve, new ApproveData(audit, 1));
        var export = await host.ExecuteAsync(chair, chat, ExportScreen.Export, new ExportData(audit));
        var download = await GetAsync(host, await LinkAsync(host, audit, 1, BriefingDownloadLinks.Markdown, chair));

        Assert.Contains("cannot be approved yet", approve.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("api/briefings/", export.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
        Assert.Equal(ExportScreen.NotExportableText, await download.Content.ReadAsStringAsync());
        var log = await host.Get<IAuditLog>().ListAsync("briefing", audit.ToString("D"));
        Assert.Contains(log, e => e.Action == "briefing.export.refused");
        Assert.DoesNotContain(log, e => e.Action == "briefing.exported");
    }

    /// <summary>
    /// A version approved before the check was tightened (here: its text changed in the store, as an older instance could
    /// have kept it) is read again when a link is used, a link made while it passed included: neither file is served, the
    /// answer quotes none of it, and the audit log counts what was found without its text.
    /// </summary>
    [Fact]
    public async Task AnApprovedVersionHoldingAnIdentifierNowIsNotServedAndTheLogCountsIt()
    {
        var workshop = new StubWorkshopResults();
        await using var host = await StartAsync(workshop);
        var (chair, chat, audit) = await SeedAsync(host);
        workshop.Outcome = new WorkshopOutcome(audit,
            [new RankedIdea(StoredPoint + " was seen the same day", IdeaBoardKind.WorkedWell, 6, 1, "Police", null, null)], []);
        await host.ExecuteAsync(chair, chat, ComposeScreen.Open, new OpenBriefingData(audit));
        await host.ExecuteAsync(chair, chat, ComposeScreen.Approve, new ApproveData(audit, 1));
        var export = await host.ExecuteAsync(chair, chat, ExportScreen.Export, new ExportData(audit));
        // The Word and the Markdown links, made while the version passed the check.
        var actions = export.Card!.Value.GetProperty("actions");
        var urls = Enumerable.Range(0, 2).Select(i => actions[i].GetProperty("url").GetString()!).ToList();
        // A new version number, as any write gives it, so the store reads the row again rather than the copy it holds.
        await RawAsync(host, $"UPDATE documents SET json = replace(json, '{StoredPoint}', '{Identifiers}'), version = version + 1 "
            + "WHERE collection = 'briefings'");
        Assert.Contains("5919", (await RecordAsync(host, audit)).Approved!.Content.FullText(), StringComparison.Ordinal);

        foreach (var url in urls)
        {
            var response = await GetAsync(host, url);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var text = await TextOfAsync(response);
            Assert.Equal(ExportScreen.NotExportableText, text);
        }

        var log = await host.Get<IAuditLog>().ListAsync("briefing", audit.ToString("D"));
        Assert.DoesNotContain(log, e => e.Action == "briefing.exported");
        var refused = log.Where(e => e.Action == "briefing.export.refused").ToList();
        Assert.Equal(["docx", "md"], refused
            .Select(e => JsonDocument.Parse(e.DetailJson!).RootElement.GetProperty("format").GetString()).Order(StringComparer.Ordinal));
        Assert.All(refused, e =>
        {
            var detail = JsonDocument.Parse(e.DetailJson!).RootElement;
            // The NHS number and the date of birth at least (the name too, as the scanner finds names).
            Assert.True(detail.GetProperty("identifiers").GetInt32() >= 2, e.DetailJson);
            Assert.Equal((0, 0, true), (detail.GetProperty("notChecked").GetInt32(), detail.GetProperty("caseReferences").GetInt32(),
                detail.GetProperty("approved").GetBoolean()));
            Assert.DoesNotContain("5919", e.DetailJson!, StringComparison.Ordinal);
            Assert.DoesNotContain("Jayden", e.DetailJson!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task ExportServesTheApprovedVersionAndNotALaterDraft()
    {
        await using var host = await StartAsync(new StubWorkshopResults());
        var (chair, chat, audit) = await SeedAsync(host);
        await host.ExecuteAsync(chair, chat, ComposeScreen.Open, new OpenBriefingData(audit));
        await host.ExecuteAsync(chair, chat, ComposeScreen.Approve, new ApproveData(audit, 1));
        var saved = await host.ExecuteAsync(chair, chat, ComposeScreen.EditSave,
            new EditSaveData(audit, 1, BriefingBoxKind.WorkedWell, null, "A draft point not yet approved.", null));

        var export = await host.ExecuteAsync(chair, chat, ExportScreen.Export, new ExportData(audit));

        Assert.Contains("Saved as version 2.", saved.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Export version 1", export.Card!.Value.GetRawText(), StringComparison.Ordinal);
        var markdown = await GetAsync(host, export.Card!.Value.GetProperty("actions")[1].GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.OK, markdown.StatusCode);
        Assert.DoesNotContain("A draft point not yet approved.", await markdown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var draft = await GetAsync(host, await LinkAsync(host, audit, 2, BriefingDownloadLinks.Docx, chair));
        Assert.Equal(HttpStatusCode.Conflict, draft.StatusCode);
    }

    private static Task<BotTestHost> StartAsync(StubWorkshopResults workshop) =>
        BotTestHost.StartAsync(o =>
        {
            o.Services = s => s.AddSingleton<IWorkshopResults>(workshop);
            o.Settings["WorkshopBot:PublicBaseUrl"] = BaseUrl;
        });

    private static async Task<(TestUser Chair, TestConversation Chat, Guid Audit)> SeedAsync(BotTestHost host)
    {
        var chair = BotTestHost.User("QA Chair");
        var audit = await BriefingSeed.OneCaseAuditAsync(host.Services, chair.Person, host.Get<TimeProvider>().GetUtcNow().AddDays(-20));
        return (chair, BotTestHost.PersonalChat(chair), audit.Id);
    }

    private static async Task<BriefingRecord> RecordAsync(BotTestHost host, Guid audit)
    {
        using var scope = host.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<BriefingStore>().GetAsync(audit, default))!;
    }

    /// <summary>A genuine link, signed as the Export button signs one, to any version.</summary>
    private static async Task<string> LinkAsync(BotTestHost host, Guid audit, int version, string format, TestUser chair) =>
        (await host.Get<BriefingDownloadLinks>().CreateAsync(audit, version, format, chair.AadObjectId, default))!.ToString();

    private static async Task RawAsync(BotTestHost host, string sql)
    {
        await using var connection = await host.Get<StorageDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static Task<HttpResponseMessage> GetAsync(BotTestHost host, string url) =>
        host.Client.GetAsync(new Uri(url).PathAndQuery.TrimStart('/'));

    /// <summary>The text of an answer; of a Word document, the text of every part in it.</summary>
    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.Content.Headers.ContentType?.MediaType != BriefingDocx.ContentType)
        {
            return System.Text.Encoding.UTF8.GetString(bytes);
        }

        using var zip = new ZipArchive(new MemoryStream(bytes));
        return string.Concat(zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        }));
    }
}
