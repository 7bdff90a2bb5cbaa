using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

// JsonObjectCreationHandling.Populate: which members System.Text.Json (.NET 10) reads into their current value, decided
// as it decides it when it builds the contract (measured; docs/json-options-members.md, "Populate"). The option and the
// type's attribute populate what can be populated and replace the rest silently; the member's own attribute on a member
// System.Text.Json cannot populate makes it throw when it builds the contract, so the build refuses it (VLG118).
// Shapes System.Text.Json populates that the generated code does not compile are VLG119, never read otherwise.
internal sealed partial class Parser
{
    private const int Populate = 1;

    // What the parser knew of each member when it created it (by C# name, unique among the members).
    private readonly Dictionary<string, PopulateFacts> _populateFacts = new(StringComparer.Ordinal);

    // [JsonObjectCreationHandling] on the type itself: 0 Replace, 1 Populate, null none.
    private int? _typeCreation;

    /// <summary>Marks the populated members of <paramref name="members"/> (and reads C# <c>required</c> members through
    /// setters then: the instance exists before its members are read).</summary>
    /// <returns>Whether the type is read into an existing instance when a member of its type is populated.</returns>
    private bool ApplyPopulate(List<MemberModel> members, IMethodSymbol? constructor, PolymorphismModel? polymorphism, LocationInfo? typeLocation, out bool createsThroughAccessor)
    {
        createsThroughAccessor = false;
        bool parameterized = constructor is { Parameters.Length: > 0 };
        bool typePopulates = _typeCreation is null ? _options.Populate : _typeCreation == Populate;
        if (_typeCreation == Populate && parameterized)
        {
            Report(JsonDiagnostics.PopulateRejected, typeLocation, ParameterizedConstructorMessage + NotSupportedSuffix);
        }

        string? declaringReason = NotCompiledDeclaringType(polymorphism);
        bool any = false;
        for (int i = 0; i < members.Count; i++)
        {
            MemberModel member = members[i];
            if (!_populateFacts.TryGetValue(member.Name, out PopulateFacts? facts))
            {
                continue;
            }

            bool explicitly = facts.Creation == Populate;
            if ((facts.Creation ?? (typePopulates ? Populate : 0)) != Populate || constructor is null)
            {
                continue;
            }

            string? rejected = null;
            string? notCompiled = null;
            if (parameterized)
            {
                rejected = ParameterizedConstructorMessage;
            }
            else if (!facts.CanGet)
            {
                rejected = $"Property '{member.JsonName}' on type '{DisplayName(_type)}' is marked with JsonObjectCreationHandling.Populate but it doesn't have a getter.";
            }
            else if (facts.Type.IsValueType && !facts.CanSet)
            {
                rejected = Populatable(member.Type, facts.Type, out _) == Populating.No
                    ? CannotPopulateMessage(member)
                    : $"Property '{member.JsonName}' on type '{DisplayName(_type)}' is marked with JsonObjectCreationHandling.Populate but is a value type that doesn't have a setter.";
            }
            else
            {
                switch (Populatable(member.Type, facts.Type, out string? reason))
                {
                    case Populating.No:
                        rejected = CannotPopulateMessage(member);
                        break;
                    case Populating.NotCompiled:
                        notCompiled = reason;
                        break;
                }
            }

            if (rejected is not null)
            {
                if (explicitly)
                {
                    Report(JsonDiagnostics.PopulateRejected, facts.Location, rejected + (parameterized ? NotSupportedSuffix : InvalidOperationSuffix));
                }

                continue;
            }

            // IgnoreReadOnlyProperties / IgnoreReadOnlyFields: System.Text.Json ignores a get-only member, and refuses the
            // member's own Populate attribute on it.
            bool ignoredReadOnly = !facts.CanSet && (facts.IsProperty ? _options.IgnoreReadOnlyProperties : _options.IgnoreReadOnlyFields);
            if (ignoredReadOnly)
            {
                if (explicitly)
                {
                    Report(JsonDiagnostics.PopulateRejected, facts.Location,
                        $"Property '{member.JsonName}' on type '{DisplayName(_type)}' is marked with JsonObjectCreationHandling.Populate but it is a read-only member and JsonSerializerOptions has IgnoreReadOnlyProperties or IgnoreReadOnlyFields set." + InvalidOperationSuffix);
                }

                continue;
            }

            notCompiled ??= declaringReason ?? (facts.ReadIgnored
                ? "it has [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)], which System.Text.Json still populates"
                : null);
            if (notCompiled is not null)
            {
                Report(JsonDiagnostics.PopulateNotCompiled, facts.Location,
                    $"System.Text.Json populates '{member.Name}' (JsonObjectCreationHandling.Populate), which [VelithonJson] does not compile: {notCompiled}");
                continue;
            }

            members[i] = member with { Populate = true };
            any = true;
        }

        bool emitsPopulate = typePopulates && !parameterized && constructor is not null && declaringReason is null;
        if (any || emitsPopulate)
        {
            // The instance is created before its members are read: C# required members are set like any other.
            for (int i = 0; i < members.Count; i++)
            {
                if (members[i].Read == ReadKind.Initializer && _populateFacts.TryGetValue(members[i].Name, out PopulateFacts? facts))
                {
                    members[i] = members[i] with { Read = facts.Assign };
                    createsThroughAccessor = true;
                }
            }
        }

        return emitsPopulate;
    }

