namespace WorkshopBot.Common.Privacy;

/// <summary>The outcome of scanning a piece of free text for direct identifiers.</summary>
public sealed record IdentifierCheck(IReadOnlyList<IdentifierFinding> Findings)
{
    public static IdentifierCheck Clean { get; } = new([]);

    public bool HasFindings => Findings.Count > 0;

    /// <summary>Whether every finding may be kept once the author confirms it (see <see cref="IdentifierFinding.Confirmable"/>).</summary>
    public bool Confirmable => Findings.All(f => f.Confirmable);

    /// <summary>Whether the text could not be checked (see <see cref="IdentifierKind.Unchecked"/>).</summary>
    public bool Unchecked => Has(IdentifierKind.Unchecked);

    public bool Has(IdentifierKind kind) => Findings.Any(f => f.Kind == kind);

    /// <summary>
    /// Whether the text must not be stored: it has a finding, and the author has not confirmed or a finding may not be
    /// confirmed at all. Every screen that offers a confirmation decides with this, so a forged confirmation changes nothing.
    /// </summary>
    public bool Refuses(bool confirmed) => HasFindings && !(confirmed && Confirmable);

    /// <summary>
    /// One line for the author, e.g. "Found 2 possible identifiers: a phone number and a name. Please remove it, or
    /// confirm it is needed. ...", or, with a finding that cannot be confirmed, what cannot be kept and what to do.
    /// </summary>
    public string Summary
    {
        get
        {
            if (!HasFindings)
            {
                return "No personal identifiers found.";
            }

            if (Unchecked)
            {
                return IdentifierScanner.UncheckedMessage;
            }

            var parts = Findings
                .GroupBy(f => f.Kind)
                .OrderBy(g => g.Key)
                .Select(g => Describe(g.Key, g.Count()))
                .ToList();
            var noun = Findings.Count == 1 ? "possible identifier" : "possible identifiers";
            var found = $"Found {Findings.Count} {noun}: {JoinWithAnd(parts)}. ";
            return Confirmable
                ? found + "Please remove it, or confirm it is needed. Use the case reference and age band instead."
                : found + CannotBeKept(Findings);
        }
    }

    /// <summary>
    /// What the author is told about the findings that cannot be confirmed, e.g. "An NHS number cannot be kept, even if
    /// you confirm. Remove it; use the case reference and age band instead."; null when every finding may be confirmed.
    /// </summary>
    public static string? CannotBeKept(IEnumerable<IdentifierFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var refused = findings.Where(f => !f.Confirmable).ToList();
        if (refused.Count == 0)
        {
            return null;
        }

        if (refused.Any(f => f.Kind == IdentifierKind.Unchecked))
        {
            return IdentifierScanner.UncheckedMessage;
        }

        var parts = refused
            .GroupBy(f => f.Kind)
            .OrderBy(g => g.Key)
            .Select(g => Describe(g.Key, g.Count()))
            .ToList();
        var what = JoinWithAnd(parts);
        return $"{char.ToUpperInvariant(what[0])}{what[1..]} cannot be kept, even if you confirm. "
            + $"Remove {(refused.Count == 1 ? "it" : "them")}; use the case reference and age band instead.";
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
