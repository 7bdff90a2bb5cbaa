namespace Velithon.Memory.Caching;

/// <summary>
/// The S3-FIFO ghost queue: a FIFO of the hashes of keys recently evicted from the small queue, with a multiset for
/// O(1) membership. Only hashes are kept (no keys, no values), so a ghost costs a few bytes and keeps nothing alive;
/// a hash collision merely admits a new key straight to the main queue. Not thread-safe: used under the cache's lock.
/// </summary>
internal sealed class GhostSet
{
    private readonly Queue<int> _order = new();
    private readonly Dictionary<int, int> _counts = new();

    public int Count => _order.Count;

    /// <summary>Records <paramref name="hash"/>, then forgets the oldest hashes until at most <paramref name="capacity"/> remain.</summary>
    public void Add(int hash, int capacity)
    {
        _order.Enqueue(hash);
        _counts[hash] = _counts.TryGetValue(hash, out int n) ? n + 1 : 1;
        while (_order.Count > capacity)
        {
            Forget(_order.Dequeue());
        }
    }

    /// <summary>Returns whether <paramref name="hash"/> was recorded and forgets it if so.</summary>
    /// <remarks>
    /// The hash's older queue slots stay until they age out; when one does it may end a newer record of the same hash
    /// early. That only makes the ghost slightly forgetful, never wrong about what the cache holds.
    /// </remarks>
    public bool TryRemove(int hash) => _counts.Remove(hash);

    public void Clear()
    {
        _order.Clear();
        _counts.Clear();
    }

    private void Forget(int hash)
    {
        if (_counts.TryGetValue(hash, out int n))
        {
            if (n <= 1)
            {
                _counts.Remove(hash);
            }
            else
            {
                _counts[hash] = n - 1;
            }
        }
    }
}
