using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Privacy.Sweep;

/// <summary>The identifiers the sweep removed from one object, by kind: counts only, never the text.</summary>
public sealed record RemovedIdentifiers(int NhsNumbers, int Postcodes, int DatesOfBirth)
{
    public static RemovedIdentifiers None { get; } = new(0, 0, 0);

    [JsonIgnore]
    public int Total => NhsNumbers + Postcodes + DatesOfBirth;

    public RemovedIdentifiers Plus(RemovedIdentifiers other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(NhsNumbers + other.NhsNumbers, Postcodes + other.Postcodes, DatesOfBirth + other.DatesOfBirth);
    }

    internal RemovedIdentifiers Plus(IdentifierKind kind) => kind switch
    {
        IdentifierKind.NhsNumber => this with { NhsNumbers = NhsNumbers + 1 },
        IdentifierKind.Postcode => this with { Postcodes = Postcodes + 1 },
        _ => this with { DatesOfBirth = DatesOfBirth + 1 },
    };
}

/// <summary>One stored document after the sweep read it.</summary>
/// <param name="Json">The new JSON when something was removed; null when the document stays as it is.</param>
/// <param name="Removed">What was removed.</param>
/// <param name="Unchecked">Some text in it could not be checked (a pattern ran out of time): nothing in it is changed.</param>
/// <param name="Unreadable">It is not a JSON object (the bot cannot read it either): nothing in it is changed.</param>
public sealed record RedactedDocument(string? Json, RemovedIdentifiers Removed, bool Unchecked, bool Unreadable);

/// <summary>
/// Removes from stored text the identifiers that can no longer be kept by confirming them (see
/// <see cref="IdentifierFinding.Confirmable"/>): each match's characters become a plain marker, the rest of the text stays.
/// Everything a person may still confirm (names, phone numbers, email and street addresses, dates not labelled as births)
/// is left. Running it on text it has already swept changes nothing: the markers hold no identifier.
/// </summary>
public static partial class IdentifierRedaction
{
    public const string NhsNumberMarker = "[NHS number removed]";
    public const string PostcodeMarker = "[postcode removed]";
    public const string DateOfBirthMarker = "[date of birth removed]";

    public static string Marker(IdentifierKind kind) => kind switch
    {
        IdentifierKind.NhsNumber => NhsNumberMarker,
        IdentifierKind.Postcode => PostcodeMarker,
        IdentifierKind.DateOfBirth => DateOfBirthMarker,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only identifiers that cannot be confirmed are removed."),
    };

    /// <summary>
    /// The text with every finding that cannot be confirmed replaced by its marker; null when it could not be checked
    /// (<see cref="IdentifierKind.Unchecked"/>), so the caller leaves it as it is.
    /// </summary>
    public static (string Text, RemovedIdentifiers Removed)? Redact(string text, IReadOnlyList<IdentifierFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Any(f => f.Kind == IdentifierKind.Unchecked))
        {
            return null;
        }

        var removed = RemovedIdentifiers.None;
        var result = text;
        var end = int.MaxValue;
        // From the last to the first, so earlier offsets stay right; a finding overlapping one already replaced is skipped.
        foreach (var finding in findings.Where(f => !f.Confirmable).OrderByDescending(f => f.Start))
        {
            if (finding.End > end || finding.Start < 0 || finding.End > text.Length)
            {
                continue;
            }

            result = string.Concat(result.AsSpan(0, finding.Start), Marker(finding.Kind), result.AsSpan(finding.End));
            removed = removed.Plus(finding.Kind);
            end = finding.Start;
        }

