using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Velithon.Benchmarks;

/// <summary>
/// Reading from a <see cref="MemoryStream"/>: <c>VelithonJson.DeserializeAsync</c> of a list of POCOs (the 10-member
/// <see cref="JsonPoco"/> order) against STJ source generation's <c>JsonSerializer.DeserializeAsync</c>, and the top-level
/// array as a list (<c>DeserializeListAsync</c> against STJ's <c>DeserializeAsync</c> of a <c>List&lt;T&gt;</c>) and
/// element by element (<c>DeserializeAsyncEnumerable</c>) against STJ's.
/// </summary>
[MemoryDiagnoser]
public class JsonStreamBenchmarks
{
    private byte[] _document = [];
    private byte[] _array = [];

    [Params(100, 10_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var list = new JsonPocoList { Items = Enumerable.Range(0, Count).Select(JsonPoco.Create).ToList() };
        _document = JsonSerializer.SerializeToUtf8Bytes(list, JsonBenchmarkContext.Default.JsonPocoList);
        _array = JsonSerializer.SerializeToUtf8Bytes(list.Items, JsonBenchmarkContext.Default.ListJsonPoco);
        JsonPocoList read = VelithonJson.DeserializeAsync<JsonPocoList>(new MemoryStream(_document)).AsTask().GetAwaiter().GetResult()!;
        if (!JsonSerializer.SerializeToUtf8Bytes(read, JsonBenchmarkContext.Default.JsonPocoList).AsSpan().SequenceEqual(_document))
        {
            throw new InvalidOperationException("Velithon read a different value than was written.");
        }
    }

    [Benchmark(Baseline = true)]
    public ValueTask<JsonPocoList?> StjSourceGen() =>
        JsonSerializer.DeserializeAsync(new MemoryStream(_document, writable: false), JsonBenchmarkContext.Default.JsonPocoList);

    [Benchmark]
    public ValueTask<JsonPocoList?> Velithon() =>
        VelithonJson.DeserializeAsync<JsonPocoList>(new MemoryStream(_document, writable: false));

    [Benchmark]
    public ValueTask<List<JsonPoco>?> StjSourceGenList() =>
        JsonSerializer.DeserializeAsync(new MemoryStream(_array, writable: false), JsonBenchmarkContext.Default.ListJsonPoco);

    [Benchmark]
    public ValueTask<List<JsonPoco>?> VelithonList() =>
        VelithonJson.DeserializeListAsync<JsonPoco>(new MemoryStream(_array, writable: false));

    [Benchmark]
    public async Task<int> StjSourceGenEnumerable()
    {
        int count = 0;
        await foreach (JsonPoco? item in JsonSerializer.DeserializeAsyncEnumerable(new MemoryStream(_array, writable: false), JsonBenchmarkContext.Default.JsonPoco))
        {
            count += item is null ? 0 : 1;
        }

        return count;
    }

    [Benchmark]
    public async Task<int> VelithonEnumerable()
    {
        int count = 0;
        await foreach (JsonPoco? item in VelithonJson.DeserializeAsyncEnumerable<JsonPoco>(new MemoryStream(_array, writable: false)))
        {
            count += item is null ? 0 : 1;
        }

        return count;
    }
}
