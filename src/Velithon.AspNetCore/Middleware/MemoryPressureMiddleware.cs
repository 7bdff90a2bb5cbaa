using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Velithon.Memory;

namespace Velithon.AspNetCore;

/// <summary>
/// Adds the managed heap size to every response and, when memory is above the configured threshold, starts
/// <see cref="IVelithonMemory.Cleanup"/> on the thread pool at most once per
/// <see cref="MemoryPressureOptions.MinCleanupInterval"/>. Readings are reused for
/// <see cref="MemoryPressureOptions.SampleInterval"/>, so a request costs a header and two comparisons.
/// </summary>
internal sealed class MemoryPressureMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IVelithonMemory _memory;
    private readonly MemoryPressureOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile Reading? _reading;
    private int _sampling;
    private int _cleaning;
    private long _lastCleanupTimestamp;
    private bool _cleanedBefore;

    public MemoryPressureMiddleware(RequestDelegate next, IVelithonMemory memory, MemoryPressureOptions options, TimeProvider time, ILogger<MemoryPressureMiddleware> logger)
    {
        _next = next;
        _memory = memory;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        Reading reading = Sample();
        if (_options.AddHeader)
        {
            context.Response.Headers[_options.HeaderName] = reading.MegabytesText;
        }

        if (reading.OverThreshold)
        {
            TryStartCleanup(reading);
        }

        return _next(context);
    }

    private Reading Sample()
    {
        long now = _time.GetTimestamp();
        Reading? current = _reading;
        if (current is not null && _time.GetElapsedTime(current.Timestamp, now) < _options.SampleInterval)
        {
            return current;
        }

        // One request refreshes the reading; the others keep using the previous one meanwhile.
        if (Interlocked.CompareExchange(ref _sampling, 1, 0) != 0 && current is not null)
        {
            return current;
        }

        try
        {
            VelithonMemoryStats stats = _memory.GetStats();
            var reading = new Reading(now, stats, IsOverThreshold(stats));
            _reading = reading;
            return reading;
        }
        finally
        {
            Volatile.Write(ref _sampling, 0);
        }
    }

    private bool IsOverThreshold(VelithonMemoryStats stats)
    {
        bool load = _options.CleanupAtMemoryLoadPercent is { } percent ? stats.Gc.MemoryLoadPercent >= percent : stats.UnderPressure;
        bool heap = _options.CleanupAtTotalMemoryBytes is { } bytes && stats.Gc.TotalMemoryBytes >= bytes;
        return load || heap;
    }

    private void TryStartCleanup(Reading reading)
    {
        long now = _time.GetTimestamp();
        if (Interlocked.CompareExchange(ref _cleaning, 1, 0) != 0)
        {
            return;
        }

        if (_cleanedBefore && _time.GetElapsedTime(Volatile.Read(ref _lastCleanupTimestamp), now) < _options.MinCleanupInterval)
        {
            Volatile.Write(ref _cleaning, 0);
            return;
        }

        _cleanedBefore = true;
        Volatile.Write(ref _lastCleanupTimestamp, now);

        // Off the request path (Task.Run unless a test says otherwise): cleanup may run a full blocking collection.
        _options.StartCleanup(() =>
        {
            try
            {
                MemoryCleanupResult result = _memory.Cleanup();
                WebLog.CleanupRan(_logger, reading.Megabytes, reading.Stats.Gc.MemoryLoadPercent, result.HeapBytesFreed, result.Duration.TotalMilliseconds);
            }
            catch (Exception ex)
            {
                WebLog.CleanupFailed(_logger, ex);
            }
            finally
            {
                // A new reading after cleanup, so the next request does not act on the old figures.
                _reading = null;
                Volatile.Write(ref _cleaning, 0);
            }
        });
    }

    private sealed class Reading(long timestamp, VelithonMemoryStats stats, bool overThreshold)
    {
        public long Timestamp { get; } = timestamp;

        public VelithonMemoryStats Stats { get; } = stats;

        public bool OverThreshold { get; } = overThreshold;

        public double Megabytes { get; } = Math.Round(stats.Gc.TotalMemoryBytes / (1024d * 1024d), 1);

        public string MegabytesText => Megabytes.ToString("0.0", CultureInfo.InvariantCulture);
    }
}
