using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>The chair's export: the download link (when the bot has a public address) and a preview of the CSV.</summary>
public static class ExportCard
{
    /// <summary>How much CSV text the preview shows in all, so the card stays under Teams' size limit.</summary>
    public const int PreviewBudget = 20_000;

    public static AdaptiveCard Preview(WorkshopSession session, IReadOnlyList<(string FileName, string Csv)> files, Uri? download = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(files);
        var body = new List<CardElement>
        {
            Title("Workshop results (CSV)"),
            new TextBlock { Text = Shown(session.AuditTitle), Wrap = true, IsSubtle = true },
            new TextBlock
            {
                Text = download is null
                    ? "Downloads need the bot's public address (WorkshopBot:PublicBaseUrl); a preview follows."
                    : "Download the full file (the link is yours alone and works for 15 minutes). A preview follows.",
                Wrap = true,
                Size = TextSize.Small,
            },
        };
        var budget = PreviewBudget;
        foreach (var (fileName, csv) in files)
        {
            var shown = csv.Length <= budget ? csv : TextCut.Prefix(csv, Math.Max(0, budget)) + "\n... (shortened)";
            budget -= shown.Length;
            body.Add(new TextBlock { Text = fileName, Weight = TextWeight.Bolder, Separator = true });
            body.Add(new TextBlock
            {
                Text = shown.Length == 0 ? "(shortened)" : shown,
                Wrap = true,
                Size = TextSize.Small,
                Style = TextBlockStyle.Default,
            });
        }

        return new AdaptiveCard
        {
            FallbackText = "Workshop results as CSV",
            Body = body,
            Actions = download is null ? null : [new OpenUrlAction(download, "Download CSV")],
        };
    }
}
