using System.Runtime.InteropServices;

namespace Velithon.Memory.Interning;

/// <summary>
/// Owns every weak GC handle of one <see cref="StringInterner"/>. Handles are recycled, never freed while the
/// interner lives: lock-free readers may still hold a node that was just unlinked, and reading a freed (and
/// possibly reallocated) handle slot would hand them an arbitrary object typed as a string. A recycled handle
/// only ever points at null or at another interned string, which a reader's content comparison rejects or
/// accepts correctly. The finalizer frees all handles once the interner is unreachable.
/// </summary>
/// <remarks>Not thread-safe: the interner calls it under its write lock.</remarks>
internal sealed class WeakStringHandleStore
{
    private WeakGCHandle<string>[] _all = new WeakGCHandle<string>[16];
    private int _allocated;
    private WeakGCHandle<string>[] _free = new WeakGCHandle<string>[16];
    private int _freeCount;

    ~WeakStringHandleStore()
    {
        for (int i = 0; i < _allocated; i++)
        {
            _all[i].Dispose();
        }
    }

    /// <summary>Returns a weak handle targeting <paramref name="target"/>, reusing a recycled one when available.</summary>
    public WeakGCHandle<string> Rent(string target)
    {
        if (_freeCount > 0)
        {
            WeakGCHandle<string> handle = _free[--_freeCount];
            _free[_freeCount] = default;
            handle.SetTarget(target);
            return handle;
        }

        if (_allocated == _all.Length)
        {
            Array.Resize(ref _all, _all.Length * 2);
        }

        WeakGCHandle<string> created = new(target);
        _all[_allocated++] = created;
        return created;
    }

    /// <summary>Takes back the handle of an unlinked entry whose target has been collected.</summary>
    public void Return(WeakGCHandle<string> handle)
    {
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = handle;
    }
}
