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

    /// <summary>
    /// For a date of birth: true when a birth label introduces it ("DOB 12/03/2019", "born on ..."); false when it is
    /// bare, or only a person introduces it ("Tyler, 17/08/2016", "Child A (12/03/2019)"), which may be an event's date.
    /// </summary>
    public bool BirthLabelled { get; init; }

    /// <summary>
    /// Whether the author may keep the text by confirming it is not identifying. Names, phone numbers, email and street
    /// addresses and dates not labelled as births may be false alarms, so they may be confirmed. A checksum-valid NHS number,
    /// a full postcode and a date labelled as a birth are near-certain and never needed, so they are refused even with a
    /// confirmation; so is text that could not be checked. This is the one place that rule is written.
    /// </summary>
    public bool Confirmable => Kind switch
    {
        IdentifierKind.NhsNumber or IdentifierKind.Postcode or IdentifierKind.Unchecked => false,
        IdentifierKind.DateOfBirth => !BirthLabelled,
        _ => true,
    };

    public bool Overlaps(IdentifierFinding other) => Start < other.End && other.Start < End;
}
