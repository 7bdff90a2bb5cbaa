using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Hierarchies compiled with <c>AllowOutOfOrderMetadataProperties = true</c> (Models/OutOfOrderPolymorphism.cs) against
/// STJ with the Web defaults and that setting: written byte-identically, STJ's output and its variants (the discriminator
/// anywhere, unknown, missing, of the other JSON type, duplicated; <c>$</c> members; <c>$id</c>, <c>$ref</c> and
/// <c>$values</c> anywhere; damaged and truncated documents) read to the same value or failing with the same exception,
/// message, path and position, from a span, a multi-segment sequence and a stream.
/// </summary>
public sealed class OutOfOrderMetadataOracleTests
{
    private static readonly JsonSerializerOptions Stj = new(JsonSerializerOptions.Web) { AllowOutOfOrderMetadataProperties = true };

    private static readonly Gen<string?> Names = Generators.NullableString;

    private static readonly Gen<LooseShape> Shapes = Gen.OneOf<LooseShape>(
        Gen.Select(Names, Gen.Double).Select((name, radius) => new LooseCircle { Name = name, Radius = radius }),
        Gen.Select(Names, Gen.Int, Generators.NullableString.List[0, 3].Null(0.5)).Select((name, side, tags) => new LooseSquare { Name = name, Side = side, Tags = tags }),
        Gen.Select(Names, Gen.Int, Gen.Int).Select((name, x, y) => new LoosePoint(x, y) { Name = name }));

    private static readonly Gen<LooseAnimal> Animals = Gen.OneOf<LooseAnimal>(
        Gen.Select(Gen.Int, Names).Select((legs, name) => new LooseAnimal { Legs = legs, Name = name }),
        Gen.Select(Gen.Int, Names, Gen.Bool).Select((legs, name, barks) => new LooseDog { Legs = legs, Name = name, Barks = barks }),
        Gen.Select(Gen.Int, Names, Gen.Int, Shapes.Null(0.5)).Select((legs, name, lives, toy) => new LooseCat { Legs = legs, Name = name, Lives = lives, Toy = toy }));

    private static readonly Gen<LooseVehicle> Vehicles = Gen.OneOf<LooseVehicle>(
        Gen.Int.Select(wheels => new LooseVehicle { Wheels = wheels }),
        Gen.Select(Gen.Int, Names).Select((wheels, model) => new LooseCar { Wheels = wheels, Model = model }));

    private static readonly Gen<ILooseToken> Tokens = Gen.OneOf<ILooseToken>(
        Gen.Select(Gen.Int, Names).Select((position, text) => (ILooseToken)new LooseWord { Position = position, Text = text }),
        Gen.Select(Gen.Int, Gen.Long).Select((position, value) => (ILooseToken)new LooseNumber { Position = position, Value = value }));

    private static readonly Gen<LooseZoo> Zoos =
        Gen.Select(Shapes.Null(0.2), Shapes.Null(0.2).List[0, 4].Null(0.2), Animals.Array[0, 4].Null(0.2), Gen.Select(Generators.Key, Vehicles.Null(0.2)).Array[0, 3].Null(0.3), Tokens.List[0, 3].Null(0.2))
            .Select((featured, shapes, animals, garage, tokens) => new LooseZoo
            {
                Featured = featured,
                Shapes = shapes,
                Animals = animals,
                Garage = garage is null ? null : garage.GroupBy(p => p.Item1, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Item2, StringComparer.Ordinal),
                Tokens = tokens,
            });

    [Fact]
    public void Zoo_is_byte_identical_to_STJ() => Zoos.Run(zoo =>
        PolymorphismOracleTests.AssertBytes(JsonSerializer.SerializeToUtf8Bytes(zoo, Stj), VelithonJson.SerializeToUtf8Bytes(zoo)), iter: 1000);

