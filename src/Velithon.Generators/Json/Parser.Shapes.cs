using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Velithon.Generators.Common;
using Velithon.CodeAnalysis;

namespace Velithon.Generators.Json;

// Type shapes: what a member's type is to the emitter (primitive, enum, collection, object, ...).
internal sealed partial class Parser
{
    private TypeShape? ResolveShape(ITypeSymbol type, bool stringEnum)
    {
        string typeName = type.ToDisplayString(TypeNameFormat);
        string display = DisplayName(type);
        if (type is ITypeParameterSymbol parameter)
        {
            return TypeParameterShape(parameter, typeName);
        }

        if (BuiltInConverterShape(type, typeName, display) is { } builtIn)
        {
            return builtIn;
        }

        PrimitiveKind primitive = PrimitiveOf(type);
        if (primitive != PrimitiveKind.None)
        {
            return new TypeShape(ShapeKind.Primitive, typeName, display, type.IsValueType, primitive, null, null);
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                return null;
            }

            TypeShape? element = ResolveShape(array.ElementType, false);
            return element is null ? null : new TypeShape(ShapeKind.Array, typeName, display, false, PrimitiveKind.None, element, null);
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (TypeConverter(named, stringEnum) is { } typeConverter)
        {
            return ConverterShape(named, typeConverter, DisplayName(named));
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            if (ResolveEnum(named, stringEnum) is not { } model)
            {
                return null;
            }

            return new TypeShape(ShapeKind.Enum, typeName, display, true, PrimitiveOf(named.EnumUnderlyingType!), null, model);
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            TypeShape? inner = ResolveShape(named.TypeArguments[0], stringEnum);
            return inner is null ? null : new TypeShape(ShapeKind.Nullable, typeName, display, true, PrimitiveKind.None, inner, null);
        }

        if (named.IsGenericType && !IsJsonObject(named))
        {
            string definition = named.OriginalDefinition.ToDisplayString();
            ShapeKind? kind = definition switch
            {
                "System.Collections.Generic.List<T>" => ShapeKind.List,
                "System.Collections.Generic.IReadOnlyList<T>" => ShapeKind.ReadOnlyList,
                "System.Collections.Generic.IList<T>" => ShapeKind.IList,
                "System.Collections.Generic.ICollection<T>" => ShapeKind.ICollection,
                "System.Collections.Generic.IEnumerable<T>" => ShapeKind.IEnumerable,
                "System.Collections.Immutable.ImmutableArray<T>" => ShapeKind.ImmutableArray,
                "System.Collections.Generic.Dictionary<TKey, TValue>" => ShapeKind.Dictionary,
                "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" => ShapeKind.ReadOnlyDictionary,
                "System.Collections.Generic.IDictionary<TKey, TValue>" => ShapeKind.IDictionary,
                _ => null,
            };
            if (kind is null)
            {
                return ResolveCollection(named, typeName, display);
            }

            ITypeSymbol elementType = named.TypeArguments[named.TypeArguments.Length - 1];
            if (named.TypeArguments.Length == 2 && named.TypeArguments[0].SpecialType != SpecialType.System_String)
            {
                return ResolveCollection(named, typeName, display);
            }

            TypeShape? element = ResolveShape(elementType, false);
            return element is null ? null : new TypeShape(kind.Value, typeName, display, named.IsValueType, PrimitiveKind.None, element, null);
        }

        if (IsJsonObject(named))
        {
            bool reaches = !SymbolEqualityComparer.Default.Equals(named, _type) && MayFailWriting(named, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));
            return new TypeShape(ShapeKind.Object, typeName, display, named.IsValueType, PrimitiveKind.None, null, null, null, reaches, ReadsThroughConstructor: ReadsThroughConstructor(named));
        }

