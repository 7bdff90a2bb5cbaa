using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Generic [VelithonJson] types (Models/Generics.cs), closed as members and as roots: for thousands of generated values
/// Velithon writes exactly what STJ Web (reflection) writes, reads STJ's output (and its variants) to what STJ reads,
/// and reads damaged documents as STJ does (the same value, or a JsonException at the same path and position).
/// </summary>
public sealed class GenericOracleTests
{
    private static Gen<T[]?> ArrayOf<T>(Gen<T> item) => item.Array[0, 4].Null(0.3)!;

    private static Gen<Dictionary<string, T>?> DictionaryOf<T>(Gen<T> value) =>
        Gen.Select(Generators.Key, value).Array[0, 4]
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

    private static Gen<Page<T>> PageOf<T>(Gen<T> item, int max = 6) =>
        Gen.Select(Gen.Int, item.List[0, max], item, ArrayOf(item), DictionaryOf(item), Generators.NullableString, item)
            .Select((number, items, first, tail, byKey, cursor, highlight) => new Page<T>
            {
                Number = number,
                Items = items,
                First = first,
                Tail = tail,
                ByKey = byKey,
                Cursor = cursor,
                Highlight = highlight,
            });

    private static readonly Gen<int?> NullableInt = Gen.Frequency((3, Gen.Int.Select(i => (int?)i)), (1, Gen.Const((int?)null)));

    private static readonly Gen<Address> Addresses = Generators.Address;

    private static readonly JsonSerializerOptions Bridged = CreateBridged();

