using System.Buffers;

namespace WorkshopBot.Protocol.Schema;

/// <summary>
/// JSON (UTF-8) of a known length, written piece by piece into whatever takes it (the HTTP response's own buffers) instead
/// of being put together in one array first. A vote's ballot is one: its pieces shared by every voter of the poll and the
/// voter's own lines between them. Its bytes are fixed when it is made: writing it twice gives the same bytes twice, and
/// nothing it holds is lent, pooled or handed back, so no other answer can ever share its memory.
/// </summary>
public abstract class Utf8Parts
{
    /// <summary>How many bytes <see cref="WriteTo"/> writes.</summary>
    public abstract int Length { get; }

    /// <summary>Writes the bytes, all <see cref="Length"/> of them, in order.</summary>
    public abstract void WriteTo(IBufferWriter<byte> writer);

    /// <summary>The bytes as one new array (for what needs them whole: a kept answer, a test).</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        var into = new Into(bytes);
        WriteTo(into);
        if (into.Written != bytes.Length)
        {
            throw new InvalidOperationException("The parts wrote another number of bytes than their length.");
        }

        return bytes;
    }

    // Writes into one array of the exact length; a part that would run past its end is a fault of the parts.
    private sealed class Into(byte[] bytes) : IBufferWriter<byte>
    {
        public int Written { get; private set; }

        public void Advance(int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, bytes.Length - Written);
            Written += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => bytes.AsMemory(Written);

        public Span<byte> GetSpan(int sizeHint = 0) => bytes.AsSpan(Written);
    }
}
