using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Polymorphic hierarchies (Models/Polymorphism.cs) against System.Text.Json with the same attributes: written
/// byte-identically (STJ reflection and source generation), STJ's output read back as STJ reads it, and its variants
/// (discriminator moved after other members, unknown, missing, of the other JSON type, duplicated) read to the same value
/// or failing with the same exception, message, path and position (a NotSupportedException with STJ's message, its
/// " Path: … | LineNumber: … | BytePositionInLine: …." suffix and STJ's inner exception).
/// </summary>
public sealed class PolymorphismOracleTests
{
    private static readonly string[] DiscriminatorNames = ["$type", "kind", "t"];

    private static readonly Gen<string?> Names = Generators.NullableString;

    private static readonly Gen<Shape> Shapes = Gen.OneOf<Shape>(
        Gen.Select(Names, Gen.Double).Select((name, radius) => new Circle { Name = name, Radius = radius }),
        Gen.Select(Names, Gen.Int, Generators.NullableString.List[0, 3].Null(0.5)).Select((name, side, tags) => new Square { Name = name, Side = side, Tags = tags! }),
        Gen.Select(Names, Gen.Int).Select((name, a) => new Triangle { Name = name, A = a }));

    // Shapes that can be read back (STJ cannot read a Triangle through Shape: it has no discriminator).
    private static readonly Gen<Shape> ReadableShapes = Gen.OneOf<Shape>(
        Gen.Select(Names, Gen.Double).Select((name, radius) => new Circle { Name = name, Radius = radius }),
        Gen.Select(Names, Gen.Int, Generators.NullableString.List[0, 3].Null(0.5)).Select((name, side, tags) => new Square { Name = name, Side = side, Tags = tags! }));

    private static readonly Gen<Animal> Animals = Gen.OneOf<Animal>(
        Gen.Select(Gen.Int, Names).Select((legs, name) => new Animal { Legs = legs, Name = name }),
        Gen.Select(Gen.Int, Names, Gen.Bool).Select((legs, name, barks) => new Dog { Legs = legs, Name = name, Barks = barks }),
        Gen.Select(Gen.Int, Names, Gen.Int).Select((legs, name, lives) => new Cat { Legs = legs, Name = name, Lives = lives }));

    private static readonly Gen<Vehicle> Vehicles = Gen.OneOf<Vehicle>(
        Gen.Int.Select(wheels => new Vehicle { Wheels = wheels }),
        Gen.Select(Gen.Int, Names).Select((wheels, model) => new Car { Wheels = wheels, Model = model }),
        Gen.Select(Gen.Int, Names, Gen.Int).Select((wheels, model, speed) => new SportsCar { Wheels = wheels, Model = model, TopSpeed = speed }));

    private static readonly Gen<Party> Parties = Gen.OneOf<Party>(
        Names.Select(id => new Party { Id = id }),
        Gen.Select(Names, Gen.Int).Select((id, grade) => new Employee { Id = id, Grade = grade }),
        Gen.Select(Names, Gen.Int, Names, Names).Select((id, grade, team, language) => new Engineer { Id = id, Grade = grade, Team = team, Language = language }),
        Gen.Select(Names, Gen.Int, Gen.Int).Select((id, grade, reports) => new Manager { Id = id, Grade = grade, Reports = reports }),
        Gen.Select(Names, Gen.Int, Gen.Int, Names).Select((id, grade, reports, board) => new Director { Id = id, Grade = grade, Reports = reports, Board = board }));

    private static readonly Gen<Manager> Managers = Gen.OneOf<Manager>(
        Gen.Select(Names, Gen.Int).Select((id, reports) => new Manager { Id = id, Reports = reports }),
        Gen.Select(Names, Gen.Int, Names).Select((id, reports, board) => new Director { Id = id, Reports = reports, Board = board }));

    private static Gen<Dictionary<string, T>?> DictionaryOf<T>(Gen<T> value) =>
        Gen.Select(Generators.Key, value).Array[0, 3]
            .Select(pairs =>
            {
                var d = new Dictionary<string, T>(StringComparer.Ordinal);
                foreach ((string k, T v) in pairs)
                {
                    d.TryAdd(k, v);
                }

                return d;
            })
            .Null(0.3)!;

