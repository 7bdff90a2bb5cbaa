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
}
