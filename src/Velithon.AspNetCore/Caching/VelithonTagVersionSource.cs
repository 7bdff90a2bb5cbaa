namespace Velithon.AspNetCore.Caching;

/// <summary>Where an <see cref="IVelithonResponseStore"/> got a tag version it reports (logged with the eviction it causes).</summary>
public enum VelithonTagVersionSource
{
    /// <summary>Read with an entry.</summary>
    Read,

    /// <summary>Heard from another instance's eviction.</summary>
    Remote,

    /// <summary>Read by the store's periodic sync.</summary>
    Sync,
}
