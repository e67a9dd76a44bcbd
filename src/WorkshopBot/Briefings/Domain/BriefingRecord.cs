using System.Text.Json.Serialization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Briefings.Domain;

/// <summary>One kept version of the briefing: what it said, what changed and who changed it.</summary>
public sealed record BriefingVersion(int Number, Briefing Content, string Change, PersonRef By, DateTimeOffset At);

/// <summary>
/// The briefing of one audit with every version ever composed or edited, which version the chair approved, and
/// where it was published. Versions are never changed or removed; an edit appends a new one.
/// </summary>
public sealed partial class BriefingRecord
{
    [JsonConstructor]
    private BriefingRecord()
    {
    }

    [JsonInclude]
    public Guid AuditId { get; private set; }

    /// <summary>The organisation this belongs to: only its people, in its turns, can find it (see DocumentChanges).</summary>
    [JsonInclude]
    public string? TenantId { get; private set; }

    [JsonInclude]
    public IReadOnlyList<BriefingVersion> Versions { get; private set; } = [];

    [JsonInclude]
    public int? ApprovedVersion { get; private set; }

    [JsonInclude]
    public PersonRef? ApprovedBy { get; private set; }

    [JsonInclude]
    public DateTimeOffset? ApprovedAt { get; private set; }

    [JsonInclude]
    public IReadOnlyList<ChannelPublication> Publications { get; private set; } = [];

    public BriefingVersion Latest => Versions[^1];

    public BriefingVersion? Approved => ApprovedVersion is { } n ? Version(n) : null;

    public BriefingVersion? Version(int number) => Versions.FirstOrDefault(v => v.Number == number);

    public bool IsLatestApproved => ApprovedVersion == Latest.Number;

    public static BriefingRecord Start(Briefing composed, PersonRef by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(composed);
        ArgumentNullException.ThrowIfNull(by);
        return new BriefingRecord
        {
            AuditId = composed.AuditId,
            TenantId = by.TenantId,
            Versions = [new BriefingVersion(1, composed, "Composed from the audit and the workshop", by, now)],
        };
    }

    /// <summary>
    /// Keeps a new version. Refused when the chair worked from an older version (someone else changed it), or
    /// when the result would be over the word limit.
    /// </summary>
    public DomainResult<BriefingVersion> AddVersion(Briefing content, string change, int basedOnVersion, PersonRef by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(by);
        if (basedOnVersion != Latest.Number)
        {
            return DomainResult<BriefingVersion>.Fail(DomainErrorKind.Stale,
                $"The briefing has changed since you opened it (you had version {basedOnVersion}, it is now version {Latest.Number}, "
                + $"saved by {MarkdownText.Escape(Latest.By.DisplayName)}). Here is the latest version; make your change again.");
        }

        var words = content.WordCount;
        // An edit that shortens an over-long briefing is kept, or a chair could never work down to the limit box by box.
        if (words > Briefing.MaxWords && words >= Latest.Content.WordCount)
        {
            return DomainResult<BriefingVersion>.Fail(DomainErrorKind.Invalid,
                $"That would make the briefing {words} words long; the limit is {Briefing.MaxWords} (about seven minutes read aloud). "
                + $"Please shorten it by {words - Briefing.MaxWords} words.");
        }

        var version = new BriefingVersion(Latest.Number + 1, content, change, by, now);
        Versions = [.. Versions, version];
        return DomainResult<BriefingVersion>.Ok(version);
    }

    /// <summary>
    /// Approves the latest version for publication. Refused while the identifier check finds anything, over the word limit,
    /// while its grades chart would disagree with its text (<see cref="GradeChart.Disagreement"/>), or when
    /// <paramref name="tooLargeToPost"/> says why the version could not be posted.
    /// </summary>
    public DomainResult Approve(int versionNumber, PersonRef by, DateTimeOffset now, FreeTextCheck identifiers,
        IReadOnlyList<string>? caseReferences = null, Func<Briefing, int, string?>? tooLargeToPost = null)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(identifiers);
        if (versionNumber != Latest.Number)
        {
            return DomainResult.Fail(DomainErrorKind.Stale,
                $"Version {versionNumber} is not the latest (version {Latest.Number} is). Review the latest version, then approve it.");
        }

        if (ApprovedVersion == versionNumber)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone,
                $"Version {versionNumber} was already approved by {MarkdownText.Escape(ApprovedBy?.DisplayName)} "
                + $"on {Moments.Day(ApprovedAt)}.");
        }

        var refusal = BriefingScreening.Of(Latest.Content.FullText(), identifiers, caseReferences)
            .Refusal("The briefing cannot be approved yet", "Edit the box that contains it.");
        if (refusal is not null)
        {
            return DomainResult.NotAllowed(refusal);
        }

        if (Latest.Content.WordCount > Briefing.MaxWords)
        {
            return DomainResult.Invalid(
                $"The briefing is {Latest.Content.WordCount} words; shorten it to {Briefing.MaxWords} or fewer before approving.");
        }

        if (GradeChart.Disagreement(Latest.Content) is { } disagreement)
        {
            return DomainResult.Invalid($"The briefing cannot be approved yet. {disagreement}");
        }

        if (tooLargeToPost?.Invoke(Latest.Content, versionNumber) is { } tooLarge)
        {
            return DomainResult.Invalid(tooLarge);
        }

        ApprovedVersion = versionNumber;
        ApprovedBy = by;
        ApprovedAt = now;
        return DomainResult.Ok;
    }

    /// <summary>Where the approved version has been posted, one entry per (version, channel).</summary>
    public ChannelPublication? FindPublication(string channelId, int? version = null) =>
        Publications.LastOrDefault(p =>
            string.Equals(p.ChannelId, channelId, StringComparison.Ordinal) && (version is null || p.Version == version));

    /// <summary>The newest publication in each channel, by channel name.</summary>
    public IReadOnlyList<ChannelPublication> LatestPublicationPerChannel() =>
        Publications
            .GroupBy(p => p.ChannelId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(p => p.Version).First())
            .OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>
    /// Counts a reminder posted on <paramref name="on"/> to the channel where the version was posted, changing nothing else of
    /// that publication (its upload, say, which a background pass may have finished since the reminder read it). A second
    /// reminder the same day is the one already counted (the outbox posts one per channel a day).
    /// </summary>
    public DomainResult RecordReminder(string channelId, int version, DateOnly on)
    {
        var publication = FindPublication(channelId, version);
        if (publication is null)
        {
            return DomainResult.NotFound("The briefing was not posted to that channel.");
        }

        if (publication.LastRemindedOn == on)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The channel was already reminded today.");
        }

        var reminded = publication with { RemindersSent = publication.RemindersSent + 1, LastRemindedOn = on };
        Publications = [.. Publications.Select(p => ReferenceEquals(p, publication) ? reminded : p)];
        return DomainResult.Ok;
    }

    /// <summary>Keeps where a version was posted; a second record for the same (version, channel) replaces the first.</summary>
    public void RecordPublication(ChannelPublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        NoteFirstPublication(publication);
        Publications =
            [.. Publications.Where(p => !(p.ChannelId == publication.ChannelId && p.Version == publication.Version)), publication];
    }
}
