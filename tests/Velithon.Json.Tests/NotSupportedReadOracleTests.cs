using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using Velithon.Json.Tests.Models;
using Velithon.Testing;

namespace Velithon.Json.Tests;

/// <summary>
/// A <see cref="NotSupportedException"/> met while reading (an abstract polymorphic base without a discriminator, an
/// abstract type a discriminator names, a read-only collection to populate) is System.Text.Json's: its message followed
/// by " Path: … | LineNumber: … | BytePositionInLine: …." and the exception raised as its inner exception, through
/// every entry point (span, sequence in one segment and in one-byte segments, streams, the list and async-enumerable
/// roots, STJ with <see cref="VelithonJsonTypeInfoResolver"/> at the root), also for members read after a constructor.
/// </summary>
public sealed class NotSupportedReadOracleTests
{
    private static readonly JsonSerializerOptions Resolved = new(JsonSerializerOptions.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()),
    };

    public static TheoryData<string> ZooInputs => new()
    {
        """{"featured":{"name":"x"}}""",
        """{"featured":{}}""",
        "{\n  \"shapes\": [\n    {\"$type\":\"circle\",\"radius\":1},\n    {\"name\":null}\n  ]\n}",
        """{"shapes":[{"radius":1,"$type":"circle"}]}""",
        """{"owner":{"$type":"staff","id":"1"}}""",
        """{"owner":{"$type":"staff"}}""",
        """{"people":[{"$type":"employee"},{"$type":"staff","team":"a"}]}""",
        """{"boss":{"$type":"director"},"owner":{"$type":"staff",}}""",
        """{"owner":{"$type":"staff","$id":"1"}}""",
        "{\"featured\":{\"name\":\"x\"",
    };

    public static TheoryData<string> ExhibitInputs => new()
    {
        """{"title":"a","cover":{"name":1}}""",
        """{"extra":{"name":1},"title":"a"}""",
        """{"more":[{"$type":"square"},{"name":1}],"title":"a"}""",
        """{"title":"a","cover":{"$type":"circle"},"extra":{}}""",
        "{\"owner\":{\"$type\":\"staff\"},\n\"cover\":{\"$type\":\"nope\"}}",
        """{"extra":{},"cover":{}}""",
    };

    public static TheoryData<string> GalleryInputs => new()
    {
        """{"featured":{"label":"x"}}""",
        """{"figures":[{"$type":"disc"},{}]}""",
        """{"root":{"id":1}}""",
    };

    [Theory]
    [MemberData(nameof(ZooInputs))]
    public Task A_polymorphic_member_reads_like_STJ_everywhere(string json) => SameEverywhere<Zoo>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"name":"x"}""")]
    [InlineData("  {}")]
    [InlineData("{\n\"name\": null,\n\"$type\": \"circle\"}")]
    [InlineData("""{"$type":"nope"}""")]
    [InlineData("""{"name":"x" """)]
    public Task A_polymorphic_root_reads_like_STJ_everywhere(string json) => SameEverywhere<Shape>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"$type":"staff","id":"1"}""")]
    [InlineData("""{"$type":"staff"}""")]
    [InlineData("""{"$type":"staff",}""")]
    [InlineData("""{"$type":"staff","$id":"1"}""")]
    [InlineData("""{"$type":"staff" "id":1}""")]
    public Task An_abstract_type_named_by_its_discriminator_reads_like_STJ_everywhere(string json) => SameEverywhere<Party>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"$type":"slot","id":1}""")]
    [InlineData("""{"$type":"slot"}""")]
    [InlineData("""{"$type":"sealed","label":"a"}""")]
    public Task An_abstract_generic_type_named_by_its_discriminator_reads_like_STJ_everywhere(string json) => SameEverywhere<SlotBase>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [MemberData(nameof(ExhibitInputs))]
    public Task Members_read_after_a_constructor_read_like_STJ_everywhere(string json) => SameEverywhere<Exhibit>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [MemberData(nameof(GalleryInputs))]
    public Task An_interface_base_reads_like_STJ_everywhere(string json) => SameEverywhere<Gallery>(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Documents_without_discriminators_read_like_STJ_everywhere() =>
        Gen.Select(Gen.Int[0, 3], Gen.Int, Gen.String[Gen.Char.AlphaNumeric, 0, 6]).Run(
            t =>
            {
                var random = new Random(t.Item2);
                Shape Pick() => random.Next(3) switch
                {
                    0 => new Circle { Name = t.Item3, Radius = random.Next(9) },
                    1 => new Square { Side = random.Next(9), Name = null },
                    _ => new Circle(),
                };
                var exhibit = new Exhibit(t.Item3, Pick())
                {
                    Extra = random.Next(2) == 0 ? Pick() : null,
                    More = [.. Enumerable.Range(0, t.Item1).Select(_ => Pick())],
                    Owner = random.Next(3) switch { 0 => new Employee { Grade = 2 }, 1 => new Party { Id = "p" }, _ => null },
                };
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(exhibit, JsonSerializerOptions.Web);
                byte[] mutated = PolymorphismOracleTests.Rewrite(json, random, PolymorphismOracleTests.Mutation.Remove);
                SameEverywhere<Exhibit>(mutated).GetAwaiter().GetResult();
                SameEverywhere<Exhibit>(PolymorphismOracleTests.Rewrite(json, random, PolymorphismOracleTests.Mutation.Unknown)).GetAwaiter().GetResult();
            },
            iter: 300);

    private static async Task SameEverywhere<T>(byte[] json)
        where T : IVelithonJson<T>
    {
        string input = "\nInput: " + Encoding.UTF8.GetString(json);
        Exception? expected = Outcome(() => JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web));
        Same("span", expected, Outcome(() => VelithonJson.Deserialize<T>(json)), input);
        Same("sequence", expected, Outcome(() => VelithonJson.Deserialize<T>(new System.Buffers.ReadOnlySequence<byte>(json))), input);
        Same("one-byte segments", expected, Outcome(() => VelithonJson.Deserialize<T>(TestInputs.Split(json, 1))), input);
        Same("resolver", expected, Outcome(() => JsonSerializer.Deserialize<T>(json, Resolved)), input);

        Exception? streamed = Outcome(() => JsonSerializer.DeserializeAsync<T>(new TrickleStream(json, 3), JsonSerializerOptions.Web).AsTask().GetAwaiter().GetResult());
        Same("stream", streamed, (await AsyncOutcome.Of(async () => await VelithonJson.DeserializeAsync<T>(new TrickleStream(json, 3)))).Error, input);
        Same("whole stream", streamed, (await AsyncOutcome.Of(async () => await VelithonJson.DeserializeAsync<T>(new MemoryStream(json)))).Error, input);

        byte[] list = [.. "[\n"u8.ToArray(), .. json, .. "]"u8.ToArray()];
        Exception? listExpected = Outcome(() => JsonSerializer.Deserialize<List<T>>(list, JsonSerializerOptions.Web));
        Same("list root", listExpected, Outcome(() => VelithonJson.DeserializeList<T>(list)), input);
        Exception? listStreamed = Outcome(() => JsonSerializer.DeserializeAsync<List<T>>(new TrickleStream(list, 3), JsonSerializerOptions.Web).AsTask().GetAwaiter().GetResult());
        Same("list stream", listStreamed, (await AsyncOutcome.Of(async () => await VelithonJson.DeserializeListAsync<T>(new TrickleStream(list, 3)))).Error, input);
        Exception? enumerated = await Enumerate(JsonSerializer.DeserializeAsyncEnumerable<T>(new TrickleStream(list, 3), JsonSerializerOptions.Web));
        Same("async enumerable", enumerated, await Enumerate(VelithonJson.DeserializeAsyncEnumerable<T>(new TrickleStream(list, 3))), input);
    }

    private static async Task<Exception?> Enumerate<T>(IAsyncEnumerable<T?> values)
    {
        try
        {
            await foreach (T? _ in values)
            {
            }

            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static Exception? Outcome<T>(Func<T> read)
    {
        try
        {
            read();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    // Values read are compared by the oracle tests of each model; here what matters is the same error or none.
    private static void Same(string entryPoint, Exception? expected, Exception? actual, string input)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{entryPoint}: STJ reads it, Velithon threw {actual}{input}");
            return;
        }

        Assert.True(actual is not null, $"{entryPoint}: STJ threw {expected.GetType().Name}: {expected.Message}; Velithon read a value{input}");
        PolymorphismOracleTests.AssertSameException(expected, actual!, $"\nEntry point: {entryPoint}{input}");
        if (expected is JsonException stj)
        {
            var ours = (JsonException)actual!;
            Assert.True(
                (stj.Path, stj.LineNumber, stj.BytePositionInLine) == (ours.Path, ours.LineNumber, ours.BytePositionInLine),
                $"{entryPoint}: STJ at {stj.Path} {stj.LineNumber}:{stj.BytePositionInLine}, Velithon at {ours.Path} {ours.LineNumber}:{ours.BytePositionInLine}{input}");
        }
    }
}
