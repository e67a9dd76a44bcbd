using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common.Secrets;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Audits.EndToEnd;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// An immediate-safety alert keeps a fingerprint of the details the representative typed, to tell whether they changed
/// since it was sent. A plain hash of a short text (a name, a date of birth) can be reversed by trying guesses, so the
/// fingerprint is keyed with a key derived from the deployment's; the chair is told of a change once, and never of one that
/// did not happen, also on an alert stored before the change with the old unkeyed fingerprint.
/// </summary>
public sealed class SafetyFingerprintsAreKeyed
{
    private const string First = "Bruising seen at a recent contact; referral made today.";
    private const string Second = "Further bruising seen today; a new referral has been made.";
    private const string DetailsChanged = "added to or changed the details";

    [Fact]
    public async Task TheStoredFingerprintIsKeyedAndChangesAreToldOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();

        await SafetyAlertAnswerChanged.SaveSafetyAsync(s, ("yes", First));
        await s.Host.DrainOutboxAsync();
        var alert = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));

        Assert.NotNull(alert.DetailsFingerprint);
        Assert.DoesNotContain(PlainHash(First), alert.DetailsFingerprint, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((await s.Host.Get<SafetyFingerprints>().FunctionAsync(default))(First), alert.DetailsFingerprint);
        Assert.DoesNotContain(PlainHash(First), await StoredJsonAsync(s, alert.Id), StringComparison.OrdinalIgnoreCase);
        // Another deployment (its own store, so its own key) gives the same words another fingerprint.
        await using (var other = await StartAsync())
        {
            Assert.NotEqual(alert.DetailsFingerprint, (await other.Host.Get<SafetyFingerprints>().FunctionAsync(default))(First));
        }

        await AssertChangesToldOnceAsync(s);
    }

    /// <summary>
    /// An alert stored by the version before, with the plain SHA-256: its details, unchanged, are not told as changed (the
    /// chair would look for a change that is not there), the old fingerprint is replaced by the keyed one when the alert is
    /// next saved, and a real change is still told once.
    /// </summary>
    [Fact]
    public async Task AnAlertStoredWithTheOldUnkeyedFingerprintComparesAsBeforeAndIsRekeyed()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await SafetyAlertAnswerChanged.SaveSafetyAsync(s, ("yes", First));
        await s.Host.DrainOutboxAsync();
        var alert = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        await SetStoredFingerprintAsync(s, alert.Id, PlainHash(First).ToUpperInvariant());

        await SafetyAlertAnswerChanged.SaveSafetyAsync(s, ("no", First));
        await SafetyAlertAnswerChanged.SaveSafetyAsync(s, ("yes", First));
        await s.Host.DrainOutboxAsync();

        var again = Assert.Single(s.SentTo(Chair, "answered yes again"));
        Assert.Contains("this concern stands.", again.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("its details have changed", again.AllText, StringComparison.Ordinal);
        var stored = await StoredJsonAsync(s, alert.Id);
        Assert.DoesNotContain(PlainHash(First), stored, StringComparison.OrdinalIgnoreCase);
        var keyed = (await s.Host.Get<SafetyFingerprints>().FunctionAsync(default))(First);
        Assert.Equal(keyed, Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default)).DetailsFingerprint);

        var toldBefore = s.SentTo(Chair, DetailsChanged).Count;
        await SafetyAlertAnswerChanged.SaveSafetyAsync(s, ("yes", Second));
        await s.Host.DrainOutboxAsync();
        Assert.Equal(toldBefore + 1, s.SentTo(Chair, DetailsChanged).Count);
    }

    /// <summary>Edited after the alert: the chair is told once. Changed to no and back to yes unedited: not told of a change.</summary>
    private static async Task AssertChangesToldOnceAsync(AuditScenario s)
    {
        var toldBefore = s.SentTo(Chair, DetailsChanged).Count;
        await SafetyAlertAnswerChanged.SaveSafetyAsync(s, ("yes", Second));
        await s.Host.DrainOutboxAsync();
        Assert.Equal(toldBefore + 1, s.SentTo(Chair, DetailsChanged).Count);

        await SafetyAlertAnswerChanged.SaveSafetyAsync(s, ("no", Second));
        await SafetyAlertAnswerChanged.SaveSafetyAsync(s, ("yes", Second));
        await s.Host.DrainOutboxAsync();

        var again = Assert.Single(s.SentTo(Chair, "answered yes again"));
        Assert.Contains("this concern stands.", again.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("its details have changed", again.AllText, StringComparison.Ordinal);
        Assert.Equal(toldBefore + 1, s.SentTo(Chair, DetailsChanged).Count);
    }

    private static async Task<string> StoredJsonAsync(AuditScenario s, Guid escalationId)
    {
        await using var connection = await s.Host.Get<StorageDatabase>().OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<string>("SELECT json FROM documents WHERE collection = @collection AND id = @id",
            new { collection = AuditStore.Escalations, id = AuditStore.Key(escalationId) });
    }

    /// <summary>Writes the fingerprint into the stored alert as the version before wrote it.</summary>
    private static async Task SetStoredFingerprintAsync(AuditScenario s, Guid escalationId, string fingerprint)
    {
        var document = JsonNode.Parse(await StoredJsonAsync(s, escalationId))!.AsObject();
        var name = document.Select(p => p.Key).Single(k => k.Equals("detailsFingerprint", StringComparison.OrdinalIgnoreCase));
        document[name] = fingerprint;
        await using var connection = await s.Host.Get<StorageDatabase>().OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteAsync(
            "UPDATE documents SET json = @json, stamp = NULL WHERE collection = @collection AND id = @id",
            new { json = document.ToJsonString(), collection = AuditStore.Escalations, id = AuditStore.Key(escalationId) }));
    }

    private static string PlainHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
