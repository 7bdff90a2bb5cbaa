using System.Numerics;
using System.Reflection;
using Velithon.Memory.Interning;

namespace Velithon.Memory.Tests.Interning;

/// <summary>
/// The interner starts with its own fast deterministic hash and switches to the runtime's per-process randomized
/// Marvin hash when a bucket chain gets long. These tests build thousands of keys that collide completely, under
/// the runtime's non-randomized ordinal hash and under the interner's own fast hash, and check that they do not
/// pile up in one chain.
/// </summary>
public class StringInternerHashFloodingTests
{
    private const int CollidingCount = 20_000;

    [Fact]
    public void Generated_keys_really_collide_under_the_non_randomized_hash()
    {
        string[] keys = CollidingKeys(CollidingCount);

        Assert.Equal(CollidingCount, keys.Distinct(StringComparer.Ordinal).Count());
        int expected = NonRandomizedHash(keys[0]);
        Assert.All(keys, key => Assert.Equal(expected, NonRandomizedHash(key)));

        // When the runtime still exposes its internal implementation, make sure the model above matches it.
        MethodInfo? runtimeHash = typeof(string).GetMethod(
            "GetNonRandomizedHashCode", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);
        if (runtimeHash is not null)
        {
            Assert.All(keys.Take(100), key => Assert.Equal(expected, (int)runtimeHash.Invoke(key, null)!));
        }
    }

    [Fact]
    public void Colliding_keys_intern_with_short_chains()
    {
        string[] keys = CollidingKeys(CollidingCount);
        var interner = new StringInterner();

        foreach (string key in keys)
        {
            Assert.Same(key, interner.Intern(key));
        }

        foreach (string key in keys)
        {
            Assert.Same(key, interner.Intern(key.AsSpan()));
        }

        Assert.Equal(CollidingCount, interner.Count);

        // Under a colliding hash this would be 20,000. With Marvin, 20,000 keys over 32,768 buckets have a
        // longest chain of about 7; 32 is astronomically unlikely unless the hash is being flooded.
        Assert.InRange(interner.GetMaxChainLength(), 1, 32);
        GC.KeepAlive(keys);
    }

    [Fact]
    public void Keys_colliding_under_the_fast_hash_switch_the_table_to_the_randomized_hash()
    {
        string[] keys = FastHashCollidingKeys(CollidingCount);
        int expected = InternerHash.Fast(keys[0]);
        Assert.All(keys, key => Assert.Equal(expected, InternerHash.Fast(key)));
        Assert.Equal(CollidingCount, keys.Distinct(StringComparer.Ordinal).Count());
        var interner = new StringInterner();

        foreach (string key in keys)
        {
            Assert.Same(key, interner.Intern(key));
        }

        Assert.True(interner.IsRandomized);
        Assert.InRange(interner.GetMaxChainLength(), 1, 32);
        foreach (string key in keys)
        {
            Assert.True(interner.TryGet(key.AsSpan(), out string? found));
            Assert.Same(key, found);
        }

        Assert.Equal(CollidingCount, interner.Count);

        // After the switch, UTF-8 lookups (which skip decoding only under the fast hash) still find entries.
        string plain = interner.Intern(StringInternerApiTests.Fresh("plain-ascii"));
        Assert.Same(plain, interner.InternUtf8("plain-ascii"u8));
        Assert.True(interner.TryGet("plain-ascii"u8, out string? viaUtf8));
        Assert.Same(plain, viaUtf8);
        GC.KeepAlive(keys);
    }

    [Fact]
    public void Ordinary_keys_keep_the_fast_hash_with_short_chains()
    {
        const int count = 100_000;
        string[] keys = Enumerable.Range(0, count).Select(i => $"key-{i}").ToArray();
        var interner = new StringInterner();

        foreach (string key in keys)
        {
            interner.Intern(key);
        }

        Assert.False(interner.IsRandomized);
        Assert.InRange(interner.GetMaxChainLength(), 1, 15);
        Assert.Equal(count, interner.Count);
        GC.KeepAlive(keys);
    }

    /// <summary>
    /// Builds 8-char (two 8-byte blocks) keys with identical fast hashes: each block step is invertible in the
    /// block, so the second block can be solved so that every key reaches the same state before the final mix.
    /// </summary>
    private static string[] FastHashCollidingKeys(int count)
    {
        const ulong target = 0x0123_4567_89AB_CDEF;
        ulong inverse = InternerHash.Multiplier;
        for (int i = 0; i < 6; i++)
        {
            inverse *= 2 - (InternerHash.Multiplier * inverse); // Newton's iteration for the inverse mod 2^64
        }

        ulong seed = unchecked(16 * InternerHash.Multiplier);
        var keys = new string[count];
        for (int i = 0; i < count; i++)
        {
            ulong block0 = Letter(i) | (Letter(i / 26) << 16) | (Letter(i / 676) << 32) | (Letter(i / 17_576) << 48);
            ulong state = InternerHash.Step(seed, block0);
            ulong block1 = (BitOperations.RotateRight(target, InternerHash.Rotation) * inverse) ^ state;
            keys[i] = new string([(char)block0, (char)(block0 >> 16), (char)(block0 >> 32), (char)(block0 >> 48), (char)block1, (char)(block1 >> 16), (char)(block1 >> 32), (char)(block1 >> 48)]);
        }

        return keys;
    }

    private static ulong Letter(int index) => (ulong)('a' + (index % 26));

    /// <summary>
    /// Builds 8-char keys with identical non-randomized hashes: the hash runs two lanes over 32-bit words and
    /// XORs each word in after an invertible mixing step, so the last word of each lane can be solved for any
    /// chosen target, whatever the first words were.
    /// </summary>
    private static string[] CollidingKeys(int count)
    {
        const uint seed = (5381 << 16) + 5381;
        const uint target1 = 0x1234_5678;
        const uint target2 = 0x9ABC_DEF0;
        var keys = new string[count];
        for (int i = 0; i < count; i++)
        {
            uint w0 = Word((char)('a' + (i % 26)), (char)('a' + (i / 26 % 26)));
            uint w1 = Word((char)('a' + (i / 676 % 26)), (char)('a' + (i / 17_576 % 26)));
            uint w2 = Mix(Mix(seed) ^ w0) ^ target1;
            uint w3 = Mix(Mix(seed) ^ w1) ^ target2;
            keys[i] = new string([(char)w0, (char)(w0 >> 16), (char)w1, (char)(w1 >> 16), (char)w2, (char)(w2 >> 16), (char)w3, (char)(w3 >> 16)]);
        }

        return keys;
    }

    private static uint Word(char low, char high) => low | ((uint)high << 16);

    private static uint Mix(uint hash) => BitOperations.RotateLeft(hash, 5) + hash;

    // Model of the runtime's non-randomized ordinal string hash, for strings whose length is a multiple of 4.
    private static int NonRandomizedHash(string value)
    {
        uint hash1 = (5381 << 16) + 5381;
        uint hash2 = hash1;
        for (int i = 0; i + 3 < value.Length; i += 4)
        {
            hash1 = Mix(hash1) ^ Word(value[i], value[i + 1]);
            hash2 = Mix(hash2) ^ Word(value[i + 2], value[i + 3]);
        }

        return (int)(hash1 + (hash2 * 1_566_083_941));
    }
}
