// The text of a claimed upload read again before its Word file is made (see BriefingUploadScreening).
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;

namespace WorkshopBot.Briefings.Jobs;

public sealed partial class BriefingUploads
{
    /// <summary>
    /// Null when the claimed version's text passes the check of today; otherwise the failure to keep, the chair told in the
    /// same unit of work. Throws when that could not be stored (others kept changing the same documents): the step fails, its
    /// claim runs out, and a later pass checks again, so a text never goes up unchecked.
    /// </summary>
    private async Task<FileUploadResult?> RefusedByCheckAsync(ClaimedUpload claimed, CancellationToken cancellationToken) =>
        (await runner.RunAsync(async (services, ct) => new TextChecked(await services.GetRequiredService<BriefingUploadScreening>()
                .RefuseAsync(claimed, ct).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The check of a briefing upload's text could not be stored."))
        .Refusal;

    private sealed record TextChecked(FileUploadResult? Refusal);
}
