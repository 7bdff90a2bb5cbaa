using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Members System.Text.Json reads after a constructor with parameters. Reading a whole buffer, STJ reads the object
/// first (the arguments; every other member's value is skipped), checks required members, calls the constructor, then
/// reads the other members from where it skipped them: their errors lose to any later error in the object and carry the
/// position after the object's '}', and a syntax error inside one ends its path at the member. STJ's streaming reads
/// (DeserializeAsync) read them where they stand, and report an error after a dictionary entry under the dictionary,
/// not the entry's key. Velithon's buffer and stream reads must give each one's errors.
/// </summary>
public sealed class DeferredMemberOracleTests
{
    public static TheoryData<string> Inputs() => new()
    {
        """{"code":"c","count":"x"}""",
        """{"count":"x","code":"c"}""",
        """{"count":"x"}""",
        """{"count":"x","id":"y","code":"c"}""",
        """{"count":"x","id":1,"code":"c","name":5}""",
        """{"count":"x","inner":{"label":1},"code":"c"}""",
        """{"inner":{"weight":"w"},"count":"x","code":"c"}""",
        """{"inner":{"weight":"w","label":3},"code":"c"}""",
        """{"inner":{"size":{"width":"w"}},"code":"c","id":2}""",
        """{"inner":{"size":{"\uDC00":1}},"code":"c"}""",
        """{"items":[{"label":"a"},{"weight":[1]}],"code":"c"}""",
        """{"items":[{"label":"a"},{"weight":[1,}],"code":"c"}""",
        """{"items":[{"label":"a"},{"weight":1],"code":"c"}""",
        """{"scores":{"a":1,"b":"2"},"code":"c","count":true}""",
        """{"scores":{"a":1,"b":{"c":[1,2,{}]}},"code":"c"}""",
        """{"count":1,"count":"x","code":"c"}""",
        """{"count":"x","count":1,"code":"c"}""",
        """{"count":"x","code":"c",}""",
        """{"count":"x","code":"c"} x""",
        """{"count":"x","code":"c""",
        """{"count":{"a":"x","code":"c"}""",
        """{"count":[1,2,3],"code":"c"}""",
        """{"count":[1,2,3],"code":null}""",
        """{"inner":{"label":"a","weight":1,"size":{"width":1,"height":2}},"items":[],"scores":{},"code":"c","id":1,"name":"n","count":3}""",
        """{"inner":[],"code":"c"}""",
        """{"inner":{},"items":{},"code":"c"}""",
        """ { "count" : "x" , "code" : "c" } """,
        "{\n  \"count\": \"x\",\n  \"code\": \"c\"\n}",
        """{"code":"c","scores":{"a":1,"b""",
        """{"code":"c","scores":{"a":1,""",
        """{"code":"c","scores":{"a":1""",
        """{"code":"c","id":1,"scores":{"a":1,"\uDC00":2}}""",
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Buffers_read_like_STJ_Deserialize(string json) =>
        ConverterOracleTests.AssertSameRead<DeferredOuter>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [MemberData(nameof(Inputs))]
    public Task Streams_read_like_STJ_DeserializeAsync(string json) => AssertSameStreamRead<DeferredOuter>(Encoding.UTF8.GetBytes(json));

    // The other difference between STJ's two reads: an error reading the token after a dictionary entry is under the
    // entry's key in a buffer read, under the dictionary in a streaming read.
    [Theory]
    [InlineData("""{"dictionary":{"a":1,"b""")]
    [InlineData("""{"dictionary":{"a":1,""")]
    [InlineData("""{"dictionary":{"a":1""")]
    [InlineData("""{"dictionary":{"a":1,"b":""")]
    [InlineData("""{"dictionary":{"a":1,"\uDC00":2}}""")]
    [InlineData("""{"iDictionary":{"a":{"zip":1},""")]
    [InlineData("""{"iDictionary":{"a":{"zip":1}""")]
    [InlineData("""{"dictionaryOfLists":{"a":[1],"b":[2,""")]
    public async Task Dictionaries_read_like_STJ_in_buffers_and_streams(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        ConverterOracleTests.AssertSameRead<Collections>(utf8);
        await AssertSameStreamRead<Collections>(utf8);
    }

    [Theory]
    [InlineData("""{"step":"x","low":5,"high":1}""")]
    [InlineData("""{"step":"x","low":1,"high":5}""")]
    [InlineData("""{"low":1,"step":[],"high":5}""")]
    [InlineData("""{"step":2,"low":1,"high":5}""")]
    public async Task The_constructor_runs_before_the_members_after_it(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        Exception? expected = Catch(() => JsonSerializer.Deserialize<CheckedRange>(utf8, JsonSerializerOptions.Web));
        Exception? actual = Catch(() => VelithonJson.Deserialize<CheckedRange>(utf8));
        Assert.Equal(expected?.GetType(), actual?.GetType());
        Assert.Equal(expected?.Message, actual?.Message);
        await AssertSameStreamRead<CheckedRange>(utf8);
    }

    [Fact]
    public void Mutated_documents_read_like_STJ_Deserialize() => Gen.Select(Outer, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = Oracle.Serialize(t.Item1);
        for (int i = 0; i < 4; i++)
        {
            ConverterOracleTests.AssertSameRead<DeferredOuter>(Mutator.Mutate(json, random));
        }

        ConverterOracleTests.AssertSameRead<DeferredOuter>(json);
        ConverterOracleTests.AssertSameRead<DeferredOuter>(JsonRewriter.FlipCase(json, random));
        ConverterOracleTests.AssertSameRead<DeferredOuter>(JsonRewriter.NumbersAsStrings(json));
    }, iter: 1000, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Mutated_documents_stream_like_STJ_DeserializeAsync() => Gen.Select(Outer, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = Oracle.Serialize(t.Item1);
        AssertSameStreamRead<DeferredOuter>(Mutator.Mutate(json, random), looseSyntaxErrors: true).GetAwaiter().GetResult();
    }, iter: 400, print: t => Oracle.Show(t.Item1));

