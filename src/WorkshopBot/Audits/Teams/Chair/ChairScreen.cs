using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>The handover form's press: the chair it was drawn for, and the new chair (a Teams id) and reason chosen on it.</summary>
public sealed record ChairHandoverData(Guid AuditId, string? ChairWas, string? NewChair, string? Reason);

/// <summary>
/// Handing an audit's chair to someone else of its organisation, from the dashboard: by a partnership admin (the chair has
/// left, is away, or was a guest whose account stays) or by the chair themselves. The new chair is picked from the members
/// of the audit's team, as representatives are; the reason from a fixed list.
/// </summary>
public sealed class ChairScreen(ChairAccess access, AuditStore store, Roles roles, ChairHandovers handovers,
    ConversationServiceUrls serviceUrls)
{
    public const string HandOver = "audit.chair.handover";
    public const string Save = "audit.chair.handover.save";

    public const string NotADirectoryAccount = "Teams gives no organisation account for the person you chose (a visitor "
        + "account, say), so they can't be made the chair. Please choose someone else. Nothing was changed.";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<AuditRefData>(HandOver, (t, d, ct) => t.Screen<ChairScreen>().FormAsync(t, d, ct));
        router.OnCardAction<ChairHandoverData>(Save, (t, d, ct) => t.Screen<ChairScreen>().SaveAsync(t, d, ct));
    }

    public async Task<InvokeResponse> FormAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        return chaired.Refused
            ? chaired.Refusal
            : Reply.Card(ChairCard.Form(chaired.Value, await CandidatesAsync(turn, chaired.Value, ct).ConfigureAwait(false)));
    }

    /// <summary>
    /// Who presses comes first (anyone but the chair or an admin gets the card that names nothing), then the reason and the
    /// person chosen, then the audit's state: a second press, or a card drawn before another handover, changes nothing.
    /// </summary>
    public async Task<InvokeResponse> SaveAsync(TurnContext turn, ChairHandoverData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var audit = chaired.Value;
        var source = await SourceAsync(turn, audit, ct).ConfigureAwait(false);
        if (CardInput.Enum<ChairHandoverReason>(data.Reason) is not { } reason)
        {
            return await FormAgainAsync(turn, audit, "Choose why the chair is handed over. Nothing was changed.", ct).ConfigureAwait(false);
        }

        var member = await TeamRoster.MemberAsync(turn, source, data.NewChair, ct).ConfigureAwait(false);
        var refusal = member switch
        {
            null => "Choose someone who is a member of the audit's team. Nothing was changed.",
            _ when !member.BelongsTo(audit.TenantId) => TeamRoster.OutsideOrganisation("new chair"),
            _ when !member.HasDirectoryId => NotADirectoryAccount,
            _ => null,
        };
        if (refusal is not null)
        {
            return await FormAgainAsync(turn, audit, refusal, ct).ConfigureAwait(false);
        }

        var me = turn.Person();
        var changed = await handovers.HandOverAsync(me, audit, data.ChairWas, member!, reason, source, ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            // Pressed again (they chair it already) or drawn before another handover: the dashboard as it is, for whoever may
            // still open it, saying so; a chair who handed over since is no longer one of them.
            var now = changed.Value ?? audit;
            var tone = changed.Result.Error?.Kind == DomainErrorKind.AlreadyDone ? Tone.Info : Tone.Warning;
            return now.IsChair(me) || roles.IsAdmin(me)
                ? Reply.Card(DashboardCard.Dashboard(now, message: changed.Message, tone: tone))
                : Reply.NotAvailable();
        }

        var outcome = changed.Result.Value!;
        if (!roles.IsAdmin(me))
        {
            return Reply.Card(ChairCard.HandedOverByChair(outcome.Audit, outcome.NewChairTold));
        }

        var alerts = outcome.Alerts.Open == 0 ? ""
            : $" {CardKit.Plural(outcome.Alerts.Open, "immediate-safety alert")} not yet acknowledged "
                + (outcome.Alerts.Open == 1 ? "has" : "have") + " been sent to them.";
        var told = outcome.NewChairTold
            ? " They have been told in their chat with WorkshopBot."
            : " WorkshopBot cannot reach them in Teams yet: please ask them to open WorkshopBot, then type returns in their chat with it.";
        return Reply.Card(DashboardCard.Dashboard(outcome.Audit,
            message: $"{CardKit.Literal(outcome.Audit.Chair.DisplayName)} is now the chair of this audit.{alerts}{told}",
            tone: outcome.NewChairTold ? Tone.Success : Tone.Warning));
    }

    private async Task<InvokeResponse> FormAgainAsync(TurnContext turn, Audit audit, string message, CancellationToken ct) =>
        Reply.Card(ChairCard.Form(audit, await CandidatesAsync(turn, audit, ct).ConfigureAwait(false), message));

    /// <summary>The members of the audit's team who may chair it: of its organisation, with a directory account, not the chair.</summary>
    private async Task<IReadOnlyList<TeamMember>> CandidatesAsync(TurnContext turn, Audit audit, CancellationToken ct)
    {
        var members = await TeamRoster.MembersAsync(turn, await SourceAsync(turn, audit, ct).ConfigureAwait(false), ct)
            .ConfigureAwait(false);
        return members.Where(m => m.HasDirectoryId && !audit.IsChair(new PersonRef(m.UserKey, m.Name) { TenantId = m.TenantId }))
            .ToList();
    }

    /// <summary>
    /// The audit's own conversation (where it was set up and its tracker lives), wherever the card was pressed: an admin
    /// opens the dashboard in their 1:1 chat, whose only member is themselves. Only its organisation's people are kept.
    /// </summary>
    private async Task<RosterSource> SourceAsync(TurnContext turn, Audit audit, CancellationToken ct)
    {
        if ((await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value is not { } channel)
        {
            return RosterSource.Of(turn) with { TenantId = audit.TenantId };
        }

        var serviceUrl = await serviceUrls.CurrentAsync(channel.ConversationId, channel.ServiceUrl, channel.TenantId, ct)
            .ConfigureAwait(false);
        return new RosterSource(serviceUrl, channel.ConversationId, audit.TenantId);
    }
}
