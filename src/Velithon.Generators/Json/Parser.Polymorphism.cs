using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

// [JsonPolymorphic] / [JsonDerivedType]: a class base dispatching on the runtime type (write) and on a leading type
// discriminator (read), as System.Text.Json's PolymorphicTypeResolver does.
internal sealed partial class Parser
{
    private const string PolymorphicAttribute = SerializationNamespace + "JsonPolymorphicAttribute";
    private const string DerivedTypeAttribute = SerializationNamespace + "JsonDerivedTypeAttribute";
    private const string DefaultDiscriminatorName = "$type";

    /// <summary>The type's own polymorphism (it lists derived types), or <see langword="null"/>; reports what is refused.</summary>
    private PolymorphismModel? ParsePolymorphism(CancellationToken cancellationToken)
    {
        AttributeData? polymorphic = FindAttribute(_type, PolymorphicAttribute);
        List<AttributeData> derived = _type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == DerivedTypeAttribute).ToList();
        if (polymorphic is null && derived.Count == 0)
        {
            return null;
        }

        LocationInfo? at = AttributeLocation(polymorphic ?? derived[0], cancellationToken);
        string typeName = _type.ToDisplayString();
        bool isInterface = _type.TypeKind == TypeKind.Interface;
        if (_type.TypeKind != TypeKind.Class && !isInterface)
        {
            // Unreachable from C# (CS0592: both attributes are for classes and interfaces); kept for other front ends.
            Report(JsonDiagnostics.PolymorphismNotCompiled, at,
                $"Polymorphic [VelithonJson] type '{typeName}' is a struct: System.Text.Json's [JsonPolymorphic] and [JsonDerivedType] apply to classes and interfaces only (a struct has no derived types)");
            return null;
        }

        if (_type.TypeParameters.Length > 0)
        {
            Report(JsonDiagnostics.PolymorphismNotCompiled, at, $"Polymorphic [VelithonJson] type '{typeName}' is generic: generic polymorphic bases are not compiled");
            return null;
        }

        if (derived.Count == 0)
        {
            Report(JsonDiagnostics.PolymorphismNotCompiled, at, $"[JsonPolymorphic] on '{typeName}' lists no [JsonDerivedType]: not compiled");
            return null;
        }

