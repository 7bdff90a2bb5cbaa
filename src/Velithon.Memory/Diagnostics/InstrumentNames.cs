namespace Velithon.Memory.Diagnostics;

/// <summary>
/// The names of the instruments on the <c>Velithon.Memory</c> meter, in OpenTelemetry's dotted style
/// (like <c>dotnet.gc.*</c> and <c>aspnetcore.*</c>). Listed in <c>docs/metrics.md</c>.
/// </summary>
internal static class InstrumentNames
{
    public const string PoolRents = "velithon.pool.rents";
    public const string PoolReturns = "velithon.pool.returns";
    public const string PoolRentedSize = "velithon.pool.rented.size";
    public const string PoolPooledSize = "velithon.pool.pooled.size";
    public const string PoolTrimmedSize = "velithon.pool.trimmed.size";

    public const string InternerRequests = "velithon.interner.requests";
    public const string InternerCount = "velithon.interner.count";

    public const string CacheRequests = "velithon.cache.requests";
    public const string CacheEvictions = "velithon.cache.evictions";
    public const string CacheRejections = "velithon.cache.rejections";
    public const string CacheSize = "velithon.cache.size";
    public const string CacheEntries = "velithon.cache.entries";

    public const string TasksQueued = "velithon.tasks.queued";
    public const string TasksRunning = "velithon.tasks.running";
    public const string TasksCompleted = "velithon.tasks.completed";
    public const string TasksRejected = "velithon.tasks.rejected";

    public const string Cleanups = "velithon.memory.cleanups";
    public const string CleanupDuration = "velithon.memory.cleanup.duration";
    public const string CleanupFreed = "velithon.memory.cleanup.freed";
}
