namespace Velithon.AspNetCore.Caching;

/// <summary>What <see cref="IVelithonResponseStore.TryGetAsync"/> read: an entry's bytes, if any, and the current versions of the tags asked for.</summary>
public sealed class VelithonStoreLookup
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="entry">The entry's bytes; <see langword="null"/> when the store holds none for the key.</param>
    /// <param name="tagVersions">The current version of each tag asked for, in the same order.</param>
    public VelithonStoreLookup(byte[]? entry, IReadOnlyList<long> tagVersions)
    {
        ArgumentNullException.ThrowIfNull(tagVersions);
        Entry = entry;
        TagVersions = tagVersions;
    }

    /// <summary>Gets the entry's bytes; <see langword="null"/> when the store holds none for the key.</summary>
    public byte[]? Entry { get; }

    /// <summary>
    /// Gets the current version of each tag asked for, in the same order: 0 for a tag never evicted, -1 for a value that
    /// is not a version (it matches no entry).
    /// </summary>
    public IReadOnlyList<long> TagVersions { get; }
}
