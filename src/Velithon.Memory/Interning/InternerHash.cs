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
        // Reads go through Unsafe.ReadUnaligned at offsets proven in range by the loop conditions, which keeps
        // bounds checks and a tail copy out of the hot path.
        ref byte start = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(value));
        int length = value.Length * sizeof(char);
        ulong hash = (ulong)length * Multiplier;
        int offset = 0;
        for (; offset <= length - sizeof(ulong); offset += sizeof(ulong))
        {
            hash = Step(hash, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, offset)));
        }

        int remaining = length - offset;
        if (remaining != 0)
        {
            // 2, 4 or 6 bytes remain: pack them into one last block (the length seed keeps "a\0" and "a" apart).
            ulong last = 0;
            int shift = 0;
            if (remaining >= sizeof(uint))
            {
                last = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, offset));
                offset += sizeof(uint);
                shift = 32;
            }

            if (offset < length)
            {
                last |= (ulong)Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, offset)) << shift;
            }

            hash = Step(hash, last);
        }

        return Finish(hash);
    }

    /// <summary>
    /// Computes <see cref="Fast"/> of the UTF-16 form of <paramref name="utf8"/> without decoding it, when the
    /// bytes are all ASCII (then each byte is one char). Returns <see langword="false"/> for any other input.
    /// </summary>
    public static bool TryFastAscii(ReadOnlySpan<byte> utf8, out int hashCode)
    {
        ref byte start = ref MemoryMarshal.GetReference(utf8);
        int length = utf8.Length;
        ulong hash = (ulong)length * sizeof(char) * Multiplier;
        uint seen = 0;
        int offset = 0;
        for (; offset <= length - sizeof(uint); offset += sizeof(uint))
        {
            uint four = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, offset));
            seen |= four;
            hash = Step(hash, Widen(four));
        }

        if (offset < length)
        {
            // Same packing as the tail block of Fast: up to three chars, lowest first.
            uint rest = 0;
            for (int shift = 0; offset < length; offset++, shift += 8)
            {
                rest |= (uint)Unsafe.Add(ref start, offset) << shift;
            }

            seen |= rest;
            hash = Step(hash, Widen(rest));
        }

        hashCode = Finish(hash);
        return (seen & 0x8080_8080) == 0;
    }

    /// <summary>
    /// Compares ASCII bytes (as vetted by <see cref="TryFastAscii"/>) with a string, four chars at a time; faster
    /// than the vectorized <c>Ascii.Equals</c> on the short keys an interner mostly sees.
    /// </summary>
    public static bool AsciiEquals(ReadOnlySpan<byte> ascii, string candidate)
    {
        int length = ascii.Length;
        if (candidate.Length != length)
        {
            return false;
        }

        ref byte bytes = ref MemoryMarshal.GetReference(ascii);
        ref byte chars = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(candidate.AsSpan()));
        int offset = 0;
        for (; offset <= length - sizeof(uint); offset += sizeof(uint))
        {
            if (Widen(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bytes, offset)))
                != Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref chars, offset * sizeof(char))))
            {
                return false;
            }
        }

        for (; offset < length; offset++)
        {
            if (Unsafe.Add(ref bytes, offset) != Unsafe.ReadUnaligned<char>(ref Unsafe.Add(ref chars, offset * sizeof(char))))
            {
                return false;
            }
        }

        return true;
    }

    // Spreads four bytes into four 16-bit lanes: the little-endian UTF-16 of four ASCII chars.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Widen(uint four)
    {
        ulong wide = four;
        wide = (wide | (wide << 16)) & 0x0000_FFFF_0000_FFFF;
        return (wide | (wide << 8)) & 0x00FF_00FF_00FF_00FF;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Finish(ulong hash)
    {
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
