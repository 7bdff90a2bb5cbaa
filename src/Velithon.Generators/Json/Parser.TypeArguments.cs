using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

// Collections other than lists, arrays and string-keyed dictionaries as type arguments of generic [VelithonJson] types
// (Page<HashSet<Order>>, Wrapper<SortedDictionary<int, string>>): registered through the JsonValueHandlers factory of
// their kind, after the handlers of what they hold, and (enum keys) of their key type.
internal sealed partial class Parser
{
    private const string HandlerFactories = "global::Velithon.Json.JsonValueHandlers.";

    /// <summary>The statements registering a <see cref="ShapeKind.Sequence"/> or <see cref="ShapeKind.Map"/> type argument.</summary>
    private bool AddCollectionHandler(ISymbol member, INamedTypeSymbol argument, TypeShape shape, List<string> registrations, LocationInfo? location)
    {
        ITypeSymbol element = argument.TypeArguments[argument.TypeArguments.Length - 1];
        if (!AddHandler(member, element, registrations, location))
        {
            return false;
        }

        string typeArguments = element.ToDisplayString(TypeNameFormat);
        if (shape.Kind == ShapeKind.Map)
        {
            string key = argument.TypeArguments[0].WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeNameFormat);
            if (shape.Key!.Kind == ShapeKind.Enum)
            {
                AddRegistration(registrations, HandlerFactories + "EnumKey<" + key + ">();");
            }

            typeArguments = key + ", " + typeArguments;
        }

        AddRegistration(registrations, HandlerFactories + HandlerFactory(shape.Collection) + "<" + typeArguments + ">();");
        return true;
    }

    /// <summary>The <c>JsonValueHandlers</c> method registering a collection kind (with the interfaces read into the same type).</summary>
    private static string HandlerFactory(CollectionKind kind) => kind switch
    {
        CollectionKind.HashSet or CollectionKind.ISet => "HashSet",
        CollectionKind.IReadOnlyCollection => "List",
        CollectionKind.Queue => "Queue",
        CollectionKind.Stack => "Stack",
        CollectionKind.LinkedList => "LinkedList",
        CollectionKind.SortedSet => "SortedSet",
        CollectionKind.Collection => "Collection",
        CollectionKind.ObservableCollection => "ObservableCollection",
        CollectionKind.ConcurrentQueue => "ConcurrentQueue",
        CollectionKind.ConcurrentStack => "ConcurrentStack",
        CollectionKind.ImmutableList or CollectionKind.IImmutableList => "ImmutableList",
        CollectionKind.ImmutableHashSet or CollectionKind.IImmutableSet => "ImmutableHashSet",
        CollectionKind.ImmutableSortedSet => "ImmutableSortedSet",
        CollectionKind.ImmutableQueue or CollectionKind.IImmutableQueue => "ImmutableQueue",
        CollectionKind.ImmutableStack or CollectionKind.IImmutableStack => "ImmutableStack",
        CollectionKind.Dictionary or CollectionKind.IDictionary or CollectionKind.IReadOnlyDictionary => "Dictionary",
        CollectionKind.SortedDictionary => "SortedDictionary",
        CollectionKind.SortedList => "SortedList",
        CollectionKind.ConcurrentDictionary => "ConcurrentDictionary",
        CollectionKind.ImmutableDictionary or CollectionKind.IImmutableDictionary => "ImmutableDictionary",
        _ => "ImmutableSortedDictionary",
    };

    private static void AddRegistration(List<string> registrations, string statement)
    {
        if (!registrations.Contains(statement))
        {
            registrations.Add(statement);
        }
    }

    // Collections System.Text.Json writes but cannot read (NotSupportedException on reading).
    private static readonly HashSet<string> WriteOnlyCollections = new()
    {
        "System.Collections.Generic.IReadOnlySet<T>",
        "System.Collections.Frozen.FrozenSet<T>",
        "System.Collections.Frozen.FrozenDictionary<TKey, TValue>",
        "System.Collections.Concurrent.ConcurrentBag<T>",
        "System.Collections.ObjectModel.ReadOnlyCollection<T>",
        "System.Collections.ObjectModel.ReadOnlyDictionary<TKey, TValue>",
    };

    /// <summary>VLG117: a type argument that cannot have a JSON handler, with the reason (for what it holds, when that is the cause).</summary>
    private void ReportNoHandler(ISymbol member, ITypeSymbol argument, LocationInfo? location)
    {
        ITypeSymbol? cause = NoHandlerCause(argument);
        string held = cause is null || SymbolEqualityComparer.Default.Equals(cause, argument) ? string.Empty : "it holds '" + cause.ToDisplayString() + "', and ";
        string reason = cause is INamedTypeSymbol { IsGenericType: true }
            ? held + "System.Text.Json writes that collection but cannot read it; use one it reads (HashSet<T>, Dictionary<TKey, TValue>, ImmutableHashSet<T>, ...)"
            : cause is not null
                ? held + "that type has no [VelithonJson]: a type argument is written through the generated code of its own type; add [VelithonJson] and partial to it"
                : "only [VelithonJson] types, the primitives, enums, Nullable<T>, and the arrays, lists, sets, queues, stacks, linked lists, collections, immutable, concurrent and sorted collections and dictionaries of them can be type arguments of a generic [VelithonJson] type";
        Report(JsonDiagnostics.TypeArgumentWithoutHandler, location, member.Name, _type.ToDisplayString(), argument.ToDisplayString(), reason);
    }

    // The collection System.Text.Json cannot read, or the type without [VelithonJson], that the argument is or holds.
    private static ITypeSymbol? NoHandlerCause(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return NoHandlerCause(array.ElementType);
            case INamedTypeSymbol { IsGenericType: true } named:
                if (WriteOnlyCollections.Contains(named.OriginalDefinition.ToDisplayString()))
                {
                    return named;
                }

                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    if (NoHandlerCause(argument) is { } cause)
                    {
                        return cause;
                    }
                }

                return null;
            case INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named
                when named.SpecialType == SpecialType.None && !IsJsonObject(named) && PrimitiveOf(named) == PrimitiveKind.None
                    && !(named.ContainingNamespace.ToDisplayString() + ".").StartsWith("System.", System.StringComparison.Ordinal):
                return named;
            default:
                return null;
        }
    }
}
