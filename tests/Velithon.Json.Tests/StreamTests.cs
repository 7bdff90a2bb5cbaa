using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Streams and pipes: DeserializeAsync reads a document delivered in reads of a few bytes, DeserializeAsyncEnumerable
/// reads a 100 MB array (and a 32 MB one from a pipe) in bounded memory, stops early without reading the rest, honours
/// cancellation, and fails on bad input with STJ's error; SerializeAsync writes what SerializeToUtf8Bytes writes. Runs
/// alone (the allocation collection): the bounded-memory tests read the process's live heap, which tests running beside
/// them would fill.
/// </summary>
[Collection(nameof(AllocationTests))]
public sealed class StreamTests
{
    private const long HundredMegabytes = 100L * 1024 * 1024;

    [Fact]
    public async Task A_100_MB_array_is_read_element_by_element_in_bounded_memory()
    {
        var stream = new GeneratedArrayStream(HundredMegabytes, maxRead: 8 * 1024 + 3);
        long highest = await ReadGeneratedArrayAsync(stream, s => VelithonJson.DeserializeAsyncEnumerable<Address>(s));
        Assert.True(stream.BytesRead >= HundredMegabytes, $"read {stream.BytesRead} bytes");
        Assert.True(stream.Elements > 300_000, $"{stream.Elements} elements");

        // Live memory while reading: the 16 KB buffer and the element in hand, never the document (100 MB).
        Assert.True(highest < 4 * 1024 * 1024, $"live memory grew by {highest:N0} bytes while reading {stream.BytesRead:N0}");
    }

    [Fact]
    public async Task A_large_array_from_a_PipeReader_is_read_element_by_element_in_bounded_memory()
    {
        const long ThirtyTwoMegabytes = 32L * 1024 * 1024;
        var stream = new GeneratedArrayStream(ThirtyTwoMegabytes, maxRead: 4 * 1024 + 1);
        PipeReader pipe = PipeReader.Create(stream);
        long highest = await ReadGeneratedArrayAsync(stream, _ => VelithonJson.DeserializeAsyncEnumerable<Address>(pipe));
        await pipe.CompleteAsync();
        Assert.True(stream.BytesRead >= ThirtyTwoMegabytes, $"read {stream.BytesRead} bytes");

        // The pipe's segments are returned as they are advanced past: only the reader's buffer and one element stay.
        Assert.True(highest < 4 * 1024 * 1024, $"live memory grew by {highest:N0} bytes while reading {stream.BytesRead:N0}");
    }

    [Fact]
    public async Task DeserializeAsync_reads_a_multi_megabyte_document_delivered_in_1_to_7_byte_reads()
    {
        Collections value = LargeCollections(20_000);
        byte[] json = VelithonJson.SerializeToUtf8Bytes(value);
        Assert.True(json.Length > 2_000_000, $"{json.Length} bytes");

        var stream = new TrickleStream(json, maxRead: 7);
        Collections? read = await VelithonJson.DeserializeAsync<Collections>(stream);
        Assert.True(stream.Reads > json.Length / 7);
        DeepEqual.AssertEqual(VelithonJson.Deserialize<Collections>(json), read);

        // A seekable stream is read into one segment of its length: the contiguous path.
        DeepEqual.AssertEqual(read, await VelithonJson.DeserializeAsync<Collections>(new MemoryStream(json)));
    }

    [Fact]
    public async Task DeserializeAsync_reads_a_PipeReader_of_one_byte_segments()
    {
        Collections value = LargeCollections(200);
        byte[] json = VelithonJson.SerializeToUtf8Bytes(value);
        PipeReader pipe = PipeReader.Create(TestInputs.Split(json, 1));
        DeepEqual.AssertEqual(VelithonJson.Deserialize<Collections>(json), await VelithonJson.DeserializeAsync<Collections>(pipe));

        // And a pipe filled a few bytes at a time while it is read.
        var live = new Pipe();
        Task<Collections?> reading = VelithonJson.DeserializeAsync<Collections>(live.Reader).AsTask();
        await WriteInPiecesAsync(live.Writer, json, 5);
        DeepEqual.AssertEqual(VelithonJson.Deserialize<Collections>(json), await reading);
    }

