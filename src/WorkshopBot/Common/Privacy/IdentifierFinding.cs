namespace WorkshopBot.Common.Privacy;

/// <summary>One possible identifier found in a piece of free text.</summary>
/// <param name="Kind">What it looks like.</param>
/// <param name="Start">Index of the first character of the match in the scanned text.</param>
/// <param name="Length">Number of characters matched.</param>
/// <param name="Text">The matched text, so the author can find and remove it.</param>
/// <param name="Message">A plain-English message for the author.</param>
public sealed record IdentifierFinding(IdentifierKind Kind, int Start, int Length, string Text, string Message)
{
    public int End => Start + Length;

    public bool Overlaps(IdentifierFinding other) => Start < other.End && other.Start < End;
}
