using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Velithon.AspNetCore.Caching;
using Xunit.Abstractions;

namespace Velithon.Caching.Tests;

/// <summary>
/// Bytes allocated per L1 hit, measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> around direct calls of
/// the middleware on one reused <see cref="DefaultHttpContext"/> (a hit completes synchronously, so every byte it
/// allocates is on this thread). The context's response headers are a dictionary that stores <c>Content-Length</c> as a
/// number, like Kestrel's (the default <c>HeaderDictionary</c> formats it into a new string on every set), so what is
/// measured is the middleware's own allocation. Runs alone: a metrics listener attached by a parallel test would
/// allocate on this thread.
/// </summary>
[Collection(HitAllocationGroup.Name)]
public sealed class HitAllocationTests(ITestOutputHelper output)
{
    private const int Warmup = 2_000;
    private const int Hits = 2_000;

    // With Server-Timing off, every path below (identity, stored gzip/br variant, tagged entry, 304) allocates nothing:
    // not one byte over all the measured hits. With Server-Timing on, a hit reuses a formatted value per whole
    // microsecond under 1 ms; the first hit at a new value formats it once (about 100 B), so that test has a bound.
    private const double ServerTimingBound = 16;

    private static readonly byte[] s_body = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 40).Select(i => $"{{\"id\":{i},\"name\":\"item {i}\"}}")) + "]");

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("gzip, deflate, br", null, false)]
    [InlineData("gzip;q=1.0, br;q=0.5", null, false)]
    [InlineData(null, "products", false)]
    [InlineData(null, null, true)]
    public async Task An_L1_hit_allocates_nothing(string? acceptEncoding, string? tag, bool ifNoneMatch)
    {
        using Harness harness = await Harness.StartAsync(o => o.EmitServerTiming = false, acceptEncoding, tag, ifNoneMatch);
        long allocated = harness.MeasureHits(out double perHit);
        output.WriteLine($"{allocated} B over {Hits} L1 hits");
        Assert.Equal(0, allocated);
        Assert.Equal(1, harness.Runs);
    }

    [Fact]
    public async Task An_L1_hit_of_a_localized_request_allocates_nothing()
    {
        using Harness harness = await Harness.StartAsync(o => o.EmitServerTiming = false, null, null, ifNoneMatch: false, culture: new RequestCulture("fr", "fr-CA"));
        long allocated = harness.MeasureHits(out _);
        output.WriteLine($"{allocated} B over {Hits} L1 hits");
        Assert.Equal(0, allocated);
        Assert.Equal(1, harness.Runs);
    }

    [Fact]
    public async Task An_L1_hit_with_Server_Timing_and_status_header_stays_under_the_bound()
    {
        using Harness harness = await Harness.StartAsync(null, "br, gzip", null, ifNoneMatch: false);
        harness.MeasureHits(out double perHit);
        output.WriteLine($"{perHit:0.##} B per L1 hit");
        Assert.True(perHit <= ServerTimingBound, $"{perHit:0.##} B per L1 hit (bound {ServerTimingBound} B)");
        Assert.Equal(1, harness.Runs);
        Assert.StartsWith("velithon-cache;desc=\"HIT L1\";dur=", harness.Context.Response.Headers["Server-Timing"].ToString(), StringComparison.Ordinal);
        Assert.Equal("HIT", harness.Context.Response.Headers["X-Velithon-Cache"].ToString());
    }

    [Theory]
    [InlineData(0.0, "velithon-cache;desc=\"HIT L1\";dur=0")]
    [InlineData(0.0424, "velithon-cache;desc=\"HIT L1\";dur=0.042")]
    [InlineData(0.5, "velithon-cache;desc=\"HIT L1\";dur=0.5")]
    [InlineData(0.9996, "velithon-cache;desc=\"HIT L1\";dur=1")]
    [InlineData(12.3456, "velithon-cache;desc=\"HIT L1\";dur=12.346")]
    public void Server_Timing_values_of_L1_hits_keep_their_format(double milliseconds, string expected) =>
        Assert.Equal(expected, VelithonCachingMiddleware.ServerTimingValue("HIT", "l1", milliseconds));

    private sealed class Harness : IDisposable
    {
        private readonly VelithonCachingMiddleware _middleware;
        private readonly MemoryStream _body;
        private readonly NumericContentLengthHeaders _headers;
        private readonly bool _notModified;
        private int _runs;

        private Harness(Action<VelithonCachingOptions>? configure, string? acceptEncoding, string? tag, bool ifNoneMatch, RequestCulture? culture)
        {
            var options = new VelithonCachingOptions { MinCompressionBytes = 64 };
            configure?.Invoke(options);
            var metrics = new VelithonCachingMetrics(null);
            var cache = new VelithonResponseCache(Options.Create(options), metrics, NullLogger<VelithonResponseCache>.Instance);
            RequestDelegate endpointRun = context =>
            {
                _runs++;
                context.Response.ContentType = "application/json; charset=utf-8";
                return context.Response.Body.WriteAsync(s_body).AsTask();
            };
            _middleware = new VelithonCachingMiddleware(endpointRun, cache, Options.Create(options), metrics, NullLogger<VelithonCachingMiddleware>.Instance);

            var attribute = new VelithonCachedAttribute { Duration = 3600, Tags = tag is null ? null : [tag] };
            Context = new DefaultHttpContext();
            Context.SetEndpoint(new Endpoint(endpointRun, new EndpointMetadataCollection(attribute, new CachedEndpointFilters(0)), "cached"));
            Context.Request.Method = HttpMethods.Get;
            Context.Request.Scheme = "http";
            Context.Request.Host = new HostString("example.test");
            Context.Request.Path = "/products";
            if (acceptEncoding is not null)
            {
                Context.Request.Headers.AcceptEncoding = acceptEncoding;
            }

            if (culture is not null)
            {
                Context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(culture, provider: null));
            }

            _body = new MemoryStream(64 * 1024);
            Context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(_body));
            _headers = new NumericContentLengthHeaders();
            Context.Features.Get<IHttpResponseFeature>()!.Headers = _headers;
            _notModified = ifNoneMatch;
            _ = Context.RequestAborted; // The lifetime feature is created on first use; Kestrel's is the connection itself.
        }

        public DefaultHttpContext Context { get; }

        public void Dispose() => _body.Dispose();

        public int Runs => _runs;

        public static async Task<Harness> StartAsync(Action<VelithonCachingOptions>? configure, string? acceptEncoding, string? tag, bool ifNoneMatch, RequestCulture? culture = null)
        {
            var harness = new Harness(configure, acceptEncoding, tag, ifNoneMatch, culture);
            await harness._middleware.InvokeAsync(harness.Context); // The miss that fills the entry.
            Assert.Equal(1, harness.Runs);
            if (ifNoneMatch)
            {
                harness.Context.Request.Headers.IfNoneMatch = "\"other\", W/" + harness._headers["ETag"].ToString();
            }

            return harness;
        }

        /// <summary>Bytes allocated by <see cref="Hits"/> hits on this thread, after a warm-up.</summary>
        public long MeasureHits(out double perHit)
        {
            RunHits(Warmup);
            long before = GC.GetAllocatedBytesForCurrentThread();
            RunHits(Hits);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(_notModified ? StatusCodes.Status304NotModified : StatusCodes.Status200OK, Context.Response.StatusCode);
            Assert.Equal(_notModified ? null : _body.Length, Context.Response.ContentLength);
            Assert.Equal(_notModified, _body.Length == 0);
            perHit = (double)allocated / Hits;
            return allocated;
        }

        private void RunHits(int count)
        {
            for (int i = 0; i < count; i++)
            {
                _headers.Reset();
                _body.SetLength(0);
                Context.Response.StatusCode = StatusCodes.Status200OK;
                Task served = _middleware.InvokeAsync(Context);
                if (!served.IsCompletedSuccessfully)
                {
                    throw new InvalidOperationException("An L1 hit did not complete synchronously.");
                }
            }
        }
    }

    /// <summary>Response headers that keep <c>Content-Length</c> as a number and never shrink their table, like Kestrel's.</summary>
    private sealed class NumericContentLengthHeaders() : Dictionary<string, StringValues>(32, StringComparer.OrdinalIgnoreCase), IHeaderDictionary
    {
        public long? ContentLength { get; set; }

        StringValues IHeaderDictionary.this[string key]
        {
            get => TryGetValue(key, out StringValues value) ? value : StringValues.Empty;
            set
            {
                if (StringValues.IsNullOrEmpty(value))
                {
                    Remove(key);
                }
                else
                {
                    this[key] = value;
                }
            }
        }

        public void Reset()
        {
            Clear();
            ContentLength = null;
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HitAllocationGroup
{
    public const string Name = "hit-allocation";
}
