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

// [JsonConverter] on members and types, and whether a type reaches one (which the generated code must then call).
internal sealed partial class Parser
{
    private static bool IsEnumOrNullableEnum(ITypeSymbol type) =>
        (IsNullableValueType(type) ? ((INamedTypeSymbol)type).TypeArguments[0] : type).TypeKind == TypeKind.Enum;

    private static bool ContainsConverter(TypeShape shape) =>
        shape.Kind == ShapeKind.Converter || (shape.Element is { } element && ContainsConverter(element));

    // ---- custom converters ----

    /// <summary>
    /// The shape of a value that <c>[JsonConverter(typeof(X))]</c> converts, checked as System.Text.Json checks it when it
    /// builds the contract: X converts the type itself, or (a <c>Nullable&lt;T&gt;</c>) its underlying type, which then
    /// runs inside a nullable (null written and read without the converter). Null with <see cref="_converterError"/> set
    /// when System.Text.Json would refuse it (or generated code cannot create X).
    /// </summary>
    private TypeShape? ConverterShape(ITypeSymbol target, AttributeData attribute, string declaredOn)
    {
        string invalid = $"The converter specified on '{declaredOn}' does not derive from JsonConverter or have a public parameterless constructor.";
        if (attribute.AttributeClass?.ToDisplayString() != SerializationNamespace + "JsonConverterAttribute"
            || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol converter)
        {
            _converterError = attribute.AttributeClass?.ToDisplayString() == SerializationNamespace + "JsonConverterAttribute"
                ? $"[JsonConverter] on '{declaredOn}' names no converter type"
                : $"'{attribute.AttributeClass?.ToDisplayString()}' on '{declaredOn}' derives from JsonConverterAttribute, which can create its converter itself: the generated code supports [JsonConverter(typeof(X))] only";
            return null;
        }

        bool isConverter = false;
        bool overridesHandleNull = false;
        ITypeSymbol? converts = null;
        string? stringEnum = null;
        for (INamedTypeSymbol? t = converter; t is not null; t = t.BaseType)
        {
            string definition = t.OriginalDefinition.ToDisplayString();
            if (definition == SerializationNamespace + "JsonConverter<T>")
            {
                isConverter = true;
                converts ??= t.TypeArguments[0];
                break;
            }

            if (definition == SerializationNamespace + "JsonConverterFactory")
            {
                isConverter = true;
                break;
            }

            if (definition == SerializationNamespace + "JsonStringEnumConverter<TEnum>")
            {
                stringEnum = "typed";
                converts = t.TypeArguments[0];
            }
            else if (definition == SerializationNamespace + "JsonStringEnumConverter")
            {
                stringEnum = "any";
            }

            if (t.GetMembers("HandleNull").OfType<IPropertySymbol>().Any(p => p.IsOverride))
            {
                overridesHandleNull = true;
            }
        }

        if (!isConverter || converter.IsAbstract || converter.IsUnboundGenericType || converter.TypeArguments.Any(a => a is ITypeParameterSymbol)
            || !converter.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public))
        {
            _converterError = invalid;
            return null;
        }

        if (!_compilation.IsSymbolAccessibleWithin(converter, _type))
        {
            _converterError = $"The converter '{converter.ToDisplayString()}' specified on '{declaredOn}' is not accessible from the generated code of '{_type.ToDisplayString()}'";
            return null;
        }

