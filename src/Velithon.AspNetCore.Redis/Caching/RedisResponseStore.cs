using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Velithon.AspNetCore.Caching.Redis;

/// <summary>
/// The Redis L2 cache and the tag versions that invalidate it (the <see cref="IVelithonResponseStore"/> of
/// <c>o.UseRedis(...)</c>). Reads and writes are bounded by
/// <see cref="VelithonRedisCacheOptions.RedisOperationTimeout"/> and never throw to the request: while Redis is down, slow
/// or restarting the cache serves from memory and the endpoint, counts the errors and logs them at a bounded rate, and
/// StackExchange.Redis reconnects by itself. After a few failures in a row a circuit breaker skips Redis for a while.
/// A tag eviction that Redis does not confirm throws (<see cref="VelithonCacheEvictionException"/>).
/// </summary>
/// <remarks>
/// <para>
/// Keys: <c>{prefix}e:{SHA-256 of the cache key}</c> for entries (with a TTL) and <c>{prefix}tv:{tag}</c> for tag
/// versions (no TTL); the braces here are placeholders, the keys carry no hash tag of their own.
/// </para>
/// <para>
/// Redis Cluster: no command and no script touches two keys (each script has one key in KEYS), so no two keys need
/// to share a slot and the keys spread over every node. A lookup reads the entry and its tags' versions in one
/// pipelined round trip of separate GETs, which StackExchange.Redis sends to each key's node; the sync reads each tag
/// on its own. Evictions are published on the classic channel, which a cluster broadcasts to every node. A node that
/// is down costs only its own keys: see <see cref="CacheFlags"/>.
/// </para>
/// </remarks>
internal sealed class RedisResponseStore : IVelithonResponseStore
{
    // A version key starts at the server's clock in microseconds, so a key lost with a restart or an eviction starts
    // again above every version any instance has seen (the mirrors never go down; a reused number would look current).
    // A key rolled back below the version the evicting instance saw (ARGV[1]; a restore from an older snapshot) is set
    // above it (ARGV[2] is ARGV[1] + 1), so the new version is news to every instance that saw the later one.
    private const string IncrementScript = """
        local v = redis.call('INCR', KEYS[1])
        if v == 1 then
          local t = redis.call('TIME')
          local s = t[1] .. string.format('%06d', tonumber(t[2]))
          if tonumber(s) <= tonumber(ARGV[1]) then
            s = ARGV[2]
          end
          redis.call('SET', KEYS[1], s)
          return s
        end
        if v <= tonumber(ARGV[1]) then
          redis.call('SET', KEYS[1], ARGV[2])
          return ARGV[2]
        end
        return v
        """;

    // The periodic sync recreates a version key that this instance knows but Redis lost, or that went back below the
    // version this instance saw (ARGV[1]; a restore from an older snapshot), with the same rule and above that version
    // (ARGV[2] is ARGV[1] + 1): an entry stored under the older number must not look current again. A value that is
    // not a number is left as it is (it matches no entry).
    private const string RestoreScript = """
        local v = redis.call('GET', KEYS[1])
        local n = tonumber(v)
        if v and not n then
          return v
        end
        if not n or n < tonumber(ARGV[1]) then
          local t = redis.call('TIME')
          v = t[1] .. string.format('%06d', tonumber(t[2]))
          if tonumber(v) <= tonumber(ARGV[1]) then
            v = ARGV[2]
          end
          redis.call('SET', KEYS[1], v)
        end
        return v
        """;

    // Reads, entry writes, deletes and the sync (its reads and restores) do not follow a cluster's MOVED/ASK redirects. StackExchange.Redis sends
    // a command whose node is down to another node, and re-sends it to the dead one on the MOVED reply, where it waits
    // for the timeout: with this flag the MOVED is the answer (a miss, at once) and the keys on the other nodes keep
    // working. A MOVED still updates the slot map, so after a resharding or failover the next command goes to the right
    // node. Tag evictions follow redirects: they must reach the version key wherever it is, or throw.
    private const CommandFlags CacheFlags = CommandFlags.NoRedirect;

    private const int SyncBatch = 1024;
    private const string MessageFormat = "v2";