        return (result, removed);
    }

    /// <summary>
    /// False when the text cannot hold an identifier the sweep removes, so it need not be scanned: it has no digit once
    /// folded (<see cref="FoldedText"/>: "９" is "9"), no two words for digits close together (an NHS number or a postcode
    /// said in words, "nine four three ...", "l s six two a b", "S W one A, one A A") and no birth label (a date of birth
    /// in words, "born on the fourth of March", "DOB four three nineteen"). Most stored text is none of these, which keeps
    /// the sweep of a large store short.
    /// </summary>
    public static bool MayHoldRefused(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Folding turns only characters beyond ASCII into digits or letters, so plain ASCII text is not folded.
        var folded = Ascii.IsValid(text) ? text : FoldedText.Fold(text).Text;
        try
        {
            return folded.Any(char.IsDigit) || DigitWordsOrBirthLabel().IsMatch(folded);
        }
        catch (RegexMatchTimeoutException)
        {
            // Only a starved machine gets here: the text is scanned, and the scan says when it could not be checked.
            return true;
        }
    }

    // Two words for digits with at most a letter between ("six two", "one A, one"), or a birth label.
    [GeneratedRegex(@"\b(?:" + DigitWord + @")[\s,.\-–—/]{1,3}(?:[a-z][\s,.\-–—/]{1,3})?(?:" + DigitWord + @")\b"
        + @"|\b(?:d\.?\s?o\.?\s?b|date\s+of\s+birth|birth\s*date|birthday|born)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DigitWordsOrBirthLabel();

    private const string DigitWord = "zero|nought|oh|one|two|three|four|five|six|seven|eight|nine|double|triple";

    /// <summary>Sweeps every text in a stored document's JSON except its ids, keys, addresses and stamps.</summary>
    /// <param name="json">The document as stored.</param>
    /// <param name="scanner">The identifier scanner.</param>
    /// <param name="clean">Texts found clean earlier in the same run (question prompts repeat in every return); grows.</param>
    public static RedactedDocument RedactJson(string json, IdentifierScanner scanner, HashSet<string>? clean = null)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json ?? "");
        }
        catch (JsonException)
        {
            return new RedactedDocument(null, RemovedIdentifiers.None, Unchecked: false, Unreadable: true);
        }

        if (root is not JsonObject document)
        {
            return new RedactedDocument(null, RemovedIdentifiers.None, Unchecked: false, Unreadable: true);
        }

        var sweep = new Walk(scanner, clean ?? []);
        sweep.Visit(document, null);
        return sweep.Unchecked || sweep.Removed.Total == 0
            ? new RedactedDocument(null, RemovedIdentifiers.None, sweep.Unchecked, Unreadable: false)
            : new RedactedDocument(document.ToJsonString(DocumentStoreExtensions.DefaultJsonOptions), sweep.Removed, false, false);
    }

    /// <summary>
    /// A property that holds no free text: an id, a key, an address or a stamp ("id", "auditId", "userKey", "serviceUrl").
    /// Left alone so a structural value is never rewritten.
    /// </summary>
    internal static bool IsStructural(string? property) =>
        property is not null && (property.Equals("id", StringComparison.OrdinalIgnoreCase)
            || property.EndsWith("Id", StringComparison.Ordinal) || property.EndsWith("Ids", StringComparison.Ordinal)
            || property.EndsWith("Key", StringComparison.Ordinal) || property.EndsWith("Keys", StringComparison.Ordinal)
            || property.EndsWith("Url", StringComparison.Ordinal) || property.Equals("key", StringComparison.OrdinalIgnoreCase));

    private sealed class Walk(IdentifierScanner scanner, HashSet<string> clean)
    {
        /// <summary>The most clean texts remembered in one run (each at most <see cref="RememberedLength"/> characters).</summary>
        private const int Remembered = 20_000;

        private const int RememberedLength = 4_000;

        public RemovedIdentifiers Removed { get; private set; } = RemovedIdentifiers.None;

        public bool Unchecked { get; private set; }

        public void Visit(JsonNode? node, string? property)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj.ToList())
                    {
                        if (Swept(child, name) is { } text)
                        {
                            obj[name] = text;
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (Swept(array[i], property) is { } text)
                        {
                            array[i] = text;
                        }
                    }

                    break;
            }
        }

        /// <summary>The new text of a string value when something was removed from it; null otherwise (other nodes are walked).</summary>
        private string? Swept(JsonNode? node, string? property)
        {
            if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                Visit(node, property);
                return null;
            }

            var text = value.GetValue<string>();
            if (IsStructural(property) || text.Length == 0 || Guid.TryParse(text, out _) || clean.Contains(text) || !MayHoldRefused(text))
            {
                return null;
            }

            if (Redact(text, scanner.Scan(text)) is not { } redacted)
            {
                Unchecked = true;
                return null;
            }

            if (redacted.Removed.Total == 0)
            {
                if (clean.Count < Remembered && text.Length <= RememberedLength)
                {
                    clean.Add(text);
                }

                return null;
            }

            Removed = Removed.Plus(redacted.Removed);
            return redacted.Text;
        }
    }
}
