using System.Text.Json.Serialization;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>Why the chair was handed over: chosen from a fixed list, never typed, so nothing free is kept.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChairHandoverReason>))]
public enum ChairHandoverReason
{
    LeftRole,
    Absent,
    Other,
}

/// <summary>One handover of the chair: the object ids of the chair before and after, the reason's code and when.</summary>
public sealed record ChairHandover(string FromUserId, string ToUserId, ChairHandoverReason Reason, DateTimeOffset At);

/// <summary>Handing the audit's chair to someone else of its organisation, at any stage.</summary>
public sealed partial class Audit
{
    /// <summary>Every handover of the chair, oldest first (ids and reason codes only).</summary>
    [JsonInclude]
    public IReadOnlyList<ChairHandover> ChairHandovers { get; private set; } = [];

    /// <summary>What refuses a card drawn before the chair was handed over to someone else.</summary>
    public const string ChairChangedMessage = "The chair of this audit has been handed over since this card was shown, so "
        + "nothing was changed. Open the audit again to see who chairs it now.";

    /// <summary>True when <paramref name="person"/> chaired this audit before and does not now.</summary>
    public bool WasChair(PersonRef? person) =>
        person is not null && !IsChair(person)
        && ChairHandovers.Any(h => string.Equals(h.FromUserId, person.UserId, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Hands the chair from <paramref name="chairWas"/> (the chair the card was drawn for) to <paramref name="to"/>. Allowed at
    /// every stage, a closed audit included: its retention, legal hold and export stay the chair's. Already done when
    /// <paramref name="to"/> chairs it (a second press); stale when someone else was made chair since the card was drawn.
    /// </summary>
    public DomainResult HandOverChair(string? chairWas, PersonRef to, ChairHandoverReason reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (IsChair(to))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, $"{MarkdownText.Escape(to.DisplayName)} already chairs this audit.");
        }

        if (!string.Equals(Chair.UserId, chairWas, StringComparison.OrdinalIgnoreCase))
        {
            return DomainResult.Fail(DomainErrorKind.Stale, ChairChangedMessage);
        }

        if (string.IsNullOrWhiteSpace(to.UserId))
        {
            return DomainResult.Invalid("Choose the new chair.");
        }

        if (to.IsOfAnotherTenant(TenantId))
        {
            return PersonRef.OutsideOrganisation("new chair");
        }

        ChairHandovers = [.. ChairHandovers, new ChairHandover(Chair.UserId, to.UserId, reason, now)];
        Chair = to with { TenantId = TenantId };
        Version++;
        return DomainResult.Ok;
    }
}