    private readonly VelithonRedisCacheOptions _options;
    private readonly string _keyPrefix;
    private readonly VelithonCachingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Task<IConnectionMultiplexer?> _connection;
    private readonly bool _ownsConnection;
    private readonly RedisChannel _channel;
    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly LogThrottle _errorLog;
    private readonly RedisCircuitBreaker _breaker;
    private IVelithonTagVersionMirror? _mirror;
    private ITimer? _syncTimer;
    private int _syncing;
    private int _disposed;
    private long _operationsStarted;

    public RedisResponseStore(VelithonRedisCacheOptions options, string keyPrefix, IServiceProvider services, VelithonCachingMetrics metrics, ILogger<RedisResponseStore> logger, TimeProvider? timeProvider = null)
    {
        _options = options;
        _keyPrefix = keyPrefix;
        _metrics = metrics;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _errorLog = new LogThrottle(_time, _options.RedisErrorLogInterval);
        _breaker = new RedisCircuitBreaker(_time, _options.RedisBreakDuration);
        _breaker.Opened += (failures, period) =>
        {
            _metrics.RecordStoreBreakerOpened();
            RedisLog.RedisCircuitOpened(_logger, failures, period.TotalMilliseconds);
        };
        _breaker.Closed += () =>
        {
            RedisLog.RedisCircuitClosed(_logger);
            SyncInBackground(); // Evictions may have been missed while Redis was skipped.
        };
        _channel = RedisChannel.Literal(_keyPrefix + "evict");
        if (_options.UseRedisFromServices)
        {
            _connection = Task.FromResult<IConnectionMultiplexer?>(services.GetRequiredService<IConnectionMultiplexer>());
            _ = SubscribeAsync();
        }
        else
        {
            _ownsConnection = true;
            _connection = ConnectAsync(_options.RedisConnectionString!);
        }
    }

    /// <summary>Gets whether the connection is established and currently up.</summary>
    public bool IsConnected => _connection.IsCompletedSuccessfully && _connection.Result is { IsConnected: true };

    /// <summary>Gets whether the circuit breaker is open: L2 reads and writes skip Redis.</summary>
    public bool IsBreakerOpen => _breaker.IsOpen;

    /// <summary>Gets the number of operations sent to Redis so far (reads, writes, deletes, evictions, publishes, syncs).</summary>
    public long OperationsStarted => Interlocked.Read(ref _operationsStarted);

    /// <summary>Connects the tag mirror (every tag version read by the sync or heard on the channel is reported to it) and starts the periodic sync.</summary>
    public void Attach(IVelithonTagVersionMirror mirror)
    {
        _mirror = mirror;
        _syncTimer = _time.CreateTimer(static state => ((RedisResponseStore)state!).SyncInBackground(), this, _options.TagSyncInterval, _options.TagSyncInterval);
    }

    /// <summary>
    /// Reads the entry of <paramref name="key"/> and the current versions of <paramref name="tags"/> in one round trip;
    /// <see langword="null"/> when Redis is down, skipped or failed. A version that is not a number reads as -1 (matches nothing).
    /// </summary>
    public async ValueTask<VelithonStoreLookup?> TryGetAsync(string key, string[] tags, CancellationToken cancellationToken)
    {
        if (Database() is not IDatabase db || !_breaker.TryAcquire())
        {
            return null;
        }

        Interlocked.Increment(ref _operationsStarted);
        try
        {
            var reads = new Task<RedisValue>[1 + tags.Length];
            reads[0] = db.StringGetAsync(EntryKey(key), CacheFlags);
            for (int i = 0; i < tags.Length; i++)
            {
                reads[i + 1] = db.StringGetAsync(VersionKey(tags[i]), CacheFlags);
            }

            await Task.WhenAll(reads).WaitAsync(_options.RedisOperationTimeout, cancellationToken).ConfigureAwait(false);
            _breaker.Success();
            var versions = new long[tags.Length];
            for (int i = 0; i < versions.Length; i++)
            {
                versions[i] = ParseVersion(reads[i + 1].Result);
            }

            RedisValue entry = reads[0].Result;
            return new VelithonStoreLookup(entry.IsNull ? null : (byte[])entry!, versions);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _breaker.Abandon();
            throw;
        }
        catch (Exception ex)
        {
            Failed("get", ex);
            return null;
        }
    }