    [Fact]
    public void STJ_output_reads_back_as_STJ_reads_it() => Zoos.Run(zoo => AssertSameRead<LooseZoo>(JsonSerializer.SerializeToUtf8Bytes(zoo, Stj)), iter: 1000);

    [Theory]
    [InlineData("MoveAnywhere")]
    [InlineData("MoveLast")]
    [InlineData("Unknown")]
    [InlineData("Remove")]
    [InlineData("OtherType")]
    [InlineData("Duplicate")]
    [InlineData("DollarMember")]
    [InlineData("OtherMetadata")]
    public void Variants_read_like_STJ(string variant) => Gen.Select(Zoos, Gen.Int).Run(t =>
    {
        var mutation = Enum.Parse<PolymorphismOracleTests.Mutation>(variant);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(t.Item1, Stj);
        var random = new Random(t.Item2);
        AssertSameRead<LooseZoo>(PolymorphismOracleTests.Rewrite(json, random, mutation));
        AssertSameRead<LooseZoo>(PolymorphismOracleTests.Rewrite(json, random, PolymorphismOracleTests.Mutation.MoveAnywhere));
    }, iter: 600, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Mutated_and_truncated_documents_read_like_STJ() => Bounded.Run(TimeSpan.FromSeconds(120), _ =>
        Gen.Select(Zoos, Gen.Int).Run(t =>
        {
            var random = new Random(t.Item2);
            byte[] json = PolymorphismOracleTests.Rewrite(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Stj), random, PolymorphismOracleTests.Mutation.MoveAnywhere);
            for (int i = 0; i < 4; i++)
            {
                AssertSameRead<LooseZoo>(Mutator.Mutate(json, random));
            }

            AssertSameRead<LooseZoo>(json.AsSpan(0, random.Next(json.Length)).ToArray());
        }, iter: 1000, print: t => Oracle.Show(t.Item1)));

