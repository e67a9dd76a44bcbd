using System.Text.Json;

namespace WorkshopBot.Protocol.Schema;

/// <summary>Checks on raw JSON text before it is bound to types.</summary>
public static class JsonText
{
    /// <summary>
    /// False when any string or property name, once its escapes are read, is not valid UTF-16 or holds U+0000: JSON lets
    /// a sender write a lone surrogate (<c>"\ud800"</c>), which later fails wherever the text is encoded (a store, a log,
    /// a reply), and <c>"\u0000"</c>, which PostgreSQL refuses in text and in jsonb (no Teams payload carries it; other
    /// control characters, such as a tab or a newline in a message, are kept). Bytes that are not UTF-8 are refused too
    /// (the reader checks them only when a string is read, which for a kept <see cref="JsonElement"/> is long after
    /// parsing). One forward pass; the caller still parses the document for real. Throws <see cref="JsonException"/> for
    /// text that is not JSON at all.
    /// </summary>
    public static bool HasOnlyValidStrings(ReadOnlySpan<byte> json)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return false;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    var text = reader.GetString();
                    if (!IsValidUtf16(text) || text!.Contains('\0', StringComparison.Ordinal))
                    {
                        return false;
                    }
                }
                catch (InvalidOperationException)
                {
                    // The reader itself refuses some invalid escapes (an unpaired surrogate) with this exception.
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>True when every surrogate in <paramref name="text"/> is half of a high-low pair.</summary>
    public static bool IsValidUtf16(string? text)
    {
        if (text is null)
        {
            return true;
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
