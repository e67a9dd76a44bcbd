using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Hosting;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// Someone who holds a role on an open audit has left: Teams reports them removed from a team of the audit's organisation
/// (<c>teamMemberRemoved</c>), or from the audit's own channel (<c>channelMemberRemoved</c>). A representative or named
/// lead: the audit's chair is told in their 1:1 chat, so they can replace them. The chair: the admins' channel is told, so
/// the audit can be handed over. Names, roles and the audit's title only. Queued in the turn's unit of work under a dedupe
/// key naming the audit, the person and the audit's version, so a redelivered event, or the same person leaving another
/// team of the organisation before the audit changes, tells nobody again.
/// </summary>
public sealed partial class RoleHolderDepartures(AuditStore store, AuditMessenger messenger, IConversationStore conversations,
    IOutbox outbox, IOptionsMonitor<WorkshopBotOptions> options, ILogger<RoleHolderDepartures> logger)
{
    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnConversationUpdate((turn, ct) => turn.Screen<RoleHolderDepartures>().NoticeAsync(turn, ct));
    }

    public async Task NoticeAsync(TurnContext turn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var eventType = activity.GetTeamsChannelData()?.EventType;
        if (activity.Type != ActivityTypes.ConversationUpdate || eventType is not ("teamMemberRemoved" or "channelMemberRemoved")
            || activity.MembersRemoved is not { Count: > 0 } removed)
        {
            return;
        }

        var tenantId = activity.GetTenantId();
        var people = new List<PersonRef>();
        foreach (var account in removed.Where(a => a is not null && a.Id != activity.Recipient?.Id))
        {
            if (await ObjectIdOfAsync(account, tenantId, ct).ConfigureAwait(false) is { } objectId)
            {
                people.Add(new PersonRef(objectId, account.Name ?? string.Empty) { TenantId = tenantId });
            }
        }

        if (people.Count == 0)
        {
            return;
        }

        // One read: the organisation's audits, of which those not closed in which a removed person holds a role.
        var audits = (await store.ListAuditsOfTenantAsync(tenantId, ct).ConfigureAwait(false))
            .Where(a => a.Status != AuditStatus.Closed && people.Any(p => HoldsARole(a, p)))
            .ToList();
        var channelId = ConversationTracker.KeyOf(activity);
        foreach (var audit in audits)
        {
            var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
            var auditChannel = channel?.ConversationId is { } c ? ConversationTracker.KeyOf(c) : null;
            if (eventType == "channelMemberRemoved" && !string.Equals(auditChannel, channelId, StringComparison.Ordinal))
            {
                continue; // Removed from a channel other than the audit's: nothing of this audit's changes.
            }

            foreach (var person in people.Where(p => HoldsARole(audit, p)))
            {
                await TellAsync(audit, channel, person, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The start of the dedupe key of every admins' card saying the audit's chair left: the card names the audit and its
    /// chair, so the retention purge finds it by this (its correlation is the admins' "ops", not the audit's) and takes it down.
    /// </summary>
    public static string ChairLeftKeyPrefix(Guid auditId) => $"ops:chair-left:{auditId:D}:";

    private async Task TellAsync(Audit audit, AuditChannel? channel, PersonRef person, CancellationToken ct)
    {
        var key = $"{audit.Id:D}:{person.UserId.ToLowerInvariant()}:{audit.Version}";
        if (audit.IsChair(person))
        {
            if (await AdminChannelAsync(audit.TenantId, ct).ConfigureAwait(false) is not { } admins)
            {
                LogNoAdminChannel(audit.Id);
                return;
            }

            var card = NoticeCard.Create("An audit's chair has left the team", ChairLeftText(audit), Tone.Warning);
            outbox.PostToChannel(admins.ServiceUrl, admins.TenantId ?? audit.TenantId ?? string.Empty, admins.ConversationId,
                CardMessage.Create(card), $"{ChairLeftKeyPrefix(audit.Id)}{person.UserId.ToLowerInvariant()}:{audit.Version}", "ops");
            return;
        }

        var notice = NoticeCard.Create("Someone with a role on your audit has left", RoleHolderLeftText(audit, person), Tone.Warning,
            CardKit.Go(AgenciesScreen.Agencies, new AuditRefData(audit.Id), "Open the agencies"));
        if (channel is null || await messenger.SendToPersonAsync(channel, audit.Chair, notice, $"member-left:{key}",
                AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false) is null)
        {
            LogChairUnreachable(audit.Id);
        }
    }

    /// <summary>What the chair reads: who, in which role for which agency, on which audit, and what they may do.</summary>
    internal static string RoleHolderLeftText(Audit audit, PersonRef person)
    {
        var roles = audit.Agencies
            .SelectMany(a => new[]
            {
                a.Representative?.IsSamePerson(person) == true ? $"the representative for {CardKit.Literal(a.Name)}" : null,
                a.NamedLead?.IsSamePerson(person) == true ? $"the named lead for {CardKit.Literal(a.Name)}" : null,
            })
            .OfType<string>()
            .ToList();
        var who = NameOf(audit, person);
        return $"{who}, {string.Join(" and ", roles)} on the audit \"{CardKit.Literal(audit.Title)}\", has been removed from a team "
            + "or channel in Teams, so they may no longer be able to take part. If someone else should take over, you may want "
            + "to replace them on the agencies card.";
    }

    internal static string ChairLeftText(Audit audit) =>
        $"{CardKit.Literal(NameOf(audit, audit.Chair))}, who chairs the audit \"{CardKit.Literal(audit.Title)}\""
        + (audit.ReturnsDueAt is { } due ? $" (returns due {CardKit.Date(due)})" : "")
        + ", has been removed from a team or channel in Teams. If they no longer run this audit, please hand it over to "
        + "another chair. An admin can do this: type **returns** in your chat with WorkshopBot, open the audit and choose "
        + "Hand over the chair.";

    // The name the audit holds for the person (as picked from the roster), not the one an event carries.
    private static string NameOf(Audit audit, PersonRef person)
    {
        var held = audit.Agencies.SelectMany(a => new[] { a.Representative, a.NamedLead }).Append(audit.Chair)
            .FirstOrDefault(p => p?.IsSamePerson(person) == true);
        return CardKit.Literal(held?.DisplayName is { Length: > 0 } name ? name : "Someone");
    }

    private static bool HoldsARole(Audit audit, PersonRef person) =>
        audit.IsChair(person) || audit.Agencies.Any(a => a.Representative?.IsSamePerson(person) == true
            || a.NamedLead?.IsSamePerson(person) == true);

    // Teams' documented payload names the person by their "29:" id alone: their object id is then their 1:1 chat's.
    private async Task<string?> ObjectIdOfAsync(ChannelAccount account, string? tenantId, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(account.AadObjectId))
        {
            return account.AadObjectId;
        }

        return string.IsNullOrWhiteSpace(account.Id) ? null
            : (await conversations.FindPersonalAsync(account.Id, tenantId, ct).ConfigureAwait(false))?.UserAadObjectId;
    }

    // The organisation's admins' channel the bot can post in: of the audit's tenant, and active.
    private async Task<ConversationRecord?> AdminChannelAsync(string? tenantId, CancellationToken ct)
    {
        foreach (var id in options.CurrentValue.AdminChannels())
        {
            var channel = await conversations.GetAsync(id, ct).ConfigureAwait(false);
            if (channel is { Active: true }
                && string.Equals(channel.TenantId ?? string.Empty, tenantId ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            {
                return channel;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 1291, Level = LogLevel.Warning,
        Message = "The chair of audit {AuditId} left a team or channel, and no admins' channel of its organisation can be posted in")]
    private partial void LogNoAdminChannel(Guid auditId);

    [LoggerMessage(EventId = 1292, Level = LogLevel.Warning,
        Message = "Someone with a role on audit {AuditId} left a team or channel, and its chair cannot be reached in Teams")]
    private partial void LogChairUnreachable(Guid auditId);
}
