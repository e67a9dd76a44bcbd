using System.Security.Cryptography;
using System.Text;

namespace WorkshopBot.Common;

/// <summary>New ids for audits, returns, workshops and the like; injectable so tests can make them predictable.</summary>
public interface IIdGenerator
{
    Guid NewId();
}

/// <summary>Random (version 4) GUIDs.</summary>
public sealed class GuidIdGenerator : IIdGenerator
{
    public Guid NewId() => Guid.NewGuid();
}

/// <summary>
/// Ids derived from what makes a thing the same thing (a double press, two presses at once): equal parts give the same id,
/// so the store's unique key lets one of two such inserts commit and the other's turn runs again and finds it.
/// </summary>
public static class DerivedIds
{
    /// <summary>The first 16 bytes of the SHA-256 of the parts, joined by U+001F (which no part holds).</summary>
    public static Guid Of(params ReadOnlySpan<string> parts) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))).AsSpan(0, 16));
}
