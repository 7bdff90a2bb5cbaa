using System.Reflection;
using System.Text;
using System.Text.Json;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Sets, queues, stacks, linked lists, observable and immutable collections, other dictionary kinds and non-string
/// dictionary keys (Models/CollectionModels.cs) against STJ reflection with the Web defaults: the same bytes, the same
/// values read (of the same concrete types), the same accept/reject for variations, bad keys and damaged documents.
/// </summary>
public sealed class CollectionOracleTests
{
    private static readonly Dictionary<string, VelithonCase> Cases = new VelithonCase[]
    {
        new VelithonCase<SetsAndQueues>(CollectionGenerators.SetsAndQueues, 400),
        new VelithonCase<ImmutableSequences>(CollectionGenerators.ImmutableSequences, 400),
        new VelithonCase<StringMaps>(CollectionGenerators.StringMaps, 400),
        new VelithonCase<IntegerKeys>(CollectionGenerators.IntegerKeys, 400),
        new VelithonCase<OtherKeys>(CollectionGenerators.OtherKeys, 500),
        new VelithonCase<EnumKeys>(CollectionGenerators.EnumKeys, 600),
        new VelithonCase<Stacks>(CollectionGenerators.Stacks, 300),
    }.ToDictionary(c => c.Name);

    // A stack reads back reversed (as in STJ), so the round-trip property does not hold for it: its own test below.
    public static TheoryData<string> RoundTripTypes => new(Cases.Keys.Where(k => k != nameof(Stacks)));

    public static TheoryData<string> Types => new(Cases.Keys);