    private static readonly JsonSerializerOptions Resolved = new(JsonSerializerOptions.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()),
    };

    private static readonly Gen<Address?> NullableAddresses = Generators.Address.Null(0.1)!;

    private static readonly Gen<Page<Address?>> AddressPages = PageOf(NullableAddresses);

    private static readonly Gen<Page<int>> IntPages = PageOf(Gen.Int);

    private static readonly Gen<Page<string?>> StringPages = PageOf(Generators.NullableString);

    private static readonly Gen<ApiResponse<Page<Address?>>> Responses =
        Gen.Select(Gen.Bool, AddressPages.Null(0.1), Generators.NullableString).Select((ok, data, error) => new ApiResponse<Page<Address?>>(ok, data!, error));

    private static readonly Gen<Result<int, string>> Results =
        Gen.Select(Gen.Bool, Gen.Int, Generators.NullableString).Select((success, value, error) => new Result<int, string> { Success = success, Value = value, Error = error });

    private static readonly Gen<Pair<int, string?>> Pairs =
        Gen.Select(NullableInt, Generators.NullableString).Select((left, right) => new Pair<int, string?> { Left = left, Right = right });

    private static readonly Gen<Boxed<PointRecord>> Boxes = Gen.Select(Generators.PointRecord, Gen.Int).Select((value, version) => new Boxed<PointRecord>(value, version));

    private static readonly Gen<GenericHolder> Holders =
        Gen.Select(
                PageOf(Addresses).Null(0.2),
                IntPages.Null(0.2),
                PageOf(Addresses.List[0, 3], 3).Null(0.3),
                Gen.Select(Gen.Bool, PageOf(Addresses, 3), Generators.NullableString).Select((ok, data, error) => new ApiResponse<Page<Address>>(ok, data, error)).Null(0.2),
                Results.Null(0.2),
                Pairs,
                PageOf(Generators.Color).Null(0.2))
            .Select(Gen.Select(
                    PageOf(NullableInt).Null(0.2),
                    PageOf<Dictionary<string, long>>(DictionaryOf(Gen.Long)!, 3).Null(0.3),
                    PageOf(Generators.Point.Array[0, 3], 3).Null(0.3),
                    Gen.Select(Generators.PointRecord, PageOf(Generators.PointRecord, 3).Null(0.3), Generators.PointRecord.List[0, 3])
                        .Select((body, related, batch) => new Envelope<PointRecord> { Body = body, Related = related, Batch = new Boxed<List<PointRecord>>(batch, 1) }).Null(0.2),
                    Gen.Select(Generators.NullableString, Gen.Guid).Select((tag, value) => new GenericOuter.Tagged<Guid> { Tag = tag, Value = value }).Null(0.2)),
                (a, b) => new GenericHolder
                {
                    Addresses = a.Item1,
                    Numbers = a.Item2,
                    Batches = a.Item3,
                    Response = a.Item4,
                    Outcome = a.Item5,
                    Pair = a.Item6,
                    Colors = a.Item7,
                    Maybe = b.Item1,
                    Maps = b.Item2,
                    Points = b.Item3,
                    Envelope = b.Item4,
                    Tagged = b.Item5,
                });

    [Fact]
    public void Page_of_objects_is_byte_identical_to_STJ_and_reads_back() => AddressPages.Run(SameBytesAndRead);

    [Fact]
    public void Page_of_int_is_byte_identical_to_STJ_and_reads_back() => IntPages.Run(SameBytesAndRead);

    [Fact]
    public void Page_of_nullable_strings_is_byte_identical_to_STJ_and_reads_back() => StringPages.Run(SameBytesAndRead);

    [Fact]
    public void Nested_ApiResponse_of_Page_is_byte_identical_to_STJ_and_reads_back() => Responses.Run(SameBytesAndRead, iter: 1000);

    [Fact]
    public void Result_with_two_type_parameters_is_byte_identical_to_STJ_and_reads_back() => Results.Run(SameBytesAndRead);

    [Fact]
    public void Generic_struct_is_byte_identical_to_STJ_and_reads_back() => Pairs.Run(SameBytesAndRead);

    [Fact]
    public void Generic_record_struct_is_byte_identical_to_STJ_and_reads_back() => Boxes.Run(SameBytesAndRead);

    [Fact]
    public void Closed_generic_members_are_byte_identical_to_STJ_and_read_back() => Holders.Run(SameBytesAndRead, iter: 1000);

    [Fact]
    public void Variants_of_STJ_output_read_like_STJ() => Gen.Select(Holders, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = Oracle.Serialize(t.Item1);
        ConverterOracleTests.AssertSameRead<GenericHolder>(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Oracle.WebIndented));
        ConverterOracleTests.AssertSameRead<GenericHolder>(JsonRewriter.FlipCase(json, random));
        ConverterOracleTests.AssertSameRead<GenericHolder>(JsonRewriter.InsertUnknownMembers(json, random));
        ConverterOracleTests.AssertSameRead<GenericHolder>(JsonRewriter.NumbersAsStrings(json));
    }, iter: 500, print: t => Oracle.Show(t.Item1));

    [Theory]
    [InlineData("""{"count":{"ok":true,"data":"x"}}""")]
    [InlineData("""{"count":{"data":1.5,"ok":true}}""")]
    [InlineData("""{"count":{"ok":"no","data":1}}""")]
    [InlineData("""{"text":{"ok":true,"data":5}}""")]
    [InlineData("""{"level":{"ok":true,"data":"High"}}""")]
    [InlineData("""{"level":{"ok":true,"data":2}}""")]
    [InlineData("""{"maybeLevel":{"ok":true,"data":"High"}}""")]
    [InlineData("""{"maybeLevel":{"ok":true,"data":null}}""")]
    [InlineData("""{"maybeId":{"ok":true,"data":"not a guid"}}""")]
    [InlineData("""{"maybeId":{"ok":true,"data":7}}""")]
    [InlineData("""{"nested":{"ok":true,"data":{"number":"x"}}}""")]
    [InlineData("""{"nested":{"ok":true,"data":{"items":[1,"x"]}}}""")]
    [InlineData("""{"nested":{"ok":true,"data":5}}""")]
    public void Constructor_arguments_of_type_arguments_fail_as_in_STJ(string json) =>
        ConverterOracleTests.AssertSameRead<ResponseVariants>(System.Text.Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Mutated_constructor_arguments_of_type_arguments_read_like_STJ() => Gen.Select(Gen.Int, Generators.NullableString, Gen.Int[0, 2], Gen.Guid, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item5);
        var value = new ResponseVariants
        {
            Count = new ApiResponse<int>(true, t.Item1, null),
            Text = new ApiResponse<string>(false, t.Item2!, "e"),
            Level = new ApiResponse<Priority>(true, (Priority)t.Item3, null),
            MaybeLevel = new ApiResponse<Priority?>(true, t.Item3 == 0 ? null : (Priority)t.Item3, null),
            MaybeId = new ApiResponse<Guid?>(true, t.Item4, null),
            Nested = new ApiResponse<Page<int>>(true, new Page<int> { Number = t.Item1, Items = [t.Item3] }, null),
        };
        byte[] json = Oracle.Serialize(value);
        ConverterOracleTests.AssertSameRead<ResponseVariants>(json);
        for (int i = 0; i < 4; i++)
        {
            ConverterOracleTests.AssertSameRead<ResponseVariants>(Mutator.Mutate(json, random));
        }
    }, iter: 1000);

    // A generic type's member Boxed<List<T>>? names its closed nullable in a first-name error (found by this property,
    // seed 69S39zgpfb0t: the name held an unbound "T"); a later name names the struct.
    [Theory]
    [InlineData("""{"envelope":{"batch":{"valu\uDEA3e":[],"version":1}}}""")]
    [InlineData("""{"envelope":{"batch":{"version":1,"\uDEA3":[]}}}""")]
    [InlineData("""{"envelope":{"batch":{"value":[{"x":1,"\uDEA3":2}]}}}""")]
    [InlineData("""{"envelope":{"batch":null,"related":{"\uDEA3":1}}}""")]
    public void A_lone_surrogate_in_a_member_name_of_a_nullable_generic_struct_fails_like_STJ(string json) =>
        ConverterOracleTests.AssertSameRead<GenericHolder>(System.Text.Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Mutated_and_truncated_documents_read_like_STJ() => Bounded.Run(TimeSpan.FromSeconds(120), _ =>
        Gen.Select(Holders, Gen.Int).Run(t =>
        {
            var random = new Random(t.Item2);
            byte[] json = Oracle.Serialize(t.Item1);
            for (int i = 0; i < 4; i++)
            {
                ConverterOracleTests.AssertSameRead<GenericHolder>(Mutator.Mutate(json, random));
            }

            ConverterOracleTests.AssertSameRead<GenericHolder>(json.AsSpan(0, random.Next(json.Length)).ToArray());
            byte[] page = Oracle.Serialize(t.Item1.Addresses);
            ConverterOracleTests.AssertSameRead<Page<Address>>(Mutator.Mutate(page, random));
        }, iter: 1000, print: t => Oracle.Show(t.Item1)));

    [Theory]
    [InlineData("""{"items":[1,"2",null]}""")]
    [InlineData("""{"items":{}}""")]
    [InlineData("""{"first":"x"}""")]
    [InlineData("""{"first":null}""")]
    [InlineData("""{"byKey":{"a":1,"b":[]}}""")]
    [InlineData("""{"tail":[1,2,"x"]}""")]
    [InlineData("""{"highlight":1.5}""")]
    [InlineData("""{"number":1,"items":[1,2""")]
    public void Named_inputs_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<Page<int>>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"ok":true,"data":{"items":[{"street":"a","city":null,"zip":"7"}]},"error":null}""")]
    [InlineData("""{"ok":true,"data":{"items":[{"zip":"x"}]}}""")]
    [InlineData("""{"ok":true,"data":{"items":[5]}}""")]
    [InlineData("""{"data":null}""")]
    [InlineData("""{"data":[]}""")]
    public void Nested_named_inputs_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<ApiResponse<Page<Address>>>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"value":1}""")]
    [InlineData("""{"success":true,"value":"1","error":"e"}""")]
    [InlineData("""{"success":null}""")]
    public void Required_members_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<Result<int, string>>(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_type_argument_without_a_handler_is_a_loud_NotSupportedException()
    {
        // Page<HashSet<T>> closed by a generic method's type argument: the generator never sees Page<HashSet<sbyte>>, so
        // HashSet<sbyte> has no handler, and nothing is written or read.
        NotSupportedException write = Assert.Throws<NotSupportedException>(() => VelithonJson.SerializeToUtf8Bytes(PageOfSets<sbyte>(1)));
        Assert.Contains("System.Collections.Generic.HashSet`1[System.SByte]", write.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => ReadPageOfSets<sbyte>("""{"items":[[1]]}"""u8.ToArray()));
    }

    private static Page<HashSet<T>> PageOfSets<T>(T item) => new() { Items = [[item]] };

    private static Page<HashSet<T>>? ReadPageOfSets<T>(byte[] json) => VelithonJson.Deserialize<Page<HashSet<T>>>(json);

    [Fact]
    public void A_handler_registered_at_startup_serves_a_root_only_type_argument()
    {
        JsonValueHandlers.List<Guid>();
        var page = new Page<List<Guid>> { Items = [[Guid.NewGuid()], []], First = null };
        AssertBytes(Oracle.Serialize(page), VelithonJson.SerializeToUtf8Bytes(page));
        ConverterOracleTests.AssertSameRead<Page<List<Guid>>>(Oracle.Serialize(page));
    }

    [Fact]
    public void The_STJ_converter_and_resolver_write_closed_generic_types_like_STJ() => AddressPages.Run(page =>
    {
        byte[] expected = Oracle.Serialize(page);
        AssertBytes(expected, JsonSerializer.SerializeToUtf8Bytes(page, Bridged));
        AssertBytes(expected, JsonSerializer.SerializeToUtf8Bytes(page, Resolved));
        DeepEqual.AssertEqual(Oracle.Deserialize<Page<Address?>>(expected), JsonSerializer.Deserialize<Page<Address?>>(expected, Bridged));
    }, iter: 300);

    private static JsonSerializerOptions CreateBridged()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new VelithonJsonConverter<Page<Address?>>());
        return options;
    }

    internal static void SameBytesAndRead<T>(T value)
        where T : IVelithonJson<T>
    {
        byte[] expected = Oracle.Serialize(value);
        AssertBytes(expected, VelithonJson.SerializeToUtf8Bytes(value));
        var stingy = new StingyBufferWriter();
        VelithonJson.Serialize(value, stingy);
        AssertBytes(expected, stingy.WrittenBytes);
        ConverterOracleTests.AssertSameRead<T>(expected);
    }

    internal static void AssertBytes(byte[] expected, byte[] actual) =>
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"\nSTJ:      {Oracle.Text(expected)}\nVelithon: {Oracle.Text(actual)}");
}
