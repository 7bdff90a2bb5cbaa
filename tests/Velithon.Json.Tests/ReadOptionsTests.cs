using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Velithon.Json.Tests.Profiles;

namespace Velithon.Json.Tests;

/// <summary>
/// The read settings on hand-picked documents, each read by STJ with the same options and by the generated code
/// (span, multi-segment sequence, and through a host): the same value, or the same error, message, path and position.
/// </summary>
public sealed class ReadOptionsTests
{
    private static readonly JsonSerializerOptions TrailingCommas = Stj(o => o.AllowTrailingCommas = true);
    private static readonly JsonSerializerOptions Comments = Stj(o => o.ReadCommentHandling = JsonCommentHandling.Skip);
    private static readonly JsonSerializerOptions Depth3 = Stj(o => o.MaxDepth = 3);
    private static readonly JsonSerializerOptions Web = Stj(_ => { });
    private static readonly JsonSerializerOptions Strict = Stj(o => o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);

    public static TheoryData<string> TrailingCommaDocuments => new()
    {
        """{"numbers":[1,],}""",
        """{"numbers":[1 ,  ] , }""",
        """{"numbers":[,]}""",
        """{"numbers":[1,,]}""",
        """{,}""",
        """{"orderID":1,,}""",
        """{"child":{"ratio":1,},"children":[{"hTTPCode":2,},null,],}""",
        """{"child":{,}}""",
        """{"scoresByName":{"a":1,},"numbers":[],}""",
        """{"orderID":1,}""",
        """{"orderID":1}""",
        """[1,]""",
        """{"orderID":1},""",
    };

    public static TheoryData<string> CommentDocuments => new()
    {
        """/*x*/{"orderID":1}""",
        """{"orderID":1}/*x*/""",
        """{"orderID":1}//x""",
        "{\"orderID\":1}\n//x\n",
        "//x\n{\"orderID\":1}",
        """{"orderID"/*x*/:1}""",
        """{"orderID":/*x*/1}""",
        """{"orderID":1/*x*/}""",
        """{/*x*/"orderID":1}""",
        """{"numbers":[1/*x*/,2,/*y*/3]}""",
        """{"numbers":[/*x*/]}""",
        """/*x*/""",
        """/*x""",
        """{"orderID":1}/*""",
        """{"numbers":[1]/*""",
        """{"orderID":1,/*x*/}""",
        """{"orderID":1}/*a*//*b*/""",
        """{"orderID":1} /*a*/ x""",
        "{\"orderID\"://x\n1}",
    };

    public static TheoryData<string> UnmappedDocuments => new()
    {
        """{"id":1,"zz":2}""",
        """{"zz":{"q":1},"id":1}""",
        "{\n  \"id\": 1,\n  \"zz\": [1,2]\n}",
        """{"twice":5}""",
        """{"TWICE":5}""",
        """{"secret":{"a":[1,2]}}""",
        """{"Secret":5}""",
        """{"writtenOnly":5}""",
        """{"secret":[1,}""",
        """{"inner":{"zz":1}}""",
        """{"items":[{"id":1},{"zz":1}]}""",
        """{"zz":1,"id":"bad"}""",
        """{"id":1,"zz":}""",
        """{"id":1,"z\u007a":2}""",
        """{"id":1,"z.z":2}""",
        """{"$type":"x","id":1}""",
        """{"id":1,"$id":"1"}""",
        """{"ID":1,"Name":"a"}""",
        """{"id":1,"name":null,"inner":null,"items":[]}""",
    };

    [Theory]
    [MemberData(nameof(TrailingCommaDocuments))]
    public void AllowTrailingCommas_accepts_and_rejects_what_STJ_does(string json)
    {
        AssertSameOutcome<TrailingCommasRoot>(json, TrailingCommas);
        AssertSameOutcome<CamelRoot>(json, Stj(o => o.DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseLower));
    }

    [Theory]
    [MemberData(nameof(CommentDocuments))]
    public void Skipped_comments_are_skipped_where_STJ_skips_them(string json)
    {
        AssertSameOutcome<CommentsRoot>(json, Comments);
        AssertSameOutcome<CamelRoot>(json, Stj(o => o.DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseLower));
    }