    public static TheoryData<string, string> Variations
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string type in Cases.Keys)
            {
                foreach (string variation in new[] { "numbers-as-strings", "case-insensitive", "unknown-members", "duplicates-last-wins", "indented" })
                {
                    data.Add(type, variation);
                }
            }

            return data;
        }
    }

    // STJ's path index in a set is its count (a duplicate is not counted).
    [Theory]
    [InlineData("""{"hashSet":[1,1,2,"x"]}""")]
    [InlineData("""{"sortedSet":[1,1,2,"x"]}""")]
    public void Set_members_count_like_STJ_in_error_paths(string json) => ConverterOracleTests.AssertSameRead<SetsAndQueues>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [MemberData(nameof(Types))]
    public void Serialize_is_byte_identical_to_STJ_Web(string type) => Cases[type].SerializeMatchesStj();

    [Theory]
    [MemberData(nameof(RoundTripTypes))]
    public void Deserialize_equals_STJ_and_round_trips(string type) => Cases[type].DeserializeMatchesStjAndRoundTrips();

    [Theory]
    [MemberData(nameof(RoundTripTypes))]
    public void STJ_converter_bridge_matches(string type) => Cases[type].ConverterBridgeMatchesStj();

    [Theory]
    [MemberData(nameof(Variations))]
    public void Reads_what_STJ_Web_reads(string type, string variation) => Cases[type].ReadsVariation(variation);

    [Theory]
    [MemberData(nameof(Types))]
    public void Mutated_documents_give_a_value_or_a_JsonException(string type) =>
        Bounded.Run(TimeSpan.FromSeconds(60), inFlight => Cases[type].SurvivesMutations(inFlight));

    [Fact]
    public void Stacks_read_what_STJ_reads_reversed_as_STJ_reads_them() => CollectionGenerators.Stacks.Run(value =>
    {
        byte[] json = Oracle.Serialize(value);
        Stacks? stj = Oracle.Deserialize<Stacks>(json);
        Stacks? velithon = VelithonJson.Deserialize<Stacks>(json);
        DeepEqual.AssertEqual(stj, velithon);

        // Written again, both give the elements in document order reversed.
        Assert.Equal(Oracle.Serialize(stj), VelithonJson.SerializeToUtf8Bytes(velithon!));
    }, 300);

    [Fact]
    public void A_stack_reads_back_reversed()
    {
        var value = new Stacks { Stack = new Stack<int>([1, 2, 3]) };
        Assert.Equal("""{"stack":[3,2,1],"concurrent":null,"immutable":null,"iImmutable":null}""", Encoding.UTF8.GetString(VelithonJson.SerializeToUtf8Bytes(value)));
        Stacks read = VelithonJson.Deserialize<Stacks>("""{"stack":[3,2,1]}"""u8)!;
        Assert.Equal([1, 2, 3], read.Stack!);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Reads_the_concrete_types_STJ_creates(string type)
    {
        Type model = typeof(SetsAndQueues).Assembly.GetType("Velithon.Json.Tests.Models." + type)!;
        object full = Activator.CreateInstance(model)!;
        foreach (PropertyInfo property in model.GetProperties())
        {
            // An empty collection of every member ("[]" or "{}"): STJ creates the member's concrete type.
            string json = "{\"" + JsonNamingPolicy.CamelCase.ConvertName(property.Name) + "\":"
                + (IsDictionary(property.PropertyType) ? "{}" : "[]") + "}";
            object? stj = JsonSerializer.Deserialize(json, model, JsonSerializerOptions.Web);
            object? velithon = typeof(CollectionOracleTests).GetMethod(nameof(ReadWithVelithon), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(model).Invoke(null, [Encoding.UTF8.GetBytes(json)]);
            Assert.Equal(property.GetValue(stj)!.GetType(), property.GetValue(velithon)!.GetType());
        }

        Assert.NotNull(full);
    }

    private static T? ReadWithVelithon<T>(byte[] json)
        where T : IVelithonJson<T> => VelithonJson.Deserialize<T>(json);

    private static bool IsDictionary(Type type) =>
        type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            && i.GetGenericArguments()[0].IsGenericType && i.GetGenericArguments()[0].GetGenericTypeDefinition() == typeof(KeyValuePair<,>));

    // Keys STJ's key converters accept or reject: leading zeros and signs, whitespace, fractions, exponents, escapes,
    // out-of-range values, case, named floating-point values, other GUID and date formats, empty keys.
    [Theory]
    [InlineData("IntegerKeys", """{"int32":{"01":1,"+3":2,"-0":3,"\u0031\u0032":4,"2147483647":5,"-2147483648":6}}""")]
    [InlineData("IntegerKeys", """{"int32":{"1":1,"01":2,"001":3}}""")]
    [InlineData("IntegerKeys", """{"int32":{" 1":1}}""")]
    [InlineData("IntegerKeys", """{"int32":{"1 ":1}}""")]
    [InlineData("IntegerKeys", """{"int32":{"x":1}}""")]
    [InlineData("IntegerKeys", """{"int32":{"1.0":1}}""")]
    [InlineData("IntegerKeys", """{"int32":{"1e2":1}}""")]
    [InlineData("IntegerKeys", """{"int32":{"":1}}""")]
    [InlineData("IntegerKeys", """{"int32":{"2147483648":1}}""")]
    [InlineData("IntegerKeys", """{"int32":{"0x10":1}}""")]
    [InlineData("IntegerKeys", """{"int32":{"1":1},"int32":{"2":2}}""")]
    [InlineData("IntegerKeys", """{"byte":{"256":1}}""")]
    [InlineData("IntegerKeys", """{"byte":{"-1":1}}""")]
    [InlineData("IntegerKeys", """{"sByte":{"-128":1,"127":2}}""")]
    [InlineData("IntegerKeys", """{"uInt64":{"18446744073709551615":1,"-0":2}}""")]
    [InlineData("IntegerKeys", """{"uInt64":{"18446744073709551616":1}}""")]
    [InlineData("IntegerKeys", """{"int64":{"1":null,"2":"a"}}""")]
    [InlineData("IntegerKeys", """{"int32":{"1":"2"}}""")]
    [InlineData("IntegerKeys", """{"int32":{"1":null}}""")]
    [InlineData("IntegerKeys", """{"readOnly":{"5":"a","5":"b"}}""")]
    [InlineData("IntegerKeys", """{"immutable":{"5":null,"5":{"zip":3}}}""")]
    [InlineData("OtherKeys", """{"bool":{"true":1,"False":2}}""")]
    [InlineData("OtherKeys", """{"bool":{"TRUE":1}}""")]
    [InlineData("OtherKeys", """{"bool":{"1":1}}""")]
    [InlineData("OtherKeys", """{"bool":{" true":1}}""")]
    [InlineData("OtherKeys", """{"char":{"ab":1}}""")]
    [InlineData("OtherKeys", """{"char":{"":1}}""")]
    [InlineData("OtherKeys", """{"char":{"\u00e9":1,"\"":2}}""")]
    [InlineData("OtherKeys", """{"double":{"NaN":1}}""")]
    [InlineData("OtherKeys", """{"double":{"Infinity":1,"-Infinity":2}}""")]
    [InlineData("OtherKeys", """{"double":{"1e400":1}}""")]
    [InlineData("OtherKeys", """{"double":{"1.50":1,"0x1":2}}""")]
    [InlineData("OtherKeys", """{"double":{" 1":1}}""")]
    [InlineData("OtherKeys", """{"single":{"3.5e38":1}}""")]
    [InlineData("OtherKeys", """{"decimal":{"1.0":1,"1.00":2}}""")]
    [InlineData("OtherKeys", """{"decimal":{"1e3":1}}""")]
    [InlineData("OtherKeys", """{"guid":{"00000000-0000-0000-0000-000000000001":1}}""")]
    [InlineData("OtherKeys", """{"guid":{"{00000000-0000-0000-0000-000000000001}":1}}""")]
    [InlineData("OtherKeys", """{"guid":{"00000000000000000000000000000001":1}}""")]
    [InlineData("OtherKeys", """{"guid":{"x":1}}""")]
    [InlineData("OtherKeys", """{"dateTime":{"2020-01-01":1,"2020-01-01T00:00:00+01:00":2}}""")]
    [InlineData("OtherKeys", """{"dateTime":{"2020-1-1":1}}""")]
    [InlineData("OtherKeys", """{"dateTime":{"2020-01-01T00:00:00\u002B01:00":1}}""")]
    [InlineData("OtherKeys", """{"dateTimeOffset":{"2020-01-01T00:00:00Z":1,"2020-01-01T01:00:00+01:00":2}}""")]
    [InlineData("OtherKeys", """{"dateOnly":{"2020-01-01":1}}""")]
    [InlineData("OtherKeys", """{"dateOnly":{"2020-01-01T00:00:00":1}}""")]
    [InlineData("OtherKeys", """{"timeOnly":{"1:2":1}}""")]
    [InlineData("OtherKeys", """{"timeOnly":{"25:00":1}}""")]
    [InlineData("OtherKeys", """{"timeSpan":{"1:2":1,"1.02:03:04.5":2}}""")]
    [InlineData("OtherKeys", """{"timeSpan":{"x":1}}""")]
    [InlineData("OtherKeys", """{"uri":{"http://x/":1,"::":2,"":3}}""")]
    [InlineData("EnumKeys", """{"color":{"Red":1,"green":2,"BLUE":3,"5":4,"-3":5}}""")]
    [InlineData("EnumKeys", """{"color":{"Purple":1}}""")]
    [InlineData("EnumKeys", """{"color":{" 1":1}}""")]
    [InlineData("EnumKeys", """{"color":{"Red, Green":1}}""")]
    [InlineData("EnumKeys", """{"color":{"":1}}""")]
    [InlineData("EnumKeys", """{"permissions":{"Read, Write":1,"Read,Write":2,"read":3,"72":4}}""")]
    [InlineData("EnumKeys", """{"permissions":{"Read, Nothing":1}}""")]
    [InlineData("EnumKeys", """{"suit":{"Hearts":1,"clubs":2,"9":3}}""")]
    [InlineData("EnumKeys", """{"wide":{"Min":"a","9223372036854775807":"b","-9223372036854775808":"c"}}""")]
    [InlineData("EnumKeys", """{"wide":{"9223372036854775808":"a"}}""")]
    [InlineData("SetsAndQueues", """{"hashSet":[1,1,2,1],"set":["a",null,null,"a"],"sortedSet":[3,1,2,3]}""")]
    [InlineData("SetsAndQueues", """{"hashSet":null,"queue":null,"linkedList":[1,null]}""")]
    [InlineData("SetsAndQueues", """{"hashSet":{}}""")]
    [InlineData("SetsAndQueues", """{"colors":["Red"]}""")]
    [InlineData("SetsAndQueues", """{"nested":[[1,1],null,[]]}""")]
    [InlineData("ImmutableSequences", """{"hashSet":[1,1],"iSet":["a","a"],"sortedSet":[2,1,2],"queue":[1,2]}""")]
    [InlineData("ImmutableSequences", """{"list":null,"iList":[null]}""")]
    [InlineData("ImmutableSequences", """{"list":[1,"x"]}""")]
    [InlineData("StringMaps", """{"sorted":{"b":1,"a":2,"b":3},"concurrent":{"x":1,"x":2},"immutable":{"k":1,"k":2}}""")]
    [InlineData("StringMaps", """{"sortedList":{"b":null,"a":"x"},"immutableSorted":{"z":[1],"a":null}}""")]
    [InlineData("StringMaps", """{"sorted":[]}""")]
    [InlineData("Stacks", """{"stack":[1,2,3],"concurrent":["a","b"],"immutable":[1,2],"iImmutable":[3,4]}""")]
    [InlineData("Stacks", """{"stack":[1,"2"]}""")]
    public void Edge_documents_read_as_STJ_reads_them(string type, string json) => Cases[type].ReadsLikeStj(Encoding.UTF8.GetBytes(json));

    // Rejected keys and values: STJ's message, path (the key as written), line and position.
    [Theory]
    [InlineData("IntegerKeys", """{"int32":{"x":1}}""")]
    [InlineData("IntegerKeys", """{"int32":{"1":1, " 2":2}}""")]
    [InlineData("IntegerKeys", """{"int32":{"1.0":1}}""")]
    [InlineData("IntegerKeys", """{"byte":{"256":1}}""")]
    [InlineData("IntegerKeys", """{"int32":{"01":"x"}}""")]
    [InlineData("IntegerKeys", """{"int32":{"a.b":1}}""")]
    [InlineData("IntegerKeys", """{"sorted":{"1":1,"2":}}""")]
    [InlineData("OtherKeys", """{"bool":{"yes":1}}""")]
    [InlineData("OtherKeys", """{"char":{"ab":1}}""")]
    [InlineData("OtherKeys", """{"guid":{"{00000000-0000-0000-0000-000000000001}":1}}""")]
    [InlineData("OtherKeys", """{"double":{"1e400":1}}""")]
    [InlineData("OtherKeys", """{"dateTime":{"2020-1-1":1}}""")]
    [InlineData("OtherKeys", """{"timeSpan":{"x":1}}""")]
    [InlineData("EnumKeys", """{"color":{"Purple":1}}""")]
    [InlineData("EnumKeys", """{"permissions":{"Read, Nothing":1}}""")]
    [InlineData("SetsAndQueues", """{"hashSet":[1,"x"]}""")]
    [InlineData("SetsAndQueues", """{"hashSet":{}}""")]
    [InlineData("SetsAndQueues", """{"nested":[[1],[2,true]]}""")]
    [InlineData("ImmutableSequences", """{"sortedSet":[1,2,null]}""")]
    [InlineData("StringMaps", """{"concurrent":{"a":1,"b":"x"}}""")]
    [InlineData("StringMaps", """{"sorted":[]}""")]
    [InlineData("Stacks", """{"stack":[1,{}]}""")]
    public void Bad_keys_and_values_fail_as_STJ_fails(string type, string json) => Cases[type].FailsLikeStj(Encoding.UTF8.GetBytes(json));

    private static readonly Dictionary<string, Gen<byte[]>> Documents = new()
    {
        [nameof(SetsAndQueues)] = CollectionGenerators.SetsAndQueues.Select(v => Oracle.Serialize(v)),
        [nameof(ImmutableSequences)] = CollectionGenerators.ImmutableSequences.Select(v => Oracle.Serialize(v)),
        [nameof(StringMaps)] = CollectionGenerators.StringMaps.Select(v => Oracle.Serialize(v)),
        [nameof(IntegerKeys)] = CollectionGenerators.IntegerKeys.Select(v => Oracle.Serialize(v)),
        [nameof(OtherKeys)] = CollectionGenerators.OtherKeys.Select(v => Oracle.Serialize(v)),
        [nameof(EnumKeys)] = CollectionGenerators.EnumKeys.Select(v => Oracle.Serialize(v)),
        [nameof(Stacks)] = CollectionGenerators.Stacks.Select(v => Oracle.Serialize(v)),
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_truncation_reads_as_STJ_reads_it(string type) => Documents[type].Run(json =>
    {
        // Every cut of the first 400 bytes, then one in seven (long documents would make this quadratic).
        for (int length = 0; length < json.Length; length += length < 400 ? 1 : 7)
        {
            Cases[type].ReadsLikeStj(json[..length]);
        }
    }, 25, print: b => Oracle.Text(b));

    [Fact]
    public void NaN_and_infinite_keys_throw_as_STJ_throws()
    {
        var value = new OtherKeys { Double = new Dictionary<double, int> { [double.NaN] = 1 } };
        var stj = Assert.Throws<ArgumentException>(() => Oracle.Serialize(value));
        var velithon = Assert.Throws<ArgumentException>(() => VelithonJson.SerializeToUtf8Bytes(value));
        Assert.Equal(stj.Message, velithon.Message);
    }
}
