using System.Text;
using System.Text.Json;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Dictionaries on the fast path (string, int and long keys): written and read as STJ does, the fast path taken for
/// the documents STJ writes, and every key form it must not guess at (escapes, signs, leading zeros, overflow, invalid
/// UTF-8, duplicates) read, or rejected, exactly as STJ does.
/// </summary>
public sealed class FastMapTests
{
    private static readonly Gen<int> IntKey = Gen.Frequency(
        (4, Gen.Int[-1000, 1000]), (2, Gen.Int), (1, Gen.OneOf(Gen.Const(int.MinValue), Gen.Const(int.MaxValue), Gen.Const(0))));

    private static readonly Gen<long> LongKey = Gen.Frequency(
        (4, Gen.Long[-100_000, 100_000]), (2, Gen.Long), (1, Gen.OneOf(Gen.Const(long.MinValue), Gen.Const(long.MaxValue), Gen.Const(999_999_999_999_999_999L))));

    private static readonly Gen<FastMaps> Values =
        from counts in CollectionGenerators.MapOf(Generators.Key, Gen.Int)
        from names in CollectionGenerators.MapOf(IntKey, Generators.NullableString)
        from groups in CollectionGenerators.MapOf(LongKey, Gen.Long.Array[0, 4])
        from addresses in CollectionGenerators.MapOf(Generators.Key, Generators.Address.Null(0.2), 3)
        from scores in CollectionGenerators.MapOf(LongKey, Gen.Double[-1e6, 1e6])
        from nested in CollectionGenerators.MapOf(Generators.Key, CollectionGenerators.MapOf(IntKey, Gen.Bool).Select(m => m ?? []), 3)
        select new FastMaps { Counts = counts, Names = names, Groups = groups, Addresses = addresses, Scores = scores, Nested = nested };

    // Keys STJ writes without escapes and integers within 9 / 18 digits: what an API usually holds.
    private static readonly Gen<string> PlainKey = Gen.Char['a', 'z'].Array[0, 10].Select(c => new string(c));

    private static readonly Gen<FastMaps> PlainValues =
        from counts in CollectionGenerators.MapOf(PlainKey, Gen.Int)
        from names in CollectionGenerators.MapOf(Gen.Int[-999_999_999, 999_999_999], Generators.NullableString)
        from groups in CollectionGenerators.MapOf(Gen.Long[-999_999_999_999_999_999, 999_999_999_999_999_999], Gen.Long.Array[0, 4])
        from addresses in CollectionGenerators.MapOf(PlainKey, Generators.Address.Null(0.2), 3)
        from scores in CollectionGenerators.MapOf(Gen.Long[-100_000, 100_000], Gen.Double[-1e6, 1e6])
        from nested in CollectionGenerators.MapOf(PlainKey, CollectionGenerators.MapOf(Gen.Int[-1000, 1000], Gen.Bool).Select(m => m ?? []), 3)
        select new FastMaps { Counts = counts, Names = names, Groups = groups, Addresses = addresses, Scores = scores, Nested = nested };

    private static readonly VelithonCase Case = new VelithonCase<FastMaps>(Values, 1500);

    [Fact]
    public void Serialize_is_byte_identical_to_STJ_Web() => Case.SerializeMatchesStj();

    [Fact]
    public void Deserialize_equals_STJ_and_round_trips() => Case.DeserializeMatchesStjAndRoundTrips();

    [Fact]
    public void Documents_STJ_writes_take_the_fast_path_and_read_like_STJ()
    {
        int accepted = 0;
        int total = 0;
        PlainValues.Run(value =>
        {
            byte[] json = Oracle.Serialize(value);
            FastMaps? stj = Oracle.Deserialize<FastMaps>(json);
            var reader = new JsonFastReader(json, 64);
            Interlocked.Increment(ref total);
            if (FastMaps.TryReadJsonFast(ref reader, VelithonJsonOptions.Default, out FastMaps? fast) && reader.AtEnd())
            {
                Interlocked.Increment(ref accepted);
                string? diff = DeepEqual.Diff(stj, fast);
                Assert.True(diff is null, diff + "\nInput: " + Oracle.Text(json));
            }
        }, 2000);

        // Strings with lone surrogates (in the addresses) go to the full reader; every plain key stays on the fast path.
        Assert.True(accepted * 2 > total, $"the fast path took only {accepted} of {total} documents");
    }

    [Fact]
    public void Canonical_keys_are_read_on_the_fast_path()
    {
        byte[] json = """{"counts":{"a":1,"":2,"Zoë":3},"names":{"0":"x","-12":null,"205705993":"y"},"groups":{"-999999999999999999":[1]},"nested":{"k":{"7":true}}}"""u8.ToArray();
        var reader = new JsonFastReader(json, 64);
        Assert.True(FastMaps.TryReadJsonFast(ref reader, VelithonJsonOptions.Default, out FastMaps? fast));
        DeepEqual.AssertEqual(Oracle.Deserialize<FastMaps>(json), fast);
    }

    public static TheoryData<string> KeyEdgeDocuments => new()
    {
        """{"names":{"007":"a"}}""",
        """{"names":{"-0":"a"}}""",
        """{"names":{"+1":"a"}}""",
        """{"names":{"1e3":"a"}}""",
        """{"names":{" 1":"a"}}""",
        """{"names":{"1 ":"a"}}""",
        """{"names":{"\u0031":"a"}}""",
        """{"names":{"2147483647":"a","-2147483648":"b"}}""",
        """{"names":{"2147483648":"a"}}""",
        """{"names":{"":"a"}}""",
        """{"names":{"-":"a"}}""",
        """{"names":{"1.0":"a"}}""",
        """{"names":{"1":"a","1":"b"}}""",
        """{"groups":{"9223372036854775807":[1],"-9223372036854775808":[2]}}""",
        """{"groups":{"9223372036854775808":[1]}}""",
        """{"groups":{"0000000000000000001":[1]}}""",
        """{"counts":{"a":1,"a":2}}""",
        """{"counts":{"a\"b":1}}""",
        """{"counts":{"\u00e9":1,"é":2}}""",
        """{"counts":{"a":1,}}""",
        """{"counts":{"a":"1"}}""",
        """{"counts":{"a":null}}""",
        """{"counts":null,"names":null}""",
        """{"counts":{"a" 1}}""",
        """{"counts":{a:1}}""",
        """{"counts":[]}""",
        """{"nested":{"k":{"1":true,"1":false},"k":{}}}""",
        """{"addresses":{"x":{"street":"s","zip":1},"y":null}}""",
        """{"scores":{"1":1e400}}""",
        """{"scores":{"1":-0.0,"2":1E-7}}""",
    };

    [Theory]
    [MemberData(nameof(KeyEdgeDocuments))]
    public void Key_edge_documents_read_like_STJ(string json) => Case.ReadsLikeStj(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_key_of_invalid_UTF8_is_rejected_like_STJ()
    {
        byte[] json = [.. "{\"counts\":{\""u8, 0xC3, 0x28, .. "\":1}}"u8];
        Case.ReadsLikeStj(json);
        Assert.Throws<JsonException>(() => VelithonJson.Deserialize<FastMaps>(json));
    }
}