        return PlainShape(named, typeName, display);
    }

    private static bool IsJsonObject(INamedTypeSymbol type)
    {
        if (HasAttribute(type, VelithonMetadataNames.VelithonJsonAttribute))
        {
            return true;
        }

        return type.AllInterfaces.Any(i =>
            i.OriginalDefinition.ToDisplayString() == "Velithon.IVelithonJson<TSelf>"
            && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], type));
    }

    private static PrimitiveKind PrimitiveOf(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return PrimitiveKind.Boolean;
            case SpecialType.System_Byte: return PrimitiveKind.Byte;
            case SpecialType.System_SByte: return PrimitiveKind.SByte;
            case SpecialType.System_Int16: return PrimitiveKind.Int16;
            case SpecialType.System_UInt16: return PrimitiveKind.UInt16;
            case SpecialType.System_Int32: return PrimitiveKind.Int32;
            case SpecialType.System_UInt32: return PrimitiveKind.UInt32;
            case SpecialType.System_Int64: return PrimitiveKind.Int64;
            case SpecialType.System_UInt64: return PrimitiveKind.UInt64;
            case SpecialType.System_Single: return PrimitiveKind.Single;
            case SpecialType.System_Double: return PrimitiveKind.Double;
            case SpecialType.System_Decimal: return PrimitiveKind.Decimal;
            case SpecialType.System_String: return PrimitiveKind.String;
            case SpecialType.System_Char: return PrimitiveKind.Char;
            case SpecialType.System_DateTime: return PrimitiveKind.DateTime;
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return PrimitiveKind.ByteArray;
        }

        return type.ToDisplayString() switch
        {
            "System.Guid" => PrimitiveKind.Guid,
            "System.DateTimeOffset" => PrimitiveKind.DateTimeOffset,
            "System.DateOnly" => PrimitiveKind.DateOnly,
            "System.TimeOnly" => PrimitiveKind.TimeOnly,
            "System.TimeSpan" => PrimitiveKind.TimeSpan,
            "System.Uri" or "System.Uri?" => PrimitiveKind.Uri,
            "System.Half" => PrimitiveKind.Half,
            "System.Int128" => PrimitiveKind.Int128,
            "System.UInt128" => PrimitiveKind.UInt128,
            _ => PrimitiveKind.None,
        };
    }

    /// <returns>Null with <see cref="_plainError"/> set when a name written as a string has no UTF-8 form.</returns>
    private EnumModel? ResolveEnum(INamedTypeSymbol type, bool memberAsString)
    {
        // UseStringEnumConverter: every enum, wherever it is (members, elements, values), as a global JsonStringEnumConverter.
        bool asString = memberAsString || _options.UseStringEnumConverter;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == SerializationNamespace + "JsonConverterAttribute" && IsStringEnumConverter(attribute))
            {
                asString = true;
            }
        }

        bool isFlags = HasAttribute(type, "System.FlagsAttribute");
        var members = new List<EnumMemberModel>();
        if (asString)
        {
            foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
            {
                if (!field.HasConstantValue)
                {
                    continue;
                }

                string jsonName = field.Name;
                bool renamed = false;
                AttributeData? custom = FindAttribute(field, SerializationNamespace + "JsonStringEnumMemberNameAttribute");
                if (custom is { ConstructorArguments.Length: 1 } && custom.ConstructorArguments[0].Value is string s)
                {
                    jsonName = s;
                    renamed = true;
                    if (LoneSurrogateIndex(s) is int surrogate)
                    {
                        // As for a member's JSON name: the u8 literal would fail to compile (CS9026, at emit only),
                        // and System.Text.Json writes the name as U+FFFD and cannot read it back.
                        _plainError ??= $"the [JsonStringEnumMemberName] of '{type.Name}.{field.Name}' contains a lone surrogate (U+{(int)s[surrogate]:X4} at index {surrogate}), which has no UTF-8 form; System.Text.Json writes it as U+FFFD and cannot read it back";
                        return null;
                    }
                }

                members.Add(new EnumMemberModel(field.Name, jsonName, ToBits(field.ConstantValue!), renamed, IsObsoleteAsError(field)));
            }
        }

        string typeName = type.ToDisplayString(TypeNameFormat);
        string underlying = Emitter.Keyword(PrimitiveOf(type.EnumUnderlyingType!));
        return new EnumModel(typeName, DisplayName(type), JsonNames.Mangle(type.ToDisplayString()), underlying, asString, isFlags, members.ToEquatableArray());
    }

    private static ulong ToBits(object value) => value switch
    {
        sbyte v => unchecked((ulong)v),
        short v => unchecked((ulong)v),
        int v => unchecked((ulong)v),
        long v => unchecked((ulong)v),
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        _ => 0,
    };

    // ---- helpers ----

    private static bool IsNullableValueType(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
}
