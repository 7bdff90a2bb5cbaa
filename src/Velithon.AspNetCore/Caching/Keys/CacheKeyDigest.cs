using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// What L1 keys an entry by instead of its full key string: 128 bits of SHA-256 over a per-process random secret
/// followed by the key's UTF-16 code units. 16 bytes inline in the cache's nodes instead of a ~200-byte string per entry
/// (issue 26), and still the full key as far as anyone can tell two requests apart.
/// </summary>
/// <remarks>
/// <para>
/// Why a digest is as safe as the string: two keys share an entry only if their digests collide. Without the secret
/// (random, never leaves the process) nobody can compute a digest, so no collision can be searched for offline; online,
/// each guess costs a request and 2^64 of them are needed for even odds of one collision among them. SHA-256's prefix-keyed
/// form is not a MAC against length extension, which does not matter here: nothing is authenticated, only told apart.
/// </para>
/// <para>
/// Redis keeps the full key string inside each entry and compares it before serving (<see cref="CachedEntryValidator"/>);
/// only L1, which never leaves the process, is keyed by the digest. Costs about 0.6 µs per lookup (one SHA-256 of ~200
/// bytes; measured in docs/benchmarks.md "Memory per cached response").
/// </para>
/// </remarks>
internal readonly struct CacheKeyDigest : IEquatable<CacheKeyDigest>
{
    private const int SecretBytes = 32;

    // Keys up to this many chars are hashed from the stack; longer ones from a pooled buffer.
    private const int StackChars = 512;

    private static readonly byte[] s_secret = RandomNumberGenerator.GetBytes(SecretBytes);

    private readonly ulong _low;
    private readonly ulong _high;

    private CacheKeyDigest(ulong low, ulong high)
    {
        _low = low;
        _high = high;
    }

    /// <summary>The digest of <paramref name="key"/> in this process.</summary>
    public static CacheKeyDigest Of(ReadOnlySpan<char> key)
    {
        ReadOnlySpan<byte> text = MemoryMarshal.AsBytes(key);
        byte[]? rented = null;
        int length = SecretBytes + text.Length;
        Span<byte> input = key.Length <= StackChars
            ? stackalloc byte[SecretBytes + (2 * StackChars)]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            s_secret.CopyTo(input);
            text.CopyTo(input[SecretBytes..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(input[..length], hash);
            return new CacheKeyDigest(BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public bool Equals(CacheKeyDigest other) => _low == other._low && _high == other._high;

    public override bool Equals(object? obj) => obj is CacheKeyDigest other && Equals(other);

    // Already uniformly distributed and secret-keyed: no flooding of one dictionary bucket is possible.
    public override int GetHashCode() => (int)_low;

    public override string ToString() => _high.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + _low.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
