using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using K4os.Compression.LZ4;

namespace WorkshopBot.Storage;

/// <summary>
/// The answer kept with a processed mark (to replay to a redelivery), stored compressed. A vote's answer, its ballot
/// (about 2.9 KB of card JSON on a 10-idea board and 8.3 KB on a 40-idea one), is not kept at all: its mark holds the
/// one byte of <see cref="AfreshMark"/>, and a redelivered vote is answered with the ballot as it stands then.
/// Format (version 1): the version byte, the UTF-8 length and the CRC-32 of the UTF-8 bytes (each little-endian, 4
/// bytes), then an LZ4 block at its fastest level (K4os.Compression.LZ4). LZ4, not Brotli or zlib: packing runs on
/// every vote, and Brotli at quality 1 took 5.5% of the bot's CPU on 40-idea boards where LZ4 takes under a third of
/// that; zlib's 256 KB of native state per call stayed in the allocator's per-thread arenas and raised the bot's
/// resident set by 40 MB under load. LZ4 has no check of its own, hence the CRC: damaged bytes are an error, never
/// another card. Marks stored before answers were packed keep their text in response_json.
/// </summary>
internal static class PackedAnswer
{
    private const byte Version = 1;

    // The whole of a mark whose answer is not kept (StoredResponse.Afresh): one byte, no answer after it.
    private const byte Afresh = 0xAF;
    private const int HeaderBytes = 9;

    /// <summary>Larger than any answer the bot gives (Teams takes 28 KB a card); a longer claimed length is corrupt.</summary>
    public const int MaxUnpackedBytes = 4 * 1024 * 1024;

    public static byte[]? Pack(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var length = Encoding.UTF8.GetByteCount(json);
        if (length > MaxUnpackedBytes)
        {
            throw new ArgumentException("The answer is too large to keep.", nameof(json));
        }

        var utf8 = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            return PackUtf8(utf8.AsSpan(0, Encoding.UTF8.GetBytes(json, utf8)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>Packs an answer already serialised as UTF-8 (a turn's answer is), without turning it into text first.</summary>
    public static byte[] PackUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxUnpackedBytes)
        {
            throw new ArgumentException("The answer is too large to keep.", nameof(utf8));
        }

        var packed = ArrayPool<byte>.Shared.Rent(HeaderBytes + LZ4Codec.MaximumOutputSize(utf8.Length));
        try
        {
            var size = utf8.IsEmpty ? 0 : LZ4Codec.Encode(utf8, packed.AsSpan(HeaderBytes), LZ4Level.L00_FAST);
            if (size < 0)
            {
                throw new InvalidOperationException("The answer could not be compressed.");
            }

            packed[0] = Version;
            BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(1), utf8.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(packed.AsSpan(5), Crc32.HashToUInt32(utf8));
            return packed.AsSpan(0, HeaderBytes + size).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packed);
        }
    }

    /// <summary>
    /// What a processed mark stores instead of an answer when a redelivery is answered afresh (a vote's ballot, the largest
    /// answer the bot gives and the one given most, would otherwise be most of what a vote adds to the database).
    /// </summary>
    public static byte[] AfreshMark() => [Afresh];

    public static bool IsAfresh(byte[]? packed) => packed is [Afresh];

    /// <summary>The stored answer: the packed one when there is one, else the text kept before answers were packed.</summary>
    public static string? Unpack(string? json, byte[]? packed)
    {
        if (packed is null)
        {
            return json;
        }

        if (packed.Length < HeaderBytes || packed[0] != Version)
        {
            throw new InvalidDataException("A stored answer is in a form this version of WorkshopBot does not know.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(packed.AsSpan(1));
        if (length is < 0 or > MaxUnpackedBytes)
        {
            throw new InvalidDataException("A stored answer claims an impossible length.");
        }

        var utf8 = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            var text = utf8.AsSpan(0, length);
            var written = length == 0 && packed.Length == HeaderBytes ? 0 : LZ4Codec.Decode(packed.AsSpan(HeaderBytes), text);
            if (written != length || Crc32.HashToUInt32(text) != BinaryPrimitives.ReadUInt32LittleEndian(packed.AsSpan(5)))
            {
                throw new InvalidDataException("A stored answer is damaged.");
            }

            return Encoding.UTF8.GetString(text);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
