using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

// [JsonExtensionData]: the member System.Text.Json writes after the others and reads every unmapped member into. The
// contracts System.Text.Json rejects (InvalidOperationException when it builds the contract) are VLG103 with its message;
// the shapes it accepts that are not compiled yet are VLG103 saying so; never other bytes.
internal sealed partial class Parser
{
    private const string ExtensionDataAttribute = SerializationNamespace + "JsonExtensionDataAttribute";

    private ExtensionDataModel? _extensionData;
    private LocationInfo? _extensionDataLocation;
    private bool _extensionDataSeen;

    // An init-only (or unreachable) setter is not compiled yet; reported after the constructor check, which System.Text.Json makes first.
    private bool _extensionDataSetterRefused;

    /// <summary>Whether <paramref name="symbol"/> is an extension data member this parser takes over (not one [JsonIgnore]d always, which is ignored like any member).</summary>
    private static bool IsExtensionDataMember(ISymbol symbol) =>
        FindAttribute(symbol, ExtensionDataAttribute) is not null
        && !(FindAttribute(symbol, SerializationNamespace + "JsonIgnoreAttribute") is { } ignore && IgnoreConditionOf(ignore) == 1);

    private static int IgnoreConditionOf(AttributeData ignore)
    {
        foreach (var named in ignore.NamedArguments)
        {
            if (named.Key == "Condition" && named.Value.Value is int condition)
            {
                return condition;
            }
        }

        return 1;
    }

