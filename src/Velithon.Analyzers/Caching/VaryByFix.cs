using System.Collections.Immutable;

namespace Velithon.Analyzers.Caching;

/// <summary>
/// What a key-coverage diagnostic tells its code fix: which <c>VaryBy…</c> list of the attribute (at the diagnostic's
/// location, or its first additional location) to add which names to.
/// </summary>
internal static class VaryByFix
{
    /// <summary>The property naming the list: <c>VaryByQuery</c>, <c>VaryByHeader</c> or <c>VaryByCookie</c>.</summary>
    public const string ListKey = "VaryBy";

    /// <summary>The property holding the names to add, separated by <see cref="Separator"/>.</summary>
    public const string NamesKey = "Names";

    /// <summary>Separates names in <see cref="NamesKey"/> (a character no header, cookie or query name the fix writes holds).</summary>
    public const char Separator = '\n';

    internal static ImmutableDictionary<string, string?> Properties(string list, params string[] names) =>
        names.Length == 0
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(ListKey, list).Add(NamesKey, string.Join(Separator.ToString(), names));
}