        ITypeSymbol? underlying = IsNullableValueType(target) ? ((INamedTypeSymbol)target).TypeArguments[0] : null;
        string incompatible = $"The converter specified on '{declaredOn}' is not compatible with the type '{DisplayName(target)}'.";
        var model = new ConverterModel(converter.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), declaredOn, overridesHandleNull);
        bool direct;
        if (converts is not null)
        {
            // JsonConverter<T> and JsonStringEnumConverter<TEnum>: CanConvert is typeToConvert == typeof(T).
            direct = SymbolEqualityComparer.Default.Equals(converts, target);
            if (!direct && !(underlying is not null && SymbolEqualityComparer.Default.Equals(converts, underlying)))
            {
                _converterError = incompatible;
                return null;
            }
        }
        else if (stringEnum == "any")
        {
            // JsonStringEnumConverter: CanConvert is typeToConvert.IsEnum (a Nullable<TEnum> is not).
            direct = target.TypeKind == TypeKind.Enum;
            if (!direct && underlying?.TypeKind != TypeKind.Enum)
            {
                _converterError = incompatible;
                return null;
            }
        }
        else
        {
            // A factory of the user's: its CanConvert runs when the value is first written or read.
            if (underlying is not null)
            {
                _converterError = $"The converter factory '{converter.ToDisplayString()}' specified on '{declaredOn}' is not supported on a Nullable<T> member: System.Text.Json asks its CanConvert at run time whether it converts '{DisplayName(target)}' or '{DisplayName(underlying)}'";
                return null;
            }

            direct = true;
        }

        if (direct)
        {
            return new TypeShape(ShapeKind.Converter, target.ToDisplayString(TypeNameFormat), DisplayName(target), target.IsValueType, PrimitiveKind.None, null, null, model);
        }

        var inner = new TypeShape(ShapeKind.Converter, underlying!.ToDisplayString(TypeNameFormat), DisplayName(underlying), true, PrimitiveKind.None, null, null, model);
        return new TypeShape(ShapeKind.Nullable, target.ToDisplayString(TypeNameFormat), DisplayName(target), true, PrimitiveKind.None, inner, null);
    }

    /// <summary>
    /// The <c>[JsonConverter]</c> of a type that System.Text.Json runs for it: not a plain <c>JsonStringEnumConverter</c>
    /// on an enum (compiled into the generated code), and not on an enum for which a converter of higher precedence
    /// applies (the member's own JsonStringEnumConverter, or the options' with <c>UseStringEnumConverter</c>).
    /// </summary>
    private AttributeData? TypeConverter(INamedTypeSymbol type, bool memberStringEnum)
    {
        AttributeData? attribute = FindConverterAttribute(type);
        if (attribute is null)
        {
            return null;
        }

        if (type.TypeKind == TypeKind.Enum && (memberStringEnum || _options.UseStringEnumConverter || IsStringEnumConverter(attribute)))
        {
            return null;
        }

        return attribute;
    }

    /// <summary>
    /// Whether a <c>[VelithonJson]</c> type's generated code may raise a write error that carries System.Text.Json's
    /// write path: it is a polymorphic base that refuses unlisted runtime types, or it may write through a custom
    /// converter (one of its fields or properties, of it or its bases, or their types — elements, nullable, nested
    /// types, transitively — has a <c>[JsonConverter]</c> other than a plain <c>JsonStringEnumConverter</c>) or such a
    /// base, or it holds a <c>Half</c> (a non-finite one fails to write with System.Text.Json's <c>JsonException</c>) or
    /// a type parameter (which may stand for any of these).
    /// An over-approximation: it only adds an exception filter.
    /// </summary>
    private static bool MayFailWriting(ITypeSymbol type, HashSet<ITypeSymbol> visited)
    {
        if (!visited.Add(type))
        {
            return false;
        }

        if (type is INamedTypeSymbol named && RefusesUnlistedRuntimeTypes(named))
        {
            return true;
        }

        for (ITypeSymbol? t = type; t is not null && t.SpecialType is not SpecialType.System_Object and not SpecialType.System_ValueType; t = t.BaseType)
        {
            foreach (ISymbol member in t.GetMembers())
            {
                ITypeSymbol? memberType = member switch
                {
                    IPropertySymbol { IsStatic: false } p => p.Type,
                    IFieldSymbol { IsStatic: false } f => f.Type,
                    _ => null,
                };
                if (memberType is null)
                {
                    continue;
                }

                if (FindConverterAttribute(member) is { } attribute && !IsStringEnumConverter(attribute))
                {
                    return true;
                }

                if (TypeMayFailWriting(memberType, visited))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // [JsonDerivedType] without UnknownDerivedTypeHandling = FallBackToBaseType or FallBackToNearestAncestor.
    private static bool RefusesUnlistedRuntimeTypes(INamedTypeSymbol type)
    {
        bool listsTypes = false;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name == SerializationNamespace + "JsonPolymorphicAttribute"
                && attribute.NamedArguments.Any(a => a.Key == "UnknownDerivedTypeHandling" && a.Value.Value is int handling && handling != 0))
            {
                return false;
            }

            listsTypes |= name == SerializationNamespace + "JsonDerivedTypeAttribute";
        }

        return listsTypes;
    }

    private static bool TypeMayFailWriting(ITypeSymbol type, HashSet<ITypeSymbol> visited)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return TypeMayFailWriting(array.ElementType, visited);
            case ITypeParameterSymbol:
                // Any type argument: a Half, a converter's type or a polymorphic base may stand behind it.
                return true;
            case INamedTypeSymbol named:
                if (FindConverterAttribute(named) is { } attribute && !(named.TypeKind == TypeKind.Enum && IsStringEnumConverter(attribute)))
                {
                    return true;
                }

                if (named.ToDisplayString() == "System.Half")
                {
                    return true;
                }

                if (named.IsGenericType && named.TypeArguments.Any(a => TypeMayFailWriting(a, visited)))
                {
                    return true;
                }

                return IsJsonObject(named) && MayFailWriting(named, visited);
            default:
                return false;
        }
    }

    /// <summary>A <c>[JsonConverter]</c>, or an attribute derived from <c>JsonConverterAttribute</c> (which System.Text.Json also honours).</summary>
    private static AttributeData? FindConverterAttribute(ISymbol symbol)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            for (INamedTypeSymbol? t = attribute.AttributeClass; t is not null; t = t.BaseType)
            {
                if (t.ToDisplayString() == SerializationNamespace + "JsonConverterAttribute")
                {
                    return attribute;
                }
            }
        }

        return null;
    }

    private static bool IsStringEnumConverter(AttributeData converter)
    {
        if (converter.AttributeClass?.ToDisplayString() != SerializationNamespace + "JsonConverterAttribute")
        {
            return false;
        }

        if (converter.ConstructorArguments.Length != 1 || converter.ConstructorArguments[0].Value is not INamedTypeSymbol converterType)
        {
            return false;
        }

        string name = converterType.OriginalDefinition.ToDisplayString();
        return name is SerializationNamespace + "JsonStringEnumConverter" or SerializationNamespace + "JsonStringEnumConverter<TEnum>";
    }
}
