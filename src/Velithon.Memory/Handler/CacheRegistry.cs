namespace Velithon.Memory;

/// <summary>
/// The caches registered with one memory handler, by unique name. Readers (stats, meter callbacks, cleanup) take the
/// current array without a lock; registrations replace it under one.
/// </summary>
internal sealed class CacheRegistry
{
    private readonly object _sync = new();
    private volatile Registration[] _registrations = [];

    /// <summary>Gets the caches registered now, in registration order.</summary>
    public Registration[] Current => _registrations;

    /// <summary>Adds <paramref name="cache"/> under <paramref name="name"/>; disposing the result removes it.</summary>
    /// <exception cref="ArgumentException">A cache is already registered under <paramref name="name"/>.</exception>
    public IDisposable Add(string name, IMemoryBoundedCache cache)
    {
        var registration = new Registration(this, name, cache);
        lock (_sync)
        {
            foreach (Registration existing in _registrations)
            {
                if (string.Equals(existing.Name, name, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"A cache named '{name}' is already registered with this memory handler.", nameof(name));
                }
            }

            _registrations = [.. _registrations, registration];
        }

        return registration;
    }

    private void Remove(Registration registration)
    {
        lock (_sync)
        {
            _registrations = Array.FindAll(_registrations, r => !ReferenceEquals(r, registration));
        }
    }

    /// <summary>One registered cache; disposing it unregisters the cache (idempotent).</summary>
    internal sealed class Registration(CacheRegistry owner, string name, IMemoryBoundedCache cache) : IDisposable
    {
        public string Name { get; } = name;

        public IMemoryBoundedCache Cache { get; } = cache;

        public void Dispose() => owner.Remove(this);
    }
}