    private static Gen<Zoo> ZoosOf(Gen<Shape> shapes) =>
        Gen.Select(shapes.Null(0.2), shapes.List[0, 4].Null(0.2), Animals.Array[0, 4].Null(0.2), DictionaryOf(Animals.Null(0.2)), Vehicles.Null(0.2).List[0, 4].Null(0.2))
            .Select(Gen.Select(Parties.Null(0.2), Parties.List[0, 4].Null(0.2), Managers.Null(0.2)), (a, b) => new Zoo
            {
                Featured = a.Item1,
                Shapes = a.Item2,
                Animals = a.Item3,
                ByName = a.Item4!,
                Vehicles = a.Item5!,
                Owner = b.Item1,
                People = b.Item2,
                Boss = b.Item3,
            });

    private static readonly Gen<Zoo> Zoos = ZoosOf(Shapes);

    private static readonly Gen<Zoo> ReadableZoos = ZoosOf(ReadableShapes);

    private static readonly JsonSerializerOptions SourceGenerated = new(JsonSerializerOptions.Web) { TypeInfoResolver = PolymorphismStjContext.Default };

    private static readonly JsonSerializerOptions Resolved = new(JsonSerializerOptions.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()),
    };

    [Fact]
    public void Zoo_is_byte_identical_to_STJ_reflection_and_source_generation() => Zoos.Run(zoo =>
    {
        byte[] expected = Oracle.Serialize(zoo);
        AssertBytes(expected, JsonSerializer.SerializeToUtf8Bytes(zoo, SourceGenerated));
        AssertBytes(expected, VelithonJson.SerializeToUtf8Bytes(zoo));
        var stingy = new StingyBufferWriter();
        VelithonJson.Serialize(zoo, stingy);
        AssertBytes(expected, stingy.WrittenBytes);
    }, iter: 1500);

    [Fact]
    public void STJ_output_reads_back_as_STJ_reads_it() => Zoos.Run(zoo => AssertSameRead<Zoo>(Oracle.Serialize(zoo)), iter: 1500);

    [Fact]
    public void Roots_are_byte_identical_and_read_back() => Gen.Select(ReadableShapes, Animals, Parties).Run(t =>
    {
        (Shape shape, Animal animal, Party party) = t;
        AssertBytes(Oracle.Serialize(shape), VelithonJson.SerializeToUtf8Bytes(shape));
        AssertBytes(Oracle.Serialize(animal), VelithonJson.SerializeToUtf8Bytes(animal));
        AssertBytes(Oracle.Serialize(party), VelithonJson.SerializeToUtf8Bytes(party));
        AssertSameRead<Shape>(Oracle.Serialize(shape));
        AssertSameRead<Animal>(Oracle.Serialize(animal));
        AssertSameRead<Party>(Oracle.Serialize(party));
        var list = new List<Shape?> { shape, null, shape };
        byte[] listJson = Oracle.Serialize(list);
        AssertBytes(listJson, VelithonJson.SerializeListToUtf8Bytes<Shape>(list));
        DeepEqual.AssertEqual(Oracle.Deserialize<List<Shape?>>(listJson), VelithonJson.DeserializeList<Shape>(listJson));
    }, iter: 1000);

    [Fact]
    public void Through_STJ_the_resolver_writes_and_reads_the_same() => ReadableZoos.Run(zoo =>
    {
        byte[] expected = Oracle.Serialize(zoo);
        AssertBytes(expected, JsonSerializer.SerializeToUtf8Bytes(zoo, Resolved));
        (Zoo? stj, Exception? stjError) = Try(() => Oracle.Deserialize<Zoo>(expected));
        (Zoo? ours, Exception? error) = Try(() => JsonSerializer.Deserialize<Zoo>(expected, Resolved));
        Assert.Equal(stjError?.GetType(), error?.GetType());
        DeepEqual.AssertEqual(stj, ours);
    }, iter: 1000);

    [Fact]
    public void Out_of_order_metadata_in_the_host_is_a_contract_mismatch()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Web) { AllowOutOfOrderMetadataProperties = true };
        Assert.NotNull(VelithonJsonTypeInfoResolver.FindMismatch(typeof(Shape), options));
        Assert.NotNull(VelithonJsonTypeInfoResolver.FindMismatch(typeof(Zoo), options));
        Assert.Null(VelithonJsonTypeInfoResolver.FindMismatch(typeof(Zoo), new JsonSerializerOptions(JsonSerializerOptions.Web)));
    }

    [Fact]
    public void Discriminator_moved_after_other_members_reads_like_STJ() => Variants(Mutation.MoveLast);

    [Fact]
    public void Unknown_discriminator_reads_like_STJ() => Variants(Mutation.Unknown);

    [Fact]
    public void Missing_discriminator_reads_like_STJ() => Variants(Mutation.Remove);

    [Fact]
    public void Discriminator_of_the_other_JSON_type_reads_like_STJ() => Variants(Mutation.OtherType);

    [Fact]
    public void Duplicate_discriminator_reads_like_STJ() => Variants(Mutation.Duplicate);

    [Fact]
    public void Dollar_members_read_like_STJ() => Variants(Mutation.DollarMember);

    [Fact]
    public void Discriminator_anywhere_reads_like_STJ() => Variants(Mutation.MoveAnywhere);

    [Fact]
    public void Other_metadata_reads_like_STJ() => Variants(Mutation.OtherMetadata);

    [Fact]
    public void Mutated_and_truncated_documents_read_like_STJ() => Bounded.Run(TimeSpan.FromSeconds(120), _ =>
        Gen.Select(ReadableZoos, Gen.Int).Run(t =>
        {
            var random = new Random(t.Item2);
            byte[] json = Oracle.Serialize(t.Item1);
            for (int i = 0; i < 4; i++)
            {
                AssertSameRead<Zoo>(Mutator.Mutate(json, random));
            }

            AssertSameRead<Zoo>(json.AsSpan(0, random.Next(json.Length)).ToArray());
        }, iter: 1000, print: t => Oracle.Show(t.Item1)));

    [Fact]
    public void Rewriting_leaves_dictionary_entries_named_like_a_discriminator_alone()
    {
        byte[] json = Oracle.Serialize(new Zoo { ByName = new Dictionary<string, Animal?> { ["t"] = null, ["kind"] = new Animal() } });
        foreach (Mutation mutation in Enum.GetValues<Mutation>())
        {
            AssertSameRead<Zoo>(Rewrite(json, new Random(1), mutation));
        }
    }

    [Fact]
    public void Unlisted_runtime_types_fail_as_in_STJ()
    {
        AssertSameWriteFailure<Shape>(new Hexagon { Size = 1 });
        AssertSameWriteFailure<Animal>(new Puppy());
        AssertSameWriteFailure(new Zoo { Shapes = [new Circle(), new Hexagon()] });
        AssertSameWriteFailure(new Zoo { Animals = [new Puppy()] });
    }

    [Theory]
    [InlineData("""{"$type":"circle","radius":1,"name":"x"}""")]
    [InlineData("""{"radius":1,"$type":"circle"}""")]
    [InlineData("""{"$type":"nope","radius":1}""")]
    [InlineData("""{"$type":1,"radius":1}""")]
    [InlineData("""{"$type":1.5}""")]
    [InlineData("""{"$type":"circle","$type":"circle"}""")]
    [InlineData("""{"$type":"circle","radius":1,"$type":"square"}""")]
    [InlineData("""{"$type":"circle","radius":1,"$x":1}""")]
    [InlineData("""{"$type":"circle","$x":1}""")]
    [InlineData("""{"$type":null}""")]
    [InlineData("""{"$type":{}}""")]
    [InlineData("""{"$type":"circle"}""")]
    [InlineData("""{"\u0024type":"circle"}""")]
    [InlineData("""{"$TYPE":"circle"}""")]
    [InlineData("""{"$id":"1","$type":"circle"}""")]
    [InlineData("""{"$type":"circle","$id":"1"}""")]
    [InlineData("""{"$values":[]}""")]
    [InlineData("""{"$values":1}""")]
    [InlineData("""{"$values":[1,]}""")]
    [InlineData("""{"$values":[],"$type":"nope"}""")]
    [InlineData("""{"$type":"circle","$values":[]}""")]
    [InlineData("""{"$type":"circle","$values":1}""")]
    [InlineData("""{"$type":"nope","$values":[]}""")]
    [InlineData("""{"$type":"circle","$values":[],"radius":1}""")]
    [InlineData("""{"radius":1,"$values":[]}""")]
    [InlineData("""{"$type":"circle","\uD800":1}""")]
    [InlineData("""{"$type":"nope","$ref":"1"}""")]
    [InlineData("""{"$x":1}""")]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    [InlineData("""{"$type":"triangle"}""")]
    [InlineData("""{"$type":"s\uDE28","radius":1}""")]
    [InlineData("""{"$type":"\uD800circle"}""")]
    [InlineData("""{"$type":"square" , "side" : 2, "tags":["a",null]}""")]
    [InlineData("""{"$type":"square","side":"x"}""")]
    [InlineData("""{"$type":"circle","radius":1""")]
    [InlineData("""{"$type":""")]
    [InlineData("""{"$type":"circle""")]
    [InlineData("""{"$type":"circle",""")]
    [InlineData("""{"$type":"circle","$type""")]
    [InlineData("""{"$type""")]
    [InlineData("""{""")]
    public void Named_shape_inputs_read_like_STJ(string json) => AssertSameRead<Shape>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"kind":2,"legs":4}""")]
    [InlineData("""{"kind":"2","legs":4}""")]
    [InlineData("""{"kind":2.0,"legs":4}""")]
    [InlineData("""{"kind":99,"legs":4}""")]
    [InlineData("""{"kind":3000000000}""")]
    [InlineData("""{"kind":-1}""")]
    [InlineData("""{"kind":true}""")]
    [InlineData("""{"legs":4,"$x":1}""")]
    [InlineData("""{"legs":4,"kind":1}""")]
    [InlineData("""{"kind":1,"legs":4,"kind":1}""")]
    [InlineData("""{"kind":1,"kind":1}""")]
    [InlineData("""{"kind":2,"legs":4,"$type":1}""")]
    [InlineData("""{"$type":1,"kind":1}""")]
    [InlineData("""{"kind":1,"$type":1}""")]
    [InlineData("""{"legs":4}""")]
    [InlineData("""{"kind":1,"$values":[]}""")]
    [InlineData("""{"kind":99,"$values":[]}""")]
    [InlineData("""{"kind":1,"$values":{}}""")]
    [InlineData("""{"legs":1,"$values":[],"kind":1}""")]
    [InlineData("""{"LEGS":4,"Name":"x"}""")]
    [InlineData("""{"kind":1,"barks":true,"legs":"4"}""")]
    public void Named_animal_inputs_read_like_STJ(string json) => AssertSameRead<Animal>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"$type":"zz","wheels":1}""")]
    [InlineData("""{"$type":"car","wheels":1,"model":"m"}""")]
    [InlineData("""{"$type":5,"wheels":1}""")]
    [InlineData("""{"$type":"zz","wheels":1,"$type":1}""")]
    [InlineData("""{"$type":"zz","$type":1}""")]
    [InlineData("""{"$type":"vehicle","wheels":3}""")]
    [InlineData("""{"wheels":3}""")]
    [InlineData("""{"$type":"zz","$values":[]}""")]
    public void Named_vehicle_inputs_read_like_STJ(string json) => AssertSameRead<Vehicle>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"$type":"staff","id":"x"}""")]
    [InlineData("""{"$type":"manager","reports":2}""")]
    [InlineData("""{"$type":"director","reports":2}""")]
    [InlineData("""{"$type":"employee","grade":2}""")]
    public void Named_party_inputs_read_like_STJ(string json) => AssertSameRead<Party>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"$type":"director","reports":2,"board":"b"}""")]
    [InlineData("""{"$type":"manager"}""")]
    [InlineData("""{"reports":1}""")]
    public void Named_nested_hierarchy_inputs_read_like_STJ(string json) => AssertSameRead<Manager>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"shapes":[{"$type":"circle","radius":1},{"$type":"bad"}]}""")]
    [InlineData("""{"byName":{"k":{"kind":7}}}""")]
    [InlineData("""{"featured":{"radius":2,"$type":"circle"}}""")]
    [InlineData("""{"featured":{"$type":"circle","radius":"x"}}""")]
    [InlineData("""{"featured":{"$type":"circle","$type":"circle"}}""")]
    [InlineData("""{"animals":[{"kind":1,"barks":true},null,{"kind":2}]}""")]
    public void Named_member_inputs_read_like_STJ(string json) => AssertSameRead<Zoo>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"$type":"pin","note":5,"x":1,"y":2}""")]
    [InlineData("""{"$type":"pin","x":"q","note":5}""")]
    [InlineData("""{"$type":"pin","note":5,"x":"q"}""")]
    [InlineData("""{"$type":"pin","weights":[1,"a"],"x":1,"y":[}""")]
    [InlineData("""{"$type":"pin","weights":[1,],"x":1}""")]
    [InlineData("""{"$type":"pin","note":"n","x":1,"y":2,"weights":[3]}""")]
    [InlineData("""{"note":5,"x":1}""")]
    [InlineData("""{"note":"n"}""")]
    public void Named_constructor_inputs_read_like_STJ(string json)
    {
        AssertSameRead<Marker>(Encoding.UTF8.GetBytes(json));
        AssertSameRead<PinMarker>(Encoding.UTF8.GetBytes(json.Replace("\"$type\":\"pin\",", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public void Mutated_constructor_documents_read_like_STJ() => Gen.Select(Gen.Int, Gen.Int, Generators.NullableString, Gen.Int.List[0, 3].Null(0.3), Gen.Int).Run(t =>
    {
        (int x, int y, string? note, List<int>? weights, int seed) = t;
        var random = new Random(seed);
        byte[] json = Oracle.Serialize<Marker>(new PinMarker(x, y) { Note = note, Weights = weights });
        for (int i = 0; i < 4; i++)
        {
            AssertSameRead<Marker>(Mutator.Mutate(json, random));
        }
    }, iter: 1000);

    internal enum Mutation
    {
        MoveLast,
        Unknown,
        Remove,
        OtherType,
        Duplicate,
        DollarMember,
        MoveAnywhere,
        OtherMetadata,
    }

    private static void Variants(Mutation mutation) => Gen.Select(ReadableZoos, Gen.Int).Run(t =>
    {
        byte[] json = Oracle.Serialize(t.Item1);
        AssertSameRead<Zoo>(Rewrite(json, new Random(t.Item2), mutation));
    }, iter: 1000, print: t => Oracle.Show(t.Item1));

    // Writes the document again, changing objects that start with a discriminator (each with probability 1/2).
    internal static byte[] Rewrite(byte[] json, Random random, Mutation mutation)
    {
        JsonNode? root = JsonNode.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            Write(writer, root, random, mutation);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node, Random random, Mutation mutation)
    {
        switch (node)
        {
            case JsonObject obj:
                List<KeyValuePair<string, JsonNode?>> members = [.. obj];
                // A discriminator's value is a string or a number; a dictionary entry under the same key may be anything.
                bool change = members.Count > 0 && DiscriminatorNames.Contains(members[0].Key) && members[0].Value is JsonValue && random.Next(2) == 0;
                writer.WriteStartObject();
                if (change)
                {
                    KeyValuePair<string, JsonNode?> discriminator = members[0];
                    List<KeyValuePair<string, JsonNode?>> rest = members.Skip(1).ToList();
                    switch (mutation)
                    {
                        case Mutation.MoveLast:
                            rest.Add(discriminator);
                            break;
                        case Mutation.Unknown:
                            rest.Insert(0, new(discriminator.Key, discriminator.Value!.GetValueKind() == JsonValueKind.Number ? JsonValue.Create(99) : JsonValue.Create("zz")));
                            break;
                        case Mutation.Remove:
                            break;
                        case Mutation.OtherType:
                            rest.Insert(0, new(discriminator.Key, discriminator.Value!.GetValueKind() == JsonValueKind.Number
                                ? JsonValue.Create(discriminator.Value.ToJsonString())
                                : JsonValue.Create(1)));
                            break;
                        case Mutation.Duplicate:
                            rest.Insert(0, discriminator);
                            rest.Insert(random.Next(1, rest.Count + 1), discriminator);
                            break;
                        case Mutation.DollarMember:
                            rest.Insert(0, discriminator);
                            rest.Insert(random.Next(1, rest.Count + 1), new("$extra", JsonValue.Create(1)));
                            break;
                        case Mutation.MoveAnywhere:
                            rest.Insert(random.Next(rest.Count + 1), discriminator);
                            break;
                        case Mutation.OtherMetadata:
                            // Metadata STJ knows but these types do not support ($id, $ref) or that shapes arrays ($values).
                            rest.Insert(random.Next(rest.Count + 1), discriminator);
                            KeyValuePair<string, JsonNode?> other = random.Next(4) switch
                            {
                                0 => new("$id", JsonValue.Create("1")),
                                1 => new("$ref", JsonValue.Create("1")),
                                2 => new("$values", new JsonArray(JsonValue.Create(1))),
                                _ => new("$values", JsonValue.Create(2)),
                            };
                            rest.Insert(random.Next(rest.Count + 1), other);
                            break;
                    }

                    members = rest;
                }

                foreach (KeyValuePair<string, JsonNode?> member in members)
                {
                    writer.WritePropertyName(member.Key);
                    Write(writer, member.Value?.DeepClone(), random, mutation);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (JsonNode? item in array)
                {
                    Write(writer, item, random, mutation);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    internal static void AssertSameWriteFailure<T>(T value)
        where T : IVelithonJson<T>
    {
        NotSupportedException stj = Assert.Throws<NotSupportedException>(() => Oracle.Serialize(value));
        NotSupportedException ours = Assert.Throws<NotSupportedException>(() => VelithonJson.SerializeToUtf8Bytes(value));
        AssertSameException(stj, ours, string.Empty);
    }

    internal static void AssertBytes(byte[] expected, byte[] actual) =>
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"\nSTJ:      {Oracle.Text(expected)}\nVelithon: {Oracle.Text(actual)}");

    /// <summary>As <see cref="ConverterOracleTests.AssertSameRead{T}"/>, for the span and sequence entry points.</summary>
    internal static void AssertSameRead<T>(byte[] json)
        where T : IVelithonJson<T> => AssertSameRead<T>(json, JsonSerializerOptions.Web);

    /// <summary>As <see cref="AssertSameRead{T}(byte[])"/>, against STJ with <paramref name="stj"/>.</summary>
    internal static void AssertSameRead<T>(byte[] json, JsonSerializerOptions stj)
        where T : IVelithonJson<T>
    {
        (T? expected, Exception? stjError) = Try(() => JsonSerializer.Deserialize<T>(json, stj));
        string input = "\nInput: " + Encoding.UTF8.GetString(json);
        foreach ((T? value, Exception? ex) in new[] { Try(() => VelithonJson.Deserialize<T>(json)), Try(() => VelithonJson.Deserialize<T>(new ReadOnlySequence<byte>(json))) })
        {
            if (stjError is null)
            {
                Assert.True(ex is null, $"STJ reads it, Velithon threw {ex}{input}");
                string? diff = DeepEqual.Diff(expected, value);
                Assert.True(diff is null, diff + input);
                continue;
            }

            Assert.True(ex is not null, $"STJ threw {stjError.GetType().Name}: {stjError.Message}; Velithon read a value{input}");
            Assert.True(stjError.GetType() == ex!.GetType(), $"STJ: {stjError}\nVelithon: {ex}{input}");
            if (stjError is JsonException stjJson)
            {
                Assert.True(stjError.Message == ex.Message, $"STJ: {stjError.Message}\nVelithon: {ex.Message}{input}");
                var ours = (JsonException)ex;
                Assert.Equal(stjJson.Path, ours.Path);
                Assert.Equal(stjJson.LineNumber, ours.LineNumber);
                Assert.Equal(stjJson.BytePositionInLine, ours.BytePositionInLine);
            }
            else
            {
                AssertSameException(stjError, ex, input);
            }
        }
    }

    /// <summary>
    /// The same exception as STJ's: message (with STJ's path and position for a NotSupportedException met while reading)
    /// and inner exception (STJ's NotSupportedException keeps the one raised as its inner exception).
    /// </summary>
    internal static void AssertSameException(Exception stjError, Exception error, string input)
    {
        Assert.True(stjError.GetType() == error.GetType(), $"STJ: {stjError}\nVelithon: {error}{input}");
        Assert.True(stjError.Message == error.Message, $"STJ: {stjError.Message}\nVelithon: {error.Message}{input}");
        Assert.True(
            stjError is not NotSupportedException
            || stjError.InnerException?.GetType() == error.InnerException?.GetType() && stjError.InnerException?.Message == error.InnerException?.Message,
            $"STJ's inner: {stjError.InnerException}\nVelithon's inner: {error.InnerException}{input}");
    }

    internal static (T? Value, Exception? Error) Try<T>(Func<T?> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception ex)
        {
            return (default, ex);
        }
    }
}
