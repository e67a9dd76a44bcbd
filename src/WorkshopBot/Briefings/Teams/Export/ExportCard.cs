using WorkshopBot.Cards;

namespace WorkshopBot.Briefings.Teams;

/// <summary>The chair's download links for the briefing as Word and as Markdown.</summary>
public static class ExportCard
{
    public static AdaptiveCard Export(Guid auditId, int version, Uri? docx, Uri? markdown) => new()
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
                    ? "Downloads are not available: the bot's public address (WorkshopBot:PublicBaseUrl) is not set. "
                      + "Ask your administrator."
                    : "These links are for you only and stop working after a few minutes.",
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
