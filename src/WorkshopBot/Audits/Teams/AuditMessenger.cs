using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>Proactive cards to people, through the outbox only. Knows how to find a person's Teams id.</summary>
public sealed class AuditMessenger(IOutbox outbox, IConversationStore conversations, ConversationServiceUrls serviceUrls)
{
    public static string Correlation(Guid auditId) => $"audit:{auditId:D}";

    public static string IssueCorrelation(Guid auditId) => $"audit:{auditId:D}:issue";

    /// <summary>The person's Teams id ("29:..."): from the roster pick, else from a 1:1 chat they had with the bot.</summary>
    public async Task<string?> TeamsIdOfAsync(AuditChannel channel, PersonRef person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(person);
        if (channel.TeamsIds.TryGetValue(person.UserId, out var id))
        {
            return id;
        }

        if (person.UserId.StartsWith("29:", StringComparison.Ordinal))
        {
            return person.UserId;
        }

        // Only a chat in the audit's organisation: the same object id heard from another tenant is someone else.
        var personal = await conversations.FindPersonalAsync(person.UserId, channel.TenantId, ct).ConfigureAwait(false);
        return personal is { Active: true, UserId: { } userId } ? userId : null;
    }

    /// <summary>
    /// Whether <paramref name="teamsId"/> is the person's Teams id by any source <see cref="TeamsIdOfAsync"/> reads (their
    /// roster pick, their id itself, a 1:1 chat of theirs, open or closed): whether a card queued to it was for them.
    /// </summary>
    public async Task<bool> IsTeamsIdOfAsync(AuditChannel channel, PersonRef person, string? teamsId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(person);
        if (string.IsNullOrEmpty(teamsId))
        {
            return false;
        }

        if ((channel.TeamsIds.TryGetValue(person.UserId, out var picked) && Same(picked, teamsId)) || Same(person.UserId, teamsId))
        {
            return true;
        }

        var personal = await conversations.FindPersonalAsync(person.UserId, channel.TenantId, ct).ConfigureAwait(false);
        return personal?.UserId is { } chatUser && Same(chatUser, teamsId);

        static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether a card queued to <paramref name="teamsId"/> as an agency's representative is still for its addressee: they are
    /// the representative of the agency <paramref name="agencyId"/>, or, for a card to the audit's representatives as a whole
    /// (null), of any of its agencies. False for a person since replaced: <see cref="ReplacedRepresentatives"/> withdraws it.
    /// </summary>
    public async Task<bool> IsRepresentativeAsync(Audit audit, AuditChannel channel, string? agencyId, string? teamsId,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        IEnumerable<PersonRef?> representatives = agencyId is null
            ? audit.Agencies.Select(a => a.Representative)
            : [audit.FindAgency(agencyId)?.Representative];
        foreach (var person in representatives.OfType<PersonRef>())
        {
            if (await IsTeamsIdOfAsync(channel, person, teamsId, ct).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a card queued to the person's 1:1 chat can be expected to arrive: the bot has their Teams id and their 1:1
    /// chat with the bot is not closed, and, when no chat of theirs is stored, the audit's conversation, whose serviceUrl the
    /// card then goes through, has not been marked inactive (<see cref="ConversationServiceUrls.PersonalChatReachableAsync"/>).
    /// Who the bot could tell, for everything that says so: representatives' notices and immediate-safety alerts alike.
    /// </summary>
    public async Task<bool> CanReachAsync(AuditChannel channel, PersonRef person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(person);
        return await TeamsIdOfAsync(channel, person, ct).ConfigureAwait(false) is not null
            && await serviceUrls.PersonalChatReachableAsync(person.UserId, channel.ConversationId, channel.TenantId, ct)
                .ConfigureAwait(false);
    }

    /// <summary>Queues a card for the person's 1:1 chat; returns its dedupe key, or null when the bot has no way to reach them.</summary>
    public async Task<string?> SendToPersonAsync(AuditChannel channel, PersonRef person, AdaptiveCard card, string dedupeKey,
        string correlation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var teamsId = await TeamsIdOfAsync(channel, person, ct).ConfigureAwait(false);
        if (teamsId is null)
        {
            return null;
        }

        // The audit's conversation's serviceUrl as last heard (the outbox prefers the person's own chat's, when it knows one,
        // and else reads the audit's conversation's again when it sends: Teams may move it in between).
        var serviceUrl = await serviceUrls.CurrentAsync(channel.ConversationId, channel.ServiceUrl, channel.TenantId, ct)
            .ConfigureAwait(false);
        return outbox.SendToUser(serviceUrl, channel.TenantId, teamsId, CardMessage.Create(card), dedupeKey, correlation,
            channel.ConversationId);
    }

    /// <summary>
    /// Queues a card for the person's 1:1 chat when the audit has no conversation of its own on record (a plan-only audit, or
    /// one whose record is gone): at <paramref name="teamsId"/>, their Teams id from the roster of <paramref name="source"/>,
    /// else at their open 1:1 chat with the bot in the audit's organisation, through that conversation's serviceUrl (the
    /// outbox opens the 1:1 chat when none is stored). Returns its dedupe key, or null when the bot has no way to reach them
    /// or the card could not be expected to arrive (<see cref="ConversationServiceUrls.PersonalChatReachableAsync"/>).
    /// </summary>
    public async Task<string?> SendToPersonAsync(RosterSource source, PersonRef person, string? teamsId, AdaptiveCard card,
        string dedupeKey, string correlation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(person);
        var id = teamsId is { Length: > 0 } ? teamsId
            : await conversations.FindPersonalAsync(person.UserId, source.TenantId, ct).ConfigureAwait(false) is
                { Active: true, UserId: { Length: > 0 } personal } ? personal : null;
        if (id is null || source.TenantId is not { Length: > 0 } tenantId
            || !await serviceUrls.PersonalChatReachableAsync(person.UserId, source.ConversationId, tenantId, ct).ConfigureAwait(false))
        {
            return null;
        }

        var serviceUrl = await serviceUrls.CurrentAsync(source.ConversationId, source.ServiceUrl, tenantId, ct).ConfigureAwait(false);
        return outbox.SendToUser(serviceUrl, tenantId, id, CardMessage.Create(card), dedupeKey, correlation, source.ConversationId);
    }

    /// <summary>Replaces the card a message queued to a person's 1:1 chat (<paramref name="postedKey"/>) posted, once it is sent.</summary>
    public async Task<string> UpdatePostedAsync(AuditChannel channel, string postedKey, AdaptiveCard card, string dedupeKey,
        string correlation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var serviceUrl = await serviceUrls.CurrentAsync(channel.ConversationId, channel.ServiceUrl, channel.TenantId, ct)
            .ConfigureAwait(false);
        return outbox.UpdatePosted(serviceUrl, channel.TenantId, postedKey, CardMessage.Create(card), dedupeKey, correlation);
    }
}