    private const string ParameterizedConstructorMessage =
        "JsonObjectCreationHandling.Populate is currently not supported in types with parameterized constructors.";

    private const string NotSupportedSuffix = " (System.Text.Json throws NotSupportedException when it builds this contract)";

    private const string InvalidOperationSuffix = " (System.Text.Json throws InvalidOperationException when it builds this contract)";

    private string CannotPopulateMessage(MemberModel member) =>
        $"Property '{member.JsonName}' on type '{DisplayName(_type)}' is marked with JsonObjectCreationHandling.Populate but it doesn't support populating. This can be either because the property type is immutable or it could use a custom converter.";

    /// <summary>Why members of this type cannot be populated by the generated code, or null.</summary>
    private string? NotCompiledDeclaringType(PolymorphismModel? polymorphism)
    {
        if (_type.IsValueType)
        {
            return $"its declaring type '{_type.ToDisplayString()}' is a struct";
        }

        if (polymorphism is not null || IsPolymorphicPart(_type))
        {
            return $"its declaring type '{_type.ToDisplayString()}' is part of a polymorphic hierarchy";
        }

        return _type.TypeParameters.Length > 0 ? $"its declaring type '{_type.ToDisplayString()}' is generic" : null;
    }

    private enum Populating
    {
        No,
        Yes,
        NotCompiled,
    }

    /// <summary>Whether System.Text.Json populates a member of this shape, and whether the generated code does.</summary>
    private static Populating Populatable(TypeShape shape, ITypeSymbol type, out string? reason)
    {
        reason = null;
        switch (shape.Kind)
        {
            case ShapeKind.List or ShapeKind.IList or ShapeKind.ICollection or ShapeKind.Dictionary or ShapeKind.IDictionary:
                return Populating.Yes;
            case ShapeKind.Sequence:
                return shape.Collection is CollectionKind.HashSet or CollectionKind.ISet or CollectionKind.Queue or CollectionKind.Stack
                    or CollectionKind.LinkedList or CollectionKind.SortedSet or CollectionKind.Collection or CollectionKind.ObservableCollection
                    or CollectionKind.ConcurrentQueue or CollectionKind.ConcurrentStack
                    ? Populating.Yes
                    : Populating.No;
            case ShapeKind.Map:
                return shape.Collection is CollectionKind.Dictionary or CollectionKind.IDictionary or CollectionKind.SortedDictionary
                    or CollectionKind.SortedList or CollectionKind.ConcurrentDictionary
                    ? Populating.Yes
                    : Populating.No;
            case ShapeKind.Handler:
                reason = $"its type is the type parameter '{type.ToDisplayString()}'";
                return Populating.NotCompiled;
            case ShapeKind.Nullable when shape.Element is { Kind: ShapeKind.Object }:
                reason = $"its type '{type.ToDisplayString()}' is a Nullable struct";
                return Populating.NotCompiled;
            case ShapeKind.Object:
                if (type.IsValueType)
                {
                    reason = $"its type '{type.ToDisplayString()}' is a struct";
                    return Populating.NotCompiled;
                }

                if (type is not INamedTypeSymbol named || !ReadsIntoExistingInstance(named))
                {
                    reason = $"its type '{type.ToDisplayString()}' is not read into an existing instance (it is, as a class read through a parameterless constructor, outside a polymorphic hierarchy, compiled with PreferredObjectCreationHandling = Populate or [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] on the type)";
                    return Populating.NotCompiled;
                }

                return Populating.Yes;
            default:
                return Populating.No;
        }
    }

    /// <summary>Whether the generated code of <paramref name="type"/> has <c>PopulateJson</c> (<see cref="TypeModel.EmitsPopulate"/>).</summary>
    private static bool ReadsIntoExistingInstance(INamedTypeSymbol type)
    {
        if (type.IsValueType || type.IsAbstract || type.TypeParameters.Length > 0 || !HasAttribute(type, OptionsReader.AttributeName)
            || HasAttribute(type, PolymorphicAttribute) || HasAttribute(type, DerivedTypeAttribute) || IsPolymorphicPart(type))
        {
            return false;
        }

        AttributeData? creation = FindAttribute(type, SerializationNamespace + "JsonObjectCreationHandlingAttribute");
        bool populates = creation is { ConstructorArguments.Length: 1 } && creation.ConstructorArguments[0].Value is int value
            ? value == Populate
            : OptionsReader.Read(type, null, CancellationToken.None).Populate;
        if (!populates)
        {
            return false;
        }

        // The constructor System.Text.Json uses: [JsonConstructor], else the public parameterless one.
        IMethodSymbol[] marked = type.InstanceConstructors.Where(c => HasAttribute(c, SerializationNamespace + "JsonConstructorAttribute")).ToArray();
        return marked.Length == 1
            ? marked[0].Parameters.Length == 0
            : marked.Length == 0 && type.InstanceConstructors.Any(c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.Length == 0);
    }

    /// <summary>What the parser knew of a member when it created it.</summary>
    /// <param name="Creation">Its own <c>[JsonObjectCreationHandling]</c>: 0 Replace, 1 Populate, null none.</param>
    /// <param name="Assign">How it is assigned when it is not a constructor argument (a C# required member included).</param>
    private sealed record PopulateFacts(int? Creation, bool CanGet, bool CanSet, bool IsProperty, bool ReadIgnored, ITypeSymbol Type, ReadKind Assign, LocationInfo? Location);
}
