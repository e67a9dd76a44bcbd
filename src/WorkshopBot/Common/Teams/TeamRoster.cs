using WorkshopBot.Cards;
using WorkshopBot.Conversations;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Common.Teams;

/// <summary>
/// A member of the team, offered as a representative or named lead, with the organisation (tenant) Teams says they
/// belong to: a shared channel also lists people of other organisations.
/// </summary>
public sealed record TeamMember(string TeamsId, string UserKey, string Name, string? TenantId = null)
{
    /// <summary>
    /// Whether this member belongs to the turn's organisation <paramref name="tenantId"/>: Teams names that tenant for
    /// them (whatever the letters' case). A turn of a tenant takes no member Teams names no tenant for (not known to be
    /// theirs). A turn without a tenant, which only local development mode lets in (<c>Hosting.TenantGate</c> refuses it
    /// otherwise), takes only members without one: both absent is the same organisation, as for documents
    /// (<c>DocumentKind.BelongsTo</c>), and a member of any tenant stays out.
    /// </summary>
    public bool BelongsTo(string? tenantId) =>
        string.Equals(TenantId ?? string.Empty, tenantId ?? string.Empty, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether Teams gave this member's directory (Entra) object id: without one, <see cref="UserKey"/> is only their Teams
    /// id, which names nobody in the organisation's directory, so a role that outlasts the chat cannot be given to them.
    /// </summary>
    public bool HasDirectoryId => !string.Equals(UserKey, TeamsId, StringComparison.Ordinal);

    /// <summary>Whether Teams says this member is a guest (an account of another organisation invited into this one).</summary>
    public bool IsGuest { get; init; }

    /// <summary>
    /// The part of their email address after the @ ("nhs.net"), or null when Teams gave none: shown only to tell apart
    /// members of the same name, never stored with a choice, and never the whole address.
    /// </summary>
    public string? EmailDomain { get; init; }
}

/// <summary>
/// The conversation whose members are read (its service URL and id) and the organisation (tenant) they must belong to:
/// the turn's own (<see cref="Of"/>), or another the bot knows, such as the channel where an action plan's tracker lives.
/// </summary>
public sealed record RosterSource(string ServiceUrl, string ConversationId, string? TenantId)
{
    public static RosterSource Of(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return new(turn.ServiceUrl, ConversationTracker.KeyOf(turn.Activity), turn.TenantId());
    }
}

/// <summary>
/// The people of the conversation where the chair works, read from Teams when the chair picks people (an agency's
/// representative, an action's lead).
/// </summary>
internal static class TeamRoster
{
    private const int MaxPages = 10;

    /// <summary>Two pickers of this many people keep a card under 28 KB; larger teams see the first ones by name.</summary>
    public const int MaxChoices = 60;

