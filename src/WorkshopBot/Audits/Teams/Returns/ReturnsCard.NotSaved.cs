using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Audits.Teams.AuditCardKit;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>One thing the representative typed on a card that could not be saved: where it goes, and the text.</summary>
public sealed record UnsavedText(string Label, string? Text);

/// <summary>
/// What was typed on a card that could not be saved (an older card of a return saved since in another window, or one
/// submitted since), shown back rather than dropped: Teams replaces the card with the answer, so text not shown is lost.
/// </summary>
public static partial class ReturnsCard
{
    public const string NotSavedTitle = "Not saved: what you typed on that card";

    /// <summary>Older Teams clients and connectors break above about 28 KB a card.</summary>
    public const int MaxCardBytes = 28 * 1024;

    /// <summary>The answers typed on a section card that differ from those stored now, in the tool's order.</summary>
    public static IReadOnlyList<UnsavedText> Unsaved(AuditReturn ret, TypedAnswers typed)
    {
        ArgumentNullException.ThrowIfNull(ret);
        ArgumentNullException.ThrowIfNull(typed);
        var unsaved = new List<UnsavedText>();
        foreach (var q in ret.AllQuestions)
        {
            if (!typed.ByQuestion.TryGetValue(q.Id, out var t))
            {
                continue;
            }

            var value = ParseAnswer(t.Value);
            var narrative = FreeText.Normalise(t.Narrative);
            var stored = ret.AnswerTo(q.Id);
            var same = value == stored?.Value && narrative == (stored?.Narrative ?? string.Empty);
            if (!same && (value is not null || narrative.Length > 0))
            {
                var label = $"Question {ret.NumberOf(q.Id)}" + (value is null ? string.Empty : $": {AnswerLabel(value)}");
                unsaved.Add(new UnsavedText(label, narrative.Length == 0 ? null : narrative));
            }
        }

        return unsaved;
    }

    /// <summary>The learning and grade typed on a summary card that differ from those stored now.</summary>
    public static IReadOnlyList<UnsavedText> Unsaved(AuditReturn ret, SaveSummaryData typed)
    {
        ArgumentNullException.ThrowIfNull(ret);
        ArgumentNullException.ThrowIfNull(typed);
        var unsaved = new List<UnsavedText>();
        void Text(string label, string? text, string? stored)
        {
            var t = FreeText.Normalise(text);
            if (t.Length > 0 && t != (stored ?? string.Empty))
            {
                unsaved.Add(new UnsavedText(label, t));
            }
        }

        Text("Good practice", typed.GoodPractice, ret.GoodPractice);
        Text("Areas for development", typed.AreasForDevelopment, ret.AreasForDevelopment);
        Text("Recommendations", typed.Recommendations, ret.Recommendations);
        // Only a grade on the scale is shown back: a forged value is not echoed into the card.
        if (ret.GradeScale.FindLevel(typed.Grade?.Trim()) is { } level && level.Key != ret.GradeKey)
        {
            unsaved.Add(new UnsavedText($"Single-agency grade: {level.Label}", null));
        }

        return unsaved;
    }

    private static IEnumerable<CardElement> NotSaved(IReadOnlyList<UnsavedText>? unsaved, string hint)
    {
        if (unsaved is not { Count: > 0 })
        {
            yield break;
        }

        var items = new List<CardElement> { new TextBlock(NotSavedTitle) { Weight = TextWeight.Bolder, Wrap = true }, Small(hint) };
        foreach (var u in unsaved)
        {
            items.Add(new TextBlock(Literal(u.Label)) { Weight = TextWeight.Bolder, Wrap = true, Size = TextSize.Small });
            if (u.Text is not null)
            {
                items.Add(new TextBlock(Literal(u.Text)) { Wrap = true, Spacing = Spacing.None });
            }
        }

        yield return new Container { Style = ContainerStyle.Attention, Items = items };
    }

    private const string CopyBelow = "Copy what you want to keep into the answers below (they are as saved now), then save.";
    private const string CopyLater = "Copy what you want to keep: the return as saved now opens with the button below.";
    private const string KeepForReopening = "The return is read-only: copy what you want to keep, and ask the chair to reopen it.";

    /// <summary>
    /// <paramref name="card"/>, unless what was not saved makes it too large for Teams: then a card with that text only
    /// and a button to open the return as it is now (<paramref name="open"/>), so nothing typed is cut.
    /// </summary>
    public static AdaptiveCard Fitted(AdaptiveCard card, Audit audit, AuditReturn ret, string message,
        IReadOnlyList<UnsavedText> unsaved, ReturnRefData open)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ret);
        if (unsaved.Count == 0 || AdaptiveCardJson.SerializeToUtf8Bytes(card).Length <= MaxCardBytes)
        {
            return card;
        }

        var body = new List<CardElement>
        {
            Heading($"Audit tool: {Literal(audit.Title)}"),
            Subtle($"{Literal(ret.AgencyName)} · case {ret.CaseReference}"),
        };
        body.AddRange(Message(message, Tone.Error));
        body.AddRange(NotSaved(unsaved, ret.IsReadOnly ? KeepForReopening : CopyLater));
        return new AdaptiveCard
        {
            FallbackText = $"Audit tool for case {ret.CaseReference}: not saved",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions = [Go(ReturnsScreen.OpenReturn, open, ret.IsReadOnly ? "View the return" : "Open the latest answers",
                ActionStyle.Positive)],
        };
    }
}
