using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>The export card: download links for the chair, with a warning about where the files may be kept.</summary>
public static class ExportCard
{
    public static AdaptiveCard Links(Audit audit, Uri csv, Uri json, DateTimeOffset expiresAt) => new()
    {
        FallbackText = "Export of audit returns",
        Body =
        [
            Heading($"Export: {Literal(audit.Title)}"),
            Subtle($"Please do not forward these links: anyone with a link can download the files until it expires at "
                + $"{DateTime(expiresAt)}. "
                + "The files hold the submitted returns; drafts are not included. "
                + "The files contain special-category data: store them only in your agency's secure systems."),
        ],
        Actions =
        [
            new OpenUrlAction(csv, "Download CSV"),
            new OpenUrlAction(json, "Download JSON"),
            Go(TrackerScreen.Tracker, new AuditRefData(audit.Id), "Back to the tracker"),
        ],
    };
}
