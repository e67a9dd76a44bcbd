using System.Text.Json.Nodes;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Foundation;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// An audit and a safety alert stored before people's tenants were kept (the chair, the alert's recipients stored by
/// object id alone): their people are still only the audit tenant's. Someone in another tenant the bot serves, carrying
/// the very object id, is refused politely and changes nothing; the person in the audit's own tenant still can act.
/// </summary>
public abstract class PeopleStoredWithoutTenant
{
    private const string Neighbour = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    [Fact]
    public async Task AnAuditsChairStoredWithoutATenantIsTheChairOnlyInTheAuditsTenant()
    {
        await using var s = await StartAsync(await DatabaseAsync());
        await s.SetUpIssuedAsync();
        var stored = await StoreOldStyleAsync(s, AuditStore.Audits, AuditStore.Key(s.AuditId));
        Assert.Null(JsonNode.Parse(stored.Json)!["chair"]!["tenantId"]);

        var refused = await FromNeighbourAsync(s, Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId));
        await s.Host.DrainOutboxAsync();

        Assert.Contains(Reply.NotAvailableTitle, refused, StringComparison.Ordinal);
        Assert.DoesNotContain(NewAuditForm.Title!, refused, StringComparison.Ordinal);
        Assert.Equal(stored.Version, (await s.Host.Get<IDocumentStore>().GetAsync(AuditStore.Audits, stored.Id))!.Version);
        Assert.Empty(s.SentTo(Agencies[0].Rep, "Reminder:"));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.DoesNotContain(events, e => e.Action == "audit.reminded");

        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId)), "Reminder sent for");
        await s.Host.DrainOutboxAsync();
        Assert.NotEmpty(s.SentTo(Agencies[0].Rep, "Reminder:"));
    }

    [Fact]
    public async Task ASafetyAlertsRecipientStoredWithoutATenantIsTheRecipientOnlyInTheAlertsTenant()
    {
        await using var s = await StartAsync(await DatabaseAsync());
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;
        Assert.Contains(escalation.RoutedTo, p => p.UserId == Lead.AadObjectId);
        await StoreOldStyleAsync(s, AuditStore.Audits, AuditStore.Key(s.AuditId));
        var stored = await StoreOldStyleAsync(s, AuditStore.Escalations, AuditStore.Key(escalation.Id));
        Assert.All(JsonNode.Parse(stored.Json)!["routedTo"]!.AsArray(), p => Assert.Null(p!["tenantId"]));

        var refused = await FromNeighbourAsync(s, Lead, SafetyScreen.AcknowledgeAlert, new AcknowledgeAlertData(escalation.Id));

        Assert.Contains(Reply.NotAvailableTitle, refused, StringComparison.Ordinal);
        Assert.DoesNotContain(escalation.CaseReference.Value, refused, StringComparison.Ordinal);
        var after = await s.Host.Get<IDocumentStore>().GetAsync(AuditStore.Escalations, stored.Id);
        Assert.Equal(stored.Version, after!.Version);
        Assert.False((await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.IsAcknowledged);

        var ack = CardOf(await s.Host.ExecuteAsync(Lead, BotTestHost.PersonalChat(Lead), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(escalation.Id)));
        Assert.Contains("Acknowledged by Police Named Lead", ack.GetRawText(), StringComparison.Ordinal);
        var acknowledged = (await s.Store.GetEscalationAsync(escalation.Id, default))!.Value;
        Assert.Equal(BotTestHost.TenantId, acknowledged.AcknowledgedBy?.TenantId);
        Assert.All(acknowledged.RoutedTo, p => Assert.Equal(BotTestHost.TenantId, p.TenantId));
    }

    [Fact]
    public async Task AReopenRequestOnAnAuditStoredWithoutTenantsIsDeclinedOnlyFromTheAuditsTenant()
    {
        await using var s = await StartAsync(await DatabaseAsync());
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(0, 0);
        var ret = await s.ReturnOfAsync(0);
        AssertHasText(await s.AsRepAsync(Agencies[0].Rep, ReturnsScreen.AskReopen, new AskReopenData(s.AuditId, ret.Id, "Wrong grade.")),
            "Your request has been sent to the chair.");
        await s.Host.DrainOutboxAsync();
        var card = s.SentTo(Chair, "Reopen request: case").Single().Cards.Single();
        var decline = Read<DeclineReopenData>(FindAction(card, ReopenRequestsScreen.Decline)!.Value) with { Reason = "It stands." };
        await StoreOldStyleAsync(s, AuditStore.Audits, AuditStore.Key(s.AuditId));
        var stored = await StoreOldStyleAsync(s, AuditStore.Returns, AuditStore.Key(ret.Id));
        Assert.All(JsonNode.Parse(stored.Json)!["reopenRequests"]!.AsArray(), r => Assert.Null(r!["by"]!["tenantId"]));

        var refused = await FromNeighbourAsync(s, Chair, ReopenRequestsScreen.Decline, decline);
        await s.Host.DrainOutboxAsync();

        Assert.Contains(Reply.NotAvailableTitle, refused, StringComparison.Ordinal);
        Assert.DoesNotContain(ret.CaseReference.Value, refused, StringComparison.Ordinal);
        Assert.Equal(stored.Version, (await s.Host.Get<IDocumentStore>().GetAsync(AuditStore.Returns, stored.Id))!.Version);
        Assert.Empty(s.SentTo(Agencies[0].Rep, "has declined your request"));

        AssertHasText(await s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), ReopenRequestsScreen.Decline, decline),
            "Reopen request declined");
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(Agencies[0].Rep, "has declined your request"));
    }

    /// <summary>The database for the bot: null for a SQLite file, else a PostgreSQL connection string.</summary>
    protected abstract Task<string?> DatabaseAsync();

    private static Task<AuditScenario> StartAsync(string? database) => AuditScenario.StartAsync(o =>
    {
        o.Settings["WorkshopBot:AllowedTenants:1"] = Neighbour;
        o.PostgresConnectionString = database;
    });

    /// <summary>Rewrites the stored document as it was stored before people's tenants were kept: every person's removed.</summary>
    private static async Task<StoredDocument> StoreOldStyleAsync(AuditScenario s, string collection, string id)
    {
        var store = s.Host.Get<IDocumentStore>();
        var stored = (await store.GetAsync(collection, id))!;
        var json = PersonTenantsOnRead.OldStyle(stored.Json);
        Assert.True(await store.TryUpdateAsync(collection, id, stored.Version, json, stored.Key1, stored.Key2));
        return (await store.GetAsync(collection, id))!;
    }

    /// <summary>
    /// <paramref name="person"/>'s very object id pressing <paramref name="verb"/> from the neighbouring tenant (Teams gives
    /// them another user id there), in their own 1:1 chat; the answer's text.
    /// </summary>
    private static async Task<string> FromNeighbourAsync(AuditScenario s, TestUser person, string verb, object data)
    {
        var impostor = person with { Id = "29:neighbour-" + person.AadObjectId };
        var press = s.Host.CardAction(impostor, BotTestHost.PersonalChat(impostor), verb, data);
        return CardOf(await s.Host.InvokeAsync(TenantMatrix.InTenant(press, Neighbour))).GetRawText();
    }
}

public sealed class PeopleStoredWithoutTenantOnSqlite : PeopleStoredWithoutTenant
{
    protected override Task<string?> DatabaseAsync() => Task.FromResult<string?>(null);
}

[Collection(PostgresCollection.Name)]
public sealed class PeopleStoredWithoutTenantOnPostgres(PostgresServerFixture server) : PeopleStoredWithoutTenant
{
    protected override async Task<string?> DatabaseAsync() => await server.CreateDatabaseAsync();
}
