using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy.Sweep;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using Xunit.Abstractions;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// Text stored before the check learnt identifiers written only in words, with no digit in it: the sweep reads it now
/// and removes the NHS number, the postcode and the labelled date of birth, leaving the street address, which may still be
/// confirmed. Before, the sweep skipped any text without a digit and left all three.
/// </summary>
public sealed class IdentifierSweepOfTextInWords
{
    private const string Reflections =
        "Mum gave the NHS number as nine four three four seven six five nine one nine; the family live at twelve Acacia Avenue.";

    private const string SweptReflections =
        "Mum gave the NHS number as [NHS number removed]; the family live at twelve Acacia Avenue.";

    private const string TeamActions = "Postcode l s six two a b; her DOB four three nineteen is on the old form.";

    private const string SweptTeamActions = "Postcode [postcode removed]; her [date of birth removed] is on the old form.";

    [Fact]
    public async Task RemovesTheRefusedIdentifiersFromTextWithoutADigit()
    {
        await using var s = await StartAsync(null);
        var by = new PersonRef("police-rep", "Police Auditor") { TenantId = BotTestHost.TenantId };
        var discussion = new TeamDiscussion(Guid.NewGuid(), s.Audit.Id, 1, "19:early-help@thread.tacv2", "Early Help North",
            new DateOnly(2026, 4, 20), 8, Reflections, TeamActions, by, Start, true);
        await s.Host.WorkAsync(async services => Assert.True(
            await services.GetRequiredService<BriefingStore>().AddDiscussionAsync(discussion, CancellationToken.None)));
        await IdentifierSweepScenarios.ForgetTheRunAsync(s);

        var result = await IdentifierSweepScenarios.Sweep(s, new LogCapture()).RunOnceAsync(CancellationToken.None);

        Assert.Equal((1, new RemovedIdentifiers(1, 1, 1), 0), (result!.Changed, result.Removed, result.NotChecked));
        var stored = Assert.Single(await s.Host.WorkAsync(services => services.GetRequiredService<BriefingStore>()
            .ListDiscussionsAsync(s.Audit.Id, CancellationToken.None)), d => d.Id == discussion.Id);
        Assert.Equal((SweptReflections, SweptTeamActions), (stored.Reflections, stored.TeamActions));
        Assert.Single(await IdentifierSweepScenarios.SweepEntriesAsync(s));
    }
}

/// <summary>
/// A one-off measurement, not a timed test: how long the sweep takes over 20,000 stored narratives on SQLite, and how many
/// it reads. Run with <c>WORKSHOPBOT_SWEEP_MEASURE=1</c>; the figures are printed (see the privacy section of the README).
/// </summary>
public sealed class IdentifierSweepMeasurement(ITestOutputHelper output)
{
    private const int Narratives = 20_000;

    // One narrative in this many holds an NHS number in digits, which every version of the sweep removes.
    private const int PlantedEvery = 500;

    private static readonly string[] Sentences =
    [
        "The referral was received from the school and screened by the front door the same day.",
        "Strategy discussion held on 12/03/2024 with police, health and children's social care.",
        "The health visitor saw mum and baby at home and noted good attachment.",
        "A Section 47 enquiry was started and the child was seen alone.",
        "There was a delay of 3 weeks before the initial child protection conference.",
        "Information sharing between agencies was timely and recorded on the chronology.",
        "The GP was not invited to the conference and did not submit a report.",
        "The young person said she felt safer since the change of placement.",
        "One or two missed appointments were followed up by the school nurse.",
        "Father's history of domestic abuse was known to police but not shared with health.",
        "The voice of the child is clear in the assessment and in the plan.",
        "The baby was born prematurely and stayed on the neonatal unit for a week.",
        "Early help offered a parenting course; mum attended two of the six sessions.",
        "Supervision records show the case was discussed with the manager each month.",
        "The core group met within 10 working days and reviewed the plan.",
    ];

    private static readonly string[] Closings =
    [
        "No further action.", "Shared with the named nurse.", "Discussed at the workshop.", "Added to the action plan.",
        "Raised with the DSL.", "Recorded on the chronology.",
    ];

    [SweepMeasurementFact]
    public async Task SweepsTwentyThousandNarratives()
    {
        await using var s = await StartAsync(null);
        var store = s.Host.Get<StorageDatabase>();
        await using (var connection = await store.OpenAsync(CancellationToken.None))
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO documents (collection, id, version, json, updated_at, tenant_id) "
                + "VALUES ('measured', $id, 1, $json, 0, $tenant)";
            var (id, json, tenant) = (insert.CreateParameter(), insert.CreateParameter(), insert.CreateParameter());
            (id.ParameterName, json.ParameterName, tenant.ParameterName, tenant.Value) = ("$id", "$json", "$tenant", BotTestHost.TenantId);
            insert.Parameters.Add(id);
            insert.Parameters.Add(json);
            insert.Parameters.Add(tenant);
            for (var n = 0; n < Narratives; n++)
            {
                (id.Value, json.Value) = (n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), Narrative(n));
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        // Every version's row, so that the same measurement run against an earlier build sweeps too.
        await IdentifierSweepScenarios.RawAsync(s, "DELETE FROM maintenance_runs WHERE name LIKE 'identifier-sweep-%'");
        var clock = Stopwatch.StartNew();

        var result = await IdentifierSweepScenarios.Sweep(s, new LogCapture()).RunOnceAsync(CancellationToken.None);

        clock.Stop();
        var read = Enumerable.Range(0, Narratives).Count(n => IdentifierRedaction.MayHoldRefused(Text(n)));
        output.WriteLine($"{Narratives} narratives: swept in {clock.ElapsedMilliseconds} ms; {read} of them read by the scanner; "
            + $"{result!.Changed} changed ({result.Removed.NhsNumbers} NHS numbers removed)");
        Assert.True(result.Scanned >= Narratives);
        Assert.True(result.Changed >= Narratives / PlantedEvery);
    }

    /// <summary>An answer's narrative of four sentences; every 500th has an NHS number, every 500th from the 250th one in words.</summary>
    private static string Text(int n)
    {
        var text = new StringBuilder();
        // Three sentences and a closing phrase, each picked by its own digit of n, so no two narratives are the same.
        var pick = n;
        for (var k = 0; k < 3; k++, pick /= Sentences.Length)
        {
            text.Append(Sentences[pick % Sentences.Length]).Append(' ');
        }

        text.Append(Closings[pick % Closings.Length]).Append(' ');

        if (n % PlantedEvery == 0)
        {
            text.Append("Her NHS number is 943 476 5919.");
        }
        else if (n % PlantedEvery == PlantedEvery / 2)
        {
            text.Append("Her NHS number is nine four three four seven six five nine one nine.");
        }

        return text.ToString().TrimEnd();
    }

    private static string Narrative(int n) => JsonSerializer.Serialize(new { narrative = Text(n), agency = "Police" });
}

/// <summary>The sweep measurement: skipped unless <c>WORKSHOPBOT_SWEEP_MEASURE</c> is set.</summary>
public sealed class SweepMeasurementFactAttribute : FactAttribute
{
    public SweepMeasurementFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WORKSHOPBOT_SWEEP_MEASURE")))
        {
            Skip = "A measurement, not a check: set WORKSHOPBOT_SWEEP_MEASURE=1 to run it and read its figures.";
        }
    }
}
