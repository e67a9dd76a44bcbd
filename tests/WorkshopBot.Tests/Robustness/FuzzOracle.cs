using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Robustness;

/// <summary>What an input must get, as far as the rules of <c>/api/messages</c> decide it before any screen runs.</summary>
internal enum Verdict
{
    /// <summary>Anything but a 5xx (a screen decides).</summary>
    Open,

    /// <summary>Over the body cap: 413.</summary>
    TooLarge,

    /// <summary>A body not declared JSON (application/json, no charset or UTF-8): 415.</summary>
    NotJson,

    /// <summary>Not an activity the bot can read: 400.</summary>
    Malformed,

    /// <summary>Well formed but refused before any screen (no token, a channel other than msteams, another tenant).</summary>
    Refused,
}

/// <summary>
/// The test's own reading of the endpoint's rules, written from the documented contract (ARCH-NOTES "A turn") rather than
/// from the bot's parser: a body that is not UTF-8 or not JSON, a string that is not valid UTF-16 or holds U+0000 once
/// unescaped, no type, no conversation id, a serviceUrl that is not plain http(s) or carries credentials, a null in a
/// list, or two different tenant ids is malformed; a request without a token (whatever its body, since the token is
/// checked first), from a channel other than msteams or from a tenant the bot does not serve is refused. Anything it
/// cannot decide is <see cref="Verdict.Open"/>.
/// </summary>
internal static class FuzzOracle
{
    public const int MaxBodyBytes = 256 * 1024;

    private static readonly string[] Lists = ["membersAdded", "membersRemoved", "entities", "attachments"];

    public static (Verdict Verdict, string Why) Judge(FuzzInput input)
    {
        if (input.Method != "POST" || input.Path != "/api/messages")
        {
            return (Verdict.Open, "not an activity");
        }

        // The token is checked before the body is read: without one, whatever the body, the request is refused (401).
        if (input.TokenServiceUrl is null)
        {
            return (Verdict.Refused, "no token");
        }

        // Then the declared type, still before the body is read.
        if (!DeclaredJson(input.ContentType))
        {
            return (Verdict.NotJson, "not declared JSON");
        }

        var bytes = input.RawBytes ?? Encoding.UTF8.GetBytes(input.Body);
        if (bytes.Length > MaxBodyBytes)
        {
            return (Verdict.TooLarge, "over the cap");
        }

        if (Malformed(bytes) is { } why)
        {
            return (Verdict.Malformed, why);
        }

        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (Member(root, "channelId") is not { ValueKind: JsonValueKind.String } channel
            || !string.Equals(channel.GetString(), "msteams", StringComparison.OrdinalIgnoreCase))
        {
            return (Verdict.Refused, "channel");
        }

        var tenant = Text(Member(Member(root, "conversation"), "tenantId")) ?? TeamsChannelDataReading.TenantId(root);
        return tenant is not null && string.Equals(tenant.Trim(), BotTestHost.TenantId, StringComparison.OrdinalIgnoreCase)
            ? (Verdict.Open, "")
            : (Verdict.Refused, "tenant");
    }

    /// <summary>application/json with no charset, or UTF-8; none at all (an empty type is sent without the header) is not.</summary>
    private static bool DeclaredJson(string contentType)
    {
        var parts = contentType.Split(';', StringSplitOptions.TrimEntries);
        if (!parts[0].Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return parts.Skip(1).All(p => !p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase)
            || p["charset=".Length..].Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Why the body is malformed, or null.</summary>
    private static string? Malformed(byte[] bytes)
    {
        if (!Utf8.IsValid(bytes))
        {
            return "not UTF-8";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return "not JSON";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "not an object";
            }

            if (!TextIsValid(root))
            {
                return "invalid UTF-16 or U+0000";
            }

            if (string.IsNullOrWhiteSpace(Text(Member(root, "type"), strict: true)))
            {
                return "no type";
            }

            var conversation = Member(root, "conversation");
            if (conversation is not { ValueKind: JsonValueKind.Object }
                || string.IsNullOrWhiteSpace(Text(Member(conversation, "id"), strict: true)))
            {
                return "no conversation id";
            }

            var serviceUrl = Text(Member(root, "serviceUrl"), strict: true);
            if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.UserInfo.Length > 0)
            {
                return "serviceUrl";
            }

            foreach (var list in Lists)
            {
                if (Member(root, list) is { ValueKind: not JsonValueKind.Null } items
                    && (items.ValueKind != JsonValueKind.Array || items.EnumerateArray().Any(i => i.ValueKind == JsonValueKind.Null)))
                {
                    return "null in " + list;
                }
            }

            // Two different tenant ids (either may be absent or empty): channel data that cannot be read as Teams' counts
            // as absent (TeamsChannelDataReading).
            return TwoTenants(root) ? "two tenants" : null;
        }
    }

    private static bool TwoTenants(JsonElement root)
    {
        var fromConversation = Text(Member(Member(root, "conversation"), "tenantId"));
        var fromChannelData = TeamsChannelDataReading.TenantId(root);
        return !string.IsNullOrEmpty(fromConversation) && !string.IsNullOrEmpty(fromChannelData)
            && !string.Equals(fromConversation, fromChannelData, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A member by name as the bot binds it: names match in any case and the last of duplicates wins.</summary>
    internal static JsonElement? Member(JsonElement? parent, string name)
    {
        if (parent is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        JsonElement? found = null;
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                found = property.Value;
            }
        }

        return found;
    }

    /// <summary>A string member's text; null when absent or null. Strict: a member of another type reads as empty.</summary>
    internal static string? Text(JsonElement? value, bool strict = false) => value switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        null or { ValueKind: JsonValueKind.Null } => null,
        _ => strict ? "" : null,
    };

    private static bool TextIsValid(JsonElement element)
    {
        try
        {
            return AllTextValid(element);
        }
        catch (InvalidOperationException)
        {
            // A name or string the reader cannot turn into UTF-16 at all.
            return false;
        }
    }

    private static bool AllTextValid(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return element.EnumerateObject().All(p => IsValidUtf16(p.Name) && AllTextValid(p.Value));
            case JsonValueKind.Array:
                return element.EnumerateArray().All(AllTextValid);
            case JsonValueKind.String:
                return IsValidUtf16(element.GetString()!);
            default:
                return true;
        }
    }

    /// <summary>Valid UTF-16 without U+0000 (which PostgreSQL cannot store, so the bot refuses it anywhere).</summary>
    private static bool IsValidUtf16(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
