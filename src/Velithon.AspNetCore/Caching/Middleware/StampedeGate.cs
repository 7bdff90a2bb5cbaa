using System.Collections.Concurrent;

namespace Velithon.AspNetCore.Caching;

/// <summary>Lets one miss per key run the endpoint while concurrent misses on the same key wait for it.</summary>
internal sealed class StampedeGate
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Returns <see langword="null"/> when the caller leads (it must call <see cref="Release"/>), else the leader's task.</summary>
    public Task? TryLead(string key, out TaskCompletionSource? lease)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCompletionSource current = _inFlight.GetOrAdd(key, mine);
        if (ReferenceEquals(current, mine))
        {
            lease = mine;
            return null;
        }

        lease = null;
        return current.Task;
    }

    public void Release(string key, TaskCompletionSource lease)
    {
        _inFlight.TryRemove(new KeyValuePair<string, TaskCompletionSource>(key, lease));
        lease.TrySetResult();
    }
}
