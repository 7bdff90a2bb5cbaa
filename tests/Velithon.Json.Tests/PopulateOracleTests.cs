using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using Velithon.Json.Tests.Populating;

namespace Velithon.Json.Tests;

/// <summary>
/// <c>JsonObjectCreationHandling.Populate</c> (the option, the type's and the member's attribute) against System.Text.Json
/// (reflection) with the same options: random pre-filled instances read random documents (STJ's output of random values
/// with members dropped, duplicated, reordered and nulled) into the same objects, or fail with the same exception (type,
/// message; for a <see cref="JsonException"/> path, line and position too).
/// </summary>
public sealed class PopulateOracleTests
{
    private static JsonSerializerOptions Populating() => new(JsonSerializerDefaults.Web) { PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate };

    private static readonly JsonSerializerOptions Stj = WithReflection(Populating());

    private static readonly JsonSerializerOptions StjWeb = WithReflection(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static JsonSerializerOptions WithReflection(JsonSerializerOptions options)
    {
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        return options;
    }

    private static readonly Gen<StockedChild> Child =
        Gen.Select(Gen.Int[-5, 1000], Generators.String.List[0, 3], Generators.NullableString, (id, notes, label) => new StockedChild { Id = id, Notes = notes, Label = label });

    private static Gen<T> OrNull<T>(Gen<T> gen)
        where T : class => Gen.Frequency((9, gen), (1, Gen.Const<T>((T)null!)));

    private static readonly Gen<int> Small = Gen.Int[-3, 20];

    private static readonly Gen<Stocked> Value = Gen.Select(
        Gen.Select(Small.Array[0, 3], Generators.String.List[0, 2].Null(0.2), Child, OrNull(Small.List[0, 3]), OrNull(Generators.String.List[0, 3])),
        Gen.Select(OrNull(Small.Array[0, 3]), OrNull(Small.Array[0, 3]), OrNull(Generators.String.Array[0, 3]), OrNull(Small.Array[0, 3]), Gen.Frequency((4, Small.List[0, 3].Select(l => (IList<int>)l)), (1, Small.Array[0, 2].Select(a => (IList<int>)a)))),
        Gen.Select(OrNull(Generators.Key.Select(Small).List[0, 3]), OrNull(Generators.Key.Select(Generators.NullableString).List[0, 3]), OrNull(Small.Select(Generators.String).List[0, 3]), OrNull(Child), Child.Null(0.4)),
        Gen.Select(OrNull(Small.List[0, 3]), OrNull(Small.Array[0, 3]), OrNull(Small.Array[0, 3]), Generators.String, Gen.Int),
        (a, b, c, d) => new Stocked(a.Item1, a.Item2, a.Item3)
        {
            Numbers = a.Item4,
            Tags = a.Item5 is null ? null! : new HashSet<string>(a.Item5, StringComparer.Ordinal),
            Pending = b.Item1 is null ? null! : new Queue<int>(b.Item1),
            Pushed = b.Item2 is null ? null! : new Stack<int>(b.Item2),
            Chain = b.Item3 is null ? null! : new LinkedList<string>(b.Item3),
            Watched = b.Item4 is null ? null! : new ObservableCollection<int>(b.Item4),
            Listed = b.Item5,
            Counts = c.Item1 is null ? null! : c.Item1.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2, StringComparer.Ordinal),
            Labels = c.Item2 is null ? null! : c.Item2.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2, StringComparer.Ordinal),
            Ranked = c.Item3 is null ? null! : new SortedDictionary<int, string>(c.Item3.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2)),
            Child = c.Item4,
            Optional = c.Item5,
            InitOnly = d.Item1,
            Replaced = d.Item2,
            ReadOnly = d.Item3,
            Name = d.Item4,
            Count = d.Item5,
        });

    [Theory]
    [InlineData("as-written")]
    [InlineData("dropped-members")]
    [InlineData("duplicated")]
    [InlineData("reordered")]
    [InlineData("nulls")]
    public void Reads_into_prefilled_instances_like_STJ(string variant) =>
        Gen.Select(Value, Value, Gen.Int).Sample(
            t =>
            {
                (Stocked template, Stocked document, int seed) = t;
                var random = new Random(seed);
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(document, StjWeb);
                json = variant switch
                {
                    "dropped-members" => JsonVariants.Mutate(json, random, drop: true, nulls: false),
                    "duplicated" => JsonVariants.Rewrite(json, random, new JsonVariants.Edits { Duplicates = true }),
                    "reordered" => JsonVariants.Rewrite(json, random, new JsonVariants.Edits { Reorder = true, Duplicates = random.Next(2) == 0 }),
                    "nulls" => JsonVariants.Mutate(json, random, drop: random.Next(2) == 0, nulls: true),
                    _ => json,
                };
                AssertSameRead(json, template);
            },
            iter: 1000,
            print: t => "template " + Oracle.Text(JsonSerializer.SerializeToUtf8Bytes(t.Item1, StjWeb)) + ", document " + Oracle.Text(JsonSerializer.SerializeToUtf8Bytes(t.Item2, StjWeb)) + ", seed " + t.Item3);

    [Fact]
    public void Mutated_documents_read_into_prefilled_instances_like_STJ() =>
        Gen.Select(Value, Value, Gen.Int).Sample(
            t =>
            {
                (Stocked template, Stocked document, int seed) = t;
                var random = new Random(seed);
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(document, StjWeb);
                for (int i = 0; i < 3; i++)
                {
                    AssertSameRead(Mutator.Mutate(json, random), template);
                }
            },
            iter: 600,
            print: t => "template " + Oracle.Text(JsonSerializer.SerializeToUtf8Bytes(t.Item1, StjWeb)) + ", document " + Oracle.Text(JsonSerializer.SerializeToUtf8Bytes(t.Item2, StjWeb)) + ", seed " + t.Item3);

    [Theory]
    [InlineData("""{"numbers":[3],"fixed":[4],"fixedOrNull":["x"],"pushed":[1,2],"tags":["a","a","b"],"pending":[5],"chain":["c"],"watched":[6],"listed":[7]}""")]
    [InlineData("""{"numbers":[1],"numbers":[2],"counts":{"a":1,"a":2},"counts":{"b":3}}""")]
    [InlineData("""{"numbers":null,"numbers":[2]}""")]
    [InlineData("""{"numbers":null,"labels":null,"child":null,"optional":null,"initOnly":null}""")]
    [InlineData("""{"fixed":null}""")]
    [InlineData("""{"fixedOrNull":null}""")]
    [InlineData("""{"fixedChild":null}""")]
    [InlineData("""{"numbers":[1],"name":"n","fixed":null}""")]
    [InlineData("""{"fixedOrNull":["x",1]}""")]
    [InlineData("""{"fixedOrNull":{}}""")]
    [InlineData("""{"child":{"notes":["x"]}}""")]
    [InlineData("""{"child":{"id":1,"notes":["x"]},"fixedChild":{"label":"l"}}""")]
    [InlineData("""{"optional":{"id":2,"notes":["y"]},"optional":{"notes":["z"],"id":3}}""")]
    [InlineData("""{"listed":[1,"x"]}""")]
    [InlineData("""{"tags":["a","a",1]}""")]
    [InlineData("""{"pushed":[1,"x"]}""")]
    [InlineData("""{"ranked":{"1":"a","x":"b"}}""")]
    [InlineData("""{"counts":{"a":"x"}}""")]
    [InlineData("""{"numbers":{}}""")]
    [InlineData("""{"child":[]}""")]
    [InlineData("""{"replaced":[9],"readOnly":[9],"initOnly":[9]}""")]
    [InlineData("{\n\"fixedChild\":\n {\"id\": \"x\"}}")]
    public void Reads_documents_like_STJ(string json)
    {
        var template = new Stocked([1, 2], ["f"], new StockedChild { Id = 7, Notes = ["n"], Label = "L" })
        {
            Numbers = [1, 2],
            Tags = new HashSet<string>(["a"], StringComparer.Ordinal),
            Pending = new Queue<int>([1]),
            Pushed = new Stack<int>([8, 9]),
            Chain = new LinkedList<string>(["c0"]),
            Watched = [0],
            Listed = new List<int> { 1, 2 },
            Counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["a"] = 0 },
            Labels = new Dictionary<string, string?>(StringComparer.Ordinal) { ["k"] = null },
            Ranked = new SortedDictionary<int, string> { [5] = "five" },
            Child = new StockedChild { Id = 1, Notes = ["c"] },
            Optional = null,
            InitOnly = [1],
            Replaced = [1],
            ReadOnly = [1],
        };
        AssertSameRead(Encoding.UTF8.GetBytes(json), template);
        AssertSameRead(Encoding.UTF8.GetBytes(json), null);
    }

    [Fact]
    public void A_read_only_collection_in_an_interface_member_is_STJs_NotSupportedException()
    {
        var template = new Stocked([], null, new StockedChild()) { Listed = new[] { 1 } };
        byte[] json = """{"listed":[2]}"""u8.ToArray();
        (Stocked? _, Exception? stj) = Read(() => JsonSerializer.Deserialize<Stocked>(json, Stj), template);
        (Stocked? _, Exception? velithon) = Read(() => VelithonJson.Deserialize<Stocked>(json), template);
        NotSupportedException expected = Assert.IsType<NotSupportedException>(stj);
        NotSupportedException actual = Assert.IsType<NotSupportedException>(velithon);

        // System.Text.Json's message with its path and position, its inner exception the one raised.
        Assert.StartsWith(expected.InnerException!.Message + " Path: $.listed | LineNumber: 0 | BytePositionInLine: ", expected.Message, StringComparison.Ordinal);
        PolymorphismOracleTests.AssertSameException(expected, actual, string.Empty);

        // A token that is not an array is the conversion error first, as in System.Text.Json.
        AssertSameRead("""{"listed":7}"""u8.ToArray(), template);
        AssertSameRead("""{"listed":{}}"""u8.ToArray(), template);
    }

    [Theory]
    [InlineData("""{"collected":[2],"set":["b","a"],"sorted":[1,9],"queued":[2],"stacked":[2,3],"plain":[2]}""")]
    [InlineData("""{"listed":{"b":2,"a":3},"shared":{"b":2,"a":3},"byNumber":{"2":"two","1":"uno"}}""")]
    [InlineData("""{"nested":[[2]],"children":{"a":{"id":2},"b":{"id":3,"notes":["n"]}}}""")]
    [InlineData("""{"queued":null}""")]
    [InlineData("""{"stacked":null,"stacked":[4]}""")]
    [InlineData("""{"sorted":[1,"x"]}""")]
    [InlineData("""{"stacked":[1,"x"]}""")]
    [InlineData("""{"byNumber":{"x":"y"}}""")]
    [InlineData("""{"children":{"a":{"notes":[]}}}""")]
    public void Reads_every_populated_collection_kind_like_STJ(string json) =>
        AssertSameRead<StockedKinds>(Encoding.UTF8.GetBytes(json), Stj);

    [Theory]
    [InlineData("""{"items":[5],"code":"c"}""")]
    [InlineData("""{"extra":[3],"items":[5],"code":"c","extra":[4]}""")]
    [InlineData("""{"extra":[3]}""")]
    [InlineData("""{"items":null,"code":"c"}""")]
    public void Creates_a_type_with_CSharp_required_members_first_and_still_requires_them(string json) =>
        AssertSameRead<StockedRequired>(Encoding.UTF8.GetBytes(json), Stj);

    [Theory]
    [InlineData("""{"name":"n","numbers":[5]}""")]
    [InlineData("""{"numbers":[5],"numbers":[6]}""")]
    public void A_type_with_a_parameterized_constructor_populates_nothing(string json) =>
        AssertSameRead<StockedArgs>(Encoding.UTF8.GetBytes(json), Stj);

    [Theory]
    [InlineData("""{"kept":[5],"keptMap":{"b":2,"a":0},"replaced":[6]}""")]
    [InlineData("""{"keptMap":null}""")]
    [InlineData("""{"kept":null,"kept":[1]}""")]
    public void The_member_attribute_populates_that_member_only(string json) =>
        AssertSameRead<MemberPopulated>(Encoding.UTF8.GetBytes(json), StjWeb);

    [Theory]
    [InlineData("""{"kept":[5],"replaced":[6],"replacedByItsOwn":[7]}""")]
    public void The_type_attribute_populates_what_can_be_populated(string json) =>
        AssertSameRead<TypePopulated>(Encoding.UTF8.GetBytes(json), StjWeb);

    [Theory]
    [InlineData("""{"fixed":[5],"settable":[6]}""")]
    [InlineData("""{"fixed":null}""")]
    public void IgnoreReadOnlyProperties_leaves_get_only_members_alone(string json)
    {
        JsonSerializerOptions options = Populating();
        options.IgnoreReadOnlyProperties = true;
        AssertSameRead<StockedIgnoringReadOnly>(Encoding.UTF8.GetBytes(json), WithReflection(options));
    }

    [Fact]
    public void The_resolver_leaves_populatable_shapes_to_STJ_and_the_converter_reads_like_STJ()
    {
        JsonSerializerOptions resolved = Populating();
        resolved.TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver());

        // STJ populates a Stocked (or a List or Dictionary of them) in place as a member of a type it reads itself, which
        // it cannot do through a converter: the resolver leaves those to STJ, arrays it still serves.
        Assert.StartsWith("PreferredObjectCreationHandling is Populate", VelithonJsonTypeInfoResolver.FindMismatch(typeof(Stocked), resolved), StringComparison.Ordinal);
        Assert.StartsWith("PreferredObjectCreationHandling is Populate", VelithonJsonTypeInfoResolver.FindMismatch(typeof(List<Stocked>), resolved), StringComparison.Ordinal);
        Assert.IsNotType<VelithonJsonConverter<Stocked>>(resolved.GetTypeInfo(typeof(Stocked)).Converter);
        Assert.Null(VelithonJsonTypeInfoResolver.FindMismatch(typeof(Stocked[]), resolved));
        Assert.Equal([1, 5], JsonSerializer.Deserialize<StjOuter>("""{"inner":{"numbers":[5]}}""", resolved)!.Inner.Numbers);
        Assert.Equal([1, 5], JsonSerializer.Deserialize<StjOuter>("""{"inner":{"numbers":[5]}}""", Stj)!.Inner.Numbers);

        // The contract records the option: a Web host is a mismatch.
        Assert.StartsWith(
            "PreferredObjectCreationHandling is JsonObjectCreationHandling.Replace; the generated code was compiled for JsonObjectCreationHandling.Populate",
            VelithonJsonContract.Of<Stocked>().FindMismatch(new JsonSerializerOptions(JsonSerializerDefaults.Web)),
            StringComparison.Ordinal);
        Assert.Null(VelithonJsonContract.Of<Stocked>().FindMismatch(Populating()));
        Assert.Null(VelithonJsonContract.Of<MemberPopulated>().FindMismatch(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        // VelithonJsonConverter<T>, put there explicitly, runs the generated code at the root.
        JsonSerializerOptions converted = Populating();
        converted.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        converted.Converters.Add(new VelithonJsonConverter<Stocked>());
        Gen.Select(Value, Value).Sample(
            t =>
            {
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(t.Item2, StjWeb);
                (Stocked? expected, Exception? stjError) = Read(() => JsonSerializer.Deserialize<Stocked>(json, Stj), t.Item1);
                (Stocked? actual, Exception? error) = Read(() => JsonSerializer.Deserialize<Stocked>(json, converted), t.Item1);
                if (stjError is null)
                {
                    Assert.True(error is null, error?.ToString());
                    Assert.Null(DeepEqual.Diff(expected, actual));
                }
                else if (stjError is NotSupportedException)
                {
                    // A read-only collection in an interface member: STJ's message with its path and position.
                    PolymorphismOracleTests.AssertSameException(stjError, error!, string.Empty);
                }
                else
                {
                    Assert.Equal(stjError.GetType(), error?.GetType());
                    Assert.Equal(stjError.Message, error!.Message);
                }
            },
            iter: 300);
    }

    /// <summary>A type System.Text.Json reads itself, with a populated [VelithonJson] member.</summary>
    public sealed class StjOuter
    {
        public Stocked Inner { get; set; } = new() { Numbers = [1] };
    }

    [Fact]
    public void The_fast_path_leaves_populating_types_to_ReadJson()
    {
        var reader = new JsonFastReader("""{"numbers":[1]}"""u8, 64);
        Assert.False(Stocked.TryReadJsonFast(ref reader, VelithonJsonOptions.Default, out _));
    }

    /// <summary>Reads <paramref name="json"/> into instances created from <paramref name="template"/> with STJ and the generated code.</summary>
    private static void AssertSameRead(byte[] json, Stocked? template)
    {
        (Stocked? expected, Exception? stjError) = Read(() => JsonSerializer.Deserialize<Stocked>(json, Stj), template);
        (Stocked? actual, Exception? error) = Read(() => VelithonJson.Deserialize<Stocked>(json), template);
        AssertSameOutcome(json, expected, stjError, actual, error);
    }

    private static void AssertSameRead<T>(byte[] json, JsonSerializerOptions stj)
        where T : IVelithonJson<T>
    {
        (T? expected, Exception? stjError) = Read(() => JsonSerializer.Deserialize<T>(json, stj), null);
        (T? actual, Exception? error) = Read(() => VelithonJson.Deserialize<T>(json), null);
        AssertSameOutcome(json, expected, stjError, actual, error);
    }

    private static (T? Value, Exception? Error) Read<T>(Func<T?> read, Stocked? template)
    {
        Stocked.Template = template;
        try
        {
            return (read(), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            return (default, ex);
        }
        finally
        {
            Stocked.Template = null;
        }
    }

    private static void AssertSameOutcome<T>(byte[] json, T? expected, Exception? stjError, T? actual, Exception? error)
    {
        string input = "\ninput: " + Oracle.Text(json);
        if (stjError is null)
        {
            Assert.True(error is null, $"STJ reads it, Velithon threw {error}{input}");
            string? diff = DeepEqual.Diff(expected, actual);
            Assert.True(diff is null, diff + input);
            return;
        }

        Assert.True(error is not null, $"STJ threw {stjError.GetType().Name}: {stjError.Message}; Velithon read it{input}");
        if (stjError is NotSupportedException && error is NotSupportedException)
        {
            // STJ's message with its path and position (A_read_only_collection_... test).
            PolymorphismOracleTests.AssertSameException(stjError, error, input);
            return;
        }

        Assert.Equal(stjError.GetType(), error.GetType());
        Assert.Equal(stjError.Message, error.Message);
        if (stjError is JsonException stjJson)
        {
            var json2 = (JsonException)error;
            Assert.Equal(stjJson.Path, json2.Path);
            Assert.Equal(stjJson.LineNumber, json2.LineNumber);
            Assert.Equal(stjJson.BytePositionInLine, json2.BytePositionInLine);
        }
    }
}
