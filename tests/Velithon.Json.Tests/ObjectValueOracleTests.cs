using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// <c>object</c> members, elements and dictionary values against STJ reflection with the Web defaults: written as the
/// runtime type (byte-identical, also with the relaxed encoder), read as a JsonElement, and a runtime type the generated
/// code cannot prove is a NotSupportedException, never other bytes.
/// </summary>
public sealed class ObjectValueOracleTests
{
    private static readonly JsonSerializerOptions Relaxed = new(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly VelithonJsonOptions VelithonRelaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Gen<object?> Boxed = Gen.Frequency(
        (2, Gen.Const((object?)null)),
        (3, DocumentGenerators.Element.Select(e => (object?)e)),
        (2, DocumentGenerators.Node.Select(n => (object?)n)),
        (3, Generators.String.Select(s => (object?)s)),
        (1, Gen.Bool.Select(b => (object?)b)),
        (2, Gen.Int.Select(i => (object?)i)),
        (1, Gen.Long.Select(l => (object?)l)),
        (2, Generators.Double.Where(double.IsFinite).Select(d => (object?)d)),
        (1, Generators.Single.Where(float.IsFinite).Select(f => (object?)f)),
        (1, Generators.Decimal.Select(m => (object?)m)),
        (1, Gen.Short.Select(v => (object?)v)),
        (1, Gen.Byte.Select(v => (object?)v)),
        (1, Gen.SByte.Select(v => (object?)v)),
        (1, Gen.UShort.Select(v => (object?)v)),
        (1, Gen.UInt.Select(v => (object?)v)),
        (1, Gen.ULong.Select(v => (object?)v)),
        (1, Generators.Char.Select(v => (object?)v)),
        (1, Gen.Guid.Select(v => (object?)v)),
        (1, Generators.DateTime.Select(v => (object?)v)),
        (1, Generators.DateTimeOffset.Select(v => (object?)v)),
        (1, Generators.DateOnly.Select(v => (object?)v)),
        (1, Generators.TimeOnly.Select(v => (object?)v)),
        (1, Generators.TimeSpan.Select(v => (object?)v)),
        (1, NumericGenerators.FiniteHalf.Select(v => (object?)v)),
        (1, NumericGenerators.Int128.Select(v => (object?)v)),
        (1, NumericGenerators.UInt128.Select(v => (object?)v)),
        (1, NumericGenerators.Version.Select(v => (object?)v)),
        (1, Gen.Const(() => (object?)new object())));

    private static readonly Gen<ObjectValues> Values = Gen.Select(
        Boxed,
        Boxed.List[0, 5].Null(0.2),
        Gen.Select(Generators.Key, Boxed.Where(b => b is not null)).List[0, 4].Select(l => l.DistinctBy(e => e.Item1).ToDictionary(e => e.Item1, e => e.Item2!)).Null(0.2),
        (any, items, bag) => new ObjectValues { Any = any, Items = items, Bag = bag });

    [Fact]
    public void Writes_are_byte_identical_to_STJ() => Values.Run(value =>
    {
        AssertSameWrite(Oracle.Serialize, v => VelithonJson.SerializeToUtf8Bytes(v), value);
        AssertSameWrite(v => JsonSerializer.SerializeToUtf8Bytes(v, Relaxed), v => VelithonJson.SerializeToUtf8Bytes(v, VelithonRelaxed), value);
    }, iter: 3000);

    [Fact]
    public void Reads_STJ_output_and_its_variants_like_STJ() => Gen.Select(Values, Gen.Int).Run(t =>
    {
        byte[] json = Oracle.Serialize(t.Item1);
        var random = new Random(t.Item2);
        ConverterOracleTests.AssertSameRead<ObjectValues>(json);
        ConverterOracleTests.AssertSameRead<ObjectValues>(JsonRewriter.FlipCase(json, random));
        ConverterOracleTests.AssertSameRead<ObjectValues>(JsonRewriter.NumbersAsStrings(json));
        for (int i = 0; i < 3; i++)
        {
            ConverterOracleTests.AssertSameRead<ObjectValues>(Mutator.Mutate(json, random));
        }
    }, iter: 1500, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Arbitrary_documents_read_like_STJ() => DocumentGenerators.Text(4).Run(text =>
    {
        ConverterOracleTests.AssertSameRead<ObjectValues>(Encoding.UTF8.GetBytes("{\"any\":" + text + ",\"items\":[" + text + "],\"bag\":{\"k\":" + text + "}}"));
    }, iter: 2000);

    [Fact]
    public void JSON_null_reads_as_null_and_values_as_JsonElements()
    {
        ObjectValues read = VelithonJson.Deserialize<ObjectValues>("""{"any":null,"items":[null,1],"bag":{"a":"x"}}"""u8)!;
        Assert.Null(read.Any);
        Assert.Null(read.Items![0]);
        Assert.Equal(JsonValueKind.Number, Assert.IsType<JsonElement>(read.Items[1]).ValueKind);
        Assert.Equal("x", Assert.IsType<JsonElement>(read.Bag!["a"]).GetString());
    }

    [Theory]
    [MemberData(nameof(UnprovenValues))]
    public void A_runtime_type_it_cannot_prove_is_NotSupportedException(object value)
    {
        var holder = new ObjectValues { Any = value };
        Assert.NotEmpty(Oracle.Serialize(holder));
        var error = Assert.Throws<NotSupportedException>(() => VelithonJson.SerializeToUtf8Bytes(holder));
        Assert.Contains("'" + value.GetType() + "'", error.Message, StringComparison.Ordinal);

        var inList = new ObjectValues { Items = [1, value] };
        Assert.Throws<NotSupportedException>(() => VelithonJson.SerializeToUtf8Bytes(inList));
    }

    public static TheoryData<object> UnprovenValues() => new()
    {
        new Uri("https://example.com/"),
        new List<int> { 1 },
        new Address("s", "c", 1),
        Color.Green,
        new byte[] { 1, 2 },
    };

    // Both write the same bytes, or both fail with the same exception (a non-finite double, ...).
    private static void AssertSameWrite(Func<ObjectValues, byte[]> stj, Func<ObjectValues, byte[]> velithon, ObjectValues value)
    {
        byte[]? expected = null;
        Exception? stjError = null;
        try
        {
            expected = stj(value);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException)
        {
            stjError = ex;
        }

        if (stjError is not null)
        {
            Exception error = Assert.ThrowsAny<Exception>(() => velithon(value));
            Assert.True(error.GetType() == stjError.GetType() && error.Message == stjError.Message, $"STJ: {stjError}\nVelithon: {error}");
            return;
        }

        byte[] actual = velithon(value);
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"\nSTJ:      {Oracle.Text(expected)}\nVelithon: {Oracle.Text(actual)}");
    }
}
