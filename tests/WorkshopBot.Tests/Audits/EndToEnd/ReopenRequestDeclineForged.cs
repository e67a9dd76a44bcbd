using System.Net;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The chair's decline pressed with forged data: another return, a request time no request has (null, absurd, another
/// return's), a reason too long or with control characters. Each is answered with a card (never an error status), and
/// nothing is changed, sent or logged.
/// </summary>
public sealed class ReopenRequestDeclineForged : IAsyncLifetime
{
    private AuditScenario _s = null!;
    private DeclineReopenData _decline = null!;

    public async Task InitializeAsync()
    {
        _s = await StartAsync();
        await _s.SetUpIssuedAsync();
        await _s.FillAndSubmitAsync(0, 0);
        await _s.FillAndSubmitAsync(1, 0);
        var ret = await _s.ReturnOfAsync(0);
        AssertHasText(await _s.AsRepAsync(Agencies[0].Rep, ReturnsScreen.AskReopen, new AskReopenData(_s.AuditId, ret.Id, "Wrong grade.")),
            "Your request has been sent to the chair.");
        await _s.Host.DrainOutboxAsync();
        var card = _s.SentTo(Chair, "Reopen request: case").Single().Cards.Single();
        _decline = Read<DeclineReopenData>(FindAction(card, ReopenRequestsScreen.Decline)!.Value);
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    public static TheoryData<string> Forgeries => new()
    {
        "other-return", "no-return", "min-time", "max-time", "a-tick-later", "long-reason", "huge-reason", "control-reason",
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task AForgedDeclineIsAnsweredWithACardAndChangesNothing(string forgery)
    {
        var other = await _s.ReturnOfAsync(1);
        var data = forgery switch
        {
            "other-return" => _decline with { ReturnId = other.Id },
            "no-return" => _decline with { ReturnId = Guid.NewGuid() },
            "min-time" => _decline with { RequestedAt = DateTimeOffset.MinValue },
            "max-time" => _decline with { RequestedAt = DateTimeOffset.MaxValue },
            "a-tick-later" => _decline with { RequestedAt = _decline.RequestedAt.AddTicks(1) },
            "long-reason" => _decline with { Reason = new string('a', AuditReturn.ReopenReasonMaxLength + 1) },
            "huge-reason" => _decline with { Reason = string.Concat(Enumerable.Repeat("Grade stands. ", 12_000)) },
            _ => _decline with { Reason = "Grade stands\u001b[2J\u0007." },
        };
        var before = await _s.ReturnOfAsync(0);

        var answer = await _s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), ReopenRequestsScreen.Decline, data);
        await _s.Host.DrainOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.NotNull(answer.Card);
        Assert.DoesNotContain("Reopen request declined", CardOf(answer).GetRawText(), StringComparison.Ordinal);
        Assert.Single((await _s.ReturnOfAsync(0)).ReopenRequests);
        Assert.Equal(before.ReopenRequests, (await _s.ReturnOfAsync(0)).ReopenRequests);
        Assert.Empty(_s.SentTo(Agencies[0].Rep, "has declined your request"));
        Assert.Empty(_s.SentTo(Agencies[1].Rep, "has declined your request"));
    }

    [Theory]
    [InlineData("""{"auditId":"AUDIT","returnId":"RETURN","requestedAt":null}""")]
    [InlineData("""{"auditId":"AUDIT","returnId":"RETURN","requestedAt":"not a time"}""")]
    [InlineData("""{"auditId":"AUDIT","returnId":"RETURN","requestedAt":"0001-01-01T00:00:00+14:00"}""")]
    [InlineData("""{"auditId":"AUDIT","returnId":"RETURN","requestedAt":12345678901234567890}""")]
    [InlineData("""{"auditId":"AUDIT","returnId":"RETURN","requestedAt":"AT","reason":{"text":"x"}}""")]
    [InlineData("""{"auditId":"AUDIT","returnId":"RETURN","requestedAt":"AT","reason":7}""")]
    public async Task MalformedDataIsAnsweredWithACard(string template)
    {
        var json = template.Replace("AUDIT", _s.AuditId.ToString("D"), StringComparison.Ordinal)
            .Replace("RETURN", _decline.ReturnId.ToString("D"), StringComparison.Ordinal)
            .Replace("\"AT\"", System.Text.Json.JsonSerializer.Serialize(_decline.RequestedAt), StringComparison.Ordinal);

        var answer = await _s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), ReopenRequestsScreen.Decline,
            System.Text.Json.JsonDocument.Parse(json).RootElement);

        Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{answer.Status}");
        Assert.Single((await _s.ReturnOfAsync(0)).ReopenRequests);
    }
}
