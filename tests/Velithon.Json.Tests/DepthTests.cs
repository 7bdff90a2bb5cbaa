using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Velithon.Json.Tests;

/// <summary>A self-recursive type: one level of JSON per <see cref="Child"/>, two per element of <see cref="Children"/>.</summary>
[VelithonJson]
public partial class DepthNode
{
    public int Value { get; set; }

    public DepthNode? Child { get; set; }

    public List<DepthNode>? Children { get; set; }
}

/// <summary>
/// Depth: the recursive reader and writer never overflow the stack, whatever the input and whatever depth limit is
/// allowed. At the largest <see cref="VelithonJsonOptions.MaxDepth"/> a document at the limit reads and one a level
/// deeper fails exactly as System.Text.Json fails it (message, path, line, position), on a thread-pool thread; on a
/// thread with a small stack a deep document is a <see cref="JsonException"/>, not a crash of the process.
/// </summary>
public sealed class DepthTests
{
    private const int Limit = VelithonJsonOptions.MaxDepthLimit;

    private static readonly JsonSerializerOptions StjWide = new(JsonSerializerOptions.Web) { MaxDepth = 4 * Limit };

    public static TheoryData<string, int> Shapes
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string shape in new[] { "child", "children", "mixed", "unknown" })
            {
                foreach (int maxDepth in new[] { 1, 2, 3, 64, 500, Limit })
                {
                    data.Add(shape, maxDepth);
                }
            }

            return data;
        }
    }

    [Fact]
    public void MaxDepth_is_1_to_1000()
    {
        Assert.Equal(1000, VelithonJsonOptions.MaxDepthLimit);
        Assert.Equal(Limit, new VelithonJsonOptions { MaxDepth = Limit }.MaxDepth);
        Assert.Equal(1, new VelithonJsonOptions { MaxDepth = 1 }.MaxDepth);
        Assert.Throws<ArgumentOutOfRangeException>(() => new VelithonJsonOptions { MaxDepth = Limit + 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new VelithonJsonOptions { MaxDepth = int.MaxValue });
        Assert.Throws<ArgumentOutOfRangeException>(() => new VelithonJsonOptions { MaxDepth = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new VelithonJsonOptions { MaxDepth = -1 });
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public Task At_the_limit_reads_and_one_level_deeper_fails_like_STJ_on_the_thread_pool(string shape, int maxDepth) => Task.Run(() =>
    {
        var options = new VelithonJsonOptions { MaxDepth = maxDepth };
        var stj = new JsonSerializerOptions(JsonSerializerOptions.Web) { MaxDepth = maxDepth };
        for (int levels = Math.Max(1, maxDepth - 2); levels <= maxDepth + 2; levels++)
        {
            byte[] json = Document(shape, levels);
            if (levels <= maxDepth)
            {
                string expected = Canonical(JsonSerializer.Deserialize<DepthNode>(json, stj));
                Assert.Equal(expected, Canonical(VelithonJson.Deserialize<DepthNode>(json, options)));
                Assert.Equal(expected, Canonical(VelithonJson.Deserialize<DepthNode>(TestInputs.Split(json, new Random(levels)), options)));
            }
            else
            {
                JsonException expected = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DepthNode>(json, stj));
                Assert.StartsWith($"The maximum configured depth of {maxDepth} has been exceeded.", expected.Message, StringComparison.Ordinal);
                AssertSameError(expected, Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<DepthNode>(json, options)));
                AssertSameError(expected, Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<DepthNode>(TestInputs.Split(json, new Random(levels)), options)));
            }
        }
    });

    [Theory]
    [InlineData("child")]
    [InlineData("children")]
    public Task Through_the_converter_STJs_MaxDepth_decides_like_STJ(string shape) => Task.Run(() =>
    {
        var stj = new JsonSerializerOptions(JsonSerializerOptions.Web) { MaxDepth = Limit };
        var bridge = new JsonSerializerOptions(JsonSerializerOptions.Web) { MaxDepth = Limit, Converters = { new VelithonJsonConverter<DepthNode>() } };

        byte[] atLimit = Document(shape, Limit);
        Assert.Equal(Canonical(JsonSerializer.Deserialize<DepthNode>(atLimit, stj)), Canonical(JsonSerializer.Deserialize<DepthNode>(atLimit, bridge)));

        // At the document's root the converter's error is the whole error: STJ's message, path, line and position.
        byte[] deeper = Document(shape, Limit + 1);
        JsonException expected = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DepthNode>(deeper, stj));
        JsonException actual = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<DepthNode>(deeper, bridge));
        AssertSameError(expected, actual);
    });

    [Fact]
    public Task Through_the_converter_a_larger_STJ_MaxDepth_fails_instead_of_overflowing_the_stack() => Task.Run(() =>
    {
        // STJ allows any MaxDepth and passes it to the reader; the generated code recurses per level underneath
        // (a thread-pool thread's stack holds some thousands of levels: 1.5 MB by default, the ulimit on some systems).
        var bridge = new JsonSerializerOptions(JsonSerializerOptions.Web) { MaxDepth = 1_000_000, Converters = { new VelithonJsonConverter<DepthNode>() } };
        byte[] chain = Document("child", 100_000);
        JsonException error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<DepthNode>(chain, bridge));
        Assert.StartsWith("The JSON value could not be read: the thread's stack cannot hold a nesting depth of ", error.Message, StringComparison.Ordinal);

        byte[] list = Document("children", 100_000);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<DepthNode>(list, bridge));
    });

    [Theory]
    [InlineData("child")]
    [InlineData("children")]
    [InlineData("mixed")]
    public async Task A_small_stack_gives_a_JsonException_not_a_crash(string shape)
    {
        var options = new VelithonJsonOptions { MaxDepth = Limit };
        byte[] json = Document(shape, Limit);

        // 256 KB leaves 128 KB above the runtime's reserve: some hundreds of levels, not a thousand.
        JsonException error = OnThread(256 * 1024, () => Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<DepthNode>(json, options)));
        AssertStackError(error);
        Assert.StartsWith(shape == "child" ? "$.child.child" : "$.children[0]", error.Path, StringComparison.Ordinal);
        Assert.NotNull(error.LineNumber);
        Assert.True(error.BytePositionInLine > 0);

        JsonException sequenceError = OnThread(256 * 1024, () => Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<DepthNode>(TestInputs.Split(json, new Random(1)), options)));
        AssertStackError(sequenceError);

        var bridge = new JsonSerializerOptions(JsonSerializerOptions.Web) { MaxDepth = Limit, Converters = { new VelithonJsonConverter<DepthNode>() } };
        JsonException bridged = OnThread(256 * 1024, () => Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<DepthNode>(json, bridge)));
        AssertStackError(bridged);

        // The same document reads on a thread-pool thread (and on this one).
        Assert.NotNull(await Task.Run(() => VelithonJson.Deserialize<DepthNode>(json, options)));
    }

    [Fact]
    public void A_stack_below_the_runtimes_reserve_reads_shallow_documents_and_fails_deep_ones()
    {
        var options = new VelithonJsonOptions { MaxDepth = Limit };
        byte[] shallow = Document("mixed", 10);
        byte[] deep = Document("child", Limit);
        (DepthNode? read, JsonException error, bool fast) = OnThread(128 * 1024, () =>
        {
            DepthNode? value = VelithonJson.Deserialize<DepthNode>(shallow, options);
            JsonException failure = Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<DepthNode>(deep, options));

            // The fast path (at most 256 levels) gives up rather than overflowing this stack.
            var reader = new JsonFastReader(Document("child", 255), Limit);
            bool accepted = DepthNode.TryReadJsonFast(ref reader, options, out _);
            return (value, failure, accepted);
        });

        Assert.Equal(Canonical(JsonSerializer.Deserialize<DepthNode>(shallow, JsonSerializerOptions.Web)), Canonical(read));
        AssertStackError(error);
        Assert.False(fast);
    }

    [Fact]
    public void The_fast_path_reads_up_to_its_cap_on_a_large_stack_and_leaves_deeper_documents_to_the_full_reader()
    {
        var options = new VelithonJsonOptions { MaxDepth = Limit };
        var reader = new JsonFastReader(Document("child", 256), Limit);
        Assert.True(DepthNode.TryReadJsonFast(ref reader, options, out DepthNode? read));
        Assert.Equal(Canonical(JsonSerializer.Deserialize<DepthNode>(Document("child", 256), StjWide)), Canonical(read));

        var deeper = new JsonFastReader(Document("child", 257), Limit);
        Assert.False(DepthNode.TryReadJsonFast(ref deeper, options, out _));
    }

    [Fact]
    public async Task Writing_a_cycle_at_the_largest_MaxDepth_fails_like_STJ_and_on_a_small_stack_without_a_crash()
    {
        var cycle = new DepthNode { Value = 1 };
        cycle.Child = cycle;
        var options = new VelithonJsonOptions { MaxDepth = Limit };
        var stj = new JsonSerializerOptions(JsonSerializerOptions.Web) { MaxDepth = Limit };

        JsonException expected = await Task.Run(() => Assert.Throws<JsonException>(() => JsonSerializer.SerializeToUtf8Bytes(cycle, stj)));
        JsonException actual = await Task.Run(() => Assert.ThrowsAny<JsonException>(() => VelithonJson.SerializeToUtf8Bytes(cycle, options)));

        // STJ appends " Path: $.Child.Child…" (CLR names) to this message; the writer keeps no path, as before.
        Assert.StartsWith(actual.Message, expected.Message, StringComparison.Ordinal);
        Assert.EndsWith($"maximum allowed depth of {Limit}. Consider using ReferenceHandler.Preserve on JsonSerializerOptions to support cycles.", actual.Message, StringComparison.Ordinal);

        // A 128 KB stack cannot hold a thousand levels of WriteJson; a shallow graph is still written there.
        DepthNode shallow = JsonSerializer.Deserialize<DepthNode>(Document("mixed", 10), stj)!;
        (JsonException small, byte[] written) = OnThread(128 * 1024, () =>
            (Assert.ThrowsAny<JsonException>(() => VelithonJson.SerializeToUtf8Bytes(cycle, options)), VelithonJson.SerializeToUtf8Bytes(shallow, options)));
        Assert.StartsWith("The object could not be written: the thread's stack cannot hold a nesting depth of ", small.Message, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(shallow, stj), written);

        // A chain STJ writes (MaxDepth - 1 nested objects) is written the same, on a thread-pool thread.
        DepthNode chain = JsonSerializer.Deserialize<DepthNode>(Document("child", Limit - 1), stj)!;
        Assert.Equal(
            await Task.Run(() => JsonSerializer.SerializeToUtf8Bytes(chain, stj)),
            await Task.Run(() => VelithonJson.SerializeToUtf8Bytes(chain, options)));
    }

    /// <summary>
    /// A document <paramref name="levels"/> deep: <c>child</c> nests objects, <c>children</c> one-element arrays of
    /// objects, <c>mixed</c> alternates, <c>unknown</c> nests under a member the type does not have (skipped).
    /// </summary>
    internal static byte[] Document(string shape, int levels)
    {
        var text = new StringBuilder();
        var closers = new Stack<char>();
        int depth = 0;
        bool useList = false;
        while (depth < levels - 1)
        {
            bool list = shape switch
            {
                "children" => true,
                "mixed" => useList = !useList,
                _ => false,
            };
            if (list && depth + 2 <= levels - 1)
            {
                text.Append("{\"value\":").Append(depth).Append(",\"children\":[");
                closers.Push('}');
                closers.Push(']');
                depth += 2;
            }
            else
            {
                text.Append("{\"value\":").Append(depth).Append(shape == "unknown" && depth > 0 ? ",\"other\":" : ",\"child\":");
                closers.Push('}');
                depth++;
            }
        }

        text.Append("{}");
        while (closers.Count > 0)
        {
            text.Append(closers.Pop());
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // The value as STJ writes it with room to spare: equal strings, equal graphs.
    private static string Canonical(DepthNode? node) => JsonSerializer.Serialize(node, StjWide);

    private static void AssertSameError(JsonException expected, JsonException actual)
    {
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.Path, actual.Path);
        Assert.Equal(expected.LineNumber, actual.LineNumber);
        Assert.Equal(expected.BytePositionInLine, actual.BytePositionInLine);
    }

    private static void AssertStackError(JsonException error) =>
        Assert.StartsWith("The JSON value could not be read: the thread's stack cannot hold a nesting depth of ", error.Message, StringComparison.Ordinal);

    private static T OnThread<T>(int maxStackSize, Func<T> body)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = body();
                }
#pragma warning disable CA1031 // reported on the test's thread
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failure = ex;
                }
            },
            maxStackSize);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("The body failed on its thread.", failure);
        }

        return result;
    }
}