    [Theory]
    [InlineData("""[{"code":"a"},{"count":"x","code":"b"},{"code":"c"}]""")]
    [InlineData("""[{"code":"a"},{"inner":{"weight":"w"},"id":"y","code":"b"}]""")]
    public async Task Array_elements_stream_like_STJ_DeserializeAsyncEnumerable(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        JsonException expected = await Assert.ThrowsAnyAsync<JsonException>(() => DrainAsync(JsonSerializer.DeserializeAsyncEnumerable<DeferredOuter>(new MemoryStream(utf8), JsonSerializerOptions.Web)));
        JsonException actual = await Assert.ThrowsAnyAsync<JsonException>(() => DrainAsync(VelithonJson.DeserializeAsyncEnumerable<DeferredOuter>(new MemoryStream(utf8))));
        Assert.Equal(expected.Message, actual.Message);
    }

    private static readonly Gen<DeferredInner> Inner = Gen.Select(Generators.NullableString, Gen.Int, PlainGenerators.Size.Nullable(0.4),
        (label, weight, size) => new DeferredInner(label) { Weight = weight, Size = size });

    private static readonly Gen<DeferredOuter> Outer = Gen.Select(Gen.Int, Generators.NullableString, Gen.Int, Inner.Null(0.3), Inner.List[0, 3].Null(0.3),
        CollectionGenerators.MapOf(Generators.Key, Gen.Int, 3), Generators.String,
        (id, name, count, inner, items, scores, code) => new DeferredOuter(id, name) { Count = count, Inner = inner, Items = items, Scores = scores, Code = code });

    // STJ's DeserializeAsync against Velithon's from a stream (whole and a few bytes a read) and a pipe: the same value
    // (compared as STJ writes it) or the same error, message, path and position.
    private static async Task AssertSameStreamRead<T>(byte[] utf8, bool looseSyntaxErrors = false)
        where T : IVelithonJson<T>
    {
        (T? expected, Exception? stjError) = await AsyncOutcome.Of(async () => await JsonSerializer.DeserializeAsync<T>(new MemoryStream(utf8), JsonSerializerOptions.Web));
        string input = "\nInput: " + Encoding.UTF8.GetString(utf8);
        foreach (Func<Task<T?>> read in new Func<Task<T?>>[]
        {
            async () => await VelithonJson.DeserializeAsync<T>(new MemoryStream(utf8)),
            async () => await VelithonJson.DeserializeAsync<T>(new TrickleStream(utf8, 3)),
            async () => await VelithonJson.DeserializeAsync<T>(PipeReader.Create(TestInputs.Split(utf8, 2))),
        })
        {
            (T? actual, Exception? error) = await AsyncOutcome.Of(read);
            if (stjError is null)
            {
                Assert.True(error is null, $"STJ reads it, Velithon threw {error}{input}");
                Assert.Equal(JsonSerializer.Serialize(expected, JsonSerializerOptions.Web), JsonSerializer.Serialize(actual, JsonSerializerOptions.Web));
                continue;
            }

            Assert.True(error is not null, $"STJ threw {stjError.Message}; Velithon read a value{input}");
            if (looseSyntaxErrors && IsReaderError(stjError))
            {
                // STJ's streaming reader reads a stream in blocks; what its syntax errors quote depends on where a
                // block ends ("'nu\uFFFDl,"items":[...' is an invalid JSON literal"), so only the failure is compared.
                Assert.IsAssignableFrom<JsonException>(error);
                continue;
            }

            Assert.True(stjError.GetType() == error!.GetType() && stjError.Message == error.Message, $"STJ: {stjError}\nVelithon: {error}{input}");
            if (stjError is JsonException stjJson)
            {
                Assert.Equal(stjJson.Path, ((JsonException)error).Path);
                Assert.Equal(stjJson.BytePositionInLine, ((JsonException)error).BytePositionInLine);
            }
        }
    }

    private static bool IsReaderError(Exception error) =>
        error is JsonException { InnerException: JsonException inner } && inner.GetType() != typeof(JsonException);

    private static Exception? Catch(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task<List<T?>> DrainAsync<T>(IAsyncEnumerable<T?> elements)
    {
        var list = new List<T?>();
        await foreach (T? element in elements)
        {
            list.Add(element);
        }

        return list;
    }
}
