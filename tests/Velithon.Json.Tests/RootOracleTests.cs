using System.Text;
using System.Text.Json;
using Velithon.Json.Tests.Models;
using Velithon.Json.Tests.Profiles;

namespace Velithon.Json.Tests;

/// <summary>
/// Lists, arrays and string-keyed dictionaries of <c>[VelithonJson]</c> types as the whole document: the bytes STJ writes
/// for <c>List&lt;T&gt;</c>, <c>T[]</c>, <c>IReadOnlyList&lt;T&gt;</c> and <c>Dictionary&lt;string, T&gt;</c> with the
/// type's options, STJ's output read back equal, and damaged documents rejected with STJ's message, path and position.
/// </summary>
public sealed class RootOracleTests
{
    private static readonly JsonSerializerOptions AllowingTrailingCommas = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions KebabKeys = new(JsonSerializerDefaults.Web) { DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseLower };
    private static readonly JsonSerializerOptions SkippingComments = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };
    private static readonly JsonSerializerOptions Shallow = new(JsonSerializerDefaults.Web) { MaxDepth = 6 };

    public static TheoryData<string> Cases => new(RootCatalogue.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Roots_write_the_bytes_STJ_writes(string type) => RootCatalogue.Get(type).WritesLikeStj();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Roots_read_what_STJ_writes(string type) => RootCatalogue.Get(type).ReadsStjOutput();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Damaged_roots_fail_like_STJ(string type) => RootCatalogue.Get(type).FailsLikeStjOnDamagedInput();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Streamed_lists_read_like_STJ_DeserializeAsync(string type) => RootCatalogue.Get(type).StreamsLikeStj();

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("[{}] x")]
    [InlineData("[] x")]
    [InlineData("[null,null] [")]
    [InlineData("[{},]")]
    [InlineData("[,]")]
    [InlineData("[{\"street\":1}]")]
    [InlineData("[{\"zip\":1},{\"zip\":\"x\"}]")]
    [InlineData("[{\"zip\":1}")]
    [InlineData("[{\"zip\":1},\n {\"zip\":true}]")]
    [InlineData("/**/[]")]
    public void Lists_fail_like_STJ(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        AssertSameError(() => JsonSerializer.Deserialize<List<Address>>(utf8, JsonSerializerOptions.Web), () => VelithonJson.DeserializeList<Address>(utf8));
        AssertSameError(() => JsonSerializer.Deserialize<Address[]>(utf8, JsonSerializerOptions.Web), () => VelithonJson.DeserializeArray<Address>(TestInputs.Split(utf8, 1)));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{} x")]
    [InlineData("{\"a\":{}} x")]
    [InlineData("{\"a\":1}")]
    [InlineData("{\"a\":{},}")]
    [InlineData("{\"a\":null,\"b\":{\"zip\":\"z\"}}")]
    [InlineData("{\"a\":null,\"b\"}")]
    [InlineData("{\"a\\ud800\":null}")]
    public void Dictionaries_fail_like_STJ(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        AssertSameError(() => JsonSerializer.Deserialize<Dictionary<string, Address>>(utf8, JsonSerializerOptions.Web), () => VelithonJson.DeserializeDictionary<Address>(utf8));
    }

    [Fact]
    public void Dictionary_duplicate_keys_keep_the_last_value_as_STJ()
    {
        byte[] json = """{"a":{"zip":1},"b":null,"a":{"zip":2}}"""u8.ToArray();
        Dictionary<string, Address> read = VelithonJson.DeserializeDictionary<Address>(json)!;
        DeepEqual.AssertEqual(JsonSerializer.Deserialize<Dictionary<string, Address>>(json, JsonSerializerOptions.Web), read);
        Assert.Equal(2, read["a"].Zip);
    }

    [Theory]
    [InlineData("[{\"number\":1},]")]
    [InlineData("[{\"number\":1,},{},]")]
    [InlineData("[,]")]
    [InlineData("[{},,]")]
    public void Trailing_commas_in_the_root_follow_the_types_setting(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        AssertSameOutcome(() => JsonSerializer.Deserialize<List<TrailingCommasChild>>(utf8, AllowingTrailingCommas), () => VelithonJson.DeserializeList<TrailingCommasChild>(utf8));
        AssertSameOutcome(() => JsonSerializer.Deserialize<List<CamelChild>>(utf8, KebabKeys), () => VelithonJson.DeserializeList<CamelChild>(utf8));
    }

    [Theory]
    [InlineData("/* a */ [ // b\n {\"number\":1} /* c */, null ] // d")]
    [InlineData("[ {} /* unterminated ]")]
    public void Comments_in_the_root_follow_the_types_setting(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        AssertSameOutcome(() => JsonSerializer.Deserialize<List<CommentsChild>>(utf8, SkippingComments), () => VelithonJson.DeserializeList<CommentsChild>(utf8));
        AssertSameOutcome(() => JsonSerializer.Deserialize<Dictionary<string, CommentsChild>>("/**/{\"k\"://\n{}}"u8, SkippingComments), () => VelithonJson.DeserializeDictionary<CommentsChild>("/**/{\"k\"://\n{}}"u8));
    }

    [Fact]
    public void The_root_counts_towards_the_depth_limit()
    {
        // ShallowChild is compiled with MaxDepth = 6: the list is the first level.
        byte[] deep = Nested(4);
        AssertSameOutcome(() => JsonSerializer.Deserialize<List<ShallowChild>>(deep, Shallow), () => VelithonJson.DeserializeList<ShallowChild>(deep));
        Assert.Single(VelithonJson.DeserializeList<ShallowChild>(deep)!);
        byte[] tooDeep = Nested(5);
        AssertSameError(() => JsonSerializer.Deserialize<List<ShallowChild>>(tooDeep, Shallow), () => VelithonJson.DeserializeList<ShallowChild>(tooDeep));
    }

    // A list holding one object with `levels` nested unknown members: 2 + levels levels deep.
    private static byte[] Nested(int levels) =>
        Encoding.UTF8.GetBytes("[" + string.Concat(Enumerable.Repeat("{\"x\":", levels)) + "{}" + new string('}', levels) + "]");

    [Fact]
    public void A_cycle_inside_a_list_fails_like_STJ()
    {
        var node = new LinkedNode { Value = "a" };
        node.Next = node;
        var stj = Assert.Throws<JsonException>(() => JsonSerializer.SerializeToUtf8Bytes(new List<LinkedNode> { node }, JsonSerializerOptions.Web));
        var velithon = Assert.Throws<JsonException>(() => VelithonJson.SerializeListToUtf8Bytes(new List<LinkedNode> { node }));
        // As for a single object (DepthTests): STJ's message without the " Path: $.Next..." it appends.
        Assert.StartsWith(velithon.Message, stj.Message, StringComparison.Ordinal);
        Assert.EndsWith("to support cycles.", velithon.Message, StringComparison.Ordinal);
    }

    internal static void AssertSameError(Func<object?> stj, Func<object?> velithon)
    {
        var expected = Assert.ThrowsAny<JsonException>(() => stj());
        var actual = Assert.ThrowsAny<JsonException>(() => velithon());
        Assert.Multiple(
            () => Assert.Equal(expected.Message, actual.Message),
            () => Assert.Equal(expected.Path, actual.Path),
            () => Assert.Equal(expected.LineNumber, actual.LineNumber),
            () => Assert.Equal(expected.BytePositionInLine, actual.BytePositionInLine));
    }

    internal static void AssertSameOutcome(Func<object?> stj, Func<object?> velithon)
    {
        object? expected;
        try
        {
            expected = stj();
        }
        catch (JsonException)
        {
            AssertSameError(stj, velithon);
            return;
        }

        DeepEqual.AssertEqual(expected, velithon());
    }
}
