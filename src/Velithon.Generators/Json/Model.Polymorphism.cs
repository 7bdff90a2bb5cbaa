using System.Linq;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

/// <summary><c>System.Text.Json.Serialization.JsonUnknownDerivedTypeHandling</c>, by value.</summary>
internal enum UnknownDerivedTypeHandling
{
    FailSerialization = 0,
    FallBackToBaseType = 1,
    FallBackToNearestAncestor = 2,
}

/// <summary>One <c>[JsonDerivedType]</c> of a polymorphic base.</summary>
/// <param name="TypeName">The derived type as C# source (<c>global::</c>-qualified); the base itself when it lists itself.</param>
/// <param name="IsBase">Whether the entry is the base type itself.</param>
/// <param name="StringId">The string discriminator, if any.</param>
/// <param name="IntId">The integer discriminator, if any.</param>
/// <param name="IsAbstract">Whether the type is abstract (listed only with <c>FallBackToNearestAncestor</c>).</param>
/// <param name="Depth">Steps from the derived type up to the base (0 for the base itself): nearest ancestors first.</param>
internal sealed record DerivedTypeModel(string TypeName, bool IsBase, string? StringId, int? IntId, bool IsAbstract, int Depth)
{
    public bool HasId => StringId is not null || IntId is not null;
}

/// <summary>A <c>[VelithonJson]</c> class with <c>[JsonDerivedType]</c>s (and maybe <c>[JsonPolymorphic]</c>).</summary>
/// <param name="DiscriminatorName">The discriminator property name, unescaped (<c>$type</c> unless customized).</param>
/// <param name="Unknown">What a runtime type that is not listed writes.</param>
/// <param name="IgnoreUnrecognized">Whether an unknown discriminator reads the base type instead of failing.</param>
/// <param name="IsAbstract">Whether the base is abstract (reading it needs a discriminator).</param>
/// <param name="DerivedTypes">The listed types, in attribute order.</param>
internal sealed record PolymorphismModel(
    string DiscriminatorName,
    UnknownDerivedTypeHandling Unknown,
    bool IgnoreUnrecognized,
    bool IsAbstract,
    EquatableArray<DerivedTypeModel> DerivedTypes)
{
    /// <summary>Gets whether any listed type has a discriminator: then the base reads metadata (System.Text.Json's rules).</summary>
    public bool UsesDiscriminators => DerivedTypes.Any(d => d.HasId);
}