    /// <summary>
    /// The first <see cref="MaxChoices"/> members who can be given a role (<see cref="TeamMember.HasDirectoryId"/>) as a
    /// picker's choices: the Teams id sent (as every card already posted sends it), and the name shown, marked "(guest)" for
    /// a guest and, where two or more of those offered share a name, with their email's domain ("Sam Jones (nhs.net)") so
    /// the chair can tell them apart. Only the plain name is kept with the person chosen (<see cref="TeamMember.Name"/>).
    /// </summary>
    public static List<Choice> Choices(IEnumerable<TeamMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var offered = members.Where(m => m.HasDirectoryId).Take(MaxChoices).ToList();
        var shared = offered.GroupBy(m => m.Name.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return offered.Select(m => new Choice(Shown(m, shared.Contains(m.Name.Trim())), m.TeamsId)).ToList();
    }

    /// <summary>How a picker shows <paramref name="member"/>: their name, then "guest" and (for a shared name) the domain.</summary>
    private static string Shown(TeamMember member, bool sharedName)
    {
        var marks = new List<string>(2);
        if (member.IsGuest)
        {
            marks.Add("guest");
        }

        if (sharedName && member.EmailDomain is { } domain)
        {
            marks.Add(domain);
        }

        return marks.Count == 0 ? member.Name : $"{member.Name} ({string.Join(", ", marks)})";
    }

    /// <summary>
    /// Why <paramref name="member"/> (chosen on a card) cannot be given the role <paramref name="role"/> in the organisation
    /// <paramref name="tenantId"/>, or null when they can or nobody was chosen: one of another organisation
    /// (<see cref="OutsideOrganisation"/>), or one Teams gives no directory account for (<see cref="WithoutDirectoryAccount"/>).
    /// </summary>
    public static string? Refusal(TeamMember? member, string? tenantId, string role) => member switch
    {
        null => null,
        _ when !member.BelongsTo(tenantId) => OutsideOrganisation(role),
        { HasDirectoryId: false } => WithoutDirectoryAccount(role),
        _ => null,
    };

    /// <summary>What a picker of team members says above its choices: none listed just now, or only the first of many.</summary>
    public static IEnumerable<CardElement> PickerNotes(int members)
    {
        if (members == 0)
        {
            foreach (var element in CardKit.Message(Unavailable, Tone.Warning))
            {
                yield return element;
            }
        }

        if (members > MaxChoices)
        {
            yield return CardKit.Small($"Showing the first {MaxChoices} of {members} team members.");
        }
    }

    /// <summary>The notice a picker shows when Teams gave no members (a conversation always has at least the chair).</summary>
    public const string Unavailable = "Teams did not list this team's members just now. Nothing was changed; try again in a moment.";

    /// <summary>
    /// The refusal for a member Teams gives no directory (Entra) object id for (a visitor account): every turn needs
    /// one, so such a person could be given a role but never act in it.
    /// </summary>
    public static string WithoutDirectoryAccount(string role) =>
        $"Teams gives no organisation account for the {role} you chose (a visitor account, say), so they can't be "
        + "given this role. Please choose someone else. Nothing was changed.";

    /// <summary>
    /// The answer when the person chosen as <paramref name="role"/> belongs to another organisation: every audit and action
    /// belongs to one organisation, and only its people may see or change it.
    /// </summary>
    public static string OutsideOrganisation(string role) =>
        $"The {role} you chose is outside the partnership's organisation, so they can't be given this role. "
        + "Please choose someone from your own organisation. Nothing was changed.";

    /// <summary>
    /// Everyone in the conversation who belongs to the turn's organisation, page by page, by name (a shared channel's
    /// members from other organisations are left out: they cannot be given a role; so are members Teams gives no directory
    /// object id for, <see cref="TeamMember.HasDirectoryId"/>, who could be given one but never act in it). When Teams
    /// refuses or fails to answer, the members read so far (often none): the picker then says so (<see cref="Unavailable"/>)
    /// instead of the card action failing.
    /// </summary>
    public static Task<IReadOnlyList<TeamMember>> MembersAsync(TurnContext turn, CancellationToken ct) =>
        MembersAsync(turn, RosterSource.Of(turn), ct);

    /// <summary>
    /// <see cref="MembersAsync(TurnContext, CancellationToken)"/> of the conversation <paramref name="source"/> names, keeping
    /// only the members of its organisation who have a directory object id.
    /// </summary>
    public static async Task<IReadOnlyList<TeamMember>> MembersAsync(TurnContext turn, RosterSource source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(source);
        var members = new List<TeamMember>();
        string? token = null;
        try
        {
            for (var page = 0; page < MaxPages; page++)
            {
                var result = await turn.Connector.GetPagedMembersAsync(source.ServiceUrl, source.ConversationId, 100, token, ct)
                    .ConfigureAwait(false);
                members.AddRange(result.Members.Select(ToMember));
                token = result.ContinuationToken;
                if (string.IsNullOrEmpty(token))
                {
                    break;
                }
            }
        }
        catch (ConnectorException)
        {
            // A conversation Teams does not know (or an outage): offer what was read, and the picker says it is short.
        }

        return members.Where(m => m.BelongsTo(source.TenantId) && m.HasDirectoryId)
            .OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.EmailDomain, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The member with this Teams id, or null when there is none in this conversation (or the id is forged). The member may
    /// belong to another organisation: check <see cref="TeamMember.BelongsTo"/> before giving them a role.
    /// </summary>
    public static Task<TeamMember?> MemberAsync(TurnContext turn, string? teamsId, CancellationToken ct) =>
        MemberAsync(turn, RosterSource.Of(turn), teamsId, ct);

    /// <summary>
    /// <see cref="MemberAsync(TurnContext, string?, CancellationToken)"/> in the conversation <paramref name="source"/> names.
    /// </summary>
    public static async Task<TeamMember?> MemberAsync(TurnContext turn, RosterSource source, string? teamsId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(source);
        // "." and ".." (forged) would turn the look-up into another request to Teams: they name nobody.
        if (string.IsNullOrWhiteSpace(teamsId) || ConnectorClient.IsDotSegment(teamsId.Trim()))
        {
            return null;
        }

        try
        {
            return ToMember(await turn.Connector.GetMemberAsync(source.ServiceUrl, source.ConversationId, teamsId, ct)
                .ConfigureAwait(false));
        }
        catch (ConnectorException)
        {
            // Not a member of this conversation (or a forged id): treated as no choice.
            return null;
        }
    }

    private static TeamMember ToMember(TeamsChannelAccount m) =>
        new(m.Id, string.IsNullOrWhiteSpace(m.AadObjectId) ? m.Id : m.AadObjectId, string.IsNullOrWhiteSpace(m.Name) ? m.Id : m.Name,
            m.TenantId)
        {
            IsGuest = string.Equals(m.UserRole, "guest", StringComparison.OrdinalIgnoreCase),
            // A guest's UPN is made in this organisation ("sam_nhs.net#EXT#@council.onmicrosoft.com"): its domain tells nothing.
            EmailDomain = DomainOf(m.Email) ?? (m.UserPrincipalName?.Contains("#EXT#", StringComparison.OrdinalIgnoreCase) == true
                ? null
                : DomainOf(m.UserPrincipalName)),
        };

    /// <summary>The most of a domain a picker shows, so a long one cannot take the card past its size.</summary>
    private const int MaxDomainLength = 40;

    /// <summary>The part of <paramref name="address"/> after its last @, in lower case, when it looks like a domain; else null.</summary>
    private static string? DomainOf(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        if (at < 0)
        {
            return null;
        }

        var domain = address![(at + 1)..].Trim().ToLowerInvariant();
        return domain.Length is > 0 and <= MaxDomainLength && domain.Contains('.', StringComparison.Ordinal)
            && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
            ? domain
            : null;
    }
}
