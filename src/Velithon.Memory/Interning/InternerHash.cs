using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Velithon.Memory.Interning;

/// <summary>
/// The interner's two string hashes. <see cref="Fast"/> is a deterministic multiply-rotate hash over 8-byte blocks,
/// about twice as fast as the runtime's randomized Marvin hash on short keys but open to crafted collisions; a
/// table starts with it and switches to <see cref="Randomized"/> for good once a bucket chain gets suspiciously long
/// (the strategy <c>Dictionary&lt;string, T&gt;</c> uses).
/// </summary>
internal static class InternerHash
{
    internal const ulong Multiplier = 0x9E37_79B9_7F4A_7C15;
    internal const int Rotation = 31;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compute(ReadOnlySpan<char> value, bool randomized) =>
        randomized ? string.GetHashCode(value) : Fast(value);

    public static int Randomized(ReadOnlySpan<char> value) => string.GetHashCode(value);

    public static int Fast(ReadOnlySpan<char> value)
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(value);
        ulong hash = (ulong)bytes.Length * Multiplier;
        while (bytes.Length >= sizeof(ulong))
        {
            hash = Step(hash, MemoryMarshal.Read<ulong>(bytes));
            bytes = bytes[sizeof(ulong)..];
        }

        if (!bytes.IsEmpty)
        {
            // 2, 4 or 6 bytes remain: pad them into one last block (the length seed keeps "a\0" and "a" apart).
            ulong last = 0;
            bytes.CopyTo(MemoryMarshal.AsBytes(new Span<ulong>(ref last)));
            hash = Step(hash, last);
        }

        // Final avalanche so that the low bits used for bucket selection depend on every input bit.
        hash ^= hash >> 33;
        hash *= 0xFF51_AFD7_ED55_8CCD;
        hash ^= hash >> 33;
        hash *= 0xC4CE_B9FE_1A85_EC53;
        hash ^= hash >> 33;
        return (int)hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Step(ulong hash, ulong block) => BitOperations.RotateLeft((hash ^ block) * Multiplier, Rotation);
}
