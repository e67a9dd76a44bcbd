namespace WorkshopBot.Common.Privacy;

/// <summary>The outcome of scanning a piece of free text for direct identifiers.</summary>
public sealed record IdentifierCheck(IReadOnlyList<IdentifierFinding> Findings)
{
    public static IdentifierCheck Clean { get; } = new([]);

    public bool HasFindings => Findings.Count > 0;

    public bool Has(IdentifierKind kind) => Findings.Any(f => f.Kind == kind);

    /// <summary>One line for the author, e.g. "Found 2 possible identifiers: an NHS number and a postcode. ...".</summary>
    public string Summary
    {
        get
        {
            if (!HasFindings)
            {
                return "No personal identifiers found.";
            }

            var parts = Findings
                .GroupBy(f => f.Kind)
                .OrderBy(g => g.Key)
                .Select(g => Describe(g.Key, g.Count()))
                .ToList();
            var noun = Findings.Count == 1 ? "possible identifier" : "possible identifiers";
            return $"Found {Findings.Count} {noun}: {JoinWithAnd(parts)}. "
                + "Please remove it, or confirm it is needed. Use the case reference and age band instead.";
        }
    }

    private static string Describe(IdentifierKind kind, int count) => (kind, count) switch
    {
        (IdentifierKind.NhsNumber, 1) => "an NHS number",
        (IdentifierKind.NhsNumber, _) => $"{count} NHS numbers",
        (IdentifierKind.DateOfBirth, 1) => "a date of birth",
        (IdentifierKind.DateOfBirth, _) => $"{count} dates of birth",
        (IdentifierKind.Postcode, 1) => "a postcode",
        (IdentifierKind.Postcode, _) => $"{count} postcodes",
        (IdentifierKind.PhoneNumber, 1) => "a phone number",
        (IdentifierKind.PhoneNumber, _) => $"{count} phone numbers",
        (IdentifierKind.Email, 1) => "an email address",
        (IdentifierKind.Email, _) => $"{count} email addresses",
        (IdentifierKind.PersonName, 1) => "a name",
        (IdentifierKind.PersonName, _) => $"{count} names",
        (IdentifierKind.StreetAddress, 1) => "a street address",
        (IdentifierKind.StreetAddress, _) => $"{count} street addresses",
        _ => $"{count} identifiers",
    };

    private static string JoinWithAnd(IReadOnlyList<string> parts) => parts.Count switch
    {
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };
}
