using System.Text;
using System.Text.Json;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// [JsonExtensionData] in polymorphic hierarchies (with the discriminator first, and anywhere) and in generic types
/// (Models/ExtensionDataShapes.cs) against STJ: written byte-identically, and STJ's output and its variants (unknown
/// members, recased names, the discriminator moved, <c>$</c> members, damaged and truncated documents) read as STJ
/// reads them: the same value (compared by writing both with STJ), or the same exception, message, path and position.
/// </summary>
public sealed class ExtensionDataShapeOracleTests
{
    private static readonly JsonSerializerOptions Web = JsonSerializerOptions.Web;

    private static readonly JsonSerializerOptions Loose = new(JsonSerializerOptions.Web) { AllowOutOfOrderMetadataProperties = true };

    private static readonly Gen<string> ExtensionKey = Gen.Frequency(
        (6, Generators.Key),
        (1, Gen.OneOf("weight", "Weight", "to", "text", "color", "kind", "body", "tag", "value", "Extra", "headers", "")));

    private static readonly Gen<object> ObjectValue = Gen.Frequency(
        (4, DocumentGenerators.Element.Select(e => (object)e)),
        (1, Generators.String.Select(s => (object)s)),
        (1, Gen.Int.Select(i => (object)i)),
        (1, Gen.Bool.Select(b => (object)b)));

    private static Gen<Dictionary<string, T>?> Entries<T>(Gen<T> value) =>
        Gen.Select(ExtensionKey, value).List[0, 4].Select(l => l.DistinctBy(e => e.Item1).ToDictionary(e => e.Item1, e => e.Item2)).Null(0.3)!;

    private static readonly Gen<Parcel> Parcels = Gen.OneOf<Parcel>(
        Gen.Select(Gen.Int, Entries(DocumentGenerators.Element)).Select((weight, extra) => new Parcel { Weight = weight, Extra = extra }),
        Gen.Select(Gen.Int, Generators.NullableString, Entries(DocumentGenerators.Element)).Select((weight, to, extra) => new Letter { Weight = weight, To = to, Extra = extra }));

    private static readonly Gen<Letter> Letters = Gen.Select(Gen.Int, Generators.NullableString, Entries(DocumentGenerators.Element))
        .Select((weight, to, extra) => new Letter { Weight = weight, To = to, Extra = extra });

    private static readonly Gen<MemoNote> Memos = Gen.OneOf<MemoNote>(
        Generators.NullableString.Select(text => new MemoNote { Text = text }),
        Gen.Select(Generators.NullableString, Gen.Int, Entries(ObjectValue)).Select((text, color, more) => new StickyMemo { Text = text, Color = color, More = more }));

    private static Gen<MailEnvelope<T>> MailEnvelopesOf<T>(Gen<T> body) =>
        Gen.Select(body, body.List[0, 3].Null(0.3), Entries(DocumentGenerators.Element))
            .Select((b, attachments, headers) => new MailEnvelope<T> { Body = b, Attachments = attachments, Headers = headers });

    private static Gen<Tagged<T>> TaggedOf<T>(Gen<T> value) =>
        Gen.Select(value, Generators.NullableString, Entries(ObjectValue)).Select((v, tag, rest) => new Tagged<T>(v, tag) { Rest = rest });

    private static readonly Gen<ExtensionShapes> Shapes = Gen.Select(
            Parcels.Null(0.2), Memos.Null(0.2).List[0, 3].Null(0.2), MailEnvelopesOf(Gen.Int).Null(0.2), MailEnvelopesOf(Letters).Null(0.2), TaggedOf(Generators.String).Null(0.2))
        .Select(TaggedOf(Parcels).Null(0.3), (a, boxed) => new ExtensionShapes
        {
            Parcel = a.Item1,
            Memos = a.Item2,
            Numbers = a.Item3,
            Letters = a.Item4,
            Label = a.Item5,
            Boxed = boxed,
        });

    private static readonly Gen<LooseExtensionShapes> LooseShapes = Gen.Select(
        Gen.Select(Gen.Int, Generators.NullableString, Entries(DocumentGenerators.Element), Gen.Bool)
            .Select((weight, to, extra, derived) => derived ? new LooseLetter { Weight = weight, To = to, Extra = extra } : new LooseParcel { Weight = weight, Extra = extra })
            .Null(0.2)
            .List[0, 3],
        parcels => new LooseExtensionShapes { Parcel = parcels.FirstOrDefault(), Parcels = parcels });

