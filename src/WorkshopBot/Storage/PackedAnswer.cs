using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace WorkshopBot.Storage;

/// <summary>
/// The answer kept with a processed mark (to replay to a redelivery), stored compressed. A vote's answer is its ballot:
/// about 2.9 KB of card JSON on a 10-idea board and 8 KB on a 40-idea one, which on SQLite took a page of its own (or
/// two more, overflowing) in the write-ahead log and again in the file for every vote; packed, about a quarter of that.
/// Format: a version byte (1), the UTF-8 length as a little-endian 32-bit integer, then a zlib stream (RFC 1950, at
/// its fastest level), whose Adler-32 check makes damaged bytes an error rather than a different answer. Marks stored
/// before answers were packed keep their text in response_json.
/// </summary>
internal static class PackedAnswer
{
    private const byte Version = 1;
    private const int HeaderBytes = 5;

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
            var written = Encoding.UTF8.GetBytes(json, utf8);
            using var packed = new MemoryStream(HeaderBytes + 64 + (written / 3));
            Span<byte> header = stackalloc byte[HeaderBytes];
            header[0] = Version;
            BinaryPrimitives.WriteInt32LittleEndian(header[1..], written);
            packed.Write(header);
            using (var zlib = new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(utf8, 0, written);
            }

            return packed.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>The stored answer: the packed one when there is one, else the text kept before answers were packed.</summary>
    public static string? Unpack(string? json, byte[]? packed)
    {
        if (packed is null)
        {
            return json;
        }

        if (packed.Length < HeaderBytes || packed[0] != Version)
        {
            throw new InvalidDataException("A stored answer is in a form this bot does not know.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(packed.AsSpan(1));
        if (length is < 0 or > MaxUnpackedBytes)
        {
            throw new InvalidDataException("A stored answer claims an impossible length.");
        }

        var utf8 = ArrayPool<byte>.Shared.Rent(length + 1);
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(packed, HeaderBytes, packed.Length - HeaderBytes), CompressionMode.Decompress);
            zlib.ReadExactly(utf8, 0, length);
            // Reading on to the stream's end is what checks its Adler-32; there must be nothing more.
            if (zlib.Read(utf8, length, 1) != 0)
            {
                throw new InvalidDataException("A stored answer is longer than it claims.");
            }

            return Encoding.UTF8.GetString(utf8, 0, length);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("A stored answer is shorter than it claims.", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