    [Theory]
    [MemberData(nameof(UnmappedDocuments))]
    public void Disallowed_unmapped_members_fail_as_STJ_fails(string json) => AssertSameOutcome<StrictRecord>(json, Strict);

    [Fact]
    public void The_unmapped_member_error_is_STJs()
    {
        JsonException error = Assert.Throws<JsonException>(() => VelithonJson.Deserialize<StrictRecord>("{\n  \"id\": 1,\n  \"zz\": [1,2]\n}"u8));
        Assert.Equal("The JSON property 'zz' could not be mapped to any .NET member contained in type 'Velithon.Json.Tests.Profiles.StrictRecord'.", error.Message);
        Assert.Equal("$.zz", error.Path);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal(7, error.BytePositionInLine);
    }

    [Fact]
    public void The_compiled_MaxDepth_is_the_default_of_the_entry_points_and_options_that_set_one_win()
    {
        JsonSerializerOptions stj3 = Depth3;
        JsonSerializerOptions stjDeep = Web;
        for (int levels = 1; levels <= 5; levels++)
        {
            ShallowNode chain = Chain(levels);

            // Writing: the entry points (without options, or with options that set no depth) write what STJ with
            // MaxDepth = 3 writes, and refuse what it refuses, with its message (without its path).
            (byte[]? expected, Exception? stjError) = Try(() => JsonSerializer.SerializeToUtf8Bytes(chain, stj3));
            foreach (VelithonJsonOptions? options in new[] { null, new VelithonJsonOptions { Interner = Memory.StringInterner.Shared } })
            {
                (byte[]? actual, Exception? error) = Try(() => VelithonJson.SerializeToUtf8Bytes(chain, options));
                if (stjError is null)
                {
                    Assert.Equal(expected, actual);
                }
                else
                {
                    Assert.StartsWith(Assert.IsType<JsonException>(error).Message, stjError.Message, StringComparison.Ordinal);
                }
            }

            // Reading: the same decisions and errors.
            AssertSameOutcome<ShallowNode>(JsonSerializer.Serialize(chain, stjDeep), stj3, hosts: false);
        }

        byte[] deepJson = JsonSerializer.SerializeToUtf8Bytes(Chain(4), stjDeep);
        ShallowNode deep = Chain(4);

        // Options with a depth of their own win (as a JsonSerializerOptions passed to STJ does).
        var wide = new VelithonJsonOptions { MaxDepth = 10 };
        Assert.Equal(deepJson, VelithonJson.SerializeToUtf8Bytes(deep, wide));
        Assert.Equal(1, VelithonJson.Deserialize<ShallowNode>(deepJson, wide)!.Next!.Next!.Next!.Value);
        Assert.Throws<JsonException>(() => VelithonJson.Deserialize<ShallowNode>(deepJson, new VelithonJsonOptions { Interner = Memory.StringInterner.Shared }));
        Assert.Throws<JsonException>(() => VelithonJson.Deserialize<ShallowNode>(new ReadOnlySequence<byte>(deepJson)));

        // Through STJ, the host's depth must be the compiled one.
        Assert.NotNull(VelithonJsonContract.Of<ShallowNode>().FindMismatch(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        Assert.Null(VelithonJsonContract.Of<ShallowNode>().FindMismatch(new JsonSerializerOptions(JsonSerializerDefaults.Web) { MaxDepth = 3 }));
    }

    [Fact]
    public void Through_a_host_the_hosts_reader_settings_apply_and_must_be_the_compiled_ones()
    {
        // Same settings: the generated code runs and reads what STJ reads.
        JsonSerializerOptions host = Host(Stj(o => { o.AllowTrailingCommas = true; o.ReadCommentHandling = JsonCommentHandling.Skip; }), converter: true);
        Assert.Equal(7, JsonSerializer.Deserialize<LenientProbe>("/*a*/{\"count\":7,/*b*/}//c"u8, host)!.Count);

        // A host with other reader settings is a mismatch: the converter refuses to run.
        JsonSerializerOptions other = Host(Stj(o => o.AllowTrailingCommas = true), converter: true);
        NotSupportedException error = Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<LenientProbe>("{\"count\":7}"u8, other));
        Assert.Contains("ReadCommentHandling is JsonCommentHandling.Disallow; the generated code was compiled for JsonCommentHandling.Skip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_converter_for_a_type_with_its_own_JsonUnmappedMemberHandling_is_refused_by_STJ_and_the_resolver_serves_it()
    {
        JsonSerializerOptions converted = Host(new JsonSerializerOptions(JsonSerializerDefaults.Web), converter: true);
        Assert.Throws<InvalidOperationException>(() => JsonSerializer.Serialize(new OwnDisallowRoot(), converted));

        JsonSerializerOptions resolved = Host(new JsonSerializerOptions(JsonSerializerDefaults.Web), converter: false);
        Assert.IsType<VelithonJsonConverter<OwnDisallowRoot>>(resolved.GetTypeInfo(typeof(OwnDisallowRoot)).Converter);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OwnDisallowRoot>("{\"zz\":1}"u8, resolved));
    }

    private static ShallowNode Chain(int levels) => new() { Value = levels, Next = levels > 1 ? Chain(levels - 1) : null };

    private static JsonSerializerOptions Stj(Action<JsonSerializerOptions> configure)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        configure(options);
        return options;
    }

    private static JsonSerializerOptions Host(JsonSerializerOptions options, bool converter)
    {
        var host = new JsonSerializerOptions(options);
        if (converter)
        {
            host.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
            host.Converters.Insert(0, new VelithonJsonConverter<LenientProbe>());
            host.Converters.Insert(0, new VelithonJsonConverter<OwnDisallowRoot>());
        }
        else
        {
            host.TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver());
        }

        return host;
    }

