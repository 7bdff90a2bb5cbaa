using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Velithon.AspNetCore;

using Velithon.Benchmarks.Payloads;

namespace Velithon.Benchmarks;

/// <summary>
/// The render alone of a JSON result (issue 7): <c>IResult.ExecuteAsync</c> into a response whose body is a
/// <see cref="System.IO.Pipelines.PipeWriter"/> over a discarding stream, no server, no socket. Baseline:
/// <c>Results.Json(items, context.CatalogueProductArray)</c> (STJ source generation, Web defaults). Both run with the
/// services a web app registers (logging, Velithon's result options with <c>Server-Timing</c> off, as STJ sends none);
/// the context and its body pipe are reused and the headers cleared between operations. At 100,000 items (≈ 14 MB) the
/// Velithon list is above <c>ParallelThreshold</c> and renders in parallel chunks, as it does in an app;
/// <see cref="VelithonSequential"/> is the same result with parallel rendering turned off.
/// </summary>
[MemoryDiagnoser]
public class JsonResultRenderBenchmarks
{
    private DefaultHttpContext _context = null!;
    private DefaultHttpContext _sequentialContext = null!;
    private SinkStream _sink = null!;
    private CatalogueProduct[] _items = [];
    private ServiceProvider _services = null!;
    private ServiceProvider _sequentialServices = null!;

    /// <summary>Items in the list.</summary>
    [Params(10, 1_000, 100_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _items = CatalogueProduct.Build(Count);
        _services = new ServiceCollection()
            .AddLogging()
            .AddVelithonJsonResults(o => o.ServerTiming = false)
            .BuildServiceProvider();
        _sequentialServices = new ServiceCollection()
            .AddLogging()
            .AddVelithonJsonResults(o =>
            {
                o.ServerTiming = false;
                o.ParallelThreshold = long.MaxValue;
            })
            .BuildServiceProvider();
        _sink = new SinkStream();
        _context = CreateContext(_services, _sink);
        _sequentialContext = CreateContext(_sequentialServices, _sink);

        byte[] stj = Render(_context, Results.Json(_items, CatalogueJsonContext.Default.CatalogueProductArray));
        foreach (DefaultHttpContext context in (DefaultHttpContext[])[_context, _sequentialContext])
        {
            byte[] velithon = Render(context, VelithonResults.Json(_items));
            if (!stj.AsSpan().SequenceEqual(velithon))
            {
                throw new InvalidOperationException($"The bodies differ ({stj.Length} and {velithon.Length} bytes).");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _sequentialServices.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task StjResultsJson() => Execute(_context, Results.Json(_items, CatalogueJsonContext.Default.CatalogueProductArray));

    [Benchmark]
    public Task VelithonResultsJson() => Execute(_context, VelithonResults.Json(_items));

    [Benchmark]
    public Task VelithonSequential() => Execute(_sequentialContext, VelithonResults.Json(_items));

    private static DefaultHttpContext CreateContext(IServiceProvider services, Stream body)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        return context;
    }

    private static Task Execute(DefaultHttpContext context, IResult result)
    {
        context.Response.Headers.Clear();
        return result.ExecuteAsync(context);
    }

    private byte[] Render(DefaultHttpContext context, IResult result)
    {
        _sink.Capture = new MemoryStream();
        Execute(context, result).GetAwaiter().GetResult();
        byte[] body = _sink.Capture.ToArray();
        _sink.Capture = null;
        return body;
    }

    /// <summary>A write-only stream that drops what it gets (or keeps it while <see cref="Capture"/> is set).</summary>
    private sealed class SinkStream : Stream
    {
        public MemoryStream? Capture { get; set; }

        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Written += buffer.Length;
            Capture?.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
