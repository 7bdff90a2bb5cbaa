using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// Whether a cached <typeparamref name="T"/> may be shared between callers: types without references (copied on
/// return), <see cref="string"/>, and sealed types marked <c>[ImmutableObject(true)]</c> — the rule Microsoft's
/// HybridCache uses to skip the per-hit copy.
/// </summary>
internal static class ImmutableType<T>
{
    public static readonly bool IsImmutable =
        !RuntimeHelpers.IsReferenceOrContainsReferences<T>()
        || typeof(T) == typeof(string)
        || (typeof(T).IsSealed && typeof(T).GetCustomAttribute<ImmutableObjectAttribute>() is { Immutable: true });
}
