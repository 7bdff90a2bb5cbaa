using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Json;

// Sequences and dictionaries beyond the list and string-keyed dictionary shapes, and dictionary keys other than string.
internal sealed partial class Parser
{
    private static readonly Dictionary<string, CollectionKind> SequenceTypes = new()
    {
        ["System.Collections.Generic.HashSet<T>"] = CollectionKind.HashSet,
        ["System.Collections.Generic.ISet<T>"] = CollectionKind.ISet,
        ["System.Collections.Generic.IReadOnlyCollection<T>"] = CollectionKind.IReadOnlyCollection,
        ["System.Collections.Generic.Queue<T>"] = CollectionKind.Queue,
        ["System.Collections.Generic.Stack<T>"] = CollectionKind.Stack,
        ["System.Collections.Generic.LinkedList<T>"] = CollectionKind.LinkedList,
        ["System.Collections.Generic.SortedSet<T>"] = CollectionKind.SortedSet,
        ["System.Collections.ObjectModel.Collection<T>"] = CollectionKind.Collection,
        ["System.Collections.ObjectModel.ObservableCollection<T>"] = CollectionKind.ObservableCollection,
        ["System.Collections.Concurrent.ConcurrentQueue<T>"] = CollectionKind.ConcurrentQueue,
        ["System.Collections.Concurrent.ConcurrentStack<T>"] = CollectionKind.ConcurrentStack,
        ["System.Collections.Immutable.ImmutableList<T>"] = CollectionKind.ImmutableList,
        ["System.Collections.Immutable.IImmutableList<T>"] = CollectionKind.IImmutableList,
        ["System.Collections.Immutable.ImmutableHashSet<T>"] = CollectionKind.ImmutableHashSet,
        ["System.Collections.Immutable.IImmutableSet<T>"] = CollectionKind.IImmutableSet,
        ["System.Collections.Immutable.ImmutableSortedSet<T>"] = CollectionKind.ImmutableSortedSet,
        ["System.Collections.Immutable.ImmutableQueue<T>"] = CollectionKind.ImmutableQueue,
        ["System.Collections.Immutable.IImmutableQueue<T>"] = CollectionKind.IImmutableQueue,
        ["System.Collections.Immutable.ImmutableStack<T>"] = CollectionKind.ImmutableStack,
        ["System.Collections.Immutable.IImmutableStack<T>"] = CollectionKind.IImmutableStack,
    };

    private static readonly Dictionary<string, CollectionKind> MapTypes = new()
    {
        ["System.Collections.Generic.Dictionary<TKey, TValue>"] = CollectionKind.Dictionary,
        ["System.Collections.Generic.IDictionary<TKey, TValue>"] = CollectionKind.IDictionary,
        ["System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>"] = CollectionKind.IReadOnlyDictionary,
        ["System.Collections.Generic.SortedDictionary<TKey, TValue>"] = CollectionKind.SortedDictionary,
        ["System.Collections.Generic.SortedList<TKey, TValue>"] = CollectionKind.SortedList,
        ["System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue>"] = CollectionKind.ConcurrentDictionary,
        ["System.Collections.Immutable.ImmutableDictionary<TKey, TValue>"] = CollectionKind.ImmutableDictionary,
        ["System.Collections.Immutable.IImmutableDictionary<TKey, TValue>"] = CollectionKind.IImmutableDictionary,
        ["System.Collections.Immutable.ImmutableSortedDictionary<TKey, TValue>"] = CollectionKind.ImmutableSortedDictionary,
    };

    /// <summary>
    /// The shape of a generic collection that is neither a list shape nor a string-keyed dictionary shape; null (VLG102)
    /// for other types, for collections System.Text.Json writes but cannot read (<c>IReadOnlySet&lt;T&gt;</c>,
    /// <c>FrozenSet&lt;T&gt;</c>, <c>FrozenDictionary&lt;TKey, TValue&gt;</c>, <c>ConcurrentBag&lt;T&gt;</c>), and for
    /// keys System.Text.Json rejects or that are not compiled (see <see cref="ResolveKey"/>).
    /// </summary>
    private TypeShape? ResolveCollection(INamedTypeSymbol named, string typeName, string display)
    {
        string definition = named.OriginalDefinition.ToDisplayString();
        if (SequenceTypes.TryGetValue(definition, out CollectionKind sequence))
        {
            TypeShape? element = ResolveShape(named.TypeArguments[0], false);
            return element is null
                ? null
                : new TypeShape(ShapeKind.Sequence, typeName, display, false, PrimitiveKind.None, element, null, Collection: sequence);
        }

        if (MapTypes.TryGetValue(definition, out CollectionKind map))
        {
            TypeShape? key = ResolveKey(named.TypeArguments[0]);
            TypeShape? value = key is null ? null : ResolveShape(named.TypeArguments[1], false);
            return value is null
                ? null
                : new TypeShape(ShapeKind.Map, typeName, display, false, PrimitiveKind.None, value, null, Collection: map, Key: key);
        }

        return null;
    }

    /// <summary>
    /// A dictionary key type: string, or one System.Text.Json writes and reads as a property name with a built-in
    /// converter that the generated code reproduces (integers, <c>Half</c>, <c>Int128</c>, <c>UInt128</c>, floating-point
    /// and decimal numbers, <c>bool</c>, <c>char</c>, <c>Guid</c>, dates and times, <c>Uri</c>, <c>Version</c>, enums).
    /// Null for keys System.Text.Json rejects at run time (<c>object</c>, <c>Nullable&lt;T&gt;</c>, arrays, collections,
    /// objects, enums or other types with a custom converter).
    /// </summary>
    private TypeShape? ResolveKey(ITypeSymbol type)
    {
        PrimitiveKind primitive = PrimitiveOf(type);
        if (primitive is not (PrimitiveKind.None or PrimitiveKind.ByteArray))
        {
            return new TypeShape(ShapeKind.Primitive, type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeNameFormat), DisplayName(type), type.IsValueType, primitive, null, null);
        }

        if (BuiltInConverterName(type) == "VersionConverter")
        {
            // Not a primitive value (a Version value is written by System.Text.Json's converter), but a key like the
            // primitive ones: through that converter's WriteAsPropertyName and ReadAsPropertyName.
            return new TypeShape(ShapeKind.Primitive, type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeNameFormat), DisplayName(type), false, PrimitiveKind.None, null, null);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } named && TypeConverter(named, false) is null)
        {
            if (ResolveEnum(named, false) is not { } model)
            {
                return null;
            }

            return new TypeShape(ShapeKind.Enum, type.ToDisplayString(TypeNameFormat), DisplayName(type), true, PrimitiveOf(named.EnumUnderlyingType!), null, model);
        }

        return null;
    }
}
