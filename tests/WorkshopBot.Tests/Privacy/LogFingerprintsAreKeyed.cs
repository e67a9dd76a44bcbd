using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Secrets;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// The audit log keeps a fingerprint of free text, never its words, and the fingerprint must not give them back: the
/// identifier sweep and a chair's edits keep the rest of a text, so with a plain hash whoever reads the log could try
/// every date of birth, postcode or first name in the gap until the hash matched. The fingerprint is keyed with a key
/// derived from the deployment's, and the length is given to the nearest ten. Same words, same fingerprint, within one
/// deployment.
/// </summary>
public sealed class LogFingerprintsAreKeyed
{
    private const string Reason = "The grade matches the narrative; please raise it at the workshop instead.";

    [Fact]
    public async Task AGuessedTextCannotBeCheckedAgainstTheLogWithoutTheKey()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(0, 0);
        var ret = await s.ReturnOfAsync(0);

        var first = await DeclineAsync(s, ret.Id, Reason);
        s.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await DeclineAsync(s, ret.Id, Reason);

        // Whoever reads the log tries candidate texts, the real one among them, as the old plain hash allowed.
        var candidates = new[] { "Please raise it at the workshop.", Reason, Reason + " " };
        Assert.DoesNotContain(candidates, c => first.Contains(PlainHash(c), StringComparison.Ordinal));
        Assert.DoesNotContain($"{Reason.Length} chars", first, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"about 70 chars, hmac:", first, StringComparison.Ordinal);
        Assert.Equal(ReasonOf(first), ReasonOf(second));
        Assert.Contains(Expected(await s.Host.Get<LogFingerprints>().OptionsAsync(default), Reason), first, StringComparison.Ordinal);

        // Another deployment (its own store, so its own key) writes another fingerprint for the same words.
        await using var other = await StartAsync();
        Assert.DoesNotContain(Expected(await other.Host.Get<LogFingerprints>().OptionsAsync(default), Reason), first,
            StringComparison.Ordinal);
    }

    [Fact]
    public void FreeTextSerialisedWithoutTheLogsKeyIsRefusedNotWritten()
    {
        var detail = new { reason = AuditTrail.Fingerprint("Seen at home with mum. DOB 12/03/2019.") };

        var refused = Assert.Throws<InvalidOperationException>(
            () => JsonSerializer.Serialize(detail, DocumentStoreExtensions.DefaultJsonOptions));

        Assert.DoesNotContain("12/03/2019", refused.Message, StringComparison.Ordinal);
        Assert.Equal("(free text, not shown)", detail.reason!.ToString());
    }

    [Theory]
    [InlineData(1, "about 10 chars")]
    [InlineData(14, "about 10 chars")]
    [InlineData(15, "about 20 chars")]
    [InlineData(73, "about 70 chars")]
    public void TheLengthIsGivenToTheNearestTen(int length, string expected)
    {
        var key = RandomNumberGenerator.GetBytes(32);

        var written = LogFingerprints.Of(new string('a', length), key);

        Assert.StartsWith(expected + ", hmac:", written, StringComparison.Ordinal);
        Assert.NotEqual(written, LogFingerprints.Of(new string('a', length), RandomNumberGenerator.GetBytes(32)));
    }

    private static async Task<string> DeclineAsync(AuditScenario s, Guid returnId, string reason)
    {
        var rep = Agencies[0].Rep;
        AssertHasText(await s.AsRepAsync(rep, ReturnsScreen.AskReopen, new AskReopenData(s.AuditId, returnId, "Wrong grade.")),
            "Your request has been sent to the chair.");
        await s.Host.DrainOutboxAsync();
        var card = s.SentTo(Chair, "Reopen request: case").Last().Cards.Single();
        var decline = Read<DeclineReopenData>(FindAction(card, ReopenRequestsScreen.Decline)!.Value) with { Reason = reason };
        AssertHasText(await s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), ReopenRequestsScreen.Decline, decline),
            "Reopen request declined");
        var logged = (await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, returnId.ToString("D")))
            .Where(e => e.Action == "return.reopen-declined").ToList();
        return logged[^1].DetailJson!;
    }

    private static string ReasonOf(string detail)
    {
        using var json = JsonDocument.Parse(detail);
        return json.RootElement.GetProperty("reason").GetString()!;
    }

    private static string Expected(JsonSerializerOptions options, string text) =>
        JsonSerializer.Serialize(AuditTrail.Fingerprint(text), options).Trim('"');

    private static string PlainHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