    [Fact]
    public void Variants_stream_like_STJ_DeserializeAsync() => Gen.Select(Zoos, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = PolymorphismOracleTests.Rewrite(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Stj), random, PolymorphismOracleTests.Mutation.MoveAnywhere);
        AssertSameStreamRead<LooseZoo>(PolymorphismOracleTests.Rewrite(json, random, PolymorphismOracleTests.Mutation.OtherMetadata)).GetAwaiter().GetResult();
        AssertSameStreamRead<LooseZoo>(PolymorphismOracleTests.Rewrite(json, random, PolymorphismOracleTests.Mutation.Unknown)).GetAwaiter().GetResult();
    }, iter: 300, print: t => Oracle.Show(t.Item1));

    [Theory]
    [InlineData("""{"radius":1,"$type":"circle","name":"x"}""")]
    [InlineData("""{"name":"x","radius":1,"$type":"square"}""")]
    [InlineData("""{"radius":1,"$type":"nope","name":"x"}""")]
    [InlineData("""{"radius":1,"name":"x"}""")]
    [InlineData("""{"radius":1,"$type":"circle","$type":"circle"}""")]
    [InlineData("""{"radius":1,"$type":"circle","$x":1}""")]
    [InlineData("""{"$x":1,"$type":"circle"}""")]
    [InlineData("""{"radius":1,"$id":"1","$type":"circle"}""")]
    [InlineData("""{"radius":1,"$ref":"1"}""")]
    [InlineData("""{"radius":1,"$values":[]}""")]
    [InlineData("""{"$values":[],"$type":"circle"}""")]
    [InlineData("""{"$values":[]}""")]
    [InlineData("""{"$values":1}""")]
    [InlineData("""{"$values":[1,],"radius":1}""")]
    [InlineData("""{"$values":[],"$values":[]}""")]
    [InlineData("""{"$values":[],"radius":1}""")]
    [InlineData("""{"$values":[],"$type":1.5}""")]
    [InlineData("""{"$values":[],"$type":"nope"}""")]
    [InlineData("""{"$type":"nope","$values":[]}""")]
    [InlineData("""{"$type":"circle","$values":[],"radius":1}""")]
    [InlineData("""{"$type":"circle","$values":[],"$id":"1"}""")]
    [InlineData("""{"radius":1,"$type":"circle","$values":1}""")]
    [InlineData("""{"radius":1,"$type":true}""")]
    [InlineData("""{"radius":1,"$type":"\uD800"}""")]
    [InlineData("""{"radius":[1,],"$type":"circle"}""")]
    [InlineData("""{"radius":"x","$type":"circle"}""")]
    [InlineData("""{"radius":1,"\u0024type":"circle"}""")]
    [InlineData("""{"radius":1,"$type":"circle","radius":2}""")]
    [InlineData("""{"radius":1,"\uD800":1,"$type":"circle"}""")]
    [InlineData("""{"radius":1,"$type":"circle","\uD800":1}""")]
    [InlineData("{\"radius\":1,\"$type\":\"circle\"")]
    [InlineData("""{"radius":1,"$type":"circle",""")]
    [InlineData("""{"radius":1""")]
    [InlineData("""{"radius":1,"$type":"circle"}x""")]
    [InlineData("""{"y":2,"x":1,"$type":"point","name":"p"}""")]
    [InlineData("""{"y":"q","$type":"point","x":1}""")]
    [InlineData("""{"name":5,"x":1,"$type":"point","y":2}""")]
    [InlineData("""{"x":1,"$type":"point","x":2}""")]
    [InlineData("""{}""")]
    [InlineData("""{"$type":"circle"}""")]
    [InlineData("""[]""")]
    public void Named_shape_inputs_read_like_STJ(string json) => AssertSameRead<LooseShape>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"legs":3,"kind":1,"barks":true}""")]
    [InlineData("""{"legs":3,"kind":2,"toy":{"radius":2,"$type":"circle"},"lives":9}""")]
    [InlineData("""{"legs":3,"kind":2,"toy":{"radius":2,"$type":"nope"}}""")]
    [InlineData("""{"legs":3,"kind":3}""")]
    [InlineData("""{"legs":3,"kind":"1"}""")]
    [InlineData("""{"legs":3,"kind":1.5}""")]
    [InlineData("""{"legs":1,"kind":3000000000}""")]
    [InlineData("""{"legs":3,"$type":1}""")]
    [InlineData("""{"kind":1,"$type":"x"}""")]
    [InlineData("""{"legs":3}""")]
    [InlineData("""{"legs":"x","kind":1}""")]
    [InlineData("""{"kind":1,"legs":"x"}""")]
    [InlineData("""{"legs":1,"$values":[],"kind":1}""")]
    [InlineData("""{"kind":99,"$values":[]}""")]
    [InlineData("""{"kind":1,"$values":[]}""")]
    [InlineData("""{"kind":1,"$values":{}}""")]
    [InlineData("""{"$values":[],"kind":1}""")]
    public void Named_animal_inputs_read_like_STJ(string json) => AssertSameRead<LooseAnimal>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"wheels":1,"$type":"zz"}""")]
    [InlineData("""{"wheels":1,"model":"m","$type":"car"}""")]
    [InlineData("""{"wheels":1,"$type":"vehicle"}""")]
    [InlineData("""{"wheels":1,"$type":5}""")]
    [InlineData("""{"$type":"zz","$values":[]}""")]
    [InlineData("""{"wheels":3}""")]
    public void Named_vehicle_inputs_read_like_STJ(string json) => AssertSameRead<LooseVehicle>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"position":1,"text":"a","t":"w"}""")]
    [InlineData("""{"position":1,"value":2,"t":"n"}""")]
    [InlineData("""{"position":1,"t":"zz"}""")]
    [InlineData("""{"position":1}""")]
    [InlineData("""{"position":1,"$type":"w"}""")]
    public void Named_token_inputs_read_like_STJ(string json) => AssertSameRead<ILooseToken>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"featured":{"radius":[1,,],"$type":"circle"}}""")]
    [InlineData("""{"featured":{"radius":1,"$type":"nope"}}""")]
    [InlineData("""{"featured":{"$values":[1,],"radius":1}}""")]
    [InlineData("""{"animals":[{"legs":1,"kind":1,"legs":"q"}]}""")]
    [InlineData("""{"animals":[{"legs":1,"kind":7}]}""")]
    [InlineData("""{"shapes":[null,{"x":1,"y":2,"$type":"point"}],"garage":{"a":{"model":"m","$type":"car"}}}""")]
    [InlineData("""{"tokens":[{"text":"a","t":"w"},{"t":"n","value":"x"}]}""")]
    public void Named_member_inputs_read_like_STJ(string json) => AssertSameRead<LooseZoo>(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_contract_matches_a_host_with_the_setting_only()
    {
        Assert.Null(VelithonJsonContract.Of<LooseShape>().FindMismatch(Stj));
        Assert.Null(VelithonJsonTypeInfoResolver.FindMismatch(typeof(LooseZoo), Stj));
        Assert.NotNull(VelithonJsonContract.Of<LooseShape>().FindMismatch(JsonSerializerOptions.Web));

        // At the top level the resolver leaves a polymorphic base to STJ whatever the options (docs/json.md).
        Assert.Contains("polymorphic base", VelithonJsonTypeInfoResolver.FindMismatch(typeof(LooseShape), Stj), StringComparison.Ordinal);
    }

    [Fact]
    public void Through_STJ_the_resolver_reads_the_same() => Gen.Select(Zoos, Gen.Int).Run(t =>
    {
        var resolved = new JsonSerializerOptions(Stj)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()),
        };
        byte[] json = PolymorphismOracleTests.Rewrite(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Stj), new Random(t.Item2), PolymorphismOracleTests.Mutation.MoveAnywhere);
        (LooseZoo? stj, Exception? stjError) = PolymorphismOracleTests.Try(() => JsonSerializer.Deserialize<LooseZoo>(json, Stj));
        (LooseZoo? ours, Exception? error) = PolymorphismOracleTests.Try(() => JsonSerializer.Deserialize<LooseZoo>(json, resolved));
        Assert.Equal(stjError?.GetType(), error?.GetType());
        DeepEqual.AssertEqual(stj, ours);
    }, iter: 300);

    private static void AssertSameRead<T>(byte[] json)
        where T : IVelithonJson<T> => PolymorphismOracleTests.AssertSameRead<T>(json, Stj);

    private static async Task AssertSameStreamRead<T>(byte[] utf8)
        where T : IVelithonJson<T>
    {
        (T? expected, Exception? stjError) = await AsyncOutcome.Of(async () => await JsonSerializer.DeserializeAsync<T>(new MemoryStream(utf8), Stj));
        string input = "\nInput: " + Encoding.UTF8.GetString(utf8);
        foreach (Func<Task<T?>> read in new Func<Task<T?>>[]
        {
            async () => await VelithonJson.DeserializeAsync<T>(new MemoryStream(utf8)),
            async () => await VelithonJson.DeserializeAsync<T>(new TrickleStream(utf8, 3)),
        })
        {
            (T? actual, Exception? error) = await AsyncOutcome.Of(read);
            if (stjError is null)
            {
                Assert.True(error is null, $"STJ reads it, Velithon threw {error}{input}");
                DeepEqual.AssertEqual(expected, actual);
                continue;
            }

            Assert.True(error is not null && stjError.GetType() == error.GetType(), $"STJ: {stjError}\nVelithon: {error}{input}");
            PolymorphismOracleTests.AssertSameException(stjError, error!, input);
            if (stjError is JsonException stjJson)
            {
                Assert.Equal(stjJson.Path, ((JsonException)error).Path);
                Assert.Equal(stjJson.BytePositionInLine, ((JsonException)error).BytePositionInLine);
            }
        }
    }
}
