using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Briefings.Teams;

/// <summary>The chair's download links for the briefing as Word and as Markdown.</summary>
public static class ExportCard
{
    /// <summary>
    /// The links, which anyone they are forwarded to can use until they expire (the earlier of the two,
    /// <paramref name="expiresAt"/>), so the card asks the chair not to forward them.
    /// </summary>
    public static AdaptiveCard Export(Guid auditId, int version, Uri? docx, Uri? markdown, DateTimeOffset expiresAt) => new()
    {
        FallbackText = "Export the briefing",
        Body =
        [
            new TextBlock
            {
                Text = $"Export version {version}", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true,
                Style = TextBlockStyle.Heading,
            },
            new TextBlock
            {
                Text = docx is null
                    ? CardKit.DownloadsNotSetUp
                    : "Please do not forward these links: anyone with a link can download the briefing until it expires on "
                      + $"{Moments.DateAndTime(expiresAt)}. Download the files you need and share those instead.",
                Wrap = true,
            },
        ],
        Actions = docx is null || markdown is null
            ? [BriefingReply.BackToBriefing(auditId)]
            :
            [
                new OpenUrlAction(docx, "Download Word (DOCX)"),
                new OpenUrlAction(markdown, "Download Markdown"),
                BriefingReply.BackToBriefing(auditId),
            ],
    };
}
