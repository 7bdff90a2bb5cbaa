namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The response cache's view of the shared tag versions, given to its <see cref="IVelithonResponseStore"/> by
/// <see cref="IVelithonResponseStore.Attach"/>: the store reports the versions it hears or reads, and a version above the
/// one seen so far evicts the tag's memory copies on this instance.
/// </summary>
public interface IVelithonTagVersionMirror
{
    /// <summary>Gets every tag this instance has cached under so far (a snapshot): the ones a periodic sync reads (a tag only evicted here is not among them).</summary>
    IReadOnlyCollection<string> KnownTags { get; }

    /// <summary>Gets the highest shared version of <paramref name="tag"/> seen here; 0 for none.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The version.</returns>
    long VersionOf(string tag);

    /// <summary>Reports the shared version of <paramref name="tag"/>; a version not above the one seen is ignored.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="version">Its version in the store; a value that is not a version reads as -1 (matches nothing).</param>
    /// <param name="source">Where the store got it.</param>
    void Observe(string tag, long version, VelithonTagVersionSource source);
}
