using System.Text.Json.Serialization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// The chair (or a partnership admin, <see cref="ByChair"/> false) withdrew every version up to <see cref="ThroughVersion"/>:
/// their posts show only that it was withdrawn, and no discussion of them is recorded. A later version can be approved and
/// published (the correction).
/// </summary>
public sealed record BriefingWithdrawal(int ThroughVersion, PersonRef By, DateTimeOffset At, bool ByChair = true);

/// <summary>Withdrawal, and a version's post replaced by a newer version's post in the same channel.</summary>
public sealed partial class BriefingRecord
{
    /// <summary>Why a withdrawn version's Word file was not put in the channel's Files.</summary>
    public const string WithdrawnBeforeUpload = "The briefing was withdrawn before its Word version was uploaded.";

    /// <summary>Why a replaced version's Word file was not put in the channel's Files.</summary>
    public const string ReplacedBeforeUpload = "A newer version was posted to this channel before this version's Word file was uploaded.";

    /// <summary>Every withdrawal, oldest first; records stored before withdrawal existed have none.</summary>
    [JsonInclude]
    public IReadOnlyList<BriefingWithdrawal> Withdrawals { get; private set; } = [];

    /// <summary>The withdrawal that covers <paramref name="version"/>, or null when it was never withdrawn.</summary>
    public BriefingWithdrawal? WithdrawalOf(int version) => Withdrawals.FirstOrDefault(w => version <= w.ThroughVersion);

    /// <summary>
    /// The newest post in the same channel of a version newer than <paramref name="publication"/>'s, which replaced it there;
    /// null when it is the newest in its channel.
    /// </summary>
    public ChannelPublication? ReplacementOf(ChannelPublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        return Publications
            .Where(p => string.Equals(p.ChannelId, publication.ChannelId, StringComparison.Ordinal) && p.Version > publication.Version)
            .OrderByDescending(p => p.Version)
            .FirstOrDefault();
    }

    /// <summary>True when the post is neither withdrawn nor replaced in its channel: a team may still record a discussion of it.</summary>
    public bool IsLive(ChannelPublication publication) =>
        WithdrawalOf(publication.Version) is null && ReplacementOf(publication) is null;

    /// <summary>
    /// Keeps a new version's post to a channel: a Word file still waiting for an older version's post there is no longer
    /// uploaded (that post is replaced, and its link would bring back its text).
    /// </summary>
    public void RecordNewPost(ChannelPublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        RecordPublication(publication);
        foreach (var older in Publications.Where(p => p.Upload == FileUploadState.Pending && ReplacementOf(p) is not null).ToList())
        {
            RecordPublication(NotUploaded(older, ReplacedBeforeUpload));
        }
    }

    /// <summary>
    /// Withdraws every version published so far, and the approved one: their Word files still waiting are not uploaded.
    /// Refused when nothing posted is left to withdraw.
    /// </summary>
    public DomainResult<BriefingWithdrawal> Withdraw(PersonRef by, bool byChair, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (NothingToWithdraw() is { } nothing)
        {
            return DomainResult<BriefingWithdrawal>.From(nothing);
        }

        var posted = Publications.Where(p => WithdrawalOf(p.Version) is null).ToList();

        var withdrawal = new BriefingWithdrawal(Math.Max(posted.Max(p => p.Version), ApprovedVersion ?? 0), by, now, byChair);
        Withdrawals = [.. Withdrawals, withdrawal];
        foreach (var waiting in posted.Where(p => p.Upload == FileUploadState.Pending))
        {
            RecordPublication(NotUploaded(waiting, WithdrawnBeforeUpload));
        }

        return DomainResult<BriefingWithdrawal>.Ok(withdrawal);
    }

    /// <summary>
    /// Why there is nothing to withdraw: already withdrawn (and nothing published since), or never published; null when some
    /// post still shows the briefing.
    /// </summary>
    public DomainError? NothingToWithdraw()
    {
        if (Publications.Any(p => WithdrawalOf(p.Version) is null))
        {
            return null;
        }

        return Withdrawals.Count > 0
            ? new DomainError(DomainErrorKind.AlreadyDone, $"The briefing was already withdrawn by "
                + $"{MarkdownText.Escape(Withdrawals[^1].By.DisplayName)} on {Moments.Day(Withdrawals[^1].At)}. Nothing was changed.")
            : new DomainError(DomainErrorKind.Invalid,
                "The briefing has not been published to any channel, so there is nothing to withdraw. Nothing was changed.");
    }

    // A claimed upload that finishes after this is refused (FinishUpload wants it pending), so no link is added to the post.
    private static ChannelPublication NotUploaded(ChannelPublication publication, string why) =>
        publication with { Upload = FileUploadState.Failed, UploadError = why, UploadClaim = null, UploadDueAt = null };
}
