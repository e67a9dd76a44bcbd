using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// An audit's chair is handed to someone else of the organisation from the dashboard, by a partnership admin (or the chair):
/// one handover however often the press arrives, the new chair sent every open alert and able to acknowledge it, the old
/// chair's alert cards replaced by one that shows nothing, and every chair card refused to the old chair.
/// </summary>
public sealed class ChairHandedOver
{
    internal static readonly TestUser Admin = BotTestHost.User("Partnership Admin");
    internal static readonly TestUser NewChair = BotTestHost.User("Incoming Quality Chair");
    internal static readonly TestConversation AdminChat = BotTestHost.PersonalChat(Admin);

    [Fact]
    public async Task AnAdminHandsOverWithAnAlertOpenAndTheNewChairAcknowledgesItWhileTheOldChairIsRefused()
    {
        await using var s = await StartWithNewChairAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;
        Assert.Single(s.SentTo(Chair, "Bruising seen"));
        var dashboard = CardOf(await s.Host.ExecuteAsync(Admin, AdminChat, DashboardScreen.Dashboard, new AuditRefData(s.AuditId)));
        Assert.NotNull(FindAction(dashboard, ChairScreen.HandOver));

        var form = CardOf(await s.Host.ExecuteAsync(Admin, AdminChat, ChairScreen.HandOver, new AuditRefData(s.AuditId)));
        Assert.Contains(NewChair.Name, form.GetRawText(), StringComparison.Ordinal);
        var save = Read<ChairHandoverData>(FindAction(form, ChairScreen.Save)!.Value) with
        {
            NewChair = NewChair.Id, Reason = nameof(ChairHandoverReason.LeftRole),
        };
        var press = s.Host.CardAction(Admin, AdminChat, ChairScreen.Save, save);
        AssertHasText(await s.Host.InvokeAsync(press), "Incoming Quality Chair is now the chair of this audit.");
        await s.Host.DrainOutboxAsync();

        // Redelivered, and pressed again: nothing more changes, is sent or logged.
        AssertHasText(await s.Host.InvokeAsync(press), "Incoming Quality Chair is now the chair of this audit.");
        AssertHasText(await s.Host.ExecuteAsync(Admin, AdminChat, ChairScreen.Save, save), "Incoming Quality Chair already chairs");
        await s.Host.DrainOutboxAsync();

        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        Assert.Equal(NewChair.AadObjectId, audit.Chair.UserId);
        var logged = Assert.Single(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")),
            e => e.Action == ChairHandovers.HandedOver);
        Assert.Equal(Admin.AadObjectId, logged.ActorId);
        Assert.Contains($"\"from\":\"{Chair.AadObjectId}\"", logged.DetailJson, StringComparison.Ordinal);
        Assert.Contains($"\"to\":\"{NewChair.AadObjectId}\"", logged.DetailJson, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"left-role\"", logged.DetailJson, StringComparison.Ordinal);

        // The new chair is told once, and sent the open alert once, with what the old chair's card carried.
        var notice = Assert.Single(s.SentTo(NewChair, "You are now the chair of an audit"));
        Assert.Contains("1 immediate-safety alert not yet acknowledged", notice.AllText, StringComparison.Ordinal);
        var alert = Assert.Single(s.SentTo(NewChair, "Immediate safety concern"));
        Assert.Contains("Bruising seen", alert.AllText, StringComparison.Ordinal);
        Assert.Contains(escalation.CaseReference.Value, alert.AllText, StringComparison.Ordinal);

        // The old chair's alert card is replaced by one that shows nothing of the alert.
        var replaced = Assert.Single(s.Host.Sent(BotTestHost.PersonalChat(Chair).Id), x => x.Method == "PUT");
        Assert.Contains("Immediate-safety alert handed over", replaced.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("Bruising seen", replaced.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(escalation.CaseReference.Value, replaced.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(SafetyScreen.AcknowledgeAlert, replaced.AllText, StringComparison.Ordinal);

        // The old chair's presses on the audit's chair cards are refused with the card that names nothing.
        var chairChat = BotTestHost.PersonalChat(Chair);
        var id = new AuditRefData(s.AuditId);
        foreach (var (verb, data) in new (string, object)[]
        {
            (SafetyScreen.AcknowledgeAlert, new AcknowledgeAlertData(escalation.Id)), (TrackerScreen.Tracker, id),
            (DashboardScreen.Dashboard, id), (TrackerScreen.Remind, id), (ExportScreen.Export, id), (ChairScreen.HandOver, id),
        })
        {
            var refused = CardOf(await s.Host.ExecuteAsync(Chair, chairChat, verb, data)).GetRawText();
            Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, refused, StringComparison.Ordinal);
            Assert.DoesNotContain("Bruising seen", refused, StringComparison.Ordinal);
            Assert.DoesNotContain(escalation.CaseReference.Value, refused, StringComparison.Ordinal);
        }

        Assert.False((await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.IsAcknowledged);
        var ack = CardOf(await s.Host.ExecuteAsync(NewChair, BotTestHost.PersonalChat(NewChair), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(escalation.Id))).GetRawText();
        Assert.Contains($"Acknowledged by {NewChair.Name}", ack, StringComparison.Ordinal);
        Assert.Equal(NewChair.AadObjectId, (await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.AcknowledgedBy?.UserId);
        var tracker = CardOf(await s.Host.ExecuteAsync(NewChair, BotTestHost.PersonalChat(NewChair), TrackerScreen.Tracker, id));
        Assert.DoesNotContain(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, tracker.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomeoneWhoIsNeitherAnAdminNorTheChairCannotHandOverAndLearnsNothing()
    {
        await using var s = await StartWithNewChairAsync();
        await s.SetUpIssuedAsync();
        var before = (await s.Store.GetAuditAsync(s.AuditId, default))!;
        var save = new ChairHandoverData(s.AuditId, Chair.AadObjectId, Outsider.Id, nameof(ChairHandoverReason.Other));

        var form = CardOf(await s.ExecuteAsync(Outsider, ChairScreen.HandOver, new AuditRefData(s.AuditId))).GetRawText();
        var refused = CardOf(await s.ExecuteAsync(Outsider, ChairScreen.Save, save)).GetRawText();

        foreach (var card in new[] { form, refused })
        {
            Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, card, StringComparison.Ordinal);
            Assert.DoesNotContain(Chair.Name, card, StringComparison.Ordinal);
            Assert.DoesNotContain("Non-accidental", card, StringComparison.Ordinal);
        }

        var after = (await s.Store.GetAuditAsync(s.AuditId, default))!;
        Assert.Equal((before.Version, Chair.AadObjectId), (after.Version, after.Value.Chair.UserId));
        Assert.DoesNotContain(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")),
            e => e.Action == ChairHandovers.HandedOver);
    }

    [Theory]
    [InlineData("7e6d5c4b-1111-4222-8333-444455556666", true)]
    [InlineData(BotTestHost.TenantId, false)]
    public async Task APersonOfAnotherOrganisationOrWithoutADirectoryAccountCannotBeChosen(string tenant, bool withObjectId)
    {
        var visitor = BotTestHost.User("Shared Channel Guest Chair");
        await using var s = await StartWithNewChairAsync();
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = visitor.Id, AadObjectId = withObjectId ? visitor.AadObjectId : null, Name = visitor.Name, TenantId = tenant,
        });
        await s.SetUpIssuedAsync();

        var form = CardOf(await s.Host.ExecuteAsync(Admin, AdminChat, ChairScreen.HandOver, new AuditRefData(s.AuditId))).GetRawText();
        var refused = CardOf(await s.Host.ExecuteAsync(Admin, AdminChat, ChairScreen.Save,
            new ChairHandoverData(s.AuditId, Chair.AadObjectId, visitor.Id, nameof(ChairHandoverReason.Absent)))).GetRawText();

        Assert.Contains(NewChair.Name, form, StringComparison.Ordinal);
        Assert.DoesNotContain(visitor.Name, form, StringComparison.Ordinal);
        Assert.Contains(withObjectId ? "outside the partnership's organisation" : "no organisation account", refused,
            StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", refused, StringComparison.Ordinal);
        Assert.Equal(Chair.AadObjectId, (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.Chair.UserId);
        Assert.DoesNotContain(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")),
            e => e.Action == ChairHandovers.HandedOver);
    }

    [Fact]
    public async Task TheChairMayHandOverThemselvesAndACardDrawnBeforeAnotherHandoverChangesNothing()
    {
        await using var s = await StartWithNewChairAsync();
        await s.SetUpIssuedAsync();
        var stale = CardOf(await s.Host.ExecuteAsync(Admin, AdminChat, ChairScreen.HandOver, new AuditRefData(s.AuditId)));

        var byChair = CardOf(await s.ExecuteAsync(Chair, ChairScreen.Save,
            new ChairHandoverData(s.AuditId, Chair.AadObjectId, NewChair.Id, nameof(ChairHandoverReason.Absent)))).GetRawText();
        Assert.Contains("Incoming Quality Chair is now the chair", byChair, StringComparison.Ordinal);
        Assert.Contains("You can no longer open this audit's chair cards", byChair, StringComparison.Ordinal);
        // Told only as it happened: the new chair was sent their notice.
        Assert.Contains("has been told in their chat with WorkshopBot", byChair, StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(NewChair, "You are now the chair of an audit"));

        var late = Read<ChairHandoverData>(FindAction(stale, ChairScreen.Save)!.Value) with
        {
            NewChair = Lead.Id, Reason = nameof(ChairHandoverReason.Other),
        };
        AssertHasText(await s.Host.ExecuteAsync(Admin, AdminChat, ChairScreen.Save, late), Audit.ChairChangedMessage);
        Assert.Equal(NewChair.AadObjectId, (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.Chair.UserId);
        Assert.Single(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")),
            e => e.Action == ChairHandovers.HandedOver);
    }

    /// <summary>The audit scenario with a partnership admin, and the new chair among the members of the audit's team.</summary>
    internal static async Task<AuditScenario> StartWithNewChairAsync(Action<BotTestHostOptions>? configure = null)
    {
        var s = await StartAsync(o =>
        {
            o.Settings["WorkshopBot:Chairs:0"] = $"{BotTestHost.TenantId}/{Chair.AadObjectId}";
            o.Settings["WorkshopBot:Admins:0"] = $"{BotTestHost.TenantId}/{Admin.AadObjectId}";
            configure?.Invoke(o);
        });
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = NewChair.Id, AadObjectId = NewChair.AadObjectId, Name = NewChair.Name, TenantId = BotTestHost.TenantId,
        });
        return s;
    }
}