    [Fact]
    public async Task DeserializeAsyncEnumerable_reads_a_PipeReader_of_one_byte_segments()
    {
        byte[] json = ArrayOf(300);
        var read = new List<Address?>();
        await foreach (Address? address in VelithonJson.DeserializeAsyncEnumerable<Address>(PipeReader.Create(TestInputs.Split(json, 1))))
        {
            read.Add(address);
        }

        DeepEqual.AssertEqual(JsonSerializer.Deserialize<List<Address>>(json, JsonSerializerOptions.Web), read);

        var live = new Pipe();
        Task writing = WriteInPiecesAsync(live.Writer, json, 3);
        int count = 0;
        await foreach (Address? address in VelithonJson.DeserializeAsyncEnumerable<Address>(live.Reader))
        {
            DeepEqual.AssertEqual(read[count], address);
            count++;
        }

        await writing;
        Assert.Equal(read.Count, count);
    }

    [Fact]
    public async Task Stopping_early_does_not_read_the_rest_of_the_stream()
    {
        var stream = new GeneratedArrayStream(HundredMegabytes, maxRead: 4096);
        int seen = 0;
        await foreach (Address? address in VelithonJson.DeserializeAsyncEnumerable<Address>(stream))
        {
            Assert.Equal(seen, address!.Zip);
            if (++seen == 3)
            {
                break;
            }
        }

        Assert.True(stream.BytesRead <= 16 * 1024, $"read {stream.BytesRead} bytes for 3 elements");

        // Disposing an enumerator that has not finished, then reading on: the buffer went back, nothing else is held.
        IAsyncEnumerator<Address?> enumerator = VelithonJson.DeserializeAsyncEnumerable<Address>(new GeneratedArrayStream(1024 * 1024, 100)).GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());
        await enumerator.DisposeAsync();
        Assert.False(await enumerator.MoveNextAsync());
    }

    [Fact]
    public async Task Cancellation_while_waiting_for_data_is_an_OperationCanceledException()
    {
        byte[] prefix = Encoding.UTF8.GetBytes("[" + GeneratedArrayStream.Element(0) + "," + GeneratedArrayStream.Element(1) + ",{\"zip\":");
        using var cancel = new CancellationTokenSource();
        var read = new List<Address?>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (Address? address in VelithonJson.DeserializeAsyncEnumerable<Address>(new StallingStream(prefix), cancellationToken: cancel.Token))
            {
                read.Add(address);
                if (read.Count == 2)
                {
                    cancel.CancelAfter(50);
                }
            }
        });
        Assert.Equal(2, read.Count);

        using var cancelWhole = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await VelithonJson.DeserializeAsync<Address>(new StallingStream(prefix), cancellationToken: cancelWhole.Token));

        // WithCancellation passes the token too; a token canceled before the start stops the first read.
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (Address? unused in VelithonJson.DeserializeAsyncEnumerable<Address>(new MemoryStream(ArrayOf(3))).WithCancellation(canceled.Token))
            {
                Assert.Fail("no element after cancellation");
            }
        });

        var pipe = new Pipe();
        using var cancelPipe = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await VelithonJson.DeserializeAsync<Address>(pipe.Reader, cancellationToken: cancelPipe.Token));
    }

    public static TheoryData<string> BadArrays => new(
        "",
        "   ",
        "{}",
        "[1]",
        "[{}] x",
        "[] [",
        "[{\"zip\":1},{\"zip\":\"x\"}]",
        "[{\"zip\":1}",
        "[{\"zip\":1},",
        "[{\"zip\":1} {\"zip\":2}]",
        "[{},]",
        "[,]",
        "[{\"street\":\"a\\ud800\"}]",
        "[\n  {\"zip\":1},\n  {\"zip\":true}\n]",
        "[null, {\"zip\": 1, \"city\": [1]}]",
        "[{\"zip\":1}]\n\n  ]",
        "[{\"zip\":1}] /* */",
        "[\"a\"]",
        "[{\"zip\":1e400}]",
        "[{\"zip\":tru}]");

    [Theory]
    [MemberData(nameof(BadArrays))]
    public async Task Bad_arrays_fail_like_STJ_DeserializeAsyncEnumerable(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        JsonException expected = await Assert.ThrowsAnyAsync<JsonException>(() => DrainStjAsync(new MemoryStream(utf8)));
        foreach (Stream stream in new Stream[] { new MemoryStream(utf8), new TrickleStream(utf8, 3) })
        {
            JsonException actual = await Assert.ThrowsAnyAsync<JsonException>(() => DrainAsync(VelithonJson.DeserializeAsyncEnumerable<Address>(stream)));
            AssertSameArrayError(expected, utf8, actual);
        }
    }

    /// <summary>
    /// An element is read on its own by the fast reader, but it sits one level down in the array: ShallowNode is
    /// compiled with MaxDepth = 3, so two levels of nodes fit in an element and three do not, as STJ counts.
    /// </summary>
    [Theory]
    [InlineData("""[{"value":1,"next":{"value":2}}]""")]
    [InlineData("""[{"value":1},{"value":1,"next":{"value":2,"next":{"value":3}}}]""")]
    [InlineData("""[{"value":1,"next":{"value":2,"next":null}},{"value":1,"next":{"value":2,"next":{}}}]""")]
    [InlineData("""[{"value":1,"next":{"value":2,"next":{"value":3,"next":{"value":4}}}}]""")]
    public async Task Elements_count_the_array_towards_the_depth_limit(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        var stj = new JsonSerializerOptions(JsonSerializerDefaults.Web) { MaxDepth = 3 };
        (List<Profiles.ShallowNode>? expected, Exception? stjError) = await AsyncOutcome.Of(async () => await JsonSerializer.DeserializeAsync<List<Profiles.ShallowNode>>(new MemoryStream(utf8), stj));
        foreach (Stream stream in new Stream[] { new MemoryStream(utf8), new TrickleStream(utf8, 5) })
        {
            (List<Profiles.ShallowNode>? actual, Exception? error) = await AsyncOutcome.Of(async () => await VelithonJson.DeserializeListAsync<Profiles.ShallowNode>(stream));
            if (stjError is null)
            {
                Assert.True(error is null, $"STJ reads it, Velithon threw {error}");
                DeepEqual.AssertEqual(expected, actual);
                var elements = new List<Profiles.ShallowNode?>();
                await foreach (Profiles.ShallowNode? node in VelithonJson.DeserializeAsyncEnumerable<Profiles.ShallowNode>(new MemoryStream(utf8)))
                {
                    elements.Add(node);
                }

                DeepEqual.AssertEqual(expected, elements);
                continue;
            }

            Assert.True(error is JsonException, $"STJ threw {stjError.Message}; Velithon: {error}");
            AssertSameError((JsonException)stjError, (JsonException)error!);
            Assert.Contains("maximum configured depth of 3", error!.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_error_deep_in_a_large_array_has_STJs_path_line_and_position()
    {
        // Past several 16 KB buffers and many lines: the position is counted over everything read before.
        var text = new StringBuilder("[");
        for (int i = 0; i < 2_000; i++)
        {
            text.Append(i == 0 ? "\n  " : ",\n  ").Append(GeneratedArrayStream.Element(i));
        }

        text.Append(",\n  {\"zip\": 1, \"city\": 2}\n]");
        byte[] utf8 = Encoding.UTF8.GetBytes(text.ToString());
        JsonException expected = await Assert.ThrowsAnyAsync<JsonException>(() => DrainStjAsync(new MemoryStream(utf8)));
        JsonException actual = await Assert.ThrowsAnyAsync<JsonException>(() => DrainAsync(VelithonJson.DeserializeAsyncEnumerable<Address>(new TrickleStream(utf8, 4096))));
        AssertSameArrayError(expected, utf8, actual);
        Assert.Equal("$[2000].city", actual.Path);
    }

    [Theory]
    [MemberData(nameof(BadArrays))]
    [InlineData("null")]
    [InlineData(" [ ] ")]
    [InlineData("[null]")]
    [InlineData("[null, {\"zip\":1}, null]")]
    [InlineData("null x")]
    [InlineData("[{\"zip\":1,\"city\":\"c\"},{\"street\":null}]")]
    public async Task DeserializeListAsync_reads_like_STJ_DeserializeAsync_of_a_list(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        (List<Address>? expected, Exception? stjError) = await AsyncOutcome.Of(async () => await JsonSerializer.DeserializeAsync<List<Address>>(new MemoryStream(utf8), JsonSerializerOptions.Web));
        foreach (Func<Task<List<Address>?>> read in new Func<Task<List<Address>?>>[]
        {
            async () => await VelithonJson.DeserializeListAsync<Address>(new MemoryStream(utf8)),
            async () => await VelithonJson.DeserializeListAsync<Address>(new TrickleStream(utf8, 3)),
            async () => await VelithonJson.DeserializeListAsync<Address>(PipeReader.Create(TestInputs.Split(utf8, 2))),
        })
        {
            (List<Address>? actual, Exception? error) = await AsyncOutcome.Of(read);
            if (stjError is null)
            {
                Assert.True(error is null, $"STJ reads it, Velithon threw {error}");
                DeepEqual.AssertEqual(expected, actual);
                continue;
            }

            Assert.True(error is JsonException, $"STJ threw {stjError.Message}; Velithon: {error}");
            AssertSameError((JsonException)stjError, (JsonException)error!);
        }
    }

    [Fact]
    public async Task DeserializeListAsync_reads_a_generated_array_from_small_reads_as_the_whole_document_reads()
    {
        var stream = new GeneratedArrayStream(2L * 1024 * 1024, maxRead: 4 * 1024 + 5);
        List<Address>? list = await VelithonJson.DeserializeListAsync<Address>(stream);
        Assert.NotNull(list);
        Assert.Equal(stream.Elements, list.Count);
        for (int i = 0; i < list.Count; i += 997)
        {
            DeepEqual.AssertEqual(VelithonJson.Deserialize<Address>(Encoding.UTF8.GetBytes(GeneratedArrayStream.Element(i))), list[i]);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    [InlineData("{\"zip\":1} x")]
    [InlineData("{\"zip\":1")]
    [InlineData("{\"zip\":\"a\"}")]
    [InlineData("\n\n{\"city\":1}")]
    public async Task Bad_documents_fail_like_STJ_DeserializeAsync(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        JsonException expected = await Assert.ThrowsAnyAsync<JsonException>(async () => await JsonSerializer.DeserializeAsync<Address>(new MemoryStream(utf8), JsonSerializerOptions.Web));
        AssertSameError(expected, await Assert.ThrowsAnyAsync<JsonException>(async () => await VelithonJson.DeserializeAsync<Address>(new TrickleStream(utf8, 2))));
        AssertSameError(expected, await Assert.ThrowsAnyAsync<JsonException>(async () => await VelithonJson.DeserializeAsync<Address>(new MemoryStream(utf8))));
        AssertSameError(expected, await Assert.ThrowsAnyAsync<JsonException>(async () => await VelithonJson.DeserializeAsync<Address>(PipeReader.Create(TestInputs.Split(utf8, 1)))));
    }

    [Theory]
    [InlineData("{\"zip\":\"1\"}")]
    [InlineData("  \n {\"zip\":\"1\"}")]
    [InlineData("")]
    [InlineData(" \n ")]
    [InlineData("{\"zip\":1}")]
    [InlineData("\n{\"zip\":\"1\"} x")]
    [InlineData("null")]
    [InlineData("[{\"zip\":\"1\"},null]")]
    [InlineData("[{\"zip\":1}]")]
    [InlineData("\uFEFF{}")]
    public async Task A_leading_byte_order_mark_is_skipped_as_STJ_stream_readers_skip_it(string json)
    {
        byte[] utf8 = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)];
        foreach (byte[] input in new[] { utf8, utf8[..1], utf8[..2] })
        {
            await AssertSameOutcomeAsync(
                () => JsonSerializer.DeserializeAsync<Address>(new MemoryStream(input), JsonSerializerOptions.Web).AsTask(),
                [
                    () => VelithonJson.DeserializeAsync<Address>(new TrickleStream(input, 1)).AsTask(),
                    () => VelithonJson.DeserializeAsync<Address>(new MemoryStream(input)).AsTask(),
                    () => VelithonJson.DeserializeAsync<Address>(PipeReader.Create(TestInputs.Split(input, 1))).AsTask(),
                ]);
            await AssertSameOutcomeAsync(
                () => JsonSerializer.DeserializeAsync<List<Address>>(new MemoryStream(input), JsonSerializerOptions.Web).AsTask(),
                [
                    () => VelithonJson.DeserializeListAsync<Address>(new TrickleStream(input, 1)).AsTask(),
                    () => VelithonJson.DeserializeListAsync<Address>(PipeReader.Create(TestInputs.Split(input, 2))).AsTask(),
                ]);
            await AssertSameOutcomeAsync(
                () => DrainStjAsync(new MemoryStream(input)),
                [() => DrainAsync(VelithonJson.DeserializeAsyncEnumerable<Address>(new TrickleStream(input, 2)))]);
        }
    }

    [Theory]
    [InlineData("{\"name\":\"a\",\"children\":[1,/z*/]}")]
    [InlineData("{\"name\":\"a\"/*")]
    [InlineData("{\"name\":\"a\" /* open")]
    [InlineData("{\"name\":tru,\"id\":\"x\"}")]
    [InlineData("{\"name\":nul}")]
    [InlineData("{\"name\":n-5}")]
    [InlineData("{\"name\":\"a\"} /")]
    public async Task Split_and_streamed_inputs_fail_as_the_whole_document_fails(string json)
    {
        // Utf8JsonReader words these otherwise over several segments; STJ reads one contiguous buffer.
        foreach (string padding in new[] { string.Empty, new string(' ', 40_000) })
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(padding + json);
            JsonSerializerOptions stj = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };
            JsonException expected = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Profiles.CommentsRoot>(utf8, stj));
            AssertSameError(expected, Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<Profiles.CommentsRoot>(utf8)));
            for (int cut = 1; cut < utf8.Length; cut += padding.Length == 0 ? 1 : 997)
            {
                AssertSameError(expected, Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<Profiles.CommentsRoot>(TestInputs.Split(utf8, cut))));
            }

            AssertSameError(expected, await Assert.ThrowsAnyAsync<JsonException>(async () => await VelithonJson.DeserializeAsync<Profiles.CommentsRoot>(new TrickleStream(utf8, 4096))));
        }
    }

    [Theory]
    [InlineData("null")]
    [InlineData(" [ ] ")]
    [InlineData("[null]")]
    [InlineData("/* not allowed */ []")]
    public async Task Edge_arrays_read_like_STJ(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        List<Address?>? expected = null;
        JsonException? stjError = null;
        try
        {
            expected = await DrainStjAsync(new MemoryStream(utf8));
        }
        catch (JsonException ex)
        {
            stjError = ex;
        }

        if (stjError is not null)
        {
            AssertSameError(stjError, await Assert.ThrowsAnyAsync<JsonException>(() => DrainAsync(VelithonJson.DeserializeAsyncEnumerable<Address>(new MemoryStream(utf8)))));
        }
        else
        {
            DeepEqual.AssertEqual(expected, await DrainAsync(VelithonJson.DeserializeAsyncEnumerable<Address>(new TrickleStream(utf8, 2))));
        }
    }

    [Fact]
    public async Task SerializeAsync_writes_the_bytes_SerializeToUtf8Bytes_writes()
    {
        Collections value = LargeCollections(300);
        byte[] expected = VelithonJson.SerializeToUtf8Bytes(value);

        using var stream = new MemoryStream();
        await VelithonJson.SerializeAsync(stream, value);
        Assert.Equal(expected, stream.ToArray());

        var pipe = new Pipe();
        await VelithonJson.SerializeAsync(pipe.Writer, value);
        await pipe.Writer.CompleteAsync();
        DeepEqual.AssertEqual(value, await VelithonJson.DeserializeAsync<Collections>(pipe.Reader));

        using var nulls = new MemoryStream();
        await VelithonJson.SerializeAsync<Address>(nulls, null!);
        Assert.Equal("null"u8.ToArray(), nulls.ToArray());
    }

    private static Collections LargeCollections(int addresses)
    {
        var value = new Collections
        {
            List = [.. Enumerable.Range(0, addresses).Select(i => i % 7 == 0 ? null : $"tag {i} \u00fc")],
            Addresses = [.. Enumerable.Range(0, addresses).Select(i => i % 11 == 0 ? null : new Address(new string('s', i % 150) + " \u2603", i % 3 == 0 ? null : "Basel", i))],
        };
        return value;
    }

    private static byte[] ArrayOf(int count) =>
        Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, count).Select(i => i % 13 == 0 ? "null" : GeneratedArrayStream.Element(i))) + "]");

    private static async Task WriteInPiecesAsync(PipeWriter writer, byte[] data, int piece)
    {
        for (int at = 0; at < data.Length; at += piece)
        {
            await writer.WriteAsync(data.AsMemory(at, Math.Min(piece, data.Length - at)));
        }

        await writer.CompleteAsync();
    }

    private static async Task<List<Address?>> DrainAsync(IAsyncEnumerable<Address?> elements)
    {
        var list = new List<Address?>();
        await foreach (Address? element in elements)
        {
            list.Add(element);
        }

        return list;
    }

    private static Task<List<Address?>> DrainStjAsync(Stream stream) =>
        DrainAsync(JsonSerializer.DeserializeAsyncEnumerable<Address>(stream, JsonSerializerOptions.Web));

    /// <summary>
    /// The error STJ's DeserializeAsyncEnumerable gives, but for the element index in the path: STJ's restarts with
    /// every buffer it reads ($[29] for the 2001st element) and differs from its own List&lt;T&gt; reader at the end of
    /// the input; Velithon counts from the start of the array, as STJ reads a List&lt;T&gt; (whose path it must then match).
    /// </summary>
    private static void AssertSameArrayError(JsonException expected, byte[] utf8, JsonException actual)
    {
        static string WithoutPath(string message) => message[..message.IndexOf(" Path: ", StringComparison.Ordinal)];

        if (expected.Path == actual.Path)
        {
            AssertSameError(expected, actual);
            return;
        }

        JsonException list = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<List<Address>>(utf8, JsonSerializerOptions.Web));
        Assert.Multiple(
            () => Assert.Equal(WithoutPath(expected.Message), WithoutPath(actual.Message)),
            () => Assert.Equal(list.Path, actual.Path),
            () => Assert.Equal(expected.LineNumber, actual.LineNumber),
            () => Assert.Equal(expected.BytePositionInLine, actual.BytePositionInLine));
    }

    private static async Task AssertSameOutcomeAsync<TResult>(Func<Task<TResult>> stj, Func<Task<TResult>>[] velithon)
    {
        TResult? expected = default;
        JsonException? stjError = null;
        try
        {
            expected = await stj();
        }
        catch (JsonException ex)
        {
            stjError = ex;
        }

        foreach (Func<Task<TResult>> read in velithon)
        {
            if (stjError is null)
            {
                DeepEqual.AssertEqual(expected, await read());
            }
            else
            {
                AssertSameError(stjError, await Assert.ThrowsAnyAsync<JsonException>(read));
            }
        }
    }

    private static void AssertSameError(JsonException expected, JsonException actual) =>
        Assert.Multiple(
            () => Assert.Equal(expected.Message, actual.Message),
            () => Assert.Equal(expected.Path, actual.Path),
            () => Assert.Equal(expected.LineNumber, actual.LineNumber),
            () => Assert.Equal(expected.BytePositionInLine, actual.BytePositionInLine));

    // Reads the generated array to its end, checking every element, and returns the highest growth of the live heap
    // (after forced full collections every 25,000 elements) over what was live before the first read.
    private static async Task<long> ReadGeneratedArrayAsync(GeneratedArrayStream stream, Func<Stream, IAsyncEnumerable<Address?>> read)
    {
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long highest = 0;
        int index = 0;
        await foreach (Address? address in read(stream))
        {
            Assert.NotNull(address);
            if (address.Zip != index)
            {
                Assert.Fail($"Element {index} read as zip {address.Zip}");
            }

            if (index % 25_000 == 0)
            {
                Assert.EndsWith($" \u00e9 {index}", address.Street, StringComparison.Ordinal);
                Assert.Equal(index % 5 == 0 ? null : "Z\u00fcrich", address.City);
                highest = Math.Max(highest, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }

            index++;
        }

        Assert.Equal(stream.Elements, index);
        Assert.True(index > 100_000, $"{index} elements");
        return highest;
    }
}
