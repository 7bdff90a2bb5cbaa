using System.Net;
using CsCheck;
using Microsoft.Extensions.Primitives;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// What L1 keeps per entry instead of copies (issue 26): the 128-bit key digest it is keyed by, and header sets shared
/// between entries. Neither may ever make one request's response another's.
/// </summary>
public sealed class L1KeyAndSharingTests
{
    [Fact]
    public void Two_keys_have_one_digest_only_when_they_are_equal()
    {
        // Random keys and near misses of them (one code unit changed, dropped or added, anywhere, lone surrogates
        // included), short and past the 512-char stack buffer.
        Gen<string> key = Gen.OneOf(Gen.String, Gen.String[Gen.Char['a', 'c'], 0, 8], Gen.String[Gen.Char.AlphaNumeric, 500, 530], Gen.String[Gen.Char, 1000, 3000]);
        Gen<(string, string)> pair = Gen.OneOf(
            Gen.Select(key, key),
            Gen.Select(key, Gen.Int[0, 1000], Gen.Char, Gen.Int[0, 2]).Select(static t => (t.Item1, Mutate(t.Item1, t.Item2, t.Item3, t.Item4))));
        pair.Sample((a, b) => Assert.Equal(string.Equals(a, b, StringComparison.Ordinal), CacheKeyDigest.Of(a).Equals(CacheKeyDigest.Of(b))), iter: 20_000);

        // The same key, whichever buffer it was hashed from.
        key.Sample(k => Assert.Equal(CacheKeyDigest.Of(k), CacheKeyDigest.Of(new string(k.AsSpan()))));

        static string Mutate(string text, int at, char c, int how)
        {
            int i = text.Length == 0 ? 0 : at % text.Length;
            return how switch
            {
                0 when text.Length > 0 => text[i] == c ? text.Remove(i, 1) : string.Concat(text.AsSpan(0, i), [c], text.AsSpan(i + 1)),
                1 when text.Length > 0 => text.Remove(i, 1),
                _ => text.Insert(i, c.ToString()),
            };
        }
    }

    [Fact]
    public async Task Requests_whose_long_keys_differ_in_their_last_character_get_their_own_responses()
    {
        // Keys of 600+ chars: hashed from a pooled buffer, not the stack.
        await using TestApp app = await TestApp.StartAsync();
        string filler = new('x', 600);
        var first = await app.GetAsync($"/allq?f={filler}&last=a");
        var second = await app.GetAsync($"/allq?f={filler}&last=b");
        Assert.Equal(("MISS", "MISS"), (first.Status, second.Status));
        Assert.NotEqual(first.Body, second.Body);
        Assert.Equal(("HIT", first.Body), Pair(await app.GetAsync($"/allq?f={filler}&last=a")));
        Assert.Equal(("HIT", second.Body), Pair(await app.GetAsync($"/allq?f={filler}&last=b")));
    }

    [Fact]
    public void Equal_header_sets_share_one_array_and_different_ones_never_do()
    {
        KeyValuePair<string, StringValues>[] Set(string contentType, params string[] extra) =>
            [new("Content-Type", contentType), .. extra.Select(static (v, i) => new KeyValuePair<string, StringValues>("X-" + i, v))];

        string unique = Guid.NewGuid().ToString("N");
        var a = SharedHeaderSets.Share(Set("text/plain", unique), out bool sharedA);
        var b = SharedHeaderSets.Share(Set("text/plain", unique), out bool sharedB);
        if (sharedA)
        {
            Assert.True(sharedB);
            Assert.Same(a, b);
        }

        // Any difference (a value, a name's case, the order, one more value) is another set.
        var other = SharedHeaderSets.Share(Set("text/plain", unique + "!"), out _);
        var recased = SharedHeaderSets.Share([new("content-type", "text/plain"), new("X-0", unique)], out _);
        var reordered = SharedHeaderSets.Share([new("X-0", unique), new("Content-Type", "text/plain")], out _);
        var twoValues = SharedHeaderSets.Share([new("Content-Type", "text/plain"), new("X-0", new StringValues([unique, "b"]))], out _);
        foreach (var set in new[] { other, recased, reordered, twoValues })
        {
            Assert.NotSame(a, set);
        }

        Assert.Equal(unique + "!", other[1].Value);
        Assert.Equal("content-type", recased[0].Key);
        Assert.Equal("X-0", reordered[0].Key);
        Assert.Equal(2, twoValues[1].Value.Count);

        // Too many headers, or too long: kept by the entry alone.
        var many = Set("text/plain", [.. Enumerable.Range(0, SharedHeaderSets.MaxHeaders).Select(static i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Same(many, SharedHeaderSets.Share(many, out bool manyShared));
        Assert.False(manyShared);
        var longValue = Set(new string('t', SharedHeaderSets.MaxChars));
        Assert.Same(longValue, SharedHeaderSets.Share(longValue, out bool longShared));
        Assert.False(longShared);
    }

    [Fact]
    public void The_number_of_shared_header_sets_is_bounded()
    {
        for (int i = 0; i < SharedHeaderSets.MaxSets + 10; i++)
        {
            SharedHeaderSets.Share([new("X-Bound", Guid.NewGuid().ToString("N"))], out _);
        }

        KeyValuePair<string, StringValues>[] fresh = [new("X-Bound", "after the bound " + Guid.NewGuid().ToString("N"))];
        Assert.Same(fresh, SharedHeaderSets.Share(fresh, out bool shared));
        Assert.False(shared);
    }

    [Fact]
    public async Task Responses_with_different_header_values_keep_their_own_headers()
    {
        await using TestApp app = await TestApp.StartAsync();
        for (int round = 0; round < 2; round++)
        {
            for (int id = 0; id < 20; id++)
            {
                var response = await app.GetAsync($"/header-echo/{id}");
                Assert.Equal(HttpStatusCode.OK, response.Response.StatusCode);
                Assert.Equal(round == 0 ? "MISS" : "HIT", response.Status);
                Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Response.Headers.GetValues("X-Item").Single());
            }
        }
    }

    private static (string Status, string Body) Pair((string Status, string Body, HttpResponseMessage Response) response) => (response.Status, response.Body);
}