    private static void AssertSameOutcome<T>(string text, JsonSerializerOptions stj, bool hosts = true)
        where T : IVelithonJson<T>
    {
        byte[] json = Encoding.UTF8.GetBytes(text);
        (T? expected, Exception? stjError) = Try(() => JsonSerializer.Deserialize<T>(json, stj));
        (T? actual, Exception? error) = Try(() => VelithonJson.Deserialize<T>(json));
        (T? fromSequence, Exception? sequenceError) = Try(() => VelithonJson.Deserialize<T>(TestInputs.Split(json, new Random(json.Length))));
        var hostResults = new List<(string Host, T? Value, Exception? Error)>();
        if (hosts && VelithonJsonContract.Of<T>().FindMismatch(stj) is null)
        {
            var resolved = new JsonSerializerOptions(stj) { TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()) };
            var converted = new JsonSerializerOptions(stj);
            converted.Converters.Insert(0, new VelithonJsonConverter<T>());
            (T? r, Exception? re) = Try(() => JsonSerializer.Deserialize<T>(json, resolved));
            hostResults.Add(("resolver", r, re));
            (T? c, Exception? ce) = Try(() => JsonSerializer.Deserialize<T>(new MemoryStream(json), converted));
            hostResults.Add(("converter, stream", c, ce));
        }

        if (stjError is null)
        {
            Assert.True(error is null, $"STJ reads it, Velithon threw {error}\nInput: {text}");
            Assert.True(sequenceError is null, $"STJ reads it, Velithon (sequence) threw {sequenceError}\nInput: {text}");
            Assert.Null(DeepEqual.Diff(expected, actual) ?? DeepEqual.Diff(expected, fromSequence));
            foreach ((string host, T? value, Exception? hostError) in hostResults)
            {
                Assert.True(hostError is null, $"STJ reads it, the host ({host}) threw {hostError}\nInput: {text}");
                Assert.Null(DeepEqual.Diff(expected, value));
            }

            return;
        }

        JsonException stjException = Assert.IsAssignableFrom<JsonException>(stjError);
        JsonException velithon = Assert.IsAssignableFrom<JsonException>(error);
        Assert.IsAssignableFrom<JsonException>(sequenceError);
        Assert.Equal(
            (stjException.Message, stjException.Path, stjException.LineNumber, stjException.BytePositionInLine),
            (velithon.Message, velithon.Path, velithon.LineNumber, velithon.BytePositionInLine));
        foreach ((string host, _, Exception? hostError) in hostResults)
        {
            Assert.True(hostError is JsonException, $"STJ rejects it, the host ({host}): {hostError?.ToString() ?? "read a value"}\nInput: {text}");
        }
    }

    private static (T? Value, Exception? Error) Try<T>(Func<T?> read)
    {
        try
        {
            return (read(), null);
        }
#pragma warning disable CA1031 // any exception is a result to classify here
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (default, ex);
        }
    }
}