    private void CreateExtensionData(ISymbol symbol, ITypeSymbol memberType, bool canGet, bool canSet, LocationInfo? location)
    {
        string typeDisplay = _type.ToDisplayString();
        if (_extensionDataSeen)
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"The type '{typeDisplay}' cannot have more than one member that has the attribute 'System.Text.Json.Serialization.JsonExtensionDataAttribute'.");
            _extensionData = null;
            return;
        }

        _extensionDataSeen = true;
        _extensionDataLocation = location;
        ITypeSymbol? valueType = ExtensionValueType(memberType);
        if (valueType is null)
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location, ExtensionTypeRefusal(symbol, memberType));
            return;
        }

        if (FindAttribute(symbol, SerializationNamespace + "JsonIgnoreAttribute") is not null)
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"[JsonIgnore] with a condition on the extension data member '{symbol.Name}' is not compiled yet: only [JsonIgnore] (always) is, which ignores the member");
            return;
        }

        if (symbol is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }
            || FindAttribute(symbol, SerializationNamespace + "JsonRequiredAttribute") is not null)
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"JsonPropertyInfo '{JsonNameOf(symbol)}' defined in type '{typeDisplay}' is marked both as required and as an extension data property. This combination is not supported.");
            return;
        }

        if (FindAttribute(symbol, SerializationNamespace + "JsonNumberHandlingAttribute") is not null)
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"'JsonNumberHandlingAttribute' is only valid on a number or a collection of numbers when applied to a property or field. See member '{symbol.Name}' on type '{DisplayName(_type)}'.");
            return;
        }

        if (FindConverterAttribute(symbol) is not null)
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"[JsonConverter] on the extension data member '{symbol.Name}' is not compiled yet");
            return;
        }

        string? notCompiled = null;
        if (!canGet)
        {
            notCompiled = "it has no getter";
        }
        else if (_type.IsValueType && (_typeCreation is null ? _options.Populate : _typeCreation == 1))
        {
            notCompiled = "its type is a struct populated (JsonObjectCreationHandling.Populate)";
        }

        if (notCompiled is not null)
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"[JsonExtensionData] on '{symbol.Name}' is not compiled yet: {notCompiled}");
            return;
        }

        string valueName = valueType.ToDisplayString(TypeNameFormat);
        TypeShape value = BuiltInConverterShape(valueType, valueName, DisplayName(valueType))!;
        if (_options.WriteIndented)
        {
            Report(JsonDiagnostics.IndentedDocumentValue, location, symbol.Name, memberType.ToDisplayString());
            return;
        }

        NumberHandling numberHandling = _typeNumberHandling ?? _options.NumberHandling;
        if ((numberHandling & (NumberHandling.WriteAsString | NumberHandling.AllowNamedFloatingPointLiterals)) != 0 && ContainsObjectValue(value))
        {
            Report(JsonDiagnostics.ObjectWithNumberHandling, location, symbol.Name, JsonOptionsModel.Describe(numberHandling));
            return;
        }

        _extensionDataSetterRefused = canSet && AssignKind(symbol) != ReadKind.Setter;
        _extensionData = new ExtensionDataModel(
            symbol.Name,
            value,
            "global::System.Collections.Generic.Dictionary<string, " + valueName + ">",
            Readable: canSet);
    }

    /// <summary>The value type (<c>object</c> or <c>JsonElement</c>) of a <c>Dictionary&lt;string, V&gt;</c> or <c>IDictionary&lt;string, V&gt;</c>; null for other types.</summary>
    private static ITypeSymbol? ExtensionValueType(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 2 } named
            || named.TypeArguments[0].SpecialType != SpecialType.System_String
            || !IsExtensionValue(named.TypeArguments[1]))
        {
            return null;
        }

        string definition = named.ConstructedFrom.ToDisplayString();
        return definition is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.Dictionary<TKey, TValue>" ? named.TypeArguments[1] : null;
    }

    private static bool IsExtensionValue(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Object || type.ToDisplayString() == "System.Text.Json.JsonElement";

    private static string ExtensionTypeRefusal(ISymbol symbol, ITypeSymbol memberType)
    {
        if (memberType.ToDisplayString() is "System.Text.Json.Nodes.JsonObject" or "System.Text.Json.Nodes.JsonObject?")
        {
            return $"[JsonExtensionData] on the JsonObject member '{symbol.Name}' is not compiled: System.Text.Json writes its entries as a nameless object inside the containing one ({{\"a\":1,{{\"k\":1}}}}, not valid JSON); use Dictionary<string, JsonElement> or Dictionary<string, object>";
        }

        bool implements = memberType.AllInterfaces.Concat(memberType is INamedTypeSymbol { TypeKind: TypeKind.Interface } self ? new[] { self } : Array.Empty<INamedTypeSymbol>())
            .Any(i => i.ConstructedFrom.ToDisplayString() == "System.Collections.Generic.IDictionary<TKey, TValue>"
                && i.TypeArguments[0].SpecialType == SpecialType.System_String && IsExtensionValue(i.TypeArguments[1]));
        if (implements)
        {
            return $"[JsonExtensionData] on '{symbol.Name}' of type '{memberType.ToDisplayString()}' is not compiled yet: Dictionary<string, V> and IDictionary<string, V> (V object or JsonElement) are";
        }

        // System.Text.Json's InvalidOperationException names the member as '<type>.<member>'.
        return $"The extension data property '{memberType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString()}.{symbol.Name}' is invalid. It must implement 'IDictionary<string, JsonElement>' or 'IDictionary<string, object>', or be 'JsonObject'.";
    }

    /// <summary>
    /// The type-level rules System.Text.Json checks once the members are known: the extension data member cannot bind to
    /// a constructor parameter, and conflicts with the type's own <c>[JsonUnmappedMemberHandling(Disallow)]</c> (the
    /// options' Disallow yields to it: unmapped members go into it).
    /// </summary>
    private bool CheckExtensionDataContract(IMethodSymbol? constructor, bool disallowUnmapped)
    {
        if (_extensionData is not { } extension)
        {
            return disallowUnmapped;
        }

        if (constructor is not null && constructor.Parameters.Any(p => string.Equals(p.Name, extension.Name, StringComparison.OrdinalIgnoreCase)))
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, _extensionDataLocation,
                $"The extension data property '{extension.Name}' on type '{_type.ToDisplayString()}' cannot bind with a parameter in the deserialization constructor.");
            _extensionData = null;
            return disallowUnmapped;
        }

        if (disallowUnmapped && _type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == SerializationNamespace + "JsonUnmappedMemberHandlingAttribute"))
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, _extensionDataLocation,
                $"The type '{_type.ToDisplayString()}' is marked 'JsonUnmappedMemberHandling.Disallow' which conflicts with extension data property '{extension.Name}'.");
            _extensionData = null;
            return disallowUnmapped;
        }

        if (_extensionDataSetterRefused)
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, _extensionDataLocation,
                $"[JsonExtensionData] on '{extension.Name}' is not compiled yet: its setter is init-only or not accessible from the type");
            _extensionData = null;
            return disallowUnmapped;
        }

        return false;
    }
}