    [Fact]
    public void Writes_are_byte_identical_to_STJ() => Gen.Select(Shapes, LooseShapes).Run(t =>
    {
        PolymorphismOracleTests.AssertBytes(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Web), VelithonJson.SerializeToUtf8Bytes(t.Item1));
        PolymorphismOracleTests.AssertBytes(JsonSerializer.SerializeToUtf8Bytes(t.Item2, Loose), VelithonJson.SerializeToUtf8Bytes(t.Item2));
        if (t.Item1.Numbers is { } numbers)
        {
            PolymorphismOracleTests.AssertBytes(JsonSerializer.SerializeToUtf8Bytes(numbers, Web), VelithonJson.SerializeToUtf8Bytes(numbers));
        }
    }, iter: 1500);

    [Fact]
    public void Reads_STJ_output_and_its_variants_like_STJ() => Gen.Select(Shapes, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(t.Item1, Web);
        AssertSameRead<ExtensionShapes>(json, Web);
        AssertSameRead<ExtensionShapes>(JsonRewriter.InsertUnknownMembers(json, random), Web);
        AssertSameRead<ExtensionShapes>(JsonRewriter.FlipCase(json, random), Web);
        AssertSameRead<ExtensionShapes>(Rewrite(json, random, PolymorphismOracleTests.Mutation.MoveAnywhere), Web);
        AssertSameRead<ExtensionShapes>(Rewrite(json, random, PolymorphismOracleTests.Mutation.DollarMember), Web);
    }, iter: 1000, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Out_of_order_reads_STJ_output_and_its_variants_like_STJ() => Gen.Select(LooseShapes, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(t.Item1, Loose);
        AssertSameRead<LooseExtensionShapes>(json, Loose);
        AssertSameRead<LooseExtensionShapes>(JsonRewriter.InsertUnknownMembers(json, random), Loose);
        AssertSameRead<LooseExtensionShapes>(Rewrite(json, random, PolymorphismOracleTests.Mutation.MoveAnywhere), Loose);
        AssertSameRead<LooseExtensionShapes>(Rewrite(json, random, PolymorphismOracleTests.Mutation.OtherMetadata), Loose);
    }, iter: 1000, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Mutated_and_truncated_documents_read_like_STJ() => Bounded.Run(TimeSpan.FromSeconds(120), _ =>
        Gen.Select(Shapes, LooseShapes, Gen.Int).Run(t =>
        {
            var random = new Random(t.Item3);
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(t.Item1, Web);
            byte[] loose = Rewrite(JsonSerializer.SerializeToUtf8Bytes(t.Item2, Loose), random, PolymorphismOracleTests.Mutation.MoveAnywhere);
            for (int i = 0; i < 3; i++)
            {
                AssertSameRead<ExtensionShapes>(Mutator.Mutate(json, random), Web);
                AssertSameRead<LooseExtensionShapes>(Mutator.Mutate(loose, random), Loose);
            }

            AssertSameRead<ExtensionShapes>(json.AsSpan(0, random.Next(json.Length)).ToArray(), Web);
        }, iter: 800, print: t => Oracle.Show(t.Item1)));

    [Theory]
    [InlineData("""{"$type":"letter","weight":1,"to":"x","c":3}""")]
    [InlineData("""{"weight":1,"c":3,"z":[1,{"q":null}]}""")]
    [InlineData("""{"$type":"letter","weight":1,"$x":3}""")]
    [InlineData("""{"weight":1,"c":3,"$type":"letter"}""")]
    [InlineData("""{"$type":"letter","Extra":{"q":1},"c":3}""")]
    [InlineData("""{"$type":"letter","c":3,"c":4}""")]
    [InlineData("""{"$type":"letter","c":[1,}""")]
    [InlineData("""{"$type":"nope","c":1}""")]
    public void Named_parcel_inputs_read_like_STJ(string json) => AssertSameRead<Parcel>(Encoding.UTF8.GetBytes(json), Web);

    [Theory]
    [InlineData("""{"weight":1,"c":3,"$type":"letter","to":"x"}""")]
    [InlineData("""{"c":3,"$type":"letter","$x":1}""")]
    [InlineData("""{"c":[1,],"$type":"letter"}""")]
    [InlineData("""{"c":3,"$type":"nope"}""")]
    public void Named_loose_parcel_inputs_read_like_STJ(string json) => AssertSameRead<LooseParcel>(Encoding.UTF8.GetBytes(json), Loose);

    [Theory]
    [InlineData("""{"kind":1,"color":2,"a":"s","b":1.5,"c":null}""")]
    [InlineData("""{"color":2,"a":"s"}""")]
    [InlineData("""{"kind":1,"More":{"x":1}}""")]
    public void Named_memo_inputs_read_like_STJ(string json) => AssertSameRead<MemoNote>(Encoding.UTF8.GetBytes(json), Web);

    [Theory]
    [InlineData("""{"value":"v","tag":"t","x":1,"y":[2]}""")]
    [InlineData("""{"x":1,"value":"v"}""")]
    [InlineData("""{"value":5,"x":1}""")]
    [InlineData("""{"x":1,"value":5}""")]
    [InlineData("""{"rest":{"q":1},"value":"v"}""")]
    public void Named_tagged_inputs_read_like_STJ(string json) => AssertSameRead<Tagged<string>>(Encoding.UTF8.GetBytes(json), Web);

    // Extension data may repeat a member's name, which STJ writes twice: the rewriter (a JsonNode) cannot hold that document.
    private static byte[] Rewrite(byte[] json, Random random, PolymorphismOracleTests.Mutation mutation)
    {
        try
        {
            return PolymorphismOracleTests.Rewrite(json, random, mutation);
        }
        catch (ArgumentException)
        {
            return json;
        }
    }

    private static void AssertSameRead<T>(byte[] json, JsonSerializerOptions options)
        where T : IVelithonJson<T>
    {
        PolymorphismOracleTests.AssertSameRead<T>(json, options);
        (T? expected, Exception? error) = PolymorphismOracleTests.Try(() => JsonSerializer.Deserialize<T>(json, options));
        if (error is not null)
        {
            return; // the same exception from both: checked above
        }

        T? actual = VelithonJson.Deserialize<T>(json);
        // An element holding a lone surrogate escape cannot be written again: both then fail alike.
        string stj = TryWrite(() => JsonSerializer.SerializeToUtf8Bytes(expected, options));
        string ours = TryWrite(() => JsonSerializer.SerializeToUtf8Bytes(actual, options));
        Assert.True(stj == ours, $"\nSTJ:      {stj}\nVelithon: {ours}\nInput: {Encoding.UTF8.GetString(json)}");
    }

    private static string TryWrite(Func<byte[]> write)
    {
        try
        {
            return Encoding.UTF8.GetString(write());
        }
        catch (JsonException ex)
        {
            return "throws " + ex.GetType().Name;
        }
    }
}
