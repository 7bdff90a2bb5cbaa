using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Velithon.Memory;

// Removal notification and disposal: what leaves the cache under the lock is chained, and announced (and disposed)
// after the lock is released, by the call that removed it.
public sealed partial class MemoryBoundedCache<TKey, TValue>
{
    // In Node.Removal, above the reason: the value must not be disposed (handed to a TryRemove caller, or written again).
    private const byte KeepValueFlag = 0x80;

    /// <summary>
    /// Occurs once for every entry that leaves the cache — evicted, expired, removed, replaced, trimmed or cleared —
    /// with its key, value and <see cref="CacheItemRemovedEventArgs{TKey, TValue}.Reason"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Raised after the cache's state is updated and outside its lock, synchronously on the thread whose call removed
    /// the entry (a write that evicts, a read that meets an expired entry, <c>Clear</c>, …), before that call returns,
    /// in removal order. A handler may use the cache. A handler added while a write is under way may miss that write's
    /// removals.
    /// </para>
    /// <para>
    /// An exception thrown by a handler (or by a value's <see cref="IDisposable.Dispose"/>) does not stop the other
    /// notifications and disposals of that call; it is then rethrown to the caller (several as an
    /// <see cref="AggregateException"/>), whose change to the cache has already been made. The removals a
    /// <c>GetOrAdd</c> load causes are raised once the load is complete (its callers have the value, and a handler may
    /// ask for that key); their exceptions reach the caller that ran the factory — for <c>GetOrAddAsync</c>, if it is
    /// still waiting (otherwise they go to <see cref="TaskScheduler.UnobservedTaskException"/>).
    /// </para>
    /// </remarks>
    public event EventHandler<CacheItemRemovedEventArgs<TKey, TValue>>? ItemRemoved;

    // Whether a write must chain what it removes: only when someone listens or values are disposed.
    private bool TracksRemovals => _disposeValues || ItemRemoved is not null;

    private static bool IsSameInstance(TValue left, TValue right) =>
        !typeof(TValue).IsValueType && ReferenceEquals(left, right);

    private static void DisposeValue(TValue value, ref List<Exception>? errors)
    {
        if (value is IDisposable disposable)
        {
            try
            {
                disposable.Dispose();
            }
            catch (Exception ex)
            {
                (errors ??= []).Add(ex);
            }
        }
    }

    private static void ThrowCollected(List<Exception> errors)
    {
        if (errors.Count == 1)
        {
            ExceptionDispatchInfo.Throw(errors[0]);
        }

        throw new AggregateException(errors);
    }

    // After the lock: raises ItemRemoved for each removed entry and disposes values as the options say.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Publish(ref Removals removals)
    {
        if (removals.Head is not null || removals.HasOrphan)
        {
            PublishSlow(ref removals);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PublishSlow(ref Removals removals)
    {
        EventHandler<CacheItemRemovedEventArgs<TKey, TValue>>? handler = ItemRemoved;
        List<Exception>? errors = null;
        Node? node = removals.Head;
        while (node is not null)
        {
            Node? next = node.Next;
            node.Next = null;
            if (handler is not null)
            {
                try
                {
                    handler(this, new CacheItemRemovedEventArgs<TKey, TValue>(
                        node.Key, node.Value, (CacheItemRemovedReason)(node.Removal & ~KeepValueFlag)));
                }
                catch (Exception ex)
                {
                    (errors ??= []).Add(ex);
                }
            }

            // A pinned value is still on its way to the callers of the GetOrAdd that created it: it is theirs now.
            if (_disposeValues && (node.Removal & KeepValueFlag) == 0 && !Volatile.Read(ref node.Pinned))
            {
                DisposeValue(node.Value, ref errors);
            }

            node = next;
        }

        if (removals.HasOrphan)
        {
            DisposeValue(removals.Orphan!, ref errors);
        }

        if (errors is not null)
        {
            ThrowCollected(errors);
        }
    }

    // The entries one call removed under the lock, chained through their (then unused) Next links in removal order,
    // and a created value nobody will get (to dispose). Tracks nothing when no one listens and values are not disposed,
    // so the common write pays one branch.
    private struct Removals(bool track)
    {
        private readonly bool _track = track;
        private Node? _tail;

        public Node? Head { get; private set; }

        public bool HasOrphan { get; private set; }

        public TValue? Orphan { get; private set; }

        public void AddOrphan(TValue value)
        {
            Orphan = value;
            HasOrphan = true;
        }

        public void Add(Node node, CacheItemRemovedReason reason, bool keepValue = false)
        {
            if (!_track)
            {
                return;
            }

            node.Removal = (byte)((byte)reason | (keepValue ? KeepValueFlag : 0));
            node.Next = null;
            if (_tail is null)
            {
                Head = node;
            }
            else
            {
                _tail.Next = node;
            }

            _tail = node;
        }
    }
}
