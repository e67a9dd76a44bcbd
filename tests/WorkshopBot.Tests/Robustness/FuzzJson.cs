using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// JSON text for the fuzzers, written by hand so that the generators control what a serializer would refuse to write:
/// lone surrogates as <c>\uD800</c> escapes, duplicate keys, nulls in lists, numbers no .NET type holds. Every value is
/// JSON text; a member whose value is C# null is left out of its object.
/// </summary>
internal static class FuzzJson
{
    public const string Null = "null";

    /// <summary>A JSON string literal; a surrogate that is not half of a pair is written as a <c>\uXXXX</c> escape.</summary>
    public static string Str(string text)
    {
        var json = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                json.Append(c).Append(text[++i]);
            }
            else if (c is '"' or '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c))
            {
                json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                json.Append(c);
            }
        }

        return json.Append('"').ToString();
    }

    public static string Obj(params (string Name, string? Value)[] members) => Obj((IEnumerable<(string, string?)>)members);

    public static string Obj(IEnumerable<(string Name, string? Value)> members) =>
        "{" + string.Join(",", members.Where(m => m.Value is not null).Select(m => Str(m.Name) + ":" + m.Value)) + "}";

    public static string Arr(IEnumerable<string> items) => "[" + string.Join(",", items) + "]";

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A generator of values that are left out (C# null), JSON null, or present.</summary>
    public static Gen<string?> Maybe(Gen<string> present, int absent = 1, int jsonNull = 1, int weight = 8) =>
        Gen.Frequency(
            (absent, Gen.Constant<string?>(null)),
            (jsonNull, Gen.Constant<string?>(Null)),
            (weight, present.Select(v => (string?)v)));

    /// <summary>Numbers, including ones no int, long or double holds, and forms System.Text.Json reads only as doubles.</summary>
    public static Gen<string> Number { get; } = Gen.Frequency(
        (4, Gen.Choose(-3, 12).Select(n => Num(n))),
        (2, Gen.Elements("2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "18446744073709551616", "1e400", "-1e400", "1e-400", "1.5", "-0", "0.0", "1E3", "123456789012345678901234567890")),
        (1, Gen.Choose(int.MinValue, int.MaxValue).Select(n => Num(n))));

    public static Gen<string> Scalar { get; } = Gen.Frequency(
        (3, FuzzStrings.AnyOrBroken.Select(Str)),
        (2, Number),
        (1, Gen.Elements("true", "false", Null)));

    /// <summary>Generators of values up to each depth, built once (building them per value cost more than using them).</summary>
    private static readonly Gen<string>[] AnyValues = BuildAnyValues(4);

    /// <summary>A JSON value of any type, of bounded depth (at most 3): what a field of the wrong type gets.</summary>
    public static Gen<string> AnyValue(int depth = 2) => AnyValues[Math.Clamp(depth, 0, AnyValues.Length - 1)];

    /// <summary>Nested arrays or objects deeper than the parser allows (64).</summary>
    public static Gen<string> Deep { get; } = Gen.Choose(60, 400).SelectMany(depth => Gen.Elements(
        new string('[', depth) + new string(']', depth),
        string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)));

    private static Gen<string>[] BuildAnyValues(int count)
    {
        var values = new Gen<string>[count];
        values[0] = Scalar;
        for (var depth = 1; depth < count; depth++)
        {
            var inner = values[depth - 1];
            values[depth] = Gen.Frequency(
                (6, Scalar),
                (1, Gen.ListOf(inner).Select(items => Arr(items.Take(6)))),
                (1, Gen.ListOf(Gen.Zip(FuzzStrings.Key, inner))
                    .Select(m => Obj(m.Take(6).Select(x => (x.Item1, (string?)x.Item2))))));
        }

        return values;
    }
}

/// <summary>Strings for the fuzzers: ordinary ones, Unicode of every kind, lone surrogates, very long ones.</summary>
internal static class FuzzStrings
{
    private static readonly string[] Odd =
    [
        "", " ", "   ", "\t", "\r\n", "\n\n\n", "\0", "a\0b", "é", "e\u0301", "日本語のテキスト", "العربية", "עברית",
        "\u202Egnp.exe", "\u200B", "\u200D\u200D", "\uFEFF", "\uFFFD", "\uFFFF", "👍🏽", "👨‍👩‍👧‍👦", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Ω≈ç√∫",
        "<at>WorkshopBot</at>", "<at>", "</at>", "<at></at><at></at>", "<script>alert(1)</script>", "&nbsp;&amp;&lt;",
        "null", "undefined", "NaN", "-0", "1e400", "true", "0x10", "{}", "[]", "\"", "\\", "'; DROP TABLE audits; --",
        "%00", "%ZZ", "../../etc/passwd", "C:\\Windows", "javascript:alert(1)", "${jndi:ldap://x}", "{{7*7}}",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "{6f9619ff-8b86-d011-b42d-00c04fc964ff}",
        "2026-02-30", "2026-13-01", "9999-12-31", "0001-01-01", "yesterday", "1,2,3", ",,,", "c1,c1,c1",
        "i1", "i999", "c1", "agency-1", "agency-999", "NAI-2021-08-C1", "open", "close", "reset", "reveal", "merge", "edit",
        "hide", "good", "outstanding", "requires-improvement", "inadequate", "worked-well", "single", "grade", "Lead",
    ];

    /// <summary>A lone surrogate, a reversed pair, a surrogate before an ordinary letter.</summary>
    private static readonly string[] BrokenUtf16 = ["\uD800", "\uDFFF", "\uD83D", "\uDC00\uD800", "x\uD800y", "\uDBFF\uDBFF"];

    public static Gen<string> Words { get; } = Gen.Elements(
        "help", "new audit", "workshop", "my returns", "audits", "hello", "HELP", "  help  ", "help me please", "start",
        "briefing", "export", "reopen", "remind", "dashboard", "tracker", "vote", "join", "poll");

    public static Gen<string> Unicode { get; } = Gen.ListOf(Gen.Frequency(
            (6, Gen.Choose(0x20, 0x7E)),
            (2, Gen.Choose(0xA0, 0xD7FF)),
            (1, Gen.Choose(0xE000, 0xFFFD)),
            (1, Gen.Choose(0x10000, 0x10FFFF)),
            (1, Gen.Choose(0, 0x1F))))
        .Select(points => string.Concat(points.Take(64).Select(char.ConvertFromUtf32)));

    /// <summary>From about a kilobyte to about 100 KB (the body cap is 256 KB); not part of <see cref="Any"/>.</summary>
    public static Gen<string> Long { get; } = Gen.Zip(Gen.Choose(1_000, 100_000), Gen.Elements("x", "é", "👍", "<at>a</at>", "ab ", "\n"))
        .Select(t => string.Concat(Enumerable.Repeat(t.Item2, Math.Max(1, t.Item1 / t.Item2.Length))));

    public static Gen<string> Guids { get; } = Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue))
        .Select(t => new Guid(t.Item1, (short)t.Item2, (short)(t.Item2 >> 16), 1, 2, 3, 4, 5, 6, 7, 8).ToString());

    public static Gen<string> Any { get; } = Gen.Frequency(
        (4, Words),
        (6, Gen.Elements(Odd)),
        (3, Unicode),
        (2, Guids));

    /// <summary>As <see cref="Any"/>, now and then text that is not valid UTF-16 (the parser refuses it).</summary>
    public static Gen<string> AnyOrBroken { get; } = Gen.Frequency((30, Any), (1, Gen.Elements(BrokenUtf16)));

    /// <summary>Property names: real ones of the schema and odd ones.</summary>
    public static Gen<string> Key { get; } = Gen.Frequency(
        (3, Gen.Elements("type", "id", "text", "value", "verb", "data", "action", "from", "conversation", "channelData", "tenant",
            "name", "aadObjectId", "serviceUrl", "entities", "attachments", "auditId", "workshopId", "pollId", "$type", "__proto__")),
        (2, Any));
}
