using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// The DOCX uploads Publish queued (<see cref="FileUploadState.Pending"/>), taken and finished by the background upload. A
/// pass claims one before it uploads and keeps its outcome only while its claim still stands, so two instances never
/// record two outcomes for one file, and one cut off by a crash is taken again once its claim has run out.
/// </summary>
public sealed partial class BriefingRecord
{
    /// <summary>True while any publication's DOCX waits for the background upload (the store finds such briefings by it).</summary>
    public bool HasPendingUploads => Publications.Any(p => p.Upload == FileUploadState.Pending);

    /// <summary>The queued uploads a pass may take at <paramref name="now"/>: nobody holds them and any wait is over.</summary>
    public IReadOnlyList<ChannelPublication> UploadsDue(DateTimeOffset now) =>
        Publications.Where(p => p.Upload == FileUploadState.Pending && !(p.UploadDueAt > now)).ToList();

    /// <summary>
    /// Takes one queued upload for the pass named <paramref name="claim"/> until <paramref name="until"/>. Refused when it no
    /// longer waits (done, retried by the chair, or published again as another attempt), or another pass holds it, or its
    /// next try is not due yet.
    /// </summary>
    public DomainResult<ChannelPublication> ClaimUpload(
        string channelId, int version, int attempt, string claim, DateTimeOffset now, DateTimeOffset until)
    {
        var publication = FindPublication(channelId, version);
        if (publication is not { Upload: FileUploadState.Pending } || publication.Attempt != attempt)
        {
            return DomainResult<ChannelPublication>.Fail(DomainErrorKind.AlreadyDone, "The upload is no longer waiting.");
        }

        if (publication.UploadDueAt > now)
        {
            return DomainResult<ChannelPublication>.Fail(DomainErrorKind.AlreadyDone,
                "Another pass is uploading the file, or its next try is not due yet.");
        }

        var claimed = publication with { UploadClaim = claim, UploadDueAt = until, UploadTries = publication.UploadTries + 1 };
        RecordPublication(claimed);
        return DomainResult<ChannelPublication>.Ok(claimed);
    }

    /// <summary>
    /// Takes the chair's Retry upload of a version's file to a channel as a claim of <paramref name="claim"/> until
    /// <paramref name="until"/>, as a background pass takes a queued upload, so its outcome is kept the same way
    /// (<see cref="FinishUpload"/>) and, were the instance to die meanwhile, the background upload takes it once the claim has
    /// run out. Refused when the version's post there no longer shows it (a withdrawal or a newer post came first) or its
    /// upload is already on its way.
    /// </summary>
    public DomainResult<ChannelPublication> ClaimRetry(string channelId, int version, string claim, DateTimeOffset until)
    {
        var publication = FindPublication(channelId, version);
        if (publication is null || Version(version) is null || !IsLive(publication))
        {
            return DomainResult<ChannelPublication>.Fail(DomainErrorKind.AlreadyDone, "This version is no longer shown in that channel.");
        }

        if (publication.Upload == FileUploadState.Pending)
        {
            return DomainResult<ChannelPublication>.Fail(DomainErrorKind.AlreadyDone, "The upload is already on its way.");
        }

        var claimed = publication with
        {
            Upload = FileUploadState.Pending, UploadClaim = claim, UploadDueAt = until, UploadTries = 1, UploadError = null,
        };
        RecordPublication(claimed);
        return DomainResult<ChannelPublication>.Ok(claimed);
    }

    /// <summary>
    /// Keeps the outcome of the upload the pass <paramref name="claim"/> made: Uploaded with its link or Failed with why; or,
    /// with <paramref name="retryAt"/> (Graph was busy), queued again until then. Refused when the claim is no longer the
    /// pass's (it ran past its end and another pass took the upload over) or the publication changed meanwhile: the outcome
    /// of whoever holds it now is kept instead, so the record settles on one.
    /// </summary>
    public DomainResult<ChannelPublication> FinishUpload(string channelId, int version, int attempt, string claim, bool succeeded,
        string? fileUrl, string? error, DateTimeOffset? retryAt = null)
    {
        var publication = FindPublication(channelId, version);
        if (publication is not { Upload: FileUploadState.Pending } || publication.Attempt != attempt
            || !string.Equals(publication.UploadClaim, claim, StringComparison.Ordinal))
        {
            return DomainResult<ChannelPublication>.Fail(DomainErrorKind.AlreadyDone, "The upload is no longer this pass's.");
        }

        var finished = !succeeded && retryAt is { } at
            ? publication with { UploadClaim = null, UploadDueAt = at, UploadError = error }
            : publication with
            {
                Upload = succeeded ? FileUploadState.Uploaded : FileUploadState.Failed,
                FileUrl = succeeded ? fileUrl : publication.FileUrl,
                UploadError = succeeded ? null : error,
                UploadClaim = null,
                UploadDueAt = null,
            };
        RecordPublication(finished);
        return DomainResult<ChannelPublication>.Ok(finished);
    }
}
