using System.Text.RegularExpressions;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Architecture;

/// <summary>
/// Red is kept for what must not be missed: a child unsafe now, a message that did not reach someone, and overdue work on
/// the trackers. A refusal is amber (Reply.Refusal), and so is a form sent back with what is missing or wrong: a validation
/// message, an identifier check's finding, a change not saved. Read from the source tree: every use of the red tone or
/// colour in src/WorkshopBot is one of those listed here, with why; a new one fails until it is amber or listed.
/// </summary>
public sealed partial class ValidationTones
{
    /// <summary>Files (under src/WorkshopBot) that may use red, how many times, and why.</summary>
    private static readonly Dictionary<string, (int Uses, string Why)> Red = new(StringComparer.Ordinal)
    {
        ["Audits/Teams/Safety/SafetyCard.cs"] = (1, "the immediate-safety alert"),
        ["Audits/Teams/Safety/SafetyAlerts.Leads.cs"] = (1, "an immediate-safety alert the named lead must see"),
        ["Audits/Teams/Safety/SafetyAlerts.Acknowledged.cs"] = (1, "an acknowledged alert that did not reach the representative"),
        ["Audits/Teams/Safety/SafetyAlerts.Undelivered.cs"] = (1, "an immediate-safety alert that did not reach the chair"),
        ["Audits/Teams/Dashboard/ToolDelivery.cs"] = (1, "audit tools that did not reach representatives"),
        ["Audits/Teams/Dashboard/DashboardCard.cs"] = (2, "audit tools that did not reach representatives"),
        ["Audits/Teams/Returns/ReturnsCard.NotSaved.cs"] = (2, "answers a representative typed that were not saved"),
        ["Audits/Teams/AuditCardKit.cs"] = (1, "an overdue return on the tracker"),
        ["Audits/Teams/Tracker/TrackerCard.cs"] = (1, "overdue returns on the tracker"),
        ["Audits/Teams/Tracker/TrackerCard.List.cs"] = (1, "overdue returns on the tracker"),
        ["ActionPlans/Teams/TrackerCard.cs"] = (2, "overdue actions on the action-plan tracker"),
        ["ActionPlans/Teams/Plan/PlanCard.cs"] = (1, "an overdue action on the plan"),
        ["Operations/FailedMessageAlerts.cs"] = (1, "a message that did not reach someone"),
        ["Briefings/Jobs/BriefingFileAlerts.cs"] = (1, "a briefing's Word file that could not be deleted"),
        ["Briefings/Teams/Compose/ComposeCard.cs"] = (1, "the standing reminder that the briefing goes to team channels"),
        ["Help/Teams/Help/HelpCard.cs"] = (1, "the standing reminder never to type a child's details"),
        ["Common/Teams/CardKit.cs"] = (3, "the banner's look for the red tone itself"),
    };

    [Fact]
    public void RedIsUsedOnlyWhereListed()
    {
        var app = Path.Combine(RepositoryRoot.Find(), "src", "WorkshopBot");
        var found = Directory.EnumerateFiles(app, "*.cs", SearchOption.AllDirectories)
            .Select(f => (File: Path.GetRelativePath(app, f).Replace('\\', '/'), Uses: RedUse().Count(File.ReadAllText(f))))
            .Where(f => f.Uses > 0 && !f.File.StartsWith("bin/", StringComparison.Ordinal)
                && !f.File.StartsWith("obj/", StringComparison.Ordinal))
            .ToList();

        var unlisted = found.Where(f => !Red.TryGetValue(f.File, out var allowed) || f.Uses > allowed.Uses)
            .Select(f => $"{f.File}: {f.Uses}").ToList();
        Assert.True(unlisted.Count == 0,
            "Red (Tone.Error, ContainerStyle.Attention, TextColor.Attention) outside what must not be missed; a refusal or "
            + "a form's validation message is amber (Tone.Warning, TextColor.Warning): " + string.Join("; ", unlisted));
        // The list stays true: a file that no longer uses red is taken off it.
        Assert.Empty(Red.Keys.Except(found.Select(f => f.File), StringComparer.Ordinal));
    }

    [GeneratedRegex(@"\bTone\.Error\b|\bContainerStyle\.Attention\b|\bTextColor\.Attention\b")]
    private static partial Regex RedUse();
}