        string name = DefaultDiscriminatorName;
        var unknown = UnknownDerivedTypeHandling.FailSerialization;
        bool ignoreUnrecognized = false;
        if (polymorphic is not null)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in polymorphic.NamedArguments)
            {
                switch (argument.Key)
                {
                    case "TypeDiscriminatorPropertyName" when argument.Value.Value is string custom:
                        name = custom;
                        break;
                    case "UnknownDerivedTypeHandling" when argument.Value.Value is int handling:
                        if (handling is < 0 or > 2)
                        {
                            Report(JsonDiagnostics.InvalidPolymorphism, at, $"[JsonPolymorphic] on '{typeName}' has an undefined UnknownDerivedTypeHandling ({handling.ToString(CultureInfo.InvariantCulture)})");
                            return null;
                        }

                        unknown = (UnknownDerivedTypeHandling)handling;
                        break;
                    case "IgnoreUnrecognizedTypeDiscriminators" when argument.Value.Value is bool ignore:
                        ignoreUnrecognized = ignore;
                        break;
                }
            }
        }

        if (LoneSurrogateIndex(name) is int nameSurrogate)
        {
            // No UTF-8 form: the name's u8 literal would fail to compile (CS9026, at emit only).
            Report(JsonDiagnostics.PolymorphismNotCompiled, at,
                $"TypeDiscriminatorPropertyName of '{typeName}' contains a lone surrogate (U+{(int)name[nameSurrogate]:X4} at index {nameSurrogate}), which has no UTF-8 form: not compiled");
            return null;
        }

        var models = new List<DerivedTypeModel>();
        var seenTypes = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var seenIds = new HashSet<object>();
        bool ok = true;
        foreach (AttributeData attribute in derived)
        {
            LocationInfo? location = AttributeLocation(attribute, cancellationToken);
            if (attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol type)
            {
                Report(JsonDiagnostics.InvalidPolymorphism, location, $"[JsonDerivedType] on '{typeName}' does not name a class");
                ok = false;
                continue;
            }

            object? id = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value : null;
            string derivedName = type.ToDisplayString();
            int depth = isInterface ? ImplementationDepth(type) : DepthBelow(type, _type);
            if (isInterface && depth >= 0 && (type.TypeKind is TypeKind.Interface or TypeKind.Struct))
            {
                bool stjRefuses = type.TypeKind == TypeKind.Interface && unknown != UnknownDerivedTypeHandling.FallBackToNearestAncestor;
                Report(stjRefuses ? JsonDiagnostics.InvalidPolymorphism : JsonDiagnostics.PolymorphismNotCompiled, location, stjRefuses
                    ? $"Interface '{derivedName}' in [JsonDerivedType] of '{typeName}' needs UnknownDerivedTypeHandling = FallBackToNearestAncestor (System.Text.Json refuses it otherwise)"
                    : $"'{derivedName}' in [JsonDerivedType] of interface '{typeName}' is {(type.TypeKind == TypeKind.Interface ? "an interface" : "a struct")}: only classes and records are compiled as derived types of an interface base (use System.Text.Json for this type)");
                ok = false;
                continue;
            }

            if (depth < 0 || type.TypeKind != TypeKind.Class)
            {
                Report(JsonDiagnostics.InvalidPolymorphism, location,
                    $"'{derivedName}' in [JsonDerivedType] does not derive from polymorphic type '{typeName}' (System.Text.Json: \"Specified type '{DisplayName(type)}' is not a supported derived type for the polymorphic type '{DisplayName(_type)}'.\")");
                ok = false;
                continue;
            }

            if (type.IsAbstract && unknown != UnknownDerivedTypeHandling.FallBackToNearestAncestor)
            {
                Report(JsonDiagnostics.InvalidPolymorphism, location,
                    $"Abstract type '{derivedName}' in [JsonDerivedType] of '{typeName}' needs UnknownDerivedTypeHandling = FallBackToNearestAncestor (System.Text.Json refuses it otherwise)");
                ok = false;
                continue;
            }

            if (!seenTypes.Add(type))
            {
                Report(JsonDiagnostics.InvalidPolymorphism, location, $"'{derivedName}' is listed twice in [JsonDerivedType] of '{typeName}' (System.Text.Json refuses it)");
                ok = false;
                continue;
            }

            if (id is string text && LoneSurrogateIndex(text) is int idSurrogate)
            {
                Report(JsonDiagnostics.PolymorphismNotCompiled, location,
                    $"Type discriminator of '{derivedName}' in [JsonDerivedType] of '{typeName}' contains a lone surrogate (U+{(int)text[idSurrogate]:X4} at index {idSurrogate}), which has no UTF-8 form: not compiled");
                ok = false;
                continue;
            }

            if (id is not null && !seenIds.Add(id))
            {
                Report(JsonDiagnostics.InvalidPolymorphism, location,
                    $"Type discriminator '{id}' is used twice in [JsonDerivedType] of '{typeName}' (System.Text.Json refuses it)");
                ok = false;
                continue;
            }

            if (depth > 0 && !CheckDerivedType(type, typeName, location, cancellationToken))
            {
                ok = false;
                continue;
            }

            models.Add(new DerivedTypeModel(type.ToDisplayString(TypeNameFormat), depth == 0, id as string, id as int?, type.IsAbstract, depth));
        }

        if (!ok)
        {
            return null;
        }

        return new PolymorphismModel(name, unknown, ignoreUnrecognized, _type.IsAbstract, models.ToEquatableArray());
    }

    // A derived type the base dispatches to: a partial [VelithonJson] class with the same settings, reachable from the base.
    private bool CheckDerivedType(INamedTypeSymbol type, string baseName, LocationInfo? location, CancellationToken cancellationToken)
    {
        string derivedName = type.ToDisplayString();
        if (!HasAttribute(type, OptionsReader.AttributeName))
        {
            Report(JsonDiagnostics.DerivedTypeNotGenerated, location,
                $"Derived type '{derivedName}' of polymorphic [VelithonJson] type '{baseName}' is not a [VelithonJson] type: mark it [VelithonJson] and partial");
            return false;
        }

        if (!_compilation.IsSymbolAccessibleWithin(type, _type))
        {
            Report(JsonDiagnostics.DerivedTypeNotGenerated, location,
                $"Derived type '{derivedName}' of polymorphic [VelithonJson] type '{baseName}' cannot be reached from the base's generated code (it is private or protected elsewhere)");
            return false;
        }

        JsonOptionsModel theirs = OptionsReader.Read(type, null, cancellationToken);
        if (_options.FirstDifference(theirs) is { } difference)
        {
            Report(JsonDiagnostics.DerivedTypeNotGenerated, location,
                $"Derived type '{derivedName}' of polymorphic [VelithonJson] type '{baseName}' is compiled with other settings ({difference}): System.Text.Json writes the hierarchy with one options instance");
            return false;
        }

        return true;
    }

    // For an interface base: the listed type's own depth below object (its listed class ancestors have smaller ones, so
    // ordering by it puts the nearest ancestor first), or -1 when it does not implement the base. The base itself is 0.
    private int ImplementationDepth(INamedTypeSymbol type)
    {
        if (SymbolEqualityComparer.Default.Equals(type, _type))
        {
            return 0;
        }

        if (!type.AllInterfaces.Contains(_type, SymbolEqualityComparer.Default))
        {
            return -1;
        }

        int depth = 1;
        for (INamedTypeSymbol? t = type.BaseType; t is not null; t = t.BaseType)
        {
            depth++;
        }

        return depth;
    }

    private static int DepthBelow(INamedTypeSymbol type, INamedTypeSymbol ancestor)
    {
        int depth = 0;
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType, depth++)
        {
            if (SymbolEqualityComparer.Default.Equals(t, ancestor))
            {
                return depth;
            }
        }

        return -1;
    }

    private static LocationInfo? AttributeLocation(AttributeData attribute, CancellationToken cancellationToken) =>
        LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());

    /// <summary>
    /// Whether <paramref name="type"/> takes part in a hierarchy: it lists derived types, or a class it derives from (or
    /// itself) lists it. Such a type has a writer that can put a discriminator first and a reader that starts after it.
    /// </summary>
    private static bool IsPolymorphicPart(INamedTypeSymbol type)
    {
        if (!HasAttribute(type, OptionsReader.AttributeName))
        {
            return false;
        }

        if (HasAttribute(type, DerivedTypeAttribute))
        {
            return true;
        }

        return ListingAncestors(type).Any();
    }

    /// <summary>The classes (the type itself included) and interfaces whose <c>[JsonDerivedType]</c> lists <paramref name="type"/>, with the discriminator property name each uses when it has discriminators.</summary>
    private static IEnumerable<(INamedTypeSymbol Base, string? MetadataName)> ListingAncestors(INamedTypeSymbol type)
    {
        IEnumerable<INamedTypeSymbol> candidates = BaseChain(type).Concat(type.TypeKind == TypeKind.Class ? type.AllInterfaces : Enumerable.Empty<INamedTypeSymbol>());
        foreach (INamedTypeSymbol t in candidates)
        {
            AttributeData[] listed = t.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == DerivedTypeAttribute).ToArray();
            // A generic type is a part when one of its closed types is listed (Box<int>): its code is shared by every closure.
            if (listed.Any(a => a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value is INamedTypeSymbol listedType
                && SymbolEqualityComparer.Default.Equals(listedType.OriginalDefinition, type.OriginalDefinition)))
            {
                bool usesIds = listed.Any(a => a.ConstructorArguments.Length > 1);
                yield return (t, usesIds ? DiscriminatorNameOf(t) : null);
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> BaseChain(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            yield return t;
        }
    }

    /// <summary>
    /// The types whose members the type's contract has, most derived first: its base classes, or for an interface itself
    /// and the interfaces it inherits that declare instance properties or fields (System.Text.Json sorts an interface
    /// hierarchy topologically; only a single chain, where that order is certain, is compiled: VLG114 otherwise).
    /// </summary>
    private List<INamedTypeSymbol> MemberHierarchy()
    {
        if (_type.TypeKind != TypeKind.Interface)
        {
            return BaseChain(_type).Where(t => t.SpecialType is not SpecialType.System_Object and not SpecialType.System_ValueType).ToList();
        }

        List<INamedTypeSymbol> declaring = _type.AllInterfaces
            .Where(i => i.GetMembers().Any(m => !m.IsStatic && m is IPropertySymbol or IFieldSymbol))
            .OrderByDescending(i => i.AllInterfaces.Length)
            .ToList();
        declaring.Insert(0, _type);
        for (int i = 1; i < declaring.Count; i++)
        {
            if (!declaring[i - 1].AllInterfaces.Contains(declaring[i], SymbolEqualityComparer.Default))
            {
                Report(JsonDiagnostics.PolymorphismNotCompiled, LocationInfo.From(_type),
                    $"[VelithonJson] interface '{_type.ToDisplayString()}' inherits properties from interfaces that are not one chain ('{declaring[i - 1].ToDisplayString()}' and '{declaring[i].ToDisplayString()}'): System.Text.Json orders them by a topological sort that is not compiled");
                return declaring.Take(i).ToList();
            }
        }

        return declaring;
    }

    private static string DiscriminatorNameOf(INamedTypeSymbol type) =>
        FindAttribute(type, PolymorphicAttribute)?.NamedArguments.FirstOrDefault(a => a.Key == "TypeDiscriminatorPropertyName").Value.Value as string
        ?? DefaultDiscriminatorName;

    // A base class (or inherited interface) other than the type itself that is a part: its generated __VelithonJson_ReadObject is hidden.
    private bool HidesBaseReadObject()
    {
        // An interface sees the static members of the interfaces it inherits (a class does not).
        IEnumerable<INamedTypeSymbol> bases = _type.TypeKind == TypeKind.Interface ? _type.AllInterfaces : BaseChain(_type).Skip(1);
        foreach (INamedTypeSymbol t in bases)
        {
            if (IsPolymorphicPart(t))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A member named like a discriminator the type is read or written with conflicts with the metadata property
    /// (System.Text.Json's InvalidOperationException, VLG113); a name starting with '$' in a type that reads metadata
    /// is rejected by System.Text.Json when read (VLG114: not compiled).
    /// </summary>
    private void CheckMetadataConflicts(List<(MemberModel Model, ISymbol Symbol)> members, PolymorphismModel? own)
    {
        var names = new List<string>();
        if (own is { UsesDiscriminators: true })
        {
            names.Add(own.DiscriminatorName);
        }

        foreach ((INamedTypeSymbol _, string? metadataName) in ListingAncestors(_type))
        {
            if (metadataName is not null)
            {
                names.Add(metadataName);
            }
        }

        if (names.Count == 0)
        {
            return;
        }

        foreach ((MemberModel model, ISymbol symbol) in members)
        {
            if (names.Contains(model.JsonName))
            {
                Report(JsonDiagnostics.InvalidPolymorphism, LocationInfo.From(symbol),
                    $"The type '{_type.ToDisplayString()}' contains property '{model.JsonName}' that conflicts with an existing metadata property name (System.Text.Json refuses it)");
            }
            else if (model.JsonName.StartsWith("$", System.StringComparison.Ordinal))
            {
                Report(JsonDiagnostics.PolymorphismNotCompiled, LocationInfo.From(symbol),
                    $"Member '{model.Name}' of '{_type.ToDisplayString()}' is named '{model.JsonName}': a name starting with '$' in a type that reads type discriminators is not compiled");
            }
        }
    }
}
