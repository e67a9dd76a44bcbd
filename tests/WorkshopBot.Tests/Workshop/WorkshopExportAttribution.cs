using System.Net;
using System.Text;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The chair's CSV says what the briefing says: each idea's agency is the one the briefing credits it to, and each case's
/// ratified grade is one row, however many grade polls the case had.
/// </summary>
public sealed class WorkshopExportAttribution
{
    /// <summary>
    /// On one workshop: an untagged idea on a named board is its author's agency's (the representative of Children's
    /// Social Care); a tagged one is the tagged agency's, whoever wrote it; an observer's untagged idea and an anonymous
    /// board's are no agency's. The CSV's agency column and the briefing's attribution agree idea for idea.
    /// </summary>
    [Fact]
    public async Task CsvCreditsEachIdeaToTheAgencyTheBriefingDoes()
    {
        await using var s = await WorkshopScenario.CreateAsync(o => o.Settings["WorkshopBot:PublicBaseUrl"] = "https://bot.example.org");
        await s.StartAsync();
        var csc = WorkshopScenario.Representative(1);
        var police = WorkshopScenario.Representative(2);
        var observer = BotTestHost.User("Independent Observer");
        await s.JoinAsync(csc);
        await s.JoinAsync(police);
        await s.JoinAsync(observer, JoinScreen.OtherAgency);
        var kingston = s.Audit.Agencies.Single(a => a.Name == "Kingston Hospital");
        var named = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Anonymous: "false"));
        await s.AddIdeaAsync(csc, named, "Strategy discussion held the same day.");
        await s.AddIdeaAsync(police, named, "The hospital flagged the injury at once.", agencyId: kingston.Id);
        await s.AddIdeaAsync(observer, named, "The father was seen at every visit.");
        var anonymous = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove, Anonymous: "true"));
        await s.AddIdeaAsync(police, anonymous, "Chronologies were started late.");
        await s.PhaseAsync(named, PhaseActions.Open);
        await s.DotAsync(police, named, "i1");

        var rows = await DownloadAsync(s);
        var outcome = await s.OutcomeAsync();

        var inCsv = rows.Where(r => r["kind"] == "IdeaBoard" && r["rank"] != "").ToDictionary(r => r["option"], r => r["agency"]);
        var inBriefing = outcome!.Ideas.ToDictionary(i => i.Text, i => i.AgencyName ?? "");
        Assert.Equal(4, inBriefing.Count);
        Assert.Equal(inBriefing.OrderBy(p => p.Key, StringComparer.Ordinal), inCsv.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal("Children's Social Care", inCsv["Strategy discussion held the same day."]);
        Assert.Equal("Kingston Hospital", inCsv["The hospital flagged the injury at once."]);
        Assert.Equal("", inCsv["The father was seen at every visit."]);
        Assert.Equal("", inCsv["Chronologies were started late."]);
    }

    /// <summary>
    /// The chair replaces the Police representative during the workshop: the new one joins for Police, and the one replaced,
    /// still in the meeting, stays a participant for no agency (logged). The ideas the one replaced added for Police stay
    /// Police's; those they add afterwards are no agency's; the CSV and the briefing agree.
    /// </summary>
    [Fact]
    public async Task ARepresentativeReplacedDuringTheWorkshopStaysInItForNoAgency()
    {
        await using var s = await WorkshopScenario.CreateAsync(o => o.Settings["WorkshopBot:PublicBaseUrl"] = "https://bot.example.org");
        await s.StartAsync();
        var police = s.Audit.Agencies.Single(a => a.Name == "Police");
        var replaced = WorkshopScenario.Representative(2);
        var successor = BotTestHost.User("New Police Representative");
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = successor.Id, AadObjectId = successor.AadObjectId, Name = successor.Name, TenantId = BotTestHost.TenantId,
        });
        await s.JoinAsync(replaced);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Anonymous: "false"));
        await s.AddIdeaAsync(replaced, board, "Strategy discussion held the same day.");

        var saved = await s.Host.ExecuteAsync(s.Chair, s.Channel, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.Audit.Id, police.Id, successor.Id, null, null));
        Assert.Contains("people and cases saved", WorkshopScenario.CardText(saved), StringComparison.Ordinal);
        var stillIn = await s.Votes.GetParticipantAsync(s.WorkshopId, replaced.AadObjectId, default);
        var again = await s.ExecuteAsync(replaced, JoinScreen.Join, new JoinData(s.WorkshopId));
        // A Join naming Police (a chooser they still had, or a hand-made press) does not make them Police's again.
        var forPolice = await s.ExecuteAsync(replaced, JoinScreen.Join, new JoinData(s.WorkshopId, police.Id));
        await s.AddIdeaAsync(replaced, board, "The father was seen at every visit.");
        await s.JoinAsync(successor);
        await s.AddIdeaAsync(successor, board, "Police shared the history at once.");
        await s.PhaseAsync(board, PhaseActions.Open);
        var rows = await DownloadAsync(s);
        var outcome = await s.OutcomeAsync();

        Assert.Equal((replaced.AadObjectId, (string?)null, (string?)null), (stillIn!.UserKey, stillIn.AgencyId, stillIn.AgencyName));
        Assert.Contains("You have joined", WorkshopScenario.CardText(again), StringComparison.Ordinal);
        Assert.DoesNotContain("for Police", WorkshopScenario.CardText(again), StringComparison.Ordinal);
        Assert.Contains("You are no longer the representative for Police", WorkshopScenario.CardText(forPolice), StringComparison.Ordinal);
        Assert.DoesNotContain(police.Id, WorkshopScenario.AgencyChoices(forPolice));
        Assert.Contains(JoinScreen.OtherAgency, WorkshopScenario.AgencyChoices(forPolice));
        var register = (await s.Votes.ListParticipantsAsync(s.WorkshopId, default)).ToDictionary(p => p.UserKey, p => p.AgencyId);
        Assert.Equal(new Dictionary<string, string?> { [replaced.AadObjectId] = null, [successor.AadObjectId] = police.Id }, register);
        var log = await s.LogAsync("workshop", s.WorkshopId.ToString("D"));
        var released = Assert.Single(log, e => e.Action == "workshop.join-released");
        Assert.Equal([replaced.AadObjectId, successor.AadObjectId],
            log.Where(e => e.Action == "workshop.join").OrderBy(e => e.Id).Select(e => e.ActorId));
        Assert.Contains(police.Id, released.DetailJson!, StringComparison.Ordinal);
        var inCsv = rows.Where(r => r["kind"] == "IdeaBoard" && r["rank"] != "").ToDictionary(r => r["option"], r => r["agency"]);
        var inBriefing = outcome!.Ideas.ToDictionary(i => i.Text, i => i.AgencyName ?? "");
        Assert.Equal(inBriefing.OrderBy(p => p.Key, StringComparer.Ordinal), inCsv.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal("Police", inCsv["Strategy discussion held the same day."]);
        Assert.Equal("", inCsv["The father was seen at every visit."]);
        Assert.Equal("Police", inCsv["Police shared the history at once."]);
    }

    /// <summary>
    /// A case graded on two polls (ratified on the first, then corrected on the second) has one "ratified" row in the CSV,
    /// under the poll its grade was last ratified on, with the grade as it stands; the CSV's columns are as they were.
    /// </summary>
    [Fact]
    public async Task RatifiedGradeIsOneRowPerCaseUnderThePollItWasRatifiedOn()
    {
        await using var s = await WorkshopScenario.CreateAsync(o => o.Settings["WorkshopBot:PublicBaseUrl"] = "https://bot.example.org");
        await s.StartAsync();
        var first = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));
        await s.PhaseAsync(first, PhaseActions.Open);
        await s.RatifyAsync(first, "good", "Prompt multi-agency action.");
        var second = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));
        await s.PhaseAsync(second, PhaseActions.Open);
        await s.RatifyAsync(second, "requires-improvement", "On reflection information sharing was slow.");

        var rows = await DownloadAsync(s);

        var ratified = Assert.Single(rows, r => r["kind"] == "ratified");
        Assert.Equal(second.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), ratified["poll"]);
        Assert.Equal(("Requires improvement", "On reflection information sharing was slow.", WorkshopScenario.Case.Value),
            (ratified["option"], ratified["prompt"], ratified["case"]));
        // Under its poll: straight after the second poll's own rows.
        var at = rows.IndexOf(ratified);
        Assert.Equal(ratified["poll"], rows[at - 1]["poll"]);
        Assert.Equal("GradeRatification", rows[at - 1]["kind"]);
        Assert.Equal(rows.Count - 1, at);
    }

    /// <summary>The chair's export, downloaded from its link, as rows keyed by the header's column names.</summary>
    private static async Task<List<Dictionary<string, string>>> DownloadAsync(WorkshopScenario s)
    {
        var card = (await s.ExportAsync()).Card!.Value;
        var url = new Uri(card.GetProperty("actions")[0].GetProperty("url").GetString()!);
        using var download = await s.Host.Client.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var records = Parse(await download.Content.ReadAsStringAsync());
        Assert.Equal(WorkshopCsv.Header, string.Join(',', records[0]));
        Assert.All(records, r => Assert.Equal(records[0].Count, r.Count));
        return records.Skip(1).Select(r => records[0].Zip(r).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)).ToList();
    }

    // RFC 4180: fields split at commas, quoted fields may hold commas, quotes ("") and line breaks; records end with CRLF.
    private static List<List<string>> Parse(string csv)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.Empty(record);
        Assert.Equal(0, field.Length);
        return records;
    }
}
