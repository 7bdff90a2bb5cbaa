namespace Velithon.AspNetCore.Caching;

/// <summary>What a lookup found: nothing usable, a fresh entry, or an expired one still within its stale limit.</summary>
internal enum EntryState
{
    /// <summary>No entry, or one past its stale limit or of a tag evicted since it was stored.</summary>
    Missing,

    /// <summary>An entry before its expiry.</summary>
    Fresh,

    /// <summary>An entry past its expiry but before its stale limit; served only as the endpoint's stale windows allow.</summary>
    Stale,
}