    /// <summary>Writes the entry of <paramref name="key"/> without waiting; skipped while disconnected or while the breaker is open.</summary>
    public void SetInBackground(string key, byte[] entry, TimeSpan timeToLive)
    {
        if (timeToLive <= TimeSpan.Zero || Database() is not IDatabase db || !_breaker.TryAcquire())
        {
            return;
        }

        Interlocked.Increment(ref _operationsStarted);
        _ = StoreAsync(db, key, entry, timeToLive);
    }

    /// <summary>Deletes the entry of <paramref name="key"/> without waiting (a rejected or stale entry); best effort.</summary>
    public void DeleteInBackground(string key)
    {
        if (Database() is IDatabase db && !_breaker.IsOpen)
        {
            Interlocked.Increment(ref _operationsStarted);
            _ = DeleteAsync(db, key);
        }
    }

    /// <summary>
    /// Increments the version of <paramref name="tag"/> in Redis and returns it. Tries even while the breaker is open;
    /// throws <see cref="VelithonCacheEvictionException"/> when Redis does not answer within the timeout, fails, or is down.
    /// </summary>
    public async Task<long> IncrementTagVersionAsync(string tag, CancellationToken cancellationToken)
    {
        if (Database() is not IDatabase db)
        {
            Failed("evict", null);
            throw VelithonCacheEvictionException.For(tag, null);
        }

        Interlocked.Increment(ref _operationsStarted);
        Exception error;
        try
        {
            RedisResult result = await db.ScriptEvaluateAsync(IncrementScript, [VersionKey(tag)], Floor(_mirror?.VersionOf(tag) ?? 0)).WaitAsync(_options.RedisOperationTimeout, cancellationToken).ConfigureAwait(false);
            _breaker.Success();
            long version = ParseVersion((RedisValue)result);
            if (version > 0)
            {
                return version;
            }

            error = new InvalidDataException($"The version key of tag '{tag}' does not hold a number.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            error = ex;
        }

        Failed("evict", error);
        throw VelithonCacheEvictionException.For(tag, error);
    }

    /// <summary>Tells the other instances that <paramref name="tag"/> is at <paramref name="version"/>; best effort (the sync catches a lost message).</summary>
    public async Task PublishTagVersionAsync(string tag, long version)
    {
        try
        {
            if (await _connection.ConfigureAwait(false) is IConnectionMultiplexer connection)
            {
                Interlocked.Increment(ref _operationsStarted);
                string message = string.Create(CultureInfo.InvariantCulture, $"{MessageFormat}\n{_instanceId}\n{version}\n{tag}");
                await connection.GetSubscriber().PublishAsync(_channel, message).WaitAsync(_options.RedisOperationTimeout).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Failed("publish", ex);
        }
    }

    /// <summary>
    /// Reads the Redis versions of every tag this instance knows and raises the mirror; recreates (above every earlier
    /// value) a version key that Redis lost. Each tag counts on its own: on a cluster, a node that is down or stalled
    /// costs the sync its own tags only, and the versions read from the other nodes still apply. Runs while the breaker
    /// is open too (in the background, so no request waits for it): a tag evicted on a node that answers reaches this
    /// instance even while another node does not. Skipped while disconnected or while a sync runs.
    /// </summary>
    public async Task SyncAsync()
    {
        if (_mirror is not { } mirror || Interlocked.Exchange(ref _syncing, 1) == 1)
        {
            return;
        }

        try
        {
            string[] tags = [.. mirror.KnownTags];
            if (tags.Length == 0 || Database() is not IDatabase db)
            {
                return;
            }

            // Counted for the breaker only when the breaker let it through (closed, or as its probe).
            bool counted = _breaker.TryAcquire();
            Interlocked.Increment(ref _operationsStarted);
            Exception? error = await SyncTagsAsync(db, tags, mirror).ConfigureAwait(false);
            if (error is not null)
            {
                Failed("sync", error, counted);
            }
            else if (counted)
            {
                _breaker.Success();
            }
        }
        finally
        {
            Volatile.Write(ref _syncing, 0);
        }
    }

    /// <summary>Reads every tag's version and raises the mirror; returns the error that says most about Redis, or <see langword="null"/>.</summary>
    private async Task<Exception?> SyncTagsAsync(IDatabase db, string[] tags, IVelithonTagVersionMirror mirror)
    {
        Exception? error = null;
        try
        {
            List<string>? lost = null;
            for (int start = 0; start < tags.Length; start += SyncBatch)
            {
                string[] batch = tags[start..Math.Min(tags.Length, start + SyncBatch)];
                Task<RedisValue>[] reads = [.. batch.Select(tag => db.StringGetAsync(VersionKey(tag), CacheFlags))];
                await SettleAsync(reads).ConfigureAwait(false);
                for (int i = 0; i < batch.Length; i++)
                {
                    if (!reads[i].IsCompletedSuccessfully)
                    {
                        error = Worse(error, reads[i]);
                    }
                    else if (ParseVersion(reads[i].Result) is long read && read >= 0 && read < mirror.VersionOf(batch[i]))
                    {
                        // Lost (0) or rolled back below what this instance saw.
                        (lost ??= []).Add(batch[i]);
                    }
                    else
                    {
                        mirror.Observe(batch[i], ParseVersion(reads[i].Result), VelithonTagVersionSource.Sync);
                    }
                }
            }

            foreach (string tag in lost ?? [])
            {
                try
                {
                    RedisResult restored = await db.ScriptEvaluateAsync(RestoreScript, [VersionKey(tag)], Floor(mirror.VersionOf(tag)), CacheFlags).WaitAsync(_options.RedisOperationTimeout).ConfigureAwait(false);
                    mirror.Observe(tag, ParseVersion((RedisValue)restored), VelithonTagVersionSource.Sync);
                }
                catch (Exception ex)
                {
                    error = Worse(error, ex);
                }
            }
        }
        catch (Exception ex)
        {
            error = Worse(error, ex); // A command refused before it was sent.
        }

        return error;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _syncTimer?.Dispose();
        if (!_ownsConnection)
        {
            return;
        }

        // A connection still being made is closed as soon as it exists.
        _ = _connection.ContinueWith(static t => t.Result?.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>Waits until every read is done or the operation timeout has passed; never throws (each read is looked at on its own).</summary>
    private async Task SettleAsync(Task<RedisValue>[] reads)
    {
        try
        {
            await Task.WhenAll(reads).WaitAsync(_options.RedisOperationTimeout).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Looked at per read by the caller.
        }
    }

    private static Exception Worse(Exception? current, Task read) =>
        Worse(current, read.Exception?.InnerException ?? (read.IsCanceled ? new OperationCanceledException() : new TimeoutException("The Redis read did not finish within the operation timeout.")));

    /// <summary>Keeps the error that says most about Redis: a timeout (a stall, which the breaker counts) over any other.</summary>
    private static Exception Worse(Exception? current, Exception next) =>
        current is null || (next is TimeoutException && current is not TimeoutException) ? next : current;

    /// <summary>
    /// Gets whether StackExchange.Redis failed <paramref name="exception"/>'s command at once for want of a connection to
    /// the node that owns the key (a node down, or an ASK redirect not followed). Nothing waited for it: neither a stall
    /// nor an answer.
    /// </summary>
    private static bool IsUnreachable(Exception? exception) =>
        exception is RedisConnectionException { FailureType: ConnectionFailureType.UnableToConnect or ConnectionFailureType.UnableToResolvePhysicalConnection };

    /// <summary>Gets whether a cluster node answered that the key's slot is served elsewhere (<see cref="CacheFlags"/>: not followed).</summary>
    private static bool IsRedirect(Exception? exception) =>
        exception is RedisServerException { Kind: RedisErrorKind.Moved or RedisErrorKind.Ask };

    /// <summary>The arguments of the scripts: the version this instance saw, and the one above it a key that went back is set to.</summary>
    private static RedisValue[] Floor(long known) =>
        [known.ToString(CultureInfo.InvariantCulture), (known == long.MaxValue ? known : known + 1).ToString(CultureInfo.InvariantCulture)];

    private static long ParseVersion(RedisValue value) =>
        value.IsNull ? 0 : long.TryParse((string?)value, NumberStyles.None, CultureInfo.InvariantCulture, out long version) ? version : -1;

    private void SyncInBackground()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            _ = SyncAsync();
        }
    }

    private async Task StoreAsync(IDatabase db, string key, byte[] bytes, TimeSpan ttl)
    {
        try
        {
            await db.StringSetAsync(EntryKey(key), bytes, ttl, When.Always, CacheFlags).WaitAsync(_options.RedisOperationTimeout).ConfigureAwait(false);
            _breaker.Success();
        }
        catch (Exception ex)
        {
            Failed("set", ex);
        }
    }

    private async Task DeleteAsync(IDatabase db, string key)
    {
        try
        {
            await db.KeyDeleteAsync(EntryKey(key), CacheFlags).WaitAsync(_options.RedisOperationTimeout).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Failed("delete", ex);
        }
    }

    private IDatabase? Database()
    {
        if (!_connection.IsCompletedSuccessfully || _connection.Result is not { IsConnected: true } connection)
        {
            return null; // Down or still connecting: do not wait for it.
        }

        return connection.GetDatabase();
    }

    private async Task<IConnectionMultiplexer?> ConnectAsync(string connectionString)
    {
        try
        {
            ConfigurationOptions config = ConfigurationOptions.Parse(connectionString);
            config.AbortOnConnectFail = false;
            int timeoutMs = (int)Math.Max(250, _options.RedisOperationTimeout.TotalMilliseconds * 4);
            config.ConnectTimeout = Math.Min(config.ConnectTimeout, Math.Max(1000, timeoutMs));
            config.SyncTimeout = timeoutMs;
            config.AsyncTimeout = timeoutMs;
            config.ReconnectRetryPolicy = new LinearRetry(500);

            // A command whose connection is down fails at once instead of waiting in StackExchange.Redis's backlog for a
            // reconnect, which the operation timeout would cut short anyway.
            config.BacklogPolicy = BacklogPolicy.FailFast;
            ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
            connection.ConnectionRestored += (_, e) => RedisLog.RedisConnected(_logger, e.EndPoint?.ToString() ?? "?");
            await SubscribeCoreAsync(connection).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex)
        {
            Failed("connect", ex);
            return null;
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            if (await _connection.ConfigureAwait(false) is IConnectionMultiplexer connection)
            {
                await SubscribeCoreAsync(connection).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Failed("subscribe", ex);
        }
    }

    private async Task SubscribeCoreAsync(IConnectionMultiplexer connection)
    {
        // A restored connection starts with a closed breaker, and syncs: pub/sub messages sent while down are lost.
        connection.ConnectionRestored += (_, _) =>
        {
            _breaker.Reset();
            SyncInBackground();
        };

        // StackExchange.Redis keeps subscriptions across reconnects; a subscribe made while down is sent once it is up.
        try
        {
            await connection.GetSubscriber().SubscribeAsync(_channel, (_, message) => OnMessage(message)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            Failed("subscribe", ex);
        }
    }

    private void OnMessage(RedisValue message)
    {
        // v2\n{instance}\n{version}\n{tag}: the tag last, as it may hold anything.
        string text = message.ToString();
        string[] parts = text.Split('\n', 4);
        if (parts.Length == 4 && parts[0] == MessageFormat && parts[1] != _instanceId
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out long version))
        {
            _mirror?.Observe(parts[3], version, VelithonTagVersionSource.Remote);
        }
    }

    private RedisKey EntryKey(string key) =>
        _keyPrefix + "e:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private RedisKey VersionKey(string tag) => _keyPrefix + "tv:" + tag;

    /// <summary>
    /// Counts and logs a failed operation and tells the breaker (unless <paramref name="counted"/> is false: an operation
    /// the breaker did not let through). A command failed at once for want of a connection to its node is
    /// "disconnected" and neither opens nor closes the breaker (a probe slot is given back): nothing waited for it, and
    /// on a cluster the other nodes may be fine. A redirect not followed ("moved") is an answer.
    /// </summary>
    private void Failed(string operation, Exception? exception, bool counted = true)
    {
        bool unreachable = IsUnreachable(exception);
        string errorType = exception switch
        {
            null => "disconnected",
            _ when unreachable => "disconnected",
            _ when IsRedirect(exception) => "moved",
            TimeoutException => "timeout",
            RedisConnectionException => "connection",
            _ => "other",
        };
        _metrics.RecordStoreError(errorType);
        if (!counted)
        {
            // The breaker did not let it through: it says nothing about the breaker's state.
        }
        else if (unreachable)
        {
            _breaker.Abandon();
        }
        else if (exception is TimeoutException or RedisConnectionException)
        {
            _breaker.Failure();
        }
        else if (exception is not null)
        {
            _breaker.Success(); // Redis answered (with an error): it is not stalled.
        }

        if (_errorLog.TryEnter(out long suppressed))
        {
            RedisLog.RedisFailed(_logger, operation, suppressed, exception);
        }
    }
}
